import { z } from 'zod'
import { PRODUCT, VERSION } from '../version.js'
import { STATUSES, VERDICTS, type GateReport, type ModelResult } from '../gate/result.js'

/**
 * The gate's run as an in-toto Statement v1 (https://github.com/in-toto/attestation/tree/main/spec/v1): what
 * was scanned as the subjects, what the gate found about it as the predicate. GitHub's `actions/attest` signs
 * the predicate and the subjects of `subjectChecksums()`; the whole statement is for other signers and for
 * policy engines. Pure: the publish stage writes the files. See docs/attestation.md.
 */

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1'
/** Names this predicate's schema; the major version changes only when a field changes meaning or goes. */
export const PREDICATE_TYPE = 'https://github.com/airs-model-gate/airs-model-gate/model-gate/v1'
const TOOL_URI = 'https://github.com/airs-model-gate/airs-model-gate'

// ---- the predicate's schema (docs/attestation-predicate.schema.json is generated from it) ----

// Plain objects, not strict ones: in-toto consumers must ignore fields they do not know, so a later v1.x may
// add fields and still validate against this schema.

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/)
const Timestamp = z.string().describe('RFC 3339')

const RuleStateSchema = z.object({
  rule: z.string().describe("the rule's name (a custom rule's name for a custom rule)"),
  ruleUuid: z.string().nullable(),
  instanceUuid: z.string().describe('the rule instance in the security group'),
  state: z.string().describe('BLOCKING, ALLOWING or DISABLED'),
  fieldValues: z
    .record(z.string(), z.unknown())
    .describe("the instance's settings (approved formats, licenses, organizations, …)")
})

const ModelPredicateSchema = z.object({
  index: z.number().int().positive().describe('position in the model-uri input, from 1'),
  uri: z.string().describe('the model as the gate names it; its subjects are named from it'),
  sourceType: z.string(),
  revision: z.string().optional().describe('the revision as given (a branch, tag or commit)'),
  resolvedRevision: z.string().optional().describe('the Hugging Face commit that was scanned'),
  digest: z
    .object({ sha256: Sha256, files: z.number().int().nonnegative() })
    .optional()
    .describe(
      "a local or object-storage model's content as the gate read it: sha256 over the sorted `sha256sum`-style list of its files, and how many files"
    ),
  subjects: z
    .enum(['files', 'commit', 'none'])
    .describe(
      "how the model appears among the statement's subjects: files (one subject per file, by sha256), commit (its Hugging Face commit, by gitCommit), none (nothing immutable identifies what was scanned: the attestation binds no artifact of this model)"
    ),
  engine: z.string().describe('airs (the Prisma AIRS service) or builtin (the offline engine)'),
  mode: z
    .enum(['enforce', 'warn'])
    .optional()
    .describe("this model's own mode, when its models-file entry sets one"),
  verdict: z.enum(VERDICTS),
  status: z.enum(STATUSES).describe('what the evidence says, before the mode decides how much it matters'),
  evalOutcome: z
    .string()
    .nullable()
    .describe("the scan's outcome (ALLOWED, BLOCKED, ERROR, …); null: no scan"),
  scanUuid: z.string().nullable(),
  scanCreatedAt: z
    .string()
    .nullable()
    .optional()
    .describe('when the scan was created, as the service recorded it: how old the evidence is'),
  reusedScan: z
    .boolean()
    .optional()
    .describe('true: the scan was an earlier one of the same artifact, reused by this run (the reuse input)'),
  securityGroup: z.object({ uuid: z.string(), name: z.string() }).nullable(),
  policy: z
    .object({
      generation: z
        .number()
        .int()
        .nullable()
        .describe(
          "the security group's snapshot generation; null: the group has no history (its current rules)"
        ),
      since: z.string().nullable(),
      rules: z.array(RuleStateSchema)
    })
    .nullable()
    .describe('the rules in force when the scan was created; null: they could not be read'),
  notEvaluated: z.array(z.string()).optional().describe('enabled rules the engine could not evaluate'),
  reason: z.string(),
  errorCode: z.string().nullable().describe("the gate's error code (TIMEOUT, SCAN_ERROR, …); null: judged"),
  scanErrorCode: z.string().nullable().describe("the service's error code for a scan that ended in ERROR"),
  finishedAt: Timestamp.describe('when the gate finished with this model (RFC 3339)')
})

