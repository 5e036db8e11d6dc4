import type { ModelSecurityClient } from '../airs/client.js'
import type { Logger } from '../util/logger.js'
import type { Label } from '../airs/schemas/common.js'
import type { Scan, ScanCreateRequest } from '../airs/schemas/data-plane.js'
import type { SecurityGroup } from '../airs/schemas/mgmt-plane.js'
import type { Sleep } from '../util/sleep.js'
import { collectResults, type Collection, type SharedLookups } from './collect.js'
import { formatDuration } from '../util/duration.js'
import { GateError } from '../util/gate-error.js'
import { describeFailure } from './describe-failure.js'
import type { GroupSpec } from './group.js'
import { pollScan, type PollSchedule } from './poll.js'
import { EMPTY_LIST, type Drift, type GateErrorInfo, type ModelResult } from './result.js'
import { digestOrWarn, downloadDigest } from './model-digest.js'
import type { RunnerScans, RunnerTurn } from './scan-on-runner.js'
import { displayName, ownerOf, scannedOnRunner, type ModelSource } from './model-source.js'
import { assess, judge, type Mode, type OnError } from './verdict.js'
import type { HubResolver } from './hub-revision.js'
import { findReusable, reusePlan, type Reused } from './reuse-scan.js'
import { driftOf, modelKey, unknownDrift } from './drift.js'
import { driftWords } from './drift-words.js'
import { scanEvidence } from './scan-evidence.js'
import { mergeLabels, withGateKeys } from './labels.js'
import { MODEL_KEY_LABEL, REUSE_KEY_LABEL } from '../airs/schemas/spec-values.js'

/**
 * One model through the gate: find its security group, create the scan, wait for the outcome, collect the
 * results and judge them. Never throws: whatever goes wrong becomes the model's error, so the other models of
 * the run still get their verdicts and the reports still get written.
 */

export interface ScanSettings {
  group: GroupSpec
  labels: Label[]
  mode: Mode
  onError: OnError
  /** longest wait for a scan's outcome, creation included */
  timeoutMs: number
  schedule: PollSchedule
  allowPatterns?: string[]
  ignorePatterns?: string[]
  modelName?: string
  modelAuthor?: string
  modelVersion?: string
  scanOrigin?: ScanCreateRequest['scan_origin']
  /** `reuse`: how old a scan of the same artifact may be to be judged again instead of a new one */
  reuseMs?: number
  /** `drift`: compare each settled scan with the model's previous one */
  drift?: boolean
  /** the repository the run belongs to: a local model's path names a model of this repository */
  repository?: string
}

export interface GateDeps {
  client: ModelSecurityClient
  logger: Logger
  shared: SharedLookups
  /** the scanner on the runner, for sources the service cannot fetch; without it they cannot be gated */
  runner?: RunnerScans
  /** pins Hugging Face revisions to commits before scanning; absent when pin-revision is false */
  hub?: HubResolver
  now: () => number
  sleep: Sleep
  random: () => number
}

/** New scans made when the service ends a scan with SCAN_DATA_PENDING ("the repository is not ready, retry"). */
const DATA_PENDING_RETRIES = 3
/** Collecting a settled scan's results has its own budget, so a scan that settles late is still reported. */
const COLLECT_BUDGET_MS = 5 * 60_000
/** Longest look for a scan to reuse (listing, the inventory, the policy, its results), outside the timeout. */
const REUSE_LOOKUP_MS = 2 * 60_000
/** Comparing with the previous scan has its own budget too: drift informs, it must not hold the run up. */
const DRIFT_BUDGET_MS = 60_000
/** Progress lines at most this often per model. */
const PROGRESS_EVERY_MS = 10_000

