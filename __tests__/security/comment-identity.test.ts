import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  commentMarker,
  upsertComment,
  withMarker,
  type CommentResult
} from '../../src/github/sticky-comment.js'
import { githubClient } from '../../src/github/octokit.js'
import type { Simulator } from '../../sim/server.js'
import {
  ACTIONS_BOT,
  ACTIONS_TOKEN,
  startFakeGitHub,
  type FakeGitHub,
  type Identity
} from '../helpers/fake-github.js'
import { runAction } from '../helpers/run-dist.js'
import { startSim } from '../helpers/sim.js'

/**
 * Attack class: sticky-comment hijack. The marker that identifies the gate's comment is public; anyone who can
 * make a comment end with it (the pull request's author through a bot that echoes the PR body, a human pasting
 * it, another app) must never have that comment edited, or have ours left stale. Only the token's own account
 * (matched by login and numeric ID) owns comments. Generated: every token kind × every impostor × every way a
 * body can end with the marker, over two runs.
 */

const MARKER = commentMarker({ workflow: 'CI', job: 'gate', tag: 'matrix' })

/** The accounts the gate may post as, and their tokens. */
const OWNERS: Record<string, Identity> = {
  ghs_actions_token_0000000000000000000000: ACTIONS_BOT,
  ghs_app_token_000000000000000000000000000: {
    login: 'model-gate-app[bot]',
    id: 150_001,
    type: 'Bot',
    user: false,
    write: true
  },
  ghp_user_token_00000000000000000000000000: {
    login: 'release-bot-user',
    id: 7_001,
    type: 'User',
    user: true,
    write: true
  }
}

/** Accounts that are not the owner, however close their name: other bots, users, a same-named account. */
function impostors(owner: Identity): Identity[] {
  const bot = (login: string, id: number): Identity => ({ login, id, type: 'Bot', user: false, write: true })
  const user = (login: string, id: number): Identity => ({ login, id, type: 'User', user: true, write: true })
  return [
    bot('welcome[bot]', 38_481),
    bot('dependabot[bot]', 49_699_333),
    bot(owner.login === ACTIONS_BOT.login ? 'model-gate-app[bot]' : ACTIONS_BOT.login, 41_898_283),
    user(owner.login.replace(/\[bot\]$/, ''), 9_001),
    user('attacker', 9_002),
    // the same login with another account ID (a renamed and re-registered name)
    { ...owner, id: owner.id + 1 }
  ]
}

/** Bodies that end with the marker as the gate writes it, or close enough to fool a loose check. */
const BODIES = [
  (m: string) => withMarker('Model gate: pass', m),
  (m: string) => `${m}`,
  (m: string) => `Welcome! You wrote:\n\n${m}`,
  (m: string) => `${withMarker('pass', m)}\n\n  \n`,
  (m: string) => `> quoted\n${m}${m}`
]

let gh: FakeGitHub

beforeAll(async () => {
  gh = await startFakeGitHub({ tokens: OWNERS })
})
afterAll(async () => {
  await gh.close()
})

/** The client as the action builds it, with waits that cost no time. */
const client = (token: string) => githubClient(token, { GITHUB_API_URL: gh.url }, { retryAfterBaseValue: 0 })

const posted = (r: CommentResult) => {
  if ('reason' in r) throw new Error(`${r.action}: ${r.reason}`)
  return r
}

describe.each(Object.entries(OWNERS))('posting with %s', (token, owner) => {
  it('never edits a comment of another account, whatever it ends with, and keeps one comment of its own', async () => {
    const number = 100 + Object.keys(OWNERS).indexOf(token)
    const target = { owner: 'acme', repo: 'models', number, fork: false }
    const planted = impostors(owner).flatMap((who) =>
      BODIES.map((body) => {
        const text = body(MARKER)
        return { comment: gh.seed('acme', 'models', number, text, who), text }
      })
    )
    const run = async (body: string) =>
      upsertComment(await client(token), { target, marker: MARKER, body, create: true })

    const first = posted(await run('report 1'))
    const second = posted(await run('report 2'))
    expect(first.action).toBe('created')
    expect(second).toMatchObject({ action: 'updated', id: first.id })

    for (const p of planted) expect(p.comment.body).toBe(p.text)
    const mine = gh
      .comments('acme', 'models', number)
      .filter((c) => c.user?.login === owner.login && c.user.id === owner.id)
    expect(mine.map((c) => c.body)).toEqual([withMarker('report 2', MARKER)])
  })
})

describe('a later comment of the same account cannot take the updates over', () => {
  it('keeps updating the first one, the comment people already read', async () => {
    const [token, owner] = Object.entries(OWNERS)[0]!
    const target = { owner: 'acme', repo: 'models', number: 200, fork: false }
    const run = async (body: string) =>
      upsertComment(await client(token), { target, marker: MARKER, body, create: true })
    const first = posted(await run('report 1'))
    // another workflow under the same GITHUB_TOKEN account echoes text ending with the marker
    const echo = gh.seed('acme', 'models', 200, withMarker('echoed: all clear', MARKER), owner)
    expect(posted(await run('report 2: BLOCKED'))).toMatchObject({ action: 'updated', id: first.id })
    expect(echo.body).toBe(withMarker('echoed: all clear', MARKER))
  })
})

describe('through the bundled action, with GITHUB_TOKEN', () => {
  let sim: Simulator
  let github: FakeGitHub
  let workspace: string

  beforeAll(async () => {
    sim = await startSim()
    github = await startFakeGitHub()
    workspace = mkdtempSync(join(tmpdir(), 'airs-comment-ws-'))
  })
  afterAll(async () => {
    await github.close()
    rmSync(workspace, { recursive: true, force: true })
  })

  it('a welcome bot’s echo that ends with the marker is left alone; the gate posts and updates its own', async () => {
    const repo = { full_name: 'octo-org/models', name: 'models', owner: { login: 'octo-org' } }
    const eventPath = join(workspace, 'event.json')
    writeFileSync(
      eventPath,
      JSON.stringify({
        number: 9,
        repository: repo,
        pull_request: { number: 9, head: { repo }, base: { repo } }
      })
    )
    const marker = commentMarker({ workflow: 'Model gate', job: 'gate', tag: '' })
    const echo = github.seed('octo-org', 'models', 9, `Thanks! You wrote:\n\n${marker}`, {
      login: 'welcome[bot]',
      id: 38_481,
      type: 'Bot',
      user: false,
      write: true
    })
    const env = {
      ...sim.env(),
      GITHUB_ACTIONS: 'true',
      GITHUB_REPOSITORY: 'octo-org/models',
      GITHUB_WORKFLOW: 'Model gate',
      GITHUB_JOB: 'gate',
      GITHUB_API_URL: github.url,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_WORKSPACE: workspace
    }
    const inputs = {
      'model-uri': 'https://huggingface.co/airs-sim/clean-model',
      comment: 'always',
      'github-token': ACTIONS_TOKEN
    }
    for (let run = 0; run < 2; run++) expect((await runAction(inputs, env)).code).toBe(0)
    expect(echo.body).toBe(`Thanks! You wrote:\n\n${marker}`)
    const ours = github.comments('octo-org', 'models', 9).filter((c) => c.user?.login === ACTIONS_BOT.login)
    expect(ours).toHaveLength(1)
    expect(ours[0]!.body.endsWith(marker)).toBe(true)
  })
})
