import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { ModelSecurityClient } from '../../src/airs/client.js'
import type { Logger } from '../../src/util/logger.js'
import {
  prepareScanner,
  ScannerError,
  type RunnerScanner,
  type ScannerSetup
} from '../../src/scanner/prepare-scanner.js'
import { parseRequirements } from '../../src/scanner/requirements.js'
import { Secrets } from '../../src/scanner/scanner-error.js'
import { installScanner } from '../../src/scanner/install.js'
import { findPython } from '../../src/scanner/python.js'
import { makeScannerDirs, releaseScannerDirs } from '../../src/scanner/workdir.js'
import type { Simulator } from '../../sim/server.js'
import { LOCAL_GROUP } from '../helpers/ids.js'
import { capture, clientFor, startSim } from '../helpers/sim.js'
import {
  placeholderClient,
  publish,
  setHooks,
  standInClient,
  startPackageIndex,
  type PackageIndex,
  type Wheel
} from '../helpers/wheel.js'

/**
 * The scanner on the runner, for real: a stand-in `model-security-client` wheel served by the simulator's private
 * package index, installed by pip into a new virtual environment in the run's private directory under a
 * temporary RUNNER_TEMP, scanning model directories and creating the scans in the simulator. A second, "public"
 * index offers the placeholder and a malicious build of the pinned version, and the environment points pip at it
 * in every way pip listens to. One install, made before the tests, serves the scans; the stand-in's behaviour is
 * switched through its hooks file. Each further install costs some 2 CPU seconds of pip, so there are two more:
 * a second preparation (which is also the one whose index URL expired, installing from a hash-pinned file), and
 * one without the interpreter's bundled pip. Each test stands on its own (in any order): what it logs is checked
 * for secrets as it ends.
 */

const isWindows = process.platform === 'win32'
const VERSION = '1.1.2'

let sim: Simulator
let client: ModelSecurityClient
let pub: PackageIndex
let tmp: string
let runnerTemp: string
let trapEnv: Record<string, string | undefined>
let recordFile: string
let hooksFile: string
let good: Wheel
/** the install the scans use, made before the tests */
let scanner: RunnerScanner
/** what that install logged, and how many index URLs it asked for */
let prepared: { lines: string[]; urlCalls: number }
let urlCalls = 0
/** every index URL handed out, for the leak checks */
const issuedUrls: string[] = []
/** the log lines and error messages of the current test (of the install, in beforeAll) */
const seen: string[] = []

const logger: Logger = {
  debug: (m) => seen.push(`debug: ${m}`),
  info: (m) => seen.push(`info: ${m}`),
  warning: (m) => seen.push(`warning: ${m}`)
}
const logged = (part: string, lines = seen) =>
  lines.filter((l) => !l.startsWith('debug:') && l.includes(part))

async function freshUrl(): Promise<string> {
  urlCalls++
  const { url } = await client.pypi.authenticate()
  issuedUrls.push(url)
  return url
}

function setup(over: Partial<ScannerSetup> = {}): ScannerSetup {
  return {
    version: VERSION,
    extras: ['all'],
    runnerTemp,
    credentials: sim.credentials,
    endpoints: { api: sim.apiUrl, token: sim.tokenUrl },
    indexUrl: freshUrl,
    onSecret: () => {},
    logger,
    env: trapEnv,
    ...over
  }
}

/** The error a promise rejects with (also kept for the leak check). */
async function failure(p: Promise<unknown>): Promise<ScannerError> {
  try {
    await p
  } catch (e) {
    seen.push(`error: ${(e as Error).message}`, `stack: ${(e as Error).stack ?? ''}`)
    expect(e).toBeInstanceOf(ScannerError)
    return e as ScannerError
  }
  throw new Error('expected a failure')
}

async function modelDir(name: string, files: Record<string, string | Buffer>): Promise<string> {
  const dir = path.join(tmp, 'models', name)
  for (const [rel, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true })
    await fs.writeFile(path.join(dir, rel), content)
  }
  return dir
}

/** The scan as the simulator has it, once settled. */
async function settled(uuid: string) {
  const rec = sim.store.scans.get(uuid)
  expect(rec).toBeDefined()
  for (let i = 0; i < 100 && rec!.eval_outcome === 'PENDING'; i++) {
    await new Promise((r) => setTimeout(r, 20))
    sim.store.settle(rec!)
  }
  return rec!
}

const exists = (p: string) =>
  fs.access(p).then(
    () => true,
    () => false
  )

/** The run's private directories left in a RUNNER_TEMP. */
const privateDirs = async (rt: string) =>
  (await fs.readdir(rt).catch(() => [] as string[])).filter((d) => d.startsWith('airs-scanner-'))

