import path from 'node:path'
import { constants as zlibConstants, inflateRawSync } from 'node:zlib'
import { bufferAccess, EngineLimitError, type RandomAccess } from './access.js'
import type { FileReport, FindingSet } from './findings.js'
import { inspectKerasConfig } from './formats/keras.js'
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
import { EXTENSION_CLAIMS, sniff, SNIFF_BYTES } from './sniff.js'
import { CorruptMemberError, listZip, readMember, type ZipEntry } from './zip.js'

/** Archives: zip (PyTorch, Keras 3, NumPy .npz) with every member analysed in turn, to a bounded depth. */

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

export async function analyseZip(
  analysePart: AnalysePart,
  p: Part,
  ctx: AnalyseContext,
  out: FindingSet,
  formats: Set<string>,
  report: FileReport
): Promise<void> {
  const listing = await listZip(p.ra, {
    maxEntries: ctx.limits.archiveEntries,
    maxMemberBytes: ctx.limits.memberBytes
  })
  formats.add('zip')
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
    out.add({
      rule: 'SUSPICIOUS',
      ...(traversal && { threat: 'PAIT-ARV-100' as const }),
      file: p.file,
      ...(!traversal && !verifiable && { unverified: true }),
      description: `${traversal || verifiable ? 'Archive anomaly' : 'Could not be verified'}${at(p)}: ${a.kind.toLowerCase().replace(/_/g, ' ')}${a.entry ? ` in "${a.entry.slice(0, 200)}"` : ''} (${a.detail.slice(0, 200)})`
    })
  }
  const kerasZip = formats.has('keras3')
  for (const e of listing.entries) {
    if (!worthReading(e)) continue
    const member = p.member ? `${p.member}/${e.name}` : e.name
    if (Date.now() > ctx.deadline) throw new EngineLimitError('the time budget for this file ran out')
    try {
      // the first bytes decide (loaders pick their parser by content); tensor data is never read whole
      const head = await memberHead(p.ra, e).catch(() => undefined)
      const kind = head && sniff(head, e.uncompressedSize)
      // loaders open members by name: those named as a model format, code or a template are read whatever
      // their first bytes (a protocol-0 data.pkl reads as text); unnamed plain data and text are not
      const named =
        EXTENSION_CLAIMS[path.extname(e.name).toLowerCase()] !== undefined ||
        SCRIPT_EXT.test(e.name) ||
        /\.jinja2?$/i.test(e.name)
      if ((kind === 'binary' || kind === 'text' || kind === 'json') && !named) continue
      if (kind === 'zip' && p.depth + 1 > ctx.limits.archiveDepth) {
        notVerified({ ...p, member }, out, `archives nested more than ${ctx.limits.archiveDepth} deep`)
        continue
      }
      let read: Awaited<ReturnType<typeof readMember>>
      try {
        read = await readMember(p.ra, e, ctx.limits.memberBytes)
      } catch (err) {
        if (!(err instanceof CorruptMemberError) || err.partial.length === 0) throw err
        // a streaming reader (np.load of an .npz, zipfile into pickle) acts on what inflated before the fault
        out.add(unverified(p.file, member, err))
        const part: Part = {
          file: p.file,
          member,
          ra: bufferAccess(err.partial),
          name: e.name,
          depth: p.depth + 1
        }
        await analysePart(part, ctx, out, formats, report)
        continue
      }
      const { data, crcOk, truncated } = read
      if (!crcOk && !truncated) {
        out.add({
          rule: 'SUSPICIOUS',
          file: p.file,
          description: `Archive anomaly (member ${member}): its data does not match its CRC-32 (changed after the archive was written; PyTorch does not check)`
        })
      }
      const part: Part = { file: p.file, member, ra: bufferAccess(data), name: e.name, depth: p.depth + 1 }
      if (kerasZip && e.name === 'config.json') {
        const json = await readJson(part, ctx)
        if (json === NOT_JSON) notVerified(part, out, 'the Keras config is not valid JSON')
        else kerasFindings(part, inspectKerasConfig(json), out)
        continue
      }
      await analysePart(part, ctx, out, formats, report)
    } catch (err) {
      out.add(unverified(p.file, member, err))
    }
  }
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

/** A compressed stream or a non-zip archive: not opened yet, so never a pass. */
export async function analyseContainer(
  _analysePart: AnalysePart,
  p: Part,
  content: ContainerContent,
  _ctx: AnalyseContext,
  out: FindingSet,
  formats: Set<string>,
  _report: FileReport
): Promise<void> {
  formats.add(CONTAINER_FORMAT[content])
  notVerified(
    p,
    out,
    `a ${CONTAINER_FORMAT[content]} archive, which the engine does not open (loaders that unpack it would run whatever it holds)`
  )
}
