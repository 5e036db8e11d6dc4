import { describe, expect, it, jest } from '@jest/globals'
import fc from 'fast-check'
import { AirsError } from '../../src/airs/airs-error.js'
import { DEFAULT_RETRY_POLICY, RetryableFailure, runWithRetries } from '../../src/airs/retry.js'
import { ScanSchema, type Scan } from '../../src/airs/schemas/data-plane.js'
import {
  DEFAULT_SCHEDULE,
  nextInterval,
  pollScan,
  type PollOptions,
  type PollProgress,
  type PollSchedule
} from '../../src/gate/poll.js'
import { DEFAULTS, readInputs } from '../../src/inputs.js'
import { parseDuration } from '../../src/util/duration.js'
import { GateError } from '../../src/util/gate-error.js'
import { AbortedError, type Sleep } from '../../src/util/sleep.js'
import { prng } from '../helpers/fuzz.js'
import { thrown } from '../helpers/throws.js'

const SCAN_UUID = '7a7e1cdf-a6b1-4743-a5f2-a7bd96ec7bab'
const GROUP_UUID = '4c22aef7-2ab7-40ba-b3f1-cd9e9aa1768e'

/** A scan with this outcome, parsed once per outcome (property runs read thousands of them). */
const scans = new Map<string, Scan>()
function scan(eval_outcome: string): Scan {
  let s = scans.get(eval_outcome)
  if (!s) {
    s = ScanSchema.parse({
      uuid: SCAN_UUID,
      eval_outcome,
      model_uri: 'https://huggingface.co/microsoft/DialoGPT-medium',
      security_group_uuid: GROUP_UUID,
      created_at: '2026-05-04T10:00:00.000000Z',
      updated_at: '2026-05-04T10:00:01.000000Z',
      labels: []
    })
    scans.set(eval_outcome, s)
  }
  return s
}

/** The mechanics are tested on a fixed schedule, so tuning the defaults does not rewrite these tests. */
const MECHANICS = { growth: 1.5, elapsedFraction: 0.1, floorMs: 1000, maxMs: 30_000, jitter: 0.1 }
const schedule = (initialMs: number, over: Partial<PollSchedule> = {}): PollSchedule => ({
  ...MECHANICS,
  initialMs,
  ...over
})
const steady = () => 0.5

/** A clock that only moves when the code under test sleeps; every sleep and read is recorded. */
function fakeTime(start = 1_700_000_000_000) {
  let t = start
  const sleeps: number[] = []
  const reads: number[] = []
  const sleep: Sleep = async (ms) => {
    sleeps.push(ms)
    t += ms
  }
  return {
    start,
    now: () => t,
    elapsed: () => t - start,
    sleep,
    sleeps,
    reads,
    /** a scan that leaves PENDING, with `outcome`, once `settleAfterMs` have passed */
    scanSettlingAfter(settleAfterMs: number, outcome = 'ALLOWED') {
      return async (_signal?: AbortSignal) => {
        reads.push(t - start)
        return scan(t - start >= settleAfterMs ? outcome : 'PENDING')
      }
    }
  }
}

function options(time: ReturnType<typeof fakeTime>, over: Partial<PollOptions> = {}): PollOptions {
  return {
    schedule: schedule(500),
    deadline: time.start + 3_600_000,
    now: time.now,
    sleep: time.sleep,
    random: steady,
    ...over
  }
}

