import { beforeAll, describe, expect, it } from '@jest/globals'
import { AirsError } from '../../src/airs/airs-error.js'
import type { Simulator } from '../../sim/server.js'
import { capture, clientFor, leakedSecrets, requests, startSim } from '../helpers/sim.js'
import { DIALOGPT_SCAN } from '../helpers/ids.js'

/** OAuth2 client credentials against the simulated token service, over real HTTP. */

let sim: Simulator

beforeAll(async () => {
  sim = await startSim()
})

describe('access tokens', () => {
  it('fetches one token with HTTP Basic and the tsg_id scope, and shares it across both planes and concurrent calls', async () => {
    const cap = capture()
    const client = clientFor(sim, cap)
    const before = requests(sim, '/oauth2/access_token')
    await Promise.all([
      client.scans.get(DIALOGPT_SCAN),
      client.scans.listViolations(DIALOGPT_SCAN),
      client.securityGroups.list(),
      client.securityRules.get('550e8400-e29b-41d4-a716-44665544000b')
    ])
    await client.scans.get(DIALOGPT_SCAN)
    expect(requests(sim, '/oauth2/access_token') - before).toBe(1)
    const tokenRequests = sim.requests.filter((r) => r.target === '/oauth2/access_token')
    expect(tokenRequests.at(-1)).toMatchObject({
      method: 'POST',
      auth: 'basic',
      userAgent: expect.stringMatching(/^airs-model-gate\/\d+\.\d+\.\d+ \(node /)
    })
    expect(sim.requests.filter((r) => r.target.startsWith('/aims/')).every((r) => r.auth === 'bearer')).toBe(
      true
    )
    expect(client.tokensIssued).toBe(1)
    // the token went to the secret sink; nothing logged it
    expect(cap.secrets).toHaveLength(2)
    expect(leakedSecrets(cap, cap.lines)).toEqual([])
    await client.close()
  })

  it('sends secrets with reserved characters intact', async () => {
    const odd = await startSim({ clientSecret: 'p%41ss+w@rd:with:colons' })
    const client = clientFor(odd)
    expect((await client.scans.get(DIALOGPT_SCAN)).uuid).toBe(DIALOGPT_SCAN)
    await client.close()
  })

  it('renews the token shortly before it expires', async () => {
    const short = await startSim({ tokenTtlSeconds: 8 })
    let now = Date.now()
    const client = clientFor(short, capture(), { now: () => now })
    await client.scans.get(DIALOGPT_SCAN)
    now += 5_000 // 3 s before expiry: still used
    await client.scans.get(DIALOGPT_SCAN)
    expect(client.tokensIssued).toBe(1)
    now += 1_500 // within the renewal margin (a quarter of the lifetime)
    await client.scans.get(DIALOGPT_SCAN)
    expect(client.tokensIssued).toBe(2)
    await client.close()
  })

  it('renews once, outside the retry budget, when the API refuses a token (expired or revoked early)', async () => {
    const client = clientFor(sim, capture(), { retry: { maxRetries: 0 } })
    await client.scans.get(DIALOGPT_SCAN)
    sim.expireTokens()
    const s = await client.scans.get(DIALOGPT_SCAN)
    expect(s.uuid).toBe(DIALOGPT_SCAN)
    expect(client.tokensIssued).toBe(2)
    await client.close()
  })

  it('one caller giving up does not cancel the token request the others share', async () => {
    const client = clientFor(sim)
    sim.faults.add({ area: 'token', action: { type: 'delay', ms: 200 } })
    const impatient = client.scans.get(DIALOGPT_SCAN, { signal: AbortSignal.timeout(50) })
    const patient = client.scans.get(DIALOGPT_SCAN)
    await expect(impatient).rejects.toMatchObject({ kind: 'OAUTH_ERROR', reason: 'ABORTED' })
    expect((await patient).uuid).toBe(DIALOGPT_SCAN)
    expect(client.tokensIssued).toBe(1)
    await client.close()
  })

  it('fails with OAUTH_ERROR when even a fresh token is refused', async () => {
    const client = clientFor(sim)
    sim.faults.add({
      area: 'data',
      action: {
        type: 'status',
        status: 401,
        body: { code: 'UNAUTHENTICATED', message: 'Token not valid for this tenant', details: {} }
      },
      times: 2
    })
    const e = (await client.scans.get(DIALOGPT_SCAN).catch((x: unknown) => x)) as AirsError
    expect(e).toBeInstanceOf(AirsError)
    expect(e.kind).toBe('OAUTH_ERROR')
    expect(e.message).toMatch(
      /returned 401: Token not valid for this tenant\. A freshly issued access token was refused/
    )
    expect(client.tokensIssued).toBe(2)
    await client.close()
  })

  it('explains rejected credentials, naming where each value came from, without the secret', async () => {
    const cap = capture()
    const client = clientFor(sim, cap, { clientSecret: 'wrong-secret-value' })
    const apiCalls = requests(sim, '/aims/')
    const e = (await client.scans.get(DIALOGPT_SCAN).catch((x: unknown) => x)) as AirsError
    expect(e.kind).toBe('OAUTH_ERROR')
    expect(e.reason).toBe('TOKEN_REJECTED')
    expect(e.message).toBe(
      'The token request was refused with 401 (invalid_client: Client authentication failed). Check the client ID (from client-id) and client secret (from client-secret): they must be a current service-account pair of TSG 1234567890 (from tsg-id).'
    )
    expect(e.message).not.toContain('wrong-secret-value')
    // no API call without a token, and no retry of a credential error
    expect(requests(sim, '/aims/')).toBe(apiCalls)
    expect(cap.sleeps).toEqual([])
    await client.close()
  })

  it('points at the TSG ID when the scope is refused', async () => {
    const client = clientFor(sim, capture(), { tsgId: '999' })
    const e = (await client.authenticate().catch((x: unknown) => x)) as AirsError
    expect(e.message).toMatch(/refused with 400 \(invalid_scope: .*\)\. Check the TSG ID \(from tsg-id\)/)
    await client.close()
  })

  it('points at the URL when the token endpoint does not exist', async () => {
    const client = clientFor(sim, capture(), { tokenEndpoint: `${sim.url}/oauth/token` })
    const e = (await client.authenticate().catch((x: unknown) => x)) as AirsError
    expect(e.message).toMatch(/failed with 404.*Check the token endpoint URL \(from token-endpoint\)/)
    await client.close()
  })

  it('retries a failing token service, honouring Retry-After', async () => {
    const cap = capture()
    const client = clientFor(sim, cap)
    sim.faults.add([
      { area: 'token', action: { type: 'status', status: 503 } },
      { area: 'token', action: { type: 'status', status: 429, retryAfter: 3 } },
      { area: 'token', action: { type: 'reset' } }
    ])
    await client.authenticate()
    expect(cap.sleeps).toHaveLength(3)
    expect(cap.sleeps[1]).toBeGreaterThanOrEqual(3000)
    await client.close()
  })

  it('rejects a token response without an access token', async () => {
    const client = clientFor(sim, capture(), { retry: { maxRetries: 1 } })
    sim.faults.add({ area: 'token', action: { type: 'contract-break', field: 'access_token' } })
    const e = (await client.authenticate().catch((x: unknown) => x)) as AirsError
    expect([e.kind, e.reason]).toEqual(['OAUTH_ERROR', 'CONTRACT_VIOLATION'])
    expect(e.message).toMatch(/without a usable access_token/)
    sim.faults.add({ area: 'token', action: { type: 'malformed-json' }, times: 2 })
    const m = (await client.authenticate().catch((x: unknown) => x)) as AirsError
    expect(m.message).toMatch(/body that is not JSON/)
    await client.close()
  })
})
