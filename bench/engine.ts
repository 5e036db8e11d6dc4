import {
  closeSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { crc32 } from 'node:zlib'
import { bytes as count, median, ms, ratio, round, runTimed, seeded, table } from './harness.js'

/**
 * Section 5 of `npm run bench`: the built-in engine (`scanLocalModel`, default policy and limits) on models
 * generated here, each scan in a child process of its own (bench/engine-child.ts) so its peak memory is its own.
 *
 *   a. pickle-heavy files: optimizer-state-like pickles of about 4, 32 and 128 MiB (protocol 4, as
 *      `pickle.dump` writes them), the largest again with the opcode limit raised so the walk reads all of it,
 *      and a torch zip checkpoint whose archive/data.pkl is one (protocol 2, as `torch.save` writes it):
 *      MiB/s and opcodes/s of the walk (opcodes counted as written, which is what the walker counts; a walk
 *      stopped by a limit is measured over the bytes it read, from its finding)
 *   b. safetensors-only models of 1 MiB, 100 MiB, 1 GiB and 4 GiB, and a directory of 4 shards of 1 GiB with
 *      its index: sparse files, header then `ftruncate`, so only what the engine reads is real; the cost must
 *      not grow with the tensor data
 *   c. a Hugging Face-like repository: safetensors weights, a torch zip pytorch_model.bin with its tensors
 *      stored, tokenizer files, configs and a README with license front matter
 *   d. hostile volume: models whose pickles import 10,000 distinct dangerous names each (the most a file lists),
 *      2 and 4 files of them: collecting and judging findings must stay linear (twice the findings, about twice
 *      the time; a copy per finding made 30,000 take 44 s)
 *
 * Every input runs REPS times in rounds (median wall, max peak RSS); an input whose first scan takes longer than
 * SLOW_RUN_MS runs once, to keep the section within its time budget.
 */

export type Accept = (check: string, value: string, pass: boolean, data: Record<string, number>) => void

const CHILD = fileURLToPath(new URL('./engine-child.ts', import.meta.url))
const REPS = 3
const SLOW_RUN_MS = 2500
const KiB = 1024
const MiB = 1024 * KiB
const GiB = 1024 * MiB
const PICKLE_SIZES = [4 * MiB, 32 * MiB, 128 * MiB]
/** The largest pickle again with the opcode limit raised, so the walk reads all of it. */
const RAISED_LIMITS = { pickleOpcodes: 100_000_000 }
const TORCH_PICKLE = 8 * MiB
const SAFETENSORS_SIZES = [MiB, 100 * MiB, GiB, 4 * GiB]
const SAFETENSORS_TENSORS = 256
const SHARDS = 4
const RSS_DELTA_LIMIT_MB = 64

// ---- pickles ----

/** An append-only byte buffer that grows as needed. */
class Bytes {
  private buf = Buffer.allocUnsafe(256 * KiB)
  length = 0
  private room(n: number): void {
    if (this.length + n <= this.buf.length) return
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + n))
    this.buf.copy(next, 0, 0, this.length)
    this.buf = next
  }
  u8(b: number): void {
    this.room(1)
    this.buf[this.length++] = b
  }
  u16(n: number): void {
    this.room(2)
    this.length = this.buf.writeUInt16LE(n, this.length)
  }
  u32(n: number): void {
    this.room(4)
    this.length = this.buf.writeUInt32LE(n, this.length)
  }
  i32(n: number): void {
    this.room(4)
    this.length = this.buf.writeInt32LE(n, this.length)
  }
  f64be(x: number): void {
    this.room(8)
    this.length = this.buf.writeDoubleBE(x, this.length)
  }
  text(s: string): void {
    const n = Buffer.byteLength(s)
    this.room(n)
    this.length += this.buf.write(s, this.length)
  }
  /** The bytes so far (copied), and a fresh start. */
  take(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.length))
    this.length = 0
    return out
  }
}

