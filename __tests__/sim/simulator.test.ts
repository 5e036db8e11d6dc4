import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { request } from 'undici'
import type { Simulator } from '../../sim/server.js'
import { createGroup, raw, settled, token, type RawResponse } from '../helpers/raw.js'
import { startSim } from '../helpers/sim.js'
import { DIALOGPT_URI, HF_GROUP, LOCAL_GROUP, SIM_HF } from '../helpers/ids.js'

/** The simulator's own behaviour: auth, scan lifecycle, policy evaluation, validation, listing, faults. */

let sim: Simulator
let tok: string

beforeAll(async () => {
  sim = await startSim({ settleMs: 10_000 })
  tok = await token(sim)
})
afterEach(() => sim.faults.clear())

const get = (path: string) => raw(sim, 'GET', path, { token: tok })
const create = (body: Record<string, unknown>) =>
  raw(sim, 'POST', '/aims/data/v1/scans', { token: tok, body })
const hf = (model: string, extra: Record<string, unknown> = {}) =>
  create({ model_uri: model, security_group_uuid: HF_GROUP, ...extra })

/** Moves virtual time forward; takes a fresh token, since a long jump expires the current one. */
async function advance(ms: number): Promise<void> {
  sim.clock.advance(ms)
  tok = await token(sim)
}

/** Creates a scan and moves the clock past its settle delay. */
async function settledScan(body: Record<string, unknown>): Promise<RawResponse> {
  const c = await create(body)
  expect(c.status).toBe(201)
  await advance(10_000)
  return get(`/aims/data/v1/scans/${c.json.uuid}`)
}

function localDetails(files: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}) {
  return {
    scanner_version: '1.1.2',
    time_started: new Date().toISOString(),
    files,
    total_files_scanned: files.length,
    total_files_skipped: 0,
    model_formats: [],
    model_size_bytes: 1,
    scan_duration_ms: 1,
    ...extra
  }
}

describe('OAuth2 token endpoint', () => {
  const form = `grant_type=client_credentials&scope=tsg_id:1234567890`
  const basic = () =>
    `Basic ${Buffer.from(`${sim.credentials.clientId}:${sim.credentials.clientSecret}`).toString('base64')}`

  it.each(['/oauth2/access_token', '/auth/v1/oauth2/access_token', '/am/oauth2/access_token'])(
    'issues a 15-minute bearer token at %s',
    async (path) => {
      const r = await raw(sim, 'POST', path, { rawBody: form, headers: { authorization: basic() } })
      expect(r.status).toBe(200)
      expect(r.json).toMatchObject({ token_type: 'Bearer', expires_in: 899, scope: 'tsg_id:1234567890' })
      // a JWT whose payload carries the TSG
      const payload = JSON.parse(
        Buffer.from(String(r.json.access_token).split('.')[1]!, 'base64url').toString()
      ) as Record<string, unknown>
      expect(payload.tsg_id).toBe('1234567890')
    }
  )

  it('accepts credentials as form fields too', async () => {
    const r = await raw(sim, 'POST', '/oauth2/access_token', {
      rawBody: `${form}&client_id=${encodeURIComponent(sim.credentials.clientId)}&client_secret=${sim.credentials.clientSecret}`
    })
    expect(r.status).toBe(200)
  })

  it('rejects bad credentials, grant types and scopes the way the auth service does', async () => {
    const wrong = `Basic ${Buffer.from(`${sim.credentials.clientId}:nope`).toString('base64')}`
    expect(
      await raw(sim, 'POST', '/oauth2/access_token', { rawBody: form, headers: { authorization: wrong } })
    ).toMatchObject({
      status: 401,
      json: { error: 'invalid_client', error_description: 'Client authentication failed' }
    })
    const r1 = await raw(sim, 'POST', '/oauth2/access_token', {
      rawBody: 'grant_type=password&scope=tsg_id:1234567890',
      headers: { authorization: basic() }
    })
    expect(r1.json.error).toBe('unsupported_grant_type')
    const r2 = await raw(sim, 'POST', '/oauth2/access_token', {
      rawBody: 'grant_type=client_credentials&scope=tsg_id:999',
      headers: { authorization: basic() }
    })
    expect([r2.status, r2.json.error]).toEqual([400, 'invalid_scope'])
    expect((await raw(sim, 'GET', '/oauth2/access_token')).status).toBe(405)
  })

  it('refuses missing, unknown and expired bearer tokens with 401', async () => {
    expect((await raw(sim, 'GET', '/aims/data/v1/scans')).json.message).toMatch(/Missing bearer/)
    expect((await raw(sim, 'GET', '/aims/data/v1/scans', { token: 'forged' })).json.message).toMatch(
      /Invalid access token/
    )
    const t = await token(sim)
    expect((await raw(sim, 'GET', '/aims/data/v1/scans', { token: t })).status).toBe(200)
    sim.clock.advance(900_000)
    const expired = await raw(sim, 'GET', '/aims/data/v1/scans', { token: t })
    expect([expired.status, expired.json.message]).toEqual([401, 'Access token expired'])
    tok = await token(sim)
  })
})

