import * as zlib from 'node:zlib'
import { EngineLimitError, sliceAccess, type RandomAccess } from './access.js'
import { CorruptDataError, decodeBounded, zlibSource } from './decompress.js'
import { DEFAULT_LIMITS } from './limits.js'

/**
 * A lenient ZIP reader for hostile model archives.
 *
 * PyTorch reads checkpoints with miniz, which trusts the central directory and ignores most of what Python's
 * zipfile refuses (local names that differ, flag bits 0x1/0x20/0x40, bad CRCs). Scanners built on a strict
 * reader were bypassed by exactly those files (CVE-2025-1944, -1945, -10156), so this reader *reads* like
 * PyTorch (central directory first, local header only to find the data) and *reports* every disagreement
 * between the two headers, and every other oddity, as a structured anomaly. Deciding what an anomaly means
 * is the rules' job, not this module's.
 *
 * Every read is bounded by the file and by small windows, counts and offsets from the file are never trusted
 * for allocation, and every loop advances through the file, so hostile input cannot hang or exhaust memory.
 */

export interface ZipEntry {
  /**
   * Name from the central directory (the one PyTorch looks up): UTF-8 when flag 0x800 is set, otherwise
   * CP437 as Python's zipfile decodes it (invalid UTF-8 becomes U+FFFD). In a listing recovered from local
   * headers (no central directory), the local name.
   */
  name: string
  /** Name in the local header, only when its bytes differ from the central name. */
  localName?: string
  /** 0 stored, 8 deflate, 99 AES; anything else is unsupported. */
  method: number
  /** Method in the local header, only when it differs. */
  localMethod?: number
  /** Central directory general-purpose flags. */
  flags: number
  /** Local header flags, only when they differ. */
  localFlags?: number
  /** From the central directory (ZIP64 extra applied); PyTorch and Python both trust these. */
  compressedSize: number
  uncompressedSize: number
  crc32: number
  /** File offset of the local header, including any shift for data prepended to the archive. */
  localHeaderOffset: number
  /** File offset of the member's data (after local header, name and extra); -1 without a local header. */
  dataOffset: number
  /** A local header signature was found where the central directory points. */
  hasLocalHeader: boolean
  /** Flag bit 0 (central or local) or method 99 (AES). */
  encrypted: boolean
  /** Name ends with '/'. */
  isDirectory: boolean
  /** Unix host (made-by 3) and S_IFLNK in the external attributes. */
  isSymlink: boolean
}

export type ZipAnomalyKind =
  | 'NAME_MISMATCH'
  | 'FLAG_MISMATCH'
  | 'METHOD_MISMATCH'
  | 'FLAG_BITS'
  | 'ENCRYPTED'
  | 'CRC_MISMATCH'
  | 'SIZE_MISMATCH'
  | 'BAD_DATA_DESCRIPTOR'
  | 'DUPLICATE_NAME'
  | 'PATH_TRAVERSAL'
  | 'ABSOLUTE_PATH'
  | 'SUSPICIOUS_NAME'
  | 'SYMLINK'
  | 'OVERLAPPING_ENTRIES'
  | 'UNSUPPORTED_METHOD'
  | 'COMPRESSION_RATIO'
  | 'MEMBER_TOO_LARGE'
  | 'TOO_MANY_ENTRIES'
  | 'ENTRY_COUNT_MISMATCH'
  | 'TRUNCATED'
  | 'NO_CENTRAL_DIRECTORY'
  | 'CENTRAL_DIRECTORY_CORRUPT'
  | 'MALFORMED_EXTRA'
  | 'LOCAL_HEADER_MISSING'
  | 'DATA_OUTSIDE_ENTRIES'

export interface ZipAnomaly {
  kind: ZipAnomalyKind
  /** Entry name (central), when the anomaly belongs to one entry. */
  entry?: string
  detail: string
}

export interface ZipListing {
  entries: ZipEntry[]
  anomalies: ZipAnomaly[]
  /** A ZIP64 end-of-central-directory record was used. */
  zip64: boolean
  /** Archive comment, bytes as latin1 code points (lossless); absent when empty. */
  comment?: string
}

export interface ZipLimits {
  /** Entries listed at most; the rest are reported as TOO_MANY_ENTRIES and not read. */
  maxEntries: number
  /** Declared uncompressed sizes above this are reported as MEMBER_TOO_LARGE. */
  maxMemberBytes: number
  /** Declared uncompressed/compressed ratios above this are reported as COMPRESSION_RATIO. */
  maxRatio: number
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 100_000,
  maxMemberBytes: 512 * 1024 * 1024,
  maxRatio: 100
}

/** The archive has no recognisable structure at all (no end record, no local header at the start). */
export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ZipFormatError'
  }
}

/**
 * Deflate data that cannot be decoded. `partial` is what decoded before the fault: a streaming reader
 * (Python's zipfile feeding pickle) acts on those bytes before it ever sees the error, so they deserve a scan.
 */
export class CorruptMemberError extends Error {
  readonly partial: Buffer
  constructor(message: string, partial: Buffer) {
    super(message)
    this.name = 'CorruptMemberError'
    this.partial = partial
  }
}

const SIG_LOCAL = 0x04034b50
const SIG_CENTRAL = 0x02014b50
const SIG_EOCD = 0x06054b50
const SIG_EOCD64 = 0x06064b50
const SIG_LOCATOR64 = 0x07064b50
const SIG_DESCRIPTOR = 0x08074b50
/** "PK00": the marker some writers put before a single-segment archive that was once meant to span. */
const SIG_SPAN_PK00 = 0x30304b50

