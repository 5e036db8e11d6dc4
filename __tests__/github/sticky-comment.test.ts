import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Reporting } from '../../src/inputs.js'
import {
  COMMENT_LIMIT,
  FORK_REASON,
  commentMarker,
  upsertComment,
  withMarker,
  type CommentResult,
  type UpsertOptions
} from '../../src/github/sticky-comment.js'
import {
  GITHUB_RETRIES,
  MAX_WAIT_SECONDS,
  githubClient,
  type GitHubClient,
  type GitHubClientOptions
} from '../../src/github/octokit.js'
import { reportComment } from '../../src/github/publish-comment.js'
import { pullRequestOf, readEvent, type PullRequestTarget } from '../../src/github/pull-request.js'
import { runView } from '../../src/report/view.js'
import {
  ACTIONS_BOT,
  ACTIONS_TOKEN,
  CI_USER,
  USER_TOKEN,
  startFakeGitHub,
  type FakeGitHub,
  type Identity,
  type Route
} from '../helpers/fake-github.js'
import { fixtureReport } from '../helpers/reports.js'

const PR: PullRequestTarget = { owner: 'acme', repo: 'models', number: 7, fork: false }
const MARKER = commentMarker({ workflow: 'CI', job: 'gate', tag: '' })
const ALICE: Identity = { login: 'alice', id: 9001, type: 'User', user: true, write: true }
const OTHER_BOT: Identity = { login: 'dependabot[bot]', id: 49699333, type: 'Bot', user: false, write: true }
const WELCOME_BOT: Identity = { login: 'welcome[bot]', id: 38481, type: 'Bot', user: false, write: true }

const LIST: Route = 'GET /repos/:owner/:repo/issues/:number/comments'
const CREATE: Route = 'POST /repos/:owner/:repo/issues/:number/comments'
const UPDATE: Route = 'PATCH /repos/:owner/:repo/issues/comments/:id'

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
function client(
  token = ACTIONS_TOKEN,
  over: GitHubClientOptions = {},
  apiUrl = gh.url
): Promise<GitHubClient> {
  return githubClient(
    token,
    { GITHUB_API_URL: apiUrl },
    { log: { debug: (m) => debug.push(m) }, retryAfterBaseValue: 0, ...over }
  )
}

type RunOptions = Partial<UpsertOptions> & { token?: string; apiUrl?: string; client?: GitHubClientOptions }

async function run(over: RunOptions = {}): Promise<CommentResult> {
  const { token, apiUrl, client: clientOptions, ...rest } = over
  return upsertComment(await client(token, clientOptions, apiUrl), {
    target: PR,
    marker: MARKER,
    body: '## Model gate: pass',
    create: true,
    logger: { debug: (m) => debug.push(m) },
    ...rest
  })
}

/** The waits the client agreed to for rate limits, in seconds, from its log. */
const waits = () => debug.flatMap((l) => /waiting (\d+) s$/.exec(l)?.[1] ?? []).map(Number)

/** The comment a result names; fails the test when there is none. */
function posted(r: CommentResult): { action: string; id: number; url: string } {
  if ('reason' in r) throw new Error(`expected a comment, got ${r.action}: ${r.reason}`)
  return r
}

function reason(r: CommentResult, action: 'skipped' | 'failed'): string {
  expect(r.action).toBe(action)
  return 'reason' in r ? r.reason : ''
}

const prComments = () => gh.comments(PR.owner, PR.repo, PR.number)
const calls = (route: Route) => gh.requests.filter((r) => r.route === route)

