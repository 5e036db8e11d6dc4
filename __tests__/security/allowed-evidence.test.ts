import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import type { ModelSecurityClient } from '../../src/airs/client.js'
import { runGate } from '../../src/gate/run-gate.js'
import { parseModelUri } from '../../src/gate/model-source.js'
import { assess, type Evidence } from '../../src/gate/verdict.js'
import { sleep } from '../../src/util/sleep.js'
import type { FaultRule } from '../../sim/faults.js'
import type { Simulator } from '../../sim/server.js'
import { runSettings } from '../helpers/gate.js'
import { SIM_HF } from '../helpers/ids.js'
import { runAction } from '../helpers/run-dist.js'
import { capture, clientFor, startSim } from '../helpers/sim.js'

/**
 * Attack class: ALLOWED without the evidence. A buggy or compromised service (or anything between it and the
 * runner) says ALLOWED and returns fewer rule evaluations than the group enables, drops the counts that would show
 * it (eval_summary, enabled_rule_count_snapshot, pagination totals), lies in them, repeats one evaluation, or
 * reports files that were never verified. The gate must pass only when an evaluation backs every enabled rule
 * (from the policy snapshot it reads itself) and some file was verified. Generated over every cut of the list ×
 * every way of hiding the counts, against the simulator over loopback; then a property over `assess`.
 */

const CLEAN = `${SIM_HF}/clean-model`
const SCAN = '/aims/data/v1/scans/{uuid}'
const CREATE = '/aims/data/v1/scans'

/** The same rewrite of the scan on every read of it: the create's answer (which may be settled already) and GETs. */
const everyScanRead = (action: FaultRule['action']): FaultRule[] => [
  { method: 'POST', path: CREATE, times: null, action },
  { method: 'GET', path: SCAN, times: null, action }
]
const EVALUATIONS = '/aims/data/v1/scans/{scan_uuid}/evaluations'
const FILES = '/aims/data/v1/scans/{scan_uuid}/files'
const INSTANCES = '/aims/mgmt/v1/security-groups/{security_group_uuid}/rule-instances'

/**
 * The evaluation list cut to its first `kept` items with no total: the first page holds them, every later page
 * is empty (a paginating client reads until an empty page, so cutting each page alone would not shorten the list).
 */
const cutEvaluations = (kept: number): FaultRule[] => [
  {
    method: 'GET',
    path: EVALUATIONS,
    action: { type: 'rewrite', keep: { '/evaluations': kept }, remove: ['/pagination/total_items'] }
  },
  {
    method: 'GET',
    path: EVALUATIONS,
    times: null,
    action: { type: 'rewrite', keep: { '/evaluations': 0 }, remove: ['/pagination/total_items'] }
  }
]

let sim: Simulator
let client: ModelSecurityClient
let enabled: number

beforeAll(async () => {
  sim = await startSim({ settleMs: 0 })
  client = clientFor(sim)
  // how many rules the default Hugging Face group enables: what a complete ALLOWED scan evaluates
  const report = await gate()
  enabled = report.models[0]!.evaluations.items.length
})
afterAll(async () => {
  await client.close()
})

async function gate(faults: FaultRule[] = []) {
  sim.faults.clear()
  sim.faults.add(faults)
  try {
    return await runGate(runSettings({ models: [parseModelUri(CLEAN, { workspace: process.cwd() })] }), {
      client,
      logger: capture().logger,
      sleep
    })
  } finally {
    sim.faults.clear()
  }
}

/** Ways to hide how many rules the scan should have evaluated. */
const HIDE_COUNTS: Record<string, FaultRule[]> = {
  'summary and snapshot count removed': everyScanRead({
    type: 'rewrite',
    remove: ['/eval_summary', '/enabled_rule_count_snapshot']
  }),
  'summary lying about the total': everyScanRead({
    type: 'rewrite',
    set: {
      '/eval_summary': { rules_passed: 1, rules_failed: 0, total_rules: 1 },
      '/enabled_rule_count_snapshot': 1
    }
  })
}

