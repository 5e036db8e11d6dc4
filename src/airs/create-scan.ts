import { randomUUID } from 'node:crypto'
import { parseArgs } from './method-args.js'
import type { ApiContext } from './api-context.js'
import { invalidArgument, isAirsError } from './airs-error.js'
import { RetryableFailure, runWithRetries } from './retry.js'
import { LabelValue } from './schemas/common.js'
import { CREATE_REQUEST_LABEL, MAX_LABELS_PER_SCAN } from './schemas/spec-values.js'
import {
  ScanCreateRequestSchema,
  ScanListSchema,
  ScanSchema,
  type Scan,
  type ScanCreateRequest
} from './schemas/data-plane.js'

/**
 * Creating a scan is not idempotent, and a response lost on the way back (connection reset, gateway timeout)
 * leaves the caller unsure whether the scan exists. Each create therefore carries a unique request label;
 * before trying again after such a failure, the client looks for a scan with that label and returns it if
 * the first attempt did go through. Failures that say the request was not processed (429, 408, refused
 * connections) are retried directly.
 */

export interface CreateScanOptions {
  signal?: AbortSignal
  /** Value of the request label (default: a random UUID); letters, digits, "_" and "-" only. */
  requestId?: string
}

/**
 * Delays between look-ups after a request that got no answer: the first attempt may still be running on the
 * server, so the client keeps looking for about one request timeout before it sends the create again.
 */
function lookupSchedule(windowMs: number): number[] {
  const out = [0]
  for (let wait = 250, total = 0; total < windowMs; wait = Math.min(wait * 2, 8000)) {
    out.push(wait)
    total += wait
  }
  return out
}

export async function createScan(
  ctx: ApiContext,
  body: ScanCreateRequest,
  opts: CreateScanOptions = {}
): Promise<Scan> {
  const parsed = parseArgs(ScanCreateRequestSchema, body, 'scans.create')
  const requestId =
    opts.requestId === undefined
      ? randomUUID()
      : parseArgs(LabelValue, opts.requestId, 'scans.create (requestId)')
  const labels = [
    ...(parsed.labels ?? []).filter((l) => l.key !== CREATE_REQUEST_LABEL),
    { key: CREATE_REQUEST_LABEL, value: requestId }
  ]
  if (labels.length > MAX_LABELS_PER_SCAN) {
    throw invalidArgument(
      `Invalid arguments to scans.create: labels: at most ${MAX_LABELS_PER_SCAN - 1} labels (one more is added to make the request safe to retry).`
    )
  }
  const request = {
    plane: 'data' as const,
    method: 'POST' as const,
    path: '/v1/scans',
    body: { ...parsed, labels },
    schema: ScanSchema,
    signal: opts.signal
  }
  const find = () => findCreated(ctx, parsed.model_uri, requestId, opts.signal)

  /** Look-ups owed before the next send: none, one (the server answered), or a schedule (it did not). */
  let owed: number[] = []
  const lookUp = async (): Promise<Scan | undefined> => {
    for (const wait of owed) {
      if (wait > 0) await ctx.retry.sleep(wait, opts.signal)
      const found = await find()
      if (found) {
        ctx.logger.info(
          `The response to creating scan ${found.uuid} was lost; using the scan that request created.`
        )
        return found
      }
    }
    return undefined
  }
  try {
    return await runWithRetries(
      async (n) => {
        const found = await lookUp()
        if (found) return found
        owed = []
        try {
          return await ctx.transport.once(request, n)
        } catch (e) {
          if (e instanceof RetryableFailure && e.maybeProcessed) {
            owed = e.error.status === undefined ? lookupSchedule(ctx.timeoutMs) : [0]
          }
          throw e
        }
      },
      ctx.retry,
      opts.signal
    )
  } catch (e) {
    // a 2xx whose body breaks the contract did create a scan: find it rather than leave it orphaned (the
    // scan found is read back through the contract like any other)
    if (isAirsError(e) && e.reason === 'CONTRACT_VIOLATION') owed = [0]
    // out of retries, but the last attempt may still have created the scan
    if (owed.length > 0 && !opts.signal?.aborted) {
      const found = await lookUp().catch(() => undefined)
      if (found) return found
    }
    throw e
  }
}

/**
 * Looks the scan up by its request label, and by model URI as a second route (the label index could lag).
 * The label is checked on every result, so a server that ignores a filter cannot hand back someone else's
 * scan; a list that leaves labels out (the spec does not require them) is confirmed by reading each candidate.
 */
export async function findCreated(
  ctx: ApiContext,
  modelUri: string | undefined,
  requestId: string,
  signal: AbortSignal | undefined
): Promise<Scan | undefined> {
  const ours = (s: Scan) => s.labels.some((l) => l.key === CREATE_REQUEST_LABEL && l.value === requestId)
  const lookups: Array<Record<string, string | number>> = [
    { labels_query: `${CREATE_REQUEST_LABEL}:${requestId}`, limit: 10 }
  ]
  if (modelUri !== undefined && modelUri.length <= 256)
    lookups.push({ search_query: modelUri, sort_order: 'desc', limit: 100 })
  for (const query of lookups) {
    const page = await ctx.transport.call({
      plane: 'data',
      method: 'GET',
      path: '/v1/scans',
      query,
      schema: ScanListSchema,
      signal
    })
    let found = page.scans.find(ours)
    const unlabelled = page.scans.filter(
      (s) => s.labels.length === 0 && (modelUri === undefined || s.model_uri === modelUri)
    )
    for (const candidate of found ? [] : unlabelled.slice(0, 3)) {
      const full = await ctx.transport.call({
        plane: 'data',
        method: 'GET',
        path: '/v1/scans/{uuid}',
        params: { uuid: candidate.uuid },
        schema: ScanSchema,
        signal
      })
      if (ours(full)) {
        found = full
        break
      }
    }
    if (found) {
      return found
    }
  }
  return undefined
}
