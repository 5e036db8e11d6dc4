import type { GateErrorInfo, Status, Verdict } from './result.js'

/**
 * The gate's decisions, as pure functions. A model passes only on positive evidence: the service said
 * ALLOWED, and nothing the gate collected contradicts it. Everything else fails, or warns where the user
 * chose a warn mode for that kind of failure.
 */

export type Mode = 'enforce' | 'warn'
export type OnError = 'fail' | 'warn'

export interface Evidence {
  /** `eval_outcome` as last read; undefined when no scan exists */
  outcome?: string
  /** what stopped the gate for this model, if anything */
  error?: GateErrorInfo
  /** evaluations the gate could read (may be empty when collection failed) */
  evaluations: ReadonlyArray<{ rule_name: string; result: string; rule_instance_state: string }>
  /** reason the evaluations could not all be read, if so */
  collectionError?: GateErrorInfo
  /** the evaluation list is known to be short (truncated, or fewer than the service's total) */
  evaluationsIncomplete?: boolean
  scanErrorCode?: string | null
  scanErrorMessage?: string | null
  rulesFailed?: number
  /** rules the scan evaluated, per its summary (or the enabled-rule count it recorded) */
  totalRules?: number
}

export interface Assessment {
  status: Status
  reason: string
  error?: GateErrorInfo
}

const names = (list: ReadonlyArray<{ rule_name: string }>) => list.map((e) => e.rule_name).join(', ')

export function assess(e: Evidence): Assessment {
  if (e.error) return { status: 'error', reason: e.error.message, error: e.error }
  // a rule whose state is not a known non-blocking one counts as blocking: unknown values never help a model
  const blocking = (x: Evidence['evaluations'][number]) =>
    x.rule_instance_state !== 'ALLOWING' && x.rule_instance_state !== 'DISABLED'
  const failedBlocking = e.evaluations.filter((x) => x.result === 'FAILED' && blocking(x))
  switch (e.outcome) {
    case 'BLOCKED': {
      const failed = e.evaluations.filter((x) => x.result === 'FAILED')
      const list = failedBlocking.length > 0 ? failedBlocking : failed
      const count = e.rulesFailed ?? failed.length
      const rules = e.totalRules
        ? `${count} of ${e.totalRules} rules`
        : `${count} rule${count === 1 ? '' : 's'}`
      return {
        status: 'blocked',
        reason: `BLOCKED: ${rules} failed` + (list.length ? ` (${names(list)})` : '')
      }
    }
    case 'ALLOWED': {
      // the service's verdict stands only if what it reported backs it up
      if (e.collectionError) return problem(e.collectionError)
      if (failedBlocking.length > 0) {
        return problem({
          code: 'INCONSISTENT_RESULT',
          message: `The service reported ALLOWED, but BLOCKING rules failed: ${names(failedBlocking)}. Not trusting the outcome.`
        })
      }
      const erroredBlocking = e.evaluations.filter(
        (x) => x.result !== 'PASSED' && x.result !== 'FAILED' && blocking(x)
      )
      if (erroredBlocking.length > 0) {
        return problem({
          code: 'RULE_ERROR',
          message: `BLOCKING rule${erroredBlocking.length === 1 ? '' : 's'} could not be evaluated: ${names(erroredBlocking)}; the model was not fully verified.`
        })
      }
      // no evaluation at all backs nothing: an outcome written before its evaluations, or a group that
      // enables no rule, verifies nothing
      if (e.evaluations.length === 0) {
        return problem({
          code: 'INCONSISTENT_RESULT',
          message:
            'The service reported ALLOWED, but no rule evaluation backs it (none could be read, or the security group enables no rule); not trusting the outcome.'
        })
      }
      if (e.evaluationsIncomplete || (e.totalRules ?? 0) > e.evaluations.length) {
        return problem({
          code: 'INCONSISTENT_RESULT',
          message: `The service reported ALLOWED, but only ${e.evaluations.length}${e.totalRules ? ` of ${e.totalRules}` : ''} rule evaluations could be read; not trusting the outcome.`
        })
      }
      return {
        status: 'allowed',
        reason: 'ALLOWED' + (e.totalRules ? `: ${e.totalRules} rules evaluated` : '')
      }
    }
    case 'ERROR': {
      const code = e.scanErrorCode ? ` ${e.scanErrorCode}` : ''
      const message = e.scanErrorMessage ? `: ${e.scanErrorMessage}` : ''
      return problem({ code: 'SCAN_ERROR', message: `The scan ended in ERROR${code}${message}` })
    }
    case 'PENDING':
      return problem({
        code: 'TIMEOUT',
        message: 'The scan was still PENDING when the gate stopped waiting.'
      })
    case undefined:
      return problem({ code: 'INTERNAL_ERROR', message: 'No scan result and no error: nothing to judge.' })
    default:
      return problem({
        code: 'UNKNOWN_OUTCOME',
        message: `The scan's outcome "${e.outcome.slice(0, 40)}" is not one the gate knows (ALLOWED, BLOCKED, ERROR, PENDING); treating it as unverified.`
      })
  }
}

function problem(error: GateErrorInfo): Assessment {
  return { status: 'error', reason: error.message, error }
}

/** How much a status matters under the user's modes. */
export function judge(status: Status, mode: Mode, onError: OnError): Verdict {
  switch (status) {
    case 'allowed':
      return 'pass'
    case 'blocked':
      return mode === 'enforce' ? 'fail' : 'warn'
    case 'error':
      return onError === 'fail' ? 'fail' : 'warn'
  }
}

const RANK: Record<Verdict, number> = { pass: 0, warn: 1, fail: 2 }

/** Several models: the worst verdict wins; no models at all is not a pass. */
export function worst(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.length === 0) return 'fail'
  return verdicts.reduce((a, b) => (RANK[b] > RANK[a] ? b : a))
}

/**
 * Exit code of the CLI: 0 when the run passed (or only warned), 1 when a model was blocked by policy
 * (retrying will not help), 2 when the gate could not verify a model or could not run at all.
 */
export function exitCode(
  verdict: Verdict,
  models: ReadonlyArray<{ status: Status; verdict: Verdict }>
): 0 | 1 | 2 {
  if (verdict !== 'fail') return 0
  return models.some((m) => m.verdict === 'fail' && m.status === 'blocked') ? 1 : 2
}

/**
 * The `eval-outcome` output: what the gate concluded, in the service's words. A model the gate did not
 * verify never reads ALLOWED here, whatever the service said (a workflow may test for ALLOWED).
 */
export function outcomeOf(m: { status: Status; outcome?: string }): string {
  if (m.status === 'allowed') return 'ALLOWED'
  if (m.status === 'blocked') return 'BLOCKED'
  return m.outcome === 'PENDING' || m.outcome === undefined ? (m.outcome ?? '') : 'ERROR'
}

/** Several models' outcomes in one word: any BLOCKED, else any unverified (ERROR), else ALLOWED. */
export function overallOutcome(models: ReadonlyArray<{ status: Status; outcome?: string }>): string {
  if (models.length === 0) return ''
  if (models.length === 1) return outcomeOf(models[0]!)
  if (models.some((m) => m.status === 'blocked')) return 'BLOCKED'
  if (models.some((m) => m.status === 'error')) return 'ERROR'
  return 'ALLOWED'
}
