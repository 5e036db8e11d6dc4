import { createHash } from 'node:crypto'
import type * as Sarif from 'sarif'
import { gzipSync } from 'node:zlib'
import type { Violation } from '../airs/schemas/data-plane.js'
import type { SecurityRule } from '../airs/schemas/mgmt-plane.js'
import type { GateReport, ModelResult } from '../gate/result.js'
import type { Locate } from './anchor.js'
import { displayName } from '../gate/model-source.js'
import { plainText } from '../util/text.js'
import { code, md } from './escape.js'
import { NOT_VERIFIED_SEVERITY, levelOf, securitySeverity, type Level } from '../gate/severity.js'
import type { RunView } from './view.js'

/**
 * The gate's findings as SARIF 2.1.0 for GitHub code scanning: one rule per Prisma AIRS security rule, one
 * result per violation, and one result per model the gate could not verify. Pure: the caller decides where
 * findings point in the repository (`locate`) and writes the file.
 *
 * Every string from the API or a model repository may be hostile. Plain fields go through plainText
 * (control and bidi characters removed, bounded); Markdown goes through md/code; URIs are percent-encoded
 * and links are only made from http(s) URLs. The log stays within code scanning's upload limits.
 */

/** Code scanning's upload limits (docs.github.com, "SARIF results exceed limit"), and this renderer's bounds. */
export const SARIF_LIMITS = {
  maxRuns: 20,
  /** what an upload may hold */
  maxResults: 25_000,
  /** what code scanning keeps of a run, the most severe first: more would be cut arbitrarily among equals */
  keptResults: 5_000,
  maxRules: 25_000,
  maxLocationsPerResult: 1000,
  maxTagsPerRule: 20,
  /** gzip-compressed size of the uploaded file */
  maxGzipBytes: 10 * 1024 * 1024,
  /** what this renderer aims for, leaving room for indentation added when the log is written */
  gzipBudgetBytes: 9 * 1024 * 1024,
  /** uncompressed size (in UTF-16 code units) beyond which results are left out before compressing */
  rawBudgetBytes: 100 * 1024 * 1024,
  maxRuleNameChars: 255,
  maxDescriptionChars: 1024,
  maxMessageChars: 5000
} as const

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json'
/** Code scanning keys alerts by tool name and rule id: changing either orphans every open alert. */
export const TOOL_NAME = 'airs-model-gate'
export const TOOL_URI = 'https://github.com/airs-model-gate/airs-model-gate'
/** The rule of results for models the gate could not verify (scan ERROR, timeout, API failure). */
export const NOT_VERIFIED_RULE_ID = 'airs-model-gate/model-not-verified'
/**
 * Key of the fingerprint in `partialFingerprints`; the version changes if what is hashed changes.
 * @internal exported for the tests, which read fingerprints by it
 */
export const FINGERPRINT_KEY = 'airsFindingHash/v1'

// ---- SARIF 2.1.0 types (@types/sarif), with what this renderer always writes made required ----

/** `T` with the properties `K` always present. */
type With<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: Exclude<T[P], undefined> }
/** `T` with the properties of `U` in place of its own. */
type Overwrite<T, U> = Omit<T, keyof U> & U

type Message = With<Sarif.Message, 'text'>
type LogicalLocation = With<Sarif.LogicalLocation, 'name' | 'fullyQualifiedName' | 'kind'>
type Location = Overwrite<
  Sarif.Location,
  {
    physicalLocation: With<Sarif.PhysicalLocation, 'artifactLocation' | 'region'>
    logicalLocations: LogicalLocation[]
  }
>
type ReportingDescriptor = With<
  Sarif.ReportingDescriptor,
  'name' | 'shortDescription' | 'fullDescription' | 'help' | 'defaultConfiguration' | 'properties'
>
export type SarifResult = Overwrite<
  With<Sarif.Result, 'ruleId' | 'ruleIndex' | 'level' | 'partialFingerprints'>,
  { message: Message; locations: Location[]; properties: Record<string, unknown> }
