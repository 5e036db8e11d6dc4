import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { bufferAccess, type RandomAccess } from '../../src/engine/access.js'
import { classifyImport } from '../../src/engine/globals.js'
import { DEFAULT_LIMITS } from '../../src/engine/limits.js'
import { looksLikePickle, walkPickles, type PickleWalk, type WalkOptions } from '../../src/engine/pickle.js'
import { listZip, readMember } from '../../src/engine/zip.js'
import { CORPUS } from '../helpers/corpus.js'
import {
  encodeLong,
  globalCall,
  globalCallProto,
  legacyTorch,
  pickle,
  TORCH_MAGIC,
  torchStateDictPickle,
  torchTensorPickle,
  torchZip
} from '../helpers/pickle-builder.js'

type Limits = WalkOptions['limits']

async function walk(
  data: Buffer | RandomAccess,
  limits: Partial<Limits> = {},
  opts: Omit<WalkOptions, 'limits'> = {}
): Promise<PickleWalk> {
  const ra = Buffer.isBuffer(data) ? bufferAccess(data) : data
  return walkPickles(ra, { ...opts, limits: { ...DEFAULT_LIMITS, ...limits } })
}

const imports = (w: PickleWalk): string[] => w.imports.map((i) => `${i.module}.${i.name}`)
const kinds = (w: PickleWalk): string[] => w.issues.map((i) => i.kind)
const issue = (w: PickleWalk, kind: string) => w.issues.find((i) => i.kind === kind)
const corpus = (name: string): Buffer => readFileSync(join(CORPUS, name))

/** `module.name` called on 'id', protocol 4 with literal operands. */
const OS_SYSTEM = globalCallProto(4, 'os', 'system', 'id')

describe('pickle builder', () => {
  it("writes the brief's example as CPython would, and the walker reads it back", async () => {
    const body = pickle()
      .shortBinUnicode('os')
      .memoize()
      .shortBinUnicode('system')
      .memoize()
      .stackGlobal()
      .shortBinUnicode('id')
      .tuple1()
      .reduce()
      .stop()
      .toBuffer()
    const p = pickle().proto(4).frame(body.length).raw(body).toBuffer()
    expect(p.subarray(0, 11).toString('hex')).toBe(
      `800495${body.length.toString(16).padStart(2, '0')}00000000000000`
    )
    const w = await walk(p)
    expect(w.issues).toEqual([])
    expect(w.imports).toEqual([
      { module: 'os', name: 'system', offset: 25, via: 'STACK_GLOBAL', called: true }
    ])
    expect(w.protocol).toBe(4)
  })

  it('encodes longs as little-endian two’s complement, the torch magic as 10 bytes', () => {
    expect(encodeLong(0n).length).toBe(0)
    expect(encodeLong(255n).toString('hex')).toBe('ff00')
    expect(encodeLong(-1n).toString('hex')).toBe('ff')
    expect(encodeLong(-256n).toString('hex')).toBe('00ff')
    expect(encodeLong(TORCH_MAGIC).toString('hex')).toBe('6cfc9c46f9206aa85019')
  })

  it('writes torch.save(tensor) byte for byte as PyTorch did in the corpus file new_pytorch_model.bin', async () => {
    const ra = bufferAccess(corpus('new_pytorch_model.bin'))
    const entry = (await listZip(ra)).entries.find((e) => e.name === 'archive/data.pkl')!
    const real = (await readMember(ra, entry, 1 << 20)).data
    expect(torchTensorPickle('0', [3, 4]).equals(real)).toBe(true)
  })

  it('writes the legacy magic pickle byte for byte as the corpus file pytorch_model.bin starts', () => {
    expect(legacyTorch().subarray(0, 15).equals(corpus('pytorch_model.bin').subarray(0, 15))).toBe(true)
  })
})

