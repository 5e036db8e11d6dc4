import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { inertJson } from '../../src/cli/run-cli.js'
import { defuse } from '../../src/util/text.js'
import type { Simulator } from '../../sim/server.js'
import { CLI, runAction, runProcess } from '../helpers/run-dist.js'
import {
  DOTNET_WHITESPACE,
  foreignCommands,
  INVISIBLE,
  runnerCommands,
  type RunnerCommand
} from '../helpers/runner-log.js'
import { startSim } from '../helpers/sim.js'

/**
 * Attack class: workflow commands smuggled into the job log. Any text that did not originate in the action (a
 * service answer, a file name in the model, a policy name, GitHub's reply) is printed; the runner trims every
 * .NET white-space character (NEL, U+2028, no-break spaces, …) before it looks for `::`, and reads `##[` anywhere.
 * A smuggled `::stop-commands::` would switch off the masks of secrets printed later; `::add-mask::`,
 * `::warning::` or `::set-env::` would forge the log. Generated, not sampled: every lead character × every line
 * break × every command, then random strings, then the same families through the bundled action and CLI.
 */

const COMMANDS = [
  '::add-mask::LEAKED',
  '::stop-commands::pwned',
  '::warning::forged',
  '::error file=x::forged',
  '::set-output name=verdict::pass',
  '::set-env name=NODE_OPTIONS::--require=/tmp/x',
  '::add-path::/tmp/evil',
  '::group::forged',
  '##[add-mask]LEAKED',
  '##[set-output name=verdict;]pass'
]
const BREAKS = ['', '\n', '\r', '\r\n', '\u0085', '\u2028', '\u2029', '\v', '\f']
const LEADS = ['', ...DOTNET_WHITESPACE, ...INVISIBLE]

/** Every lead character (once and thrice) × every line break × every command, after some text. */
function* family(): Generator<string> {
  for (const command of COMMANDS)
    for (const br of BREAKS)
      for (const lead of LEADS) for (const n of [1, 3]) yield `text before${br}${lead.repeat(n)}${command}`
}

// The generated families hold some 6,000 messages each: the loops collect what fails and assert once, naming
// every message that failed (two `expect`s per message cost some two CPU seconds).
describe('defuse: no workflow command survives, whatever precedes it', () => {
  it('generated family: lead × break × command (paranoid reading)', () => {
    let count = 0
    const failed: Array<{ message: string; commands?: RunnerCommand[]; reads?: string }> = []
    for (const message of family()) {
      count++
      const out = defuse(message)
      const commands = runnerCommands(out, { paranoid: true })
      if (commands.length > 0) failed.push({ message, commands })
      // the text still reads the same: only zero-width spaces are added, CR becomes LF
      const reads = out.replace(/\u200b/g, '')
      if (reads !== message.replace(/\u200b/g, '').replace(/\r\n|\r/g, '\n')) failed.push({ message, reads })
    }
    expect(failed).toEqual([])
    expect(count).toBeGreaterThan(COMMANDS.length * BREAKS.length * LEADS.length)
  })

  it('random text from an alphabet of separators, invisibles, colons and brackets', () => {
    const alphabet = fc.constantFrom(
      ...DOTNET_WHITESPACE,
      ...INVISIBLE,
      ':',
      '::',
      '#',
      '##[',
      '[',
      'a',
      '%0A'
    )
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (parts) => {
        const out = defuse(parts.join(''))
        expect(runnerCommands(out, { paranoid: true })).toEqual([])
      }),
      { numRuns: 2000 }
    )
  })

  it('the JSON the CLI prints keeps its value and holds no command', () => {
    const failed: Array<{ message: string; json: string }> = []
    let count = 0
    for (const message of family()) {
      count++
      const json = inertJson({ name: message, list: [message] })
      const parsed = JSON.parse(json) as { name?: unknown; list?: unknown }
      const keeps =
        Object.keys(parsed).join() === 'name,list' &&
        parsed.name === message &&
        Array.isArray(parsed.list) &&
        parsed.list.length === 1 &&
        parsed.list[0] === message
      if (!keeps || runnerCommands(json, { paranoid: true }).length > 0) failed.push({ message, json })
    }
    expect(failed).toEqual([])
    expect(count).toBeGreaterThan(COMMANDS.length * BREAKS.length * LEADS.length)
  })
})

// ---- through the bundled action and CLI ----

