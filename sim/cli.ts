import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { startSimulator } from './server.js'
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
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false }
  }
})

if (values.help) {
  console.log(`Usage: npm run sim -- [--port N] [--settle-ms MS] [--clock-scale X] [--token-ttl S]
                       [--client-id ID --client-secret S --tsg-id T] [--scenarios FILE.json] [--json]`)
  process.exit(0)
}

const num = (v: string | undefined) => (v === undefined ? undefined : Number(v))
const sim = await startSimulator({
  port: num(values.port),
  host: values.host,
  settleMs: num(values['settle-ms']),
  clockScale: num(values['clock-scale']),
  tokenTtlSeconds: num(values['token-ttl']),
  clientId: values['client-id'],
  clientSecret: values['client-secret'],
  tsgId: values['tsg-id'],
  scenarios: values.scenarios ? (JSON.parse(readFileSync(values.scenarios, 'utf8')) as Scenario[]) : undefined
})

if (values.json) console.log(JSON.stringify({ url: sim.url, ...sim.env() }))
else {
  console.log(`AIRS simulator listening on ${sim.url}`)
  for (const [k, v] of Object.entries(sim.env())) console.log(`export ${k}='${v}'`)
}
const stop = () => void sim.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