describe('walkPickles: the memo holds the value actually on the stack', () => {
  it('resolves STACK_GLOBAL operands fetched with BINGET, LONG_BINGET and GET', async () => {
    const viaBinGet = pickle()
      .proto(4)
      .shortBinUnicode('os')
      .binPut(3)
      .shortBinUnicode('system')
      .binPut(4)
      .pop()
      .pop()
      .binGet(3)
      .binGet(4)
      .stackGlobal()
      .stop()
      .toBuffer()
    const viaLongBinGet = pickle()
      .proto(4)
      .shortBinUnicode('posix')
      .longBinPut(70000)
      .pop()
      .shortBinUnicode('system')
      .longBinPut(70001)
      .pop()
      .longBinGet(70000)
      .longBinGet(70001)
      .stackGlobal()
      .stop()
      .toBuffer()
    const viaGet = pickle()
      .unicode('nt')
      .put(0)
      .pop()
      .unicode('system')
      .put(1)
      .pop()
      .get(0)
      .get(1)
      .stackGlobal()
      .stop()
      .toBuffer()
    for (const [p, expected] of [
      [viaBinGet, 'os.system'],
      [viaLongBinGet, 'posix.system'],
      [viaGet, 'nt.system']
    ] as const) {
      const w = await walk(p)
      expect(w.issues).toEqual([])
      expect(imports(w)).toEqual([expected])
    }
  })

  it('stores the stack top, not the argument of the opcode before the PUT (the heuristic memo bypass)', async () => {
    // A scanner that remembers "the last string argument" records memo[0] = 'torch', memo[1] = 'FloatStorage'.
    const p = pickle()
      .proto(4)
      .shortBinUnicode('os')
      .shortBinUnicode('torch')
      .pop()
      .binPut(0)
      .shortBinUnicode('system')
      .shortBinUnicode('FloatStorage')
      .pop()
      .binPut(1)
      .binGet(0)
      .binGet(1)
      .stackGlobal()
      .shortBinUnicode('id')
      .tuple1()
      .reduce()
      .stop()
      .toBuffer()
    const w = await walk(p)
    expect(imports(w)).toEqual(['os.system'])
    expect(w.issues).toEqual([])
  })

  it('numbers MEMOIZE entries by the memo size, as CPython does', async () => {
    // BINPUT 9 makes the memo one entry long, so the MEMOIZE that follows stores at index 1
    const p = pickle()
      .proto(4)
      .shortBinUnicode('ignored')
      .binPut(9)
      .pop()
      .shortBinUnicode('subprocess')
      .memoize()
      .pop()
      .shortBinUnicode('run')
      .memoize()
      .pop()
      .binGet(1)
      .binGet(2)
      .stackGlobal()
      .stop()
      .toBuffer()
    expect(imports(await walk(p))).toEqual(['subprocess.run'])
  })

  it('reports a GET of an index never stored as MALFORMED (with no import invented)', async () => {
    for (const get of [
      (b: ReturnType<typeof pickle>) => b.binGet(3),
      (b: ReturnType<typeof pickle>) => b.longBinGet(3),
      (b: ReturnType<typeof pickle>) => b.get(3)
    ]) {
      const w = await walk(
        get(pickle().proto(4).shortBinUnicode('os').binPut(0)).stackGlobal().stop().toBuffer()
      )
      expect(w.issues).toEqual([
        { kind: 'MALFORMED', offset: 8, detail: 'memo entry 3 is read before it is stored' }
      ])
      expect(w.imports).toEqual([])
    }
  })

  it('starts every concatenated pickle with an empty memo', async () => {
    const first = pickle().proto(4).shortBinUnicode('os').binPut(0).stop().toBuffer()
    const second = pickle().proto(4).binGet(0).stop().toBuffer()
    const w = await walk(Buffer.concat([first, second]))
    expect(w.pickles).toBe(1)
    expect(kinds(w)).toEqual(['MALFORMED'])
    expect(w.issues[0]!.offset).toBe(first.length + 2)
  })
})

describe('walkPickles: STACK_GLOBAL with operands that are not literal strings', () => {
  it('makes the import dynamic when the module name is the result of a call (str.join at load time)', async () => {
    // module = ''.join(['o', 's']) is computed while loading
    const p = pickle()
      .proto(4)
      .joined(['o', 's'])
      .shortBinUnicode('system')
      .stackGlobal()
      .shortBinUnicode('id')
      .tuple1()
      .reduce()
      .stop()
      .toBuffer()
    const w = await walk(p)
    expect(imports(w)).toEqual(['builtins.str.join'])
    expect(w.issues).toEqual([
      {
        kind: 'DYNAMIC_IMPORT',
        offset: expect.any(Number),
        detail: 'STACK_GLOBAL with the result of a call and a string instead of literal names'
      }
    ])
  })

  it('makes the import dynamic when an operand is itself an imported object', async () => {
    const p = pickle()
      .proto(4)
      .global('collections', 'OrderedDict')
      .shortBinUnicode('system')
      .stackGlobal()
      .stop()
      .toBuffer()
    const w = await walk(p)
    expect(kinds(w)).toEqual(['DYNAMIC_IMPORT'])
    expect(w.issues[0]!.detail).toContain('the imported collections.OrderedDict')
    expect(imports(w)).toEqual(['collections.OrderedDict'])
  })

  it('makes the import dynamic when an operand is a string too long to keep', async () => {
    const p = pickle()
      .proto(4)
      .shortBinUnicode('posix')
      .shortBinUnicode('system')
      .stackGlobal()
      .stop()
      .toBuffer()
    const w = await walk(p, { pickleArgBytes: 4 })
    expect(w.imports).toEqual([])
    expect(w.issues).toEqual([
      {
        kind: 'DYNAMIC_IMPORT',
        offset: 17,
        detail:
          'STACK_GLOBAL with a string too long to analyse and a string too long to analyse instead of literal names'
      }
    ])
    // with room for the names, the same bytes are a plain import
    expect(imports(await walk(p, { pickleArgBytes: 6 }))).toEqual(['posix.system'])
  })

  it('treats bytes operands as non-literal (CPython refuses them; the walker must not guess)', async () => {
    const p = pickle()
      .proto(4)
      .shortBinBytes(Buffer.from('os'))
      .shortBinUnicode('system')
      .stackGlobal()
      .stop()
      .toBuffer()
    expect(kinds(await walk(p))).toEqual(['DYNAMIC_IMPORT'])
  })

  it('accepts every string opcode as a literal operand', async () => {
    const p = pickle()
      .proto(4)
      .binUnicode('posix')
      .binUnicode8('system')
      .stackGlobal()
      .pop()
      .shortBinString('os')
      .binString('popen')
      .stackGlobal()
      .pop()
      .string('nt')
      .unicode('spawnv')
      .stackGlobal()
      .stop()
      .toBuffer()
    const w = await walk(p)
    expect(w.issues).toEqual([])
    expect(imports(w)).toEqual(['posix.system', 'os.popen', 'nt.spawnv'])
  })
})

