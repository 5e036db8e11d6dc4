import { createHash } from 'node:crypto'
// the library's entry points one by one: its root also loads the validators and their optional dependencies
import { ComponentType, HashAlgorithm } from '@cyclonedx/cyclonedx-library/Enums'
import {
  Bom,
  Component,
  ComponentRepository,
  HashDictionary,
  Metadata,
  Property,
  Tools
} from '@cyclonedx/cyclonedx-library/Models'
import { JSON as CdxJson } from '@cyclonedx/cyclonedx-library/Serialize'
import { Spec1dot6 } from '@cyclonedx/cyclonedx-library/Spec'
import type { GateReport, ModelResult } from '../gate/result.js'
import { PRODUCT, VERSION } from '../version.js'

/**
 * The run as a CycloneDX 1.6 ML-BOM: one `machine-learning-model` component per model, its files (when the
 * gate read them) as `file` sub-components with their SHA-256, and what the gate found as namespaced
 * properties. Only what the report knows is written: a model's license is not in the report (the service
 * reports only whether a license rule failed), so no component has `licenses`. Pure and deterministic: the
 * same report gives the same document.
 */

/** The namespace of this tool's properties (CycloneDX reserves `cdx:`). */
const NS = `${PRODUCT}:`
const HF_MODEL = /^https:\/\/huggingface\.co\/([^/]+)\/([^/]+)$/

/** The Hugging Face model's package URL (purl-spec type `huggingface`): the commit, lowercased, as version. */
export function huggingFacePurl(modelUri: string, commit: string | undefined): string | undefined {
  const m = HF_MODEL.exec(modelUri)
  if (!m) return undefined
  const [org, name] = [m[1]!, m[2]!].map(encodeURIComponent)
  return `pkg:huggingface/${org}/${name}${commit ? `@${commit.toLowerCase()}` : ''}`
}

/** Properties, leaving out what is unknown. */
function properties(entries: Array<[string, string | number | null | undefined]>): Property[] {
  return entries.flatMap(([name, value]) =>
    value === null || value === undefined ? [] : [new Property(`${NS}${name}`, String(value))]
  )
}

function modelComponent(m: ModelResult): Component {
  const ref = `model-${m.index}`
  const hf = m.model.source_type === 'HUGGING_FACE' ? HF_MODEL.exec(m.model.model_uri) : null
  const commit = m.model.resolved_revision
  const digest = m.model.digest
  const component = new Component(ComponentType.MachineLearningModel, hf ? hf[2]! : m.model.model_uri, {
    bomRef: ref,
    ...(hf && { group: hf[1]! }),
    ...(commit && { version: commit }),
    ...(hf && { purl: huggingFacePurl(m.model.model_uri, commit) }),
    // a single file is the model: its hash is the model's; a list digest is not any artifact's hash
    ...(digest?.files.length === 1 && {
      hashes: new HashDictionary([[HashAlgorithm['SHA-256'], digest.files[0]!.sha256]])
    })
  })
  for (const p of properties([
    ['verdict', m.verdict],
    ['status', m.status],
    ['reason', m.reason],
    ['engine', m.engine],
    ['source-type', m.model.source_type],
    ['model-uri', m.model.model_uri],
    ['revision', m.model.revision],
    ['eval-outcome', m.scan?.eval_outcome],
    ['scan-uuid', m.scan?.uuid],
    ['security-group-uuid', m.security_group?.uuid],
    ['security-group-name', m.security_group?.name],
    ['policy-generation', m.policy?.generation],
    ['violations', m.scan ? (m.violations.total ?? m.violations.items.length) : undefined],
    ['error-code', m.error?.code],
    ['content-sha256', digest?.sha256],
    ['finished-at', m.finished_at]
  ]))
    component.properties.add(p)
  digest?.files.forEach((f, i) => {
    component.components.add(
      new Component(ComponentType.File, f.path, {
        bomRef: `${ref}:file-${i + 1}`,
        hashes: new HashDictionary([[HashAlgorithm['SHA-256'], f.sha256]])
      })
    )
  })
  return component
}

/** RFC 4122's namespace for names that are URLs. */
const URL_NAMESPACE = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex')

/**
 * A name-based (version 5) UUID from the report's content, so re-rendering a report gives the same serial
 * number and another run another one.
 */
function serialNumber(report: GateReport): string {
  const name = `https://github.com/airs-model-gate/airs-model-gate/ml-bom/${createHash('sha256').update(JSON.stringify(report)).digest('hex')}`
  const b = createHash('sha1').update(URL_NAMESPACE).update(name).digest().subarray(0, 16)
  b[6] = (b[6]! & 0x0f) | 0x50
  b[8] = (b[8]! & 0x3f) | 0x80
  const h = b.toString('hex')
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

export function mlBom(report: GateReport): Bom {
  const c = report.context
  const metadata = new Metadata({
    timestamp: new Date(report.finished_at),
    tools: new Tools({
      components: new ComponentRepository([
        new Component(ComponentType.Application, PRODUCT, { version: VERSION })
      ])
    })
  })
  for (const p of properties([
    ['verdict', report.verdict],
    ['mode', report.settings.mode],
    ['on-error', report.settings.on_error],
    ['error-code', report.error?.code],
    ['repository', c?.repository],
    ['commit', c?.sha],
    ['ref', c?.ref],
    ['run-url', c?.run_url]
  ]))
    metadata.properties.add(p)
  const bom = new Bom({ metadata, serialNumber: serialNumber(report) })
  for (const m of report.models) bom.components.add(modelComponent(m))
  return bom
}

/** The ML-BOM as CycloneDX 1.6 JSON, for a file. */
export function mlBomJson(report: GateReport): string {
  // insertion order is already deterministic (models in input order, files as the digest lists them)
  const normalized = new CdxJson.Normalize.Factory(Spec1dot6).makeForBom().normalize(mlBom(report), {})
  // the library lists every component in the dependency graph, which says "depends on nothing"; what a model
  // depends on (a base model, a tokenizer) is unknown here, and a component left out of the graph says so
  const { dependencies: _unknown, ...bom } = normalized
  return `${JSON.stringify(bom, null, 2)}\n`
}
