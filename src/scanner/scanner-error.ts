import { redact } from '../util/redact.js'
import { GateError, type GateErrorCode } from '../util/gate-error.js'
import { plainText } from '../util/text.js'

/**
 * Failures of the scanner on the runner (Python, its virtual environment, pip, the official client). Each is a
 * GateError, so the gate reports it like any other, with a `reason` that says exactly which step failed (the
 * troubleshooting table in docs/troubleshooting.md and the tests key on it). Messages never carry a secret:
 * everything taken from a child process's output goes through `Secrets.redact` first.
 */

export const SCANNER_FAILURES = {
  /** no usable Python interpreter (not on PATH, or the given path does not run) */
  NO_PYTHON: 'SCANNER_SETUP',
  /** a Python outside the client's supported range */
  PYTHON_VERSION: 'SCANNER_SETUP',
  /** a scanner option is malformed (version, extras, requirements file) */
  INVALID_OPTION: 'INVALID_INPUT',
  /** the model path to scan does not exist */
  MODEL_PATH: 'INVALID_INPUT',
  /** `python -m venv` failed (e.g. Debian's python3-venv is missing) */
  VENV_FAILED: 'SCANNER_SETUP',
  /** the private package index refused a freshly fetched URL too */
  INDEX_REFUSED: 'SCANNER_SETUP',
  /** pip could not install the client */
  PIP_FAILED: 'SCANNER_SETUP',
  /** what got installed is not the pinned version (e.g. a requirements file pinning another one) */
  VERSION_MISMATCH: 'SCANNER_SETUP',
  /** the client raised an exception (it reports the type and the message) */
  SCANNER_ERROR: 'SCANNER_FAILED',
  /** the driver ended without its result line (killed, crashed, or wrote something else) */
  SCANNER_CRASHED: 'SCANNER_FAILED',
  /** a step took longer than its time limit */
  TIMEOUT: 'TIMEOUT',
  /** the caller's signal stopped the work */
  ABORTED: 'TIMEOUT'
} as const satisfies Record<string, GateErrorCode>
export type ScannerFailure = keyof typeof SCANNER_FAILURES

export class ScannerError extends GateError {
  constructor(
    readonly reason: ScannerFailure,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(SCANNER_FAILURES[reason], message, options)
    this.name = 'ScannerError'
  }
}

// `scheme://user:password@` and `scheme://token@`: the userinfo of any URL a tool prints
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi

/**
 * The secrets this run knows: each is handed to `onSecret` (the action masks it in the job log) as soon as it is
 * known, and every text taken from a child process is redacted against all of them before anyone sees it.
 */
export class Secrets {
  private readonly values = new Set<string>()

  constructor(private readonly onSecret: (secret: string) => void) {}

  add(secret: string | undefined): void {
    if (!secret || this.values.has(secret)) return
    this.values.add(secret)
    this.onSecret(secret)
  }

  /** A URL that embeds credentials: the URL itself, its password and (unless the `_token` convention) user. */
  addUrl(url: string): void {
    this.add(url)
    try {
      const u = new URL(url)
      for (const part of [u.password, u.username === '_token' ? '' : u.username]) {
        if (!part) continue
        this.add(part)
        const decoded = safeDecode(part)
        if (decoded !== part) this.add(decoded)
      }
    } catch {
      // not a URL: the whole text is masked
    }
  }

  redact(text: string): string {
    // longest first, so a URL is replaced whole before the token inside it
    const all = [...this.values].sort((a, b) => b.length - a.length)
    return redact(text, all).replace(URL_USERINFO, '$1***@')
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/**
 * The last `max` non-empty lines of a tool's output, redacted and cleaned for a message, each indented by two
 * spaces. Empty when there is nothing.
 */
export function outputTail(text: string, secrets: Secrets, max = 20): string {
  const lines = secrets
    .redact(text)
    .split(/\r?\n/)
    .map((l) => plainText(l, 400))
    .filter((l) => l !== '')
  return lines
    .slice(-max)
    .map((l) => `  ${l}`)
    .join('\n')
}
