import {
  ListRuleInstancesArgs,
  ListSecurityGroupsArgs,
  VersionsArgs,
  parseArgs,
  uuidArg,
  type CollectOptions
} from './method-args.js'
import { byUuid, collect, totalOf, type ApiContext } from './api-context.js'
import { invalidArgument } from './airs-error.js'
import { followVersions, type VersionHistory } from './version-history.js'
import type { Collected } from './paginate.js'
import type { SourceType } from './schemas/common.js'
import {
  RuleInstanceListSchema,
  SecurityGroupListSchema,
  SecurityGroupSchema,
  SnapshotVersionListSchema,
  type RuleInstance,
  type SecurityGroup,
  type SnapshotVersion
} from './schemas/mgmt-plane.js'

interface CallOptions {
  signal?: AbortSignal
}

/** Management plane: security groups (scan policies) and their rule instances. */
export class SecurityGroupsApi {
  constructor(private readonly ctx: ApiContext) {}

  async list(args: ListSecurityGroupsArgs = {}, opts: CallOptions = {}) {
    const query = parseArgs(ListSecurityGroupsArgs, args, 'securityGroups.list')
    return this.ctx.transport.call({
      plane: 'mgmt',
      method: 'GET',
      path: '/v1/security-groups',
      query,
      schema: SecurityGroupListSchema,
      signal: opts.signal
    })
  }

  async listAll(
    args: Omit<ListSecurityGroupsArgs, 'skip' | 'limit'> = {},
    opts: CollectOptions = {}
  ): Promise<Collected<SecurityGroup>> {
    parseArgs(ListSecurityGroupsArgs, args, 'securityGroups.listAll')
    return collect(
      this.ctx,
      100,
      async (skip, limit) => {
        const page = await this.list({ ...args, skip, limit }, opts)
        return { items: page.security_groups, total: totalOf(page.pagination) }
      },
      byUuid,
      opts
    )
  }

  async get(uuid: string, opts: CallOptions = {}): Promise<SecurityGroup> {
    const id = uuidArg(uuid, 'security group UUID', 'securityGroups.get')
    return this.ctx.transport.call({
      plane: 'mgmt',
      method: 'GET',
      path: '/v1/security-groups/{uuid}',
      params: { uuid: id },
      schema: SecurityGroupSchema,
      signal: opts.signal
    })
  }

  /**
   * Groups whose name is exactly `name` (case-sensitive), deleted ones excluded. The service's search is a
   * loose match, so every candidate is checked here; callers decide what zero or several matches mean.
   */
  async findByName(
    name: string,
    filter: { sourceType?: SourceType } = {},
    opts: CollectOptions = {}
  ): Promise<SecurityGroup[]> {
    const wanted = name.trim()
    if (wanted === '' || wanted.length > 255) {
      throw invalidArgument('Invalid security group name: a name has 1 to 255 characters.')
    }
    const args = {
      ...(wanted.length >= 3 && { search_query: wanted }),
      ...(filter.sourceType && { source_types: [filter.sourceType] })
    }
    const all = await this.listAll(args, opts)
    return all.items.filter((g) => g.name === wanted && g.is_tombstone !== true)
  }

  async listRuleInstances(groupUuid: string, args: ListRuleInstancesArgs = {}, opts: CallOptions = {}) {
    const id = uuidArg(groupUuid, 'security group UUID', 'securityGroups.listRuleInstances')
    const query = parseArgs(ListRuleInstancesArgs, args, 'securityGroups.listRuleInstances')
    return this.ctx.transport.call({
      plane: 'mgmt',
      method: 'GET',
      path: '/v1/security-groups/{security_group_uuid}/rule-instances',
      params: { security_group_uuid: id },
      query,
      schema: RuleInstanceListSchema,
      signal: opts.signal
    })
  }

  /** Every rule instance of a group; with `generation`, as it was in that historical snapshot. */
  async allRuleInstances(
    groupUuid: string,
    args: Omit<ListRuleInstancesArgs, 'skip' | 'limit'> = {},
    opts: CollectOptions = {}
  ): Promise<Collected<RuleInstance>> {
    uuidArg(groupUuid, 'security group UUID', 'securityGroups.allRuleInstances')
    parseArgs(ListRuleInstancesArgs, args, 'securityGroups.allRuleInstances')
    return collect(
      this.ctx,
      100,
      async (skip, limit) => {
        const page = await this.listRuleInstances(groupUuid, { ...args, skip, limit }, opts)
        return { items: page.rule_instances, total: totalOf(page.pagination) }
      },
      byUuid,
      opts
    )
  }

  /** One page of the group's rule snapshot history, newest first (cursor paginated). */
  async listRuleInstanceVersions(groupUuid: string, args: VersionsArgs = {}, opts: CallOptions = {}) {
    const id = uuidArg(groupUuid, 'security group UUID', 'securityGroups.listRuleInstanceVersions')
    const query = parseArgs(VersionsArgs, args, 'securityGroups.listRuleInstanceVersions')
    return this.ctx.transport.call({
      plane: 'mgmt',
      method: 'GET',
      path: '/v1/security-groups/{security_group_uuid}/rule-instances/versions',
      params: { security_group_uuid: id },
      query,
      schema: SnapshotVersionListSchema,
      signal: opts.signal
    })
  }

  /**
   * Snapshot versions newest first, following the cursor until `until` returns true for a version (so a
   * caller looking for the policy at a past moment stops as soon as it is found) or the history ends.
   */
  async ruleInstanceVersions(
    groupUuid: string,
    until: (v: SnapshotVersion) => boolean = () => false,
    opts: CallOptions = {}
  ): Promise<SnapshotVersion[]> {
    return (await this.versionHistory(groupUuid, until, opts)).versions
  }

  /**
   * The group's whole snapshot history, and whether it is whole: false when the history is longer than one
   * call collects, or its cursor repeated. A caller deciding that nothing changed needs to know.
   */
  async allRuleInstanceVersions(groupUuid: string, opts: CallOptions = {}): Promise<VersionHistory> {
    return this.versionHistory(groupUuid, () => false, opts)
  }

  private versionHistory(
    groupUuid: string,
    until: (v: SnapshotVersion) => boolean,
    opts: CallOptions
  ): Promise<VersionHistory> {
    return followVersions(
      (token) =>
        this.listRuleInstanceVersions(groupUuid, { limit: 100, ...(token && { next_token: token }) }, opts),
      until
    )
  }
}
