import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { GateReport } from '../../src/gate/result.js'
import { DIALOGPT } from '../../sim/fixtures.js'
import { runAction } from '../helpers/run-dist.js'
import { validateReport } from '../helpers/schemas.js'
import { startSim } from '../helpers/sim.js'
import { ACTIONS_TOKEN, startFakeGitHub } from '../helpers/fake-github.js'
import { HF_GROUP } from '../helpers/ids.js'
import { raw, token } from '../helpers/raw.js'

/**
 * The scheduled audit through the bundled action: a models-file of several models, split across the legs of
 * a matrix (`shard`), merged by a last job (`merge-reports`) into the report one job
 * would have written; a missing leg fails the merge.
 */

const sim = await startSim()
const github = await startFakeGitHub()
const workspace = mkdtempSync(join(tmpdir(), 'airs-audit-'))
afterAll(async () => {
  rmSync(workspace, { recursive: true, force: true })
  await github.close()
})

const SIM = 'https://huggingface.co/airs-sim'
const URIS = [`${SIM}/clean-model`, DIALOGPT.uri, `${SIM}/audit-a`, `${SIM}/audit-b`, `${SIM}/audit-c`]
sim.addScenario([
  { match: `${SIM}/audit-a`, generate: { files: 3, violations: 1 } },
  { match: `${SIM}/audit-b`, generate: { files: 2, violations: 0 } },
  { match: `${SIM}/audit-c`, generate: { files: 5, violations: 2 } }
])
writeFileSync(
  join(workspace, 'models.yml'),
  ['models:', ...URIS.map((u, i) => `  - uri: ${u}${i === 1 ? '\n    owner: "@octo-org/nlp"' : ''}`)].join(
    '\n'
  )
)

const gate = (inputs: Record<string, string>) =>
  runAction({ comment: 'never', ...inputs }, { ...sim.env(), GITHUB_WORKSPACE: workspace })

/** What a report says of each model, less what differs between two scans of the same thing. */
const essence = (r: GateReport) =>
  r.models.map((m) => ({
    index: m.index,
    uri: m.model.model_uri,
    owner: m.model.owner,
    status: m.status,
    verdict: m.verdict,
    reason: m.reason,
    outcome: m.scan?.eval_outcome,
    evaluations: m.evaluations.items.map((e) => [e.rule_name, e.result]),
    violations: m.violations.items.map((v) => [v.rule_name, v.file, v.threat]),
    files: m.files.items.map((f) => f.path)
  }))

describe('a scheduled audit split across a matrix', () => {
  it('four shards merged give the report of one job; a missing shard fails the merge', async () => {
    const one = await gate({ 'models-file': 'models.yml', 'report-file': 'one.json' })
    expect(one.code).toBe(1)
    expect(one.report!.models).toHaveLength(URIS.length)

    const legs = []
    for (const i of [1, 2, 3, 4]) {
      const dir = join(workspace, 'artifacts', `leg-${i}`)
      mkdirSync(dir, { recursive: true })
      const r = await gate({
        'models-file': 'models.yml',
        shard: `${i}/4`,
        'report-file': join(dir, 'report.json')
      })
      expect(r.report!.shard).toEqual({
        index: i,
        count: 4,
        models: URIS.length,
        list_sha256: expect.stringMatching(/^[0-9a-f]{64}$/)
      })
      expect(r.stdout).toContain(`Shard ${i}/4: ${i === 1 ? 2 : 1} of ${URIS.length} models.`)
      legs.push(r)
    }
    // every leg split the same list, and gated its own models, by their place in it
    expect(new Set(legs.map((l) => l.report!.shard!.list_sha256)).size).toBe(1)
    expect(legs.map((l) => l.report!.models.map((m) => m.index))).toEqual([[1, 5], [2], [3], [4]])

    const merged = await gate({ 'merge-reports': 'artifacts', 'report-file': 'merged.json' })
    expect(validateReport(merged.report)).toEqual([])
    expect(essence(merged.report!)).toEqual(essence(one.report!))
    expect([merged.code, merged.report!.verdict, merged.outputs.verdict]).toEqual([1, 'fail', 'fail'])
    expect(merged.report!.merged).toEqual({ reports: 4, shards: 4 })
    expect(merged.summary).toContain('Model gate failed')
    // outputs over the whole run, as one job gives them
    for (const k of ['eval-outcome', 'rules-passed', 'rules-failed', 'violations'])
      expect([k, merged.outputs[k]]).toEqual([k, one.outputs[k]])
    // a merge scans nothing
    expect(merged.report!.models.map((m) => m.scan!.uuid)).toEqual(
      [...legs.flatMap((l) => l.report!.models)].sort((a, b) => a.index - b.index).map((m) => m.scan!.uuid)
    )

    // one leg's artifact did not arrive
    rmSync(join(workspace, 'artifacts', 'leg-3'), { recursive: true })
    const partial = await gate({ 'merge-reports': 'artifacts' })
    expect([partial.code, partial.outputs.verdict, partial.outputs.error]).toEqual([
      1,
      'fail',
      'INCOMPLETE_MERGE'
    ])
    expect(partial.report!.error!.message).toContain('shard 3/4 is missing: its 1 model(s) were not verified')
  })
})