>
type SarifRun = Overwrite<
  With<Sarif.Run, 'invocations'>,
  {
    tool: {
      driver: Overwrite<
        With<Sarif.ToolComponent, 'version' | 'semanticVersion' | 'informationUri'>,
        { rules: ReportingDescriptor[] }
      >
    }
    results: SarifResult[]
    /** the gate's own facts about the run */
    properties: {
      verdict: string
      truncated: boolean
      total_results: number
      omitted: number
      truncation_reason?: SarifTruncation
      omitted_rules?: number
    }
  }
>
export type SarifLog = Overwrite<Sarif.Log, { $schema: typeof SARIF_SCHEMA_URI; runs: [SarifRun] }>

// ---- API ----

export interface SarifOptions {
  /** where a finding points in the repository; when absent or undefined, the model's URI (or path) */
  locate?: Locate
  /** becomes `runs[0].automationDetails.id` (`<category>/`), so several gate jobs do not close each other's alerts */
  category?: string
  /**
   * Extra guidance appended to a rule's help.markdown: already-escaped Markdown. Called with the AIRS rule
   * name (or NOT_VERIFIED_RULE_ID) and the first model the rule appears for.
   */
  helpMarkdown?: (ruleName: string, model: ModelResult) => string | undefined
  /** what the compressed log must stay under; SARIF_LIMITS.gzipBudgetBytes unless a test of the cut asks less */
  gzipBudgetBytes?: number
}

export function renderSarif(view: RunView, options: SarifOptions = {}): SarifLog {
  const { report } = view
  const facts = collectRules(report)
  const ids = ruleIds([...facts.keys()])
  const grouping = groupingFor(report)
  const candidates = report.models.flatMap((m) => modelCandidates(m, options.locate, grouping))
  candidates.forEach((c, i) => (c.order = i))
  const descriptors = new Map<string, ReportingDescriptor>()
  const descriptor = (key: string): ReportingDescriptor => {
    let d = descriptors.get(key)
    if (!d) {
      d =
        key === NOT_VERIFIED_KEY ? notVerifiedRule(report, options) : airsRule(facts.get(key)!, ids, options)
      descriptors.set(key, d)
    }
    return d
  }
  const run: RunParts = { report, options, facts, ids, descriptor, total: candidates.length }

  // highest level and severity first; the report's order breaks ties
  const prioritized = [...candidates].sort(
    (a, b) => b.rank - a.rank || b.severity - a.severity || a.order - b.order
  )
  let keep = withinRawBudget(prioritized.slice(0, SARIF_LIMITS.keptResults), descriptor)
  let reason: SarifTruncation | undefined =
    keep.length < Math.min(candidates.length, SARIF_LIMITS.keptResults)
      ? 'size'
      : candidates.length > SARIF_LIMITS.keptResults
        ? 'max-results'
        : undefined
  let withUnreferenced = true
  const budget = options.gzipBudgetBytes ?? SARIF_LIMITS.gzipBudgetBytes
  for (;;) {
    const log = assemble(run, keep, reason, withUnreferenced)
    const json = JSON.stringify(log)
    if (Buffer.byteLength(json) <= budget) return log
    const packed = gzipSync(json).length
    if (packed <= budget) return log
    // too large: first the rules no result refers to, then the least important results
    if (withUnreferenced && log.runs[0].tool.driver.rules.length > new Set(keep.map((c) => c.key)).size) {
      withUnreferenced = false
      continue
    }
    if (keep.length === 0) return log
    reason = 'size'
    withUnreferenced = false
    keep = keep.slice(0, Math.min(keep.length - 1, Math.floor((keep.length * budget * 0.95) / packed)))
  }
}

type SarifTruncation = 'max-results' | 'size'

/** What every attempt at assembling the log shares. */
interface RunParts {
  report: GateReport
  options: SarifOptions
  facts: Map<string, RuleFacts>
  ids: Map<string, string>
  descriptor: (key: string) => ReportingDescriptor
  /** results before any were left out */
  total: number
}

// ---- rules ----

const NOT_VERIFIED_KEY = '\u0000not-verified'
/** one notification per model not verified, up to this many; then one that counts the rest */
const MAX_UNVERIFIED_NOTIFICATIONS = 50
const RULE_TAGS = ['security', 'ml-model', 'prisma-airs']

