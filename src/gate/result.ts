import { z } from 'zod'
import { PRODUCT, VERSION } from '../version.js'
import {
  RuleEvaluationSchema,
  ScanFileSchema,
  ScanSchema,
  ViolationSchema
} from '../airs/schemas/data-plane.js'
import { RuleInstanceSchema, SecurityGroupSchema, SecurityRuleSchema } from '../airs/schemas/mgmt-plane.js'
import { ModelSourceTypeEnum } from '../airs/schemas/common.js'
import { GATE_ERROR_CODES } from '../util/gate-error.js'

/**
 * What the gate found for each model and for the run: the data behind the verdict, every report and the
 * JSON report file. One schema, so the report's shape is the code's shape.
 */

export const VERDICTS = ['pass', 'warn', 'fail'] as const
export const VerdictSchema = z.enum(VERDICTS)
export type Verdict = z.infer<typeof VerdictSchema>

/** What the evidence says about a model, before the user's mode decides how much it matters. */
export const STATUSES = ['allowed', 'blocked', 'error'] as const
export const StatusSchema = z.enum(STATUSES)
export type Status = z.infer<typeof StatusSchema>

export const GateErrorInfoSchema = z.object({
  code: z.enum(GATE_ERROR_CODES),
  message: z.string()
})
export type GateErrorInfo = z.infer<typeof GateErrorInfoSchema>

/** A list as collected: the items, and whether that is all of it. */
const listOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    /** what the service reported (null: it did not say) */
    total: z.number().int().nullable(),
    truncated: z.boolean(),
    incomplete: z.boolean(),
    /** how many pages were read */
    pages: z.number().int().optional()
  })

export const PolicySnapshotSchema = z.object({
  /** snapshot generation in force when the scan was created (null: the group has no history, current rules) */
  generation: z.number().int().nullable(),
  /** timestamp of that generation */
  since: z.string().nullable(),
  rule_instances: z.array(RuleInstanceSchema)
})
export type PolicySnapshot = z.infer<typeof PolicySnapshotSchema>

export const ScanAttemptSchema = z.object({
  scan_uuid: z.string(),
  eval_outcome: z.string(),
  error_code: z.string().nullish()
})

export const ENGINES = ['airs', 'builtin'] as const

/**
 * The content of a model as the gate read it. `sha256` is over the sorted list of `<sha256>  <path>\n` lines
 * (the format of `sha256sum`), so the same files give the same digest wherever they are.
 */
export const ArtifactDigestSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  files: z.array(
    z.object({
      path: z.string(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      size: z.number().int().nonnegative()
    })
  )
})
export type ArtifactDigest = z.infer<typeof ArtifactDigestSchema>

/** A violation as drift matches it across scans: by rule, file and threat. */
export const DriftViolationSchema = z.object({
  rule: z.string(),
  file: z.string().nullable(),
  threat: z.string().nullable()
})
export type DriftViolation = z.infer<typeof DriftViolationSchema>

/** A value then and now. */
const change = <T extends z.ZodType>(value: T) => z.object({ from: value, to: value })

/**
 * What changed since the model's previous scan in the service: the newest earlier settled scan the gate made
 * of the same model (its `gate-model-key` label) in the same security group.
 */
export const DriftSchema = z.object({
  /** the scan compared with; null: none earlier (the first scan of this model in this group) */
  previous: z
    .object({
      scan_uuid: z.string(),
      created_at: z.string(),
      eval_outcome: z.string(),
      /** the Hugging Face commit the service recorded for it */
      commit: z.string().optional(),
      /** the group's policy generation in force when it was created */
      policy_generation: z.number().int().nullable().optional()
    })
    .nullable(),
  /** any change below: the outcome, the violations, the commit, the files or the policy */
  drifted: z.boolean(),
  /** ALLOWED then, BLOCKED now */
  newly_blocked: z.boolean(),
  outcome: change(z.string()).optional(),
  violations: z
    .object({
      added: z.array(DriftViolationSchema),
      resolved: z.array(DriftViolationSchema),
      /** how many in all (the lists are cut at 50) */
      added_count: z.number().int().nonnegative(),
      resolved_count: z.number().int().nonnegative()
    })
    .optional(),
  /** a new upstream commit since the previous scan (Hugging Face) */
  commit: change(z.string()).optional(),
  /** the files differ from the previous scan's (local models: their digest, or the patterns) */
  files_changed: z.boolean().optional(),
  /** the group's policy generation changed */
  policy: change(z.number().int().nullable()).optional(),
  /** what could not be compared, each with why */
  unknown: z.array(z.string())
})
export type Drift = z.infer<typeof DriftSchema>

