import { CorruptDataError, type Input } from './decompress.js'

/**
 * bzip2 decoding (Python's bz2 module, joblib's bz2 compressor), following libbz2's decompress.c: every stream of
 * a multi-stream file, output block by block in 64 KiB pieces. Written here because the npm decoders decode a
 * whole buffer synchronously (seek-bzip, which also calls the deprecated `Buffer()` and so prints a warning from
 * the bundle) or keep a block's output as an array of numbers without backpressure (unbzip2-stream); both are
 * unmaintained. Memory: the block buffer (4 bytes per byte of block, 3.6 MB at level 9) and one output piece.
 */

const BLOCK_MAGIC = 0x314159265359
const END_MAGIC = 0x177245385090
const MAX_GROUPS = 6
const MAX_ALPHA = 258
const MAX_CODE_LEN = 23
const MAX_SELECTORS = 18002
const GROUP_SIZE = 50
/** More input than any block can take: 18002 selectors × 50 symbols × 20 bits, plus its tables. */
const BLOCK_INPUT = 3 * 1024 * 1024
const PIECE = 64 * 1024

const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let i = 0; i < 256; i++) {
    let c = i << 24
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1
    t[i] = c >>> 0
  }
  return t
})()

class Bits {
  private word = 0
  private count = 0
  constructor(private readonly input: Input) {}

  /** `n` ≤ 24 bits, most significant first. */
  get(n: number): number {
    while (this.count < n) {
      this.word = ((this.word << 8) | this.input.byte()) >>> 0
      this.count += 8
    }
    this.count -= n
    return (this.word >>> this.count) & ((1 << n) - 1)
  }

  bit(): number {
    return this.get(1)
  }

  /** Drops the bits left in the current byte: the next stream starts on a byte boundary. */
  align(): void {
    this.count = 0
  }
}

interface Tables {
  limit: Int32Array
  base: Int32Array
  perm: Int32Array
  minLen: number
}

function decodeTables(lengths: Uint8Array, alphaSize: number): Tables {
  let minLen = 32
  let maxLen = 0
  for (let i = 0; i < alphaSize; i++) {
    minLen = Math.min(minLen, lengths[i]!)
    maxLen = Math.max(maxLen, lengths[i]!)
  }
  const perm = new Int32Array(MAX_ALPHA)
  const base = new Int32Array(MAX_CODE_LEN)
  const limit = new Int32Array(MAX_CODE_LEN)
  let pp = 0
  for (let i = minLen; i <= maxLen; i++)
    for (let j = 0; j < alphaSize; j++) if (lengths[j] === i) perm[pp++] = j
  for (let i = 0; i < alphaSize; i++) base[lengths[i]! + 1]!++
  for (let i = 1; i < MAX_CODE_LEN; i++) base[i]! += base[i - 1]!
  let vec = 0
  for (let i = minLen; i <= maxLen; i++) {
    vec += base[i + 1]! - base[i]!
    limit[i] = vec - 1
    vec <<= 1
  }
  for (let i = minLen + 1; i <= maxLen; i++) base[i] = ((limit[i - 1]! + 1) << 1) - base[i]!
  return { limit, base, perm, minLen }
}

