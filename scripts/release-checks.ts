import { parseArgs } from 'node:util'

/**
 * The pure half of scripts/release.ts: what a release version, its tags, its CHANGELOG.md section and its link
 * references must look like. No git, no files: __tests__/scripts/release-checks.test.ts holds these to the rules,
 * and to the real CHANGELOG.md and package.json.
 */

/** X.Y.Z only: a pre-release or build suffix must never move the major tag people pin. */
const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/
/** `## [Unreleased]` or `## [X.Y.Z] - YYYY-MM-DD` (Keep a Changelog 1.1.0). */
const HEADING = /^## \[([^\]\s]+)\](?: - (\S+))?[ \t]*$/
/** A link reference definition: `[X.Y.Z]: https://...`. */
const LINK = /^\[([^\]]+)\]:[ \t]*(\S+)[ \t]*$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export const UNRELEASED = 'Unreleased'

export interface Version {
  major: number
  minor: number
  patch: number
}

export function parseVersion(text: string): Version | undefined {
  const m = VERSION.exec(text)
  return m ? { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) } : undefined
}

/** Negative when a is older than b. */
export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch
}

/** The tags a release makes: `vX.Y.Z`, created once, and `vX`, moved to each release of that major. */
export function tagNames(version: string): { version: string; major: string } {
  const v = parseVersion(version)
  if (!v) throw new Error(`not a release version (X.Y.Z): ${JSON.stringify(version)}`)
  return { version: `v${version}`, major: `v${v.major}` }
}

/**
 * One command for both tags, with no hook run (a dependency could have written one): --atomic so the major tag
 * never moves without its version tag; an existing vX.Y.Z on the remote is refused rather than overwritten (no
 * force); vX is replaced only while the remote still has it where `majorWas` says, the tag's object before the move
 * (the lease; without one, vX must not exist there yet).
 */
export function pushArgs(version: string, majorWas: string | undefined, remote = 'origin'): string[] {
  const tags = tagNames(version)
  return [
    '-c',
    'core.hooksPath=/dev/null',
    'push',
    '--atomic',
    `--force-with-lease=refs/tags/${tags.major}:${majorWas ?? ''}`,
    remote,
    `refs/tags/${tags.version}`,
    `refs/tags/${tags.major}`
  ]
}

/**
 * The dist/-is-current comparison after a rebuild, as .ci/run and the release workflow make it: line ends aside
 * (a checkout with CRLF is the same bundle). Untracked files under dist/ count as a difference too.
 */
export const DIST_DIFF_ARGS = ['diff', '--quiet', '--ignore-space-at-eol', '--', 'dist/'] as const

/** Where the major tag is before a release moves it, as git tells it. */
export interface MajorTag {
  /** `vX`. */
  tag: string
  /** The commit it points to. */
  commit: string
  /** Every tag that points to that commit (`git tag --points-at <commit>`), vX itself included. */
  pointsAt: readonly string[]
  /** Whether that commit is an ancestor of (or is) the commit being released (`git merge-base --is-ancestor`). */
  isAncestor: boolean
}

/** The newest release version among `tags` (`vX.Y.Z` only; `vX` and anything else are not versions). */
export function newestVersionTag(tags: readonly string[]): string | undefined {
  let newest: { tag: string; version: Version } | undefined
  for (const tag of tags) {
    const version = tag.startsWith('v') ? parseVersion(tag.slice(1)) : undefined
    if (version && (!newest || compareVersions(version, newest.version) > 0)) newest = { tag, version }
  }
  return newest?.tag
}

/**
 * What stops the release of `version` from moving its major tag: never backwards, to an older version or off
 * the history it points to now. A major tag that does not exist yet is simply created.
 */
export function majorMoveProblems(version: string, major: MajorTag | undefined): string[] {
  if (!major) return []
  const problems: string[] = []
  const at = newestVersionTag(major.pointsAt)
  const released = parseVersion(version)
  if (at && released && compareVersions(released, parseVersion(at.slice(1))!) <= 0)
    problems.push(
      `${major.tag} points to ${at} (${major.commit.slice(0, 12)}); moving it to v${version} is backwards`
    )
  if (!major.isAncestor)
    problems.push(
      `${major.tag} points to ${major.commit.slice(0, 12)}${at ? ` (${at})` : ''}, which is not an ancestor of the ` +
        `commit released: moving it there would take users of ${major.tag} off its history`
    )
  return problems
}

