import { createHash } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { basicCredentials, type TokenService } from './auth.js'
import type { Reply } from './reply.js'
import type { Store } from './store.js'

/**
 * The private package index behind `GET /v1/pypi/authenticate`: a PEP 503 "simple" index whose URL embeds a
 * short-lived token (`http://_token:<token>@host/pypi/simple/`), serving the packages the tests register.
 */

/** PEP 503 name normalisation. */
const normalizeName = (n: string) => n.toLowerCase().replace(/[-_.]+/g, '-')
const html = (links: string) => `<!DOCTYPE html><html><body>\n${links}</body></html>\n`
const text = (status: number, body: string, headers?: Record<string, string>): Reply => ({
  status,
  raw: body,
  contentType: 'text/plain',
  ...(headers && { headers })
})

export function servePackageIndex(
  store: Store,
  tokens: TokenService,
  method: string,
  path: string,
  headers: IncomingMessage['headers']
): Reply {
  const [user, token] = basicCredentials(headers.authorization) ?? ['', '']
  if (user !== '_token' || !tokens.indexTokenValid(token)) {
    return text(401, 'Unauthorized', { 'www-authenticate': 'Basic realm="pypi"' })
  }
  if (method !== 'GET') return text(405, 'Method Not Allowed')
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
    if (files.length === 0) return text(404, 'Not Found')
    const links = files
      .map(
        (p) =>
          `<a href="/pypi/files/${p.filename}#sha256=${createHash('sha256').update(p.bytes).digest('hex')}">${p.filename}</a><br/>\n`
      )
      .join('')
    return { status: 200, raw: html(links), contentType: 'text/html' }
  }
  const file = /^\/pypi\/files\/([^/]+)$/.exec(path)?.[1]
  const pkg = file && store.packages.find((p) => p.filename === file)
  if (pkg) return { status: 200, raw: pkg.bytes, contentType: 'application/octet-stream' }
  return text(404, 'Not Found')
}
