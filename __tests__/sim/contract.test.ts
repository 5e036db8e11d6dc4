import { beforeAll, describe, expect, it } from '@jest/globals'
import { loadOpenApi, matchOperation } from '../../sim/openapi.js'
import type { Simulator } from '../../sim/server.js'
import { checkAll, checkResponse } from '../helpers/contract.js'
import { raw, settled, token } from '../helpers/raw.js'
import { startSim } from '../helpers/sim.js'
import { DIALOGPT_SCAN, HF_GROUP, LOCAL_GROUP } from '../helpers/ids.js'

/**
 * Drives every operation the simulator implements, on success and error paths, and validates each response
 * against the official OpenAPI documents. (Every other test file is validated the same way after it runs.)
 */

let sim: Simulator
let tok: string

beforeAll(async () => {
  sim = await startSim({ settleMs: 20 })
  tok = await token(sim)
})

async function exerciseEverything(): Promise<void> {
  const get = (path: string) => raw(sim, 'GET', path, { token: tok })
  // data plane
  const created = await raw(sim, 'POST', '/aims/data/v1/scans', {
    token: tok,
    body: {
      model_uri: 'https://huggingface.co/airs-sim/pickle-rce',
      security_group_uuid: HF_GROUP,
      labels: [{ key: 'env', value: 'ci' }]
    }
  })
  expect(created.status).toBe(201)
  const scan = (await settled(sim, tok, created.json.uuid as string)).json
  expect(scan.eval_outcome).toBe('BLOCKED')
  const local = await raw(sim, 'POST', '/aims/data/v1/scans', {
    token: tok,
    body: {
      model_uri: 'models/classifier',
      security_group_uuid: LOCAL_GROUP,
      scan_details: {
        scanner_version: '1.1.2',
        time_started: new Date().toISOString(),
        files: [
          {
            file_path: 'weights/model.safetensors',
            blob_id: 'b1',
            modelscan_status: 'SCANNED',
            formats: ['safetensors']
          }
        ],
        total_files_scanned: 1,
        total_files_skipped: 0,
        model_formats: ['safetensors'],
        model_size_bytes: 10,
        scan_duration_ms: 5
      }
    }
  })
  expect(local.status).toBe(201)
  await settled(sim, tok, local.json.uuid as string)
  await get(
    '/aims/data/v1/scans?limit=100&sort_order=asc&source_types=HUGGING_FACE&source_types=LOCAL&eval_outcomes=BLOCKED&labels_query=env:ci'
  )
  const evs = await get(`/aims/data/v1/scans/${DIALOGPT_SCAN}/evaluations?limit=100&result=FAILED`)
  expect(evs.json.evaluations).toHaveLength(1)
  await get(`/aims/data/v1/evaluations/${evs.json.evaluations[0].uuid}`)
  const vs = await get(`/aims/data/v1/scans/${DIALOGPT_SCAN}/rule-violations?limit=100`)
  await get(`/aims/data/v1/violations/${vs.json.violations[0].uuid}`)
  await get(`/aims/data/v1/scans/${DIALOGPT_SCAN}/files?limit=1000&sort_field=type&sort_dir=desc`)
  await get(`/aims/data/v1/scans/${local.json.uuid}/files?recursive=true&type=FILE`)
  await get(`/aims/data/v1/scans/${local.json.uuid}/files?query_path=/weights`)
  expect(
    (
      await raw(sim, 'POST', `/aims/data/v1/scans/${DIALOGPT_SCAN}/labels`, {
        token: tok,
        body: { labels: [{ key: 'team', value: 'ml' }] }
      })
    ).status
  ).toBe(200)
  expect(
    (
      await raw(sim, 'PUT', `/aims/data/v1/scans/${DIALOGPT_SCAN}/labels`, {
        token: tok,
        body: { labels: [{ key: 'team', value: 'sec' }] }
      })
    ).status
  ).toBe(200)
  expect(
    (
      await raw(sim, 'DELETE', `/aims/data/v1/scans/${DIALOGPT_SCAN}/labels?keys=team&keys=absent`, {
        token: tok
      })
    ).status
  ).toBe(204)
  await get('/aims/data/v1/scans/label-keys?search=en')
  await get('/aims/data/v1/scans/label-keys/env/values?limit=5')

  // the model inventory the scans above filled
  const models = await get(
    '/aims/data/v1/models?limit=100&sort_field=created_at&sort_order=asc&latest_version_outcomes=BLOCKED&latest_version_outcomes=ALLOWED&latest_version_formats=pickle&latest_version_formats=safetensors&latest_version_source_types=HUGGING_FACE&latest_version_source_types=LOCAL'
  )
  expect(models.json.models.length).toBeGreaterThanOrEqual(2)
  await get(
    `/aims/data/v1/models?search_query=pickle&latest_version_scan_time_before=2100-01-01T00:00:00Z&start_time=2000-01-01T00:00:00Z&end_time=2100-01-01T00:00:00Z`
  )
  const model = await get(`/aims/data/v1/models/${models.json.models[0].uuid}`)
  const modelVersions = await get(`/aims/data/v1/models/${model.json.uuid}/model-versions?sort_order=asc`)
  expect(modelVersions.json.model_versions[0].uuid).toBe(model.json.latest_version_uuid)
  await get(`/aims/data/v1/model-versions/${model.json.latest_version_uuid}`)
  await get(`/aims/data/v1/model-versions/${scan.model_version_uuid}/files?limit=100`)

  // management plane
  const groups = await get('/aims/mgmt/v1/security-groups?source_types=LOCAL&search_query=Default')
  expect(groups.json.security_groups[0].uuid).toBe(LOCAL_GROUP)
  await get(`/aims/mgmt/v1/security-groups/${HF_GROUP}`)
  const made = await raw(sim, 'POST', '/aims/mgmt/v1/security-groups', {
    token: tok,
    body: { name: 'Strict HF', source_type: 'HUGGING_FACE', description: 'x' }
  })
  expect(made.status).toBe(201)
  await raw(sim, 'PUT', `/aims/mgmt/v1/security-groups/${made.json.uuid}`, {
    token: tok,
    body: { name: 'Stricter HF' }
  })
  const instances = await get(`/aims/mgmt/v1/security-groups/${made.json.uuid}/rule-instances?limit=100`)
  const inst = instances.json.rule_instances[0]
  await get(`/aims/mgmt/v1/security-groups/${made.json.uuid}/rule-instances/${inst.uuid}`)
  await raw(sim, 'PUT', `/aims/mgmt/v1/security-groups/${made.json.uuid}/rule-instances/${inst.uuid}`, {
    token: tok,
    body: { security_group_uuid: made.json.uuid, state: 'ALLOWING' }
  })
  const versions = await get(
    `/aims/mgmt/v1/security-groups/${made.json.uuid}/rule-instances/versions?limit=1`
  )
  expect(versions.json.pagination.next_token).toEqual(expect.any(String))
  await get(
    `/aims/mgmt/v1/security-groups/${made.json.uuid}/rule-instances?generation=${versions.json.versions[0].generation}`
  )
  expect(
    (await raw(sim, 'DELETE', `/aims/mgmt/v1/security-groups/${made.json.uuid}`, { token: tok })).status
  ).toBe(204)
  const rules = await get('/aims/mgmt/v1/security-rules?limit=100&source_type=LOCAL')
  await get(`/aims/mgmt/v1/security-rules/${rules.json.rules[0].uuid}`)
  await get('/aims/mgmt/v1/security-rules/versions')
  await get('/aims/mgmt/v1/pypi/authenticate')

  // error paths
  await raw(sim, 'GET', '/aims/data/v1/scans')
  await raw(sim, 'GET', '/aims/data/v1/scans', { token: 'not-a-token' })
  await get('/aims/data/v1/scans/not-a-uuid')
  await get('/aims/data/v1/scans?limit=1000')
  await get('/aims/data/v1/scans?start_time=2026-01-01T00:00:00Z')
  await get('/aims/data/v1/scans?labels_query=((a:b))')
  await get(`/aims/data/v1/scans/${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`)
  await get(`/aims/data/v1/models/${'1'.repeat(8)}-1111-1111-1111-${'1'.repeat(12)}`)
  await get(`/aims/data/v1/model-versions/${'1'.repeat(8)}-1111-1111-1111-${'1'.repeat(12)}/files`)
  await get('/aims/data/v1/models?start_time=2026-01-01T00:00:00Z')
  await get('/aims/data/v1/models?latest_version_outcomes=MAYBE')
  await get('/aims/mgmt/v1/scans')
  await raw(sim, 'PATCH', `/aims/data/v1/scans/${DIALOGPT_SCAN}`, { token: tok })
  await raw(sim, 'POST', '/aims/data/v1/scans', {
    token: tok,
    body: { model_uri: 'https://huggingface.co/a/b', security_group_uuid: LOCAL_GROUP }
  })
  await raw(sim, 'POST', '/aims/data/v1/scans', {
    token: tok,
    rawBody: '{not json',
    headers: { 'content-type': 'application/json' }
  })
  await raw(sim, 'DELETE', `/aims/mgmt/v1/security-groups/${HF_GROUP}`, { token: tok })
  await raw(sim, 'POST', '/oauth2/access_token', {
    rawBody: 'grant_type=client_credentials',
    headers: { 'content-type': 'application/x-www-form-urlencoded' }
  })
  sim.faults.add([
    {
      path: '/aims/data/v1/scans',
      method: 'GET',
      action: { type: 'status', status: 429, retryAfter: 1, retryAfterBody: { interval: 1, unit: 'seconds' } }
    },
    { path: '/aims/mgmt/*', action: { type: 'status', status: 503 } }
  ])
  expect((await get('/aims/data/v1/scans')).status).toBe(429)
  expect((await get(`/aims/mgmt/v1/security-groups/${HF_GROUP}`)).status).toBe(503)
}

