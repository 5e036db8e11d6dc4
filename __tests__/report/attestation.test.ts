import { describe, expect, it } from '@jest/globals'
import Ajv2020Module from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { ArtifactDigest, GateReport, ModelResult } from '../../src/gate/result.js'
import {
  AttestationPredicateSchema,
  PREDICATE_TYPE,
  STATEMENT_TYPE,
  attestationPredicate,
  attestationStatement,
  attestationSubjects,
  predicateJsonSchema,
  subjectChecksums
} from '../../src/report/attestation.js'
import { fixtureReport } from '../helpers/reports.js'

/**
 * The run as an in-toto Statement v1 for `actions/attest` and `gh attestation verify` (docs/attestation.md):
 * valid against the spec's Statement (__tests__/fixtures/in-toto/statement-v1.schema.json, written from the
 * spec text) and against the predicate's published schema; hostile names stay data.
 */

// the packages are CommonJS: their classes sit on `default` under ESM
const unwrap = <T>(m: T): T => (m as { default?: T }).default ?? m
const Ajv2020 = unwrap(Ajv2020Module) as unknown as typeof Ajv2020Module.default
const addFormats = unwrap(addFormatsModule) as unknown as (ajv: object) => void

const json = (path: string) =>
  JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Record<string, unknown>
const PUBLISHED = json('../../docs/attestation-predicate.schema.json')

