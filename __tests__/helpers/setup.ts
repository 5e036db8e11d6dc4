import { afterAll } from '@jest/globals'
import { started } from './started.js'

// After each test file: close its simulators and fail the file if any of their responses broke the spec. The
// OpenAPI contract checker is loaded only by the files that started a simulator.
afterAll(async () => {
  const sims = started.splice(0)
  if (sims.length === 0) return
  await Promise.all(sims.map((s) => s.close()))
  const { checkAll } = await import('./contract.js')
  const failures = sims.flatMap((s) => checkAll(s.recorded))
  if (failures.length > 0) {
    throw new Error(
      `Simulator responses that break the official OpenAPI contract:\n${failures
        .slice(0, 10)
        .map((f) => `  ${f.response}: ${f.problems.join('; ')}`)
        .join('\n')}`
    )
  }
})