describe('ALLOWED with a short evaluation list never passes', () => {
  it('(the unaltered scan is ALLOWED, with several rules)', async () => {
    expect((await gate()).models[0]!.status).toBe('allowed')
    expect(enabled).toBeGreaterThan(3)
  })

  it.each(Object.keys(HIDE_COUNTS))(
    '%s, and every cut of the list (pagination total removed)',
    async (hide) => {
      for (let kept = 0; kept < enabled; kept++) {
        const report = await gate([...HIDE_COUNTS[hide]!, ...cutEvaluations(kept)])
        const m = report.models[0]!
        expect({ kept, status: m.status, verdict: report.verdict }).toEqual({
          kept,
          status: 'error',
          verdict: 'fail'
        })
        expect(m.error?.code).toBe('INCONSISTENT_RESULT')
      }
    }
  )

  it('one evaluation repeated as many times as the group has rules', async () => {
    const report = await gate([
      ...HIDE_COUNTS['summary and snapshot count removed']!,
      {
        method: 'GET',
        path: EVALUATIONS,
        times: null,
        action: { type: 'rewrite', repeat: { '/evaluations': enabled } }
      }
    ])
    expect(report.models[0]!.status).toBe('error')
  })

  it('evaluations pointing at made-up rule instances (the count kept whole) do not stand in for the real ones', async () => {
    for (const at of [0, 3]) {
      const report = await gate([
        {
          method: 'GET',
          path: EVALUATIONS,
          times: null,
          action: {
            type: 'rewrite',
            set: { [`/evaluations/${at}/rule_instance_uuid`]: '0badc0de-0000-4000-8000-000000000000' }
          }
        }
      ])
      expect(report.models[0]!.error?.code).toBe('INCONSISTENT_RESULT')
    }
  })

  it('counts hidden and the policy snapshot unreadable: how many rules were due is unknown', async () => {
    const report = await gate([
      ...HIDE_COUNTS['summary and snapshot count removed']!,
      { method: 'GET', path: INSTANCES, times: null, action: { type: 'status', status: 500 } }
    ])
    expect(report.models[0]!.status).toBe('error')
    expect(report.models[0]!.reason).toMatch(/neither the scan's summary nor the security group's policy/)
  })

  it('the complete list with the counts hidden still passes: the policy snapshot vouches for it', async () => {
    const report = await gate(HIDE_COUNTS['summary and snapshot count removed'])
    expect(report.models[0]!.status).toBe('allowed')
  })
})

describe('ALLOWED over files that were never verified never passes', () => {
  it.each<[string, FaultRule['action']]>([
    ['no file scanned', { type: 'rewrite', set: { '/total_files_scanned': 0 } }]
  ])('%s', async (_, action) => {
    const report = await gate(everyScanRead(action))
    expect(report.models[0]!.error?.code).toBe('NOTHING_TO_VERIFY')
  })

  it.each<[string, FaultRule['action']]>([
    ['an empty file list', { type: 'rewrite', keep: { '/files': 0 }, set: { '/pagination/total_items': 0 } }],
    [
      'every file skipped',
      {
        type: 'rewrite',
        set: { '/files/0/result': 'SKIPPED' },
        keep: { '/files': 1 },
        remove: ['/pagination/total_items']
      }
    ],
    ['a file that ended in ERROR', { type: 'rewrite', set: { '/files/0/result': 'ERROR' } }],
    // a total larger than the list: the files not read may have ended in ERROR
    ['a file list whose total is inflated', { type: 'rewrite', set: { '/pagination/total_items': 1000 } }],
    [
      'a file in ERROR behind an inflated total',
      { type: 'rewrite', set: { '/files/0/result': 'ERROR', '/pagination/total_items': 1000 } }
    ]
  ])('%s', async (_, action) => {
    const report = await gate([{ method: 'GET', path: FILES, times: null, action }])
    expect(report.models[0]!.status).toBe('error')
    expect(['NOTHING_TO_VERIFY', 'INCONSISTENT_RESULT']).toContain(report.models[0]!.error?.code)
  })
})

describe('the verdict as a property', () => {
  const evaluation = (i: number) => ({
    rule_name: `Rule ${i}`,
    result: 'PASSED',
    rule_instance_state: 'BLOCKING',
    rule_instance_uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`
  })

  it('passes only when the distinct evaluations cover every rule a known count or the policy says is due', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 15 }),
        fc.array(fc.nat({ max: 14 }), { maxLength: 20 }),
        fc.option(fc.nat({ max: 15 }), { nil: undefined }),
        fc.boolean(),
        (due, picks, summary, policyKnown) => {
          const evaluations = picks.filter((i) => i < due).map(evaluation)
          const e: Evidence = {
            outcome: 'ALLOWED',
            evaluations,
            totalRules: summary,
            ...(policyKnown && {
              enabledRules: Array.from({ length: due }, (_, i) => ({
                uuid: evaluation(i).rule_instance_uuid
              }))
            })
          }
          const distinct = new Set(evaluations.map((x) => x.rule_instance_uuid)).size
          const expected = Math.max(summary ?? 0, policyKnown ? due : 0)
          const known = summary !== undefined || policyKnown
          const shouldPass = known && distinct > 0 && distinct >= expected
          expect(assess(e).status === 'allowed').toBe(shouldPass)
        }
      ),
      { numRuns: 3000 }
    )
  })
})

describe('through the bundled action', () => {
  it('1 of the rules returned, counts hidden: the step fails with INCONSISTENT_RESULT', async () => {
    sim.faults.clear()
    sim.faults.add([...HIDE_COUNTS['summary and snapshot count removed']!, ...cutEvaluations(1)])
    try {
      const r = await runAction({ 'model-uri': CLEAN }, sim.env())
      expect(r.code).toBe(1)
      expect(r.outputs).toMatchObject({
        verdict: 'fail',
        error: 'INCONSISTENT_RESULT',
        'eval-outcome': 'ERROR'
      })
    } finally {
      sim.faults.clear()
    }
  })
})
