/**
 * Query strings the way the service (FastAPI) reads them: arrays as repeated keys
 * (`eval_outcomes=BLOCKED&eval_outcomes=ERROR`), never comma-joined; absent values left out.
 */
type QueryValue = string | number | boolean | null | undefined | readonly string[]
export type QueryParams = Record<string, QueryValue>

export function buildQuery(params: QueryParams | undefined): string {
  if (!params) return ''
  const q = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) for (const v of value as readonly string[]) q.append(key, v)
    else q.append(key, String(value))
  }
  const s = q.toString()
  return s ? `?${s}` : ''
}

/** Fills `{name}` placeholders with URL-encoded values; a missing value is a programming error. */
export function fillPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{([a-z_]+)\}/g, (_, name: string) => {
    const v = params[name]
    if (v === undefined) throw new Error(`missing path parameter ${name} for ${template}`)
    return encodeURIComponent(v)
  })
}
