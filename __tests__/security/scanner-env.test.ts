import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { ModelSecurityClient } from '../../src/airs/client.js'
import { silentLogger } from '../../src/util/logger.js'
import { pipEnv, pythonEnv, RUNNER_SOURCES, type RunnerSource } from '../../src/scanner/env.js'
import { prepareScanner, type RunnerScanner } from '../../src/scanner/prepare-scanner.js'
import { driverEnv } from '../../src/scanner/run.js'
import type { Simulator } from '../../sim/server.js'
import { LOCAL_GROUP } from '../helpers/ids.js'
import { runAction } from '../helpers/run-dist.js'
import { clientFor, startSim } from '../helpers/sim.js'
import { publish, setHooks, standInClient } from '../helpers/wheel.js'

/**
 * Issue 13, item 6: the scanner's driver inherited the action's environment minus a deny list, so it received
 * ACTIONS_ID_TOKEN_REQUEST_TOKEN/_URL, ACTIONS_RUNTIME_TOKEN, GITHUB_TOKEN and the runner's command files.
 *
 * The class is closed by allow lists: each Python child gets the basics, and the driver the client's own
 * variables (set by the action) and the credential variables of the one source it scans. These tests generate
 * every variable name a runner sets or an attacker could set, in every case, plus random names, and prove
 * that none reaches any child while each source's credentials reach the driver scanning that source, and no
 * other. End to end, the stand-in client records the environment of every interpreter start in its
 * environment (the version probe, the driver) and the interpreter probe is run through a wrapper that dumps
 * its own.
 */

const isWindows = process.platform === 'win32'
const VERSION = '1.1.2'

/** What the runner sets for every step (names as documented by GitHub, and the undocumented ones seen). */
const RUNNER_NAMES = [
  'GITHUB_TOKEN',
  'GITHUB_ENV',
  'GITHUB_OUTPUT',
  'GITHUB_PATH',
  'GITHUB_STATE',
  'GITHUB_STEP_SUMMARY',
  'GITHUB_WORKSPACE',
  'GITHUB_EVENT_PATH',
  'GITHUB_EVENT_NAME',
  'GITHUB_REPOSITORY',
  'GITHUB_REPOSITORY_OWNER',
  'GITHUB_SHA',
  'GITHUB_REF',
  'GITHUB_REF_NAME',
  'GITHUB_HEAD_REF',
  'GITHUB_BASE_REF',
  'GITHUB_ACTOR',
  'GITHUB_TRIGGERING_ACTOR',
  'GITHUB_RUN_ID',
  'GITHUB_RUN_NUMBER',
  'GITHUB_RUN_ATTEMPT',
  'GITHUB_JOB',
  'GITHUB_ACTION',
  'GITHUB_ACTION_PATH',
  'GITHUB_ACTION_REPOSITORY',
  'GITHUB_ACTION_REF',
  'GITHUB_ACTIONS',
  'GITHUB_SERVER_URL',
  'GITHUB_API_URL',
  'GITHUB_GRAPHQL_URL',
  'GITHUB_WORKFLOW',
  'GITHUB_WORKFLOW_REF',
  'GITHUB_WORKFLOW_SHA',
  'GITHUB_RETENTION_DAYS',
  'GITHUB_PAT',
  'GH_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_RUNTIME_URL',
  'ACTIONS_CACHE_URL',
  'ACTIONS_CACHE_SERVICE_V2',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_STEP_DEBUG',
  'ACTIONS_RUNNER_DEBUG',
  'ACTIONS_ORCHESTRATION_ID',
  'RUNNER_TEMP',
  'RUNNER_TOOL_CACHE',
  'RUNNER_OS',
  'RUNNER_ARCH',
  'RUNNER_NAME',
  'RUNNER_ENVIRONMENT',
  'RUNNER_DEBUG',
  'RUNNER_WORKSPACE',
  'RUNNER_TRACKING_ID',
  'RUNNER_PERFLOG',
  'CI',
  'ImageOS',
  'ImageVersion',
  'AGENT_TOOLSDIRECTORY',
  'JAVA_HOME',
  'ANDROID_HOME',
  'DOTNET_ROOT',
  'pythonLocation',
  'Python_ROOT_DIR',
  'Python3_ROOT_DIR',
  'PKG_CONFIG_PATH'
]

