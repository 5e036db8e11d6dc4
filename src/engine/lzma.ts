import * as zlib from 'node:zlib'
import { EngineLimitError } from './access.js'
import { CorruptDataError, type Input } from './decompress.js'

/**
 * LZMA decoding: the "alone" format (`.lzma`, lzma.FORMAT_ALONE, joblib's lzma compressor) and xz (LZMA2 in
 * .xz streams, joblib's xz compressor, Python's default lzma format), after the LZMA specification's reference
 * decoder and liblzma's LZMA2 and .xz framing. Written here because no npm package fits: xz-decompress (wasm)
 * serialises every stream behind one global lock, so a nested or restarted stream would wait forever, and it
 * has no LZMA "alone"; LZMA-JS and lzma1 decode a whole buffer into a growing array; node-liblzma (a native
 * addon with a wasm build) is LGPL-3.0, not for this MIT bundle. Output comes in pieces of at most 64 KiB;
 * memory is the dictionary, grown as output needs it up to the declared size and never past 64 MiB (xz -9),
 * the largest any preset uses.
 */

const bad = (why: string) => new CorruptDataError(`corrupt LZMA data (${why})`)

/** The largest dictionary kept; a stream that reaches further back than this cannot be verified. */
const MAX_DICT = 64 * 1024 * 1024
const PIECE = 64 * 1024
/** Input kept ahead of the decoder: more than one symbol can take (about 50 bytes). */
const AHEAD = 256

const STATES = 12
const POS_STATES_MAX = 16
// probability array layout
const IS_MATCH = 0
const IS_REP = IS_MATCH + STATES * POS_STATES_MAX
const IS_REP_G0 = IS_REP + STATES
const IS_REP_G1 = IS_REP_G0 + STATES
const IS_REP_G2 = IS_REP_G1 + STATES
const IS_REP0_LONG = IS_REP_G2 + STATES
const POS_SLOT = IS_REP0_LONG + STATES * POS_STATES_MAX
const SPEC_POS = POS_SLOT + 4 * 64
const ALIGN = SPEC_POS + 115
const LEN = ALIGN + 16
const LEN_SIZE = 2 + 2 * POS_STATES_MAX * 8 + 256
const REP_LEN = LEN + LEN_SIZE
const LITERAL = REP_LEN + LEN_SIZE

/** The sliding dictionary: grows with the output up to its capacity, then wraps. */
class Dictionary {
  buf: Uint8Array
  /** write index */
  pos = 0
  /** bytes written since the last reset (positions and reachable distances count from there) */
  total = 0
  private wrapped = false

  constructor(
    readonly declared: number,
    private readonly capacity: number
  ) {
    this.buf = new Uint8Array(Math.min(capacity, 1024 * 1024))
  }

  reset(): void {
    this.pos = 0
    this.total = 0
    this.wrapped = false
  }

  /** The byte `dist` + 1 back (0: the last one written). */
  get(dist: number): number {
    let i = this.pos - dist - 1
    if (i < 0) i += this.buf.length
    return this.buf[i]!
  }

  /** Can a match reach `dist` + 1 back? */
  reaches(dist: number): boolean {
    if (dist >= this.total || dist >= this.declared) return false
    if (dist >= this.capacity) {
      throw new EngineLimitError(
        `an LZMA match reaches further back than the ${this.capacity}-byte dictionary kept`
      )
    }
    return true
  }

  put(b: number): void {
    if (this.pos === this.buf.length) this.makeRoom()
    this.buf[this.pos++] = b
    this.total++
  }

  private makeRoom(): void {
    if (this.buf.length < this.capacity && !this.wrapped) {
      const bigger = new Uint8Array(Math.min(this.capacity, this.buf.length * 2))
      bigger.set(this.buf)
      this.buf = bigger
    } else {
      this.pos = 0
      this.wrapped = true
    }
  }

  /** The last `n` bytes written (n ≤ what a piece holds), copied. */
  last(n: number): Buffer {
    const out = Buffer.allocUnsafe(n)
    let from = this.pos - n
    if (from >= 0) out.set(this.buf.subarray(from, this.pos))
    else {
      from += this.buf.length
      out.set(this.buf.subarray(from))
      out.set(this.buf.subarray(0, this.pos), this.buf.length - from)
    }
    return out
  }
}

