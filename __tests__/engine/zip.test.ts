import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { deflateRawSync } from 'node:zlib'
import { bufferAccess, EngineLimitError, type RandomAccess } from '../../src/engine/access.js'
import {
  CorruptMemberError,
  isZipMagic,
  listZip,
  readMember,
  ZipFormatError,
  type ZipAnomalyKind,
  type ZipLimits,
  type ZipListing
} from '../../src/engine/zip.js'
import {
  buildZip,
  type MemberSpec,
  torchLikeZip,
  TORCH_MEMBERS,
  type ZipSpec
} from '../helpers/zip-builder.js'
import { CORPUS } from '../helpers/corpus.js'

const list = (zip: Buffer, limits?: Partial<ZipLimits>) => listZip(bufferAccess(zip), limits)
const kinds = (l: ZipListing) => l.anomalies.map((a) => a.kind)
const PICKLE = Buffer.from(
  '80049528000000000000008c086275696c74696e73948c046576616c9493948c0c7072696e74282734353627299485945294',
  'hex'
)

async function readAll(zip: Buffer): Promise<Record<string, Buffer>> {
  const ra = bufferAccess(zip)
  const out: Record<string, Buffer> = {}
  for (const e of (await listZip(ra)).entries) out[e.name] = (await readMember(ra, e, 1 << 20)).data
  return out
}

describe('isZipMagic', () => {
  it('accepts the local header, empty-archive and spanned-marker signatures only', () => {
    expect(isZipMagic(Buffer.from('PK\x03\x04rest', 'latin1'))).toBe(true)
    expect(isZipMagic(Buffer.from('PK\x05\x06', 'latin1'))).toBe(true)
    expect(isZipMagic(Buffer.from('PK\x07\x08', 'latin1'))).toBe(true)
    expect(isZipMagic(Buffer.from('PK\x01\x02', 'latin1'))).toBe(false)
    expect(isZipMagic(Buffer.from('PK\x03', 'latin1'))).toBe(false)
    expect(isZipMagic(Buffer.from('\x80\x02}q', 'latin1'))).toBe(false)
  })
})

