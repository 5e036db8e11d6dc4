import fs from 'node:fs/promises'
import path from 'node:path'
import type { Logger } from '../util/logger.js'
import type { Label } from '../airs/schemas/common.js'
import { plainText } from '../util/text.js'
import type { DriverArgs } from './driver.js'
import { pythonEnv, RUNNER_SOURCES, type RunnerSource } from './env.js'
import { ScannerError, Secrets } from './scanner-error.js'
import { installScanner, type InstalledScanner } from './install.js'
import { findPython, type PythonInfo } from './python.js'
import type { PinnedRequirements } from './requirements.js'
import { runDriver, type ScannerCredentials, type ScannerEndpoints } from './run.js'
import { makeScannerDirs, releaseScannerDirs } from './workdir.js'

/**
 * Scans on the runner, for models the service cannot fetch itself (LOCAL paths, and S3, GCS, Azure Blob,
 * Artifactory and GitLab models, which the client downloads): the official Python client
 * `model-security-client` scans the files here and posts the results as the scan's `scan_details`; the gate then
 * polls, collects and judges that scan like any other.
 *
 * ```ts
 * const scanner = await prepareScanner({ version: '1.1.2', extras: [], runnerTemp, credentials, endpoints,
 *   indexUrl: async () => (await client.pypi.authenticate()).url, onSecret: core.setSecret, logger })
 * const { scanUuid } = await scanner.scan({ model: { path: '/abs/model' }, securityGroupUuid, labels })
 * await scanner.close()
 * ```
 *
 * `prepareScanner` makes the run's private directory (workdir.ts), finds Python (python.ts), creates a new
 * virtual environment there and installs the pinned client from the private index only (install.ts). Nothing
 * made by an earlier process is reused, so each run installs once: call it once per run and share the result.
 * `scan` runs the driver (driver.ts, run.ts) with an allow-listed environment (env.ts) and returns as soon as the
 * scan exists; `close` removes the private directory (an exit hook does it otherwise). Every failure is a
 * ScannerError (a GateError with a `reason`); no message or log line carries a credential or the index URL.
 */

export { EXTRA_FOR_SOURCE } from './install.js'
export type { PinnedRequirements } from './requirements.js'
export { RUNNER_SOURCES, type RunnerSource } from './env.js'
export { ScannerError, type ScannerFailure } from './scanner-error.js'
export type { ScannerCredentials, ScannerEndpoints } from './run.js'

/**
 * The client version installed when the workflow names none: the newest one the sources report (PORTAL, §6 of
 * the API contract), and at least 1.1.0, which content fingerprints need.
 */
export const DEFAULT_SCAN_TIMEOUT_MS = 30 * 60_000

export interface ScannerSetup {
  /** exact client version (`1.1.2`) */
  version: string
  /** package extras for object-storage sources (EXTRA_FOR_SOURCE); none for LOCAL */
  extras?: readonly string[]
  /**
   * a hash-pinned requirements file, as parseRequirements read it: pip installs from a file written from these
   * values (`--require-hashes --only-binary=:all:`), never from the workflow's file
   */
  requirements?: PinnedRequirements
  /** the interpreter to use; default `python3`, then `python`, on PATH */
  python?: string
  /** RUNNER_TEMP: the run's private directory `<runnerTemp>/airs-scanner-XXXXXX/` is made there */
  runnerTemp: string
  credentials: ScannerCredentials
  endpoints: ScannerEndpoints
  /**
   * A fresh URL of the private package index (`(await client.pypi.authenticate()).url`). Called only when pip
   * has to run: once, and once more if the index refuses the first URL (expired).
   */
  indexUrl: () => Promise<string>
  /** receives every secret (client secret, index URL, its token) before it could reach any output */
  onSecret: (secret: string) => void
  logger: Logger
  /**
   * the environment child processes get allow-listed parts of (default `process.env`): see env.ts for what each
   * child receives
   */
  env?: Record<string, string | undefined>
  /** cancels finding Python and installing */
  signal?: AbortSignal
  /** longest pip may take (default 20 minutes) */
  installTimeoutMs?: number
}

/** What the workflow chooses about the scanner (the `scanner-version`, `scanner-requirements` and `python` inputs). */
export type ScannerChoice = Pick<ScannerSetup, 'version' | 'requirements' | 'python'>

export interface RunnerScanRequest {
  /** a local file or directory (absolute, or relative to the working directory), or an object-storage URI */
  model: { path: string } | { uri: string }
  /**
   * the model's source (ModelSource.sourceType, read by the gate); the driver gets this source's credential
   * variables only. Without it, LOCAL for a path; a URI without one is refused (its credentials are unknown).
   */
  source?: RunnerSource
  securityGroupUuid: string
  labels?: readonly Label[]
  /** forwarded to the client; the service documents them for remote scans only */
  allowPatterns?: readonly string[]
  ignorePatterns?: readonly string[]
  modelName?: string
  modelAuthor?: string
  modelVersion?: string
  /** longest the scanner may run, download and file scan included (default 30 minutes) */
  timeoutMs?: number
  signal?: AbortSignal
  /**
   * For an object-storage model: called with the folder the client downloaded it into, after a scan that
   * succeeded and before the folder is removed (the gate hashes what was scanned)
   */
  inspectDownload?: (dir: string) => Promise<void>
}

