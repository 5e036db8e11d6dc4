import { parentOf, type Artifact, type ArtifactFile, type Finding } from '../evaluate.js'
import { canonicalUuid, parseTime } from '../openapi.js'
import { parseLabelsQuery, LabelsQueryError } from '../labels-query.js'
import { HttpError, page, str, strs, type Handler, type HandlerCtx } from '../reply.js'
import { matches } from '../scenarios.js'
import type { ScanRec, Store } from '../store.js'

/** Data plane: scans, evaluations, violations, files, labels. */

const HF_URI = /^https:\/\/huggingface\.co\/[^/\s]+\/[^/\s]+(\/.*)?$/

/** The source the service derives from a model URI. */
export function sourceOf(uri: string): string {
  if (/^https?:\/\/(www\.)?huggingface\.co\//i.test(uri)) return 'HUGGING_FACE'
  if (/^s3:\/\//i.test(uri)) return 'S3'
  if (/^gs:\/\//i.test(uri)) return 'GCS'
  if (/^https:\/\/[^/]+\.blob\.core\.windows\.net\//i.test(uri) || /^az:\/\//i.test(uri)) return 'AZURE'
  if (/^https?:\/\/[^/]*jfrog\.io\//i.test(uri) || /^https?:\/\/[^/]+\/artifactory\//i.test(uri))
    return 'ARTIFACTORY'
  if (/^https?:\/\/[^/]+\/.*\/-\/ml\/models\//i.test(uri)) return 'GITLAB'
  return 'LOCAL'
}

export function scanJson(s: ScanRec, tsg: string) {
  const r = s.settled ? s.result : undefined
  return {
    uuid: s.uuid,
    tsg_id: tsg,
    created_at: s.created_at,
    updated_at: s.updated_at,
    model_uri: s.model_uri,
    owner: s.owner,
    scan_origin: s.scan_origin,
    security_group_uuid: s.security_group_uuid,
    security_group_name: s.security_group_name,
    eval_outcome: s.eval_outcome,
    source_type: s.source_type,
    created_by: null,
    enabled_rule_count_snapshot: s.enabled_rule_count_snapshot,
    error_code: r?.outcome === 'ERROR' ? r.errorCode : null,
    error_message: r?.outcome === 'ERROR' ? r.errorMessage : null,
    eval_summary: r?.summary ?? null,
    labels: s.labels,
    model_formats: r?.modelFormats ?? null,
    model_version_uuid: s.model_version_uuid,
    scanner_version: s.scanner_version,
    sdk_version: s.sdk_version,
    time_started: s.time_started,
    total_files_scanned: r?.filesScanned ?? null,
    total_files_skipped: r?.filesSkipped ?? null
  }
}

function findScan(store: Store, id: unknown): ScanRec {
  const s = store.scans.get(String(id).toLowerCase())
  if (!s) throw new HttpError(404, 'NOT_FOUND', `Scan ${String(id)} not found`)
  store.settle(s)
  return s
}

function common(c: HandlerCtx, s: ScanRec) {
  return { tsg_id: c.store.tsgId, created_at: s.updated_at, updated_at: s.updated_at }
}

function dedupeLabels(labels: Array<{ key: string; value: string }>): Array<{ key: string; value: string }> {
  const m = new Map<string, string>()
  for (const l of labels) m.set(l.key, l.value)
  return [...m].map(([key, value]) => ({ key, value }))
}

interface CreateBody {
  model_uri: string
  security_group_uuid: string
  scan_origin?: string | null
  model_name?: string | null
  model_version?: string | null
  allow_patterns?: string[] | null
  ignore_patterns?: string[] | null
  labels?: Array<{ key: string; value: string }> | null
  scan_details?: {
    scanner_version: string
    time_started: string
    total_files_scanned: number
    total_files_skipped: number
    model_formats: string[]
    files: Array<{
      file_path: string
      blob_id: string
      modelscan_status: 'SCANNED' | 'SKIPPED' | 'ERROR'
      sha256?: string | null
      formats?: string[] | null
      issues_detected?: Array<{
        description: string
        source: string
        threat?: string | null
        module?: string | null
        operator?: string | null
      }> | null
    }>
    error_code?: string | null
    error_message?: string | null
  } | null
}

const createScan: Handler = (c) => {
  const b = c.body as CreateBody
  const groupId = canonicalUuid(b.security_group_uuid)
  const group = c.store.groups.get(groupId)
  if (!group) throw new HttpError(404, 'NOT_FOUND', `Security group ${groupId} not found`)
  if (group.is_tombstone) throw new HttpError(400, 'BAD_REQUEST', 'Security group has been deleted')
  if (group.state !== 'ACTIVE') throw new HttpError(400, 'BAD_REQUEST', 'Security group is not active yet')
  const uri = b.model_uri.trim()
  if (uri === '') throw new HttpError(400, 'BAD_REQUEST', 'model_uri is empty')
  const source = sourceOf(uri)
  if (source === 'HUGGING_FACE' && !HF_URI.test(uri)) {
    throw new HttpError(
      400,
      'BAD_REQUEST',
      'Invalid Hugging Face model URI: expected https://huggingface.co/<organization>/<model>'
    )
  }
  if (group.source_type !== source)
    throw new HttpError(400, 'BAD_REQUEST', 'Security group source type mismatch')
  const overlap = (b.allow_patterns ?? []).filter((p) => (b.ignore_patterns ?? []).includes(p))
  if (overlap.length > 0) {
    throw new HttpError(
      400,
      'BAD_REQUEST',
      `allow_patterns and ignore_patterns overlap: ${overlap.join(', ')}`
    )
  }

  // Hugging Face repositories are scanned by the service; other sources upload what a local scanner found.
  // (Whether the service takes uploaded results for Hugging Face too is not documented; they are used if sent.)
  const d = b.scan_details
  if (source !== 'HUGGING_FACE' && (!d || (d.files.length === 0 && !d.error_code))) {
    throw new HttpError(400, 'BAD_REQUEST', 'No files to scan')
  }
  const artifact: Omit<Artifact, 'source' | 'modelUri'> | undefined = d
    ? {
        files: d.files.map((f): ArtifactFile => ({
          path: f.file_path,
          formats: f.formats ?? null,
          status: f.modelscan_status,
          sha256: f.sha256,
          blobId: f.blob_id
        })),
        findings: d.files.flatMap((f) =>
          (f.issues_detected ?? []).map((i): Finding => ({
            file: f.file_path,
            description: i.description,
            threat: i.threat ?? null,
            module: i.module ?? null,
            operator: i.operator ?? null
          }))
        )
      }
    : undefined
  const rec = c.store.createScan({
    modelUri: uri,
    group,
    source,
    origin: b.scan_origin ?? (source === 'HUGGING_FACE' && !d ? 'HUGGING_FACE' : 'MODEL_SECURITY_SDK'),
    owner: c.clientId,
    labels: dedupeLabels(b.labels ?? []),
    artifact,
    uploaded: d ?? undefined,
    scenario: c.store.scenarios.find((s) => matches(s, uri)),
    allow: b.allow_patterns,
    ignore: b.ignore_patterns,
    modelVersion: b.model_version,
    modelName: b.model_name
  })
  return { status: 201, body: scanJson(rec, c.store.tsgId) }
}

const getScan: Handler = (c) => {
  const s = c.store.scans.get(String(c.path.uuid).toLowerCase())
  if (!s) throw new HttpError(404, 'NOT_FOUND', `Scan ${String(c.path.uuid)} not found`)
  s.polls++
  c.store.settle(s)
  return { status: 200, body: scanJson(s, c.store.tsgId) }
}

const listScans: Handler = (c) => {
  const q = c.query
  const start = str(q.start_time)
  const end = str(q.end_time)
  if ((start === undefined) !== (end === undefined))
    throw new HttpError(400, 'BAD_REQUEST', 'Both start_time and end_time must be specified')
  let predicate: ((l: Array<{ key: string; value: string }>) => boolean) | undefined
  if (str(q.labels_query)) {
    try {
      predicate = parseLabelsQuery(str(q.labels_query)!)
    } catch (e) {
      if (e instanceof LabelsQueryError)
        throw new HttpError(400, 'BAD_REQUEST', `Invalid labels_query: ${e.message}`)
      throw e
    }
  }
  c.store.settleAll()
  const search = str(q.search_query)
  const sources = strs(q.source_types)
  const outcomes = strs(q.eval_outcomes)
  const from = start ? parseTime(start) : undefined
  const to = end ? parseTime(end) : undefined
  const scans = [...c.store.scans.values()]
    .filter((s) => !search || s.model_uri.startsWith(search) || s.uuid === search.toLowerCase())
    .filter(
      (s) => !q.security_group_uuid || s.security_group_uuid === str(q.security_group_uuid)?.toLowerCase()
    )
    .filter((s) => !q.model_version_uuid || s.model_version_uuid === str(q.model_version_uuid)?.toLowerCase())
    .filter((s) => !sources || sources.includes(s.source_type))
    .filter((s) => !outcomes || outcomes.includes(s.eval_outcome))
    .filter((s) => from === undefined || (s.createdMs >= from && s.createdMs <= to!))
    .filter((s) => !predicate || predicate(s.labels))
    .sort((a, b) => (q.sort_order === 'asc' ? a.createdMs - b.createdMs : b.createdMs - a.createdMs))
  const reply = page(c, scans, 'scans', 10, (s) => scanJson(s, c.store.tsgId))
  const body = reply.body as { pagination: { total_items: number | null }; count_capped?: boolean }
  // large tenants get a capped count: total_items is then a lower bound
  const { listTotals, scanCountCap } = c.store.options
  body.count_capped = listTotals === 'capped' && scans.length > scanCountCap
  if (body.count_capped) body.pagination.total_items = scanCountCap
  return reply
}

const evaluationJson = (c: HandlerCtx, s: ScanRec, ev: ScanRec['result']['evaluations'][number]) => ({
  ...common(c, s),
  ...ev,
  updated_at: ev.created_at ?? s.updated_at,
  scan_uuid: s.uuid,
  rule_origin: 'PANW_MANAGED'
})

const violationJson = (c: HandlerCtx, s: ScanRec, v: ScanRec['result']['violations'][number]) => ({
  ...v,
  rule_origin: 'PANW_MANAGED',
  ...common(c, s)
})

const listEvaluations: Handler = (c) => {
  const s = findScan(c.store, c.path.scan_uuid)
  let evs = s.settled ? s.result.evaluations : []
  if (c.query.result) evs = evs.filter((e) => e.result === c.query.result)
  if (c.query.rule_instance_uuid) evs = evs.filter((e) => e.rule_instance_uuid === c.query.rule_instance_uuid)
  // created_at and updated_at are equal for an evaluation; newest first unless asked otherwise
  const sign = c.query.sort_order === 'asc' ? 1 : -1
  evs = [...evs].sort((a, b) => sign * (a.created_at ?? '').localeCompare(b.created_at ?? ''))
  return page(c, evs, 'evaluations', 10, (e) => evaluationJson(c, s, e))
}

const getEvaluation: Handler = (c) => {
  const hit = c.store.evaluations.get(String(c.path.uuid).toLowerCase())
  if (!hit) throw new HttpError(404, 'NOT_FOUND', `Evaluation ${String(c.path.uuid)} not found`)
  return { status: 200, body: evaluationJson(c, c.store.scans.get(hit.scan)!, hit.ev) }
}

const listViolations: Handler = (c) => {
  const s = findScan(c.store, c.path.scan_uuid)
  const vs = s.settled ? s.result.violations : []
  return page(c, vs, 'violations', 10, (v) => violationJson(c, s, v))
}

const getViolation: Handler = (c) => {
  const hit = c.store.violations.get(String(c.path.uuid).toLowerCase())
  if (!hit) throw new HttpError(404, 'NOT_FOUND', `Violation ${String(c.path.uuid)} not found`)
  return { status: 200, body: violationJson(c, c.store.scans.get(hit.scan)!, hit.v) }
}

// The service sorts paths like PostgreSQL's en_US collation: case and punctuation matter last.
const collator = new Intl.Collator('en', { sensitivity: 'base', ignorePunctuation: true })

/** Orders paths as the service does. */
export const comparePaths = (a: string, b: string): number => collator.compare(a, b) || a.localeCompare(b)

const listFiles: Handler = (c) => {
  const s = findScan(c.store, c.path.scan_uuid)
  const all = s.settled ? s.result.files : []
  const dir = (str(c.query.query_path) ?? '/').replace(/^\/+|\/+$/g, '')
  const recursive = c.query.recursive === true
  let files = all.filter((f) => {
    const parent = parentOf(f.path) === '/' ? '' : parentOf(f.path)
    return recursive ? dir === '' || f.path.startsWith(`${dir}/`) : parent === dir
  })
  if (c.query.type) files = files.filter((f) => f.type === c.query.type)
  const byType = c.query.sort_field === 'type'
  const dirSign = c.query.sort_dir === 'desc' ? -1 : 1
  files = [...files].sort(
    (a, b) =>
      dirSign *
      (byType
        ? a.type.localeCompare(b.type) || collator.compare(a.path, b.path)
        : comparePaths(a.path, b.path))
  )
  return page(c, files, 'files', 10, (f) => ({
    ...f,
    model_version_uuid: s.model_version_uuid,
    scan_uuid: s.uuid,
    ...common(c, s)
  }))
}

function writeLabels(c: HandlerCtx, replace: boolean) {
  const s = findScan(c.store, c.path.scan_uuid)
  const incoming = (c.body as { labels: Array<{ key: string; value: string }> }).labels
  const next = dedupeLabels(replace ? incoming : [...s.labels, ...incoming])
  if (next.length > 50) throw new HttpError(400, 'BAD_REQUEST', 'Max scan labels exceeded')
  s.labels = next
  return { status: 200, body: {} }
}

const addLabels: Handler = (c) => writeLabels(c, false)
const setLabels: Handler = (c) => writeLabels(c, true)

const deleteLabels: Handler = (c) => {
  const s = findScan(c.store, c.path.scan_uuid)
  const keys = new Set(strs(c.query.keys) ?? [])
  s.labels = s.labels.filter((l) => !keys.has(l.key))
  return { status: 204 }
}

function distinctSorted(values: Iterable<string>, search: string | undefined): string[] {
  return [...new Set(values)].filter((v) => !search || v.startsWith(search)).sort()
}

const labelKeys: Handler = (c) => {
  const keys = [...c.store.scans.values()].flatMap((s) => s.labels.map((l) => l.key))
  return page(c, distinctSorted(keys, str(c.query.search)), 'keys', 10)
}

const labelValues: Handler = (c) => {
  const key = String(c.path.key)
  const values = [...c.store.scans.values()].flatMap((s) =>
    s.labels.filter((l) => l.key === key).map((l) => l.value)
  )
  return page(c, distinctSorted(values, str(c.query.search)), 'values', 10)
}

export const scanHandlers: Record<string, Handler> = {
  create_scan_v1_scans_post: createScan,
  list_scans_v1_scans_get: listScans,
  get_scan_v1_scans__uuid__get: getScan,
  get_scan_evaluations_v1_scans__scan_uuid__evaluations_get: listEvaluations,
  get_evaluation_v1_evaluations__uuid__get: getEvaluation,
  get_scan_violations_v1_scans__scan_uuid__rule_violations_get: listViolations,
  get_violation_v1_violations__uuid__get: getViolation,
  get_files_v1_scans__scan_uuid__files_get: listFiles,
  add_scan_labels_v1_scans__scan_uuid__labels_post: addLabels,
  set_scan_labels_v1_scans__scan_uuid__labels_put: setLabels,
  delete_scan_labels_v1_scans__scan_uuid__labels_delete: deleteLabels,
  list_scan_label_keys_v1_scans_label_keys_get: labelKeys,
  list_scan_label_key_values_v1_scans_label_keys__key__values_get: labelValues
}
