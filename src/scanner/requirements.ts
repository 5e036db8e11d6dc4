import { createHash } from 'node:crypto'
import { plainText } from '../util/text.js'
import { ScannerError } from './scanner-error.js'

/**
 * The `scanner-requirements` file, read by a parser of our own.
 *
 * pip's requirements-file grammar is exactly what must NOT be accepted. A line of it can replace or add package
 * sources (`-i`, `--index-url`, `--extra-index-url`, `-f`/`--find-links`, `--trusted-host`, `--no-index`),
 * include other files (`-r`, `-c`), install from paths, URLs and version control (`-e`, `name @ url`, `./pkg`,
 * `git+https://…`), pass arguments to build backends (`--config-settings`, `--global-option`), and pip expands
 * `${VARIABLES}` from its environment. The file comes from the checkout, so with pip's grammar whoever edits it
 * chooses the code that later runs with the AIRS credentials (their own "model-security-client", hash-pinned to
 * their own wheel, served by their own index).
 *
 * Accepted, and nothing else:
 * - blank lines, and comments: `#` at the start of a line or after a space or tab, to the end of the line;
 * - requirement lines `name[extra,…]==version` with one or more `--hash=sha256:<64 hex digits>` (or
 *   `--hash sha256:…`), optionally with an environment marker (`; python_version >= "3.12"`, parsed strictly),
 *   continued over several lines by a backslash at the very end of a line, as `pip-compile --generate-hashes`
 *   writes them (its `# via` annotation lines are comments);
 * - names as PEP 508 spells them (compared after PEP 503 normalisation; each package once); versions exact and
 *   canonical PEP 440 (`1.2.3`, `1!2.0`, `2.0rc1`, `1.0.post1`, `1.0.dev2`, and a local label `1.0+cpu`, which
 *   the hash pins to one file anyway); no ranges, `*` wildcards, `===` or several clauses;
 * - UTF-8 text (a leading byte-order mark is skipped) with LF or CRLF line ends, at most MAX_REQUIREMENTS_BYTES.
 *
 * The client must be pinned, without a marker, at exactly the scanner version. Any other line is refused with
 * one message naming the file, the line and what to do. The file is never handed to pip: install.ts writes a new
 * one from the parsed values (`renderRequirements`), so what pip reads is only what this parser understood.
 */

export const CLIENT_PACKAGE = 'model-security-client'
export const MAX_REQUIREMENTS_BYTES = 2 * 1024 * 1024

export interface PinnedRequirement {
  /** PEP 503 normalised: `model-security-client` */
  name: string
  /** normalised (PEP 685), sorted, unique */
  extras: string[]
  /** exact, canonical PEP 440 version */
  version: string
  /** the environment marker, rewritten from its parsed tokens (`python_version >= "3.12"`) */
  marker?: string
  /** sha256 digests of the allowed files, lower-case hex, at least one */
  sha256: string[]
  /** the line it starts on (1-based) */
  line: number
}

/** A requirements file as this parser understood it: what travels from the inputs to the install. */
export interface PinnedRequirements {
  /** the file as the workflow named it (resolved), for messages */
  file: string
  /** sha256 of the file's bytes, for the log */
  sha256: string
  requirements: PinnedRequirement[]
}

/** PEP 508 names (also extras): letters and digits, with `.`, `_`, `-` inside. */
const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,126}[A-Za-z0-9])?$/
/** Canonical PEP 440, as pip-compile writes versions: `[N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]`. */
const VERSION =
  /^(?:\d{1,9}!)?\d{1,12}(?:\.\d{1,12}){0,9}(?:(?:a|b|rc)\d{1,9})?(?:\.post\d{1,9})?(?:\.dev\d{1,9})?(?:\+[a-z0-9]{1,32}(?:\.[a-z0-9]{1,32}){0,9})?$/
const SHA256 = /^[0-9a-f]{64}$/
const MAX_LINE_CHARS = 64 * 1024

