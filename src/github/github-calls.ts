import { redact } from '../util/redact.js'
import { plainText } from '../util/text.js'
import {
  CancelledError,
  ForeignHostError,
  errorCodeOf,
  requestHistory,
  type GitHubClient
} from './octokit.js'

/**
 * What every write of ours to GitHub shares (the sticky comment, the tracking issue): who the token acts as, and
 * each failed step as one line saying what went wrong, when, and what to change, with the token redacted. The
 * words that differ per caller (what it writes, the permission the job needs) come from its {@link Writing}.
 */

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** A failed step, its message final (what went wrong, when, and what to change). */
export class Failure extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly rateLimited = false
  ) {
    super(message)
    this.name = 'Failure'
  }
}

/**
 * Who "we" are: the account the token acts as, exactly (`github-actions[bot]` for GITHUB_TOKEN, `<app>[bot]` for an
 * app's token, the user for a personal token). Only what it wrote counts as ours: our markers are public, and any
 * other author (a welcome bot echoing a pull request's text, the pull request's author) can end a text with one.
 */
export interface Identity {
  login: string
  /** the account's numeric ID, when known (GraphQL's databaseId, REST's id) */
  id?: number
}

/** What a caller writes, in the words its failures use. */
export interface Writing {
  /** `comment`, `issue`: "the issue was not accepted", "not touching any issue" */
  thing: string
  /** the job's permission, as `permissions:` takes it: `pull-requests: write` */
  permission: string
  /** `owner/repo` */
  repo: string
  /** what a 404 could not see, unless a step names its own (`owner/repo#7`) */
  where: string
  /** this caller's own reading of a status (the answer is GitHub's, redacted), before the shared ones */
  explain?: (status: number, message: string, answer: string) => string | undefined
}

/** An error with GitHub's answer in it: @octokit/request-error's RequestError, by its shape. */
interface Answered {
  status: number
  response?: { headers: Record<string, unknown>; data: unknown }
}

function asAnswered(e: unknown): Answered | undefined {
  if (!(e instanceof Error) || !('status' in e) || typeof e.status !== 'number' || !('request' in e)) {
    return undefined
  }
  const response = 'response' in e && isObject(e.response) ? e.response : undefined
  return {
    status: e.status,
    ...(response && {
      response: { headers: isObject(response.headers) ? response.headers : {}, data: response.data }
    })
  }
}

/**
 * GitHub's error text: `message`, then the messages of `errors[]` (where 422 says what was wrong); the token is
 * redacted before the text is cut.
 */
function serverMessage(json: unknown, secrets: string[]): string {
  if (!isObject(json)) return ''
  const parts: string[] = []
  if (typeof json.message === 'string') parts.push(json.message)
  if (Array.isArray(json.errors)) {
    for (const e of json.errors.slice(0, 3)) {
      if (typeof e === 'string') parts.push(e)
      else if (isObject(e) && typeof e.message === 'string') parts.push(e.message)
    }
  }
  return plainText(redact(parts.join(': '), secrets), 200)
}

const header = (headers: Record<string, unknown>, name: string) => {
  const v = headers[name]
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : undefined
}

/** GitHub's rate limits: 429, or 403 with `Retry-After`, `x-ratelimit-remaining: 0` or a rate-limit message. */
function isRateLimited(a: Answered, msg: string): boolean {
  if (a.status === 429) return true
  if (a.status !== 403) return false
  const h = a.response?.headers ?? {}
  return (
    header(h, 'retry-after') !== undefined ||
    header(h, 'x-ratelimit-remaining') === '0' ||
    /\brate limit\b/i.test(msg)
  )
}

/** A connection failure in a few words: the error code, or a cleaned message. */
const connectionDetail = (e: Error): string => errorCodeOf(e) ?? (plainText(e.message, 80) || 'network error')

const GRAPHQL_VIEWER = 'query { viewer { login databaseId } }'

/** The steps of one write through `client`: each failure becomes a {@link Failure} in the caller's words. */
export class GitHubCalls {
  constructor(
    readonly client: GitHubClient,
    private readonly writing: Writing,
    readonly secrets: string[],
    private readonly logger?: { debug(m: string): void }
  ) {}

  debug(m: string) {
    this.logger?.debug(`github: ${redact(m, this.secrets)}`)
  }

