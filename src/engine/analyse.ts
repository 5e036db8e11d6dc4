import fs from 'node:fs/promises'
import path from 'node:path'
import { constants as zlibConstants, inflateRawSync } from 'node:zlib'
import { bufferAccess, EngineLimitError, fileAccess, type RandomAccess } from './access.js'
import { FindingSet, type FileReport, type Finding } from './findings.js'
import { inspectGguf } from './formats/gguf.js'
import { findKerasModelConfig } from './formats/h5.js'
import { inspectKerasConfig, type KerasReport } from './formats/keras.js'
import { inspectNpy } from './formats/numpy.js'
import { inspectOnnx } from './formats/onnx.js'
import { inspectSafetensors } from './formats/safetensors.js'
import {
  inspectGraphDef,
  inspectKerasMetadata,
  inspectSavedModel,
  TF_UNSAFE_OP_INFO,
  type SavedModelReport
} from './formats/savedmodel.js'
import { isUnverifiable, templateThreats } from './formats/template.js'
import type { EngineLimits } from './limits.js'
import {
  autoMapEntries,
  chatTemplates,
  LICENSE_FILE,
  licenseOfText,
  licensesOfModelCard,
  MODEL_CARD
} from './metadata.js'
import { walkPickles, type PickleWalk } from './pickle.js'
import { pickleFindings, type PickleFamily } from './pickle-findings.js'
import { EXTENSION_CLAIMS, HDF5_MAGIC, sniff, SNIFF_BYTES, type Content } from './sniff.js'
import type { ModelEntry } from './walk.js'
import { CorruptMemberError, listZip, readMember, type ZipEntry } from './zip.js'

/**
 * One file of a model through the analyser its content calls for. Archives are opened and their members
 * analysed in turn (to a bounded depth); everything a file could hide behind (a wrong extension, an archive
 * the engine cannot open, a parse failure, a limit) becomes a finding, so a file is clean only when every part
 * of it was read and found clean.
 */

export interface AnalyseContext {
  limits: EngineLimits
  allowedGlobals: ReadonlySet<string>
  /** time after which analysers stop (the file's budget, or the run's) */
  deadline: number
}

interface Part {
  /** the top-level file the findings belong to */
  file: string
  /** where inside it (archive member path), for descriptions */
  member?: string
  ra: RandomAccess
  /** the part's own name, for extension checks */
  name: string
  depth: number
}

