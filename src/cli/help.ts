import {
  ACTION_ONLY_INPUTS,
  BOOLEAN_INPUTS,
  DEFAULTS,
  INPUT_CHOICES,
  INPUT_NAMES,
  type InputName
} from '../inputs.js'
import { PRODUCT } from '../version.js'
import { ENV_ONLY, inCliWords } from './cli-words.js'
import { INPUT_DOCS } from './input-docs.js'

/**
 * The CLI's help: a short overview (`--help`) and every flag of `scan` (`scan --help`, `help scan`), its
 * description and default taken from action.yml (./input-docs.ts, generated) and its choices from the code
 * that checks them, so neither can drift from what the action documents and does.
 */

/** The inputs the CLI takes as flags. */
export const CLI_INPUTS = INPUT_NAMES.filter((n) => !ENV_ONLY[n] && !ACTION_ONLY_INPUTS.has(n))

/** Inputs that may be given several times; the values are joined one per line. */
export const REPEATABLE: ReadonlySet<InputName> = new Set([
  'model-uri',
  'labels',
  'allow-patterns',
  'ignore-patterns',
  'merge-reports'
])

/** Flags by what they are about, in the order a reader needs them. Every CLI input is in one group. */
export const FLAG_GROUPS: ReadonlyArray<readonly [string, readonly InputName[]]> = [
  [
    'What to scan',
    [
      'model-uri',
      'models-file',
      'engine',
      'pin-revision',
      'reuse',
      'drift',
      'shard',
      'audit',
      'rescan-stale',
      'max-age',
      'security-group',
      'policy',
      'allow-patterns',
      'ignore-patterns',
      'labels',
      'auto-labels'
    ]
  ],
  ['How to decide', ['mode', 'on-error', 'timeout', 'poll-interval', 'poll-max-interval', 'concurrency']],
  ['Recorded with the scan', ['model-name', 'model-author', 'model-version', 'scan-origin']],
  [
    'Scanning on this machine (local and object-storage models)',
    ['scanner-version', 'scanner-requirements', 'python']
  ],
  ['Reports', ['report-file', 'sarif-file', 'sbom-file', 'console-url', 'merge-reports']],
  [
    'The service',
    ['client-id', 'tsg-id', 'token-endpoint', 'api-endpoint', 'data-endpoint', 'mgmt-endpoint', 'region']
  ]
]

const WIDTH = 100
const INDENT = '      '

/** Words wrapped to the help's width, each line indented. */
function wrap(text: string, indent: string): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > WIDTH) {
      lines.push(indent + line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(indent + line)
  return lines
}

/** Markdown code marks read as noise in a terminal. */
const plain = (text: string) => text.replace(/`([^`]*)`/g, '$1')

function flagHelp(name: InputName): string[] {
  const doc = INPUT_DOCS[name]
  const choices: readonly string[] | undefined = BOOLEAN_INPUTS.has(name)
    ? ['true', 'false']
    : (INPUT_CHOICES as Partial<Record<InputName, readonly string[]>>)[name]
  const value = choices ? choices.join('|') : 'value'
  const def = (DEFAULTS as Partial<Record<InputName, string>>)[name] ?? doc?.default
  const facts = [def !== undefined && `default: ${def}`, REPEATABLE.has(name) && 'repeatable'].filter(Boolean)
  return [
    `  --${name} <${value}>${facts.length > 0 ? `   (${facts.join('; ')})` : ''}`,
    ...wrap(plain(inCliWords(doc?.description ?? '')), INDENT)
  ]
}

const CREDENTIALS = `Credentials come from the environment: PANW_MODEL_SEC_CLIENT_ID, PANW_MODEL_SEC_CLIENT_SECRET and
PANW_MODEL_SEC_TSG_ID (or MODEL_SECURITY_CLIENT_ID, MODEL_SECURITY_CLIENT_SECRET, TSG_ID); --client-id and
--tsg-id also work, the secret never on the command line. Without credentials, --engine builtin checks local
models offline.`

const EXIT_CODES =
  'Exit codes: 0 pass, 1 blocked, 2 error (could not verify, bad input, service or auth failure).'

const OVERVIEW_HEAD = `Usage: ${PRODUCT} [scan] <model> [<model> ...] [flags]
       ${PRODUCT} help [scan]

Gates machine-learning models with Prisma AIRS AI Model Security, or the built-in offline engine: exits 1
when a model is blocked and 2 when it could not be verified, with a readable report on stdout.

Commands:
  scan    scan models and decide (the default command: "scan" may be left out)
  verify  check that the model about to be promoted is the one a gate run allowed ("verify --help")
  merge   merge the JSON reports of shards (--shard i/n) into one report: merge <report|folder>... [flags]
  help    this text; "help scan" is the same for scan alone

Examples:
  ${PRODUCT} scan --engine builtin ./models/classifier    offline, no credentials
  ${PRODUCT} scan https://huggingface.co/org/model@<sha> --security-group "Production HF models"
  ${PRODUCT} scan s3://bucket/models/v3 --json > report.json`

const SCAN_HEAD = `Usage: ${PRODUCT} scan <model> [<model> ...] [flags]

A model is a Hugging Face URL (https://huggingface.co/<org>/<model>[@<revision>]), s3://, gs://, an Azure
Blob URL, an Artifactory or GitLab registry URL, or a local path (any readable path; relative paths start
at --workspace). Each flag is the GitHub Action input of the same name.`

/** Every flag, grouped, then the command line's own flags, the credentials and the exit codes. */
function flags(): string[] {
  const out: string[] = []
  for (const [title, names] of FLAG_GROUPS) {
    out.push('', `${title}:`)
    for (const n of names) out.push(...flagHelp(n))
  }
  out.push(
    '',
    'This command line:',
    '  --workspace <dir>   (default: the current directory)',
    ...wrap(
      'The folder relative paths start from (models, --policy, --scanner-requirements, the report files). Models may be anywhere readable; the policy and requirements files and the reports must be inside it, and reports are never written through a symbolic link.',
      INDENT
    ),
    '  --json',
    ...wrap('Print the JSON report on stdout instead of the text report.', INDENT),
    '  --help, -h, --version',
    '',
    CREDENTIALS,
    EXIT_CODES
  )
  return out
}

/** `--help`, `help`: what the program is, its commands and examples, then every flag. */
export function overviewHelp(): string {
  return [OVERVIEW_HEAD, ...flags()].join('\n')
}

/** `scan --help`, `help scan`. */
export function scanHelp(): string {
  return [SCAN_HEAD, ...flags()].join('\n')
}
