import { lstatSync, readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { EngineLimits } from '../src/engine/limits.js'
import { defaultPolicy } from '../src/gate/builtin-policy.js'
import { scanLocalModel } from '../src/gate/builtin-scan.js'

/**
 * One measurement of the engine section, in a process of its own so its peak memory is its own: the built-in
 * engine's `scanLocalModel` with the default policy on the model (file or directory) named by the first
 * argument or BENCH_MODEL_PATH, with the default limits or those BENCH_ENGINE_LIMITS (JSON) changes. Prints one JSON line: the scan's wall time, the model's bytes, peak and
 * start RSS (VmHWM, after the imports), the outcome and the files, and what stopped a pickle walk early, if
 * anything did.
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
const result = await scanLocalModel({
  path,
  modelUri: basename(path),
  policy: defaultPolicy(),
  ...(engineLimits && { limits: engineLimits })
})
const wall = performance.now() - t
const peak = peakKb()

// the walker's limit findings read "Could not be verified: more than N opcodes; … (byte B)"
const stop = result.violations
  .map((v) => /more than (\d+) (opcodes|memo entries)[^(]*\(byte (\d+)\)/.exec(v.description))
  .find((m) => m !== null)

process.stdout.write(
  `${JSON.stringify({
    wall_ms: wall,
    bytes: sizeOf(path),
    peak_rss_kb: peak,
    start_rss_kb: startKb,
    outcome: result.scan.eval_outcome,
    files: result.files.length,
    violations: result.violations.length,
    findings: [
      ...new Set(result.violations.map((v) => `${v.rule_name}: ${v.description.slice(0, 160)}`))
    ].slice(0, 5),
    ...(stop && {
      limit: {
        what: stop[2] === 'opcodes' ? 'opcodes' : 'memo',
        value: Number(stop[1]),
        byte: Number(stop[3])
      }
    })
  })}\n`
)
