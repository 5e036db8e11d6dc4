import { beforeAll, describe, expect, it } from '@jest/globals'
import type { ModelSecurityClient } from '../../src/airs/client.js'
import { SharedLookups, collectResults } from '../../src/gate/collect.js'
import { runGate, type RunSettings } from '../../src/gate/run-gate.js'
import { mapLimit } from '../../src/util/concurrency.js'
import { parseModelUri } from '../../src/gate/model-source.js'
import { sleep } from '../../src/util/sleep.js'
import type { FaultRule } from '../../sim/faults.js'
import type { Simulator } from '../../sim/server.js'
import { HF_GROUP, SIM_HF } from '../helpers/ids.js'
import { churnRuleInstance, createGroup, token } from '../helpers/raw.js'
import { runSettings } from '../helpers/gate.js'
import { capture, clientFor, requests, startSim } from '../helpers/sim.js'

/** The gate in process against the simulator: group resolution, collection, policy snapshots, sharing. */

const models = (...uris: string[]) => uris.map((u) => parseModelUri(u, { workspace: process.cwd() }))
const settings = runSettings

let sim: Simulator
let client: ModelSecurityClient
beforeAll(async () => {
  sim = await startSim({ settleMs: 100 })
  client = clientFor(sim)
  return async () => client.close()
})

/** Runs `fn` with a fault rule in place, and removes it afterwards whatever happens. */
async function withFault(rule: FaultRule, fn: () => Promise<void>): Promise<void> {
  sim.faults.add(rule)
  try {
    await fn()
  } finally {
    sim.faults.clear()
  }
}

const gate = (over: Partial<RunSettings>, c = client) =>
  runGate(settings(over), { client: c, logger: capture().logger, sleep })

