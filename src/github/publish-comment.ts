import { renderComment } from '../report/comment-body.js'
import type { RunView } from '../report/view.js'
import type { GitHubClient } from './octokit.js'
import { withClient } from './github-calls.js'
import { commentMarker, refusal, upsertComment, type CommentResult } from './sticky-comment.js'
import type { RunContext } from './run-context.js'
import { pullRequestOf, readEvent } from './pull-request.js'

/** The comment inputs (inputs.ts reads and checks them). */
export interface CommentSettings {
  comment: 'always' | 'on-failure' | 'never'
  commentTag: string
  githubToken: string
  consoleUrl?: string
}

/** What became of the comment, and how loudly to say so. */
export type CommentOutcome =
  | { written: true; message: string; url: string }
  | { written: false; level: 'debug' | 'warning'; message: string }

/**
 * The sticky pull-request comment for a run: created when the setting asks for it (`always`, or
 * `on-failure` when a model did not pass), and always brought up to date once it exists, so a later run that
 * passes never leaves a stale failure on the pull request. Never throws: a comment never changes the verdict;
 * a comment that was wanted but could not be written (fork, permissions, API failure) is a warning.
 * `connect` builds the GitHub client (./octokit.ts); it is called only when a comment is to be written.
 */
export async function reportComment(
  view: RunView,
  reporting: CommentSettings,
  run: RunContext,
  env: NodeJS.ProcessEnv,
  connect: () => Promise<GitHubClient>,
  artifactUrl?: string
): Promise<CommentOutcome> {
  const quiet = (message: string) => ({ written: false, level: 'debug', message }) as const
  if (reporting.comment === 'never') return quiet('No pull-request comment: comment is never.')
  const event = readEvent(env)
  const target = pullRequestOf(event, env)
  if ('skip' in target) return quiet(`No pull-request comment: ${target.skip}.`)
  const body = renderComment(view, {
    ...(run.runUrl && { runUrl: run.runUrl }),
    ...(run.sha && { commit: pullRequestHead(event) ?? run.sha }),
    ...(reporting.consoleUrl && { consoleUrl: reporting.consoleUrl }),
    ...(artifactUrl && { artifactUrl })
  })
  const create = reporting.comment === 'always' || view.verdict !== 'pass'
  const marker = commentMarker({
    workflow: run.workflow ?? '',
    job: run.job ?? '',
    tag: reporting.commentTag
  })
  const token = reporting.githubToken
  const r = await (async (): Promise<CommentResult> => {
    if (!token) return { action: 'skipped', reason: 'no github-token' }
    const refused = refusal({ target, marker, body })
    if (refused) return refused
    return withClient(connect, token, (client) => upsertComment(client, { target, marker, body, create }))
  })()
  if ('url' in r) return { written: true, message: `Pull-request comment ${r.action}: ${r.url}`, url: r.url }
  // a passing run with on-failure asked for nothing new: not updating (no earlier comment, a fork, no
  // token) is no news
  if (r.action === 'skipped' && !create) return quiet(`No pull-request comment: ${r.reason}.`)
  return {
    written: false,
    level: 'warning',
    message: `The pull-request comment was not written: ${r.reason}`
  }
}

/** On pull_request events GITHUB_SHA is the merge commit; the head commit is what the author knows. */
function pullRequestHead(event: unknown): string | undefined {
  const sha = (event as { pull_request?: { head?: { sha?: unknown } } } | undefined)?.pull_request?.head?.sha
  return typeof sha === 'string' && /^[0-9a-f]{7,64}$/i.test(sha) ? sha : undefined
}
