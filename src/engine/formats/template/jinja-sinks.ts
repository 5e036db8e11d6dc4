/**
 * The sinks: every place Jinja turns a value into an attribute name (`x.name`, `x[key]`, which falls back to
 * getattr for strings, the filters that build attribute getters, `attr`, str.format fields) or picks a
 * filter or test by name. A name is safe only when it folded to constants none of which Python or Jinja's
 * sandbox treats as internal; what did not fold is reported as unverifiable, never passed.
 *
 * Not sinks: `%` formatting and the `format` filter (`'%(k)s' % d` reads `d[k]` with PyObject_GetItem, never
 * getattr), tests (looked up by literal name at compile time) and filters other than the ones below (they
 * call fixed special methods such as __str__ or __html__, whatever the template says).
 */
import { formatFields } from './jinja-format.js'
import type { Span } from './jinja-parser.js'
import type { Val } from './jinja-values.js'

export interface TemplateThreat {
  pattern: string
  excerpt: string
}

export interface TemplateSink {
  /** subscript, attribute (`x.name`), attr-filter, attribute-filter (map/selectattr/…), format, filter-name, test-name */
  kind: string
  excerpt: string
  /** the names it folded to; null when they are not known */
  names: string[] | null
}

const NAMED_DUNDERS = new Set([
  '__class__',
  '__mro__',
  '__subclasses__',
  '__globals__',
  '__builtins__',
  '__import__',
  '__init__',
  '__base__',
  '__bases__',
  '__getattribute__',
  '__dict__'
])

/** Attributes of frames, code objects, generators, coroutines and tracebacks (jinja2/sandbox.py and Python). */
const FRAME = new Set(
  (
    'f_back f_builtins f_code f_globals f_locals f_lasti f_lineno f_trace gi_code gi_frame gi_running ' +
    'gi_yieldfrom gi_suspended cr_await cr_code cr_frame cr_origin cr_running cr_suspended ag_await ag_code ' +
    'ag_frame ag_running tb_frame tb_lasti tb_lineno tb_next co_code co_consts co_names'
  ).split(' ')
)
const INTERNAL = new Set(
  'mro func_globals func_code func_closure func_defaults func_dict im_func im_self im_class'.split(' ')
)
const WORDS: Readonly<Record<string, string>> = {
  os: 'os-module',
  popen: 'popen',
  subprocess: 'subprocess',
  eval: 'eval',
  exec: 'exec',
  import: 'import',
  builtins: 'builtins'
}

/** Methods that change a list or dict in place: once a template may call one, literal containers are not constant. */
export const MUTATORS = new Set([
  'append',
  'extend',
  'insert',
  'pop',
  'remove',
  'clear',
  'sort',
  'reverse',
  'update',
  'setdefault',
  'popitem'
])

export const FORMAT_METHODS = new Set(['format', 'format_map'])

/** The pattern an attribute name is reported under, or undefined when it is safe to look up. */
export function unsafeName(raw: string): string | undefined {
  const name = /^[\x20-\x7e]*$/.test(raw) ? raw : raw.normalize('NFKC')
  if (name.includes('_TemplateReference__context')) return 'template-reference'
  if (/^__[\s\S]+__$/.test(name)) return NAMED_DUNDERS.has(name) ? `dunder:${name}` : 'dunder'
  if (name.startsWith('_')) return 'private-attribute'
  if (FRAME.has(name)) return 'frame-traversal'
  if (INTERNAL.has(name)) return 'internal-attribute'
  return Object.hasOwn(WORDS, name) ? WORDS[name] : undefined
}

/** Patterns that mean "could not verify", not "found something dangerous". */
export function isUnverifiable(pattern: string): boolean {
  return (
    pattern === 'LIMIT' ||
    pattern === 'unparseable' ||
    pattern.startsWith('unfoldable:') ||
    pattern === 'escaped-ascii' ||
    pattern === 'named-unicode-escape'
  )
}

const EXCERPT_CHARS = 160
const MAX_SINKS = 10_000

/** Findings and sinks of one template: each pattern once, with the first place it was seen. */
export class Report {
  readonly threats = new Map<string, string>()
  readonly sinks: TemplateSink[] = []
  /** set when a sink's name is a method that mutates lists or dicts */
  mutation = false

  constructor(private readonly src: string) {}

  snippet(at: Span, max = 100): string {
    const s = clean(this.src.slice(at.pos, Math.min(at.end, at.pos + max * 2)))
    return s.length > max ? `${s.slice(0, max - 1)}…` : s
  }

  add(pattern: string, excerpt: string): void {
    if (!this.threats.has(pattern)) this.threats.set(pattern, clean(excerpt).slice(0, EXCERPT_CHARS))
  }

  /** A threat found at a node: "what in `source`". */
  at(pattern: string, node: Span, what: string): void {
    if (this.threats.has(pattern)) return
    this.add(pattern, `${what} in \`${this.snippet(node)}\``)
  }

  sink(kind: string, node: Span, names: string[] | null): void {
    if (this.sinks.length < MAX_SINKS) this.sinks.push({ kind, excerpt: this.snippet(node), names })
  }

