import { parseArgs, uuidArg, VersionsArgs } from './method-args.js'
import type { ApiContext } from './api-context.js'
import { SecurityRuleSchema, SnapshotVersionListSchema, type SecurityRule } from './schemas/mgmt-plane.js'
import { followVersions, type VersionHistory } from './version-history.js'

interface CallOptions {
  signal?: AbortSignal
}

/** Management plane: a managed security rule (read-only), with its remediation guidance. */
export class SecurityRulesApi {
  constructor(private readonly ctx: ApiContext) {}

  async get(uuid: string, opts: CallOptions = {}): Promise<SecurityRule> {
    const id = uuidArg(uuid, 'security rule UUID', 'securityRules.get')
    return this.ctx.transport.call({
      plane: 'mgmt',
      method: 'GET',
      path: '/v1/security-rules/{uuid}',
      params: { uuid: id },
      schema: SecurityRuleSchema,
      signal: opts.signal
    })
  }

  /** One page of the managed rule catalogue's snapshot history, newest first (cursor paginated). */
  async listVersions(args: VersionsArgs = {}, opts: CallOptions = {}) {
    const query = parseArgs(VersionsArgs, args, 'securityRules.listVersions')
    return this.ctx.transport.call({
      plane: 'mgmt',
      method: 'GET',
      path: '/v1/security-rules/versions',
      query,
      schema: SnapshotVersionListSchema,
      signal: opts.signal
    })
  }

  /** The catalogue's whole snapshot history: when PANW's managed rules last changed. */
  async allVersions(opts: CallOptions = {}): Promise<VersionHistory> {
    return followVersions((token) =>
      this.listVersions({ limit: 100, ...(token && { next_token: token }) }, opts)
    )
  }
}
