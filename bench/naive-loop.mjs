/* global fetch */
import { Buffer } from 'node:buffer'
import process from 'node:process'
import { setTimeout as delay } from 'node:timers/promises'
import { URLSearchParams, pathToFileURL } from 'node:url'

/**
 * The naive way to wait for a scan, the comparison in `npm run bench`: create it, then `sleep 5; GET scan`
 * until it is no longer PENDING, then read its evaluations and violations (one page each). Plain Node and
 * global fetch, no dependencies.
 *
 *   node bench/naive-loop.mjs <model-uri>
 *
 * reads the PANW_MODEL_SEC_* variables (as `sim.env()` gives them), prints `settled <OUTCOME> after <n> reads`
 * the moment it sees the outcome, and a JSON line with the counts at the end.
 */

export async function naiveScan({ env, modelUri, intervalMs = 5000, sleep = delay, onSettled = () => {} }) {
  let requests = 0
  const call = async (method, url, headers = {}, body = undefined) => {
    requests++
    const res = await fetch(url, { method, headers, body })
    const text = await res.text()
    if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${text.slice(0, 300)}`)
    return JSON.parse(text)
  }
  const basic = Buffer.from(`${env.PANW_MODEL_SEC_CLIENT_ID}:${env.PANW_MODEL_SEC_CLIENT_SECRET}`)
  const token = await call(
    'POST',
    env.PANW_MODEL_SEC_TOKEN_ENDPOINT,
    {
      authorization: `Basic ${basic.toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded'
    },
    new URLSearchParams({ grant_type: 'client_credentials', scope: `tsg_id:${env.PANW_MODEL_SEC_TSG_ID}` })
  )
  const auth = { authorization: `Bearer ${token.access_token}` }
  const data = env.PANW_MODEL_SEC_DATA_ENDPOINT
  const mgmt = env.PANW_MODEL_SEC_MGMT_ENDPOINT

  const groups = await call('GET', `${mgmt}/v1/security-groups?source_types=HUGGING_FACE`, auth)
  const group = groups.security_groups[0]
  let scan = await call(
    'POST',
    `${data}/v1/scans`,
    { ...auth, 'content-type': 'application/json' },
    JSON.stringify({ model_uri: modelUri, security_group_uuid: group.uuid })
  )
  let reads = 0
  while (scan.eval_outcome === 'PENDING') {
    await sleep(intervalMs)
    scan = await call('GET', `${data}/v1/scans/${scan.uuid}`, auth)
    reads++
  }
  onSettled(scan, reads)
  await call('GET', `${data}/v1/scans/${scan.uuid}/evaluations`, auth)
  await call('GET', `${data}/v1/scans/${scan.uuid}/rule-violations`, auth)
  return { outcome: scan.eval_outcome, reads, requests }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await naiveScan({
    env: process.env,
    modelUri: process.argv[2],
    onSettled: (scan, reads) => process.stdout.write(`settled ${scan.eval_outcome} after ${reads} reads\n`)
  })
  process.stdout.write(`${JSON.stringify(result)}\n`)
}
