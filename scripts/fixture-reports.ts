import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startSimulator } from '../sim/server.js'
import { ModelSecurityClient } from '../src/airs/client.js'
import { UUID_PATTERN } from '../src/airs/schemas/spec-values.js'
import { gateModels } from '../src/gate/gate-models.js'
import { GateReportSchema, type GateReport } from '../src/gate/result.js'
import { runGate } from '../src/gate/run-gate.js'
import { readInputs } from '../src/inputs.js'
import { sleep } from '../src/util/sleep.js'

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
  },
  // a model the service could not scan: not verified, never clean
  error: { 'model-uri': `${SIM}/scan-error` },
  // still PENDING when the step's timeout ends
  timeout: { 'model-uri': `${SIM}/never-settles`, timeout: '2s' },
  // the built-in engine on a local model with a pickle that runs code (picklescan's malicious0.pkl)
  builtin: { 'model-uri': 'models/classifier', engine: 'builtin' }
}

/** The workspace the built-in engine's fixture scans, made from the corpus. */
function builtinWorkspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'airs-fixture-ws-'))
  mkdirSync(join(ws, 'models/classifier'), { recursive: true })
  copyFileSync(
    fileURLToPath(new URL('../__tests__/fixtures/corpus/picklescan/malicious0.pkl', import.meta.url)),
    join(ws, 'models/classifier/model.pkl')
  )
  writeFileSync(join(ws, 'models/classifier/config.json'), '{"architectures": ["Classifier"]}\n')
  return ws
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
    if (inputs.engine === 'builtin') {
      const ws = builtinWorkspace()
      try {
        const env = { GITHUB_WORKSPACE: ws }
        const gate = readInputs((n) => inputs[n] ?? '', env)
        const report = await gateModels({ gate }, { logger: quiet, onSecret: () => {}, env })
        writeFileSync(`${OUT}${name}.json`, `${JSON.stringify(normalise(report), null, 2)}\n`)
      } finally {
        rmSync(ws, { recursive: true, force: true })
      }
      continue
    }
    const settings = readInputs((n) => inputs[n] ?? '', { ...sim.env(), GITHUB_WORKSPACE: process.cwd() })
    const client = new ModelSecurityClient({ ...settings.client, logger: quiet, onSecret: () => {} })
    try {
      // the timeout fixture waits out its timeout in real time; the others settle at once
      const report = await runGate(settings.run, {
        client,
        logger: quiet,
        sleep: inputs.timeout ? sleep : () => Promise.resolve()
      })
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
      // a UUID inside a sentence (a timeout names its scan)
      return v.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, (u) => id(u))
    }
    if (typeof v === 'number' && /^(wait_ms)$/.test(key)) return 1500
    if (Array.isArray(v)) return v.map((x) => walk(x, key))
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]))
    return v
  }
  return GateReportSchema.parse(walk(report))
}
