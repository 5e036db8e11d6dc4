import fs from 'node:fs/promises'
import path from 'node:path'
import { EngineLimitError, fileAccess } from './access.js'
import { analyseContainer, analyseZip } from './analyse-archive.js'
import { analyseBinary, analyseTflite } from './analyse-binary.js'
import { analyseCompanion, DATA_CONTENT } from './analyse-companion.js'
import { analyseText } from './analyse-text.js'
import { FindingSet, type FileReport } from './findings.js'
import { inspectGguf } from './formats/gguf.js'
import { findKerasModelConfig } from './formats/h5.js'
import { inspectKerasConfig } from './formats/keras.js'
import { inspectNpy } from './formats/numpy.js'
import { inspectSafetensors } from './formats/safetensors.js'
import {
  at,
  kerasFindings,
  notVerified,
  PROTOBUF_NAME,
  SCRIPT_EXT,
  TEMPLATE_NAME,
  templateFinding,
  unverifiable,
  unverified,
  type AnalyseContext,
  type Part
} from './part.js'
import { importable, walkPickles, type PickleWalk } from './pickle.js'
import { pickleFindings, type PickleFamily } from './pickle-findings.js'
import { EXTENSION_CLAIMS, HDF5_MAGIC, sniff, SNIFF_BYTES, type Content } from './sniff.js'
import type { ModelEntry } from './walk.js'

/**
 * One file of a model through the analyser its content calls for. Archives are opened and their members
 * analysed in turn (to a bounded depth); everything a file could hide behind (a wrong extension, an archive
 * the engine cannot open, a parse failure, a limit) becomes a finding, so a file is clean only when every part
 * of it was read and found clean.
 */

const PICKLE_EXT = /^\.(pkl|pickle|joblib|dill|pt|pth|ckpt|bin|dat|data)$/

export async function analyseEntry(entry: ModelEntry, ctx: AnalyseContext): Promise<FileReport> {
  const findings = new FindingSet()
  const report: FileReport = { path: entry.rel, formats: [], findings: findings.items }
  const formats = new Set<string>()
  // what a loader reads through the file's name: a link is unverified unless it stays inside the model
  // directory, and then its target is analysed under the link's name (the name decides how it is loaded)
  let abs = entry.abs
  if (entry.kind === 'symlink') {
    if (!entry.inside || !entry.target) {
      report.notModel = true
      // a link out is a finding in itself (loading or packaging through it reads a file outside the model), and
      // what it leads to was not read; a link to nothing only cannot be verified
      if (entry.target)
        findings.add({
          rule: 'SUSPICIOUS',
          threat: 'PAIT-ARV-100',
          file: entry.rel,
          description: `A symbolic link leads outside the model directory (to ${entry.target.slice(0, 300)}): loading through it reads a file that is not part of the model`
        })
      findings.add({
        rule: 'SUSPICIOUS',
        file: entry.rel,
        unverified: true,
        description: entry.target
          ? `Could not be verified: the symbolic link to ${entry.target.slice(0, 300)} was not followed out of the model directory, so what it leads to was not read`
          : 'A symbolic link leads nowhere (its target does not exist); it was not followed, so what it will hold could not be verified'
      })
      return report
    }
    abs = entry.target
  } else if (entry.kind !== 'file') {
    report.notModel = true
    findings.add({
      rule: 'SUSPICIOUS',
      file: entry.rel,
      unverified: true,
      description:
        'A special file (device, socket or pipe) is part of the model; what it holds could not be verified'
    })
    return report
  }
  let handle: fs.FileHandle
  try {
    // never through a link swapped in since the listing, never blocking on a pipe
    handle = await fs.open(abs, fs.constants.O_RDONLY | NO_FOLLOW | NON_BLOCK)
  } catch (e) {
    findings.add(unverified(entry.rel, undefined, e))
    return report
  }
  try {
    // the size when opened, not when listed: bytes added since are read too
    const st = await handle.stat()
    if (entry.kind === 'symlink' && st.isDirectory()) {
      // a link to a directory inside the model: its files are listed under their own paths
      report.notModel = true
    } else if (!st.isFile()) {
      throw new Error('not a regular file (it changed since it was listed)')
    } else {
      const c = { ...ctx, deadline: Math.min(ctx.deadline, Date.now() + ctx.limits.fileTimeMs) }
      const notModel = await analysePart(
        { file: entry.rel, ra: fileAccess(handle, st.size), name: entry.rel, depth: 0 },
        c,
        findings,
        formats,
        report
      )
      if (notModel) report.notModel = true
    }
  } catch (e) {
    findings.add(unverified(entry.rel, undefined, e))
  } finally {
    await handle.close()
  }
  findings.close()
  report.formats = [...formats]
  return report
}

const NO_FOLLOW = fs.constants.O_NOFOLLOW ?? 0
const NON_BLOCK = fs.constants.O_NONBLOCK ?? 0

