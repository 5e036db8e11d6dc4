import { mapLimit } from '../util/concurrency.js'
import type { ModelSecurityClient } from '../airs/client.js'
import type { Logger } from '../util/logger.js'
import type { Sleep } from '../util/sleep.js'
import { SharedLookups } from './collect.js'
import { describeFailure } from './describe-failure.js'
import {
  gateReport,
  reportSettings,
  type GateErrorInfo,
  type GateReport,
  type ModelResult
} from './result.js'
import type { HubResolver } from './hub-revision.js'
import type { RunnerScans } from './scan-on-runner.js'
import { scanModel, type ScanSettings } from './scan-model.js'
import type { ModelSource } from './model-source.js'
import { judge, worst } from './verdict.js'
import { formatDuration } from '../util/duration.js'

/**
 * The gate for a whole run: authenticate once, then every model through `scanModel`, up to `concurrency` at
 * a time, in the order given. A failure before any model could start (credentials) fails every model.
 */

export interface RunSettings extends ScanSettings {
  models: ModelSource[]
  concurrency: number
  /** resolve Hugging Face revisions to commits before scanning (pin-revision) */
  pinRevision?: boolean
}

export interface RunDeps {
  client: ModelSecurityClient
  logger: Logger
  now?: () => number
  sleep: Sleep
  random?: () => number
  /** the scanner on the runner, for local and object-storage models */
  runner?: RunnerScans
  /** pins Hugging Face revisions to commits before scanning */
  hub?: HubResolver
}

/**
 * A run's report: its models, and the error that stopped the run (which is never a pass, whatever the models
 * say). No model at all is not a pass either.
 */
export function runReport(
  settings: RunSettings,
  started: number,
  finished: number,
  models: ModelResult[],
  error?: GateErrorInfo
): GateReport {
  return gateReport({
    started,
    finished,
    settings: reportSettings(settings),
    verdict: worst([
      ...(error ? [judge('error', settings.mode, settings.onError)] : []),
      ...models.map((m) => m.verdict)
    ]),
    error,
    models
  })
}

export async function runGate(settings: RunSettings, deps: RunDeps): Promise<GateReport> {
  const now = deps.now ?? Date.now
  const started = now()
  const report = (models: ModelResult[], error?: GateErrorInfo) =>
    runReport(settings, started, now(), models, error)

  try {
    // one token for the run; bad credentials fail here, before anything is created
    await deps.client.authenticate(AbortSignal.timeout(settings.timeoutMs))
  } catch (e) {
    return report([], describeFailure(e))
  }

  const gateDeps = {
    client: deps.client,
    logger: deps.logger,
    shared: new SharedLookups(deps.client),
    now,
    sleep: deps.sleep,
    random: deps.random ?? Math.random,
    ...(deps.runner && { runner: deps.runner }),
    ...(deps.hub && { hub: deps.hub })
  }
  const progress = progressLine(settings.models.length, now, deps.logger)
  const results = await mapLimit(settings.models, settings.concurrency, async (model, i) => {
    const result = await scanModel(gateDeps, settings, model, model.position ?? i + 1)
    progress(result)
    return result
  })
  return report(results)
}

/** A run of this many models says how far it is; fewer finish before anyone asks. */
const PROGRESS_FROM_MODELS = 10
/** At most one progress line this often, and one every tenth of the models. */
const PROGRESS_EVERY_MS = 15_000

/**
 * Progress of a long run (an audit of hundreds of models): how many are done, how they stand, and when the
 * rest should be, from the pace so far.
 */
function progressLine(total: number, now: () => number, logger: Logger): (r: ModelResult) => void {
  if (total < PROGRESS_FROM_MODELS) return () => undefined
  const started = now()
  const tenth = Math.ceil(total / 10)
  const counts = { done: 0, blocked: 0, error: 0 }
  let last = started
  return (r) => {
    counts.done++
    if (r.status === 'blocked') counts.blocked++
    if (r.status === 'error') counts.error++
    const t = now()
    if (counts.done < total && counts.done % tenth !== 0 && t - last < PROGRESS_EVERY_MS) return
    last = t
    const left = total - counts.done
    const eta = left > 0 ? `; about ${formatDuration(((t - started) / counts.done) * left)} left` : ''
    logger.info(
      `Progress: ${counts.done} of ${total} models done (${counts.blocked} blocked, ${counts.error} not verified)${eta}.`
    )
  }
}
