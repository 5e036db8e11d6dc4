import { GateError } from '../util/gate-error.js'
import { formatDuration } from '../util/duration.js'
import type { HubResolver } from './hub-revision.js'
import { DigestError, fromCommonFolder, modelDigest } from './model-digest.js'
import type { ModelSource } from './model-source.js'
import type { GateReport, ModelResult } from './result.js'

/**
 * The promotion step's check: is the artifact about to be promoted the one a gate run scanned and allowed,
 * under the required policy, recently enough? A local model is re-hashed and found in the report by its
 * content; a Hugging Face model's revision is resolved again and must be the commit that was scanned. Nothing
 * here trusts a name: a branch that moved, a file that changed or a report of another model is a failure.
 */

export interface VerifyRequest {
  report: GateReport
  artifact: ModelSource
  /** the security group (UUID or exact name) the scan must have used */
  group?: string
  /** how old the scan may be */
  maxAgeMs?: number
  now: number
}

export type VerifyOutcome =
  | { status: 'pass'; message: string; model: ModelResult }
  /** the report does not vouch for this artifact: another content or commit, not allowed, wrong group, too old */
  | { status: 'fail'; message: string; model?: ModelResult }

/** Throws GateError when the check itself cannot be made (unreadable artifact, Hub unreachable). */
export async function verifyArtifact(
  req: VerifyRequest,
  deps: { hub?: HubResolver; signal: AbortSignal }
): Promise<VerifyOutcome> {
  const { artifact, report } = req
  const found = await match(req, deps)
  if ('fail' in found) return { status: 'fail', message: found.fail }
  const m = found.model
  const name = m.model.model_uri
  if (m.verdict !== 'pass' || m.status !== 'allowed')
    return { status: 'fail', model: m, message: `${name} was not allowed by that run: ${m.reason}` }
  // an inventory audit reads the service's record of a model, not a scan: no artifact is bound to it
  if (!m.scan)
    return { status: 'fail', model: m, message: `${name}: the report holds no scan of it to verify against.` }
  if (req.group !== undefined) {
    const g = m.security_group
    if (!g || (g.uuid.toLowerCase() !== req.group.toLowerCase() && g.name !== req.group))
      return {
        status: 'fail',
        model: m,
        message: `${name} was scanned under security group ${g ? `"${g.name}" (${g.uuid})` : 'none'}, not "${req.group}".`
      }
  }
  if (req.maxAgeMs !== undefined) {
    const at = Date.parse(m.scan?.created_at ?? m.started_at)
    const age = req.now - at
    if (!Number.isFinite(at) || age > req.maxAgeMs)
      return {
        status: 'fail',
        model: m,
        message: `${name} was scanned ${Number.isFinite(at) ? `${formatDuration(age)} ago` : 'at an unknown time'}, longer ago than max-age (${formatDuration(req.maxAgeMs)}); scan it again${m.reused ? ' (without reuse, or with a reuse window shorter than max-age)' : ''}.`
      }
  }
  const what =
    artifact.sourceType === 'HUGGING_FACE'
      ? `commit ${m.model.resolved_revision}`
      : `content sha256 ${m.model.digest?.sha256}`
  return {
    status: 'pass',
    model: m,
    message: `${name}: the ${what} was scanned by ${report.tool.name} ${report.tool.version} and allowed${m.security_group ? ` under "${m.security_group.name}"` : ''} at ${m.finished_at}${m.reused && m.scan ? ` (reusing scan ${m.scan.uuid} of ${m.scan.created_at})` : ''}.`
  }
}

async function match(
  req: VerifyRequest,
  deps: { hub?: HubResolver; signal: AbortSignal }
): Promise<{ model: ModelResult } | { fail: string }> {
  const { artifact, report } = req
  if (artifact.sourceType === 'HUGGING_FACE') {
    const candidates = report.models.filter((m) => m.model.model_uri === artifact.modelUri)
    if (candidates.length === 0) return { fail: `The report has no scan of ${artifact.modelUri}.` }
    if (!deps.hub) throw new GateError('INTERNAL_ERROR', 'No Hub to resolve the revision with.')
    const commit = await deps.hub.resolve(artifact, artifact.revision, deps.signal)
    const m = candidates.find((c) => c.model.resolved_revision === commit)
    if (m) return { model: m }
    const scanned = candidates.map((c) => c.model.resolved_revision ?? 'an unpinned revision').join(', ')
    return {
      fail: `${artifact.modelUri}${artifact.revision ? `@${artifact.revision}` : ''} is now commit ${commit}, but the report scanned ${scanned}: the artifact changed after the scan.`
    }
  }
  if (!artifact.localPath)
    throw new GateError(
      'UNSUPPORTED_SOURCE',
      `verify checks local models and Hugging Face models; the gate does not fetch ${artifact.sourceType} models: download the model into a folder and verify that folder (the report's digest covers the files the scanner downloaded).`
    )
  let sha256: string
  let asDownloaded: string
  try {
    const digest = await modelDigest(artifact.localPath)
    sha256 = digest.sha256
    // an object-storage model's digest names its files from the folder holding them all (downloadDigest)
    asDownloaded = fromCommonFolder(digest).sha256
  } catch (e) {
    if (e instanceof DigestError)
      throw new GateError('NOTHING_TO_VERIFY', `${artifact.modelUri} cannot be hashed: ${e.message}.`)
    throw e
  }
  const m =
    report.models.find((c) => c.model.digest?.sha256 === sha256) ??
    report.models.find((c) => c.model.source_type !== 'LOCAL' && c.model.digest?.sha256 === asDownloaded)
  if (m) return { model: m }
  return {
    fail: `${artifact.modelUri} (content sha256 ${sha256}) is not what the report scanned: no model in it has that digest${
      report.models.some((c) => c.model.digest) ? '' : ' (the report records no digest at all)'
    }.`
  }
}