describe('simulator responses against the official OpenAPI documents', () => {
  it('every response of every implemented operation validates', async () => {
    await exerciseEverything()
    const failures = checkAll(sim.recorded)
    expect(failures).toEqual([])

    // the walk above must reach every operation the simulator implements, with a success status
    const api = loadOpenApi()
    const succeeded = new Set<string>()
    for (const r of sim.recorded) {
      if (r.status >= 300 || (r.area !== 'data' && r.area !== 'mgmt')) continue
      const m = matchOperation(api, r.area, r.method, r.path.slice(`/aims/${r.area}`.length))
      if ('op' in m) succeeded.add(m.op.operationId)
    }
    const implemented = api.operations
      .filter((o) => !o.template.includes('custom-rules'))
      .map((o) => o.operationId)
    expect(implemented.filter((id) => !succeeded.has(id))).toEqual([])
    // and the error paths produced each documented error status
    const statuses = new Set(sim.recorded.map((r) => r.status))
    for (const s of [400, 401, 404, 405, 422, 429, 503]) expect(statuses).toContain(s)
  })

  it('the contract check rejects responses that break the spec', async () => {
    // a response of the contract's to spoil: a scan of this test's, read back
    const created = await raw(sim, 'POST', '/aims/data/v1/scans', {
      token: tok,
      body: { model_uri: 'https://huggingface.co/airs-sim/clean-model', security_group_uuid: HF_GROUP }
    })
    const uuid = created.json.uuid as string
    await settled(sim, tok, uuid)
    const ok = sim.recorded.find(
      (r) => r.method === 'GET' && r.path === `/aims/data/v1/scans/${uuid}` && r.status === 200
    )!
    expect(checkResponse(ok)).toEqual([])
    const body = JSON.parse(ok.body) as Record<string, unknown>
    delete body.eval_outcome
    expect(checkResponse({ ...ok, body: JSON.stringify(body) }).join()).toMatch(/eval_outcome/)
    expect(
      checkResponse({
        ...ok,
        body: JSON.stringify({ ...body, eval_outcome: 'BLOCKED', uuid: 'nope' })
      }).join()
    ).toMatch(/uuid/)
    expect(checkResponse({ ...ok, status: 202 }).join()).toMatch(/not declared/)
    expect(checkResponse({ ...ok, status: 404, body: '{"error":"Not Found"}' }).join()).toMatch(/code|detail/)
    expect(checkResponse({ ...ok, status: 404, body: '{"detail":"Not Found"}' })).toEqual([])
    expect(checkResponse({ ...ok, status: 501, body: '{"detail":"Not Implemented"}' }).join()).toMatch(
      /not one the service documents/
    )
    // gateway statuses are only acceptable from an injected fault
    expect(checkResponse({ ...ok, status: 503, body: '{"detail":"down"}' }).join()).toMatch(
      /not one the service documents/
    )
    expect(checkResponse({ ...ok, status: 503, body: '{"detail":"down"}', fault: 'status' })).toEqual([])
    expect(checkResponse({ ...ok, status: 307, body: '' }).join()).toMatch(/redirect/)
    expect(checkResponse({ ...ok, status: 422, body: '{"detail":[]}' }).join()).toMatch(/detail/)
    expect(checkResponse({ ...ok, contentType: 'text/html' }).join()).toMatch(/content-type/)
  })
})
