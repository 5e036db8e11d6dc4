/**
 * The values the checker folds: every expression evaluates to a small set of possible shapes (a string, a
 * number, a list of known items, a dict with known keys, a macro, …) or to null, "unknown". An operation is
 * folded only where the result is certain to be what Python computes; anything else is unknown. Sizes and
 * the total work are bounded, so a hostile template cannot make folding slow: past a bound, values are
 * unknown, which only ever adds findings.
 */

export type Shape =
  | { t: 'str'; v: string; markup?: true }
  | { t: 'num'; v?: number; int: boolean }
  | { t: 'bool'; v?: boolean }
  | { t: 'none' }
  | { t: 'undef' }
  | { t: 'bytes'; v: string }
  /**
   * Something iterable: `items` when its length and items are known, else `item` approximates every item.
   * An iterator (`kind: 'iter'`) can be iterated once; `used` when it may already have been advanced, so
   * that what is left of it is any suffix of `items`.
   */
  | { t: 'seq'; kind: SeqKind; items?: Val[]; item?: Val; used?: true }
  | { t: 'dict'; entries: Map<string, [Shape, Val]> }
  | { t: 'slice' }
  | { t: 'ns' }
  | { t: 'loop'; item: Val }
  | { t: 'macro'; id: number }
  | { t: 'global'; name: string }

/**
 * What a sequence is in Python, which decides what can be done to it:
 * - list, tuple: re-iterable, subscriptable, falsy when empty;
 * - iter: a one-shot iterator (the generators Jinja's map, select, unique, items, batch and slice filters
 *   return, and what reversed() returns): always truthy, not subscriptable, consumed by iterating;
 * - view: dict.keys()/values()/items(): re-iterable, falsy when empty, not subscriptable;
 * - range: re-iterable, subscriptable, falsy when empty, with attributes of its own (start, stop, step).
 */
export type SeqKind = 'list' | 'tuple' | 'iter' | 'view' | 'range'

/** One of these shapes, or null: any value at all. */
export type Val = Shape[] | null

export const MAX_ALTS = 16
export const MAX_STR = 32 * 1024
export const MAX_ITEMS = 4096
export const MAX_WEIGHT = 64 * 1024
/**
 * Units of work one template may take. A unit is about one character or item handled, or one step of the
 * evaluation; operations that cost more per character are charged more. The largest real templates take
 * a few hundred thousand; this many take well under a second.
 */
export const MAX_WORK = 32 * 1024 * 1024

/** The budget is spent: the analysis stops, and the template is reported as not checked (LIMIT). */
export class WorkLimitError extends Error {
  constructor(readonly budget: number) {
    super(`the analysis took more than its ${budget} units of work`)
  }
}

let work = 0
let budget = MAX_WORK

/** Starts a new budget for one template. */
export function resetWork(max = MAX_WORK): void {
  work = 0
  budget = max
  mutable = false
  keys = new WeakMap()
  ids = new Map()
}

/** The work done on the current template (for tests that guard against superlinear behaviour). */
export function workDone(): number {
  return work
}

/**
 * Charges `n` units of work, before the work is done; throws WorkLimitError once the template's budget is
 * spent, so that no template can make the analysis take longer than the budget allows.
 */
export function spend(n: number): void {
  work += n + 1
  if (work > budget) throw new WorkLimitError(budget)
}

export const TOP: Val = null
export const UNDEF: Val = [{ t: 'undef' }]
export const INT: Val = [{ t: 'num', int: true }]
export const FLOAT: Val = [{ t: 'num', int: false }]
/** A number that may be an int or a float. */
export const NUM: Val = [
  { t: 'num', int: true },
  { t: 'num', int: false }
]
export const BOOL: Val = [{ t: 'bool' }]

export function one(s: Shape): Val {
  return [s]
}

export function str(v: string, markup = false): Val {
  spend(v.length)
  if (v.length > MAX_STR) return TOP
  return [markup ? { t: 'str', v, markup: true } : { t: 'str', v }]
}

export function num(v: number | undefined, int: boolean): Val {
  if (v !== undefined && (!Number.isFinite(v) || (int && !Number.isSafeInteger(v)))) v = undefined
  // Python's ints have no negative zero
  if (int && v === 0) v = 0
  return [v === undefined ? { t: 'num', int } : { t: 'num', v, int }]
}

