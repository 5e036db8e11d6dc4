import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  DIST_DIFF_ARGS,
  majorMoveProblems,
  type MajorTag,
  parseReleaseArgs,
  pushArgs,
  releaseChangelogProblems,
  releaseNotes,
  repositoryUrl,
  tagNames,
  USAGE,
  versionProblems
} from './release-checks.js'
import { VERSION as SOURCE_VERSION } from '../src/version.js'
import { recordedHash, ROOT, sourceHash } from './source-hash.js'

/**
 * Cuts a release (CONTRIBUTING.md, "Releasing"): `tsx scripts/release.ts X.Y.Z [--dry-run | --push]`.
 *
 * Refuses unless the working tree is clean, HEAD is the default branch, package.json, its lock and src/version.ts
 * say X.Y.Z, CHANGELOG.md has its dated section and link reference, the tag is new, vX would move forwards (to a
 * newer version, on the history it points to now), and dist/ is what the sources build to; then makes the
 * annotated tag vX.Y.Z and force-moves vX to the same commit. It pushes only with --push.
 *
 * The release workflow runs it with --dry-run (and --notes) in a job that cannot write, and tags and pushes with
 * plain git in another job that runs none of the project's code (.github/workflows/release.yml).
 */

const USER_ERROR = 2

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
}

/** git's answer, or undefined when it exits non-zero (a missing ref, a detached HEAD). */
function gitMaybe(...args: string[]): string | undefined {
  const r = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' })
  return r.status === 0 ? r.stdout.trim() : undefined
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(join(ROOT, file), 'utf8'))

/**
 * The branch releases are cut from: DEFAULT_BRANCH (the workflow passes the repository's), else what origin/HEAD
 * names, else main.
 */