describe('nextInterval', () => {
  const s = schedule(500)

  it('starts with the initial interval', () => {
    expect(nextInterval(undefined, 0, s, steady)).toBe(500)
    expect(nextInterval(undefined, 0, schedule(2000), steady)).toBe(2000)
  })

  it.each([
    [0, 450],
    [0.999, 550]
  ])('spreads the first interval by the jitter (random %d → %d)', (r, expected) => {
    expect(nextInterval(undefined, 0, s, () => r)).toBe(expected)
  })

  it('grows by the growth factor', () => {
    const wide = schedule(500, { floorMs: 0, maxMs: 1e9, elapsedFraction: 1 })
    expect(nextInterval(500, 1e6, wide, steady)).toBe(750)
    expect(nextInterval(750, 1e6, wide, steady)).toBe(1125)
    expect(nextInterval(1000, 1e6, schedule(500, { growth: 2, maxMs: 1e9 }), steady)).toBe(2000)
  })

  it('is capped at a fraction of the time already waited', () => {
    expect(nextInterval(20_000, 50_000, s, steady)).toBe(5000)
    expect(nextInterval(20_000, 120_000, s, steady)).toBe(12_000)
  })

  it('is never capped below the floor', () => {
    // 10 % of 2 s would be 200 ms
    expect(nextInterval(5000, 2000, s, steady)).toBe(1000)
    expect(nextInterval(800, 2000, s, steady)).toBe(1000)
  })

  it('never exceeds the maximum', () => {
    expect(nextInterval(30_000, 3_600_000, s, steady)).toBe(30_000)
    expect(nextInterval(100_000, 3_600_000, s, steady)).toBe(30_000)
  })

  it('never jitters past the maximum: at the bound, the jitter only shortens (folded back below it)', () => {
    expect(nextInterval(30_000, 3_600_000, s, steady)).toBe(30_000)
    expect(nextInterval(30_000, 3_600_000, s, () => 0.75)).toBe(28_500)
    expect(nextInterval(30_000, 3_600_000, s, () => 0.25)).toBe(28_500)
    expect(nextInterval(30_000, 3_600_000, s, () => 0)).toBe(27_000)
    // the first interval too, when it is the bound
    const atBound = schedule(5000, { maxMs: 5000 })
    expect(nextInterval(undefined, 0, atBound, () => 0.75)).toBe(4750)
    expect(nextInterval(undefined, 0, atBound, () => 0)).toBe(4500)
    // near the bound, only what would pass it is folded back
    expect(nextInterval(20_000, 3_600_000, schedule(500, { maxMs: 21_000, growth: 1 }), () => 0.75)).toBe(
      21_000
    )
    expect(nextInterval(20_000, 3_600_000, schedule(500, { maxMs: 20_500, growth: 1 }), () => 0.75)).toBe(
      20_000
    )
    // below the bound it spreads both ways
    expect(nextInterval(undefined, 0, s, () => 0.75)).toBe(525)
  })

  it('starts below the floor when the user asked for a short first interval, then grows to it', () => {
    const short = schedule(200)
    expect(nextInterval(undefined, 0, short, steady)).toBe(200)
    expect(nextInterval(200, 200, short, steady)).toBe(300)
    expect(nextInterval(675, 1000, short, steady)).toBe(1000)
  })

  it('raises the floor to a longer first interval', () => {
    const long = schedule(5000)
    expect(nextInterval(5000, 5000, long, steady)).toBe(5000)
    expect(nextInterval(5000, 5000, s, steady)).toBe(1000)
  })

  it('raises the maximum to a first interval above it', () => {
    const slow = schedule(60_000)
    expect(nextInterval(undefined, 0, slow, steady)).toBe(60_000)
    expect(nextInterval(60_000, 60_000, slow, steady)).toBe(60_000)
    expect(nextInterval(60_000, 3_600_000, slow, steady)).toBe(60_000)
  })

  it('is at least 1 ms', () => {
    expect(nextInterval(undefined, 0, schedule(0), steady)).toBe(1)
    expect(nextInterval(0, 0, schedule(0, { floorMs: 0 }), () => 0)).toBe(1)
  })

  it('keeps the jitter within ± jitter of the steady interval, and within the bounds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 120_000 }),
        fc.option(fc.integer({ min: 1, max: 120_000 }), { nil: undefined }),
        fc.integer({ min: 0, max: 7_200_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (initialMs, previous, elapsed, r) => {
          const sched = schedule(initialMs)
          const base = nextInterval(previous, elapsed, sched, steady)
          const out = nextInterval(previous, elapsed, sched, () => r)
          expect(out).toBeGreaterThanOrEqual(Math.floor(base * (1 - sched.jitter)) - 1)
          expect(out).toBeLessThanOrEqual(Math.ceil(base * (1 + sched.jitter)) + 1)
          expect(base).toBeLessThanOrEqual(Math.max(sched.maxMs, initialMs))
          expect(out).toBeLessThanOrEqual(Math.max(sched.maxMs, initialMs, 1))
          // an interval shrinks only to the floor (or to a shorter first interval)
          expect(base).toBeGreaterThanOrEqual(
            Math.floor(Math.min((previous ?? initialMs) * sched.growth, sched.floorMs, initialMs))
          )
        }
      )
    )
  })
})

