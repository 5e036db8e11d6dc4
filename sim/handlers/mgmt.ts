import { isoMicro } from '../ids.js'
import { canonicalUuid } from '../openapi.js'
import { HttpError, page, str, strs, type Handler, type HandlerCtx } from '../reply.js'
import type { GroupRec, RuleInstanceRec, Store } from '../store.js'

/** Management plane: security groups, rule instances (with snapshot history), security rules, PyPI. */

const groupJson = (g: GroupRec, tsg: string) => ({
  uuid: g.uuid,
  tsg_id: tsg,
  created_at: g.created_at,
  updated_at: g.updated_at,
  name: g.name,
  description: g.description,
  source_type: g.source_type,
  state: g.state,
  is_tombstone: g.is_tombstone
})

function instanceJson(store: Store, i: RuleInstanceRec, snapshot = false) {
  return {
    uuid: i.uuid,
    tsg_id: store.tsgId,
    security_group_uuid: i.security_group_uuid,
    security_rule_uuid: i.security_rule_uuid,
    state: i.state,
    field_values: i.field_values,
    rule: store.ruleByUuid(i.security_rule_uuid) ?? null,
    // a historical snapshot does not keep timestamps
    created_at: snapshot ? null : i.created_at,
    updated_at: snapshot ? null : i.updated_at,
    created_by: null,
    updated_by: null,
    custom_rule_uuid: null,
    custom_rule: null
  }
}

function findGroup(store: Store, id: unknown): GroupRec {
  const g = store.groups.get(String(id).toLowerCase())
  if (!g) throw new HttpError(404, 'NOT_FOUND', `Security group ${String(id)} not found`)
  return g
}

const listGroups: Handler = (c) => {
  const q = c.query
  const sources = strs(q.source_types)
  const search = str(q.search_query)?.toLowerCase()
  const enabled = strs(q.enabled_rules)?.map((u) => u.toLowerCase())
  const field = q.sort_field === 'updated_at' ? 'updated_at' : 'created_at'
  const groups = [...c.store.groups.values()]
    .filter((g) => !g.is_tombstone)
    .filter((g) => !sources || sources.includes(g.source_type))
    .filter((g) => !search || g.name.toLowerCase().includes(search) || g.uuid.startsWith(search))
    .filter(
      (g) =>
        !enabled || g.instances.some((i) => enabled.includes(i.security_rule_uuid) && i.state !== 'DISABLED')
    )
    .sort(
      (a, b) =>
        (q.sort_dir === 'asc' ? 1 : -1) * (a[field].localeCompare(b[field]) || a.name.localeCompare(b.name))
    )
    .map((g) => ({
      ...groupJson(g, c.store.tsgId),
      enabled_rule_count: g.instances.filter((i) => i.state !== 'DISABLED').length
    }))
  return page(c, groups, 'security_groups', 50)
}

const createGroup: Handler = (c) => {
  const b = c.body as {
    name: string
    source_type: string
    description?: string
    rule_configurations?: Record<string, { state?: string | null; field_values?: Record<string, unknown> }>
  }
  if (b.source_type === 'ALL')
    throw new HttpError(400, 'BAD_REQUEST', 'A security group needs a concrete source type, not ALL')
  for (const ruleUuid of Object.keys(b.rule_configurations ?? {})) {
    if (!c.store.ruleByUuid(canonicalUuid(ruleUuid)))
      throw new HttpError(400, 'BAD_REQUEST', `Unknown security rule ${ruleUuid}`)
  }
  const config = Object.fromEntries(
    Object.entries(b.rule_configurations ?? {}).map(([k, v]) => [canonicalUuid(k), v])
  )
  const g = c.store.createGroup(b.name, b.source_type, b.description ?? '', config)
  return { status: 201, body: groupJson(g, c.store.tsgId) }
}

const getGroup: Handler = (c) => ({
  status: 200,
  body: groupJson(findGroup(c.store, c.path.uuid), c.store.tsgId)
})

const updateGroup: Handler = (c) => {
  const g = findGroup(c.store, c.path.uuid)
  const b = c.body as { name?: string | null; description?: string | null }
  if (b.name) g.name = b.name
  if (typeof b.description === 'string') g.description = b.description
  g.updated_at = isoMicro(c.clock.now())
  return { status: 200, body: groupJson(g, c.store.tsgId) }
}

const deleteGroup: Handler = (c) => {
  const g = findGroup(c.store, c.path.uuid)
  if (g.isDefault) throw new HttpError(400, 'BAD_REQUEST', 'Default security groups cannot be deleted')
  if (g.state === 'PENDING')
    throw new HttpError(409, 'CONFLICT', 'Cannot delete a security group while it is in PENDING state')
  g.is_tombstone = true
  g.updated_at = isoMicro(c.clock.now())
  return { status: 204 }
}

const listInstances: Handler = (c) => {
  const g = findGroup(c.store, c.path.security_group_uuid)
  const q = c.query
  if (typeof q.generation === 'number') {
    const snap = g.history.find((h) => h.generation === q.generation)
    if (!snap)
      throw new HttpError(
        404,
        'NOT_FOUND',
        `Snapshot generation ${q.generation} not found for security group ${g.uuid}`
      )
    return page(c, snap.instances, 'rule_instances', 10, (i) => instanceJson(c.store, i, true))
  }
  const instances = g.instances
    .filter((i) => !q.security_rule_uuid || i.security_rule_uuid === str(q.security_rule_uuid)?.toLowerCase())
    .filter((i) => !q.state || i.state === q.state)
    // no custom rules in the simulated tenant
    .filter(() => q.is_custom !== true)
  return page(c, instances, 'rule_instances', 10, (i) => instanceJson(c.store, i))
}

