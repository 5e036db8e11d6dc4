import { describe, expect, it } from '@jest/globals'
import { gzipSync } from 'node:zlib'
import type { RuleEvaluation, ScanFile, Violation } from '../../src/airs/schemas/data-plane.js'
import type { SecurityRule } from '../../src/airs/schemas/mgmt-plane.js'
import {
  GateReportSchema,
  type GateErrorInfo,
  type GateReport,
  type ModelResult,
  type Verdict
} from '../../src/gate/result.js'
import {
  FINGERPRINT_KEY,
  NOT_VERIFIED_RULE_ID,
  SARIF_LIMITS,
  renderSarif,
  type SarifLog,
  type SarifOptions,
  type SarifResult
} from '../../src/report/sarif.js'
import type { Locate } from '../../src/report/anchor.js'
import { sarifHelp } from '../../src/report/markdown.js'
import { expectGolden } from '../helpers/golden.js'
import { fixtureReport, listed as list, modelResult } from '../helpers/reports.js'
import { validateSarif as schemaErrors } from '../helpers/schemas.js'
import { runView } from '../../src/report/view.js'

/*
 * Every log is checked against the official SARIF 2.1.0 schema (the rtm.5 file GitHub's upload-sarif uses,
 * vendored in __tests__/fixtures/sarif/), with formats (uri, uri-reference) checked too.
 */

// ---- building reports ----

