import { gateModels } from '../gate/gate-models.js'
import { exitCode } from '../gate/verdict.js'
import { anchorContext, reportContext, runContext } from '../github/run-context.js'
import { readStep, type InputName } from '../inputs.js'
import type { RunView } from '../report/view.js'
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
  // verify is its own small command; it is loaded only when asked for
  if (argv[0] === 'verify')
    return (await import('./run-verify.js')).runVerify(argv.slice(1), env, {
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`)
    })
  // the CLI may run inside a GitHub Actions step, whose runner reads workflow commands from both streams
  const err = (m: string) => process.stderr.write(`${defuse(m)}\n`)
  /** the gate's own messages, in the CLI's words (never the model names and findings around them) */
  const say = (m: string) => err(inCliWords(m))
  let args: CliArgs
  try {
    args = parseArgs(argv)
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    say(`${PRODUCT}: ${e.message}`)
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
  // progress lines carry model names and paths: printed as they are
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
  // the view, the renderers and the reports' libraries load once the arguments are known to be usable
  const [{ runView }, { publish, sarifCategory }, { locator }, { renderTerminal }] = await Promise.all([
    import('../report/view.js'),
    import('../publish.js'),
    import('../report/anchor.js'),
    import('../report/terminal.js')
  ])
  const view = runView(
    await gateModels(step, { logger, onSecret: () => {}, env, ...(context && { context }) })
  )
  // a bad argument or a missing setting (no request was made): one line to fix it, and no file written but the
  // ones the user named, which get the failed run (a report left from an earlier run must not read as this one)
  const error = view.report.error
  const invalid = error?.code === 'INVALID_INPUT'
  if (invalid) {
    say(`${PRODUCT}: ${error.message}`)
    if (!credentialsGiven(args, env) && /^Missing /.test(error.message))
      say(
        `No AIRS credentials are set; to check a local model offline without them: ${PRODUCT} scan --engine builtin <folder>`
      )
  }
  // a named path that was itself the bad input was replaced by the default one: not written either
  const named = (input: 'report-file' | 'sarif-file', path: string | undefined) =>
    !invalid || (args.inputs[input] && !error.message.startsWith(`Invalid input ${input}:`))
      ? path
      : undefined
  const reportFile = named('report-file', step.publishing.reportFile)
  const sarifFile = named('sarif-file', step.publishing.sarifFile)
  await publish(
    view,
    {
      reporting: step.publishing.reporting,
      ...(reportFile && { reportFile }),
      ...(sarifFile && { sarifFile })
    },
    {
      env,
      locate: locator(await anchorContext(env)),
      sarifCategory: sarifCategory(env, step.publishing.reporting.commentTag)
    },
    {
      logger,
      log: (v, files) => {
        // the failed run's JSON still goes to stdout for a script that reads it; its text is the line above
        if (args.json) process.stdout.write(`${inertJson(v.report)}\n`)
        else if (!invalid)
          process.stdout.write(`${defuse(renderTerminal(inCliView(v), files.report, files.sarif))}\n`)
      }
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

/** The view with the gate's sentences (headline, reasons, warnings) in the CLI's words. */
function inCliView(view: RunView): RunView {
  return {
    ...view,
    headline: inCliWords(view.headline),
    models: view.models.map((m) => ({
      ...m,
      reason: inCliWords(m.reason),
      warnings: m.warnings.map(inCliWords)
    }))
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
