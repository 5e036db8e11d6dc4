import { createHash } from 'node:crypto'
import { request, type Dispatcher } from 'undici'
import { createDispatcher } from '../airs/dispatcher.js'
import { redact } from '../util/redact.js'
import { errorCode } from '../airs/http.js'
import { parseRetryAfter } from '../airs/retry.js'
import { AbortedError, sleep as abortableSleep, untilAborted } from '../util/sleep.js'
import { plainText } from '../util/text.js'
import { PRODUCT, VERSION } from '../version.js'
import type { PullRequestTarget } from './pull-request.js'

/**
 * One sticky pull-request comment: found by a hidden marker and by its author, updated in place, created
 * only when asked. Talks to the GitHub REST API over undici (the same proxy-aware connection pool as the
 * AIRS client) rather than Octokit, so that status codes, rate-limit headers, retries and connection
 * failures are handled here explicitly. Never throws: every outcome is a CommentResult.
 */

/** GitHub's limit on a comment body, in characters. */
export const COMMENT_LIMIT = 65_536

export type CommentResult =
  | { action: 'created' | 'updated' | 'unchanged'; id: number; url: string }
  | { action: 'skipped' | 'failed'; reason: string }

export interface CommentRetry {
  /** Attempts per request, the first included. */
  attempts: number
  /** Longest single wait; a server that asks for longer (Retry-After, rate-limit reset) is not waited for. */
  maxDelayMs: number
  sleep?: (ms: number) => Promise<void>
}

export interface UpsertOptions {
  /** GITHUB_API_URL as given (`https://api.github.com`, `https://ghes.example.com/api/v3`). */
  apiUrl: string
  token: string
  target: PullRequestTarget
  marker: string
  /** The rendered body, without the marker. */
  body: string
  /** False: only update an existing comment, never create one. */
  create: boolean
  signal?: AbortSignal
  logger?: { debug(m: string): void }
  retry?: CommentRetry
}

export const DEFAULT_COMMENT_RETRY: Readonly<Required<Omit<CommentRetry, 'sleep'>>> = {
  attempts: 3,
  maxDelayMs: 10_000
}

// ---------------------------------------------------------------------------------------------------------
// the marker

const MARKER_KIND = 'airs-model-gate:sticky'
const MAX_VALUE = 100

/** What could end the quote or the HTML comment, line breaks, control and bidi characters, and `%` and `~`. */
const UNSAFE_IN_MARKER =
  // eslint-disable-next-line no-control-regex
  /[%"<>&~!\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu

/**
 * A value as it appears between the marker's quotes: characters that could end the quote or the HTML
 * comment (`"`, `<`, `>`, `--`), line breaks, control and bidi characters, `%` and `~` are percent-encoded,
 * so the marker is one HTML comment on one line, ending only at its end.
 * A value longer than MAX_VALUE is cut and followed by `~` and a hash of the whole value, so two values that
 * differ only past the cut still give two markers (`~` appears in no value otherwise).
 */
function markerValue(value: string): string {
  const escaped = value
    // a lone surrogate cannot be sent as UTF-8; GitHub would store something else and never match
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(UNSAFE_IN_MARKER, (c) => encodeURIComponent(c).replace(/!/g, '%21').replace(/~/g, '%7E'))
    .replace(/-(?=-)/g, '%2D')
  if (escaped.length <= MAX_VALUE) return escaped
  const hash = createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 12)
  // cut outside a %XX escape
  const head = escaped.slice(0, MAX_VALUE - hash.length - 1).replace(/%[0-9A-F]?$/, '')
  return `${head}~${hash}`
}

/** The hidden HTML comment that names one run's sticky comment (one per workflow, job and tag). */
export function commentMarker(parts: { workflow: string; job: string; tag: string }): string {
  return `<!-- ${MARKER_KIND} workflow="${markerValue(parts.workflow)}" job="${markerValue(parts.job)}" tag="${markerValue(parts.tag)}" -->`
}

/** The body as posted: the rendered text, then the marker on its own line. */
export function withMarker(body: string, marker: string): string {
  return `${body}\n\n${marker}`
}

/** Room left for the rendered body once the marker is appended. */
export function bodyBudget(marker: string): number {
  return COMMENT_LIMIT - withMarker('', marker).length
}

// ---------------------------------------------------------------------------------------------------------
// HTTP

const REQUEST_TIMEOUT_MS = 30_000
/** 100 comments of at most 64 Ki characters each, with room for the JSON around them. */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024
/** 100 pages of 100: a pull request with more comments than this is not searched to the end. */
const MAX_PAGES = 100
const TRANSIENT_STATUSES = new Set([408, 429, 500, 502, 503, 504])

