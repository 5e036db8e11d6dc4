import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/**
 * A local stand-in for the few GitHub REST endpoints the sticky comment and the tracking issue use, over real
 * HTTP, with GitHub's shapes: the comment and issue objects (the issue list holds pull requests too, each with a
 * `pull_request` object, and issues and pull requests share one sequence of numbers per repository), `Link`
 * pagination through `/repositories/{id}/…` URLs (as api.github.com sends them), `per_page` capped at 100, the
 * 65,536-character body limit with GitHub's 422 body, 401/403 bodies, rate-limit headers (and GitHub's
 * secondary-rate-limit message on a 429), 410 "Issues are disabled for this repo" as a fault, and an optional
 * path prefix (`/api/v3`) as on GitHub Enterprise Server.
 * Tokens map to identities: a user (GET /user answers) or an installation bot like GITHUB_TOKEN (GET /user
 * is refused with 403 "Resource not accessible by integration"). GraphQL's `viewer` names every token's
 * account, bots included, at `/graphql` (`/api/graphql` on GHES). Faults can be put on any route. Any client
 * talks to it over loopback, Octokit included (baseUrl / GITHUB_API_URL).
 */

export type Route =
  | 'POST /graphql'
  | 'GET /user'
  | 'GET /repos/:owner/:repo/issues/:number/comments'
  | 'POST /repos/:owner/:repo/issues/:number/comments'
  | 'PATCH /repos/:owner/:repo/issues/comments/:id'
  | 'GET /repos/:owner/:repo/issues'
  | 'POST /repos/:owner/:repo/issues'
  | 'PATCH /repos/:owner/:repo/issues/:number'
  | 'POST /repos/:owner/:repo/issues/:number/labels'

export interface Fault {
  /** Answer with this status instead (with a GitHub-style error body unless `body` is given). */
  status?: number
  body?: unknown
  /** Extra or replacing response headers (`retry-after`, `x-ratelimit-remaining`, `link`, ...). */
  headers?: Record<string, string>
  /** Drop the connection without an answer: before the request is handled, or after it took effect. */
  reset?: 'before' | 'after'
  /** Never answer: the request is not handled, and its connection stays open until the client gives up. */
  hang?: boolean
  /** How many matching requests this fault applies to; 1 unless given (Infinity: all). */
  count?: number
}

export interface Identity {
  login: string
  id: number
  type: 'User' | 'Bot'
  /** GET /user answers for this token (a personal token); false for GITHUB_TOKEN and app tokens. */
  user: boolean
  /** May create and edit comments (`pull-requests: write`). */
  write: boolean
  /** May create and edit issues (`issues: write`); as `write` unless given. */
  issues?: boolean
}

export const ACTIONS_BOT: Identity = {
  login: 'github-actions[bot]',
  id: 41898282,
  type: 'Bot',
  user: false,
  write: true
}

export interface FakeUser {
  login: string
  id: number
  node_id: string
  type: 'User' | 'Bot'
  site_admin: boolean
  html_url: string
}

export interface FakeComment {
  id: number
  node_id: string
  url: string
  html_url: string
  issue_url: string
  body: string
  user: FakeUser | null
  created_at: string
  updated_at: string
  author_association: string
}

export interface FakeLabel {
  id: number
  node_id: string
  url: string
  name: string
  color: string
  default: boolean
  description: string | null
}

export interface FakeIssue {
  id: number
  node_id: string
  url: string
  repository_url: string
  labels_url: string
  comments_url: string
  events_url: string
  html_url: string
  number: number
  state: 'open' | 'closed'
  state_reason: 'completed' | 'not_planned' | 'reopened' | null
  title: string
  body: string | null
  user: FakeUser | null
  labels: FakeLabel[]
  assignee: null
  assignees: []
  milestone: null
  locked: boolean
  active_lock_reason: null
  comments: number
  /** Only on pull requests, which the issues API lists too. */
  pull_request?: { url: string; html_url: string; diff_url: string; patch_url: string; merged_at: null }
  draft?: boolean
  closed_at: string | null
  closed_by: FakeUser | null
  created_at: string
  updated_at: string
  author_association: string
}

