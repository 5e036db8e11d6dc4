import { spawn } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { firstRequestServer } from './first-request.js'
const DIST = process.argv[2] ?? 'dist/index.js'
const server = await firstRequestServer()
const env = {
  PATH: process.env.PATH, RUNNER_TEMP: '/tmp/cold', GITHUB_WORKSPACE: '/tmp/cold',
  'INPUT_MODEL-URI': 'https://huggingface.co/org/clean-model',
  'INPUT_CLIENT-ID': 'bench@1234567890.iam.panserviceaccount.com', 'INPUT_CLIENT-SECRET': 'bench-secret',
  'INPUT_TSG-ID': '1234567890', 'INPUT_TOKEN-ENDPOINT': `${server.url}/oauth2/access_token`, 'INPUT_API-ENDPOINT': `${server.url}/aims`
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const node: number[] = [], act: number[] = []
for (let i = -1; i < 15; i++) {
  let t0 = performance.now()
  await new Promise((r) => spawn(process.execPath, ['-e', '0']).on('exit', r))
  const base = performance.now() - t0
  const arrival = server.next()
  t0 = performance.now()
  const c = spawn(process.execPath, [DIST], { env, stdio: 'ignore' })
  const at = await arrival
  c.kill(); await new Promise((r) => c.on('exit', r))
  if (i >= 0) { node.push(base); act.push(at - t0) }
}
await server.close()
console.log(`node -e 0 ${med(node).toFixed(0)} ms; first request ${med(act).toFixed(0)} ms; ratio ${(med(act) / med(node)).toFixed(2)}; budget 2x+50 = ${(2 * med(node) + 50).toFixed(0)}`)
