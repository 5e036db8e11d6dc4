/**
 * Why the gate could not reach a verdict for a model. The code is the `error` output and the key of the
 * troubleshooting table (docs/troubleshooting.md), so people (and retry logic) can tell "the model was refused"
 * apart from "the gate could not verify it".
 */

export const GATE_ERROR_CODES = [
  /** an input is malformed or inputs contradict each other (nothing was sent) */
  'INVALID_INPUT',
  /** credentials missing or rejected, or the account may not do this */
  'AUTH_FAILED',
  /** the named or default security group does not exist, is ambiguous, or does not fit the model's source */
  'SECURITY_GROUP',
  /** the model's source is recognised but the chosen way of scanning cannot scan it */
  'UNSUPPORTED_SOURCE',
  /** the service refused or failed a request (4xx/5xx after retries) */
  'SERVICE_ERROR',
  /** the service could not be reached (DNS, connection, TLS, proxy) */
  'NETWORK_ERROR',
  /** the service answered with something the API contract does not allow */
  'CONTRACT_VIOLATION',
  /** the scan ended with the outcome ERROR */
  'SCAN_ERROR',
  /** the scan ended in ERROR because files could not be read to the end: neither clean nor found harmful */
  'UNREADABLE_FILES',
  /** a BLOCKING rule could not be evaluated, so the outcome does not cover the whole policy */
  'RULE_ERROR',
  /** the scanner could not be set up on the runner (Python, its virtual environment, pip, the package index) */
  'SCANNER_SETUP',
  /** the scanner on the runner raised an error or crashed before the scan existed */
  'SCANNER_FAILED',
  /** the scan was still PENDING when the timeout expired */
  'TIMEOUT',
  /** a Hugging Face revision could not be pinned to a commit (unknown, gated without HF_TOKEN, Hub down) */
  'REVISION_UNRESOLVED',
  /** the model holds nothing a scanner verified: an empty folder, only configuration or documentation */
  'NOTHING_TO_VERIFY',
  /** the scan's outcome is not one the gate knows how to judge */
  'UNKNOWN_OUTCOME',
  /** the service's answers contradict each other (e.g. ALLOWED with a failed BLOCKING rule) */
  'INCONSISTENT_RESULT',
  /** audit: inventory: the model's latest scan is older than max-age, or none settled */
  'STALE_SCAN',
  /** merge-reports: a shard's report is missing, repeated, or the reports contradict each other */
  'INCOMPLETE_MERGE',
  /** a bug or an unexpected failure inside the gate */
  'INTERNAL_ERROR'
] as const
export type GateErrorCode = (typeof GATE_ERROR_CODES)[number]

export class GateError extends Error {
  constructor(
    readonly code: GateErrorCode,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
    this.name = 'GateError'
  }
}

/** A bad input value: one line naming the input, what is wrong, and how to fix it. */
export function inputError(input: string, problem: string): GateError {
  return new GateError('INVALID_INPUT', `Invalid input ${input}: ${problem}`)
}
