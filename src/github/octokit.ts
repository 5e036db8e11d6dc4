import type { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { RequestError } from '@octokit/request-error'
import Bottleneck from 'bottleneck/light.js'
import { redact } from '../util/redact.js'
import { PRODUCT, VERSION } from '../version.js'

/**
 * The GitHub client: @actions/github's Octokit (REST, `octokit.graphql`, `octokit.paginate`; the proxy from the
 * runner's https_proxy/no_proxy), with the official retry and throttling plugins as the one retry policy for the
 * GitHub protocol: connection failures and 5xx are retried by plugin-retry, rate limits (403/429 with GitHub's
 * headers or message) by plugin-throttling, within the waits allowed here. One guard of ours sits innermost, so it
 * sees every attempt: the token goes only to the API's host, each attempt has a deadline and can be cancelled, a
 * request that may already have taken effect is checked for before it is sent again, and every exchange is a
 * redacted debug line.
 *
 * Built by the entry point, only when a comment is to be written: @actions/github reads the event file and the
 * proxy variables when it is loaded, so it is loaded here, not at import time, and a failure to load is the
 * comment's failure, not the action's.
 */

export type GitHubClient = ReturnType<typeof getOctokit>
type ClientOptions = NonNullable<Parameters<typeof getOctokit>[1]>
type Plugin = NonNullable<Parameters<typeof getOctokit>[2]>

/** Retries of a request after its first attempt, for failures and rate limits alike. */
export const GITHUB_RETRIES = 3
/** The longest wait a rate limit may ask for; a longer one fails the request at once. */
export const MAX_WAIT_SECONDS = 10
export const REQUEST_TIMEOUT_MS = 30_000
const API_VERSION = '2022-11-28'
/** plugin-retry's defaults, and 429: rate limits are plugin-throttling's, which reads GitHub's headers. */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451]

export interface GitHubClientOptions {
  /** Where the client's lines go: each attempt and its outcome, retries, rate limits. The token is redacted. */
  log?: { debug(message: string): void }
  /** Cancels the client: the request in flight, and any attempt not yet sent. */
  signal?: AbortSignal
  /** Retries after the first attempt ({@link GITHUB_RETRIES}). */
  retries?: number
  /** {@link MAX_WAIT_SECONDS} */
  maxWaitSeconds?: number
  /**
   * Milliseconds per second of every wait the client makes: retry backoff, rate limits, and the spacing GitHub
   * asks for between writes. 1000; tests pass 0 so that no wait costs time.
   */
  retryAfterBaseValue?: number
  /** Per attempt ({@link REQUEST_TIMEOUT_MS}). */
  timeoutMs?: number
}

/**
 * A per-request option (`request: { alreadyDone }`) for a request that is not idempotent (creating a comment):
 * asked before each retry whether an earlier attempt took effect after all (its answer lost on the way back).
 * A value is the request's result, as `data`, and nothing is sent again.
 */
export type AlreadyDone = () => Promise<unknown>

/** The client's signal fired: nothing more is sent. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled')
    this.name = 'CancelledError'
  }
}

/** A request for another host than GITHUB_API_URL's (a `Link` header pointing elsewhere): not sent. */
export class ForeignHostError extends Error {
  constructor() {
    super('a request to another host than GITHUB_API_URL was not sent (the token goes only to the API)')
    this.name = 'ForeignHostError'
  }
}

/** What became of one request over its attempts. */
export interface RequestHistory {
  attempts: number
  /** A rate limit asked for a longer wait than the client takes. */
  refusedWait?: { seconds: number; maxSeconds: number }
}

/** Request options (the object every hook of one request shares, across its retries) → its history. */
const histories = new WeakMap<object, RequestHistory>()
/** A thrown error → the history of the request that threw it. */
const errorHistories = new WeakMap<object, RequestHistory>()

/** The history of the request that failed with `error`, when it went through a client of this module. */
export function requestHistory(error: unknown): RequestHistory | undefined {
  return typeof error === 'object' && error !== null ? errorHistories.get(error) : undefined
}

/** The REST base URL from GITHUB_API_URL (`https://api.github.com`, `https://ghes.example.com/api/v3`). */
function apiBase(value: string | undefined): { origin: string; url: string } {
  let u: URL | undefined
  try {
    u = new URL(value || 'https://api.github.com')
  } catch {
    u = undefined
  }
  if (
    !u ||
    !(u.protocol === 'https:' || u.protocol === 'http:') ||
    u.search ||
    u.hash ||
    u.username ||
    u.password
  ) {
    throw new Error('GITHUB_API_URL is not an http(s) URL')
  }
  return { origin: u.origin, url: `${u.origin}${u.pathname.replace(/\/+$/, '')}` }
}

/** `/path?query` of a URL, or the text as it is when it is not one (a route template). */
function pathOf(url: string): string {
  try {
    const u = new URL(url)
    return `${u.pathname}${u.search}`
  } catch {
    return url
  }
}

/** The `code` of an error or of one of its causes (fetch wraps socket errors: ECONNRESET, UND_ERR_SOCKET). */
export function errorCodeOf(e: unknown): string | undefined {
  for (let c: unknown = e, depth = 0; c instanceof Error && depth < 4; c = c.cause, depth++) {
    const code = (c as { code?: unknown }).code
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)) return code
  }
  return undefined
}