export const AttestationPredicateSchema = z.object({
  gate: z.object({ name: z.string(), version: z.string(), uri: z.string() }),
  verdict: z.enum(VERDICTS).describe("the run's verdict: pass only when every model passed"),
  mode: z.enum(['enforce', 'warn']).describe('enforce: a blocked model fails the run; warn: it warns'),
  onError: z.enum(['fail', 'warn']).describe('what a model the gate could not verify does to the verdict'),
  errorCode: z.string().nullable().describe('a failure that stopped the run outside any model'),
  startedAt: Timestamp,
  finishedAt: Timestamp,
  run: z
    .object({
      repository: z.string(),
      sha: z.string().optional(),
      ref: z.string().optional(),
      event: z.string().optional(),
      workflow: z.string().optional(),
      job: z.string().optional(),
      runId: z.string().optional(),
      runAttempt: z.string().optional(),
      runUrl: z.string().optional()
    })
    .nullable()
    .describe('the GitHub Actions run; null outside one (the CLI)'),
  models: z.array(ModelPredicateSchema)
})
export type AttestationPredicate = z.infer<typeof AttestationPredicateSchema>
type ModelPredicate = z.infer<typeof ModelPredicateSchema>

/** The predicate's JSON Schema (2020-12), published as docs/attestation-predicate.schema.json. */
export function predicateJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(AttestationPredicateSchema, {
    // input: no `additionalProperties: false`, so unknown fields pass as in-toto's parsing rules require
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12'
  })
  const { $schema, ...rest } = generated as Record<string, unknown>
  return {
    $schema,
    $id: `${PREDICATE_TYPE}/predicate.schema.json`,
    title: 'airs-model-gate attestation predicate',
    description: `The predicate of predicateType ${PREDICATE_TYPE}: what the gate found about each model, the rules in force and the run. See docs/attestation.md.`,
    ...rest
  }
}

// ---- subjects ----

export interface Subject {
  name: string
  digest: { sha256: string } | { gitCommit: string }
}

/**
 * Characters that could end a line or hide what a name says: C0 and C1 controls (CR, LF, NEL), DEL, the
 * Unicode line and paragraph separators and the bidi controls. They are percent-encoded, so every subject is
 * one line of the checksums file and reads as it is.
 */
// eslint-disable-next-line no-control-regex -- encoding them is the point
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g
const safeName = (name: string) => name.replace(UNSAFE_IN_NAME, (c) => encodeURIComponent(c))

/**
 * A file's subject name: the model's URI and the file's path in it; the URI alone when the model is that one
 * file (the digest lists a single-file model by its base name).
 */
function fileName(uri: string, path: string, single: boolean): string {
  const base = uri.replace(/\/+$/, '')
  if (path === '' || (single && (base === path || base.endsWith(`/${path}`)))) return base
  return `${base}/${path}`
}

/** How the model can be a subject, and its subjects. */
function subjectsOf(m: ModelResult): { kind: ModelPredicate['subjects']; subjects: Subject[] } {
  const uri = m.model.model_uri
  // one subject per file: `gh attestation verify <file>` matches the sha256 of the file it is given
  if (m.model.digest && m.model.digest.files.length > 0)
    return {
      kind: 'files',
      subjects: m.model.digest.files.map((f, _, all) => ({
        name: safeName(fileName(uri, f.path, all.length === 1)),
        digest: { sha256: f.sha256 }
      }))
    }
  if (m.model.source_type === 'HUGGING_FACE' && m.model.resolved_revision)
    return {
      kind: 'commit',
      subjects: [{ name: safeName(uri), digest: { gitCommit: m.model.resolved_revision.toLowerCase() } }]
    }
  return { kind: 'none', subjects: [] }
}

const digestKey = (s: Subject) => ('sha256' in s.digest ? s.digest.sha256 : s.digest.gitCommit)

/** Every model's subjects, each name and digest once (a model given twice is the same artifact). */
export function attestationSubjects(report: GateReport): Subject[] {
  const seen = new Set<string>()
  const out: Subject[] = []
  for (const m of report.models)
    for (const s of subjectsOf(m).subjects) {
      const key = `${s.name}\u0000${digestKey(s)}`
      if (seen.has(key)) continue
      seen.add(key)
      out.push(s)
    }
  return out
}

