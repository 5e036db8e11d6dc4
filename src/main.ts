import { gateModels } from './gate/gate-models.js'
import { anchorContext, reportContext, runContext } from './github/run-context.js'
import { actionLogger as log, failStep, inGroup, logModels } from './github/log.js'
import { getInput, setSecret } from './github/workflow-commands.js'
import { readStep, type InputName } from './inputs.js'
import type { GateInputs } from './gate/gate-models.js'
import type { VerifySettings } from './gate/verify-run.js'
import type { RunView } from './report/view.js'

/** Inputs whose values are masked in the log as soon as they are read. */
const SECRET_INPUTS: ReadonlySet<InputName> = new Set(['client-secret', 'github-token'])

/**
 * The action: read the inputs once → run the gate → publish (report files, outputs, log, annotations, job
 * summary, pull-request comment) → set the step's status. Everything is published before the step fails;
 * anything unexpected fails the step (never a silent pass).
 */
export async function run(): Promise<void> {
  try {
    const view = await gateAndPublish()
    if (view) setStatus(view)
  } catch (e) {
    failStep(`The model gate stopped unexpectedly: ${e instanceof Error ? e.message : String(e)}`)
  }
}

async function gateAndPublish(): Promise<RunView | undefined> {
  const env = process.env
  const masked = new Set<string>()
  const mask = (s: string) => {
    if (s && !masked.has(s)) {
      masked.add(s)
      setSecret(s)
    }
  }
  const step = readStep((name) => {
    const value = getInput(name, env)
    // before anything can print it
    if (SECRET_INPUTS.has(name as InputName)) mask(value)
    return value
  }, env)
  // verify-report: the promotion step checks the artifact against an earlier run instead of scanning it
  if (step.gate?.verify) return verifyStep({ ...step.gate, verify: step.gate.verify }, env, mask)
  const run = runContext(env)
  const context = reportContext(run, env)
  const report = await gateModels(step, { logger: log, onSecret: mask, env, ...(context && { context }) })

  // the view, the renderers, @actions/core and GitHub's client are loaded once the gate has decided
  const [
    { runView },
    core,
    { publish, sarifCategory },
    { locator },
    { emitAnnotations },
    { reportComment },
    { githubClient },
    { artifactUnavailable, uploadResults }
  ] = await Promise.all([
    import('./report/view.js'),
    import('@actions/core'),
    import('./publish.js'),
    import('./report/anchor.js'),
    import('./github/annotate.js'),
    import('./github/publish-comment.js'),
    import('./github/octokit.js'),
    import('./github/upload-results.js')
  ])
  const view = runView(report)
  const { reporting } = step.publishing
  const noArtifact = reporting.uploadArtifact ? artifactUnavailable(env) : 'upload-artifact is false'
  if (noArtifact) log.debug(`The report is not uploaded as an artifact: ${noArtifact}.`)
  await publish(
    view,
    step.publishing,
    {
      env,
      locate: locator(await anchorContext(env)),
      sarifCategory: sarifCategory(env, reporting.commentTag)
    },
    {
      logger: log,
      log: logModels,
      ...(!noArtifact && {
        upload: (files) =>
          inGroup('Uploading the report and SARIF log as a workflow artifact', () =>
            uploadResults(files, {
              ...(reporting.artifactName && { name: reporting.artifactName }),
              commentTag: reporting.commentTag,
              env,
              logger: log
            })
          )
      }),
      outputs: (values) => {
        for (const [name, value] of Object.entries(values)) core.setOutput(name, value)
      },
      annotate: emitAnnotations,
      summary: (markdown) => core.summary.addRaw(markdown).write(),
      comment: async (v, files) => {
        const comment = await reportComment(
          v,
          reporting,
          run,
          env,
          () => githubClient(reporting.githubToken, env, { log }),
          files.artifact?.url
        )
        if (comment.written) {
          log.info(comment.message)
          core.setOutput('comment-url', comment.url)
        } else if (comment.level === 'warning') log.warning(comment.message)
        else log.debug(comment.message)
      },
      // the tracking issue's code is loaded only by runs that keep one
      ...(reporting.issue !== 'never' && {
        issue: async (v, files) => {
          const [{ reportIssue }, { changeItems }] = await Promise.all([
            import('./github/publish-issue.js'),
            import('./report/markdown.js')
          ])
          const issue = await reportIssue(
            v,
            reporting,
            run,
            env,
            () => githubClient(reporting.githubToken, env, { log }),
            { ...(files.artifact && { artifactUrl: files.artifact.url }), changes: changeItems(v) }
          )
          if (issue.written) {
            log.info(issue.message)
            if (issue.warning) log.warning(issue.warning)
            core.setOutput('issue-url', issue.url)
          } else if (issue.level === 'warning') log.warning(issue.message)
          else log.debug(issue.message)
        }
      })
    }
  )
  return view
}

/** verify-report: one line per model, the verdict and error outputs, then the status. */
async function verifyStep(
  inputs: GateInputs & { verify: VerifySettings },
  env: NodeJS.ProcessEnv,
  mask: (secret: string) => void
): Promise<undefined> {
  const [{ verifyModels }, core] = await Promise.all([
    import('./gate/verify-run.js'),
    import('@actions/core')
  ])
  const { verdict, results } = await verifyModels(inputs, { env, onSecret: mask })
  for (const r of results)
    log.info(
      `${r.status === 'pass' ? 'Verified' : r.status === 'fail' ? 'Not verified' : 'Could not verify'}: ${r.message}`
    )
  core.setOutput('verdict', verdict)
  core.setOutput('error', results.find((r) => r.errorCode)?.errorCode ?? '')
  const bad = results.filter((r) => r.status !== 'pass').length
  if (verdict === 'pass')
    log.info(`Verified: ${results.length} model(s) are the artifacts the report allowed.`)
  else
    failStep(
      `Verification failed: ${bad} of ${results.length} model(s) are not the artifact the report allowed.`
    )
  return undefined
}

/** The step's status, last: the verdict's headline as the failure, a warning, or a line of the log. */
function setStatus(view: RunView): void {
  if (view.verdict === 'fail') failStep(view.headline)
  else if (view.verdict === 'warn') log.warning(view.headline)
  else log.info(view.headline)
}
