import path from 'node:path'
import { constants as zlibConstants, inflateRawSync } from 'node:zlib'
import { EngineLimitError, sliceAccess, type RandomAccess } from './access.js'
import { bzip2Streams } from './bzip2.js'
import { decodeBounded, inputSource, lz4Frames, zlibSource, type DecodeSource } from './decompress.js'
import type { FileReport, FindingSet } from './findings.js'
import { inspectKerasConfig } from './formats/keras.js'
import { lzmaAlone, xzStreams } from './lzma.js'
import {
  at,
  kerasFindings,
  notVerified,
  NOT_JSON,
  readJson,
  SCRIPT_EXT,
  unverified,
  type AnalysePart,
  type AnalyseContext,
  type Part
} from './part.js'
import { walkPickles, type PickleWalk } from './pickle.js'
import { pickleFindings } from './pickle-findings.js'
import { EXTENSION_CLAIMS, sniff, SNIFF_BYTES, type Content } from './sniff.js'
import { listTar, normalise } from './tar.js'
import { listZip, openMember, type ZipEntry } from './zip.js'

/**
 * Archives and compressed streams: zip (PyTorch, Keras 3, NumPy .npz) and tar (PyTorch's oldest format) with
 * every member analysed in turn, and gzip, zlib (joblib's own framing too), bzip2, xz, LZMA and LZ4 streams
 * decoded and their content analysed, to a bounded depth. Decoded data is read through decompress.ts, so memory
 * stays flat whatever a member inflates to; its byte limit is the engine's `memberBytes`.
 */

/** Contents that are opened as archives or decoded: the depth limit applies before they are read. */
const CONTAINERS: ReadonlySet<Content> = new Set<Content>([
  'zip',
  '7z',
  'rar',
  'gzip',
  'bzip2',
  'xz',
  'zstd',
  'tar',
  'zlib',
  'lzma',
  'lz4'
])

const tooDeep = (depth: number, ctx: AnalyseContext) => depth > ctx.limits.archiveDepth

/**
 * Loaders open members by name: those named as a model format, code or a template are read whatever their first
 * bytes (a protocol-0 data.pkl reads as text); unnamed plain data and text are not.
 */
function plainData(kind: Content | undefined, name: string): boolean {
  const named =
    EXTENSION_CLAIMS[path.extname(name).toLowerCase()] !== undefined ||
    SCRIPT_EXT.test(name) ||
    /\.jinja2?$/i.test(name)
  return (kind === 'binary' || kind === 'text' || kind === 'json') && !named
}

/** Members the engine opens: not directories. */
function worthReading(e: ZipEntry): boolean {
  // flag 0x1 alone does not stop PyTorch: the reader returns what is evidently not encrypted, or throws;
  // a member marked as a symbolic link is still data to PyTorch and Python's zipfile (and is an anomaly too)
  return !e.isDirectory
}

/** The first bytes of a member, without reading the rest: stored data is read in place, deflate partly inflated. */
async function memberHead(ra: RandomAccess, e: ZipEntry): Promise<Buffer> {
  if (!e.hasLocalHeader || e.dataOffset < 0) throw new Error('no local header, cannot locate data')
  const take = Math.min(e.compressedSize, Math.max(0, ra.size - e.dataOffset))
  if (e.method === 0) return ra.read(e.dataOffset, Math.min(take, SNIFF_BYTES))
  if (e.method !== 8) throw new Error(`compression method ${e.method} is not supported`)
  // deflate expands at most about 1032:1, so 4 KiB of input gives at most about 4 MiB of output
  const compressed = await ra.read(e.dataOffset, Math.min(take, SNIFF_BYTES))
  return inflateRawSync(compressed, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).subarray(0, SNIFF_BYTES)
}

const memberPath = (p: Part, name: string) => (p.member ? `${p.member}/${name}` : name)

