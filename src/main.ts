import * as core from '@actions/core'
import { ModelSecurityClient } from './airs/client.js'
import { isAirsError } from './airs/errors.js'

/**
 * Entry point of the action. This release ships the Model Security API client; the scan gate (inputs →
 * scan → poll → verdict) is the next milestone. Until then the action validates its configuration and then
 * fails the step, because a gate that cannot verify a model must never let it through.
 */

const input = (name: string): string | undefined => core.getInput(name) || undefined

export async function run(): Promise<void> {
  try {
    const client = new ModelSecurityClient({
      clientId: input('client-id'),
      clientSecret: input('client-secret'),
      tsgId: input('tsg-id'),
      tokenEndpoint: input('token-endpoint'),
      apiEndpoint: input('api-endpoint'),
      dataEndpoint: input('data-endpoint'),
      mgmtEndpoint: input('mgmt-endpoint'),
      region: input('region'),
      onSecret: (s) => core.setSecret(s),
      logger: { debug: core.debug, info: core.info, warning: core.warning }
    })
    await client.close()
    core.setFailed(
      'airs-model-gate: this build contains the Model Security API client only; the scan gate is not implemented yet, so no model can be verified. Use a released version of the action.'
    )
  } catch (e) {
    core.setFailed(
      isAirsError(e)
        ? `${e.kind}: ${e.message}`
        : `Unexpected failure: ${e instanceof Error ? e.message : String(e)}`
    )
  }
}
