import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultPolicy } from '../../src/gate/builtin-policy.js'
import { scanLocalModel } from '../../src/gate/builtin-scan.js'
import { assess, exitCode } from '../../src/gate/verdict.js'
import { renderMarkdown, type Detail } from '../../src/report/markdown.js'
import { modelLines } from '../../src/report/terminal.js'
import { modelView } from '../../src/report/view.js'
import type { Violation } from '../../src/airs/schemas/data-plane.js'
import { globalCall } from '../helpers/pickle-builder.js'
import { modelResult, uuid } from '../helpers/reports.js'

/**
 * "Could not verify" is its own result end to end: not a rule's violation, its own error code and exit code,
 * listed apart from the findings with its own advice (never a finding's "remove code").
 */

const RULE = uuid(7)
const FULL: Detail = {
  evaluations: true,
  violationsPerRule: 20,
  guidance: 'full',
  files: 'problems',
  filesMax: 100,
  labels: true,
  sections: 'all'
}
const violation = (threat: string | null, description: string): Violation => ({
  uuid: uuid(Math.floor(Math.random() * 1e6)),
  description,
  rule_instance_uuid: RULE,
  rule_name: 'Load Time Code Execution Check',
  rule_instance_state: 'BLOCKING',
  file: 'model.pkl',
  module: null,
  operator: null,
  threat,
  threat_description: null,
  created_at: '2026-12-06T00:00:00Z',
  updated_at: '2026-12-06T00:00:00Z'
})

async function engineScanOf(files: Record<string, Buffer>) {
  const dir = mkdtempSync(join(tmpdir(), 'unverified-'))
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data)
  // the format rule only reports, as in the measurement: what is left is content
  const policy = defaultPolicy()
  policy.states.FORMAT = 'ALLOWING'
  return scanLocalModel({ path: dir, modelUri: dir, policy })
}

describe('the built-in engine: what could not be verified is not a violation', () => {
  it('a damaged pickle alone: ERROR, a file in ERROR with why, no violation, no failed rule', async () => {
    const r = await engineScanOf({ 'model.pkl': Buffer.from([0x80, 0x04, 0x95, 0xff]) })
    expect(r.scan.eval_outcome).toBe('ERROR')
    expect(r.scan.error_message).toMatch(
      /^Could not verify 1 file \(model\.pkl\): nothing in it was found harmful/
    )
    expect(r.violations.filter((v) => /verif/i.test(v.description))).toEqual([])
    const file = r.files.find((f) => f.path === 'model.pkl')!
    expect(file.result).toBe('ERROR')
    expect(file.error_message).toBe(
      'the data ends in the middle of an opcode (the file is cut short) (byte 3)'
    )
    // the rule whose check it stopped is not passed, and not failed either
    const load = r.evaluations.find((e) => e.rule_name === 'Load Time Code Execution Check')!
    expect(load.result).toBe('ERROR')
    expect(r.scan.eval_summary?.rules_passed).toBe(r.evaluations.filter((e) => e.result === 'PASSED').length)

    const a = assess({
      outcome: r.scan.eval_outcome,
      evaluations: r.evaluations,
      scanErrorCode: r.scan.error_code,
      scanErrorMessage: r.scan.error_message,
      files: r.files
    })
    expect(a.error?.code).toBe('UNREADABLE_FILES')
    expect(exitCode('fail', [{ status: a.status, verdict: 'fail' }])).toBe(2)
  })

  it('a finding and a damaged stream: BLOCKED by the finding, the break still listed', async () => {
    const head = globalCall('posix', 'system', 'id')
    const r = await engineScanOf({ 'model.pkl': Buffer.concat([head, Buffer.from([0xff])]) })
    expect(r.scan.eval_outcome).toBe('BLOCKED')
    expect(r.violations).toContainEqual(expect.objectContaining({ module: 'posix', operator: 'system' }))
    const file = r.files.find((f) => f.path === 'model.pkl')!
    expect(file.result).toBe('FAILED')
    expect(file.error_message).toMatch(/byte 0xff|unknown opcode/)
  })
})

describe('the reports list it apart, with its own advice', () => {
  const m = modelView(
    modelResult({
      engine: 'builtin',
      outcome: 'ERROR',
      status: 'error',
      verdict: 'fail',
      error: { code: 'UNREADABLE_FILES', message: 'Could not verify 1 file (weights.z)' },
      files: [
        {
          uuid: uuid(3),
          path: 'weights.z',
          type: 'FILE',
          result: 'ERROR',
          error_message: 'a zlib stream that ends before its end (damaged)'
        },
        { uuid: uuid(4), path: 'config.json', type: 'FILE', result: 'SUCCESS' }
      ]
    })
  )

  it('the view carries the file and why', () => {
    expect(m.unverified).toEqual([
      { path: 'weights.z', why: 'a zlib stream that ends before its end (damaged)' }
    ])
  })

  it('markdown: its own section, no "remove code"', () => {
    const text = renderMarkdown(
      {
        report: {} as never,
        verdict: 'fail',
        headline: 'x',
        version: '1',
        mode: 'block',
        onError: 'fail',
        counts: { models: 1, blocked: 0, error: 1, allowed: 0 },
        models: [m]
      },
      FULL,
      {}
    )
    expect(text).toContain('#### ⚠️ Could not verify · 1 file')
    expect(text).toMatch(
      /\| <code>weights\.z<\/code> \| a zlib stream that ends before its end \\\(damaged\\\) \|/
    )
    expect(text).not.toMatch(/remove code/i)
  })

  it('terminal: the file and why, under the model', () => {
    const lines = modelLines(m)
    expect(lines).toContain('- could not verify 1 file (nothing found harmful, not verified either):')
    expect(lines).toContain('    weights.z: a zlib stream that ends before its end (damaged)')
    expect(lines.join('\n')).not.toMatch(/remove code/i)
  })

  it('within a rule, code execution comes before "not on the allow-list"', () => {
    const v = modelView(
      modelResult({
        outcome: 'BLOCKED',
        status: 'blocked',
        verdict: 'fail',
        evaluations: [
          {
            uuid: uuid(8),
            scan_uuid: uuid(1),
            result: 'FAILED',
            rule_instance_uuid: RULE,
            rule_name: 'Load Time Code Execution Check',
            rule_instance_state: 'BLOCKING',
            violation_count: 4,
            created_at: '2026-12-06T00:00:00Z',
            updated_at: '2026-12-06T00:00:00Z'
          }
        ],
        violations: [
          violation('PAIT-PKL-101', 'a.b not on the allow-list'),
          violation(null, 'no threat'),
          violation('PAIT-PKL-101', 'c.d not on the allow-list'),
          violation('PAIT-PKL-100', 'Loading runs os.system')
        ]
      })
    )
    expect(v.findings[0]!.violations.map((x) => x.description)).toEqual([
      'Loading runs os.system',
      'a.b not on the allow-list',
      'c.d not on the allow-list',
      'no threat'
    ])
  })
})
