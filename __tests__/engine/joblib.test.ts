import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bufferAccess } from '../../src/engine/access.js'
import { analyseModel } from '../../src/engine/analyse-model.js'
import { classifyImport } from '../../src/engine/globals.js'
import { DEFAULT_LIMITS } from '../../src/engine/limits.js'
import { walkPickles, type PickleWalk } from '../../src/engine/pickle.js'
import { pickle, type PickleBuilder } from '../helpers/pickle-builder.js'

/**
 * joblib writes NumPy arrays' bytes between opcodes (NumpyArrayWrapper) and object arrays as whole pickles; the
 * walk steps over exactly those bytes, walks the inner pickles, reports what pickle.load would make of the array
 * bytes, and stops as "could not be verified" wherever it cannot compute the length exactly.
 */

const FIXTURES = fileURLToPath(new URL('../fixtures/engine/joblib/', import.meta.url))
const walk = (data: Buffer, limits = {}): Promise<PickleWalk> =>
  walkPickles(bufferAccess(data), { limits: { ...DEFAULT_LIMITS, ...limits } })
const kinds = (w: PickleWalk) => w.issues.map((i) => i.kind)
const all = (w: PickleWalk): PickleWalk[] => [w, ...w.nested.flatMap(all)]
const flagged = (w: PickleWalk) =>
  all(w)
    .flatMap((x) => x.imports)
    .map((i) => `${i.module}.${i.name}`)
    .filter((name) => !name.startsWith('joblib.numpy_pickle.'))
    .filter((name) => {
      const dot = name.lastIndexOf('.')
      return classifyImport(name.slice(0, dot), name.slice(dot + 1)) !== 'safe'
    })

describe('real joblib dumps (joblib 1.6, every protocol)', () => {
  it.each([0, 1, 2, 3, 4, 5])(
    'protocol %i: all 13 arrays are stepped over and the stream ends cleanly',
    async (p) => {
      const w = await walk(readFileSync(join(FIXTURES, `model_p${p}.joblib`)))
      expect(w.issues).toEqual([])
      expect(w.pickles).toBe(1)
      // coef … same_dtype_again: twelve arrays of data, one object array (a pickle of its own)
      expect(w.arrays).toBe(13)
      expect(w.nested).toEqual([])
    }
  )

  it('the engine passes them with no load-time finding', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'joblib-'))
    for (const p of [0, 2, 5])
      writeFileSync(join(dir, `m${p}.joblib`), readFileSync(join(FIXTURES, `model_p${p}.joblib`)))
    const { reports } = await analyseModel({ path: dir, allowedGlobals: [] })
    expect(reports.map((r) => [r.path, r.findings])).toEqual([
      ['m0.joblib', []],
      ['m2.joblib', []],
      ['m5.joblib', []]
    ])
    expect(reports[0]!.formats).toEqual(expect.arrayContaining(['pickle', 'joblib']))
  })
})

/** joblib's layout, written as joblib.dump writes it at protocol 4 (without frames). */
function wrapper(
  b: PickleBuilder,
  o: { shape: number[]; code: string; elsize?: number; flags?: number; order?: string; padded?: boolean }
): PickleBuilder {
  b.shortBinUnicode('joblib.numpy_pickle').shortBinUnicode('NumpyArrayWrapper').stackGlobal()
  b.emptyTuple().op(0x81) // NEWOBJ
  b.emptyDict().mark()
  b.shortBinUnicode('subclass').shortBinUnicode('numpy').shortBinUnicode('ndarray').stackGlobal()
  b.shortBinUnicode('shape').mark()
  for (const d of o.shape) b.binInt(d)
  b.tuple()
  b.shortBinUnicode('order').shortBinUnicode(o.order ?? 'C')
  b.shortBinUnicode('dtype').shortBinUnicode('numpy').shortBinUnicode('dtype').stackGlobal()
  b.shortBinUnicode(o.code).newFalse().newTrue().tuple3().op(0x52) // REDUCE
  b.mark().binInt1(3).shortBinUnicode('<').none().none().none()
  b.binInt(o.elsize ?? -1)
    .binInt(-1)
    .binInt(o.flags ?? 0)
    .tuple()
    .op(0x62) // BUILD
  b.shortBinUnicode('allow_mmap').newFalse()
  if (o.padded !== false) b.shortBinUnicode('numpy_array_alignment_bytes').binInt1(16)
  return b.setItems().op(0x62) // BUILD: joblib.load reads the array here
}

