/**
 * Jinja's lexer (jinja2/lexer.py, default delimiters, no line statements), rewritten rule for rule: the same
 * token rules tried in the same order, the same whitespace control, string literals decoded the way Python's
 * `unicode-escape` codec decodes them, numbers read the way Python reads them. Template text is kept in two
 * forms: as a plain `Environment` renders it, and as one with `trim_blocks` and `lstrip_blocks` does
 * (transformers, llama-cpp-python), since text captured by `{% set %}` or a macro becomes a value.
 */

export class JinjaSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: number
  ) {
    super(message)
  }
}

/** Something the checker will not go through (nesting too deep to be a template Jinja compiles). */
export class JinjaLimitError extends Error {
  constructor(
    message: string,
    readonly pos: number
  ) {
    super(message)
  }
}

export type TokenType =
  | 'data'
  | 'variable_begin'
  | 'variable_end'
  | 'block_begin'
  | 'block_end'
  | 'name'
  | 'string'
  | 'integer'
  | 'float'
  | 'op'
  | 'eof'

export interface Token {
  type: TokenType
  /** a name, an operator, or the source text of a literal */
  value: string
  pos: number
  end: number
  /** a string literal's value; null when it spells a character by a \N{…} name this lexer does not know */
  text: string | null | undefined
  /** a number's value; undefined for an integer too large to hold exactly */
  num: number | undefined
  /** template text: [as a plain Environment renders it, with trim_blocks and lstrip_blocks] */
  data: [string, string] | undefined
}

/** Python's whitespace (`str.isspace`, which is also what `\s` matches in Python's `re`). */
export const PY_WS =
  '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000'
const WS_RUN = new RegExp(`[${PY_WS}]+`, 'y')
const WS_ONLY = new RegExp(`^[${PY_WS}]+$`)
const WS_END = new RegExp(`[${PY_WS}]+$`)

const FLOAT = /(?:\d+_)*\d+(?:(?:\.(?:\d+_)*\d+)?[eE][+-]?(?:\d+_)*\d+|\.(?:\d+_)*\d+)/y
const INTEGER = /0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0[xX](?:_?[0-9a-fA-F])+|[1-9](?:_?\d)*|0(?:_?0)*/y
// Python's `\w` plus the identifier characters Jinja adds (jinja2/_identifier.py), then `str.isidentifier`
const NAME = /[\p{L}\p{N}_\p{XID_Continue}]+/uy
const IDENTIFIER = /^[\p{XID_Start}_]\p{XID_Continue}*$/u
const OPERATORS1 = new Set([...'+-/*%~[](){}><=.:|,;'])
const RAW_BEGIN = new RegExp(`\\{%(-|\\+|)[${PY_WS}]*raw[${PY_WS}]*(?:-%\\}([${PY_WS}]*)|%\\})`, 'y')
const RAW_END = new RegExp(`\\{%(-|\\+|)[${PY_WS}]*endraw[${PY_WS}]*(\\+%\\}|-%\\}[${PY_WS}]*|%\\})`, 'g')

/** How the previous tag ended, which decides what the text after it loses. */
interface After {
  /** trim_blocks: a plain `%}` or `#}` eats one newline after it */
  trimNewline: boolean
  /** lstrip_blocks: the previous match ended a line (Jinja's `line_starting`), with trim_blocks on */
  lineStart: boolean
}

/** The source as Jinja lexes it: lines split and joined with \n, one trailing newline dropped. */
export function normalizeSource(source: string): string {
  const src = source.replace(/\r\n?/g, '\n')
  return src.endsWith('\n') ? src.slice(0, -1) : src
}

