import type { Dispatcher } from 'undici'
import { PRODUCT, VERSION } from '../version.js'
import { sleep as realSleep, type Sleep } from '../util/sleep.js'
import { resolveConfig, tsgMismatch, type ClientConfig, type ConfigOptions } from './config.js'
import { invalidArgument } from './airs-error.js'
import type { ApiContext } from './api-context.js'
import { createDispatcher, describeProxy, proxySettings } from './dispatcher.js'
import { silentLogger, type Logger } from '../util/logger.js'
import { TokenProvider } from './oauth.js'
import { PyPIApi } from './pypi.js'
import { DEFAULT_RETRY_POLICY, type RetryPolicy, type RetryRuntime } from './retry.js'
import { ScansApi } from './scans.js'
import { SecurityGroupsApi } from './security-groups.js'
import { SecurityRulesApi } from './security-rules.js'
import { Transport } from './transport.js'

/**
 * Client of the Prisma AIRS AI Model Security API, both planes behind one OAuth2 token.
 *
 *   const client = new ModelSecurityClient()            // credentials from the environment
 *   const scan = await client.scans.create({ model_uri, security_group_uuid })
 *   const violations = await client.scans.allViolations(scan.uuid)
 */

export interface ModelSecurityClientOptions extends ConfigOptions {
  /** Per-request timeout (default 30 s). The caller's `signal` bounds a whole operation. */
  timeoutMs?: number
  retry?: Partial<RetryPolicy>
  logger?: Logger
  /** Receives every secret the client holds or obtains (client secret, tokens, index URLs) to mask it. */
  onSecret?: (secret: string) => void
  /** Pages fetched at once when collecting a long list (default 4). */
  pageConcurrency?: number
  /** Cap on the items one "fetch everything" call collects (default 100,000). */
  maxItems?: number
  /** Largest response body accepted (default 64 MiB). */
  maxBodyBytes?: number
  userAgent?: string
  /** Connection pool; by default one honouring HTTPS_PROXY / NO_PROXY, closed by `close()`. */
  dispatcher?: Dispatcher
  /** Test seams. */
  sleep?: Sleep
  random?: () => number
  now?: () => number
}

export class ModelSecurityClient {
  readonly config: ClientConfig
  readonly scans: ScansApi
  readonly securityGroups: SecurityGroupsApi
  readonly securityRules: SecurityRulesApi
  readonly pypi: PyPIApi
  private readonly tokens: TokenProvider
  private readonly ownedDispatcher?: Dispatcher

  constructor(options: ModelSecurityClientOptions = {}) {
    this.config = resolveConfig(options)
    const logger = options.logger ?? silentLogger
    const secrets = new Set<string>()
    const onSecret = (s: string) => {
      if (s && !secrets.has(s)) {
        secrets.add(s)
        options.onSecret?.(s)
      }
    }
    onSecret(this.config.clientSecret.value)

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
    const dispatcher = options.dispatcher ?? createDispatcher({ env })
    if (!options.dispatcher) this.ownedDispatcher = dispatcher

    const retry: RetryRuntime = {
      policy: retryPolicy(options.retry),
      sleep: options.sleep ?? realSleep,
      random: options.random ?? Math.random,
      onRetry: ({ retry: n, delayMs, error }) =>
        logger.info(
          `${error.message.split('. ')[0]}; retry ${n} of ${retry.policy.maxRetries} in ${(delayMs / 1000).toFixed(1)} s`
        )
    }
    const timeoutMs = count('timeoutMs', options.timeoutMs, 30_000, 1)
    const userAgent = options.userAgent ?? `${PRODUCT}/${VERSION} (node ${process.versions.node})`
    const now = options.now ?? Date.now

    this.tokens = new TokenProvider({
      config: this.config,
      dispatcher,
      retry,
      timeoutMs,
      userAgent,
      now,
      logger,
      onToken: onSecret
    })
    const transport = new Transport({
      config: this.config,
      tokens: this.tokens,
      dispatcher,
      retry,
      timeoutMs,
      maxBodyBytes: count('maxBodyBytes', options.maxBodyBytes, 64 * 1024 * 1024, 1),
      userAgent,
      logger,
      secrets: () => [...secrets]
    })
    const ctx: ApiContext = {
      transport,
      retry,
      logger,
      pageConcurrency: count('pageConcurrency', options.pageConcurrency, 4, 1),
      maxItems: count('maxItems', options.maxItems, 100_000, 1),
      timeoutMs
    }
    this.scans = new ScansApi(ctx)
    this.securityGroups = new SecurityGroupsApi(ctx)
    this.securityRules = new SecurityRulesApi(ctx)
    this.pypi = new PyPIApi(ctx, onSecret)
  }

  /** Tokens fetched so far (diagnostics). */
  get tokensIssued(): number {
    return this.tokens.tokensIssued
  }

  /** Fetches a token now, to fail fast on bad credentials before other work starts. */
  async authenticate(signal?: AbortSignal): Promise<void> {
    await this.tokens.token(signal)
  }

  async close(): Promise<void> {
    await this.ownedDispatcher?.close()
  }
}

/** A numeric option: the default when absent, otherwise a whole number of at least `min`. */
function count(name: string, value: number | undefined, fallback: number, min: number): number {
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
    policy[key] = count(
      `retry.${key}`,
      overrides[key],
      DEFAULT_RETRY_POLICY[key],
      key === 'maxRetries' ? 0 : 1
    )
  }
  return policy
}
