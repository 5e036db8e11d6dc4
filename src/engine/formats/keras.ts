/**
 * Static inspection of a Keras model configuration (already parsed JSON): Keras 2 `model_config`
 * (`{"class_name": "Functional" | "Sequential" | "Model", "config": {"layers": [...]}}`, from `.h5` files and
 * `keras_metadata.pb`) and Keras 3 `.keras` `config.json` (objects with `module`, `class_name`, `config`,
 * `registered_name`). The whole tree is walked, so nested models, wrapper layers (TimeDistributed,
 * Bidirectional), Lambda arguments and compile configs are all covered. Results are data; no decision here.
 *
 * Nothing is deserialised: Lambda bytecode is base64-decoded only far enough to read its first byte, never
 * unmarshalled.
 */

export interface KerasLimits {
  /** JSON nesting depth walked. */
  readonly maxDepth?: number
  /** JSON values visited. */
  readonly maxNodes?: number
  /** Base64 characters examined per bytecode blob (its length is always reported in full). */
  readonly maxBase64Chars?: number
  /** Entries kept per finding list. */
  readonly maxFindings?: number
}

export type KerasProblemCode = 'DEPTH' | 'LIMIT' | 'BAD_CONFIG'

export interface KerasProblem {
  readonly code: KerasProblemCode
  readonly detail: string
}

/** Base64-encoded marshalled Python code (Keras 2 `func_dump`, Keras 3 `__lambda__`). */
export interface KerasBytecode {
  /** JSON-pointer-style location of the base64 string. */
  readonly path: string
  readonly base64Chars: number
  /** Bytes the base64 text decodes to (whitespace ignored). */
  readonly decodedBytes: number
  /** The examined text is well-formed base64. */
  readonly validBase64: boolean
  readonly firstByte?: number
  /** First byte is marshal's code-object type ('c' = 0x63, or 0xe3 with the reference flag). */
  readonly pythonCodeObject: boolean
}

/** A reference to a Python function by module and name: resolved by import when the model loads. */
export interface KerasFunctionRef {
  readonly path: string
  readonly module?: string
  readonly name: string
  /** Where the reference sits: a Keras 3 `{"class_name": "function"}` object, or a Keras 2 Lambda field. */
  readonly source: 'function-object' | 'lambda-function' | 'lambda-output_shape' | 'lambda-mask'
  /** The module is outside keras / tensorflow / tf_keras. */
  readonly untrustedModule: boolean
  /** The module is one that reaches the OS, the interpreter or the network (os, subprocess, builtins, …). */
  readonly dangerousModule: boolean
}

export interface KerasLambda {
  readonly path: string
  readonly name?: string
  /** How the layer's function is stored. */
  readonly kind: 'bytecode' | 'function-ref' | 'missing' | 'other'
  readonly bytecode?: KerasBytecode
  readonly functionRef?: KerasFunctionRef
}

export interface KerasTfOpLambda {
  readonly path: string
  readonly className: string
  readonly name?: string
  /** The TensorFlow symbol it calls, e.g. `math.add`, `__operators__.getitem`. */
  readonly function?: string
}

export interface KerasCustomObject {
  readonly path: string
  readonly className: string
  readonly module?: string
  readonly registeredName?: string
  /**
   * module: its `module` is outside keras / tensorflow / tf_keras; registered_name: registered with a package
   * prefix (`pkg>Name`); unrecognised: a Keras 2 style object (no module) whose class is not a built-in one.
   */
  readonly reason: 'module' | 'registered_name' | 'unrecognised'
}

export type KerasFindingKind = 'LAMBDA' | 'BYTECODE' | 'FUNCTION_REF' | 'CUSTOM_OBJECT' | 'TF_OP_LAMBDA'

/**
 * The security-relevant subset of the lists below, one entry per thing, flattened for reporting: every Lambda
 * layer; bytecode outside a Lambda's function; function references to modules outside Keras; custom objects
 * by module or registered name; TFOpLambda layers calling a TensorFlow symbol that reaches files, Python or the
 * network (TF_OP_LAMBDA_RISKY). Kinds, not verdicts.
 */
