import type { SimClock } from './clock.js'
import {
  evaluate,
  type Artifact,
  type EvaluationOut,
  type EvaluationResult,
  type PolicyInstance,
  type ViolationOut
} from './evaluate.js'
import {
  DEFAULT_GROUP_CREATED,
  DEFAULT_GROUP_UUIDS,
  DIALOGPT,
  HISTORY_LOCAL_SCANS,
  LOCAL_RULE_INSTANCE_UUIDS,
  RULES,
  SOURCES,
  rulesForSource,
  type RuleJson
} from './fixtures.js'
import { isoMicro, newUuid, stableUuid } from './ids.js'
import {
  COMMIT,
  derivedCommit,
  fingerprintOf,
  formatsOf,
  hfRepo,
  modelUuid,
  versionUuid,
  type ModelRec,
  type ModelVersionRec,
  type VersionIdentity
} from './inventory.js'
import { DEFAULT_SCENARIOS, matches, scenarioContent, type Scenario } from './scenarios.js'

/** The simulated tenant: groups with versioned rule instances, rules, scans and their results. */

export const NIL_UUID = '00000000-0000-0000-0000-000000000000'

export interface StoreOptions {
  /** Default time from creation to outcome, in virtual ms. */
  settleMs: number
  /**
   * How list totals are reported: exactly; never (`total_items: null`, which the spec allows); or, for the
   * scan list, capped at `scanCountCap` with `count_capped: true`.
   */
  listTotals: 'exact' | 'unknown' | 'capped'
  scanCountCap: number
}

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
  /** Rule instances, listed by rule name. */
  instances: RuleInstanceRec[]
  /** Snapshot history of the rule instances, oldest first. */
  history: Array<{ generation: number; timestamp: string; instances: RuleInstanceRec[] }>
}

/** What a scan found: a policy evaluation, possibly ended by an error (then usually without results). */
export type ScanResult = Omit<
  EvaluationResult,
  'outcome' | 'summary' | 'modelFormats' | 'filesScanned' | 'filesSkipped'
> & {
  outcome: 'ALLOWED' | 'BLOCKED' | 'ERROR'
  errorCode?: string
  errorMessage?: string
  summary: EvaluationResult['summary'] | null
  modelFormats: string[] | null
  filesScanned: number | null
  filesSkipped: number | null
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
  /** The all-zero placeholder while PENDING or after an ERROR; `versionUuid` once settled with a result. */
  model_version_uuid: string | null
  /** The model version the scan is of (decided when it is created). */
  versionUuid: string
  scanner_version: string | null
  sdk_version: string | null
  time_started: string | null
  enabled_rule_count_snapshot: number
  /** When the result becomes visible (virtual ms); undefined: by polls or never. */
  settleAtMs?: number
  settleAfterPolls?: number
  polls: number
  result: ScanResult
  settled: boolean
}

export interface PyPIPackage {
  name: string
  version: string
  filename: string
  bytes: Buffer
}

/** What a local or object-storage scanner uploads with the create request (`ScanDetails`). */
export interface UploadedDetails {
  scanner_version: string
  time_started: string
  total_files_scanned: number
  total_files_skipped: number
  model_formats: string[]
  error_code?: string | null
  error_message?: string | null
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
  readonly models = new Map<string, ModelRec>()
  readonly modelVersions = new Map<string, ModelVersionRec>()
  /** Hub commits a test set (`org/model@revision` → sha): they win over scenarios' `commits`. */
  readonly hubCommits = new Map<string, string>()

