import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import type { GateReport } from '../../src/gate/result.js'
import {
  GITHUB_RETRIES,
  MAX_WAIT_SECONDS,
  githubClient,
  type GitHubClient,
  type GitHubClientOptions
} from '../../src/github/octokit.js'
import { reportIssue, type IssueSettings } from '../../src/github/publish-issue.js'
import { commentMarker, withMarker } from '../../src/github/sticky-comment.js'
import {
  issueMarker,
  syncTrackingIssue,
  type IssueResult,
  type TrackingIssueOptions
} from '../../src/github/tracking-issue.js'
import { DEFAULT_ISSUE_TITLE, ISSUE_LIMIT_CHARS } from '../../src/report/issue-body.js'
import { runView } from '../../src/report/view.js'
import {
  ACTIONS_BOT,
  ACTIONS_TOKEN,
  CI_USER,
  USER_TOKEN,
  startFakeGitHub,
  type FakeGitHub,
  type FakeIssue,
  type Identity,
  type Route
} from '../helpers/fake-github.js'
import { fixtureReport } from '../helpers/reports.js'

const REPO = { owner: 'acme', repo: 'models' }
const MARKER = issueMarker({ workflow: 'Nightly audit', tag: '' })
const TITLE = DEFAULT_ISSUE_TITLE
const ALICE: Identity = { login: 'alice', id: 9001, type: 'User', user: true, write: true }
const OTHER_BOT: Identity = { login: 'welcome[bot]', id: 38481, type: 'Bot', user: false, write: true }
const RESOLVED = '✅ All 6 models pass again as of this run: closing this issue.'

const LIST: Route = 'GET /repos/:owner/:repo/issues'
const CREATE: Route = 'POST /repos/:owner/:repo/issues'
const UPDATE: Route = 'PATCH /repos/:owner/:repo/issues/:number'
const LABEL: Route = 'POST /repos/:owner/:repo/issues/:number/labels'
const COMMENT: Route = 'POST /repos/:owner/:repo/issues/:number/comments'
const WRITES: Route[] = [CREATE, UPDATE, LABEL, COMMENT, 'PATCH /repos/:owner/:repo/issues/comments/:id']

/** Every attempt a request may take: the first, then the plugins' retries. */
const ATTEMPTS = 1 + GITHUB_RETRIES

let gh: FakeGitHub
let debug: string[]

beforeEach(async () => {
  gh = await startFakeGitHub()
  debug = []
})
afterEach(async () => {
  await gh.close()
})

/** The client as the action builds it, with waits that cost no time, logging into `debug`. */
function client(token = ACTIONS_TOKEN, over: GitHubClientOptions = {}): Promise<GitHubClient> {
  return githubClient(
    token,
    { GITHUB_API_URL: gh.url },
    { log: { debug: (m) => debug.push(m) }, retryAfterBaseValue: 0, ...over }
  )
}

type RunOptions = Partial<TrackingIssueOptions> & { token?: string; client?: GitHubClientOptions }

async function run(over: RunOptions = {}): Promise<IssueResult> {
  const { token, client: clientOptions, ...rest } = over
  return syncTrackingIssue(await client(token, clientOptions), {
    repo: REPO,
    marker: MARKER,
    title: TITLE,
    body: 'run 1: 2 of 6 models fail',
    labels: ['model-gate', 'security'],
    mode: 'on-failure',
    passing: false,
    resolved: RESOLVED,
    logger: { debug: (m) => debug.push(m) },
    ...rest
  })
}

const pass = (over: RunOptions = {}) => run({ passing: true, body: 'all 6 models pass', ...over })

/** The issue a result names; fails the test when there is none. */
function written(r: IssueResult): { action: string; number: number; url: string } {
  if ('reason' in r) throw new Error(`expected an issue, got ${r.action}: ${r.reason}`)
  return r
}

function reason(r: IssueResult, action: 'skipped' | 'failed'): string {
  expect(r.action).toBe(action)
  return 'reason' in r ? r.reason : ''
}

const issues = () => gh.issues(REPO.owner, REPO.repo)
const issue = (n: number) => issues().find((i) => i.number === n)!
const labelsOf = (i: FakeIssue) => i.labels.map((l) => l.name)
const calls = (route: Route) => gh.requests.filter((r) => r.route === route)
const writes = () => gh.requests.filter((r) => r.route && WRITES.includes(r.route))

/** What a planted issue looked like, to compare after a run. */
const snapshot = (i: FakeIssue) => JSON.stringify(i)

