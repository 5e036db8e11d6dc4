import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { CREATE_REQUEST_LABEL } from '../../src/airs/schemas/spec-values.js'
import { AirsError, type ErrorKind, type ErrorReason } from '../../src/airs/airs-error.js'
import type { FaultAction, FaultRule } from '../../sim/faults.js'
import type { Simulator } from '../../sim/server.js'
import { capture, clientFor, leakedSecrets, requests, startSim, type Captured } from '../helpers/sim.js'
import { DIALOGPT_SCAN, HF_GROUP, LOCAL_GROUP } from '../helpers/ids.js'

/**
 * Every fault the simulator can inject, against the client: transient ones must be survived with the right
 * data, permanent ones must end in the right error kind with an actionable message, and no secret may show
 * up in any error or log line along the way.
 */

const SCAN_PATH = '/aims/data/v1/scans/{uuid}'
const VIOLATIONS_PATH = '/aims/data/v1/scans/{scan_uuid}/rule-violations'
/** The create goes through, its response is lost. */
const LOST_CREATE: FaultRule = {
  method: 'POST',
  path: '/aims/data/v1/scans',
  action: { type: 'reset-after-processing' }
}
/** One scan list answered empty, as by a label index that lags behind. */
const EMPTY_LIST: FaultRule = {
  method: 'GET',
  path: '/aims/data/v1/scans',
  action: { type: 'status', status: 200, body: { pagination: { total_items: 0 }, scans: [] } }
}

let sim: Simulator
const seen: Captured[] = []
const errors: string[] = []

beforeAll(async () => {
  sim = await startSim({ settleMs: 0 })
})
afterEach(() => {
  sim.faults.clear()
})

function newClient(options: Parameters<typeof clientFor>[2] = {}) {
  const cap = capture()
  seen.push(cap)
  return { cap, client: clientFor(sim, cap, { timeoutMs: 400, ...options }) }
}

async function failure(p: Promise<unknown>): Promise<AirsError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x
  )
  expect(e).toBeInstanceOf(AirsError)
  errors.push((e as AirsError).message)
  return e as AirsError
}