interface RuleFacts {
  name: string
  /** rule_description from an evaluation or violation */
  description?: string
  level: Level
  catalogue?: SecurityRule
  remediation?: Violation['remediation']
  /** first model that failed the rule (else the first it appears for): the one its help is written from */
  model: ModelResult
  /** a violation names it, or an evaluation did not pass */
  failed: boolean
}

const LEVEL_RANK: Record<Level, number> = { error: 3, warning: 2, note: 1 }

function collectRules(report: GateReport): Map<string, RuleFacts> {
  const facts = new Map<string, RuleFacts>()
  const see = (
    m: ModelResult,
    x: {
      rule_name: string
      rule_instance_state: string
      rule_description?: string | undefined
      result?: string
    },
    violation?: Violation
  ) => {
    let f = facts.get(x.rule_name)
    if (!f) {
      f = { name: x.rule_name, level: levelOf(x.rule_instance_state), model: m, failed: false }
      facts.set(x.rule_name, f)
    }
    const level = levelOf(x.rule_instance_state)
    if (LEVEL_RANK[level] > LEVEL_RANK[f.level]) f.level = level
    if (!f.description && x.rule_description?.trim()) f.description = x.rule_description
    if ((violation || x.result !== 'PASSED') && !f.failed) {
      f.failed = true
      f.model = m
    }
    if (!f.remediation && violation?.remediation) f.remediation = violation.remediation
  }
  for (const m of report.models) {
    for (const e of m.evaluations.items) see(m, e)
    for (const v of m.violations.items) see(m, v, v)
  }
  for (const m of report.models)
    for (const r of m.rules) {
      const f = facts.get(r.name)
      if (f && !f.catalogue) f.catalogue = r
    }
  return facts
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 64)
    .replace(/-+$/, '')
}

/**
 * Stable rule ids: `airs/<slug>` for names made of letters, digits and single spaces (every managed rule),
 * `airs/<slug>-<hash>` for any other name, so an id never depends on which other rules a run has. Names
 * that still collide (differing only in case) all take the hash; a numeric suffix settles the rest.
 */
function ruleIds(names: string[]): Map<string, string> {
  const hash8 = (n: string) => sha256(n).slice(0, 8)
  const simple = (n: string) => /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/.test(n) && n.length <= 64
  const base = new Map(
    names.map((n) => [n, simple(n) ? `airs/${slug(n)}` : `airs/${slug(n) || 'rule'}-${hash8(n)}`])
  )
  const count = new Map<string, number>()
  for (const id of base.values()) count.set(id, (count.get(id) ?? 0) + 1)
  const ids = new Map<string, string>()
  const used = new Set<string>()
  for (const n of [...names].sort(byCodeUnits)) {
    let id = base.get(n)!
    if (count.get(id)! > 1 && simple(n)) id = `${id}-${hash8(n)}`
    const first = id
    for (let k = 2; used.has(id); k++) id = `${first}-${k}`
    used.add(id)
    ids.set(n, id)
  }
  return ids
}

const severityText = (n: number) => n.toFixed(1)

function airsRule(f: RuleFacts, ids: Map<string, string>, options: SarifOptions): ReportingDescriptor {
  const name = text(f.name, SARIF_LIMITS.maxRuleNameChars) || 'Unnamed rule'
  const described = f.description ?? f.catalogue?.description ?? undefined
  const full = text(described, SARIF_LIMITS.maxDescriptionChars) || name
  const rem = f.catalogue?.remediation
  const steps = (rem?.steps.length ? rem.steps : (f.remediation?.steps ?? []))
    .filter((s) => text(s, 300))
    .slice(0, MAX_STEPS)
  const url = httpUrl(rem?.url) ?? httpUrl(f.remediation?.url)
  const remedy = text(rem?.description, 500)
  const none =
    remedy || steps.length || url
      ? undefined
      : f.failed
        ? 'Prisma AIRS reported no remediation steps for this rule.'
        : 'This rule passed for every model in this run.'

  const plain = [full]
  if (remedy) plain.push(remedy)
  if (steps.length) plain.push(steps.map((s, i) => `${i + 1}. ${text(s, 300)}`).join('\n'))
  if (url) plain.push(`Remediation guide: ${url}`)
  if (none) plain.push(none)

  const markdown = [wellFormed(md(described, SARIF_LIMITS.maxDescriptionChars)) || md(name)]
  if (remedy) markdown.push(`**Remediation:** ${wellFormed(md(rem?.description, 500))}`)
  if (steps.length) markdown.push(steps.map((s, i) => `${i + 1}. ${wellFormed(md(s, 300))}`).join('\n'))
  if (url) markdown.push(`[Remediation guide](${markdownHref(url)})`)
  if (none) markdown.push(none)
  markdown.push(`Prisma AIRS Model Security rule ${wellFormed(code(f.name, 200))}.`)
  const extra = extraHelp(options, f.name, f.model)
  if (extra) markdown.push(extra)

  return {
    id: ids.get(f.name)!,
    name,
    shortDescription: { text: text(f.name, SARIF_LIMITS.maxDescriptionChars) || name },
    fullDescription: { text: full },
    help: { text: plain.join('\n\n'), markdown: markdown.join('\n\n') },
    ...(url && { helpUri: url }),
    defaultConfiguration: { level: f.level },
    properties: {
      tags: [...RULE_TAGS],
      precision: 'high',
      'security-severity': severityText(securitySeverity(f.name))
    }
  }
}

