import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import type { GateErrorInfo, Status, Verdict } from '../../src/gate/result.js'
import {
  assess,
  exitCode,
  judge,
  overallOutcome,
  worst,
  type Evidence,
  type Mode,
  type OnError
} from '../../src/gate/verdict.js'

type Evaluation = Evidence['evaluations'][number]

const rule = (rule_name: string, result: string, rule_instance_state: string): Evaluation => ({
  rule_name,
  result,
  rule_instance_state
})

const passedBlocking = rule('Known Framework Operators Check', 'PASSED', 'BLOCKING')
const failedBlocking = rule('Load Time Code Execution Check', 'FAILED', 'BLOCKING')
const failedBlocking2 = rule('Suspicious Model Components Check', 'FAILED', 'BLOCKING')
const failedAllowing = rule('License Exists', 'FAILED', 'ALLOWING')
const erroredBlocking = rule('Stored In Approved File Format', 'ERROR', 'BLOCKING')
const erroredAllowing = rule('Organization Verified By Hugging Face', 'ERROR', 'ALLOWING')

const collectionError: GateErrorInfo = { code: 'SERVICE_ERROR', message: 'listing evaluations failed: 503' }

describe('assess', () => {
  describe('ALLOWED', () => {
    it.each<[string, Partial<Evidence>, Status, string | undefined]>([
      ['clean', { evaluations: [passedBlocking], totalRules: 1 }, 'allowed', undefined],
      // nothing backs it: an outcome written before its evaluations, or a group enabling no rule
      ['with no evaluations', { evaluations: [] }, 'error', 'INCONSISTENT_RESULT'],
      [
        'with a FAILED ALLOWING rule',
        { evaluations: [passedBlocking, failedAllowing], totalRules: 2 },
        'allowed',
        undefined
      ],
      [
        'with an ERROR ALLOWING rule',
        { evaluations: [passedBlocking, erroredAllowing], totalRules: 2 },
        'allowed',
        undefined
      ],
      [
        'with a FAILED BLOCKING rule',
        { evaluations: [passedBlocking, failedBlocking] },
        'error',
        'INCONSISTENT_RESULT'
      ],
      [
        'with an ERROR BLOCKING rule',
        { evaluations: [passedBlocking, erroredBlocking] },
        'error',
        'RULE_ERROR'
      ],
      [
        'with a collection error',
        { evaluations: [passedBlocking], collectionError },
        'error',
        'SERVICE_ERROR'
      ],
      [
        'with a collection error and nothing collected',
        { evaluations: [], collectionError },
        'error',
        'SERVICE_ERROR'
      ]
    ])('%s → %s %s', (_, evidence, status, code) => {
      const a = assess({ outcome: 'ALLOWED', evaluations: [], ...evidence })
      expect(a.status).toBe(status)
      expect(a.error?.code).toBe(code)
      const n = evidence.totalRules
      expect(a.reason).toBe(code ? a.error?.message : `ALLOWED: ${n} rule${n === 1 ? '' : 's'} evaluated`)
    })

    it('says how many rules were evaluated', () => {
      const eleven = Array.from({ length: 11 }, (_, i) => rule(`Rule ${i}`, 'PASSED', 'BLOCKING'))
      expect(assess({ outcome: 'ALLOWED', evaluations: eleven, totalRules: 11 }).reason).toBe(
        'ALLOWED: 11 rules evaluated'
      )
      const policy = eleven.map((e, i) => ({
        uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        name: e.rule_name
      }))
      const backed = eleven.map((e, i) => ({ ...e, rule_instance_uuid: policy[i]!.uuid }))
      expect(assess({ outcome: 'ALLOWED', evaluations: backed, enabledRules: policy }).reason).toBe('ALLOWED')
    })

    it('names the failed BLOCKING rules it does not trust the outcome for', () => {
      const a = assess({ outcome: 'ALLOWED', evaluations: [failedBlocking, failedAllowing, failedBlocking2] })
      expect(a.reason).toContain(failedBlocking.rule_name)
      expect(a.reason).toContain(failedBlocking2.rule_name)
      expect(a.reason).not.toContain(failedAllowing.rule_name)
    })

    it('names the BLOCKING rules that could not be evaluated', () => {
      const a = assess({ outcome: 'ALLOWED', evaluations: [erroredBlocking, erroredAllowing] })
      expect(a.reason).toContain(erroredBlocking.rule_name)
      expect(a.reason).not.toContain(erroredAllowing.rule_name)
    })

    it('reports the collection error over inconsistent evaluations', () => {
      expect(assess({ outcome: 'ALLOWED', evaluations: [failedBlocking], collectionError }).error).toEqual(
        collectionError
      )
    })
  })

  describe('BLOCKED', () => {
    it('lists the failed BLOCKING rules and counts against the total', () => {
      const a = assess({
        outcome: 'BLOCKED',
        evaluations: [passedBlocking, failedBlocking, failedAllowing, failedBlocking2],
        rulesFailed: 3,
        totalRules: 12
      })
      expect(a.status).toBe('blocked')
      expect(a.error).toBeUndefined()
      expect(a.reason).toBe(
        'BLOCKED: 3 of 12 rules failed (Load Time Code Execution Check, Suspicious Model Components Check)'
      )
    })

    it('names the most severe rule first, whatever order the service listed them in', () => {
      const format = { ...failedBlocking2, rule_name: 'Stored In Approved File Format' }
      const a = assess({ outcome: 'BLOCKED', evaluations: [format, failedBlocking], totalRules: 11 })
      expect(a.reason).toBe(
        'BLOCKED: 2 of 11 rules failed (Load Time Code Execution Check, Stored In Approved File Format)'
      )
    })

    it.each<[string, Partial<Evidence>, string]>([
      ['one failed rule, no total', { evaluations: [failedBlocking] }, 'BLOCKED: 1 rule failed'],
      [
        'failed ALLOWING rules only: named, for want of BLOCKING ones',
        { evaluations: [failedAllowing], totalRules: 4 },
        'BLOCKED: 1 of 4 rules failed (License Exists)'
      ],
      [
        'nothing collected',
        { evaluations: [], rulesFailed: 2, totalRules: 9 },
        'BLOCKED: 2 of 9 rules failed'
      ],
      ['nothing collected nor counted', { evaluations: [] }, 'BLOCKED: 0 rules failed']
    ])('%s', (_, evidence, reason) => {
      const a = assess({ outcome: 'BLOCKED', evaluations: [], ...evidence })
      expect(a.status).toBe('blocked')
      expect(a.reason.startsWith(reason)).toBe(true)
    })

    it('stays blocked when collection failed: the refusal needs no evidence', () => {
      expect(assess({ outcome: 'BLOCKED', evaluations: [], collectionError }).status).toBe('blocked')
    })
  })

  it.each<[string, Partial<Evidence>, string]>([
    [
      'code and message',
      { scanErrorCode: 'SCAN_DATA_PENDING', scanErrorMessage: 'fetching' },
      '(service code SCAN_DATA_PENDING): fetching'
    ],
    ['code only', { scanErrorCode: 'MODEL_NOT_FOUND', scanErrorMessage: null }, 'MODEL_NOT_FOUND'],
    ['neither', {}, 'ERROR']
  ])('ERROR with %s → SCAN_ERROR naming it', (_, evidence, expected) => {
    const a = assess({ outcome: 'ERROR', evaluations: [], ...evidence })
    expect(a.status).toBe('error')
    expect(a.error?.code).toBe('SCAN_ERROR')
    expect(a.reason).toContain(expected)
  })

  it('PENDING → TIMEOUT', () => {
    const a = assess({ outcome: 'PENDING', evaluations: [] })
    expect(a).toMatchObject({ status: 'error', error: { code: 'TIMEOUT' } })
  })

  it('no outcome and no error → INTERNAL_ERROR', () => {
    const a = assess({ evaluations: [passedBlocking] })
    expect(a).toMatchObject({ status: 'error', error: { code: 'INTERNAL_ERROR' } })
  })

  it.each([
    'QUARANTINED',
    '',
    'allowed',
    'Allowed',
    ' ALLOWED',
    'ALLOWED ',
    'ALLOWED\u200b',
    'blocked',
    'PASSED'
  ])('unknown outcome %j → UNKNOWN_OUTCOME', (outcome) => {
    const a = assess({ outcome, evaluations: [passedBlocking] })
    expect(a.status).toBe('error')
    expect(a.error?.code).toBe('UNKNOWN_OUTCOME')
  })

  it('quotes an unknown outcome, cut short', () => {
    const reason = assess({ outcome: `${'Q'.repeat(30)}${'X'.repeat(1000)}`, evaluations: [] }).reason
    expect(reason).toContain(`"${'Q'.repeat(30)}${'X'.repeat(10)}"`)
    expect(reason).not.toContain('X'.repeat(11))
  })

  it.each(['ALLOWED', 'BLOCKED', 'ERROR', 'PENDING', undefined])(
    'an error wins over the outcome %s',
    (outcome) => {
      const error: GateErrorInfo = { code: 'NETWORK_ERROR', message: 'connection reset' }
      expect(assess({ outcome, error, evaluations: [passedBlocking], totalRules: 1 })).toEqual({
        status: 'error',
        reason: 'connection reset',
        error
      })
    }
  )
})