/** What the action's inputs and credentials look like in its environment. */
const ACTION_NAMES = [
  'INPUT_CLIENT-SECRET',
  'INPUT_CLIENT_SECRET',
  'INPUT_CLIENT-ID',
  'INPUT_TSG-ID',
  'INPUT_GITHUB-TOKEN',
  'INPUT_SCANNER-REQUIREMENTS',
  'INPUT_MODEL-URI',
  'PANW_MODEL_SEC_CLIENT_ID',
  'PANW_MODEL_SEC_CLIENT_SECRET',
  'PANW_MODEL_SEC_TSG_ID',
  'PANW_MGMT_CLIENT_SECRET',
  'PANW_MODEL_SEC_DATA_ENDPOINT',
  'MODEL_SECURITY_CLIENT_ID',
  'MODEL_SECURITY_CLIENT_SECRET',
  'MODEL_SECURITY_API_ENDPOINT',
  'MODEL_SECURITY_TOKEN_ENDPOINT',
  'MODEL_SECURITY_PROXY',
  'TSG_ID',
  'HF_TOKEN',
  'HUGGING_FACE_HUB_TOKEN'
]

/** What could change what a Python child loads or where pip looks. */
const LOADER_NAMES = [
  'PIP_INDEX_URL',
  'PIP_EXTRA_INDEX_URL',
  'PIP_FIND_LINKS',
  'PIP_TRUSTED_HOST',
  'PIP_CONFIG_FILE',
  'PIP_CERT',
  'PIP_CLIENT_CERT',
  'PIP_NO_INDEX',
  'PIP_REQUIRE_VIRTUALENV',
  'PIP_CACHE_DIR',
  'PIP_TARGET',
  'PIP_PREFIX',
  'PIP_USER',
  'PIP_CONSTRAINT',
  'PIP_KEYRING_PROVIDER',
  'PYTHONPATH',
  'PYTHONHOME',
  'PYTHONSTARTUP',
  'PYTHONUSERBASE',
  'PYTHONINSPECT',
  'PYTHONSAFEPATH',
  'PYTHONWARNINGS',
  'PYTHONBREAKPOINT',
  'PYTHONEXECUTABLE',
  'PYTHONPYCACHEPREFIX',
  'PYTHONPLATLIBDIR',
  'VIRTUAL_ENV',
  'CONDA_PREFIX',
  'LD_PRELOAD',
  'LD_LIBRARY_PATH',
  'LD_AUDIT',
  'LD_DEBUG',
  'DYLD_INSERT_LIBRARIES',
  'DYLD_LIBRARY_PATH',
  'NODE_OPTIONS',
  'NODE_EXTRA_CA_CERTS',
  'BASH_ENV',
  'ENV',
  'PROMPT_COMMAND',
  'SHELLOPTS',
  'IFS',
  'SETUPTOOLS_USE_DISTUTILS',
  'DISTUTILS_DEBUG',
  'NETRC',
  'XDG_CONFIG_HOME',
  'XDG_CACHE_HOME',
  'KEYRING_BACKEND',
  'GIT_ASKPASS',
  'SSH_AUTH_SOCK',
  'DOCKER_HOST',
  'KUBECONFIG'
]

/** Each name, and the spellings Windows treats as the same and Linux does not. */
const spellings = (names: string[]) => [
  ...new Set(names.flatMap((n) => [n, n.toLowerCase(), n.charAt(0) + n.slice(1).toLowerCase()]))
]
const HOSTILE = spellings([...RUNNER_NAMES, ...ACTION_NAMES, ...LOADER_NAMES])

/** Each source's credentials, as the providers' login actions and the vendor's docs set them. */
const SOURCE_CREDENTIALS: Record<Exclude<RunnerSource, 'LOCAL'>, string[]> = {
  S3: [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_REGION',
    'AWS_DEFAULT_REGION',
    'AWS_PROFILE',
    'AWS_ROLE_ARN',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_ENDPOINT_URL',
    'AWS_ENDPOINT_URL_S3',
    'AWS_CA_BUNDLE',
    'AWS_SHARED_CREDENTIALS_FILE',
    'AWS_CONFIG_FILE',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI'
  ],
  GCS: [
    'GOOGLE_APPLICATION_CREDENTIALS',
    'GOOGLE_CLOUD_PROJECT',
    'GOOGLE_GHA_CREDS_PATH',
    'GCLOUD_PROJECT',
    'CLOUDSDK_CONFIG',
    'CLOUDSDK_CORE_PROJECT',
    'CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE',
    'GCE_METADATA_HOST',
    'STORAGE_EMULATOR_HOST',
    'NO_GCE_CHECK'
  ],
  AZURE: [
    'AZURE_CLIENT_ID',
    'AZURE_TENANT_ID',
    'AZURE_CLIENT_SECRET',
    'AZURE_FEDERATED_TOKEN_FILE',
    'AZURE_AUTHORITY_HOST',
    'AZURE_STORAGE_CONNECTION_STRING',
    'AZURE_CONFIG_DIR',
    'IDENTITY_ENDPOINT',
    'IDENTITY_HEADER',
    'MSI_ENDPOINT'
  ],
  ARTIFACTORY: ['ARTIFACTORY_USERNAME', 'ARTIFACTORY_TOKEN', 'ARTIFACTORY_URL'],
  GITLAB: ['GITLAB_TOKEN', 'GITLAB_HOST']
}
const ALL_CREDENTIALS = Object.values(SOURCE_CREDENTIALS).flat()

