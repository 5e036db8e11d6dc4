import { gateModels } from '../gate/gate-models.js'
import { exitCode } from '../gate/verdict.js'
import { anchorContext, reportContext, runContext } from '../github/run-context.js'
import { readStep, type InputName } from '../inputs.js'
import { publish, sarifCategory } from '../publish.js'
import { locator } from '../report/anchor.js'
import { renderTerminal } from '../report/terminal.js'
import { runView } from '../report/view.js'
import { defuse } from '../util/text.js'
import { PRODUCT, VERSION } from '../version.js'
import { parseArgs, USAGE, UsageError, type CliArgs } from './cli-args.js'

/**
 * `airs-model-gate`: the gate for pipelines outside GitHub (GitLab CI, Jenkins, a laptop). The same inputs as
 * the action, as flags; progress on stderr, the report on stdout. Exit codes: 0 pass (or warn), 1 a model
 * was blocked, 2 the gate could not verify a model or could not run.
 */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  let args: CliArgs
  try {
    args = parseArgs(argv)
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    process.stderr.write(`${PRODUCT}: ${defuse(e.message)}\n`)
    return 2
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  if (args.version) {
    process.stdout.write(`${VERSION}\n`)
    return 0
  }
  // the CLI may run inside a GitHub Actions step, whose runner reads workflow commands from both streams
  const err = (m: string) => process.stderr.write(`${defuse(m)}\n`)
  const logger = { debug: () => {}, info: err, warning: (m: string) => err(`warning: ${m}`) }
  // the same stages as the action: inputs read once → gate → publish (files and the terminal) → exit code
  const step = readStep((name) => args.inputs[name as InputName] ?? '', env)
  const context = reportContext(runContext(env), env)
  const view = runView(
    await gateModels(step, { logger, onSecret: () => {}, env, ...(context && { context }) })
  )
  await publish(
    view,
    step.publishing,
    {
      env,
      locate: locator(await anchorContext(env)),
      sarifCategory: sarifCategory(env, step.publishing.reporting.commentTag)
    },
    {
      logger,
      log: (v, files) =>
        process.stdout.write(
          args.json ? `${inertJson(v.report)}\n` : `${defuse(renderTerminal(v, files.report, files.sarif))}\n`
        )
    }
  )
  return exitCode(view.verdict, view.report.models)
}

/**
 * The report as JSON that no runner reads as a workflow command, with the same value: `##[` (a command anywhere
 * in a line) and the line separators other readers split on can only occur inside strings, where JSON escapes
 * mean the same characters.
 */
export function inertJson(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .replace(/##\[/g, '#\\u0023[')
    .replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