describe('judge', () => {
  it.each<[Status, Mode, OnError, Verdict]>([
    ['allowed', 'enforce', 'fail', 'pass'],
    ['allowed', 'enforce', 'warn', 'pass'],
    ['allowed', 'warn', 'fail', 'pass'],
    ['allowed', 'warn', 'warn', 'pass'],
    ['blocked', 'enforce', 'fail', 'fail'],
    ['blocked', 'enforce', 'warn', 'fail'],
    ['blocked', 'warn', 'fail', 'warn'],
    ['blocked', 'warn', 'warn', 'warn'],
    ['error', 'enforce', 'fail', 'fail'],
    ['error', 'enforce', 'warn', 'warn'],
    ['error', 'warn', 'fail', 'fail'],
    ['error', 'warn', 'warn', 'warn']
  ])('%s, mode %s, on-error %s → %s', (status, mode, onError, verdict) => {
    expect(judge(status, mode, onError)).toBe(verdict)
  })
})

describe('worst', () => {
  it.each<[Verdict[], Verdict]>([
    [[], 'fail'],
    [['pass'], 'pass'],
    [['warn'], 'warn'],
    [['fail'], 'fail'],
    [['pass', 'pass', 'pass'], 'pass'],
    [['pass', 'warn', 'pass'], 'warn'],
    [['warn', 'pass'], 'warn'],
    [['pass', 'fail', 'warn'], 'fail'],
    [['fail', 'pass'], 'fail'],
    [['warn', 'warn', 'fail'], 'fail']
  ])('%j → %s', (verdicts, expected) => {
    expect(worst(verdicts)).toBe(expected)
  })

  it('does not depend on the order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<Verdict>('pass', 'warn', 'fail'), { minLength: 1 }), (vs) => {
        expect(worst([...vs].reverse())).toBe(worst(vs))
        expect(vs).toContain(worst(vs))
      })
    )
  })
})

