/* eslint-disable jest/expect-expect -- the tests assert through violation() and notAllowed() */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { deflateRawSync, deflateSync, constants as zlibConstants } from 'node:zlib'
import type { Violation } from '../../src/airs/schemas/data-plane.js'
import { analyseEntry } from '../../src/engine/analyse.js'
import { DEFAULT_LIMITS } from '../../src/engine/limits.js'
import type { EngineScan } from '../../src/gate/builtin-outcome.js'
import { defaultPolicy, type EnginePolicy } from '../../src/gate/builtin-policy.js'
import { ENGINE_RULES, type EngineRule } from '../../src/engine/rules.js'
import { scanLocalModel } from '../../src/gate/builtin-scan.js'
import { globalCall, globalCallProto, pickle, torchZip } from '../helpers/pickle-builder.js'
import { buildZip } from '../helpers/zip-builder.js'
import { EVERY_FORMAT } from '../helpers/formats.js'

/**
 * Review of the engine's dispatch and outcome: hostile model directories that must never come out ALLOWED,
 * under the default policy and under policies that relax some rules. A payload must land on the rule that
 * describes it (a pickle payload on Load Time Code Execution), and a file the engine could not verify must not
 * pass whatever state its rule is in.
 */

const LOAD = ENGINE_RULES.LOAD_TIME.name
const SUSPICIOUS = ENGINE_RULES.SUSPICIOUS.name
const RUNTIME = ENGINE_RULES.RUNTIME.name

/** A policy that only cares about code: every format approved, the format rule and other rules relaxed. */
function relaxed(
  states: Partial<Record<EngineRule, 'BLOCKING' | 'ALLOWING' | 'DISABLED'>> = {}
): EnginePolicy {
  const base = defaultPolicy()
  return {
    ...base,
    name: 'Review: relaxed',
    approvedFormats: EVERY_FORMAT,
    states: { ...base.states, FORMAT: 'ALLOWING', ...states }
  }
}

let tmp = ''
let n = 0
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'engine-review-'))
})
afterAll(async () => {
  if (tmp) await fs.rm(tmp, { recursive: true, force: true })
})

type Spec = Buffer | string | { symlink: string } | { fifo: true }

async function modelDir(files: Record<string, Spec>): Promise<string> {
  const dir = path.join(tmp, `m${++n}`)
  await fs.mkdir(dir)
  for (const [rel, spec] of Object.entries(files)) {
    const abs = path.join(dir, rel)
    await fs.mkdir(path.dirname(abs), { recursive: true })
    if (typeof spec === 'string' || Buffer.isBuffer(spec)) await fs.writeFile(abs, spec)
    else if ('symlink' in spec) await fs.symlink(spec.symlink, abs)
    else execFileSync('mkfifo', [abs])
  }
  return dir
}

async function scan(files: Record<string, Spec>, policy = defaultPolicy()): Promise<EngineScan> {
  return scanLocalModel({ path: await modelDir(files), modelUri: 'models/review', policy })
}

function violation(r: EngineScan, want: Partial<Record<keyof Violation, unknown>>): void {
  expect(r.violations).toContainEqual(expect.objectContaining(want))
}

/** What could not be verified is listed apart from the violations, never as one. */
function notVerifiedIn(r: EngineScan, want: Partial<Record<keyof Violation, unknown>>): void {
  expect(r.unverified).toContainEqual(expect.objectContaining(want))
}

/** Never ALLOWED: blocked, or (nothing blocking failed) an ERROR because something could not be verified. */
function notAllowed(r: EngineScan): void {
  expect(r.scan.eval_outcome).not.toBe('ALLOWED')
}

/** `(dp0 S'x' … cos system (S'id' tR s.`: a protocol-0 dict whose value is os.system('id'), no leading import. */
const dictPayload = pickle()
  .mark()
  .dict()
  .put(0)
  .string('x')
  .put(1)
  .global('os', 'system')
  .put(2)
  .mark()
  .string('id')
  .tuple()
  .reduce()
  .setItem()
  .stop()
  .toBuffer()

