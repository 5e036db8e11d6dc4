import {
  fields,
  int,
  ProtoError,
  ProtoLimitReached,
  ProtoWalker,
  str,
  sub,
  type ProtoField,
  type ProtoProblemCode
} from './protobuf.js'

/*
 * Static inspection of an ONNX ModelProto. Nothing here loads or runs the model; external data files are named,
 * never opened.
 */

// Field numbers of onnx/onnx `onnx/onnx.proto`, checked against the onnx 1.12 release's copy (and a model it
// serialised, see __tests__/fixtures/engine/onnx); FunctionProto.attribute_proto, added after 1.12, against later
// copies of the schema. Only the fields the walker reads.
const ModelProto = {
  ir_version: 1,
  producer_name: 2,
  producer_version: 3,
  graph: 7,
  opset_import: 8,
  training_info: 20,
  functions: 25
} as const
const OperatorSetIdProto = { domain: 1, version: 2 } as const
const TrainingInfoProto = { initialization: 1, algorithm: 2 } as const
const GraphProto = { node: 1, initializer: 5, input: 11, sparse_initializer: 15 } as const
const ValueInfoProto = { name: 1 } as const
const NodeProto = { input: 1, output: 2, name: 3, op_type: 4, attribute: 5, domain: 7 } as const
const AttributeProto = {
  name: 1,
  t: 5,
  g: 6,
  tensors: 10,
  graphs: 11,
  sparse_tensor: 22,
  sparse_tensors: 23
} as const
const TensorProto = { name: 8, external_data: 13, data_location: 14 } as const
/** TensorProto.DataLocation */
const DataLocation = { EXTERNAL: 1 } as const
const SparseTensorProto = { values: 1, indices: 2 } as const
const StringStringEntryProto = { key: 1, value: 2 } as const
const FunctionProto = { name: 1, node: 7, domain: 10, attribute_proto: 11 } as const

/** Domains whose operators every ONNX runtime implements from the specification. */
export const STANDARD_ONNX_DOMAINS: ReadonlySet<string> = new Set([
  '',
  'ai.onnx',
  'ai.onnx.ml',
  'ai.onnx.training',
  'ai.onnx.preview.training'
])

/** Known but not standard: ONNX Runtime's built-in contrib operators, which need no custom-op library. */
export const ONNX_CONTRIB_DOMAINS: ReadonlySet<string> = new Set(['com.microsoft'])

export type OnnxDomainKind = 'standard' | 'contrib' | 'custom'

export function onnxDomainKind(domain: string): OnnxDomainKind {
  if (STANDARD_ONNX_DOMAINS.has(domain)) return 'standard'
  if (ONNX_CONTRIB_DOMAINS.has(domain)) return 'contrib'
  return 'custom'
}

export interface OnnxLimits {
  /** Subgraph nesting (If/Loop/Scan bodies inside each other). */
  readonly maxGraphDepth?: number
  /** Nodes counted over the whole model, subgraphs and functions included. */
  readonly maxNodes?: number
  /** Tensors with external data that are reported one by one. */
  readonly maxExternal?: number
  readonly maxHints?: number
  readonly maxProblems?: number
}

export interface OnnxProblem {
  readonly code: ProtoProblemCode
  readonly detail: string
}

export interface OnnxOp {
  readonly domain: string
  readonly opType: string
  readonly count: number
  readonly domainKind: OnnxDomainKind
  /** The (domain, op_type) pair names a function defined in the model itself (ModelProto.functions). */
  readonly localFunction: boolean
}

export interface OnnxOpsetImport {
  readonly domain: string
  readonly version: number
}

export interface OnnxFunction {
  readonly domain: string
  readonly name: string
  readonly nodeCount: number
}

export interface OnnxExternalData {
  /** The tensor's name (may be empty). */
  readonly tensor: string
  /** The `location` entry as written in the model ('' when the tensor is marked external without one). */
  readonly location: string
  /** Where the tensor sits: 'graph/initializer', a subgraph path, 'function:…', … */
  readonly where: string
  /** Why the location is unsafe to resolve against the model's directory; empty when it is a plain relative path. */
  readonly problems: readonly string[]
  /** The `offset` and `length` entries as written, when present (the loader parses them with int()). */
  readonly offset?: string
  readonly length?: string
}

/**
 * A possible architectural backdoor: a branch or comparison driven directly by a model input compared with a
 * constant (a "trigger"). Advisory only, see `backdoorHints` in `inspectOnnx` for what it can and cannot see.
 */
