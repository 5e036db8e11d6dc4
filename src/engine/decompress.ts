import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { setImmediate as turn } from 'node:timers/promises'
import * as zlib from 'node:zlib'
import { EngineLimitError, type RandomAccess } from './access.js'
import { DEFAULT_LIMITS } from './limits.js'

/**
 * Decompressed data as random access with flat memory. A first pass decodes the whole stream once, counting
 * its bytes (a bomb stops at the byte limit) and its CRC-32; small outputs are kept whole, larger ones are
 * served by decoding again: reads at increasing offsets come from a cursor and the bytes just behind it (and
 * the last two reads), a read before those restarts decoding from the start. Analysers read forward (the pickle
 * walker in 1 MiB chunks), so a large member costs one more decoding, not its size in memory.
 */

/** The data does not decode (truncated, corrupt, unsupported); what decoded before the fault stands. */
export class CorruptDataError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CorruptDataError'
  }
}

/** A way to decode a stream from its start, any number of times. */
export interface DecodeSource {
  /**
   * The output in order; the iterator throws where the data breaks, after yielding what decoded before.
   * `fine`: feed the decoder in small pieces (Node's zlib drops the output of a write that fails).
   */
  open(fine: boolean): AsyncIterable<Buffer>
  /** decoding again in small pieces can recover more output before a fault */
  finer?: boolean
}

export interface Decoded {
  /** the decoded bytes, [0, size) */
  readonly ra: RandomAccess
  readonly size: number
  /** CRC-32 of the decoded bytes */
  readonly crc32: number
  /** why decoding stopped before the end of the data (a fault, or a limit); `size` bytes decoded before it */
  readonly fault?: Error
  /** stops any decoding still open */
  close(): Promise<void>
}

/** Outputs up to this size are kept whole after the first pass. */
const HOLD = 4 * 1024 * 1024
/** The first bytes of a larger output, kept: every analyser starts by reading them (sniffing, headers). */
const HEAD = 1024 * 1024
/** Bytes kept behind the cursor: readers step back a little (the pickle walker re-reads from its position). */
const HISTORY = 2 * 1024 * 1024
/** Reads up to this size are remembered (the last two). */
const RECENT = 2 * 1024 * 1024
/** The first pass lets other work run after this much output (JavaScript decoders are synchronous). */
const BREATHE = 8 * 1024 * 1024

/** Copies a chunk that is a small view of a larger buffer, so that keeping it does not keep the buffer. */
const compact = (b: Buffer): Buffer => (b.buffer.byteLength > 2 * b.length + 4096 ? Buffer.from(b) : b)

interface Pass {
  size: number
  crc32: number
  fault?: Error
  /** the whole output when it is at most HOLD, else its first HEAD bytes */
  head: Buffer
  whole: boolean
}

async function firstPass(
  source: DecodeSource,
  fine: boolean,
  maxBytes: number,
  deadline: number,
  what: string
): Promise<Pass> {
  let held: Buffer[] = []
  let heldBytes = 0
  let whole = true
  let size = 0
  let crc = 0
  let fault: Error | undefined
  let breathe = BREATHE
  const it = source.open(fine)[Symbol.asyncIterator]()
  try {
    for (;;) {
      const r = await it.next()
      if (r.done) break
      let chunk = r.value
      if (size + chunk.length > maxBytes) {
        chunk = chunk.subarray(0, maxBytes - size)
        fault = new EngineLimitError(`${what} decompresses to more than ${maxBytes} bytes`)
      }
      crc = zlib.crc32(chunk, crc)
      size += chunk.length
      if (whole) {
        if (heldBytes + chunk.length <= HOLD) {
          held.push(compact(chunk))
          heldBytes += chunk.length
        } else {
          const head = Buffer.concat([...held, chunk.subarray(0, Math.max(0, HEAD - heldBytes))])
          held = [head.subarray(0, HEAD)]
          whole = false
        }
      }
      if (fault) break
      if (Date.now() > deadline) {
        fault = new EngineLimitError('the time budget for this file ran out')
        break
      }
      if (size >= breathe) {
        breathe += BREATHE
        await turn()
      }
    }
  } catch (e) {
    fault = e instanceof Error ? e : new Error(String(e))
  } finally {
    if (fault) await it.return?.().catch(() => undefined)
  }
  return { size, crc32: crc, ...(fault && { fault }), head: Buffer.concat(held), whole }
}

/**
 * Decodes `source` once to learn its size (at most `maxBytes`: more is a limit fault) and returns access to
 * the output. A fault leaves `size` at what decoded before it, so a caller analyses that and reports the fault.
 */