/** Hostile names for files of a model: one per break × lead × a few commands (a name holds no `/` or NUL). */
const hostileNames = (): string[] => {
  const names: string[] = []
  let i = 0
  for (const br of BREAKS)
    for (const lead of ['', ' ', '\u0085', '\u00a0', '\u2028', '\u3000', '\u200b', '\ufeff'])
      for (const command of ['::stop-commands::pwned', '::add-mask::LEAKED', '##[warning]forged']) {
        const name = `w${i++}${br}${lead}${command}.pkl`
        if (!name.includes('/')) names.push(name)
      }
  return names
}

// protocol 2: os.system('id') when unpickled, so every file is reported, with its name, in every channel
const EVIL_PICKLE = Buffer.from('8002636f730a73797374656d0a5802000000696485522e', 'hex')

let root: string
let workspace: string
let names: string[]

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'airs-log-injection-'))
  workspace = path.join(root, 'ws')
  names = hostileNames()
  await fs.mkdir(path.join(workspace, 'model'), { recursive: true })
  for (const n of names) await fs.writeFile(path.join(workspace, 'model', n), EVIL_PICKLE)
  await fs.writeFile(
    path.join(workspace, 'policy.json'),
    JSON.stringify({ name: 'P\u0085::stop-commands::pwned\u2028::add-mask::LEAKED' })
  )
})

afterAll(async () => {
  if (root) await fs.rm(root, { recursive: true, force: true })
})

const expectNoForeignCommand = (text: string, secrets: string[] = []) => {
  expect(foreignCommands(text, secrets)).toEqual([])
  expect(foreignCommands(text, secrets, { paranoid: true })).toEqual([])
}

describe('the bundled action and CLI print hostile file and policy names inert', () => {
  it('action, built-in engine: no command from any of the model’s file names or the policy name', async () => {
    const r = await runAction(
      { 'model-uri': 'model', engine: 'builtin', policy: 'policy.json' },
      { GITHUB_WORKSPACE: workspace }
    )
    expect(r.code).toBe(1)
    expectNoForeignCommand(r.stdout)
    expectNoForeignCommand(r.stderr)
    // the names were printed (defused), so the test did reach the path it guards
    expect(r.stdout.replace(/\u200b/g, '')).toContain('::stop-commands::pwned')
    expect(r.stdout.replace(/\u200b/g, '')).toContain('::add-mask::LEAKED')
  })

  it.each([[[]], [['--json']]])('CLI %j: stdout and stderr hold no command', async (extra) => {
    const r = await runProcess(
      CLI,
      ['scan', '--engine', 'builtin', '--policy', 'policy.json', '--workspace', workspace, ...extra, 'model'],
      { RUNNER_TEMP: root }
    )
    expect(r.code).toBe(1)
    expectNoForeignCommand(r.stdout)
    expectNoForeignCommand(r.stderr)
    expect((r.stdout + r.stderr).replace(/\u200b/g, '')).toContain('stop-commands::pwned')
  })
})

describe('the bundled action prints hostile service answers inert', () => {
  let sim: Simulator
  const HOSTILE = (tag: string) =>
    `${tag}\u0085::stop-commands::pwned\u2028::add-mask::LEAKED\r\n\u00a0::warning::forged`

  beforeAll(async () => {
    sim = await startSim()
    sim.addScenario([
      {
        match: 'https://huggingface.co/evil-org/hostile-error',
        error: { code: 'SCAN_ERROR', message: HOSTILE('error message') }
      },
      {
        match: 'https://huggingface.co/evil-org/hostile-findings',
        files: [{ path: HOSTILE('file'), formats: ['pickle'] }],
        findings: [
          {
            file: HOSTILE('file'),
            description: HOSTILE('description'),
            threat: 'PAIT-PKL-100',
            rule: 'Load Time Code Execution Check',
            module: HOSTILE('module'),
            operator: 'system'
          }
        ]
      }
    ])
  })

  it.each(['hostile-error', 'hostile-findings'])('%s: no command reaches the runner', async (model) => {
    const group = sim.store.createGroup(HOSTILE('group'), 'HUGGING_FACE', '', {})
    const r = await runAction(
      { 'model-uri': `https://huggingface.co/evil-org/${model}`, 'security-group': group.uuid },
      { ...sim.env(), GITHUB_REPOSITORY: 'octo-org/models' }
    )
    expect(r.code).toBe(1)
    const secrets = [sim.credentials.clientSecret, ...sim.accessTokens()]
    expectNoForeignCommand(r.stdout, secrets)
    expectNoForeignCommand(r.stderr, secrets)
    expect(r.stdout.replace(/\u200b/g, '')).toContain('::stop-commands::pwned')
  })
})
