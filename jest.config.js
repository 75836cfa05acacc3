/**
 * Jest runs the end-to-end suites in test/ (real api and worker processes started from dist/).
 * Unit specs beside the code (`*.spec.ts`) run on Vitest (vitest.config.mts), which loads Nest 12's
 * ESM, so services can be tested with their repositories mocked.
 */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

module.exports = {
  maxWorkers: 2,
  testTimeout: 90_000,
  moduleFileExtensions: ['js', 'json', 'ts'],
  rootDir: '.',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.spec.json' }] },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
  slowTestThreshold: 30,
};
