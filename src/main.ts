import * as core from '@actions/core'
import { execute } from './execute.js'
import { emitAnnotations } from './github/annotate.js'
import { runContext } from './github/run-context.js'
import { actionLogger as log, failStep, logModels } from './github/log.js'
import { githubClient } from './github/octokit.js'
import { reportComment } from './github/publish-comment.js'
import { annotationsFor } from './report/annotations.js'
import { gateOutputs } from './report/outputs.js'
import { renderSummary } from './report/summary.js'
import { runView } from './report/view.js'

/**
 * The action: inputs → scan → poll → collect → verdict, then report files, outputs, the log, annotations,
 * the job summary and the PR comment, and only then the step's status, so everything is written even when
 * the step fails. A reporting stage that fails becomes a warning and never changes the verdict; anything
 * unexpected fails the step (never a silent pass).
 */
export async function run(): Promise<void> {
  try {
    await gate()
  } catch (e) {
    failStep(`The model gate stopped unexpectedly: ${message(e)}`)
  }
}

async function gate(): Promise<void> {
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
      logger: log,
      onSecret: mask
    }
  )
  const view = runView(report)
  for (const [name, value] of Object.entries(
    gateOutputs(report, { report: reportFile, sarif: sarifFile }, view.models)
  ))
    core.setOutput(name, value)

  await stage('log', () => logModels(view))
  if (reporting.annotations)
    await stage('annotations', () => emitAnnotations(annotationsFor(report.models, locate)))
  if (reporting.jobSummary)
    await stage('job summary', () =>
      core.summary.addRaw(renderSummary(view, { ...(reportFile && { reportFile }) })).write()
    )
  await stage('pull-request comment', async () => {
    const comment = await reportComment(view, reporting, runContext(env), env, () =>
      githubClient(reporting.githubToken, env, { log })
    )
    if (comment.written) {
      log.info(comment.message)
      core.setOutput('comment-url', comment.url)
    } else if (comment.level === 'warning') log.warning(comment.message)
    else log.debug(comment.message)
  })

  if (report.verdict === 'fail') failStep(view.headline)
  else if (report.verdict === 'warn') log.warning(view.headline)
  else log.info(view.headline)
}

/** One reporting stage: its failure is a warning, because reports are a courtesy and never the verdict. */
async function stage(name: string, f: () => unknown): Promise<void> {
  try {
    await f()
  } catch (e) {
    log.warning(`The ${name} could not be written: ${message(e)}`)
  }
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))
