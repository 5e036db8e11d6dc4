/**
 * Static checks of Jinja chat templates for server-side template injection (CVE-2024-34359 in
 * llama-cpp-python, CVE-2026-5760 in SGLang): nothing is ever rendered.
 *
 * What it proves. A template reaches Python objects only through attribute lookups, and Jinja looks an
 * attribute up by a name in a few places only: `x.name`, `x[key]` (a string key falls back to getattr),
 * `attr`, the filters that build attribute getters (map/selectattr/rejectattr/sort/unique/min/max/join/sum/
 * groupby, which split names on dots), filters and tests chosen by name (map('attr', …)), and the fields of
 * str.format/format_map. The checker evaluates the template over sets of possible values and, at each of
 * those sinks, requires the name to be one or more constants it folded, none of them internal (`_…`,
 * frame/code/generator attributes, the names Jinja's sandbox refuses), or a number, a slice or a tuple.
 * Names that are dangerous whoever spells them (os, popen, eval, self, lipsum, the globals' own attributes,
 * import/include) are findings too.
 *
 * What it treats as unknown. Everything that comes from render time (messages, tools, macro parameters,
 * caller()), every operation it does not fold exactly as Python would, and anything past its size and work
 * bounds. Unknown is harmless except at a sink, where it is reported as "could not verify"
 * (`unfoldable:*`), never passed; so is a template Jinja could not parse (`unparseable`) or one too large
 * or deep (`LIMIT`).
 *
 * Why its own parser. A security check must read the template exactly as Jinja does, or a payload hides in
 * the difference; it must also fail closed on what it cannot decide, which a general-purpose port would
 * not. So the lexer and parser follow jinja2's lexer.py and parser.py rule for rule (template/jinja-*.ts).
 */
import { Evaluator, prepass, type Collected, type Summary } from './template/jinja-eval.js'
import {
  JinjaLimitError,
  JinjaSyntaxError,
  lex,
  normalizeSource,
  type Token
} from './template/jinja-lexer.js'
import { parse } from './template/jinja-parser.js'
import {
  Report,
  clean,
  isUnverifiable,
  type TemplateSink,
  type TemplateThreat
} from './template/jinja-sinks.js'
import { WorkLimitError, resetWork, within, workDone, type Val } from './template/jinja-values.js'

export type { TemplateSink, TemplateThreat }
export { isUnverifiable }

export interface TemplateOptions {
  /** Longer templates are reported (pattern LIMIT) instead of scanned. */
  maxChars?: number
  /** Units of work past which the analysis stops and reports LIMIT (for tests; see MAX_WORK). */
  maxWork?: number
}

export const MAX_TEMPLATE_CHARS = 1024 * 1024
/** Rounds of evaluation to settle namespace attributes and list mutations before they are taken as unknown. */
const MAX_ROUNDS = 4

/**
 * Units of work the last analysis took (evaluation steps, folded characters): for tests of linearity.
 * @internal
 */
export function templateWork(): number {
  return workDone()
}

export function templateThreats(template: string, options: TemplateOptions = {}): TemplateThreat[] {
  return templateAnalysis(template, options).threats
}

