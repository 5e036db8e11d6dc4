import { beforeAll, describe, expect, it } from '@jest/globals'
import { startSimulator, type Simulator } from '../../sim/server.js'
import { LOCAL_GROUP, SIM_HF } from '../helpers/ids.js'
import { createGroup, raw, settled, token } from '../helpers/raw.js'
import { startSim } from '../helpers/sim.js'

/** Each managed rule the simulator evaluates, failing for its own reason under a group's settings. */

let sim: Simulator
let tok: string
const RULES = {
  licenseValid: '550e8400-e29b-41d4-a716-446655440007',
  modelBlocked: '550e8400-e29b-41d4-a716-446655440001',
  orgBlocked: '550e8400-e29b-41d4-a716-446655440002',
  location: '550e8400-e29b-41d4-a716-44665544000c'
}

beforeAll(async () => {
  sim = await startSim({ settleMs: 0 })
  tok = await token(sim)
})

async function group(source: string, rule_configurations: Record<string, unknown> = {}): Promise<string> {
  return (await createGroup(sim, tok, `policy ${source}`, source, { rule_configurations })).uuid
}

async function failedRules(body: Record<string, unknown>): Promise<string[]> {
  const c = await raw(sim, 'POST', '/aims/data/v1/scans', { token: tok, body })
  expect(c.status).toBe(201)
  await settled(sim, tok, c.json.uuid as string)
  const evs = (
    await raw(sim, 'GET', `/aims/data/v1/scans/${c.json.uuid}/evaluations?limit=100&result=FAILED`, {
      token: tok
    })
  ).json.evaluations as Array<{ rule_name: string }>
  return evs.map((e) => e.rule_name)
}

describe('managed rules', () => {
  it('License Is Valid For Use fails for a license the group does not approve, and passes once approved', async () => {
    sim.addScenario({ match: `${SIM_HF}/gpl-model`, metadata: { license: 'gpl-3.0' } })
    const strict = await group('HUGGING_FACE')
    expect(await failedRules({ model_uri: `${SIM_HF}/gpl-model`, security_group_uuid: strict })).toEqual([
      'License Is Valid For Use'
    ])
    const lenient = await group('HUGGING_FACE', {
      [RULES.licenseValid]: { field_values: { approved_licenses: ['gpl-3.0'] } }
    })
    expect(await failedRules({ model_uri: `${SIM_HF}/gpl-model`, security_group_uuid: lenient })).toEqual([])
  })

  it('Organization Is Blocked and Model Is Blocked follow the deny lists', async () => {
    const g = await group('HUGGING_FACE', {
      [RULES.orgBlocked]: { field_values: { deny_orgs: ['evil-org'] } }
    })
    expect(
      await failedRules({ model_uri: 'https://huggingface.co/evil-org/model', security_group_uuid: g })
    ).toEqual(['Organization Is Blocked'])
    const instances = (
      await raw(
        sim,
        'GET',
        `/aims/mgmt/v1/security-groups/${g}/rule-instances?limit=100&security_rule_uuid=${RULES.modelBlocked}`,
        { token: tok }
      )
    ).json.rule_instances
    const put = await raw(
      sim,
      'PUT',
      `/aims/mgmt/v1/security-groups/${g}/rule-instances/${instances[0].uuid}`,
      {
        token: tok,
        body: { security_group_uuid: g, field_values: { denied_org_models: ['good-org/bad-model'] } }
      }
    )
    expect(put.json.field_values.denied_org_models).toEqual(['good-org/bad-model'])
    expect(
      await failedRules({ model_uri: 'https://huggingface.co/good-org/bad-model', security_group_uuid: g })
    ).toEqual(['Model Is Blocked'])
    expect(
      await failedRules({ model_uri: 'https://huggingface.co/good-org/good-model', security_group_uuid: g })
    ).toEqual([])
  })

  it('Organization Verified By Hugging Face fails for an unverified publisher', async () => {
    sim.addScenario({ match: `${SIM_HF}/unverified`, metadata: { orgVerified: false } })
    expect(
      await failedRules({
        model_uri: `${SIM_HF}/unverified`,
        security_group_uuid: await group('HUGGING_FACE')
      })
    ).toEqual(['Organization Verified By Hugging Face'])
  })

  it('Stored In Approved Location is evaluated once enabled, against the approved prefixes', async () => {
    const details = {
      scanner_version: '1.1.2',
      time_started: new Date().toISOString(),
      files: [
        {
          file_path: 'model.safetensors',
          blob_id: 'b',
          modelscan_status: 'SCANNED',
          formats: ['safetensors']
        }
      ],
      total_files_scanned: 1,
      total_files_skipped: 0,
      model_formats: ['safetensors'],
      model_size_bytes: 1,
      scan_duration_ms: 1
    }
    // the default LOCAL group has the rule DISABLED
    expect(
      await failedRules({
        model_uri: 'relative/model',
        security_group_uuid: LOCAL_GROUP,
        scan_details: details
      })
    ).toEqual([])
    const g = await group('LOCAL', {
      [RULES.location]: { state: 'BLOCKING', field_values: { approved_locations: ['/srv/models'] } }
    })
    expect(
      await failedRules({ model_uri: 'relative/model', security_group_uuid: g, scan_details: details })
    ).toEqual(['Stored In Approved Location'])
    expect(
      await failedRules({
        model_uri: '/srv/models/classifier',
        security_group_uuid: g,
        scan_details: details
      })
    ).toEqual([])
  })

  it('refuses a rule configuration for a rule that does not exist', async () => {
    const r = await raw(sim, 'POST', '/aims/mgmt/v1/security-groups', {
      token: tok,
      body: {
        name: 'bad',
        source_type: 'LOCAL',
        rule_configurations: { '11111111-2222-3333-4444-555555555555': { state: 'BLOCKING' } }
      }
    })
    expect([r.status, r.json.message]).toEqual([
      400,
      'Unknown security rule 11111111-2222-3333-4444-555555555555'
    ])
  })
})