/** Pickle opcodes written as CPython's pickler writes them, counting every opcode and memo entry. */
class PickleOut {
  readonly w = new Bytes()
  opcodes = 0
  memo = 0
  constructor(readonly protocol: 2 | 4) {}
  op(b: number): void {
    this.opcodes++
    this.w.u8(b)
  }
  /** MEMOIZE (protocol 4) or BINPUT/LONG_BINPUT; the index stored. */
  put(): number {
    if (this.protocol === 4) this.op(0x94)
    else if (this.memo < 256) {
      this.op(0x71)
      this.w.u8(this.memo)
    } else {
      this.op(0x72)
      this.w.u32(this.memo)
    }
    return this.memo++
  }
  /** BINGET/LONG_BINGET */
  get(i: number): void {
    if (i < 256) {
      this.op(0x68)
      this.w.u8(i)
    } else {
      this.op(0x6a)
      this.w.u32(i)
    }
  }
  /** SHORT_BINUNICODE (protocol 4) or BINUNICODE, memoized like every str. */
  str(s: string): number {
    const n = Buffer.byteLength(s)
    if (this.protocol === 4 && n < 256) {
      this.op(0x8c)
      this.w.u8(n)
    } else {
      this.op(0x58)
      this.w.u32(n)
    }
    this.w.text(s)
    return this.put()
  }
  /** BININT1, BININT2 or BININT */
  int(n: number): void {
    if (n >= 0 && n < 256) {
      this.op(0x4b)
      this.w.u8(n)
    } else if (n >= 0 && n < 65536) {
      this.op(0x4d)
      this.w.u16(n)
    } else {
      this.op(0x4a)
      this.w.i32(n)
    }
  }
  /** BINFLOAT */
  float(x: number): void {
    this.op(0x47)
    this.w.f64be(x)
  }
  /** GLOBAL 'module name' (protocol 2) or the strings and STACK_GLOBAL (protocol 4), memoized. */
  global(module: string, name: string): number {
    if (this.protocol === 4) {
      this.str(module)
      this.str(name)
      this.op(0x93)
    } else {
      this.op(0x63)
      this.w.text(`${module}\n${name}\n`)
    }
    return this.put()
  }
}

interface PickleStats {
  bytes: number
  opcodes: number
  items: number
}

const PROJ = ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj']
/** CPython commits a protocol-4 frame once it holds this much (pickle._Framer.FRAME_SIZE_TARGET). */
const FRAME_TARGET = 64 * KiB

/**
 * An optimizer-state-like pickle of about `target` bytes, written to `sink` in pieces: protocol 4 in frames as
 * `pickle.dump` writes it, or protocol 2 as `torch.save` does. `pickle.loads` reads it (checked with
 * `python3 -m pickletools` and against CPython's C and pure-Python unpicklers) as
 *
 * ```py
 * OrderedDict(param_groups=[{'param': f'model.layers.{i // 7}.{PROJ[i % 7]}.weight', 'step': i,
 *   'lr': 1e-3 * (1 + i % 7), 'betas': (0.9, 0.999), 'eps': 1e-8, 'weight_decay': 0.01 * (i % 3),
 *   'amsgrad': False, 'shape': [1 + i % 4096, 64]} for i in range(items)])
 * ```
 *
 * About 110 bytes, 29 opcodes and 4 memo entries per item; keys after the first item are BINGETs.
 */
function optimizerPickle(target: number, protocol: 2 | 4, sink: (b: Buffer) => void): PickleStats {
  const p = new PickleOut(protocol)
  const { w } = p
  let bytes = 2
  const flush = (force: boolean) => {
    if (!force && w.length < FRAME_TARGET) return
    if (protocol === 2) {
      bytes += w.length
      sink(w.take())
      return
    }
    const head = Buffer.alloc(9)
    head[0] = 0x95 // FRAME
    head.writeBigUInt64LE(BigInt(w.length), 1)
    p.opcodes++
    bytes += head.length + w.length
    sink(Buffer.concat([head, w.take()]))
  }
  const keys = new Map<string, number>()
  const key = (k: string) => {
    const at = keys.get(k)
    if (at === undefined) keys.set(k, p.str(k))
    else p.get(at)
  }

  sink(Buffer.from([0x80, protocol])) // PROTO, outside any frame
  p.opcodes++
  p.global('collections', 'OrderedDict')
  p.op(0x29) // EMPTY_TUPLE
  p.op(0x52) // REDUCE
  p.put()
  p.str('param_groups')
  p.op(0x5d) // EMPTY_LIST
  p.put()
  let items = 0
  // CPython appends in batches of 1000
  while (bytes + w.length < target) {
    p.op(0x28) // MARK
    for (let b = 0; b < 1000 && bytes + w.length < target; b++) {
      const i = items++
      p.op(0x7d) // EMPTY_DICT
      p.put()
      p.op(0x28) // MARK
      key('param')
      p.str(`model.layers.${Math.floor(i / 7)}.${PROJ[i % 7]}.weight`)
      key('step')
      p.int(i)
      key('lr')
      p.float(1e-3 * (1 + (i % 7)))
      key('betas')
      p.float(0.9)
      p.float(0.999)
      p.op(0x86) // TUPLE2
      p.put()
      key('eps')
      p.float(1e-8)
      key('weight_decay')
      p.float(0.01 * (i % 3))
      key('amsgrad')
      p.op(0x89) // NEWFALSE
      key('shape')
      p.op(0x5d) // EMPTY_LIST
      p.put()
      p.op(0x28) // MARK
      p.int(1 + (i % 4096))
      p.int(64)
      p.op(0x65) // APPENDS
      p.op(0x75) // SETITEMS
      flush(false)
    }
    p.op(0x65) // APPENDS
  }
  p.op(0x73) // SETITEM
  p.op(0x2e) // STOP
  flush(true)
  return { bytes, opcodes: p.opcodes, items }
}