interface Reply {
  status: number
  headers: Record<string, string | undefined>
  json: unknown
}

/** A failed step; `transient` ones (rate limits, 5xx, broken connections) may be tried again. */
class Failure extends Error {
  readonly transient: boolean
  readonly hintMs?: number
  readonly status?: number
  readonly rateLimited: boolean

  constructor(
    message: string,
    details: { transient?: boolean; hintMs?: number; status?: number; rateLimited?: boolean } = {}
  ) {
    super(message)
    this.name = 'Failure'
    this.transient = details.transient ?? false
    this.hintMs = details.hintMs
    this.status = details.status
    this.rateLimited = details.rateLimited ?? false
  }
}

type Method = 'GET' | 'POST' | 'PATCH'

class Cancelled extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * GitHub's error text: `message`, then the messages of `errors[]` (where 422 says what was wrong); the token is
 * redacted before the text is cut.
 */
function serverMessage(json: unknown, token: string): string {
  if (!isObject(json)) return ''
  const parts: string[] = []
  if (typeof json.message === 'string') parts.push(json.message)
  if (Array.isArray(json.errors)) {
    for (const e of json.errors.slice(0, 3)) {
      if (typeof e === 'string') parts.push(e)
      else if (isObject(e) && typeof e.message === 'string') parts.push(e.message)
    }
  }
  return plainText(redact(parts.join(': '), [token]), 200)
}

/** The URL of `rel="next"` in a Link header. */
function nextLink(link: string | undefined): string | undefined {
  if (!link) return undefined
  for (const part of link.split(',')) {
    const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part)
    if (m && /\brel\s*=\s*"?([^"]*\s)?next(\s[^"]*)?"?/i.test(m[2] ?? '')) return m[1]
  }
  return undefined
}

/**
 * How long a failed response asks to wait, and whether it is worth another attempt: 429, 408 and 5xx, and
 * GitHub's 403 rate limits (a `Retry-After`, or `x-ratelimit-remaining: 0` with the reset time).
 */
function transience(
  reply: Reply,
  nowMs: number
): { transient: boolean; rateLimited: boolean; hintMs?: number } {
  const h = reply.headers
  const retryAfter = parseRetryAfter(h['retry-after'], nowMs)
  const exhausted = h['x-ratelimit-remaining']?.trim() === '0'
  const reset = h['x-ratelimit-reset']?.trim()
  const resetMs =
    exhausted && reset && /^\d+$/.test(reset) ? Math.max(0, Number(reset) * 1000 - nowMs) : undefined
  const hintMs = retryAfter ?? resetMs
  const rateLimited =
    reply.status === 429 || (reply.status === 403 && (retryAfter !== undefined || exhausted))
  return { transient: rateLimited || TRANSIENT_STATUSES.has(reply.status), rateLimited, hintMs }
}

const PERMISSION = '`pull-requests: write`'

/** One line saying what went wrong and, where there is one, what to change. */
function statusReason(
  reply: Reply,
  what: string,
  opts: Pick<UpsertOptions, 'target' | 'token'>,
  rateLimited: boolean
): string {
  const { target } = opts
  const msg = serverMessage(reply.json, opts.token)
  const answer = `GitHub answered ${reply.status}${msg ? ` (${msg})` : ''} when ${what}`
  const repo = `${target.owner}/${target.repo}`
  if (rateLimited) return `${answer}: rate limited`
  switch (reply.status) {
    case 401:
      return `${answer}: the token was rejected (bad or expired github-token)`
    case 403:
      return /resource not accessible by integration/i.test(msg)
        ? `${answer}: the workflow token lacks ${PERMISSION} (add \`permissions: pull-requests: write\` to the job)`
        : `${answer}: the token needs ${PERMISSION} on ${repo}`
    case 404:
      return `${answer}: ${repo}#${target.number} is not visible to this token, which needs ${PERMISSION}`
    case 422:
      return `${answer}: the comment was not accepted`
    default:
      return answer
  }
}

const sameOrigin = (a: string, b: string) => {
  try {
    return new URL(a).origin === new URL(b).origin
  } catch {
    return false
  }
}

const pathOf = (url: string) => {
  const u = new URL(url)
  return `${u.pathname}${u.search}`
}

// ---------------------------------------------------------------------------------------------------------
// the client

interface RawComment {
  id: number
  body: string
  html_url: string
  user: { login?: unknown; id?: unknown; type?: unknown } | null
}