describe('scan lifecycle', () => {
  it('starts PENDING with placeholder fields and settles after the configured delay', async () => {
    const c = await hf(`${SIM_HF}/clean-model`)
    expect(c.status).toBe(201)
    expect(c.json).toMatchObject({
      eval_outcome: 'PENDING',
      model_version_uuid: '00000000-0000-0000-0000-000000000000',
      eval_summary: null,
      scan_origin: 'HUGGING_FACE',
      source_type: 'HUGGING_FACE'
    })
    expect((await get(`/aims/data/v1/scans/${c.json.uuid}/evaluations`)).json).toEqual({
      pagination: { total_items: 0 },
      evaluations: []
    })
    await advance(9_000)
    expect((await get(`/aims/data/v1/scans/${c.json.uuid}`)).json.eval_outcome).toBe('PENDING')
    await advance(1_000)
    const s = (await get(`/aims/data/v1/scans/${c.json.uuid}`)).json
    expect(s).toMatchObject({
      eval_outcome: 'ALLOWED',
      eval_summary: { rules_passed: 11, rules_failed: 0, total_rules: 11 }
    })
    expect(s.model_version_uuid).not.toBe('00000000-0000-0000-0000-000000000000')
    expect(Date.parse(s.updated_at)).toBeGreaterThan(Date.parse(s.created_at))
    expect(s.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/)
  })

  it('reproduces the real DialoGPT-medium verdict: BLOCKED, 10 passed, 1 failed, 5 violations, 12 files', async () => {
    const s = (await settledScan({ model_uri: DIALOGPT_URI, security_group_uuid: HF_GROUP })).json
    expect(s).toMatchObject({
      eval_outcome: 'BLOCKED',
      eval_summary: { rules_passed: 10, rules_failed: 1, total_rules: 11 },
      total_files_scanned: 8,
      total_files_skipped: 4
    })
    const evs = (await get(`/aims/data/v1/scans/${s.uuid}/evaluations?limit=100`)).json.evaluations as Array<
      Record<string, unknown>
    >
    expect(
      evs
        .filter((e) => e.result === 'FAILED')
        .map((e) => [e.rule_name, e.rule_instance_state, e.violation_count])
    ).toEqual([['Stored In Approved File Format', 'BLOCKING', 5]])
    const vs = (await get(`/aims/data/v1/scans/${s.uuid}/rule-violations?limit=100`)).json
      .violations as Array<Record<string, unknown>>
    expect(vs.map((v) => v.description)).toEqual([
      "Model file 'pytorch_model.bin' is stored in an unapproved format: pickle",
      "Model file 'pytorch_model.bin' is stored in an unapproved format: pytorch_v0_1_10",
      "Model file 'rust_model.ot' is stored in an unapproved format: pytorch_torch_script",
      "Model file 'rust_model.ot' is stored in an unapproved format: zip",
      "Model file 'tf_model.h5' is stored in an unapproved format: keras_weights"
    ])
    const files = (await get(`/aims/data/v1/scans/${s.uuid}/files?limit=100`)).json.files as Array<
      Record<string, unknown>
    >
    // the service's own order (collation ignores case and punctuation)
    expect(files.map((f) => `${String(f.result)} ${String(f.path)}`)).toEqual([
      'SUCCESS config.json',
      'SKIPPED flax_model.msgpack',
      'SUCCESS generation_config_for_conversational.json',
      'SUCCESS generation_config.json',
      'SKIPPED .gitattributes',
      'SKIPPED merges.txt',
      'FAILED pytorch_model.bin',
      'SKIPPED README.md',
      'FAILED rust_model.ot',
      'FAILED tf_model.h5',
      'SUCCESS tokenizer_config.json',
      'SUCCESS vocab.json'
    ])
  })

  it('keeps the canonical DialoGPT scan with its observed identifiers', async () => {
    const s = (await get('/aims/data/v1/scans/7a7e1cdf-a6b1-4743-a5f2-a7bd96ec7bab')).json
    expect(s).toMatchObject({
      created_at: '2026-03-03T22:32:12.344402Z',
      updated_at: '2026-03-03T22:32:12.477430Z',
      eval_outcome: 'BLOCKED'
    })
    expect((await get('/aims/data/v1/violations/9d39c991-e37f-4e6f-bc27-bffed8d90047')).json.file).toBe(
      'tf_model.h5'
    )
    expect((await get('/aims/data/v1/evaluations/1ae405a2-15a9-4a3b-8e57-5a916c133857')).json.result).toBe(
      'FAILED'
    )
  })

  it('never settles, errors, errors once with SCAN_DATA_PENDING, or settles on create, per scenario', async () => {
    const never = await hf(`${SIM_HF}/never-settles`)
    await advance(86_400_000)
    expect((await get(`/aims/data/v1/scans/${never.json.uuid}`)).json.eval_outcome).toBe('PENDING')

    expect(
      (await settledScan({ model_uri: `${SIM_HF}/scan-error`, security_group_uuid: HF_GROUP })).json
    ).toMatchObject({
      eval_outcome: 'ERROR',
      error_code: 'SCAN_ERROR',
      eval_summary: null
    })
    const first = await settledScan({
      model_uri: `${SIM_HF}/scan-data-pending`,
      security_group_uuid: HF_GROUP
    })
    const second = await settledScan({
      model_uri: `${SIM_HF}/scan-data-pending`,
      security_group_uuid: HF_GROUP
    })
    expect([first.json.error_code, second.json.eval_outcome]).toEqual(['SCAN_DATA_PENDING', 'ALLOWED'])
    expect((await hf(`${SIM_HF}/settled-on-create`)).json.eval_outcome).toBe('ALLOWED')
  })

  it('settles after a number of polls when the scenario says so', async () => {
    sim.addScenario({ match: `${SIM_HF}/three-polls`, settleAfterPolls: 3 })
    const c = await hf(`${SIM_HF}/three-polls`)
    const outcomes = []
    for (let i = 0; i < 3; i++)
      outcomes.push((await get(`/aims/data/v1/scans/${c.json.uuid}`)).json.eval_outcome)
    expect(outcomes).toEqual(['PENDING', 'PENDING', 'ALLOWED'])
  })
})

