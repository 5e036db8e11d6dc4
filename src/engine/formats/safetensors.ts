import type { RandomAccess } from '../access.js'
import { codeConstructs, embeddedPickle, hasJinja, type CodeConstruct } from './code-constructs.js'

/**
 * Something that keeps a file from being verified as what it claims to be. The caller fails closed on any
 * of them; the analysers only describe.
 */
export interface HeaderProblem {
  code: string
  detail: string
}

export interface SafetensorsLimits {
  /** The reference implementation refuses headers over 100 MB (`HeaderTooLarge`). */
  maxHeaderBytes?: number
}

export interface SuspiciousMetadata {
  key: string
  /** what the value holds, naming the construct and quoting it ("holds a call of os.system (…)") */
  reason: string
}

export interface SafetensorsResult {
  /** The declared header length N (bytes 8..8+N), when the first 8 bytes could be read. */
  headerBytes: number
  tensorCount: number
  /** Size of the data buffer after the header: file size − 8 − N (0 when the header overruns the file). */
  dataBytes: number
  /** `__metadata__` as string → string, each key and value cut to 64 KiB, at most 10,000 entries. */
  metadata: Record<string, string>
  metadataTruncated: boolean
  /** Dtype strings this module has no size for: the tensors' byte ranges are still checked, not their sizes. */
  unknownDtypes: string[]
  problems: HeaderProblem[]
  suspiciousMetadata: SuspiciousMetadata[]
}

export const SAFETENSORS_MAX_HEADER = 100_000_000
const MAX_RETURNED_CHARS = 64 * 1024
const MAX_METADATA_ENTRIES = 10_000
const MAX_LISTED = 100

/** Bits per element, as in the reference `Dtype` enum (sub-byte types pack several elements a byte). */
const DTYPE_BITS: ReadonlyMap<string, number> = new Map([
  ['BOOL', 8],
  ['U8', 8],
  ['I8', 8],
  ['F8_E5M2', 8],
  ['F8_E4M3', 8],
  ['F8_E8M0', 8],
  ['F8_E4M3FNUZ', 8],
  ['F8_E5M2FNUZ', 8],
  ['F4', 4],
  ['F6_E2M3', 6],
  ['F6_E3M2', 6],
  ['I16', 16],
  ['U16', 16],
  ['F16', 16],
  ['BF16', 16],
  ['I32', 32],
  ['U32', 32],
  ['F32', 32],
  ['C64', 64],
  ['F64', 64],
  ['I64', 64],
  ['U64', 64]
])

/**
 * Metadata is free text for humans and tools (descriptions, licences with links): only code that does something
 * is reported (code-constructs.ts), named with its text. Templates are analysed in the first values that hold
 * Jinja syntax only, each at most this long: metadata is not rendered by any loader.
 */
const MAX_TEMPLATES = 20
const MAX_TEMPLATE_VALUE = 64 * 1024

const reason = (c: CodeConstruct): string => `holds ${c.construct} (${JSON.stringify(c.excerpt)})`

/** A bounded list: a hostile header can produce a problem per tensor, and a report needs only the first few. */
export class ProblemList {
  readonly items: HeaderProblem[] = []
  private dropped = 0
  constructor(private readonly max = MAX_LISTED) {}
  add(code: string, detail: string): void {
    if (this.items.length < this.max) this.items.push({ code, detail })
    else this.dropped++
  }
  has(code: string): boolean {
    return this.items.some((p) => p.code === code)
  }
  get size(): number {
    return this.items.length + this.dropped
  }
  list(): HeaderProblem[] {
    return this.dropped === 0
      ? this.items.slice()
      : [...this.items, { code: 'LIMIT', detail: `${this.dropped} further problems not listed` }]
  }
}

/** The characters of JSON's structure, as char codes. */
const JSON_CHAR = {
  QUOTE: 0x22, // "
  COMMA: 0x2c, // ,
  OPEN_ARRAY: 0x5b, // [
  BACKSLASH: 0x5c, // \
  CLOSE_ARRAY: 0x5d, // ]
  OPEN_OBJECT: 0x7b, // {
  CLOSE_OBJECT: 0x7d // }
} as const

/** Content sniffing: a plausible u64 header length followed by the opening brace of the JSON header. */
export function looksLikeSafetensors(head: Buffer, size: number): boolean {
  if (head.length < 9 || size < 10) return false
  const n = head.readBigUInt64LE(0)
  return n >= 2n && n <= BigInt(size - 8) && head[8] === JSON_CHAR.OPEN_OBJECT
}

