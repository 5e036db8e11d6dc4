import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { silentLogger } from '../../src/util/logger.js'
import { parseDriverReply } from '../../src/scanner/driver.js'
import { ScannerError, Secrets, outputTail } from '../../src/scanner/scanner-error.js'
import { sdkBaseUrl } from '../../src/scanner/prepare-scanner.js'
import { allowEnv, BASICS, pipEnv, pythonEnv } from '../../src/scanner/env.js'
import { checkExtras, requirementSpec } from '../../src/scanner/install.js'
import { checkVersion } from '../../src/scanner/scanner-version.js'
import { runProcess } from '../../src/scanner/process.js'
import { findPython, isSupportedPython, SUPPORTED_PYTHON } from '../../src/scanner/python.js'
import { driverEnv, runDriver } from '../../src/scanner/run.js'

/** The scanner's parts on their own: option checks, redaction, child environments, processes, the driver's reply. */

const isWindows = process.platform === 'win32'
let tmp: string
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'airs-scanner-parts-'))
})
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true })
})

/** Whether a process has ended (an orphan may stay a zombie where PID 1 does not reap). */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 50; i++) {
    try {
      process.kill(pid, 0)
    } catch {
      return true
    }
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')
    if (/^\d+ \(.*\) Z/.test(stat)) return true
    await new Promise((r) => setTimeout(r, 20))
  }
  return false
}

function thrown(fn: () => unknown): ScannerError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(ScannerError)
    return e as ScannerError
  }
  throw new Error('expected a ScannerError')
}

describe('options', () => {
  it('supports Python 3.11 to 3.13', () => {
    expect(SUPPORTED_PYTHON).toMatchObject({ min: [3, 11], max: [3, 13] })
    const ok = [
      [3, 11, 0],
      [3, 12, 4],
      [3, 13, 1]
    ]
    const refused = [
      [2, 7, 18],
      [3, 9, 18],
      [3, 10, 14],
      [3, 14, 0],
      [4, 0, 0]
    ]
    for (const v of ok) expect(isSupportedPython(v)).toBe(true)
    for (const v of refused) expect(isSupportedPython(v)).toBe(false)
  })

  it('takes exact versions only', () => {
    for (const v of ['1.1.2', '1.2.0rc1', '1.1.2.post1', '2.0', '1.1.2.dev3'])
      expect(() => checkVersion(v)).not.toThrow()
    for (const v of [
      '',
      '>=1.1',
      '1.*',
      '~=1.1',
      '1.1.2+local',
      '../../x',
      '1.1.2 ',
      'latest',
      '1.1.2; os_name'
    ]) {
      const e = thrown(() => checkVersion(v))
      expect(e.reason).toBe('INVALID_OPTION')
      expect(e.code).toBe('INVALID_INPUT')
    }
  })

  it('extras: normalised, and only names', () => {
    expect(checkExtras(['GCP', 'aws', 'aws'])).toEqual(['aws', 'gcp'])
    expect(requirementSpec('1.1.2', ['aws', 'gcp'])).toBe('model-security-client[aws,gcp]==1.1.2')
    expect(requirementSpec('1.1.2', [])).toBe('model-security-client==1.1.2')
    for (const e of ['a b', 'all]==0.0.1', '../x', '', '-x'])
      expect(thrown(() => checkExtras([e])).reason).toBe('INVALID_OPTION')
  })

  it('the client base URL comes from the data endpoint', () => {
    expect(sdkBaseUrl('https://api.sase.paloaltonetworks.com/aims/data')).toBe(
      'https://api.sase.paloaltonetworks.com/aims'
    )
    expect(sdkBaseUrl('http://127.0.0.1:1234/aims/data/')).toBe('http://127.0.0.1:1234/aims')
    expect(thrown(() => sdkBaseUrl('https://example.com/aims')).reason).toBe('INVALID_OPTION')
  })
})

describe('secrets', () => {
  it('an index URL, its token and the decoded token are all secrets, and masked in any text', () => {
    const got: string[] = []
    const s = new Secrets((x) => got.push(x))
    const url = 'https://_token:ab%2Fcd%3Def12@us-python.pkg.dev/proj/repo/simple/'
    s.addUrl(url)
    expect(got).toEqual([url, 'ab%2Fcd%3Def12', 'ab/cd=ef12'])
    s.addUrl(url)
    expect(got).toHaveLength(3)
    expect(s.redact(`Looking in indexes: ${url}`)).toBe('Looking in indexes: ***')
    expect(s.redact('token ab/cd=ef12 and ab%2Fcd%3Def12')).toBe('token *** and ***')
    // userinfo of any URL, known or not
    expect(s.redact('GET https://user:pw@host/x and ftp://tok@h/')).toBe(
      'GET https://***@host/x and ftp://***@h/'
    )
  })

  it('a user name other than _token is a secret too', () => {
    const got: string[] = []
    new Secrets((x) => got.push(x)).addUrl('https://robot-1:pw12345@host/simple/')
    expect(got).toEqual(['https://robot-1:pw12345@host/simple/', 'pw12345', 'robot-1'])
  })

  it('output tails: the last lines, redacted, without control characters', () => {
    const s = new Secrets(() => {})
    s.add('hunter22')
    const text = [
      ...Array.from({ length: 30 }, (_, i) => `line ${i}`),
      'pw=hunter22 \u001b[31mred\u001b[0m',
      '',
      ''
    ]
    const tail = outputTail(text.join('\n'), s, 3)
    expect(tail).toBe('  line 28\n  line 29\n  pw=*** [31mred[0m')
  })
})

