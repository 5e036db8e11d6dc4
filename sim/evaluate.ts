import { RULE, THREAT_DESCRIPTIONS, ruleForThreat, threatKbUrl, type RuleJson } from './fixtures.js'
import { newUuid, sha1Hex } from './ids.js'

/**
 * Policy evaluation as the service performs it: one evaluation per enabled rule instance of the group
 * (snapshotted when the scan was created), a violation per finding, and the outcome BLOCKED exactly when a
 * FAILED evaluation belongs to a BLOCKING instance. ALLOWING rules fail without blocking.
 */

export interface ArtifactFile {
  path: string
  formats: string[] | null
  status: 'SCANNED' | 'SKIPPED' | 'ERROR'
  sha256?: string | null
  blobId?: string | null
}

export interface Finding {
  file: string | null
  description: string
  threat?: string | null
  /** Rule the finding belongs to; derived from the threat code when absent. */
  rule?: string
  module?: string | null
  operator?: string | null
}

export interface ModelMetadata {
  organization?: string
  model?: string
  license?: string | null
  orgVerified?: boolean
}

export interface Artifact {
  source: string
  modelUri: string
  files: ArtifactFile[]
  findings: Finding[]
  metadata?: ModelMetadata
}

export interface PolicyInstance {
  uuid: string
  state: string
  rule: RuleJson
  field_values: Record<string, unknown>
}

export interface EvaluationOut {
  uuid: string
  rule_instance_uuid: string
  rule_name: string
  rule_description: string
  rule_instance_state: string
  result: 'PASSED' | 'FAILED' | 'ERROR'
  violation_count: number
  /** Set when the scan settles. */
  created_at?: string
}

export interface ViolationOut {
  uuid: string
  rule_instance_uuid: string
  rule_name: string
  rule_description: string
  rule_instance_state: string
  description: string
  file: string | null
  hash: string | null
  module: string | null
  operator: string | null
  threat: string | null
  threat_description: string | null
  threat_kb_url: string | null
  insights_url: string | null
  remediation: { steps: string[]; url: string | null } | null
}

export interface FileOut {
  uuid: string
  path: string
  parent_path: string
  type: 'FILE' | 'DIRECTORY'
  result: 'SUCCESS' | 'SKIPPED' | 'ERROR' | 'FAILED'
  formats: string[] | null
  blob_id: string | null
}

export interface EvaluationResult {
  outcome: 'ALLOWED' | 'BLOCKED'
  evaluations: EvaluationOut[]
  violations: ViolationOut[]
  files: FileOut[]
  summary: { rules_passed: number; rules_failed: number; total_rules: number }
  modelFormats: string[]
  filesScanned: number
  filesSkipped: number
}

export interface EvaluateOptions {
  /** Fixed identifiers (the canonical fixture's). */
  evaluationId?: (ruleName: string) => string | undefined
  violationId?: (file: string | null, detail: string) => string | undefined
  /** Rules whose evaluation fails with ERROR instead of running. */
  erroredRules?: readonly string[]
}

const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []

/** Directory part of a relative path: `/` for the root, `onnx` for `onnx/model.onnx`. */
export function parentOf(path: string): string {
  const i = path.lastIndexOf('/')
  return i <= 0 ? '/' : path.slice(0, i)
}

