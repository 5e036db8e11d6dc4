import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import type { ModelSecurityClient } from '../../src/airs/client.js'
import type { GroupSpec } from '../../src/gate/group.js'
import { DEFAULT_SCHEDULE } from '../../src/gate/poll.js'
import type { GateReport, ModelResult } from '../../src/gate/result.js'
import { runGate, type RunSettings } from '../../src/gate/run-gate.js'
import { parseModelUri } from '../../src/gate/model-source.js'
import { githubClient } from '../../src/github/octokit.js'
import { commentMarker, upsertComment, withMarker } from '../../src/github/sticky-comment.js'
import { reportComment } from '../../src/github/publish-comment.js'
import { renderComment } from '../../src/report/comment-body.js'
import { runView } from '../../src/report/view.js'
import { AbortedError, type Sleep } from '../../src/util/sleep.js'
import type { FaultAction, FaultRule } from '../../sim/faults.js'
import { DIALOGPT, RULE } from '../../sim/fixtures.js'
import type { Simulator } from '../../sim/server.js'
import {
  ACTIONS_BOT,
  ACTIONS_TOKEN,
  startFakeGitHub,
  type Fault,
  type Route
} from '../helpers/fake-github.js'
import { HF_GROUP, SIM_HF } from '../helpers/ids.js'
import { capture, clientFor, startSim } from '../helpers/sim.js'

/**
 * Every injectable fault crossed with every phase of the gate, against the real simulator over loopback, for
 * an ALLOWED base model (airs-sim/clean-model) and a BLOCKED one (microsoft/DialoGPT-medium).
 *
 * A bounded number of transient faults (429, 5xx, resets, timeouts, cut JSON, an expired token) must be
 * survived with the right verdict; a persistent or non-retryable fault must fail the model (or the run) with
 * a specific code and a message naming the endpoint, except on optional data (policy snapshot, rule
 * catalogue), which degrades to a warning while the evaluations still decide. Invariant over every cell: no
 * `pass` unless the service's outcome was ALLOWED and every evaluation was read.
 *
 * Cells run concurrently (jest's maxConcurrency) on a small pool of simulators, each cell with its own fault
 * rules and client; sleeps are instant and the gate's clock is virtual, so only the request timeouts of the
 * timeout cells take real time.
 */

// ---------------------------------------------------------------------------------------------------------
// bases

const CLEAN = `${SIM_HF}/clean-model`

interface Base {
  name: 'ALLOWED' | 'BLOCKED'
  uri: string
  status: ModelResult['status']
  verdict: ModelResult['verdict']
}
const BASES: Base[] = [
  { name: 'ALLOWED', uri: CLEAN, status: 'allowed', verdict: 'pass' },
  { name: 'BLOCKED', uri: DIALOGPT.uri, status: 'blocked', verdict: 'fail' }
]

// ---------------------------------------------------------------------------------------------------------
// phases

type PhaseKind =
  /** failure stops the run before any model (report.error) */
  | 'run'
  /** failure leaves the model without an outcome */
  | 'scan'
  /** the evaluations, violations and files: an ALLOWED outcome needs all of them */
  | 'evidence'
  /** policy snapshot and rule catalogue: report detail only */
  | 'optional'

interface Phase {
  name: string
  kind: PhaseKind
  method: 'GET' | 'POST'
  /** the simulator's operation template, which is also the endpoint the client names in its errors */
  path: string
  /** what a message about this phase must contain */
  names: RegExp
  /** a contract break that the client's schema for this endpoint must reject */
  contract?: { field: string; value?: unknown }
  group?: GroupSpec
}

const esc = (s: string) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
const api = (method: 'GET' | 'POST', path: string) => ({ method, path, names: esc(`${method} ${path}`) })

