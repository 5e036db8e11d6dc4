/**
 * Folding Jinja's operators, filters (jinja2/filters.py) and Python's string methods on known values. Each
 * returns what Python would, or null (unknown) where that is not certain; null is always a safe answer.
 */
import { formatValue } from './jinja-format.js'
import {
  BOOL,
  FLOAT,
  INT,
  MAX_ITEMS,
  MAX_STR,
  MAX_WEIGHT,
  NUM,
  TOP,
  UNDEF,
  constInt,
  constStr,
  dictKey,
  escapeHtml,
  htmlSpecial,
  indexable,
  isAscii,
  join,
  joinAll,
  lift,
  num,
  one,
  printf,
  PY_LINE_BREAK,
  PY_SPACE,
  pyCase,
  pyExpandTabs,
  pyPad,
  pyReplace,
  pySlice,
  pySplit,
  pyStr,
  pyStrip,
  pyZfill,
  prime,
  weight,
  isMutable,
  seq,
  seqItem,
  seqItems,
  seqOf,
  settle,
  spend,
  str,
  truthy,
  type Shape,
  type Val
} from './jinja-values.js'

/** Evaluated call arguments, with `*args` / `**kwargs` spliced in when they are known. */
export interface CallArgs {
  pos: Val[]
  kw: Map<string, Val>
  /** `*args` of unknown length: any positional parameter past `pos` may be given */
  moreArgs: boolean
  /** `**kwargs` not known: any keyword parameter may be given */
  moreKw: boolean
}

/** A parameter given by position or keyword; null when `*args`/`**kwargs` may supply it; undefined when absent. */
export function param(a: CallArgs, index: number, name: string | undefined): Val | undefined {
  if (index >= 0 && index < a.pos.length) return a.pos[index]
  if (name !== undefined && a.kw.has(name)) return a.kw.get(name)
  if ((index >= 0 && a.moreArgs) || (name !== undefined && a.moreKw)) return TOP
  return undefined
}

/** Every value iterating `v` can yield (for loops, filters over sequences). */
export function elements(v: Val): Val {
  if (v === null) return TOP
  let out: Val = []
  for (const s of v) {
    if (s.t === 'seq') out = join(out, seqItem(s))
    else if (s.t === 'str') {
      if (!indexable(s.v)) return TOP
      const chars = new Set(s.v)
      if (chars.size > 16) return TOP
      for (const c of chars) out = join(out, str(c))
    } else if (s.t === 'dict')
      out = join(
        out,
        [...s.entries.values()].map(([k]) => k)
      )
    else if (s.t === 'undef' || s.t === 'num' || s.t === 'bool' || s.t === 'none') continue
    else return TOP
    if (out === null) return TOP
  }
  return out
}

/** The items iterating a value yields, when certain (strings as characters, dicts as keys). */
function listOf(s: Shape): Val[] | undefined {
  if (s.t === 'seq') return seqItems(s)
  if (s.t === 'str') return indexable(s.v) && s.v.length <= 4096 ? [...s.v].map((c) => str(c)) : undefined
  if (s.t === 'dict') return [...s.entries.values()].map(([k]) => one(k))
  return undefined
}

/** Strings of all items, each item one known string (or number where `str()` is wanted). */
function texts(xs: Val[], strOnly: boolean): string[] | undefined {
  const out: string[] = []
  for (const x of xs) {
    if (x === null || x.length !== 1) return undefined
    const s = x[0] as Shape
    if (strOnly && s.t !== 'str') return undefined
    const t = pyStr(s)
    if (t === undefined) return undefined
    out.push(t)
  }
  return out
}

// ---- operators ----

export function concat(vals: Val[], autoescape: boolean | 'maybe'): Val {
  return lift(vals, (ss) => {
    let out = ''
    for (const s of ss) {
      const t = pyStr(s)
      if (t === undefined) return TOP
      if (autoescape !== false && htmlSpecial(t)) return TOP
      out += t
      if (out.length > MAX_STR) return TOP
    }
    return str(out)
  })
}

const asNum = (s: Shape): { v?: number; int: boolean } | undefined =>
  s.t === 'num'
    ? s
    : s.t === 'bool'
      ? s.v === undefined
        ? { int: true }
        : { v: s.v ? 1 : 0, int: true }
      : undefined

export function binary(op: string, a: Val, b: Val): Val {
  return lift([a, b], ([x, y]) => {
    const l = x as Shape
    const r = y as Shape
    const nl = asNum(l)
    const nr = asNum(r)
    if (nl && nr) return arith(op, nl, nr)
    if (op === '+') {
      if (l.t === 'str' && r.t === 'str') {
        const markup = Boolean(l.markup || r.markup)
        if (markup && htmlSpecial(l.v + r.v)) return TOP
        return str(l.v + r.v, markup)
      }
      // list + list and tuple + tuple; anything else raises
      if (l.t === 'seq' && r.t === 'seq' && l.kind === r.kind && concatenable(l)) {
        const li = seqItems(l)
        const ri = seqItems(r)
        if (li && ri) return seq([...li, ...ri], l.kind)
        return seqOf(join(seqItem(l), seqItem(r)), l.kind)
      }
      return TOP
    }
    if (op === '*') {
      // a str, list or tuple times an int (a bool is one); a float raises
      const [s, n] = l.t === 'str' || l.t === 'seq' ? [l, nr] : [r, nl]
      if (!n || !n.int || !(s.t === 'str' || (s.t === 'seq' && concatenable(s)))) return TOP
      if (n.v === undefined) return s.t === 'str' ? TOP : seqOf(seqItem(s), s.kind)
      const times = Math.max(0, n.v)
      if (s.t === 'str') {
        if (s.v === '' || times === 0) return str('', Boolean(s.markup))
        if (s.v.length * times > MAX_STR) return TOP
        return str(s.v.repeat(times), Boolean(s.markup))
      }
      const it = seqItems(s)
      if (it === undefined) return seqOf(seqItem(s), s.kind)
      if (it.length === 0 || times === 0) return seq([], s.kind)
      if (it.length * times > MAX_ITEMS) return seqOf(joinAll(it), s.kind)
      return seq(Array.from({ length: times }, () => it).flat(), s.kind)
    }
    if (op === '%' && l.t === 'str') {
      if (l.markup) return TOP
      const text = printf(l.v, r)
      return text === undefined ? TOP : str(text)
    }
    return TOP
  })
}

