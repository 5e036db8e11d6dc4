import { createHash } from 'node:crypto'
import type { ModelSecurityClient } from '../airs/client.js'
import type { Scan, Violation } from '../airs/schemas/data-plane.js'
import type { SecurityGroup } from '../airs/schemas/mgmt-plane.js'
import { MODEL_KEY_LABEL, NO_VERSION_UUID, REUSE_KEY_LABEL } from '../airs/schemas/spec-values.js'
import type { Collection, SharedLookups } from './collect.js'
import { describeFailure } from './describe-failure.js'
import { inForce } from './generations.js'
import type { ModelSource } from './model-source.js'
import type { Drift, DriftViolation } from './result.js'
import { sameUri } from './reuse-scan.js'
import { DECIDED_OUTCOMES } from './verdict.js'

/**
 * Drift: what changed since the previous scan of a model. Every scan the gate creates carries a label naming
 * the model (not its revision): `gate-model-key`. After a scan settles, the gate lists the earlier scans with
 * that label in the same security group, takes the newest that settled ALLOWED or BLOCKED, and compares: the
 * outcome, the violations (matched by rule, file and threat), the Hugging Face commit the service recorded for
 * each, the files (local models), and the group's policy generation at each scan's creation.
 *
 * Drift informs; it never decides. A look-up that fails leaves the verdict alone and says what could not be
 * compared (`unknown`), and "could not compare" is never reported as "nothing changed".
 */

/** Earlier scans listed at once; the newest settled one among them is the previous scan. */
const PAGE = 100
/** Scans read by UUID before giving up (a server that ignores the label filter lists others). */
const MAX_CANDIDATES = 3
/** How far back a previous scan is looked for. */
const LOOKBACK_MS = 400 * 24 * 60 * 60_000
/** Violations listed per side in the report; the counts say how many in all. */
const MAX_LISTED = 50

/**
 * The label value naming a model across its revisions: its source and URI; a local path is a model of its
 * repository (the same path in two repositories is two models).
 */
export function modelKey(model: ModelSource, repository: string | undefined): string {
  const what = {
    v: 1,
    source: model.sourceType,
    model: model.sourceType === 'LOCAL' ? model.modelUri : sameUri(model.modelUri),
    ...(model.sourceType === 'LOCAL' && { repository: repository?.toLowerCase() ?? null })
  }
  return createHash('sha256').update(JSON.stringify(what)).digest('hex')
}

export interface DriftLookup {
  client: ModelSecurityClient
  shared: SharedLookups
}

export interface DriftRequest {
  model: ModelSource
  group: SecurityGroup
  /** the settled scan this run judged (created or reused) */
  scan: Scan
  collection: Collection
  key: string
  /** the commit this run pinned the revision to (Hugging Face), if it did */
  commit?: string
  signal: AbortSignal
}

/** What changed since the previous scan. Never throws: what could not be compared is listed as unknown. */
export async function driftOf(deps: DriftLookup, r: DriftRequest): Promise<Drift> {
  let previous: Scan | undefined | 'unidentified'
  try {
    previous = await previousScan(deps.client, r)
  } catch (e) {
    return unknownDrift(`the previous scan could not be looked up (${describeFailure(e).message})`)
  }
  if (previous === 'unidentified')
    return unknownDrift(
      'the previous scan could not be identified (the scans listed for this model did not check out)'
    )
  if (!previous) return { previous: null, drifted: false, newly_blocked: false, unknown: [] }
  const unknown: string[] = []
  const attempt = async <T>(what: string, f: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await f()
    } catch (e) {
      unknown.push(`${what} (${describeFailure(e).message})`)
      return undefined
    }
  }
  const prev = previous
  const [violations, commits, generation] = await Promise.all([
    attempt('violations: the previous scan’s could not be read', () => violationDrift(deps.client, prev, r)),
    r.model.sourceType === 'HUGGING_FACE'
      ? attempt('commit: the service’s record could not be read', () => commitsOf(deps.client, prev, r))
      : undefined,
    attempt('policy: the group’s history could not be read', () => generationAt(deps.shared, prev, r))
  ])
  const drift: Drift = {
    previous: {
      scan_uuid: prev.uuid,
      created_at: prev.created_at,
      eval_outcome: prev.eval_outcome,
      ...(commits?.from && { commit: commits.from }),
      ...(generation !== undefined && { policy_generation: generation })
    },
    drifted: false,
    newly_blocked: prev.eval_outcome === 'ALLOWED' && r.scan.eval_outcome === 'BLOCKED',
    unknown
  }
  if (prev.eval_outcome !== r.scan.eval_outcome)
    drift.outcome = { from: prev.eval_outcome, to: r.scan.eval_outcome }
  if (violations === 'partial') unknown.push('violations: one of the two scans’ lists is incomplete')
  else if (violations) drift.violations = violations
  if (commits) {
    if (commits.from && commits.to) {
      if (commits.from !== commits.to) drift.commit = { from: commits.from, to: commits.to }
    } else unknown.push('commit: the service records no commit for one of the two scans')
  }
  if (r.model.sourceType !== 'LOCAL' && r.model.sourceType !== 'HUGGING_FACE')
    unknown.push(`files: the content of a ${r.model.sourceType} model is not compared between scans`)
  if (r.model.sourceType === 'LOCAL') {
    const keyOf = (s: Scan) => s.labels.find((l) => l.key === REUSE_KEY_LABEL)?.value
    const [then, now] = [keyOf(prev), keyOf(r.scan)]
    if (then && now) drift.files_changed = then !== now
    else unknown.push('files: a scan carries no record of its files (gate-reuse-key)')
  }
  const current = r.collection.policy?.generation
  if (generation !== undefined) {
    if (current === undefined) unknown.push('policy: the current scan’s policy could not be read')
    else if (generation !== current) drift.policy = { from: generation, to: current }
  }
  drift.drifted = !!(
    drift.outcome ||
    (drift.violations && drift.violations.added_count + drift.violations.resolved_count > 0) ||
    drift.commit ||
    drift.files_changed ||
    drift.policy
  )
  return drift
}

