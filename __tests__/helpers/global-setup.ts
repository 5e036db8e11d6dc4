import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type * as Yaml from 'yaml'

/**
 * Once per `npm test`, before any test file of either project: what every file would otherwise work out for
 * itself. The workers inherit the environment set here; global-teardown.ts removes what this makes.
 *
 * - The parse of the OpenAPI documents the simulator and the contract checker read (spec/airs-openapi/*.yml):
 *   YAML-parsing them took about a third of a CPU second in every file that started a simulator. Each document's
 *   parse is written, as JSON, to a directory of the run named by AIRS_TEST_SPEC_CACHE, under the sha256 of its
 *   text; spec-yaml.ts, which the test projects load as `yaml`, serves a copy of it for exactly that text.
 * - Python: `python3` on PATH may be a version manager's shim (pyenv's starts a dozen shell processes, a quarter
 *   of a CPU second, each time), and the tests and the scanner they run start it some fifty times a run. The
 *   directory of the interpreter it leads to goes first on PATH, as actions/setup-python puts its own: the same
 *   interpreter, found at once.
 *
 * (Jest runs this module outside its module system, so it imports nothing of the tests'; spec-yaml.ts imports
 * from it.)
 */

export const SPEC_CACHE_VAR = 'AIRS_TEST_SPEC_CACHE'
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
/** The real `yaml` package. */
export const REAL_YAML = path.join(ROOT, 'node_modules', 'yaml', 'dist', 'index.js')

/** Where the parse of `text` is kept in the cache directory `dir`. */
export const cacheFile = (dir: string, text: string) =>
  path.join(dir, `${createHash('sha256').update(text).digest('hex')}.json`)

export default function globalSetup(): void {
  const yaml = createRequire(import.meta.url)(REAL_YAML) as typeof Yaml
  const specs = path.join(ROOT, 'spec', 'airs-openapi')
  const dir = mkdtempSync(path.join(tmpdir(), 'airs-test-run-'))
  for (const name of readdirSync(specs).filter((n) => n.endsWith('.yml'))) {
    const text = readFileSync(path.join(specs, name), 'utf8')
    const json = JSON.stringify(yaml.parse(text))
    // only a parse JSON holds exactly: any other document is parsed in each file, as before
    if (JSON.stringify(JSON.parse(json)) === json) writeFileSync(cacheFile(dir, text), json)
  }
  process.env[SPEC_CACHE_VAR] = dir

  try {
    const python = execFileSync('python3', ['-I', '-S', '-c', 'import sys; print(sys.executable)'], {
      encoding: 'utf8'
    }).trim()
    if (path.isAbsolute(python))
      process.env.PATH = [path.dirname(python), process.env.PATH].filter(Boolean).join(path.delimiter)
  } catch {
    // no Python here: the tests that need it say so
  }
}
