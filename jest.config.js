/**
 * Three tiers (DESIGN.md 8): unit = pure and colocated (*.spec.ts); integration = real emulators
 * (*.int-spec.ts); e2e = booted apps, sockets and browsers (*.e2e-spec.ts).
 */
// Node 20 is this project's supported runtime; the SDK's notice about its future floor is noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const shared = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/cli', '<rootDir>/test'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }],
  },
  moduleNameMapper: { '^@buddie/([^/]+)$': '<rootDir>/libs/$1/src' },
  modulePathIgnorePatterns: ['<rootDir>/dist', '<rootDir>/apps/dashboard'],
};

/** Integration and e2e tiers share one set of emulators per run (DynamoDB Local, fauxqs, kinesalite). */
const emulated = {
  globalSetup: '<rootDir>/test/jest/global-setup.js',
  globalTeardown: '<rootDir>/test/jest/global-teardown.js',
  // testTimeout is a global-only option; a per-project setup file sets it for these tiers.
  setupFilesAfterEnv: ['<rootDir>/test/jest/emulated-timeout.ts'],
  slowTestThreshold: 30,
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    { ...shared, ...emulated, displayName: 'integration', testMatch: ['**/*.int-spec.ts'] },
    { ...shared, ...emulated, displayName: 'e2e', testMatch: ['**/*.e2e-spec.ts'] },
  ],
};