function defaultBranch(): string {
  const fromRemote = gitMaybe('symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD')
  return process.env.DEFAULT_BRANCH || fromRemote?.replace(/^origin\//, '') || 'main'
}

/** Everything that stops the release, before anything is built or tagged. */
function preflight(version: string, dryRun: boolean): string[] {
  const problems: string[] = []
  const tags = tagNames(version)

  const dirty = git('status', '--porcelain', '--untracked-files=all')
  if (dirty) {
    const lines = dirty.split('\n')
    problems.push(
      `the working tree is not clean (${lines.length} paths): commit or remove\n` +
        lines
          .slice(0, 10)
          .map((l) => `      ${l}`)
          .join('\n')
    )
  }

  const branch = gitMaybe('symbolic-ref', '--quiet', '--short', 'HEAD')
  const wanted = defaultBranch()
  if (branch !== wanted)
    problems.push(`HEAD is ${branch ? `on ${branch}` : 'detached'}; releases are cut from ${wanted}`)

  const pkg = readJson('package.json') as { version?: unknown; repository?: unknown }
  problems.push(...versionProblems(version, pkg, readJson('package-lock.json') as object, SOURCE_VERSION))

  const repository = repositoryUrl(pkg.repository)
  if (!repository) problems.push(`package.json's repository is not a https://github.com/owner/repo URL`)
  else
    problems.push(
      ...releaseChangelogProblems(readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8'), version, repository).map(
        (p) => `CHANGELOG.md: ${p}`
      )
    )

  if (gitMaybe('rev-parse', '--quiet', '--verify', `refs/tags/${tags.version}`) !== undefined)
    problems.push(`the tag ${tags.version} exists already: a released version is never re-tagged`)

  problems.push(...majorMoveProblems(version, majorTag(tags.major)))

  // the real run builds and compares; a dry run only reads the hash the last build recorded
  if (dryRun && recordedHash() !== sourceHash())
    problems.push(
      'dist/ was not built from these sources (dist/sources.sha256): run npm run build and commit dist/'
    )
  return problems
}

/** Where the major tag `vX` points now, or undefined when there is no such tag yet. */
function majorTag(tag: string): MajorTag | undefined {
  const commit = gitMaybe('rev-parse', '--quiet', '--verify', `refs/tags/${tag}^{commit}`)
  if (commit === undefined) return undefined
  const pointsAt = git('tag', '--points-at', commit).split('\n').filter(Boolean)
  const isAncestor =
    spawnSync('git', ['merge-base', '--is-ancestor', commit, 'HEAD'], { cwd: ROOT, stdio: 'ignore' })
      .status === 0
  return { tag, commit, pointsAt, isAncestor }
}

/** npm run build, then dist/ must be exactly what is committed (line ends aside, as .ci/run): no change, nothing new. */
function distProblems(): string[] {
  console.log('\n== npm run build')
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' })
  if (build.status !== 0) return [`npm run build failed (exit ${build.status ?? build.signal})`]
  const changed = spawnSync('git', DIST_DIFF_ARGS, { cwd: ROOT }).status !== 0
  const untracked = git('ls-files', '--others', '--exclude-standard', '--', 'dist/')
  return changed || untracked
    ? ['dist/ is not what the sources build to: commit the rebuilt dist/ (git status -- dist/)']
    : []
}

function refuse(version: string, problems: string[]): number {
  console.error(`Refusing to release v${version}:`)
  for (const p of problems) console.error(`  - ${p}`)
  return 1
}

function main(argv: string[]): number {
  const args = parseReleaseArgs(argv)
  if ('error' in args) {
    if (args.error) console.error(`release: ${args.error}\n`)
    console.error(USAGE)
    return args.error ? USER_ERROR : 0
  }
  const { version, mode, push } = args
  const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8')

  if (mode === 'notes') {
    process.stdout.write(releaseNotes(changelog, version))
    return 0
  }

  const tags = tagNames(version)
  const problems = preflight(version, mode === 'dry-run')
  if (problems.length) return refuse(version, problems)

  const head = git('rev-parse', 'HEAD')
  const majorWas = gitMaybe('rev-parse', '--quiet', '--verify', `refs/tags/${tags.major}^{commit}`)
  // the lease: the major tag's object as it is before the move
  const majorRef = gitMaybe('rev-parse', '--quiet', '--verify', `refs/tags/${tags.major}`)
  const gitPush = pushArgs(version, majorRef)
  const pushCommand = `git ${gitPush.join(' ')}`

  if (mode === 'dry-run') {
    console.log(`Dry run: v${version} can be released from ${head}.`)
    console.log(
      `A release (not this dry run) runs npm run build and checks dist/, tags ${tags.version} at ${head.slice(0, 12)},`
    )
    console.log(
      `moves ${tags.major} (${majorWas ? `now at ${majorWas.slice(0, 12)}` : 'new'}) there, and pushes with:`
    )
    console.log(`  ${pushCommand}`)
    return 0
  }

  const dist = distProblems()
  if (dist.length) return refuse(version, dist)

  // --cleanup=whitespace: the default (strip) would drop the notes' "### Added" lines as comments
  execFileSync('git', ['tag', '--annotate', '--cleanup=whitespace', '--file=-', tags.version, head], {
    cwd: ROOT,
    input: `airs-model-gate ${tags.version}\n\n${releaseNotes(changelog, version)}`,
    stdio: ['pipe', 'inherit', 'inherit']
  })
  execFileSync(
    'git',
    ['tag', '--force', '--annotate', `--message=airs-model-gate ${tags.version}`, tags.major, head],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] }
  )
  console.log(`\nTagged ${tags.version} at ${head}`)
  console.log(`Moved ${tags.major} ${majorWas ? `from ${majorWas}` : '(new)'} to ${head}`)

  if (push) {
    console.log(`\n== ${pushCommand}`)
    const pushed = spawnSync('git', gitPush, { cwd: ROOT, stdio: 'inherit' })
    if (pushed.status !== 0) {
      console.error(
        `The push failed; the tags are still local. Fix the cause (a "stale info" rejection: ${tags.major} moved ` +
          `on the remote; git fetch --tags --force, then release again), then: ${pushCommand}`
      )
      return 1
    }
  } else {
    console.log(`\nNothing is pushed yet. Publish both tags with:\n  ${pushCommand}`)
  }
  console.log(
    `Then the GitHub release: gh release create ${tags.version} --verify-tag --title ${tags.version} \\`
  )
  console.log(`  --notes-file <(npx tsx scripts/release.ts ${version} --notes)`)
  return 0
}

process.exitCode = main(process.argv.slice(2))
