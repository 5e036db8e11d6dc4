import path from 'node:path'
import type { OnnxExternalData } from './formats/onnx.js'
import type { TfliteExternalFile } from './formats/tflite.js'
import type { ModelEntry } from './walk.js'

/**
 * Files a model file of the same folder reads as data: ONNX and LiteRT external weights, a SavedModel's
 * fingerprint, variables and assets, ONNX backend test tensors. They are known by layout before any file is read
 * (the SavedModel directory, `test_data_set_N` beside an ONNX model), or from the models that reference them,
 * which `analyseModel` analyses first. A file is classified as a companion only when its content is not
 * something a loader could run (a pickle, an archive, an executable): that content is analysed as usual.
 */

export type CompanionKind =
  | 'onnx_external_data'
  | 'litert_external_data'
  | 'tensorflow_fingerprint'
  | 'tensorflow_variables'
  | 'tensorflow_asset'
  | 'onnx_tensor'

/** A byte range a model reads from an external data file (offset and length as its loader parses them). */
export interface DataRead {
  /** what is read (a tensor's name) */
  what: string
  offset: bigint
  /** to the end of the file when absent */
  length?: bigint
  /** why the range cannot be read (an offset that is not a number) */
  invalid?: string
}

export interface Companion {
  kind: CompanionKind
  /** the model file that refers to it (the first one, when several do) */
  model: string
  reads: DataRead[]
}

/** The `variables/` files of a TensorFlow checkpoint written beside a SavedModel. */
const VARIABLES = /^variables\.(?:index|data-\d{5}-of-\d{5})$/
/** ONNX backend test data (onnx/backend/test/data/…/test_data_set_N/input_M.pb). */
const ONNX_TEST_TENSOR = /^test_data_set_\d+\/(?:input|output)_\d+\.pb$/
const ONNX_MODEL_TENSOR = /^(.+)_(?:input|output)_\d+\.pb$/
/** Reads recorded per file: ONNX lists one per tensor, capped at its 1000 external tensors per model. */
const MAX_READS = 10_000

export class Companions {
  private readonly byPath = new Map<string, Companion>()

  constructor(entries: readonly ModelEntry[]) {
    const savedModelDirs = new Set<string>()
    const onnxDirs = new Map<string, string>()
    const onnxFiles = new Set<string>()
    for (const e of entries) {
      const dir = dirOf(e.rel)
      const base = path.posix.basename(e.rel)
      if (base === 'saved_model.pb') savedModelDirs.add(dir)
      if (!/\.onnx$/i.test(base)) continue
      onnxFiles.add(e.rel)
      if (!onnxDirs.has(dir)) onnxDirs.set(dir, e.rel)
    }
    if (savedModelDirs.size === 0 && onnxDirs.size === 0) return
    for (const e of entries) {
      const dir = dirOf(e.rel)
      const base = path.posix.basename(e.rel)
      if (base === 'fingerprint.pb' && savedModelDirs.has(dir)) {
        this.set(e.rel, 'tensorflow_fingerprint', join(dir, 'saved_model.pb'))
        continue
      }
      if (path.posix.basename(dir) === 'variables' && VARIABLES.test(base)) {
        const root = dirOf(dir)
        if (savedModelDirs.has(root)) this.set(e.rel, 'tensorflow_variables', join(root, 'saved_model.pb'))
        continue
      }
      const parts = e.rel.split('/')
      // assets/ and assets.extra/ (TF Serving's warm-up requests and configs), at any depth below the SavedModel
      const at = parts.findIndex(
        (s, i) =>
          i < parts.length - 1 &&
          (s === 'assets' || s === 'assets.extra') &&
          savedModelDirs.has(parts.slice(0, i).join('/'))
      )
      if (at >= 0) {
        this.set(e.rel, 'tensorflow_asset', join(parts.slice(0, at).join('/'), 'saved_model.pb'))
        continue
      }
      const model = onnxDirs.get(dirOf(dir))
      if (model !== undefined && parts.length >= 2 && ONNX_TEST_TENSOR.test(parts.slice(-2).join('/'))) {
        this.set(e.rel, 'onnx_tensor', model)
        continue
      }
      // onnx/backend/test/data/light: `<model>_output_0.pb` beside `<model>.onnx`
      const stem = ONNX_MODEL_TENSOR.exec(base)?.[1]
      if (stem !== undefined && onnxFiles.has(join(dir, `${stem}.onnx`)))
        this.set(e.rel, 'onnx_tensor', join(dir, `${stem}.onnx`))
    }
  }

  get(rel: string): Companion | undefined {
    return this.byPath.get(rel)
  }

  /** The external data files an ONNX model at `model` reads; locations that escape its folder are not data. */
  addOnnx(model: string, tensors: readonly OnnxExternalData[]): void {
    for (const t of tensors) {
      if (t.problems.length > 0) continue
      const offset = parseCount(t.offset)
      const length = parseCount(t.length)
      this.addRead(model, t.location, 'onnx_external_data', {
        what: `tensor ${JSON.stringify(t.tensor.slice(0, 100))}`,
        offset: typeof offset === 'bigint' ? offset : 0n,
        ...(typeof length === 'bigint' && { length }),
        ...((typeof offset === 'string' || typeof length === 'string') && {
          invalid: `its ${typeof offset === 'string' ? `offset ${offset}` : `length ${length as string}`} is not a number`
        })
      })
    }
  }

  /** The external buffer files a LiteRT model at `model` reads. */
  addTflite(model: string, files: readonly TfliteExternalFile[]): void {
    for (const f of files) {
      if (f.problems.length > 0) continue
      if (f.ranges.length === 0) this.addRead(model, f.name, 'litert_external_data')
      for (const r of f.ranges)
        this.addRead(model, f.name, 'litert_external_data', {
          what: 'an external buffer',
          offset: r.offset,
          length: r.length
        })
    }
  }

  private addRead(model: string, location: string, kind: CompanionKind, read?: DataRead): void {
    const rel = path.posix.normalize(path.posix.join(dirOf(model), location))
    if (rel === '.' || rel === '..' || rel.startsWith('../')) return
    const c = this.byPath.get(rel)
    // a reference outranks a layout: the model reads the file, whatever folder it sits in
    const companion =
      c && (c.kind === 'onnx_external_data' || c.kind === 'litert_external_data')
        ? c
        : this.set(rel, kind, model)
    if (read && companion.reads.length < MAX_READS) companion.reads.push(read)
  }

  private set(rel: string, kind: CompanionKind, model: string): Companion {
    const c: Companion = { kind, model, reads: [] }
    this.byPath.set(rel, c)
    return c
  }
}

const dirOf = (rel: string): string => {
  const d = path.posix.dirname(rel)
  return d === '.' ? '' : d
}

const join = (dir: string, name: string): string => (dir ? `${dir}/${name}` : name)

/** A count as Python's int() reads an ONNX external-data entry: absent, a number, or (a string) not one. */
function parseCount(value: string | undefined): bigint | string | undefined {
  if (value === undefined) return undefined
  const v = value.trim().replace(/_/g, '')
  return /^\+?\d{1,30}$/.test(v) ? BigInt(v) : JSON.stringify(value.slice(0, 50))
}
