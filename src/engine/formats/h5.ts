import { EngineLimitError, type RandomAccess } from '../access.js'

/*
 * Keras `.h5` files are HDF5 files whose root group carries the attributes `model_config` (the architecture as
 * JSON), `keras_version`, `backend` and, when compiled, `training_config`. This module reads those root
 * attributes without an HDF5 library, from the HDF5 File Format Specification (version 3.0):
 *
 *   superblock v0/v1 (h5py's default) and v2/v3 (libver='latest'), at offset 0, 512, 1024, 2048, …;
 *   the root group's object header, v1 or v2 ("OHDR"), with continuation blocks ("OCHK" for v2);
 *   attribute messages (type 0x000C) v1, v2 and v3;
 *   string values stored fixed-length in the message (datatype class 3) or variable-length (class 9) in a
 *   global heap collection ("GCOL"), which is how h5py 3 stores both str and bytes attributes.
 *
 * The layouts were checked against files written by h5py 3.7 / HDF5 1.10 (str, bytes, userblock, latest).
 * Not read: attributes in dense storage (a fractal heap, used when a root group has many attributes under
 * libver='latest'), shared datatypes, checksums, and anything below the root group. When the root header cannot
 * be read, or its attributes are in dense storage, a bounded byte scan looks for `model_config` attribute
 * messages in the first and last megabytes instead. An unreadable root header is always reported as a problem
 * (with what the scan found), so a caller fails closed on it; dense storage is only a problem when the scan
 * finds no configuration in a file that looks like Keras, or finds two different ones.
 */

export type H5ProblemCode = 'TRUNCATED' | 'BAD_FORMAT' | 'UNSUPPORTED' | 'LIMIT' | 'NOT_FOUND'

export interface H5Problem {
  readonly code: H5ProblemCode
  readonly detail: string
}

export interface H5Limits {
  /** Bytes from the start of the file searched by the fallback scan. */
  readonly maxScanBytes?: number
  /** Bytes at the end of the file searched by the fallback scan. */
  readonly maxTailBytes?: number
  /** Largest attribute value (JSON text) read. */
  readonly maxValueBytes?: number
  /** Object header bytes read, all blocks together. */
  readonly maxHeaderBytes?: number
  readonly maxHeaderBlocks?: number
}

export interface H5KerasResult {
  readonly isHdf5: boolean
  /** Offset of the superblock (non-zero with a user block). */
  readonly superblockOffset?: number
  /** The parsed `model_config`: absent for weights-only files and non-Keras HDF5. */
  readonly modelConfig?: unknown
  /** The parsed `training_config`, when present (it may reference losses and metrics by module). */
  readonly trainingConfig?: unknown
  readonly kerasVersion?: string
  readonly backend?: string
  /** How the attributes were found: from the root object header, or by the fallback byte scan. */
  readonly method?: 'root-header' | 'scan'
  /** The fallback scan covered the whole file (always true when it did not run). */
  readonly scanComplete: boolean
  readonly problems: readonly H5Problem[]
}

const DEFAULTS = {
  maxScanBytes: 64 * 1024 * 1024,
  maxTailBytes: 8 * 1024 * 1024,
  maxValueBytes: 64 * 1024 * 1024,
  maxHeaderBytes: 16 * 1024 * 1024,
  maxHeaderBlocks: 256
}

const SIGNATURE = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a])
const WANTED = ['model_config', 'training_config', 'keras_version', 'backend'] as const
type Wanted = (typeof WANTED)[number]

class H5Error extends Error {
  constructor(
    readonly code: H5ProblemCode,
    message: string
  ) {
    super(message)
    this.name = 'H5Error'
  }
}

interface Geometry {
  readonly sig: number
  readonly base: number
  /** Size of offsets and of lengths, in bytes. */
  readonly o: number
  readonly l: number
  readonly rootHeader: number
}

class Reader {
  headerBytes = 0
  constructor(
    readonly ra: RandomAccess,
    readonly limits: typeof DEFAULTS
  ) {}