/** Reads one block into `tt` (bytes in the low 8 bits); returns its length and origin pointer. */
function readBlock(bits: Bits, tt: Uint32Array, blockMax: number): { n: number; origPtr: number } {
  const bad = (why: string) => new CorruptDataError(`corrupt bzip2 data (${why})`)
  if (bits.bit()) throw bad('a randomised block, which bzip2 has not written since 0.9.5')
  const origPtr = bits.get(24)
  const inUse16 = bits.get(16)
  const seqToUnseq = new Uint8Array(256)
  let nInUse = 0
  for (let i = 0; i < 16; i++) {
    if (!(inUse16 & (0x8000 >> i))) continue
    const used = bits.get(16)
    for (let j = 0; j < 16; j++) if (used & (0x8000 >> j)) seqToUnseq[nInUse++] = i * 16 + j
  }
  if (nInUse === 0) throw bad('a block that uses no byte values')
  const alphaSize = nInUse + 2
  const nGroups = bits.get(3)
  if (nGroups < 2 || nGroups > MAX_GROUPS) throw bad('a Huffman group count out of range')
  const nSelectors = bits.get(15)
  if (nSelectors < 1) throw bad('no selectors')
  const selectorMtf = new Uint8Array(Math.min(nSelectors, MAX_SELECTORS))
  for (let i = 0; i < nSelectors; i++) {
    let j = 0
    while (bits.bit()) if (++j >= nGroups) throw bad('a selector out of range')
    // libbz2 reads every selector and keeps the first 18002
    if (i < MAX_SELECTORS) selectorMtf[i] = j
  }
  const pos = Uint8Array.from({ length: nGroups }, (_, i) => i)
  const selectors = selectorMtf.map((v) => {
    const tmp = pos[v]!
    for (let k = v; k > 0; k--) pos[k] = pos[k - 1]!
    pos[0] = tmp
    return tmp
  })
  const tables: Tables[] = []
  const lengths = new Uint8Array(MAX_ALPHA)
  for (let t = 0; t < nGroups; t++) {
    let curr = bits.get(5)
    for (let i = 0; i < alphaSize; i++) {
      for (;;) {
        if (curr < 1 || curr > 20) throw bad('a code length out of range')
        if (!bits.bit()) break
        curr += bits.bit() ? -1 : 1
      }
      lengths[i] = curr
    }
    tables.push(decodeTables(lengths, alphaSize))
  }

  const eob = nInUse + 1
  const unzftab = new Int32Array(256)
  const mtf = Uint8Array.from({ length: 256 }, (_, i) => i)
  let n = 0
  let groupNo = -1
  let groupPos = 0
  let table = tables[0]!
  let runLength = 0
  let runWeight = 0
  for (;;) {
    if (groupPos === 0) {
      if (++groupNo >= selectors.length) throw bad('more symbols than selectors')
      groupPos = GROUP_SIZE
      table = tables[selectors[groupNo]!]!
    }
    groupPos--
    let zn = table.minLen
    let zvec = bits.get(zn)
    for (;;) {
      if (zn > 20) throw bad('an invalid Huffman code')
      if (zvec <= table.limit[zn]!) break
      zn++
      zvec = (zvec << 1) | bits.bit()
    }
    const idx = zvec - table.base[zn]!
    if (idx < 0 || idx >= MAX_ALPHA) throw bad('an invalid Huffman code')
    const sym = table.perm[idx]!
    if (sym <= 1) {
      // RUNA, RUNB: a run of the front byte, its length in bijective base 2
      if (runWeight === 0) runWeight = 1
      if (runWeight >= 2 * 1024 * 1024) throw bad('a run too long')
      runLength += runWeight << sym
      runWeight <<= 1
      continue
    }
    if (runWeight > 0) {
      const uc = seqToUnseq[mtf[0]!]!
      if (n + runLength > blockMax) throw bad('a block longer than its level allows')
      unzftab[uc]! += runLength
      tt.fill(uc, n, n + runLength)
      n += runLength
      runLength = 0
      runWeight = 0
    }
    if (sym === eob) break
    if (n >= blockMax) throw bad('a block longer than its level allows')
    const k = sym - 1
    const v = mtf[k]!
    mtf.copyWithin(1, 0, k)
    mtf[0] = v
    const uc = seqToUnseq[v]!
    unzftab[uc]!++
    tt[n++] = uc
  }
  if (origPtr >= n) throw bad('the origin pointer lies outside the block')
  // inverse Burrows-Wheeler: tt[i] gets the index of the next byte in its high 24 bits
  const cftab = new Int32Array(257)
  for (let i = 0; i < 256; i++) cftab[i + 1] = cftab[i]! + unzftab[i]!
  for (let i = 0; i < n; i++) {
    const uc = tt[i]! & 0xff
    tt[cftab[uc]!]! |= i << 8
    cftab[uc]!++
  }
  return { n, origPtr }
}

export async function* bzip2Streams(input: Input): AsyncGenerator<Buffer> {
  for (let streams = 0; ; streams++) {
    await input.fill(4)
    if (streams > 0 && input.exhausted) return
    const head = input.take(4)
    if (head.toString('latin1', 0, 3) !== 'BZh' || head[3]! < 0x31 || head[3]! > 0x39)
      throw new CorruptDataError(streams > 0 ? 'data follows the last bzip2 stream' : 'not a bzip2 stream')
    const blockMax = (head[3]! - 0x30) * 100000
    const tt = new Uint32Array(blockMax)
    const bits = new Bits(input)
    let combined = 0
    for (;;) {
      await input.fill(BLOCK_INPUT)
      const magic = bits.get(24) * 0x1000000 + bits.get(24)
      const stored = ((bits.get(16) << 16) | bits.get(16)) >>> 0
      if (magic === END_MAGIC) {
        if (stored !== combined)
          throw new CorruptDataError('corrupt bzip2 data (the stream CRC does not match)')
        bits.align()
        break
      }
      if (magic !== BLOCK_MAGIC) throw new CorruptDataError('corrupt bzip2 data (no block header)')
      const { n, origPtr } = readBlock(bits, tt, blockMax)
      // un-BWT, then undo the initial run-length coding: four equal bytes are followed by a repeat count
      let crc = 0xffffffff
      let out = Buffer.allocUnsafe(PIECE)
      let o = 0
      let tPos = tt[origPtr]! >>> 8
      let prev = -1
      let same = 0
      for (let i = 0; i < n; i++) {
        tPos = tt[tPos]!
        const ch = tPos & 0xff
        tPos >>>= 8
        let copies = 1
        let byte = ch
        if (same === 4) {
          copies = ch
          byte = prev
          same = 0
          prev = -1
        } else if (ch === prev) same++
        else {
          prev = ch
          same = 1
        }
        for (let c = 0; c < copies; c++) {
          crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]!) >>> 0
          out[o++] = byte
          if (o === PIECE) {
            yield out
            out = Buffer.allocUnsafe(PIECE)
            o = 0
          }
        }
      }
      if (o > 0) yield Buffer.from(out.subarray(0, o))
      crc = ~crc >>> 0
      if (crc !== stored) throw new CorruptDataError('corrupt bzip2 data (a block CRC does not match)')
      combined = (((combined << 1) | (combined >>> 31)) ^ crc) >>> 0
    }
  }
}