describe('sticky comment lifecycle', () => {
  it('creates once, then updates the same comment in place on later runs', async () => {
    const first = posted(await run({ body: 'run 1: fail' }))
    expect(first.action).toBe('created')
    const second = posted(await run({ body: 'run 2: fail' }))
    const third = posted(await run({ body: 'run 3: pass' }))

    expect([second.action, third.action]).toEqual(['updated', 'updated'])
    expect(second.id).toBe(first.id)
    expect(third.id).toBe(first.id)
    expect(prComments()).toHaveLength(1)
    expect(prComments()[0]!.body).toBe(withMarker('run 3: pass', MARKER))
    expect(calls(CREATE)).toHaveLength(1)
    expect(calls(UPDATE)).toHaveLength(2)
    expect(third.url).toBe(`https://github.com/acme/models/pull/7#issuecomment-${first.id}`)
  })

  it('a later passing run with comment: on-failure (create: false) updates the existing comment', async () => {
    const failing = posted(await run({ body: 'gate failed', create: true }))
    const passing = posted(await run({ body: 'gate passed now', create: false }))
    expect(passing).toMatchObject({ action: 'updated', id: failing.id })
    expect(prComments().map((c) => c.body)).toEqual([withMarker('gate passed now', MARKER)])
  })

  it('on-failure with no earlier comment creates nothing', async () => {
    const r = await run({ create: false })
    expect(reason(r, 'skipped')).toMatch(/no earlier comment/)
    expect(prComments()).toHaveLength(0)
    expect(calls(CREATE)).toHaveLength(0)
  })

  it('an unchanged body sends no PATCH', async () => {
    const first = posted(await run({ body: 'same' }))
    const again = await run({ body: 'same' })
    expect(again).toEqual({ action: 'unchanged', id: first.id, url: first.url })
    expect(calls(UPDATE)).toHaveLength(0)
  })

  it('finds the marker on page 3 of more than 200 comments, following the Link header', async () => {
    // page 1: a welcome bot echoed the pull request's text, which ended with our (public) marker
    const echoed = gh.seed(PR.owner, PR.repo, PR.number, withMarker('echo', MARKER), WELCOME_BOT)
    for (let i = 0; i < 229; i++) {
      gh.seed(PR.owner, PR.repo, PR.number, `review note ${i}`, i % 3 === 0 ? OTHER_BOT : ALICE)
    }
    const ours = gh.seed(PR.owner, PR.repo, PR.number, withMarker('older report', MARKER), ACTIONS_BOT)
    for (let i = 0; i < 20; i++) gh.seed(PR.owner, PR.repo, PR.number, `later note ${i}`, ALICE)
    expect(prComments().indexOf(ours)).toBeGreaterThanOrEqual(200)

    const r = posted(await run({ body: 'latest report' }))
    expect(r).toMatchObject({ action: 'updated', id: ours.id })
    expect(ours.body).toBe(withMarker('latest report', MARKER))
    expect(echoed.body).toBe(withMarker('echo', MARKER))
    const lists = calls(LIST)
    expect(lists.map((q) => q.path)).toEqual([
      '/repos/acme/models/issues/7/comments?per_page=100',
      expect.stringMatching(/^\/repositories\/\d+\/issues\/7\/comments\?per_page=100&page=2$/),
      expect.stringMatching(/^\/repositories\/\d+\/issues\/7\/comments\?per_page=100&page=3$/)
    ])
    expect(calls(CREATE)).toHaveLength(0)
  })

  it('with two comments of ours, keeps updating the first: a later one cannot take over', async () => {
    const first = gh.seed(PR.owner, PR.repo, PR.number, withMarker('first report', MARKER), ACTIONS_BOT)
    const later = gh.seed(PR.owner, PR.repo, PR.number, withMarker('later copy', MARKER), ACTIONS_BOT)
    expect(posted(await run({ body: 'one' }))).toMatchObject({ action: 'updated', id: first.id })
    expect(posted(await run({ body: 'two' }))).toMatchObject({ action: 'updated', id: first.id })
    expect(later.body).toBe(withMarker('later copy', MARKER))
  })

  it('two matrix jobs (different tags) keep two comments, each updated by its own job', async () => {
    const a = commentMarker({ workflow: 'CI', job: 'gate', tag: 'py3.1' })
    const b = commentMarker({ workflow: 'CI', job: 'gate', tag: 'py3.11' })
    const ra = posted(await run({ marker: a, body: 'A1' }))
    const rb = posted(await run({ marker: b, body: 'B1' }))
    expect(rb.id).not.toBe(ra.id)
    expect(posted(await run({ marker: a, body: 'A2' }))).toMatchObject({ action: 'updated', id: ra.id })
    expect(posted(await run({ marker: b, body: 'B2' }))).toMatchObject({ action: 'updated', id: rb.id })
    expect(prComments().map((c) => c.body)).toEqual([withMarker('A2', a), withMarker('B2', b)])
  })

  it('works under a GitHub Enterprise Server base URL (/api/v3), pagination included', async () => {
    await gh.close()
    gh = await startFakeGitHub({ prefix: '/api/v3' })
    expect(gh.url).toMatch(/\/api\/v3$/)
    for (let i = 0; i < 150; i++) gh.seed(PR.owner, PR.repo, PR.number, `note ${i}`, ALICE)
    const first = posted(await run({ apiUrl: `${gh.url}/`, body: 'one' }))
    const second = posted(await run({ body: 'two' }))
    expect(first.action).toBe('created')
    expect(second).toMatchObject({ action: 'updated', id: first.id })
    expect(gh.requests.length).toBeGreaterThan(4)
    for (const r of gh.requests) expect(r.path).toMatch(/^\/api\/(?:v3\/|graphql$)/)
    expect(calls('POST /graphql').map((r) => r.path)).toEqual(['/api/graphql', '/api/graphql'])
    expect(gh.requests.some((r) => r.path.includes('page=2'))).toBe(true)
  })
})

