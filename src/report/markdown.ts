import { guidanceFor, type Guidance } from './guidance.js'
import { code, htmlText, link, md } from './escape.js'
import { nextStep, UNVERIFIED_STEP } from './next-step.js'
import { countOf as plural, formatCount as num } from '../util/text.js'
import type { Band } from '../gate/severity.js'
import type { ModelResult } from '../gate/result.js'
import type { Finding, ModelView, RunView } from './view.js'

/**
 * The Markdown report behind the job summary and the PR comment: one renderer with levels of detail, so a
 * target with a size limit picks the richest level that fits (summary.ts, comment.ts). Every value from the
 * service or a model repository goes through md(), code() or link().
 */

export interface Detail {
  /** rule-evaluation table per model */
  evaluations: boolean
  /** violation rows shown per rule */
  violationsPerRule: number
  /** full: steps, tailored advice and code examples; brief: the rule's advice, first steps and links */
  guidance: 'full' | 'brief'
  /** scanned-file list: every file, only files that failed or errored, or none */
  files: 'all' | 'problems' | 'none'
  filesMax: number
  labels: boolean
  /** a section for every model, or only for those that did not pass (the table above lists them all) */
  sections: 'all' | 'not-passed'
}

/** The complete short form: verdict, every model's outcome and failed rules, where to find the rest. */
export const SHORT = 'short'

export interface MarkdownContext {
  /** the JSON report's path, for readers who need everything */
  reportFile?: string
  /** the workflow run, for the PR comment */
  runUrl?: string
  /** the commit the run gated, for the PR comment */
  commit?: string
  /** why the short form was chosen, shown above its pointer */
  note?: string
  /** the `console-url` input: a link to a scan, `{scan}` standing for its UUID */
  consoleUrl?: string
  /** the workflow artifact with the report and SARIF log, when it was uploaded */
  artifactUrl?: string
}

export const ICON = { pass: '✅', warn: '⚠️', fail: '❌' } as const

/** push(...lines) overflows the call stack for a repository with 100,000 files */
function append(out: string[], lines: readonly string[]): void {
  for (const l of lines) out.push(l)
}
const RESULT_ICON: Record<string, string> = { PASSED: '✅', FAILED: '❌', ERROR: '⚠️' }
const SOURCE_NAMES: Record<string, string> = {
  HUGGING_FACE: 'Hugging Face',
  LOCAL: 'Local path',
  S3: 'Amazon S3',
  GCS: 'Google Cloud Storage',
  AZURE: 'Azure Blob Storage',
  ARTIFACTORY: 'JFrog Artifactory',
  GITLAB: 'GitLab Model Registry'
}
/** the short form lists this many models in full; a run with more names the rest by count */
const SHORT_MODELS = 100
const SHORT_RULES = 12

export function renderMarkdown(
  view: RunView,
  detail: Detail | typeof SHORT,
  ctx: MarkdownContext = {}
): string {
  const out = [`## ${ICON[view.verdict]} ${md(view.headline, 1000)}`, '']
  if (view.error) {
    out.push(`**Not verified** (${code(view.error.code, 40)}): no model was judged.`, '')
    const step = nextStepLine(view.error.code)
    if (step) out.push(step, '')
  }
  // a scheduled audit's question comes first: what is different from last time
  append(out, whatChanged(view))
  // several models: the one that needs a reader most, before the table (models are in that order)
  const first = view.models[0]
  if (view.models.length > 1 && first && first.verdict !== 'pass') out.push(...runAnswer(first), '')
  const sectionsFor =
    detail === SHORT || detail.sections === 'all'
      ? view.models.length
      : view.models.filter((m) => m.verdict !== 'pass').length
  if (view.models.length > 1 || detail === SHORT || sectionsFor < view.models.length)
    out.push(...modelTable(view.models, SHORT_MODELS), '')
  if (detail === SHORT) out.push(...shortModels(view.models))
  else
    for (const m of view.models)
      if (detail.sections === 'all' || m.verdict !== 'pass')
        append(out, modelSection(m, detail, ctx, view.models.length > 1 || !!view.error))
  if (ctx.note) out.push(`> ${md(ctx.note, 500)}`, '')
  out.push(footer(view, ctx), '')
  return out.join('\n')
}