const MARKER_VARIABLES = new Set([
  'python_version',
  'python_full_version',
  'os_name',
  'sys_platform',
  'platform_release',
  'platform_system',
  'platform_version',
  'platform_machine',
  'platform_python_implementation',
  'implementation_name',
  'implementation_version'
])
/** What a marker's quoted values may contain: no spaces, quotes, `#`, `$`, `:`, slashes or backslashes. */
const MARKER_VALUE = /^[A-Za-z0-9._*+!~-]{0,64}$/
const MARKER_OPERATORS = ['===', '==', '!=', '<=', '>=', '~=', '<', '>'] as const
const MAX_MARKER_TOKENS = 64
const MAX_MARKER_DEPTH = 8

/** PEP 503: `Model_Security.Client` → `model-security-client` (PEP 685 does the same for extras). */
export const normalizeName = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-')

/** What to do, added to every refusal. */
const ONLY =
  'the file may hold only "name==version --hash=sha256:…" lines and comments (the output of pip-compile ' +
  '--generate-hashes --no-emit-options)'

class Refusal extends Error {}

/** A refused requirements file; `detail` is the message without its subject (`<file> line 3 sets …`). */
export class RequirementsRefused extends ScannerError {
  constructor(readonly detail: string) {
    super('INVALID_OPTION', `The scanner requirements file ${detail}`)
    this.name = 'RequirementsRefused'
  }
}

/**
 * Reads a `scanner-requirements` file. `file` names it in messages; `version` is the scanner version the client
 * must be pinned at. Throws RequirementsRefused (a ScannerError, INVALID_OPTION) with one line: the file, the
 * line number and what to do.
 */
export function parseRequirements(
  content: Buffer | string,
  file: string,
  version: string
): PinnedRequirements {
  const shownFile = plainText(file, 200)
  const fail = (line: number | undefined, what: string): never => {
    throw new RequirementsRefused(`${shownFile}${line === undefined ? '' : ` line ${line}`} ${what}`)
  }
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content
  if (bytes.length > MAX_REQUIREMENTS_BYTES) {
    fail(
      undefined,
      `is ${bytes.length} bytes long; at most ${MAX_REQUIREMENTS_BYTES} are accepted (it should pin the client and its dependencies only)`
    )
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    const at = firstInvalidUtf8Line(bytes)
    return fail(at, 'is not UTF-8 text: save the file as UTF-8')
  }

  const lines = text.split('\n')
  const logical: Array<{ line: number; text: string }> = []
  let pending: { line: number; text: string } | undefined
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1
    let raw = lines[i]!
    if (raw.endsWith('\r')) raw = raw.slice(0, -1)
    if (raw.includes('\r'))
      fail(n, 'has a carriage return (CR) inside it: save the file with LF or CRLF line ends')
    if (raw.length > MAX_LINE_CHARS) fail(n, `is longer than ${MAX_LINE_CHARS} characters`)
    // controls, and invisible format characters (bidi overrides, zero-width spaces) that could make a line
    // look different to a reviewer than it is
    // eslint-disable-next-line no-control-regex
    const control = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/u.exec(raw)
    if (control) {
      fail(
        n,
        `contains the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}: remove it`
      )
    }
    // a comment starts at a `#` that begins the line or follows a space or tab (pip's rule)
    const comment = /(^|[ \t])#/.exec(raw)
    const content = comment ? raw.slice(0, comment.index) : raw
    if (comment && raw.endsWith('\\') && content.trim() !== '') {
      // pip would continue the line into the comment and swallow the next line with it
      fail(
        n,
        'ends its comment with a backslash, which pip would join with the next line: remove the backslash'
      )
    }
    if (content.trim() === '' && comment) {
      // a full-line comment ends a continued requirement, as in pip
      if (pending) logical.push(pending)
      pending = undefined
      continue
    }
    if (!comment && content.endsWith('\\')) {
      const part = content.slice(0, -1)
      pending = pending ? { line: pending.line, text: pending.text + part } : { line: n, text: part }
      continue
    }
    const joined = pending ? { line: pending.line, text: pending.text + content } : { line: n, text: content }
    pending = undefined
    logical.push(joined)
  }
  if (pending) logical.push(pending)

  const requirements: PinnedRequirement[] = []
  const seen = new Map<string, number>()
  for (const { line, text: l } of logical) {
    if (l.trim() === '') continue
    let r: PinnedRequirement
    try {
      r = parseLine(l.trim(), line)
    } catch (e) {
      if (e instanceof Refusal) return fail(line, e.message)
      throw e
    }
    const first = seen.get(r.name)
    if (first !== undefined) {
      fail(line, `pins ${r.name} again (first on line ${first}): keep one line per package`)
    }
    seen.set(r.name, line)
    requirements.push(r)
  }

  const client = requirements.find((r) => r.name === CLIENT_PACKAGE)
  if (!client) {
    fail(
      undefined,
      `does not pin ${CLIENT_PACKAGE}==${version} (it must pin the scanner version, with --hash lines for it and every dependency)`
    )
  }
  if (client!.version !== version) {
    fail(
      client!.line,
      `does not pin ${CLIENT_PACKAGE}==${version}: it pins ${client!.version}; pin the same version as scanner-version`
    )
  }
  if (client!.marker !== undefined) {
    fail(
      client!.line,
      `pins ${CLIENT_PACKAGE} with an environment marker: the client must be installed on every runner, remove the marker`
    )
  }
  return { file, sha256: createHash('sha256').update(bytes).digest('hex'), requirements }
}

