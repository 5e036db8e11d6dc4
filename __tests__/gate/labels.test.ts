/* eslint jest/expect-expect: ['warn', { assertFunctionNames: ['expect', 'expectInputError'] }] */
import { describe, expect, it } from '@jest/globals'
import { LabelSchema, type Label } from '../../src/airs/schemas/common.js'
import { MAX_LABELS_PER_SCAN } from '../../src/airs/schemas/spec-values.js'
import { GateError } from '../../src/util/gate-error.js'
import { autoLabels, mergeLabels, parseLabels, toLabelValue, withGateKeys } from '../../src/gate/labels.js'
import { thrown } from '../helpers/throws.js'

const rejects = (f: () => unknown): GateError => thrown(GateError, f)

function expectInputError(e: GateError, inputName: string, ...parts: string[]): void {
  expect(e.code).toBe('INVALID_INPUT')
  expect(e.message.startsWith(`Invalid input ${inputName}: `)).toBe(true)
  expect(e.message).not.toMatch(/[\r\n]/)
  for (const part of parts) expect(e.message).toContain(part)
}

const labelLines = (n: number) => Array.from({ length: n }, (_, i) => `k${i}=v${i}`).join('\n')

describe('parseLabels', () => {
  it.each([
    ['', []],
    ['  \n\t\n', []],
    ['team=ml', [{ key: 'team', value: 'ml' }]],
    [
      '# owners\n\nteam = ml-platform \n  # stage\nstage=prod\n',
      [
        { key: 'team', value: 'ml-platform' },
        { key: 'stage', value: 'prod' }
      ]
    ],
    [
      'a=1\r\nb=2\r\n',
      [
        { key: 'a', value: '1' },
        { key: 'b', value: '2' }
      ]
    ],
    ['  model_id = Abc_123-x  ', [{ key: 'model_id', value: 'Abc_123-x' }]],
    ['[]', []],
    [' \n [ ] ', []],
    [
      '[{"key": "team", "value": "ml"}, {"value": "prod", "key": "stage"}]',
      [
        { key: 'team', value: 'ml' },
        { key: 'stage', value: 'prod' }
      ]
    ],
    ['\n  [\n  {"key": "a", "value": "b"}\n]\n', [{ key: 'a', value: 'b' }]]
  ])('reads %j', (text, labels) => {
    expect(parseLabels(text)).toEqual(labels)
  })

  it('accepts the longest key and value the spec allows', () => {
    const key = 'k'.repeat(128)
    const value = 'v'.repeat(256)
    expect(parseLabels(`${key}=${value}`)).toEqual([{ key, value }])
  })

  it(`accepts ${MAX_LABELS_PER_SCAN - 1} labels, one fewer than a scan takes`, () => {
    expect(parseLabels(labelLines(MAX_LABELS_PER_SCAN - 1))).toHaveLength(MAX_LABELS_PER_SCAN - 1)
  })

  it.each([
    // [text, parts the message must contain]
    ['team', ['line 1', '"team" is not key=value', 'key=value (e.g. team=ml-platform)']],
    ['{"team": "ml"}', ['starts with "{" but labels are a JSON array of']],
    ['# c\n\na=1\nnoequals', ['line 4', '"noequals"']],
    ['=ml', ['line 1', 'label key is empty']],
    ['team=', ['line 1', 'label "team"', 'label value is empty']],
    ['team.name=ml', ['line 1', 'key "team.name"', 'only contain letters, digits', '"team-name"']],
    [
      'a=1\nmodel-version=v1.2',
      ['line 2', 'label "model-version"', 'value "v1.2"', 'write it as "v1-2"', 'dots']
    ],
    ['team=ml platform', ['value "ml platform"', 'write it as "ml-platform"']],
    ['k=a=b', ['value "a=b"', 'write it as "a-b"']],
    ['owner=é', ['value "é"', 'replace the other characters with "-"']],
    [`${'k'.repeat(129)}=v`, ['line 1', 'longer than 128 characters', 'shorten it']],
    [`k=${'v'.repeat(257)}`, ['line 1', 'label "k"', 'longer than 256 characters', 'shorten it']],
    ['team=a\nstage=b\nteam=c', ['line 3', 'key "team" repeats line 1', 'keep one']],
    [
      labelLines(MAX_LABELS_PER_SCAN),
      [`${MAX_LABELS_PER_SCAN} labels given`, `at most ${MAX_LABELS_PER_SCAN - 1}`]
    ],
    ['[{"key": "a", "value": "b"}', ['not valid JSON', 'JSON array of {"key"']],
    ['[1, 2', ['not valid JSON']],
    ['[1, 2]', ['item 0 is not an object']],
    ['[{"key": "a", "value": "b"}, null]', ['item 1 is not an object']],
    ['[{"key": "a", "value": "b"}, ["c", "d"]]', ['item 1 is not an object']],
    [
      '[{"key": "a", "value": "b", "color": "red"}]',
      ['item 0', 'unknown field "color"', '"key" and "value"']
    ],
    ['[{"value": "b"}]', ['item 0', '"key" is missing']],
    ['[{"key": "a", "value": 2}]', ['item 0', '"value" is a number']],
    ['[{"key": "a", "value": null}]', ['item 0', '"value" is a null']],
    ['[{"key": "a", "value": "b"}, {"key": "c", "value": "v1.2"}]', ['item 1', 'label "c"', '"v1-2"']],
    ['[{"key": "a", "value": "1"}, {"key": "a", "value": "2"}]', ['item 1', 'repeats item 0']],
    ['[{"key": "a", "value": "line\\nbreak"}]', ['item 0', String.raw`"line\nbreak"`]]
  ])('rejects %j', (text, parts) => {
    expectInputError(
      rejects(() => parseLabels(text)),
      'labels',
      ...parts
    )
  })

  it('names the input it was given', () => {
    expectInputError(
      rejects(() => parseLabels('nope', 'extra-labels')),
      'extra-labels',
      'line 1'
    )
  })

  it('gives the whole fix for a value with a dot', () => {
    expect(rejects(() => parseLabels('model-version=v1.2')).message).toBe(
      'Invalid input labels: line 1: value "v1.2" of label "model-version": label value may only contain ' +
        'letters, digits, "_" and "-"; write it as "v1-2" (dots are not allowed).'
    )
  })

  it.each([
    [
      `${'a'.repeat(150)}.${'b'.repeat(50)}`,
      ['201 characters', 'replace the other characters with "-" (dots are not allowed)']
    ],
    [`${'a'.repeat(150)}.${'b'.repeat(150)}`, ['301 characters', 'longer than 256 characters']]
  ])('does not echo more than about 100 characters of a value', (value, parts) => {
    const e = rejects(() => parseLabels(`k=${value}`))
    expectInputError(e, 'labels', ...parts)
    expect(e.message).toContain('a'.repeat(100))
    expect(e.message).not.toContain('a'.repeat(101))
    expect(e.message).not.toContain('bbb')
    expect(e.message.length).toBeLessThan(300)
  })

  it('keeps a long JSON parse error on one short line', () => {
    const e = rejects(() => parseLabels(`[{"key": "a", "value": "${'x'.repeat(500)}\n\n}`))
    expectInputError(e, 'labels', 'not valid JSON')
    expect(e.message.length).toBeLessThan(400)
  })
})

