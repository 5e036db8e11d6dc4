import { getExecOutput } from '@actions/exec'
import type { Logger } from '../util/logger.js'
import { untilAborted } from '../util/sleep.js'
import { plainText } from '../util/text.js'
import { ScannerError } from './scanner-error.js'

/**
 * The Python that hosts the scanner client: the interpreter the caller names, or `python3` then `python` on
 * PATH. Each candidate is run once (isolated, without site-packages) to read its version and real executable, and
 * one outside the range the official client supports is refused with a message that says how to fix the workflow.
 */

/**
 * Python versions the official client runs on. The sources disagree (section 6 of the API contract): 3.11 or
 * 3.12 (the vendor's portal), 3.11 to 3.13 (the lab reference), 3.12 "required" (one integration), 3.11 (another);
 * none names 3.10 or 3.14. So 3.11 to 3.13, with 3.12 as the recommendation.
 */
export const SUPPORTED_PYTHON = { min: [3, 11], max: [3, 13], recommended: '3.12' } as const

export interface PythonInfo {
  /** what was run: the given path or the command found on PATH */
  command: string
  /** `sys.executable`: the real interpreter (behind a pyenv shim, say) */
  executable: string
  version: readonly [number, number, number]
  /** `3.12.4` */
  versionText: string
  /**
   * The pip wheel bundled with the interpreter's standard library (ensurepip), and where a virtual environment
   * keeps its packages relative to its root (`lib/python3.12/site-packages`): with both, the client is installed
   * by that pip straight into a bare environment, without copying pip into it first. Absent when the interpreter
   * has no bundled wheel (Debian's own Pythons, say).
   */
  bundledPip?: { wheel: string; sitePackages: string }
}

export interface FindPythonOptions {
  /** an interpreter to use instead of looking on PATH */
  python?: string
  logger: Logger
  /**
   * the interpreter's complete environment, allow-listed by the caller (env.ts pythonEnv); PATH lookup itself uses
   * the process's PATH
   */
  env: Record<string, string>
  signal?: AbortSignal
}

/** What the probe prints: one JSON line. */
const PROBE = [
  'import glob, json, os, sys, sysconfig',
  'pip = None',
  'try:',
  '    import ensurepip',
  "    wheels = sorted(glob.glob(os.path.join(os.path.dirname(ensurepip.__file__), '_bundled', 'pip-*.whl')))",
  "    base = os.path.join(os.sep, 'airs-venv')",
  "    if wheels and 'venv' in sysconfig.get_scheme_names():",
  "        site = sysconfig.get_path('purelib', 'venv', vars={'base': base, 'platbase': base})",
  "        pip = {'wheel': wheels[-1], 'sitePackages': os.path.relpath(site, base)}",
  'except Exception:',
  '    pip = None',
  'print(json.dumps({"version": list(sys.version_info[:3]), "executable": sys.executable, "pip": pip}))'
].join('\n')

export const PYTHON_CANDIDATES = ['python3', 'python'] as const

/** `3.11` */
export const minorOf = (v: readonly number[]) => `${v[0]}.${v[1]}`

export function isSupportedPython(version: readonly number[]): boolean {
  const [major = 0, minor = 0] = version
  const key = major * 1000 + minor
  const lo = SUPPORTED_PYTHON.min[0] * 1000 + SUPPORTED_PYTHON.min[1]
  const hi = SUPPORTED_PYTHON.max[0] * 1000 + SUPPORTED_PYTHON.max[1]
  return key >= lo && key <= hi
}

const range = `${minorOf(SUPPORTED_PYTHON.min)} to ${minorOf(SUPPORTED_PYTHON.max)}`
/** What to do in the workflow when no usable Python is there. */
export const SETUP_PYTHON_HINT = `add actions/setup-python (python-version: '${SUPPORTED_PYTHON.recommended}') before this step`

/** Runs one candidate; undefined when it does not run or is not a Python. */
async function probe(
  command: string,
  opts: FindPythonOptions
): Promise<{ info?: PythonInfo; problem: string }> {
  let out
  try {
    out = await untilAborted(
      // -I: no PYTHON* variables, no user site; -S: no site-packages, whose .pth files run at start-up
      getExecOutput(command, ['-I', '-S', '-c', PROBE], {
        silent: true,
        ignoreReturnCode: true,
        env: opts.env
      }),
      opts.signal,
      () => new ScannerError('ABORTED', 'Stopped looking for Python: the scan was cancelled.')
    )
  } catch (e) {
    if (e instanceof ScannerError) throw e
    return { problem: 'not found' }
  }
  if (out.exitCode !== 0) return { problem: `exited with code ${out.exitCode}` }
  try {
    const parsed = JSON.parse(out.stdout.trim().split(/\r?\n/).pop() ?? '') as {
      version?: unknown
      executable?: unknown
      pip?: { wheel?: unknown; sitePackages?: unknown } | null
    }
    const v = parsed.version
    if (
      Array.isArray(v) &&
      v.length === 3 &&
      v.every((n) => Number.isInteger(n)) &&
      typeof parsed.executable === 'string'
    ) {
      const version = [v[0], v[1], v[2]] as [number, number, number]
      return {
        info: {
          command,
          // an embedded interpreter may report an empty sys.executable: keep what was run
          executable: parsed.executable || command,
          version,
          versionText: version.join('.'),
          ...(typeof parsed.pip?.wheel === 'string' &&
            typeof parsed.pip.sitePackages === 'string' &&
            !parsed.pip.sitePackages.startsWith('..') && {
              bundledPip: { wheel: parsed.pip.wheel, sitePackages: parsed.pip.sitePackages }
            })
        },
        problem: ''
      }
    }
  } catch {
    // not a Python
  }
  return { problem: 'is not a Python interpreter' }
}

/** The interpreter to build the scanner's environment with, or a ScannerError that says what to add. */
export async function findPython(opts: FindPythonOptions): Promise<PythonInfo> {
  const explicit = opts.python?.trim()
  const candidates = explicit ? [explicit] : [...PYTHON_CANDIDATES]
  const tried: string[] = []
  for (const command of candidates) {
    const { info, problem } = await probe(command, opts)
    if (!info) {
      tried.push(`${plainText(command, 200)} (${problem})`)
      opts.logger.debug(`scanner: ${plainText(command, 200)} ${problem}`)
      continue
    }
    if (!isSupportedPython(info.version)) {
      throw new ScannerError(
        'PYTHON_VERSION',
        `Python ${info.versionText} (${plainText(info.executable, 200)}) is not supported by the model security ` +
          `client, which needs Python ${range}: ${SETUP_PYTHON_HINT}` +
          (explicit ? ', or name a supported interpreter' : '')
      )
    }
    opts.logger.info(`scanner: using Python ${info.versionText} (${plainText(info.executable, 200)})`)
    return info
  }
  throw new ScannerError(
    'NO_PYTHON',
    `No Python found to run the model security client (tried ${tried.join(', ')}): ${SETUP_PYTHON_HINT}` +
      (explicit ? ', or name an interpreter that exists' : '')
  )
}