/** LZMA symbols from a range coder into a dictionary. */
class Lzma {
  private probs = new Uint16Array(LITERAL)
  private lc = 0
  private lp = 0
  private pb = 0
  private state = 0
  private rep0 = 0
  private rep1 = 0
  private rep2 = 0
  private rep3 = 0
  /** the range coder's range and code: uint32 values kept unboxed */
  private readonly rc = new Uint32Array(2)
  /** bytes of the current match still to copy (LZMA2 chunks may end inside none, but the API allows it) */
  private pending = 0
  /** an end marker was decoded */
  ended = false

  constructor(
    readonly dict: Dictionary,
    private readonly input: Input
  ) {}

  setProps(props: number): void {
    if (props >= 9 * 5 * 5) throw bad('invalid properties')
    this.lc = props % 9
    this.lp = Math.floor(props / 9) % 5
    this.pb = Math.floor(props / 45)
    const size = LITERAL + (0x300 << (this.lc + this.lp))
    if (this.probs.length !== size) this.probs = new Uint16Array(size)
  }

  get lcPlusLp(): number {
    return this.lc + this.lp
  }

  resetState(): void {
    this.probs.fill(1024)
    this.state = 0
    this.rep0 = this.rep1 = this.rep2 = this.rep3 = 0
    this.pending = 0
    this.ended = false
  }

  /** Starts the range coder (5 bytes). */
  startCoder(): void {
    const first = this.input.byte()
    let code = 0
    for (let i = 0; i < 4; i++) code = ((code << 8) | this.input.byte()) >>> 0
    this.rc[0] = 0xffffffff
    this.rc[1] = code
    if (first !== 0 || code === 0xffffffff) throw bad('a range coder that does not start with 0')
  }

  get coderFinished(): boolean {
    return this.rc[1] === 0
  }

  private bit(i: number): number {
    const rc = this.rc
    const p = this.probs[i]!
    let range = rc[0]!
    let code = rc[1]!
    const bound = (range >>> 11) * p
    let b: number
    if (code < bound) {
      range = bound
      this.probs[i] = p + ((2048 - p) >>> 5)
      b = 0
    } else {
      range -= bound
      code -= bound
      this.probs[i] = p - (p >>> 5)
      b = 1
    }
    if (range < 0x1000000) {
      range *= 256
      code = code * 256 + this.input.byte()
    }
    rc[0] = range
    rc[1] = code
    return b
  }

  private direct(n: number): number {
    const rc = this.rc
    let range = rc[0]!
    let code = rc[1]!
    let res = 0
    for (let i = 0; i < n; i++) {
      range >>>= 1
      let b = 0
      if (code >= range) {
        code -= range
        b = 1
      }
      res = (res << 1) | b
      if (range < 0x1000000) {
        range *= 256
        code = code * 256 + this.input.byte()
      }
    }
    rc[0] = range
    rc[1] = code
    return res
  }

  private tree(base: number, bits: number): number {
    let m = 1
    for (let i = 0; i < bits; i++) m = (m << 1) | this.bit(base + m)
    return m - (1 << bits)
  }

  private reverse(base: number, bits: number): number {
    let m = 1
    let sym = 0
    for (let i = 0; i < bits; i++) {
      const b = this.bit(base + m)
      m = (m << 1) | b
      sym |= b << i
    }
    return sym
  }

  private len(base: number, posState: number): number {
    if (!this.bit(base)) return this.tree(base + 2 + posState * 8, 3)
    if (!this.bit(base + 1)) return 8 + this.tree(base + 2 + POS_STATES_MAX * 8 + posState * 8, 3)
    return 16 + this.tree(base + 2 + 2 * POS_STATES_MAX * 8, 8)
  }

  private copy(n: number): number {
    const d = this.dict
    let i = 0
    for (; i < n; i++) d.put(d.get(this.rep0))
    return i
  }

