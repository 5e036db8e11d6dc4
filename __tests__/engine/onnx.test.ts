import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import {
  externalPathProblems,
  inspectOnnx,
  onnxDomainKind,
  STANDARD_ONNX_DOMAINS
} from '../../src/engine/formats/onnx.js'
import {
  bytes,
  msg,
  mutations,
  onnxFunction,
  onnxGraph,
  onnxGraphAttr,
  onnxModel,
  onnxNode,
  onnxTensor,
  sub,
  tag,
  varint
} from '../helpers/proto-builder.js'

const standardGraph = onnxGraph({
  inputs: ['x', 'W'],
  initializers: [onnxTensor('W')],
  nodes: [
    onnxNode({ op: 'MatMul', inputs: ['x', 'W'], outputs: ['h'], name: 'mm' }),
    onnxNode({ op: 'Relu', inputs: ['h'], outputs: ['r'] }),
    onnxNode({ op: 'Relu', inputs: ['r'], outputs: ['y'] })
  ]
})

describe('inspectOnnx', () => {
  it('reports a standard graph with no findings', () => {
    const r = inspectOnnx(onnxModel({ graph: standardGraph, producer: 'pytorch' }))
    expect(r.problems).toEqual([])
    expect(r.irVersion).toBe(8)
    expect(r.producerName).toBe('pytorch')
    expect(r.opsetImports).toEqual([{ domain: '', version: 17 }])
    expect(r.operators).toEqual([
      { domain: '', opType: 'MatMul', count: 1, domainKind: 'standard', localFunction: false },
      { domain: '', opType: 'Relu', count: 2, domainKind: 'standard', localFunction: false }
    ])
    expect(r.nodeCount).toBe(3)
    expect(r.customDomains).toEqual([])
    expect(r.contribDomains).toEqual([])
    expect(r.externalData).toEqual([])
    expect(r.externalTensors).toEqual([])
    expect(r.backdoorHints).toEqual([])
  })

  it('separates custom domains from the com.microsoft contrib domain', () => {
    const graph = onnxGraph({
      nodes: [
        onnxNode({ op: 'EvilOp', domain: 'com.example.evil', inputs: ['x'], outputs: ['a'] }),
        onnxNode({ op: 'FusedGemm', domain: 'com.microsoft', inputs: ['a'], outputs: ['b'] }),
        onnxNode({ op: 'LinearClassifier', domain: 'ai.onnx.ml', inputs: ['b'], outputs: ['c'] })
      ]
    })
    const r = inspectOnnx(
      onnxModel({
        graph,
        opsets: [
          ['', 17],
          ['com.example.evil', 1],
          ['com.microsoft', 1]
        ]
      })
    )
    expect(r.customDomains).toEqual(['com.example.evil'])
    expect(r.contribDomains).toEqual(['com.microsoft'])
    expect(r.operators.find((o) => o.opType === 'EvilOp')?.domainKind).toBe('custom')
    expect(r.operators.find((o) => o.opType === 'LinearClassifier')?.domainKind).toBe('standard')
    expect(r.opsetImports.map((o) => o.domain)).toEqual(['', 'com.example.evil', 'com.microsoft'])
  })

  it('counts nodes inside If, Loop and Scan bodies', () => {
    const thenBranch = onnxGraph({ nodes: [onnxNode({ op: 'Hidden', domain: 'x.custom', outputs: ['t'] })] })
    const elseBranch = onnxGraph({ nodes: [onnxNode({ op: 'Identity', inputs: ['x'], outputs: ['e'] })] })
    const loopBody = onnxGraph({
      nodes: [onnxNode({ op: 'If', inputs: ['c'], attrs: [onnxGraphAttr('then_branch', thenBranch)] })]
    })
    const graph = onnxGraph({
      nodes: [
        onnxNode({
          op: 'If',
          inputs: ['c'],
          outputs: ['o'],
          name: 'branch',
          attrs: [onnxGraphAttr('then_branch', thenBranch), onnxGraphAttr('else_branch', elseBranch)]
        }),
        onnxNode({ op: 'Loop', attrs: [onnxGraphAttr('body', loopBody)] }),
        onnxNode({ op: 'Scan', attrs: [onnxGraphAttr('bodies', elseBranch, elseBranch)] })
      ]
    })
    const r = inspectOnnx(onnxModel({ graph }))
    expect(r.problems).toEqual([])
    expect(r.operators.find((o) => o.opType === 'Hidden')).toMatchObject({ domain: 'x.custom', count: 2 })
    expect(r.operators.find((o) => o.opType === 'Identity')?.count).toBe(3)
    expect(r.operators.find((o) => o.opType === 'If')?.count).toBe(2)
    expect(r.customDomains).toEqual(['x.custom'])
    expect(r.graphCount).toBe(7)
  })

  it('reads local functions and does not treat calls to them as custom operators', () => {
    const fn = onnxFunction('local.fns', 'MyGelu', [
      onnxNode({ op: 'Erf', inputs: ['x'], outputs: ['e'] }),
      onnxNode({ op: 'Backdoor', domain: 'evil', inputs: ['e'], outputs: ['y'] })
    ])
    const graph = onnxGraph({
      nodes: [onnxNode({ op: 'MyGelu', domain: 'local.fns', inputs: ['x'], outputs: ['y'] })]
    })
    const r = inspectOnnx(onnxModel({ graph, functions: [fn] }))
    expect(r.functions).toEqual([{ domain: 'local.fns', name: 'MyGelu', nodeCount: 2 }])
    expect(r.operators.find((o) => o.opType === 'MyGelu')).toMatchObject({
      localFunction: true,
      domainKind: 'custom'
    })
    expect(r.operators.find((o) => o.opType === 'Erf')?.count).toBe(1)
    // the function body's own custom op is still reported
    expect(r.customDomains).toEqual(['evil'])
  })

  it('reports external data locations, with traversal and absolute paths flagged', () => {
    const graph = onnxGraph({
      initializers: [
        onnxTensor('ok', { location: 'weights.bin', offset: '0', length: '4' }),
        onnxTensor('up', { location: '../../etc/passwd' }),
        onnxTensor('abs', { location: '/etc/passwd' }),
        onnxTensor('none', {})
      ],
      nodes: [
        onnxNode({
          op: 'Constant',
          outputs: ['k'],
          attrs: [msg(bytes(1, 'value'), bytes(5, onnxTensor('const', { location: 'C:\\Windows\\win.ini' })))]
        })
      ]
    })
    const r = inspectOnnx(onnxModel({ graph }))
    expect(r.problems).toEqual([])
    const byName = Object.fromEntries(r.externalTensors.map((e) => [e.tensor, e]))
    expect(r.externalData).toEqual(['weights.bin', '../../etc/passwd', '/etc/passwd', 'C:\\Windows\\win.ini'])
    expect(byName.ok).toMatchObject({ location: 'weights.bin', problems: [], where: 'graph/initializer' })
    expect(byName.up?.problems).toEqual(["'..' path segment"])
    expect(byName.abs?.problems).toEqual(['absolute path'])
    expect(byName.none?.problems).toEqual(['tensor is external but has no location'])
    expect(byName.const?.problems).toEqual(
      expect.arrayContaining(['Windows drive letter', 'backslash in location'])
    )
    expect(byName.const?.where).toContain('attribute')
  })

  it('finds external data in sparse initializers and subgraphs', () => {
    const inner = onnxGraph({ initializers: [onnxTensor('deep', { location: 'a/../../x' })], nodes: [] })
    const graph = msg(
      onnxGraph({ nodes: [onnxNode({ op: 'If', attrs: [onnxGraphAttr('then_branch', inner)] })] }),
      sub(15, bytes(1, onnxTensor('sparse', { location: 'file:///etc/shadow' })))
    )
    const r = inspectOnnx(onnxModel({ graph }))
    expect(r.externalTensors.map((e) => e.tensor).sort()).toEqual(['deep', 'sparse'])
    expect(r.externalTensors.find((e) => e.tensor === 'sparse')?.problems).toEqual(
      expect.arrayContaining(['URL scheme'])
    )
  })

  it('hints at input-triggered branches (advisory)', () => {
    const graph = onnxGraph({
      inputs: ['image', 'trigger_const'],
      initializers: [onnxTensor('trigger_const')],
      nodes: [
        onnxNode({ op: 'ReduceSum', inputs: ['image'], outputs: ['s'] }),
        onnxNode({ op: 'Equal', inputs: ['s', 'trigger_const'], outputs: ['hit'], name: 'eq' }),
        onnxNode({ op: 'Where', inputs: ['hit', 'evil', 'good'], outputs: ['out'], name: 'sel' }),
        onnxNode({ op: 'If', inputs: ['image'], name: 'raw' })
      ]
    })
    const r = inspectOnnx(onnxModel({ graph }))
    expect(r.backdoorHints).toEqual([
      expect.objectContaining({ node: 'eq', opType: 'Equal', input: 'image', constant: 'trigger_const' }),
      expect.objectContaining({ node: 'sel', opType: 'Where', input: 'image', constant: 'trigger_const' }),
      expect.objectContaining({ node: 'raw', opType: 'If', input: 'image' })
    ])
  })

  it('does not hint at comparisons of computed values or shapes', () => {
    const graph = onnxGraph({
      inputs: ['x'],
      nodes: [
        onnxNode({ op: 'Constant', outputs: ['zero'] }),
        onnxNode({ op: 'Shape', inputs: ['x'], outputs: ['shape'] }),
        onnxNode({ op: 'Equal', inputs: ['shape', 'zero'], outputs: ['e'] }),
        onnxNode({ op: 'Conv', inputs: ['x'], outputs: ['c'] }),
        onnxNode({ op: 'Greater', inputs: ['c', 'zero'], outputs: ['g'] }),
        onnxNode({ op: 'Where', inputs: ['g', 'c', 'zero'], outputs: ['w'] })
      ]
    })
    expect(inspectOnnx(onnxModel({ graph })).backdoorHints).toEqual([])
  })

  it('reads a model serialised by the onnx package itself', () => {
    const here = path.dirname(fileURLToPath(import.meta.url))
    const r = inspectOnnx(readFileSync(path.join(here, '../fixtures/engine/onnx/trigger.onnx')))
    expect(r.problems).toEqual([])
    expect(r.producerName).toBe('gen')
    expect(r.nodeCount).toBe(8)
    expect(r.customDomains).toEqual(['evil.ops'])
    expect(r.contribDomains).toEqual(['com.microsoft'])
    expect(r.operators.find((o) => o.opType === 'MyFn')?.localFunction).toBe(true)
    expect(r.externalTensors).toEqual([
      {
        tensor: 'W',
        location: '../../etc/passwd',
        where: 'graph/initializer',
        problems: ["'..' path segment"]
      }
    ])
    expect(r.backdoorHints.map((h) => [h.node, h.opType, h.input, h.constant])).toEqual([
      ['eq', 'Equal', 'x', 'trigger'],
      ['branch', 'If', 'x', 'trigger']
    ])
  })

  it('reports truncated and garbage input as problems, never throwing', () => {
    const model = onnxModel({ graph: standardGraph })
    const truncated = inspectOnnx(model.subarray(0, model.length - 5))
    expect(truncated.problems.map((p) => p.code)).toContain('TRUNCATED')
    expect(truncated.operators.length).toBeGreaterThan(0) // what was read before the cut is kept
    expect(inspectOnnx(Buffer.alloc(0)).problems[0]?.code).toBe('TRUNCATED')
    expect(
      inspectOnnx(Buffer.from('PK\x03\x04 not a model at all', 'latin1')).problems.length
    ).toBeGreaterThan(0)
    expect(inspectOnnx(msg(vint7(), tag(7, 3))).problems[0]?.code).toBe('BAD_WIRE')
  })

  it('limits subgraph depth and node count', () => {
    let g = onnxGraph({ nodes: [onnxNode({ op: 'Relu' })] })
    for (let i = 0; i < 40; i++)
      g = onnxGraph({ nodes: [onnxNode({ op: 'If', attrs: [onnxGraphAttr('then_branch', g)] })] })
    const deep = inspectOnnx(onnxModel({ graph: g }))
    expect(deep.problems.map((p) => p.code)).toContain('DEPTH')
    const many = onnxGraph({ nodes: Array.from({ length: 50 }, () => onnxNode({ op: 'Relu' })) })
    const limited = inspectOnnx(onnxModel({ graph: many }), { maxNodes: 10 })
    expect(limited.problems.map((p) => p.code)).toEqual(['LIMIT'])
    expect(limited.nodeCount).toBe(11)
  })

  it('fuzz: 500 corruptions always return a report', () => {
    const inner = onnxGraph({ nodes: [onnxNode({ op: 'Relu', inputs: ['x'], outputs: ['y'] })] })
    const model = onnxModel({
      graph: onnxGraph({
        inputs: ['x'],
        initializers: [onnxTensor('w', { location: 'w.bin' })],
        nodes: [
          onnxNode({ op: 'If', inputs: ['x'], attrs: [onnxGraphAttr('then_branch', inner)] }),
          onnxNode({ op: 'Equal', inputs: ['x', 'w'], outputs: ['e'] })
        ]
      }),
      functions: [onnxFunction('f', 'F', [onnxNode({ op: 'Relu' })])]
    })
    // the work, counted: every graph and node walked takes bytes of the input, so a walk that revisited or
    // looped would count more of them than there are bytes
    let walked = 0
    let bytesGiven = 0
    for (const m of mutations(model, 500, 42)) {
      const r = inspectOnnx(m)
      expect(Array.isArray(r.problems)).toBe(true)
      walked += r.graphCount + r.nodeCount
      bytesGiven += m.length
    }
    expect(walked).toBeGreaterThan(0)
    expect(walked).toBeLessThanOrEqual(bytesGiven)
  })
})

