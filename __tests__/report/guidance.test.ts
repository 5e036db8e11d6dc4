import { describe, expect, it } from '@jest/globals'
import type { ModelResult } from '../../src/gate/result.js'
import { guidanceFor, type Tailored } from '../../src/report/guidance.js'
import { fixtureReport } from '../helpers/reports.js'

/** Remediation tailored to the finding and to the group's configuration at scan time. */

const mixed = fixtureReport('mixed')
const byUri = (suffix: string) => mixed.models.find((m) => m.model.model_uri.endsWith(suffix))!
const dialogpt = byUri('DialoGPT-medium')

function guidance(m: ModelResult, rule: string) {
  const e = m.evaluations.items.find((x) => x.rule_name === rule)!
  return guidanceFor(
    m,
    e,
    m.violations.items.filter((v) => v.rule_instance_uuid === e.rule_instance_uuid)
  )
}
function tailored<K extends Tailored['kind']>(m: ModelResult, rule: string, kind: K) {
  const t = guidance(m, rule).tailored
  expect(t.kind).toBe(kind)
  return t as Extract<Tailored, { kind: K }>
}

/** The same model with the group's rule configured differently in the policy snapshot. */
function withField(m: ModelResult, rule: string, key: string, values: unknown): ModelResult {
  const uuid = m.evaluations.items.find((e) => e.rule_name === rule)!.rule_instance_uuid
  return {
    ...m,
    policy: {
      ...m.policy!,
      rule_instances: m.policy!.rule_instances.map((i) =>
        i.uuid === uuid ? { ...i, field_values: { ...i.field_values, [key]: values } } : i
      )
    }
  }
}

