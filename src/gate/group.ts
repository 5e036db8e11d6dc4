import type { ModelSecurityClient } from '../airs/client.js'
import { isAirsError } from '../airs/airs-error.js'
import { UUID_PATTERN } from '../airs/schemas/spec-values.js'
import type { SecurityGroup } from '../airs/schemas/mgmt-plane.js'
import { GateError } from '../util/gate-error.js'

/**
 * Finds the security group a model is scanned against: the one named by UUID or exact name, or the tenant's
 * default group for the model's source (`Default HUGGING_FACE`, ...). Checked before any scan is created, so
 * a typo or a group for another source fails with a message that says what to change.
 */

export type GroupSpec = { uuid: string } | { name: string } | undefined

export function groupSpec(text: string | undefined): GroupSpec {
  const t = text?.trim()
  if (!t) return undefined
  return UUID_PATTERN.test(t) ? { uuid: t.toLowerCase() } : { name: t }
}

/** Hexadecimal digits and hyphens, maybe in braces, about as long as a UUID: a UUID with a typo, not a name. */
export const LOOKS_LIKE_UUID = /^[{(]?(?=(?:[^0-9a-f]*[0-9a-f]){28})[0-9a-f-]{30,40}[)}]?$/i

export const defaultGroupName = (sourceType: string) => `Default ${sourceType}`

const describe = (g: SecurityGroup) => `"${g.name}" (${g.uuid}, ${g.source_type})`

export async function resolveGroup(
  client: ModelSecurityClient,
  spec: GroupSpec,
  sourceType: string,
  signal?: AbortSignal
): Promise<SecurityGroup> {
  if (spec && 'uuid' in spec) {
    let group: SecurityGroup
    try {
      group = await client.securityGroups.get(spec.uuid, { signal })
    } catch (e) {
      if (isAirsError(e) && e.reason === 'NOT_FOUND') {
        throw new GateError(
          'SECURITY_GROUP',
          `Security group ${spec.uuid} does not exist in tenant ${client.config.tsgId.value}; check the security-group input (a UUID or an exact group name).`
        )
      }
      throw e
    }
    if (group.is_tombstone) {
      throw new GateError(
        'SECURITY_GROUP',
        `Security group ${describe(group)} has been deleted; choose another.`
      )
    }
    return checkSource(group, sourceType)
  }

  const name = spec?.name ?? defaultGroupName(sourceType)
  const found = await client.securityGroups.findByName(name, {}, { signal })
  const fitting = found.filter((g) => g.source_type === sourceType)
  if (fitting.length === 1) return fitting[0]!
  if (fitting.length > 1) {
    throw new GateError(
      'SECURITY_GROUP',
      `${fitting.length} security groups are named "${name}" for ${sourceType} models (${fitting.map((g) => g.uuid).join(', ')}); pass the UUID of the one to use.`
    )
  }
  if (found.length > 0) return checkSource(found[0]!, sourceType)
  throw new GateError(
    'SECURITY_GROUP',
    spec
      ? `No security group is named "${name}" in tenant ${client.config.tsgId.value} (names are case-sensitive); check the security-group input or pass the group's UUID.`
      : `Tenant ${client.config.tsgId.value} has no "${name}" security group; create one for ${sourceType} models or set the security-group input.`
  )
}

function checkSource(group: SecurityGroup, sourceType: string): SecurityGroup {
  if (group.source_type !== sourceType) {
    throw new GateError(
      'SECURITY_GROUP',
      `Security group ${describe(group)} scans ${group.source_type} models, but this model is ${sourceType}; use a ${sourceType} group or leave security-group empty for "${defaultGroupName(sourceType)}".`
    )
  }
  if (group.state !== undefined && group.state !== 'ACTIVE') {
    throw new GateError(
      'SECURITY_GROUP',
      `Security group ${describe(group)} is ${group.state}, not ACTIVE, so scans against it are refused; wait until it is active or choose another.`
    )
  }
  return group
}