  /**
   * Decodes until `limit` more bytes are out, an end marker, or the input buffered runs low (the caller refills
   * it). A match that runs past `limit` is finished by the next call, unless it runs past `remaining`, the
   * bytes left before a known end, where it is corrupt.
   */
  decode(limit: number, remaining: number): number {
    const d = this.dict
    const start = d.total
    const target = start + limit
    const end = start + remaining
    if (this.pending > 0) {
      const n = Math.min(this.pending, limit)
      this.copy(n)
      this.pending -= n
    }
    const pbMask = (1 << this.pb) - 1
    const lpMask = (1 << this.lp) - 1
    while (d.total < target && !this.ended && (this.input.available >= AHEAD || this.input.complete)) {
      const posState = d.total & pbMask
      const state = this.state
      if (!this.bit(IS_MATCH + (state << 4) + posState)) {
        const prev = d.total > 0 ? d.get(0) : 0
        const base = LITERAL + 0x300 * (((d.total & lpMask) << this.lc) + (prev >> (8 - this.lc)))
        let sym = 1
        if (state >= 7) {
          let match = d.get(this.rep0)
          do {
            const matchBit = (match >> 7) & 1
            match <<= 1
            const b = this.bit(base + ((1 + matchBit) << 8) + sym)
            sym = (sym << 1) | b
            if (matchBit !== b) break
          } while (sym < 0x100)
        }
        while (sym < 0x100) sym = (sym << 1) | this.bit(base + sym)
        d.put(sym & 0xff)
        this.state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6
        continue
      }
      let length: number
      if (this.bit(IS_REP + state)) {
        if (d.total === 0) throw bad('a repeated match before any data')
        if (!this.bit(IS_REP_G0 + state)) {
          if (!this.bit(IS_REP0_LONG + (state << 4) + posState)) {
            this.state = state < 7 ? 9 : 11
            d.put(d.get(this.rep0))
            continue
          }
        } else {
          let dist: number
          if (!this.bit(IS_REP_G1 + state)) dist = this.rep1
          else {
            if (!this.bit(IS_REP_G2 + state)) dist = this.rep2
            else {
              dist = this.rep3
              this.rep3 = this.rep2
            }
            this.rep2 = this.rep1
          }
          this.rep1 = this.rep0
          this.rep0 = dist
        }
        length = this.len(REP_LEN, posState)
        this.state = state < 7 ? 8 : 11
      } else {
        this.rep3 = this.rep2
        this.rep2 = this.rep1
        this.rep1 = this.rep0
        length = this.len(LEN, posState)
        this.state = state < 7 ? 7 : 10
        this.rep0 = this.distance(length)
        if (this.rep0 === 0xffffffff) {
          this.ended = true
          break
        }
        if (!d.reaches(this.rep0)) throw bad('a match reaches before the data')
      }
      const n = length + 2
      const room = target - d.total
      if (n > end - d.total) throw bad('a match runs past the end of the data')
      if (n > room) {
        this.copy(room)
        this.pending = n - room
      } else this.copy(n)
    }
    return d.total - start
  }

  private distance(length: number): number {
    const lenState = Math.min(length, 3)
    const slot = this.tree(POS_SLOT + (lenState << 6), 6)
    if (slot < 4) return slot
    const directBits = (slot >> 1) - 1
    // small integers keep the probability indexes fast; only distances of 2^31 and more become doubles
    if (slot < 14) {
      const base = (2 | (slot & 1)) << directBits
      return base + this.reverse(SPEC_POS + base - slot, directBits)
    }
    const base = ((2 | (slot & 1)) << directBits) >>> 0
    return base + this.direct(directBits - 4) * 16 + this.reverse(ALIGN, 4)
  }
}

/** Yields what `run` adds to the dictionary, a piece at a time, refilling the input between runs. */
async function* pieces(lz: Lzma, input: Input, size: number | undefined): AsyncGenerator<Buffer> {
  let left = size ?? Number.POSITIVE_INFINITY
  while (left > 0 && !lz.ended) {
    await input.fill(64 * 1024)
    const before = lz.dict.total
    let n: number
    try {
      n = lz.decode(Math.min(PIECE, left), left)
    } catch (e) {
      // what decoded before the fault is output a streaming reader already has
      if (lz.dict.total > before) yield lz.dict.last(lz.dict.total - before)
      throw e
    }
    left -= n
    if (n > 0) yield lz.dict.last(n)
    else if (!lz.ended && input.complete) throw new CorruptDataError('the data ends early')
  }
}

/** The dictionary an LZMA stream declares, kept no larger than it can need. */
const dictionary = (declared: number, size?: number) =>
  new Dictionary(declared, Math.max(PIECE, Math.min(declared, MAX_DICT, size ?? Number.POSITIVE_INFINITY)))

