import { describe, expect, it } from '@jest/globals'
import { createRequire } from 'node:module'
import * as undici from 'undici'
import { Agent, EnvHttpProxyAgent } from '../../src/airs/undici-parts.js'

/**
 * undici-parts.ts imports undici's modules by path to keep its index (fetch, WebSocket, …) off the cold start.
 * These are internals: an upgrade may move them. Then these checks fail here, before a release.
 */

const require = createRequire(import.meta.url)

describe('undici by path', () => {
  it('gives the very classes the index exports', () => {
    expect(Agent).toBe(undici.Agent)
    expect(EnvHttpProxyAgent).toBe(undici.EnvHttpProxyAgent)
  })

  // whether the proxy agent finds it there is proxy.test.ts's to show (it fails without it)
  it('installs the request API the index installs on Dispatcher', () => {
    const api = require('undici/lib/api/index.js') as Record<string, unknown>
    expect(Object.keys(api).sort()).toEqual(['connect', 'pipeline', 'request', 'stream', 'upgrade'])
    for (const [name, fn] of Object.entries(api)) {
      expect((undici.Dispatcher.prototype as unknown as Record<string, unknown>)[name]).toBe(fn)
    }
  })

  it('is the major version these paths were checked against', () => {
    const { version } = require('undici/package.json') as { version: string }
    expect(version.split('.')[0]).toBe('6')
  })
})
