import type { ModelSecurityClient } from '../airs/client.js'
import type { Model } from '../airs/schemas/data-plane.js'
import { ModelSourceTypeEnum } from '../airs/schemas/common.js'
import { formatDuration } from '../util/duration.js'
import type { Logger } from '../util/logger.js'
import { describeFailure } from './describe-failure.js'
import { parseModelUri, type ModelSource } from './model-source.js'
import { CLOCK_SKEW_MS } from './generations.js'
import { EMPTY_LIST, type GateErrorInfo, type GateReport, type ModelResult, type Status } from './result.js'
import { runGate, runReport, type RunDeps, type RunSettings } from './run-gate.js'
import { DECIDED_OUTCOMES, judge } from './verdict.js'

/**
 * `audit: inventory`: the tenant's whole model inventory judged from the service's own record of each model's
 * latest version, with no scan: a latest outcome other than ALLOWED, or a latest scan older than `max-age`,
 * does not pass. With `rescan-stale`, exactly the stale Hugging Face models are scanned again (at the commit
 * the inventory recorded) and judged on that scan. A model the gate cannot read whole, name or re-scan is not
 * verified; an inventory read in part fails the run.
 */

export interface InventoryAudit {
  /** a latest scan older than this is stale */
  maxAgeMs?: number
  /** scan the stale Hugging Face models again */
  rescanStale: boolean
}

export async function auditInventory(
  settings: RunSettings,
  audit: InventoryAudit,
  deps: RunDeps & { client: ModelSecurityClient; logger: Logger }
): Promise<GateReport> {
  const now = deps.now ?? Date.now
  const started = now()
  // an empty inventory verified nothing: no model is not a pass
  const report = (models: ModelResult[], error?: GateErrorInfo) =>
    runReport(settings, started, now(), models, error)
  let models: Model[]
  try {
    const listed = await deps.client.models.allModels()
    if (listed.truncated || listed.incomplete)
      return report([], {
        code: 'SERVICE_ERROR',
        message: `The model inventory could not be read whole (${listed.items.length} of ${listed.total ?? 'an unknown number of'} models); nothing is reported from part of it.`
      })
    models = [...listed.items].sort((a, b) => a.name.localeCompare(b.name) || a.uuid.localeCompare(b.uuid))
  } catch (e) {
    return report([], describeFailure(e))
  }
  deps.logger.info(`Inventory: ${models.length} models.`)
  const at = new Date(started).toISOString()
  const results = models.map((m, i) => fromInventory(m, i + 1, settings, audit, started, at))
  const stale = results.filter((r) => r.error?.code === 'STALE_SCAN')
  if (!audit.rescanStale || stale.length === 0) return report(results)

  const again = stale.flatMap((r): ModelSource[] => {
    const source = rescanSource(r)
    return source ? [{ ...source, position: r.index }] : []
  })
  deps.logger.info(
    `Re-scanning ${again.length} stale model(s)${again.length < stale.length ? `; ${stale.length - again.length} cannot be re-scanned from the inventory (not on Hugging Face)` : ''}.`
  )
  if (again.length === 0) return report(results)
  const rescanned = await runGate({ ...settings, models: again }, deps)
  for (const m of rescanned.models)
    results[m.index - 1] = { ...m, inventory: results[m.index - 1]!.inventory }
  return report(results, rescanned.error)
}

/** One model as the inventory records its latest version. */
function fromInventory(
  m: Model,
  index: number,
  settings: RunSettings,
  audit: InventoryAudit,
  now: number,
  at: string
): ModelResult {
  const source = ModelSourceTypeEnum.safeParse(m.latest_version_source_types?.[0])
  const outcome = m.latest_version_outcome ?? null
  const scanTime = m.latest_version_scan_time ?? null
  const age = scanTime ? now - Date.parse(scanTime) : NaN
  const when = Number.isFinite(age) ? `${formatDuration(Math.max(0, age))} ago` : 'at an unknown time'
  // a time that cannot be read, or one ahead of this runner's clock by more than clocks differ, says nothing
  const knownTime = Number.isFinite(age) && age >= -CLOCK_SKEW_MS
  const judged = ((): { status: Status; reason: string; error?: GateErrorInfo } => {
    if (!source.success)
      return error('UNSUPPORTED_SOURCE', 'The inventory records no source type the gate knows for it.')
    if (!outcome || !DECIDED_OUTCOMES.has(outcome) || !scanTime)
      return error(
        outcome === 'ERROR' ? 'SCAN_ERROR' : 'STALE_SCAN',
        outcome === 'ERROR'
          ? `Its latest scan (${when}) ended in ERROR.`
          : `No scan of its latest version settled (${outcome ?? 'no outcome recorded'}).`
      )
    if (!knownTime)
      return error(
        'STALE_SCAN',
        `The inventory records its latest scan (${outcome}) at ${scanTime}, a time that cannot be trusted (unreadable or in the future).`
      )
    if (audit.maxAgeMs !== undefined && !(age <= audit.maxAgeMs))
      return error(
        'STALE_SCAN',
        `Its latest scan (${outcome}) is from ${when}, older than max-age (${formatDuration(audit.maxAgeMs)}).`
      )
    return outcome === 'ALLOWED'
      ? { status: 'allowed', reason: `ALLOWED at its latest scan (${when}), as the inventory records it` }
      : { status: 'blocked', reason: `BLOCKED at its latest scan (${when}), as the inventory records it` }
  })()
  const sourceType = source.success ? source.data : 'HUGGING_FACE'
  return {
    index,
    engine: 'airs',
    model: {
      input: m.name,
      source_type: sourceType,
      model_uri: sourceType === 'HUGGING_FACE' ? `https://huggingface.co/${m.name}` : m.name,
      ...(m.latest_version_revision && { revision: m.latest_version_revision })
    },
    inventory: {
      model_uuid: m.uuid,
      name: m.name,
      version_uuid: m.latest_version_uuid ?? null,
      revision: m.latest_version_revision ?? null,
      commit: m.latest_version_hf_commit_sha ?? null,
      outcome,
      scan_time: scanTime
    },
    retried_scans: [],
    evaluations: EMPTY_LIST,
    violations: EMPTY_LIST,
    files: EMPTY_LIST,
    rules: [],
    policy: null,
    status: judged.status,
    verdict: judge(judged.status, settings.mode, settings.onError),
    reason: judged.reason,
    ...(judged.error && { error: judged.error }),
    warnings: [],
    started_at: at,
    finished_at: at,
    wait_ms: null,
    polls: 0
  }
}

function error(code: GateErrorInfo['code'], message: string) {
  return { status: 'error' as const, reason: message, error: { code, message } }
}

/** A stale Hugging Face model as a model to scan: at the commit the inventory recorded, else its revision. */
function rescanSource(r: ModelResult): ModelSource | undefined {
  const inv = r.inventory
  if (!inv || r.model.source_type !== 'HUGGING_FACE') return undefined
  const revision = inv.commit ?? inv.revision
  try {
    return parseModelUri(`https://huggingface.co/${inv.name}${revision ? `@${revision}` : ''}`, {
      workspace: process.cwd()
    })
  } catch {
    return undefined
  }
}
