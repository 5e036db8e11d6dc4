import type { Label } from '../airs/schemas/common.js'
import {
  GATE_LABEL_KEYS,
  LABEL_PARTS,
  labelProblem,
  MAX_LABELS_PER_SCAN,
  type LabelPart
} from '../airs/schemas/spec-values.js'
import { inputError } from '../util/gate-error.js'

/**
 * Scan labels: the user's `labels` input and the automatic labels that describe the CI run.
 *
 * The rules themselves (characters, lengths, how many a scan takes) live with the API schemas; this module only
 * turns text into labels and explains, in one line, what to change when a label breaks them.
 */

/** The client keeps one of the scan's labels for itself (safe retries), so users get one fewer. */
const MAX_USER_LABELS = MAX_LABELS_PER_SCAN - 1
const MAX_ECHO = 100
const EXAMPLE = 'team=ml-platform'

/** `labels` input: one `key=value` per line (blank lines and lines starting with # ignored; split on the first `=`; key and value trimmed), or a JSON array of {key, value} objects (detected by a leading `[`). */
export function parseLabels(text: string, inputName = 'labels'): Label[] {
  const trimmed = text.trim()
  if (trimmed === '') return []
  if (trimmed.startsWith('{')) throw inputError(inputName, `starts with "{" but labels are ${JSON_FORM}.`)
  const entries = trimmed.startsWith('[') ? jsonEntries(trimmed, inputName) : lineEntries(text, inputName)

  const labels: Label[] = []
  const seen = new Map<string, string>()
  for (const { where, key, value } of entries) {
    checkPart(key, `${where}: key ${echo(key)}`, 'key', inputName)
    if (GATE_LABEL_KEYS.has(key)) {
      throw inputError(
        inputName,
        `${where}: the key ${echo(key)} is set by the gate itself; use another key.`
      )
    }
    checkPart(value, `${where}: value ${echo(value)} of label ${echo(key)}`, 'value', inputName)
    const first = seen.get(key)
    if (first !== undefined) {
      throw inputError(inputName, `${where}: key ${echo(key)} repeats ${first}; keep one of them.`)
    }
    seen.set(key, where)
    labels.push({ key, value })
  }
  if (labels.length > MAX_USER_LABELS) {
    throw inputError(
      inputName,
      `${labels.length} labels given but a scan takes at most ${MAX_USER_LABELS} ` +
        `(one of its ${MAX_LABELS_PER_SCAN} is reserved for safe retries); remove some.`
    )
  }
  return labels
}

/** Labels describing the CI run, from the environment. */
export function autoLabels(env: Record<string, string | undefined>): Label[] {
  const get = (name: string): string | undefined => {
    const v = env[name]
    return v === undefined || v.trim() === '' ? undefined : v
  }
  let fields: Record<string, string | undefined>
  if (env.GITHUB_ACTIONS === 'true') {
    fields = {
      'ci-system': 'github',
      'ci-repository': get('GITHUB_REPOSITORY'),
      // GITHUB_HEAD_REF is the PR branch; GITHUB_REF_NAME would be `<number>/merge` there
      'ci-ref': get('GITHUB_HEAD_REF') ?? get('GITHUB_REF_NAME'),
      'ci-sha': get('GITHUB_SHA'),
      'ci-workflow': get('GITHUB_WORKFLOW'),
      'ci-run-id': get('GITHUB_RUN_ID'),
      'ci-run-attempt': get('GITHUB_RUN_ATTEMPT'),
      'ci-event': get('GITHUB_EVENT_NAME')
    }
  } else if (env.GITLAB_CI === 'true') {
    fields = {
      'ci-system': 'gitlab',
      'ci-repository': get('CI_PROJECT_PATH'),
      'ci-ref': get('CI_COMMIT_REF_NAME'),
      'ci-sha': get('CI_COMMIT_SHA'),
      'ci-workflow': get('CI_JOB_NAME'),
      'ci-run-id': get('CI_PIPELINE_ID'),
      'ci-event': get('CI_PIPELINE_SOURCE')
    }
  } else if (get('JENKINS_URL') !== undefined) {
    fields = {
      'ci-system': 'jenkins',
      'ci-repository': get('JOB_NAME'),
      'ci-ref': get('GIT_BRANCH') ?? get('BRANCH_NAME'),
      'ci-sha': get('GIT_COMMIT'),
      'ci-workflow': get('JOB_NAME'),
      'ci-run-id': get('BUILD_NUMBER')
    }
  } else {
    return []
  }
  const labels: Label[] = []
  for (const [key, raw] of Object.entries(fields)) {
    const value = toLabelValue(raw)
    if (value !== undefined) labels.push({ key, value })
  }
  return labels
}

/** A free text turned into a valid label value: runs of characters outside [A-Za-z0-9_-] become '-', leading/trailing '-' trimmed, cut to the longest value allowed; undefined when nothing is left. */
export function toLabelValue(text: string | undefined): string | undefined {
  if (text === undefined) return undefined
  const value = trimDashes(trimDashes(text.replace(/[^A-Za-z0-9_-]+/g, '-')).slice(0, LABEL_PARTS.value.max))
  return value === '' ? undefined : value
}

