import type { CollectOptions } from './method-args.js'
import type { Logger } from '../util/logger.js'
import { paginate, type Collected } from './paginate.js'
import type { RetryRuntime } from './retry.js'
import type { Transport } from './transport.js'
import type { Pagination } from './schemas/common.js'

/** What every API group shares: the transport and the paging settings. */
export interface ApiContext {
  transport: Transport
  retry: RetryRuntime
  logger: Logger
  /** Pages fetched at once after the first. */
  pageConcurrency: number
  /** Default cap on the items one "fetch everything" call collects. */
  maxItems: number
  /** Per-request timeout: also how long a lost create may still be running on the server. */
  timeoutMs: number
}

/** Total from a list envelope. */
export function totalOf(pagination: Pagination | null | undefined): number | null {
  return pagination?.total_items ?? null
}

/** Collects every page of a list endpoint. */
export function collect<T>(
  ctx: ApiContext,
  pageSize: number,
  fetch: (skip: number, limit: number) => Promise<{ items: T[]; total: number | null }>,
  key: (item: T) => string,
  opts: CollectOptions = {}
): Promise<Collected<T>> {
  return paginate(fetch, {
    pageSize,
    maxItems: opts.maxItems ?? ctx.maxItems,
    concurrency: ctx.pageConcurrency,
    key
  })
}

export const byUuid = (item: { uuid: string }): string => item.uuid
