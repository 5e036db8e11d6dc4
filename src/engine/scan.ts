import { analyseEntry } from './analyse.js'
import type { FileReport } from './findings.js'
import { DEFAULT_LIMITS, type EngineLimits } from './limits.js'
import { engineScan, type EngineScan } from './outcome.js'
import type { EnginePolicy } from './policy.js'
import { listModel } from './walk.js'

export interface LocalScan extends EngineScan {
  /** why the model holds nothing to verify (no model file, nothing found that blocks): then the scan is ERROR */
  nothingToVerify?: string
}

/**
 * The built-in engine on one local model (a file or a directory): every file analysed by content, never
 * loaded, executed or written; the findings judged against the policy into the service's domain objects.
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
  const limits = { ...DEFAULT_LIMITS, ...opts.limits }
  const started = new Date()
  const listing = await listModel(opts.path, limits.files)
  const ctx = {
    limits,
    allowedGlobals: new Set(opts.policy.allowedGlobals),
    deadline: opts.deadline ?? Number.POSITIVE_INFINITY
  }
  const reports: FileReport[] = []
  for (const entry of listing.entries) {
    if (Date.now() > ctx.deadline) {
      reports.push(notReached(entry.rel, 'the time limit was reached before this file'))
      continue
    }
    reports.push(await analyseEntry(entry, ctx))
  }
  if (listing.truncated)
    reports.push(notReached('(more files)', `the model has more than ${limits.files} files`))
  const result = engineScan({
    reports,
    policy: opts.policy,
    modelUri: opts.modelUri,
    modelPath: listing.root,
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
    const why = nothingToVerify(listing.entries.map((e) => e.rel))
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

/**
 * Formats that describe a model without being one: a folder holding only these (a config.json, a shard index, a
 * YAML file) has no weights or code to verify.
 */
const DESCRIPTIVE_FORMATS: ReadonlySet<string> = new Set(['json', 'yaml', 'safetensors_index'])

const isModelFile = (r: FileReport): boolean =>
  !r.notModel && !r.holdsNothing && r.formats.some((f) => !DESCRIPTIVE_FORMATS.has(f))

function nothingToVerify(files: readonly string[]): string {
  if (files.length === 0) return 'the model path holds no file'
  const shown = files.slice(0, 5).map((f) => f.slice(0, 100))
  const more = files.length > shown.length ? ` and ${files.length - shown.length} more` : ''
  return `no file in a model format the engine recognises (found ${shown.join(', ')}${more}), so nothing was verified`
}

function notReached(path: string, why: string): FileReport {
  return {
    path,
    formats: [],
    findings: [
      { rule: 'SUSPICIOUS', file: path, unverified: true, description: `Could not be verified: ${why}` }
    ]
  }
}
