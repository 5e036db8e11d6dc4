import fs from 'node:fs/promises'
import path from 'node:path'
import { UUID_PATTERN } from '../airs/schemas/spec-values.js'
import { formatDuration } from '../util/duration.js'
import type { Logger } from '../util/logger.js'
import { plainText } from '../util/text.js'
import { DRIVER_SOURCE, parseDriverReply, type DriverArgs } from './driver.js'
import { ScannerError, outputTail, type Secrets } from './scanner-error.js'
import { allowEnv, sourceAllowed, tempVariables, type Env, type RunnerSource } from './env.js'
import { runProcess } from './process.js'

/**
 * Runs the driver (driver.ts) with the environment's interpreter: arguments on stdin, credentials in the
 * client's environment variables, the result from its one JSON line. Its environment is an allow list (env.ts):
 * the basics, the client's variables set here, and the credentials of the one source being scanned. Every
 * message built from its output is redacted.
 */

export interface ScannerCredentials {
  clientId: string
  clientSecret: string
  tsgId: string
}

export interface ScannerEndpoints {
  /** the API base URL the client appends `/data/…` and `/mgmt/…` to (`https://api.sase.paloaltonetworks.com/aims`) */
  api: string
  /** the OAuth2 token endpoint */
  token: string
}

export interface RunDriverOptions {
  /** the scanner environment's interpreter */
  python: string
  args: DriverArgs
  credentials: ScannerCredentials
  endpoints: ScannerEndpoints
  /** the client version the environment holds; the driver's report must agree */
  expectVersion: string
  /** the source of the model: the driver gets that source's credential variables and no other's */
  source: RunnerSource
  /** where the driver's working directory is made (and removed): the run's private directory */
  workRoot: string
  /** the action's environment, which the driver gets allow-listed parts of */
  env: Env
  secrets: Secrets
  logger: Logger
  timeoutMs: number
  signal?: AbortSignal
  /** sees an object-storage download after a successful scan, before it is removed with the run's folder */
  inspectDownload?: (dir: string) => Promise<void>
}

/**
 * The driver's environment: of the action's, only the basics, the user's home and `source`'s credential
 * variables (env.ts); then the client's own variables and a temporary directory of the run.
 */
export function driverEnv(
  base: Env,
  credentials: ScannerCredentials,
  endpoints: ScannerEndpoints,
  opts: { source: RunnerSource; tmp: string }
): Record<string, string> {
  return allowEnv(base, sourceAllowed(opts.source), {
    ...tempVariables(opts.tmp),
    MODEL_SECURITY_CLIENT_ID: credentials.clientId,
    MODEL_SECURITY_CLIENT_SECRET: credentials.clientSecret,
    TSG_ID: credentials.tsgId,
    MODEL_SECURITY_API_ENDPOINT: endpoints.api,
    MODEL_SECURITY_TOKEN_ENDPOINT: endpoints.token
  })
}

export async function runDriver(
  opts: RunDriverOptions
): Promise<{ scanUuid: string; clientVersion: string }> {
  const { secrets, logger } = opts
  secrets.add(opts.credentials.clientSecret)
  await fs.mkdir(opts.workRoot, { recursive: true })
  const work = await fs.mkdtemp(path.join(opts.workRoot, 'run-'))
  try {
    const script = path.join(work, 'airs_gate_driver.py')
    await fs.writeFile(script, DRIVER_SOURCE, { mode: 0o600 })
    const tmp = path.join(work, 'tmp')
    await fs.mkdir(tmp, { mode: 0o700 })
    const downloads = path.join(work, 'downloads')
    const r = await runProcess(opts.python, ['-I', script], {
      env: driverEnv(opts.env, opts.credentials, opts.endpoints, { source: opts.source, tmp }),
      cwd: work,
      // object-storage models are downloaded into this run's own directory, removed with it (kept until then
      // when the download is to be inspected)
      input: JSON.stringify({
        ...opts.args,
        download_dir: downloads,
        cleanup_download_dir: !opts.inspectDownload
      }),
      timeoutMs: opts.timeoutMs,
      signal: opts.signal,
      onLine: (line, stream) => {
        if (stream === 'stderr') logger.debug(`scanner: ${secrets.redact(line)}`)
      }
    })
    if (r.aborted)
      throw new ScannerError('ABORTED', 'Stopped the scanner on the runner: the scan was cancelled.')
    if (r.timedOut) {
      throw new ScannerError(
        'TIMEOUT',
        `The scanner on the runner did not finish within ${formatDuration(opts.timeoutMs)} (it reads every file of the ` +
          `model, and downloads it first for object storage). Last lines of its output:\n${outputTail(r.stderr, secrets)}`
      )
    }
    if (r.spawnError) {
      throw new ScannerError(
        'SCANNER_CRASHED',
        `The scanner could not be started: ${secrets.redact(r.spawnError.message)}`
      )
    }
    const reply = parseDriverReply(r.stdout)
    if (!reply) {
      const how = r.killedBy ? `was killed by ${r.killedBy}` : `exited with code ${String(r.exitCode)}`
      const tail = outputTail(r.stderr, secrets)
      throw new ScannerError(
        'SCANNER_CRASHED',
        `The scanner crashed: it ${how} without reporting a result.` +
          (tail ? ` Last lines of its output:\n${tail}` : ' It printed nothing.')
      )
    }
    if ('error' in reply) {
      const what = `${plainText(reply.type, 80)}: ${plainText(secrets.redact(reply.error), 1000)}`
      throw new ScannerError(
        'SCANNER_ERROR',
        reply.stage === 'import'
          ? `The model security client could not be loaded in ${path.dirname(path.dirname(opts.python))} (${what})`
          : reply.stage === 'arguments'
            ? `The scanner driver could not read its arguments (${what})`
            : `The model security client failed to scan the model (${what})`
      )
    }
    if (!UUID_PATTERN.test(reply.scan_uuid)) {
      throw new ScannerError(
        'SCANNER_CRASHED',
        `The scanner reported a scan ID that is not a UUID: ${JSON.stringify(plainText(secrets.redact(reply.scan_uuid), 80))}`
      )
    }
    if (reply.client_version !== opts.expectVersion) {
      throw new ScannerError(
        'VERSION_MISMATCH',
        `The scanner ran ${plainText(reply.client_version, 40) || 'an unknown version'} of the client, not the pinned ${opts.expectVersion}`
      )
    }
    if (r.exitCode !== 0) {
      logger.warning(
        `scanner: the driver reported scan ${reply.scan_uuid} but exited with code ${String(r.exitCode)}`
      )
    }
    await opts.inspectDownload?.(downloads)
    return { scanUuid: reply.scan_uuid.toLowerCase(), clientVersion: reply.client_version }
  } finally {
    await fs.rm(work, { recursive: true, force: true })
  }
}