  /** Checks a name that Jinja or Python will look up as an attribute. */
  name(name: string, node: Span, format = true): void {
    if (MUTATORS.has(name)) this.mutation = true
    const pattern = unsafeName(name)
    if (pattern !== undefined) this.at(pattern, node, `\`${name.slice(0, 40)}\``)
    else if (format && FORMAT_METHODS.has(name))
      this.at('format-string', node, `str.${name} on a value that is not a known string`)
  }

  /**
   * A value at a sink that folded to nothing (no value survives) or only to Undefined: the fold is not
   * trusted to that point (a wrong Undefined would hide the name Python computes), so it is not verified.
   */
  private vacuous(value: Val, kind: string, pattern: string, node: Span): boolean {
    if (value === null || !value.every((s) => s.t === 'undef')) return false
    this.sink(kind, node, null)
    this.at(pattern, node, 'a name folded only to Undefined or to no value')
    return true
  }

  /** The name given to the attr filter. */
  attrName(value: Val, node: Span): void {
    if (this.vacuous(value, 'attr-filter', 'unfoldable:attribute', node)) return
    if (value === null) {
      this.sink('attr-filter', node, null)
      this.at('unfoldable:attribute', node, 'attribute name not known')
      return
    }
    const names = value.flatMap((s) => (s.t === 'str' ? [s.v] : []))
    this.sink('attr-filter', node, names)
    for (const x of names) this.name(x, node)
  }

  /** `x[key]`: strings are attribute names (getattr fallback); numbers, slices and tuples are not. */
  subscript(key: Val, receiver: Val, node: Span): void {
    if (this.vacuous(key, 'subscript', 'unfoldable:subscript', node)) return
    if (key === null) {
      this.sink('subscript', node, null)
      this.at('unfoldable:subscript', node, 'computed attribute name')
      return
    }
    const names: string[] = []
    for (const s of key) {
      if (s.t !== 'str') continue
      names.push(s.v)
      if (FORMAT_METHODS.has(s.v)) this.formatReceiver(receiver, node, s.v)
      else this.name(s.v, node)
    }
    this.sink('subscript', node, names)
  }

  /** `x.name` with a literal name. */
  attribute(name: string, receiver: Val, node: Span): void {
    this.sink('attribute', node, [name])
    if (FORMAT_METHODS.has(name)) this.formatReceiver(receiver, node, name)
    else this.name(name, node)
  }

  /** A value used as the attribute argument of map/selectattr/sort/…: dotted (and, for sort, comma) paths. */
  attributePath(value: Val, node: Span, multi: boolean, kind = 'attribute-filter'): void {
    if (this.vacuous(value, kind, 'unfoldable:attribute', node)) return
    if (value === null) {
      this.sink(kind, node, null)
      this.at('unfoldable:attribute', node, 'attribute name not known')
      return
    }
    const names: string[] = []
    for (const s of value) {
      if (s.t !== 'str') continue
      names.push(s.v)
      for (const path of multi ? s.v.split(',') : [s.v])
        for (const part of path.split('.')) if (!/^\p{Nd}+$/u.test(part)) this.name(part, node)
    }
    this.sink(kind, node, names)
  }

  /** A filter or test chosen by a value (map('name'), select('name'), …). */
  chosenName(value: Val, node: Span, kind: 'filter-name' | 'test-name'): string[] | undefined {
    if (this.vacuous(value, kind, `unfoldable:${kind}`, node)) return undefined
    if (value === null) {
      this.sink(kind, node, null)
      this.at(
        `unfoldable:${kind}`,
        node,
        `${kind === 'filter-name' ? 'filter' : 'test'} chosen at render time`
      )
      return undefined
    }
    const names = value.flatMap((s) => (s.t === 'str' ? [s.v] : []))
    this.sink(kind, node, names)
    return names
  }

  /** str.format / format_map: the receiver must be known strings, whose fields are checked like attributes. */
  formatReceiver(receiver: Val, node: Span, method: string): void {
    if (this.vacuous(receiver, 'format', 'unfoldable:format', node)) return
    if (receiver === null) {
      this.sink('format', node, null)
      this.at('unfoldable:format', node, `str.${method} on a format string not known`)
      return
    }
    const names: string[] = []
    for (const s of receiver) {
      if (s.t !== 'str') continue
      const { fields, error } = formatFields(s.v)
      for (const f of fields) {
        if (f.first !== '' && !/^\p{Nd}+$/u.test(f.first)) this.name(f.first, node, false)
        for (const step of f.steps) {
          names.push(step.name)
          if (step.attr || !/^\p{Nd}+$/u.test(step.name)) this.name(step.name, node)
        }
      }
      if (error !== undefined && fields.length > 0) names.push(`(${error})`)
    }
    this.sink('format', node, names)
  }

  /** Threats, those that are findings first, then those that say what could not be verified. */
  list(): TemplateThreat[] {
    const all = [...this.threats].map(([pattern, excerpt]) => ({ pattern, excerpt }))
    return [...all.filter((t) => !isUnverifiable(t.pattern)), ...all.filter((t) => isUnverifiable(t.pattern))]
  }
}

/** Excerpts end up in reports: no control characters, no runs of whitespace. */
export function clean(s: string): string {
  let out = ''
  for (const ch of s.slice(0, EXCERPT_CHARS * 4)) {
    const c = ch.codePointAt(0) ?? 0
    out += c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 ? ' ' : ch
  }
  return out.replace(/\s+/g, ' ').trim()
}
