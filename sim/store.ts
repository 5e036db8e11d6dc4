import type { SimClock } from './clock.js'
import {
  evaluate,
  type Artifact,
  type EvaluationOut,
  type EvaluationResult,
  type FileOut,
  type PolicyInstance,
  type ViolationOut
} from './evaluate.js'
import {
  DEFAULT_GROUP_UUIDS,
  DIALOGPT,
  HISTORY_LOCAL_SCANS,
  LOCAL_RULE_INSTANCE_UUIDS,
  RULES,
  SOURCES,
  TENANT_CREATED,
  rulesForSource,
  type RuleJson
} from './fixtures.js'
import { isoMicro, newUuid, stableUuid } from './ids.js'
import { DEFAULT_SCENARIOS, scenarioContent, type Scenario } from './scenarios.js'

/** The simulated tenant: groups with versioned rule instances, rules, scans and their results. */

export const NIL_UUID = '00000000-0000-0000-0000-000000000000'

export interface RuleInstanceRec {
  uuid: string
  security_group_uuid: string
  security_rule_uuid: string
  state: string
  field_values: Record<string, unknown>
  created_at: string
  updated_at: string
}

export interface GroupRec {
  uuid: string
  name: string
  description: string
  source_type: string
  state: string
  is_tombstone: boolean
  created_at: string
  updated_at: string
  isDefault: boolean
  instances: RuleInstanceRec[]
  /** Snapshot history of the rule instances, oldest first. */
  history: Array<{ generation: number; timestamp: string; instances: RuleInstanceRec[] }>
}

/** What a scan found: a policy evaluation, or an error that stopped the scan. */
export type ScanResult = EvaluationResult | ErrorResult

export interface ErrorResult {
  outcome: 'ERROR'
  errorCode: string
  errorMessage: string
  evaluations: EvaluationOut[]
  violations: ViolationOut[]
  files: FileOut[]
  summary: null
  modelFormats: null
  filesScanned: null
  filesSkipped: null
}

export interface ScanRec {
  uuid: string
  model_uri: string
  owner: string
  scan_origin: string
  security_group_uuid: string
  security_group_name: string
  source_type: string
  created_at: string
  updated_at: string
  createdMs: number
  labels: Array<{ key: string; value: string }>
  eval_outcome: string
  model_version_uuid: string | null
  scanner_version: string | null
  sdk_version: string | null
  time_started: string | null
  enabled_rule_count_snapshot: number
  /** When the result becomes visible (virtual ms); undefined: by polls or never. */
  settleAtMs?: number
  settleAfterPolls?: number
  polls: number
  result?: ScanResult
  settled: boolean
}

export interface PyPIPackage {
  name: string
  version: string
  filename: string
  bytes: Buffer
}

export class Store {
  readonly groups = new Map<string, GroupRec>()
  readonly scans = new Map<string, ScanRec>()
  readonly evaluations = new Map<string, { scan: string; ev: EvaluationOut }>()
  readonly violations = new Map<string, { scan: string; v: ViolationOut }>()
  scenarios: Scenario[] = [...DEFAULT_SCENARIOS]
  /** How many scans each model URI has had (for scenarios that fail only the first times). */
  readonly uriScanCount = new Map<string, number>()
  readonly packages: PyPIPackage[] = []
  readonly rules: RuleJson[] = RULES

  constructor(
    private readonly clock: SimClock,
    readonly tsgId: string,
    private readonly settleMs: number
  ) {
    for (const source of SOURCES)
      this.createGroup(
        `Default ${source}`,
        source,
        `Auto-created default security group for ${source} models`,
        {},
        DEFAULT_GROUP_UUIDS[source],
        TENANT_CREATED,
        true
      )
    this.loadHistory()
  }

  ruleByUuid(uuid: string): RuleJson | undefined {
    return this.rules.find((r) => r.uuid === uuid)
  }

  // ---- groups and rule instances ----

