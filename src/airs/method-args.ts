import { z } from 'zod'
import { describeIssues, invalidArgument } from './airs-error.js'
import {
  DateTime,
  EvalOutcomeEnum,
  FileTypeEnum,
  RuleEvaluationResultEnum,
  RuleStateEnum,
  SortByDateField,
  SortByFileField,
  SortDirection,
  SourceTypeEnum
} from './schemas/common.js'
import { UUID_PATTERN } from './schemas/spec-values.js'

/**
 * Arguments of the client methods, checked before any request: a bad UUID or an out-of-range limit is the
 * caller's mistake and gets a USER_REQUEST_PAYLOAD_ERROR naming the method and the field.
 */

export function parseArgs<S extends z.ZodType>(schema: S, value: unknown, method: string): z.output<S> {
  const r = schema.safeParse(value ?? {})
  if (!r.success) throw invalidArgument(`Invalid arguments to ${method}: ${describeIssues(r.error.issues)}.`)
  return r.data
}

export function uuidArg(value: unknown, name: string, method: string): string {
  if (typeof value !== 'string' || !UUID_PATTERN.test(value)) {
    const shown = typeof value === 'string' ? `"${value.slice(0, 60)}"` : String(value)
    throw invalidArgument(
      `Invalid ${name} passed to ${method}: ${shown} is not a UUID (expected 8-4-4-4-12 hex digits).`
    )
  }
  return value.toLowerCase()
}

const Uuid = z.string().regex(UUID_PATTERN, 'expected a UUID')
const Skip = z.number().int().min(0)
const limit = (max: number) => z.number().int().min(1).max(max)

export const ListEvaluationsArgs = z.strictObject({
  skip: Skip.optional(),
  limit: limit(100).optional(),
  sort_field: SortByDateField.optional(),
  sort_order: SortDirection.optional(),
  result: RuleEvaluationResultEnum.optional(),
  rule_instance_uuid: Uuid.optional()
})
export type ListEvaluationsArgs = z.input<typeof ListEvaluationsArgs>

export const ListViolationsArgs = z.strictObject({ skip: Skip.optional(), limit: limit(100).optional() })
export type ListViolationsArgs = z.input<typeof ListViolationsArgs>

export const ListFilesArgs = z.strictObject({
  skip: Skip.optional(),
  limit: limit(1000).optional(),
  sort_field: SortByFileField.optional(),
  sort_dir: SortDirection.optional(),
  query_path: z.string().optional(),
  recursive: z.boolean().optional(),
  type: FileTypeEnum.optional()
})
export type ListFilesArgs = z.input<typeof ListFilesArgs>

export const ListScansArgs = z
  .strictObject({
    skip: Skip.optional(),
    limit: limit(100).optional(),
    sort_order: SortDirection.optional(),
    search_query: z.string().max(256).optional(),
    security_group_uuid: Uuid.optional(),
    model_version_uuid: Uuid.optional(),
    source_types: z.array(SourceTypeEnum).optional(),
    eval_outcomes: z.array(EvalOutcomeEnum).optional(),
    start_time: DateTime.optional(),
    end_time: DateTime.optional(),
    labels_query: z.string().min(1).max(4096).optional()
  })
  // the service answers 400 to one without the other
  .refine((a) => (a.start_time === undefined) === (a.end_time === undefined), {
    message: 'start_time and end_time go together'
  })
export type ListScansArgs = z.input<typeof ListScansArgs>

/** Inventory lists (`/v1/models`, a model's versions, a version's files): paging only. */
export const ListInventoryArgs = z.strictObject({
  skip: Skip.optional(),
  limit: limit(100).optional(),
  sort_order: SortDirection.optional()
})
export type ListInventoryArgs = z.input<typeof ListInventoryArgs>

export const ListSecurityGroupsArgs = z.strictObject({
  skip: Skip.optional(),
  limit: limit(100).optional(),
  sort_field: SortByDateField.optional(),
  sort_dir: SortDirection.optional(),
  source_types: z.array(SourceTypeEnum).optional(),
  search_query: z.string().min(3, 'search_query needs at least 3 characters').max(1000).optional(),
  enabled_rules: z.array(Uuid).optional()
})
export type ListSecurityGroupsArgs = z.input<typeof ListSecurityGroupsArgs>

export const ListRuleInstancesArgs = z.strictObject({
  skip: Skip.optional(),
  // the spec sets no maximum here; a large page is still bounded to keep responses sane
  limit: limit(1000).optional(),
  security_rule_uuid: Uuid.optional(),
  state: RuleStateEnum.optional(),
  is_custom: z.boolean().optional(),
  generation: z.number().int().min(0).optional()
})
export type ListRuleInstancesArgs = z.input<typeof ListRuleInstancesArgs>

export const VersionsArgs = z.strictObject({
  limit: limit(100).optional(),
  next_token: z.string().optional()
})
export type VersionsArgs = z.input<typeof VersionsArgs>

/** Options of the "fetch every page" helpers. */
export interface CollectOptions {
  /** Stop after this many items (default: the client's `maxItems`). */
  maxItems?: number
  signal?: AbortSignal
}
