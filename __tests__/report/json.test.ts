import { describe, expect, it } from '@jest/globals'
import { REPORT_SCHEMA_VERSION } from '../../src/gate/result.js'
import { reportJsonSchema } from '../../src/report/json-schema.js'
import { fixtureReport, largeReport } from '../helpers/reports.js'
import { REPORT_SCHEMA, validateReport } from '../helpers/schemas.js'

/** The JSON report's published schema (schema/report.schema.json, documented in docs/report.md). */

const valid = (doc: unknown) => validateReport(JSON.parse(JSON.stringify(doc)))

describe('report schema', () => {
  it('is the one the code generates (run `npm run schema` after changing the report)', () => {
    expect(REPORT_SCHEMA).toEqual(reportJsonSchema())
  })

  it('accepts reports the gate wrote', () => {
    for (const r of [fixtureReport('dialogpt-blocked'), fixtureReport('mixed'), largeReport(100, 100)])
      expect(valid(r)).toEqual([])
  })

  it('rejects a report missing what readers rely on, or of another version', () => {
    const r = JSON.parse(JSON.stringify(fixtureReport('dialogpt-blocked'))) as Record<string, unknown>
    expect(valid({ ...r, schema_version: REPORT_SCHEMA_VERSION + 1 })).not.toEqual([])
    const { verdict: _, ...noVerdict } = r
    expect(valid(noVerdict)).not.toEqual([])
    const models = r.models as Array<Record<string, unknown>>
    expect(valid({ ...r, models: [{ ...models[0], status: 'maybe' }] })).not.toEqual([])
  })
})
