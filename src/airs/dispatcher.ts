import type { Dispatcher } from 'undici'
import { Agent, EnvHttpProxyAgent } from './undici-parts.js'

/**
 * The connection pool for API calls. Self-hosted runners often sit behind a proxy: `HTTPS_PROXY`,
 * `HTTP_PROXY` and `NO_PROXY` (lowercase first, like curl) are honoured, and loopback is never proxied
 * (as in @actions/http-client). Without proxy variables a plain agent is used.
 */

export interface DispatcherOptions {
  env?: Record<string, string | undefined>
  connectTimeoutMs?: number
}

const LOOPBACK_NO_PROXY = ['localhost', '127.0.0.1', '[::1]']

export interface ProxySettings {
  httpProxy?: string
  httpsProxy?: string
  noProxy: string
}

export function proxySettings(env: Record<string, string | undefined>): ProxySettings | undefined {
  const httpProxy = env.http_proxy || env.HTTP_PROXY || undefined
  const httpsProxy = env.https_proxy || env.HTTPS_PROXY || undefined
  if (!httpProxy && !httpsProxy) return undefined
  // curl semantics: `example.com` also covers its subdomains (undici matches a bare entry exactly)
  const entries = (env.no_proxy || env.NO_PROXY || '').split(/[,\s]+/).filter(Boolean)
  const domain = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z][a-z0-9-]*(:\d+)?$/i
  const expanded = entries.flatMap((e) => (domain.test(e) ? [e, `.${e}`] : [e]))
  const noProxy = [...expanded, ...LOOPBACK_NO_PROXY].join(',')
  return { httpProxy, httpsProxy, noProxy }
}

/** A proxy URL for logs: scheme, host and port only (proxy URLs may carry credentials). */
export function describeProxy(url: string): string {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.host}`
  } catch {
    return '(unparseable proxy URL)'
  }
}

export function createDispatcher(options: DispatcherOptions = {}): Dispatcher {
  const agentOptions = {
    connect: { timeout: options.connectTimeoutMs ?? 15_000 },
    keepAliveTimeout: 10_000,
    // a gate rarely needs more; bounded so a runaway caller cannot exhaust sockets
    connections: 32
  }
  const proxy = proxySettings(options.env ?? process.env)
  if (!proxy) return new Agent(agentOptions)
  return new EnvHttpProxyAgent({
    ...agentOptions,
    // '' rather than undefined: undefined would make undici read process.env again
    httpProxy: proxy.httpProxy ?? '',
    httpsProxy: proxy.httpsProxy ?? proxy.httpProxy ?? '',
    noProxy: proxy.noProxy
  })
}
