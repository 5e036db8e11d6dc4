/**
 * The `labels_query` grammar of `GET /v1/scans` (admin guide): terms `key:value` or `key:*`, joined by AND
 * and OR (AND binds tighter), with one level of parentheses. Nested groups are rejected like the service does.
 */

export type LabelPredicate = (labels: ReadonlyArray<{ key: string; value: string }>) => boolean

export class LabelsQueryError extends Error {}

const TERM = /^([a-zA-Z0-9_-]+):([a-zA-Z0-9_-]+|\*)$/

function tokenize(q: string): string[] {
  return q.replace(/\(/g, ' ( ').replace(/\)/g, ' ) ').split(/\s+/).filter(Boolean)
}

export function parseLabelsQuery(query: string): LabelPredicate {
  const tokens = tokenize(query)
  if (tokens.length === 0) throw new LabelsQueryError('labels_query is empty')
  let pos = 0
  let depth = 0

  const term = (): LabelPredicate => {
    const t = tokens[pos]
    if (t === undefined) throw new LabelsQueryError('labels_query ends where a term was expected')
    if (t === '(') {
      if (depth >= 1)
        throw new LabelsQueryError(
          'labels_query supports one level of parentheses; nested groups are not supported'
        )
      pos++
      depth++
      const inner = or()
      if (tokens[pos] !== ')') throw new LabelsQueryError('labels_query has an unclosed parenthesis')
      pos++
      depth--
      return inner
    }
    const m = TERM.exec(t)
    if (!m) throw new LabelsQueryError(`labels_query term "${t}" is not key:value or key:*`)
    pos++
    const [, key, value] = m
    return (labels) => labels.some((l) => l.key === key && (value === '*' || l.value === value))
  }
  const and = (): LabelPredicate => {
    let left = term()
    while (tokens[pos]?.toUpperCase() === 'AND') {
      pos++
      const l = left
      const r = term()
      left = (x) => l(x) && r(x)
    }
    return left
  }
  const or = (): LabelPredicate => {
    let left = and()
    while (tokens[pos]?.toUpperCase() === 'OR') {
      pos++
      const l = left
      const r = and()
      left = (x) => l(x) || r(x)
    }
    return left
  }

  const predicate = or()
  if (pos < tokens.length) throw new LabelsQueryError(`labels_query has an unexpected "${tokens[pos]}"`)
  return predicate
}
