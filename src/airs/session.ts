import type { Dispatcher } from 'undici'
import { PRODUCT, VERSION } from '../version.js'
import { sleep as realSleep, type Sleep } from '../util/sleep.js'
import { silentLogger, type Logger } from '../util/logger.js'
import { invalidArgument } from './airs-error.js'
import { resolveConfig, tsgMismatch, type ClientConfig, type ConfigOptions } from './config.js'
import { createDispatcher, describeProxy, proxySettings } from './dispatcher.js'
import { TokenProvider } from './oauth.js'
import { DEFAULT_RETRY_POLICY, type RetryPolicy, type RetryRuntime } from './retry.js'

/**
 * A signed-in connection to the service: the resolved configuration, the connection pool, the retry policy
 * and the OAuth tokens, without the API groups (`ModelSecurityClient` adds those). Split from the client so
 * the gate can start the token exchange while the API's schemas and the rest of the gate still load: the
 * exchange is the run's first request, and on a real network its round trip hides that loading (see
 * docs/architecture.md, "Cold start").
 */

export interface SessionOptions extends ConfigOptions {
  /** Per-request timeout (default 30 s). The caller's `signal` bounds a whole operation. */
  timeoutMs?: number
  retry?: Partial<RetryPolicy>
  logger?: Logger
  /** Receives every secret the session holds or obtains (client secret, tokens, index URLs) to mask it. */
  onSecret?: (secret: string) => void
  userAgent?: string
  /** Connection pool; by default one honouring HTTPS_PROXY / NO_PROXY, closed by `close()`. */
  dispatcher?: Dispatcher
  /** Test seams. */
  sleep?: Sleep
  random?: () => number
  now?: () => number
}

const DEFAULT_TIMEOUT_MS = 30_000

export class AirsSession {
  readonly config: ClientConfig
  readonly dispatcher: Dispatcher
  readonly retry: RetryRuntime
  readonly tokens: TokenProvider
  readonly timeoutMs: number
  readonly userAgent: string
  readonly logger: Logger
  /** Records a secret (masked in the log, redacted from errors). */
  readonly onSecret: (secret: string) => void
  private readonly secretSet = new Set<string>()
  private readonly ownedDispatcher?: Dispatcher
  private closing?: Promise<void>

  constructor(options: SessionOptions = {}) {
    this.config = resolveConfig(options)
    const logger = (this.logger = options.logger ?? silentLogger)
    this.onSecret = (s: string) => {
      if (s && !this.secretSet.has(s)) {
        this.secretSet.add(s)
        options.onSecret?.(s)
      }
    }
    this.onSecret(this.config.clientSecret.value)

    const mismatch = tsgMismatch(this.config)
    if (mismatch) logger.warning(mismatch)

    const env = options.env ?? process.env
    const proxy = proxySettings(env)
    if (proxy && !options.dispatcher) {
      const via = [
        proxy.httpsProxy && `HTTPS via ${describeProxy(proxy.httpsProxy)}`,
        proxy.httpProxy && `HTTP via ${describeProxy(proxy.httpProxy)}`
      ]
      logger.debug(`Using a proxy (${via.filter(Boolean).join(', ')}; not for ${proxy.noProxy})`)
    }
    this.dispatcher = options.dispatcher ?? createDispatcher({ env })
    if (!options.dispatcher) this.ownedDispatcher = this.dispatcher

    const retry: RetryRuntime = (this.retry = {
      policy: retryPolicy(options.retry),
      sleep: options.sleep ?? realSleep,
      random: options.random ?? Math.random,
      onRetry: ({ retry: n, delayMs, error }) =>
        logger.info(
          `${error.message.split('. ')[0]}; retry ${n} of ${retry.policy.maxRetries} in ${(delayMs / 1000).toFixed(1)} s`
        )
    })
    this.timeoutMs = wholeOption('timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS, 1)
    this.userAgent = options.userAgent ?? `${PRODUCT}/${VERSION} (node ${process.versions.node})`
    this.tokens = new TokenProvider({
      config: this.config,
      dispatcher: this.dispatcher,
      retry,
      timeoutMs: this.timeoutMs,
      userAgent: this.userAgent,
      now: options.now ?? Date.now,
      logger,
      onToken: this.onSecret
    })
  }

  /** Every secret recorded so far. */
  secrets(): string[] {
    return [...this.secretSet]
  }

  /**
   * Starts the token exchange now and returns at once; the next `tokens.token()` takes its outcome, failure
   * included, so a refused credential is still reported once, where the gate first needs a token.
   */
  signIn(): void {
    this.tokens.prefetch()
  }

  /** Closes the connection pool it made (not one it was given); a second call does nothing. */
  async close(): Promise<void> {
    this.closing ??= this.ownedDispatcher?.close()
    await this.closing
  }
}

/** A numeric option: the default when absent, otherwise a whole number of at least `min`. */
export function wholeOption(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback
  if (!Number.isInteger(value) || value < min) {
    throw invalidArgument(
      `Invalid client option ${name}: ${String(value)} (expected a whole number of at least ${min}).`
    )
  }
  return value
}

function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY }
  for (const key of Object.keys(policy) as Array<keyof RetryPolicy>) {
    policy[key] = wholeOption(
      `retry.${key}`,
      overrides[key],
      DEFAULT_RETRY_POLICY[key],
      key === 'maxRetries' ? 0 : 1
    )
  }
  return policy
}
