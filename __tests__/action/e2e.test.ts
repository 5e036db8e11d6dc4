import { describe, expect, it } from '@jest/globals'
import { runAction, type ActionRun } from '../helpers/run-dist.js'
import { startSim } from '../helpers/sim.js'

/**
 * The scenario table, end to end: `node dist/index.js` as the runner starts it, real GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files, against the simulator over loopback HTTP. Only ALLOWED, or an explicit warn
 * mode, may exit 0.
 *
 * The runs are concurrent tests (jest's maxConcurrency), one process each: most of a run's time is spent waiting
 * (polls, retry backoff), and each test reads only the scans it made.
 */

const HF = 'https://huggingface.co'
const CLEAN = `${HF}/airs-sim/clean-model`
const DIALOGPT = `${HF}/microsoft/DialoGPT-medium`
const GH_ENV = {
  GITHUB_ACTIONS: 'true',
  GITHUB_REPOSITORY: 'octo-org/models',
  GITHUB_REF_NAME: 'main',
  GITHUB_SHA: 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3',
  GITHUB_WORKFLOW: 'gate',
  GITHUB_RUN_ID: '42',
  GITHUB_RUN_ATTEMPT: '2',
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_HEAD_REF: 'feature/new.model'
}

// started when the file loads: concurrent tests start before beforeAll hooks run
const sim = await startSim()

const gate = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  runAction(inputs, { ...sim.env(), ...GH_ENV, ...env })

/** The lines the runner turns into annotations. */
const annotations = (r: ActionRun, level: 'error' | 'warning') =>
  r.stdout.split('\n').filter((l) => l.startsWith(`::${level}::`))