export interface SeedIssue {
  title?: string
  body: string
  author: Identity
  state?: 'open' | 'closed'
  labels?: string[]
  /** A pull request (listed by the issues API with a `pull_request` object). */
  pullRequest?: boolean
}

export interface RecordedRequest {
  method: string
  /** As received: prefix and query included. */
  path: string
  route?: Route
  /** The JSON body, parsed; undefined when there was none. */
  body: unknown
  authorization?: string
}

export interface FakeGitHubOptions {
  /** Path prefix of the API, e.g. `/api/v3`; '' (api.github.com) by default. */
  prefix?: string
  /** Token → identity; `ghs_actions` (GITHUB_TOKEN) and `ghp_user` (user `octo-ci`) unless given. */
  tokens?: Record<string, Identity>
  /** Web host for html_url. */
  webUrl?: string
}

export interface FakeGitHub {
  /** The API base URL to give the client (prefix included, no trailing slash). */
  url: string
  tokens: Map<string, Identity>
  requests: RecordedRequest[]
  /** Comments of one issue or pull request, oldest first (the live array). */
  comments(owner: string, repo: string, number: number): FakeComment[]
  /** Adds a comment as `author` directly, as if posted earlier through the web UI. */
  seed(owner: string, repo: string, number: number, body: string, author: Identity): FakeComment
  /** Issues and pull requests of a repository, by number (the live array). */
  issues(owner: string, repo: string): FakeIssue[]
  /** Opens an issue (or a pull request) as `author` directly, as if through the web UI. */
  seedIssue(owner: string, repo: string, issue: SeedIssue): FakeIssue
  fail(route: Route, fault: Fault): void
  clearFaults(): void
  close(): Promise<void>
}

export const USER_TOKEN = 'ghp_user0000000000000000000000000000000000'
export const ACTIONS_TOKEN = 'ghs_actions00000000000000000000000000000'
export const CI_USER: Identity = { login: 'octo-ci', id: 7001, type: 'User', user: true, write: true }

const COMMENT_LIMIT = 65_536
const DOCS = 'https://docs.github.com/rest'

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Bad credentials',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  410: 'Issues are disabled for this repo',
  422: 'Validation Failed',
  // GitHub answers a secondary rate limit (403 or 429, with Retry-After) with this message
  429: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID FAKE:0000.',
  500: 'Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout'
}

const errorBody = (status: number, message = STATUS_TEXT[status] ?? 'Error', doc = DOCS) => ({
  message,
  documentation_url: doc,
  status: String(status)
})

function userOf(identity: Identity, webUrl: string): FakeUser {
  return {
    login: identity.login,
    id: identity.id,
    node_id: `U_${identity.id}`,
    type: identity.type,
    site_admin: false,
    html_url: `${webUrl}/${identity.type === 'Bot' ? `apps/${identity.login.replace(/\[bot\]$/, '')}` : identity.login}`
  }
}

const tooLong = (body: string) => [...body].length > COMMENT_LIMIT

const tooLongBody = (doc: string) => ({
  message: 'Validation Failed',
  errors: [
    {
      resource: 'IssueComment',
      code: 'unprocessable',
      field: 'data',
      message: `Body is too long (maximum is ${COMMENT_LIMIT} characters)`
    }
  ],
  documentation_url: doc,
  status: '422'
})

const tooLongIssueBody = (doc: string) => ({
  message: 'Validation Failed',
  errors: [
    {
      resource: 'Issue',
      code: 'custom',
      field: 'body',
      message: `body is too long (maximum is ${COMMENT_LIMIT} characters)`
    }
  ],
  documentation_url: doc,
  status: '422'
})

const invalid = (doc: string, field: string, code = 'invalid', resource = 'Issue') => ({
  message: 'Validation Failed',
  errors: [{ resource, code, field }],
  documentation_url: doc,
  status: '422'
})

