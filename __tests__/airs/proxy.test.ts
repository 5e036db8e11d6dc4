import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, request as httpRequest, type Server } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import type { Simulator } from '../../sim/server.js'
import { capture, clientFor, startSim } from '../helpers/sim.js'
import { DIALOGPT_SCAN, HF_GROUP } from '../helpers/ids.js'

/**
 * Proxy support through HTTP(S)_PROXY / NO_PROXY. The simulator is reached as `sim.test`, a name that does
 * not resolve: only a proxy (which maps it to 127.0.0.1) can deliver those requests, so success proves the
 * proxy was used and a DNS failure proves it was bypassed.
 */

let sim: Simulator
let proxy: Server
let proxyUrl: string
const seen: string[] = []
const auth: Array<string | undefined> = []

beforeAll(async () => {
  sim = await startSim()
  const simPort = Number(new URL(sim.url).port)
  const target = (host: string) =>
    host.startsWith('sim.test') ? { host: '127.0.0.1', port: simPort } : undefined
  proxy = createServer((req, res) => {
    // absolute-form request: GET http://sim.test:port/path
    const u = new URL(req.url ?? '')
    seen.push(`${req.method} ${u.host}`)
    auth.push(req.headers['proxy-authorization'])
    const t = target(u.host)
    if (!t) {
      res.writeHead(502).end()
      return
    }
    const fwd = httpRequest(
      { ...t, method: req.method, path: u.pathname + u.search, headers: { ...req.headers, host: u.host } },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers)
        r.pipe(res)
      }
    )
    req.pipe(fwd)
  })
  proxy.on('connect', (req, socket, head) => {
    seen.push(`CONNECT ${req.url}`)
    auth.push(req.headers['proxy-authorization'])
    const t = target(req.url ?? '')
    if (!t) {
      socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')
      return
    }
    const upstream = connect(t.port, t.host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(socket)
      socket.pipe(upstream)
    })
    upstream.on('error', () => socket.destroy())
    socket.on('error', () => upstream.destroy())
  })
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r))
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
})
afterAll(async () => {
  proxy.closeAllConnections()
  await new Promise((r) => proxy.close(r))
})

function viaName(env: Record<string, string>, cap = capture()) {
  const base = `http://sim.test:${new URL(sim.url).port}`
  return clientFor(sim, cap, {
    env,
    allowInsecureHttp: true,
    tokenEndpoint: `${base}/oauth2/access_token`,
    dataEndpoint: `${base}/aims/data`,
    mgmtEndpoint: `${base}/aims/mgmt`,
    retry: { maxRetries: 0 }
  })
}

describe('proxy', () => {
  it('sends token and API requests through HTTP_PROXY', async () => {
    seen.length = 0
    const client = viaName({ HTTP_PROXY: proxyUrl })
    expect((await client.scans.get(DIALOGPT_SCAN)).eval_outcome).toBe('BLOCKED')
    expect((await client.securityGroups.get(HF_GROUP)).name).toBe('Default HUGGING_FACE')
    expect(seen.length).toBeGreaterThanOrEqual(1)
    expect(seen.every((s) => s.includes('sim.test'))).toBe(true)
    await client.close()
  })

  it('prefers the lowercase variable, as curl does', async () => {
    seen.length = 0
    const client = viaName({ http_proxy: proxyUrl, HTTP_PROXY: 'http://127.0.0.1:9' })
    expect((await client.scans.get(DIALOGPT_SCAN)).uuid).toBe(DIALOGPT_SCAN)
    expect(seen.length).toBeGreaterThan(0)
    await client.close()
  })

  it('passes proxy credentials to the proxy and keeps them out of the log', async () => {
    auth.length = 0
    const cap = capture()
    const withCreds = proxyUrl.replace('http://', 'http://alice:pr0xy-pass@')
    const client = viaName({ HTTP_PROXY: withCreds }, cap)
    await client.scans.get(DIALOGPT_SCAN)
    expect(auth).toContain(`Basic ${Buffer.from('alice:pr0xy-pass').toString('base64')}`)
    const line = cap.lines.find((l) => l.includes('Using a proxy'))
    expect(line).toContain(proxyUrl)
    expect(cap.lines.join('\n')).not.toContain('pr0xy-pass')
    await client.close()
  })

  it('bypasses the proxy for NO_PROXY hosts', async () => {
    seen.length = 0
    const client = viaName({ HTTP_PROXY: proxyUrl, NO_PROXY: 'example.com,.test' })
    const e = await client.scans.get(DIALOGPT_SCAN).catch((x: unknown) => x)
    // direct resolution of sim.test fails: the proxy was not used
    expect(String(e)).toMatch(/Could not reach .*(ENOTFOUND|EAI_AGAIN)/)
    expect(seen).toEqual([])
    await client.close()
  })

  it('never proxies loopback, whatever the variables say', async () => {
    const client = clientFor(sim, capture(), {
      env: { HTTP_PROXY: 'http://127.0.0.1:9', HTTPS_PROXY: 'http://127.0.0.1:9' },
      retry: { maxRetries: 0 }
    })
    expect((await client.scans.get(DIALOGPT_SCAN)).uuid).toBe(DIALOGPT_SCAN)
    await client.close()
  })
})
