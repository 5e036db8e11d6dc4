import fs from 'node:fs/promises'
import path from 'node:path'
import { formatDuration } from '../util/duration.js'
import type { Logger } from '../util/logger.js'
import { plainText } from '../util/text.js'
import { pipEnv, pythonEnv, type Env } from './env.js'
import { ScannerError, outputTail, type Secrets } from './scanner-error.js'
import { checkVersion } from './scanner-version.js'
import { runProcess, type RunResult } from './process.js'
import { minorOf, SETUP_PYTHON_HINT, type PythonInfo } from './python.js'
import { CLIENT_PACKAGE, renderRequirements, type PinnedRequirements } from './requirements.js'
import type { ScannerDirs } from './workdir.js'

/**
 * The official client in a virtual environment made in this run, installed at an exact version from the private
 * package index and from nowhere else:
 *
 * - the environment is created in the run's private directory (workdir.ts) by the base interpreter, run with
 *   `-I -S` (no PYTHON* variables, no user or system site-packages, so no `.pth` file planted there runs), and
 *   nothing of it is ever reused by a later run (see workdir.ts for why no reuse can be trusted);
 * - when the interpreter's standard library bundles a pip wheel (ensurepip), the environment is made bare and that
 *   pip, run from its wheel by the base interpreter with `-I -S`, installs the client straight into the
 *   environment's site-packages (`--target`): the same pip the environment would get, without the seconds spent
 *   copying it in first, which every step pays now that nothing is reused. Without a bundled wheel the
 *   environment gets pip from ensurepip and runs it itself;
 * - the index URL reaches pip as `PIP_INDEX_URL` in pip's own environment: not in its arguments (which every
 *   process on the machine can read, and which exec tools echo), and never as an *extra* index, so the public
 *   placeholder of the same name cannot be resolved;
 * - pip's environment is built from an allow list (env.ts): no inherited `PIP_*` variable, `PIP_CONFIG_FILE`
 *   at the null device (no configuration file at all), an empty HOME of the run; `--no-cache-dir`, because
 *   pip's HTTP and wheel caches are files an earlier step could have planted;
 * - a `scanner-requirements` file reaches pip only as a file we write from its parsed lines
 *   (requirements.ts), with `--require-hashes` and `--only-binary=:all:`;
 * - after the install, the environment's interpreter reports the installed version, which must be the pinned one.
 */

export { CLIENT_PACKAGE }
/** The client's extras: one per object-storage source, and `all`. */
export const CLIENT_EXTRAS = ['aws', 'gcp', 'azure', 'artifactory', 'gitlab', 'all'] as const
/** Which extra a source needs (LOCAL and Hugging Face need none). */
export const EXTRA_FOR_SOURCE: Readonly<Record<string, (typeof CLIENT_EXTRAS)[number]>> = {
  S3: 'aws',
  GCS: 'gcp',
  AZURE: 'azure',
  ARTIFACTORY: 'artifactory',
  GITLAB: 'gitlab'
}

/** An exact PEP 440 release (no ranges, wildcards or local versions): `1.1.2`, `1.2.0rc1`, `1.1.2.post1`. */
const EXTRA_NAME = /^[a-z0-9]([a-z0-9._-]{0,62}[a-z0-9])?$/i

const VENV_TIMEOUT_MS = 5 * 60_000
const PROBE_TIMEOUT_MS = 60_000
export const DEFAULT_INSTALL_TIMEOUT_MS = 20 * 60_000

/** pip reports an index that refused its credentials in these words (its log has the debug lines). */
const REFUSED = /\b40[13] Client Error\b|\b401 Error, Credentials not correct\b|\bHTTP error 40[13]\b/

export interface InstallOptions {
  python: PythonInfo
  /** exact client version */
  version: string
  extras?: readonly string[]
  /**
   * A parsed `scanner-requirements` file (requirements.ts): pip gets a file written from it, with
   * `--require-hashes`; `extras` are then the file's business.
   */
  requirements?: PinnedRequirements
  /** the run's private directory (workdir.ts): the environment is created in `dirs.venv` */
  dirs: ScannerDirs
  /** a fresh URL of the private index: called once, and once more if the index refuses the first */
  indexUrl: () => Promise<string>
  secrets: Secrets
  logger: Logger
  /** the action's environment, which the children get allow-listed parts of (env.ts) */
  env: Env
  signal?: AbortSignal
  /** longest a pip install may take (default 20 minutes: the client's extras pull large wheels) */
  timeoutMs?: number
}