const ajv = new Ajv2020({ strict: false, allErrors: true })
addFormats(ajv)
const statementSchema = ajv.compile(json('../fixtures/in-toto/statement-v1.schema.json'))
const predicateSchema = ajv.compile(PUBLISHED)
const errorsOf = (validate: typeof statementSchema, doc: unknown): string[] =>
  validate(JSON.parse(JSON.stringify(doc)))
    ? []
    : (validate.errors ?? [])
        .slice(0, 10)
        .map((e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}`)

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')
const COMMIT = 'e2f1a1a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9'

/** A digest as the gate computes it: sha256 per file, and one over the sorted `sha256sum` lines. */
function digestOf(files: Record<string, string>): ArtifactDigest {
  const list = Object.entries(files)
    .map(([path, content]) => ({ path, sha256: sha256(content), size: content.length }))
    .sort((a, b) => (a.path < b.path ? -1 : 1))
  return { sha256: sha256(list.map((f) => `${f.sha256}  ${f.path}\n`).join('')), files: list }
}

const withModel = (m: ModelResult, model: Partial<ModelResult['model']>): ModelResult => ({
  ...m,
  model: { ...m.model, ...model }
})

/** The built-in run with the files the gate read. */
function localReport(files: Record<string, string> = { 'model.pkl': 'pickle', 'config.json': '{}' }) {
  const r = fixtureReport('builtin')
  return { ...r, models: [withModel(r.models[0]!, { digest: digestOf(files) })] }
}

/** The Hugging Face run with the commit the revision was pinned to. */
function pinnedReport(): GateReport {
  const r = fixtureReport('dialogpt-blocked')
  return { ...r, models: [withModel(r.models[0]!, { revision: 'main', resolved_revision: COMMIT })] }
}

/** Every model of the mixed run pinned, and a local model after them. */
function mixedReport(): GateReport {
  const r = fixtureReport('mixed')
  const local = localReport().models[0]!
  return {
    ...r,
    context: {
      repository: 'acme/models',
      sha: 'f'.repeat(40),
      ref: 'refs/heads/main',
      run_id: '42',
      run_attempt: '1',
      run_url: 'https://github.com/acme/models/actions/runs/42'
    },
    models: [
      ...r.models.map((m, i) => withModel(m, { resolved_revision: `${i}`.repeat(40) })),
      { ...local, index: r.models.length + 1 }
    ]
  }
}

/** How `actions/attest` reads `subject-checksums` (src/subject.ts there): a line per subject. */
function readChecksums(text: string): Array<{ name: string; digest: { sha256: string } }> {
  return text
    .split(/\r?\n/)
    .filter(Boolean)
    .map((record) => {
      const delim = record.indexOf(' ')
      const rest = record.slice(delim + 1)
      const name = rest.startsWith('*') || rest.startsWith(' ') ? rest.slice(1) : rest
      if (/[\r\n]/.test(name)) throw new Error(`name spans lines: ${name}`)
      return { name, digest: { sha256: record.slice(0, delim) } }
    })
}

describe('predicate schema', () => {
  it('is the one the code generates (run `npx tsx scripts/attestation-schema.ts` after changing it)', () => {
    expect(PUBLISHED).toEqual(predicateJsonSchema())
  })

  it('accepts the predicate of every fixture run, pinned or not, with or without digests', () => {
    const reports = [
      ...(['dialogpt-blocked', 'mixed', 'builtin', 'error', 'timeout'] as const).map((n) => fixtureReport(n)),
      localReport(),
      pinnedReport(),
      mixedReport()
    ]
    for (const r of reports) {
      const predicate = attestationPredicate(r)
      expect(errorsOf(predicateSchema, predicate)).toEqual([])
      expect(AttestationPredicateSchema.parse(predicate)).toEqual(predicate)
    }
  })

  it('accepts fields a later v1 adds, as in-toto consumers must', () => {
    const predicate = { ...attestationPredicate(pinnedReport()), addedLater: { x: 1 } }
    expect(errorsOf(predicateSchema, predicate)).toEqual([])
    const { verdict: _, ...noVerdict } = predicate
    expect(errorsOf(predicateSchema, noVerdict)).not.toEqual([])
  })
})

describe('statement', () => {
  it('is an in-toto Statement v1 for every run that has a subject', () => {
    for (const r of [localReport(), pinnedReport(), mixedReport()]) {
      const statement = attestationStatement(r)!
      expect(statement._type).toBe(STATEMENT_TYPE)
      expect(statement.predicateType).toBe(PREDICATE_TYPE)
      expect(errorsOf(statementSchema, statement)).toEqual([])
      expect(errorsOf(predicateSchema, statement.predicate)).toEqual([])
    }
  })

  it('the in-toto schema fixture rejects what the spec rejects', () => {
    const good = attestationStatement(localReport())!
    const bad = [
      { ...good, _type: 'https://in-toto.io/Statement/v0.1' },
      { ...good, subject: [] },
      { ...good, subject: [{ name: 'x' }] },
      { ...good, subject: [{ name: 'x', digest: {} }] },
      { ...good, subject: [{ name: 'x', digest: { sha256: 'ABC' } }] },
      { ...good, subject: [{ name: 'x', digest: { gitCommit: 'main' } }] },
      { ...good, predicateType: 'HTTPS://Example.com/p' },
      { ...good, predicate: 'pass' }
    ]
    for (const s of bad) expect(errorsOf(statementSchema, s)).not.toEqual([])
  })

  it("names each file of a local model by the model's URI and the file's path, with its sha256", () => {
    const r = localReport()
    const files = r.models[0]!.model.digest!.files
    expect(attestationSubjects(r)).toEqual(
      files.map((f) => ({ name: `models/classifier/${f.path}`, digest: { sha256: f.sha256 } }))
    )
    const m = attestationPredicate(r).models[0]!
    expect(m.subjects).toBe('files')
    expect(m.digest).toEqual({ sha256: r.models[0]!.model.digest!.sha256, files: 2 })
  })

  it('names a model that is one file by its URI alone', () => {
    const r = fixtureReport('builtin')
    const digest = digestOf({ 'model.safetensors': 'weights' })
    const single = {
      ...r,
      models: [withModel(r.models[0]!, { model_uri: 'models/model.safetensors', digest })]
    }
    expect(attestationSubjects(single)).toEqual([
      { name: 'models/model.safetensors', digest: { sha256: sha256('weights') } }
    ])
  })

  it('binds a Hugging Face model by the commit that was scanned, as a gitCommit digest', () => {
    const r = pinnedReport()
    expect(attestationSubjects(r)).toEqual([
      { name: 'https://huggingface.co/microsoft/DialoGPT-medium', digest: { gitCommit: COMMIT } }
    ])
    const m = attestationPredicate(r).models[0]!
    expect(m).toMatchObject({ subjects: 'commit', revision: 'main', resolvedRevision: COMMIT })
  })

  it('is not made when no model is a subject, and the predicate says why', () => {
    // a Hugging Face model scanned as given (no pinned commit) and a model never scanned; the built-in
    // engine's local model has its files as subjects
    expect(attestationPredicate(fixtureReport('builtin')).models[0]!.subjects).toBe('files')
    for (const n of ['dialogpt-blocked', 'timeout'] as const) {
      const r = fixtureReport(n)
      expect(attestationStatement(r)).toBeUndefined()
      expect(subjectChecksums(r)).toBe('')
      expect(attestationPredicate(r).models.map((m) => m.subjects)).toEqual(r.models.map(() => 'none'))
    }
  })

  it('lists a model given twice once', () => {
    const r = localReport()
    const twice = { ...r, models: [r.models[0]!, { ...r.models[0]!, index: 2 }] }
    expect(attestationSubjects(twice)).toEqual(attestationSubjects(r))
  })
})

describe('predicate', () => {
  it('records the verdict, the scan, the group and the rules in force at scan time', () => {
    const r = mixedReport()
    const p = attestationPredicate(r)
    expect(p).toMatchObject({
      gate: { name: 'airs-model-gate', version: r.tool.version },
      verdict: 'fail',
      mode: 'enforce',
      onError: 'fail',
      errorCode: null,
      run: {
        repository: 'acme/models',
        runId: '42',
        runUrl: 'https://github.com/acme/models/actions/runs/42'
      }
    })
    r.models.forEach((m, i) => {
      const pm = p.models[i]!
      expect(pm).toMatchObject({
        index: m.index,
        uri: m.model.model_uri,
        verdict: m.verdict,
        status: m.status,
        evalOutcome: m.scan?.eval_outcome ?? null,
        scanUuid: m.scan?.uuid ?? null,
        securityGroup: { uuid: m.security_group!.uuid, name: m.security_group!.name },
        reason: m.reason,
        errorCode: m.error?.code ?? null,
        finishedAt: m.finished_at
      })
      expect(pm.policy?.generation).toBe(m.policy?.generation)
      expect(pm.policy?.rules).toHaveLength(m.policy!.rule_instances.length)
    })
    const approved = p.models[0]!.policy!.rules.find((x) => x.rule === 'License Is Valid For Use')
    expect(approved).toMatchObject({
      state: 'BLOCKING',
      fieldValues: { approved_licenses: ['apache-2.0', 'mit', 'bsd-3-clause'] }
    })
    expect(p.models.find((m) => m.status === 'error')).toMatchObject({
      errorCode: 'SCAN_ERROR',
      scanErrorCode: 'SCAN_ERROR',
      evalOutcome: 'ERROR'
    })
  })

  it('keeps what was not done: no scan, no policy, rules the engine could not evaluate, no CI run', () => {
    const timeout = attestationPredicate(fixtureReport('timeout')).models[0]!
    expect(timeout).toMatchObject({ errorCode: 'TIMEOUT', policy: null })
    const builtin = attestationPredicate(fixtureReport('builtin'))
    expect(builtin.run).toBeNull()
    expect(builtin.models[0]).toMatchObject({
      engine: 'builtin',
      notEvaluated: ['Model Architecture Backdoor Check'],
      policy: { generation: null }
    })
  })
})

describe('checksums for subject-checksums', () => {
  it('lists the sha256 subjects in the sha256sum format actions/attest reads, and no commit', () => {
    const r = mixedReport()
    const text = subjectChecksums(r)
    const sha = attestationSubjects(r).filter((s) => 'sha256' in s.digest)
    expect(sha).toHaveLength(2)
    expect(text).toBe(sha.map((s) => `${(s.digest as { sha256: string }).sha256}  ${s.name}\n`).join(''))
    expect(readChecksums(text)).toEqual(sha)
  })

  // named, so the test titles carry none of it into the log
  const HOSTILE: Array<[string, string]> = [
    ['LF and a forged line', `evil\n${'0'.repeat(64)}  forged.bin`],
    ['CR LF and a forged line', `evil\r\n${'0'.repeat(64)}  forged.bin`],
    ['CR and a forged line', `evil\r${'0'.repeat(64)}  forged.bin`],
    ['Unicode line breaks', `evil\u2028${'0'.repeat(64)}  forged.bin\u0085more`],
    ['a workflow command', '::add-mask::secret'],
    ['workflow commands on lines of their own', '\n::add-mask::secret\n::set-output name=x::y'],
    ['a bidi override', 'bidi\u202egnp.exe']
  ]

  it.each(HOSTILE)('a hostile model name or path stays one subject, one line: %s', (_, hostile) => {
    const r = localReport({ [`dir/${hostile}`]: 'a', 'ok.bin': 'b' })
    const hostileReport: GateReport = {
      ...r,
      models: [withModel(r.models[0]!, { input: hostile, model_uri: `models/${hostile}` })]
    }
    const subjects = attestationSubjects(hostileReport)
    expect(subjects).toHaveLength(2)
    const text = subjectChecksums(hostileReport)
    const lines = text.split(/\r\n|[\n\r\v\f\u0085\u2028\u2029]/).filter(Boolean)
    expect(lines).toHaveLength(2)
    for (const line of lines) expect(line).toMatch(/^[0-9a-f]{64} {2}models\/\S/)
    expect(lines.filter((line) => line.startsWith('0'.repeat(64)))).toEqual([])
    // what actions/attest signs is what the statement says
    expect(readChecksums(text)).toEqual(subjects)
    // the statement is JSON: the name is data, on no line of its own
    const statement = attestationStatement(hostileReport)!
    expect(errorsOf(statementSchema, statement)).toEqual([])
    const written = JSON.stringify(statement, null, 2)
    expect(JSON.parse(written)).toEqual(statement)
    for (const line of written.split('\n')) expect(line).toMatch(/^\s*[[\]{}"]/)
    // the predicate keeps the model's URI as it was given
    expect(statement.predicate.models[0]!.uri).toBe(`models/${hostile}`)
    expect(errorsOf(predicateSchema, statement.predicate)).toEqual([])
  })

  it('percent-encodes only the characters that could break or hide a name', () => {
    const r = localReport({ 'a b/ü %41.bin': 'x' })
    const hostileReport: GateReport = {
      ...r,
      models: [withModel(r.models[0]!, { model_uri: 'models/x\ny\u202e' })]
    }
    expect(attestationSubjects(hostileReport)[0]!.name).toBe('models/x%0Ay%E2%80%AE/a b/ü %41.bin')
  })
})