describe('child environments', () => {
  const base = {
    PATH: '/usr/bin',
    HOME: '/home/runner',
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    https_proxy: 'http://proxy:3128',
    SSL_CERT_FILE: '/etc/ssl/ca.pem',
    PIP_INDEX_URL: 'https://pypi.org/simple',
    Pip_Extra_Index_Url: 'https://evil/simple',
    PIP_CONFIG_FILE: '/etc/evil.conf',
    INPUT_CLIENT_SECRET: 's3cret',
    PANW_MODEL_SEC_CLIENT_SECRET: 's3cret',
    MODEL_SECURITY_CLIENT_SECRET: 'old',
    TSG_ID: 'old',
    ACTIONS_RUNTIME_TOKEN: 'rt',
    ACTIONS_ID_TOKEN_REQUEST_URL: 'https://oidc',
    GITHUB_TOKEN: 'ghs_x',
    PYTHONPATH: '/evil',
    LD_PRELOAD: '/evil.so',
    AWS_ACCESS_KEY_ID: 'AKIA',
    GOOGLE_APPLICATION_CREDENTIALS: '/gcp.json',
    UNSET: undefined
  }
  const dirs = { home: '/run/home', tmp: '/run/tmp' }

  it('keeps only what is allowed, case-insensitively, then sets', () => {
    expect(allowEnv({ a: '1', Path: '2', pip_x: '3', lc_all: 'C' }, [BASICS], { path: 'new' })).toEqual({
      lc_all: 'C',
      path: 'new'
    })
  })

  it("Python's own steps: basics, proxies and CAs, the run's home and temporary directory; nothing else", () => {
    expect(pythonEnv(base, dirs)).toEqual({
      PATH: '/usr/bin',
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      https_proxy: 'http://proxy:3128',
      SSL_CERT_FILE: '/etc/ssl/ca.pem',
      HOME: '/run/home',
      TMPDIR: '/run/tmp',
      TEMP: '/run/tmp',
      TMP: '/run/tmp'
    })
  })

  it('pip: the same, no configuration file, and the private index only', () => {
    expect(pipEnv(base, dirs, 'https://_token:t@index/simple/')).toEqual({
      ...pythonEnv(base, dirs),
      PIP_CONFIG_FILE: os.devNull,
      PIP_INDEX_URL: 'https://_token:t@index/simple/'
    })
  })

  it("the driver: the client's credentials, the user's home, and the scanned source's credentials only", () => {
    const credentials = { clientId: 'id', clientSecret: 'secret', tsgId: '123' }
    const endpoints = { api: 'https://api/aims', token: 'https://auth/token' }
    const own = {
      MODEL_SECURITY_CLIENT_ID: 'id',
      MODEL_SECURITY_CLIENT_SECRET: 'secret',
      TSG_ID: '123',
      MODEL_SECURITY_API_ENDPOINT: 'https://api/aims',
      MODEL_SECURITY_TOKEN_ENDPOINT: 'https://auth/token'
    }
    const basics = {
      PATH: '/usr/bin',
      HOME: '/home/runner',
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      https_proxy: 'http://proxy:3128',
      SSL_CERT_FILE: '/etc/ssl/ca.pem',
      TMPDIR: '/run/x/tmp',
      TEMP: '/run/x/tmp',
      TMP: '/run/x/tmp'
    }
    expect(driverEnv(base, credentials, endpoints, { source: 'LOCAL', tmp: '/run/x/tmp' })).toEqual({
      ...basics,
      ...own
    })
    expect(driverEnv(base, credentials, endpoints, { source: 'S3', tmp: '/run/x/tmp' })).toEqual({
      ...basics,
      AWS_ACCESS_KEY_ID: 'AKIA',
      ...own
    })
    expect(driverEnv(base, credentials, endpoints, { source: 'GCS', tmp: '/run/x/tmp' })).toEqual({
      ...basics,
      GOOGLE_APPLICATION_CREDENTIALS: '/gcp.json',
      ...own
    })
  })
})

