import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { analyseModel } from '../../src/engine/analyse-model.js'
import type { FileReport } from '../../src/engine/findings.js'
import { inspectTflite, looksLikeTflite, TFLITE_CUSTOM } from '../../src/engine/formats/tflite.js'
import { sniff } from '../../src/engine/sniff.js'
import { mutations } from '../helpers/proto-builder.js'

// ---- a FlatBuffer writer for tests: tables laid out front to back, every offset pointing forward ----

type Scalar = { u8: number } | { i8: number } | { i32: number } | { u32: number } | { u64: bigint }
type Node = { table: Array<Field | undefined> } | { tables: Node[] } | { string: string } | { bytes: Buffer }
type Field = Scalar | { ref: Node }

class Writer {
  private out: number[] = []

  get pos(): number {
    return this.out.length
  }

  private align(n: number): void {
    while (this.out.length % n !== 0) this.out.push(0)
  }

  private put(b: Buffer): number {
    const at = this.out.length
    this.out.push(...b)
    return at
  }

  private u32(v: number): number {
    const b = Buffer.alloc(4)
    b.writeUInt32LE(v)
    return this.put(b)
  }

  private patch(at: number, target: number): void {
    const b = Buffer.alloc(4)
    b.writeUInt32LE(target - at)
    for (let i = 0; i < 4; i++) this.out[at + i] = b[i]!
  }

  /** Writes `node`, then its children; resolves to where it starts. */
  node(n: Node): number {
    if ('string' in n || 'bytes' in n) {
      this.align(4)
      const data = 'string' in n ? Buffer.from(n.string) : n.bytes
      const at = this.u32(data.length)
      this.put(data)
      if ('string' in n) this.out.push(0)
      return at
    }
    if ('tables' in n) {
      this.align(4)
      const at = this.u32(n.tables.length)
      const slots = n.tables.map(() => this.u32(0))
      n.tables.forEach((t, i) => this.patch(slots[i]!, this.node(t)))
      return at
    }
    // inline layout: each field 8 bytes wide (scalars or offsets), after the 4-byte soffset
    const fields = n.table
    this.align(2)
    const vt = this.pos
    const vtable = Buffer.alloc(4 + 2 * fields.length)
    vtable.writeUInt16LE(vtable.length, 0)
    vtable.writeUInt16LE(4 + 8 * fields.length, 2)
    fields.forEach((f, i) => vtable.writeUInt16LE(f ? 4 + 8 * i : 0, 4 + 2 * i))
    this.put(vtable)
    this.align(8)
    const table = this.pos
    const head = Buffer.alloc(4)
    head.writeInt32LE(table - vt)
    this.put(head)
    const refs: Array<[number, Node]> = []
    for (const f of fields) {
      const b = Buffer.alloc(8)
      if (f && 'u8' in f) b.writeUInt8(f.u8)
      else if (f && 'i8' in f) b.writeInt8(f.i8)
      else if (f && 'i32' in f) b.writeInt32LE(f.i32)
      else if (f && 'u32' in f) b.writeUInt32LE(f.u32)
      else if (f && 'u64' in f) b.writeBigUInt64LE(f.u64)
      const at = this.put(b)
      if (f && 'ref' in f) refs.push([at, f.ref])
    }
    for (const [at, child] of refs) this.patch(at, this.node(child))
    return table
  }

  /** A root table behind the root offset and the file identifier. */
  static file(root: Node, identifier = 'TFL3'): Buffer {
    const w = new Writer()
    w.u32(0)
    w.put(Buffer.from(identifier, 'latin1'))
    w.patch(0, w.node(root))
    return Buffer.from(w.out)
  }
}

interface OpCode {
  builtin?: number
  custom?: string
}

