import { ModelSecurityClient } from './airs/client.js'
import type { Logger } from './util/logger.js'
import { describeFailure } from './gate/describe-failure.js'
import { gateReport, type GateErrorInfo, type GateReport } from './gate/result.js'
import { runGate } from './gate/run-gate.js'
import { runnerScansFor } from './gate/scan-on-runner.js'
import { runBuiltin, type BuiltinSettings } from './gate/scan-builtin.js'
import { isAirsError } from './airs/airs-error.js'
import { anchorContext, runContext } from './github/run-context.js'
import {
  outputPath,
  readInputs,
  readReporting,
  type Env,
  type GateInputs,
  type InputGetter,
  type Reporting
} from './inputs.js'
import { locator, type Locate } from './report/anchor.js'
import { renderSarif } from './report/sarif.js'
import { sarifHelp } from './report/markdown.js'
import { writeConfined } from './util/confine.js'
import { sleep } from './util/sleep.js'

/**
 * The gate from raw inputs to written report files, shared by the action and the CLI. Never throws: a failure
 * at any stage ends up in the report, so outputs and reports always get written before the step fails.
 */

export interface Execution {
  report: GateReport
  /** where the JSON report was written; undefined if it could not be */
  reportFile?: string
  /** where the SARIF log was written; undefined if it could not be */
  sarifFile?: string
  /** where findings point in the repository */
  locate: Locate
  reporting: Reporting
}

export interface ExecuteIo {
  logger: Logger
  onSecret: (secret: string) => void
}

/** When the reporting inputs themselves are bad the run fails on them; report without commenting. */
const FALLBACK_REPORTING: Reporting = {
  jobSummary: true,
  annotations: true,
  comment: 'never',
  commentTag: '',
  githubToken: ''
}

export async function execute(get: InputGetter, env: Env, io: ExecuteIo): Promise<Execution> {
  const started = Date.now()
  let report: GateReport
  let files: { report?: string; sarif?: string }
  let reporting: Reporting
  try {
    const inputs = readInputs(get, env)
    files = { report: inputs.reportFile, sarif: inputs.sarifFile }
    reporting = inputs.reporting
    const client = inputs.engine === 'builtin' ? undefined : airsClient(inputs, io, env)
    if (!client) {
      report = await runBuiltin(
        builtinSettings(inputs, inputs.engine === 'auto' ? AUTO_FALLBACK : undefined),
        io.logger
      )
    } else {
      try {
        const runner = runnerScansFor({
          models: inputs.run.models,
          choice: inputs.scanner,
          client,
          env,
          logger: io.logger,
          onSecret: io.onSecret
        })
        try {
          report = await runGate(inputs.run, { client, logger: io.logger, sleep, ...(runner && { runner }) })
        } finally {
          await runner?.close()
        }
      } finally {
        await client.close()
      }
    }
  } catch (e) {
    files = { report: fallbackPath('report-file', get, env), sarif: fallbackPath('sarif-file', get, env) }
    reporting = reportingOrFallback(get)
    report = failedRun(describeFailure(e), started)
  }
  report = { ...report, context: reportContext(env) }

  const locate = locator(await anchorContext(env))
  const write = async (file: string | undefined, what: string, data: () => unknown) => {
    if (!file) return undefined
    try {
      await writeConfined(file, `${JSON.stringify(data(), null, 2)}\n`, env)
      return file
    } catch (e) {
      io.logger.warning(`The ${what} could not be written to ${file}: ${describeFailure(e).message}`)
      return undefined
    }
  }
  const reportFile = await write(files.report, 'JSON report', () => report)
  const sarifFile = await write(files.sarif, 'SARIF log', () =>
    renderSarif(report, { locate, category: sarifCategory(env, reporting), helpMarkdown: sarifHelp })
  )
  return {
    report,
    ...(reportFile && { reportFile }),
    ...(sarifFile && { sarifFile }),
    locate,
    reporting
  }
}

