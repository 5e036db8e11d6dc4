import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'
import { ACTIONS_TOKEN, startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js'
import { resultsEnv, startFakeResults, unzip } from '../helpers/fake-results.js'
import { runAction } from '../helpers/run-dist.js'
import { validateReport, validateSarif } from '../helpers/schemas.js'
import { startSim } from '../helpers/sim.js'

/**
 * The reports end to end for the blocked DialoGPT fixture: `node dist/index.js` against the simulator and a
 * local fake of the GitHub REST endpoints the comment uses, on a pull_request event with a checked-out
 * workflow file. Asserts the job summary, the comment (created, then updated in place), annotations, SARIF
 * (against the official schema) and the JSON report (against its published schema).
 *
 * The runs are concurrent tests (jest's maxConcurrency), one process each: each test has a pull request of its own,
 * and a test that counts requests to GitHub a fake GitHub of its own.
 */

const DIALOGPT = 'https://huggingface.co/microsoft/DialoGPT-medium'
const CLEAN = 'https://huggingface.co/airs-sim/clean-model'
const WORKFLOW = [
  'on: pull_request',
  'jobs:',
  '  gate:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: airs-model-gate/airs-model-gate@v0',
  '        with:',
  `          model-uri: ${DIALOGPT}`
].join('\n')

// made when the file loads: concurrent tests start before beforeAll hooks run
const sim = await startSim()
const github = await startFakeGitHub()
const results = await startFakeResults()
const workspace = mkdtempSync(join(tmpdir(), 'airs-gate-ws-'))
mkdirSync(join(workspace, '.github/workflows'), { recursive: true })
writeFileSync(join(workspace, '.github/workflows/gate.yml'), WORKFLOW)
afterAll(async () => {
  await github.close()
  await results.close()
})

/** The pull_request event of PR `pr` (each test has a PR of its own, so they hold in any order and at once). */
function event(fork: boolean, pr: number): string {
  const path = join(workspace, `event-${fork ? 'fork' : 'same'}-${pr}.json`)
  const repo = { full_name: 'octo-org/models', name: 'models', owner: { login: 'octo-org' } }
  writeFileSync(
    path,
    JSON.stringify({
      action: 'synchronize',
      number: pr,
      repository: repo,
      pull_request: {
        number: pr,
        head: {
          sha: '0123456789abcdef0123456789abcdef01234567',
          repo: fork ? { ...repo, full_name: 'someone/models', owner: { login: 'someone' } } : repo
        },
        base: { repo }
      }
    })
  )
  return path
}

const gate = (inputs: Record<string, string>, env: Record<string, string>, pr: number, gh = github) =>
  runAction(
    { 'github-token': ACTIONS_TOKEN, ...inputs },
    {
      ...sim.env(),
      GITHUB_ACTIONS: 'true',
      GITHUB_REPOSITORY: 'octo-org/models',
      GITHUB_SHA: 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3',
      GITHUB_WORKFLOW: 'Model gate',
      GITHUB_WORKFLOW_REF: 'octo-org/models/.github/workflows/gate.yml@refs/pull/7/merge',
      GITHUB_JOB: 'gate',
      GITHUB_ACTION: 'gate',
      GITHUB_RUN_ID: '42',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_API_URL: gh.url,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event(false, pr),
      GITHUB_WORKSPACE: workspace,
      ...env
    }
  )

const commentRequests = (gh: FakeGitHub) => gh.requests.filter((r) => r.path.includes('/comments'))

/** A fake GitHub of the test's own, for a test that counts the requests it gets. */
async function withOwnGitHub(test: (gh: FakeGitHub) => Promise<void>): Promise<void> {
  const gh = await startFakeGitHub()
  try {
    await test(gh)
  } finally {
    await gh.close()
  }
}

describe('reports for the blocked DialoGPT fixture', () => {
  it.concurrent(
    'writes the summary, comment, annotations, SARIF and JSON report, then fails the step',
    async () => {
      const r = await gate({ 'model-uri': DIALOGPT }, {}, 7)
      expect(r.code).toBe(1)

      // job summary: verdict first, evaluations, violations, remediation with the group's formats
      expect(r.summary).toMatch(/^## ❌ Model gate failed\\: BLOCKED\\: 1 of 11 rules failed/)
      expect(r.summary).toContain('| Stored In Approved File Format | 🟡 Medium | BLOCKING | ❌ FAILED | 5 |')
      expect(r.summary).toContain('**Most severe:** 🟡 Medium · Stored In Approved File Format: 5 findings')
      expect(r.summary).toContain('**How to fix**')
      expect(r.summary).toContain('Approved by the security group: <code>safetensors</code>')
      expect(r.summary).toContain('<details><summary>Scanned files (12)</summary>')

      // the sticky comment on the pull request
      const comments = github.comments('octo-org', 'models', 7)
      expect(comments).toHaveLength(1)
      const body = comments[0]!.body
      expect(body).toMatch(/^## ❌ Model gate failed/)
      expect(body).toContain('#### 🟡 Medium · ❌ Stored In Approved File Format — FAILED (BLOCKING)')
      expect(body).toContain('[workflow run](https://github.com/octo-org/models/actions/runs/42/attempts/1)')
      expect(body).toContain('commit <code>0123456789ab</code>')
      expect(body).toMatch(/<!-- airs-model-gate:sticky workflow="Model gate" job="gate" tag="" -->$/)
      expect(r.outputs['comment-url']).toBe(comments[0]!.html_url)

      // annotations on the workflow line that names the model
      const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error '))
      expect(errors).toHaveLength(5)
      expect(errors[0]).toMatch(
        /^::error title=Stored In Approved File Format%3A pytorch_model\.bin,file=\.github\/workflows\/gate\.yml,line=8::/
      )

      // SARIF: valid against the official schema, one result per violation, anchored like the annotations
      expect(r.outputs.sarif).toMatch(/gate-results\.sarif$/)
      const sarif = r.sarif as { runs: Array<{ results: Array<{ ruleId: string; locations: unknown[] }> }> }
      expect(validateSarif(sarif)).toEqual([])
      expect(sarif.runs[0]!.results).toHaveLength(3)
      expect(JSON.stringify(sarif.runs[0]!.results[0]!.locations)).toContain('.github/workflows/gate.yml')

      // JSON report: valid against its published schema, with the run's context
      expect(validateReport(r.report)).toEqual([])
      expect(r.report!.context).toMatchObject({ repository: 'octo-org/models', job: 'gate', run_id: '42' })
      expect(r.report!.models[0]!.violations.items).toHaveLength(5)

      // the log: one group per model, the verdict last
      expect(r.stdout).toContain('::group::[FAIL] microsoft/DialoGPT-medium: BLOCKED')
      expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(
        /^::error::Model gate failed: BLOCKED: 1 of 11 rules failed/
      )
    }
  )

  it.concurrent(
    'updates the same comment in place on the next run, including when it passes; one per comment-tag (matrix legs)',
    async () => {
      // three steps on one pull request of this test's: blocked, then passed, then another matrix leg
      expect((await gate({ 'model-uri': DIALOGPT }, {}, 8)).code).toBe(1)
      const before = github.comments('octo-org', 'models', 8)
      expect(before).toHaveLength(1)
      const r = await gate({ 'model-uri': CLEAN }, {}, 8)
      expect(r.code).toBe(0)
      const after = github.comments('octo-org', 'models', 8)
      expect(after).toHaveLength(1)
      expect(after[0]!.id).toBe(before[0]!.id)
      expect(after[0]!.body).toMatch(/^## ✅ Model gate passed/)
      await gate({ 'model-uri': DIALOGPT, 'comment-tag': 'leg-b' }, {}, 8)
      expect(github.comments('octo-org', 'models', 8)).toHaveLength(2)
    }
  )

  it.concurrent('on a fork pull request warns, sends nothing to GitHub and leaves the verdict alone', () =>
    withOwnGitHub(async (gh) => {
      const r = await gate(
        { 'model-uri': DIALOGPT, 'comment-tag': 'fork' },
        { GITHUB_EVENT_PATH: event(true, 11) },
        11,
        gh
      )
      expect(r.code).toBe(1)
      expect(r.outputs.verdict).toBe('fail')
      expect(commentRequests(gh)).toEqual([])
      expect(r.stdout).toMatch(/::warning::The pull-request comment was not written: .*fork/i)
    })
  )

  it.concurrent(
    'on a fork pull request that passes stays quiet about the comment (none was wanted)',
    async () => {
      const r = await gate(
        { 'model-uri': CLEAN, 'comment-tag': 'fork-pass' },
        { GITHUB_EVENT_PATH: event(true, 12) },
        12
      )
      expect(r.code).toBe(0)
      expect(r.stdout).not.toMatch(/::warning::.*comment/)
    }
  )

  it.concurrent('a report that cannot be written is a warning, never a change of verdict', async () => {
    // the summary file is a directory: the write fails
    const r = await gate({ 'model-uri': CLEAN, comment: 'never' }, { GITHUB_STEP_SUMMARY: workspace }, 13)
    expect(r.code).toBe(0)
    expect(r.outputs.verdict).toBe('pass')
    expect(r.stdout).toMatch(/::warning::The job summary could not be written: /)
  })

  it.concurrent(
    'a report path outside the workspace (a pseudo file system) is refused up front; the report goes to the default',
    async () => {
      const r = await gate(
        { 'model-uri': CLEAN, comment: 'never', 'report-file': '/proc/nope/report.json' },
        {},
        14
      )
      expect(r.code).toBe(1)
      expect(r.outputs.error).toBe('INVALID_INPUT')
      expect(r.stdout).toMatch(
        /::error::Model gate failed: Invalid input report-file: \/proc\/nope\/report\.json is outside the workspace/
      )
      // the failed run's report is still written, where the action puts it when none is named
      expect(r.outputs.report).toMatch(/airs-model-gate\/.*-report\.json$/)
      expect(r.report!.verdict).toBe('fail')
    }
  )

  it.concurrent(
    'without pull-requests: write warns naming the permission; the gate still decides alone',
    async () => {
      github.tokens.set('ghs_readonly', {
        login: 'github-actions[bot]',
        id: 41898282,
        type: 'Bot',
        user: false,
        write: false
      })
      const r = await gate(
        {
          'model-uri': CLEAN,
          comment: 'always',
          'comment-tag': 'ro',
          'github-token': 'ghs_readonly'
        },
        {},
        15
      )
      expect(r.code).toBe(0)
      expect(r.outputs.verdict).toBe('pass')
      expect(r.stdout).toMatch(/::warning::The pull-request comment was not written: .*pull-requests: write/)
      // the token appears once, in the runner's mask command, and nowhere else
      expect(r.stdout.split('\n').filter((l) => l.includes('ghs_readonly'))).toEqual([
        '::add-mask::ghs_readonly'
      ])
    }
  )

  it.concurrent('comment: never and on-failure with a pass create nothing', () =>
    withOwnGitHub(async (gh) => {
      await gate({ 'model-uri': DIALOGPT, comment: 'never', 'comment-tag': 'never' }, {}, 16, gh)
      await gate({ 'model-uri': CLEAN, comment: 'on-failure', 'comment-tag': 'new-leg' }, {}, 16, gh)
      expect(gh.comments('octo-org', 'models', 16)).toEqual([])
      expect(commentRequests(gh).some((q) => q.method === 'POST')).toBe(false)
    })
  )

  it.concurrent('job-summary and annotations can be turned off', async () => {
    const r = await gate(
      {
        'model-uri': DIALOGPT,
        'job-summary': 'false',
        annotations: 'false',
        comment: 'never'
      },
      {},
      17
    )
    expect(r.code).toBe(1)
    expect(r.summary).toBe('')
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error ')).length).toBe(0)
  })
})

describe('the results artifact', () => {
  it.concurrent(
    'uploads the report and SARIF; the summary, comment, log and outputs link to it',
    async () => {
      const r = await gate({ 'model-uri': DIALOGPT, 'comment-tag': 'artifact' }, resultsEnv(results), 21)
      expect(r.code).toBe(1)
      const id = Number(r.outputs['artifact-id'])
      const url = `https://github.com/octo-org/models/actions/runs/42/artifacts/${id}`
      expect(r.outputs['artifact-url']).toBe(url)
      const stored = results.artifacts.find((a) => a.id === id)!
      expect(stored.name).toBe('airs-model-gate-gate-artifact')
      // the same report and SARIF the step wrote to its paths
      const files = unzip(stored.zip)
      expect(Object.keys(files).sort()).toEqual([
        'attestation-predicate.json',
        'attestation.intoto.json',
        'ml-bom.cdx.json',
        'report.json',
        'results.sarif'
      ])
      expect(JSON.parse(files['report.json']!)).toEqual(r.report)
      expect(JSON.parse(files['results.sarif']!)).toEqual(r.sarif)
      // a link in the first screen and the footer, instead of a runner path
      expect(r.summary).toContain(`[full report](${url})`)
      expect(r.summary).toContain(`[full report and SARIF](${url})`)
      expect(r.summary).not.toContain('full results: <code>')
      const body = github.comments('octo-org', 'models', 21)[0]!.body
      expect(body).toContain(`[full report](${url})`)
      expect(r.stdout).toContain(`Full results (report and SARIF): ${url}`)
      // the client's progress lines are folded in one group
      expect(r.stdout).toMatch(
        /::group::Uploading the report and SARIF log as a workflow artifact\n[\s\S]*?::endgroup::/
      )
    }
  )

  it.concurrent('upload-artifact: false uploads nothing and names the path', async () => {
    const r = await gate(
      { 'model-uri': CLEAN, comment: 'never', 'upload-artifact': 'false', 'comment-tag': 'no-artifact' },
      resultsEnv(results),
      22
    )
    expect(r.code).toBe(0)
    expect(r.outputs['artifact-url']).toBe('')
    expect(results.artifacts.some((a) => a.name.includes('no-artifact'))).toBe(false)
    expect(r.summary).toContain('full results: <code>')
  })

  it.concurrent('a refused upload is a warning, never a change of verdict', async () => {
    const refusing = await startFakeResults()
    try {
      refusing.fault.createStatus = 403
      const r = await gate({ 'model-uri': DIALOGPT, comment: 'never' }, resultsEnv(refusing), 23)
      expect(r.code).toBe(1)
      expect(r.outputs.verdict).toBe('fail')
      expect(r.outputs['artifact-url']).toBe('')
      expect(r.stdout).toMatch(/::warning::The report was not uploaded as an artifact: .*403/)
      expect(r.summary).toContain('full results: <code>')
      // the report was still written where the output says
      expect(r.report!.verdict).toBe('fail')
    } finally {
      await refusing.close()
    }
  })
})

describe('a scan with 10,000 violations and 10,000 files', () => {
  it.concurrent(
    'renders every target within its platform limit',
    async () => {
      const r = await gate(
        { 'model-uri': 'https://huggingface.co/airs-sim/large', 'comment-tag': 'large' },
        {},
        9
      )
      expect(r.code).toBe(1)
      expect(r.report!.models[0]!.violations.items).toHaveLength(10_000)
      expect(r.report!.models[0]!.files.items.length).toBeGreaterThanOrEqual(10_000)
      // summary: bytes under 1 MiB, still with violations and remediation
      expect(Buffer.byteLength(r.summary, 'utf8')).toBeLessThanOrEqual(1024 * 1024)
      expect(r.summary).toContain('**How to fix**')
      // comment: under 65,536 characters with its marker
      const body = github.comments('octo-org', 'models', 9).find((c) => c.body.includes('tag="large"'))!.body
      expect(body.length).toBeLessThanOrEqual(65_536)
      // annotations: capped
      expect(r.stdout.split('\n').filter((l) => l.startsWith('::error ')).length).toBeLessThanOrEqual(9)
      // SARIF: valid, within code scanning's limits
      const sarif = r.sarif as { runs: Array<{ results: unknown[] }> }
      expect(validateSarif(sarif)).toEqual([])
      expect(sarif.runs[0]!.results.length).toBeLessThanOrEqual(5_000)
      expect(gzipSync(JSON.stringify(sarif)).length).toBeLessThan(10 * 1024 * 1024)
    },
    120_000
  )
})
