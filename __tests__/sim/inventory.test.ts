import { beforeAll, describe, expect, it } from '@jest/globals'
import type { Simulator } from '../../sim/server.js'
import { DIALOGPT_SCAN, HF_GROUP, LOCAL_GROUP, SIM_HF } from '../helpers/ids.js'
import { raw, settled, token } from '../helpers/raw.js'
import { startSim } from '../helpers/sim.js'

/**
 * The model inventory (`/v1/models`, `/v1/model-versions`), filled by scans: models by URI and source type,
 * versions by the revision (and Hub commit) and content scanned. Every response is checked against the
 * official OpenAPI documents after the file (helpers/setup.ts).
 */

const NIL = '00000000-0000-0000-0000-000000000000'
const HEX40 = /^[0-9a-f]{40}$/
const SHA_A = '1111111111111111111111111111111111111111'
const SHA_B = '2222222222222222222222222222222222222222'

type Json = Record<string, any>

/** Plain HTTP to one simulator, with a token that is renewed when the virtual clock jumps. */
function client(sim: Simulator, tok: string) {
  const c = {
    get: (path: string) => raw(sim, 'GET', path, { token: tok }),
    async scan(body: Json): Promise<Json> {
      const r = await raw(sim, 'POST', '/aims/data/v1/scans', { token: tok, body })
      expect(r.status).toBe(201)
      return (await settled(sim, tok, r.json.uuid as string)).json as Json
    },
    hf: (model: string, extra: Json = {}) =>
      c.scan({ model_uri: `${SIM_HF}/${model}`, security_group_uuid: HF_GROUP, ...extra }),
    local: (uri: string, files: Json[], extra: Json = {}) =>
      c.scan({ model_uri: uri, security_group_uuid: LOCAL_GROUP, scan_details: details(files), ...extra }),
    version: async (uuid: string): Promise<Json> =>
      (await c.get(`/aims/data/v1/model-versions/${uuid}`)).json as Json,
    model: async (uuid: string): Promise<Json> => (await c.get(`/aims/data/v1/models/${uuid}`)).json as Json,
    versions: async (model: string, q = ''): Promise<Json> =>
      (await c.get(`/aims/data/v1/models/${model}/model-versions?limit=100${q}`)).json as Json,
    files: async (version: string, q = 'limit=100'): Promise<Json> =>
      (await c.get(`/aims/data/v1/model-versions/${version}/files?${q}`)).json as Json,
    /** Names of the models a list query returns (all pages of up to 100). */
    names: async (q: string): Promise<string[]> =>
      ((await c.get(`/aims/data/v1/models?limit=100&${q}`)).json.models as Json[]).map(
        (m) => m.name as string
      ),
    async advance(ms: number) {
      sim.clock.advance(ms)
      tok = await token(sim)
    }
  }
  return c
}

function details(files: Json[]): Json {
  return {
    scanner_version: '1.1.2',
    time_started: '2026-05-01T10:00:00Z',
    files: files.map((f) => ({ blob_id: `blob-${String(f.file_path)}`, modelscan_status: 'SCANNED', ...f })),
    total_files_scanned: files.length,
    total_files_skipped: 0,
    model_formats: [...new Set(files.flatMap((f) => (f.formats as string[] | undefined) ?? []))],
    model_size_bytes: 1024,
    scan_duration_ms: 5
  }
}

const WEIGHTS = { file_path: 'model.safetensors', formats: ['safetensors'] }
const CONFIG = { file_path: 'config.json', formats: ['json'] }

let sim: Simulator
let c: ReturnType<typeof client>

beforeAll(async () => {
  sim = await startSim({ settleMs: 0 })
  c = client(sim, await token(sim))
})

