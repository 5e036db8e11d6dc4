import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  artifactUnavailable,
  resultsArtifactName,
  uploadResults,
  type UploadOptions
} from '../../src/github/upload-results.js'
import { ARTIFACT_FILES } from '../../src/publish.js'
import {
  resultsEnv,
  runtimeToken,
  startFakeResults,
  unzip,
  type FakeResults
} from '../helpers/fake-results.js'

/**
 * The report and SARIF log uploaded with @actions/artifact to a stand-in of the artifact service over real HTTP.
 * The client reads its service and token from process.env, so each test sets them there.
 */

let fake: FakeResults
let runnerTemp: string
const saved = { ...process.env }
const infos: string[] = []
const logger = { debug: () => {}, info: (m: string) => void infos.push(m), warning: () => {} }

const FILES = [
  { name: ARTIFACT_FILES.report, text: '{\n  "verdict": "fail"\n}\n' },
  { name: ARTIFACT_FILES.sarif, text: `${JSON.stringify({ version: '2.1.0', runs: [] }, null, 2)}\n` }
]

const env = (over: Record<string, string> = {}) => ({
  ...resultsEnv(fake),
  GITHUB_REPOSITORY: 'acme/models',
  GITHUB_RUN_ID: '123456',
  GITHUB_JOB: 'gate',
  RUNNER_TEMP: runnerTemp,
  ...over
})
const options = (over: Partial<UploadOptions> = {}): UploadOptions => ({
  commentTag: '',
  env: env(),
  logger,
  ...over
})

beforeAll(async () => {
  fake = await startFakeResults()
})
afterAll(async () => {
  await fake.close()
})
beforeEach(() => {
  runnerTemp = mkdtempSync(join(tmpdir(), 'airs-results-'))
  Object.assign(process.env, env())
  fake.fault = {}
  infos.length = 0
  // the client prints its progress through @actions/core
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
})
afterEach(() => {
  jest.restoreAllMocks()
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k]
  Object.assign(process.env, saved)
  rmSync(runnerTemp, { recursive: true, force: true })
})

describe('uploadResults', () => {
  it('uploads both files under their fixed names and links the artifact in the run', async () => {
    const a = await uploadResults(FILES, options({ commentTag: 'nlp models' }))
    expect(a.name).toBe('airs-model-gate-gate-nlp-models')
    const stored = fake.artifacts.find((s) => s.id === a.id)!
    expect(stored.name).toBe(a.name)
    expect(unzip(stored.zip)).toEqual({ 'report.json': FILES[0]!.text, 'results.sarif': FILES[1]!.text })
    expect(a.url).toBe(`https://github.com/acme/models/actions/runs/123456/artifacts/${a.id}`)
    // the staging directory is gone
    expect(readdirSync(runnerTemp)).toEqual([])
  })

  it('takes the next free name when a matrix leg already used it, and says why', async () => {
    fake.taken.add('shared-name')
    fake.taken.add('shared-name-2')
    const a = await uploadResults(FILES, options({ name: 'shared-name' }))
    expect(a.name).toBe('shared-name-3')
    expect(infos.join('\n')).toMatch(/shared-name already exists.*artifact-name/)
  })

  it('gives up after a few taken names instead of looping', async () => {
    for (const n of ['full', 'full-2', 'full-3', 'full-4', 'full-5']) fake.taken.add(n)
    await expect(uploadResults(FILES, options({ name: 'full' }))).rejects.toThrow(/409/)
  })

  it('names a re-run by its attempt, since a name is used once per run', async () => {
    const e = env({ GITHUB_RUN_ATTEMPT: '2' })
    Object.assign(process.env, e)
    const a = await uploadResults(FILES, options({ env: e }))
    expect(a.name).toBe('airs-model-gate-gate-attempt-2')
  })

  it('rejects, leaving nothing behind, when the service refuses', async () => {
    fake.fault.createStatus = 403
    const before = fake.artifacts.length
    await expect(uploadResults(FILES, options({ name: 'refused' }))).rejects.toThrow(/403/)
    expect(fake.artifacts.length).toBe(before)
    expect(readdirSync(runnerTemp)).toEqual([])
  })

  it('rejects a runtime token without the results scope, and one the service refuses', async () => {
    process.env.ACTIONS_RUNTIME_TOKEN = 'e30.e30.sig'
    await expect(uploadResults(FILES, options({ name: 'no-scope' }))).rejects.toThrow(/JWT|claims/)
    process.env.ACTIONS_RUNTIME_TOKEN = runtimeToken('another-run')
    const refused = fake.refused
    await expect(uploadResults(FILES, options({ name: 'other-token' }))).rejects.toThrow(/401/)
    expect(fake.refused).toBe(refused + 1)
  })

  it('stops waiting at the deadline when the upload stalls', async () => {
    fake.fault.uploadDelayMs = 800
    await expect(uploadResults(FILES, options({ name: 'stalled', deadlineMs: 200 }))).rejects.toThrow(
      /did not finish within/
    )
    // the client's upload still ends, a little later: let it, so nothing outlives the file
    await new Promise((resolve) => setTimeout(resolve, 1_500))
  })
})

describe('artifactUnavailable', () => {
  const ok = {
    ACTIONS_RUNTIME_TOKEN: 't',
    ACTIONS_RESULTS_URL: 'https://results.example/',
    GITHUB_REPOSITORY: 'acme/models',
    GITHUB_RUN_ID: '1'
  }
  it('is undefined on github.com and GHE.com with the runner’s service', () => {
    expect(artifactUnavailable(ok)).toBeUndefined()
    expect(artifactUnavailable({ ...ok, GITHUB_SERVER_URL: 'https://acme.ghe.com' })).toBeUndefined()
  })
  it('says why outside Actions, on GHES, or when the run is unknown or malformed', () => {
    expect(artifactUnavailable({ ...ok, ACTIONS_RESULTS_URL: '' })).toMatch(/outside GitHub Actions/)
    expect(artifactUnavailable({ ...ok, ACTIONS_RUNTIME_TOKEN: undefined })).toMatch(/outside GitHub Actions/)
    expect(artifactUnavailable({ ...ok, GITHUB_SERVER_URL: 'https://github.acme.corp' })).toMatch(
      /Enterprise Server/
    )
    expect(artifactUnavailable({ ...ok, GITHUB_RUN_ID: '1/../../x' })).toMatch(/which run/)
    expect(artifactUnavailable({ ...ok, GITHUB_REPOSITORY: 'acme/models)](https://evil' })).toMatch(
      /which run/
    )
  })
})

describe('resultsArtifactName', () => {
  it('is one per job and tag, with characters the service refuses replaced', () => {
    expect(resultsArtifactName(undefined, '', { GITHUB_JOB: 'gate' })).toBe('airs-model-gate-gate')
    expect(resultsArtifactName(undefined, 'a/b: "c"', { GITHUB_JOB: 'gate' })).toBe(
      'airs-model-gate-gate-a-b-c-'
    )
    expect(resultsArtifactName(undefined, '', {})).toBe('airs-model-gate')
  })
  it('keeps a given name, adding the attempt of a re-run only', () => {
    expect(resultsArtifactName('mine', '', { GITHUB_RUN_ATTEMPT: '1' })).toBe('mine')
    expect(resultsArtifactName('mine', '', { GITHUB_RUN_ATTEMPT: '3' })).toBe('mine-attempt-3')
    expect(resultsArtifactName('mine', '', { GITHUB_RUN_ATTEMPT: 'x' })).toBe('mine')
  })
})