export const ModelResultSchema = z.object({
  /** position in the whole list of models (model-uri, then models-file), from 1, also in a shard */
  index: z.number().int().positive(),
  /** which engine decided: the Prisma AIRS service, or the built-in offline engine */
  engine: z.enum(ENGINES),
  /** enabled rules the engine could not evaluate (the built-in engine cannot judge architecture backdoors) */
  not_evaluated: z.array(z.string()).optional(),
  model: z.object({
    input: z.string(),
    source_type: ModelSourceTypeEnum,
    model_uri: z.string(),
    /** the revision as given (a branch, tag or commit), if one was */
    revision: z.string().optional(),
    /**
     * the Hugging Face commit the revision (or the default branch) pointed to when the gate resolved it, and
     * the commit that was scanned: what a release binds its verdict to
     */
    resolved_revision: z.string().optional(),
    /** a local or object-storage model's content as read: sha256 per file and one over the sorted list */
    digest: ArtifactDigestSchema.optional(),
    /** who answers for the model, as its models-file entry names them */
    owner: z.string().optional(),
    /** the tracking issue mentions the owner when the model fails or drifts (its entry's `mention: true`) */
    mention_owner: z.literal(true).optional()
  }),
  /** this model's own mode, when its models-file entry sets one */
  mode: z.enum(['enforce', 'warn']).optional(),
  security_group: SecurityGroupSchema.optional(),
  /** the scan as last read; absent when none was created */
  scan: ScanSchema.optional(),
  /**
   * set when `scan` was not created by this run but reused (the `reuse` input): an earlier settled scan of the
   * same commit or files, in the same group under the same policy generation
   */
  reused: z
    .object({
      /** what the reused scan was matched on */
      matched_by: z.enum(['commit', 'digest']),
      /** how old the scan was when this run reused it */
      age_ms: z.number().int().nonnegative()
    })
    .optional(),
  /**
   * `audit: inventory`: the service's record of the model's latest version, judged without a scan (a model
   * re-scanned because it was stale has its scan instead)
   */
  inventory: z
    .object({
      model_uuid: z.string(),
      name: z.string(),
      version_uuid: z.string().nullable(),
      revision: z.string().nullable(),
      commit: z.string().nullable(),
      outcome: z.string().nullable(),
      scan_time: z.string().nullable()
    })
    .optional(),
  /** what changed since the previous scan of this model (AIRS only; absent when not looked for) */
  drift: DriftSchema.optional(),
  /** earlier scans of this model in this run, retried because the service asked to (SCAN_DATA_PENDING) */
  retried_scans: z.array(ScanAttemptSchema),
  evaluations: listOf(RuleEvaluationSchema),
  violations: listOf(ViolationSchema),
  files: listOf(ScanFileSchema),
  /** details and remediation of every rule that did not pass, from the rule catalogue */
  rules: z.array(SecurityRuleSchema),
  policy: PolicySnapshotSchema.nullable(),
  status: StatusSchema,
  verdict: VerdictSchema,
  /** one line saying why */
  reason: z.string(),
  error: GateErrorInfoSchema.optional(),
  warnings: z.array(z.string()),
  started_at: z.string(),
  finished_at: z.string(),
  /** from creating the scan to seeing its final outcome */
  wait_ms: z.number().int().nullable(),
  polls: z.number().int()
})
export type ModelResult = z.infer<typeof ModelResultSchema>

export const REPORT_SCHEMA_VERSION = 1

export const GateReportSchema = z.object({
  schema_version: z.literal(REPORT_SCHEMA_VERSION),
  tool: z.object({ name: z.string(), version: z.string() }),
  started_at: z.string(),
  finished_at: z.string(),
  settings: z.object({
    mode: z.enum(['enforce', 'warn']),
    on_error: z.enum(['fail', 'warn']),
    timeout_ms: z.number().int(),
    concurrency: z.number().int()
  }),
  verdict: VerdictSchema,
  /** a failure that stopped the run before or outside any model (bad input, authentication) */
  error: GateErrorInfoSchema.optional(),
  /** `shard`: this run gated one part of the models, those whose place in the whole list is `index` mod `count` */
  shard: z
    .object({
      index: z.number().int().positive(),
      count: z.number().int().positive(),
      /** how many models the whole list has */
      models: z.number().int().nonnegative(),
      /**
       * sha256 over the whole list (each model's source, URI and revision, in order): legs of one split have
       * the same; the merge refuses legs of different lists
       */
      list_sha256: z.string().regex(/^[0-9a-f]{64}$/)
    })
    .optional(),
  /** `merge-reports`: the report is the union of these runs' reports */
  merged: z
    .object({
      reports: z.number().int().positive(),
      /** the shard count of the legs, when they were shards */
      shards: z.number().int().positive().optional()
    })
    .optional(),
  models: z.array(ModelResultSchema),
  /** the CI run that produced the report (GitHub Actions), for audits */
  context: z
    .object({
      repository: z.string(),
      sha: z.string().optional(),
      ref: z.string().optional(),
      event: z.string().optional(),
      workflow: z.string().optional(),
      job: z.string().optional(),
      run_id: z.string().optional(),
      run_attempt: z.string().optional(),
      run_url: z.string().optional()
    })
    .optional()
})
export type GateReport = z.infer<typeof GateReportSchema>

/** A list with nothing in it (nothing was read). */
export const EMPTY_LIST = { items: [] as never[], total: null, truncated: false, incomplete: false }

/** A list known to be whole (the built-in engine's own results). */
export const wholeList = <T>(items: T[]) => ({
  items,
  total: items.length,
  truncated: false,
  incomplete: false
})

/** What a report records as settings when no run's settings were read (a run stopped before, nothing merged). */
export const NO_RUN_SETTINGS: GateReport['settings'] = {
  mode: 'enforce',
  on_error: 'fail',
  timeout_ms: 0,
  concurrency: 0
}

/** The run settings as the report records them. */
export function reportSettings(s: {
  mode: GateReport['settings']['mode']
  onError: GateReport['settings']['on_error']
  timeoutMs: number
  concurrency: number
}): GateReport['settings'] {
  return { mode: s.mode, on_error: s.onError, timeout_ms: s.timeoutMs, concurrency: s.concurrency }
}

/** A report with the envelope every report shares (schema version, tool, times). */
export function gateReport(parts: {
  started: number
  finished: number
  settings: GateReport['settings']
  verdict: Verdict
  error?: GateErrorInfo
  models: ModelResult[]
}): GateReport {
  return {
    schema_version: REPORT_SCHEMA_VERSION,
    tool: { name: PRODUCT, version: VERSION },
    started_at: new Date(parts.started).toISOString(),
    finished_at: new Date(parts.finished).toISOString(),
    settings: parts.settings,
    verdict: parts.verdict,
    ...(parts.error && { error: parts.error }),
    models: parts.models
  }
}
