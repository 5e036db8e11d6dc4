import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { ModelSecurityClient } from '../../src/airs/client.js'
import { silentLogger } from '../../src/util/logger.js'
import { prepareScanner, type RunnerScanner, type ScannerSetup } from '../../src/scanner/prepare-scanner.js'
import type { Simulator } from '../../sim/server.js'
import { LOCAL_GROUP } from '../helpers/ids.js'
import { runAction } from '../helpers/run-dist.js'
import { clientFor, startSim } from '../helpers/sim.js'
import { publish, setHooks, standInClient } from '../helpers/wheel.js'

/**
 * Issue 13, item 5: a scanner environment planted by an earlier step was reused on the strength of a marker
 * file and a self-reported version, and then received the credentials.
 *
 * The class is closed by never using anything an earlier process left on disk: each run makes a new private
 * directory with mkdtemp, creates the environment there with the base interpreter run isolated and without
 * site-packages, installs with pip's caches off and its configuration ignored, and removes the directory at the
 * end. These tests plant what an earlier step could leave (a fake environment with a marker claiming a verified
 * install and a `bin/python` that is a shell script, a real environment with a tampered module, a `.pth` file,
 * `sitecustomize.py`, a `.pyc`, a rewritten RECORD, symbolic links at the old paths, pip configuration and
 * caches in HOME, `.pth` files in the interpreter's own site-packages, the run's own environment left behind by a
 * killed process) and check that none of it runs and none of it receives a credential: every planted piece of
 * code writes a canary file when it runs, and the fake interpreter dumps its environment. An install costs some 2
 * CPU seconds of pip, so the leftovers are planted together and two runs meet all of them: the first in this
 * process, from an interpreter an earlier step reached and under hostile settings, left behind as a killed
 * process leaves it and then tampered with; the second, the bundled action as a later step of the job.
 */

const isWindows = process.platform === 'win32'
const VERSION = '1.1.2'

let sim: Simulator
let client: ModelSecurityClient
let root: string
let runnerTemp: string
let hooksFile: string
let recordFile: string
let canaries: string
let model: string
let pyMinor: string

/** Canary files written by planted code (each names what ran). */
const fired = async () => (await fs.readdir(canaries).catch(() => [] as string[])).sort()
/** Python code that leaves a canary named `what`, with its environment, when it runs. */
const canaryCode = (what: string) =>
  `import json, os; open(os.path.join(${JSON.stringify(canaries)}, ${JSON.stringify(what)}), "w").write(json.dumps(dict(os.environ)))`

const setup = (over: Partial<ScannerSetup> = {}): ScannerSetup => ({
  version: VERSION,
  extras: [],
  runnerTemp,
  credentials: sim.credentials,
  endpoints: { api: sim.apiUrl, token: sim.tokenUrl },
  indexUrl: async () => (await client.pypi.authenticate()).url,
  onSecret: () => {},
  logger: silentLogger,
  env: { ...process.env, HOME: path.join(root, 'home') },
  ...over
})

async function write(file: string, content: string, mode = 0o644): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true })
  await fs.writeFile(file, content, { mode })
}

/** The marker the old code trusted, claiming a verified install of the pinned client. */
const plantMarker = (dir: string) =>
  write(
    path.join(dir, 'airs-model-gate-scanner.json'),
    JSON.stringify({
      schema: 1,
      package: 'model-security-client',
      version: VERSION,
      extras: [],
      requirements_sha256: null,
      python: '3.12.4',
      installed_at: '2026-01-01T00:00:00Z'
    })
  )

/**
 * A fake environment at `dir`: the marker, a `bin/python` that answers every probe as the pinned client would,
 * reports a scan, and dumps the environment (credentials included) it was given.
 */
async function plantFake(dir: string): Promise<void> {
  await plantMarker(dir)
  const script = [
    '#!/bin/sh',
    `env > ${JSON.stringify(path.join(canaries, `fake-python-${path.basename(dir)}`))}`,
    `echo '{"client": "${VERSION}", "python": [3, 12, 4], "prefix": "${dir}"}'`,
    `echo '{"scan_uuid": "00000000-0000-4000-8000-000000000000", "client_version": "${VERSION}"}'`,
    ''
  ].join('\n')
  await write(path.join(dir, 'bin', 'python'), script, 0o755)
  await write(path.join(dir, 'Scripts', 'python.exe'), script, 0o755)
}