const PHASES: Phase[] = [
  {
    name: 'token',
    kind: 'run',
    method: 'POST',
    path: '/oauth2/access_token',
    names: /token (request|endpoint)|access token|POST \/oauth2\/access_token/
  },
  {
    name: 'security-group lookup (by name)',
    kind: 'scan',
    ...api('GET', '/aims/mgmt/v1/security-groups'),
    contract: { field: 'uuid' }
  },
  {
    name: 'security-group lookup (by UUID)',
    kind: 'scan',
    ...api('GET', '/aims/mgmt/v1/security-groups/{uuid}'),
    contract: { field: 'uuid' },
    group: { uuid: HF_GROUP }
  },
  { name: 'create', kind: 'scan', ...api('POST', '/aims/data/v1/scans') },
  { name: 'poll', kind: 'scan', ...api('GET', '/aims/data/v1/scans/{uuid}') },
  { name: 'evaluations', kind: 'evidence', ...api('GET', '/aims/data/v1/scans/{scan_uuid}/evaluations') },
  { name: 'violations', kind: 'evidence', ...api('GET', '/aims/data/v1/scans/{scan_uuid}/rule-violations') },
  { name: 'files', kind: 'evidence', ...api('GET', '/aims/data/v1/scans/{scan_uuid}/files') },
  {
    name: 'snapshot versions',
    kind: 'optional',
    ...api('GET', '/aims/mgmt/v1/security-groups/{security_group_uuid}/rule-instances/versions'),
    contract: { field: 'generation' }
  },
  {
    name: 'rule instances',
    kind: 'optional',
    ...api('GET', '/aims/mgmt/v1/security-groups/{security_group_uuid}/rule-instances'),
    contract: { field: 'state' }
  },
  {
    name: 'security rule',
    kind: 'optional',
    ...api('GET', '/aims/mgmt/v1/security-rules/{uuid}'),
    contract: { field: 'uuid' }
  }
]

// ---------------------------------------------------------------------------------------------------------
// faults

type FaultName =
  | '429 + Retry-After'
  | '500'
  | '502'
  | '503'
  | 'reset before processing'
  | 'reset after processing'
  | 'request timeout'
  | 'malformed JSON'
  | 'empty body'
  | 'contract break'
  | 'token expiry'
  | 'token 401'

type Dose = 'transient' | 'persistent'
type GateCode = NonNullable<ModelResult['error']>['code']

interface FaultSpec {
  name: FaultName
  action: (phase: Phase, dose: Dose) => FaultAction
  /** requests affected when transient: within the client's 5 retries (one for faults never retried) */
  transient: number
  code: GateCode
  /** only on these phases */
  only?: string[]
}

const FAULTS: FaultSpec[] = [
  {
    name: '429 + Retry-After',
    action: () => ({ type: 'status', status: 429, retryAfter: 2 }),
    transient: 2,
    code: 'SERVICE_ERROR'
  },
  { name: '500', action: () => ({ type: 'status', status: 500 }), transient: 2, code: 'SERVICE_ERROR' },
  { name: '502', action: () => ({ type: 'status', status: 502 }), transient: 2, code: 'SERVICE_ERROR' },
  { name: '503', action: () => ({ type: 'status', status: 503 }), transient: 2, code: 'SERVICE_ERROR' },
  { name: 'reset before processing', action: () => ({ type: 'reset' }), transient: 2, code: 'NETWORK_ERROR' },
  {
    name: 'reset after processing',
    action: () => ({ type: 'reset-after-processing' }),
    transient: 2,
    code: 'NETWORK_ERROR'
  },
  { name: 'request timeout', action: () => ({ type: 'hang' }), transient: 2, code: 'NETWORK_ERROR' },
  {
    name: 'malformed JSON',
    action: () => ({ type: 'malformed-json' }),
    transient: 2,
    code: 'CONTRACT_VIOLATION'
  },
  { name: 'empty body', action: () => ({ type: 'empty-body' }), transient: 1, code: 'CONTRACT_VIOLATION' },
  {
    name: 'contract break',
    action: (p) => ({ type: 'contract-break', ...p.contract }),
    transient: 1,
    code: 'CONTRACT_VIOLATION'
  },
  {
    // transient: every token expires mid-run (the request meets a 401 and is renewed once); persistent: the
    // endpoint refuses every token, fresh ones included. Expiring tokens over and over would also hit the
    // requests other phases have in flight, which makes such a cell depend on timing.
    name: 'token expiry',
    action: (p, dose) =>
      dose === 'transient' || p.kind === 'run'
        ? { type: 'expire-tokens' }
        : {
            type: 'status',
            status: 401,
            body: { code: 'UNAUTHENTICATED', message: 'Access token expired', details: {} }
          },
    transient: 1,
    code: 'AUTH_FAILED'
  },
  {
    name: 'token 401',
    action: () => ({ type: 'status', status: 401 }),
    transient: 1,
    code: 'AUTH_FAILED',
    only: ['token']
  }
]

/** The client's per-request timeout in the timeout cells (real milliseconds). */
const SHORT_TIMEOUT_MS = 200

// ---------------------------------------------------------------------------------------------------------
// what each cell should give

