import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { silentLogger } from '../../src/util/logger.js'
import { defaultPolicy, loadPolicy } from '../../src/gate/builtin-policy.js'
import { scanBuiltin } from '../../src/gate/scan-builtin.js'
import { parseModelUri } from '../../src/gate/model-source.js'
import type { Simulator } from '../../sim/server.js'
import { CLI, runAction, runProcess } from '../helpers/run-dist.js'
import { requests, startSim } from '../helpers/sim.js'

/**
 * Attack class: a folder that holds no model. A wrong path, a model that was never fetched, or a pull request that
 * empties the folder must not turn the check green ("nothing wrong was found" is not "the model is safe"), nor
 * red as if the model were malicious: nothing verified is an error (exit 2, NOTHING_TO_VERIFY). Generated over
 * every combination of files that describe a model without being one, under the default policy and one that
 * blocks on every rule; controls with a model file, and with code, keep their verdicts.
 */

/** Files that describe or accompany a model but hold no weights or code. */
const DESCRIPTIVE: Record<string, string> = {
  'config.json': '{"architectures": ["GPT2LMHeadModel"], "model_type": "gpt2"}',
  'generation_config.json': '{"max_length": 20}',
  'tokenizer.json': '{"version": "1.0", "model": {"type": "BPE", "vocab": {}}}',
  'tokenizer_config.json': '{"model_max_length": 1024}',
  'special_tokens_map.json': '{"eos_token": "</s>"}',
  'model.safetensors.index.json': '{"metadata": {}, "weight_map": {}}',
  'params.yaml': 'lr: 0.1\n',
  'README.md': '---\nlicense: apache-2.0\n---\n# A model card\n',
  LICENSE: 'Apache License\nVersion 2.0, January 2004\n',
  '.gitattributes': '*.safetensors filter=lfs diff=lfs merge=lfs -text\n',
  'merges.txt': '#version: 0.2\n'
}
const NAMES = Object.keys(DESCRIPTIVE)

/** Every subset of the descriptive files up to three, plus all of them, plus empty and nested-empty folders. */
function* folders(): Generator<[string, (dir: string) => void]> {
  yield ['an empty folder', () => {}]
  yield ['nested empty folders', (d) => fs.mkdirSync(path.join(d, 'a', 'b', 'c'), { recursive: true })]
  for (let i = 0; i < NAMES.length; i++) {
    yield [NAMES[i]!, (d) => write(d, [NAMES[i]!])]
    for (let j = i + 1; j < NAMES.length; j++) {
      yield [`${NAMES[i]} + ${NAMES[j]}`, (d) => write(d, [NAMES[i]!, NAMES[j]!])]
      const k = (j + 3) % NAMES.length
      if (k > j)
        yield [`${NAMES[i]} + ${NAMES[j]} + ${NAMES[k]}`, (d) => write(d, [NAMES[i]!, NAMES[j]!, NAMES[k]!])]
    }
  }
  yield [
    'a safetensors file without a tensor, beside a config',
    (d) => {
      write(d, ['config.json'])
      const header = Buffer.from('{}')
      const len = Buffer.alloc(8)
      len.writeBigUInt64LE(BigInt(header.length))
      fs.writeFileSync(path.join(d, 'model.safetensors'), Buffer.concat([len, header]))
    }
  ]
  yield [
    'every descriptive file, in a subfolder too',
    (d) => {
      write(d, NAMES)
      write(path.join(d, 'sub'), NAMES)
    }
  ]
}

function write(dir: string, names: readonly string[]): void {
  fs.mkdirSync(dir, { recursive: true })
  for (const n of names) fs.writeFileSync(path.join(dir, n), DESCRIPTIVE[n]!)
}

/** A safetensors file: u64 header length, the JSON header, the tensor bytes. */
function safetensors(): Buffer {
  const header = Buffer.from(JSON.stringify({ w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }))
  const len = Buffer.alloc(8)
  len.writeBigUInt64LE(BigInt(header.length))
  return Buffer.concat([len, header, Buffer.alloc(8)])
}

const STRICT = await loadPolicy({
  text: JSON.stringify({
    name: 'Everything blocks',
    rules: {
      'License Exists': 'BLOCKING',
      'License Is Valid For Use': 'BLOCKING',
      'Stored In Approved File Format': 'BLOCKING',
      'Stored In Approved Location': 'BLOCKING'
    }
  }),
  file: 'strict.json'
})

let root: string
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'airs-nothing-'))
})
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

let n = 0
async function judge(make: (dir: string) => void, policy = defaultPolicy()) {
  const dir = path.join(root, `m${n++}`)
  fs.mkdirSync(dir)
  make(dir)
  const model = parseModelUri(path.basename(dir), { workspace: root })
  const settings = {
    models: [model],
    policy,
    mode: 'enforce' as const,
    onError: 'fail' as const,
    timeoutMs: 60_000,
    concurrency: 1
  }
  return scanBuiltin(settings, model, 1, silentLogger)
}

describe('built-in engine: folders without a model are NOTHING_TO_VERIFY, never a pass, never blocked', () => {
  it.each([
    ['the default policy', defaultPolicy()],
    ['a policy that blocks on licence, format and location', STRICT]
  ])('under %s', async (_, policy) => {
    let count = 0
    for (const [what, make] of folders()) {
      const m = await judge(make, policy)
      expect({ what, status: m.status, code: m.error?.code }).toEqual({
        what,
        status: 'error',
        code: 'NOTHING_TO_VERIFY'
      })
      count++
    }
    expect(count).toBeGreaterThan(60)
  })

  it('controls: a model file beside them is judged (ALLOWED); code, or a link out, still blocks', async () => {
    const allowed = await judge((d) => {
      write(d, NAMES)
      fs.writeFileSync(path.join(d, 'model.safetensors'), safetensors())
    })
    expect(allowed.status).toBe('allowed')
    const code = await judge((d) => {
      write(d, ['config.json'])
      fs.writeFileSync(path.join(d, 'modeling_evil.py'), 'import os\nos.system("id")\n')
    })
    expect(code.status).toBe('blocked')
    // a link out of the model is a finding in itself (loading through it reads another file)
    const link = await judge((d) => fs.symlinkSync('/etc/hostname', path.join(d, 'model.safetensors')))
    expect(link.status).toBe('blocked')
  })
})

describe('through the bundled CLI and action', () => {
  let ws: string
  let sim: Simulator
  beforeAll(async () => {
    ws = path.join(root, 'ws')
    fs.mkdirSync(path.join(ws, 'empty'), { recursive: true })
    write(path.join(ws, 'config-only'), ['config.json'])
    sim = await startSim()
  })

  it.each(['empty', 'config-only'])('CLI, built-in engine, %s: exit 2, not 0 or 1', async (dir) => {
    const r = await runProcess(CLI, ['scan', '--engine', 'builtin', '--workspace', ws, dir], {
      RUNNER_TEMP: root
    })
    expect(r.code).toBe(2)
    expect(r.stdout).toMatch(/Nothing to verify/)
  })

  it('action, AIRS engine, an empty local folder: fails before the scanner is installed or a scan is made', async () => {
    const r = await runAction({ 'model-uri': 'empty' }, { ...sim.env(), GITHUB_WORKSPACE: ws })
    expect(r.code).toBe(1)
    expect(r.outputs).toMatchObject({ verdict: 'fail', error: 'NOTHING_TO_VERIFY' })
    expect(requests(sim, 'POST /aims/data/v1/scans')).toBe(0)
    expect(sim.indexTokens()).toEqual([])
  })
})