  createGroup(
    name: string,
    source: string,
    description: string,
    config: Record<string, { state?: string | null; field_values?: Record<string, unknown> }>,
    uuid = newUuid(),
    at = isoMicro(this.clock.now()),
    isDefault = false
  ): GroupRec {
    const instances = rulesForSource(source).map((r): RuleInstanceRec => {
      const c = config[r.uuid]
      return {
        uuid:
          source === 'LOCAL' && isDefault
            ? (LOCAL_RULE_INSTANCE_UUIDS[r.name] ?? stableUuid(`${uuid}:${r.uuid}`))
            : stableUuid(`${uuid}:${r.uuid}`),
        security_group_uuid: uuid,
        security_rule_uuid: r.uuid,
        state: c?.state ?? r.default_state,
        field_values: { ...r.default_values, ...c?.field_values },
        created_at: at,
        updated_at: at
      }
    })
    const g: GroupRec = {
      uuid,
      name,
      description,
      source_type: source,
      state: 'ACTIVE',
      is_tombstone: false,
      created_at: at,
      updated_at: at,
      isDefault,
      instances,
      history: []
    }
    this.snapshot(g, at)
    this.groups.set(uuid, g)
    return g
  }

  /** Records the current rule instances as a new generation. */
  snapshot(g: GroupRec, at = isoMicro(this.clock.now())): void {
    const generation = (g.history.at(-1)?.generation ?? 1_700_000_000_000_000) + 1
    g.history.push({
      generation,
      timestamp: at,
      instances: g.instances.map((i) => ({ ...i, field_values: structuredClone(i.field_values) }))
    })
  }

  policyOf(instances: RuleInstanceRec[]): PolicyInstance[] {
    return instances.map((i) => ({
      uuid: i.uuid,
      state: i.state,
      rule: this.ruleByUuid(i.security_rule_uuid)!,
      field_values: i.field_values
    }))
  }

  // ---- scans ----

  /** Decides now what the scan will find; the result is revealed when it settles. */
  createScan(input: {
    modelUri: string
    group: GroupRec
    source: string
    origin: string
    owner: string
    labels: Array<{ key: string; value: string }>
    artifact?: Omit<Artifact, 'source' | 'modelUri'>
    scanDetails?: {
      error_code?: string | null
      error_message?: string | null
      scanner_version: string
      time_started: string
    }
    scenario?: Scenario
    allow?: string[] | null
    ignore?: string[] | null
    sdkVersion?: string | null
  }): ScanRec {
    const now = this.clock.now()
    const at = isoMicro(now)
    const count = (this.uriScanCount.get(input.modelUri) ?? 0) + 1
    this.uriScanCount.set(input.modelUri, count)
    const s = input.scenario
    const policy = this.policyOf(input.group.instances)
    let result: ScanResult
    if (s?.error && (s.error.times === undefined || count <= s.error.times)) {
      result = errorResult(s.error.code, s.error.message)
    } else if (input.scanDetails?.error_code) {
      result = errorResult(
        input.scanDetails.error_code,
        input.scanDetails.error_message ?? 'The scanner reported an error'
      )
    } else {
      const content =
        input.artifact ?? scenarioContent(s ?? { match: '*' }, input.modelUri, input.allow, input.ignore)
      result = evaluate({ source: input.source, modelUri: input.modelUri, ...content }, policy)
    }
    const rec: ScanRec = {
      uuid: newUuid(),
      model_uri: input.modelUri,
      owner: input.owner,
      scan_origin: input.origin,
      security_group_uuid: input.group.uuid,
      security_group_name: input.group.name,
      source_type: input.source,
      created_at: at,
      updated_at: at,
      createdMs: now,
      labels: input.labels,
      eval_outcome: 'PENDING',
      model_version_uuid: NIL_UUID,
      scanner_version:
        input.scanDetails?.scanner_version ?? (input.source === 'HUGGING_FACE' ? '1.6.3' : null),
      sdk_version: input.sdkVersion ?? null,
      time_started: input.scanDetails?.time_started ?? at,
      enabled_rule_count_snapshot: policy.filter((p) => p.state !== 'DISABLED').length,
      polls: 0,
      result,
      settled: false
    }
    if (s?.neverSettles) {
      // stays PENDING
    } else if (s?.settleAfterPolls !== undefined) {
      rec.settleAfterPolls = s.settleAfterPolls
    } else {
      rec.settleAtMs = now + (s?.settleOnCreate ? 0 : (s?.settleAfterMs ?? this.settleMs))
    }
    this.scans.set(rec.uuid, rec)
    this.settle(rec)
    return rec
  }

