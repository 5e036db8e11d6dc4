import { ISSUE_LIMIT_CHARS, ISSUE_TITLE_LIMIT } from '../report/issue-body.js'
import { redact } from '../util/redact.js'
import { formatCount, plainText } from '../util/text.js'
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
import { markerValue, withMarker } from './sticky-comment.js'

/**
 * The tracking issue of a scheduled audit, which has no pull request to comment on: one open issue per workflow
 * and comment tag, found by a hidden marker at the end of its body and by its author (the token's own account, as
 * for the sticky comment), kept up to date while models fail, and closed with a comment once they all pass.
 * Never throws: every outcome is an IssueResult, and no reason carries the token.
 */

export type IssueResult =
  | {
      action: 'created' | 'updated' | 'unchanged' | 'closed'
      number: number
      url: string
      /** the issue is written, but something else was not (its labels) */
      warning?: string
    }
  | { action: 'skipped' | 'failed'; reason: string }

export interface TrackingIssueOptions {
  repo: { owner: string; repo: string }
  marker: string
  title: string
  /** The rendered body, without the marker. */
  body: string
  /** added when missing, never removed: people may label the issue too */
  labels: readonly string[]
  /**
   * on-failure: an issue while a model does not pass, closed once all pass. always: the same, and a passing run
   * with no open issue records its outcome in an issue closed at once. never: nothing (no request).
   */
  mode: 'on-failure' | 'always' | 'never'
  /** every model passed (the view's verdict is `pass`) */
  passing: boolean
  /** the comment posted before a passing run closes the open issue (it notifies; an edit does not) */
  resolved: string
  logger?: { debug(m: string): void }
}

const MARKER_KIND = 'airs-model-gate:issue'

/** The hidden HTML comment that names a workflow's tracking issue (one per workflow and comment tag). */
export function issueMarker(parts: { workflow: string; tag: string }): string {
  return `<!-- ${MARKER_KIND} workflow="${markerValue(parts.workflow)}" tag="${markerValue(parts.tag)}" -->`
}

/**
 * Why nothing is attempted, before any request: the mode is never, a malformed marker, a title or body over
 * GitHub's limits. Undefined when there is nothing against it.
 */
export function issueRefusal(
  opts: Pick<TrackingIssueOptions, 'mode' | 'marker' | 'title' | 'body'>
): IssueResult | undefined {
  if (opts.mode === 'never') return { action: 'skipped', reason: 'issue is never' }
  if (!opts.marker.startsWith('<!--') || !opts.marker.endsWith('-->')) {
    return { action: 'failed', reason: 'the issue marker is not an HTML comment' }
  }
  if (!opts.title.trim()) return { action: 'failed', reason: 'the issue title is empty; set issue-title' }
  if ([...opts.title].length > ISSUE_TITLE_LIMIT) {
    return {
      action: 'failed',
      reason: `the issue title is ${[...opts.title].length} characters, over GitHub's limit of ${ISSUE_TITLE_LIMIT}; shorten issue-title`
    }
  }
  const length = withMarker(opts.body, opts.marker).length
  if (length > ISSUE_LIMIT_CHARS) {
    return {
      action: 'failed',
      reason: `the issue body is ${length} characters with its marker, over GitHub's limit of ${ISSUE_LIMIT_CHARS}; not sent`
    }
  }
  return undefined
}

/** 10 pages of 100: a repository with more open issues and pull requests is not searched to the end. */
const MAX_PAGES = 10
const PER_PAGE = 100

interface RawIssue {
  number: number
  title: string
  body: string
  html_url: string
  user: Record<string, unknown> | null
  /** label names */
  labels: string[]
  /** set on pull requests, which the issues API lists too */
  pullRequest: boolean
}

/** An issue as GitHub gives it (labels as objects or names), or as find() gave it back to the client. */
function asIssue(item: unknown): RawIssue | undefined {
  if (!isObject(item) || typeof item.number !== 'number') return undefined
  const labels = Array.isArray(item.labels)
    ? (item.labels as unknown[]).flatMap((l) =>
        typeof l === 'string' ? [l] : isObject(l) && typeof l.name === 'string' ? [l.name] : []
      )
    : []
  return {
    number: item.number,
    title: typeof item.title === 'string' ? item.title : '',
    body: typeof item.body === 'string' ? item.body : '',
    html_url: typeof item.html_url === 'string' ? item.html_url : '',
    user: isObject(item.user) ? item.user : null,
    labels,
    pullRequest: (item.pull_request !== undefined && item.pull_request !== null) || item.pullRequest === true
  }
}

function written(data: unknown, what: string): RawIssue {
  const i = asIssue(data)
  if (!i) throw new Failure(`GitHub's answer had no issue in it when ${what}`)
  return i
}

