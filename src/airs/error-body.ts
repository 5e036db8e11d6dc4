import { redact } from '../util/redact.js'
import { plainText } from '../util/text.js'
import { formatPath } from './airs-error.js'

/**
 * Reads whatever error body the service (or a gateway in front of it) sent. The documented shape is
 * `{code, message, details}`; FastAPI validation errors are `{detail: [{loc, msg, type}]}`; OAuth servers send
 * `{error, error_description}`; proxies send HTML or plain text. Everything here is untrusted text.
 */

export interface ServiceError {
  message?: string
  code?: string
  /** From a body-level `retry_after: {interval, unit}` hint. */
  retryAfterMs?: number
}

const MAX_MESSAGE = 400
const MAX_FIELD_ERRORS = 5

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined)

function validationMessage(detail: unknown[]): string {
  const parts = detail.slice(0, MAX_FIELD_ERRORS).map((d) => {
    if (!isObject(d)) return String(d)
    const where = Array.isArray(d.loc) ? formatPath(d.loc) : ''
    const msg = str(d.msg) ?? str(d.message) ?? str(d.type) ?? 'invalid'
    return where ? `${where}: ${msg}` : msg
  })
  const more = detail.length > MAX_FIELD_ERRORS ? ` (and ${detail.length - MAX_FIELD_ERRORS} more)` : ''
  return parts.join('; ') + more
}

const UNIT_MS: Record<string, number> = {
  ms: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1000,
  second: 1000,
  seconds: 1000,
  minute: 60_000,
  minutes: 60_000
}

function retryAfterHint(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v * 1000
  if (!isObject(v)) return undefined
  const interval = typeof v.interval === 'number' ? v.interval : Number(v.interval)
  const unit = typeof v.unit === 'string' ? (UNIT_MS[v.unit.toLowerCase()] ?? 1000) : 1000
  return Number.isFinite(interval) && interval >= 0 ? interval * unit : undefined
}

/**
 * What an error body says. `secrets` are redacted from the raw body, and again from every string taken out of it
 * (decoding JSON escapes can join a secret that `\u0000` split), before anything is shortened or cleaned, so no
 * cut can leave part of one behind.
 */
export function parseServiceError(text: string, secrets: Iterable<string> = []): ServiceError {
  const known = [...secrets]
  const said = (s: string, max: number) => plainText(redact(s, known), max)
  const trimmed = redact(text, known).trim()
  if (trimmed === '') return {}
  let body: unknown
  try {
    body = JSON.parse(trimmed)
  } catch {
    // HTML error pages say little beyond their title
    const title = /<title>([^<]*)<\/title>/i.exec(trimmed)?.[1]
    return { message: said(title ?? trimmed.replace(/<[^>]*>/g, ' '), 200) }
  }
  if (!isObject(body)) return typeof body === 'string' ? { message: said(body, MAX_MESSAGE) } : {}

  const code =
    str(body.code) ?? str(body.error_code) ?? (typeof body.error === 'string' ? body.error : undefined)
  let message: string | undefined
  if (Array.isArray(body.detail)) message = validationMessage(body.detail)
  else
    message =
      str(body.message) ??
      str(body.error_message) ??
      str(body.error_description) ??
      str(body.detail) ??
      (isObject(body.error) ? (str(body.error.message) ?? str(body.error.error_description)) : undefined) ??
      (isObject(body.data) ? str(body.data.message) : undefined) ??
      str(body.msg) ??
      (typeof body.error === 'string' ? body.error : undefined)
  return {
    ...(message !== undefined && { message: said(message, MAX_MESSAGE) }),
    ...(code !== undefined && { code: said(code, 80) }),
    ...(retryAfterHint(body.retry_after) !== undefined && { retryAfterMs: retryAfterHint(body.retry_after) })
  }
}
