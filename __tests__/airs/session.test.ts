import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { AirsError } from '../../src/airs/airs-error.js'
import { ModelSecurityClient } from '../../src/airs/client.js'
import { AirsSession, type SessionOptions } from '../../src/airs/session.js'
import type { Simulator } from '../../sim/server.js'
import { capture, requests, simOptions, startSim, type Captured } from '../helpers/sim.js'
import { DIALOGPT_SCAN } from '../helpers/ids.js'

/**
 * A session signs in before the API client exists (the gate starts the token exchange, then loads the rest).
 * Its token, or its failure, must be what the client's first call gets: one exchange, one report.
 */

let sim: Simulator
const opened: AirsSession[] = []

beforeAll(async () => {
  sim = await startSim()
})

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()))
})

function sessionFor(cap: Captured, options: SessionOptions = {}): AirsSession {
  const session = new AirsSession({
    ...simOptions(sim, cap),
    sleep: () => Promise.resolve(),
    ...options
  })
  opened.push(session)
  return session
}

/** Waits until the simulator has answered `n` more token requests than `before`. */
async function tokenRequestsReach(before: number, n: number): Promise<void> {
  for (let i = 0; i < 500 && requests(sim, '/oauth2/access_token') - before < n; i++) {
    await new Promise((r) => setTimeout(r, 2))
  }
}

describe('signing in ahead of the client', () => {
  it('sends the token request at once, and the client uses that token: one exchange in all', async () => {
    const cap = capture()
    const before = requests(sim, '/oauth2/access_token')
    const session = sessionFor(cap)
    session.signIn()
    await tokenRequestsReach(before, 1)
    expect(requests(sim, '/oauth2/access_token') - before).toBe(1)

    const client = new ModelSecurityClient({ session })
    expect((await client.scans.get(DIALOGPT_SCAN)).uuid).toBe(DIALOGPT_SCAN)
    await client.authenticate()
    expect(requests(sim, '/oauth2/access_token') - before).toBe(1)
    expect(client.tokensIssued).toBe(1)
    // the secret and the token went to the secret sink, once each
    expect(cap.secrets).toHaveLength(2)
  })

  it('joins a sign-in still in flight instead of starting another', async () => {
    const before = requests(sim, '/oauth2/access_token')
    const session = sessionFor(capture())
    session.signIn()
    session.signIn()
    const client = new ModelSecurityClient({ session })
    await Promise.all([client.authenticate(), client.scans.get(DIALOGPT_SCAN)])
    expect(requests(sim, '/oauth2/access_token') - before).toBe(1)
  })

  it('reports a refused sign-in once, to the first call that needs a token; a later call asks again', async () => {
    const before = requests(sim, '/oauth2/access_token')
    const apiBefore = requests(sim, '/aims/')
    const session = sessionFor(capture(), { clientSecret: 'not-the-secret' })
    session.signIn()
    await tokenRequestsReach(before, 1)
    const client = new ModelSecurityClient({ session })
    const e = (await client.authenticate().catch((x: unknown) => x)) as AirsError
    expect(e).toBeInstanceOf(AirsError)
    expect(e.kind).toBe('OAUTH_ERROR')
    expect(e.reason).toBe('TOKEN_REJECTED')
    // the refusal came from the sign-in itself, not from a second exchange
    expect(requests(sim, '/oauth2/access_token') - before).toBe(1)
    await expect(client.authenticate()).rejects.toMatchObject({ kind: 'OAUTH_ERROR' })
    expect(requests(sim, '/oauth2/access_token') - before).toBe(2)
    expect(requests(sim, '/aims/') - apiBefore).toBe(0)
  })

  it('leaves no unhandled rejection when nobody takes a failed sign-in', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      const before = requests(sim, '/oauth2/access_token')
      const session = sessionFor(capture(), { clientSecret: 'not-the-secret' })
      session.signIn()
      await tokenRequestsReach(before, 1)
      // let the refusal settle and any rejection surface
      await new Promise((r) => setTimeout(r, 20))
      await session.close()
      await new Promise((r) => setImmediate(r))
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
    expect(unhandled).toEqual([])
  })

  it('a client on a session leaves the session open: whoever opened it closes it', async () => {
    const session = sessionFor(capture())
    const first = new ModelSecurityClient({ session })
    await first.scans.get(DIALOGPT_SCAN)
    await first.close()
    const second = new ModelSecurityClient({ session })
    expect((await second.scans.get(DIALOGPT_SCAN)).uuid).toBe(DIALOGPT_SCAN)
    await session.close()
    await expect(second.scans.get(DIALOGPT_SCAN)).rejects.toBeInstanceOf(AirsError)
  })
})