  /** One line saying what went wrong with a step and, where there is one, what to change. */
  failure(e: unknown, what: string, where = this.writing.where): Failure | CancelledError {
    if (e instanceof Failure || e instanceof CancelledError) return e
    const history = requestHistory(e)
    const tries = history && history.attempts > 1 ? ` (${history.attempts} attempts)` : ''
    if (e instanceof ForeignHostError) {
      return new Failure(
        `${what}: GitHub pointed to another host; not following it (the token goes only to the API)`
      )
    }
    const a = asAnswered(e)
    if (a && a.response) {
      const { permission, repo, thing } = this.writing
      const needs = `\`${permission}\``
      const msg = serverMessage(a.response.data, this.secrets)
      const answer = `GitHub answered ${a.status}${msg ? ` (${msg})` : ''} when ${what}`
      const limited = isRateLimited(a, msg)
      const refused = history?.refusedWait
      const reason = (() => {
        if (limited) {
          return refused
            ? `${answer}: rate limited; GitHub asked to wait ${refused.seconds} s, longer than the ${refused.maxSeconds} s this step waits`
            : `${answer}: rate limited${tries}`
        }
        const own = this.writing.explain?.(a.status, msg, answer)
        if (own) return own
        switch (a.status) {
          case 401:
            return `${answer}: the token was rejected (bad or expired github-token)`
          case 403:
            return /resource not accessible by integration/i.test(msg)
              ? `${answer}: the workflow token lacks ${needs} (add \`permissions: ${permission}\` to the job)`
              : `${answer}: the token needs ${needs} on ${repo}`
          case 404:
            return `${answer}: ${where} is not visible to this token, which needs ${needs}`
          case 422:
            return `${answer}: the ${thing} was not accepted`
          default:
            return `${answer}${tries}`
        }
      })()
      return new Failure(reason, a.status, limited)
    }
    if (a) {
      // no answer: the connection failed, or no answer came in time
      return new Failure(
        `the connection to GitHub failed when ${what} (${connectionDetail(e as Error)})${tries}`
      )
    }
    const message = e instanceof Error ? e.message : String(e)
    return new Failure(`unexpected error when ${what}: ${plainText(redact(message, this.secrets), 200)}`)
  }

  /** Runs one step; what it throws becomes a Failure saying `what` (or stays a cancellation). */
  async step<T>(what: string, f: () => Promise<T>, where?: string): Promise<T> {
    try {
      return await f()
    } catch (e) {
      throw this.failure(e, what, where)
    }
  }

  /**
   * The token's account: GraphQL's `viewer`, which answers for user, GITHUB_TOKEN and app tokens alike; GET /user
   * when GraphQL is not available. Neither answering is a failure: nothing is touched on a guess.
   */
  async identity(): Promise<Identity> {
    const what = 'reading which account the token acts as'
    const { thing } = this.writing
    try {
      const data = await this.step(what, () => this.client.graphql<unknown>(GRAPHQL_VIEWER))
      const viewer = isObject(data) ? data.viewer : undefined
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
    let user: unknown
    try {
      user = (await this.step(what, () => this.client.rest.users.getAuthenticated())).data
    } catch (e) {
      if (!(e instanceof Failure) || e.status === 401 || e.rateLimited) throw e
      throw new Failure(
        `GitHub would not say which account the token acts as (GraphQL viewer and GET /user were refused: ${e.message}); not touching any ${thing}`
      )
    }
    if (isObject(user) && typeof user.login === 'string' && user.login) {
      return { login: user.login, ...(typeof user.id === 'number' && { id: user.id }) }
    }
    throw new Failure(`GitHub named no account when ${what}; not touching any ${thing}`)
  }
}

/** Whether `user` (an author as GitHub gives it) is the token's account: the login, and the ID when known. */
export function byAccount(user: unknown, me: Identity): boolean {
  if (!isObject(user) || typeof user.login !== 'string') return false
  if (user.login.toLowerCase() !== me.login.toLowerCase()) return false
  return me.id === undefined || user.id === me.id
}

/** The token the client sends, for redaction (Octokit's token auth names it). */
export async function secretsOf(client: GitHubClient): Promise<string[]> {
  const auth = await client.auth().catch(() => undefined)
  return isObject(auth) && typeof auth.token === 'string' && auth.token ? [auth.token] : []
}

/** The reason of a write that ended with `e`: a step's own line, or what it was doing when cancelled. */
export function reasonOf(e: unknown, cancelled: string): string {
  if (e instanceof CancelledError) return cancelled
  if (e instanceof Failure) return e.message
  return `unexpected error: ${e instanceof Error ? e.message : String(e)}`
}

/**
 * Runs `use` with the client `connect` builds, only once it is needed; a client that cannot be built (a bad
 * GITHUB_API_URL) is a failure result, its message without the token.
 */
export async function withClient<R>(
  connect: () => Promise<GitHubClient>,
  token: string,
  use: (client: GitHubClient) => Promise<R>
): Promise<R | { action: 'failed'; reason: string }> {
  let client: GitHubClient
  try {
    client = await connect()
  } catch (e) {
    const message = plainText(redact(e instanceof Error ? e.message : String(e), [token]), 300)
    return { action: 'failed', reason: `the GitHub client could not be set up: ${message}` }
  }
  return use(client)
}