  async exact(offset: number, length: number, what: string): Promise<Buffer> {
    if (!Number.isSafeInteger(offset) || offset < 0 || offset > this.ra.size) {
      throw new H5Error('BAD_FORMAT', `${what} at offset ${offset} lies outside the file`)
    }
    if (length > this.ra.size - offset)
      throw new H5Error('TRUNCATED', `${what} runs past the end of the file`)
    return this.ra.read(offset, length)
  }
}

/** A little-endian unsigned integer of `size` bytes; `undefined` for HDF5's "undefined address" (all ones). */
function uint(buf: Buffer, at: number, size: number): number | undefined {
  if (at + size > buf.length) throw new H5Error('TRUNCATED', 'a field runs past the end of its structure')
  let allOnes = true
  let v = 0
  for (let i = size - 1; i >= 0; i--) {
    const b = buf[at + i]!
    if (b !== 0xff) allOnes = false
    v = v * 256 + b
  }
  if (allOnes) return undefined
  if (!Number.isSafeInteger(v)) throw new H5Error('BAD_FORMAT', 'an address or length beyond 2^53')
  return v
}

function defined(v: number | undefined, what: string): number {
  if (v === undefined) throw new H5Error('BAD_FORMAT', `${what} is undefined`)
  return v
}

async function findSignature(ra: RandomAccess): Promise<number | undefined> {
  for (let off = 0; off + 8 <= ra.size; off = off === 0 ? 512 : off * 2) {
    const b = await ra.read(off, 8)
    if (b.equals(SIGNATURE)) return off
  }
  return undefined
}

async function geometry(r: Reader, sig: number): Promise<Geometry> {
  const sb = await r.ra.read(sig, 128)
  if (sb.length < 12) throw new H5Error('TRUNCATED', 'superblock')
  const version = sb[8]!
  if (version <= 1) {
    const o = sb[13]!
    const l = sb[14]!
    checkSizes(o, l)
    const baseAt = version === 0 ? 24 : 28
    const base = uint(sb, baseAt, o) ?? sig
    const rootHeader = defined(uint(sb, baseAt + 5 * o, o), 'root object header address')
    return { sig, base, o, l, rootHeader }
  }
  if (version === 2 || version === 3) {
    const o = sb[9]!
    const l = sb[10]!
    checkSizes(o, l)
    const base = uint(sb, 12, o) ?? sig
    const rootHeader = defined(uint(sb, 12 + 3 * o, o), 'root object header address')
    return { sig, base, o, l, rootHeader }
  }
  throw new H5Error('UNSUPPORTED', `superblock version ${version}`)
}

function checkSizes(o: number, l: number): void {
  if (![2, 4, 8].includes(o) || ![2, 4, 8].includes(l)) {
    throw new H5Error('BAD_FORMAT', `sizes of offsets/lengths ${o}/${l}`)
  }
}

/** Object header message types (the specification's Data Object Header Messages). */
const MESSAGE = { ATTRIBUTE: 0x000c, CONTINUATION: 0x0010, ATTRIBUTE_INFO: 0x0015 } as const
/** Datatype classes (of the Datatype Message) that hold strings. */
const DATATYPE_CLASS = { STRING: 3, VARIABLE_LENGTH: 9 } as const

interface Message {
  readonly type: number
  readonly data: Buffer
}