/** The line of the first byte that is not valid UTF-8. */
function firstInvalidUtf8Line(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let line = 1
  let start = 0
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i))
      } catch {
        return line
      }
      line++
      start = i + 1
    }
  }
  return line
}

/** Options pip takes in a requirements file, named in refusals with what they would do. */
function optionProblem(option: string): string {
  const o = option.toLowerCase()
  if (/^(-i|--index-url|--extra-index-url|-f|--find-links|--trusted-host|--no-index)$/.test(o)) {
    return (
      `sets the pip option ${option}, which would change where packages come from; the private package index is ` +
      'the only source: remove the line (pip-compile writes such lines unless given --no-emit-options)'
    )
  }
  if (/^(-r|--requirement|-c|--constraint)$/.test(o)) {
    return `includes another file (${option}): put every requirement in this one file, hash-pinned`
  }
  if (/^(-e|--editable)$/.test(o)) {
    return `asks for an editable install (${option}): ${ONLY}`
  }
  return `sets the pip option ${option}, which is not accepted: ${ONLY}`
}

/**
 * An option's name as written (`--index-url` of `--index-url=x`, `-i` of `-ihttps://…`), safe to show: never
 * any of its value, which may be an index URL with a token.
 */
function optionName(token: string): string {
  if (token.startsWith('--')) return /^--[A-Za-z0-9][A-Za-z0-9-]{0,40}/.exec(token)?.[0] ?? '--'
  return /^-[A-Za-z0-9]/.exec(token)?.[0] ?? '-'
}