let mutable = false

/**
 * Whether the template may change lists and dicts in place (it calls append, update, pop, …): then the
 * contents of every list and dict it makes are unknown, wherever they are read.
 */
export function setMutable(m: boolean): void {
  mutable = m
}

export function isMutable(): boolean {
  return mutable
}

/**
 * A sequence of known items (a list's are unknown when lists may change). Items are settled: an iterator
 * held in a container may be reached more than once, so it counts as possibly advanced.
 */
export function seq(items: Val[], kind: SeqKind = 'list', used = false): Val {
  if (kind === 'list' && mutable) return [{ t: 'seq', kind, item: TOP }]
  spend(items.length)
  if (items.length > MAX_ITEMS) return [{ t: 'seq', kind, item: TOP }]
  const settled = items.map(settle)
  if (weight(settled) > MAX_WEIGHT) return [{ t: 'seq', kind, item: TOP }]
  // identities computed now, one level at a time, so that no later computation recurses deeply
  for (const v of settled) prime(v)
  return [{ t: 'seq', kind, items: settled, ...(used && kind === 'iter' && { used: true }) }]
}

/** A sequence whose items are each some `item` (a list's are unknown when lists may change). */
export function seqOf(item: Val, kind: SeqKind = 'list'): Val {
  const it = kind === 'list' && mutable ? TOP : settle(item)
  prime(it)
  return [{ t: 'seq', kind, item: it }]
}

/** The value as a variable, container or argument holds it: an iterator in it may be advanced by any use. */
export function settle(v: Val): Val {
  if (v === null || !v.some(fresh)) return v
  return v.map((s) => (fresh(s) ? { ...s, used: true } : s))
}

/** An iterator of known items that nothing has advanced yet. */
function fresh(s: Shape): s is Extract<Shape, { t: 'seq' }> {
  return s.t === 'seq' && s.kind === 'iter' && s.items !== undefined && !s.used
}

/** The items iterating a sequence yields, when certain (not for an iterator that may have been advanced). */
export function seqItems(s: Shape): Val[] | undefined {
  return s.t === 'seq' && !s.used ? s.items : undefined
}

/** What every item of a sequence is (the items of an advanced iterator are some of its items). */
export function seqItem(s: Extract<Shape, { t: 'seq' }>): Val {
  return s.items ? joinAll(s.items) : (s.item ?? TOP)
}

const weights = new WeakMap<Shape, number>()

/** About how much text and structure a value holds (containers past MAX_WEIGHT lose their items). */
export function weight(vals: Val[]): number {
  let w = 0
  for (const v of vals) {
    if (v === null) continue
    for (const s of v) {
      let x = weights.get(s)
      if (x === undefined) {
        x =
          s.t === 'str' || s.t === 'bytes'
            ? s.v.length + 1
            : s.t === 'seq' && s.items
              ? weight(s.items) + 1
              : s.t === 'dict'
                ? weight([...s.entries.values()].map(([, e]) => e)) + s.entries.size
                : 1
        weights.set(s, x)
      }
      w += x
    }
  }
  return w
}

let keys = new WeakMap<Shape, string>()
let ids = new Map<string, string>()

/**
 * A shape's identity (two shapes with one key are one value), computed once per shape. Keys are interned:
 * a container's key is made of its items' short ids, so that it costs its length, not its depth.
 */
export function key(s: Shape): string {
  let k = keys.get(s)
  if (k === undefined) {
    const full = computeKey(s)
    spend(full.length)
    k = ids.get(full)
    if (k === undefined) {
      k = `#${ids.size.toString(36)}`
      ids.set(full, k)
    }
    keys.set(s, k)
  }
  return k
}

/** Computes the keys of a value's alternatives now (for the items of a container being made). */
export function prime(v: Val): void {
  if (v !== null) for (const s of v) key(s)
}