describe('scenario table', () => {
  // first, as it takes longest (the client's retry backoff): the others run while it waits
  it.concurrent(
    'service unreachable: fails closed',
    async () => {
      const env = { ...sim.env(), PANW_MODEL_SEC_TOKEN_ENDPOINT: 'http://127.0.0.1:9/oauth2/access_token' }
      const r = await runAction({ 'model-uri': CLEAN }, env, 90_000)
      expect(r.code).toBe(1)
      expect(r.outputs).toMatchObject({ verdict: 'fail', error: 'NETWORK_ERROR' })
    },
    90_000
  )

  it.concurrent('ALLOWED: passes, with outputs, report and summary', async () => {
    const r = await gate({ 'model-uri': CLEAN })
    expect(r.code).toBe(0)
    expect(annotations(r, 'error')).toEqual([])
    expect(r.outputs).toMatchObject({
      verdict: 'pass',
      'eval-outcome': 'ALLOWED',
      'rules-failed': '0',
      violations: '0',
      error: ''
    })
    const m = r.report!.models[0]!
    expect(r.outputs['scan-uuid']).toBe(m.scan!.uuid)
    expect(Number(r.outputs['rules-passed'])).toBe(m.scan!.eval_summary!.rules_passed)
    expect(m.evaluations.items.length).toBe(m.scan!.eval_summary!.total_rules)
    expect(m.files.items.map((f) => f.path)).toContain('model.safetensors')
    expect(m.policy?.rule_instances.length).toBeGreaterThan(0)
    expect(r.summary).toMatch(/^## ✅ Model gate passed/)
    // the automatic labels reached the service, sanitised to its label rules
    const created = sim.store.scans.get(m.scan!.uuid)!
    expect(created.labels).toEqual(
      expect.arrayContaining([
        { key: 'ci-repository', value: 'octo-org-models' },
        { key: 'ci-ref', value: 'feature-new-model' },
        { key: 'ci-run-attempt', value: '2' }
      ])
    )
  })

  it.concurrent('BLOCKED: fails after writing outputs, report and summary', async () => {
    const r = await gate({ 'model-uri': DIALOGPT, labels: 'team=ml' })
    expect(r.code).toBe(1)
    expect(annotations(r, 'error')).toEqual([
      '::error::Model gate failed: BLOCKED: 1 of 11 rules failed (Stored In Approved File Format)'
    ])
    expect(r.outputs).toMatchObject({
      verdict: 'fail',
      'eval-outcome': 'BLOCKED',
      'rules-failed': '1',
      'rules-passed': '10',
      violations: '5',
      error: ''
    })
    const m = r.report!.models[0]!
    expect(m.status).toBe('blocked')
    expect(m.violations.items).toHaveLength(5)
    expect(m.violations.items.every((v) => v.rule_name === 'Stored In Approved File Format')).toBe(true)
    // the failed rule's catalogue entry, with its remediation, fetched for the report
    expect(m.rules.map((x) => x.name)).toEqual(['Stored In Approved File Format'])
    expect(m.rules[0]!.remediation?.steps.length).toBeGreaterThan(0)
    expect(r.summary).toContain('Stored In Approved File Format')
    expect(r.summary).toContain('<code>tf\\_model.h5</code>')
  })

  it.concurrent('BLOCKED in warn mode: warns and exits 0', async () => {
    const r = await gate({ 'model-uri': DIALOGPT, mode: 'warn' })
    expect(r.code).toBe(0)
    expect(annotations(r, 'error')).toEqual([])
    expect(annotations(r, 'warning').join('\n')).toContain('Model gate passed with warnings: BLOCKED')
    expect(r.outputs.verdict).toBe('warn')
    expect(r.outputs['eval-outcome']).toBe('BLOCKED')
  })

  it.concurrent(
    'ERROR: fails with the scan error code, even in warn mode (which is about policy)',
    async () => {
      const r = await gate({ 'model-uri': `${HF}/airs-sim/scan-error`, mode: 'warn' })
      expect(r.code).toBe(1)
      expect(r.outputs).toMatchObject({ verdict: 'fail', 'eval-outcome': 'ERROR', error: 'SCAN_ERROR' })
      expect(annotations(r, 'error')[0]).toContain(
        'The scan ended in ERROR (service code SCAN_ERROR): The scanner failed'
      )
    }
  )

  it.concurrent('ERROR with on-error warn: warns and exits 0', async () => {
    const r = await gate({ 'model-uri': `${HF}/airs-sim/scan-error`, 'on-error': 'warn' })
    expect(r.code).toBe(0)
    expect(r.outputs).toMatchObject({ verdict: 'warn', error: 'SCAN_ERROR' })
  })

  it.concurrent('never settles: times out, fails, and names the scan to follow up', async () => {
    const r = await gate({
      'model-uri': `${HF}/airs-sim/never-settles`,
      timeout: '2s',
      'poll-interval': '200ms'
    })
    expect(r.code).toBe(1)
    expect(r.outputs).toMatchObject({ verdict: 'fail', 'eval-outcome': 'PENDING', error: 'TIMEOUT' })
    const uuid = r.outputs['scan-uuid']!
    expect(annotations(r, 'error')[0]).toContain(`Scan ${uuid} was still PENDING after`)
  })

  it.concurrent('a BLOCKING rule that could not be evaluated is not a pass', async () => {
    const r = await gate({ 'model-uri': `${HF}/airs-sim/rule-error` })
    expect(r.code).toBe(1)
    expect(r.outputs.verdict).toBe('fail')
    expect(['RULE_ERROR', 'SCAN_ERROR', '']).toContain(r.outputs.error)
    expect(r.report!.models[0]!.status).not.toBe('allowed')
  })

  it.concurrent('SCAN_DATA_PENDING: scans again and gates on the new scan', async () => {
    const r = await gate({ 'model-uri': `${HF}/airs-sim/scan-data-pending` })
    const m = r.report!.models[0]!
    expect(m.retried_scans).toHaveLength(1)
    expect(m.retried_scans[0]!.error_code).toBe('SCAN_DATA_PENDING')
    expect(m.scan!.uuid).not.toBe(m.retried_scans[0]!.scan_uuid)
    expect(r.code).toBe(0)
    expect(r.outputs['eval-outcome']).toBe('ALLOWED')
  })

  it.concurrent('authentication failure: fails without leaking the secret', async () => {
    const secret = 'wrong-secret-5c1f0e'
    const r = await gate({ 'model-uri': CLEAN, 'client-secret': secret })
    expect(r.code).toBe(1)
    expect(r.outputs).toMatchObject({ verdict: 'fail', error: 'AUTH_FAILED', 'scan-uuid': '' })
    expect(annotations(r, 'error')[0]).toMatch(/The token request was refused with 401/)
    const shown = [
      r.stdout.replace(`::add-mask::${secret}`, ''),
      r.stderr,
      r.summary,
      JSON.stringify(r.report)
    ]
    for (const text of shown) expect(text).not.toContain(secret)
  })

  it.concurrent('authentication failure with on-error warn: warns', async () => {
    const r = await gate({ 'model-uri': CLEAN, 'client-secret': 'wrong-secret', 'on-error': 'warn' })
    expect(r.code).toBe(0)
    expect(r.outputs).toMatchObject({ verdict: 'warn', error: 'AUTH_FAILED' })
  })

  it.concurrent(
    'service down (503 on everything): fails after retrying, with the status in the message',
    async () => {
      const down = await startSim()
      down.faults.add({ action: { type: 'status', status: 503, retryAfter: 0 }, times: null })
      const r = await runAction({ 'model-uri': CLEAN }, { ...down.env(), ...GH_ENV })
      expect(r.code).toBe(1)
      expect(r.outputs.verdict).toBe('fail')
      expect(['SERVICE_ERROR', 'NETWORK_ERROR']).toContain(r.outputs.error)
      expect(annotations(r, 'error')[0]).toMatch(/503/)
    }
  )

  it.concurrent(
    'several models with mixed outcomes: worst verdict wins, per-model data in the report',
    async () => {
      const models = [CLEAN, DIALOGPT, `${HF}/airs-sim/scan-error`, `${HF}/airs-sim/unlicensed`]
      const r = await gate({ 'model-uri': models.join('\n'), concurrency: '2' })
      expect(r.code).toBe(1)
      expect(r.outputs.verdict).toBe('fail')
      expect(r.outputs['eval-outcome']).toBe('BLOCKED')
      const report = r.report!
      expect(report.models.map((m) => m.model.model_uri)).toEqual(models)
      expect(report.models.map((m) => m.status).slice(0, 3)).toEqual(['allowed', 'blocked', 'error'])
      expect(r.outputs['scan-uuid']!.split('\n')).toEqual(report.models.map((m) => m.scan!.uuid))
      const violations = report.models.reduce((n, m) => n + m.violations.items.length, 0)
      expect(r.outputs.violations).toBe(String(violations))
      // a section per model (and "What changed" first, when earlier tests scanned these models too)
      expect(r.summary.match(/^### (?!What changed$)/gm)).toHaveLength(4)
    }
  )

  it.concurrent('an unknown security group name fails before any scan is created', async () => {
    // a simulator of its own, whose scans only this run could add to
    const own = await startSim()
    const before = own.store.scans.size
    const r = await runAction(
      { 'model-uri': CLEAN, 'security-group': 'Prod HF policy' },
      { ...own.env(), ...GH_ENV }
    )
    expect(r.code).toBe(1)
    expect(r.outputs.error).toBe('SECURITY_GROUP')
    expect(annotations(r, 'error')[0]).toContain('No security group is named "Prod HF policy"')
    expect(own.store.scans.size).toBe(before)
  })

  it.concurrent('a group for another source fails before any scan is created', async () => {
    const r = await gate({ 'model-uri': CLEAN, 'security-group': 'Default S3' })
    expect(r.code).toBe(1)
    expect(r.outputs.error).toBe('SECURITY_GROUP')
    expect(annotations(r, 'error')[0]).toContain('scans S3 models, but this model is HUGGING_FACE')
  })
})

describe('responsiveness (counted; the time it takes is measured by npm run bench)', () => {
  it.concurrent('reports a scan on the status read that shows it settled, and reads it no more', async () => {
    const counted = await startSim()
    counted.addScenario({ match: `${HF}/airs-sim/third-read`, settleAfterPolls: 3 })
    const r = await runAction(
      { 'model-uri': `${HF}/airs-sim/third-read`, 'poll-interval': '100ms' },
      { ...counted.env(), ...GH_ENV }
    )
    expect(r.code).toBe(0)
    const m = r.report!.models[0]!
    expect(m.scan!.eval_outcome).toBe('ALLOWED')
    // PENDING on the first two reads, ALLOWED on the third: the gate waited for it and stopped right there
    expect(m.polls).toBe(3)
    expect(counted.store.scans.get(m.scan!.uuid)!.polls).toBe(3)
  })
})

// bad inputs: the complete table is bad-inputs.test.ts