export async function analyseZip(
  analysePart: AnalysePart,
  p: Part,
  ctx: AnalyseContext,
  out: FindingSet,
  formats: Set<string>,
  report: FileReport
): Promise<void> {
  formats.add('zip')
  if (tooDeep(p.depth, ctx)) {
    notVerified(p, out, `archives nested more than ${ctx.limits.archiveDepth} deep`)
    return
  }
  const listing = await listZip(p.ra, {
    maxEntries: ctx.limits.archiveEntries,
    maxMemberBytes: ctx.limits.memberBytes
  })
  const names = listing.entries.map((e) => e.name)
  if (names.some((n) => /(^|\/)data\.pkl$/.test(n)))
    formats.add(
      names.some((n) => /(^|\/)code\//.test(n) || /(^|\/)constants\.pkl$/.test(n))
        ? 'pytorch_torch_script'
        : 'pytorch_v1_13'
    )
  if (names.includes('config.json') && names.includes('metadata.json')) formats.add('keras3')
  if (names.length > 0 && names.every((n) => n.endsWith('.npy'))) formats.add('numpy_zip')
  for (const a of listing.anomalies) {
    const traversal = a.kind === 'PATH_TRAVERSAL' || a.kind === 'ABSOLUTE_PATH' || a.kind === 'SYMLINK'
    const verifiable = [
      'COMPRESSION_RATIO',
      'DUPLICATE_NAME',
      'NAME_MISMATCH',
      'FLAG_BITS',
      'FLAG_MISMATCH',
      'METHOD_MISMATCH',
      'SUSPICIOUS_NAME',
      'DATA_OUTSIDE_ENTRIES',
      'CRC_MISMATCH',
      'SIZE_MISMATCH'
    ].includes(a.kind)
    anomaly(p, out, a, traversal, verifiable)
  }
  const kerasZip = formats.has('keras3')
  for (const e of listing.entries) {
    if (!worthReading(e)) continue
    const member = memberPath(p, e.name)
    if (Date.now() > ctx.deadline) throw new EngineLimitError('the time budget for this file ran out')
    try {
      // the first bytes decide (loaders pick their parser by content); tensor data is never read whole
      const head = await memberHead(p.ra, e).catch(() => undefined)
      const kind = head && sniff(head, e.uncompressedSize)
      if (plainData(kind, e.name)) continue
      if (kind && CONTAINERS.has(kind) && tooDeep(p.depth + 1, ctx)) {
        notVerified({ ...p, member }, out, `archives nested more than ${ctx.limits.archiveDepth} deep`)
        continue
      }
      const m = await openMember(p.ra, e, {
        maxBytes: ctx.limits.memberBytes,
        deadline: ctx.deadline,
        maxRead: ctx.limits.decodedReadBytes
      })
      try {
        if (m.fault) {
          if (m.size === 0) throw m.fault
          // a streaming reader (np.load of an .npz, zipfile into pickle) acts on what inflated before the fault
          out.add(unverified(p.file, member, m.fault))
        } else if (!m.crcOk && !m.truncated) {
          out.add({
            rule: 'SUSPICIOUS',
            file: p.file,
            description: `Archive anomaly (member ${member}): its data does not match its CRC-32 (changed after the archive was written; PyTorch does not check)`
          })
        }
        const part: Part = { file: p.file, member, ra: m.ra, name: e.name, depth: p.depth + 1 }
        if (kerasZip && e.name === 'config.json' && !m.fault) {
          const json = await readJson(part, ctx)
          if (json === NOT_JSON) notVerified(part, out, 'the Keras config is not valid JSON')
          else kerasFindings(part, inspectKerasConfig(json), out)
          continue
        }
        await analysePart(part, ctx, out, formats, report)
      } finally {
        await m.close()
      }
    } catch (err) {
      out.add(unverified(p.file, member, err))
    }
  }
}

/** One archive anomaly: path escapes are arbitrary-file findings, others verifiable oddities or unverified. */
function anomaly(
  p: Part,
  out: FindingSet,
  a: { kind: string; entry?: string; detail: string },
  traversal: boolean,
  verifiable: boolean
): void {
  out.add({
    rule: 'SUSPICIOUS',
    ...(traversal && { threat: 'PAIT-ARV-100' as const }),
    file: p.file,
    ...(!traversal && !verifiable && { unverified: true }),
    description: `${traversal || verifiable ? 'Archive anomaly' : 'Could not be verified'}${at(p)}: ${a.kind.toLowerCase().replace(/_/g, ' ')}${a.entry ? ` in "${a.entry.slice(0, 200)}"` : ''} (${a.detail.slice(0, 200)})`
  })
}

/** Containers other than zip, by their content. */
export type ContainerContent =
  '7z' | 'rar' | 'gzip' | 'bzip2' | 'xz' | 'zstd' | 'tar' | 'zlib' | 'lzma' | 'lz4'

/** The format name each container is reported under. */
const CONTAINER_FORMAT: Record<ContainerContent, string> = {
  '7z': '7_zip',
  rar: 'rar',
  gzip: 'gzip',
  bzip2: 'bzip2',
  xz: 'xz',
  zstd: 'zstd',
  tar: 'tar',
  zlib: 'zlib',
  lzma: 'lzma',
  lz4: 'lz4'
}

/** File name suffixes of each compressed format, and what they stand for once removed. */
const SUFFIXES: Partial<Record<ContainerContent, [RegExp, string][]>> = {
  gzip: [
    [/\.tgz$/i, '.tar'],
    [/\.gz(?:ip)?$/i, '']
  ],
  bzip2: [
    [/\.tbz2?$/i, '.tar'],
    [/\.bz2?$/i, '']
  ],
  xz: [
    [/\.txz$/i, '.tar'],
    [/\.xz$/i, '']
  ],
  lzma: [
    [/\.tlz$/i, '.tar'],
    [/\.lzma$/i, '']
  ],
  lz4: [[/\.lz4$/i, '']],
  // joblib < 0.10 keeps an array's raw bytes as `<pickle>_NN.npy.z` (ZNDArrayWrapper, read back as bytes): no
  // .npy file inside, so the inner name claims nothing
  zlib: [
    [/\.npy\.z$/i, '.npy.z-data'],
    [/\.(?:z|zz|zlib)$/i, '']
  ]
}

/** The name of what a compressed file holds: its own name without the compression suffix. */
function innerName(name: string, content: ContainerContent): string {
  for (const [suffix, replacement] of SUFFIXES[content] ?? []) {
    if (suffix.test(name)) {
      const inner = name.replace(suffix, replacement)
      if (path.basename(inner) !== '') return inner
    }
  }
  return name
}

/**
 * joblib's files before 0.10 (`ZF`, numpy_pickle_compat.read_zfile): "ZF", the data's length in hex padded to
 * 19 characters (a 20th, a space, from Python 2 and joblib ≤ 0.8.4), then one zlib stream.
 */
async function zfileStart(ra: RandomAccess): Promise<number | undefined> {
  const head = await ra.read(0, 22)
  if (head.toString('latin1', 0, 2) !== 'ZF') return 0
  // int(length, 16) of the padded field
  if (head.length < 22 || !/^\s*0x[0-9a-f]+\s*$/i.test(head.toString('latin1', 2, 21))) return undefined
  return head[21] === 0x20 ? 22 : 21
}

/** How each compressed format is decoded. */
function codec(content: ContainerContent, ra: RandomAccess, offset: number): DecodeSource | undefined {
  const length = ra.size - offset
  switch (content) {
    case 'gzip':
    case 'zlib':
      return zlibSource(content, ra, offset, length)
    case 'bzip2':
      return inputSource(ra, offset, length, bzip2Streams)
    case 'xz':
      return inputSource(ra, offset, length, xzStreams)
    case 'lzma':
      return inputSource(ra, offset, length, lzmaAlone)
    case 'lz4':
      return inputSource(ra, offset, length, lz4Frames)
    default:
      return undefined
  }
}

/**
 * A compressed stream or a non-zip archive. Compressed data is decoded and what it holds analysed as a part of
 * its own (joblib's compressed pickles are walked like plain ones); what decoded before a fault is analysed and
 * the fault reported. 7z, rar and zstd are not opened (no maintained JavaScript reader of the first two;
 * zstd is written by no model library), so they are never a pass.
 */
export async function analyseContainer(
  analysePart: AnalysePart,
  p: Part,
  content: ContainerContent,
  ctx: AnalyseContext,
  out: FindingSet,
  formats: Set<string>,
  report: FileReport
): Promise<void> {
  const format = CONTAINER_FORMAT[content]
  formats.add(format)
  if (tooDeep(p.depth, ctx)) {
    notVerified(p, out, `archives nested more than ${ctx.limits.archiveDepth} deep`)
    return
  }
  if (content === 'tar') {
    await analyseTar(analysePart, p, ctx, out, formats, report)
    return
  }
  const offset = content === 'zlib' ? await zfileStart(p.ra) : 0
  if (offset === undefined) {
    notVerified(p, out, `a joblib ZF file whose length field is not a hexadecimal number`)
    return
  }
  if (offset > 0) formats.add('joblib')
  const source = codec(content, p.ra, offset)
  if (!source) {
    notVerified(
      p,
      out,
      `a ${format} archive, which the engine does not open (loaders that unpack it would run whatever it holds)`
    )
    return
  }
  const decoded = await decodeBounded(source, {
    maxBytes: ctx.limits.memberBytes,
    deadline: ctx.deadline,
    what: `the ${format} data`,
    maxRead: ctx.limits.decodedReadBytes
  })
  try {
    if (decoded.fault) {
      const why =
        decoded.fault instanceof EngineLimitError
          ? decoded.fault
          : new Error(`the ${format} data breaks after ${decoded.size} bytes: ${decoded.fault.message}`)
      out.add(unverified(p.file, p.member, why))
    }
    if (decoded.size === 0 && decoded.fault) return
    const name = innerName(p.name, content)
    const part: Part = {
      file: p.file,
      member: memberPath(p, path.basename(name)),
      ra: decoded.ra,
      name,
      depth: p.depth + 1
    }
    await analysePart(part, ctx, out, formats, report)
  } finally {
    await decoded.close()
  }
}

/** PyTorch's storage classes of the legacy tar format, by the size of their elements. */
const ELEMENT_SIZE: ReadonlyMap<string, number> = new Map([
  ['DoubleStorage', 8],
  ['FloatStorage', 4],
  ['HalfStorage', 2],
  ['LongStorage', 8],
  ['IntStorage', 4],
  ['ShortStorage', 2],
  ['CharStorage', 1],
  ['ByteStorage', 1],
  ['BoolStorage', 1],
  ['BFloat16Storage', 2],
  ['ComplexDoubleStorage', 16],
  ['ComplexFloatStorage', 8],
  ['QUInt8Storage', 1],
  ['QInt8Storage', 1],
  ['QInt32Storage', 4],
  ['QUInt4x2Storage', 1],
  ['QUInt2x4Storage', 1]
])

/** The members torch.load's legacy tar branch reads (tarfile matches normalised names). */
const TORCH_TAR_MEMBERS = ['pickle', 'storages', 'tensors']

async function analyseTar(
  analysePart: AnalysePart,
  p: Part,
  ctx: AnalyseContext,
  out: FindingSet,
  formats: Set<string>,
  report: FileReport
): Promise<void> {
  const listing = await listTar(p.ra, ctx.limits.archiveEntries)
  const names = new Set(listing.entries.map((e) => normalise(e.name)))
  const torch = TORCH_TAR_MEMBERS.every((n) => names.has(n))
  if (torch) formats.add('pytorch_tar')
  for (const a of listing.anomalies) {
    const traversal =
      a.kind === 'PATH_TRAVERSAL' ||
      a.kind === 'ABSOLUTE_PATH' ||
      a.kind === 'SYMLINK' ||
      a.kind === 'HARDLINK'
    anomaly(p, out, a, traversal, a.kind === 'DUPLICATE_NAME')
  }
  for (const e of listing.entries) {
    if (!e.isFile) continue
    const member = memberPath(p, e.name)
    if (Date.now() > ctx.deadline) throw new EngineLimitError('the time budget for this file ran out')
    try {
      const ra = sliceAccess(p.ra, e.dataOffset, e.size)
      const kind = sniff(await ra.read(0, SNIFF_BYTES), ra.size)
      const part: Part = { file: p.file, member, ra, name: e.name, depth: p.depth + 1 }
      const which = normalise(e.name)
      if (torch && (which === 'storages' || which === 'tensors')) {
        await torchRecords(part, which, ctx, out)
        continue
      }
      if (plainData(kind, e.name)) continue
      if (CONTAINERS.has(kind) && tooDeep(part.depth, ctx)) {
        notVerified(part, out, `archives nested more than ${ctx.limits.archiveDepth} deep`)
        continue
      }
      await analysePart(part, ctx, out, formats, report)
    } catch (err) {
      out.add(unverified(p.file, member, err))
    }
  }
}

/**
 * The `storages` and `tensors` members of a legacy tar checkpoint, read as torch.load reads them: a pickle (the
 * count), then per record a pickle and raw bytes (a storage: an int64 element count and its elements, whose
 * size the storage class in the pickle gives; a tensor: ndim, 4 bytes, sizes, strides, offset); `storages`
 * ends with the pickle of the storage views. Every pickle is walked; bytes that cannot be placed are unverified.
 */
async function torchRecords(
  p: Part,
  which: 'storages' | 'tensors',
  ctx: AnalyseContext,
  out: FindingSet
): Promise<void> {
  const walk = (offset: number): Promise<PickleWalk> =>
    walkPickles(p.ra, { limits: ctx.limits, offset, maxPickles: 1, deadline: ctx.deadline })
  const cannot = (why: string) => notVerified(p, out, `the legacy PyTorch ${which} ${why}`)
  let offset = 0
  for (let records = 0; offset < p.ra.size; records++) {
    if (records > ctx.limits.picklesPerFile * 1000)
      return cannot('member holds more records than the engine reads')
    const w = await walk(offset)
    pickleFindings(w, p.file, 'pytorch', out, ctx.allowedGlobals)
    if (w.pickles < 1) return
    offset = w.end
    if (records === 0) continue
    if (which === 'tensors') {
      const head = await p.ra.read(offset, 4)
      const ndim = head.length === 4 ? head.readInt32LE(0) : -1
      if (ndim < 0 || ndim > 1024) return cannot(`record at byte ${offset} has no valid dimension count`)
      offset += 8 + 16 * ndim + 8
    } else {
      const sizes = new Set(
        w.imports
          .filter((i) => i.module === 'torch' || i.module === 'torch.cuda')
          .flatMap((i) => ELEMENT_SIZE.get(i.name) ?? [])
      )
      // the storage views: the last pickle torch reads from this member
      if (sizes.size === 0) return
      const count = await p.ra.read(offset, 8)
      const n = count.length === 8 ? Number(count.readBigInt64LE(0)) : -1
      if (sizes.size > 1 || n < 0) return cannot(`record at byte ${offset} has no readable element count`)
      offset += 8 + n * [...sizes][0]!
    }
    if (offset > p.ra.size) return cannot('data runs past the end of the member')
  }
}