const MAX_STEPS = 10
const MAX_EXTRA_HELP = 20_000

function extraHelp(options: SarifOptions, ruleName: string, model: ModelResult): string | undefined {
  const extra = options.helpMarkdown?.(ruleName, model)?.trim()
  return extra ? wellFormed(extra.slice(0, MAX_EXTRA_HELP)) : undefined
}

const NOT_VERIFIED = {
  name: 'Model not verified',
  short: 'The gate could not verify the model',
  full:
    'Prisma AIRS gave no verdict the gate could trust for this model: the scan ended in ERROR, was still ' +
    'PENDING when the gate stopped waiting, or a request to the service failed. Treat the model as unsafe ' +
    'until a scan verifies it.',
  steps: [
    "Read the result's message and error code, and the gate's log in the workflow run.",
    'Fix the cause (credentials, security group, model URI, network or proxy, timeout) and run the workflow again.',
    'If the scan ended in ERROR, open it in Prisma AIRS Model Security and check its error message.'
  ],
  url: `${TOOL_URI}#troubleshooting`
}

function notVerifiedRule(report: GateReport, options: SarifOptions): ReportingDescriptor {
  const steps = NOT_VERIFIED.steps.map((s, i) => `${i + 1}. ${s}`).join('\n')
  const markdown = [
    md(NOT_VERIFIED.full, 1000),
    NOT_VERIFIED.steps.map((s, i) => `${i + 1}. ${md(s)}`).join('\n'),
    `[Troubleshooting](${NOT_VERIFIED.url})`
  ]
  const first = report.models.find((m) => m.status === 'error')
  const extra = first && extraHelp(options, NOT_VERIFIED_RULE_ID, first)
  if (extra) markdown.push(extra)
  return {
    id: NOT_VERIFIED_RULE_ID,
    name: NOT_VERIFIED.name,
    shortDescription: { text: NOT_VERIFIED.short },
    fullDescription: { text: NOT_VERIFIED.full },
    help: {
      text: [NOT_VERIFIED.full, steps, `Troubleshooting: ${NOT_VERIFIED.url}`].join('\n\n'),
      markdown: markdown.join('\n\n')
    },
    helpUri: NOT_VERIFIED.url,
    defaultConfiguration: { level: 'error' },
    properties: {
      tags: [...RULE_TAGS.slice(0, 2), TOOL_NAME],
      precision: 'high',
      'security-severity': severityText(NOT_VERIFIED_SEVERITY)
    }
  }
}

// ---- results ----

interface Candidate {
  order: number
  rank: number
  severity: number
  /** AIRS rule name, or NOT_VERIFIED_KEY */
  key: string
  result: Omit<SarifResult, 'ruleId' | 'ruleIndex'>
}

/**
 * One result per rule and file, holding every finding of that rule in that file (an alert per place, whatever
 * it holds); when that makes more results than code scanning keeps, one per rule and model.
 */
type Grouping = 'file' | 'model'

