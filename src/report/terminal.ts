import { plainText } from './escape.js'
import { countOf, formatCount as num } from '../util/text.js'
import { nextStep, UNVERIFIED_STEP } from './next-step.js'
import type { Band } from '../gate/severity.js'
import type { ModelView, RunView } from './view.js'

/**
 * The text report: the CLI's output, and the action's log (one group per model). Plain text with control
 * characters stripped and lengths bounded.
 */

const MAX_VIOLATIONS_SHOWN = 20
export const MARK = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' } as const
const t = (s: string | null | undefined, max = 300) => plainText(s, max)
const BAND: Readonly<Record<Band, string>> = {
  critical: 'CRITICAL',
  high: 'HIGH',
  medium: 'MEDIUM',
  low: 'LOW'
}

/** The first line of a model's block: the group title in the action's log. */
export function modelTitle(m: ModelView): string {
  return `[${MARK[m.verdict]}] ${t(m.name)}: ${t(m.outcome, 40)}`
}

/** The rest of a model's block. */
export function modelLines(m: ModelView): string[] {
  const out = [t(m.reason, 600)]
  if (m.engine === 'builtin')
    out.push('scanned by the built-in engine (offline, static; not the AIRS service)')
  if (m.group) out.push(`${m.engine === 'builtin' ? 'policy' : 'group'} ${t(m.group.name)} (${m.group.uuid})`)
  if (m.mode) out.push(`mode ${t(m.mode, 20)} (models-file)`)
  if (m.notEvaluated.length > 0) out.push(`not evaluated: ${m.notEvaluated.map((r) => t(r)).join(', ')}`)
  if (m.status === 'error') {
    // counts of a model not verified say nothing: never "0 failed"
    out.push(
      `${m.scanUuid ? `scan ${m.scanUuid}: ` : ''}not verified${m.errorCode ? ` (${m.errorCode})` : ''}`
    )
    const step = nextStep(m.errorCode)
    if (step) out.push(`next step: ${step}`)
  } else if (m.scanUuid)
    out.push(
      `scan ${m.scanUuid}${m.reused ? ` ${m.reused}` : ''}: ${num(m.rulesPassed)} passed, ${num(m.rulesFailed)} failed of ${num(m.totalRules)} rules; ${countOf(m.violations, 'violation')}`
    )
  for (const f of m.findings) {
    out.push(`- [${BAND[f.band]}] ${t(f.rule)} ${t(f.result, 20)} (${t(f.posture, 20)})`)
    for (const x of f.violations.slice(0, MAX_VIOLATIONS_SHOWN))
      out.push(`    ${x.file ? `${t(x.file, 200)}: ` : ''}${t(x.description)}`)
    const more = f.violationCount - Math.min(f.violations.length, MAX_VIOLATIONS_SHOWN)
    if (more > 0) out.push(`    … and ${num(more)} more in the JSON report`)
    const fix = f.guidance.summary ?? f.guidance.steps[0]
    if (fix) out.push(`    fix: ${t(fix)}`)
    const doc = f.guidance.links[0]
    if (doc) out.push(`    see: ${t(doc.url, 300)}`)
  }
  if (m.unverified.length > 0) {
    out.push(
      `- could not verify ${countOf(m.unverified.length, 'file')} (nothing found harmful, not verified either):`
    )
    for (const u of m.unverified.slice(0, MAX_VIOLATIONS_SHOWN))
      out.push(`    ${t(u.path, 200)}: ${t(u.why, 600)}`)
    if (m.unverified.length > MAX_VIOLATIONS_SHOWN)
      out.push(`    … and ${num(m.unverified.length - MAX_VIOLATIONS_SHOWN)} more in the JSON report`)
    // the model's next step says the same when nothing else stands in the way
    if (m.errorCode !== 'UNREADABLE_FILES') out.push(`    what to do: ${t(UNVERIFIED_STEP, 400)}`)
  }
  const d = m.drift
  if (d?.drifted && d.since)
    out.push(
      `changed since scan ${d.since.scanUuid} (${t(d.since.at, 30)}): ${d.phrases.map((p) => t(p)).join('; ')}`
    )
  else if (d?.since)
    out.push(
      `${d.unknown.length > 0 ? 'no change found, in what could be compared, since' : 'unchanged since'} scan ${d.since.scanUuid} (${t(d.since.at, 30)})`
    )
  for (const u of d?.unknown ?? []) out.push(`not compared with the previous scan: ${t(u, 600)}`)
  for (const w of m.warnings) out.push(`warning: ${t(w, 600)}`)
  return out
}

export function renderTerminal(view: RunView, reportFile?: string, sarifFile?: string): string {
  const out: string[] = []
  for (const m of view.models) out.push(modelTitle(m), ...modelLines(m).map((l) => `       ${l}`))
  const c = view.changes
  if (c)
    out.push(
      '',
      `Changed since the previous scan: ${num(c.drifted)} of ${num(c.compared)} compared${c.newlyBlocked > 0 ? `, ${num(c.newlyBlocked)} newly blocked` : ''}${c.first > 0 ? `; ${num(c.first)} scanned for the first time` : ''}`
    )
  out.push('', t(view.headline, 1000))
  if (reportFile) out.push(`Full results: ${reportFile}`)
  if (sarifFile) out.push(`SARIF: ${sarifFile}`)
  return out.join('\n')
}
