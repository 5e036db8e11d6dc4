/**
 * A minimal, bounded reader for the protobuf wire format (https://protobuf.dev/programming-guides/encoding/).
 *
 * It knows nothing about schemas: callers walk the fields of one message buffer and decide which
 * length-delimited fields to descend into. Nothing is allocated from an untrusted length: a
 * length-delimited value is a `subarray` view of the input, checked against the enclosing message first.
 */

export const WireType = {
  VARINT: 0,
  I64: 1,
  LEN: 2,
  SGROUP: 3,
  EGROUP: 4,
  I32: 5
} as const
export type WireType = (typeof WireType)[keyof typeof WireType]

export type ProtoProblemCode = 'TRUNCATED' | 'BAD_WIRE' | 'DEPTH' | 'LIMIT'

/** A malformed or over-limit message; `code` says which, so analysers can report it as data. */
export class ProtoError extends Error {
  constructor(
    readonly code: ProtoProblemCode,
    message: string
  ) {
    super(message)
    this.name = 'ProtoError'
  }
}

export interface ProtoField {
  /** Field number (1 .. 2^29-1). */
  readonly no: number
  readonly wire: WireType
  /** Offset of the field's tag within the buffer being read. */
  readonly offset: number
  /**
   * VARINT, I64 and I32 values as a JS number. Values above 2^53 lose precision: every field the engine
   * reads that way (versions, enums, flags) is small, and exact 64-bit values are not needed.
   */
  readonly num: number
  /** LEN payload: a view into the input, never a copy. Empty for the other wire types. */
  readonly bytes: Buffer
}

export interface ReadOptions {
  /**
   * Groups (wire types 3 and 4) are deprecated and used by none of the schemas the engine reads: by default
   * they are rejected as BAD_WIRE. 'skip' walks over them (bounded by `maxGroupDepth`) as unknown fields do.
   */
  readonly groups?: 'reject' | 'skip'
  readonly maxGroupDepth?: number
}

const MAX_FIELD_NO = 2 ** 29 - 1
const EMPTY = Buffer.alloc(0)

/** A varint at `pos`: its value (precise up to 2^53) and the offset after it. */
export function readVarint(buf: Buffer, pos: number, end = buf.length): { value: number; next: number } {
  let value = 0
  let scale = 1
  for (let i = 0; i < 10; i++) {
    if (pos + i >= end) throw new ProtoError('TRUNCATED', `varint runs past the end at offset ${pos}`)
    const b = buf[pos + i]!
    // The tenth byte may carry only the top bit of a 64-bit value.
    if (i === 9 && b > 1) throw new ProtoError('BAD_WIRE', `varint longer than 64 bits at offset ${pos}`)
    value += (b & 0x7f) * scale
    scale *= 128
    if ((b & 0x80) === 0) return { value, next: pos + i + 1 }
  }
  throw new ProtoError('BAD_WIRE', `varint longer than 10 bytes at offset ${pos}`)
}

function need(pos: number, n: number, end: number, what: string): void {
  if (n > end - pos)
    throw new ProtoError('TRUNCATED', `${what} of ${n} bytes runs past the end at offset ${pos}`)
}

/**
 * The fields of one message, in order. Throws ProtoError on the first malformed field; fields before it
 * have already been yielded, so callers keep what they read so far.
 */
export function* fields(buf: Buffer, opts: ReadOptions = {}): Generator<ProtoField> {
  const end = buf.length
  let pos = 0
  while (pos < end) {
    const offset = pos
    const tag = readVarint(buf, pos, end)
    pos = tag.next
    const no = Math.floor(tag.value / 8)
    const wire = tag.value % 8
    if (no < 1 || no > MAX_FIELD_NO)
      throw new ProtoError('BAD_WIRE', `invalid field number ${no} at offset ${offset}`)
    switch (wire) {
      case WireType.VARINT: {
        const v = readVarint(buf, pos, end)
        pos = v.next
        yield { no, wire, offset, num: v.value, bytes: EMPTY }
        break
      }
      case WireType.I64: {
        need(pos, 8, end, 'fixed64')
        const num = buf.readUInt32LE(pos) + buf.readUInt32LE(pos + 4) * 2 ** 32
        pos += 8
        yield { no, wire, offset, num, bytes: EMPTY }
        break
      }
      case WireType.I32: {
        need(pos, 4, end, 'fixed32')
        const num = buf.readUInt32LE(pos)
        pos += 4
        yield { no, wire, offset, num, bytes: EMPTY }
        break
      }
      case WireType.LEN: {
        const len = readVarint(buf, pos, end)
        pos = len.next
        need(pos, len.value, end, 'length-delimited field')
        const bytes = buf.subarray(pos, pos + len.value)
        pos += len.value
        yield { no, wire, offset, num: len.value, bytes }
        break
      }
      case WireType.SGROUP: {
        if (opts.groups !== 'skip') throw new ProtoError('BAD_WIRE', `group field ${no} at offset ${offset}`)
        pos = skipGroup(buf, pos, end, no, opts.maxGroupDepth ?? 32)
        break
      }
      case WireType.EGROUP:
        throw new ProtoError('BAD_WIRE', `unmatched end-group for field ${no} at offset ${offset}`)
      default:
        throw new ProtoError('BAD_WIRE', `invalid wire type ${wire} at offset ${offset}`)
    }
  }
}