export interface KerasFinding {
  readonly kind: KerasFindingKind
  readonly path: string
  readonly module?: string
  readonly name?: string
  readonly detail: string
}

export interface KerasConfigReport {
  readonly findings: readonly KerasFinding[]
  /** Every `class_name` seen, with counts. */
  readonly classNames: readonly { readonly className: string; readonly count: number }[]
  readonly lambdas: readonly KerasLambda[]
  /** Every bytecode blob, inside Lambda layers or anywhere else. */
  readonly bytecode: readonly KerasBytecode[]
  readonly tfOpLambdas: readonly KerasTfOpLambda[]
  readonly functionRefs: readonly KerasFunctionRef[]
  readonly customObjects: readonly KerasCustomObject[]
  /** True when a finding list hit `maxFindings`. */
  readonly truncated: boolean
  readonly problems: readonly KerasProblem[]
}

/** The report's name as the engine's callers know it. */
export type KerasReport = KerasConfigReport

/** Modules whose objects Keras ships; anything else is code from elsewhere. */
export const KERAS_TRUSTED_MODULES: readonly string[] = ['keras', 'tensorflow', 'tf_keras']

/**
 * Top-level modules whose functions touch the OS, the interpreter or the network: a reference to one of them
 * is the JFrog KERAS-CUSTOM / CVE-2025-1550 pattern (`{"class_name": "function", "module": "os", "config":
 * "system"}`). Not exhaustive: `untrustedModule` is the broader signal.
 */
export const DANGEROUS_PYTHON_MODULES: ReadonlySet<string> = new Set([
  'os',
  'posix',
  'nt',
  'subprocess',
  'builtins',
  '__builtin__',
  '__builtins__',
  'sys',
  'shutil',
  'socket',
  'pty',
  'pickle',
  '_pickle',
  'cPickle',
  'marshal',
  'importlib',
  'runpy',
  'code',
  'codeop',
  'ctypes',
  'webbrowser',
  'multiprocessing',
  'asyncio',
  'requests',
  'urllib',
  'urllib2',
  'http',
  'ftplib',
  'smtplib',
  'telnetlib',
  'pathlib',
  'glob',
  'io',
  'tempfile',
  'platform',
  'commands',
  'pdb',
  'timeit',
  'operator',
  'functools',
  'types',
  'inspect',
  'threading',
  'signal'
])

/**
 * Class names of Keras 2 built-ins (layers, models, initializers, regularizers, constraints, optimizers,
 * losses, metrics, schedules, dtype policies), written from the Keras API reference; Keras 3 objects carry a
 * `module` instead and are judged by it. Best effort: an object missing here is reported as "unrecognised",
 * which is advisory.
 */