const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`
const AT = '2026-05-04T10:00:00.000Z'
const DIALOGPT = 'https://huggingface.co/microsoft/DialoGPT-medium'
const DOCS = 'https://docs.paloaltonetworks.com/ai-runtime-security/ai-model-security/model-security-rules'
const FORMAT_RULE = 'Stored In Approved File Format'
const FORMAT_RULE_DESCRIPTION = 'Model files should be stored in an approved format'

const evaluation = (
  n: number,
  rule_name: string,
  result: string,
  rule_instance_state = 'BLOCKING',
  rule_description?: string
): RuleEvaluation => ({
  uuid: id(0x1000 + n),
  result,
  rule_instance_uuid: id(0x2000 + n),
  rule_name,
  rule_instance_state,
  violation_count: result === 'FAILED' ? 1 : 0,
  ...(rule_description !== undefined && { rule_description })
})

let violationCounter = 0
const violation = (v: Partial<Violation> & { rule_name: string; description: string }): Violation => ({
  uuid: id(0x30000 + violationCounter++),
  rule_instance_uuid: id(0x2000),
  rule_instance_state: 'BLOCKING',
  ...v
})

const scanFile = (n: number, path: string, formats: string[] | null, result = 'SUCCESS'): ScanFile => ({
  uuid: id(0x4000 + n),
  path,
  type: 'FILE',
  result,
  formats
})

const catalogueRule = (
  name: string,
  description: string,
  remediation: NonNullable<SecurityRule['remediation']>
): SecurityRule => ({
  uuid: id(0x5000),
  name,
  description,
  compatible_sources: ['ALL'],
  remediation,
  editable_fields: []
})

const model = modelResult

const WORST: Record<Verdict, number> = { pass: 0, warn: 1, fail: 2 }

/** A report, checked against the report's own schema so the builder cannot drift from the real shape. */
function report(models: ModelResult[], opts: { check?: boolean; error?: GateErrorInfo } = {}): GateReport {
  const r: GateReport = {
    schema_version: 1,
    tool: { name: 'airs-model-gate', version: '0.1.0' },
    started_at: AT,
    finished_at: '2026-05-04T10:01:30.000Z',
    settings: { mode: 'enforce', on_error: 'fail', timeout_ms: 900_000, concurrency: 4 },
    verdict: models.reduce<Verdict>((a, m) => (WORST[m.verdict] > WORST[a] ? m.verdict : a), 'pass'),
    ...(opts.error && { error: opts.error }),
    models
  }
  return opts.check === false ? r : GateReportSchema.parse(r)
}

/** The real DialoGPT-medium scan: BLOCKED, 11 rules, Stored In Approved File Format failed with 5 violations. */
function dialogpt(index = 1): ModelResult {
  const rules: Array<[string, string]> = [
    ['License Exists', 'Models should have a license'],
    ['License Is Valid For Use', 'Models license should be valid for use'],
    ['Model Is Blocked', 'Model should not be on the blocked list'],
    ['Organization Is Blocked', 'Model organization should not be on the blocked list'],
    ['Organization Verified By Hugging Face', 'Model organization should be verified by Hugging Face'],
    [FORMAT_RULE, FORMAT_RULE_DESCRIPTION],
    [
      'Known Framework Operators Check',
      'Model artifacts should only contain known safe TensorFlow operators'
    ],
    [
      'Load Time Code Execution Check',
      'Model artifacts should not contain unsafe operators that are run upon deserialization'
    ],
    ['Model Architecture Backdoor Check', 'Model architecture files should not contain backdoor attacks'],
    ['Runtime Code Execution Check', 'Model artifacts should not contain code that runs at inference time'],
    ['Suspicious Model Components Check', 'Model artifacts should not contain suspicious components']
  ]
  const remediation = {
    steps: [
      'Convert the model to an approved format such as safetensors',
      'Remove files in unapproved formats from the model'
    ],
    url: `${DOCS}/stored-in-approved-file-format`
  }
  const formatViolation = (n: number, file: string, format: string): Violation => ({
    uuid: id(0x300 + n),
    description: `Model file '${file}' is stored in an unapproved format: ${format}`,
    rule_instance_uuid: id(0x2005),
    rule_name: FORMAT_RULE,
    rule_instance_state: 'BLOCKING',
    rule_description: FORMAT_RULE_DESCRIPTION,
    file,
    threat: 'UNAPPROVED_FORMATS',
    threat_description: 'Model is stored in a format that your Security Group does not allow',
    threat_kb_url: null,
    insights_url: 'https://protectai.com/insights/models/microsoft/DialoGPT-medium',
    remediation,
    rule_origin: 'PANW_MANAGED'
  })
  const files: Array<[string, string[] | null]> = [
    ['config.json', ['json']],
    ['flax_model.msgpack', null],
    ['generation_config_for_conversational.json', ['json']],
    ['generation_config.json', ['json']],
    ['.gitattributes', null],
    ['merges.txt', null],
    ['pytorch_model.bin', ['pickle', 'pytorch_v0_1_10']],
    ['README.md', ['not_model']],
    ['rust_model.ot', ['pytorch_torch_script', 'zip']],
    ['tf_model.h5', ['keras_weights']],
    ['tokenizer_config.json', ['json']],
    ['vocab.json', ['json']]
  ]
  return model({
    index,
    scanUuid: '7a7e1cdf-a6b1-4743-a5f2-a7bd96ec7bab',
    outcome: 'BLOCKED',
    evaluations: rules.map(([name, description], i) =>
      evaluation(i, name, name === FORMAT_RULE ? 'FAILED' : 'PASSED', 'BLOCKING', description)
    ),
    violations: [
      formatViolation(1, 'pytorch_model.bin', 'pickle'),
      formatViolation(2, 'pytorch_model.bin', 'pytorch_v0_1_10'),
      formatViolation(3, 'rust_model.ot', 'pytorch_torch_script'),
      formatViolation(4, 'rust_model.ot', 'zip'),
      formatViolation(5, 'tf_model.h5', 'keras_weights')
    ],
    files: files.map(([path, formats], i) => scanFile(i, path, formats, formats ? 'SUCCESS' : 'SKIPPED')),
    rules: [
      catalogueRule(FORMAT_RULE, FORMAT_RULE_DESCRIPTION, {
        description: 'Store the model in a format approved by your organization',
        ...remediation
      })
    ],
    status: 'blocked',
    verdict: 'fail',
    reason: `BLOCKED: 1 of 11 rules failed (${FORMAT_RULE})`
  })
}

/** An ALLOWING rule that failed: the model passes, the finding is a warning. */
function unlicensed(index = 2): ModelResult {
  const uri = 'https://huggingface.co/airs-sim/unlicensed'
  return model({
    index,
    uri,
    outcome: 'ALLOWED',
    scanUuid: id(2),
    evaluations: [
      evaluation(20, 'License Exists', 'FAILED', 'ALLOWING', 'Models should have a license'),
      evaluation(21, 'Load Time Code Execution Check', 'PASSED')
    ],
    violations: [
      violation({
        rule_name: 'License Exists',
        rule_instance_state: 'ALLOWING',
        description: 'The model does not declare a license',
        file: null
      })
    ],
    status: 'allowed',
    verdict: 'pass',
    reason: 'ALLOWED: 2 rules evaluated'
  })
}

/** A scan that ended in ERROR. */
function scanError(index = 3, verdict: Verdict = 'fail'): ModelResult {
  const message = 'The scan ended in ERROR SCAN_ERROR: could not download the model'
  return model({
    index,
    uri: 'https://huggingface.co/airs-sim/scan-error',
    outcome: 'ERROR',
    scanUuid: id(3),
    status: 'error',
    verdict,
    reason: message,
    error: { code: 'SCAN_ERROR', message }
  })
}

const WORKFLOW = '.github/workflows/models.yml'
const atWorkflow: Locate = () => ({ file: WORKFLOW, line: 14 })

const fingerprintOf = (r: SarifResult) => r.partialFingerprints[FINGERPRINT_KEY]!
const run = (log: SarifLog) => log.runs[0]
const ruleOf = (log: SarifLog, r: SarifResult) => run(log).tool.driver.rules[r.ruleIndex]!

function render(r: GateReport, options?: SarifOptions): SarifLog {
  const log = renderSarif(runView(r), options)
  expect(schemaErrors(log)).toEqual([])
  return log
}

// ---- the validator itself ----

describe('the SARIF schema check', () => {
  it('accepts a minimal log and rejects broken ones, so a passing check means something', () => {
    const minimal = { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [] }] }
    expect(schemaErrors(minimal)).toEqual([])
    const log = renderSarif(runView(report([dialogpt()])))
    expect(schemaErrors(log)).toEqual([])

    const noDriverName = structuredClone(log) as any
    delete noDriverName.runs[0].tool.driver.name
    expect(schemaErrors(noDriverName).join('\n')).toContain("must have required property 'name'")

    const badLevel = structuredClone(log) as any
    badLevel.runs[0].results[0].level = 'critical'
    expect(schemaErrors(badLevel)).not.toEqual([])

    const badLine = structuredClone(log) as any
    badLine.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0
    expect(schemaErrors(badLine)).not.toEqual([])

    const badUri = structuredClone(log) as any
    badUri.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'a file with spaces'
    expect(schemaErrors(badUri).join('\n')).toContain('must match format "uri-reference"')

    const unknownField = structuredClone(log) as any
    unknownField.runs[0].results[0].severity = 'high'
    expect(schemaErrors(unknownField)).not.toEqual([])
  })
})

// ---- the DialoGPT scan ----

describe('renderSarif on the DialoGPT-medium scan', () => {
  const log = () => render(report([dialogpt()]), { locate: atWorkflow, category: 'airs-model-gate' })

  // expectGolden asserts
  it('matches the golden file', () => {
    expectGolden('dialogpt.sarif.json', `${JSON.stringify(log(), null, 2)}\n`)
  })

  it('describes the tool and the run', () => {
    const l = log()
    expect(l.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json')
    expect(l.version).toBe('2.1.0')
    expect(l.runs).toHaveLength(1)
    expect(run(l).tool.driver).toMatchObject({
      name: 'airs-model-gate',
      version: '0.1.0',
      semanticVersion: '0.1.0',
      informationUri: 'https://github.com/airs-model-gate/airs-model-gate'
    })
    expect(run(l).automationDetails).toEqual({ id: 'airs-model-gate/' })
    expect(run(l).properties).toMatchObject({ truncated: false, total_results: 3, omitted: 0 })
    expect(run(l).invocations[0]).toMatchObject({
      executionSuccessful: true,
      startTimeUtc: AT,
      endTimeUtc: '2026-05-04T10:01:30.000Z'
    })
  })

  it('has one rule per evaluated rule, sorted by a stable id, with catalogue help', () => {
    const rules = run(log()).tool.driver.rules
    expect(rules).toHaveLength(11)
    const ids = rules.map((r) => r.id)
    expect(ids).toEqual([...ids].sort())
    expect(ids).toContain('airs/load-time-code-execution-check')
    expect(ids).not.toContain(NOT_VERIFIED_RULE_ID)

    const format = rules.find((r) => r.id === 'airs/stored-in-approved-file-format')!
    expect(format).toMatchObject({
      name: FORMAT_RULE,
      shortDescription: { text: FORMAT_RULE },
      fullDescription: { text: FORMAT_RULE_DESCRIPTION },
      helpUri: `${DOCS}/stored-in-approved-file-format`,
      defaultConfiguration: { level: 'error' },
      properties: {
        tags: ['security', 'ml-model', 'prisma-airs'],
        precision: 'high',
        'security-severity': '5.5'
      }
    })
    expect(format.help.text).toBe(
      [
        FORMAT_RULE_DESCRIPTION,
        'Store the model in a format approved by your organization',
        '1. Convert the model to an approved format such as safetensors\n2. Remove files in unapproved formats from the model',
        `Remediation guide: ${DOCS}/stored-in-approved-file-format`
      ].join('\n\n')
    )
    expect(format.help.markdown).toContain('1. Convert the model to an approved format such as safetensors')
    expect(format.help.markdown).toContain(`[Remediation guide](${DOCS}/stored-in-approved-file-format)`)

    // a rule that passed has no catalogue entry: its description stands in, and it says there is no guidance
    const loadTime = rules.find((r) => r.id === 'airs/load-time-code-execution-check')!
    expect(loadTime.fullDescription.text).toBe(
      'Model artifacts should not contain unsafe operators that are run upon deserialization'
    )
    expect(loadTime.properties['security-severity']).toBe('9.8')
    expect(loadTime.helpUri).toBeUndefined()
  })

  it('has one error result per rule and file, holding every finding there, pointing where locate says', () => {
    const l = log()
    const results = run(l).results
    expect(results).toHaveLength(3)
    for (const r of results) {
      expect(r.ruleId).toBe('airs/stored-in-approved-file-format')
      expect(ruleOf(l, r).id).toBe(r.ruleId)
      expect(r.level).toBe('error')
      expect(r.locations).toHaveLength(1)
      expect(r.locations[0]!.physicalLocation).toEqual({
        artifactLocation: { uri: WORKFLOW, uriBaseId: '%SRCROOT%' },
        region: { startLine: 14 }
      })
    }
    const first = results[0]!
    expect(first.message.text).toBe(
      'Stored In Approved File Format failed: 2 findings in pytorch_model.bin. ' +
        "Model file 'pytorch_model.bin' is stored in an unapproved format: pickle. " +
        "Model file 'pytorch_model.bin' is stored in an unapproved format: pytorch_v0_1_10. " +
        'Model: microsoft/DialoGPT-medium. ' +
        'Threat: UNAPPROVED_FORMATS (Model is stored in a format that your Security Group does not allow).'
    )
    expect(first.locations[0]!.logicalLocations).toEqual([
      { name: 'microsoft/DialoGPT-medium', fullyQualifiedName: 'microsoft/DialoGPT-medium', kind: 'module' },
      {
        name: 'pytorch_model.bin',
        fullyQualifiedName: 'microsoft/DialoGPT-medium/pytorch_model.bin',
        kind: 'resource'
      }
    ])
    expect(first.properties).toMatchObject({
      model: 'microsoft/DialoGPT-medium',
      model_uri: DIALOGPT,
      scan_uuid: '7a7e1cdf-a6b1-4743-a5f2-a7bd96ec7bab',
      rule: FORMAT_RULE,
      posture: 'BLOCKING',
      file: 'pytorch_model.bin',
      formats: ['pickle', 'pytorch_v0_1_10'],
      threats: ['UNAPPROVED_FORMATS'],
      violation_count: 2,
      insights_url: 'https://protectai.com/insights/models/microsoft/DialoGPT-medium'
    })
    expect(first.properties.violation_uuids).toHaveLength(2)
    expect(results.map((r) => [r.properties.file, r.properties.violation_count])).toEqual([
      ['pytorch_model.bin', 2],
      ['rust_model.ot', 2],
      ['tf_model.h5', 1]
    ])
    expect(results[2]!.properties.formats).toEqual(['keras_weights'])
    const fingerprints = results.map(fingerprintOf)
    for (const f of fingerprints) expect(f).toMatch(/^[0-9a-f]{64}$/)
    expect(new Set(fingerprints).size).toBe(3)
  })

  it("falls back to the model's URI when there is nothing to locate", () => {
    for (const options of [undefined, {}, { locate: () => undefined }, { locate: () => ({ file: '' }) }]) {
      const r = run(render(report([dialogpt()]), options)).results[0]!
      expect(r.locations[0]!.physicalLocation).toEqual({
        artifactLocation: { uri: DIALOGPT },
        region: { startLine: 1 }
      })
    }
  })
})

// ---- levels, severities, errors ----

describe('levels and severities', () => {
  it('takes the level from the posture of each finding, and the default from the strictest posture', () => {
    const rule = 'Custom Rule'
    const m = (index: number, state: string) =>
      model({
        index,
        uri: `https://huggingface.co/org/m${index}`,
        outcome: 'BLOCKED',
        evaluations: [evaluation(index, rule, 'FAILED', state)],
        violations: [
          violation({ rule_name: rule, rule_instance_state: state, description: `finding ${index}` })
        ],
        status: 'blocked',
        verdict: 'fail'
      })
    const l = render(report([m(1, 'BLOCKING'), m(2, 'ALLOWING'), m(3, 'DISABLED'), m(4, 'SOMETHING_NEW')]))
    expect(run(l).results.map((r) => r.level)).toEqual(['error', 'warning', 'note', 'note'])
    expect(run(l).tool.driver.rules).toHaveLength(1)
    expect(run(l).tool.driver.rules[0]!.defaultConfiguration.level).toBe('error')

    const allowing = render(report([m(2, 'ALLOWING'), m(3, 'DISABLED')]))
    expect(run(allowing).tool.driver.rules[0]!.defaultConfiguration.level).toBe('warning')
  })

  it('reports an ALLOWING failure as a warning on a model that passed', () => {
    const l = render(report([unlicensed()]))
    const [r] = run(l).results
    expect(r!.level).toBe('warning')
    expect(r!.ruleId).toBe('airs/license-exists')
    expect(r!.message.text).toBe(
      'License Exists failed: 1 finding. The model does not declare a license. Model: airs-sim/unlicensed.'
    )
    expect(r!.locations[0]!.logicalLocations).toHaveLength(1)
    expect(ruleOf(l, r!).defaultConfiguration.level).toBe('warning')
  })

  it('writes security-severity as a string with one decimal', () => {
    const names: Array<[string, string]> = [
      ['Load Time Code Execution Check', '9.8'],
      ['Model Architecture Backdoor Check', '9.1'],
      ['Known Framework Operators Check', '8.1'],
      ['Organization Is Blocked', '7.5'],
      [FORMAT_RULE, '5.5'],
      ['Organization Verified By Hugging Face', '4.0'],
      ['License Exists', '3.1'],
      ['My Own Custom Rule', '5.0']
    ]
    const l = render(
      report([
        model({
          outcome: 'BLOCKED',
          evaluations: names.map(([n], i) => evaluation(i, n, 'FAILED')),
          violations: names.map(([n]) => violation({ rule_name: n, description: 'x' })),
          status: 'blocked',
          verdict: 'fail'
        }),
        scanError(2)
      ])
    )
    const severity = new Map(run(l).tool.driver.rules.map((r) => [r.name, r.properties['security-severity']]))
    for (const [n, s] of names) expect(severity.get(n)).toBe(s)
    expect(severity.get('Model not verified')).toBe('5.0')
    for (const s of severity.values()) expect(s).toMatch(/^\d+\.\d$/)
  })
})