function groupingFor(report: GateReport): Grouping {
  const keys = new Set<string>()
  let others = 0
  for (const m of report.models) {
    for (const v of m.violations.items) keys.add(JSON.stringify([m.index, v.rule_name, v.file ?? '']))
    // a failed rule without violations, and a model not verified, are one result each
    others += m.evaluations.items.filter((e) => e.result === 'FAILED').length + (m.status === 'error' ? 1 : 0)
  }
  return keys.size + others <= SARIF_LIMITS.keptResults ? 'file' : 'model'
}

/** Distinct values, in order of first appearance, at most `max`. */
function distinct(values: ReadonlyArray<string | null | undefined>, max: number): string[] {
  const out = new Set<string>()
  for (const v of values) {
    if (out.size >= max) break
    if (v) out.add(v)
  }
  return [...out]
}

/** Descriptions quoted in one result's message; the rest are counted. */
const MESSAGE_FINDINGS = 5
/** Identifiers and names listed in one result's properties. */
const PROPERTY_ITEMS = 100

function modelCandidates(m: ModelResult, locate: Locate | undefined, grouping: Grouping): Candidate[] {
  const name = text(displayName(m.model.source_type, m.model.model_uri), 200) || 'unnamed model'
  const modelUri = m.model.model_uri
  const formats = new Map<string, string[]>()
  for (const f of m.files.items) if (f.formats && !formats.has(f.path)) formats.set(f.path, f.formats)
  const common = {
    model: name,
    model_uri: text(modelUri, 2000),
    ...(m.model.revision && { revision: text(m.model.revision, 256) }),
    source_type: text(m.model.source_type, 32),
    ...(m.scan && { scan_uuid: text(m.scan.uuid, 64) }),
    status: m.status,
    verdict: m.verdict
  }
  const out: Candidate[] = []
  const add = (key: string, level: Level, severity: number, result: Candidate['result']) =>
    out.push({ order: 0, rank: LEVEL_RANK[level], severity, key, result })

  const groups = new Map<string, Violation[]>()
  for (const v of m.violations.items) {
    const key = JSON.stringify([v.rule_name, grouping === 'file' ? (v.file ?? '') : ''])
    const group = groups.get(key)
    if (group) group.push(v)
    else groups.set(key, [v])
  }
  for (const vs of groups.values()) {
    const v = vs[0]!
    const level = vs
      .map((x) => levelOf(x.rule_instance_state))
      .reduce((a, b) => (LEVEL_RANK[b] > LEVEL_RANK[a] ? b : a))
    const ruleName = text(v.rule_name, 255) || 'A rule'
    const file = grouping === 'file' ? (v.file ?? undefined) : undefined
    const fileText = text(file, 500)
    const files = distinct(
      vs.map((x) => text(x.file, 500)),
      PROPERTY_ITEMS
    )
    const threats = distinct(
      vs.map((x) => text(x.threat, 100)),
      20
    )
    const threatNotes = distinct(
      vs.map((x) =>
        x.threat
          ? `${text(x.threat, 100)}${x.threat_description ? ` (${text(x.threat_description, 500)})` : ''}`
          : text(x.threat_description, 500)
      ),
      10
    )
    const modules = distinct(
      vs.map((x) => text(x.module, 200)),
      20
    )
    const operators = distinct(
      vs.map((x) => text(x.operator, 200)),
      20
    )
    const descriptions = vs
      .slice(0, MESSAGE_FINDINGS)
      .map((x) => text(x.description, 1000))
      .filter(Boolean)
    const more = vs.length - Math.min(vs.length, MESSAGE_FINDINGS)
    const where = fileText ? ` in ${fileText}` : files.length > 1 ? ` in ${files.length} files` : ''
    const parts = [
      sentence(`${ruleName} failed: ${vs.length} finding${vs.length === 1 ? '' : 's'}${where}`),
      ...descriptions.map((d) => sentence(d)),
      ...(more > 0 ? [sentence(`And ${more} more in the gate report`)] : []),
      sentence(`Model: ${name}`)
    ]
    if (threatNotes.length > 0)
      parts.push(sentence(`Threat${threatNotes.length === 1 ? '' : 's'}: ${threatNotes.join('; ')}`))
    const fileFormats = file !== undefined ? formats.get(file) : undefined
    add(v.rule_name, level, securitySeverity(v.rule_name), {
      level,
      message: { text: messageText(parts.join(' ')) },
      locations: [location(m, name, file, locate)],
      partialFingerprints: {
        // the place, not what is found there: a new finding in the same file is the same alert
        [FINGERPRINT_KEY]: fingerprint([modelUri, v.rule_name, grouping === 'file' ? (file ?? '') : '*'])
      },
      properties: {
        ...common,
        rule: ruleName,
        posture: text(v.rule_instance_state, 32),
        violation_count: vs.length,
        violation_uuids: vs.slice(0, PROPERTY_ITEMS).map((x) => text(x.uuid, 64)),
        ...(fileText ? { file: fileText } : files.length > 0 && { files }),
        ...(fileFormats?.length && { formats: fileFormats.slice(0, 20).map((f) => text(f, 64)) }),
        ...(threats.length > 0 && { threats }),
        ...(modules.length > 0 && { modules }),
        ...(operators.length > 0 && { operators }),
        ...optionalUrl('insights_url', vs.find((x) => x.insights_url)?.insights_url),
        ...optionalUrl('threat_kb_url', vs.find((x) => x.threat_kb_url)?.threat_kb_url)
      }
    })
  }

  // a failed rule whose violations are not in the report still needs an alert
  const violated = new Set(m.violations.items.map((v) => v.rule_name))
  const failedAlone = new Set<string>()
  for (const e of m.evaluations.items) {
    if (e.result !== 'FAILED' || violated.has(e.rule_name) || failedAlone.has(e.rule_name)) continue
    failedAlone.add(e.rule_name)
    const level = levelOf(e.rule_instance_state)
    const rule = text(e.rule_name, 255) || 'A rule'
    const count = e.violation_count
    add(e.rule_name, level, securitySeverity(e.rule_name), {
      level,
      message: {
        text: messageText(
          `${sentence(`${rule} failed for model ${name}`)} ` +
            sentence(
              `The service counted ${count} violation${count === 1 ? '' : 's'}, none of which is in the report`
            )
        )
      },
      locations: [location(m, name, undefined, locate)],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint([modelUri, e.rule_name, '', '', 'rule-failed']) },
      properties: { ...common, rule, posture: text(e.rule_instance_state, 32), violation_count: count }
    })
  }

  if (m.status === 'error') {
    const level: Level = m.verdict === 'fail' ? 'error' : 'warning'
    const reason = text(m.reason, 1000)
    const codeName = m.error ? text(m.error.code, 64) : ''
    add(NOT_VERIFIED_KEY, level, NOT_VERIFIED_SEVERITY, {
      level,
      message: {
        text: messageText(
          `${sentence(`${name} could not be verified${reason ? `: ${reason}` : ''}`)}` +
            (codeName ? ` ${sentence(`Error code: ${codeName}`)}` : '')
        )
      },
      locations: [location(m, name, undefined, locate)],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint([modelUri, NOT_VERIFIED_RULE_ID]) },
      properties: { ...common, ...(codeName && { error_code: codeName }), reason }
    })
  }
  return out
}

