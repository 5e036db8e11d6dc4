import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { TokenService, type Credentials } from './auth.js'
import { SimClock } from './clock.js'
import { control } from './control.js'
import { breakContract, FaultInjector, rewriteBody, type Area, type FaultAction } from './faults.js'
import { TSG_ID } from './fixtures.js'
import { mgmtHandlers } from './handlers/mgmt.js'
import { modelHandlers } from './handlers/models.js'
import { scanHandlers } from './handlers/scans.js'
import { serveHub } from './hub.js'
import { COMMIT, hfRepo } from './inventory.js'
import { loadOpenApi, matchOperation, validateRequest, type Match, type PlaneName } from './openapi.js'
import { servePackageIndex } from './package-index.js'
import { HttpError, type Handler, type Reply } from './reply.js'
import type { Scenario } from './scenarios.js'
import { Store, type StoreOptions } from './store.js'

/**
 * A local stand-in for Prisma AIRS AI Model Security: the OAuth2 token endpoint and both API planes at their
 * real paths, request validation taken from the official OpenAPI documents, scans that settle over time,
 * a PyPI index for the scanner client, fault injection, and a record of every response for contract tests.
 *
 * Control endpoints under `/__sim/` let another process (the action under test, a benchmark) steer it.
 */

export interface SimulatorOptions {
  port?: number
  host?: string
  clientId?: string
  clientSecret?: string
  tsgId?: string
  /** Token lifetime in virtual seconds (the service issues 15-minute tokens). */
  tokenTtlSeconds?: number
  /** Default time from creation to outcome, in virtual ms. */
  settleMs?: number
  clockScale?: number
  /** Keep every response for contract validation. */
  record?: boolean
  scenarios?: Scenario[]
  /**
   * Shape of error bodies from the API planes: the documented `{code, message, details}`, or FastAPI's
   * default `{detail}` (the live shape is not published; clients must read both).
   */
  errorStyle?: 'documented' | 'fastapi'
  /** How list totals are reported (see StoreOptions). */
  listTotals?: StoreOptions['listTotals']
  /** With `listTotals: 'capped'`, the largest scan count reported. */
  scanCountCap?: number
}

export interface RecordedResponse {
  method: string
  path: string
  query: string
  area: Area
  status: number
  contentType?: string
  body: string
  /** The fault applied, when the response was deliberately wrong. */
  fault?: FaultAction['type']
}

/** What a client sent, as far as tests need to see it. */
export interface RecordedRequest {
  method: string
  /** Path and query as sent. */
  target: string
  userAgent?: string
  /** How the request authenticated: `Bearer` or `Basic` header, credentials in the form body, or not at all. */
  auth: 'bearer' | 'basic' | 'form' | 'none'
}

export interface Simulator {
  url: string
  tokenUrl: string
  apiUrl: string
  dataUrl: string
  mgmtUrl: string
  credentials: Credentials
  /** Environment variables that point a client at this simulator. */
  env(): Record<string, string>
  readonly store: Store
  clock: SimClock
  faults: FaultInjector
  recorded: RecordedResponse[]
  /** Requests per `METHOD path-template` (and per area for other paths). */
  requestCounts: Map<string, number>
  /** Every service request, when recording. */
  requests: RecordedRequest[]
  /** Most service requests in progress at once since the start (or the last reset). */
  readonly peakConcurrency: number
  addScenario(s: Scenario | Scenario[]): void
  /**
   * Moves a Hugging Face branch or tag (`revision`, default `main`) of a model to `sha`, a 40-hex commit, as
   * the Hub would after a push; `null` forgets the setting. Scans made afterwards record that commit.
   */
  setHubCommit(modelUri: string, revision: string, sha: string | null): void
  expireTokens(): void
  tokensIssued(): number
  /** Every access token issued (for leak and mask checks). */
  accessTokens(): string[]
  /** The package index tokens handed out in index URLs (for leak checks). */
  indexTokens(): string[]
  /** A fresh tenant: fixtures only, real time, no tokens, no faults (recorded responses are kept). */
  reset(): void
  close(): Promise<void>
}