export interface InstalledScanner {
  /** the environment's interpreter */
  python: string
  venvDir: string
  /** the installed (and verified) client version */
  version: string
  /** always false: an environment made by an earlier process is never used (kept for compatibility) */
  reused: false
  /** sha256 of the scanner-requirements file installed from, if any */
  requirementsSha256?: string
}

export function checkExtras(extras: readonly string[]): string[] {
  for (const e of extras) {
    if (!EXTRA_NAME.test(e)) {
      throw new ScannerError(
        'INVALID_OPTION',
        `The scanner extra ${JSON.stringify(plainText(e, 60))} is not a valid extra name; known extras: ${CLIENT_EXTRAS.join(', ')}`
      )
    }
  }
  return [...new Set(extras.map((e) => e.toLowerCase()))].sort()
}

/** `model-security-client[all]==1.1.2` */
export function requirementSpec(version: string, extras: readonly string[]): string {
  return `${CLIENT_PACKAGE}${extras.length > 0 ? `[${extras.join(',')}]` : ''}==${version}`
}

export const venvPython = (dir: string) =>
  process.platform === 'win32' ? path.join(dir, 'Scripts', 'python.exe') : path.join(dir, 'bin', 'python')

const VERIFY =
  'import importlib.metadata as m, json, sys\n' +
  'try:\n    v = m.version(sys.argv[1])\nexcept m.PackageNotFoundError:\n    v = None\n' +
  'print(json.dumps({"client": v, "prefix": sys.prefix}))\n'

/** The client version installed in the environment made in this run, or why it cannot be read. */
async function installedVersion(
  python: string,
  opts: InstallOptions
): Promise<{ version?: string | null; problem?: string }> {
  const r = await runProcess(python, ['-I', '-c', VERIFY, CLIENT_PACKAGE], {
    env: pythonEnv(opts.env, opts.dirs),
    cwd: opts.dirs.home,
    timeoutMs: PROBE_TIMEOUT_MS,
    signal: opts.signal
  })
  stopIfAborted(r, 'checking the scanner environment')
  if (r.exitCode !== 0) return { problem: `its Python does not run (exit code ${String(r.exitCode)})` }
  try {
    const parsed = JSON.parse(r.stdout.trim().split(/\r?\n/).pop() ?? '') as {
      client?: string | null
      prefix?: string
    }
    if (typeof parsed.prefix !== 'string' || !(await sameDir(parsed.prefix, opts.dirs.venv)))
      return { problem: 'its Python does not run in that environment' }
    return { version: parsed.client ?? null }
  } catch {
    return { problem: 'its Python printed something unexpected' }
  }
}

async function sameDir(a: string, b: string): Promise<boolean> {
  try {
    return (await fs.realpath(a)) === (await fs.realpath(b))
  } catch {
    return false
  }
}

function stopIfAborted(r: RunResult, what: string): void {
  if (r.aborted) throw new ScannerError('ABORTED', `Stopped ${what}: the scan was cancelled.`)
}

/** Creates the environment in `opts.dirs.venv` and installs the pinned client into it. */
export async function installScanner(opts: InstallOptions): Promise<InstalledScanner> {
  const { logger, dirs } = opts
  checkVersion(opts.version)
  const extras = opts.requirements ? [] : checkExtras(opts.extras ?? [])
  let requirementsFile: string | undefined
  if (opts.requirements) {
    checkClientPin(opts.requirements, opts.version)
    // pip reads only what the parser understood, never the workflow's file
    requirementsFile = path.join(dirs.pip, 'requirements.txt')
    await fs.writeFile(requirementsFile, renderRequirements(opts.requirements), { mode: 0o600, flag: 'wx' })
  }

  const python = venvPython(dirs.venv)
  const bundled = opts.python.bundledPip
  await createVenv(dirs.venv, opts, !bundled)
  const pip = bundled
    ? {
        command: opts.python.executable,
        args: [
          '-I',
          '-S',
          path.join(bundled.wheel, 'pip'),
          'install',
          '--target',
          path.join(dirs.venv, bundled.sitePackages),
          // the runner's user may be root; the environment is ours, not the system's
          '--root-user-action=ignore'
        ]
      }
    : { command: python, args: ['-I', '-m', 'pip', 'install'] }
  await pipInstall(pip, extras, requirementsFile, opts)
  const found = await installedVersion(python, opts)
  if (found.problem) {
    throw new ScannerError(
      'PIP_FAILED',
      `The scanner environment in ${dirs.venv} is broken after pip ran: ${found.problem}`
    )
  }
  if (found.version !== opts.version) {
    throw new ScannerError(
      'VERSION_MISMATCH',
      `pip installed ${CLIENT_PACKAGE} ${plainText(String(found.version), 40)}, not the pinned ${opts.version}` +
        (opts.requirements ? ': the requirements file must pin the same version as the scanner version' : '')
    )
  }
  logger.info(`scanner: installed ${CLIENT_PACKAGE} ${opts.version} in ${dirs.venv}`)
  return {
    python,
    venvDir: dirs.venv,
    version: opts.version,
    reused: false,
    ...(opts.requirements && { requirementsSha256: opts.requirements.sha256 })
  }
}

