import { bufferAccess, type RandomAccess } from './access.js'
import type { EngineLimits } from './limits.js'

/**
 * A symbolic walk of pickle streams (protocols 0 to 5): every opcode is interpreted on a stack of tagged values,
 * never executed. What unpickling would import and call is recorded exactly:
 *
 * - the memo stores the value actually on the stack (not "the previous opcode's argument", the heuristic that
 *   let memo tricks bypass other scanners), so `STACK_GLOBAL` operands fetched through `GET` resolve;
 * - `STACK_GLOBAL` operands that are not literal strings (built by calls, taken from attributes) make the import
 *   dynamic: it cannot be resolved statically, which is itself critical;
 * - every call (`REDUCE`, `NEWOBJ`, `NEWOBJ_EX`, `OBJ`, `INST`) is recorded, including results that are popped;
 * - FRAME boundaries are enforced like CPython's unpickler, so bytes hidden across a frame end are not skipped;
 * - strings and bytes that hold a pickle (raw, base64 or hex) are walked in turn, to a bounded depth;
 * - a stream that breaks keeps what was found before the break, and the break is reported: the file cannot be
 *   verified, whatever came before.
 */

export interface PickleImport {
  module: string
  name: string
  /** byte offset of the opcode in the file */
  offset: number
  via: 'GLOBAL' | 'INST' | 'STACK_GLOBAL'
}

export type PickleIssueKind =
  /** an import whose module or name is not a literal string */
  | 'DYNAMIC_IMPORT'
  /** an EXT opcode: the import comes from the copyreg extension registry, unknowable statically */
  | 'EXTENSION_IMPORT'
  /** BUILD or attribute state applied to an imported object (module or class patching) */
  | 'BUILD_ON_GLOBAL'
  /** a pickle inside a string or bytes value */
  | 'NESTED_PICKLE'
  /** the stream does not decode as a pickle (truncated, unknown opcode, stack underflow, frame violation …) */
  | 'MALFORMED'
  /** a resource limit was hit; the rest of the stream was not analysed */
  | 'LIMIT'

export interface PickleIssue {
  kind: PickleIssueKind
  offset: number
  detail: string
}

export interface PickleWalk {
  imports: PickleImport[]
  issues: PickleIssue[]
  /** imports found in nested pickles, with the offset of the value that held them */
  nested: PickleWalk[]
  /** complete pickles read (STOP reached) */
  pickles: number
  opcodes: number
  /** highest protocol seen */
  protocol: number
  /** offset just after the last STOP, where raw data (legacy PyTorch storages) starts */
  end: number
  /** persistent ids seen (PyTorch storages use them) */
  persistentIds: number
}

export interface WalkOptions {
  limits: Pick<
    EngineLimits,
    | 'pickleOpcodes'
    | 'pickleStack'
    | 'pickleMarks'
    | 'pickleMemo'
    | 'picklesPerFile'
    | 'nestedDepth'
    | 'pickleArgBytes'
  >
  /** where the stream starts in `ra` */
  offset?: number
  /** read at most this many pickles, then stop (legacy PyTorch: the raw storages follow) */
  maxPickles?: number
  /** time (`now()`) after which the walk stops with a LIMIT issue */
  deadline?: number
  now?: () => number
}

// ---- opcodes ----

/**
 * The pickle opcodes, named and ordered as CPython's Lib/pickle.py (and pickletools) name them; those of
 * protocols 0 and 1 are printable characters, shown next to their codes.
 */
