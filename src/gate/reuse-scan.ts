import { createHash } from 'node:crypto'
import type { ModelSecurityClient } from '../airs/client.js'
import type { Scan } from '../airs/schemas/data-plane.js'
import type { SecurityGroup } from '../airs/schemas/mgmt-plane.js'
import { NO_VERSION_UUID, REUSE_KEY_LABEL } from '../airs/schemas/spec-values.js'
import { formatDuration } from '../util/duration.js'
import { collectResults, type Collection, type SharedLookups } from './collect.js'
import { describeFailure } from './describe-failure.js'
import type { ModelSource } from './model-source.js'
import type { ArtifactDigest } from './result.js'
import { CLOCK_SKEW_MS, inForce, newest } from './generations.js'
import { scanEvidence } from './scan-evidence.js'
import { assess, DECIDED_OUTCOMES } from './verdict.js'

/**
 * `reuse`: judge a recent scan of exactly this artifact again instead of creating one. Every scan the gate
 * creates carries a label (`gate-reuse-key`) hashing what it is of and how it was made: the Hugging Face commit
 * or the local files' digest, and the allow and ignore patterns. A later run finds the newest scan with its
 * key, and reuses it only when all of this holds:
 *
 * - it settled ALLOWED or BLOCKED inside the window, in the same security group (never an older scan when
 *   the newest is pending or failed: the choice is not shopped for);
 * - for Hugging Face, the inventory's record of that scan (its model version) names the same commit: the
 *   service's own account of what it fetched, not only the label;
 * - the group's policy generation in force when it was created is the newest one (a complete history);
 * - its results are complete and decisive: every evaluation, violation and file read, and the verdict
 *   allowed or blocked. A BLOCKED scan is reused as BLOCKED.
 *
 * Anything else, including a failed look-up, means a fresh scan: reuse only ever saves time.
 */

export type ReuseSubject = { kind: 'commit'; value: string } | { kind: 'digest'; value: string }

export interface Reused {
  scan: Scan
  collection: Collection
  subject: ReuseSubject
}

/** A Hugging Face commit as the Hub names one. */
const FULL_COMMIT = /^[0-9a-f]{40}$/i
/** Scans with the key listed at once: more than this in the window and the newest is not known for sure. */
const PAGE = 100
/** Scans with the key read before giving up (a server that ignores the label filter lists others). */
const MAX_CANDIDATES = 5

/**
 * What a model's scan is of, when that can be named, and its key: the commit a Hugging Face revision was
 * pinned to (or was given as), the digest of a local model's files. Otherwise why not.
 */
export function reusePlan(
  model: ModelSource,
  commit: string | undefined,
  digest: ArtifactDigest | undefined,
  patterns: { allowPatterns?: string[]; ignorePatterns?: string[] }
): { subject: ReuseSubject; key: string } | { none: string } {
  const subject = subjectOf(model, commit, digest)
  return 'none' in subject ? subject : { subject, key: reuseKey(model, subject, patterns) }
}

function subjectOf(
  model: ModelSource,
  commit: string | undefined,
  digest: ArtifactDigest | undefined
): ReuseSubject | { none: string } {
  if (model.sourceType === 'HUGGING_FACE') {
    if (commit !== undefined && FULL_COMMIT.test(commit))
      return { kind: 'commit', value: commit.toLowerCase() }
    return {
      none: `${commit ?? 'the default branch'} is not pinned to a commit (pin-revision is false), and a moving revision is scanned every time`
    }
  }
  if (model.sourceType === 'LOCAL') {
    return digest ? { kind: 'digest', value: digest.sha256 } : { none: 'its files could not be hashed' }
  }
  return {
    none: `the gate cannot tell whether a ${model.sourceType} model changed since an earlier scan (it does not read the files)`
  }
}

/**
 * The label value naming a scan of this subject made with these patterns. The model's name is part of it for
 * Hugging Face (a commit belongs to a repository); local files are the same artifact wherever they lie.
 */
function reuseKey(
  model: ModelSource,
  subject: ReuseSubject,
  patterns: { allowPatterns?: string[]; ignorePatterns?: string[] }
): string {
  const set = (list: string[] | undefined) => [...new Set(list ?? [])].sort()
  const what = {
    v: 1,
    source: model.sourceType,
    model: subject.kind === 'commit' ? sameUri(model.modelUri) : null,
    [subject.kind]: subject.value,
    allow: set(patterns.allowPatterns),
    ignore: set(patterns.ignorePatterns)
  }
  return createHash('sha256').update(JSON.stringify(what)).digest('hex')
}

export interface ReuseLookup {
  client: ModelSecurityClient
  shared: SharedLookups
  now: () => number
}

/** The scan to reuse, or why there is none. Never throws: a failed look-up is a reason to scan. */
export async function findReusable(
  deps: ReuseLookup,
  request: {
    model: ModelSource
    group: SecurityGroup
    subject: ReuseSubject
    key: string
    windowMs: number
    signal: AbortSignal
  }
): Promise<Reused | { reason: string }> {
  try {
    return await lookFor(deps, request)
  } catch (e) {
    return { reason: `looking for one failed (${describeFailure(e).message})` }
  }
}

