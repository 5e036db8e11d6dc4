import { ListSecurityRulesArgs, parseArgs, uuidArg, type CollectOptions } from './method-args.js'
import { byUuid, collect, totalOf, type ApiContext } from './api-context.js'
import type { Collected } from './paginate.js'
import { SecurityRuleListSchema, SecurityRuleSchema, type SecurityRule } from './schemas/mgmt-plane.js'

interface CallOptions {
  signal?: AbortSignal
}

/** Management plane: the managed security rules (read-only), with their remediation guidance. */
export class SecurityRulesApi {
  constructor(private readonly ctx: ApiContext) {}

  async list(args: ListSecurityRulesArgs = {}, opts: CallOptions = {}) {
    const query = parseArgs(ListSecurityRulesArgs, args, 'securityRules.list')
    return this.ctx.transport.call({
      plane: 'mgmt',
      method: 'GET',
      path: '/v1/security-rules',
      query,
      schema: SecurityRuleListSchema,
      signal: opts.signal
    })
  }

  async listAll(
    args: Omit<ListSecurityRulesArgs, 'skip' | 'limit'> = {},
    opts: CollectOptions = {}
  ): Promise<Collected<SecurityRule>> {
    parseArgs(ListSecurityRulesArgs, args, 'securityRules.listAll')
    return collect(
      this.ctx,
      100,
      async (skip, limit) => {
        const page = await this.list({ ...args, skip, limit }, opts)
        return { items: page.rules, total: totalOf(page.pagination) }
      },
      byUuid,
      opts
    )
  }

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
}