function location(
  m: ModelResult,
  name: string,
  file: string | undefined,
  locate: Locate | undefined
): Location {
  const anchor = locate?.(m, file)
  const anchored = anchor && relativePath(anchor.file)
  const line =
    anchor?.line !== undefined && Number.isSafeInteger(anchor.line) && anchor.line >= 1 ? anchor.line : 1
  const fileText = text(file, 500)
  const logicalLocations: LogicalLocation[] = [{ name, fullyQualifiedName: name, kind: 'module' }]
  if (fileText)
    logicalLocations.push({ name: fileText, fullyQualifiedName: `${name}/${fileText}`, kind: 'resource' })
  return {
    physicalLocation: {
      artifactLocation: anchored
        ? { uri: anchored, uriBaseId: '%SRCROOT%' }
        : modelLocation(m.model.model_uri),
      region: { startLine: anchored ? line : 1 }
    },
    logicalLocations
  }
}

/** The model itself: an absolute URI as it is (percent-encoded where needed), a path relative to the checkout. */
function modelLocation(modelUri: string): Sarif.ArtifactLocation {
  const absolute = absoluteUri(modelUri) ?? absolutePath(modelUri)
  if (absolute) return { uri: absolute }
  return { uri: relativePath(modelUri) || '.', uriBaseId: '%SRCROOT%' }
}

