import YAML, { type Node } from 'yaml'
import { z } from 'zod'
import type { Label } from '../airs/schemas/common.js'
import { GATE_LABEL_KEYS, labelProblem, UUID_PATTERN } from '../airs/schemas/spec-values.js'
import { GateError, inputError } from '../util/gate-error.js'
import { plainText, PRINTABLE } from '../util/text.js'
import { groupSpec, LOOKS_LIKE_UUID } from './group.js'
import { parseModelUri, type ModelOverrides, type ModelSource, type ParseOptions } from './model-source.js'

/**
 * `models-file`: a manifest of models (YAML, or JSON, which is YAML), each with optional settings of its own
 * that take the place of the step's inputs for that model. Checked whole before any request, every problem
 * reported as one line naming the file, the line and the field (docs/models-file.md, its JSON schema in
 * docs/models-file.schema.json).
 *
 *   models:
 *     - uri: https://huggingface.co/org/model@v1
 *       security-group: Production HF models
 *       labels: { team: nlp }
 *       mode: warn
 *       owner: "@org/nlp"
 */

const INPUT = 'models-file'
/** More models than one step should gate; past it, shard the manifest (issue's `shard`) or split it. */
export const MAX_MANIFEST_MODELS = 5000
/** The same bound as policy files and requirement files that inputs name. */
const MAX_ALIASES = 100

/** Text a manifest hands to messages, the service and reports: one line, nothing invisible (PRINTABLE). */
const printable = (what: string) =>
  z.string().regex(PRINTABLE, `${what} may not hold control, line-break or invisible characters`)
const Patterns = z.array(printable('a pattern').trim().min(1).max(256)).max(100)
/** A GitHub user or team, as a mention is written. */
const OWNER = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9._-]{1,100})?$/

export const ManifestModelSchema = z
  .strictObject({
    uri: z.string().min(1).describe('a model URI or a path inside the workspace, as model-uri takes it'),
    'security-group': printable('a group')
      .trim()
      .min(1)
      .max(255)
      .optional()
      .describe("this model's security group, UUID or exact name (instead of the security-group input)"),
    labels: z
      .record(z.string(), z.string({ error: 'a label value is text: quote it ("1", "true")' }))
      .optional()
      .describe('labels of this model, added to the labels input (a key given in both takes this value)'),
    mode: z.enum(['enforce', 'warn']).optional().describe("this model's mode (instead of the mode input)"),
    'allow-patterns': Patterns.optional().describe(
      'files to scan only (instead of the allow-patterns input)'
    ),
    'ignore-patterns': Patterns.optional().describe('files to skip (instead of the ignore-patterns input)'),
    owner: z
      .string()
      .regex(OWNER, 'an owner is a GitHub @user or @org/team')
      .optional()
      .describe('who answers for this model (a GitHub @user or @org/team), recorded in the JSON report'),
    mention: z
      .boolean()
      .optional()
      .describe(
        'true: the tracking issue (the issue input) mentions the owner when this model does not pass; default false'
      )
  })
  .describe('one model and its own settings')

export const ManifestSchema = z
  .strictObject({
    version: z.literal(1).optional().describe('the manifest format: 1'),
    models: z.array(ManifestModelSchema).min(1).max(MAX_MANIFEST_MODELS)
  })
  .describe('airs-model-gate models-file: the models a step gates, each with optional settings of its own')

export type ManifestModel = ModelSource & { overrides: ModelOverrides }

/** docs/models-file.schema.json: the manifest's JSON schema, for editors and CI linters (kept current by a test). */
export function manifestJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(ManifestSchema, { io: 'input', target: 'draft-2020-12' })
  const { $schema, ...rest } = generated as Record<string, unknown>
  return {
    $schema,
    $id: 'https://github.com/airs-model-gate/airs-model-gate/models-file.schema.json',
    title: 'airs-model-gate models-file',
    ...rest
  }
}

