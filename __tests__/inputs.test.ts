import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { loadPolicy } from '../src/gate/builtin-policy.js'
import { gateModels } from '../src/gate/gate-models.js'
import { GateError } from '../src/util/gate-error.js'
import { silentLogger } from '../src/util/logger.js'
import { outputPath, readInputs, readStep } from '../src/inputs.js'
import { thrown } from './helpers/throws.js'

/** readInputs: every input's rules, checked without any network. */

const HF = 'https://huggingface.co/openai-community/gpt2'
const read = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  readInputs((name) => inputs[name] ?? '', { GITHUB_WORKSPACE: process.cwd(), ...env })

/** The run's error, as readStep (every input, the reporting ones too) reports it. */
const failure = (inputs: Record<string, string>): GateError => {
  const step = readStep((name) => inputs[name] ?? '', { GITHUB_WORKSPACE: process.cwd() })
  if (!(step.error instanceof GateError)) throw new Error(`expected a GateError, got ${String(step.error)}`)
  return step.error
}

describe('readInputs', () => {
  it('applies the documented defaults', () => {
    const { run, client } = read({ 'model-uri': HF })
    expect(run).toMatchObject({
      mode: 'enforce',
      onError: 'fail',
      timeoutMs: 15 * 60_000,
      concurrency: 4,
      group: undefined,
      labels: []
    })
    expect(run.schedule.initialMs).toBe(500)
    expect(run.models.map((m) => m.modelUri)).toEqual([HF])
    expect(client.clientId).toBeUndefined()
  })

  it('reads every input', () => {
    const { run, client } = read({
      'model-uri': `${HF}@0123abc`,
      'security-group': 'Release HF',
      mode: 'WARN',
      'on-error': 'warn',
      timeout: '1h',
      'poll-interval': '2s',
      concurrency: '8',
      'allow-patterns': '*.safetensors, *.json',
      'ignore-patterns': 'docs/**',
      'model-name': 'gpt2',
      'model-author': 'openai',
      'scan-origin': 'model_security_api',
      'client-id': ' id ',
      region: 'eu'
    })
    expect(run).toMatchObject({
      group: { name: 'Release HF' },
      mode: 'warn',
      onError: 'warn',
      timeoutMs: 3_600_000,
      concurrency: 8,
      allowPatterns: ['*.safetensors', '*.json'],
      ignorePatterns: ['docs/**'],
      modelName: 'gpt2',
      modelAuthor: 'openai',
      scanOrigin: 'MODEL_SECURITY_API'
    })
    expect(run.models[0]!.revision).toBe('0123abc')
    expect(run.schedule.initialMs).toBe(2000)
    expect(client).toMatchObject({ clientId: 'id', region: 'eu' })
  })

  it('a UUID selects a group by UUID (case-insensitive), anything else by name', () => {
    const uuid = read({ 'model-uri': HF, 'security-group': '4C22AEF7-2AB7-40BA-B3F1-CD9E9AA1768E' })
    expect(uuid.run.group).toEqual({ uuid: '4c22aef7-2ab7-40ba-b3f1-cd9e9aa1768e' })
  })

  it('adds the automatic labels unless switched off, and user labels win', () => {
    const env = { GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '7' }
    const on = read({ 'model-uri': HF, labels: 'ci-run-id=mine' }, env)
    expect(on.run.labels).toEqual(
      expect.arrayContaining([
        { key: 'ci-run-id', value: 'mine' },
        { key: 'ci-repository', value: 'o-r' }
      ])
    )
    expect(on.run.labels.filter((l) => l.key === 'ci-run-id')).toHaveLength(1)
    const off = read({ 'model-uri': HF, 'auto-labels': 'false' }, env)
    expect(off.run.labels).toEqual([])
  })

  it('keeps room for the request label: 49 labels at most', () => {
    const labels = Array.from({ length: 50 }, (_, i) => `k${i}=v`).join('\n')
    expect(failure({ 'model-uri': HF, labels, 'auto-labels': 'false' }).message).toMatch(
      /^Invalid input labels/
    )
    const ok = Array.from({ length: 49 }, (_, i) => `k${i}=v`).join('\n')
    expect(read({ 'model-uri': HF, labels: ok, 'auto-labels': 'false' }).run.labels).toHaveLength(49)
  })

  it.each([
    [{ 'model-uri': `${HF}\nhttps://huggingface.co/a/b`, 'model-version': 'v1' }, 'model-version'],
    [{ 'model-uri': HF, timeout: '5s', 'poll-interval': '5s' }, 'poll-interval'],
    [{ 'model-uri': HF, concurrency: '33' }, 'concurrency'],
    [{ 'model-uri': HF, concurrency: '2.5' }, 'concurrency'],
    [{ 'model-uri': HF, timeout: '7h' }, 'timeout'],
    [{ 'model-uri': HF, 'model-name': 'a\nb' }, 'model-name'],
    [{ 'model-uri': HF, 'allow-patterns': 'x'.repeat(257) }, 'allow-patterns'],
    [{ 'model-uri': HF, 'security-group': 'g'.repeat(256) }, 'security-group'],
    [{ 'model-uri': HF, 'security-group': '{4c22aef7-2ab7-40ba-b3f1-cd9e9aa1768e}' }, 'security-group'],
    [{ 'model-uri': HF, region: 'mars' }, 'region'],
    [{ 'model-uri': HF, comment: 'sometimes' }, 'comment'],
    [{ 'model-uri': HF, 'comment-tag': 'a\nb' }, 'comment-tag'],
    [{ 'model-uri': HF, 'job-summary': 'yes' }, 'job-summary'],
    [{ 'model-uri': HF, 'console-url': 'https://console.example/scans' }, 'console-url'],
    [{ 'model-uri': HF, 'console-url': 'https://console.example/{scan}/{scan}' }, 'console-url'],
    [{ 'model-uri': HF, 'console-url': 'http://console.example/scans/{scan}' }, 'console-url'],
    [{ 'model-uri': HF, 'console-url': 'https://user:pw@console.example/{scan}' }, 'console-url'],
    [{ 'model-uri': HF, 'console-url': 'console.example/{scan}' }, 'console-url'],
    [{ 'model-uri': HF, 'upload-artifact': 'sometimes' }, 'upload-artifact'],
    [{ 'model-uri': HF, 'max-age': '1h' }, 'max-age'],
    [{ 'model-uri': HF, 'verify-report': 'no-such-report.json' }, 'verify-report'],
    [{ 'model-uri': HF, 'verify-report': '/etc/passwd' }, 'verify-report'],
    [{ 'model-uri': HF, 'pin-revision': 'maybe' }, 'pin-revision'],
    [{ 'model-uri': HF, reuse: 'soon' }, 'reuse'],
    [{ 'model-uri': HF, reuse: '24' }, 'reuse'],
    [{ 'model-uri': HF, reuse: '30s' }, 'reuse'],
    [{ 'model-uri': HF, reuse: '91d' }, 'reuse'],
    [{ 'model-uri': 'src', engine: 'builtin', reuse: '1h' }, 'reuse'],
    [{ 'model-uri': HF, labels: 'gate-reuse-key=x' }, 'labels'],
    [{ 'model-uri': HF, labels: 'gate-request-id=x' }, 'labels'],
    [
      {
        'model-uri': HF,
        reuse: '1h',
        'auto-labels': 'false',
        labels: Array.from({ length: 49 }, (_, i) => `k${i}=v`).join('\n')
      },
      'labels'
    ],
    [{ 'model-uri': HF, 'artifact-name': 'reports/model-gate' }, 'artifact-name'],
    [{ 'model-uri': HF, 'artifact-name': 'gate: nlp' }, 'artifact-name'],
    [{ 'model-uri': HF, 'artifact-name': 'a\u0007b' }, 'artifact-name'],
    [{ 'model-uri': HF, 'artifact-name': 'x'.repeat(201) }, 'artifact-name']
  ])('%j is rejected naming %s', (inputs, name) => {
    const e = failure(inputs)
    expect(e.code).toBe('INVALID_INPUT')
    expect(e.message.startsWith(`Invalid input ${name}: `)).toBe(true)
    expect(e.message).not.toContain('\n')
  })

  it('reuse: off by default and for off, false or 0; a window of 1 minute to 90 days, days allowed', () => {
    for (const off of ['', 'off', 'OFF', 'false', '0'])
      expect(read({ 'model-uri': HF, reuse: off }).run.reuseMs).toBeUndefined()
    expect(read({ 'model-uri': HF, reuse: '7d' }).run.reuseMs).toBe(7 * 24 * 3_600_000)
    expect(read({ 'model-uri': HF, reuse: '90m' }).run.reuseMs).toBe(90 * 60_000)
    // 49 labels fit a scan without reuse (the reuse key is then left off when there is no room)
    const labels = Array.from({ length: 49 }, (_, i) => `k${i}=v`).join('\n')
    expect(read({ 'model-uri': HF, 'auto-labels': 'false', labels }).run.labels).toHaveLength(49)
  })

  it('takes a console link template, and has none by default', () => {
    const template = 'https://console.example/model-security/scans/{scan}?tab=findings'
    const step = readStep((name) => ({ 'model-uri': HF, 'console-url': template })[name] ?? '', {
      GITHUB_WORKSPACE: process.cwd()
    })
    expect(step.publishing.reporting.consoleUrl).toBe(template)
    const none = readStep((name) => ({ 'model-uri': HF })[name] ?? '', { GITHUB_WORKSPACE: process.cwd() })
    expect(none.publishing.reporting).not.toHaveProperty('consoleUrl')
  })

  it('uploads the results artifact by default, under a given name when there is one', () => {
    const reporting = (inputs: Record<string, string>) =>
      readStep((name) => ({ 'model-uri': HF, ...inputs })[name] ?? '', { GITHUB_WORKSPACE: process.cwd() })
        .publishing.reporting
    expect(reporting({})).toMatchObject({ uploadArtifact: true })
    expect(reporting({})).not.toHaveProperty('artifactName')
    expect(reporting({ 'upload-artifact': 'false', 'artifact-name': 'audit-nlp_v1.2' })).toMatchObject({
      uploadArtifact: false,
      artifactName: 'audit-nlp_v1.2'
    })
  })

  it('one security group cannot serve models of different sources', () => {
    const e = failure({ 'model-uri': `${HF}\ns3://bucket/model`, 'security-group': 'G' })
    expect(e.message).toContain('mix HUGGING_FACE and S3')
  })

  it('models scanned on the runner are accepted, with the scanner inputs checked up front', () => {
    const { run, scanner } = read({ 'model-uri': 's3://bucket/model\ngs://bucket/model\n.' })
    expect(run.models.map((m) => m.sourceType)).toEqual(['S3', 'GCS', 'LOCAL'])
    expect(scanner).toEqual({ version: '1.1.2' })
    expect(
      read({ 'model-uri': '.', 'scanner-version': '1.2.0rc1', python: '/opt/py/bin/python3' }).scanner
    ).toEqual({
      version: '1.2.0rc1',
      python: '/opt/py/bin/python3'
    })
  })

  describe('engine and policy', () => {
    let dir: string
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'gate-engine-'))
      writeFileSync(join(dir, 'model.safetensors'), '')
      writeFileSync(
        join(dir, 'policy.yml'),
        'name: Release\nrules:\n  License Exists: BLOCKING\n  FORMAT: allowing\napproved_formats: [safetensors, gguf]\n'
      )
      writeFileSync(join(dir, 'bad-rule.yml'), 'rules:\n  Made Up Check: BLOCKING\n')
      writeFileSync(join(dir, 'bad-state.json'), '{"rules": {"Load Time Code Execution Check": "SOMETIMES"}}')
      writeFileSync(join(dir, 'bad.yml'), 'rules: [unclosed\n')
      writeFileSync(join(dir, 'extra.yml'), 'approved_format: [safetensors]\n')
    })
    afterAll(() => rmSync(dir, { recursive: true, force: true }))
    const inDir = (inputs: Record<string, string>) =>
      readInputs((name) => inputs[name] ?? '', { GITHUB_WORKSPACE: dir })

    it('defaults to the AIRS engine and the Default LOCAL policy', async () => {
      const r = inDir({ 'model-uri': 'model.safetensors' })
      expect(r.engine).toBe('airs')
      expect(r.policy).toBeUndefined()
      const policy = await loadPolicy(r.policy)
      expect(policy.states).toMatchObject({
        LOAD_TIME: 'BLOCKING',
        FORMAT: 'BLOCKING',
        LICENSE_EXISTS: 'DISABLED',
        LOCATION: 'DISABLED'
      })
      expect(policy.approvedFormats).toEqual(['safetensors', 'safetensors_index', 'json', 'yaml'])
    })

    it('reads a YAML policy: rule names as the service writes them or engine keys, any case', async () => {
      const r = inDir({ 'model-uri': 'model.safetensors', engine: 'builtin', policy: 'policy.yml' })
      expect(r.engine).toBe('builtin')
      const policy = await loadPolicy(r.policy)
      expect(policy).toMatchObject({ name: 'Release', approvedFormats: ['safetensors', 'gguf'] })
      expect(policy.states).toMatchObject({
        LICENSE_EXISTS: 'BLOCKING',
        FORMAT: 'ALLOWING',
        LOAD_TIME: 'BLOCKING'
      })
    })

    it.each([
      [{ engine: 'offline' }, 'engine', 'is not one of airs, builtin, auto'],
      [{ policy: 'policy.yml' }, 'policy', 'applies to the built-in engine'],
      [{ engine: 'builtin', policy: 'missing.yml' }, 'policy', 'does not exist'],
      [
        { engine: 'builtin', 'security-group': 'Release' },
        'security-group',
        'the built-in engine takes its rules from the policy input'
      ],
      [{ engine: 'builtin', 'model-uri': HF }, 'model-uri', 'the built-in engine scans local files only']
    ])('%j is rejected naming %s', (inputs, name, problem) => {
      const e = thrown(GateError, () => inDir({ 'model-uri': 'model.safetensors', ...inputs }))
      expect(e.code).toBe('INVALID_INPUT')
      expect(e.message.startsWith(`Invalid input ${name}: `)).toBe(true)
      expect(e.message).toContain(problem)
      expect(e.message).not.toContain('\n')
    })

    // the file's content is checked when the run starts, before any request (gate-models.ts)
    it.each([
      [{ engine: 'builtin', policy: 'bad-rule.yml' }, 'unknown rule "Made Up Check"'],
      [{ engine: 'builtin', policy: 'bad-state.json' }, 'must be BLOCKING, ALLOWING or DISABLED'],
      [{ engine: 'builtin', policy: 'bad.yml' }, 'is not valid YAML'],
      [{ engine: 'auto', policy: 'extra.yml' }, 'approved_format']
    ])('%j fails the run as a bad policy input', async (inputs, problem) => {
      const gate = inDir({ 'model-uri': 'model.safetensors', ...inputs })
      const report = await gateModels({ gate }, { logger: silentLogger, onSecret: () => {}, env: {} })
      expect(report).toMatchObject({ verdict: 'fail', models: [], error: { code: 'INVALID_INPUT' } })
      expect(report.error!.message.startsWith('Invalid input policy: ')).toBe(true)
      expect(report.error!.message).toContain(problem)
      expect(report.error!.message).not.toContain('\n')
    })
  })

  describe('scanner inputs', () => {
    let dir: string
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'gate-inputs-'))
      writeFileSync(
        join(dir, 'good.txt'),
        'model-security-client[aws]==1.1.2 \\\n    --hash=sha256:' +
          'a'.repeat(64) +
          '\nhttpx==0.28.1 --hash=sha256:' +
          'b'.repeat(64) +
          '\n'
      )
      writeFileSync(join(dir, 'index.txt'), '--extra-index-url https://evil.example/simple\n')
      writeFileSync(
        join(dir, 'other.txt'),
        'model-security-client==1.1.1 --hash=sha256:' + 'a'.repeat(64) + '\n'
      )
    })
    afterAll(() => rmSync(dir, { recursive: true, force: true }))
    const inDir = (inputs: Record<string, string>) =>
      readInputs((name) => inputs[name] ?? '', { GITHUB_WORKSPACE: dir })

    it('a hash-pinned requirements file is resolved in the workspace and read into its pinned lines', () => {
      writeFileSync(join(dir, 'model.safetensors'), '')
      expect(inDir({ 'model-uri': 'model.safetensors', 'scanner-requirements': 'good.txt' }).scanner).toEqual(
        {
          version: '1.1.2',
          requirements: {
            file: join(dir, 'good.txt'),
            sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
            requirements: [
              {
                name: 'model-security-client',
                extras: ['aws'],
                version: '1.1.2',
                sha256: ['a'.repeat(64)],
                line: 1
              },
              { name: 'httpx', extras: [], version: '0.28.1', sha256: ['b'.repeat(64)], line: 3 }
            ]
          }
        }
      )
    })

    it.each([
      [{ 'scanner-version': '>=1.1' }, 'scanner-version', 'is not an exact release; write one like 1.1.2'],
      [{ 'scanner-version': 'latest' }, 'scanner-version', 'is not an exact release'],
      [{ 'scanner-requirements': 'missing.txt' }, 'scanner-requirements', 'missing.txt does not exist'],
      [
        { 'scanner-requirements': 'other.txt' },
        'scanner-requirements',
        'does not pin model-security-client==1.1.2'
      ],
      [
        { 'scanner-requirements': 'index.txt' },
        'scanner-requirements',
        'index.txt line 1 sets the pip option --extra-index-url'
      ],
      [{ python: 'python3\n--evil' }, 'python', 'contains control characters']
    ])('%j is rejected naming %s', (inputs, name, problem) => {
      writeFileSync(join(dir, 'model.safetensors'), '')
      const e = thrown(GateError, () => inDir({ 'model-uri': 'model.safetensors', ...inputs }))
      expect(e.code).toBe('INVALID_INPUT')
      expect(e.message.startsWith(`Invalid input ${name}: `)).toBe(true)
      expect(e.message).toContain(problem)
      expect(e.message).not.toContain('\n')
    })
  })
})