/** Nothing compared, and why. */
export function unknownDrift(reason: string): Drift {
  return { previous: null, drifted: false, newly_blocked: false, unknown: [reason] }
}

/**
 * The newest earlier settled scan of this model in this group, as read by its UUID; undefined when none is
 * listed; 'unidentified' when listed scans did not check out (then which one was the previous is not known).
 */
async function previousScan(
  client: ModelSecurityClient,
  r: DriftRequest
): Promise<Scan | undefined | 'unidentified'> {
  const created = Date.parse(r.scan.created_at)
  const page = await client.scans.list(
    {
      labels_query: `${MODEL_KEY_LABEL}:${r.key}`,
      security_group_uuid: r.group.uuid,
      start_time: new Date(created - LOOKBACK_MS).toISOString(),
      end_time: new Date(created).toISOString(),
      sort_order: 'desc',
      limit: PAGE
    },
    { signal: r.signal }
  )
  // the server's filters and order are not trusted: each is checked here, the newest chosen by time
  const earlier = page.scans
    .filter(
      (s) =>
        s.uuid.toLowerCase() !== r.scan.uuid.toLowerCase() &&
        Date.parse(s.created_at) < created &&
        DECIDED_OUTCOMES.has(s.eval_outcome)
    )
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))
  for (const candidate of earlier.slice(0, MAX_CANDIDATES)) {
    const full = await client.scans.get(candidate.uuid, { signal: r.signal })
    if (
      full.uuid.toLowerCase() === candidate.uuid.toLowerCase() &&
      full.labels.some((l) => l.key === MODEL_KEY_LABEL && l.value === r.key) &&
      full.security_group_uuid.toLowerCase() === r.group.uuid.toLowerCase() &&
      Date.parse(full.created_at) < created &&
      DECIDED_OUTCOMES.has(full.eval_outcome)
    )
      return full
  }
  return earlier.length > 0 ? 'unidentified' : undefined
}

const violationKey = (v: DriftViolation) => JSON.stringify([v.rule, v.file, v.threat])
const asDriftViolation = (v: Violation): DriftViolation => ({
  rule: v.rule_name,
  file: v.file ?? null,
  threat: v.threat ?? null
})

/** Violations added and resolved, matched by rule, file and threat; 'partial' when a list is incomplete. */
async function violationDrift(
  client: ModelSecurityClient,
  prev: Scan,
  r: DriftRequest
): Promise<Drift['violations'] | 'partial'> {
  const now = r.collection.violations
  if (now.truncated || now.incomplete) return 'partial'
  const then = await client.scans.allViolations(prev.uuid, { signal: r.signal })
  if (then.truncated || then.incomplete) return 'partial'
  const distinct = (list: Violation[]) => {
    const m = new Map<string, DriftViolation>()
    for (const v of list.map(asDriftViolation)) m.set(violationKey(v), v)
    return m
  }
  const [before, after] = [distinct(then.items), distinct(now.items)]
  const added = [...after].filter(([k]) => !before.has(k)).map(([, v]) => v)
  const resolved = [...before].filter(([k]) => !after.has(k)).map(([, v]) => v)
  return {
    added: added.slice(0, MAX_LISTED),
    resolved: resolved.slice(0, MAX_LISTED),
    added_count: added.length,
    resolved_count: resolved.length
  }
}

/** The commit the service recorded for the previous scan, and the one this run scanned. */
async function commitsOf(
  client: ModelSecurityClient,
  prev: Scan,
  r: DriftRequest
): Promise<{ from?: string; to?: string }> {
  const recorded = async (scan: Scan) => {
    const uuid = scan.model_version_uuid
    if (!uuid || NO_VERSION_UUID.test(uuid)) return undefined
    const version = await client.models.getVersion(uuid, { signal: r.signal })
    return version.uuid.toLowerCase() === uuid.toLowerCase()
      ? version.hf_commit_sha?.toLowerCase()
      : undefined
  }
  const [from, to] = await Promise.all([
    recorded(prev),
    r.commit ? Promise.resolve(r.commit.toLowerCase()) : recorded(r.scan)
  ])
  return { ...(from && { from }), ...(to && { to }) }
}

/** The group's policy generation in force when the previous scan was created (null: the group has none). */
async function generationAt(shared: SharedLookups, prev: Scan, r: DriftRequest): Promise<number | null> {
  const history = await shared.policyHistory(r.group, r.signal)
  if (history.versions.length === 0) return null
  const version = inForce(history.versions, Date.parse(prev.created_at))
  if (!version) throw new Error(`no generation of the group's policy is as old as ${prev.created_at}`)
  return version.generation
}
