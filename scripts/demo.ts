import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { startSimulator } from '../sim/server.js'
import { logLine, renderLog, type LogState } from './demo/runner-log.js'
import { stripControls, styleFor } from './demo/style.js'
import { renderMarkdown } from './demo/terminal-markdown.js'

/**
 * `npm run demo`: the bundled action (`node dist/index.js`, exactly what a runner executes) end to end
 * against the built-in simulator, no credentials needed. The step gates two Hugging Face models:
 * microsoft/DialoGPT-medium (the real service's BLOCKED verdict, reproduced) and a clean model. The action
 * must fail the step because of the blocked model. The demo shows what a user sees in GitHub Actions: the
 * step's log as the log view renders it (masks, groups, annotations; not the raw runner protocol), the step
 * outputs and the job summary rendered for the terminal; it keeps the report, the SARIF log and the raw log in
 * demo-output/, and exits non-zero only if the action did not behave.
 *
 *   npm run demo                 # debug lines hidden, <details> collapsed, as GitHub first shows them
 *   npm run demo -- --debug      # also the ::debug:: lines (as with ACTIONS_STEP_DEBUG)
 *   npm run demo -- --expand     # open every <details> of the job summary
 */

const FLAGS = new Set(['--debug', '--expand'])
const args = process.argv.slice(2)
const unknown = args.filter((a) => !FLAGS.has(a))
if (unknown.length > 0) {
  console.error(`Unknown option ${unknown.join(' ')}; usage: npm run demo -- [--debug] [--expand]`)
  process.exit(2)
}
const debug = args.includes('--debug')
const expand = args.includes('--expand')
const shown = (p: string) => relative(process.cwd(), p) || p
const style = styleFor(process.stdout, process.env)
const width = Math.min(process.stdout.columns || 100, 120)

const DIST = fileURLToPath(new URL('../dist/index.js', import.meta.url))
if (!existsSync(DIST)) {
  console.error(`No ${shown(DIST)}: build the bundle first (npm run build).`)
  process.exit(1)
}
// kept after the run, so the report and SARIF log the step mentions are there to open; fresh each run
const out = resolve('demo-output')
const commands = join(out, '_runner_file_commands')
rmSync(out, { recursive: true, force: true })
mkdirSync(commands, { recursive: true })
const files = {
  output: join(commands, 'set_output'),
  summary: join(commands, 'step_summary.md'),
  raw: join(out, 'raw.log')
}
for (const f of [files.output, files.summary]) writeFileSync(f, '')

const sim = await startSimulator({ settleMs: 1200 })
const inputs = {
  'model-uri':
    'https://huggingface.co/microsoft/DialoGPT-medium\nhttps://huggingface.co/airs-sim/clean-model',
  labels: 'team=ml-platform\nstage=demo'
}
const credentials = sim.env()
const env: Record<string, string> = {
  PATH: process.env.PATH ?? '',
  ...credentials,
  ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  GITHUB_OUTPUT: files.output,
  GITHUB_STEP_SUMMARY: files.summary,
  RUNNER_TEMP: out,
  GITHUB_ACTIONS: 'true',
  // the step's id: the report is <RUNNER_TEMP>/airs-model-gate/gate-report.json
  GITHUB_ACTION: 'gate',
  GITHUB_REPOSITORY: 'octo-org/models',
  GITHUB_REF_NAME: 'main',
  GITHUB_SHA: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
  GITHUB_WORKFLOW: 'model-gate',
  GITHUB_RUN_ID: '1',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_EVENT_NAME: 'pull_request',
  ...(debug ? { RUNNER_DEBUG: '1' } : {})
}

const rule = (title: string) =>
  console.log(`\n${style.bold(`──── ${title} `)}${style.bold('─'.repeat(Math.max(0, 70 - title.length)))}`)

const logOptions = { debug, style }
// the runner knows the job's secrets before the step starts, and masks them in everything it shows
const header = renderLog(
  [`::add-mask::${credentials.PANW_MODEL_SEC_CLIENT_SECRET}`, ...runHeader(inputs, credentials)].join('\n'),
  logOptions
)
let state: LogState = header.state
/** A line of the step's output through the log view, printed as the Actions UI shows it. */
const log = (raw: string) => {
  const step = logLine(state, raw, logOptions)
  state = step.state
  for (const line of step.lines) console.log(line)
}

