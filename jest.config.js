/**
 * Three projects: fast unit tests, workflow tests on Temporal's time-skipping test server with stub activities, and
 * end-to-end tests on a real Temporal dev server.
 */
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] };

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 120000,
  // Once every test has finished and the global teardowns have stopped the servers, exit: one CI run in three this
  // session saw Jest's parent process stay up after a green run with no child process, socket or server left (an
  // unidentified handle, not a test), which would hold CI until its timeout. Results and the exit code are unchanged.
  forceExit: true,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      // The Secrets Manager destination is tested against moto, installed (once per machine) before any test.
      globalSetup: '<rootDir>/test/support/moto-setup.ts',
    },
    {
      displayName: 'workflows',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/workflows/**/*.test.ts'],
      globalSetup: '<rootDir>/test/workflows/setup/global-setup.ts',
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
