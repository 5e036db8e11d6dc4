import { parseArgs as parseArgsOfNode, type ParseArgsConfig } from 'node:util'
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
/** The inputs the CLI takes as flags. */
const CLI_INPUTS = INPUT_NAMES.filter((n) => !ENV_ONLY[n] && !ACTION_ONLY_INPUTS.has(n))

export const USAGE = `Usage: ${PRODUCT} [scan] [--model-uri] <uri or path> [...] [options]
       ${PRODUCT} scan --engine builtin ./model      (offline check of a local model, no credentials)

Scans models with Prisma AIRS AI Model Security (or the built-in offline engine) and fails when one is blocked.
Options (same meaning as the GitHub Action's inputs):
${CLI_INPUTS.map((n) => `  --${n} <value>${REPEATABLE.has(n) ? '  (repeatable)' : ''}`).join('\n')}
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

/** What node:util parseArgs is told: every CLI input and alias takes a value, the rest are switches. */
const OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  ...Object.fromEntries(
    [...CLI_INPUTS, ...Object.keys(ALIASES)].map((name) => [name, { type: 'string' as const }])
  ),
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  json: { type: 'boolean' }
}

const own = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined

/**
 * The arguments, split by node:util parseArgs (`--name value`, `--name=value`, `-h`, bare arguments) and then
 * checked here in order, so the first mistake is the one reported, in the CLI's own words.
 */
export function parseArgs(argv: readonly string[]): CliArgs {
  const out: CliArgs = { inputs: {}, json: false, help: false, version: false }
  // `scan` is the only command, and may be left out
  const args = argv[0] === 'scan' ? argv.slice(1) : [...argv]
  // not strict: a string option takes the next argument whatever it starts with, and unknown options come
  // back as tokens, to be reported below
  const { tokens } = parseArgsOfNode({
    args,
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true
  })
  const add = (name: InputName, value: string, flag: string) => {
    const prev = out.inputs[name]
    if (prev !== undefined && !REPEATABLE.has(name)) throw new UsageError(`${flag} is given twice.`)
    out.inputs[name] = prev === undefined ? value : `${prev}\n${value}`
  }
  for (const token of tokens) {
    if (token.kind === 'option-terminator') throw new UsageError('Unknown option --; see --help.')
    const arg = args[token.index]!
    if (token.kind === 'positional') {
      // `-` alone; a bare argument is a model, as with --model-uri
      if (arg === '-') throw new UsageError('Unknown option -; options start with --, see --help.')
      add('model-uri', token.value, '--model-uri')
    } else if (!token.rawName.startsWith('--')) {
      // -h is the one short option
      if (arg !== '-h')
        throw new UsageError(`Unknown option ${arg.slice(0, 60)}; options start with --, see --help.`)
      out.help = true
    } else {
      const raw = token.rawName.slice(2)
      const name = own(ALIASES, raw) ?? (raw as InputName)
      const envOnly = own(ENV_ONLY, name)
      if (envOnly)
        throw new UsageError(`--${raw} is not accepted on the command line; set ${envOnly} instead.`)
      const type = own(OPTIONS, raw)?.type
      if (type === 'boolean' && !token.inlineValue) out[raw as 'help' | 'version' | 'json'] = true
      else if (type !== 'string') throw new UsageError(`Unknown option --${raw}; see --help.`)
      else if (token.value === undefined) throw new UsageError(`--${raw} needs a value.`)
      else add(name, token.value, `--${raw}`)
    }
  }
  return out
}
