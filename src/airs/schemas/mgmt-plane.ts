import { z } from 'zod'
import {
  DateTime,
  PaginationSchema,
  RuleOrigin,
  RuleState,
  SourceType,
  Uuid,
  lenientArray,
  openEnum
} from './common.js'

/**
 * Management-plane schemas (`/aims/mgmt`), from the official OpenAPI document (spec/airs-openapi/mgmt-plane.yml).
 * Same policy as the data plane: strict where the gate depends on a field, lenient elsewhere.
 */

const GROUP_STATES = ['PENDING', 'ACTIVE'] as const
const SecurityGroupState = openEnum(GROUP_STATES)

export const SecurityGroupSchema = z.looseObject({
  uuid: Uuid,
  name: z.string(),
  source_type: SourceType,
  // soft-deleted groups still resolve by UUID
  is_tombstone: z.boolean().nullish(),
  state: SecurityGroupState.optional(),
  description: z.string().nullish(),
  tsg_id: z.string().optional(),
  created_at: DateTime.optional(),
  updated_at: DateTime.optional(),
  // list items only (August 2026)
  enabled_rule_count: z.number().int().nullish()
})
export type SecurityGroup = z.infer<typeof SecurityGroupSchema>

export const SecurityGroupListSchema = z.looseObject({
  pagination: PaginationSchema.nullish(),
  security_groups: z.array(SecurityGroupSchema)
})

const RuleRemediationSchema = z.looseObject({
  description: z.string().nullish(),
  steps: lenientArray(z.string()),
  url: z.string().nullish()
})

const EditableFieldSchema = z.looseObject({
  attribute_name: z.string(),
  type: z.string().optional(),
  display_name: z.string().optional(),
  display_type: z.string().optional(),
  description: z.string().nullish(),
  dropdown_values: z.array(z.looseObject({ value: z.string(), label: z.string().optional() })).nullish()
})

export const SecurityRuleSchema = z.looseObject({
  uuid: Uuid,
  name: z.string(),
  description: z.string().optional(),
  rule_type: openEnum(['METADATA', 'ARTIFACT']).optional(),
  compatible_sources: lenientArray(SourceType),
  default_state: RuleState.optional(),
  remediation: RuleRemediationSchema.nullish(),
  editable_fields: lenientArray(EditableFieldSchema),
  constant_values: z.record(z.string(), z.unknown()).nullish(),
  default_values: z.record(z.string(), z.unknown()).nullish(),
  enabled_security_group_count: z.number().int().nullish()
})
export type SecurityRule = z.infer<typeof SecurityRuleSchema>

/**
 * `field_values` is documented as lists of strings keyed by approved_formats, approved_licenses, etc.
 * Values of other shapes are kept as they are: they are reported, never used to decide.
 */
const FieldValuesSchema = z.record(z.string(), z.unknown())

export const RuleInstanceSchema = z.looseObject({
  uuid: Uuid,
  security_group_uuid: Uuid,
  state: RuleState,
  security_rule_uuid: Uuid.nullish(),
  rule: SecurityRuleSchema.nullish(),
  field_values: FieldValuesSchema.nullish(),
  custom_rule_uuid: Uuid.nullish(),
  custom_rule: z.looseObject({ uuid: Uuid, name: z.string(), description: z.string().nullish() }).nullish(),
  rule_origin: RuleOrigin.nullish(),
  tsg_id: z.string().optional(),
  created_at: DateTime.nullish(),
  updated_at: DateTime.nullish(),
  created_by: z.string().nullish(),
  updated_by: z.string().nullish()
})
export type RuleInstance = z.infer<typeof RuleInstanceSchema>

export const RuleInstanceListSchema = z.looseObject({
  pagination: PaginationSchema.nullish(),
  rule_instances: z.array(RuleInstanceSchema)
})

/** Cursor-paginated history of rule snapshots (`…/versions`), newest first. */
export const SnapshotVersionListSchema = z.looseObject({
  versions: z.array(z.looseObject({ generation: z.number().int().nonnegative(), timestamp: DateTime })),
  pagination: z.looseObject({ next_token: z.string().nullish() }).nullish()
})
export type SnapshotVersion = z.infer<typeof SnapshotVersionListSchema>['versions'][number]

export const PyPIAuthSchema = z.looseObject({
  url: z.url(),
  expires_at: DateTime
})
export type PyPIAuth = z.infer<typeof PyPIAuthSchema>
