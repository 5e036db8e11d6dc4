import { createHash } from 'node:crypto'
import { redact } from '../util/redact.js'
import { plainText } from '../util/text.js'
import {
  Failure,
  GitHubCalls,
  byAccount,
  isObject,
  reasonOf,
  secretsOf,
  type Identity
} from './github-calls.js'
import type { AlreadyDone, GitHubClient } from './octokit.js'
import type { PullRequestTarget } from './pull-request.js'

/**
 * One sticky pull-request comment: found by a hidden marker and by its author, updated in place, created
 * only when asked. Talks to GitHub through the client it is given (./octokit.ts: @actions/github's Octokit with
 * the retry and throttling plugins); this module decides which comment is ours and what to tell the caller.
 * Never throws: every outcome is a CommentResult.
 */

/** GitHub's limit on a comment body, in characters. */
export const COMMENT_LIMIT = 65_536

export type CommentResult =
  | { action: 'created' | 'updated' | 'unchanged'; id: number; url: string }
  | { action: 'skipped' | 'failed'; reason: string }

export interface UpsertOptions {
  target: PullRequestTarget
  marker: string
  /** The rendered body, without the marker. */
  body: string
  /** False: only update an existing comment, never create one. */
  create: boolean
  logger?: { debug(m: string): void }
}

// ---------------------------------------------------------------------------------------------------------
// the marker

const MARKER_KIND = 'airs-model-gate:sticky'
const MAX_VALUE = 100

/** What could end the quote or the HTML comment, line breaks, control and bidi characters, and `%` and `~`. */
const UNSAFE_IN_MARKER =
  // eslint-disable-next-line no-control-regex
  /[%"<>&~!\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu

/**
 * A value as it appears between the marker's quotes: characters that could end the quote or the HTML
 * comment (`"`, `<`, `>`, `--`), line breaks, control and bidi characters, `%` and `~` are percent-encoded,
 * so the marker is one HTML comment on one line, ending only at its end.
 * A value longer than MAX_VALUE is cut and followed by `~` and a hash of the whole value, so two values that
 * differ only past the cut still give two markers (`~` appears in no value otherwise).
 */
export function markerValue(value: string): string {
  const escaped = value
    // a lone surrogate cannot be sent as UTF-8; GitHub would store something else and never match
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(UNSAFE_IN_MARKER, (c) => encodeURIComponent(c).replace(/!/g, '%21').replace(/~/g, '%7E'))
    .replace(/-(?=-)/g, '%2D')
  if (escaped.length <= MAX_VALUE) return escaped
  const hash = createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 12)
  // cut outside a %XX escape
  const head = escaped.slice(0, MAX_VALUE - hash.length - 1).replace(/%[0-9A-F]?$/, '')
  return `${head}~${hash}`
}

/** The hidden HTML comment that names one run's sticky comment (one per workflow, job and tag). */
export function commentMarker(parts: { workflow: string; job: string; tag: string }): string {
  return `<!-- ${MARKER_KIND} workflow="${markerValue(parts.workflow)}" job="${markerValue(parts.job)}" tag="${markerValue(parts.tag)}" -->`
}

/** The body as posted: the rendered text, then the marker on its own line. */
export function withMarker(body: string, marker: string): string {
  return `${body}\n\n${marker}`
}

// ---------------------------------------------------------------------------------------------------------
// the comments

/** 100 pages of 100: a pull request with more comments than this is not searched to the end. */
const MAX_PAGES = 100

interface RawComment {
  id: number
  body: string
  html_url: string
  user: Record<string, unknown> | null
}

class Comments {
  private readonly calls: GitHubCalls

  constructor(
    private readonly client: GitHubClient,
    private readonly opts: UpsertOptions,
    secrets: string[]
  ) {
    const { owner, repo, number } = opts.target
    this.calls = new GitHubCalls(
      client,
      {
        thing: 'comment',
        permission: 'pull-requests: write',
        repo: `${owner}/${repo}`,
        where: `${owner}/${repo}#${number}`
      },
      secrets,
      opts.logger
    )
  }

  private step<T>(what: string, f: () => Promise<T>): Promise<T> {
    return this.calls.step(what, f)
  }

  identity(): Promise<Identity> {
    return this.calls.identity()
  }

  private isOurs(c: RawComment, me: Identity): boolean {
    // the marker ends our comments (withMarker); another bot quoting one would carry it mid-body
    return c.body.trimEnd().endsWith(this.opts.marker) && byAccount(c.user, me)
  }