/** A version-1 .npy header for a one-element object array, then `payload` (what np.load unpickles). */
function objectNpy(payload: Buffer): Buffer {
  let header = "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }"
  const pad = 64 - ((10 + header.length + 1) % 64)
  header = header + ' '.repeat(pad % 64) + '\n'
  const len = Buffer.alloc(2)
  len.writeUInt16LE(header.length)
  return Buffer.concat([
    Buffer.from('\x93NUMPY\x01\x00', 'latin1'),
    len,
    Buffer.from(header, 'latin1'),
    payload
  ])
}

const HDF5 = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a])

const lambdaConfig = {
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
          function: {
            class_name: '__lambda__',
            config: { code: Buffer.alloc(64, 0x41).toString('base64'), defaults: null, closure: null }
          }
        }
      }
    ]
  }
}

const SSTI = "{{ cycler.__init__.__globals__.os.popen('id').read() }}"

describe('archive members', () => {
  it('a torch zip whose data.pkl is a protocol-0 pickle that sniffs as text is still walked', async () => {
    expect(dictPayload.subarray(0, 4).toString('latin1')).toBe('(dp0')
    const r = await scan({ 'model.pt': torchZip({ dataPkl: dictPayload }) }, relaxed())
    violation(r, { rule_name: LOAD, module: 'os', operator: 'system' })
    expect(r.scan.eval_outcome).toBe('BLOCKED')
  })

  it('a member flagged as a unix symlink is still data that loaders read', async () => {
    const r = await scan(
      {
        'model.pt': torchZip({
          dataPkl: globalCallProto(2, 'os', 'system', 'id'),
          override: { 'data.pkl': { madeBy: 0x0314, externalAttributes: (0o120777 << 16) >>> 0 } }
        })
      },
      relaxed({ SUSPICIOUS: 'ALLOWING' })
    )
    violation(r, { rule_name: LOAD, module: 'os', operator: 'system' })
    expect(r.scan.eval_outcome).toBe('BLOCKED')
  })

  it('what inflates before corrupt deflate data is analysed (np.load streams it into pickle)', async () => {
    // incompressible bytes after the pickle (np.load stops at its STOP), so the fault is well past the payload
    let x = 1
    const noise = Buffer.from(
      Array.from({ length: 16_384 }, () => (x = (x * 1103515245 + 12345) >>> 0) >>> 24)
    )
    const npy = objectNpy(Buffer.concat([globalCallProto(2, 'os', 'system', 'id'), noise]))
    const corrupt = Buffer.concat([
      deflateRawSync(npy, { finishFlush: zlibConstants.Z_SYNC_FLUSH }),
      Buffer.from([0xff, 0xff, 0xff])
    ])
    const npz = buildZip({ members: [{ name: 'x.npy', data: npy, method: 8, raw: corrupt }] })
    const r = await scan({ 'arrays.npz': npz }, relaxed({ SUSPICIOUS: 'ALLOWING' }))
    violation(r, { rule_name: LOAD, threat: 'PAIT-PKL-100', module: 'os', operator: 'system' })
    expect(r.scan.eval_outcome).toBe('BLOCKED')
  })

  it('a compiled Python file in an archive is not skipped as tensor data', async () => {
    const pyc = Buffer.concat([
      Buffer.from([0x6f, 0x0d, 0x0d, 0x0a]),
      Buffer.alloc(12),
      Buffer.from([0xe3, 0, 1])
    ])
    const zip = buildZip({ members: [{ name: 'pkg/__pycache__/evil.cpython-311.pyc', data: pyc }] })
    const r = await scan({ 'bundle.zip': zip }, relaxed())
    violation(r, { rule_name: SUSPICIOUS, file: 'bundle.zip' })
    expect(r.scan.eval_outcome).toBe('BLOCKED')
  })
})