/** The threats, and every sink with the names it folded to (what the checker proved, for tests and reports). */
export function templateAnalysis(
  template: string,
  options: TemplateOptions = {}
): { threats: TemplateThreat[]; sinks: TemplateSink[] } {
  const max = options.maxChars ?? MAX_TEMPLATE_CHARS
  if (template.length > max) {
    return {
      threats: [
        {
          pattern: 'LIMIT',
          excerpt: `a template of ${template.length} characters exceeds the ${max} scanned`
        }
      ],
      sinks: []
    }
  }
  resetWork(options.maxWork)
  const src = normalizeSource(template)
  let tokens: Token[]
  let ast: ReturnType<typeof parse>
  try {
    tokens = lex(src)
    ast = parse(tokens)
  } catch (e) {
    if (e instanceof JinjaSyntaxError || e instanceof JinjaLimitError) {
      const line = src.slice(0, e.pos).split('\n').length
      const what = e instanceof JinjaLimitError ? 'LIMIT' : 'unparseable'
      const excerpt = `${e instanceof JinjaLimitError ? 'not checked' : 'Jinja cannot parse it'}: ${e.message} (line ${line}, near \`${clean(src.slice(e.pos, e.pos + 40))}\`)`
      return { threats: [{ pattern: what, excerpt: excerpt.slice(0, 160) }], sinks: [] }
    }
    throw e
  }
  const pre = prepass(ast)
  const threats = new Map<string, string>()
  let sinks: TemplateSink[] = []
  let report = new Report(src)
  try {
    for (const variant of pre.captures ? ([0, 1] as const) : ([0] as const)) {
      let summary: Summary = { ns: new Map(), nsTop: false, mutation: false }
      for (let round = 0; ; round++) {
        report = new Report(src)
        const c = new Evaluator(pre, variant, summary, report).run(ast)
        if (settled(c, summary)) break
        if (round + 1 >= MAX_ROUNDS) {
          summary = { ns: new Map(), nsTop: true, mutation: true }
          report = new Report(src)
          new Evaluator(pre, variant, summary, report).run(ast)
          break
        }
        summary = widen(summary, c)
      }
      for (const [p, x] of report.threats) if (!threats.has(p)) threats.set(p, x)
      if (variant === 0) sinks = report.sinks
    }
  } catch (e) {
    // past the work budget (or, as a last resort, out of stack or string space): what was found so far
    // stands, and the rest is not checked
    if (!(e instanceof WorkLimitError || e instanceof RangeError)) throw e
    for (const [p, x] of report.threats) if (!threats.has(p)) threats.set(p, x)
    threats.set(
      'LIMIT',
      e instanceof WorkLimitError
        ? `not checked to the end: ${e.message}`
        : `not checked to the end: the analysis ran out of room (${e.message.slice(0, 60)})`
    )
  }
  const disguise = new Report(src)
  for (const t of tokens) if (t.type === 'string') disguises(t, disguise)
  for (const [p, x] of disguise.threats) if (!threats.has(p)) threats.set(p, x)
  const all = [...threats].map(([pattern, excerpt]) => ({ pattern, excerpt }))
  return {
    threats: [
      ...all.filter((t) => !isUnverifiable(t.pattern)),
      ...all.filter((t) => isUnverifiable(t.pattern))
    ],
    sinks
  }
}

function settled(c: Collected, s: Summary): boolean {
  if ((c.nsUnknown && !s.nsTop) || (c.mutation && !s.mutation)) return false
  if (s.nsTop) return true
  for (const [name, v] of c.ns) if (!within(v, s.ns.has(name) ? (s.ns.get(name) as Val) : [])) return false
  return true
}

function widen(s: Summary, c: Collected): Summary {
  const ns = new Map(s.ns)
  for (const [name, v] of c.ns) {
    const before = ns.get(name)
    ns.set(
      name,
      before === undefined
        ? v
        : before === null || v === null
          ? null
          : [...before, ...v.filter((x) => !within([x], before))]
    )
  }
  return { ns, nsTop: s.nsTop || c.nsUnknown, mutation: s.mutation || c.mutation }
}

/**
 * Escapes that spell plain ASCII letters, digits, dots or underscores (`\x5f`), and \N{…} names, are
 * disguise: no chat template needs them. Reported as such, whatever the string is used for.
 */
/** A Python special name (`__class__`, `__globals__`): no chat template needs one as text. */
const DUNDER = /^__[A-Za-z][A-Za-z0-9_]*__$/

function disguises(t: Token, report: Report): void {
  // as text, a special name is only useful to a lookup by name (getattr, attr, a renderer's helpers)
  if (t.text && DUNDER.test(t.text)) report.at('dunder-string', t, `the special name '${t.text}' as text`)
  const raw = t.value
  if (!raw.includes('\\')) return
  for (let i = 1; i < raw.length - 1; i++) {
    if (raw[i] !== '\\') continue
    const rest = raw.slice(i + 1)
    const m = /^(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([0-7]{1,3})|(N\{))/.exec(rest)
    if (m?.[5]) {
      report.at('named-unicode-escape', t, 'a \\N{…} escape')
    } else if (m) {
      const cp = m[4] !== undefined ? parseInt(m[4], 8) : parseInt((m[1] ?? m[2] ?? m[3]) as string, 16)
      if (/^[A-Za-z0-9_.]$/.test(String.fromCodePoint(Math.min(cp, 0x10ffff))))
        report.at('escaped-ascii', t, 'an escape spelling a plain character')
    }
    i++
  }
}
