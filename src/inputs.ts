import { join, relative } from 'node:path'
import { MAX_LABELS_PER_SCAN, SCAN_ORIGINS, UUID_PATTERN } from './airs/schemas/spec-values.js'
import { parseDuration } from './util/duration.js'
import { inputError } from './util/gate-error.js'
import { groupSpec, LOOKS_LIKE_UUID } from './gate/group.js'
import { autoLabels, mergeLabels, parseLabels } from './gate/labels.js'
import { DEFAULT_SCHEDULE } from './gate/poll.js'
import { parseModelUri, splitModelList } from './gate/model-source.js'
import type { PolicyFile } from './gate/builtin-policy.js'
import type { ScannerChoice } from './scanner/prepare-scanner.js'
import { checkVersion, DEFAULT_SCANNER_VERSION } from './scanner/scanner-version.js'
import { parseRequirements, RequirementsRefused } from './scanner/requirements.js'
import {
  checkWritePath,
  ConfinedPathError,
  findConfined,
  readConfined,
  runDir,
  workspaceOf,
  type Env
} from './util/confine.js'
import { ENGINE_CHOICES, type GateInputs } from './gate/gate-models.js'
import { checkModelSet } from './gate/model-set.js'
import { LEG_REPORT_FILE, parseShard } from './gate/shard.js'
import type { VerifySettings } from './gate/verify-run.js'
import { clip, plainText, PRINTABLE, safeName } from './util/text.js'

/**
 * The action's inputs, read through one getter so the action (core.getInput) and the CLI (flags) share every
 * rule. All checks happen here, before any request: a bad value fails with one line naming the input.
 */

export type { Env }
export type { GateInputs }
export type InputGetter = (name: string) => string

export const COMMENT_MODES = ['always', 'on-failure', 'never'] as const

/** How the action reports on GitHub (the CLI has no use for these). */
export interface Reporting {
  jobSummary: boolean
  annotations: boolean
  comment: (typeof COMMENT_MODES)[number]
  commentTag: string
  githubToken: string
  /** a link to a scan in the user's console, `{scan}` standing for its UUID; none unless given */
  consoleUrl?: string
  /** upload the report and SARIF as a workflow artifact (when the runner offers the artifact service) */
  uploadArtifact: boolean
  /** the artifact's name; derived from the job and comment tag unless given */
  artifactName?: string
  /** the tracking issue: when to keep one, its labels and its title (the default title unless given) */
  issue: (typeof COMMENT_MODES)[number]
  issueLabels: string[]
  issueTitle?: string
}

/** Inputs in the order they are documented; the CLI derives its flags from this list. */
export const INPUT_NAMES = [
  'model-uri',
  'models-file',
  'shard',
  'merge-reports',
  'audit',
  'rescan-stale',
  'security-group',
  'engine',
  'policy',
  'labels',
  'auto-labels',
  'mode',
  'on-error',
  'timeout',
  'poll-interval',
  'poll-max-interval',
  'concurrency',
  'allow-patterns',
  'ignore-patterns',
  'model-name',
  'model-author',
  'model-version',
  'pin-revision',
  'reuse',
  'drift',
  'verify-report',
  'max-age',
  'scan-origin',
  'scanner-version',
  'scanner-requirements',
  'python',
  'report-file',
  'sarif-file',
  'sbom-file',
  'upload-artifact',
  'artifact-name',
  'job-summary',
  'annotations',
  'comment',
  'comment-tag',
  'issue',
  'issue-labels',
  'issue-title',
  'console-url',
  'github-token',
  'client-id',
  'client-secret',
  'tsg-id',
  'token-endpoint',
  'api-endpoint',
  'data-endpoint',
  'mgmt-endpoint',
  'region'
] as const
export type InputName = (typeof INPUT_NAMES)[number]