const LOCAL_LEN = 30
const CENTRAL_LEN = 46
const EOCD_LEN = 22
const LOCATOR64_LEN = 20
const EOCD64_LEN = 56
const MAX_COMMENT = 0xffff
const U32_MAX = 0xffffffff
const U16_MAX = 0xffff

/** Bits any ordinary writer sets: deflate options (0x2, 0x4), data descriptor (0x8), UTF-8 names (0x800). */
const ORDINARY_FLAGS = 0x0002 | 0x0004 | 0x0008 | 0x0800
const FLAG_ENCRYPTED = 0x0001
const FLAG_DESCRIPTOR = 0x0008
const FLAG_UTF8 = 0x0800
const METHOD_STORED = 0
const METHOD_DEFLATE = 8
const METHOD_AES = 99
/** Traditional PKWARE encryption prefixes every member with 12 bytes. */
const ZIPCRYPTO_HEADER = 12

const WINDOW = 1024 * 1024
/** So that a million identical anomalies cost no more than a hundred. */
const MAX_ANOMALIES_PER_KIND = 100

export function isZipMagic(head: Buffer): boolean {
  if (head.length < 4 || head[0] !== 0x50 || head[1] !== 0x4b) return false
  const sig = head.readUInt32LE(0)
  return sig === SIG_LOCAL || sig === SIG_EOCD || sig === SIG_DESCRIPTOR
}

// ---- small helpers ----

/**
 * Bytes the file really holds at [offset, offset+length): empty outside it, never a throw for an offset taken
 * from the file. Callers pass small fixed lengths (at most a window), never one read from the file.
 */
async function readAt(ra: RandomAccess, offset: number, length: number): Promise<Buffer> {
  if (!Number.isSafeInteger(offset) || offset < 0 || offset >= ra.size || !(length > 0))
    return Buffer.alloc(0)
  return ra.read(offset, Math.min(length, ra.size - offset))
}

function u64(buf: Buffer, at: number): number {
  const v = buf.readBigUInt64LE(at)
  // Beyond 2^53 nothing in a real file can be addressed; clamping keeps arithmetic in safe numbers.
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v)
}

const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0'

function decodeName(bytes: Buffer, flags: number): string {
  if (flags & FLAG_UTF8) return bytes.toString('utf8')
  let out = ''
  for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80]!
  return out
}

interface Extra {
  fields: Map<number, Buffer>
  malformed: boolean
}

function parseExtra(extra: Buffer): Extra {
  const fields = new Map<number, Buffer>()
  let p = 0
  while (p + 4 <= extra.length) {
    const id = extra.readUInt16LE(p)
    const size = extra.readUInt16LE(p + 2)
    if (p + 4 + size > extra.length) return { fields, malformed: true }
    if (!fields.has(id)) fields.set(id, extra.subarray(p + 4, p + 4 + size))
    p += 4 + size
  }
  // zipalign pads extra fields with a few zero bytes; anything else left over is not a record.
  return { fields, malformed: extra.subarray(p).some((b) => b !== 0) }
}

class Anomalies {
  readonly list: ZipAnomaly[] = []
  private readonly counts = new Map<ZipAnomalyKind, number>()

  add(kind: ZipAnomalyKind, detail: string, entry?: string): void {
    const n = (this.counts.get(kind) ?? 0) + 1
    this.counts.set(kind, n)
    if (n <= MAX_ANOMALIES_PER_KIND)
      this.list.push(entry === undefined ? { kind, detail } : { kind, entry, detail })
  }

  finish(): ZipAnomaly[] {
    for (const [kind, n] of this.counts) {
      if (n > MAX_ANOMALIES_PER_KIND) {
        this.list.push({ kind, detail: `${n - MAX_ANOMALIES_PER_KIND} more ${kind} anomalies not listed` })
      }
    }
    return this.list
  }
}

/** Sequential reader over the central directory: one bounded window at a time, however large it claims. */
class Window {
  private buf: Buffer = Buffer.alloc(0)
  private start = 0
  constructor(private readonly ra: RandomAccess) {}

  async get(pos: number, len: number): Promise<Buffer | undefined> {
    if (pos < 0 || pos + len > this.ra.size) return undefined
    if (pos < this.start || pos + len > this.start + this.buf.length) {
      this.buf = await readAt(this.ra, pos, Math.max(len, WINDOW))
      this.start = pos
      if (this.buf.length < len) return undefined
    }
    return this.buf.subarray(pos - this.start, pos - this.start + len)
  }
}

async function sigAt(ra: RandomAccess, pos: number): Promise<number | undefined> {
  const b = await readAt(ra, pos, 4)
  return b.length === 4 ? b.readUInt32LE(0) : undefined
}

// ---- end of central directory ----

interface Eocd {
  pos: number
  totalEntries: number
  cdSize: number
  cdOffset: number
  /** Comment bytes actually present (may be fewer than declared). */
  comment: Buffer
  commentLength: number
}

async function findEocd(ra: RandomAccess): Promise<Eocd | undefined> {
  const tailLen = Math.min(ra.size, EOCD_LEN + MAX_COMMENT)
  const tailStart = ra.size - tailLen
  const tail = await readAt(ra, tailStart, tailLen)
  if (tail.length < EOCD_LEN) return undefined
  // The last signature wins, as in Python's zipfile and miniz: a record in the comment shadows the real one.
  const i = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]), tail.length - EOCD_LEN)
  if (i < 0) return undefined
  const commentLength = tail.readUInt16LE(i + 20)
  return {
    pos: tailStart + i,
    totalEntries: tail.readUInt16LE(i + 10),
    cdSize: tail.readUInt32LE(i + 12),
    cdOffset: tail.readUInt32LE(i + 16),
    comment: tail.subarray(i + EOCD_LEN, i + EOCD_LEN + commentLength),
    commentLength
  }
}