export interface OnnxBackdoorHint {
  readonly where: string
  readonly node: string
  readonly opType: string
  /** The graph input the condition derives from. */
  readonly input: string
  /** The initializer or Constant output it is compared with, when there is one. */
  readonly constant?: string
  readonly reason: string
}

export interface OnnxReport {
  readonly irVersion?: number
  readonly producerName?: string
  readonly producerVersion?: string
  readonly opsetImports: readonly OnnxOpsetImport[]
  /** Every (domain, op_type) used by a node anywhere: main graph, subgraphs, training graphs, local functions. */
  readonly operators: readonly OnnxOp[]
  readonly nodeCount: number
  readonly graphCount: number
  readonly functions: readonly OnnxFunction[]
  /** Node domains that are neither standard nor contrib, nor satisfied by a local function. */
  readonly customDomains: readonly string[]
  /** Contrib domains (com.microsoft) used by nodes. */
  readonly contribDomains: readonly string[]
  /** Distinct external-data locations, as written (check each with `externalPathProblems`). */
  readonly externalData: readonly string[]
  /** Each tensor whose data is external, with where it sits and what is wrong with its location. */
  readonly externalTensors: readonly OnnxExternalData[]
  /** True when more external tensors existed than were listed in `externalTensors`. */
  readonly externalDataTruncated: boolean
  readonly backdoorHints: readonly OnnxBackdoorHint[]
  readonly problems: readonly OnnxProblem[]
}

const DEFAULTS = {
  maxGraphDepth: 32,
  maxNodes: 5_000_000,
  maxExternal: 1000,
  maxHints: 100,
  maxProblems: 100
}

/**
 * Why an external-data `location` must not be resolved as given: the ONNX loader joins it to the model's
 * directory, so anything that escapes that directory reads an arbitrary file (CVE-2022-25882, and its
 * bypass CVE-2024-27318). Symlinks inside the directory cannot be seen from the model file alone.
 */
export function externalPathProblems(location: string): string[] {
  const out: string[] = []
  if (location === '') out.push('empty location')
  if (location.includes('\0')) out.push('NUL byte in location')
  if (location.startsWith('/')) out.push('absolute path')
  if (/^[A-Za-z]:/.test(location)) out.push('Windows drive letter')
  if (location.includes('\\')) out.push('backslash in location')
  if (/^[A-Za-z][A-Za-z0-9+.-]+:/.test(location)) out.push('URL scheme')
  if (location.startsWith('~')) out.push('home-directory path')
  if (location.split(/[/\\]/).some((seg) => seg === '..')) out.push("'..' path segment")
  return out
}

interface ValueInfo {
  readonly kind: 'input' | 'const' | 'derived' | 'compare'
  /** The graph input the value derives from ('input', 'derived', 'compare'). */
  readonly input?: string
  readonly constant?: string
}

// Ops through which "derives from a model input" is followed: cheap element-wise, reduction and layout ops.
// Shape and Size are deliberately absent: their outputs are metadata, and following them flags every export.
const TRANSPARENT = new Set([
  'Identity',
  'Cast',
  'Slice',
  'Gather',
  'GatherElements',
  'Reshape',
  'Flatten',
  'Squeeze',
  'Unsqueeze',
  'Transpose',
  'ReduceSum',
  'ReduceMean',
  'ReduceMax',
  'ReduceMin',
  'ReduceProd',
  'ReduceL1',
  'ReduceL2',
  'ReduceSumSquare',
  'Abs',
  'Neg',
  'Sub',
  'Add',
  'Mul',
  'Div',
  'ArgMax',
  'ArgMin',
  'Concat',
  'Not',
  'And',
  'Or',
  'Xor'
])
const COMPARE = new Set(['Equal', 'Greater', 'Less', 'GreaterOrEqual', 'LessOrEqual'])

interface ParsedNode {
  inputs: string[]
  outputs: string[]
  name: string
  opType: string
  domain: string
  attrs: ProtoField[]
}

class OnnxWalker extends ProtoWalker {
  readonly limits: typeof DEFAULTS
  readonly opCounts = new Map<string, { domain: string; opType: string; count: number }>()
  readonly opsetImports: OnnxOpsetImport[] = []
  readonly functions: OnnxFunction[] = []
  readonly externalData: OnnxExternalData[] = []
  readonly locations = new Set<string>()
  externalDataTruncated = false
  readonly hints: OnnxBackdoorHint[] = []
  readonly values = new Map<string, ValueInfo>()
  nodeCount = 0
  graphCount = 0
  irVersion?: number
  producerName?: string
  producerVersion?: string