/** Inputs about GitHub's own surfaces: not offered by the CLI. */
export const ACTION_ONLY_INPUTS: ReadonlySet<InputName> = new Set([
  // the CLI's own command for this is `verify`
  'verify-report',
  'upload-artifact',
  'artifact-name',
  'job-summary',
  'annotations',
  'comment',
  'comment-tag',
  'issue',
  'issue-labels',
  'issue-title',
  'github-token'
])

export const DEFAULTS = {
  engine: 'airs',
  mode: 'enforce',
  'on-error': 'fail',
  timeout: '15m',
  'poll-interval': '500ms',
  'poll-max-interval': '5s',
  concurrency: '4',
  'auto-labels': 'true',
  'pin-revision': 'true',
  drift: 'true',
  'rescan-stale': 'false',
  'upload-artifact': 'true',
  'job-summary': 'true',
  annotations: 'true',
  comment: 'on-failure',
  issue: 'never',
  'scanner-version': DEFAULT_SCANNER_VERSION
} as const satisfies Partial<Record<InputName, string>>

/** The values an input may take, where they are a fixed set (the CLI's help lists them). */
export const INPUT_CHOICES = {
  engine: ENGINE_CHOICES,
  mode: ['enforce', 'warn'],
  'on-error': ['fail', 'warn'],
  'scan-origin': SCAN_ORIGINS,
  region: ['us', 'eu'],
  comment: COMMENT_MODES,
  issue: COMMENT_MODES,
  audit: ['inventory']
} as const satisfies Partial<Record<InputName, readonly [string, ...string[]]>>

/** Inputs that are `true` or `false`. */
export const BOOLEAN_INPUTS: ReadonlySet<InputName> = new Set([
  'auto-labels',
  'pin-revision',
  'drift',
  'rescan-stale',
  'upload-artifact',
  'job-summary',
  'annotations'
])

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
/** The reuse window: long enough for a weekly release train, short enough that "recent" still means it. */
const REUSE_BOUNDS = { minMs: MINUTE, maxMs: 90 * DAY }
/** `reuse` values that mean "scan every time". */
const REUSE_OFF = new Set(['', 'off', 'false', '0'])
/** Files named by inputs (a policy, a requirements file) are short. */
const MAX_READ_BYTES = 1024 * 1024
/** A manifest of thousands of models, each with its settings. */
const MAX_MANIFEST_BYTES = 8 * 1024 * 1024
const MAX_CONCURRENCY = 32

/** A choice among fixed words, case-insensitive (`values` are all lower or all upper case). */
function choice<const T extends readonly [string, ...string[]]>(name: string, values: T) {
  const upper = values[0] === values[0].toUpperCase()
  return (text: string): T[number] => {
    const word = upper ? text.trim().toUpperCase() : text.trim().toLowerCase()
    const found = values.find((v) => v === word)
    if (found === undefined) throw inputError(name, `"${clip(text)}" is not one of ${values.join(', ')}.`)
    return found
  }
}

/** The YAML 1.2 core schema's booleans, as @actions/core's `getBooleanInput` reads them. */
const YAML_BOOLEANS: Readonly<Record<string, boolean>> = {
  true: true,
  True: true,
  TRUE: true,
  false: false,
  False: false,
  FALSE: false
}
function bool(name: string, text: string): boolean {
  const value = YAML_BOOLEANS[text.trim()]
  if (value === undefined) throw inputError(name, `"${clip(text)}" is not true or false.`)
  return value
}

function integer(name: string, text: string, min: number, max: number): number {
  const digits = text.trim()
  const n = /^\d+$/.test(digits) ? Number(digits) : NaN
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw inputError(name, `"${clip(text)}" is not a whole number from ${min} to ${max}.`)
  }
  return n
}

/** One per line, or comma-separated; blank entries dropped. */
function list(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean)
}

function patterns(name: string, text: string): string[] | undefined {
  const items = list(text)
  const tooLong = items.find((p) => p.length > 256)
  if (tooLong) throw inputError(name, `pattern "${clip(tooLong)}" is longer than 256 characters.`)
  return items.length ? items : undefined
}

