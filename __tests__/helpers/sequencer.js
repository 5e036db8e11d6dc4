import TestSequencer from '@jest/test-sequencer'

/**
 * The slowest files first. Jest orders files by their last durations when it has them, by size on a fresh
 * checkout (CI, a new clone); there the long files (real pip installs, request timeouts, many bundle runs)
 * could start last and stretch the run by half a minute. Starting them first keeps a fresh run as short as a
 * warm one; after them, jest's own order.
 */
const SLOW_FIRST = [
  '__tests__/action/runner.test.ts',
  '__tests__/gate/fault-matrix.test.ts',
  '__tests__/scanner/runner.test.ts',
  '__tests__/security/scanner-venv.test.ts',
  '__tests__/action/reports.test.ts',
  '__tests__/action/audit.test.ts',
  '__tests__/action/e2e.test.ts',
  '__tests__/security/scanner-requirements.test.ts',
  '__tests__/security/scanner-env.test.ts',
  '__tests__/action/builtin.test.ts'
]

const rank = (path) => {
  const i = SLOW_FIRST.findIndex((f) => path.replaceAll('\\', '/').endsWith(f))
  return i < 0 ? SLOW_FIRST.length : i
}

export default class SlowFirst extends TestSequencer {
  sort(tests) {
    const ordered = super.sort(tests)
    // a stable sort: the named files in their order, then the rest as jest ordered them
    return [...ordered].sort((a, b) => rank(a.path) - rank(b.path))
  }
}
