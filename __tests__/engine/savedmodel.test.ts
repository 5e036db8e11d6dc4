import { describe, expect, it } from '@jest/globals'
import {
  inspectGraphDef,
  inspectKerasMetadata,
  inspectSavedModel,
  TF_KNOWN_OPS,
  TF_UNSAFE_OP_INFO
} from '../../src/engine/formats/savedmodel.js'
import {
  kerasMetadata,
  msg,
  mutations,
  savedModel,
  tag,
  tfFunction,
  tfGraph,
  tfNode
} from '../helpers/proto-builder.js'

const cleanGraph = tfGraph([
  tfNode('x', 'Placeholder'),
  tfNode('w', 'Const'),
  tfNode('mm', 'MatMul'),
  tfNode('b', 'BiasAdd'),
  tfNode('r', 'Relu'),
  tfNode('call', 'StatefulPartitionedCall')
])

describe('inspectSavedModel', () => {
  it('reports a clean graph: every op known, nothing unsafe', () => {
    const r = inspectSavedModel(savedModel(cleanGraph))
    expect(r.problems).toEqual([])
    expect(r.schemaVersion).toBe(1)
    expect(r.metaGraphCount).toBe(1)
    expect(r.nodeCount).toBe(6)
    expect(r.ops.map((o) => o.op)).toEqual([
      'BiasAdd',
      'Const',
      'MatMul',
      'Placeholder',
      'Relu',
      'StatefulPartitionedCall'
    ])
    expect(r.ops.every((o) => o.known && !o.unsafe)).toBe(true)
    expect(r.unsafeOps).toEqual([])
    expect(r.unknownOps).toEqual([])
  })

  it('finds PyFunc at top level and inside a function library', () => {
    const graph = tfGraph(
      [tfNode('x', 'Placeholder'), tfNode('py', 'PyFunc')],
      [tfFunction('__inference_call_42', [tfNode('inner_py', 'EagerPyFunc'), tfNode('again', 'PyFunc')])]
    )
    const r = inspectSavedModel(savedModel(graph))
    expect(r.functions).toEqual(['__inference_call_42'])
    expect(r.ops.find((o) => o.op === 'PyFunc')).toMatchObject({ count: 2, unsafe: { severity: 'critical' } })
    expect(r.unsafeOps).toEqual([
      { op: 'PyFunc', severity: 'critical', node: 'py', where: 'graph', saverContext: false },
      {
        op: 'EagerPyFunc',
        severity: 'critical',
        node: 'inner_py',
        where: 'function:__inference_call_42',
        saverContext: false
      },
      {
        op: 'PyFunc',
        severity: 'critical',
        node: 'again',
        where: 'function:__inference_call_42',
        saverContext: false
      }
    ])
  })

  it('flags file I/O, and tells checkpoint ops in saver functions apart', () => {
    const graph = tfGraph(
      [
        tfNode('rf', 'ReadFile'),
        tfNode('wf', 'WriteFile'),
        tfNode('save/SaveV2', 'SaveV2'),
        tfNode('evil_save', 'SaveV2')
      ],
      [
        tfFunction('__inference__traced_save_123', [
          tfNode('SaveV2', 'SaveV2'),
          tfNode('sf', 'ShardedFilename')
        ])
      ]
    )
    const r = inspectSavedModel(savedModel(graph))
    const by = (node: string) => r.unsafeOps.find((o) => o.node === node)
    expect(by('rf')).toMatchObject({ op: 'ReadFile', severity: 'high', saverContext: false })
    expect(by('wf')).toMatchObject({ op: 'WriteFile', severity: 'high' })
    expect(by('save/SaveV2')?.saverContext).toBe(true)
    expect(by('evil_save')?.saverContext).toBe(false)
    expect(by('SaveV2')).toMatchObject({ saverContext: true, where: 'function:__inference__traced_save_123' })
    expect(by('sf')).toMatchObject({ severity: 'low', saverContext: true })
    expect(TF_UNSAFE_OP_INFO.get('SaveV2')?.checkpoint).toBe(true)
    expect(TF_UNSAFE_OP_INFO.get('SaveV2')?.severity).toBe('high')
  })

  it('raises PrintV2 to high when it writes to a file', () => {
    const graph = tfGraph([
      tfNode('p1', 'PrintV2', { output_stream: 'stderr' }),
      tfNode('p2', 'PrintV2', { output_stream: 'file:///tmp/x' })
    ])
    const r = inspectSavedModel(savedModel(graph))
    expect(r.unsafeOps.map((o) => [o.node, o.severity, o.detail])).toEqual([
      ['p1', 'low', undefined],
      ['p2', 'high', 'output_stream file:///tmp/x']
    ])
  })

  it('separates unknown ops from calls to library functions', () => {
    const graph = tfGraph(
      [tfNode('a', 'MyCustomOp'), tfNode('b', '__inference_fn_1')],
      [tfFunction('__inference_fn_1', [tfNode('c', 'Relu')])]
    )
    const r = inspectSavedModel(savedModel(graph))
    expect(r.unknownOps).toEqual(['MyCustomOp'])
    expect(r.ops.find((o) => o.op === '__inference_fn_1')).toMatchObject({ functionCall: true, known: false })
  })

  it('reads every meta graph', () => {
    const r = inspectSavedModel(savedModel(cleanGraph, tfGraph([tfNode('w', 'WriteFile')])))
    expect(r.metaGraphCount).toBe(2)
    expect(r.unsafeOps.map((o) => o.op)).toEqual(['WriteFile'])
  })

  it('reports truncated and garbage input as problems', () => {
    const m = savedModel(tfGraph([tfNode('a', 'Relu'), tfNode('b', 'PyFunc')]))
    const r = inspectSavedModel(m.subarray(0, m.length - 3))
    expect(r.problems.map((p) => p.code)).toContain('TRUNCATED')
    expect(inspectSavedModel(Buffer.alloc(0)).problems[0]?.code).toBe('TRUNCATED')
    expect(inspectSavedModel(msg(tag(3, 0), Buffer.from([1]))).problems[0]?.detail).toMatch(/no meta graph/)
    expect(inspectSavedModel(Buffer.from([0x12, 0x01, 0x0f])).problems[0]?.code).toBe('BAD_WIRE')
  })

  it('stops at the node limit', () => {
    const graph = tfGraph(Array.from({ length: 20 }, (_, i) => tfNode(`n${i}`, 'Relu')))
    const r = inspectSavedModel(savedModel(graph), { maxNodes: 5 })
    expect(r.problems.map((p) => p.code)).toEqual(['LIMIT'])
  })

  it('inspects a bare GraphDef', () => {
    const r = inspectGraphDef(tfGraph([tfNode('a', 'Conv2D'), tfNode('b', 'ReadFile')]))
    expect(r.unsafeOps.map((o) => o.op)).toEqual(['ReadFile'])
  })

  it('fuzz: 500 corruptions always return a report', () => {
    const m = savedModel(
      tfGraph(
        [tfNode('a', 'PrintV2', { output_stream: 'file:///x' }), tfNode('b', 'ReadFile')],
        [tfFunction('f', [tfNode('c', 'PyFunc')])]
      )
    )
    for (const x of mutations(m, 500, 7)) {
      expect(Array.isArray(inspectSavedModel(x).problems)).toBe(true)
      expect(Array.isArray(inspectGraphDef(x).problems)).toBe(true)
      expect(Array.isArray(inspectKerasMetadata(x).problems)).toBe(true)
    }
  })
})