export async function decodeBounded(
  source: DecodeSource,
  opts: { maxBytes: number; deadline: number; what: string; maxRead?: number }
): Promise<Decoded> {
  let fine = false
  let pass = await firstPass(source, false, opts.maxBytes, opts.deadline, opts.what)
  if (pass.fault && !(pass.fault instanceof EngineLimitError) && source.finer) {
    const again = await firstPass(source, true, opts.maxBytes, opts.deadline, opts.what)
    if (again.size > pass.size) {
      pass = again
      fine = true
    }
  }
  const { size, crc32, fault } = pass
  if (pass.whole) {
    const data = pass.head
    return {
      size,
      crc32,
      ...(fault && { fault }),
      ra: { size, read: async (offset, length) => slice(data, size, offset, length) },
      close: async () => undefined
    }
  }
  const served = new Served(
    source,
    fine,
    pass.head,
    size,
    opts.deadline,
    opts.maxRead ?? DEFAULT_LIMITS.decodedReadBytes
  )
  return {
    size,
    crc32,
    ...(fault && { fault }),
    ra: { size, read: (offset, length) => served.read(offset, length) },
    close: () => served.close()
  }
}

function checkRead(offset: number, length: number): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0)
    throw new EngineLimitError(`invalid read of ${length} bytes at offset ${offset}`)
}

function slice(data: Buffer, size: number, offset: number, length: number): Buffer {
  checkRead(offset, length)
  return data.subarray(Math.min(offset, size), Math.min(offset + length, size))
}

/** Reads of a large output: a decoding cursor, the bytes just behind it, and the head. */
class Served {
  private cursor: AsyncIterator<Buffer> | undefined
  /** output bytes the cursor has produced */
  private pos = 0
  /** chunks covering [keptStart, pos) */
  private kept: Buffer[] = []
  private keptStart = 0
  /**
   * The last reads served: a reader that skips over data and then looks back at where the skip began (the
   * pickle walker's probe of joblib array bytes) finds it here instead of restarting the decoding.
   */
  private recent: { start: number; data: Buffer }[] = []
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly source: DecodeSource,
    private readonly fine: boolean,
    private readonly head: Buffer,
    private readonly size: number,
    private readonly deadline: number,
    private readonly maxRead: number
  ) {}

  read(offset: number, length: number): Promise<Buffer> {
    // one read at a time: they share the cursor
    const next = this.queue.then(() => this.serve(offset, length))
    this.queue = next.catch(() => undefined)
    return next
  }

  async close(): Promise<void> {
    await this.queue
    this.recent = []
    await this.stop()
  }

  private async stop(): Promise<void> {
    const c = this.cursor
    this.cursor = undefined
    this.kept = []
    if (c) await c.return?.().catch(() => undefined)
  }

  private async serve(offset: number, length: number): Promise<Buffer> {
    checkRead(offset, length)
    const end = Math.min(offset + length, this.size)
    if (end <= offset) return Buffer.alloc(0)
    if (end - offset > this.maxRead) {
      throw new EngineLimitError(
        `a read of ${end - offset} bytes of decompressed data exceeds the ${this.maxRead}-byte limit`
      )
    }
    if (end <= this.head.length) return this.head.subarray(offset, end)
    for (const r of this.recent)
      if (offset >= r.start && end <= r.start + r.data.length)
        return r.data.subarray(offset - r.start, end - r.start)
    const data = await this.advance(offset, end)
    if (data.length <= RECENT) this.recent = [{ start: offset, data }, ...this.recent.slice(0, 1)]
    return data
  }

  /** Bytes [offset, end) from the cursor, restarting it when they lie behind what it keeps. */
  private async advance(offset: number, end: number): Promise<Buffer> {
    if (!this.cursor || offset < this.keptStart) {
      await this.stop()
      this.cursor = this.source.open(this.fine)[Symbol.asyncIterator]()
      this.pos = 0
      this.keptStart = 0
    }
    while (this.pos < end) {
      if (Date.now() > this.deadline) throw new EngineLimitError('the time budget for this file ran out')
      const r = await this.cursor.next()
      if (r.done) throw new CorruptDataError('the decompressed data ended before its measured size')
      this.kept.push(compact(r.value))
      this.pos += r.value.length
      // keep what the read needs and a little history; drop the rest
      const keepFrom = Math.min(offset, this.pos - HISTORY)
      while (this.kept.length > 1 && this.keptStart + this.kept[0]!.length <= keepFrom) {
        this.keptStart += this.kept.shift()!.length
      }
    }
    const parts: Buffer[] = []
    let at = this.keptStart
    for (const c of this.kept) {
      const from = Math.max(offset, at)
      const to = Math.min(end, at + c.length)
      if (from < to) parts.push(c.subarray(from - at, to - at))
      at += c.length
      if (at >= end) break
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts)
  }
}

