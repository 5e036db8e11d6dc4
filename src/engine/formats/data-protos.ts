import { externalPathProblems } from './onnx.js'
import { fields, ProtoError, readVarint, str, WireType, type ProtoField } from './protobuf.js'

/*
 * Protobuf files that hold data only, each read strictly: every field must be one the schema defines, with its
 * wire type, and nothing else may follow. A file that reads so cannot be a graph (it has no node field) and is
 * identified as what it is; one that does not stays unidentified.
 */

/** Why the message is not of the schema; undefined when it is. */
export type StrictResult = string | undefined

type Rule = (f: ProtoField) => void
type Rules = Readonly<Record<number, Rule>> | ((no: number) => Rule | undefined)

function strict(buf: Buffer, rules: Rules, what: string): StrictResult {
  const ruleOf = typeof rules === 'function' ? rules : (no: number) => rules[no]
  try {
    for (const f of fields(buf)) {
      const rule = ruleOf(f.no)
      if (!rule) throw new ProtoError('BAD_WIRE', `field ${f.no} is not part of ${what}`)
      rule(f)
    }
    return undefined
  } catch (e) {
    if (e instanceof ProtoError) return e.message
    throw e
  }
}

const wire =
  (...allowed: number[]): Rule =>
  (f) => {
    if (!allowed.includes(f.wire)) throw new ProtoError('BAD_WIRE', `field ${f.no} has wire type ${f.wire}`)
  }

const VARINT = wire(WireType.VARINT)
const LEN = wire(WireType.LEN)
const FIXED32 = wire(WireType.I32)

/** A message field whose body must itself read strictly. */
const message =
  (rules: Rules, what: string): Rule =>
  (f) => {
    LEN(f)
    const why = strict(f.bytes, rules, what)
    if (why !== undefined) throw new ProtoError('BAD_WIRE', `${what}: ${why}`)
  }

/** A repeated scalar: unpacked (one value of `single` wire type) or packed (a LEN of such values). */
const repeated =
  (single: number): Rule =>
  (f) => {
    if (f.wire === single) return
    if (f.wire !== WireType.LEN) throw new ProtoError('BAD_WIRE', `field ${f.no} has wire type ${f.wire}`)
    if (single === WireType.I32 || single === WireType.I64) {
      if (f.bytes.length % (single === WireType.I32 ? 4 : 8) !== 0)
        throw new ProtoError('BAD_WIRE', `packed field ${f.no} has a partial value`)
      return
    }
    for (let pos = 0; pos < f.bytes.length;) pos = readVarint(f.bytes, pos).next
  }

/** Any well-formed message (specs whose fields the engine does not need). */
const anyMessage: Rule = (f) => {
  LEN(f)
  for (const _ of fields(f.bytes)) void _
}

/** tensorflow/core/framework/versions.proto VersionDef */
const VersionDef = { 1: VARINT, 2: VARINT, 3: repeated(WireType.VARINT) }

/**
 * tensorflow/core/protobuf/fingerprint.proto FingerprintDef: saved_model_checksum (1), graph_def_program_hash
 * (2), signature_def_hash (3), saved_object_graph_hash (4), checkpoint_hash (5), all uint64, and version (6), a
 * VersionDef. Earlier releases wrote fields 1 and 2 only.
 */
export function checkFingerprintDef(buf: Buffer): StrictResult {
  if (buf.length === 0) return 'the file is empty'
  return strict(
    buf,
    { 1: VARINT, 2: VARINT, 3: VARINT, 4: VARINT, 5: VARINT, 6: message(VersionDef, 'VersionDef') },
    'FingerprintDef'
  )
}

const StringStringEntry = { 1: LEN, 2: LEN }

/** TensorProto's fields but external data (13), which only a top-level test tensor may have. */
const NESTED_TENSOR: Readonly<Record<number, Rule>> = {
  1: repeated(WireType.VARINT),
  2: VARINT,
  3: message({ 1: VARINT, 2: VARINT }, 'Segment'),
  4: repeated(WireType.I32),
  5: repeated(WireType.VARINT),
  6: LEN,
  7: repeated(WireType.VARINT),
  8: LEN,
  9: LEN,
  10: repeated(WireType.I64),
  11: repeated(WireType.VARINT),
  12: LEN,
  14: VARINT,
  16: message(StringStringEntry, 'StringStringEntryProto')
}

export interface TensorProtoReport {
  /** why the file is not a TensorProto; undefined when it is */
  problem: StrictResult
  /** external data locations with what is wrong with each (as for an ONNX model's tensors) */
  external: { location: string; problems: string[] }[]
}

/**
 * onnx/onnx.proto TensorProto, as the ONNX backend tests store inputs and outputs: dims (1), data_type (2),
 * segment (3), float_data (4), int32_data (5), string_data (6), int64_data (7), name (8), raw_data (9),
 * double_data (10), uint64_data (11), doc_string (12), external_data (13), data_location (14), metadata_props
 * (16).
 */