interface Eocd64 {
  pos: number
  end: number
  locatorPos: number
  totalEntries: number
  cdSize: number
  cdOffset: number
}

async function findEocd64(ra: RandomAccess, eocd: Eocd, out: Anomalies): Promise<Eocd64 | undefined> {
  const locatorPos = eocd.pos - LOCATOR64_LEN
  const loc = await readAt(ra, locatorPos, LOCATOR64_LEN)
  if (loc.length < LOCATOR64_LEN || loc.readUInt32LE(0) !== SIG_LOCATOR64) return undefined
  // The locator's offset is absolute, so prepended data moves the record; look right before the locator too.
  for (const pos of [u64(loc, 8), locatorPos - EOCD64_LEN]) {
    const rec = await readAt(ra, pos, EOCD64_LEN)
    if (pos + EOCD64_LEN > locatorPos || rec.length < EOCD64_LEN || rec.readUInt32LE(0) !== SIG_EOCD64)
      continue
    return {
      pos,
      end: Math.min(pos + 12 + u64(rec, 4), locatorPos),
      locatorPos,
      totalEntries: u64(rec, 32),
      cdSize: u64(rec, 40),
      cdOffset: u64(rec, 48)
    }
  }
  out.add('CENTRAL_DIRECTORY_CORRUPT', `ZIP64 locator at ${locatorPos} points to no ZIP64 end record`)
  return undefined
}

// ---- local headers ----

interface LocalHeader {
  flags: number
  method: number
  crc: number
  compressedSize: number
  uncompressedSize: number
  nameBytes: Buffer
  dataOffset: number
  /** Name and extra run past the end of the file. */
  cut: boolean
  zip64: boolean
}

async function readLocalHeader(ra: RandomAccess, at: number, out: Anomalies, who: string) {
  const head = await readAt(ra, at, LOCAL_LEN + 1024)
  if (head.length < LOCAL_LEN || head.readUInt32LE(0) !== SIG_LOCAL) return undefined
  const nameLen = head.readUInt16LE(26)
  const extraLen = head.readUInt16LE(28)
  let vari = head.subarray(LOCAL_LEN, LOCAL_LEN + nameLen + extraLen)
  if (vari.length < nameLen + extraLen) vari = await readAt(ra, at + LOCAL_LEN, nameLen + extraLen)
  const extra = parseExtra(vari.subarray(nameLen, nameLen + extraLen))
  if (extra.malformed) out.add('MALFORMED_EXTRA', `local header extra field at ${at} is not well-formed`, who)
  const lh: LocalHeader = {
    flags: head.readUInt16LE(6),
    method: head.readUInt16LE(8),
    crc: head.readUInt32LE(14),
    compressedSize: head.readUInt32LE(18),
    uncompressedSize: head.readUInt32LE(22),
    nameBytes: vari.subarray(0, nameLen),
    dataOffset: at + LOCAL_LEN + nameLen + extraLen,
    cut: vari.length < nameLen + extraLen,
    zip64: false
  }
  if (lh.compressedSize === U32_MAX || lh.uncompressedSize === U32_MAX) {
    const z = extra.fields.get(0x0001)
    lh.zip64 = z !== undefined
    if (z !== undefined && z.length >= 16) {
      // APPNOTE 4.5.3: a local ZIP64 field holds both sizes, uncompressed first.
      lh.uncompressedSize = u64(z, 0)
      lh.compressedSize = u64(z, 8)
    } else if (z !== undefined && z.length >= 8) {
      if (lh.uncompressedSize === U32_MAX) lh.uncompressedSize = u64(z, 0)
      else lh.compressedSize = u64(z, 0)
    } else {
      out.add('MALFORMED_EXTRA', `local header at ${at} needs a ZIP64 extra field with its sizes`, who)
    }
  }
  return lh
}

interface Descriptor {
  length: number
  crc: number
  compressedSize: number
  uncompressedSize: number
  signed: boolean
}

/** The data descriptor after a member's data, in whichever width (32/64-bit sizes) agrees with `expect`. */
async function readDescriptor(
  ra: RandomAccess,
  at: number,
  expect: { compressedSize: number; uncompressedSize: number },
  wide: boolean
): Promise<Descriptor | undefined> {
  const b = await readAt(ra, at, 24)
  const signed = b.length >= 4 && b.readUInt32LE(0) === SIG_DESCRIPTOR
  const p = signed ? 4 : 0
  if (b.length < p + 12) return undefined
  const narrow: Descriptor = {
    length: p + 12,
    crc: b.readUInt32LE(p),
    compressedSize: b.readUInt32LE(p + 4),
    uncompressedSize: b.readUInt32LE(p + 8),
    signed
  }
  const broad: Descriptor | undefined =
    b.length >= p + 20
      ? {
          length: p + 20,
          crc: narrow.crc,
          compressedSize: u64(b, p + 4),
          uncompressedSize: u64(b, p + 12),
          signed
        }
      : undefined
  const agrees = (d: Descriptor) =>
    d.compressedSize === expect.compressedSize && d.uncompressedSize === expect.uncompressedSize
  if (agrees(narrow)) return narrow
  if (broad !== undefined && (agrees(broad) || wide)) return broad
  return narrow
}

