import { describe, expect, it } from '@jest/globals'
import { DIALOGPT_SCAN, HF_GROUP, SIM_HF } from '../helpers/ids.js'
import { clientFor, requests, startSim } from '../helpers/sim.js'

/**
 * The client against services that answer differently but within what the spec allows (or what real
 * deployments are known to do): FastAPI-style errors, lists without totals, capped counts, redirects.
 */

describe('service variants', () => {
  it('reads FastAPI-style error bodies', async () => {
    const sim = await startSim({ errorStyle: 'fastapi' })
    const client = clientFor(sim)
    const e = await client.scans.get('11111111-2222-3333-4444-555555555555').catch((x: unknown) => x)
    expect(e).toMatchObject({ kind: 'CLIENT_SIDE_ERROR', status: 404 })
    expect(String(e)).toMatch(/returned 404: Scan 11111111-2222-3333-4444-555555555555 not found\./)
    await client.close()
  })

  it('collects every page when lists carry no total', async () => {
    const sim = await startSim({ listTotals: 'unknown', settleMs: 0 })
    const client = clientFor(sim)
    const scan = await client.scans.create({ model_uri: `${SIM_HF}/large`, security_group_uuid: HF_GROUP })
    await client.scans.get(scan.uuid)
    const vs = await client.scans.allViolations(scan.uuid)
    expect(vs).toMatchObject({ total: null, truncated: false, incomplete: false })
    expect(vs.items).toHaveLength(10_000)
    // sequential, one empty page to learn the end
    expect(vs.pages).toBe(101)
    expect((await client.securityGroups.listAll()).items).toHaveLength(7)
    await client.close()
  })

  it('refuses to follow a redirect and says which URL to fix', async () => {
    const sim = await startSim()
    const client = clientFor(sim)
    sim.faults.add({ area: 'data', action: { type: 'status', status: 307, body: {} } })
    const before = requests(sim)
    const e = await client.scans.get(DIALOGPT_SCAN).catch((x: unknown) => x)
    expect(e).toMatchObject({ kind: 'CLIENT_SIDE_ERROR', status: 307 })
    expect(String(e)).toMatch(/a redirect, which the client does not follow.*final address/)
    // the token request and the one redirected call, nothing more
    expect(requests(sim) - before).toBe(2)
    await client.close()
  })
})