describe('listZip: clean archives', () => {
  it('lists a torch-like archive (stored, aligned, descriptors, ZIP64 end) with no anomalies', async () => {
    const zip = torchLikeZip()
    const listing = await list(zip)
    expect(listing.anomalies).toEqual([])
    expect(listing.zip64).toBe(true)
    expect(listing.entries.map((e) => e.name)).toEqual(Object.keys(TORCH_MEMBERS))
    for (const e of listing.entries) {
      expect(e.dataOffset % 64).toBe(0)
      expect(e).toMatchObject({ method: 0, encrypted: false, hasLocalHeader: true, isSymlink: false })
    }
    expect(await readAll(zip)).toEqual(TORCH_MEMBERS)
  })

  it('reads stored and deflated members back with good CRCs', async () => {
    const text = Array.from({ length: 200 }, (_, i) => `weight ${i * 7919}`).join(',')
    const zip = buildZip({
      members: [
        { name: 'a.txt', data: 'plain' },
        { name: 'b.txt', data: text, method: 8 }
      ]
    })
    const ra = bufferAccess(zip)
    const listing = await listZip(ra)
    expect(listing.anomalies).toEqual([])
    const [a, b] = listing.entries
    expect(b!.compressedSize).toBeLessThan(b!.uncompressedSize)
    expect(await readMember(ra, a!, 100)).toEqual({
      data: Buffer.from('plain'),
      crcOk: true,
      sizeOk: true,
      truncated: false
    })
    const rb = await readMember(ra, b!, 1 << 20)
    expect(rb.data.toString()).toBe(text)
    expect(rb.crcOk).toBe(true)
  })

  it('decodes names as UTF-8 under flag 0x800 and as CP437 otherwise', async () => {
    const bytes = Buffer.from([0x63, 0x61, 0x66, 0xc3, 0xa9])
    const zip = buildZip({
      members: [
        { name: 'u', nameBytes: bytes, data: '1' },
        { name: 'c', nameBytes: bytes, data: '2', flags: 0 }
      ]
    })
    expect((await list(zip)).entries.map((e) => e.name)).toEqual(['café', 'caf├⌐'])
  })

  it('returns the archive comment and treats it as part of the archive', async () => {
    const listing = await list(buildZip({ members: [{ name: 'a', data: 'x' }], comment: 'made by\xfftest' }))
    expect(listing.comment).toBe('made by\xc3\xbftest')
    expect(listing.anomalies).toEqual([])
  })

  it('lists an empty archive', async () => {
    const zip = buildZip({ members: [] })
    expect(zip.length).toBe(22)
    expect(isZipMagic(zip)).toBe(true)
    expect(await list(zip)).toEqual({ entries: [], anomalies: [], zip64: false })
  })

  it('reads ZIP64 sizes and offsets from extra fields', async () => {
    const zip = buildZip({
      zip64: true,
      members: [
        { name: 'a', data: 'first', zip64: true },
        { name: 'b', data: 'second '.repeat(50), method: 8, zip64: true }
      ]
    })
    const listing = await list(zip)
    expect(listing.anomalies).toEqual([])
    expect(listing.zip64).toBe(true)
    expect(listing.entries[1]!.localHeaderOffset).toBeGreaterThan(0)
    expect(await readAll(zip)).toEqual({ a: Buffer.from('first'), b: Buffer.from('second '.repeat(50)) })
  })

  it('accepts descriptors with and without signature, 32- or 64-bit', async () => {
    const zip = buildZip({
      members: [
        { name: 'a', data: 'one', descriptor: true },
        { name: 'b', data: 'two', descriptor: { signature: false } },
        { name: 'c', data: 'three', descriptor: { wide: true } },
        { name: 'd', data: 'four', method: 8, descriptor: { signature: false, wide: true } }
      ]
    })
    expect((await list(zip)).anomalies).toEqual([])
    expect(Object.values(await readAll(zip)).map(String)).toEqual(['one', 'two', 'three', 'four'])
  })

  it('accepts a leading spanned-archive marker', async () => {
    const zip = buildZip({
      prefix: Buffer.from('PK\x07\x08', 'latin1'),
      absoluteOffsets: true,
      members: [{ name: 'a', data: 'x' }]
    })
    expect(isZipMagic(zip)).toBe(true)
    const listing = await list(zip)
    expect(listing.anomalies).toEqual([])
    expect(listing.entries[0]!.localHeaderOffset).toBe(4)
  })

  it('rejects a file that is not a zip at all with ZipFormatError', async () => {
    await expect(list(Buffer.from('not a zip file, just text'))).rejects.toBeInstanceOf(ZipFormatError)
    await expect(list(Buffer.alloc(0))).rejects.toBeInstanceOf(ZipFormatError)
  })
})

interface Case {
  kind: ZipAnomalyKind
  spec: ZipSpec
  entry?: string
  limits?: Partial<ZipLimits>
  /** Whole-file edit after building. */
  edit?: (zip: Buffer) => Buffer
}

const one = (m: Partial<MemberSpec>, rest: Partial<ZipSpec> = {}): ZipSpec => ({
  members: [{ name: 'm.pkl', data: 'member data', ...m }],
  ...rest
})

