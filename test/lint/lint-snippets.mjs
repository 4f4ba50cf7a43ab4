// Lints source snippets as if they sat at the given paths, with the repository's eslint.config.mjs, and
// prints each one's no-restricted-imports and no-restricted-syntax messages as JSON. Run in its own process by boundaries.spec.ts:
// ESLint loads its flat config with a dynamic import, which jest's module sandbox does not allow.
import process from 'node:process';
import { ESLint } from 'eslint';

const input = JSON.parse(await new Promise((resolve) => {
  let text = '';
  process.stdin.on('data', (chunk) => (text += chunk));
  process.stdin.on('end', () => resolve(text));
}));
const eslint = new ESLint({ cwd: process.cwd() });
const results = [];
for (const { filePath, code } of input) {
  const [result] = await eslint.lintText(code, { filePath });
  results.push({ filePath, messages: result.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax' || m.fatal).map((m) => m.message) });
}
process.stdout.write(JSON.stringify(results));