/** The messages of the root object header, continuation blocks included. */
async function rootMessages(r: Reader, g: Geometry): Promise<Message[]> {
  const at = g.base + g.rootHeader
  const head = await r.exact(at, 16, 'root object header')
  const messages: Message[] = []
  const blocks: { at: number; length: number }[] = []
  let v2 = false
  let creationOrder = false
  const budget = (n: number): void => {
    r.headerBytes += n
    if (r.headerBytes > r.limits.maxHeaderBytes)
      throw new H5Error('LIMIT', 'object header larger than the limit')
  }
  if (head.subarray(0, 4).toString('latin1') === 'OHDR') {
    v2 = true
    const pre = await r.exact(at, Math.min(64, r.ra.size - at), 'object header prefix')
    const flags = pre[5]!
    creationOrder = (flags & 0x04) !== 0
    let pos = 6 + ((flags & 0x20) !== 0 ? 16 : 0) + ((flags & 0x10) !== 0 ? 4 : 0)
    const sizeBytes = 1 << (flags & 0x03)
    const chunk = defined(uint(pre, pos, sizeBytes), 'chunk size')
    pos += sizeBytes
    blocks.push({ at: at + pos, length: chunk })
  } else if (head[0] === 1) {
    const size = head.readUInt32LE(8)
    blocks.push({ at: at + 16, length: size })
  } else {
    throw new H5Error('BAD_FORMAT', 'the root object header has no known version')
  }
  for (let i = 0; i < blocks.length; i++) {
    if (i >= r.limits.maxHeaderBlocks)
      throw new H5Error('LIMIT', 'too many object header continuation blocks')
    const block = blocks[i]!
    budget(block.length)
    let data = await r.exact(block.at, block.length, 'object header block')
    if (v2 && i > 0) {
      if (data.subarray(0, 4).toString('latin1') !== 'OCHK')
        throw new H5Error('BAD_FORMAT', 'continuation block without OCHK')
      data = data.subarray(4, Math.max(4, data.length - 4)) // signature and checksum
    }
    for (const m of v2 ? messagesV2(data, creationOrder) : messagesV1(data)) {
      if (messages.length >= 65536) throw new H5Error('LIMIT', 'too many object header messages')
      if (m.type === MESSAGE.CONTINUATION) {
        const offset = defined(uint(m.data, 0, g.o), 'continuation offset')
        const length = defined(uint(m.data, g.o, g.l), 'continuation length')
        blocks.push({ at: g.base + offset, length })
      } else messages.push(m)
    }
  }
  return messages
}

function messagesV1(data: Buffer): Message[] {
  const out: Message[] = []
  let pos = 0
  while (pos + 8 <= data.length) {
    const type = data.readUInt16LE(pos)
    const size = data.readUInt16LE(pos + 2)
    if (pos + 8 + size > data.length)
      throw new H5Error('TRUNCATED', 'an object header message runs past its block')
    out.push({ type, data: data.subarray(pos + 8, pos + 8 + size) })
    pos += 8 + size
  }
  return out
}

function messagesV2(data: Buffer, creationOrder: boolean): Message[] {
  const out: Message[] = []
  const headerSize = creationOrder ? 6 : 4
  let pos = 0
  while (pos + headerSize <= data.length) {
    const type = data[pos]!
    const size = data.readUInt16LE(pos + 1)
    const start = pos + headerSize
    if (start + size > data.length) break // the gap before the checksum, or padding
    out.push({ type, data: data.subarray(start, start + size) })
    pos = start + size
  }
  return out
}

interface Attribute {
  readonly name: string
  readonly datatype: Buffer
  readonly value: Buffer
  readonly shared: boolean
}

function pad8(n: number): number {
  return Math.ceil(n / 8) * 8
}

/** An attribute message's name, datatype and raw value bytes. */
function parseAttribute(m: Buffer): Attribute {
  if (m.length < 8) throw new H5Error('TRUNCATED', 'attribute message')
  const version = m[0]!
  const flags = m[1]!
  const nameSize = m.readUInt16LE(2)
  const dtSize = m.readUInt16LE(4)
  const dsSize = m.readUInt16LE(6)
  let pos: number
  let name: string
  let datatype: Buffer
  if (version === 1) {
    pos = 8
    name = cstring(m, pos, nameSize)
    pos += pad8(nameSize)
    datatype = m.subarray(pos, pos + dtSize)
    pos += pad8(dtSize) + pad8(dsSize)
  } else if (version === 2 || version === 3) {
    pos = version === 3 ? 9 : 8
    name = cstring(m, pos, nameSize)
    pos += nameSize
    datatype = m.subarray(pos, pos + dtSize)
    pos += dtSize + dsSize
  } else throw new H5Error('UNSUPPORTED', `attribute message version ${version}`)
  if (pos > m.length || datatype.length < dtSize) throw new H5Error('TRUNCATED', `attribute '${name}'`)
  return { name, datatype, value: m.subarray(pos), shared: version >= 2 && (flags & 0x03) !== 0 }
}