describe('unapproved format', () => {
  it('names the formats found, the formats approved at scan time, and converts for the framework', () => {
    const t = tailored(dialogpt, 'Stored In Approved File Format', 'format')
    expect(t.found).toEqual(['pickle', 'pytorch_v0_1_10', 'pytorch_torch_script', 'zip', 'keras_weights'])
    expect(t.approved).toEqual(['safetensors', 'safetensors_index', 'json', 'yaml'])
    expect(t.files.map((f) => f.path)).toEqual(['pytorch_model.bin', 'rust_model.ot', 'tf_model.h5'])
    // the Keras weights file is the Transformers model's TensorFlow copy: the Transformers conversion covers it
    expect(t.examples.map((e) => e.title)).toEqual([
      'PyTorch pickle checkpoint → safetensors',
      'Hugging Face Transformers model → safetensors'
    ])
    const transformers = t.examples[1]!.code
    expect(transformers).toContain('repo = "microsoft/DialoGPT-medium"')
    // converts what was scanned: every download names the revision
    expect(transformers).toContain('revision = "main"')
    expect(transformers.match(/from_pretrained\(repo, revision=revision/g)).toHaveLength(2)
  })

  it('pins the conversion to the revision that was scanned', () => {
    const m = { ...dialogpt, model: { ...dialogpt.model, revision: '3d6c0d1b0e5f' } }
    const code = tailored(m, 'Stored In Approved File Format', 'format').examples[1]!.code
    expect(code).toContain('revision = "3d6c0d1b0e5f"  # convert what was scanned\n')
    const hostile = { ...dialogpt, model: { ...dialogpt.model, revision: 'x"); import os; os.system("id' } }
    expect(tailored(hostile, 'Stored In Approved File Format', 'format').examples[1]!.code).toContain(
      'revision = "main"'
    )
  })

  it('converts a .keras model with safe_mode on, and every snippet defines what it uses', () => {
    const keras = {
      ...dialogpt,
      model: { ...dialogpt.model, source_type: 'LOCAL' as const, model_uri: 'models/classifier' },
      violations: {
        ...dialogpt.violations,
        items: [
          {
            ...dialogpt.violations.items[0]!,
            file: 'model.keras',
            description: "Model file 'model.keras' is stored in an unapproved format: keras3"
          }
        ]
      }
    }
    const examples = tailored(keras, 'Stored In Approved File Format', 'format').examples
    expect(examples.map((e) => e.title)).toEqual(['Keras model (.keras) → safetensors'])
    expect(examples[0]!.code).toContain('keras.saving.load_model("model.keras", safe_mode=True)')
    expect(examples[0]!.code).not.toMatch(/build_model/)
  })

  it('reads the approved formats from the snapshot, not from the catalogue default', () => {
    const m = withField(dialogpt, 'Stored In Approved File Format', 'approved_formats', ['onnx', 'json'])
    const t = tailored(m, 'Stored In Approved File Format', 'format')
    expect(t.approved).toEqual(['onnx', 'json'])
    // safetensors is not approved here: no conversion to it is suggested
    expect(t.examples.some((e) => e.title.includes('safetensors'))).toBe(false)
  })

  it('says when the approved formats are unknown instead of guessing', () => {
    const m = { ...dialogpt, policy: null, rules: dialogpt.rules.map((r) => ({ ...r, default_values: {} })) }
    expect(tailored(m, 'Stored In Approved File Format', 'format').approved).toBeNull()
  })

  it('names approved weights beside the failing files, without advice to stop scanning any file', () => {
    const extra = {
      ...dialogpt.files.items[0]!,
      uuid: '00000000-0000-4000-8000-00000000ffff',
      path: 'model.safetensors',
      formats: ['safetensors'],
      result: 'SUCCESS'
    }
    const m = { ...dialogpt, files: { ...dialogpt.files, items: [...dialogpt.files.items, extra] } }
    const t = tailored(m, 'Stored In Approved File Format', 'format')
    expect(t.approvedSiblings).toEqual(['model.safetensors'])
    expect(t.examples.some((e) => /ignore-patterns/.test(e.code) || e.language === 'yaml')).toBe(false)
  })

  it('never suggests loading a model that also runs code, even through another of its files', () => {
    const m = byUri('pickle-rce')
    expect(tailored(m, 'Stored In Approved File Format', 'format')).toMatchObject({
      runsCode: true,
      unsafeToConvert: ['pytorch_model.bin'],
      examples: []
    })
    // one more format finding on a harmless file must not bring conversions (from_pretrained loads them all)
    const format = m.violations.items.find((v) => v.rule_name === 'Stored In Approved File Format')!
    const extra = {
      ...format,
      uuid: '00000000-0000-4000-8000-00000000fffe',
      file: 'scaler.joblib',
      description: "Model file 'scaler.joblib' is stored in an unapproved format: joblib"
    }
    const more = { ...m, violations: { ...m.violations, items: [...m.violations.items, extra] } }
    expect(tailored(more, 'Stored In Approved File Format', 'format').examples).toEqual([])
  })

  it('puts only plain identifiers into code', () => {
    const m = {
      ...dialogpt,
      model: { ...dialogpt.model, model_uri: 'https://huggingface.co/evil/x"); import os; ("' }
    }
    const code = tailored(m, 'Stored In Approved File Format', 'format')
      .examples.map((e) => e.code)
      .join('\n')
    expect(code).not.toContain('import os')
    expect(code).toContain('repo = "<org>/<model>"')
  })
})

describe('code execution', () => {
  it('explains the threat, with the service’s links', () => {
    const g = guidance(byUri('pickle-rce'), 'Load Time Code Execution Check')
    const t = g.tailored as Extract<Tailored, { kind: 'code-execution' }>
    expect(t.meaning).toMatch(/^Loading this model runs code embedded in it/)
    expect(t.internal).toBe(false)
    expect(g.links.map((l) => l.label)).toEqual([
      'Rule documentation',
      'Threat intelligence: PAIT-PYTCH-100',
      'Knowledge base: PAIT-PYTCH-100'
    ])
  })

  it('escalates as an incident for the organisation’s own models', () => {
    const m = byUri('pickle-rce')
    const own = { ...m, model: { ...m.model, source_type: 'S3' as const, model_uri: 's3://models/x' } }
    const t = tailored(own, 'Load Time Code Execution Check', 'code-execution')
    expect(t.internal).toBe(true)
    expect(t.steps.join(' ')).toMatch(
      /Quarantine the artifact.*Audit the pipeline.*Rotate credentials.*incident/
    )
  })
})

describe('licenses', () => {
  it('lists the licenses the group accepts when the model declares none', () => {
    const t = tailored(byUri('unlicensed'), 'License Exists', 'license')
    expect(t).toEqual({ kind: 'license', missing: true, approved: ['apache-2.0', 'mit', 'bsd-3-clause'] })
  })
})

describe('a rule that could not be evaluated', () => {
  it('says so rather than giving fix advice', () => {
    const e = { ...dialogpt.evaluations.items[0]!, result: 'ERROR' }
    expect(guidanceFor(dialogpt, e, []).tailored).toEqual({ kind: 'rule-error' })
  })
})
