import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { ModelSecurityClient } from '../../src/airs/client.js'
import { CREATE_REQUEST_LABEL } from '../../src/airs/create-scan.js'
import type { Simulator } from '../../sim/server.js'
import { capture, clientFor, requests, startSim } from '../helpers/sim.js'
import { DIALOGPT_SCAN, HF_GROUP, LOCAL_GROUP, SIM_HF } from '../helpers/ids.js'

/** Data-plane methods of the client against the simulator: scans, evaluations, violations, files, labels. */

let sim: Simulator
let client: ModelSecurityClient

beforeAll(async () => {
  sim = await startSim({ settleMs: 0 })
  client = clientFor(sim)
})
afterAll(() => client.close())

describe('scans', () => {
  it('creates a scan, tagged with a unique request label, and reads it back', async () => {
    const scan = await client.scans.create({
      model_uri: 'https://huggingface.co/microsoft/DialoGPT-medium',
      security_group_uuid: HF_GROUP,
      scan_origin: 'MODEL_SECURITY_API',
      labels: [{ key: 'repo', value: 'acme_models' }],
      model_name: 'dialog',
      allow_patterns: ['*'],
      ignore_patterns: ['*.md']
    })
    expect(scan.model_uri).toBe('https://huggingface.co/microsoft/DialoGPT-medium')
    expect(scan.labels.map((l) => l.key)).toEqual(['repo', CREATE_REQUEST_LABEL])
    const again = await client.scans.get(scan.uuid)
    expect(again).toMatchObject({
      uuid: scan.uuid,
      eval_outcome: 'BLOCKED',
      eval_summary: { rules_failed: 1, rules_passed: 10, total_rules: 11 },
      scan_origin: 'MODEL_SECURITY_API'
    })
  })

  it('keeps unknown fields and enum values the spec does not know yet', async () => {
    sim.faults.add({
      path: '/aims/data/v1/scans/{uuid}',
      action: { type: 'contract-break', field: 'source_type', value: 'ONNX_HUB' }
    })
    const s = await client.scans.get(DIALOGPT_SCAN)
    expect(s.source_type).toBe('ONNX_HUB')
    expect(s.tsg_id).toBe('1234567890')
    // fields outside the schema are carried through for the report
    expect(Object.keys(s)).toEqual(expect.arrayContaining(['enabled_rule_count_snapshot', 'time_started']))
  })

  it('lists with every filter of the spec, repeated keys for arrays', async () => {
    const a = await client.scans.create({
      model_uri: `${SIM_HF}/filter-a`,
      security_group_uuid: HF_GROUP,
      labels: [{ key: 'pipeline', value: 'release' }]
    })
    await client.scans.create({
      model_uri: `${SIM_HF}/filter-b`,
      security_group_uuid: HF_GROUP,
      labels: [{ key: 'pipeline', value: 'pr' }]
    })
    const page = await client.scans.list({
      limit: 100,
      skip: 0,
      sort_order: 'desc',
      search_query: `${SIM_HF}/filter-`,
      security_group_uuid: HF_GROUP,
      source_types: ['HUGGING_FACE', 'S3'],
      eval_outcomes: ['ALLOWED', 'BLOCKED'],
      start_time: new Date(Date.now() - 60_000),
      end_time: new Date(Date.now() + 60_000).toISOString(),
      labels_query: 'pipeline:release OR pipeline:nightly'
    })
    expect(page.scans.map((s) => s.uuid)).toEqual([a.uuid])
    expect(page.pagination?.total_items).toBe(1)
  })

  it('collects every scan across pages', async () => {
    const all = await client.scans.listAll({ source_types: ['HUGGING_FACE'] })
    expect(all.items.length).toBe(all.total)
    expect(all.items.every((s) => s.source_type === 'HUGGING_FACE')).toBe(true)
  })

  it('reads the evaluations, violations and files of the canonical DialoGPT scan', async () => {
    const evs = await client.scans.allEvaluations(DIALOGPT_SCAN)
    expect(evs.items).toHaveLength(11)
    expect(evs.items.filter((e) => e.result === 'FAILED').map((e) => e.uuid)).toEqual([
      '1ae405a2-15a9-4a3b-8e57-5a916c133857'
    ])
    const failedOnly = await client.scans.listEvaluations(DIALOGPT_SCAN, {
      result: 'FAILED',
      sort_field: 'updated_at',
      sort_order: 'asc'
    })
    expect(failedOnly.evaluations).toHaveLength(1)
    expect((await client.scans.getEvaluation('1ae405a2-15a9-4a3b-8e57-5a916c133857')).rule_name).toBe(
      'Stored In Approved File Format'
    )

    const vs = await client.scans.allViolations(DIALOGPT_SCAN)
    expect(vs).toMatchObject({ total: 5, truncated: false, incomplete: false })
    expect(vs.items.map((v) => v.file)).toEqual([
      'pytorch_model.bin',
      'pytorch_model.bin',
      'rust_model.ot',
      'rust_model.ot',
      'tf_model.h5'
    ])
    expect(vs.items[0]!.remediation?.steps.length).toBeGreaterThan(0)
    expect((await client.scans.getViolation('0115bae0-bc07-468b-8ca6-a585d8c82f59')).threat).toBe(
      'UNAPPROVED_FORMATS'
    )

    const files = await client.scans.allFiles(DIALOGPT_SCAN)
    expect(files.items).toHaveLength(12)
    expect(files.items.filter((f) => f.result === 'FAILED').map((f) => f.formats)).toEqual([
      ['pickle', 'pytorch_v0_1_10'],
      ['pytorch_torch_script', 'zip'],
      ['keras_weights']
    ])
  })

  it('walks a file tree level by level or recursively', async () => {
    const scan = await client.scans.create({
      model_uri: '/models/tree',
      security_group_uuid: LOCAL_GROUP,
      scan_details: {
        scanner_version: '1.1.2',
        time_started: new Date().toISOString(),
        files: ['a/b/c.safetensors', 'a/d.json', 'e.json'].map((p) => ({
          file_path: p,
          blob_id: p,
          modelscan_status: 'SCANNED' as const,
          formats: ['json']
        })),
        total_files_scanned: 3,
        total_files_skipped: 0,
        model_formats: ['json'],
        model_size_bytes: 3,
        scan_duration_ms: 1
      }
    })
    await client.scans.get(scan.uuid)
    expect((await client.scans.allFiles(scan.uuid)).items.map((f) => `${f.type}:${f.path}`)).toEqual([
      'DIRECTORY:a',
      'FILE:e.json'
    ])
    expect((await client.scans.allFiles(scan.uuid, { query_path: '/a' })).items.map((f) => f.path)).toEqual([
      'a/b',
      'a/d.json'
    ])
    expect(
      (await client.scans.allFiles(scan.uuid, { recursive: true, type: 'FILE' })).items.map((f) => f.path)
    ).toEqual(['a/b/c.safetensors', 'a/d.json', 'e.json'])
  })

  it('pages 10,000 violations and 10,000 files concurrently', async () => {
    const scan = await client.scans.create({ model_uri: `${SIM_HF}/large`, security_group_uuid: HF_GROUP })
    await client.scans.get(scan.uuid)
    const before = requests(sim, 'rule-violations')
    const vs = await client.scans.allViolations(scan.uuid)
    expect(vs.items).toHaveLength(10_000)
    expect(new Set(vs.items.map((v) => v.uuid)).size).toBe(10_000)
    expect(requests(sim, 'rule-violations') - before).toBe(100)
    const files = await client.scans.allFiles(scan.uuid, { recursive: true, type: 'FILE' })
    expect(files.items).toHaveLength(10_000)
    expect(files.pages).toBe(10)
    const capped = await client.scans.allViolations(scan.uuid, { maxItems: 150 })
    expect(capped).toMatchObject({ truncated: true, total: 10_000 })
    expect(capped.items).toHaveLength(150)
  })
})

