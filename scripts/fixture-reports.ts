import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { startSimulator } from '../sim/server.js'
import { ModelSecurityClient } from '../src/airs/client.js'
import { UUID_PATTERN } from '../src/airs/schemas/spec-values.js'
import { GateReportSchema, type GateReport } from '../src/gate/result.js'
import { runGate } from '../src/gate/run-gate.js'
import { readInputs } from '../src/inputs.js'

/**
 * `npm run fixtures`: the report fixtures behind the renderers' golden tests, produced by the real gate
 * against the simulator and made deterministic (UUIDs numbered in order of appearance, times fixed), so the
 * renderers are tested on data with the service's real shape.
 */

const OUT = fileURLToPath(new URL('../__tests__/fixtures/reports/', import.meta.url))
const SIM = 'https://huggingface.co/airs-sim'
const quiet = { debug() {}, info() {}, warning() {} }

const FIXTURES: Record<string, Record<string, string>> = {
  'dialogpt-blocked': { 'model-uri': 'https://huggingface.co/microsoft/DialoGPT-medium' },
  mixed: {
    'model-uri': [
      'https://huggingface.co/microsoft/DialoGPT-medium',
      `${SIM}/pickle-rce`,
      `${SIM}/keras-lambda`,
      `${SIM}/unlicensed`,
      `${SIM}/scan-error`,
      `${SIM}/clean-model`
    ].join('\n'),
    concurrency: '1'
  }
}

const sim = await startSimulator({ settleMs: 0 })
try {
  mkdirSync(OUT, { recursive: true })
  for (const [name, given] of Object.entries(FIXTURES)) {
    const inputs: Record<string, string> = {
      'auto-labels': 'false',
      labels: 'team=ml-platform\nstage=release',
      ...given
    }
    const settings = readInputs((n) => inputs[n] ?? '', { ...sim.env(), GITHUB_WORKSPACE: process.cwd() })
    const client = new ModelSecurityClient({ ...settings.client, logger: quiet, onSecret: () => {} })
    try {
      const report = await runGate(settings.run, { client, logger: quiet, sleep: () => Promise.resolve() })
      writeFileSync(`${OUT}${name}.json`, `${JSON.stringify(normalise(report), null, 2)}\n`)
    } finally {
      await client.close()
    }
  }
} finally {
  await sim.close()
}

/** Same data, fixed identity: the n-th distinct UUID becomes …-<n>, every time one fixed instant. */
function normalise(report: GateReport): GateReport {
  const ids = new Map<string, string>()
  const id = (u: string) => {
    if (!ids.has(u)) ids.set(u, `00000000-0000-4000-8000-${(ids.size + 1).toString(16).padStart(12, '0')}`)
    return ids.get(u)!
  }
  const walk = (v: unknown, key = ''): unknown => {
    if (typeof v === 'string') {
      if (UUID_PATTERN.test(v)) return id(v)
      if (/(_at|^since|^time_started|^timestamp)$/.test(key) && !Number.isNaN(Date.parse(v)))
        return '2026-11-02T09:30:00.000000Z'
      return v
    }
    if (typeof v === 'number' && /^(wait_ms)$/.test(key)) return 1500
    if (Array.isArray(v)) return v.map((x) => walk(x, key))
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]))
    return v
  }
  return GateReportSchema.parse(walk(report))
}