// ---- per-entry checks shared by both listing paths ----

interface Context {
  ra: RandomAccess
  limits: ZipLimits
  out: Anomalies
  names: Map<string, number>
}

function hex(n: number): string {
  return `0x${n.toString(16)}`
}

function checkEntry(ctx: Context, e: ZipEntry): void {
  const { out, limits, ra } = ctx
  const who = e.name
  const seen = ctx.names.get(who) ?? 0
  ctx.names.set(who, seen + 1)
  if (seen > 0) out.add('DUPLICATE_NAME', `name appears ${seen + 1} times`, who)
  if (/^[/\\]/.test(who) || /^[A-Za-z]:/.test(who)) out.add('ABSOLUTE_PATH', 'name is an absolute path', who)
  if (who.split(/[/\\]/).includes('..')) out.add('PATH_TRAVERSAL', 'name has a ".." segment', who)
  // Python's zipfile cuts names at NUL; other readers keep the rest, so the two see different members.
  if (who.length === 0 || /\p{Cc}/u.test(who)) {
    out.add('SUSPICIOUS_NAME', 'name is empty or has control characters', who)
  }
  if (e.isSymlink) out.add('SYMLINK', 'unix symlink in the external attributes', who)

  const flags = e.flags | (e.localFlags ?? 0)
  const odd = flags & ~ORDINARY_FLAGS
  if (odd !== 0) out.add('FLAG_BITS', `unusual general-purpose flag bits ${hex(odd)}`, who)
  if (e.encrypted) {
    const plain =
      e.method === METHOD_STORED && e.compressedSize === e.uncompressedSize
        ? '; sizes leave no room for an encryption header, so the data is read as plaintext'
        : ''
    out.add(
      'ENCRYPTED',
      e.method === METHOD_AES ? 'AES encrypted (method 99)' : `encryption flag set${plain}`,
      who
    )
  }
  if (e.method !== METHOD_STORED && e.method !== METHOD_DEFLATE && e.method !== METHOD_AES) {
    out.add('UNSUPPORTED_METHOD', `compression method ${e.method}`, who)
  }
  if (
    e.method === METHOD_STORED &&
    e.compressedSize !== e.uncompressedSize &&
    !(e.encrypted && e.compressedSize === e.uncompressedSize + ZIPCRYPTO_HEADER)
  ) {
    out.add(
      'SIZE_MISMATCH',
      `stored member: ${e.compressedSize} bytes stored, ${e.uncompressedSize} declared`,
      who
    )
  }
  if (e.uncompressedSize > e.compressedSize * limits.maxRatio) {
    out.add(
      'COMPRESSION_RATIO',
      `declares ${e.uncompressedSize} bytes from ${e.compressedSize} (limit ${limits.maxRatio}:1)`,
      who
    )
  }
  if (e.uncompressedSize > limits.maxMemberBytes) {
    out.add('MEMBER_TOO_LARGE', `declares ${e.uncompressedSize} bytes (limit ${limits.maxMemberBytes})`, who)
  }
  if (e.hasLocalHeader && e.dataOffset + e.compressedSize > ra.size) {
    out.add(
      'TRUNCATED',
      `data runs ${e.dataOffset + e.compressedSize - ra.size} bytes past the end of the file`,
      who
    )
  }
}

function isSymlink(madeBy: number, external: number): boolean {
  return madeBy >>> 8 === 3 && ((external >>> 16) & 0o170000) === 0o120000
}

interface Span {
  start: number
  end: number
  entry?: string
}

// ---- listing from the central directory ----

interface CentralRecord {
  entry: ZipEntry
  nameBytes: Buffer
  /** Offset as recorded, before the prepended-data shift. */
  recordedOffset: number
}