export async function scanModel(
  deps: GateDeps,
  stepSettings: ScanSettings,
  model: ModelSource,
  index: number
): Promise<ModelResult> {
  const settings = forModel(stepSettings, model)
  const key = modelKey(model, settings.repository)
  const name = shortName(model)
  const log = (m: string) => deps.logger.info(`${name}: ${m}`)
  // the runner's one-time setup and the wait for its turn do not count against this model's timeout
  const onRunner = scannedOnRunner(model.sourceType)
  let turn: RunnerTurn | undefined
  let setupFailure: Error | undefined
  // the scanner on the runner (Python, pip, child processes) is loaded only by runs that use it
  const runnerPath = onRunner ? await import('./scan-on-runner.js') : undefined
  if (runnerPath) {
    try {
      if (!deps.runner)
        throw new GateError(
          'UNSUPPORTED_SOURCE',
          `${model.sourceType} models are scanned on the runner, which this run cannot do.`
        )
      await runnerPath.somethingToVerify(model)
    } catch (e) {
      setupFailure = e instanceof Error ? e : new Error(String(e))
    }
  }
  // hashing a model of many gigabytes is not the scan's time: done before the model's timeout starts, like
  // the runner's setup; the files as they are now, before the scanner reads them
  const digestWarnings: string[] = []
  let digest =
    model.sourceType === 'LOCAL' && model.localPath && !setupFailure
      ? await digestOrWarn(model.localPath, digestWarnings)
      : undefined
  const started = deps.now()
  let group: SecurityGroup | undefined
  let scan: Scan | undefined
  let collection: Collection | undefined
  let error: GateErrorInfo | undefined
  let collectionError: GateErrorInfo | undefined
  let polls = 0
  let waitMs: number | null = null
  let resolved: string | undefined
  let reused: Reused | undefined
  const retried: ModelResult['retried_scans'] = []
  const warnings: string[] = [...digestWarnings]

  // waiting for the runner's scanner (set up once per run, one model at a time) is not this model's time
  let untimedMs = 0
  let deadline = started + settings.timeoutMs
  const wait = new AbortController()
  // requests in flight when the time is up are cut a little later, so the last check at the deadline completes
  const arm = (ms: number) => setTimeout(() => wait.abort(), ms + 15_000)
  let timer = arm(settings.timeoutMs)
  /** Runs `step` with the clock stopped: its time is added to the deadline. */
  const untimed = async <T>(step: () => Promise<T>): Promise<T> => {
    clearTimeout(timer)
    const before = deps.now()
    try {
      return await step()
    } finally {
      untimedMs += deps.now() - before
      deadline += deps.now() - before
      // what is left of this model's time: the time since it started, less the stopped time
      timer = arm(Math.max(0, settings.timeoutMs - (deps.now() - started - untimedMs)))
    }
  }
  try {
    if (setupFailure) throw setupFailure
    if (deps.hub && model.sourceType === 'HUGGING_FACE') {
      const revision = settings.modelVersion ?? model.revision
      resolved = await deps.hub.resolve(model, revision, wait.signal)
      if (resolved !== revision)
        log(`${revision ?? 'the default branch'} is commit ${resolved}; scanning that commit`)
    }
    group = await deps.shared.group(settings.group, model.sourceType, wait.signal)
    const plan = reusePlan(model, resolved ?? settings.modelVersion ?? model.revision, digest, settings)
    const scanSettings = {
      ...settings,
      // the reuse key first: with `reuse` its place is kept free by the labels input's limit
      labels: withGateKeys(settings.labels, [
        ...('key' in plan ? [{ key: REUSE_KEY_LABEL, value: plan.key }] : []),
        { key: MODEL_KEY_LABEL, value: key }
      ])
    }
    if (settings.reuseMs !== undefined) {
      const windowMs = settings.reuseMs
      // looking for a scan to reuse has a budget of its own: a slow look-up must not eat the scan's time
      const found =
        'none' in plan
          ? { reason: plan.none }
          : await untimed(() =>
              findReusable(deps, {
                model,
                group: group!,
                ...plan,
                windowMs,
                signal: AbortSignal.any([wait.signal, AbortSignal.timeout(REUSE_LOOKUP_MS)])
              })
            )
      if ('scan' in found) {
        reused = found
        scan = found.scan
        collection = found.collection
        warnings.push(...found.collection.warnings)
        log(`reusing scan ${scan.uuid} from ${scan.created_at} (${scan.eval_outcome}); no new scan`)
      } else log(`no scan to reuse: ${found.reason}`)
    }
    // the scanner is prepared (and waited for) only when a scan is to be made: a reused scan needs none
    if (!reused && runnerPath && deps.runner) {
      const runner = deps.runner
      turn = await untimed(() => runner.turn())
    }
    for (let attempt = 0; !reused; attempt++) {
      const createdAt = deps.now()
      const created =
        turn && runnerPath
          ? await runnerPath
              .createOnRunner({
                client: deps.client,
                scanner: turn.scanner,
                settings: scanSettings,
                model,
                group,
                timeoutMs: Math.max(1000, deadline - deps.now()),
                signal: wait.signal,
                logger: deps.logger,
                // object storage: the files the client downloaded and scanned, hashed before they go
                ...(model.localPath === undefined && {
                  inspectDownload: async (dir: string) => {
                    digest = await digestOrWarn(dir, warnings, downloadDigest)
                  }
                })
              })
              .finally(turn.release)
          : await deps.client.scans.create(createRequest(scanSettings, model, group, resolved), {
              signal: wait.signal
            })
      // from here on, every failure report names the scan to follow up
      scan = created
      log(
        `scan ${created.uuid} ${turn ? 'created by the scanner on the runner' : 'created'} against "${group.name}" (${created.eval_outcome})`
      )
      let lastLog = -Infinity
      const result = await pollScan(created, (signal) => deps.client.scans.get(created.uuid, { signal }), {
        schedule: settings.schedule,
        deadline,
        now: deps.now,
        sleep: deps.sleep,
        random: deps.random,
        signal: wait.signal,
        onProgress: ({ elapsedMs, nextMs }) => {
          if (elapsedMs - lastLog < PROGRESS_EVERY_MS) return
          lastLog = elapsedMs
          log(`PENDING after ${formatDuration(elapsedMs)}; next check in ${formatDuration(nextMs)}`)
        }
      })
      scan = checked(result.scan, created, group)
      polls += result.polls
      waitMs = deps.now() - createdAt
      if (!result.settled) {
        throw new GateError(
          'TIMEOUT',
          `Scan ${scan.uuid} was still PENDING after ${formatDuration(deps.now() - started - untimedMs)} (timeout ${formatDuration(settings.timeoutMs)}); raise the timeout input, or follow the scan in Strata Cloud Manager.`
        )
      }
      log(`${scan.eval_outcome} after ${formatDuration(waitMs)}`)
      // only the service fetches models, so only its scans can be "not ready yet"
      if (onRunner || scan.eval_outcome !== 'ERROR' || scan.error_code !== 'SCAN_DATA_PENDING') break
      const pause = Math.min(2000 * 2 ** attempt, deadline - deps.now())
      if (attempt >= DATA_PENDING_RETRIES || pause <= 0) break
      retried.push({ scan_uuid: scan.uuid, eval_outcome: scan.eval_outcome, error_code: scan.error_code })
      log(
        `the service is still fetching the model (SCAN_DATA_PENDING); scanning again in ${formatDuration(pause)}`
      )
      await deps.sleep(pause, wait.signal)
    }
  } catch (e) {
    error = describeFailure(e)
    if (error.code === 'TIMEOUT' && !(e instanceof GateError)) {
      error = {
        code: 'TIMEOUT',
        message: `No verdict within the timeout of ${formatDuration(settings.timeoutMs)}${scan ? ` (scan ${scan.uuid})` : ''}: ${error.message}`
      }
    }
  } finally {
    clearTimeout(timer)
    turn?.release()
  }

  if (scan && group && scan.eval_outcome !== 'PENDING' && !error && !reused) {
    const budget = AbortSignal.timeout(COLLECT_BUDGET_MS)
    try {
      collection = await collectResults(deps.client, scan, group, deps.shared, budget)
      warnings.push(...collection.warnings)
    } catch (e) {
      collectionError = describeFailure(e)
      warnings.push(`Results could not be collected completely: ${collectionError.message}`)
    }
  }

  const assessment = assess(scanEvidence(scan, collection, { error, collectionError }))
  // only a decided scan is compared: an error has nothing to compare, and is a failure of its own
  let drift: Drift | undefined
  if (settings.drift && scan && group && collection && assessment.status !== 'error') {
    drift = !scan.labels.some((l) => l.key === MODEL_KEY_LABEL && l.value === key)
      ? unknownDrift(
          `the scan carries no ${MODEL_KEY_LABEL} label to find its predecessors by (the labels input leaves no room for it, or the scan is older than drift)`
        )
      : await driftOf(deps, {
          model,
          group,
          scan,
          collection,
          key,
          ...(resolved !== undefined && { commit: resolved }),
          signal: AbortSignal.timeout(DRIFT_BUDGET_MS)
        })
    if (drift.drifted) log(`changed since scan ${drift.previous!.scan_uuid}: ${driftWords(drift)}`)
  }
  const verdict = judge(assessment.status, settings.mode, settings.onError)
  return {
    index,
    engine: 'airs',
    model: {
      input: model.input,
      source_type: model.sourceType,
      model_uri: model.modelUri,
      ...(model.revision !== undefined && { revision: model.revision }),
      ...(resolved !== undefined && { resolved_revision: resolved }),
      ...(digest && { digest }),
      ...ownerOf(model)
    },
    ...(model.overrides?.mode && { mode: model.overrides.mode }),
    ...(group && { security_group: group }),
    ...(scan && { scan }),
    ...(reused &&
      scan && {
        reused: {
          matched_by: reused.subject.kind,
          age_ms: Math.max(0, Math.round(started - Date.parse(scan.created_at)))
        }
      }),
    ...(drift && { drift }),
    retried_scans: retried,
    evaluations: collection?.evaluations ?? EMPTY_LIST,
    violations: collection?.violations ?? EMPTY_LIST,
    files: collection?.files ?? EMPTY_LIST,
    rules: collection?.rules ?? [],
    policy: collection?.policy ?? null,
    status: assessment.status,
    verdict,
    reason: assessment.reason,
    ...(assessment.error && { error: assessment.error }),
    warnings,
    started_at: new Date(started).toISOString(),
    finished_at: new Date(deps.now()).toISOString(),
    wait_ms: waitMs,
    polls
  }
}