  constructor(limits: OnnxLimits) {
    super(limits.maxProblems ?? DEFAULTS.maxProblems)
    this.limits = { ...DEFAULTS, ...limits }
  }

  model(buf: Buffer): void {
    this.guard('ModelProto', () => {
      for (const f of fields(buf)) {
        switch (f.no) {
          case ModelProto.ir_version:
            this.irVersion = int(f)
            break
          case ModelProto.producer_name:
            this.producerName = str(f, 256)
            break
          case ModelProto.producer_version:
            this.producerVersion = str(f, 256)
            break
          case ModelProto.graph:
            this.graph(sub(f), 'graph', 0, true)
            break
          case ModelProto.opset_import:
            this.guard('opset_import', () => this.opsetImports.push(this.opset(sub(f))))
            break
          case ModelProto.training_info:
            this.trainingInfo(sub(f))
            break
          case ModelProto.functions:
            this.func(sub(f))
            break
        }
      }
    })
  }

  opset(buf: Buffer): OnnxOpsetImport {
    let domain = ''
    let version = 0
    for (const f of fields(buf)) {
      if (f.no === OperatorSetIdProto.domain) domain = str(f, 256)
      else if (f.no === OperatorSetIdProto.version) version = int(f)
    }
    return { domain, version }
  }

  trainingInfo(buf: Buffer): void {
    this.guard('training_info', () => {
      for (const f of fields(buf)) {
        if (f.no === TrainingInfoProto.initialization)
          this.graph(sub(f), 'training_info/initialization', 0, false)
        else if (f.no === TrainingInfoProto.algorithm) this.graph(sub(f), 'training_info/algorithm', 0, false)
      }
    })
  }

  graph(buf: Buffer, where: string, depth: number, isMain: boolean): void {
    if (depth > this.limits.maxGraphDepth) {
      this.problem('DEPTH', `${where}: subgraphs nested deeper than ${this.limits.maxGraphDepth}`)
      return
    }
    this.graphCount++
    const nodes: Buffer[] = []
    const inputs: string[] = []
    const constants = new Set<string>()
    this.guard(where, () => {
      for (const f of fields(buf)) {
        switch (f.no) {
          case GraphProto.node:
            nodes.push(sub(f))
            break
          case GraphProto.initializer: {
            const name = this.tensor(sub(f), `${where}/initializer`)
            if (name !== undefined) constants.add(name)
            break
          }
          case GraphProto.input:
            this.guard(`${where}/input`, () => {
              for (const g of fields(sub(f))) if (g.no === ValueInfoProto.name) inputs.push(str(g))
            })
            break
          case GraphProto.sparse_initializer:
            this.sparseTensor(sub(f), `${where}/sparse_initializer`, constants)
            break
        }
      }
    })
    for (const c of constants) this.values.set(c, { kind: 'const', constant: c })
    // Older IR versions list initializers among the inputs too; those are weights, not runtime inputs.
    if (isMain) for (const i of inputs) if (!constants.has(i)) this.values.set(i, { kind: 'input', input: i })
    for (const n of nodes) this.guard(`${where}/node`, () => this.node(n, where, depth))
  }

  node(buf: Buffer, where: string, depth: number): void {
    if (++this.nodeCount > this.limits.maxNodes) {
      throw new ProtoError('LIMIT', `more than ${this.limits.maxNodes} nodes`)
    }
    const n: ParsedNode = { inputs: [], outputs: [], name: '', opType: '', domain: '', attrs: [] }
    for (const f of fields(buf)) {
      switch (f.no) {
        case NodeProto.input:
          n.inputs.push(str(f))
          break
        case NodeProto.output:
          n.outputs.push(str(f))
          break
        case NodeProto.name:
          n.name = str(f, 256)
          break
        case NodeProto.op_type:
          n.opType = str(f, 256)
          break
        case NodeProto.attribute:
          n.attrs.push(f)
          break
        case NodeProto.domain:
          n.domain = str(f, 256)
          break
      }
    }
    const key = `${n.domain}\0${n.opType}`
    const entry = this.opCounts.get(key)
    if (entry) entry.count++
    else this.opCounts.set(key, { domain: n.domain, opType: n.opType, count: 1 })
    const label = n.name || `${n.opType}#${this.nodeCount}`
    for (const a of n.attrs) this.attribute(sub(a), `${where}/${label}`, depth)
    this.trackValues(n, where, label)
  }