describe('exitCode', () => {
  const m = (status: Status, verdict: Verdict) => ({ status, verdict })

  it.each<[string, Verdict, Array<{ status: Status; verdict: Verdict }>, 0 | 1 | 2]>([
    ['a pass', 'pass', [m('allowed', 'pass')], 0],
    ['a warn on a blocked model', 'warn', [m('blocked', 'warn')], 0],
    ['a warn on an error', 'warn', [m('allowed', 'pass'), m('error', 'warn')], 0],
    ['a failing blocked model', 'fail', [m('blocked', 'fail')], 1],
    [
      'a failing blocked model next to failing errors',
      'fail',
      [m('error', 'fail'), m('blocked', 'fail'), m('error', 'fail')],
      1
    ],
    ['only failing errors', 'fail', [m('error', 'fail'), m('allowed', 'pass')], 2],
    ['a warned blocked model next to a failing error', 'fail', [m('blocked', 'warn'), m('error', 'fail')], 2],
    ['a run-level failure with no models', 'fail', [], 2],
    ['a run-level failure after an allowed model', 'fail', [m('allowed', 'pass')], 2]
  ])('%s → %d', (_, verdict, models, code) => {
    expect(exitCode(verdict, models)).toBe(code)
  })
})

describe('overallOutcome', () => {
  const m = (status: Status, outcome?: string) => ({ status, ...(outcome !== undefined && { outcome }) })

  it.each<[string, Array<{ status: Status; outcome?: string }>, string]>([
    ['no models', [], ''],
    ['one allowed model', [m('allowed', 'ALLOWED')], 'ALLOWED'],
    ['one blocked model', [m('blocked', 'BLOCKED')], 'BLOCKED'],
    ['one model whose scan ended in ERROR', [m('error', 'ERROR')], 'ERROR'],
    ['one model that timed out', [m('error', 'PENDING')], 'PENDING'],
    ['one model never scanned', [m('error')], ''],
    // a workflow testing eval-outcome == 'ALLOWED' must not see an outcome the gate refused to trust
    ['one ALLOWED outcome the gate did not trust', [m('error', 'ALLOWED')], 'ERROR'],
    ['one unknown outcome', [m('error', 'QUARANTINED')], 'ERROR'],
    ['all allowed', [m('allowed', 'ALLOWED'), m('allowed', 'ALLOWED')], 'ALLOWED'],
    [
      'one blocked among errors',
      [m('error', 'ERROR'), m('blocked', 'BLOCKED'), m('allowed', 'ALLOWED')],
      'BLOCKED'
    ],
    ['an error among allowed', [m('allowed', 'ALLOWED'), m('error', 'PENDING')], 'ERROR'],
    ['an unscanned model among allowed', [m('allowed', 'ALLOWED'), m('error')], 'ERROR'],
    [
      'an ALLOWED outcome the gate did not trust, among allowed',
      [m('allowed', 'ALLOWED'), m('error', 'ALLOWED')],
      'ERROR'
    ]
  ])('%s → %j', (_, models, expected) => {
    expect(overallOutcome(models)).toBe(expected)
  })
})