/** Models listed under "What changed"; a run with more names the rest by count. */
const CHANGED_MODELS = 50

/**
 * "What changed": each model that drifted since its previous scan, newly blocked first, then a line saying how
 * many were compared, unchanged, first scans, and not compared. Nothing when drift was not looked for.
 */
export function whatChanged(view: RunView): string[] {
  const c = view.changes
  if (!c) return []
  const lines = changeItems(view).map((item) => `- ${item}`)
  const tally = [
    `${num(c.compared)} compared with their previous scan`,
    c.compared > 0 && `${num(c.unchanged)} unchanged`,
    c.first > 0 && `${num(c.first)} scanned for the first time`,
    c.unknown > 0 && `${num(c.unknown)} not fully compared (see each model)`
  ].filter(Boolean)
  // "could not compare" never reads as "nothing changed"
  const none =
    c.unknown > 0
      ? 'No change found in what could be compared.'
      : c.compared === 0
        ? 'No model had an earlier scan to compare with.'
        : 'Nothing changed.'
  return ['### What changed', '', ...(lines.length > 0 ? lines : [none]), '', `${tally.join(' · ')}.`, '']
}

/** One Markdown item per model that drifted (no list mark), newly blocked first, escaped. */
export function changeItems(view: RunView): string[] {
  const drifted = view.models
    .filter((m) => m.drift?.drifted)
    .sort((a, b) => Number(b.drift!.newlyBlocked) - Number(a.drift!.newlyBlocked) || a.index - b.index)
  const lines = drifted.slice(0, CHANGED_MODELS).map((m) => {
    const d = m.drift!
    const since = d.since ? ` · since ${code(d.since.scanUuid, 40)} (${md(d.since.at, 30)})` : ''
    return `${d.newlyBlocked ? '❌ **newly blocked** ' : ''}**${md(m.name, 120)}**: ${d.phrases.map((p) => md(p, 300)).join('; ')}${since}`
  })
  if (drifted.length > CHANGED_MODELS) lines.push(`… and ${num(drifted.length - CHANGED_MODELS)} more models`)
  return lines
}

function modelTable(models: ModelView[], max: number): string[] {
  const rows = models
    .slice(0, max)
    .map(
      (m) =>
        `| ${md(m.name, 120)} | ${md(m.outcome, 40)} | ${ICON[m.verdict]} ${m.verdict} | ${notVerified(m) ? 'not evaluated' : `${num(m.rulesFailed)} of ${num(m.totalRules)}`} | ${notVerified(m) ? '—' : num(m.violations)} |`
    )
  if (models.length > max) rows.push(`| … and ${num(models.length - max)} more models | | | | |`)
  // one line a model: the scan UUIDs (which wrap) are in each model's section
  return ['| Model | Outcome | Verdict | Rules failed | Violations |', '|---|---|---|---|---|', ...rows]
}

function shortModels(models: ModelView[]): string[] {
  const out: string[] = []
  const notPassed = models.filter((m) => m.verdict !== 'pass')
  for (const m of notPassed.slice(0, SHORT_MODELS)) {
    out.push(`**${ICON[m.verdict]} ${md(m.name, 120)}**: ${md(m.reason, 300)}`, '')
    for (const f of m.findings.slice(0, SHORT_RULES)) {
      const doc = f.guidance.links[0]
      out.push(
        `- ${SEVERITY_LABEL[f.band]} · ${RESULT_ICON[f.result] ?? '•'} ${md(f.rule, 120)} (${md(f.posture, 20)}): ${plural(f.violationCount, 'violation')}${doc ? ` · ${link('how to fix', doc.url)}` : ''}`
      )
    }
    if (m.findings.length > SHORT_RULES)
      out.push(`- … and ${num(m.findings.length - SHORT_RULES)} more rules`)
    if (m.findings.length > 0) out.push('')
  }
  if (notPassed.length > SHORT_MODELS)
    out.push(`… and ${num(notPassed.length - SHORT_MODELS)} more models`, '')
  return out
}

const ENGINE_NAMES: Record<ModelView['engine'], string> = {
  airs: 'Prisma AIRS AI Model Security',
  builtin: 'built-in engine (offline, static; not the AIRS service)'
}