/** Tokens of a source already passed through normalizeSource. */
export function lex(src: string): Token[] {
  const out: Token[] = []
  let pos = 0
  let after: After = { trimNewline: false, lineStart: true }
  const tagStart = /\{[{%#]/g

  const text = (from: number, to: number, sign: string, stripsBlocks: boolean): void => {
    let plain = src.slice(from, to)
    let trim = after.trimNewline && plain.startsWith('\n') ? plain.slice(1) : plain
    if (sign === '-') {
      plain = plain.replace(WS_END, '')
      trim = trim.replace(WS_END, '')
    } else if (sign !== '+' && stripsBlocks) {
      const l = trim.lastIndexOf('\n') + 1
      if ((l > 0 || after.lineStart) && WS_ONLY.test(trim.slice(l))) trim = trim.slice(0, l)
    }
    if (plain !== '' || trim !== '') {
      const t = token('data', '', from, to)
      t.data = [plain, trim]
      out.push(t)
    }
  }

  while (pos < src.length) {
    tagStart.lastIndex = pos
    const found = tagStart.exec(src)
    if (!found) {
      text(pos, src.length, '', false)
      break
    }
    const j = found.index
    const kind = src[j + 1]
    if (kind === '%') {
      RAW_BEGIN.lastIndex = j
      const raw = RAW_BEGIN.exec(src)
      if (raw) {
        text(pos, j, raw[1] ?? '', true)
        const begun = raw[2] ?? ''
        after = { trimNewline: false, lineStart: begun.endsWith('\n') }
        const contentFrom = j + raw[0].length
        // Jinja's lexer stops without error when a state has nothing left to read
        if (contentFrom >= src.length) break
        RAW_END.lastIndex = contentFrom
        const end = RAW_END.exec(src)
        if (!end) throw new JinjaSyntaxError('Missing end of raw directive', j)
        text(contentFrom, end.index, end[1] ?? '', true)
        const close = end[2] ?? ''
        pos = end.index + end[0].length
        after = endOf(true, close[0] === '%' ? '' : (close[0] ?? ''), close.slice(3), src, pos)
        continue
      }
    }
    let p = j + 2
    const sign = src[p] === '-' || src[p] === '+' ? (src[p] as string) : ''
    p += sign.length
    text(pos, j, sign, kind !== '{')
    if (kind === '#') {
      if (p >= src.length) break
      const close = src.indexOf('#}', p)
      if (close < 0) throw new JinjaSyntaxError('Missing end of comment tag', j)
      const endSign =
        close - 1 >= p && (src[close - 1] === '-' || src[close - 1] === '+') ? src[close - 1] : ''
      pos = endSign === '-' ? skipWs(src, close + 2) : close + 2
      after = endOf(true, endSign ?? '', src.slice(close + 2, pos), src, pos)
      continue
    }
    const block = kind === '%'
    out.push(token(block ? 'block_begin' : 'variable_begin', `{${kind}${sign}`, j, p))
    pos = tag(src, p, block, out)
    const last = out[out.length - 1] as Token
    const endSign = last.value.length === 3 ? (last.value[0] as string) : ''
    after = endOf(block, endSign, src.slice(last.end, pos), src, pos)
  }
  out.push(token('eof', '', src.length, src.length))
  return out
}

/**
 * What the end of a tag means for the text after it: `-` ate the whitespace after it, a plain `%}` or `#}`
 * eats one newline under trim_blocks, and lstrip_blocks looks at whether the previous match ended a line.
 */
function endOf(blockOrComment: boolean, sign: string, eaten: string, src: string, pos: number): After {
  if (sign === '-') return { trimNewline: false, lineStart: eaten.endsWith('\n') }
  if (sign === '+' || !blockOrComment) return { trimNewline: false, lineStart: false }
  return { trimNewline: true, lineStart: src[pos] === '\n' }
}

function skipWs(src: string, pos: number): number {
  WS_RUN.lastIndex = pos
  return WS_RUN.exec(src) ? WS_RUN.lastIndex : pos
}

/** Python's whitespace, by code unit. */
function isWs(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    (c >= 0x1c && c <= 0x1f) ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  )
}

function token(type: TokenType, value: string, pos: number, end: number): Token {
  return { type, value, pos, end, text: undefined, num: undefined, data: undefined }
}

/**
 * The tokens of one `{{ … }}` or `{% … %}`, up to its end (which only counts outside brackets). Jinja tries
 * whitespace, float, integer, name, string and operator in that order; their first characters do not
 * overlap, so looking at the first character picks the same rule.
 */
function tag(src: string, pos: number, block: boolean, out: Token[]): number {
  const brackets: string[] = []
  const n = src.length
  for (;;) {
    if (pos >= n) throw new JinjaSyntaxError('unexpected end of template', pos)
    const c = src.charCodeAt(pos)
    if (brackets.length === 0 && (c === 0x2d || c === 0x2b || c === 0x25 || c === 0x7d)) {
      const end = block ? blockEnd(src, pos) : variableEnd(src, pos)
      if (end !== undefined) {
        out.push(token(block ? 'block_end' : 'variable_end', end.text, pos, pos + end.text.length))
        return end.next
      }
    }
    if (isWs(c)) {
      pos++
      while (pos < n && isWs(src.charCodeAt(pos))) pos++
      continue
    }
    let m: RegExpExecArray | null
    if (c >= 0x30 && c <= 0x39) {
      if (src[pos - 1] !== '.') {
        FLOAT.lastIndex = pos
        if ((m = FLOAT.exec(src))) {
          const v = m[0]
          const t = token('float', v, pos, pos + v.length)
          t.num = Number(v.replace(/_/g, ''))
          out.push(t)
          pos += v.length
          continue
        }
      }
      INTEGER.lastIndex = pos
      const v = (INTEGER.exec(src) as RegExpExecArray)[0]
      const t = token('integer', v, pos, pos + v.length)
      t.num = intValue(v)
      out.push(t)
      pos += v.length
      continue
    }
    if (c === 0x27 || c === 0x22) {
      const q = src[pos] as string
      let k = pos + 1
      while (k < n && src[k] !== q) k += src[k] === '\\' ? 2 : 1
      if (k < n) {
        const t = token('string', src.slice(pos, k + 1), pos, k + 1)
        t.text = decodeString(src.slice(pos + 1, k), pos)
        out.push(t)
        pos = k + 1
        continue
      }
      throw new JinjaSyntaxError('unexpected char (an unterminated string)', pos)
    }
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c >= 0x80) {
      // ASCII names need no Unicode tables: [A-Za-z_][A-Za-z0-9_]* is an identifier
      let k = pos
      let d = c
      while (
        k < n &&
        ((d >= 0x61 && d <= 0x7a) || (d >= 0x41 && d <= 0x5a) || d === 0x5f || (d >= 0x30 && d <= 0x39))
      )
        d = src.charCodeAt(++k)
      if (k > pos && (k >= n || d < 0x80)) {
        out.push(token('name', src.slice(pos, k), pos, k))
        pos = k
        continue
      }
      NAME.lastIndex = pos
      if ((m = NAME.exec(src))) {
        const v = m[0]
        if (!IDENTIFIER.test(v)) throw new JinjaSyntaxError('Invalid character in identifier', pos)
        out.push(token('name', v, pos, pos + v.length))
        pos += v.length
        continue
      }
    }
    const ch = src[pos] as string
    const d = src.charCodeAt(pos + 1)
    const op =
      (d === c && (c === 0x2a || c === 0x2f)) ||
      (d === 0x3d && (c === 0x3d || c === 0x21 || c === 0x3e || c === 0x3c))
        ? src.slice(pos, pos + 2)
        : OPERATORS1.has(ch)
          ? ch
          : undefined
    if (op === undefined) throw new JinjaSyntaxError(`unexpected char ${JSON.stringify(ch)}`, pos)
    if (op === '(' || op === '[' || op === '{') brackets.push(op === '(' ? ')' : op === '[' ? ']' : '}')
    else if (op === ')' || op === ']' || op === '}') {
      const expected = brackets.pop()
      if (expected !== op) throw new JinjaSyntaxError(`unexpected '${op}'`, pos)
    }
    out.push(token('op', op, pos, pos + op.length))
    pos += op.length
  }
}

function blockEnd(src: string, pos: number): { text: string; next: number } | undefined {
  if (src.startsWith('+%}', pos)) return { text: '+%}', next: pos + 3 }
  if (src.startsWith('-%}', pos)) return { text: '-%}', next: skipWs(src, pos + 3) }
  if (src.startsWith('%}', pos)) return { text: '%}', next: pos + 2 }
  return undefined
}

function variableEnd(src: string, pos: number): { text: string; next: number } | undefined {
  if (src.startsWith('-}}', pos)) return { text: '-}}', next: skipWs(src, pos + 3) }
  if (src.startsWith('}}', pos)) return { text: '}}', next: pos + 2 }
  return undefined
}

function intValue(text: string): number | undefined {
  const digits = text.replace(/_/g, '')
  if (digits.length < 16 && !/^0[bBoOxX]/.test(digits)) return Number(digits)
  const big = /^0[bBoOxX]/.test(digits) ? BigInt(digits) : BigInt(digits.replace(/^0+(?=.)/, ''))
  return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : undefined
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\n': ''
}

/**
 * A string literal's value: Jinja encodes the source text to ASCII with `backslashreplace` and decodes it
 * with `unicode-escape`, so escapes are Python's (\x, \u, \U, octal, \N{name}) and a backslash before a
 * non-ASCII character escapes the backslash of that character's own escape. Errors are Jinja's syntax
 * errors; a \N{name} this table does not know makes the value unknown (null).
 */
export function decodeString(raw: string, pos = 0): string | null {
  if (!raw.includes('\\')) return raw
  let t = ''
  for (const ch of raw) {
    const cp = ch.codePointAt(0) as number
    t +=
      cp < 0x80
        ? ch
        : cp < 0x100
          ? `\\x${hex(cp, 2)}`
          : cp < 0x10000
            ? `\\u${hex(cp, 4)}`
            : `\\U${hex(cp, 8)}`
  }
  let out = ''
  let unknown = false
  for (let i = 0; i < t.length;) {
    const c = t[i] as string
    if (c !== '\\') {
      const next = t.indexOf('\\', i)
      const stop = next < 0 ? t.length : next
      out += t.slice(i, stop)
      i = stop
      continue
    }
    const e = t[i + 1]
    if (e === undefined) throw new JinjaSyntaxError('\\ at end of string', pos)
    if (Object.hasOwn(SIMPLE_ESCAPES, e)) {
      out += SIMPLE_ESCAPES[e]
      i += 2
    } else if (e >= '0' && e <= '7') {
      const m = /^[0-7]{1,3}/.exec(t.slice(i + 1, i + 4)) as RegExpExecArray
      out += String.fromCodePoint(parseInt(m[0], 8))
      i += 1 + m[0].length
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8
      const digits = t.slice(i + 2, i + 2 + n)
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(digits))
        throw new JinjaSyntaxError(`truncated \\${e} escape`, pos)
      const cp = parseInt(digits, 16)
      if (cp > 0x10ffff) throw new JinjaSyntaxError('illegal Unicode character', pos)
      out += String.fromCodePoint(cp)
      i += 2 + n
    } else if (e === 'N') {
      const close = t[i + 2] === '{' ? t.indexOf('}', i + 3) : -1
      if (close < 0 || close === i + 3) throw new JinjaSyntaxError('malformed \\N character escape', pos)
      const ch = unicodeByName(t.slice(i + 3, close))
      if (ch === undefined) unknown = true
      else out += ch
      i = close + 1
    } else {
      out += `\\${e}`
      i += 2
    }
  }
  return unknown ? null : out
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0')
}