function text256(name: string, text: string): string | undefined {
  const t = text.trim()
  if (t.length > 256) throw inputError(name, `is ${t.length} characters long; at most 256 are allowed.`)
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(t)) throw inputError(name, 'contains control characters or line breaks.')
  return t || undefined
}

/** A gate report holds every finding of every model: far larger than a policy, still bounded. */
const MAX_REPORT_BYTES = 256 * 1024 * 1024

/** verify-report and max-age: the report is read here, confined like every file an input names. */
function readVerify(value: (name: InputName) => string, env: Env): VerifySettings | undefined {
  const file = value('verify-report')
  const maxAge = value('max-age')
  if (!file) {
    if (maxAge && !value('audit'))
      throw inputError('max-age', 'applies to verify-report and audit; give the report to verify against.')
    return undefined
  }
  const maxAgeMs = maxAge
    ? parseDuration(maxAge, 'max-age', { minMs: 1000, maxMs: 10 * 365 * 24 * 60 * MINUTE })
    : undefined
  try {
    const { data, file: read } = readConfined(file, env, MAX_REPORT_BYTES)
    return { file: read, text: data.toString('utf8'), ...(maxAgeMs !== undefined && { maxAgeMs }) }
  } catch (e) {
    throw inputError('verify-report', plainText((e as Error).message, 400))
  }
}

/** How the caller reads its inputs: the action confines local models to the checkout, the CLI does not. */
export interface ReadOptions {
  /** local models may be any readable path, not only inside the workspace */
  modelsAnywhere?: boolean
}

