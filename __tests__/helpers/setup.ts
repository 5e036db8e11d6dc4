import { afterAll } from '@jest/globals'
import { checkAll } from './contract.js'
import { started } from './sim.js'

// After each test file: close its simulators and fail the file if any of their responses broke the spec.
afterAll(async () => {
  const sims = started.splice(0)
  await Promise.all(sims.map((s) => s.close()))
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