export const KERAS_BUILTIN_CLASSES: ReadonlySet<string> = new Set(
  `
Functional Sequential Model InputLayer Input Dense Activation Dropout Flatten Reshape Permute RepeatVector Lambda
TFOpLambda SlicingOpLambda ActivityRegularization Masking Embedding Conv1D Conv2D Conv3D Conv1DTranspose
Conv2DTranspose Conv3DTranspose SeparableConv1D SeparableConv2D DepthwiseConv1D DepthwiseConv2D Convolution1D
Convolution2D Convolution3D Convolution2DTranspose Deconvolution2D SeparableConvolution2D Cropping1D Cropping2D
Cropping3D UpSampling1D UpSampling2D UpSampling3D ZeroPadding1D ZeroPadding2D ZeroPadding3D MaxPooling1D
MaxPooling2D MaxPooling3D AveragePooling1D AveragePooling2D AveragePooling3D MaxPool1D MaxPool2D MaxPool3D
AvgPool1D AvgPool2D AvgPool3D GlobalMaxPooling1D GlobalMaxPooling2D GlobalMaxPooling3D GlobalAveragePooling1D
GlobalAveragePooling2D GlobalAveragePooling3D GlobalMaxPool1D GlobalMaxPool2D GlobalMaxPool3D GlobalAvgPool1D
GlobalAvgPool2D GlobalAvgPool3D LocallyConnected1D LocallyConnected2D RNN SimpleRNN SimpleRNNCell GRU GRUCell LSTM
LSTMCell ConvLSTM1D ConvLSTM2D ConvLSTM3D StackedRNNCells CuDNNGRU CuDNNLSTM Bidirectional TimeDistributed Wrapper
BatchNormalization SyncBatchNormalization LayerNormalization GroupNormalization UnitNormalization
SpectralNormalization Normalization Discretization CategoryEncoding Hashing HashedCrossing StringLookup
IntegerLookup TextVectorization Resizing Rescaling CenterCrop RandomCrop RandomFlip RandomTranslation
RandomRotation RandomZoom RandomHeight RandomWidth RandomContrast RandomBrightness GaussianNoise GaussianDropout
AlphaDropout SpatialDropout1D SpatialDropout2D SpatialDropout3D ReLU LeakyReLU PReLU ELU ThresholdedReLU Softmax
Add Subtract Multiply Average Maximum Minimum Concatenate Dot Attention AdditiveAttention MultiHeadAttention
GroupQueryAttention EinsumDense Identity TFSMLayer
Initializer Zeros Ones Constant RandomNormal RandomUniform TruncatedNormal VarianceScaling Orthogonal Identity
GlorotNormal GlorotUniform HeNormal HeUniform LecunNormal LecunUniform
Regularizer L1 L2 L1L2 OrthogonalRegularizer
Constraint MaxNorm MinMaxNorm NonNeg UnitNorm RadialConstraint
Optimizer SGD RMSprop Adam AdamW Adadelta Adagrad Adamax Adafactor Nadam Ftrl Lion LossScaleOptimizer
ExponentialDecay PiecewiseConstantDecay PolynomialDecay InverseTimeDecay CosineDecay CosineDecayRestarts
Loss BinaryCrossentropy BinaryFocalCrossentropy CategoricalCrossentropy CategoricalFocalCrossentropy
SparseCategoricalCrossentropy Poisson KLDivergence MeanSquaredError MeanAbsoluteError MeanAbsolutePercentageError
MeanSquaredLogarithmicError CosineSimilarity Huber LogCosh Hinge SquaredHinge CategoricalHinge
Metric Accuracy BinaryAccuracy CategoricalAccuracy SparseCategoricalAccuracy TopKCategoricalAccuracy
SparseTopKCategoricalAccuracy AUC Precision Recall TruePositives TrueNegatives FalsePositives FalseNegatives
Mean Sum MeanMetricWrapper MeanIoU IoU BinaryIoU OneHotIoU OneHotMeanIoU RootMeanSquaredError R2Score F1Score
FBetaScore PrecisionAtRecall RecallAtPrecision SensitivityAtSpecificity SpecificityAtSensitivity
Policy DTypePolicy FloatDTypePolicy QuantizedDTypePolicy QuantizedFloat8DTypePolicy
__tuple__ __numpy__ __bytes__ __tensor__ __typespec__ __ellipsis__ __slice__ __keras_tensor__ TensorShape
TensorSpec
`
    .split(/\s+/)
    .filter((s) => s !== '')
)

/**
 * TensorFlow symbols (relative to `tf.`) a TFOpLambda may name that do more than compute: file and network
 * I/O, Python callbacks, raw ops, library loading. Prefixes ending in '.' match a namespace. Best effort;
 * `tfOpLambdas` lists every TFOpLambda regardless.
 */
export const TF_OP_LAMBDA_RISKY: readonly string[] = [
  'io.',
  'compat.v1.io.',
  'gfile.',
  'compat.v1.gfile.',
  'py_function',
  'numpy_function',
  'compat.v1.py_func',
  'raw_ops.',
  'print',
  'compat.v1.Print',
  'summary.',
  'compat.v1.summary.',
  'data.',
  'saved_model.',
  'compat.v1.saved_model.',
  'train.',
  'compat.v1.train.',
  'debugging.',
  'load_op_library',
  'load_library',
  'compat.v1.load_file_system_library'
]

function riskyTfSymbol(fn: string): boolean {
  return TF_OP_LAMBDA_RISKY.some((p) => (p.endsWith('.') ? fn.startsWith(p) : fn === p))
}

const DEFAULTS = { maxDepth: 256, maxNodes: 2_000_000, maxBase64Chars: 64 * 1024 * 1024, maxFindings: 1000 }