describe('toLabelValue', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['...', undefined],
    ['  / ', undefined],
    ['--', undefined],
    ['main', 'main'],
    ['octo-org/my.repo', 'octo-org-my-repo'],
    ['feature/x.y', 'feature-x-y'],
    ['v1.2', 'v1-2'],
    ['Model gate / build', 'Model-gate-build'],
    ['__a__', '__a__'],
    ['-/lead and trail/-', 'lead-and-trail'],
    ['refs/heads/ü-ß', 'refs-heads'],
    ['a😀b', 'a-b']
  ])('turns %j into %j', (text, value) => {
    expect(toLabelValue(text)).toBe(value)
  })

  it('cuts to 256 characters without leaving a trailing "-"', () => {
    expect(toLabelValue('x'.repeat(300))).toBe('x'.repeat(256))
    const cut = toLabelValue(`${'x'.repeat(255)}/yyy`)
    expect(cut).toBe('x'.repeat(255))
    expect(LabelSchema.safeParse({ key: 'k', value: cut }).success).toBe(true)
  })
})

describe('autoLabels', () => {
  const github = {
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'octo-org/my.repo',
    GITHUB_REF_NAME: 'feature/x.y',
    GITHUB_HEAD_REF: '',
    GITHUB_SHA: 'ffac537e6cbbf934b08745a378932722df287a53',
    GITHUB_WORKFLOW: 'Model gate',
    GITHUB_RUN_ID: '1658821493',
    GITHUB_RUN_ATTEMPT: '2',
    GITHUB_EVENT_NAME: 'push'
  }

  const cases: [string, Record<string, string | undefined>, Label[]][] = [
    [
      'GitHub Actions push',
      github,
      [
        { key: 'ci-system', value: 'github' },
        { key: 'ci-repository', value: 'octo-org-my-repo' },
        { key: 'ci-ref', value: 'feature-x-y' },
        { key: 'ci-sha', value: 'ffac537e6cbbf934b08745a378932722df287a53' },
        { key: 'ci-workflow', value: 'Model-gate' },
        { key: 'ci-run-id', value: '1658821493' },
        { key: 'ci-run-attempt', value: '2' },
        { key: 'ci-event', value: 'push' }
      ]
    ],
    [
      'GitHub Actions pull request (head branch, not <n>/merge)',
      {
        ...github,
        GITHUB_REF_NAME: '42/merge',
        GITHUB_HEAD_REF: 'feature/x.y',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_WORKFLOW: '...',
        GITHUB_RUN_ATTEMPT: undefined
      },
      [
        { key: 'ci-system', value: 'github' },
        { key: 'ci-repository', value: 'octo-org-my-repo' },
        { key: 'ci-ref', value: 'feature-x-y' },
        { key: 'ci-sha', value: 'ffac537e6cbbf934b08745a378932722df287a53' },
        { key: 'ci-run-id', value: '1658821493' },
        { key: 'ci-event', value: 'pull_request' }
      ]
    ],
    [
      'GitLab CI',
      {
        GITLAB_CI: 'true',
        CI_PROJECT_PATH: 'group/sub.group/model.repo',
        CI_COMMIT_REF_NAME: 'release/2.0',
        CI_COMMIT_SHA: '1ecfd275763eff1d6b4844ea3168962458c9f27a',
        CI_JOB_NAME: 'scan model',
        CI_PIPELINE_ID: '1000',
        CI_PIPELINE_SOURCE: 'merge_request_event',
        GITHUB_SHA: 'must-not-be-read'
      },
      [
        { key: 'ci-system', value: 'gitlab' },
        { key: 'ci-repository', value: 'group-sub-group-model-repo' },
        { key: 'ci-ref', value: 'release-2-0' },
        { key: 'ci-sha', value: '1ecfd275763eff1d6b4844ea3168962458c9f27a' },
        { key: 'ci-workflow', value: 'scan-model' },
        { key: 'ci-run-id', value: '1000' },
        { key: 'ci-event', value: 'merge_request_event' }
      ]
    ],
    [
      'Jenkins (git plugin)',
      {
        JENKINS_URL: 'https://jenkins.example.com/',
        JOB_NAME: 'models/gate.job',
        GIT_BRANCH: 'origin/main',
        BRANCH_NAME: 'ignored',
        GIT_COMMIT: 'a1b2c3',
        BUILD_NUMBER: '17'
      },
      [
        { key: 'ci-system', value: 'jenkins' },
        { key: 'ci-repository', value: 'models-gate-job' },
        { key: 'ci-ref', value: 'origin-main' },
        { key: 'ci-sha', value: 'a1b2c3' },
        { key: 'ci-workflow', value: 'models-gate-job' },
        { key: 'ci-run-id', value: '17' }
      ]
    ],
    [
      'Jenkins multibranch (BRANCH_NAME only)',
      { JENKINS_URL: 'https://jenkins.example.com/', BRANCH_NAME: 'PR-12', BUILD_NUMBER: '3' },
      [
        { key: 'ci-system', value: 'jenkins' },
        { key: 'ci-ref', value: 'PR-12' },
        { key: 'ci-run-id', value: '3' }
      ]
    ],
    ['no CI', { HOME: '/home/me', CI: 'true', GIT_BRANCH: 'main' }, []],
    ['GITHUB_ACTIONS not "true"', { ...github, GITHUB_ACTIONS: 'false' }, []],
    ['empty JENKINS_URL', { JENKINS_URL: '', BUILD_NUMBER: '3' }, []]
  ]

  it.each(cases)('%s', (_name, env, labels) => {
    const got = autoLabels(env)
    expect(got).toEqual(labels)
    for (const label of got) expect(LabelSchema.safeParse(label).success).toBe(true)
  })

  it('sanitises whatever the environment holds into valid labels', () => {
    const junk = '  ../weird ref\twith spaces & ünïcode/…' + '.x'.repeat(300)
    const env: Record<string, string> = { GITHUB_ACTIONS: 'true' }
    for (const name of Object.keys(github)) if (name !== 'GITHUB_ACTIONS') env[name] = junk
    const got = autoLabels(env)
    expect(got.map((l) => l.key)).toEqual([
      'ci-system',
      'ci-repository',
      'ci-ref',
      'ci-sha',
      'ci-workflow',
      'ci-run-id',
      'ci-run-attempt',
      'ci-event'
    ])
    for (const label of got) expect(LabelSchema.safeParse(label).success).toBe(true)
  })
})