export function readInputs(get: InputGetter, env: Env, options: ReadOptions = {}): GateInputs {
  const value = (name: InputName): string => get(name).trim()
  const or = (name: keyof typeof DEFAULTS): string => value(name) || DEFAULTS[name]
  const workspace = env.GITHUB_WORKSPACE || process.cwd()

  const merge = readMerge(value, env)
  const audit = readAudit(value, or)
  // model-uri may be empty when a models-file lists the models, when the run merges reports or audits the
  // inventory
  const models = (
    get('model-uri').trim() === '' && (value('models-file') || merge || audit)
      ? []
      : splitModelList(get('model-uri'))
  ).map((uri) => parseModelUri(uri, { workspace, anywhere: options.modelsAnywhere === true }))
  const shard = parseShard(value('shard'))
  const mode = choice('mode', INPUT_CHOICES.mode)(or('mode'))
  const onError = choice('on-error', INPUT_CHOICES['on-error'])(or('on-error'))
  const timeoutMs = parseDuration(or('timeout'), 'timeout', { minMs: 1000, maxMs: 360 * MINUTE })
  const pollMs = parseDuration(or('poll-interval'), 'poll-interval', { minMs: 100, maxMs: 5 * MINUTE })
  if (pollMs >= timeoutMs) {
    throw inputError('poll-interval', `must be shorter than the timeout (${or('timeout')}).`)
  }
  // left at its default, the bound gives way to the timeout and to a longer poll-interval (see poll.ts)
  const pollMaxMs = parseDuration(or('poll-max-interval'), 'poll-max-interval', {
    minMs: 1000,
    maxMs: 5 * MINUTE
  })
  if (value('poll-max-interval') && pollMaxMs >= timeoutMs) {
    throw inputError(
      'poll-max-interval',
      `must be shorter than the timeout (${or('timeout')}); lower it or raise timeout.`
    )
  }
  if (value('poll-max-interval') && pollMaxMs < pollMs) {
    throw inputError(
      'poll-max-interval',
      `is shorter than poll-interval (${or('poll-interval')}); raise it to at least that, or lower poll-interval.`
    )
  }
  const concurrency = integer('concurrency', or('concurrency'), 1, MAX_CONCURRENCY)
  const groupText = value('security-group')
  // a UUID with a typo would otherwise be looked up as a name and fail later, less clearly
  if (LOOKS_LIKE_UUID.test(groupText) && !UUID_PATTERN.test(groupText)) {
    throw inputError(
      'security-group',
      `"${clip(groupText)}" looks like a UUID but is not one (8-4-4-4-12 hexadecimal digits, no braces); copy the group's UUID again, or give its name.`
    )
  }
  const group = groupSpec(groupText)
  if (group && 'name' in group && group.name.length > 255) {
    throw inputError('security-group', 'a group name has at most 255 characters.')
  }

  const reuseText = value('reuse').toLowerCase()
  const reuseMs = REUSE_OFF.has(reuseText) ? undefined : parseDuration(reuseText, 'reuse', REUSE_BOUNDS)

  const user = parseLabels(get('labels'))
  const auto = bool('auto-labels', or('auto-labels')) ? autoLabels(env) : []
  // one label is the client's own, to make scan creation safe to retry; with reuse, one more is the reuse key
  // (without reuse it is added only when there is room)
  const labels = mergeLabels(user, auto, MAX_LABELS_PER_SCAN - (reuseMs === undefined ? 1 : 2))

  const allowPatterns = patterns('allow-patterns', get('allow-patterns'))
  const ignorePatterns = patterns('ignore-patterns', get('ignore-patterns'))
  const both = allowPatterns?.filter((p) => ignorePatterns?.includes(p)) ?? []
  if (both.length > 0) {
    throw inputError(
      'ignore-patterns',
      `"${clip(both[0]!)}" is also in allow-patterns; a pattern can only be in one.`
    )
  }

  const modelName = text256('model-name', get('model-name'))
  const modelAuthor = text256('model-author', get('model-author'))
  const modelVersion = text256('model-version', get('model-version'))
  const origin = value('scan-origin')
  const scanOrigin = origin ? choice('scan-origin', INPUT_CHOICES['scan-origin'])(origin) : undefined

  const scanner = readScanner(value, or, env)
  const engine = choice('engine', INPUT_CHOICES.engine)(or('engine'))
  const policyFile = value('policy')
  if (policyFile && engine === 'airs') {
    throw inputError(
      'policy',
      'applies to the built-in engine; with engine: airs the security group decides (set engine: builtin or auto, or remove policy).'
    )
  }
  // read here, before any request; its content is checked when the run starts (gate-models.ts: loadPolicy)
  let policy: PolicyFile | undefined
  if (policyFile) {
    try {
      const { data, file } = readConfined(policyFile, env, MAX_READ_BYTES)
      policy = { file, text: data.toString('utf8') }
    } catch (e) {
      throw inputError('policy', plainText((e as Error).message, 400))
    }
  }

  const verify = readVerify(value, env)
  const pinRevision = bool('pin-revision', or('pin-revision'))
  checkModelSet(
    models,
    { group, labels, modelName, modelAuthor, modelVersion, pinRevision, reuseMs },
    { engine, env }
  )
  const manifest = readManifest(value('models-file'), env)
  if (shard && verify)
    throw inputError('shard', 'splits the models to scan; verify-report checks every model it is given.')
  if (manifest && verify) {
    throw inputError(
      'models-file',
      'is not read by verify-report: name the models to verify in model-uri (one per line).'
    )
  }

  return {
    run: {
      models,
      group,
      labels,
      mode,
      onError,
      timeoutMs,
      concurrency,
      schedule: { ...DEFAULT_SCHEDULE, initialMs: pollMs, maxMs: pollMaxMs },
      allowPatterns,
      ignorePatterns,
      modelName,
      modelAuthor,
      modelVersion,
      scanOrigin,
      pinRevision,
      ...(reuseMs !== undefined && { reuseMs }),
      drift: bool('drift', or('drift')),
      ...(env.GITHUB_REPOSITORY?.trim() && { repository: env.GITHUB_REPOSITORY.trim() })
    },
    client: {
      clientId: value('client-id') || undefined,
      clientSecret: value('client-secret') || undefined,
      tsgId: value('tsg-id') || undefined,
      tokenEndpoint: value('token-endpoint') || undefined,
      apiEndpoint: value('api-endpoint') || undefined,
      dataEndpoint: value('data-endpoint') || undefined,
      mgmtEndpoint: value('mgmt-endpoint') || undefined,
      region: value('region') ? choice('region', INPUT_CHOICES.region)(value('region')) : undefined,
      env
    },
    scanner,
    engine,
    ...(verify && { verify }),
    ...(policy && { policy }),
    ...(manifest && { manifest }),
    ...(shard && { shard }),
    ...(merge && { merge }),
    ...(audit && { audit }),
    ...(options.modelsAnywhere === true && { anywhere: true })
  }
}

