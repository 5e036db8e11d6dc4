import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CLI, runAction, runProcess } from '../helpers/run-dist.js'
import { safetensors } from '../helpers/model-files.js'
import { validatePredicate, validateStatement } from '../helpers/schemas.js'
import { HF_GROUP } from '../helpers/ids.js'
import { churnRuleInstance, token } from '../helpers/raw.js'
import { requests, startSim } from '../helpers/sim.js'

/**
 * Release gates through the bundled action and CLI: the verdict bound to the exact artifact. A Hugging Face
 * model is scanned at the commit its branch points to (the simulator answers the Hub's API too); `verify`
 * catches the branch moving between the scan and the promotion; a local model's files become the subjects
 * of an in-toto statement for actions/attest.
 */

const sim = await startSim()
const dir = mkdtempSync(join(tmpdir(), 'airs-release-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const CLEAN = 'https://huggingface.co/airs-sim/clean-model'
const commit = (c: string) => c.repeat(40)

describe('a Hugging Face model through release', () => {
  it('is scanned at its commit; verify passes until the branch moves, then fails', async () => {
    sim.setHubCommit(CLEAN, 'main', commit('1'))
    const report = join(dir, 'gate.json')
    const gate = await runAction(
      { 'model-uri': CLEAN, comment: 'never', 'report-file': report },
      { ...sim.env(), GITHUB_WORKSPACE: dir }
    )
    expect(gate.code).toBe(0)
    expect(gate.outputs['resolved-revision']).toBe(commit('1'))
    expect(gate.report!.models[0]!.model.resolved_revision).toBe(commit('1'))
    // the service was asked to scan that commit, not "main": the inventory's version of the scan says so
    const scan = sim.store.scans.get(gate.outputs['scan-uuid']!)!
    expect(sim.store.modelVersions.get(scan.versionUuid)).toMatchObject({
      revision: commit('1'),
      hf_commit_sha: commit('1')
    })

    const verify = () => runProcess(CLI, ['verify', CLEAN, '--report', report, '--max-age', '1h'], sim.env())
    // the action's promotion step does the same with verify-report
    const promote = () =>
      runAction(
        { 'model-uri': CLEAN, 'verify-report': report, 'max-age': '1h', comment: 'never' },
        { ...sim.env(), GITHUB_WORKSPACE: dir }
      )
    const scansBefore = sim.store.scans.size
    const ok = await verify()
    expect([ok.code, ok.stdout]).toEqual([0, expect.stringMatching(/^Verified: .*commit 1{40}/)])
    const promoted = await promote()
    expect([promoted.code, promoted.outputs.verdict]).toEqual([0, 'pass'])
    sim.setHubCommit(CLEAN, 'main', commit('2'))
    const moved = await verify()
    expect(moved.code).toBe(1)
    expect(moved.stdout).toMatch(/is now commit 2{40}, but the report scanned 1{40}: the artifact changed/)
    const refused = await promote()
    expect([refused.code, refused.outputs.verdict]).toEqual([1, 'fail'])
    expect(refused.stdout).toMatch(/Not verified: .*the artifact changed after the scan/)
    // verifying scans nothing
    expect(sim.store.scans.size).toBe(scansBefore)
  })
})

describe('reuse through release', () => {
  it('a re-run within the window creates no scan; a policy change forces one', async () => {
    const uri = `${CLEAN}@${commit('7')}`
    const run = () =>
      runAction({ 'model-uri': uri, reuse: '1h', comment: 'never' }, { ...sim.env(), GITHUB_WORKSPACE: dir })
    const creations = () => requests(sim, 'POST /aims/data/v1/scans')
    const first = await run()
    expect([first.code, first.report!.models[0]!.reused]).toEqual([0, undefined])
    const before = creations()
    const again = await run()
    expect(creations()).toBe(before)
    expect([again.code, again.outputs.verdict, again.outputs['scan-uuid']]).toEqual([
      0,
      'pass',
      first.outputs['scan-uuid']
    ])
    expect(again.report!.models[0]!.reused?.matched_by).toBe('commit')
    expect(again.stdout).toMatch(/reusing scan [0-9a-f-]{36} from .* \(ALLOWED\); no new scan/)
    expect(again.summary).toMatch(/\(reused from \d{4}-\d\d-\d\d \d\d:\d\d UTC, same commit\)/)

    const group = sim.store.groups.get(HF_GROUP)!
    await churnRuleInstance(sim, await token(sim), HF_GROUP, group.instances[1]!.uuid, 1)
    const changed = await run()
    expect(creations()).toBe(before + 1)
    expect(changed.report!.models[0]!.reused).toBeUndefined()
    expect(changed.stdout).toMatch(/no scan to reuse: the policy changed/)
  })
})

describe('a local model through release', () => {
  it('is attested by its files: a statement and a predicate valid against their schemas, and checksums', async () => {
    const ws = join(dir, 'ws')
    mkdirSync(join(ws, 'models', 'clean'), { recursive: true })
    writeFileSync(join(ws, 'models', 'clean', 'model.safetensors'), safetensors())
    writeFileSync(join(ws, 'models', 'clean', 'config.json'), '{"architectures": ["X"]}')
    const r = await runAction(
      { 'model-uri': 'models/clean', engine: 'builtin', comment: 'never' },
      // a RUNNER_TEMP of this test's: the files outlive the step
      { GITHUB_WORKSPACE: ws, RUNNER_TEMP: join(dir, 'runner-temp') }
    )
    expect(r.code).toBe(0)
    const statement = JSON.parse(readFileSync(r.outputs['attestation-statement']!, 'utf8'))
    expect(validateStatement(statement)).toEqual([])
    const predicate = JSON.parse(readFileSync(r.outputs['attestation-predicate']!, 'utf8'))
    expect(validatePredicate(predicate)).toEqual([])
    expect(predicate.verdict).toBe('pass')
    // one checksum line per file, each the sha256 the report recorded
    const digest = r.report!.models[0]!.model.digest!
    const lines = readFileSync(r.outputs['attestation-checksums']!, 'utf8').trim().split('\n')
    expect(lines).toHaveLength(digest.files.length)
    for (const f of digest.files) expect(lines.some((l) => l.startsWith(`${f.sha256}  `))).toBe(true)
    // the ML-BOM names the same files
    const bom = JSON.parse(readFileSync(r.outputs.sbom!, 'utf8'))
    expect(bom.specVersion).toBe('1.6')
    expect(JSON.stringify(bom)).toContain(digest.files[0]!.sha256)

    // verify: the same files pass; a changed byte fails
    const verify = () =>
      runProcess(CLI, ['verify', 'models/clean', '--report', r.outputs.report!, '--workspace', ws], {})
    expect((await verify()).code).toBe(0)
    writeFileSync(join(ws, 'models', 'clean', 'config.json'), '{"architectures": ["Y"]}')
    const changed = await verify()
    expect(changed.code).toBe(1)
    expect(changed.stdout).toMatch(/is not what the report scanned/)
  })
})
