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

function inconclusiveMessage(files: Set<string>, first: Finding): string {
  const names = [...files].slice(0, 5).map((f) => f.slice(0, 100))
  const more = files.size > names.length ? ` and ${files.size - names.length} more` : ''
  return `${files.size} file${files.size === 1 ? '' : 's'} could not be verified (${names.join(', ')}${more}); no rule that blocks covers ${files.size === 1 ? 'it' : 'them'}, but an unverified file never passes. First: ${first.description.slice(0, 400)}`.slice(
    0,
    1024
  )
}

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
  const byRule = new Map<EngineRule, Finding[]>()
  for (const f of findings) {
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
    result: byRule.has(k) ? 'FAILED' : 'PASSED',
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
  // a file that could not be verified never passes, whatever the state of the rule its finding falls under:
  // when no BLOCKING rule failed, the scan ends in ERROR (the model was not verified) rather than ALLOWED
  const unverifiedFindings = findings.filter((f) => f.unverified)
  const unverified = new Set(unverifiedFindings.map((f) => f.file))
  const inconclusive = !blocked && unverified.size > 0
  const files: ScanFile[] = reports.map((r) => ({
    uuid: randomUUID(),
    path: r.path,
    type: 'FILE',
    result: unverified.has(r.path)
      ? 'ERROR'
      : failedFiles.has(r.path)
        ? 'FAILED'
        : r.notModel
          ? 'SKIPPED'
          : 'SUCCESS',
    formats: r.formats.length ? r.formats : null,
    scan_uuid: scanUuid
  }))
  const scan: Scan = {
    uuid: scanUuid,
    eval_outcome: blocked ? 'BLOCKED' : inconclusive ? 'ERROR' : 'ALLOWED',
    ...(inconclusive && {
      error_code: 'SCAN_ERROR' as const,
      error_message: inconclusiveMessage(unverified, unverifiedFindings[0]!)
    }),
    model_uri: opts.modelUri,
    security_group_uuid: group.uuid,
    security_group_name: group.name,
    source_type: 'LOCAL',
    created_at: opts.started.toISOString(),
    updated_at: created,
    time_started: opts.started.toISOString(),
    eval_summary: {
      rules_passed: evaluated.length - failed.length,
      rules_failed: failed.length,
      total_rules: evaluated.length
    },
    enabled_rule_count_snapshot: evaluated.length,
    labels: [],
    scanner_version: ENGINE_NAME,
    model_formats: [...new Set(reports.flatMap((r) => r.formats))].sort(),
    total_files_scanned: reports.filter((r) => !r.notModel).length,
    total_files_skipped: reports.filter((r) => r.notModel).length
  }
  return {
    scan,
    group,
    policy: snapshot,
    evaluations,
    violations,
    files,
    rules: [...byRule.keys()].map(securityRule),
    notEvaluated: enabled.filter((k) => NOT_EVALUATED.has(k)).map((k) => ENGINE_RULES[k].name)
  }
}
