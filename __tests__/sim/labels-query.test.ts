import { describe, expect, it } from '@jest/globals'
import { LabelsQueryError, parseLabelsQuery } from '../../sim/labels-query.js'

const L = (s: string) => s.split(',').map((p) => ({ key: p.split('=')[0]!, value: p.split('=')[1]! }))

describe('labels_query grammar', () => {
  it.each([
    ['env:prod', 'env=prod', true],
    ['env:prod', 'env=dev', false],
    ['env:*', 'env=anything', true],
    ['env:*', 'team=ml', false],
    ['env:prod AND team:ml', 'env=prod,team=ml', true],
    ['env:prod AND team:ml', 'env=prod,team=qa', false],
    ['env:prod OR env:staging', 'env=staging', true],
    // AND binds tighter than OR
    ['env:prod OR env:dev AND team:ml', 'env=prod', true],
    ['env:prod OR env:dev AND team:ml', 'env=dev', false],
    ['(env:prod OR env:dev) AND team:ml', 'env=prod', false],
    ['(env:prod OR env:dev) AND team:ml', 'env=dev,team=ml', true],
    ['env:prod and team:ml', 'env=prod,team=ml', true]
  ])('%s on %s → %s', (q, labels, expected) => {
    expect(parseLabelsQuery(q)(L(labels))).toBe(expected)
  })

  it.each(['', 'env', 'env:prod AND', '((env:a))', '(env:a', 'env:a)', 'env:a.b', 'env:prod XOR team:ml'])(
    'rejects %j',
    (q) => {
      expect(() => parseLabelsQuery(q)).toThrow(LabelsQueryError)
    }
  )
})