/** What every child may get: the basics, proxies and CAs (names as the test spells them). */
const BASIC = [
  'PATH',
  'LANG',
  'LC_ALL',
  'TZ',
  'https_proxy',
  'NO_PROXY',
  'SSL_CERT_FILE',
  'REQUESTS_CA_BUNDLE'
]

/** An environment holding all of it, each value unique and recognisable. */
function hostileEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {}
  HOSTILE.forEach((n, i) => (env[n] = `leak-${i}-${n}`))
  ALL_CREDENTIALS.forEach((n) => (env[n] = `cred-${n}`))
  for (const n of BASIC) env[n] = `basic-${n}`
  return { ...env, ...extra }
}

const credentials = { clientId: 'ours-id', clientSecret: 'ours-secret', tsgId: 'ours-tsg' }
const endpoints = { api: 'https://api.example/aims', token: 'https://auth.example/token' }
const OWN = {
  MODEL_SECURITY_CLIENT_ID: 'ours-id',
  MODEL_SECURITY_CLIENT_SECRET: 'ours-secret',
  TSG_ID: 'ours-tsg',
  MODEL_SECURITY_API_ENDPOINT: 'https://api.example/aims',
  MODEL_SECURITY_TOKEN_ENDPOINT: 'https://auth.example/token'
}
const TEMP = ['TMPDIR', 'TEMP', 'TMP']

const credsOf = (source: RunnerSource | undefined) =>
  source === undefined || source === 'LOCAL' ? [] : SOURCE_CREDENTIALS[source]

/**
 * No value of `env` came from a hostile variable or, unless `source` says so, from any credential; the names
 * that are also the client's own (MODEL_SECURITY_*, TSG_ID) may be there, with the values the action set.
 */
function expectInertEnv(env: Record<string, string>, source?: RunnerSource, ours = Object.keys(OWN)): void {
  const allowedCreds = credsOf(source)
  const leaked = Object.entries(env).filter(
    ([k, v]) =>
      v.startsWith('leak-') ||
      (v.startsWith('cred-') && !allowedCreds.includes(k)) ||
      (HOSTILE.includes(k) && !ours.includes(k))
  )
  expect(leaked).toEqual([])
}

