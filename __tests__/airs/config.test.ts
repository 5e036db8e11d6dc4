import { describe, expect, it } from '@jest/globals'
import { DEFAULT_TOKEN_ENDPOINT, resolveConfig, tsgMismatch } from '../../src/airs/config.js'
import { AirsError } from '../../src/airs/airs-error.js'
import { thrown } from '../helpers/throws.js'

const creds = {
  PANW_MODEL_SEC_CLIENT_ID: 'a@1.iam.panserviceaccount.com',
  PANW_MODEL_SEC_CLIENT_SECRET: 'secret-a',
  PANW_MODEL_SEC_TSG_ID: '1'
}

const fails = (f: () => unknown): AirsError => thrown(AirsError, f)

describe('configuration precedence', () => {
  it('uses the documented defaults', () => {
    const c = resolveConfig({ env: creds })
    expect(c.tokenEndpoint.value).toBe(DEFAULT_TOKEN_ENDPOINT)
    expect(c.dataEndpoint.value).toBe('https://api.sase.paloaltonetworks.com/aims/data')
    expect(c.mgmtEndpoint.value).toBe('https://api.sase.paloaltonetworks.com/aims/mgmt')
  })

  it.each([
    [
      'explicit options first',
      { clientId: 'opt' },
      { ...creds, PANW_MGMT_CLIENT_ID: 'mgmt', MODEL_SECURITY_CLIENT_ID: 'py' },
      'opt',
      'client-id'
    ],
    [
      'then PANW_MODEL_SEC_*',
      {},
      { ...creds, PANW_MGMT_CLIENT_ID: 'mgmt', MODEL_SECURITY_CLIENT_ID: 'py' },
      'a@1.iam.panserviceaccount.com',
      'PANW_MODEL_SEC_CLIENT_ID'
    ],
    [
      'then PANW_MGMT_*',
      {},
      {
        PANW_MGMT_CLIENT_ID: 'mgmt',
        MODEL_SECURITY_CLIENT_ID: 'py',
        PANW_MGMT_CLIENT_SECRET: 's',
        TSG_ID: '1'
      },
      'mgmt',
      'PANW_MGMT_CLIENT_ID'
    ],
    [
      'then the Python client family',
      {},
      { MODEL_SECURITY_CLIENT_ID: 'py', MODEL_SECURITY_CLIENT_SECRET: 's', TSG_ID: '1' },
      'py',
      'MODEL_SECURITY_CLIENT_ID'
    ],
    [
      'blank values do not count',
      { clientId: '  ' },
      { ...creds, PANW_MODEL_SEC_CLIENT_ID: '', PANW_MGMT_CLIENT_ID: 'mgmt' },
      'mgmt',
      'PANW_MGMT_CLIENT_ID'
    ]
  ])('client ID: %s', (_, opts, env, value, source) => {
    const c = resolveConfig({ ...opts, env })
    expect(c.clientId).toEqual({ value, source })
  })

  it('token endpoint falls back through PANW_MGMT_TOKEN_ENDPOINT and MODEL_SECURITY_TOKEN_ENDPOINT', () => {
    expect(
      resolveConfig({
        env: {
          ...creds,
          PANW_MGMT_TOKEN_ENDPOINT: 'https://auth.example/t',
          MODEL_SECURITY_TOKEN_ENDPOINT: 'https://py.example/t'
        }
      }).tokenEndpoint.value
    ).toBe('https://auth.example/t')
    expect(
      resolveConfig({ env: { ...creds, MODEL_SECURITY_TOKEN_ENDPOINT: 'https://py.example/t/' } })
        .tokenEndpoint.value
    ).toBe('https://py.example/t')
  })

  it('plane endpoints: explicit > api base or region > PANW_MODEL_SEC_* > MODEL_SECURITY_API_ENDPOINT base; no PANW_MGMT fallback', () => {
    const env = {
      ...creds,
      PANW_MGMT_ENDPOINT: 'https://ignored.example',
      MODEL_SECURITY_API_ENDPOINT: 'https://py.example/aims/'
    }
    expect(resolveConfig({ env }).dataEndpoint.value).toBe('https://py.example/aims/data')
    expect(resolveConfig({ env }).mgmtEndpoint.value).toBe('https://py.example/aims/mgmt')
    const withSdk = { ...env, PANW_MODEL_SEC_DATA_ENDPOINT: 'https://sdk.example/aims/data' }
    expect(resolveConfig({ env: withSdk }).dataEndpoint).toEqual({
      value: 'https://sdk.example/aims/data',
      source: 'PANW_MODEL_SEC_DATA_ENDPOINT'
    })
    // the SDK variable sets only its own plane
    expect(resolveConfig({ env: withSdk }).mgmtEndpoint.value).toBe('https://py.example/aims/mgmt')
    expect(resolveConfig({ env: withSdk, apiEndpoint: 'https://base.example/aims' }).dataEndpoint.value).toBe(
      'https://base.example/aims/data'
    )
    expect(resolveConfig({ env: withSdk, region: 'EU' }).mgmtEndpoint).toEqual({
      value: 'https://api.eu.sase.paloaltonetworks.com/aims/mgmt',
      source: 'region eu'
    })
    expect(
      resolveConfig({ env: withSdk, region: 'eu', dataEndpoint: 'https://x.example/d' }).dataEndpoint.value
    ).toBe('https://x.example/d')
  })
})