describe('walkPickles: imports that cannot be resolved statically', () => {
  it('reports EXT1, EXT2 and EXT4 as EXTENSION_IMPORT with the code', async () => {
    const w = await walk(
      pickle()
        .proto(2)
        .ext1(7)
        .pop()
        .ext2(0x1234)
        .pop()
        .ext4(0x7fffffff)
        .emptyTuple()
        .reduce()
        .stop()
        .toBuffer()
    )
    expect(w.imports).toEqual([])
    expect(w.issues).toEqual([
      { kind: 'EXTENSION_IMPORT', offset: 2, detail: expect.stringContaining('extension code 7 ') },
      { kind: 'EXTENSION_IMPORT', offset: 5, detail: expect.stringContaining('extension code 4660 ') },
      { kind: 'EXTENSION_IMPORT', offset: 9, detail: expect.stringContaining('extension code 2147483647 ') }
    ])
  })

  it('reports BUILD applied to an imported object itself (module or class patching)', async () => {
    const p = pickle()
      .proto(4)
      .stackGlobalOf('numpy', 'prod')
      .emptyDict()
      .shortBinUnicode('a')
      .shortBinUnicode('os')
      .setItem()
      .build()
      .stop()
      .toBuffer()
    const w = await walk(p)
    expect(w.issues).toEqual([
      {
        kind: 'BUILD_ON_GLOBAL',
        offset: p.length - 2,
        detail: 'BUILD sets state on the imported numpy.prod itself'
      }
    ])
  })

  it('does not report BUILD on an object a call made (ordinary __setstate__)', async () => {
    const p = pickle()
      .proto(2)
      .global('collections', 'OrderedDict')
      .emptyTuple()
      .reduce()
      .emptyDict()
      .build()
      .stop()
      .toBuffer()
    expect((await walk(p)).issues).toEqual([])
  })
})

describe('walkPickles: calls', () => {
  it('records the import of a call whose result is popped (OBJ + POP hides smtplib.SMTP)', async () => {
    const p = pickle()
      .proto(2)
      .mark()
      .global('smtplib', 'SMTP')
      .binUnicode('attacker.example')
      .obj()
      .pop()
      .none()
      .stop()
      .toBuffer()
    const w = await walk(p)
    expect(w.issues).toEqual([])
    expect(w.imports).toEqual([{ module: 'smtplib', name: 'SMTP', offset: 3, via: 'GLOBAL', called: true }])
  })

  it('records INST, NEWOBJ and NEWOBJ_EX callees', async () => {
    const inst = pickle().mark().unicode('echo').inst('subprocess', 'Popen').pop().none().stop().toBuffer()
    const newobj = pickle()
      .proto(2)
      .global('socket', 'socket')
      .emptyTuple()
      .newObj()
      .global('threading', 'Thread')
      .emptyTuple()
      .emptyDict()
      .newObjEx()
      .tuple2()
      .stop()
      .toBuffer()
    const w1 = await walk(inst)
    expect(w1.issues).toEqual([])
    expect(w1.imports).toEqual([
      { module: 'subprocess', name: 'Popen', offset: 7, via: 'INST', called: true }
    ])
    const w2 = await walk(newobj)
    expect(w2.issues).toEqual([])
    expect(imports(w2)).toEqual(['socket.socket', 'threading.Thread'])
  })

  it('reports a call on a string as MALFORMED, keeping the imports before it', async () => {
    const p = pickle()
      .proto(2)
      .global('posix', 'system')
      .pop()
      .binUnicode('not callable')
      .emptyTuple()
      .reduce()
      .stop()
      .toBuffer()
    const w = await walk(p)
    expect(imports(w)).toEqual(['posix.system'])
    expect(w.issues).toEqual([
      { kind: 'MALFORMED', offset: p.length - 2, detail: 'a call on a value that cannot be called' }
    ])
  })
})

describe('walkPickles: FRAME boundaries are enforced as the Python unpickler enforces them', () => {
  it('reads a well-framed protocol 4 pickle, and two consecutive frames, with no issue', async () => {
    expect((await walk(OS_SYSTEM)).issues).toEqual([])
    const twoFrames = pickle()
      .proto(4)
      .framed((b) => b.shortBinUnicode('os').shortBinUnicode('system'))
      .framed((b) => b.stackGlobal().stop())
      .toBuffer()
    const w = await walk(twoFrames)
    expect(w.issues).toEqual([])
    expect(imports(w)).toEqual(['os.system'])
  })

  it('reports an opcode that straddles the end of its frame as MALFORMED (B14)', async () => {
    // the frame claims 3 bytes: SHORT_BINUNICODE, its length and one byte of its 8-byte argument
    const p = pickle()
      .proto(4)
      .frame(3)
      .shortBinUnicode('builtins')
      .shortBinUnicode('eval')
      .stackGlobal()
      .stop()
      .toBuffer()
    const w = await walk(p)
    expect(w.issues).toEqual([
      { kind: 'MALFORMED', offset: 13, detail: 'an opcode reaches past the end of its frame' }
    ])
  })

  it('reports a text opcode whose line runs past the end of its frame', async () => {
    const p = pickle().proto(4).frame(4).global('posix', 'system').stop().toBuffer()
    expect(issue(await walk(p), 'MALFORMED')?.detail).toBe('an opcode reaches past the end of its frame')
  })

  it('reports a FRAME inside a frame that has not ended as MALFORMED', async () => {
    const p = pickle().proto(4).frame(30).none().frame(2).pop().none().stop().raw(Buffer.alloc(18)).toBuffer()
    const w = await walk(p)
    expect(w.issues[0]).toEqual({
      kind: 'MALFORMED',
      offset: 21,
      detail: 'a new frame begins before the current one ends'
    })
  })

  it('reports a frame longer than the data as MALFORMED', async () => {
    const p = pickle().proto(4).frame(1000).none().stop().toBuffer()
    expect(issue(await walk(p), 'MALFORMED')?.detail).toBe('a frame reaches past the end of the data')
  })
})