/** A TFLite model: op codes, one subgraph whose operators use them by index, buffers, external files. */
function tflite(spec: {
  codes: OpCode[]
  operators?: number[]
  version?: number
  buffers?: Buffer[]
  groups?: string[]
  external?: Array<{ group: number; offset: bigint; length: bigint }>
  identifier?: string
}): Buffer {
  const code = (c: OpCode): Node => {
    const builtin = c.custom !== undefined ? TFLITE_CUSTOM : (c.builtin ?? 0)
    return {
      table: [
        { i8: Math.min(builtin, 127) },
        c.custom !== undefined ? { ref: { string: c.custom } } : undefined,
        { i32: 1 },
        { i32: builtin }
      ]
    }
  }
  const operators = (spec.operators ?? spec.codes.map((_, i) => i)).map((i): Node => ({
    table: [{ u32: i }]
  }))
  const model: Array<Field | undefined> = [
    { u32: spec.version ?? 3 },
    { ref: { tables: spec.codes.map(code) } },
    { ref: { tables: [{ table: [undefined, undefined, undefined, { ref: { tables: operators } }] }] } },
    { ref: { string: 'test' } },
    { ref: { tables: (spec.buffers ?? [Buffer.alloc(0)]).map((b) => ({ table: [{ ref: { bytes: b } }] })) } },
    undefined,
    undefined,
    undefined,
    spec.groups
      ? { ref: { tables: spec.groups.map((g) => ({ table: [{ ref: { string: g } }] })) } }
      : undefined,
    spec.external
      ? {
          ref: {
            tables: spec.external.map((e, i) => ({
              table: [{ u32: i + 1 }, { u32: e.group }, { u64: e.offset }, { u64: e.length }]
            }))
          }
        }
      : undefined
  ]
  return Writer.file({ table: model }, spec.identifier)
}

const CONV_2D = 3
const ADD = 0
const GELU = 150

// ---- the reader ----

describe('inspectTflite', () => {
  it('reads a model of builtin operators, including an extended builtin code, without findings', () => {
    const r = inspectTflite(tflite({ codes: [{ builtin: CONV_2D }, { builtin: ADD }, { builtin: GELU }] }))
    expect(r).toEqual({
      version: 3,
      operatorCodes: 3,
      subgraphs: 1,
      operators: 3,
      customOps: [],
      flexOps: [],
      externalFiles: [],
      problems: []
    })
  })

  it('names custom operators, leaving out those every runtime registers itself', () => {
    const r = inspectTflite(
      tflite({
        codes: [
          { builtin: ADD },
          { custom: 'MyNativeOp' },
          { custom: 'TFLite_Detection_PostProcess' },
          { custom: '' }
        ]
      })
    )
    expect(r.problems).toEqual([])
    expect(r.customOps).toEqual(['MyNativeOp', ''])
  })

  it('tells Flex operators by the TensorFlow op they run: unsafe, known, unknown', () => {
    const r = inspectTflite(
      tflite({ codes: [{ custom: 'FlexReadFile' }, { custom: 'FlexAddV2' }, { custom: 'FlexNoSuchOp' }] })
    )
    expect(r.customOps).toEqual([])
    expect(r.flexOps).toEqual([
      { op: 'ReadFile', known: true, unsafe: expect.objectContaining({ severity: 'high' }) },
      { op: 'AddV2', known: true },
      { op: 'NoSuchOp', known: false }
    ])
  })

  it('lists external buffer files with what is wrong with their names and the ranges read', () => {
    const r = inspectTflite(
      tflite({
        codes: [{ builtin: ADD }],
        groups: ['weights.bin', '../../etc/passwd'],
        external: [{ group: 0, offset: 0n, length: 64n }]
      })
    )
    expect(r.problems).toEqual([])
    expect(r.externalFiles).toEqual([
      { name: 'weights.bin', problems: [], ranges: [{ offset: 0n, length: 64n }] },
      { name: '../../etc/passwd', problems: ["'..' path segment"], ranges: [] }
    ])
  })

  it('is malformed when an operator uses an op code the model does not have, or the version is not 3', () => {
    expect(inspectTflite(tflite({ codes: [{ builtin: ADD }], operators: [0, 5] })).problems).toEqual([
      { code: 'BAD_FLATBUFFER', detail: 'subgraphs[0].operators[1] uses op code 5 of 1' }
    ])
    expect(inspectTflite(tflite({ codes: [{ builtin: ADD }], version: 2 })).problems).toEqual([
      { code: 'VERSION', detail: 'schema version 2, not 3' }
    ])
  })

  it('finds every truncation: each cut leaves an offset pointing past the end', () => {
    const whole = tflite({
      codes: [{ builtin: ADD }, { custom: 'X' }],
      buffers: [Buffer.alloc(0), Buffer.alloc(8, 1)]
    })
    for (let n = 0; n < whole.length; n++) {
      const r = inspectTflite(whole.subarray(0, n))
      expect({ n, bad: r.problems.length > 0 }).toEqual({ n, bad: true })
    }
  })

  it('tells a limit (bytes past those read of a larger file) from a truncation', () => {
    const whole = tflite({ codes: [{ builtin: ADD }], buffers: [Buffer.alloc(0), Buffer.alloc(64, 1)] })
    expect(inspectTflite(whole.subarray(0, whole.length - 10), whole.length).problems[0]?.code).toBe('LIMIT')
    expect(inspectTflite(whole.subarray(0, whole.length - 10)).problems[0]?.code).toBe('TRUNCATED')
  })

  it('never throws on corrupted input', () => {
    const model = tflite({
      codes: [{ builtin: ADD }, { custom: 'FlexReadFile' }, { custom: 'MyOp' }],
      groups: ['w.bin'],
      external: [{ group: 0, offset: 4n, length: 4n }]
    })
    for (const m of mutations(model, 2000, 7)) expect(() => inspectTflite(m)).not.toThrow()
  })

  it('is sniffed by its identifier at bytes 4..8 and a root offset inside the file', () => {
    const model = tflite({ codes: [{ builtin: ADD }] })
    expect(looksLikeTflite(model, model.length)).toBe(true)
    expect(sniff(model.subarray(0, 4096), model.length)).toBe('tflite')
    const badRoot = Buffer.from(model)
    badRoot.writeUInt32LE(model.length + 1, 0)
    expect(looksLikeTflite(badRoot, model.length)).toBe(false)
    expect(looksLikeTflite(tflite({ codes: [], identifier: 'TFL2' }), 100)).toBe(false)
  })
})