  /**
   * Our first comment carrying the marker, over every page. The oldest, so that the choice never moves: a later
   * comment of the same account that ends with the marker (another workflow echoing text under GITHUB_TOKEN) cannot
   * take the updates and leave the one people read stale.
   */
  async find(me: Identity): Promise<RawComment | undefined> {
    const { owner, repo, number } = this.opts.target
    const what = `listing the comments of ${owner}/${repo}#${number}`
    return this.step(what, async () => {
      const pages = this.client.paginate.iterator(this.client.rest.issues.listComments, {
        owner,
        repo,
        issue_number: number,
        per_page: 100
      })
      let found: RawComment | undefined
      let page = 0
      for await (const response of pages) {
        if (++page > MAX_PAGES) {
          throw new Failure(`${what}: more than ${MAX_PAGES * 100} comments, gave up looking for the marker`)
        }
        const items: unknown = response.data
        if (!Array.isArray(items)) throw new Failure(`GitHub sent something other than a list when ${what}`)
        for (const item of items as unknown[]) {
          const c = asComment(item)
          if (c && this.isOurs(c, me) && (found === undefined || c.id < found.id)) found = c
        }
      }
      return found
    })
  }

  async update(id: number, body: string): Promise<RawComment> {
    const { owner, repo } = this.opts.target
    const what = `updating comment ${id}`
    const response = await this.step(what, () =>
      this.client.rest.issues.updateComment({ owner, repo, comment_id: id, body })
    )
    return written(response.data, what)
  }

  /**
   * A create whose answer was lost may have happened: before the client sends it again, `lookAgain` looks for
   * the comment, and what it finds is the answer.
   */
  async create(body: string, lookAgain: () => Promise<RawComment | undefined>): Promise<RawComment> {
    const { owner, repo, number } = this.opts.target
    const what = `creating a comment on ${owner}/${repo}#${number}`
    const alreadyDone: AlreadyDone = lookAgain
    const response = await this.step(what, () =>
      this.client.rest.issues.createComment({
        owner,
        repo,
        issue_number: number,
        body,
        request: { alreadyDone }
      })
    )
    return written(response.data, what)
  }
}

function asComment(item: unknown): RawComment | undefined {
  if (!isObject(item) || typeof item.id !== 'number' || typeof item.body !== 'string') return undefined
  const user = isObject(item.user) ? item.user : null
  return {
    id: item.id,
    body: item.body,
    html_url: typeof item.html_url === 'string' ? item.html_url : '',
    user
  }
}

function written(data: unknown, what: string): RawComment {
  const c = asComment(data)
  if (!c) throw new Failure(`GitHub's answer had no comment in it when ${what}`)
  return c
}

// ---------------------------------------------------------------------------------------------------------
// the operation

export const FORK_REASON =
  'the pull request comes from a fork, and the token is read-only on fork pull requests; to comment on them, post from a separate workflow triggered by `workflow_run`'

/**
 * Why no comment is attempted, before any request (and before a client is built): a fork pull request, a
 * malformed marker, a body over GitHub's limit. Undefined when there is nothing against it.
 */
export function refusal(opts: Pick<UpsertOptions, 'target' | 'marker' | 'body'>): CommentResult | undefined {
  if (opts.target.fork) return { action: 'skipped', reason: FORK_REASON }
  if (!opts.marker.startsWith('<!--') || !opts.marker.endsWith('-->')) {
    return { action: 'failed', reason: 'the comment marker is not an HTML comment' }
  }
  const length = withMarker(opts.body, opts.marker).length
  if (length > COMMENT_LIMIT) {
    return {
      action: 'failed',
      reason: `the comment is ${length} characters with its marker, over GitHub's limit of ${COMMENT_LIMIT}; not sent`
    }
  }
  return undefined
}

/** Creates or updates the sticky comment through `client`. Never throws; no reason carries the token. */
export async function upsertComment(client: GitHubClient, opts: UpsertOptions): Promise<CommentResult> {
  const refused = refusal(opts)
  if (refused) return refused
  const body = withMarker(opts.body, opts.marker)
  let secrets: string[] = []
  const failed = (reason: string): CommentResult => ({
    action: 'failed',
    reason: plainText(redact(reason, secrets), 600)
  })
  try {
    secrets = await secretsOf(client)
    const gh = new Comments(client, opts, secrets)
    const me = await gh.identity()
    const found = await gh.find(me)
    if (found) {
      if (found.body === body) return { action: 'unchanged', id: found.id, url: found.html_url }
      const c = await gh.update(found.id, body)
      return { action: 'updated', id: c.id, url: c.html_url }
    }
    if (!opts.create) {
      return { action: 'skipped', reason: 'no earlier comment to update, and this run does not create one' }
    }
    const c = await gh.create(body, () => gh.find(me))
    if (c.body === body) return { action: 'created', id: c.id, url: c.html_url }
    // looking again before a retry found a comment of ours that another run had just created
    const u = await gh.update(c.id, body)
    return { action: 'updated', id: u.id, url: u.html_url }
  } catch (e) {
    return failed(reasonOf(e, 'cancelled before the comment was posted'))
  }
}
