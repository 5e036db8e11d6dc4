import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { ModelSecurityClient } from '../../src/airs/client.js'
import { CREATE_REQUEST_LABEL } from '../../src/airs/schemas/spec-values.js'
import type { Simulator } from '../../sim/server.js'
import { capture, clientFor, requests, startSim } from '../helpers/sim.js'
import { DIALOGPT_SCAN, HF_GROUP, LOCAL_GROUP, SIM_HF } from '../helpers/ids.js'

/** Data-plane methods of the client against the simulator: scans, evaluations, violations, files. */

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

  it('reads the evaluations, violations and files of the canonical DialoGPT scan', async () => {
    const evs = await client.scans.allEvaluations(DIALOGPT_SCAN)
    expect(evs.items).toHaveLength(11)
    expect(evs.items.filter((e) => e.result === 'FAILED').map((e) => [e.uuid, e.rule_name])).toEqual([
      ['1ae405a2-15a9-4a3b-8e57-5a916c133857', 'Stored In Approved File Format']
    ])
    const failedOnly = await client.scans.listEvaluations(DIALOGPT_SCAN, {
      result: 'FAILED',
      sort_field: 'updated_at',
      sort_order: 'asc'
    })
    expect(failedOnly.evaluations).toHaveLength(1)

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
    expect(vs.items.find((v) => v.uuid === '0115bae0-bc07-468b-8ca6-a585d8c82f59')?.threat).toBe(
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
    // a simulator of its own, so that its peak concurrency is this test's
    const own = await startSim({ settleMs: 0 })
    const c = clientFor(own)
    const scan = await c.scans.create({ model_uri: `${SIM_HF}/large`, security_group_uuid: HF_GROUP })
    await c.scans.get(scan.uuid)
    // a little latency per page, so that concurrent pages overlap at the server
    own.faults.add({
      path: '/aims/data/v1/scans/{scan_uuid}/rule-violations',
      // long enough that every page in flight is still open when the client asks for the next, even on a
      // loaded machine (at 5 ms a busy runner saw three at once)
      action: { type: 'delay', ms: 40 },
      times: null
    })
    const vs = await c.scans.allViolations(scan.uuid)
    expect(vs.items).toHaveLength(10_000)
    expect(new Set(vs.items.map((v) => v.uuid)).size).toBe(10_000)
    expect(requests(own, 'rule-violations')).toBe(100)
    // four pages at a time (the default), never more
    expect(own.peakConcurrency).toBe(4)
    own.faults.clear()
    const files = await c.scans.allFiles(scan.uuid, { recursive: true, type: 'FILE' })
    expect(files.items).toHaveLength(10_000)
    expect(files.pages).toBe(10)
    const capped = await c.scans.allViolations(scan.uuid, { maxItems: 150 })
    expect(capped).toMatchObject({ truncated: true, total: 10_000 })
    expect(capped.items).toHaveLength(150)
    await c.close()
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

describe('scan lists and the model inventory', () => {
  it('lists scans by label, group and time window, and reads the model version a scan is of', async () => {
    const created = await client.scans.create({
      model_uri: `${SIM_HF}/clean-model`,
      model_version: '5'.repeat(40),
      security_group_uuid: HF_GROUP,
      labels: [{ key: 'inventory-test', value: 'one' }]
    })
    const scan = await client.scans.get(created.uuid)
    const now = Date.now()
    const window = {
      start_time: new Date(now - 60_000).toISOString(),
      end_time: new Date(now + 60_000).toISOString()
    }
    const page = await client.scans.list({
      labels_query: 'inventory-test:one',
      security_group_uuid: HF_GROUP,
      ...window
    })
    expect(page.scans.map((s) => s.uuid)).toEqual([scan.uuid])
    const past = await client.scans.list({
      labels_query: 'inventory-test:one',
      start_time: new Date(now - 120_000).toISOString(),
      end_time: new Date(now - 60_000).toISOString()
    })
    expect(past.scans).toEqual([])

    const version = await client.models.getVersion(scan.model_version_uuid!)
    expect(version).toMatchObject({ uuid: scan.model_version_uuid, hf_commit_sha: '5'.repeat(40) })
    const model = await client.models.getModel(version.model_uuid)
    expect(model.name).toBe('airs-sim/clean-model')
    const versions = await client.models.listVersions(model.uuid, { limit: 100 })
    expect(versions.model_versions.map((v) => v.uuid)).toContain(version.uuid)
    const models = await client.models.listModels({ limit: 100 })
    expect(models.models.map((m) => m.uuid)).toContain(model.uuid)
  })

  it('refuses arguments the service would refuse, before any request', async () => {
    const before = requests(sim)
    await expect(client.scans.list({ start_time: new Date().toISOString() })).rejects.toThrow(
      /scans\.list: .*start_time and end_time go together/
    )
    await expect(client.scans.list({ limit: 101 })).rejects.toThrow(/scans\.list/)
    await expect(client.models.getVersion('v1')).rejects.toThrow(/model version UUID .* "v1" is not a UUID/)
    await expect(client.models.listVersions('x', { limit: 0 })).rejects.toThrow(/models\.listVersions/)
    expect(requests(sim)).toBe(before)
  })
})
