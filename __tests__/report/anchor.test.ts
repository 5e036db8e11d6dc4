import { describe, expect, it } from '@jest/globals'
import type { ModelResult } from '../../src/gate/result.js'
import { locator, workflowPath } from '../../src/report/anchor.js'
import { fixtureReport } from '../helpers/reports.js'

const hf = fixtureReport('dialogpt-blocked').models[0]!
const local = (path: string): ModelResult => ({
  ...hf,
  model: { input: path, source_type: 'LOCAL', model_uri: path }
})

describe('locator', () => {
  it('anchors a local model inside the repository to the model file', () => {
    const locate = locator({ workspace: '/ws/repo' })
    expect(locate(local('models/bert'), 'weights/model.bin')).toEqual({
      file: 'models/bert/weights/model.bin'
    })
    expect(locate(local('/ws/repo/models/bert'), null)).toEqual({ file: 'models/bert' })
    // a model given as one file: findings name that file
    expect(locate(local('models/model.pkl'), 'model.pkl')).toEqual({ file: 'models/model.pkl' })
  })

  it('never anchors outside the repository', () => {
    const locate = locator({ workspace: '/ws/repo' })
    expect(locate(local('/tmp/models/bert'), 'model.bin')).toBeUndefined()
    expect(locate(local('models/bert'), '../../../../etc/passwd')).toBeUndefined()
    expect(locator({})(local('models/bert'), 'model.bin')).toBeUndefined()
  })

  it('anchors a hub model to the workflow line that names it, else line 1, else nowhere', () => {
    const text =
      'jobs:\n  gate:\n    with:\n      model-uri: https://huggingface.co/microsoft/DialoGPT-medium\n'
    expect(locator({ workflowFile: '.github/workflows/g.yml', workflowText: text })(hf, 'x.bin')).toEqual({
      file: '.github/workflows/g.yml',
      line: 4
    })
    expect(locator({ workflowFile: '.github/workflows/g.yml' })(hf, 'x.bin')).toEqual({
      file: '.github/workflows/g.yml',
      line: 1
    })
    expect(locator({ workspace: '/ws' })(hf, 'x.bin')).toBeUndefined()
  })
})

describe('workflowPath', () => {
  it.each([
    ['octo/repo/.github/workflows/gate.yml@refs/heads/main', 'octo/repo', '.github/workflows/gate.yml'],
    ['octo/repo/.github/workflows/gate.yaml@refs/pull/7/merge', 'octo/repo', '.github/workflows/gate.yaml'],
    ['other/repo/.github/workflows/gate.yml@refs/heads/main', 'octo/repo', undefined],
    ['octo/repo/../../etc/passwd@x', 'octo/repo', undefined],
    [undefined, 'octo/repo', undefined]
  ])('%s in %s → %s', (ref, repo, expected) => {
    expect(workflowPath(ref, repo)).toBe(expected)
  })
})
