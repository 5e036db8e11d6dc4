import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { startSimulator, type Simulator } from './server.js'
import type { Scenario } from './scenarios.js'

/**
 * Runs the simulator until interrupted and prints the environment that points a client at it:
 *
 *   npm run sim -- --port 8080 --settle-ms 2000 --scenarios my-scenarios.json
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'settle-ms': { type: 'string' },
    'clock-scale': { type: 'string' },
    'token-ttl': { type: 'string' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
    'tsg-id': { type: 'string' },
    scenarios: { type: 'string' },
    'error-style': { type: 'string' },
    'list-totals': { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false }
  }
})

if (values.help) {
  console.log(`Usage: npm run sim -- [options]
  --port N              listen on this port (default: any free port)
  --host H              listen address (default 127.0.0.1)
  --settle-ms MS        virtual time from scan creation to outcome (default 150)
  --clock-scale X       run virtual time X times faster
  --token-ttl S         access-token lifetime in virtual seconds (default 899)
  --client-id ID --client-secret S --tsg-id T
                        credentials to accept (default: generated, TSG 1234567890)
  --scenarios FILE      JSON array of scenarios, tried before the built-in ones
  --error-style STYLE   documented (default) or fastapi
  --list-totals MODE    exact (default), unknown or capped
  --json                print the URL and variables as one JSON line`)
  process.exit(0)
}

function num(v: string | undefined): number | undefined {
  if (v === undefined) return undefined
  const n = Number(v)
  if (!Number.isFinite(n) || n < 0) throw new Error(`not a number: ${v}`)
  return n
}
function choice<T extends string>(v: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (v === undefined) return undefined
  if (!(allowed as readonly string[]).includes(v))
    throw new Error(`${flag} must be one of ${allowed.join(', ')}`)
  return v as T
}
let sim: Simulator
try {
  sim = await startSimulator({
    port: num(values.port),
    host: values.host,
    settleMs: num(values['settle-ms']),
    clockScale: num(values['clock-scale']),
    tokenTtlSeconds: num(values['token-ttl']),
    clientId: values['client-id'],
    clientSecret: values['client-secret'],
    tsgId: values['tsg-id'],
    scenarios: values.scenarios
      ? (JSON.parse(readFileSync(values.scenarios, 'utf8')) as Scenario[])
      : undefined,
    errorStyle: choice(values['error-style'], ['documented', 'fastapi'] as const, '--error-style'),
    listTotals: choice(values['list-totals'], ['exact', 'unknown', 'capped'] as const, '--list-totals')
  })
} catch (e) {
  // one line, no stack: these are usage errors
  console.error(`airs-sim: ${e instanceof Error ? e.message : String(e)}`)
  process.exit(2)
}

if (values.json) console.log(JSON.stringify({ url: sim.url, ...sim.env() }))
else {
  console.log(`AIRS simulator listening on ${sim.url}`)
  for (const [k, v] of Object.entries(sim.env())) console.log(`export ${k}='${v}'`)
}
const stop = () => void sim.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
