import type { GateReport } from '../gate/result.js'
import { plainText } from './escape.js'
import { headline, modelView } from './view.js'

/** The CLI's report: plain text for a terminal or a CI log, control characters stripped. */

const MAX_VIOLATIONS_SHOWN = 20
const MARK = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' } as const

export function renderTerminal(report: GateReport, reportFile?: string): string {
  const t = (s: string | null | undefined, max = 300) => plainText(s, max)
  const out: string[] = []
  for (const m of report.models) {
    const v = modelView(m)
    out.push(`[${MARK[m.verdict]}] ${t(v.name)}: ${t(m.reason, 600)}`)
    if (m.security_group) out.push(`       group ${t(m.security_group.name)} (${m.security_group.uuid})`)
    if (v.scanUuid) {
      out.push(
        `       scan ${v.scanUuid}: ${v.rulesPassed} passed, ${v.rulesFailed} failed of ${v.totalRules} rules; ${v.violations} violations`
      )
    }
    for (const e of m.evaluations.items.filter((x) => x.result !== 'PASSED')) {
      out.push(`       - ${t(e.rule_name)} ${e.result} (${e.rule_instance_state})`)
      const vs = m.violations.items.filter((x) => x.rule_instance_uuid === e.rule_instance_uuid)
      for (const x of vs.slice(0, MAX_VIOLATIONS_SHOWN)) {
        out.push(`           ${x.file ? `${t(x.file, 200)}: ` : ''}${t(x.description)}`)
      }
      if (vs.length > MAX_VIOLATIONS_SHOWN)
        out.push(`           … and ${vs.length - MAX_VIOLATIONS_SHOWN} more`)
    }
    for (const w of m.warnings) out.push(`       warning: ${t(w, 600)}`)
  }
  out.push('', t(headline(report), 1000))
  if (reportFile) out.push(`Full results: ${reportFile}`)
  return out.join('\n')
}