describe('a local model outside the checkout (the CLI scans any path)', () => {
  it.each([
    ['/tmp/models/my model', 'file:///tmp/models/my%20model'],
    ['C:/models/x', 'file:///C:/models/x']
  ])('%s is located by a file URI, not against the repository root', (uri, expected) => {
    const m = model({
      uri,
      sourceType: 'LOCAL',
      outcome: 'PENDING',
      status: 'error',
      verdict: 'fail',
      reason: 'timed out',
      error: { code: 'TIMEOUT', message: 'timed out' }
    })
    const location = run(render(report([m]))).results[0]!.locations[0]!.physicalLocation.artifactLocation
    expect(location).toEqual({ uri: expected })
  })
})

describe('models the gate could not verify', () => {
  it('get a result under airs-model-gate/model-not-verified: error when the verdict fails, else warning', () => {
    const timeout = model({
      index: 2,
      uri: 'models/local-model',
      sourceType: 'LOCAL',
      outcome: 'PENDING',
      status: 'error',
      verdict: 'warn',
      reason: 'The scan was still PENDING when the gate stopped waiting.',
      error: { code: 'TIMEOUT', message: 'The scan was still PENDING when the gate stopped waiting.' }
    })
    const l = render(report([scanError(1, 'fail'), timeout]))
    const rules = run(l).tool.driver.rules
    expect(rules.map((r) => r.id)).toEqual([NOT_VERIFIED_RULE_ID])
    expect(rules[0]).toMatchObject({
      defaultConfiguration: { level: 'error' },
      properties: { 'security-severity': '5.0' }
    })
    const [failed, warned] = run(l).results
    expect(failed).toMatchObject({ ruleId: NOT_VERIFIED_RULE_ID, ruleIndex: 0, level: 'error' })
    expect(failed!.message.text).toBe(
      'airs-sim/scan-error could not be verified: The scan ended in ERROR SCAN_ERROR: could not download the model. ' +
        'Error code: SCAN_ERROR.'
    )
    expect(failed!.properties).toMatchObject({ error_code: 'SCAN_ERROR', status: 'error', verdict: 'fail' })
    expect(warned).toMatchObject({ ruleId: NOT_VERIFIED_RULE_ID, level: 'warning' })
    expect(warned!.message.text).toContain('The scan was still PENDING when the gate stopped waiting.')
    // a local model without an anchor points at its path in the checkout
    expect(warned!.locations[0]!.physicalLocation.artifactLocation).toEqual({
      uri: 'models/local-model',
      uriBaseId: '%SRCROOT%'
    })
    expect(fingerprintOf(failed!)).not.toBe(fingerprintOf(warned!))
  })

  it('passes the model to locate with no file, and records a run that stopped early', () => {
    const seen: Array<[number, string | null | undefined]> = []
    const locate: Locate = (m, file) => {
      seen.push([m.index, file])
      return { file: WORKFLOW, line: 20 + m.index }
    }
    const l = render(
      report([scanError(1)], { error: { code: 'AUTH_FAILED', message: 'credentials rejected' } }),
      {
        locate
      }
    )
    expect(seen).toEqual([[1, undefined]])
    expect(run(l).results[0]!.locations[0]!.physicalLocation.region).toEqual({ startLine: 21 })
    expect(run(l).invocations[0]).toMatchObject({
      executionSuccessful: false,
      toolExecutionNotifications: [
        {
          level: 'error',
          message: { text: 'AUTH_FAILED: credentials rejected.' },
          descriptor: { id: 'AUTH_FAILED' }
        },
        {
          level: 'error',
          message: {
            text: expect.stringMatching(
              /^https:\/\/huggingface\.co\/airs-sim\/scan-error was not verified \(SCAN_ERROR\): /
            )
          },
          descriptor: { id: 'SCAN_ERROR' }
        }
      ]
    })
  })

  it('a model not verified makes the run unsuccessful, with a notification naming it; verified models do not', () => {
    const failedOne = run(
      render(report([scanError(1), model({ outcome: 'ALLOWED', status: 'allowed', verdict: 'pass' })]))
    )
    expect(failedOne.invocations[0]!.executionSuccessful).toBe(false)
    expect(failedOne.invocations[0]!.toolExecutionNotifications).toEqual([
      expect.objectContaining({ level: 'error', descriptor: { id: 'SCAN_ERROR' } })
    ])
    const verified = run(render(report([model({ outcome: 'ALLOWED', status: 'allowed', verdict: 'pass' })])))
    expect(verified.invocations[0]!.executionSuccessful).toBe(true)
    expect(verified.invocations[0]!.toolExecutionNotifications).toBeUndefined()
  })

  it('a failed rule whose violations were not collected still gets a result', () => {
    const l = render(
      report([
        model({
          outcome: 'BLOCKED',
          evaluations: [
            evaluation(1, 'Load Time Code Execution Check', 'FAILED'),
            evaluation(2, 'License Exists', 'PASSED')
          ],
          status: 'blocked',
          verdict: 'fail'
        })
      ])
    )
    const results = run(l).results
    expect(results).toHaveLength(1)
    expect(results[0]).toMatchObject({ ruleId: 'airs/load-time-code-execution-check', level: 'error' })
    expect(results[0]!.message.text).toMatch(
      /^Load Time Code Execution Check failed for model microsoft\/DialoGPT-medium\./
    )
  })
})

