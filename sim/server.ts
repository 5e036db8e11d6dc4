import { createHash, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { SimClock } from './clock.js'
import { breakContract, FaultInjector, type Area, type FaultAction, type FaultRule } from './faults.js'
import { TSG_ID } from './fixtures.js'
import { mgmtHandlers } from './handlers/mgmt.js'
import { scanHandlers } from './handlers/scans.js'
import { isoMicro } from './ids.js'
import { loadOpenApi, matchOperation, validateRequest, type PlaneName } from './openapi.js'
import { errorReply, HttpError, type Handler, type Reply } from './reply.js'
import type { Scenario } from './scenarios.js'
import { Store } from './store.js'

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

export interface Simulator {
  url: string
  tokenUrl: string
  apiUrl: string
  dataUrl: string
  mgmtUrl: string
  credentials: { clientId: string; clientSecret: string; tsgId: string }
  /** Environment variables that point a client at this simulator. */
  env(): Record<string, string>
  store: Store
  clock: SimClock
  faults: FaultInjector
  recorded: RecordedResponse[]
  /** Requests per `METHOD path-template` (and per area for non-API paths). */
  requestCounts: Map<string, number>
  addScenario(s: Scenario | Scenario[]): void
  expireTokens(): void
  tokensIssued(): number
  reset(): void
  close(): Promise<void>
}

const TOKEN_PATHS = new Set([
  '/oauth2/access_token',
  '/auth/v1/oauth2/access_token',
  '/am/oauth2/access_token'
])
const HANDLERS: Record<string, Handler> = { ...scanHandlers, ...mgmtHandlers }
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

function b64url(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url')
}

/** PEP 503 name normalisation. */
const normalizeName = (n: string) => n.toLowerCase().replace(/[-_.]+/g, '-')

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const openapi = loadOpenApi()
  const credentials = {
    clientId: options.clientId ?? `sim-client@${options.tsgId ?? TSG_ID}.iam.panserviceaccount.com`,
    clientSecret: options.clientSecret ?? `sim-secret-${randomBytes(12).toString('hex')}`,
    tsgId: options.tsgId ?? TSG_ID
  }
  const clock = new SimClock()
  if (options.clockScale) clock.setScale(options.clockScale)
  const ttl = options.tokenTtlSeconds ?? 899
  const settleMs = options.settleMs ?? 150
  let store = new Store(clock, credentials.tsgId, settleMs)
  if (options.scenarios) store.scenarios.unshift(...options.scenarios)
  const faults = new FaultInjector()
  const recorded: RecordedResponse[] = []
  const requestCounts = new Map<string, number>()
  const tokens = new Map<string, { clientId: string; expiresAtMs: number }>()
  const pypiTokens = new Map<string, number>()
  const sockets = new Set<Socket>()
  let issued = 0
  let baseUrl = ''

  const count = (key: string) => requestCounts.set(key, (requestCounts.get(key) ?? 0) + 1)

  // ---- OAuth2 token endpoint ----
  function token(method: string, raw: string, headers: IncomingMessage['headers']): Reply {
    if (method !== 'POST')
      return { status: 405, body: { error: 'invalid_request', error_description: 'Use POST' } }
    const form = new URLSearchParams(raw)
    let id = form.get('client_id') ?? undefined
    let secret = form.get('client_secret') ?? undefined
    const auth = headers.authorization
    if (auth?.toLowerCase().startsWith('basic ')) {
      const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8')
      const i = decoded.indexOf(':')
      if (i >= 0) {
        id = decodeURIComponent(decoded.slice(0, i))
        secret = decodeURIComponent(decoded.slice(i + 1))
      }
    }
    if (id !== credentials.clientId || secret !== credentials.clientSecret) {
      return {
        status: 401,
        body: { error: 'invalid_client', error_description: 'Client authentication failed' }
      }
    }
    if (form.get('grant_type') !== 'client_credentials') {
      return {
        status: 400,
        body: { error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials' }
      }
    }
    if (form.get('scope') !== `tsg_id:${credentials.tsgId}`) {
      return {
        status: 400,
        body: { error: 'invalid_scope', error_description: `scope must be tsg_id:<your TSG ID>` }
      }
    }
    const now = clock.now()
    const jwt = `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({ sub: id, tsg_id: credentials.tsgId, iat: Math.floor(now / 1000), exp: Math.floor(now / 1000) + ttl, jti: randomBytes(8).toString('hex') })}.${randomBytes(32).toString('base64url')}`
    tokens.set(jwt, { clientId: id, expiresAtMs: now + ttl * 1000 })
    issued++
    // expires_in in real seconds, so a client's renewal timing follows the (possibly scaled) clock
    return {
      status: 200,
      body: {
        access_token: jwt,
        token_type: 'Bearer',
        expires_in: Math.max(1, Math.round(clock.toReal(ttl * 1000) / 1000)),
        scope: `tsg_id:${credentials.tsgId}`
      }
    }
  }

  // ---- both API planes ----
  function api(
    plane: PlaneName,
    method: string,
    url: URL,
    sub: string,
    raw: string,
    headers: IncomingMessage['headers']
  ): Reply {
    const m = matchOperation(openapi, plane, method, sub)
    if (!('op' in m)) {
      count(`${method} /aims/${plane}${sub}`)
      return m.methodMismatch
        ? errorReply(405, 'METHOD_NOT_ALLOWED', 'Method Not Allowed')
        : errorReply(404, 'NOT_FOUND', 'Not Found')
    }
    count(`${method} /aims/${plane}${m.op.template}`)
    const auth = headers.authorization
    const bearer = auth?.toLowerCase().startsWith('bearer ') ? auth.slice(7).trim() : undefined
    const tok = bearer ? tokens.get(bearer) : undefined
    if (!tok)
      return errorReply(401, 'UNAUTHENTICATED', bearer ? 'Invalid access token' : 'Missing bearer token')
    if (clock.now() >= tok.expiresAtMs) return errorReply(401, 'UNAUTHENTICATED', 'Access token expired')
    const v = validateRequest(openapi, m, url.searchParams, raw)
    if ('details' in v) return { status: 422, body: { detail: v.details } }
    const handler = HANDLERS[m.op.operationId]
    if (!handler)
      return errorReply(501, 'NOT_IMPLEMENTED', `The simulator does not implement ${m.op.operationId}`)
    return handler({
      store,
      clock,
      path: v.ok.path,
      query: v.ok.query,
      body: v.ok.body,
      clientId: tok.clientId,
      baseUrl,
      issuePyPIToken: () => {
        const t = randomBytes(24).toString('base64url')
        const expiresAtMs = clock.now() + 3600_000
        pypiTokens.set(t, expiresAtMs)
        return { token: t, expiresAtMs }
      }
    })
  }

  // ---- the private package index (PEP 503) ----
  function pypi(method: string, path: string, headers: IncomingMessage['headers']): Reply {
    count(`${method} /pypi`)
    const auth = headers.authorization
    const decoded = auth?.toLowerCase().startsWith('basic ')
      ? Buffer.from(auth.slice(6), 'base64').toString('utf8')
      : ''
    const [user, pass] = [decoded.slice(0, decoded.indexOf(':')), decoded.slice(decoded.indexOf(':') + 1)]
    const exp = pypiTokens.get(pass)
    if (user !== '_token' || exp === undefined || clock.now() >= exp) {
      return {
        status: 401,
        raw: 'Unauthorized',
        contentType: 'text/plain',
        headers: { 'www-authenticate': 'Basic realm="pypi"' }
      }
    }
    if (method !== 'GET') return { status: 405, raw: 'Method Not Allowed', contentType: 'text/plain' }
    const html = (links: string) => `<!DOCTYPE html><html><body>\n${links}</body></html>\n`
    if (path === '/pypi/simple/' || path === '/pypi/simple') {
      const names = [...new Set(store.packages.map((p) => normalizeName(p.name)))]
      return {
        status: 200,
        raw: html(names.map((n) => `<a href="/pypi/simple/${n}/">${n}</a><br/>\n`).join('')),
        contentType: 'text/html'
      }
    }
    const project = /^\/pypi\/simple\/([^/]+)\/?$/.exec(path)?.[1]
    if (project) {
      const files = store.packages.filter((p) => normalizeName(p.name) === normalizeName(project))
      if (files.length === 0) return { status: 404, raw: 'Not Found', contentType: 'text/plain' }
      const links = files
        .map(
          (p) =>
            `<a href="/pypi/files/${p.filename}#sha256=${createHash('sha256').update(p.bytes).digest('hex')}">${p.filename}</a><br/>\n`
        )
        .join('')
      return { status: 200, raw: html(links), contentType: 'text/html' }
    }
    const file = /^\/pypi\/files\/([^/]+)$/.exec(path)?.[1]
    const pkg = file && store.packages.find((p) => p.filename === decodeURIComponent(file))
    if (pkg) return { status: 200, raw: pkg.bytes, contentType: 'application/octet-stream' }
    return { status: 404, raw: 'Not Found', contentType: 'text/plain' }
  }

  // ---- control endpoints ----
  function control(method: string, path: string, raw: string): Reply {
    const body = raw.trim() ? (JSON.parse(raw) as Record<string, unknown>) : {}
    const route = `${method} ${path}`
    switch (route) {
      case 'GET /__sim/health':
        return { status: 200, body: { ok: true } }
      case 'POST /__sim/faults':
        return { status: 200, body: { ids: faults.add(body.faults as FaultRule[]) } }
      case 'DELETE /__sim/faults':
        faults.clear()
        return { status: 204 }
      case 'POST /__sim/scenarios':
        sim.addScenario(body.scenarios as Scenario[])
        return { status: 204 }
      case 'POST /__sim/clock':
        if (typeof body.scale === 'number') clock.setScale(body.scale)
        if (typeof body.advanceMs === 'number') clock.advance(body.advanceMs)
        return { status: 200, body: { now: isoMicro(clock.now()), scale: clock.scale } }
      case 'POST /__sim/tokens/expire':
        sim.expireTokens()
        return { status: 204 }
      case 'POST /__sim/reset':
        sim.reset()
        return { status: 204 }
      case 'GET /__sim/stats':
        return {
          status: 200,
          body: { requests: Object.fromEntries(requestCounts), tokensIssued: issued, scans: store.scans.size }
        }
      default:
        return errorReply(404, 'NOT_FOUND', `Unknown control endpoint ${route}`)
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
    if (fault?.type === 'contract-break' && reply.body !== undefined)
      text = JSON.stringify(breakContract(reply.body, fault.field, fault.value))
    const headers: Record<string, string | number> = {
      ...reply.headers,
      'x-request-id': randomBytes(8).toString('hex')
    }
    if (contentType) headers['content-type'] = contentType
    headers['content-length'] = Buffer.byteLength(text)
    res.writeHead(reply.status, headers)
    res.end(text)
    if (options.record && req.area) {
      recorded.push({
        method: req.method,
        path: req.url.pathname,
        query: req.url.search,
        area: req.area,
        status: reply.status,
        contentType,
        body: text.toString(),
        ...(fault &&
          ['malformed-json', 'empty-body', 'contract-break', 'status'].includes(fault.type) && {
            fault: fault.type
          })
      })
    }
  }

  function faultReply(f: Extract<FaultAction, { type: 'status' }>, area: Area): Reply {
    const headers: Record<string, string> = {}
    if (f.retryAfter !== undefined) headers['retry-after'] = String(f.retryAfter)
    // the auth service answers in OAuth2's own error shape
    if (area === 'token' && f.body === undefined) {
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
    const body = f.body ?? {
      code: f.status === 429 ? 'RATE_LIMITED' : 'SERVICE_ERROR',
      message: messages[f.status] ?? `Injected status ${f.status}`,
      details: {},
      ...(f.retryAfterBody && { retry_after: f.retryAfterBody })
    }
    return { status: f.status, body, headers }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase()
    const url = new URL(req.url ?? '/', 'http://sim.local')
    const path = url.pathname
    let raw: string
    try {
      raw = (await readBody(req)).toString('utf8')
    } catch (e) {
      if (e instanceof HttpError) return write(res, errorReply(e.status, e.code, e.message), { method, url })
      throw e
    }
    if (path.startsWith('/__sim/')) {
      try {
        return write(res, control(method, path, raw), { method, url })
      } catch (e) {
        return write(res, errorReply(400, 'BAD_REQUEST', (e as Error).message), { method, url })
      }
    }
    const area: Area | undefined = TOKEN_PATHS.has(path)
      ? 'token'
      : path.startsWith('/aims/data/')
        ? 'data'
        : path.startsWith('/aims/mgmt/')
          ? 'mgmt'
          : path.startsWith('/pypi/')
            ? 'pypi'
            : undefined
    if (!area) {
      count(`${method} ${path}`)
      return write(res, errorReply(404, 'NOT_FOUND', 'Not Found'), { method, url })
    }

    const fault = faults.take(method, path, area)
    if (fault?.type === 'reset') {
      count(`${method} ${path} (reset)`)
      req.socket.destroy()
      return
    }
    if (fault?.type === 'hang') return
    if (fault?.type === 'status') {
      count(`${method} ${path} (${fault.status})`)
      return write(res, faultReply(fault, area), { method, url, area }, fault)
    }
    if (fault?.type === 'delay') await new Promise((r) => setTimeout(r, fault.ms))
    if (fault?.type === 'expire-tokens') sim.expireTokens()

    let reply: Reply
    try {
      if (area === 'token') {
        count(`${method} ${path}`)
        reply = token(method, raw, req.headers)
      } else if (area === 'pypi') reply = pypi(method, path, req.headers)
      else {
        const prefix = `/aims/${area}`
        reply = api(area, method, url, path.slice(prefix.length), raw, req.headers)
      }
    } catch (e) {
      reply =
        e instanceof HttpError
          ? errorReply(e.status, e.code, e.message, e.details)
          : errorReply(500, 'INTERNAL_ERROR', `Simulator failure: ${(e as Error).message}`)
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
      PANW_MODEL_SEC_MGMT_ENDPOINT: `${baseUrl}/aims/mgmt`
    }),
    get store() {
      return store
    },
    clock,
    faults,
    recorded,
    requestCounts,
    addScenario(s) {
      store.scenarios.unshift(...(Array.isArray(s) ? s : [s]))
    },
    expireTokens() {
      const now = clock.now()
      for (const t of tokens.values()) t.expiresAtMs = Math.min(t.expiresAtMs, now)
    },
    tokensIssued: () => issued,
    reset() {
      store = new Store(clock, credentials.tsgId, settleMs)
      if (options.scenarios) store.scenarios.unshift(...options.scenarios)
      faults.clear()
      requestCounts.clear()
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
  return sim
}
