import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { ModelSecurityClient } from '../../src/airs/client.js'
import type { Simulator } from '../../sim/server.js'
import { churnRuleInstance, createGroup, raw, token } from '../helpers/raw.js'
import { capture, clientFor, leakedSecrets, startSim, type Captured } from '../helpers/sim.js'
import { HF_GROUP, LOCAL_GROUP } from '../helpers/ids.js'

/** Management-plane methods: security groups, rule instances and their history, a rule, PyPI. */

let sim: Simulator
let client: ModelSecurityClient
let cap: Captured

beforeAll(async () => {
  sim = await startSim()
  cap = capture()
  client = clientFor(sim, cap)
})
afterAll(() => client.close())

describe('security groups', () => {
  it('lists every group with filters, and gets one by UUID', async () => {
    const all = await client.securityGroups.listAll()
    expect(all.items.map((g) => g.name).sort()).toEqual(
      ['ARTIFACTORY', 'AZURE', 'GCS', 'GITLAB', 'HUGGING_FACE', 'LOCAL', 'S3'].map((s) => `Default ${s}`)
    )
    const local = await client.securityGroups.list({
      source_types: ['LOCAL'],
      sort_field: 'created_at',
      sort_dir: 'asc',
      limit: 5
    })
    expect(local.security_groups.map((g) => [g.uuid, g.enabled_rule_count])).toEqual([[LOCAL_GROUP, 6]])
    expect(await client.securityGroups.get(HF_GROUP)).toMatchObject({
      name: 'Default HUGGING_FACE',
      source_type: 'HUGGING_FACE',
      state: 'ACTIVE',
      is_tombstone: false
    })
  })

  it('finds a group by its exact name only, skipping deleted groups and near matches', async () => {
    const tok = await token(sim)
    const mk = (name: string) => createGroup(sim, tok, name, 'HUGGING_FACE')
    const strict = await mk('ML strict')
    await mk('ML strict v2')
    await mk('ml STRICT')
    const gone = await mk('Retired')
    await raw(sim, 'DELETE', `/aims/mgmt/v1/security-groups/${gone.uuid}`, { token: tok })
    await mk('QA')

    expect((await client.securityGroups.findByName('ML strict')).map((g) => g.uuid)).toEqual([strict.uuid])
    expect(await client.securityGroups.findByName('ML strict', { sourceType: 'S3' })).toEqual([])
    expect(await client.securityGroups.findByName('Retired')).toEqual([])
    // a service that still lists a deleted group: the client skips it
    const tombstone = { ...(await client.securityGroups.get(gone.uuid)), is_tombstone: true }
    sim.faults.add({
      path: '/aims/mgmt/v1/security-groups',
      method: 'GET',
      action: {
        type: 'status',
        status: 200,
        body: { pagination: { total_items: 1 }, security_groups: [tombstone] }
      }
    })
    expect(await client.securityGroups.findByName('Retired')).toEqual([])
    // shorter than the service's 3-character search minimum: found by listing everything
    expect((await client.securityGroups.findByName('QA')).map((g) => g.name)).toEqual(['QA'])
    // two groups may share a name; the caller decides what that means
    await mk('QA')
    expect(await client.securityGroups.findByName('QA')).toHaveLength(2)
  })

  it('lists and filters rule instances, with the full rule inside', async () => {
    const all = await client.securityGroups.allRuleInstances(LOCAL_GROUP)
    expect(all.items.map((i) => [i.rule?.name, i.state])).toEqual([
      ['Known Framework Operators Check', 'BLOCKING'],
      ['Load Time Code Execution Check', 'BLOCKING'],
      ['Model Architecture Backdoor Check', 'BLOCKING'],
      ['Runtime Code Execution Check', 'BLOCKING'],
      ['Stored In Approved File Format', 'BLOCKING'],
      ['Stored In Approved Location', 'DISABLED'],
      ['Suspicious Model Components Check', 'BLOCKING']
    ])
    // the observed instance UUIDs of the Default LOCAL group
    expect(all.items[0]!.uuid).toBe('67185c67-020a-4625-816f-9a2137e3d6b3')
    const blocking = await client.securityGroups.listRuleInstances(LOCAL_GROUP, {
      state: 'BLOCKING',
      limit: 100
    })
    expect(blocking.rule_instances).toHaveLength(6)
    const one = all.items.find((i) => i.uuid === '53aab919-06c4-4ebf-a1e1-8124ce2ae0d5')!
    expect(one.field_values?.approved_formats).toEqual(['safetensors', 'safetensors_index', 'json', 'yaml'])
    expect(one.rule?.remediation?.steps.length).toBeGreaterThan(0)
  })

  it('reads the snapshot history and the rule instances as they were at a past generation', async () => {
    const tok = await token(sim)
    const inst = '53aab919-06c4-4ebf-a1e1-8124ce2ae0d5'
    const before = await client.securityGroups.ruleInstanceVersions(LOCAL_GROUP)
    for (const state of ['ALLOWING', 'DISABLED', 'BLOCKING']) {
      await raw(sim, 'PUT', `/aims/mgmt/v1/security-groups/${LOCAL_GROUP}/rule-instances/${inst}`, {
        token: tok,
        body: { security_group_uuid: LOCAL_GROUP, state }
      })
    }
    const versions = await client.securityGroups.ruleInstanceVersions(LOCAL_GROUP)
    expect(versions).toHaveLength(before.length + 3)
    // newest first
    expect(versions.map((v) => v.generation)).toEqual(
      [...versions.map((v) => v.generation)].sort((a, b) => b - a)
    )
    const allowing = await client.securityGroups.allRuleInstances(LOCAL_GROUP, {
      generation: versions[2]!.generation
    })
    expect(allowing.items.find((i) => i.uuid === inst)?.state).toBe('ALLOWING')
    // stops as soon as the wanted version is found
    const found = await client.securityGroups.ruleInstanceVersions(
      LOCAL_GROUP,
      (v) => v.generation === versions[1]!.generation
    )
    expect(found).toHaveLength(2)
  })

  it('follows the history cursor across pages', async () => {
    const tok = await token(sim)
    const group = await createGroup(sim, tok, 'Busy', 'S3')
    const inst = (await client.securityGroups.listRuleInstances(group.uuid)).rule_instances[0]!.uuid
    await churnRuleInstance(sim, tok, group.uuid, inst, 120)
    expect(await client.securityGroups.ruleInstanceVersions(group.uuid)).toHaveLength(121)
  })
})

