import { AirsError, type ErrorKind, type ErrorReason } from './airs-error.js'
import type { ServiceError } from './error-body.js'
import type { NetworkError } from './http.js'

/**
 * Turns a failed exchange into an AirsError whose message names the endpoint, says what happened and what to
 * change. Pure: the transport decides about retries, this only words the final failure.
 */

export interface FailureContext {
  /** `GET /aims/data/v1/scans/{uuid}` */
  endpoint: string
  tsgId: string
  attempts: number
  requestId?: string
}

/** The API permission a path needs (from the admin guide's role list). */
function permissionFor(endpoint: string): string {
  if (endpoint.includes('/pypi/')) return 'ai_ms_pypi_auth'
  if (endpoint.includes('/security-groups') || endpoint.includes('/security-rules'))
    return 'ai_ms.security_groups'
  return 'ai_ms.scans'
}

// Known 400 messages and what the user should change.
const BAD_REQUEST_HINTS: Array<[RegExp, string]> = [
  [
    /source type mismatch/i,
    "The security group's source type must match the model's source (for example a HUGGING_FACE group for huggingface.co models, a LOCAL group for local paths)."
  ],
  [/max scan labels/i, 'A scan holds at most 50 labels, counting the ones it already has.'],
  [/no files to scan/i, 'No model files were found: check the model path and the allow/ignore patterns.'],
  [/start_time and end_time/i, 'Give both start_time and end_time, or neither.']
]

function withPeriod(s: string): string {
  return /[.!?…]$/.test(s) ? s : `${s}.`
}

function make(
  kind: ErrorKind,
  reason: ErrorReason,
  message: string,
  ctx: FailureContext,
  status?: number,
  service?: ServiceError
): AirsError {
  return new AirsError(kind, message, {
    reason,
    status,
    endpoint: ctx.endpoint,
    serviceCode: service?.code,
    requestId: ctx.requestId,
    attempts: ctx.attempts
  })
}

export function httpFailure(status: number, service: ServiceError, ctx: FailureContext): AirsError {
  const said = service.message ? `: ${service.message}` : ''
  const head = `${ctx.endpoint} returned ${status}${said}`
  const tries = ctx.attempts > 1 ? ` after ${ctx.attempts} attempts` : ''
  const path = ctx.endpoint.split(' ')[1] ?? ''
  const hasId = /\{[a-z_]+\}/.test(path)

  switch (true) {
    case status >= 300 && status < 400:
      return make(
        'CLIENT_SIDE_ERROR',
        'BAD_REQUEST',
        `${head}: a redirect, which the client does not follow (it would resend the credentials elsewhere). Set the endpoint URLs to the final address (for example https:// rather than http://).`,
        ctx,
        status,
        service
      )
    case status === 400: {
      const hint = BAD_REQUEST_HINTS.find(([re]) => re.test(service.message ?? ''))?.[1]
      return make(
        'CLIENT_SIDE_ERROR',
        'BAD_REQUEST',
        `${withPeriod(head)} ${hint ?? 'The service rejected the request; check the inputs named above.'}`,
        ctx,
        status,
        service
      )
    }
    case status === 401:
      return make(
        'OAUTH_ERROR',
        'UNAUTHORIZED',
        `${withPeriod(head)} A freshly issued access token was refused: check that the service account belongs to TSG ${ctx.tsgId} and that the API endpoints match the token's region.`,
        ctx,
        status,
        service
      )
    case status === 403:
      return make(
        'CLIENT_SIDE_ERROR',
        'FORBIDDEN',
        `${withPeriod(head)} Permission denied: give the service account's role the ${permissionFor(ctx.endpoint)} API permission, and check that the tenant's AI Model Security deployment profile is active.`,
        ctx,
        status,
        service
      )
    case status === 404:
      return make(
        'CLIENT_SIDE_ERROR',
        'NOT_FOUND',
        hasId
          ? `${withPeriod(head)} The resource does not exist in TSG ${ctx.tsgId} (or belongs to another tenant): check the UUID and the TSG ID.`
          : `${withPeriod(head)} The endpoint was not found: check the data and management endpoint URLs (they end in /aims/data and /aims/mgmt).`,
        ctx,
        status,
        service
      )
    case status === 405:
      return make(
        'CLIENT_SIDE_ERROR',
        'NOT_FOUND',
        `${withPeriod(head)} The URL does not accept this method: check that the data and management endpoints are not swapped.`,
        ctx,
        status,
        service
      )
    case status === 409:
      return make(
        'CLIENT_SIDE_ERROR',
        'CONFLICT',
        `${withPeriod(head)} Wait for the resource to leave its PENDING state, then retry.`,
        ctx,
        status,
        service
      )
    case status === 422:
      return make(
        'USER_REQUEST_PAYLOAD_ERROR',
        'VALIDATION_FAILED',
        `${withPeriod(head)} The request did not pass the service's validation; fix the fields named above.`,
        ctx,
        status,
        service
      )
    case status === 429:
      return make(
        'SERVER_SIDE_ERROR',
        'RATE_LIMITED',
        `${head}${tries}. The service is rate limiting this tenant: reduce concurrency or retry later.`,
        ctx,
        status,
        service
      )
    case status >= 500:
      return make(
        'SERVER_SIDE_ERROR',
        'SERVER_ERROR',
        `${head}${tries}. The service is failing; retry later, and quote the request id${ctx.requestId ? ` ${ctx.requestId}` : ''} if you contact support.`,
        ctx,
        status,
        service
      )
    default:
      return make(
        'CLIENT_SIDE_ERROR',
        'BAD_REQUEST',
        `${withPeriod(head)} Unexpected status for this endpoint.`,
        ctx,
        status,
        service
      )
  }
}