/** Past the end-group that closes field `no`; nested groups count against `maxDepth`. */
function skipGroup(buf: Buffer, pos: number, end: number, no: number, maxDepth: number): number {
  const open = [no]
  while (open.length > 0) {
    if (open.length > maxDepth) throw new ProtoError('DEPTH', `groups nested deeper than ${maxDepth}`)
    if (pos >= end) throw new ProtoError('TRUNCATED', `group ${open[open.length - 1]} is not closed`)
    const tag = readVarint(buf, pos, end)
    pos = tag.next
    const n = Math.floor(tag.value / 8)
    const wire = tag.value % 8
    if (n < 1 || n > MAX_FIELD_NO) throw new ProtoError('BAD_WIRE', `invalid field number ${n} in a group`)
    if (wire === WireType.VARINT) pos = readVarint(buf, pos, end).next
    else if (wire === WireType.I64) {
      need(pos, 8, end, 'fixed64')
      pos += 8
    } else if (wire === WireType.I32) {
      need(pos, 4, end, 'fixed32')
      pos += 4
    } else if (wire === WireType.LEN) {
      const len = readVarint(buf, pos, end)
      need(len.next, len.value, end, 'length-delimited field')
      pos = len.next + len.value
    } else if (wire === WireType.SGROUP) open.push(n)
    else if (wire === WireType.EGROUP) {
      if (open.pop() !== n) throw new ProtoError('BAD_WIRE', `end-group ${n} does not match its start`)
    } else throw new ProtoError('BAD_WIRE', `invalid wire type ${wire} in a group`)
  }
  return pos
}

/**
 * A LEN field as text. Lossy on invalid UTF-8 (U+FFFD), and cut at `max` bytes: names in a hostile file can
 * be arbitrarily long, and only a bounded prefix is ever reported.
 */
export function str(f: ProtoField, max = 4096): string {
  if (f.wire !== WireType.LEN) throw new ProtoError('BAD_WIRE', `field ${f.no} is not length-delimited`)
  return f.bytes.subarray(0, Math.min(max, f.bytes.length)).toString('utf8')
}

/** The message in a LEN field, or a BAD_WIRE error naming it. */
export function sub(f: ProtoField): Buffer {
  if (f.wire !== WireType.LEN) throw new ProtoError('BAD_WIRE', `field ${f.no} should be a message`)
  return f.bytes
}

/** A varint field's value, or a BAD_WIRE error naming it. */
export function int(f: ProtoField): number {
  if (f.wire !== WireType.VARINT) throw new ProtoError('BAD_WIRE', `field ${f.no} should be a varint`)
  return f.num
}

/** A problem found while walking a message; the caller fails closed on any. */
export interface ProtoProblem {
  readonly code: ProtoProblemCode
  readonly detail: string
}

/** Thrown to stop a whole walk once a LIMIT problem is recorded. */
export class ProtoLimitReached extends Error {}

/**
 * What the ONNX and SavedModel walkers share: a bounded problem list, and `guard`, which turns a malformed
 * message into a problem so that its siblings are still read (a LIMIT stops the whole walk).
 */
export class ProtoWalker {
  readonly problems: ProtoProblem[] = []

  constructor(private readonly maxProblems: number) {}

  problem(code: ProtoProblemCode, message: string): void {
    if (this.problems.length < this.maxProblems) this.problems.push({ code, detail: message })
  }

  guard(where: string, f: () => void): void {
    try {
      f()
    } catch (e) {
      if (e instanceof ProtoError) {
        this.problem(e.code, `${where}: ${e.message}`)
        if (e.code === 'LIMIT') throw new ProtoLimitReached()
        return
      }
      throw e
    }
  }
}