// ---- through the engine ----

let root: string
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-tflite-'))
})
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

let n = 0
async function analyse(files: Record<string, Buffer | string>): Promise<Record<string, FileReport>> {
  const dir = path.join(root, `m${n++}`)
  for (const [name, data] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    fs.writeFileSync(path.join(dir, name), data)
  }
  const r = await analyseModel({ path: dir, allowedGlobals: [] })
  return Object.fromEntries(r.reports.map((x) => [x.path, x]))
}

const brief = (r: FileReport | undefined) => ({
  formats: r?.formats,
  findings: r?.findings.map((f) => ({
    rule: f.rule,
    unverified: f.unverified ?? false,
    description: f.description
  }))
})

describe('TFLite models in the engine', () => {
  it('a model of builtin operators passes as litert', async () => {
    const r = await analyse({ 'model.tflite': tflite({ codes: [{ builtin: CONV_2D }, { builtin: ADD }] }) })
    expect(brief(r['model.tflite'])).toEqual({ formats: ['litert'], findings: [] })
  })

  it('a custom operator is an OPERATORS finding that names it', async () => {
    const r = await analyse({ 'model.tflite': tflite({ codes: [{ builtin: ADD }, { custom: 'EvilOp' }] }) })
    expect(r['model.tflite']!.findings).toEqual([
      {
        rule: 'OPERATORS',
        file: 'model.tflite',
        operator: 'EvilOp',
        description:
          'Operator "EvilOp" is a TFLite custom operator: the model needs a custom operator library (native code) to load'
      }
    ])
  })

  it('a Flex operator running an unsafe TensorFlow op is a RUNTIME finding; an unknown one an OPERATORS finding', async () => {
    const r = await analyse({
      'model.tflite': tflite({
        codes: [
          { custom: 'FlexWriteFile' },
          { custom: 'FlexSoftplus' },
          { custom: 'FlexPrintV2' },
          { custom: 'FlexMadeUp' }
        ]
      })
    })
    expect(brief(r['model.tflite']).findings).toEqual([
      {
        rule: 'RUNTIME',
        unverified: false,
        description:
          'Flex operator WriteFile runs the TensorFlow op of that name, which writes files named by its inputs or attributes, when the model runs'
      },
      {
        rule: 'OPERATORS',
        unverified: false,
        description:
          'Flex operator MadeUp is not a known TensorFlow operator (it needs a library that registers it)'
      }
    ])
  })

  it('a truncated model is not verified', async () => {
    const whole = tflite({ codes: [{ builtin: ADD }], buffers: [Buffer.alloc(0), Buffer.alloc(32, 7)] })
    const r = await analyse({ 'model.tflite': whole.subarray(0, whole.length - 5) })
    expect(r['model.tflite']!.formats).toEqual(['litert'])
    expect(r['model.tflite']!.findings).toEqual([
      expect.objectContaining({
        unverified: true,
        description: expect.stringMatching(/^Could not be verified: buffers\[1\]\.data/)
      })
    ])
  })

  it('a .tflite that is no FlatBuffer is not identified, never a pass', async () => {
    const r = await analyse({ 'model.tflite': Buffer.from([1, 2, 3, 4, 0, 0xff, 0xfe, 9, 9, 9]) })
    expect(brief(r['model.tflite'])).toEqual({
      formats: ['unknown'],
      findings: [
        {
          rule: 'SUSPICIOUS',
          unverified: true,
          description:
            "Could not be verified: the content of 'model.tflite' is not a format the engine can identify"
        }
      ]
    })
  })

  it('is found by content under any name (LiteRT names its test models .bin)', async () => {
    const r = await analyse({ 'model.bin': tflite({ codes: [{ custom: 'EvilOp' }] }) })
    expect(r['model.bin']!.formats).toEqual(['litert'])
    expect(r['model.bin']!.findings.map((f) => f.rule)).toEqual(['OPERATORS'])
  })

  it('its external buffer files are weights, checked against the ranges read; one escaping the folder is suspicious', async () => {
    const floats = Buffer.alloc(64)
    floats.writeFloatLE(-1.5, 0)
    floats[0] = 0x80
    const model = tflite({
      codes: [{ builtin: ADD }],
      groups: ['weights.bin', 'short.bin', '/etc/passwd'],
      external: [
        { group: 0, offset: 0n, length: 64n },
        { group: 1, offset: 8n, length: 64n }
      ]
    })
    const r = await analyse({ 'model.tflite': model, 'weights.bin': floats, 'short.bin': floats })
    expect(brief(r['weights.bin'])).toEqual({ formats: ['litert_external_data'], findings: [] })
    expect(brief(r['short.bin']).findings).toEqual([
      {
        rule: 'SUSPICIOUS',
        unverified: true,
        description:
          'Could not be verified: "model.tflite" reads an external buffer at bytes 8..72, past the end of this 64-byte file'
      }
    ])
    expect(brief(r['model.tflite']).findings).toEqual([
      {
        rule: 'SUSPICIOUS',
        unverified: false,
        description: 'External buffer file "/etc/passwd" escapes the model directory: absolute path'
      }
    ])
  })
})