describe('transient faults are survived with the right data', () => {
  // name, fault, how many requests per endpoint it hits, the least the client must wait before its first retry
  const transient: Array<[string, FaultAction, number, number]> = [
    ['429 with Retry-After seconds', { type: 'status', status: 429, retryAfter: 2 }, 2, 2000],
    [
      '429 with an HTTP-date Retry-After',
      { type: 'status', status: 429, retryAfter: new Date(Date.now() + 60_000).toUTCString() },
      1,
      50_000
    ],
    [
      '429 with the AIRS body hint',
      { type: 'status', status: 429, retryAfterBody: { interval: 3, unit: 'seconds' } },
      1,
      3000
    ],
    ['500 burst', { type: 'status', status: 500 }, 3, 1],
    ['502 burst', { type: 'status', status: 502 }, 3, 1],
    ['503 burst', { type: 'status', status: 503 }, 5, 1],
    ['504', { type: 'status', status: 504 }, 1, 1],
    ['connection reset', { type: 'reset' }, 2, 1],
    ['no answer (timeout)', { type: 'hang' }, 1, 1],
    ['truncated JSON', { type: 'malformed-json' }, 2, 1]
  ]

  it.each(transient)('%s', async (_, action, times, minWait) => {
    const { cap, client } = newClient()
    sim.faults.add([
      { path: SCAN_PATH, action, times },
      { path: VIOLATIONS_PATH, action, times }
    ])
    const scan = await client.scans.get(DIALOGPT_SCAN)
    expect(scan).toMatchObject({
      uuid: DIALOGPT_SCAN,
      eval_outcome: 'BLOCKED',
      eval_summary: { rules_failed: 1 }
    })
    const violations = await client.scans.allViolations(DIALOGPT_SCAN)
    expect(violations.items).toHaveLength(5)
    expect(sim.faults.pending).toBe(0)
    // a 429 also holds back the next new request (the violations), once
    const rateLimited = action.type === 'status' && action.status === 429
    expect(cap.sleeps).toHaveLength(2 * times + (rateLimited ? 1 : 0))
    expect(Math.min(...cap.sleeps)).toBeGreaterThanOrEqual(rateLimited ? minWait - 1000 : minWait)
    // each retry was announced
    expect(cap.lines.filter((l) => /retry \d of 5 in/.test(l))).toHaveLength(2 * times)
    await client.close()
  })

  it('a 429 slows every request of the client, not only the one that met it', async () => {
    const { cap, client } = newClient()
    sim.faults.add([{ path: SCAN_PATH, action: { type: 'status', status: 429, retryAfter: 30 }, times: 1 }])
    await client.scans.get(DIALOGPT_SCAN)
    expect(cap.sleeps).toEqual([expect.any(Number)])
    expect(cap.sleeps[0]).toBeGreaterThanOrEqual(30_000)
    // another request, which met no 429 itself, waits out the rest of the pause before it is sent
    const before = requests(sim, 'violations')
    await client.scans.allViolations(DIALOGPT_SCAN)
    expect(cap.sleeps).toHaveLength(2)
    expect(cap.sleeps[1]).toBeGreaterThan(25_000)
    expect(requests(sim, 'violations')).toBe(before + 1)
    await client.close()
  })

  it.each<[string, FaultAction]>([
    ['slow answer within the timeout', { type: 'delay', ms: 150 }],
    ['token expired mid-poll', { type: 'expire-tokens' }]
  ])('%s: no retry needed', async (_, action) => {
    const { cap, client } = newClient()
    sim.faults.add([
      { path: SCAN_PATH, action },
      { path: VIOLATIONS_PATH, action }
    ])
    expect((await client.scans.get(DIALOGPT_SCAN)).eval_outcome).toBe('BLOCKED')
    expect((await client.scans.allViolations(DIALOGPT_SCAN)).items).toHaveLength(5)
    expect(sim.faults.pending).toBe(0)
    expect(cap.sleeps).toEqual([])
    await client.close()
  })

  it('survives faults on the token service and on the management plane too', async () => {
    const { client } = newClient()
    sim.faults.add([
      { area: 'token', action: { type: 'status', status: 503 }, times: 2 },
      { area: 'mgmt', action: { type: 'reset' }, times: 1 },
      { area: 'mgmt', action: { type: 'status', status: 502 }, times: 1 }
    ])
    expect((await client.securityGroups.get(LOCAL_GROUP)).name).toBe('Default LOCAL')
    expect((await client.securityGroups.get(HF_GROUP)).name).toBe('Default HUGGING_FACE')
    await client.close()
  })

  it('keeps pages in order when pages fail halfway through a concurrent collection', async () => {
    const { client } = newClient({ pageConcurrency: 4 })
    const scan = await client.scans.create({
      model_uri: 'https://huggingface.co/airs-sim/large',
      security_group_uuid: HF_GROUP
    })
    await client.scans.get(scan.uuid)
    const clean = await client.scans.allViolations(scan.uuid)
    sim.faults.add([
      { path: VIOLATIONS_PATH, skip: 10, times: 5, action: { type: 'status', status: 503 } },
      { path: VIOLATIONS_PATH, skip: 40, times: 3, action: { type: 'reset' } }
    ])
    const faulty = await client.scans.allViolations(scan.uuid)
    expect(faulty.items.map((v) => v.uuid)).toEqual(clean.items.map((v) => v.uuid))
    await client.close()
  })
})

