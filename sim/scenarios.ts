import { DIALOGPT, RULE } from './fixtures.js'
import type { ArtifactFile, Finding, ModelMetadata } from './evaluate.js'

/**
 * What a Hugging Face scan finds, chosen by model URI. The service scans those repositories itself, so the
 * simulator needs to be told what is in them: files, findings, metadata, and how the scan behaves over time.
 * Scans of local and object-storage models bring their own findings (`scan_details`) and only use the timing.
 */

export interface ScenarioFile {
  path: string
  formats?: string[] | null
  skipped?: boolean
  error?: boolean
}

export interface Scenario {
  /** Exact model URI, or a prefix ending in `*`. */
  match: string
  files?: ScenarioFile[]
  findings?: Finding[]
  metadata?: ModelMetadata
  /** Virtual milliseconds from creation to the final outcome (default: the simulator's `settleMs`). */
  settleAfterMs?: number
  /** Settle after this many reads of the scan instead of after a delay. */
  settleAfterPolls?: number
  /** The create response already carries the final outcome. */
  settleOnCreate?: boolean
  /** Stays PENDING forever. */
  neverSettles?: boolean
  /**
   * Ends in ERROR; with `times`, only the first `times` scans of this URI do (SCAN_DATA_PENDING is like that);
   * with `keepResults`, the evaluations and files made before the error stay visible.
   */
  error?: { code: string; message: string; times?: number; keepResults?: boolean }
  /** Rules whose evaluation ends in ERROR instead of PASSED or FAILED. */
  ruleErrors?: string[]
  /**
   * Synthetic large result: `files` weight files, the first `violations` of them pickles (one unapproved-format
   * violation each); violations beyond the file count are load-time findings. Used to stress clients: the
   * real service scans at most 1,000 files (see `too-many-files`).
   */
  generate?: { files: number; violations: number }
  /**
   * Hugging Face commits by revision (`{"main": "<40-hex sha>"}`): what the Hub reports a branch or tag points
   * to. Revisions not listed point to a commit derived from model and revision. A test moves a branch by adding
   * a scenario in front with another commit, or through `POST /__sim/hub/commits`.
   */
  commits?: Record<string, string>
}

/** A small clean repository: the files of any scenario that does not list its own. */
const CLEAN_FILES: ScenarioFile[] = [
  { path: 'config.json', formats: ['json'] },
  { path: 'model.safetensors', formats: ['safetensors'] },
  { path: 'README.md', formats: ['not_model'], skipped: true },
  { path: 'tokenizer.json', formats: ['json'] }
]

const SIM = 'https://huggingface.co/airs-sim'

/** Built-in scenarios; tests and the CLI can add more in front of them. */
export const DEFAULT_SCENARIOS: Scenario[] = [
  {
    match: DIALOGPT.uri,
    files: DIALOGPT.files,
    metadata: DIALOGPT.metadata
  },
  { match: `${SIM}/clean-model` },
  {
    match: `${SIM}/pickle-rce`,
    files: [
      { path: 'config.json', formats: ['json'] },
      { path: 'pytorch_model.bin', formats: ['pytorch_v1_13', 'pickle', 'zip'] }
    ],
    findings: [
      {
        file: 'pytorch_model.bin',
        description: "The model imports 'os.system', which runs a shell command when the file is loaded",
        threat: 'PAIT-PYTCH-100',
        module: 'os',
        operator: 'system'
      }
    ]
  },
  {
    match: `${SIM}/keras-lambda`,
    files: [{ path: 'model.keras', formats: ['keras3', 'zip'] }],
    findings: [
      {
        file: 'model.keras',
        description: 'Keras Lambda layer with serialized Python bytecode',
        threat: 'PAIT-KERAS-300',
        module: 'keras.layers',
        operator: 'Lambda'
      }
    ]
  },
  {
    match: `${SIM}/unlicensed`,
    metadata: { organization: 'airs-sim', model: 'unlicensed', license: null, orgVerified: true }
  },
  {
    match: `${SIM}/scan-error`,
    error: { code: 'SCAN_ERROR', message: 'The scanner failed on this repository' }
  },
  {
    match: `${SIM}/scan-data-pending`,
    error: {
      code: 'SCAN_DATA_PENDING',
      message: 'Repository data is still being fetched; retry the scan later',
      times: 1
    }
  },
  { match: `${SIM}/never-settles`, neverSettles: true },
  { match: `${SIM}/settled-on-create`, settleOnCreate: true },
  { match: `${SIM}/slow-20s`, settleAfterMs: 20_000 },
  { match: `${SIM}/slow-120s`, settleAfterMs: 120_000 },
  { match: `${SIM}/large`, generate: { files: 10_000, violations: 10_000 } },
  {
    match: `${SIM}/too-many-files`,
    generate: { files: 1_001, violations: 0 },
    error: { code: 'SCAN_ERROR', message: 'The model has more than 1,000 files, more than a scan can hold' }
  },
  {
    match: `${SIM}/rule-error`,
    ruleErrors: [RULE.backdoor]
  },
  // any other Hugging Face model: a clean repository
  { match: 'https://huggingface.co/*' }
]

export function matches(s: Scenario, uri: string): boolean {
  return s.match.endsWith('*') ? uri.startsWith(s.match.slice(0, -1)) : uri === s.match
}

/** Files and findings of a scenario, with the allow/ignore patterns of the scan request applied. */
export function scenarioContent(
  s: Scenario,
  uri: string,
  allow: string[] | null | undefined,
  ignore: string[] | null | undefined
): { files: ArtifactFile[]; findings: Finding[]; metadata: ModelMetadata } {
  let files: ArtifactFile[]
  let findings = s.findings ?? []
  if (s.generate) {
    const { files: n, violations } = s.generate
    files = Array.from({ length: n }, (_, i) => ({
      path:
        i < violations
          ? `shards/part-${String(i).padStart(5, '0')}.bin`
          : `shards/part-${String(i).padStart(5, '0')}.safetensors`,
      formats: [i < violations ? 'pickle' : 'safetensors'],
      status: 'SCANNED' as const
    }))
    findings = Array.from({ length: Math.max(0, violations - n) }, (_, i) => ({
      file: files[i % files.length]!.path,
      description: `Global import 'builtins.exec' found in pickle stream #${i}`,
      threat: 'PAIT-PKL-100',
      rule: RULE.loadTime,
      module: 'builtins',
      operator: 'exec'
    }))
  } else {
    files = (s.files ?? CLEAN_FILES).map((f) => ({
      path: f.path,
      formats: f.formats ?? null,
      status: f.error ? ('ERROR' as const) : f.skipped ? ('SKIPPED' as const) : ('SCANNED' as const)
    }))
  }
  const allowRe = allow?.length ? allow.map(glob) : undefined
  const ignoreRe = (ignore ?? []).map(glob)
  const kept = files.filter(
    (f) => (!allowRe || allowRe.some((re) => re.test(f.path))) && !ignoreRe.some((re) => re.test(f.path))
  )
  const keptPaths = new Set(kept.map((f) => f.path))
  const [org, model] = uri.replace(/^https:\/\/huggingface\.co\//, '').split('/')
  return {
    files: kept,
    findings: findings.filter((f) => f.file === null || keptPaths.has(f.file)),
    metadata: { organization: org, model, license: 'apache-2.0', orgVerified: true, ...s.metadata }
  }
}

/** fnmatch-style: `*` any run of characters, `?` one character. */
function glob(pattern: string): RegExp {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  return new RegExp(`^${re}$`)
}