describe('unverified files never pass', () => {
  const sevenZip = Buffer.concat([Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]), Buffer.alloc(64)])

  it('with the suspicious-components rule ALLOWING', async () => {
    const r = await scan({ 'model.7z': sevenZip }, relaxed({ SUSPICIOUS: 'ALLOWING' }))
    notAllowed(r)
    expect(r.scan.eval_outcome).toBe('ERROR')
    expect(r.files).toContainEqual(expect.objectContaining({ path: 'model.7z', result: 'ERROR' }))
  })

  it('with the suspicious-components rule DISABLED', async () => {
    const r = await scan({ 'model.7z': sevenZip }, relaxed({ SUSPICIOUS: 'DISABLED' }))
    notAllowed(r)
    expect(r.scan.error_message).toMatch(/^Could not verify 1 file \(model\.7z\)/)
  })

  it('a symbolic link out of the model directory, or to nowhere, is unverified', async () => {
    const outside = path.join(tmp, `outside-${++n}.pkl`)
    await fs.writeFile(outside, globalCall('os', 'system', 'id'))
    const r = await scan(
      { 'model.pkl': { symlink: outside }, 'gone.bin': { symlink: 'missing' } },
      relaxed({ SUSPICIOUS: 'ALLOWING' })
    )
    notAllowed(r)
    expect(r.files).toContainEqual(expect.objectContaining({ path: 'model.pkl', result: 'ERROR' }))
    expect(r.files).toContainEqual(expect.objectContaining({ path: 'gone.bin', result: 'ERROR' }))
  })

  it('a model path that is itself a symbolic link is unverified, and says where it leads', async () => {
    const dir = await modelDir({ 'model.pkl': globalCall('os', 'system', 'id') })
    const link = path.join(tmp, `link-${++n}.pkl`)
    await fs.symlink(path.join(dir, 'model.pkl'), link)
    const r = await scanLocalModel({
      path: link,
      modelUri: 'models/link',
      policy: relaxed({ SUSPICIOUS: 'ALLOWING' })
    })
    notAllowed(r)
    notVerifiedIn(r, { description: expect.stringContaining(path.join(dir, 'model.pkl')) })
  })

  ;(process.platform === 'win32' ? it.skip : it)('a named pipe is unverified', async () => {
    const r = await scan({ 'model.pkl': { fifo: true } }, relaxed({ SUSPICIOUS: 'ALLOWING' }))
    notAllowed(r)
  })
})

describe('links inside the model directory', () => {
  it('are analysed under the name loaders open them by', async () => {
    const r = await scan({ 'notes.txt': SSTI, 'chat_template.jinja': { symlink: 'notes.txt' } })
    violation(r, { rule_name: RUNTIME, file: 'chat_template.jinja' })
    expect(r.scan.eval_outcome).toBe('BLOCKED')
  })

  it('code behind a .py link is Python code', async () => {
    const r = await scan({
      'code.txt': 'import os\nos.system("id")\n',
      'modeling_x.py': { symlink: 'code.txt' }
    })
    violation(r, { rule_name: SUSPICIOUS, file: 'modeling_x.py' })
  })
})

describe('JSON as Python reads it', () => {
  it('NaN does not hide auto_map', async () => {
    const r = await scan({
      'config.json': '{"auto_map": {"AutoModel": "evil/repo--modeling.Model"}, "layer_norm_eps": NaN}'
    })
    violation(r, { rule_name: SUSPICIOUS, description: expect.stringContaining('auto_map') })
    expect(r.scan.eval_outcome).toBe('BLOCKED')
  })

  it('Infinity does not hide a chat template', async () => {
    const r = await scan({
      'tokenizer_config.json': JSON.stringify({ chat_template: SSTI, model_max_length: 1 }).replace(
        '"model_max_length":1',
        '"model_max_length":Infinity'
      )
    })
    violation(r, { rule_name: RUNTIME, file: 'tokenizer_config.json' })
  })

  it('a .json file no parser reads is unverified', async () => {
    const r = await scan(
      { 'config.json': '{"auto_map": {"AutoModel": "x.Y"},, }' },
      relaxed({ SUSPICIOUS: 'ALLOWING' })
    )
    notAllowed(r)
  })

  it('a Keras config with a byte-order mark (json.loads on bytes accepts it) is analysed', async () => {
    const keras = buildZip({
      members: [{ name: 'config.json', data: '\uFEFF' + JSON.stringify(lambdaConfig) }]
    })
    const r = await scan({ 'model.keras': keras }, relaxed())
    violation(r, { rule_name: RUNTIME, threat: 'PAIT-KERAS-300' })
  })
})

