import { describe, expect, it } from '@jest/globals'
import { paginate, type Page } from '../../src/airs/paginate.js'

/** A list served the ways real servers serve lists, well and badly. */
function server(
  n: number,
  quirks: {
    clamp?: number
    unknownTotal?: boolean
    ignoreSkip?: boolean
    ignoreLimit?: boolean
    delayMs?: number
  } = {}
) {
  const items = Array.from({ length: n }, (_, i) => ({ uuid: `id-${i}` }))
  const calls: Array<[number, number]> = []
  let inFlight = 0
  let maxInFlight = 0
  const fetch = async (skip: number, limit: number): Promise<Page<{ uuid: string }>> => {
    calls.push([skip, limit])
    inFlight++
    maxInFlight = Math.max(maxInFlight, inFlight)
    await new Promise((r) => setTimeout(r, quirks.delayMs ?? 1))
    inFlight--
    const size = quirks.ignoreLimit ? n : Math.min(limit, quirks.clamp ?? limit)
    const from = quirks.ignoreSkip ? 0 : skip
    return { items: items.slice(from, from + size), total: quirks.unknownTotal ? null : n }
  }
  return { fetch, calls, maxInFlight: () => maxInFlight }
}

const opts = { pageSize: 100, maxItems: 100_000, concurrency: 4, key: (x: { uuid: string }) => x.uuid }

describe('paginate', () => {
  it('reads the total from the first page and fetches the rest concurrently, in order', async () => {
    const s = server(1050, { delayMs: 5 })
    const r = await paginate(s.fetch, opts)
    expect(r.items.map((i) => i.uuid)).toEqual(Array.from({ length: 1050 }, (_, i) => `id-${i}`))
    expect(r).toMatchObject({ total: 1050, truncated: false, incomplete: false, pages: 11 })
    expect(s.calls[0]).toEqual([0, 100])
    expect(s.maxInFlight()).toBe(4)
  })

  it('makes one request for a short list and none beyond it', async () => {
    const s = server(3)
    expect((await paginate(s.fetch, opts)).items).toHaveLength(3)
    expect(s.calls).toEqual([[0, 100]])
    const empty = server(0)
    expect(await paginate(empty.fetch, opts)).toMatchObject({
      items: [],
      total: 0,
      incomplete: false,
      pages: 1
    })
  })

  it('steps by what a server returns when it clamps the page size, skipping nothing', async () => {
    const s = server(250, { clamp: 50 })
    const r = await paginate(s.fetch, opts)
    expect(r.items).toHaveLength(250)
    expect(s.calls.map(([skip]) => skip)).toEqual([0, 50, 100, 150, 200])
  })

  it('pages sequentially until an empty page when the total is unknown', async () => {
    const s = server(230, { unknownTotal: true })
    const r = await paginate(s.fetch, opts)
    expect(r).toMatchObject({ total: null, truncated: false })
    expect(r.items).toHaveLength(230)
    expect(s.calls.map(([skip]) => skip)).toEqual([0, 100, 200, 230])
  })

  it('does not loop on a server that ignores skip', async () => {
    const unknown = server(300, { ignoreSkip: true, unknownTotal: true })
    const r1 = await paginate(unknown.fetch, opts)
    expect(r1.items).toHaveLength(100)
    expect(unknown.calls).toHaveLength(2)
    const known = server(300, { ignoreSkip: true })
    const r2 = await paginate(known.fetch, opts)
    // reported as incomplete rather than silently short
    expect(r2).toMatchObject({ total: 300, incomplete: true })
    expect(r2.items).toHaveLength(100)
  })

  it('takes everything from a server that ignores limit, without extra requests', async () => {
    const s = server(500, { ignoreLimit: true })
    const r = await paginate(s.fetch, opts)
    expect(r.items).toHaveLength(500)
    expect(s.calls).toHaveLength(1)
  })

  it('stops at the cap and says the list was truncated', async () => {
    const s = server(1000)
    const r = await paginate(s.fetch, { ...opts, maxItems: 250 })
    expect(r).toMatchObject({ total: 1000, truncated: true, incomplete: false })
    expect(r.items).toHaveLength(250)
    expect(s.calls.length).toBe(3)
    const u = server(1000, { unknownTotal: true })
    const ru = await paginate(u.fetch, { ...opts, maxItems: 250 })
    expect(ru).toMatchObject({ truncated: true })
    expect(ru.items).toHaveLength(250)
  })

  it('drops items seen twice when the list shifts between pages', async () => {
    let call = 0
    const fetch = (skip: number): Promise<Page<{ uuid: string }>> => {
      call++
      // the second page repeats the last item of the first (an insert happened in between)
      const ids = call === 1 ? [0, 1, 2] : [2, 3, 4]
      void skip
      return Promise.resolve({ items: ids.map((i) => ({ uuid: `id-${i}` })), total: 6 })
    }
    const r = await paginate(fetch, { ...opts, pageSize: 3 })
    expect(r.items.map((i) => i.uuid)).toEqual(['id-0', 'id-1', 'id-2', 'id-3', 'id-4'])
    expect(r.incomplete).toBe(true)
  })

  it('says truncated when the page bound stops a list of unknown length', async () => {
    // a server that ignores skip but slips one new item into each page: the cap alone would take 90 pages
    let n = 0
    const fetch = (): Promise<Page<{ uuid: string }>> =>
      Promise.resolve({
        items: [...Array.from({ length: 9 }, (_, i) => ({ uuid: `old-${i}` })), { uuid: `new-${n++}` }],
        total: null
      })
    const r = await paginate(fetch, { ...opts, pageSize: 10, maxItems: 100 })
    expect(r).toMatchObject({ truncated: true, pages: 12 })
  })

  it('starts no new page requests once one page has failed', async () => {
    const calls: number[] = []
    const fetch = async (skip: number): Promise<Page<{ uuid: string }>> => {
      calls.push(skip)
      await new Promise((r) => setTimeout(r, 5))
      if (skip === 100) throw new Error('page failed')
      return { items: Array.from({ length: 100 }, (_, i) => ({ uuid: `id-${skip + i}` })), total: 10_000 }
    }
    await expect(paginate(fetch, { ...opts, concurrency: 2 })).rejects.toThrow('page failed')
    await new Promise((r) => setTimeout(r, 50))
    // the first page, then at most the two workers' pages in flight when the failure happened
    expect(calls.length).toBeLessThanOrEqual(4)
  })

  it('propagates a failing page', async () => {
    const fetch = (skip: number) =>
      skip === 0
        ? Promise.resolve({ items: [{ uuid: 'a' }], total: 5 })
        : Promise.reject(new Error('page 2 failed'))
    await expect(paginate(fetch, { ...opts, pageSize: 1 })).rejects.toThrow('page 2 failed')
  })
})