async function lookFor(
  deps: ReuseLookup,
  r: Parameters<typeof findReusable>[1]
): Promise<Reused | { reason: string }> {
  const { client, shared } = deps
  const { group, subject, key, signal } = r
  const now = deps.now()
  const from = now - r.windowMs
  const what = subject.kind === 'commit' ? `commit ${subject.value}` : `these files (sha256 ${subject.value})`
  const page = await client.scans.list(
    {
      labels_query: `${REUSE_KEY_LABEL}:${key}`,
      security_group_uuid: group.uuid,
      start_time: new Date(from).toISOString(),
      end_time: new Date(now + CLOCK_SKEW_MS).toISOString(),
      sort_order: 'desc',
      limit: PAGE
    },
    { signal }
  )
  // which scan is the newest must not depend on the server's order: all of them are needed, in one page
  if (page.scans.length >= PAGE || (page.pagination?.total_items ?? 0) > page.scans.length)
    return { reason: `more than ${PAGE} scans of ${what} in the window, more than one look reads` }
  // the server's filters are not trusted either: each is checked here on the scan as read by its UUID
  const listed = page.scans
    .filter((s) => inWindow(s.created_at, from, now))
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))
  if (listed.length > 1 && listed[0]!.created_at === listed[1]!.created_at)
    return { reason: `two scans of ${what} bear the same time; which is the latest is not known` }
  let scan: Scan | undefined
  for (const candidate of listed.slice(0, MAX_CANDIDATES)) {
    const full = await client.scans.get(candidate.uuid, { signal })
    if (
      full.uuid.toLowerCase() === candidate.uuid.toLowerCase() &&
      full.labels.some((l) => l.key === REUSE_KEY_LABEL && l.value === key) &&
      full.security_group_uuid.toLowerCase() === group.uuid.toLowerCase() &&
      (full.source_type === undefined || full.source_type === r.model.sourceType) &&
      (subject.kind !== 'commit' || sameUri(full.model_uri) === sameUri(r.model.modelUri)) &&
      inWindow(full.created_at, from, now)
    ) {
      scan = full
      break
    }
  }
  if (!scan) return { reason: `no scan of ${what} in this group within ${formatDuration(r.windowMs)}` }
  const age = `scan ${scan.uuid} of ${formatDuration(Math.max(0, now - Date.parse(scan.created_at)))} ago`
  if (!DECIDED_OUTCOMES.has(scan.eval_outcome))
    return { reason: `the latest, ${age}, is ${scan.eval_outcome}` }

  if (subject.kind === 'commit') {
    // results a client uploaded (the scanner on a runner) say what it read, not what the service fetched
    if (scan.scan_origin === 'MODEL_SECURITY_SDK')
      return { reason: `${age} holds results a client uploaded, not a scan the service fetched` }
    const versionUuid = scan.model_version_uuid
    if (!versionUuid || NO_VERSION_UUID.test(versionUuid))
      return { reason: `the service records no model version for ${age}` }
    const version = await client.models.getVersion(versionUuid, { signal })
    const recorded = version.hf_commit_sha?.toLowerCase()
    if (version.uuid.toLowerCase() !== versionUuid.toLowerCase() || recorded !== subject.value)
      return { reason: `the service records ${age} as commit ${recorded ?? 'unknown'}, not ${subject.value}` }
  }

  // the rules must have been what they are now for a while before the scan: the planes' clocks may differ,
  // and a scan stamped just after a change may have been judged before it
  const createdAt = Date.parse(scan.created_at)
  const [history, catalogue] = await Promise.all([
    shared.policyHistory(group, signal),
    shared.catalogueHistory(signal)
  ])
  const then = inForce(history.versions, createdAt)
  const latest = newest(history.versions)
  if (!history.complete || !then || !latest)
    return { reason: `the group's policy history cannot show that its rules are unchanged since ${age}` }
  if (then.generation !== latest.generation)
    return {
      reason: `the policy changed (generation ${then.generation} then, ${latest.generation} now) since ${age}`
    }
  if (Date.parse(latest.timestamp) > createdAt - CLOCK_SKEW_MS)
    return { reason: `the policy changed shortly before ${age}, too close to tell which one judged it` }
  const rules = newest(catalogue.versions)
  if (!catalogue.complete || !rules || Date.parse(rules.timestamp) > createdAt - CLOCK_SKEW_MS)
    return { reason: `the managed rules may have changed since ${age} (their history says so, or nothing)` }

  const collection = await collectResults(client, scan, group, shared, signal)
  const partial = (['evaluations', 'violations', 'files'] as const).filter(
    (k) => collection[k].truncated || collection[k].incomplete
  )
  if (partial.length > 0 || !collection.policy)
    return { reason: `the results of ${age} could not all be read (${partial.join(', ') || 'policy'})` }
  if (collection.policy.generation !== then.generation)
    return { reason: `the policy read for ${age} is not the generation its history names` }
  // custom rules can judge what the key does not hold (a scan's labels, its name and author)
  if (collection.policy.rule_instances.some((r) => r.custom_rule_uuid || r.custom_rule))
    return { reason: 'the group has custom rules, which can judge what a reuse key does not cover (labels)' }
  const assessment = assess(scanEvidence(scan, collection))
  if (assessment.status === 'error') return { reason: `${age} is not decisive: ${assessment.reason}` }
  return { scan, collection, subject }
}

/** In the window and not ahead of this runner's clock (a scan from the future is a clock to distrust). */
const inWindow = (at: string, from: number, now: number) => {
  const t = Date.parse(at)
  return t >= from && t <= now
}

/** A model URI as compared: Hugging Face names are case-insensitive, a trailing slash means nothing. */
export function sameUri(uri: string): string {
  return uri.trim().replace(/\/+$/, '').toLowerCase()
}
