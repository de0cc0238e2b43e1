// `npm run test:durability`: the crash-durability suite (issue 7). Starts the app as a child process
// on a throwaway SQLite file, SIGKILLs it under a write load and checks what survived. Not part of
// `npm test` (it owns a port and Redis keys for a minute or two); `.ci/run` runs it as its own step.
module.exports = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testEnvironment: 'node',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/durability/**/*.durability-spec.ts'],
  testTimeout: 600000, // a loaded 2-core machine starts the app 6 times through ts-node
  maxWorkers: 1,
  reporters: ['default', ['<rootDir>/test/utils/json-summary-reporter.js', { name: 'durability' }]],
};