async function readCentral(
  ctx: Context,
  cdStart: number,
  declaredEnd: number,
  declaredCount: number
): Promise<{ records: CentralRecord[]; end: number; capped: boolean }> {
  const { ra, out, limits } = ctx
  const win = new Window(ra)
  const records: CentralRecord[] = []
  let pos = cdStart
  let capped = false
  // Stops at the first record that is not one (or runs past the file): the declared size and count are only
  // compared, never trusted, so neither a short nor an inflated count loses or invents entries.
  for (;;) {
    const fixed = await win.get(pos, CENTRAL_LEN)
    if (fixed === undefined || fixed.readUInt32LE(0) !== SIG_CENTRAL) break
    if (records.length >= limits.maxEntries) {
      capped = true
      out.add('TOO_MANY_ENTRIES', `more than ${limits.maxEntries} entries; the rest are not listed`)
      break
    }
    const nameLen = fixed.readUInt16LE(28)
    const extraLen = fixed.readUInt16LE(30)
    const commentLen = fixed.readUInt16LE(32)
    const vari = await win.get(pos + CENTRAL_LEN, nameLen + extraLen + commentLen)
    if (vari === undefined) {
      out.add('TRUNCATED', `central directory record at ${pos} runs past the end of the file`)
      break
    }
    // Copies: the record outlives the window it was read through.
    const madeBy = fixed.readUInt16LE(4)
    const flags = fixed.readUInt16LE(8)
    const method = fixed.readUInt16LE(10)
    const external = fixed.readUInt32LE(38)
    const nameBytes = Buffer.from(vari.subarray(0, nameLen))
    const name = decodeName(nameBytes, flags)
    let compressedSize = fixed.readUInt32LE(20)
    let uncompressedSize = fixed.readUInt32LE(24)
    let recordedOffset = fixed.readUInt32LE(42)
    const extra = parseExtra(vari.subarray(nameLen, nameLen + extraLen))
    if (extra.malformed) out.add('MALFORMED_EXTRA', 'central directory extra field is not well-formed', name)
    if (uncompressedSize === U32_MAX || compressedSize === U32_MAX || recordedOffset === U32_MAX) {
      // APPNOTE 4.5.3: only the saturated fields are present, in this order.
      const z = extra.fields.get(0x0001) ?? Buffer.alloc(0)
      let p = 0
      const take = (v: number): number => {
        if (v !== U32_MAX) return v
        if (p + 8 > z.length) {
          out.add('MALFORMED_EXTRA', 'a saturated size or offset has no ZIP64 value', name)
          return v
        }
        p += 8
        return u64(z, p - 8)
      }
      uncompressedSize = take(uncompressedSize)
      compressedSize = take(compressedSize)
      recordedOffset = take(recordedOffset)
    }
    records.push({
      nameBytes,
      recordedOffset,
      entry: {
        name,
        method,
        flags,
        compressedSize,
        uncompressedSize,
        crc32: fixed.readUInt32LE(16),
        localHeaderOffset: recordedOffset,
        dataOffset: -1,
        hasLocalHeader: false,
        encrypted: (flags & FLAG_ENCRYPTED) !== 0 || method === METHOD_AES,
        isDirectory: name.endsWith('/'),
        isSymlink: isSymlink(madeBy, external)
      }
    })
    pos += CENTRAL_LEN + nameLen + extraLen + commentLen
  }
  if (!capped) {
    if (pos < declaredEnd) {
      out.add(
        'CENTRAL_DIRECTORY_CORRUPT',
        `no central directory record at ${pos}, inside its declared extent`
      )
    } else if (pos > declaredEnd) {
      out.add('CENTRAL_DIRECTORY_CORRUPT', `records run ${pos - declaredEnd} bytes past the declared size`)
    }
    if (records.length !== declaredCount) {
      out.add('ENTRY_COUNT_MISMATCH', `end record declares ${declaredCount} entries, ${records.length} found`)
    }
  }
  return { records, end: pos, capped }
}

/** Reads the local header of one central record, compares the two, and returns the member's extent. */
async function attachLocal(ctx: Context, rec: CentralRecord, shift: number): Promise<Span | undefined> {
  const { ra, out } = ctx
  const e = rec.entry
  const who = e.name
  e.localHeaderOffset = rec.recordedOffset + shift
  const lh = await readLocalHeader(ra, e.localHeaderOffset, out, who)
  if (lh === undefined) {
    out.add('LOCAL_HEADER_MISSING', `no local header at offset ${e.localHeaderOffset}`, who)
    return undefined
  }
  e.hasLocalHeader = true
  e.dataOffset = lh.dataOffset
  if (lh.cut) out.add('TRUNCATED', 'local header runs past the end of the file', who)
  if (!lh.nameBytes.equals(rec.nameBytes)) {
    e.localName = decodeName(lh.nameBytes, lh.flags)
    out.add('NAME_MISMATCH', `local header names it ${JSON.stringify(e.localName)}`, who)
  }
  if (lh.flags !== e.flags) {
    e.localFlags = lh.flags
    out.add('FLAG_MISMATCH', `flags ${hex(e.flags)} in the central directory, ${hex(lh.flags)} locally`, who)
  }
  if (lh.flags & FLAG_ENCRYPTED) e.encrypted = true
  if (lh.method !== e.method) {
    e.localMethod = lh.method
    out.add('METHOD_MISMATCH', `method ${e.method} in the central directory, ${lh.method} locally`, who)
  }
  // With a data descriptor the local CRC and sizes may legitimately be zero; the descriptor is checked instead.
  if (!(lh.flags & FLAG_DESCRIPTOR)) {
    if (lh.crc !== e.crc32) {
      out.add('CRC_MISMATCH', `CRC ${hex(e.crc32)} in the central directory, ${hex(lh.crc)} locally`, who)
    }
    if (lh.compressedSize !== e.compressedSize || lh.uncompressedSize !== e.uncompressedSize) {
      out.add(
        'SIZE_MISMATCH',
        `sizes ${e.compressedSize}/${e.uncompressedSize} in the central directory, ` +
          `${lh.compressedSize}/${lh.uncompressedSize} locally`,
        who
      )
    }
  }
  let end = lh.dataOffset + e.compressedSize
  if ((lh.flags | e.flags) & FLAG_DESCRIPTOR && end <= ra.size) {
    const wide = lh.zip64 || e.compressedSize >= U32_MAX || e.uncompressedSize >= U32_MAX
    const d = await readDescriptor(ra, end, e, wide)
    if (d === undefined || (!d.signed && d.crc !== e.crc32)) {
      out.add('BAD_DATA_DESCRIPTOR', `no data descriptor after the data at ${end}`, who)
    } else {
      end += d.length
      if (d.crc !== e.crc32) {
        out.add(
          'CRC_MISMATCH',
          `CRC ${hex(e.crc32)} in the central directory, ${hex(d.crc)} in the descriptor`,
          who
        )
      }
      if (d.compressedSize !== e.compressedSize || d.uncompressedSize !== e.uncompressedSize) {
        out.add(
          'SIZE_MISMATCH',
          `sizes ${e.compressedSize}/${e.uncompressedSize} in the central directory, ` +
            `${d.compressedSize}/${d.uncompressedSize} in the descriptor`,
          who
        )
      }
    }
  }
  return { start: e.localHeaderOffset, end: Math.min(end, ra.size), entry: who }
}

