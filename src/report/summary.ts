import type { GateReport, ModelResult } from '../gate/result.js'
import { code, md } from './escape.js'
import { headline, modelView } from './view.js'

/**
 * The job summary, as Markdown. Every value from the service or the model repository is escaped (md/code).
 */

const ICON = { pass: '✅', warn: '⚠️', fail: '❌' } as const
const MAX_VIOLATIONS_SHOWN = 50

export function renderSummary(report: GateReport, reportFile?: string): string {
  const out: string[] = [`## ${ICON[report.verdict]} ${md(headline(report), 1000)}`, '']
  if (report.models.length > 0) {
    out.push('| Model | Outcome | Verdict | Rules failed | Violations | Scan |', '|---|---|---|---|---|---|')
    for (const m of report.models) {
      const v = modelView(m)
      out.push(
        `| ${md(v.name, 120)} | ${md(v.outcome, 40)} | ${ICON[m.verdict]} ${m.verdict} | ${v.rulesFailed} of ${v.totalRules} | ${v.violations} | ${v.scanUuid ? code(v.scanUuid) : '—'} |`
      )
    }
    out.push('')
  }
  for (const m of report.models) out.push(...modelSection(m))
  out.push(
    `<sub>airs-model-gate ${md(report.tool.version, 20)} · mode ${report.settings.mode}, on-error ${report.settings.on_error}${reportFile ? ` · full results: ${code(reportFile, 300)}` : ''}</sub>`,
    ''
  )
  return out.join('\n')
}

function modelSection(m: ModelResult): string[] {
  const v = modelView(m)
  const out = [`### ${ICON[m.verdict]} ${md(v.name, 200)}`, '', md(m.reason, 1000), '']
  if (m.security_group)
    out.push(`Security group: ${md(m.security_group.name, 200)} (${code(m.security_group.uuid)})`, '')
  const failed = m.evaluations.items.filter((e) => e.result !== 'PASSED')
  for (const e of failed) {
    out.push(`- **${md(e.rule_name, 200)}** — ${md(e.result, 20)}, ${md(e.rule_instance_state, 20)}`)
    const vs = m.violations.items.filter((x) => x.rule_instance_uuid === e.rule_instance_uuid)
    for (const x of vs.slice(0, MAX_VIOLATIONS_SHOWN)) {
      out.push(`  - ${x.file ? `${code(x.file)}: ` : ''}${md(x.description, 400)}`)
    }
    if (vs.length > MAX_VIOLATIONS_SHOWN) out.push(`  - … and ${vs.length - MAX_VIOLATIONS_SHOWN} more`)
  }
  if (failed.length > 0) out.push('')
  for (const w of m.warnings) out.push(`> ⚠️ ${md(w, 500)}`, '')
  return out
}
