import { beforeAll, describe, expect, it } from '@jest/globals'
import type { ModelSecurityClient } from '../../src/airs/client.js'
import { runGate, type RunSettings } from '../../src/gate/run-gate.js'
import { runnerScans, type RunnerScans } from '../../src/gate/scan-on-runner.js'
import { parseModelUri } from '../../src/gate/model-source.js'
import { ScannerError } from '../../src/scanner/prepare-scanner.js'
import { sleep } from '../../src/util/sleep.js'
import type { Simulator } from '../../sim/server.js'
import { fakeScannerOf, type FakeScannerOptions } from '../helpers/fake-scanner.js'
import { runSettings } from '../helpers/gate.js'
import { capture, clientFor, startSim } from '../helpers/sim.js'

/**
 * How the gate uses the scanner on the runner: one preparation per run, scans on the runner one at a time,
 * and neither counted against a model's timeout. The scanner here is a stand-in object that creates the scan
 * through the API as the official client would (the real client, installed by pip, is in
 * __tests__/action/runner.test.ts and __tests__/scanner/).
 */

const settings = runSettings
const local = (...paths: string[]) => paths.map((p) => parseModelUri(p, { workspace: process.cwd() }))

let sim: Simulator
let client: ModelSecurityClient
beforeAll(async () => {
  sim = await startSim({ settleMs: 50 })
  client = clientFor(sim)
  return async () => client.close()
})

const fakeScanner = (opts: FakeScannerOptions = {}) => fakeScannerOf(client, opts)

const gate = (over: Partial<RunSettings>, runner?: RunnerScans) =>
  runGate(settings(over), { client, logger: capture().logger, sleep, ...(runner && { runner }) })

describe('runnerScans', () => {
  it('prepares once for every model, and every model gets a failed preparation', async () => {
    let prepared = 0
    const fake = fakeScanner()
    const ok = runnerScans(async () => {
      prepared++
      await sleep(20)
      return fake.scanner
    })
    const take = () => ok.turn().then((t) => (t.release(), t))
    const turns = await Promise.all([take(), take(), take()])
    expect(prepared).toBe(1)
    expect(turns.map((t) => t.scanner)).toEqual([fake.scanner, fake.scanner, fake.scanner])

    let attempts = 0
    const broken = runnerScans(async () => {
      attempts++
      throw new ScannerError('NO_PYTHON', 'No Python found')
    })
    await expect(broken.turn()).rejects.toThrow('No Python found')
    await expect(broken.turn()).rejects.toThrow('No Python found')
    expect(attempts).toBe(1)
  })

  it('one turn at a time, in order; releasing twice frees one turn only', async () => {
    const fake = fakeScanner()
    const runner = runnerScans(async () => fake.scanner)
    const order: string[] = []
    const first = await runner.turn()
    const second = runner.turn().then((t) => (order.push('second'), t))
    const third = runner.turn().then((t) => (order.push('third'), t))
    await sleep(20)
    expect(order).toEqual([])
    first.release()
    first.release()
    const t2 = await second
    await sleep(20)
    expect(order).toEqual(['second'])
    t2.release()
    ;(await third).release()
    expect(order).toEqual(['second', 'third'])
  })
})

describe('the gate with the scanner on the runner', () => {
  it('scans on the runner one at a time, while the service side of each still overlaps', async () => {
    const fake = fakeScanner({ scanMs: 30 })
    const report = await gate(
      { models: local('__tests__', 'src', 'sim'), concurrency: 3, labels: [{ key: 'team', value: 'ml' }] },
      runnerScans(async () => fake.scanner)
    )
    expect(report.models.map((m) => [m.model.source_type, m.status])).toEqual([
      ['LOCAL', 'allowed'],
      ['LOCAL', 'allowed'],
      ['LOCAL', 'allowed']
    ])
    expect(fake.peak()).toBe(1)
    // the workflow's labels, the key a later run reuses the scan by (a hash of the files' digest), the key it
    // finds the model's previous scan by (drift) and the gate's request label, in the group the gate resolved
    for (const call of fake.calls) {
      expect(call.labels).toEqual([
        { key: 'team', value: 'ml' },
        { key: 'gate-reuse-key', value: expect.stringMatching(/^[0-9a-f]{64}$/) },
        { key: 'gate-model-key', value: expect.stringMatching(/^[0-9a-f]{64}$/) },
        { key: 'gate-request-id', value: expect.any(String) }
      ])
      expect(call.securityGroupUuid).toBe(report.models[0]!.security_group!.uuid)
      expect(call.model).toEqual({ path: expect.stringMatching(/(__tests__|src|sim)$/) })
    }
  })

  it('the wait for the scanner and for a turn does not count against a model’s timeout', async () => {
    const fake = fakeScanner({ scanMs: 600 })
    const runner = runnerScans(async () => {
      await sleep(1500)
      return fake.scanner
    })
    // each model has 1 s; setup takes 1.5 s and the second model waits 0.6 s for its turn
    const report = await gate({ models: local('src', 'sim'), timeoutMs: 1000, concurrency: 2 }, runner)
    expect(report.models.map((m) => m.status)).toEqual(['allowed', 'allowed'])
  })

  it('a failed preparation fails each model scanned on the runner, and only those', async () => {
    const runner = runnerScans(async () => {
      throw new ScannerError('PIP_FAILED', 'pip could not install model-security-client==1.1.2')
    })
    const report = await gate(
      {
        models: [
          ...local('src'),
          parseModelUri('https://huggingface.co/airs-sim/clean-model', { workspace: '.' })
        ]
      },
      runner
    )
    expect(report.models.map((m) => [m.status, m.error?.code])).toEqual([
      ['error', 'SCANNER_SETUP'],
      ['allowed', undefined]
    ])
    expect(report.models[0]!.error!.message).toBe('pip could not install model-security-client==1.1.2')
    expect(report.verdict).toBe('fail')
  })

  it('without a scanner, models that need one fail closed', async () => {
    const report = await gate({ models: local('src') })
    expect(report.models[0]).toMatchObject({
      status: 'error',
      verdict: 'fail',
      error: { code: 'UNSUPPORTED_SOURCE' }
    })
  })

  it('a scanner failure that cannot have created a scan is the model’s error', async () => {
    const fake = fakeScanner({ fail: new ScannerError('SCANNER_CRASHED', 'The scanner crashed') })
    const report = await gate(
      { models: local('src') },
      runnerScans(async () => fake.scanner)
    )
    expect(report.models[0]).toMatchObject({
      status: 'error',
      verdict: 'fail',
      error: { code: 'SCANNER_FAILED', message: 'The scanner crashed' }
    })
    expect(report.models[0]!.scan).toBeUndefined()
  })
})