describe('edges of the simulator itself', () => {
  it('answers what it does not simulate with 501 (a status the contract check would reject in any test)', async () => {
    const unrecorded = await startSimulator()
    const t = await token(unrecorded)
    try {
      const r = await raw(unrecorded, 'GET', '/aims/mgmt/v1/custom-rules', { token: t })
      expect([r.status, r.json.message]).toEqual([
        501,
        'The simulator does not implement list_custom_rules_v1_custom_rules_get'
      ])
    } finally {
      await unrecorded.close()
    }
  })

  it('serves the package index root and refuses writes to it', async () => {
    const url = new URL(
      (await raw(sim, 'GET', '/aims/mgmt/v1/pypi/authenticate', { token: tok })).json.url as string
    )
    const basic = { authorization: `Basic ${Buffer.from(`_token:${url.password}`).toString('base64')}` }
    sim.store.packages.push({
      name: 'Model.Security_Client',
      version: '1',
      filename: 'x-1-py3-none-any.whl',
      bytes: Buffer.from('x')
    })
    expect((await raw(sim, 'GET', '/pypi/simple/', { headers: basic })).text).toContain(
      '<a href="/pypi/simple/model-security-client/">'
    )
    expect((await raw(sim, 'POST', '/pypi/simple/', { headers: basic })).status).toBe(405)
  })

  it('answers its control endpoints, and refuses a control body that is not JSON', async () => {
    expect((await raw(sim, 'GET', '/__sim/health')).json).toEqual({ ok: true })
    expect((await raw(sim, 'POST', '/__sim/faults', { rawBody: '{nope' })).status).toBe(400)
    const t = await token(sim)
    expect((await raw(sim, 'POST', '/__sim/tokens/expire')).status).toBe(204)
    expect((await raw(sim, 'GET', '/aims/data/v1/scans', { token: t })).status).toBe(401)
    expect((await raw(sim, 'POST', '/__sim/reset')).status).toBe(204)
    expect(sim.store.scans.size).toBe(3)
    tok = await token(sim)
  })
})