const cases: Case[] = [
  { kind: 'NAME_MISMATCH', spec: one({ localName: 'other.pkl' }), entry: 'm.pkl' },
  { kind: 'FLAG_MISMATCH', spec: one({ localFlags: 0x0806 }), entry: 'm.pkl' },
  { kind: 'METHOD_MISMATCH', spec: one({ localMethod: 8 }), entry: 'm.pkl' },
  { kind: 'FLAG_BITS', spec: one({ flags: 0x0820 }), entry: 'm.pkl' },
  { kind: 'FLAG_BITS', spec: one({ localFlags: 0x2800 }), entry: 'm.pkl' },
  { kind: 'ENCRYPTED', spec: one({ flags: 0x0801 }), entry: 'm.pkl' },
  { kind: 'ENCRYPTED', spec: one({ method: 99 }), entry: 'm.pkl' },
  { kind: 'CRC_MISMATCH', spec: one({ localCrc: 0x12345678 }), entry: 'm.pkl' },
  { kind: 'CRC_MISMATCH', spec: one({ descriptor: { crc: 0x12345678 } }), entry: 'm.pkl' },
  { kind: 'SIZE_MISMATCH', spec: one({ localUncompressedSize: 5 }), entry: 'm.pkl' },
  { kind: 'SIZE_MISMATCH', spec: one({ descriptor: { uncompressedSize: 5 } }), entry: 'm.pkl' },
  { kind: 'SIZE_MISMATCH', spec: one({ uncompressedSize: 99, localUncompressedSize: 99 }), entry: 'm.pkl' },
  { kind: 'BAD_DATA_DESCRIPTOR', spec: one({ descriptor: { signature: false, crc: 7 } }), entry: 'm.pkl' },
  {
    kind: 'DUPLICATE_NAME',
    spec: {
      members: [
        { name: 'a', data: '1' },
        { name: 'b', data: '2' },
        { name: 'a', data: '3' }
      ]
    },
    entry: 'a'
  },
  { kind: 'PATH_TRAVERSAL', spec: one({ name: '../../evil.pkl' }), entry: '../../evil.pkl' },
  { kind: 'PATH_TRAVERSAL', spec: one({ name: 'a\\..\\..\\evil' }), entry: 'a\\..\\..\\evil' },
  { kind: 'ABSOLUTE_PATH', spec: one({ name: '/etc/cron.d/x' }), entry: '/etc/cron.d/x' },
  { kind: 'ABSOLUTE_PATH', spec: one({ name: 'C:\\x.pkl' }), entry: 'C:\\x.pkl' },
  { kind: 'SUSPICIOUS_NAME', spec: one({ name: 'data.pkl\u0000.txt' }), entry: 'data.pkl\u0000.txt' },
  { kind: 'SYMLINK', spec: one({ externalAttributes: (0o120777 << 16) >>> 0 }), entry: 'm.pkl' },
  {
    kind: 'OVERLAPPING_ENTRIES',
    spec: {
      members: [
        { name: 'a', data: 'shared' },
        { name: 'b', data: 'shared', centralOnly: true, localHeaderOffset: 0 }
      ]
    },
    entry: 'b'
  },
  { kind: 'UNSUPPORTED_METHOD', spec: one({ method: 12 }), entry: 'm.pkl' },
  { kind: 'COMPRESSION_RATIO', spec: one({ data: Buffer.alloc(100_000), method: 8 }), entry: 'm.pkl' },
  { kind: 'MEMBER_TOO_LARGE', spec: one({}), limits: { maxMemberBytes: 4 }, entry: 'm.pkl' },
  {
    kind: 'TOO_MANY_ENTRIES',
    spec: { members: ['a', 'b', 'c'].map((name) => ({ name, data: name })) },
    limits: { maxEntries: 2 }
  },
  { kind: 'ENTRY_COUNT_MISMATCH', spec: one({}, { totalEntries: 3 }) },
  { kind: 'TRUNCATED', spec: one({ compressedSize: 5000, localCompressedSize: 5000 }), entry: 'm.pkl' },
  { kind: 'TRUNCATED', spec: one({}, { comment: 'abc', commentLength: 50 }) },
  { kind: 'NO_CENTRAL_DIRECTORY', spec: one({}, { centralDirectory: false }) },
  { kind: 'CENTRAL_DIRECTORY_CORRUPT', spec: one({}, { cdSize: 200 }) },
  {
    kind: 'MALFORMED_EXTRA',
    spec: one({ centralExtra: Buffer.from([0x01, 0x00, 0xff, 0x00]) }),
    entry: 'm.pkl'
  },
  { kind: 'MALFORMED_EXTRA', spec: one({ compressedSize: 0xffffffff }), entry: 'm.pkl' },
  { kind: 'LOCAL_HEADER_MISSING', spec: one({ centralOnly: true, localHeaderOffset: 3 }), entry: 'm.pkl' },
  { kind: 'DATA_OUTSIDE_ENTRIES', spec: one({}, { prefix: Buffer.from('#!/bin/sh\nexit 0\n') }) },
  { kind: 'DATA_OUTSIDE_ENTRIES', spec: one({}, { trailing: Buffer.from('junk') }) },
  { kind: 'DATA_OUTSIDE_ENTRIES', spec: one({ after: Buffer.from('hidden pickle') }) }
]

