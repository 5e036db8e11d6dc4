import { AbortedError, type Sleep } from '../util/sleep.js'
import { AirsError } from './airs-error.js'

/** Retry timing, kept pure so it can be table-tested. */

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number
  /** First backoff step; doubles on each retry. */
  baseDelayMs: number
  /** Ceiling of one backoff step. */
  maxDelayMs: number
  /** A `Retry-After` longer than this is not waited for: the request fails as rate limited instead. */
  maxRetryAfterMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 5,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 120_000
}

/** 408 and 429 are "try again", and 500/502/503/504 are transient server or gateway failures. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504])

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random. Never zero (a burst of
 * immediate retries is what a struggling service least needs), never above the ceiling.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry))
  return Math.round(step / 2 + random() * (step / 2))
}

/** The wait a failed response asks for: the `Retry-After` header wins over the AIRS body hint. */
export function serverRetryHint(
  headers: Record<string, string | undefined>,
  bodyHintMs: number | undefined
): number | undefined {
  return parseRetryAfter(headers['retry-after'], Date.now()) ?? bodyHintMs
}

/** `Retry-After` is either delta-seconds or an HTTP-date. Returns milliseconds, or undefined when unusable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined
  const v = value.trim()
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000)
  const at = Date.parse(v)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - nowMs)
}

/**
 * How long to wait before retry number `retry` (0-based). A server hint wins over backoff, with a little
 * jitter on top so that many clients told "30 s" do not return in the same millisecond.
 */
export function retryDelay(
  retry: number,
  hintMs: number | undefined,
  policy: RetryPolicy,
  random: () => number = Math.random
): number {
  if (hintMs !== undefined) return Math.round(hintMs + random() * Math.min(1000, hintMs * 0.1))
  return backoffDelay(retry, policy, random)
}

/** Thrown by one attempt to ask for another; carries the error to report if no attempt is left. */
export class RetryableFailure extends Error {
  constructor(
    readonly error: AirsError,
    /** Server-requested wait (Retry-After), if any. */
    readonly hintMs?: number,
    /** Whether the failed request may have taken effect (matters only for non-idempotent calls). */
    readonly maybeProcessed = true
  ) {
    super(error.message)
    this.name = 'RetryableFailure'
  }
}

export interface RetryRuntime {
  policy: RetryPolicy
  sleep: Sleep
  random: () => number
  onRetry?: (info: { retry: number; delayMs: number; error: AirsError }) => void
}

/** Re-runs `attempt` while it throws RetryableFailure, within the policy; rethrows the final error. */
export async function runWithRetries<T>(
  attempt: (index: number) => Promise<T>,
  rt: RetryRuntime,
  signal?: AbortSignal
): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt(n)
    } catch (e) {
      if (!(e instanceof RetryableFailure)) throw e
      if (n >= rt.policy.maxRetries) throw e.error
      if (e.hintMs !== undefined && e.hintMs > rt.policy.maxRetryAfterMs) {
        e.error.message += ` The service asked to wait ${Math.ceil(e.hintMs / 1000)} s before retrying, longer than the ${Math.ceil(rt.policy.maxRetryAfterMs / 1000)} s this client waits.`
        throw e.error
      }
      const delayMs = retryDelay(n, e.hintMs, rt.policy, rt.random)
      rt.onRetry?.({ retry: n + 1, delayMs, error: e.error })
      try {
        await rt.sleep(delayMs, signal)
      } catch (err) {
        if (err instanceof AbortedError) {
          throw new AirsError(
            e.error.kind,
            `${e.error.message} (gave up: the overall time limit ran out while waiting to retry)`,
            {
              reason: 'ABORTED',
              endpoint: e.error.endpoint,
              status: e.error.status,
              attempts: n + 1
            }
          )
        }
        throw err
      }
    }
  }
}