/** A model the gate could not verify: its counts say nothing and must not read as clean. */
const notVerified = (m: ModelView) => m.status === 'error'

export const SEVERITY_LABEL: Readonly<Record<Band, string>> = {
  critical: '🔴 Critical',
  high: '🟠 High',
  medium: '🟡 Medium',
  low: '🔵 Low'
}

/**
 * One model: first what was decided, the most severe finding with its file and its fix (or why the model
 * could not be verified and what to do), then the facts in one line, the rules as one line with the table
 * folded, and the findings, most severe first, grouped by threat and file.
 */
function modelSection(m: ModelView, d: Detail, ctx: MarkdownContext, withReason: boolean): string[] {
  const out = [`### ${ICON[m.verdict]} ${md(m.name, 200)} — ${md(m.outcome, 40)}`, '']
  if (withReason) out.push(md(m.reason, 1000), '')
  append(out, answer(m, ctx))
  out.push(facts(m, d), '')
  append(out, rules(m, d))
  for (const f of m.findings) append(out, findingSection(f, d))
  append(out, unverifiedSection(m, d))
  if (d.files !== 'none') append(out, fileList(m, d))
  if (m.incomplete.length > 0)
    out.push(
      `> ⚠️ Not every ${m.incomplete.join(', ')} item could be read; the counts above come from the service.`,
      ''
    )
  for (const w of m.warnings) out.push(`> ⚠️ ${md(w, 500)}`, '')
  for (const u of m.drift?.unknown ?? []) out.push(`> Not compared with the previous scan: ${md(u, 500)}`, '')
  return out
}

/** The first screen of a model: the most severe finding and its fix, or why it is not verified. */
function answer(m: ModelView, ctx: MarkdownContext): string[] {
  const out: string[] = []
  if (notVerified(m)) {
    out.push(
      `**Not verified**${m.errorCode ? ` (${code(m.errorCode, 40)})` : ''}: the gate could not tell whether this model is safe.${m.evaluations.length > 0 ? ' The rules below are not a verdict.' : ''}`
    )
    const step = nextStepLine(m.errorCode)
    if (step) out.push('', step)
  } else {
    const top = m.findings[0]
    if (top) {
      const files = [...new Set(top.violations.map((v) => v.file).filter((f): f is string => !!f))]
      const where =
        files.length > 0
          ? ` in ${plural(files.length, 'file')}${files.length > 1 ? ', first' : ''} ${code(files[0], 200)}`
          : ''
      out.push(
        `**Most severe:** ${SEVERITY_LABEL[top.band]} · ${md(top.rule, 200)}: ${plural(top.violationCount, 'finding')}${where}`
      )
      out.push('', fixLine(top))
    }
  }
  const links = [
    // only a scan of the service has a page there; the built-in engine's stands for one
    ctx.consoleUrl &&
      m.scanUuid &&
      m.engine === 'airs' &&
      // `{scan}`: the placeholder inputs.ts requires exactly once
      link('scan in the console', ctx.consoleUrl.replace('{scan}', encodeURIComponent(m.scanUuid))),
    m.sourceType === 'HUGGING_FACE' && link('model page', modelPage(m)),
    ctx.runUrl && link('workflow run', ctx.runUrl),
    ctx.artifactUrl && link('full report', ctx.artifactUrl)
  ].filter((l): l is string => !!l)
  if (links.length > 0) out.push(...(out.length > 0 ? [''] : []), links.join(' · '))
  if (out.length > 0) out.push('')
  return out
}

/** The run's most severe finding (or a model not verified), with the model it belongs to. */
function runAnswer(m: ModelView): string[] {
  const top = m.findings[0]
  if (notVerified(m) || !top) {
    const out = [`**Needs attention first:** ${md(m.name, 120)}, ${md(m.reason, 300)}`]
    const step = notVerified(m) ? nextStepLine(m.errorCode) : undefined
    if (step) out.push('', step)
    return out
  }
  const out = [
    `**Most severe:** ${SEVERITY_LABEL[top.band]} · ${md(top.rule, 200)} in ${md(m.name, 120)}: ${plural(top.violationCount, 'finding')}`
  ]
  // the fix before the table: a run of many models pushes the first model's section off the first screen
  out.push('', fixLine(top))
  return out
}

