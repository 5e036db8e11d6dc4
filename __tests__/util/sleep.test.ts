import { describe, expect, it } from '@jest/globals'
import { AbortedError, sleep } from '../../src/util/sleep.js'

describe('sleep', () => {
  it('waits about as long as asked', async () => {
    const t0 = performance.now()
    await sleep(40)
    expect(performance.now() - t0).toBeGreaterThanOrEqual(35)
  })

  it('ends early with AbortedError when the signal aborts, and at once when it already has', async () => {
    const t0 = performance.now()
    await expect(sleep(10_000, AbortSignal.timeout(30))).rejects.toBeInstanceOf(AbortedError)
    expect(performance.now() - t0).toBeLessThan(5_000)
    const c = new AbortController()
    c.abort()
    await expect(sleep(10_000, c.signal)).rejects.toBeInstanceOf(AbortedError)
  })
})
