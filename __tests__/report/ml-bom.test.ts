import { describe, expect, it } from '@jest/globals'
import { Version } from '@cyclonedx/cyclonedx-library/Spec'
import { JsonStrictValidator, MissingOptionalDependencyError } from '@cyclonedx/cyclonedx-library/Validation'
import AjvModule from 'ajv'
import addFormatsModule from 'ajv-formats'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { ArtifactDigest, GateReport, ModelResult } from '../../src/gate/result.js'
import { huggingFacePurl, mlBomJson } from '../../src/report/ml-bom.js'
import { fixtureReport, hostileModel } from '../helpers/reports.js'

/**
 * The run as a CycloneDX 1.6 ML-BOM, valid against the CycloneDX 1.6 JSON schema: through the library's own
 * validator when its optional dependencies are installed (ajv-formats-draft2019 is not, here), else with ajv
 * against the schema files the library ships, set up as its validator sets them up.
 */

// the packages are CommonJS: their classes sit on `default` under ESM
const unwrap = <T>(m: T): T => (m as { default?: T }).default ?? m
const Ajv = unwrap(AjvModule) as unknown as typeof AjvModule.default
const addFormats = unwrap(addFormatsModule) as unknown as (ajv: object) => void

const SCHEMAS = join(
  dirname(createRequire(import.meta.url).resolve('@cyclonedx/cyclonedx-library/package.json')),
  'res/schema'
)
const schema = (file: string) => JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')) as object