function computeKey(s: Shape): string {
  switch (s.t) {
    case 'str':
      return `${s.markup ? 'm' : 's'}:${s.v}`
    case 'num':
      return `n${s.int ? 'i' : 'f'}:${s.v ?? '?'}`
    case 'bool':
      return `b:${s.v ?? '?'}`
    case 'bytes':
      return `y:${s.v}`
    case 'seq':
      return `q${s.kind}${s.used ? '*' : ''}${s.items ? `[${s.items.map(valKey).join(',')}]` : `{${valKey(s.item ?? TOP)}}`}`
    case 'dict':
      return `d{${[...s.entries].map(([k, [, v]]) => `${k}=${valKey(v)}`).join(',')}}`
    case 'loop':
      return `l:${valKey(s.item)}`
    case 'macro':
      return `M:${s.id}`
    case 'global':
      return `g:${s.name}`
    default:
      return s.t
  }
}

/** How Python's dict sees a key (1, 1.0 and True are one key); undefined when that is not certain. */
export function dictKey(s: Shape): string | undefined {
  switch (s.t) {
    case 'str':
      return `s:${s.v}`
    case 'num':
      return s.v === undefined ? undefined : `n:${s.v}`
    case 'bool':
      return s.v === undefined ? undefined : `n:${s.v ? 1 : 0}`
    case 'none':
      return 'none'
    default:
      return undefined
  }
}

export function valKey(v: Val): string {
  return v === null ? '?' : `(${v.map(key).join('|')})`
}

/** Either value. */
export function join(a: Val, b: Val): Val {
  if (a === null || b === null) return null
  if (a.length === 0) return b
  if (b.length === 0) return a
  const seen = new Set(a.map(key))
  const out = [...a]
  for (const s of b) {
    const k = key(s)
    if (!seen.has(k)) {
      seen.add(k)
      out.push(s)
    }
  }
  return widen(out)
}

export function joinAll(vals: Val[]): Val {
  let out: Val = []
  for (const v of vals) out = join(out, v)
  return out
}

function widen(v: Shape[]): Val {
  if (v.length <= MAX_ALTS) return v
  if (v.every((s) => s.t === 'num')) return [{ t: 'num', int: v.every((s) => s.t === 'num' && s.int) }]
  return null
}

/** `b` holds nothing `a` does not (for fixpoints). */
export function within(b: Val, a: Val): boolean {
  if (a === null) return true
  if (b === null) return false
  const ks = new Set(a.map(key))
  return b.every((s) => ks.has(key(s)))
}

/** Applies `f` to every combination of alternatives; unknown when any is unknown or there are too many. */
export function lift(vals: Val[], f: (shapes: Shape[]) => Val): Val {
  let combos = 1
  for (const v of vals) {
    if (v === null) return null
    combos *= v.length
  }
  if (combos === 0) return []
  if (combos > MAX_ALTS) return null
  // every combination, by an odometer over the alternatives (a concatenation can have thousands of operands)
  const alts = vals as Shape[][]
  const idx = new Array<number>(alts.length).fill(0)
  let out: Val = []
  for (;;) {
    out = join(out, f(alts.map((a, i) => a[idx[i] as number] as Shape)))
    if (out === null) return null
    let i = alts.length - 1
    for (; i >= 0; i--) {
      idx[i] = (idx[i] as number) + 1
      if ((idx[i] as number) < (alts[i] as Shape[]).length) break
      idx[i] = 0
    }
    if (i < 0) break
  }
  return out
}

/** The only string a value can be, if it is one known string. */
export function constStr(v: Val): string | undefined {
  return v !== null && v.length === 1 && v[0]?.t === 'str' ? v[0].v : undefined
}

/** The only integer a value can be (bools count, as in Python). */
export function constInt(v: Val): number | undefined {
  if (v === null || v.length !== 1) return undefined
  const s = v[0] as Shape
  if (s.t === 'num' && s.int && s.v !== undefined) return s.v
  if (s.t === 'bool' && s.v !== undefined) return s.v ? 1 : 0
  return undefined
}

// ---- Python semantics ----

const SURROGATE = /[\uD800-\uDFFF]/

/** Code-point indexing is only certain without surrogates (then code units are code points). */
export function indexable(s: string): boolean {
  return !SURROGATE.test(s)
}

export function isAscii(s: string): boolean {
  return !/[\u0080-\uffff]/.test(s)
}

/** Character classes Python treats as whitespace (`str.isspace`) and as line breaks (`str.splitlines`). */
export const PY_SPACE_CLASS =
  '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000'
