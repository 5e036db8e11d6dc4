import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { DIST, runDist } from '../helpers/run-dist.js'

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
    const r = await runDist({})
    expect(r.stderr).not.toMatch(/Cannot find module|ERR_|TypeError|SyntaxError/)
    expect(r.code).toBe(1)
    expect(r.stdout.trim().split('\n')).toEqual([
      '::error::MISSING_VARIABLE: Missing client ID: set the `client-id` input or one of the environment variables PANW_MODEL_SEC_CLIENT_ID, PANW_MGMT_CLIENT_ID, MODEL_SECURITY_CLIENT_ID.'
    ])
  })

  it('masks the client secret before anything else and never goes green', async () => {
    const secret = 'input-secret-value-123'
    const r = await runDist({
      'client-id': 'id@1.iam.panserviceaccount.com',
      'client-secret': secret,
      'tsg-id': '1'
    })
    const lines = r.stdout.trim().split('\n')
    expect(lines[0]).toBe(`::add-mask::${secret}`)
    expect(lines.slice(1).join('\n')).not.toContain(secret)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/::error::airs-model-gate: .*no model can be verified/)
  })

  it('reports a bad endpoint input as a configuration error', async () => {
    const r = await runDist({
      'client-id': 'x',
      'client-secret': 'y',
      'tsg-id': '1',
      'data-endpoint': 'http://api.example.com/aims/data'
    })
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(
      /::error::USER_REQUEST_PAYLOAD_ERROR: The data-plane endpoint from data-endpoint uses plain http:\/\//
    )
  })
})
