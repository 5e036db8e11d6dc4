import type { Dispatcher } from 'undici'
import type { ClientConfig } from './config.js'
import type * as TokenSchemas from './schemas/token.js'
import { redact } from '../util/redact.js'
import { AirsError } from './airs-error.js'
import { parseServiceError } from './error-body.js'
import { NetworkError, send } from './http.js'
import { networkFailure } from './http-failure.js'
import type { Logger } from '../util/logger.js'
import { untilAborted } from '../util/sleep.js'
import {
  RETRYABLE_STATUSES,
  RetryableFailure,
  serverRetryHint,
  runWithRetries,
  type RetryRuntime
} from './retry.js'

/**
 * OAuth2 client-credentials tokens for both API planes. One token is cached and shared; it is renewed shortly
 * before it expires, and dropped when the API answers 401 so the next call fetches a fresh one. Concurrent
 * callers share a single token request. The token and the secret are never logged.
 */

/**
 * The token answer's schema, loaded once, when the first answer is here: the token request is a run's first,
 * and leaves before zod is parsed (docs/architecture.md, "Cold start").
 */
let tokenSchemaModule: Promise<typeof TokenSchemas> | undefined
const tokenSchema = () => (tokenSchemaModule ??= import('./schemas/token.js'))

/** Tokens live 15 minutes; used when the server does not say. */
const DEFAULT_LIFETIME_S = 900
/** Renew this long before expiry (at most a quarter of the lifetime, for very short-lived tokens). */
const RENEW_BEFORE_MS = 60_000

export interface TokenProviderDeps {
  config: ClientConfig
  dispatcher: Dispatcher
  retry: RetryRuntime
  timeoutMs: number
  userAgent: string
  now: () => number
  logger: Logger
  /** Called with every new token, so the caller can mask it in logs. */
  onToken: (token: string) => void
}

interface CachedToken {
  token: string
  renewAt: number
}

export class TokenProvider {
  private cached?: CachedToken
  private inflight?: Promise<string>
  /** A prefetch's request, kept until a caller takes its outcome. */
  private prefetched?: Promise<string>
  private issued = 0

  constructor(private readonly deps: TokenProviderDeps) {}

  /** How many tokens were fetched so far (for diagnostics and tests). */
  get tokensIssued(): number {
    return this.issued
  }

  /**
   * The current token, fetching one if needed. Concurrent callers share one request, which runs to its own
   * timeouts: one caller giving up (its `signal`) does not cancel it for the others.
   */
  async token(signal?: AbortSignal): Promise<string> {
    // a prefetch is taken once: its failure goes to this caller, its token is in the cache when it succeeded
    const prefetched = this.prefetched
    this.prefetched = undefined
    const c = this.cached
    if (c && this.deps.now() < c.renewAt) return c.token
    this.inflight ??= (prefetched ?? this.fetchToken()).finally(() => {
      this.inflight = undefined
    })
    return untilAborted(
      this.inflight,
      signal,
      () =>
        new AirsError(
          'OAUTH_ERROR',
          'Obtaining an access token was cancelled (the overall time limit ran out).',
          {
            reason: 'ABORTED'
          }
        )
    )
  }

  /**
   * Starts fetching a token without waiting for it. The next `token()` call takes this request's outcome,
   * failure included, so a refused credential is reported once, to the caller that first needs a token.
   */
  prefetch(): void {
    if (this.cached || this.inflight || this.prefetched) return
    const request = this.fetchToken()
    // reported to whoever takes it; never an unhandled rejection if nobody does
    request.catch(() => undefined)
    this.prefetched = request
  }

