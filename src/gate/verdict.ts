import type { GateErrorInfo, Status, Verdict } from './result.js'
import { securitySeverity } from './severity.js'

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
  evaluations: ReadonlyArray<{
    rule_name: string
    result: string
    rule_instance_state: string
    rule_instance_uuid?: string
  }>
  /** reason the evaluations could not all be read, if so */
  collectionError?: GateErrorInfo
  /** the evaluation list is known to be short (truncated, or fewer than the service's total) */
  evaluationsIncomplete?: boolean
  scanErrorCode?: string | null
  scanErrorMessage?: string | null
  rulesFailed?: number
  /** rules the scan evaluated, per its summary (or the enabled-rule count it recorded) */
  totalRules?: number
  /**
   * Rules the security group enabled when the scan was created, per the policy snapshot (instances that are not
   * DISABLED); undefined when the snapshot could not be read.
   */
  enabledRules?: ReadonlyArray<{ uuid: string; name?: string }>
  /** `total_files_scanned` as the scan reports it (null or undefined: not reported) */
  filesScanned?: number | null
  /** the scan's files as read */
  files?: ReadonlyArray<{ path: string; type: string; result: string }>
  /** the file list is known to be short (truncated, or fewer than the service's total) */
  filesIncomplete?: boolean
}

export interface Assessment {
  status: Status
  reason: string
  error?: GateErrorInfo
}

/** Rule names for a reason, the most severe first (docs/severity.md); ties keep the service's order. */
const names = (list: ReadonlyArray<{ rule_name: string }>) =>
  [...list]
    .sort((a, b) => securitySeverity(b.rule_name) - securitySeverity(a.rule_name))
    .map((e) => e.rule_name)
    .join(', ')

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
      const coverage = ruleCoverage(e)
      if (coverage) return problem(coverage)
      const unverified = fileProblem(e)
      if (unverified) return problem(unverified)
      return {
        status: 'allowed',
        reason:
          'ALLOWED' + (e.totalRules ? `: ${e.totalRules} rule${e.totalRules === 1 ? '' : 's'} evaluated` : '')
      }
    }
    case 'ERROR': {
      // the service's own code, marked as such: "ERROR SCAN_ERROR" read as a stutter
      const code = e.scanErrorCode ? ` (service code ${e.scanErrorCode})` : ''
      const message = e.scanErrorMessage ? `: ${e.scanErrorMessage}` : ''
      // files the scanner could not read: "could not verify", in its own words, never "found harmful"
      const unread = (e.files ?? []).filter((f) => f.type !== 'DIRECTORY' && f.result === 'ERROR')
      if (unread.length > 0)
        return problem({
          code: 'UNREADABLE_FILES',
          message:
            e.scanErrorMessage ??
            `Could not verify ${unread.length} file${unread.length === 1 ? '' : 's'} (first: ${unread[0]!.path.slice(0, 200)})${code}: the scanner could not read ${unread.length === 1 ? 'it' : 'them'} to the end.`
        })
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

/**
 * ALLOWED stands only when an evaluation backs every rule the group enabled: each enabled rule instance of the
 * policy snapshot in force at scan time, by its UUID, and at least as many distinct evaluations as the scan's
 * summary or recorded rule count says (a short summary cannot excuse missing evaluations). When neither the
 * snapshot nor a count is known the outcome is not trusted: "1 evaluation, no summary" could be 1 of 11.
 */
function ruleCoverage(e: Evidence): GateErrorInfo | undefined {
  const evaluated = new Set(e.evaluations.map((x) => x.rule_instance_uuid?.toLowerCase() ?? x.rule_name))
  const expected = Math.max(e.totalRules ?? 0, e.enabledRules?.length ?? 0)
  // with the policy known, each enabled rule needs its own evaluation: evaluations of other (or made-up) rule
  // instances do not stand in for the missing ones
  const missing = (e.enabledRules ?? []).filter((r) => !evaluated.has(r.uuid.toLowerCase()))
  const covered = e.enabledRules ? e.enabledRules.length - missing.length : evaluated.size
  if (e.evaluationsIncomplete || missing.length > 0 || expected > evaluated.size) {
    const named = missing.length
      ? `; not evaluated: ${missing
          .slice(0, 5)
          .map((r) => r.name ?? r.uuid)
          .join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`
      : ''
    return {
      code: 'INCONSISTENT_RESULT',
      message: `The service reported ALLOWED, but only ${covered}${expected ? ` of ${expected}` : ''} rule evaluations could be read${named}; not trusting the outcome.`
    }
  }
  if (e.totalRules === undefined && e.enabledRules === undefined) {
    return {
      code: 'INCONSISTENT_RESULT',
      message: `The service reported ALLOWED with ${evaluated.size} rule evaluation${evaluated.size === 1 ? '' : 's'}, but neither the scan's summary nor the security group's policy says how many rules it enables; not trusting the outcome.`
    }
  }
  return undefined
}

/**
 * ALLOWED covers only the files a scanner read: when it scanned none (an empty folder, only files it skips), or
 * some ended in ERROR, the model was not verified.
 */
function fileProblem(e: Evidence): GateErrorInfo | undefined {
  if (e.filesScanned === 0) {
    return {
      code: 'NOTHING_TO_VERIFY',
      message:
        'Nothing to verify: the service reported ALLOWED but scanned no file (every file was skipped, or there was none). Check the path or the allow/ignore patterns.'
    }
  }
  if (!e.files) return undefined
  const files = e.files.filter((f) => f.type === 'FILE')
  const errored = files.filter((f) => f.result === 'ERROR')
  if (errored.length > 0) {
    const names = errored.slice(0, 5).map((f) => f.path.slice(0, 100))
    const more = errored.length > names.length ? ` and ${errored.length - names.length} more` : ''
    return {
      code: 'INCONSISTENT_RESULT',
      message: `The service reported ALLOWED, but ${errored.length} file${errored.length === 1 ? '' : 's'} could not be scanned (${names.join(', ')}${more}); the model was not fully verified.`
    }
  }
  // a list read only in part says nothing of the files not read: they may have ended in ERROR
  if (e.filesIncomplete) {
    return {
      code: 'INCONSISTENT_RESULT',
      message: `The service reported ALLOWED, but only ${files.length} of its files could be read, so not every file's result is known; not trusting the outcome.`
    }
  }
  if (!files.some((f) => f.result === 'SUCCESS' || f.result === 'FAILED')) {
    return {
      code: 'NOTHING_TO_VERIFY',
      message: `Nothing to verify: the service reported ALLOWED but verified no file (${files.length === 0 ? 'it listed none' : `all ${files.length} were skipped`}). Check the path or the allow/ignore patterns.`
    }
  }
  return undefined
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

/** Outcomes a settled scan decides with: an earlier scan counts (reuse, drift, the inventory) only with one. */
export const DECIDED_OUTCOMES: ReadonlySet<string> = new Set(['ALLOWED', 'BLOCKED'])

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