/**
 * A local model outside the checkout (the CLI scans any path) as a file URI: read against %SRCROOT% it would
 * name a file inside the repository that was never scanned.
 */
function absolutePath(modelUri: string): string | undefined {
  if (!/^(?:\/|[A-Za-z]:\/)/.test(modelUri)) return undefined
  const path = wellFormed(modelUri.slice(0, 4096))
  const drive = /^[A-Za-z]:\//.test(path)
  const segments = path.split('/').map((seg, i) => (drive && i === 0 ? seg : encodeURIComponent(seg)))
  return `file://${drive ? '/' : ''}${segments.join('/')}`
}

const fingerprint = (parts: string[]) => sha256(JSON.stringify(parts))

// ---- assembling, within the limits ----

/** Results in priority order while the uncompressed log stays under the raw budget. */
function withinRawBudget(
  prioritized: Candidate[],
  descriptor: (key: string) => ReportingDescriptor
): Candidate[] {
  let size = 0
  const counted = new Set<string>()
  for (let i = 0; i < prioritized.length; i++) {
    const c = prioritized[i]!
    size += JSON.stringify(c.result).length + 64
    if (!counted.has(c.key)) {
      counted.add(c.key)
      size += JSON.stringify(descriptor(c.key)).length
    }
    if (size > SARIF_LIMITS.rawBudgetBytes) return prioritized.slice(0, i)
  }
  return prioritized
}

function assemble(
  { report, options, facts, ids, descriptor, total }: RunParts,
  keep: Candidate[],
  reason: SarifTruncation | undefined,
  withUnreferenced: boolean
): SarifLog {
  const referenced = new Set(keep.map((c) => c.key))
  const unreferenced = [...facts.keys()].filter((k) => !referenced.has(k))
  const room = Math.max(0, SARIF_LIMITS.maxRules - referenced.size)
  const extra = withUnreferenced ? [...unreferenced].sort(byCodeUnits).slice(0, room) : []
  const keys = [...[...referenced].filter((k) => k !== NOT_VERIFIED_KEY), ...extra].sort((a, b) =>
    byCodeUnits(ids.get(a)!, ids.get(b)!)
  )
  if (referenced.has(NOT_VERIFIED_KEY)) keys.push(NOT_VERIFIED_KEY)
  const rules = keys.map(descriptor)
  const index = new Map(keys.map((k, i) => [k, i]))
  const results: SarifResult[] = [...keep]
    .sort((a, b) => a.order - b.order)
    .map((c) => ({ ruleId: rules[index.get(c.key)!]!.id, ruleIndex: index.get(c.key)!, ...c.result }))
  const omitted = total - keep.length
  const omittedRules = unreferenced.length - extra.length

  const notifications: Sarif.Notification[] = []
  if (report.error)
    notifications.push({
      level: 'error',
      message: { text: messageText(sentence(`${report.error.code}: ${text(report.error.message, 1000)}`)) },
      descriptor: { id: report.error.code }
    })
  // a model that could not be verified is a run that did not succeed, whatever the others found
  const unverified = report.models.filter((m) => m.status === 'error')
  for (const m of unverified.slice(0, MAX_UNVERIFIED_NOTIFICATIONS))
    notifications.push({
      level: 'error',
      message: {
        text: messageText(
          sentence(
            `${text(m.model.model_uri, 300)} was not verified (${m.error?.code ?? 'ERROR'}): ${text(m.error?.message ?? m.reason, 1000)}`
          )
        )
      },
      descriptor: { id: m.error?.code ?? 'NOT_VERIFIED' }
    })
  if (unverified.length > MAX_UNVERIFIED_NOTIFICATIONS)
    notifications.push({
      level: 'error',
      message: {
        text: `${unverified.length - MAX_UNVERIFIED_NOTIFICATIONS} more models were not verified; the gate report lists them.`
      },
      descriptor: { id: 'NOT_VERIFIED' }
    })
  if (omitted > 0)
    notifications.push({
      level: 'warning',
      message: {
        text:
          `${omitted} of ${total} results were left out to stay within GitHub code scanning's limits, ` +
          'the least severe first. The gate report lists every finding.'
      }
    })
  const times = {
    ...(isTimestamp(report.started_at) && { startTimeUtc: report.started_at }),
    ...(isTimestamp(report.finished_at) && { endTimeUtc: report.finished_at })
  }
  const version = text(report.tool.version, 64) || '0.0.0'
  const category = options.category?.trim().replace(/\/+$/, '')
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: TOOL_NAME, version, semanticVersion: version, informationUri: TOOL_URI, rules }
        },
        ...(category && { automationDetails: { id: `${text(category, 200)}/` } }),
        invocations: [
          {
            executionSuccessful: !report.error && unverified.length === 0,
            ...times,
            ...(notifications.length && { toolExecutionNotifications: notifications })
          }
        ],
        results,
        properties: {
          verdict: report.verdict,
          truncated: omitted > 0,
          total_results: total,
          omitted,
          ...(omitted > 0 && { truncation_reason: reason ?? 'size' }),
          ...(omittedRules > 0 && { omitted_rules: omittedRules })
        }
      }
    ]
  }
}

