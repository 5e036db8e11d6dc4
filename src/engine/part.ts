import { EngineLimitError, type RandomAccess } from './access.js'
import type { Companions } from './companions.js'
import type { FileReport, Finding, FindingSet } from './findings.js'
import type { KerasReport } from './formats/keras.js'
import { isUnverifiable, templateThreats } from './formats/template.js'
import type { EngineLimits } from './limits.js'

/**
 * What every analyser of a file's parts shares: the part being read, the run's limits, and the ways a part is
 * reported as found bad or as not verified.
 */

export interface AnalyseContext {
  limits: EngineLimits
  allowedGlobals: ReadonlySet<string>
  /** time after which analysers stop (the file's budget, or the run's) */
  deadline: number
  /** the files other files of the model read as data (absent when one file is analysed on its own) */
  companions?: Companions
}

export interface Part {
  /** the top-level file the findings belong to */
  file: string
  /** where inside it (archive member path), for descriptions */
  member?: string
  ra: RandomAccess
  /** the part's own name, for extension checks */
  name: string
  depth: number
}

/** Analyses one part; resolves true when it is not a model file (documentation, plain text). */
export type AnalysePart = (
  p: Part,
  ctx: AnalyseContext,
  out: FindingSet,
  formats: Set<string>,
  report: FileReport
) => Promise<boolean>

export const PROTOBUF_NAME = /(?:^|\/)(?:saved_model|keras_metadata)\.pb$|\.onnx$/i

export const SCRIPT_EXT =
  /\.(py|pyc|pyo|pyw|sh|bash|zsh|bat|cmd|ps1|vbs|js|mjs|cjs|rb|pl|php|lua|so|dll|dylib|exe|jar)$/i

export function unverified(file: string, member: string | undefined, e: unknown): Finding {
  const why =
    e instanceof EngineLimitError
      ? `a limit was reached (${e.message})`
      : e instanceof Error
        ? e.message
        : String(e)
  return {
    rule: 'SUSPICIOUS',
    file,
    unverified: true,
    description: `Could not be verified${member ? ` (member ${member})` : ''}: ${why.slice(0, 300)}`
  }
}

export const at = (p: Part) => (p.member ? ` (member ${p.member})` : '')

/** A part (or something in it) that could not be verified: a violation, never a pass. */
export function notVerified(
  p: Part,
  out: FindingSet,
  why: string,
  rule: Finding['rule'] = 'SUSPICIOUS'
): void {
  out.add({ rule, file: p.file, unverified: true, description: `Could not be verified${at(p)}: ${why}` })
}

/** Every problem an analyser reported. */
export function unverifiable(p: Part, out: FindingSet, problems: readonly { detail: string }[]): void {
  for (const problem of problems) notVerified(p, out, problem.detail)
}

/** Files a chat-template loader reads by name (`chat_template.jinja`, `additional_chat_templates/*.jinja`). */
export const TEMPLATE_NAME = /\.(?:jinja2?|j2)$/

export function templateFinding(
  p: Part,
  name: string,
  template: string,
  out: FindingSet,
  threat?: 'PAIT-GGUF-101'
): void {
  const threats = templateThreats(template)
  if (threats.length === 0) return
  // findings come first: a template is "could not verify" only when nothing in it was found dangerous
  const first = threats[0]!
  const unverified = isUnverifiable(first.pattern)
  const what = unverified ? 'could not be verified' : 'can run code when rendered'
  out.add({
    rule: 'RUNTIME',
    ...(threat && { threat }),
    file: p.file,
    // a template over the analyser's size, one Jinja cannot parse or names it cannot fold: not a pass
    ...(unverified && { unverified: true }),
    description: `The chat template ${name.slice(0, 100)}${at(p)} ${what}: ${first.pattern} (${first.excerpt.slice(0, 120)})${threats.length > 1 ? ` and ${threats.length - 1} more` : ''}`
  })
}

export function kerasFindings(p: Part, k: KerasReport, out: FindingSet): void {
  for (const f of k.findings) {
    out.add({
      rule: 'RUNTIME',
      threat: f.kind === 'LAMBDA' ? 'PAIT-KERAS-300' : undefined,
      file: p.file,
      ...(f.module && { module: f.module }),
      ...(f.name && { operator: f.name }),
      description: `${f.detail}${at(p)}`
    })
  }
  unverifiable(p, out, k.problems)
}

/** What `readJson` returns for a document no JSON parser reads. */
export const NOT_JSON = Symbol('not JSON')

/** All of a part's bytes, when there are at most `limit` of them. */
export async function readWhole(p: Part, limit: number, what: string): Promise<Buffer> {
  if (p.ra.size > limit) throw new EngineLimitError(`a ${p.ra.size}-byte ${what}`)
  return p.ra.read(0, p.ra.size)
}

/**
 * A JSON document as Python's json module reads it: a leading byte-order mark (json.loads of bytes drops it)
 * and the constants NaN, Infinity and -Infinity (Python writes and reads them) do not hide the rest.
 */
export async function readJson(p: Part, ctx: AnalyseContext): Promise<unknown> {
  const text = (await readWhole(p, ctx.limits.jsonBytes, 'JSON document'))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
  try {
    return JSON.parse(text) as unknown
  } catch {
    try {
      return JSON.parse(withoutPythonConstants(text)) as unknown
    } catch {
      return NOT_JSON
    }
  }
}

/** `text` with NaN, Infinity and -Infinity outside strings replaced by null. */
export function withoutPythonConstants(text: string): string {
  return text.replace(/"[^"\\]*(?:\\.[^"\\]*)*"|-?\b(?:NaN|Infinity)\b/g, (m) =>
    m.startsWith('"') ? m : 'null'
  )
}
