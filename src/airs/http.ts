import type { Dispatcher } from 'undici'
// puts request() on every dispatcher, as undici's index does
import './undici-parts.js'

/**
 * One HTTP exchange over undici, with a per-request timeout, a bound on the body size, and network failures
 * turned into a small typed error the retry logic can classify. No retries, auth or parsing here.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface HttpRequest {
  method: HttpMethod
  url: string
  headers: Record<string, string>
  body?: string
  timeoutMs: number
  maxBodyBytes: number
  /** The caller's own deadline or cancellation. */
  signal?: AbortSignal
}

export interface HttpResponse {
  status: number
  headers: Record<string, string | undefined>
  text: string
}

/** Why an exchange produced no response. */
export type NetworkFailure = 'timeout' | 'aborted' | 'connection' | 'tls' | 'too-large'

export class NetworkError extends Error {
  constructor(
    readonly failure: NetworkFailure,
    message: string,
    /** True when the request may have reached the server (the connection broke after it was sent). */
    readonly maybeProcessed: boolean,
    readonly code?: string
  ) {
    super(message)
    this.name = 'NetworkError'
  }

  /** Worth another attempt: a timeout or a broken connection; not a cancellation, a bad certificate or a huge body. */
  get retryable(): boolean {
    return this.failure === 'timeout' || this.failure === 'connection'
  }
}

function flattenHeaders(
  h: Record<string, string | string[] | undefined>
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
  return out
}

// Errors raised before a request could be written: nothing reached the server. UND_ERR_ABORTED outside our
// own cancellation is a proxy that refused the tunnel.
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_ABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH'
])

// Certificate failures do not go away by retrying.
const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID'
])

/** The `code` of an error or of the first of its causes that has one (undici wraps socket errors). */
function errorCode(e: unknown): string | undefined {
  let cur: unknown = e
  for (let i = 0; i < 4 && cur; i++) {
    const code = (cur as { code?: unknown }).code
    if (typeof code === 'string') return code
    cur = (cur as { cause?: unknown }).cause
  }
  return undefined
}

export async function send(dispatcher: Dispatcher, req: HttpRequest): Promise<HttpResponse> {
  const timeout = AbortSignal.timeout(req.timeoutMs)
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout
  let sent = false
  try {
    const { origin, pathname, search } = new URL(req.url)
    const res = await dispatcher.request({
      origin,
      path: `${pathname}${search}`,
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs
    })
    sent = true
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of res.body) {
      const buf = chunk as Buffer
      size += buf.length
      if (size > req.maxBodyBytes) {
        res.body.destroy()
        throw new NetworkError('too-large', `response body exceeds ${req.maxBodyBytes} bytes`, true)
      }
      chunks.push(buf)
    }
    return {
      status: res.statusCode,
      headers: flattenHeaders(res.headers),
      text: Buffer.concat(chunks).toString('utf8')
    }
  } catch (e) {
    if (e instanceof NetworkError) throw e
    if (req.signal?.aborted) throw new NetworkError('aborted', 'request cancelled', sent)
    const code = errorCode(e)
    if (timeout.aborted || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      throw new NetworkError('timeout', `no response within ${req.timeoutMs} ms`, true, code)
    }
    if (code !== undefined && TLS_CODES.has(code)) {
      throw new NetworkError('tls', `TLS certificate verification failed (${code})`, false, code)
    }
    const maybeProcessed = sent || !(code !== undefined && NOT_SENT_CODES.has(code))
    const detail = code ?? (e instanceof Error ? e.message : String(e))
    throw new NetworkError('connection', `connection failed (${detail})`, maybeProcessed, code)
  }
}