describe('tracking issue lifecycle', () => {
  it('a failing run creates the issue with its title, body, marker and labels', async () => {
    const r = written(await run())
    expect(r.action).toBe('created')
    expect(issues()).toHaveLength(1)
    const i = issue(r.number)
    expect(i).toMatchObject({ title: TITLE, state: 'open', user: { login: ACTIONS_BOT.login } })
    expect(i.body).toBe(withMarker('run 1: 2 of 6 models fail', MARKER))
    expect(labelsOf(i)).toEqual(['model-gate', 'security'])
    expect(r.url).toBe(`https://github.com/acme/models/issues/${r.number}`)
    expect(gh.requests.map((q) => q.route)).toEqual(['POST /graphql', LIST, CREATE])
    expect(calls(LIST)[0]!.path).toBe(
      '/repos/acme/models/issues?state=open&sort=created&direction=asc&per_page=100'
    )
  })

  it('the next failing run updates the same issue in place, keeping labels people added', async () => {
    const first = written(await run())
    // people triage the issue: a label added, one of ours removed
    const i = issue(first.number)
    i.labels = [...i.labels.filter((l) => l.name !== 'security'), { ...i.labels[0]!, id: 1, name: 'triaged' }]

    const second = written(await run({ body: 'run 2: 3 of 6 models fail', title: 'Audit (nightly)' }))
    expect(second).toEqual({ action: 'updated', number: first.number, url: first.url })
    expect(issues()).toHaveLength(1)
    expect(i.body).toBe(withMarker('run 2: 3 of 6 models fail', MARKER))
    expect(i.title).toBe('Audit (nightly)')
    expect(labelsOf(i).sort()).toEqual(['model-gate', 'security', 'triaged'])
    // labels are added, never sent as a whole set that would drop one added meanwhile
    expect(calls(LABEL).map((q) => q.body)).toEqual([{ labels: ['security'] }])
    expect(calls(UPDATE).map((q) => q.body)).toEqual([
      { title: 'Audit (nightly)', body: withMarker('run 2: 3 of 6 models fail', MARKER) }
    ])
    expect(calls(CREATE)).toHaveLength(1)
  })

  it('sends nothing when title, body and labels are as they should be', async () => {
    const first = written(await run())
    const again = await run()
    expect(again).toEqual({ action: 'unchanged', number: first.number, url: first.url })
    expect(writes()).toHaveLength(1)

    // labels that differ only in case are the same labels on GitHub
    const r = written(await run({ labels: ['MODEL-GATE', 'Security'] }))
    expect(r.action).toBe('unchanged')
    expect(calls(LABEL)).toHaveLength(0)
  })

  it('a passing run comments, brings the body up to date, and closes the issue as completed', async () => {
    const failing = written(await run())
    const closed = written(await pass())
    expect(closed).toEqual({ action: 'closed', number: failing.number, url: failing.url })
    const i = issue(failing.number)
    expect(i).toMatchObject({ state: 'closed', state_reason: 'completed', title: TITLE })
    expect(i.body).toBe(withMarker('all 6 models pass', MARKER))
    const comments = gh.comments(REPO.owner, REPO.repo, failing.number)
    expect(comments.map((c) => [c.user?.login, c.body])).toEqual([[ACTIONS_BOT.login, RESOLVED]])
    expect(comments[0]!.html_url).toMatch(/\/acme\/models\/issues\/\d+#issuecomment-\d+$/)
    // the comment first (it notifies), then one PATCH for body and state
    const order = gh.requests.slice(3).map((q) => q.route)
    expect(order).toEqual(['POST /graphql', LIST, COMMENT, UPDATE])
    expect(calls(UPDATE)[0]!.body).toEqual({
      body: withMarker('all 6 models pass', MARKER),
      state: 'closed',
      state_reason: 'completed'
    })

    // the closed issue is history: the next failure opens a new one
    const next = written(await run({ body: 'run 3: fail again' }))
    expect(next.action).toBe('created')
    expect(next.number).not.toBe(failing.number)
    expect(i.state).toBe('closed')
  })

  it('on-failure: a passing run with no open issue writes nothing', async () => {
    const r = await pass()
    expect(reason(r, 'skipped')).toMatch(/no open tracking issue/)
    expect(writes()).toHaveLength(0)
    expect(issues()).toHaveLength(0)
  })

  it('always: a passing run with no open issue records it in an issue closed at once, without a comment', async () => {
    const r = written(await pass({ mode: 'always' }))
    expect(r.action).toBe('closed')
    const i = issue(r.number)
    expect(i).toMatchObject({ state: 'closed', state_reason: 'completed', title: TITLE })
    expect(i.body).toBe(withMarker('all 6 models pass', MARKER))
    expect(labelsOf(i)).toEqual(['model-gate', 'security'])
    expect(gh.comments(REPO.owner, REPO.repo, r.number)).toHaveLength(0)
    expect(calls(UPDATE).map((q) => q.body)).toEqual([{ state: 'closed', state_reason: 'completed' }])

    // and like on-failure otherwise: a failure opens an issue, the next pass comments and closes it
    const failing = written(await run({ mode: 'always' }))
    expect(failing).toMatchObject({ action: 'created' })
    expect(written(await pass({ mode: 'always' }))).toMatchObject({
      action: 'closed',
      number: failing.number
    })
    expect(gh.comments(REPO.owner, REPO.repo, failing.number).map((c) => c.body)).toEqual([RESOLVED])
  })

  it('never: no request at all', async () => {
    expect(reason(await run({ mode: 'never' }), 'skipped')).toBe('issue is never')
    expect(reason(await pass({ mode: 'never' }), 'skipped')).toBe('issue is never')
    expect(gh.requests).toHaveLength(0)
  })

  it('two tags keep two issues, each updated by its own runs', async () => {
    const a = issueMarker({ workflow: 'Nightly audit', tag: 'py3.1' })
    const b = issueMarker({ workflow: 'Nightly audit', tag: 'py3.11' })
    const ra = written(await run({ marker: a, body: 'A1' }))
    const rb = written(await run({ marker: b, body: 'B1' }))
    expect(rb.number).not.toBe(ra.number)
    expect(written(await run({ marker: a, body: 'A2' }))).toMatchObject({
      action: 'updated',
      number: ra.number
    })
    expect(written(await pass({ marker: b }))).toMatchObject({ action: 'closed', number: rb.number })
    expect(issue(ra.number)).toMatchObject({ state: 'open', body: withMarker('A2', a) })
  })
})

describe('which issue is ours', () => {
  /** Issues that carry the marker but are not the tracking issue: none may ever be touched. */
  function plantImpostors(): FakeIssue[] {
    const seed = (body: string, author: Identity, extra: { pullRequest?: boolean; state?: 'closed' } = {}) =>
      gh.seedIssue(REPO.owner, REPO.repo, { title: 'looks like ours', body, author, labels: ['x'], ...extra })
    return [
      // another account's issue ending with the public marker
      seed(withMarker('copied', MARKER), ALICE),
      seed(withMarker('echo', MARKER), OTHER_BOT),
      // the same login with another account ID
      seed(withMarker('renamed', MARKER), { ...ACTIONS_BOT, id: ACTIONS_BOT.id + 1 }),
      // ours, but the marker is not at the end (quoted)
      seed(`> ${withMarker('quoted', MARKER)}\n\nA reply`, ACTIONS_BOT),
      // a pull request of ours carrying the marker at the end
      seed(withMarker('a pull request', MARKER), ACTIONS_BOT, { pullRequest: true }),
      // another workflow's issue
      seed(withMarker('other workflow', issueMarker({ workflow: 'Other', tag: '' })), ACTIONS_BOT),
      // the sticky comment's marker for the same workflow
      seed(
        withMarker('sticky', commentMarker({ workflow: 'Nightly audit', job: 'gate', tag: '' })),
        ACTIONS_BOT
      )
    ]
  }

  it('never touches another account’s issue, one with the marker mid-body, or a pull request', async () => {
    const planted = plantImpostors()
    const before = planted.map(snapshot)
    const created = written(await run())
    expect(created.action).toBe('created')
    expect(planted.map((i) => i.number)).not.toContain(created.number)
    expect(written(await run({ body: 'run 2' }))).toMatchObject({ action: 'updated', number: created.number })
    expect(written(await pass())).toMatchObject({ action: 'closed', number: created.number })
    expect(planted.map(snapshot)).toEqual(before)
    for (const p of planted) expect(gh.comments(REPO.owner, REPO.repo, p.number)).toHaveLength(0)
    // the list holds the pull request, as GitHub's does
    expect(planted.some((p) => p.pull_request)).toBe(true)
  })

  it('a passing run closes none of them', async () => {
    const planted = plantImpostors()
    const before = planted.map(snapshot)
    expect(reason(await pass(), 'skipped')).toMatch(/no open tracking issue/)
    expect(planted.map(snapshot)).toEqual(before)
    expect(writes()).toHaveLength(0)
  })

  it('a closed issue of ours is history, not reopened', async () => {
    const old = gh.seedIssue(REPO.owner, REPO.repo, {
      body: withMarker('old', MARKER),
      author: ACTIONS_BOT,
      state: 'closed'
    })
    const r = written(await run())
    expect(r.action).toBe('created')
    expect(r.number).not.toBe(old.number)
    expect(old).toMatchObject({ state: 'closed', body: withMarker('old', MARKER) })
  })

  it('with two open issues of ours, the oldest keeps the updates and is the one closed', async () => {
    const first = gh.seedIssue(REPO.owner, REPO.repo, {
      body: withMarker('first', MARKER),
      author: ACTIONS_BOT
    })
    const later = gh.seedIssue(REPO.owner, REPO.repo, {
      body: withMarker('later', MARKER),
      author: ACTIONS_BOT
    })
    expect(written(await run({ body: 'one' }))).toMatchObject({ action: 'updated', number: first.number })
    expect(written(await pass())).toMatchObject({ action: 'closed', number: first.number })
    expect(later).toMatchObject({ state: 'open', body: withMarker('later', MARKER) })
  })

  it('with a user token, only that user’s issue is ours', async () => {
    const bot = gh.seedIssue(REPO.owner, REPO.repo, { body: withMarker('bot', MARKER), author: ACTIONS_BOT })
    const r = written(await run({ token: USER_TOKEN }))
    expect(r.action).toBe('created')
    expect(issue(r.number).user?.login).toBe(CI_USER.login)
    expect(written(await run({ token: USER_TOKEN, body: 'two' }))).toMatchObject({
      action: 'updated',
      number: r.number
    })
    expect(bot.body).toBe(withMarker('bot', MARKER))
  })

  it('finds the issue on page 3, oldest first, following the Link header', async () => {
    for (let i = 0; i < 230; i++)
      gh.seedIssue(REPO.owner, REPO.repo, {
        body: i % 2 ? `bug ${i}` : withMarker(`pr ${i}`, MARKER),
        author: i % 2 ? ALICE : ACTIONS_BOT,
        pullRequest: i % 2 === 0
      })
    const ours = gh.seedIssue(REPO.owner, REPO.repo, {
      body: withMarker('ours', MARKER),
      author: ACTIONS_BOT
    })
    for (let i = 0; i < 30; i++) gh.seedIssue(REPO.owner, REPO.repo, { body: `later ${i}`, author: ALICE })

    expect(written(await run())).toMatchObject({ action: 'updated', number: ours.number })
    expect(calls(LIST).map((q) => q.path)).toEqual([
      '/repos/acme/models/issues?state=open&sort=created&direction=asc&per_page=100',
      expect.stringMatching(
        /^\/repositories\/\d+\/issues\?state=open&sort=created&direction=asc&per_page=100&page=2$/
      ),
      expect.stringMatching(/^\/repositories\/\d+\/issues\?.*&page=3$/)
    ])
    expect(calls(CREATE)).toHaveLength(0)
  })

  it('looks through 1,000 open issues and pull requests, and fails clearly past them', async () => {
    for (let i = 0; i < 1000; i++) gh.seedIssue(REPO.owner, REPO.repo, { body: `bug ${i}`, author: ALICE })
    expect(written(await run()).action).toBe('created')
    expect(calls(LIST)).toHaveLength(10)

    gh.requests.length = 0
    gh.seedIssue(REPO.owner, REPO.repo, { body: 'one more', author: ALICE })
    // our issue is now the 1,001st oldest: past the bound
    const why = reason(await run({ body: 'run 2' }), 'failed')
    expect(why).toBe(
      'listing the open issues of acme/models: more than 1,000 open issues and pull requests, gave up looking for the tracking issue; close some, or set issue: never'
    )
    expect(calls(LIST)).toHaveLength(10)
    expect(writes()).toHaveLength(0)
  })
})

describe('writes that may have happened are not repeated', () => {
  it('a create whose answer was lost makes one issue: it is found on the next look', async () => {
    gh.fail(CREATE, { reset: 'after' })
    const r = written(await run())
    expect(r.action).toBe('created')
    expect(calls(CREATE)).toHaveLength(1)
    expect(issues()).toHaveLength(1)
    expect(r.number).toBe(issues()[0]!.number)
    expect(debug).toContain(
      'github: POST /repos/{owner}/{repo}/issues: an earlier attempt took effect; not sent again'
    )
  })

  it('a 5xx on the create: looks again before sending it again, makes exactly one issue', async () => {
    gh.fail(CREATE, { status: 503 })
    expect(written(await run()).action).toBe('created')
    expect(gh.requests.map((q) => q.route)).toEqual(['POST /graphql', LIST, CREATE, LIST, CREATE])
    expect(issues()).toHaveLength(1)
  })

  it('an issue another run opened meanwhile is found on the next look, and brought in line', async () => {
    gh.fail(CREATE, { status: 502 })
    const log = {
      debug: (m: string) => {
        if (/issues → 502$/.test(m))
          gh.seedIssue(REPO.owner, REPO.repo, {
            title: TITLE,
            body: withMarker('other run', MARKER),
            author: ACTIONS_BOT
          })
      }
    }
    const r = written(await run({ body: 'this run', client: { log } }))
    expect(r.action).toBe('updated')
    expect(issues().map((i) => i.body)).toEqual([withMarker('this run', MARKER)])
    expect(labelsOf(issues()[0]!)).toEqual(['model-gate', 'security'])
    expect(calls(CREATE)).toHaveLength(1)
  })

  it('a closing comment whose answer was lost is posted once', async () => {
    const failing = written(await run())
    gh.fail(COMMENT, { reset: 'after' })
    expect(written(await pass())).toMatchObject({ action: 'closed', number: failing.number })
    expect(calls(COMMENT)).toHaveLength(1)
    expect(gh.comments(REPO.owner, REPO.repo, failing.number).map((c) => c.body)).toEqual([RESOLVED])
    expect(issue(failing.number).state).toBe('closed')
  })
})

describe('failures are results with a reason', () => {
  it('403 without `issues: write` says to add the permission', async () => {
    const token = 'ghs_prsonly00000000000000000000000000000'
    gh.tokens.set(token, { ...ACTIONS_BOT, write: true, issues: false })
    const why = reason(await run({ token }), 'failed')
    expect(why).toBe(
      'GitHub answered 403 (Resource not accessible by integration) when creating an issue in acme/models: the workflow token lacks `issues: write` (add `permissions: issues: write` to the job)'
    )
    expect(issues()).toHaveLength(0)
    expect(calls(CREATE)).toHaveLength(1)
  })

  it('410: Issues are disabled, and what to do', async () => {
    gh.fail(LIST, { status: 410 })
    const why = reason(await run(), 'failed')
    expect(why).toBe(
      'GitHub answered 410 (Issues are disabled for this repo) when listing the open issues of acme/models: Issues are disabled in acme/models; enable them (Settings → General → Features → Issues), or set issue: never'
    )
    expect(calls(LIST)).toHaveLength(1)
    expect(writes()).toHaveLength(0)
  })

  it('404 names the repository and the permission', async () => {
    gh.fail(LIST, { status: 404 })
    expect(reason(await run(), 'failed')).toBe(
      'GitHub answered 404 (Not Found) when listing the open issues of acme/models: acme/models is not visible to this token, which needs `issues: write`'
    )
  })

  it('401 says the token was rejected, without retrying', async () => {
    const why = reason(await run({ token: 'ghp_revoked000000000000000000000000000000' }), 'failed')
    expect(why).toMatch(/^GitHub answered 401 \(Bad credentials\) .*: the token was rejected/)
    expect(gh.requests).toHaveLength(1)
  })

  it('a rate limit longer than the client waits fails at once, saying so', async () => {
    gh.fail(LIST, { status: 429, headers: { 'retry-after': '60' }, count: Infinity })
    const why = reason(await run(), 'failed')
    expect(why).toMatch(
      new RegExp(
        `^GitHub answered 429 .* when listing the open issues of acme/models: rate limited; GitHub asked to wait 60 s, longer than the ${MAX_WAIT_SECONDS} s this step waits$`
      )
    )
    expect(calls(LIST)).toHaveLength(1)
  })

  it('a short rate limit is waited for; one that persists fails after the attempts', async () => {
    gh.fail(CREATE, { status: 429, headers: { 'retry-after': '1' } })
    expect(written(await run()).action).toBe('created')
    expect(issues()).toHaveLength(1)

    gh.fail(UPDATE, { status: 429, headers: { 'retry-after': '1' }, count: Infinity })
    const why = reason(await run({ body: 'run 2' }), 'failed')
    expect(why).toMatch(
      new RegExp(
        `^GitHub answered 429 \\(You have exceeded a secondary rate limit.*\\) when updating issue #\\d+: rate limited \\(${ATTEMPTS} attempts\\)$`
      )
    )
    expect(calls(UPDATE)).toHaveLength(ATTEMPTS)
  })

  it('a connection that keeps failing is retried, then named', async () => {
    gh.fail(LIST, { reset: 'before', count: Infinity })
    const why = reason(await run(), 'failed')
    expect(why).toMatch(
      new RegExp(
        `^the connection to GitHub failed when listing the open issues of acme/models \\(.+\\) \\(${ATTEMPTS} attempts\\)$`
      )
    )
    expect(calls(LIST)).toHaveLength(ATTEMPTS)
  })

  it('labels that cannot be added are a warning: the body is still brought up to date', async () => {
    const first = written(await run({ labels: [] }))
    gh.fail(LABEL, { status: 403, body: { message: 'Resource not accessible by integration' } })
    const r = await run({ body: 'run 2' })
    expect(r).toEqual({
      action: 'updated',
      number: first.number,
      url: first.url,
      warning: `the labels model-gate, security were not added: GitHub answered 403 (Resource not accessible by integration) when labelling issue #${first.number}: the workflow token lacks \`issues: write\` (add \`permissions: issues: write\` to the job)`
    })
    expect(issue(first.number).body).toBe(withMarker('run 2', MARKER))
    expect(labelsOf(issue(first.number))).toEqual([])
    // the next run adds them
    expect(written(await run({ body: 'run 2' }))).toEqual({
      action: 'updated',
      number: first.number,
      url: first.url
    })
    expect(labelsOf(issue(first.number))).toEqual(['model-gate', 'security'])
  })

  it('a deleted issue (410) is named as such', async () => {
    written(await run())
    gh.fail(UPDATE, { status: 410, body: { message: 'This issue was deleted' } })
    expect(reason(await run({ body: 'two' }), 'failed')).toMatch(
      /^GitHub answered 410 \(This issue was deleted\) when updating issue #\d+: the issue is gone \(deleted\)$/
    )
  })

  it('GraphQL and GET /user both refused: no issue is touched on a guess', async () => {
    gh.fail('POST /graphql', { status: 502, count: Infinity })
    gh.fail('GET /user', { status: 502, count: Infinity })
    const why = reason(await run({ token: USER_TOKEN }), 'failed')
    expect(why).toMatch(/would not say which account the token acts as .*; not touching any issue$/)
    expect(calls(LIST)).toHaveLength(0)
  })

  it('a title or body over GitHub’s limits is refused before any request; a body at the limit is sent', async () => {
    const budget = ISSUE_LIMIT_CHARS - withMarker('', MARKER).length
    expect(reason(await run({ body: 'x'.repeat(budget + 1) }), 'failed')).toMatch(
      /^the issue body is 65537 characters with its marker, over GitHub's limit of 65536; not sent$/
    )
    expect(reason(await run({ title: 't'.repeat(257) }), 'failed')).toMatch(/over GitHub's limit of 256/)
    expect(reason(await run({ title: '  ' }), 'failed')).toMatch(/title is empty/)
    expect(reason(await run({ marker: 'not a comment' }), 'failed')).toMatch(/not an HTML comment/)
    expect(gh.requests).toHaveLength(0)

    const fits = written(await run({ body: 'x'.repeat(budget) }))
    expect(issue(fits.number).body).toHaveLength(ISSUE_LIMIT_CHARS)
  })
})

describe('the token never shows', () => {
  const SECRET = 'ghp_SuperSecretToken1234567890abcdefABCDEF'

  it('in any reason or debug line, even when GitHub echoes it', async () => {
    gh.tokens.set(SECRET, { ...ACTIONS_BOT, write: false })
    const results: IssueResult[] = []
    results.push(await run({ token: SECRET })) // 403 on create
    gh.fail(LIST, { status: 500, body: { message: `token ${SECRET} is broken` }, count: Infinity })
    results.push(await run({ token: SECRET }))
    gh.clearFaults()
    gh.fail('POST /graphql', { status: 401, body: { message: `Bad credentials: token ${SECRET}` } })
    results.push(await run({ token: SECRET }))
    gh.fail(LIST, { status: 410, body: { message: `Issues are disabled for ${SECRET}` } })
    results.push(await run({ token: SECRET }))
    gh.fail(LIST, { status: 429, body: { message: SECRET }, headers: { 'retry-after': '600' } })
    results.push(await run({ token: SECRET }))
    gh.fail(LIST, { reset: 'before', count: Infinity })
    results.push(await run({ token: SECRET }))
    gh.clearFaults()
    gh.fail(LIST, { headers: { link: `<http://elsewhere.invalid/${SECRET}?page=2>; rel="next"` } })
    results.push(await run({ token: SECRET }))

    expect(results.map((r) => r.action)).toEqual(Array(7).fill('failed'))
    expect(gh.requests.every((r) => r.authorization === `token ${SECRET}`)).toBe(true)
    expect(gh.requests.some((r) => r.path.includes(SECRET))).toBe(false)
    // GitHub's echo did reach the client, and was redacted
    expect(results.filter((r) => 'reason' in r && r.reason.includes('***')).length).toBeGreaterThanOrEqual(3)
    for (const text of [...results.map((r) => JSON.stringify(r)), ...debug])
      expect(text).not.toContain(SECRET)
  })
})

describe('issueMarker', () => {
  it('has a stable format, apart from the sticky comment’s', () => {
    expect(issueMarker({ workflow: 'Nightly audit', tag: 'py3.11' })).toBe(
      '<!-- airs-model-gate:issue workflow="Nightly audit" tag="py3.11" -->'
    )
  })

  it('is one well-formed HTML comment for any values, and different values give different markers', () => {
    const problems = (m: string) =>
      [
        !m.startsWith('<!-- airs-model-gate:issue ') && 'start',
        !m.endsWith(' -->') && 'end',
        m.slice(4, -3).includes('--') && '`--` inside',
        m.slice(4, -3).includes('>') && '`>` inside',
        /[\r\n\u2028\u2029]/.test(m) && 'line break',
        m.match(/"/g)?.length !== 4 && 'quotes'
      ].filter(Boolean)
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ maxLength: 300 }), (workflow, tag) => {
        expect(problems(issueMarker({ workflow, tag }))).toEqual([])
      })
    )
    const part = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom('a', '-', '--', '"', '~', '%2D', '-->')
    )
    fc.assert(
      fc.property(part, part, part, part, (w1, t1, w2, t2) => {
        fc.pre(w1 !== w2 || t1 !== t2)
        const a = issueMarker({ workflow: w1, tag: t1 })
        const b = issueMarker({ workflow: w2, tag: t2 })
        expect(a.includes(b) || b.includes(a)).toBe(false)
      })
    )
  })
})

