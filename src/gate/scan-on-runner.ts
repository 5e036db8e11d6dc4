import { randomUUID } from 'node:crypto'
import { lstat, opendir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { ModelSecurityClient } from '../airs/client.js'
import { CREATE_REQUEST_LABEL } from '../airs/schemas/spec-values.js'
import type { Logger } from '../util/logger.js'
import type { Scan } from '../airs/schemas/data-plane.js'
import type { SecurityGroup } from '../airs/schemas/mgmt-plane.js'
import {
  EXTRA_FOR_SOURCE,
  prepareScanner,
  sdkBaseUrl,
  ScannerError,
  RUNNER_SOURCES,
  type RunnerScanner,
  type RunnerSource,
  type ScannerChoice,
  type ScannerFailure
} from '../scanner/prepare-scanner.js'
import { GateError } from '../util/gate-error.js'
import type { ScanSettings } from './scan-model.js'
import { scannedOnRunner, type ModelSource } from './model-source.js'

/**
 * Models the service cannot fetch itself (local paths, object storage) are scanned on the runner by the official
 * client, which creates the scan with its findings; from then on the gate polls, collects and judges that scan
 * like any other.
 *
 * The client is prepared once per run, on first use: later models wait for it, or all get its failure. Scans on
 * the runner take turns, because each reads the whole model (downloading it first from object storage) and
 * the client may use up to 4 GB of memory; the service-side waiting of each model still overlaps.
 */

export interface RunnerTurn {
  scanner: RunnerScanner
  /** ends this model's turn (idempotent) */
  release: () => void
}

export interface RunnerScans {
  /** Waits for the prepared scanner and this model's turn; throws the preparation's failure. */
  turn(): Promise<RunnerTurn>
  /** Removes what preparing the scanner made (its private directory), once every model is done. */
  close(): Promise<void>
}

export function runnerScans(prepare: () => Promise<RunnerScanner>): RunnerScans {
  let prepared: Promise<RunnerScanner> | undefined
  let queue: Promise<void> = Promise.resolve()
  return {
    async turn() {
      prepared ??= prepare()
      const scanner = await prepared
      let release!: () => void
      const done = new Promise<void>((resolve) => (release = resolve))
      const previous = queue
      queue = queue.then(() => done)
      await previous
      let released = false
      return {
        scanner,
        release: () => {
          if (released) return
          released = true
          release()
        }
      }
    },
    async close() {
      const scanner = await prepared?.catch(() => undefined)
      await scanner?.close?.()
    }
  }
}

/**
 * The runner's scanner for a run, or undefined when no model needs it. The client gets the extras of every
 * object-storage source in the run, the credentials and endpoints the API client resolved, and a fresh index
 * URL from the service each time pip has to run.
 */
export function runnerScansFor(opts: {
  models: readonly ModelSource[]
  choice: ScannerChoice
  client: ModelSecurityClient
  env: Record<string, string | undefined>
  logger: Logger
  onSecret: (secret: string) => void
}): RunnerScans | undefined {
  const onRunner = opts.models.filter((m) => scannedOnRunner(m.sourceType))
  if (onRunner.length === 0) return undefined
  const extras = [...new Set(onRunner.flatMap((m) => EXTRA_FOR_SOURCE[m.sourceType] ?? []))]
  const { client, env } = opts
  return runnerScans(async () => {
    const c = client.config
    return prepareScanner({
      ...opts.choice,
      extras,
      runnerTemp: env.RUNNER_TEMP || tmpdir(),
      credentials: { clientId: c.clientId.value, clientSecret: c.clientSecret.value, tsgId: c.tsgId.value },
      endpoints: { api: sdkBaseUrl(c.dataEndpoint.value), token: c.tokenEndpoint.value },
      indexUrl: async () => (await client.pypi.authenticate()).url,
      onSecret: opts.onSecret,
      logger: opts.logger,
      env
    })
  })
}

const isRunnerSource = (s: string): s is RunnerSource => (RUNNER_SOURCES as readonly string[]).includes(s)

/** Failures after which the client may still have created the scan (it posts the findings, then reports). */
const MAY_HAVE_CREATED: ReadonlySet<ScannerFailure> = new Set(['SCANNER_ERROR', 'SCANNER_CRASHED', 'TIMEOUT'])

/**
 * One model through the scanner on the runner, returning the scan it created as the service has it. The scan
 * carries the gate's request label, so when the client fails after posting (a crash, a lost answer, the time
 * limit) the scan it made is found and judged instead of being left behind unjudged.
 */
export async function createOnRunner(opts: {
  client: ModelSecurityClient
  scanner: RunnerScanner
  settings: ScanSettings
  model: ModelSource
  group: SecurityGroup
  timeoutMs: number
  signal: AbortSignal
  logger: Logger
  /** sees an object-storage model's download before it is removed */
  inspectDownload?: (dir: string) => Promise<void>
}): Promise<Scan> {
  const { client, settings, model, signal } = opts
  const requestId = randomUUID()
  try {
    const { scanUuid } = await opts.scanner.scan({
      model: model.localPath !== undefined ? { path: model.localPath } : { uri: model.modelUri },
      ...(isRunnerSource(model.sourceType) && { source: model.sourceType }),
      securityGroupUuid: opts.group.uuid,
      labels: [...settings.labels, { key: CREATE_REQUEST_LABEL, value: requestId }],
      allowPatterns: settings.allowPatterns,
      ignorePatterns: settings.ignorePatterns,
      modelName: settings.modelName,
      modelAuthor: settings.modelAuthor,
      modelVersion: settings.modelVersion ?? model.revision,
      timeoutMs: opts.timeoutMs,
      signal,
      ...(opts.inspectDownload && { inspectDownload: opts.inspectDownload })
    })
    return await client.scans.get(scanUuid, { signal })
  } catch (e) {
    if (e instanceof ScannerError && MAY_HAVE_CREATED.has(e.reason) && !signal.aborted) {
      const found = await client.scans.findCreated(requestId, { signal }).catch(() => undefined)
      if (found) {
        opts.logger.warning(
          `The scanner on the runner failed after creating scan ${found.uuid}; judging that scan. (${e.message.split('\n')[0]!})`
        )
        return found
      }
    }
    throw e
  }
}

/**
 * A local model path that holds no file verifies nothing: said before the scanner is prepared or the service is
 * asked anything.
 */
export async function somethingToVerify(model: ModelSource): Promise<void> {
  if (model.localPath !== undefined && !(await holdsAFile(model.localPath))) {
    throw new GateError(
      'NOTHING_TO_VERIFY',
      `Nothing to verify: ${model.modelUri} holds no file. Check the path, or fetch the model into it before this step.`
    )
  }
}

/** Whether a local model path is, or holds, at least one regular file (links are not followed). */
async function holdsAFile(root: string): Promise<boolean> {
  const st = await lstat(root)
  if (!st.isDirectory()) return st.isFile()
  const queue = [root]
  for (let dir = queue.shift(); dir !== undefined; dir = queue.shift()) {
    // leaving the loop early closes the directory
    for await (const d of await opendir(dir)) {
      if (d.isFile()) return true
      if (d.isDirectory()) queue.push(path.join(dir, d.name))
    }
  }
  return false
}
