import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ModelSecurityClient } from '../../src/airs/client.js'
import { gateModels } from '../../src/gate/gate-models.js'
import { manifestJsonSchema, parseManifest } from '../../src/gate/model-manifest.js'
import { verifyModels } from '../../src/gate/verify-run.js'
import { readStep } from '../../src/inputs.js'
import { attestationPredicate } from '../../src/report/attestation.js'
import { renderSummary } from '../../src/report/summary.js'
import { renderTerminal } from '../../src/report/terminal.js'
import { runView } from '../../src/report/view.js'
import { GateError } from '../../src/util/gate-error.js'
import type { Simulator } from '../../sim/server.js'
import { SIM_HF } from '../helpers/ids.js'
import { fixtureReport } from '../helpers/reports.js'
import { capture, clientFor, requests, startSim } from '../helpers/sim.js'
import { thrown } from '../helpers/throws.js'

/**
 * models-file: a manifest of models with settings of their own. Every problem is one line naming the file, the
 * line and the field, before any request; each model is gated with its own group, labels, mode and patterns.
 */

const PUBLISHED = JSON.parse(
  readFileSync(new URL('../../docs/models-file.schema.json', import.meta.url), 'utf8')
) as unknown

let ws: string
let sim: Simulator
let client: ModelSecurityClient
beforeAll(async () => {
  ws = mkdtempSync(join(tmpdir(), 'airs-manifest-'))
  mkdirSync(join(ws, 'models', 'local'), { recursive: true })
  writeFileSync(join(ws, 'models', 'local', 'model.safetensors'), 'w')
  sim = await startSim({ settleMs: 20 })
  client = clientFor(sim)
})
afterAll(async () => {
  rmSync(ws, { recursive: true, force: true })
  await client.close()
})

const parse = (text: string) => parseManifest(text, 'models.yml', { workspace: ws })
const problem = (text: string): string => {
  const e = thrown(GateError, () => parse(text))
  expect(e.code).toBe('INVALID_INPUT')
  expect(e.message).not.toContain('\n')
  return e.message
}

describe('parseManifest', () => {
  it("reads each model with its own settings; what it leaves out keeps the step's inputs", () => {
    const models = parse(`# the models this repository depends on
version: 1
models:
  - uri: ${SIM_HF}/clean-model@main
    security-group: Production HF models
    labels: { team: nlp, tier: "1" }
    mode: warn
    owner: "@octo-org/nlp"
  - uri: models/local
    ignore-patterns: ["*.md"]
  - uri: hf://airs-sim/pickle-rce
`)
    expect(models.map((m) => [m.sourceType, m.modelUri, m.revision])).toEqual([
      ['HUGGING_FACE', `${SIM_HF}/clean-model`, 'main'],
      ['LOCAL', 'models/local', undefined],
      ['HUGGING_FACE', `${SIM_HF}/pickle-rce`, undefined]
    ])
    expect(models[0]!.overrides).toEqual({
      group: { name: 'Production HF models' },
      labels: [
        { key: 'team', value: 'nlp' },
        { key: 'tier', value: '1' }
      ],
      mode: 'warn',
      owner: '@octo-org/nlp'
    })
    expect(models[1]!.overrides).toEqual({ ignorePatterns: ['*.md'] })
    expect(models[2]!.overrides).toEqual({})
    // JSON is YAML
    expect(parse(JSON.stringify({ models: [{ uri: 'models/local' }] }))).toHaveLength(1)
  })

  it.each([
    ['models:\n  - uri: a\n   bad: indent\n', /models\.yml line 3: /],
    ['models: []\n', /models\.yml line 1: models: lists nothing; give at least one model/],
    ['model:\n  - uri: x\n', /models\.yml line 1: unknown field "model"; the fields are version, models/],
    [
      'models:\n  - uri: models/local\n  - uri: models/local\n    secuirty-group: x\n',
      /models\.yml line 4: models\[1\]: unknown field "secuirty-group"; the fields are uri, security-group, labels, mode/
    ],
    [
      'models:\n  - uri: models/local\n    mode: block\n',
      /models\.yml line 3: models\[0\]\.mode: expected "enforce" or "warn"/
    ],
    ['models:\n  - uri: ftp://host/model\n', /models\.yml line 2: models\[0\]\.uri: .*ftp/],
    ['models:\n  - uri: models/missing\n', /models\.yml line 2: models\[0\]\.uri: .*does not exist/],
    [
      'models:\n  - uri: models/local\n  - uri: ./models/local\n',
      /models\.yml line 3: models\[1\]\.uri: repeats models\[0\]/
    ],
    [
      'models:\n  - uri: models/local\n    labels: { "a.b": x }\n',
      /line 3: models\[0\]\.labels: key "a\.b" may hold only/
    ],
    [
      'models:\n  - uri: models/local\n    labels: { tier: 1 }\n',
      /line 3: models\[0\]\.labels\.tier: a label value is text: quote it/
    ],
    [
      'models:\n  - uri: models/local\n    labels: { "a\\n::error::x": [1] }\n',
      /models\[0\]\.labels\["a ::error::x"\]: /
    ],
    [
      'models:\n  - uri: models/local\n    security-group: "a\\n::error::x"\n',
      /line 3: models\[0\]\.security-group: a group may not hold control/
    ],
    [
      'models:\n  - uri: models/local\n    owner: "alice"\n',
      /line 3: models\[0\]\.owner: an owner is a GitHub @user or @org\/team/
    ],
    [
      'models:\n  - uri: models/local\n    security-group: 123e4567-e89b-12d3-a456-42661417400\n',
      /line 3: models\[0\]\.security-group: looks like a UUID but is not one/
    ],
    ['%YAML 1.1\n---\nmodels:\n  - uri: models/local\n', /models\.yml: only YAML 1\.2 is read/],
    ['models:\n  - uri: !!js/function models/local\n', /models\.yml line 2: .*tag/i],
    [
      'models:\n  - uri: models/local\n    labels: { gate-reuse-key: x }\n',
      /models\[0\]\.labels: the key "gate-reuse-key" is set by the gate itself/
    ],
    ['version: 2\nmodels:\n  - uri: models/local\n', /models\.yml line 1: version: expected 1/],
    ['- just\n- a list\n', /models\.yml line 1: .*expected object/i],
    ['models:\n  - &a { uri: models/local }\n  - *a\n  - *a\n', /repeats models\[0\]/]
  ])('%j: one line naming the line and the field', (text, expected) => {
    const message = problem(text)
    expect(message.startsWith('Invalid input models-file: models.yml')).toBe(true)
    expect(message).toMatch(expected)
  })

  it('is described by the published JSON schema (run `npx tsx scripts/models-file-schema.ts` after changing it)', () => {
    expect(PUBLISHED).toEqual(manifestJsonSchema())
  })
})