describe('scan creation is safe to retry', () => {
  const countOurs = (requestId: string) =>
    [...sim.store.scans.values()].filter((s) =>
      s.labels.some((l) => l.key === CREATE_REQUEST_LABEL && l.value === requestId)
    ).length

  it('finds the scan a lost response created instead of creating a second one', async () => {
    const { cap, client } = newClient()
    sim.faults.add(LOST_CREATE)
    const scan = await client.scans.create(
      { model_uri: 'https://huggingface.co/airs-sim/lost-response', security_group_uuid: HF_GROUP },
      { requestId: 'req-lost-1' }
    )
    expect(countOurs('req-lost-1')).toBe(1)
    expect(sim.store.scans.get(scan.uuid)?.labels).toContainEqual({
      key: CREATE_REQUEST_LABEL,
      value: 'req-lost-1'
    })
    expect(cap.lines.some((l) => /response to creating scan .* was lost/.test(l))).toBe(true)
    await client.close()
  })

  it('creates the scan once when every response is lost', async () => {
    const { client } = newClient()
    sim.faults.add({ ...LOST_CREATE, times: null })
    const scan = await client.scans.create(
      { model_uri: 'https://huggingface.co/airs-sim/always-lost', security_group_uuid: HF_GROUP },
      { requestId: 'req-lost-2' }
    )
    expect(countOurs('req-lost-2')).toBe(1)
    expect(scan.model_uri).toBe('https://huggingface.co/airs-sim/always-lost')
    await client.close()
  })

  it.each([
    ['an empty body', { type: 'empty-body' as const }],
    ['a body that breaks the contract', { type: 'contract-break' as const }]
  ])(
    'finds the scan a create answered with %s created, instead of failing and leaving it',
    async (_, action) => {
      const { client } = newClient()
      sim.faults.add({ method: 'POST', path: '/aims/data/v1/scans', action })
      const requestId = `req-broken-${action.type}`
      const scan = await client.scans.create(
        { model_uri: 'https://huggingface.co/airs-sim/broken-answer', security_group_uuid: HF_GROUP },
        { requestId }
      )
      expect(countOurs(requestId)).toBe(1)
      expect(sim.store.scans.get(scan.uuid)?.labels).toContainEqual({
        key: CREATE_REQUEST_LABEL,
        value: requestId
      })
      await client.close()
    }
  )

  it('finds a scan through the model URI when the label lookup comes back empty', async () => {
    const { client } = newClient()
    sim.faults.add([
      LOST_CREATE,
      // the first lookup (by label) answers as if the label index lagged behind
      EMPTY_LIST
    ])
    await client.scans.create(
      { model_uri: 'https://huggingface.co/airs-sim/lagging-index', security_group_uuid: HF_GROUP },
      { requestId: 'req-lag' }
    )
    expect(countOurs('req-lag')).toBe(1)
    await client.close()
  })

  it('keeps looking for a create that timed out while the server was still working on it', async () => {
    // the server takes 1.1 s; the client gives up on the request after 300 ms, waits its backoff and then
    // looks again over about one request timeout before it would send the create a second time
    const { client } = newClient({ timeoutMs: 300, realSleep: true })
    sim.faults.add({ method: 'POST', path: '/aims/data/v1/scans', action: { type: 'delay', ms: 1100 } })
    const lookups = requests(sim, 'GET /aims/data/v1/scans')
    const posts = requests(sim, 'POST /aims/data/v1/scans')
    const scan = await client.scans.create(
      { model_uri: 'https://huggingface.co/airs-sim/slow-create', security_group_uuid: HF_GROUP },
      { requestId: 'req-slow' }
    )
    expect(countOurs('req-slow')).toBe(1)
    expect(scan.labels).toContainEqual({ key: CREATE_REQUEST_LABEL, value: 'req-slow' })
    expect(requests(sim, 'POST /aims/data/v1/scans') - posts).toBe(1)
    // the first round (label, then URI) found nothing yet; a later one found the scan
    expect(requests(sim, 'GET /aims/data/v1/scans') - lookups).toBeGreaterThanOrEqual(3)
    await client.close()
  })

  it('looks once more after the last attempt failed', async () => {
    const { client } = newClient({ retry: { maxRetries: 0 } })
    sim.faults.add(LOST_CREATE)
    const scan = await client.scans.create(
      { model_uri: 'https://huggingface.co/airs-sim/last-chance', security_group_uuid: HF_GROUP },
      { requestId: 'req-last' }
    )
    expect(scan.labels).toContainEqual({ key: CREATE_REQUEST_LABEL, value: 'req-last' })
    expect(countOurs('req-last')).toBe(1)
    await client.close()
  })

  it('looks up by label only when the model URI is too long to search for', async () => {
    const { client } = newClient()
    const uri = `https://huggingface.co/airs-sim/${'m'.repeat(300)}`
    sim.faults.add([LOST_CREATE, EMPTY_LIST])
    const lookups = requests(sim, 'GET /aims/data/v1/scans')
    await client.scans.create({ model_uri: uri, security_group_uuid: HF_GROUP }, { requestId: 'req-long' })
    // an empty label look-up, then one that finds it; never a URI search (search_query holds 256 characters)
    expect(requests(sim, 'GET /aims/data/v1/scans') - lookups).toBe(2)
    expect(
      sim.requests.filter((r) => r.target.includes('search_query=')).map((r) => r.target)
    ).not.toContainEqual(expect.stringContaining('mmmm'))
    expect(countOurs('req-long')).toBe(1)
    await client.close()
  })

  it('replaces a caller-supplied request label with its own', async () => {
    const { client } = newClient()
    const scan = await client.scans.create(
      {
        model_uri: `${'https://huggingface.co/airs-sim'}/own-label`,
        security_group_uuid: HF_GROUP,
        labels: [{ key: CREATE_REQUEST_LABEL, value: 'forged' }]
      },
      { requestId: 'req-own' }
    )
    expect(scan.labels.filter((l) => l.key === CREATE_REQUEST_LABEL)).toEqual([
      { key: CREATE_REQUEST_LABEL, value: 'req-own' }
    ])
    await client.close()
  })

  it('confirms a candidate by reading it when the scan list leaves labels out', async () => {
    const { client } = newClient()
    sim.faults.add([
      LOST_CREATE,
      {
        method: 'GET',
        path: '/aims/data/v1/scans',
        action: { type: 'contract-break', field: 'labels' },
        times: 2
      }
    ])
    const scan = await client.scans.create(
      { model_uri: 'https://huggingface.co/airs-sim/unlabelled-list', security_group_uuid: HF_GROUP },
      { requestId: 'req-unlabelled' }
    )
    expect(countOurs('req-unlabelled')).toBe(1)
    expect(scan.labels).toContainEqual({ key: CREATE_REQUEST_LABEL, value: 'req-unlabelled' })
    await client.close()
  })

  it('retries a refused create (429, nothing processed) without looking anything up', async () => {
    const { client } = newClient()
    const lookups = requests(sim, 'GET /aims/data/v1/scans')
    sim.faults.add({
      method: 'POST',
      path: '/aims/data/v1/scans',
      action: { type: 'status', status: 429, retryAfter: 1 },
      times: 2
    })
    await client.scans.create(
      { model_uri: 'https://huggingface.co/airs-sim/throttled', security_group_uuid: HF_GROUP },
      { requestId: 'req-429' }
    )
    expect(countOurs('req-429')).toBe(1)
    expect(requests(sim, 'GET /aims/data/v1/scans')).toBe(lookups)
    await client.close()
  })

  it('looks up before retrying after a 5xx, and creates once when the first attempt did not go through', async () => {
    const { client } = newClient()
    const lookups = requests(sim, 'GET /aims/data/v1/scans')
    sim.faults.add({ method: 'POST', path: '/aims/data/v1/scans', action: { type: 'status', status: 502 } })
    await client.scans.create(
      { model_uri: 'https://huggingface.co/airs-sim/bad-gateway', security_group_uuid: HF_GROUP },
      { requestId: 'req-502' }
    )
    expect(countOurs('req-502')).toBe(1)
    expect(requests(sim, 'GET /aims/data/v1/scans') - lookups).toBe(2)
    await client.close()
  })
})

