import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/**
 * The split of jest.config.js: a test file that runs something real as a process (the bundle, pip, Python, the
 * simulator's CLI) belongs to the integration project, which CI runs again under Node 24; everything else is a
 * unit test. This keeps the list in jest.config.js complete as files are added.
 */

const ROOT = fileURLToPath(new URL('../', import.meta.url))

/** What makes a file an integration test: a call that starts one of those processes. */
const MARKERS: Array<[string, RegExp]> = [
  ['runs dist/ (helpers/run-dist.ts)', /\b(runAction|runDist|runProcess)\(/],
  [
    'installs or probes the scanner with real pip and Python',
    /\b(prepareScanner|installScanner|findPython)\(/
  ],
  ['runs Python as an oracle (helpers/jinja.ts)', /from '\.\.\/helpers\/jinja\.js'/],
  ['runs python3', /\b(execFile|execFileSync|spawn|spawnSync)\(\s*'python3'/],
  ['starts a Node process', /process\.execPath/]
]

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? testFiles(join(dir, e.name))
      : e.name.endsWith('.test.ts')
        ? [relative(ROOT, join(dir, e.name)).split('\\').join('/')]
        : []
  )
}

const configUrl = pathToFileURL(join(ROOT, 'jest.config.js')).href

describe('jest projects', () => {
  it('every file that starts a real process is an integration test, and only those are', async () => {
    const { INTEGRATION } = (await import(configUrl)) as { INTEGRATION: string[] }
    const files = testFiles(join(ROOT, '__tests__')).sort()
    expect(files.length).toBeGreaterThan(50)
    const why = (f: string) => {
      const text = readFileSync(join(ROOT, f), 'utf8')
      return MARKERS.filter(([, re]) => re.test(text)).map(([what]) => what)
    }
    const misplaced = files.flatMap((f) => {
      const reasons = why(f)
      const listed = INTEGRATION.includes(f)
      if (reasons.length > 0 && !listed) return [`${f} ${reasons.join(', ')}: add it to INTEGRATION`]
      if (reasons.length === 0 && listed) return [`${f} starts no process: remove it from INTEGRATION`]
      return []
    })
    expect(misplaced).toEqual([])
    expect(INTEGRATION.filter((f) => !files.includes(f))).toEqual([])
  })
})