describe('scans fill the inventory', () => {
  it('a Hugging Face scan creates its model and a version of the revision it scanned', async () => {
    const s = await c.hf('inv-clean')
    expect(s.eval_outcome).toBe('ALLOWED')
    expect(s.model_version_uuid).not.toBe(NIL)
    const v = await c.version(s.model_version_uuid as string)
    expect(v).toMatchObject({
      uuid: s.model_version_uuid,
      revision: 'main',
      hf_commit_sha: expect.stringMatching(HEX40),
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      model_formats: ['json', 'safetensors'],
      source_types: ['HUGGING_FACE'],
      hf_organization: 'airs-sim',
      hf_model_name: 'inv-clean',
      license: 'apache-2.0',
      last_eval_outcome: 'ALLOWED',
      last_eval_summary: s.eval_summary,
      latest_scan_time: s.updated_at,
      file_count: 4
    })
    const m = await c.model(v.model_uuid as string)
    expect(m).toMatchObject({
      name: 'airs-sim/inv-clean',
      latest_version_uuid: v.uuid,
      latest_version_revision: 'main',
      latest_version_hf_commit_sha: v.hf_commit_sha,
      latest_version_fingerprint: v.fingerprint,
      latest_version_formats: v.model_formats,
      latest_version_source_types: ['HUGGING_FACE'],
      latest_version_outcome: 'ALLOWED',
      latest_version_scan_time: v.latest_scan_time
    })

    // the version's files are the files of its latest scan, with that scan's results
    const files = await c.files(v.uuid as string)
    const scanFiles = (await c.get(`/aims/data/v1/scans/${s.uuid}/files?recursive=true&type=FILE&limit=1000`))
      .json.files as Json[]
    expect(files.pagination.total_items).toBe(4)
    expect((files.files as Json[]).map((f): unknown[] => [f.path, f.result, f.uuid])).toEqual(
      scanFiles.map((f): unknown[] => [f.path, f.result, f.uuid])
    )
    for (const f of files.files as Json[])
      expect([f.model_version_uuid, f.scan_uuid]).toEqual([v.uuid, s.uuid])
    // and the scan list finds the scans of a version
    const ofVersion = (await c.get(`/aims/data/v1/scans?model_version_uuid=${v.uuid}`)).json.scans as Json[]
    expect(ofVersion.map((x): unknown => x.uuid)).toEqual([s.uuid])
  })

  it('gives the same identifiers, commit and fingerprint in a fresh simulator', async () => {
    const s = await c.hf('inv-deterministic')
    const v = await c.version(s.model_version_uuid as string)
    const other = await startSim({ settleMs: 0 })
    const o = client(other, await token(other))
    const s2 = await o.hf('inv-deterministic')
    expect(s2.uuid).not.toBe(s.uuid)
    const v2 = await o.version(s2.model_version_uuid as string)
    const pick = (x: Json): unknown[] => [x.uuid, x.model_uuid, x.revision, x.hf_commit_sha, x.fingerprint]
    expect(pick(v2)).toEqual(pick(v))
  })

  it('two scans of the same revision share a version; the later scan is its latest evaluation', async () => {
    const a = await c.hf('inv-shared')
    await c.advance(5_000)
    const b = await c.hf('inv-shared', { model_version: 'main' })
    expect(b.model_version_uuid).toBe(a.model_version_uuid)
    const v = await c.version(b.model_version_uuid as string)
    expect(v.latest_scan_time).toBe(b.updated_at)
    expect(Date.parse(v.latest_scan_time as string)).toBeGreaterThan(Date.parse(a.updated_at as string))
    expect(v.created_at).toBe(a.created_at)
    expect((await c.versions(v.model_uuid as string)).pagination.total_items).toBe(1)
    expect(((await c.files(v.uuid as string)).files as Json[]).every((f) => f.scan_uuid === b.uuid)).toBe(
      true
    )
    const scans = (await c.get(`/aims/data/v1/scans?model_version_uuid=${v.uuid}&sort_order=asc`)).json
      .scans as Json[]
    expect(scans.map((x): unknown => x.uuid)).toEqual([a.uuid, b.uuid])
  })

  it('a different revision makes a new version, which becomes the model’s latest', async () => {
    const a = await c.hf('inv-revisions')
    const b = await c.hf('inv-revisions', { model_version: 'v2.0' })
    expect(b.model_version_uuid).not.toBe(a.model_version_uuid)
    const [va, vb] = [await c.version(a.model_version_uuid as string), await c.version(b.model_version_uuid)]
    expect(vb).toMatchObject({ revision: 'v2.0', model_uuid: va.model_uuid, fingerprint: va.fingerprint })
    expect(vb.hf_commit_sha).toMatch(HEX40)
    expect(vb.hf_commit_sha).not.toBe(va.hf_commit_sha)

    const model = va.model_uuid as string
    const uuids = (l: Json) => (l.model_versions as Json[]).map((v) => v.uuid as string)
    expect(uuids(await c.versions(model))).toEqual([vb.uuid, va.uuid])
    expect(uuids(await c.versions(model, '&sort_order=asc'))).toEqual([va.uuid, vb.uuid])
    const second = await c.versions(model, '&limit=1&skip=1')
    expect([uuids(second), second.pagination.total_items]).toEqual([[va.uuid], 2])
    expect((await c.model(model)).latest_version_uuid).toBe(vb.uuid)
  })

  it('records a commit given as the revision as that commit', async () => {
    const s = await c.hf('inv-pinned', { model_version: SHA_A })
    expect(await c.version(s.model_version_uuid as string)).toMatchObject({
      revision: SHA_A,
      hf_commit_sha: SHA_A
    })
  })

  it('tells content apart: patterns that change the files give another fingerprint and version', async () => {
    const a = await c.hf('inv-patterns')
    const b = await c.hf('inv-patterns', { ignore_patterns: ['*.json'] })
    const [va, vb] = [await c.version(a.model_version_uuid as string), await c.version(b.model_version_uuid)]
    expect(vb.uuid).not.toBe(va.uuid)
    expect(vb.hf_commit_sha).toBe(va.hf_commit_sha)
    expect(vb.fingerprint).not.toBe(va.fingerprint)
    expect([vb.file_count, vb.model_formats]).toEqual([2, ['safetensors']])
  })

  it('keeps the all-zero placeholder on a PENDING scan; its version waits in the inventory as PENDING', async () => {
    const r = await raw(sim, 'POST', '/aims/data/v1/scans', {
      token: await token(sim),
      body: { model_uri: `${SIM_HF}/never-settles`, security_group_uuid: HF_GROUP }
    })
    expect([r.json.eval_outcome, r.json.model_version_uuid]).toEqual(['PENDING', NIL])
    const m = (await c.get('/aims/data/v1/models?search_query=never-settles')).json.models as Json[]
    expect(m).toHaveLength(1)
    expect(m[0]).toMatchObject({ latest_version_outcome: 'PENDING', latest_version_scan_time: null })
    const v = await c.version(m[0]!.latest_version_uuid as string)
    expect(v).toMatchObject({ last_eval_outcome: 'PENDING', last_eval_summary: null, file_count: null })
    expect(await c.files(v.uuid as string)).toEqual({ pagination: { total_items: 0 }, files: [] })
  })

  it('keeps the placeholder on an ERROR scan and records ERROR as the version’s last outcome', async () => {
    const failed = await c.hf('scan-data-pending')
    expect([failed.eval_outcome, failed.model_version_uuid]).toEqual(['ERROR', NIL])
    const [m] = (await c.get('/aims/data/v1/models?search_query=scan-data-pending')).json.models as Json[]
    expect(m).toMatchObject({ latest_version_outcome: 'ERROR', latest_version_scan_time: failed.updated_at })
    expect((await c.files(m!.latest_version_uuid as string)).files).toEqual([])
    // the retry succeeds: the same version, now linked, with its files
    const retried = await c.hf('scan-data-pending')
    expect(retried.model_version_uuid).toBe(m!.latest_version_uuid)
    expect(await c.version(retried.model_version_uuid as string)).toMatchObject({
      last_eval_outcome: 'ALLOWED',
      file_count: 4
    })
  })

  it('local scans: a model per URI, versions by content or by the model_version given', async () => {
    const a = await c.local('models/inv-local', [WEIGHTS, CONFIG])
    const va = await c.version(a.model_version_uuid as string)
    expect(va).toMatchObject({
      revision: va.fingerprint,
      hf_commit_sha: null,
      hf_organization: null,
      hf_model_name: null,
      license: null,
      source_types: ['LOCAL'],
      model_formats: ['safetensors', 'json'],
      file_count: 2
    })
    expect((await c.model(va.model_uuid as string)).name).toBe('models/inv-local')
    // the same files in another order: the same version
    expect((await c.local('models/inv-local', [CONFIG, WEIGHTS])).model_version_uuid).toBe(va.uuid)
    // other content, a digest, or a version label: other versions of the same model
    const changed = [
      await c.local('models/inv-local', [WEIGHTS]),
      await c.local('models/inv-local', [{ ...WEIGHTS, sha256: 'ab'.repeat(32) }, CONFIG]),
      await c.local('models/inv-local', [WEIGHTS, CONFIG], { model_version: 'v7', model_name: 'ignored' })
    ]
    const vs = await Promise.all(changed.map((s) => c.version(s.model_version_uuid as string)))
    expect(new Set([va.uuid, ...vs.map((v): unknown => v.uuid)]).size).toBe(4)
    expect(new Set(vs.map((v): unknown => v.model_uuid))).toEqual(new Set([va.model_uuid]))
    expect(vs[2]).toMatchObject({ revision: 'v7', fingerprint: va.fingerprint })
    expect((await c.versions(va.model_uuid as string)).pagination.total_items).toBe(4)
    // a new model takes the name the scanner was given
    const named = await c.local('models/inv-named', [WEIGHTS], { model_name: 'fraud-detector' })
    const vn = await c.version(named.model_version_uuid as string)
    expect((await c.model(vn.model_uuid as string)).name).toBe('fraud-detector')
  })

  it('holds the tenant’s fixture scans, DialoGPT-medium among them', async () => {
    const s = (await c.get(`/aims/data/v1/scans/${DIALOGPT_SCAN}`)).json as Json
    const v = await c.version(s.model_version_uuid as string)
    expect(v).toMatchObject({
      revision: 'main',
      hf_commit_sha: expect.stringMatching(HEX40),
      hf_organization: 'microsoft',
      hf_model_name: 'DialoGPT-medium',
      license: 'mit',
      last_eval_outcome: 'BLOCKED',
      last_eval_summary: { rules_passed: 10, rules_failed: 1, total_rules: 11 },
      latest_scan_time: '2026-03-03T22:32:12.477430Z',
      created_at: '2026-03-03T22:32:12.344402Z',
      file_count: 12
    })
    expect((await c.model(v.model_uuid as string)).name).toBe('microsoft/DialoGPT-medium')
    const page = await c.files(v.uuid as string, 'limit=5&skip=10')
    expect([page.pagination.total_items, (page.files as Json[]).map((f): unknown => f.path)]).toEqual([
      12,
      ['tokenizer_config.json', 'vocab.json']
    ])
  })
})