describe('permanent faults end in the right error with a fix', () => {
  const permanent: Array<[string, FaultRule, ErrorKind, ErrorReason, RegExp]> = [
    [
      '503 that never ends',
      { path: SCAN_PATH, action: { type: 'status', status: 503 }, times: null },
      'SERVER_SIDE_ERROR',
      'SERVER_ERROR',
      /returned 503: Service unavailable after 6 attempts\. The service is failing; retry later/
    ],
    [
      '429 that never ends',
      { path: SCAN_PATH, action: { type: 'status', status: 429 }, times: null },
      'SERVER_SIDE_ERROR',
      'RATE_LIMITED',
      /rate limiting this tenant/
    ],
    [
      'a Retry-After longer than the client waits',
      { path: SCAN_PATH, action: { type: 'status', status: 429, retryAfter: 3600 } },
      'SERVER_SIDE_ERROR',
      'RATE_LIMITED',
      /asked to wait 3600 s/
    ],
    [
      'connections always reset',
      { path: SCAN_PATH, action: { type: 'reset' }, times: null },
      'SERVER_SIDE_ERROR',
      'NETWORK_ERROR',
      /^The connection to GET \/aims\/data\/v1\/scans\/\{uuid\} broke before its answer arrived after 6 attempts/
    ],
    [
      'always truncated JSON',
      { path: SCAN_PATH, action: { type: 'malformed-json' }, times: null },
      'SERVER_SIDE_ERROR',
      'CONTRACT_VIOLATION',
      /breaks the API contract: the 200 body is not valid JSON/
    ],
    [
      'empty 200 body',
      { path: SCAN_PATH, action: { type: 'empty-body' } },
      'SERVER_SIDE_ERROR',
      'CONTRACT_VIOLATION',
      /GET \/aims\/data\/v1\/scans\/\{uuid\} returned a response that breaks the API contract: uuid: /
    ],
    [
      'eval_outcome missing',
      { path: SCAN_PATH, action: { type: 'contract-break' } },
      'SERVER_SIDE_ERROR',
      'CONTRACT_VIOLATION',
      /breaks the API contract: eval_outcome: Invalid input/
    ],
    [
      'eval_outcome of the wrong type',
      { path: SCAN_PATH, action: { type: 'contract-break', field: 'eval_outcome', value: 3 } },
      'SERVER_SIDE_ERROR',
      'CONTRACT_VIOLATION',
      /eval_outcome: Invalid input: expected string, received number/
    ],
    [
      '403 forbidden',
      {
        path: SCAN_PATH,
        action: {
          type: 'status',
          status: 403,
          body: { code: 'FORBIDDEN', message: 'Insufficient permissions', details: {} }
        }
      },
      'CLIENT_SIDE_ERROR',
      'FORBIDDEN',
      /Insufficient permissions\. Permission denied: give the service account's role the ai_ms\.scans API permission/
    ],
    [
      'token service down',
      { area: 'token', action: { type: 'status', status: 500 }, times: null },
      'OAUTH_ERROR',
      'TOKEN_ENDPOINT_FAILED',
      /token request failed with 500.*authentication service is failing \(6 attempts\)/
    ]
  ]

  it.each(permanent)('%s', async (_, rule, kind, reason, message) => {
    const { client } = newClient()
    sim.faults.add(rule)
    const e = await failure(client.scans.get(DIALOGPT_SCAN))
    expect([e.kind, e.reason]).toEqual([kind, reason])
    expect(e.message).toMatch(message)
    expect(e.message).not.toMatch(/\n/)
    await client.close()
  })

  it('names the broken field inside a list', async () => {
    const { client } = newClient()
    sim.faults.add({
      path: VIOLATIONS_PATH,
      action: { type: 'contract-break', field: 'rule_name', value: null }
    })
    const e = await failure(client.scans.allViolations(DIALOGPT_SCAN))
    expect(e.message).toMatch(
      /rule-violations returned a response that breaks the API contract: violations\[0\]\.rule_name: /
    )
  })

  it('times out a request that never gets an answer', async () => {
    const { client } = newClient({ timeoutMs: 150, retry: { maxRetries: 1 } })
    sim.faults.add({ path: SCAN_PATH, action: { type: 'hang' }, times: null })
    const e = await failure(client.scans.get(DIALOGPT_SCAN))
    expect([e.kind, e.reason]).toEqual(['SERVER_SIDE_ERROR', 'TIMEOUT'])
    expect(e.message).toMatch(/timed out after 2 attempts \(no response within 150 ms\)/)
    await client.close()
  })

  it('gives up at once when the caller cancels', async () => {
    const { client } = newClient({ timeoutMs: 10_000 })
    sim.faults.add({ path: SCAN_PATH, action: { type: 'hang' } })
    const e = await failure(client.scans.get(DIALOGPT_SCAN, { signal: AbortSignal.timeout(100) }))
    expect(e.reason).toBe('ABORTED')
    await client.close()
  })

  it('does not retry a certificate it cannot verify, and says how to trust an inspecting proxy', async () => {
    const tls = createHttpsServer({
      cert: readFileSync(new URL('../fixtures/tls/test-only-cert.pem', import.meta.url)),
      key: readFileSync(new URL('../fixtures/tls/test-only-key.pem', import.meta.url))
    })
    await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r))
    const { cap, client } = newClient({
      tokenEndpoint: `https://127.0.0.1:${(tls.address() as AddressInfo).port}/oauth2/access_token`
    })
    const e = await failure(client.authenticate())
    expect([e.kind, e.reason]).toEqual(['OAUTH_ERROR', 'TOKEN_ENDPOINT_FAILED'])
    expect(e.message).toMatch(
      /TLS certificate verification failed \(DEPTH_ZERO_SELF_SIGNED_CERT\).*NODE_EXTRA_CA_CERTS/
    )
    expect(cap.sleeps).toEqual([])
    await client.close()
    await new Promise((r) => tls.close(r))
  })

  it('reports an unreachable service as a network error', async () => {
    const { client } = newClient({ retry: { maxRetries: 1 }, dataEndpoint: 'http://127.0.0.1:9/aims/data' })
    const e = await failure(client.scans.get(DIALOGPT_SCAN))
    expect(e.reason).toBe('NETWORK_ERROR')
    expect(e.message).toMatch(/ECONNREFUSED/)
    await client.close()
  })
})

