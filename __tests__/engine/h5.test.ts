import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import { bufferAccess, type RandomAccess } from '../../src/engine/access.js'
import { findKerasModelConfig } from '../../src/engine/formats/h5.js'
import { inspectKerasConfig } from '../../src/engine/formats/keras.js'
import { mutations } from '../helpers/proto-builder.js'

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/engine/h5')
const fixture = (name: string): Buffer => readFileSync(path.join(dir, name))

function pad8(b: Buffer): Buffer {
  return Buffer.concat([b, Buffer.alloc((8 - (b.length % 8)) % 8)])
}

/**
 * A hand-made HDF5 file with only what the reader looks at: a v0 superblock and a v1 root object header whose
 * attribute messages hold fixed-length strings. Not a complete file (no B-tree, no local heap, no EOF
 * bookkeeping) that the HDF5 library would open; the fixtures under fixtures/engine/h5 are the real thing.
 */
function handMade(attrs: Record<string, string>, userBlock = 0): Buffer {
  const messages = Object.entries(attrs).map(([name, value]) => {
    const nameBytes = Buffer.from(`${name}\0`, 'latin1')
    const dt = Buffer.alloc(8)
    dt[0] = 0x13 // class 3 (string), version 1
    dt.writeUInt32LE(Buffer.byteLength(value), 4)
    const ds = Buffer.from([1, 0, 0, 0, 0, 0, 0, 0]) // v1 scalar dataspace
    const head = Buffer.alloc(8)
    head[0] = 1
    head.writeUInt16LE(nameBytes.length, 2)
    head.writeUInt16LE(8, 4)
    head.writeUInt16LE(8, 6)
    const body = pad8(Buffer.concat([head, pad8(nameBytes), dt, ds, Buffer.from(value, 'utf8')]))
    const mh = Buffer.alloc(8)
    mh.writeUInt16LE(0x0c, 0)
    mh.writeUInt16LE(body.length, 2)
    return Buffer.concat([mh, body])
  })
  const headerBody = Buffer.concat(messages)
  const oh = Buffer.alloc(16)
  oh[0] = 1
  oh.writeUInt16LE(messages.length, 2)
  oh.writeUInt32LE(1, 4)
  oh.writeUInt32LE(headerBody.length, 8)
  const sb = Buffer.alloc(96, 0)
  Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]).copy(sb, 0)
  sb[13] = 8 // size of offsets
  sb[14] = 8 // size of lengths
  sb.writeBigUInt64LE(BigInt(userBlock), 24) // base address
  sb.fill(0xff, 32, 40)
  sb.fill(0xff, 48, 56)
  sb.writeBigUInt64LE(96n, 64) // root object header, relative to the base
  return Buffer.concat([Buffer.alloc(userBlock), sb, oh, headerBody])
}

const lambdaConfig = JSON.stringify({
  class_name: 'Sequential',
  config: {
    layers: [
      {
        class_name: 'Lambda',
        config: { name: 'l', function: ['4wAAAA==', null, null], function_type: 'lambda' }
      }
    ]
  }
})

describe('findKerasModelConfig on files written by h5py', () => {
  it('reads a Keras 2 model_config with a Lambda layer from a global heap (superblock v0)', async () => {
    const r = await findKerasModelConfig(bufferAccess(fixture('lambda-vlen.h5')))
    expect(r).toMatchObject({
      isHdf5: true,
      superblockOffset: 0,
      kerasVersion: '2.13.1',
      backend: 'tensorflow'
    })
    expect(r.method).toBe('root-header')
    expect(r.problems).toEqual([])
    expect(r.trainingConfig).toEqual({ loss: 'mse' })
    const k = inspectKerasConfig(r.modelConfig)
    expect(k.findings).toEqual([expect.objectContaining({ kind: 'LAMBDA', name: 'evil' })])
    expect(k.lambdas[0]?.bytecode?.pythonCodeObject).toBe(true)
  })

  it('reads fixed-length strings from v2 object headers (libver latest)', async () => {
    const r = await findKerasModelConfig(bufferAccess(fixture('clean-fixed-latest.h5')))
    expect(r.problems).toEqual([])
    expect(r.kerasVersion).toBe('2.4.0')
    expect(inspectKerasConfig(r.modelConfig).findings).toEqual([])
  })

  it('falls back to the scan for dense attribute storage', async () => {
    const r = await findKerasModelConfig(bufferAccess(fixture('dense-latest.h5')))
    expect(r.method).toBe('scan')
    expect(r.problems).toEqual([])
    expect(inspectKerasConfig(r.modelConfig).lambdas).toHaveLength(1)
  })

  it('gives no config and no problem for a weights-only file', async () => {
    const r = await findKerasModelConfig(bufferAccess(fixture('weights-only.h5')))
    expect(r.modelConfig).toBeUndefined()
    expect(r.kerasVersion).toBe('2.13.1')
    expect(r.problems).toEqual([])
  })

  it('finds the superblock after a user block', async () => {
    const file = fixture('lambda-vlen.h5')
    const shifted = Buffer.concat([Buffer.alloc(512, 0x20), file])
    shifted.writeBigUInt64LE(512n, 512 + 24) // what h5jam does: the base address moves with the superblock
    const r = await findKerasModelConfig(bufferAccess(shifted))
    expect(r.superblockOffset).toBe(512)
    expect(r.problems).toEqual([])
    expect(r.modelConfig).toBeDefined()
  })
})

