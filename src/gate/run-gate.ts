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

export async function runGate(settings: RunSettings, deps: RunDeps): Promise<GateReport> {
  const now = deps.now ?? Date.now
  const started = now()
  const report = (models: ModelResult[], error?: GateErrorInfo): GateReport =>
    gateReport({
      started,
      finished: now(),
      settings: reportSettings(settings),
      verdict: error ? judge('error', settings.mode, settings.onError) : worst(models.map((m) => m.verdict)),
      error,
      models
    })

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
  const results = await mapLimit(settings.models, settings.concurrency, (model, i) =>
    scanModel(gateDeps, settings, model, i + 1)
  )
  return report(results)
}