describe('bad configuration gets one clear line before any request', () => {
  it.each([
    [
      {},
      'MISSING_VARIABLE',
      /Missing client ID: set the `client-id` input or one of the environment variables PANW_MODEL_SEC_CLIENT_ID, PANW_MGMT_CLIENT_ID, MODEL_SECURITY_CLIENT_ID\./
    ],
    [
      { PANW_MODEL_SEC_CLIENT_ID: 'x' },
      'MISSING_VARIABLE',
      /Missing client secret: set the `client-secret` input/
    ],
    [
      { PANW_MODEL_SEC_CLIENT_ID: 'x', PANW_MODEL_SEC_CLIENT_SECRET: 'y' },
      'MISSING_VARIABLE',
      /Missing TSG ID: .*TSG_ID\./
    ],
    [
      { ...creds, PANW_MODEL_SEC_TSG_ID: '12 34' },
      'USER_REQUEST_PAYLOAD_ERROR',
      /TSG ID from PANW_MODEL_SEC_TSG_ID is not a tenant service group ID/
    ],
    [
      { ...creds, PANW_MODEL_SEC_DATA_ENDPOINT: 'api.example.com/aims/data' },
      'USER_REQUEST_PAYLOAD_ERROR',
      /data-plane endpoint from PANW_MODEL_SEC_DATA_ENDPOINT is not a valid URL/
    ],
    [
      { ...creds, PANW_MODEL_SEC_DATA_ENDPOINT: 'ftp://api.example.com/aims/data' },
      'USER_REQUEST_PAYLOAD_ERROR',
      /must be an https:\/\/ URL, not ftp:/
    ],
    [
      { ...creds, PANW_MODEL_SEC_MGMT_ENDPOINT: 'http://api.example.com/aims/mgmt' },
      'USER_REQUEST_PAYLOAD_ERROR',
      /uses plain http:\/\/; credentials and tokens would travel unencrypted/
    ],
    [
      { ...creds, PANW_MODEL_SEC_TOKEN_ENDPOINT: 'https://user:pw@auth.example/t' },
      'USER_REQUEST_PAYLOAD_ERROR',
      /must not embed credentials/
    ],
    [
      { ...creds, MODEL_SECURITY_API_ENDPOINT: 'https://api.example/aims?x=1' },
      'USER_REQUEST_PAYLOAD_ERROR',
      /must not carry a query string/
    ]
  ])('%j → %s', (env, kind, message) => {
    const e = fails(() => resolveConfig({ env }))
    expect(e.kind).toBe(kind)
    expect(e.message).toMatch(message)
    expect(e.message).not.toMatch(/\n/)
  })

  it('rejects an unknown region, naming the known ones', () => {
    expect(fails(() => resolveConfig({ env: creds, region: 'mars' })).message).toBe(
      'Unknown region "mars": use one of us, eu, or set the API endpoint explicitly.'
    )
  })

  it('allows plain http only on loopback, unless explicitly opted in', () => {
    expect(
      resolveConfig({ env: { ...creds, PANW_MODEL_SEC_DATA_ENDPOINT: 'http://127.0.0.1:8080/aims/data' } })
        .dataEndpoint.value
    ).toBe('http://127.0.0.1:8080/aims/data')
    expect(
      resolveConfig({ env: { ...creds, PANW_MODEL_SEC_DATA_ENDPOINT: 'http://localhost:1/aims/data' } })
        .dataEndpoint.value
    ).toBe('http://localhost:1/aims/data')
    expect(
      resolveConfig({
        env: { ...creds, PANW_MODEL_SEC_DATA_ENDPOINT: 'http://sim.test/aims/data' },
        allowInsecureHttp: true
      }).dataEndpoint.value
    ).toBe('http://sim.test/aims/data')
  })

  it('never puts the secret in a message', () => {
    const e = fails(() => resolveConfig({ env: { ...creds, PANW_MODEL_SEC_TSG_ID: 'secret-a?' } }))
    expect(e.message).not.toContain('secret-a')
  })
})

describe('TSG cross-check', () => {
  it('warns when the client ID names another tenant than the TSG ID', () => {
    expect(tsgMismatch(resolveConfig({ env: { ...creds, PANW_MODEL_SEC_TSG_ID: '2' } }))).toMatch(
      /belongs to TSG 1 but the TSG ID is 2/
    )
    expect(tsgMismatch(resolveConfig({ env: creds }))).toBeUndefined()
    expect(
      tsgMismatch(resolveConfig({ env: { ...creds, PANW_MODEL_SEC_CLIENT_ID: 'plain-id' } }))
    ).toBeUndefined()
  })
})
