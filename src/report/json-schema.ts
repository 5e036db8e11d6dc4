import { z } from 'zod'
import { GateReportSchema, REPORT_SCHEMA_VERSION } from '../gate/result.js'

/**
 * The JSON report's schema as JSON Schema (2020-12), generated from the zod schema the code itself uses, so
 * the documented shape cannot drift from the written one. Published as schema/report.schema.json.
 */
export function reportJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(GateReportSchema, {
    io: 'output',
    unrepresentable: 'any',
    target: 'draft-2020-12'
  })
  const { $schema, ...rest } = generated as Record<string, unknown>
  return {
    $schema,
    $id: `https://github.com/airs-model-gate/airs-model-gate/schema/report.v${REPORT_SCHEMA_VERSION}.schema.json`,
    title: 'airs-model-gate JSON report',
    description:
      'Every scan the gate made, with its rule evaluations, violations, files, rule details and the rule-instance snapshot in force at scan time. See docs/report.md.',
    ...rest
  }
}