describe('mergeLabels', () => {
  const auto: Label[] = [
    { key: 'ci-system', value: 'github' },
    { key: 'ci-ref', value: 'main' },
    { key: 'ci-run-id', value: '7' }
  ]

  it('keeps user labels first and lets them override automatic ones with the same key', () => {
    const user: Label[] = [
      { key: 'team', value: 'ml' },
      { key: 'ci-ref', value: 'release-1' }
    ]
    expect(mergeLabels(user, auto, 49)).toEqual([
      { key: 'team', value: 'ml' },
      { key: 'ci-ref', value: 'release-1' },
      { key: 'ci-system', value: 'github' },
      { key: 'ci-run-id', value: '7' }
    ])
  })

  it('takes exactly max labels, counting only automatic ones that are not overridden', () => {
    const user = parseLabels(labelLines(3)).concat({ key: 'ci-ref', value: 'x' })
    expect(mergeLabels(user, auto, 6)).toHaveLength(6)
    expect(mergeLabels([], auto, 3)).toEqual(auto)
  })

  it('refuses more than max and says how to get under it', () => {
    const user = parseLabels(labelLines(47))
    const eight = Array.from({ length: 8 }, (_, i) => ({ key: `ci-${i}`, value: 'x' }))
    const e = rejects(() => mergeLabels(user, eight, 49))
    expectInputError(e, 'labels')
    expect(e.message).toBe(
      'Invalid input labels: 47 labels plus 8 automatic ones exceed the 49 a scan can take; ' +
        'remove some or set auto-labels: false.'
    )
  })

  it('counts automatic labels after overrides in the message', () => {
    const user = parseLabels(labelLines(2)).concat({ key: 'ci-ref', value: 'x' })
    const e = rejects(() => mergeLabels(user, auto, 4, 'my-labels'))
    expectInputError(e, 'my-labels', '3 labels plus 2 automatic ones exceed the 4')
  })

  it('does not suggest turning off automatic labels when none are left', () => {
    const e = rejects(() => mergeLabels(parseLabels(labelLines(3)), [], 2))
    expectInputError(e, 'labels', '3 labels exceed the 2')
    expect(e.message).not.toContain('auto-labels')
  })
})

describe('withGateKeys', () => {
  const user = (n: number): Label[] => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: 'v' }))
  const keys: Label[] = [
    { key: 'gate-reuse-key', value: 'r' },
    { key: 'gate-model-key', value: 'm' }
  ]
  it('adds the gate’s keys in order while they fit, leaving the client its one label', () => {
    expect(withGateKeys(user(2), keys)).toEqual([...user(2), ...keys])
    // with reuse the labels input stops at 48: the reuse key (first) keeps its place
    expect(withGateKeys(user(MAX_LABELS_PER_SCAN - 2), keys)).toEqual([
      ...user(MAX_LABELS_PER_SCAN - 2),
      keys[0]
    ])
    expect(withGateKeys(user(MAX_LABELS_PER_SCAN - 1), keys)).toEqual(user(MAX_LABELS_PER_SCAN - 1))
  })
})