class Issues {
  private readonly calls: GitHubCalls
  private readonly owner: string
  private readonly repo: string
  private readonly where: string

  constructor(
    private readonly client: GitHubClient,
    private readonly opts: TrackingIssueOptions,
    secrets: string[]
  ) {
    this.owner = opts.repo.owner
    this.repo = opts.repo.repo
    this.where = `${this.owner}/${this.repo}`
    this.calls = new GitHubCalls(
      client,
      {
        thing: 'issue',
        permission: 'issues: write',
        repo: this.where,
        where: this.where,
        explain: (status, message, answer) => {
          if (status !== 410) return undefined
          // 410 is also GitHub's answer for an issue that was deleted
          return /issues are disabled/i.test(message)
            ? `${answer}: Issues are disabled in ${this.where}; enable them (Settings → General → Features → Issues), or set issue: never`
            : `${answer}: the issue is gone (deleted)`
        }
      },
      secrets,
      opts.logger
    )
  }

  identity(): Promise<Identity> {
    return this.calls.identity()
  }

  private isOurs(i: RawIssue, me: Identity): boolean {
    // the marker ends our issues (withMarker); an issue quoting one, or a pull request carrying it, is not ours
    return !i.pullRequest && i.body.trimEnd().endsWith(this.opts.marker) && byAccount(i.user, me)
  }

  /**
   * Our oldest open issue carrying the marker, so that the choice never moves: a later issue of the same account
   * that ends with the marker cannot take the updates and leave the one people follow stale. Oldest first, so the
   * first page with a match holds it.
   */
  async find(me: Identity): Promise<RawIssue | undefined> {
    const what = `listing the open issues of ${this.where}`
    return this.calls.step(what, async () => {
      const pages = this.client.paginate.iterator(this.client.rest.issues.listForRepo, {
        owner: this.owner,
        repo: this.repo,
        state: 'open',
        sort: 'created',
        direction: 'asc',
        per_page: PER_PAGE
      })
      let page = 0
      for await (const response of pages) {
        const items: unknown = response.data
        if (!Array.isArray(items)) throw new Failure(`GitHub sent something other than a list when ${what}`)
        let found: RawIssue | undefined
        for (const item of items as unknown[]) {
          const i = asIssue(item)
          if (i && this.isOurs(i, me) && (found === undefined || i.number < found.number)) found = i
        }
        if (found) return found
        // stop before asking for a page past the bound
        if (++page >= MAX_PAGES && /\brel="next"/.test(String(response.headers.link ?? ''))) {
          throw new Failure(
            `${what}: more than ${formatCount(MAX_PAGES * PER_PAGE)} open issues and pull requests, gave up looking for the tracking issue; close some, or set issue: never`
          )
        }
      }
      return undefined
    })
  }

  /**
   * A create whose answer was lost may have happened: before the client sends it again, `lookAgain` looks for
   * the issue, and what it finds is the answer.
   */
  async create(body: string, lookAgain: () => Promise<RawIssue | undefined>): Promise<RawIssue> {
    const what = `creating an issue in ${this.where}`
    const alreadyDone: AlreadyDone = lookAgain
    const response = await this.calls.step(what, () =>
      this.client.rest.issues.create({
        owner: this.owner,
        repo: this.repo,
        title: this.opts.title,
        body,
        labels: [...this.opts.labels],
        request: { alreadyDone }
      })
    )
    return written(response.data, what)
  }

  /** Changes the title, body or state; an idempotent PATCH, retried as it is. */
  async update(
    issue: RawIssue,
    change: { title?: string; body?: string; state?: 'closed'; state_reason?: 'completed' }
  ): Promise<RawIssue> {
    const what = change.state ? `closing issue #${issue.number}` : `updating issue #${issue.number}`
    const response = await this.calls.step(
      what,
      () =>
        this.client.rest.issues.update({
          owner: this.owner,
          repo: this.repo,
          issue_number: issue.number,
          ...change
        }),
      `${this.where}#${issue.number}`
    )
    return written(response.data, what)
  }

  /**
   * Adds the labels the issue lacks, without replacing the set (a PATCH of `labels` would drop any a person added
   * meanwhile). A refusal is a warning, not the issue's failure: the body people read is already written.
   */
  async addMissingLabels(issue: RawIssue): Promise<{ added: boolean; warning?: string }> {
    const labels = missingLabels(issue, this.opts.labels)
    if (labels.length === 0) return { added: false }
    const what = `labelling issue #${issue.number}`
    try {
      await this.calls.step(
        what,
        () =>
          this.client.rest.issues.addLabels({
            owner: this.owner,
            repo: this.repo,
            issue_number: issue.number,
            labels
          }),
        `${this.where}#${issue.number}`
      )
      return { added: true }
    } catch (e) {
      if (!(e instanceof Failure)) throw e
      return { added: false, warning: `the labels ${labels.join(', ')} were not added: ${e.message}` }
    }
  }

