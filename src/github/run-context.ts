import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { GateReport } from '../gate/result.js'
import type { Env } from '../util/confine.js'
import { workflowPath, type AnchorContext } from '../report/anchor.js'

/** What the run knows about where it runs, read from the runner's environment (and the checkout). */

export interface RunContext {
  serverUrl: string
  repository?: string
  runId?: string
  runAttempt?: string
  sha?: string
  workflow?: string
  job?: string
  /** link to this run's attempt, when the runner said which run this is */
  runUrl?: string
}

export function runContext(env: Env): RunContext {
  const serverUrl = serverOrigin(env.GITHUB_SERVER_URL)
  const repository = env.GITHUB_REPOSITORY || undefined
  const runId = env.GITHUB_RUN_ID || undefined
  const runAttempt = env.GITHUB_RUN_ATTEMPT || undefined
  return {
    serverUrl,
    ...(repository && { repository }),
    ...(runId && { runId }),
    ...(runAttempt && { runAttempt }),
    ...(env.GITHUB_SHA && { sha: env.GITHUB_SHA }),
    ...(env.GITHUB_WORKFLOW && { workflow: env.GITHUB_WORKFLOW }),
    ...(env.GITHUB_JOB && { job: env.GITHUB_JOB }),
    ...(repository &&
      runId && {
        runUrl: `${serverUrl}/${repository}/actions/runs/${runId}${runAttempt ? `/attempts/${runAttempt}` : ''}`
      })
  }
}

/** The server's origin: a path or fragment in GITHUB_SERVER_URL cannot aim links elsewhere. */
function serverOrigin(url: string | undefined): string {
  try {
    return new URL(url || 'https://github.com').origin
  } catch {
    return 'https://github.com'
  }
}

/** The run, as the JSON report records it (absent outside a repository's workflow). */
export function reportContext(run: RunContext, env: Env): GateReport['context'] {
  if (!run.repository) return undefined
  return {
    repository: run.repository,
    ...(run.sha && { sha: run.sha }),
    ...(env.GITHUB_REF && { ref: env.GITHUB_REF }),
    ...(env.GITHUB_EVENT_NAME && { event: env.GITHUB_EVENT_NAME }),
    ...(run.workflow && { workflow: run.workflow }),
    ...(run.job && { job: run.job }),
    ...(run.runId && { run_id: run.runId }),
    ...(run.runAttempt && { run_attempt: run.runAttempt }),
    ...(run.runUrl && { run_url: run.runUrl })
  }
}

const MAX_WORKFLOW_BYTES = 1024 * 1024

/** The checkout and the running workflow's file, for anchoring findings; never throws. */
export async function anchorContext(env: Env): Promise<AnchorContext> {
  const workspace = env.GITHUB_WORKSPACE || undefined
  const workflowFile = workflowPath(env.GITHUB_WORKFLOW_REF, env.GITHUB_REPOSITORY)
  if (!workspace || !workflowFile) return { ...(workspace && { workspace }) }
  try {
    const path = join(workspace, workflowFile)
    if ((await stat(path)).size > MAX_WORKFLOW_BYTES) return { workspace, workflowFile }
    return { workspace, workflowFile, workflowText: await readFile(path, 'utf8') }
  } catch {
    // not checked out: findings still point at the workflow file, line 1
    return { workspace, workflowFile }
  }
}