// ---- text and URIs ----

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
const wellFormed = (s: string) => s.replace(LONE_SURROGATE, '\uFFFD')

/** One line of plain text: no control or bidi characters, bounded, no broken surrogate pairs. */
function text(s: string | null | undefined, max: number): string {
  return wellFormed(plainText(s, max))
}

function sentence(s: string): string {
  return /[.!?…]$/.test(s) ? s : `${s}.`
}

/** A result message: square brackets and backslashes escaped so no SARIF embedded link can be formed. */
function messageText(s: string): string {
  const escaped = s.replace(/[\\[\]]/g, '\\$&')
  if (escaped.length <= SARIF_LIMITS.maxMessageChars) return escaped
  const cut = wellFormed(escaped.slice(0, SARIF_LIMITS.maxMessageChars - 1))
  // an odd run of backslashes at the end would escape the ellipsis
  const trailing = /\\*$/.exec(cut)![0].length
  return `${trailing % 2 ? cut.slice(0, -1) : cut}…`
}

function isTimestamp(s: string): boolean {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/.test(s) && !Number.isNaN(Date.parse(s))
}

/** An http(s) URL as its normalised, fully percent-encoded form; undefined for anything else. */
function httpUrl(s: string | null | undefined): string | undefined {
  if (!s || s.length > 2048) return undefined
  let url: URL
  try {
    url = new URL(wellFormed(s.trim()))
  } catch {
    return undefined
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined
  return encodeUriChars(url.href)
}

function optionalUrl(key: string, s: string | null | undefined): Record<string, string> {
  const url = httpUrl(s)
  return url ? { [key]: url } : {}
}

/**
 * Inside a Markdown link destination: nothing that could end it early, and no colon after the authority, so
 * no scheme-like text (`javascript:`) appears even inside a path.
 */
function markdownHref(url: string): string {
  const authority = /^[a-z]+:\/\/[^/?#]*/i.exec(url)?.[0] ?? ''
  return authority + url.slice(authority.length).replace(/[():<> ]/g, (c) => percent(c))
}

const percent = (c: string) =>
  [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')

/** Percent-encodes what RFC 3986 does not allow, keeps valid escapes and the first '#'. */
function encodeUriChars(s: string): string {
  let fragment = false
  return wellFormed(s).replace(/%[0-9A-Fa-f]{2}|[\s\S]/gu, (c) => {
    if (c.length === 3 && c.startsWith('%')) return c
    if (/^[A-Za-z0-9\-._~:/?@!$&'()*+,;=]$/.test(c)) return c
    if (c === '#' && !fragment) {
      fragment = true
      return c
    }
    return percent(c)
  })
}

/** `scheme://…` as a valid absolute URI, or undefined (also for what the URL parser refuses). */
function absoluteUri(s: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(s) || s.length > 4096) return undefined
  try {
    return encodeUriChars(new URL(wellFormed(s)).href)
  } catch {
    return undefined
  }
}

/** A repository-relative path as a relative URI reference: every segment percent-encoded. */
function relativePath(file: string): string {
  const path = wellFormed(file.slice(0, 4096))
    .replace(/^(?:\.\/)+/, '')
    .replace(/^\/+/, '')
  return path === '' ? '' : path.split('/').map(encodeURIComponent).join('/')
}
