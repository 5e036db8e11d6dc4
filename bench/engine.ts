import { spawn } from 'node:child_process'
import {
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync
} from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { crc32 } from 'node:zlib'
import { bytes as count, median, ms, ratio, round, runTimed, seeded, table } from './harness.js'

/**
 * Section 5 of `npm run bench`: the built-in engine (`scanLocalModel`, default policy and limits) on models
 * generated here, each scan in a child process of its own (bench/engine-child.ts) so its peak memory is its own.
 *
 *   a. pickle-heavy files: optimizer-state-like pickles of about 4, 50, 200 and 500 MiB (protocol 4, as
 *      `pickle.dump` writes them, streamed to disk a frame at a time), and a torch zip checkpoint whose
 *      archive/data.pkl is one (protocol 2, as `torch.save` writes it): MiB/s and opcodes/s of the walk
 *      (opcodes counted as written, which is what the walker counts; a walk stopped by a limit is measured over
 *      the bytes it read, from its finding). The 500 MiB pickle must verify with the default limits. Side by
 *      side, picklescan (`python3 -m picklescan --path`, the source PICKLESCAN_SRC names; skipped without it)
 *      on the 4, 50 and 200 MiB pickles: its wall time and peak RSS against the engine's
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
 * SLOW_RUN_MS runs once, to keep the section within its time budget. picklescan follows the same rule, after
 * the engine's rounds.
 */

export type Accept = (check: string, value: string, pass: boolean, data: Record<string, number>) => void

const CHILD = fileURLToPath(new URL('./engine-child.ts', import.meta.url))
const REPS = 3
const SLOW_RUN_MS = 2500
const KiB = 1024
const MiB = 1024 * KiB
const GiB = 1024 * MiB
const PICKLE_SIZES = [4 * MiB, 50 * MiB, 200 * MiB, 500 * MiB]
/** The largest pickle: it must verify (no limit hit, nothing unverified) with the default limits. */
const VERIFY_SIZE = 500 * MiB
/** Pickles scanned by picklescan too, and those the throughput and memory checks hold on. */
const COMPARED_SIZES = [4 * MiB, 50 * MiB, 200 * MiB]
const CHECKED_SIZES = [50 * MiB, 200 * MiB]
/** The engine's throughput at least this many times picklescan's, with at most 1/MEMORY_FACTOR its peak RSS. */
const SPEED_FACTOR = 20
const MEMORY_FACTOR = 5
/** One engine scan in its child (the engine's own budget is 60 s a file), and one picklescan run. */
const ENGINE_TIMEOUT_MS = 5 * 60_000
const PICKLESCAN_TIMEOUT_MS = 10 * 60_000
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
  /** bytes the pickle was generated to (the size tables and checks name it by) */
  target?: number
  /** engine limits other than the defaults */
  limits?: Record<string, number>
}

/** What engine-child.ts prints. */
interface ChildRun {
  wall_ms: number
  cpu_ms: number
  bytes: number
  peak_rss_kb: number
  start_rss_kb: number
  outcome: string
  files: number
  violations: number
  findings: string[]
  /** what the engine could not verify: a scan with any is not a pass */
  unverified: number
  unverified_items: string[]
  /** a pickle walk stopped early: by which limit (opcodes, memo, time; other: another reason), at which byte */
  limit?: { what: string; value: number; byte: number }
}

async function scanOnce(input: Input): Promise<ChildRun> {
  // tsx's loader by its own path, so the child finds it from any working directory
  const env: Record<string, string> = input.limits
    ? { BENCH_ENGINE_LIMITS: JSON.stringify(input.limits) }
    : {}
  const run = await runTimed(
    ['--import', import.meta.resolve('tsx'), CHILD, input.path],
    env,
    Date.now,
    ENGINE_TIMEOUT_MS
  ).done
  const last = run.lines.at(-1)?.text
  if (run.code !== 0 || !last)
    throw new Error(`engine scan of ${input.name} exited ${run.code}: ${run.stderr}`)
  return JSON.parse(last) as ChildRun
}

