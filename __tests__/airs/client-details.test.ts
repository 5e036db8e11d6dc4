import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { AirsError } from '../../src/airs/airs-error.js'
import { AbortedError, untilAborted } from '../../src/util/sleep.js'
import type { Simulator } from '../../sim/server.js'
import { DIALOGPT_SCAN } from '../helpers/ids.js'
import { capture, clientFor, requests, startSim } from '../helpers/sim.js'

/** Smaller promises of the client, each observed on the wire or in what it reports. */

let sim: Simulator
beforeAll(async () => {
  sim = await startSim()
})
afterAll(() => sim.faults.clear())

describe('client details', () => {
  it('refuses a response larger than it is willing to read', async () => {
    const client = clientFor(sim, capture(), { maxBodyBytes: 2_000 })
    const e = await client.scans.listFiles(DIALOGPT_SCAN, { limit: 100 }).catch((x: unknown) => x)
    expect(e).toMatchObject({ kind: 'SERVER_SIDE_ERROR', reason: 'CONTRACT_VIOLATION' })
    expect(String(e)).toMatch(/response too large to read \(response body exceeds 2000 bytes\)/)
    await client.close()
  })

  it('carries the service request id into the error', async () => {
    const client = clientFor(sim)
    const e = (await client.scans
      .get('11111111-2222-3333-4444-555555555555')
      .catch((x: unknown) => x)) as AirsError
    expect(e.requestId).toMatch(/^[0-9a-f]{16}$/)
    await client.close()
  })

  it('warns before the first request when the client ID names another tenant', async () => {
    const cap = capture()
    const before = requests(sim)
    const client = clientFor(sim, cap, { tsgId: '42' })
    expect(cap.lines).toContainEqual(
      expect.stringMatching(/^warning: The client ID belongs to TSG 1234567890 but the TSG ID is 42/)
    )
    expect(requests(sim)).toBe(before)
    await client.close()
  })

  it('prefers the Retry-After header over the body hint', async () => {
    const cap = capture()
    const client = clientFor(sim, cap)
    sim.faults.add({
      path: '/aims/data/v1/scans/{uuid}',
      action: { type: 'status', status: 429, retryAfter: 2, retryAfterBody: { interval: 9, unit: 'seconds' } }
    })
    await client.scans.get(DIALOGPT_SCAN)
    expect(cap.sleeps).toHaveLength(1)
    expect(cap.sleeps[0]).toBeGreaterThanOrEqual(2000)
    expect(cap.sleeps[0]).toBeLessThan(9000)
    await client.close()
  })

  it('uses the documented retry defaults when options leave them out', async () => {
    const cap = capture()
    const client = clientFor(sim, cap, { retry: { maxRetries: undefined, baseDelayMs: undefined } })
    sim.faults.add({
      path: '/aims/data/v1/scans/{uuid}',
      action: { type: 'status', status: 503 },
      times: null
    })
    const e = await client.scans.get(DIALOGPT_SCAN).catch((x: unknown) => x)
    sim.faults.clear()
    expect(String(e)).toMatch(/after 6 attempts/)
    // 0.5 s doubling, half of each step fixed
    expect(cap.sleeps.map((ms, i) => ms >= 250 * 2 ** i)).toEqual([true, true, true, true, true])
    await client.close()
  })
})

describe('untilAborted', () => {
  it('passes the shared result or failure through, and gives up on its own signal only', async () => {
    await expect(
      untilAborted(Promise.resolve(1), AbortSignal.timeout(1000), () => new AbortedError())
    ).resolves.toBe(1)
    await expect(
      untilAborted(
        Promise.reject(new Error('shared failed')),
        AbortSignal.timeout(1000),
        () => new AbortedError()
      )
    ).rejects.toThrow('shared failed')
    const never = new Promise<number>(() => undefined)
    await expect(
      untilAborted(never, AbortSignal.timeout(20), () => new AbortedError('mine'))
    ).rejects.toThrow('mine')
  })
})