/**
 * Who "we" are: the account the token acts as, exactly (`github-actions[bot]` for GITHUB_TOKEN, `<app>[bot]` for an
 * app's token, the user for a personal token). Only its comments count as ours: the marker is public, and any
 * other author (a welcome bot echoing the pull request's text, the pull request's author) can end a comment with it.
 */
interface Identity {
  login: string
  /** the account's numeric ID, when known (GraphQL's databaseId, REST's id) */
  id?: number
}

/** GitHub's GraphQL endpoint beside a REST base URL: `/graphql`, or `/api/graphql` beside GHES's `/api/v3`. */
export function graphqlUrl(apiBase: string): string {
  const u = new URL(apiBase)
  const path = u.pathname.replace(/\/+$/, '')
  u.pathname = /\/api\/v3$/.test(path) ? `${path.slice(0, -'/v3'.length)}/graphql` : `${path}/graphql`
  return u.toString().replace(/\/+$/, '')
}

class GitHubComments {
  private readonly base: string
  private readonly headers: Record<string, string>

  constructor(
    private readonly opts: UpsertOptions,
    private readonly dispatcher: Dispatcher,
    private readonly retry: Required<CommentRetry>
  ) {
    this.base = opts.apiUrl.replace(/\/+$/, '')
    this.headers = {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${opts.token}`,
      'x-github-api-version': '2022-11-28',
      'user-agent': `${PRODUCT}/${VERSION}`
    }
  }

  private debug(m: string) {
    this.opts.logger?.debug(`github: ${redact(m, [this.opts.token])}`)
  }

  private async wait(ms: number): Promise<void> {
    const { signal } = this.opts
    try {
      await untilAborted(this.retry.sleep(ms), signal, () => new AbortedError())
    } catch (e) {
      if (e instanceof AbortedError) throw new Cancelled()
      throw e
    }
  }

  private backoff(attempt: number): number {
    return Math.min(this.retry.maxDelayMs, 1000 * 2 ** Math.max(0, attempt - 1))
  }

  /** One exchange; a response of any status, or a Failure when there was none. */
  private async exchange(method: Method, url: string, body: unknown, what: string): Promise<Reply> {
    const { signal } = this.opts
    if (signal?.aborted) throw new Cancelled()
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS)
    const both = signal ? AbortSignal.any([signal, timeout]) : timeout
    try {
      const res = await request(url, {
        method,
        headers: body === undefined ? this.headers : { ...this.headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        dispatcher: this.dispatcher,
        signal: both,
        headersTimeout: REQUEST_TIMEOUT_MS,
        bodyTimeout: REQUEST_TIMEOUT_MS
      })
      const chunks: Buffer[] = []
      let size = 0
      for await (const chunk of res.body) {
        const buf = chunk as Buffer
        size += buf.length
        if (size > MAX_RESPONSE_BYTES) {
          res.body.destroy()
          throw new Failure(`the response was larger than ${MAX_RESPONSE_BYTES} bytes when ${what}`)
        }
        chunks.push(buf)
      }
      const headers: Record<string, string | undefined> = {}
      for (const [k, v] of Object.entries(res.headers)) {
        headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
      }
      const text = Buffer.concat(chunks).toString('utf8')
      let json: unknown
      try {
        json = text ? (JSON.parse(text) as unknown) : undefined
      } catch {
        json = undefined
      }
      this.debug(`${method} ${pathOf(url)} → ${res.statusCode}`)
      return { status: res.statusCode, headers, json }
    } catch (e) {
      if (e instanceof Failure) throw e
      if (signal?.aborted) throw new Cancelled()
      const code = errorCode(e)
      const detail = timeout.aborted
        ? `no response within ${REQUEST_TIMEOUT_MS / 1000} s`
        : (code ?? 'network error')
      this.debug(`${method} ${pathOf(url)} → ${detail}`)
      // a certificate problem does not go away by trying again
      const transient = !(code && /CERT|SELF_SIGNED|TLS/i.test(code))
      throw new Failure(`the connection to GitHub failed when ${what} (${detail})`, { transient })
    }
  }

  /**
   * A request that succeeded (2xx), or a Failure. Idempotent requests are retried here on transient
   * failures; others (`retry: false`) fail at once, marked transient, for the caller to decide.
   */
  async call(method: Method, url: string, body: unknown, what: string, retry: boolean): Promise<Reply> {
    for (let attempt = 1; ; attempt++) {
      let failure: Failure
      try {
        const reply = await this.exchange(method, url, body, what)
        if (reply.status >= 200 && reply.status < 300) return reply
        const t = transience(reply, Date.now())
        failure = new Failure(statusReason(reply, what, this.opts, t.rateLimited), {
          transient: t.transient,
          hintMs: t.hintMs,
          status: reply.status,
          rateLimited: t.rateLimited
        })
      } catch (e) {
        if (!(e instanceof Failure)) throw e
        failure = e
      }
      if (!retry || !failure.transient) throw failure
      if (attempt >= this.retry.attempts) {
        throw new Failure(`${failure.message} (${attempt} attempts)`, {
          status: failure.status,
          rateLimited: failure.rateLimited
        })
      }
      await this.pause(failure, attempt)
    }
  }

  /** Waits before another attempt, or fails when the server asks for a longer wait than we are willing to. */
  async pause(failure: Failure, attempt: number): Promise<void> {
    const hint = failure.hintMs
    if (hint !== undefined && hint > this.retry.maxDelayMs) {
      throw new Failure(
        `${failure.message}; GitHub asked to wait ${Math.ceil(hint / 1000)} s, longer than the ${Math.ceil(this.retry.maxDelayMs / 1000)} s this step waits`
      )
    }
    const ms = hint ?? this.backoff(attempt)
    this.debug(`retrying in ${ms} ms`)
    await this.wait(ms)
  }

  /**
   * The token's account: GraphQL's `viewer`, which answers for user, GITHUB_TOKEN and app tokens alike; GET /user
   * when GraphQL is not available. Neither answering is a failure: no comment is touched on a guess.
   */
  async identity(): Promise<Identity> {
    const what = 'reading which account the token acts as'
    try {
      const reply = await this.call(
        'POST',
        graphqlUrl(this.base),
        { query: 'query { viewer { login databaseId } }' },
        what,
        true
      )
      const viewer = isObject(reply.json) && isObject(reply.json.data) ? reply.json.data.viewer : undefined
      if (isObject(viewer) && typeof viewer.login === 'string' && viewer.login) {
        return {
          login: viewer.login,
          ...(typeof viewer.databaseId === 'number' && { id: viewer.databaseId })
        }
      }
      this.debug('GraphQL gave no viewer; asking GET /user')
    } catch (e) {
      if (!(e instanceof Failure) || e.status === 401 || e.rateLimited) throw e
      this.debug(`${e.message}; asking GET /user`)
    }
    const reply = await this.call('GET', `${this.base}/user`, undefined, what, true).catch((e: unknown) => {
      if (!(e instanceof Failure) || e.status === 401 || e.rateLimited) throw e
      throw new Failure(
        `GitHub would not say which account the token acts as (GraphQL viewer and GET /user were refused: ${e.message}); not touching any comment`
      )
    })
    if (isObject(reply.json) && typeof reply.json.login === 'string' && reply.json.login) {
      return { login: reply.json.login, ...(typeof reply.json.id === 'number' && { id: reply.json.id }) }
    }
    throw new Failure(`GitHub named no account when ${what}; not touching any comment`)
  }

  private isOurs(c: RawComment, me: Identity): boolean {
    // the marker ends our comments (withMarker); another bot quoting one would carry it mid-body
    if (!c.body.trimEnd().endsWith(this.opts.marker) || !c.user) return false
    if (typeof c.user.login !== 'string' || c.user.login.toLowerCase() !== me.login.toLowerCase())
      return false
    return me.id === undefined || c.user.id === me.id
  }

  /**
   * Our first comment carrying the marker, over every page. The oldest, so that the choice never moves: a later
   * comment of the same account that ends with the marker (another workflow echoing text under GITHUB_TOKEN) cannot
   * take the updates and leave the one people read stale.
   */
  async find(me: Identity): Promise<RawComment | undefined> {
    const { owner, repo, number } = this.opts.target
    const what = `listing the comments of ${owner}/${repo}#${number}`
    let url: string | undefined =
      `${this.base}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/issues/${number}/comments?per_page=100`
    let found: RawComment | undefined
    for (let page = 1; url !== undefined; page++) {
      if (page > MAX_PAGES) {
        throw new Failure(`${what}: more than ${MAX_PAGES * 100} comments, gave up looking for the marker`)
      }
      const reply = await this.call('GET', url, undefined, what, true)
      if (!Array.isArray(reply.json)) {
        throw new Failure(`GitHub sent something other than a list when ${what}`)
      }
      for (const item of reply.json as unknown[]) {
        const c = asComment(item)
        if (c && this.isOurs(c, me) && (found === undefined || c.id < found.id)) found = c
      }
      url = nextLink(reply.headers.link)
      // the token goes only where the API is
      if (url !== undefined && !sameOrigin(url, this.base)) {
        throw new Failure(`${what}: the next page is on another host; not following it`)
      }
    }
    return found
  }

  async update(id: number, body: string): Promise<RawComment> {
    const { owner, repo } = this.opts.target
    const url = `${this.base}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/issues/comments/${id}`
    const reply = await this.call('PATCH', url, { body }, `updating comment ${id}`, true)
    return written(reply, `updating comment ${id}`)
  }

  /** POST is not retried here: a create that failed on the way back may have happened (see upsert). */
  async createOnce(body: string): Promise<RawComment> {
    const { owner, repo, number } = this.opts.target
    const what = `creating a comment on ${owner}/${repo}#${number}`
    const url = `${this.base}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/issues/${number}/comments`
    return written(await this.call('POST', url, { body }, what, false), what)
  }
}

function asComment(item: unknown): RawComment | undefined {
  if (!isObject(item) || typeof item.id !== 'number' || typeof item.body !== 'string') return undefined
  const user = isObject(item.user) ? item.user : null
  return {
    id: item.id,
    body: item.body,
    html_url: typeof item.html_url === 'string' ? item.html_url : '',
    user
  }
}

function written(reply: Reply, what: string): RawComment {
  const c = asComment(reply.json)
  if (!c) throw new Failure(`GitHub's answer had no comment in it when ${what}`)
  return c
}

// ---------------------------------------------------------------------------------------------------------
// the operation

export const FORK_REASON =
  'the pull request comes from a fork, and the token is read-only on fork pull requests; to comment on them, post from a separate workflow triggered by `workflow_run`'

function validApiUrl(apiUrl: string): boolean {
  try {
    const u = new URL(apiUrl)
    return (u.protocol === 'https:' || u.protocol === 'http:') && !u.search && !u.hash
  } catch {
    return false
  }
}

/** Creates or updates the sticky comment. Never throws; no reason carries the token. */
export async function upsertComment(opts: UpsertOptions): Promise<CommentResult> {
  const clean = (reason: string) => plainText(redact(reason, [opts.token]), 600)
  const failed = (reason: string): CommentResult => ({ action: 'failed', reason: clean(reason) })

  if (!opts.token) return { action: 'skipped', reason: 'no github-token' }
  if (opts.target.fork) return { action: 'skipped', reason: FORK_REASON }
  if (!opts.marker.startsWith('<!--') || !opts.marker.endsWith('-->')) {
    return failed('the comment marker is not an HTML comment')
  }
  if (!validApiUrl(opts.apiUrl)) return failed('GITHUB_API_URL is not an http(s) URL')
  const body = withMarker(opts.body, opts.marker)
  if (body.length > COMMENT_LIMIT) {
    return failed(
      `the comment is ${body.length} characters with its marker, over GitHub's limit of ${COMMENT_LIMIT}; not sent`
    )
  }

  const retry: Required<CommentRetry> = {
    attempts: Math.max(1, Math.floor(opts.retry?.attempts ?? DEFAULT_COMMENT_RETRY.attempts)),
    maxDelayMs: Math.max(0, opts.retry?.maxDelayMs ?? DEFAULT_COMMENT_RETRY.maxDelayMs),
    sleep: opts.retry?.sleep ?? ((ms) => abortableSleep(ms, opts.signal))
  }
  let dispatcher: Dispatcher | undefined
  try {
    // inside the try: a malformed proxy variable makes this throw
    dispatcher = createDispatcher()
    const gh = new GitHubComments(opts, dispatcher, retry)
    const me = await gh.identity()
    // a create that failed without an answer may still have happened: look again before creating again
    let createTried = false
    for (let cycle = 1; ; cycle++) {
      const found = await gh.find(me)
      if (found) {
        if (found.body === body) {
          return { action: createTried ? 'created' : 'unchanged', id: found.id, url: found.html_url }
        }
        const c = await gh.update(found.id, body)
        return { action: 'updated', id: c.id, url: c.html_url }
      }
      if (!opts.create) {
        return { action: 'skipped', reason: 'no earlier comment to update, and this run does not create one' }
      }
      try {
        const c = await gh.createOnce(body)
        return { action: 'created', id: c.id, url: c.html_url }
      } catch (e) {
        if (!(e instanceof Failure) || !e.transient) throw e
        if (cycle >= retry.attempts) throw new Failure(`${e.message} (${cycle} attempts)`)
        createTried = true
        await gh.pause(e, cycle)
      }
    }
  } catch (e) {
    if (e instanceof Cancelled) return failed('cancelled before the comment was posted')
    if (e instanceof Failure) return failed(e.message)
    return failed(`unexpected error: ${e instanceof Error ? e.message : String(e)}`)
  } finally {
    await dispatcher?.close().catch(() => undefined)
  }
}
