import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { GateError } from '../../src/util/gate-error.js'
import { outputPath, readInputs } from '../../src/inputs.js'
import { ConfinedPathError, findConfined, readConfined, writeConfined } from '../../src/util/confine.js'
import { CLI, runAction, runProcess } from '../helpers/run-dist.js'

/**
 * Attack class: report, SARIF and read paths that leave the job's own folders. The checkout belongs to the pull
 * request, so any name in it may be a link planted to make a write overwrite another file, land in the runner's
 * command files (GITHUB_ENV: code execution in later steps), print into the log (/proc/self/fd/1), or to make a
 * read pull in a file from elsewhere. Generated over path forms × link plants × inputs; then through the bundled
 * action and CLI.
 */

let root: string
let ws: string
let temp: string
let outside: string
let env: Record<string, string>
const SECRET = 'outside-file-content-7f3e'
/** a harmless pickle: {'a': 1} */
const PICKLE = Buffer.from('8004950a000000000000007d948c0161944b01732e', 'hex')

beforeAll(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'airs-paths-')))
  outside = path.join(root, 'outside')
  fs.mkdirSync(outside)
})
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

beforeEach(() => {
  const run = fs.mkdtempSync(path.join(root, 'run-'))
  ws = path.join(run, 'ws')
  temp = path.join(run, 'temp')
  fs.mkdirSync(ws)
  fs.mkdirSync(path.join(temp, '_runner_file_commands'), { recursive: true })
  fs.writeFileSync(path.join(outside, 'victim.txt'), SECRET)
  const cmd = (name: string) => {
    const f = path.join(temp, '_runner_file_commands', `${name}_0001`)
    fs.writeFileSync(f, '')
    return f
  }
  env = {
    GITHUB_WORKSPACE: ws,
    RUNNER_TEMP: temp,
    GITHUB_ENV: cmd('set_env'),
    GITHUB_PATH: cmd('add_path'),
    GITHUB_OUTPUT: cmd('set_output'),
    GITHUB_STATE: cmd('save_state'),
    GITHUB_STEP_SUMMARY: cmd('step_summary')
  }
})

/** Every way to name a place outside the workspace and RUNNER_TEMP, or a forbidden place inside them. */
const escapes = (): string[] => [
  path.join(outside, 'victim.txt'),
  path.join(outside, 'new.json'),
  '/etc/passwd-copy.json',
  '/proc/self/fd/1',
  '/dev/stdout',
  '/proc/nope/report.json',
  '../escape.json',
  'a/../../escape.json',
  './a/./../../../escape.json',
  env.GITHUB_ENV!,
  env.GITHUB_OUTPUT!,
  env.GITHUB_PATH!,
  env.GITHUB_STATE!,
  env.GITHUB_STEP_SUMMARY!,
  path.join(temp, '_runner_file_commands', 'other'),
  '.git/config',
  'sub/.git/hooks/pre-commit',
  `${ws}${path.sep}..${path.sep}escape.json`
]

/** Links planted in the workspace: [where the input points, what to plant there]. */
const plants = (): [string, () => void][] => [
  [
    'link-to-outside-file.json',
    () => fs.symlinkSync(path.join(outside, 'victim.txt'), path.join(ws, 'link-to-outside-file.json'))
  ],
  ['link-to-stdout.json', () => fs.symlinkSync('/proc/self/fd/1', path.join(ws, 'link-to-stdout.json'))],
  ['link-to-env.json', () => fs.symlinkSync(env.GITHUB_ENV!, path.join(ws, 'link-to-env.json'))],
  [
    'dangling.json',
    () => fs.symlinkSync(path.join(outside, 'created-by-link.json'), path.join(ws, 'dangling.json'))
  ],
  [
    'link-inside.json',
    () => {
      fs.writeFileSync(path.join(ws, 'real.json'), 'x')
      fs.symlinkSync(path.join(ws, 'real.json'), path.join(ws, 'link-inside.json'))
    }
  ],
  ['dirlink/report.json', () => fs.symlinkSync(outside, path.join(ws, 'dirlink'))],
  [
    'deep/dirlink/report.json',
    () => {
      fs.mkdirSync(path.join(ws, 'deep'))
      fs.symlinkSync(outside, path.join(ws, 'deep', 'dirlink'))
    }
  ],
  ['a-directory', () => fs.mkdirSync(path.join(ws, 'a-directory'))],
  ['a-fifo.json', () => execFileSync('mkfifo', [path.join(ws, 'a-fifo.json')])],
  ['file-as-dir/report.json', () => fs.writeFileSync(path.join(ws, 'file-as-dir'), 'x')]
]

