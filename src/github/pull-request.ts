import { readFileSync } from 'node:fs'

/**
 * Which pull request a run belongs to, read from the workflow event. Pure apart from `readEvent`: no
 * @actions/github context, so it can be table-tested with plain payloads and never throws.
 */

export interface PullRequestTarget {
  /** The base repository (the one the pull request is opened against). */
  owner: string
  repo: string
  number: number
  /**
   * The head branch lives in another repository (or one since deleted). On `pull_request` such runs get a
   * read-only token, so commenting cannot work; `pull_request_target` runs with the base repository's token.
   */
  fork: boolean
}

const PR_EVENTS = new Set(['pull_request', 'pull_request_target'])

// GitHub's own rules for owner and repository names; anything else is not used to build a URL
const NAME = /^[A-Za-z0-9_.-]{1,100}$/

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

/** `owner/repo`, split and checked; undefined when it is not one. */
export function splitRepo(fullName: unknown): { owner: string; repo: string } | undefined {
  if (typeof fullName !== 'string') return undefined
  const parts = fullName.split('/')
  if (parts.length !== 2) return undefined
  const [owner, repo] = parts as [string, string]
  return NAME.test(owner) && NAME.test(repo) ? { owner, repo } : undefined
}

/** The repository a payload's `repository` object names: `full_name`, or `owner.login` + `name`. */
function repoOf(repository: unknown): { owner: string; repo: string } | undefined {
  if (!isObject(repository)) return undefined
  const full = splitRepo(repository.full_name)
  if (full) return full
  const owner = isObject(repository.owner) ? repository.owner.login : undefined
  return typeof owner === 'string' ? splitRepo(`${owner}/${String(repository.name)}`) : undefined
}

const sameRepo = (a: { owner: string; repo: string }, b: { owner: string; repo: string }) =>
  a.owner.toLowerCase() === b.owner.toLowerCase() && a.repo.toLowerCase() === b.repo.toLowerCase()

export function pullRequestOf(event: unknown, env: NodeJS.ProcessEnv): PullRequestTarget | { skip: string } {
  const name = env.GITHUB_EVENT_NAME
  if (!name || !PR_EVENTS.has(name)) {
    return { skip: `not a pull request event (${name ? name.slice(0, 60) : 'GITHUB_EVENT_NAME is not set'})` }
  }
  if (!isObject(event)) return { skip: `the ${name} event payload could not be read (GITHUB_EVENT_PATH)` }
  const pr = event.pull_request
  if (!isObject(pr)) return { skip: `the ${name} event payload has no pull_request object` }
  const number = pr.number
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 1) {
    return { skip: `the ${name} event payload has no valid pull request number` }
  }
  const base =
    repoOf(event.repository) ??
    (isObject(pr.base) ? repoOf(pr.base.repo) : undefined) ??
    splitRepo(env.GITHUB_REPOSITORY)
  if (!base) return { skip: `the ${name} event names no valid base repository (owner/name)` }

  let fork = false
  if (name === 'pull_request' && isObject(pr.head)) {
    const headRepo = pr.head.repo
    // null: the fork was deleted after the pull request was opened; it is still a fork pull request
    if (headRepo === null) fork = true
    else {
      const head = repoOf(headRepo)
      fork = head === undefined || !sameRepo(head, base)
    }
  }
  return { owner: base.owner, repo: base.repo, number, fork }
}

/** The event payload at GITHUB_EVENT_PATH; undefined when the variable is unset or the file is not JSON. */
export function readEvent(env: NodeJS.ProcessEnv): unknown {
  const path = env.GITHUB_EVENT_PATH
  if (!path) return undefined
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown
  } catch {
    return undefined
  }
}