/** The Hugging Face page of what was scanned: at the scanned revision when there was one. */
function modelPage(m: ModelView): string {
  return m.revision ? `${m.modelUri.replace(/\/+$/, '')}/tree/${encodeURIComponent(m.revision)}` : m.modelUri
}

/**
 * The first thing to do: for code that runs on load, not loading it; for a rule the service could not
 * evaluate, running it again; else the rule's first step, and when the service gave none (a custom rule, a
 * rule newer than this action), our own, so the first screen always says what to do.
 */
function fixLine(f: Finding): string {
  const t = f.guidance.tailored
  if (t.kind === 'rule-error') return `**Next step:** ${RULE_ERROR_STEP}`
  const fix =
    (t.kind === 'code-execution' ? t.steps[0] : undefined) ?? f.guidance.steps[0] ?? f.guidance.summary
  return `**Fix:** ${fix ? md(fix, 400) : NO_REMEDIATION}`
}

const RULE_ERROR_STEP =
  'This rule could not be evaluated, so the model is not verified: run the gate again; if the rule errors again, open a support case with the scan UUID.'
const NO_REMEDIATION =
  'The service gave no remediation for this rule: review the findings below with your security group’s owner before using the model.'

/** What to do about an error code (next-step.ts): our own text, so its Markdown is written as it is. */
function nextStepLine(errorCode: string | undefined): string | undefined {
  const step = nextStep(errorCode)
  return step && `**Next step:** ${step}`
}

/** Where the model came from, who scanned it, under which group: one line, small. */
function facts(m: ModelView, d: Detail): string {
  const parts = [
    `${md(SOURCE_NAMES[m.sourceType] ?? m.sourceType, 40)} ${code(m.modelUri, 300)}${m.revision ? ` @ ${code(m.revision, 80)}` : ''}${m.commit && m.commit !== m.revision ? ` (commit ${code(m.commit, 80)})` : ''}`,
    `scanned by ${ENGINE_NAMES[m.engine]}`
  ]
  if (m.group)
    parts.push(
      `${m.engine === 'builtin' ? 'policy' : 'security group'} ${md(m.group.name, 200)} (${code(m.group.uuid)})`
    )
  if (m.mode) parts.push(`mode ${md(m.mode, 20)} (models-file)`)
  if (m.scanUuid) parts.push(`scan ${code(m.scanUuid)}${m.reused ? ` ${m.reused}` : ''}`)
  if (!notVerified(m) && (m.filesScanned !== null || m.filesSkipped !== null))
    parts.push(
      `${m.filesScanned === null ? '? files' : plural(m.filesScanned, 'file')} scanned, ${m.filesSkipped === null ? '?' : num(m.filesSkipped)} skipped`
    )
  if (m.notEvaluated.length > 0)
    parts.push(`not evaluated: ${m.notEvaluated.map((r) => md(r, 100)).join(', ')}`)
  if (d.labels && m.labels.length > 0)
    parts.push(`labels ${m.labels.map((l) => code(`${l.key}=${l.value}`, 120)).join(' ')}`)
  return `<sub>${parts.join(' · ')}</sub>`
}

/** The rules as one line (what failed, how many passed), the whole table folded below it. */
function rules(m: ModelView, d: Detail): string[] {
  if (m.evaluations.length === 0) return notVerified(m) || m.scanUuid ? ['**Rules:** not evaluated', ''] : []
  const count = (r: string) => m.evaluations.filter((e) => e.result === r).length
  const parts = [
    count('FAILED') && `❌ ${num(count('FAILED'))} failed`,
    count('ERROR') && `⚠️ ${num(count('ERROR'))} could not be evaluated`,
    count('PASSED') && `✅ ${num(count('PASSED'))} passed`
  ].filter(Boolean)
  const out = [`**Rules:** ${parts.join(' · ')} of ${num(m.totalRules)}`, '']
  if (d.evaluations) {
    out.push(
      `<details><summary>All ${num(m.evaluations.length)} rules</summary>`,
      '',
      '| Rule | Severity | Posture | Result | Violations |',
      '|---|---|---|---|---|'
    )
    for (const e of m.evaluations) {
      const f = m.findings.find((x) => x.rule === e.rule)
      out.push(
        `| ${md(e.rule, 200)} | ${f ? SEVERITY_LABEL[f.band] : '—'} | ${md(e.posture, 20)} | ${RESULT_ICON[e.result] ?? ''} ${md(e.result, 20)} | ${num(e.violations)} |`
      )
    }
    out.push('', '</details>', '')
  }
  return out
}