/** Sets the group's instances of a rule to `state`: a new policy generation. */
async function setRule(name: string, state: 'ALLOWING' | 'BLOCKING') {
  const tok = await token(sim)
  const group = sim.store.groups.get(HF_GROUP)!
  for (const i of group.instances.filter((i) => sim.store.ruleByUuid(i.security_rule_uuid)!.name === name))
    await raw(sim, 'PUT', `/aims/mgmt/v1/security-groups/${HF_GROUP}/rule-instances/${i.uuid}`, {
      token: tok,
      body: { security_group_uuid: HF_GROUP, state }
    })
}

describe('the tracking issue of a scheduled audit', () => {
  const FORMAT = 'Stored In Approved File Format'
  const LOAD = 'Load Time Code Execution Check'
  const nightly = () =>
    runAction(
      {
        'models-file': 'nightly.yml',
        issue: 'on-failure',
        'issue-labels': 'model-audit, security',
        'github-token': ACTIONS_TOKEN
      },
      {
        ...sim.env(),
        GITHUB_WORKSPACE: workspace,
        GITHUB_ACTIONS: 'true',
        GITHUB_REPOSITORY: 'octo-org/models',
        GITHUB_WORKFLOW: 'Nightly audit',
        GITHUB_JOB: 'audit',
        GITHUB_EVENT_NAME: 'schedule',
        GITHUB_RUN_ID: '77',
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_API_URL: github.url
      }
    )
  const issues = () => github.issues('octo-org', 'models').filter((i) => !i.pull_request)

  it('a policy change that blocks a model updates the same issue with the flip; a clean run closes it', async () => {
    writeFileSync(
      join(workspace, 'nightly.yml'),
      [
        'models:',
        `  - uri: ${DIALOGPT.uri}`,
        '    owner: "@octo-org/nlp"',
        '    mention: true',
        `  - uri: ${SIM}/pickle-rce`,
        '    owner: "@octo-org/vision"',
        `  - uri: ${SIM}/clean-model`
      ].join('\n')
    )
    // the format rule only reports: DialoGPT passes, the pickle that runs code does not
    await setRule(FORMAT, 'ALLOWING')
    const first = await nightly()
    expect(first.code).toBe(1)
    expect(issues()).toHaveLength(1)
    const issue = issues()[0]!
    expect(issue).toMatchObject({ state: 'open', title: 'Model gate: audit failures' })
    expect(issue.labels.map((l) => l.name).sort()).toEqual(['model-audit', 'security'])
    expect(issue.body).toContain('airs\\-sim/pickle\\-rce')
    // the owner is named, not pinged: the models-file does not ask for it
    expect(issue.body).not.toMatch(/(^|[^`\w])@octo-org\/vision/)
    expect(first.outputs['issue-url']).toBe(issue.html_url)

    // the policy blocks the format again: DialoGPT flips
    await setRule(FORMAT, 'BLOCKING')
    const second = await nightly()
    expect(second.code).toBe(1)
    expect(second.outputs).toMatchObject({ drifted: '3', 'newly-blocked': '1' })
    expect(second.summary).toMatch(
      /### What changed\n\n- ❌ \*\*newly blocked\*\* \*\*microsoft\/DialoGPT\\-medium\*\*: ALLOWED → BLOCKED/
    )
    // the same issue, updated in place: the flip first, the owner who asked for it mentioned
    expect(issues()).toHaveLength(1)
    const updated = issues()[0]!
    expect(updated.number).toBe(issue.number)
    expect(updated.body).toMatch(/### What changed[\s\S]*newly blocked[\s\S]*DialoGPT/)
    expect(updated.body).toContain('@octo-org/nlp')

    // every rule that fails only reports: a clean run closes the issue, with a comment
    await setRule(FORMAT, 'ALLOWING')
    await setRule(LOAD, 'ALLOWING')
    try {
      const clean = await nightly()
      expect(clean.code).toBe(0)
      const closed = issues()[0]!
      expect([issues().length, closed.number, closed.state, closed.state_reason]).toEqual([
        1,
        issue.number,
        'closed',
        'completed'
      ])
      const comments = github.comments('octo-org', 'models', issue.number)
      expect(comments.at(-1)!.body).toMatch(/All 3 models pass again/)
    } finally {
      await setRule(LOAD, 'BLOCKING')
      await setRule(FORMAT, 'BLOCKING')
    }
  })
})

describe('audit: inventory through the action', () => {
  it('judges the tenant’s inventory without a scan', async () => {
    const scans = sim.store.scans.size
    const r = await gate({ audit: 'inventory', 'max-age': '30d' })
    expect(sim.store.scans.size).toBe(scans)
    expect(validateReport(r.report)).toEqual([])
    expect(r.report!.models.length).toBeGreaterThan(0)
    expect(r.report!.models.every((m) => m.inventory && !m.scan)).toBe(true)
    // DialoGPT is blocked in the inventory: the step fails
    expect(r.code).toBe(1)
    expect(r.summary).toContain('microsoft/DialoGPT\\-medium')
  })
})