function parseLine(l: string, line: number): PinnedRequirement {
  if (/\$\{/.test(l)) {
    throw new Refusal(
      'refers to an environment variable (${…}), which pip would replace with its value: write the value itself'
    )
  }
  const tokens = l.split(/[ \t]+/)
  if (tokens[0]!.startsWith('-')) throw new Refusal(optionProblem(optionName(tokens[0]!)))
  const firstOption = tokens.findIndex((t) => t.startsWith('-'))
  const spec = (firstOption < 0 ? tokens : tokens.slice(0, firstOption)).join(' ')
  const options = firstOption < 0 ? [] : tokens.slice(firstOption)

  // the requirement, and its marker after `;`
  const semicolon = spec.indexOf(';')
  const requirement = (semicolon < 0 ? spec : spec.slice(0, semicolon)).trim()
  const markerText = semicolon < 0 ? undefined : spec.slice(semicolon + 1).trim()
  if (/@|:\/\/|^[.~/\\]|[/\\]|^[A-Za-z][A-Za-z0-9+.-]*:/.test(requirement)) {
    throw new Refusal(
      'installs from a URL or a path; only "name==version" from the private package index is accepted, with its --hash'
    )
  }
  const m = /^([^\s[\]=<>!~;]+)\s*(?:\[([^\]]*)\])?\s*(===|==|~=|!=|<=|>=|<|>)?\s*(.*)$/.exec(requirement)
  const name = m?.[1] ?? ''
  if (!m || !NAME.test(name)) {
    const bad = /[^A-Za-z0-9._-]/.exec(name)?.[0]
    throw new Refusal(
      bad
        ? `has ${JSON.stringify(bad)} in the package name ${JSON.stringify(plainText(name, 60))}: ${ONLY}`
        : `is not a requirement line: ${ONLY}`
    )
  }
  const extras: string[] = []
  if (m[2] !== undefined) {
    for (const e of m[2].split(',').map((x) => x.trim())) {
      if (!NAME.test(e)) {
        throw new Refusal(
          `names the extra ${JSON.stringify(plainText(e, 60))}, which is not a valid extra name`
        )
      }
      extras.push(normalizeName(e))
    }
  }
  const op = m[3]
  const version = m[4]!.trim()
  if (op !== '==' || /[*,]/.test(version) || version === '') {
    throw new Refusal(
      `does not pin ${normalizeName(name)} to one exact version: write ${normalizeName(name)}==<version> ` +
        '(ranges, wildcards, "===" and several clauses would let the index choose)'
    )
  }
  if (!VERSION.test(version)) {
    throw new Refusal(
      `pins ${normalizeName(name)} to ${JSON.stringify(plainText(version, 60))}, which is not an exact, canonical ` +
        'PEP 440 version (such as 1.2.3, 2.0rc1 or 1.0.post1)'
    )
  }
  const marker = markerText === undefined ? undefined : parseMarker(markerText)

  // then only hashes
  const sha256: string[] = []
  for (let i = 0; i < options.length; i++) {
    const t = options[i]!
    let value: string | undefined
    if (t.startsWith('--hash=')) value = t.slice('--hash='.length)
    else if (t === '--hash') value = options[++i]
    else throw new Refusal(optionProblem(optionName(t)))
    if (value === undefined || !/^sha256:/i.test(value)) {
      throw new Refusal(
        'has a --hash that is not sha256: only --hash=sha256:<64 hexadecimal digits> is accepted ' +
          '(pip-compile --generate-hashes writes those)'
      )
    }
    const digest = value.slice('sha256:'.length).toLowerCase()
    if (!SHA256.test(digest)) {
      throw new Refusal('has a --hash=sha256: value that is not 64 hexadecimal digits')
    }
    if (!sha256.includes(digest)) sha256.push(digest)
  }
  if (sha256.length === 0) {
    throw new Refusal(
      `pins ${normalizeName(name)} without a --hash=sha256:…: every requirement needs the hashes of its files ` +
        '(pip-compile --generate-hashes writes them)'
    )
  }
  return {
    name: normalizeName(name),
    extras: [...new Set(extras)].sort(),
    version,
    ...(marker !== undefined && { marker }),
    sha256,
    line
  }
}

/**
 * A PEP 508 environment marker, read strictly and written back canonically: comparisons of one marker
 * variable with one quoted value, `and`, `or` and parentheses. No `extra`, no legacy dotted names.
 */
