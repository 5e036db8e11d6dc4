import { randomUUID } from 'node:crypto'
import type { RuleEvaluation, Scan, ScanFile, Violation } from '../airs/schemas/data-plane.js'
import type { SecurityGroup, SecurityRule } from '../airs/schemas/mgmt-plane.js'
import type { PolicySnapshot } from './result.js'
import { VERSION } from '../version.js'
import type { FileReport, Finding } from '../engine/findings.js'
import { policyGroup, ruleInstanceUuid, type EnginePolicy } from './builtin-policy.js'
import { ENGINE_RULES, NOT_EVALUATED, RULE_ORDER, THREATS, type EngineRule } from '../engine/rules.js'
import { securityRule } from './builtin-rules.js'

/**
 * The engine's findings as the service's domain objects: a scan with its outcome and summary, one evaluation per
 * enabled rule, one violation per finding of an enabled rule, and the scanned files. The gate's verdict and every
 * report then read them exactly as they read a service scan.
 */

export interface EngineScan {
  scan: Scan
  group: SecurityGroup
  policy: PolicySnapshot
  evaluations: RuleEvaluation[]
  violations: Violation[]
  files: ScanFile[]
  /** the catalogue entries of the rules that failed */
  rules: SecurityRule[]
  /** enabled rules the engine cannot evaluate (never reported as passed) */
  notEvaluated: string[]
  /** what could not be verified, file by file, under the rule whose check it stopped (not violations) */
  unverified: Array<{ file: string; rule_name: string; threat: string | null; description: string }>
}

export const ENGINE_NAME = `airs-model-gate built-in engine ${VERSION}`

/** Findings that come from the policy rather than from one file's content: formats, licenses, location. */
function policyFindings(reports: FileReport[], policy: EnginePolicy, modelPath: string): Finding[] {
  const out: Finding[] = []
  const approved = new Set(policy.approvedFormats)
  for (const r of reports) {
    if (r.notModel) continue
    for (const format of r.formats) {
      if (approved.has(format)) continue
      out.push({
        rule: 'FORMAT',
        threat: 'UNAPPROVED_FORMATS',
        file: r.path,
        description: `Model file '${r.path}' is stored in an unapproved format: ${format}`
      })
    }
  }
  const declared = [...new Set(reports.flatMap((r) => r.licenses ?? []))]
  const where = reports.find((r) => r.licenseSource)?.path ?? 'README.md'
  if (declared.length === 0) {
    out.push({
      rule: 'LICENSE_EXISTS',
      file: where,
      description:
        'The model declares no license (no `license:` in the model card front matter, no recognisable LICENSE file)'
    })
    out.push({ rule: 'LICENSE_VALID', file: where, description: 'The model declares no license to validate' })
  } else {
    const ok = new Set(policy.approvedLicenses)
    const bad = declared.filter((l) => !ok.has(l))
    if (bad.length > 0 && !declared.some((l) => ok.has(l))) {
      out.push({
        rule: 'LICENSE_VALID',
        file: where,
        description: `The model's license ${bad.join(', ')} is not approved (approved: ${policy.approvedLicenses.join(', ') || 'none'})`
      })
    }
  }
  const location = modelPath.split('\\').join('/')
  if (!policy.approvedLocations.some((p) => location.startsWith(p))) {
    out.push({
      rule: 'LOCATION',
      file: location,
      description: `The model is not in an approved location (approved: ${policy.approvedLocations.join(', ') || 'none'})`
    })
  }
  return out
}

function inconclusiveMessage(files: ReadonlyMap<string, string[]>): string {
  const names = [...files.keys()].slice(0, 5).map((f) => f.slice(0, 100))
  const more = files.size > names.length ? ` and ${files.size - names.length} more` : ''
  const first = [...files.values()][0]![0]!
  return `Could not verify ${files.size} file${files.size === 1 ? '' : 's'} (${names.join(', ')}${more}): nothing in ${files.size === 1 ? 'it' : 'them'} was found harmful, but the engine could not read ${files.size === 1 ? 'it' : 'them'} to the end, and a file not verified never passes. First: ${first.slice(0, 400)}`.slice(
    0,
    1024
  )
}

/** Why a file could not be verified, without the "Could not be verified" the finding's description leads with. */
export function unverifiedWhy(description: string): string {
  const m = /^Could not be verified(?: \(member (.*?)\))?: /.exec(description)
  if (!m) return description
  const why = description.slice(m[0].length)
  return m[1] ? `in ${m[1]}: ${why}` : why
}

/** ScanFile's `error_message` (the spec's 1,024 characters): the reasons, most of them that fit. */
const ERROR_MESSAGE_MAX = 1024