function vint7(): Buffer {
  return msg(tag(1, 0), varint(7))
}

describe('externalPathProblems', () => {
  it('accepts plain relative paths', () => {
    expect(externalPathProblems('weights.bin')).toEqual([])
    expect(externalPathProblems('data/part-0.bin')).toEqual([])
    expect(externalPathProblems('..weird..name')).toEqual([])
  })

  it('names every escape', () => {
    expect(externalPathProblems('../x')).toEqual(["'..' path segment"])
    expect(externalPathProblems('a/b/../../../x')).toEqual(["'..' path segment"])
    expect(externalPathProblems('/abs')).toEqual(['absolute path'])
    expect(externalPathProblems('//server/share')).toEqual(['absolute path'])
    expect(externalPathProblems('C:/x')).toEqual(['Windows drive letter'])
    expect(externalPathProblems('a\\..\\b')).toEqual(['backslash in location', "'..' path segment"])
    expect(externalPathProblems('https://example.com/w')).toEqual(['URL scheme'])
    expect(externalPathProblems('w.bin\0.txt')).toEqual(['NUL byte in location'])
    expect(externalPathProblems('~/x')).toEqual(['home-directory path'])
    expect(externalPathProblems('')).toEqual(['empty location'])
  })
})

describe('domains', () => {
  it('classifies domains', () => {
    expect([...STANDARD_ONNX_DOMAINS]).toEqual([
      '',
      'ai.onnx',
      'ai.onnx.ml',
      'ai.onnx.training',
      'ai.onnx.preview.training'
    ])
    expect(onnxDomainKind('ai.onnx')).toBe('standard')
    expect(onnxDomainKind('com.microsoft')).toBe('contrib')
    expect(onnxDomainKind('com.microsoft.nchwc')).toBe('custom')
  })
})