// ---- several models, ids and fingerprints ----

describe('several models', () => {
  it('share one rule per name, with results for every model in report order', () => {
    const l = render(report([dialogpt(1), unlicensed(2), scanError(3)]), { locate: atWorkflow })
    const rules = run(l).tool.driver.rules
    // 11 DialoGPT rules (License Exists and Load Time among them) and the not-verified rule, last
    expect(rules).toHaveLength(12)
    expect(rules.at(-1)!.id).toBe(NOT_VERIFIED_RULE_ID)
    expect(new Set(rules.map((r) => r.id)).size).toBe(12)
    // License Exists is BLOCKING in DialoGPT's group and ALLOWING in the other: the default is the stricter
    expect(rules.find((r) => r.id === 'airs/license-exists')!.defaultConfiguration.level).toBe('error')
    const results = run(l).results
    expect(results.map((r) => r.properties.model)).toEqual([
      ...Array(3).fill('microsoft/DialoGPT-medium'),
      'airs-sim/unlicensed',
      'airs-sim/scan-error'
    ])
    for (const r of results) expect(ruleOf(l, r).id).toBe(r.ruleId)
    expect(results.map((r) => r.level)).toEqual(['error', 'error', 'error', 'warning', 'error'])
  })

  it('gives the same rule the same id whatever else the run holds', () => {
    const idOf = (r: GateReport, name: string) =>
      run(render(r)).tool.driver.rules.find((x) => x.name === name)!.id
    const alone = idOf(report([unlicensed()]), 'License Exists')
    const together = idOf(report([dialogpt(1), unlicensed(2), scanError(3)]), 'License Exists')
    expect(alone).toBe('airs/license-exists')
    expect(together).toBe(alone)
  })
})