describe('a branch that moves', () => {
  const uri = `${SIM_HF}/inv-moving`
  const moveMain = (sha: string | null) =>
    raw(sim, 'POST', '/__sim/hub/commits', { body: { model_uri: uri, sha } })
  const hub = async (path: string): Promise<Json> =>
    (await raw(sim, 'GET', `/api/models/airs-sim/inv-moving${path}`)).json as Json

  it('scans record the commit the branch points to when they are made', async () => {
    expect((await moveMain(SHA_A)).json).toEqual({ model_uri: uri, revision: 'main', sha: SHA_A })
    expect((await hub('')).sha).toBe(SHA_A)
    expect(await hub('/revision/main')).toMatchObject({ id: 'airs-sim/inv-moving', sha: SHA_A })
    const before = await c.hf('inv-moving')
    const v1 = await c.version(before.model_version_uuid as string)
    expect([v1.revision, v1.hf_commit_sha]).toEqual(['main', SHA_A])

    await moveMain(SHA_B)
    expect((await hub('/revision/main')).sha).toBe(SHA_B)
    const after = await c.hf('inv-moving')
    const v2 = await c.version(after.model_version_uuid as string)
    expect(v2.uuid).not.toBe(v1.uuid)
    expect([v2.revision, v2.hf_commit_sha, v2.fingerprint]).toEqual(['main', SHA_B, v1.fingerprint])
    expect((await c.model(v2.model_uuid as string)).latest_version_hf_commit_sha).toBe(SHA_B)

    // pinning the commit main used to point to scans the first version again
    const pinned = await c.hf('inv-moving', { model_version: SHA_A })
    expect(pinned.model_version_uuid).toBe(v1.uuid)
    expect((await c.versions(v1.model_uuid as string)).pagination.total_items).toBe(2)

    // forgetting the setting returns to the derived commit
    await moveMain(null)
    expect([SHA_A, SHA_B]).not.toContain((await hub('')).sha)
    expect((await hub('')).sha).toMatch(HEX40)
  })

  it('refuses a commit that is not 40 lowercase hex, or a model that is not on the Hub', async () => {
    expect((await moveMain('ABC')).status).toBe(400)
    const r = await raw(sim, 'POST', '/__sim/hub/commits', {
      body: { model_uri: '/local/model', sha: SHA_A }
    })
    expect(r.status).toBe(400)
  })

  it('takes the commits of a scenario, and answers the Hub for other revisions', async () => {
    const scenarioUri = `${SIM_HF}/inv-scenario-commits`
    await raw(sim, 'POST', '/__sim/scenarios', {
      body: { scenarios: [{ match: scenarioUri, commits: { main: SHA_A, 'release/1': SHA_B } }] }
    })
    const main = await c.hf('inv-scenario-commits')
    const release = await c.hf('inv-scenario-commits', { model_version: 'release/1' })
    expect((await c.version(main.model_version_uuid as string)).hf_commit_sha).toBe(SHA_A)
    expect(await c.version(release.model_version_uuid as string)).toMatchObject({
      revision: 'release/1',
      hf_commit_sha: SHA_B
    })
    const r = await raw(sim, 'GET', '/api/models/airs-sim/inv-scenario-commits/revision/release%2F1')
    expect([r.status, r.json.sha]).toEqual([200, SHA_B])
    expect(r.json.siblings).toContainEqual({ rfilename: 'model.safetensors' })
  })
})

