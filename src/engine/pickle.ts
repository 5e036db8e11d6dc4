import { bufferAccess, type RandomAccess } from './access.js'
import { EVICTED_NAME, Memo } from './pickle-memo.js'
import { arrayLayout, isReconstructor, isTracked, isWrapper } from './joblib-array.js'
import type { EngineLimits } from './limits.js'
import {
  addItems,
  decimalValue,
  intValue,
  isImportPath,
  longValue,
  NONE,
  NOT_LITERAL,
  NUMBER,
  OPAQUE,
  tupleOf,
  type Value
} from './pickle-value.js'

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
  /**
   * The imported object was used as something other than the class NEWOBJ builds (`cls.__new__(cls)`, then
   * BUILD): called, passed to a call, stored. A class whose constructor is unsafe but whose instances are not
   * is safe only when this stays unset.
   */
  called?: boolean
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
  /** joblib < 0.10 loads an array file named in the pickle, outside the model's directory */
  | 'OUTSIDE_FILE'

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
  /** calls of an imported global (REDUCE, NEWOBJ, INST, OBJ …): what actually runs code */
  calls: number
  /** joblib arrays stepped over (their bytes are data, not opcodes) */
  arrays: number
  /** where in the file this walk reads, for descriptions (nested pickles, what pickle.load reads after an array) */
  where?: string
}