/**
 * `audit: inventory` and its settings: the tenant's inventory is the list of models, so the inputs that name
 * models, split them or verify them are refused beside it; it reads the AIRS service, so the engine is AIRS.
 */
function readAudit(
  value: (name: InputName) => string,
  or: (name: keyof typeof DEFAULTS) => string
): GateInputs['audit'] {
  const rescanStale = bool('rescan-stale', or('rescan-stale'))
  const text = value('audit')
  if (!text) {
    if (rescanStale) throw inputError('rescan-stale', 'applies to audit: inventory; set audit, or remove it.')
    return undefined
  }
  choice('audit', INPUT_CHOICES.audit)(text)
  const beside = (['model-uri', 'models-file', 'shard', 'merge-reports', 'verify-report'] as const).find(
    (n) => value(n)
  )
  if (beside)
    throw inputError(
      'audit',
      `reads the models from the tenant's inventory; remove ${beside} from this step.`
    )
  if (or('engine') !== 'airs')
    throw inputError('audit', "reads the AIRS service's inventory; set engine: airs (the default).")
  const maxAge = value('max-age')
  return {
    rescanStale,
    ...(maxAge && {
      maxAgeMs: parseDuration(maxAge, 'max-age', { minMs: 1000, maxMs: 10 * 365 * 24 * 60 * MINUTE })
    })
  }
}

/** Reports merge-reports reads at most: one per leg of GitHub's largest matrix, and some room. */
const MAX_MERGED_REPORTS = 512

/**
 * merge-reports: each line a report file or a folder holding them (`report.json` files, as the legs' artifacts
 * hold them, found up to four folders down); read here, confined like every file an input names. A run that
 * merges scans nothing: the inputs that name models or split them are refused beside it.
 */
function readMerge(value: (name: InputName) => string, env: Env): GateInputs['merge'] {
  const text = value('merge-reports')
  if (!text) return undefined
  const beside = (['model-uri', 'models-file', 'shard', 'verify-report'] as const).find((n) => value(n))
  if (beside)
    throw inputError(
      'merge-reports',
      `merges the reports of earlier runs and scans nothing; remove ${beside} from this step (the legs that scan set it).`
    )
  const files: string[] = []
  try {
    for (const line of list(text)) files.push(...findConfined(line, env, LEG_REPORT_FILE, MAX_MERGED_REPORTS))
  } catch (e) {
    throw inputError('merge-reports', plainText((e as Error).message, 400))
  }
  if (files.length === 0)
    throw inputError(
      'merge-reports',
      `names no report: give report files, or folders holding ${LEG_REPORT_FILE} files (the legs' downloaded artifacts).`
    )
  if (files.length > MAX_MERGED_REPORTS)
    throw inputError(
      'merge-reports',
      `names ${files.length} reports; at most ${MAX_MERGED_REPORTS} are merged.`
    )
  return [...new Set(files)].map((f) => {
    try {
      const { data } = readConfined(f, env, MAX_REPORT_BYTES)
      return { file: plainText(relative(workspaceOf(env), f) || f, 200), text: data.toString('utf8') }
    } catch (e) {
      throw inputError('merge-reports', plainText((e as Error).message, 400))
    }
  })
}

