import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Simulator } from '../../sim/server.js'
import { CLI, runAction, runProcess, type ActionRun } from '../helpers/run-dist.js'
import { validateReport, validateSarif } from '../helpers/schemas.js'
import { requests, startSim } from '../helpers/sim.js'
import { safetensors } from '../helpers/model-files.js'

/**
 * The built-in engine through the bundled action and CLI, as real processes: local models judged offline
 * (no credentials in the environment at all), `engine: auto` falling back loudly, and the policy input.
 */

let root: string
let workspace: string

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'airs-builtin-e2e-'))
  workspace = path.join(root, 'workspace')
  const write = async (rel: string, content: string | Buffer) => {
    await fs.mkdir(path.dirname(path.join(workspace, rel)), { recursive: true })
    await fs.writeFile(path.join(workspace, rel), content)
  }
  await write('models/clean/model.safetensors', safetensors())
  await write('models/clean/config.json', '{"architectures": ["GPT2LMHeadModel"]}')
  // protocol 2: os.system('id') when unpickled
  await write(
    'models/evil/pytorch_model.bin',
    Buffer.from('8002636f730a73797374656d0a5802000000696485522e', 'hex')
  )
  await write('models/evil/config.json', '{}')
  // a harmless pickle: only the policy's format rule can object to it
  await write('models/plain/weights.pkl', Buffer.from('8004950a000000000000007d948c0161944b01732e', 'hex'))
  await write('policy.yml', 'name: Pickles reported\nrules:\n  Stored In Approved File Format: ALLOWING\n')
  // a 7z archive the engine cannot open, under a policy that only reports suspicious components
  await write('models/packed/model.safetensors', safetensors())
  await write(
    'models/packed/extra.7z',
    Buffer.concat([Buffer.from('377abcaf271c0004', 'hex'), Buffer.alloc(32, 7)])
  )
  await write(
    'lenient.yml',
    'rules:\n  Suspicious Model Components Check: ALLOWING\n  Stored In Approved File Format: ALLOWING\n'
  )
  await write('docs-only/README.md', '# not a model\n')
})

afterAll(async () => {
  if (root) await fs.rm(root, { recursive: true, force: true })
})

/** The action with no AIRS credentials or endpoints anywhere in its environment. */
const offline = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  runAction(inputs, { GITHUB_WORKSPACE: workspace, GITHUB_REPOSITORY: 'octo-org/models', ...env })

const errorLines = (r: ActionRun) => r.stdout.split('\n').filter((l) => l.startsWith('::error'))

describe('engine: builtin', () => {
  it('BLOCKED: a pickle that calls os.system fails the step, with every report, offline', async () => {
    const r = await offline({ 'model-uri': 'models/evil', engine: 'builtin' })
    expect(r.code).toBe(1)
    expect(r.outputs).toMatchObject({ verdict: 'fail', 'eval-outcome': 'BLOCKED', error: '' })
    const m = r.report!.models[0]!
    expect(m.engine).toBe('builtin')
    expect(m.not_evaluated).toEqual(['Model Architecture Backdoor Check'])
    expect(m.violations.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rule_name: 'Load Time Code Execution Check',
          file: 'pytorch_model.bin',
          threat: 'PAIT-PYTCH-100',
          module: 'os',
          operator: 'system'
        })
      ])
    )
    expect(m.security_group?.name).toBe('Built-in Default LOCAL')
    expect(r.summary).toContain('scanned by built-in engine (offline, static; not the AIRS service)')
    expect(r.summary).toContain('not evaluated: Model Architecture Backdoor Check')
    // the code-execution finding is read first, and its fix is not to load the model
    expect(r.summary).toContain('**Most severe:** 🔴 Critical · Load Time Code Execution Check')
    expect(r.stdout).toMatch(
      /^::error title=Load Time Code Execution Check%3A pytorch_model\.bin,file=models\/evil\/pytorch_model\.bin::/m
    )
    expect(validateReport(r.report)).toEqual([])
    expect(validateSarif(r.sarif)).toEqual([])
  })

  it('ALLOWED: safetensors and a config pass the Default LOCAL policy', async () => {
    const r = await offline({ 'model-uri': 'models/clean', engine: 'builtin' })
    expect(errorLines(r)).toEqual([])
    expect(r.code).toBe(0)
    expect(r.outputs).toMatchObject({ verdict: 'pass', 'eval-outcome': 'ALLOWED' })
    const m = r.report!.models[0]!
    expect(m.files.items.map((f) => [f.path, f.formats, f.result])).toEqual([
      ['config.json', ['json'], 'SUCCESS'],
      ['model.safetensors', ['safetensors'], 'SUCCESS']
    ])
    // six rules evaluated: the backdoor check is not, and the disabled ones are not listed
    expect(m.evaluations.items.map((e) => e.rule_name)).toEqual([
      'Known Framework Operators Check',
      'Load Time Code Execution Check',
      'Runtime Code Execution Check',
      'Stored In Approved File Format',
      'Suspicious Model Components Check'
    ])
  })

  it('the policy input decides: an ALLOWING format rule reports a pickle without blocking it', async () => {
    const strict = await offline({ 'model-uri': 'models/plain', engine: 'builtin' })
    expect(strict.outputs['eval-outcome']).toBe('BLOCKED')
    const r = await offline({ 'model-uri': 'models/plain', engine: 'builtin', policy: 'policy.yml' })
    expect(r.code).toBe(0)
    expect(r.outputs['eval-outcome']).toBe('ALLOWED')
    const m = r.report!.models[0]!
    expect(m.security_group?.name).toBe('Pickles reported')
    expect(m.violations.items.map((v) => [v.rule_name, v.rule_instance_state, v.description])).toEqual([
      [
        'Stored In Approved File Format',
        'ALLOWING',
        "Model file 'weights.pkl' is stored in an unapproved format: pickle"
      ]
    ])
  })

  it('a file it could not verify is never a pass, even when its rule only reports: the scan ends in ERROR', async () => {
    const r = await offline({ 'model-uri': 'models/packed', engine: 'builtin', policy: 'lenient.yml' })
    expect(r.code).toBe(1)
    expect(r.outputs).toMatchObject({ verdict: 'fail', 'eval-outcome': 'ERROR', error: 'UNREADABLE_FILES' })
    expect(r.report!.models[0]!.error!.message).toContain('extra.7z')
    // listed apart, with why, in the summary and the report; never as a rule's violation
    expect(r.summary).toContain('#### ⚠️ Could not verify · 1 file')
    expect(r.summary).not.toMatch(/remove code/i)
    const file = r.report!.models[0]!.files.items.find((f) => f.path.endsWith('extra.7z'))
    expect(file).toMatchObject({ result: 'ERROR', error_message: expect.stringContaining('7_zip') })
    expect(r.report!.models[0]!.violations.items.filter((v) => /verif/i.test(v.description))).toEqual([])
    // on-error: warn is the explicit way to let it through
    const warned = await offline({
      'model-uri': 'models/packed',
      engine: 'builtin',
      policy: 'lenient.yml',
      'on-error': 'warn'
    })
    expect(warned.code).toBe(0)
    expect(warned.outputs.verdict).toBe('warn')
  })

  it('a path with nothing of a model format in it verifies nothing: not a pass, not blocked', async () => {
    const r = await offline({ 'model-uri': 'docs-only', engine: 'builtin' })
    expect(r.code).toBe(1)
    expect(r.outputs).toMatchObject({ verdict: 'fail', error: 'NOTHING_TO_VERIFY', 'eval-outcome': 'ERROR' })
    expect(r.report!.models[0]!.status).toBe('error')
    expect(r.report!.models[0]!.reason).toMatch(/^Nothing to verify: docs-only: no file in a model format/)
  })

  it('a Hugging Face model is refused up front: the built-in engine reads local files only', async () => {
    const r = await offline({ 'model-uri': 'https://huggingface.co/org/model', engine: 'builtin' })
    expect(r.code).toBe(1)
    expect(r.outputs.error).toBe('INVALID_INPUT')
    expect(errorLines(r)[0]).toContain('Invalid input model-uri: HUGGING_FACE model')
  })
})

