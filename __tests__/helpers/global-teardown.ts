import { rmSync } from 'node:fs'

/** After the run: the directory global-setup.ts made (named by AIRS_TEST_SPEC_CACHE). */
export default function globalTeardown(): void {
  const dir = process.env.AIRS_TEST_SPEC_CACHE
  if (dir) rmSync(dir, { recursive: true, force: true })
}