const concatenable = (s: Extract<Shape, { t: 'seq' }>): boolean => s.kind === 'list' || s.kind === 'tuple'

/**
 * Python's arithmetic. Ints are exact below 2**53 (beyond, only known to be ints); floats are folded only
 * where IEEE 754 makes JS and every CPython agree: +, -, *, / of two floats. Float floor division, modulo
 * and powers are only known to be floats (or, for a power, not even that: (-8.0) ** 0.5 is complex).
 */
function arith(op: string, a: { v?: number; int: boolean }, b: { v?: number; int: boolean }): Val {
  const int = a.int && b.int
  if (op === '**') return int ? intPow(a.v, b.v) : TOP
  const known = a.v !== undefined && b.v !== undefined
  const x = a.v as number
  const y = b.v as number
  switch (op) {
    case '+':
      return known ? num(x + y, int) : int ? INT : FLOAT
    case '-':
      return known ? num(x - y, int) : int ? INT : FLOAT
    case '*':
      return known ? num(x * y, int) : int ? INT : FLOAT
    case '/':
      // ZeroDivisionError: no value
      return known ? (y === 0 ? [] : num(x / y, false)) : FLOAT
    case '//':
      // for |x|, |y| < 2**53 the rounded quotient never crosses an integer, so its floor is exact
      if (!int) return known && y === 0 ? [] : FLOAT
      return known ? (y === 0 ? [] : num(Math.floor(x / y), true)) : INT
    case '%':
      if (!int) return known && y === 0 ? [] : FLOAT
      return known ? (y === 0 ? [] : num(x - Math.floor(x / y) * y, true)) : INT
    default:
      return TOP
  }
}

/** int ** int: an int for a non-negative exponent (exact while it stays below 2**53), a float otherwise. */
function intPow(x: number | undefined, y: number | undefined): Val {
  if (y === undefined) return NUM
  if (y < 0) return x === 0 ? [] : FLOAT
  if (x === undefined) return INT
  if (x === 0 || x === 1) return num(y === 0 ? 1 : x, true)
  if (x === -1) return num(y % 2 === 0 ? 1 : -1, true)
  // |x| >= 2: past 2**53 for any exponent over 53
  if (y > 53) return INT
  const r = BigInt(x) ** BigInt(y)
  return r <= BigInt(Number.MAX_SAFE_INTEGER) && r >= BigInt(-Number.MAX_SAFE_INTEGER)
    ? num(Number(r), true)
    : INT
}

export function negate(v: Val, sign: -1 | 1): Val {
  return lift([v], ([s]) => {
    const n = asNum(s as Shape)
    if (!n) return TOP
    return num(n.v === undefined ? undefined : sign * n.v, n.int)
  })
}

/** Python's `a and b` / `a or b`: one of the operands, chosen by truthiness. */
export function logical(op: 'and' | 'or', a: Val, b: Val): Val {
  if (a === null) return TOP
  let out: Val = []
  let takesB = false
  for (const s of a) {
    const t = truthy(s)
    if (t === undefined) {
      out = join(out, [s])
      takesB = true
    } else if (t === (op === 'or')) out = join(out, [s])
    else takesB = true
  }
  return takesB ? join(out, b) : out
}

// ---- subscripts ----

export function item(obj: Val, key: Val): Val {
  return lift([obj, key], ([o, k]) => {
    const s = o as Shape
    const kk = k as Shape
    const n = asNum(kk)
    if (s.t === 'seq') {
      // a string key falls back to getattr; anything else that Python refuses (iterators and views are not
      // subscriptable, floats and None are no index) is Undefined
      if (kk.t === 'str') return TOP
      if (s.kind === 'iter' || s.kind === 'view') return UNDEF
      if (n && n.int) {
        const xs = seqItems(s)
        if (xs && n.v !== undefined) {
          const i = n.v < 0 ? xs.length + n.v : n.v
          return i >= 0 && i < xs.length ? (xs[i] as Val) : UNDEF
        }
        return join(seqItem(s), UNDEF)
      }
      return UNDEF
    }
    if (s.t === 'str') {
      if (n && n.int && n.v !== undefined && indexable(s.v)) {
        const i = n.v < 0 ? s.v.length + n.v : n.v
        const c = s.v[i]
        return c === undefined ? UNDEF : str(c, Boolean(s.markup))
      }
      return TOP
    }
    if (s.t === 'dict') {
      const dk = dictKey(kk)
      if (dk === undefined) return TOP
      const entry = s.entries.get(dk)
      if (entry) return entry[1]
      return kk.t === 'str' && DICT_METHODS.has(kk.v) ? TOP : UNDEF
    }
    return TOP
  })
}

