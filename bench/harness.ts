import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { ModelSecurityClient } from '../src/airs/client.js'
import type { Logger } from '../src/util/logger.js'
import type { GateReport } from '../src/gate/result.js'
import { runGate } from '../src/gate/run-gate.js'
import { readInputs } from '../src/inputs.js'
import { sleep as realSleep, type Sleep } from '../src/util/sleep.js'
import type { Simulator } from '../sim/server.js'

/** What the benchmark sections share: statistics, timed child processes, and the gate run in-process. */

export const DIST = fileURLToPath(new URL('../dist/index.js', import.meta.url))
export const NAIVE_LOOP = fileURLToPath(new URL('./naive-loop.mjs', import.meta.url))
export const HF = 'https://huggingface.co/airs-sim'

/** The gate's log line when a scan leaves PENDING (scan-model.ts): `org/model: ALLOWED after 1.2 s`. */
export const SETTLED_LINE = /: (ALLOWED|BLOCKED|ERROR) after /
/** Status reads, as the simulator counts them. */
export const STATUS_READ = 'GET /aims/data/v1/scans/{uuid}'

// ---- statistics ----

/** Linear interpolation between closest ranks. */
export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  const pos = (s.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo)
}
export const median = (xs: number[]) => quantile(xs, 0.5)
export const round = (x: number, digits = 0) => Number(x.toFixed(digits))

/** mulberry32 (the tests' own): jitter differs per trial, but every run is reproducible. */
export { prng as seeded } from '../__tests__/helpers/fuzz.js'

// ---- output ----

export const ms = (x: number) =>
  Math.abs(x) >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${Math.round(x)} ms`
export const ratio = (x: number) => `${x.toFixed(2)}×`
export const bytes = (n: number) => n.toLocaleString('en-US')

/** A plain text table: the first column left-aligned, the others right-aligned. */
export function table(title: string, head: string[], rows: Array<Array<string | number>>): string {
  const cells = [head, ...rows.map((r) => r.map(String))]
  const widths = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)))
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
  const rule = widths.map((w) => '─'.repeat(w)).join('  ')
  return [`\n${title}`, line(head), rule, ...cells.slice(1).map(line)].join('\n')
}

// ---- child processes ----

export interface TimedRun {
  code: number | null
  spawnedAt: number
  exitAt: number
  lines: Array<{ at: number; text: string }>
  stderr: string
}

/**
 * `node <args>` with exactly `env` (plus PATH), timestamps on spawn, on every stdout line as it arrives and on
 * exit. `child` is there to stop it early.
 */
export function runTimed(
  args: string[],
  env: Record<string, string>,
  now: () => number = Date.now,
  timeoutMs = 120_000
): { child: ReturnType<typeof spawn>; spawnedAt: number; done: Promise<TimedRun> } {
  const spawnedAt = now()
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: timeoutMs
  })
  const lines: TimedRun['lines'] = []
  let partial = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    const at = now()
    const parts = (partial + chunk.toString('utf8')).split('\n')
    partial = parts.pop() ?? ''
    for (const text of parts) lines.push({ at, text })
  })
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const done = new Promise<TimedRun>((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code) => {
      const exitAt = now()
      if (partial) lines.push({ at: exitAt, text: partial })
      resolve({ code, spawnedAt, exitAt, lines, stderr })
    })
  })
  return { child, spawnedAt, done }
}

/** When a stdout line matching `re` arrived. */
export function lineAt(run: TimedRun, re: RegExp, what: string): number {
  const hit = run.lines.find((l) => re.test(l.text))
  if (!hit) {
    const tail = run.lines.slice(-15).map((l) => l.text)
    throw new Error(
      `No "${what}" line (${re}) in the output (exit ${run.code}):\n${tail.join('\n')}\n${run.stderr}`
    )
  }
  return hit.at
}

/** The runner's variables the action expects, in a scratch directory. */
export const runnerEnv = (dir: string) => ({
  GITHUB_OUTPUT: `${dir}/output`,
  GITHUB_STEP_SUMMARY: `${dir}/summary.md`,
  RUNNER_TEMP: dir,
  GITHUB_WORKSPACE: dir
})

/** Inputs as the runner passes them: `INPUT_<NAME>`, hyphens kept. */
export const inputEnv = (inputs: Record<string, string>) =>
  Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))

// ---- the simulator ----

export function requestCounts(sim: Simulator): { total: number; statusReads: number } {
  let total = 0
  for (const n of sim.requestCounts.values()) total += n
  return { total, statusReads: sim.requestCounts.get(STATUS_READ) ?? 0 }
}

/** The latest scan of a model in the simulator's store. */
export function latestScan(sim: Simulator, modelUri: string) {
  const scans = [...sim.store.scans.values()].filter((s) => s.model_uri === modelUri)
  const scan = scans.sort((a, b) => b.createdMs - a.createdMs)[0]
  if (!scan) throw new Error(`The simulator has no scan of ${modelUri}`)
  return scan
}

/** When a scan settles, in simulator time. */
export function settleTime(sim: Simulator, modelUri: string): number {
  const at = latestScan(sim, modelUri).settleAtMs
  if (at === undefined) throw new Error(`The scan of ${modelUri} does not settle at a set time`)
  return at
}

// ---- the gate in-process ----

export interface Clock {
  sleep: Sleep
  now: () => number
}

/** Virtual time shared with the simulator: a sleep moves its clock forward and returns at once. */
export const virtualClock = (sim: Simulator): Clock => ({
  sleep: (ms) => {
    sim.clock.advance(ms)
    return Promise.resolve()
  },
  now: () => sim.clock.now()
})

/** The simulator's time-scaled clock: real sleeps, shortened by its scale. */
export const scaledClock = (sim: Simulator): Clock => ({
  sleep: (ms, signal) => realSleep(ms / sim.clock.scale, signal),
  now: () => sim.clock.now()
})

export interface InProcessRun {
  report: GateReport
  /** clock time of the log line that says the scan left PENDING (the last model's, with several) */
  seenAt?: number
}

/**
 * `runGate` as the action runs it (inputs read by `readInputs`), against the simulator, on `clock` for the
 * gate, the client's retries and its token expiry alike.
 */
export async function gateInProcess(
  sim: Simulator,
  inputs: Record<string, string>,
  clock: Clock,
  options: { random?: () => number; pageConcurrency?: number } = {}
): Promise<InProcessRun> {
  const settings = readInputs((name) => inputs[name] ?? '', sim.env())
  let seenAt: number | undefined
  const logger: Logger = {
    debug: () => {},
    warning: () => {},
    info: (m) => {
      if (SETTLED_LINE.test(m)) seenAt = clock.now()
    }
  }
  const random = options.random ?? Math.random
  const client = new ModelSecurityClient({
    ...settings.client,
    logger,
    pageConcurrency: options.pageConcurrency,
    sleep: clock.sleep,
    now: clock.now,
    random
  })
  try {
    const report = await runGate(settings.run, { client, logger, sleep: clock.sleep, now: clock.now, random })
    return { report, ...(seenAt !== undefined && { seenAt }) }
  } finally {
    await client.close()
  }
}