describe('policy evaluation follows the group', () => {
  it('a failed ALLOWING rule does not block; a DISABLED rule is not evaluated; the snapshot history records each change', async () => {
    const group = await createGroup(sim, tok, 'HF tuning', 'HUGGING_FACE')
    const instances = (await get(`/aims/mgmt/v1/security-groups/${group.uuid}/rule-instances?limit=100`)).json
      .rule_instances as Array<{ uuid: string; rule: { name: string } }>
    const format = instances.find((i) => i.rule.name === 'Stored In Approved File Format')!
    const put = (state: string) =>
      raw(sim, 'PUT', `/aims/mgmt/v1/security-groups/${group.uuid}/rule-instances/${format.uuid}`, {
        token: tok,
        body: { security_group_uuid: group.uuid, state }
      })

    expect((await put('ALLOWING')).json.state).toBe('ALLOWING')
    const allowed = (await settledScan({ model_uri: DIALOGPT_URI, security_group_uuid: group.uuid })).json
    expect(allowed).toMatchObject({
      eval_outcome: 'ALLOWED',
      eval_summary: { rules_failed: 1, total_rules: 11 }
    })
    const v = (await get(`/aims/data/v1/scans/${allowed.uuid}/rule-violations`)).json.violations[0]
    expect(v.rule_instance_state).toBe('ALLOWING')

    await put('DISABLED')
    const disabled = (await settledScan({ model_uri: DIALOGPT_URI, security_group_uuid: group.uuid })).json
    expect(disabled).toMatchObject({
      eval_outcome: 'ALLOWED',
      eval_summary: { rules_failed: 0, total_rules: 10 },
      enabled_rule_count_snapshot: 10
    })

    const versions = (await get(`/aims/mgmt/v1/security-groups/${group.uuid}/rule-instances/versions`)).json
      .versions as Array<{ generation: number }>
    expect(versions).toHaveLength(3)
    expect(versions[0]!.generation).toBeGreaterThan(versions[2]!.generation)
    const oldest = (
      await get(
        `/aims/mgmt/v1/security-groups/${group.uuid}/rule-instances?limit=100&generation=${versions[2]!.generation}`
      )
    ).json.rule_instances as Array<Record<string, unknown>>
    expect(oldest.find((i) => i.uuid === format.uuid)).toMatchObject({ state: 'BLOCKING', created_at: null })
    expect(
      (await get(`/aims/mgmt/v1/security-groups/${group.uuid}/rule-instances?generation=1`)).status
    ).toBe(404)
  })

  it('a model without a license fails License Exists (and only that rule)', async () => {
    const s = (await settledScan({ model_uri: `${SIM_HF}/unlicensed`, security_group_uuid: HF_GROUP })).json
    const failed = (
      (await get(`/aims/data/v1/scans/${s.uuid}/evaluations?limit=100&result=FAILED`)).json
        .evaluations as Array<{ rule_name: string }>
    ).map((e) => e.rule_name)
    expect(failed).toEqual(['License Exists'])
  })

  it('evaluates what a local scanner uploaded: threats map to rules, unapproved formats, errors', async () => {
    const s = (
      await settledScan({
        model_uri: '/models/x',
        security_group_uuid: LOCAL_GROUP,
        scan_details: localDetails([
          {
            file_path: 'model.pkl',
            blob_id: 'a',
            modelscan_status: 'SCANNED',
            formats: ['pickle'],
            issues_detected: [
              {
                description: 'os.system call',
                source: 'model.pkl',
                threat: 'PAIT-PKL-100',
                module: 'os',
                operator: 'system'
              }
            ]
          },
          {
            file_path: 'sub/weights.safetensors',
            blob_id: 'b',
            modelscan_status: 'SCANNED',
            formats: ['safetensors']
          },
          { file_path: 'notes.txt', blob_id: 'c', modelscan_status: 'SKIPPED' }
        ])
      })
    ).json
    expect(s).toMatchObject({
      eval_outcome: 'BLOCKED',
      scan_origin: 'MODEL_SECURITY_SDK',
      source_type: 'LOCAL',
      eval_summary: { rules_failed: 2, total_rules: 6 }
    })
    const vs = (await get(`/aims/data/v1/scans/${s.uuid}/rule-violations?limit=100`)).json
      .violations as Array<Record<string, unknown>>
    expect(vs.map((v) => [v.rule_name, v.threat, v.operator])).toEqual([
      ['Load Time Code Execution Check', 'PAIT-PKL-100', 'system'],
      ['Stored In Approved File Format', 'UNAPPROVED_FORMATS', null]
    ])
    const top = (await get(`/aims/data/v1/scans/${s.uuid}/files`)).json.files as Array<
      Record<string, unknown>
    >
    expect(top.map((f) => [f.path, f.type, f.result])).toEqual([
      ['model.pkl', 'FILE', 'FAILED'],
      ['notes.txt', 'FILE', 'SKIPPED'],
      ['sub', 'DIRECTORY', 'SUCCESS']
    ])
    expect(
      (await get(`/aims/data/v1/scans/${s.uuid}/files?query_path=/sub`)).json.files.map(
        (f: { path: string }) => f.path
      )
    ).toEqual(['sub/weights.safetensors'])
    expect(
      (await get(`/aims/data/v1/scans/${s.uuid}/files?recursive=true&type=FILE`)).json.pagination.total_items
    ).toBe(3)

    const err = await settledScan({
      model_uri: '/models/y',
      security_group_uuid: LOCAL_GROUP,
      scan_details: localDetails([], { error_code: 'ACCESS_DENIED', error_message: 'bucket access denied' })
    })
    expect(err.json).toMatchObject({
      eval_outcome: 'ERROR',
      error_code: 'ACCESS_DENIED',
      error_message: 'bucket access denied'
    })
  })

  it('applies allow and ignore patterns to a Hugging Face repository', async () => {
    const s = (
      await settledScan({
        model_uri: DIALOGPT_URI,
        security_group_uuid: HF_GROUP,
        ignore_patterns: ['*.bin', '*.ot', '*.h5']
      })
    ).json
    expect(s.eval_outcome).toBe('ALLOWED')
    expect((await get(`/aims/data/v1/scans/${s.uuid}/files?limit=100`)).json.pagination.total_items).toBe(9)
    expect(
      (await hf(DIALOGPT_URI, { allow_patterns: ['*.json'], ignore_patterns: ['*.json'] })).json.message
    ).toMatch(/overlap/)
  })
})