/**
 * The sha256 subjects as `actions/attest` reads `subject-checksums`: `<sha256>  <name>` lines, the format of
 * `sha256sum`. Empty when no subject has a sha256 (Hugging Face commits are gitCommit digests, which
 * `actions/attest` does not take).
 */
export function subjectChecksums(report: GateReport): string {
  return attestationSubjects(report)
    .flatMap((s) => ('sha256' in s.digest ? [`${s.digest.sha256}  ${s.name}\n`] : []))
    .join('')
}

// ---- predicate and statement ----

function modelPredicate(m: ModelResult): ModelPredicate {
  const group = m.security_group
  return {
    index: m.index,
    uri: m.model.model_uri,
    sourceType: m.model.source_type,
    ...(m.model.revision !== undefined && { revision: m.model.revision }),
    ...(m.model.resolved_revision !== undefined && { resolvedRevision: m.model.resolved_revision }),
    ...(m.model.digest && { digest: { sha256: m.model.digest.sha256, files: m.model.digest.files.length } }),
    subjects: subjectsOf(m).kind,
    engine: m.engine,
    ...(m.mode && { mode: m.mode }),
    verdict: m.verdict,
    status: m.status,
    evalOutcome: m.scan?.eval_outcome ?? null,
    scanUuid: m.scan?.uuid ?? null,
    scanCreatedAt: m.scan?.created_at ?? null,
    ...(m.reused && { reusedScan: true }),
    securityGroup: group ? { uuid: group.uuid, name: group.name } : null,
    policy: m.policy && {
      generation: m.policy.generation,
      since: m.policy.since,
      rules: m.policy.rule_instances.map((r) => ({
        rule: r.rule?.name ?? r.custom_rule?.name ?? r.security_rule_uuid ?? r.custom_rule_uuid ?? r.uuid,
        ruleUuid: r.security_rule_uuid ?? r.custom_rule_uuid ?? null,
        instanceUuid: r.uuid,
        state: r.state,
        fieldValues: r.field_values ?? {}
      }))
    },
    ...(m.not_evaluated && m.not_evaluated.length > 0 && { notEvaluated: m.not_evaluated }),
    reason: m.reason,
    errorCode: m.error?.code ?? null,
    scanErrorCode: m.scan?.error_code ?? null,
    finishedAt: m.finished_at
  }
}

export function attestationPredicate(report: GateReport): AttestationPredicate {
  const c = report.context
  return {
    gate: { name: PRODUCT, version: VERSION, uri: TOOL_URI },
    verdict: report.verdict,
    mode: report.settings.mode,
    onError: report.settings.on_error,
    errorCode: report.error?.code ?? null,
    startedAt: report.started_at,
    finishedAt: report.finished_at,
    run: c
      ? {
          repository: c.repository,
          ...(c.sha !== undefined && { sha: c.sha }),
          ...(c.ref !== undefined && { ref: c.ref }),
          ...(c.event !== undefined && { event: c.event }),
          ...(c.workflow !== undefined && { workflow: c.workflow }),
          ...(c.job !== undefined && { job: c.job }),
          ...(c.run_id !== undefined && { runId: c.run_id }),
          ...(c.run_attempt !== undefined && { runAttempt: c.run_attempt }),
          ...(c.run_url !== undefined && { runUrl: c.run_url })
        }
      : null,
    models: report.models.map(modelPredicate)
  }
}

export interface AttestationStatement {
  _type: typeof STATEMENT_TYPE
  subject: Subject[]
  predicateType: typeof PREDICATE_TYPE
  predicate: AttestationPredicate
}

/**
 * The run's in-toto Statement; undefined when no model is a subject (a statement must bind at least one
 * artifact): attest the predicate with the JSON report as the subject then.
 */
export function attestationStatement(report: GateReport): AttestationStatement | undefined {
  const subject = attestationSubjects(report)
  if (subject.length === 0) return undefined
  return {
    _type: STATEMENT_TYPE,
    subject,
    predicateType: PREDICATE_TYPE,
    predicate: attestationPredicate(report)
  }
}
