import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { defaultPolicy, type EnginePolicy } from '../../src/gate/builtin-policy.js'
import { ENGINE_RULES } from '../../src/engine/rules.js'
import { scanLocalModel, type LocalScan } from '../../src/gate/builtin-scan.js'
import { EVERY_FORMAT } from '../helpers/formats.js'
import { bytes, msg, savedModel, tfFunction, tfGraph, tfNode, vint } from '../helpers/proto-builder.js'
import { buildZip } from '../helpers/zip-builder.js'

/**
 * Frozen TensorFlow graphs: a `.pb` other than saved_model.pb and keras_metadata.pb is a bare GraphDef to
 * TensorFlow (GraphDef.ParseFromString, then import_graph_def), and the engine reads it as one, with the same
 * findings as a SavedModel's graphs. A `.pb` in which no node was read stays a file the engine cannot identify.
 */

const base = defaultPolicy()
const POLICY: EnginePolicy = {
  ...base,
  name: 'Frozen graphs: every format approved',
  approvedFormats: EVERY_FORMAT,
  states: { ...base.states, FORMAT: 'ALLOWING' }
}

let tmp = ''
let dirs = 0
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'engine-frozen-'))
})
afterAll(async () => {
  if (tmp) await fs.rm(tmp, { recursive: true, force: true })
})

async function scan(files: Record<string, Buffer>): Promise<LocalScan> {
  const dir = path.join(tmp, `model-${++dirs}`)
  await fs.mkdir(dir)
  for (const [rel, data] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true })
    await fs.writeFile(path.join(dir, rel), data)
  }
  return scanLocalModel({ path: dir, modelUri: 'models/frozen', policy: POLICY })
}

const cleanGraph = tfGraph([
  tfNode('input', 'Placeholder'),
  tfNode('w', 'Const'),
  tfNode('mm', 'MatMul'),
  tfNode('relu', 'Relu'),
  tfNode('output', 'Identity')
])

describe('frozen graphs (.pb)', () => {
  it('a clean frozen graph is read as TensorFlow and passes', async () => {
    const r = await scan({ 'frozen_graph.pb': cleanGraph })
    expect(r.violations).toEqual([])
    expect(r.scan.eval_outcome).toBe('ALLOWED')
    expect(r.files.find((f) => f.path === 'frozen_graph.pb')?.formats).toEqual(['tensorflow'])
  })

  it('finds PyFunc at top level and in the graph library, and file I/O', async () => {
    const graph = tfGraph(
      [tfNode('input', 'Placeholder'), tfNode('py', 'PyFunc'), tfNode('rf', 'ReadFile')],
      [tfFunction('helper', [tfNode('inner', 'EagerPyFunc')])]
    )
    const r = await scan({ 'model.pb': graph })
    expect(r.scan.eval_outcome).toBe('BLOCKED')
    const runtime = r.violations.filter((v) => v.rule_name === ENGINE_RULES.RUNTIME.name)
    expect(runtime.map((v) => [v.file, v.operator, v.threat])).toEqual([
      ['model.pb', 'PyFunc', 'PAIT-TF-300'],
      ['model.pb', 'ReadFile', 'PAIT-TF-301'],
      ['model.pb', 'EagerPyFunc', 'PAIT-TF-300']
    ])
    expect(runtime[2]!.description).toMatch(
      /^Operator EagerPyFunc \(node inner, function:helper\) runs Python/
    )
  })

  it('reports operators TensorFlow does not know', async () => {
    const r = await scan({ 'graph.pb': tfGraph([tfNode('x', 'Placeholder'), tfNode('c', 'MyCustomOp')]) })
    expect(r.violations).toContainEqual(
      expect.objectContaining({
        rule_name: ENGINE_RULES.OPERATORS.name,
        threat: 'PAIT-TF-302',
        file: 'graph.pb',
        operator: 'MyCustomOp'
      })
    )
  })

  it('reads a frozen graph inside an archive', async () => {
    const zip = buildZip({ members: [{ name: 'export/frozen.pb', data: tfGraph([tfNode('p', 'PyFunc')]) }] })
    const r = await scan({ 'bundle.zip': zip })
    expect(r.violations).toContainEqual(
      expect.objectContaining({
        file: 'bundle.zip',
        operator: 'PyFunc',
        description: expect.stringContaining('(member export/frozen.pb)')
      })
    )
  })

  it('a truncated graph is not verified, and what was read before the cut is still reported', async () => {
    const graph = tfGraph([tfNode('py', 'PyFunc'), tfNode('relu', 'Relu')])
    const r = await scan({ 'model.pb': graph.subarray(0, graph.length - 3) })
    expect(r.scan.eval_outcome).toBe('BLOCKED')
    expect(r.violations).toContainEqual(expect.objectContaining({ file: 'model.pb', operator: 'PyFunc' }))
    expect(r.unverified).toContainEqual(
      expect.objectContaining({
        file: 'model.pb',
        description: expect.stringMatching(/^Could not be verified/)
      })
    )
  })

  it('a .pb that holds no graph (a SavedModel fingerprint) stays unidentified, never clean', async () => {
    // fingerprint.proto FingerprintDef: saved_model_checksum 1 and graph_def_program_hash 2 are uint64
    const fingerprint = msg(vint(1, 1234567), vint(2, 89))
    const r = await scan({ 'fingerprint.pb': fingerprint, 'empty.pb': msg(bytes(9, 'x')) })
    for (const file of ['fingerprint.pb', 'empty.pb']) {
      expect(r.unverified).toContainEqual(
        expect.objectContaining({
          file,
          description: `Could not be verified: the content of '${file}' is not a format the engine can identify`
        })
      )
    }
  })

  it('saved_model.pb is still read as a SavedModel, not as a bare graph', async () => {
    const r = await scan({ 'saved_model.pb': savedModel(tfGraph([tfNode('py', 'PyFunc')])) })
    expect(r.violations).toContainEqual(
      expect.objectContaining({ file: 'saved_model.pb', operator: 'PyFunc' })
    )
    // read as a bare GraphDef, its first field (the schema version, a varint) would not parse
    expect(r.unverified).toEqual([])
  })
})