describe('the allow lists, for every name a runner or an attacker sets', () => {
  const dirs = { home: '/run/home', tmp: '/run/tmp' }

  it(`${HOSTILE.length} hostile names and every credential: none reaches Python's own steps or pip`, () => {
    expect(HOSTILE.length).toBeGreaterThan(350)
    const env = hostileEnv()
    for (const child of [pythonEnv(env, dirs), pipEnv(env, dirs, 'https://_token:t@index/simple/')]) {
      expectInertEnv(child, undefined, ['PIP_CONFIG_FILE', 'PIP_INDEX_URL'])
      expect(
        Object.keys(child).filter((k) => /^(AWS|GOOGLE|AZURE|GCLOUD|CLOUDSDK|ARTIFACTORY|GITLAB)_/i.test(k))
      ).toEqual([])
      for (const n of BASIC) expect(child[n]).toBe(`basic-${n}`)
      expect(child.HOME).toBe('/run/home')
      for (const t of TEMP) expect(child[t]).toBe('/run/tmp')
    }
    expect(pipEnv(env, dirs, 'u')).toMatchObject({ PIP_CONFIG_FILE: os.devNull, PIP_INDEX_URL: 'u' })
  })

  it.each(RUNNER_SOURCES)(
    'the driver scanning %s: our credentials, that source’s, nothing else',
    (source) => {
      const env = hostileEnv({ HOME: '/home/runner' })
      const child = driverEnv(env, credentials, endpoints, { source, tmp: '/run/x/tmp' })
      expectInertEnv(child, source)
      expect(child).toMatchObject(OWN)
      expect(child.HOME).toBe('/home/runner')
      for (const t of TEMP) expect(child[t]).toBe('/run/x/tmp')
      for (const n of credsOf(source)) expect(child[n]).toBe(`cred-${n}`)
      const expected = new Set([
        ...BASIC,
        'HOME',
        ...TEMP,
        ...Object.keys(OWN),
        ...(source === 'LOCAL' ? [] : SOURCE_CREDENTIALS[source])
      ])
      expect(Object.keys(child).sort()).toEqual([...expected].sort())
    }
  )

  it('random names (fast-check): they reach the driver only when they are in a credential namespace of its source', () => {
    const namespace: Record<RunnerSource, RegExp> = {
      LOCAL: /^$/,
      S3: /^AWS_/,
      GCS: /^(GOOGLE_|GCLOUD_|CLOUDSDK_|GCE_)|^(STORAGE_EMULATOR_HOST|NO_GCE_CHECK)$/,
      AZURE:
        /^AZURE_|^(IDENTITY_ENDPOINT|IDENTITY_HEADER|IDENTITY_SERVER_THUMBPRINT|IMDS_ENDPOINT|MSI_ENDPOINT|MSI_SECRET)$/,
      ARTIFACTORY: /^ARTIFACTORY_/,
      GITLAB: /^GITLAB_/
    }
    const basics =
      /^(PATH|LANG|LANGUAGE|TZ|USER|LOGNAME|HOME|USERPROFILE|HOMEDRIVE|HOMEPATH|APPDATA|LOCALAPPDATA|SYSTEMROOT|SYSTEMDRIVE|WINDIR|COMSPEC|PATHEXT|PROGRAMDATA|PROGRAMFILES|PROGRAMFILES\(X86\)|PROGRAMW6432|COMMONPROGRAMFILES|COMMONPROGRAMFILES\(X86\)|PROCESSOR_ARCHITECTURE|NUMBER_OF_PROCESSORS|OS|HTTP_PROXY|HTTPS_PROXY|NO_PROXY|ALL_PROXY|SSL_CERT_FILE|SSL_CERT_DIR|REQUESTS_CA_BUNDLE|CURL_CA_BUNDLE)$|^LC_/
    const name = fc.oneof(
      fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,30}$/),
      fc
        .tuple(
          fc.constantFrom(
            'GITHUB_',
            'ACTIONS_',
            'RUNNER_',
            'INPUT_',
            'PIP_',
            'PYTHON',
            'LD_',
            'DYLD_',
            'AWS_',
            'GOOGLE_',
            'AZURE_',
            'GITLAB_',
            'ARTIFACTORY_',
            'MODEL_SECURITY_',
            'PANW_',
            'LC_'
          ),
          fc.stringMatching(/^[A-Za-z0-9_]{0,20}$/)
        )
        .map(([p, s]) => p + s)
    )
    expect(() =>
      fc.assert(
        fc.property(
          fc.uniqueArray(name, { maxLength: 40 }),
          fc.constantFrom(...RUNNER_SOURCES),
          (names, source) => {
            const env = Object.fromEntries(names.map((n) => [n, `v-${n}`]))
            const child = driverEnv(env, credentials, endpoints, { source, tmp: '/t' })
            for (const n of names) {
              const upper = n.toUpperCase()
              const ours = upper in OWN || TEMP.includes(upper)
              const shouldReach = !ours && (basics.test(upper) || namespace[source].test(upper))
              if ((child[n] === `v-${n}`) !== shouldReach)
                throw new Error(`${n} for ${source}: ${String(child[n])}`)
            }
            for (const [k, v] of Object.entries(OWN)) if (child[k] !== v) throw new Error(`${k} is not ours`)
          }
        ),
        { numRuns: 3000, seed: 6 }
      )
    ).not.toThrow()
  })
})