describe('fingerprints', () => {
  const base = () => dialogpt()
  const fingerprints = (m: ModelResult) => run(render(report([m]))).results.map(fingerprintOf)

  it('are identical for identical findings across runs, whatever changes in the scan around them', () => {
    const first = fingerprints(base())
    expect(fingerprints(base())).toEqual(first)
    // a new scan of the same model: new scan, violation and evaluation UUIDs, a revision, another position
    const rescanned = base()
    rescanned.index = 7
    rescanned.model.revision = 'refs/pr/12'
    rescanned.scan!.uuid = id(0xabc)
    rescanned.violations.items = rescanned.violations.items.map((v, i) => ({ ...v, uuid: id(0xdef0 + i) }))
    expect(fingerprints(rescanned)).toEqual(first)
  })

  it('differ when the file, rule or model differs; another finding in the same place is the same alert', () => {
    const [first] = fingerprints(base())
    const change = (f: (v: Violation, m: ModelResult) => void) => {
      const m = base()
      f(m.violations.items[0]!, m)
      return fingerprints(m)[0]
    }
    const changed = [
      change((v) => (v.file = 'other.bin')),
      change((v) => (v.file = null)),
      change((v) => (v.rule_name = 'Load Time Code Execution Check')),
      change((_, m) => (m.model.model_uri = 'https://huggingface.co/microsoft/DialoGPT-large'))
    ]
    for (const c of changed) expect(c).not.toBe(first)
    expect(new Set(changed).size).toBe(changed.length)
    // what is found in the file may change from scan to scan; the alert is the file's
    expect(change((v) => (v.threat = 'PAIT-PKL-100'))).toBe(first)
    expect(change((v) => (v.description = 'another description'))).toBe(first)
  })
})

