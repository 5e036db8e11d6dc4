/**
 * Python's `str.format` / `str.format_map` as CPython parses them (Objects/stringlib/unicode_format.h):
 * replacement fields, their `.attribute` and `[index]` steps, conversions and format specs with nested
 * fields. Fields are evaluated one by one, so the fields before a parse error still run: `fields` lists
 * exactly those. `formatValue` folds the result when it is certain.
 */
import { MAX_STR, dictKey, indexable, pyRepr, pyStr, type Shape, type Val } from './jinja-values.js'

export interface FieldStep {
  attr: boolean
  name: string
}

export interface FormatField {
  /** the argument: '' (automatic numbering), an index, or a keyword */
  first: string
  steps: FieldStep[]
  conversion?: string
  spec: string
  specFields: boolean
}

type Piece = { literal: string; field?: FormatField }

/** The pieces of a format string, in order; `error` when Python raises ValueError after them. */
export function formatPieces(fmt: string): { pieces: Piece[]; error?: string } {
  const pieces: Piece[] = []
  let p = 0
  const end = fmt.length
  while (p < end) {
    const start = p
    let c = ''
    let markup = false
    while (p < end) {
      c = fmt[p++] as string
      if (c === '{' || c === '}') {
        markup = true
        break
      }
    }
    const atEnd = p >= end
    let len = p - start
    if (c === '}' && markup && (atEnd || fmt[p] !== '}')) return { pieces, error: "Single '}' encountered" }
    if (atEnd && c === '{' && markup) return { pieces, error: "Single '{' encountered" }
    if (!atEnd && markup) {
      if (fmt[p] === c) {
        p++
        markup = false
      } else {
        len--
      }
    }
    const literal = fmt.slice(start, start + len)
    if (!markup) {
      pieces.push({ literal })
      continue
    }
    // the field: its name runs to '}', ':' or '!' ('[…]' may hold them)
    const nameStart = p
    c = ''
    while (p < end) {
      c = fmt[p++] as string
      if (c === '{') return { pieces, error: "unexpected '{' in field name" }
      if (c === '[') {
        while (p < end && fmt[p] !== ']') p++
        continue
      }
      if (c === '}' || c === ':' || c === '!') break
      c = ''
    }
    const name = fmt.slice(nameStart, p - 1)
    let conversion: string | undefined
    let spec = ''
    let specFields = false
    if (c === '!' || c === ':') {
      let specDone = false
      if (c === '!') {
        if (p >= end) return { pieces, error: 'end of string while looking for conversion specifier' }
        conversion = fmt[p++]
        if (p < end) {
          const d = fmt[p++]
          if (d === '}') specDone = true
          else if (d !== ':') return { pieces, error: "expected ':' after conversion specifier" }
        }
      }
      if (!specDone) {
        const specStart = p
        let count = 1
        let closed = false
        while (p < end) {
          const d = fmt[p++]
          if (d === '{') {
            specFields = true
            count++
          } else if (d === '}' && --count === 0) {
            spec = fmt.slice(specStart, p - 1)
            closed = true
            break
          }
        }
        if (!closed) return { pieces, error: "unmatched '{' in format spec" }
      }
    } else if (c !== '}') {
      return { pieces, error: "expected '}' before end of string" }
    }
    const split = splitFieldName(name)
    if (typeof split === 'string') return { pieces, error: split }
    pieces.push({
      literal,
      field: { ...split, ...(conversion !== undefined && { conversion }), spec, specFields }
    })
  }
  return { pieces }
}

function splitFieldName(name: string): { first: string; steps: FieldStep[] } | string {
  let i = 0
  while (i < name.length && name[i] !== '.' && name[i] !== '[') i++
  const first = name.slice(0, i)
  const steps: FieldStep[] = []
  while (i < name.length) {
    const c = name[i++]
    let j = i
    if (c === '.') {
      while (j < name.length && name[j] !== '.' && name[j] !== '[') j++
      steps.push({ attr: true, name: name.slice(i, j) })
      i = j
    } else if (c === '[') {
      while (j < name.length && name[j] !== ']') j++
      if (j >= name.length) return "Missing ']' in format string"
      steps.push({ attr: false, name: name.slice(i, j) })
      i = j + 1
    } else {
      return "Only '.' or '[' may follow ']' in format field specifier"
    }
    if ((steps[steps.length - 1] as FieldStep).name === '') return 'Empty attribute in format string'
  }
  return { first, steps }
}

/** Every field Python evaluates (nested fields in specs included, two levels as in CPython). */
export function formatFields(fmt: string, depth = 2): { fields: FormatField[]; error?: string } {
  const fields: FormatField[] = []
  if (depth <= 0) return { fields, error: 'Max string recursion exceeded' }
  const { pieces, error } = formatPieces(fmt)
  for (const piece of pieces) {
    if (!piece.field) continue
    fields.push(piece.field)
    if (piece.field.specFields) {
      const nested = formatFields(piece.field.spec, depth - 1)
      for (const f of nested.fields) fields.push(f)
      if (nested.error) return { fields, error: nested.error }
    }
  }
  return error === undefined ? { fields } : { fields, error }
}

