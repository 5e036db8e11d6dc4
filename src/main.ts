import * as core from '@actions/core'
import { execute } from './execute.js'
import { actionLogger } from './github/log.js'
import { headline } from './report/view.js'
import { gateOutputs } from './report/outputs.js'
import { renderSummary } from './report/summary.js'

/**
 * The action: inputs → scan → poll → collect → verdict, then outputs and the job summary, and only then the
 * step's status, so everything is written even when the step fails.
 */
export async function run(): Promise<void> {
  const masked = new Set<string>()
  const mask = (s: string) => {
    if (s && !masked.has(s)) {
      masked.add(s)
      core.setSecret(s)
    }
  }
  // before anything else can print it
  mask(core.getInput('client-secret'))

  const { report, reportFile } = await execute((name) => core.getInput(name), process.env, {
    logger: actionLogger,
    onSecret: mask
  })

  for (const [name, value] of Object.entries(gateOutputs(report, reportFile ?? '')))
    core.setOutput(name, value)
  try {
    await core.summary.addRaw(renderSummary(report, reportFile)).write()
  } catch (e) {
    // a summary is a courtesy; it never changes the verdict
    core.warning(`The job summary could not be written: ${e instanceof Error ? e.message : String(e)}`)
  }

  for (const m of report.models) {
    if (m.verdict !== 'pass')
      actionLogger.info(`${m.verdict.toUpperCase()} ${m.model.model_uri}: ${m.reason}`)
  }
  const line = headline(report)
  if (report.verdict === 'fail') core.setFailed(line)
  else if (report.verdict === 'warn') core.warning(line)
  else core.info(line)
}