const outsideUntouched = () => {
  expect(fs.readFileSync(path.join(outside, 'victim.txt'), 'utf8')).toBe(SECRET)
  expect(fs.readdirSync(outside).sort()).toEqual(['victim.txt'])
  for (const f of ['GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY'])
    expect(fs.readFileSync(env[f]!, 'utf8')).toBe('')
}

describe('write paths: refused before anything is sent, never written', () => {
  it.each(['report-file', 'sarif-file'] as const)('%s: every escaping or forbidden path', async (input) => {
    for (const given of escapes()) {
      expect(() => outputPath(input, given, env)).toThrow(GateError)
      await expect(writeConfined(given, '{}', env)).rejects.toThrow(ConfinedPathError)
    }
    outsideUntouched()
  })

  it.each(plants())('a link or non-file planted at %s', async (given, plant) => {
    plant()
    const before = fs.readdirSync(ws).sort()
    expect(() => outputPath('report-file', given, env)).toThrow(/link|not a regular file|not a folder/)
    await expect(writeConfined(given, '{"leak": true}', env)).rejects.toThrow(ConfinedPathError)
    outsideUntouched()
    // nothing left behind either (no temporary file)
    expect(fs.readdirSync(ws).sort()).toEqual(before)
  })

  it('a link planted after the check, before the write: the rename replaces the link, never follows it', async () => {
    const file = outputPath('report-file', 'late.json', env)
    fs.symlinkSync(path.join(outside, 'victim.txt'), file)
    await expect(writeConfined(file, '{}', env)).rejects.toThrow(ConfinedPathError)
    outsideUntouched()
  })

  it('the default folder planted as a link in RUNNER_TEMP is refused', () => {
    fs.symlinkSync(outside, path.join(temp, 'airs-model-gate'))
    expect(() => outputPath('report-file', '', env)).toThrow(/symbolic link/)
  })

  it('ordinary paths still work: new folders, an existing report replaced, RUNNER_TEMP', async () => {
    for (const given of ['r.json', 'out/deep/r.sarif', path.join(temp, 'x', 'r.json')]) {
      const file = outputPath('report-file', given, env)
      await writeConfined(file, '{"a":1}', env)
      await writeConfined(file, '{"a":2}', env)
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ a: 2 })
    }
  })
})

describe('read paths: policy and the like stay inside too', () => {
  it.each([
    ['outside, absolute', () => path.join(outside, 'victim.txt')],
    ['outside, relative', () => path.relative(ws, path.join(outside, 'victim.txt'))],
    [
      'a link in the workspace to a file outside',
      () => {
        fs.symlinkSync(path.join(outside, 'victim.txt'), path.join(ws, 'policy.yml'))
        return 'policy.yml'
      }
    ],
    [
      'a file under a linked folder',
      () => {
        fs.symlinkSync(outside, path.join(ws, 'conf'))
        return 'conf/victim.txt'
      }
    ],
    ['a device', () => '/dev/zero'],
    [
      'a fifo (a read would wait forever)',
      () => {
        execFileSync('mkfifo', [path.join(ws, 'fifo.yml')])
        return 'fifo.yml'
      }
    ],
    [
      'a folder',
      () => {
        fs.mkdirSync(path.join(ws, 'dir.yml'))
        return 'dir.yml'
      }
    ]
  ])('%s is refused and its content never shown', (_, make) => {
    const given = make()
    fs.mkdirSync(path.join(ws, 'm'))
    fs.writeFileSync(path.join(ws, 'm', 'weights.pkl'), PICKLE)
    expect(() => readConfined(given, env, 1024 * 1024)).toThrow(ConfinedPathError)
    let message = ''
    try {
      readInputs((n) => ({ 'model-uri': 'm', engine: 'builtin', policy: given })[n] ?? '', env)
    } catch (e) {
      message = (e as Error).message
    }
    expect(message).toMatch(/^Invalid input policy:/)
    expect(message).not.toContain(SECRET)
  })
})