export const OP = {
  // protocol 0 and 1
  MARK: 0x28, // '('
  STOP: 0x2e, // '.'
  POP: 0x30, // '0'
  POP_MARK: 0x31, // '1'
  DUP: 0x32, // '2'
  FLOAT: 0x46, // 'F'
  INT: 0x49, // 'I'
  BININT: 0x4a, // 'J'
  BININT1: 0x4b, // 'K'
  LONG: 0x4c, // 'L'
  BININT2: 0x4d, // 'M'
  NONE: 0x4e, // 'N'
  PERSID: 0x50, // 'P'
  BINPERSID: 0x51, // 'Q'
  REDUCE: 0x52, // 'R'
  STRING: 0x53, // 'S'
  BINSTRING: 0x54, // 'T'
  SHORT_BINSTRING: 0x55, // 'U'
  UNICODE: 0x56, // 'V'
  BINUNICODE: 0x58, // 'X'
  APPEND: 0x61, // 'a'
  BUILD: 0x62, // 'b'
  GLOBAL: 0x63, // 'c'
  DICT: 0x64, // 'd'
  EMPTY_DICT: 0x7d, // '}'
  APPENDS: 0x65, // 'e'
  GET: 0x67, // 'g'
  BINGET: 0x68, // 'h'
  INST: 0x69, // 'i'
  LONG_BINGET: 0x6a, // 'j'
  LIST: 0x6c, // 'l'
  EMPTY_LIST: 0x5d, // ']'
  OBJ: 0x6f, // 'o'
  PUT: 0x70, // 'p'
  BINPUT: 0x71, // 'q'
  LONG_BINPUT: 0x72, // 'r'
  SETITEM: 0x73, // 's'
  TUPLE: 0x74, // 't'
  EMPTY_TUPLE: 0x29, // ')'
  SETITEMS: 0x75, // 'u'
  BINFLOAT: 0x47, // 'G'
  // protocol 2
  PROTO: 0x80,
  NEWOBJ: 0x81,
  EXT1: 0x82,
  EXT2: 0x83,
  EXT4: 0x84,
  TUPLE1: 0x85,
  TUPLE2: 0x86,
  TUPLE3: 0x87,
  NEWTRUE: 0x88,
  NEWFALSE: 0x89,
  LONG1: 0x8a,
  LONG4: 0x8b,
  // protocol 3
  BINBYTES: 0x42, // 'B'
  SHORT_BINBYTES: 0x43, // 'C'
  // protocol 4
  SHORT_BINUNICODE: 0x8c,
  BINUNICODE8: 0x8d,
  BINBYTES8: 0x8e,
  EMPTY_SET: 0x8f,
  ADDITEMS: 0x90,
  FROZENSET: 0x91,
  NEWOBJ_EX: 0x92,
  STACK_GLOBAL: 0x93,
  MEMOIZE: 0x94,
  FRAME: 0x95,
  // protocol 5
  BYTEARRAY8: 0x96,
  NEXT_BUFFER: 0x97,
  READONLY_BUFFER: 0x98
} as const

/** pickle.HIGHEST_PROTOCOL: PROTO with a higher number is refused, as by CPython's unpickler. */
const HIGHEST_PROTOCOL = 5
/** Protocol 0 text arguments (GLOBAL's module and name, INT, …) end at a newline. */
const NEWLINE = 0x0a

// ---- values ----

type Value =
  | { k: 'str'; v: string; whole: boolean }
  | { k: 'bytes'; length: number }
  | { k: 'int' }
  | { k: 'global'; module: string; name: string }
  | { k: 'call'; callee: Value }
  | { k: 'tuple'; items: Value[] }
  | { k: 'opaque' }

const OPAQUE: Value = { k: 'opaque' }
/** Numbers are never inspected: one shared value keeps the walk from allocating per opcode. */
const NUMBER: Value = { k: 'int' }
/** A string that cannot be an import name (kept out of the memo). */
const NOT_LITERAL: Value = { k: 'str', v: '', whole: false }

/** Longest text line an opcode may take (GLOBAL, INT, …): real ones are short. */
const MAX_LINE = 64 * 1024
const CHUNK = 1024 * 1024
/** Bytes buffered before each opcode: enough for GLOBAL/INST's two lines and any fixed-size argument. */
const INLINE = 2 * MAX_LINE + 64
/** Items of a tuple kept for inspection (persistent ids, STACK_GLOBAL operands need two). */
const TUPLE_KEEP = 8
/** Imports recorded per walk; past this the walk reports a LIMIT rather than silently dropping them. */
const MAX_IMPORTS = 100_000
/** Nested-pickle candidates: strings at least this long are decoded and sniffed. */
const NESTED_MIN = 8

class WalkError extends Error {
  constructor(
    readonly kind: 'MALFORMED' | 'LIMIT',
    readonly offset: number,
    message: string
  ) {
    super(message)
  }
}