/** PROTO 4, the wrapper, its padding and data, then the end of the pickle. */
const joblibFile = (
  o: Parameters<typeof wrapper>[1],
  data: Buffer,
  padding = Buffer.from([3, 0xff, 0xff, 0xff])
) => {
  const b = wrapper(pickle().proto(4), o)
  if (o.padded !== false) b.raw(padding)
  return b.raw(data).stop().toBuffer()
}
/** Bytes that are no pickle opcode: a walk that lands in them fails at once. */
const junk = (n: number) => Buffer.alloc(n, 0xff)
const osSystem = Buffer.from("cos\nsystem\n(S'id'\ntR.", 'latin1')
/** The padding-length byte is read by pickle.load as an opcode: 0x63 is GLOBAL, and 99 bytes of padding follow. */
const paddedPayload = Buffer.concat([osSystem, Buffer.alloc(100 - osSystem.length, 0xff)])

describe('NumpyArrayWrapper: the array bytes between opcodes', () => {
  it('steps over shape × item size, after the padding byte and its padding', async () => {
    const w = await walk(joblibFile({ shape: [2, 3], code: 'f8' }, junk(48)))
    expect(w.issues).toEqual([])
    expect(w.arrays).toBe(1)
  })

  it.each([
    ['i2', 2],
    ['c16', 16],
    ['b1', 1],
    ['M8', 8]
  ])('item size of %s is %i', async (code, size) => {
    expect((await walk(joblibFile({ shape: [5], code }, junk(5 * size)))).issues).toEqual([])
    expect(kinds(await walk(joblibFile({ shape: [5], code }, junk(5 * size + 1))))).toEqual(['MALFORMED'])
  })

  it('takes the size of strings and records from the dtype state, and checks it against the code', async () => {
    expect(
      (await walk(joblibFile({ shape: [2], code: 'U5', elsize: 20, flags: 8 }, junk(40)))).issues
    ).toEqual([])
    expect((await walk(joblibFile({ shape: [3], code: 'V12', elsize: 12 }, junk(36)))).issues).toEqual([])
    const w = await walk(joblibFile({ shape: [2], code: 'S4', elsize: 5 }, junk(10)))
    expect(w.issues).toEqual([
      expect.objectContaining({
        kind: 'MALFORMED',
        detail: expect.stringContaining('says S4 but an item size of 5')
      })
    ])
  })

  it('old joblib writes no padding: none is read', async () => {
    expect((await walk(joblibFile({ shape: [4], code: 'u1', padded: false }, junk(4)))).issues).toEqual([])
  })

  it('a length off by one item is never walked as opcodes quietly', async () => {
    for (const data of [junk(40), junk(56)]) {
      const w = await walk(joblibFile({ shape: [2, 3], code: 'f8' }, data))
      expect(kinds(w)).toEqual(['MALFORMED'])
    }
  })

  it('an array longer than the data is reported in words', async () => {
    const w = await walk(joblibFile({ shape: [1000], code: 'f8' }, junk(16)).subarray(0, -1))
    expect(w.issues[0]!.detail).toBe('a joblib array of 8,000 bytes reaches past the end of the data')
  })

  it.each([
    [{ shape: [2], code: 'x9' }, 'type code "x9" is not one the engine knows'],
    [{ shape: [2], code: 'f8', order: 'K' }, 'its order is not C or F'],
    [{ shape: [-1], code: 'f8' }, 'its shape holds something other than a size']
  ])('a layout it cannot compute stops the walk: %j', async (o, why) => {
    const w = await walk(joblibFile(o, junk(16)))
    expect(w.issues).toEqual([
      expect.objectContaining({ kind: 'MALFORMED', detail: expect.stringContaining(why) })
    ])
  })

  it('a wrapper made by a call with arguments is not stepped over', async () => {
    const b = pickle().proto(4)
    b.shortBinUnicode('joblib.numpy_pickle').shortBinUnicode('NumpyArrayWrapper').stackGlobal()
    b.binInt1(1).tuple1().op(0x52).emptyDict().mark().shortBinUnicode('order').shortBinUnicode('C').setItems()
    b.op(0x62).stop()
    expect((await walk(b.toBuffer())).issues[0]!.detail).toContain('made by a call with arguments')
  })

  it('array bytes inside a pickle frame are refused (joblib reads past the frame)', async () => {
    const body = wrapper(pickle(), { shape: [1], code: 'f8' }).toBuffer()
    const b = pickle()
      .proto(4)
      .op(0x95, u64(body.length + 12))
      .raw(body)
      .raw([3, 0xff, 0xff, 0xff])
      .raw(junk(8))
    const w = await walk(b.stop().toBuffer())
    expect(w.issues[0]!.detail).toBe('a joblib array inside a pickle frame')
  })

  it('what pickle.load would run from the array bytes is reported', async () => {
    const w = await walk(joblibFile({ shape: [6], code: 'f8' }, junk(48), paddedPayload))
    expect(w.issues).toEqual([])
    expect(w.nested).toHaveLength(1)
    expect(w.nested[0]!.where).toBe('in what pickle.load reads after a joblib array')
    expect(flagged(w)).toEqual(['os.system'])
  })

  it('float data that happens to decode for a few opcodes is not reported', async () => {
    // BININT1 0x4b … then an unknown opcode: the probe ends without an import or a call
    const data = Buffer.from([0x4b, 0x4b, 0x4b, 0x01, 0xff, 0xff, 0xff, 0xff])
    const w = await walk(joblibFile({ shape: [1], code: 'f8' }, data))
    expect(w.nested).toEqual([])
    expect(w.issues).toEqual([])
  })
})

