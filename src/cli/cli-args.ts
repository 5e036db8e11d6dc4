import { parseArgs as parseArgsOfNode, type ParseArgsConfig } from 'node:util'
import type { InputName } from '../inputs.js'
import { ENV_ONLY } from './cli-words.js'
import { CLI_INPUTS, REPEATABLE } from './help.js'

/** Command-line flags of the CLI: the action's inputs as `--name value`, checked before anything runs. */

const ALIASES: Record<string, InputName> = { label: 'labels', model: 'model-uri' }

export class UsageError extends Error {}

export interface CliArgs {
  /** `help` (or `help scan`, `scan --help`): which help to print */
  help?: 'overview' | 'scan'
  inputs: Partial<Record<InputName, string>>
  /** the folder relative paths start from; the current directory when absent */
  workspace?: string
  json: boolean
  version: boolean
  /** no model, no flag: the user typed the bare command */
  empty: boolean
}

/** What node:util parseArgs is told: every CLI input and alias takes a value, the rest are switches. */
const OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  ...Object.fromEntries(
    [...CLI_INPUTS, ...Object.keys(ALIASES), 'workspace'].map((name) => [name, { type: 'string' as const }])
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
  const out: CliArgs = { inputs: {}, json: false, version: false, empty: argv.length === 0 }
  if (argv[0] === 'help') {
    if (argv.length > 2 || (argv[1] !== undefined && argv[1] !== 'scan'))
      throw new UsageError(`Unknown help topic ${String(argv[1]).slice(0, 60)}; try: help scan.`)
    return { ...out, help: argv[1] === 'scan' ? 'scan' : 'overview' }
  }
  // `scan` may be left out; `merge <report>…` takes reports where scan takes models
  const merge = argv[0] === 'merge'
  const scan = argv[0] === 'scan' || merge
  const args = scan ? argv.slice(1) : [...argv]
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
      if (merge) add('merge-reports', token.value, '--merge-reports')
      else add('model-uri', token.value, '--model-uri')
    } else if (!token.rawName.startsWith('--')) {
      // -h is the one short option
      if (arg !== '-h')
        throw new UsageError(`Unknown option ${arg.slice(0, 60)}; options start with --, see --help.`)
      out.help = scan ? 'scan' : 'overview'
    } else {
      const raw = token.rawName.slice(2)
      const name = own(ALIASES, raw) ?? (raw as InputName)
      const envOnly = own(ENV_ONLY, name)
      if (envOnly)
        throw new UsageError(`--${raw} is not accepted on the command line; set ${envOnly} instead.`)
      const type = own(OPTIONS, raw)?.type
      if (type === 'boolean' && !token.inlineValue) {
        if (raw === 'help') out.help = scan ? 'scan' : 'overview'
        else out[raw as 'version' | 'json'] = true
      } else if (type !== 'string') throw new UsageError(`Unknown option --${raw}; see --help.`)
      else if (token.value === undefined) throw new UsageError(`--${raw} needs a value.`)
      else if (raw === 'workspace') {
        if (out.workspace !== undefined) throw new UsageError('--workspace is given twice.')
        out.workspace = token.value
      } else add(name, token.value, `--${raw}`)
    }
  }
  return out
}