describe('walkPickles: PROTO', () => {
  it('reports PROTO in the middle of a pickle and goes on walking', async () => {
    const p = pickle().proto(2).none().pop().proto(4).global('posix', 'system').stop().toBuffer()
    const w = await walk(p)
    expect(w.issues).toEqual([{ kind: 'MALFORMED', offset: 4, detail: 'PROTO in the middle of a pickle' }])
    expect(imports(w)).toEqual(['posix.system'])
    expect(w.protocol).toBe(4)
  })

  it('rejects an unknown protocol', async () => {
    const w = await walk(Buffer.from([0x80, 0x06, 0x4e, 0x2e]))
    expect(w.issues).toEqual([{ kind: 'MALFORMED', offset: 0, detail: 'unsupported pickle protocol 6' }])
  })

  it('accepts PROTO at the start of every concatenated pickle', async () => {
    const w = await walk(Buffer.concat([globalCallProto(2, 'a', 'b'), globalCallProto(5, 'c', 'd')]))
    expect(w.issues).toEqual([])
    expect(w.protocol).toBe(5)
  })
})

describe('walkPickles: streams of several pickles', () => {
  it('walks every concatenated pickle: an import in the second one is found', async () => {
    const first = pickle().proto(4).emptyDict().stop().toBuffer()
    const w = await walk(Buffer.concat([first, OS_SYSTEM]))
    expect(w.pickles).toBe(2)
    expect(w.imports).toEqual([expect.objectContaining({ module: 'os', name: 'system' })])
    expect(w.imports[0]!.offset).toBeGreaterThan(first.length)
    expect(w.end).toBe(first.length + OS_SYSTEM.length)
  })

  it('finds the payload of the corpus file malicious6.pkl, which is in its second pickle', async () => {
    const w = await walk(corpus('malicious6.pkl'))
    expect(w.pickles).toBe(2)
    expect(imports(w)).toEqual(['requests.api.get'])
  })

  it('stops after maxPickles without an issue, and records where the rest starts', async () => {
    const first = pickle().proto(2).binInt1(1).stop().toBuffer()
    const w = await walk(
      Buffer.concat([first, OS_SYSTEM, Buffer.from('raw storage bytes')]),
      {},
      { maxPickles: 1 }
    )
    expect(w).toMatchObject({ pickles: 1, end: first.length, imports: [], issues: [] })
  })

  it('keeps the imports of a payload followed by garbage, and reports the garbage (B7)', async () => {
    const payload = globalCall('posix', 'system', 'echo pwned')
    const w = await walk(Buffer.concat([payload, Buffer.from([0xff, 0xfe, 0x00])]))
    expect(imports(w)).toEqual(['posix.system'])
    expect(w.issues).toEqual([
      {
        kind: 'MALFORMED',
        offset: payload.length,
        detail: 'byte 0xff is not a pickle opcode: the data is not a pickle from here on'
      }
    ])
  })

  it('keeps the imports of a payload whose stream breaks before STOP (the nullifAI shape)', async () => {
    const broken = pickle()
      .proto(2)
      .global('builtins', 'exec')
      .binUnicode('print(1)')
      .tuple1()
      .reduce()
      .toBuffer()
    const w = await walk(Buffer.concat([broken, Buffer.from('X\xff\xff\xff\x7f', 'latin1')]))
    expect(imports(w)).toEqual(['builtins.exec'])
    expect(w.issues).toEqual([
      {
        kind: 'MALFORMED',
        offset: broken.length + 5,
        detail: 'the data ends in the middle of an opcode (the file is cut short)'
      }
    ])
  })

  it('reports the usual ways a stream breaks', async () => {
    const cases: Array<[Buffer, string]> = [
      [Buffer.from([0x80, 0x04, 0x4e]), 'the data ends before the pickle does (the file is cut short)'],
      [Buffer.from([0xff]), 'byte 0xff is not a pickle opcode: the data is not a pickle from here on'],
      [Buffer.from([0x80, 0x04, 0x52, 0x2e]), 'an opcode needs a value the stack does not have'],
      [Buffer.from([0x80, 0x04, 0x74, 0x2e]), 'an opcode needs a MARK that is not there'],
      [Buffer.from('I12x\n.', 'latin1'), 'INT with a non-numeric argument'],
      [Buffer.from('Sos\n.', 'latin1'), 'STRING argument is not quoted'],
      [
        Buffer.from('cposix', 'latin1'),
        'a text argument of 5 bytes has no end of line (the data ends first)'
      ],
      [Buffer.from([0x80, 0x04, 0x94]), 'a memo store on an empty stack']
    ]
    for (const [data, detail] of cases) {
      const w = await walk(data)
      expect(w.issues).toEqual([expect.objectContaining({ kind: 'MALFORMED', detail })])
    }
  })

  it('reports STOP with a MARK still open', async () => {
    const w = await walk(pickle().proto(2).none().mark().none().stop().toBuffer())
    expect(w.issues).toEqual([{ kind: 'MALFORMED', offset: 5, detail: 'STOP with an open MARK' }])
  })
})