// ---- picklescan ----

/**
 * Runs picklescan's CLI (`python3 -m picklescan --path <file>`, its `main` called as its __main__ does) on the
 * file named by the first argument and prints one JSON line: the scan's wall and CPU time after the imports (as
 * the engine child measures), the process's peak RSS (ru_maxrss, KiB on Linux, with its children's, which it has
 * none of) and the RSS after the imports, and the exit code (0 clean, 1 dangerous globals, 2 scan error).
 */
const PICKLESCAN_LAUNCHER = `
import json, resource, sys, time
path = sys.argv[1]
sys.argv = ["picklescan", "--path", path]
import picklescan.cli
def rss_kb():
    with open("/proc/self/status") as f:
        return int(next(l for l in f if l.startswith("VmRSS:")).split()[1])
start = rss_kb()
def cpu():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return (u.ru_utime + u.ru_stime) * 1000
t = time.perf_counter()
c = cpu()
code = picklescan.cli.main()
wall = (time.perf_counter() - t) * 1000
cpu_ms = cpu() - c
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stdout.flush()
print(json.dumps({"wall_ms": wall, "cpu_ms": cpu_ms, "peak_rss_kb": peak, "children_peak_rss_kb": children, "start_rss_kb": start, "code": code}))
`

interface PicklescanRun {
  wall_ms: number
  cpu_ms: number
  peak_rss_kb: number
  children_peak_rss_kb: number
  start_rss_kb: number
  code: number
  /** the process's wall, spawn to exit (Python's start and picklescan's imports included) */
  process_ms: number
  /** picklescan's own summary lines */
  summary: string
}

/** The directory to put on PYTHONPATH for picklescan, from PICKLESCAN_SRC, or why there is none. */
function picklescanPath(): { dir: string } | { skip: string } {
  const src = process.env.PICKLESCAN_SRC
  if (!src)
    return {
      skip: "PICKLESCAN_SRC is not set (a directory holding the picklescan package, e.g. its checkout's src/)"
    }
  for (const dir of [src, join(src, 'src')]) {
    if (existsSync(join(dir, 'picklescan', 'cli.py'))) return { dir: resolve(dir) }
  }
  return {
    skip: `PICKLESCAN_SRC=${src} holds no picklescan package (picklescan/cli.py, or src/picklescan/cli.py)`
  }
}