try {
  console.log(`AIRS simulator at ${sim.url}; the step runs node dist/index.js, as a runner does.`)
  rule(`step log, as the Actions UI shows it${debug ? '' : ' (--debug shows the debug lines)'}`)
  for (const line of header.lines) console.log(line)

  const raw: string[] = []
  const child = spawn(process.execPath, [DIST], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  // the runner reads both streams for commands; lines are shown as they come, as in a live log
  const streams = [child.stdout, child.stderr].map((s) => createInterface({ input: s, crlfDelay: Infinity }))
  for (const lines of streams)
    lines.on('line', (line) => {
      raw.push(line)
      log(line)
    })
  const [[code]] = await Promise.all([
    once(child, 'close') as Promise<[number | null]>,
    ...streams.map((s) => once(s, 'close'))
  ])
  const exit = code ?? 1
  writeFileSync(files.raw, raw.length ? `${raw.join('\n')}\n` : '')
  if (exit !== 0) log(`::error::Process completed with exit code ${exit}.`)

  rule('step outputs')
  const outputs = parseOutputs(readFileSync(files.output, 'utf8'))
  const key = Math.max(...Object.keys(outputs).map((k) => k.length))
  for (const [k, v] of Object.entries(outputs))
    console.log(`${style.dim(`${k}:`.padEnd(key + 2))}${stripControls(v.replace(/\n/g, ' '))}`.trimEnd())

  rule(`job summary${expand ? '' : ' (--expand opens the collapsed sections)'}`)
  const summary = readFileSync(files.summary, 'utf8')
  for (const line of renderMarkdown(summary, { width, style, details: expand ? 'expand' : 'collapse' }))
    console.log(line)

  rule(`files, kept in ${shown(out)}/`)
  const where: Array<[string, string | undefined, string]> = [
    ['JSON report', outputs.report, 'every scan, rule, violation and file'],
    ['SARIF log', outputs.sarif, 'for code scanning (github/codeql-action/upload-sarif)'],
    ['job summary', files.summary, 'the Markdown, as GitHub receives it'],
    ['raw log', files.raw, 'the step output before rendering: workflow commands, unmasked']
  ]
  const paths = where.map(([, path]) => (path ? shown(path) : '(missing)'))
  const column = Math.max(...paths.map((p) => p.length))
  where.forEach(([what, , why], i) =>
    console.log(`${what.padEnd(12)} ${paths[i]!.padEnd(column)}  ${style.dim(why)}`)
  )

  rule('result')
  const ok = exit === 1 && outputs.verdict === 'fail' && outputs['eval-outcome'] === 'BLOCKED'
  console.log(
    ok
      ? 'The action failed the step (exit 1): DialoGPT-medium is BLOCKED by the default Hugging Face policy, as the real service decides. That is the gate working.'
      : `Unexpected: exit ${exit}, verdict ${outputs.verdict}, eval-outcome ${outputs['eval-outcome']}.`
  )
  process.exitCode = ok ? 0 : 1
} finally {
  await sim.close()
}

/** `name<<DELIM\nvalue\nDELIM` blocks, as @actions/core writes GITHUB_OUTPUT. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const re = /^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!
  return out
}

/** The group the runner opens a step with: the action, its `with:` inputs and its `env:`. */
function runHeader(inputs: Record<string, string>, env: Record<string, string>): string[] {
  const block = (values: Record<string, string>) =>
    Object.entries(values).flatMap(([k, v]) => {
      const [first, ...rest] = v.split('\n')
      return [`  ${k}: ${first}`, ...rest.map((l) => `  ${' '.repeat(k.length + 2)}${l}`)]
    })
  return [
    '::group::Run airs-model-gate/airs-model-gate@v0',
    'with:',
    ...block(inputs),
    'env:',
    ...block(env),
    '::endgroup::'
  ]
}
