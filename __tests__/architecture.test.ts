import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join, relative } from 'node:path'

/** The layout rules of docs/architecture.md that lint does not check. */

const SRC = join(import.meta.dirname, '..', 'src')
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []
  )

describe('the layout of src/', () => {
  it('no two modules share a basename', () => {
    const seen = new Map<string, string[]>()
    for (const f of files(SRC)) {
      const list = seen.get(basename(f)) ?? []
      list.push(relative(SRC, f))
      seen.set(basename(f), list)
    }
    expect([...seen.values()].filter((l) => l.length > 1)).toEqual([])
  })

  it('docs/architecture.md names every folder of src/ in its layer table', () => {
    const doc = readFileSync(join(SRC, '..', 'docs', 'architecture.md'), 'utf8')
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
    expect(folders.filter((f) => !doc.includes(`| \`${f}/\``) && !doc.includes(`\`${f}/\` |`))).toEqual([])
  })
})