/** Reads the 8-byte length and the JSON header only: the cost does not depend on the tensor data's size. */
export async function inspectSafetensors(
  ra: RandomAccess,
  limits: SafetensorsLimits = {}
): Promise<SafetensorsResult> {
  const maxHeader = limits.maxHeaderBytes ?? SAFETENSORS_MAX_HEADER
  const problems = new ProblemList()
  const result: SafetensorsResult = {
    headerBytes: 0,
    tensorCount: 0,
    dataBytes: 0,
    metadata: {},
    metadataTruncated: false,
    unknownDtypes: [],
    problems: [],
    suspiciousMetadata: []
  }
  const done = (): SafetensorsResult => ({ ...result, problems: problems.list() })

  const lenBytes = ra.size >= 8 ? await ra.read(0, 8) : Buffer.alloc(0)
  if (lenBytes.length < 8) {
    problems.add('TRUNCATED', `the file has ${ra.size} bytes, fewer than the 8-byte header length`)
    return done()
  }
  const n = lenBytes.readBigUInt64LE(0)
  if (n > BigInt(maxHeader)) {
    problems.add('HEADER_TOO_LARGE', `the header claims ${n} bytes, over the ${maxHeader}-byte limit`)
    return done()
  }
  const headerBytes = Number(n)
  result.headerBytes = headerBytes
  if (headerBytes > ra.size - 8) {
    problems.add('TRUNCATED', `the header claims ${headerBytes} bytes but only ${ra.size - 8} follow`)
    return done()
  }
  result.dataBytes = ra.size - 8 - headerBytes
  const raw = headerBytes === 0 ? Buffer.alloc(0) : await ra.read(8, headerBytes)
  if (raw.length < headerBytes) {
    problems.add('TRUNCATED', `read ${raw.length} of the header's ${headerBytes} bytes`)
    return done()
  }
  if (raw[0] !== 0x7b) {
    problems.add('BAD_HEADER_START', "the header does not start with '{'")
    return done()
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw)
  } catch {
    problems.add('BAD_UTF8', 'the header is not valid UTF-8')
    return done()
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (e) {
    problems.add('BAD_JSON', `the header is not valid JSON: ${(e as Error).message.slice(0, 200)}`)
    return done()
  }
  if (!isPlainObject(parsed)) {
    problems.add('BAD_JSON', 'the header is not a JSON object')
    return done()
  }
  // JSON.parse keeps the last of duplicate keys; other readers may keep the first, so two tensors (or two
  // metadata values) under one name can show a scanner one thing and a loader another.
  for (const key of duplicateKeys(text, MAX_LISTED)) {
    problems.add('DUPLICATE_KEY', `the key ${JSON.stringify(key.slice(0, 200))} appears more than once`)
  }

  const ranges: { begin: number; end: number; name: string }[] = []
  const unknown = new Set<string>()
  for (const [name, entry] of Object.entries(parsed)) {
    if (name === '__metadata__') {
      await readMetadata(entry, result, problems)
      continue
    }
    result.tensorCount++
    const label = JSON.stringify(name.slice(0, 200))
    if (!isPlainObject(entry)) {
      problems.add('BAD_TENSOR', `tensor ${label} is not an object`)
      continue
    }
    const { dtype, shape, data_offsets: offsets } = entry
    if (typeof dtype !== 'string') {
      problems.add('BAD_DTYPE', `tensor ${label} has no dtype string`)
      continue
    }
    if (!Array.isArray(shape) || !shape.every(isCount)) {
      problems.add('BAD_TENSOR', `tensor ${label} has a shape that is not a list of non-negative integers`)
      continue
    }
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount)) {
      problems.add('BAD_TENSOR', `tensor ${label} has data_offsets that are not two non-negative integers`)
      continue
    }
    const [begin, end] = offsets as [number, number]
    if (end < begin) {
      problems.add('BAD_TENSOR', `tensor ${label} ends (${end}) before it begins (${begin})`)
      continue
    }
    if (end > result.dataBytes) {
      problems.add(
        'OFFSET_OUT_OF_RANGE',
        `tensor ${label} ends at ${end}, past the ${result.dataBytes}-byte data buffer`
      )
    }
    ranges.push({ begin, end, name })
    const bits = DTYPE_BITS.get(dtype)
    if (bits === undefined) {
      if (unknown.size < MAX_LISTED) unknown.add(dtype.slice(0, 64))
      continue
    }
    const totalBits = shape.reduce((p, d) => p * BigInt(d), 1n) * BigInt(bits)
    if (totalBits % 8n !== 0n) {
      problems.add('SIZE_MISMATCH', `tensor ${label} (${dtype}) does not fill a whole number of bytes`)
    } else if (totalBits / 8n !== BigInt(end - begin)) {
      problems.add(
        'SIZE_MISMATCH',
        `tensor ${label} is ${dtype} ${JSON.stringify(shape)} (${totalBits / 8n} bytes) but spans ${end - begin}`
      )
    }
  }
  result.unknownDtypes = [...unknown]
  checkLayout(ranges, result.dataBytes, problems)
  return done()
}

