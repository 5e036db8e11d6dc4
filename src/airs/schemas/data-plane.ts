import { z } from 'zod'
import {
  DateTime,
  ErrorCode,
  ErrorCodeEnum,
  EvalOutcome,
  FileScanResult,
  FileType,
  LabelSchema,
  PaginationSchema,
  RuleEvaluationResult,
  RuleOrigin,
  RuleState,
  ScanOrigin,
  ScanOriginEnum,
  SourceType,
  ThreatCategory,
  ThreatCategoryEnum,
  Uuid,
  lenientArray
} from './common.js'
import { MAX_LABELS_PER_SCAN } from './spec-values.js'

/**
 * Data-plane schemas (`/aims/data`), from the official OpenAPI document (spec/airs-openapi/data-plane.yml).
 * Fields the gate decides or reports on are required and typed; the rest are optional even where the spec
 * marks them required, so a service that omits an informational field cannot fail a gate.
 */

const EvalSummarySchema = z.looseObject({
  rules_failed: z.number().int().nonnegative().default(0),
  rules_passed: z.number().int().nonnegative().default(0),
  total_rules: z.number().int().nonnegative().default(0)
})

export const ScanSchema = z.looseObject({
  uuid: Uuid,
  eval_outcome: EvalOutcome,
  model_uri: z.string(),
  security_group_uuid: Uuid,
  created_at: DateTime,
  updated_at: DateTime,
  eval_summary: EvalSummarySchema.nullish(),
  error_code: ErrorCode.nullish(),
  error_message: z.string().nullish(),
  labels: lenientArray(z.looseObject({ key: z.string(), value: z.string() })),
  // spec-required, informational
  security_group_name: z.string().optional(),
  source_type: SourceType.optional(),
  scan_origin: ScanOrigin.optional(),
  tsg_id: z.string().optional(),
  owner: z.string().optional(),
  // optional in the spec
  created_by: z.string().nullish(),
  enabled_rule_count_snapshot: z.number().int().nullish(),
  model_formats: z.array(z.string()).nullish(),
  // the all-zero UUID is a placeholder while PENDING or ERROR
  model_version_uuid: z.string().nullish(),
  scanner_version: z.string().nullish(),
  sdk_version: z.string().nullish(),
  time_started: DateTime.nullish(),
  total_files_scanned: z.number().int().nullish(),
  total_files_skipped: z.number().int().nullish()
})
export type Scan = z.infer<typeof ScanSchema>

export const ScanListSchema = z.looseObject({
  pagination: PaginationSchema.nullish(),
  scans: z.array(ScanSchema),
  // total_items may be a capped count
  count_capped: z.boolean().nullish()
})

export const RuleEvaluationSchema = z.looseObject({
  uuid: Uuid,
  result: RuleEvaluationResult,
  rule_instance_uuid: Uuid,
  rule_name: z.string(),
  rule_instance_state: RuleState,
  violation_count: z.number().int().nonnegative(),
  rule_description: z.string().optional(),
  scan_uuid: Uuid.optional(),
  rule_origin: RuleOrigin.nullish(),
  tsg_id: z.string().optional(),
  created_at: DateTime.optional(),
  updated_at: DateTime.optional()
})
export type RuleEvaluation = z.infer<typeof RuleEvaluationSchema>

export const RuleEvaluationListSchema = z.looseObject({
  pagination: PaginationSchema.nullish(),
  evaluations: z.array(RuleEvaluationSchema)
})

const ViolationRemediationSchema = z.looseObject({
  steps: lenientArray(z.string()),
  url: z.string().nullish()
})

export const ViolationSchema = z.looseObject({
  uuid: Uuid,
  description: z.string(),
  rule_instance_uuid: Uuid,
  rule_name: z.string(),
  rule_instance_state: RuleState,
  rule_description: z.string().optional(),
  file: z.string().nullish(),
  hash: z.string().nullish(),
  module: z.string().nullish(),
  operator: z.string().nullish(),
  threat: ThreatCategory.nullish(),
  threat_description: z.string().nullish(),
  threat_kb_url: z.string().nullish(),
  insights_url: z.string().nullish(),
  // required with a required url in the May 2026 spec, nullable since August: tolerate both
  remediation: ViolationRemediationSchema.nullish(),
  rule_origin: RuleOrigin.nullish(),
  tsg_id: z.string().optional(),
  created_at: DateTime.optional(),
  updated_at: DateTime.optional()
})
export type Violation = z.infer<typeof ViolationSchema>

export const ViolationListSchema = z.looseObject({
  pagination: PaginationSchema.nullish(),
  violations: z.array(ViolationSchema)
})