function writePickle(path: string, target: number, protocol: 2 | 4): PickleStats {
  const fd = openSync(path, 'w')
  try {
    return optimizerPickle(target, protocol, (b) => writeSync(fd, b))
  } finally {
    closeSync(fd)
  }
}

function pickleBuffer(target: number, protocol: 2 | 4): { data: Buffer; stats: PickleStats } {
  const parts: Buffer[] = []
  const stats = optimizerPickle(target, protocol, (b) => parts.push(b))
  return { data: Buffer.concat(parts), stats }
}

interface TorchTensor {
  name: string
  shape: [number, number]
}

/**
 * A `torch.save(state_dict)` data.pkl (protocol 2): an OrderedDict of float32 tensors, each rebuilt by
 * `torch._utils._rebuild_tensor_v2` from the storage its persistent id names (`archive/data/<i>`).
 */
function stateDictPickle(tensors: TorchTensor[]): Buffer {
  const p = new PickleOut(2)
  const memo = new Map<string, number>()
  const once = (k: string, write: () => number) => {
    const at = memo.get(k)
    if (at === undefined) memo.set(k, write())
    else p.get(at)
  }
  p.op(0x80) // PROTO
  p.w.u8(2)
  const ordered = p.global('collections', 'OrderedDict')
  p.op(0x29) // EMPTY_TUPLE
  p.op(0x52) // REDUCE
  p.put()
  p.op(0x28) // MARK
  tensors.forEach((t, i) => {
    const [rows, cols] = t.shape
    p.str(t.name)
    once('rebuild', () => p.global('torch._utils', '_rebuild_tensor_v2'))
    p.op(0x28) // MARK
    p.op(0x28) // MARK
    once('storage', () => p.str('storage'))
    once('FloatStorage', () => p.global('torch', 'FloatStorage'))
    p.str(String(i))
    once('cpu', () => p.str('cpu'))
    p.int(rows * cols)
    p.op(0x74) // TUPLE
    p.put()
    p.op(0x51) // BINPERSID
    p.int(0)
    p.int(rows)
    p.int(cols)
    p.op(0x86) // TUPLE2
    p.put()
    p.int(cols)
    p.int(1)
    p.op(0x86) // TUPLE2
    p.put()
    p.op(0x89) // NEWFALSE
    p.get(ordered)
    p.op(0x29) // EMPTY_TUPLE
    p.op(0x52) // REDUCE
    p.put()
    p.op(0x74) // TUPLE
    p.put()
    p.op(0x52) // REDUCE
    p.put()
  })
  p.op(0x75) // SETITEMS
  p.op(0x2e) // STOP
  return p.w.take()
}

// ---- torch zip ----

const u16 = (n: number) => {
  const b = Buffer.alloc(2)
  b.writeUInt16LE(n)
  return b
}
const u32 = (n: number) => {
  const b = Buffer.alloc(4)
  b.writeUInt32LE(n >>> 0)
  return b
}

/**
 * A zip as PyTorch's writer lays it out: every member stored, its data aligned to 64 bytes by padding the local
 * extra field (the "FB" record), no data descriptors.
 */
