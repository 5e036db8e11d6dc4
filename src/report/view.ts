import type { Violation } from '../airs/schemas/data-plane.js'
import { GATE_LABEL_KEYS } from '../airs/schemas/spec-values.js'
import type { Drift, GateReport, ModelResult, Verdict } from '../gate/result.js'
import { driftPhrases } from '../gate/drift-words.js'
import { displayName } from '../gate/model-source.js'
import { outcomeOf } from '../gate/verdict.js'
import { guidanceFor, type Guidance } from './guidance.js'
import { NOT_VERIFIED_SEVERITY, bandOf, bySeverity, securitySeverity, type Band } from '../gate/severity.js'

/**
 * Facts every renderer shows, computed once from the report, so the summary, comment, annotations, SARIF and
 * log can never disagree. Strings here are raw (possibly hostile); each renderer escapes for its target.
 */

export interface Finding {
  rule: string
  posture: string
  result: string
  /** code scanning's `security-severity` of the rule (docs/severity.md) and its band */
  severity: number
  band: Band
  /** every violation of this rule, in the service's order */
  violations: Violation[]
  /** what the service reported (may exceed violations.length when collection was cut short) */
  violationCount: number
  guidance: Guidance
}

export interface ModelView {
  /** the model's full result, for the targets that carry every detail (JSON, SARIF, annotations) */
  result: ModelResult
  index: number
  name: string
  sourceType: string
  modelUri: string
  revision?: string
  outcome: string
  verdict: Verdict
  status: string
  reason: string
  errorCode?: string
  group?: { name: string; uuid: string }
  /** this model's own mode, when its models-file entry sets one */
  mode?: string
  /** who decided: the AIRS service or the built-in offline engine */
  engine: 'airs' | 'builtin'
  /** enabled rules the engine could not evaluate */
  notEvaluated: string[]
  scanUuid?: string
  /** the Hugging Face commit the revision was pinned to and scanned */
  commit?: string
  /** set when the scan was an earlier one, reused (`reuse`): "(reused from 2026-12-06 17:02 UTC, same commit)" */
  reused?: string
  /** the scan's labels, less the one the gate adds to make creating a scan safe to retry */
  labels: Array<{ key: string; value: string }>
  rulesPassed: number
  rulesFailed: number
  totalRules: number
  violations: number
  filesScanned: number | null
  filesSkipped: number | null
  /** every rule evaluation: not passed first (most severe first), then the passed in the service's order */
  evaluations: Array<{ rule: string; posture: string; result: string; violations: number }>
  /** rules that did not pass, with their violations and remediation, most severe first */
  findings: Finding[]
  /** files only (no directories) */
  files: Array<{ path: string; formats: string[]; result: string }>
  /**
   * Files that could not be verified, with why (raw text): neither clean nor found harmful, listed apart from
   * the findings. Only files whose result is ERROR.
   */
  unverified: Array<{ path: string; why: string }>
  /** lists the service did not return in full */
  incomplete: string[]
  warnings: string[]
  /** what changed since the model's previous scan (drift), when it was looked for */
  drift?: DriftView
}

export interface DriftView {
  drifted: boolean
  newlyBlocked: boolean
  /** one phrase per change, most important first (raw text) */
  phrases: string[]
  /** the scan compared with; absent: none earlier (the model's first scan in its group) */
  since?: { scanUuid: string; at: string }
  /** what could not be compared, and why */
  unknown: string[]
}

export interface RunView {
  /** the whole report, for the targets that carry every detail (JSON, SARIF) */
  report: GateReport
  verdict: Verdict
  headline: string
  version: string
  mode: string
  onError: string
  error?: { code: string; message: string }
  counts: { models: number; blocked: number; error: number; allowed: number }
  /** drift over the run's models, when any model was compared with its previous scan */
  changes?: {
    /** models with a previous scan to compare with */
    compared: number
    drifted: number
    newlyBlocked: number
    /** compared in full, and nothing changed */
    unchanged: number
    /** no earlier scan: the model's first in its group */
    first: number
    /** something could not be compared */
    unknown: number
  }
  /** failing models first, the most severe first (a model not verified counts as medium); then the others */
  models: ModelView[]
}

