import { beforeAll, describe, expect, it } from '@jest/globals'
import type { ModelSecurityClient } from '../../src/airs/client.js'
import { auditInventory, type InventoryAudit } from '../../src/gate/inventory-audit.js'
import { parseModelUri } from '../../src/gate/model-source.js'
import { runGate } from '../../src/gate/run-gate.js'
import { sleep } from '../../src/util/sleep.js'
import { DIALOGPT } from '../../sim/fixtures.js'
import type { Simulator } from '../../sim/server.js'
import { runSettings } from '../helpers/gate.js'
import { SIM_HF } from '../helpers/ids.js'
import { capture, clientFor, requests, startSim } from '../helpers/sim.js'

/**
 * `audit: inventory` in process against the simulator: the tenant's inventory judged from each model's latest
 * version with no scan, stale models named, exactly the stale Hugging Face ones re-scanned on request, and an
 * inventory that cannot be read whole failing the run.
 */

const HOUR = 3_600_000
let sim: Simulator
let client: ModelSecurityClient
beforeAll(async () => {
  sim = await startSim({ settleMs: 50 })
  client = clientFor(sim)
  // scans make the inventory
  await runGate(
    runSettings({
      models: [`${SIM_HF}/clean-model`, DIALOGPT.uri, `${SIM_HF}/pickle-rce`].map((u) =>
        parseModelUri(u, { workspace: process.cwd() })
      )
    }),
    { client, logger: capture().logger, sleep, now: () => sim.clock.now() }
  )
  return async () => client.close()
})

const audit = (a: InventoryAudit) => {
  const cap = capture()
  return auditInventory(runSettings(), a, {
    client,
    logger: cap.logger,
    sleep,
    now: () => sim.clock.now()
  }).then((report) => ({ report, log: cap.lines.join('\n') }))
}
const byName = (r: Awaited<ReturnType<typeof audit>>['report']) =>
  Object.fromEntries(r.models.map((m) => [m.inventory!.name, m]))

describe('audit: inventory', () => {
  it('judges each model by its latest version, with no scan', async () => {
    const scans = sim.store.scans.size
    const { report, log } = await audit({ maxAgeMs: HOUR, rescanStale: false })
    expect(sim.store.scans.size).toBe(scans)
    const m = byName(report)
    expect(m['airs-sim/clean-model']).toMatchObject({
      status: 'allowed',
      verdict: 'pass',
      reason: expect.stringMatching(/^ALLOWED at its latest scan \(.* ago\), as the inventory records it$/)
    })
    expect(m['microsoft/DialoGPT-medium']).toMatchObject({ status: 'blocked', verdict: 'fail' })
    expect(m['airs-sim/pickle-rce']).toMatchObject({ status: 'blocked', verdict: 'fail' })
    // no scan is claimed, and nothing binds an artifact to the record (no commit for attestations)
    for (const r of report.models) {
      expect(r.scan).toBeUndefined()
      expect(r.model.resolved_revision).toBeUndefined()
    }
    expect(report.verdict).toBe('fail')
    expect(log).toContain(`Inventory: ${report.models.length} models.`)
  })

  it('a latest scan older than max-age is stale; rescan-stale scans exactly those, on Hugging Face', async () => {
    sim.clock.advance(2 * HOUR)
    const stale = await audit({ maxAgeMs: HOUR, rescanStale: false })
    const staleOnes = stale.report.models.filter((m) => m.error?.code === 'STALE_SCAN')
    expect(staleOnes.length).toBeGreaterThanOrEqual(3)
    expect(byName(stale.report)['airs-sim/clean-model']!.reason).toMatch(
      /^Its latest scan \(ALLOWED\) is from 2 h ago, older than max-age \(1 h\)\.$/
    )
    expect(stale.report.verdict).toBe('fail')

    const creates = requests(sim, 'POST /aims/data/v1/scans')
    const again = await audit({ maxAgeMs: HOUR, rescanStale: true })
    const hf = staleOnes.filter((m) => m.model.source_type === 'HUGGING_FACE')
    expect(requests(sim, 'POST /aims/data/v1/scans')).toBe(creates + hf.length)
    const m = byName(again.report)
    expect(m['airs-sim/clean-model']).toMatchObject({ status: 'allowed', scan: { eval_outcome: 'ALLOWED' } })
    // scanned at the commit the inventory recorded
    const clean = m['airs-sim/clean-model']!
    expect(clean.inventory!.commit).toMatch(/^[0-9a-f]{40}$/)
    expect(clean.model.revision).toBe(clean.inventory!.commit)
    const version = sim.store.scans.get(clean.scan!.uuid)!.versionUuid
    expect(sim.store.modelVersions.get(version)!.hf_commit_sha).toBe(clean.inventory!.commit)
    expect(m['microsoft/DialoGPT-medium']).toMatchObject({
      status: 'blocked',
      scan: { eval_outcome: 'BLOCKED' }
    })
    // every model keeps its place
    expect(again.report.models.map((r) => r.index)).toEqual(again.report.models.map((_, i) => i + 1))
  })

  it('a scan time that cannot be trusted (in the future, unreadable) is not fresh', async () => {
    sim.faults.add({
      path: '/aims/data/v1/models',
      method: 'GET',
      times: null,
      action: { type: 'rewrite', set: { '/models/0/latest_version_scan_time': '2099-01-01T00:00:00Z' } }
    })
    try {
      const { report } = await audit({ maxAgeMs: 100 * 365 * 24 * HOUR, rescanStale: false })
      const first = report.models.find((m) => m.inventory!.scan_time === '2099-01-01T00:00:00Z')!
      expect(first).toMatchObject({ status: 'error', error: { code: 'STALE_SCAN' } })
      expect(first.reason).toContain('a time that cannot be trusted')
    } finally {
      sim.faults.clear()
    }
  })

  it('an inventory that cannot be read whole fails the run; nothing is judged from part of it', async () => {
    sim.faults.add({
      path: '/aims/data/v1/models',
      method: 'GET',
      times: null,
      action: { type: 'status', status: 500 }
    })
    try {
      const { report } = await audit({ rescanStale: false })
      expect(report.models).toEqual([])
      expect(report.verdict).toBe('fail')
      expect(report.error?.code).toBe('SERVICE_ERROR')
    } finally {
      sim.faults.clear()
    }
  })
})
