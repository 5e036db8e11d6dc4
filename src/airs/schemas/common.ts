import { z } from 'zod'
import {
  LABEL_PARTS,
  LABEL_PATTERN,
  MODEL_SOURCE_TYPES,
  RULE_STATES,
  SCAN_ORIGINS,
  SOURCE_TYPES,
  UUID_PATTERN,
  type LabelPart
} from './spec-values.js'

/**
 * Building blocks shared by both API planes.
 *
 * Responses are parsed leniently where the gate does not depend on a field (unknown fields are kept,
 * enum values the service adds later survive as plain strings) and strictly where it does.
 */

export const Uuid = z.string().regex(UUID_PATTERN, 'expected a UUID')

/** An ISO-8601 timestamp; kept as the string the service sent (microsecond precision is common). */
export const DateTime = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO-8601 date-time')

/**
 * The spec declares many enums as `anyOf: [Enum, string]`: the service may send values we do not know yet.
 * The type keeps the known literals for completion while accepting any string at run time.
 */
export function openEnum<const T extends readonly [string, ...string[]]>(values: T) {
  void values
  return z.string() as unknown as z.ZodType<T[number] | (string & {})>
}

/** Spec says the list is required; an absent or null list is read as empty rather than failing the gate. */
export const lenientArray = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? [])

export const PaginationSchema = z.looseObject({
  // null or absent means "unknown", never zero
  total_items: z.number().int().nonnegative().nullish()
})
export type Pagination = z.infer<typeof PaginationSchema>

export const SourceTypeEnum = z.enum(SOURCE_TYPES)
export type SourceType = z.infer<typeof SourceTypeEnum>
export const SourceType = openEnum(SOURCE_TYPES)
export const ModelSourceTypeEnum = z.enum(MODEL_SOURCE_TYPES)

const EVAL_OUTCOMES = ['PENDING', 'ALLOWED', 'BLOCKED', 'ERROR'] as const
export const EvalOutcome = openEnum(EVAL_OUTCOMES)
export const EvalOutcomeEnum = z.enum(EVAL_OUTCOMES)

export const RuleStateEnum = z.enum(RULE_STATES)
export const RuleState = openEnum(RULE_STATES)

const RULE_EVALUATION_RESULTS = ['PASSED', 'FAILED', 'ERROR'] as const
export const RuleEvaluationResultEnum = z.enum(RULE_EVALUATION_RESULTS)
export const RuleEvaluationResult = openEnum(RULE_EVALUATION_RESULTS)

export const RuleOrigin = openEnum(['PANW_MANAGED', 'CUSTOM'])
export const FileScanResult = openEnum(['SKIPPED', 'SUCCESS', 'ERROR', 'FAILED'])
const FILE_TYPES = ['DIRECTORY', 'FILE'] as const
export const FileTypeEnum = z.enum(FILE_TYPES)
export const FileType = openEnum(FILE_TYPES)

export const ScanOriginEnum = z.enum(SCAN_ORIGINS)
export const ScanOrigin = openEnum(SCAN_ORIGINS)

const ERROR_CODES = [
  'UNKNOWN_ERROR',
  'SCAN_ERROR',
  'INVALID_RESPONSE',
  'ACCESS_DENIED',
  'MISSING_CREDENTIALS',
  'NO_SUCH_KEY',
  'NO_SUCH_BUCKET',
  'INVALID_BUCKET_NAME',
  'INTERNAL_ERROR',
  'SERVICE_UNAVAILABLE',
  'INVALID_OBJECT_STATE',
  'UNKNOWN_REMOTE_SERVICE_ERROR',
  'UNSUPPORTED_REMOTE_STORAGE',
  'MISSING_ARTIFACTS',
  'WORKER_ERROR',
  'POLICY_EVAL_ERROR',
  'RESOURCE_NOT_FOUND',
  'SCAN_DATA_PENDING'
] as const
export const ErrorCodeEnum = z.enum(ERROR_CODES)
export const ErrorCode = openEnum(ERROR_CODES)

const THREAT_CATEGORIES = [
  'PAIT-ARV-100',
  'PAIT-GGUF-100',
  'PAIT-GGUF-101',
  'PAIT-KERAS-100',
  'PAIT-KERAS-101',
  'PAIT-KERAS-102',
  'PAIT-JOBLIB-100',
  'PAIT-JOBLIB-101',
  'PAIT-PKL-100',
  'PAIT-PKL-101',
  'PAIT-PYTCH-100',
  'PAIT-PYTCH-101',
  'PAIT-EXDIR-100',
  'PAIT-EXDIR-101',
  'PAIT-ONNX-200',
  'PAIT-TF-200',
  'PAIT-LMAFL-300',
  'PAIT-LITERT-300',
  'PAIT-LITERT-301',
  'PAIT-LITERT-302',
  'PAIT-KERAS-300',
  'PAIT-KERAS-301',
  'PAIT-TCHST-300',
  'PAIT-TCHST-301',
  'PAIT-TF-300',
  'PAIT-TF-301',
  'PAIT-TF-302',
  'PAIT-TMT-300',
  'PAIT-TMT-301',
  'UNAPPROVED_FORMATS'
] as const
export const ThreatCategoryEnum = z.enum(THREAT_CATEGORIES)
export const ThreatCategory = openEnum(THREAT_CATEGORIES)

const SORT_DIRECTIONS = ['asc', 'desc'] as const
export const SortDirection = z.enum(SORT_DIRECTIONS)
export const SortByDateField = z.enum(['created_at', 'updated_at'])
export const SortByFileField = z.enum(['path', 'type'])

const labelPart = (part: LabelPart) =>
  z
    .string()
    .min(1, LABEL_PARTS[part].empty)
    .max(LABEL_PARTS[part].max, LABEL_PARTS[part].tooLong)
    .regex(LABEL_PATTERN, LABEL_PARTS[part].pattern)
export const LabelKey = labelPart('key')
export const LabelValue = labelPart('value')
export const LabelSchema = z.object({ key: LabelKey, value: LabelValue })
export type Label = z.infer<typeof LabelSchema>