beforeAll(async () => {
  sim = await startSim({ settleMs: 50 })
  client = clientFor(sim, capture())
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'airs-scanner-'))
  hooksFile = path.join(tmp, 'standin-hooks.json')
  good = standInClient(VERSION, hooksFile)
  publish(sim, good)
  // what an attacker publishes: the placeholder, and the pinned versions
  const evil = [placeholderClient('0.0.1'), placeholderClient(VERSION), placeholderClient('9.9.9')]
  pub = await startPackageIndex(evil)
  runnerTemp = path.join(tmp, 'runner-temp')
  recordFile = path.join(tmp, 'standin-record.json')
  const links = path.join(tmp, 'links')
  await fs.mkdir(links)
  for (const w of evil) await fs.writeFile(path.join(links, w.filename), w.bytes)
  const conf = path.join(tmp, 'pip.conf')
  await fs.writeFile(
    conf,
    `[global]\nindex-url = ${pub.url}\nextra-index-url = ${pub.url}\nfind-links = ${links}\n`
  )
  trapEnv = {
    ...process.env,
    // pip listens to all of these; the scanner must listen to none
    PIP_INDEX_URL: pub.url,
    PIP_EXTRA_INDEX_URL: pub.url,
    pip_extra_index_url: pub.url,
    PIP_FIND_LINKS: links,
    PIP_CONFIG_FILE: conf,
    // the action's own inputs, which hold the client secret
    INPUT_CLIENT_SECRET: sim.credentials.clientSecret,
    PANW_MODEL_SEC_CLIENT_SECRET: sim.credentials.clientSecret,
    // the runner's tokens and command files
    GITHUB_TOKEN: 'ghs_runner-token',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-request-token',
    ACTIONS_RUNTIME_TOKEN: 'runtime-token',
    GITHUB_ENV: path.join(tmp, 'github-env')
  }
  await setHooks(hooksFile, { record: recordFile })
  const calls = urlCalls
  scanner = await prepareScanner(setup())
  prepared = { lines: seen.splice(0), urlCalls: urlCalls - calls }
}, 90_000)

/** Lines that carry the client secret, an index URL or its token. */
function leaks(lines: string[]): string[] {
  const secrets = [
    sim.credentials.clientSecret,
    ...issuedUrls,
    ...issuedUrls.map((u) => new URL(u).password),
    ...issuedUrls.map((u) => decodeURIComponent(new URL(u).password))
  ]
  return lines.filter((l) => secrets.some((s) => l.includes(s)))
}

// no log line or error of any test carries the client secret, an index URL or its token (a hook cannot hold
// an expect: an error thrown here fails the test that just ended)
afterEach(() => {
  const found = leaks(seen.splice(0))
  if (found.length > 0) throw new Error(`secrets in the log lines of this test:\n${found.join('\n')}`)
})

afterAll(async () => {
  await scanner?.close?.()
  await client?.close()
  await pub?.close()
  if (tmp) await fs.rm(tmp, { recursive: true, force: true })
})

