import { ACTION_ONLY_INPUTS, INPUT_NAMES, type InputName } from '../inputs.js'
import { PRODUCT } from '../version.js'

/** Command-line flags of the CLI: the action's inputs as `--name value`, checked before anything runs. */

/** Inputs that may be given several times; the values are joined one per line. */
const REPEATABLE = new Set<InputName>(['model-uri', 'labels', 'allow-patterns', 'ignore-patterns'])
/** Secrets on a command line end up in shell history and process lists. */
const ENV_ONLY: Partial<Record<InputName, string>> = {
  'client-secret': 'PANW_MODEL_SEC_CLIENT_SECRET (or MODEL_SECURITY_CLIENT_SECRET)'
}
const ALIASES: Record<string, InputName> = { label: 'labels', model: 'model-uri' }

export const USAGE = `Usage: ${PRODUCT} [scan] [--model-uri] <uri or path> [...] [options]
       ${PRODUCT} scan --engine builtin ./model      (offline check of a local model, no credentials)

Scans models with Prisma AIRS AI Model Security (or the built-in offline engine) and fails when one is blocked.
Options (same meaning as the GitHub Action's inputs):
${INPUT_NAMES.filter((n) => !ENV_ONLY[n] && !ACTION_ONLY_INPUTS.has(n))
  .map((n) => `  --${n} <value>${REPEATABLE.has(n) ? '  (repeatable)' : ''}`)
  .join('\n')}
  --json              print the JSON report instead of the text report
  --help, --version

Credentials come from the environment: PANW_MODEL_SEC_CLIENT_ID, PANW_MODEL_SEC_CLIENT_SECRET,
PANW_MODEL_SEC_TSG_ID (or MODEL_SECURITY_CLIENT_ID, MODEL_SECURITY_CLIENT_SECRET, TSG_ID).
Exit codes: 0 pass, 1 blocked, 2 error (could not verify, bad input, service or auth failure).`

export class UsageError extends Error {}

export interface CliArgs {
  inputs: Partial<Record<InputName, string>>
  json: boolean
  help: boolean
  version: boolean
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const out: CliArgs = { inputs: {}, json: false, help: false, version: false }
  const names = new Set<string>(INPUT_NAMES.filter((n) => !ACTION_ONLY_INPUTS.has(n)))
  // `scan` is the only command, and may be left out
  for (let i = argv[0] === 'scan' ? 1 : 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--help' || arg === '-h') out.help = true
    else if (arg === '--version') out.version = true
    else if (arg === '--json') out.json = true
    else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=')
      const raw = eq === -1 ? arg.slice(2) : arg.slice(2, eq)
      const name = (ALIASES[raw] ?? raw) as InputName
      if (ENV_ONLY[name])
        throw new UsageError(`--${raw} is not accepted on the command line; set ${ENV_ONLY[name]} instead.`)
      if (!names.has(name)) throw new UsageError(`Unknown option --${raw}; see --help.`)
      let value: string | undefined = eq === -1 ? argv[++i] : arg.slice(eq + 1)
      if (value === undefined) throw new UsageError(`--${raw} needs a value.`)
      if (REPEATABLE.has(name) && out.inputs[name] !== undefined) value = `${out.inputs[name]}\n${value}`
      else if (out.inputs[name] !== undefined) throw new UsageError(`--${raw} is given twice.`)
      out.inputs[name] = value
    } else if (arg === '-' || arg.startsWith('-')) {
      throw new UsageError(`Unknown option ${arg.slice(0, 60)}; options start with --, see --help.`)
    } else {
      // a bare argument is a model, as with --model-uri
      const prev = out.inputs['model-uri']
      out.inputs['model-uri'] = prev === undefined ? arg : `${prev}\n${arg}`
    }
  }
  return out
}