describe('end to end: what each Python child of a real run received', () => {
  let sim: Simulator
  let client: ModelSecurityClient
  let root: string
  let hooksFile: string
  let recordFile: string
  let envlog: string
  let probeLog: string
  let scanner: RunnerScanner
  let env: Record<string, string>
  /** the environment log of the install's Python children */
  let installStarts: string

  beforeAll(async () => {
    sim = await startSim({ settleMs: 50 })
    client = clientFor(sim)
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'airs-sec-env-'))
    hooksFile = path.join(root, 'hooks.json')
    recordFile = path.join(root, 'record.json')
    envlog = path.join(root, 'envlog.jsonl')
    probeLog = path.join(root, 'probe-env.txt')
    publish(sim, standInClient(VERSION, hooksFile))
    await setHooks(hooksFile, { record: recordFile, envlog })
    await fs.mkdir(path.join(root, 'model'))
    await fs.writeFile(path.join(root, 'model', 'config.json'), '{}')
    env = hostileEnv({
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? root,
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      // the real ones, so the children can run
      ...(process.env.SYSTEMROOT && { SYSTEMROOT: process.env.SYSTEMROOT })
    })
    for (const n of ['https_proxy', 'SSL_CERT_FILE', 'REQUESTS_CA_BUNDLE']) delete env[n]
    env.NO_PROXY = '127.0.0.1,localhost'
    if (isWindows) return
    // one real install serves every test below: the `python` input is a wrapper that records the environment
    // it is started with
    const wrapper = path.join(root, 'python-wrapper')
    await fs.writeFile(wrapper, `#!/bin/sh\nenv > ${JSON.stringify(probeLog)}\nexec python3 "$@"\n`, {
      mode: 0o755
    })
    scanner = await prepareScanner({
      version: VERSION,
      extras: ['all'],
      python: wrapper,
      runnerTemp: path.join(root, 'runner-temp'),
      credentials: sim.credentials,
      endpoints: { api: sim.apiUrl, token: sim.tokenUrl },
      indexUrl: async () => (await client.pypi.authenticate()).url,
      onSecret: () => {},
      logger: silentLogger,
      env
    })
    // what the install's Python children logged at their start, before any scan adds to it
    installStarts = await fs.readFile(envlog, 'utf8')
  }, 90_000)

  afterAll(async () => {
    await scanner?.close?.()
    await client?.close()
    if (root) await fs.rm(root, { recursive: true, force: true })
  })

  it('the interpreter probe, venv, pip and the version probe get no credential and nothing hostile', async () => {
    if (isWindows) return
    // the install made in beforeAll
    const probe = Object.fromEntries(
      (await fs.readFile(probeLog, 'utf8'))
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])
    )
    expectInertEnv(probe)
    expect(probe.MODEL_SECURITY_CLIENT_SECRET).toBeUndefined()
    expect(JSON.stringify(probe)).not.toContain(sim.credentials.clientSecret)
    // the version probe after pip: logged by the stand-in's .pth at interpreter start
    const starts = installStarts
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { argv: string[]; environ: Record<string, string>; prefix: string })
    expect(starts.length).toBeGreaterThanOrEqual(1)
    for (const s of starts) {
      expectInertEnv(s.environ)
      expect(JSON.stringify(s.environ)).not.toContain(sim.credentials.clientSecret)
      expect(s.environ.HOME).toBe(path.join(path.dirname(scanner.installed.venvDir), 'home'))
      expect(s.environ.TMPDIR).toBe(path.join(path.dirname(scanner.installed.venvDir), 'tmp'))
    }
  }, 60_000)

  const MODELS: Array<[RunnerSource, string]> = [
    ['LOCAL', ''],
    ['S3', 's3://ml-artifacts/release/model'],
    ['GCS', 'gs://ml-models/model'],
    ['AZURE', 'https://acct01.blob.core.windows.net/models/m'],
    ['AZURE', 'az://models/m'],
    ['ARTIFACTORY', 'https://acme.jfrog.io/ml-local/model'],
    ['ARTIFACTORY', 'https://repo.example.com/artifactory/ml/model'],
    ['GITLAB', 'https://gitlab.example.com/group/project/-/ml/models/7']
  ]

  it.each(MODELS)(
    'the driver scanning %s %s: our credentials and that source’s only',
    async (source, uri) => {
      if (isWindows) return
      await fs.rm(recordFile, { force: true })
      await fs.rm(envlog, { force: true })
      const model = uri ? { uri } : { path: path.join(root, 'model') }
      // the gate reads the source from the URI (gate/model-source) and says it; a path is LOCAL
      const said = uri ? { source } : {}
      // the stand-in downloads only from its simulated buckets: the others fail after recording the call
      await scanner
        .scan({ model, ...said, securityGroupUuid: LOCAL_GROUP, timeoutMs: 30_000 })
        .catch(() => undefined)
      const record = JSON.parse(await fs.readFile(recordFile, 'utf8')) as { environ: Record<string, string> }
      const got = record.environ
      expectInertEnv(got, source)
      expect(got.MODEL_SECURITY_CLIENT_SECRET).toBe(sim.credentials.clientSecret)
      expect(got.MODEL_SECURITY_CLIENT_ID).toBe(sim.credentials.clientId)
      for (const n of credsOf(source)) expect(got[n]).toBe(`cred-${n}`)
      const others = ALL_CREDENTIALS.filter(
        (n) => source === 'LOCAL' || !SOURCE_CREDENTIALS[source].includes(n)
      )
      expect(others.filter((n) => n in got)).toEqual([])
      // the driver's own start, as the stand-in's .pth saw it, agrees
      const starts = (await fs.readFile(envlog, 'utf8')).trim().split('\n')
      for (const s of starts)
        expectInertEnv((JSON.parse(s) as { environ: Record<string, string> }).environ, source)
    },
    60_000
  )

  it('an explicit source wins over the URI', async () => {
    if (isWindows) return
    await fs.rm(recordFile, { force: true })
    await scanner
      .scan({
        model: { uri: 's3://ml-artifacts/x' },
        source: 'GCS',
        securityGroupUuid: LOCAL_GROUP,
        timeoutMs: 30_000
      })
      .catch(() => undefined)
    const got = (JSON.parse(await fs.readFile(recordFile, 'utf8')) as { environ: Record<string, string> })
      .environ
    expectInertEnv(got, 'GCS')
    expect(got.AWS_ACCESS_KEY_ID).toBeUndefined()
    expect(got.GOOGLE_APPLICATION_CREDENTIALS).toBe('cred-GOOGLE_APPLICATION_CREDENTIALS')
  }, 60_000)

  it('a URI whose source the gate did not say gets no credentials: the scan is refused before the driver runs', async () => {
    if (isWindows) return
    await fs.rm(recordFile, { force: true })
    await expect(
      scanner.scan({ model: { uri: 'https://example.com/model.bin' }, securityGroupUuid: LOCAL_GROUP })
    ).rejects.toThrow('cannot tell which storage')
    await expect(fs.access(recordFile)).rejects.toThrow()
  })
})