describe('rule ids', () => {
  const rulesFor = (names: string[]) =>
    run(
      render(
        report([
          model({
            outcome: 'ALLOWED',
            evaluations: names.map((n, i) => evaluation(i, n, 'PASSED')),
            status: 'allowed',
            verdict: 'pass'
          })
        ])
      )
    ).tool.driver.rules
  const idOf = (names: string[], name: string) =>
    rulesFor(names).find((r) => r.shortDescription.text === name)!.id

  it('are unique and well-formed for odd names', () => {
    const odd = [
      'Foo Bar',
      'foo bar',
      'Foo-Bar',
      'Foo  Bar',
      '',
      '!!!',
      'Ünïcödé Rule',
      '規則',
      'x'.repeat(10_000),
      `${'x'.repeat(10_000)}y`,
      'a\nb',
      'a\u0000b'
    ]
    const ids = rulesFor(odd).map((r) => r.id)
    expect(ids).toHaveLength(odd.length)
    expect(new Set(ids).size).toBe(odd.length)
    for (const i of ids) {
      expect(i).toMatch(/^airs\/[a-z0-9-]+$/)
      expect(i.length).toBeLessThanOrEqual('airs/'.length + 64 + '-12345678'.length)
    }
    expect(idOf(odd, 'Ünïcödé Rule')).toMatch(/^airs\/unicode-rule-[0-9a-f]{8}$/)
    expect(idOf(odd, '規則')).toMatch(/^airs\/rule-[0-9a-f]{8}$/)
  })

  it('do not depend on which other rules the run holds', () => {
    expect(idOf(['Foo Bar'], 'Foo Bar')).toBe('airs/foo-bar')
    expect(idOf(['Foo-Bar'], 'Foo-Bar')).toBe(idOf(['Foo-Bar', 'Foo Bar', 'foo bar'], 'Foo-Bar'))
    expect(idOf(['Foo-Bar'], 'Foo-Bar')).toMatch(/^airs\/foo-bar-[0-9a-f]{8}$/)
    // names that differ only in case cannot both have the plain slug: both take their hash
    const twins = rulesFor(['Foo Bar', 'foo bar']).map((r) => r.id)
    expect(twins).toHaveLength(2)
    for (const t of twins) expect(t).toMatch(/^airs\/foo-bar-[0-9a-f]{8}$/)
    expect(twins[0]).not.toBe(twins[1])
  })
})

// ---- options ----

describe('options', () => {
  it('appends helpMarkdown to the rule help, for AIRS rules and the not-verified rule', () => {
    const calls: Array<[string, number]> = []
    const l = render(report([dialogpt(1), scanError(2)]), {
      helpMarkdown: (rule, m) => {
        calls.push([rule, m.index])
        return rule === FORMAT_RULE || rule === NOT_VERIFIED_RULE_ID
          ? `**Also:** see ${rule.length}`
          : undefined
      }
    })
    const rules = run(l).tool.driver.rules
    expect(rules.find((r) => r.name === FORMAT_RULE)!.help.markdown).toMatch(/\n\n\*\*Also:\*\* see 30$/)
    expect(rules.find((r) => r.id === NOT_VERIFIED_RULE_ID)!.help.markdown).toMatch(/\*\*Also:\*\* see 34$/)
    expect(rules.find((r) => r.name === 'License Exists')!.help.markdown).not.toContain('Also')
    expect(calls).toContainEqual([FORMAT_RULE, 1])
    expect(calls).toContainEqual([NOT_VERIFIED_RULE_ID, 2])
  })

  it('writes a rule’s help from a model that failed it, not the first that passed it', () => {
    const fixture = fixtureReport('mixed')
    const l = renderSarif(runView(fixture), { helpMarkdown: sarifHelp })
    const rule = run(l).tool.driver.rules.find((r) => r.name === 'Load Time Code Execution Check')!
    // DialoGPT comes first and passed it; pickle-rce failed it
    expect(rule.help.markdown).toContain('Loading this model runs code embedded in it')
    expect(rule.help.markdown).toContain('1. Do not load, convert or deploy this model')
    // and shared help carries no one model's conversion code, threat link or source-specific step
    const format = run(l).tool.driver.rules.find((r) => r.name === FORMAT_RULE)!
    expect(format.help.markdown).not.toMatch(/torch\.load|from_pretrained/)
    for (const r of run(l).tool.driver.rules) {
      expect(r.help.markdown).not.toMatch(/Threat intelligence|Pin a revision|Quarantine the artifact/)
      // the service's remediation is said once
      const steps = r.help.markdown!.match(/^\d+\. .+$/gm) ?? []
      expect(new Set(steps).size).toBe(steps.length)
      expect(r.help.markdown!.match(/\*\*Remediation:\*\*/g)?.length ?? 0).toBeLessThanOrEqual(1)
    }
  })

  it('sets the category once, with one trailing slash, and leaves it out when empty', () => {
    expect(run(render(report([dialogpt()]), { category: 'models/' })).automationDetails).toEqual({
      id: 'models/'
    })
    expect(run(render(report([dialogpt()]), { category: '' })).automationDetails).toBeUndefined()
    expect(run(render(report([dialogpt()]))).automationDetails).toBeUndefined()
  })

  it('percent-encodes odd paths from locate and bounds the line', () => {
    const locate: Locate = (_, file) => ({ file: `./models/${file ?? ''}`, line: file ? 0 : 3.5 })
    const m = dialogpt()
    m.violations.items[0]!.file = 'dir with space/#weird?%zz:[x].bin'
    const r = run(render(report([m]), { locate })).results[0]!
    expect(r.locations[0]!.physicalLocation).toEqual({
      artifactLocation: {
        uri: 'models/dir%20with%20space/%23weird%3F%25zz%3A%5Bx%5D.bin',
        uriBaseId: '%SRCROOT%'
      },
      region: { startLine: 1 }
    })
  })
})

// ---- hostile input ----

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '![x](https://evil.example/x.png)',
  '@org/team please look',
  '`code` ``` fence',
  '| a | b |',
  'line1\nline2\r\n# heading',
  'bidi \u202e gnp.exe',
  'nul \u0000 bell \u0007 esc \u001b[31m',
  'lone \ud800 surrogate',
  'x'.repeat(10_000),
  'javascript:alert(document.cookie)',
  '<script>alert(1)</script>',
  '\\[escaped\\](link)'
]