describe('files that decode as pickles', () => {
  it('a pickle that hits a limit before its first import is still a pickle', async () => {
    const payload = Buffer.concat([
      Buffer.alloc(DEFAULT_LIMITS.pickleStack + 1, 'N'),
      globalCall('os', 'system', 'id')
    ])
    const r = await scan({ 'arrays.npy': payload }, relaxed())
    notVerifiedIn(r, { rule_name: LOAD, description: expect.stringMatching(/^Could not be verified/) })
    expect(r.scan.eval_outcome).toBe('ERROR')
  })

  it('a pickle in the user block of an HDF5 file is walked', async () => {
    const payload = globalCallProto(2, 'os', 'system', 'id')
    const file = Buffer.concat([payload, Buffer.alloc(512 - payload.length), HDF5, Buffer.alloc(512)])
    const r = await scan({ 'model.pkl': file }, relaxed({ SUSPICIOUS: 'ALLOWING' }))
    violation(r, { rule_name: LOAD, threat: 'PAIT-PKL-100', module: 'os', operator: 'system' })
    expect(r.scan.eval_outcome).toBe('BLOCKED')
  })

  it('joblib compression is opened: a payload inside is found, a damaged stream is not verified', async () => {
    const payload = globalCallProto(2, 'os', 'system', 'id')
    const lzma = Buffer.concat([Buffer.from([0x5d, 0, 0, 0x80, 0, 0xff, 0xff, 0xff]), Buffer.alloc(40, 0x11)])
    const lz4 = Buffer.concat([
      Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x64, 0x40, 0xa7]),
      Buffer.alloc(40, 0x11)
    ])
    violation(await scan({ 'model.z': deflateSync(payload) }), {
      rule_name: LOAD,
      file: 'model.z',
      module: 'os',
      operator: 'system'
    })
    for (const [name, data] of [
      ['model.lzma', lzma],
      ['model.lz4', lz4]
    ] as const) {
      const r = await scan({ [name]: data })
      notAllowed(r)
      notVerifiedIn(r, { file: name, description: expect.stringMatching(/^Could not be verified/) })
    }
  })
})

describe('names that select a loader which looks past the first bytes', () => {
  it('a .keras file with text before its zip (zipfile finds the end record) is unverified', async () => {
    const zip = buildZip({
      members: [
        { name: 'metadata.json', data: '{"keras_version": "3.3.3"}' },
        { name: 'config.json', data: JSON.stringify(lambdaConfig) }
      ]
    })
    const r = await scan({ 'model.keras': Buffer.concat([Buffer.alloc(5000, 'a'), zip]) }, relaxed())
    notVerifiedIn(r, { file: 'model.keras', description: expect.stringMatching(/^Could not be verified/) })
    expect(r.scan.eval_outcome).toBe('ERROR')
  })

  it('a .h5 file whose HDF5 superblock sits past the sniffed offsets is unverified', async () => {
    const r = await scan(
      { 'model.h5': Buffer.concat([Buffer.alloc(4096, 'a'), HDF5, Buffer.alloc(256)]) },
      relaxed()
    )
    notVerifiedIn(r, { file: 'model.h5', description: expect.stringMatching(/^Could not be verified/) })
    expect(r.scan.eval_outcome).toBe('ERROR')
  })

  it('a text-format SavedModel is unverified', async () => {
    const r = await scan({ 'saved_model.pbtxt': 'saved_model_schema_version: 1\nmeta_graphs {\n}\n' })
    notVerifiedIn(r, {
      file: 'saved_model.pbtxt',
      description: expect.stringMatching(/^Could not be verified/)
    })
  })
})