export function networkFailure(e: NetworkError, ctx: FailureContext): AirsError {
  const tries = ctx.attempts > 1 ? ` after ${ctx.attempts} attempts` : ''
  switch (e.failure) {
    case 'tls':
      return new AirsError(
        'SERVER_SIDE_ERROR',
        `${ctx.endpoint} failed: ${e.message}. Behind a TLS-inspecting proxy, give Node its CA with NODE_EXTRA_CA_CERTS; otherwise check the endpoint's host name.`,
        { reason: 'NETWORK_ERROR', endpoint: ctx.endpoint, attempts: ctx.attempts }
      )
    case 'aborted':
      return new AirsError(
        'SERVER_SIDE_ERROR',
        `${ctx.endpoint} was cancelled before it completed (the caller's time limit ran out).`,
        {
          reason: 'ABORTED',
          endpoint: ctx.endpoint,
          attempts: ctx.attempts
        }
      )
    case 'timeout':
      return new AirsError(
        'SERVER_SIDE_ERROR',
        `${ctx.endpoint} timed out${tries} (${e.message}). The service is slow or unreachable; retry later or raise the request timeout.`,
        { reason: 'TIMEOUT', endpoint: ctx.endpoint, attempts: ctx.attempts }
      )
    case 'too-large':
      return new AirsError(
        'SERVER_SIDE_ERROR',
        `${ctx.endpoint} sent a response too large to read (${e.message}).`,
        {
          reason: 'CONTRACT_VIOLATION',
          endpoint: ctx.endpoint,
          attempts: ctx.attempts
        }
      )
    default:
      // a connection that broke after the request went out reached the service: not a reachability problem
      return new AirsError(
        'SERVER_SIDE_ERROR',
        e.maybeProcessed
          ? `The connection to ${ctx.endpoint} broke before its answer arrived${tries}: ${e.message}. The service or a proxy between is dropping connections; retry later.`
          : `Could not reach ${ctx.endpoint}${tries}: ${e.message}. Check network access to the endpoint, the proxy settings (HTTPS_PROXY, NO_PROXY) and, behind TLS inspection, NODE_EXTRA_CA_CERTS.`,
        { reason: 'NETWORK_ERROR', endpoint: ctx.endpoint, attempts: ctx.attempts }
      )
  }
}

/** A 2xx response whose body does not match the contract. */
export function contractFailure(ctx: FailureContext, detail: string): AirsError {
  return new AirsError(
    'SERVER_SIDE_ERROR',
    `${ctx.endpoint} returned a response that breaks the API contract: ${detail}. The result cannot be trusted: check that the endpoint URLs point at the Model Security API (not a proxy or login page), retry later, and report the request id to support if it persists.`,
    { reason: 'CONTRACT_VIOLATION', endpoint: ctx.endpoint, attempts: ctx.attempts, requestId: ctx.requestId }
  )
}