// ---- input for the JavaScript decoders ----

/** Compressed input read forward from a byte range; decoders read bytes synchronously after `fill`. */
export class Input {
  private buf: Buffer = Buffer.alloc(0)
  private at = 0
  private next: number

  constructor(
    private readonly ra: RandomAccess,
    private readonly start: number,
    private readonly end: number
  ) {
    this.next = start
  }

  /** bytes consumed since the start */
  get position(): number {
    return this.next - this.start - (this.buf.length - this.at)
  }

  get available(): number {
    return this.buf.length - this.at
  }

  /** everything left is buffered */
  get complete(): boolean {
    return this.next >= this.end
  }

  /** nothing is left to read */
  get exhausted(): boolean {
    return this.at >= this.buf.length && this.next >= this.end
  }

  /** Buffers at least `n` bytes, or all that is left. */
  async fill(n: number): Promise<void> {
    while (this.available < n && this.next < this.end) {
      const want = Math.min(Math.max(n - this.available, 1024 * 1024), this.end - this.next)
      const more = await this.ra.read(this.next, want)
      if (more.length === 0) {
        this.next = this.end
        return
      }
      this.next += more.length
      this.buf = this.available > 0 ? Buffer.concat([this.buf.subarray(this.at), more]) : more
      this.at = 0
    }
  }

  byte(): number {
    if (this.at >= this.buf.length) throw new CorruptDataError('the data ends early')
    return this.buf[this.at++]!
  }

  /** `n` buffered bytes (a view: copy what is kept). */
  take(n: number): Buffer {
    if (this.available < n) throw new CorruptDataError('the data ends early')
    this.at += n
    return this.buf.subarray(this.at - n, this.at)
  }

  u32le(): number {
    return this.take(4).readUInt32LE(0)
  }

  /** Skips `n` bytes, reading through them. */
  async skip(n: number): Promise<void> {
    let left = n
    while (left > 0) {
      await this.fill(Math.min(left, 1024 * 1024))
      const step = Math.min(left, this.available)
      if (step === 0) throw new CorruptDataError('the data ends early')
      this.at += step
      left -= step
    }
  }
}

async function* chunks(ra: RandomAccess, offset: number, length: number, size: number) {
  for (let pos = 0; pos < length;) {
    const chunk = await ra.read(offset + pos, Math.min(size, length - pos))
    if (chunk.length === 0) return
    pos += chunk.length
    yield chunk
  }
}

// ---- Node's zlib: gzip, zlib, raw deflate ----

export type ZlibKind = 'gzip' | 'zlib' | 'deflate'

/**
 * gzip (every member, as Python's gzip module reads them), zlib or raw deflate through Node's zlib, with
 * backpressure. `lenient`: a stream cut short ends without a fault (a zip member's CRC tells instead, as
 * Python's zipfile does); otherwise it is a fault after what it decoded.
 */
export function zlibSource(
  kind: ZlibKind,
  ra: RandomAccess,
  offset: number,
  length: number,
  lenient = false
): DecodeSource {
  return {
    finer: true,
    open: (fine) => inflate(kind, ra, offset, length, fine ? 1024 : 64 * 1024, lenient)
  }
}

async function* inflate(
  kind: ZlibKind,
  ra: RandomAccess,
  offset: number,
  length: number,
  chunkSize: number,
  lenient: boolean
): AsyncGenerator<Buffer> {
  const options: zlib.ZlibOptions = {
    chunkSize: 64 * 1024,
    ...(lenient && { finishFlush: zlib.constants.Z_SYNC_FLUSH })
  }
  const z =
    kind === 'gzip'
      ? zlib.createGunzip(options)
      : kind === 'zlib'
        ? zlib.createInflate(options)
        : zlib.createInflateRaw(options)
  // errors reach the reader through the inflater
  pipeline(Readable.from(chunks(ra, offset, length, chunkSize)), z).catch(() => undefined)
  try {
    for await (const out of z) yield out as Buffer
  } catch (e) {
    const code = (e as { code?: unknown } | null)?.code
    if (typeof code === 'string' && code.startsWith('Z_'))
      throw new CorruptDataError(`corrupt ${kind} data (${(e as Error).message})`)
    throw e
  } finally {
    z.destroy()
  }
}