function cstring(buf: Buffer, at: number, size: number): string {
  if (size === 0 || at + size > buf.length) throw new H5Error('TRUNCATED', 'attribute name')
  const raw = buf.subarray(at, at + size)
  const nul = raw.indexOf(0)
  return raw.subarray(0, nul < 0 ? raw.length : nul).toString('utf8')
}

/** A string attribute's value: fixed-length in the message, or variable-length in a global heap collection. */
async function stringValue(r: Reader, g: Geometry, a: Attribute): Promise<string> {
  if (a.shared) throw new H5Error('UNSUPPORTED', `attribute '${a.name}' uses a shared datatype or dataspace`)
  if (a.datatype.length < 8) throw new H5Error('TRUNCATED', `datatype of '${a.name}'`)
  const cls = a.datatype[0]! & 0x0f
  const size = a.datatype.readUInt32LE(4)
  if (cls === DATATYPE_CLASS.STRING) {
    if (size > r.limits.maxValueBytes) throw new H5Error('LIMIT', `attribute '${a.name}' is ${size} bytes`)
    if (a.value.length < size) throw new H5Error('TRUNCATED', `value of '${a.name}'`)
    return a.value
      .subarray(0, size)
      .toString('utf8')
      .replace(/[\0 ]+$/, '')
  }
  if (cls !== DATATYPE_CLASS.VARIABLE_LENGTH)
    throw new H5Error('UNSUPPORTED', `attribute '${a.name}' is not a string (datatype class ${cls})`)
  // Variable-length: the first element is a 4-byte length and a global heap ID (collection address, index).
  const length = a.value.length >= 4 ? a.value.readUInt32LE(0) : undefined
  if (length === undefined || a.value.length < 4 + g.o + 4)
    throw new H5Error('TRUNCATED', `value of '${a.name}'`)
  if (length > r.limits.maxValueBytes) throw new H5Error('LIMIT', `attribute '${a.name}' is ${length} bytes`)
  const collection = defined(uint(a.value, 4, g.o), `heap collection of '${a.name}'`)
  const index = a.value.readUInt32LE(4 + g.o)
  return (await heapObject(r, g, collection, index, length, a.name)).toString('utf8')
}

async function heapObject(
  r: Reader,
  g: Geometry,
  collection: number,
  index: number,
  length: number,
  name: string
): Promise<Buffer> {
  const at = g.base + collection
  const head = await r.exact(at, 8 + g.l, `global heap of '${name}'`)
  if (head.subarray(0, 4).toString('latin1') !== 'GCOL')
    throw new H5Error('BAD_FORMAT', `no GCOL at the heap of '${name}'`)
  const size = defined(uint(head, 8, g.l), 'global heap size')
  if (size > r.limits.maxValueBytes + 1024 * 1024) throw new H5Error('LIMIT', `global heap of ${size} bytes`)
  const heap = await r.exact(at, size, `global heap of '${name}'`)
  const objectHeader = 8 + g.l
  let pos = 8 + g.l
  while (pos + objectHeader <= heap.length) {
    const id = heap.readUInt16LE(pos)
    if (id === 0) break // free space runs to the end of the collection
    const objSize = defined(uint(heap, pos + 8, g.l), 'heap object size')
    const start = pos + objectHeader
    if (start + objSize > heap.length) throw new H5Error('TRUNCATED', `heap object of '${name}'`)
    if (id === index) {
      if (length > objSize)
        throw new H5Error('BAD_FORMAT', `heap object of '${name}' is shorter than its reference`)
      return heap.subarray(start, start + length)
    }
    pos = start + pad8(objSize)
  }
  throw new H5Error('BAD_FORMAT', `heap object ${index} of '${name}' not found`)
}

