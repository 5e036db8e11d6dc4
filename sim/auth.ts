import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { SimClock } from './clock.js'
import type { Reply } from './reply.js'

/**
 * The OAuth2 token service and the bearer tokens it issued, plus the short-lived tokens embedded in the
 * package-index URLs. Tokens expire on the simulator's clock.
 */

export interface Credentials {
  clientId: string
  clientSecret: string
  tsgId: string
}

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')

/** OAuth2 (RFC 6749 §2.3.1) form-encodes the client ID and secret before Basic authentication. */
function formDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '))
  } catch {
    return s
  }
}

/** `user:password` of a Basic authorization header, if there is one. */
export function basicCredentials(header: string | undefined): [string, string] | undefined {
  if (!header?.toLowerCase().startsWith('basic ')) return undefined
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8')
  const i = decoded.indexOf(':')
  return i < 0 ? undefined : [decoded.slice(0, i), decoded.slice(i + 1)]
}

export class TokenService {
  private readonly tokens = new Map<string, { clientId: string; expiresAtMs: number }>()
  private readonly indexTokens = new Map<string, number>()
  private readonly accessTokens: string[] = []
  private count = 0

  constructor(
    private readonly credentials: Credentials,
    private readonly clock: SimClock,
    /** Token lifetime in virtual seconds. */
    private readonly ttlSeconds: number
  ) {}

  get issued(): number {
    return this.count
  }

  /** `POST /oauth2/access_token` with the auth service's own error shape. */
  issue(method: string, raw: string, headers: IncomingMessage['headers']): Reply {
    if (method !== 'POST')
      return { status: 405, body: { error: 'invalid_request', error_description: 'Use POST' } }
    const form = new URLSearchParams(raw)
    const basic = basicCredentials(headers.authorization)
    const { clientId, clientSecret, tsgId } = this.credentials
    // RFC 6749 form-encodes Basic credentials; most clients send them as they are: accept either
    const matches = (sent: string | undefined, expected: string) =>
      sent !== undefined && (sent === expected || formDecode(sent) === expected)
    const id = basic ? basic[0] : (form.get('client_id') ?? undefined)
    const secret = basic ? basic[1] : (form.get('client_secret') ?? undefined)
    if (!matches(id, clientId) || !matches(secret, clientSecret)) {
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
    if (form.get('scope') !== `tsg_id:${tsgId}`) {
      return {
        status: 400,
        body: { error: 'invalid_scope', error_description: 'scope must be tsg_id:<your TSG ID>' }
      }
    }
    const now = this.clock.now()
    const iat = Math.floor(now / 1000)
    const payload = {
      sub: id,
      tsg_id: tsgId,
      iat,
      exp: iat + this.ttlSeconds,
      jti: randomBytes(8).toString('hex')
    }
    const jwt = `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url(payload)}.${randomBytes(32).toString('base64url')}`
    this.tokens.set(jwt, { clientId, expiresAtMs: now + this.ttlSeconds * 1000 })
    this.count++
    this.accessTokens.push(jwt)
    return {
      status: 200,
      body: {
        access_token: jwt,
        token_type: 'Bearer',
        // in real seconds, so a client's renewal timing follows a scaled clock
        expires_in: Math.max(1, Math.round(this.clock.toReal(this.ttlSeconds * 1000) / 1000)),
        scope: `tsg_id:${tsgId}`
      }
    }
  }

  /** The client behind a bearer header, or why it is refused. */
  check(authorization: string | undefined): { clientId: string } | { refused: string } {
    const bearer = authorization?.toLowerCase().startsWith('bearer ')
      ? authorization.slice(7).trim()
      : undefined
    const tok = bearer ? this.tokens.get(bearer) : undefined
    if (!tok) return { refused: bearer ? 'Invalid access token' : 'Missing bearer token' }
    if (this.clock.now() >= tok.expiresAtMs) return { refused: 'Access token expired' }
    return { clientId: tok.clientId }
  }

  expireAll(): void {
    const now = this.clock.now()
    for (const t of this.tokens.values()) t.expiresAtMs = Math.min(t.expiresAtMs, now)
  }

  /** A token for the package index URL, valid for an hour. */
  issueIndexToken(): { token: string; expiresAtMs: number } {
    const token = randomBytes(24).toString('base64url')
    const expiresAtMs = this.clock.now() + 3600_000
    this.indexTokens.set(token, expiresAtMs)
    return { token, expiresAtMs }
  }

  /** Every access token issued since the start (for leak and mask checks). */
  issuedAccessTokens(): string[] {
    return [...this.accessTokens]
  }

  /** Every package index token issued since the last reset (for leak checks). */
  issuedIndexTokens(): string[] {
    return [...this.indexTokens.keys()]
  }

  indexTokenValid(token: string): boolean {
    const exp = this.indexTokens.get(token)
    return exp !== undefined && this.clock.now() < exp
  }

  reset(): void {
    this.tokens.clear()
    this.indexTokens.clear()
    this.count = 0
  }
}
