import { isImportPath, NONE, NOT_LITERAL, NUMBER, OPAQUE, SOME_TUPLE, type Value } from './pickle-value.js'

/**
 * The unpickler's memo as the walk needs it. Real checkpoints store tens of millions of entries, nearly all of
 * them numbers, containers and text that can never be an import name; those are kept as one byte each, and
 * only what a later opcode can act on (names, imports, tracked calls, small tuples of them) as objects. A 500 MB
 * pickle's memo then costs tens of megabytes, not gigabytes.
 */

/** The shared values a one-byte code stands for (0: no entry). */
const SHARED: readonly (Value | undefined)[] = [
  undefined,
  NUMBER,
  OPAQUE,
  NOT_LITERAL,
  SOME_TUPLE,
  NONE,
  { k: 'bytes', length: 0 },
  { k: 'call', callee: OPAQUE },
  { k: 'dict', size: -1 }
]
const OBJECT = 255
/** A name stored past the object budget: recalled, it can only make an import the walk cannot check. */
const EVICTED = 254
export const EVICTED_NAME: Value = { k: 'str', v: '', whole: false }
/** Indices below this are kept in the byte array (picklers number entries from 0); others in a map. */
const DENSE = 1 << 28
/** Strings the memo keeps for later use as import names need no more than this. */
const NAME_TEXT = 256
/** Tuples of up to this many names, numbers and imports are kept (shapes, dtype arguments). */
const SMALL_TUPLE = 8

const code = (v: Value): number => SHARED.indexOf(v)

/** What the memo keeps of a value: an object only when a later opcode can act on it. */
function kept(v: Value): Value {
  switch (v.k) {
    case 'str':
      return v.whole && v.v.length <= NAME_TEXT && isImportPath(v.v) ? v : NOT_LITERAL
    case 'int':
      return v.v === undefined ? NUMBER : v
    case 'global':
      return v
    case 'call':
      return v.cls ? v : SHARED[7]!
    case 'tuple':
      return v.length >= 0 && v.length <= SMALL_TUPLE && v.items.every(small) ? v : SOME_TUPLE
    case 'bytes':
      return SHARED[6]!
    case 'dict':
      return SHARED[8]!
    default:
      return v
  }
}
const small = (v: Value): boolean =>
  (v.k === 'str' && v.whole && v.v.length <= NAME_TEXT) ||
  (v.k === 'int' && v.v !== undefined) ||
  v.k === 'global' ||
  v.k === 'none'

export class Memo {
  private codes = new Uint8Array(1024)
  /** a name is kept as its text, other values as they are */
  private readonly objects = new Map<number, Value | string>()
  private readonly sparse = new Map<number, Value>()
  /** distinct entries stored */
  size = 0

  /**
   * `names`: values kept as objects (names, imports, small tuples, tracked calls). A Map holds at most 2^24
   * entries and a name costs about 100 bytes: past this many, names are no longer kept (real pickles recall
   * module names stored early), and a later import through one is reported as not verified, never guessed.
   */
  constructor(
    private readonly limit: number,
    private readonly names: number
  ) {}

  /** Stores `v` at `index`; false when a new entry would pass the limit. */
  store(index: number, v: Value): boolean {
    const fresh = this.recall(index) === undefined
    if (fresh && this.size >= this.limit) return false
    if (fresh) this.size++
    const k = kept(v)
    if (index >= DENSE) {
      this.sparse.set(index, k)
      return true
    }
    if (index >= this.codes.length) {
      let n = this.codes.length
      while (n <= index) n *= 2
      const grown = new Uint8Array(Math.min(n, DENSE))
      grown.set(this.codes)
      this.codes = grown
    }
    const c = code(k)
    const held = this.codes[index] === OBJECT
    if (c > 0) {
      this.codes[index] = c
      if (held) this.objects.delete(index)
    } else if (!held && this.objects.size >= this.names && k.k !== 'global') {
      // imports stay exact (BUILD on one is caught); the rest lose what only joblib's layouts needed
      this.codes[index] =
        k.k === 'str' ? EVICTED : k.k === 'tuple' ? code(SOME_TUPLE) : k.k === 'call' ? 7 : code(NUMBER)
    } else {
      this.codes[index] = OBJECT
      this.objects.set(index, k.k === 'str' ? k.v : k)
    }
    return true
  }

  recall(index: number): Value | undefined {
    if (index >= DENSE) return this.sparse.get(index)
    const c = index < this.codes.length ? this.codes[index]! : 0
    if (c === EVICTED) return EVICTED_NAME
    if (c !== OBJECT) return SHARED[c]
    const v = this.objects.get(index)
    return typeof v === 'string' ? { k: 'str', v, whole: true } : v
  }
}