function writeTorchZip(
  path: string,
  archive: string,
  members: Array<{ name: string; data: Buffer }>
): number {
  const fd = openSync(path, 'w')
  let pos = 0
  const put = (b: Buffer) => {
    writeSync(fd, b)
    pos += b.length
  }
  const central: Buffer[] = []
  try {
    for (const m of members) {
      const name = Buffer.from(`${archive}/${m.name}`)
      const crc = crc32(m.data)
      const offset = pos
      const pad = (64 - ((pos + 30 + name.length + 4) % 64)) % 64
      const extra = Buffer.concat([u16(0x4246), u16(pad), Buffer.alloc(pad, 'Z')])
      // signature, version, flags, method, time, date, crc, sizes, name and extra lengths
      const fixed = (sig: number) => [u32(sig), u16(20), u16(0), u16(0), u16(0), u16(0x21)]
      const sizes = [u32(crc), u32(m.data.length), u32(m.data.length), u16(name.length)]
      put(Buffer.concat([...fixed(0x04034b50), ...sizes, u16(extra.length), name, extra]))
      put(m.data)
      central.push(
        Buffer.concat([
          u32(0x02014b50),
          u16(0x031e),
          ...fixed(0).slice(1),
          ...sizes,
          u16(0), // extra
          u16(0), // comment
          u16(0), // disk
          u16(0), // internal attributes
          u32(0), // external attributes
          u32(offset),
          name
        ])
      )
    }
    const cd = Buffer.concat(central)
    const cdOffset = pos
    put(cd)
    const n = members.length
    put(
      Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(n), u16(n), u32(cd.length), u32(cdOffset), u16(0)])
    )
    return pos
  } finally {
    closeSync(fd)
  }
}

/** The members of a torch.save zip, in its order: data.pkl, byteorder, the storages, version, serialization id. */
const torchMembers = (pickle: Buffer, storages: Buffer[], id: number) => [
  { name: 'data.pkl', data: pickle },
  { name: 'byteorder', data: Buffer.from('little') },
  ...storages.map((data, i) => ({ name: `data/${i}`, data })),
  { name: 'version', data: Buffer.from('3\n') },
  { name: '.data/serialization_id', data: Buffer.from(String(id).padStart(40, '0')) }
]

// ---- safetensors ----

interface StTensor {
  name: string
  dtype: string
  shape: number[]
  bytes: number
}

const LAYER_PARTS = [
  'self_attn.q_proj',
  'self_attn.k_proj',
  'self_attn.v_proj',
  'self_attn.o_proj',
  'mlp.gate_proj',
  'mlp.up_proj',
  'mlp.down_proj',
  'input_layernorm'
]

/** `count` BF16 tensors named like a Llama checkpoint's, from tensor `first` on, filling `dataBytes` evenly. */
function llamaTensors(count: number, dataBytes: number, first = 0): StTensor[] {
  const per = dataBytes / count
  if (!Number.isInteger(per / 128)) throw new Error(`${dataBytes} bytes do not split into ${count} tensors`)
  return Array.from({ length: count }, (_, k) => {
    const t = first + k
    return {
      name: `model.layers.${Math.floor(t / LAYER_PARTS.length)}.${LAYER_PARTS[t % LAYER_PARTS.length]}.weight`,
      dtype: 'BF16',
      shape: [per / 128, 64],
      bytes: per
    }
  })
}

/** A safetensors file with real header and sparse data: the header is written, the rest is `ftruncate`d. */
function writeSafetensors(path: string, tensors: StTensor[]): number {
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } }
  let at = 0
  for (const t of tensors) {
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [at, at + t.bytes] }
    at += t.bytes
  }
  const json = JSON.stringify(header)
  // the reference writer pads the header with spaces to a multiple of 8
  const text = json.padEnd(Math.ceil(json.length / 8) * 8, ' ')
  const head = Buffer.alloc(8 + text.length)
  head.writeBigUInt64LE(BigInt(text.length))
  head.write(text, 8)
  const fd = openSync(path, 'w')
  try {
    writeSync(fd, head)
    ftruncateSync(fd, head.length + at)
  } finally {
    closeSync(fd)
  }
  return head.length + at
}