describe('listing models', () => {
  let l: ReturnType<typeof client>
  const fixtures = {
    dialogpt: 'microsoft/DialoGPT-medium',
    merged: '/Users/ml/models/qwen3-0.6b-saffron-merged',
    qlora: 'models/qwen3-0.6b-saffron-qlora/'
  }
  const made = { pickle: 'airs-sim/pickle-rce', clean: 'airs-sim/clean-model', local: 'models/inv-list' }

  /** A simulator of its own, so the lists hold the fixtures and what this block made, minutes apart. */
  beforeAll(async () => {
    const own = await startSim({ settleMs: 0 })
    l = client(own, await token(own))
    await l.hf('pickle-rce')
    await l.advance(60_000)
    await l.hf('clean-model')
    await l.advance(60_000)
    await l.local(made.local, [WEIGHTS])
    await l.advance(60_000)
    await raw(own, 'POST', '/aims/data/v1/scans', {
      token: await token(own),
      body: { model_uri: `${SIM_HF}/never-settles`, security_group_uuid: HF_GROUP }
    })
  })

  it('lists the most recently updated first, with the total and offset pagination', async () => {
    const all = [
      'airs-sim/never-settles',
      made.local,
      made.clean,
      made.pickle,
      fixtures.dialogpt,
      fixtures.merged,
      fixtures.qlora
    ]
    expect(await l.names('')).toEqual(all)
    const page = (await l.get('/aims/data/v1/models?limit=2&skip=1')).json
    expect([page.pagination.total_items, (page.models as Json[]).map((m): unknown => m.name)]).toEqual([
      7,
      [made.local, made.clean]
    ])
    expect((await l.get('/aims/data/v1/models')).json.models).toHaveLength(7)
    expect(await l.names('sort_order=asc')).toEqual([...all].reverse())
  })

  it('sorts by creation or by update: a rescan moves a model up by update only', async () => {
    await l.advance(60_000)
    await l.hf('pickle-rce')
    expect((await l.names('limit=2')).slice(0, 2)).toEqual([made.pickle, 'airs-sim/never-settles'])
    expect((await l.names('sort_field=created_at')).slice(0, 2)).toEqual([
      'airs-sim/never-settles',
      made.local
    ])
    expect((await l.names('sort_field=created_at&sort_order=asc')).slice(0, 3)).toEqual([
      fixtures.qlora,
      fixtures.merged,
      fixtures.dialogpt
    ])
  })

  it('filters by the latest version’s outcome, formats, source types and scan time', async () => {
    const sorted = async (q: string) => (await l.names(q)).sort()
    expect(await sorted('latest_version_outcomes=BLOCKED')).toEqual([fixtures.dialogpt, made.pickle].sort())
    expect(await sorted('latest_version_outcomes=PENDING&latest_version_outcomes=BLOCKED')).toEqual(
      ['airs-sim/never-settles', fixtures.dialogpt, made.pickle].sort()
    )
    expect(await sorted('latest_version_formats=pickle&latest_version_formats=keras3')).toEqual(
      [fixtures.dialogpt, made.pickle].sort()
    )
    expect(await sorted('latest_version_source_types=LOCAL')).toEqual(
      [fixtures.merged, fixtures.qlora, made.local].sort()
    )
    expect(await sorted('latest_version_source_types=S3')).toEqual([])
    // scanned before: models never scanned to the end have no scan time and are left out
    expect(await sorted('latest_version_scan_time_before=2026-03-04T00:00:00Z')).toEqual(
      [fixtures.dialogpt, fixtures.merged, fixtures.qlora].sort()
    )
    expect(
      await sorted(
        'latest_version_scan_time_before=2026-03-03T22:32:12.477430Z&latest_version_source_types=LOCAL'
      )
    ).toEqual([fixtures.merged, fixtures.qlora].sort())
  })

  it('searches names (any part, any case) and UUIDs', async () => {
    expect(await l.names('search_query=SAFFRON')).toEqual([fixtures.merged, fixtures.qlora])
    const [dialogpt] = (await l.get('/aims/data/v1/models?search_query=DialoGPT')).json.models as Json[]
    expect(await l.names(`search_query=${dialogpt!.uuid}`)).toEqual([fixtures.dialogpt])
    expect(await l.names('search_query=no-such-model')).toEqual([])
  })

  it('windows by creation time, with both ends or neither', async () => {
    expect(await l.names('start_time=2026-03-03T22:20:00Z&end_time=2026-03-03T23:00:00Z')).toEqual([
      fixtures.dialogpt,
      fixtures.merged
    ])
    const one = await l.get('/aims/data/v1/models?end_time=2026-03-03T23:00:00Z')
    expect([one.status, one.json.message]).toEqual([400, 'Both start_time and end_time must be specified'])
  })

  it('validates parameters as the spec declares them', async () => {
    const [m] = (await l.get('/aims/data/v1/models?limit=1')).json.models as Json[]
    for (const q of [
      'models?limit=0',
      'models?limit=101',
      'models?skip=-1',
      'models?sort_field=name',
      'models?sort_order=up',
      'models?latest_version_outcomes=MAYBE',
      'models?latest_version_source_types=FTP',
      'models?latest_version_scan_time_before=yesterday',
      `models?search_query=${'x'.repeat(257)}`,
      `models/${m!.uuid}/model-versions?limit=101`,
      `model-versions/${m!.latest_version_uuid}/files?limit=101`,
      'models/not-a-uuid',
      'model-versions/not-a-uuid/files'
    ]) {
      const r = await l.get(`/aims/data/v1/${q}`)
      expect([q, r.status]).toEqual([q, 422])
      expect(r.json.detail.length).toBeGreaterThan(0)
    }
  })
})

