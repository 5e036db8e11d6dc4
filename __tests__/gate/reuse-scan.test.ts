import { beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ModelSecurityClient } from '../../src/airs/client.js'
import { parseModelUri } from '../../src/gate/model-source.js'
import { runGate, type RunSettings } from '../../src/gate/run-gate.js'
import { runnerScans } from '../../src/gate/scan-on-runner.js'
import { sleep } from '../../src/util/sleep.js'
import type { Simulator } from '../../sim/server.js'
import { fakeScannerOf } from '../helpers/fake-scanner.js'
import { runSettings } from '../helpers/gate.js'
import { HF_GROUP, SIM_HF } from '../helpers/ids.js'
import { churnRuleInstance, raw, token } from '../helpers/raw.js'
import { capture, clientFor, requests, startSim } from '../helpers/sim.js'

/**
 * `reuse` in process against the simulator: a recent settled scan of the same commit or files, in the same
 * group under the same policy generation, is judged again instead of a new scan; anything that does not
 * prove it is the same evidence (a moved branch, another policy, a forged label, a newer scan that failed,
 * a partial result, the window) means a fresh scan.
 */

const HOUR = 3_600_000
const commit = (c: string) => c.repeat(40)
const model = (uri: string, workspace = process.cwd()) => parseModelUri(uri, { workspace })
const creations = () => requests(sim, 'POST /aims/data/v1/scans')

let sim: Simulator
let client: ModelSecurityClient
beforeAll(async () => {
  sim = await startSim({ settleMs: 50 })
  client = clientFor(sim)
  return async () => client.close()
})

/** A run on the simulator's clock (tests move it on), `ahead` later. */
async function gate(over: Partial<RunSettings>, ahead = 0) {
  const cap = capture()
  const report = await runGate(runSettings({ reuseMs: HOUR, ...over }), {
    client,
    logger: cap.logger,
    sleep,
    now: () => sim.clock.now() + ahead
  })
  return { report, model: report.models[0]!, log: cap.lines.join('\n') }
}