/**
 * A buffered reader over random access, aware of pickle frames. Reads are synchronous from the buffer; the
 * walker refills it (`ensure`) before each opcode when less than one opcode's worth is left, so the common
 * path never awaits, and only arguments longer than the buffer take the asynchronous `skim`.
 */
class Reader {
  private buf: Buffer = Buffer.alloc(0)
  private bufStart = 0
  pos: number
  private frameEnd: number | null = null

  constructor(
    private readonly ra: RandomAccess,
    start: number
  ) {
    this.pos = start
  }

  get atEnd(): boolean {
    return this.pos >= this.ra.size
  }

  /** Bytes buffered from `pos`. */
  get available(): number {
    return this.bufStart + this.buf.length - this.pos
  }

  /** Refills when fewer than `n` bytes are buffered and more exist. */
  async ensure(n: number): Promise<void> {
    if (this.pos >= this.bufStart && this.available >= n) return
    if (this.pos >= this.bufStart && this.bufStart + this.buf.length >= this.ra.size) return
    this.buf = await this.ra.read(this.pos, Math.max(n, CHUNK))
    this.bufStart = this.pos
  }

  private checkFrame(n: number): void {
    if (this.frameEnd !== null && this.pos + n > this.frameEnd) {
      throw new WalkError('MALFORMED', this.pos, 'an opcode reaches past the end of its frame')
    }
  }

  /** `n` buffered bytes (callers make sure `n` is within what `ensure` guaranteed). */
  bytes(n: number): Buffer {
    this.checkFrame(n)
    const at = this.pos - this.bufStart
    if (at + n > this.buf.length)
      throw new WalkError('MALFORMED', this.pos, 'the stream ends inside an opcode')
    this.pos += n
    this.leaveFrame()
    return this.buf.subarray(at, at + n)
  }

  /** `n` bytes of which only the first `keep` are returned; the rest is skipped without reading. */
  async skim(n: number, keep: number): Promise<Buffer> {
    if (n <= this.available) return this.bytes(n).subarray(0, keep)
    this.checkFrame(n)
    if (this.pos + n > this.ra.size)
      throw new WalkError('MALFORMED', this.pos, 'the stream ends inside an opcode')
    const head = await this.ra.read(this.pos, Math.min(n, keep))
    this.pos += n
    this.leaveFrame()
    return head
  }

  u8(): number {
    this.checkFrame(1)
    const at = this.pos - this.bufStart
    if (at >= this.buf.length) throw new WalkError('MALFORMED', this.pos, 'the stream ends inside an opcode')
    this.pos++
    this.leaveFrame()
    return this.buf[at]!
  }

  line(): string {
    const at = this.pos - this.bufStart
    const nl = this.buf.indexOf(NEWLINE, at)
    if (nl < 0 || nl - at > MAX_LINE) {
      throw new WalkError('MALFORMED', this.pos, 'a text argument has no end of line')
    }
    const n = nl - at + 1
    this.checkFrame(n)
    this.pos += n
    this.leaveFrame()
    // protocol 0 text is ASCII/latin-1; latin1 keeps every byte visible
    return this.buf.toString('latin1', at, nl)
  }

  uint(n: 1 | 2 | 4 | 8): number {
    if (n === 1) return this.u8()
    const b = this.bytes(n)
    if (n === 2) return b.readUInt16LE(0)
    if (n === 4) return b.readUInt32LE(0)
    const v = b.readBigUInt64LE(0)
    if (v > BigInt(Number.MAX_SAFE_INTEGER))
      throw new WalkError('MALFORMED', this.pos - 8, 'a length is impossibly large')
    return Number(v)
  }

  startFrame(length: number): void {
    if (this.frameEnd !== null && this.pos < this.frameEnd) {
      throw new WalkError('MALFORMED', this.pos, 'a new frame begins before the current one ends')
    }
    if (this.pos + length > this.ra.size)
      throw new WalkError('MALFORMED', this.pos, 'a frame reaches past the end of the data')
    this.frameEnd = length > 0 ? this.pos + length : null
  }

  private leaveFrame(): void {
    if (this.frameEnd !== null && this.pos >= this.frameEnd) this.frameEnd = null
  }
}

