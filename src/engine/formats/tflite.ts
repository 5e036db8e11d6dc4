import { externalPathProblems } from './onnx.js'
import { TF_KNOWN_OPS, TF_UNSAFE_OP_INFO, type TfUnsafeOp } from './savedmodel.js'

/*
 * Static inspection of a TFLite (LiteRT) model: a FlatBuffer of the `tflite` schema, read without a FlatBuffers
 * library. Every offset is checked against the bytes before it is followed; nothing is executed.
 */

// google-ai-edge/LiteRT tflite/converter/schema/schema.fbs (file_identifier "TFL3"). A field's vtable slot is
// its index in the table; a union takes two slots (its type, then its value).
const Model = {
  version: 0,
  operator_codes: 1,
  subgraphs: 2,
  buffers: 4,
  external_buffer_groups: 8,
  external_buffers: 9
} as const
const OperatorCode = { deprecated_builtin_code: 0, custom_code: 1, builtin_code: 3 } as const
const SubGraph = { operators: 3 } as const
const Operator = {
  opcode_index: 0,
  custom_options: 5,
  large_custom_options_offset: 9,
  large_custom_options_size: 10
} as const
const Buffer_ = { data: 0, offset: 1, size: 2 } as const
const ExternalBufferGroup = { name: 0 } as const
const ExternalBuffer = { group: 1, offset: 2, length: 3 } as const

/** BuiltinOperator.CUSTOM: the operator is named by `custom_code` and resolved by the application. */
export const TFLITE_CUSTOM = 32
/** TFLITE_SCHEMA_VERSION: the interpreter refuses any other. */
const SCHEMA_VERSION = 3
export const TFLITE_IDENTIFIER = 'TFL3'

/**
 * Custom operators every TFLite runtime registers itself (BuiltinOpResolver in tflite/kernels/register.cc adds
 * them with AddCustom): they need no library from the model's author.
 */
export const TFLITE_BUILTIN_CUSTOM_OPS: ReadonlySet<string> = new Set([
  'TFLite_Detection_PostProcess',
  'Mfcc',
  'AudioSpectrogram',
  'NumericVerify'
])

/**
 * TensorFlow Text and SentencePiece ops the Flex delegate accepts besides the core ops
 * (tensorflow/lite/delegates/flex/allowlisted_flex_ops.cc): known, although not in tf.raw_ops.
 */
const FLEX_TEXT_OPS: ReadonlySet<string> = new Set(
  `CaseFoldUTF8 ConstrainedSequence MaxSpanningTree NormalizeUTF8 NormalizeUTF8WithOffsetsMap
  RegexSplitWithOffsets RougeL SentenceFragments SentencepieceOp SentencepieceTokenizeOp
  SentencepieceTokenizeWithOffsetsOp SentencepieceDetokenizeOp SentencepieceVocabSizeOp
  SplitMergeTokenizeWithOffsets UnicodeScriptTokenizeWithOffsets WhitespaceTokenizeWithOffsets
  WordpieceTokenizeWithOffsets SentencepieceGetPieceSize SentencepiecePieceToId SentencepieceIdToPiece
  SentencepieceEncodeDense SentencepieceEncodeSparse SentencepieceDecode`.split(/\s+/)
)

export interface TfliteProblem {
  readonly code: 'TRUNCATED' | 'BAD_FLATBUFFER' | 'VERSION' | 'LIMIT'
  readonly detail: string
}

export interface TfliteFlexOp {
  /** The TensorFlow op the Flex delegate runs (`custom_code` without its `Flex` prefix). */
  readonly op: string
  readonly unsafe?: TfUnsafeOp
  readonly known: boolean
}

export interface TfliteExternalFile {
  readonly name: string
  readonly problems: readonly string[]
  readonly ranges: readonly { offset: bigint; length: bigint }[]
}