describe('reuse of a Hugging Face scan', () => {
  it('judges the same commit again without a scan, until the window ends or the policy changes', async () => {
    const uri = `${SIM_HF}/clean-model@${commit('a')}`
    const first = await gate({ models: [model(uri)] })
    expect(first.model.status).toBe('allowed')
    expect(first.model.reused).toBeUndefined()
    expect(first.log).toMatch(/no scan to reuse: no scan of commit a{40} in this group within 1 h/)

    const before = creations()
    const again = await gate({ models: [model(uri)] })
    expect(creations()).toBe(before)
    expect(again.model.scan!.uuid).toBe(first.model.scan!.uuid)
    expect(again.model.reused).toEqual({ matched_by: 'commit', age_ms: expect.any(Number) })
    expect([again.model.status, again.model.verdict]).toEqual(['allowed', 'pass'])
    // the same evidence as the first run read: every evaluation, the policy of that generation
    expect(again.model.evaluations.items).toHaveLength(first.model.evaluations.items.length)
    expect(again.model.policy!.generation).toBe(first.model.policy!.generation)
    expect(again.log).toMatch(new RegExp(`reusing scan ${first.model.scan!.uuid} from .* \\(ALLOWED\\)`))

    // two hours later, a one-hour window holds nothing
    const later = await gate({ models: [model(uri)] }, 2 * HOUR)
    expect(later.model.reused).toBeUndefined()
    expect(creations()).toBe(before + 1)

    // a policy change: the newest scan was judged under another generation
    const group = sim.store.groups.get(HF_GROUP)!
    await churnRuleInstance(sim, await token(sim), HF_GROUP, group.instances[0]!.uuid, 2)
    const changed = await gate({ models: [model(uri)] })
    expect(changed.model.reused).toBeUndefined()
    expect(changed.log).toMatch(/no scan to reuse: the policy changed \(generation \d+ then, \d+ now\)/)
    expect(creations()).toBe(before + 2)
    // a scan made moments after a change is not reused: the planes' clocks may differ by that much
    const close = await gate({ models: [model(uri)] })
    expect(close.log).toMatch(/the policy changed shortly before scan .*, too close to tell/)
    expect(creations()).toBe(before + 3)
    // one made well after it is
    sim.clock.advance(10 * 60_000)
    const fresh = await gate({ models: [model(uri)] })
    const settled = await gate({ models: [model(uri)] })
    expect(settled.model.reused?.matched_by).toBe('commit')
    expect(settled.model.scan!.uuid).toBe(fresh.model.scan!.uuid)
    expect(creations()).toBe(before + 4)
  })

  it('reuses a BLOCKED scan as BLOCKED: the job fails as it would with a fresh scan', async () => {
    const uri = `${SIM_HF}/pickle-rce@${commit('b')}`
    const first = await gate({ models: [model(uri)] })
    const again = await gate({ models: [model(uri)] })
    expect([first.model.status, again.model.status]).toEqual(['blocked', 'blocked'])
    expect(again.model.reused).toBeDefined()
    expect([again.report.verdict, again.model.violations.items.length]).toEqual([
      'fail',
      first.model.violations.items.length
    ])
  })

  it('never for a revision that is not a commit, nor with other patterns', async () => {
    const moving = await gate({ models: [model(`${SIM_HF}/clean-model@main`)] })
    expect(moving.log).toMatch(/no scan to reuse: main is not pinned to a commit/)
    const uri = `${SIM_HF}/clean-model@${commit('c')}`
    await gate({ models: [model(uri)] })
    const before = creations()
    const ignoring = await gate({ models: [model(uri)], ignorePatterns: ['*.bin'] })
    expect(ignoring.model.reused).toBeUndefined()
    expect(creations()).toBe(before + 1)
  })

  it('takes the newest scan of the commit only: a newer one that failed is not passed over', async () => {
    const uri = `${SIM_HF}/clean-model@${commit('d')}`
    const first = await gate({ models: [model(uri)] })
    const key = first.model.scan!.labels.find((l) => l.key === 'gate-reuse-key')!.value
    // a newer scan of the same commit with the same key, which the service reports as ERROR
    const newer = await raw(sim, 'POST', '/aims/data/v1/scans', {
      token: await token(sim),
      body: {
        model_uri: `${SIM_HF}/clean-model`,
        model_version: commit('d'),
        security_group_uuid: HF_GROUP,
        labels: [{ key: 'gate-reuse-key', value: key }]
      }
    })
    const newerUuid = (newer.json as { uuid: string }).uuid
    sim.faults.add({
      path: `/aims/data/v1/scans/${newerUuid}`,
      method: 'GET',
      times: null,
      action: { type: 'rewrite', set: { '/eval_outcome': 'ERROR', '/error_code': 'SCAN_ERROR' } }
    })
    try {
      const again = await gate({ models: [model(uri)] })
      expect(again.model.reused).toBeUndefined()
      expect(again.log).toMatch(new RegExp(`the latest, scan ${newerUuid} of .* ago, is ERROR`))
      expect(again.model.scan!.uuid).not.toBe(first.model.scan!.uuid)
    } finally {
      sim.faults.clear()
    }
  })

  it('a label is not proof: the inventory must record the same commit for the scan', async () => {
    const uri = `${SIM_HF}/clean-model@${commit('e')}`
    const first = await gate({ models: [model(uri)] })
    const key = first.model.scan!.labels.find((l) => l.key === 'gate-reuse-key')!.value
    // someone labels a scan of another commit with this commit's key
    await raw(sim, 'POST', '/aims/data/v1/scans', {
      token: await token(sim),
      body: {
        model_uri: `${SIM_HF}/clean-model`,
        model_version: commit('f'),
        security_group_uuid: HF_GROUP,
        labels: [{ key: 'gate-reuse-key', value: key }]
      }
    })
    await sleep(100)
    const again = await gate({ models: [model(uri)] })
    expect(again.model.reused).toBeUndefined()
    expect(again.log).toMatch(/the service records scan .* as commit f{40}, not e{40}/)
  })

  it('never a partial result: evaluations the service did not list in full mean a new scan', async () => {
    const uri = `${SIM_HF}/clean-model@${'0123456789'.repeat(4)}`
    const first = await gate({ models: [model(uri)] })
    sim.faults.add({
      path: `/aims/data/v1/scans/${first.model.scan!.uuid}/evaluations`,
      method: 'GET',
      times: null,
      action: { type: 'rewrite', set: { '/pagination/total_items': 999 } }
    })
    try {
      const again = await gate({ models: [model(uri)] })
      expect(again.model.reused).toBeUndefined()
      expect(again.log).toMatch(/could not all be read \(evaluations\)/)
      expect(again.model.status).toBe('allowed')
    } finally {
      sim.faults.clear()
    }
  })

  it('results a client uploaded are not a scan the service fetched', async () => {
    const uri = `${SIM_HF}/clean-model@${commit('8')}`
    const first = await gate({ models: [model(uri)] })
    sim.faults.add({
      path: `/aims/data/v1/scans/${first.model.scan!.uuid}`,
      method: 'GET',
      times: null,
      action: { type: 'rewrite', set: { '/scan_origin': 'MODEL_SECURITY_SDK' } }
    })
    try {
      const again = await gate({ models: [model(uri)] })
      expect(again.model.reused).toBeUndefined()
      expect(again.log).toMatch(/holds results a client uploaded, not a scan the service fetched/)
    } finally {
      sim.faults.clear()
    }
  })

  it('not when more scans carry the key than one page lists, nor when the group has custom rules', async () => {
    const uri = `${SIM_HF}/clean-model@${commit('6')}`
    await gate({ models: [model(uri)] })
    sim.faults.add({
      path: '/aims/data/v1/scans',
      method: 'GET',
      times: 1,
      action: { type: 'rewrite', set: { '/pagination/total_items': 500 } }
    })
    const many = await gate({ models: [model(uri)] })
    sim.faults.clear()
    expect(many.log).toMatch(/more than 100 scans of commit 6{40} in the window/)
    expect(many.model.reused).toBeUndefined()
    // a custom rule in the policy in force: it can judge a scan's labels, which the key does not hold
    const policyPath = `/aims/mgmt/v1/security-groups/${HF_GROUP}/rule-instances`
    sim.faults.add({
      path: policyPath,
      method: 'GET',
      times: null,
      action: {
        type: 'rewrite',
        set: { '/rule_instances/0/custom_rule_uuid': '9e9e9e9e-0000-4000-8000-000000000001' }
      }
    })
    try {
      const custom = await gate({ models: [model(uri)] })
      expect(custom.log).toMatch(/the group has custom rules/)
      expect(custom.model.reused).toBeUndefined()
    } finally {
      sim.faults.clear()
    }
  })

  it('a failed look-up is a reason to scan, never a verdict', async () => {
    const uri = `${SIM_HF}/clean-model@${commit('9')}`
    sim.faults.add({
      path: '/aims/data/v1/scans',
      method: 'GET',
      times: null,
      action: { type: 'status', status: 500 }
    })
    try {
      const r = await gate({ models: [model(uri)] })
      expect(r.log).toMatch(/no scan to reuse: looking for one failed/)
      expect([r.model.status, r.model.reused]).toEqual(['allowed', undefined])
    } finally {
      sim.faults.clear()
    }
  })
})

