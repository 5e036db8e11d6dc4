import { formatCount, plainText } from '../util/text.js'
import type { Locate } from './anchor.js'
import type { ModelView } from './view.js'
import { levelOf, securitySeverity } from '../gate/severity.js'

/**
 * One annotation per violation, error or warning by the rule's posture, titled by rule. GitHub shows at most
 * 10 annotations of each level per step (the failed step's own message is one more error), so past a cap
 * the rest are counted in one closing annotation per level pointing to the job summary.
 */

export type AnnotationLevel = 'error' | 'warning' | 'notice'

export interface Annotation {
  level: AnnotationLevel
  title: string
  message: string
  file?: string
  startLine?: number
}

/**
 * Per level, counting the closing "and N more" annotation. GitHub keeps 10 per level per step: one error is
 * left for the step's failure, and warnings leave room for the run's own (the verdict in warn mode, a comment
 * that could not be written, collection warnings).
 */
export const ANNOTATION_CAPS: Record<AnnotationLevel, number> = { error: 9, warning: 6, notice: 9 }

interface Candidate extends Annotation {
  severity: number
}

export function annotationsFor(models: readonly ModelView[], locate: Locate): Annotation[] {
  const all: Candidate[] = []
  for (const { result: m } of models) {
    const name = plainText(m.model.model_uri, 200)
    if (m.status === 'error') {
      const anchor = locate(m, undefined)
      all.push({
        level: m.verdict === 'fail' ? 'error' : 'warning',
        title: plainText(`Model not verified: ${name}`, 200),
        message: plainText(m.reason, 1000),
        severity: 10,
        ...(anchor && { file: anchor.file, ...(anchor.line && { startLine: anchor.line }) })
      })
    }
    for (const v of m.violations.items) {
      const level = levelOf(v.rule_instance_state)
      const anchor = locate(m, v.file)
      const fix = v.remediation?.steps?.[0]
      all.push({
        level: level === 'note' ? 'notice' : level,
        title: plainText(`${v.rule_name}${v.file ? `: ${v.file}` : ''}`, 200),
        message: plainText(
          [
            sentence(`${name}: ${v.description}`),
            v.threat && `Threat ${v.threat}${v.threat_description ? ` (${v.threat_description})` : ''}.`,
            fix && sentence(`Fix: ${fix}`)
          ]
            .filter(Boolean)
            .join(' '),
          1000
        ),
        severity: securitySeverity(v.rule_name),
        ...(anchor && { file: anchor.file, ...(anchor.line && { startLine: anchor.line }) })
      })
    }
  }
  const out: Annotation[] = []
  for (const level of ['error', 'warning', 'notice'] as const) {
    // stable: most severe first, then in report order
    const of = all.filter((a) => a.level === level).sort((a, b) => b.severity - a.severity)
    const cap = ANNOTATION_CAPS[level]
    const shown = of.length > cap ? of.slice(0, cap - 1) : of
    out.push(...shown.map(({ severity: _, ...a }) => a))
    const more = formatCount(of.length - shown.length)
    if (of.length > shown.length)
      out.push({
        level,
        title: `${more} more ${level === 'notice' ? 'notices' : `${level}s`}`,
        // the summary groups findings and may list only some of them; the JSON report has every one
        message: `${more} more findings at this level are in the JSON report; the job summary groups them by rule.`
      })
  }
  return out
}

const sentence = (s: string) => (/[.!?]\s*$/.test(s) ? s : `${s}.`)
