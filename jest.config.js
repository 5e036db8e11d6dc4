// ESM TypeScript, each file transpiled on its own by swc (@swc/jest: a fresh clone's first run spent some 8 CPU
// seconds in ts-jest's TypeScript transpiler, swc a fraction of that); type checking runs separately
// (`npm run typecheck`). ts-jest-resolver maps the `.js` of an import to the `.ts` file. `npm test` gives the
// workers a 32 MB young generation (--max-semi-space-size): each file loads its modules afresh, and with V8's
// default the collector took some 15 % of the CPU (measured on the unit files: about a fifth less CPU with it).
//
// Two projects, run together by `npm test` (select one with `npm test -- --selectProjects integration`):
// - unit: in-process tests of src/ and sim/;
// - integration: every file that runs something real as a process: the bundle (dist/index.js, dist/cli/index.js),
//   pip and Python (the scanner, Jinja2 as an oracle), the simulator's CLI. CI runs this project a second time
//   under Node 24, the action's runtime. __tests__/jest-projects.test.ts keeps the list below complete.

/** Test files of the integration project, relative to the repository root. */
export const INTEGRATION = [
  '__tests__/action/audit.test.ts',
  '__tests__/action/bad-inputs.test.ts',
  '__tests__/action/builtin.test.ts',
  '__tests__/action/cli.test.ts',
  '__tests__/action/dist.test.ts',
  '__tests__/action/e2e.test.ts',
  '__tests__/action/release-gate.test.ts',
  '__tests__/action/reports.test.ts',
  '__tests__/action/runner.test.ts',
  '__tests__/engine/template.test.ts',
  '__tests__/scanner/parts.test.ts',
  '__tests__/scanner/runner.test.ts',
  '__tests__/security/allowed-evidence.test.ts',
  '__tests__/security/comment-identity.test.ts',
  '__tests__/security/finding-volume.test.ts',
  '__tests__/security/log-injection.test.ts',
  '__tests__/security/nothing-to-verify.test.ts',
  '__tests__/security/redaction.test.ts',
  '__tests__/security/report-paths.test.ts',
  '__tests__/security/scanner-env.test.ts',
  '__tests__/security/scanner-requirements.test.ts',
  '__tests__/security/scanner-venv.test.ts',
  '__tests__/security/template-bypass.test.ts',
  '__tests__/sim/cli.test.ts'
]

/** What both projects share. */
const project = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  resolver: 'ts-jest-resolver',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022', keepClassNames: true },
        module: { type: 'es6' },
        sourceMaps: 'inline'
      }
    ]
  },
  // closes the simulators a file started and checks their responses against the OpenAPI contract
  setupFilesAfterEnv: ['<rootDir>/__tests__/helpers/setup.ts'],
  // `yaml`, but with the OpenAPI documents parsed once per run (__tests__/helpers/spec-cache.ts)
  moduleNameMapper: { '^yaml$': '<rootDir>/__tests__/helpers/spec-yaml.ts' },
  clearMocks: true
}

/** @type {import('jest').Config} */
export default {
  projects: [
    {
      ...project,
      displayName: 'unit',
      // negated globs rather than testPathIgnorePatterns, which a command-line --testPathIgnorePatterns replaces
      testMatch: ['<rootDir>/__tests__/**/*.test.ts', ...INTEGRATION.map((f) => `!**/${f}`)]
    },
    {
      ...project,
      displayName: 'integration',
      testMatch: INTEGRATION.map((f) => `<rootDir>/${f}`)
    }
  ],
  // fixtures built once per run, before any file, for every file of both projects
  globalSetup: '<rootDir>/__tests__/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/__tests__/helpers/global-teardown.ts',
  // three on a 2-core machine: much of the suite waits on child processes (pip, Python, the bundle) and
  // loopback I/O, so a third worker keeps both cores busy (measured back to back: 185 s with two, 155 s with three)
  maxWorkers: 3,
  testSequencer: '<rootDir>/__tests__/helpers/sequencer.js',
  testTimeout: 30000,
  collectCoverageFrom: ['src/**/*.ts', 'sim/**/*.ts'],
  coverageReporters: ['text-summary', 'lcov']
}
