import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { parseServiceError } from '../../src/airs/error-body.js'
import { githubClient } from '../../src/github/octokit.js'
import { upsertComment, commentMarker } from '../../src/github/sticky-comment.js'
import { outputTail, Secrets } from '../../src/scanner/scanner-error.js'
import { tail } from '../../src/scanner/process.js'
import { redact } from '../../src/util/redact.js'
import { plainText } from '../../src/util/text.js'
import type { Simulator } from '../../sim/server.js'
import { ACTIONS_BOT, startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js'
import { runAction } from '../helpers/run-dist.js'
import { startSim } from '../helpers/sim.js'

/**
 * Attack class: a secret that survives redaction. A server (or a tool) echoes a secret back in an error; the gate
 * must never show any of it. It used to cut and clean the text before redacting, so a secret straddling the cut
 * leaked its prefix, and one split by a zero-width character was joined by the cleaning after the redaction had
 * looked for it. Generated: secrets × where they sit (at every offset around each cut) × how they are disguised
 * (invisible characters at every position, percent-, form- and JSON-encoding) × every channel that carries
 * untrusted text: service error bodies, GitHub's answers, a tool's output, and the bundled action end to end.
 */

/** What a reader would take from `text`: invisible characters do not count. */
const seen = (text: string) => text.replace(/[\p{Cf}\u034f]|\p{Variation_Selector}/gu, '')

/** Some 8-character piece of the secret shows. */
const leaks = (text: string, secret: string) => {
  const t = seen(text)
  for (let i = 0; i + 8 <= secret.length; i++)
    if (t.includes(secret.slice(i, i + 8))) return secret.slice(i, i + 8)
  return undefined
}

const INVISIBLES = [
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u00ad',
  '\u202e',
  '\u034f',
  '\ufe0f',
  '\u0000',
  '\u001b'
]

/** A secret as a server might echo it. */
function disguises(secret: string): string[] {
  const out = [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    secret.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`),
    secret.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;'),
    // one letter, or every one, as a character reference
    secret.replace(/[A-Za-z]/, (c) => `&#${c.charCodeAt(0)};`),
    [...secret].map((c) => `&#x${c.codePointAt(0)!.toString(16)};`).join(''),
    secret.toUpperCase(),
    secret.toLowerCase(),
    [...secret].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join('')
  ]
  for (const ch of INVISIBLES)
    for (const at of [1, 4, secret.length >> 1, secret.length - 1])
      out.push(secret.slice(0, at) + ch + secret.slice(at))
  out.push([...secret].join('\u200b'))
  return out
}

const SECRETS = [
  's3cr3t-CLIENT-value-0123456789',
  'a/b+c=d&e f%g"h\\i',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl'
]

describe('redact: nothing of a secret survives, wherever it sits and however it is dressed', () => {
  it('service error bodies: every disguise at every offset around the 400- and 200-character cuts', () => {
    let cases = 0
    for (const secret of SECRETS)
      for (const d of disguises(secret))
        for (let offset = 380; offset <= 410; offset += 3) {
          const pad = 'y'.repeat(offset)
          const bodies = [
            JSON.stringify({ message: `${pad}${d} tail` }),
            JSON.stringify({ detail: [{ loc: ['body', 'x'], msg: `${pad}${d}` }] }),
            `<html><title>${pad.slice(0, offset - 200)}${d}</title></html>`,
            `${pad}${d}`
          ]
          for (const body of bodies) {
            const said = parseServiceError(body, [secret])
            expect(leaks(`${said.message ?? ''} ${said.code ?? ''}`, secret)).toBeUndefined()
            cases++
          }
        }
    expect(cases).toBeGreaterThan(1000)
  })

  it('a tool’s output: every disguise, cut into lines and tails', () => {
    for (const secret of SECRETS) {
      const s = new Secrets(() => {})
      s.add(secret)
      for (const d of disguises(secret)) {
        const text = `pip: downloading from https://x/${d}\n${'z'.repeat(390)}${d}\nERROR ${d}`
        expect(leaks(outputTail(text, s), secret)).toBeUndefined()
        expect(leaks(plainText(s.redact(text), 400), secret)).toBeUndefined()
      }
    }
  })

  it('a child process’s stream kept to its last MiB: a secret at the cut never shows a piece', () => {
    const MiB = 1024 * 1024
    for (const secret of SECRETS) {
      const s = new Secrets(() => {})
      s.add(secret)
      for (let inside = 1; inside < secret.length; inside += 3) {
        // the last MiB starts `inside` characters into the secret
        const end = '\nthe last line\n'
        const after = `XYZ${'y'.repeat(MiB - (secret.length - inside) - 3 - end.length)}${end}`
        const text = `${'x'.repeat(1000)}\n${'z'.repeat(50)}${secret}${after}`
        expect(text.slice(-MiB).startsWith(secret.slice(secret.length - (secret.length - inside)))).toBe(true)
        const kept = tail(text)
        expect(kept.length).toBeLessThanOrEqual(MiB)
        expect(leaks(outputTail(kept, s), secret)).toBeUndefined()
        expect(leaks(s.redact(kept), secret)).toBeUndefined()
      }
    }
  })

  it('random text around random secrets, then any cut and cleaning after redaction', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 8, maxLength: 40 }).filter((x) => x.trim().length >= 8 && seen(x) === x),
        fc.string({ maxLength: 500 }),
        fc.string({ maxLength: 50 }),
        fc.nat({ max: 600 }),
        fc.constantFrom(...INVISIBLES),
        fc.nat({ max: 40 }),
        (secret, before, after, cut, invisible, at) => {
          // the text around may not hold a piece of the secret by chance (that piece is not the secret's)
          fc.pre(
            leaks(before + after, secret) === undefined &&
              leaks(before.slice(-8) + after.slice(0, 8), secret) === undefined
          )
          const split = secret.slice(0, at) + invisible + secret.slice(at)
          const out = plainText(redact(`${before}${split}${after}`, [secret]), cut + 10)
          expect(leaks(out, secret)).toBeUndefined()
        }
      ),
      { numRuns: 2000 }
    )
  })
})