function createRequest(
  settings: ScanSettings,
  model: ModelSource,
  group: SecurityGroup,
  /** the commit the revision was pinned to: for Hugging Face the service scans the model_version it is given */
  commit: string | undefined
): ScanCreateRequest {
  const version = commit ?? settings.modelVersion ?? model.revision
  return {
    model_uri: model.modelUri,
    security_group_uuid: group.uuid,
    ...(settings.labels.length > 0 && { labels: settings.labels }),
    ...(settings.allowPatterns?.length && { allow_patterns: settings.allowPatterns }),
    ...(settings.ignorePatterns?.length && { ignore_patterns: settings.ignorePatterns }),
    ...(settings.modelName && { model_name: settings.modelName }),
    ...(settings.modelAuthor && { model_author: settings.modelAuthor }),
    ...(version && { model_version: version }),
    ...(settings.scanOrigin && { scan_origin: settings.scanOrigin })
  }
}

/** The step's settings with the model's own (a models-file entry) in their place. */
function forModel(settings: ScanSettings, model: ModelSource): ScanSettings {
  const o = model.overrides
  if (!o) return settings
  return {
    ...settings,
    ...(o.group && { group: o.group }),
    // the model's labels win over the step's with the same key; the count was checked with the inputs
    ...(o.labels && { labels: mergeLabels(o.labels, settings.labels, Number.POSITIVE_INFINITY) }),
    ...(o.mode && { mode: o.mode }),
    ...(o.allowPatterns && { allowPatterns: o.allowPatterns }),
    ...(o.ignorePatterns && { ignorePatterns: o.ignorePatterns })
  }
}

/** A scan read back must be the one created, in the group asked for; anything else is not evidence. */
function checked(scan: Scan, created: Scan, group: SecurityGroup): Scan {
  if (scan.uuid.toLowerCase() !== created.uuid.toLowerCase()) {
    throw new GateError(
      'CONTRACT_VIOLATION',
      `Reading scan ${created.uuid} returned scan ${scan.uuid}; the service's answer cannot be trusted.`
    )
  }
  if (scan.security_group_uuid.toLowerCase() !== group.uuid.toLowerCase()) {
    throw new GateError(
      'CONTRACT_VIOLATION',
      `Scan ${scan.uuid} was evaluated against security group ${scan.security_group_uuid}, not ${group.uuid} as requested.`
    )
  }
  return scan
}

/** `org/model`, `s3://bucket/…/name` or a path, short enough for a log prefix. */
function shortName(model: ModelSource): string {
  const name = displayName(model.sourceType, model.modelUri)
  return name.length > 60 ? `…${name.slice(-59)}` : name
}
