import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import YAML from 'yaml'
import type { GateReport } from '../../src/gate/result.js'
import { DEFAULTS, INPUT_NAMES } from '../../src/inputs.js'
import { gateOutputs } from '../../src/report/outputs.js'
import { runView } from '../../src/report/view.js'
import { fixtureReport } from '../helpers/reports.js'

/** action.yml and the workflows: what the runner and the Marketplace read. */

const root = new URL('../../', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, root), 'utf8')

interface ActionYml {
  name: string
  description: string
  branding: { icon: string; color: string }
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}

describe('action.yml', () => {
  const action = YAML.parse(read('action.yml')) as ActionYml

  it('declares the node24 runtime running the committed bundle', () => {
    expect(action.name).toBe('AIRS Model Security Gate')
    expect(action.description.length).toBeGreaterThan(40)
    expect(action.branding).toEqual({ icon: 'shield', color: 'orange' })
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it('documents every input, in kebab-case, and the code reads only declared inputs', () => {
    for (const [name, spec] of Object.entries(action.inputs)) {
      expect(name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/)
      expect(spec.description.trim().length).toBeGreaterThan(10)
    }
    // the code reads exactly the declared inputs, in the documented order
    expect(Object.keys(action.inputs)).toEqual([...INPUT_NAMES])
    // model-uri or models-file: neither is required alone (the gate says so when both are empty)
    expect(action.inputs['model-uri']?.required).toBe(false)
    // defaults live in both places (the runner fills action.yml's, the CLI uses the code's): they must agree
    const declared = Object.fromEntries(
      Object.entries(action.inputs).flatMap(([k, v]) => (v.default === undefined ? [] : [[k, v.default]]))
    )
    // the token is the runner's to fill in; the code has no default of its own
    expect(declared['github-token']).toBe('${{ github.token }}')
    delete declared['github-token']
    expect(declared).toEqual(DEFAULTS)
    // and every input and output is documented in the README
    const readme = read('README.md')
    expect(Object.keys(action.inputs).filter((n) => !readme.includes(`\`${n}\``))).toEqual([])
    expect(Object.keys(action.outputs).filter((n) => !readme.includes(`\`${n}\``))).toEqual([])
  })

  it('declares exactly the outputs the action sets', () => {
    const report: GateReport = {
      ...fixtureReport('mixed'),
      verdict: 'fail',
      error: { code: 'INVALID_INPUT', message: 'x' }
    }
    const set = Object.keys(gateOutputs(runView(report), { report: '/tmp/r.json' }))
    // set by main.ts once a comment or the tracking issue was written
    set.push('comment-url', 'issue-url')
    expect(Object.keys(action.outputs).sort()).toEqual(set.sort())
  })
})

describe('docs/inputs.md', () => {
  const action = YAML.parse(read('action.yml')) as ActionYml
  // | `a`, `b` | default | what it does |
  const rows = read('docs/inputs.md')
    .split('\n')
    .filter((l) => /^\| `/.test(l))
    .map((l) => l.split(' | ').map((c) => c.replace(/^\|\s*|\s*\|$/g, '').trim()))

  it('has a row for every input, and the defaults action.yml declares', () => {
    const documented = new Map<string, string>()
    for (const [names, def] of rows)
      for (const n of names!.matchAll(/`([a-z-]+)`/g)) documented.set(n[1]!, def ?? '')
    expect(Object.keys(action.inputs).filter((n) => !documented.has(n))).toEqual([])
    for (const [name, spec] of Object.entries(action.inputs)) {
      if (spec.default === undefined) continue
      // a row of several inputs lists their defaults in order; the single ones state theirs
      expect([name, documented.get(name)]).toEqual([name, expect.stringContaining(`\`${spec.default}\``)])
    }
  })
})

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')

describe('documentation links', () => {
  const pages = [
    'README.md',
    'CONTRIBUTING.md',
    'SECURITY.md',
    'CHANGELOG.md',
    ...readdirSync(new URL('docs/', root))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`)
  ]
  const anchors = (page: string) =>
    new Set(
      read(page)
        .replace(/```[\s\S]*?```/g, '')
        .split('\n')
        .filter((l) => /^#{1,6} /.test(l))
        .map((l) => slug(l.replace(/^#+ /, '')))
    )

  it.each(pages)('%s links only to files and headings that exist', (page) => {
    const text = read(page).replace(/```[\s\S]*?```/g, '')
    const dead: string[] = []
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1]!
      if (/^(https?:|mailto:)/.test(target)) continue
      const [file, anchor] = target.split('#') as [string, string | undefined]
      const resolved = file ? new URL(file, new URL(page, root)) : new URL(page, root)
      const rel = resolved.pathname.slice(root.pathname.length)
      if (!existsSync(resolved)) dead.push(target)
      else if (anchor && rel.endsWith('.md') && !anchors(rel).has(anchor)) dead.push(target)
    }
    expect(dead).toEqual([])
  })
})

describe('workflows', () => {
  const dir = new URL('.github/workflows/', root)
  const files = readdirSync(dir).filter((f) => f.endsWith('.yml'))

  it('are valid YAML with jobs and least-privilege permissions', () => {
    expect(files.sort()).toEqual(['check-dist.yml', 'ci.yml', 'codeql.yml', 'release.yml'])
    for (const f of files) {
      const wf = YAML.parse(readFileSync(new URL(f, dir), 'utf8')) as {
        permissions?: Record<string, string>
        jobs: Record<string, unknown>
      }
      expect(Object.keys(wf.jobs).length).toBeGreaterThan(0)
      expect(wf.permissions).toBeDefined()
      expect(
        Object.entries(wf.permissions!)
          .filter(([, v]) => v === 'write')
          .map(([k]) => k)
      ).toEqual(f === 'codeql.yml' ? ['security-events'] : [])
    }
  })

  it('test on Node 20, 22 and 24', () => {
    const ci = YAML.parse(read('.github/workflows/ci.yml')) as {
      jobs: { test: { strategy: { matrix: { node: number[] } } } }
    }
    expect(ci.jobs.test.strategy.matrix.node).toEqual([20, 22, 24])
  })
})