/**
 * A real environment at `dir` holding a copy of the client whose every way in has been tampered with: the
 * module, a `.pth` file, `sitecustomize.py`, a `.pyc` in `__pycache__`, and a RECORD rewritten to match; and the
 * marker.
 */
async function plantTampered(dir: string, tag: string): Promise<void> {
  execFileSync('python3', ['-I', '-m', 'venv', '--without-pip', dir])
  const site = path.join(dir, 'lib', `python${pyMinor}`, 'site-packages')
  const pkg = path.join(site, 'model_security_client')
  await write(path.join(pkg, '__init__.py'), `${canaryCode(`module-${tag}`)}\n__version__ = "${VERSION}"\n`)
  await write(
    path.join(pkg, 'api.py'),
    `${canaryCode(`api-${tag}`)}\nclass ModelSecurityAPIClient:\n    pass\n`
  )
  await write(path.join(site, 'zz-evil.pth'), `${canaryCode(`pth-${tag}`)}\n`)
  await write(path.join(site, 'sitecustomize.py'), `${canaryCode(`sitecustomize-${tag}`)}\n`)
  execFileSync(path.join(dir, 'bin', 'python'), ['-I', '-S', '-m', 'compileall', '-q', pkg])
  const info = path.join(site, `model_security_client-${VERSION}.dist-info`)
  await write(
    path.join(info, 'METADATA'),
    `Metadata-Version: 2.1\nName: model-security-client\nVersion: ${VERSION}\n`
  )
  await write(path.join(info, 'RECORD'), 'model_security_client/__init__.py,,\n')
  await plantMarker(dir)
}

beforeAll(async () => {
  sim = await startSim({ settleMs: 50 })
  client = clientFor(sim)
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'airs-sec-venv-'))
  runnerTemp = path.join(root, 'runner-temp')
  canaries = path.join(root, 'canaries')
  hooksFile = path.join(root, 'hooks.json')
  recordFile = path.join(root, 'record.json')
  model = path.join(root, 'model')
  await fs.mkdir(canaries)
  await write(path.join(model, 'config.json'), '{}')
  await setHooks(hooksFile, { record: recordFile })
  publish(sim, standInClient(VERSION, hooksFile))
  pyMinor = execFileSync('python3', ['-I', '-S', '-c', 'import sys; print("%d.%d" % sys.version_info[:2])'])
    .toString()
    .trim()
}, 30_000)

afterAll(async () => {
  await client?.close()
  if (root) await fs.rm(root, { recursive: true, force: true })
})

/** One run: prepare, scan the model, and what the client saw; the caller closes the scanner. */
async function run(over: Partial<ScannerSetup> = {}) {
  const scanner = await prepareScanner(setup(over))
  try {
    await fs.rm(recordFile, { force: true })
    const result = await scanner.scan({ model: { path: model }, securityGroupUuid: LOCAL_GROUP })
    const record = JSON.parse(await fs.readFile(recordFile, 'utf8')) as {
      prefix: string
      executable: string
      environ: Record<string, string>
    }
    return { scanner, result, record }
  } catch (e) {
    await scanner.close!()
    throw e
  }
}

/** The client ran in an environment made by this run: a new private directory under RUNNER_TEMP. */
async function inOwnEnvironment(scanner: RunnerScanner, prefix: string): Promise<void> {
  expect(await fs.realpath(prefix)).toBe(await fs.realpath(scanner.installed.venvDir))
  expect(path.relative(runnerTemp, scanner.installed.venvDir)).toMatch(
    /^airs-scanner-[A-Za-z0-9]{6}[/\\]venv$/
  )
}