/** models-file: read here, confined like every file an input names; parsed and checked when the run starts. */
function readManifest(name: string, env: Env): GateInputs['manifest'] {
  if (!name) return undefined
  try {
    const { data } = readConfined(name, env, MAX_MANIFEST_BYTES)
    // named in messages as the workflow names it
    return { file: plainText(name, 200), text: data.toString('utf8') }
  } catch (e) {
    throw inputError('models-file', plainText((e as Error).message, 400))
  }
}

/**
 * The scanner inputs: checked here, before any request, although only models scanned on the runner use them (a
 * typo must not wait for the day a local model is added).
 */
function readScanner(
  value: (name: InputName) => string,
  or: (name: keyof typeof DEFAULTS) => string,
  env: Env
): ScannerChoice {
  const version = or('scanner-version')
  try {
    checkVersion(version)
  } catch {
    throw inputError(
      'scanner-version',
      `"${clip(version)}" is not an exact release; write one like ${DEFAULT_SCANNER_VERSION} (a range would let the package index choose).`
    )
  }
  const python = value('python') || undefined
  // eslint-disable-next-line no-control-regex
  if (python && /[\u0000-\u001f\u007f]/.test(python))
    throw inputError('python', 'contains control characters or line breaks.')
  const given = value('scanner-requirements')
  if (!given) return { version, ...(python && { python }) }
  let read: { data: Buffer; file: string }
  try {
    read = readConfined(given, env, MAX_READ_BYTES)
  } catch (e) {
    if (e instanceof ConfinedPathError) throw inputError('scanner-requirements', plainText(e.message, 400))
    throw e
  }
  // read strictly here, before any request; pip later gets a file written from what was understood, never this one
  try {
    const requirements = parseRequirements(read.data, read.file, version)
    return { version, requirements, ...(python && { python }) }
  } catch (e) {
    if (e instanceof RequirementsRefused) throw inputError('scanner-requirements', `${e.detail}.`)
    throw e
  }
}

/** Where the reports go and how the run reports on GitHub. */
export interface Publishing {
  /** where the JSON report is written; undefined when no usable path is left */
  reportFile?: string
  /** where the SARIF log is written; undefined when no usable path is left */
  sarifFile?: string
  /** where the CycloneDX ML-BOM is written */
  sbomFile?: string
  /** where the attestation's predicate, in-toto statement and subject checksums are written */
  attestation?: { predicate?: string; statement?: string; checksums?: string }
  reporting: Reporting
}

/** Every input of a step, each read once: what to publish is always known, the gate's inputs when all are good. */
export type StepInputs =
  | { publishing: Publishing; gate: GateInputs; error?: never }
  | { publishing: Publishing; gate?: never; error: unknown }

/** When the reporting inputs themselves are bad the run fails on them; report without commenting. */
const FALLBACK_REPORTING: Reporting = {
  jobSummary: true,
  annotations: true,
  comment: 'never',
  commentTag: '',
  githubToken: '',
  // an opt-out the user may have written must not be lost to another input's mistake: no upload
  uploadArtifact: false,
  issue: 'never',
  issueLabels: []
}

/**
 * Reads the step's inputs. A bad input fails the run (the first one found is the error), yet the reports are
 * still written: a bad report path falls back to the default path, bad reporting inputs to reporting without
 * a comment, so the failure is always published.
 */