describe("GitHub's answers", () => {
  let gh: FakeGitHub
  beforeAll(async () => {
    gh = await startFakeGitHub({ tokens: { ghs_secret_token_value_0123456789abcdef: ACTIONS_BOT } })
  })
  afterAll(() => gh.close())

  it.each(disguises('ghs_secret_token_value_0123456789abcdef'))(
    'a 422 echoing the token as %j',
    async (d) => {
      gh.clearFaults()
      gh.fail('POST /repos/:owner/:repo/issues/:number/comments', {
        status: 422,
        body: { message: `${'v'.repeat(190)}${d} was invalid`, errors: [{ message: `token ${d}` }] }
      })
      const client = await githubClient(
        'ghs_secret_token_value_0123456789abcdef',
        { GITHUB_API_URL: gh.url },
        { retries: 0, retryAfterBaseValue: 0 }
      )
      const r = await upsertComment(client, {
        target: { owner: 'o', repo: 'r', number: 1, fork: false },
        marker: commentMarker({ workflow: 'w', job: 'j', tag: '' }),
        body: 'report',
        create: true
      })
      expect(r.action).toBe('failed')
      expect(leaks(JSON.stringify(r), 'ghs_secret_token_value_0123456789abcdef')).toBeUndefined()
    }
  )
})

describe('the bundled action', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await startSim()
  })

  it.each([
    ['straddling the cut', (s: string) => `${'q'.repeat(392)}${s}`],
    ['split by a zero-width space', (s: string) => `bad key ${s.slice(0, 9)}\u200b${s.slice(9)}`],
    ['percent-encoded', (s: string) => `bad key ${encodeURIComponent(s)}`]
  ])('a service error echoing the client secret %s shows none of it anywhere', async (_, dress) => {
    const secret = sim.credentials.clientSecret
    sim.faults.clear()
    sim.faults.add({
      method: 'POST',
      path: '/aims/data/v1/scans',
      times: null,
      action: {
        type: 'status',
        status: 400,
        body: { code: 'INVALID_REQUEST', message: dress(secret), details: {} }
      }
    })
    try {
      const r = await runAction({ 'model-uri': 'https://huggingface.co/airs-sim/clean-model' }, sim.env())
      expect(r.code).toBe(1)
      expect(r.stdout).toContain('***')
      const shown = [
        r.stdout
          .split('\n')
          .filter((l) => !l.startsWith('::add-mask::'))
          .join('\n'),
        r.stderr,
        r.summary,
        JSON.stringify(r.report),
        JSON.stringify(r.sarif)
      ]
      for (const text of shown) expect(leaks(text, secret)).toBeUndefined()
    } finally {
      sim.faults.clear()
    }
  })
})
