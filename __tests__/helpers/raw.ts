import { request } from 'undici'
import type { Simulator } from '../../sim/server.js'

/** Plain HTTP against the simulator, without the client: for testing the simulator itself. */

export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
  json: any
}

export async function raw(
  sim: Simulator,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}
): Promise<RawResponse> {
  const headers: Record<string, string> = { ...opts.headers }
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  let body: string | undefined = opts.rawBody
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body)
    headers['content-type'] = 'application/json'
  }
  const res = await request(`${sim.url}${path}`, { method: method as 'GET', headers, body })
  const text = await res.body.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: res.statusCode, headers: res.headers, text, json }
}

export async function token(sim: Simulator): Promise<string> {
  const basic = Buffer.from(`${sim.credentials.clientId}:${sim.credentials.clientSecret}`).toString('base64')
  const res = await raw(sim, 'POST', '/oauth2/access_token', {
    rawBody: `grant_type=client_credentials&scope=tsg_id:${sim.credentials.tsgId}`,
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' }
  })
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${res.text}`)
  return res.json.access_token as string
}

/** Polls a scan until it leaves PENDING (the simulator settles scans after its settle delay). */
export async function settled(
  sim: Simulator,
  tok: string,
  uuid: string,
  timeoutMs = 5000
): Promise<RawResponse> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const r = await raw(sim, 'GET', `/aims/data/v1/scans/${uuid}`, { token: tok })
    if (r.json?.eval_outcome !== 'PENDING' || Date.now() > until) return r
    await new Promise((res) => setTimeout(res, 10))
  }
}

/** Creates a security group through the API; returns its body (`uuid` among others). */
export async function createGroup(
  sim: Simulator,
  tok: string,
  name: string,
  source: string,
  extra: Record<string, unknown> = {}
): Promise<{ uuid: string } & Record<string, unknown>> {
  const r = await raw(sim, 'POST', '/aims/mgmt/v1/security-groups', {
    token: tok,
    body: { name, source_type: source, ...extra }
  })
  if (r.status !== 201) throw new Error(`creating group ${name} failed: ${r.status} ${r.text}`)
  return r.json as { uuid: string } & Record<string, unknown>
}

/** Changes one rule instance of a group `times` times, leaving that many snapshot generations behind. */
export async function churnRuleInstance(
  sim: Simulator,
  tok: string,
  group: string,
  instance: string,
  times: number
): Promise<void> {
  for (let i = 0; i < times; i++) {
    await raw(sim, 'PUT', `/aims/mgmt/v1/security-groups/${group}/rule-instances/${instance}`, {
      token: tok,
      body: { security_group_uuid: group, state: i % 2 ? 'BLOCKING' : 'ALLOWING' }
    })
  }
}