export function readStep(getInput: InputGetter, env: Env, options: ReadOptions = {}): StepInputs {
  const get = readOnce(getInput)
  const errors: unknown[] = []
  const attempt = <T>(read: () => T, fallback: () => T): T => {
    try {
      return read()
    } catch (e) {
      errors.push(e)
      return fallback()
    }
  }
  const file = (input: keyof typeof DEFAULT_FILE_NAMES): string | undefined =>
    attempt(
      () => outputPath(input, get(input).trim(), env),
      () =>
        attempt(
          () => outputPath(input, '', env),
          () => undefined
        )
    )
  let gate: GateInputs | undefined
  try {
    gate = readInputs(get, env, options)
  } catch (e) {
    errors.push(e)
  }
  const reportFile = file('report-file')
  const sarifFile = file('sarif-file')
  const sbomFile = file('sbom-file')
  // the attestation's files have no input: beside the others in this run's directory, named by the outputs
  const own = (name: keyof typeof OWN_FILE_NAMES) =>
    attempt(
      () => checkWritePath(join(runDir(env), `${stepName(env)}-${OWN_FILE_NAMES[name]}`), env),
      () => undefined
    )
  const predicate = own('predicate')
  const statement = own('statement')
  const checksums = own('checksums')
  const publishing: Publishing = {
    ...(reportFile && { reportFile }),
    ...(sarifFile && { sarifFile }),
    ...(sbomFile && { sbomFile }),
    attestation: {
      ...(predicate && { predicate }),
      ...(statement && { statement }),
      ...(checksums && { checksums })
    },
    reporting: attempt(
      () => readReporting(get),
      () => FALLBACK_REPORTING
    )
  }
  return gate && errors.length === 0 ? { publishing, gate } : { publishing, error: errors[0] }
}

/** The getter, asked once per input whatever the rules that look at its value. */
function readOnce(get: InputGetter): InputGetter {
  const values = new Map<string, string>()
  return (name) => {
    let v = values.get(name)
    if (v === undefined) {
      v = get(name)
      values.set(name, v)
    }
    return v
  }
}

/** The reporting inputs; a bad value throws like any other input. */
export function readReporting(get: InputGetter): Reporting {
  const value = (name: InputName): string => get(name).trim()
  const or = (name: keyof typeof DEFAULTS): string => value(name) || DEFAULTS[name]
  const tag = value('comment-tag')
  if (tag.length > 100)
    throw inputError('comment-tag', `is ${tag.length} characters long; at most 100 are allowed.`)
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(tag))
    throw inputError('comment-tag', 'contains control characters or line breaks.')
  return {
    jobSummary: bool('job-summary', or('job-summary')),
    annotations: bool('annotations', or('annotations')),
    comment: choice('comment', INPUT_CHOICES.comment)(or('comment')),
    commentTag: tag,
    githubToken: value('github-token'),
    ...(value('console-url') && { consoleUrl: consoleUrl(value('console-url')) }),
    uploadArtifact: bool('upload-artifact', or('upload-artifact')),
    ...(value('artifact-name') && { artifactName: artifactName(value('artifact-name')) }),
    issue: choice('issue', INPUT_CHOICES.issue)(or('issue')),
    issueLabels: issueLabels(get('issue-labels')),
    ...(value('issue-title') && { issueTitle: issueTitleInput(value('issue-title')) })
  }
}

/** GitHub's limits on a label name and on an issue's title; and a sane number of labels. */
const MAX_ISSUE_LABEL = 50
const MAX_ISSUE_LABELS = 20
const MAX_ISSUE_TITLE = 256

/** `issue-labels`: one per line or comma-separated, each a label name GitHub takes. */
function issueLabels(text: string): string[] {
  const labels = [
    ...new Set(
      text
        .split(/[\n,]/)
        .map((l) => l.trim())
        .filter(Boolean)
    )
  ]
  for (const l of labels) {
    if (l.length > MAX_ISSUE_LABEL)
      throw inputError(
        'issue-labels',
        `"${clip(l)}" is ${l.length} characters long; a label has at most ${MAX_ISSUE_LABEL}.`
      )
    if (!PRINTABLE.test(l))
      throw inputError('issue-labels', `"${clip(l)}" holds control or invisible characters.`)
  }
  if (labels.length > MAX_ISSUE_LABELS)
    throw inputError('issue-labels', `${labels.length} labels given; at most ${MAX_ISSUE_LABELS}.`)
  return labels
}