interface Found {
  values: Partial<Record<Wanted, string>>
  problems: H5Problem[]
}

/** The wanted root attributes, read structurally; `dense` when some attributes are in dense storage. */
async function fromRootHeader(r: Reader, g: Geometry): Promise<Found & { dense: boolean }> {
  const messages = await rootMessages(r, g)
  const found: Found & { dense: boolean } = { values: {}, problems: [], dense: false }
  for (const m of messages) {
    if (m.type === MESSAGE.ATTRIBUTE_INFO) {
      // Attribute Info: a defined fractal heap address means attributes live in dense storage.
      const flags = m.data[1] ?? 0
      const heapAt = 2 + ((flags & 0x01) !== 0 ? 2 : 0)
      if (m.data.length >= heapAt + g.o && uint(m.data, heapAt, g.o) !== undefined) found.dense = true
      continue
    }
    if (m.type !== MESSAGE.ATTRIBUTE) continue
    const a = parseAttribute(m.data)
    if (!(WANTED as readonly string[]).includes(a.name)) continue
    try {
      found.values[a.name as Wanted] = await stringValue(r, g, a)
    } catch (e) {
      if (!(e instanceof H5Error)) throw e
      found.problems.push({ code: e.code, detail: `root attribute '${a.name}': ${e.message}` })
    }
  }
  return found
}

const CHUNK = 4 * 1024 * 1024
const OVERLAP = 64

interface Scan {
  readonly hits: number[]
  readonly markers: Set<string>
  readonly complete: boolean
}

/** Offsets of `model_config\0` in the head and tail windows, and which Keras marker strings occur there. */
async function scan(r: Reader): Promise<Scan> {
  const size = r.ra.size
  const headEnd = Math.min(size, r.limits.maxScanBytes)
  const tailStart = Math.max(headEnd, size - r.limits.maxTailBytes)
  const windows: [number, number][] = [[0, headEnd]]
  if (tailStart < size) windows.push([tailStart, size])
  const needle = Buffer.from('model_config\0', 'latin1')
  const markerNames = ['keras_version', 'model_weights', 'model_config', 'training_config']
  const markers = new Set<string>()
  const hits = new Set<number>()
  for (const [from, to] of windows) {
    for (let at = from; at < to; at += CHUNK) {
      const start = Math.max(from, at - OVERLAP)
      const buf = await r.ra.read(start, Math.min(to, at + CHUNK) - start)
      for (let i = buf.indexOf(needle); i >= 0; i = buf.indexOf(needle, i + 1)) hits.add(start + i)
      for (const m of markerNames) if (buf.includes(m, 0, 'latin1')) markers.add(m)
    }
  }
  return { hits: [...hits].sort((a, b) => a - b), markers, complete: tailStart === headEnd }
}

/** Tries to read an attribute message whose name starts at `at` (its header sits 8 or 9 bytes before). */
async function attributeAt(r: Reader, g: Geometry, at: number): Promise<string | undefined> {
  const start = Math.max(0, at - 9)
  const window = await r.ra.read(start, Math.min(r.ra.size - start, 1024))
  for (const back of [8, 9]) {
    const h = at - back - start
    if (h < 0) continue
    const version = window[h]
    if ((back === 8 && version !== 1 && version !== 2) || (back === 9 && version !== 3)) continue
    if (window.readUInt16LE(h + 2) !== 13) continue
    try {
      const a = parseAttribute(window.subarray(h))
      if (a.name === 'model_config') return await stringValue(r, g, a)
    } catch (e) {
      if (!(e instanceof H5Error)) throw e
    }
  }
  return undefined
}

function parseJson(text: string, name: string, problems: H5Problem[]): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    problems.push({ code: 'BAD_FORMAT', detail: `the ${name} attribute is not valid JSON` })
    return undefined
  }
}

/**
 * Looks for a Keras model configuration in an HDF5 file. Never throws for malformed input: what could not be
 * read is in `problems`, and a caller should fail closed on any problem. Weights-only files (no `model_config`)
 * and other HDF5 data give no configuration and no problem. Only I/O errors reject.
 */