describe('readStep', () => {
  const step = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
    readStep((name) => inputs[name] ?? '', { GITHUB_WORKSPACE: '/ws', RUNNER_TEMP: '/rt', ...env })

  it('reads each input once', () => {
    const reads = new Map<string, number>()
    readStep(
      (name) => {
        reads.set(name, (reads.get(name) ?? 0) + 1)
        return name === 'model-uri' ? HF : ''
      },
      { GITHUB_WORKSPACE: '/ws' }
    )
    expect([...reads].filter(([, n]) => n > 1)).toEqual([])
    expect(reads.has('report-file') && reads.has('comment') && reads.has('timeout')).toBe(true)
  })

  it('all good: the gate inputs and where to publish', () => {
    const s = step({ 'model-uri': HF, 'report-file': 'out/r.json', comment: 'always' })
    expect(s.error).toBeUndefined()
    expect(s.gate?.run.models).toHaveLength(1)
    expect(s.publishing).toMatchObject({ reportFile: '/ws/out/r.json', reporting: { comment: 'always' } })
  })

  it('a bad gate input is the error; publishing keeps the inputs that are good', () => {
    const s = step({ 'model-uri': HF, timeout: 'soon', 'report-file': 'r.json', comment: 'always' })
    expect(s.gate).toBeUndefined()
    expect((s.error as GateError).message).toMatch(/^Invalid input timeout: /)
    expect(s.publishing).toMatchObject({ reportFile: '/ws/r.json', reporting: { comment: 'always' } })
  })

  it('a bad report path falls back to the default; bad reporting inputs to reporting without a comment', () => {
    const s = step({ 'model-uri': HF, 'report-file': '/etc/r.json', comment: 'sometimes' })
    expect((s.error as GateError).message).toMatch(/^Invalid input report-file: /)
    expect(s.publishing.reportFile).toMatch(/^\/rt\/airs-model-gate\//)
    expect(s.publishing.reporting).toMatchObject({ comment: 'never', jobSummary: true, annotations: true })
  })
})

describe('outputPath', () => {
  it('puts default report files in RUNNER_TEMP, one per step', () => {
    expect(outputPath('report-file', '', { RUNNER_TEMP: '/rt', GITHUB_ACTION: '__owner_gate_2' })).toBe(
      join('/rt', 'airs-model-gate', '__owner_gate_2-report.json')
    )
    expect(outputPath('sarif-file', '', { RUNNER_TEMP: '/rt', GITHUB_ACTION: '../../etc' })).toBe(
      join('/rt', 'airs-model-gate', '.._.._etc-results.sarif')
    )
  })

  it('outside GitHub Actions, puts them in a private directory made for this run, not a shared one', () => {
    const a = outputPath('report-file', '', { GITHUB_WORKSPACE: '/ws' })
    const b = outputPath('sarif-file', '', { GITHUB_WORKSPACE: '/ws' })
    expect(dirname(a)).toBe(dirname(b))
    expect(dirname(a)).toMatch(/airs-model-gate-[A-Za-z0-9]{6}$/)
    expect(statSync(dirname(a)).mode & 0o077).toBe(0)
  })

  it('resolves a given path against the workspace, and refuses one outside it or RUNNER_TEMP', () => {
    expect(outputPath('report-file', 'out/r.json', { GITHUB_WORKSPACE: '/ws' })).toBe('/ws/out/r.json')
    expect(outputPath('report-file', '/rt/r.json', { GITHUB_WORKSPACE: '/ws', RUNNER_TEMP: '/rt' })).toBe(
      '/rt/r.json'
    )
    const e = thrown(GateError, () => outputPath('report-file', '/abs/r.json', { GITHUB_WORKSPACE: '/ws' }))
    expect(e.message).toMatch(/^Invalid input report-file: \/abs\/r\.json is outside the workspace/)
  })
})