describe('labels', () => {
  it('adds (merging), sets (replacing) and deletes labels on a scan', async () => {
    const scan = await client.scans.create({
      model_uri: `${SIM_HF}/labels`,
      security_group_uuid: HF_GROUP,
      labels: [{ key: 'env', value: 'dev' }]
    })
    await client.labels.add(scan.uuid, [
      { key: 'env', value: 'prod' },
      { key: 'team', value: 'ml-platform' }
    ])
    expect((await client.scans.get(scan.uuid)).labels).toEqual(
      expect.arrayContaining([
        { key: 'env', value: 'prod' },
        { key: 'team', value: 'ml-platform' }
      ])
    )
    await client.labels.set(scan.uuid, [{ key: 'only', value: 'this' }])
    expect((await client.scans.get(scan.uuid)).labels).toEqual([{ key: 'only', value: 'this' }])
    await client.labels.delete(scan.uuid, ['only', 'absent'])
    expect((await client.scans.get(scan.uuid)).labels).toEqual([])
  })

  it('lists label keys and values across scans', async () => {
    const keys = await client.labels.allKeys()
    expect(keys.items).toEqual(expect.arrayContaining(['pipeline', 'repo', CREATE_REQUEST_LABEL]))
    // the labels set and deleted above are gone from the taxonomy
    expect(keys.items).not.toContain('only')
    expect((await client.labels.listKeys({ search: 'pipe' })).keys).toEqual(['pipeline'])
    expect((await client.labels.allValues('pipeline')).items).toEqual(['pr', 'release'])
    expect((await client.labels.listValues('pipeline', { search: 're', limit: 1 })).values).toEqual([
      'release'
    ])
  })

  it('reports the service refusing a 51st label as a client-side error with the fix', async () => {
    const labels = Array.from({ length: 49 }, (_, i) => ({ key: `k${i}`, value: 'v' }))
    const scan = await client.scans.create({
      model_uri: `${SIM_HF}/full`,
      security_group_uuid: HF_GROUP,
      labels
    })
    const e = await client.labels.add(scan.uuid, [{ key: 'one-more', value: 'v' }]).catch((x: unknown) => x)
    expect(e).toMatchObject({ kind: 'CLIENT_SIDE_ERROR', status: 400 })
    expect(String(e)).toMatch(/Max scan labels exceeded\. A scan holds at most 50 labels/)
  })
})