describe('op tables', () => {
  it('knows the common inference ops and the unsafe ones', () => {
    for (const op of ['Const', 'Placeholder', 'Identity', 'MatMul', 'BiasAdd', 'Relu', 'Conv2D', 'Softmax']) {
      expect(TF_KNOWN_OPS.has(op)).toBe(true)
    }
    expect(TF_KNOWN_OPS.size).toBeGreaterThan(1400)
    for (const op of ['StatelessRandomUniformV2', 'DisableCopyOnRead', 'ImageProjectiveTransformV3']) {
      expect(TF_KNOWN_OPS.has(op)).toBe(true)
    }
    // every unsafe op is a real op (catches typos in either table)
    for (const op of TF_UNSAFE_OP_INFO.keys()) expect([op, TF_KNOWN_OPS.has(op)]).toEqual([op, true])
    expect(TF_UNSAFE_OP_INFO.get('PyFunc')?.severity).toBe('critical')
    expect(TF_UNSAFE_OP_INFO.get('Print')?.severity).toBe('low')
    expect(TF_UNSAFE_OP_INFO.get('Relu')).toBeUndefined()
    // op names come from hostile files: nothing inherited is found
    expect(TF_UNSAFE_OP_INFO.get('constructor')).toBeUndefined()
    expect(TF_UNSAFE_OP_INFO.get('__proto__')).toBeUndefined()
  })
})

describe('inspectKerasMetadata', () => {
  it('returns the JSON metadata of every node', () => {
    const lambda = JSON.stringify({ class_name: 'Lambda', config: { function: ['4wEAAAAA', null, null] } })
    const r = inspectKerasMetadata(
      kerasMetadata([
        { id: 0, path: 'root', identifier: '_tf_keras_sequential', metadata: '{"class_name": "Sequential"}' },
        { id: 1, path: 'root.layer-0', identifier: '_tf_keras_layer', metadata: lambda }
      ])
    )
    expect(r.problems).toEqual([])
    expect(r.nodes).toEqual([
      {
        nodeId: 0,
        nodePath: 'root',
        identifier: '_tf_keras_sequential',
        metadata: '{"class_name": "Sequential"}'
      },
      { nodeId: 1, nodePath: 'root.layer-0', identifier: '_tf_keras_layer', metadata: lambda }
    ])
  })

  it('refuses metadata over the byte limit instead of cutting it', () => {
    const r = inspectKerasMetadata(
      kerasMetadata([{ id: 0, path: 'root', identifier: '_tf_keras_layer', metadata: 'x'.repeat(100) }]),
      { maxMetadataBytes: 10 }
    )
    expect(r.problems.map((p) => p.code)).toEqual(['LIMIT'])
    expect(r.nodes).toEqual([])
  })
})
