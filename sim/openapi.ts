import { readFileSync } from 'node:fs'
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import YAML from 'yaml'

/**
 * The official OpenAPI documents (vendored in spec/airs-openapi), loaded once. The simulator validates
 * incoming requests with them exactly as the service's FastAPI layer would (same parameter and body
 * schemas, same 422 body shape), and the tests validate the simulator's responses with them.
 */

export type PlaneName = 'data' | 'mgmt'

export interface ParamSpec {
  name: string
  in: 'path' | 'query'
  required: boolean
  /** `uuid` or `date-time` when the schema says so (after unwrapping). */
  format?: string
  /** Scalar type after unwrapping `anyOf [X, null]` (arrays: of the items). */
  kind: 'integer' | 'number' | 'boolean' | 'string'
  array: boolean
  /** JSON pointer of the parameter's schema, for ajv. */
  ref: string
}

export interface OperationSpec {
  plane: PlaneName
  method: string
  template: string
  operationId: string
  params: ParamSpec[]
  bodyRef?: string
  bodyRequired: boolean
  /** status → JSON pointer of the response schema (undefined: no body) */
  responses: Record<string, string | undefined>
  literalSegments: number
}

export interface OpenApi {
  /** Strict formats (RFC 4122 UUIDs, RFC 3339 date-times): for what the service sends. */
  ajv: Ajv2020
  operations: OperationSpec[]
  validator(ref: string): ValidateFunction
  /** Formats as lenient as pydantic's parsing: for what clients send. */
  requestValidator(ref: string): ValidateFunction
}

const DOCS: Record<PlaneName, string> = { data: 'data-plane.yml', mgmt: 'mgmt-plane.yml' }
export const SPEC_DIR = new URL('../spec/airs-openapi/', import.meta.url)

type Json = Record<string, unknown>
const seg = (s: string) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))
const pointer = (doc: string, parts: string[]) => `${doc}#/${parts.map(seg).join('/')}`

function resolveLocal(doc: Json, schema: Json): Json {
  const ref = schema.$ref
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    let cur: unknown = doc
    for (const p of ref.slice(2).split('/')) cur = (cur as Json)[p.replace(/~1/g, '/').replace(/~0/g, '~')]
    return cur as Json
  }
  return schema
}

/** Scalar kind, format and array-ness of a parameter schema. */
function kindOf(doc: Json, schema: Json): { kind: ParamSpec['kind']; array: boolean; format?: string } {
  const s = resolveLocal(doc, schema)
  if (Array.isArray(s.anyOf)) {
    const branch = (s.anyOf as Json[]).find((b) => b.type !== 'null')
    if (branch) return kindOf(doc, branch)
  }
  if (s.type === 'array') {
    const item = kindOf(doc, (s.items as Json) ?? {})
    return { kind: item.kind, array: true, ...(item.format && { format: item.format }) }
  }
  if (s.type === 'integer' || s.type === 'number' || s.type === 'boolean')
    return { kind: s.type, array: false }
  return { kind: 'string', array: false, ...(typeof s.format === 'string' && { format: s.format }) }
}

// pydantic accepts UUIDs without hyphens, in braces or as URNs, and date-times without a zone or as dates
const LENIENT_UUID = /^(urn:uuid:)?\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i
const LENIENT_DATE_TIME =
  /^(\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?)?|\d+(\.\d+)?)$/i

