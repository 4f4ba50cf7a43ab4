import { lcsLength, rougeMultiRef, rougeScores, rougeTokenize } from './rouge';

describe('ROUGE (rouge-score semantics, no stemming)', () => {
  it('tokenizes like rouge-score: lowercase, non-alphanumerics become spaces', () => {
    expect(rougeTokenize("#Person1# asks #Person2#'s help, 3-4 DAYS!")).toEqual(['person1', 'asks', 'person2', 's', 'help', '3', '4', 'days']);
  });

  it('given a hand-computed pair, then R1, R2 and RL match the arithmetic', () => {
    // ref: the cat sat on the mat (6 tokens); pred: the cat lay on the mat (6)
    // unigrams: the×2, cat, on, mat overlap = 5 -> P=R=F=5/6
    // bigrams: ref {the cat, cat sat, sat on, on the, the mat}; pred {the cat, cat lay, lay on, on the, the mat}: overlap 3 -> 3/5
    // LCS: the cat on the mat = 5 -> 5/6
    const s = rougeScores('the cat sat on the mat', 'The cat lay on the mat.');
    expect(s.rouge1.f1).toBeCloseTo(5 / 6, 10);
    expect(s.rouge2.f1).toBeCloseTo(3 / 5, 10);
    expect(s.rougeL.f1).toBeCloseTo(5 / 6, 10);
  });

  it('given different lengths, then precision and recall differ and F1 is their harmonic mean', () => {
    // ref: a b c d (4); pred: a c (2): unigram overlap 2 -> P=1, R=0.5, F=2/3; bigrams: none in common; LCS 2
    const s = rougeScores('a b c d', 'a c');
    expect(s.rouge1).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3 });
    expect(s.rouge2.f1).toBe(0);
    expect(s.rougeL.f1).toBeCloseTo(2 / 3, 10);
  });

  it('clips repeated n-grams to the reference count', () => {
    // pred "the the the" vs ref "the cat": overlap min(3,1)=1 -> P=1/3, R=1/2, F=0.4
    expect(rougeScores('the cat', 'the the the').rouge1.f1).toBeCloseTo(0.4, 10);
  });

  it('computes the LCS, not the longest common substring', () => {
    expect(lcsLength(['a', 'b', 'c', 'd', 'e'], ['a', 'x', 'c', 'y', 'e'])).toBe(3);
  });

  it('given several references, then each metric takes the best F1 independently', () => {
    const s = rougeMultiRef(['x y z', 'the cat sat on the mat'], 'the cat lay on the mat');
    expect(s.rouge1.f1).toBeCloseTo(5 / 6, 10);
    expect(rougeScores('', 'anything').rouge1.f1).toBe(0);
  });
});
