import type { ModelRec, ModelVersionRec } from '../inventory.js'
import { parseTime } from '../openapi.js'
import { HttpError, page, str, strs, type Handler, type HandlerCtx } from '../reply.js'
import type { Store } from '../store.js'
import { comparePaths } from './scans.js'

/** Data plane: the model inventory, which scans fill (see sim/inventory.ts). */

function versionJson(v: ModelVersionRec, tsg: string) {
  return {
    uuid: v.uuid,
    tsg_id: tsg,
    created_at: v.created_at,
    updated_at: v.updated_at,
    model_uuid: v.model_uuid,
    revision: v.revision,
    fingerprint: v.fingerprint,
    file_count: v.file_count,
    model_formats: v.model_formats,
    source_types: v.source_types,
    hf_commit_sha: v.hf_commit_sha,
    // the Hub's commit metadata is not simulated
    hf_commit_title: null,
    hf_commit_authors: null,
    hf_organization: v.hf_organization,
    hf_model_name: v.hf_model_name,
    license: v.license,
    last_eval_outcome: v.last_eval_outcome,
    last_eval_summary: v.last_eval_summary,
    latest_scan_time: v.latest_scan_time
  }
}

const latestOf = (store: Store, m: ModelRec): ModelVersionRec | undefined =>
  store.modelVersions.get(m.versions.at(-1) ?? '')

function modelJson(store: Store, m: ModelRec) {
  const v = latestOf(store, m)
  return {
    uuid: m.uuid,
    tsg_id: store.tsgId,
    created_at: m.created_at,
    updated_at: m.updated_at,
    name: m.name,
    latest_version_uuid: v?.uuid ?? null,
    latest_version_revision: v?.revision ?? null,
    latest_version_hf_commit_sha: v?.hf_commit_sha ?? null,
    latest_version_fingerprint: v?.fingerprint ?? null,
    latest_version_formats: v?.model_formats ?? null,
    latest_version_source_types: v?.source_types ?? null,
    latest_version_outcome: v?.last_eval_outcome ?? null,
    latest_version_scan_time: v?.latest_scan_time ?? null
  }
}

/** The inventory as of now: scans whose time has come are settled first. */
function fresh(c: HandlerCtx): Store {
  c.store.settleAll()
  return c.store
}

function findModel(store: Store, id: unknown): ModelRec {
  const m = store.models.get(String(id).toLowerCase())
  if (!m) throw new HttpError(404, 'NOT_FOUND', `Model ${String(id)} not found`)
  return m
}

function findVersion(store: Store, id: unknown): ModelVersionRec {
  const v = store.modelVersions.get(String(id).toLowerCase())
  if (!v) throw new HttpError(404, 'NOT_FOUND', `Model version ${String(id)} not found`)
  return v
}

const byTime = (field: 'created_at' | 'updated_at', order: unknown) => {
  const sign = order === 'asc' ? 1 : -1
  return <T extends { created_at: string; updated_at: string; uuid: string }>(a: T, b: T) =>
    sign * (a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : a.uuid < b.uuid ? -1 : 1)
}

const listModels: Handler = (c) => {
  const q = c.query
  const start = str(q.start_time)
  const end = str(q.end_time)
  if ((start === undefined) !== (end === undefined))
    throw new HttpError(400, 'BAD_REQUEST', 'Both start_time and end_time must be specified')
  const store = fresh(c)
  const search = str(q.search_query)?.trim().toLowerCase()
  const outcomes = strs(q.latest_version_outcomes)
  const formats = strs(q.latest_version_formats)
  const sources = strs(q.latest_version_source_types)
  const before = str(q.latest_version_scan_time_before)
  const beforeMs = before === undefined ? undefined : parseTime(before)
  const from = start === undefined ? undefined : parseTime(start)
  const to = end === undefined ? undefined : parseTime(end)
  const models = [...store.models.values()]
    .filter((m) => !search || m.name.toLowerCase().includes(search) || m.uuid.startsWith(search))
    .filter(
      (m) => from === undefined || (Date.parse(m.created_at) >= from && Date.parse(m.created_at) <= to!)
    )
    .filter((m) => {
      const v = latestOf(store, m)
      if (outcomes && !(v && outcomes.includes(v.last_eval_outcome))) return false
      if (formats && !(v && v.model_formats.some((f) => formats.includes(f)))) return false
      if (sources && !(v && v.source_types.some((s) => sources.includes(s)))) return false
      if (beforeMs !== undefined && !(v?.latest_scan_time && Date.parse(v.latest_scan_time) < beforeMs))
        return false
      return true
    })
    .sort(byTime(q.sort_field === 'created_at' ? 'created_at' : 'updated_at', q.sort_order))
  return page(c, models, 'models', 10, (m) => modelJson(store, m))
}

const getModel: Handler = (c) => {
  const store = fresh(c)
  return { status: 200, body: modelJson(store, findModel(store, c.path.uuid)) }
}

const listVersions: Handler = (c) => {
  const store = fresh(c)
  const m = findModel(store, c.path.uuid)
  const versions = m.versions
    .map((id) => store.modelVersions.get(id)!)
    .sort(byTime('created_at', c.query.sort_order))
  return page(c, versions, 'model_versions', 10, (v) => versionJson(v, store.tsgId))
}

const getVersion: Handler = (c) => {
  const store = fresh(c)
  return { status: 200, body: versionJson(findVersion(store, c.path.uuid), store.tsgId) }
}

/** The version's files with their latest scan status: the files of the latest scan linked to it. */
const listVersionFiles: Handler = (c) => {
  const store = fresh(c)
  const v = findVersion(store, c.path.uuid)
  const scan = v.filesScan === undefined ? undefined : store.scans.get(v.filesScan)
  const files = (scan?.result.files ?? [])
    .filter((f) => f.type === 'FILE')
    .sort((a, b) => comparePaths(a.path, b.path))
  return page(c, files, 'files', 10, (f) => ({
    ...f,
    model_version_uuid: v.uuid,
    scan_uuid: scan!.uuid,
    tsg_id: store.tsgId,
    created_at: scan!.updated_at,
    updated_at: scan!.updated_at
  }))
}

export const modelHandlers: Record<string, Handler> = {
  list_models_v1_models_get: listModels,
  get_model_v1_models__uuid__get: getModel,
  list_model_versions_v1_models__uuid__model_versions_get: listVersions,
  get_model_version_v1_model_versions__uuid__get: getVersion,
  list_model_version_files_v1_model_versions__uuid__files_get: listVersionFiles
}
