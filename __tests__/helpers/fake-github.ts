import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/**
 * A local stand-in for the few GitHub REST endpoints the sticky comment uses, over real HTTP, with GitHub's
 * shapes: the comment objects, `Link` pagination through `/repositories/{id}/…` URLs (as api.github.com
 * sends them), `per_page` capped at 100, the 65,536-character body limit with GitHub's 422 body, 401/403
 * bodies, rate-limit headers (and GitHub's secondary-rate-limit message on a 429), and an optional path prefix
 * (`/api/v3`) as on GitHub Enterprise Server.
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
  let nextCommentId = 2_000_000_001
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

  function addComment(owner: string, repo: string, n: number, body: string, author: Identity): FakeComment {
    const id = nextCommentId++
    const at = now()
    const c: FakeComment = {
      id,
      node_id: `IC_${id}`,
      url: `http://fake/repos/${owner}/${repo}/issues/comments/${id}`,
      html_url: `${webUrl}/${owner}/${repo}/pull/${n}#issuecomment-${id}`,
      issue_url: `http://fake/repos/${owner}/${repo}/issues/${n}`,
      body,
      user: userOf(author, webUrl),
      created_at: at,
      updated_at: at,
      author_association: author.type === 'Bot' ? 'NONE' : 'MEMBER'
    }
    comments(owner, repo, n).push(c)
    return c
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
        const refused = refuseWrite(who, body, doc)
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
