// ESM TypeScript under ts-jest. `isolatedModules` in tsconfig makes ts-jest transpile each file on its own;
// type checking runs separately (`npm run typecheck`), so tests start fast.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  resolver: 'ts-jest-resolver',
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.check.json' }]
  },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  setupFilesAfterEnv: ['<rootDir>/__tests__/helpers/setup.ts'],
  maxWorkers: 2,
  clearMocks: true,
  testTimeout: 30000,
  collectCoverageFrom: ['src/**/*.ts', 'sim/**/*.ts'],
  coverageReporters: ['text-summary', 'lcov']
}