export interface TfliteReport {
  readonly version?: number
  readonly operatorCodes: number
  readonly subgraphs: number
  readonly operators: number
  /** Custom operators an application must register (native code), by name; built-in customs excluded. */
  readonly customOps: readonly string[]
  /** Flex operators: TensorFlow ops run by the select-ops delegate (the TensorFlow runtime). */
  readonly flexOps: readonly TfliteFlexOp[]
  /**
   * Files the model's external buffers are read from (ExternalBufferGroup names, resolved against the model's
   * directory), with what is wrong with each name and the byte ranges read from it.
   */
  readonly externalFiles: readonly TfliteExternalFile[]
  readonly problems: readonly TfliteProblem[]
}

export interface TfliteLimits {
  /** Vector entries visited over the whole model (op codes, operators, buffers). */
  readonly maxItems?: number
}

class FbError extends Error {
  constructor(
    readonly code: TfliteProblem['code'],
    message: string
  ) {
    super(message)
  }
}

/**
 * A bounded FlatBuffer reader over `buf`, the first bytes of a file of `fileSize` bytes (the whole file unless it
 * is larger than the caller reads): a position past `buf` but inside the file is a limit, past the file malformed.
 */
class Reader {
  constructor(
    readonly buf: Buffer,
    readonly fileSize: number
  ) {}

  need(at: number, n: number, what: string): void {
    if (!Number.isSafeInteger(at) || at < 0) throw new FbError('BAD_FLATBUFFER', `${what} at offset ${at}`)
    if (at + n <= this.buf.length) return
    if (at + n <= this.fileSize)
      throw new FbError('LIMIT', `${what} at offset ${at} lies past the ${this.buf.length} bytes read`)
    throw new FbError('TRUNCATED', `${what} at offset ${at} runs past the end of the file`)
  }

  u8(at: number, what: string): number {
    this.need(at, 1, what)
    return this.buf.readUInt8(at)
  }

  i8(at: number, what: string): number {
    this.need(at, 1, what)
    return this.buf.readInt8(at)
  }

  u16(at: number, what: string): number {
    this.need(at, 2, what)
    return this.buf.readUInt16LE(at)
  }

  u32(at: number, what: string): number {
    this.need(at, 4, what)
    return this.buf.readUInt32LE(at)
  }

  i32(at: number, what: string): number {
    this.need(at, 4, what)
    return this.buf.readInt32LE(at)
  }

  u64(at: number, what: string): bigint {
    this.need(at, 8, what)
    return this.buf.readBigUInt64LE(at)
  }

  /** The table at `pos`: a function from field index to the field's absolute position (undefined: absent). */
  table(pos: number, what: string): (field: number) => number | undefined {
    const vt = pos - this.i32(pos, what)
    const vtSize = this.u16(vt, `${what}'s vtable`)
    const inline = this.u16(vt + 2, `${what}'s vtable`)
    if (vtSize < 4 || vtSize % 2 !== 0)
      throw new FbError('BAD_FLATBUFFER', `${what}'s vtable has an invalid size ${vtSize}`)
    this.need(vt, vtSize, `${what}'s vtable`)
    this.need(pos, Math.max(inline, 4), what)
    return (field) => {
      const slot = 4 + 2 * field
      if (slot + 2 > vtSize) return undefined
      const off = this.buf.readUInt16LE(vt + slot)
      if (off === 0) return undefined
      if (off + 1 > inline)
        throw new FbError('BAD_FLATBUFFER', `${what}: field ${field} lies outside the table`)
      return pos + off
    }
  }

  /** Follows the uoffset stored at `at`. */
  ref(at: number, what: string): number {
    return at + this.u32(at, what)
  }

  /** A vector at `pos`: its length and where its elements start, checked to lie in the file. */
  vector(pos: number, elemSize: number, what: string): { length: number; start: number } {
    const length = this.u32(pos, what)
    this.need(pos + 4, length * elemSize, what)
    return { length, start: pos + 4 }
  }

  string(pos: number, what: string, max = 256): string {
    const { length, start } = this.vector(pos, 1, what)
    // the FlatBuffers verifier requires the terminating NUL
    if (this.u8(start + length, what) !== 0)
      throw new FbError('BAD_FLATBUFFER', `${what} is not NUL-terminated`)
    return this.buf.toString('utf8', start, start + Math.min(length, max))
  }
}

