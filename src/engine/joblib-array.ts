import type { GlobalValue, Value } from './pickle-value.js'

/**
 * joblib.dump writes each NumPy array as a `NumpyArrayWrapper` object and then the array's bytes straight into
 * the stream, between two opcodes; joblib.load's BUILD reads them back (joblib/numpy_pickle.py,
 * `NumpyArrayWrapper.read_array`). To walk on, the walk must know exactly how many bytes that is: the product of
 * the shape times the dtype's item size, after an optional padding byte and its padding. Object arrays are a
 * whole pickle instead, read by a plain unpickler. joblib < 0.10 kept arrays in files beside the pickle
 * (`NDArrayWrapper`, `ZNDArrayWrapper`), named in the state and opened relative to the pickle's directory.
 *
 * Everything here is computed from values the walk saw; anything it cannot compute exactly is `unknown`, and
 * the walk stops there as "could not be verified" (a wrong length would walk array bytes as opcodes).
 */

export type ArrayLayout =
  /** `bytes` of array data follow, after a padding-length byte and that many bytes when `padded` */
  | { kind: 'bytes'; padded: boolean; bytes: number }
  /** an object array: a whole pickle follows */
  | { kind: 'pickle' }
  /** joblib < 0.10: the array is in a file beside the pickle */
  | { kind: 'file'; filename: string }
  | { kind: 'unknown'; why: string }

/** Where joblib's wrapper classes are found (scikit-learn vendored joblib until 0.23). */
const JOBLIB_MODULES = new Set([
  'joblib.numpy_pickle',
  'joblib.numpy_pickle_compat',
  'sklearn.externals.joblib.numpy_pickle',
  'sklearn.externals.joblib.numpy_pickle_compat'
])
const WRAPPERS = new Set(['NumpyArrayWrapper', 'NDArrayWrapper', 'ZNDArrayWrapper'])
const DTYPE_MODULES = new Set(['numpy', 'numpy.core.multiarray', 'numpy._core.multiarray'])

/** The calls whose arguments and state the walk keeps. */
export function isTracked(cls: GlobalValue): boolean {
  return isDtype(cls) || isWrapper(cls)
}
export const isWrapper = (cls: GlobalValue): boolean =>
  JOBLIB_MODULES.has(cls.module) && WRAPPERS.has(cls.name)
const isDtype = (cls: GlobalValue): boolean => DTYPE_MODULES.has(cls.module) && cls.name === 'dtype'

/** copyreg's reconstructors: protocols 0 and 1 make plain objects through `_reconstructor(cls, object, None)`. */
export const isReconstructor = (g: GlobalValue): boolean =>
  (g.module === 'copyreg' || g.module === 'copy_reg') && g.name === '_reconstructor'

/** Bytes per item of a NumPy type code as dtype.__reduce__ writes it (`f8`, `i4`, `c16`, `M8`). */
const FIXED_KINDS = new Set(['b', 'i', 'u', 'f', 'c', 'M', 'm'])
/** numpy's NPY_ITEM_REFCOUNT flag: the dtype holds Python objects. */
const HAS_OBJECT = 0x01

interface DtypeLayout {
  itemsize: number
  object: boolean
}

const intOf = (v: Value | undefined): number | undefined =>
  v?.k === 'int' && v.v !== undefined ? v.v : undefined

/** A numpy.dtype's item size, from its reduce arguments (`('f8', False, True)`) and BUILD state. */
export function dtypeLayout(v: Value | undefined): DtypeLayout | string {
  if (v?.k !== 'call' || !v.cls || !isDtype(v.cls)) return 'its dtype is not a numpy.dtype'
  const args = v.args
  const code = args?.k === 'tuple' ? args.items[0] : undefined
  if (code?.k !== 'str' || !code.whole) return 'its dtype has no type code'
  const m = /^([biufcMmSUVO])(\d*)$/.exec(code.v)
  if (!m) return `its dtype's type code "${code.v.slice(0, 20)}" is not one the engine knows`
  const kind = m[1]!
  const digits = m[2] ? Number(m[2]) : undefined
  // state: (version, byteorder, subarray, names, fields, elsize, alignment, flags[, metadata])
  const state = v.state
  let elsize = -1
  let flags = 0
  if (state !== undefined) {
    if (state.k !== 'tuple' || state.length < 8) return "its dtype's state is not numpy's"
    if (state.items[2]?.k === 'tuple') return 'its dtype has a subarray'
    const e = intOf(state.items[5])
    const f = intOf(state.items[7])
    if (e === undefined || f === undefined) return "its dtype's size or flags are not numbers"
    elsize = e
    flags = f
  }
  const object = kind === 'O' || (flags & HAS_OBJECT) !== 0
  if (object) return { itemsize: 8, object: true }
  const fromCode =
    digits === undefined
      ? undefined
      : FIXED_KINDS.has(kind) || kind === 'S' || kind === 'V'
        ? digits
        : kind === 'U'
          ? digits * 4
          : undefined
  if (elsize >= 0) {
    if (fromCode !== undefined && fromCode !== elsize)
      return `its dtype says ${code.v} but an item size of ${elsize}`
    return { itemsize: elsize, object: false }
  }
  if (elsize !== -1) return 'its dtype has a negative item size'
  if (fromCode === undefined) return `its dtype's type code "${code.v}" has no size`
  return { itemsize: fromCode, object: false }
}

/** What joblib.load reads after BUILD on a wrapper made by `call` with `state`. */
export function arrayLayout(call: Value & { k: 'call' }, state: Value): ArrayLayout {
  const cls = call.cls!
  const unknown = (why: string): ArrayLayout => ({ kind: 'unknown', why })
  if (state.k !== 'dict' || !state.items) return unknown('its state is not a small dict')
  // a constructor call with arguments sets attributes too; joblib's pickler never writes one
  if (call.args !== undefined && !(call.args.k === 'tuple' && call.args.length === 0))
    return unknown('the wrapper was made by a call with arguments')
  const a = state.items
  if (cls.name !== 'NumpyArrayWrapper') {
    const f = a.get('filename')
    return f?.k === 'str' && f.whole ? { kind: 'file', filename: f.v } : unknown('it names no file')
  }
  const dtype = dtypeLayout(a.get('dtype'))
  if (typeof dtype === 'string') return unknown(dtype)
  if (dtype.object) return { kind: 'pickle' }
  const shape = a.get('shape')
  if (shape?.k !== 'tuple' || shape.length < 0 || shape.length !== shape.items.length)
    return unknown('its shape is not a tuple the engine kept')
  let count = 1
  for (const d of shape.items) {
    const n = intOf(d)
    if (n === undefined || n < 0) return unknown('its shape holds something other than a size')
    count *= n
  }
  const order = a.get('order')
  if (order?.k !== 'str' || (order.v !== 'C' && order.v !== 'F')) return unknown('its order is not C or F')
  const bytes = count * dtype.itemsize
  if (!Number.isSafeInteger(bytes)) return unknown(`its ${count} items are more than a file can hold`)
  // joblib reads a padding byte when the attribute exists and is not None (joblib >= 1.2 writes 16)
  const align = a.get('numpy_array_alignment_bytes')
  return { kind: 'bytes', padded: align !== undefined && align.k !== 'none', bytes }
}
