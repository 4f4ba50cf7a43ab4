/**
 * ROUGE as Google's rouge-score package computes it (no stemming): lowercase, every run of
 * characters outside [a-z0-9] becomes a space, split on whitespace. rougeL is the LCS over the
 * whole token sequence (rouge-score's `rougeL`, not the newline-split `rougeLsum`).
 * Lives in domain (pure) so the quality harness and its unit tests share one implementation.
 */
export interface RougeScore {
  precision: number;
  recall: number;
  f1: number;
}

export interface RougeScores {
  rouge1: RougeScore;
  rouge2: RougeScore;
  rougeL: RougeScore;
}

export function rougeTokenize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(/\s+/)
    .filter((t) => t.length > 0);
}

function score(overlap: number, predictionCount: number, referenceCount: number): RougeScore {
  const precision = predictionCount > 0 ? overlap / predictionCount : 0;
  const recall = referenceCount > 0 ? overlap / referenceCount : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

function ngramCounts(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function rougeN(reference: string[], prediction: string[], n: number): RougeScore {
  const ref = ngramCounts(reference, n);
  const pred = ngramCounts(prediction, n);
  let overlap = 0;
  for (const [gram, count] of pred) overlap += Math.min(count, ref.get(gram) ?? 0);
  return score(overlap, Math.max(0, prediction.length - n + 1), Math.max(0, reference.length - n + 1));
}

export function lcsLength(a: string[], b: string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) row[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], row[j - 1]);
    prev = row;
  }
  return prev[b.length];
}

export function rougeL(reference: string[], prediction: string[]): RougeScore {
  return score(lcsLength(reference, prediction), prediction.length, reference.length);
}

export function rougeScores(reference: string, prediction: string, tokenize: (s: string) => string[] = rougeTokenize): RougeScores {
  const ref = tokenize(reference);
  const pred = tokenize(prediction);
  return { rouge1: rougeN(ref, pred, 1), rouge2: rougeN(ref, pred, 2), rougeL: rougeL(ref, pred) };
}

/** Several references: each metric takes the reference with the best F1 (rouge-score's score_multi). */
export function rougeMultiRef(references: readonly string[], prediction: string, tokenize: (s: string) => string[] = rougeTokenize): RougeScores {
  const all = references.map((r) => rougeScores(r, prediction, tokenize));
  const best = (key: keyof RougeScores) => all.reduce((a, b) => (b[key].f1 > a[key].f1 ? b : a))[key];
  return { rouge1: best('rouge1'), rouge2: best('rouge2'), rougeL: best('rougeL') };
}
