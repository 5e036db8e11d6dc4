import type { ModelSecurityClient } from '../airs/client.js'
import type { Collected } from '../airs/paginate.js'
import type { RuleEvaluation, Scan, ScanFile, Violation } from '../airs/schemas/data-plane.js'
import type { RuleInstance, SecurityGroup, SecurityRule } from '../airs/schemas/mgmt-plane.js'
import type { VersionHistory } from '../airs/version-history.js'
import { untilAborted } from '../util/sleep.js'
import { GateError } from '../util/gate-error.js'
import { describeFailure } from './describe-failure.js'
import { inForce } from './generations.js'
import { resolveGroup, type GroupSpec } from './group.js'
import type { PolicySnapshot } from './result.js'

/**
 * Everything the reports need about a settled scan: every evaluation, violation and file (all pages), the
 * policy in force when the scan was created, and the catalogue entry (remediation included) of each rule
 * that did not pass. Rule details and policy snapshots are shared by all models of a run, fetched once.
 */

export interface Collection {
  evaluations: Collected<RuleEvaluation>
  violations: Collected<Violation>
  files: Collected<ScanFile>
  rules: SecurityRule[]
  policy: PolicySnapshot | null
  warnings: string[]
}

/**
 * Promises shared across the models of one run, so each group, rule and policy snapshot is fetched once. A
 * lookup runs on its own (its requests have their own time limits and retries), and each model waits for it
 * only as long as its own time allows: one model running out of time never cancels it for the others.
 */
export class SharedLookups {
  private readonly rules = new Map<string, Promise<SecurityRule>>()
  private readonly policies = new Map<string, Promise<RuleInstance[]>>()
  private readonly groups = new Map<string, Promise<SecurityGroup>>()
  private readonly histories = new Map<string, Promise<VersionHistory>>()

  constructor(private readonly client: ModelSecurityClient) {}

  /** The security group for a spec and source; an answer, failures included, holds for the whole run. */
  group(spec: GroupSpec, sourceType: string, signal?: AbortSignal): Promise<SecurityGroup> {
    const key = `${JSON.stringify(spec ?? null)}|${sourceType}`
    let p = this.groups.get(key)
    if (!p) {
      p = resolveGroup(this.client, spec, sourceType)
      // a caller that stopped waiting must not leave an unhandled rejection behind
      p.catch(() => undefined)
      this.groups.set(key, p)
    }
    return waitFor(p, signal, 'the security group')
  }

  rule(uuid: string, signal?: AbortSignal): Promise<SecurityRule> {
    return waitFor(
      once(this.rules, uuid, () => this.client.securityRules.get(uuid)),
      signal,
      'the rule catalogue'
    )
  }

  /** The group's whole policy history, read once per run (a run judges every reuse against the same "now"). */
  policyHistory(group: SecurityGroup, signal?: AbortSignal): Promise<VersionHistory> {
    return waitFor(
      once(this.histories, group.uuid, () => this.client.securityGroups.allRuleInstanceVersions(group.uuid)),
      signal,
      'the policy history'
    )
  }

  /** The managed rule catalogue's history (PANW's rule definitions), read once per run. */
  catalogueHistory(signal?: AbortSignal): Promise<VersionHistory> {
    return waitFor(
      once(this.histories, '#catalogue', () => this.client.securityRules.allVersions()),
      signal,
      'the rule catalogue history'
    )
  }

  /**
   * The group's rule instances as of `at`. Which generation was in force is looked up for every scan (a
   * later scan may meet a newer policy); the instances of a generation are fetched once.
   */
  async policy(group: SecurityGroup, at: string, signal?: AbortSignal): Promise<PolicySnapshot> {
    const when = Date.parse(at)
    const stamped = (v: { timestamp: string }) => Date.parse(v.timestamp) <= when
    // reading stops at the first version in force; which one was is chosen by timestamp among those read
    const versions = await this.client.securityGroups.ruleInstanceVersions(group.uuid, stamped, { signal })
    const version = inForce(versions, when)
    const generation = version?.generation ?? null
    const load = once(this.policies, `${group.uuid}@${generation ?? 'current'}`, async () => {
      const list = await this.client.securityGroups.allRuleInstances(
        group.uuid,
        generation === null ? {} : { generation }
      )
      return list.items
    })
    const instances = await waitFor(load, signal, 'the policy snapshot')
    return { generation, since: version?.timestamp ?? null, rule_instances: instances }
  }
}

function waitFor<T>(p: Promise<T>, signal: AbortSignal | undefined, what: string): Promise<T> {
  return untilAborted(
    p,
    signal,
    () => new GateError('TIMEOUT', `Stopped waiting for ${what}: this model's time ran out.`)
  )
}

function once<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key)
  if (!p) {
    p = load()
    // a failure is not cached: another model may try again
    p.catch(() => cache.delete(key))
    cache.set(key, p)
  }
  return p
}

