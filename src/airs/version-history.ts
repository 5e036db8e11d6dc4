import type { SnapshotVersion } from './schemas/mgmt-plane.js'

/** Most snapshot versions one call collects (a policy edited this often is not a normal policy). */
const MAX_VERSION_PAGES = 50

/** A snapshot history as read, and whether it is whole. */
export interface VersionHistory {
  versions: SnapshotVersion[]
  /** false when the history is longer than one call collects, or its cursor repeated */
  complete: boolean
}

/**
 * Follows a cursor-paginated `…/versions` list (newest first) until `until` returns true for a version, or
 * the history ends. A caller deciding that nothing changed needs to know whether it saw all of it.
 */
export async function followVersions(
  page: (token: string | undefined) => Promise<{
    versions: SnapshotVersion[]
    pagination?: { next_token?: string | null } | null
  }>,
  until: (v: SnapshotVersion) => boolean = () => false
): Promise<VersionHistory> {
  const out: SnapshotVersion[] = []
  let token: string | undefined
  const seenTokens = new Set<string>()
  for (let n = 0; n < MAX_VERSION_PAGES; n++) {
    const res = await page(token)
    for (const v of res.versions) {
      out.push(v)
      if (until(v)) return { versions: out, complete: false }
    }
    token = res.pagination?.next_token ?? undefined
    if (!token) return { versions: out, complete: true }
    // a cursor that repeats would loop forever; an empty page that names another is not an end either
    if (seenTokens.has(token) || res.versions.length === 0) break
    seenTokens.add(token)
  }
  return { versions: out, complete: false }
}