// ---- repositories ----

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`

const LLAMA_CONFIG = {
  architectures: ['LlamaForCausalLM'],
  model_type: 'llama',
  hidden_size: 4096,
  intermediate_size: 11008,
  num_attention_heads: 32,
  num_hidden_layers: 32,
  num_key_value_heads: 32,
  max_position_embeddings: 4096,
  rms_norm_eps: 1e-5,
  vocab_size: 32000,
  torch_dtype: 'bfloat16',
  transformers_version: '4.44.0'
}

/** A BPE tokenizer.json with a 32,000-token vocabulary and its merges (about 1 MiB). */
function tokenizerJson(): string {
  const random = seeded(7)
  const letters = 'abcdefghijklmnopqrstuvwxyz'
  const vocab = new Map([
    ['<unk>', 0],
    ['<s>', 1],
    ['</s>', 2]
  ])
  const merges: string[] = []
  while (vocab.size < 32000) {
    const len = 2 + Math.floor(random() * 6)
    let tok = random() < 0.4 ? '▁' : ''
    for (let i = 0; i < len; i++) tok += letters[Math.floor(random() * 26)]
    if (vocab.has(tok)) continue
    vocab.set(tok, vocab.size)
    if (merges.length < 31000) merges.push(`${tok.slice(0, 1)} ${tok.slice(1)}`)
  }
  const special = (id: number, content: string) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true
  })
  return JSON.stringify({
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [special(0, '<unk>'), special(1, '<s>'), special(2, '</s>')],
    normalizer: { type: 'Sequence', normalizers: [{ type: 'Prepend', prepend: '▁' }] },
    pre_tokenizer: null,
    post_processor: { type: 'TemplateProcessing', single: [{ SpecialToken: { id: '<s>', type_id: 0 } }] },
    decoder: { type: 'Sequence', decoders: [{ type: 'ByteFallback' }, { type: 'Fuse' }] },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: '<unk>',
      byte_fallback: true,
      vocab: Object.fromEntries(vocab),
      merges
    }
  })
}

const CHAT_TEMPLATE =
  "{% if messages[0]['role'] == 'system' %}{% set system = messages[0]['content'] %}{% set messages = messages[1:] %}{% endif %}" +
  "{% for message in messages %}{% if message['role'] == 'user' %}{{ bos_token + '[INST] ' + message['content'].strip() + ' [/INST]' }}" +
  "{% elif message['role'] == 'assistant' %}{{ ' ' + message['content'].strip() + ' ' + eos_token }}{% endif %}{% endfor %}"

function writeHfMetadata(dir: string): void {
  writeFileSync(join(dir, 'config.json'), json(LLAMA_CONFIG))
  writeFileSync(
    join(dir, 'generation_config.json'),
    json({ bos_token_id: 1, eos_token_id: 2, do_sample: true, temperature: 0.6, top_p: 0.9 })
  )
}

/** A sharded safetensors model: the shards, model.safetensors.index.json and config.json. */
function writeShardedModel(dir: string, shards: number, shardBytes: number): void {
  mkdirSync(dir)
  const perShard = SAFETENSORS_TENSORS / shards
  const weightMap: Record<string, string> = {}
  for (let s = 0; s < shards; s++) {
    const file = `model-${String(s + 1).padStart(5, '0')}-of-${String(shards).padStart(5, '0')}.safetensors`
    const tensors = llamaTensors(perShard, shardBytes, s * perShard)
    for (const t of tensors) weightMap[t.name] = file
    writeSafetensors(join(dir, file), tensors)
  }
  writeFileSync(
    join(dir, 'model.safetensors.index.json'),
    json({ metadata: { total_size: shards * shardBytes }, weight_map: weightMap })
  )
  writeHfMetadata(dir)
}

/** Distinct dangerous imports in one pickle file: as many as a file lists before the engine counts the rest. */
const FINDINGS_PER_FILE = 10_000
const FINDINGS_FILES = [2, 4]

/** `files` pickles, each importing FINDINGS_PER_FILE distinct names of `os` (protocol 0 GLOBAL, then POP). */
function writeFindingsModel(dir: string, files: number): void {
  mkdirSync(dir)
  for (let f = 0; f < files; f++) {
    const parts: string[] = []
    for (let i = 0; i < FINDINGS_PER_FILE; i++) parts.push(`cos\nsystem_${f}_${i}\n0`)
    writeFileSync(join(dir, `part-${f}.pkl`), `${parts.join('')}N.`)
  }
}

/** A Hugging Face-like repository mixing safetensors, a torch zip with stored tensors and tokenizer files. */
function writeMixedRepo(dir: string): void {
  mkdirSync(dir)
  writeSafetensors(join(dir, 'model.safetensors'), llamaTensors(SAFETENSORS_TENSORS, 512 * MiB))
  // pytorch_model.bin: 16 float32 tensors of 256×256 (4 MiB of real, seeded data)
  const random = seeded(11)
  const tensors: TorchTensor[] = Array.from({ length: 16 }, (_, i) => ({
    name: `model.layers.${i >> 3}.${LAYER_PARTS[i % 8]}.weight`,
    shape: [256, 256]
  }))
  const storages = tensors.map((t) => {
    const data = Buffer.alloc(t.shape[0] * t.shape[1] * 4)
    for (let o = 0; o < data.length; o += 4) data.writeFloatLE((random() - 0.5) * 0.04, o)
    return data
  })
  writeTorchZip(
    join(dir, 'pytorch_model.bin'),
    'archive',
    torchMembers(stateDictPickle(tensors), storages, 1)
  )
  writeHfMetadata(dir)
  writeFileSync(join(dir, 'tokenizer.json'), tokenizerJson())
  writeFileSync(
    join(dir, 'tokenizer_config.json'),
    json({
      add_bos_token: true,
      add_eos_token: false,
      bos_token: '<s>',
      eos_token: '</s>',
      unk_token: '<unk>',
      model_max_length: 4096,
      tokenizer_class: 'LlamaTokenizer',
      chat_template: CHAT_TEMPLATE
    })
  )
  writeFileSync(
    join(dir, 'special_tokens_map.json'),
    json({ bos_token: '<s>', eos_token: '</s>', unk_token: '<unk>' })
  )
  writeFileSync(join(dir, '.gitattributes'), '*.safetensors filter=lfs diff=lfs merge=lfs -text\n')
  writeFileSync(
    join(dir, 'README.md'),
    '---\nlicense: apache-2.0\nlanguage:\n- en\npipeline_tag: text-generation\ntags:\n- llama\n---\n\n' +
      '# bench-llama\n\nA generated model for the engine benchmark: weights in safetensors and PyTorch formats.\n'
  )
}

// ---- measurement ----

interface Input {
  name: string
  group: 'pickle' | 'safetensors' | 'repository' | 'findings'
  path: string
  /** opcodes of the pickle stream, as written */
  opcodes?: number
  /** engine limits other than the defaults */
  limits?: Record<string, number>
}

/** What engine-child.ts prints. */
interface ChildRun {
  wall_ms: number
  bytes: number
  peak_rss_kb: number
  start_rss_kb: number
  outcome: string
  files: number
  violations: number
  findings: string[]
  /** a pickle walk stopped by a limit: which, and at which byte */
  limit?: { what: string; value: number; byte: number }
}

async function scanOnce(input: Input): Promise<ChildRun> {
  // tsx's loader by its own path, so the child finds it from any working directory
  const env: Record<string, string> = input.limits
    ? { BENCH_ENGINE_LIMITS: JSON.stringify(input.limits) }
    : {}
  const run = await runTimed(['--import', import.meta.resolve('tsx'), CHILD, input.path], env).done
  const last = run.lines.at(-1)?.text
  if (run.code !== 0 || !last)
    throw new Error(`engine scan of ${input.name} exited ${run.code}: ${run.stderr}`)
  return JSON.parse(last) as ChildRun
}

const size = (n: number) =>
  n >= GiB
    ? `${(n / GiB).toFixed(1)} GiB`
    : n >= MiB
      ? `${(n / MiB).toFixed(1)} MiB`
      : `${(n / KiB).toFixed(1)} KiB`
const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MiB`
/** MiB/s, in larger units when the engine evidently did not read the bytes */
const rate = (x: number) => (x >= 1024 ? `${(x / 1024).toFixed(1)} GiB/s` : `${x.toFixed(1)} MiB/s`)