/** What the log, summary and report say when engine: auto falls back. */
export const AUTO_FALLBACK =
  'No AIRS credentials: the built-in engine decided (engine: auto). It inspects local files offline against the policy; it is not the AIRS service. Add client-id, client-secret and tsg-id to scan with AIRS.'

/**
 * The service's client, or undefined when engine: auto finds no credentials (the built-in engine decides).
 * With engine: airs, missing credentials are an error like any other.
 */
function airsClient(inputs: GateInputs, io: ExecuteIo, env: Env): ModelSecurityClient | undefined {
  try {
    return new ModelSecurityClient({ ...inputs.client, logger: io.logger, onSecret: io.onSecret })
  } catch (e) {
    // only no credentials at all means "no AIRS here"; a half-configured tenant is a mistake to report
    if (
      inputs.engine === 'auto' &&
      isAirsError(e) &&
      e.kind === 'MISSING_VARIABLE' &&
      !anyCredential(inputs, env)
    )
      return undefined
    throw e
  }
}

/** Whether any AIRS credential is given, as an input or in the environment variables the client reads. */
function anyCredential(inputs: GateInputs, env: Env): boolean {
  const c = inputs.client
  if (c.clientId || c.clientSecret || c.tsgId) return true
  return Object.entries(env).some(
    ([k, v]) =>
      !!v?.trim() &&
      /^(?:PANW_MODEL_SEC_|PANW_MGMT_)(?:CLIENT_ID|CLIENT_SECRET|TSG_ID)$|^MODEL_SECURITY_CLIENT_(?:ID|SECRET)$|^TSG_ID$/.test(
        k
      )
  )
}

function builtinSettings(inputs: GateInputs, fallback?: string): BuiltinSettings {
  const { run } = inputs
  return {
    models: run.models,
    policy: inputs.policy,
    mode: run.mode,
    onError: run.onError,
    timeoutMs: run.timeoutMs,
    concurrency: run.concurrency,
    ...(fallback && { fallback })
  }
}

/**
 * Where a report goes when the inputs could not be read: the path given if it is a good one, else the default
 * (the run failed on a bad input, which may be this one), else nowhere.
 */
function fallbackPath(input: 'report-file' | 'sarif-file', get: InputGetter, env: Env): string | undefined {
  for (const given of [get(input).trim(), '']) {
    try {
      return outputPath(input, given, env)
    } catch {
      // the next candidate
    }
  }
  return undefined
}

function reportingOrFallback(get: InputGetter): Reporting {
  try {
    return readReporting(get)
  } catch {
    return FALLBACK_REPORTING
  }
}

/** A run that stopped before any model was scanned (bad inputs, configuration): always a failure. */
function failedRun(error: GateErrorInfo, started: number): GateReport {
  const settings = { mode: 'enforce', on_error: 'fail', timeout_ms: 0, concurrency: 0 } as const
  return gateReport({ started, finished: Date.now(), settings, verdict: 'fail', error, models: [] })
}

function reportContext(env: Env): GateReport['context'] {
  const c = runContext(env)
  if (!c.repository) return undefined
  return {
    repository: c.repository,
    ...(c.sha && { sha: c.sha }),
    ...(env.GITHUB_REF && { ref: env.GITHUB_REF }),
    ...(env.GITHUB_EVENT_NAME && { event: env.GITHUB_EVENT_NAME }),
    ...(c.workflow && { workflow: c.workflow }),
    ...(c.job && { job: c.job }),
    ...(c.runId && { run_id: c.runId }),
    ...(c.runAttempt && { run_attempt: c.runAttempt }),
    ...(c.runUrl && { run_url: c.runUrl })
  }
}

/** One code-scanning category per job and comment tag, so matrix legs do not replace each other's results. */
function sarifCategory(env: Env, reporting: Reporting): string {
  return ['airs-model-gate', env.GITHUB_JOB, reporting.commentTag]
    .filter(Boolean)
    .map((s) => s!.replace(/[^A-Za-z0-9_.-]+/g, '-'))
    .join('/')
}