function checkLayout(ctx: Context, spans: Span[], structure: Span[], prepended: number): void {
  const { out, ra } = ctx
  const members = [...spans].sort((a, b) => a.start - b.start || a.end - b.end)
  let reach: Span | undefined
  for (const s of members) {
    if (reach !== undefined && s.start < reach.end) {
      out.add('OVERLAPPING_ENTRIES', `data overlaps that of ${JSON.stringify(reach.entry)}`, s.entry)
    }
    if (reach === undefined || s.end > reach.end) reach = s
  }
  const cd = structure[0]
  if (cd !== undefined) {
    for (const s of members) {
      if (s.start < cd.end && s.end > cd.start) {
        out.add('OVERLAPPING_ENTRIES', 'data overlaps the central directory', s.entry)
      }
    }
  }
  const regions = [...members, ...structure].sort((a, b) => a.start - b.start)
  let cursor = 0
  const gap = (start: number, end: number) => {
    const why = start === 0 && prepended > 0 ? ' (data prepended to the archive)' : ''
    out.add('DATA_OUTSIDE_ENTRIES', `${end - start} bytes at offset ${start} belong to no entry${why}`)
  }
  for (const r of regions) {
    if (r.start > cursor) gap(cursor, r.start)
    cursor = Math.max(cursor, r.end)
  }
  if (cursor < ra.size) gap(cursor, ra.size)
}

// ---- listing from local headers (no central directory) ----

/**
 * Where a member written with a data descriptor and unknown sizes ends: the first signed descriptor whose
 * compressed size matches the distance, else the next header. Scans forward in windows; each call starts
 * after the previous member, so a whole walk reads the file about once.
 */
async function findStreamedEnd(
  ra: RandomAccess,
  dataOffset: number
): Promise<{ dataEnd: number; descriptor?: Descriptor }> {
  const overlap = 24
  for (let p = dataOffset; p < ra.size; p += WINDOW) {
    const chunk = await readAt(ra, p, WINDOW + overlap)
    for (let i = chunk.indexOf('PK'); i >= 0 && i < WINDOW; i = chunk.indexOf('PK', i + 1)) {
      if (i + 4 > chunk.length) break
      const sig = chunk.readUInt32LE(i)
      const at = p + i
      if (sig === SIG_DESCRIPTOR && i + 16 <= chunk.length) {
        const c32 = chunk.readUInt32LE(i + 8)
        const c64 = i + 24 <= chunk.length ? u64(chunk, i + 8) : -1
        if (c32 === at - dataOffset) {
          const d = { length: 16, crc: chunk.readUInt32LE(i + 4), compressedSize: c32, signed: true }
          return { dataEnd: at, descriptor: { ...d, uncompressedSize: chunk.readUInt32LE(i + 12) } }
        }
        if (c64 === at - dataOffset) {
          const d = { length: 24, crc: chunk.readUInt32LE(i + 4), compressedSize: c64, signed: true }
          return { dataEnd: at, descriptor: { ...d, uncompressedSize: u64(chunk, i + 16) } }
        }
      }
      if (sig === SIG_LOCAL || sig === SIG_CENTRAL) return { dataEnd: at }
    }
  }
  return { dataEnd: ra.size }
}

async function walkLocal(ctx: Context, start: number): Promise<ZipEntry[]> {
  const { ra, out, limits } = ctx
  const entries: ZipEntry[] = []
  let pos = start
  while (pos < ra.size) {
    if ((await sigAt(ra, pos)) !== SIG_LOCAL) break
    if (entries.length >= limits.maxEntries) {
      out.add('TOO_MANY_ENTRIES', `more than ${limits.maxEntries} entries; the rest are not listed`)
      return entries
    }
    const lh = await readLocalHeader(ra, pos, out, `entry at ${pos}`)
    if (lh === undefined) break
    const name = decodeName(lh.nameBytes, lh.flags)
    const e: ZipEntry = {
      name,
      method: lh.method,
      flags: lh.flags,
      compressedSize: lh.compressedSize,
      uncompressedSize: lh.uncompressedSize,
      crc32: lh.crc,
      localHeaderOffset: pos,
      dataOffset: lh.dataOffset,
      hasLocalHeader: true,
      encrypted: (lh.flags & FLAG_ENCRYPTED) !== 0 || lh.method === METHOD_AES,
      isDirectory: name.endsWith('/'),
      isSymlink: false
    }
    if (lh.cut) {
      out.add('TRUNCATED', 'local header runs past the end of the file', name)
      entries.push(e)
      break
    }
    let next = lh.dataOffset + e.compressedSize
    if (lh.flags & FLAG_DESCRIPTOR && e.compressedSize === 0) {
      const found = await findStreamedEnd(ra, lh.dataOffset)
      e.compressedSize = found.dataEnd - lh.dataOffset
      next = found.dataEnd
      if (found.descriptor !== undefined) {
        e.crc32 = found.descriptor.crc
        e.uncompressedSize = found.descriptor.uncompressedSize
        next += found.descriptor.length
      } else if (found.dataEnd < ra.size) {
        out.add('BAD_DATA_DESCRIPTOR', 'no signed data descriptor before the next header', name)
      }
    } else if (lh.flags & FLAG_DESCRIPTOR) {
      const d = await readDescriptor(ra, next, e, lh.zip64)
      if (d?.signed || d?.crc === e.crc32) next += d.length
    }
    entries.push(e)
    checkEntry(ctx, e)
    pos = next
  }
  if (pos < ra.size) {
    const what = (await sigAt(ra, pos)) === SIG_CENTRAL ? ' (an unusable central directory)' : ''
    out.add('DATA_OUTSIDE_ENTRIES', `${ra.size - pos} bytes at offset ${pos} follow the last entry${what}`)
  }
  return entries
}