export function evaluate(
  artifact: Artifact,
  policy: PolicyInstance[],
  opts: EvaluateOptions = {}
): EvaluationResult {
  const violations: ViolationOut[] = []
  const evaluations: EvaluationOut[] = []
  const failedFiles = new Set<string>()
  const scanned = artifact.files.filter((f) => f.status === 'SCANNED')

  for (const inst of policy) {
    if (inst.state === 'DISABLED') continue
    const r = inst.rule
    type Found = Omit<
      ViolationOut,
      'uuid' | 'rule_instance_uuid' | 'rule_name' | 'rule_description' | 'rule_instance_state'
    >
    const found: Array<{ v: Found; detail: string }> = []
    const add = (f: Finding, detail: string) => {
      const threat = f.threat ?? null
      found.push({
        detail,
        v: {
          description: f.description,
          file: f.file,
          hash: f.file ? sha1Hex(`${artifact.modelUri}|${f.file}|${detail}`) : null,
          module: f.module ?? null,
          operator: f.operator ?? null,
          threat,
          threat_description: threat ? (THREAT_DESCRIPTIONS[threat] ?? null) : null,
          threat_kb_url: threat ? threatKbUrl(threat) : null,
          insights_url:
            artifact.source === 'HUGGING_FACE' && artifact.metadata?.organization
              ? `https://protectai.com/insights/models/${artifact.metadata.organization}/${artifact.metadata.model ?? ''}`
              : null,
          remediation: { steps: r.remediation.steps, url: r.remediation.url }
        }
      })
    }
    const meta = artifact.metadata ?? {}
    switch (r.name) {
      case RULE.approvedFormat: {
        const approved = new Set(
          list(inst.field_values.approved_formats ?? r.default_values.approved_formats)
        )
        for (const f of scanned)
          for (const fmt of f.formats ?? [])
            if (!approved.has(fmt) && fmt !== 'not_model')
              add(
                {
                  file: f.path,
                  description: `Model file '${f.path}' is stored in an unapproved format: ${fmt}`,
                  threat: 'UNAPPROVED_FORMATS'
                },
                fmt
              )
        break
      }
      case RULE.licenseExists:
        if (!meta.license) add({ file: null, description: 'The model does not declare a license' }, 'license')
        break
      case RULE.licenseValid: {
        const approved = list(inst.field_values.approved_licenses ?? r.default_values.approved_licenses)
        if (meta.license && !approved.includes(meta.license))
          add(
            { file: null, description: `The model's license '${meta.license}' is not approved for use` },
            'license'
          )
        break
      }
      case RULE.modelBlocked: {
        const id = `${meta.organization ?? ''}/${meta.model ?? ''}`
        if (list(inst.field_values.denied_org_models).includes(id))
          add({ file: null, description: `The model '${id}' is blocked by the security group` }, 'model')
        break
      }
      case RULE.orgBlocked:
        if (meta.organization && list(inst.field_values.deny_orgs).includes(meta.organization))
          add(
            {
              file: null,
              description: `The organization '${meta.organization}' is blocked by the security group`
            },
            'org'
          )
        break
      case RULE.orgVerified:
        if (meta.orgVerified === false)
          add(
            {
              file: null,
              description: `The organization '${meta.organization ?? ''}' is not verified by Hugging Face`
            },
            'verified'
          )
        break
      case RULE.approvedLocation: {
        const approved = list(inst.field_values.approved_locations ?? r.default_values.approved_locations)
        const scheme = /^([a-z0-9]+):\/\//i.exec(artifact.modelUri)?.[1]?.toLowerCase()
        const ok = approved.some((p) =>
          scheme ? p === scheme || artifact.modelUri.startsWith(p) : artifact.modelUri.startsWith(p)
        )
        if (!ok)
          add(
            {
              file: null,
              description: `The model location '${artifact.modelUri}' is not an approved location`
            },
            'location'
          )
        break
      }
      default:
        break
    }
    for (const f of artifact.findings) {
      if ((f.rule ?? ruleForThreat(f.threat)) === r.name)
        add(f, `${f.threat ?? ''}|${f.operator ?? ''}|${f.description}`)
    }

    // a rule that could not run reports ERROR and no findings
    const errored = opts.erroredRules?.includes(r.name) ?? false
    if (errored) found.length = 0
    const evUuid = opts.evaluationId?.(r.name) ?? newUuid()
    for (const { v, detail } of found) {
      if (v.file) failedFiles.add(v.file)
      violations.push({
        uuid: opts.violationId?.(v.file, detail) ?? newUuid(),
        rule_instance_uuid: inst.uuid,
        rule_name: r.name,
        rule_description: r.description,
        rule_instance_state: inst.state,
        ...v
      })
    }
    evaluations.push({
      uuid: evUuid,
      rule_instance_uuid: inst.uuid,
      rule_name: r.name,
      rule_description: r.description,
      rule_instance_state: inst.state,
      result: errored ? 'ERROR' : found.length > 0 ? 'FAILED' : 'PASSED',
      violation_count: found.length
    })
  }

  const files = fileTree(artifact.files, failedFiles)
  const failed = evaluations.filter((e) => e.result === 'FAILED')
  return {
    outcome: failed.some((e) => e.rule_instance_state === 'BLOCKING') ? 'BLOCKED' : 'ALLOWED',
    evaluations,
    violations,
    files,
    summary: {
      rules_passed: evaluations.filter((e) => e.result === 'PASSED').length,
      rules_failed: failed.length,
      total_rules: evaluations.length
    },
    modelFormats: [...new Set(scanned.flatMap((f) => f.formats ?? []).filter((f) => f !== 'not_model'))],
    filesScanned: scanned.length,
    filesSkipped: artifact.files.length - scanned.length
  }
}

/** File entries plus a DIRECTORY entry for every folder on the way. */
function fileTree(files: ArtifactFile[], failed: Set<string>): FileOut[] {
  const out: FileOut[] = []
  const dirs = new Map<string, FileOut>()
  for (const f of files) {
    const result: FileOut['result'] =
      f.status === 'ERROR'
        ? 'ERROR'
        : f.status === 'SKIPPED'
          ? 'SKIPPED'
          : failed.has(f.path)
            ? 'FAILED'
            : 'SUCCESS'
    out.push({
      uuid: newUuid(),
      path: f.path,
      parent_path: parentOf(f.path),
      type: 'FILE',
      result,
      formats: f.formats,
      blob_id: f.blobId ?? null
    })
    for (let dir = parentOf(f.path); dir !== '/'; dir = parentOf(dir)) {
      const d = dirs.get(dir)
      if (!d) {
        dirs.set(dir, {
          uuid: newUuid(),
          path: dir,
          parent_path: parentOf(dir),
          type: 'DIRECTORY',
          result,
          formats: null,
          blob_id: null
        })
      } else if (result === 'FAILED' || (result === 'ERROR' && d.result !== 'FAILED')) {
        d.result = result
      } else if (result === 'SUCCESS' && d.result === 'SKIPPED') {
        d.result = 'SUCCESS'
      }
    }
  }
  return [...dirs.values(), ...out]
}
