import { describe, expect, it } from '@jest/globals'
import type { RuleEvaluation, Violation } from '../../src/airs/schemas/data-plane.js'
import {
  GateReportSchema,
  type GateErrorInfo,
  type GateReport,
  type ModelResult,
  type Verdict
} from '../../src/gate/result.js'
import { gateOutputs } from '../../src/report/outputs.js'
import { headline, modelView, runView } from '../../src/report/view.js'
import { listed as list, modelResult } from '../helpers/reports.js'

const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`
const AT = '2026-05-04T10:00:00.000Z'
const REPORT_FILE = '/home/runner/work/_temp/airs-model-gate.json'

const evaluation = (n: number, result: string, state = 'BLOCKING'): RuleEvaluation => ({
  uuid: id(0x100 + n),
  result,
  rule_instance_uuid: id(0x200 + n),
  rule_name: `Rule ${n}`,
  rule_instance_state: state,
  violation_count: result === 'FAILED' ? 1 : 0
})

const violation = (n: number): Violation => ({
  uuid: id(0x300 + n),
  description: `violation ${n}`,
  rule_instance_uuid: id(0x200 + n),
  rule_name: `Rule ${n}`,
  rule_instance_state: 'BLOCKING'
})

const model = modelResult

const view = (...args: Parameters<typeof report>) => runView(report(...args))

function report(verdict: Verdict, models: ModelResult[], error?: GateErrorInfo): GateReport {
  // built by hand, but held to the report's own schema so the fixtures stay realistic
  return GateReportSchema.parse({
    schema_version: 1,
    tool: { name: 'airs-model-gate', version: '0.1.0' },
    started_at: AT,
    finished_at: AT,
    settings: { mode: 'enforce', on_error: 'fail', timeout_ms: 1_200_000, concurrency: 4 },
    verdict,
    ...(error && { error }),
    models
  })
}

const allowed = model({
  outcome: 'ALLOWED',
  scanUuid: id(1),
  summary: { rules_passed: 11, rules_failed: 0, total_rules: 11 },
  evaluations: [evaluation(1, 'PASSED')],
  status: 'allowed',
  verdict: 'pass',
  reason: 'ALLOWED: 11 rules evaluated'
})

const blocked = model({
  index: 2,
  uri: 'https://huggingface.co/airs-sim/pickle-bomb',
  outcome: 'BLOCKED',
  scanUuid: id(2),
  evaluations: [evaluation(1, 'PASSED'), evaluation(2, 'FAILED'), evaluation(3, 'FAILED', 'ALLOWING')],
  violations: list([violation(2), violation(2 + 16), violation(3)], null),
  status: 'blocked',
  verdict: 'fail',
  reason: 'BLOCKED: 2 rules failed (Rule 2)'
})

const scanError: GateErrorInfo = { code: 'SCAN_ERROR', message: 'The scan ended in ERROR MODEL_NOT_FOUND' }
const errored = model({
  index: 3,
  uri: 's3://bucket/models/resnet',
  sourceType: 'S3',
  outcome: 'ERROR',
  scanUuid: id(3),
  summary: { rules_passed: 0, rules_failed: 0, total_rules: 0 },
  status: 'error',
  verdict: 'fail',
  error: scanError
})

const timeout: GateErrorInfo = { code: 'TIMEOUT', message: 'Scan was still PENDING after 20m' }
const timedOut = model({
  index: 4,
  outcome: 'PENDING',
  scanUuid: id(4),
  status: 'error',
  verdict: 'fail',
  error: timeout
})

const groupError: GateErrorInfo = { code: 'SECURITY_GROUP', message: 'no security group for LOCAL models' }
const unscanned = model({
  index: 5,
  uri: '/models/local',
  sourceType: 'LOCAL',
  status: 'error',
  verdict: 'fail',
  error: groupError
})

describe('modelView', () => {
  it('shows a Hugging Face model by its repository name', () => {
    expect(modelView(allowed).name).toBe('microsoft/DialoGPT-medium')
  })

  it('shows other models by their URI', () => {
    expect(modelView(errored).name).toBe('s3://bucket/models/resnet')
    expect(modelView(unscanned).name).toBe('/models/local')
  })

  it('takes rule counts from the scan summary', () => {
    expect(modelView(allowed)).toMatchObject({
      rulesPassed: 11,
      rulesFailed: 0,
      totalRules: 11,
      violations: 0
    })
  })

  it('counts the evaluations when the scan has no summary', () => {
    expect(modelView(blocked)).toMatchObject({ rulesPassed: 1, rulesFailed: 2, totalRules: 3 })
  })

  it('counts the violations collected when the service gave no total', () => {
    expect(modelView(blocked).violations).toBe(3)
  })

  it('prefers the total the service reported to the violations collected', () => {
    expect(modelView({ ...blocked, violations: list([violation(2)], 40) }).violations).toBe(40)
  })

  it.each<[string, ModelResult, string, string | undefined]>([
    ['allowed', allowed, 'ALLOWED', id(1)],
    ['blocked', blocked, 'BLOCKED', id(2)],
    ['scan error', errored, 'ERROR', id(3)],
    ['timed out', timedOut, 'TIMEOUT', id(4)],
    ['never scanned', unscanned, 'NOT SCANNED', undefined]
  ])('%s: outcome %s, scan %s', (_, m, outcome, scanUuid) => {
    const v = modelView(m)
    expect(v.outcome).toBe(outcome)
    expect(v.scanUuid).toBe(scanUuid)
  })
})

describe('headline', () => {
  it.each<[string, GateReport, string]>([
    ['one allowed model', report('pass', [allowed]), 'Model gate passed: ALLOWED: 11 rules evaluated'],
    ['one blocked model', report('fail', [blocked]), 'Model gate failed: BLOCKED: 2 rules failed (Rule 2)'],
    [
      'one blocked model, warned',
      report('warn', [{ ...blocked, verdict: 'warn' }]),
      'Model gate passed with warnings: BLOCKED: 2 rules failed (Rule 2)'
    ],
    [
      'a run-level error',
      report('fail', [], { code: 'AUTH_FAILED', message: 'The credentials were rejected' }),
      'Model gate failed: The credentials were rejected'
    ],
    [
      'several models',
      report('fail', [allowed, blocked, errored, timedOut]),
      'Model gate failed: 4 models: 1 blocked, 2 not verified, 1 allowed'
    ],
    [
      'several allowed models',
      report('pass', [allowed, { ...allowed, index: 2 }]),
      'Model gate passed: 2 models: 2 allowed'
    ]
  ])('%s', (_, r, expected) => {
    expect(headline(r)).toBe(expected)
  })
})

describe('gateOutputs', () => {
  it('reports one allowed model', () => {
    expect(gateOutputs(view('pass', [allowed]), { report: REPORT_FILE })).toEqual({
      verdict: 'pass',
      'eval-outcome': 'ALLOWED',
      'scan-uuid': id(1),
      'rules-passed': '11',
      'rules-failed': '0',
      violations: '0',
      drifted: '0',
      'newly-blocked': '0',
      report: REPORT_FILE,
      sarif: '',
      sbom: '',
      'attestation-predicate': '',
      'attestation-statement': '',
      'attestation-checksums': '',
      'resolved-revision': '',
      'artifact-url': '',
      'artifact-id': '',
      error: ''
    })
  })

  it('reports one blocked model, counting violations when the total is unknown', () => {
    expect(gateOutputs(view('fail', [blocked]), { report: REPORT_FILE })).toEqual({
      verdict: 'fail',
      'eval-outcome': 'BLOCKED',
      'scan-uuid': id(2),
      'rules-passed': '1',
      'rules-failed': '2',
      violations: '3',
      drifted: '0',
      'newly-blocked': '0',
      report: REPORT_FILE,
      sarif: '',
      sbom: '',
      'attestation-predicate': '',
      'attestation-statement': '',
      'attestation-checksums': '',
      'resolved-revision': '',
      'artifact-url': '',
      'artifact-id': '',
      error: ''
    })
  })

  it('reports a run-level error with no models', () => {
    const auth: GateErrorInfo = { code: 'AUTH_FAILED', message: 'The credentials were rejected' }
    expect(gateOutputs(view('fail', [], auth), { report: '' })).toEqual({
      verdict: 'fail',
      'eval-outcome': '',
      'scan-uuid': '',
      'rules-passed': '0',
      'rules-failed': '0',
      violations: '0',
      drifted: '0',
      'newly-blocked': '0',
      report: '',
      sarif: '',
      sbom: '',
      'attestation-predicate': '',
      'attestation-statement': '',
      'attestation-checksums': '',
      'resolved-revision': '',
      'artifact-url': '',
      'artifact-id': '',
      error: 'AUTH_FAILED'
    })
  })

  it('names the commit of each Hugging Face model, one line per model in input order', () => {
    const sha = (c: string) => c.repeat(40)
    const pinned = (m: ModelResult, index: number, commit?: string): ModelResult => ({
      ...m,
      index,
      model: { ...m.model, ...(commit && { resolved_revision: commit }) }
    })
    const out = gateOutputs(
      view('fail', [pinned(blocked, 3, sha('b')), pinned(allowed, 1, sha('a')), pinned(errored, 2)]),
      { report: REPORT_FILE }
    )
    expect(out['resolved-revision']).toBe([sha('a'), '', sha('b')].join('\n'))
  })

  it('names the uploaded artifact', () => {
    const artifact = {
      name: 'airs-model-gate',
      id: 4242,
      url: 'https://github.com/o/r/actions/runs/1/artifacts/4242'
    }
    const out = gateOutputs(view('pass', [allowed]), { report: REPORT_FILE, artifact })
    expect(out).toMatchObject({ 'artifact-url': artifact.url, 'artifact-id': '4242' })
  })

  it('gives the error of the first model that has one', () => {
    const out = gateOutputs(view('fail', [allowed, unscanned, errored]), { report: REPORT_FILE })
    expect(out.error).toBe('SECURITY_GROUP')
  })

  it('prefers the run-level error to a model’s', () => {
    const internal: GateErrorInfo = { code: 'INTERNAL_ERROR', message: 'bug' }
    expect(gateOutputs(view('fail', [errored], internal), { report: REPORT_FILE }).error).toBe(
      'INTERNAL_ERROR'
    )
  })

  it('sums over several models and lists their scans one per line, in order', () => {
    const out = gateOutputs(view('fail', [allowed, blocked, unscanned, errored]), { report: REPORT_FILE })
    expect(out['scan-uuid']).toBe([id(1), id(2), id(3)].join('\n'))
    expect(out['rules-passed']).toBe(String(11 + 1 + 0))
    expect(out['rules-failed']).toBe(String(0 + 2 + 0))
    expect(out.violations).toBe(String(0 + 3 + 0))
    expect(out.verdict).toBe('fail')
  })

  it.each<[string, ModelResult[], string]>([
    ['BLOCKED when any model was blocked', [allowed, errored, blocked], 'BLOCKED'],
    ['ERROR when none was blocked but one was not verified', [allowed, timedOut], 'ERROR'],
    ['ERROR for a model never scanned', [unscanned, allowed], 'ERROR'],
    ['ALLOWED when all were allowed', [allowed, { ...allowed, index: 2 }], 'ALLOWED']
  ])('eval-outcome of several models: %s', (_, models, expected) => {
    expect(gateOutputs(view('fail', models), { report: REPORT_FILE })['eval-outcome']).toBe(expected)
  })

  it('gives every output as a string', () => {
    const out = gateOutputs(view('fail', [allowed, blocked, errored, timedOut, unscanned]), {
      report: REPORT_FILE
    })
    expect(Object.keys(out).sort()).toEqual(
      [
        'artifact-id',
        'artifact-url',
        'resolved-revision',
        'sbom',
        'attestation-predicate',
        'attestation-statement',
        'attestation-checksums',
        'error',
        'eval-outcome',
        'report',
        'rules-failed',
        'rules-passed',
        'sarif',
        'scan-uuid',
        'verdict',
        'violations',
        'drifted',
        'newly-blocked'
      ].sort()
    )
    for (const v of Object.values(out)) expect(typeof v).toBe('string')
  })
})