function findInstance(c: HandlerCtx): { g: GroupRec; i: RuleInstanceRec } {
  const g = findGroup(c.store, c.path.security_group_uuid)
  const i = g.instances.find((x) => x.uuid === String(c.path.rule_instance_uuid).toLowerCase())
  if (!i)
    throw new HttpError(
      404,
      'NOT_FOUND',
      `Rule instance ${String(c.path.rule_instance_uuid)} not found in security group ${g.uuid}`
    )
  return { g, i }
}

const getInstance: Handler = (c) => ({ status: 200, body: instanceJson(c.store, findInstance(c).i) })

const updateInstance: Handler = (c) => {
  const { g, i } = findInstance(c)
  const b = c.body as {
    security_group_uuid: string
    state?: string | null
    field_values?: Record<string, unknown> | null
  }
  if (canonicalUuid(b.security_group_uuid) !== g.uuid)
    throw new HttpError(
      400,
      'BAD_REQUEST',
      'security_group_uuid does not match the security group in the path'
    )
  if (b.state) i.state = b.state
  if (b.field_values) i.field_values = { ...i.field_values, ...b.field_values }
  const at = isoMicro(c.clock.now())
  i.updated_at = at
  g.updated_at = at
  c.store.snapshot(g, at)
  return { status: 200, body: instanceJson(c.store, i) }
}

/** Cursor pagination over snapshot versions, newest first; the cursor is an opaque offset. */
function versions(list: Array<{ generation: number; timestamp: string }>, q: Record<string, unknown>) {
  const limit = typeof q.limit === 'number' ? q.limit : 100
  let offset = 0
  if (str(q.next_token)) {
    offset = Number(Buffer.from(str(q.next_token)!, 'base64url').toString())
    if (!Number.isInteger(offset) || offset < 0) throw new HttpError(400, 'BAD_REQUEST', 'Invalid next_token')
  }
  const newestFirst = [...list].reverse()
  const slice = newestFirst.slice(offset, offset + limit)
  const next =
    offset + limit < newestFirst.length ? Buffer.from(String(offset + limit)).toString('base64url') : null
  return { status: 200, body: { versions: slice, pagination: { next_token: next } } }
}

const instanceVersions: Handler = (c) => {
  const g = findGroup(c.store, c.path.security_group_uuid)
  return versions(
    g.history.map((h) => ({ generation: h.generation, timestamp: h.timestamp })),
    c.query
  )
}

// The managed rules have a single snapshot in the simulated tenant.
const RULES_GENERATION = 1_700_000_000_000_001

const listRules: Handler = (c) => {
  const q = c.query
  if (typeof q.generation === 'number' && q.generation !== RULES_GENERATION) {
    throw new HttpError(404, 'NOT_FOUND', `Rules snapshot generation ${q.generation} not found`)
  }
  const search = str(q.search_query)?.toLowerCase()
  const source = str(q.source_type)
  const rules = c.store.rules
    .filter(
      (r) =>
        !source ||
        source === 'ALL' ||
        r.compatible_sources.includes(source) ||
        r.compatible_sources.includes('ALL')
    )
    .filter((r) => !search || r.name.toLowerCase().includes(search) || r.uuid.startsWith(search))
    .map((r) => ({
      ...r,
      enabled_security_group_count: [...c.store.groups.values()].filter(
        (g) =>
          !g.is_tombstone &&
          g.instances.some((i) => i.security_rule_uuid === r.uuid && i.state !== 'DISABLED')
      ).length
    }))
  return page(c, rules, 'rules', 10)
}

const getRule: Handler = (c) => {
  const r = c.store.ruleByUuid(String(c.path.uuid).toLowerCase())
  if (!r) throw new HttpError(404, 'NOT_FOUND', `Security rule ${String(c.path.uuid)} not found`)
  return { status: 200, body: r }
}

const ruleVersions: Handler = (c) =>
  versions([{ generation: RULES_GENERATION, timestamp: '2025-10-30T14:14:17.321066Z' }], c.query)

const pypiAuth: Handler = (c) => {
  const { token, expiresAtMs } = c.issuePyPIToken()
  const base = new URL(c.baseUrl)
  return {
    status: 200,
    body: {
      url: `${base.protocol}//_token:${token}@${base.host}/pypi/simple/`,
      expires_at: isoMicro(expiresAtMs)
    }
  }
}

export const mgmtHandlers: Record<string, Handler> = {
  list_security_groups_v1_security_groups_get: listGroups,
  create_security_group_v1_security_groups_post: createGroup,
  get_security_group_v1_security_groups__uuid__get: getGroup,
  update_security_group_v1_security_groups__uuid__put: updateGroup,
  delete_security_group_v1_security_groups__uuid__delete: deleteGroup,
  list_rule_instances_v1_security_groups__security_group_uuid__rule_instances_get: listInstances,
  list_rule_instances_versions_v1_security_groups__security_group_uuid__rule_instances_versions_get:
    instanceVersions,
  get_rule_instance_v1_security_groups__security_group_uuid__rule_instances__rule_instance_uuid__get:
    getInstance,
  update_rule_instance_v1_security_groups__security_group_uuid__rule_instances__rule_instance_uuid__put:
    updateInstance,
  list_security_rules_v1_security_rules_get: listRules,
  list_security_rules_versions_v1_security_rules_versions_get: ruleVersions,
  get_security_rule_v1_security_rules__uuid__get: getRule,
  get_pypi_url_v1_pypi_authenticate_get: pypiAuth
}