/** The `.lzma` ("alone") format: properties, dictionary size, uncompressed size (or unknown and an end marker). */
export async function* lzmaAlone(input: Input): AsyncGenerator<Buffer> {
  await input.fill(13 + 5 + AHEAD)
  const header = input.take(13)
  const declared = Math.max(4096, header.readUInt32LE(1))
  const lo = header.readUInt32LE(5)
  const hi = header.readUInt32LE(9)
  const known = !(lo === 0xffffffff && hi === 0xffffffff)
  // liblzma refuses sizes of 256 GiB and more
  if (known && hi >= 64) throw bad('an uncompressed size of 256 GiB or more')
  const size = known ? hi * 2 ** 32 + lo : undefined
  const lz = new Lzma(dictionary(declared, size), input)
  lz.setProps(header[0]!)
  lz.resetState()
  lz.startCoder()
  yield* pieces(lz, input, size)
  if (!known && !lz.ended) throw bad('no end marker')
  if (lz.ended && !lz.coderFinished) throw bad('data after the end marker')
  await input.fill(1)
  if (!input.exhausted) throw new CorruptDataError('data follows the LZMA stream')
}

// ---- xz ----

const XZ_MAGIC = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])
const CHECK_SIZE = [0, 4, 4, 4, 8, 8, 8, 16, 16, 16, 32, 32, 32, 64, 64, 64]
const LZMA2_FILTER = 0x21

const xzBad = (why: string) => new CorruptDataError(`corrupt xz data (${why})`)

/** A variable-length integer of the .xz format (at most 9 bytes). */
function varint(input: Input): number {
  let v = 0
  for (let i = 0; i < 9; i++) {
    const b = input.byte()
    v += (b & 0x7f) * 2 ** (7 * i)
    if (!(b & 0x80)) {
      if (b === 0 && i > 0) throw xzBad('a padded integer')
      return v
    }
  }
  throw xzBad('an integer longer than 9 bytes')
}

/**
 * .xz streams (concatenated, with stream padding): each block's LZMA2 data is decoded as it arrives; the
 * checks (CRC-64, SHA-256) are not verified, since a streaming reader acts on a block's data before its check.
 */
export async function* xzStreams(input: Input): AsyncGenerator<Buffer> {
  for (let streams = 0; ; streams++) {
    if (streams > 0) {
      // stream padding: zero bytes in fours
      let zeros = 0
      for (;;) {
        await input.fill(1)
        if (input.exhausted) {
          if (zeros % 4 !== 0) throw xzBad('stream padding that is not a multiple of four bytes')
          return
        }
        const b = input.byte()
        if (b !== 0) {
          if (zeros % 4 !== 0) throw xzBad('stream padding that is not a multiple of four bytes')
          await input.fill(5)
          if (b !== XZ_MAGIC[0] || !input.take(5).equals(XZ_MAGIC.subarray(1)))
            throw new CorruptDataError('data follows the last xz stream')
          break
        }
        zeros++
      }
    } else {
      await input.fill(6)
      if (!input.take(6).equals(XZ_MAGIC)) throw xzBad('no stream header')
    }
    await input.fill(6)
    const flags = input.take(2)
    if (zlib.crc32(flags) !== input.u32le()) throw xzBad('the stream header CRC does not match')
    if (flags[0] !== 0 || flags[1]! > 0x0f) throw xzBad('unsupported stream flags')
    const checkSize = CHECK_SIZE[flags[1]!]!
    let blocks = 0
    for (; ; blocks++) {
      await input.fill(1024 + AHEAD)
      const first = input.byte()
      if (first === 0) break
      yield* xzBlock(input, first, checkSize)
    }
    // the index (its records are not compared with the blocks) and the stream footer
    const records = varint(input)
    if (records !== blocks) throw xzBad('the index does not list every block')
    let indexSize = 1 + varintSize(records)
    for (let i = 0; i < records; i++) {
      await input.fill(64)
      const start = input.position
      varint(input)
      varint(input)
      indexSize += input.position - start
    }
    await input.fill(3 + 4 + 12)
    input.take((4 - (indexSize % 4)) % 4)
    input.take(4)
    const footer = input.take(12)
    if (footer.toString('latin1', 10, 12) !== 'YZ' || !footer.subarray(8, 10).equals(flags))
      throw xzBad('no stream footer')
  }
}

