import type { Scan } from '../airs/schemas/data-plane.js'
import type { Sleep } from '../util/sleep.js'

/**
 * Waits for a scan to leave PENDING. Checks come quickly at first (most Hugging Face scans settle within a
 * few seconds), then further apart as the wait grows, but never further apart than a bound (the
 * `poll-max-interval` input, 5 s by default): a long scan is noticed at least as soon as a fixed 5-second loop
 * would notice it, for a few more status reads.
 *
 * Rate limits are the client's to honour: a read the service answers with 429 or 503 is retried inside `read`
 * after the wait it asks for (`Retry-After`, or its body's hint), so a server asking for longer than the bound
 * gets it; the gate's overall signal still cuts that wait when the time is up.
 */

export interface PollSchedule {
  /** first interval (the `poll-interval` input) */
  initialMs: number
  /** each interval is this many times the last */
  growth: number
  /** the interval may grow to this fraction of the time waited so far ... */
  elapsedFraction: number
  /** ... but never below `floorMs` (unless the first interval is shorter) ... */
  floorMs: number
  /**
   * ... and never above `maxMs` (the `poll-max-interval` input), jitter included; a longer first interval
   * raises it (the inputs allow that only when `poll-max-interval` is left at its default)
   */
  maxMs: number
  /** ± spread applied to each interval, so many runners do not poll in lock step; at the bound, it only shortens */
  jitter: number
}

/**
 * Tuned with `npm run bench` (settle latency, poll schedule): a scan settling within a few seconds is seen
 * within about half a second; one settling after 20 s within about 1.5 s (median; a fixed 5-second loop: 2 s).
 * From about 30 s on, checks come every 4.5 to 5 s, so a 2- or 10-minute scan is seen a little sooner than by a
 * fixed 5-second loop (median about 2.4 s against 2.5 s, never over 5 s), for the fast start's extra reads and
 * the jitter's: about 32 against 24 at 2 minutes, 133 against 120 at 10.
 */
export const DEFAULT_SCHEDULE: Omit<PollSchedule, 'initialMs'> = {
  growth: 1.5,
  elapsedFraction: 0.16,
  floorMs: 3000,
  maxMs: 5000,
  jitter: 0.1
}

/** Interval before the next check, given the last one and the time waited; `random` in [0, 1). */
export function nextInterval(
  previousMs: number | undefined,
  elapsedMs: number,
  s: PollSchedule,
  random: () => number
): number {
  // a user's longer first interval raises the floor and the ceiling with it
  const ceiling = Math.max(s.maxMs, s.initialMs)
  let base = s.initialMs
  if (previousMs !== undefined) {
    const cap = Math.min(ceiling, Math.max(s.floorMs, s.initialMs, elapsedMs * s.elapsedFraction))
    base = Math.min(previousMs * s.growth, cap)
  }
  const jittered = base * (1 + s.jitter * (2 * random() - 1))
  // at the bound the jitter only shortens: what would pass the ceiling is folded back below it
  return Math.max(1, Math.round(jittered > ceiling ? 2 * ceiling - jittered : jittered))
}

export interface PollProgress {
  scan: Scan
  polls: number
  elapsedMs: number
  nextMs: number
}

export interface PollOptions {
  schedule: PollSchedule
  /** stop waiting at this time (ms since the epoch, per `now`) */
  deadline: number
  now: () => number
  sleep: Sleep
  random: () => number
  signal?: AbortSignal
  onProgress?: (p: PollProgress) => void
}

export interface PollResult {
  scan: Scan
  settled: boolean
  polls: number
}

/**
 * Reads the scan until its outcome is not PENDING or the deadline passes; the last read happens at the
 * deadline, so a scan that settles just before it is not reported as timed out.
 */
export async function pollScan(
  first: Scan,
  read: (signal?: AbortSignal) => Promise<Scan>,
  opts: PollOptions
): Promise<PollResult> {
  const started = opts.now()
  let scan = first
  let polls = 0
  let interval: number | undefined
  while (scan.eval_outcome === 'PENDING') {
    const now = opts.now()
    if (now >= opts.deadline) return { scan, settled: false, polls }
    interval = nextInterval(interval, now - started, opts.schedule, opts.random)
    const wait = Math.min(interval, opts.deadline - now)
    opts.onProgress?.({ scan, polls, elapsedMs: now - started, nextMs: wait })
    await opts.sleep(wait, opts.signal)
    scan = await read(opts.signal)
    polls++
  }
  return { scan, settled: true, polls }
}