const TOKEN_PATHS = new Set([
  '/oauth2/access_token',
  '/auth/v1/oauth2/access_token',
  '/am/oauth2/access_token'
])
const HANDLERS: Record<string, Handler> = { ...scanHandlers, ...modelHandlers, ...mgmtHandlers }
const MAX_BODY = 32 * 1024 * 1024

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(new HttpError(413, 'PAYLOAD_TOO_LARGE', 'Request body too large'))
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function areaOf(path: string): Area | undefined {
  if (TOKEN_PATHS.has(path)) return 'token'
  if (path.startsWith('/aims/data/')) return 'data'
  if (path.startsWith('/aims/mgmt/')) return 'mgmt'
  if (path.startsWith('/pypi/')) return 'pypi'
  return undefined
}

/** Starlette's own answers for paths no route matches. */
const starlette = (status: 404 | 405): Reply => ({
  status,
  body: { detail: status === 404 ? 'Not Found' : 'Method Not Allowed' }
})

/** What an injected status fault answers. */
function faultReply(f: Extract<FaultAction, { type: 'status' }>, area: Area): Reply {
  const headers: Record<string, string> = {}
  if (f.retryAfter !== undefined) headers['retry-after'] = String(f.retryAfter)
  if (f.body !== undefined) return { status: f.status, body: f.body, headers }
  // the auth service answers in OAuth2's own error shape
  if (area === 'token') {
    return {
      status: f.status,
      body: { error: 'temporarily_unavailable', error_description: `Injected status ${f.status}` },
      headers
    }
  }
  const messages: Record<number, string> = {
    429: 'Too many requests',
    500: 'Internal server error',
    502: 'Bad gateway',
    503: 'Service unavailable',
    504: 'Gateway timeout'
  }
  const body = {
    code: f.status === 429 ? 'RATE_LIMITED' : 'SERVICE_ERROR',
    message: messages[f.status] ?? `Injected status ${f.status}`,
    details: {},
    ...(f.retryAfterBody && { retry_after: f.retryAfterBody })
  }
  return { status: f.status, body, headers }
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const openapi = loadOpenApi()
  const tsgId = options.tsgId ?? TSG_ID
  const credentials: Credentials = {
    clientId: options.clientId ?? `sim-client@${tsgId}.iam.panserviceaccount.com`,
    clientSecret: options.clientSecret ?? `sim-secret-${randomBytes(12).toString('hex')}`,
    tsgId
  }
  const clock = new SimClock()
  const storeOptions: StoreOptions = {
    settleMs: options.settleMs ?? 150,
    listTotals: options.listTotals ?? 'exact',
    scanCountCap: options.scanCountCap ?? 10_000
  }
  const newStore = () => {
    const s = new Store(clock, tsgId, storeOptions)
    if (options.scenarios) s.scenarios.unshift(...options.scenarios)
    return s
  }
  let store = newStore()
  const tokens = new TokenService(credentials, clock, options.tokenTtlSeconds ?? 899)
  const faults = new FaultInjector()
  const recorded: RecordedResponse[] = []
  const requestCounts = new Map<string, number>()
  const requests: RecordedRequest[] = []
  let inFlight = 0
  let peak = 0
  const sockets = new Set<Socket>()
  let baseUrl = ''
  const count = (key: string) => requestCounts.set(key, (requestCounts.get(key) ?? 0) + 1)

  /** An error from the API planes, in the configured shape. */
  const apiError = (
    status: number,
    code: string,
    message: string,
    details: Record<string, unknown> = {}
  ): Reply => ({
    status,
    body: options.errorStyle === 'fastapi' ? { detail: message } : { code, message, details }
  })

  /** The operation a plane path names, or the reply for a path no route serves (as Starlette routes). */
  function route(plane: PlaneName, method: string, sub: string, search: string): Match | { reply: Reply } {
    if (sub.split('/').slice(1).includes('')) {
      // a trailing slash is redirected to the route without it; an empty segment elsewhere matches nothing
      const stripped = sub.replace(/\/+$/, '')
      const exists =
        stripped !== sub &&
        !stripped.split('/').slice(1).includes('') &&
        matchOperation(openapi, plane, method, stripped)
      if (exists && ('op' in exists || exists.methodMismatch)) {
        return { reply: { status: 307, headers: { location: `/aims/${plane}${stripped}${search}` } } }
      }
      return { reply: starlette(404) }
    }
    const m = matchOperation(openapi, plane, method, sub)
    return 'op' in m ? m : { reply: starlette(m.methodMismatch ? 405 : 404) }
  }

  function api(m: Match, url: URL, raw: string, headers: IncomingMessage['headers']): Reply {
    const auth = tokens.check(headers.authorization)
    if ('refused' in auth) return apiError(401, 'UNAUTHENTICATED', auth.refused)
    const v = validateRequest(openapi, m, url.searchParams, raw, headers['content-type'])
    if ('details' in v) return { status: 422, body: { detail: v.details } }
    const handler = HANDLERS[m.op.operationId]
    if (!handler)
      return apiError(501, 'NOT_IMPLEMENTED', `The simulator does not implement ${m.op.operationId}`)
    try {
      return handler({
        store,
        clock,
        path: v.ok.path,
        query: v.ok.query,
        body: v.ok.body,
        clientId: auth.clientId,
        baseUrl,
        issuePyPIToken: () => tokens.issueIndexToken()
      })
    } catch (e) {
      if (e instanceof HttpError) return apiError(e.status, e.code, e.message, e.details)
      throw e
    }
  }

  function write(
    res: ServerResponse,
    reply: Reply,
    req: { method: string; url: URL; area?: Area },
    fault?: FaultAction
  ): void {
    let text: string | Buffer = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body))
    const contentType =
      reply.raw !== undefined ? reply.contentType : reply.body === undefined ? undefined : 'application/json'
    if (fault?.type === 'malformed-json')
      text = text.toString().slice(0, Math.max(1, Math.floor(text.length / 2)))
    if (fault?.type === 'empty-body') text = ''
    if (fault?.type === 'contract-break' && reply.body !== undefined) {
      text = JSON.stringify(breakContract(reply.body, fault.field, fault.value))
    }
    if (fault?.type === 'rewrite' && reply.body !== undefined)
      text = JSON.stringify(rewriteBody(reply.body, fault))
    const headers: Record<string, string | number> = {
      ...reply.headers,
      'x-request-id': randomBytes(8).toString('hex')
    }
    if (contentType) headers['content-type'] = contentType
    headers['content-length'] = Buffer.byteLength(text)
    res.writeHead(reply.status, headers)
    res.end(text)
    if (options.record && req.area) {
      const deliberate =
        fault && ['malformed-json', 'empty-body', 'contract-break', 'status'].includes(fault.type)
      recorded.push({
        method: req.method,
        path: req.url.pathname,
        query: req.url.search,
        area: req.area,
        status: reply.status,
        contentType,
        body: text.toString(),
        ...(deliberate && { fault: fault.type })
      })
    }
  }

  function log(req: IncomingMessage, method: string, raw: string): void {
    const authz = req.headers.authorization?.toLowerCase() ?? ''
    const auth = authz.startsWith('bearer ')
      ? 'bearer'
      : authz.startsWith('basic ')
        ? 'basic'
        : /(^|&)client_secret=/.test(raw)
          ? 'form'
          : 'none'
    requests.push({ method, target: req.url ?? '/', userAgent: req.headers['user-agent'], auth })
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    inFlight++
    peak = Math.max(peak, inFlight)
    try {
      await serve(req, res)
    } finally {
      inFlight--
    }
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase()
    const url = new URL(req.url ?? '/', 'http://sim.local')
    const path = url.pathname
    let raw: string
    try {
      raw = (await readBody(req)).toString('utf8')
    } catch (e) {
      if (e instanceof HttpError) return write(res, apiError(e.status, e.code, e.message), { method, url })
      throw e
    }
    if (path.startsWith('/__sim/')) return write(res, control(sim, method, path, raw), { method, url })
    if (options.record) log(req, method, raw)
    if (path.startsWith('/api/models/')) {
      count(`${method} /api/models`)
      return write(res, serveHub(store, method, path), { method, url })
    }

    const area = areaOf(path)
    if (!area) {
      count(`${method} ${path}`)
      return write(res, starlette(404), { method, url })
    }
    // API paths resolve to their operation first: faults and counts are keyed by its template
    let match: Match | undefined
    if (area === 'data' || area === 'mgmt') {
      const r = route(area, method, path.slice(`/aims/${area}`.length), url.search)
      if ('reply' in r) {
        count(`${method} ${path}`)
        return write(res, r.reply, { method, url, area })
      }
      match = r
    }
    const template = match && `/aims/${area}${match.op.template}`
    count(`${method} ${template ?? (area === 'pypi' ? '/pypi' : path)}`)

    const fault = faults.take(method, path, area, template)
    if (fault?.type === 'reset') {
      req.socket.destroy()
      return
    }
    if (fault?.type === 'hang') return
    if (fault?.type === 'status') return write(res, faultReply(fault, area), { method, url, area }, fault)
    if (fault?.type === 'delay') await new Promise((r) => setTimeout(r, fault.ms))
    if (fault?.type === 'expire-tokens') tokens.expireAll()

    let reply: Reply
    try {
      if (area === 'token') reply = tokens.issue(method, raw, req.headers)
      else if (area === 'pypi') reply = servePackageIndex(store, tokens, method, path, req.headers)
      else reply = api(match!, url, raw, req.headers)
    } catch (e) {
      reply = apiError(500, 'INTERNAL_ERROR', `Simulator failure: ${(e as Error).message}`)
    }
    if (fault?.type === 'reset-after-processing') {
      req.socket.destroy()
      return
    }
    write(res, reply, { method, url, area }, fault)
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ code: 'INTERNAL_ERROR', message: String(e), details: {} }))
    })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  if (options.clockScale) clock.setScale(options.clockScale)

  const sim: Simulator = {
    url: baseUrl,
    tokenUrl: `${baseUrl}/oauth2/access_token`,
    apiUrl: `${baseUrl}/aims`,
    dataUrl: `${baseUrl}/aims/data`,
    mgmtUrl: `${baseUrl}/aims/mgmt`,
    credentials,
    env: () => ({
      PANW_MODEL_SEC_CLIENT_ID: credentials.clientId,
      PANW_MODEL_SEC_CLIENT_SECRET: credentials.clientSecret,
      PANW_MODEL_SEC_TSG_ID: credentials.tsgId,
      PANW_MODEL_SEC_TOKEN_ENDPOINT: `${baseUrl}/oauth2/access_token`,
      PANW_MODEL_SEC_DATA_ENDPOINT: `${baseUrl}/aims/data`,
      PANW_MODEL_SEC_MGMT_ENDPOINT: `${baseUrl}/aims/mgmt`,
      // the gate pins Hugging Face revisions through the Hub's API, which the simulator also answers
      HF_ENDPOINT: baseUrl
    }),
    get store() {
      return store
    },
    clock,
    faults,
    recorded,
    requestCounts,
    requests,
    get peakConcurrency() {
      return peak
    },
    addScenario(s) {
      store.scenarios.unshift(...(Array.isArray(s) ? s : [s]))
    },
    setHubCommit(modelUri, revision, sha) {
      if (sha !== null && !COMMIT.test(sha)) throw new Error(`not a 40-hex commit: ${sha}`)
      const key = `${hfRepo(modelUri)}@${revision}`
      if (sha === null) store.hubCommits.delete(key)
      else store.hubCommits.set(key, sha)
    },
    expireTokens: () => tokens.expireAll(),
    tokensIssued: () => tokens.issued,
    accessTokens: () => tokens.issuedAccessTokens(),
    indexTokens: () => tokens.issuedIndexTokens(),
    reset() {
      clock.reset()
      if (options.clockScale) clock.setScale(options.clockScale)
      store = newStore()
      tokens.reset()
      faults.clear()
      requestCounts.clear()
      peak = 0
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
  return sim
}