describe('reuse of a local model', () => {
  it('matches the files by digest; no scanner is prepared when the scan is reused; a changed file is scanned', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'airs-reuse-'))
    try {
      const root = join(dir, 'model')
      mkdirSync(root)
      writeFileSync(join(root, 'model.safetensors'), 'weights')
      const fake = fakeScannerOf(client)
      let prepared = 0
      const runner = () =>
        runnerScans(async () => {
          prepared++
          return fake.scanner
        })
      const local = async () =>
        runGate(runSettings({ reuseMs: HOUR, models: [model(root, dir)] }), {
          client,
          logger: capture().logger,
          sleep,
          now: () => sim.clock.now(),
          runner: runner()
        })
      const first = (await local()).models[0]!
      expect([first.status, first.reused, prepared]).toEqual(['allowed', undefined, 1])
      const again = (await local()).models[0]!
      expect(again.reused).toEqual({ matched_by: 'digest', age_ms: expect.any(Number) })
      expect([again.scan!.uuid, prepared]).toEqual([first.scan!.uuid, 1])
      // the same files elsewhere are the same artifact
      const copy = join(dir, 'copy')
      mkdirSync(copy)
      writeFileSync(join(copy, 'model.safetensors'), 'weights')
      const moved = await runGate(runSettings({ reuseMs: HOUR, models: [model(copy, dir)] }), {
        client,
        logger: capture().logger,
        sleep,
        now: () => sim.clock.now(),
        runner: runner()
      })
      expect(moved.models[0]!.reused?.matched_by).toBe('digest')
      writeFileSync(join(root, 'model.safetensors'), 'other weights')
      const changed = (await local()).models[0]!
      expect([changed.reused, prepared]).toEqual([undefined, 2])
      expect(changed.model.digest!.sha256).not.toBe(first.model.digest!.sha256)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