export function slice(obj: Val, start: Val | undefined, stop: Val | undefined, step: Val | undefined): Val {
  const bound = (v: Val | undefined): number | undefined | null => {
    if (v === undefined) return undefined
    if (v !== null && v.length === 1 && v[0]?.t === 'none') return undefined
    const n = constInt(v)
    return n === undefined ? null : n
  }
  const [a, b, c] = [bound(start), bound(stop), bound(step)]
  // a slice of a list or tuple is one, of a range a range; iterators and views are not subscriptable
  const approx = (s: Shape): Val =>
    s.t === 'seq' && (s.kind === 'list' || s.kind === 'tuple' || s.kind === 'range')
      ? seqOf(seqItem(s), s.kind)
      : TOP
  if (a === null || b === null || c === null) return lift([obj], ([s]) => approx(s as Shape))
  return lift([obj], ([o]) => {
    const s = o as Shape
    if (s.t === 'str' && indexable(s.v)) {
      const r = pySlice([...s.v], a, b, c)
      return r === undefined ? TOP : str(r.join(''), Boolean(s.markup))
    }
    const xs = s.t === 'seq' && (s.kind === 'list' || s.kind === 'tuple') ? seqItems(s) : undefined
    if (s.t === 'seq' && xs) {
      const r = pySlice(xs, a, b, c)
      return r === undefined ? TOP : seq(r, s.kind)
    }
    return approx(s)
  })
}

const DICT_METHODS = new Set([
  'keys',
  'values',
  'items',
  'get',
  'pop',
  'popitem',
  'update',
  'setdefault',
  'clear',
  'copy',
  'fromkeys'
])
const LIST_METHODS = new Set([
  'append',
  'extend',
  'insert',
  'pop',
  'remove',
  'clear',
  'sort',
  'reverse',
  'index',
  'count',
  'copy'
])

/** `obj.name` as Jinja's getattr sees it (attribute first, then item). */
export function attribute(obj: Val, name: string, nsAttr: (name: string) => Val): Val {
  return lift([obj], ([o]) => {
    const s = o as Shape
    switch (s.t) {
      case 'dict': {
        if (DICT_METHODS.has(name)) return TOP
        const entry = s.entries.get(`s:${name}`)
        return entry ? entry[1] : UNDEF
      }
      // a list or tuple has no other attribute, and a string index into it fails: Undefined; ranges
      // (start, stop, step), iterators and views have attributes of their own
      case 'seq':
        if (s.kind === 'list') return LIST_METHODS.has(name) ? TOP : UNDEF
        if (s.kind === 'tuple') return name === 'count' || name === 'index' ? TOP : UNDEF
        return TOP
      case 'ns':
        return nsAttr(name)
      case 'loop':
        if (/^(index0?|revindex0?|length|depth0?)$/.test(name)) return INT
        if (name === 'first' || name === 'last') return BOOL
        if (name === 'previtem' || name === 'nextitem') return join(s.item, UNDEF)
        return TOP
      default:
        return TOP
    }
  })
}

// ---- filters ----

function constArg(a: CallArgs, i: number, name: string | undefined, dflt?: Val): Val | undefined {
  const v = param(a, i, name)
  return v === undefined ? dflt : v
}

function intArg(a: CallArgs, i: number, name: string | undefined, dflt: number): number | undefined {
  const v = param(a, i, name)
  if (v === undefined) return dflt
  return constInt(v)
}

function boolArg(a: CallArgs, i: number, name: string, dflt: boolean): boolean | undefined {
  const v = param(a, i, name)
  if (v === undefined) return dflt
  if (v === null || v.length !== 1) return undefined
  return truthy(v[0] as Shape)
}