type Outcome =
  /** the base verdict, no warning */
  | 'survived'
  /** the base verdict kept, with a warning naming what could not be read */
  | 'degraded'
  /** the model failed with status error */
  | 'model-error'
  /** the run failed before any model */
  | 'run-error'
  /** the phase is never reached for this base (no request to fault) */
  | 'not-reached'

interface Expectation {
  outcome: Outcome
  code?: GateCode
}

/** Whether a fault, given this many times, is one the client gets past on this phase. */
function survivable(fault: FaultSpec, phase: Phase, dose: Dose): boolean {
  // an expired token is renewed once per request: a token endpoint is not affected at all
  if (fault.name === 'token expiry') return phase.kind === 'run' || dose === 'transient'
  // an empty token response is "not JSON", which the token client retries; the API planes read an empty 2xx
  // body as {} and fail its schema at once (while a cut JSON body is retried)
  if (fault.name === 'empty body' && phase.kind === 'run') return dose === 'transient'
  // a create that took effect before its answer was lost or unusable is found again by its request label
  if (
    phase.name === 'create' &&
    (fault.name === 'reset after processing' ||
      fault.name === 'malformed JSON' ||
      fault.name === 'empty body' ||
      fault.name === 'contract break')
  ) {
    return true
  }
  if (fault.name === 'empty body' || fault.name === 'contract break' || fault.name === 'token 401')
    return false
  return dose === 'transient'
}

function expectation(base: Base, phase: Phase, fault: FaultSpec, dose: Dose): Expectation {
  // a model that passes fetches no rule details
  if (phase.name === 'security rule' && base.status === 'allowed') return { outcome: 'not-reached' }
  if (survivable(fault, phase, dose)) return { outcome: 'survived' }
  switch (phase.kind) {
    case 'run':
      return { outcome: 'run-error', code: fault.code }
    case 'scan':
      return { outcome: 'model-error', code: fault.code }
    case 'evidence':
      // BLOCKED stands on its own; ALLOWED needs every piece of evidence
      return base.status === 'blocked'
        ? { outcome: 'degraded' }
        : { outcome: 'model-error', code: fault.code }
    case 'optional':
      return { outcome: 'degraded' }
  }
}

// ---------------------------------------------------------------------------------------------------------
// running a cell

/** A few simulators shared by the concurrent cells; started lazily (concurrent cells start before beforeAll). */
const POOL_SIZE = 6
const pool: Simulator[] = []
const idle: Simulator[] = []
const waiting: Array<(s: Simulator) => void> = []
let starting = 0

async function acquire(): Promise<Simulator> {
  const free = idle.pop()
  if (free) return free
  if (pool.length + starting < POOL_SIZE) {
    starting++
    const sim = await startSim()
    starting--
    pool.push(sim)
    // each base settles on its second status read, so the poll phase is always exercised
    // (the gate's clock is virtual, so scans settle by status reads, not by time)
    sim.addScenario([
      { match: CLEAN, settleAfterPolls: 2 },
      { match: DIALOGPT.uri, files: DIALOGPT.files, metadata: DIALOGPT.metadata, settleAfterPolls: 2 },
      {
        match: `${SIM_HF}/scan-error`,
        error: { code: 'SCAN_ERROR', message: 'The scanner failed on this repository' },
        settleAfterPolls: 2
      },
      { match: `${SIM_HF}/rule-error`, ruleErrors: [RULE.backdoor], settleAfterPolls: 2 },
      {
        match: `${SIM_HF}/scan-data-pending`,
        error: { code: 'SCAN_DATA_PENDING', message: 'Repository data is still being fetched', times: 1 },
        settleAfterPolls: 2
      }
    ])
    return sim
  }
  return new Promise((resolve) => waiting.push(resolve))
}

function release(sim: Simulator): void {
  sim.faults.clear()
  const next = waiting.shift()
  if (next) next(sim)
  else idle.push(sim)
}

/** The gate's own clock: it moves only when the gate sleeps. */
function virtualClock(): { now: () => number; sleep: Sleep } {
  let t = Date.parse('2026-03-01T12:00:00Z')
  return {
    now: () => t,
    sleep: (ms, signal) => {
      if (signal?.aborted) return Promise.reject(new AbortedError())
      t += ms
      return Promise.resolve()
    }
  }
}

