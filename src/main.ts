import * as core from '@actions/core'
import { execute } from './execute.js'
import { emitAnnotations } from './github/annotate.js'
import { runContext } from './github/context.js'
import { actionLogger, logModels } from './github/log.js'
import { reportComment } from './github/report-comment.js'
import { annotationsFor } from './report/annotations.js'
import { gateOutputs } from './report/outputs.js'
import { renderSummary } from './report/summary.js'
import { runView } from './report/view.js'

/**
 * The action: inputs → scan → poll → collect → verdict, then report files, outputs, annotations, the job
 * summary and the PR comment, and only then the step's status, so everything is written even when the step
 * fails. Reporting failures become warnings; they never change the verdict.
 */
export async function run(): Promise<void> {
  const masked = new Set<string>()
  const mask = (s: string) => {
    if (s && !masked.has(s)) {
      masked.add(s)
      core.setSecret(s)
    }
  }
  // before anything else can print them
  mask(core.getInput('client-secret'))
  mask(core.getInput('github-token'))

  const env = process.env
  const { report, reportFile, sarifFile, locate, reporting } = await execute(
    (name) => core.getInput(name),
    env,
    {
      logger: actionLogger,
      onSecret: mask
    }
  )
  const view = runView(report)
  const context = runContext(env)
  const outputs = gateOutputs(report, { report: reportFile, sarif: sarifFile })
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)

  logModels(view)
  if (reporting.annotations) emitAnnotations(annotationsFor(report.models, locate))
  if (reporting.jobSummary) {
    try {
      await core.summary.addRaw(renderSummary(view, { ...(reportFile && { reportFile }) })).write()
    } catch (e) {
      core.warning(`The job summary could not be written: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  const comment = await reportComment(view, reporting, context, env)
  if (comment.written) {
    core.info(comment.message)
    core.setOutput('comment-url', comment.url)
  } else if (comment.level === 'warning') core.warning(comment.message)
  else core.debug(comment.message)

  if (report.verdict === 'fail') core.setFailed(view.headline)
  else if (report.verdict === 'warn') core.warning(view.headline)
  else core.info(view.headline)
}