export function inspectTensorProto(buf: Buffer): TensorProtoReport {
  const external: TensorProtoReport['external'] = []
  const externalEntry: Rule = (f) => {
    message(StringStringEntry, 'StringStringEntryProto')(f)
    let key = ''
    let value = ''
    for (const g of fields(f.bytes)) {
      if (g.no === 1) key = str(g, 256)
      else value = str(g)
    }
    if (key === 'location' && external.length < 100)
      external.push({ location: value, problems: externalPathProblems(value) })
  }
  const problem =
    buf.length === 0
      ? 'the file is empty'
      : strict(buf, { ...NESTED_TENSOR, 13: externalEntry }, 'TensorProto')
  // the backend tests of sequence, optional and map operators store those containers instead
  if (problem !== undefined && valueContainer(buf) === undefined) return { problem: undefined, external }
  return { problem, external }
}

/** Containers nest; deeper than this is not test data. */
const MAX_NESTING = 16

/**
 * onnx/onnx-ml.proto SequenceProto {name 1, elem_type 2, tensor_values 3, sparse_tensor_values 4,
 * sequence_values 5, map_values 6, optional_values 7}, MapProto {name 1, key_type 2, keys 3, string_keys 4,
 * values 5 (a SequenceProto)} and OptionalProto {name 1, elem_type 2, tensor_value 3, sparse_tensor_value 4,
 * sequence_value 5, map_value 6, optional_value 7}.
 */
function containerRules(
  depth: number
): Record<'sequence' | 'map' | 'optional', Readonly<Record<number, Rule>>> {
  if (depth > MAX_NESTING) return { sequence: {}, map: {}, optional: {} }
  const inner = () => containerRules(depth + 1)
  const nested =
    (kind: 'sequence' | 'map' | 'optional', what: string): Rule =>
    (f) =>
      message(inner()[kind], what)(f)
  const values = {
    1: LEN,
    2: VARINT,
    3: message(NESTED_TENSOR, 'TensorProto'),
    4: anyMessage,
    5: nested('sequence', 'SequenceProto'),
    6: nested('map', 'MapProto'),
    7: nested('optional', 'OptionalProto')
  }
  return {
    sequence: values,
    optional: values,
    map: { 1: LEN, 2: VARINT, 3: repeated(WireType.VARINT), 4: LEN, 5: nested('sequence', 'SequenceProto') }
  }
}

/** undefined when `buf` reads strictly as one of ONNX's value containers; else why not (the first). */
function valueContainer(buf: Buffer): StrictResult | undefined {
  const rules = containerRules(0)
  for (const [kind, what] of [
    ['sequence', 'SequenceProto'],
    ['optional', 'OptionalProto'],
    ['map', 'MapProto']
  ] as const)
    if (strict(buf, rules[kind], what) === undefined) return undefined
  return 'it is no TensorProto, SequenceProto, OptionalProto or MapProto'
}

/**
 * google/sentencepiece sentencepiece_model.proto ModelProto (`tokenizer.model`, `spiece.model`): pieces (1) of
 * SentencePiece {piece (1) string, score (2) float, type (3) enum}, trainer_spec (2), normalizer_spec (3),
 * self_test_data (4), denormalizer_spec (5), and extensions from 200. A model has at least one piece.
 */
export function checkSentencePieceModel(buf: Buffer): StrictResult {
  let pieces = 0
  const piece = message(withExtensions({ 1: LEN, 2: FIXED32, 3: VARINT }), 'SentencePiece')
  const counted: Rule = (f) => {
    pieces++
    piece(f)
  }
  const model = withExtensions({ 1: counted, 2: anyMessage, 3: anyMessage, 4: anyMessage, 5: anyMessage })
  const why = buf.length === 0 ? 'the file is empty' : strict(buf, model, 'ModelProto')
  return why ?? (pieces === 0 ? 'it has no piece' : undefined)
}

/** `extensions 200 to max`: any well-formed field from 200 on. */
const withExtensions =
  (rules: Readonly<Record<number, Rule>>) =>
  (no: number): Rule | undefined =>
    rules[no] ?? (no >= 200 ? () => undefined : undefined)

/** The magic number that ends every table of TensorFlow's checkpoint index (tensorflow/core/lib/io/format.h). */
const TABLE_MAGIC = Buffer.from([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb])
/** A table footer: two block handles padded to 40 bytes, then the magic. */
export const TABLE_FOOTER_BYTES = 48

/** The last bytes of a `variables.index` end as a TensorFlow table (SSTable) does. */
export function isTfTableFooter(tail: Buffer): boolean {
  return tail.length === TABLE_FOOTER_BYTES && tail.subarray(40).equals(TABLE_MAGIC)
}