describe('creating a scan the service rejects', () => {
  it('explains a source type mismatch', async () => {
    const e = await client.scans
      .create({ model_uri: 'https://huggingface.co/a/b', security_group_uuid: LOCAL_GROUP })
      .catch((x: unknown) => x)
    expect(e).toMatchObject({
      kind: 'CLIENT_SIDE_ERROR',
      reason: 'BAD_REQUEST',
      status: 400,
      endpoint: 'POST /aims/data/v1/scans'
    })
    expect(String(e)).toMatch(
      /Security group source type mismatch\. The security group's source type must match/
    )
  })

  it('explains an unknown group', async () => {
    const e = await client.scans
      .create({
        model_uri: 'https://huggingface.co/a/b',
        security_group_uuid: '11111111-2222-3333-4444-555555555555'
      })
      .catch((x: unknown) => x)
    expect(e).toMatchObject({ kind: 'CLIENT_SIDE_ERROR', status: 404 })
  })

  it('never retries a rejected create', async () => {
    const cap = capture()
    const c = clientFor(sim, cap)
    const before = requests(sim, 'POST /aims/data/v1/scans')
    await c.scans
      .create({ model_uri: '/local/model', security_group_uuid: LOCAL_GROUP })
      .catch(() => undefined)
    expect(requests(sim, 'POST /aims/data/v1/scans') - before).toBe(1)
    expect(cap.sleeps).toEqual([])
    await c.close()
  })
})