describe('validation like the service', () => {
  it.each([
    [
      { model_uri: DIALOGPT_URI, security_group_uuid: LOCAL_GROUP },
      400,
      'Security group source type mismatch'
    ],
    [
      { model_uri: 'https://huggingface.co/gpt2', security_group_uuid: HF_GROUP },
      400,
      'Invalid Hugging Face model URI'
    ],
    [{ model_uri: '/models/x', security_group_uuid: LOCAL_GROUP }, 400, 'No files to scan'],
    [
      { model_uri: DIALOGPT_URI, security_group_uuid: '11111111-2222-3333-4444-555555555555' },
      404,
      'not found'
    ]
  ])('rejects %j with %i', async (body, status, message) => {
    const r = await create(body)
    expect(r.status).toBe(status)
    expect(r.json.message).toContain(message)
  })

  it.each([
    [
      { model_uri: DIALOGPT_URI, security_group_uuid: HF_GROUP, source_type: 'HUGGING_FACE' },
      'extra_forbidden',
      ['body', 'source_type']
    ],
    [
      { model_uri: DIALOGPT_URI, security_group_uuid: 'hf-group' },
      'uuid_parsing',
      ['body', 'security_group_uuid']
    ],
    [
      { model_uri: DIALOGPT_URI, security_group_uuid: HF_GROUP, labels: [{ key: 'version', value: '1.2' }] },
      'string_pattern_mismatch',
      ['body', 'labels', 0, 'value']
    ],
    [
      {
        model_uri: DIALOGPT_URI,
        security_group_uuid: HF_GROUP,
        labels: Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' }))
      },
      'too_long',
      ['body', 'labels']
    ],
    [{ security_group_uuid: HF_GROUP }, 'missing', ['body', 'model_uri']],
    [
      { model_uri: DIALOGPT_URI, security_group_uuid: HF_GROUP, scan_origin: 'GITHUB' },
      'enum',
      ['body', 'scan_origin']
    ]
  ])('answers 422 with a FastAPI detail for %j', async (body, type, loc) => {
    const r = await create(body)
    expect(r.status).toBe(422)
    expect(r.json.detail).toContainEqual(expect.objectContaining({ type, loc }))
  })

  it('validates query parameters from the spec: bounds, enums, repeated keys, types', async () => {
    expect((await get('/aims/data/v1/scans?limit=101')).json.detail[0]).toMatchObject({
      type: 'less_than_equal',
      loc: ['query', 'limit']
    })
    expect((await get('/aims/data/v1/scans?limit=ten')).json.detail[0]).toMatchObject({ type: 'int_parsing' })
    expect((await get('/aims/data/v1/scans?eval_outcomes=BLOCKED,ERROR')).json.detail[0]).toMatchObject({
      type: 'enum',
      loc: ['query', 'eval_outcomes', 0]
    })
    expect((await get('/aims/data/v1/scans?eval_outcomes=BLOCKED&eval_outcomes=ERROR')).status).toBe(200)
    expect(
      (await get('/aims/data/v1/scans/7a7e1cdf-a6b1-4743-a5f2-a7bd96ec7bab/files?limit=1000')).status
    ).toBe(200)
    expect(
      (await get('/aims/data/v1/scans/7a7e1cdf-a6b1-4743-a5f2-a7bd96ec7bab/files?recursive=maybe')).json
        .detail[0].type
    ).toBe('bool_parsing')
    expect((await get('/aims/mgmt/v1/security-groups?search_query=ab')).json.detail[0].type).toBe(
      'string_too_short'
    )
    expect(
      (
        await raw(sim, 'DELETE', '/aims/data/v1/scans/7a7e1cdf-a6b1-4743-a5f2-a7bd96ec7bab/labels', {
          token: tok
        })
      ).json.detail[0]
    ).toMatchObject({ type: 'missing', loc: ['query', 'keys'] })
    expect((await get('/aims/data/v1/scans?start_time=2026-01-01T00:00:00Z')).json).toMatchObject({
      message: 'Both start_time and end_time must be specified'
    })
  })

  it('routes by plane and method: 404 for the other plane, 405 for a wrong method', async () => {
    expect((await get('/aims/mgmt/v1/scans')).status).toBe(404)
    expect((await get('/aims/data/v1/security-groups')).status).toBe(404)
    expect((await raw(sim, 'DELETE', '/aims/data/v1/scans', { token: tok })).status).toBe(405)
  })

  it('caps a scan at 50 labels when labels are added later', async () => {
    const c = await hf(`${SIM_HF}/clean-model`, {
      labels: Array.from({ length: 49 }, (_, i) => ({ key: `k${i}`, value: 'v' }))
    })
    const add = (labels: Array<{ key: string; value: string }>) =>
      raw(sim, 'POST', `/aims/data/v1/scans/${c.json.uuid}/labels`, { token: tok, body: { labels } })
    expect((await add([{ key: 'k0', value: 'changed' }])).status).toBe(200)
    expect((await add([{ key: 'extra', value: 'v' }])).status).toBe(200)
    const over = await add([{ key: 'one-too-many', value: 'v' }])
    expect([over.status, over.json.message]).toEqual([400, 'Max scan labels exceeded'])
    const labels = (await get(`/aims/data/v1/scans/${c.json.uuid}`)).json.labels as Array<{
      key: string
      value: string
    }>
    expect(labels).toHaveLength(50)
    expect(labels.find((l) => l.key === 'k0')!.value).toBe('changed')
  })
})