describe('whose comment is ours', () => {
  it('never edits a human comment that contains the marker; the bot creates its own', async () => {
    const pasted = withMarker('I copied the bot comment', MARKER)
    const human = gh.seed(PR.owner, PR.repo, PR.number, pasted, ALICE)

    const first = posted(await run({ body: 'bot report' }))
    expect(first.action).toBe('created')
    expect(first.id).not.toBe(human.id)
    const second = posted(await run({ body: 'bot report 2' }))
    expect(second).toMatchObject({ action: 'updated', id: first.id })

    expect(human.body).toBe(pasted)
    expect(calls(UPDATE).map((r) => r.path)).toEqual([`/repos/acme/models/issues/comments/${first.id}`])
    // GraphQL names the token's account (github-actions[bot] for GITHUB_TOKEN), once per run
    expect(calls('POST /graphql')).toHaveLength(2)
    expect(calls('GET /user')).toHaveLength(0)
  })

  it('never edits another bot’s comment that quotes ours', async () => {
    const quoted = `> ${withMarker('the gate said', MARKER)}\n\nA reviewer bot’s reply`
    const other = gh.seed(PR.owner, PR.repo, PR.number, quoted, {
      ...ACTIONS_BOT,
      login: 'reviewer[bot]',
      id: 99
    })
    const first = posted(await run({ body: 'bot report' }))
    expect(first.action).toBe('created')
    expect(first.id).not.toBe(other.id)
    expect(other.body).toBe(quoted)
  })

  it('with a user token, matches that user only: neither a bot nor another human with the marker', async () => {
    const bot = gh.seed(PR.owner, PR.repo, PR.number, withMarker('bot', MARKER), ACTIONS_BOT)
    const human = gh.seed(PR.owner, PR.repo, PR.number, withMarker('alice', MARKER), ALICE)

    const first = posted(await run({ token: USER_TOKEN, body: 'mine' }))
    expect(first.action).toBe('created')
    expect(prComments().find((c) => c.id === first.id)?.user?.login).toBe(CI_USER.login)
    const second = posted(await run({ token: USER_TOKEN, body: 'mine 2' }))
    expect(second).toMatchObject({ action: 'updated', id: first.id })
    expect(bot.body).toBe(withMarker('bot', MARKER))
    expect(human.body).toBe(withMarker('alice', MARKER))
  })
})

describe('skips', () => {
  it('skips fork pull requests without a single request, pointing at workflow_run', async () => {
    const r = await run({ target: { ...PR, fork: true } })
    expect(reason(r, 'skipped')).toBe(FORK_REASON)
    expect(FORK_REASON).toMatch(/read-only/)
    expect(FORK_REASON).toMatch(/workflow_run/)
    expect(gh.requests).toHaveLength(0)
  })

  it('builds no client without a token, or with a GITHUB_API_URL that is not an http(s) URL', async () => {
    await expect(client('')).rejects.toThrow('no github-token')
    for (const url of ['ftp://ghes.example.com', 'not a url', 'https://api.github.com/?x=1']) {
      await expect(client(ACTIONS_TOKEN, {}, url)).rejects.toThrow('GITHUB_API_URL is not an http(s) URL')
    }
    expect(gh.requests).toHaveLength(0)
  })
})

describe('reportComment, as the action calls it', () => {
  const view = runView(fixtureReport('dialogpt-blocked'))
  const reporting = (over: Partial<Reporting> = {}): Reporting => ({
    jobSummary: true,
    annotations: true,
    comment: 'always',
    commentTag: '',
    githubToken: ACTIONS_TOKEN,
    uploadArtifact: false,
    issue: 'never',
    issueLabels: [],
    ...over
  })
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'comment-event-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  function env(fork = false, apiUrl = gh.url): NodeJS.ProcessEnv {
    const path = join(dir, 'event.json')
    const base = { full_name: `${PR.owner}/${PR.repo}` }
    writeFileSync(
      path,
      JSON.stringify({
        repository: base,
        pull_request: { number: PR.number, head: { repo: fork ? { full_name: 'mallory/models' } : base } }
      })
    )
    return { GITHUB_API_URL: apiUrl, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: path }
  }
  const runCtx = { serverUrl: 'https://github.com', workflow: 'CI', job: 'gate' }

  it('builds the client only when a comment is to be written, then writes it', async () => {
    let built = 0
    const connect = (e: NodeJS.ProcessEnv) => () => {
      built++
      return client(ACTIONS_TOKEN, {}, e.GITHUB_API_URL)
    }
    const quiet = [
      [reporting({ comment: 'never' }), env()],
      [reporting(), { ...env(), GITHUB_EVENT_NAME: 'push' }]
    ] as const
    for (const [r, e] of quiet) {
      expect(await reportComment(view, r, runCtx, e, connect(e))).toMatchObject({
        written: false,
        level: 'debug'
      })
    }
    const noToken = await reportComment(view, reporting({ githubToken: '' }), runCtx, env(), connect(env()))
    expect(noToken).toEqual({
      written: false,
      level: 'warning',
      message: 'The pull-request comment was not written: no github-token'
    })
    const fork = await reportComment(view, reporting(), runCtx, env(true), connect(env(true)))
    expect(fork).toEqual({
      written: false,
      level: 'warning',
      message: `The pull-request comment was not written: ${FORK_REASON}`
    })
    expect(built).toBe(0)
    expect(gh.requests).toHaveLength(0)

    const written = await reportComment(view, reporting(), runCtx, env(), connect(env()))
    expect(built).toBe(1)
    expect(written).toEqual({
      written: true,
      message: `Pull-request comment created: ${prComments()[0]!.html_url}`,
      url: prComments()[0]!.html_url
    })
    expect(prComments()[0]!.body.endsWith(MARKER)).toBe(true)
  })

  it('a client that cannot be built is a warning without the token, never a throw', async () => {
    const broken = () => Promise.reject(new Error(`proxy rejected for ${ACTIONS_TOKEN}`))
    const outcome = await reportComment(view, reporting(), runCtx, env(), broken)
    expect(outcome).toEqual({
      written: false,
      level: 'warning',
      message:
        'The pull-request comment was not written: the GitHub client could not be set up: proxy rejected for ***'
    })
    const e = env(false, 'ftp://ghes.example.com')
    const badUrl = await reportComment(view, reporting(), runCtx, e, () =>
      githubClient(ACTIONS_TOKEN, e, { retryAfterBaseValue: 0 })
    )
    expect(badUrl).toMatchObject({
      level: 'warning',
      message: expect.stringMatching(/GITHUB_API_URL is not an http\(s\) URL$/)
    })
    expect(gh.requests).toHaveLength(0)
  })
})

