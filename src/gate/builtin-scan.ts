import { analyseModel, isModelFile } from '../engine/analyse-model.js'
import type { EngineLimits } from '../engine/limits.js'
import { engineScan, type EngineScan } from './builtin-outcome.js'
import type { EnginePolicy } from './builtin-policy.js'

export interface LocalScan extends EngineScan {
  /** why the model holds nothing to verify (no model file, nothing found that blocks): then the scan is ERROR */
  nothingToVerify?: string
}

/**
 * The built-in engine on one local model, judged against the policy into the service's domain objects (a
 * scan, its rule evaluations, violations and files), so the gate treats it like a scan by the service.
 */
export async function scanLocalModel(opts: {
  path: string
  /** how the model is named in the scan (the workspace-relative path) */
  modelUri: string
  policy: EnginePolicy
  limits?: Partial<EngineLimits>
  /** time after which no further file is started, and running analysers stop */
  deadline?: number
}): Promise<LocalScan> {
  const started = new Date()
  const analysis = await analyseModel({
    path: opts.path,
    allowedGlobals: opts.policy.allowedGlobals,
    ...(opts.limits && { limits: opts.limits }),
    ...(opts.deadline !== undefined && { deadline: opts.deadline })
  })
  const { reports } = analysis
  const result = engineScan({
    reports,
    policy: opts.policy,
    modelUri: opts.modelUri,
    modelPath: analysis.root,
    started,
    finished: new Date()
  })
  // A path holding no model file verifies nothing (an empty folder, a wrong path, configuration only): that is
  // "could not verify", never a pass, and not "blocked" by policy findings (no license, location) either. A
  // finding in a file's content that blocks (code, a template that runs code), or a file that could not be
  // verified, keeps the outcome it gives.
  const decided = reports.some((r) =>
    r.findings.some((f) => f.unverified || opts.policy.states[f.rule] === 'BLOCKING')
  )
  if (!decided && !reports.some(isModelFile)) {
    const why = nothingToVerify(analysis.files)
    const scan = {
      ...result.scan,
      eval_outcome: 'ERROR',
      error_code: 'SCAN_ERROR',
      error_message: why
    } as const
    return { ...result, scan, nothingToVerify: why }
  }
  return result
}

function nothingToVerify(files: readonly string[]): string {
  if (files.length === 0) return 'the model path holds no file'
  const shown = files.slice(0, 5).map((f) => f.slice(0, 100))
  const more = files.length > shown.length ? ` and ${files.length - shown.length} more` : ''
  return `no file in a model format the engine recognises (found ${shown.join(', ')}${more}), so nothing was verified`
}