async function spanMarker(ra: RandomAccess): Promise<number> {
  const sig = await sigAt(ra, 0)
  return (sig === SIG_DESCRIPTOR || sig === SIG_SPAN_PK00) && (await sigAt(ra, 4)) === SIG_LOCAL ? 4 : 0
}

// ---- public API ----

/** Defaults for absent or nonsensical values: an explicit `undefined` or NaN must not switch a limit off. */
function resolveLimits(limits: Partial<ZipLimits> | undefined): ZipLimits {
  const pick = (key: keyof ZipLimits): number => {
    const v = limits?.[key]
    return typeof v === 'number' && v >= 0 ? v : DEFAULT_ZIP_LIMITS[key]
  }
  return {
    maxEntries: pick('maxEntries'),
    maxMemberBytes: pick('maxMemberBytes'),
    maxRatio: pick('maxRatio')
  }
}

/**
 * Lists an archive leniently and reports every anomaly. Rejects with ZipFormatError only when there is
 * neither an end-of-central-directory record nor a local header at the start.
 */
export async function listZip(ra: RandomAccess, limits?: Partial<ZipLimits>): Promise<ZipListing> {
  const ctx: Context = {
    ra,
    limits: resolveLimits(limits),
    out: new Anomalies(),
    names: new Map()
  }
  const { out } = ctx
  const marker = await spanMarker(ra)
  const eocd = await findEocd(ra)
  const walk = async (why: string): Promise<ZipListing> => {
    if ((await sigAt(ra, marker)) !== SIG_LOCAL) {
      if (eocd === undefined) {
        throw new ZipFormatError('not a zip archive: no end of central directory record and no local header')
      }
      out.add('NO_CENTRAL_DIRECTORY', why)
      return { entries: [], anomalies: out.finish(), zip64: false }
    }
    out.add('NO_CENTRAL_DIRECTORY', `${why}; members recovered from local headers`)
    const entries = await walkLocal(ctx, marker)
    return { entries, anomalies: out.finish(), zip64: false }
  }
  if (eocd === undefined) return walk('no end of central directory record')

  const structure: Span[] = []
  const eocdEnd = Math.min(eocd.pos + EOCD_LEN + eocd.commentLength, ra.size)
  if (eocd.comment.length < eocd.commentLength) {
    out.add(
      'TRUNCATED',
      `archive comment declares ${eocd.commentLength} bytes, ${eocd.comment.length} present`
    )
  }
  const z64 = await findEocd64(ra, eocd, out)
  let { totalEntries, cdSize, cdOffset } = eocd
  if (z64 !== undefined) {
    const differs = (narrow: number, wide: number, max: number) => narrow !== max && narrow !== wide
    if (
      differs(totalEntries, z64.totalEntries, U16_MAX) ||
      differs(cdSize, z64.cdSize, U32_MAX) ||
      differs(cdOffset, z64.cdOffset, U32_MAX)
    ) {
      out.add('CENTRAL_DIRECTORY_CORRUPT', 'the end record and the ZIP64 end record disagree')
    }
    ;({ totalEntries, cdSize, cdOffset } = z64)
  }
  // miniz reads the central directory where it is declared; Python's zipfile where it must be for the end
  // record to follow it, shifting every offset by the difference (data prepended to the archive). Declared
  // first, as PyTorch does, then the shifted place.
  const cdEnd = z64?.pos ?? eocd.pos
  const fromEnd = cdEnd - cdSize
  let cdStart: number
  if (totalEntries === 0 && cdSize === 0) cdStart = cdEnd
  else if ((await sigAt(ra, cdOffset)) === SIG_CENTRAL) cdStart = cdOffset
  else if (fromEnd >= 0 && (await sigAt(ra, fromEnd)) === SIG_CENTRAL) cdStart = fromEnd
  else return walk(`no central directory at offset ${cdOffset} or ${fromEnd}`)
  const shift = cdStart === fromEnd && cdStart !== cdOffset ? cdStart - cdOffset : 0
  if (shift < 0) out.add('CENTRAL_DIRECTORY_CORRUPT', `archive offsets are ${-shift} bytes past their data`)

  const { records, end, capped } = await readCentral(ctx, cdStart, cdStart + cdSize, totalEntries)
  structure.push({ start: cdStart, end })
  if (z64 !== undefined) {
    structure.push({ start: z64.pos, end: z64.end }, { start: z64.locatorPos, end: eocd.pos })
  }
  structure.push({ start: eocd.pos, end: eocdEnd })
  if (marker > 0) structure.push({ start: 0, end: marker })

  const spans: Span[] = []
  for (const rec of records) {
    const span = await attachLocal(ctx, rec, shift)
    if (span !== undefined) spans.push(span)
    checkEntry(ctx, rec.entry)
  }
  // Entries past the cap are not listed, so their bytes would all look like data outside entries.
  if (!capped) checkLayout(ctx, spans, structure, shift)
  const listing: ZipListing = { entries: records.map((r) => r.entry), anomalies: out.finish(), zip64: !!z64 }
  if (eocd.comment.length > 0) listing.comment = eocd.comment.toString('latin1')
  return listing
}