describe('listing', () => {
  /** A simulator of the test's own, so its lists hold the fixtures and what the test made, whatever ran before. */
  async function own() {
    const s = await startSim({ settleMs: 10_000 })
    const t = await token(s)
    return {
      get: (path: string) => raw(s, 'GET', path, { token: t }),
      hf: (model: string, extra: Record<string, unknown> = {}) =>
        raw(s, 'POST', '/aims/data/v1/scans', {
          token: t,
          body: { model_uri: model, security_group_uuid: HF_GROUP, ...extra }
        })
    }
  }

  it('filters scans by labels_query, search prefix, outcome, source and time; sorts and pages', async () => {
    const { get, hf } = await own()
    const a = await hf(`${SIM_HF}/list-a`, {
      labels: [
        { key: 'env', value: 'prod' },
        { key: 'team', value: 'ml' }
      ]
    })
    const b = await hf(`${SIM_HF}/list-b`, { labels: [{ key: 'env', value: 'staging' }] })
    await hf(`${SIM_HF}/list-c`, { labels: [{ key: 'team', value: 'sec' }] })
    const uuids = async (q: string) =>
      ((await get(`/aims/data/v1/scans?limit=100&${q}`)).json.scans as Array<{ uuid: string }>).map(
        (s) => s.uuid
      )
    expect(await uuids('labels_query=env:prod')).toEqual([a.json.uuid])
    expect(await uuids(encodeURI('labels_query=(env:prod OR env:staging) AND team:*'))).toEqual([a.json.uuid])
    expect((await uuids('labels_query=env:*')).sort()).toEqual([a.json.uuid, b.json.uuid].sort())
    expect(
      (await uuids(`search_query=${encodeURIComponent(`${SIM_HF}/list-`)}&sort_order=asc`)).slice(0, 2)
    ).toEqual([a.json.uuid, b.json.uuid])
    expect(await uuids(`search_query=${a.json.uuid}`)).toEqual([a.json.uuid])
    expect(await uuids('source_types=LOCAL&eval_outcomes=ALLOWED')).toEqual([
      'ee71b4da-64ce-4d6c-96fb-2bced1154a06',
      '6456c1fd-1a76-40c4-a591-3275d7885c17'
    ])
    expect(await uuids('start_time=2026-03-03T22:30:00Z&end_time=2026-03-03T22:40:00Z')).toEqual([
      '7a7e1cdf-a6b1-4743-a5f2-a7bd96ec7bab'
    ])
    const p = (await get('/aims/data/v1/scans?limit=2&skip=1')).json
    expect(p.scans).toHaveLength(2)
    expect(p.pagination.total_items).toBeGreaterThan(3)
    expect((await get('/aims/data/v1/scans?labels_query=(a:b%20AND%20(c:d))')).json.message).toMatch(/nested/)
  })

  it('lists label keys and values across scans, with prefix search', async () => {
    const { get, hf } = await own()
    await hf(`${SIM_HF}/list-a`, {
      labels: [
        { key: 'env', value: 'prod' },
        { key: 'team', value: 'ml' }
      ]
    })
    await hf(`${SIM_HF}/list-b`, { labels: [{ key: 'env', value: 'staging' }] })
    await hf(`${SIM_HF}/list-c`, { labels: [{ key: 'team', value: 'sec' }] })
    const keys = (await get('/aims/data/v1/scans/label-keys?limit=100&search=te')).json.keys
    expect(keys).toEqual(['team'])
    expect((await get('/aims/data/v1/scans/label-keys/env/values?limit=100')).json.values).toEqual([
      'prod',
      'staging'
    ])
  })

  it('lists groups with enabled-rule counts and filters; rules by source and name', async () => {
    const groups = (
      await get('/aims/mgmt/v1/security-groups?source_types=LOCAL&source_types=HUGGING_FACE&sort_dir=asc')
    ).json.security_groups as Array<Record<string, unknown>>
    expect(
      groups.filter((g) => String(g.name).startsWith('Default')).map((g) => [g.name, g.enabled_rule_count])
    ).toEqual([
      ['Default HUGGING_FACE', 11],
      ['Default LOCAL', 6]
    ])
    const rules = (await get('/aims/mgmt/v1/security-rules?limit=100&source_type=HUGGING_FACE')).json
      .rules as Array<{ name: string }>
    expect(rules).toHaveLength(11)
    expect(
      (await get('/aims/mgmt/v1/security-rules?search_query=license')).json.rules.map(
        (r: { name: string }) => r.name
      )
    ).toEqual(['License Exists', 'License Is Valid For Use'])
    expect(
      (await get('/aims/mgmt/v1/security-rules?limit=5')).json.rules.map((r: { uuid: string }) => r.uuid)
    ).toEqual([
      '550e8400-e29b-41d4-a716-44665544000b',
      '550e8400-e29b-41d4-a716-446655440006',
      '550e8400-e29b-41d4-a716-446655440007',
      '550e8400-e29b-41d4-a716-446655440008',
      '550e8400-e29b-41d4-a716-44665544000a'
    ])
  })

  it('keeps deleted groups readable by UUID but out of lists; default groups cannot be deleted', async () => {
    const g = await createGroup(sim, tok, 'Temporary', 'S3')
    expect((await raw(sim, 'DELETE', `/aims/mgmt/v1/security-groups/${g.uuid}`, { token: tok })).status).toBe(
      204
    )
    expect((await get(`/aims/mgmt/v1/security-groups/${g.uuid}`)).json.is_tombstone).toBe(true)
    expect(
      ((await get('/aims/mgmt/v1/security-groups?search_query=Temporary')).json.security_groups as unknown[])
        .length
    ).toBe(0)
    expect(
      (await raw(sim, 'DELETE', `/aims/mgmt/v1/security-groups/${LOCAL_GROUP}`, { token: tok })).status
    ).toBe(400)
  })
})