describe('pollScan', () => {
  it.each(['ALLOWED', 'BLOCKED', 'ERROR', 'QUARANTINED'])(
    'returns at once when the scan is already %s',
    async (o) => {
      const time = fakeTime()
      const read = jest.fn(time.scanSettlingAfter(0))
      const first = scan(o)
      const result = await pollScan(first, read, options(time))
      expect(result).toEqual({ scan: first, settled: true, polls: 0 })
      expect(read).not.toHaveBeenCalled()
      expect(time.sleeps).toEqual([])
    }
  )

  it('reads until the scan settles, and returns the settled scan', async () => {
    const time = fakeTime()
    const result = await pollScan(scan('PENDING'), time.scanSettlingAfter(4000, 'BLOCKED'), options(time))
    expect(result.settled).toBe(true)
    expect(result.scan.eval_outcome).toBe('BLOCKED')
    expect(result.polls).toBe(time.reads.length)
    // 500, 1250, 2250, 3250 ms: PENDING; 4250 ms: settled
    expect(time.reads).toEqual([500, 1250, 2250, 3250, 4250])
    expect(time.sleeps).toEqual([500, 750, 1000, 1000, 1000])
  })

  it('stops at the deadline, unsettled, after a last read at the deadline', async () => {
    const time = fakeTime()
    const deadline = time.start + 10_000
    const result = await pollScan(
      scan('PENDING'),
      time.scanSettlingAfter(Infinity),
      options(time, { deadline })
    )
    expect(result.settled).toBe(false)
    expect(result.scan.eval_outcome).toBe('PENDING')
    expect(time.reads.at(-1)).toBe(10_000)
    expect(time.now()).toBe(deadline)
    expect(result.polls).toBe(time.reads.length)
  })

  it('reports a scan that settles exactly at the deadline as settled', async () => {
    const time = fakeTime()
    const deadline = time.start + 2345
    const result = await pollScan(scan('PENDING'), time.scanSettlingAfter(2345), options(time, { deadline }))
    expect(result.settled).toBe(true)
    expect(result.scan.eval_outcome).toBe('ALLOWED')
    expect(time.reads.at(-1)).toBe(2345)
  })

  it('makes no read when the deadline has already passed', async () => {
    const time = fakeTime()
    const read = jest.fn(time.scanSettlingAfter(0))
    const result = await pollScan(scan('PENDING'), read, options(time, { deadline: time.start - 1 }))
    expect(result).toMatchObject({ settled: false, polls: 0 })
    expect(read).not.toHaveBeenCalled()
  })

  it('never sleeps past the deadline', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 400_000 }),
        fc.integer({ min: 1, max: 60_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        async (budget, initialMs, r) => {
          const time = fakeTime()
          const deadline = time.start + budget
          const result = await pollScan(
            scan('PENDING'),
            time.scanSettlingAfter(Infinity),
            options(time, { deadline, schedule: schedule(initialMs), random: () => r })
          )
          expect(result.settled).toBe(false)
          expect(time.now()).toBe(deadline)
          expect(time.reads.at(-1)).toBe(budget)
          expect(time.sleeps.every((ms) => ms > 0)).toBe(true)
        }
      ),
      { numRuns: 200 }
    )
  })

  it('passes the signal to sleep and to read', async () => {
    const time = fakeTime()
    const signal = new AbortController().signal
    const sleep = jest.fn(time.sleep)
    const read = jest.fn(time.scanSettlingAfter(1000))
    await pollScan(scan('PENDING'), read, options(time, { sleep, signal }))
    expect(read).toHaveBeenCalledTimes(2)
    for (const [, s] of sleep.mock.calls) expect(s).toBe(signal)
    for (const [s] of read.mock.calls) expect(s).toBe(signal)
  })

  it('lets a failed read reject', async () => {
    const time = fakeTime()
    const boom = new Error('503 Service Unavailable')
    let calls = 0
    const read = async () => {
      if (++calls === 3) throw boom
      return scan('PENDING')
    }
    await expect(pollScan(scan('PENDING'), read, options(time))).rejects.toBe(boom)
    expect(calls).toBe(3)
  })

  it('lets a failed sleep (an abort) reject without another read', async () => {
    const time = fakeTime()
    const aborted = new Error('operation cancelled')
    const read = jest.fn(time.scanSettlingAfter(Infinity))
    let sleeps = 0
    const sleep: Sleep = async (ms, signal) => {
      if (++sleeps === 2) throw aborted
      return time.sleep(ms, signal)
    }
    await expect(pollScan(scan('PENDING'), read, options(time, { sleep }))).rejects.toBe(aborted)
    expect(read).toHaveBeenCalledTimes(1)
  })

  it('reports progress before each wait, with growing elapsed times', async () => {
    const time = fakeTime()
    const progress: PollProgress[] = []
    await pollScan(
      scan('PENDING'),
      time.scanSettlingAfter(30_000),
      options(time, { onProgress: (p) => progress.push(p) })
    )
    expect(progress).toHaveLength(time.sleeps.length)
    expect(progress.map((p) => p.nextMs)).toEqual(time.sleeps)
    expect(progress.map((p) => p.polls)).toEqual(progress.map((_, i) => i))
    expect(progress[0]!.elapsedMs).toBe(0)
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.elapsedMs).toBeGreaterThan(progress[i - 1]!.elapsedMs)
      expect(progress[i]!.elapsedMs).toBe(time.reads[i - 1])
    }
    expect(progress.every((p) => p.scan.eval_outcome === 'PENDING')).toBe(true)
  })

  describe('with the default schedule (first interval 500 ms, no jitter)', () => {
    const defaults = (time: ReturnType<typeof fakeTime>) =>
      options(time, { schedule: { ...DEFAULT_SCHEDULE, initialMs: 500 } })
    it.each([
      // settles after (ms), reads, the read that saw it (ms), the largest gap allowed (ms); a fixed 5-second
      // loop makes ceil(settle / 5 s) reads: 1, 4, 24 and 120
      [1000, 2, 1250, 999],
      [20_000, 10, 21_595, 3000],
      [120_000, 31, 123_707, 5000],
      [600_000, 127, 603_707, 5000]
    ])(
      'notices a scan that settles after %d ms quickly and with few reads',
      async (settle, reads, seenAt, maxGap) => {
        const time = fakeTime()
        const result = await pollScan(scan('PENDING'), time.scanSettlingAfter(settle), defaults(time))
        expect(result.settled).toBe(true)
        expect(result.polls).toBe(reads)
        expect(time.reads.at(-1)).toBe(seenAt)
        const gap = seenAt - settle
        expect(gap).toBeGreaterThanOrEqual(0)
        expect(gap).toBeLessThanOrEqual(maxGap)
      }
    )

    it('keeps the gap within 16 % of the wait or 3 s, and within the 5 s bound, for any settle time and jitter', async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 3_000_000 }), fc.integer(), async (settle, seed) => {
          const time = fakeTime()
          const result = await pollScan(
            scan('PENDING'),
            time.scanSettlingAfter(settle),
            options(time, { schedule: { ...DEFAULT_SCHEDULE, initialMs: 500 }, random: prng(seed) })
          )
          expect(result.settled).toBe(true)
          const gap = time.reads.at(-1)! - settle
          expect(gap).toBeGreaterThanOrEqual(0)
          expect(gap).toBeLessThanOrEqual(
            Math.min(Math.max(0.16 * settle, 3000) * 1.1, DEFAULT_SCHEDULE.maxMs)
          )
          expect(Math.max(...time.sleeps)).toBeLessThanOrEqual(5000)
        }),
        { numRuns: 200 }
      )
    })
  })

  describe('against a fixed 5-second loop', () => {
    const PENDING = scan('PENDING')
    const SETTLED = scan('ALLOWED')
    /** Settle→seen and reads for `trials` settle times spread ±10 % around `nominal`, each with its own jitter. */
    async function spread(nominal: number, trials: number, sched: PollSchedule) {
      const seen: number[] = []
      const reads: number[] = []
      for (let i = 0; i < trials; i++) {
        const settle = Math.round(nominal * (0.9 + (0.2 * i) / (trials - 1)))
        let t = 0
        const result = await pollScan(PENDING, async () => (t >= settle ? SETTLED : PENDING), {
          schedule: sched,
          deadline: Infinity,
          now: () => t,
          sleep: async (ms) => {
            t += ms
          },
          random: prng(i + 1)
        })
        seen.push(t - settle)
        reads.push(result.polls)
      }
      return { seen, reads }
    }
    const fixed = { initialMs: 5000, growth: 1, elapsedFraction: 0, floorMs: 0, maxMs: 5000, jitter: 0 }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

    it.each([20_000, 120_000, 600_000])(
      'notices a scan settling after about %d ms no later than the loop on average, never more than 5 s late, for few more reads',
      async (nominal) => {
        const gate = await spread(nominal, 1001, { ...DEFAULT_SCHEDULE, initialMs: 500 })
        const loop = await spread(nominal, 1001, fixed)
        expect(mean(gate.seen)).toBeLessThanOrEqual(mean(loop.seen))
        expect(Math.max(...gate.seen)).toBeLessThanOrEqual(5000)
        // the fast start's extra reads, and at most the 10 % the jitter takes off each interval at the bound
        expect(mean(gate.reads)).toBeLessThanOrEqual(1.1 * mean(loop.reads) + 10)
        expect(mean(gate.reads)).toBeGreaterThan(mean(loop.reads))
      }
    )

    it('was slower to notice with the previous 30-second bound (why the bound is 5 s)', async () => {
      const previous = await spread(120_000, 101, { ...DEFAULT_SCHEDULE, initialMs: 500, maxMs: 30_000 })
      const loop = await spread(120_000, 101, fixed)
      expect(mean(previous.seen)).toBeGreaterThan(2 * mean(loop.seen))
      expect(mean(previous.reads)).toBeLessThan(mean(loop.reads))
    })
  })

  describe('a service that asks to wait (429 with Retry-After), as the client retries it inside the read', () => {
    const sched = { ...DEFAULT_SCHEDULE, initialMs: 500 }
    const rateLimited = () =>
      new AirsError('SERVER_SIDE_ERROR', 'GET /aims/data/v1/scans/{uuid} answered 429', {
        reason: 'RATE_LIMITED',
        status: 429
      })
    /** Status reads through the client's retry loop, on the test clock; the 3rd attempt is told to wait. */
    function throttledRead(
      time: ReturnType<typeof fakeTime>,
      sleep: Sleep,
      settleAt: number,
      waitMs: number
    ) {
      const attempts: number[] = []
      const read = (signal?: AbortSignal) =>
        runWithRetries(
          async () => {
            attempts.push(time.elapsed())
            if (attempts.length === 3) throw new RetryableFailure(rateLimited(), waitMs, false)
            return scan(time.elapsed() >= settleAt ? 'ALLOWED' : 'PENDING')
          },
          { policy: DEFAULT_RETRY_POLICY, sleep, random: steady },
          signal
        )
      return { read, attempts }
    }

    it('gets the wait it asks for, beyond the bound; the polling then resumes within the bound', async () => {
      const time = fakeTime()
      const { read, attempts } = throttledRead(time, time.sleep, 40_000, 30_000)
      const progress: PollProgress[] = []
      const result = await pollScan(
        scan('PENDING'),
        read,
        options(time, { schedule: sched, onProgress: (p) => progress.push(p) })
      )
      expect(result.settled).toBe(true)
      // 0.5 s, 1.25 s, then the 3rd read at 2.375 s is told "30 s" and retried 30.5 s later (with its jitter)
      expect(attempts.slice(0, 4)).toEqual([500, 1250, 2375, 32_875])
      expect(time.sleeps.filter((ms) => ms > sched.maxMs)).toEqual([30_500])
      // the poll's own waits stay within the bound, before and after; the scan is seen within it
      expect(Math.max(...progress.map((p) => p.nextMs))).toBeLessThanOrEqual(sched.maxMs)
      expect(attempts.at(-1)! - 40_000).toBeLessThanOrEqual(sched.maxMs)
      expect(result.polls).toBe(attempts.length - 1)
    })

    it('is cut at the overall time limit when it asks for longer than is left', async () => {
      const time = fakeTime()
      const abortAt = time.start + 20_000
      const controller = new AbortController()
      // the gate's overall signal, on the test clock: a sleep that would run past it ends there, rejected
      const sleep: Sleep = async (ms, signal) => {
        if (time.now() + ms > abortAt) {
          await time.sleep(abortAt - time.now(), signal)
          controller.abort()
          throw new AbortedError()
        }
        return time.sleep(ms, signal)
      }
      const { read, attempts } = throttledRead(time, sleep, Infinity, 60_000)
      const failure = await pollScan(
        scan('PENDING'),
        read,
        options(time, { schedule: sched, sleep, signal: controller.signal, deadline: abortAt })
      ).catch((e: unknown) => e)
      expect(failure).toBeInstanceOf(AirsError)
      expect(failure).toMatchObject({ reason: 'ABORTED', status: 429 })
      expect(time.elapsed()).toBe(20_000)
      expect(attempts).toHaveLength(3)
    })
  })
})

