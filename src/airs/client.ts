import type { ApiContext } from './api-context.js'
import type { ClientConfig } from './config.js'
import { InventoryApi } from './inventory.js'
import { PyPIApi } from './pypi.js'
import { ScansApi } from './scans.js'
import { SecurityGroupsApi } from './security-groups.js'
import { SecurityRulesApi } from './security-rules.js'
import { AirsSession, wholeOption, type SessionOptions } from './session.js'
import { Transport } from './transport.js'

/**
 * Client of the Prisma AIRS AI Model Security API, both planes behind one OAuth2 token.
 *
 *   const client = new ModelSecurityClient()            // credentials from the environment
 *   const scan = await client.scans.create({ model_uri, security_group_uuid })
 *   const violations = await client.scans.allViolations(scan.uuid)
 */

export interface ModelSecurityClientOptions extends SessionOptions {
  /** Pages fetched at once when collecting a long list (default 4). */
  pageConcurrency?: number
  /** Cap on the items one "fetch everything" call collects (default 100,000). */
  maxItems?: number
  /** Largest response body accepted (default 64 MiB). */
  maxBodyBytes?: number
  /**
   * A session opened (and maybe signed in) already; the client then takes its configuration, pool and tokens
   * from it, ignores the session options, and leaves closing it to whoever opened it.
   */
  session?: AirsSession
}

export class ModelSecurityClient {
  readonly config: ClientConfig
  readonly scans: ScansApi
  /** the model inventory: models and their versions as scans recorded them */
  readonly models: InventoryApi
  readonly securityGroups: SecurityGroupsApi
  readonly securityRules: SecurityRulesApi
  readonly pypi: PyPIApi
  private readonly session: AirsSession
  private readonly ownsSession: boolean

  constructor(options: ModelSecurityClientOptions = {}) {
    this.ownsSession = !options.session
    const session = (this.session = options.session ?? new AirsSession(options))
    this.config = session.config
    const transport = new Transport({
      config: session.config,
      tokens: session.tokens,
      dispatcher: session.dispatcher,
      retry: session.retry,
      timeoutMs: session.timeoutMs,
      maxBodyBytes: wholeOption('maxBodyBytes', options.maxBodyBytes, 64 * 1024 * 1024, 1),
      userAgent: session.userAgent,
      logger: session.logger,
      secrets: () => session.secrets()
    })
    const ctx: ApiContext = {
      transport,
      retry: session.retry,
      logger: session.logger,
      pageConcurrency: wholeOption('pageConcurrency', options.pageConcurrency, 4, 1),
      maxItems: wholeOption('maxItems', options.maxItems, 100_000, 1),
      timeoutMs: session.timeoutMs
    }
    this.scans = new ScansApi(ctx)
    this.models = new InventoryApi(ctx)
    this.securityGroups = new SecurityGroupsApi(ctx)
    this.securityRules = new SecurityRulesApi(ctx)
    this.pypi = new PyPIApi(ctx, session.onSecret)
  }

  /** Tokens fetched so far (diagnostics). */
  get tokensIssued(): number {
    return this.session.tokens.tokensIssued
  }

  /** Fetches a token now, to fail fast on bad credentials before other work starts. */
  async authenticate(signal?: AbortSignal): Promise<void> {
    await this.session.tokens.token(signal)
  }

  async close(): Promise<void> {
    if (this.ownsSession) await this.session.close()
  }
}