/** What went wrong with one attempt, briefly: a status, an error code, or a name. */
function brief(e: unknown): string {
  if (e instanceof RequestError && e.response) return String(e.status)
  return errorCodeOf(e) ?? (e instanceof Error ? e.name : 'error')
}

/** The guard: innermost, around every attempt of every request (see the module comment). */
function guard(
  api: { origin: string },
  settings: Required<Pick<GitHubClientOptions, 'timeoutMs'>> & GitHubClientOptions,
  debug: (m: string) => void
): Plugin {
  const { signal, timeoutMs } = settings
  return (octokit) => {
    octokit.hook.wrap('request', async (request, options) => {
      const absolute = /^https?:\/\//i.test(options.url)
      const url = absolute ? options.url : `${options.baseUrl}${options.url}`
      // a route template as it is (`/repos/{owner}/{repo}/…`), a full URL (a next page) by its path
      const what = `${options.method} ${absolute ? pathOf(url) : options.url}`
      let history = histories.get(options)
      if (!history) {
        history = { attempts: 0 }
        histories.set(options, history)
      }
      const fail = (e: unknown): never => {
        errorHistories.set(e as object, history)
        throw e
      }
      let origin: string | undefined
      try {
        origin = new URL(url).origin
      } catch {
        origin = undefined
      }
      if (origin !== api.origin) {
        debug(`${what}: not sent, another host than GITHUB_API_URL`)
        return fail(new ForeignHostError())
      }
      if (signal?.aborted) return fail(new CancelledError())
      history.attempts++
      if (history.attempts > 1) {
        debug(`${what}: attempt ${history.attempts}`)
        const alreadyDone: unknown = options.request.alreadyDone
        if (typeof alreadyDone === 'function') {
          const data = await (alreadyDone as AlreadyDone)()
          if (data !== undefined) {
            debug(`${what}: an earlier attempt took effect; not sent again`)
            return { status: 200, url, headers: {}, data }
          }
          if (signal?.aborted) return fail(new CancelledError())
        }
      }
      const deadline = AbortSignal.timeout(timeoutMs)
      // copies: without per-request options, these objects are the client's defaults
      options.request = {
        ...options.request,
        signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
        log: octokit.log
      }
      options.headers = { ...options.headers, 'x-github-api-version': API_VERSION }
      try {
        const response = await request(options)
        debug(`${what} → ${response.status}`)
        return response
      } catch (e) {
        if (signal?.aborted) {
          debug(`${what} → cancelled`)
          return fail(new CancelledError())
        }
        if (deadline.aborted) {
          debug(`${what} → no response within ${timeoutMs} ms`)
          // a connection failure, as plugin-retry knows them: retried
          return fail(
            new RequestError(`no response within ${timeoutMs / 1000} s`, 500, {
              request: { method: options.method, url, headers: {}, request: options.request }
            })
          )
        }
        debug(`${what} → ${brief(e)}`)
        return fail(e)
      }
    })
  }
}

/**
 * The client for `token` against GITHUB_API_URL from `env`. Rejects on no token or a GITHUB_API_URL that is not an
 * http(s) URL; the token is in no message.
 */
export async function githubClient(
  token: string,
  env: NodeJS.ProcessEnv,
  options: GitHubClientOptions = {}
): Promise<GitHubClient> {
  if (!token) throw new Error('no github-token')
  const api = apiBase(env.GITHUB_API_URL)
  const retries = Math.max(0, Math.floor(options.retries ?? GITHUB_RETRIES))
  const maxWait = Math.max(0, options.maxWaitSeconds ?? MAX_WAIT_SECONDS)
  const base = Math.max(0, options.retryAfterBaseValue ?? 1000)
  const debug = (m: string) => options.log?.debug(`github: ${redact(m, [token])}`)
  const settings = { ...options, timeoutMs: options.timeoutMs ?? REQUEST_TIMEOUT_MS }

  /** plugin-throttling's question: wait `seconds` and try again? */
  const onLimit =
    (kind: string) =>
    (seconds: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const what = `${request.method} ${pathOf(request.url)}: ${kind}`
      if (retryCount >= retries) {
        debug(`${what}, no retries left`)
        return false
      }
      if (seconds > maxWait) {
        const history = histories.get(request)
        if (history) history.refusedWait = { seconds, maxSeconds: maxWait }
        debug(`${what}; not waiting ${seconds} s, longer than ${maxWait} s`)
        return false
      }
      debug(`${what}; waiting ${seconds} s`)
      return true
    }

  const { getOctokit } = await import('@actions/github')
  const clientOptions: ClientOptions = {
    baseUrl: api.url,
    userAgent: `${PRODUCT}/${VERSION}`,
    log: {
      debug: () => undefined,
      info: () => undefined,
      warn: (m: string) => debug(m),
      error: (m: string) => debug(m)
    },
    retry: { retries, retryAfterBaseValue: base, doNotRetry: DO_NOT_RETRY },
    throttle: {
      retryAfterBaseValue: base,
      onRateLimit: onLimit('rate limited'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
      // GitHub's spacing between writes (plugin-throttling's), on this client's own clock
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: base }),
      notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 3 * base })
    }
  }
  // the guard first: the plugins wrap it, so it runs on every attempt they make
  return getOctokit(token, clientOptions, guard(api, settings, debug), retry, throttling)
}