describe("the driver's reply", () => {
  const id = '0f6c3a4e-8b0e-4f7e-9a54-2d1e5e0c9b11'
  it.each([
    [`{"scan_uuid": "${id}", "client_version": "1.1.2"}\n`, { scan_uuid: id, client_version: '1.1.2' }],
    [`noise\n{"scan_uuid": "${id}"}\r\n\n`, { scan_uuid: id, client_version: '' }],
    [
      '{"error": "boom", "type": "ValueError", "stage": "import"}',
      { error: 'boom', type: 'ValueError', stage: 'import' }
    ],
    ['{"error": "boom"}', { error: 'boom', type: 'Exception', stage: 'scan' }],
    ['', undefined],
    ['{"scan_uuid": ', undefined],
    ['[1, 2]\n"text"\nnull', undefined],
    ['{"uuid": "x"}', undefined]
  ])('%j', (stdout, reply) => {
    expect(parseDriverReply(stdout)).toEqual(reply)
  })

  it('a client that cannot be imported is reported as such', async () => {
    // the interpreter without the client: the driver's import stage fails
    const python = await findPython({ logger: silentLogger, env: process.env as Record<string, string> })
    const e = await runDriver({
      python: python.executable,
      args: { base_url: 'http://127.0.0.1:9/aims', scan: { security_group_uuid: 'g', model_path: tmp } },
      credentials: { clientId: 'id', clientSecret: 'secret-value', tsgId: '1' },
      endpoints: { api: 'http://127.0.0.1:9/aims', token: 'http://127.0.0.1:9/token' },
      expectVersion: '1.1.2',
      source: 'LOCAL',
      workRoot: tmp,
      env: process.env,
      secrets: new Secrets(() => {}),
      logger: silentLogger,
      timeoutMs: 30_000
    }).then(
      () => undefined,
      (err: unknown) => err
    )
    expect(e).toBeInstanceOf(ScannerError)
    expect((e as ScannerError).reason).toBe('SCANNER_ERROR')
    expect((e as ScannerError).message).toMatch(
      /^The model security client could not be loaded in .* \(ModuleNotFoundError: No module named 'model_security_client'\)$/
    )
    // its work directory is gone
    expect((await fs.readdir(tmp)).filter((d) => d.startsWith('run-'))).toEqual([])
  })
})

describe('child processes', () => {
  const node = process.execPath
  const env = { PATH: process.env.PATH ?? '' }

  it('passes stdin, collects lines of both streams and the exit code', async () => {
    const lines: string[] = []
    const r = await runProcess(
      node,
      [
        '-e',
        'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{console.log(s.toUpperCase());console.error("err");process.exit(3)})'
      ],
      { env, input: 'hello', timeoutMs: 10_000, onLine: (l, s) => lines.push(`${s}:${l}`) }
    )
    expect(r).toMatchObject({
      exitCode: 3,
      stdout: 'HELLO\n',
      stderr: 'err\n',
      timedOut: false,
      aborted: false
    })
    expect(lines.sort()).toEqual(['stderr:err', 'stdout:HELLO'])
  })

  it('a program that cannot be started is reported, not thrown', async () => {
    const r = await runProcess(path.join(tmp, 'missing'), [], { env, timeoutMs: 10_000 })
    expect(r.spawnError?.message).toContain('ENOENT')
    expect(r.exitCode).toBeNull()
  })

  it('the time limit kills the whole tree', async () => {
    const pidFile = path.join(tmp, 'grandchild.pid')
    const script =
      'const c=require("child_process").spawn(process.execPath,["-e","setInterval(()=>{},1000)"],{stdio:"ignore"});' +
      `require("fs").writeFileSync(${JSON.stringify(pidFile)},String(c.pid));setInterval(()=>{},1000)`
    const r = await runProcess(node, ['-e', script], { env, timeoutMs: 800 })
    expect(r.timedOut).toBe(true)
    expect(r.exitCode).toBeNull()
    // (Windows has no process groups: only the child itself is killed there)
    expect(isWindows || (await gone(Number(await fs.readFile(pidFile, 'utf8'))))).toBe(true)
  })

  it('an abort stops it', async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 300)
    const r = await runProcess(node, ['-e', 'setInterval(()=>{},1000)'], {
      env,
      timeoutMs: 30_000,
      signal: controller.signal
    })
    expect(r).toMatchObject({ aborted: true, timedOut: false })
  })

  it('an already aborted signal stops it at once', async () => {
    const r = await runProcess(node, ['-e', 'setInterval(()=>{},1000)'], {
      env,
      timeoutMs: 30_000,
      signal: AbortSignal.abort()
    })
    expect(r.aborted).toBe(true)
  })
})