/** A YYYY-MM-DD that is a real calendar date (Date.parse accepts 2026-02-30). */
export function isIsoDate(text: string): boolean {
  const m = DATE.exec(text)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.toISOString().slice(0, 10) === text
}

export interface ChangelogSection {
  /** `Unreleased` or X.Y.Z, as written between the brackets. */
  name: string
  date: string | undefined
  /** 1-based line of the heading, for messages. */
  line: number
  /** The section's Markdown without its heading and link references, trimmed. */
  body: string
}

export interface Changelog {
  sections: ChangelogSection[]
  links: Map<string, string>
  /** `## ` lines that are not a Keep a Changelog heading, and link references given twice. */
  malformed: string[]
}

export function parseChangelog(text: string): Changelog {
  const sections: ChangelogSection[] = []
  const links = new Map<string, string>()
  const malformed: string[] = []
  let body: string[] | undefined
  const close = () => {
    const last = sections.at(-1)
    if (last && body) last.body = body.join('\n').trim()
  }
  text.split(/\r?\n/).forEach((line, i) => {
    const link = LINK.exec(line)
    if (link) {
      if (links.has(link[1]!)) malformed.push(`line ${i + 1}: a second link reference for [${link[1]}]`)
      else links.set(link[1]!, link[2]!)
      return
    }
    if (!line.startsWith('## ')) {
      body?.push(line)
      return
    }
    close()
    const heading = HEADING.exec(line)
    if (!heading) {
      malformed.push(`line ${i + 1}: "${line}" is not "## [X.Y.Z] - YYYY-MM-DD" or "## [${UNRELEASED}]"`)
      body = undefined
      return
    }
    sections.push({ name: heading[1]!, date: heading[2], line: i + 1, body: '' })
    body = []
  })
  close()
  return { sections, links, malformed }
}

/** https://github.com/owner/repo from package.json's `repository` (a string or `{url}`, git+ and .git allowed). */
export function repositoryUrl(repository: unknown): string | undefined {
  const raw =
    typeof repository === 'string'
      ? repository
      : typeof repository === 'object' && repository !== null && 'url' in repository
        ? String(repository.url)
        : undefined
  const m = raw && /^(?:git\+)?(https:\/\/github\.com\/[\w.-]+\/[\w.-]+?)(?:\.git)?\/?$/.exec(raw)
  return m ? m[1] : undefined
}

/**
 * What is wrong with the changelog as a whole: headings, dates, order, and each section's link reference, which
 * must be exactly the compare link from the version before (the release's tag page for the first version), and
 * `[Unreleased]` comparing the newest version with HEAD.
 */
export function changelogProblems(text: string, repository: string): string[] {
  const { sections, links, malformed } = parseChangelog(text)
  const problems = [...malformed]
  if (sections[0]?.name !== UNRELEASED) problems.push(`the first section must be "## [${UNRELEASED}]"`)
  const versions = sections.filter((s) => s.name !== UNRELEASED)
  if (sections.length - versions.length > 1) problems.push(`more than one "## [${UNRELEASED}]" section`)
  const seen = new Set<string>()
  versions.forEach((s, i) => {
    const where = `line ${s.line}, [${s.name}]`
    const version = parseVersion(s.name)
    if (!version) problems.push(`${where}: not a release version X.Y.Z`)
    if (seen.has(s.name)) problems.push(`${where}: a second section for this version`)
    seen.add(s.name)
    if (s.date === undefined) problems.push(`${where}: no date ("## [${s.name}] - YYYY-MM-DD")`)
    else if (!isIsoDate(s.date)) problems.push(`${where}: "${s.date}" is not a date YYYY-MM-DD`)
    if (!s.body) problems.push(`${where}: the section is empty`)
    const older = versions[i + 1]
    const olderVersion = older && parseVersion(older.name)
    if (version && olderVersion && compareVersions(version, olderVersion) <= 0)
      problems.push(`${where}: versions must be listed newest first, but [${older.name}] comes after it`)
    const want = older
      ? `${repository}/compare/v${older.name}...v${s.name}`
      : `${repository}/releases/tag/v${s.name}`
    const got = links.get(s.name)
    if (got === undefined) problems.push(`${where}: no link reference; add "[${s.name}]: ${want}"`)
    else if (got !== want) problems.push(`${where}: the link reference is ${got}, expected ${want}`)
  })
  const newest = versions[0]
  const wantUnreleased = newest ? `${repository}/compare/v${newest.name}...HEAD` : undefined
  const gotUnreleased = links.get(UNRELEASED)
  if (gotUnreleased === undefined) {
    problems.push(`no link reference for [${UNRELEASED}]; add "[${UNRELEASED}]: ${wantUnreleased ?? '…'}"`)
  } else if (wantUnreleased && gotUnreleased !== wantUnreleased) {
    problems.push(`the link reference for [${UNRELEASED}] is ${gotUnreleased}, expected ${wantUnreleased}`)
  }
  return problems
}

