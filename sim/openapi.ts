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
  ajv: Ajv2020
  operations: OperationSpec[]
  validator(ref: string): ValidateFunction
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

/** Scalar kind and array-ness of a parameter schema. */
function kindOf(doc: Json, schema: Json): { kind: ParamSpec['kind']; array: boolean } {
  const s = resolveLocal(doc, schema)
  if (Array.isArray(s.anyOf)) {
    const branch = (s.anyOf as Json[]).find((b) => b.type !== 'null')
    if (branch) return kindOf(doc, branch)
  }
  if (s.type === 'array') return { kind: kindOf(doc, (s.items as Json) ?? {}).kind, array: true }
  if (s.type === 'integer' || s.type === 'number' || s.type === 'boolean')
    return { kind: s.type, array: false }
  return { kind: 'string', array: false }
}

let cached: OpenApi | undefined

export function loadOpenApi(): OpenApi {
  if (cached) return cached
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  ;(addFormatsModule as unknown as (a: Ajv2020) => void)(ajv)
  const operations: OperationSpec[] = []
  for (const [plane, file] of Object.entries(DOCS) as Array<[PlaneName, string]>) {
    const doc = YAML.parse(readFileSync(new URL(file, SPEC_DIR), 'utf8')) as Json
    ajv.addSchema(doc, file)
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
  const validators = new Map<string, ValidateFunction>()
  cached = {
    ajv,
    operations,
    validator(ref) {
      let v = validators.get(ref)
      if (!v) {
        v = ajv.compile({ $ref: ref })
        validators.set(ref, v)
      }
      return v
    }
  }
  return cached
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
      if (m) pathParams[m[1]!] = decodeURIComponent(parts[i]!)
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
    switch (e.keyword) {
      case 'required':
        out.push({
          type: 'missing',
          loc: [...loc, p.missingProperty as string],
          msg: 'Field required',
          input: value
        })
        break
      case 'additionalProperties':
        out.push({
          type: 'extra_forbidden',
          loc: [...loc, p.additionalProperty as string],
          msg: 'Extra inputs are not permitted',
          input: (value as Json)[p.additionalProperty as string]
        })
        break
      case 'format':
        out.push(
          p.format === 'uuid'
            ? { type: 'uuid_parsing', loc, msg: 'Input should be a valid UUID', input: value }
            : {
                type: 'datetime_parsing',
                loc,
                msg: `Input should be a valid ${String(p.format)}`,
                input: value
              }
        )
        break
      case 'enum': {
        const allowed = (p.allowedValues as unknown[]).map((v) => `'${String(v)}'`)
        const list =
          allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}` : allowed[0]
        out.push({ type: 'enum', loc, msg: `Input should be ${list}`, input: value, ctx: { expected: list } })
        break
      }
      case 'const':
        out.push({
          type: 'literal_error',
          loc,
          msg: `Input should be '${String(p.allowedValue)}'`,
          input: value
        })
        break
      case 'pattern':
        out.push({
          type: 'string_pattern_mismatch',
          loc,
          msg: `String should match pattern '${String(p.pattern)}'`,
          input: value,
          ctx: { pattern: p.pattern }
        })
        break
      case 'minLength':
        out.push({
          type: 'string_too_short',
          loc,
          msg: `String should have at least ${String(p.limit)} character${p.limit === 1 ? '' : 's'}`,
          input: value,
          ctx: { min_length: p.limit }
        })
        break
      case 'maxLength':
        out.push({
          type: 'string_too_long',
          loc,
          msg: `String should have at most ${String(p.limit)} characters`,
          input: value,
          ctx: { max_length: p.limit }
        })
        break
      case 'minimum':
        out.push({
          type: 'greater_than_equal',
          loc,
          msg: `Input should be greater than or equal to ${String(p.limit)}`,
          input: value,
          ctx: { ge: p.limit }
        })
        break
      case 'maximum':
        out.push({
          type: 'less_than_equal',
          loc,
          msg: `Input should be less than or equal to ${String(p.limit)}`,
          input: value,
          ctx: { le: p.limit }
        })
        break
      case 'minItems':
        out.push({
          type: 'too_short',
          loc,
          msg: `List should have at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'} after validation`,
          input: value,
          ctx: { min_length: p.limit }
        })
        break
      case 'maxItems':
        out.push({
          type: 'too_long',
          loc,
          msg: `List should have at most ${String(p.limit)} items after validation, not ${Array.isArray(value) ? value.length : '?'}`,
          input: value,
          ctx: { max_length: p.limit }
        })
        break
      case 'type':
        out.push({
          type: `${String(p.type)}_type`,
          loc,
          msg: `Input should be a valid ${String(p.type)}`,
          input: value
        })
        break
      default:
        out.push({ type: 'value_error', loc, msg: e.message ?? 'Invalid value', input: value })
    }
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

/** Validates path and query parameters and the JSON body; returns the coerced values or the 422 details. */
export function validateRequest(
  api: OpenApi,
  m: Match,
  search: URLSearchParams,
  rawBody: string
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
    const v = api.validator(p.ref)
    if (!v(value)) details.push(...toDetails(v.errors ?? [], loc, value))
    else (p.in === 'path' ? path : query)[p.name] = value
  }

  let body: unknown
  if (m.op.bodyRef) {
    if (rawBody.trim() === '') {
      if (m.op.bodyRequired)
        details.push({ type: 'missing', loc: ['body'], msg: 'Field required', input: null })
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
        const v = api.validator(m.op.bodyRef)
        if (!v(body)) details.push(...toDetails(v.errors ?? [], ['body'], body))
      }
    }
  }
  return details.length > 0 ? { details } : { ok: { path, query, body } }
}