function varintSize(v: number): number {
  let n = 1
  while (v >= 0x80) {
    v = Math.floor(v / 0x80)
    n++
  }
  return n
}

async function* xzBlock(input: Input, first: number, checkSize: number): AsyncGenerator<Buffer> {
  const headerSize = (first + 1) * 4
  const blockStart = input.position - 1
  const header = Buffer.concat([Buffer.from([first]), input.take(headerSize - 1)])
  if (zlib.crc32(header.subarray(0, headerSize - 4)) !== header.readUInt32LE(headerSize - 4))
    throw xzBad('a block header CRC does not match')
  const flags = header[1]!
  if (flags & 0x3c) throw xzBad('reserved block flags')
  // the header is parsed from a fresh reader over its bytes
  let at = 2
  const hv = (): number => {
    let v = 0
    for (let i = 0; i < 9; i++) {
      if (at >= headerSize - 4) throw xzBad('a block header that ends early')
      const b = header[at++]!
      v += (b & 0x7f) * 2 ** (7 * i)
      if (!(b & 0x80)) return v
    }
    throw xzBad('an integer longer than 9 bytes')
  }
  const compressed = flags & 0x40 ? hv() : undefined
  const uncompressed = flags & 0x80 ? hv() : undefined
  const filters = (flags & 3) + 1
  let dictProp = -1
  for (let f = 0; f < filters; f++) {
    const id = hv()
    const propsSize = hv()
    if (id !== LZMA2_FILTER || propsSize !== 1 || f !== filters - 1)
      throw new CorruptDataError(`an xz filter the engine does not decode (0x${id.toString(16)})`)
    if (at >= headerSize - 4) throw xzBad('a block header that ends early')
    dictProp = header[at++]!
  }
  if (dictProp > 40) throw xzBad('an LZMA2 dictionary size out of range')
  const declared = dictProp === 40 ? 0xffffffff : (2 | (dictProp & 1)) * 2 ** (Math.floor(dictProp / 2) + 11)
  const dataStart = input.position
  let produced = 0
  for await (const piece of lzma2(input, dictionary(declared, uncompressed))) {
    produced += piece.length
    yield piece
  }
  const dataSize = input.position - dataStart
  if (compressed !== undefined && compressed !== dataSize)
    throw xzBad('a block of another size than declared')
  if (uncompressed !== undefined && uncompressed !== produced)
    throw xzBad('a block decodes to another size than declared')
  await input.fill(3 + checkSize)
  input.take((4 - ((input.position - blockStart) % 4)) % 4)
  input.take(checkSize)
}

/** LZMA2 chunks up to their end marker. */
async function* lzma2(input: Input, dict: Dictionary): AsyncGenerator<Buffer> {
  const lz = new Lzma(dict, input)
  let needDictReset = true
  let needProps = true
  for (;;) {
    await input.fill(6 + AHEAD)
    const control = input.byte()
    if (control === 0) return
    if (control >= 0xe0 || control === 1) {
      needProps = true
      needDictReset = false
      dict.reset()
    } else if (needDictReset) throw bad('an LZMA2 stream that does not start with a dictionary reset')
    if (control < 0x80) {
      if (control > 2) throw bad('an invalid LZMA2 control byte')
      const size = input.take(2).readUInt16BE(0) + 1
      for (let left = size; left > 0;) {
        await input.fill(Math.min(left, PIECE))
        const data = input.take(Math.min(left, PIECE, input.available))
        if (data.length === 0) throw new CorruptDataError('the data ends early')
        for (const b of data) dict.put(b)
        left -= data.length
        yield Buffer.from(data)
      }
      continue
    }
    const unpacked = (control & 0x1f) * 0x10000 + input.take(2).readUInt16BE(0) + 1
    const packed = input.take(2).readUInt16BE(0) + 1
    if (control >= 0xc0) {
      needProps = false
      lz.setProps(input.byte())
      if (lz.lcPlusLp > 4) throw bad('LZMA2 properties with lc + lp above 4')
    } else if (needProps) throw bad('an LZMA2 chunk without properties')
    if (control >= 0xa0) lz.resetState()
    const start = input.position
    lz.startCoder()
    yield* pieces(lz, input, unpacked)
    if (lz.ended || !lz.coderFinished || input.position - start !== packed)
      throw bad('an LZMA2 chunk of another size than declared')
  }
}