function hostileModel(index: number, h: string): ModelResult {
  const rule = `${h} Rule`
  return model({
    index,
    uri: `https://huggingface.co/evil/${h.slice(0, 50)}${index}`,
    outcome: 'BLOCKED',
    scanUuid: id(0x900 + index),
    revision: h,
    evaluations: [evaluation(index, rule, 'FAILED', h, h)],
    violations: [
      violation({
        rule_name: rule,
        rule_instance_state: h,
        rule_description: h,
        description: h,
        file: h,
        threat: h,
        threat_description: h,
        module: h,
        operator: h,
        insights_url: `javascript:alert(${index})`,
        threat_kb_url: h,
        remediation: { steps: [h, h], url: 'javascript:alert(1)' }
      })
    ],
    files: [scanFile(index, h, [h])],
    rules: [catalogueRule(rule, h, { description: h, steps: [h, h, h], url: `https://docs.example/${h}` })],
    status: 'blocked',
    verdict: 'fail',
    reason: h
  })
}

describe('hostile input', () => {
  const models = [
    ...HOSTILE.map((h, i) => hostileModel(i + 1, h)),
    model({
      index: 99,
      uri: 'not a uri: <img src=x> #1 #2 %zz',
      sourceType: 'LOCAL',
      status: 'error',
      verdict: 'fail',
      reason: HOSTILE.join(' '),
      error: { code: 'INTERNAL_ERROR', message: 'x' }
    }),
    model({
      index: 100,
      uri: 's3://bucket/key with spaces/<x>/%zz#a#b',
      sourceType: 'S3',
      status: 'error',
      verdict: 'warn',
      reason: '[x](javascript:alert(1))'
    })
  ]
  const log = () =>
    render(report(models, { check: false }), {
      locate: (m, file) =>
        m.index % 2 ? { file: `${m.model.model_uri}/${file ?? ''}`, line: -5 } : undefined,
      category: HOSTILE[6]
    })

  it('stays valid and bounded', () => {
    const l = log()
    const r = run(l)
    expect(r.results.length).toBe(HOSTILE.length + 2)
    expect(new Set(r.tool.driver.rules.map((x) => x.id)).size).toBe(r.tool.driver.rules.length)
    for (const rule of r.tool.driver.rules) {
      expect(rule.name.length).toBeLessThanOrEqual(255)
      expect(rule.shortDescription.text.length).toBeLessThanOrEqual(1024)
      expect(rule.fullDescription.text.length).toBeLessThanOrEqual(1024)
      expect(rule.fullDescription.text.length).toBeGreaterThan(0)
      expect(rule.help.text.length).toBeLessThan(10_000)
      expect(rule.help.markdown!.length).toBeLessThan(40_000)
    }
    for (const res of r.results)
      expect(res.message.text.length).toBeLessThanOrEqual(SARIF_LIMITS.maxMessageChars)
  })

  it('lets nothing executable, linkable or mentioning into help.markdown', () => {
    const all = run(log())
      .tool.driver.rules.map((r) => r.help.markdown!)
      .join('\n')
    // the only links are to http(s) pages, with nothing in the destination that could end it or start HTML
    // (an escaped `\]` is not the end of a link text)
    const links = all.match(/(?<!\\)\]\([^)]*\)/g) ?? []
    expect(links.length).toBeGreaterThan(0)
    for (const link of links) expect(link).toMatch(/^\]\(https:\/\/[^\s<>"'()]+\)$/)
    for (const link of links) expect(link.slice('](https://'.length)).not.toContain(':')
    const markdown = all.replace(/(?<!\\)\]\(https:\/\/[^)]*\)/g, '] LINK')
    expect(markdown).not.toMatch(/<img/i)
    expect(markdown).not.toMatch(/<script/i)
    expect(markdown).not.toMatch(/javascript:/i)
    expect(markdown).not.toMatch(/(?<!\\)\]\(/)
    expect(markdown).not.toMatch(/@org/)
    expect(markdown).not.toMatch(/\n#/)
  })

  it('keeps control and bidi characters out of plain text, and links out of messages', () => {
    const l = log()
    const r = run(l)
    const plain = [
      ...r.tool.driver.rules.flatMap((x) => [x.name, x.shortDescription.text, x.fullDescription.text]),
      ...r.results.flatMap((x) => [
        x.message.text,
        ...x.locations.flatMap((loc) =>
          loc.logicalLocations.flatMap((ll) => [ll.name, ll.fullyQualifiedName])
        )
      ]),
      r.automationDetails!.id
    ]
    for (const p of plain) {
      // eslint-disable-next-line no-control-regex
      expect(p).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/)
      expect(p).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/)
    }
    // a SARIF embedded link is [text](target): every bracket in a message is escaped
    for (const res of r.results) expect(res.message.text.replace(/\\[\\[\]]/g, '')).not.toMatch(/[[\]]/)
    for (const res of r.results)
      for (const key of ['insights_url', 'threat_kb_url']) expect(res.properties[key]).toBeUndefined()
    const helpUris = r.tool.driver.rules.filter((x) => x.id !== NOT_VERIFIED_RULE_ID).map((x) => x.helpUri)
    // the javascript: remediation URLs are gone, the https ones stay, percent-encoded
    expect(helpUris.filter((u) => u === undefined).length).toBeGreaterThan(0)
    for (const u of helpUris.filter((x) => x !== undefined))
      expect(u).toMatch(/^https:\/\/docs\.example\/[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]*$/)
  })
})

// ---- limits ----

