import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { GateReport } from '../../src/gate/result.js'
import { CLI, runProcess } from '../helpers/run-dist.js'
import { safetensors } from '../helpers/model-files.js'
import { startSim } from '../helpers/sim.js'

/**
 * The bundled CLI (`dist/cli/index.js`) as a process: exit codes 0 pass, 1 blocked, 2 error. The runs are
 * concurrent tests, each with a RUNNER_TEMP of its own; the tests that count requests have a simulator of their own.
 */

const HF = 'https://huggingface.co'
// started when the file loads: concurrent tests start before beforeAll hooks run
const sim = await startSim()
const temps: string[] = []
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true })
})

const cli = (args: string[], env: Record<string, string> = {}, on = sim) => {
  const runnerTemp = mkdtempSync(join(tmpdir(), 'airs-cli-rt-'))
  temps.push(runnerTemp)
  return runProcess(CLI, args, { ...on.env(), RUNNER_TEMP: runnerTemp, ...env })
}

describe('airs-model-gate CLI', () => {
  it('is bundled with a shebang and declared as the package bin', () => {
    expect(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
    expect(pkg.bin).toEqual({ 'airs-model-gate': 'dist/cli/index.js' })
  })

  it.concurrent('exits 0 for an allowed model and prints a readable report', async () => {
    const r = await cli(['--model-uri', `${HF}/airs-sim/clean-model`])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^\[PASS\] airs-sim\/clean-model: ALLOWED/)
    expect(r.stdout).toContain('Model gate passed')
    // progress is on stderr, so stdout stays a clean report
    expect(r.stderr).toContain('airs-sim/clean-model: scan ')
  })

  it.concurrent('exits 1 for a blocked model and lists the failed rule and its violations', async () => {
    // the report file goes under RUNNER_TEMP, where the CLI writes files outside the workspace
    const dir = mkdtempSync(join(tmpdir(), 'airs-cli-'))
    try {
      const file = join(dir, 'out', 'report.json')
      const r = await cli(
        [
          '--model',
          `${HF}/microsoft/DialoGPT-medium`,
          '--label',
          'a=b',
          '--label=c=d',
          '--report-file',
          file
        ],
        { RUNNER_TEMP: dir }
      )
      expect(r.code).toBe(1)
      expect(r.stdout).toContain(
        '[FAIL] microsoft/DialoGPT-medium: BLOCKED\n       BLOCKED: 1 of 11 rules failed'
      )
      expect(r.stdout).toContain('- [MEDIUM] Stored In Approved File Format FAILED (BLOCKING)')
      expect(r.stdout).toContain('tf_model.h5: ')
      // how to fix, from the rule catalogue
      expect(r.stdout).toContain('fix: Store the model in a format approved by your organization')
      expect(r.stdout).toContain(`Full results: ${file}`)
      expect(r.stdout).toMatch(/SARIF: .*cli-results\.sarif/)
      const report = JSON.parse(readFileSync(file, 'utf8')) as GateReport
      const uuid = report.models[0]!.scan!.uuid
      // repeated --label flags are all sent
      expect(sim.store.scans.get(uuid)!.labels).toEqual(
        expect.arrayContaining([
          { key: 'a', value: 'b' },
          { key: 'c', value: 'd' }
        ])
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it.concurrent(
    'exits 1 when one of several models is blocked, even next to an error (retrying will not help)',
    async () => {
      const r = await cli([
        '--model-uri',
        `${HF}/microsoft/DialoGPT-medium`,
        '--model-uri',
        `${HF}/airs-sim/scan-error`,
        '--json'
      ])
      expect(r.code).toBe(1)
      const report = JSON.parse(r.stdout) as GateReport
      expect(report.models.map((m) => m.status)).toEqual(['blocked', 'error'])
      expect(report.verdict).toBe('fail')
    }
  )

  it.concurrent('exits 2 when a model could not be verified', async () => {
    const r = await cli(['--model-uri', `${HF}/airs-sim/scan-error`])
    expect(r.code).toBe(2)
    expect(r.stdout).toContain(
      '[FAIL] airs-sim/scan-error: ERROR\n       The scan ended in ERROR (service code SCAN_ERROR)'
    )
    // never "0 failed" for a model that was not verified; the next step instead
    expect(r.stdout).toMatch(/scan [0-9a-f-]{36}: not verified \(SCAN_ERROR\)\n\s+next step: /)
  })

  it.concurrent('exits 0 in warn modes', async () => {
    const blocked = await cli(['--model-uri', `${HF}/microsoft/DialoGPT-medium`, '--mode', 'warn'])
    expect(blocked.code).toBe(0)
    expect(blocked.stdout).toContain('[WARN] microsoft/DialoGPT-medium')
    const error = await cli(['--model-uri', `${HF}/airs-sim/scan-error`, '--on-error', 'warn'])
    expect(error.code).toBe(0)
  })

  it.concurrent('exits 2 on bad credentials without printing the secret', async () => {
    const r = await cli(['--model-uri', `${HF}/airs-sim/clean-model`], {
      PANW_MODEL_SEC_CLIENT_SECRET: 'wrong-cli-secret'
    })
    expect(r.code).toBe(2)
    expect(r.stdout).toContain('The token request was refused with 401')
    expect(r.stdout + r.stderr).not.toContain('wrong-cli-secret')
  })

  it.concurrent.each([
    [['--model-uri'], '--model-uri needs a value.'],
    [['--modle-uri', 'x'], 'Unknown option --modle-uri; see --help.'],
    [['--client-secret', 's3cret'], '--client-secret is not accepted on the command line'],
    [['-x'], 'Unknown option -x; options start with --, see --help.'],
    [['--mode', 'warn', '--mode', 'enforce'], '--mode is given twice.']
  ])('usage error %j: one line on stderr, exit 2, nothing sent', async (args, message) => {
    const own = await startSim()
    const r = await cli(args, {}, own)
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toContain(message)
    expect(r.stderr).not.toContain('s3cret')
    expect(own.requests).toEqual([])
  })

  it.concurrent(
    'bad input values exit 2 before any request, in one line of CLI words, writing nothing',
    async () => {
      const own = await startSim()
      const runnerTemp = mkdtempSync(join(tmpdir(), 'airs-cli-rt-'))
      temps.push(runnerTemp)
      const r = await cli(
        ['--model-uri', `${HF}/airs-sim/clean-model`, '--timeout', 'soon'],
        { RUNNER_TEMP: runnerTemp },
        own
      )
      expect(r.code).toBe(2)
      expect(r.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^airs-model-gate: Invalid --timeout: /)
      ])
      expect(r.stdout).toBe('')
      expect(own.requests).toEqual([])
      expect(readdirSync(runnerTemp)).toEqual([])
    }
  )

  it.concurrent(
    'without credentials says which variables to set and offers the built-in engine',
    async () => {
      const runnerTemp = mkdtempSync(join(tmpdir(), 'airs-cli-rt-'))
      temps.push(runnerTemp)
      const r = await runProcess(CLI, ['scan', `${HF}/airs-sim/clean-model`], { RUNNER_TEMP: runnerTemp })
      expect(r.code).toBe(2)
      expect(r.stderr).toContain(
        'Missing client ID: set --client-id or one of the environment variables PANW_MODEL_SEC_CLIENT_ID'
      )
      expect(r.stderr).toContain('airs-model-gate scan --engine builtin <folder>')
      expect(r.stderr).not.toMatch(/`client-id` input/)
      expect(readdirSync(runnerTemp)).toEqual([])
    }
  )

  it.concurrent('with no argument at all says what to type, and writes nothing', async () => {
    const runnerTemp = mkdtempSync(join(tmpdir(), 'airs-cli-rt-'))
    temps.push(runnerTemp)
    const r = await runProcess(CLI, [], { RUNNER_TEMP: runnerTemp })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('no model given')
    expect(readdirSync(runnerTemp)).toEqual([])
  })

  it.concurrent('scans a local model at any readable path, from any directory', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'airs-cli-model-'))
    temps.push(elsewhere)
    mkdirSync(join(elsewhere, 'model'))
    writeFileSync(join(elsewhere, 'model', 'model.safetensors'), safetensors())
    // the working directory is not the model's: the CLI's process runs wherever the test runner is
    const r = await runProcess(CLI, ['scan', '--engine', 'builtin', join(elsewhere, 'model')], {})
    expect(r.stderr).not.toContain('outside the workspace')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`[PASS] ${join(elsewhere, 'model')}: ALLOWED`)
  })

  it.concurrent('--help gives an overview; scan --help every flag with its default', async () => {
    const help = await cli(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('airs-model-gate scan --engine builtin')
    expect(help.stdout).toContain('Exit codes: 0 pass, 1 blocked, 2 error')
    expect(help.stdout).not.toContain('--client-secret')
    const scan = await cli(['scan', '--help'])
    expect(scan.stdout).toContain('--security-group <value>')
    expect(scan.stdout).toContain('--timeout <value>   (default: 15m)')
    expect(scan.stdout).toContain('--mode <enforce|warn>   (default: enforce)')
    const version = await cli(['--version'])
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
    expect(version.stdout.trim()).toBe(pkg.version)
    expect(existsSync(CLI)).toBe(true)
  })
})

describe('the npm package', () => {
  it('holds the CLI and what it loads, and runs from an empty directory with no dependency installed', async () => {
    const out = mkdtempSync(join(tmpdir(), 'airs-cli-pack-'))
    temps.push(out)
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', out], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore']
      })
    ) as Array<{ filename: string; files: Array<{ path: string }> }>
    const files = packed[0]!.files.map((f) => f.path)
    // every chunk of the CLI's bundle, and not the action's
    const chunks = readdirSync(join(CLI, '..')).filter((f) => f.endsWith('.js'))
    for (const c of chunks) expect(files).toContain(`dist/cli/${c}`)
    expect(files).not.toContain('dist/index.js')
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
    // nothing to install: the bundle is the whole program
    expect(pkg.dependencies ?? {}).toEqual({})
    execFileSync('tar', ['xzf', join(out, packed[0]!.filename), '-C', out])
    const model = join(out, 'model')
    mkdirSync(model)
    writeFileSync(join(model, 'model.safetensors'), safetensors())
    const r = await runProcess(
      join(out, 'package', pkg.bin['airs-model-gate']),
      ['scan', '--engine', 'builtin', model],
      {}
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`[PASS] ${model}: ALLOWED`)
  })
})