describe('walkPickles: nested pickles', () => {
  const inner = globalCallProto(4, 'posix', 'system', 'id')

  it('walks a pickle held raw in BINBYTES (the argument of pickle.loads)', async () => {
    const p = pickle().proto(4).stackGlobalOf('pickle', 'loads').binBytes(inner).tuple1().reduce().stop()
    const w = await walk(p.toBuffer())
    expect(imports(w)).toEqual(['pickle.loads'])
    expect(kinds(w)).toEqual(['NESTED_PICKLE'])
    expect(w.nested).toHaveLength(1)
    expect(imports(w.nested[0]!)).toEqual(['posix.system'])
  })

  it('walks a protocol 0 pickle held in SHORT_BINBYTES', async () => {
    const p = pickle()
      .proto(4)
      .shortBinBytes(globalCall('nt', 'system', 'id'))
      .stop()
      .toBuffer()
    expect(imports((await walk(p)).nested[0]!)).toEqual(['nt.system'])
  })

  it('walks a pickle held as base64 text, in a str or in bytes', async () => {
    for (const p of [
      pickle().proto(4).binUnicode(inner.toString('base64')).stop(),
      pickle()
        .proto(4)
        .binBytes(Buffer.from(inner.toString('base64')))
        .stop(),
      pickle().proto(2).binUnicode(inner.toString('base64url')).stop()
    ]) {
      const w = await walk(p.toBuffer())
      expect(kinds(w)).toEqual(['NESTED_PICKLE'])
      expect(imports(w.nested[0]!)).toEqual(['posix.system'])
    }
  })

  it('walks a pickle held as hex text', async () => {
    const p = pickle().string(inner.toString('hex')).stop().toBuffer()
    const w = await walk(p)
    expect(kinds(w)).toEqual(['NESTED_PICKLE'])
    expect(imports(w.nested[0]!)).toEqual(['posix.system'])
  })

  it('does not take ordinary strings, or short ones, for pickles', async () => {
    const p = pickle()
      .proto(4)
      .shortBinUnicode('deadbeefcafe')
      .shortBinUnicode('SGVsbG8gd29ybGQ=')
      .shortBinBytes(Buffer.from('80014e2e', 'hex'))
      .tuple3()
      .stop()
      .toBuffer()
    const w = await walk(p)
    expect(w.issues).toEqual([])
    expect(w.nested).toEqual([])
  })

  it('walks nested pickles to the depth limit, then reports LIMIT', async () => {
    const level1 = pickle().proto(4).binBytes(inner).stop().toBuffer()
    const level0 = pickle().proto(4).binBytes(level1).stop().toBuffer()
    const deep = await walk(level0)
    expect(imports(deep.nested[0]!.nested[0]!)).toEqual(['posix.system'])
    const shallow = await walk(level0, { nestedDepth: 1 })
    expect(shallow.nested[0]!.nested).toEqual([])
    expect(shallow.nested[0]!.issues).toEqual([
      { kind: 'LIMIT', offset: 2, detail: 'a pickle nested 2 deep was not analysed' }
    ])
    const none = await walk(level0, { nestedDepth: 0 })
    expect(none.nested).toEqual([])
    expect(none.issues).toEqual([
      { kind: 'LIMIT', offset: 2, detail: 'a pickle nested 1 deep was not analysed' }
    ])
  })
})

