import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { ModelSecurityClient } from '../../src/airs/client.js'
import { AirsError } from '../../src/airs/airs-error.js'
import type { Simulator } from '../../sim/server.js'
import { clientFor, requests, startSim } from '../helpers/sim.js'
import { DIALOGPT_SCAN, HF_GROUP } from '../helpers/ids.js'

/** Bad arguments are the caller's mistake: one clear error naming the method and field, and no request at all. */

let sim: Simulator
let client: ModelSecurityClient

beforeAll(async () => {
  sim = await startSim()
  client = clientFor(sim)
})
afterAll(() => client.close())

const labels = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: 'v' }))

const cases: Array<[string, (c: ModelSecurityClient) => Promise<unknown>, RegExp]> = [
  [
    'scans.get with a non-UUID',
    (c) => c.scans.get('DialoGPT'),
    /^Invalid scan UUID passed to scans\.get: "DialoGPT" is not a UUID/
  ],
  ['scans.get with a path traversal', (c) => c.scans.get('../security-groups'), /not a UUID/],
  [
    'scans.allViolations with undefined',
    (c) => c.scans.allViolations(undefined as unknown as string),
    /Invalid scan UUID passed to scans\.allViolations: undefined/
  ],
  [
    'securityGroups.get',
    (c) => c.securityGroups.get('Default LOCAL'),
    /Invalid security group UUID passed to securityGroups\.get/
  ],
  ['securityRules.get', (c) => c.securityRules.get('pickle'), /Invalid security rule UUID/],
  [
    'scans.create with a group name for a UUID',
    (c) =>
      c.scans.create({
        model_uri: 'https://huggingface.co/a/b',
        security_group_uuid: 'Default HUGGING_FACE'
      }),
    /^Invalid arguments to scans\.create: security_group_uuid: expected a UUID\.$/
  ],
  [
    'scans.create with an empty URI',
    (c) => c.scans.create({ model_uri: '', security_group_uuid: HF_GROUP }),
    /model_uri: model_uri is empty/
  ],
  [
    'scans.create with an unknown field',
    (c) => c.scans.create({ model_uri: 'x', security_group_uuid: HF_GROUP, source_type: 'LOCAL' } as never),
    /Unrecognized key: "source_type"/
  ],
  [
    'scans.create with a dotted label value',
    (c) =>
      c.scans.create({
        model_uri: 'x',
        security_group_uuid: HF_GROUP,
        labels: [{ key: 'version', value: 'v1.2' }]
      }),
    /labels\[0\]\.value: label value may only contain letters, digits, "_" and "-"/
  ],
  [
    'scans.create with 50 labels (one is reserved)',
    (c) => c.scans.create({ model_uri: 'x', security_group_uuid: HF_GROUP, labels: labels(50) }),
    /at most 49 labels \(one more is added to make the request safe to retry\)/
  ],
  [
    'scans.create with 51 labels',
    (c) => c.scans.create({ model_uri: 'x', security_group_uuid: HF_GROUP, labels: labels(51) }),
    /labels: a scan holds at most 50 labels/
  ],
  [
    'scans.create with an unknown scan origin',
    (c) => c.scans.create({ model_uri: 'x', security_group_uuid: HF_GROUP, scan_origin: 'CI' as never }),
    /scan_origin: Invalid option/
  ],
  [
    'scans.create with too many files in scan_details',
    (c) =>
      c.scans.create({
        model_uri: '/m',
        security_group_uuid: HF_GROUP,
        scan_details: {
          scanner_version: '1',
          time_started: new Date().toISOString(),
          files: Array.from({ length: 1001 }, (_, i) => ({
            file_path: `f${i}`,
            blob_id: 'b',
            modelscan_status: 'SCANNED' as const
          })),
          total_files_scanned: 1,
          total_files_skipped: 0,
          model_formats: [],
          model_size_bytes: 0,
          scan_duration_ms: 0
        }
      }),
    /scan_details\.files: a scan holds at most 1000 files/
  ],
  [
    'scans.create with a request id the label pattern forbids',
    (c) => c.scans.create({ model_uri: 'x', security_group_uuid: HF_GROUP }, { requestId: 'run 42.1' }),
    /Invalid arguments to scans\.create \(requestId\): \(body\): label value may only contain/
  ],
  [
    'scans.listEvaluations with limit 0',
    (c) => c.scans.listEvaluations(DIALOGPT_SCAN, { limit: 0 }),
    /^Invalid arguments to scans\.listEvaluations: limit: Too small/
  ],
  [
    'scans.listFiles with limit 1001',
    (c) => c.scans.listFiles(DIALOGPT_SCAN, { limit: 1001 }),
    /limit: Too big/
  ],
  [
    'securityGroups.list with a 2-character search',
    (c) => c.securityGroups.list({ search_query: 'ab' }),
    /search_query needs at least 3 characters/
  ],
  [
    'securityGroups.findByName with an empty name',
    (c) => c.securityGroups.findByName('  '),
    /a name has 1 to 255 characters/
  ],
  [
    'scans.allViolations with a cap of 0',
    (c) => c.scans.allViolations(DIALOGPT_SCAN, { maxItems: 0 }),
    /maxItems must be a positive number/
  ]
]

describe('argument validation', () => {
  it.each(cases)('%s', async (_, call, message) => {
    const before = requests(sim)
    const e = await call(client).then(
      () => undefined,
      (x: unknown) => x
    )
    expect(e).toBeInstanceOf(AirsError)
    expect((e as AirsError).kind).toBe('USER_REQUEST_PAYLOAD_ERROR')
    expect((e as AirsError).message).toMatch(message)
    expect((e as AirsError).message).not.toMatch(/\n/)
    expect(requests(sim) - before).toBe(0)
  })

  it('accepts upper-case UUIDs and sends them canonical', async () => {
    expect((await client.scans.get(DIALOGPT_SCAN.toUpperCase())).uuid).toBe(DIALOGPT_SCAN)
    expect(sim.requests.at(-1)?.target).toBe(`/aims/data/v1/scans/${DIALOGPT_SCAN}`)
  })
})
