import { describe, expect, it } from '@jest/globals'
import { ModelSecurityClient } from '../../src/airs/client.js'
import { proxySettings } from '../../src/airs/dispatcher.js'
import { redact } from '../../src/util/redact.js'

const env = {
  PANW_MODEL_SEC_CLIENT_ID: 'id',
  PANW_MODEL_SEC_CLIENT_SECRET: 'secret',
  PANW_MODEL_SEC_TSG_ID: '1'
}

describe('client options', () => {
  it.each([
    [{ timeoutMs: 0 }, /timeoutMs: 0/],
    [{ timeoutMs: Number.NaN }, /timeoutMs: NaN/],
    [{ pageConcurrency: 0 }, /pageConcurrency: 0 \(expected a whole number of at least 1\)/],
    [{ maxItems: 1.5 }, /maxItems/],
    [{ retry: { maxRetries: Number.NaN } }, /retry\.maxRetries: NaN/],
    [{ retry: { maxRetries: -1 } }, /retry\.maxRetries: -1/],
    [{ retry: { baseDelayMs: 0 } }, /retry\.baseDelayMs/]
  ])('rejects %j before any request', (options, message) => {
    expect(() => new ModelSecurityClient({ env, ...options })).toThrow(message)
  })

  it('treats absent values as defaults, and 0 retries as allowed', () => {
    let c: ModelSecurityClient | undefined
    expect(() => {
      c = new ModelSecurityClient({
        env,
        retry: { maxRetries: 0, maxDelayMs: undefined },
        timeoutMs: undefined
      })
    }).not.toThrow()
    void c?.close()
  })
})

describe('proxy settings', () => {
  it('needs a proxy variable, prefers lowercase, and never proxies loopback', () => {
    expect(proxySettings({ NO_PROXY: 'x' })).toBeUndefined()
    expect(proxySettings({ https_proxy: 'http://a:1', HTTPS_PROXY: 'http://b:2' })?.httpsProxy).toBe(
      'http://a:1'
    )
    expect(proxySettings({ HTTP_PROXY: 'http://p:3' })?.noProxy).toBe('localhost,127.0.0.1,[::1]')
  })

  it('lets a bare domain in NO_PROXY cover its subdomains, as curl does; an empty lowercase value does not hide the uppercase one', () => {
    const s = proxySettings({
      HTTPS_PROXY: 'http://p:3',
      no_proxy: '',
      NO_PROXY: 'paloaltonetworks.com, .corp.example,10.0.0.1:8080,*'
    })
    expect(s?.noProxy.split(',')).toEqual([
      'paloaltonetworks.com',
      '.paloaltonetworks.com',
      '.corp.example',
      '10.0.0.1:8080',
      '*',
      'localhost',
      '127.0.0.1',
      '[::1]'
    ])
  })
})

describe('redaction', () => {
  it('replaces every occurrence of secrets of four characters or more', () => {
    expect(redact('token abcd and abcd again; key xyz stays', ['abcd', 'xyz'])).toBe(
      'token *** and *** again; key xyz stays'
    )
  })
})
