import { analyseEntry } from './analyse.js'
import { Companions } from './companions.js'
import type { FileReport } from './findings.js'
import { DEFAULT_LIMITS, type EngineLimits } from './limits.js'
import { listModel } from './walk.js'

/**
 * The built-in engine's one entry: every file of a local model (a file or a directory) analysed by content,
 * never loaded, executed or written. What the findings mean under a policy is the gate's business
 * (gate/builtin-scan.ts); the engine knows nothing of the service's domain objects.
 */

export interface ModelAnalysis {
  /** the model's root as listed (a directory, or the file itself) */
  root: string
  /** one report per file, in listing order, then any file not reached */
  reports: FileReport[]
  /** the relative paths of every file listed */
  files: string[]
}

export async function analyseModel(opts: {
  path: string
  /** the globals a pickle may import without a finding (the policy's allow list) */
  allowedGlobals: readonly string[]
  limits?: Partial<EngineLimits>
  /** time after which no further file is started, and running analysers stop */
  deadline?: number
}): Promise<ModelAnalysis> {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits }
  const listing = await listModel(opts.path, limits.files)
  const ctx = {
    limits,
    allowedGlobals: new Set(opts.allowedGlobals),
    deadline: opts.deadline ?? Number.POSITIVE_INFINITY,
    // the SavedModel and ONNX test layouts, known by name before any file is read
    companions: new Companions(listing.entries)
  }
  // the models that reference external data first: analysing one records what it reads (each file is parsed
  // once), so that its data files are known as such when their turn comes
  const order = listing.entries.map((_, i) => i)
  order.sort(
    (a, b) =>
      Number(!REFERRER.test(listing.entries[a]!.rel)) - Number(!REFERRER.test(listing.entries[b]!.rel))
  )
  const reports: FileReport[] = new Array<FileReport>(listing.entries.length)
  for (const i of order) {
    const entry = listing.entries[i]!
    reports[i] =
      Date.now() > ctx.deadline
        ? notReached(entry.rel, 'the time limit was reached before this file')
        : await analyseEntry(entry, ctx)
  }
  if (listing.truncated)
    reports.push(notReached('(more files)', `the model has more than ${limits.files} files`))
  return { root: listing.root, reports, files: listing.entries.map((e) => e.rel) }
}

/** Files whose analysis names the external data files they read (ONNX models, LiteRT models). */
const REFERRER = /\.(?:onnx|tflite)$/i

/**
 * Formats that describe a model without being one: a folder holding only these (a config.json, a shard index, a
 * YAML file) has no weights or code to verify.
 */
const DESCRIPTIVE_FORMATS: ReadonlySet<string> = new Set(['json', 'yaml', 'safetensors_index'])

/**
 * Checked as what a server runs, although not a model file under the format rule (a chat template is rendered
 * by code): a model that is only a template has been verified.
 */
const VERIFIED_CODE_FORMATS: ReadonlySet<string> = new Set(['jinja_template'])

/** A file that holds something to verify: weights, code or a graph, not only a description. */
export const isModelFile = (r: FileReport): boolean =>
  r.formats.some((f) => VERIFIED_CODE_FORMATS.has(f)) ||
  (r.templates ?? 0) > 0 ||
  (!r.notModel && !r.holdsNothing && r.formats.some((f) => !DESCRIPTIVE_FORMATS.has(f)))

function notReached(path: string, why: string): FileReport {
  return {
    path,
    formats: [],
    findings: [
      { rule: 'SUSPICIOUS', file: path, unverified: true, description: `Could not be verified: ${why}` }
    ]
  }
}
