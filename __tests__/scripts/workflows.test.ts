import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import YAML from 'yaml'

/**
 * Every action a workflow runs is pinned to a full commit SHA, with its version in a comment on the same line
 * (the form Dependabot updates): a tag can be moved to other code, a commit cannot. And the release workflow
 * keeps its design (CONTRIBUTING.md, "Releasing"): only the job that tags can write, and only after the checks.
 */

const root = new URL('../../', import.meta.url)
const dir = new URL('.github/workflows/', root)
const files = readdirSync(dir)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()

/** owner/repo[/path]@<40 hex> # vX[.Y[.Z]]: nothing else may follow the version. */
const PINNED = /^[\w.-]+\/[\w.-]+(?:\/[\w.\-/]+)?@[0-9a-f]{40}$/
const DOCKER_PINNED = /^docker:\/\/[^@\s]+@sha256:[0-9a-f]{64}$/
const VERSION_COMMENT = /^v\d+(?:\.\d+){0,2}$/

interface Use {
  file: string
  line: number
  uses: string
  /** The comment after the value, on the same line, without `#` and spaces. */
  comment: string | undefined
}

/** Every `uses:` in a workflow's text (steps and reusable-workflow jobs alike), with its same-line comment. */
function usesIn(text: string, file: string): { found: Use[]; errors: string[] } {
  const lineCounter = new YAML.LineCounter()
  const doc = YAML.parseDocument(text, { lineCounter })
  const found: Use[] = []
  YAML.visit(doc, {
    Pair(_, pair) {
      if (!YAML.isScalar(pair.key) || pair.key.value !== 'uses') return
      // a `uses:` that is not a plain value cannot be a pin, and fails the pin test below
      const value = YAML.isScalar(pair.value) ? pair.value : undefined
      const [start, end] = value?.range ?? [0, 0]
      // the rest of the value's own line: a comment there is the version; one on the next line is not
      const rest = text.slice(end, (text.indexOf('\n', end) + 1 || text.length + 1) - 1)
      found.push({
        file,
        line: lineCounter.linePos(start).line,
        uses: value ? String(value.value) : '(not a scalar)',
        comment: /^\s+#\s*(.*?)\s*$/.exec(rest)?.[1]
      })
    }
  })
  return { found, errors: doc.errors.map((e) => `${file}: ${e.message}`) }
}

const isPinned = (u: Use) =>
  (PINNED.test(u.uses) || DOCKER_PINNED.test(u.uses)) &&
  u.comment !== undefined &&
  VERSION_COMMENT.test(u.comment)

const parsed = files.map((f) => usesIn(readFileSync(new URL(f, dir), 'utf8'), f))
const uses = parsed.flatMap((p) => p.found)
const remote = uses.filter((u) => !u.uses.startsWith('./'))
const where = (u: Use) => `${u.file}:${u.line} ${u.uses}${u.comment ? ` # ${u.comment}` : ''}`

describe('workflow actions', () => {
  it('finds the workflows and their actions', () => {
    expect(parsed.flatMap((p) => p.errors)).toEqual([])
    expect(files).toEqual(expect.arrayContaining(['check-dist.yml', 'ci.yml', 'codeql.yml', 'release.yml']))
    expect(remote.length).toBeGreaterThanOrEqual(10)
    // as many `uses:` as the raw text has: none hidden from the walk above
    const raw = files.flatMap((f) =>
      readFileSync(new URL(f, dir), 'utf8')
        .split('\n')
        .filter((l) => /^\s*(?:-\s+)?uses:/.test(l))
    )
    expect(uses).toHaveLength(raw.length)
  })

  it('are each pinned to a full commit SHA with its version in a comment on the same line', () => {
    expect(remote.filter((u) => !isPinned(u)).map(where)).toEqual([])
  })

  it('pin one commit per action everywhere, so the comments cannot disagree', () => {
    const byAction = new Map<string, Set<string>>()
    for (const u of remote) {
      const [action, ref] = u.uses.split('@') as [string, string]
      const repo = action.split('/').slice(0, 2).join('/')
      byAction.set(repo, (byAction.get(repo) ?? new Set()).add(`${ref} # ${u.comment ?? ''}`))
    }
    expect([...byAction].filter(([, pins]) => pins.size > 1)).toEqual([])
  })

  /** A one-step workflow using `ref`, walked like the real ones. */
  const step = (ref: string) =>
    usesIn(`on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${ref}\n`, 'x.yml')
      .found
  const SHA = '8e8c483db84b4bee98b60c0593521ed34d9990e8'

  it.each([
    ['a version', `actions/checkout@${SHA} # v6.0.1`],
    ['a major version', `actions/checkout@${SHA}   #v6`],
    ['a path inside the repository', `github/codeql-action/upload-sarif@${SHA} # v4.31.2`],
    ['a quoted value', `'actions/checkout@${SHA}' # v6.0.1`],
    ['a Docker image by digest', `docker://alpine@sha256:${'a'.repeat(64)} # v3.20`]
  ])('accepts %s', (_, ref) => {
    expect(step(ref).map(isPinned)).toEqual([true])
  })

  it.each([
    ['a tag', 'actions/checkout@v6 # v6'],
    ['a short SHA', 'actions/checkout@8e8c483 # v6.0.1'],
    ['a branch', 'actions/checkout@main'],
    ['no version comment', `actions/checkout@${SHA}`],
    ['a comment on the next line', `actions/checkout@${SHA}\n        # v6.0.1`],
    ['a comment that is not a version', `actions/checkout@${SHA} # latest`],
    ['more after the version', `actions/checkout@${SHA} # v6.0.1 or so`],
    ['a Docker image by tag', 'docker://alpine:3.20 # v3.20']
  ])('refuses %s', (_, ref) => {
    expect(step(ref).map(isPinned)).toEqual([false])
  })
})

