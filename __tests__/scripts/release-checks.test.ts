import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { VERSION } from '../../src/version.js'
import {
  changelogProblems,
  DIST_DIFF_ARGS,
  isIsoDate,
  majorMoveProblems,
  newestVersionTag,
  parseChangelog,
  parseReleaseArgs,
  parseVersion,
  pushArgs,
  releaseChangelogProblems,
  releaseNotes,
  repositoryUrl,
  tagNames,
  versionProblems
} from '../../scripts/release-checks.js'

/** The pure checks of scripts/release.ts, and the repository's own CHANGELOG.md and package.json against them. */

const root = new URL('../../', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, root), 'utf8')
const REPO = 'https://github.com/airs-model-gate/airs-model-gate'

/** A changelog with two releases, correct in every respect; the cases below break one thing each. */
const GOOD = `# Changelog

Intro text.

## [Unreleased]

### Added

- Something new.

## [0.2.0] - 2026-12-20

### Changed

- Something changed.

## [0.1.0] - 2026-12-06

### Added

- The first release.

[Unreleased]: ${REPO}/compare/v0.2.0...HEAD
[0.2.0]: ${REPO}/compare/v0.1.0...v0.2.0
[0.1.0]: ${REPO}/releases/tag/v0.1.0
`

describe('versions and tags', () => {
  it.each([
    ['0.1.0', { major: 0, minor: 1, patch: 0 }],
    ['1.0.0', { major: 1, minor: 0, patch: 0 }],
    ['12.34.56', { major: 12, minor: 34, patch: 56 }]
  ])('%s is a release version', (text, version) => {
    expect(parseVersion(text)).toEqual(version)
  })

  it.each(['v1.0.0', '1.0', '1.0.0-rc.1', '1.0.0+build', '01.0.0', '1.00.0', ' 1.0.0', '1.0.0\n', ''])(
    '%j is not: a suffix or a leading zero must never move a major tag',
    (text) => {
      expect(parseVersion(text)).toBeUndefined()
      expect(() => tagNames(text)).toThrow('not a release version')
    }
  )

  it('names the version tag and the major tag it moves', () => {
    expect(tagNames('0.1.0')).toEqual({ version: 'v0.1.0', major: 'v0' })
    expect(tagNames('2.10.3')).toEqual({ version: 'v2.10.3', major: 'v2' })
  })

  it('pushes both tags atomically without hooks, replacing only the major, and only where it was', () => {
    const was = 'b'.repeat(40)
    expect(pushArgs('1.2.3', was)).toEqual([
      '-c',
      'core.hooksPath=/dev/null',
      'push',
      '--atomic',
      `--force-with-lease=refs/tags/v1:${was}`,
      'origin',
      'refs/tags/v1.2.3',
      'refs/tags/v1'
    ])
    // no + and no --force: an existing vX.Y.Z on the remote is refused
    expect(pushArgs('1.2.3', was).filter((a) => a.startsWith('+') || a === '--force')).toEqual([])
    // a new major tag must not exist on the remote either
    expect(pushArgs('2.0.0', undefined)).toContain('--force-with-lease=refs/tags/v2:')
    expect(pushArgs('1.2.3', was, 'upstream')).toContain('upstream')
  })

  it.each([
    ['2026-12-06', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-1-06', false],
    ['06-12-2026', false],
    ['2026-12-06T00:00', false]
  ])('%s is a date: %s', (text, ok) => {
    expect(isIsoDate(text)).toBe(ok)
  })
})

describe('moving the major tag', () => {
  const A = 'a'.repeat(40)
  const at = (pointsAt: string[], isAncestor = true) => ({ tag: 'v1', commit: A, pointsAt, isAncestor })

  it('finds the newest X.Y.Z among the tags of a commit, ignoring vX and anything else', () => {
    expect(newestVersionTag(['v1', 'v1.2.0', 'v1.10.0', 'v1.9.9', 'v1.11.0-rc.1', '1.12.0', 'latest'])).toBe(
      'v1.10.0'
    )
    expect(newestVersionTag(['v1', 'nightly'])).toBeUndefined()
    expect(newestVersionTag([])).toBeUndefined()
  })

  it('creates a major tag that does not exist yet', () => {
    expect(majorMoveProblems('1.0.0', undefined)).toEqual([])
  })

  it('moves it forwards: to a newer version, on the history it points to now', () => {
    expect(majorMoveProblems('1.3.0', at(['v1', 'v1.2.9']))).toEqual([])
    expect(majorMoveProblems('1.10.0', at(['v1.9.0', 'v1']))).toEqual([])
    // a major tag on a commit without a version tag: the history decides alone
    expect(majorMoveProblems('1.3.0', at(['v1']))).toEqual([])
  })

  it.each([
    ['the same version', '1.2.0'],
    ['an older version', '1.1.5'],
    ['an older version that sorts after it as text', '1.10.0']
  ])('refuses %s', (_, version) => {
    const newest = version === '1.10.0' ? 'v1.11.0' : 'v1.2.0'
    expect(majorMoveProblems(version, at(['v1', newest]))).toEqual([
      `v1 points to ${newest} (${A.slice(0, 12)}); moving it to v${version} is backwards`
    ])
  })

  it('refuses a commit that does not descend from where the tag is', () => {
    expect(majorMoveProblems('1.3.0', at(['v1', 'v1.2.0'], false))).toEqual([
      `v1 points to ${A.slice(0, 12)} (v1.2.0), which is not an ancestor of the commit released: moving it there would take users of v1 off its history`
    ])
    expect(majorMoveProblems('1.1.0', at(['v1.2.0'], false))).toHaveLength(2)
  })
})

describe('dist/ after a rebuild', () => {
  it('is compared as .ci/run and the release workflow compare it, line ends aside', () => {
    const command = `git ${DIST_DIFF_ARGS.join(' ')}`
    expect(command).toBe('git diff --quiet --ignore-space-at-eol -- dist/')
    expect(read('.ci/run')).toContain(command)
    expect(read('.github/workflows/release.yml')).toContain(command)
  })
})

describe('package versions', () => {
  const lock = (v: string) => ({ version: v, packages: { '': { version: v } } })

  it('agree with the version released', () => {
    expect(versionProblems('0.2.0', { version: '0.2.0' }, lock('0.2.0'), '0.2.0')).toEqual([])
    expect(versionProblems('0.2.0', { version: '0.2.0' })).toEqual([])
  })

  it('name each file that disagrees', () => {
    expect(versionProblems('0.2.0', { version: '0.1.0' }, lock('0.2.0'))).toEqual([
      "package.json's version is 0.1.0, not 0.2.0 (npm version 0.2.0)"
    ])
    expect(versionProblems('0.2.0', { version: '0.2.0' }, { version: '0.2.0', packages: {} })).toEqual([
      'package-lock.json packages[""] has version undefined, not 0.2.0: run npm install'
    ])
    expect(versionProblems('0.2.0', { version: '0.2.0' }, lock('0.2.0'), '0.1.0')).toEqual([
      'src/version.ts says 0.1.0, not 0.2.0: change it and rebuild dist/'
    ])
  })
})

describe('repositoryUrl', () => {
  it.each([
    [REPO, REPO],
    [{ type: 'git', url: `git+${REPO}.git` }, REPO],
    [{ url: `${REPO}/` }, REPO],
    ['git@github.com:airs-model-gate/airs-model-gate.git', undefined],
    [{ url: 'https://gitlab.com/a/b' }, undefined],
    [undefined, undefined]
  ])('%j -> %s', (repository, url) => {
    expect(repositoryUrl(repository)).toBe(url)
  })
})

describe('parseChangelog', () => {
  it('reads sections, dates, bodies and link references', () => {
    const log = parseChangelog(GOOD)
    expect(log.malformed).toEqual([])
    expect(log.sections.map((s) => [s.name, s.date, s.line])).toEqual([
      ['Unreleased', undefined, 5],
      ['0.2.0', '2026-12-20', 11],
      ['0.1.0', '2026-12-06', 17]
    ])
    // the link references at the bottom are not part of the last section
    expect(log.sections[2]!.body).toBe('### Added\n\n- The first release.')
    expect(log.links.get('0.1.0')).toBe(`${REPO}/releases/tag/v0.1.0`)
    expect(log.links.size).toBe(3)
  })

  it('reads CRLF line ends alike', () => {
    expect(parseChangelog(GOOD.replace(/\n/g, '\r\n'))).toEqual(parseChangelog(GOOD))
  })

  it('reports headings that are not Keep a Changelog headings, and links given twice', () => {
    const log = parseChangelog(
      `## [Unreleased]\n## 0.1.0 - 2026-12-06\n## [0.1.0] 2026-12-06\n[a]: x\n[a]: y\n`
    )
    expect(log.malformed).toEqual([
      'line 2: "## 0.1.0 - 2026-12-06" is not "## [X.Y.Z] - YYYY-MM-DD" or "## [Unreleased]"',
      'line 3: "## [0.1.0] 2026-12-06" is not "## [X.Y.Z] - YYYY-MM-DD" or "## [Unreleased]"',
      'line 5: a second link reference for [a]'
    ])
  })
})

describe('changelogProblems', () => {
  it('finds none in a correct changelog', () => {
    expect(changelogProblems(GOOD, REPO)).toEqual([])
    expect(releaseChangelogProblems(GOOD, '0.2.0', REPO)).toEqual([])
  })

  it.each<[string, (text: string) => string, string]>([
    ['no Unreleased section', (t) => t.replace('## [Unreleased]\n', ''), 'the first section must be'],
    [
      'two Unreleased sections',
      (t) => t.replace('## [0.1.0]', '## [Unreleased]\n\nx\n\n## [0.1.0]'),
      'more than one'
    ],
    [
      'a version without a date',
      (t) => t.replace('## [0.2.0] - 2026-12-20', '## [0.2.0]'),
      '[0.2.0]: no date'
    ],
    ['an impossible date', (t) => t.replace('2026-12-20', '2026-02-30'), '"2026-02-30" is not a date'],
    ['a version that is not X.Y.Z', (t) => t.replace('[0.2.0] -', '[0.2] -'), '[0.2]: not a release version'],
    [
      'an empty section',
      (t) => t.replace('### Changed\n\n- Something changed.\n', ''),
      '[0.2.0]: the section is empty'
    ],
    ['versions out of order', (t) => t.replace('[0.2.0] -', '[0.0.9] -'), 'newest first'],
    ['a version twice', (t) => t.replace('[0.1.0] -', '[0.2.0] -'), 'a second section for this version'],
    [
      'a missing link',
      (t) => t.replace(/^\[0\.2\.0\]:.*\n/m, ''),
      `add "[0.2.0]: ${REPO}/compare/v0.1.0...v0.2.0"`
    ],
    [
      'a wrong compare link',
      (t) => t.replace('compare/v0.1.0...v0.2.0', 'compare/v0.0.1...v0.2.0'),
      'expected'
    ],
    [
      'a first release compared',
      (t) => t.replace('releases/tag/v0.1.0', 'compare/v0.0.0...v0.1.0'),
      'expected'
    ],
    ['another repository', (t) => t.replaceAll(REPO, 'https://github.com/someone/fork'), 'expected'],
    ['Unreleased not from the newest', (t) => t.replace('v0.2.0...HEAD', 'v0.1.0...HEAD'), '[Unreleased] is'],
    [
      'no Unreleased link',
      (t) => t.replace(/^\[Unreleased\]:.*\n/m, ''),
      'no link reference for [Unreleased]'
    ],
    [
      'a malformed heading',
      (t) => t.replace('## [0.2.0] - 2026-12-20', '## 0.2.0 (2026-12-20)'),
      'is not "##'
    ]
  ])('finds %s', (_, breakIt, message) => {
    const text = breakIt(GOOD)
    expect(text).not.toBe(GOOD)
    expect(changelogProblems(text, REPO).join('\n')).toContain(message)
  })

  it('refuses a version without its section, or one older than the newest', () => {
    expect(releaseChangelogProblems(GOOD, '0.3.0', REPO)).toEqual([
      'no "## [0.3.0] - YYYY-MM-DD" section: move the Unreleased entries into one'
    ])
    expect(releaseChangelogProblems(GOOD, '0.1.0', REPO)).toEqual([
      '[0.1.0] is not the newest version ([0.2.0] is)'
    ])
  })
})

describe('releaseNotes', () => {
  it("is the version's section and its compare link", () => {
    expect(releaseNotes(GOOD, '0.2.0')).toBe(
      `### Changed\n\n- Something changed.\n\n**Full changelog**: ${REPO}/compare/v0.1.0...v0.2.0\n`
    )
  })

  it('refuses a version the changelog does not have', () => {
    expect(() => releaseNotes(GOOD, '9.9.9')).toThrow('no section for 9.9.9')
  })
})

describe('parseReleaseArgs', () => {
  it.each<[string[], object]>([
    [['0.2.0'], { version: '0.2.0', mode: 'release', push: false }],
    [['0.2.0', '--push'], { version: '0.2.0', mode: 'release', push: true }],
    [['--dry-run', '0.2.0'], { version: '0.2.0', mode: 'dry-run', push: false }],
    [['0.2.0', '--notes'], { version: '0.2.0', mode: 'notes', push: false }]
  ])('%j', (argv, args) => {
    expect(parseReleaseArgs(argv)).toEqual(args)
  })

  it.each<[string[], string]>([
    [[], 'exactly one version'],
    [['0.1.0', '0.2.0'], 'exactly one version'],
    [['v0.2.0'], 'not a release version'],
    [['0.2.0-rc.1'], 'not a release version'],
    [['0.2.0', '--dry-run', '--push'], 'exclude each other'],
    [['0.2.0', '--notes', '--dry-run'], 'exclude each other'],
    [['0.2.0', '--force'], "Unknown option '--force'"]
  ])('refuses %j', (argv, message) => {
    const args = parseReleaseArgs(argv)
    expect('error' in args && args.error).toContain(message)
  })

  it('answers --help with the usage alone', () => {
    expect(parseReleaseArgs(['--help'])).toEqual({ error: '' })
  })
})

describe('this repository', () => {
  const changelog = read('CHANGELOG.md')
  const pkg = JSON.parse(read('package.json')) as { version: string; repository: unknown }
  const lock = JSON.parse(read('package-lock.json')) as object
  const repository = repositoryUrl(pkg.repository)

  it('names its GitHub repository in package.json', () => {
    expect(repository).toBe(REPO)
  })

  it('has a CHANGELOG.md that parses, with every link reference right', () => {
    expect(parseChangelog(changelog).sections.length).toBeGreaterThan(1)
    expect(changelogProblems(changelog, repository!)).toEqual([])
  })

  it("has a changelog section for package.json's version, the newest, with release notes", () => {
    expect(releaseChangelogProblems(changelog, pkg.version, repository!)).toEqual([])
    expect(versionProblems(pkg.version, pkg, lock, VERSION)).toEqual([])
    expect(releaseNotes(changelog, pkg.version)).toContain('\n### Added\n')
  })
})
