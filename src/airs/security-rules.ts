import { uuidArg } from './method-args.js'
import type { ApiContext } from './api-context.js'
import { SecurityRuleSchema, type SecurityRule } from './schemas/mgmt-plane.js'

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
}
