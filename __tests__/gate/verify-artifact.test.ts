import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Agent } from 'undici'
import { hubResolver } from '../../src/gate/hub-revision.js'
import { downloadDigest, modelDigest } from '../../src/gate/model-digest.js'
import { parseModelUri } from '../../src/gate/model-source.js'
import type { GateReport, ModelResult } from '../../src/gate/result.js'
import { verifyArtifact } from '../../src/gate/verify-artifact.js'
import { startFakeHub, type FakeHub } from '../helpers/fake-hub.js'
import { fixtureReport } from '../helpers/reports.js'

/** The promotion check: the artifact must be the one the report scanned and allowed, under the policy, lately. */

let root: string
let hub: FakeHub
const dispatcher = new Agent()
const A = 'a'.repeat(40)
const B = 'b'.repeat(40)
const signal = () => AbortSignal.timeout(10_000)

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'airs-verify-'))
  fs.mkdirSync(path.join(root, 'model'))
  fs.writeFileSync(path.join(root, 'model', 'model.safetensors'), 'weights')
  hub = await startFakeHub()
  hub.refs.set('microsoft/DialoGPT-medium', new Map([['main', A]]))
})
afterAll(async () => {
  fs.rmSync(root, { recursive: true, force: true })
  await hub.close()
  await dispatcher.close()
})

/** The built-in engine's fixture made an allowed scan of `root/model` (its real digest). */
async function localReport(over: Partial<ModelResult> = {}): Promise<GateReport> {
  const r = structuredClone(fixtureReport('builtin'))
  const m = r.models[0]!
  m.model.digest = await modelDigest(path.join(root, 'model'))
  Object.assign(m, { status: 'allowed', verdict: 'pass', reason: 'ALLOWED: 5 rules evaluated' }, over)
  return r
}
const local = () => parseModelUri(path.join(root, 'model'), { workspace: root, anywhere: true })
const now = (r: GateReport) => Date.parse(r.models[0]!.scan!.created_at) + 60_000

describe('verifyArtifact, local models', () => {
  it('passes for the same content, wherever it is now', async () => {
    const r = await localReport()
    const copy = path.join(root, 'promoted')
    fs.cpSync(path.join(root, 'model'), copy, { recursive: true })
    const artifact = parseModelUri(copy, { workspace: root, anywhere: true })
    const v = await verifyArtifact({ report: r, artifact, now: now(r) }, { signal: signal() })
    expect(v.status).toBe('pass')
    expect(v.message).toContain(`content sha256 ${r.models[0]!.model.digest!.sha256}`)
  })

  it('fails when one byte changed after the scan', async () => {
    const r = await localReport()
    const changed = path.join(root, 'changed')
    fs.cpSync(path.join(root, 'model'), changed, { recursive: true })
    fs.appendFileSync(path.join(changed, 'model.safetensors'), '!')
    const artifact = parseModelUri(changed, { workspace: root, anywhere: true })
    const v = await verifyArtifact({ report: r, artifact, now: now(r) }, { signal: signal() })
    expect(v).toMatchObject({ status: 'fail' })
    expect(v.message).toMatch(/is not what the report scanned/)
  })

  it('fails for a model the run did not allow, another security group, or a scan too old', async () => {
    const blocked = await localReport({
      status: 'blocked',
      verdict: 'fail',
      reason: 'BLOCKED: 2 of 5 rules failed'
    })
    expect(
      (await verifyArtifact({ report: blocked, artifact: local(), now: now(blocked) }, { signal: signal() }))
        .message
    ).toMatch(/was not allowed by that run: BLOCKED/)
    const r = await localReport()
    const group = r.models[0]!.security_group!
    for (const g of [group.uuid, group.name])
      expect(
        (await verifyArtifact({ report: r, artifact: local(), group: g, now: now(r) }, { signal: signal() }))
          .status
      ).toBe('pass')
    const other = await verifyArtifact(
      { report: r, artifact: local(), group: 'Production', now: now(r) },
      { signal: signal() }
    )
    expect(other.message).toMatch(/not "Production"/)
    const old = await verifyArtifact(
      { report: r, artifact: local(), maxAgeMs: 30_000, now: now(r) },
      { signal: signal() }
    )
    expect(old).toMatchObject({ status: 'fail' })
    expect(old.message).toMatch(/longer ago than max-age \(30 s\); scan it again\.$/)
    // a reused scan is as old as the scan, not the run that reused it; the way out says so
    const reused = {
      ...r,
      models: [{ ...r.models[0]!, reused: { matched_by: 'digest' as const, age_ms: 0 } }]
    }
    const stale = await verifyArtifact(
      { report: reused, artifact: local(), maxAgeMs: 30_000, now: now(r) },
      { signal: signal() }
    )
    expect(stale.message).toMatch(
      /scan it again \(without reuse, or with a reuse window shorter than max-age\)\.$/
    )
    const fresh = await verifyArtifact(
      { report: reused, artifact: local(), now: now(r) },
      { signal: signal() }
    )
    expect(fresh.message).toMatch(/\(reusing scan [0-9a-f-]{36} of .+\)\.$/)
  })
})