export async function collectResults(
  client: ModelSecurityClient,
  scan: Scan,
  group: SecurityGroup,
  shared: SharedLookups,
  signal?: AbortSignal
): Promise<Collection> {
  const warnings: string[] = []
  const policyPromise = shared.policy(group, scan.created_at, signal).catch((e: unknown) => {
    warnings.push(`The policy in force at scan time could not be read: ${describeFailure(e).message}`)
    return null
  })
  const [evaluations, violations, files, policy] = await Promise.all([
    client.scans.allEvaluations(scan.uuid, {}, { signal }),
    client.scans.allViolations(scan.uuid, { signal }),
    allFiles(client, scan.uuid, signal),
    policyPromise
  ])
  // every item names its scan where the service says which: one of another scan is not this scan's evidence
  const foreign = [...evaluations.items, ...files.items].find(
    (i) => i.scan_uuid && i.scan_uuid.toLowerCase() !== scan.uuid.toLowerCase()
  )
  if (foreign) {
    throw new GateError(
      'CONTRACT_VIOLATION',
      `The results of scan ${scan.uuid} hold an item of scan ${foreign.scan_uuid}; the service's answer cannot be trusted.`
    )
  }
  for (const [name, list] of [
    ['rule evaluations', evaluations],
    ['violations', violations],
    ['files', files]
  ] as const) {
    if (list.truncated) warnings.push(`Only the first ${list.items.length} ${name} were collected.`)
    else if (list.incomplete) {
      warnings.push(
        `The service reported ${list.total} ${name} but returned ${list.items.length} (the list changed while it was read).`
      )
    }
  }
  const rules = await ruleDetails(evaluations.items, violations.items, policy, shared, warnings, signal)
  return { evaluations, violations, files, rules, policy, warnings }
}

/**
 * Catalogue entries of the rules that did not pass. An evaluation names its rule instance; the instance (from
 * the policy snapshot) names the managed rule. Custom rules have no catalogue entry.
 */
async function ruleDetails(
  evaluations: RuleEvaluation[],
  violations: Violation[],
  policy: PolicySnapshot | null,
  shared: SharedLookups,
  warnings: string[],
  signal?: AbortSignal
): Promise<SecurityRule[]> {
  const notPassed = new Set(
    [...evaluations.filter((e) => e.result !== 'PASSED'), ...violations].map((e) => e.rule_instance_uuid)
  )
  if (notPassed.size === 0) return []
  const byInstance = new Map<string, RuleInstance>(policy?.rule_instances.map((r) => [r.uuid, r]) ?? [])
  const ruleUuids = new Set<string>()
  for (const id of notPassed) {
    const instance = byInstance.get(id)
    const ruleUuid = instance?.security_rule_uuid ?? instance?.rule?.uuid
    if (ruleUuid) ruleUuids.add(ruleUuid)
    else if (policy && !instance) {
      warnings.push(`Rule instance ${id} is not in the policy snapshot, so its rule details are missing.`)
    }
  }
  const rules = await Promise.all(
    [...ruleUuids].map((uuid) =>
      shared.rule(uuid, signal).catch((e: unknown) => {
        warnings.push(`Details of security rule ${uuid} could not be read: ${describeFailure(e).message}`)
        return undefined
      })
    )
  )
  return rules.filter((r): r is SecurityRule => r !== undefined)
}

/** Most directories walked one by one when a server ignores `recursive`. */
const MAX_DIRECTORY_WALK = 200

/**
 * Every file of the scan. The tree is asked for in one recursive listing; a server that ignores `recursive`
 * returns only the top level, so directories whose content is missing are then listed one by one.
 */
async function allFiles(
  client: ModelSecurityClient,
  scanUuid: string,
  signal?: AbortSignal
): Promise<Collected<ScanFile>> {
  const top = await client.scans.allFiles(scanUuid, { recursive: true }, { signal })
  const items = [...top.items]
  const seen = new Set(items.map((f) => f.uuid))
  const hasChildren = (dir: string) => items.some((f) => f.path.startsWith(`${dir.replace(/\/+$/, '')}/`))
  const queue = items.filter((f) => f.type === 'DIRECTORY' && !hasChildren(f.path))
  let { truncated, incomplete } = top
  let walked = 0
  while (queue.length > 0) {
    if (walked++ >= MAX_DIRECTORY_WALK) {
      truncated = true
      break
    }
    const dir = queue.shift()!
    const page = await client.scans.allFiles(scanUuid, { query_path: dir.path }, { signal })
    truncated ||= page.truncated
    incomplete ||= page.incomplete
    for (const f of page.items) {
      if (seen.has(f.uuid)) continue
      seen.add(f.uuid)
      items.push(f)
      if (f.type === 'DIRECTORY') queue.push(f)
    }
  }
  return { ...top, items, truncated, incomplete }
}