export const ScanFileSchema = z.looseObject({
  uuid: Uuid,
  path: z.string(),
  type: FileType,
  result: FileScanResult,
  parent_path: z.string().optional(),
  formats: z.array(z.string()).nullish(),
  blob_id: z.string().nullish(),
  scan_uuid: Uuid.nullish(),
  model_version_uuid: Uuid.optional(),
  tsg_id: z.string().optional(),
  created_at: DateTime.optional(),
  updated_at: DateTime.optional()
})
export type ScanFile = z.infer<typeof ScanFileSchema>

export const FileListSchema = z.looseObject({
  pagination: PaginationSchema.nullish(),
  files: z.array(ScanFileSchema)
})

/**
 * The model inventory (`/v1/models`, `/v1/model-versions`): what the service has scanned, model by model and
 * version by version. What a release decision binds to (the version's commit) is required; the rest is as
 * lenient as the scan's informational fields.
 */
export const ModelVersionSchema = z.looseObject({
  uuid: Uuid,
  model_uuid: Uuid,
  revision: z.string(),
  created_at: DateTime,
  updated_at: DateTime,
  hf_commit_sha: z.string().max(128).nullish(),
  fingerprint: z.string().nullish(),
  last_eval_outcome: EvalOutcome.nullish(),
  last_eval_summary: EvalSummarySchema.nullish(),
  latest_scan_time: DateTime.nullish(),
  model_formats: z.array(z.string()).nullish(),
  source_types: z.array(SourceType).nullish(),
  file_count: z.number().int().nullish(),
  license: z.string().nullish(),
  hf_organization: z.string().nullish(),
  hf_model_name: z.string().nullish(),
  tsg_id: z.string().optional()
})
export type ModelVersion = z.infer<typeof ModelVersionSchema>

export const ModelVersionListSchema = z.looseObject({
  pagination: PaginationSchema.nullish(),
  model_versions: z.array(ModelVersionSchema)
})

export const ModelSchema = z.looseObject({
  uuid: Uuid,
  name: z.string(),
  created_at: DateTime,
  updated_at: DateTime,
  latest_version_uuid: Uuid.nullish(),
  latest_version_revision: z.string().nullish(),
  latest_version_hf_commit_sha: z.string().nullish(),
  latest_version_fingerprint: z.string().nullish(),
  latest_version_outcome: EvalOutcome.nullish(),
  latest_version_scan_time: DateTime.nullish(),
  latest_version_formats: z.array(z.string()).nullish(),
  latest_version_source_types: z.array(SourceType).nullish(),
  tsg_id: z.string().optional()
})
export type Model = z.infer<typeof ModelSchema>

export const ModelListSchema = z.looseObject({
  pagination: PaginationSchema.nullish(),
  models: z.array(ModelSchema)
})

// ---- requests (validated before sending; these mirror the spec exactly, unknown fields are rejected) ----

const ModelScanIssueSchema = z.strictObject({
  description: z.string().max(4096),
  source: z.string().max(1024),
  threat: ThreatCategoryEnum.nullish(),
  module: z.string().max(256).nullish(),
  operator: z.string().max(256).nullish()
})

const FileScanDataSchema = z.strictObject({
  file_path: z.string().max(1024),
  blob_id: z.string().max(256),
  modelscan_status: z.enum(['SCANNED', 'SKIPPED', 'ERROR']),
  sha256: z.string().max(256).nullish(),
  size_bytes: z.number().int().nullish(),
  error_message: z.string().max(1024).nullish(),
  formats: z.array(z.string().max(256)).max(20).nullish(),
  issues_detected: z.array(ModelScanIssueSchema).nullish()
})

/** Results of a scan made on the runner (local and object-storage models), posted with the create request. */
const ScanDetailsSchema = z.strictObject({
  scanner_version: z.string().max(64),
  time_started: DateTime,
  files: z.array(FileScanDataSchema).max(1000, 'a scan holds at most 1000 files'),
  total_files_scanned: z.number().int(),
  total_files_skipped: z.number().int(),
  model_formats: z.array(z.string().max(64)).max(100),
  model_size_bytes: z.number().int(),
  scan_duration_ms: z.number().int(),
  error_code: ErrorCodeEnum.nullish(),
  error_message: z.string().max(1024).nullish()
})

const Pattern = z.string().max(256, 'a pattern is longer than 256 characters')

export const ScanCreateRequestSchema = z.strictObject({
  model_uri: z.string().min(1, 'model_uri is empty'),
  security_group_uuid: Uuid,
  scan_origin: ScanOriginEnum.nullish(),
  allow_patterns: z.array(Pattern).nullish(),
  ignore_patterns: z.array(Pattern).nullish(),
  labels: z
    .array(LabelSchema)
    .max(MAX_LABELS_PER_SCAN, `a scan holds at most ${MAX_LABELS_PER_SCAN} labels`)
    .nullish(),
  model_author: z.string().max(256).nullish(),
  model_name: z.string().max(256).nullish(),
  model_version: z.string().max(256).nullish(),
  scan_details: ScanDetailsSchema.nullish()
})
export type ScanCreateRequest = z.input<typeof ScanCreateRequestSchema>