export function engineScan(opts: {
  reports: FileReport[]
  policy: EnginePolicy
  modelUri: string
  modelPath: string
  started: Date
  finished: Date
}): EngineScan {
  const { policy, reports } = opts
  const { group, snapshot } = policyGroup(policy)
  const scanUuid = randomUUID()
  const findings = [...reports.flatMap((r) => r.findings), ...policyFindings(reports, policy, opts.modelPath)]
  const enabled = RULE_ORDER.filter((k) => policy.states[k] !== 'DISABLED')
  const evaluated = enabled.filter((k) => !NOT_EVALUATED.has(k))
  // what could not be verified is its own result, listed per file, never a rule's violation: a file the engine
  // could not read is neither clean nor harmful
  const unverifiedFindings = findings.filter((f) => f.unverified)
  const unverified = new Map<string, string[]>()
  for (const f of unverifiedFindings) {
    const list = unverified.get(f.file)
    if (list) list.push(unverifiedWhy(f.description))
    else unverified.set(f.file, [unverifiedWhy(f.description)])
  }
  const unverifiedRules = new Set(unverifiedFindings.map((f) => f.rule))
  const byRule = new Map<EngineRule, Finding[]>()
  for (const f of findings) {
    if (f.unverified) continue
    if (policy.states[f.rule] === 'DISABLED' || NOT_EVALUATED.has(f.rule)) continue
    // appended in place: copying the list per finding made a file of 30,000 findings take 44 s
    const list = byRule.get(f.rule)
    if (list) list.push(f)
    else byRule.set(f.rule, [f])
  }
  const created = opts.finished.toISOString()
  const evaluations: RuleEvaluation[] = evaluated.map((k) => ({
    uuid: randomUUID(),
    scan_uuid: scanUuid,
    // a rule with nothing found, whose check could not read every file, was not passed either
    result: byRule.has(k) ? 'FAILED' : unverifiedRules.has(k) ? 'ERROR' : 'PASSED',
    rule_instance_uuid: ruleInstanceUuid(policy, k),
    rule_name: ENGINE_RULES[k].name,
    rule_description: ENGINE_RULES[k].description,
    rule_instance_state: policy.states[k],
    violation_count: byRule.get(k)?.length ?? 0,
    rule_origin: 'PANW_MANAGED',
    created_at: created,
    updated_at: created
  }))
  const violations: Violation[] = [...byRule.entries()].flatMap(([k, list]) =>
    list.map((f) => {
      const rule = securityRule(k)
      return {
        uuid: randomUUID(),
        description: f.description,
        rule_instance_uuid: ruleInstanceUuid(policy, k),
        rule_name: rule.name,
        rule_description: rule.description,
        rule_instance_state: policy.states[k],
        file: f.file,
        module: f.module ?? null,
        operator: f.operator ?? null,
        threat: f.threat ?? null,
        threat_description: f.threat ? THREATS[f.threat] : null,
        remediation: { steps: [...(rule.remediation?.steps ?? [])], url: rule.remediation?.url ?? null },
        rule_origin: 'PANW_MANAGED',
        created_at: created,
        updated_at: created
      }
    })
  )
  const failed = evaluations.filter((e) => e.result === 'FAILED')
  const blocked = failed.some((e) => e.rule_instance_state === 'BLOCKING')
  // only findings of rules that count make a file failed
  const counted = [...byRule.values()].flat()
  const failedFiles = new Set(counted.map((f) => f.file))
  const blockingFiles = new Set(
    counted.filter((f) => policy.states[f.rule] === 'BLOCKING').map((f) => f.file)
  )
  // a file that could not be verified never passes, whatever the state of the rule its finding falls under:
  // when no BLOCKING rule failed, the scan ends in ERROR (the model was not verified) rather than ALLOWED
  const inconclusive = !blocked && unverified.size > 0
  const files: ScanFile[] = reports.map((r) => {
    const why = unverified.get(r.path)
    return {
      uuid: randomUUID(),
      path: r.path,
      type: 'FILE',
      // a finding that blocks comes first, then what could not be read (still listed in error_message when
      // both), then findings that only report
      result: blockingFiles.has(r.path)
        ? 'FAILED'
        : why
          ? 'ERROR'
          : failedFiles.has(r.path)
            ? 'FAILED'
            : skipped(r)
              ? 'SKIPPED'
              : 'SUCCESS',
      formats: r.formats.length ? r.formats : null,
      ...(why && { error_message: errorMessage(why) }),
      scan_uuid: scanUuid
    }
  })
  const scan: Scan = {
    uuid: scanUuid,
    eval_outcome: blocked ? 'BLOCKED' : inconclusive ? 'ERROR' : 'ALLOWED',
    ...(inconclusive && {
      error_code: 'SCAN_ERROR' as const,
      error_message: inconclusiveMessage(unverified)
    }),
    model_uri: opts.modelUri,
    security_group_uuid: group.uuid,
    security_group_name: group.name,
    source_type: 'LOCAL',
    created_at: opts.started.toISOString(),
    updated_at: created,
    time_started: opts.started.toISOString(),
    eval_summary: {
      rules_passed: evaluations.filter((e) => e.result === 'PASSED').length,
      rules_failed: failed.length,
      total_rules: evaluated.length
    },
    enabled_rule_count_snapshot: evaluated.length,
    labels: [],
    scanner_version: ENGINE_NAME,
    model_formats: [...new Set(reports.flatMap((r) => r.formats))].sort(),
    total_files_scanned: reports.filter((r) => !skipped(r)).length,
    total_files_skipped: reports.filter(skipped).length
  }
  return {
    scan,
    group,
    policy: snapshot,
    evaluations,
    violations,
    files,
    rules: [...byRule.keys()].map(securityRule),
    notEvaluated: enabled.filter((k) => NOT_EVALUATED.has(k)).map((k) => ENGINE_RULES[k].name),
    unverified: unverifiedFindings.map((f) => ({
      file: f.file,
      rule_name: ENGINE_RULES[f.rule].name,
      threat: f.threat ?? null,
      description: f.description
    }))
  }
}

/** A file the engine did not check: not a model file, and no format of its own (a companion or a template has one). */
const skipped = (r: FileReport): boolean => r.notModel === true && r.formats.length === 0

/** One file's reasons in the spec's 1,024 characters, counting those left out. */
function errorMessage(why: readonly string[]): string {
  let text = ''
  for (let i = 0; i < why.length; i++) {
    const next = `${text ? `${text}; ` : ''}${why[i]!.slice(0, 400)}`
    const rest = why.length - i - 1
    const tail = rest > 0 ? ` (and ${rest} more)` : ''
    if (next.length + tail.length > ERROR_MESSAGE_MAX) return `${text} (and ${why.length - i} more)`
    text = next
  }
  return text
}
