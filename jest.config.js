// Unit tests live beside the code (src/ **.spec.ts, scripts/ **.spec.ts); e2e tests in test/ boot the real app.
const tsJest = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
const common = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: tsJest,
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/setup-env.ts'],
};
module.exports = {
  maxWorkers: 2,
  testTimeout: 60000, // e2e files boot the whole app (argon2, migrations) on 2 cores; Jest reads this only at the top level
  reporters: ['default', ['<rootDir>/test/utils/json-summary-reporter.js', { name: 'unit-e2e' }]],
  projects: [
    {
      ...common,
      displayName: 'unit',
      rootDir: __dirname,
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
  ],
};