/** A filter applied to known values, or null. Filters that take attribute names never fold with one. */
export function filter(name: string, input: Val, a: CallArgs, autoescape: boolean | 'maybe'): Val {
  switch (name) {
    case 'length':
    case 'count':
      return (
        lift([input], ([s]) => {
          if (s?.t === 'str' && indexable(s.v)) return num(s.v.length, true)
          const xs = s?.t === 'seq' && s.kind !== 'iter' ? seqItems(s) : undefined
          if (xs) return num(xs.length, true)
          if (s?.t === 'dict') return num(s.entries.size, true)
          return INT
        }) ?? INT
      )
    case 'wordcount':
      return INT
    case 'int': {
      const dflt = constArg(a, 0, 'default', num(0, true)) as Val
      const base = param(a, 1, 'base')
      return (
        lift([input], ([s]) => {
          if (s?.t === 'num' && s.v !== undefined) return num(Math.trunc(s.v), true)
          if (s?.t === 'bool' && s.v !== undefined) return num(s.v ? 1 : 0, true)
          if (s?.t === 'str' && base === undefined) {
            const n = pyIntFilter(s.v)
            if (n !== undefined) return n
          }
          return join(INT, dflt)
        }) ?? join(INT, dflt)
      )
    }
    case 'float':
      return join(FLOAT, constArg(a, 0, 'default', num(0, false)) as Val)
    case 'abs':
      return lift([input], ([s]) => {
        const n = s && asNum(s)
        return n ? num(n.v === undefined ? undefined : Math.abs(n.v), n.int) : TOP
      })
    case 'round': {
      // round(x, precision) ("common"): an int stays the same int for a precision >= 0, a float is rounded
      // (not folded: CPython's correctly rounded decimal rounding); floor and ceil divide, giving a float.
      // round(x, None) is an int even for a float.
      const precision = param(a, 0, 'precision')
      const method = param(a, 1, 'method')
      const common = method === undefined || constStr(method) === 'common'
      const fixed = method === undefined || constStr(method) !== undefined
      const p = precision === undefined ? 0 : constInt(precision)
      return lift([input], ([s]) => {
        const n = s && asNum(s)
        if (!n) return TOP
        if (!fixed || p === undefined) return NUM
        if (!common) return FLOAT
        if (!n.int) return FLOAT
        return p >= 0 && n.v !== undefined ? num(n.v, true) : INT
      })
    }
    case 'string':
      return lift([input], ([s]) => {
        const t = pyStr(s as Shape)
        return t === undefined ? TOP : str(t, Boolean(s?.t === 'str' && s.markup))
      })
    case 'lower':
    case 'upper':
    case 'capitalize':
    case 'title':
      return strMap(input, (s) => pyCase(s, name === 'title' ? 'jinja-title' : name), true)
    case 'trim': {
      const chars = constArg(a, 0, 'chars')
      const c = chars === undefined ? undefined : constStr(chars)
      if (
        chars !== undefined &&
        c === undefined &&
        !(chars !== null && chars.length === 1 && chars[0]?.t === 'none')
      )
        return TOP
      if (c !== undefined && !indexable(c)) return TOP
      return strMap(input, (s) => (indexable(s) ? pyStrip(s, c, true, true) : undefined), true)
    }
    case 'center': {
      const w = intArg(a, 0, 'width', 80)
      if (w === undefined) return TOP
      return strMap(input, (s) => pyPad(s, w, ' ', 'center'), true)
    }
    case 'replace': {
      const old = constStr(constArg(a, 0, 'old') ?? TOP)
      const neu = constStr(constArg(a, 1, 'new') ?? TOP)
      const cnt = param(a, 2, 'count')
      const count = cnt === undefined || (cnt !== null && cnt[0]?.t === 'none') ? -1 : constInt(cnt)
      if (old === undefined || neu === undefined || count === undefined || autoescape !== false) return TOP
      if (!indexable(old)) return TOP
      return lift([input], ([s]) => {
        const t = pyStr(s as Shape)
        if (t === undefined || !indexable(t)) return TOP
        const r = pyReplace(t, old, neu, count)
        return r === undefined ? TOP : str(r)
      })
    }
    case 'format': {
      if (a.moreArgs || a.moreKw || (a.pos.length > 0 && a.kw.size > 0)) return TOP
      const arg: Val =
        a.kw.size > 0 ? mapping([...a.kw].map(([k, v]) => [{ t: 'str', v: k }, v])) : seq(a.pos, 'tuple')
      return lift([input, arg], ([s, x]) => {
        if (s?.t !== 'str' || s.markup) return TOP
        const text = printf(s.v, x as Shape)
        return text === undefined ? TOP : str(text)
      })
    }
    case 'safe':
      return lift([input], ([s]) => {
        const t = pyStr(s as Shape)
        return t === undefined ? TOP : str(t, true)
      })
    case 'e':
    case 'escape':
    case 'forceescape':
      return lift([input], ([s]) => {
        if (s?.t === 'str' && s.markup && name !== 'forceescape') return [s]
        const t = pyStr(s as Shape)
        return t === undefined ? TOP : str(escapeHtml(t), true)
      })
    case 'default':
    case 'd': {
      // do_default: Undefined (or, with boolean=true, anything falsy) becomes the default
      const dflt = constArg(a, 0, 'default_value', str('')) as Val
      const boolean = boolArg(a, 1, 'boolean', false)
      if (input === null) return TOP
      let out: Val = []
      let usesDefault = false
      for (const s of input) {
        const t = truthy(s)
        if (s.t === 'undef') usesDefault = true
        else if (boolean !== false && t !== true) {
          usesDefault = true
          if (boolean === undefined || t === undefined) out = join(out, [s])
        } else out = join(out, [s])
      }
      return usesDefault ? join(out, dflt) : out
    }
    case 'list':
      return lift([input], ([s]) => {
        const xs = listOf(s as Shape)
        if (xs) return seq(xs)
        if (s?.t === 'seq') return seqOf(seqItem(s))
        return TOP
      })
    case 'first':
      // next(iter(x)): of an iterator that may have been advanced, any of its items, or Undefined
      return lift([input], ([s]) => {
        const xs = listOf(s as Shape)
        if (xs) return xs.length > 0 ? (xs[0] as Val) : UNDEF
        return s?.t === 'seq' ? join(seqItem(s), UNDEF) : TOP
      })
    case 'last':
      // next(iter(reversed(x))): iterators cannot be reversed
      return lift([input], ([s]) => {
        if (s?.t === 'seq' && s.kind === 'iter') return TOP
        const xs = listOf(s as Shape)
        if (xs) return xs.length > 0 ? (xs[xs.length - 1] as Val) : UNDEF
        return s?.t === 'seq' ? join(seqItem(s), UNDEF) : TOP
      })
    case 'random':
      return join(elements(input), UNDEF)
    case 'reverse':
      // a string reversed; reversed(x) (an iterator) where Python can, else a reversed list (of an iterator)
      return lift([input], ([s]) => {
        if (s?.t === 'str') return indexable(s.v) ? str([...s.v].reverse().join(''), Boolean(s.markup)) : TOP
        if (s?.t !== 'seq' && s?.t !== 'dict') return TOP
        const kind = s.t === 'seq' && s.kind === 'iter' ? 'list' : 'iter'
        const xs = listOf(s)
        if (xs) return seq([...xs].reverse(), kind)
        return s.t === 'seq' ? seqOf(seqItem(s), kind) : TOP
      })
    case 'join': {
      if (param(a, 1, 'attribute') !== undefined) return TOP
      const sep = constArg(a, 0, 'd', str('')) as Val
      if (autoescape !== false) return TOP
      return lift([input, sep], ([s, d]) => {
        const sepText = d && pyStr(d)
        const xs = s && listOf(s)
        if (sepText === undefined || !xs) return TOP
        return joinTexts(xs, sepText)
      })
    }
    case 'sort':
    case 'unique':
    case 'min':
    case 'max':
      return ordered(name, input, a)
    case 'batch':
    case 'slice':
      return chunks(name, input, a)
    case 'map': {
      if (a.pos.length === 0 || a.moreArgs) return lazyOf(TOP)
      const fname = constStr(a.pos[0] as Val)
      if (fname === undefined || fname === 'attr' || fname === 'map') return lazyOf(TOP)
      const rest: CallArgs = { ...a, pos: a.pos.slice(1) }
      return lift([input], ([s]) => {
        // over an iterator that may have been advanced: what is left of it, mapped
        const advanced = s?.t === 'seq' && s.used === true
        const xs = advanced ? s.items : listOf(s as Shape)
        if (!xs) return lazyOf(TOP)
        return seq(
          xs.map((x) => filter(fname, x, rest, autoescape)),
          'iter',
          advanced
        )
      })
    }
    case 'select':
    case 'reject':
    case 'selectattr':
    case 'rejectattr':
      return lazyOf(elements(input))
    case 'items':
      return lift([input], ([s]) => {
        if (s?.t === 'undef') return seq([], 'iter')
        if (s?.t !== 'dict') return TOP
        return seq(
          [...s.entries.values()].map(([k, v]) => seq([one(k), v], 'tuple')),
          'iter'
        )
      })
    case 'dictsort':
      return lift([input], ([s]) => {
        if (s?.t !== 'dict') return TOP
        const entries = [...s.entries.values()]
        return seqOf(
          seq([joinAll(entries.map(([k]) => one(k))), joinAll(entries.map(([, v]) => v))], 'tuple')
        )
      })
    case 'indent': {
      const w = param(a, 0, 'width')
      const width =
        w === undefined
          ? '    '
          : (constStr(w) ??
            (constInt(w) !== undefined && (constInt(w) as number) <= MAX_STR
              ? ' '.repeat(Math.max(0, constInt(w) as number))
              : undefined))
      const first = boolArg(a, 1, 'first', false)
      if (width === undefined || first === undefined || width.length > MAX_STR) return TOP
      return strMap(input, (s) => (PY_LINE_BREAK.test(s) ? undefined : (first ? width : '') + s), true)
    }
    case 'truncate': {
      const length = intArg(a, 0, 'length', 255)
      const leeway = intArg(a, 3, 'leeway', 5)
      if (length === undefined || leeway === undefined) return TOP
      return strMap(input, (s) => (indexable(s) && s.length <= length + leeway ? s : undefined), false)
    }
    case 'wordwrap': {
      const width = intArg(a, 0, 'width', 79)
      if (width === undefined) return TOP
      return strMap(
        input,
        (s) => (s !== '' && indexable(s) && s.length <= width && !PY_SPACE.test(s) ? s : undefined),
        false
      )
    }
    case 'striptags':
      return strMap(
        input,
        (s) => (s.includes('<') || s.includes('&') || PY_SPACE.test(s) ? undefined : s),
        false
      )
    case 'urlencode':
      return lift([input], ([s]) => {
        if (s?.t !== 'str' || !isAscii(s.v)) return TOP
        return str(
          s.v.replace(
            /[^A-Za-z0-9_.\-~/]/g,
            (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
          )
        )
      })
    case 'sum': {
      // sum(iterable, start): ints exactly; floats not at all (CPython 3.12 sums them compensated)
      if (param(a, 0, 'attribute') !== undefined) return TOP
      const start = param(a, 1, 'start')
      const from = start === undefined ? 0 : constInt(start)
      if (from === undefined || (start !== undefined && start?.[0]?.t !== 'num')) return TOP
      return lift([input], ([s]) => {
        if (s?.t === 'str') return TOP
        const xs = s && listOf(s)
        const each = xs ?? (s?.t === 'seq' ? [seqItem(s)] : undefined)
        if (each === undefined) return TOP
        let total = from
        let known = xs !== undefined
        // an int when every item is; a float when some item surely is
        let allInt = true
        let someFloat = false
        for (const x of each) {
          if (x === null) return TOP
          let ints = 0
          for (const alt of x) {
            const n = asNum(alt)
            if (!n) return TOP
            if (n.int) ints++
            if (n.v === undefined || x.length !== 1) known = false
            else total += n.v
          }
          if (ints < x.length) allInt = false
          if (ints === 0 && x.length > 0) someFloat = true
        }
        if (allInt) return known ? num(total, true) : INT
        return someFloat ? FLOAT : NUM
      })
    }
    default:
      return TOP
  }
}

/** An iterator of some `item`s (a generator of Jinja's). */
function lazyOf(item: Val): Val {
  return seqOf(item, 'iter')
}

/** A dict the template can see (and, when lists and dicts may change, not know). */
function dictOf(entries: [Shape, Val][]): Val {
  return isMutable() ? TOP : mapping(entries)
}

/**
 * A dict of these entries, in order (also the keyword arguments of a call, for printf's %(name)s and
 * str.format's {name}). As in Python, a key given twice keeps its first place and its first key object
 * (`{1: 'a', true: 'b'}` is `{1: 'b'}`), and takes the last value.
 */
function mapping(entries: [Shape, Val][]): Val {
  spend(entries.length)
  if (entries.length > MAX_ITEMS) return TOP
  const m = new Map<string, [Shape, Val]>()
  for (const [k, v] of entries) {
    const dk = dictKey(k)
    if (dk === undefined) return TOP
    const before = m.get(dk)
    m.set(dk, [before ? before[0] : k, settle(v)])
  }
  const values = [...m.values()].map(([, v]) => v)
  if (weight(values) > MAX_WEIGHT) return TOP
  for (const v of values) prime(v)
  return [{ t: 'dict', entries: m }]
}

const views = new WeakMap<Shape, Partial<Record<'keys' | 'values' | 'items', Val>>>()

/** dict.keys(), values() or items(): made once per dict (a dict does not change: see isMutable). */
function view(d: Extract<Shape, { t: 'dict' }>, name: 'keys' | 'values' | 'items'): Val {
  const made = views.get(d) ?? {}
  const known = made[name]
  if (known !== undefined) return known
  const entries = [...d.entries.values()]
  const v = seq(
    name === 'keys'
      ? entries.map(([k]) => one(k))
      : name === 'values'
        ? entries.map(([, x]) => x)
        : entries.map(([k, x]) => seq([one(k), x], 'tuple')),
    'view'
  )
  made[name] = v
  views.set(d, made)
  return v
}

const WS = '[ \\t\\n\\v\\f\\r]*'
const INT_TEXT = new RegExp(`^${WS}[+-]?[0-9]+(?:_[0-9]+)*${WS}$`)
const FLOAT_TEXT = new RegExp(`^${WS}[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?${WS}$`)

/**
 * Jinja's int filter on a string: int(s, 10), failing that int(float(s)), failing that the default. Folded
 * only for the ASCII text both Python calls read as JS does (ASCII whitespace, digits, underscores between
 * digits for int()); anything else (other digits, other spaces, U+FEFF, inf, hex) is undefined here, and
 * then the result is any int or the default.
 */
function pyIntFilter(text: string): Val | undefined {
  if (INT_TEXT.test(text)) return num(Number(text.replace(/_/g, '').trim()), true)
  if (FLOAT_TEXT.test(text)) {
    const f = Number(text.trim())
    // int(inf) raises OverflowError, which the filter does not catch
    return Number.isFinite(f) ? num(Math.trunc(f), true) : []
  }
  return undefined
}

export { dictOf }

/** A string function over every string alternative (Markup stays Markup when `keepMarkup`). */
function strMap(input: Val, f: (s: string) => string | undefined, keepMarkup: boolean): Val {
  return lift([input], ([s]) => {
    if (s?.t !== 'str') return TOP
    const r = f(s.v)
    return r === undefined ? TOP : str(r, keepMarkup && Boolean(s.markup))
  })
}

function joinTexts(xs: Val[], sep: string): Val {
  if (xs.length <= 8) {
    return lift(xs, (ss) => {
      const parts = ss.map(pyStr)
      if (parts.some((p) => p === undefined)) return TOP
      const out = parts.join(sep)
      return out.length > MAX_STR ? TOP : str(out)
    })
  }
  const parts = texts(xs, false)
  if (parts === undefined) return TOP
  const out = parts.join(sep)
  return out.length > MAX_STR ? TOP : str(out)
}

/** sort, unique, min and max over known strings (ASCII) or numbers, without an attribute. */
function ordered(name: string, input: Val, a: CallArgs): Val {
  const attrIndex = name === 'sort' ? 2 : 1
  const caseIndex = name === 'sort' ? 1 : 0
  if (param(a, attrIndex, 'attribute') !== undefined)
    return name === 'sort'
      ? seqOf(elements(input))
      : name === 'unique'
        ? lazyOf(elements(input))
        : join(elements(input), UNDEF)
  const caseSensitive = boolArg(a, caseIndex, 'case_sensitive', false)
  const reverse = name === 'sort' ? boolArg(a, 0, 'reverse', false) : false
  const approx: Val =
    name === 'sort'
      ? seqOf(elements(input))
      : name === 'unique'
        ? lazyOf(elements(input))
        : join(elements(input), UNDEF)
  if (caseSensitive === undefined || reverse === undefined) return approx
  return lift([input], ([s]) => {
    const xs = s && listOf(s)
    if (!xs) return approx
    const flat: Shape[] = []
    for (const x of xs) {
      if (x === null || x.length !== 1) return approx
      flat.push(x[0] as Shape)
    }
    const allStr = flat.every((x) => x.t === 'str' && isAscii(x.v))
    const allNum = flat.every((x) => x.t === 'num' && x.v !== undefined)
    if (!allStr && !allNum) return approx
    const keyOf = (x: Shape): string | number =>
      x.t === 'str' ? (caseSensitive ? x.v : x.v.toLowerCase()) : (x as { v: number }).v
    const cmp = (p: Shape, q: Shape): number => {
      const x = keyOf(p)
      const y = keyOf(q)
      return x < y ? -1 : x > y ? 1 : 0
    }
    if (name === 'unique') {
      const seen = new Set<string | number>()
      const out: Val[] = []
      for (const x of flat) {
        const k = keyOf(x)
        if (!seen.has(k)) {
          seen.add(k)
          out.push(one(x))
        }
      }
      return seq(out, 'iter')
    }
    if (name === 'min' || name === 'max') {
      if (flat.length === 0) return UNDEF
      let best = flat[0] as Shape
      for (const x of flat.slice(1)) if (name === 'min' ? cmp(x, best) < 0 : cmp(x, best) > 0) best = x
      return one(best)
    }
    // Python's sort is stable; reverse=True keeps equal items in order too
    const sorted = flat
      .map((x, i) => ({ x, i }))
      .sort((p, q) => (reverse ? cmp(q.x, p.x) : cmp(p.x, q.x)) || p.i - q.i)
    return seq(sorted.map((p) => one(p.x)))
  })
}

function chunks(name: string, input: Val, a: CallArgs): Val {
  const n = intArg(a, 0, name === 'batch' ? 'linecount' : 'slices', NaN)
  const fill = param(a, 1, 'fill_with')
  const fillVal =
    fill !== undefined && !(fill !== null && fill.length === 1 && fill[0]?.t === 'none') ? fill : undefined
  return lift([input], ([s]) => {
    const xs = s && listOf(s)
    if (!xs || n === undefined || !Number.isInteger(n) || n <= 0 || n > MAX_ITEMS || fill === null)
      return lazyOf(TOP)
    const out: Val[] = []
    if (name === 'batch') {
      for (let i = 0; i < xs.length; i += n) {
        const part = xs.slice(i, i + n)
        if (part.length < n && fillVal !== undefined) while (part.length < n) part.push(fillVal)
        out.push(seq(part))
      }
    } else {
      const per = Math.floor(xs.length / n)
      const extra = xs.length % n
      let offset = 0
      for (let k = 0; k < n; k++) {
        const start = offset + k * per
        if (k < extra) offset++
        const end = offset + (k + 1) * per
        const part = xs.slice(start, end)
        if (fillVal !== undefined && k >= extra) part.push(fillVal)
        out.push(seq(part))
      }
    }
    return seq(out, 'iter')
  })
}

// ---- methods of known values ----

/** `recv.name(args)` for Python's str methods and the harmless dict and list methods. */
export function method(recv: Val, name: string, a: CallArgs): Val {
  if (a.moreArgs || a.moreKw) return TOP
  return lift([recv], ([r]) => {
    const s = r as Shape
    if (s.t === 'str') return s.markup ? TOP : strMethod(s.v, name, a)
    if (s.t === 'bytes') return name === 'decode' && asciiCodec(a) ? str(s.v) : TOP
    if (s.t === 'dict') {
      if (name === 'get') {
        const k = a.pos[0]
        const d = a.pos.length > 1 ? (a.pos[1] as Val) : one({ t: 'none' })
        if (k === undefined || a.kw.size > 0) return TOP
        return lift([k], ([kk]) => {
          const dk = dictKey(kk as Shape)
          if (dk === undefined) return TOP
          const e = s.entries.get(dk)
          return e ? e[1] : d
        })
      }
      if (a.pos.length > 0 || a.kw.size > 0) return TOP
      if (name === 'keys' || name === 'values' || name === 'items') return view(s, name)
      if (name === 'copy') return [s]
      return TOP
    }
    if (s.t === 'loop') {
      if (name === 'cycle') return a.pos.length > 0 ? joinAll(a.pos) : TOP
      if (name === 'changed') return BOOL
      return TOP
    }
    if (s.t === 'seq' && s.kind !== 'iter' && s.kind !== 'view') {
      if (name === 'index' || name === 'count') return INT
      if (name === 'copy' && s.kind === 'list') return [s]
    }
    return TOP
  })
}

/**
 * str.encode / bytes.decode with a codec that maps ASCII text to the same bytes and back: the default or
 * a UTF-8, ASCII or Latin-1 name. Others do not (utf-7 decodes '+AF8-' to '_', utf-16 and EBCDIC differ).
 */
function asciiCodec(a: CallArgs): boolean {
  if (a.pos.length + a.kw.size > 1 || (a.kw.size === 1 && !a.kw.has('encoding'))) return false
  const c = a.pos[0] ?? a.kw.get('encoding')
  if (c === undefined) return true
  const name = constStr(c)
  return name !== undefined && ASCII_CODECS.has(name.toLowerCase())
}

const ASCII_CODECS = new Set([
  'utf-8',
  'utf8',
  'utf_8',
  'ascii',
  'us-ascii',
  'latin-1',
  'latin1',
  'iso-8859-1'
])

const SEARCHING = new Set([
  'replace',
  'strip',
  'lstrip',
  'rstrip',
  'split',
  'rsplit',
  'partition',
  'rpartition',
  'removeprefix',
  'removesuffix',
  'translate'
])

function strMethod(v: string, name: string, a: CallArgs): Val {
  const sArg = (i: number, kw?: string): string | undefined | null => {
    const x = param(a, i, kw)
    if (x === undefined) return undefined
    if (x !== null && x.length === 1 && x[0]?.t === 'none') return undefined
    return constStr(x) ?? null
  }
  const iArg = (i: number, kw: string | undefined, dflt: number): number | undefined => intArg(a, i, kw, dflt)
  // searching text works on code points in Python and on UTF-16 units here: the same only without surrogates
  if (
    SEARCHING.has(name) &&
    (!indexable(v) || a.pos.some((x) => x !== null && x.some((s) => s.t === 'str' && !indexable(s.v))))
  )
    return TOP
  switch (name) {
    case 'format': {
      const kw =
        a.kw.size > 0
          ? mapping([...a.kw].map(([k, x]) => [{ t: 'str', v: k }, x]))
          : [{ t: 'dict', entries: new Map() } as Shape]
      const text = kw === null ? undefined : formatValue(v, a.pos, kw[0])
      return text === undefined ? TOP : str(text)
    }
    case 'format_map': {
      const m = a.pos[0]
      if (a.pos.length !== 1 || a.kw.size > 0 || m === null || m === undefined || m.length !== 1) return TOP
      const text = formatValue(v, undefined, m[0])
      return text === undefined ? TOP : str(text)
    }
    case 'join': {
      const it = a.pos[0]
      if (a.pos.length !== 1 || a.kw.size > 0 || it === undefined) return TOP
      return lift([it], ([x]) => {
        const xs = x && listOf(x)
        if (!xs) return TOP
        const parts = texts(xs, true)
        if (parts === undefined) return TOP
        const out = parts.join(v)
        return out.length > MAX_STR ? TOP : str(out)
      })
    }
    case 'replace': {
      const old = sArg(0)
      const neu = sArg(1)
      const count = iArg(2, 'count', -1)
      if (typeof old !== 'string' || typeof neu !== 'string' || count === undefined) return TOP
      const r = pyReplace(v, old, neu, count)
      return r === undefined ? TOP : str(r)
    }
    case 'strip':
    case 'lstrip':
    case 'rstrip': {
      const chars = sArg(0)
      if (chars === null) return TOP
      return str(pyStrip(v, chars, name !== 'rstrip', name !== 'lstrip'))
    }
    case 'split':
    case 'rsplit': {
      const sep = sArg(0, 'sep')
      const max = iArg(1, 'maxsplit', -1)
      if (sep === null || max === undefined) return TOP
      const parts = pySplit(v, sep, max, name === 'rsplit')
      return parts === undefined ? TOP : seq(parts.map((p) => str(p)))
    }
    case 'lower':
    case 'upper':
    case 'title':
    case 'capitalize':
    case 'swapcase':
    case 'casefold': {
      const r = pyCase(v, name)
      return r === undefined ? TOP : str(r)
    }
    case 'center':
    case 'ljust':
    case 'rjust': {
      const w = iArg(0, undefined, NaN)
      const fill = a.pos.length > 1 ? sArg(1) : ' '
      if (w === undefined || Number.isNaN(w) || typeof fill !== 'string') return TOP
      const r = pyPad(v, w, fill, name)
      return r === undefined ? TOP : str(r)
    }
    case 'zfill': {
      const w = iArg(0, undefined, NaN)
      const r = w === undefined || Number.isNaN(w) ? undefined : pyZfill(v, w)
      return r === undefined ? TOP : str(r)
    }
    case 'expandtabs': {
      const size = iArg(0, 'tabsize', 8)
      const r = size === undefined ? undefined : pyExpandTabs(v, size)
      return r === undefined ? TOP : str(r)
    }
    case 'removeprefix':
    case 'removesuffix': {
      const x = sArg(0)
      if (typeof x !== 'string') return TOP
      if (name === 'removeprefix') return str(x !== '' && v.startsWith(x) ? v.slice(x.length) : v)
      return str(x !== '' && v.endsWith(x) ? v.slice(0, v.length - x.length) : v)
    }
    case 'partition':
    case 'rpartition': {
      const sep = sArg(0)
      if (typeof sep !== 'string' || sep === '') return TOP
      const at = name === 'partition' ? v.indexOf(sep) : v.lastIndexOf(sep)
      const parts =
        at < 0
          ? name === 'partition'
            ? [v, '', '']
            : ['', '', v]
          : [v.slice(0, at), sep, v.slice(at + sep.length)]
      return seq(
        parts.map((p) => str(p)),
        'tuple'
      )
    }
    case 'encode':
      return isAscii(v) && asciiCodec(a) ? one({ t: 'bytes', v }) : TOP
    case 'translate': {
      const table = a.pos[0]
      if (
        a.pos.length !== 1 ||
        table === null ||
        table === undefined ||
        table.length !== 1 ||
        table[0]?.t !== 'dict' ||
        !indexable(v)
      )
        return TOP
      const entries = table[0].entries
      let out = ''
      for (const c of v) {
        const e = entries.get(`n:${c.codePointAt(0)}`)
        if (!e) {
          out += c
          continue
        }
        const to = e[1]
        if (to === null || to.length !== 1) return TOP
        const t = to[0] as Shape
        if (t.t === 'none') continue
        if (t.t === 'str') out += t.v
        else if (t.t === 'num' && t.int && t.v !== undefined && t.v >= 0 && t.v <= 0x10ffff)
          out += String.fromCodePoint(t.v)
        else return TOP
        if (out.length > MAX_STR) return TOP
      }
      return str(out)
    }
    case 'maketrans': {
      const x = sArg(0)
      const y = sArg(1)
      const z = a.pos.length > 2 ? sArg(2) : ''
      if (typeof x !== 'string' || typeof y !== 'string' || typeof z !== 'string') return TOP
      if (!indexable(x) || !indexable(y) || !indexable(z) || x.length !== y.length) return TOP
      const entries: [Shape, Val][] = [...x].map((c, i) => [
        { t: 'num', v: c.codePointAt(0) as number, int: true },
        num(y.codePointAt(i) as number, true)
      ])
      for (const c of z)
        entries.push([{ t: 'num', v: c.codePointAt(0) as number, int: true }, one({ t: 'none' })])
      return dictOf(entries)
    }
    case 'startswith':
    case 'endswith':
    case 'isdigit':
    case 'isalpha':
    case 'isalnum':
    case 'isspace':
    case 'islower':
    case 'isupper':
    case 'isidentifier':
      return BOOL
    case 'find':
    case 'rfind':
    case 'index':
    case 'rindex':
    case 'count':
      return INT
    case 'splitlines':
      return PY_LINE_BREAK.test(v) ? TOP : seq(v === '' ? [] : [str(v)])
    default:
      return TOP
  }
}
