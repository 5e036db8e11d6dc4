import path from 'node:path'
import type { FindingSet } from './findings.js'
import { checkSentencePieceModel } from './formats/data-protos.js'
import { inspectOnnx } from './formats/onnx.js'
import {
  inspectGraphDef,
  inspectKerasMetadata,
  inspectSavedModel,
  TF_UNSAFE_OP_INFO,
  type SavedModelReport
} from './formats/savedmodel.js'
import { inspectKerasConfig } from './formats/keras.js'
import { inspectTflite } from './formats/tflite.js'
import {
  at,
  kerasFindings,
  notVerified,
  readWhole,
  SCRIPT_EXT,
  unverifiable,
  type AnalyseContext,
  type Part
} from './part.js'
import { EXTENSION_CLAIMS } from './sniff.js'

/** Binary formats known by name: ONNX, SavedModel and frozen graphs, Keras metadata, Flax; LiteRT by content. */

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

export async function analyseBinary(
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
    // the loader resolves external data against the model file's own folder: only a file of the model has one
    if (p.depth === 0 && p.member === undefined) ctx.companions?.addOnnx(p.file, onnx.externalTensors)
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
  if (ext === '.msgpack') {
    formats.add('flax')
    return false
  }
  if (ext === '.model' || ext === '.spm') {
    // SentencePiece tokenizers (tokenizer.model, spiece.model, source.spm): data for a C++ library
    if (p.ra.size <= ctx.limits.jsonBytes && checkSentencePieceModel(await whole()) === undefined) {
      formats.add('sentencepiece')
      return true
    }
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

/** Custom operators that need native code, Flex operators that run unsafe TensorFlow ops, malformed models. */
export async function analyseTflite(
  p: Part,
  ctx: AnalyseContext,
  out: FindingSet,
  formats: Set<string>
): Promise<void> {
  formats.add('litert')
  // models over 2 GB keep their weights after the FlatBuffer: the first bytes hold every table
  const tfl = inspectTflite(await p.ra.read(0, Math.min(p.ra.size, ctx.limits.memberBytes)), p.ra.size)
  unverifiable(p, out, tfl.problems)
  for (const name of tfl.customOps) {
    out.add({
      rule: 'OPERATORS',
      file: p.file,
      operator: name.slice(0, 100),
      description: `Operator ${name ? JSON.stringify(name.slice(0, 100)) : 'without a name'}${at(p)} is a TFLite custom operator: the model needs a custom operator library (native code) to load`
    })
  }
  for (const f of tfl.flexOps) {
    const op = f.op.slice(0, 100)
    if (f.unsafe && f.unsafe.severity !== 'low') {
      out.add({
        rule: 'RUNTIME',
        file: p.file,
        operator: `Flex${op}`,
        description: `Flex operator ${op}${at(p)} runs the TensorFlow op of that name, which ${f.unsafe.reason}, when the model runs`
      })
    } else if (!f.known) {
      out.add({
        rule: 'OPERATORS',
        file: p.file,
        operator: `Flex${op}`,
        description: `Flex operator ${op}${at(p)} is not a known TensorFlow operator (it needs a library that registers it)`
      })
    }
  }
  for (const e of tfl.externalFiles) {
    if (e.problems.length === 0) continue
    out.add({
      rule: 'SUSPICIOUS',
      file: p.file,
      description: `External buffer file "${e.name.slice(0, 200)}"${at(p)} escapes the model directory: ${e.problems.join(', ')}`
    })
  }
  if (p.depth === 0 && p.member === undefined) ctx.companions?.addTflite(p.file, tfl.externalFiles)
}