describe('object arrays: a whole pickle, read by a plain unpickler', () => {
  it('its imports are walked and judged', async () => {
    const inner = pickle().proto(2).global('posix', 'system').shortBinString('id').tuple1().op(0x52).stop()
    const w = await walk(joblibFile({ shape: [1], code: 'O8', flags: 63, padded: false }, inner.toBuffer()))
    expect(w.issues).toEqual([])
    expect(flagged(w)).toEqual(['posix.system'])
  })

  it('inside it, a wrapper is not followed (a plain unpickler reads no array bytes)', async () => {
    const inner = wrapper(pickle().proto(4), { shape: [1], code: 'f8' })
      .stop()
      .toBuffer()
    const w = await walk(joblibFile({ shape: [1], code: 'O8', flags: 63, padded: false }, inner))
    expect(w.issues).toEqual([])
    expect(w.arrays).toBe(1)
  })
})

describe('joblib < 0.10: arrays in files beside the pickle', () => {
  const legacy = (filename: string) =>
    pickle()
      .proto(2)
      .global('joblib.numpy_pickle', 'NDArrayWrapper')
      .emptyTuple()
      .op(0x81)
      .emptyDict()
      .mark()
      .binUnicode('filename')
      .binUnicode(filename)
      .binUnicode('subclass')
      .global('numpy', 'ndarray')
      .setItems()
      .op(0x62)
      .stop()
      .toBuffer()

  it('a file beside the pickle is fine (the engine reads that file too)', async () => {
    expect((await walk(legacy('model.pkl_01.npy'))).issues).toEqual([])
  })

  it.each(['../../home/x.npy', '/tmp/evil.npy', 'sub/x.npy', 'C:x.npy', '..'])(
    '%s: a file outside the model directory, unpickled by np.load, is a finding',
    async (name) => {
      expect(kinds(await walk(legacy(name)))).toEqual(['OUTSIDE_FILE'])
    }
  )
})

describe('protocol 0 text the way real pickles hold it', () => {
  it('a 200,000-character string is read to its end', async () => {
    const b = pickle().string('x'.repeat(200_000)).op(0x30).global('collections', 'OrderedDict').stop()
    const w = await walk(b.toBuffer())
    expect(w.issues).toEqual([])
    expect(w.imports.map((i) => i.name)).toEqual(['OrderedDict'])
  })

  it('a line that never ends says how long it was', async () => {
    const w = await walk(Buffer.from(`S'${'y'.repeat(300_000)}`, 'latin1'))
    expect(w.issues[0]!.detail).toBe(
      'a text argument of 300,001 bytes has no end of line (the data ends first)'
    )
  })
})

function u64(n: number): Buffer {
  const b = Buffer.alloc(8)
  b.writeBigUInt64LE(BigInt(n))
  return b
}
