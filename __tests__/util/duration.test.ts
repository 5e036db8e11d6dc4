import { describe, expect, it } from '@jest/globals'
import { formatDuration, parseDuration } from '../../src/util/duration.js'
import { GateError } from '../../src/util/gate-error.js'
import { thrown } from '../helpers/throws.js'

const wide = { minMs: 0, maxMs: Number.MAX_SAFE_INTEGER }

const rejects = (f: () => unknown): GateError => thrown(GateError, f)

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['20m', 1_200_000],
    ['1h30m', 5_400_000],
    ['1h30m15s', 5_415_000],
    ['1m30ms', 60_030],
    ['1500ms', 1500],
    ['1.5m', 90_000],
    ['.5s', 500],
    ['1.1s', 1100],
    ['0.4ms', 0],
    ['0.6ms', 1],
    ['0s', 0],
    ['  45S  ', 45_000],
    ['1H30M', 5_400_000],
    ['1500MS', 1500],
    ['\t10m\n', 600_000],
    ['10 s', 10_000],
    ['1h 30m', 5_400_000],
    ['7d', 604_800_000],
    ['1d12h', 129_600_000]
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseDuration(text, 'timeout', wide)).toBe(ms)
  })

  it('returns whole milliseconds', () => {
    expect(Number.isInteger(parseDuration('1.0005s', 'timeout', wide))).toBe(true)
    expect(parseDuration('1.0005s', 'timeout', wide)).toBe(1001)
  })

  it.each([
    ['', 'is empty'],
    ['   ', 'is empty'],
    ['-5s', 'is negative'],
    ['-5', 'is negative'],
    ['90', 'has no unit; write 90s for seconds or 90m for minutes'],
    ['2.5', 'has no unit'],
    ['0', 'has no unit'],
    ['9'.repeat(400), 'has no unit; write 15s for seconds or 15m for minutes'],
    ['abc', 'is not a duration'],
    ['NaN', 'is not a duration'],
    ['Infinity', 'is not a duration'],
    ['+5s', 'is not a duration'],
    ['s', 'is not a duration'],
    ['5x', 'unknown unit "x"'],
    ['2w', 'unknown unit "w"'],
    ['1h2d', 'out of order'],
    ['5 minutes', 'unknown unit "minutes"'],
    ['1e3s', 'unknown unit "e"'],
    ['5m1h', 'out of order'],
    ['30s1m', 'out of order'],
    ['5ms1s', 'out of order'],
    ['5m5m', 'repeated'],
    ['1h30', 'number 30 without a unit'],
    ['5s-', 'where a number and unit were expected'],
    ['1.2.3s', 'number 1.2 without a unit'],
    [`${'9'.repeat(400)}s`, 'is too large']
  ])('rejects %j (%s)', (text, problem) => {
    const e = rejects(() => parseDuration(text, 'poll-interval', wide))
    expect(e.code).toBe('INVALID_INPUT')
    expect(e.message).toContain('Invalid input poll-interval:')
    expect(e.message).toContain(problem)
    expect(e.message).not.toMatch(/\n/)
  })

  it('suggests the accepted forms when the text is not a duration', () => {
    expect(rejects(() => parseDuration('soon', 'timeout', wide)).message).toBe(
      'Invalid input timeout: "soon" is not a duration; give a duration such as 90s, 20m, 1h30m or 1500ms.'
    )
  })

  it('does not echo a long input in full', () => {
    const e = rejects(() => parseDuration(`5${'x'.repeat(500)}`, 'timeout', wide))
    expect(e.message.length).toBeLessThan(700)
    expect(e.message).not.toContain('x'.repeat(100))
  })

  describe('bounds', () => {
    const bounds = { minMs: 10_000, maxMs: 3_600_000 }

    it.each([
      ['10s', 10_000],
      ['1h', 3_600_000],
      ['9999.5ms', 10_000]
    ])('accepts %j at the edge', (text, ms) => {
      expect(parseDuration(text, 'timeout', bounds)).toBe(ms)
    })

    it.each([
      ['9s', 'below the minimum of 10 s'],
      ['9999ms', 'below the minimum of 10 s'],
      ['0s', 'below the minimum of 10 s'],
      ['61m', 'above the maximum of 1 h'],
      ['1h0m0.001s', 'above the maximum of 1 h'],
      [`${'9'.repeat(400)}s`, 'is too large']
    ])('rejects %j (%s) and shows the allowed range', (text, problem) => {
      const e = rejects(() => parseDuration(text, 'timeout', bounds))
      expect(e.code).toBe('INVALID_INPUT')
      expect(e.message).toContain('Invalid input timeout:')
      expect(e.message).toContain(problem)
      expect(e.message).toContain('between 10 s and 1 h')
      expect(e.message).not.toMatch(/\n/)
    })

    it('phrases the range in human form', () => {
      expect(rejects(() => parseDuration('2s', 'timeout', { minMs: 5000, maxMs: 5_400_000 })).message).toBe(
        'Invalid input timeout: "2s" is below the minimum of 5 s; give a duration between 5 s and 1 h 30 min.'
      )
    })
  })
})

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [850, '850 ms'],
    [999.4, '999 ms'],
    [999.6, '1 s'],
    [1000, '1 s'],
    [12_300, '12.3 s'],
    [12_345, '12.3 s'],
    [12_000, '12 s'],
    [59_940, '59.9 s'],
    [59_960, '1 min'],
    [60_000, '1 min'],
    [245_000, '4 min 5 s'],
    [245_400, '4 min 5 s'],
    [3_599_400, '59 min 59 s'],
    [3_599_600, '1 h'],
    [3_600_000, '1 h'],
    [3_720_000, '1 h 2 min'],
    [5_400_000, '1 h 30 min'],
    [90_000_000, '25 h'],
    [172_740_000, '47 h 59 min'],
    [172_800_000, '2 d'],
    [604_800_000, '7 d'],
    [626_400_000, '7 d 6 h'],
    [-1500, '-1.5 s']
  ])('formats %d ms as %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })

  it('round-trips through parseDuration for the forms it prints', () => {
    for (const ms of [850, 12_300, 245_000, 3_720_000, 626_400_000]) {
      const text = formatDuration(ms).replace(/ min/g, 'm').replace(/ /g, '')
      expect(parseDuration(text, 'timeout', wide)).toBe(ms)
    }
  })
})