describe('failures are results with a reason', () => {
  it('403 Resource not accessible by integration names `pull-requests: write`', async () => {
    gh.tokens.set('ghs_readonly0000000000000000000000000000', { ...ACTIONS_BOT, write: false })
    const r = await run({ token: 'ghs_readonly0000000000000000000000000000' })
    const why = reason(r, 'failed')
    expect(why).toContain('pull-requests: write')
    expect(why).toContain('Resource not accessible by integration')
    expect(why).toMatch(/^GitHub answered 403 .* when creating a comment on acme\/models#7/)
    expect(prComments()).toHaveLength(0)
    expect(calls(CREATE)).toHaveLength(1)
  })

  it('404 names the repository and the permission', async () => {
    gh.fail(LIST, { status: 404 })
    const why = reason(await run(), 'failed')
    expect(why).toContain('404')
    expect(why).toContain('acme/models#7')
    expect(why).toContain('pull-requests: write')
    expect(calls(LIST)).toHaveLength(1)
  })

  it('401 says the token was rejected, without retrying', async () => {
    const why = reason(await run({ token: 'ghp_revoked000000000000000000000000000000' }), 'failed')
    expect(why).toMatch(/401 \(Bad credentials\).*token was rejected/)
    expect(gh.requests).toHaveLength(1)
    expect(debug.filter((l) => /attempt \d/.test(l))).toEqual([])
  })

  it("GitHub's 422 body-too-long answer becomes the reason", async () => {
    gh.fail(CREATE, {
      status: 422,
      body: {
        message: 'Validation Failed',
        errors: [
          {
            resource: 'IssueComment',
            code: 'unprocessable',
            field: 'data',
            message: 'Body is too long (maximum is 65536 characters)'
          }
        ],
        documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
        status: '422'
      }
    })
    const why = reason(await run(), 'failed')
    expect(why).toContain('Body is too long (maximum is 65536 characters)')
    expect(why).toContain('422')
    expect(calls(CREATE)).toHaveLength(1)
  })

  it('a body over the limit with its marker is not sent; one exactly at the limit is accepted', async () => {
    const budget = COMMENT_LIMIT - withMarker('', MARKER).length
    const over = await run({ body: 'x'.repeat(budget + 1) })
    expect(reason(over, 'failed')).toMatch(/over GitHub's limit of 65536; not sent/)
    expect(gh.requests).toHaveLength(0)

    const fits = posted(await run({ body: 'x'.repeat(budget) }))
    expect(fits.action).toBe('created')
    expect(prComments()[0]!.body).toHaveLength(COMMENT_LIMIT)
  })

  it('a next-page link to another host is not followed (the token stays with the API)', async () => {
    gh.fail(LIST, { headers: { link: '<http://elsewhere.invalid/steal?page=2>; rel="next"' } })
    const why = reason(await run(), 'failed')
    expect(why).toMatch(/^listing the comments of acme\/models#7: GitHub pointed to another host/)
    expect(debug).toContain('github: GET /steal?page=2: not sent, another host than GITHUB_API_URL')
    expect(calls(CREATE)).toHaveLength(0)
  })

  it('a cancelled signal ends the run as failed, also while waiting to retry', async () => {
    const before = new AbortController()
    before.abort()
    expect(reason(await run({ client: { signal: before.signal } }), 'failed')).toMatch(/cancelled/)
    expect(gh.requests).toHaveLength(0)

    // cancelled as the first 503 comes back, before the retry is sent
    const during = new AbortController()
    gh.fail(LIST, { status: 503, count: Infinity })
    const log = {
      debug: (m: string) => {
        if (/comments\?per_page=100 → 503$/.test(m)) during.abort()
      }
    }
    expect(reason(await run({ client: { signal: during.signal, log } }), 'failed')).toMatch(/cancelled/)
    expect(calls(LIST)).toHaveLength(1)
    expect(calls(CREATE)).toHaveLength(0)
  })
})

describe('transient failures are retried by the client', () => {
  it('5xx on the create: looks again before sending it again, creates exactly one comment', async () => {
    gh.fail(CREATE, { status: 503 })
    const r = posted(await run())
    expect(r.action).toBe('created')
    expect(gh.requests.map((q) => q.route)).toEqual(['POST /graphql', LIST, CREATE, LIST, CREATE])
    expect(prComments()).toHaveLength(1)
  })

  it('429 with Retry-After on the listing waits as asked and is retried', async () => {
    gh.fail(LIST, { status: 429, headers: { 'retry-after': '1' } })
    expect(posted(await run()).action).toBe('created')
    expect(waits()).toEqual([1])
    expect(calls(LIST)).toHaveLength(2)
  })

  it('a 5xx retries the PATCH', async () => {
    posted(await run({ body: 'one' }))
    gh.fail(UPDATE, { status: 502 })
    expect(posted(await run({ body: 'two' })).action).toBe('updated')
    expect(calls(UPDATE)).toHaveLength(2)
    expect(debug.filter((l) => /attempt \d/.test(l))).toEqual([
      expect.stringMatching(
        /^github: PATCH \/repos\/\{owner\}\/\{repo\}\/issues\/comments\/\{comment_id\}: attempt 2$/
      )
    ])
    expect(prComments()[0]!.body).toBe(withMarker('two', MARKER))
  })

  it('a 403 primary rate limit waits for x-ratelimit-reset', async () => {
    const reset = Math.floor(Date.now() / 1000) + 8
    gh.fail(LIST, {
      status: 403,
      body: { message: 'API rate limit exceeded for installation ID 1.', documentation_url: 'x' },
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }
    })
    expect(posted(await run()).action).toBe('created')
    expect(waits()).toHaveLength(1)
    // until the reset (whole seconds, and one more), not a backoff
    expect(waits()[0]).toBeGreaterThan(6)
    expect(waits()[0]).toBeLessThanOrEqual(9)
    expect(calls(LIST)).toHaveLength(2)
  })

  it('a wait longer than the cap is not taken: failed at once, saying why', async () => {
    gh.fail(LIST, { status: 429, headers: { 'retry-after': '60' }, count: Infinity })
    const why = reason(await run(), 'failed')
    expect(why).toMatch(
      new RegExp(
        `rate limited; GitHub asked to wait 60 s, longer than the ${MAX_WAIT_SECONDS} s this step waits$`
      )
    )
    expect(waits()).toEqual([])
    expect(calls(LIST)).toHaveLength(1)
  })

  it('rate limits are waited for as often as failures are retried, then fail saying so', async () => {
    gh.fail(LIST, { status: 429, headers: { 'retry-after': '2' }, count: Infinity })
    const why = reason(await run(), 'failed')
    expect(why).toMatch(new RegExp(`^GitHub answered 429 .*: rate limited \\(${ATTEMPTS} attempts\\)$`))
    expect(waits()).toEqual(Array(GITHUB_RETRIES).fill(2))
    expect(calls(LIST)).toHaveLength(ATTEMPTS)
  })

  it('a 5xx that persists fails after the attempts', async () => {
    gh.fail(LIST, { status: 500, count: Infinity })
    const why = reason(await run(), 'failed')
    expect(why).toMatch(new RegExp(`^GitHub answered 500 .* \\(${ATTEMPTS} attempts\\)$`))
    expect(calls(LIST)).toHaveLength(ATTEMPTS)
  })

  it('fewer retries when the client is built with fewer', async () => {
    gh.fail(LIST, { status: 500, count: Infinity })
    expect(reason(await run({ client: { retries: 1 } }), 'failed')).toMatch(/\(2 attempts\)$/)
    expect(calls(LIST)).toHaveLength(2)
  })

  it('GraphQL and GET /user that keep failing fail the run rather than guessing who we are', async () => {
    const mine = gh.seed(PR.owner, PR.repo, PR.number, withMarker('mine', MARKER), CI_USER)
    gh.fail('POST /graphql', { status: 502, count: Infinity })
    gh.fail('GET /user', { status: 502, count: Infinity })
    const why = reason(await run({ token: USER_TOKEN, body: 'new' }), 'failed')
    expect(why).toMatch(/would not say which account the token acts as .*502.*not touching any comment/)
    expect(calls('POST /graphql')).toHaveLength(ATTEMPTS)
    expect(calls('GET /user')).toHaveLength(ATTEMPTS)
    expect(calls(CREATE)).toHaveLength(0)
    expect(mine.body).toBe(withMarker('mine', MARKER))
  })

  it('without GraphQL, GET /user names a user token’s account', async () => {
    gh.fail('POST /graphql', { status: 404, count: Infinity })
    const first = posted(await run({ token: USER_TOKEN, body: 'one' }))
    expect(posted(await run({ token: USER_TOKEN, body: 'two' }))).toMatchObject({
      action: 'updated',
      id: first.id
    })
    expect(calls('GET /user')).toHaveLength(2)
  })

  it('a connection reset is retried', async () => {
    gh.fail(LIST, { reset: 'before' })
    expect(posted(await run()).action).toBe('created')
    expect(calls(LIST)).toHaveLength(2)
    expect(debug.filter((l) => /attempt \d/.test(l))).toHaveLength(1)
  })

  it('no answer in time is a connection failure, retried like one', async () => {
    gh.fail(LIST, { hang: true, count: Infinity })
    const why = reason(await run({ client: { timeoutMs: 50 } }), 'failed')
    expect(why).toMatch(
      new RegExp(
        `^the connection to GitHub failed when listing the comments of acme/models#7 \\(no response within 0\\.05 s\\) \\(${ATTEMPTS} attempts\\)$`
      )
    )
    expect(calls(LIST)).toHaveLength(ATTEMPTS)
  })

  it('a create whose answer is lost is not repeated: the comment is found on the next look', async () => {
    gh.fail(CREATE, { reset: 'after' })
    const r = posted(await run({ body: 'once' }))
    expect(r.action).toBe('created')
    expect(calls(CREATE)).toHaveLength(1)
    expect(prComments()).toHaveLength(1)
    expect(r.id).toBe(prComments()[0]!.id)
    expect(debug).toContain(
      'github: POST /repos/{owner}/{repo}/issues/{issue_number}/comments: an earlier attempt took effect; not sent again'
    )
  })

  it('a comment another run created meanwhile is found on the next look, and updated', async () => {
    // the first create fails; before the retry, another run of this job has created the comment
    gh.fail(CREATE, { status: 502 })
    const log = {
      debug: (m: string) => {
        if (/comments → 502$/.test(m))
          gh.seed(PR.owner, PR.repo, PR.number, withMarker('other run', MARKER), ACTIONS_BOT)
      }
    }
    const r = posted(await run({ body: 'this run', client: { log } }))
    expect(r.action).toBe('updated')
    expect(prComments().map((c) => c.body)).toEqual([withMarker('this run', MARKER)])
    expect(calls(CREATE)).toHaveLength(1)
  })

  it('a create that keeps failing gives up after the attempts, looking before each retry', async () => {
    gh.fail(CREATE, { reset: 'before', count: Infinity })
    const why = reason(await run(), 'failed')
    expect(why).toMatch(
      new RegExp(`connection to GitHub failed when creating a comment.*\\(${ATTEMPTS} attempts\\)$`)
    )
    expect(calls(CREATE)).toHaveLength(ATTEMPTS)
    expect(calls(LIST)).toHaveLength(ATTEMPTS)
    expect(prComments()).toHaveLength(0)
  })
})

describe('the token never shows', () => {
  const SECRET = 'ghp_SuperSecretToken1234567890abcdefABCDEF'

  it('in any reason or debug line, even when GitHub echoes it', async () => {
    gh.tokens.set(SECRET, { ...ACTIONS_BOT, write: false })
    const results: CommentResult[] = []
    results.push(await run({ token: SECRET })) // 403 on create
    gh.fail(LIST, { status: 500, body: { message: `token ${SECRET} is broken` }, count: Infinity })
    results.push(await run({ token: SECRET }))
    gh.clearFaults()
    gh.fail('POST /graphql', { status: 401, body: { message: `Bad credentials: token ${SECRET}` } })
    results.push(await run({ token: SECRET }))
    gh.fail(LIST, { status: 422, body: { message: 'Validation Failed', errors: [SECRET] } })
    results.push(await run({ token: SECRET }))
    gh.fail(LIST, { reset: 'before', count: Infinity })
    results.push(await run({ token: SECRET }))
    gh.clearFaults()
    gh.fail(LIST, { headers: { link: `<http://elsewhere.invalid/${SECRET}?page=2>; rel="next"` } })
    results.push(await run({ token: SECRET }))

    expect(results.map((r) => r.action)).toEqual(['failed', 'failed', 'failed', 'failed', 'failed', 'failed'])
    // the token did go to GitHub, in the Authorization header
    expect(gh.requests.every((r) => r.authorization === `token ${SECRET}`)).toBe(true)
    expect(gh.requests.some((r) => r.path.includes(SECRET))).toBe(false)
    // and GitHub's echo did reach the client
    expect(results.some((r) => 'reason' in r && r.reason.includes('***'))).toBe(true)
    expect(debug.some((l) => l.includes('***'))).toBe(true)
    for (const text of [...results.map((r) => JSON.stringify(r)), ...debug])
      expect(text).not.toContain(SECRET)
  })
})

describe('commentMarker', () => {
  it('has a stable format', () => {
    expect(commentMarker({ workflow: 'CI', job: 'gate', tag: 'py3.11' })).toBe(
      '<!-- airs-model-gate:sticky workflow="CI" job="gate" tag="py3.11" -->'
    )
  })

  /** What keeps a marker from being one HTML comment that ends only at its end, on one line, bounded. */
  const problems = (m: string): string[] =>
    [
      !m.startsWith('<!-- airs-model-gate:sticky ') && 'start',
      !m.endsWith(' -->') && 'end',
      m.slice(4, -3).includes('--') && '`--` inside',
      m.slice(4, -3).includes('>') && '`>` inside',
      /[\r\n\u2028\u2029]/.test(m) && 'line break',
      m.match(/"/g)?.length !== 6 && 'quotes',
      m.length > 400 && 'length'
    ].filter((p): p is string => typeof p === 'string')

  it.each([
    ['comment ends', '-->', '--!>', '"><script>alert(1)</script>'],
    ['line breaks and dashes', 'a\n-->\n<h1>x</h1>', '---', '- - -->'],
    ['quotes and control characters', 'x" job="y', 'tag="z', '\u202e\u0000\u001b[31m'],
    ['a lone surrogate and long values', '\ud800 lone surrogate', '😀'.repeat(80), 'x'.repeat(10_000)]
  ])('keeps %s inside one well-formed comment', (_, workflow, job, tag) => {
    expect(problems(commentMarker({ workflow, job, tag }))).toEqual([])
  })

  it('is well-formed for any values (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string(),
        fc.string({ maxLength: 300 }),
        (workflow, job, tag) => {
          expect(problems(commentMarker({ workflow, job, tag }))).toEqual([])
        }
      )
    )
  })

  it('gives different values different markers, none inside another (property)', () => {
    const part = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('a', 'a-', '-', '--', '"', '~', '%2D'))
    const triple = fc.record({ workflow: part, job: part, tag: part })
    fc.assert(
      fc.property(triple, triple, (x, y) => {
        fc.pre(x.workflow !== y.workflow || x.job !== y.job || x.tag !== y.tag)
        const a = commentMarker(x)
        const b = commentMarker(y)
        expect(a.includes(b) || b.includes(a)).toBe(false)
      })
    )
  })

  it('keeps long values apart that differ only past the cut', () => {
    const long = 'w'.repeat(500)
    const a = commentMarker({ workflow: `${long}A`, job: 'j', tag: '' })
    const b = commentMarker({ workflow: `${long}B`, job: 'j', tag: '' })
    expect(a).not.toBe(b)
    expect([...problems(a), ...problems(b)]).toEqual([])
  })

  it('a short value cannot pose as a cut long one', () => {
    const long = commentMarker({ workflow: 'w'.repeat(500), job: 'j', tag: '' })
    const cut = /workflow="([^"]*)"/.exec(long)![1]!
    expect(cut).toMatch(/~[0-9a-f]{12}$/)
    // the same characters given as a value are escaped, so they do not name the long value's comment
    expect(commentMarker({ workflow: cut, job: 'j', tag: '' })).not.toBe(long)
  })

  it('a marker with `-->` in its values still finds and updates the comment', async () => {
    const marker = commentMarker({ workflow: 'evil -->', job: '<!-- x -->', tag: '"' })
    const first = posted(await run({ marker, body: 'one' }))
    expect(posted(await run({ marker, body: 'two' }))).toMatchObject({ action: 'updated', id: first.id })
    const stored = prComments()[0]!.body
    // the only end of an HTML comment in the stored body is the marker's own
    expect(stored.indexOf('-->')).toBe(stored.length - 3)
  })
})

