import { beforeAll, describe, expect, it } from '@jest/globals'
import type { ModelSecurityClient } from '../../src/airs/client.js'
import { MODEL_KEY_LABEL } from '../../src/airs/schemas/spec-values.js'
import { modelKey } from '../../src/gate/drift.js'
import { parseModelUri } from '../../src/gate/model-source.js'
import { runGate, type RunSettings } from '../../src/gate/run-gate.js'
import { sleep } from '../../src/util/sleep.js'
import { DIALOGPT } from '../../sim/fixtures.js'
import { scanJson } from '../../sim/handlers/scans.js'
import type { Simulator } from '../../sim/server.js'
import { runSettings } from '../helpers/gate.js'
import { HF_GROUP } from '../helpers/ids.js'
import { raw, token } from '../helpers/raw.js'
import { capture, clientFor, startSim } from '../helpers/sim.js'

/**
 * Drift in process against the simulator: each settled scan compared with the model's previous one (found by
 * the gate-model-key label, in the same group): the first scan has nothing to compare, an unchanged model says
 * so, and a policy change that flips the outcome is reported as such, with the generations.
 */

let sim: Simulator
let client: ModelSecurityClient
beforeAll(async () => {
  sim = await startSim({ settleMs: 50 })
  client = clientFor(sim)
  return async () => client.close()
})

const model = (uri: string) => parseModelUri(uri, { workspace: process.cwd() })

async function gate(over: Partial<RunSettings>) {
  const cap = capture()
  const report = await runGate(runSettings({ drift: true, ...over }), {
    client,
    logger: cap.logger,
    sleep,
    now: () => sim.clock.now()
  })
  // each run a little later, as scheduled runs are
  sim.clock.advance(60_000)
  return { report, model: report.models[0]!, log: cap.lines.join('\n') }
}

/** Sets every rule instance of the group that DialoGPT fails to `state`: a new policy generation. */
async function setFailingRules(state: 'ALLOWING' | 'BLOCKING') {
  const tok = await token(sim)
  const group = sim.store.groups.get(HF_GROUP)!
  for (const name of failing)
    for (const i of group.instances.filter((i) => sim.store.ruleByUuid(i.security_rule_uuid)!.name === name))
      await raw(sim, 'PUT', `/aims/mgmt/v1/security-groups/${HF_GROUP}/rule-instances/${i.uuid}`, {
        token: tok,
        body: { security_group_uuid: HF_GROUP, state }
      })
}
let failing: string[] = []

