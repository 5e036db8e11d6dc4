import type { z } from 'zod'

/**
 * The client's single error type. `kind` tells a caller what class of problem it is (the same five kinds the
 * official SDKs use); `reason` narrows it for messages and for the gate's error output.
 */

export type ErrorKind =
  | 'OAUTH_ERROR'
  | 'CLIENT_SIDE_ERROR'
  | 'SERVER_SIDE_ERROR'
  | 'MISSING_VARIABLE'
  | 'USER_REQUEST_PAYLOAD_ERROR'

export type ErrorReason =
  | 'INVALID_ARGUMENT'
  | 'MISSING_CONFIGURATION'
  | 'TOKEN_REJECTED'
  | 'TOKEN_ENDPOINT_FAILED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_REQUEST'
  | 'CONFLICT'
  | 'VALIDATION_FAILED'
  | 'RATE_LIMITED'
  | 'SERVER_ERROR'
  | 'NETWORK_ERROR'
  | 'TIMEOUT'
  | 'CONTRACT_VIOLATION'
  | 'TOO_MANY_ITEMS'
  | 'ABORTED'

export interface AirsErrorDetails {
  reason: ErrorReason
  /** HTTP status of the last response, when there was one. */
  status?: number
  /** `METHOD /plane/path-template`, e.g. `GET /aims/data/v1/scans/{uuid}`. */
  endpoint?: string
  /** The service's own error code (`code` in its error body), when it sent one. */
  serviceCode?: string
  /** Request id header of the failing response, for support tickets. */
  requestId?: string
  /** How many attempts were made (retries included). */
  attempts?: number
  cause?: unknown
}

export class AirsError extends Error {
  readonly kind: ErrorKind
  readonly reason: ErrorReason
  readonly status?: number
  readonly endpoint?: string
  readonly serviceCode?: string
  readonly requestId?: string
  readonly attempts?: number

  constructor(kind: ErrorKind, message: string, details: AirsErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.name = 'AirsError'
    this.kind = kind
    this.reason = details.reason
    this.status = details.status
    this.endpoint = details.endpoint
    this.serviceCode = details.serviceCode
    this.requestId = details.requestId
    this.attempts = details.attempts
  }
}

export function isAirsError(e: unknown): e is AirsError {
  return e instanceof AirsError
}

export function invalidArgument(message: string): AirsError {
  return new AirsError('USER_REQUEST_PAYLOAD_ERROR', message, { reason: 'INVALID_ARGUMENT' })
}

/** `["body","labels",0,"value"]` → `body.labels[0].value` */
export function formatPath(parts: readonly unknown[]): string {
  return parts.reduce<string>((acc, p) => {
    if (typeof p === 'number') return `${acc}[${p}]`
    return acc === '' ? String(p) : `${acc}.${String(p)}`
  }, '')
}

/** `labels[3].value: expected string, received number` for the first few zod issues. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], max = 3): string {
  const parts = issues.slice(0, max).map((i) => `${formatPath(i.path) || '(body)'}: ${i.message}`)
  return parts.join('; ') + (issues.length > max ? ` (and ${issues.length - max} more)` : '')
}
