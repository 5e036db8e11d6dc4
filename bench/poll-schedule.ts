import { ScanSchema } from '../src/airs/schemas/data-plane.js'
import { DEFAULT_SCHEDULE, pollScan, type PollSchedule } from '../src/gate/poll.js'
import { DEFAULTS } from '../src/inputs.js'
import { parseDuration } from '../src/util/duration.js'
import type { Accept } from './engine.js'
import { median, ms, quantile, round, seeded, table } from './harness.js'

/**
 * Section 2c of `npm run bench`: the trade the poll schedule makes, status reads against the delay between a
 * scan settling and the gate seeing it, for the default schedule (a fast start, then at most `poll-max-interval`
 * = 5 s between reads), the same bounded at 30 s (the default before `poll-max-interval`) and a fixed 5-second
 * loop.
 *
 * `pollScan` itself on a virtual clock, no network: each read is instant, so the figures are the schedule's
 * alone (2b measures the whole gate against the simulator, with fewer trials). Many trials per row, settle times
 * spread ±10 % around the nominal one, each gate trial its own jitter seed: the medians are steady to a few
 * milliseconds, so a margin of a tenth of a second between two schedules is real, not noise.
 */

const SETTLES = [20_000, 120_000, 600_000]
const TRIALS = 10_001
/** The fixed loop's interval: bench/naive-loop.mjs, `sleep 5; GET scan`. */
const LOOP_MS = 5000

const PENDING = ScanSchema.parse({
  uuid: '7a7e1cdf-a6b1-4743-a5f2-a7bd96ec7bab',
  eval_outcome: 'PENDING',
  model_uri: 'https://huggingface.co/airs-sim/bench',
  security_group_uuid: '4c22aef7-2ab7-40ba-b3f1-cd9e9aa1768e',
  created_at: '2026-05-04T10:00:00.000000Z',
  updated_at: '2026-05-04T10:00:00.000000Z',
  labels: []
})
const SETTLED = { ...PENDING, eval_outcome: 'ALLOWED' as const }

const initialMs = parseDuration(DEFAULTS['poll-interval'], 'poll-interval', { minMs: 0, maxMs: Infinity })
const SCHEDULES: Array<{ key: string; name: string; schedule: PollSchedule }> = [
  {
    key: 'gate',
    name: `action (poll-max-interval ${DEFAULTS['poll-max-interval']})`,
    schedule: { ...DEFAULT_SCHEDULE, initialMs }
  },
  {
    key: 'previous',
    name: 'same, bound 30 s (before)',
    schedule: { ...DEFAULT_SCHEDULE, initialMs, maxMs: 30_000 }
  },
  {
    key: 'loop',
    name: 'fixed 5 s loop',
    // sleep 5 s, read: the same read times as naive-loop.mjs
    schedule: { initialMs: LOOP_MS, growth: 1, elapsedFraction: 0, floorMs: 0, maxMs: LOOP_MS, jitter: 0 }
  }
]

interface Row {
  settle_ms: number
  schedule: string
  trials: number
  seen_ms_median: number
  seen_ms_mean: number
  seen_ms_p90: number
  seen_ms_max: number
  status_reads_median: number
  status_reads_mean: number
}

async function trials(nominal: number, schedule: PollSchedule): Promise<{ seen: number[]; reads: number[] }> {
  const seen: number[] = []
  const reads: number[] = []
  for (let i = 0; i < TRIALS; i++) {
    const settle = Math.round(nominal * (0.9 + (0.2 * i) / (TRIALS - 1)))
    let t = 0
    const result = await pollScan(PENDING, () => Promise.resolve(t >= settle ? SETTLED : PENDING), {
      schedule,
      deadline: Infinity,
      now: () => t,
      sleep: (wait) => {
        t += wait
        return Promise.resolve()
      },
      random: seeded(i + 1)
    })
    seen.push(t - settle)
    reads.push(result.polls)
  }
  return { seen, reads }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

export async function pollScheduleTrade(accept: Accept) {
  const rows: Row[] = []
  for (const settle of SETTLES) {
    for (const s of SCHEDULES) {
      const { seen, reads } = await trials(settle, s.schedule)
      rows.push({
        settle_ms: settle,
        schedule: s.key,
        trials: TRIALS,
        seen_ms_median: round(median(seen)),
        seen_ms_mean: round(mean(seen)),
        seen_ms_p90: round(quantile(seen, 0.9)),
        seen_ms_max: Math.max(...seen),
        status_reads_median: median(reads),
        status_reads_mean: round(mean(reads), 1)
      })
    }
  }
  const find = (settle: number, key: string) =>
    rows.find((r) => r.settle_ms === settle && r.schedule === key)!
  console.log(
    table(
      `2c. Poll schedule: status reads against settle→seen, pollScan alone on a virtual clock (${TRIALS.toLocaleString('en-US')} trials per row, settle ±10 %, instant reads)`,
      ['settle', 'schedule', 'settle→seen', 'mean', 'p90', 'max', 'status reads', 'reads vs loop'],
      rows.map((r) => {
        const loop = find(r.settle_ms, 'loop')
        return [
          `${r.settle_ms / 1000} s`,
          SCHEDULES.find((s) => s.key === r.schedule)!.name,
          ms(r.seen_ms_median),
          ms(r.seen_ms_mean),
          ms(r.seen_ms_p90),
          ms(r.seen_ms_max),
          r.status_reads_median,
          r.schedule === 'loop'
            ? ''
            : `${r.status_reads_mean - loop.status_reads_mean >= 0 ? '+' : ''}${round(r.status_reads_mean - loop.status_reads_mean, 1)}`
        ]
      })
    )
  )

  console.log('\nAcceptance')
  for (const settle of SETTLES) {
    const gate = find(settle, 'gate')
    const loop = find(settle, 'loop')
    // "reasonable": the fast start's few extra reads, plus at most the 10 % the jitter takes off each interval
    const readLimit = round(1.1 * loop.status_reads_mean + 10, 1)
    accept(
      `${settle / 1000} s scan: settle→seen no later than a fixed 5 s loop (median and mean), never over 5 s; status reads at most 1.1 × the loop's + 10`,
      `median ${ms(gate.seen_ms_median)} against ${ms(loop.seen_ms_median)}, mean ${ms(gate.seen_ms_mean)} against ${ms(loop.seen_ms_mean)}, max ${ms(gate.seen_ms_max)}; ${gate.status_reads_mean} status reads against ${loop.status_reads_mean}`,
      gate.seen_ms_median <= loop.seen_ms_median &&
        gate.seen_ms_mean <= loop.seen_ms_mean &&
        gate.seen_ms_max <= LOOP_MS &&
        gate.status_reads_mean <= readLimit,
      {
        settle_ms: settle,
        seen_ms_median: gate.seen_ms_median,
        seen_ms_mean: gate.seen_ms_mean,
        seen_ms_max: gate.seen_ms_max,
        fixed_loop_seen_ms_median: loop.seen_ms_median,
        fixed_loop_seen_ms_mean: loop.seen_ms_mean,
        status_reads_mean: gate.status_reads_mean,
        fixed_loop_status_reads_mean: loop.status_reads_mean,
        status_reads_limit: readLimit
      }
    )
  }
  return {
    trials_per_row: TRIALS,
    spread: '±10 % around the nominal settle time',
    schedules: Object.fromEntries(SCHEDULES.map((s) => [s.key, { name: s.name, ...s.schedule }])),
    rows
  }
}
