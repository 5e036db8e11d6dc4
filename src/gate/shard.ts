import { createHash } from 'node:crypto'
import { inputError } from '../util/gate-error.js'
import { plainText } from '../util/text.js'
import type { ModelSource } from './model-source.js'

/**
 * `shard: i/n`: one leg of a matrix gates every n-th model of the whole list (model-uri, then models-file),
 * starting with the i-th. By position, so the split is the same on every leg and balanced to one model; each
 * model keeps its place in the whole list (its report index), which is what `merge-reports` checks.
 */

export interface Shard {
  /** from 1 */
  index: number
  count: number
}

/**
 * The report's file name inside each leg's artifact (publish.ts, ARTIFACT_FILES.report; a test holds them
 * equal): what merge-reports looks for in the folders it is given.
 */
export const LEG_REPORT_FILE = 'report.json'

/** GitHub's matrix has at most 256 legs. */
export const MAX_SHARDS = 256

export function parseShard(text: string): Shard | undefined {
  const t = text.trim()
  if (t === '') return undefined
  const m = /^(\d{1,3})\s*\/\s*(\d{1,3})$/.exec(t)
  if (!m) throw inputError('shard', `"${plainText(t, 40)}" is not i/n (e.g. 1/4, or \${{ matrix.shard }}/4).`)
  const [index, count] = [Number(m[1]), Number(m[2])]
  if (count < 1 || count > MAX_SHARDS)
    throw inputError('shard', `splits into ${count} shards; give 1 to ${MAX_SHARDS} (GitHub's matrix limit).`)
  if (index < 1 || index > count)
    throw inputError('shard', `${index}/${count}: the shard is one of 1 to ${count}.`)
  return { index, count }
}

/** The models of one shard, each with its place in the whole list. */
export function shardModels(models: readonly ModelSource[], shard: Shard): ModelSource[] {
  return models
    .map((m, i) => ({ ...m, position: i + 1 }))
    .filter((m) => (m.position - 1) % shard.count === shard.index - 1)
}

/** The whole list's identity, the same on every leg of one split: each model's source, URI and revision. */
export function listDigest(models: readonly ModelSource[]): string {
  const lines = models.map((m) => JSON.stringify([m.sourceType, m.modelUri, m.revision ?? null]))
  return createHash('sha256').update(lines.join('\n')).digest('hex')
}
