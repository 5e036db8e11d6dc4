import { readFileSync } from 'node:fs'
import type { ScanFile, Violation } from '../../src/airs/schemas/data-plane.js'
import { GateReportSchema, type GateReport, type ModelResult } from '../../src/gate/result.js'

/**
 * Report fixtures for the renderers: real gate runs against the simulator (scripts/fixture-reports.ts,
 * `npm run fixtures`), and variations built from them.
 */

export function fixtureReport(name: 'dialogpt-blocked' | 'mixed'): GateReport {
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
