/**
 * Fault injection: rules that make matching requests fail in the ways real networks and services do.
 * A rule applies to `times` matching requests (default 1; `null` for every one) after skipping `skip`.
 */

export type FaultAction =
  /** An error status with a documented error body; `retryAfter` sets the header (seconds or HTTP-date). */
  | {
      type: 'status'
      status: number
      retryAfter?: number | string
      retryAfterBody?: { interval: number; unit: string }
      body?: unknown
    }
  /** Closes the connection before anything is processed. */
  | { type: 'reset' }
  /** Processes the request (side effects happen), then closes the connection instead of answering. */
  | { type: 'reset-after-processing' }
  /** Never answers (until the client gives up). */
  | { type: 'hang' }
  /** Answers normally after a delay (real milliseconds). */
  | { type: 'delay'; ms: number }
  /** Answers with the normal status but the JSON body cut in half. */
  | { type: 'malformed-json' }
  /** Answers with an empty body and the normal status. */
  | { type: 'empty-body' }
  /**
   * Answers normally but with the contract broken: `field` (on the object, or on the first item of a list)
   * removed, or set to `value`; a `field` starting with `/` is a JSON pointer from the root of the body
   * (`/pagination/total_items`). Without `field`, a field every client relies on is removed.
   */
  | { type: 'contract-break'; field?: string; value?: unknown }
  /** Expires every access token, then processes the request (so it meets a 401). */
  | { type: 'expire-tokens' }
  /**
   * Answers normally with the body rewritten as a buggy or compromised service might, within the contract (the
   * answer is validated like any other): JSON pointers removed, set to a value, lists cut to their first `keep`
   * items, or made of their first item repeated `repeat` times.
   */
  | {
      type: 'rewrite'
      remove?: string[]
      set?: Record<string, unknown>
      keep?: Record<string, number>
      repeat?: Record<string, number>
    }

export const FAULT_TYPES = [
  'status',
  'reset',
  'reset-after-processing',
  'hang',
  'delay',
  'malformed-json',
  'empty-body',
  'contract-break',
  'expire-tokens',
  'rewrite'
] as const

export type Area = 'token' | 'data' | 'mgmt' | 'pypi'

export interface FaultRule {
  action: FaultAction
  method?: string
  /** Path to match: exact, a prefix ending in `*`, or an operation template (`/aims/data/v1/scans/{uuid}`). */
  path?: string
  area?: Area
  /** How many matching requests to affect (default 1; null: all). */
  times?: number | null
  /** Matching requests to let through before the fault starts. */
  skip?: number
}

interface ActiveRule extends FaultRule {
  id: number
  seen: number
  applied: number
}

/**
 * Whether a rule's path matches a request. A pattern with `{name}` segments is compared with the operation
 * template the request matched, so `/v1/scans/{uuid}` does not catch `/v1/scans/label-keys`.
 */
export function pathMatches(pattern: string, path: string, template?: string): boolean {
  if (pattern.endsWith('*')) return path.startsWith(pattern.slice(0, -1))
  if (pattern.includes('{')) return template === pattern
  return pattern === path
}

export class FaultInjector {
  private rules: ActiveRule[] = []
  private nextId = 1

  add(rule: FaultRule | FaultRule[]): number[] {
    return (Array.isArray(rule) ? rule : [rule]).map((r) => {
      const id = this.nextId++
      this.rules.push({ ...r, id, seen: 0, applied: 0 })
      return id
    })
  }

  clear(): void {
    this.rules = []
  }

  /** How many requests the rules in place have affected so far. */
  get applied(): number {
    return this.rules.reduce((n, r) => n + r.applied, 0)
  }

  /** Rules still waiting to fire (a rule with `times: null` never runs out). */
  get pending(): number {
    return this.rules.filter((r) => r.times === null || r.applied < (r.times ?? 1)).length
  }

  /**
   * The fault to apply to this request, if any; counts it. Rules are tried in the order they were added and
   * the first that matches takes the request (its `skip` counts only the requests it was offered).
   */
  take(method: string, path: string, area: Area, template?: string): FaultAction | undefined {
    for (const r of this.rules) {
      if (r.method && r.method.toUpperCase() !== method) continue
      if (r.area && r.area !== area) continue
      if (r.path && !pathMatches(r.path, path, template)) continue
      if (r.times !== null && r.applied >= (r.times ?? 1)) continue
      r.seen++
      if (r.seen <= (r.skip ?? 0)) continue
      r.applied++
      return r.action
    }
    return undefined
  }
}

// Fields that clients depend on, in the order a default contract break removes them.
const RELIED = ['eval_outcome', 'result', 'rule_name', 'path', 'description', 'uuid', 'access_token', 'url']
const LIST_KEYS = [
  'scans',
  'evaluations',
  'violations',
  'files',
  'keys',
  'values',
  'security_groups',
  'rule_instances',
  'rules',
  'versions'
]

/** Applies a contract break to a JSON body (see FaultAction). */
export function breakContract(body: unknown, field?: string, value?: unknown): unknown {
  if (typeof body !== 'object' || body === null) return { broken: true }
  const root = structuredClone(body) as Record<string, unknown>
  if (field?.startsWith('/')) {
    const parts = field.split('/').slice(1)
    const last = parts.pop()!
    let target: unknown = root
    for (const p of parts) target = (target as Record<string, unknown> | undefined)?.[p]
    if (typeof target !== 'object' || target === null) return root
    if (value === undefined) delete (target as Record<string, unknown>)[last]
    else (target as Record<string, unknown>)[last] = value
    return root
  }
  const listKey = LIST_KEYS.find((k) => Array.isArray(root[k]))
  let target: Record<string, unknown> = root
  if (listKey) {
    const items = root[listKey] as unknown[]
    if (items.length === 0 || typeof items[0] !== 'object') {
      root[listKey] = 'not-a-list'
      return root
    }
    target = items[0] as Record<string, unknown>
  }
  const name = field ?? RELIED.find((f) => f in target) ?? Object.keys(target)[0]
  if (name === undefined) return { broken: true }
  if (value === undefined) delete target[name]
  else target[name] = value
  return root
}

/** Applies a rewrite (see FaultAction) to a JSON body. */
export function rewriteBody(body: unknown, r: Extract<FaultAction, { type: 'rewrite' }>): unknown {
  const root = structuredClone(body)
  const at = (pointer: string): [Record<string, unknown> | undefined, string] => {
    const parts = pointer.split('/').slice(1)
    const last = parts.pop() ?? ''
    let target: unknown = root
    for (const p of parts) target = (target as Record<string, unknown> | undefined)?.[p]
    return [
      typeof target === 'object' && target !== null ? (target as Record<string, unknown>) : undefined,
      last
    ]
  }
  for (const p of r.remove ?? []) {
    const [t, k] = at(p)
    if (t) delete t[k]
  }
  for (const [p, v] of Object.entries(r.set ?? {})) {
    const [t, k] = at(p)
    if (t) t[k] = structuredClone(v)
  }
  for (const [p, n] of Object.entries(r.keep ?? {})) {
    const [t, k] = at(p)
    if (t && Array.isArray(t[k])) t[k] = (t[k] as unknown[]).slice(0, n)
  }
  for (const [p, n] of Object.entries(r.repeat ?? {})) {
    const [t, k] = at(p)
    const list: unknown = t?.[k]
    if (t && Array.isArray(list) && list.length > 0) t[k] = Array.from({ length: n }, (): unknown => list[0])
  }
  return root
}