describe('text the engine reads only in part', () => {
  it('a chat template longer than the part read is not passed', async () => {
    const r = await scan({ 'chat_template.jinja': ' '.repeat(1024 * 1024 + 10) + SSTI })
    notAllowed(r)
    expect(r.unverified.length).toBeGreaterThan(0)
  })

  it('bytes a binary Python file holds are still Python code', async () => {
    const r = await scan({
      'modeling_x.py': Buffer.concat([
        Buffer.from('# -*- coding: latin-1 -*-\n# caf\xe9\n', 'latin1'),
        Buffer.from('import os\n')
      ])
    })
    violation(r, { rule_name: SUSPICIOUS, file: 'modeling_x.py' })
  })
})

describe('a file that changes after it was listed', () => {
  it('is read at the size it has when opened', async () => {
    const dir = await modelDir({ 'weights.pkl': pickle().proto(2).none().stop().toBuffer() })
    const abs = path.join(dir, 'weights.pkl')
    const listed = (await fs.stat(abs)).size
    await fs.appendFile(abs, globalCallProto(2, 'os', 'system', 'id'))
    const report = await analyseEntry(
      { rel: 'weights.pkl', abs, kind: 'file', size: listed },
      { limits: DEFAULT_LIMITS, allowedGlobals: new Set(), deadline: Number.POSITIVE_INFINITY }
    )
    expect(report.findings).toContainEqual(
      expect.objectContaining({ rule: 'LOAD_TIME', module: 'os', operator: 'system' })
    )
  })
})

describe('benign counterparts stay clean', () => {
  it('a torch zip, a config with NaN, a template link and a plain text file', async () => {
    const r = await scan(
      {
        'model.pt': torchZip(),
        'config.json': '{"model_type": "bert", "x": NaN, "s": "NaN Infinity"}',
        'notes.txt': '{% for m in messages %}{{ m.content }}{% endfor %}',
        'chat_template.jinja': { symlink: 'notes.txt' },
        'README.md': 'hello\n'
      },
      relaxed()
    )
    expect(r.violations).toEqual([])
    expect(r.scan.eval_outcome).toBe('ALLOWED')
  })
})

describe('chat templates in every shape transformers renders', () => {
  it('a mapping of names to templates', async () => {
    const r = await scan({ 'tokenizer_config.json': JSON.stringify({ chat_template: { default: SSTI } }) })
    violation(r, { rule_name: RUNTIME, file: 'tokenizer_config.json' })
  })

  it('a list longer than the part checked', async () => {
    const list = [
      ...Array.from({ length: 100 }, (_, i) => ({ name: `t${i}`, template: '{{ messages }}' })),
      { name: 'default', template: SSTI }
    ]
    const r = await scan({ 'tokenizer_config.json': JSON.stringify({ chat_template: list }) })
    notAllowed(r)
    expect(r.unverified.length).toBeGreaterThan(0)
  })

  it('a template named like a license file', async () => {
    const r = await scan({ 'additional_chat_templates/license.jinja': SSTI })
    violation(r, { rule_name: RUNTIME, file: 'additional_chat_templates/license.jinja' })
  })

  it('names the checker found dangerous "can run code"; names it could not fold "could not be verified"', async () => {
    const header = JSON.stringify({ w: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }).padEnd(56, ' ')
    const len = Buffer.alloc(8)
    len.writeBigUInt64LE(BigInt(header.length))
    const model = Buffer.concat([len, Buffer.from(header), Buffer.alloc(4)])
    const policy = relaxed({ RUNTIME: 'ALLOWING' })

    const r = await scan({ 'model.safetensors': model, 'chat_template.jinja': SSTI }, policy)
    violation(r, { rule_name: RUNTIME, description: expect.stringMatching(/can run code when rendered: /) })
    expect(r.scan.eval_outcome).toBe('ALLOWED')

    // a dict lookup with a key from render time: Jinja's getattr fallback makes it an attribute name
    const lookup = "{% set m = {'string': 'str'} %}{{ m[tools[0].type] }}"
    const u = await scan({ 'model.safetensors': model, 'chat_template.jinja': lookup }, policy)
    notVerifiedIn(u, {
      rule_name: RUNTIME,
      description: expect.stringMatching(
        /could not be verified: unfoldable:subscript \(computed attribute name/
      )
    })
    // an unverified file never passes, whatever the rule's state
    expect(u.scan.eval_outcome).toBe('ERROR')
  })
})