/** The canonical form of a UUID a client may have written loosely. */
export function canonicalUuid(v: string): string {
  const hex = v
    .toLowerCase()
    .replace(/^urn:uuid:/, '')
    .replace(/[{}-]/g, '')
  return hex.length === 32
    ? `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
    : v
}

/** Milliseconds of a date-time a client sent: zone-less values are UTC, bare numbers are Unix seconds. */
export function parseTime(v: string): number {
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v) * 1000
  if (/^\d{4}-\d\d-\d\d$/.test(v)) return Date.parse(`${v}T00:00:00Z`)
  const iso = v.replace(' ', 'T')
  return Date.parse(/(Z|[+-]\d\d:?\d\d)$/i.test(iso) ? iso : `${iso}Z`)
}

let cached: OpenApi | undefined

export function loadOpenApi(): OpenApi {
  if (cached) return cached
  const addFormats = addFormatsModule as unknown as (a: Ajv2020) => void
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  const requestAjv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(requestAjv)
  requestAjv.addFormat('uuid', LENIENT_UUID)
  requestAjv.addFormat('date-time', LENIENT_DATE_TIME)
  const operations: OperationSpec[] = []
  for (const [plane, file] of Object.entries(DOCS) as Array<[PlaneName, string]>) {
    const doc = YAML.parse(readFileSync(new URL(file, SPEC_DIR), 'utf8')) as Json
    ajv.addSchema(doc, file)
    requestAjv.addSchema(doc, file)
    for (const [template, item] of Object.entries(doc.paths as Json)) {
      for (const [method, opRaw] of Object.entries(item as Json)) {
        const op = opRaw as Json
        const params = ((op.parameters as Json[] | undefined) ?? []).map((p, i): ParamSpec => ({
          name: p.name as string,
          in: p.in as 'path' | 'query',
          required: p.required === true,
          ...kindOf(doc, p.schema as Json),
          ref: pointer(file, ['paths', template, method, 'parameters', String(i), 'schema'])
        }))
        const body = (op.requestBody as Json | undefined)?.content as Json | undefined
        const responses: Record<string, string | undefined> = {}
        for (const [status, r] of Object.entries((op.responses as Json) ?? {})) {
          const content = (r as Json).content as Json | undefined
          responses[status] = content?.['application/json']
            ? pointer(file, [
                'paths',
                template,
                method,
                'responses',
                status,
                'content',
                'application/json',
                'schema'
              ])
            : undefined
        }
        operations.push({
          plane,
          method: method.toUpperCase(),
          template,
          operationId: op.operationId as string,
          params,
          bodyRef: body?.['application/json']
            ? pointer(file, [
                'paths',
                template,
                method,
                'requestBody',
                'content',
                'application/json',
                'schema'
              ])
            : undefined,
          bodyRequired: (op.requestBody as Json | undefined)?.required === true,
          responses,
          literalSegments: template.split('/').filter((s) => s && !s.startsWith('{')).length
        })
      }
    }
  }
  // literal segments win over parameters: /v1/scans/label-keys before /v1/scans/{uuid}
  operations.sort((a, b) => b.literalSegments - a.literalSegments)
  const compiled = new Map<string, ValidateFunction>()
  const compile = (a: Ajv2020, ref: string, key: string) => {
    let v = compiled.get(key)
    if (!v) {
      v = a.compile({ $ref: ref })
      compiled.set(key, v)
    }
    return v
  }
  cached = {
    ajv,
    operations,
    validator: (ref) => compile(ajv, ref, `response:${ref}`),
    requestValidator: (ref) => compile(requestAjv, ref, `request:${ref}`)
  }
  return cached
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

export interface Match {
  op: OperationSpec
  pathParams: Record<string, string>
}

/** Finds the operation for a path below a plane; `methodMismatch` when the path exists with other methods. */
export function matchOperation(
  api: OpenApi,
  plane: PlaneName,
  method: string,
  path: string
): Match | { methodMismatch: boolean } {
  const parts = path.split('/').filter(Boolean)
  let pathExists = false
  for (const op of api.operations) {
    if (op.plane !== plane) continue
    const t = op.template.split('/').filter(Boolean)
    if (t.length !== parts.length) continue
    const pathParams: Record<string, string> = {}
    let ok = true
    for (let i = 0; i < t.length && ok; i++) {
      const m = /^\{(.+)\}$/.exec(t[i]!)
      if (m) pathParams[m[1]!] = safeDecode(parts[i]!)
      else ok = t[i] === parts[i]
    }
    if (!ok) continue
    pathExists = true
    if (op.method === method) return { op, pathParams }
  }
  return { methodMismatch: pathExists }
}

/** A FastAPI / pydantic v2 validation error entry. */
export interface ValidationDetail {
  type: string
  loc: Array<string | number>
  msg: string
  input?: unknown
  ctx?: Record<string, unknown>
}

const BOOL_TRUE = new Set(['true', '1', 'yes', 'on', 't', 'y'])
const BOOL_FALSE = new Set(['false', '0', 'no', 'off', 'f', 'n'])

function coerce(
  kind: ParamSpec['kind'],
  raw: string,
  loc: Array<string | number>
): { value?: unknown; error?: ValidationDetail } {
  switch (kind) {
    case 'integer':
      return /^[+-]?\d+$/.test(raw.trim())
        ? { value: Number(raw) }
        : {
            error: {
              type: 'int_parsing',
              loc,
              msg: 'Input should be a valid integer, unable to parse string as an integer',
              input: raw
            }
          }
    case 'number':
      return raw.trim() !== '' && !Number.isNaN(Number(raw))
        ? { value: Number(raw) }
        : {
            error: {
              type: 'float_parsing',
              loc,
              msg: 'Input should be a valid number, unable to parse string as a number',
              input: raw
            }
          }
    case 'boolean': {
      const v = raw.trim().toLowerCase()
      if (BOOL_TRUE.has(v)) return { value: true }
      if (BOOL_FALSE.has(v)) return { value: false }
      return {
        error: {
          type: 'bool_parsing',
          loc,
          msg: 'Input should be a valid boolean, unable to interpret input',
          input: raw
        }
      }
    }
    default:
      return { value: raw }
  }
}

function valueAt(root: unknown, instancePath: string): unknown {
  let cur = root
  for (const p of instancePath.split('/').filter(Boolean)) {
    const key = p.replace(/~1/g, '/').replace(/~0/g, '~')
    cur = Array.isArray(cur) ? cur[Number(key)] : (cur as Json | undefined)?.[key]
  }
  return cur
}

type Wording = Pick<ValidationDetail, 'type' | 'msg' | 'ctx'>
const plural = (n: unknown, word: string) => `${String(n)} ${word}${n === 1 ? '' : 's'}`

/** How pydantic v2 words each failed JSON-schema keyword. */
const PYDANTIC_WORDING: Record<string, (p: Record<string, unknown>, value: unknown) => Wording> = {
  format: (p) =>
    p.format === 'uuid'
      ? { type: 'uuid_parsing', msg: 'Input should be a valid UUID' }
      : { type: 'datetime_parsing', msg: `Input should be a valid ${String(p.format)}` },
  enum: (p) => {
    const allowed = (p.allowedValues as unknown[]).map((v) => `'${String(v)}'`)
    const list = allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}` : allowed[0]
    return { type: 'enum', msg: `Input should be ${list}`, ctx: { expected: list } }
  },
  const: (p) => ({ type: 'literal_error', msg: `Input should be '${String(p.allowedValue)}'` }),
  pattern: (p) => ({
    type: 'string_pattern_mismatch',
    msg: `String should match pattern '${String(p.pattern)}'`,
    ctx: { pattern: p.pattern }
  }),
  minLength: (p) => ({
    type: 'string_too_short',
    msg: `String should have at least ${plural(p.limit, 'character')}`,
    ctx: { min_length: p.limit }
  }),
  maxLength: (p) => ({
    type: 'string_too_long',
    msg: `String should have at most ${plural(p.limit, 'character')}`,
    ctx: { max_length: p.limit }
  }),
  minimum: (p) => ({
    type: 'greater_than_equal',
    msg: `Input should be greater than or equal to ${String(p.limit)}`,
    ctx: { ge: p.limit }
  }),
  maximum: (p) => ({
    type: 'less_than_equal',
    msg: `Input should be less than or equal to ${String(p.limit)}`,
    ctx: { le: p.limit }
  }),
  minItems: (p) => ({
    type: 'too_short',
    msg: `List should have at least ${plural(p.limit, 'item')} after validation`,
    ctx: { min_length: p.limit }
  }),
  maxItems: (p, v) => ({
    type: 'too_long',
    msg: `List should have at most ${plural(p.limit, 'item')} after validation, not ${Array.isArray(v) ? v.length : '?'}`,
    ctx: { max_length: p.limit }
  }),
  type: (p) => ({ type: `${String(p.type)}_type`, msg: `Input should be a valid ${String(p.type)}` })
}