/** GitHub's answer to a comment write it refuses (no permission, no body, too long); undefined when accepted. */
function refuseWrite(
  who: Identity,
  body: unknown,
  doc: string
): { status: number; body: unknown } | undefined {
  if (!who.write) return { status: 403, body: errorBody(403, 'Resource not accessible by integration', doc) }
  const text = (body as { body?: unknown } | undefined)?.body
  if (typeof text !== 'string')
    return {
      status: 422,
      body: errorBody(422, `Invalid request.\n\nFor 'properties/body', nil is not a string.`, doc)
    }
  if (tooLong(text)) return { status: 422, body: tooLongBody(doc) }
  return undefined
}

/** Label names as GitHub takes them: names, or objects with a name; undefined when it is neither. */
function labelNames(value: unknown): string[] | undefined {
  if (value === undefined) return []
  if (!Array.isArray(value)) return undefined
  const names: string[] = []
  for (const v of value as unknown[]) {
    const name = typeof v === 'string' ? v : (v as { name?: unknown } | null)?.name
    if (typeof name !== 'string' || !name.trim()) return undefined
    names.push(name)
  }
  return names
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const prefix = (options.prefix ?? '').replace(/\/+$/, '')
  const webUrl = options.webUrl ?? 'https://github.com'
  const tokens = new Map<string, Identity>(
    Object.entries(options.tokens ?? { [ACTIONS_TOKEN]: ACTIONS_BOT, [USER_TOKEN]: CI_USER })
  )
  const requests: RecordedRequest[] = []
  const faults: { route: Route; fault: Fault; left: number }[] = []
  const issues = new Map<string, FakeComment[]>()
  const repoIds = new Map<string, number>()
  /** issues and pull requests by repository (`owner/repo`, lower case) */
  const issueLists = new Map<string, FakeIssue[]>()
  const repoLabels = new Map<string, Map<string, FakeLabel>>()
  let nextCommentId = 2_000_000_001
  let nextIssueId = 3_000_000_001
  let nextLabelId = 4_000_000_001
  let clock = Date.parse('2024-05-01T12:00:00Z')
  let remaining = 5000
  const sockets = new Set<Socket>()

  const repoId = (owner: string, repo: string) => {
    const key = `${owner}/${repo}`.toLowerCase()
    let id = repoIds.get(key)
    if (id === undefined) {
      id = 700_000 + repoIds.size
      repoIds.set(key, id)
    }
    return id
  }
  const repoById = (id: number) => [...repoIds.entries()].find(([, v]) => v === id)?.[0]
  const issueKey = (owner: string, repo: string, n: number) => `${owner}/${repo}#${n}`.toLowerCase()
  const comments = (owner: string, repo: string, n: number) => {
    repoId(owner, repo)
    const key = issueKey(owner, repo, n)
    let list = issues.get(key)
    if (!list) {
      list = []
      issues.set(key, list)
    }
    return list
  }
  const now = () => {
    clock += 1000
    return new Date(clock).toISOString().replace(/\.\d{3}Z$/, 'Z')
  }
  const repoKey = (owner: string, repo: string) => `${owner}/${repo}`.toLowerCase()
  const issueList = (owner: string, repo: string) => {
    repoId(owner, repo)
    let list = issueLists.get(repoKey(owner, repo))
    if (!list) {
      list = []
      issueLists.set(repoKey(owner, repo), list)
    }
    return list
  }
  const findIssue = (owner: string, repo: string, n: number) =>
    issueList(owner, repo).find((i) => i.number === n)
  /** Issues and pull requests share one sequence: past every number in use, comments' included. */
  const nextNumber = (owner: string, repo: string) => {
    const prefix = `${repoKey(owner, repo)}#`
    const used = [
      ...issueList(owner, repo).map((i) => i.number),
      ...[...issues.keys()].filter((k) => k.startsWith(prefix)).map((k) => Number(k.slice(prefix.length)))
    ]
    return Math.max(0, ...used) + 1
  }
  /** A repository's label by name (GitHub's names ignore case), made on first use as GitHub does. */
  const label = (owner: string, repo: string, name: string): FakeLabel => {
    let labels = repoLabels.get(repoKey(owner, repo))
    if (!labels) {
      labels = new Map()
      repoLabels.set(repoKey(owner, repo), labels)
    }
    let l = labels.get(name.toLowerCase())
    if (!l) {
      const id = nextLabelId++
      l = {
        id,
        node_id: `LA_${id}`,
        url: `http://fake/repos/${owner}/${repo}/labels/${encodeURIComponent(name)}`,
        name,
        color: 'ededed',
        default: false,
        description: null
      }
      labels.set(name.toLowerCase(), l)
    }
    return l
  }
  const withLabels = (owner: string, repo: string, current: FakeLabel[], names: string[]) => {
    const out = [...current]
    for (const n of names) {
      const l = label(owner, repo, n)
      if (!out.some((x) => x.id === l.id)) out.push(l)
    }
    return out
  }

  function addIssue(owner: string, repo: string, seed: SeedIssue): FakeIssue {
    const number = nextNumber(owner, repo)
    const id = nextIssueId++
    const at = now()
    const api = `http://fake/repos/${owner}/${repo}/issues/${number}`
    const closed = seed.state === 'closed'
    const issue: FakeIssue = {
      id,
      node_id: `${seed.pullRequest ? 'PR' : 'I'}_${id}`,
      url: api,
      repository_url: `http://fake/repos/${owner}/${repo}`,
      labels_url: `${api}/labels{/name}`,
      comments_url: `${api}/comments`,
      events_url: `${api}/events`,
      html_url: `${webUrl}/${owner}/${repo}/${seed.pullRequest ? 'pull' : 'issues'}/${number}`,
      number,
      state: closed ? 'closed' : 'open',
      state_reason: closed && !seed.pullRequest ? 'completed' : null,
      title: seed.title ?? `Issue ${number}`,
      body: seed.body,
      user: userOf(seed.author, webUrl),
      labels: withLabels(owner, repo, [], seed.labels ?? []),
      assignee: null,
      assignees: [],
      milestone: null,
      locked: false,
      active_lock_reason: null,
      comments: 0,
      ...(seed.pullRequest && {
        pull_request: {
          url: `http://fake/repos/${owner}/${repo}/pulls/${number}`,
          html_url: `${webUrl}/${owner}/${repo}/pull/${number}`,
          diff_url: `${webUrl}/${owner}/${repo}/pull/${number}.diff`,
          patch_url: `${webUrl}/${owner}/${repo}/pull/${number}.patch`,
          merged_at: null
        },
        draft: false
      }),
      closed_at: closed ? at : null,
      closed_by: null,
      created_at: at,
      updated_at: at,
      author_association: seed.author.type === 'Bot' ? 'NONE' : 'MEMBER'
    }
    issueList(owner, repo).push(issue)
    return issue
  }

  /** `Link` header of a page of a list, through `/repositories/{id}/…` with the request's own query. */
  function pageLinks(req: IncomingMessage, url: URL, path: string, page: number, last: number): string[] {
    const host = req.headers.host ?? '127.0.0.1'
    const query = new URLSearchParams(url.searchParams)
    query.delete('page')
    const rest = query.toString()
    const link = (p: number) => `<http://${host}${prefix}${path}?${rest ? `${rest}&` : ''}page=${p}>`
    const rels: string[] = []
    if (page > 1) rels.push(`${link(page - 1)}; rel="prev"`)
    if (page < last) rels.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`)
    if (page > 1) rels.push(`${link(1)}; rel="first"`)
    return rels
  }

  function addComment(owner: string, repo: string, n: number, body: string, author: Identity): FakeComment {
    const id = nextCommentId++
    const at = now()
    const c: FakeComment = {
      id,
      node_id: `IC_${id}`,
      url: `http://fake/repos/${owner}/${repo}/issues/comments/${id}`,
      html_url: `${webUrl}/${owner}/${repo}/${issueKind(owner, repo, n)}/${n}#issuecomment-${id}`,
      issue_url: `http://fake/repos/${owner}/${repo}/issues/${n}`,
      body,
      user: userOf(author, webUrl),
      created_at: at,
      updated_at: at,
      author_association: author.type === 'Bot' ? 'NONE' : 'MEMBER'
    }
    comments(owner, repo, n).push(c)
    const issue = findIssue(owner, repo, n)
    if (issue) issue.comments++
    return c
  }
  /** Where a number's page is: an issue's, else a pull request's (numbers only commented on are those). */
  function issueKind(owner: string, repo: string, n: number): 'issues' | 'pull' {
    const issue = findIssue(owner, repo, n)
    return issue && !issue.pull_request ? 'issues' : 'pull'
  }

  function findComment(owner: string, repo: string, id: number): FakeComment | undefined {
    for (const [key, list] of issues) {
      if (!key.startsWith(`${owner}/${repo}#`.toLowerCase())) continue
      const c = list.find((x) => x.id === id)
      if (c) return c
    }
    return undefined
  }

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    remaining = Math.max(0, remaining - 1)
    const base: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': `FAKE:${requests.length}`,
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-used': String(5000 - remaining),
      'x-ratelimit-resource': 'core'
    }
    const text = body === undefined ? '' : JSON.stringify(body)
    res.writeHead(status, { ...base, ...headers, 'content-length': String(Buffer.byteLength(text)) })
    res.end(text)
  }

  type Match = { route: Route; owner?: string; repo?: string; number?: number; id?: number }

  function match(method: string, path: string): Match | undefined {
    if (method === 'GET' && path === '/user') return { route: 'GET /user' }
    let m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path)
    if (m && (method === 'GET' || method === 'POST')) {
      return {
        route: `${method} /repos/:owner/:repo/issues/:number/comments`,
        owner: decodeURIComponent(m[1]!),
        repo: decodeURIComponent(m[2]!),
        number: Number(m[3])
      }
    }
    // the form GitHub's own Link headers use
    m = /^\/repositories\/(\d+)\/issues\/(\d+)\/comments$/.exec(path)
    if (m && method === 'GET') {
      const full = repoById(Number(m[1]))
      if (!full) return undefined
      const [owner, repo] = full.split('/') as [string, string]
      return { route: 'GET /repos/:owner/:repo/issues/:number/comments', owner, repo, number: Number(m[2]) }
    }
    m = /^\/repos\/([^/]+)\/([^/]+)\/issues$/.exec(path)
    if (m && (method === 'GET' || method === 'POST')) {
      return {
        route: `${method} /repos/:owner/:repo/issues`,
        owner: decodeURIComponent(m[1]!),
        repo: decodeURIComponent(m[2]!)
      }
    }
    m = /^\/repositories\/(\d+)\/issues$/.exec(path)
    if (m && method === 'GET') {
      const full = repoById(Number(m[1]))
      if (!full) return undefined
      const [owner, repo] = full.split('/') as [string, string]
      return { route: 'GET /repos/:owner/:repo/issues', owner, repo }
    }
    m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/.exec(path)
    if (m && method === 'PATCH') {
      return {
        route: 'PATCH /repos/:owner/:repo/issues/:number',
        owner: decodeURIComponent(m[1]!),
        repo: decodeURIComponent(m[2]!),
        number: Number(m[3])
      }
    }
    m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/labels$/.exec(path)
    if (m && method === 'POST') {
      return {
        route: 'POST /repos/:owner/:repo/issues/:number/labels',
        owner: decodeURIComponent(m[1]!),
        repo: decodeURIComponent(m[2]!),
        number: Number(m[3])
      }
    }
    m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(path)
    if (m && method === 'PATCH') {
      return {
        route: 'PATCH /repos/:owner/:repo/issues/comments/:id',
        owner: decodeURIComponent(m[1]!),
        repo: decodeURIComponent(m[2]!),
        id: Number(m[3])
      }
    }
    return undefined
  }

  /** Handles a matched, authenticated request; returns the response to send. */
  function handle(
    req: IncomingMessage,
    m: Match,
    who: Identity,
    body: unknown,
    url: URL
  ): { status: number; body: unknown; headers?: Record<string, string> } {
    switch (m.route) {
      case 'POST /graphql': {
        const query = (body as { query?: unknown } | undefined)?.query
        if (typeof query !== 'string' || !/\bviewer\b/.test(query))
          return { status: 200, body: { errors: [{ message: 'The fake answers only viewer queries' }] } }
        return { status: 200, body: { data: { viewer: { login: who.login, databaseId: who.id } } } }
      }
      case 'GET /user':
        if (!who.user) {
          return {
            status: 403,
            body: errorBody(
              403,
              'Resource not accessible by integration',
              'https://docs.github.com/rest/users/users#get-the-authenticated-user'
            )
          }
        }
        return { status: 200, body: { ...userOf(who, webUrl), name: who.login, public_repos: 1 } }
      case 'GET /repos/:owner/:repo/issues/:number/comments': {
        const list = comments(m.owner!, m.repo!, m.number!)
        const given = url.searchParams.get('per_page')
        const perPage = Math.min(100, Math.max(1, Number.parseInt(given ?? '30', 10) || 30))
        const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1)
        const last = Math.max(1, Math.ceil(list.length / perPage))
        const host = req.headers.host ?? '127.0.0.1'
        const link = (p: number) =>
          `<http://${host}${prefix}/repositories/${repoId(m.owner!, m.repo!)}/issues/${m.number}/comments?${
            given === null ? '' : `per_page=${given}&`
          }page=${p}>`
        const rels: string[] = []
        if (page > 1) rels.push(`${link(page - 1)}; rel="prev"`)
        if (page < last) rels.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`)
        if (page > 1) rels.push(`${link(1)}; rel="first"`)
        const items = list.slice((page - 1) * perPage, page * perPage)
        return { status: 200, body: items, headers: rels.length > 0 ? { link: rels.join(', ') } : {} }
      }
      case 'POST /repos/:owner/:repo/issues/:number/comments': {
        const doc = 'https://docs.github.com/rest/issues/comments#create-an-issue-comment'
        // on an issue, `issues: write`; on a pull request, `pull-requests: write`
        const onIssue = issueKind(m.owner!, m.repo!, m.number!) === 'issues'
        const refused = refuseWrite(onIssue ? { ...who, write: who.issues ?? who.write } : who, body, doc)
        if (refused) return refused
        const text = (body as { body: string }).body
        const c = addComment(m.owner!, m.repo!, m.number!, text, who)
        return { status: 201, body: c, headers: { location: c.url } }
      }
      case 'PATCH /repos/:owner/:repo/issues/comments/:id': {
        const doc = 'https://docs.github.com/rest/issues/comments#update-an-issue-comment'
        const c = findComment(m.owner!, m.repo!, m.id!)
        if (!c) return { status: 404, body: errorBody(404, 'Not Found', doc) }
        const refused = refuseWrite(who, body, doc)
        if (refused) return refused
        c.body = (body as { body: string }).body
        c.updated_at = now()
        return { status: 200, body: c }
      }
      case 'GET /repos/:owner/:repo/issues': {
        const doc = 'https://docs.github.com/rest/issues/issues#list-repository-issues'
        const q = url.searchParams
        const state = q.get('state') ?? 'open'
        const sort = q.get('sort') ?? 'created'
        const direction = q.get('direction') ?? 'desc'
        if (!['open', 'closed', 'all'].includes(state)) return { status: 422, body: invalid(doc, 'state') }
        if (!['created', 'updated', 'comments'].includes(sort))
          return { status: 422, body: invalid(doc, 'sort') }
        if (!['asc', 'desc'].includes(direction)) return { status: 422, body: invalid(doc, 'direction') }
        const key = (i: FakeIssue) =>
          sort === 'comments' ? i.comments : Date.parse(sort === 'updated' ? i.updated_at : i.created_at)
        const list = issueList(m.owner!, m.repo!)
          .filter((i) => state === 'all' || i.state === state)
          .sort((a, b) => (key(a) - key(b) || a.number - b.number) * (direction === 'asc' ? 1 : -1))
        const perPage = Math.min(100, Math.max(1, Number.parseInt(q.get('per_page') ?? '30', 10) || 30))
        const page = Math.max(1, Number.parseInt(q.get('page') ?? '1', 10) || 1)
        const last = Math.max(1, Math.ceil(list.length / perPage))
        const rels = pageLinks(req, url, `/repositories/${repoId(m.owner!, m.repo!)}/issues`, page, last)
        const items = list.slice((page - 1) * perPage, page * perPage)
        return { status: 200, body: items, headers: rels.length > 0 ? { link: rels.join(', ') } : {} }
      }
      case 'POST /repos/:owner/:repo/issues': {
        const doc = 'https://docs.github.com/rest/issues/issues#create-an-issue'
        if (!(who.issues ?? who.write))
          return { status: 403, body: errorBody(403, 'Resource not accessible by integration', doc) }
        const b = (body ?? {}) as { title?: unknown; body?: unknown; labels?: unknown }
        if (typeof b.title !== 'string' && typeof b.title !== 'number')
          return { status: 422, body: invalid(doc, 'title', 'missing_field') }
        if (b.body !== undefined && b.body !== null && typeof b.body !== 'string')
          return { status: 422, body: invalid(doc, 'body') }
        if (typeof b.body === 'string' && tooLong(b.body)) return { status: 422, body: tooLongIssueBody(doc) }
        const names = labelNames(b.labels)
        if (!names) return { status: 422, body: invalid(doc, 'labels') }
        const issue = addIssue(m.owner!, m.repo!, {
          title: String(b.title),
          body: typeof b.body === 'string' ? b.body : '',
          author: who,
          labels: names
        })
        if (b.body === undefined || b.body === null) issue.body = null
        return { status: 201, body: issue, headers: { location: issue.url } }
      }
      case 'PATCH /repos/:owner/:repo/issues/:number': {
        const doc = 'https://docs.github.com/rest/issues/issues#update-an-issue'
        const issue = findIssue(m.owner!, m.repo!, m.number!)
        if (!issue) return { status: 404, body: errorBody(404, 'Not Found', doc) }
        if (!(who.issues ?? who.write))
          return { status: 403, body: errorBody(403, 'Resource not accessible by integration', doc) }
        const b = (body ?? {}) as Record<string, unknown>
        if ('title' in b && (typeof b.title !== 'string' || !b.title.trim()))
          return { status: 422, body: invalid(doc, 'title') }
        if ('body' in b && b.body !== null && typeof b.body !== 'string')
          return { status: 422, body: invalid(doc, 'body') }
        if (typeof b.body === 'string' && tooLong(b.body)) return { status: 422, body: tooLongIssueBody(doc) }
        if ('state' in b && b.state !== 'open' && b.state !== 'closed')
          return { status: 422, body: invalid(doc, 'state') }
        const reasons = ['completed', 'not_planned', 'reopened', null]
        if ('state_reason' in b && !reasons.includes(b.state_reason as string | null))
          return { status: 422, body: invalid(doc, 'state_reason') }
        const names = 'labels' in b ? labelNames(b.labels) : []
        if (!names) return { status: 422, body: invalid(doc, 'labels') }
        const at = now()
        if (typeof b.title === 'string') issue.title = b.title
        if ('body' in b) issue.body = b.body as string | null
        if ('labels' in b) issue.labels = withLabels(m.owner!, m.repo!, [], names)
        if (b.state === 'closed' && issue.state === 'open') {
          issue.state = 'closed'
          issue.closed_at = at
          issue.closed_by = userOf(who, webUrl)
          issue.state_reason = (b.state_reason as FakeIssue['state_reason']) ?? 'completed'
        } else if (b.state === 'open' && issue.state === 'closed') {
          issue.state = 'open'
          issue.closed_at = null
          issue.state_reason = 'reopened'
        } else if (typeof b.state_reason === 'string' && issue.state === 'closed') {
          issue.state_reason = b.state_reason as FakeIssue['state_reason']
        }
        issue.updated_at = at
        return { status: 200, body: issue }
      }
      case 'POST /repos/:owner/:repo/issues/:number/labels': {
        const doc = 'https://docs.github.com/rest/issues/labels#add-labels-to-an-issue'
        const issue = findIssue(m.owner!, m.repo!, m.number!)
        if (!issue) return { status: 404, body: errorBody(404, 'Not Found', doc) }
        if (!(who.issues ?? who.write))
          return { status: 403, body: errorBody(403, 'Resource not accessible by integration', doc) }
        // `{ labels: [...] }`, or the names as the whole body
        const names = labelNames(
          Array.isArray(body) ? body : (body as { labels?: unknown } | undefined)?.labels
        )
        if (!names || names.length === 0)
          return { status: 422, body: invalid(doc, 'labels', 'invalid', 'Label') }
        issue.labels = withLabels(m.owner!, m.repo!, issue.labels, names)
        issue.updated_at = now()
        return { status: 200, body: issue.labels }
      }
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake')
      const method = req.method ?? 'GET'
      const text = Buffer.concat(chunks).toString('utf8')
      let body: unknown
      let badJson = false
      try {
        body = text ? (JSON.parse(text) as unknown) : undefined
      } catch {
        badJson = true
        body = text
      }
      const authorization = req.headers.authorization
      const inPrefix = url.pathname === prefix || url.pathname.startsWith(`${prefix}/`)
      // GraphQL sits beside the REST prefix on GHES (/api/graphql next to /api/v3)
      const graphql = `${prefix.replace(/\/v3$/, '')}/graphql`
      const m =
        method === 'POST' && url.pathname === graphql
          ? ({ route: 'POST /graphql' } as const)
          : inPrefix
            ? match(method, url.pathname.slice(prefix.length))
            : undefined
      requests.push({ method, path: `${url.pathname}${url.search}`, route: m?.route, body, authorization })
      if (!m) return send(res, 404, errorBody(404))

      const slot = faults.find((f) => f.route === m.route && f.left > 0)
      if (slot) slot.left--
      const fault = slot?.fault
      if (fault?.reset === 'before') return req.socket.destroy()
      if (fault?.hang) return

      const answer = (() => {
        if (fault?.status !== undefined) {
          return { status: fault.status, body: fault.body ?? errorBody(fault.status), headers: fault.headers }
        }
        const auth = /^(?:token|bearer)\s+(\S+)$/i.exec(authorization ?? '')
        if (!auth) return { status: 401, body: errorBody(401, 'Requires authentication') }
        const who = tokens.get(auth[1]!)
        if (!who) return { status: 401, body: errorBody(401, 'Bad credentials') }
        if (badJson) return { status: 400, body: errorBody(400, 'Problems parsing JSON') }
        const out = handle(req, m, who, body, url)
        return { ...out, headers: { ...out.headers, ...fault?.headers } }
      })()
      if (fault?.reset === 'after') return req.socket.destroy()
      send(res, answer.status, answer.body, answer.headers)
    })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    tokens,
    requests,
    comments,
    seed: (owner, repo, n, body, author) => addComment(owner, repo, n, body, author),
    issues: issueList,
    seedIssue: addIssue,
    fail: (route, fault) => faults.push({ route, fault, left: fault.count ?? 1 }),
    clearFaults: () => {
      faults.length = 0
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}