const settings = (uri: string, over: Partial<RunSettings> = {}): RunSettings => ({
  models: [parseModelUri(uri, { workspace: process.cwd() })],
  group: undefined,
  labels: [],
  mode: 'enforce',
  onError: 'fail',
  timeoutMs: 10 * 60_000,
  concurrency: 1,
  schedule: { ...DEFAULT_SCHEDULE, initialMs: 500 },
  ...over
})

interface CellRun {
  report: GateReport
  /** requests the faulted operation received */
  hits: number
  /** scans the simulator holds for the model, created during the cell */
  scansCreated: number
  /** the simulator's own record of the scan the gate reported, if any */
  truth?: { outcome: string; evaluations: number }
}

async function runCell(uri: string, rules: FaultRule[], over: Partial<RunSettings> = {}, timeoutMs?: number) {
  const sim = await acquire()
  let client: ModelSecurityClient | undefined
  try {
    sim.requestCounts.clear()
    const before = new Set(sim.store.scans.keys())
    sim.faults.add(rules)
    client = clientFor(sim, capture(), timeoutMs === undefined ? {} : { timeoutMs })
    const clock = virtualClock()
    const report = await runGate(settings(uri, over), {
      client,
      logger: capture().logger,
      now: clock.now,
      sleep: clock.sleep,
      random: () => 0.5
    })
    const key = rules[0] ? `${rules[0].method ?? 'GET'} ${rules[0].path}` : ''
    const uuid = report.models[0]?.scan?.uuid
    const rec = uuid ? sim.store.scans.get(uuid) : undefined
    const created = [...sim.store.scans.values()].filter((s) => !before.has(s.uuid) && s.model_uri === uri)
    return {
      report,
      hits: sim.requestCounts.get(key) ?? 0,
      scansCreated: created.length,
      ...(rec && { truth: { outcome: rec.result.outcome, evaluations: rec.result.evaluations.length } })
    } satisfies CellRun
  } finally {
    await client?.close()
    release(sim)
  }
}

/** What a report says, in the classes of the matrix. */
function outcomeOf(report: GateReport, base: Base): Outcome | 'wrong-verdict' {
  if (report.error) return 'run-error'
  const m = report.models[0]!
  if (m.status === 'error') return 'model-error'
  if (m.status !== base.status || m.verdict !== base.verdict) return 'wrong-verdict'
  return m.warnings.length > 0 ? 'degraded' : 'survived'
}

/**
 * The acceptance: a pass only for a model the service ALLOWED (as the simulator itself recorded it), with
 * every evaluation read and none of them a failed or errored BLOCKING rule.
 */
function failOpen(run: CellRun, base: Base | undefined): string | undefined {
  const { report } = run
  if (report.verdict !== 'pass' && report.models.every((m) => m.verdict !== 'pass')) return undefined
  const m = report.models[0]
  if (!m) return 'a pass with no model'
  if (base && base.status !== 'allowed') return `a pass for a ${base.name} base model`
  if (m.scan?.eval_outcome !== 'ALLOWED') return `a pass for outcome ${m.scan?.eval_outcome}`
  if (run.truth?.outcome !== 'ALLOWED') return `a pass while the service's outcome is ${run.truth?.outcome}`
  if (m.evaluations.items.length !== run.truth.evaluations) {
    return `a pass on ${m.evaluations.items.length} of ${run.truth.evaluations} evaluations`
  }
  if (m.evaluations.items.some((e) => e.result !== 'PASSED' && e.rule_instance_state === 'BLOCKING')) {
    return 'a pass with a BLOCKING rule not passed'
  }
  return undefined
}

// ---------------------------------------------------------------------------------------------------------
// the matrix

interface Cell {
  title: string
  base: Base
  phase: Phase
  fault: FaultSpec
  dose: Dose
  expected: Expectation
}

const CELLS: Cell[] = BASES.flatMap((base) =>
  PHASES.flatMap((phase) =>
    FAULTS.filter((f) => !f.only || f.only.includes(phase.name)).flatMap((fault) =>
      (['transient', 'persistent'] as const).map((dose): Cell => {
        const expected = expectation(base, phase, fault, dose)
        return {
          title: `${base.name} | ${phase.name} | ${fault.name} | ${dose} → ${expected.outcome}${expected.code ? ` ${expected.code}` : ''}`,
          base,
          phase,
          fault,
          dose,
          expected
        }
      })
    )
  )
)