const ARCHIVE_FORMAT: Partial<Record<Content, string>> = {
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

const PICKLE_EXT = /^\.(pkl|pickle|joblib|dill|pt|pth|ckpt|bin|dat|data)$/

const PROTOBUF_NAME = /(?:^|\/)(?:saved_model|keras_metadata)\.pb$|\.onnx$/i

const SCRIPT_EXT =
  /\.(py|pyc|pyo|pyw|sh|bash|zsh|bat|cmd|ps1|vbs|js|mjs|cjs|rb|pl|php|lua|so|dll|dylib|exe|jar)$/i

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
      findings.add({
        rule: 'SUSPICIOUS',
        file: entry.rel,
        unverified: true,
        description: entry.target
          ? `A symbolic link leads outside the model directory (to ${entry.target.slice(0, 300)}); it was not followed, so what it holds could not be verified`
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

function unverified(file: string, member: string | undefined, e: unknown): Finding {
  const why =
    e instanceof EngineLimitError
      ? `a limit was reached (${e.message})`
      : e instanceof Error
        ? e.message
        : String(e)
  return {
    rule: 'SUSPICIOUS',
    file,
    unverified: true,
    description: `Could not be verified${member ? ` (member ${member})` : ''}: ${why.slice(0, 300)}`
  }
}

const at = (p: Part) => (p.member ? ` (member ${p.member})` : '')

/** A part (or something in it) that could not be verified: a violation, never a pass. */
function notVerified(p: Part, out: FindingSet, why: string, rule: Finding['rule'] = 'SUSPICIOUS'): void {
  out.add({ rule, file: p.file, unverified: true, description: `Could not be verified${at(p)}: ${why}` })
}

/** Every problem an analyser reported. */
function unverifiable(p: Part, out: FindingSet, problems: readonly { detail: string }[]): void {
  for (const problem of problems) notVerified(p, out, problem.detail)
}

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
  // an executable's first bytes (`MZ`) are valid pickle opcodes too: a polyglot is both
  if (
    (content === 'text' || content === 'json' || content === 'binary' || content === 'executable') &&
    !PROTOBUF_NAME.test(p.name)
  ) {
    const claimed = PICKLE_EXT.test(ext)
    const w = await walkPickles(p.ra, { limits: ctx.limits, deadline: ctx.deadline })
    if (claimed || decodes(w)) {
      if (content === 'executable') {
        out.add({
          rule: 'SUSPICIOUS',
          file: p.file,
          description: `'${base}'${at(p)} is an executable program that is also a pickle`
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
      await analyseZip(p, ctx, out, formats, report)
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
      formats.add(ARCHIVE_FORMAT[content]!)
      notVerified(
        p,
        out,
        `a ${ARCHIVE_FORMAT[content]} archive, which the engine does not open (loaders that unpack it would run whatever it holds)`
      )
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

/** Files a chat-template loader reads by name (`chat_template.jinja`, `additional_chat_templates/*.jinja`). */
const TEMPLATE_NAME = /\.jinja2?$/

/** The walk read pickle opcodes: a whole pickle, an import, or valid opcodes up to a limit. */
const decodes = (w: PickleWalk): boolean =>
  w.pickles > 0 || w.imports.length > 0 || w.issues.some((i) => i.kind === 'LIMIT')

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

function templateFinding(
  p: Part,
  name: string,
  template: string,
  out: FindingSet,
  threat?: 'PAIT-GGUF-101'
): void {
  const threats = templateThreats(template)
  if (threats.length === 0) return
  // findings come first: a template is "could not verify" only when nothing in it was found dangerous
  const first = threats[0]!
  const unverified = isUnverifiable(first.pattern)
  const what = unverified ? 'could not be verified' : 'can run code when rendered'
  out.add({
    rule: 'RUNTIME',
    ...(threat && { threat }),
    file: p.file,
    // a template over the analyser's size, one Jinja cannot parse or names it cannot fold: not a pass
    ...(unverified && { unverified: true }),
    description: `The chat template ${name.slice(0, 100)}${at(p)} ${what}: ${first.pattern} (${first.excerpt.slice(0, 120)})${threats.length > 1 ? ` and ${threats.length - 1} more` : ''}`
  })
}

function kerasFindings(p: Part, k: KerasReport, out: FindingSet): void {
  for (const f of k.findings) {
    out.add({
      rule: 'RUNTIME',
      threat: f.kind === 'LAMBDA' ? 'PAIT-KERAS-300' : undefined,
      file: p.file,
      ...(f.module && { module: f.module }),
      ...(f.name && { operator: f.name }),
      description: `${f.detail}${at(p)}`
    })
  }
  unverifiable(p, out, k.problems)
}

/** What `readJson` returns for a document no JSON parser reads. */
const NOT_JSON = Symbol('not JSON')

/** All of a part's bytes, when there are at most `limit` of them. */
async function readWhole(p: Part, limit: number, what: string): Promise<Buffer> {
  if (p.ra.size > limit) throw new EngineLimitError(`a ${p.ra.size}-byte ${what}`)
  return p.ra.read(0, p.ra.size)
}

/**
 * A JSON document as Python's json module reads it: a leading byte-order mark (json.loads of bytes drops it)
 * and the constants NaN, Infinity and -Infinity (Python writes and reads them) do not hide the rest.
 */
async function readJson(p: Part, ctx: AnalyseContext): Promise<unknown> {
  const text = (await readWhole(p, ctx.limits.jsonBytes, 'JSON document'))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
  try {
    return JSON.parse(text) as unknown
  } catch {
    try {
      return JSON.parse(withoutPythonConstants(text)) as unknown
    } catch {
      return NOT_JSON
    }
  }
}

/** `text` with NaN, Infinity and -Infinity outside strings replaced by null. */
function withoutPythonConstants(text: string): string {
  return text.replace(/"[^"\\]*(?:\\.[^"\\]*)*"|-?\b(?:NaN|Infinity)\b/g, (m) =>
    m.startsWith('"') ? m : 'null'
  )
}

async function analyseText(
  p: Part,
  content: 'json' | 'text',
  ctx: AnalyseContext,
  out: FindingSet,
  formats: Set<string>,
  report: FileReport
): Promise<boolean> {
  const base = path.basename(p.name)
  const lower = base.toLowerCase()
  if (SCRIPT_EXT.test(lower)) {
    out.add({
      rule: 'SUSPICIOUS',
      file: p.file,
      description: lower.endsWith('.py')
        ? `'${base}'${at(p)} is Python code shipped with the model (loading with trust_remote_code would run it)`
        : `'${base}'${at(p)} is a script bundled with the model`
    })
    return true
  }
  // a template first: `additional_chat_templates/license.jinja` is rendered whatever its name says
  if (TEMPLATE_NAME.test(lower)) {
    // the whole template: what a renderer reads past a cut would not be checked
    const text = (await readWhole(p, ctx.limits.jsonBytes, 'template')).toString('utf8')
    templateFinding(p, base, text, out)
    return true
  }
  if (MODEL_CARD.test(p.name) || LICENSE_FILE.test(p.name)) {
    const text = (await p.ra.read(0, Math.min(p.ra.size, 1024 * 1024))).toString('utf8')
    const found = MODEL_CARD.test(p.name)
      ? licensesOfModelCard(text)
      : [licenseOfText(text)].filter((l): l is string => !!l)
    report.licenseSource = true
    if (found.length) report.licenses = [...(report.licenses ?? []), ...found]
    return true
  }
  if (/(?:^|\/)saved_model\.pbtxt$/i.test(p.name)) {
    formats.add('tensorflow')
    notVerified(p, out, 'a SavedModel in protobuf text format, which the engine does not read')
    return false
  }
  if (/\.ya?ml$/.test(lower)) {
    formats.add('yaml')
    return false
  }
  // configs are loaded by name (json.load of tokenizer_config.json): a .json file is parsed whatever the sniff
  // saw in its first bytes (4 KiB of spaces read as text)
  if (content === 'text' && !lower.endsWith('.json')) return true
  // JSON: configs that name code to run, templates, Keras architectures
  const json = await readJson(p, ctx)
  formats.add(lower.endsWith('.safetensors.index.json') ? 'safetensors_index' : 'json')
  if (json === NOT_JSON) {
    // configs are loaded by name: one that does not parse here may still parse for its loader
    if (lower.endsWith('.json')) notVerified(p, out, 'the file is not valid JSON')
    return false
  }
  for (const entry of autoMapEntries(json)) {
    out.add({
      rule: 'SUSPICIOUS',
      file: p.file,
      description: `auto_map loads custom code from the repository${at(p)}: ${entry} (needs trust_remote_code)`
    })
  }
  for (const t of chatTemplates(json)) templateFinding(p, `"${t.name}"`, t.template, out)
  const templates =
    typeof json === 'object' && json !== null ? (json as Record<string, unknown>).chat_template : undefined
  if (Array.isArray(templates) && templates.length > 100) {
    notVerified(p, out, `${templates.length} chat templates, more than the 100 the engine checks`)
  } else if (typeof templates === 'object' && templates !== null && !Array.isArray(templates)) {
    // transformers keeps a mapping of names to templates as it is, and renders its "default" (or a named one)
    for (const [name, t] of Object.entries(templates).slice(0, 100))
      if (typeof t === 'string') templateFinding(p, `"${name.slice(0, 100)}"`, t, out)
    if (Object.keys(templates).length > 100) notVerified(p, out, 'more than 100 chat templates')
  }
  if (
    typeof json === 'object' &&
    json !== null &&
    'class_name' in json &&
    ('config' in json || 'layers' in json)
  ) {
    formats.add('keras_model_json')
    kerasFindings(p, inspectKerasConfig(json), out)
  }
  return false
}

/** What a SavedModel or a frozen graph runs: unsafe operators outside the saver functions, unknown operators. */
function tensorflowFindings(p: Part, tf: SavedModelReport, out: FindingSet): void {
  unverifiable(p, out, tf.problems)
  for (const op of tf.unsafeOps) {
    // every SavedModel's own save/restore functions read and write checkpoints; elsewhere those ops are unusual
    if (op.severity === 'low' || (op.saverContext && TF_UNSAFE_OP_INFO.get(op.op)?.checkpoint)) continue
    out.add({
      rule: 'RUNTIME',
      threat: op.severity === 'critical' ? 'PAIT-TF-300' : 'PAIT-TF-301',
      file: p.file,
      operator: op.op,
      description:
        (op.severity === 'critical'
          ? `Operator ${op.op} (node ${op.node.slice(0, 100)}, ${op.where.slice(0, 100)})${at(p)} runs Python code when the model runs`
          : `Operator ${op.op} (node ${op.node.slice(0, 100)}, ${op.where.slice(0, 100)})${at(p)} reads or writes files, processes or the network when the model runs`) +
        (op.detail ? `: ${op.detail.slice(0, 200)}` : '')
    })
  }
  if (tf.unsafeOpsTruncated) notVerified(p, out, 'more unsafe operators than the engine lists', 'RUNTIME')
  for (const op of tf.unknownOps) {
    out.add({
      rule: 'OPERATORS',
      threat: 'PAIT-TF-302',
      file: p.file,
      operator: op,
      description: `Operator ${op.slice(0, 100)}${at(p)} is not a known TensorFlow operator`
    })
  }
}

async function analyseBinary(
  p: Part,
  ctx: AnalyseContext,
  out: FindingSet,
  formats: Set<string>
): Promise<boolean> {
  const base = path.basename(p.name).toLowerCase()
  const ext = path.extname(base)
  const whole = () => readWhole(p, ctx.limits.memberBytes, 'file read whole for this format')
  if (ext === '.onnx') {
    formats.add('onnx')
    const onnx = inspectOnnx(await whole())
    unverifiable(p, out, onnx.problems)
    for (const op of onnx.operators) {
      // contrib ops (com.microsoft) ship with ONNX Runtime and local functions are defined in the file itself;
      // only other domains need a custom operator library (native code) to load
      if (op.domainKind !== 'custom' || op.localFunction) continue
      out.add({
        rule: 'OPERATORS',
        file: p.file,
        module: op.domain,
        operator: op.opType,
        description: `Operator ${op.domain}::${op.opType}${at(p)} is not from a standard ONNX domain (a custom operator library, native code, must be loaded)`
      })
    }
    for (const t of onnx.externalTensors) {
      if (t.problems.length === 0) continue
      out.add({
        rule: 'SUSPICIOUS',
        file: p.file,
        description: `External data path "${t.location.slice(0, 200)}" of tensor ${t.tensor.slice(0, 100)}${at(p)} escapes the model directory: ${t.problems.join(', ')}`
      })
    }
    if (onnx.externalDataTruncated)
      notVerified(p, out, `more tensors with external data than the engine lists`)
    return false
  }
  if (base === 'saved_model.pb') {
    formats.add('tensorflow')
    tensorflowFindings(p, inspectSavedModel(await whole()), out)
    return false
  }
  if (base === 'keras_metadata.pb') {
    formats.add('keras_metadata')
    const meta = inspectKerasMetadata(await whole())
    unverifiable(p, out, meta.problems)
    for (const node of meta.nodes) {
      let json: unknown
      try {
        json = JSON.parse(node.metadata)
      } catch {
        notVerified(p, out, `the metadata of ${node.nodePath.slice(0, 100)} is not JSON`)
        continue
      }
      kerasFindings(p, inspectKerasConfig(json), out)
    }
    return false
  }
  if (ext === '.pb') {
    // any other .pb is read as TensorFlow reads a frozen graph (GraphDef.ParseFromString, import_graph_def);
    // one in which no node was read is not a graph, and stays unidentified below
    const graph = inspectGraphDef(await whole())
    if (graph.nodeCount > 0) {
      formats.add('tensorflow')
      tensorflowFindings(p, graph, out)
      return false
    }
  }
  if (ext === '.tflite') {
    formats.add('litert')
    return false
  }
  if (ext === '.msgpack') {
    formats.add('flax')
    return false
  }
  if (SCRIPT_EXT.test(base)) {
    out.add({
      rule: 'SUSPICIOUS',
      file: p.file,
      description: `'${path.basename(p.name)}'${at(p)} is code bundled with the model (compiled, or text that is not UTF-8)`
    })
    return true
  }
  if (EXTENSION_CLAIMS[ext]) {
    // named as a model format, yet none the engine can identify: it cannot be verified
    formats.add('unknown')
    notVerified(p, out, `the content of '${base}' is not a format the engine can identify`)
    return false
  }
  return true
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

async function analyseZip(
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