/** Analyses one part; returns true when it is not a model file (documentation, plain text). */
async function analysePart(
  p: Part,
  ctx: AnalyseContext,
  out: FindingSet,
  formats: Set<string>,
  report: FileReport
): Promise<boolean> {
  if (Date.now() > ctx.deadline) throw new EngineLimitError('the time budget for this file ran out')
  const head = await p.ra.read(0, SNIFF_BYTES)
  let content = sniff(head, p.ra.size)
  const ext = path.extname(p.name).toLowerCase()
  const base = path.basename(p.name)
  const claims = EXTENSION_CLAIMS[ext]
  // pickle.load takes any stream, and protocols 0 and 1 have no magic: a file named as a pickle is walked as
  // one, and any other unidentified file is walked too and treated as a pickle when it decodes as one
  let walk: PickleWalk | undefined
  let walked: PickleWalk | undefined
  // a file another file of the model reads as data (ONNX external weights named `weights.bin`, say) is that
  // data, unless it decodes as a pickle: whatever loads it by its name then runs what the pickle imports
  const companion = p.depth === 0 && p.member === undefined ? ctx.companions?.get(p.file) : undefined
  if (
    companion &&
    DATA_CONTENT.has(content) &&
    !SCRIPT_EXT.test(base) &&
    !TEMPLATE_NAME.test(base.toLowerCase())
  ) {
    walked = await walkPickles(p.ra, { limits: ctx.limits, deadline: ctx.deadline })
    if (decodes(walked)) {
      content = 'pickle'
      walk = walked
    } else if (await analyseCompanion(p, companion, content, ctx, out, formats)) return true
  }
  // an executable's first bytes (`MZ`) are valid pickle opcodes too, and so can be a TFLite root offset's: a
  // polyglot is both
  if (
    (content === 'text' ||
      content === 'json' ||
      content === 'binary' ||
      content === 'executable' ||
      content === 'tflite') &&
    !PROTOBUF_NAME.test(p.name)
  ) {
    const claimed = PICKLE_EXT.test(ext)
    const w = walked ?? (await walkPickles(p.ra, { limits: ctx.limits, deadline: ctx.deadline }))
    // a TFLite model named .bin is not walked as a pickle by its name: its identifier says what it is
    if ((claimed && content !== 'tflite') || decodes(w)) {
      if (content === 'executable' || content === 'tflite') {
        out.add({
          rule: 'SUSPICIOUS',
          file: p.file,
          description: `'${base}'${at(p)} is ${content === 'tflite' ? 'a TFLite model' : 'an executable program'} that is also a pickle`
        })
      }
      content = 'pickle'
      walk = w
    }
  }
  if (claims && !claims.includes(content) && content !== 'empty') {
    out.add({
      rule: 'FORMAT',
      threat: 'UNAPPROVED_FORMATS',
      file: p.file,
      description: `'${base}'${at(p)} is named as ${ext} but its content is ${content}: loaders go by content, so the name hides what it is`
    })
    const hidden = await claimedFormatInside(p, claims)
    if (hidden) notVerified(p, out, hidden)
  }
  switch (content) {
    case 'empty':
      if (claims) notVerified(p, out, `the file is empty`)
      return !claims
    case 'pickle':
    case 'torch_legacy': {
      const family = familyOf(content, ext)
      formats.add('pickle')
      if (content === 'torch_legacy') formats.add('pytorch_v0_1_10')
      if (family === 'joblib') formats.add('joblib')
      const w =
        walk ??
        walked ??
        (await walkPickles(p.ra, {
          limits: ctx.limits,
          // legacy PyTorch: magic, protocol, system info, the data, the storage keys; raw storages follow
          ...(content === 'torch_legacy' && { maxPickles: 5 }),
          deadline: ctx.deadline
        }))
      pickleFindings(w, p.file, family, out, ctx.allowedGlobals)
      if (content === 'torch_legacy' && w.pickles < 5 && !w.issues.some((i) => i.kind === 'MALFORMED')) {
        out.add({
          rule: 'LOAD_TIME',
          threat: 'PAIT-PYTCH-101',
          file: p.file,
          unverified: true,
          description: `Could not be verified${at(p)}: a legacy PyTorch file with ${w.pickles} of its 5 pickles`
        })
      }
      return false
    }
    case 'zip':
      await analyseZip(analysePart, p, ctx, out, formats, report)
      return false
    case 'npy': {
      formats.add('numpy')
      const npy = await inspectNpy(p.ra)
      unverifiable(p, out, npy.problems)
      if (npy.objectDtype && npy.pickleOffset !== undefined) {
        formats.add('numpy_pickle')
        const walk = await walkPickles(p.ra, {
          limits: ctx.limits,
          offset: npy.pickleOffset,
          maxPickles: 1,
          deadline: ctx.deadline
        })
        pickleFindings(walk, p.file, 'pickle', out, ctx.allowedGlobals)
      }
      return false
    }
    case 'safetensors': {
      formats.add('safetensors')
      const st = await inspectSafetensors(p.ra)
      unverifiable(p, out, st.problems)
      if (st.tensorCount === 0 && st.problems.length === 0) report.holdsNothing = true
      for (const s of st.suspiciousMetadata) {
        out.add({
          rule: 'SUSPICIOUS',
          file: p.file,
          description: `Metadata entry "${s.key.slice(0, 100)}"${at(p)} ${s.reason}`
        })
      }
      return false
    }
    case 'gguf': {
      formats.add('gguf')
      const g = await inspectGguf(p.ra)
      unverifiable(p, out, g.problems)
      for (const t of g.chatTemplates) templateFinding(p, t.key, t.value, out, 'PAIT-GGUF-101')
      if (g.license) report.licenses = [...(report.licenses ?? []), g.license.toLowerCase().slice(0, 100)]
      return false
    }
    case 'tflite':
      await analyseTflite(p, ctx, out, formats)
      return false
    case 'ggml':
      formats.add('ggml')
      notVerified(p, out, `legacy GGML format, which the engine does not read`)
      return false
    case 'hdf5': {
      // a user block before the superblock is the file's first bytes, which pickle.load and torch.load read
      if (!head.subarray(0, HDF5_MAGIC.length).equals(HDF5_MAGIC)) {
        const w = await walkPickles(p.ra, { limits: ctx.limits, deadline: ctx.deadline })
        if (decodes(w)) {
          formats.add('pickle')
          pickleFindings(w, p.file, familyOf('pickle', ext), out, ctx.allowedGlobals)
        }
      }
      const h5 = await findKerasModelConfig(p.ra)
      unverifiable(p, out, h5.problems)
      if (h5.modelConfig !== undefined) {
        formats.add('keras_legacy_h5')
        kerasFindings(p, inspectKerasConfig(h5.modelConfig), out)
      } else formats.add('keras_weights')
      return false
    }
    case 'llamafile':
      formats.add('llamafile')
      out.add({
        rule: 'RUNTIME',
        threat: 'PAIT-LMAFL-300',
        file: p.file,
        description: `'${base}'${at(p)} is a llamafile: an executable that runs when the model is served`
      })
      return false
    case 'executable':
    case 'script':
      out.add({
        rule: 'SUSPICIOUS',
        file: p.file,
        description: `'${base}'${at(p)} is ${content === 'script' ? 'a script' : 'an executable program'} bundled with the model`
      })
      return true
    case '7z':
    case 'rar':
    case 'gzip':
    case 'bzip2':
    case 'xz':
    case 'zstd':
    case 'tar':
    case 'zlib':
    case 'lzma':
    case 'lz4':
      await analyseContainer(analysePart, p, content, ctx, out, formats, report)
      return false
    case 'json':
    case 'text':
      // protobuf files can begin with bytes that read as text: their names decide
      if (PROTOBUF_NAME.test(p.name)) return analyseBinary(p, ctx, out, formats)
      return analyseText(p, content, ctx, out, formats, report)
    case 'binary':
      // a template is read by name, whatever its bytes: a control character in a comment must not hide it
      if (TEMPLATE_NAME.test(base.toLowerCase())) return analyseText(p, 'text', ctx, out, formats, report)
      return analyseBinary(p, ctx, out, formats)
  }
}