/** One picklescan run in a python3 child; `undefined` with why when it did not finish. */
function picklescanOnce(
  pythonPath: string,
  file: string
): Promise<{ run: PicklescanRun } | { failed: string }> {
  return new Promise((done) => {
    const started = performance.now()
    const child = spawn('python3', ['-c', PICKLESCAN_LAUNCHER, file], {
      env: { PATH: process.env.PATH ?? '', PYTHONPATH: pythonPath },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: PICKLESCAN_TIMEOUT_MS,
      killSignal: 'SIGKILL'
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')))
    child.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')))
    child.on('error', (e) => done({ failed: `python3 did not start: ${e.message}` }))
    child.on('exit', (code, signal) => {
      const process_ms = performance.now() - started
      const lines = out.trim().split('\n')
      if (signal) {
        const why =
          process_ms >= PICKLESCAN_TIMEOUT_MS - 1000
            ? `did not finish in ${ms(PICKLESCAN_TIMEOUT_MS)}`
            : `killed by ${signal} after ${ms(process_ms)}`
        return done({ failed: `${why}${err ? `: ${err.trim().split('\n').at(-1)}` : ''}` })
      }
      try {
        const run = JSON.parse(lines.at(-1) ?? '') as Omit<PicklescanRun, 'process_ms' | 'summary'>
        const summary = lines
          .filter((l) => /^(Scanned files|Infected files|Dangerous globals):/.test(l))
          .join(', ')
        if (run.code === 2)
          return done({ failed: `picklescan reported a scan error: ${lines.slice(-8, -1).join(' | ')}` })
        done({ run: { ...run, process_ms, summary } })
      } catch {
        done({ failed: `exited ${code}: ${(err || out).trim().split('\n').slice(-3).join(' | ')}` })
      }
    })
  })
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
const wallText = (x: number) => (x < 100 ? `${x.toFixed(1)} ms` : ms(x))
/** A check that cannot be made in this run: said as the others are, but not recorded as passed or failed. */
const skipped = (check: string, why: string) => console.log(`SKIP  ${check}: ${why}`)

export async function engineThroughput(accept: Accept) {
  const scratch = mkdtempSync(join(tmpdir(), 'airs-bench-engine-'))
  try {
    // ---- inputs ----
    const genStart = performance.now()
    const inputs: Input[] = []
    const generated: Array<{ input: string; ms: number }> = []
    for (const target of PICKLE_SIZES) {
      const path = join(scratch, `optimizer-${target / MiB}mib.pkl`)
      const t = performance.now()
      const { opcodes } = writePickle(path, target, 4)
      const name = `${target / MiB} MiB pickle (protocol 4)`
      generated.push({ input: name, ms: round(performance.now() - t) })
      inputs.push({ name, group: 'pickle', path, opcodes, target })
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

    // ---- scans, in rounds; picklescan right after the engine on the pickles it is compared on ----
    // (side by side in time: on a shared machine the load moves over minutes, and a ratio of walls measured
    // far apart would carry it)
    const where = picklescanPath()
    const comparedInput = (i: Input) => i.target !== undefined && COMPARED_SIZES.includes(i.target)
    const runs = new Map<Input, ChildRun[]>(inputs.map((i) => [i, []]))
    const picklescan = new Map<Input, { runs: PicklescanRun[]; failed?: string }>()
    /** the 1-minute load average as each run starts: others' work on the machine slows every wall */
    const load = new Map<Input, { engine: number[]; picklescan: number[] }>(
      inputs.map((i) => [i, { engine: [], picklescan: [] }])
    )
    let engine_ms = 0
    let picklescan_ms = 0
    for (let round = 0; round < REPS; round++) {
      for (const input of inputs) {
        const done = runs.get(input)!
        if (round === 0 || done[0]!.wall_ms <= SLOW_RUN_MS) {
          load.get(input)!.engine.push(loadavg()[0]!)
          const t = performance.now()
          done.push(await scanOnce(input))
          engine_ms += performance.now() - t
        }
        if (!('dir' in where) || !comparedInput(input)) continue
        const prior = picklescan.get(input)
        if (round > 0 && (!prior || prior.failed || prior.runs[0]!.wall_ms > SLOW_RUN_MS)) continue
        load.get(input)!.picklescan.push(loadavg()[0]!)
        const t = performance.now()
        const got = await picklescanOnce(where.dir, input.path)
        picklescan_ms += performance.now() - t
        const entry = prior ?? { runs: [] }
        if ('run' in got) entry.runs.push(got.run)
        else entry.failed = got.failed
        picklescan.set(input, entry)
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
        ...(input.target !== undefined && { target: input.target }),
        ...(input.limits && { limits: input.limits }),
        bytes: first.bytes,
        runs: rs.length,
        wall_ms: round(wall, 1),
        wall_min_ms: round(Math.min(...walls), 1),
        wall_max_ms: round(Math.max(...walls), 1),
        cpu_ms: round(median(rs.map((r) => r.cpu_ms)), 1),
        load_1min: round(median(load.get(input)!.engine), 2),
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
        // the most any run left unverified: one run that could not verify makes the input unverified
        unverified: Math.max(...rs.map((r) => r.unverified)),
        unverified_items: rs.find((r) => r.unverified > 0)?.unverified_items ?? [],
        per_run: rs.map((r) => [round(r.wall_ms, 1), round(r.cpu_ms, 1), r.peak_rss_kb, r.start_rss_kb])
      }
    })
    const outcomeText = (r: (typeof rows)[number]) =>
      `${r.outcome}${r.unverified ? ` (${r.unverified} unverified)` : ''}`

    const compared = rows.filter((r) => r.target !== undefined && COMPARED_SIZES.includes(r.target))
    const comparison = compared.map((r) => {
      const input = inputs.find((i) => i.name === r.input)!
      const ps = picklescan.get(input)
      const done = ps && !ps.failed && ps.runs.length > 0 ? ps.runs : undefined
      const psWall = done && median(done.map((p) => p.wall_ms))
      const psCpu = done && median(done.map((p) => p.cpu_ms))
      const psPeak = done && Math.max(...done.map((p) => Math.max(p.peak_rss_kb, p.children_peak_rss_kb)))
      return {
        input: r.input,
        target: r.target!,
        bytes: r.bytes,
        engine_wall_ms: r.wall_ms,
        engine_cpu_ms: r.cpu_ms,
        engine_load_1min: r.load_1min,
        engine_peak_rss_kb: r.peak_rss_kb,
        engine_unverified: r.unverified,
        ...(ps?.failed && { picklescan_failed: ps.failed }),
        ...(done && {
          picklescan_runs: done.length,
          picklescan_wall_ms: round(psWall!, 1),
          picklescan_cpu_ms: round(psCpu!, 1),
          picklescan_load_1min: round(median(load.get(input)!.picklescan), 2),
          picklescan_process_ms: round(median(done.map((p) => p.process_ms)), 1),
          picklescan_peak_rss_kb: psPeak!,
          picklescan_start_rss_kb: median(done.map((p) => p.start_rss_kb)),
          picklescan_exit: done[0]!.code,
          picklescan_summary: done[0]!.summary,
          /** engine throughput ÷ picklescan's on the same bytes = picklescan's wall ÷ the engine's */
          speed_ratio: round(psWall! / r.wall_ms, 2),
          /** the same over CPU time (user + system): what the ratio would be on an idle machine */
          cpu_ratio: round(psCpu! / r.cpu_ms, 2),
          /** engine peak RSS ÷ picklescan's */
          memory_ratio: round(r.peak_rss_kb / psPeak!, 3)
        })
      }
    })

    console.log(
      table(
        `5. Built-in engine: scanLocalModel in a child process per scan, default policy and limits (${REPS} runs in rounds, median wall, max peak RSS; one run when the first takes over ${ms(SLOW_RUN_MS)})`,
        [
          'input',
          'size',
          'runs',
          'wall',
          'CPU',
          'load',
          'MiB/s',
          'peak RSS',
          'start RSS',
          'Δ peak',
          'outcome'
        ],
        rows.map((r) => [
          r.input,
          size(r.bytes),
          r.runs,
          wallText(r.wall_ms),
          wallText(r.cpu_ms),
          r.load_1min.toFixed(1),
          `${rate(r.mib_per_s)}${r.limit ? ' *' : ''}`,
          mb(r.peak_rss_kb),
          mb(r.start_rss_kb),
          mb(r.peak_delta_kb),
          outcomeText(r)
        ])
      )
    )
    const pickles = rows.filter((r) => r.opcodes !== undefined)
    console.log(
      table(
        '5a. Pickle walk (opcodes as written; * the walk stopped at a limit, speeds over what it read)',
        [
          'input',
          'opcodes',
          'walked',
          'wall',
          'MiB/s',
          'Mopcodes/s',
          'peak RSS',
          'Δ peak',
          'Δ peak ÷ size',
          'stopped by',
          'outcome'
        ],
        pickles.map((r) => [
          r.input,
          count(r.opcodes!),
          r.limit ? `${size(r.walked_bytes!)} *` : 'all',
          wallText(r.wall_ms),
          r.mib_per_s.toFixed(1),
          r.mopcodes_per_s!.toFixed(2),
          mb(r.peak_rss_kb),
          mb(r.peak_delta_kb),
          `${(r.peak_delta_kb / (r.bytes / KiB)).toFixed(2)}`,
          !r.limit
            ? ''
            : r.limit.what === 'time'
              ? 'time budget'
              : r.limit.what === 'other'
                ? 'unverified (below)'
                : `${count(r.limit.value)} ${r.limit.what}`,
          outcomeText(r)
        ])
      )
    )
    for (const r of pickles.filter((p) => p.unverified > 0))
      console.log(`unverified in ${r.input}: ${r.unverified_items.join(' | ')}`)
    if ('skip' in where) console.log(`\npicklescan: not run, ${where.skip}`)
    else {
      console.log(
        table(
          `5a. The same pickles: engine against picklescan (${where.dir}; python3 -m picklescan --path, scan wall after imports, peak RSS ru_maxrss; ${ms(PICKLESCAN_TIMEOUT_MS)} at most)`,
          [
            'input',
            'engine wall',
            'picklescan wall',
            'speed ratio',
            'engine CPU',
            'picklescan CPU',
            'CPU ratio',
            'load',
            'engine peak RSS',
            'picklescan peak RSS',
            'memory ratio'
          ],
          comparison.map((c) =>
            c.picklescan_wall_ms === undefined
              ? [
                  c.input,
                  wallText(c.engine_wall_ms),
                  c.picklescan_failed ?? 'not run',
                  '',
                  wallText(c.engine_cpu_ms),
                  '',
                  '',
                  c.engine_load_1min.toFixed(1),
                  mb(c.engine_peak_rss_kb),
                  '',
                  ''
                ]
              : [
                  c.input,
                  wallText(c.engine_wall_ms),
                  wallText(c.picklescan_wall_ms),
                  ratio(c.speed_ratio!),
                  wallText(c.engine_cpu_ms),
                  wallText(c.picklescan_cpu_ms!),
                  ratio(c.cpu_ratio!),
                  `${c.engine_load_1min.toFixed(1)} / ${c.picklescan_load_1min!.toFixed(1)}`,
                  mb(c.engine_peak_rss_kb),
                  mb(c.picklescan_peak_rss_kb!),
                  `${ratio(c.memory_ratio!)} (1/${(1 / c.memory_ratio!).toFixed(1)})`
                ]
          )
        )
      )
      console.log(
        "speed ratio: engine throughput ÷ picklescan throughput (picklescan wall ÷ engine wall); CPU ratio: the same over user + system CPU time (less sensitive to others' load); load: 1-minute load average as the engine / picklescan started; memory ratio: engine peak RSS ÷ picklescan peak RSS"
      )
      for (const c of comparison.filter((x) => x.picklescan_summary))
        console.log(`picklescan on ${c.input}: exit ${c.picklescan_exit}, ${c.picklescan_summary}`)
    }
    const mixed = rows.find((r) => r.group === 'repository')!
    console.log(
      `mixed repository: ${mixed.files} files, ${outcomeText(mixed)}, ${mixed.violations} violations${mixed.findings.length ? `: ${mixed.findings.join(' | ')}` : ''}`
    )
    console.log(
      `inputs generated in ${ms(generate_ms)} under ${tmpdir()} (${generated.map((g) => `${g.input} ${ms(g.ms)}`).join(', ')}); engine scans ${ms(engine_ms)}, picklescan ${ms(picklescan_ms)}`
    )

    console.log('\nAcceptance')
    const largest = rows.find((r) => r.target === VERIFY_SIZE)!
    accept(
      `pickle: the ${VERIFY_SIZE / MiB} MiB real-shaped pickle verifies with the default limits (outcome not ERROR, nothing unverified, no limit hit)`,
      `${outcomeText(largest)}, ${largest.unverified} unverified, ${largest.limit ? `stopped by ${largest.limit.what} at byte ${count(largest.limit.byte)}` : 'walked to the end'}, ${count(largest.opcodes!)} opcodes in ${ms(largest.wall_ms)} (${largest.mib_per_s.toFixed(1)} MiB/s, ${largest.mopcodes_per_s!.toFixed(2)} Mopcodes/s), peak RSS ${mb(largest.peak_rss_kb)}${largest.unverified_items.length ? `: ${largest.unverified_items.join(' | ')}` : ''}`,
      largest.outcome !== 'ERROR' && largest.unverified === 0 && !largest.limit,
      {
        wall_ms: largest.wall_ms,
        opcodes: largest.opcodes!,
        unverified: largest.unverified,
        peak_rss_kb: largest.peak_rss_kb
      }
    )
    for (const target of CHECKED_SIZES) {
      const c = comparison.find((x) => x.target === target)!
      const speedCheck = `pickle: the engine's throughput is at least ${SPEED_FACTOR}× picklescan's on the ${target / MiB} MiB pickle`
      const memoryCheck = `pickle: the engine's peak RSS is at most 1/${MEMORY_FACTOR} of picklescan's on the ${target / MiB} MiB pickle`
      if ('skip' in where) {
        skipped(speedCheck, `picklescan not run: ${where.skip}`)
        skipped(memoryCheck, `picklescan not run: ${where.skip}`)
        continue
      }
      if (c.engine_unverified > 0) {
        // a faster scan that did not read the whole file proves nothing
        accept(
          speedCheck,
          `the engine could not verify the file (${c.engine_unverified} unverified)`,
          false,
          {
            engine_unverified: c.engine_unverified
          }
        )
        continue
      }
      if (c.picklescan_wall_ms === undefined) {
        if (c.picklescan_failed?.startsWith('did not finish')) {
          // picklescan's wall is at least its timeout: the ratio is at least timeout ÷ the engine's wall
          const bound = PICKLESCAN_TIMEOUT_MS / c.engine_wall_ms
          accept(
            speedCheck,
            `picklescan ${c.picklescan_failed}, the engine took ${ms(c.engine_wall_ms)}: at least ${ratio(bound)}`,
            bound >= SPEED_FACTOR,
            {
              engine_wall_ms: c.engine_wall_ms,
              picklescan_timeout_ms: PICKLESCAN_TIMEOUT_MS,
              speed_ratio_at_least: round(bound, 2)
            }
          )
        } else skipped(speedCheck, `picklescan did not run to the end: ${c.picklescan_failed}`)
        skipped(memoryCheck, `no peak RSS from picklescan: ${c.picklescan_failed}`)
        continue
      }
      accept(
        speedCheck,
        `${ratio(c.speed_ratio!)}, over CPU time ${ratio(c.cpu_ratio!)} (engine ${ms(c.engine_wall_ms)}, ${(c.bytes / MiB / (c.engine_wall_ms / 1000)).toFixed(1)} MiB/s; picklescan ${ms(c.picklescan_wall_ms)}, ${(c.bytes / MiB / (c.picklescan_wall_ms / 1000)).toFixed(2)} MiB/s)`,
        c.speed_ratio! >= SPEED_FACTOR,
        {
          speed_ratio: c.speed_ratio!,
          engine_wall_ms: c.engine_wall_ms,
          picklescan_wall_ms: c.picklescan_wall_ms,
          cpu_ratio: c.cpu_ratio!,
          engine_load_1min: c.engine_load_1min,
          picklescan_load_1min: c.picklescan_load_1min!
        }
      )
      accept(
        memoryCheck,
        `${mb(c.engine_peak_rss_kb)} against ${mb(c.picklescan_peak_rss_kb!)} (1/${(1 / c.memory_ratio!).toFixed(1)})`,
        c.memory_ratio! <= 1 / MEMORY_FACTOR,
        {
          memory_ratio: c.memory_ratio!,
          engine_peak_rss_kb: c.engine_peak_rss_kb,
          picklescan_peak_rss_kb: c.picklescan_peak_rss_kb!
        }
      )
    }

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
      generated,
      engine_ms: round(engine_ms),
      picklescan_ms: round(picklescan_ms),
      rows,
      picklescan: 'skip' in where ? { skipped: where.skip } : { src: where.dir, comparison }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}