export interface MemberData {
  /** Uncompressed bytes (may share memory with the RandomAccess's buffer). */
  data: Buffer
  /** CRC-32 of `data` equals the central directory's, and the data was complete. */
  crcOk: boolean
  /** `data.length` equals the declared uncompressed size. */
  sizeOk: boolean
  /** The file ended before the member's declared compressed size: `data` is what there was. */
  truncated: boolean
}

/**
 * A member's uncompressed bytes, at most `maxBytes`: EngineLimitError when more would be produced (a zip bomb
 * stops after about `maxBytes`, whatever it declares). A CRC or size mismatch is reported, not thrown, since
 * PyTorch loads such members. Throws Error for members that cannot be decoded: no local header, unsupported
 * method, encrypted data (never decrypted), CorruptMemberError for bad deflate data.
 *
 * Flag bit 0 alone does not make a member unreadable: PyTorch ignores it, so a stored member whose sizes
 * leave no room for the 12-byte encryption header, or a deflate member that inflates, is returned as is.
 *
 * @internal the engine reads members through `openMember`; tests read them whole
 */
export async function readMember(ra: RandomAccess, entry: ZipEntry, maxBytes: number): Promise<MemberData> {
  const m = await openMember(ra, entry, { maxBytes })
  try {
    if (m.fault instanceof EngineLimitError) throw m.fault
    const parts: Buffer[] = []
    const step = DEFAULT_LIMITS.decodedReadBytes
    for (let at = 0; at < m.size; at += step) parts.push(await m.ra.read(at, Math.min(step, m.size - at)))
    const data = Buffer.concat(parts)
    if (m.fault instanceof CorruptDataError) throw new CorruptMemberError(m.fault.message, data)
    if (m.fault) throw m.fault
    return { data, crcOk: m.crcOk, sizeOk: data.length === entry.uncompressedSize, truncated: m.truncated }
  } finally {
    await m.close()
  }
}

/** A member's uncompressed bytes as random access: stored data in place, deflate data decoded as read. */
export interface OpenMember {
  ra: RandomAccess
  size: number
  /** CRC-32 of the data equals the central directory's, and all of the data was read. */
  crcOk: boolean
  /** The file ended before the member's declared compressed size. */
  truncated: boolean
  /**
   * Why the data stops after `size` bytes: corrupt deflate data (CorruptDataError) or the byte limit
   * (EngineLimitError). A streaming reader has already acted on the bytes before it.
   */
  fault?: Error
  close(): Promise<void>
}

/**
 * Opens a member with memory bounded whatever its size: at most `maxBytes` of it are served (more is a limit
 * fault), deflate data is decoded again as it is read (see decompress.ts), and its CRC is checked on a first
 * pass. Throws for members that cannot be decoded at all, as `readMember` does.
 */
export async function openMember(
  ra: RandomAccess,
  entry: ZipEntry,
  opts: { maxBytes: number; deadline?: number; maxRead?: number }
): Promise<OpenMember> {
  const who = JSON.stringify(entry.name)
  if (!entry.hasLocalHeader || entry.dataOffset < 0)
    throw new Error(`${who}: no local header, cannot locate data`)
  if (entry.method === METHOD_AES) throw new Error(`${who}: AES encrypted (method 99), not decrypted`)
  const available = Math.max(0, Math.min(entry.compressedSize, ra.size - entry.dataOffset))
  const truncated = available < entry.compressedSize
  if (entry.method === METHOD_STORED) {
    if (entry.encrypted && entry.compressedSize !== entry.uncompressedSize) {
      throw new Error(`${who}: encrypted (flag 0x1 with room for an encryption header), not decrypted`)
    }
    if (available > opts.maxBytes) {
      const fault = new EngineLimitError(
        `${who}: ${available} bytes exceed the ${opts.maxBytes}-byte member limit`
      )
      const size = opts.maxBytes
      return {
        ra: sliceAccess(ra, entry.dataOffset, size),
        size,
        crcOk: false,
        truncated,
        fault,
        close: none
      }
    }
    const data = sliceAccess(ra, entry.dataOffset, available)
    let crc = 0
    for (let at = 0; at < available; at += WINDOW) crc = zlib.crc32(await data.read(at, WINDOW), crc)
    return { ra: data, size: available, crcOk: !truncated && crc === entry.crc32, truncated, close: none }
  }
  if (entry.method !== METHOD_DEFLATE)
    throw new Error(`${who}: unsupported compression method ${entry.method}`)
  // Lenient: a stream cut short yields what it decoded rather than a fault, as a streaming reader would have
  // consumed it; the CRC then tells.
  const d = await decodeBounded(zlibSource('deflate', ra, entry.dataOffset, available, true), {
    maxBytes: opts.maxBytes,
    deadline: opts.deadline ?? Number.POSITIVE_INFINITY,
    what: who,
    ...(opts.maxRead !== undefined && { maxRead: opts.maxRead })
  })
  let fault = d.fault
  if (fault instanceof CorruptDataError) {
    if (entry.encrypted) {
      await d.close()
      throw new Error(`${who}: encrypted (flag 0x1) and not a plain deflate stream, not decrypted`, {
        cause: fault
      })
    }
    fault = new CorruptDataError(`${who}: ${fault.message}`)
  }
  return {
    ra: d.ra,
    size: d.size,
    crcOk: !truncated && !fault && d.crc32 === entry.crc32,
    truncated,
    ...(fault && { fault }),
    close: () => d.close()
  }
}

const none = async (): Promise<void> => undefined