export async function engineThroughput(accept: Accept) {
  const scratch = mkdtempSync(join(tmpdir(), 'airs-bench-engine-'))
  try {
    // ---- inputs ----
    const genStart = performance.now()
    const inputs: Input[] = []
    for (const target of PICKLE_SIZES) {
      const path = join(scratch, `optimizer-${target / MiB}mib.pkl`)
      const { opcodes } = writePickle(path, target, 4)
      inputs.push({ name: `${target / MiB} MiB pickle (protocol 4)`, group: 'pickle', path, opcodes })
      if (target === PICKLE_SIZES.at(-1))
        inputs.push({
          name: `${target / MiB} MiB pickle, opcode limit ${count(RAISED_LIMITS.pickleOpcodes)}`,
          group: 'pickle',
          path,
          opcodes,
          limits: RAISED_LIMITS
        })
    }
    {
      const { data, stats } = pickleBuffer(TORCH_PICKLE, 2)
      const path = join(scratch, 'optimizer.pt')
      writeTorchZip(path, 'archive', torchMembers(data, [], 2))
      inputs.push({
        name: `torch zip, ${TORCH_PICKLE / MiB} MiB data.pkl (protocol 2)`,
        group: 'pickle',
        path,
        opcodes: stats.opcodes
      })
    }
    for (const bytes of SAFETENSORS_SIZES) {
      const path = join(scratch, `model-${bytes / MiB}mib.safetensors`)
      writeSafetensors(path, llamaTensors(SAFETENSORS_TENSORS, bytes))
      inputs.push({ name: `${size(bytes)} safetensors`, group: 'safetensors', path })
    }
    writeShardedModel(join(scratch, 'sharded'), SHARDS, GiB)
    inputs.push({
      name: `${SHARDS} × 1 GiB safetensors shards + index`,
      group: 'safetensors',
      path: join(scratch, 'sharded')
    })
    writeMixedRepo(join(scratch, 'mixed'))
    inputs.push({ name: 'HF-like repository (mixed)', group: 'repository', path: join(scratch, 'mixed') })
    for (const files of FINDINGS_FILES) {
      const path = join(scratch, `findings-${files}`)
      writeFindingsModel(path, files)
      inputs.push({
        name: `${count(files * FINDINGS_PER_FILE)} findings in ${files} pickles`,
        group: 'findings',
        path
      })
    }
    const generate_ms = performance.now() - genStart

    // ---- scans, in rounds ----
    const runs = new Map<Input, ChildRun[]>(inputs.map((i) => [i, []]))
    for (let round = 0; round < REPS; round++) {
      for (const input of inputs) {
        const done = runs.get(input)!
        if (round > 0 && done[0]!.wall_ms > SLOW_RUN_MS) continue
        done.push(await scanOnce(input))
      }
    }

    const rows = inputs.map((input) => {
      const rs = runs.get(input)!
      const first = rs[0]!
      const walls = rs.map((r) => r.wall_ms)
      const wall = median(walls)
      const peak = Math.max(...rs.map((r) => r.peak_rss_kb))
      const start = median(rs.map((r) => r.start_rss_kb))
      const deltas = rs.map((r) => r.peak_rss_kb - r.start_rss_kb)
      // a pickle walk stopped by a limit read the stream only up to there
      const walked = first.limit ? Math.min(first.limit.byte, first.bytes) : first.bytes
      const walkedOpcodes =
        input.opcodes === undefined
          ? undefined
          : !first.limit
            ? input.opcodes
            : first.limit.what === 'opcodes'
              ? first.limit.value
              : Math.round((input.opcodes * walked) / first.bytes)
      return {
        input: input.name,
        group: input.group,
        ...(input.limits && { limits: input.limits }),
        bytes: first.bytes,
        runs: rs.length,
        wall_ms: round(wall, 1),
        wall_min_ms: round(Math.min(...walls), 1),
        wall_max_ms: round(Math.max(...walls), 1),
        mib_per_s: round(walked / MiB / (wall / 1000), 1),
        ...(input.opcodes !== undefined && {
          opcodes: input.opcodes,
          walked_bytes: walked,
          walked_opcodes: walkedOpcodes!,
          mopcodes_per_s: round(walkedOpcodes! / 1e6 / (wall / 1000), 2)
        }),
        ...(first.limit && { limit: first.limit }),
        peak_rss_kb: peak,
        start_rss_kb: start,
        peak_delta_kb: Math.max(...deltas),
        outcome: first.outcome,
        files: first.files,
        violations: first.violations,
        findings: first.findings,
        per_run: rs.map((r) => [round(r.wall_ms, 1), r.peak_rss_kb, r.start_rss_kb])
      }
    })

    console.log(
      table(
        `5. Built-in engine: scanLocalModel in a child process per scan, default policy and limits (${REPS} runs in rounds, median wall, max peak RSS; one run when the first takes over ${ms(SLOW_RUN_MS)})`,
        ['input', 'size', 'runs', 'wall', 'MiB/s', 'peak RSS', 'start RSS', 'Δ peak', 'outcome'],
        rows.map((r) => [
          r.input,
          size(r.bytes),
          r.runs,
          r.wall_ms < 100 ? `${r.wall_ms.toFixed(1)} ms` : ms(r.wall_ms),
          `${rate(r.mib_per_s)}${r.limit ? ' *' : ''}`,
          mb(r.peak_rss_kb),
          mb(r.start_rss_kb),
          mb(r.peak_delta_kb),
          `${r.outcome}${r.findings.some((f) => f.startsWith('Could not be verified')) ? ' (unverified)' : ''}`
        ])
      )
    )
    const pickles = rows.filter((r) => r.opcodes !== undefined)
    console.log(
      table(
        '5a. Pickle walk (opcodes as written; * the walk stopped at a limit, speeds over what it read)',
        ['input', 'opcodes', 'walked', 'wall', 'MiB/s', 'Mopcodes/s', 'stopped by'],
        pickles.map((r) => [
          r.input,
          count(r.opcodes!),
          r.limit ? `${size(r.walked_bytes!)} *` : 'all',
          ms(r.wall_ms),
          r.mib_per_s.toFixed(1),
          r.mopcodes_per_s!.toFixed(2),
          r.limit ? `${count(r.limit.value)} ${r.limit.what}` : ''
        ])
      )
    )
    const mixed = rows.find((r) => r.group === 'repository')!
    console.log(
      `mixed repository: ${mixed.files} files, ${mixed.outcome}, ${mixed.violations} violations${mixed.findings.length ? `: ${mixed.findings.join(' | ')}` : ''}`
    )
    console.log(`inputs generated in ${ms(generate_ms)} under ${tmpdir()}`)

    console.log('\nAcceptance')
    const st = rows.filter((r) => r.group === 'safetensors')
    const small = st.find((r) => r.input === `${size(MiB)} safetensors`)!
    const large = st.find((r) => r.input === `${size(4 * GiB)} safetensors`)!
    const bound = Math.max(3 * small.wall_ms, small.wall_ms + 50)
    accept(
      'safetensors: the 4 GiB file scans within max(3×, +50 ms) of the 1 MiB file (cost independent of tensor data)',
      `${large.wall_ms.toFixed(1)} ms against ${small.wall_ms.toFixed(1)} ms (${ratio(large.wall_ms / small.wall_ms)}, bound ${bound.toFixed(1)} ms)`,
      large.wall_ms <= bound,
      { wall_4gib_ms: large.wall_ms, wall_1mib_ms: small.wall_ms, bound_ms: round(bound, 1) }
    )
    const worst = st.reduce((a, b) => (b.peak_delta_kb > a.peak_delta_kb ? b : a))
    accept(
      `safetensors: peak RSS grows under ${RSS_DELTA_LIMIT_MB} MiB over the child's start for every size`,
      `at most ${mb(worst.peak_delta_kb)} (${worst.input}); ${st.map((r) => mb(r.peak_delta_kb)).join(', ')}`,
      worst.peak_delta_kb < RSS_DELTA_LIMIT_MB * 1024,
      {
        max_peak_delta_kb: worst.peak_delta_kb,
        limit_kb: RSS_DELTA_LIMIT_MB * 1024,
        ...Object.fromEntries(st.map((r) => [`${r.input} peak_delta_kb`, r.peak_delta_kb]))
      }
    )

    const [fewer, more] = FINDINGS_FILES.map((n) => rows.find((r) => r.input.endsWith(`in ${n} pickles`))!)
    const growth = more!.wall_ms / fewer!.wall_ms
    accept(
      `findings: ${FINDINGS_FILES[1]! / FINDINGS_FILES[0]!}× the findings take under 3× the time (linear; quadratic would be 4×)`,
      `${ms(more!.wall_ms)} for ${more!.input} against ${ms(fewer!.wall_ms)} (${ratio(growth)})`,
      growth < 3,
      { wall_more_ms: more!.wall_ms, wall_fewer_ms: fewer!.wall_ms, growth: round(growth, 2) }
    )

    return {
      reps: REPS,
      slow_run_ms: SLOW_RUN_MS,
      generate_ms: round(generate_ms),
      rows
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}