describe('verifyArtifact, object-storage models', () => {
  it('verifies the folder a model was downloaded into against the files the scanner downloaded', async () => {
    // the scanner's download: its own folders around the model's files
    const download = path.join(root, 'scanner-download')
    fs.mkdirSync(path.join(download, 's3', '5f0c', 'sub'), { recursive: true })
    fs.writeFileSync(path.join(download, 's3', '5f0c', 'model.safetensors'), 'weights')
    fs.writeFileSync(path.join(download, 's3', '5f0c', 'sub', 'config.json'), '{}')
    const r = await localReport()
    Object.assign(r.models[0]!.model, {
      source_type: 'S3',
      model_uri: 's3://bucket/release/model',
      digest: await downloadDigest(download)
    })
    // promoted: the same objects fetched into a folder of the release job
    const fetched = path.join(root, 'fetched')
    fs.cpSync(path.join(download, 's3', '5f0c'), fetched, { recursive: true })
    const artifact = parseModelUri(fetched, { workspace: root, anywhere: true })
    const v = await verifyArtifact({ report: r, artifact, now: now(r) }, { signal: signal() })
    expect(v.status).toBe('pass')
    fs.writeFileSync(path.join(fetched, 'sub', 'config.json'), '{"changed":true}')
    expect((await verifyArtifact({ report: r, artifact, now: now(r) }, { signal: signal() })).status).toBe(
      'fail'
    )
    // the object-storage URI itself cannot be verified: the gate does not fetch it, and says how to do it
    const s3 = parseModelUri('s3://bucket/release/model', { workspace: root })
    await expect(
      verifyArtifact({ report: r, artifact: s3, now: now(r) }, { signal: signal() })
    ).rejects.toThrow(/download the model into a folder and verify that folder/)
  })
})

describe('verifyArtifact, Hugging Face models', () => {
  const resolver = () =>
    hubResolver({ env: { HF_ENDPOINT: hub.url }, dispatcher, onSecret: () => {}, sleep: async () => {} })
  const hfReport = (commit: string) => {
    const r = structuredClone(fixtureReport('dialogpt-blocked'))
    Object.assign(r.models[0]!, { status: 'allowed', verdict: 'pass' })
    r.models[0]!.model.resolved_revision = commit
    return r
  }
  const dialogpt = (rev = '') =>
    parseModelUri(`https://huggingface.co/microsoft/DialoGPT-medium${rev}`, { workspace: root })

  it('passes while the branch still points to the scanned commit; fails once it moved', async () => {
    const r = hfReport(A)
    const t = Date.parse(r.models[0]!.scan!.created_at)
    expect(
      (
        await verifyArtifact(
          { report: r, artifact: dialogpt(), now: t },
          { hub: resolver(), signal: signal() }
        )
      ).status
    ).toBe('pass')
    hub.refs.get('microsoft/DialoGPT-medium')!.set('main', B)
    const moved = await verifyArtifact(
      { report: r, artifact: dialogpt(), now: t },
      { hub: resolver(), signal: signal() }
    )
    expect(moved).toMatchObject({ status: 'fail' })
    expect(moved.message).toMatch(
      new RegExp(`is now commit ${B}, but the report scanned ${A}: the artifact changed`)
    )
    // the exact commit that was scanned still verifies, with no lookup
    expect(
      (
        await verifyArtifact(
          { report: r, artifact: dialogpt(`@${A}`), now: t },
          { hub: resolver(), signal: signal() }
        )
      ).status
    ).toBe('pass')
  })

  it('fails for a model the report never scanned, and for a report that pinned nothing', async () => {
    const r = hfReport(A)
    const other = parseModelUri('https://huggingface.co/org/other', { workspace: root })
    expect(
      (await verifyArtifact({ report: r, artifact: other, now: 0 }, { hub: resolver(), signal: signal() }))
        .message
    ).toMatch(/has no scan of https:\/\/huggingface\.co\/org\/other/)
    delete r.models[0]!.model.resolved_revision
    const unpinned = await verifyArtifact(
      { report: r, artifact: dialogpt(`@${A}`), now: 0 },
      { hub: resolver(), signal: signal() }
    )
    expect(unpinned.message).toMatch(/the report scanned an unpinned revision/)
  })
})