  /** Posts `body` on the issue; a lost answer is looked for among the issue's comments before a retry. */
  async comment(issue: RawIssue, body: string, me: Identity): Promise<void> {
    const what = `commenting on issue #${issue.number}`
    const where = `${this.where}#${issue.number}`
    const alreadyDone: AlreadyDone = () => this.findComment(issue, body, me)
    await this.calls.step(
      what,
      () =>
        this.client.rest.issues.createComment({
          owner: this.owner,
          repo: this.repo,
          issue_number: issue.number,
          body,
          request: { alreadyDone }
        }),
      where
    )
  }

  /** Our comment with exactly this body on the issue (it links this run, so an earlier run's does not match). */
  private async findComment(issue: RawIssue, body: string, me: Identity): Promise<unknown> {
    const pages = this.client.paginate.iterator(this.client.rest.issues.listComments, {
      owner: this.owner,
      repo: this.repo,
      issue_number: issue.number,
      per_page: PER_PAGE
    })
    let page = 0
    for await (const response of pages) {
      if (++page > MAX_PAGES) return undefined
      const items: unknown = response.data
      if (!Array.isArray(items)) return undefined
      const mine = (items as unknown[]).find((c) => isObject(c) && c.body === body && byAccount(c.user, me))
      if (mine) return mine
    }
    return undefined
  }
}

/** The labels asked for that the issue does not have (GitHub's label names ignore case). */
function missingLabels(issue: RawIssue, wanted: readonly string[]): string[] {
  const has = new Set(issue.labels.map((l) => l.toLowerCase()))
  const out: string[] = []
  for (const l of wanted) {
    if (l && !has.has(l.toLowerCase())) {
      has.add(l.toLowerCase())
      out.push(l)
    }
  }
  return out
}

/**
 * Brings the tracking issue in line with the run through `client`:
 * - a run that does not pass updates the open issue in place (title and body; labels added, never removed, and
 *   a label GitHub refuses is a warning), or creates it;
 * - a run that passes comments on the open issue, brings its body up to date and closes it (completed); with no
 *   open issue it does nothing, unless the mode is `always`, which records the outcome in an issue closed at once.
 * Never throws; no reason carries the token.
 */
export async function syncTrackingIssue(
  client: GitHubClient,
  opts: TrackingIssueOptions
): Promise<IssueResult> {
  const refused = issueRefusal(opts)
  if (refused) return refused
  const body = withMarker(opts.body, opts.marker)
  let secrets: string[] = []
  const failed = (reason: string): IssueResult => ({
    action: 'failed',
    reason: plainText(redact(reason, secrets), 600)
  })
  try {
    secrets = await secretsOf(client)
    const gh = new Issues(client, opts, secrets)
    const me = await gh.identity()
    const found = await gh.find(me)
    const changes = (i: RawIssue) => ({
      ...(i.title !== opts.title && { title: opts.title }),
      ...(i.body !== body && { body })
    })
    const done = (
      action: 'created' | 'updated' | 'unchanged' | 'closed',
      i: RawIssue,
      warning?: string
    ): IssueResult => ({
      action,
      number: i.number,
      url: i.html_url,
      ...(warning && { warning: plainText(redact(warning, secrets), 600) })
    })

    if (opts.passing) {
      if (found) {
        await gh.comment(found, opts.resolved, me)
        const closed = await gh.update(found, {
          ...changes(found),
          state: 'closed',
          state_reason: 'completed'
        })
        return done('closed', closed)
      }
      if (opts.mode !== 'always') {
        return { action: 'skipped', reason: 'no open tracking issue, and a passing run opens none' }
      }
      const created = await gh.create(body, () => gh.find(me))
      // looking again before a retry may have found an issue another run had just opened: bring it in line
      const closed = await gh.update(created, {
        ...changes(created),
        state: 'closed',
        state_reason: 'completed'
      })
      return done('closed', closed)
    }

    // a create that looked again before a retry may have found an issue another run had just opened
    const issue = found ?? (await gh.create(body, () => gh.find(me)))
    const change = changes(issue)
    const changed = Object.keys(change).length > 0
    const current = changed ? await gh.update(issue, change) : issue
    // labels last: GitHub drops those a token may not set when it creates an issue
    const labels = await gh.addMissingLabels(current)
    const action = !found && !changed ? 'created' : changed || labels.added ? 'updated' : 'unchanged'
    return done(action, current, labels.warning)
  } catch (e) {
    return failed(reasonOf(e, 'cancelled before the tracking issue was written'))
  }
}