describe('listZip: anomalies', () => {
  it.each(cases.map((c) => [c.kind, c] as const))('reports %s', async (kind, c) => {
    const listing = await list(buildZip(c.spec), c.limits)
    const hit = listing.anomalies.find((a) => a.kind === kind)
    expect(hit).toBeDefined()
    expect(hit!.entry).toBe(c.entry)
    expect(hit!.detail.length).toBeGreaterThan(0)
  })

  it('has a case for every anomaly kind', () => {
    // A Record over the union: the type check fails when a kind is added without being listed here.
    const every: Record<ZipAnomalyKind, true> = {
      NAME_MISMATCH: true,
      FLAG_MISMATCH: true,
      METHOD_MISMATCH: true,
      FLAG_BITS: true,
      ENCRYPTED: true,
      CRC_MISMATCH: true,
      SIZE_MISMATCH: true,
      BAD_DATA_DESCRIPTOR: true,
      DUPLICATE_NAME: true,
      PATH_TRAVERSAL: true,
      ABSOLUTE_PATH: true,
      SUSPICIOUS_NAME: true,
      SYMLINK: true,
      OVERLAPPING_ENTRIES: true,
      UNSUPPORTED_METHOD: true,
      COMPRESSION_RATIO: true,
      MEMBER_TOO_LARGE: true,
      TOO_MANY_ENTRIES: true,
      ENTRY_COUNT_MISMATCH: true,
      TRUNCATED: true,
      NO_CENTRAL_DIRECTORY: true,
      CENTRAL_DIRECTORY_CORRUPT: true,
      MALFORMED_EXTRA: true,
      LOCAL_HEADER_MISSING: true,
      DATA_OUTSIDE_ENTRIES: true
    }
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(Object.keys(every)))
  })

  it('reads by the central name and reports the local one (CVE-2025-1944)', async () => {
    const zip = buildZip(one({ name: 'data.pkl', localName: 'datap.kl', data: PICKLE }))
    const listing = await list(zip)
    const [e] = listing.entries
    expect(e).toMatchObject({ name: 'data.pkl', localName: 'datap.kl' })
    expect(kinds(listing)).toEqual(['NAME_MISMATCH'])
    expect((await readMember(bufferAccess(zip), e!, 1000)).data).toEqual(PICKLE)
  })

  it('leaves localName, localFlags and localMethod unset when the headers agree', async () => {
    const [e] = (await list(buildZip(one({})))).entries
    expect(e).not.toHaveProperty('localName')
    expect(e).not.toHaveProperty('localFlags')
    expect(e).not.toHaveProperty('localMethod')
  })

  it('reports only the bits that ordinary writers do not set', async () => {
    const listing = await list(buildZip(one({ flags: 0x0800 | 0x0008 | 0x0006 | 0x0040 })))
    expect(listing.anomalies.filter((a) => a.kind === 'FLAG_BITS').map((a) => a.detail)).toEqual([
      'unusual general-purpose flag bits 0x40'
    ])
  })

  it('reports a symlink only for a unix host', async () => {
    const attrs = (0o120777 << 16) >>> 0
    const unix = await list(buildZip(one({ externalAttributes: attrs })))
    const dos = await list(buildZip(one({ externalAttributes: attrs, madeBy: 0x0014 })))
    expect(unix.entries[0]!.isSymlink).toBe(true)
    expect(dos.entries[0]!.isSymlink).toBe(false)
    expect(kinds(dos)).not.toContain('SYMLINK')
  })

  it('does not call a ".." inside a name a traversal', async () => {
    expect(kinds(await list(buildZip(one({ name: 'a/..b/c..d/x' }))))).toEqual([])
  })

  it('finds members through data prepended to the archive, with offsets relative or absolute', async () => {
    const prefix = Buffer.from('#!/bin/sh\necho polyglot\nexit 0\n')
    for (const absoluteOffsets of [false, true]) {
      const zip = buildZip({
        prefix,
        absoluteOffsets,
        members: [
          { name: 'a', data: 'one' },
          { name: 'b', data: 'two', method: 8 }
        ]
      })
      const listing = await list(zip)
      expect(listing.entries.map((e) => e.localHeaderOffset)[0]).toBe(prefix.length)
      expect(listing.anomalies).toEqual([
        expect.objectContaining({
          kind: 'DATA_OUTSIDE_ENTRIES',
          detail: expect.stringContaining(`${prefix.length} bytes at offset 0`)
        })
      ])
      expect(await readAll(zip)).toEqual({ a: Buffer.from('one'), b: Buffer.from('two') })
    }
  })

  it("reports every entry that shares another entry's data (overlapping zip bomb)", async () => {
    const members: MemberSpec[] = [{ name: 'm0', data: 'x'.repeat(100) }]
    for (let i = 1; i < 10; i++)
      members.push({ name: `m${i}`, data: 'x'.repeat(100), centralOnly: true, localHeaderOffset: 0 })
    const listing = await list(buildZip({ members }))
    expect(listing.anomalies.filter((a) => a.kind === 'OVERLAPPING_ENTRIES')).toHaveLength(9)
  })

  it('reports data overlapping the central directory', async () => {
    // The member claims more data than it has: its extent runs into the central directory after it.
    const listing = await list(
      buildZip(
        one({ compressedSize: 40, uncompressedSize: 40, localCompressedSize: 40, localUncompressedSize: 40 })
      )
    )
    expect(listing.anomalies).toContainEqual({
      kind: 'OVERLAPPING_ENTRIES',
      entry: 'm.pkl',
      detail: 'data overlaps the central directory'
    })
  })

  it('caps anomalies of one kind and says how many more there were', async () => {
    const members = Array.from({ length: 300 }, () => ({ name: 'same', data: '' }))
    const listing = await list(buildZip({ members }))
    const dups = listing.anomalies.filter((a) => a.kind === 'DUPLICATE_NAME')
    expect(dups).toHaveLength(101)
    expect(dups[100]!.detail).toBe('199 more DUPLICATE_NAME anomalies not listed')
    expect(listing.entries).toHaveLength(300)
  })

  it('stops at maxEntries however many entries are declared', async () => {
    const members = Array.from({ length: 50 }, (_, i) => ({ name: `f${i}`, data: '' }))
    const listing = await list(buildZip({ members }), { maxEntries: 10 })
    expect(listing.entries).toHaveLength(10)
    expect(kinds(listing)).toEqual(['TOO_MANY_ENTRIES'])
  })

  it('falls back to the default limits for undefined or NaN, never to no limit', async () => {
    const zip = buildZip(one({ data: Buffer.alloc(100_000), method: 8 }))
    for (const maxRatio of [undefined, Number.NaN, -1]) {
      expect(kinds(await list(zip, { maxRatio }))).toEqual(['COMPRESSION_RATIO'])
    }
    expect(kinds(await list(zip, { maxRatio: 10_000 }))).toEqual([])
  })

  it('neither trusts nor allocates for a huge declared entry count', async () => {
    const listing = await list(buildZip(one({}, { zip64: true, totalEntries: Number.MAX_SAFE_INTEGER })))
    expect(listing.entries).toHaveLength(1)
    expect(kinds(listing)).toEqual(['ENTRY_COUNT_MISMATCH'])
  })

  it('reports ZIP64 members that declare huge sizes', async () => {
    const zip = buildZip(one({ zip64: true, uncompressedSize: 2 ** 40 }, { zip64: true }))
    const listing = await list(zip)
    expect(listing.entries[0]!.uncompressedSize).toBe(2 ** 40)
    expect(kinds(listing)).toEqual(
      expect.arrayContaining(['SIZE_MISMATCH', 'COMPRESSION_RATIO', 'MEMBER_TOO_LARGE'])
    )
  })

  it('recovers members from local headers when there is no central directory', async () => {
    const zip = buildZip({
      centralDirectory: false,
      members: [
        { name: 'a', data: 'stored' },
        { name: 'b', data: 'deflated '.repeat(20), method: 8 },
        // Streamed: sizes only in the descriptor after the data.
        { name: 'c', data: 'streamed '.repeat(20), method: 8, descriptor: true },
        { name: 'd', data: 'streamed stored', descriptor: true }
      ]
    })
    const listing = await list(zip)
    expect(kinds(listing)).toEqual(['NO_CENTRAL_DIRECTORY'])
    const data = await readAll(zip)
    expect(Object.keys(data)).toEqual(['a', 'b', 'c', 'd'])
    expect(data.c!.toString()).toBe('streamed '.repeat(20))
    expect(data.d!.toString()).toBe('streamed stored')
    const ra = bufferAccess(zip)
    for (const e of listing.entries) expect((await readMember(ra, e, 1000)).crcOk).toBe(true)
  })

  it('lists a truncated archive from its local headers and marks the cut member', async () => {
    const full = buildZip({
      members: [
        { name: 'a', data: 'first' },
        { name: 'b', data: 'x'.repeat(200) }
      ]
    })
    const zip = full.subarray(0, 30 + 1 + 5 + 30 + 1 + 50)
    const listing = await list(zip)
    expect(listing.entries.map((e) => e.name)).toEqual(['a', 'b'])
    expect(listing.anomalies).toEqual([
      expect.objectContaining({ kind: 'NO_CENTRAL_DIRECTORY' }),
      expect.objectContaining({ kind: 'TRUNCATED', entry: 'b' })
    ])
    const ra = bufferAccess(zip)
    const cut = await readMember(ra, listing.entries[1]!, 1000)
    expect(cut).toEqual({ data: Buffer.from('x'.repeat(50)), crcOk: false, sizeOk: false, truncated: true })
  })

  it('reports a central directory that continues past its declared size and keeps its entries', async () => {
    const spec: ZipSpec = {
      members: [
        { name: 'a', data: '1' },
        { name: 'b', data: '2' }
      ],
      cdSize: 47
    }
    const listing = await list(buildZip(spec))
    expect(listing.entries.map((e) => e.name)).toEqual(['a', 'b'])
    expect(listing.anomalies).toContainEqual(expect.objectContaining({ kind: 'CENTRAL_DIRECTORY_CORRUPT' }))
  })
})

