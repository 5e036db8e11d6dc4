import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { DIST } from '../helpers/run-dist.js'

/**
 * dist/index.js is what node parses before the action's first request (docs/architecture.md, "Cold start").
 * Its source map names every module bundled into it; the libraries the first request must not wait for are
 * loaded from chunks, after.
 */

function entryModules(file: string): string[] {
  const map = JSON.parse(readFileSync(file, 'utf8')) as { sources: string[] }
  return map.sources.map((s) => s.replace(/^webpack:\/\/[^/]*\//, ''))
}

const KEPT_OUT: ReadonlyArray<[string, RegExp]> = [
  ['zod (the API schemas load while the token exchange is in flight)', /node_modules\/zod\//],
  [
    "undici's index (fetch, WebSocket, …; the dispatcher is imported by path)",
    /node_modules\/undici\/index\.js$/
  ],
  ['@actions/core (its OIDC client loads all of undici)', /node_modules\/@actions\/core\//],
  ['@actions/github and Octokit', /node_modules\/@(actions\/github|octokit)\//],
  ['the built-in engine', /src\/engine\//],
  ['the scanner on the runner', /src\/scanner\/(?!scanner-version|requirements|scanner-error)/],
  ['the renderers', /src\/report\/(view|markdown|sarif|guidance)/],
  ['YAML', /node_modules\/yaml\//],
  [
    '@actions/artifact and its Azure client (an upload is the last thing a run does)',
    /node_modules\/@(actions\/artifact|azure)\//
  ]
]

describe('the entry chunk', () => {
  const modules = entryModules(`${DIST}.map`)

  it('bundles what the first request needs', () => {
    for (const needed of [
      'src/inputs.ts',
      'src/airs/session.ts',
      'src/airs/oauth.ts',
      'undici/lib/dispatcher/agent.js'
    ]) {
      expect(modules.some((m) => m.endsWith(needed))).toBe(true)
    }
  })

  it.each(KEPT_OUT)('keeps out %s', (_what, pattern) => {
    expect(modules.filter((m) => pattern.test(m))).toEqual([])
  })
})
