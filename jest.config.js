// One `npm test` runs three projects: unit (no I/O), int (real Postgres and Redis), e2e (the desk).
const transform = {
  '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }],
};
const moduleNameMapper = {
  '^@qmt/domain/testing$': '<rootDir>/libs/domain/testing/index.ts',
  '^@qmt/persistence/testing$': '<rootDir>/libs/persistence/testing/index.ts',
  '^@qmt/contracts/fixtures$': '<rootDir>/libs/contracts/src/fixtures/index.ts',
  '^@qmt/migrations$': '<rootDir>/migrations/index.ts',
  '^@qmt/testkit$': '<rootDir>/test/kit/index.ts',
  '^@qmt/(domain|contracts|messaging|persistence|observability|runtime)$':
    '<rootDir>/libs/$1/src/index.ts',
  '^@qmt/(oms|risk|connector-miniqmt|desk)$': '<rootDir>/apps/$1/src/index.ts',
  '^(\\.{1,2}/.*)\\.js$': '$1',
};
const common = {
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts'],
  transform,
  moduleNameMapper,
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
export default {
  testTimeout: 30000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'int',
      // The connector's conformance suite (sim and bridge, same scenarios) and fault tests
      // live beside the app: apps/connector-miniqmt/test/{conformance,faults}.
      testMatch: [
        '<rootDir>/**/*.int-spec.ts',
        '<rootDir>/apps/connector-miniqmt/test/conformance/**/*.int-spec.ts',
      ],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
    },
  ],
};
