import { FAULT_TYPES, type FaultRule } from './faults.js'
import { isoMicro } from './ids.js'
import { COMMIT } from './inventory.js'
import type { Reply } from './reply.js'
import type { Scenario } from './scenarios.js'
import type { Simulator } from './server.js'

/**
 * `/__sim/*`: how another process (the action under test, a benchmark) steers the simulator. Not part of the
 * service's API, never recorded for contract checks.
 */

const bad = (message: string): Reply => ({ status: 400, body: { code: 'BAD_REQUEST', message, details: {} } })

function faultRules(v: unknown): FaultRule[] | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined
  const ok = v.every((r) => {
    const action = (r as { action?: { type?: unknown } } | null)?.action
    return typeof action?.type === 'string' && (FAULT_TYPES as readonly string[]).includes(action.type)
  })
  return ok ? (v as FaultRule[]) : undefined
}

export function control(sim: Simulator, method: string, path: string, raw: string): Reply {
  let body: Record<string, unknown>
  try {
    body = raw.trim() ? (JSON.parse(raw) as Record<string, unknown>) : {}
  } catch {
    return bad('The body is not JSON')
  }
  switch (`${method} ${path}`) {
    case 'GET /__sim/health':
      return { status: 200, body: { ok: true } }
    case 'POST /__sim/faults': {
      const rules = faultRules(body.faults)
      if (!rules)
        return bad(`Expected {"faults": [{"action": {"type": one of ${FAULT_TYPES.join(', ')}}, ...}]}`)
      return { status: 200, body: { ids: sim.faults.add(rules) } }
    }
    case 'DELETE /__sim/faults':
      sim.faults.clear()
      return { status: 204 }
    case 'POST /__sim/scenarios':
      if (!Array.isArray(body.scenarios)) return bad('Expected {"scenarios": [{"match": "...", ...}]}')
      sim.addScenario(body.scenarios as Scenario[])
      return { status: 204 }
    case 'POST /__sim/hub/commits': {
      // {"model_uri": "https://huggingface.co/org/model", "revision": "main", "sha": "<40 hex>" | null}
      const { model_uri: uri, revision = 'main', sha } = body
      if (
        typeof uri !== 'string' ||
        !/^https:\/\/huggingface\.co\/[^/\s]+\/[^/\s]+/.test(uri) ||
        typeof revision !== 'string' ||
        revision === '' ||
        !(sha === null || (typeof sha === 'string' && COMMIT.test(sha)))
      )
        return bad(
          'Expected {"model_uri": "https://huggingface.co/<org>/<model>", "revision": "main", "sha": "<40 lowercase hex>" or null}'
        )
      sim.setHubCommit(uri, revision, sha)
      return { status: 200, body: { model_uri: uri, revision, sha } }
    }
    case 'POST /__sim/clock':
      if (typeof body.scale === 'number') sim.clock.setScale(body.scale)
      if (typeof body.advanceMs === 'number') sim.clock.advance(body.advanceMs)
      return { status: 200, body: { now: isoMicro(sim.clock.now()), scale: sim.clock.scale } }
    case 'POST /__sim/tokens/expire':
      sim.expireTokens()
      return { status: 204 }
    case 'POST /__sim/reset':
      sim.reset()
      return { status: 204 }
    case 'GET /__sim/stats':
      return {
        status: 200,
        body: {
          requests: Object.fromEntries(sim.requestCounts),
          tokensIssued: sim.tokensIssued(),
          scans: sim.store.scans.size
        }
      }
    default:
      return {
        status: 404,
        body: { code: 'NOT_FOUND', message: `Unknown control endpoint ${method} ${path}`, details: {} }
      }
  }
}
