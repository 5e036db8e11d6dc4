import type { SimClock } from './clock.js'
import type { Store } from './store.js'

/** What a handler returns; the server applies faults, records and writes it. */
export interface Reply {
  status: number
  /** JSON body (serialized by the server). */
  body?: unknown
  /** Raw body, for non-JSON content (the package index). */
  raw?: string | Buffer
  contentType?: string
  headers?: Record<string, string>
}

/** An error a handler raises; the server answers it in the configured error shape. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {}
  ) {
    super(message)
  }
}

export interface HandlerCtx {
  store: Store
  clock: SimClock
  path: Record<string, unknown>
  query: Record<string, unknown>
  body: unknown
  /** Client ID of the bearer token. */
  clientId: string
  /** Base URL of the simulator (for links it hands out). */
  baseUrl: string
  issuePyPIToken: () => { token: string; expiresAtMs: number }
}

export type Handler = (c: HandlerCtx) => Reply

/** Offset pagination with the service's envelope; `toJson` runs on the page only (lists can be huge). */
export function page<T>(
  c: HandlerCtx,
  items: T[],
  key: string,
  defaultLimit: number,
  toJson: (item: T) => unknown = (x) => x
): Reply {
  const skip = typeof c.query.skip === 'number' ? Math.max(0, c.query.skip) : 0
  const limit = typeof c.query.limit === 'number' ? c.query.limit : defaultLimit
  // the spec allows an unknown total (null); some deployments never send one
  const total = c.store.options.listTotals === 'unknown' ? null : items.length
  return {
    status: 200,
    body: { pagination: { total_items: total }, [key]: items.slice(skip, skip + limit).map(toJson) }
  }
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
export const strs = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined)
