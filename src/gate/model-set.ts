import { MAX_LABELS_PER_SCAN } from '../airs/schemas/spec-values.js'
import type { Env } from '../util/confine.js'
import { inputError } from '../util/gate-error.js'
import { clip } from '../util/text.js'
import type { EngineChoice } from './gate-models.js'
import { hubEndpoint } from './hub-revision.js'
import { mergeLabels } from './labels.js'
import type { ModelSource } from './model-source.js'
import type { RunSettings } from './run-gate.js'

/**
 * The checks that depend on the whole set of models a step gates: made on `model-uri`'s models when the inputs
 * are read, and again on every model once a `models-file` is parsed (before any request, either way).
 */

export function checkModelSet(
  models: readonly ModelSource[],
  run: Pick<
    RunSettings,
    'group' | 'labels' | 'modelName' | 'modelAuthor' | 'modelVersion' | 'pinRevision' | 'reuseMs'
  >,
  ctx: { engine: EngineChoice; env: Env }
): void {
  if (models.length > 1) {
    const single = (
      [
        ['model-name', run.modelName],
        ['model-author', run.modelAuthor],
        ['model-version', run.modelVersion]
      ] as const
    ).find(([, v]) => v !== undefined)
    if (single) {
      throw inputError(
        single[0],
        `describes one model, but the step gates ${models.length}; run one step per model or leave it empty.`
      )
    }
  }
  const revision = models[0]?.revision
  if (run.modelVersion && revision && run.modelVersion !== revision) {
    throw inputError(
      'model-version',
      `"${clip(run.modelVersion)}" contradicts the revision "${clip(revision)}" in model-uri; give the version in one place.`
    )
  }
  // the security-group input serves the models that do not name their own group
  if (run.group) {
    const sources = [...new Set(models.filter((m) => !m.overrides?.group).map((m) => m.sourceType))]
    if (sources.length > 1) {
      throw inputError(
        'security-group',
        `one group serves one kind of source, but the models mix ${sources.join(' and ')}; leave security-group empty to use each source's default group, give each model its own in models-file, or run one step per source.`
      )
    }
  }
  // one label of a scan is the client's own (safe retries), with reuse one more is the reuse key
  const maxLabels = MAX_LABELS_PER_SCAN - (run.reuseMs === undefined ? 1 : 2)
  for (const m of models)
    if (m.overrides?.labels) mergeLabels(m.overrides.labels, run.labels, maxLabels, 'models-file')
  if (ctx.engine === 'builtin') {
    const remote = models.find((m) => m.localPath === undefined)
    if (remote) {
      throw inputError(
        'model-uri',
        `${remote.sourceType} model "${clip(remote.input)}": the built-in engine scans local files only; use engine: airs (or auto) for models it cannot read here.`
      )
    }
    if (run.group || models.some((m) => m.overrides?.group)) {
      throw inputError(
        run.group ? 'security-group' : 'models-file',
        'applies to engine: airs; the built-in engine takes its rules from the policy input.'
      )
    }
    if (run.reuseMs !== undefined) {
      throw inputError(
        'reuse',
        'reuses scans of the AIRS service; the built-in engine scans every run (remove reuse, or set engine: airs).'
      )
    }
  }
  // the Hub is asked first thing for Hugging Face models: its endpoint is checked with the inputs
  if (run.pinRevision !== false && models.some((m) => m.sourceType === 'HUGGING_FACE')) hubEndpoint(ctx.env)
}