describe('a step with models-file', () => {
  const step = (inputs: Record<string, string>) =>
    readStep((name) => inputs[name] ?? '', { GITHUB_WORKSPACE: ws, ...sim.env() })

  it('gates each model with its own mode and labels, after the model-uri ones', async () => {
    writeFileSync(
      join(ws, 'models.yml'),
      `models:\n  - uri: ${SIM_HF}/pickle-rce\n    mode: warn\n    labels: { team: nlp }\n    owner: "@octo-org/nlp"\n`
    )
    const s = step({
      'model-uri': `${SIM_HF}/clean-model`,
      'models-file': 'models.yml',
      labels: 'stage=audit',
      'pin-revision': 'false'
    })
    expect(s.error).toBeUndefined()
    const report = await gateModels(
      { gate: s.gate! },
      { logger: capture().logger, onSecret: () => {}, env: {} }
    )
    expect(report.models.map((m) => [m.model.model_uri, m.status, m.verdict])).toEqual([
      [`${SIM_HF}/clean-model`, 'allowed', 'pass'],
      [`${SIM_HF}/pickle-rce`, 'blocked', 'warn']
    ])
    expect(report.verdict).toBe('warn')
    expect(report.models[1]!.model.owner).toBe('@octo-org/nlp')
    // the model's own mode is in its result and its first line of facts, the run's stays enforce
    expect([report.settings.mode, report.models[0]!.mode, report.models[1]!.mode]).toEqual([
      'enforce',
      undefined,
      'warn'
    ])
    const view = runView(report)
    expect(renderSummary(view)).toContain('mode warn (models-file)')
    expect(renderTerminal(view)).toContain('mode warn (models-file)')
    expect(attestationPredicate(report).models.map((m) => m.mode)).toEqual([undefined, 'warn'])
    const labels = (i: number) =>
      Object.fromEntries(report.models[i]!.scan!.labels.map((l) => [l.key, l.value]))
    expect(labels(1)).toMatchObject({ team: 'nlp', stage: 'audit' })
    expect(labels(0)).not.toHaveProperty('team')
  })

  it('a bad manifest fails the run before any request', async () => {
    writeFileSync(join(ws, 'bad.yml'), 'models:\n  - uri: models/local\n    mode: maybe\n')
    const s = step({ 'models-file': 'bad.yml' })
    const before = requests(sim)
    const report = await gateModels(
      { gate: s.gate! },
      { logger: capture().logger, onSecret: () => {}, env: {} }
    )
    expect(report.error).toEqual({
      code: 'INVALID_INPUT',
      message: 'Invalid input models-file: bad.yml line 3: models[0].mode: expected "enforce" or "warn".'
    })
    expect(requests(sim)).toBe(before)
  })

  it('is not a way around verify: verify-report checks model-uri only, and nothing verified is no pass', async () => {
    writeFileSync(join(ws, 'release.yml'), `models:\n  - uri: ${SIM_HF}/clean-model\n`)
    writeFileSync(join(ws, 'report.json'), JSON.stringify(fixtureReport('builtin')))
    expect(String(step({ 'models-file': 'release.yml', 'verify-report': 'report.json' }).error)).toBe(
      'GateError: Invalid input models-file: is not read by verify-report: name the models to verify in model-uri (one per line).'
    )
    const gate = step({ 'model-uri': 'models/local', 'verify-report': 'report.json' }).gate!
    const none = await verifyModels(
      { ...gate, run: { ...gate.run, models: [] }, verify: gate.verify! },
      { env: {}, onSecret: () => {} }
    )
    expect(none).toEqual({ verdict: 'fail', results: [] })
  })

  it('without model-uri or models-file there is nothing to gate; a models-file outside the workspace is refused', () => {
    expect(String(step({}).error)).toMatch(/Invalid input model-uri: is required but names no model/)
    expect(String(step({ 'models-file': '/etc/passwd' }).error)).toMatch(/Invalid input models-file: /)
  })
})