interface Step {
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, string>
}

interface Workflow {
  on: Record<string, unknown>
  permissions?: Record<string, string>
  jobs: Record<
    string,
    {
      needs?: string | string[]
      if?: string
      permissions?: Record<string, string>
      steps: Array<{
        uses?: string
        run?: string
        with?: Record<string, unknown>
        env?: Record<string, string>
      }>
    }
  >
}

const workflow = (file: string) => YAML.parse(readFileSync(new URL(file, dir), 'utf8')) as Workflow

describe('workflows', () => {
  it('never expand untrusted text into a shell script (it goes through env:)', () => {
    const risky = /\$\{\{[^}]*\b(?:inputs\.|github\.event\.|github\.head_ref)/
    const found = files.flatMap((f) =>
      Object.entries(workflow(f).jobs).flatMap(([job, j]) =>
        j.steps.filter((s) => s.run !== undefined && risky.test(s.run)).map(() => `${f} ${job}`)
      )
    )
    expect(found).toEqual([])
  })
})

describe('release.yml', () => {
  const wf = workflow('release.yml')
  const jobs = Object.entries(wf.jobs)

  it('runs by hand only, with a version', () => {
    expect(Object.keys(wf.on)).toEqual(['workflow_dispatch'])
    expect(wf.on.workflow_dispatch).toMatchObject({ inputs: { version: { required: true } } })
  })

  it('reads by default; only the job that tags writes, contents only, after the checks', () => {
    expect(wf.permissions).toEqual({ contents: 'read' })
    const writers = jobs.filter(([, j]) => Object.values(j.permissions ?? {}).includes('write'))
    expect(writers.map(([name, j]) => [name, j.permissions])).toEqual([['release', { contents: 'write' }]])
    const checks = jobs.filter(([name]) => name !== 'release')
    expect(checks.length).toBeGreaterThan(0)
    expect([wf.jobs.release!.needs].flat().sort()).toEqual(checks.map(([name]) => name).sort())
  })

  it('runs the checks of .ci/run, and tags through scripts/release.ts', () => {
    const runs = (job: string) => wf.jobs[job]!.steps.map((s) => s.run ?? '').join('\n')
    const checkJobs = jobs.filter(([name]) => name !== 'release').map(([name]) => runs(name))
    expect(checkJobs.join('\n')).toContain('.ci/run')
    expect(runs('release')).toMatch(/scripts\/release\.ts "\$VERSION"(?! --dry-run)/)
    expect(runs('release')).toContain('gh release create')
  })

  it('gives the token only to the steps that push and publish, never to checkout or the build', () => {
    const steps = jobs.flatMap(([, j]) => j.steps)
    const hasToken = (s: Step) => Object.values(s.env ?? {}).some((v) => String(v).includes('github.token'))
    // a checkout that kept the token would hand it to every later step, the build included
    expect(
      steps.filter(
        (s) => s.uses?.startsWith('actions/checkout@') && s.with?.['persist-credentials'] !== false
      )
    ).toEqual([])
    expect(steps.filter(hasToken).map((s) => /git push|gh release create/.test(s.run ?? ''))).toEqual([
      true,
      true
    ])
    // the build runs the dependencies' code
    expect(
      steps.filter((s) => /\btsx scripts\/release\.ts|\bnpm ci\b/.test(s.run ?? '')).filter(hasToken)
    ).toEqual([])
  })

  it('sets up Node 24 without a package cache another workflow could have written', () => {
    const setups = jobs.flatMap(([, j]) => j.steps.filter((s) => s.uses?.startsWith('actions/setup-node@')))
    expect(setups.length).toBe(jobs.length)
    for (const s of setups)
      expect(s.with).toMatchObject({ 'node-version': 24, 'package-manager-cache': false })
  })
})