/** A parsed requirements value must pin the client, unconditionally, at the scanner version. */
function checkClientPin(pinned: PinnedRequirements, version: string): void {
  const client = pinned.requirements.filter((r) => r.name === CLIENT_PACKAGE)
  if (client.length !== 1 || client[0]!.version !== version || client[0]!.marker !== undefined) {
    throw new ScannerError(
      'INVALID_OPTION',
      `The scanner requirements file ${plainText(pinned.file, 200)} does not pin ${CLIENT_PACKAGE}==${version} ` +
        'once and without a marker (it must pin the scanner version, with --hash lines for it and every dependency)'
    )
  }
}

async function createVenv(dir: string, opts: InstallOptions, withPip: boolean): Promise<void> {
  opts.logger.info(`scanner: creating a virtual environment in ${dir}`)
  // -I: no PYTHON* variables, no user site; -S: not even the base interpreter's site-packages, where an earlier
  // step's `pip install` may have left a .pth file that would run here
  const args = ['-I', '-S', '-m', 'venv', ...(withPip ? [] : ['--without-pip']), dir]
  const r = await runProcess(opts.python.executable, args, {
    env: pythonEnv(opts.env, opts.dirs),
    cwd: opts.dirs.home,
    timeoutMs: VENV_TIMEOUT_MS,
    signal: opts.signal,
    onLine: (l) => opts.logger.debug(`venv: ${opts.secrets.redact(l)}`)
  })
  stopIfAborted(r, 'creating the scanner environment')
  if (r.exitCode === 0 && !r.timedOut) return
  const missing = /ensurepip is not available|No module named (venv|ensurepip)/i.test(r.output)
  throw new ScannerError(
    'VENV_FAILED',
    `Python ${opts.python.versionText} could not create a virtual environment` +
      (r.timedOut
        ? ' in time'
        : r.spawnError
          ? ` (${r.spawnError.message})`
          : ` (exit code ${String(r.exitCode)})`) +
      (missing
        ? `: its venv module is missing (on Debian or Ubuntu install python${minorOf(opts.python.version)}-venv), or ${SETUP_PYTHON_HINT}`
        : '') +
      (r.output.trim() ? `. Last lines of its output:\n${outputTail(r.output, opts.secrets, 10)}` : '')
  )
}

/**
 * pip's arguments for what to install.
 *
 * With a requirements file: `--require-hashes`, so every file pip installs, the client's dependencies included,
 * must match a hash of the file (pip refuses a dependency the file does not pin, and says which; `--no-deps` is
 * not used because it would install an incomplete environment that fails only when the client runs), and
 * `--only-binary=:all:`, because a source distribution runs its build code at install time and pip fetches its
 * build requirements without checking any hash: the file's promise, exactly these files and nothing else, holds
 * only for wheels.
 *
 * Without one, the client at the exact version with its extras, resolved from the private index alone. Source
 * distributions are not refused there: nothing is hash-pinned in that mode, the client's own code from the same
 * index runs anyway, and no credential is in pip's environment.
 */
function pipTarget(version: string, extras: string[], requirementsFile: string | undefined): string[] {
  return requirementsFile
    ? ['--require-hashes', '--only-binary=:all:', '-r', requirementsFile]
    : [requirementSpec(version, extras)]
}