describe('what an earlier step leaves behind is never used', () => {
  // Two installs meet every leftover (each costs some 2 CPU seconds of pip): everything is planted first; run A
  // installs from a base interpreter that an earlier step reached, under hostile HOME and PYTHON* settings, and is
  // left behind as a killed process would leave it; its environment is then tampered with, and run B, the bundled
  // action as a later step, must use none of it. Every planted piece of code leaves a canary named after itself
  // if it ever runs, and the fake interpreters dump the environment, credentials included, they were given.
  it('fake and tampered environments in RUNNER_TEMP and links to them; pip configuration, caches and PYTHON* variables; .pth files in the base interpreter; a killed run’s own environment, tampered with; the bundled action installs its own', async () => {
    if (isWindows) return

    // in RUNNER_TEMP: fake and tampered environments at every path the action ever used, and symbolic links
    const old = path.join(runnerTemp, 'airs-model-gate')
    for (const minor of ['3.11', '3.12', '3.13'])
      await plantFake(path.join(old, `scanner-${VERSION}-py${minor}`))
    await plantTampered(path.join(root, 'tampered'), 'old-path')
    await fs.rm(path.join(old, `scanner-${VERSION}-py${pyMinor}`), { recursive: true })
    await fs.symlink(path.join(root, 'tampered'), path.join(old, `scanner-${VERSION}-py${pyMinor}`))
    // directories named like the new ones, and links named like them (mkdtemp never reuses a name)
    for (const name of ['airs-scanner-000000', 'airs-scanner-AAAAAA', 'airs-scanner-XXXXXX']) {
      await plantFake(path.join(runnerTemp, name, 'venv'))
    }
    await fs.symlink(path.join(root, 'tampered'), path.join(runnerTemp, 'airs-scanner-link00'))

    // elsewhere: pip configuration, caches and credentials in HOME (both runs')
    const home = path.join(root, 'home')
    const evilIndex = 'http://127.0.0.1:9/evil/simple/'
    await write(
      path.join(home, '.config', 'pip', 'pip.conf'),
      `[global]\nindex-url = ${evilIndex}\nno-cache-dir = false\n`
    )
    await write(path.join(home, '.pip', 'pip.conf'), `[global]\nindex-url = ${evilIndex}\n`)
    await write(path.join(home, '.pydistutils.cfg'), `[easy_install]\nindex_url = ${evilIndex}\n`)
    await write(path.join(home, '.netrc'), 'machine 127.0.0.1 login evil password evil\n')
    await write(path.join(home, '.cache', 'pip', 'http-v2', 'planted'), 'a cache entry')
    // code on every path Python looks at when told to by the environment
    const pydir = path.join(root, 'pythonpath')
    await write(path.join(pydir, 'sitecustomize.py'), `${canaryCode('pythonpath-sitecustomize')}\n`)
    await write(path.join(pydir, 'usercustomize.py'), `${canaryCode('pythonpath-usercustomize')}\n`)
    await write(path.join(root, 'startup.py'), `${canaryCode('pythonstartup')}\n`)
    const userBase = path.join(root, 'userbase')
    await write(
      path.join(userBase, 'lib', `python${pyMinor}`, 'site-packages', 'usercustomize.py'),
      `${canaryCode('userbase-usercustomize')}\n`
    )
    await write(
      path.join(userBase, 'lib', `python${pyMinor}`, 'site-packages', 'evil.pth'),
      `${canaryCode('userbase-pth')}\n`
    )
    // an interpreter whose own site-packages an earlier `pip install` has reached: a .pth file there
    const base = path.join(root, 'base-python')
    execFileSync('python3', ['-I', '-m', 'venv', '--without-pip', base])
    await write(
      path.join(base, 'lib', `python${pyMinor}`, 'site-packages', 'zz-evil.pth'),
      `${canaryCode('base-pth')}\n`
    )

    // run A, in this process: that interpreter, with PYTHON* and PIP_* variables pointing at the planted code
    // and configuration
    const first = await run({
      python: path.join(base, 'bin', 'python'),
      env: {
        ...process.env,
        HOME: home,
        PYTHONPATH: pydir,
        PYTHONSTARTUP: path.join(root, 'startup.py'),
        PYTHONUSERBASE: userBase,
        PYTHONINSPECT: '1',
        PIP_CONFIG_FILE: path.join(home, '.config', 'pip', 'pip.conf'),
        PIP_CACHE_DIR: path.join(home, '.cache', 'pip'),
        PIP_NO_CACHE_DIR: 'false'
      }
    })
    try {
      expect(await fired()).toEqual([])
      expect(first.record.environ.HOME).toBe(home)
      expect(first.scanner.python.command).toBe(path.join(base, 'bin', 'python'))
      await inOwnEnvironment(first.scanner, first.record.prefix)

      // run A's process "dies" without closing: an earlier step (or anything after it) tampers with what is left
      const site = path.join(first.scanner.installed.venvDir, 'lib', `python${pyMinor}`, 'site-packages')
      await write(path.join(site, 'zz-evil.pth'), `${canaryCode('pth-leftover')}\n`)
      await write(path.join(site, 'sitecustomize.py'), `${canaryCode('sitecustomize-leftover')}\n`)
      await write(
        path.join(site, 'model_security_client', '__init__.py'),
        `${canaryCode('module-leftover')}\n__version__ = "${VERSION}"\n`
      )
      await fs.rm(path.join(site, 'model_security_client', '__pycache__'), { recursive: true, force: true })
      // what RUNNER_TEMP holds now: the planted environments and links, and run A's leftover
      const before = (await fs.readdir(runnerTemp)).sort()

      // run B: the bundled action, a later step of the job, with the same RUNNER_TEMP and HOME; the stand-in
      // records what RUNNER_TEMP holds while it scans
      await fs.rm(recordFile, { force: true })
      await setHooks(hooksFile, { record: recordFile, list: [runnerTemp] })
      const r = await runAction(
        { 'model-uri': path.basename(model) },
        { ...sim.env(), GITHUB_WORKSPACE: path.dirname(model), RUNNER_TEMP: runnerTemp, HOME: home },
        120_000
      )
      expect(await fired()).toEqual([])
      expect(r.stdout).toContain(
        'scanner: installing model-security-client==1.1.2 from the private package index'
      )
      expect(r.outputs['eval-outcome']).toBe('ALLOWED')
      expect(sim.store.scans.has(r.report!.models[0]!.scan!.uuid)).toBe(true)
      // the client ran in an environment the step made: a new private directory under RUNNER_TEMP, not run A's
      const second = JSON.parse(await fs.readFile(recordFile, 'utf8')) as {
        prefix: string
        listing: Record<string, string[]>
      }
      // (the directory is gone with the step, so the path is compared as the client reported it)
      const made = path.relative(runnerTemp, second.prefix)
      expect(made).toMatch(/^airs-scanner-[A-Za-z0-9]{6}[/\\]venv$/)
      expect(path.join(runnerTemp, made)).not.toBe(first.scanner.installed.venvDir)
      // as it scanned, that directory was the only new entry; nothing planted or left behind was touched or
      // followed, and the step removed its directory as it ended
      expect(second.listing[runnerTemp]!.filter((d) => !before.includes(d))).toEqual([path.dirname(made)])
      expect((await fs.lstat(path.join(runnerTemp, 'airs-scanner-link00'))).isSymbolicLink()).toBe(true)
      expect((await fs.readdir(runnerTemp)).sort()).toEqual(before)
      // the planted cache entry is all there is: pip wrote nothing to HOME's cache and read none of it
      expect(await fs.readdir(path.join(home, '.cache', 'pip'))).toEqual(['http-v2'])
      expect(await fs.readdir(path.join(home, '.cache', 'pip', 'http-v2'))).toEqual(['planted'])
    } finally {
      await first.scanner.close!()
    }
  }, 180_000)
})