describe('private package index', () => {
  it('hands out an expiring index URL whose token opens the PEP 503 index', async () => {
    sim.store.packages.push({
      name: 'model_security_client',
      version: '1.1.2',
      filename: 'model_security_client-1.1.2-py3-none-any.whl',
      bytes: Buffer.from('wheel')
    })
    const auth = (await get('/aims/mgmt/v1/pypi/authenticate')).json
    expect(Date.parse(auth.expires_at)).toBeGreaterThan(Date.now())
    const u = new URL(auth.url as string)
    expect(u.username).toBe('_token')
    const basic = { authorization: `Basic ${Buffer.from(`_token:${u.password}`).toString('base64')}` }
    const index = await raw(sim, 'GET', '/pypi/simple/model-security-client/', { headers: basic })
    expect(index.text).toMatch(/model_security_client-1\.1\.2-py3-none-any\.whl#sha256=[0-9a-f]{64}/)
    expect(
      (await raw(sim, 'GET', '/pypi/files/model_security_client-1.1.2-py3-none-any.whl', { headers: basic }))
        .text
    ).toBe('wheel')
    expect(
      (
        await raw(sim, 'GET', '/pypi/simple/', {
          headers: { authorization: `Basic ${Buffer.from('_token:guess').toString('base64')}` }
        })
      ).status
    ).toBe(401)
    await advance(3_600_000)
    expect((await raw(sim, 'GET', '/pypi/simple/', { headers: basic })).status).toBe(401)
  })
})

describe('fault injection', () => {
  it('applies a fault to the matching requests only, `times` times after `skip`', async () => {
    sim.faults.add({
      method: 'GET',
      path: '/aims/data/v1/scans/{uuid}',
      action: { type: 'status', status: 503 },
      times: 2,
      skip: 1
    })
    const path = '/aims/data/v1/scans/7a7e1cdf-a6b1-4743-a5f2-a7bd96ec7bab'
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await get(path)).status)
    expect(statuses).toEqual([200, 503, 503, 200])
    expect((await get('/aims/data/v1/scans')).status).toBe(200)
  })

  it('sends Retry-After as a header and as the AIRS body hint', async () => {
    sim.faults.add({
      area: 'data',
      action: { type: 'status', status: 429, retryAfter: 7, retryAfterBody: { interval: 7, unit: 'seconds' } }
    })
    const r = await get('/aims/data/v1/scans')
    expect([r.status, r.headers['retry-after'], r.json.retry_after]).toEqual([
      429,
      '7',
      { interval: 7, unit: 'seconds' }
    ])
  })

  it('breaks bodies: truncated JSON, empty body, a removed or mistyped field', async () => {
    const path = '/aims/data/v1/scans/7a7e1cdf-a6b1-4743-a5f2-a7bd96ec7bab'
    sim.faults.add({ action: { type: 'malformed-json' } })
    expect((await get(path)).json).toBeUndefined()
    sim.faults.add({ action: { type: 'empty-body' } })
    expect((await get(path)).text).toBe('')
    sim.faults.add({ action: { type: 'contract-break' } })
    expect((await get(path)).json).not.toHaveProperty('eval_outcome')
    sim.faults.add({ action: { type: 'contract-break', field: 'rule_name', value: 42 } })
    expect((await get(`${path}/rule-violations`)).json.violations[0].rule_name).toBe(42)
  })

  it('resets connections before or after processing, delays and hangs', async () => {
    sim.faults.add({ action: { type: 'reset' } })
    await expect(get('/aims/data/v1/scans')).rejects.toThrow()
    const before = sim.store.scans.size
    sim.faults.add({ method: 'POST', action: { type: 'reset-after-processing' } })
    await expect(hf(`${SIM_HF}/clean-model`)).rejects.toThrow()
    expect(sim.store.scans.size).toBe(before + 1)
    sim.faults.add({ action: { type: 'delay', ms: 120 } })
    // the order of two timers, not a measured time: one of 100 ms set before the request goes out has fired
    // by the time the answer arrives (the delay's own 120 ms timer starts later and fires after it)
    let fired = false
    const timer = setTimeout(() => (fired = true), 100)
    try {
      expect((await get('/aims/data/v1/scans')).status).toBe(200)
      expect(fired).toBe(true)
    } finally {
      clearTimeout(timer)
    }
    sim.faults.add({ action: { type: 'hang' } })
    await expect(
      request(`${sim.url}/aims/data/v1/scans`, {
        headers: { authorization: `Bearer ${tok}` },
        signal: AbortSignal.timeout(150)
      })
    ).rejects.toThrow()
  })

  it('expires every token mid-stream, and is steerable over HTTP by another process', async () => {
    sim.faults.add({ action: { type: 'expire-tokens' } })
    expect((await get('/aims/data/v1/scans')).status).toBe(401)
    tok = await token(sim)
    const add = await raw(sim, 'POST', '/__sim/faults', {
      body: { faults: [{ path: '/aims/mgmt/*', action: { type: 'status', status: 502 }, times: null }] }
    })
    expect(add.status).toBe(200)
    expect((await get('/aims/mgmt/v1/security-rules')).status).toBe(502)
    expect((await get('/aims/mgmt/v1/security-rules')).status).toBe(502)
    expect((await raw(sim, 'DELETE', '/__sim/faults')).status).toBe(204)
    expect((await get('/aims/mgmt/v1/security-rules')).status).toBe(200)
    const stats = (await raw(sim, 'GET', '/__sim/stats')).json
    expect(stats.requests['GET /aims/mgmt/v1/security-rules']).toBeGreaterThanOrEqual(1)
    await raw(sim, 'POST', '/__sim/scenarios', {
      body: { scenarios: [{ match: `${SIM_HF}/remote-never`, neverSettles: true }] }
    })
    const c = await hf(`${SIM_HF}/remote-never`)
    await raw(sim, 'POST', '/__sim/clock', { body: { advanceMs: 3_600_000 } })
    tok = await token(sim)
    expect((await get(`/aims/data/v1/scans/${c.json.uuid}`)).json.eval_outcome).toBe('PENDING')
  })
})

describe('time scaling', () => {
  it('settles scans in scaled virtual time', async () => {
    const fast = await startSim({ settleMs: 20_000, clockScale: 200 })
    const t = await token(fast)
    // before the scan is created: its 20 virtual seconds count from its creation
    const v0 = fast.clock.now()
    const c = await raw(fast, 'POST', '/aims/data/v1/scans', {
      token: t,
      body: { model_uri: `${SIM_HF}/clean-model`, security_group_uuid: HF_GROUP }
    })
    // settled() gives up after 5 real seconds: an unscaled clock would leave the scan PENDING
    const s = await settled(fast, t, c.json.uuid as string)
    expect(s.json.eval_outcome).toBe('ALLOWED')
    // it settled in virtual time: 20 virtual seconds passed, which the clock maps to 100 real milliseconds
    expect(fast.clock.now() - v0).toBeGreaterThanOrEqual(20_000)
    expect(fast.clock.toReal(20_000)).toBe(100)
  })
})