describe('runGate', () => {
  it('a long run says how far it is: counts of done, blocked and not verified, and the time left', async () => {
    const cap = capture()
    const uris = Array.from({ length: 10 }, (_, i) => `${SIM_HF}/progress-${i}`)
    uris[3] = `${SIM_HF}/pickle-rce`
    const report = await runGate(settings({ models: models(...uris), concurrency: 4 }), {
      client,
      logger: cap.logger,
      sleep
    })
    expect(report.models).toHaveLength(10)
    const lines = cap.lines.filter((l) => l.includes('Progress:'))
    // one line every tenth of the models (here: each), the last without a time left
    expect(lines).toHaveLength(10)
    expect(lines[0]).toMatch(
      /^info: Progress: 1 of 10 models done \(\d blocked, 0 not verified\); about [\d.]+ m?s left\.$/
    )
    expect(lines.at(-1)).toBe('info: Progress: 10 of 10 models done (1 blocked, 0 not verified).')
  })

  it('fetches each failed rule once for all models, and each model gets its own rule list', async () => {
    sim.requestCounts.clear()
    const report = await gate({
      models: models(
        'https://huggingface.co/microsoft/DialoGPT-medium',
        `${SIM_HF}/pickle-rce`,
        `${SIM_HF}/keras-lambda`
      )
    })
    expect(report.models.map((m) => m.status)).toEqual(['blocked', 'blocked', 'blocked'])
    const failedRules = new Set(report.models.flatMap((m) => m.rules.map((r) => r.uuid)))
    expect(failedRules.size).toBeGreaterThan(1)
    expect(requests(sim, 'GET /aims/mgmt/v1/security-rules/{uuid}')).toBe(failedRules.size)
    for (const m of report.models) {
      const failed = new Set(m.evaluations.items.filter((e) => e.result === 'FAILED').map((e) => e.rule_name))
      expect(new Set(m.rules.map((r) => r.name))).toEqual(failed)
    }
    // the generation in force is looked up per scan; the rule instances of that generation once
    const count = (k: string) => sim.requestCounts.get(`GET /aims/mgmt/v1/security-groups${k}`) ?? 0
    expect(count('/{security_group_uuid}/rule-instances/versions')).toBe(3)
    expect(count('/{security_group_uuid}/rule-instances')).toBe(1)
    // and the default group is looked up once for the three models
    expect(count('')).toBe(1)
  })

  it('runs at most `concurrency` models at once and keeps input order', async () => {
    let running = 0
    let peak = 0
    const out = await mapLimit([30, 10, 20, 5, 15], 2, async (ms, i) => {
      running++
      peak = Math.max(peak, running)
      await sleep(ms)
      running--
      return i
    })
    expect(out).toEqual([0, 1, 2, 3, 4])
    expect(peak).toBe(2)
  })

  it('resolves a group by UUID and by exact name, and refuses deleted, ambiguous and mismatched groups', async () => {
    const tok = await token(sim)
    const byUuid = await gate({ models: models(`${SIM_HF}/clean-model`), group: { uuid: HF_GROUP } })
    expect(byUuid.models[0]!.security_group?.uuid).toBe(HF_GROUP)

    const named = await createGroup(sim, tok, 'Release HF', 'HUGGING_FACE')
    const byName = await gate({ models: models(`${SIM_HF}/clean-model`), group: { name: 'Release HF' } })
    expect(byName.models[0]!.security_group?.uuid).toBe(named.uuid)
    // names are exact: another case is another name
    const wrongCase = await gate({ models: models(`${SIM_HF}/clean-model`), group: { name: 'release hf' } })
    expect(wrongCase.models[0]!.error?.code).toBe('SECURITY_GROUP')

    await createGroup(sim, tok, 'Twice', 'HUGGING_FACE')
    await createGroup(sim, tok, 'Twice', 'HUGGING_FACE')
    const twice = await gate({ models: models(`${SIM_HF}/clean-model`), group: { name: 'Twice' } })
    expect(twice.models[0]!.error?.message).toMatch(/^2 security groups are named "Twice"/)

    sim.store.groups.get(named.uuid)!.is_tombstone = true
    const deleted = await gate({ models: models(`${SIM_HF}/clean-model`), group: { uuid: named.uuid } })
    expect(deleted.models[0]!.error?.message).toContain('has been deleted')

    const missing = await gate({
      models: models(`${SIM_HF}/clean-model`),
      group: { uuid: '00000000-0000-4000-8000-000000000000' }
    })
    expect(missing.models[0]!.error).toEqual({
      code: 'SECURITY_GROUP',
      message: expect.stringContaining('does not exist in tenant 1234567890')
    })
    for (const r of [wrongCase, twice, deleted, missing]) expect(r.verdict).toBe('fail')
  })

  it('records the policy in force when the scan was created, not the one at collection time', async () => {
    const tok = await token(sim)
    const group = await createGroup(sim, tok, 'Snapshot HF', 'HUGGING_FACE')
    const report = await gate({ models: models(`${SIM_HF}/clean-model`), group: { uuid: group.uuid } })
    const m = report.models[0]!
    const before = m.policy!
    expect(before.rule_instances.length).toBeGreaterThan(0)
    const instance = before.rule_instances.find((r) => r.state === 'BLOCKING')!

    // the policy changes after the scan: collecting again must still show the old policy
    await new Promise((r) => setTimeout(r, 5))
    await churnRuleInstance(sim, tok, group.uuid, instance.uuid, 1)
    const again = await collectResults(client, m.scan!, m.security_group!, new SharedLookups(client))
    expect(again.policy!.generation).toBe(before.generation)
    expect(again.policy!.rule_instances.find((r) => r.uuid === instance.uuid)!.state).toBe('BLOCKING')
    const current = await client.securityGroups.allRuleInstances(group.uuid)
    expect(current.items.find((r) => r.uuid === instance.uuid)!.state).toBe('ALLOWING')
  })

  it('collects every page of a large result', async () => {
    const report = await gate({ models: models(`${SIM_HF}/large`) })
    const m = report.models[0]!
    expect(m.violations.items).toHaveLength(10_000)
    expect(m.violations.total).toBe(10_000)
    expect(m.files.items.filter((f) => f.type === 'FILE').length).toBeGreaterThanOrEqual(10_000)
    expect(m.violations.truncated || m.violations.incomplete).toBe(false)
  })

  it('a failure of the policy snapshot is a warning, not a verdict change', async () => {
    await withFault(
      {
        action: { type: 'status', status: 403 },
        path: '/aims/mgmt/v1/security-groups/{security_group_uuid}/rule-instances/versions',
        times: null
      },
      async () => {
        const report = await gate({ models: models(`${SIM_HF}/clean-model`) })
        const m = report.models[0]!
        expect(m.verdict).toBe('pass')
        expect(m.policy).toBeNull()
        expect(m.warnings.join('\n')).toContain('The policy in force at scan time could not be read')
      }
    )
  })

  it('an ALLOWED model whose evaluations cannot be read is not a pass', async () => {
    await withFault(
      {
        action: { type: 'status', status: 500 },
        path: '/aims/data/v1/scans/{scan_uuid}/evaluations',
        times: null
      },
      async () => {
        const report = await gate({ models: models(`${SIM_HF}/clean-model`) })
        expect(report.models[0]!.scan!.eval_outcome).toBe('ALLOWED')
        expect(report.models[0]!.status).toBe('error')
        expect(report.verdict).toBe('fail')
      }
    )
  })

  it.each(['evaluations', 'files'] as const)(
    'an ALLOWED scan whose %s name another scan is not a pass',
    async (list) => {
      await withFault(
        {
          action: {
            type: 'rewrite',
            set: { [`/${list}/0/scan_uuid`]: '22222222-2222-4222-8222-222222222222' }
          },
          path: `/aims/data/v1/scans/{scan_uuid}/${list}`,
          times: null
        },
        async () => {
          const report = await gate({ models: models(`${SIM_HF}/clean-model`) })
          const m = report.models[0]!
          expect([m.scan!.eval_outcome, m.status, report.verdict]).toEqual(['ALLOWED', 'error', 'fail'])
          expect(m.warnings.join('\n')).toMatch(/hold an item of scan 22222222-2222-4222-8222-222222222222/)
        }
      )
    }
  )

  it('a poll that keeps failing fails the model and still names the scan', async () => {
    await withFault(
      {
        action: { type: 'status', status: 502 },
        path: '/aims/data/v1/scans/{uuid}',
        times: null
      },
      async () => {
        const report = await gate({ models: models(`${SIM_HF}/clean-model`) })
        const m = report.models[0]!
        expect(m.error?.code).toBe('SERVICE_ERROR')
        expect(m.error?.message).toMatch(/502/)
        expect(m.scan?.eval_outcome).toBe('PENDING')
        expect(sim.store.scans.has(m.scan!.uuid)).toBe(true)
        expect(report.verdict).toBe('fail')
      }
    )
  })

  it('a scan read back with another group is not evidence', async () => {
    await withFault(
      {
        action: {
          type: 'contract-break',
          field: 'security_group_uuid',
          value: '11111111-1111-4111-8111-111111111111'
        },
        path: '/aims/data/v1/scans/{uuid}',
        times: null
      },
      async () => {
        const report = await gate({ models: models(`${SIM_HF}/settled-on-create`, `${SIM_HF}/clean-model`) })
        const pending = report.models[1]!
        expect(pending.error?.code).toBe('CONTRACT_VIOLATION')
        expect(pending.verdict).toBe('fail')
      }
    )
  })
})

describe('SharedLookups', () => {
  it('one model running out of time does not cancel a lookup the others share', async () => {
    const shared = new SharedLookups(client)
    const before = requests(sim, 'GET /aims/mgmt/v1/security-groups')
    await withFault(
      { action: { type: 'delay', ms: 300 }, path: '/aims/mgmt/v1/security-groups', times: 1 },
      async () => {
        // the first model gives up after 50 ms ...
        await expect(shared.group(undefined, 'HUGGING_FACE', AbortSignal.timeout(50))).rejects.toMatchObject({
          code: 'TIMEOUT',
          message: expect.stringMatching(/^Stopped waiting for the security group/)
        })
        // ... the second, with time left, gets the group from the same lookup
        const group = await shared.group(undefined, 'HUGGING_FACE')
        expect(group.uuid).toBe(HF_GROUP)
      }
    )
    expect(requests(sim, 'GET /aims/mgmt/v1/security-groups') - before).toBe(1)
  })
})