/**
 * A rule that did not pass: its violations grouped by threat, then by file (one row a file, however many
 * findings it holds), at most `violationsPerRule` rows; then how to fix it.
 */
function findingSection(f: Finding, d: Detail): string[] {
  const out = [
    `#### ${SEVERITY_LABEL[f.band]} · ${RESULT_ICON[f.result] ?? '•'} ${md(f.rule, 200)} — ${md(f.result, 20)} (${md(f.posture, 20)})`,
    ''
  ]
  if (f.posture === 'ALLOWING')
    out.push('_Reported only: this rule does not block models in this security group._', '')
  let rows = 0
  let shown = 0
  for (const g of threatGroups(f)) {
    if (rows >= d.violationsPerRule) break
    const about = g.description ? `: ${md(g.description, 200)}` : ''
    out.push(
      `**${g.threat ? md(g.threat, 40) : 'Finding'}**${about} · ${plural(g.count, 'finding')} in ${plural(g.files.length, 'file')}`,
      '',
      '| File | Findings |',
      '|---|---|'
    )
    for (const file of g.files) {
      if (rows >= d.violationsPerRule) break
      rows++
      shown += file.descriptions.length
      const texts = file.descriptions
        .slice(0, MAX_DESCRIPTIONS)
        .map((t) => md(t.text, 300) + (t.where ? ` ${code(t.where, 120)}` : ''))
      const more = file.descriptions.length - texts.length
      out.push(
        `| ${file.path ? code(file.path, 200) : '—'} | ${texts.join(' · ')}${more > 0 ? ` · and ${num(more)} more` : ''} |`
      )
    }
    out.push('')
  }
  const hidden = f.violationCount - shown
  if (hidden > 0) out.push(`… and ${plural(hidden, 'more violation')} of this rule in the JSON report.`, '')
  out.push(...guidanceSection(f.guidance, d.guidance))
  return out
}

/**
 * Files the scanner could not read to the end, apart from the findings: neither clean nor found harmful, so
 * their advice is never a finding's ("remove code").
 */
function unverifiedSection(m: ModelView, d: Detail): string[] {
  if (m.unverified.length === 0) return []
  const shown = m.unverified.slice(0, d.violationsPerRule)
  const out = [
    `#### ⚠️ Could not verify · ${plural(m.unverified.length, 'file')}`,
    '',
    'Nothing in these files was found harmful, but the scanner could not read them to the end, so they are not verified either.',
    '',
    '| File | Why |',
    '|---|---|',
    ...shown.map((u) => `| ${code(u.path, 200)} | ${md(u.why, 600)} |`)
  ]
  if (m.unverified.length > shown.length)
    out.push(`| … and ${num(m.unverified.length - shown.length)} more in the JSON report | |`)
  out.push('', `**What to do:** ${md(UNVERIFIED_STEP, 400)}`, '')
  return out
}

/** descriptions listed per file; the rest are counted */
const MAX_DESCRIPTIONS = 5

interface ThreatGroup {
  threat: string | null
  description: string | null
  count: number
  files: Array<{ path: string | null; descriptions: Described[] }>
}

/** A finding's sentence, and the module and operator it names when the sentence does not already. */
interface Described {
  text: string
  where: string | null
}

function withWhere(text: string, module?: string | null, operator?: string | null): Described {
  const where = [module, operator].filter(Boolean).join('.')
  return { text, where: where && !text.includes(where) ? where : null }
}

/** A rule's violations by threat (in order of first appearance), each threat's by file. */
function threatGroups(f: Finding): ThreatGroup[] {
  const groups = new Map<
    string,
    ThreatGroup & { byFile: Map<string, { path: string | null; descriptions: Described[] }> }
  >()
  for (const v of f.violations) {
    const key = v.threat ?? ''
    let g = groups.get(key)
    if (!g) {
      g = { threat: v.threat ?? null, description: null, count: 0, files: [], byFile: new Map() }
      groups.set(key, g)
    }
    g.count++
    g.description ??= v.threat_description ?? null
    const fileKey = v.file ?? ''
    let file = g.byFile.get(fileKey)
    if (!file) {
      file = { path: v.file ?? null, descriptions: [] }
      g.byFile.set(fileKey, file)
      g.files.push(file)
    }
    file.descriptions.push(withWhere(v.description, v.module, v.operator))
  }
  return [...groups.values()].map(({ byFile: _, ...g }) => g)
}