export function parseMarker(text: string): string {
  const tokens: string[] = []
  const re = /\s*(?:(\(|\))|(===|==|!=|<=|>=|~=|<|>)|('[^']*'|"[^"]*")|([A-Za-z_][A-Za-z0-9_.]*))/y
  let pos = 0
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break
    re.lastIndex = pos
    const m = re.exec(text)
    if (!m) {
      throw new Refusal(
        `has an environment marker that cannot be read strictly (at ${JSON.stringify(plainText(text.slice(pos, pos + 20), 20))}): ` +
          'use comparisons such as python_version >= "3.12" joined by and/or, or remove the marker'
      )
    }
    tokens.push(m[0].trim())
    pos = re.lastIndex
  }
  if (tokens.length === 0) throw new Refusal('has an empty environment marker after ";": remove the ";"')
  if (tokens.length > MAX_MARKER_TOKENS) throw new Refusal('has an environment marker that is too long')

  let i = 0
  const bad = (why: string): never => {
    throw new Refusal(`has an environment marker that cannot be read strictly (${why}): remove the marker`)
  }
  const value = (t: string | undefined): string | undefined => {
    if (t === undefined) return undefined
    if (MARKER_VARIABLES.has(t)) return t
    if (/^['"]/.test(t)) {
      const v = t.slice(1, -1)
      if (!MARKER_VALUE.test(v)) bad(`the value ${JSON.stringify(plainText(v, 30))}`)
      return `"${v}"`
    }
    return bad(`${JSON.stringify(plainText(t, 30))} is not a marker variable`)
  }
  const expression = (depth: number): string => {
    if (depth > MAX_MARKER_DEPTH) bad('too deeply nested')
    const parts = [conjunction(depth)]
    while (tokens[i] === 'or') {
      i++
      parts.push(conjunction(depth))
    }
    return parts.join(' or ')
  }
  const conjunction = (depth: number): string => {
    const parts = [atom(depth)]
    while (tokens[i] === 'and') {
      i++
      parts.push(atom(depth))
    }
    return parts.join(' and ')
  }
  const atom = (depth: number): string => {
    if (tokens[i] === '(') {
      i++
      const inner = expression(depth + 1)
      if (tokens[i] !== ')') bad('a parenthesis is not closed')
      i++
      return `(${inner})`
    }
    const left = value(tokens[i++]) ?? bad('it ends early')
    let op = tokens[i++]
    if (op === 'not' && tokens[i] === 'in') {
      i++
      op = 'not in'
    } else if (op !== 'in' && !MARKER_OPERATORS.includes(op as (typeof MARKER_OPERATORS)[number])) {
      bad(`${JSON.stringify(plainText(op ?? '', 20))} is not a comparison`)
    }
    const right = value(tokens[i++]) ?? bad('it ends early')
    if (left.startsWith('"') === right.startsWith('"'))
      bad('compare one marker variable with one quoted value')
    return `${left} ${op} ${right}`
  }
  const result = expression(0)
  if (i !== tokens.length) bad(`unexpected ${JSON.stringify(plainText(tokens[i] ?? '', 20))}`)
  return result
}

/**
 * The requirements file pip reads: one line per requirement, built from the parsed values only, each checked
 * again (a PinnedRequirements may have been built by hand). No option other than --hash ever appears in it.
 */
export function renderRequirements(pinned: PinnedRequirements): string {
  const lines = pinned.requirements.map((r) => {
    const problem =
      !NAME.test(r.name) || normalizeName(r.name) !== r.name
        ? 'name'
        : !r.extras.every((e) => NAME.test(e) && normalizeName(e) === e)
          ? 'extras'
          : !VERSION.test(r.version)
            ? 'version'
            : r.sha256.length === 0 || !r.sha256.every((h) => SHA256.test(h))
              ? 'hashes'
              : r.marker !== undefined && safeMarker(r.marker) !== r.marker
                ? 'marker'
                : undefined
    if (problem) {
      throw new ScannerError(
        'INVALID_OPTION',
        `The scanner requirements from ${plainText(pinned.file, 200)} have an invalid ${problem} (line ${r.line}): read the file with parseRequirements`
      )
    }
    const extras = r.extras.length > 0 ? `[${r.extras.join(',')}]` : ''
    const marker = r.marker !== undefined ? ` ; ${r.marker}` : ''
    return `${r.name}${extras}==${r.version}${marker} ${r.sha256.map((h) => `--hash=sha256:${h}`).join(' ')}`
  })
  return `${lines.join('\n')}\n`
}

function safeMarker(marker: string): string | undefined {
  try {
    return parseMarker(marker)
  } catch {
    return undefined
  }
}