/** `fmt.format(*args, **kw)` (or `format_map(kw)`), when every piece is certain. */
export function formatValue(fmt: string, args: Val[] | undefined, kw: Shape | undefined): string | undefined {
  const auto = { n: 0, mode: '' }
  return build(fmt, args, kw, 2, auto)
}

function build(
  fmt: string,
  args: Val[] | undefined,
  kw: Shape | undefined,
  depth: number,
  auto: { n: number; mode: string }
): string | undefined {
  if (depth <= 0) return undefined
  const { pieces, error } = formatPieces(fmt)
  if (error !== undefined) return undefined
  let out = ''
  for (const { literal, field } of pieces) {
    out += literal
    if (!field) continue
    let obj: Shape | undefined
    if (field.first === '' || /^[0-9]+$/.test(field.first)) {
      const mode = field.first === '' ? 'auto' : 'manual'
      if (auto.mode !== '' && auto.mode !== mode) return undefined
      auto.mode = mode
      const index = field.first === '' ? auto.n++ : Number(field.first)
      obj = single(args?.[index])
    } else {
      if (kw?.t !== 'dict') return undefined
      obj = single(kw.entries.get(`s:${field.first}`)?.[1])
    }
    for (const step of field.steps) {
      if (obj === undefined || step.attr) return undefined
      if (/^[0-9]+$/.test(step.name)) {
        // a real getitem: lists and tuples (iterators and views are not subscriptable)
        obj =
          obj.t === 'seq' && (obj.kind === 'list' || obj.kind === 'tuple') && obj.items
            ? single(obj.items[Number(step.name)])
            : undefined
      } else {
        obj =
          obj.t === 'dict'
            ? single(obj.entries.get(dictKey({ t: 'str', v: step.name }) ?? '')?.[1])
            : undefined
      }
    }
    if (obj === undefined) return undefined
    if (field.conversion !== undefined) {
      const text = field.conversion === 's' ? pyStr(obj) : field.conversion === 'r' ? pyRepr(obj) : undefined
      if (text === undefined) return undefined
      obj = { t: 'str', v: text }
    }
    const spec = field.specFields ? build(field.spec, args, kw, depth - 1, auto) : field.spec
    if (spec === undefined) return undefined
    const text = formatSpec(obj, spec)
    if (text === undefined) return undefined
    out += text
    if (out.length > MAX_STR) return undefined
  }
  return out
}

function single(v: Val | undefined): Shape | undefined {
  return v !== undefined && v !== null && v.length === 1 ? v[0] : undefined
}

const SPEC = /^(?:([\s\S])?([<>=^]))?([-+ ])?(#)?(0)?(\d+)?(?:\.(\d+))?([bcdosxX])?$/

/** `format(obj, spec)` for strings and integers with the common spec fields. */
function formatSpec(obj: Shape, spec: string): string | undefined {
  if (spec === '') return pyStr(obj)
  const m = SPEC.exec(spec)
  if (!m) return undefined
  const [, fillRaw, align, sign, alt, zero, widthRaw, precision, type] = m
  const width = widthRaw === undefined ? 0 : Number(widthRaw)
  if (width > MAX_STR) return undefined
  let text: string
  let numeric = false
  if (obj.t === 'str') {
    if ((type !== undefined && type !== 's') || sign || alt || zero || align === '=') return undefined
    if (!indexable(obj.v)) return undefined
    text = precision === undefined ? obj.v : obj.v.slice(0, Number(precision))
  } else if (
    (obj.t === 'num' && obj.int && obj.v !== undefined) ||
    (obj.t === 'bool' && obj.v !== undefined)
  ) {
    const n = obj.t === 'num' ? obj.v : obj.v ? 1 : 0
    if (precision !== undefined || alt || sign) return undefined
    if (type === 'c') {
      if (n < 0 || n > 0x10ffff) return undefined
      text = String.fromCodePoint(n)
    } else if (type === 's') {
      return undefined
    } else {
      const base = type === 'x' || type === 'X' ? 16 : type === 'o' ? 8 : type === 'b' ? 2 : 10
      text = n.toString(base)
      if (type === 'X') text = text.toUpperCase()
      numeric = true
    }
  } else {
    return undefined
  }
  const fill = fillRaw ?? (zero && !align ? '0' : ' ')
  const how = align ?? (zero ? '=' : numeric || type === 'c' ? '>' : '<')
  // widths count code points in Python, UTF-16 units here
  if (width > 0 && !indexable(text)) return undefined
  if (text.length >= width) return text
  const pad = width - text.length
  if (how === '<') return text + fill.repeat(pad)
  if (how === '>') return fill.repeat(pad) + text
  if (how === '^') return fill.repeat(Math.floor(pad / 2)) + text + fill.repeat(pad - Math.floor(pad / 2))
  if (!numeric) return undefined
  const neg = text.startsWith('-') ? '-' : ''
  return neg + fill.repeat(pad) + text.slice(neg.length)
}
