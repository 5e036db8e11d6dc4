import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import YAML from 'yaml'

/**
 * Every action a workflow runs is pinned to a full commit SHA, with its version in a comment on the same line
 * (the form Dependabot updates): a tag can be moved to other code, a commit cannot. And the release workflow
 * keeps its design (CONTRIBUTING.md, "Releasing"): the jobs that run the project's code (check, prepare) only
 * read; the one that tags and pushes (publish) runs none of it, after both.
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
  name?: string
  id?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, string>
}

interface Job {
  name?: string
  needs?: string | string[]
  if?: string
  permissions?: Record<string, string>
  env?: Record<string, string>
  outputs?: Record<string, string>
  steps: Step[]
}

interface Workflow {
  on: Record<string, unknown>
  permissions?: Record<string, string>
  jobs: Record<string, Job>
}

const workflow = (file: string) => YAML.parse(readFileSync(new URL(file, dir), 'utf8')) as Workflow

describe('workflows', () => {
  it('never expand untrusted text into a shell script (it goes through env:)', () => {
    // inputs and events come from whoever starts the run; another job's or step's outputs from code it ran
    const risky = /\$\{\{[^}]*\b(?:inputs\.|github\.event\.|github\.head_ref|needs\.|steps\.[^}]*\.outputs)/
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
  const job = (name: string) => wf.jobs[name]!
  const runs = (name: string) =>
    job(name)
      .steps.map((s) => s.run ?? '')
      .join('\n')
  const usesOf = (name: string) => job(name).steps.flatMap((s) => (s.uses ? [s.uses.split('@')[0]] : []))
  const hasToken = (env: Record<string, string> | undefined) =>
    Object.values(env ?? {}).some((v) => String(v).includes('github.token'))

  it('runs by hand only, with a version', () => {
    expect(Object.keys(wf.on)).toEqual(['workflow_dispatch'])
    expect(wf.on.workflow_dispatch).toMatchObject({ inputs: { version: { required: true } } })
  })

  it('has three jobs: check and prepare read, publish alone writes, contents only, after both', () => {
    expect(Object.keys(wf.jobs).sort()).toEqual(['check', 'prepare', 'publish'])
    expect(wf.permissions).toEqual({ contents: 'read' })
    const writers = jobs.filter(([, j]) => Object.values(j.permissions ?? {}).includes('write'))
    expect(writers.map(([name, j]) => [name, j.permissions])).toEqual([['publish', { contents: 'write' }]])
    expect([job('publish').needs].flat().sort()).toEqual(['check', 'prepare'])
    for (const name of ['check', 'prepare', 'publish'])
      expect(job(name).if).toBe('github.ref_name == github.event.repository.default_branch')
  })

  it('check runs .ci/run, what CI runs', () => {
    expect(runs('check')).toMatch(/^\.ci\/run$/m)
  })

  it('prepare runs every check of scripts/release.ts but the build, then rebuilds and compares dist/ as .ci/run', () => {
    const text = runs('prepare')
    expect(text).toContain('npm ci --ignore-scripts')
    expect(text).toContain('npx tsx scripts/release.ts "$VERSION" --dry-run')
    expect(text).toContain('npx tsx scripts/release.ts "$VERSION" --notes > "$RUNNER_TEMP/notes/notes.md"')
    // the tree is checked clean before the build writes to it
    expect(text.indexOf('--dry-run')).toBeLessThan(text.indexOf('npm run build'))
    const ci = readFileSync(new URL('.ci/run', root), 'utf8')
    for (const check of [
      'git diff --quiet --ignore-space-at-eol -- dist/',
      'git ls-files --others --exclude-standard -- dist/'
    ]) {
      expect(ci).toContain(check)
      expect(text).toContain(check)
    }
    const checkout = job('prepare').steps.find((s) => s.uses?.startsWith('actions/checkout@'))
    expect(checkout?.with).toMatchObject({ 'fetch-depth': 0, 'persist-credentials': false })
  })

  it('prepare hands over the commit it checked, taken before any npm step, and the notes', () => {
    const steps = job('prepare').steps
    expect(job('prepare').outputs).toEqual({ sha: '${{ steps.commit.outputs.sha }}' })
    const commit = steps.findIndex((s) => s.id === 'commit')
    expect(steps[commit]!.run).toBe('echo "sha=$(git rev-parse HEAD)" >> "$GITHUB_OUTPUT"')
    expect(commit).toBeLessThan(steps.findIndex((s) => /\bnpm\b/.test(s.run ?? '')))
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))
    expect(upload?.with).toMatchObject({ name: 'release-notes', path: '${{ runner.temp }}/notes/notes.md' })
  })

  it('publish runs none of the project code: no npm, no node, no script from the repository', () => {
    const text = runs('publish')
    expect(text).not.toMatch(/\b(?:npm|npx|node|tsx|yarn|pnpm|corepack|make)\b/)
    expect(text).not.toMatch(/(?:^|[\s;&|(])(?:\.\.?\/|scripts\/|\.ci\/|(?:ba)?sh\s)/m)
    expect(usesOf('publish').sort()).toEqual(['actions/checkout', 'actions/download-artifact'])
  })

  it('publish tags exactly the commit prepare checked, with the notes prepare wrote', () => {
    const steps = job('publish').steps
    expect(job('publish').env).toMatchObject({ SHA: '${{ needs.prepare.outputs.sha }}' })
    expect(runs('publish')).toContain('[ "$SHA" != "$GITHUB_SHA" ]')
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@'))
    expect(checkout?.with).toEqual({
      ref: '${{ needs.prepare.outputs.sha }}',
      'fetch-depth': 0,
      'persist-credentials': false
    })
    const download = steps.find((s) => s.uses?.startsWith('actions/download-artifact@'))
    expect(download?.with).toEqual({ name: 'release-notes', path: '${{ runner.temp }}/notes' })
  })

  it('publish refuses a version tagged before, here or on the remote, and never moves vX backwards', () => {
    const text = runs('publish')
    for (const check of [
      'git rev-parse --quiet --verify "refs/tags/$tag"',
      'git tag --points-at "$was"',
      'git merge-base --is-ancestor "$was" HEAD',
      'git ls-remote --refs origin "refs/tags/$tag" "refs/tags/$major"',
      'git -c core.hooksPath=/dev/null push --atomic --force-with-lease="refs/tags/$major:$MAJOR_WAS"',
      'gh release create "v$VERSION" --verify-tag'
    ])
      expect(text).toContain(check)
    // no force but the lease: an existing vX.Y.Z on the remote is refused
    expect(text).not.toMatch(/git[^\n]* push[^\n]*(?:\s\+|--force\b(?!-with-lease))/)
  })

  /** The first step of a job, run by bash as the runner runs it, with `env`. */
  const firstStep = (name: string, env: Record<string, string>) =>
    spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', job(name).steps[0]!.run!], {
      env: { PATH: process.env.PATH, ...env },
      encoding: 'utf8'
    })
  const SHA = 'c'.repeat(40)

  it.each(['check', 'prepare', 'publish'])(
    '%s takes the version through env only and checks it is X.Y.Z before anything else',
    (name) => {
      const j = job(name)
      const env = { ...j.env, ...j.steps[0]!.env }
      expect(env.VERSION).toBe('${{ inputs.version }}')
      expect(j.steps[0]!.run).toContain(
        '[[ "$VERSION" =~ ^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$ ]]'
      )
      // no other step takes the input but through the job's env
      expect(j.steps.slice(1).filter((s) => JSON.stringify(s).includes('inputs.'))).toEqual([])
      const cases = [
        ['0.1.0', true],
        ['12.34.56', true],
        ['v1.0.0', false],
        ['1.0', false],
        ['1.0.0-rc.1', false],
        ['01.0.0', false],
        ['1.0.0\n::error::x', false],
        ['1.0.0; touch pwned', false],
        ['', false]
      ] as const
      // the exit status, and whether the text was echoed: never, as it could hold workflow commands
      const run = (version: string) => {
        const r = firstStep(name, { VERSION: version, SHA, GITHUB_SHA: SHA })
        return [version, r.status, version !== '' && r.stdout.includes(version)]
      }
      expect(cases.map(([version]) => run(version))).toEqual(
        cases.map(([version, ok]) => [version, ok ? 0 : 1, false])
      )
    }
  )

  it('publish refuses a commit other than the one the run started on', () => {
    expect(firstStep('publish', { VERSION: '1.2.3', SHA, GITHUB_SHA: 'd'.repeat(40) }).status).toBe(1)
    expect(firstStep('publish', { VERSION: '1.2.3', SHA: '', GITHUB_SHA: SHA }).status).toBe(1)
  })

  it('gives the token only to the steps of publish that push and publish, never to checkout or npm', () => {
    const steps = jobs.flatMap(([, j]) => j.steps)
    // a checkout that kept the token would hand it to every later step
    expect(
      steps.filter(
        (s) => s.uses?.startsWith('actions/checkout@') && s.with?.['persist-credentials'] !== false
      )
    ).toEqual([])
    expect(jobs.filter(([, j]) => hasToken(j.env))).toEqual([])
    const holders = jobs.flatMap(([name, j]) => j.steps.filter((s) => hasToken(s.env)).map((s) => [name, s]))
    expect(holders.map(([name]) => name)).toEqual(['publish', 'publish'])
    expect(
      holders.map(([, s]) =>
        /git -c core\.hooksPath=\/dev\/null push|gh release create/.test((s as Step).run ?? '')
      )
    ).toEqual([true, true])
    // the jobs that run the dependencies' code can neither write nor see the token
    for (const [, j] of jobs.filter(([, j]) => j.steps.some((s) => /\bnpm\b|\.ci\/run/.test(s.run ?? '')))) {
      expect(Object.values(j.permissions ?? {})).not.toContain('write')
      expect(j.steps.filter((s) => hasToken(s.env))).toEqual([])
    }
  })

  it('sets up Node 24 in the jobs that build, without a package cache another workflow could have written', () => {
    const setups = (name: string) => job(name).steps.filter((s) => s.uses?.startsWith('actions/setup-node@'))
    expect(setups('publish')).toEqual([])
    for (const name of ['check', 'prepare']) {
      expect(setups(name)).toHaveLength(1)
      expect(setups(name)[0]!.with).toMatchObject({ 'node-version': 24, 'package-manager-cache': false })
    }
  })
})