describe('through the bundled action', () => {
  it('the runner’s and the action’s variables never reach the client; a local scan gets no storage credential', async () => {
    if (isWindows) return
    const sim = await startSim({ settleMs: 50 })
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'airs-sec-env-action-'))
    try {
      const hooksFile = path.join(root, 'hooks.json')
      const recordFile = path.join(root, 'record.json')
      publish(sim, standInClient(VERSION, hooksFile))
      await setHooks(hooksFile, { record: recordFile })
      await fs.mkdir(path.join(root, 'ws', 'model'), { recursive: true })
      await fs.writeFile(path.join(root, 'ws', 'model', 'config.json'), '{}')
      // what can live in a step's environment without stopping Node itself (NODE_*, LD_* would)
      // what can live in a step's environment without changing the step's own inputs and credentials (those are
      // the in-process tests' business) or stopping Node itself (NODE_*, LD_*)
      const planted = spellings([...RUNNER_NAMES, ...LOADER_NAMES, 'HF_TOKEN']).filter(
        (n) =>
          !/^(node_|ld_|dyld_|path$|home$)/i.test(n) &&
          !/^(github_output|github_step_summary|github_workspace|runner_temp)$/i.test(n)
      )
      const env: Record<string, string> = Object.fromEntries(planted.map((n, i) => [n, `leak-${i}`]))
      for (const n of ALL_CREDENTIALS) env[n] = `cloud-${n}`
      const r = await runAction(
        { 'model-uri': 'model' },
        { ...env, ...sim.env(), GITHUB_WORKSPACE: path.join(root, 'ws'), RUNNER_TEMP: path.join(root, 'rt') },
        120_000
      )
      expect(r.outputs['eval-outcome']).toBe('ALLOWED')
      const { environ } = JSON.parse(await fs.readFile(recordFile, 'utf8')) as {
        environ: Record<string, string>
      }
      const ours = Object.keys(OWN).map((n) => n.toUpperCase())
      expect(
        Object.keys(environ).filter((n) => planted.includes(n) && !ours.includes(n.toUpperCase()))
      ).toEqual([])
      expect(Object.values(environ).filter((v) => v.startsWith('leak-') || v.startsWith('cloud-'))).toEqual(
        []
      )
    } finally {
      await fs.rm(root, { recursive: true, force: true })
    }
  }, 120_000)
})
