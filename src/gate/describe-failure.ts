import { isAirsError, type AirsError } from '../airs/airs-error.js'
import { GateError, type GateErrorCode } from '../util/gate-error.js'
import type { GateErrorInfo } from './result.js'

/** Any failure, as the gate reports it: a code people and scripts can act on, and the one-line message. */
export function describeFailure(e: unknown): GateErrorInfo {
  if (e instanceof GateError) return { code: e.code, message: e.message }
  if (isAirsError(e)) return { code: codeOf(e), message: e.message }
  const text = e instanceof Error ? e.message : String(e)
  return { code: 'INTERNAL_ERROR', message: `Unexpected failure inside the gate: ${text}` }
}

function codeOf(e: AirsError): GateErrorCode {
  if (e.kind === 'MISSING_VARIABLE') return 'INVALID_INPUT'
  switch (e.reason) {
    case 'TOKEN_ENDPOINT_FAILED':
      // the token service could not be reached or failed; the credentials were not judged
      return e.status === undefined ? 'NETWORK_ERROR' : 'SERVICE_ERROR'
    case 'INVALID_ARGUMENT':
    case 'MISSING_CONFIGURATION':
      return 'INVALID_INPUT'
    case 'TOKEN_REJECTED':
    case 'UNAUTHORIZED':
    case 'FORBIDDEN':
      return 'AUTH_FAILED'
    case 'NETWORK_ERROR':
    case 'TIMEOUT':
      return 'NETWORK_ERROR'
    case 'CONTRACT_VIOLATION':
      return 'CONTRACT_VIOLATION'
    case 'ABORTED':
      return 'TIMEOUT'
    default:
      return e.kind === 'OAUTH_ERROR' ? 'AUTH_FAILED' : 'SERVICE_ERROR'
  }
}