/** ajv errors → pydantic-style details; drops the noise of `anyOf [X, null]` branches. */
export function toDetails(
  errors: ErrorObject[],
  locPrefix: Array<string | number>,
  input: unknown
): ValidationDetail[] {
  const out: ValidationDetail[] = []
  for (const e of errors) {
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'if') continue
    if (e.keyword === 'type' && e.params.type === 'null') continue
    const path = e.instancePath
      .split('/')
      .filter(Boolean)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')))
    const value = valueAt(input, e.instancePath)
    const loc = [...locPrefix, ...path]
    const p = e.params as Record<string, unknown>
    if (e.keyword === 'required' || e.keyword === 'additionalProperties') {
      const name = String(e.keyword === 'required' ? p.missingProperty : p.additionalProperty)
      out.push(
        e.keyword === 'required'
          ? { type: 'missing', loc: [...loc, name], msg: 'Field required', input: value }
          : {
              type: 'extra_forbidden',
              loc: [...loc, name],
              msg: 'Extra inputs are not permitted',
              input: (value as Json)[name]
            }
      )
      continue
    }
    const wording = PYDANTIC_WORDING[e.keyword]?.(p, value)
    out.push(
      wording
        ? { loc, input: value, ...wording }
        : { type: 'value_error', loc, msg: e.message ?? 'Invalid value', input: value }
    )
  }
  if (out.length === 0 && errors.length > 0)
    out.push({ type: 'value_error', loc: locPrefix, msg: 'Input is not valid', input })
  // ajv may report the same failure through several branches
  const seen = new Set<string>()
  return out.filter((d) => {
    const k = `${d.type}|${d.loc.join('.')}`
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

export interface ValidatedRequest {
  path: Record<string, unknown>
  query: Record<string, unknown>
  body: unknown
}

/** FastAPI parses a body as JSON only without a content type or with `application/json` / `application/*+json`. */
function isJsonType(contentType: string | undefined): boolean {
  if (!contentType) return true
  const type = contentType.toLowerCase().split(';')[0]!.trim()
  return /^application\/([a-z0-9.+-]*\+)?json$/.test(type)
}

/** Validates path and query parameters and the JSON body; returns the coerced values or the 422 details. */
export function validateRequest(
  api: OpenApi,
  m: Match,
  search: URLSearchParams,
  rawBody: string,
  contentType?: string
): { ok: ValidatedRequest } | { details: ValidationDetail[] } {
  const details: ValidationDetail[] = []
  const path: Record<string, unknown> = {}
  const query: Record<string, unknown> = {}
  for (const p of m.op.params) {
    const raws =
      p.in === 'path'
        ? m.pathParams[p.name] === undefined
          ? []
          : [m.pathParams[p.name]!]
        : search.getAll(p.name)
    const loc = [p.in, p.name]
    if (raws.length === 0) {
      if (p.required) details.push({ type: 'missing', loc, msg: 'Field required', input: null })
      continue
    }
    // FastAPI reads arrays from repeated keys; for a scalar the last occurrence wins
    const values: unknown[] = []
    let failed = false
    for (const [i, raw] of (p.array ? raws : [raws.at(-1)!]).entries()) {
      const c = coerce(p.kind, raw, p.array ? [...loc, i] : loc)
      if (c.error) {
        details.push(c.error)
        failed = true
      } else values.push(c.value)
    }
    if (failed) continue
    const value = p.array ? values : values[0]
    const v = api.requestValidator(p.ref)
    if (!v(value)) details.push(...toDetails(v.errors ?? [], loc, value))
    else {
      const canon = (x: unknown) => (p.format === 'uuid' && typeof x === 'string' ? canonicalUuid(x) : x)
      ;(p.in === 'path' ? path : query)[p.name] = Array.isArray(value) ? value.map(canon) : canon(value)
    }
  }

  let body: unknown
  if (m.op.bodyRef) {
    if (rawBody.trim() === '') {
      if (m.op.bodyRequired)
        details.push({ type: 'missing', loc: ['body'], msg: 'Field required', input: null })
    } else if (!isJsonType(contentType)) {
      // the body is then validated as raw bytes, which no object model accepts
      details.push({
        type: 'model_attributes_type',
        loc: ['body'],
        msg: 'Input should be a valid dictionary or object to extract fields from',
        input: rawBody.slice(0, 200)
      })
    } else {
      try {
        body = JSON.parse(rawBody)
      } catch (e) {
        details.push({
          type: 'json_invalid',
          loc: ['body', 0],
          msg: 'JSON decode error',
          input: {},
          ctx: { error: (e as Error).message }
        })
      }
      if (body !== undefined) {
        const v = api.requestValidator(m.op.bodyRef)
        if (!v(body)) details.push(...toDetails(v.errors ?? [], ['body'], body))
      }
    }
  }
  return details.length > 0 ? { details } : { ok: { path, query, body } }
}