export function runView(report: GateReport): RunView {
  const count = (s: string) => report.models.filter((m) => m.status === s).length
  return {
    report,
    verdict: report.verdict,
    headline: headline(report),
    version: report.tool.version,
    mode: report.settings.mode,
    onError: report.settings.on_error,
    ...(report.error && { error: report.error }),
    counts: {
      models: report.models.length,
      blocked: count('blocked'),
      error: count('error'),
      allowed: count('allowed')
    },
    ...changesOf(report),
    models: report.models.map(modelView).sort(byConcern)
  }
}

function changesOf(report: GateReport): Pick<RunView, 'changes'> {
  const drifts = report.models.flatMap((m) => (m.drift ? [m.drift] : []))
  if (drifts.length === 0) return {}
  const count = (f: (d: Drift) => boolean) => drifts.filter(f).length
  return {
    changes: {
      compared: count((d) => d.previous !== null),
      drifted: count((d) => d.drifted),
      newlyBlocked: count((d) => d.newly_blocked),
      unchanged: count((d) => d.previous !== null && !d.drifted && d.unknown.length === 0),
      first: count((d) => d.previous === null && d.unknown.length === 0),
      unknown: count((d) => d.unknown.length > 0)
    }
  }
}

function driftView(d: Drift): DriftView {
  return {
    drifted: d.drifted,
    newlyBlocked: d.newly_blocked,
    phrases: driftPhrases(d),
    ...(d.previous && { since: { scanUuid: d.previous.scan_uuid, at: minuteUtc(d.previous.created_at) } }),
    unknown: d.unknown
  }
}

const VERDICT_RANK = { fail: 0, warn: 1, pass: 2 } as const

/** How much a model needs a reader: its verdict, then its most severe finding. */
export function concern(m: ModelView): number {
  if (m.status === 'error') return NOT_VERIFIED_SEVERITY
  return m.findings[0]?.severity ?? 0
}

function byConcern(a: ModelView, b: ModelView): number {
  return VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] || concern(b) - concern(a) || a.index - b.index
}

/**
 * How a violation's threat ranks within its rule: arbitrary code execution (the service's threat ids end in
 * -100 or -300) first, then the other threats, then violations without one.
 */
function threatRank(threat: string | null | undefined): number {
  if (!threat) return 2
  return /-[13]00$/.test(threat) ? 0 : 1
}

const NOT_PASSED_FIRST = (r: string) => (r === 'PASSED' ? 1 : 0)
/** Labels the gate adds for itself (safe retries), not the user's. */

