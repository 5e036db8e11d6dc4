import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Label } from '../airs/schemas/common.js'
import type { ModelSourceType } from '../airs/schemas/spec-values.js'
import type { GroupSpec } from './group.js'
import type { Mode } from './verdict.js'
import { inputError } from '../util/gate-error.js'
import { isInside, realOr } from '../util/confine.js'

/**
 * Where a model comes from, read from the `model-uri` input: which source type the scan is created for and the
 * `model_uri` sent to the API. Every rejection is an INVALID_INPUT GateError with one line that says what is
 * wrong and how to fix it; credentials and query strings found in a URI are never echoed.
 */

export interface ModelSource {
  /** the text as given (trimmed) */
  input: string
  sourceType: ModelSourceType
  /** what will be sent to the API as model_uri (normalised) */
  modelUri: string
  /** Hugging Face revision taken from the URI */
  revision?: string
  /** absolute real path, LOCAL only */
  localPath?: string
  /** settings of this model's own (a models-file entry), in the place of the step's inputs */
  overrides?: ModelOverrides
  /** its place in the whole list, from 1, when the run gates one shard of it (else its place in the run) */
  position?: number
}

/** What a models-file entry changes for its model; absent fields keep the step's inputs. */
export interface ModelOverrides {
  group?: GroupSpec
  labels?: Label[]
  mode?: Mode
  allowPatterns?: string[]
  ignorePatterns?: string[]
  /** who answers for the model (a GitHub @user or @org/team) */
  owner?: string
  /** the tracking issue mentions the owner (the entry's `mention: true`) */
  mention?: boolean
}

/** The report's record of who answers for a model, from its models-file entry. */
export function ownerOf(model: ModelSource): { owner?: string; mention_owner?: true } {
  const { owner, mention } = model.overrides ?? {}
  return owner ? { owner, ...(mention && { mention_owner: true as const }) } : {}
}

const DEFAULT_INPUT_NAME = 'model-uri'
const MAX_SHOWN_CHARS = 200
const MAX_HF_NAME = 96
const MAX_HF_REVISION = 256

const ACCEPTED_FORMS =
  'https://huggingface.co/<org>/<model>, hf://<org>/<model>, s3://<bucket>/<path>, gs://<bucket>/<path>, ' +
  'https://<account>.blob.core.windows.net/<container>/<path>, az://<container>/<path>, ' +
  'https://<host>/artifactory/<path> or https://<name>.jfrog.io/<path>, ' +
  'https://<gitlab-host>/<project>/-/ml/models/<id>, or a path inside the workspace'

// `scheme://` at the start: anything else is a filesystem path.
const SCHEME_PREFIX = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//
// scheme, authority, path, query, fragment (RFC 3986 appendix B, restricted to `scheme://` forms)
const URI_PARTS = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/
// Whitespace, controls, invisible format characters (bidi overrides, zero-width spaces) and line separators.
const BAD_IN_URI = /[\s\p{Cc}\p{Cf}]/u
// Paths may hold plain spaces, nothing else of the above.
const BAD_IN_PATH = /[^\S ]|[\p{Cc}\p{Cf}]/u
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu

const HF_HOSTS = new Set(['huggingface.co', 'www.huggingface.co', 'hf.co'])
const HF_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/
const HF_FILE_VIEWS = new Set(['blob', 'resolve', 'raw'])
const HF_NOT_MODELS = new Set(['datasets', 'spaces'])
const HF_EXAMPLE = 'https://huggingface.co/openai-community/gpt2'

const S3_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/
const GCS_BUCKET = /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/
const AZURE_HOST = /^([^.]+)\.blob\.core\.(?:windows\.net|chinacloudapi\.cn|usgovcloudapi\.net)$/
const AZURE_ACCOUNT = /^[a-z0-9]{3,24}$/
// 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit; or a special container
const AZURE_CONTAINER = /^(?:\$root|\$web|[a-z0-9](?:-?[a-z0-9])*)$/
const GITLAB_MODELS = '/-/ml/models/'