/**
 * What stops `version` from being released by this changelog: everything changelogProblems finds, and the
 * version must have its section and be the newest, since the major tag moves to it.
 */
export function releaseChangelogProblems(text: string, version: string, repository: string): string[] {
  const problems = changelogProblems(text, repository)
  const versions = parseChangelog(text).sections.filter((s) => s.name !== UNRELEASED)
  const section = versions.find((s) => s.name === version)
  if (!section) {
    problems.push(`no "## [${version}] - YYYY-MM-DD" section: move the ${UNRELEASED} entries into one`)
  } else if (versions[0] !== section) {
    problems.push(`[${version}] is not the newest version ([${versions[0]!.name}] is)`)
  }
  return problems
}

/** The GitHub release's text: the version's section, then its compare link. */
export function releaseNotes(text: string, version: string): string {
  const { sections, links } = parseChangelog(text)
  const section = sections.find((s) => s.name === version)
  if (!section) throw new Error(`CHANGELOG.md has no section for ${version}`)
  const link = links.get(version)
  return `${section.body}\n${link ? `\n**Full changelog**: ${link}\n` : ''}`
}

interface PackageVersions {
  version?: unknown
  packages?: Record<string, { version?: unknown } | undefined>
}

/**
 * package.json, package-lock.json (its top and its root package) and src/version.ts (what the bundle reports in
 * its User-Agent and reports) must all say the version released.
 */
export function versionProblems(
  version: string,
  pkg: PackageVersions,
  lock?: PackageVersions,
  sourceVersion?: string
): string[] {
  const problems: string[] = []
  if (pkg.version !== version)
    problems.push(`package.json's version is ${String(pkg.version)}, not ${version} (npm version ${version})`)
  if (lock) {
    for (const [where, v] of [
      ['package-lock.json', lock.version],
      ['package-lock.json packages[""]', lock.packages?.['']?.version]
    ] as const) {
      if (v !== version) problems.push(`${where} has version ${String(v)}, not ${version}: run npm install`)
    }
  }
  if (sourceVersion !== undefined && sourceVersion !== version)
    problems.push(`src/version.ts says ${sourceVersion}, not ${version}: change it and rebuild dist/`)
  return problems
}

export type ReleaseMode = 'release' | 'dry-run' | 'notes'

export interface ReleaseArgs {
  version: string
  mode: ReleaseMode
  push: boolean
}

export const USAGE = `Usage: tsx scripts/release.ts X.Y.Z [--dry-run | --push]
       tsx scripts/release.ts X.Y.Z --notes

  (no flag)  check, build, tag vX.Y.Z and move vX; print the git push command
  --push     the same, then push both tags
  --dry-run  every check but the build (the rebuilt dist/ compared with the committed one); nothing is tagged
  --notes    print the version's CHANGELOG.md section (the GitHub release's text)`

/** The command line, or a message saying what is wrong with it. */
export function parseReleaseArgs(argv: string[]): ReleaseArgs | { error: string } {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'dry-run': { type: 'boolean' },
        push: { type: 'boolean' },
        notes: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      }
    })
  } catch (e) {
    return { error: (e as Error).message }
  }
  const { values, positionals } = parsed
  if (values.help) return { error: '' }
  if (positionals.length !== 1) return { error: 'give exactly one version, X.Y.Z' }
  const version = positionals[0]!
  if (!parseVersion(version))
    return { error: `"${version}" is not a release version X.Y.Z (no "v", no suffix)` }
  const modes = [values['dry-run'] && 'dry-run', values.notes && 'notes'].filter(Boolean)
  if (modes.length > 1 || (modes.length > 0 && values.push))
    return { error: '--dry-run, --notes and --push exclude each other' }
  const mode: ReleaseMode = values['dry-run'] ? 'dry-run' : values.notes ? 'notes' : 'release'
  return { version, mode, push: values.push === true }
}
