import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  DigestError,
  digestOrWarn,
  downloadDigest,
  listSha256,
  modelDigest
} from '../../src/gate/model-digest.js'
import { checksumLine } from '../../src/util/checksum.js'

/** A local model's content digest: per file, and over the sorted `sha256sum` lines. */

let root: string
const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'airs-digest-'))
  const m = path.join(root, 'model')
  fs.mkdirSync(path.join(m, 'sub'), { recursive: true })
  fs.writeFileSync(path.join(m, 'config.json'), '{"a":1}')
  fs.writeFileSync(path.join(m, 'sub', 'weights.bin'), Buffer.alloc(3 * 1024 * 1024 + 7, 9))
  // a link into the model is read through, as the Hugging Face cache's snapshots are
  fs.symlinkSync(path.join(m, 'config.json'), path.join(m, 'alias.json'))
  fs.mkdirSync(path.join(root, 'dangling'))
  fs.symlinkSync(path.join(root, 'nowhere'), path.join(root, 'dangling', 'x.bin'))
})
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

describe('modelDigest', () => {
  it('hashes every file, sorted by path, and the list as sha256sum writes it', async () => {
    const d = await modelDigest(path.join(root, 'model'))
    const cfg = sha('{"a":1}')
    const weights = sha(Buffer.alloc(3 * 1024 * 1024 + 7, 9))
    expect(d.files).toEqual([
      { path: 'alias.json', sha256: cfg, size: 7 },
      { path: 'config.json', sha256: cfg, size: 7 },
      { path: 'sub/weights.bin', sha256: weights, size: 3 * 1024 * 1024 + 7 }
    ])
    expect(d.sha256).toBe(sha(`${cfg}  alias.json\n${cfg}  config.json\n${weights}  sub/weights.bin\n`))
  })

  it('is the same for the same files anywhere, and changes with one byte', async () => {
    const copy = path.join(root, 'copy')
    fs.cpSync(path.join(root, 'model'), copy, { recursive: true, dereference: true })
    expect((await modelDigest(copy)).sha256).toBe((await modelDigest(path.join(root, 'model'))).sha256)
    fs.appendFileSync(path.join(copy, 'config.json'), ' ')
    expect((await modelDigest(copy)).sha256).not.toBe((await modelDigest(path.join(root, 'model'))).sha256)
  })

  it('claims no digest for a link that leads nowhere, and says so as a warning', async () => {
    await expect(modelDigest(path.join(root, 'dangling'))).rejects.toThrow(DigestError)
    const warnings: string[] = []
    expect(await digestOrWarn(path.join(root, 'dangling'), warnings)).toBeUndefined()
    expect(warnings[0]).toMatch(/^No content digest of the model \(x\.bin leads to no file\)/)
  })
})

describe('checksumLine', () => {
  it('escapes names so no name can pass for another line', () => {
    const h = 'f'.repeat(64)
    expect(checksumLine(h, 'a b.bin')).toBe(`${h}  a b.bin\n`)
    expect(checksumLine(h, 'x\nffff  y')).toBe(`\\${h}  x\\nffff  y\n`)
    expect(checksumLine(h, 'back\\slash')).toBe(`\\${h}  back\\\\slash\n`)
    // two different file sets that would print the same unescaped text get different digests
    const forged = [{ path: `a\n${h}  b`, sha256: h }]
    const honest = [
      { path: 'a', sha256: h },
      { path: 'b', sha256: h }
    ]
    expect(listSha256(forged)).not.toBe(listSha256(honest))
  })
})

describe('downloadDigest', () => {
  const download = (random: string, files: Record<string, string>) => {
    const dir = fs.mkdtempSync(path.join(root, 'download-'))
    for (const [rel, data] of Object.entries(files)) {
      const file = path.join(dir, 's3', random, rel)
      fs.mkdirSync(path.dirname(file), { recursive: true })
      fs.writeFileSync(file, data)
    }
    return dir
  }

  it('names the files from the folder that holds them all: the same objects, the same digest, every run', async () => {
    const files = { 'config.json': '{}', 'sub/weights.bin': 'w' }
    const one = await downloadDigest(download('a1b2', files))
    const two = await downloadDigest(download('ffee0099', files))
    expect(one.files.map((f) => f.path)).toEqual(['config.json', 'sub/weights.bin'])
    expect(two).toEqual(one)
    expect(one.sha256).toBe(listSha256(one.files))
    // a file keeps its own name, and a different object is a different digest
    expect((await downloadDigest(download('x', { 'deep/only.bin': 'w' }))).files.map((f) => f.path)).toEqual([
      'only.bin'
    ])
    expect((await downloadDigest(download('y', { ...files, 'config.json': '{"x":1}' }))).sha256).not.toBe(
      one.sha256
    )
  })

  it('claims nothing for a download that left no file', async () => {
    await expect(downloadDigest(fs.mkdtempSync(path.join(root, 'empty-')))).rejects.toThrow(DigestError)
  })
})
