import { lstatSync, readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { EngineLimits } from '../src/engine/limits.js'
import { defaultPolicy } from '../src/gate/builtin-policy.js'
import { scanLocalModel } from '../src/gate/builtin-scan.js'

/**
 * One measurement of the engine section, in a process of its own so its peak memory is its own: the built-in
 * engine's `scanLocalModel` with the default policy on the model (file or directory) named by the first
 * argument or BENCH_MODEL_PATH, with the default limits or those BENCH_ENGINE_LIMITS (JSON) changes. Prints one
 * JSON line: the scan's wall and CPU time, the model's bytes, peak and start RSS (VmHWM, after the imports), the
 * outcome and the files, what could not be verified (`unverified`: a scan with any is not a pass, whatever its
 * outcome), and what stopped a pickle walk early, if anything did.
 */

const peakKb = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN)
const startKb = peakKb()

const path = process.argv[2] ?? process.env.BENCH_MODEL_PATH
if (!path) throw new Error('usage: engine-child.ts <model file or directory> (or BENCH_MODEL_PATH)')

/** Bytes of a file, or of every file under a directory (sparse files count in full). */
function sizeOf(p: string): number {
  const st = lstatSync(p)
  if (!st.isDirectory()) return st.isFile() ? st.size : 0
  return readdirSync(p).reduce((n, name) => n + sizeOf(join(p, name)), 0)
}

const engineLimits = process.env.BENCH_ENGINE_LIMITS
  ? (JSON.parse(process.env.BENCH_ENGINE_LIMITS) as Partial<EngineLimits>)
  : undefined

const t = performance.now()
const cpu0 = process.cpuUsage()
const result = await scanLocalModel({
  path,
  modelUri: basename(path),
  policy: defaultPolicy(),
  ...(engineLimits && { limits: engineLimits })
})
const wall = performance.now() - t
const cpu = process.cpuUsage(cpu0)
const peak = peakKb()

// what stopped a pickle walk, from the reasons a file could not be verified (`unverified`) or, from an engine
// that still lists limits there, the violations: "more than 1,000,000,000 opcodes; the rest was not analysed
// (byte B)", "more than 200,000,000 stored values (memo entries), the most the engine keeps (byte B)" (plain
// digits accepted too), "the time budget for this file ran out (byte B)", or any other reason given with the
// byte it stopped at
const digits = (s: string) => Number(s.replaceAll(',', ''))
const limitHit = (d: string) => {
  const m = /more than ([\d,]+) (opcodes|stored values|memo entries)[^]*?\(byte ([\d,]+)\)/.exec(d)
  return m
    ? { what: m[2] === 'opcodes' ? 'opcodes' : 'memo', value: digits(m[1]!), byte: digits(m[3]!) }
    : undefined
}
// anything else that stopped the walk at a byte: the time budget, or an error of the engine's own
const otherStop = (d: string) => {
  const m = /\(byte ([\d,]+)\)/.exec(d)
  return m ? { what: /time budget/.test(d) ? 'time' : 'other', value: 0, byte: digits(m[1]!) } : undefined
}
const stop =
  result.unverified.map((u) => limitHit(u.description) ?? otherStop(u.description)).find(Boolean) ??
  result.violations.map((v) => limitHit(v.description)).find(Boolean)
const unverified = result.unverified

process.stdout.write(
  `${JSON.stringify({
    wall_ms: wall,
    // user + system CPU of the process (every thread: the GC's helpers too) over the scan
    cpu_ms: (cpu.user + cpu.system) / 1000,
    bytes: sizeOf(path),
    peak_rss_kb: peak,
    start_rss_kb: startKb,
    outcome: result.scan.eval_outcome,
    files: result.files.length,
    violations: result.violations.length,
    findings: [
      ...new Set(result.violations.map((v) => `${v.rule_name}: ${v.description.slice(0, 160)}`))
    ].slice(0, 5),
    unverified: unverified.length,
    unverified_items: unverified
      .slice(0, 5)
      .map((u) => `${u.file} (${u.rule_name}): ${u.description.slice(0, 200)}`),
    ...(stop && { limit: stop })
  })}\n`
)