/** The manifest's models, checked; throws one INVALID_INPUT line at the first problem. */
export function parseManifest(
  text: string,
  file: string,
  opts: Omit<ParseOptions, 'inputName'>
): ManifestModel[] {
  const lineCounter = new YAML.LineCounter()
  const doc = YAML.parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const where = (offset: number | undefined) =>
    offset === undefined ? file : `${file} line ${lineCounter.linePos(offset).line}`
  // YAML 1.1 (a `%YAML 1.1` line) reads `yes`, `<<` merges and sexagesimals differently: only 1.2 is read
  if (doc.directives?.yaml.explicit && doc.directives.yaml.version !== '1.2')
    throw inputError(INPUT, `${file}: only YAML 1.2 is read; remove the %YAML directive.`)
  // an unknown tag (`!!js/function`, `!foo`) is a warning to the parser and an error here
  const firstError = doc.errors[0] ?? doc.warnings[0]
  if (firstError) {
    throw inputError(
      INPUT,
      `${where(firstError.pos[0])}: ${plainText(firstError.message.split('\n')[0], 200)}.`
    )
  }
  let raw: unknown
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIASES })
  } catch (e) {
    throw inputError(INPUT, `${file}: ${plainText((e as Error).message, 200)}.`)
  }
  const parsed = ManifestSchema.safeParse(raw)
  if (!parsed.success) {
    // a misspelt field explains a missing one: it goes first
    const issue = parsed.error.issues.find((i) => i.code === 'unrecognized_keys') ?? parsed.error.issues[0]!
    const at =
      issue.code === 'unrecognized_keys'
        ? keyAt(nodeAt(doc.contents, issue.path) ?? doc.contents, issue.keys[0]!)
        : nodeAt(doc.contents, issue.path)
    const field = issue.path.length > 0 ? `${fieldName(issue.path)}: ` : ''
    throw inputError(INPUT, `${where(at?.range?.[0])}: ${field}${plainText(describe(issue), 200)}`)
  }

  const seen = new Map<string, number>()
  return parsed.data.models.map((entry, i) => {
    const fail = (field: string, problem: string): never => {
      const at = nodeAt(doc.contents, ['models', i, field]) ?? nodeAt(doc.contents, ['models', i])
      throw inputError(INPUT, `${where(at?.range?.[0])}: models[${i}].${field}: ${problem}`)
    }
    let source: ModelSource
    try {
      source = parseModelUri(entry.uri, { ...opts, inputName: INPUT })
    } catch (e) {
      if (!(e instanceof GateError)) throw e
      return fail('uri', e.message.replace(/^Invalid input [^:]+: /, ''))
    }
    const key = `${source.modelUri}@${source.revision ?? ''}`
    const first = seen.get(key)
    if (first !== undefined) fail('uri', `repeats models[${first}]; list each model once.`)
    seen.set(key, i)
    const group = entry['security-group']
    if (group && LOOKS_LIKE_UUID.test(group) && !UUID_PATTERN.test(group))
      fail(
        'security-group',
        'looks like a UUID but is not one (8-4-4-4-12 hexadecimal digits); copy it again.'
      )
    const labels = entry.labels && labelsOf(entry.labels, (problem) => fail('labels', problem))
    const both = entry['allow-patterns']?.filter((p) => entry['ignore-patterns']?.includes(p)) ?? []
    if (both.length > 0) fail('ignore-patterns', `"${plainText(both[0], 80)}" is also in allow-patterns.`)
    if (entry.mention && !entry.owner)
      fail('mention', 'mentions the owner, but the entry names none; add owner.')
    const overrides: ModelOverrides = {
      ...(entry['security-group'] && { group: groupSpec(entry['security-group']) }),
      ...(labels && { labels }),
      ...(entry.mode && { mode: entry.mode }),
      ...(entry['allow-patterns'] && { allowPatterns: entry['allow-patterns'] }),
      ...(entry['ignore-patterns'] && { ignorePatterns: entry['ignore-patterns'] }),
      ...(entry.owner && { owner: entry.owner }),
      ...(entry.mention === true && { mention: true })
    }
    return { ...source, overrides }
  })
}

function labelsOf(record: Record<string, string>, fail: (problem: string) => never): Label[] {
  return Object.entries(record).map(([key, value]) => {
    if (GATE_LABEL_KEYS.has(key))
      fail(`the key "${plainText(key, 60)}" is set by the gate itself; use another key.`)
    const keyProblem = labelProblem('key', key)
    if (keyProblem) fail(`key "${plainText(key, 60)}" ${LABEL_PROBLEMS[keyProblem]}.`)
    const valueProblem = labelProblem('value', value)
    if (valueProblem)
      fail(`value "${plainText(value, 60)}" of "${plainText(key, 60)}" ${LABEL_PROBLEMS[valueProblem]}.`)
    return { key, value }
  })
}

const LABEL_PROBLEMS = {
  empty: 'is empty',
  tooLong: 'is too long (keys 1-128, values 1-256 characters)',
  pattern: 'may hold only letters, digits, "_" and "-"'
} as const

/** The YAML node at a path of the parsed value, for its line; undefined where the path leaves the document. */
function nodeAt(root: unknown, path: ReadonlyArray<PropertyKey>): Node | undefined {
  let node: unknown = root
  let found: Node | undefined = YAML.isNode(root) ? root : undefined
  for (const key of path) {
    if (!node || typeof node !== 'object' || !('get' in node) || typeof node.get !== 'function') break
    const next: unknown = (node as { get: (k: unknown, keep: boolean) => unknown }).get(key, true)
    if (!YAML.isNode(next)) break
    found = next
    node = next
  }
  return found
}

/** The key node of a mapping's entry, where a misspelt field is written. */
function keyAt(map: unknown, key: string): Node | undefined {
  if (!YAML.isMap(map)) return undefined
  const pair = map.items.find((p) => YAML.isScalar(p.key) && p.key.value === key)
  return YAML.isNode(pair?.key) ? pair.key : undefined
}

/** `models[2].mode`, as a reader finds it in the file. */
function fieldName(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((p, i) =>
      typeof p === 'number'
        ? `[${p}]`
        : /^[A-Za-z0-9_-]+$/.test(String(p))
          ? `${i > 0 ? '.' : ''}${String(p)}`
          : `[${JSON.stringify(plainText(String(p), 60))}]`
    )
    .join('')
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; the fields are ${Object.keys(issue.path.length === 0 ? ManifestSchema.shape : ManifestModelSchema.shape).join(', ')}.`
  if (issue.code === 'too_small' && issue.origin === 'array') return 'lists nothing; give at least one model.'
  if (issue.code === 'invalid_value')
    return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}.`
  return `${issue.message}.`
}