describe('drift against the previous scan', () => {
  it('first scan, then unchanged, then a policy change that blocks it: each said as it is', async () => {
    const first = await gate({ models: [model(DIALOGPT.uri)] })
    expect(first.model.status).toBe('blocked')
    failing = first.model.evaluations.items.filter((e) => e.result === 'FAILED').map((e) => e.rule_name)
    expect(failing.length).toBeGreaterThan(0)
    // the scan carries the model's key, which names the model and not its revision
    expect(first.model.scan!.labels).toContainEqual({
      key: MODEL_KEY_LABEL,
      value: modelKey(model(DIALOGPT.uri), undefined)
    })
    expect(modelKey(model(`${DIALOGPT.uri}@v2`), undefined)).toBe(modelKey(model(DIALOGPT.uri), undefined))
    expect(first.model.drift).toEqual({ previous: null, drifted: false, newly_blocked: false, unknown: [] })

    // the failing rules only report: ALLOWED, a new policy generation
    await setFailingRules('ALLOWING')
    const allowed = await gate({ models: [model(DIALOGPT.uri)] })
    expect(allowed.model.status).toBe('allowed')
    const d1 = allowed.model.drift!
    expect(d1.previous).toMatchObject({ scan_uuid: first.model.scan!.uuid, eval_outcome: 'BLOCKED' })
    expect(d1.outcome).toEqual({ from: 'BLOCKED', to: 'ALLOWED' })
    expect(d1.policy).toEqual({ from: first.model.policy!.generation, to: allowed.model.policy!.generation })
    expect(d1).toMatchObject({ drifted: true, newly_blocked: false, unknown: [] })

    // nothing changed: compared in full, nothing to say
    const same = await gate({ models: [model(DIALOGPT.uri)] })
    expect(same.model.drift).toMatchObject({
      previous: { scan_uuid: allowed.model.scan!.uuid, eval_outcome: 'ALLOWED' },
      drifted: false,
      newly_blocked: false,
      unknown: []
    })
    expect(same.model.drift!.violations).toEqual({
      added: [],
      resolved: [],
      added_count: 0,
      resolved_count: 0
    })

    // blocking again: the flip the audit exists for
    await setFailingRules('BLOCKING')
    const blocked = await gate({ models: [model(DIALOGPT.uri)] })
    expect(blocked.model.drift).toMatchObject({
      previous: { scan_uuid: same.model.scan!.uuid, eval_outcome: 'ALLOWED' },
      outcome: { from: 'ALLOWED', to: 'BLOCKED' },
      newly_blocked: true,
      drifted: true
    })
    expect(blocked.log).toMatch(
      /changed since scan [0-9a-f-]{36}: ALLOWED → BLOCKED; policy generation \d+ → \d+/
    )
    // drift informs; the verdict is the scan's
    expect(blocked.model.verdict).toBe('fail')
  })

  it('off: no comparison and no request for one', async () => {
    const lists = () => sim.requestCounts.get('GET /aims/data/v1/scans') ?? 0
    const before = lists()
    const r = await gate({ models: [model(DIALOGPT.uri)], drift: false })
    expect(r.model.drift).toBeUndefined()
    expect(lists()).toBe(before)
    // and with it on, one list of earlier scans per model
    await gate({ models: [model(DIALOGPT.uri)] })
    expect(lists()).toBe(before + 1)
  })

  it('a new upstream commit with one more violation: the commit and the violation added, by rule, file and threat', async () => {
    const uri = 'https://huggingface.co/airs-sim/drift-model'
    sim.addScenario([
      { match: uri, generate: { files: 4, violations: 1 }, commits: { main: 'a'.repeat(40) } }
    ])
    const first = await gate({ models: [model(uri)] })
    expect(first.model.drift).toMatchObject({ previous: null })
    // the branch moves to a commit with one more pickle
    sim.addScenario([
      { match: uri, generate: { files: 4, violations: 2 }, commits: { main: 'b'.repeat(40) } }
    ])
    const next = await gate({ models: [model(uri)] })
    const d = next.model.drift!
    expect(d.previous).toMatchObject({ scan_uuid: first.model.scan!.uuid, commit: 'a'.repeat(40) })
    expect(d.commit).toEqual({ from: 'a'.repeat(40), to: 'b'.repeat(40) })
    expect(d.violations!.added_count).toBe(1)
    expect(d.violations!.resolved_count).toBe(0)
    const before = new Set(first.model.violations.items.map((v) => v.file))
    const added = next.model.violations.items.find((v) => !before.has(v.file))!
    expect(d.violations!.added).toEqual([
      { rule: added.rule_name, file: added.file, threat: added.threat ?? null }
    ])
    expect(d).toMatchObject({ drifted: true, newly_blocked: false, unknown: [] })
    expect(d.outcome).toBeUndefined()
  })

  it('a look-up that fails is "not compared", never "unchanged", and leaves the verdict alone', async () => {
    sim.faults.add({
      path: '/aims/data/v1/scans',
      method: 'GET',
      times: null,
      action: { type: 'status', status: 500 }
    })
    try {
      const r = await gate({ models: [model(DIALOGPT.uri)] })
      expect(r.model.drift).toMatchObject({ previous: null, drifted: false })
      expect(r.model.drift!.unknown).toEqual([
        expect.stringMatching(/^the previous scan could not be looked up \(/)
      ])
      expect([r.model.status, r.model.verdict]).toEqual(['blocked', 'fail'])
    } finally {
      sim.faults.clear()
    }
  })

  it('the server’s filters are not trusted: a listed scan of another model or group is not the previous one', async () => {
    const uri = 'https://huggingface.co/airs-sim/drift-lonely'
    sim.addScenario([{ match: uri, generate: { files: 2, violations: 0 } }])
    // the list answers with every scan, whatever it was asked (a server ignoring labels_query and the group)
    const others = [...sim.store.scans.values()].filter((s) => s.model_uri !== uri).map((s) => s.uuid)
    expect(others.length).toBeGreaterThan(0)
    sim.faults.add({
      path: '/aims/data/v1/scans',
      method: 'GET',
      times: null,
      action: { type: 'rewrite', set: { '/scans': others.map(scanSummary) } }
    })
    try {
      const r = await gate({ models: [model(uri)] })
      // none of them is taken, and "which was the previous scan" is not known: never "a first scan"
      expect(r.model.drift).toEqual({
        previous: null,
        drifted: false,
        newly_blocked: false,
        unknown: [
          'the previous scan could not be identified (the scans listed for this model did not check out)'
        ]
      })
    } finally {
      sim.faults.clear()
    }
  })
})

/** Another scan as the list shows it (the simulator's own JSON), with a label claiming to be the model's. */
function scanSummary(uuid: string) {
  const json = scanJson(sim.store.scans.get(uuid)!, sim.credentials.tsgId)
  return { ...json, eval_outcome: 'ALLOWED', labels: [{ key: MODEL_KEY_LABEL, value: 'forged' }] }
}
