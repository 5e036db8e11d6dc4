import { invalidArgument } from './airs-error.js'

/**
 * Fetches every page of an offset-paginated list (`skip`/`limit`, `pagination.total_items`).
 *
 * The first page tells the total; the remaining pages are then fetched concurrently. Defensive against
 * servers that do not behave: a smaller page than asked for (a server that clamps `limit`) shrinks the step
 * so no item is skipped, an unknown total falls back to sequential paging until an empty page, items seen
 * twice are dropped, and a server that ignores `skip` cannot loop forever.
 */

export interface Page<T> {
  items: T[]
  /** null when the service did not say */
  total: number | null
}

export interface PaginateOptions<T> {
  /** Page size to ask for (the endpoint's maximum). */
  pageSize: number
  /** Stop after this many items; the result says it was truncated. */
  maxItems: number
  /** Pages fetched at once after the first. */
  concurrency: number
  /** Identity of an item, to drop duplicates when the list shifts between pages. */
  key: (item: T) => string
}

export interface Collected<T> {
  items: T[]
  /** Total the service reported on the first page (null if unknown). */
  total: number | null
  /** More items exist than `maxItems` allowed. */
  truncated: boolean
  /** Fewer items arrived than the reported total (the list changed while it was read, or the server misbehaved). */
  incomplete: boolean
  pages: number
}

export async function paginate<T>(
  fetchPage: (skip: number, limit: number) => Promise<Page<T>>,
  opts: PaginateOptions<T>
): Promise<Collected<T>> {
  if (!(opts.maxItems > 0)) throw invalidArgument('maxItems must be a positive number')
  const seen = new Set<string>()
  const items: T[] = []
  let pages = 0
  const add = (page: T[]): number => {
    let fresh = 0
    for (const it of page) {
      const k = opts.key(it)
      if (seen.has(k)) continue
      seen.add(k)
      if (items.length < opts.maxItems) items.push(it)
      fresh++
    }
    return fresh
  }

  const first = await fetchPage(0, opts.pageSize)
  pages++
  add(first.items)
  const total = first.total
  // a server may clamp the page size below what was asked; step by what it actually returns
  const step = Math.max(1, Math.min(opts.pageSize, first.items.length))

  if (total !== null && first.items.length > 0) {
    const wanted = Math.min(total, opts.maxItems)
    const skips: number[] = []
    // a server that ignores `limit` may already have sent everything
    if (first.items.length < wanted) for (let skip = step; skip < wanted; skip += step) skips.push(skip)
    const results: Array<T[] | undefined> = new Array<T[] | undefined>(skips.length)
    let next = 0
    let failed = false
    const worker = async () => {
      // after one page fails the whole collection fails: start no further requests
      while (!failed && next < skips.length) {
        const i = next++
        try {
          results[i] = (await fetchPage(skips[i]!, step)).items
        } catch (e) {
          failed = true
          throw e
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(opts.concurrency, skips.length) }, worker))
    pages += skips.length
    for (const r of results) add(r ?? [])
    return { items, total, truncated: total > opts.maxItems, incomplete: items.length < wanted, pages }
  }

  // Unknown total: walk until an empty page, a page with nothing new, or the cap.
  if (total === null && first.items.length > 0) {
    let skip = first.items.length
    let ended = false
    // bound on requests, in case a server ignores skip and keeps returning "new" synthetic items
    const maxPages = Math.ceil(opts.maxItems / step) + 2
    while (seen.size < opts.maxItems && pages < maxPages) {
      const page = await fetchPage(skip, step)
      pages++
      if (page.items.length === 0 || add(page.items) === 0) {
        ended = true
        break
      }
      skip += page.items.length
    }
    return { items, total, truncated: !ended, incomplete: false, pages }
  }

  return { items, total, truncated: false, incomplete: total !== null && total > 0, pages }
}