describe('walkPickles: every limit it uses stops the walk with a LIMIT issue', () => {
  const limitIssue = (w: PickleWalk) => w.issues.filter((i) => i.kind === 'LIMIT').map((i) => i.detail)

  it('pickleOpcodes', async () => {
    const p = pickle().proto(2)
    for (let i = 0; i < 20; i++) p.none().pop()
    const data = p.none().stop().toBuffer()
    expect(limitIssue(await walk(data, { pickleOpcodes: 10 }))).toEqual([
      'more than 10 opcodes; the rest was not analysed'
    ])
    expect((await walk(data, { pickleOpcodes: 43 })).issues).toEqual([])
  })

  it('pickleStack', async () => {
    const p = pickle().proto(2).none().none().none().none().none().none().stop().toBuffer()
    expect(limitIssue(await walk(p, { pickleStack: 5 }))).toEqual(['the stack grows beyond 5'])
    expect((await walk(p, { pickleStack: 6 })).issues).toEqual([])
  })

  it('pickleMarks', async () => {
    const p = pickle()
      .proto(2)
      .mark()
      .mark()
      .mark()
      .mark()
      .popMark()
      .popMark()
      .popMark()
      .popMark()
      .none()
      .stop()
    expect(limitIssue(await walk(p.toBuffer(), { pickleMarks: 3 }))).toEqual(['MARKs nest beyond 3'])
    expect((await walk(p.toBuffer(), { pickleMarks: 4 })).issues).toEqual([])
  })

  it('pickleMemoNames: an import through a name no longer kept is a LIMIT, never a dynamic import', async () => {
    const names = (get: number) =>
      pickle()
        .proto(4)
        .shortBinUnicode('os')
        .binPut(0)
        .shortBinUnicode('posix')
        .binPut(1)
        .shortBinUnicode('system')
        .binPut(2)
        .op(0x30)
        .op(0x30)
        .op(0x30)
        .binGet(get)
        .binGet(2)
        .stackGlobal()
        .stop()
        .toBuffer()
    // two names kept: 'os' and 'posix'; 'system' (index 2) arrived past the budget
    const w = await walk(names(0), { pickleMemoNames: 2 })
    expect(w.issues).toEqual([
      expect.objectContaining({ kind: 'LIMIT', detail: expect.stringContaining('the 2 names it keeps') })
    ])
    expect(kinds(w)).not.toContain('DYNAMIC_IMPORT')
    // with room for all three, the import resolves
    expect(imports(await walk(names(0), { pickleMemoNames: 3 }))).toEqual(['os.system'])
  })

  it('pickleMemo (storing again at the same index does not count)', async () => {
    const p = pickle().proto(2).none().binPut(0).binPut(0).binPut(1).binPut(2).stop().toBuffer()
    expect(limitIssue(await walk(p, { pickleMemo: 2 }))).toEqual([
      'more than 2 stored values (memo entries), the most the engine keeps'
    ])
    expect((await walk(p, { pickleMemo: 3 })).issues).toEqual([])
  })

  it('picklesPerFile', async () => {
    const one = pickle().proto(2).none().stop().toBuffer()
    const w = await walk(Buffer.concat([one, one, OS_SYSTEM]), { picklesPerFile: 2 })
    expect(w.pickles).toBe(2)
    expect(w.imports).toEqual([])
    expect(limitIssue(w)).toEqual(['more than 2 pickles in one file; the rest was not analysed'])
  })

  it('nestedDepth (see also the nested pickle tests)', async () => {
    const p = pickle().proto(4).binBytes(OS_SYSTEM).stop().toBuffer()
    expect(limitIssue(await walk(p, { nestedDepth: 0 }))).toEqual(['a pickle nested 1 deep was not analysed'])
  })

  it('pickleArgBytes: a value that starts like a pickle but is too long to keep', async () => {
    const p = pickle().proto(4).binBytes(OS_SYSTEM).stop().toBuffer()
    const w = await walk(p, { pickleArgBytes: 16 })
    expect(w.nested).toEqual([])
    expect(limitIssue(w)).toEqual([
      `a ${OS_SYSTEM.length}-byte value that starts like a pickle is too large to analyse`
    ])
    // BINSTRING is text to Python 3 (latin-1 here), so the same bytes are reported as a string
    const s = pickle().proto(2).binString(OS_SYSTEM).stop().toBuffer()
    expect(limitIssue(await walk(s, { pickleArgBytes: 16 }))).toEqual([
      `a ${OS_SYSTEM.length}-byte string that starts like a pickle is too large to analyse`
    ])
  })

  it('pickleArgBytes: long values that do not look like pickles are skipped without an issue', async () => {
    const p = pickle().proto(4).binBytes(Buffer.alloc(5000, 0x41)).stop().toBuffer()
    expect((await walk(p, { pickleArgBytes: 16 })).issues).toEqual([])
  })

  it('reports LIMIT when more imports are made than it records (100,000 harmless ones hid a payload)', async () => {
    const harmless = Buffer.from('ccollections\nOrderedDict\n0', 'latin1')
    const flood = Buffer.alloc(harmless.length * 100_000, harmless)
    const tail = pickle().global('posix', 'system').stop().toBuffer()
    const w = await walk(Buffer.concat([Buffer.from([0x80, 0x02]), flood, tail]))
    expect(w.imports).toHaveLength(100_000)
    expect(w.issues).toEqual([
      {
        kind: 'LIMIT',
        offset: 2 + flood.length,
        detail: 'more than 100000 imports; the rest were not checked'
      }
    ])
    // at the limit exactly, nothing is dropped and nothing is reported
    const exact = await walk(
      Buffer.concat([Buffer.from([0x80, 0x02]), flood.subarray(harmless.length), tail])
    )
    expect(exact.issues).toEqual([])
    expect(exact.imports.at(-1)).toMatchObject({ module: 'posix', name: 'system' })
  })

  it('stops at the deadline (checked every 65,536 opcodes), keeping what it found before', async () => {
    const p = pickle().proto(2).global('posix', 'system').pop()
    for (let i = 0; i < 40_000; i++) p.none().pop()
    const data = p.none().stop().toBuffer()
    let calls = 0
    const now = () => {
      calls++
      return 1_000
    }
    const late = await walk(data, {}, { deadline: 999, now })
    expect(imports(late)).toEqual(['posix.system'])
    expect(late.issues).toEqual([
      { kind: 'LIMIT', offset: expect.any(Number), detail: 'the time budget for this file ran out' }
    ])
    expect(late.pickles).toBe(0)
    expect(calls).toBe(1)
    const inTime = await walk(data, {}, { deadline: 1_001, now })
    expect(inTime.issues).toEqual([])
    expect(inTime.pickles).toBe(1)
  })
})

