import { inputError } from './gate-error.js'

/**
 * Durations in inputs (`timeout`, poll intervals...) and in messages.
 *
 * Accepted: one or more `<number><unit>` parts from largest to smallest unit (`1h30m`, `1.5m`, `1500ms`).
 * Units: d, h, m, s, ms. A bare number is refused: `timeout: 15` could mean seconds or (as in GitHub's
 * `timeout-minutes`) minutes.
 */

const UNITS: Record<string, { ms: number; rank: number }> = {
  // days, for the windows of release gates (reuse, max-age): 7d reads better than 168h
  d: { ms: 86_400_000, rank: 0 },
  h: { ms: 3_600_000, rank: 1 },
  m: { ms: 60_000, rank: 2 },
  s: { ms: 1000, rank: 3 },
  ms: { ms: 1, rank: 4 }
}
const NUMBER = String.raw`(?:\d+(?:\.\d+)?|\.\d+)`
const BARE = new RegExp(`^${NUMBER}$`)
// a number, optional spaces, then whatever letters follow (checked against UNITS separately)
const PART = new RegExp(`(${NUMBER})\\s*([a-zµ]*)\\s*`, 'y')
const EXAMPLES = 'such as 90s, 20m, 1h30m or 1500ms'

/** `90s`, `20m`, `1h30m`, `1500ms`, `1.5m`. Case-insensitive, whitespace around allowed. */
export function parseDuration(
  text: string,
  inputName: string,
  bounds: { minMs: number; maxMs: number }
): number {
  const s = text.trim().toLowerCase()
  const shown = echo(text.trim())
  if (s === '') throw inputError(inputName, `is empty; give a duration ${EXAMPLES}.`)
  if (s.startsWith('-'))
    throw inputError(inputName, `${shown} is negative; give a positive duration ${EXAMPLES}.`)

  if (BARE.test(s)) {
    const n = s.length <= 12 ? s : '15'
    throw inputError(inputName, `${shown} has no unit; write ${n}s for seconds or ${n}m for minutes.`)
  }
  let ms = 0
  {
    let lastRank = -1
    let seen = false
    PART.lastIndex = 0
    while (PART.lastIndex < s.length) {
      const start = PART.lastIndex
      const m = PART.exec(s)
      if (m === null) {
        const rest = s.slice(start)
        throw inputError(
          inputName,
          seen
            ? `${shown} has ${echo(rest)} where a number and unit were expected; give a duration ${EXAMPLES}.`
            : `${shown} is not a duration; give a duration ${EXAMPLES}.`
        )
      }
      seen = true
      const [, num = '', unitName = ''] = m
      if (unitName === '') {
        throw inputError(inputName, `${shown} has the number ${num} without a unit; add d, h, m, s or ms.`)
      }
      const unit = UNITS[unitName]
      if (unit === undefined) {
        throw inputError(
          inputName,
          `${shown} has the unknown unit ${echo(unitName)}; use d, h, m, s or ms (e.g. 1h30m).`
        )
      }
      if (unit.rank <= lastRank) {
        throw inputError(
          inputName,
          `${shown} has its units ${unit.rank === lastRank ? 'repeated' : 'out of order'}; ` +
            `write each unit once, largest first (e.g. 1h30m).`
        )
      }
      lastRank = unit.rank
      ms += Number(num) * unit.ms
    }
  }

  if (!Number.isFinite(ms)) throw inputError(inputName, `${shown} is too large; ${range(bounds)}.`)
  const result = Math.round(ms)
  if (result < bounds.minMs) {
    throw inputError(
      inputName,
      `${shown} is below the minimum of ${formatDuration(bounds.minMs)}; ${range(bounds)}.`
    )
  }
  if (result > bounds.maxMs) {
    throw inputError(
      inputName,
      `${shown} is above the maximum of ${formatDuration(bounds.maxMs)}; ${range(bounds)}.`
    )
  }
  return result
}

/** Compact human form used in messages and logs: 850 ms, 12.3 s, 4 min 5 s, 1 h 2 min, 3 d 4 h. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms)
  if (ms < 0) return `-${formatDuration(-ms)}`
  const wholeMs = Math.round(ms)
  if (wholeMs < 1000) return `${wholeMs} ms`
  const tenths = Math.round(ms / 100)
  if (tenths < 600) return `${tenths / 10} s`
  const secs = Math.round(ms / 1000)
  if (secs < 3600) {
    const s = secs % 60
    return s === 0 ? `${Math.floor(secs / 60)} min` : `${Math.floor(secs / 60)} min ${s} s`
  }
  const mins = Math.round(ms / 60_000)
  if (mins < 48 * 60) {
    const m = mins % 60
    return m === 0 ? `${Math.floor(mins / 60)} h` : `${Math.floor(mins / 60)} h ${m} min`
  }
  const hours = Math.round(ms / 3_600_000)
  const h = hours % 24
  return h === 0 ? `${Math.floor(hours / 24)} d` : `${Math.floor(hours / 24)} d ${h} h`
}

function range(bounds: { minMs: number; maxMs: number }): string {
  return `give a duration between ${formatDuration(bounds.minMs)} and ${formatDuration(bounds.maxMs)}`
}

function echo(text: string): string {
  return text.length <= 40 ? JSON.stringify(text) : `${JSON.stringify(text.slice(0, 40))}…`
}
