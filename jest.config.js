/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/packages/crm-sandbox/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  testTimeout: 60000,
  setupFiles: ['<rootDir>/test/support/register-jobs.ts', '<rootDir>/test/support/log-level.ts'],
};
