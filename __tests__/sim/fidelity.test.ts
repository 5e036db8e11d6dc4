import { beforeAll, describe, expect, it } from '@jest/globals'
import type { Simulator } from '../../sim/server.js'
import { DIALOGPT_SCAN, HF_GROUP, LOCAL_GROUP, SIM_HF } from '../helpers/ids.js'
import { raw, settled, token } from '../helpers/raw.js'
import { startSim } from '../helpers/sim.js'

/** Where a framework-built service behaves in ways a hand-written fake easily gets wrong. */

let sim: Simulator
let tok: string

beforeAll(async () => {
  sim = await startSim({ settleMs: 0 })
  tok = await token(sim)
})

const get = (path: string) => raw(sim, 'GET', path, { token: tok })

describe('HTTP framework behaviour', () => {
  it('parses a body as JSON only when the content type says JSON', async () => {
    const body = JSON.stringify({ model_uri: `${SIM_HF}/clean-model`, security_group_uuid: HF_GROUP })
    const plain = await raw(sim, 'POST', '/aims/data/v1/scans', {
      token: tok,
      rawBody: body,
      headers: { 'content-type': 'text/plain;charset=UTF-8' }
    })
    expect(plain.status).toBe(422)
    expect(plain.json.detail[0]).toMatchObject({ type: 'model_attributes_type', loc: ['body'] })
    for (const type of [undefined, 'application/json; charset=utf-8', 'application/vnd.api+json']) {
      const r = await raw(sim, 'POST', '/aims/data/v1/scans', {
        token: tok,
        rawBody: body,
        headers: type ? { 'content-type': type } : {}
      })
      expect(r.status).toBe(201)
    }
  })

  it('redirects a trailing slash and refuses empty path segments, like Starlette', async () => {
    const slash = await get('/aims/data/v1/scans/?limit=5')
    expect([slash.status, slash.headers.location]).toEqual([307, '/aims/data/v1/scans?limit=5'])
    expect((await get('/aims/data//v1/scans')).json).toEqual({ detail: 'Not Found' })
    expect((await get('/aims/data/v1/nothing/')).status).toBe(404)
    expect((await raw(sim, 'PATCH', '/aims/data/v1/scans', { token: tok })).json).toEqual({
      detail: 'Method Not Allowed'
    })
  })

  it('accepts what pydantic accepts: hyphenless and URN UUIDs, zone-less and date-only times', async () => {
    const hex = DIALOGPT_SCAN.replace(/-/g, '')
    expect((await get(`/aims/data/v1/scans/${hex}`)).json.uuid).toBe(DIALOGPT_SCAN)
    expect((await get(`/aims/data/v1/scans/urn:uuid:${DIALOGPT_SCAN.toUpperCase()}`)).json.uuid).toBe(
      DIALOGPT_SCAN
    )
    const window = await get('/aims/data/v1/scans?start_time=2026-03-03T22:30&end_time=2026-03-04')
    expect(window.json.scans.map((s: { uuid: string }) => s.uuid)).toEqual([DIALOGPT_SCAN])
    expect((await get('/aims/data/v1/scans/not-a-uuid')).status).toBe(422)
  })

  it('never fails with a 500 on a malformed escape', async () => {
    expect((await get('/aims/data/v1/scans/%zz')).status).toBe(422)
    const basic = `Basic ${Buffer.from(`${sim.credentials.clientId}:100%+bad`).toString('base64')}`
    const r = await raw(sim, 'POST', '/oauth2/access_token', {
      rawBody: 'grant_type=client_credentials&scope=tsg_id:1234567890',
      headers: { authorization: basic }
    })
    expect([r.status, r.json.error]).toEqual([401, 'invalid_client'])
  })
})

describe('listing like the service', () => {
  it('lists the default groups newest first as observed, and rule instances by rule name', async () => {
    const groups = (
      await get(
        '/aims/mgmt/v1/security-groups?source_types=GCS&source_types=LOCAL&source_types=S3&source_types=AZURE&source_types=HUGGING_FACE'
      )
    ).json
    expect(groups.security_groups.map((g: { name: string }) => g.name)).toEqual([
      'Default GCS',
      'Default LOCAL',
      'Default S3',
      'Default AZURE',
      'Default HUGGING_FACE'
    ])
    const names = (
      await get(`/aims/mgmt/v1/security-groups/${HF_GROUP}/rule-instances?limit=100`)
    ).json.rule_instances.map((i: { rule: { name: string } }) => i.rule.name)
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b)))
  })

  it('sorts evaluations by time, newest first by default, in the order the rules were evaluated', async () => {
    const desc = (
      await get(`/aims/data/v1/scans/${DIALOGPT_SCAN}/evaluations?limit=100`)
    ).json.evaluations.map((e: { rule_name: string }) => e.rule_name)
    expect(desc.slice(0, 2)).toEqual(['License Exists', 'License Is Valid For Use'])
    expect(desc.at(-1)).toBe('Suspicious Model Components Check')
    const asc = (
      await get(`/aims/data/v1/scans/${DIALOGPT_SCAN}/evaluations?limit=100&sort_order=asc`)
    ).json.evaluations.map((e: { rule_name: string }) => e.rule_name)
    expect(asc).toEqual([...desc].reverse())
  })

  it('can leave totals unknown, or cap the scan count', async () => {
    const unknown = await startSim({ listTotals: 'unknown' })
    const t1 = await token(unknown)
    expect((await raw(unknown, 'GET', '/aims/data/v1/scans', { token: t1 })).json.pagination).toEqual({
      total_items: null
    })
    const capped = await startSim({ listTotals: 'capped', scanCountCap: 2 })
    const t2 = await token(capped)
    const r = (await raw(capped, 'GET', '/aims/data/v1/scans?limit=100', { token: t2 })).json
    expect([r.pagination.total_items, r.count_capped, r.scans.length]).toEqual([2, true, 3])
  })

  it('answers errors in FastAPI style when configured', async () => {
    const fastapi = await startSim({ errorStyle: 'fastapi' })
    const t = await token(fastapi)
    const r = await raw(fastapi, 'GET', '/aims/data/v1/scans/11111111-2222-3333-4444-555555555555', {
      token: t
    })
    expect(r.json).toEqual({ detail: 'Scan 11111111-2222-3333-4444-555555555555 not found' })
  })
})

