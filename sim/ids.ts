import { createHash, randomUUID } from 'node:crypto'

/** A UUID derived from a seed, so fixtures keep the same identifiers across runs. */
export function stableUuid(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex')
  // version 5 and RFC 4122 variant bits, like uuid5
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

export const newUuid = (): string => randomUUID()

export function sha1Hex(text: string): string {
  return createHash('sha1').update(text).digest('hex')
}

// Timestamps carry microseconds; several made within one millisecond still sort in creation order.
const issuedPerMs = new Map<number, number>()

/** ISO-8601 with microseconds and `Z`, as the service writes timestamps (`2026-03-03T22:32:12.344402Z`). */
export function isoMicro(ms: number): string {
  let whole = Math.floor(ms)
  while ((issuedPerMs.get(whole) ?? 0) > 999) whole++
  const us = issuedPerMs.get(whole) ?? 0
  issuedPerMs.set(whole, us + 1)
  if (issuedPerMs.size > 100_000) issuedPerMs.clear()
  return new Date(whole).toISOString().replace(/Z$/, `${String(us).padStart(3, '0')}Z`)
}