describe('the poll-max-interval input', () => {
  const HF = 'https://huggingface.co/openai-community/gpt2'
  const read = (inputs: Record<string, string>) =>
    readInputs((name) => ({ 'model-uri': HF, ...inputs })[name] ?? '', { GITHUB_WORKSPACE: process.cwd() })
  const failure = (inputs: Record<string, string>) => thrown(GateError, () => read(inputs))

  it('defaults to the schedule’s 5 s bound', () => {
    expect(parseDuration(DEFAULTS['poll-max-interval'], 'poll-max-interval', { minMs: 0, maxMs: 1e9 })).toBe(
      DEFAULT_SCHEDULE.maxMs
    )
    expect(read({}).run.schedule).toEqual({ ...DEFAULT_SCHEDULE, initialMs: 500, maxMs: 5000 })
  })

  it('sets the bound', () => {
    expect(read({ 'poll-max-interval': '2s' }).run.schedule.maxMs).toBe(2000)
    expect(read({ 'poll-max-interval': '1m30s' }).run.schedule.maxMs).toBe(90_000)
  })

  it('left at its default, gives way to a longer poll-interval and to a short timeout', () => {
    const slow = read({ 'poll-interval': '20s' }).run.schedule
    expect(nextInterval(20_000, 600_000, slow, steady)).toBe(20_000)
    expect(read({ timeout: '3s' }).run.timeoutMs).toBe(3000)
  })

  it.each([
    [{ 'poll-max-interval': '0s' }, /is below the minimum of 1 s/],
    [{ 'poll-max-interval': '500ms' }, /is below the minimum of 1 s/],
    [{ 'poll-max-interval': '6m' }, /is above the maximum of 5 min/],
    [{ 'poll-max-interval': '5' }, /has no unit/],
    [
      { 'poll-max-interval': '10s', timeout: '10s' },
      /must be shorter than the timeout \(10s\); lower it or raise timeout\.$/
    ],
    [{ 'poll-max-interval': '2s', 'poll-interval': '3s' }, /is shorter than poll-interval \(3s\); raise it/]
  ])('%j is refused in one line naming poll-max-interval', (inputs, message) => {
    const e = failure(inputs)
    expect(e.code).toBe('INVALID_INPUT')
    expect(e.message.startsWith('Invalid input poll-max-interval: ')).toBe(true)
    expect(e.message).toMatch(message)
    expect(e.message).not.toContain('\n')
  })
})