const NAMED = new Map<string, string>()
const named = (names: string, first: number): void =>
  names.split('|').forEach((n, k) => NAMED.set(n, String.fromCharCode(first + k)))
named(
  'SPACE|EXCLAMATION MARK|QUOTATION MARK|NUMBER SIGN|DOLLAR SIGN|PERCENT SIGN|AMPERSAND|APOSTROPHE|' +
    'LEFT PARENTHESIS|RIGHT PARENTHESIS|ASTERISK|PLUS SIGN|COMMA|HYPHEN-MINUS|FULL STOP|SOLIDUS',
  0x20
)
named('COLON|SEMICOLON|LESS-THAN SIGN|EQUALS SIGN|GREATER-THAN SIGN|QUESTION MARK|COMMERCIAL AT', 0x3a)
named(
  'LEFT SQUARE BRACKET|REVERSE SOLIDUS|RIGHT SQUARE BRACKET|CIRCUMFLEX ACCENT|LOW LINE|GRAVE ACCENT',
  0x5b
)
named('LEFT CURLY BRACKET|VERTICAL LINE|RIGHT CURLY BRACKET|TILDE', 0x7b)
const DIGITS = ['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE']

/** The printable ASCII characters by their Unicode names (Python matches names case-insensitively). */
function unicodeByName(name: string): string | undefined {
  const n = name.toUpperCase()
  const letter = /^LATIN (SMALL|CAPITAL) LETTER ([A-Z])$/.exec(n)
  if (letter) return letter[1] === 'SMALL' ? (letter[2] as string).toLowerCase() : letter[2]
  const digit = /^DIGIT ([A-Z]+)$/.exec(n)
  if (digit) {
    const d = DIGITS.indexOf(digit[1] as string)
    return d < 0 ? undefined : String(d)
  }
  return NAMED.get(n)
}