type Json = unknown
type JsonObject = Record<string, unknown>

function isObject(v: Json): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function optStr(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined
}

export function isTrustedKerasModule(module: string): boolean {
  return KERAS_TRUSTED_MODULES.some((m) => module === m || module.startsWith(`${m}.`))
}

function dangerous(module: string | undefined): boolean {
  return module !== undefined && DANGEROUS_PYTHON_MODULES.has(module.split('.')[0]!)
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/
/** CPython's marshal (Python/marshal.c): a code object is TYPE_CODE, with FLAG_REF set by Python 3.4 and later. */
const MARSHAL = { TYPE_CODE: 0x63 /* 'c' */, FLAG_REF: 0x80 } as const

/** What a base64 blob of marshalled code looks like, from a bounded prefix; nothing is unmarshalled. */
export function describeBytecode(
  path: string,
  text: string,
  maxChars = DEFAULTS.maxBase64Chars
): KerasBytecode {
  const examined = text.length > maxChars ? text.slice(0, maxChars) : text
  const clean = examined.replace(/\s+/g, '')
  const truncatedView = examined.length < text.length
  // A cut prefix may end mid-quantum: only whole quanta are checked for padding rules.
  const checkable = truncatedView ? clean.slice(0, clean.length - (clean.length % 4)) : clean
  const validBase64 = BASE64.test(checkable) && (truncatedView || checkable.length % 4 === 0)
  const head = Buffer.from(clean.slice(0, 4), 'base64')
  const firstByte = validBase64 && head.length > 0 ? head[0] : undefined
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0
  const totalClean = truncatedView ? text.replace(/\s+/g, '').length : clean.length
  return {
    path,
    base64Chars: text.length,
    decodedBytes: Math.max(0, Math.floor((totalClean * 3) / 4) - padding),
    validBase64,
    ...(firstByte !== undefined ? { firstByte } : {}),
    pythonCodeObject: firstByte !== undefined && (firstByte & ~MARSHAL.FLAG_REF) === MARSHAL.TYPE_CODE
  }
}

class KerasWalker {
  readonly limits: typeof DEFAULTS
  readonly classNames = new Map<string, number>()
  readonly lambdas: KerasLambda[] = []
  readonly bytecode: KerasBytecode[] = []
  readonly tfOpLambdas: KerasTfOpLambda[] = []
  readonly functionRefs: KerasFunctionRef[] = []
  readonly customObjects: KerasCustomObject[] = []
  readonly problems: KerasProblem[] = []
  truncated = false
  visited = 0

  constructor(limits: KerasLimits) {
    this.limits = { ...DEFAULTS, ...limits }
  }

  keep<T>(list: T[], item: T): void {
    if (list.length < this.limits.maxFindings) list.push(item)
    else this.truncated = true
  }

  walk(root: Json): void {
    // Iterative, so that hostile nesting cannot exhaust the JS stack before the depth limit applies.
    const stack: { value: Json; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }]
    let depthReported = false
    while (stack.length > 0) {
      const { value, path, depth } = stack.pop()!
      if (++this.visited > this.limits.maxNodes) {
        this.problems.push({ code: 'LIMIT', detail: `more than ${this.limits.maxNodes} JSON values` })
        return
      }
      if (depth > this.limits.maxDepth) {
        if (!depthReported)
          this.problems.push({ code: 'DEPTH', detail: `nested deeper than ${this.limits.maxDepth}` })
        depthReported = true
        continue
      }
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--)
          stack.push({ value: value[i], path: `${path}/${i}`, depth: depth + 1 })
      } else if (isObject(value)) {
        this.object(value, path)
        const keys = Object.keys(value)
        for (let i = keys.length - 1; i >= 0; i--) {
          const k = keys[i]!
          stack.push({ value: value[k], path: `${path}/${escapePointer(k)}`, depth: depth + 1 })
        }
      }
    }
  }

  object(o: JsonObject, path: string): void {
    const className = optStr(o.class_name)
    if (className === undefined) return
    this.classNames.set(className, (this.classNames.get(className) ?? 0) + 1)
    const module = optStr(o.module)
    const registeredName = optStr(o.registered_name)
    const config = o.config
    if (className === 'function') {
      const name = optStr(config) ?? registeredName ?? ''
      this.keep(this.functionRefs, this.ref(path, module, name, 'function-object'))
      return
    }
    if (className === '__lambda__') {
      const code = isObject(config) ? optStr(config.code) : undefined
      if (code !== undefined)
        this.keep(this.bytecode, describeBytecode(`${path}/config/code`, code, this.limits.maxBase64Chars))
      return
    }
    if (className === 'Lambda' && isObject(config)) this.lambda(config, path)
    if ((className === 'TFOpLambda' || className === 'SlicingOpLambda') && isObject(config)) {
      const name = optStr(config.name)
      const fn = optStr(config.function)
      this.keep(this.tfOpLambdas, {
        path,
        className,
        ...(name !== undefined ? { name } : {}),
        ...(fn !== undefined ? { function: fn } : {})
      })
    }
    const custom = (reason: KerasCustomObject['reason']): void =>
      this.keep(this.customObjects, {
        path,
        className,
        ...(module !== undefined ? { module } : {}),
        ...(registeredName !== undefined ? { registeredName } : {}),
        reason
      })
    if (module !== undefined && !isTrustedKerasModule(module)) custom('module')
    else if (registeredName?.includes('>') === true) custom('registered_name')
    else if (module === undefined && !KERAS_BUILTIN_CLASSES.has(className)) custom('unrecognised')
  }

  lambda(config: JsonObject, path: string): void {
    const name = optStr(config.name)
    let lambda: KerasLambda = { path, ...(name !== undefined ? { name } : {}), kind: 'missing' }
    const fields: [string, KerasFunctionRef['source'], string][] = [
      ['function', 'lambda-function', 'module'],
      ['output_shape', 'lambda-output_shape', 'output_shape_module'],
      ['mask', 'lambda-mask', 'mask_module']
    ]
    for (const [key, source, moduleKey] of fields) {
      const value = config[key]
      const type = optStr(config[`${key}_type`])
      const fieldPath = `${path}/config/${key}`
      let found: Partial<KerasLambda> | undefined
      if (type === 'lambda') {
        // Keras 2 func_dump: [base64 code, defaults, closure], or the bare code string in older versions.
        const code = Array.isArray(value) ? optStr(value[0]) : optStr(value)
        if (code !== undefined) {
          const bc = describeBytecode(
            Array.isArray(value) ? `${fieldPath}/0` : fieldPath,
            code,
            this.limits.maxBase64Chars
          )
          this.keep(this.bytecode, bc)
          found = { kind: 'bytecode', bytecode: bc }
        }
      } else if (type === 'function' && typeof value === 'string') {
        const ref = this.ref(fieldPath, optStr(config[moduleKey]), value, source)
        this.keep(this.functionRefs, ref)
        found = { kind: 'function-ref', functionRef: ref }
      } else if (isObject(value)) {
        // Keras 3: the nested object is read by the tree walk as well; here it is only tied to its layer.
        const cls = optStr(value.class_name)
        if (cls === '__lambda__' && isObject(value.config) && typeof value.config.code === 'string') {
          found = {
            kind: 'bytecode',
            bytecode: describeBytecode(
              `${fieldPath}/config/code`,
              value.config.code,
              this.limits.maxBase64Chars
            )
          }
        } else if (cls === 'function') {
          const fnName = optStr(value.config) ?? optStr(value.registered_name) ?? ''
          found = {
            kind: 'function-ref',
            functionRef: this.ref(fieldPath, optStr(value.module), fnName, 'function-object')
          }
        } else found = { kind: 'other' }
      } else if (value !== undefined && value !== null && key === 'function') found = { kind: 'other' }
      if (found && key === 'function') lambda = { ...lambda, ...found }
    }
    this.keep(this.lambdas, lambda)
  }

  ref(
    path: string,
    module: string | undefined,
    name: string,
    source: KerasFunctionRef['source']
  ): KerasFunctionRef {
    return {
      path,
      ...(module !== undefined ? { module } : {}),
      name,
      source,
      untrustedModule: module === undefined || !isTrustedKerasModule(module),
      dangerousModule: dangerous(module)
    }
  }

  findings(): KerasFinding[] {
    const out: KerasFinding[] = []
    const covered = new Set<string>()
    const q = (s: string): string => JSON.stringify(s.slice(0, 100))
    for (const l of this.lambdas) {
      const label = l.name !== undefined ? `Lambda layer ${q(l.name)}` : 'A Lambda layer'
      let detail = `${label} runs Python code when the model is built`
      if (l.bytecode) {
        covered.add(l.bytecode.path)
        detail = `${label} holds ${l.bytecode.pythonCodeObject ? 'marshalled Python bytecode' : 'base64 data in place of code'} (${l.bytecode.decodedBytes} bytes)`
      } else if (l.functionRef) {
        covered.add(l.functionRef.path)
        detail = `${label} calls ${l.functionRef.module ?? '(no module)'}.${l.functionRef.name.slice(0, 100)}`
      }
      out.push({
        kind: 'LAMBDA',
        path: l.path,
        ...(l.functionRef?.module !== undefined ? { module: l.functionRef.module } : {}),
        ...(l.name !== undefined ? { name: l.name } : {}),
        detail
      })
    }
    for (const b of this.bytecode) {
      if (covered.has(b.path)) continue
      out.push({
        kind: 'BYTECODE',
        path: b.path,
        detail: `${b.pythonCodeObject ? 'Marshalled Python bytecode' : 'Base64 data in a code field'} (${b.decodedBytes} bytes) at ${b.path.slice(0, 200)}`
      })
    }
    for (const f of this.functionRefs) {
      if (!f.untrustedModule || covered.has(f.path)) continue
      out.push({
        kind: 'FUNCTION_REF',
        path: f.path,
        ...(f.module !== undefined ? { module: f.module } : {}),
        name: f.name,
        detail: `The configuration references the function ${f.module ?? '(no module)'}.${f.name.slice(0, 100)}${f.dangerousModule ? ', which reaches the OS, the interpreter or the network' : ''}`
      })
    }
    for (const c of this.customObjects) {
      if (c.reason === 'unrecognised') continue
      out.push({
        kind: 'CUSTOM_OBJECT',
        path: c.path,
        ...(c.module !== undefined ? { module: c.module } : {}),
        name: c.registeredName ?? c.className,
        detail: `Custom object ${q(c.registeredName ?? c.className)}${c.module !== undefined ? ` from module ${q(c.module)}` : ''} needs code from outside Keras to load`
      })
    }
    for (const t of this.tfOpLambdas) {
      if (t.function === undefined || !riskyTfSymbol(t.function)) continue
      out.push({
        kind: 'TF_OP_LAMBDA',
        path: t.path,
        module: 'tensorflow',
        name: t.function,
        detail: `${t.className} layer calls tf.${t.function.slice(0, 100)}`
      })
    }
    return out
  }

  report(): KerasConfigReport {
    return {
      findings: this.findings(),
      classNames: [...this.classNames.entries()]
        .map(([className, count]) => ({ className, count }))
        .sort((a, b) => (a.className < b.className ? -1 : a.className > b.className ? 1 : 0)),
      lambdas: this.lambdas,
      bytecode: this.bytecode,
      tfOpLambdas: this.tfOpLambdas,
      functionRefs: this.functionRefs,
      customObjects: this.customObjects,
      truncated: this.truncated,
      problems: this.problems
    }
  }
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1')
}

/**
 * Walks a parsed Keras configuration and returns what it references: Lambda layers (and whether they carry
 * marshalled bytecode), TFOpLambda layers, function references by module (KERAS-CUSTOM / CVE-2025-1550),
 * custom objects and every class name. Pure; never throws. A non-object root is reported as BAD_CONFIG.
 */
export function inspectKerasConfig(json: unknown, limits: KerasLimits = {}): KerasConfigReport {
  const w = new KerasWalker(limits)
  if (!isObject(json)) {
    w.problems.push({ code: 'BAD_CONFIG', detail: 'the configuration is not a JSON object' })
    return w.report()
  }
  if (typeof json.class_name !== 'string') {
    w.problems.push({ code: 'BAD_CONFIG', detail: 'the configuration has no class_name' })
  }
  w.walk(json)
  return w.report()
}
