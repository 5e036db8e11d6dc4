import { readFileSync } from 'node:fs'
import type { RuleEvaluation, ScanFile, Violation } from '../../src/airs/schemas/data-plane.js'
import type { SecurityRule } from '../../src/airs/schemas/mgmt-plane.js'
import {
  GateReportSchema,
  type GateErrorInfo,
  type GateReport,
  type ModelResult,
  type Status,
  type Verdict
} from '../../src/gate/result.js'

/**
 * Report fixtures for the renderers: real gate runs against the simulator (scripts/fixture-reports.ts,
 * `npm run fixtures`), and variations built from them.
 */

export function fixtureReport(
  name: 'dialogpt-blocked' | 'mixed' | 'error' | 'timeout' | 'builtin'
): GateReport {
  const text = readFileSync(new URL(`../fixtures/reports/${name}.json`, import.meta.url), 'utf8')
  return GateReportSchema.parse(JSON.parse(text))
}

export const uuid = (n: number) => `00000000-0000-4000-9000-${n.toString(16).padStart(12, '0')}`

/** The DialoGPT model with `violations` findings and `files` files, as a huge repository would give. */
export function largeReport(violations = 10_000, files = 10_000): GateReport {
  const base = fixtureReport('dialogpt-blocked')
  const m = base.models[0]!
  const v0 = m.violations.items[0]!
  const f0 = m.files.items.find((f) => f.path === 'pytorch_model.bin')!
  const vs: Violation[] = Array.from({ length: violations }, (_, i) => ({
    ...v0,
    uuid: uuid(i + 1),
    file: `shards/part-${String(i).padStart(5, '0')}.bin`,
    description: `Model file 'shards/part-${String(i).padStart(5, '0')}.bin' is stored in an unapproved format: pickle`
  }))
  const fs: ScanFile[] = Array.from({ length: files }, (_, i) => ({
    ...f0,
    uuid: uuid(100_000 + i),
    path: `shards/part-${String(i).padStart(5, '0')}.bin`
  }))
  const model: ModelResult = {
    ...m,
    evaluations: {
      ...m.evaluations,
      items: m.evaluations.items.map((e) =>
        e.result === 'FAILED' ? { ...e, violation_count: violations } : e
      )
    },
    violations: { items: vs, total: violations, truncated: false, incomplete: false },
    files: { items: fs, total: files, truncated: false, incomplete: false }
  }
  return { ...base, models: [model] }
}

/** A model from a fixture with some of its text replaced by `hostile`. */
export function hostileModel(base: ModelResult, hostile: string): ModelResult {
  return {
    ...base,
    model: { ...base.model, input: hostile, model_uri: hostile },
    reason: `BLOCKED: ${hostile}`,
    ...(base.security_group && { security_group: { ...base.security_group, name: hostile } }),
    ...(base.scan && { scan: { ...base.scan, labels: [{ key: 'team', value: hostile }] } }),
    evaluations: {
      ...base.evaluations,
      items: base.evaluations.items.map((e) => ({
        ...e,
        rule_name: e.result === 'FAILED' ? hostile : e.rule_name
      }))
    },
    violations: {
      ...base.violations,
      items: base.violations.items.map((v) => ({
        ...v,
        rule_name: hostile,
        file: hostile,
        description: hostile,
        threat: hostile,
        threat_description: hostile,
        module: hostile,
        operator: hostile,
        insights_url: `javascript:alert(1)//${hostile}`,
        remediation: { steps: [hostile], url: hostile }
      }))
    },
    files: {
      ...base.files,
      items: base.files.items.map((f) => ({ ...f, path: hostile, formats: [hostile] }))
    },
    warnings: [hostile]
  }
}

// ---- hand-built results, for cases the simulator does not produce ----

const AT = '2026-05-04T10:00:00.000Z'
const GROUP = uuid(0xf00)

interface Listed<T> {
  items: T[]
  total: number | null
  truncated: boolean
  incomplete: boolean
}

/** A collected list; `total` null when the service did not say. */
export const listed = <T>(items: T[], total: number | null = items.length): Listed<T> => ({
  items,
  total,
  truncated: false,
  incomplete: false
})

export interface ModelSpec {
  index?: number
  engine?: ModelResult['engine']
  uri?: string
  sourceType?: ModelResult['model']['source_type']
  revision?: string
  /** eval_outcome of the scan; no scan when absent */
  outcome?: string
  scanUuid?: string
  summary?: { rules_passed: number; rules_failed: number; total_rules: number }
  evaluations?: RuleEvaluation[]
  violations?: Violation[] | Listed<Violation>
  files?: ScanFile[]
  rules?: SecurityRule[]
  status: Status
  verdict: Verdict
  reason?: string
  error?: GateErrorInfo
}

export function modelResult(s: ModelSpec): ModelResult {
  const uri = s.uri ?? 'https://huggingface.co/microsoft/DialoGPT-medium'
  return {
    index: s.index ?? 1,
    engine: s.engine ?? 'airs',
    model: {
      input: uri,
      source_type: s.sourceType ?? 'HUGGING_FACE',
      model_uri: uri,
      ...(s.revision !== undefined && { revision: s.revision })
    },
    ...(s.outcome !== undefined && {
      scan: {
        uuid: s.scanUuid ?? uuid(1),
        eval_outcome: s.outcome,
        model_uri: uri,
        security_group_uuid: GROUP,
        created_at: AT,
        updated_at: AT,
        labels: [],
        ...(s.summary && { eval_summary: s.summary })
      }
    }),
    retried_scans: [],
    evaluations: listed(s.evaluations ?? []),
    violations: Array.isArray(s.violations) ? listed(s.violations) : (s.violations ?? listed([])),
    files: listed(s.files ?? []),
    rules: s.rules ?? [],
    policy: null,
    status: s.status,
    verdict: s.verdict,
    reason: s.reason ?? s.error?.message ?? s.outcome ?? s.status,
    ...(s.error && { error: s.error }),
    warnings: [],
    started_at: AT,
    finished_at: AT,
    wait_ms: s.outcome === undefined ? null : 1000,
    polls: 1
  }
}
