import path from 'node:path'
import type { Companion } from './companions.js'
import type { FindingSet } from './findings.js'
import {
  checkFingerprintDef,
  inspectTensorProto,
  isTfTableFooter,
  TABLE_FOOTER_BYTES
} from './formats/data-protos.js'
import { inspectGraphDef } from './formats/savedmodel.js'
import { at, notVerified, PROTOBUF_NAME, readWhole, type AnalyseContext, type Part } from './part.js'
import type { Content } from './sniff.js'

/**
 * A file another file of the model reads as data (see companions.ts), whose content is not something a loader
 * could run: classified as that data, and checked as far as its format allows. Resolves false when the content
 * is not what the companion should be, and the file is analysed as any other.
 */

/** What a companion's content may be sniffed as: anything else (a pickle that decodes, an archive, a program) is analysed as usual. */
export const DATA_CONTENT: ReadonlySet<Content> = new Set(['binary', 'text', 'json', 'pickle', 'empty'])

export async function analyseCompanion(
  p: Part,
  c: Companion,
  content: Content,
  ctx: AnalyseContext,
  out: FindingSet,
  formats: Set<string>
): Promise<boolean> {
  const model = JSON.stringify(c.model.slice(0, 200))
  switch (c.kind) {
    case 'onnx_external_data':
    case 'litert_external_data':
      // raw tensor bytes can be anything, text included; what matters is that every range the model reads is there
      for (const r of c.reads) {
        const end = r.length === undefined ? r.offset : r.offset + r.length
        if (r.invalid) notVerified(p, out, `${model} reads ${r.what} from this file, but ${r.invalid}`)
        else if (end > BigInt(p.ra.size))
          notVerified(
            p,
            out,
            `${model} reads ${r.what} at bytes ${r.offset}..${end}, past the end of this ${p.ra.size}-byte file`
          )
      }
      formats.add(c.kind)
      return true
    case 'tensorflow_variables': {
      if (path.posix.basename(p.name) === 'variables.index') {
        if (p.ra.size < TABLE_FOOTER_BYTES) return false
        const tail = await p.ra.read(p.ra.size - TABLE_FOOTER_BYTES, TABLE_FOOTER_BYTES)
        if (!isTfTableFooter(tail)) return false
      }
      formats.add(c.kind)
      return true
    }
    case 'tensorflow_asset': {
      // read as data by the SavedModel's ops; text (scripts, templates, configs) keeps its own checks, and a
      // model format by name is still that format
      if (content === 'text' || content === 'json') return false
      if (PROTOBUF_NAME.test(p.name) || /\.(?:onnx|tflite)$/i.test(p.name)) return false
      if (/\.pb$/i.test(p.name) && p.ra.size <= ctx.limits.memberBytes) {
        // a clean frozen graph among the assets is still a graph a loader could import
        const graph = inspectGraphDef(await readWhole(p, ctx.limits.memberBytes, 'asset'))
        if (graph.nodeCount > 0 && graph.problems.length === 0) return false
      }
      formats.add(c.kind)
      return true
    }
    case 'tensorflow_fingerprint': {
      if (p.ra.size > 64 * 1024) return false
      if (checkFingerprintDef(await readWhole(p, 64 * 1024, 'fingerprint')) !== undefined) return false
      formats.add(c.kind)
      return true
    }
    case 'onnx_tensor': {
      if (p.ra.size > ctx.limits.memberBytes) return false
      const t = inspectTensorProto(await readWhole(p, ctx.limits.memberBytes, 'tensor'))
      if (t.problem !== undefined) return false
      for (const e of t.external) {
        if (e.problems.length === 0) continue
        out.add({
          rule: 'SUSPICIOUS',
          file: p.file,
          description: `External data path "${e.location.slice(0, 200)}" of the test tensor${at(p)} escapes the model directory: ${e.problems.join(', ')}`
        })
      }
      formats.add(c.kind)
      return true
    }
  }
}