const RUNS_ON_RUNNER: Record<ModelSourceType, boolean> = {
  LOCAL: true,
  HUGGING_FACE: false,
  S3: true,
  GCS: true,
  AZURE: true,
  ARTIFACTORY: true,
  GITLAB: true
}

/** Sources the service only scans through its Python client (everything but HUGGING_FACE). */
/** How a model is named in logs and reports: `org/model` for Hugging Face, the URI or path otherwise. */
export function displayName(sourceType: ModelSource['sourceType'], modelUri: string): string {
  return sourceType === 'HUGGING_FACE' ? modelUri.replace(/^https:\/\/huggingface\.co\//, '') : modelUri
}

export function scannedOnRunner(sourceType: ModelSource['sourceType']): boolean {
  return RUNS_ON_RUNNER[sourceType]
}

/**
 * Quotes untrusted text for an error message: userinfo and query strings are blanked (they may hold secrets),
 * unprintable characters are replaced so the message stays on one line, and long text is cut.
 */
function shown(text: string): string {
  const hasUri = /[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(text)
  let s = text
  if (hasUri) {
    s = s
      // userinfo in the authority
      .replace(/([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#]*@/g, '$1***@')
      // `user:pass@` whose password holds a raw "/" (not a valid authority, still a secret)
      .replace(/([A-Za-z][A-Za-z0-9+.-]*:\/\/)\S*:\S*@/g, '$1***@')
      // query strings (presigned URLs, SAS tokens)
      .replace(/\?[^#\s]*/g, '?***')
  }
  s = s.replace(UNPRINTABLE, '\uFFFD')
  const chars = Array.from(s)
  if (chars.length > MAX_SHOWN_CHARS) s = `${chars.slice(0, MAX_SHOWN_CHARS).join('')}…`
  return `"${s}"`
}

interface UriParts {
  /** the whole trimmed input, with the scheme in lower case */
  text: string
  scheme: string
  authority: string
  /** raw path, starting with `/` unless empty */
  path: string
  query: string | undefined
  fragment: string | undefined
}

/**
 * Reads `input` (one model) as a model source. Paths (anything without `scheme://`, and `file://` URIs) must
 * exist inside `opts.workspace`, also after following symbolic links.
 */
export interface ParseOptions {
  workspace: string
  inputName?: string
  /**
   * Local models may be anywhere readable (the CLI, where the user names the path), not only inside the
   * workspace (the action, where the checkout is the pull request's and may link out of itself).
   */
  anywhere?: boolean
}

export function parseModelUri(input: string, opts: ParseOptions): ModelSource {
  const name = opts.inputName ?? DEFAULT_INPUT_NAME
  const text = input.trim()
  if (text === '') {
    throw inputError(
      name,
      `is empty; give a model URI such as ${HF_EXAMPLE} or s3://<bucket>/<path>, or a path inside the workspace`
    )
  }
  const prefix = SCHEME_PREFIX.exec(text)
  if (prefix === null) return parseLocal(text, text, opts, name)

  const bad = BAD_IN_URI.exec(text)
  if (bad !== null) {
    throw inputError(
      name,
      `${shown(text)} contains whitespace or a control character at position ${bad.index + 1}; ` +
        'give one URI per line and percent-encode anything else'
    )
  }
  if (text.includes('\\')) {
    throw inputError(name, `${shown(text)} contains a backslash; URIs separate their parts with "/"`)
  }
  const m = URI_PARTS.exec(text)
  if (m === null) throw new Error(`unreachable: ${SCHEME_PREFIX.source} matched but not the URI pattern`)
  const scheme = m[1]!.toLowerCase()
  const uri: UriParts = {
    text: scheme + text.slice(scheme.length),
    scheme,
    authority: m[2]!,
    path: m[3]!,
    query: m[4],
    fragment: m[5]
  }
  if (uri.authority.includes('@')) {
    throw inputError(
      name,
      `${shown(text)}: do not put credentials in the URI; remove everything between "://" and "@" and ` +
        'supply credentials through the environment (ARTIFACTORY_USERNAME/ARTIFACTORY_TOKEN, GITLAB_TOKEN, or the ' +
        "cloud provider's usual credentials)"
    )
  }

  switch (scheme) {
    case 'hf':
      return parseHuggingFace(text, uri.authority + uri.path, uri, name)
    case 's3':
      return parseBucketUri(text, uri, 'S3', name)
    case 'gs':
      return parseBucketUri(text, uri, 'GCS', name)
    case 'az':
      requireNoQueryOrFragment(uri, name)
      checkAzureContainer(uri.authority, uri, name)
      return { input: text, sourceType: 'AZURE', modelUri: uri.text }
    case 'file':
      return parseFileUri(text, uri, opts, name)
    case 'https':
      return parseHttps(text, uri, name)
    case 'http': {
      const host = hostOf(uri.text)
      if (host !== undefined && HF_HOSTS.has(host)) {
        throw inputError(name, `${shown(text)} uses http; use https, e.g. ${HF_EXAMPLE}`)
      }
      throw inputError(name, `${shown(text)} uses http; remote models must be given with an https URL`)
    }
    default:
      throw inputError(
        name,
        `${shown(text)} uses the unsupported scheme "${scheme}://"; accepted forms: ${ACCEPTED_FORMS}`
      )
  }
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase()
  } catch {
    return undefined
  }
}

function requireNoQueryOrFragment(uri: UriParts, name: string): void {
  if (uri.query !== undefined) {
    throw inputError(
      name,
      `${shown(uri.text)} has a query string; remove it (tokens such as SAS signatures must not be put in the ` +
        'URI, supply credentials through the environment)'
    )
  }
  if (uri.fragment !== undefined) {
    throw inputError(name, `${shown(uri.text)} has a "#" fragment; remove it or percent-encode "#" as %23`)
  }
}

function parseHttps(text: string, uri: UriParts, name: string): ModelSource {
  let url: URL
  try {
    url = new URL(uri.text)
  } catch {
    throw inputError(name, `${shown(text)} is not a valid URL; accepted forms: ${ACCEPTED_FORMS}`)
  }
  const host = url.hostname.toLowerCase()
  if (HF_HOSTS.has(host)) {
    if (url.port !== '') {
      throw inputError(name, `${shown(text)} names a port; write https://huggingface.co/<org>/<model>`)
    }
    // The raw path, not url.pathname: the URL parser would quietly resolve `..` and `%2e` segments.
    return parseHuggingFace(text, uri.path.replace(/^\//, ''), uri, name)
  }

  const azure = AZURE_HOST.exec(host)
  if (azure !== null) {
    const account = azure[1]!
    if (!AZURE_ACCOUNT.test(account)) {
      throw inputError(
        name,
        `${shown(text)} names the storage account ${shown(account)}; account names are 3-24 lowercase letters and digits`
      )
    }
    requireNoQueryOrFragment(uri, name)
    const container = uri.path.split('/')[1] ?? ''
    checkAzureContainer(container, uri, name)
    return { input: text, sourceType: 'AZURE', modelUri: uri.text }
  }

  const segments = uri.path.split('/').filter((s) => s !== '')
  if (host.endsWith('.jfrog.io') && host.length > '.jfrog.io'.length) {
    requireNoQueryOrFragment(uri, name)
    if (segments.length === 0) {
      throw inputError(
        name,
        `${shown(text)} names no repository; write https://<name>.jfrog.io/<repository>/<path>`
      )
    }
    return { input: text, sourceType: 'ARTIFACTORY', modelUri: uri.text }
  }

  const gitlab = uri.path.indexOf(GITLAB_MODELS)
  if (gitlab >= 0) {
    requireNoQueryOrFragment(uri, name)
    const project = uri.path.slice(0, gitlab).replace(/^\/+/, '')
    const model = uri.path.slice(gitlab + GITLAB_MODELS.length).replace(/^\/+/, '')
    if (project === '' || model === '') {
      throw inputError(
        name,
        `${shown(text)} is incomplete; write https://<gitlab-host>/<group>/<project>/-/ml/models/<model id>`
      )
    }
    return { input: text, sourceType: 'GITLAB', modelUri: uri.text }
  }

  const artifactory = segments.findIndex((s) => s.toLowerCase() === 'artifactory')
  if (artifactory >= 0) {
    requireNoQueryOrFragment(uri, name)
    if (artifactory === segments.length - 1) {
      throw inputError(
        name,
        `${shown(text)} names no repository; write https://<host>/artifactory/<repository>/<path>`
      )
    }
    return { input: text, sourceType: 'ARTIFACTORY', modelUri: uri.text }
  }

  throw inputError(name, `${shown(text)} is not a recognised model source; accepted forms: ${ACCEPTED_FORMS}`)
}

function parseBucketUri(text: string, uri: UriParts, sourceType: 'S3' | 'GCS', name: string): ModelSource {
  requireNoQueryOrFragment(uri, name)
  const bucket = uri.authority
  const valid =
    sourceType === 'S3' ? S3_BUCKET.test(bucket) && !bucket.includes('..') : GCS_BUCKET.test(bucket)
  if (!valid) {
    const rule =
      sourceType === 'S3'
        ? '3-63 lowercase letters, digits, "." and "-"'
        : '3-222 lowercase letters, digits, ".", "_" and "-"'
    throw inputError(
      name,
      `${shown(text)} has ${bucket === '' ? 'no bucket' : `the invalid bucket name ${shown(bucket)}`}; ` +
        `write ${uri.scheme}://<bucket>/<path> where the bucket is ${rule}, starting and ending with a letter or digit`
    )
  }
  return { input: text, sourceType, modelUri: uri.text }
}

function checkAzureContainer(container: string, uri: UriParts, name: string): void {
  if (container === '') {
    throw inputError(
      name,
      `${shown(uri.text)} names no container; write https://<account>.blob.core.windows.net/<container>/<path> ` +
        'or az://<container>/<path>'
    )
  }
  if (container.length < 3 || container.length > 63 || !AZURE_CONTAINER.test(container)) {
    throw inputError(
      name,
      `${shown(uri.text)} names the invalid container ${shown(container)}; container names are 3-63 lowercase ` +
        'letters, digits and single hyphens, starting and ending with a letter or digit'
    )
  }
}

/** `repoPath` is `<org>/<model>[@<rev>][/tree/<rev>]` with any trailing `/`. */
function parseHuggingFace(text: string, repoPath: string, uri: UriParts, name: string): ModelSource {
  if (uri.query !== undefined) {
    throw inputError(
      name,
      `${shown(text)} has a query string; remove it (pin a revision with /tree/<revision> or @<revision>)`
    )
  }
  const trimmed = repoPath.replace(/\/+$/, '')
  if (trimmed === '') throw inputError(name, `${shown(text)} names no model; write e.g. ${HF_EXAMPLE}`)
  const segments = trimmed.split('/')
  if (segments.includes('')) {
    throw inputError(name, `${shown(text)} contains an empty path segment ("//"); write e.g. ${HF_EXAMPLE}`)
  }
  const first = segments[0]!
  if (HF_NOT_MODELS.has(first.toLowerCase())) {
    throw inputError(
      name,
      `${shown(text)} points to a Hugging Face ${first.toLowerCase().replace(/s$/, '')}; only models can be scanned`
    )
  }
  if (segments.length === 1) {
    throw inputError(
      name,
      `${shown(text)} has no organisation; the organisation is mandatory, write ` +
        `https://huggingface.co/<org>/<model>, e.g. ${HF_EXAMPLE}`
    )
  }
  const org = first
  checkHfName('organisation', org, text, name)
  const modelSegment = segments[1]!
  const rest = segments.slice(2)
  let model = modelSegment
  let rawRevision: string | undefined
  const at = modelSegment.indexOf('@')
  if (at >= 0) {
    model = modelSegment.slice(0, at)
    rawRevision = [modelSegment.slice(at + 1), ...rest].join('/')
  } else if (rest.length > 0) {
    const view = rest[0]!
    if (view === 'tree') {
      rawRevision = rest.slice(1).join('/')
    } else if (HF_FILE_VIEWS.has(view)) {
      throw inputError(
        name,
        `${shown(text)} points to a file (/${view}/...), not a repository; give the repository URL ` +
          `https://huggingface.co/<org>/<model>, optionally with /tree/<revision>`
      )
    } else {
      throw inputError(
        name,
        `${shown(text)} has an unexpected path after the model name; write ` +
          'https://huggingface.co/<org>/<model>, optionally with /tree/<revision> or @<revision>'
      )
    }
  }
  if (model.endsWith('.git')) model = model.slice(0, -'.git'.length)
  checkHfName('model', model, text, name)
  const source: ModelSource = {
    input: text,
    sourceType: 'HUGGING_FACE',
    modelUri: `https://huggingface.co/${org}/${model}`
  }
  if (rawRevision !== undefined) source.revision = decodeRevision(rawRevision, text, name)
  return source
}

function checkHfName(kind: 'organisation' | 'model', value: string, text: string, name: string): void {
  if (value.length > MAX_HF_NAME || !HF_NAME.test(value) || value.includes('..')) {
    throw inputError(
      name,
      `${shown(text)} has the invalid Hugging Face ${kind} name ${shown(value)}; names start with a letter or ` +
        `digit, hold only letters, digits, ".", "_" and "-", no "..", and at most ${MAX_HF_NAME} characters`
    )
  }
}

function decodeRevision(raw: string, text: string, name: string): string {
  let revision: string
  try {
    revision = decodeURIComponent(raw)
  } catch {
    throw inputError(
      name,
      `${shown(text)} has a badly percent-encoded revision; encode "/" as %2F, "%" as %25`
    )
  }
  if (revision === '') {
    throw inputError(
      name,
      `${shown(text)} names an empty revision; give a branch, tag or commit after @ or /tree/`
    )
  }
  if (BAD_IN_URI.test(revision)) {
    throw inputError(
      name,
      `${shown(text)} has a revision with whitespace or control characters; fix the revision`
    )
  }
  if (revision.length > MAX_HF_REVISION) {
    throw inputError(
      name,
      `${shown(text)} has a revision longer than ${MAX_HF_REVISION} characters; use the branch, tag or commit sha`
    )
  }
  return revision
}

function parseFileUri(text: string, uri: UriParts, opts: ParseOptions, name: string): ModelSource {
  requireNoQueryOrFragment(uri, name)
  let file: string
  try {
    file = fileURLToPath(new URL(uri.text))
  } catch {
    throw inputError(
      name,
      `${shown(text)} is not a usable file URI; write file:///<absolute path> or give a path relative to the workspace`
    )
  }
  return parseLocal(text, file, opts, name)
}

// Not `instanceof Error`: errors from node:fs may come from another realm (jest's VM contexts).
function errorCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined
}

/** a file name, not a Hugging Face `org/model` (whose names may contain dots too) */
const MODEL_FILE_EXTENSION =
  /\.(?:bin|pt|pth|ckpt|safetensors|onnx|pkl|pickle|h5|hdf5|keras|gguf|ggml|npy|npz|joblib|dill|json|yaml|yml|msgpack|tflite|pb|zip|tar|gz)$/i

/** Why a path that does not exist might have been meant as something else. */
function missingPathHint(text: string): string {
  if (/^(?:www\.)?(?:huggingface\.co|hf\.co)\//i.test(text)) {
    return `for a Hugging Face model write ${shown(`https://${text}`)}`
  }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text)
  if (scheme !== null) return `if it is meant as a URI, write ${shown(`${scheme[1]!}://...`)}`
  if (
    /^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/.test(text) &&
    !MODEL_FILE_EXTENSION.test(text)
  ) {
    return `check the path, or for a Hugging Face model write ${shown(`https://huggingface.co/${text}`)}`
  }
  return 'check the path, or fetch the model into the workspace before this step'
}

function parseLocal(text: string, file: string, opts: ParseOptions, name: string): ModelSource {
  const { workspace, anywhere = false } = opts
  const bad = BAD_IN_PATH.exec(file)
  if (bad !== null) {
    throw inputError(
      name,
      `${shown(text)} contains a line break, tab or control character at position ${bad.index + 1}; ` +
        'give one path per line without invisible characters'
    )
  }
  const ws = path.resolve(workspace)
  const realWs = realOr(ws)
  const abs = path.resolve(ws, file)
  if (!anywhere && !isInside(ws, abs) && !isInside(realWs, abs)) {
    throw inputError(
      name,
      `${shown(text)} resolves to ${shown(abs)}, which is outside the workspace ${shown(ws)}; ` +
        'put the model inside the workspace'
    )
  }
  try {
    fs.statSync(abs)
  } catch (e) {
    const code = errorCode(e)
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      let broken = false
      try {
        broken = fs.lstatSync(abs).isSymbolicLink()
      } catch {
        // an ancestor is missing too
      }
      const what = broken ? 'is a symbolic link whose target does not exist' : 'does not exist'
      throw inputError(name, `${shown(text)} (${shown(abs)}) ${what}; ${missingPathHint(text)}`)
    }
    throw inputError(name, `${shown(text)} cannot be read (${code ?? 'unknown error'}); check the path`)
  }
  let real: string
  try {
    real = fs.realpathSync(abs)
  } catch (e) {
    throw inputError(
      name,
      `${shown(text)} cannot be resolved (${errorCode(e) ?? 'unknown error'}); check the path`
    )
  }
  if (!anywhere && !isInside(realWs, real)) {
    throw inputError(
      name,
      `${shown(text)} leads through a symbolic link to ${shown(real)}, which is outside the workspace ` +
        `${shown(realWs)}; put the model itself inside the workspace`
    )
  }
  const rel = path.relative(realWs, real)
  return {
    input: text,
    sourceType: 'LOCAL',
    // relative inside the workspace (stable across machines), else the path as resolved
    modelUri: !isInside(realWs, real)
      ? real.split(path.sep).join('/')
      : rel === ''
        ? '.'
        : rel.split(path.sep).join('/'),
    localPath: real
  }
}

/**
 * Splits the `model-uri` input into one entry per model: one per line, blank lines and `#` comments dropped.
 * A line is split on commas only when every piece is a URI (`://`), so local paths with commas survive.
 */
export function splitModelList(text: string, inputName: string = DEFAULT_INPUT_NAME): string[] {
  const entries: string[] = []
  const seen = new Set<string>()
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.trim()
    if (line === '' || line.startsWith('#')) continue
    const pieces = line.split(',').map((p) => p.trim())
    const items = pieces.length > 1 && pieces.every((p) => p.includes('://')) ? pieces : [line]
    for (const item of items) {
      if (seen.has(item)) {
        throw inputError(inputName, `lists ${shown(item)} more than once; remove the duplicate`)
      }
      seen.add(item)
      entries.push(item)
    }
  }
  if (entries.length === 0) {
    throw inputError(
      inputName,
      `is required but names no model; give one model URI or workspace path per line (e.g. ${HF_EXAMPLE})`
    )
  }
  return entries
}