describe('ALLOWED is cross-checked against the evaluations', () => {
  const allowed = (over: Partial<Evidence>) => assess({ outcome: 'ALLOWED', evaluations: [], ...over })

  it.each([
    [
      'an unknown rule state on a failed rule',
      rule('New Rule', 'FAILED', 'QUARANTINE'),
      'INCONSISTENT_RESULT'
    ],
    ['an unknown result on a blocking rule', rule('New Rule', 'SKIPPED', 'BLOCKING'), 'RULE_ERROR'],
    ['an unknown result on a rule of unknown state', rule('New Rule', 'MAYBE', 'AUDIT'), 'RULE_ERROR']
  ])('%s is not a pass', (_, evaluation, code) => {
    const a = allowed({ evaluations: [passedBlocking, evaluation] })
    expect(a.status).toBe('error')
    expect(a.error?.code).toBe(code)
    expect(a.reason).toContain('New Rule')
  })

  it('unknown results on ALLOWING or DISABLED rules do not matter', () => {
    const a = allowed({
      evaluations: [passedBlocking, rule('A', 'SKIPPED', 'ALLOWING'), rule('B', 'MAYBE', 'DISABLED')],
      totalRules: 3
    })
    expect(a.status).toBe('allowed')
  })

  it('an evaluation list known to be short is not a pass', () => {
    expect(allowed({ evaluations: [passedBlocking], evaluationsIncomplete: true }).error?.code).toBe(
      'INCONSISTENT_RESULT'
    )
  })

  it('fewer evaluations than the rules the scan counted is not a pass', () => {
    const a = allowed({ evaluations: [passedBlocking], totalRules: 11 })
    expect(a.error?.code).toBe('INCONSISTENT_RESULT')
    expect(a.reason).toContain('only 1 of 11 rule evaluations')
    expect(allowed({ evaluations: [passedBlocking], totalRules: 1 }).status).toBe('allowed')
  })

  const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`
  const instances = (n: number) => Array.from({ length: n }, (_, i) => ({ uuid: uuid(i), name: `Rule ${i}` }))
  const evaluationOf = (i: number): Evaluation => ({
    ...rule(`Rule ${i}`, 'PASSED', 'BLOCKING'),
    rule_instance_uuid: uuid(i)
  })

  it('with no summary and no policy, how many rules should have been evaluated is unknown: not a pass', () => {
    const a = allowed({ evaluations: [evaluationOf(0)] })
    expect(a.error?.code).toBe('INCONSISTENT_RESULT')
    expect(a.reason).toContain('neither the scan')
  })

  it.each([1, 2, 5, 10])(
    'with no summary, %i of the 11 rules the policy enables is not a pass, and names what is missing',
    (n) => {
      const a = allowed({
        evaluations: Array.from({ length: n }, (_, i) => evaluationOf(i)),
        enabledRules: instances(11)
      })
      expect(a.error?.code).toBe('INCONSISTENT_RESULT')
      expect(a.reason).toContain(`only ${n} of 11`)
      expect(a.reason).toContain(`Rule ${n}`)
    }
  )

  it('a summary that undercounts the policy does not excuse missing evaluations', () => {
    const a = allowed({ evaluations: [evaluationOf(0)], totalRules: 1, enabledRules: instances(11) })
    expect(a.error?.code).toBe('INCONSISTENT_RESULT')
  })

  it('one evaluation repeated does not count as many rules', () => {
    const same = Array.from({ length: 11 }, () => evaluationOf(0))
    expect(allowed({ evaluations: same, totalRules: 11 }).error?.code).toBe('INCONSISTENT_RESULT')
    expect(allowed({ evaluations: same, enabledRules: instances(11) }).error?.code).toBe(
      'INCONSISTENT_RESULT'
    )
  })

  it('evaluations of other or made-up rule instances do not stand in for the enabled ones', () => {
    const madeUp = Array.from({ length: 10 }, (_, i) => evaluationOf(100 + i))
    const a = allowed({
      evaluations: [evaluationOf(0), ...madeUp],
      totalRules: 11,
      enabledRules: instances(11)
    })
    expect(a.error?.code).toBe('INCONSISTENT_RESULT')
    expect(a.reason).toContain('only 1 of 11')
    expect(a.reason).toContain('not evaluated: Rule 1, Rule 2')
    // the same UUIDs in another case are the same rules
    const upper = Array.from({ length: 11 }, (_, i) => ({
      ...evaluationOf(i),
      rule_instance_uuid: evaluationOf(i).rule_instance_uuid!.toUpperCase()
    }))
    expect(allowed({ evaluations: upper, enabledRules: instances(11) }).status).toBe('allowed')
  })

  it('every enabled rule evaluated is a pass', () => {
    const all = Array.from({ length: 11 }, (_, i) => evaluationOf(i))
    expect(allowed({ evaluations: all, enabledRules: instances(11) }).status).toBe('allowed')
  })

  const file = (path: string, result: string) => ({ path, type: 'FILE', result })

  it.each<[string, Partial<Evidence>, string]>([
    ['no file scanned', { filesScanned: 0 }, 'NOTHING_TO_VERIFY'],
    ['no file listed', { files: [] }, 'NOTHING_TO_VERIFY'],
    [
      'every file skipped',
      { files: [file('README.md', 'SKIPPED'), file('a.bin', 'SKIPPED')] },
      'NOTHING_TO_VERIFY'
    ],
    [
      'a file that ended in ERROR',
      { files: [file('config.json', 'SUCCESS'), file('model.bin', 'ERROR')] },
      'INCONSISTENT_RESULT'
    ],
    [
      'a file list read in part',
      { files: [file('model.safetensors', 'SUCCESS')], filesIncomplete: true },
      'INCONSISTENT_RESULT'
    ]
  ])('ALLOWED with %s is not a pass', (_, evidence, code) => {
    const a = allowed({ evaluations: [passedBlocking], totalRules: 1, ...evidence })
    expect(a.status).toBe('error')
    expect(a.error?.code).toBe(code)
  })

  it('ALLOWED with a verified file beside skipped ones, or with the count not reported, is a pass', () => {
    const base = { evaluations: [passedBlocking], totalRules: 1 }
    expect(
      allowed({ ...base, files: [file('README.md', 'SKIPPED'), file('model.safetensors', 'SUCCESS')] }).status
    ).toBe('allowed')
    expect(allowed({ ...base, filesScanned: null }).status).toBe('allowed')
    expect(allowed({ ...base, filesScanned: 3 }).status).toBe('allowed')
  })
})

describe('fail-closed', () => {
  const evaluation = fc.record({
    rule_name: fc.string({ maxLength: 20 }),
    result: fc.oneof(fc.constantFrom('PASSED', 'FAILED', 'ERROR'), fc.string({ maxLength: 8 })),
    rule_instance_state: fc.oneof(
      fc.constantFrom('BLOCKING', 'ALLOWING', 'DISABLED'),
      fc.string({ maxLength: 8 })
    )
  })
  const errorInfo = fc.record({
    code: fc.constantFrom<GateErrorInfo['code']>(
      'SERVICE_ERROR',
      'NETWORK_ERROR',
      'TIMEOUT',
      'INTERNAL_ERROR'
    ),
    message: fc.string({ maxLength: 20 })
  })
  const outcome = fc.oneof(
    fc.constantFrom('BLOCKED', 'ERROR', 'PENDING', 'allowed', 'ALLOWED ', '', undefined),
    fc.string({ maxLength: 12 })
  )

  it('never passes a model the service did not report exactly ALLOWED, whatever the evaluations', () => {
    fc.assert(
      fc.property(
        outcome.filter((o) => o !== 'ALLOWED'),
        fc.array(evaluation, { maxLength: 6 }),
        fc.option(errorInfo, { nil: undefined }),
        fc.option(errorInfo, { nil: undefined }),
        fc.option(fc.nat(50), { nil: undefined }),
        fc.option(fc.nat(50), { nil: undefined }),
        (o, evaluations, error, collectionError, rulesFailed, totalRules) => {
          const a = assess({ outcome: o, evaluations, error, collectionError, rulesFailed, totalRules })
          expect(a.status).not.toBe('allowed')
          expect(judge(a.status, 'enforce', 'fail')).not.toBe('pass')
        }
      ),
      { numRuns: 2000 }
    )
  })

  it('never passes a model with an error, whatever the outcome', () => {
    fc.assert(
      fc.property(outcome, fc.array(evaluation, { maxLength: 6 }), errorInfo, (o, evaluations, error) => {
        expect(judge(assess({ outcome: o, evaluations, error }).status, 'warn', 'fail')).toBe('fail')
      })
    )
  })
})
