import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { SecurityGroup, RuleInstance } from '../airs/schemas/mgmt-plane.js'
import { RULE_STATES } from '../airs/schemas/spec-values.js'
import type { PolicySnapshot } from './result.js'
import { ENGINE_RULES, RULE_ORDER, type EngineRule } from '../engine/rules.js'
import { securityRule } from './builtin-rules.js'

/**
 * The built-in engine's policy: a security group kept in the repository. Each rule is BLOCKING, ALLOWING or
 * DISABLED; the approved formats, licenses and locations are the service's editable fields of the same names.
 * Without a file the policy equals the service's Default LOCAL group.
 *
 * ```yaml
 * name: Release models
 * rules:
 *   Stored In Approved File Format: ALLOWING
 *   License Exists: BLOCKING
 * approved_formats: [safetensors, safetensors_index, json, yaml, gguf]
 * approved_licenses: [apache-2.0, mit]
 * allowed_globals: [xgboost.core.Booster]   # reviewed pickle imports (docs/allow-list.md has the defaults)
 * ```
 */

type RuleState = (typeof RULE_STATES)[number]

export interface EnginePolicy {
  name: string
  /** stable UUID derived from the name, standing in for the security group's */
  uuid: string
  states: Record<EngineRule, RuleState>
  approvedFormats: string[]
  approvedLicenses: string[]
  approvedLocations: string[]
  /** extra pickle imports (`module.name`) the organisation has reviewed and allows */
  allowedGlobals: string[]
}

/** The service's default approved formats and licenses (section 5.1 of the API contract). */
export const DEFAULT_APPROVED_FORMATS = ['safetensors', 'safetensors_index', 'json', 'yaml']
export const DEFAULT_APPROVED_LICENSES = ['apache-2.0', 'mit', 'bsd-3-clause']
export const DEFAULT_APPROVED_LOCATIONS = ['s3', 'gs', '/']

const DEFAULT_STATES: Record<EngineRule, RuleState> = {
  OPERATORS: 'BLOCKING',
  LOAD_TIME: 'BLOCKING',
  BACKDOOR: 'BLOCKING',
  RUNTIME: 'BLOCKING',
  FORMAT: 'BLOCKING',
  LOCATION: 'DISABLED',
  SUSPICIOUS: 'BLOCKING',
  // the Default LOCAL group has no license rules; a policy can turn them on
  LICENSE_EXISTS: 'DISABLED',
  LICENSE_VALID: 'DISABLED'
}

