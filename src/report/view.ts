import type { GateReport, ModelResult } from '../gate/result.js'
import { displayName } from '../gate/source.js'
import { outcomeOf } from '../gate/verdict.js'

/** Facts every renderer shows, computed once from the report. */

export interface ModelView {
  name: string
  outcome: string
  rulesPassed: number
  rulesFailed: number
  totalRules: number
  violations: number
  scanUuid?: string
}

export function modelView(m: ModelResult): ModelView {
  const summary = m.scan?.eval_summary
  const evaluated = m.evaluations.items
  return {
    name: displayName(m.model.source_type, m.model.model_uri),
    outcome:
      m.error?.code === 'TIMEOUT'
        ? 'TIMEOUT'
        : m.scan
          ? outcomeOf({ status: m.status, outcome: m.scan.eval_outcome })
          : 'NOT SCANNED',
    rulesPassed: summary?.rules_passed ?? evaluated.filter((e) => e.result === 'PASSED').length,
    rulesFailed: summary?.rules_failed ?? evaluated.filter((e) => e.result === 'FAILED').length,
    totalRules: summary?.total_rules ?? evaluated.length,
    violations: m.violations.total ?? m.violations.items.length,
    ...(m.scan && { scanUuid: m.scan.uuid })
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
