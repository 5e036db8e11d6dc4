import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { ModelSecurityClient } from '../src/airs/client.js'
import type { Logger } from '../src/util/logger.js'
import { runGate } from '../src/gate/run-gate.js'
import { readInputs } from '../src/inputs.js'
import { locator } from '../src/report/anchor.js'
import { annotationsFor } from '../src/report/annotations.js'
import { renderComment } from '../src/report/comment-body.js'
import { sarifHelp } from '../src/report/markdown.js'
import { renderSarif } from '../src/report/sarif.js'
import { renderSummary } from '../src/report/summary.js'
import { renderTerminal } from '../src/report/terminal.js'
import { runView } from '../src/report/view.js'
import { SETTLED_LINE } from './harness.js'

/**
 * One measurement of the large-results section, in a process of its own so its peak memory is its own:
 * the gate against the simulator for the model in INPUT_MODEL-URI with BENCH_PAGE_CONCURRENCY pages at a
 * time, then every report rendered. Prints one JSON line: collection and rendering times, peak RSS.
 */

const env = process.env
const peakKb = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN)
const startKb = peakKb()

const settings = readInputs((name) => env[`INPUT_${name.toUpperCase()}`] ?? '', env)
let seenAt: number | undefined
const logger: Logger = {
  debug: () => {},
  warning: () => {},
  info: (m) => {
    if (SETTLED_LINE.test(m)) seenAt = performance.now()
  }
}
const client = new ModelSecurityClient({
  ...settings.client,
  logger,
  pageConcurrency: Number(env.BENCH_PAGE_CONCURRENCY)
})
const report = await runGate(settings.run, {
  client,
  logger,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms))
})
const collected = performance.now()
await client.close()
const model = report.models[0]
if (seenAt === undefined || !model || model.violations.items.length === 0) {
  throw new Error(
    `The gate did not collect the scan's results: ${JSON.stringify(report.error ?? model?.error)}`
  )
}

const render: Record<string, number> = {}
const time = <T>(name: string, f: () => T): T => {
  const t = performance.now()
  const out = f()
  render[name] = performance.now() - t
  return out
}
const view = time('view', () => runView(report))
time('summary', () => renderSummary(view))
time('comment', () => renderComment(view))
time('sarif', () =>
  JSON.stringify(renderSarif(runView(report), { locate: locator({}), helpMarkdown: sarifHelp }))
)
time('annotations', () => annotationsFor(runView(report).models, locator({})))
time('terminal', () => renderTerminal(view))
time('json', () => JSON.stringify(report))

process.stdout.write(
  `${JSON.stringify({
    collect_ms: collected - seenAt,
    render_ms: render,
    violations: model.violations.items.length,
    files: model.files.items.length,
    startup_rss_kb: startKb,
    peak_rss_kb: peakKb()
  })}\n`
)