// ---- LZ4 frames ----

const LZ4_MAGIC = 0x184d2204
const LZ4_BLOCK_MAX = [0, 0, 0, 0, 64 * 1024, 256 * 1024, 1024 * 1024, 4 * 1024 * 1024]

/**
 * LZ4 frames (lz4.frame, joblib's lz4 compressor), concatenated frames and skippable frames too. Written here:
 * the npm decoders are unmaintained and do not check match offsets (lz4js copies from before its buffer).
 * Checksums are not verified: a streaming reader acts on each block before the frame's checksum is read.
 */
export async function* lz4Frames(input: Input): AsyncGenerator<Buffer> {
  for (let frames = 0; ; frames++) {
    await input.fill(4)
    if (input.exhausted && frames > 0) return
    const magic = input.u32le()
    if (magic >>> 4 === 0x184d2a5) {
      await input.fill(4)
      await input.skip(input.u32le())
      frames--
      continue
    }
    if (magic !== LZ4_MAGIC)
      throw new CorruptDataError(frames > 0 ? 'data follows the last lz4 frame' : 'not an lz4 frame')
    await input.fill(15)
    const flg = input.byte()
    const bd = input.byte()
    const blockMax = LZ4_BLOCK_MAX[(bd >> 4) & 7]
    if (flg >> 6 !== 1 || flg & 0x02 || bd & 0x8f || !blockMax)
      throw new CorruptDataError('an lz4 frame header with an unknown version or reserved bits')
    if (flg & 0x01) throw new CorruptDataError('an lz4 frame that needs a dictionary')
    if (flg & 0x08) input.take(8)
    input.byte()
    const linked = (flg & 0x20) === 0
    const blockSum = flg & 0x10 ? 4 : 0
    let history = Buffer.alloc(0)
    for (;;) {
      await input.fill(4)
      const word = input.u32le()
      if (word === 0) break
      const n = word & 0x7fffffff
      if (n > blockMax) throw new CorruptDataError(`an lz4 block of ${n} bytes in a frame of ${blockMax}`)
      await input.fill(n + blockSum)
      const data = input.take(n)
      input.take(blockSum)
      const out = word & 0x80000000 ? Buffer.from(data) : lz4Block(data, history, blockMax)
      if (linked) {
        const keep = Math.min(64 * 1024, history.length + out.length)
        history = Buffer.concat([history, out]).subarray(-keep)
        history = Buffer.from(history)
      }
      yield out
    }
    if (flg & 0x04) {
      await input.fill(4)
      input.take(4)
    }
  }
}

/** One LZ4 block after `history` (the previous 64 KiB of a linked frame), at most `max` bytes of output. */
function lz4Block(src: Buffer, history: Buffer, max: number): Buffer {
  const bad = (why: string) => new CorruptDataError(`corrupt lz4 block (${why})`)
  const dst = Buffer.allocUnsafe(history.length + max)
  history.copy(dst, 0)
  const base = history.length
  let d = base
  let s = 0
  const length = (n: number): number => {
    if (n !== 15) return n
    for (;;) {
      if (s >= src.length) throw bad('a length runs past the block')
      const b = src[s++]!
      n += b
      if (b !== 255) return n
    }
  }
  while (s < src.length) {
    const token = src[s++]!
    const lit = length(token >> 4)
    if (s + lit > src.length) throw bad('literals run past the block')
    if (d + lit > dst.length) throw bad('more output than the block size')
    src.copy(dst, d, s, s + lit)
    s += lit
    d += lit
    if (s === src.length) break
    if (s + 2 > src.length) throw bad('a match offset runs past the block')
    const offset = src[s]! | (src[s + 1]! << 8)
    s += 2
    if (offset === 0 || offset > d) throw bad('a match reaches before the data')
    const len = length(token & 15) + 4
    if (d + len > dst.length) throw bad('more output than the block size')
    if (offset >= len) dst.copy(dst, d, d - offset, d - offset + len)
    else for (let i = 0; i < len; i++) dst[d + i] = dst[d + i - offset]!
    d += len
  }
  return Buffer.from(dst.subarray(base, d))
}

/** A decoder written here, over the byte range [offset, offset + length) of `ra`. */
export function inputSource(
  ra: RandomAccess,
  offset: number,
  length: number,
  decode: (input: Input) => AsyncIterable<Buffer>
): DecodeSource {
  return { open: () => decode(new Input(ra, offset, offset + length)) }
}