describe('readMember', () => {
  it('returns the bytes of a member whose CRC is wrong in both headers, and says so (CVE-2025-10156)', async () => {
    const zip = buildZip(one({ data: PICKLE, crc: 0xdeadbeef }))
    const ra = bufferAccess(zip)
    const listing = await listZip(ra)
    expect(listing.anomalies).toEqual([])
    expect(await readMember(ra, listing.entries[0]!, 1000)).toEqual({
      data: PICKLE,
      crcOk: false,
      sizeOk: true,
      truncated: false
    })
  })

  it('stops a deflate bomb at the byte cap without inflating it', async () => {
    const zip = buildZip(one({ data: Buffer.alloc(50 * 1024 * 1024), method: 8 }))
    const ra = bufferAccess(zip)
    const listing = await listZip(ra)
    expect(kinds(listing)).toEqual(['COMPRESSION_RATIO'])
    const before = process.memoryUsage().arrayBuffers
    await expect(readMember(ra, listing.entries[0]!, 1024 * 1024)).rejects.toBeInstanceOf(EngineLimitError)
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(20 * 1024 * 1024)
  })

  it('refuses a stored member over the cap before reading it', async () => {
    const zip = buildZip(one({ data: Buffer.alloc(2000) }))
    const ra = bufferAccess(zip)
    const [e] = (await listZip(ra)).entries
    await expect(readMember(ra, e!, 1999)).rejects.toBeInstanceOf(EngineLimitError)
    expect((await readMember(ra, e!, 2000)).data).toHaveLength(2000)
  })

  it('throws CorruptMemberError for bad deflate data, with what decoded before the fault', async () => {
    const text = Buffer.from(Array.from({ length: 1000 }, (_, i) => `row ${i}\n`).join(''))
    const good = deflateRawSync(text, { level: 0 })
    // The stored block made not final, then an invalid block type (0b11).
    const raw = Buffer.concat([good, Buffer.from([0xff, 0xff])])
    raw[0] = raw[0]! & 0xfe
    const zip = buildZip(one({ method: 8, raw, data: text }))
    const ra = bufferAccess(zip)
    const [e] = (await listZip(ra)).entries
    const err: unknown = await readMember(ra, e!, 1 << 20).catch((x: unknown) => x)
    expect(err).toBeInstanceOf(CorruptMemberError)
    expect(err).not.toBeInstanceOf(EngineLimitError)
    expect((err as CorruptMemberError).message).toMatch(/corrupt deflate data/)
    const { partial } = err as CorruptMemberError
    expect(partial.length).toBeGreaterThan(text.length - 2048)
    expect(partial).toEqual(text.subarray(0, partial.length))
  })

  it('returns what a cut-short deflate stream decodes, with a failed CRC', async () => {
    const text = Buffer.from(Array.from({ length: 3000 }, (_, i) => `line ${i}\n`).join(''))
    const raw = deflateRawSync(text)
    const zip = buildZip(one({ method: 8, raw: raw.subarray(0, raw.length >> 1), data: text }))
    const ra = bufferAccess(zip)
    const got = await readMember(ra, (await listZip(ra)).entries[0]!, 1 << 20)
    expect(got.crcOk).toBe(false)
    expect(got.data.length).toBeGreaterThan(0)
    expect(text.subarray(0, got.data.length)).toEqual(got.data)
  })

  it('does not decrypt: ZipCrypto-sized and AES members throw', async () => {
    const sealed = buildZip(one({ flags: 0x0801, raw: Buffer.alloc(12 + 5, 0xaa), data: 'hello' }))
    const ra = bufferAccess(sealed)
    const listing = await listZip(ra)
    expect(listing.entries[0]!.encrypted).toBe(true)
    expect(new Set(kinds(listing))).toEqual(new Set(['ENCRYPTED', 'FLAG_BITS']))
    await expect(readMember(ra, listing.entries[0]!, 1000)).rejects.toThrow(/encrypted/)
    const aes = buildZip(one({ method: 99 }))
    const ra2 = bufferAccess(aes)
    await expect(readMember(ra2, (await listZip(ra2)).entries[0]!, 1000)).rejects.toThrow(/AES/)
  })

  it('reads flag-0x1 members whose data is evidently plain, as PyTorch does (CVE-2025-1945)', async () => {
    const zip = buildZip({
      members: [
        { name: 'stored', data: PICKLE, flags: 0x0001 },
        { name: 'deflated', data: PICKLE, flags: 0x0001, method: 8 }
      ]
    })
    expect(await readAll(zip)).toEqual({ stored: PICKLE, deflated: PICKLE })
  })

  it('throws for an encrypted-flag deflate member that does not inflate', async () => {
    const zip = buildZip(one({ flags: 0x0001, method: 8, raw: Buffer.from([0xff, 0xff, 0xff]), data: 'x' }))
    const ra = bufferAccess(zip)
    await expect(readMember(ra, (await listZip(ra)).entries[0]!, 1000)).rejects.toThrow(/encrypted/)
  })

  it('throws for members it cannot locate or decode', async () => {
    const zip = buildZip({
      members: [
        { name: 'ghost', data: 'x', centralOnly: true, localHeaderOffset: 1 },
        { name: 'bz2', data: 'x', method: 12 }
      ]
    })
    const ra = bufferAccess(zip)
    const [ghost, bz2] = (await listZip(ra)).entries
    expect(ghost!.dataOffset).toBe(-1)
    await expect(readMember(ra, ghost!, 1000)).rejects.toThrow(/no local header/)
    await expect(readMember(ra, bz2!, 1000)).rejects.toThrow(/unsupported compression method 12/)
  })
})