const stableUuid = (text: string): string => {
  const h = createHash('sha256').update(text).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`
}

export function defaultPolicy(): EnginePolicy {
  const name = 'Built-in Default LOCAL'
  return {
    name,
    uuid: stableUuid(`airs-model-gate policy ${name}`),
    states: { ...DEFAULT_STATES },
    approvedFormats: [...DEFAULT_APPROVED_FORMATS],
    approvedLicenses: [...DEFAULT_APPROVED_LICENSES],
    approvedLocations: [...DEFAULT_APPROVED_LOCATIONS],
    allowedGlobals: []
  }
}

const names = z.array(z.string().trim().min(1).max(256)).max(10_000)
const PolicyFileSchema = z.strictObject({
  name: z.string().trim().min(1).max(255).optional(),
  rules: z.record(z.string(), z.string()).optional(),
  approved_formats: names.optional(),
  approved_licenses: names.optional(),
  approved_locations: names.optional(),
  allowed_globals: z
    .array(z.string().regex(/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)+$/, 'module.name'))
    .max(10_000)
    .optional()
})

/** A rule as the file may name it: the service's name or the engine's key, any case. */
function ruleKey(name: string): EngineRule | undefined {
  const n = name.trim().toLowerCase()
  return RULE_ORDER.find((k) => k.toLowerCase() === n || ENGINE_RULES[k].name.toLowerCase() === n)
}

/** A policy file the workflow names: read (confined to the workspace) with the inputs, parsed by loadPolicy. */
export interface PolicyFile {
  /** its real path */
  file: string
  text: string
}

/**
 * The built-in engine's policy: the file's (JSON, or YAML by any other name), or Default LOCAL's equivalent
 * without one. Throws an Error with one line saying what is wrong. YAML's parser is loaded here, on use: its
 * module costs every run's cold start some 13 ms, and only a YAML policy needs it.
 */
export async function loadPolicy(source: PolicyFile | undefined): Promise<EnginePolicy> {
  if (!source) return defaultPolicy()
  const { file, text } = source
  const json = /\.json$/i.test(file)
  let raw: unknown
  try {
    raw = json ? JSON.parse(text) : (await import('yaml')).parse(text, { maxAliasCount: 100 })
  } catch (e) {
    throw new Error(
      `${file} is not valid ${json ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`,
      {
        cause: e
      }
    )
  }
  return policyFrom(raw, file)
}

/** A parsed policy document, checked. */
function policyFrom(raw: unknown, file: string): EnginePolicy {
  const r = PolicyFileSchema.safeParse(raw ?? {})
  if (!r.success) {
    const i = r.error.issues[0]!
    throw new Error(`${file}: ${i.path.join('.') || 'the document'}: ${i.message}`)
  }
  const p = r.data
  const base = defaultPolicy()
  const states = { ...base.states }
  for (const [name, state] of Object.entries(p.rules ?? {})) {
    const key = ruleKey(name)
    if (!key) {
      throw new Error(
        `${file}: rules: unknown rule "${name.slice(0, 80)}"; known rules: ${RULE_ORDER.map((k) => ENGINE_RULES[k].name).join(', ')}`
      )
    }
    const s = state.trim().toUpperCase()
    if (!(RULE_STATES as readonly string[]).includes(s)) {
      throw new Error(
        `${file}: rules: "${name}" must be BLOCKING, ALLOWING or DISABLED, not "${state.slice(0, 40)}"`
      )
    }
    states[key] = s as RuleState
  }
  const name = p.name ?? `Policy ${file}`
  return {
    name,
    uuid: stableUuid(`airs-model-gate policy ${name}`),
    states,
    approvedFormats: p.approved_formats?.map((f) => f.toLowerCase()) ?? base.approvedFormats,
    approvedLicenses: p.approved_licenses?.map((l) => l.toLowerCase()) ?? base.approvedLicenses,
    approvedLocations: p.approved_locations ?? base.approvedLocations,
    allowedGlobals: p.allowed_globals ?? []
  }
}

/** The policy as the security group and policy snapshot the reports show for a service scan. */
export function policyGroup(policy: EnginePolicy): { group: SecurityGroup; snapshot: PolicySnapshot } {
  const group: SecurityGroup = {
    uuid: policy.uuid,
    name: policy.name,
    source_type: 'LOCAL',
    state: 'ACTIVE',
    description: 'Evaluated by the built-in engine of airs-model-gate'
  }
  const fields: Partial<Record<EngineRule, Record<string, string[]>>> = {
    FORMAT: { approved_formats: policy.approvedFormats },
    LICENSE_VALID: { approved_licenses: policy.approvedLicenses },
    LOCATION: { approved_locations: policy.approvedLocations }
  }
  const rule_instances: RuleInstance[] = RULE_ORDER.map((key) => ({
    uuid: ruleInstanceUuid(policy, key),
    security_group_uuid: policy.uuid,
    state: policy.states[key],
    security_rule_uuid: ENGINE_RULES[key].uuid,
    rule: securityRule(key),
    field_values: fields[key] ?? {},
    rule_origin: 'PANW_MANAGED'
  }))
  return { group, snapshot: { generation: null, since: null, rule_instances } }
}

export const ruleInstanceUuid = (policy: EnginePolicy, key: EngineRule): string =>
  stableUuid(`${policy.uuid} ${key}`)
