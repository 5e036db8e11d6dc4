import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { DIST, runDist } from '../helpers/run-dist.js'
import { startSim } from '../helpers/sim.js'

/** The committed bundle, run as the runner runs it. */

describe('dist/index.js', () => {
  it('is an ES module bundle without missing-module stubs', () => {
    expect(existsSync(DIST)).toBe(true)
    const code = readFileSync(DIST, 'utf8')
    expect(code).not.toMatch(/webpackMissingModule/)
    expect(JSON.parse(readFileSync(new URL('../../dist/package.json', import.meta.url), 'utf8'))).toEqual({
      type: 'module'
    })
  })

  it('loads and fails closed with one clear line when no credentials are configured', async () => {
    const r = await runDist({ 'model-uri': 'https://huggingface.co/openai-community/gpt2' })
    expect(r.stderr).not.toMatch(/Cannot find module|ERR_|TypeError|SyntaxError/)
    expect(r.code).toBe(1)
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error::'))
    expect(errors).toEqual([
      '::error::Model gate failed: Missing client ID: set the `client-id` input or one of the environment variables PANW_MODEL_SEC_CLIENT_ID, PANW_MGMT_CLIENT_ID, MODEL_SECURITY_CLIENT_ID.'
    ])
  })

  it('masks the client secret before anything else and never goes green', async () => {
    const sim = await startSim()
    const secret = 'input-secret-value-123'
    const r = await runDist({
      'model-uri': 'https://huggingface.co/openai-community/gpt2',
      'client-id': sim.credentials.clientId,
      'client-secret': secret,
      'tsg-id': sim.credentials.tsgId,
      'token-endpoint': sim.tokenUrl,
      'api-endpoint': sim.url + '/aims'
    })
    const lines = r.stdout.trim().split('\n')
    expect(lines[0]).toBe(`::add-mask::${secret}`)
    expect(lines.slice(1).join('\n')).not.toContain(secret)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/::error::Model gate failed: The token request was refused with 401/)
  })

  it('reports a bad endpoint input as a configuration error', async () => {
    const r = await runDist({
      'model-uri': 'https://huggingface.co/openai-community/gpt2',
      'client-id': 'x',
      'client-secret': 'y',
      'tsg-id': '1',
      'data-endpoint': 'http://api.example.com/aims/data'
    })
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(
      /::error::Model gate failed: The data-plane endpoint from data-endpoint uses plain http:\/\//
    )
  })
})