describe('secrets', () => {
  it('are redacted from messages built from what the service sent back', async () => {
    const { client } = newClient()
    const secret = sim.credentials.clientSecret
    sim.faults.add({
      path: SCAN_PATH,
      action: {
        type: 'status',
        status: 400,
        body: { code: 'BAD_REQUEST', message: `credential ${secret} is not allowed here`, details: {} }
      }
    })
    const api = await failure(client.scans.get(DIALOGPT_SCAN))
    expect(api.message).toMatch(/credential \*\*\* is not allowed/)
    sim.faults.add({
      area: 'token',
      action: {
        type: 'status',
        status: 401,
        body: { error: 'invalid_client', error_description: `secret ${secret} rejected` }
      }
    })
    const fresh = newClient()
    const oauth = await failure(fresh.client.authenticate())
    expect(oauth.message).toMatch(/secret \*\*\* rejected/)
    expect(`${api.message} ${oauth.message}`).not.toContain(secret)
    await client.close()
    await fresh.client.close()
  })

  it('no secret appeared in any error message or log line of this file', () => {
    const texts = [...errors, ...seen.flatMap((c) => c.lines)]
    expect(texts.length).toBeGreaterThan(50)
    for (const cap of seen) expect(leakedSecrets(cap, texts)).toEqual([])
    expect(texts.filter((t) => t.includes(sim.credentials.clientSecret))).toEqual([])
  })
})