/**
 * Reads the operator codes (what the interpreter must resolve before it runs anything), the operators of every
 * subgraph, the buffers and the external buffer files. Pure and synchronous; malformed input becomes `problems`.
 */
export function inspectTflite(buf: Buffer, fileSize = buf.length, limits: TfliteLimits = {}): TfliteReport {
  let budget = limits.maxItems ?? 20_000_000
  const spend = (n: number) => {
    budget -= n
    if (budget < 0) throw new FbError('LIMIT', 'more vector entries than the engine reads')
  }
  const r = new Reader(buf, fileSize)
  const problems: TfliteProblem[] = []
  const customOps = new Set<string>()
  const flex = new Map<string, TfliteFlexOp>()
  const externalFiles: { name: string; problems: string[]; ranges: { offset: bigint; length: bigint }[] }[] =
    []
  let version: number | undefined
  let operatorCodes = 0
  let subgraphs = 0
  let operators = 0
  try {
    if (buf.length < 8 || buf.toString('latin1', 4, 8) !== TFLITE_IDENTIFIER)
      throw new FbError('BAD_FLATBUFFER', `not a TFLite model: no "${TFLITE_IDENTIFIER}" identifier`)
    const model = r.table(r.ref(0, 'root offset'), 'Model')
    const v = model(Model.version)
    version = v === undefined ? 0 : r.u32(v, 'Model.version')
    if (version !== SCHEMA_VERSION)
      problems.push({ code: 'VERSION', detail: `schema version ${version}, not ${SCHEMA_VERSION}` })

    const codes = model(Model.operator_codes)
    if (codes !== undefined) {
      const vec = r.vector(r.ref(codes, 'operator_codes'), 4, 'operator_codes')
      spend(vec.length)
      operatorCodes = vec.length
      for (let i = 0; i < vec.length; i++) {
        const at = vec.start + 4 * i
        const oc = r.table(r.ref(at, `operator_codes[${i}]`), `operator_codes[${i}]`)
        const dep = oc(OperatorCode.deprecated_builtin_code)
        const ext = oc(OperatorCode.builtin_code)
        // schema_utils.cc GetBuiltinCode: the larger of the two fields
        const code = Math.max(
          dep === undefined ? 0 : r.i8(dep, 'deprecated_builtin_code'),
          ext === undefined ? 0 : r.i32(ext, 'builtin_code')
        )
        if (code !== TFLITE_CUSTOM) continue
        const cc = oc(OperatorCode.custom_code)
        const name = cc === undefined ? '' : r.string(r.ref(cc, 'custom_code'), 'custom_code')
        if (TFLITE_BUILTIN_CUSTOM_OPS.has(name)) continue
        if (name.startsWith('Flex') && name.length > 4) {
          const op = name.slice(4)
          const unsafe = TF_UNSAFE_OP_INFO.get(op)
          flex.set(op, {
            op,
            known: TF_KNOWN_OPS.has(op) || FLEX_TEXT_OPS.has(op),
            ...(unsafe && { unsafe })
          })
        } else customOps.add(name)
      }
    }

    const subs = model(Model.subgraphs)
    if (subs === undefined) throw new FbError('BAD_FLATBUFFER', 'the model has no subgraph')
    const sv = r.vector(r.ref(subs, 'subgraphs'), 4, 'subgraphs')
    if (sv.length === 0) throw new FbError('BAD_FLATBUFFER', 'the model has no subgraph')
    spend(sv.length)
    subgraphs = sv.length
    for (let s = 0; s < sv.length; s++) {
      const sg = r.table(r.ref(sv.start + 4 * s, `subgraphs[${s}]`), `subgraphs[${s}]`)
      const ops = sg(SubGraph.operators)
      if (ops === undefined) continue
      const ov = r.vector(r.ref(ops, 'operators'), 4, `subgraphs[${s}].operators`)
      spend(ov.length)
      operators += ov.length
      for (let i = 0; i < ov.length; i++) {
        const what = `subgraphs[${s}].operators[${i}]`
        const op = r.table(r.ref(ov.start + 4 * i, what), what)
        const idx = op(Operator.opcode_index)
        const index = idx === undefined ? 0 : r.u32(idx, `${what}.opcode_index`)
        if (index >= operatorCodes)
          throw new FbError('BAD_FLATBUFFER', `${what} uses op code ${index} of ${operatorCodes}`)
        const co = op(Operator.custom_options)
        if (co !== undefined) r.vector(r.ref(co, `${what}.custom_options`), 1, `${what}.custom_options`)
        const lo = op(Operator.large_custom_options_offset)
        const ls = op(Operator.large_custom_options_size)
        if (lo !== undefined && ls !== undefined)
          outside(r.u64(lo, what), r.u64(ls, what), fileSize, `${what}'s custom options`)
      }
    }

    const bufs = model(Model.buffers)
    if (bufs !== undefined) {
      const bv = r.vector(r.ref(bufs, 'buffers'), 4, 'buffers')
      spend(bv.length)
      for (let i = 0; i < bv.length; i++) {
        const what = `buffers[${i}]`
        const b = r.table(r.ref(bv.start + 4 * i, what), what)
        const data = b(Buffer_.data)
        if (data !== undefined) r.vector(r.ref(data, `${what}.data`), 1, `${what}.data`)
        const off = b(Buffer_.offset)
        const size = b(Buffer_.size)
        // data kept outside the FlatBuffer (models over 2 GB): "only valid if > 1"
        if (off !== undefined && size !== undefined) {
          const o = r.u64(off, what)
          if (o > 1n) outside(o, r.u64(size, what), fileSize, `${what}'s data`)
        }
      }
    }

    const groups = model(Model.external_buffer_groups)
    if (groups !== undefined) {
      const gv = r.vector(r.ref(groups, 'external_buffer_groups'), 4, 'external_buffer_groups')
      spend(gv.length)
      for (let i = 0; i < gv.length && externalFiles.length < 1000; i++) {
        const what = `external_buffer_groups[${i}]`
        const g = r.table(r.ref(gv.start + 4 * i, what), what)
        const n = g(ExternalBufferGroup.name)
        const name = n === undefined ? '' : r.string(r.ref(n, `${what}.name`), `${what}.name`, 4096)
        externalFiles.push({ name, problems: externalPathProblems(name), ranges: [] })
      }
    }

    const ext = model(Model.external_buffers)
    if (ext !== undefined) {
      const ev = r.vector(r.ref(ext, 'external_buffers'), 4, 'external_buffers')
      spend(ev.length)
      for (let i = 0; i < ev.length; i++) {
        const what = `external_buffers[${i}]`
        const e = r.table(r.ref(ev.start + 4 * i, what), what)
        const g = e(ExternalBuffer.group)
        const file = externalFiles[g === undefined ? 0 : r.u32(g, what)]
        const o = e(ExternalBuffer.offset)
        const l = e(ExternalBuffer.length)
        if (file && file.ranges.length < 1000)
          file.ranges.push({
            offset: o === undefined ? 0n : r.u64(o, what),
            length: l === undefined ? 0n : r.u64(l, what)
          })
      }
    }
  } catch (e) {
    if (!(e instanceof FbError)) throw e
    problems.push({ code: e.code, detail: e.message })
  }
  return {
    ...(version !== undefined && { version }),
    operatorCodes,
    subgraphs,
    operators,
    customOps: [...customOps],
    flexOps: [...flex.values()],
    externalFiles,
    problems
  }
}

function outside(offset: bigint, size: bigint, fileSize: number, what: string): void {
  if (offset + size > BigInt(fileSize))
    throw new FbError('TRUNCATED', `${what} (bytes ${offset}..${offset + size}) lie past the end of the file`)
}

/** Content sniffing: the FlatBuffer file identifier at bytes 4..8 and a root offset inside the file. */
export function looksLikeTflite(head: Buffer, size: number): boolean {
  if (head.length < 8 || head.toString('latin1', 4, 8) !== TFLITE_IDENTIFIER) return false
  const root = head.readUInt32LE(0)
  return root >= 8 && root < size
}