  constructor(
    private readonly clock: SimClock,
    readonly tsgId: string,
    readonly options: StoreOptions
  ) {
    for (const source of SOURCES) {
      const description = `Auto-created default security group for ${source} models`
      this.createGroup(
        `Default ${source}`,
        source,
        description,
        {},
        DEFAULT_GROUP_UUIDS[source],
        DEFAULT_GROUP_CREATED[source],
        true
      )
    }
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
    const instances = rulesForSource(source)
      .map((r): RuleInstanceRec => {
        const c = config[r.uuid]
        const observed = source === 'LOCAL' && isDefault ? LOCAL_RULE_INSTANCE_UUIDS[r.name] : undefined
        return {
          uuid: observed ?? stableUuid(`${uuid}:${r.uuid}`),
          security_group_uuid: uuid,
          security_rule_uuid: r.uuid,
          state: c?.state ?? r.default_state,
          field_values: { ...r.default_values, ...c?.field_values },
          created_at: at,
          updated_at: at
        }
      })
      .sort((a, b) =>
        this.ruleByUuid(a.security_rule_uuid)!.name.localeCompare(this.ruleByUuid(b.security_rule_uuid)!.name)
      )
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

  /** A group's rule instances with their rules, in the order the service evaluates them. */
  policyOf(g: GroupRec): PolicyInstance[] {
    const order = rulesForSource(g.source_type).map((r) => r.uuid)
    return [...g.instances]
      .sort((a, b) => order.indexOf(a.security_rule_uuid) - order.indexOf(b.security_rule_uuid))
      .map((i) => ({
        uuid: i.uuid,
        state: i.state,
        rule: this.ruleByUuid(i.security_rule_uuid)!,
        field_values: i.field_values
      }))
  }

  // ---- scans ----

  /** Decides now what the scan will find (against the group's policy of this moment); reveals it when it settles. */
  createScan(input: {
    modelUri: string
    group: GroupRec
    source: string
    origin: string
    owner: string
    labels: Array<{ key: string; value: string }>
    artifact?: Omit<Artifact, 'source' | 'modelUri'>
    uploaded?: UploadedDetails
    scenario?: Scenario
    allow?: string[] | null
    ignore?: string[] | null
    /** `model_version` of the request: the Hugging Face revision (branch, tag or commit) to scan. */
    modelVersion?: string | null
    modelName?: string | null
  }): ScanRec {
    const now = this.clock.now()
    const at = isoMicro(now)
    const count = (this.uriScanCount.get(input.modelUri) ?? 0) + 1
    this.uriScanCount.set(input.modelUri, count)
    const s = input.scenario
    const policy = this.policyOf(input.group)
    const content =
      input.artifact ?? scenarioContent(s ?? { match: '*' }, input.modelUri, input.allow, input.ignore)
    const evaluated: ScanResult = evaluate(
      { source: input.source, modelUri: input.modelUri, ...content },
      policy,
      {
        erroredRules: s?.ruleErrors
      }
    )
    const up = input.uploaded
    if (up) {
      // the service keeps what the scanner reported about the files
      evaluated.filesScanned = up.total_files_scanned
      evaluated.filesSkipped = up.total_files_skipped
      evaluated.modelFormats = up.model_formats
    }
    const version = this.versionFor(
      this.identify(input.modelUri, input.source, content.files, {
        scenario: s,
        modelVersion: input.modelVersion,
        modelName: input.modelName,
        formats: up?.model_formats,
        metadata: input.artifact ? undefined : content.metadata
      }),
      at
    )
    let result = evaluated
    if (s?.error && (s.error.times === undefined || count <= s.error.times)) {
      result = errorResult(s.error.code, s.error.message, s.error.keepResults ? evaluated : undefined)
    } else if (up?.error_code) {
      result = errorResult(up.error_code, up.error_message ?? 'The scanner reported an error')
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
      versionUuid: version.uuid,
      scanner_version: up?.scanner_version ?? (input.source === 'HUGGING_FACE' ? '1.6.3' : null),
      sdk_version: null,
      time_started: up?.time_started ?? at,
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
      rec.settleAtMs = now + (s?.settleOnCreate ? 0 : (s?.settleAfterMs ?? this.options.settleMs))
    }
    this.scans.set(rec.uuid, rec)
    this.settle(rec)
    return rec
  }

  /** Reveals the result once its time (or poll count) has come; `stamp` fixes the scan's `updated_at`. */
  settle(scan: ScanRec, at = scan.settleAtMs ?? this.clock.now(), stamp?: string): void {
    if (scan.settled) return
    const due =
      (scan.settleAtMs !== undefined && this.clock.now() >= scan.settleAtMs) ||
      (scan.settleAfterPolls !== undefined && scan.polls >= scan.settleAfterPolls)
    if (!due) return
    const r = scan.result
    scan.settled = true
    scan.eval_outcome = r.outcome
    // evaluations are written last rule first: newest-first (the default order) lists them as evaluated
    for (const ev of [...r.evaluations].reverse()) ev.created_at = isoMicro(at)
    scan.updated_at = stamp ?? isoMicro(at)
    // the link to the model version appears with the result; an ERROR keeps the placeholder
    if (r.outcome !== 'ERROR') scan.model_version_uuid = scan.versionUuid
    this.recordInVersion(scan, at)
    for (const ev of r.evaluations) this.evaluations.set(ev.uuid, { scan: scan.uuid, ev })
    for (const v of r.violations) this.violations.set(v.uuid, { scan: scan.uuid, v })
  }

  settleAll(): void {
    for (const s of this.scans.values()) this.settle(s)
  }

  // ---- the model inventory ----

  /** The commit a Hugging Face revision points to now: a test's, the scenario's, or a derived one. */
  hubCommit(repo: string, revision: string, scenario?: Scenario): string {
    if (COMMIT.test(revision.toLowerCase())) return revision.toLowerCase()
    const pinned = this.hubCommits.get(`${repo}@${revision}`)
    if (pinned) return pinned
    const s = scenario ?? this.scenarios.find((x) => matches(x, `https://huggingface.co/${repo}`))
    const fromScenario = s?.commits?.[revision]
    return fromScenario && COMMIT.test(fromScenario) ? fromScenario : derivedCommit(repo, revision)
  }

  /** What a scan of these files is of: model, revision (and commit) and fingerprint. */
  identify(
    uri: string,
    source: string,
    files: Artifact['files'],
    o: {
      scenario?: Scenario
      modelVersion?: string | null
      modelName?: string | null
      formats?: string[]
      metadata?: Artifact['metadata']
    } = {}
  ): VersionIdentity {
    const fingerprint = fingerprintOf(files)
    const formats = o.formats ?? formatsOf(files)
    if (source === 'HUGGING_FACE') {
      const repo = hfRepo(uri)
      const revision = o.modelVersion || 'main'
      const [org, model] = repo.split('/')
      return {
        source,
        modelKey: repo,
        modelName: repo,
        revision: COMMIT.test(revision.toLowerCase()) ? revision.toLowerCase() : revision,
        commit: this.hubCommit(repo, revision, o.scenario),
        fingerprint,
        formats,
        hf: {
          organization: o.metadata?.organization ?? org ?? null,
          model: o.metadata?.model ?? model ?? null,
          license: o.metadata ? (o.metadata.license ?? null) : null
        }
      }
    }
    // other sources: the version the scanner was told (`--model-version`), or the content itself
    return {
      source,
      modelKey: uri,
      modelName: (o.modelName || uri).slice(0, 256),
      revision: o.modelVersion || fingerprint,
      commit: null,
      fingerprint,
      formats,
      hf: null
    }
  }

  /** Finds or creates the model and the model version a scan is of. */
  versionFor(id: VersionIdentity, at: string): ModelVersionRec {
    const mid = modelUuid(this.tsgId, id)
    let model = this.models.get(mid)
    if (!model) {
      model = {
        uuid: mid,
        name: id.modelName,
        source_type: id.source,
        created_at: at,
        updated_at: at,
        versions: []
      }
      this.models.set(mid, model)
    }
    const vid = versionUuid(mid, id)
    let v = this.modelVersions.get(vid)
    if (!v) {
      v = {
        uuid: vid,
        model_uuid: mid,
        revision: id.revision,
        created_at: at,
        updated_at: at,
        hf_commit_sha: id.commit,
        hf_organization: id.hf?.organization ?? null,
        hf_model_name: id.hf?.model ?? null,
        license: id.hf?.license ?? null,
        fingerprint: id.fingerprint,
        model_formats: id.formats,
        source_types: [id.source],
        last_eval_outcome: 'PENDING',
        last_eval_summary: null,
        latest_scan_time: null,
        file_count: null
      }
      this.modelVersions.set(vid, v)
      model.versions.push(vid)
      model.updated_at = later(model.updated_at, at)
    }
    return v
  }

  /** A settled scan becomes its version's latest evaluation (unless a later one is already recorded). */
  private recordInVersion(scan: ScanRec, at: number): void {
    const v = this.modelVersions.get(scan.versionUuid)
    if (!v) return
    const r = scan.result
    if (v.latestScanMs === undefined || at >= v.latestScanMs) {
      v.latestScanMs = at
      v.latest_scan_time = scan.updated_at
      v.last_eval_outcome = r.outcome
      v.last_eval_summary = r.summary
    }
    if (r.outcome !== 'ERROR' && (v.filesScanMs === undefined || at >= v.filesScanMs)) {
      v.filesScanMs = at
      v.filesScan = scan.uuid
      v.file_count = r.files.filter((f) => f.type === 'FILE').length
    }
    v.updated_at = later(v.updated_at, scan.updated_at)
    const model = this.models.get(v.model_uuid)!
    model.updated_at = later(model.updated_at, scan.updated_at)
  }

  // ---- fixtures: the tenant's scan history ----

  private loadHistory(): void {
    const hf = this.groups.get(DEFAULT_GROUP_UUIDS.HUGGING_FACE)!
    const content = scenarioContent(DEFAULT_SCENARIOS[0]!, DIALOGPT.uri, null, null)
    const r = evaluate({ source: 'HUGGING_FACE', modelUri: DIALOGPT.uri, ...content }, this.policyOf(hf), {
      evaluationId: (rule) => DIALOGPT.evaluationUuids[rule],
      violationId: (file, fmt) => DIALOGPT.violationUuids[`${file}|${fmt}`]
    })
    this.addSettled(
      DIALOGPT.scanUuid,
      DIALOGPT.uri,
      hf,
      'HUGGING_FACE',
      DIALOGPT.createdAt,
      DIALOGPT.updatedAt,
      r,
      this.identify(DIALOGPT.uri, 'HUGGING_FACE', content.files, { metadata: content.metadata })
    )
    const local = this.groups.get(DEFAULT_GROUP_UUIDS.LOCAL)!
    for (const h of HISTORY_LOCAL_SCANS) {
      const files = [
        { path: 'config.json', formats: ['json'], status: 'SCANNED' as const },
        { path: 'model.safetensors', formats: ['safetensors'], status: 'SCANNED' as const }
      ]
      const lr = evaluate({ source: 'LOCAL', modelUri: h.uri, files, findings: [] }, this.policyOf(local))
      const id = this.identify(h.uri, 'LOCAL', files)
      this.addSettled(h.uuid, h.uri, local, 'MODEL_SECURITY_SDK', h.createdAt, h.createdAt, lr, id)
    }
  }

  private addSettled(
    uuid: string,
    uri: string,
    group: GroupRec,
    origin: string,
    createdAt: string,
    updatedAt: string,
    result: ScanResult,
    id: VersionIdentity
  ) {
    const rec: ScanRec = {
      uuid,
      model_uri: uri,
      owner: `sim-client@${this.tsgId}.iam.panserviceaccount.com`,
      scan_origin: origin,
      security_group_uuid: group.uuid,
      security_group_name: group.name,
      source_type: group.source_type,
      created_at: createdAt,
      updated_at: createdAt,
      createdMs: Date.parse(createdAt),
      labels: [],
      eval_outcome: 'PENDING',
      model_version_uuid: NIL_UUID,
      versionUuid: this.versionFor(id, createdAt).uuid,
      scanner_version: origin === 'HUGGING_FACE' ? '1.6.3' : '1.1.2',
      sdk_version: null,
      time_started: createdAt,
      enabled_rule_count_snapshot: result.summary?.total_rules ?? 0,
      settleAtMs: Date.parse(updatedAt),
      polls: 0,
      result,
      settled: false
    }
    this.scans.set(rec.uuid, rec)
    this.settle(rec, Date.parse(updatedAt), updatedAt)
  }
}

/** The later of two service timestamps (same format, so they compare as text). */
const later = (a: string, b: string): string => (b > a ? b : a)

/** An ERROR outcome: without results, or (`partial`) with what the scan had evaluated before it failed. */
function errorResult(code: string, message: string, partial?: ScanResult): ScanResult {
  return {
    evaluations: [],
    violations: [],
    files: [],
    summary: null,
    modelFormats: null,
    filesScanned: null,
    filesSkipped: null,
    ...partial,
    outcome: 'ERROR',
    errorCode: code,
    errorMessage: message
  }
}