  /** Reveals the result once its time (or poll count) has come. */
  settle(scan: ScanRec): void {
    if (scan.settled || !scan.result) return
    const due =
      (scan.settleAtMs !== undefined && this.clock.now() >= scan.settleAtMs) ||
      (scan.settleAfterPolls !== undefined && scan.polls >= scan.settleAfterPolls)
    if (!due) return
    const r = scan.result
    scan.settled = true
    scan.eval_outcome = r.outcome
    scan.updated_at = isoMicro(scan.settleAtMs ?? this.clock.now())
    if (r.outcome !== 'ERROR')
      scan.model_version_uuid = stableUuid(
        `model-version:${scan.model_uri}:${r.files.map((f) => f.path).join(',')}`
      )
    for (const ev of r.evaluations) this.evaluations.set(ev.uuid, { scan: scan.uuid, ev })
    for (const v of r.violations) this.violations.set(v.uuid, { scan: scan.uuid, v })
  }

  settleAll(): void {
    for (const s of this.scans.values()) this.settle(s)
  }

  // ---- fixtures: the tenant's scan history ----

  private loadHistory(): void {
    const hf = this.groups.get(DEFAULT_GROUP_UUIDS.HUGGING_FACE)!
    const scenario = DEFAULT_SCENARIOS[0]!
    const content = scenarioContent(scenario, DIALOGPT.uri, null, null)
    const r = evaluate(
      { source: 'HUGGING_FACE', modelUri: DIALOGPT.uri, ...content },
      this.policyOf(hf.instances),
      {
        evaluation: (rule) => DIALOGPT.evaluationUuids[rule],
        violation: (file, fmt) => DIALOGPT.violationUuids[`${file}|${fmt}`]
      }
    )
    this.addSettled({
      uuid: DIALOGPT.scanUuid,
      uri: DIALOGPT.uri,
      group: hf,
      origin: 'HUGGING_FACE',
      createdAt: DIALOGPT.createdAt,
      updatedAt: DIALOGPT.updatedAt,
      result: r
    })
    const local = this.groups.get(DEFAULT_GROUP_UUIDS.LOCAL)!
    for (const h of HISTORY_LOCAL_SCANS) {
      const lr = evaluate(
        {
          source: 'LOCAL',
          modelUri: h.uri,
          files: [
            { path: 'config.json', formats: ['json'], status: 'SCANNED' },
            { path: 'model.safetensors', formats: ['safetensors'], status: 'SCANNED' }
          ],
          findings: []
        },
        this.policyOf(local.instances)
      )
      this.addSettled({
        uuid: h.uuid,
        uri: h.uri,
        group: local,
        origin: 'MODEL_SECURITY_SDK',
        createdAt: h.createdAt,
        updatedAt: h.createdAt,
        result: lr
      })
    }
  }

  private addSettled(h: {
    uuid: string
    uri: string
    group: GroupRec
    origin: string
    createdAt: string
    updatedAt: string
    result: ScanResult
  }) {
    const rec: ScanRec = {
      uuid: h.uuid,
      model_uri: h.uri,
      owner: 'sim-client@1234567890.iam.panserviceaccount.com',
      scan_origin: h.origin,
      security_group_uuid: h.group.uuid,
      security_group_name: h.group.name,
      source_type: h.group.source_type,
      created_at: h.createdAt,
      updated_at: h.createdAt,
      createdMs: Date.parse(h.createdAt),
      labels: [],
      eval_outcome: 'PENDING',
      model_version_uuid: NIL_UUID,
      scanner_version: h.origin === 'HUGGING_FACE' ? '1.6.3' : '1.1.2',
      sdk_version: null,
      time_started: h.createdAt,
      enabled_rule_count_snapshot: h.result.summary?.total_rules ?? 0,
      settleAtMs: Date.parse(h.updatedAt),
      polls: 0,
      result: h.result,
      settled: false
    }
    this.scans.set(rec.uuid, rec)
    this.settle(rec)
    rec.updated_at = h.updatedAt
  }
}

function errorResult(code: string, message: string): ErrorResult {
  return {
    outcome: 'ERROR',
    errorCode: code,
    errorMessage: message,
    evaluations: [],
    violations: [],
    files: [],
    summary: null,
    modelFormats: null,
    filesScanned: null,
    filesSkipped: null
  }
}
