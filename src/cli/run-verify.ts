import { readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createDispatcher } from '../airs/dispatcher.js'
import { hubResolver } from '../gate/hub-revision.js'
import { parseModelUri } from '../gate/model-source.js'
import { GateReportSchema, type GateReport } from '../gate/result.js'
import { verifyArtifact } from '../gate/verify-artifact.js'
import { parseDuration } from '../util/duration.js'
import { GateError } from '../util/gate-error.js'
import { sleep } from '../util/sleep.js'
import { defuse, plainText } from '../util/text.js'
import { PRODUCT } from '../version.js'
import { inCliWords } from './cli-words.js'

/**
 * `airs-model-gate verify`: the promotion step's check that the artifact about to be promoted is the one a
 * gate run scanned and allowed (gate/verify-artifact.ts). Exit 0 it is, 1 it is not (another content or
 * commit, not allowed, another group, too old), 2 the check could not be made. A local artifact needs no
 * network; a Hugging Face one asks the Hub what its revision is now.
 */

export const VERIFY_USAGE = `Usage: ${PRODUCT} verify <model> --report <gate-report.json> [flags]

Checks that <model> (a local path, or a Hugging Face URL with the revision you promote) is what the gate
run in <gate-report.json> scanned and allowed: a local model is hashed again and must have the digest the
report recorded; a Hugging Face revision is resolved again and must be the commit that was scanned.

  --report <file>          the JSON report of the gate run (its report output, or --report-file)
  --security-group <g>     the scan must have used this group (UUID or exact name)
  --max-age <duration>     the scan must be younger than this, e.g. 24h, 90m
  --workspace <dir>        where relative paths start (default: the current directory)
  --help

Hugging Face: HF_ENDPOINT and HF_TOKEN as for scan. Exit codes: 0 verified, 1 not the artifact that was
allowed (or too old, or another group), 2 the check could not be made.`

const MAX_REPORT_BYTES = 256 * 1024 * 1024

/** Where verify prints: run-cli.ts owns the process's streams. */
export interface Streams {
  out: (line: string) => void
  err: (line: string) => void
}

export async function runVerify(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  streams: Streams
): Promise<number> {
  const say = (m: string) => streams.err(defuse(m))
  const usage = (m: string) => {
    say(`${PRODUCT} verify: ${m}`)
    return 2
  }
  let values: Record<string, string | boolean | undefined>
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({
      args: [...argv],
      options: {
        report: { type: 'string' },
        'security-group': { type: 'string' },
        'max-age': { type: 'string' },
        workspace: { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      },
      allowPositionals: true,
      strict: true
    }))
  } catch (e) {
    return usage(`${plainText(e instanceof Error ? e.message : String(e), 200)}; see verify --help.`)
  }
  if (values.help) {
    streams.out(VERIFY_USAGE)
    return 0
  }
  if (positionals.length !== 1) return usage('give exactly one model to verify; see verify --help.')
  if (typeof values.report !== 'string') return usage('--report <gate-report.json> is required.')
  const workspace = resolve(typeof values.workspace === 'string' ? values.workspace : process.cwd())
  try {
    const artifact = parseModelUri(positionals[0]!, { workspace, anywhere: true, inputName: 'model' })
    const maxAgeMs =
      typeof values['max-age'] === 'string'
        ? parseDuration(values['max-age'], 'max-age', { minMs: 1000, maxMs: 10 * 365 * 24 * 3_600_000 })
        : undefined
    const report = readReport(resolve(workspace, values.report))
    const dispatcher = createDispatcher({ env })
    try {
      const hub =
        artifact.sourceType === 'HUGGING_FACE'
          ? hubResolver({ env, dispatcher, onSecret: () => {}, sleep })
          : undefined
      const outcome = await verifyArtifact(
        {
          report,
          artifact,
          ...(typeof values['security-group'] === 'string' && { group: values['security-group'] }),
          ...(maxAgeMs !== undefined && { maxAgeMs }),
          now: Date.now()
        },
        { ...(hub && { hub }), signal: AbortSignal.timeout(120_000) }
      )
      streams.out(defuse(`${outcome.status === 'pass' ? 'Verified' : 'Not verified'}: ${outcome.message}`))
      return outcome.status === 'pass' ? 0 : 1
    } finally {
      await dispatcher.close()
    }
  } catch (e) {
    if (e instanceof GateError) return usage(inCliWords(e.message))
    throw e
  }
}

function readReport(file: string): GateReport {
  let text: string
  try {
    if (statSync(file).size > MAX_REPORT_BYTES) throw new Error('it is larger than 256 MiB')
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw new GateError(
      'INVALID_INPUT',
      `The report ${file} cannot be read: ${e instanceof Error ? e.message : String(e)}.`
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new GateError(
      'INVALID_INPUT',
      `The report ${file} is not JSON; give the gate's JSON report (its report output).`
    )
  }
  const parsed = GateReportSchema.safeParse(json)
  if (!parsed.success)
    throw new GateError(
      'INVALID_INPUT',
      `The report ${file} is not a gate report of this version (${plainText(parsed.error.issues[0]?.message ?? 'invalid', 120)} at ${parsed.error.issues[0]?.path.join('.') ?? '?'}).`
    )
  return parsed.data
}
