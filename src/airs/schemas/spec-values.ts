/**
 * The spec's enumerations and limits as plain data. The zod schemas (`common.ts`) are built from them, and so
 * are the input checks, which run before the first request and must not wait for zod to load (see
 * docs/architecture.md, "Cold start").
 */

// Same shape as JSON Schema's `uuid` format: hex in 8-4-4-4-12 groups, any version or variant.
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The source types a single model can have. */
export const MODEL_SOURCE_TYPES = [
  'LOCAL',
  'HUGGING_FACE',
  'S3',
  'GCS',
  'AZURE',
  'ARTIFACTORY',
  'GITLAB'
] as const
/** `ALL` exists only for rules and security groups. */
export const SOURCE_TYPES = [...MODEL_SOURCE_TYPES, 'ALL'] as const
export type ModelSourceType = (typeof MODEL_SOURCE_TYPES)[number]

export const RULE_STATES = ['DISABLED', 'ALLOWING', 'BLOCKING'] as const

export const SCAN_ORIGINS = [
  'MODEL_SECURITY_SDK',
  'MODEL_SECURITY_API',
  'MODEL_SECURITY_FRONTEND',
  'HUGGING_FACE'
] as const

/**
 * The label key the client adds to every scan it creates, with a value unique per request, so a create whose
 * answer was lost can be found instead of repeated. Not the spec's; here because the reports hide it.
 */
export const CREATE_REQUEST_LABEL = 'gate-request-id'

/**
 * The label key the gate adds to the scans it creates: a hash of what was scanned and how (the commit or the
 * content digest, the allow and ignore patterns), so a later run with `reuse` can find a scan of exactly that.
 */
export const REUSE_KEY_LABEL = 'gate-reuse-key'

/** Label keys only the gate sets: refused in the labels input, hidden in the reports. */
/** Names the model a scan is of (not its revision), so a later run finds the previous scan to compare with. */
export const MODEL_KEY_LABEL = 'gate-model-key'
export const GATE_LABEL_KEYS: ReadonlySet<string> = new Set([
  CREATE_REQUEST_LABEL,
  REUSE_KEY_LABEL,
  MODEL_KEY_LABEL
])

/** The all-zero UUID the service puts in a scan's model_version_uuid while the scan has no version. */
export const NO_VERSION_UUID = /^0{8}-0{4}-0{4}-0{4}-0{12}$/

/** A scan carries at most this many labels (the spec's LabelSchema list). */
export const MAX_LABELS_PER_SCAN = 50

/** The spec's LabelSchema. Dots are not allowed, so `v1.2` must be written `v1-2`. */
export const LABEL_PATTERN = /^[a-zA-Z0-9_-]+$/
export const LABEL_PARTS = {
  key: {
    max: 128,
    empty: 'label key is empty',
    tooLong: 'label key is longer than 128 characters',
    pattern: 'label key may only contain letters, digits, "_" and "-"'
  },
  value: {
    max: 256,
    empty: 'label value is empty',
    tooLong: 'label value is longer than 256 characters',
    pattern: 'label value may only contain letters, digits, "_" and "-"'
  }
} as const
export type LabelPart = keyof typeof LABEL_PARTS

/** Which rule of LabelSchema `text` breaks as a label's key or value, or undefined when it is valid. */
export function labelProblem(part: LabelPart, text: string): 'empty' | 'tooLong' | 'pattern' | undefined {
  if (text.length === 0) return 'empty'
  if (text.length > LABEL_PARTS[part].max) return 'tooLong'
  if (!LABEL_PATTERN.test(text)) return 'pattern'
  return undefined
}