/** A cell's result in comparable terms. */
interface Observation {
  outcome: Outcome | 'wrong-verdict'
  verdict: GateReport['verdict']
  code?: GateCode
  /** the error message, or a warning, names the faulted endpoint */
  namesPhase?: boolean
  /** scans the simulator holds for the model afterwards (create phase only) */
  scans?: number
}

/** Faults whose request reaches the service and takes effect even though the answer is lost or unusable. */
const PROCESSED: ReadonlySet<FaultName> = new Set([
  'reset after processing',
  'malformed JSON',
  'empty body',
  'contract break'
])

function expectedObservation(cell: Cell): Observation {
  const { base, phase, fault, expected } = cell
  const failed = expected.outcome === 'model-error' || expected.outcome === 'run-error'
  return {
    outcome: expected.outcome,
    verdict: failed ? 'fail' : base.verdict,
    ...(expected.code && { code: expected.code }),
    ...(expected.outcome !== 'survived' && expected.outcome !== 'not-reached' && { namesPhase: true }),
    // exactly one scan when the gate went on with it; on failure, one only if the service made it anyway
    ...(phase.name === 'create' && { scans: failed && !PROCESSED.has(fault.name) ? 0 : 1 })
  }
}

function observe(cell: Cell, run: CellRun): Observation {
  const { report } = run
  const m = report.models[0]
  const got = outcomeOf(report, cell.base)
  const outcome = got === 'survived' && run.hits === 0 ? 'not-reached' : got
  const code = report.error?.code ?? m?.error?.code
  const text =
    outcome === 'run-error'
      ? report.error?.message
      : outcome === 'model-error'
        ? m?.error?.message
        : outcome === 'degraded'
          ? m?.warnings.join('\n')
          : undefined
  return {
    outcome,
    verdict: report.verdict,
    ...(code && { code }),
    ...(text !== undefined && { namesPhase: cell.phase.names.test(text) }),
    ...(cell.phase.name === 'create' && { scans: run.scansCreated })
  }
}

describe(`fault matrix: ${CELLS.length} cells (${BASES.length} bases × ${PHASES.length} phases × faults × transient/persistent)`, () => {
  it.concurrent.each(CELLS.map((c) => [c.title, c] as const))('%s', async (_title, cell) => {
    const { base, phase, fault, dose } = cell
    const rule: FaultRule = {
      action: fault.action(phase, dose),
      method: phase.method,
      path: phase.path,
      times: dose === 'transient' ? fault.transient : null
    }
    const run = await runCell(
      base.uri,
      [rule],
      phase.group ? { group: phase.group } : {},
      fault.name === 'request timeout' ? SHORT_TIMEOUT_MS : undefined
    )
    const open = failOpen(run, base)
    const observed = observe(cell, run)

    expect(open).toBeUndefined()
    expect(observed).toEqual(expectedObservation(cell))
    // the run's verdict is the model's; a model that failed says why in its reason
    const m = run.report.models[0]
    expect(run.report.verdict).toBe(m?.verdict ?? 'fail')
    expect(m?.reason).toBe(m?.error?.message ?? m?.reason)
  })
})

// ---------------------------------------------------------------------------------------------------------
// outcomes that are not transport faults

interface OutcomeCell {
  title: string
  uri: string
  rules?: FaultRule[]
  expected: { status: ModelResult['status']; code?: GateCode; message: RegExp }
}

