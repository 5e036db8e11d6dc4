import { describe, expect, it } from '@jest/globals'
import { fields, int, ProtoError, readVarint, str, sub, WireType } from '../../src/engine/formats/protobuf.js'
import {
  bytes,
  fixed32,
  fixed64,
  msg,
  mutations,
  sub as subField,
  tag,
  varint,
  vint
} from '../helpers/proto-builder.js'

/** Every field of a message, read to the end. */
const readAll = (...args: Parameters<typeof fields>) => [...fields(...args)]

function problem(f: () => unknown): string {
  try {
    f()
  } catch (e) {
    if (e instanceof ProtoError) return e.code
    throw e
  }
  return 'none'
}

describe('protobuf wire reader', () => {
  it('reads every wire type', () => {
    const buf = msg(
      vint(1, 300),
      bytes(2, 'héllo'),
      fixed32(3, 0xdeadbeef),
      fixed64(4, 2n ** 40n + 5n),
      subField(5, vint(1, 7))
    )
    const f = readAll(buf)
    expect(f.map((x) => [x.no, x.wire])).toEqual([
      [1, WireType.VARINT],
      [2, WireType.LEN],
      [3, WireType.I32],
      [4, WireType.I64],
      [5, WireType.LEN]
    ])
    expect(int(f[0]!)).toBe(300)
    expect(str(f[1]!)).toBe('héllo')
    expect(f[2]!.num).toBe(0xdeadbeef)
    expect(f[3]!.num).toBe(2 ** 40 + 5)
    expect(int(readAll(sub(f[4]!))[0]!)).toBe(7)
  })

  it('decodes ten-byte varints and rejects longer ones', () => {
    expect(readVarint(varint(-1n), 0).next).toBe(10)
    expect(readVarint(varint(2n ** 53n - 1n), 0).value).toBe(2 ** 53 - 1)
    expect(
      problem(() => readVarint(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02]), 0))
    ).toBe('BAD_WIRE')
    expect(problem(() => readVarint(Buffer.alloc(11, 0x80), 0))).toBe('BAD_WIRE')
  })

  it('reports truncation of varints, fixed values and lengths', () => {
    expect(problem(() => readAll(Buffer.from([0x08, 0x80])))).toBe('TRUNCATED')
    expect(problem(() => readAll(Buffer.from([0x1d, 1, 2])))).toBe('TRUNCATED')
    expect(problem(() => readAll(Buffer.from([0x09, 1, 2, 3])))).toBe('TRUNCATED')
    expect(problem(() => readAll(Buffer.from([0x12, 0x05, 1, 2])))).toBe('TRUNCATED')
  })

  it('never allocates from a hostile length: a 2^60-byte field is refused before any copy', () => {
    const buf = msg(tag(1, 2), varint(2n ** 60n))
    expect(problem(() => readAll(buf))).toBe('TRUNCATED')
  })

  it('rejects bad wire types, field number 0 and groups by default', () => {
    expect(problem(() => readAll(Buffer.from([0x0e])))).toBe('BAD_WIRE') // wire type 6
    expect(problem(() => readAll(Buffer.from([0x0f])))).toBe('BAD_WIRE') // wire type 7
    expect(problem(() => readAll(Buffer.from([0x00, 0x00])))).toBe('BAD_WIRE') // field 0
    expect(problem(() => readAll(msg(tag(1, 3), tag(1, 4))))).toBe('BAD_WIRE')
    expect(problem(() => readAll(tag(1, 4)))).toBe('BAD_WIRE')
  })

  it('skips well-formed groups when asked, and bounds their nesting', () => {
    const group = msg(tag(1, 3), vint(2, 5), bytes(3, 'x'), tag(4, 3), tag(4, 4), tag(1, 4), vint(9, 1))
    expect(readAll(group, { groups: 'skip' }).map((f) => f.no)).toEqual([9])
    expect(problem(() => readAll(msg(tag(1, 3), tag(2, 4)), { groups: 'skip' }))).toBe('BAD_WIRE')
    expect(problem(() => readAll(msg(tag(1, 3)), { groups: 'skip' }))).toBe('TRUNCATED')
    const deep = msg(...Array.from({ length: 40 }, () => tag(1, 3)))
    expect(problem(() => readAll(deep, { groups: 'skip', maxGroupDepth: 32 }))).toBe('DEPTH')
  })

  it('yields the fields before a fault, then throws', () => {
    const it = fields(msg(vint(1, 1), vint(2, 2), Buffer.from([0x1a, 0x09])))
    expect(it.next().value?.no).toBe(1)
    expect(it.next().value?.no).toBe(2)
    expect(() => it.next()).toThrow(ProtoError)
  })

  it('bounds decoded strings and checks field kinds', () => {
    const f = readAll(bytes(1, 'a'.repeat(10_000)))[0]!
    expect(str(f, 16)).toHaveLength(16)
    expect(problem(() => int(f))).toBe('BAD_WIRE')
    expect(problem(() => sub(readAll(vint(1, 1))[0]!))).toBe('BAD_WIRE')
    expect(problem(() => str(readAll(vint(1, 1))[0]!))).toBe('BAD_WIRE')
  })

  it('fuzz: 500 corruptions either parse or throw ProtoError, each field taking bytes of its own', () => {
    const seed = msg(
      vint(1, 8),
      subField(7, subField(1, bytes(4, 'Relu'), bytes(1, 'x'))),
      fixed64(9, 1n),
      fixed32(10, 1)
    )
    const odd: unknown[] = []
    // the work, counted: a reader that looped or went back would yield more fields than there are bytes
    let read = 0
    let bytesGiven = 0
    for (const m of mutations(seed, 500, 1234)) {
      for (const opts of [{}, { groups: 'skip' as const }]) {
        bytesGiven += m.length
        try {
          for (const f of fields(m, opts)) {
            read++
            if (f.wire === WireType.LEN) read += readAll(f.bytes, opts).length
          }
        } catch (e) {
          if (!(e instanceof ProtoError)) odd.push(e)
        }
      }
    }
    expect(odd).toEqual([])
    expect(read).toBeGreaterThan(0)
    expect(read).toBeLessThanOrEqual(bytesGiven)
  })
})
