import { createDispatcher } from '../airs/dispatcher.js'
import type { Env } from '../util/confine.js'
import { GateError } from '../util/gate-error.js'
import { plainText } from '../util/text.js'
import { sleep } from '../util/sleep.js'
import type { GateInputs } from './gate-models.js'
import { hubResolver } from './hub-revision.js'
import { GateReportSchema, type GateReport } from './result.js'
import { verifyArtifact } from './verify-artifact.js'

/**
 * The action's promotion check (`verify-report`): every model of `model-uri` checked against an earlier gate
 * report instead of scanned (verify-artifact.ts). Passes only when every model is the artifact that report
 * allowed; a check that cannot be made is an error, never a pass.
 */

export interface VerifySettings {
  /** the report's path and text, read (confined) with the other inputs */
  file: string
  text: string
  maxAgeMs?: number
}

export interface VerifyResult {
  model: string
  status: 'pass' | 'fail' | 'error'
  message: string
  errorCode?: string
}

export async function verifyModels(
  inputs: GateInputs & { verify: VerifySettings },
  io: { env: Env; onSecret: (secret: string) => void }
): Promise<{ verdict: 'pass' | 'fail'; results: VerifyResult[] }> {
  const { verify, run } = inputs
  let report: GateReport
  try {
    report = GateReportSchema.parse(JSON.parse(verify.text))
  } catch {
    const message = `verify-report ${verify.file} is not a gate report of this version; give the report output of the gate run.`
    return {
      verdict: 'fail',
      results: run.models.map((m) => ({
        model: m.input,
        status: 'error',
        message,
        errorCode: 'INVALID_INPUT'
      }))
    }
  }
  const dispatcher = createDispatcher({ env: io.env })
  try {
    const hub = run.models.some((m) => m.sourceType === 'HUGGING_FACE')
      ? hubResolver({ env: io.env, dispatcher, onSecret: io.onSecret, sleep })
      : undefined
    const group = run.group && ('uuid' in run.group ? run.group.uuid : run.group.name)
    const results: VerifyResult[] = []
    for (const artifact of run.models) {
      try {
        const outcome = await verifyArtifact(
          {
            report,
            artifact,
            ...(group !== undefined && { group }),
            ...(verify.maxAgeMs !== undefined && { maxAgeMs: verify.maxAgeMs }),
            now: Date.now()
          },
          { ...(hub && { hub }), signal: AbortSignal.timeout(run.timeoutMs) }
        )
        results.push({ model: artifact.input, status: outcome.status, message: outcome.message })
      } catch (e) {
        const code = e instanceof GateError ? e.code : 'INTERNAL_ERROR'
        results.push({
          model: artifact.input,
          status: 'error',
          message: plainText(e instanceof Error ? e.message : String(e), 600),
          errorCode: code
        })
      }
    }
    // nothing verified is never a pass
    const verdict = results.length > 0 && results.every((r) => r.status === 'pass') ? 'pass' : 'fail'
    return { verdict, results }
  } finally {
    await dispatcher.close()
  }
}