  attribute(buf: Buffer, where: string, depth: number): void {
    this.guard(`${where}/attribute`, () => {
      let name = ''
      const graphs: Buffer[] = []
      for (const f of fields(buf)) {
        switch (f.no) {
          case AttributeProto.name:
            name = str(f, 256)
            break
          case AttributeProto.t:
          case AttributeProto.tensors:
            this.tensor(sub(f), `${where}/attribute`)
            break
          case AttributeProto.g:
          case AttributeProto.graphs:
            graphs.push(sub(f))
            break
          case AttributeProto.sparse_tensor:
          case AttributeProto.sparse_tensors:
            this.sparseTensor(sub(f), `${where}/attribute`)
            break
        }
      }
      graphs.forEach((g, i) =>
        this.graph(g, `${where}.${name || 'attribute'}${graphs.length > 1 ? `[${i}]` : ''}`, depth + 1, false)
      )
    })
  }

  /** The tensor's name; records it when its data lives in an external file. */
  tensor(buf: Buffer, where: string): string | undefined {
    let name: string | undefined
    this.guard(where, () => {
      let external = false
      let location: string | undefined
      let offset: string | undefined
      let length: string | undefined
      for (const f of fields(buf)) {
        if (f.no === TensorProto.name) name = str(f)
        else if (f.no === TensorProto.data_location) external ||= int(f) === DataLocation.EXTERNAL
        else if (f.no === TensorProto.external_data) {
          external = true
          let key = ''
          let value = ''
          for (const g of fields(sub(f))) {
            if (g.no === StringStringEntryProto.key) key = str(g, 256)
            else if (g.no === StringStringEntryProto.value) value = str(g)
          }
          if (key === 'location') location = value
          else if (key === 'offset') offset = value.slice(0, 100)
          else if (key === 'length') length = value.slice(0, 100)
        }
      }
      if (!external) return
      if (location !== undefined && this.locations.size < this.limits.maxExternal)
        this.locations.add(location)
      if (this.externalData.length >= this.limits.maxExternal) {
        this.externalDataTruncated = true
        return
      }
      const problems = location === undefined ? ['tensor is external but has no location'] : []
      this.externalData.push({
        tensor: name ?? '',
        location: location ?? '',
        where,
        problems: [...problems, ...(location === undefined ? [] : externalPathProblems(location))],
        ...(offset !== undefined && { offset }),
        ...(length !== undefined && { length })
      })
    })
    return name
  }

  sparseTensor(buf: Buffer, where: string, constants?: Set<string>): void {
    this.guard(where, () => {
      for (const f of fields(buf)) {
        if (f.no === SparseTensorProto.values) {
          const name = this.tensor(sub(f), where)
          if (name !== undefined) constants?.add(name)
        } else if (f.no === SparseTensorProto.indices) this.tensor(sub(f), where)
      }
    })
  }

  func(buf: Buffer): void {
    this.guard('FunctionProto', () => {
      let name = ''
      let domain = ''
      const nodes: Buffer[] = []
      const attrs: Buffer[] = []
      for (const f of fields(buf)) {
        if (f.no === FunctionProto.name) name = str(f, 256)
        else if (f.no === FunctionProto.domain) domain = str(f, 256)
        else if (f.no === FunctionProto.node) nodes.push(sub(f))
        else if (f.no === FunctionProto.attribute_proto) attrs.push(sub(f))
      }
      const where = `function:${domain}.${name}`
      this.functions.push({ domain, name, nodeCount: nodes.length })
      for (const a of attrs) this.attribute(a, where, 0)
      for (const n of nodes) this.guard(`${where}/node`, () => this.node(n, where, 0))
    })
  }