describe('walkPickles: declared lengths are never trusted for allocation', () => {
  function recording(buf: Buffer): { ra: RandomAccess; reads: number[] } {
    const inner = bufferAccess(buf)
    const reads: number[] = []
    return {
      reads,
      ra: {
        size: inner.size,
        read: async (offset, length) => {
          reads.push(length)
          return inner.read(offset, length)
        }
      }
    }
  }

  it('fails BINBYTES8 / BINUNICODE8 / BYTEARRAY8 / BINBYTES of 2^40 or 2^32-1 bytes as MALFORMED, reading little', async () => {
    for (const p of [
      pickle()
        .proto(4)
        .binBytes8(Buffer.from('abc'), 2n ** 40n),
      pickle()
        .proto(4)
        .binUnicode8('abc', 2n ** 40n),
      pickle()
        .proto(5)
        .byteArray8(Buffer.from('abc'), 2n ** 40n),
      pickle().proto(4).binBytes(Buffer.from('abc'), 0xffffffff),
      pickle().proto(4).binUnicode('abc', 0xffffffff),
      pickle().proto(2).long4(1n, 0x7fffffff)
    ]) {
      const { ra, reads } = recording(p.stop().toBuffer())
      const w = await walk(ra)
      expect(w.issues).toEqual([
        {
          kind: 'MALFORMED',
          offset: expect.any(Number),
          detail: 'the data ends in the middle of an opcode (the file is cut short)'
        }
      ])
      expect(Math.max(...reads)).toBeLessThanOrEqual(1024 * 1024)
    }
  })

  it('refuses a length beyond 2^53 and a FRAME of 2^40 bytes', async () => {
    const huge = await walk(
      pickle()
        .proto(4)
        .binBytes8(Buffer.alloc(0), 2n ** 63n)
        .stop()
        .toBuffer()
    )
    expect(huge.issues).toEqual([{ kind: 'MALFORMED', offset: 3, detail: 'a length is impossibly large' }])
    const frame = await walk(
      pickle()
        .proto(4)
        .frame(2n ** 40n)
        .none()
        .stop()
        .toBuffer()
    )
    expect(frame.issues).toEqual([
      { kind: 'MALFORMED', offset: 11, detail: 'a frame reaches past the end of the data' }
    ])
  })
})

describe('walkPickles: protocol 0 text forms', () => {
  it('reads GLOBAL + REDUCE as CPython protocol 0 writes it', async () => {
    const p = globalCall('posix', 'system', 'echo pwned')
    expect(p.toString('latin1')).toBe('cposix\nsystem\np0\n(Vecho pwned\ntp1\nRp2\n.')
    const w = await walk(p)
    expect(w.issues).toEqual([])
    expect(w.imports).toEqual([{ module: 'posix', name: 'system', offset: 0, via: 'GLOBAL', called: true }])
  })

  it('reads INST with its MARK', async () => {
    const p = Buffer.from("(S'echo pwned'\nios\nsystem\n.", 'latin1')
    const w = await walk(p)
    expect(w.issues).toEqual([])
    expect(w.imports).toEqual([{ module: 'os', name: 'system', offset: 15, via: 'INST', called: true }])
  })

  it('decodes STRING escapes (hex, octal, quotes) before resolving names', async () => {
    const p = pickle()
      .string("'o\\x73'", true)
      .string('"sy\\163tem"', true)
      .stackGlobal()
      .string("'it\\'s \\\\ \\n'", true)
      .tuple1()
      .reduce()
      .stop()
      .toBuffer()
    const w = await walk(p)
    expect(w.issues).toEqual([])
    expect(imports(w)).toEqual(['os.system'])
  })

  it('decodes UNICODE as raw-unicode-escape before resolving names', async () => {
    const p = pickle().unicode('\\u006fs', true).unicode('sys\\u0074em', true).stackGlobal().stop().toBuffer()
    expect(imports(await walk(p))).toEqual(['os.system'])
    // what the pickler writes for a str with a backslash and a newline reads back as the same str
    const round = pickle().unicode('a\\b\nc').unicode('x').stackGlobal().stop().toBuffer()
    expect(imports(await walk(round))).toEqual(['a\\b\nc.x'])
  })

  it('reads the text number, memo and container opcodes of protocol 0', async () => {
    const p = pickle()
      .mark()
      .mark()
      .int(5)
      .int('01')
      .long(123456789012345678901234567890n)
      .float(1.5)
      .string('x')
      .put(0)
      .get(0)
      .list()
      .mark()
      .dict()
      .tuple()
      .stop()
      .toBuffer()
    const w = await walk(p)
    expect(w.issues).toEqual([])
    expect(w.pickles).toBe(1)
    expect(w.protocol).toBe(0)
  })

  it('reads protocol 0 PERSID and counts it', async () => {
    const w = await walk(pickle().persId('storage 0').stop().toBuffer())
    expect(w).toMatchObject({ issues: [], persistentIds: 1 })
  })
})

