import type { Logger } from '../util/logger.js'
import { scanLocalModel } from './builtin-scan.js'
import type { EnginePolicy } from './builtin-policy.js'
import type { EngineLimits } from '../engine/limits.js'
import { GateError } from '../util/gate-error.js'
import { describeFailure } from './describe-failure.js'
import { formatDuration } from '../util/duration.js'
import { countOf } from '../util/text.js'
import { digestOrWarn } from './model-digest.js'
import {
  EMPTY_LIST,
  gateReport,
  reportSettings,
  wholeList,
  type GateReport,
  type ModelResult
} from './result.js'
import { mapLimit } from '../util/concurrency.js'
import { displayName, ownerOf, type ModelSource } from './model-source.js'
import { assess, judge, worst, type Mode, type OnError } from './verdict.js'

/**
 * Models judged by the built-in engine: local files inspected on the runner without loading them, against a
 * policy kept in the repository. The engine produces the same domain objects as a service scan, so the verdict
 * below is the service path's own (assess, judge) and every report reads the result the same way.
 */

export interface BuiltinSettings {
  models: ModelSource[]
  policy: EnginePolicy
  mode: Mode
  onError: OnError
  timeoutMs: number
  concurrency: number
  limits?: Partial<EngineLimits>
  /** why the built-in engine decides (engine: auto without credentials), said in every model's warnings */
  fallback?: string
}

export async function scanBuiltin(
  settings: BuiltinSettings,
  model: ModelSource,
  index: number,
  logger: Logger
): Promise<ModelResult> {
  const started = Date.now()
  const base = {
    index,
    engine: 'builtin' as const,
    model: {
      input: model.input,
      source_type: model.sourceType,
      model_uri: model.modelUri,
      ...ownerOf(model)
    },
    ...(model.overrides?.mode && { mode: model.overrides.mode }),
    retried_scans: [],
    wait_ms: null,
    polls: 0
  }
  const warnings = settings.fallback ? [settings.fallback] : []
  try {
    if (model.localPath === undefined) {
      throw new GateError(
        'UNSUPPORTED_SOURCE',
        `The built-in engine scans local models only; ${model.sourceType} models need engine: airs (with credentials).`
      )
    }
    const r = await scanLocalModel({
      path: model.localPath,
      modelUri: model.modelUri,
      policy: settings.policy,
      limits: settings.limits,
      deadline: started + settings.timeoutMs
    })
    const digest = await digestOrWarn(model.localPath, warnings)
    logger.info(
      `${displayName(model.sourceType, model.modelUri)}: ${r.nothingToVerify ? 'nothing to verify' : r.scan.eval_outcome} by the built-in engine in ${formatDuration(Date.now() - started)} (${countOf(r.files.length, 'file')})`
    )
    for (const name of r.notEvaluated) {
      warnings.push(
        `${name} was not evaluated: the built-in engine cannot judge it (it needs the AIRS service).`
      )
    }
    const assessment = assess({
      ...(r.nothingToVerify && {
        error: {
          code: 'NOTHING_TO_VERIFY' as const,
          message: `Nothing to verify: ${displayName(model.sourceType, model.modelUri)}: ${r.nothingToVerify}. Check the path, or point it at the model's files.`
        }
      }),
      outcome: r.scan.eval_outcome,
      evaluations: r.evaluations,
      rulesFailed: r.scan.eval_summary?.rules_failed,
      totalRules: r.scan.eval_summary?.total_rules,
      scanErrorCode: r.scan.error_code,
      scanErrorMessage: r.scan.error_message,
      filesScanned: r.scan.total_files_scanned,
      files: r.files
    })
    return {
      ...base,
      ...(digest && { model: { ...base.model, digest } }),
      not_evaluated: r.notEvaluated,
      security_group: r.group,
      scan: r.scan,
      evaluations: wholeList(r.evaluations),
      violations: wholeList(r.violations),
      files: wholeList(r.files),
      rules: r.rules,
      policy: r.policy,
      status: assessment.status,
      verdict: judge(assessment.status, model.overrides?.mode ?? settings.mode, settings.onError),
      reason: assessment.reason,
      ...(assessment.error && { error: assessment.error }),
      warnings,
      started_at: new Date(started).toISOString(),
      finished_at: new Date().toISOString()
    }
  } catch (e) {
    const error = describeFailure(e)
    return {
      ...base,
      evaluations: EMPTY_LIST,
      violations: EMPTY_LIST,
      files: EMPTY_LIST,
      rules: [],
      policy: null,
      status: 'error',
      verdict: judge('error', model.overrides?.mode ?? settings.mode, settings.onError),
      reason: error.message,
      error,
      warnings,
      started_at: new Date(started).toISOString(),
      finished_at: new Date().toISOString()
    }
  }
}

export async function runBuiltin(settings: BuiltinSettings, logger: Logger): Promise<GateReport> {
  const started = Date.now()
  if (settings.fallback) logger.warning(settings.fallback)
  const models = await mapLimit(settings.models, settings.concurrency, (m, i) =>
    scanBuiltin(settings, m, m.position ?? i + 1, logger)
  )
  return gateReport({
    started,
    finished: Date.now(),
    settings: reportSettings(settings),
    verdict: worst(models.map((m) => m.verdict)),
    models
  })
}