// ---- real models ----

const FIXTURES = fileURLToPath(new URL('../fixtures/engine/', import.meta.url))

describe('real TFLite models (TF Serving and LiteRT test data)', () => {
  const one = async (rel: string) => {
    const r = await analyseModel({ path: path.join(FIXTURES, rel), allowedGlobals: [] })
    return brief(r.reports[0])
  }

  it('half_plus_two (builtin operators) passes', async () => {
    expect(await one('tf-serving/tflite/half_plus_two.tflite')).toEqual({ formats: ['litert'], findings: [] })
  })

  it('parse_example needs its custom ParseExampleV2 kernel', async () => {
    expect((await one('tf-serving/tflite/parse_example.tflite')).findings).toEqual([
      expect.objectContaining({ rule: 'OPERATORS', description: expect.stringContaining('"ParseExampleV2"') })
    ])
  })

  it('LiteRT test models: a custom Sinh, a harmless Flex op, an unknown Flex op', async () => {
    expect((await one('litert/custom_sinh.bin')).findings).toEqual([
      expect.objectContaining({ rule: 'OPERATORS', description: expect.stringContaining('"Sinh"') })
    ])
    expect(await one('litert/softplus_flex.bin')).toEqual({ formats: ['litert'], findings: [] })
    expect((await one('litert/double_flex.bin')).findings).toEqual([
      expect.objectContaining({
        rule: 'OPERATORS',
        description: expect.stringContaining('Flex operator Double')
      })
    ])
  })
})
