import { ModelSecurityClient, type ModelSecurityClientOptions } from '../../src/airs/client.js'
import type { Logger } from '../../src/util/logger.js'
import { startSimulator, type Simulator, type SimulatorOptions } from '../../sim/server.js'
import { started } from './started.js'

/**
 * Test access to the simulator. Every simulator started through `startSim` records its responses, and the
 * shared setup (setup.ts) validates all of them against the official OpenAPI documents after each test file,
 * so no test can pass on a response the real contract does not allow.
 */

export async function startSim(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({ record: true, ...options })
  started.push(sim)
  return sim
}

export interface Captured {
  lines: string[]
  secrets: string[]
  sleeps: number[]
  logger: Logger
}

export function capture(): Captured {
  const lines: string[] = []
  return {
    lines,
    secrets: [],
    sleeps: [],
    logger: {
      debug: (m) => lines.push(`debug: ${m}`),
      info: (m) => lines.push(`info: ${m}`),
      warning: (m) => lines.push(`warning: ${m}`)
    }
  }
}

/** The simulator's credentials and endpoints, and the capture's logger and secret sink, as client options. */
export function simOptions(sim: Simulator, cap: Captured) {
  return {
    env: {},
    clientId: sim.credentials.clientId,
    clientSecret: sim.credentials.clientSecret,
    tsgId: sim.credentials.tsgId,
    tokenEndpoint: sim.tokenUrl,
    dataEndpoint: sim.dataUrl,
    mgmtEndpoint: sim.mgmtUrl,
    logger: cap.logger,
    onSecret: (s: string) => cap.secrets.push(s)
  } satisfies ModelSecurityClientOptions
}

/** A client pointed at the simulator, with instant (recorded) retry sleeps unless `realSleep`. */
export function clientFor(
  sim: Simulator,
  cap: Captured = capture(),
  options: ModelSecurityClientOptions & { realSleep?: boolean } = {}
): ModelSecurityClient {
  const { realSleep, ...rest } = options
  return new ModelSecurityClient({
    ...simOptions(sim, cap),
    ...(!realSleep && {
      sleep: (ms: number) => {
        cap.sleeps.push(ms)
        return Promise.resolve()
      }
    }),
    ...rest
  })
}

/** Total requests the simulator saw, optionally only those whose key includes `filter`. */
export function requests(sim: Simulator, filter = ''): number {
  let n = 0
  for (const [k, v] of sim.requestCounts) if (k.includes(filter)) n += v
  return n
}

/** Asserts that no secret the client knew appears in any text. */
export function leakedSecrets(cap: Captured, texts: string[]): string[] {
  return cap.secrets.filter((s) => s.length >= 8 && texts.some((t) => t.includes(s)))
}