describe('the private directory', () => {
  it('is removed on failure, and at process exit when nobody closed it', async () => {
    // a failure once the environment exists (the index URL is asked for after `venv`, before pip); a pip
    // failure through the bundle is action/runner.test.ts's ("pip failure: …", which checks the same)
    const rt = path.join(root, 'rt-failure')
    let venvMade = false
    await expect(
      prepareScanner(
        setup({
          runnerTemp: rt,
          indexUrl: async () => {
            const [dir] = await fs.readdir(rt)
            venvMade = (await fs.stat(path.join(rt, dir!, 'venv', 'pyvenv.cfg')).catch(() => null)) !== null
            throw new Error('the service refused to hand out an index URL')
          }
        })
      )
    ).rejects.toThrow('the service refused to hand out an index URL')
    expect(venvMade).toBe(true)
    expect(await fs.readdir(rt)).toEqual([])

    // a child Node process that prepares the scanner and exits without closing it
    const rtExit = path.join(root, 'rt-exit')
    const script = [
      "import { makeScannerDirs } from './src/scanner/workdir.ts'",
      `const dirs = await makeScannerDirs(${JSON.stringify(rtExit)})`,
      'console.log(dirs.root)',
      'process.exit(3)'
    ].join('\n')
    let out: string
    let status: number | null = 0
    try {
      out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: path.resolve('.'),
        env: { PATH: process.env.PATH ?? '' }
      }).toString()
    } catch (e) {
      out = String((e as { stdout?: Buffer }).stdout ?? '')
      status = (e as { status: number | null }).status
    }
    expect(status).toBe(3)
    expect(out.trim()).toMatch(/airs-scanner-/)
    expect(await fs.readdir(rtExit)).toEqual([])
  }, 60_000)
})