class BudgetExhausted extends Error {}

/** Counts reads: a listing that loops shows up as an exhausted budget instead of a hung test. */
function budgeted(buf: Buffer, budget: number): RandomAccess {
  const inner = bufferAccess(buf)
  let reads = 0
  return {
    size: inner.size,
    read: async (offset, length) => {
      if (++reads > budget) throw new BudgetExhausted(`more than ${budget} reads`)
      return inner.read(offset, length)
    }
  }
}

describe('hostile input', () => {
  const bases = [
    torchLikeZip(),
    buildZip({
      zip64: true,
      comment: 'comment',
      members: [
        { name: 'a', data: 'stored data' },
        { name: 'b', data: 'deflated '.repeat(30), method: 8, descriptor: true },
        { name: 'c', data: 'wide', zip64: true }
      ]
    }),
    buildZip({
      centralDirectory: false,
      members: [
        { name: 'a', data: 'x'.repeat(40), method: 8, descriptor: true },
        { name: 'b', data: 'y' }
      ]
    })
  ]

  it('survives 300 random truncations and byte flips: resolves or rejects with an Error, in bounded reads', async () => {
    const mutation = fc.record({
      base: fc.nat(bases.length - 1),
      cut: fc.option(fc.nat(), { nil: undefined }),
      flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 6 })
    })
    const property = fc.asyncProperty(mutation, async ({ base, cut, flips }) => {
      let zip = Buffer.from(bases[base]!)
      for (const [at, x] of flips) zip[at % zip.length] = zip[at % zip.length]! ^ x
      if (cut !== undefined) zip = zip.subarray(0, cut % (zip.length + 1))
      const ra = budgeted(zip, 2000)
      const outcome = await listZip(ra, { maxEntries: 50 }).catch((e: unknown) => e)
      if (
        outcome instanceof BudgetExhausted ||
        !(outcome instanceof Error || 'entries' in (outcome as object))
      ) {
        return false
      }
      if (outcome instanceof Error) return true
      for (const e of (outcome as ZipListing).entries) {
        const r = await readMember(ra, e, 1 << 16).catch((x: unknown) => x)
        if (r instanceof BudgetExhausted || !(r instanceof Error || 'data' in (r as object))) return false
      }
      return true
    })
    await expect(fc.assert(property, { numRuns: 300 })).resolves.toBeUndefined()
  })
})