export interface RunnerScanResult {
  /** the scan the client created; PENDING or settled, the gate polls it */
  scanUuid: string
  clientVersion: string
}

export interface RunnerScanner {
  readonly python: PythonInfo
  readonly installed: InstalledScanner
  scan(request: RunnerScanRequest): Promise<RunnerScanResult>
  /**
   * Removes the run's private directory, environment included (idempotent; later scans fail). Optional in the
   * type so that stand-ins need not have it; prepareScanner's result always does.
   */
  close?(): Promise<void>
}

/**
 * The client's base URL (`…/aims`) from the data-plane endpoint (`…/aims/data`): the client appends the plane
 * itself.
 */
export function sdkBaseUrl(dataEndpoint: string): string {
  const trimmed = dataEndpoint.replace(/\/+$/, '')
  if (!/\/data$/.test(trimmed)) {
    throw new ScannerError(
      'INVALID_OPTION',
      'The scanner client needs a data endpoint ending in /data (it appends /data and /mgmt to the base URL itself)'
    )
  }
  return trimmed.slice(0, -'/data'.length)
}

/** Makes the run's private directory, finds Python and installs the pinned client in a new environment. */
export async function prepareScanner(setup: ScannerSetup): Promise<RunnerScanner> {
  const secrets = new Secrets(setup.onSecret)
  secrets.add(setup.credentials.clientSecret)
  const env = setup.env ?? process.env
  const dirs = await makeScannerDirs(setup.runnerTemp)
  let python: PythonInfo
  let installed: InstalledScanner
  try {
    python = await findPython({
      python: setup.python,
      logger: setup.logger,
      env: pythonEnv(env, dirs),
      signal: setup.signal
    })
    installed = await installScanner({
      python,
      version: setup.version,
      extras: setup.extras,
      requirements: setup.requirements,
      dirs,
      indexUrl: setup.indexUrl,
      secrets,
      logger: setup.logger,
      env,
      signal: setup.signal,
      timeoutMs: setup.installTimeoutMs
    })
  } catch (e) {
    await releaseScannerDirs(dirs).catch(() => undefined)
    throw e
  }
  let closed = false
  return {
    python,
    installed,
    close: async () => {
      closed = true
      await releaseScannerDirs(dirs)
    },
    scan: async (request) => {
      if (closed) throw new Error('The scanner on the runner was used after close()')
      const source = sourceOf(request)
      const model = await modelArgs(request.model)
      const timeoutMs = request.timeoutMs ?? DEFAULT_SCAN_TIMEOUT_MS
      const args: DriverArgs = {
        base_url: setup.endpoints.api,
        download_timeout_secs: Math.ceil(timeoutMs / 1000),
        scan: {
          security_group_uuid: request.securityGroupUuid,
          ...model,
          model_name: request.modelName,
          model_author: request.modelAuthor,
          model_version: request.modelVersion,
          labels: request.labels?.length
            ? Object.fromEntries(request.labels.map((l) => [l.key, l.value]))
            : undefined,
          allow_patterns: request.allowPatterns?.length ? [...request.allowPatterns] : undefined,
          ignore_patterns: request.ignorePatterns?.length ? [...request.ignorePatterns] : undefined,
          poll_timeout_secs: Math.ceil(timeoutMs / 1000)
        }
      }
      const shown = 'path' in request.model ? (model.model_path ?? '') : request.model.uri.split(/[?#]/)[0]!
      setup.logger.info(`scanner: scanning ${plainText(secrets.redact(shown), 300)} on the runner`)
      const result = await runDriver({
        python: installed.python,
        args,
        credentials: setup.credentials,
        endpoints: setup.endpoints,
        expectVersion: installed.version,
        source,
        workRoot: dirs.root,
        env,
        secrets,
        logger: setup.logger,
        timeoutMs,
        signal: request.signal,
        ...('uri' in request.model && request.inspectDownload && { inspectDownload: request.inspectDownload })
      })
      setup.logger.info(`scanner: created scan ${result.scanUuid}`)
      return result
    }
  }
}

const isRunnerSource = (s: string): s is RunnerSource => (RUNNER_SOURCES as readonly string[]).includes(s)

/** The source whose credentials the driver gets: the request's, else LOCAL for a path. */
export function sourceOf(request: Pick<RunnerScanRequest, 'model' | 'source'>): RunnerSource {
  if (request.source !== undefined) {
    if (!isRunnerSource(request.source)) {
      throw new ScannerError(
        'INVALID_OPTION',
        `The scanner on the runner does not handle ${plainText(request.source, 40)} models`
      )
    }
    return request.source
  }
  if ('path' in request.model) return 'LOCAL'
  throw new ScannerError(
    'INVALID_OPTION',
    `The scanner on the runner cannot tell which storage ${plainText(request.model.uri.split(/[?#]/)[0], 200)} is in, so it would not know which credentials to give the client`
  )
}

async function modelArgs(
  model: RunnerScanRequest['model']
): Promise<{ model_path?: string; model_uri?: string }> {
  if ('uri' in model) return { model_uri: model.uri }
  const abs = path.resolve(model.path)
  try {
    await fs.stat(abs)
  } catch {
    throw new ScannerError('MODEL_PATH', `The model path ${plainText(abs, 300)} does not exist`)
  }
  return { model_path: abs }
}
