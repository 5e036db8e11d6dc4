import { describe, expect, it } from '@jest/globals'
import { AbortedError, sleep } from '../../src/util/sleep.js'

/** One turn of the event loop: a pending timer of a minute cannot have fired by then. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve))

function settled(p: Promise<unknown>): { state: 'pending' | 'resolved' | 'rejected'; error?: unknown } {
  const s: ReturnType<typeof settled> = { state: 'pending' }
  p.then(
    () => (s.state = 'resolved'),
    (e: unknown) => Object.assign(s, { state: 'rejected', error: e })
  )
  return s
}

describe('sleep', () => {
  it('resolves once its timer fires, and not before', async () => {
    await expect(sleep(1)).resolves.toBeUndefined()
    const c = new AbortController()
    const long = settled(sleep(60_000, c.signal))
    await turn()
    expect(long.state).toBe('pending')
    c.abort()
    await turn()
    expect(long.state).toBe('rejected')
  })

  it('ends early with AbortedError when the signal aborts', async () => {
    const c = new AbortController()
    const p = sleep(60_000, c.signal)
    c.abort()
    const e: unknown = await p.catch((x: unknown) => x)
    expect(e).toBeInstanceOf(AbortedError)
    expect(e).toMatchObject({ name: 'AbortedError', message: 'operation cancelled' })
  })

  it('rejects at once when the signal has already aborted, whatever the reason', async () => {
    await expect(sleep(60_000, AbortSignal.abort(new Error('deadline')))).rejects.toBeInstanceOf(AbortedError)
  })
})