/** Does this look like the start of a pickle worth walking (binary protocols, or protocol 0/1 imports)? */
export function looksLikePickle(head: Buffer): boolean {
  if (head.length >= 2 && head[0] === OP.PROTO && head[1]! >= 2 && head[1]! <= HIGHEST_PROTOCOL) return true
  // protocol 0/1: an import line first (`cos\nsystem\n`), or a mark/container then one
  const text = head.toString('latin1', 0, Math.min(head.length, 256))
  return /^(?:[(\]}).]{0,4})[ci][A-Za-z_][\w.]*\n[\w.]+\n/.test(text)
}

/** A pickle's first byte, as looksLikePickle finds it: PROTO, an import, or a mark or container before one. */
const FIRST_BYTES = [OP.PROTO, OP.GLOBAL, OP.INST, OP.MARK, OP.EMPTY_LIST, OP.EMPTY_DICT, OP.EMPTY_TUPLE]
/** Encoded text that can hold a pickle starts with one of those bytes: as two hex digits, or a base64 letter. */
const HEX_PICKLE_START = new RegExp(`^(?:${FIRST_BYTES.map((b) => b.toString(16)).join('|')})`, 'i')
const BASE64_PICKLE_START = new RegExp(
  `^[${FIRST_BYTES.map((b) => Buffer.from([b]).toString('base64')[0]).join('')}]`
)

/** Decodes base64 or hex text that holds a pickle; undefined when it does not. */
function decodedPickle(text: string): Buffer | undefined {
  const t = text.trim()
  if (t.length < NESTED_MIN) return undefined
  // cheap prefilter: the encodings of a pickle's first byte
  if (!BASE64_PICKLE_START.test(t) && !HEX_PICKLE_START.test(t)) return undefined
  if (/^[0-9a-fA-F]+$/.test(t) && t.length % 2 === 0) {
    const b = Buffer.from(t, 'hex')
    if (looksLikePickle(b)) return b
  }
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) {
    const b = Buffer.from(t, /[-_]/.test(t) ? 'base64url' : 'base64')
    if (looksLikePickle(b)) return b
  }
  return undefined
}

/** The Python text a protocol-0 quoted string argument stands for (escapes decoded as far as matters here). */
function unquote(raw: string): string | undefined {
  const q = raw[0]
  if ((q !== "'" && q !== '"') || raw.length < 2 || raw[raw.length - 1] !== q) return undefined
  return raw.slice(1, -1).replace(/\\(x[0-9a-fA-F]{2}|[0-7]{1,3}|.)/g, (_, e: string) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16))
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8))
    return (
      ({ n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", '"': '"' } as Record<string, string>)[e] ?? `\\${e}`
    )
  })
}

/** Python's raw-unicode-escape, used by the UNICODE opcode. */
function rawUnicode(raw: string): string {
  return raw.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_, a?: string, b?: string) =>
    String.fromCodePoint(parseInt((a ?? b)!, 16))
  )
}