export const PY_LINE_BREAK = new RegExp(`[${'\\n\\r\\v\\f\\x1c-\\x1e\\x85\\u2028\\u2029'}]`)

/**
 * `str(x)` for the shapes whose text is certain. Not floats: repr's shortest round-trip digits are what JS
 * prints too, but the rule is to fold floats only through + - * / (see arith), never their text.
 */
export function pyStr(s: Shape): string | undefined {
  switch (s.t) {
    case 'str':
      return s.v
    case 'num':
      return s.v === undefined || !s.int ? undefined : String(s.v)
    case 'bool':
      return s.v === undefined ? undefined : s.v ? 'True' : 'False'
    case 'none':
      return 'None'
    // Jinja's default Undefined prints '', but an environment may use another (DebugUndefined prints
    // its name): not certain
    case 'undef':
      return undefined
    default:
      return undefined
  }
}

/** `repr(x)` for strings and numbers, where simple. */
export function pyRepr(s: Shape): string | undefined {
  if (s.t !== 'str') return s.t === 'num' || s.t === 'bool' || s.t === 'none' ? pyStr(s) : undefined
  if (!/^[\x20-\x7e]*$/.test(s.v) || s.v.includes('\\')) return undefined
  if (!s.v.includes("'")) return `'${s.v}'`
  if (!s.v.includes('"')) return `"${s.v}"`
  return undefined
}