describe('through the bundled action and CLI', () => {
  it('the action refuses a planted report link, writes nothing through it, and still reports', async () => {
    fs.mkdirSync(path.join(ws, 'model'))
    fs.writeFileSync(path.join(ws, 'model', 'weights.pkl'), PICKLE)
    fs.symlinkSync(path.join(outside, 'victim.txt'), path.join(ws, 'gate-report.json'))
    const r = await runAction(
      { 'model-uri': 'model', engine: 'builtin', 'report-file': 'gate-report.json' },
      { GITHUB_WORKSPACE: ws }
    )
    expect(r.code).toBe(1)
    expect(r.outputs.error).toBe('INVALID_INPUT')
    expect(r.stdout).toContain('gate-report.json is a symbolic link')
    outsideUntouched()
    expect(r.report?.verdict).toBe('fail')
  })

  it('the CLI outside GitHub Actions writes into a new private folder, not a fixed one in /tmp', async () => {
    fs.mkdirSync(path.join(ws, 'model'))
    fs.writeFileSync(path.join(ws, 'model', 'weights.pkl'), PICKLE)
    const a = await runProcess(CLI, ['scan', '--engine', 'builtin', '--workspace', ws, 'model'], {})
    const b = await runProcess(CLI, ['scan', '--engine', 'builtin', '--workspace', ws, 'model'], {})
    const dirs = [a.stderr + a.stdout, b.stderr + b.stdout].map(
      (t) => /(\S*airs-model-gate-[A-Za-z0-9]{6})[/\\]cli-report\.json/.exec(t)?.[1]
    )
    expect(dirs[0]).toBeDefined()
    expect(dirs[1]).toBeDefined()
    expect(dirs[0]).not.toBe(dirs[1])
    for (const d of dirs) {
      expect(fs.statSync(d!).mode & 0o077).toBe(0)
      fs.rmSync(d!, { recursive: true, force: true })
    }
  })
})

describe('merge-reports folders: searched inside the job, without following links', () => {
  it('finds report.json files below the folder, not through a link out, nor in .git or node_modules', () => {
    const put = (rel: string) => {
      fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true })
      fs.writeFileSync(path.join(ws, rel), '{}')
    }
    put('legs/audit-1/report.json')
    put('legs/audit-2/deeper/report.json')
    put('legs/.git/report.json')
    put('legs/node_modules/x/report.json')
    fs.writeFileSync(path.join(outside, 'report.json'), SECRET)
    fs.symlinkSync(outside, path.join(ws, 'legs', 'linked'))
    expect(findConfined('legs', env, 'report.json', 10).map((f) => path.relative(ws, f))).toEqual([
      'legs/audit-1/report.json',
      'legs/audit-2/deeper/report.json'
    ])
    // a folder outside, or one reached through a link out, is refused
    expect(() => findConfined(outside, env, 'report.json', 10)).toThrow(ConfinedPathError)
    expect(() => findConfined('legs/linked', env, 'report.json', 10)).toThrow(ConfinedPathError)
    // more reports than asked for is an error, not a silent cut
    expect(() => findConfined('legs', env, 'report.json', 1)).toThrow(/more than 1 files named report\.json/)
  })
})