describe('scan results', () => {
  const upload = (extra: Record<string, unknown> = {}) => ({
    scanner_version: '1.1.2',
    time_started: new Date().toISOString(),
    files: [
      { file_path: 'model.safetensors', blob_id: 'b', modelscan_status: 'SCANNED', formats: ['safetensors'] }
    ],
    total_files_scanned: 99,
    total_files_skipped: 3,
    model_formats: ['safetensors', 'custom_format'],
    model_size_bytes: 1,
    scan_duration_ms: 1,
    ...extra
  })

  it('keeps what the scanner reported about the files', async () => {
    const c = await raw(sim, 'POST', '/aims/data/v1/scans', {
      token: tok,
      body: { model_uri: '/m/echo', security_group_uuid: LOCAL_GROUP, scan_details: upload() }
    })
    const s = (await settled(sim, tok, c.json.uuid)).json
    expect([s.total_files_scanned, s.total_files_skipped, s.model_formats]).toEqual([
      99,
      3,
      ['safetensors', 'custom_format']
    ])
  })

  it('takes uploaded results for a Hugging Face model too', async () => {
    const c = await raw(sim, 'POST', '/aims/data/v1/scans', {
      token: tok,
      body: { model_uri: `${SIM_HF}/uploaded`, security_group_uuid: HF_GROUP, scan_details: upload() }
    })
    expect(c.status).toBe(201)
    expect(c.json.scan_origin).toBe('MODEL_SECURITY_SDK')
  })

  it('reports a rule that could not run as ERROR, neither passed nor failed', async () => {
    const c = await raw(sim, 'POST', '/aims/data/v1/scans', {
      token: tok,
      body: { model_uri: `${SIM_HF}/rule-error`, security_group_uuid: HF_GROUP }
    })
    const s = (await settled(sim, tok, c.json.uuid)).json
    expect(s).toMatchObject({
      eval_outcome: 'ALLOWED',
      eval_summary: { rules_passed: 10, rules_failed: 0, total_rules: 11 }
    })
    const errored = (await get(`/aims/data/v1/scans/${s.uuid}/evaluations?result=ERROR`)).json.evaluations
    expect(errored.map((e: { rule_name: string }) => e.rule_name)).toEqual([
      'Model Architecture Backdoor Check'
    ])
  })

  it('can end in ERROR after evaluating part of the policy, and refuses more than 1,000 files', async () => {
    sim.addScenario({
      match: `${SIM_HF}/partial`,
      error: { code: 'WORKER_ERROR', message: 'worker lost', keepResults: true }
    })
    const c = await raw(sim, 'POST', '/aims/data/v1/scans', {
      token: tok,
      body: { model_uri: `${SIM_HF}/partial`, security_group_uuid: HF_GROUP }
    })
    const s = (await settled(sim, tok, c.json.uuid)).json
    expect([s.eval_outcome, s.error_code, s.eval_summary.total_rules]).toEqual(['ERROR', 'WORKER_ERROR', 11])
    expect((await get(`/aims/data/v1/scans/${s.uuid}/files`)).json.pagination.total_items).toBe(4)
    const big = await raw(sim, 'POST', '/aims/data/v1/scans', {
      token: tok,
      body: { model_uri: `${SIM_HF}/too-many-files`, security_group_uuid: HF_GROUP }
    })
    expect((await settled(sim, tok, big.json.uuid)).json).toMatchObject({
      eval_outcome: 'ERROR',
      error_code: 'SCAN_ERROR'
    })
  })
})

describe('simulator control', () => {
  it('aims template faults at the operation, not at sibling literal paths', async () => {
    sim.faults.add({ path: '/aims/data/v1/scans/{uuid}', action: { type: 'status', status: 503 } })
    expect((await get('/aims/data/v1/scans/label-keys')).status).toBe(200)
    expect((await get(`/aims/data/v1/scans/${DIALOGPT_SCAN}`)).status).toBe(503)
  })

  it('refuses a fault without an action', async () => {
    expect((await raw(sim, 'POST', '/__sim/faults', { body: { faults: [{ path: '/x' }] } })).status).toBe(400)
    expect((await raw(sim, 'POST', '/__sim/faults', { body: {} })).status).toBe(400)
    expect(sim.faults.pending).toBe(0)
  })

  it('reset gives a fresh tenant in real time with no valid tokens', async () => {
    const other = await startSim({ settleMs: 0 })
    const t = await token(other)
    other.clock.setScale(1000)
    other.clock.advance(3_600_000)
    await raw(other, 'POST', '/aims/data/v1/scans', {
      token: t,
      body: { model_uri: `${SIM_HF}/x`, security_group_uuid: HF_GROUP }
    })
    other.reset()
    expect(other.clock.scale).toBe(1)
    // back on real time: the clock reads between two readings of the real one
    const before = Date.now()
    const now = other.clock.now()
    expect(now).toBeGreaterThanOrEqual(before)
    expect(now).toBeLessThanOrEqual(Date.now())
    expect(other.tokensIssued()).toBe(0)
    expect((await raw(other, 'GET', '/aims/data/v1/scans', { token: t })).status).toBe(401)
    expect(other.store.scans.size).toBe(3)
  })
})