function guidanceSection(g: Guidance, level: Detail['guidance']): string[] {
  const out = ['**How to fix**', '']
  const t = g.tailored
  if (t.kind === 'code-execution' && t.meaning) out.push(md(t.meaning, 600), '')
  if (g.summary) out.push(md(g.summary, 300), '')
  const steps = planSteps(g)
  const shownSteps = level === 'full' || t.kind === 'code-execution' ? steps : steps.slice(0, 3)
  shownSteps.forEach((s, i) => out.push(`${i + 1}. ${md(s, 400)}`))
  if (shownSteps.length > 0) out.push('')
  if (level === 'full') out.push(...tailoredSection(g))
  if (g.links.length > 0)
    out.push(
      g.links
        .slice(0, 6)
        .map((l) => link(l.label, l.url))
        .join(' · '),
      ''
    )
  return out
}

/** A step of the service's that says "do not load", which the gate's own first step already says. */
const DO_NOT_LOAD = /^do not (load|use|run)\b/i

/**
 * One plan, in the order to follow it. For code that runs on load, the gate's steps (do not load, convert or
 * deploy; investigate; replace) come first and the service's "do not load" is not said twice. For a format
 * finding on a model that also runs code, no conversion steps: converting means loading.
 */
function planSteps(g: Guidance): string[] {
  const t = g.tailored
  if (t.kind === 'code-execution') return [...t.steps, ...g.steps.filter((s) => !DO_NOT_LOAD.test(s))]
  if (t.kind === 'format' && t.runsCode) return []
  return g.steps
}

const list = (items: string[], max = 20) =>
  items
    .slice(0, max)
    .map((s) => code(s, 60))
    .join(', ') + (items.length > max ? ` and ${items.length - max} more` : '')

function tailoredSection(g: Guidance): string[] {
  const t = g.tailored
  const out: string[] = []
  switch (t.kind) {
    case 'format':
      out.push(
        `Formats found: ${t.found.length > 0 ? list(t.found) : 'not reported'}. Approved by the security group: ${t.approved ? (t.approved.length > 0 ? list(t.approved) : 'none') : 'unknown (the group’s configuration could not be read)'}.`,
        ''
      )
      if (t.runsCode)
        out.push(
          `Do not convert this model: it also fails a code-execution check${t.unsafeToConvert.length > 0 ? ` (${list(t.unsafeToConvert, 10)})` : ''}, and converting means loading. Rebuild the weights from a trusted source instead.`,
          ''
        )
      if (t.approvedSiblings.length > 0)
        out.push(
          `Weights in an approved format are already here: ${list(t.approvedSiblings, 10)}. If your deployment loads only those, download and scan only those.`,
          ''
        )
      for (const e of t.examples)
        out.push(
          `<details><summary>${htmlText(e.title, 200)}</summary>`,
          '',
          `\`\`\`${e.language}`,
          e.code,
          '```',
          '',
          '</details>',
          ''
        )
      break
    case 'code-execution':
      // the threats and where they are: the findings table above
      if (t.internal)
        out.push('_This model is your organisation’s own: treat the finding as a security incident._', '')
      break
    case 'license':
      out.push(
        `${t.missing ? 'The model declares no license. ' : ''}Licenses the security group accepts: ${t.approved ? (t.approved.length > 0 ? list(t.approved) : 'none') : 'unknown (the group’s configuration could not be read)'}.`,
        ''
      )
      break
    case 'location':
      out.push(
        `Approved locations: ${t.approved ? list(t.approved) : 'unknown'}. Move the model to one of them.`,
        ''
      )
      break
    case 'denied':
      out.push(
        `The security group denies this ${t.what}. Choose another model or ask your security team for an exception.`,
        ''
      )
      break
    case 'unverified-publisher':
      out.push(
        'Choose a model from an organisation verified by Hugging Face, or ask your security team to review this one.',
        ''
      )
      break
    case 'rule-error':
      out.push(
        'The service could not evaluate this rule. Run the scan again; if the error persists, contact support with the scan UUID.',
        ''
      )
      break
    case 'none':
      break
  }
  return out
}

