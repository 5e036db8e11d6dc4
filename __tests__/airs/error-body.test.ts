import { describe, expect, it } from '@jest/globals'
import { parseServiceError } from '../../src/airs/error-body.js'
import { contractFailure, httpFailure, networkFailure } from '../../src/airs/http-failure.js'
import { NetworkError } from '../../src/airs/http.js'

describe('reading error bodies of every shape', () => {
  it.each([
    [
      'documented',
      '{"code":"BAD_REQUEST","message":"Security group source type mismatch","details":{}}',
      { code: 'BAD_REQUEST', message: 'Security group source type mismatch' }
    ],
    [
      'FastAPI 422',
      '{"detail":[{"type":"string_pattern_mismatch","loc":["body","labels",0,"value"],"msg":"String should match pattern \'^[a-zA-Z0-9_-]+$\'"},{"type":"missing","loc":["body","model_uri"],"msg":"Field required"}]}',
      {
        message:
          "body.labels[0].value: String should match pattern '^[a-zA-Z0-9_-]+$'; body.model_uri: Field required"
      }
    ],
    ['FastAPI string detail', '{"detail":"Not Found"}', { message: 'Not Found' }],
    [
      'OAuth',
      '{"error_description":"Client authentication failed","error":"invalid_client"}',
      { code: 'invalid_client', message: 'Client authentication failed' }
    ],
    ['nested error', '{"error":{"message":"quota exceeded"}}', { message: 'quota exceeded' }],
    ['error_message', '{"error_message":"bad thing"}', { message: 'bad thing' }],
    ['SCM OPA denial', '{"msg":"denied by policy"}', { message: 'denied by policy' }],
    [
      'HTML from a proxy',
      '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
      { message: '502 Bad Gateway' }
    ],
    ['plain text', 'upstream connect error', { message: 'upstream connect error' }],
    ['empty', '', {}],
    ['JSON string', '"oops"', { message: 'oops' }],
    [
      'AIRS retry hint',
      '{"message":"slow down","retry_after":{"interval":2,"unit":"minutes"}}',
      { message: 'slow down', retryAfterMs: 120_000 }
    ]
  ])('%s', (_, body, expected) => {
    expect(parseServiceError(body)).toEqual(expected)
  })

  it('summarises long validation lists', () => {
    const detail = Array.from({ length: 8 }, (_, i) => ({ loc: ['query', `p${i}`], msg: 'bad' }))
    expect(parseServiceError(JSON.stringify({ detail })).message).toMatch(/query\.p4: bad \(and 3 more\)$/)
  })

  it('strips control characters and bounds the length of hostile text', () => {
    const said = (message: string) => parseServiceError(JSON.stringify({ message })).message
    expect(said('a\u0000b\nc\u001b[31md\u2028e\u200bf')).toBe('ab c[31md ef')
    expect(said('x'.repeat(1000))).toHaveLength(400)
    expect(
      parseServiceError(`{"message":"${'y'.repeat(5000)}::error::x"}`).message!.length
    ).toBeLessThanOrEqual(400)
  })

  it('redacts secrets from the raw body, before the text is cut or cleaned', () => {
    const secret = 'S3cr3t-0123456789abcdef'
    // straddling the 400-character cut, split by a zero-width space, and percent-encoded
    const cut = parseServiceError(JSON.stringify({ message: `${'y'.repeat(390)}${secret}` }), [secret])
    const split = parseServiceError(
      JSON.stringify({ message: `key ${secret.slice(0, 6)}\u200b${secret.slice(6)}` }),
      [secret]
    )
    const encoded = parseServiceError(`<title>bad ${encodeURIComponent('a b/' + secret)}</title>`, [
      'a b/' + secret
    ])
    for (const r of [cut, split, encoded]) {
      expect(r.message).not.toContain(secret.slice(0, 6))
      expect(r.message).toContain('***')
    }
  })
})

describe('wording of failures', () => {
  const ctx = { endpoint: 'GET /aims/data/v1/scans/{uuid}', tsgId: '123', attempts: 1, requestId: 'req-1' }
  it.each([
    [
      400,
      { message: 'Security group source type mismatch' },
      'CLIENT_SIDE_ERROR',
      /must match the model's source/
    ],
    [400, { message: 'Max scan labels exceeded' }, 'CLIENT_SIDE_ERROR', /at most 50 labels/],
    [401, {}, 'OAUTH_ERROR', /belongs to TSG 123/],
    [403, {}, 'CLIENT_SIDE_ERROR', /ai_ms\.scans API permission/],
    [404, { message: 'Scan not found' }, 'CLIENT_SIDE_ERROR', /does not exist in TSG 123 .*check the UUID/],
    [405, {}, 'CLIENT_SIDE_ERROR', /not swapped/],
    [409, {}, 'CLIENT_SIDE_ERROR', /PENDING/],
    [
      422,
      { message: 'body.labels[0].value: bad' },
      'USER_REQUEST_PAYLOAD_ERROR',
      /body\.labels\[0\]\.value: bad/
    ],
    [429, {}, 'SERVER_SIDE_ERROR', /rate limiting/],
    [503, {}, 'SERVER_SIDE_ERROR', /request id req-1/]
  ])('%i', (status, service, kind, message) => {
    const e = httpFailure(status, service, ctx)
    expect(e.kind).toBe(kind)
    expect(e.message).toMatch(message)
    expect(e.message.startsWith(`GET /aims/data/v1/scans/{uuid} returned ${status}`)).toBe(true)
    expect(e).toMatchObject({ status, endpoint: ctx.endpoint, requestId: 'req-1' })
  })

  it('names the permission per API area', () => {
    expect(httpFailure(403, {}, { ...ctx, endpoint: 'GET /aims/mgmt/v1/security-groups' }).message).toMatch(
      /ai_ms\.security_groups/
    )
    expect(httpFailure(403, {}, { ...ctx, endpoint: 'GET /aims/mgmt/v1/pypi/authenticate' }).message).toMatch(
      /ai_ms_pypi_auth/
    )
  })

  it('tells a wrong endpoint from a missing resource', () => {
    expect(httpFailure(404, {}, { ...ctx, endpoint: 'GET /aims/data/v1/scans' }).message).toMatch(
      /endpoint was not found/
    )
  })

  it('words network failures and contract breaks', () => {
    expect(
      networkFailure(
        new NetworkError('connection', 'connection failed (ECONNREFUSED)', false, 'ECONNREFUSED'),
        { ...ctx, attempts: 6 }
      ).message
    ).toMatch(
      /^Could not reach GET \/aims\/data\/v1\/scans\/\{uuid\} after 6 attempts: connection failed \(ECONNREFUSED\)\. Check network access.*NODE_EXTRA_CA_CERTS/
    )
    expect(networkFailure(new NetworkError('timeout', 'no response within 50 ms', true), ctx).reason).toBe(
      'TIMEOUT'
    )
    const c = contractFailure(ctx, 'eval_outcome: Invalid input')
    expect([c.kind, c.reason]).toEqual(['SERVER_SIDE_ERROR', 'CONTRACT_VIOLATION'])
    expect(c.message).toMatch(/breaks the API contract: eval_outcome/)
  })
})
