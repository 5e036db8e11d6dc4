import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { Agent } from 'undici'
import { hubEndpoint, hubResolver } from '../../src/gate/hub-revision.js'
import { parseModelUri } from '../../src/gate/model-source.js'
import { GateError } from '../../src/util/gate-error.js'
import { startFakeHub, type FakeHub } from '../helpers/fake-hub.js'

/** Pinning Hugging Face revisions to commits through a stand-in of the Hub's API, over real HTTP. */

let hub: FakeHub
const dispatcher = new Agent()
const MAIN = 'a'.repeat(40)
const TAG = 'b'.repeat(40)
const GATED = 'c'.repeat(40)
const secrets: string[] = []
const slept: number[] = []

beforeAll(async () => {
  hub = await startFakeHub()
  hub.refs.set(
    'org/model',
    new Map([
      ['main', MAIN],
      ['v1.0', TAG]
    ])
  )
  hub.refs.set('org/gated', new Map([['main', GATED]]))
  hub.gated.set('org/gated', 'hf_secret')
})
afterAll(async () => {
  await hub.close()
  await dispatcher.close()
})

const model = (uri: string) => parseModelUri(uri, { workspace: '/nonexistent' })
const resolver = (env: Record<string, string> = {}) =>
  hubResolver({
    env: { HF_ENDPOINT: hub.url, ...env },
    dispatcher,
    onSecret: (s) => void secrets.push(s),
    sleep: async (ms) => void slept.push(ms)
  })
const signal = () => AbortSignal.timeout(10_000)
async function failure(p: Promise<unknown>): Promise<GateError> {
  try {
    await p
  } catch (e) {
    if (e instanceof GateError) return e
    throw e
  }
  throw new Error('resolved')
}

describe('hubResolver', () => {
  it('resolves the default branch, a branch and a tag to their commits', async () => {
    const r = resolver()
    expect(await r.resolve(model('https://huggingface.co/org/model'), undefined, signal())).toBe(MAIN)
    expect(await r.resolve(model('https://huggingface.co/org/model'), 'main', signal())).toBe(MAIN)
    expect(await r.resolve(model('https://huggingface.co/org/model'), 'v1.0', signal())).toBe(TAG)
    expect(hub.requests).toContain('GET /api/models/org/model/revision/v1.0')
  })

  it('follows a branch that moved: the commit of now, not of before', async () => {
    const r = resolver()
    const moved = 'd'.repeat(40)
    hub.refs.get('org/model')!.set('dev', 'e'.repeat(40))
    expect(await r.resolve(model('https://huggingface.co/org/model'), 'dev', signal())).toBe('e'.repeat(40))
    hub.refs.get('org/model')!.set('dev', moved)
    expect(await r.resolve(model('https://huggingface.co/org/model'), 'dev', signal())).toBe(moved)
  })

  it('asks nothing for a full commit', async () => {
    const before = hub.requests.length
    expect(await resolver().resolve(model('https://huggingface.co/org/model'), TAG, signal())).toBe(TAG)
    expect(hub.requests.length).toBe(before)
  })

  it('reads a gated model with HF_TOKEN, masked; refuses it without', async () => {
    const gated = model('https://huggingface.co/org/gated')
    expect(await resolver({ HF_TOKEN: 'hf_secret' }).resolve(gated, undefined, signal())).toBe(GATED)
    expect(secrets).toContain('hf_secret')
    const e = await failure(resolver().resolve(gated, undefined, signal()))
    expect(e.code).toBe('REVISION_UNRESOLVED')
    expect(e.message).toMatch(/refused access \(401\).*HF_TOKEN/)
  })

  it('fails closed, naming the model, on an unknown model or revision and on a bad answer', async () => {
    const e = await failure(resolver().resolve(model('https://huggingface.co/org/model'), 'nope', signal()))
    expect(e.code).toBe('REVISION_UNRESOLVED')
    expect(e.message).toMatch(/^org\/model@nope could not be pinned to a commit: the Hub knows no such/)
    const gone = await failure(
      resolver().resolve(model('https://huggingface.co/org/gone'), undefined, signal())
    )
    expect(gone.code).toBe('REVISION_UNRESOLVED')
  })

  it('tries once more after a 5xx or 429, then gives up', async () => {
    slept.length = 0
    hub.failNext.push(503)
    expect(await resolver().resolve(model('https://huggingface.co/org/model'), undefined, signal())).toBe(
      MAIN
    )
    expect(slept).toHaveLength(1)
    hub.failNext.push(429, 500)
    const e = await failure(
      resolver().resolve(model('https://huggingface.co/org/model'), undefined, signal())
    )
    expect(e.message).toMatch(/answered 500/)
  })
})

describe('hubEndpoint', () => {
  it('is huggingface.co by default; a mirror must be https, http only on loopback, without credentials', () => {
    expect(hubEndpoint({})).toBe('https://huggingface.co')
    expect(hubEndpoint({ HF_ENDPOINT: 'https://hf-mirror.example/' })).toBe('https://hf-mirror.example')
    expect(hubEndpoint({ HF_ENDPOINT: 'http://127.0.0.1:8080' })).toBe('http://127.0.0.1:8080')
    for (const bad of ['http://hf-mirror.example', 'https://u:p@hf.example', 'not a url'])
      expect(() => hubEndpoint({ HF_ENDPOINT: bad })).toThrow(/Invalid input HF_ENDPOINT/)
  })
})
