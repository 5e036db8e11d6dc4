import { issueTitle, renderIssueBody, renderIssueResolved } from '../report/issue-body.js'
import type { RunView } from '../report/view.js'
import type { GitHubClient } from './octokit.js'
import { withClient } from './github-calls.js'
import { readEvent, splitRepo } from './pull-request.js'
import { plainText } from '../util/text.js'
import type { RunContext } from './run-context.js'
import { issueMarker, issueRefusal, syncTrackingIssue, type IssueResult } from './tracking-issue.js'

/** The tracking-issue inputs (inputs.ts reads and checks them). */
export interface IssueSettings {
  issue: 'always' | 'on-failure' | 'never'
  /** labels put on the issue (`issue-labels`) */
  issueLabels: readonly string[]
  /** `issue-title`; the default title, with the comment tag, when absent or empty */
  issueTitle?: string
  commentTag: string
  githubToken: string
}

/** What became of the issue, and how loudly to say so. */
export type IssueOutcome =
  | {
      written: true
      message: string
      url: string
      /** written, but not all of it (its labels): a warning */
      warning?: string
    }
  | { written: false; level: 'debug' | 'warning'; message: string }

export interface IssueExtras {
  /** the workflow artifact with the full report */
  artifactUrl?: string
  /** "What changed" lines, Markdown already escaped (report/issue-body.ts) */
  changes?: string[]
}

const PR_EVENTS = new Set(['pull_request', 'pull_request_target'])
/** Events that may run on any branch: they keep the issue only on the default branch. */
const BRANCH_EVENTS = new Set(['workflow_dispatch', 'push'])

/**
 * Why this run may not keep the issue, or undefined. The issue is the default branch's audit: a scheduled run
 * (GitHub runs schedules on the default branch), or a manual or push run on it. A run on another branch, or of
 * an event whose reports or models file another party controls (`workflow_run` downloads a pull request's
 * artifacts), could otherwise close the issue or ping owners.
 */
function eventRefusal(event: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (event === 'schedule') return undefined
  if (event && BRANCH_EVENTS.has(event)) {
    const payload = readEvent(env)
    const repo =
      payload && typeof payload === 'object' ? (payload as { repository?: unknown }).repository : undefined
    const branch =
      repo && typeof repo === 'object' ? (repo as { default_branch?: unknown }).default_branch : undefined
    if (typeof branch === 'string' && branch && env.GITHUB_REF === `refs/heads/${branch}`) return undefined
    return `a ${event} run keeps it only on the default branch, and this run is on ${plainText(env.GITHUB_REF ?? 'an unknown ref', 100)}`
  }
  return `only scheduled runs, and manual or push runs on the default branch, keep it; this is a ${plainText(event ?? 'run with no event', 60)} run`
}

/**
 * The tracking issue for a run (a scheduled audit has no pull request to comment on): kept open while a model
 * does not pass, closed when all pass (github/tracking-issue.ts). Not on pull-request events: there the comment
 * reports, and the models-file (whose owners the issue may mention) is the pull request's. Never throws: an issue
 * never changes the verdict; one that was wanted but could not be written is a warning. `connect` builds the
 * GitHub client (./octokit.ts); it is called only when the issue is to be written.
 */
export async function reportIssue(
  view: RunView,
  settings: IssueSettings,
  run: RunContext,
  env: NodeJS.ProcessEnv,
  connect: () => Promise<GitHubClient>,
  extras: IssueExtras = {}
): Promise<IssueOutcome> {
  const quiet = (message: string) => ({ written: false, level: 'debug', message }) as const
  if (settings.issue === 'never') return quiet('No tracking issue: issue is never.')
  const event = env.GITHUB_EVENT_NAME
  if (event && PR_EVENTS.has(event)) {
    return quiet(`No tracking issue on a ${event} event: the pull request gets the comment.`)
  }
  const refused = eventRefusal(event, env)
  if (refused) return { written: false, level: 'warning', message: `No tracking issue: ${refused}.` }
  const passing = view.verdict === 'pass'
  const r = await (async (): Promise<IssueResult> => {
    const repo = splitRepo(run.repository)
    if (!repo) return { action: 'skipped', reason: 'no repository to open it in (GITHUB_REPOSITORY)' }
    const token = settings.githubToken
    if (!token) return { action: 'skipped', reason: 'no github-token' }
    const opts = {
      repo,
      marker: issueMarker({ workflow: run.workflow ?? '', tag: settings.commentTag }),
      title: issueTitle(settings.commentTag, settings.issueTitle),
      body: renderIssueBody(view, {
        ...(run.runUrl && { runUrl: run.runUrl }),
        ...(extras.artifactUrl && { artifactUrl: extras.artifactUrl }),
        ...(extras.changes && { changes: extras.changes })
      }),
      labels: settings.issueLabels,
      mode: settings.issue,
      passing,
      resolved: renderIssueResolved(view, { ...(run.runUrl && { runUrl: run.runUrl }) })
    }
    const refused = issueRefusal(opts)
    if (refused) return refused
    return withClient(connect, token, (client) => syncTrackingIssue(client, opts))
  })()
  if ('url' in r)
    return {
      written: true,
      message: `Tracking issue ${r.action}: ${r.url}`,
      url: r.url,
      ...(r.warning && { warning: `The tracking issue was ${r.action}, but ${r.warning}` })
    }
  // a passing run under on-failure asked for nothing new: no open issue to close is no news
  if (r.action === 'skipped' && passing) return quiet(`No tracking issue: ${r.reason}.`)
  return { written: false, level: 'warning', message: `The tracking issue was not written: ${r.reason}` }
}