describe('walkPickles: real-looking PyTorch pickles', () => {
  it('finds only allow-listed imports and the storages as persistent ids in a state dict', async () => {
    const data = torchStateDictPickle([
      { name: 'linear.weight', key: '0', numel: 12, shape: [3, 4] },
      { name: 'linear.bias', key: '1', numel: 3 }
    ])
    const w = await walk(data)
    expect(w.issues).toEqual([])
    expect(w.pickles).toBe(1)
    expect(w.persistentIds).toBe(2)
    expect([...new Set(imports(w))].sort()).toEqual([
      'collections.OrderedDict',
      'torch.FloatStorage',
      'torch._utils._rebuild_tensor_v2'
    ])
    for (const i of w.imports) expect(classifyImport(i.module, i.name)).toBe('safe')
  })

  it("reads the corpus checkpoints' pickles the same way", async () => {
    const ra = bufferAccess(corpus('new_pytorch_model.bin'))
    const entry = (await listZip(ra)).entries.find((e) => e.name === 'archive/data.pkl')!
    const w = await walk((await readMember(ra, entry, 1 << 20)).data)
    expect(w).toMatchObject({ issues: [], pickles: 1, persistentIds: 1 })
    for (const i of w.imports) expect(classifyImport(i.module, i.name)).toBe('safe')
  })

  it('reads the 5 pickles of a legacy file and stops where the raw storages start', async () => {
    const file = legacyTorch({ storages: { '7': Buffer.alloc(16, 0x80) } })
    const w = await walk(file, {}, { maxPickles: 5 })
    expect(w).toMatchObject({ issues: [], pickles: 5, persistentIds: 1, protocol: 2 })
    expect(file.length - w.end).toBe(8 + 16)
    for (const i of w.imports) expect(classifyImport(i.module, i.name)).toBe('safe')
    const real = await walk(corpus('pytorch_model.bin'), {}, { maxPickles: 5 })
    expect(real).toMatchObject({ issues: [], pickles: 5 })
    expect(real.persistentIds).toBeGreaterThan(0)
    for (const i of real.imports) expect(classifyImport(i.module, i.name)).toBe('safe')
  })

  it('sees the pickle of a torch zip built by the helper as a pickle', () => {
    const zip = torchZip()
    expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04')
    expect(looksLikePickle(torchStateDictPickle())).toBe(true)
  })
})

describe('walkPickles: properties', () => {
  const SMALL: Partial<Limits> = {
    pickleOpcodes: 4_000,
    pickleStack: 200,
    pickleMarks: 50,
    pickleMemo: 200,
    picklesPerFile: 4,
    nestedDepth: 2,
    pickleArgBytes: 4096
  }
  /** Single pickles (no concatenation), so that any proper prefix is a broken stream. */
  const VALID: Buffer[] = [
    ...([0, 1, 2, 3, 4, 5] as const).map((p) => globalCallProto(p, 'posix', 'system', 'id', 7, null, true)),
    torchStateDictPickle(),
    torchTensorPickle(),
    OS_SYSTEM,
    pickle().proto(4).binBytes(OS_SYSTEM).stop().toBuffer(),
    pickle().proto(4).binUnicode(OS_SYSTEM.toString('base64')).stop().toBuffer(),
    ...['benign0_v0.pkl', 'benign0_v3.pkl', 'benign0_v4.pkl', 'malicious0.pkl', 'malicious15b.pkl'].map(
      corpus
    ),
    corpus('sys_module_override_sploit.pkl')
  ]

  it('the samples are valid single pickles', async () => {
    for (const v of VALID) {
      const w = await walk(v, SMALL)
      expect(w.pickles).toBe(1)
      expect(w.issues.filter((i) => i.kind === 'MALFORMED' || i.kind === 'LIMIT')).toEqual([])
    }
  })

  it('resolves on arbitrary bytes, within the opcode bound', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 1024 }), async (bytes) => {
        const w = await walk(Buffer.from(bytes), SMALL)
        expect(w.opcodes).toBeLessThanOrEqual(SMALL.pickleOpcodes! + 1)
        expect(w.end).toBeLessThanOrEqual(bytes.length)
      }),
      { numRuns: 400 }
    )
  })

  it('resolves on random mutations of valid pickles', async () => {
    const mutation = fc.record({
      kind: fc.constantFrom('flip', 'set', 'insert', 'delete', 'truncate'),
      at: fc.nat(),
      byte: fc.integer({ min: 0, max: 255 })
    })
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: VALID.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        async (which, muts) => {
          let b = Buffer.from(VALID[which]!)
          for (const m of muts) {
            if (b.length === 0) break
            const at = m.at % b.length
            if (m.kind === 'flip') b[at] = b[at]! ^ (1 << (m.byte & 7))
            else if (m.kind === 'set') b[at] = m.byte
            else if (m.kind === 'insert')
              b = Buffer.concat([b.subarray(0, at), Buffer.from([m.byte]), b.subarray(at)])
            else if (m.kind === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + 1)])
            else b = b.subarray(0, at)
          }
          const w = await walk(b, SMALL)
          expect(Array.isArray(w.issues)).toBe(true)
        }
      ),
      { numRuns: 400 }
    )
  })

  it('never reports a truncated valid pickle without a MALFORMED issue', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: VALID.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (which, f) => {
          const full = VALID[which]!
          const cut = 1 + Math.floor(f * (full.length - 2))
          const w = await walk(full.subarray(0, cut), SMALL)
          expect(w.pickles).toBe(0)
          expect(kinds(w)).toContain('MALFORMED')
        }
      ),
      { numRuns: 400 }
    )
  })
})
