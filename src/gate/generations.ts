import type { SnapshotVersion } from '../airs/schemas/mgmt-plane.js'

/**
 * Which policy generation was in force when, from a group's snapshot history. Chosen by timestamp, never by
 * the order the service listed the versions in.
 */

/** How far the service's clocks (data plane, management plane) and this runner's may differ. */
export const CLOCK_SKEW_MS = 5 * 60_000

/** The generation in force at a moment: the latest stamped at or before it. */
export function inForce(versions: readonly SnapshotVersion[], at: number): SnapshotVersion | undefined {
  return newest(versions.filter((v) => Date.parse(v.timestamp) <= at))
}

/** The latest version (by timestamp, then generation). */
export function newest(versions: readonly SnapshotVersion[]): SnapshotVersion | undefined {
  let best: SnapshotVersion | undefined
  for (const v of versions) {
    const t = Date.parse(v.timestamp)
    const b = best === undefined ? -Infinity : Date.parse(best.timestamp)
    if (t > b || (t === b && v.generation > best!.generation)) best = v
  }
  return best
}