/** One model with `n` violations of the format rule (and, optionally, `n` files). */
function manyViolations(
  n: number,
  opts: { files?: boolean; level?: (i: number) => string } = {}
): ModelResult {
  const m = dialogpt()
  const violations: Violation[] = []
  for (let i = 0; i < n; i++)
    violations.push({
      ...m.violations.items[0]!,
      uuid: id(0x100000 + i),
      rule_instance_state: opts.level?.(i) ?? 'BLOCKING',
      file: `shard-${i}.bin`,
      description: `Model file 'shard-${i}.bin' is stored in an unapproved format: pickle`
    })
  m.violations = list(violations)
  if (opts.files)
    m.files = list(Array.from({ length: n }, (_, i) => scanFile(0x10000 + i, `shard-${i}.bin`, ['pickle'])))
  return m
}

describe('limits', () => {
  it('gives one result per rule and file while code scanning keeps them all', () => {
    const n = SARIF_LIMITS.keptResults - 1
    const l = render(report([manyViolations(n, { files: true })], { check: false }), { locate: atWorkflow })
    const r = run(l)
    expect(r.results).toHaveLength(n)
    expect(r.properties).toMatchObject({ truncated: false, total_results: n, omitted: 0 })
    expect(r.results[n - 1]!.properties).toMatchObject({ file: `shard-${n - 1}.bin`, formats: ['pickle'] })
    expect(new Set(r.results.map(fingerprintOf)).size).toBe(n)
  })

  it('groups 10,000 violations over 10,000 files by rule and model, so code scanning keeps the run whole', () => {
    const l = render(report([manyViolations(10_000, { files: true })], { check: false }), {
      locate: atWorkflow
    })
    const r = run(l)
    expect(r.results).toHaveLength(1)
    expect(r.properties).toMatchObject({ truncated: false, total_results: 1, omitted: 0 })
    const [one] = r.results
    expect(one!.properties).toMatchObject({ violation_count: 10_000, rule: FORMAT_RULE })
    expect(one!.properties.files).toHaveLength(100)
    expect(one!.properties.violation_uuids).toHaveLength(100)
    expect(one!.message.text).toMatch(
      /^Stored In Approved File Format failed: 10000 findings in 100 files\. /
    )
    expect(one!.message.text).toContain('And 9995 more in the gate report.')
    expect(gzipSync(JSON.stringify(l, null, 2)).length).toBeLessThan(SARIF_LIMITS.maxGzipBytes)
  })

  it('keeps at most 5,000 results, errors before warnings, and records what it left out', () => {
    // one finding in each of more models than code scanning keeps results: warnings first in the report
    const total = SARIF_LIMITS.keptResults + 200
    const errors = 1_200
    const models = Array.from({ length: total }, (_, i) => {
      const m = dialogpt(i)
      m.model.model_uri = `https://huggingface.co/org/m${i}`
      m.violations = list([
        {
          ...m.violations.items[0]!,
          uuid: id(0x200000 + i),
          rule_instance_state: i < total - errors ? 'ALLOWING' : 'BLOCKING'
        }
      ])
      return m
    })
    const r = run(render(report(models, { check: false })))
    expect(r.results).toHaveLength(SARIF_LIMITS.keptResults)
    expect(r.results.filter((x) => x.level === 'error')).toHaveLength(errors)
    expect(r.properties).toEqual({
      verdict: 'fail',
      truncated: true,
      total_results: total,
      omitted: total - SARIF_LIMITS.keptResults,
      truncation_reason: 'max-results'
    })
    expect(r.invocations[0]!.toolExecutionNotifications).toEqual([
      {
        level: 'warning',
        message: {
          text:
            "200 of 5200 results were left out to stay within GitHub code scanning's limits, the least severe " +
            'first. The gate report lists every finding.'
        }
      }
    ])
    // the kept warnings are the first ones, in the report's order, and the result order is the report's
    const uris = r.results.map((x) => x.properties.model_uri as string)
    expect(uris[0]).toBe('https://huggingface.co/org/m0')
    expect(uris).not.toContain(`https://huggingface.co/org/m${total - errors - 1}`)
    expect(uris.at(-1)).toBe(`https://huggingface.co/org/m${total - 1}`)
  })

  it('leaves out the least severe results when incompressible text would exceed the gzip budget', () => {
    // deterministic noise from the CJK block: about 14 bits a character, so gzip barely shrinks it
    let seed = 42
    const noise = (n: number) => {
      let s = ''
      for (let i = 0; i < n; i++) {
        seed ^= seed << 13
        seed ^= seed >>> 17
        seed ^= seed << 5
        s += String.fromCharCode(0x4e00 + ((seed >>> 0) % 20_000))
      }
      return s
    }
    // the cut does not depend on the budget's size: a small one (the default, 9 MiB, takes ~10 CPU s to reach)
    const gzipBudgetBytes = 256 * 1024
    const n = 300
    const m = manyViolations(n, { level: (i) => (i % 2 ? 'BLOCKING' : 'ALLOWING') })
    for (const v of m.violations.items) {
      v.description = noise(1000)
      v.file = noise(500)
      v.threat_description = noise(500)
    }
    const l = render(report([m], { check: false }), { gzipBudgetBytes })
    const r = run(l)
    // within the budget, and not far under it; written with indentation, within the same room the limits leave
    const compact = gzipSync(JSON.stringify(l)).length
    expect(compact).toBeLessThanOrEqual(gzipBudgetBytes)
    expect(compact).toBeGreaterThan(gzipBudgetBytes / 2)
    const room = SARIF_LIMITS.maxGzipBytes / SARIF_LIMITS.gzipBudgetBytes
    expect(gzipSync(JSON.stringify(l, null, 2)).length).toBeLessThan(gzipBudgetBytes * room)
    expect(r.results.length).toBeGreaterThan(0)
    expect(r.results.length).toBeLessThan(n)
    expect(r.properties).toMatchObject({
      truncated: true,
      total_results: n,
      omitted: n - r.results.length,
      truncation_reason: 'size'
    })
    // errors are kept before warnings
    const kept = r.results.filter((x) => x.level === 'error').length
    expect(kept === r.results.length || kept === n / 2).toBe(true)
  })
})
