import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { AbortedError, sleep } from '../../src/util/sleep.js'

// On jest's fake clock: what is checked is when the sleep ends on that clock, never how long a real one took.
describe('sleep', () => {
  beforeEach(() => {
    jest.useFakeTimers()
  })
  afterEach(() => {
    jest.useRealTimers()
  })

  /** Whether a promise has settled, after the microtasks queued so far have run. */
  const settledYet = async (p: Promise<unknown>) => {
    let done = false
    p.then(
      () => (done = true),
      () => (done = true)
    )
    await Promise.resolve()
    await Promise.resolve()
    return done
  }

  it('waits as long as asked: not a millisecond less', async () => {
    const p = sleep(40)
    await jest.advanceTimersByTimeAsync(39)
    expect(await settledYet(p)).toBe(false)
    await jest.advanceTimersByTimeAsync(1)
    expect(await settledYet(p)).toBe(true)
    await expect(p).resolves.toBeUndefined()
  })

  it('ends early with AbortedError when the signal aborts, and at once when it already has', async () => {
    const c = new AbortController()
    const p = sleep(10_000, c.signal)
    const outcome = p.then(
      () => 'resolved',
      (e: unknown) => e
    )
    await jest.advanceTimersByTimeAsync(30)
    expect(await settledYet(p)).toBe(false)
    c.abort()
    expect(await outcome).toBeInstanceOf(AbortedError)
    // the sleep's own timer was cleared with the abort
    expect(jest.getTimerCount()).toBe(0)

    const aborted = new AbortController()
    aborted.abort()
    await expect(sleep(10_000, aborted.signal)).rejects.toBeInstanceOf(AbortedError)
    expect(jest.getTimerCount()).toBe(0)
  })
})