async function pipInstall(
  pip: { command: string; args: string[] },
  extras: string[],
  requirementsFile: string | undefined,
  opts: InstallOptions
): Promise<void> {
  const { logger, secrets } = opts
  const shown = opts.requirements
    ? `${CLIENT_PACKAGE}==${opts.version} (hash-pinned by ${plainText(opts.requirements.file, 200)}, sha256 ${opts.requirements.sha256.slice(0, 12)}…)`
    : requirementSpec(opts.version, extras)
  const timeoutMs = opts.timeoutMs ?? DEFAULT_INSTALL_TIMEOUT_MS

  for (let attempt = 1; ; attempt++) {
    const url = await opts.indexUrl()
    secrets.addUrl(url)
    try {
      if (!/^https?:$/.test(new URL(url).protocol)) throw new Error('scheme')
    } catch {
      throw new ScannerError('PIP_FAILED', 'The package index URL the service returned is not an http(s) URL')
    }
    const log = path.join(opts.dirs.pip, `pip-${attempt}.log`)
    logger.info(`scanner: installing ${shown} from the private package index`)
    const r = await runProcess(
      pip.command,
      [
        ...pip.args,
        '--no-input',
        '--disable-pip-version-check',
        // pip's HTTP and wheel caches are files on disk: an earlier step could have planted entries
        '--no-cache-dir',
        // byte-compiling every installed module (the cloud SDKs' thousands) costs seconds; Python compiles what
        // the driver imports, once, into this private environment
        '--no-compile',
        '--progress-bar',
        'off',
        '--log',
        log,
        ...pipTarget(opts.version, extras, requirementsFile)
      ],
      {
        env: pipEnv(opts.env, opts.dirs, url),
        cwd: opts.dirs.pip,
        timeoutMs,
        signal: opts.signal,
        onLine: (l) => logger.debug(`pip: ${secrets.redact(l)}`)
      }
    )
    stopIfAborted(r, 'installing the scanner client')
    if (r.exitCode === 0 && !r.timedOut) return
    const tail = outputTail(r.output, secrets)
    if (r.timedOut) {
      throw new ScannerError(
        'TIMEOUT',
        `pip did not install ${shown} within ${formatDuration(timeoutMs)}. Last lines of its output:\n${tail}`
      )
    }
    if (r.spawnError) {
      throw new ScannerError(
        'PIP_FAILED',
        `pip could not be started: ${secrets.redact(r.spawnError.message)}`
      )
    }
    const pipLog = await fs.readFile(log, 'utf8').catch(() => '')
    if (REFUSED.test(pipLog) || REFUSED.test(r.output)) {
      if (attempt === 1) {
        logger.warning(
          'scanner: the package index refused its URL (HTTP 401/403; it may have expired): fetching a new one'
        )
        continue
      }
      throw new ScannerError(
        'INDEX_REFUSED',
        'The private package index refused a freshly fetched URL as well (HTTP 401/403): check that the service ' +
          `account may download the model security client. Last lines of pip's output:\n${tail}`
      )
    }
    throw new ScannerError(
      'PIP_FAILED',
      `pip could not install ${shown} (exit code ${String(r.exitCode)})${pipHint(r.output, opts)}. ` +
        `Last lines of pip's output:\n${tail}`
    )
  }
}

/**
 * What to do about a failed install, from pip's words: a version the index lacks, a dependency it does not
 * serve (no other index is consulted, and none can be added), a file that does not match its hash, a dependency
 * the requirements file does not pin.
 */
function pipHint(output: string, opts: InstallOptions): string {
  const file = opts.requirements ? plainText(opts.requirements.file, 200) : ''
  if (opts.requirements && /THESE PACKAGES DO NOT MATCH THE HASHES/i.test(output)) {
    return (
      `: a file the private package index serves does not match its hash in ${file}; regenerate the file ` +
      'against that index (pip-compile --generate-hashes), and review the change'
    )
  }
  if (opts.requirements && /Hashes are required in --require-hashes mode/i.test(output)) {
    return `: ${file} must pin every dependency of the client with its hashes; regenerate it with pip-compile --generate-hashes`
  }
  const missing = /No matching distribution found for ([A-Za-z0-9._-]+)/i.exec(output)?.[1]
  if (!missing) return ''
  if (!/^model[-_.]security[-_.]client$/i.test(missing)) {
    return (
      `: the private package index (the only one consulted) does not serve ${plainText(missing, 100)}, a ` +
      `dependency of the client, ${opts.requirements ? 'as a wheel (with scanner-requirements pip installs wheels only) ' : ''}` +
      `for Python ${opts.python.versionText} on this platform. The action takes no package from any other index: ` +
      `use a Python version the client supports${opts.requirements ? `, pin versions that index serves in ${file}` : ''}, ` +
      'or ask Palo Alto Networks support about the index'
    )
  }
  const versions = /requirement model[-_.]security[-_.]client\S* \(from versions: ([^)]*)\)/i
    .exec(output)?.[1]
    ?.trim()
  return (
    ': the private package index (the only one consulted) has no such version' +
    (versions && versions !== 'none' ? `; it offers ${plainText(versions, 300)}` : '')
  )
}