const SCAN = '/aims/data/v1/scans/{uuid}'
const OUTCOME_CELLS: OutcomeCell[] = [
  {
    title: 'scan outcome ERROR',
    uri: `${SIM_HF}/scan-error`,
    expected: {
      status: 'error',
      code: 'SCAN_ERROR',
      message: /^The scan ended in ERROR \(service code SCAN_ERROR\): /
    }
  },
  {
    title: 'never-settling scan',
    uri: `${SIM_HF}/never-settles`,
    expected: {
      status: 'error',
      code: 'TIMEOUT',
      message: /^Scan [0-9a-f-]{36} was still PENDING after 10 min \(timeout 10 min\)/
    }
  },
  {
    title: 'BLOCKING rule in ERROR under an ALLOWED outcome',
    uri: `${SIM_HF}/rule-error`,
    expected: { status: 'error', code: 'RULE_ERROR', message: /BLOCKING rule could not be evaluated/ }
  },
  {
    title: 'SCAN_DATA_PENDING, then ALLOWED',
    uri: `${SIM_HF}/scan-data-pending`,
    expected: { status: 'allowed', message: /^ALLOWED/ }
  },
  {
    title: 'BLOCKED base read back as ALLOWED once settled (its evaluations still show the failed rule)',
    uri: DIALOGPT.uri,
    rules: [
      {
        action: { type: 'contract-break', field: 'eval_outcome', value: 'ALLOWED' },
        path: SCAN,
        skip: 1,
        times: null
      }
    ],
    expected: {
      status: 'error',
      code: 'INCONSISTENT_RESULT',
      message: /reported ALLOWED, but BLOCKING rules failed/
    }
  },
  {
    title: 'an outcome the gate does not know',
    uri: CLEAN,
    rules: [
      {
        action: { type: 'contract-break', field: 'eval_outcome', value: 'QUARANTINED' },
        path: SCAN,
        times: null
      }
    ],
    expected: { status: 'error', code: 'UNKNOWN_OUTCOME', message: /"QUARANTINED" is not one the gate knows/ }
  },
  {
    title: 'ALLOWED with fewer evaluations than eval_summary.total_rules',
    uri: CLEAN,
    rules: [
      {
        action: { type: 'contract-break', field: '/eval_summary/total_rules', value: 20 },
        path: SCAN,
        times: null
      }
    ],
    expected: { status: 'error', code: 'INCONSISTENT_RESULT', message: /only \d+ of 20 rule evaluations/ }
  },
  {
    title: 'ALLOWED with fewer evaluations than the list total',
    uri: CLEAN,
    rules: [
      {
        action: { type: 'contract-break', field: '/pagination/total_items', value: 30 },
        path: '/aims/data/v1/scans/{scan_uuid}/evaluations',
        times: null
      }
    ],
    expected: { status: 'error', code: 'INCONSISTENT_RESULT', message: /only \d+ of \d+ rule evaluations/ }
  }
]

describe(`scan outcomes: ${OUTCOME_CELLS.length} cells`, () => {
  it.concurrent.each(OUTCOME_CELLS.map((c) => [c.title, c] as const))('%s', async (_title, cell) => {
    const run = await runCell(cell.uri, cell.rules ?? [])
    const m = run.report.models[0]!
    const open = failOpen(run, undefined)
    expect(open).toBeUndefined()
    expect(m.status).toBe(cell.expected.status)
    expect(m.error?.code).toBe(cell.expected.code)
    expect(m.reason).toMatch(cell.expected.message)
    expect(m.verdict).toBe(cell.expected.status === 'allowed' ? 'pass' : 'fail')
  })
})

/**
 * A status read that says ALLOWED while nothing backs it (no summary, no evaluations: a service that writes
 * the outcome before its evaluations) must not pass. Found by this matrix; the gate now refuses it.
 */
describe('ALLOWED with no evidence behind it', () => {
  const lie: FaultRule = {
    action: { type: 'contract-break', field: 'eval_outcome', value: 'ALLOWED' },
    path: SCAN,
    times: null
  }
  it.each([
    ['BLOCKED', DIALOGPT.uri],
    ['ALLOWED', CLEAN]
  ])(
    '%s base: ALLOWED read while the scan is still PENDING (no summary, 0 evaluations) is not a pass',
    async (_, uri) => {
      const run = await runCell(uri, [lie])
      const m = run.report.models[0]!
      expect(failOpen(run, undefined)).toBeUndefined()
      expect(m.verdict).toBe('fail')
      expect(m.error?.code).toBe('INCONSISTENT_RESULT')
    }
  )
})

// ---------------------------------------------------------------------------------------------------------
// the pull-request comment

const PR = { owner: 'octo-org', repo: 'models', number: 7, fork: false }
const MARKER = commentMarker({ workflow: 'gate', job: 'scan', tag: '' })

type CommentOutcome = 'written' | 'failed'

interface CommentFaultSpec {
  name: string
  fault: Omit<Fault, 'count'>
  /** a fault GitHub clients retry (rate limits, 5xx, broken connections) */
  transient: boolean
}

const COMMENT_FAULTS: CommentFaultSpec[] = [
  { name: '429 + Retry-After', fault: { status: 429, headers: { 'retry-after': '2' } }, transient: true },
  { name: '500', fault: { status: 500 }, transient: true },
  { name: '502', fault: { status: 502 }, transient: true },
  { name: '503', fault: { status: 503 }, transient: true },
  { name: 'reset before processing', fault: { reset: 'before' }, transient: true },
  { name: 'reset after processing', fault: { reset: 'after' }, transient: true },
  { name: '401 bad token', fault: { status: 401 }, transient: false },
  { name: '403 no permission', fault: { status: 403 }, transient: false },
  { name: '404', fault: { status: 404 }, transient: false },
  { name: '422 refused', fault: { status: 422 }, transient: false },
  { name: 'contract break', fault: { status: 200, body: { unexpected: true } }, transient: false }
]