// The picklescan corpus lives outside the repository; without it these cases cannot run.
describe('picklescan corpus', () => {
  const load = (name: string) => readFileSync(join(CORPUS, name))
  const malicious1 = async () => (await readAll(load('malicious1.zip')))['data.pkl']!

  it('lists and reads the plain malicious archives cleanly', async () => {
    for (const [file, name] of [
      ['malicious1.zip', 'data.pkl'],
      ['malicious1_wrong_ext.zip', 'data.txt']
    ] as const) {
      const zip = load(file)
      const listing = await list(zip)
      expect(listing.anomalies).toEqual([])
      expect(listing.entries.map((e) => e.name)).toEqual([name])
      const got = await readMember(bufferAccess(zip), listing.entries[0]!, 1 << 20)
      expect(got.crcOk).toBe(true)
      expect(got.data.toString('latin1')).toContain('builtins')
    }
  })

  it.each([
    ['malicious1_0x1.zip', 0x1, ['FLAG_BITS', 'ENCRYPTED']],
    ['malicious1_0x20.zip', 0x20, ['FLAG_BITS']],
    ['malicious1_0x40.zip', 0x40, ['FLAG_BITS']]
  ] as const)('%s: reports flag bits and still yields the pickle', async (file, bit, expected) => {
    const zip = load(file)
    const listing = await list(zip)
    expect(new Set(kinds(listing))).toEqual(new Set(expected))
    const [e] = listing.entries
    expect(e!.name).toBe('model/config.pkl')
    expect(e!.flags & bit).toBe(bit)
    const got = await readMember(bufferAccess(zip), e!, 1 << 20)
    expect(got.crcOk).toBe(true)
    expect(got.data).toEqual(await malicious1())
  })

  it('malicious1_central_directory.zip: reports the local name and reads by the central one', async () => {
    const zip = load('malicious1_central_directory.zip')
    const listing = await list(zip)
    expect(listing.anomalies).toEqual([expect.objectContaining({ kind: 'NAME_MISMATCH', entry: 'data.pkl' })])
    expect(listing.entries[0]!.localName).toBe('datap.kl')
    expect((await readMember(bufferAccess(zip), listing.entries[0]!, 1 << 20)).data).toEqual(
      await malicious1()
    )
  })

  it('benign_password_protected.zip: reports encryption and refuses to read', async () => {
    const zip = load('benign_password_protected.zip')
    const listing = await list(zip)
    expect(listing.entries.map((e) => e.name)).toEqual(['test.txt'])
    expect(new Set(kinds(listing))).toEqual(new Set(['ENCRYPTED', 'FLAG_BITS']))
    await expect(readMember(bufferAccess(zip), listing.entries[0]!, 1 << 20)).rejects.toThrow(/encrypted/)
  })

  it('new_pytorch_model.bin: a real torch archive lists cleanly and reads with good CRCs', async () => {
    const zip = load('new_pytorch_model.bin')
    const ra = bufferAccess(zip)
    const listing = await listZip(ra)
    expect(listing.anomalies).toEqual([])
    expect(listing.zip64).toBe(true)
    expect(listing.entries.map((e) => e.name)).toEqual([
      'archive/data.pkl',
      'archive/data/0',
      'archive/version'
    ])
    for (const e of listing.entries) {
      expect(e.dataOffset % 64).toBe(0)
      expect((await readMember(ra, e, 1 << 20)).crcOk).toBe(true)
    }
    expect((await readMember(ra, listing.entries[2]!, 10)).data.toString()).toBe('3\n')
  })
})
