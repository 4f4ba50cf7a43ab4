// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const apps = ['ingestion', 'summarizer', 'agent-monitor', 'ivr-journey', 'escalation', 'salesforce-sync', 'gateway'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'apps/dashboard/**', 'coverage/**', '.data/**', 'test-artifacts/**', '**/cdk.out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/apps/*', '**/apps/**'], message: 'Apps never import apps: share code through libs/ and talk through events.' }] }],
    },
  },
  // An app may import its own files by relative path; another app's, never (DESIGN.md 8).
  ...apps.map((app) => ({
    files: [`apps/${app}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', { patterns: apps.filter((other) => other !== app).flatMap((other) => [`**/${other}/src/**`, `**/apps/${other}/**`]).map((p) => ({ group: [p], message: 'Apps never import other apps.' })) }],
    },
  })),
  // libs/ never reach into apps.
  {
    files: ['libs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/apps/**'], message: 'libs/ must not depend on apps/.' }] }] },
  },
  { files: ['bin/**/*.js', '*.js', 'test/**/*.js', 'scripts/**/*.js'], languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly', Buffer: 'readonly' } }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
