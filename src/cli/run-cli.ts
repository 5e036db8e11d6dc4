import { execute } from '../execute.js'
import type { InputName } from '../inputs.js'
import { exitCode } from '../gate/verdict.js'
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
  const { report, reportFile, sarifFile } = await execute(
    (name) => args.inputs[name as InputName] ?? '',
    env,
    {
      logger: { debug: () => {}, info: err, warning: (m) => err(`warning: ${m}`) },
      onSecret: () => {}
    }
  )
  process.stdout.write(
    args.json
      ? `${inertJson(report)}\n`
      : `${defuse(renderTerminal(runView(report), reportFile, sarifFile))}\n`
  )
  return exitCode(report.verdict, report.models)
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
