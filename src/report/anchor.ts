import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path'
import type { ModelResult } from '../gate/result.js'
import { displayName } from '../gate/model-source.js'

/**
 * Where a finding points in the repository, for annotations and SARIF: the model file itself when the model
 * is a local path inside the repository, otherwise the workflow line that names the model (so a pull
 * request that adds or changes the model reference sees the finding on that line).
 */

export interface Anchor {
  /** repository-relative path with '/' separators */
  file: string
  line?: number
}

export type Locate = (model: ModelResult, file: string | null | undefined) => Anchor | undefined

export interface AnchorContext {
  /** the checkout (GITHUB_WORKSPACE) */
  workspace?: string
  /** the running workflow's file, repository-relative */
  workflowFile?: string
  /** its text, when it could be read from the checkout */
  workflowText?: string
}

export function locator(ctx: AnchorContext): Locate {
  const lines = ctx.workflowText?.split(/\r?\n/) ?? []
  return (model, file) => {
    if (model.model.source_type === 'LOCAL') return localAnchor(ctx.workspace, model.model.model_uri, file)
    if (!ctx.workflowFile) return undefined
    const names = [
      model.model.input,
      model.model.model_uri,
      displayName(model.model.source_type, model.model.model_uri)
    ]
    const at = lines.findIndex((l) => names.some((n) => n && l.includes(n)))
    return { file: ctx.workflowFile, line: at === -1 ? 1 : at + 1 }
  }
}

function localAnchor(
  workspace: string | undefined,
  modelPath: string,
  file: string | null | undefined
): Anchor | undefined {
  if (!workspace) return undefined
  const base = resolve(workspace, modelPath)
  // a model given as a single file reports findings against that file's own name
  const target = file && !base.endsWith(`${sep}${file}`) ? join(base, file) : base
  const rel = relative(resolve(workspace), target)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined
  return { file: rel.split(sep).join(posix.sep) }
}

/** `owner/repo/.github/workflows/ci.yml@refs/heads/main` → `.github/workflows/ci.yml` */
export function workflowPath(
  workflowRef: string | undefined,
  repository: string | undefined
): string | undefined {
  if (!workflowRef || !repository) return undefined
  const at = workflowRef.lastIndexOf('@')
  const path = at === -1 ? workflowRef : workflowRef.slice(0, at)
  const prefix = `${repository}/`
  if (!path.startsWith(prefix)) return undefined
  const rel = path.slice(prefix.length)
  return /^\.github\/workflows\/[^/]+\.ya?ml$/.test(rel) ? rel : undefined
}