describe('findKerasModelConfig on hand-made and hostile input', () => {
  it('is not fooled by a non-HDF5 file', async () => {
    const r = await findKerasModelConfig(
      bufferAccess(Buffer.from('{"class_name": "Sequential"} model_config'))
    )
    expect(r).toEqual({ isHdf5: false, scanComplete: true, problems: [] })
  })

  it('reads fixed-length attributes from a hand-made v0/v1 layout, with a user block', async () => {
    for (const ub of [0, 1024]) {
      const r = await findKerasModelConfig(
        bufferAccess(handMade({ keras_version: '2.2.4', model_config: lambdaConfig }, ub))
      )
      expect(r.superblockOffset).toBe(ub)
      expect(r.problems).toEqual([])
      expect(r.kerasVersion).toBe('2.2.4')
      expect(inspectKerasConfig(r.modelConfig).lambdas).toHaveLength(1)
    }
  })

  it('reports invalid JSON in model_config', async () => {
    const r = await findKerasModelConfig(bufferAccess(handMade({ model_config: '{"class_name": ' })))
    expect(r.modelConfig).toBeUndefined()
    expect(r.problems.map((p) => p.code)).toEqual(['BAD_FORMAT'])
  })

  it('fails closed when the root header is unreadable: scanned config is a problem, missing config too', async () => {
    const broken = handMade({ model_config: lambdaConfig })
    broken[96] = 7 // object header version
    const found = await findKerasModelConfig(bufferAccess(broken))
    expect(found.method).toBe('scan')
    expect(found.modelConfig).toBeDefined()
    expect(found.problems.map((p) => p.code)).toEqual(['UNSUPPORTED'])

    const noConfig = handMade({ keras_version: '2.2.4' })
    noConfig[96] = 7
    const missing = await findKerasModelConfig(bufferAccess(noConfig))
    expect(missing.modelConfig).toBeUndefined()
    expect(missing.problems.map((p) => p.code)).toEqual(['NOT_FOUND'])
  })

  it('reports two different scanned configs (a decoy cannot hide the real one)', async () => {
    const a = handMade({ model_config: lambdaConfig })
    a[96] = 7
    const decoy = handMade({
      model_config: '{"class_name": "Sequential", "config": {"layers": []}}'
    }).subarray(96 + 16)
    const r = await findKerasModelConfig(bufferAccess(Buffer.concat([a, decoy])))
    expect(r.problems.map((p) => p.detail)).toEqual([expect.stringMatching(/2 different model_config/)])
  })

  it('reports an unreadable root header even without Keras markers, and a partial scan', async () => {
    const big = Buffer.concat([handMade({ other: 'x' }), Buffer.alloc(300_000)])
    big[96] = 7
    const r = await findKerasModelConfig(bufferAccess(big), { maxScanBytes: 100_000, maxTailBytes: 100_000 })
    expect(r.scanComplete).toBe(false)
    expect(r.problems.map((p) => p.code)).toEqual(['BAD_FORMAT'])
  })

  it('bounds the attribute size', async () => {
    const r = await findKerasModelConfig(bufferAccess(handMade({ model_config: lambdaConfig })), {
      maxValueBytes: 16
    })
    expect(r.modelConfig).toBeUndefined()
    expect(r.problems.map((p) => p.code)).toEqual(['LIMIT'])
  })

  it('survives truncation at every 97th byte of a real file', async () => {
    const file = fixture('lambda-vlen.h5')
    for (let n = 8; n < file.length; n += 97) {
      const r = await findKerasModelConfig(bufferAccess(file.subarray(0, n)))
      // a cut Keras file either still yields its config or says why not
      expect(r.modelConfig !== undefined || r.problems.length > 0).toBe(true)
    }
  })

  it('fuzz: 500 corruptions resolve or reject with an Error, in a few bounded reads', async () => {
    const outcomes: string[] = []
    // the work, counted: reads and bytes read, against the size of what was read
    let reads = 0
    let mostReads = 0
    let bytesRead = 0
    let bytesGiven = 0
    for (const m of [
      ...mutations(fixture('lambda-vlen.h5'), 250, 5),
      ...mutations(fixture('dense-latest.h5'), 250, 6)
    ]) {
      const inner = bufferAccess(m)
      let n = 0
      const counted: RandomAccess = {
        size: inner.size,
        read: async (offset, length) => {
          n++
          const got = await inner.read(offset, length)
          bytesRead += got.length
          return got
        }
      }
      outcomes.push(
        await findKerasModelConfig(counted, { maxScanBytes: 1 << 20 }).then(
          (r) => (Array.isArray(r.problems) ? 'report' : 'bad report'),
          (e: unknown) => (e instanceof Error ? 'error' : 'non-Error rejection')
        )
      )
      reads += n
      mostReads = Math.max(mostReads, n)
      bytesGiven += m.length
    }
    expect(outcomes.filter((o) => o !== 'report' && o !== 'error')).toEqual([])
    // no corruption makes the reader loop: a few reads each, and about the file once or twice over in all
    expect(mostReads).toBeLessThanOrEqual(64)
    expect(reads).toBeLessThanOrEqual(500 * 32)
    expect(bytesRead).toBeLessThanOrEqual(4 * bytesGiven)
  })

  it('reads only bounded ranges', async () => {
    const file = fixture('lambda-vlen.h5')
    let largest = 0
    const ra: RandomAccess = {
      size: file.length,
      read: async (offset, length) => {
        largest = Math.max(largest, length)
        return file.subarray(offset, offset + length)
      }
    }
    await findKerasModelConfig(ra)
    expect(largest).toBeLessThanOrEqual(4096)
  })
})