describe('security rules', () => {
  it('gets a rule with its remediation', async () => {
    const rule = await client.securityRules.get('550e8400-e29b-41d4-a716-44665544000b')
    expect(rule).toMatchObject({
      name: 'Known Framework Operators Check',
      rule_type: 'ARTIFACT',
      default_state: 'BLOCKING',
      compatible_sources: ['ALL']
    })
    expect(rule.remediation?.description).toBe(
      'Ensure that the model does not contain any custom TensorFlow operators'
    )
  })
})

describe('PyPI authentication', () => {
  it('returns the index URL and hands it and its token to the secret sink before anything else sees it', async () => {
    const auth = await client.pypi.authenticate()
    const password = decodeURIComponent(new URL(auth.url).password)
    expect(cap.secrets).toEqual(expect.arrayContaining([auth.url, password]))
    expect(leakedSecrets(cap, cap.lines)).toEqual([])
    expect(Date.parse(auth.expires_at)).toBeGreaterThan(Date.now())
  })
})

describe('history cursor', () => {
  it('stops when the service repeats a cursor instead of looping', async () => {
    const tok = await token(sim)
    const group = await createGroup(sim, tok, 'Cursor', 'GCS')
    const inst = (await client.securityGroups.listRuleInstances(group.uuid)).rule_instances[0]!.uuid
    await churnRuleInstance(sim, tok, group.uuid, inst, 110)
    // every page answers with the same next_token ("100")
    sim.faults.add({
      path: '/aims/mgmt/v1/security-groups/{security_group_uuid}/rule-instances/versions',
      action: {
        type: 'contract-break',
        field: '/pagination/next_token',
        value: Buffer.from('100').toString('base64url')
      },
      times: null
    })
    const versions = await client.securityGroups.ruleInstanceVersions(group.uuid)
    sim.faults.clear()
    expect(versions).toHaveLength(111)
    expect(new Set(versions.map((v) => v.generation)).size).toBe(111)
  })
})

describe('PyPI index URL with a named user', () => {
  it('masks the user name and the password of the URL', async () => {
    const cap2 = capture()
    const c = clientFor(sim, cap2)
    sim.faults.add({
      path: '/aims/mgmt/v1/pypi/authenticate',
      action: {
        type: 'status',
        status: 200,
        body: {
          url: 'https://svc-reader:p%40ss-w0rd@pypi.example/simple/',
          expires_at: '2030-01-01T00:00:00Z'
        }
      }
    })
    await c.pypi.authenticate()
    expect(cap2.secrets).toEqual(
      expect.arrayContaining([
        'svc-reader',
        'p@ss-w0rd',
        'https://svc-reader:p%40ss-w0rd@pypi.example/simple/'
      ])
    )
    await c.close()
  })
})
