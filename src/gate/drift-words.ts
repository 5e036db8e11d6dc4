import type { Drift, DriftViolation } from './result.js'

/**
 * Drift in words, one phrase per change, most important first: what the log, the summary, the comment and the
 * tracking issue say. Raw text (a rule name comes from the service): each renderer escapes it.
 */
export function driftPhrases(d: Drift): string[] {
  const phrases: string[] = []
  if (d.outcome) phrases.push(`${d.outcome.from} → ${d.outcome.to}`)
  const v = d.violations
  if (v && v.added_count + v.resolved_count > 0)
    phrases.push(
      [
        v.added_count > 0 && `${count(v.added_count, 'violation')} added (${ruleNames(v.added)})`,
        v.resolved_count > 0 && `${count(v.resolved_count, 'violation')} resolved (${ruleNames(v.resolved)})`
      ]
        .filter(Boolean)
        .join(', ')
    )
  if (d.commit) phrases.push(`new commit ${short(d.commit.to)} (was ${short(d.commit.from)})`)
  if (d.files_changed) phrases.push('the files changed')
  if (d.policy) phrases.push(`policy generation ${d.policy.from ?? 'none'} → ${d.policy.to ?? 'none'}`)
  return phrases
}

/** One line for the log. */
export function driftWords(d: Drift): string {
  return driftPhrases(d).join('; ')
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`
const short = (commit: string) => commit.slice(0, 12)

/** The rules of some violations, each once, at most three named. */
function ruleNames(list: readonly DriftViolation[]): string {
  const names = [...new Set(list.map((v) => v.rule))]
  return names.length > 3 ? `${names.slice(0, 3).join(', ')}, …` : names.join(', ')
}
