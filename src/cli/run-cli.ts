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
import { parseArgs, UsageError, type CliArgs } from './cli-args.js'
import { inCliWords } from './cli-words.js'
import { overviewHelp, scanHelp } from './help.js'
import { CREDENTIAL_VARS } from '../airs/config.js'
import { statSync } from 'node:fs'
import { resolve } from 'node:path'

/**
 * `airs-model-gate`: the gate for pipelines outside GitHub (GitLab CI, Jenkins, a laptop). The same inputs as
 * the action, as flags; progress on stderr, the report on stdout. Exit codes: 0 pass (or warn), 1 a model
 * was blocked, 2 the gate could not verify a model or could not run.
 */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  // the CLI may run inside a GitHub Actions step, whose runner reads workflow commands from both streams
  const err = (m: string) => process.stderr.write(`${defuse(inCliWords(m))}\n`)
  let args: CliArgs
  try {
    args = parseArgs(argv)
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    err(`${PRODUCT}: ${e.message}`)
    return 2
  }
  if (args.help) {
    process.stdout.write(`${args.help === 'scan' ? scanHelp() : overviewHelp()}\n`)
    return 0
  }
  if (args.version) {
    process.stdout.write(`${VERSION}\n`)
    return 0
  }
  if (args.empty) {
    err(`${PRODUCT}: no model given. Try: ${PRODUCT} scan --engine builtin <folder>, or ${PRODUCT} --help.`)
    return 2
  }
  const logger = { debug: () => {}, info: err, warning: (m: string) => err(`warning: ${m}`) }
  // relative paths start at --workspace (default: here), whatever workspace a surrounding runner has
  const workspace = resolve(args.workspace ?? process.cwd())
  if (!isFolder(workspace)) {
    err(
      `${PRODUCT}: --workspace ${workspace} is not a folder; give an existing folder, or leave it out for the current one.`
    )
    return 2
  }
  env = { ...env, GITHUB_WORKSPACE: workspace }
  // the same stages as the action: inputs read once → gate → publish (files and the terminal) → exit code
  const step = readStep((name) => args.inputs[name as InputName] ?? '', env, { modelsAnywhere: true })
  const context = reportContext(runContext(env), env)
  const view = runView(
    await gateModels(step, { logger, onSecret: () => {}, env, ...(context && { context }) })
  )
  // a bad argument or a missing setting (no request was made): one line to fix it, and nothing written
  const error = view.report.error
  if (error?.code === 'INVALID_INPUT') {
    err(`${PRODUCT}: ${error.message}`)
    if (!credentialsGiven(args, env) && /^Missing /.test(error.message))
      err(
        `No AIRS credentials are set; to check a local model offline without them: ${PRODUCT} scan --engine builtin <folder>`
      )
    return 2
  }
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
          args.json
            ? `${inertJson(v.report)}\n`
            : `${defuse(inCliWords(renderTerminal(v, files.report, files.sarif)))}\n`
        )
    }
  )
  return exitCode(view.verdict, view.report.models)
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

/** Whether any part of the service's credentials was given, as a flag or in the environment. */
function credentialsGiven(args: CliArgs, env: NodeJS.ProcessEnv): boolean {
  return (
    Boolean(args.inputs['client-id'] || args.inputs['tsg-id']) ||
    Object.values(CREDENTIAL_VARS).some((vars) => vars.some((v) => env[v]?.trim()))
  )
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