/** User labels win over automatic ones with the same key; throws inputError when the total exceeds `max`. */
export function mergeLabels(user: Label[], auto: Label[], max: number, inputName = 'labels'): Label[] {
  const userKeys = new Set(user.map((l) => l.key))
  const kept = auto.filter((l) => !userKeys.has(l.key))
  const total = user.length + kept.length
  if (total > max) {
    const given = `${user.length} ${user.length === 1 ? 'label' : 'labels'}`
    throw inputError(
      inputName,
      kept.length === 0
        ? `${given} exceed the ${max} a scan can take; remove some.`
        : `${given} plus ${kept.length} automatic ${kept.length === 1 ? 'one' : 'ones'} exceed the ${max} ` +
            `a scan can take; remove some or set auto-labels: false.`
    )
  }
  return [...user, ...kept]
}

interface Entry {
  /** where the label came from, for messages: `line 3` or `item 2` (zero-based array index) */
  where: string
  key: string
  value: string
}

function lineEntries(text: string, inputName: string): Entry[] {
  const entries: Entry[] = []
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) return
    const where = `line ${i + 1}`
    const eq = line.indexOf('=')
    if (eq < 0) {
      throw inputError(
        inputName,
        `${where}: ${echo(line)} is not key=value; write one label per line as key=value (e.g. ${EXAMPLE}).`
      )
    }
    entries.push({ where, key: line.slice(0, eq).trim(), value: line.slice(eq + 1).trim() })
  })
  return entries
}

const JSON_FORM = 'a JSON array of {"key": "...", "value": "..."} objects, or one key=value per line'

function jsonEntries(text: string, inputName: string): Entry[] {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    const reason = e instanceof Error ? oneLine(e.message) : 'parse error'
    throw inputError(inputName, `starts with "[" but is not valid JSON (${reason}); give ${JSON_FORM}.`)
  }
  if (!Array.isArray(data)) {
    throw inputError(inputName, `starts with "[" but is not a JSON array; give ${JSON_FORM}.`)
  }
  return data.map((item: unknown, i): Entry => {
    const where = `item ${i}`
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw inputError(inputName, `${where} is not an object; give ${JSON_FORM}.`)
    }
    const record = item as Record<string, unknown>
    const extra = Object.keys(record).filter((k) => k !== 'key' && k !== 'value')
    if (extra.length > 0) {
      throw inputError(
        inputName,
        `${where} has ${extra.length === 1 ? 'an unknown field' : 'unknown fields'} ` +
          `${extra.map(echo).join(', ')}; each item may only have "key" and "value".`
      )
    }
    const { key, value } = record
    for (const [name, v] of [
      ['key', key],
      ['value', value]
    ] as const) {
      if (typeof v !== 'string') {
        const got =
          v === undefined ? 'missing' : `a ${v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v}`
        throw inputError(inputName, `${where}: "${name}" is ${got}, not a string; write it as a JSON string.`)
      }
    }
    return { where, key: key as string, value: value as string }
  })
}

/** Checks one half of a label against the spec's rules; on failure says which rule and what to write instead. */
function checkPart(text: string, subject: string, part: LabelPart, inputName: string): void {
  const problem = labelProblem(part, text)
  if (problem === undefined) return
  let fix: string
  if (problem === 'empty') {
    fix = part === 'key' ? `give the label a key (e.g. ${EXAMPLE})` : 'give the label a value or remove it'
  } else if (problem === 'tooLong') {
    fix = 'shorten it'
  } else {
    const suggestion = toLabelValue(text)
    const dots = text.includes('.') ? ' (dots are not allowed)' : ''
    fix =
      suggestion !== undefined && suggestion.length <= MAX_ECHO
        ? `write it as ${echo(suggestion)}${dots}`
        : `replace the other characters with "-"${dots}`
  }
  throw inputError(inputName, `${subject}: ${LABEL_PARTS[part][problem]}; ${fix}.`)
}

/** Quotes user text for a message: one line, at most ~100 characters. */
function echo(text: string): string {
  if (text.length <= MAX_ECHO) return JSON.stringify(text)
  return `${JSON.stringify(text.slice(0, MAX_ECHO))}… (${text.length} characters)`
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= 160 ? flat : `${flat.slice(0, 160)}…`
}

function trimDashes(text: string): string {
  return text.replace(/^-+|-+$/g, '')
}

/**
 * The labels a scan is created with: the run's, then the gate's own keys (the model's, for drift; the
 * artifact's, for reuse), each while it fits: a scan takes 50 labels and the client keeps one, and the
 * labels input may already use all the others.
 */
export function withGateKeys(labels: Label[], keys: Label[]): Label[] {
  const room = Math.max(0, MAX_LABELS_PER_SCAN - 1 - labels.length)
  return [...labels, ...keys.slice(0, room)]
}