function fileList(m: ModelView, d: Detail): string[] {
  const files =
    d.files === 'all' ? m.files : m.files.filter((f) => f.result === 'FAILED' || f.result === 'ERROR')
  if (files.length === 0) return []
  const shown = files.slice(0, d.filesMax)
  const title =
    d.files === 'all' ? `Scanned files (${num(files.length)})` : `Files with findings (${num(files.length)})`
  const out = [`<details><summary>${title}</summary>`, '', '| File | Formats | Result |', '|---|---|---|']
  for (const f of shown)
    out.push(
      `| ${code(f.path, 300)} | ${f.formats.length > 0 ? list(f.formats, 10) : '—'} | ${md(f.result, 20)} |`
    )
  if (files.length > shown.length)
    out.push(`| … and ${num(files.length - shown.length)} more in the JSON report | | |`)
  out.push('', '</details>', '')
  return out
}

function footer(view: RunView, ctx: MarkdownContext): string {
  const parts = [
    `airs-model-gate ${md(view.version, 20)}`,
    `mode ${md(view.mode, 10)}, on-error ${md(view.onError, 10)}`
  ]
  if (ctx.commit) parts.push(`commit ${code(ctx.commit.slice(0, 12), 12)}`)
  if (ctx.runUrl) parts.push(link('workflow run', ctx.runUrl))
  // a link when the files were uploaded; else the path, which a later step of the job can still read
  if (ctx.artifactUrl) parts.push(link('full report and SARIF', ctx.artifactUrl))
  else if (ctx.reportFile) parts.push(`full results: ${code(ctx.reportFile, 300)}`)
  return `<sub>${parts.join(' · ')}</sub>`
}

/**
 * The richest rendering that fits a platform limit: each level of detail in turn, then the short form, and
 * as a last resort the short form cut at a line boundary (it has no open blocks to break).
 */
export function fitMarkdown(
  view: RunView,
  levels: readonly Detail[],
  ctx: MarkdownContext,
  fits: (text: string) => boolean,
  tooLong: string
): string {
  for (const d of levels) {
    const text = renderMarkdown(view, d, ctx)
    if (fits(text)) return text
  }
  const short = renderMarkdown(view, SHORT, { ...ctx, note: tooLong })
  if (fits(short)) return short
  const lines = short.split('\n')
  const end = `\n\n> ${md(tooLong, 500)} The list above is cut short.\n\n${footer(view, ctx)}\n`
  while (lines.length > 1 && !fits(lines.join('\n') + end))
    lines.splice(Math.max(1, Math.floor(lines.length * 0.9)))
  return lines.join('\n') + end
}

/**
 * What a SARIF rule's help adds to the service's remediation, which the rule's help already holds: for code
 * that runs on load, what that means and the gate's first steps. The help is shared by every alert of the
 * rule, so nothing here is one model's (its files, its threat links, steps that depend on where it came
 * from); undefined when there is nothing to add.
 */
export function sarifHelp(ruleName: string, model: ModelResult): string | undefined {
  // the one rule's guidance, without building the whole model view once per rule
  const e = model.evaluations.items.find((x) => x.rule_name === ruleName && x.result !== 'PASSED')
  if (!e) return undefined
  const violations = model.violations.items.filter((v) => v.rule_instance_uuid === e.rule_instance_uuid)
  const t = guidanceFor(model, e, violations).tailored
  if (t.kind !== 'code-execution') return undefined
  const out = t.meaning ? [md(t.meaning, 600)] : []
  // the first steps hold for every model; the rest depend on where the model came from
  out.push(
    t.steps
      .slice(0, SHARED_CODE_EXECUTION_STEPS)
      .map((s, i) => `${i + 1}. ${md(s, 400)}`)
      .join('\n')
  )
  return out.join('\n\n')
}

/** do not load it; investigate each finding */
const SHARED_CODE_EXECUTION_STEPS = 2