describe('installing the client', () => {
  it('installs the pinned client from the private index only, whatever pip settings the environment has', async () => {
    // the install made in beforeAll, and what it logged
    const lines = prepared.lines
    const [root, ...others] = await privateDirs(runnerTemp)
    expect(others).toEqual([])
    const dir = path.join(runnerTemp, root!, 'venv')
    expect(scanner.installed).toEqual({
      python: expect.stringContaining(dir),
      venvDir: dir,
      version: VERSION,
      reused: false
    })
    expect(root).toMatch(/^airs-scanner-[A-Za-z0-9]{6}$/)
    const mode = (await fs.stat(path.join(runnerTemp, root!))).mode & 0o777
    expect(isWindows || mode === 0o700).toBe(true)
    expect(prepared.urlCalls).toBe(1)
    // the public index was never asked, the links directory never used
    expect(pub.requests).toEqual([])
    const site = isWindows
      ? path.join(dir, 'Lib', 'site-packages')
      : path.join(
          dir,
          'lib',
          `python${scanner.python.version[0]}.${scanner.python.version[1]}`,
          'site-packages'
        )
    const metadata = await fs.readFile(
      path.join(site, `model_security_client-${VERSION}.dist-info`, 'METADATA'),
      'utf8'
    )
    expect(metadata).toContain('Summary: Stand-in for the Prisma AIRS model security client')
    // the interpreter's bundled pip installed into a bare environment: no pip was copied into it
    expect(scanner.python.bundledPip).toBeDefined()
    expect(await exists(path.join(site, 'pip'))).toBe(false)
    expect(
      logged('installing model-security-client[all]==1.1.2 from the private package index', lines)
    ).toHaveLength(1)
    // no links directory either (from the environment, the test's pip.conf or this machine's /etc/pip.conf)
    expect(lines.filter((l) => l.includes('Looking in links'))).toEqual([])
    // pip's own lines were passed on, redacted; no line of the install carries a secret
    expect(lines.some((l) => l.startsWith('debug: pip: Looking in indexes: http://***@127.0.0.1'))).toBe(true)
    expect(leaks(lines)).toEqual([])
  })

  // one install for both: the second preparation is also the one whose first index URL has expired, and it
  // installs from a hash-pinned requirements file
  it('a second preparation installs again in a new directory, and close() removes each; an expired index URL is fetched once more; hash-pinned requirements install', async () => {
    const stale = await freshUrl()
    sim.clock.advance(2 * 3600_000)
    const reqs = path.join(tmp, 'requirements.txt')
    const text = `model-security-client==${VERSION} \\\n    --hash=sha256:${good.sha256}\n`
    const calls = urlCalls
    let asked = 0
    const again = await prepareScanner(
      setup({
        requirements: parseRequirements(text, reqs, VERSION),
        indexUrl: async () => (asked++ === 0 ? stale : freshUrl())
      })
    )
    try {
      // the stale URL, then one fresh one
      expect(asked).toBe(2)
      expect(urlCalls).toBe(calls + 1)
      expect(
        logged('the package index refused its URL (HTTP 401/403; it may have expired): fetching a new one')
      ).toHaveLength(1)
      expect(
        logged(`installing model-security-client==${VERSION} (hash-pinned by ${reqs}, sha256 `)
      ).toHaveLength(2)
      expect(pub.requests).toEqual([])
      expect(again.installed.reused).toBe(false)
      expect(again.installed.requirementsSha256).toMatch(/^[0-9a-f]{64}$/)
      expect(again.installed.venvDir).not.toBe(scanner.installed.venvDir)
      expect(await privateDirs(runnerTemp)).toHaveLength(2)
    } finally {
      await again.close!()
    }
    await again.close!()
    expect(await privateDirs(runnerTemp)).toHaveLength(1)
    await expect(again.scan({ model: { path: tmp }, securityGroupUuid: LOCAL_GROUP })).rejects.toThrow(
      'used after close()'
    )
    expect(await exists(scanner.installed.python)).toBe(true)
  }, 60_000)
})

describe('installing without a pip wheel bundled with the interpreter (as on Debian’s own Pythons)', () => {
  it('gives the environment pip of its own and installs the client with it', async () => {
    const python = await findPython({ logger, env: { PATH: process.env.PATH ?? '' } })
    const dirs = await makeScannerDirs(path.join(tmp, 'rt-no-bundled-pip'))
    try {
      const installed = await installScanner({
        python: { ...python, bundledPip: undefined },
        version: VERSION,
        extras: ['all'],
        dirs,
        indexUrl: freshUrl,
        secrets: new Secrets(() => {}),
        logger,
        env: trapEnv
      })
      expect(installed.version).toBe(VERSION)
      const site = isWindows
        ? path.join(dirs.venv, 'Lib', 'site-packages')
        : path.join(dirs.venv, 'lib', `python${python.version[0]}.${python.version[1]}`, 'site-packages')
      expect(await exists(path.join(site, 'pip'))).toBe(true)
      expect(await exists(path.join(site, `model_security_client-${VERSION}.dist-info`))).toBe(true)
    } finally {
      await releaseScannerDirs(dirs)
    }
  }, 60_000)
})

