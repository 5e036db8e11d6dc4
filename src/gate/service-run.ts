import { ModelSecurityClient } from '../airs/client.js'
import type { AirsSession } from '../airs/session.js'
import { sleep } from '../util/sleep.js'
import type { GateInputs, GateIo } from './gate-models.js'
import type { GateReport } from './result.js'
import { hubResolver } from './hub-revision.js'
import { auditInventory } from './inventory-audit.js'
import { runGate } from './run-gate.js'
import { runnerScansFor } from './scan-on-runner.js'

/**
 * The gate stage's path through the AIRS service: the API client on the session the stage opened (and
 * closes), the scanner on the runner when a model is scanned there, then the run.
 */
export async function gateWithService(
  inputs: GateInputs,
  session: AirsSession,
  io: GateIo
): Promise<GateReport> {
  const client = new ModelSecurityClient({ session })
  if (inputs.audit) {
    // the inventory's stale models are re-scanned from Hugging Face: pinned, never on the runner
    const hub = hubResolver({ env: io.env, dispatcher: session.dispatcher, onSecret: io.onSecret, sleep })
    try {
      return await auditInventory(inputs.run, inputs.audit, { client, logger: io.logger, sleep, hub })
    } finally {
      await client.close()
    }
  }
  const runner = runnerScansFor({
    models: inputs.run.models,
    choice: inputs.scanner,
    client,
    env: io.env,
    logger: io.logger,
    onSecret: io.onSecret
  })
  try {
    // HF_ENDPOINT is checked here, before the first request of the run
    const hub =
      inputs.run.pinRevision !== false && inputs.run.models.some((m) => m.sourceType === 'HUGGING_FACE')
        ? hubResolver({ env: io.env, dispatcher: session.dispatcher, onSecret: io.onSecret, sleep })
        : undefined
    return await runGate(inputs.run, {
      client,
      logger: io.logger,
      sleep,
      ...(runner && { runner }),
      ...(hub && { hub })
    })
  } finally {
    await runner?.close()
    await client.close()
  }
}
