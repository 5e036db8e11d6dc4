import { describe, expect, it } from '@jest/globals'
import { AirsError } from '../../src/airs/airs-error.js'
import {
  DEFAULT_RETRY_POLICY,
  RetryableFailure,
  backoffDelay,
  parseRetryAfter,
  retryDelay,
  runWithRetries,
  type RetryRuntime
} from '../../src/airs/retry.js'
import { AbortedError } from '../../src/util/sleep.js'

const policy = {
  ...DEFAULT_RETRY_POLICY,
  baseDelayMs: 100,
  maxDelayMs: 1000,
  maxRetries: 3,
  maxRetryAfterMs: 5000
}

describe('backoff', () => {
  it('doubles per retry with half the step as jitter, capped', () => {
    expect([0, 1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 0))).toEqual([50, 100, 200, 400, 500])
    expect([0, 1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 0.999999))).toEqual([
      100, 200, 400, 800, 1000
    ])
  })

  it('prefers the server hint, plus at most 10 % (and 1 s) of jitter', () => {
    expect(retryDelay(0, 3000, policy, () => 0)).toBe(3000)
    expect(retryDelay(0, 3000, policy, () => 1)).toBe(3300)
    expect(retryDelay(5, 60_000, policy, () => 1)).toBe(61_000)
    expect(retryDelay(1, undefined, policy, () => 0)).toBe(100)
  })
})

describe('Retry-After', () => {
  const now = Date.parse('2026-11-23T10:00:00Z')
  it.each([
    ['7', 7000],
    ['0', 0],
    ['1.5', 1500],
    ['Mon, 23 Nov 2026 10:00:30 GMT', 30_000],
    ['Mon, 23 Nov 2026 09:59:00 GMT', 0],
    ['soon', undefined],
    [undefined, undefined]
  ])('%s → %s ms', (header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms)
  })
})

describe('runWithRetries', () => {
  const err = (m = 'boom') => new AirsError('SERVER_SIDE_ERROR', m, { reason: 'SERVER_ERROR', status: 503 })
  function runtime(sleeps: number[]): RetryRuntime {
    return {
      policy,
      random: () => 0,
      sleep: (ms) => {
        sleeps.push(ms)
        return Promise.resolve()
      }
    }
  }

  it('retries transient failures and returns the first success', async () => {
    const sleeps: number[] = []
    let calls = 0
    const v = await runWithRetries(() => {
      calls++
      if (calls < 3) throw new RetryableFailure(err())
      return Promise.resolve('ok')
    }, runtime(sleeps))
    expect([v, calls, sleeps]).toEqual(['ok', 3, [50, 100]])
  })

  it('gives up after maxRetries with the last error', async () => {
    const sleeps: number[] = []
    let calls = 0
    await expect(
      runWithRetries(() => {
        calls++
        throw new RetryableFailure(err(`attempt ${calls}`))
      }, runtime(sleeps))
    ).rejects.toThrow('attempt 4')
    expect(calls).toBe(4)
  })

  it('does not retry permanent errors', async () => {
    let calls = 0
    await expect(
      runWithRetries(() => {
        calls++
        throw err('permanent')
      }, runtime([]))
    ).rejects.toThrow('permanent')
    expect(calls).toBe(1)
  })

  it('waits as long as Retry-After asks, but refuses a wait beyond the policy', async () => {
    const sleeps: number[] = []
    let calls = 0
    await runWithRetries(() => {
      if (calls++ === 0) throw new RetryableFailure(err(), 2000)
      return Promise.resolve(1)
    }, runtime(sleeps))
    expect(sleeps).toEqual([2000])
    await expect(
      runWithRetries(() => {
        throw new RetryableFailure(err('rate limited'), 600_000)
      }, runtime([]))
    ).rejects.toThrow(/asked to wait 600 s before retrying, longer than the 5 s this client waits/)
  })

  it('stops waiting when the overall deadline aborts', async () => {
    const rt: RetryRuntime = { ...runtime([]), sleep: () => Promise.reject(new AbortedError()) }
    const e = await runWithRetries<never>(() => {
      throw new RetryableFailure(err('slow'))
    }, rt).catch((x: unknown) => x as AirsError)
    expect(e.reason).toBe('ABORTED')
    expect(e.message).toMatch(/overall time limit ran out/)
  })
})
