/**
 * The values of the symbolic pickle walk (pickle.ts). Only what a decision needs is kept: literal strings for
 * import names, integers and small dicts for the layouts joblib writes between opcodes, the class and arguments
 * of the few calls whose result the walk must understand (numpy.dtype, joblib's array wrappers).
 */

export interface GlobalValue {
  k: 'global'
  module: string
  name: string
  /** the import's record, told when the value is used as anything but the class NEWOBJ builds */
  ref?: { called?: boolean }
}

export type Value =
  | { k: 'str'; v: string; whole: boolean }
  | { k: 'bytes'; length: number }
  /** an integer; `v` when it is small enough to be exact */
  | { k: 'int'; v?: number }
  | GlobalValue
  /**
   * A call's result. `cls` is the class or function called (through copyreg's reconstructors too); `args` and
   * `state` (what BUILD applied) are kept only for the tracked classes, so the memo stays small.
   */
  | { k: 'call'; callee: Value; cls?: GlobalValue; args?: Value; state?: Value }
  /** `items` keeps at most TUPLE_KEEP values; `length` is the real count, -1 when not known (memo) */
  | { k: 'tuple'; items: Value[]; length: number }
  /** `items` holds the string keys of a small dict, while it has at most DICT_KEEP entries */
  | { k: 'dict'; items?: Map<string, Value>; size: number }
  | { k: 'none' }
  | { k: 'opaque' }

/** Text Python can import as a module or attribute path; an unpickler cannot resolve anything else. */
export const isImportPath = (text: string): boolean => /^[A-Za-z_][\w.]*$/.test(text)

export const OPAQUE: Value = { k: 'opaque' }
export const NONE: Value = { k: 'none' }
/** An integer whose value is not kept (floats, long integers, memo copies). */
export const NUMBER: Value = { k: 'int' }
/** A string that cannot be an import name. */
export const NOT_LITERAL: Value = { k: 'str', v: '', whole: false }
/** A tuple recalled from the memo: its items were not kept. */
export const SOME_TUPLE: Value = { k: 'tuple', items: [], length: -1 }

/** Items of a tuple kept for inspection (shapes, dtype arguments, copyreg's reconstructor arguments). */
export const TUPLE_KEEP = 64
/** Entries of a dict whose string keys are kept (joblib's wrapper state has six). */
export const DICT_KEEP = 16

/** Integers 0..INT_CACHE-1 are shared: BININT1 and BININT2 are the commonest opcodes and must not allocate. */
const INT_CACHE = 1 << 16
const ints: Value[] = []

export function intValue(v: number): Value {
  if (v >= 0 && v < INT_CACHE) return (ints[v] ??= { k: 'int', v })
  return Number.isSafeInteger(v) ? { k: 'int', v } : NUMBER
}

/** A little-endian two's-complement integer of up to 6 bytes (LONG1), else a number without its value. */
export function longValue(b: Buffer): Value {
  if (b.length === 0) return intValue(0)
  if (b.length > 6) return NUMBER
  return intValue(b.readIntLE(0, b.length))
}

/** Protocol 0's INT and LONG text (`I42`, `L42L`, `I01` for True). */
export function decimalValue(text: string): Value {
  const t = text.trim().replace(/L$/, '')
  if (!/^[+-]?\d{1,15}$/.test(t)) return NUMBER
  return intValue(Number(t))
}

/** The attributes of joblib's array wrappers: the only dict keys a decision reads. */
const WRAPPER_KEYS = new Set([
  'subclass',
  'shape',
  'order',
  'dtype',
  'allow_mmap',
  'numpy_array_alignment_bytes',
  'filename',
  'init_args',
  'state'
])

export function addItems(target: Value, pairs: Value[]): void {
  // a dict recalled from the memo (size -1) is shared: never filled
  if (target.k !== 'dict' || target.size < 0) return
  const n = Math.floor(pairs.length / 2)
  if (target.size + n <= DICT_KEEP) {
    // only the keys a wrapper's layout reads: a Map per ordinary dict made large pickles slow
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      const key = pairs[i]!
      if (key.k === 'str' && key.whole && WRAPPER_KEYS.has(key.v))
        (target.items ??= new Map()).set(key.v, pairs[i + 1]!)
    }
  } else target.items = undefined
  target.size += n
}

export function tupleOf(items: Value[]): Value {
  return {
    k: 'tuple',
    items: items.length > TUPLE_KEEP ? items.slice(0, TUPLE_KEEP) : items,
    length: items.length
  }
}