export interface WalkOptions {
  limits: Pick<
    EngineLimits,
    | 'pickleOpcodes'
    | 'pickleStack'
    | 'pickleMarks'
    | 'pickleMemo'
    | 'pickleMemoNames'
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
  /**
   * Read as pickle.load reads, without joblib's arrays: BUILD on a joblib array wrapper reads nothing more (the
   * object arrays' inner pickles, and the probes of what pickle.load would make of a joblib file)
   */
  plain?: boolean
  /** bytes read ahead at a time (probes read little: they usually end within a few bytes) */
  chunk?: number
  /** a probe of array bytes: an import of text that is no module path ends it (Python could not import it) */
  probe?: boolean
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

// ---- values: pickle-value.ts ----

/**
 * Longest text line an opcode may take (protocol 0's STRING, UNICODE, LONG …). CPython has no limit; real
 * pickles hold strings of megabytes. Longer lines are scanned for their end without being kept.
 */
const MAX_TEXT_LINE = 256 * 1024 * 1024
const CHUNK = 1024 * 1024
/** Bytes buffered before each opcode: any fixed-size argument, and the lines of nearly every text opcode. */
const INLINE = 64 * 1024
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
    start: number,
    private readonly chunk = CHUNK
  ) {
    this.pos = start
  }

  /** Whether the last line read was kept whole (a longer one keeps only its head). */
  lineWhole = true

  /** Inside a frame with bytes left in it (joblib's arrays must not be). */
  get inFrame(): boolean {
    return this.frameEnd !== null && this.pos < this.frameEnd
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
    this.buf = await this.ra.read(this.pos, Math.max(n, this.chunk))
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
      throw new WalkError(
        'MALFORMED',
        this.pos,
        'the data ends in the middle of an opcode (the file is cut short)'
      )
    this.pos += n
    this.leaveFrame()
    return this.buf.subarray(at, at + n)
  }

  /** `n` bytes of which only the first `keep` are returned; the rest is skipped without reading. */
  async skim(n: number, keep: number): Promise<Buffer> {
    if (n <= this.available) return this.bytes(n).subarray(0, keep)
    this.checkFrame(n)
    if (this.pos + n > this.ra.size)
      throw new WalkError(
        'MALFORMED',
        this.pos,
        'the data ends in the middle of an opcode (the file is cut short)'
      )
    const head = await this.ra.read(this.pos, Math.min(n, keep))
    this.pos += n
    this.leaveFrame()
    return head
  }

  u8(): number {
    this.checkFrame(1)
    const at = this.pos - this.bufStart
    if (at >= this.buf.length)
      throw new WalkError(
        'MALFORMED',
        this.pos,
        'the data ends in the middle of an opcode (the file is cut short)'
      )
    this.pos++
    this.leaveFrame()
    return this.buf[at]!
  }

  /** A text line from the buffer; undefined when its end is past the buffer (then `longLine`). */
  line(): string | undefined {
    const at = this.pos - this.bufStart
    const nl = this.buf.indexOf(NEWLINE, at)
    if (nl < 0) {
      if (this.bufStart + this.buf.length < this.ra.size) return undefined
      throw new WalkError(
        'MALFORMED',
        this.pos,
        `a text argument of ${count(this.buf.length - at)} bytes has no end of line (the data ends first)`
      )
    }
    this.lineWhole = true
    const n = nl - at + 1
    this.checkFrame(n)
    this.pos += n
    this.leaveFrame()
    // protocol 0 text is ASCII/latin-1; latin1 keeps every byte visible
    return this.buf.toString('latin1', at, nl)
  }

  /** A line longer than the buffer: scanned for its end chunk by chunk, keeping the first `keep` bytes. */
  async longLine(keep: number): Promise<string> {
    const start = this.pos
    let head: Buffer | undefined
    for (let scanned = 0; ;) {
      const chunk = await this.ra.read(start + scanned, CHUNK)
      head ??= chunk.subarray(0, keep)
      const nl = chunk.indexOf(NEWLINE)
      if (nl >= 0) {
        const n = scanned + nl + 1
        this.checkFrame(n)
        this.pos += n
        this.leaveFrame()
        this.lineWhole = n - 1 <= head.length
        return head.toString('latin1', 0, Math.min(head.length, n - 1))
      }
      if (chunk.length === 0)
        throw new WalkError(
          'MALFORMED',
          start,
          `a text argument of ${count(scanned)} bytes has no end of line (the data ends first)`
        )
      scanned += chunk.length
      if (scanned > MAX_TEXT_LINE)
        throw new WalkError(
          'LIMIT',
          start,
          `a text line of more than ${count(scanned)} bytes, over the ${MAX_TEXT_LINE / 1024 / 1024} MiB the engine reads`
        )
    }
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

/** Bytes a probe of array data reads at a time. */
const PROBE_CHUNK = 16 * 1024
/** A file name with no directory part (joblib < 0.10's array files sit beside the pickle). */
// eslint-disable-next-line no-control-regex -- a NUL in a name is what it rejects
const PLAIN_NAME = /^[^/\\:\u0000]+$/
/**
 * An import an unpickler could resolve: the text of a YAML line `chat_template: …` reads as GLOBAL
 * `hat_template: …`, which no Python can import.
 */
export const importable = (i: { module: string; name: string }): boolean =>
  isImportPath(i.module) && isImportPath(i.name)

/** A byte count as people write it: 200,000. */
const count = (n: number): string => n.toLocaleString('en-US')

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
    persistentIds: 0,
    calls: 0,
    arrays: 0
  }
  const r = new Reader(ra, opts.offset ?? 0, opts.chunk)
  const maxPickles = Math.min(opts.maxPickles ?? limits.picklesPerFile, limits.picklesPerFile)
  const issue = (kind: PickleIssueKind, offset: number, detail: string) => {
    if (out.issues.length < 1000) out.issues.push({ kind, offset, detail })
  }
  const nestedCandidates: Array<{ offset: number; data: Buffer }> = []
  let importsDropped = false

  try {
    while (out.pickles < maxPickles && !r.atEnd) {
      await walkOne(!opts.plain)
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

  /**
   * pickle.load reads a joblib file's array bytes as opcodes: whatever they would import and call is reported
   * too. Bytes that are only data fail within a few opcodes and are not reported.
   */
  async function probe(offset: number): Promise<void> {
    const w = await walkPickles(
      ra,
      { ...opts, offset, maxPickles: 1, plain: true, chunk: PROBE_CHUNK, probe: true },
      depth
    )
    if (w.calls === 0 && (w.pickles === 0 || w.imports.length === 0)) return
    w.issues = w.issues.filter((i) => i.kind !== 'MALFORMED' && i.kind !== 'LIMIT')
    w.where = 'in what pickle.load reads after a joblib array'
    out.nested.push(w)
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

  /** One pickle from the reader's position, as an unpickler reads it (with joblib's arrays when `joblib`). */
  async function walkOne(joblib: boolean): Promise<void> {
    let stack: Value[] = []
    const marks: Value[][] = []
    const memo = new Memo(limits.pickleMemo, limits.pickleMemoNames)
    const start = r.pos
    let first = true

    /** The top of the stack, taken by an opcode that uses it (an import so taken counts as called). */
    const pop = (at: number): Value => {
      const v = popBuilt(at)
      if (v.k === 'global' && v.ref) v.ref.called = true
      return v
    }
    /** The top of the stack, as NEWOBJ takes its class: built with __new__, never called. */
    const popBuilt = (at: number): Value => {
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
      for (const v of items) if (v.k === 'global' && v.ref) v.ref.called = true
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
      if (opts.probe && !importable({ module, name }))
        throw new WalkError('MALFORMED', at, 'an import of text that is no module path')
      const record: PickleImport = { module, name, offset: at, via, ...(via === 'INST' && { called: true }) }
      if (out.imports.length < MAX_IMPORTS) out.imports.push(record)
      else if (!importsDropped) {
        // an import that is not recorded is not checked: the walk cannot vouch for the file any more
        importsDropped = true
        issue('LIMIT', at, `more than ${MAX_IMPORTS} imports; the rest were not checked`)
      }
      return { k: 'global', module, name, ref: record }
    }
    const call = (callee: Value, args: Value, at: number): Value => {
      if (callee.k !== 'global' && callee.k !== 'call') {
        // calling something that is not an import: only possible through earlier dynamic resolution
        if (callee.k === 'str' || callee.k === 'bytes' || callee.k === 'int' || callee.k === 'none') {
          throw new WalkError('MALFORMED', at, 'a call on a value that cannot be called')
        }
      }
      if (callee.k !== 'global') return { k: 'call', callee }
      out.calls++
      // `_reconstructor(cls, object, None)` makes a plain cls: the class is its first argument
      const first = args.k === 'tuple' ? args.items[0] : undefined
      if (isReconstructor(callee) && first?.k === 'global') {
        if (!isTracked(first)) return { k: 'call', callee }
        const base = args.k === 'tuple' ? args.items[1] : undefined
        const plainObject =
          base?.k === 'global' && base.name === 'object' && args.k === 'tuple' && args.items[2]?.k === 'none'
        return { k: 'call', callee, cls: first, args: plainObject ? tupleOf([]) : args }
      }
      return isTracked(callee) ? { k: 'call', callee, cls: callee, args } : { k: 'call', callee }
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

    // a text line comes from the buffer (`r.line()`), or is scanned past it: protocol 0 strings can be megabytes
    const keep = limits.pickleArgBytes

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
        throw new WalkError(
          'MALFORMED',
          at,
          first ? 'the stream is empty' : 'the data ends before the pickle does (the file is cut short)'
        )
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
          if (at !== start) issue('MALFORMED', at, 'PROTO in the middle of a pickle')
          out.protocol = Math.max(out.protocol, v)
          break
        }
        case OP.FRAME:
          r.startFrame(r.uint(8))
          break
        // ---- numbers and constants ----
        case OP.FLOAT:
          if (r.line() === undefined) await r.longLine(keep)
          push(NUMBER, at)
          break
        case OP.LONG:
          push(decimalValue(r.line() ?? (await r.longLine(keep))), at)
          break
        case OP.INT: {
          // also True and False, as I01 and I00
          const t = (r.line() ?? (await r.longLine(keep))).trim()
          if (r.lineWhole && !/^[+-]?\d+L?$/.test(t))
            throw new WalkError('MALFORMED', at, 'INT with a non-numeric argument')
          push(r.lineWhole ? decimalValue(t) : NUMBER, at)
          break
        }
        case OP.BININT:
          push(intValue(r.bytes(4).readInt32LE(0)), at)
          break
        case OP.BININT1:
          push(intValue(r.u8()), at)
          break
        case OP.BININT2:
          push(intValue(r.bytes(2).readUInt16LE(0)), at)
          break
        case OP.LONG1:
          push(longValue(r.bytes(r.uint(1))), at)
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
          push(NONE, at)
          break
        case OP.NEWTRUE:
        case OP.NEWFALSE:
          push(OPAQUE, at)
          break
        // ---- strings ----
        case OP.STRING: {
          const text = (r.line() ?? (await r.longLine(keep))).trim()
          if (!r.lineWhole) {
            // longer than the engine keeps: checked for its opening quote, kept as a string that is no name
            if (text[0] !== "'" && text[0] !== '"')
              throw new WalkError('MALFORMED', at, 'STRING argument is not quoted')
            push(NOT_LITERAL, at)
            break
          }
          const v = unquote(text)
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
        case OP.UNICODE: {
          const text = r.line() ?? (await r.longLine(keep))
          push(r.lineWhole ? str(rawUnicode(text), at) : NOT_LITERAL, at)
          break
        }
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
          push(tupleOf([]), at)
          break
        case OP.TUPLE:
          push(tupleOf(popMark(at)), at)
          break
        case OP.TUPLE1:
          push(tupleOf([pop(at)]), at)
          break
        case OP.TUPLE2: {
          const b = pop(at)
          const a = pop(at)
          push(tupleOf([a, b]), at)
          break
        }
        case OP.TUPLE3: {
          const c = pop(at)
          const b = pop(at)
          const a = pop(at)
          push(tupleOf([a, b, c]), at)
          break
        }
        case OP.EMPTY_DICT:
          push({ k: 'dict', size: 0 }, at)
          break
        case OP.DICT: {
          const d: Value = { k: 'dict', size: 0 }
          addItems(d, popMark(at))
          push(d, at)
          break
        }
        case OP.EMPTY_LIST:
        case OP.EMPTY_SET:
          push(OPAQUE, at)
          break
        case OP.LIST:
        case OP.FROZENSET:
          popMark(at)
          push(OPAQUE, at)
          break
        case OP.APPEND:
          pop(at)
          if (!stack.length) throw new WalkError('MALFORMED', at, 'APPEND without a list')
          break
        case OP.APPENDS:
        case OP.ADDITEMS:
          popMark(at)
          if (!stack.length) throw new WalkError('MALFORMED', at, 'an opcode adds items to nothing')
          break
        case OP.SETITEMS: {
          const pairs = popMark(at)
          const target = stack[stack.length - 1]
          if (!target) throw new WalkError('MALFORMED', at, 'an opcode adds items to nothing')
          addItems(target, pairs)
          break
        }
        case OP.SETITEM: {
          const value = pop(at)
          const key = pop(at)
          const target = stack[stack.length - 1]
          if (!target) throw new WalkError('MALFORMED', at, 'SETITEM without a dict')
          addItems(target, [key, value])
          break
        }
        // ---- memo ----
        case OP.PUT: {
          const t = (r.line() ?? (await r.longLine(keep))).trim()
          if (!/^\d{1,15}$/.test(t)) throw new WalkError('MALFORMED', at, 'PUT with a non-numeric index')
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
          memoize(memo.size, at)
          break
        case OP.GET: {
          const t = (r.line() ?? (await r.longLine(keep))).trim()
          if (!/^\d{1,15}$/.test(t)) throw new WalkError('MALFORMED', at, 'GET with a non-numeric index')
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
          const module = r.line() ?? (await r.longLine(keep))
          const name = r.line() ?? (await r.longLine(keep))
          push(imported(module, name, at, 'GLOBAL'), at)
          break
        }
        case OP.STACK_GLOBAL: {
          const name = pop(at)
          const module = pop(at)
          if (module.k === 'str' && module.whole && name.k === 'str' && name.whole) {
            push(imported(module.v, name.v, at, 'STACK_GLOBAL'), at)
          } else if (module === EVICTED_NAME || name === EVICTED_NAME) {
            // a name the memo no longer held: the import is unknown to the walk, not known to be dynamic
            throw new WalkError(
              'LIMIT',
              at,
              `an import through a name stored after the memo held all the ${count(limits.pickleMemoNames)} names it keeps`
            )
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
          const module = r.line() ?? (await r.longLine(keep))
          const name = r.line() ?? (await r.longLine(keep))
          const args = tupleOf(popMark(at))
          push(call(imported(module, name, at, 'INST'), args, at), at)
          break
        }
        // ---- calls ----
        case OP.REDUCE: {
          const args = pop(at)
          push(call(pop(at), args, at), at)
          break
        }
        case OP.NEWOBJ: {
          const args = pop(at)
          push(call(popBuilt(at), args, at), at)
          break
        }
        case OP.NEWOBJ_EX: {
          const kwargs = pop(at)
          const args = pop(at)
          // keyword arguments set attributes too: the wrapper's layout is then unknown
          push(call(popBuilt(at), kwargs.k === 'dict' && kwargs.size === 0 ? args : kwargs, at), at)
          break
        }
        case OP.OBJ: {
          const items = popMark(at)
          const callee = items[0]
          if (!callee) throw new WalkError('MALFORMED', at, 'OBJ without a class')
          push(call(callee, tupleOf(items.slice(1)), at), at)
          break
        }
        case OP.BUILD: {
          const state = pop(at)
          const target = stack[stack.length - 1]
          if (!target) throw new WalkError('MALFORMED', at, 'BUILD without an object')
          if (target.k === 'global') {
            issue(
              'BUILD_ON_GLOBAL',
              at,
              `BUILD sets state on the imported ${target.module}.${target.name} itself`
            )
          } else if (target.k === 'call' && target.cls) {
            if (!isWrapper(target.cls)) target.state = state
            else if (joblib) stack[stack.length - 1] = await joblibArray(target, state, at)
          }
          break
        }
        case OP.PERSID:
          if (r.line() === undefined) await r.longLine(keep)
          out.persistentIds++
          push(OPAQUE, at)
          break
        case OP.BINPERSID:
          pop(at)
          out.persistentIds++
          push(OPAQUE, at)
          break
        default:
          throw new WalkError(
            'MALFORMED',
            at,
            `byte 0x${op.toString(16).padStart(2, '0')} is not a pickle opcode: the data is not a pickle from here on`
          )
      }
    }

    /** What joblib.load reads after BUILD on one of its array wrappers; the array takes the wrapper's place. */
    async function joblibArray(wrapper: Value & { k: 'call' }, state: Value, at: number): Promise<Value> {
      const layout = arrayLayout(wrapper, state)
      if (layout.kind === 'unknown')
        throw new WalkError('MALFORMED', at, `a joblib array the engine cannot step over: ${layout.why}`)
      if (layout.kind === 'file') {
        // joblib < 0.10 opens the array's file relative to the pickle, with pickles allowed (np.load)
        if (!PLAIN_NAME.test(layout.filename) || /^\.\.?$/.test(layout.filename))
          issue(
            'OUTSIDE_FILE',
            at,
            `joblib.load opens the array file "${layout.filename.slice(0, 200)}", outside the model's directory, and unpickles what it holds`
          )
        return OPAQUE
      }
      // joblib reads the array from the file itself, past whatever the unpickler buffered of a frame
      if (r.inFrame) throw new WalkError('MALFORMED', at, 'a joblib array inside a pickle frame')
      out.arrays++
      if (layout.kind === 'pickle') {
        // an object array: a whole pickle, read by a plain unpickler
        await walkOne(false)
        return OPAQUE
      }
      const dataAt = r.pos
      await r.ensure(1)
      const padding = layout.padded ? r.u8() : 0
      if (r.pos + padding + layout.bytes > ra.size)
        throw new WalkError(
          'MALFORMED',
          dataAt,
          `a joblib array of ${count(layout.bytes)} bytes reaches past the end of the data`
        )
      await r.skim(padding + layout.bytes, 0)
      await probe(dataAt)
      return OPAQUE
    }

    function memoize(index: number, at: number): void {
      const top = stack[stack.length - 1]
      if (!top) throw new WalkError('MALFORMED', at, 'a memo store on an empty stack')
      if (!memo.store(index, top))
        throw new WalkError(
          'LIMIT',
          at,
          `more than ${count(limits.pickleMemo)} stored values (memo entries), the most the engine keeps`
        )
    }
    function recall(index: number, at: number): Value {
      const v = memo.recall(index)
      if (!v) throw new WalkError('MALFORMED', at, `memo entry ${index} is read before it is stored`)
      return v
    }
  }
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
