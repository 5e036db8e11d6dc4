import type { Violation } from '../airs/schemas/data-plane.js'
import type { GateReport, ModelResult, Verdict } from '../gate/result.js'
import { displayName } from '../gate/model-source.js'
import { outcomeOf } from '../gate/verdict.js'
import { guidanceFor, type Guidance } from './guidance.js'

/**
 * Facts every renderer shows, computed once from the report, so the summary, comment, annotations, SARIF and
 * log can never disagree. Strings here are raw (possibly hostile); each renderer escapes for its target.
 */

export interface Finding {
  rule: string
  posture: string
  result: string
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
  /** who decided: the AIRS service or the built-in offline engine */
  engine: 'airs' | 'builtin'
  /** enabled rules the engine could not evaluate */
  notEvaluated: string[]
  scanUuid?: string
  labels: Array<{ key: string; value: string }>
  rulesPassed: number
  rulesFailed: number
  totalRules: number
  violations: number
  filesScanned: number | null
  filesSkipped: number | null
  /** every rule evaluation: not passed first, then in the service's order */
  evaluations: Array<{ rule: string; posture: string; result: string; violations: number }>
  /** rules that did not pass, with their violations and remediation */
  findings: Finding[]
  /** files only (no directories) */
  files: Array<{ path: string; formats: string[]; result: string }>
  /** lists the service did not return in full */
  incomplete: string[]
  warnings: string[]
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
    models: report.models.map(modelView)
  }
}

const NOT_PASSED_FIRST = (r: string) => (r === 'PASSED' ? 1 : 0)

export function modelView(m: ModelResult): ModelView {
  const summary = m.scan?.eval_summary
  const evaluated = m.evaluations.items
  const byRule = new Map<string, Violation[]>()
  for (const v of m.violations.items) {
    const list = byRule.get(v.rule_instance_uuid) ?? []
    list.push(v)
    byRule.set(v.rule_instance_uuid, list)
  }
  const findings = evaluated
    .filter((e) => e.result !== 'PASSED')
    .map((e): Finding => {
      const violations = byRule.get(e.rule_instance_uuid) ?? []
      return {
        rule: e.rule_name,
        posture: e.rule_instance_state,
        result: e.result,
        violations,
        violationCount: Math.max(e.violation_count, violations.length),
        guidance: guidanceFor(m, e, violations)
      }
    })
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
        : m.scan
          ? outcomeOf({ status: m.status, outcome: m.scan.eval_outcome })
          : 'NOT SCANNED',
    verdict: m.verdict,
    status: m.status,
    reason: m.reason,
    ...(m.error && { errorCode: m.error.code }),
    ...(m.security_group && { group: { name: m.security_group.name, uuid: m.security_group.uuid } }),
    engine: m.engine,
    notEvaluated: m.not_evaluated ?? [],
    ...(m.scan && { scanUuid: m.scan.uuid }),
    labels: m.scan?.labels ?? [],
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
      .sort((a, b) => NOT_PASSED_FIRST(a.result) - NOT_PASSED_FIRST(b.result)),
    findings,
    files: m.files.items
      .filter((f) => f.type !== 'DIRECTORY')
      .map((f) => ({ path: f.path, formats: f.formats ?? [], result: f.result })),
    incomplete,
    warnings: m.warnings
  }
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
    : n === 1
      ? report.models[0]!.reason
      : `${n} models: ${parts.join(', ')}`
  return `Model gate ${VERDICT_WORDS[report.verdict]}: ${what}`
}