/** The walk read pickle opcodes: a whole pickle, an import, or valid opcodes up to a limit. */
const decodes = (w: PickleWalk): boolean =>
  w.pickles > 0 || w.imports.some(importable) || w.issues.some((i) => i.kind === 'LIMIT')

function familyOf(content: Content, ext: string): PickleFamily {
  return content === 'torch_legacy' || /\.(pt|pth|ckpt|bin)$/.test(ext)
    ? 'pytorch'
    : ext === '.joblib'
      ? 'joblib'
      : 'pickle'
}

/**
 * The format a file's name claims, found where its loader looks for it but past the bytes that decided the
 * content: Python's zipfile (Keras `.keras`) finds an archive by its end record, after anything; the HDF5
 * library looks for its superblock at 0, 512, 1024, 2048 and every further doubling.
 */
async function claimedFormatInside(p: Part, claims: readonly Content[]): Promise<string | undefined> {
  if (claims.includes('zip')) {
    const length = Math.min(p.ra.size, 0xffff + 22)
    const tail = await p.ra.read(p.ra.size - length, length)
    if (tail.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06])))
      return 'a zip archive follows other content (zip readers that search for its end record load it)'
  }
  if (claims.includes('hdf5')) {
    for (let offset = 0; offset + HDF5_MAGIC.length <= p.ra.size; offset = offset ? offset * 2 : 512) {
      if ((await p.ra.read(offset, HDF5_MAGIC.length)).equals(HDF5_MAGIC))
        return `an HDF5 superblock at byte ${offset}, after other content (the HDF5 library finds it there)`
    }
  }
  return undefined
}
