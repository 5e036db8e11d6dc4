import { ModelSecurityClient } from './airs/client.js'
import type { Logger } from './airs/logger.js'
import { describeFailure } from './gate/failure.js'
import { gateReport, type GateErrorInfo, type GateReport } from './gate/result.js'
import { runGate } from './gate/run-gate.js'
import { readInputs, reportPath, type Env, type InputGetter } from './inputs.js'
import { writeReport } from './report/json.js'
import { sleep } from './util/sleep.js'

/**
 * The gate from raw inputs to a written report, shared by the action and the CLI. Never throws: a failure at
 * any stage ends up in the report, so outputs and reports always get written before the step fails.
 */

export interface Execution {
  report: GateReport
  /** where the JSON report was written; undefined if it could not be */
  reportFile?: string
}

export interface ExecuteIo {
  logger: Logger
  onSecret: (secret: string) => void
}

export async function execute(get: InputGetter, env: Env, io: ExecuteIo): Promise<Execution> {
  const started = Date.now()
  let report: GateReport
  let file: string
  try {
    const inputs = readInputs(get, env)
    file = inputs.reportFile
    const client = new ModelSecurityClient({ ...inputs.client, logger: io.logger, onSecret: io.onSecret })
    try {
      report = await runGate(inputs.run, { client, logger: io.logger, sleep })
    } finally {
      await client.close()
    }
  } catch (e) {
    file = reportPath(get('report-file').trim(), env.GITHUB_WORKSPACE || process.cwd(), env)
    report = failedRun(describeFailure(e), started)
  }
  try {
    await writeReport(file, report)
    return { report, reportFile: file }
  } catch (e) {
    io.logger.warning(`The JSON report could not be written to ${file}: ${describeFailure(e).message}`)
    return { report }
  }
}

/** A run that stopped before any model was scanned (bad inputs, configuration): always a failure. */
function failedRun(error: GateErrorInfo, started: number): GateReport {
  const settings = { mode: 'enforce', on_error: 'fail', timeout_ms: 0, concurrency: 0 } as const
  return gateReport({ started, finished: Date.now(), settings, verdict: 'fail', error, models: [] })
}