export function modelView(m: ModelResult): ModelView {
  const summary = m.scan?.eval_summary
  const evaluated = m.evaluations.items
  const byRule = new Map<string, Violation[]>()
  for (const v of m.violations.items) {
    const list = byRule.get(v.rule_instance_uuid) ?? []
    list.push(v)
    byRule.set(v.rule_instance_uuid, list)
  }
  // arbitrary code execution first within a rule, whatever order the scanner listed them in
  for (const list of byRule.values()) list.sort((a, b) => threatRank(a.threat) - threatRank(b.threat))
  const findings = evaluated
    .filter((e) => e.result !== 'PASSED')
    .map((e): Finding => {
      const violations = byRule.get(e.rule_instance_uuid) ?? []
      const severity = securitySeverity(e.rule_name)
      return {
        rule: e.rule_name,
        posture: e.rule_instance_state,
        result: e.result,
        severity,
        band: bandOf(severity),
        violations,
        violationCount: Math.max(e.violation_count, violations.length),
        guidance: guidanceFor(m, e, violations)
      }
    })
    .sort(bySeverity)
  const findingRank = new Map(findings.map((f, i) => [f.rule, i]))
  const incomplete = (['evaluations', 'violations', 'files'] as const).filter(
    (k) => m[k].truncated || m[k].incomplete
  )
  return {
    result: m,
    index: m.index,
    name: displayName(m.model.source_type, m.model.model_uri),
    sourceType: m.model.source_type,
    modelUri: m.model.model_uri,
    ...(m.model.revision !== undefined && { revision: m.model.revision }),
    outcome:
      m.error?.code === 'TIMEOUT'
        ? 'TIMEOUT'
        : m.error?.code === 'STALE_SCAN'
          ? 'STALE'
          : m.scan
            ? outcomeOf({ status: m.status, outcome: m.scan.eval_outcome })
            : m.inventory?.outcome
              ? outcomeOf({ status: m.status, outcome: m.inventory.outcome })
              : 'NOT SCANNED',
    verdict: m.verdict,
    status: m.status,
    reason: m.reason,
    ...(m.error && { errorCode: m.error.code }),
    ...(m.security_group && { group: { name: m.security_group.name, uuid: m.security_group.uuid } }),
    ...(m.mode && { mode: m.mode }),
    engine: m.engine,
    notEvaluated: m.not_evaluated ?? [],
    ...(m.scan && { scanUuid: m.scan.uuid }),
    ...(m.model.resolved_revision !== undefined && { commit: m.model.resolved_revision }),
    ...(m.reused && m.scan && { reused: reusedNote(m.scan.created_at, m.reused.matched_by) }),
    labels: (m.scan?.labels ?? []).filter((l) => !GATE_LABEL_KEYS.has(l.key)),
    rulesPassed: summary?.rules_passed ?? evaluated.filter((e) => e.result === 'PASSED').length,
    rulesFailed: summary?.rules_failed ?? evaluated.filter((e) => e.result === 'FAILED').length,
    totalRules: summary?.total_rules ?? evaluated.length,
    violations: m.violations.total ?? m.violations.items.length,
    filesScanned: m.scan?.total_files_scanned ?? null,
    filesSkipped: m.scan?.total_files_skipped ?? null,
    evaluations: evaluated
      .map((e) => ({
        rule: e.rule_name,
        posture: e.rule_instance_state,
        result: e.result,
        violations: e.violation_count
      }))
      .sort(
        (a, b) =>
          NOT_PASSED_FIRST(a.result) - NOT_PASSED_FIRST(b.result) ||
          (findingRank.get(a.rule) ?? 0) - (findingRank.get(b.rule) ?? 0)
      ),
    findings,
    files: m.files.items
      .filter((f) => f.type !== 'DIRECTORY')
      .map((f) => ({ path: f.path, formats: f.formats ?? [], result: f.result })),
    unverified: m.files.items
      .filter((f) => f.type !== 'DIRECTORY' && (f.result === 'ERROR' || typeof f.error_message === 'string'))
      .map((f) => ({
        path: f.path,
        why:
          typeof f.error_message === 'string' && f.error_message
            ? f.error_message
            : 'the scanner could not read this file (it gave no reason)'
      })),
    incomplete,
    warnings: m.warnings,
    ...(m.drift && { drift: driftView(m.drift) })
  }
}

/** `2026-12-06 17:02 UTC`: a time a reader compares with their own at a glance. */
function minuteUtc(at: string): string {
  const t = Date.parse(at)
  return Number.isNaN(t)
    ? 'an unknown time'
    : `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

/** The scan is not this run's: from when, and why it still counts. */
function reusedNote(createdAt: string, matchedBy: 'commit' | 'digest'): string {
  return `(reused from ${minuteUtc(createdAt)}, same ${matchedBy === 'commit' ? 'commit' : 'files'})`
}

const VERDICT_WORDS = { pass: 'passed', warn: 'passed with warnings', fail: 'failed' } as const

/** One line a person reads in a second: what happened, and to how many models. */
export function headline(report: GateReport): string {
  const n = report.models.length
  const count = (s: string) => report.models.filter((m) => m.status === s).length
  const parts = [
    count('blocked') && `${count('blocked')} blocked`,
    count('error') && `${count('error')} not verified`,
    count('allowed') && `${count('allowed')} allowed`
  ].filter(Boolean)
  const what = report.error
    ? report.error.message
    : n === 0 && report.shard
      ? `shard ${report.shard.index}/${report.shard.count} holds no model (${report.shard.models} models in ${report.shard.count} shards)`
      : n === 1
        ? report.models[0]!.reason
        : `${n} models: ${parts.join(', ')}`
  return `Model gate ${VERDICT_WORDS[report.verdict]}: ${what}`
}
