import type { Dispatcher } from 'undici'
import type { z } from 'zod'
import type { ClientConfig } from './config.js'
import { redact } from '../util/redact.js'
import { AirsError, describeIssues } from './airs-error.js'
import { parseServiceError } from './error-body.js'
import { NetworkError, send, type HttpMethod, type HttpResponse } from './http.js'
import { contractFailure, httpFailure, networkFailure, type FailureContext } from './http-failure.js'
import type { Logger } from '../util/logger.js'
import type { TokenProvider } from './oauth.js'
import { buildQuery, fillPath, type QueryParams } from './query.js'
import {
  RETRYABLE_STATUSES,
  RetryableFailure,
  serverRetryHint,
  runWithRetries,
  type RetryRuntime
} from './retry.js'

/**
 * Authenticated JSON calls to either plane: bearer token (renewed once on 401), per-request timeout,
 * retries with backoff for transient failures, and response validation against the zod schema of the
 * endpoint. Every error leaving here is an AirsError with secrets redacted.
 */

type Plane = 'data' | 'mgmt'

export interface ApiRequest<T> {
  plane: Plane
  method: HttpMethod
  /** Path template below the plane, e.g. `/v1/scans/{uuid}`; names the endpoint in errors. */
  path: string
  params?: Record<string, string>
  query?: QueryParams
  body?: unknown
  /** Schema of a 2xx body; null when the endpoint answers 204 without one. */
  schema: z.ZodType<T> | null
  signal?: AbortSignal
}

export interface TransportDeps {
  config: ClientConfig
  tokens: TokenProvider
  dispatcher: Dispatcher
  retry: RetryRuntime
  timeoutMs: number
  maxBodyBytes: number
  userAgent: string
  logger: Logger
  /** Values that must never appear in an error message. */
  secrets: () => string[]
}

const REQUEST_ID_HEADERS = ['x-request-id', 'x-correlation-id', 'x-amzn-requestid', 'x-cloud-trace-context']

/** Without a Retry-After, a 429 holds every request back this long. */
const RATE_LIMIT_PAUSE_MS = 1000

export class Transport {
  /**
   * Until when every request waits: a 429 is the tenant's budget running out, shared by every worker of the
   * run, so it slows all of them, not only the one that hit it (which would leave the others to hit it too).
   */
  private pausedUntil = 0

  constructor(private readonly deps: TransportDeps) {}

  /** Runs a call with retries. Only for idempotent calls: creating a scan goes through `once`. */
  async call<T>(req: ApiRequest<T>): Promise<T> {
    return runWithRetries((n) => this.once(req, n), this.deps.retry, req.signal)
  }

  /**
   * One attempt (plus the token renewal on 401). Transient failures are thrown as RetryableFailure so the
   * caller decides whether and how to retry.
   */
  async once<T>(req: ApiRequest<T>, attemptIndex = 0): Promise<T> {
    const { config } = this.deps
    const base = req.plane === 'data' ? config.dataEndpoint.value : config.mgmtEndpoint.value
    const endpoint = `${req.method} ${new URL(base).pathname.replace(/\/+$/, '')}${req.path}`
    const url = `${base}${fillPath(req.path, req.params)}${buildQuery(req.query)}`
    const ctx: FailureContext = { endpoint, tsgId: config.tsgId.value, attempts: attemptIndex + 1 }
    try {
      // a retry waits its own delay; a new request waits out the pause another request's 429 set
      if (attemptIndex === 0) await this.rateLimitPause(req.signal)
      let renewed = false
      for (;;) {
        const token = await this.deps.tokens.token(req.signal)
        const res = await this.exchange(req, url, token, ctx)
        if (res.status === 401 && !renewed) {
          // the token may have expired or been revoked early: fetch a new one once, outside the retry budget
          this.deps.tokens.invalidate(token)
          renewed = true
          this.deps.logger.debug(`${endpoint} answered 401; renewing the access token`)
          continue
        }
        return this.read(req, res, { ...ctx, requestId: requestId(res) })
      }
    } catch (e) {
      if (e instanceof RetryableFailure) {
        this.scrub(e.error)
        throw e
      }
      if (e instanceof AirsError) throw this.scrub(e)
      throw e
    }
  }

  private async exchange<T>(
    req: ApiRequest<T>,
    url: string,
    token: string,
    ctx: FailureContext
  ): Promise<HttpResponse> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      'user-agent': this.deps.userAgent
    }
    if (req.body !== undefined) headers['content-type'] = 'application/json'
    const started = Date.now()
    try {
      const res = await send(this.deps.dispatcher, {
        method: req.method,
        url,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        timeoutMs: this.deps.timeoutMs,
        maxBodyBytes: this.deps.maxBodyBytes,
        signal: req.signal
      })
      this.deps.logger.debug(`${ctx.endpoint} → ${res.status} (${Date.now() - started} ms)`)
      return res
    } catch (e) {
      if (!(e instanceof NetworkError)) throw e
      this.deps.logger.debug(`${ctx.endpoint} → ${e.failure}: ${e.message}`)
      const err = networkFailure(e, ctx)
      if (!e.retryable) throw err
      throw new RetryableFailure(err, undefined, e.maybeProcessed)
    }
  }

  private read<T>(req: ApiRequest<T>, res: HttpResponse, ctx: FailureContext): T {
    if (res.status >= 200 && res.status < 300) {
      if (req.schema === null) return undefined as T
      let json: unknown = {}
      if (res.text.trim() !== '') {
        try {
          json = JSON.parse(res.text)
        } catch {
          // often a truncated body from a proxy: worth another attempt
          throw new RetryableFailure(contractFailure(ctx, `the ${res.status} body is not valid JSON`))
        }
      }
      const parsed = req.schema.safeParse(json)
      if (!parsed.success) throw contractFailure(ctx, describeIssues(parsed.error.issues))
      return parsed.data
    }
    const service = parseServiceError(res.text, this.deps.secrets())
    if (RETRYABLE_STATUSES.has(res.status)) {
      const hint = serverRetryHint(res.headers, service.retryAfterMs)
      if (res.status === 429) this.pauseAll(hint ?? RATE_LIMIT_PAUSE_MS)
      // 408 and 429 mean the request was not processed; other failures may have taken effect
      throw new RetryableFailure(
        httpFailure(res.status, service, ctx),
        hint,
        res.status !== 408 && res.status !== 429
      )
    }
    throw httpFailure(res.status, service, ctx)
  }

  /** Holds every request of this client back for `ms` (never beyond what the client would wait at all). */
  private pauseAll(ms: number): void {
    const wait = Math.min(ms, this.deps.retry.policy.maxRetryAfterMs)
    const until = Date.now() + wait
    if (until > this.pausedUntil) {
      this.pausedUntil = until
      this.deps.logger.debug(`rate limited: every new request waits ${Math.ceil(wait / 1000)} s`)
    }
  }

  private async rateLimitPause(signal: AbortSignal | undefined): Promise<void> {
    const wait = this.pausedUntil - Date.now()
    if (wait > 0) await this.deps.retry.sleep(wait, signal)
  }

  private scrub(e: AirsError): AirsError {
    e.message = redact(e.message, this.deps.secrets())
    return e
  }
}

function requestId(res: HttpResponse): string | undefined {
  for (const h of REQUEST_ID_HEADERS) {
    const v = res.headers[h]
    if (v) return v.slice(0, 128)
  }
  return undefined
}