/** The library's JSON validator (validation/jsonValidator.node.js and _optPlug.node/__jsonValidators/ajv.js). */
function shippedSchemaValidator(): (text: string) => string[] {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    schemas: {
      'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json': schema('spdx.SNAPSHOT.schema.json'),
      'http://cyclonedx.org/schema/cryptography-defs.SNAPSHOT.schema.json': schema(
        'cryptography-defs.SNAPSHOT.schema.json'
      ),
      'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json': schema('jsf-0.82.SNAPSHOT.schema.json')
    }
  })
  addFormats(ajv)
  // the library takes idn-email from ajv-formats-draft2019 and accepts any iri-reference
  ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/u)
  ajv.addFormat('iri-reference', true)
  const validate = ajv.compile(schema('bom-1.6.SNAPSHOT.schema.json'))
  return (text) =>
    validate(JSON.parse(text))
      ? []
      : (validate.errors ?? [])
          .slice(0, 10)
          .map((e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}`)
}

const library = new JsonStrictValidator(Version.v1dot6)
const fallback = shippedSchemaValidator()

/** Errors of the document against CycloneDX 1.6; empty when it is valid. */
async function validate(text: string): Promise<string[]> {
  try {
    const errors = await library.validate(text)
    return errors === null ? [] : [JSON.stringify(errors).slice(0, 2000)]
  } catch (e) {
    if (!(e instanceof MissingOptionalDependencyError)) throw e
    return fallback(text)
  }
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')
const COMMIT = 'e2f1a1a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9'

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

function localReport(files: Record<string, string> = { 'model.pkl': 'pickle', 'config.json': '{}' }) {
  const r = fixtureReport('builtin')
  return { ...r, models: [withModel(r.models[0]!, { digest: digestOf(files) })] }
}

/** The mixed run, every Hugging Face model pinned, a local model after them, in a CI run. */
function mixedReport(): GateReport {
  const r = fixtureReport('mixed')
  return {
    ...r,
    context: {
      repository: 'acme/models',
      sha: 'f'.repeat(40),
      run_url: 'https://github.com/acme/models/actions/runs/1'
    },
    models: [
      ...r.models.map((m, i) => withModel(m, { resolved_revision: `${i}`.repeat(40) })),
      { ...localReport().models[0]!, index: r.models.length + 1 }
    ]
  }
}

interface CdxComponent {
  type: string
  name: string
  group?: string
  version?: string
  purl?: string
  'bom-ref'?: string
  hashes?: Array<{ alg: string; content: string }>
  licenses?: unknown
  properties?: Array<{ name: string; value: string }>
  components?: CdxComponent[]
}
interface CdxBom {
  specVersion: string
  serialNumber: string
  metadata: {
    timestamp: string
    tools: { components: CdxComponent[] }
    properties?: CdxComponent['properties']
  }
  components: CdxComponent[]
  dependencies?: unknown
}
const parse = (r: GateReport) => JSON.parse(mlBomJson(r)) as CdxBom
const prop = (c: { properties?: CdxComponent['properties'] }, name: string) =>
  c.properties?.find((p) => p.name === `airs-model-gate:${name}`)?.value

describe('ML-BOM', () => {
  it('is valid CycloneDX 1.6 for every fixture run, pinned or not, with or without digests', async () => {
    const reports = [
      ...(['dialogpt-blocked', 'mixed', 'builtin', 'error', 'timeout'] as const).map((n) => fixtureReport(n)),
      localReport(),
      localReport({ 'model.safetensors': 'weights' }),
      mixedReport()
    ]
    for (const r of reports) {
      const text = mlBomJson(r)
      expect(await validate(text)).toEqual([])
      expect(JSON.parse(text)).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1 })
    }
  })

  it("the library's own validator runs here, or needs only its optional dependencies", async () => {
    const outcome = await library.validate(mlBomJson(localReport())).then(
      (errors) => (errors === null ? 'valid' : 'invalid'),
      (e: unknown) => (e instanceof MissingOptionalDependencyError ? 'missing optional dependency' : 'failed')
    )
    expect(['valid', 'missing optional dependency']).toContain(outcome)
  })

  it('the schema check rejects what CycloneDX 1.6 rejects', async () => {
    const bom = JSON.parse(mlBomJson(localReport())) as CdxBom
    const file = bom.components[0]!.components![0]!
    const bad = [
      { ...bom, specVersion: 1.6 },
      { ...bom, components: [{ ...bom.components[0], type: 'model' }] },
      {
        ...bom,
        components: [
          { ...bom.components[0], components: [{ ...file, hashes: [{ alg: 'SHA-256', content: 'xyz' }] }] }
        ]
      },
      { ...bom, serialNumber: 'run-1' }
    ]
    for (const b of bad) expect(await validate(JSON.stringify(b))).not.toEqual([])
  })

  it('has one machine-learning-model per model, in input order', () => {
    const r = mixedReport()
    const bom = parse(r)
    expect(bom.components.map((c) => c.type)).toEqual(r.models.map(() => 'machine-learning-model'))
    expect(bom.components.map((c) => c['bom-ref'])).toEqual(r.models.map((m) => `model-${m.index}`))
    expect(bom.metadata.tools.components).toEqual([
      { type: 'application', name: 'airs-model-gate', version: r.tool.version }
    ])
    expect(bom.metadata.timestamp).toBe(new Date(r.finished_at).toISOString())
    expect(prop(bom.metadata, 'verdict')).toBe('fail')
    expect(prop(bom.metadata, 'repository')).toBe('acme/models')
  })

  it('names a Hugging Face model by its organization, name and the commit scanned, with its purl', () => {
    const r = fixtureReport('dialogpt-blocked')
    const pinned = {
      ...r,
      models: [withModel(r.models[0]!, { revision: 'main', resolved_revision: COMMIT })]
    }
    expect(parse(pinned).components[0]).toMatchObject({
      name: 'DialoGPT-medium',
      group: 'microsoft',
      version: COMMIT,
      purl: `pkg:huggingface/microsoft/DialoGPT-medium@${COMMIT}`
    })
    expect(prop(parse(pinned).components[0]!, 'revision')).toBe('main')
    // not pinned: the model, but no version
    const unpinned = parse(r).components[0]!
    expect(unpinned.purl).toBe('pkg:huggingface/microsoft/DialoGPT-medium')
    expect(unpinned.version).toBeUndefined()
    expect(huggingFacePurl('https://huggingface.co/Org/Model', 'ABCDEF')).toBe(
      'pkg:huggingface/Org/Model@abcdef'
    )
    expect(huggingFacePurl('models/x', COMMIT)).toBeUndefined()
  })

  it("lists a local model's files as file components with their SHA-256", () => {
    const r = localReport()
    const model = parse(r).components[0]!
    expect(model).toMatchObject({ name: 'models/classifier' })
    expect(model.purl).toBeUndefined()
    // a list digest is no artifact's hash: it is a property, and the component has no hashes
    expect(model.hashes).toBeUndefined()
    expect(prop(model, 'content-sha256')).toBe(r.models[0]!.model.digest!.sha256)
    expect(model.components).toEqual(
      r.models[0]!.model.digest!.files.map((f, i) => ({
        type: 'file',
        name: f.path,
        'bom-ref': `model-1:file-${i + 1}`,
        hashes: [{ alg: 'SHA-256', content: f.sha256 }]
      }))
    )
    // a model that is one file has that file's hash
    const single = localReport({ 'model.safetensors': 'weights' })
    expect(parse(single).components[0]!.hashes).toEqual([{ alg: 'SHA-256', content: sha256('weights') }])
  })

  it('records the scan as namespaced properties, and nothing it does not know', () => {
    const r = mixedReport()
    const bom = parse(r)
    r.models.forEach((m, i) => {
      const c = bom.components[i]!
      expect(prop(c, 'verdict')).toBe(m.verdict)
      expect(prop(c, 'status')).toBe(m.status)
      expect(prop(c, 'eval-outcome')).toBe(m.scan?.eval_outcome)
      expect(prop(c, 'scan-uuid')).toBe(m.scan?.uuid)
      expect(prop(c, 'security-group-uuid')).toBe(m.security_group?.uuid)
      expect(prop(c, 'security-group-name')).toBe(m.security_group?.name)
      expect(prop(c, 'error-code')).toBe(m.error?.code)
      for (const p of c.properties ?? []) expect(p.name).toMatch(/^airs-model-gate:[a-z0-9-]+$/)
      // the report carries no model's license, and nothing about what a model depends on
      expect(c.licenses).toBeUndefined()
    })
    expect(bom.dependencies).toBeUndefined()
    // a scan that timed out: its rules were never read
    const timeout = parse(fixtureReport('timeout')).components[0]!
    expect(prop(timeout, 'error-code')).toBe('TIMEOUT')
    expect(prop(timeout, 'policy-generation')).toBeUndefined()
  })

  it('is the same document for the same report, and another serial number for another run', () => {
    const r = mixedReport()
    expect(mlBomJson(r)).toBe(mlBomJson(JSON.parse(JSON.stringify(r)) as GateReport))
    expect(parse(r).serialNumber).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    )
    expect(parse({ ...r, started_at: '2027-01-01T00:00:00.000Z' }).serialNumber).not.toBe(
      parse(r).serialNumber
    )
  })

  it('keeps hostile names and texts as data, and stays valid', async () => {
    const hostile = 'x\n::add-mask::secret\r\n"},{"type":"library"\u202e'
    const base = localReport({ [`dir/${hostile}`]: 'a' })
    const r: GateReport = {
      ...base,
      models: [withModel(hostileModel(base.models[0]!, hostile), { digest: base.models[0]!.model.digest! })]
    }
    const text = mlBomJson(r)
    expect(await validate(text)).toEqual([])
    for (const line of text.trimEnd().split('\n')) expect(line).toMatch(/^\s*[[\]{}"]/)
    const bom = JSON.parse(text) as CdxBom
    expect(bom.components).toHaveLength(1)
    expect(bom.components[0]!.name).toBe(hostile)
    expect(bom.components[0]!.components![0]!.name).toBe(`dir/${hostile}`)
    expect(prop(bom.components[0]!, 'security-group-name')).toBe(hostile)
  })
})
