import { expect, it } from '@jest/globals'
import { HASH_FILE, recordedHash, sourceHash } from '../../scripts/source-hash.js'

/**
 * dist/ is what the action runs and what the integration tests run as a process: it must be built from the
 * sources in this tree. The build records the hash of what it bundled (scripts/source-hash.ts); a change to src/,
 * the locked dependencies or the build command without `npm run build` fails here, by name.
 */

it('dist/ was built from these sources', () => {
  const recorded = recordedHash()
  const current = sourceHash()
  expect(
    recorded === current
      ? ''
      : `dist/ is stale: run npm run build (${HASH_FILE} ${recorded ? `records ${recorded}, the sources hash to ${current}` : 'is missing'})`
  ).toBe('')
})