export async function findKerasModelConfig(ra: RandomAccess, limits: H5Limits = {}): Promise<H5KerasResult> {
  const r = new Reader(ra, { ...DEFAULTS, ...limits })
  const sig = await findSignature(ra)
  if (sig === undefined) return { isHdf5: false, scanComplete: true, problems: [] }
  const problems: H5Problem[] = []
  let values: Partial<Record<Wanted, string>> = {}
  let method: 'root-header' | 'scan' = 'root-header'
  let scanComplete = true
  let g: Geometry | undefined
  let fallback: string | undefined
  // Set when the root header itself could not be read: every h5py file has a readable one, so this is reported
  // whatever the scan finds.
  let unreadable: H5ProblemCode | undefined
  try {
    g = await geometry(r, sig)
    const found = await fromRootHeader(r, g)
    values = found.values
    problems.push(...found.problems)
    // With dense storage HDF5 looks attributes up in the fractal heap only, so a compact model_config next to it
    // could be a decoy: the heap is scanned even when the header had one, and both are compared.
    if (found.dense) fallback = 'the root attributes are in dense storage'
  } catch (e) {
    if (!(e instanceof H5Error) && !(e instanceof EngineLimitError)) throw e
    unreadable = e instanceof H5Error ? e.code : 'LIMIT'
    fallback = `the root object header could not be read (${e.message})`
  }
  if (fallback !== undefined) {
    method = 'scan'
    try {
      const s = await scan(r)
      scanComplete = s.complete
      // Without a readable superblock, assume the common geometry: 8-byte offsets and lengths, base at the signature.
      const geo = g ?? { sig, base: sig, o: 8, l: 8, rootHeader: 0 }
      // Every candidate is read: a decoy attribute message planted in raw data must not hide the real one.
      const candidates = new Set<string>(values.model_config !== undefined ? [values.model_config] : [])
      for (const hit of s.hits.slice(0, 64)) {
        const text = await attributeAt(r, geo, hit)
        if (text !== undefined) candidates.add(text)
      }
      values.model_config = [...candidates][0]
      if (candidates.size > 1) {
        problems.push({
          code: 'UNSUPPORTED',
          detail: `${fallback}; ${candidates.size} different model_config attributes were found`
        })
      } else if (values.model_config !== undefined) {
        if (unreadable !== undefined) {
          problems.push({
            code: 'UNSUPPORTED',
            detail: `${fallback}; a model_config was found by scanning, others may exist`
          })
        }
      } else if (s.markers.size > 0) {
        problems.push({
          code: 'NOT_FOUND',
          detail: `a Keras file whose model_config could not be read: ${fallback}`
        })
      } else if (unreadable !== undefined) {
        problems.push({ code: unreadable, detail: `${fallback}; no Keras attributes were found by scanning` })
      } else if (!s.complete) {
        problems.push({
          code: 'LIMIT',
          detail: `${fallback}, and the file is larger than the scanned windows`
        })
      }
    } catch (e) {
      if (!(e instanceof H5Error) && !(e instanceof EngineLimitError)) throw e
      problems.push({
        code: e instanceof H5Error ? e.code : 'LIMIT',
        detail: `${fallback}; scan failed: ${e.message}`
      })
    }
  }
  const modelConfig =
    values.model_config !== undefined ? parseJson(values.model_config, 'model_config', problems) : undefined
  const trainingConfig =
    values.training_config !== undefined
      ? parseJson(values.training_config, 'training_config', problems)
      : undefined
  return {
    isHdf5: true,
    superblockOffset: sig,
    ...(modelConfig !== undefined ? { modelConfig } : {}),
    ...(trainingConfig !== undefined ? { trainingConfig } : {}),
    ...(values.keras_version !== undefined ? { kerasVersion: values.keras_version.slice(0, 64) } : {}),
    ...(values.backend !== undefined ? { backend: values.backend.slice(0, 64) } : {}),
    method,
    scanComplete,
    problems
  }
}