function issueTitleInput(title: string): string {
  if (title.length > MAX_ISSUE_TITLE)
    throw inputError(
      'issue-title',
      `is ${title.length} characters long; at most ${MAX_ISSUE_TITLE} are allowed.`
    )
  if (!PRINTABLE.test(title))
    throw inputError('issue-title', 'contains control characters, line breaks or invisible characters.')
  return title
}

/**
 * Letters, digits, `.`, `_`, `-` and spaces: the artifact service refuses `" : < > | * ? \ /`, and the client
 * prints the name into the log, where `##[` or a line break would be read as a command.
 */
const ARTIFACT_NAME_FORBIDDEN = /[^A-Za-z0-9._ -]/
const MAX_ARTIFACT_NAME = 200

function artifactName(name: string): string {
  if (name.length > MAX_ARTIFACT_NAME)
    throw inputError(
      'artifact-name',
      `is ${name.length} characters long; at most ${MAX_ARTIFACT_NAME} are allowed.`
    )
  const bad = ARTIFACT_NAME_FORBIDDEN.exec(name)
  if (bad)
    throw inputError(
      'artifact-name',
      `may not contain ${JSON.stringify(bad[0])}; use letters, digits, spaces, '-', '_' and '.'.`
    )
  return name
}

/** Stands for the scan's UUID in `console-url` (report/markdown.ts fills it in). */
const SCAN_PLACEHOLDER = '{scan}'

/**
 * `console-url`: an https link with `{scan}` where the scan's UUID goes. The service's console address is not
 * documented, so there is no default: a guessed link that breaks is worse than none.
 */
function consoleUrl(template: string): string {
  const parts = template.split(SCAN_PLACEHOLDER)
  if (parts.length !== 2)
    throw inputError('console-url', `must contain ${SCAN_PLACEHOLDER} once, where the scan's UUID goes.`)
  let url: URL
  try {
    url = new URL(parts.join('00000000-0000-4000-8000-000000000000'))
  } catch {
    throw inputError(
      'console-url',
      `"${clip(template)}" is not a URL; give an https link with ${SCAN_PLACEHOLDER} in it.`
    )
  }
  if (url.protocol !== 'https:' || url.username || url.password)
    throw inputError('console-url', 'must be an https link without credentials.')
  return template
}

/** The file each reporting input names when it is empty. */
const DEFAULT_FILE_NAMES = {
  'report-file': 'report.json',
  'sarif-file': 'results.sarif',
  'sbom-file': 'ml-bom.cdx.json'
} as const

/** Files the run writes that no input names (their paths are outputs). */
const OWN_FILE_NAMES = {
  predicate: 'attestation-predicate.json',
  statement: 'attestation.intoto.json',
  checksums: 'attestation-checksums.txt'
} as const

const stepName = (env: Env) => safeName(env.GITHUB_ACTION || 'cli', '_')

/**
 * Where a report file goes: the given path (relative to the workspace), or a per-step file in this run's own
 * directory (`<RUNNER_TEMP>/airs-model-gate/<step>-report.json`; outside GitHub Actions a new private directory).
 * Either way it must stay inside the workspace or the runner's temporary directory and is never written through a
 * link (see util/confine.ts).
 */
export function outputPath(input: keyof typeof DEFAULT_FILE_NAMES, given: string, env: Env): string {
  const file = given || join(runDir(env), `${stepName(env)}-${DEFAULT_FILE_NAMES[input]}`)
  try {
    return checkWritePath(file, env)
  } catch (e) {
    if (e instanceof ConfinedPathError) throw inputError(input, plainText(e.message, 400))
    throw e
  }
}