  /** Forget a token the API refused, unless a newer one already replaced it. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined
  }

  private async fetchToken(): Promise<string> {
    const { config } = this.deps
    const endpoint = `POST ${new URL(config.tokenEndpoint.value).pathname}`
    const basic = Buffer.from(`${config.clientId.value}:${config.clientSecret.value}`).toString('base64')
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      scope: `tsg_id:${config.tsgId.value}`
    })
    const secrets = [config.clientSecret.value, basic]

    const token = await runWithRetries(async (n) => {
      const ctx = { endpoint, tsgId: config.tsgId.value, attempts: n + 1 }
      let res
      try {
        res = await send(this.deps.dispatcher, {
          method: 'POST',
          url: config.tokenEndpoint.value,
          headers: {
            authorization: `Basic ${basic}`,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
            'user-agent': this.deps.userAgent
          },
          body: body.toString(),
          timeoutMs: this.deps.timeoutMs,
          maxBodyBytes: 1024 * 1024
        })
      } catch (e) {
        if (!(e instanceof NetworkError)) throw e
        const err = asOAuth(networkFailure(e, ctx), 'TOKEN_ENDPOINT_FAILED')
        if (!e.retryable) throw err
        throw new RetryableFailure(err)
      }
      const service = parseServiceError(res.text, secrets)
      if (RETRYABLE_STATUSES.has(res.status)) {
        const hint = serverRetryHint(res.headers, service.retryAfterMs)
        throw new RetryableFailure(
          this.rejected(
            res.status,
            service.message ?? service.code,
            ctx.attempts,
            secrets,
            'TOKEN_ENDPOINT_FAILED'
          ),
          hint
        )
      }
      if (res.status < 200 || res.status >= 300) {
        const said = [service.code, service.message].filter(Boolean).join(': ')
        throw this.rejected(res.status, said, ctx.attempts, secrets, 'TOKEN_REJECTED')
      }
      let json: unknown
      try {
        json = JSON.parse(res.text)
      } catch {
        throw new RetryableFailure(
          new AirsError(
            'OAUTH_ERROR',
            `The token endpoint (${endpoint}) answered ${res.status} with a body that is not JSON.`,
            {
              reason: 'CONTRACT_VIOLATION',
              endpoint,
              status: res.status,
              attempts: ctx.attempts
            }
          )
        )
      }
      const { TokenResponseSchema } = await tokenSchema()
      const parsed = TokenResponseSchema.safeParse(json)
      if (!parsed.success) {
        throw new AirsError(
          'OAUTH_ERROR',
          `The token endpoint (${endpoint}) answered ${res.status} without a usable access_token: check that the token endpoint URL points at the OAuth2 token service.`,
          { reason: 'CONTRACT_VIOLATION', endpoint, status: res.status, attempts: ctx.attempts }
        )
      }
      return parsed.data
    }, this.deps.retry)

    this.deps.onToken(token.access_token)
    this.issued++
    const lifetimeMs = (token.expires_in ?? DEFAULT_LIFETIME_S) * 1000
    this.cached = {
      token: token.access_token,
      renewAt: this.deps.now() + lifetimeMs - Math.min(RENEW_BEFORE_MS, lifetimeMs / 4)
    }
    this.deps.logger.debug(`Obtained an access token valid for ${Math.round(lifetimeMs / 1000)} s`)
    return token.access_token
  }

  private rejected(
    status: number,
    said: string | undefined,
    attempts: number,
    secrets: string[],
    reason: 'TOKEN_REJECTED' | 'TOKEN_ENDPOINT_FAILED'
  ): AirsError {
    const { config } = this.deps
    const detail = said ? ` (${redact(said, secrets)})` : ''
    let fix: string
    if (status === 400 || status === 401 || status === 403) {
      fix = /scope/i.test(said ?? '')
        ? `Check the TSG ID (from ${config.tsgId.source}): the service account must belong to that tenant service group.`
        : `Check the client ID (from ${config.clientId.source}) and client secret (from ${config.clientSecret.source}): they must be a current service-account pair of TSG ${config.tsgId.value} (from ${config.tsgId.source}).`
    } else if (status === 404 || status === 405) {
      fix = `Check the token endpoint URL (from ${config.tokenEndpoint.source}); the default is https://auth.apps.paloaltonetworks.com/oauth2/access_token.`
    } else {
      fix = `The authentication service is failing${attempts > 1 ? ` (${attempts} attempts)` : ''}; retry later.`
    }
    const what = status === 400 || status === 401 || status === 403 ? 'was refused with' : 'failed with'
    return new AirsError('OAUTH_ERROR', `The token request ${what} ${status}${detail}. ${fix}`, {
      reason,
      status,
      endpoint: `POST ${new URL(config.tokenEndpoint.value).pathname}`,
      attempts
    })
  }
}

function asOAuth(e: AirsError, reason: 'TOKEN_ENDPOINT_FAILED'): AirsError {
  return new AirsError('OAUTH_ERROR', `Could not obtain an access token: ${e.message}`, {
    reason: e.reason === 'ABORTED' ? 'ABORTED' : reason,
    endpoint: e.endpoint,
    attempts: e.attempts
  })
}
