import type { Scan } from '../airs/schemas/data-plane.js'
import type { Sleep } from '../util/sleep.js'

/**
 * Waits for a scan to leave PENDING. Checks come quickly at first (most Hugging Face scans settle within a
 * few seconds), then further apart as the wait grows, so a long scan costs few requests while the delay
 * between settling and noticing stays a small fraction of the time already waited.
 */

export interface PollSchedule {
  /** first interval (the `poll-interval` input) */
  initialMs: number
  /** each interval is this many times the last */
  growth: number
  /** the interval may grow to this fraction of the time waited so far ... */
  elapsedFraction: number
  /** ... but never below `floorMs` (unless the first interval is shorter) or above `maxMs` */
  floorMs: number
  maxMs: number
  /** ± spread applied to each interval, so many runners do not poll in lock step */
  jitter: number
}

/**
 * Tuned with `npm run bench` (settle latency): a scan settling within a few seconds is seen within about
 * half a second; one settling after 20 s within about 1.5 s (median); a 2-minute scan costs fewer status
 * reads than a fixed 5-second loop with a median gap under 10 % of its duration; a 10-minute one about a third.
 */
export const DEFAULT_SCHEDULE: Omit<PollSchedule, 'initialMs'> = {
  growth: 1.5,
  elapsedFraction: 0.16,
  floorMs: 3000,
  maxMs: 30_000,
  jitter: 0.1
}

/** Interval before the next check, given the last one and the time waited; `random` in [0, 1). */
export function nextInterval(
  previousMs: number | undefined,
  elapsedMs: number,
  s: PollSchedule,
  random: () => number
): number {
  let base = s.initialMs
  if (previousMs !== undefined) {
    // a user's longer first interval raises the floor and the ceiling with it
    const ceiling = Math.max(s.maxMs, s.initialMs)
    const cap = Math.min(ceiling, Math.max(s.floorMs, s.initialMs, elapsedMs * s.elapsedFraction))
    base = Math.min(previousMs * s.growth, cap)
  }
  const spread = 1 + s.jitter * (2 * random() - 1)
  return Math.max(1, Math.round(base * spread))
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