/** Walks every pickle in `ra` from `offset` (concatenated pickles too) and reports what they would do. */
export async function walkPickles(ra: RandomAccess, opts: WalkOptions, depth = 0): Promise<PickleWalk> {
  const { limits } = opts
  const now = opts.now ?? Date.now
  const out: PickleWalk = {
    imports: [],
    issues: [],
    nested: [],
    pickles: 0,
    opcodes: 0,
    protocol: 0,
    end: opts.offset ?? 0,
    persistentIds: 0
  }
  const r = new Reader(ra, opts.offset ?? 0)
  const maxPickles = Math.min(opts.maxPickles ?? limits.picklesPerFile, limits.picklesPerFile)
  const issue = (kind: PickleIssueKind, offset: number, detail: string) => {
    if (out.issues.length < 1000) out.issues.push({ kind, offset, detail })
  }
  const nestedCandidates: Array<{ offset: number; data: Buffer }> = []
  let importsDropped = false

  try {
    while (out.pickles < maxPickles && !r.atEnd) {
      await walkOne()
      out.pickles++
      out.end = r.pos
    }
    if (!r.atEnd && opts.maxPickles === undefined) {
      issue(
        'LIMIT',
        r.pos,
        `more than ${limits.picklesPerFile} pickles in one file; the rest was not analysed`
      )
    }
  } catch (e) {
    if (e instanceof WalkError) issue(e.kind, e.offset, e.message)
    else if (e instanceof Error) issue('MALFORMED', r.pos, e.message)
    else throw e
  }

  for (const c of nestedCandidates) {
    if (depth >= limits.nestedDepth) {
      issue('LIMIT', c.offset, `a pickle nested ${depth + 1} deep was not analysed`)
      continue
    }
    issue(
      'NESTED_PICKLE',
      c.offset,
      'a pickle is embedded in a string or bytes value (it runs when loaded in turn)'
    )
    out.nested.push(
      await walkPickles(bufferAccess(c.data), { ...opts, offset: 0, maxPickles: undefined }, depth + 1)
    )
  }
  return out

  async function walkOne(): Promise<void> {
    let stack: Value[] = []
    const marks: Value[][] = []
    // dense indices (what picklers write) in an array, anything else in a map
    const memo: Value[] = []
    const sparse = new Map<number, Value>()
    let memoCount = 0
    let first = true

    const pop = (at: number): Value => {
      const v = stack.pop()
      if (v === undefined)
        throw new WalkError('MALFORMED', at, 'an opcode needs a value the stack does not have')
      return v
    }
    const push = (v: Value, at: number) => {
      if (stack.length >= limits.pickleStack)
        throw new WalkError('LIMIT', at, `the stack grows beyond ${limits.pickleStack}`)
      stack.push(v)
    }
    const popMark = (at: number): Value[] => {
      const items = stack
      const prev = marks.pop()
      if (prev === undefined) throw new WalkError('MALFORMED', at, 'an opcode needs a MARK that is not there')
      stack = prev
      return items
    }
    const str = (v: string, at: number) => {
      if (v.length >= NESTED_MIN) {
        const inner = decodedPickle(v)
        if (inner) nestedCandidates.push({ offset: at, data: inner })
      }
      return { k: 'str', v, whole: true } as Value
    }
    const bytesValue = (head: Buffer, length: number, at: number): Value => {
      if (head.length === length && looksLikePickle(head)) nestedCandidates.push({ offset: at, data: head })
      else if (head.length === length && length >= NESTED_MIN && length <= limits.pickleArgBytes) {
        const inner = decodedPickle(head.toString('latin1'))
        if (inner) nestedCandidates.push({ offset: at, data: inner })
      } else if (head.length < length && looksLikePickle(head)) {
        issue('LIMIT', at, `a ${length}-byte value that starts like a pickle is too large to analyse`)
      }
      return { k: 'bytes', length }
    }
    const imported = (module: string, name: string, at: number, via: PickleImport['via']): Value => {
      if (out.imports.length < MAX_IMPORTS) out.imports.push({ module, name, offset: at, via })
      else if (!importsDropped) {
        // an import that is not recorded is not checked: the walk cannot vouch for the file any more
        importsDropped = true
        issue('LIMIT', at, `more than ${MAX_IMPORTS} imports; the rest were not checked`)
      }
      return { k: 'global', module, name }
    }
    const call = (callee: Value, at: number): Value => {
      if (callee.k !== 'global' && callee.k !== 'call') {
        // calling something that is not an import: only possible through earlier dynamic resolution
        if (callee.k === 'str' || callee.k === 'bytes' || callee.k === 'int') {
          throw new WalkError('MALFORMED', at, 'a call on a value that cannot be called')
        }
      }
      return { k: 'call', callee }
    }
    /** A string or bytes argument of `n` bytes: read in place when buffered, else skimmed asynchronously. */
    const argValue = (data: Buffer, n: number, encoding: 'utf8' | 'latin1' | 'bytes', at: number): Value => {
      if (encoding === 'bytes') return bytesValue(data, n, at)
      if (data.length < n) {
        if (looksLikePickle(data))
          issue('LIMIT', at, `a ${n}-byte string that starts like a pickle is too large to analyse`)
        return { k: 'str', v: data.toString(encoding), whole: false }
      }
      return str(data.toString(encoding), at)
    }
    // awaiting only when the argument was not buffered keeps the common path free of microtasks
    const pushArg = (v: Value | Promise<Value>, at: number): void | Promise<void> =>
      v instanceof Promise ? v.then((x) => push(x, at)) : push(v, at)
    const stringArg = (
      n: number,
      encoding: 'utf8' | 'latin1' | 'bytes',
      at: number
    ): Value | Promise<Value> =>
      n <= r.available && n <= limits.pickleArgBytes
        ? argValue(r.bytes(n), n, encoding, at)
        : r.skim(n, limits.pickleArgBytes).then((data) => argValue(data, n, encoding, at))

    for (;;) {
      const at = r.pos
      if (++out.opcodes > limits.pickleOpcodes) {
        throw new WalkError(
          'LIMIT',
          at,
          `more than ${limits.pickleOpcodes} opcodes; the rest was not analysed`
        )
      }
      if ((out.opcodes & 0xffff) === 0 && opts.deadline !== undefined && now() > opts.deadline) {
        throw new WalkError('LIMIT', at, 'the time budget for this file ran out')
      }
      // one opcode with its longest inline arguments (two text lines) fits in what `ensure` leaves
      if (r.available < INLINE) await r.ensure(INLINE)
      if (r.atEnd)
        throw new WalkError('MALFORMED', at, first ? 'the stream is empty' : 'the stream ends before STOP')
      const op = r.u8()
      first = false
      switch (op) {
        // ---- structure ----
        case OP.MARK:
          if (marks.length >= limits.pickleMarks)
            throw new WalkError('LIMIT', at, `MARKs nest beyond ${limits.pickleMarks}`)
          marks.push(stack)
          stack = []
          break
        case OP.STOP:
          pop(at)
          if (marks.length > 0) issue('MALFORMED', at, 'STOP with an open MARK')
          return
        case OP.POP:
          if (stack.length > 0) stack.pop()
          else popMark(at)
          break
        case OP.POP_MARK:
          popMark(at)
          break
        case OP.DUP: {
          const top = stack[stack.length - 1]
          if (!top) throw new WalkError('MALFORMED', at, 'DUP on an empty stack')
          push(top, at)
          break
        }
        case OP.PROTO: {
          const v = r.u8()
          if (v > HIGHEST_PROTOCOL) throw new WalkError('MALFORMED', at, `unsupported pickle protocol ${v}`)
          if (at !== out.end) issue('MALFORMED', at, 'PROTO in the middle of a pickle')
          out.protocol = Math.max(out.protocol, v)
          break
        }
        case OP.FRAME:
          r.startFrame(r.uint(8))
          break
        // ---- numbers and constants ----
        case OP.FLOAT:
        case OP.LONG:
          r.line()
          push(NUMBER, at)
          break
        case OP.INT: {
          // also True and False, as I01 and I00
          const t = r.line().trim()
          if (!/^[+-]?\d+L?$/.test(t)) throw new WalkError('MALFORMED', at, 'INT with a non-numeric argument')
          push(NUMBER, at)
          break
        }
        case OP.BININT:
          r.bytes(4)
          push(NUMBER, at)
          break
        case OP.BININT1:
          r.u8()
          push(NUMBER, at)
          break
        case OP.BININT2:
          r.bytes(2)
          push(NUMBER, at)
          break
        case OP.LONG1:
          r.bytes(r.uint(1))
          push(NUMBER, at)
          break
        case OP.LONG4: {
          const n = r.uint(4)
          await r.skim(n, 0)
          push(NUMBER, at)
          break
        }
        case OP.BINFLOAT:
          r.bytes(8)
          push(NUMBER, at)
          break
        case OP.NONE:
        case OP.NEWTRUE:
        case OP.NEWFALSE:
          push(OPAQUE, at)
          break
        // ---- strings ----
        case OP.STRING: {
          const v = unquote(r.line().trim())
          if (v === undefined) throw new WalkError('MALFORMED', at, 'STRING argument is not quoted')
          push(str(v, at), at)
          break
        }
        case OP.BINSTRING:
          {
            const pending = pushArg(stringArg(r.uint(4), 'latin1', at), at)
            if (pending) await pending
          }
          break
        case OP.SHORT_BINSTRING:
          {
            const pending = pushArg(stringArg(r.uint(1), 'latin1', at), at)
            if (pending) await pending
          }
          break
        case OP.UNICODE:
          push(str(rawUnicode(r.line()), at), at)
          break
        case OP.BINUNICODE:
          {
            const pending = pushArg(stringArg(r.uint(4), 'utf8', at), at)
            if (pending) await pending
          }
          break
        case OP.SHORT_BINUNICODE:
          {
            const pending = pushArg(stringArg(r.uint(1), 'utf8', at), at)
            if (pending) await pending
          }
          break
        case OP.BINUNICODE8:
          {
            const pending = pushArg(stringArg(r.uint(8), 'utf8', at), at)
            if (pending) await pending
          }
          break
        case OP.BINBYTES:
          {
            const pending = pushArg(stringArg(r.uint(4), 'bytes', at), at)
            if (pending) await pending
          }
          break
        case OP.SHORT_BINBYTES:
          {
            const pending = pushArg(stringArg(r.uint(1), 'bytes', at), at)
            if (pending) await pending
          }
          break
        case OP.BINBYTES8:
        case OP.BYTEARRAY8:
          {
            const pending = pushArg(stringArg(r.uint(8), 'bytes', at), at)
            if (pending) await pending
          }
          break
        case OP.NEXT_BUFFER: // an out-of-band buffer: its content is not in the file
          push(OPAQUE, at)
          break
        case OP.READONLY_BUFFER:
          pop(at)
          push(OPAQUE, at)
          break
        // ---- containers ----
        case OP.EMPTY_TUPLE:
          push({ k: 'tuple', items: [] }, at)
          break
        case OP.TUPLE: {
          const items = popMark(at)
          push({ k: 'tuple', items: items.slice(0, TUPLE_KEEP) }, at)
          break
        }
        case OP.TUPLE1:
          push({ k: 'tuple', items: [pop(at)] }, at)
          break
        case OP.TUPLE2: {
          const b = pop(at)
          const a = pop(at)
          push({ k: 'tuple', items: [a, b] }, at)
          break
        }
        case OP.TUPLE3: {
          const c = pop(at)
          const b = pop(at)
          const a = pop(at)
          push({ k: 'tuple', items: [a, b, c] }, at)
          break
        }
        case OP.EMPTY_LIST:
        case OP.EMPTY_DICT:
        case OP.EMPTY_SET:
          push(OPAQUE, at)
          break
        case OP.LIST:
        case OP.DICT:
        case OP.FROZENSET:
          popMark(at)
          push(OPAQUE, at)
          break
        case OP.APPEND:
          pop(at)
          if (!stack.length) throw new WalkError('MALFORMED', at, 'APPEND without a list')
          break
        case OP.APPENDS:
        case OP.SETITEMS:
        case OP.ADDITEMS:
          popMark(at)
          if (!stack.length) throw new WalkError('MALFORMED', at, 'an opcode adds items to nothing')
          break
        case OP.SETITEM:
          pop(at)
          pop(at)
          if (!stack.length) throw new WalkError('MALFORMED', at, 'SETITEM without a dict')
          break
        // ---- memo ----
        case OP.PUT: {
          const t = r.line().trim()
          if (!/^\d+$/.test(t)) throw new WalkError('MALFORMED', at, 'PUT with a non-numeric index')
          memoize(Number(t), at)
          break
        }
        case OP.BINPUT:
          memoize(r.uint(1), at)
          break
        case OP.LONG_BINPUT:
          memoize(r.uint(4), at)
          break
        case OP.MEMOIZE:
          memoize(memoCount, at)
          break
        case OP.GET: {
          const t = r.line().trim()
          if (!/^\d+$/.test(t)) throw new WalkError('MALFORMED', at, 'GET with a non-numeric index')
          push(recall(Number(t), at), at)
          break
        }
        case OP.BINGET:
          push(recall(r.uint(1), at), at)
          break
        case OP.LONG_BINGET:
          push(recall(r.uint(4), at), at)
          break
        // ---- imports ----
        case OP.GLOBAL: {
          const module = r.line()
          const name = r.line()
          push(imported(module, name, at, 'GLOBAL'), at)
          break
        }
        case OP.STACK_GLOBAL: {
          const name = pop(at)
          const module = pop(at)
          if (module.k === 'str' && module.whole && name.k === 'str' && name.whole) {
            push(imported(module.v, name.v, at, 'STACK_GLOBAL'), at)
          } else {
            issue(
              'DYNAMIC_IMPORT',
              at,
              `STACK_GLOBAL with ${describe(module)} and ${describe(name)} instead of literal names`
            )
            push({ k: 'global', module: '?', name: '?' }, at)
          }
          break
        }
        case OP.EXT1:
        case OP.EXT2:
        case OP.EXT4: {
          const code = r.uint(op === OP.EXT1 ? 1 : op === OP.EXT2 ? 2 : 4)
          issue('EXTENSION_IMPORT', at, `EXT opcode imports extension code ${code} from the copyreg registry`)
          push({ k: 'global', module: '?', name: '?' }, at)
          break
        }
        case OP.INST: {
          // an import and a call in one
          const module = r.line()
          const name = r.line()
          popMark(at)
          push(call(imported(module, name, at, 'INST'), at), at)
          break
        }
        // ---- calls ----
        case OP.REDUCE: {
          pop(at)
          push(call(pop(at), at), at)
          break
        }
        case OP.NEWOBJ: {
          pop(at)
          push(call(pop(at), at), at)
          break
        }
        case OP.NEWOBJ_EX: {
          pop(at)
          pop(at)
          push(call(pop(at), at), at)
          break
        }
        case OP.OBJ: {
          const items = popMark(at)
          const callee = items[0]
          if (!callee) throw new WalkError('MALFORMED', at, 'OBJ without a class')
          push(call(callee, at), at)
          break
        }
        case OP.BUILD: {
          pop(at)
          const target = stack[stack.length - 1]
          if (!target) throw new WalkError('MALFORMED', at, 'BUILD without an object')
          if (target.k === 'global') {
            issue(
              'BUILD_ON_GLOBAL',
              at,
              `BUILD sets state on the imported ${target.module}.${target.name} itself`
            )
          }
          break
        }
        case OP.PERSID:
          r.line()
          out.persistentIds++
          push(OPAQUE, at)
          break
        case OP.BINPERSID:
          pop(at)
          out.persistentIds++
          push(OPAQUE, at)
          break
        default:
          throw new WalkError('MALFORMED', at, `unknown opcode 0x${op.toString(16).padStart(2, '0')}`)
      }
    }

    function memoize(index: number, at: number): void {
      const top = stack[stack.length - 1]
      if (!top) throw new WalkError('MALFORMED', at, 'a memo store on an empty stack')
      const dense = index < DENSE_MEMO
      const fresh = dense ? memo[index] === undefined : !sparse.has(index)
      if (fresh && memoCount >= limits.pickleMemo) {
        throw new WalkError('LIMIT', at, `more than ${limits.pickleMemo} memo entries`)
      }
      if (fresh) memoCount++
      const kept = slim(top)
      if (dense) memo[index] = kept
      else sparse.set(index, kept)
    }
    function recall(index: number, at: number): Value {
      const v = index < DENSE_MEMO ? memo[index] : sparse.get(index)
      if (!v) throw new WalkError('MALFORMED', at, `memo entry ${index} is read before it is stored`)
      return v
    }
  }
}

/** Memo indices below this are kept in an array (picklers number them from 0). */
const DENSE_MEMO = 1 << 24
/** Strings memoized for later use as import names need no more than this; longer ones count as not literal. */
const MEMO_STRING = 256
/** What a module or attribute path can look like; other text is never resolved as an import by Python. */
const IMPORT_TEXT = /^[A-Za-z_][\w.]*$/

/** What the memo keeps of a value: enough to resolve imports, without holding text alive that cannot be one. */
function slim(v: Value): Value {
  if (v.k === 'str' && (v.v.length > MEMO_STRING || !IMPORT_TEXT.test(v.v))) return NOT_LITERAL
  return v
}

function describe(v: Value): string {
  switch (v.k) {
    case 'str':
      return v.whole ? 'a string' : 'a string too long to analyse'
    case 'global':
      return v.module === '?' ? 'a dynamic import' : `the imported ${v.module}.${v.name}`
    case 'call':
      return 'the result of a call'
    default:
      return `a ${v.k} value`
  }
}