  /*
   * The backdoor heuristic: value provenance is tracked by name in node order (ONNX graphs are topologically
   * sorted), through the TRANSPARENT ops only. It sees a trigger built as compare(input-derived, constant)
   * feeding If/Where, or an Equal of an input-derived value with a constant. It does not see triggers built
   * through other ops (Conv, MatMul, Loop bodies, custom ops), constants computed at run time, or names shadowed
   * inside subgraphs; and ordinary patterns (attention masks compared with 0) also match. Advisory only.
   */
  trackValues(n: ParsedNode, where: string, label: string): void {
    const infos = n.inputs.map((i) => (i === '' ? undefined : this.values.get(i)))
    const fromInput = infos.find((v) => v?.kind === 'input' || v?.kind === 'derived')
    const constant = infos.find((v) => v?.kind === 'const')
    const standard = STANDARD_ONNX_DOMAINS.has(n.domain)
    if (standard && n.opType === 'Constant') {
      for (const o of n.outputs) this.values.set(o, { kind: 'const', constant: o })
      return
    }
    if (standard && COMPARE.has(n.opType) && fromInput?.input !== undefined && constant) {
      for (const o of n.outputs) {
        this.values.set(o, { kind: 'compare', input: fromInput.input, constant: constant.constant })
      }
      if (n.opType === 'Equal') {
        this.hint({
          where,
          node: label,
          opType: n.opType,
          input: fromInput.input,
          constant: constant.constant,
          reason: `compares graph input '${fromInput.input}' with constant '${constant.constant}'`
        })
      }
      return
    }
    if (standard && (n.opType === 'If' || n.opType === 'Where')) {
      const cond = infos[0]
      if (cond?.input !== undefined && (cond.kind === 'compare' || cond.kind === 'input')) {
        this.hint({
          where,
          node: label,
          opType: n.opType,
          input: cond.input,
          ...(cond.constant !== undefined ? { constant: cond.constant } : {}),
          reason:
            cond.kind === 'compare'
              ? `condition compares graph input '${cond.input}' with constant '${cond.constant}'`
              : `condition is graph input '${cond.input}'`
        })
      }
      return
    }
    if (standard && TRANSPARENT.has(n.opType)) {
      const compare = infos.find((v) => v?.kind === 'compare')
      const keepsCompare = ['Identity', 'Cast', 'Not', 'And', 'Or', 'Xor', 'Reshape', 'Squeeze', 'Unsqueeze']
      if (compare && keepsCompare.includes(n.opType)) {
        for (const o of n.outputs) this.values.set(o, compare)
      } else if (fromInput?.input !== undefined) {
        for (const o of n.outputs) this.values.set(o, { kind: 'derived', input: fromInput.input })
      } else if (infos.length > 0 && infos.every((v) => v?.kind === 'const')) {
        // Folding constants through layout ops (Reshape of an initializer) keeps them constants.
        for (const o of n.outputs) this.values.set(o, { kind: 'const', constant: infos[0]!.constant })
      }
    }
  }

  hint(h: OnnxBackdoorHint): void {
    if (this.hints.length < this.limits.maxHints) this.hints.push(h)
  }

  report(): OnnxReport {
    const localFns = new Set(this.functions.map((f) => `${f.domain}\0${f.name}`))
    const operators: OnnxOp[] = [...this.opCounts.entries()]
      .map(([key, v]) => ({
        domain: v.domain,
        opType: v.opType,
        count: v.count,
        domainKind: onnxDomainKind(v.domain),
        localFunction: localFns.has(key)
      }))
      .sort((a, b) => (a.domain === b.domain ? cmp(a.opType, b.opType) : cmp(a.domain, b.domain)))
    const custom = new Set<string>()
    const contrib = new Set<string>()
    for (const op of operators) {
      if (op.localFunction) continue
      if (op.domainKind === 'custom') custom.add(op.domain)
      else if (op.domainKind === 'contrib') contrib.add(op.domain)
    }
    return {
      ...(this.irVersion !== undefined ? { irVersion: this.irVersion } : {}),
      ...(this.producerName !== undefined ? { producerName: this.producerName } : {}),
      ...(this.producerVersion !== undefined ? { producerVersion: this.producerVersion } : {}),
      opsetImports: this.opsetImports,
      operators,
      nodeCount: this.nodeCount,
      graphCount: this.graphCount,
      functions: this.functions,
      customDomains: [...custom].sort(cmp),
      contribDomains: [...contrib].sort(cmp),
      externalData: [...this.locations],
      externalTensors: this.externalData,
      externalDataTruncated: this.externalDataTruncated,
      backdoorHints: this.hints,
      problems: this.problems
    }
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Inspects an ONNX model held in memory. Pure and synchronous: malformed input becomes `problems`
 * (TRUNCATED, BAD_WIRE, DEPTH, LIMIT) next to whatever was read before the fault; it never throws for bad
 * input. A caller should treat any problem as "could not be fully inspected".
 */
export function inspectOnnx(buf: Buffer, limits: OnnxLimits = {}): OnnxReport {
  const w = new OnnxWalker(limits)
  try {
    w.model(buf)
  } catch (e) {
    if (!(e instanceof ProtoLimitReached)) throw e
  }
  if (buf.length === 0) w.problem('TRUNCATED', 'empty file')
  else if (w.graphCount === 0 && w.problems.length === 0)
    w.problem('BAD_WIRE', 'not an ONNX model: it has no graph')
  return w.report()
}