describe('pullRequestOf', () => {
  const pr = (head: unknown, number: unknown = 12) => ({
    pull_request: { number, head, base: { repo: { full_name: 'acme/models' } } },
    repository: { full_name: 'acme/models', name: 'models', owner: { login: 'acme' } }
  })
  const sameRepoHead = { ref: 'feature', repo: { full_name: 'acme/models' } }
  const forkHead = { ref: 'main', repo: { full_name: 'mallory/models' } }

  const cases: {
    name: string
    event?: string
    payload: unknown
    env?: Record<string, string>
    // a skip reason is matched by pattern where its wording is free
    expected: unknown
  }[] = [
    {
      name: 'pull_request from a branch',
      event: 'pull_request',
      payload: pr(sameRepoHead),
      expected: { owner: 'acme', repo: 'models', number: 12, fork: false }
    },
    {
      name: 'pull_request from a fork',
      event: 'pull_request',
      payload: pr(forkHead),
      expected: { owner: 'acme', repo: 'models', number: 12, fork: true }
    },
    {
      name: 'pull_request from a deleted fork (head.repo null)',
      event: 'pull_request',
      payload: pr({ ref: 'x', repo: null }),
      expected: { owner: 'acme', repo: 'models', number: 12, fork: true }
    },
    {
      name: 'pull_request_target from a fork (runs with a write token)',
      event: 'pull_request_target',
      payload: pr(forkHead),
      expected: { owner: 'acme', repo: 'models', number: 12, fork: false }
    },
    {
      name: 'head repository differing only in case',
      event: 'pull_request',
      payload: pr({ repo: { full_name: 'ACME/Models' } }),
      expected: { owner: 'acme', repo: 'models', number: 12, fork: false }
    },
    {
      name: 'base repository from GITHUB_REPOSITORY when the payload has none',
      event: 'pull_request',
      payload: { pull_request: { number: 3, head: { repo: { full_name: 'acme/tools' } } } },
      env: { GITHUB_REPOSITORY: 'acme/tools' },
      expected: { owner: 'acme', repo: 'tools', number: 3, fork: false }
    },
    {
      name: 'push',
      event: 'push',
      payload: { ref: 'refs/heads/main' },
      expected: { skip: 'not a pull request event (push)' }
    },
    {
      name: 'no event name',
      payload: pr(sameRepoHead),
      expected: { skip: expect.stringMatching(/not a pull request event/) }
    },
    {
      name: 'unreadable payload',
      event: 'pull_request',
      payload: undefined,
      expected: { skip: expect.stringMatching(/could not be read/) }
    },
    {
      name: 'no pull_request object',
      event: 'pull_request',
      payload: { action: 'opened' },
      expected: { skip: expect.stringMatching(/no pull_request/) }
    },
    {
      name: 'a number that is a string',
      event: 'pull_request',
      payload: pr(sameRepoHead, '12'),
      expected: { skip: expect.stringMatching(/number/) }
    },
    {
      name: 'number zero',
      event: 'pull_request',
      payload: pr(sameRepoHead, 0),
      expected: { skip: expect.stringMatching(/number/) }
    },
    {
      name: 'no repository anywhere',
      event: 'pull_request',
      payload: { pull_request: { number: 1 } },
      expected: { skip: expect.stringMatching(/base repository/) }
    },
    {
      name: 'repository names that are not ones',
      event: 'pull_request',
      payload: { pull_request: { number: 1 }, repository: { full_name: '../../x/y' } },
      env: { GITHUB_REPOSITORY: 'a/b/c' },
      expected: { skip: expect.stringMatching(/base repository/) }
    }
  ]

  it.each(cases)('$name', ({ event, payload, env, expected }) => {
    expect(pullRequestOf(payload, { ...env, ...(event && { GITHUB_EVENT_NAME: event }) })).toEqual(expected)
  })

  it('readEvent reads GITHUB_EVENT_PATH, and gives undefined when it cannot', () => {
    const dir = mkdtempSync(join(tmpdir(), 'event-'))
    try {
      const good = join(dir, 'event.json')
      writeFileSync(good, JSON.stringify(pr(sameRepoHead)))
      const bad = join(dir, 'bad.json')
      writeFileSync(bad, '{ not json')
      expect(readEvent({ GITHUB_EVENT_PATH: good })).toEqual(pr(sameRepoHead))
      expect(readEvent({ GITHUB_EVENT_PATH: bad })).toBeUndefined()
      expect(readEvent({ GITHUB_EVENT_PATH: join(dir, 'missing.json') })).toBeUndefined()
      expect(readEvent({})).toBeUndefined()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('the fake GitHub behaves like GitHub', () => {
  const get = (path: string, token?: string) =>
    fetch(`${gh.url}${path}`, { headers: token ? { authorization: `token ${token}` } : {} })

  it('asks for authentication, caps per_page at 100 and links pages through /repositories/{id}', async () => {
    for (let i = 0; i < 130; i++) gh.seed('o', 'r', 1, `c${i}`, ALICE)
    expect((await get('/repos/o/r/issues/1/comments')).status).toBe(401)
    const res = await get('/repos/o/r/issues/1/comments?per_page=500', USER_TOKEN)
    expect(res.status).toBe(200)
    expect((await res.json()) as unknown[]).toHaveLength(100)
    expect(res.headers.get('link')).toMatch(
      /^<http:\/\/127\.0\.0\.1:\d+\/repositories\/\d+\/issues\/1\/comments\?per_page=500&page=2>; rel="next", <[^>]+page=2>; rel="last"$/
    )
    const user = await get('/user', ACTIONS_TOKEN)
    expect(user.status).toBe(403)
    expect(await user.json()).toMatchObject({ message: 'Resource not accessible by integration' })
  })

  it('answers a 429 as GitHub answers a secondary rate limit', async () => {
    gh.fail(LIST, { status: 429, headers: { 'retry-after': '30' } })
    const res = await get('/repos/o/r/issues/1/comments', USER_TOKEN)
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('30')
    expect(((await res.json()) as { message: string }).message).toMatch(
      /^You have exceeded a secondary rate limit\./
    )
  })

  it("rejects a body over 65,536 characters with GitHub's 422", async () => {
    const res = await fetch(`${gh.url}/repos/o/r/issues/1/comments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ACTIONS_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'x'.repeat(COMMENT_LIMIT + 1) })
    })
    expect(res.status).toBe(422)
    expect(await res.json()).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'IssueComment', message: 'Body is too long (maximum is 65536 characters)' }]
    })
    expect(gh.comments('o', 'r', 1)).toHaveLength(0)
  })
})