/** How a failed comment says what went wrong, and at which step. */
const COMMENT_FAILURE =
  /^(GitHub answered \d{3}|the connection to GitHub failed|GitHub sent something other than a list|GitHub's answer had no comment in it|GitHub would not say which account)/
const COMMENT_STEP =
  /reading which account the token acts as|listing the comments|creating a comment|updating comment/

/** Who the token is: GraphQL's viewer (GET /user is only asked when that fails, and refuses GITHUB_TOKEN) */
const IDENTITY: Route = 'POST /graphql'
const LIST: Route = 'GET /repos/:owner/:repo/issues/:number/comments'
const CREATE: Route = 'POST /repos/:owner/:repo/issues/:number/comments'
const UPDATE: Route = 'PATCH /repos/:owner/:repo/issues/comments/:id'
const COMMENT_ROUTES: Route[] = [IDENTITY, LIST, CREATE, UPDATE]

function commentExpectation(route: Route, spec: CommentFaultSpec, dose: Dose): CommentOutcome {
  if (spec.transient) {
    if (dose === 'transient') return 'written'
    // a create that took effect before its answer was lost is found by the look before creating again
    return route === CREATE && spec.fault.reset === 'after' ? 'written' : 'failed'
  }
  // no identity, no comment: GET /user refuses GITHUB_TOKEN, and a guess could edit someone else's comment
  return 'failed'
}

interface CommentCell {
  title: string
  base: Base
  route: Route
  spec: CommentFaultSpec
  dose: Dose
  expected: CommentOutcome
}

const COMMENT_CELLS: CommentCell[] = BASES.flatMap((base) =>
  COMMENT_ROUTES.flatMap((route) =>
    COMMENT_FAULTS.flatMap((spec) =>
      (['transient', 'persistent'] as const).map((dose) => {
        const expected = commentExpectation(route, spec, dose)
        return {
          title: `${base.name} | ${route} | ${spec.name} | ${dose} → ${expected}`,
          base,
          route,
          spec,
          dose,
          expected
        }
      })
    )
  )
)

/** One gate report per base, made once for all comment cells. */
const baseReports = new Map<string, Promise<GateReport>>()
const reportFor = (base: Base) => {
  let p = baseReports.get(base.name)
  if (!p) {
    p = runCell(base.uri, []).then((r) => r.report)
    baseReports.set(base.name, p)
  }
  return p
}

const eventDir = mkdtempSync(join(tmpdir(), 'airs-fault-matrix-'))
/** A pull_request event payload for reportComment. */
function eventFile(): string {
  const file = join(eventDir, 'event.json')
  const repo = { full_name: `${PR.owner}/${PR.repo}` }
  writeFileSync(
    file,
    JSON.stringify({ pull_request: { number: PR.number, head: { repo } }, repository: repo })
  )
  return file
}

afterAll(() => rmSync(eventDir, { recursive: true, force: true }))

describe(`pull-request comment: ${COMMENT_CELLS.length} cells (faults on every GitHub route; the verdict stands)`, () => {
  it.concurrent.each(COMMENT_CELLS.map((c) => [c.title, c] as const))('%s', async (_title, cell) => {
    const { base, route, spec, dose, expected } = cell
    const report = await reportFor(base)
    const frozen = JSON.stringify(report)
    const view = runView(report)
    const body = renderComment(view, {})
    // a fake per cell: its faults are per route, not per pull request
    const gh = await startFakeGitHub()
    try {
      // the PATCH route needs an earlier comment of ours to update
      if (route === UPDATE) gh.seed(PR.owner, PR.repo, PR.number, `an earlier run\n\n${MARKER}`, ACTIONS_BOT)
      gh.fail(route, { ...spec.fault, count: dose === 'transient' ? 1 : Infinity })
      const log: string[] = []
      // waits cost no time; the client says in its log what it waited for
      const client = await githubClient(
        ACTIONS_TOKEN,
        { GITHUB_API_URL: gh.url },
        { retryAfterBaseValue: 0, log: { debug: (m) => log.push(m) } }
      )
      // never throws: a throw fails the cell
      const result = await upsertComment(client, { target: PR, marker: MARKER, body, create: true })
      const got: CommentOutcome =
        result.action === 'failed' || result.action === 'skipped' ? 'failed' : 'written'
      const reason = 'reason' in result ? result.reason : undefined
      const sticky = gh
        .comments(PR.owner, PR.repo, PR.number)
        .filter((c) => c.body.endsWith(MARKER))
        .map((c) => (c.body === withMarker(body, MARKER) ? 'current' : 'earlier'))
      expect({
        outcome: got,
        sticky,
        ...(reason !== undefined && {
          reasonSaysWhat: COMMENT_FAILURE.test(reason) && COMMENT_STEP.test(reason),
          tokenShown: reason.includes(ACTIONS_TOKEN)
        }),
        ...(spec.name.startsWith('429') && { waitedAsAsked: log.some((l) => l.endsWith('; waiting 2 s')) })
      }).toEqual({
        outcome: expected,
        // one sticky comment at most, never a duplicate; brought up to date when written
        // (an update whose answers are all lost did take effect: it is reported failed though it is current)
        sticky:
          expected === 'written' || (route === UPDATE && spec.fault.reset === 'after')
            ? ['current']
            : route === UPDATE
              ? ['earlier']
              : [],
        ...(expected === 'failed' && { reasonSaysWhat: true, tokenShown: false }),
        ...(spec.name.startsWith('429') && { waitedAsAsked: true })
      })
      // the comment never touches the gate's decision
      expect(JSON.stringify(report)).toBe(frozen)
      expect(runView(report).verdict).toBe(base.verdict)
    } finally {
      await gh.close()
    }
  })

  it('through reportComment, as the action calls it: a failure is a warning and the verdict stands', async () => {
    const gh = await startFakeGitHub()
    try {
      for (const base of BASES) {
        const view = runView(await reportFor(base))
        for (const status of [401, 403, 404, 422]) {
          gh.fail(LIST, { status, count: Infinity })
          const outcome = await reportComment(
            view,
            {
              comment: 'always',
              commentTag: '',
              githubToken: ACTIONS_TOKEN
            },
            { serverUrl: 'https://github.com', workflow: 'gate', job: 'scan' },
            { GITHUB_API_URL: gh.url, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventFile() },
            () => githubClient(ACTIONS_TOKEN, { GITHUB_API_URL: gh.url }, { retryAfterBaseValue: 0 })
          )
          gh.clearFaults()
          expect(outcome).toEqual({
            written: false,
            level: 'warning',
            message: expect.stringMatching(
              new RegExp(
                `^The pull-request comment was not written: GitHub answered ${status} .*when listing the comments`
              )
            )
          })
          expect(view.verdict).toBe(base.verdict)
        }
      }
    } finally {
      await gh.close()
    }
  })
})

/** The count per outcome class the tables promise (each cell asserts its own). */
const EXPECTED_TALLY: Record<string, number> = {}
for (const cls of [
  ...CELLS.map((c) => c.expected.outcome),
  ...OUTCOME_CELLS.map((c) => (c.expected.status === 'error' ? 'model-error' : 'survived')),
  ...COMMENT_CELLS.map((c) => `comment ${c.expected}`)
]) {
  EXPECTED_TALLY[cls] = (EXPECTED_TALLY[cls] ?? 0) + 1
}
const TOTAL = CELLS.length + OUTCOME_CELLS.length + COMMENT_CELLS.length
const shownTally = (t: Record<string, number>) =>
  Object.entries(t)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')

describe('summary', () => {
  // The title carries the matrix: jest may not show what a test writes to stdout. Each cell asserts its own
  // outcome and that it is no fail-open, so this test needs no other to have run first: it checks the tables.
  it(`${TOTAL} cells (${CELLS.length} fault × phase, ${OUTCOME_CELLS.length} outcome, ${COMMENT_CELLS.length} comment): ${shownTally(EXPECTED_TALLY)}; 0 fail-open`, () => {
    expect(Object.values(EXPECTED_TALLY).reduce((a, b) => a + b, 0)).toBe(TOTAL)
    // no cell expects a pass unless its base is a model the service ALLOWED
    expect(
      CELLS.filter((c) => expectedObservation(c).verdict === 'pass' && c.base.status !== 'allowed').map(
        (c) => c.title
      )
    ).toEqual([])
    expect(OUTCOME_CELLS.filter((c) => c.expected.status === 'allowed' && c.expected.code)).toEqual([])
  })
})