describe('scanning a local model', () => {
  it('ALLOWED: the scan exists with every file, hash and label, and the client got no secret in argv', async () => {
    const weights = Buffer.alloc(4096, 7)
    const dir = await modelDir('allowed', {
      'config.json': '{"hidden_size": 8}',
      'model.safetensors': weights,
      'tokenizer/vocab.json': '{"a": 1}',
      'README.md': '# tiny'
    })
    const { scanUuid, clientVersion } = await scanner.scan({
      model: { path: dir },
      securityGroupUuid: LOCAL_GROUP,
      labels: [
        { key: 'pipeline', value: 'ci' },
        { key: 'commit', value: 'abc123' }
      ],
      modelName: 'tiny',
      modelAuthor: 'ml-team',
      modelVersion: '7'
    })
    expect(clientVersion).toBe(VERSION)
    const rec = await settled(scanUuid)
    expect(rec).toMatchObject({
      model_uri: dir,
      source_type: 'LOCAL',
      scan_origin: 'MODEL_SECURITY_SDK',
      security_group_uuid: LOCAL_GROUP,
      scanner_version: `stand-in ${VERSION}`,
      eval_outcome: 'ALLOWED'
    })
    expect(rec.labels).toEqual([
      { key: 'pipeline', value: 'ci' },
      { key: 'commit', value: 'abc123' }
    ])
    const files = rec.result.files.filter((f) => f.type === 'FILE')
    expect(files.map((f) => [f.path, f.result])).toEqual([
      ['README.md', 'SKIPPED'],
      ['config.json', 'SUCCESS'],
      ['model.safetensors', 'SUCCESS'],
      ['tokenizer/vocab.json', 'SUCCESS']
    ])
    expect(files.find((f) => f.path === 'model.safetensors')!.blob_id).toBe(
      createHash('sha256').update(weights).digest('hex')
    )
    expect(rec.result.violations).toEqual([])

    const call = JSON.parse(await fs.readFile(recordFile, 'utf8'))
    expect(call).toMatchObject({
      base_url: sim.apiUrl,
      security_group_uuid: LOCAL_GROUP,
      model_path: dir,
      model_uri: null,
      model_name: 'tiny',
      model_author: 'ml-team',
      model_version: '7',
      labels: { pipeline: 'ci', commit: 'abc123' },
      poll_interval_secs: 0,
      version: VERSION
    })
    expect(JSON.stringify(call.argv)).not.toContain(sim.credentials.clientSecret)
    // the interpreter of the environment made in this run
    expect(await fs.realpath(call.prefix)).toBe(await fs.realpath(scanner.installed.venvDir))
    expect(call.env).toEqual(
      expect.arrayContaining([
        'MODEL_SECURITY_CLIENT_ID',
        'MODEL_SECURITY_CLIENT_SECRET',
        'TSG_ID',
        'MODEL_SECURITY_API_ENDPOINT',
        'MODEL_SECURITY_TOKEN_ENDPOINT'
      ])
    )
    // the action's inputs, other spellings of the credentials, pip settings and the runner's tokens stay behind
    expect(call.env.filter((k: string) => /^(INPUT_|PANW_|PIP_|GITHUB_|ACTIONS_)/i.test(k))).toEqual([])
    // its temporary directory is inside the run's private directory
    expect(call.environ.TMPDIR.startsWith(path.dirname(scanner.installed.venvDir))).toBe(true)
  })

  it('BLOCKED: a pickle that calls os.system is reported with its finding', async () => {
    const dir = await modelDir('blocked', {
      'config.json': '{}',
      'model.pkl': Buffer.concat([
        Buffer.from([0x80, 0x04]),
        Buffer.from('cposix\nsystem\n(Vtouch /tmp/x\ntR.')
      ])
    })
    const { scanUuid } = await scanner.scan({ model: { path: dir }, securityGroupUuid: LOCAL_GROUP })
    const rec = await settled(scanUuid)
    expect(rec.eval_outcome).toBe('BLOCKED')
    expect(rec.result.files.find((f) => f.path === 'model.pkl')?.result).toBe('FAILED')
    expect(rec.result.violations.map((v) => [v.file, v.threat])).toEqual(
      expect.arrayContaining([['model.pkl', 'PAIT-PKL-100']])
    )
  })

  it("takes the result from the driver's own line, whatever the client prints", async () => {
    const dir = await modelDir('noisy', { 'config.json': '{}' })
    await setHooks(hooksFile, { record: recordFile, mode: 'noisy' })
    const { scanUuid } = await scanner
      .scan({ model: { path: dir }, securityGroupUuid: LOCAL_GROUP })
      .finally(() => setHooks(hooksFile, { record: recordFile }))
    expect(sim.store.scans.has(scanUuid)).toBe(true)
    expect(seen).toContain('debug: scanner: stand-in: scanning with print()')
    expect(seen).toContain('debug: scanner: stand-in: written to fd 1')
  })

  it('a model path that does not exist is refused before anything runs', async () => {
    const e = await failure(
      scanner.scan({ model: { path: path.join(tmp, 'nope') }, securityGroupUuid: LOCAL_GROUP })
    )
    expect(e.reason).toBe('MODEL_PATH')
    expect(e.code).toBe('INVALID_INPUT')
    expect(e.message).toContain('does not exist')
  })
})