/**
 * The reference loader requires the tensors to tile the data buffer exactly. Overlaps let one region be read
 * as two tensors; gaps and an uncovered tail are bytes no tensor accounts for, where a payload can hide.
 */
function checkLayout(
  ranges: { begin: number; end: number; name: string }[],
  dataBytes: number,
  problems: ProblemList
): void {
  ranges.sort((a, b) => a.begin - b.begin || a.end - b.end)
  let cursor = 0
  let last = ''
  for (const r of ranges) {
    if (r.begin < cursor) {
      problems.add(
        'OVERLAP',
        `tensor ${JSON.stringify(r.name.slice(0, 200))} at ${r.begin} overlaps ${JSON.stringify(last.slice(0, 200))} (ends at ${cursor})`
      )
    } else if (r.begin > cursor) {
      problems.add('INCOMPLETE_BUFFER', `bytes ${cursor}..${r.begin} of the data buffer belong to no tensor`)
    }
    if (r.end >= cursor) {
      cursor = r.end
      last = r.name
    }
  }
  if (cursor < dataBytes) {
    problems.add('INCOMPLETE_BUFFER', `bytes ${cursor}..${dataBytes} of the data buffer belong to no tensor`)
  }
}

async function readMetadata(value: unknown, result: SafetensorsResult, problems: ProblemList): Promise<void> {
  // The reference reads `__metadata__` as an optional map, so null is the same as absent.
  if (value === null) return
  if (!isPlainObject(value)) {
    problems.add('BAD_METADATA', '__metadata__ is not an object of strings')
    return
  }
  const kept: [string, string][] = []
  let templates = 0
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') {
      problems.add(
        'BAD_METADATA',
        `__metadata__ value for ${JSON.stringify(key.slice(0, 200))} is not a string`
      )
      continue
    }
    if (result.suspiciousMetadata.length < MAX_LISTED) {
      const jinja = hasJinja(v)
      const found = codeConstructs(v, 5, jinja && templates < MAX_TEMPLATES && v.length <= MAX_TEMPLATE_VALUE)
      if (jinja) templates++
      const pickle = await embeddedPickle(v)
      for (const c of pickle ? [pickle, ...found] : found) {
        if (result.suspiciousMetadata.length < MAX_LISTED)
          result.suspiciousMetadata.push({ key: key.slice(0, MAX_RETURNED_CHARS), reason: reason(c) })
      }
    }
    if (kept.length < MAX_METADATA_ENTRIES) {
      if (key.length > MAX_RETURNED_CHARS || v.length > MAX_RETURNED_CHARS) result.metadataTruncated = true
      kept.push([key.slice(0, MAX_RETURNED_CHARS), v.slice(0, MAX_RETURNED_CHARS)])
    } else {
      result.metadataTruncated = true
    }
  }
  // fromEntries defines own properties, so a key such as "__proto__" stays data and never sets a prototype.
  result.metadata = Object.fromEntries(kept)
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Integers past 2^53 lose precision in JSON.parse, so they cannot be verified and are refused. */
function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
}

/**
 * Keys that occur twice in one object of an already-valid JSON text. A single pass with a stack of key
 * sets: no recursion, so deep nesting cannot overflow the call stack.
 */
export function duplicateKeys(text: string, max: number): string[] {
  const { QUOTE, BACKSLASH, OPEN_OBJECT, CLOSE_OBJECT, OPEN_ARRAY, CLOSE_ARRAY, COMMA } = JSON_CHAR
  const out: string[] = []
  const stack: (Set<string> | null)[] = []
  let expectKey = false
  let i = 0
  while (i < text.length && out.length < max) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) {
      let j = i + 1
      let escaped = false
      while (j < text.length && text.charCodeAt(j) !== QUOTE) {
        if (text.charCodeAt(j) === BACKSLASH) {
          escaped = true
          j += 2
        } else {
          j++
        }
      }
      const top = stack[stack.length - 1]
      if (expectKey && top) {
        const key = escaped ? (JSON.parse(text.slice(i, j + 1)) as string) : text.slice(i + 1, j)
        if (top.has(key)) out.push(key)
        else top.add(key)
        expectKey = false
      }
      i = j + 1
      continue
    }
    if (c === OPEN_OBJECT) {
      stack.push(new Set())
      expectKey = true
    } else if (c === OPEN_ARRAY) {
      stack.push(null)
      expectKey = false
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      stack.pop()
      expectKey = false
    } else if (c === COMMA) {
      expectKey = stack[stack.length - 1] instanceof Set
    }
    i++
  }
  return out
}