/** markupsafe's escape. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/'/g, '&#39;')
    .replace(/"/g, '&#34;')
}

/** Text markupsafe would escape when it meets Markup: folding gives up rather than guess. */
export function htmlSpecial(s: string): boolean {
  return /[&<>'"]/.test(s)
}

export function truthy(s: Shape): boolean | undefined {
  switch (s.t) {
    case 'str':
    case 'bytes':
      return s.v.length > 0
    case 'num':
      return s.v === undefined ? undefined : s.v !== 0
    case 'bool':
      return s.v
    case 'none':
    case 'undef':
      return false
    case 'seq':
      // an iterator object is true even when exhausted; the others by their length
      if (s.kind === 'iter') return true
      return s.items ? s.items.length > 0 : undefined
    case 'dict':
      return s.entries.size > 0
    // functions, macros, namespaces, slices and the loop object (inside a loop that runs) are true
    case 'global':
    case 'macro':
    case 'ns':
    case 'slice':
    case 'loop':
      return true
  }
}

/** Python's str.replace, including an empty `old` (which inserts `new` between characters). */
export function pyReplace(s: string, old: string, neu: string, count: number): string | undefined {
  if (count < 0) count = Number.MAX_SAFE_INTEGER
  if (old === '') {
    if (!indexable(s)) return undefined
    let out = ''
    let n = 0
    for (let i = 0; i <= s.length; i++) {
      if (n < count) {
        out += neu
        n++
      }
      if (i < s.length) out += s[i]
      if (out.length > MAX_STR) return undefined
    }
    return out
  }
  let out = ''
  let from = 0
  let n = 0
  while (n < count) {
    const at = s.indexOf(old, from)
    if (at < 0) break
    out += s.slice(from, at) + neu
    from = at + old.length
    n++
    if (out.length > MAX_STR) return undefined
  }
  return out + s.slice(from)
}

export const PY_SPACE = new RegExp(`[${PY_SPACE_CLASS}]`)

export function pyStrip(s: string, chars: string | undefined, left: boolean, right: boolean): string {
  const strip = (c: string): boolean => (chars === undefined ? PY_SPACE.test(c) : chars.includes(c))
  let a = 0
  let b = s.length
  if (left) while (a < b && strip(s[a] as string)) a++
  if (right) while (b > a && strip(s[b - 1] as string)) b--
  return s.slice(a, b)
}

/** str.split / str.rsplit. */
export function pySplit(
  s: string,
  sep: string | undefined,
  max: number,
  fromRight: boolean
): string[] | undefined {
  if (sep === '') return undefined
  if (max < 0) max = Number.MAX_SAFE_INTEGER
  if (sep !== undefined) {
    const parts = s.split(sep)
    if (parts.length - 1 <= max) return parts
    return fromRight
      ? [parts.slice(0, parts.length - max).join(sep), ...parts.slice(parts.length - max)]
      : [...parts.slice(0, max), parts.slice(max).join(sep)]
  }
  // whitespace runs, leading and trailing whitespace ignored
  const out: string[] = []
  if (!fromRight) {
    let i = 0
    while (i < s.length) {
      while (i < s.length && PY_SPACE.test(s[i] as string)) i++
      if (i >= s.length) break
      if (out.length === max) {
        // the rest as it is, trailing whitespace included
        out.push(s.slice(i))
        break
      }
      let j = i
      while (j < s.length && !PY_SPACE.test(s[j] as string)) j++
      out.push(s.slice(i, j))
      i = j
    }
    return out
  }
  let j = s.length
  while (j > 0) {
    while (j > 0 && PY_SPACE.test(s[j - 1] as string)) j--
    if (j <= 0) break
    if (out.length === max) {
      out.unshift(s.slice(0, j))
      break
    }
    let i = j
    while (i > 0 && !PY_SPACE.test(s[i - 1] as string)) i--
    out.unshift(s.slice(i, j))
    j = i
  }
  return out
}

/** str.center / ljust / rjust with a one-character fill. */
export function pyPad(
  s: string,
  width: number,
  fill: string,
  how: 'center' | 'ljust' | 'rjust'
): string | undefined {
  if (!indexable(s) || [...fill].length !== 1 || !indexable(fill)) return undefined
  if (s.length >= width) return s
  if (width > MAX_STR) return undefined
  const marg = width - s.length
  const left = how === 'ljust' ? 0 : how === 'rjust' ? marg : Math.floor(marg / 2) + (marg & width & 1)
  return fill.repeat(left) + s + fill.repeat(marg - left)
}

export function pyZfill(s: string, width: number): string | undefined {
  if (!indexable(s)) return undefined
  if (s.length >= width) return s
  if (width > MAX_STR) return undefined
  const sign = s[0] === '+' || s[0] === '-' ? (s[0] as string) : ''
  return sign + '0'.repeat(width - s.length) + s.slice(sign.length)
}

export function pyExpandTabs(s: string, size: number): string | undefined {
  if (!indexable(s) || (size > MAX_STR && s.includes('\t'))) return undefined
  let out = ''
  let col = 0
  for (const c of s) {
    if (c === '\t') {
      if (size > 0) {
        const n = size - (col % size)
        out += ' '.repeat(n)
        col += n
      }
    } else {
      out += c
      col = c === '\n' || c === '\r' ? 0 : col + 1
    }
    if (out.length > MAX_STR) return undefined
  }
  return out
}

const JINJA_WORD_BREAK = new RegExp(`([-${'\\t\\n\\v\\f\\r\\x1c-\\x20'}({[<]+)`)

/** Python's case mappings, for ASCII text only (elsewhere Unicode versions and special cases differ). */
export function pyCase(s: string, how: string): string | undefined {
  if (!isAscii(s)) return undefined
  switch (how) {
    case 'lower':
    case 'casefold':
      return s.toLowerCase()
    case 'upper':
      return s.toUpperCase()
    case 'swapcase':
      return [...s].map((c) => (c >= 'a' && c <= 'z' ? c.toUpperCase() : c.toLowerCase())).join('')
    case 'capitalize':
      return s.slice(0, 1).toUpperCase() + s.slice(1).toLowerCase()
    case 'title': {
      // str.title: a letter after a cased letter is lowered, any other letter raised
      let out = ''
      let prevCased = false
      for (const c of s) {
        const cased = /[A-Za-z]/.test(c)
        out += cased ? (prevCased ? c.toLowerCase() : c.toUpperCase()) : c
        prevCased = cased
      }
      return out
    }
    case 'jinja-title':
      // Jinja's title filter: words begin after -, whitespace, (, {, [ or <
      return s
        .split(JINJA_WORD_BREAK)
        .filter((w) => w !== '')
        .map((w) => (w[0] as string).toUpperCase() + w.slice(1).toLowerCase())
        .join('')
    default:
      return undefined
  }
}

/** Python's sequence slicing on an array (strings are handled as arrays of code points). */
export function pySlice<T>(xs: T[], start?: number, stop?: number, step?: number): T[] | undefined {
  const st = step ?? 1
  if (st === 0) return undefined
  const len = xs.length
  const norm = (x: number | undefined, dflt: number): number => {
    if (x === undefined) return dflt
    if (x < 0) return Math.max(x + len, st < 0 ? -1 : 0)
    return Math.min(x, st < 0 ? len - 1 : len)
  }
  const a = norm(start, st > 0 ? 0 : len - 1)
  const b = norm(stop, st > 0 ? len : -1)
  const out: T[] = []
  for (let i = a; st > 0 ? i < b : i > b; i += st) out.push(xs[i] as T)
  return out
}

/** Python's `%` on strings for the conversions whose text is certain. */
export function printf(fmt: string, arg: Shape): string | undefined {
  const positional: Shape[] | undefined =
    arg.t === 'seq' && arg.kind === 'tuple'
      ? (arg.items?.map((v) => (v?.length === 1 ? v[0] : undefined)) as Shape[])
      : [arg]
  if (positional === undefined || positional.some((s) => s === undefined)) return undefined
  const mapping = arg.t === 'dict' ? arg : undefined
  let k = 0
  let out = ''
  let usedMapping = false
  const re = /%(?:\(([^)]*)\))?([-#0 +]*)(\d*)(?:\.(\d+))?[hlL]?([diouxXeEfFgGcrsa%])/y
  let i = 0
  while (i < fmt.length) {
    const pct = fmt.indexOf('%', i)
    if (pct < 0) {
      out += fmt.slice(i)
      break
    }
    out += fmt.slice(i, pct)
    re.lastIndex = pct
    const m = re.exec(fmt)
    if (!m) return undefined
    i = re.lastIndex
    const [, name, flags = '', width = '', precision, conv = ''] = m
    if (conv === '%') {
      if (name !== undefined || flags !== '' || width !== '' || precision !== undefined) return undefined
      out += '%'
      continue
    }
    let a: Shape | undefined
    if (name !== undefined) {
      if (!mapping) return undefined
      const entry = mapping.entries.get(dictKey({ t: 'str', v: name }) as string)
      if (!entry || entry[1] === null || entry[1].length !== 1) return undefined
      a = entry[1][0]
      usedMapping = true
    } else {
      a = positional[k++]
    }
    if (a === undefined || precision !== undefined) return undefined
    let text: string | undefined
    if (conv === 's') text = pyStr(a)
    else if (conv === 'r') text = pyRepr(a)
    else if (conv === 'c') {
      if (a.t === 'str') text = [...a.v].length === 1 ? a.v : undefined
      else
        text =
          a.t === 'num' && a.int && a.v !== undefined && a.v >= 0 && a.v <= 0x10ffff
            ? String.fromCodePoint(a.v)
            : undefined
    } else if ('diu'.includes(conv)) {
      // int(x) of a float is exact; its digits are String's only below 2**53
      text =
        a.t === 'num' && a.v !== undefined && Number.isSafeInteger(Math.trunc(a.v))
          ? String(Math.trunc(a.v) || 0)
          : a.t === 'bool' && a.v !== undefined
            ? a.v
              ? '1'
              : '0'
            : undefined
    } else if ('xXo'.includes(conv) && !flags.includes('#')) {
      const n = a.t === 'num' && a.int ? a.v : undefined
      text = n === undefined ? undefined : n.toString(conv === 'o' ? 8 : 16)
      if (text !== undefined && conv === 'X') text = text.toUpperCase()
    }
    if (text === undefined || /[ +#]/.test(flags)) return undefined
    // widths count code points in Python, UTF-16 units here
    if (width !== '' && !indexable(text)) return undefined
    const w = width === '' ? 0 : Number(width)
    if (w > MAX_STR) return undefined
    if (text.length < w) {
      if (flags.includes('-')) text = text.padEnd(w, ' ')
      else if (flags.includes('0') && conv !== 's' && conv !== 'r' && conv !== 'c') {
        const sign = text.startsWith('-') ? '-' : ''
        text = sign + text.slice(sign.length).padStart(w - sign.length, '0')
      } else text = text.padStart(w, ' ')
    }
    out += text
    if (out.length > MAX_STR) return undefined
  }
  if (mapping) return usedMapping || k === 0 ? out : undefined
  return k === positional.length ? out : undefined
}