describe('when the client fails', () => {
  const failing = async (mode: string, extra: { timeoutMs?: number; abortAfterMs?: number } = {}) => {
    const dir = await modelDir(`fail-${mode}`, { 'config.json': '{}' })
    await setHooks(hooksFile, { record: recordFile, mode })
    const signal = extra.abortAfterMs === undefined ? undefined : AbortSignal.timeout(extra.abortAfterMs)
    try {
      return await failure(
        scanner.scan({
          model: { path: dir },
          securityGroupUuid: LOCAL_GROUP,
          timeoutMs: extra.timeoutMs,
          signal
        })
      )
    } finally {
      await setHooks(hooksFile, { record: recordFile })
    }
  }

  it('an exception in the client is reported with its type and a redacted message', async () => {
    const e = await failing('raise')
    expect(e.reason).toBe('SCANNER_ERROR')
    expect(e.message).toBe(
      'The model security client failed to scan the model (PermissionError: token endpoint refused client secret ***)'
    )
  })

  it('a crash is reported with the tail of its output, redacted', async () => {
    const e = await failing('crash')
    expect(e.reason).toBe('SCANNER_CRASHED')
    expect(e.code).toBe('SCANNER_FAILED')
    expect(e.message).toContain('The scanner crashed: it exited with code 134 without reporting a result.')
    expect(e.message).toContain('Fatal Python error: stand-in crash; secret=***')
  })

  it('a scanner that takes too long is killed at its time limit', async () => {
    const e = await failing('hang', { timeoutMs: 1500 })
    expect(e.reason).toBe('TIMEOUT')
    expect(e.code).toBe('TIMEOUT')
    expect(e.message).toContain('did not finish within 1.5 s')
    const { pid } = JSON.parse(await fs.readFile(recordFile, 'utf8'))
    expect(() => process.kill(pid as number, 0)).toThrow()
  })

  it('a cancelled scan stops the scanner', async () => {
    const e = await failing('hang', { abortAfterMs: 700 })
    expect(e.reason).toBe('ABORTED')
    const { pid } = JSON.parse(await fs.readFile(recordFile, 'utf8'))
    expect(() => process.kill(pid as number, 0)).toThrow()
  })
})

describe('when the install fails', () => {
  it('requirements that do not pin the scanner version are refused before anything runs', async () => {
    const other = parseRequirements(
      `model-security-client==1.0.0 --hash=sha256:${'0'.repeat(64)}\n`,
      path.join(tmp, 'other.txt'),
      '1.0.0'
    )
    const calls = urlCalls
    const rt = path.join(tmp, 'rt-other')
    const e = await failure(prepareScanner(setup({ requirements: other, runnerTemp: rt })))
    expect(e.reason).toBe('INVALID_OPTION')
    expect(e.message).toContain('does not pin model-security-client==1.1.2')
    expect(urlCalls).toBe(calls)
    expect(await privateDirs(rt)).toEqual([])
  })
})

describe('Python', () => {
  it('no Python at the given path: says to add actions/setup-python', async () => {
    const e = await failure(prepareScanner(setup({ python: path.join(tmp, 'no', 'python3') })))
    expect(e.reason).toBe('NO_PYTHON')
    expect(e.code).toBe('SCANNER_SETUP')
    expect(e.message).toMatch(
      /^No Python found to run the model security client \(tried .*python3 \(not found\)\): /
    )
    expect(e.message).toContain("add actions/setup-python (python-version: '3.12') before this step")
  })

  it('no Python on PATH', async () => {
    const saved = process.env.PATH
    process.env.PATH = path.join(tmp, 'empty-path')
    try {
      const e = await failure(prepareScanner(setup()))
      expect(e.reason).toBe('NO_PYTHON')
      expect(e.message).toContain('(tried python3 (not found), python (not found))')
    } finally {
      process.env.PATH = saved
    }
  })

  it.each([
    ['3.9.18', [3, 9, 18]],
    ['3.14.0', [3, 14, 0]]
  ])('Python %s is refused with the supported range', async (text, version) => {
    if (isWindows) return
    const fake = path.join(tmp, `python-${text}`)
    // an interpreter that answers the version probe as that Python would
    await fs.writeFile(
      fake,
      `#!/bin/sh\necho '${JSON.stringify({ version, executable: `/opt/python${text}/bin/python3` })}'\n`,
      { mode: 0o755 }
    )
    const e = await failure(prepareScanner(setup({ python: fake })))
    expect(e.reason).toBe('PYTHON_VERSION')
    expect(e.message).toBe(
      `Python ${text} (/opt/python${text}/bin/python3) is not supported by the model security client, which needs ` +
        "Python 3.11 to 3.13: add actions/setup-python (python-version: '3.12') before this step, or name a supported interpreter"
    )
  })
})