describe('reportIssue, as the action will call it', () => {
  const failingView = runView(fixtureReport('mixed'))
  const passingReport = (): GateReport => {
    const r = fixtureReport('mixed')
    return { ...r, verdict: 'pass', models: r.models.filter((m) => m.verdict === 'pass') }
  }
  const settings = (over: Partial<IssueSettings> = {}): IssueSettings => ({
    issue: 'on-failure',
    issueLabels: ['model-gate'],
    commentTag: '',
    githubToken: ACTIONS_TOKEN,
    ...over
  })
  const runCtx = {
    serverUrl: 'https://github.com',
    repository: 'acme/models',
    workflow: 'Nightly audit',
    runUrl: 'https://github.com/acme/models/actions/runs/42'
  }
  const env = (event = 'schedule'): NodeJS.ProcessEnv => ({
    GITHUB_API_URL: gh.url,
    GITHUB_EVENT_NAME: event
  })
  let built = 0
  const connect = () => {
    built++
    return client()
  }
  beforeEach(() => {
    built = 0
  })

  it('opens the issue on a failing scheduled run, with the default title and the rendered body', async () => {
    const out = await reportIssue(failingView, settings(), runCtx, env(), connect)
    const i = issues()[0]!
    expect(out).toEqual({ written: true, message: `Tracking issue created: ${i.html_url}`, url: i.html_url })
    expect(i.title).toBe('Model gate: audit failures')
    expect(i.body!.split('\n')[0]).toBe('## ❌ 5 of 6 models fail the gate (1 not verified)')
    expect(i.body!.endsWith(issueMarker({ workflow: 'Nightly audit', tag: '' }))).toBe(true)
    expect(i.body).toContain('[workflow run](https://github.com/acme/models/actions/runs/42)')
    expect(labelsOf(i)).toEqual(['model-gate'])

    const passing = runView(passingReport())
    const closed = await reportIssue(
      passing,
      settings(),
      { ...runCtx, runUrl: `${runCtx.runUrl}0` },
      env(),
      connect
    )
    expect(closed).toMatchObject({ written: true, message: `Tracking issue closed: ${i.html_url}` })
    expect(gh.comments('acme', 'models', i.number)[0]!.body).toBe(
      '✅ The model passes again as of this [workflow run](https://github.com/acme/models/actions/runs/420): closing this issue.'
    )
    expect(built).toBe(2)
  })

  it('a label GitHub refuses is a warning beside the written issue', async () => {
    await reportIssue(failingView, settings({ issueLabels: [] }), runCtx, env(), connect)
    gh.fail(LABEL, { status: 422, body: { message: 'Validation Failed' } })
    const out = await reportIssue(
      failingView,
      settings(),
      { ...runCtx, runUrl: `${runCtx.runUrl}1` },
      env(),
      connect
    )
    expect(out).toMatchObject({
      written: true,
      message: expect.stringMatching(
        /^Tracking issue updated: https:\/\/github\.com\/acme\/models\/issues\/1$/
      ),
      warning: expect.stringMatching(
        /^The tracking issue was updated, but the labels model-gate were not added: GitHub answered 422/
      )
    })
  })

  it('the tag names the issue; issue-title replaces the default', async () => {
    await reportIssue(failingView, settings({ commentTag: 'gpu' }), runCtx, env(), connect)
    await reportIssue(
      failingView,
      settings({ commentTag: 'cpu', issueTitle: 'Models: weekly audit' }),
      runCtx,
      env(),
      connect
    )
    expect(issues().map((i) => i.title)).toEqual(['Model gate: audit failures (gpu)', 'Models: weekly audit'])
  })

  it('only the default branch’s audit keeps it: a schedule, or a manual or push run on that branch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'issue-event-'))
    try {
      const eventFile = join(dir, 'event.json')
      writeFileSync(eventFile, JSON.stringify({ repository: { default_branch: 'main' } }))
      const on = (event: string, ref: string) => ({
        ...env(event),
        GITHUB_EVENT_PATH: eventFile,
        GITHUB_REF: ref
      })
      const refused = [
        await reportIssue(failingView, settings(), runCtx, on('workflow_run', 'refs/heads/main'), connect),
        await reportIssue(failingView, settings(), runCtx, on('push', 'refs/heads/feature'), connect),
        await reportIssue(failingView, settings(), runCtx, on('workflow_dispatch', 'refs/heads/x'), connect),
        await reportIssue(failingView, settings(), runCtx, on('issue_comment', 'refs/heads/main'), connect)
      ]
      for (const r of refused) expect(r).toMatchObject({ written: false, level: 'warning' })
      expect(refused[1]).toMatchObject({ message: expect.stringContaining('only on the default branch') })
      expect(built).toBe(0)
      expect(writes()).toHaveLength(0)
      const ok = await reportIssue(
        failingView,
        settings(),
        runCtx,
        on('workflow_dispatch', 'refs/heads/main'),
        connect
      )
      expect(ok).toMatchObject({ written: true })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('stays quiet where nothing was asked for, and warns where something was', async () => {
    const quiet = [
      await reportIssue(failingView, settings({ issue: 'never' }), runCtx, env(), connect),
      await reportIssue(failingView, settings(), runCtx, env('pull_request'), connect),
      await reportIssue(failingView, settings(), runCtx, env('pull_request_target'), connect),
      await reportIssue(runView(passingReport()), settings(), runCtx, env(), connect)
    ]
    for (const q of quiet) expect(q).toMatchObject({ written: false, level: 'debug' })
    expect(built).toBe(1) // only the passing run looked for an issue to close
    expect(writes()).toHaveLength(0)

    expect(await reportIssue(failingView, settings({ githubToken: '' }), runCtx, env(), connect)).toEqual({
      written: false,
      level: 'warning',
      message: 'The tracking issue was not written: no github-token'
    })
    const { repository: _, ...noRepo } = runCtx
    expect(await reportIssue(failingView, settings(), noRepo, env(), connect)).toMatchObject({
      level: 'warning',
      message: expect.stringMatching(/no repository to open it in/)
    })
    const broken = () => Promise.reject(new Error(`proxy rejected for ${ACTIONS_TOKEN}`))
    expect(await reportIssue(failingView, settings(), runCtx, env(), broken)).toEqual({
      written: false,
      level: 'warning',
      message:
        'The tracking issue was not written: the GitHub client could not be set up: proxy rejected for ***'
    })
    expect(built).toBe(1)
  })
})

describe('the fake GitHub’s issues behave like GitHub’s', () => {
  const get = (path: string, token = USER_TOKEN) =>
    fetch(`${gh.url}${path}`, { headers: { authorization: `token ${token}` } })

  it('lists open issues and pull requests, newest first by default, 30 a page, with Link pages', async () => {
    for (let i = 0; i < 40; i++)
      gh.seedIssue('o', 'r', {
        body: `b${i}`,
        author: ALICE,
        pullRequest: i % 4 === 0,
        state: i === 1 ? 'closed' : 'open'
      })
    const res = await get('/repos/o/r/issues')
    expect(res.status).toBe(200)
    const items = (await res.json()) as FakeIssue[]
    expect(items).toHaveLength(30)
    expect(items[0]!.number).toBe(40)
    expect(items.some((i) => i.pull_request)).toBe(true)
    expect(items.every((i) => i.state === 'open')).toBe(true)
    expect(res.headers.get('link')).toMatch(
      /^<http:\/\/127\.0\.0\.1:\d+\/repositories\/\d+\/issues\?page=2>; rel="next"/
    )
    const closed = (await (await get('/repos/o/r/issues?state=closed')).json()) as FakeIssue[]
    expect(closed.map((i) => [i.number, i.state_reason])).toEqual([[2, 'completed']])
    expect((await get('/repos/o/r/issues?state=bogus')).status).toBe(422)
  })

  it('numbers issues after the pull requests commented on, and refuses writes without `issues: write`', async () => {
    gh.seed('o', 'r', 7, 'a comment on pull request 7', ALICE)
    expect(gh.seedIssue('o', 'r', { body: 'x', author: ALICE }).number).toBe(8)
    gh.tokens.set('ghs_noissues', { ...ACTIONS_BOT, issues: false })
    const res = await fetch(`${gh.url}/repos/o/r/issues`, {
      method: 'POST',
      headers: { authorization: 'token ghs_noissues', 'content-type': 'application/json' },
      body: JSON.stringify({ title: 't', body: 'b' })
    })
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ message: 'Resource not accessible by integration' })
    // a comment on the pull request still works with `pull-requests: write`
    const pr = await fetch(`${gh.url}/repos/o/r/issues/7/comments`, {
      method: 'POST',
      headers: { authorization: 'token ghs_noissues', 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'ok' })
    })
    expect(pr.status).toBe(201)
  })
})
