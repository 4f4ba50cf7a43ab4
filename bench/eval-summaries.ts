/**
 * Summary quality harness: ROUGE of the offline summarizer against DialogSum human references,
 * next to the Lead-3 and Longest-3 extractive baselines computed in the same run.
 *   npm run eval:summaries [-- --data <file.jsonl>] [--limit N]
 */
import { rougeMultiRef, summarizeOffline, summaryToProse, type RougeScores } from '@buddie/domain';
import { defaultDialogSumPath, dialogueToTranscript, loadDialogSum, utterances, type DialogSumExample } from './lib/dialogsum';

type Summarizer = (example: DialogSumExample) => string;

const FIXED_NOW = new Date('2024-03-12T14:00:00.000Z');

export const systems: Record<string, Summarizer> = {
  'Lead-3': (e) => utterances(e.dialogue).slice(0, 3).map((u) => `${u.speaker}: ${u.text}`).join(' '),
  'Longest-3': (e) => {
    const all = utterances(e.dialogue).map((u, i) => ({ u, i }));
    const longest = [...all].sort((a, b) => b.u.text.length - a.u.text.length || a.i - b.i).slice(0, 3).sort((a, b) => a.i - b.i);
    return longest.map(({ u }) => `${u.speaker}: ${u.text}`).join(' ');
  },
  'Offline (Buddie)': (e) => {
    const summary = summarizeOffline(dialogueToTranscript(e), { contactId: e.fname, now: FIXED_NOW });
    return summaryToProse(summary, { agent: '#Person1#', customer: '#Person2#' });
  },
};

export function evaluate(examples: DialogSumExample[]): Record<string, RougeScores & { words: number }> {
  const out: Record<string, RougeScores & { words: number }> = {};
  for (const [name, summarize] of Object.entries(systems)) {
    const sum = { r1: [0, 0, 0], r2: [0, 0, 0], rl: [0, 0, 0], words: 0 };
    for (const e of examples) {
      const prediction = summarize(e);
      const s = rougeMultiRef(e.summaries, prediction);
      sum.words += prediction.split(/\s+/).filter(Boolean).length;
      [s.rouge1, s.rouge2, s.rougeL].forEach((m, k) => {
        const acc = [sum.r1, sum.r2, sum.rl][k];
        acc[0] += m.precision;
        acc[1] += m.recall;
        acc[2] += m.f1;
      });
    }
    const n = examples.length;
    const avg = (a: number[]) => ({ precision: a[0] / n, recall: a[1] / n, f1: a[2] / n });
    out[name] = { rouge1: avg(sum.r1), rouge2: avg(sum.r2), rougeL: avg(sum.rl), words: sum.words / n };
  }
  return out;
}

function main(argv: string[]): void {
  const dataIndex = argv.indexOf('--data');
  const limitIndex = argv.indexOf('--limit');
  const file = dataIndex >= 0 ? argv[dataIndex + 1] : defaultDialogSumPath();
  let examples = loadDialogSum(file);
  if (limitIndex >= 0) examples = examples.slice(0, Number(argv[limitIndex + 1]));
  const results = evaluate(examples);
  const pct = (x: number) => (100 * x).toFixed(2).padStart(6);
  console.log(`DialogSum test (first ${examples.length}), ROUGE F1 x100, max over ${examples[0]?.summaries.length ?? 0} references, rouge-score tokenization, no stemming`);
  console.log(`${'system'.padEnd(18)} | ROUGE-1 | ROUGE-2 | ROUGE-L | avg words`);
  console.log(`${'-'.repeat(18)}-|---------|---------|---------|----------`);
  for (const [name, r] of Object.entries(results)) {
    console.log(`${name.padEnd(18)} |  ${pct(r.rouge1.f1)} |  ${pct(r.rouge2.f1)} |  ${pct(r.rougeL.f1)} | ${r.words.toFixed(1).padStart(8)}`);
  }
  const ours = results['Offline (Buddie)'];
  const base = results['Longest-3'];
  const beats = ours.rouge1.f1 > base.rouge1.f1 && ours.rouge2.f1 > base.rouge2.f1 && ours.rougeL.f1 > base.rougeL.f1;
  console.log(beats ? 'Offline summarizer beats Longest-3 on ROUGE-1/2/L F1.' : 'Offline summarizer does NOT beat Longest-3 on every metric.');
  process.exitCode = beats ? 0 : 1;
}

if (require.main === module) main(process.argv.slice(2));