describe('errors', () => {
  const unknown = '11111111-2222-4333-8444-555555555555'

  it('answers unknown UUIDs with 404 and the documented error body', async () => {
    for (const [path, what] of [
      [`models/${unknown}`, 'Model'],
      [`models/${unknown}/model-versions`, 'Model'],
      [`model-versions/${unknown}`, 'Model version'],
      [`model-versions/${unknown}/files`, 'Model version']
    ] as const) {
      const r = await c.get(`/aims/data/v1/${path}`)
      expect([r.status, r.json]).toEqual([
        404,
        { code: 'NOT_FOUND', message: `${what} ${unknown} not found`, details: {} }
      ])
    }
  })

  it('answers in FastAPI style when so configured', async () => {
    const fastapi = await startSim({ errorStyle: 'fastapi' })
    const r = await raw(fastapi, 'GET', `/aims/data/v1/model-versions/${unknown}`, {
      token: await token(fastapi)
    })
    expect([r.status, r.json]).toEqual([404, { detail: `Model version ${unknown} not found` }])
  })

  it('needs a bearer token, and serves only the routes the spec declares', async () => {
    expect((await raw(sim, 'GET', '/aims/data/v1/models')).status).toBe(401)
    // no list of all versions, no writes, nothing on the management plane
    expect((await c.get('/aims/data/v1/model-versions')).json).toEqual({ detail: 'Not Found' })
    expect((await raw(sim, 'POST', '/aims/data/v1/models', { token: await token(sim) })).status).toBe(405)
    expect((await c.get('/aims/mgmt/v1/models')).status).toBe(404)
    expect((await c.get('/aims/data/v1/models/')).status).toBe(307)
  })
})