describe('engine: auto', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await startSim()
  })

  it('without credentials: the built-in engine decides, and the log and summary say so loudly', async () => {
    const r = await offline({ 'model-uri': 'models/evil', engine: 'auto' })
    expect(r.code).toBe(1)
    expect(r.report!.models[0]!.engine).toBe('builtin')
    expect(r.stdout).toMatch(/^::warning::No AIRS credentials: the built-in engine decided \(engine: auto\)/m)
    // (escaped like all text in the summary)
    expect(r.summary).toMatch(/^> ⚠️ No AIRS credentials\\: the built\\-in engine decided/m)
  })

  it('with credentials: AIRS decides', async () => {
    const before = requests(sim)
    const r = await runAction(
      { 'model-uri': 'https://huggingface.co/airs-sim/clean-model', engine: 'auto' },
      { ...sim.env(), GITHUB_WORKSPACE: workspace }
    )
    expect(r.code).toBe(0)
    expect(r.report!.models[0]!.engine).toBe('airs')
    expect(requests(sim)).toBeGreaterThan(before)
    expect(r.stdout).not.toContain('No AIRS credentials')
  })

  it('half-configured credentials are an error, not a silent fallback', async () => {
    const r = await offline(
      { 'model-uri': 'models/clean', engine: 'auto' },
      { PANW_MODEL_SEC_CLIENT_ID: 'ci@1.iam.panserviceaccount.com' }
    )
    expect(r.code).toBe(1)
    expect(r.outputs.error).toBe('INVALID_INPUT')
    expect(errorLines(r)[0]).toContain('Missing client secret')
    expect(r.stdout).not.toContain('No AIRS credentials')
  })

  it('without credentials, a model only AIRS can scan fails closed', async () => {
    const r = await offline({ 'model-uri': 'models/clean\nhttps://huggingface.co/org/model', engine: 'auto' })
    expect(r.code).toBe(1)
    expect(r.report!.models.map((m) => [m.status, m.error?.code])).toEqual([
      ['allowed', undefined],
      ['error', 'UNSUPPORTED_SOURCE']
    ])
  })
})

describe('the CLI', () => {
  const cli = (args: string[]) => runProcess(CLI, [...args, '--workspace', workspace], { RUNNER_TEMP: root })

  it('scan --engine builtin <path>: exit 1 when blocked, 0 when allowed, with the text report', async () => {
    const blocked = await cli(['scan', '--engine', 'builtin', 'models/evil'])
    expect(blocked.code).toBe(1)
    expect(blocked.stdout).toContain('scanned by the built-in engine (offline, static; not the AIRS service)')
    expect(blocked.stdout).toContain('Load Time Code Execution Check')
    const allowed = await cli(['scan', '--engine', 'builtin', 'models/clean'])
    expect(allowed.code).toBe(0)
  })

  it('--json prints the report, engine included', async () => {
    const r = await cli(['scan', '--engine', 'builtin', '--json', 'models/evil'])
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as {
      models: Array<{ engine: string; scan: { eval_outcome: string } }>
    }
    expect(report.models[0]).toMatchObject({ engine: 'builtin', scan: { eval_outcome: 'BLOCKED' } })
  })
})
