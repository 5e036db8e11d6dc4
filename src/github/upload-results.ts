import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Env } from '../util/confine.js'
import type { Logger } from '../util/logger.js'
import { jobScopedName } from '../util/text.js'

/**
 * The report and the SARIF log as a workflow artifact (`@actions/artifact`, loaded only here), so the job
 * summary and the comment link to the full results instead of naming a path on a runner that is gone. An
 * upload that fails is a warning for the caller; it never changes the verdict.
 */

export interface ArtifactFile {
  /** the file's name inside the artifact (ours, from a fixed table) */
  name: string
  text: string
}

export interface ResultsArtifact {
  name: string
  id: number
  /** the artifact's page in the run, as actions/upload-artifact's `artifact-url` output gives it */
  url: string
}

export interface UploadOptions {
  /** the `artifact-name` input; derived from the job and comment tag when absent */
  name?: string
  commentTag: string
  env: Env
  logger: Logger
  /** how long the whole upload may take before the run goes on without it */
  deadlineMs?: number
}

/**
 * Long enough for a report of many megabytes and the client's own retries (five attempts, ~25 s of backoff),
 * short enough that a stalled service cannot hold the job.
 */
const UPLOAD_DEADLINE_MS = 2 * 60_000
/**
 * A matrix whose legs share a job and a tag would otherwise fail on the second leg's name; past a few, the
 * names should be chosen (artifact-name), and the upload fails with a warning that says so.
 */
const MAX_NAME_TRIES = 5

/** Why the runner cannot take an artifact; undefined when it can. */
export function artifactUnavailable(env: Env): string | undefined {
  if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL)
    return 'the runner offers no artifact service (outside GitHub Actions)'
  // the artifact's link is built from them
  if (!/^[\w.-]+\/[\w.-]+$/.test(env.GITHUB_REPOSITORY ?? '') || !/^\d+$/.test(env.GITHUB_RUN_ID ?? ''))
    return 'the runner did not say which run this is'
  if (isEnterpriseServer(env.GITHUB_SERVER_URL))
    return 'GitHub Enterprise Server does not offer the artifact service @actions/artifact uses'
  return undefined
}

/** @actions/artifact's own test (config.ts isGhes): github.com, GHE.com and localhost are not GHES. */
function isEnterpriseServer(serverUrl: string | undefined): boolean {
  let host: string
  try {
    host = new URL(serverUrl || 'https://github.com').hostname.toUpperCase()
  } catch {
    return true
  }
  return !(host === 'GITHUB.COM' || host.endsWith('.GHE.COM') || host.endsWith('.LOCALHOST'))
}

/**
 * The artifact's name: the `artifact-name` input, or one per job and comment tag (as the SARIF category is),
 * with the run attempt when it is a re-run: a name may be used once per workflow run, re-runs included.
 */
export function resultsArtifactName(given: string | undefined, commentTag: string, env: Env): string {
  const base = given ?? jobScopedName(env.GITHUB_JOB, commentTag, '-')
  const attempt = Number(env.GITHUB_RUN_ATTEMPT)
  return Number.isSafeInteger(attempt) && attempt > 1 ? `${base}-attempt-${attempt}` : base
}

/** Uploads the files; throws when the service refuses them or the deadline passes. */
export async function uploadResults(
  files: readonly ArtifactFile[],
  options: UploadOptions
): Promise<ResultsArtifact> {
  const { env, logger } = options
  const base = resultsArtifactName(options.name, options.commentTag, env)
  const dir = await mkdtemp(join(env.RUNNER_TEMP || tmpdir(), 'airs-model-gate-artifact-'))
  let timer: NodeJS.Timeout | undefined
  let abandoned = false
  try {
    // written from memory into a private directory: the client uploads from one root, and nothing another
    // step left in the workspace (a link, a swapped file) can end up in the artifact
    const paths = await Promise.all(
      files.map(async (f) => {
        const path = join(dir, f.name)
        await writeFile(path, f.text, { flag: 'wx', mode: 0o600 })
        return path
      })
    )
    const { DefaultArtifactClient } = await import('@actions/artifact')
    const client = new DefaultArtifactClient()
    const upload = async (): Promise<ResultsArtifact> => {
      for (let i = 1; ; i++) {
        const name = i === 1 ? base : `${base}-${i}`
        try {
          const { id } = await client.uploadArtifact(name, paths, dir)
          if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0)
            throw new Error('the artifact service did not return the artifact’s ID')
          return { name, id, url: artifactUrl(env, id) }
        } catch (e) {
          if (!isNameTaken(e) || i === MAX_NAME_TRIES) throw e
          logger.info(
            `An artifact named ${name} already exists in this run (another matrix leg?); trying ${base}-${i + 1}. Give each leg its own artifact-name to choose the names.`
          )
        }
      }
    }
    const deadline = options.deadlineMs ?? UPLOAD_DEADLINE_MS
    return await Promise.race([
      upload(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          abandoned = true
          reject(new Error(`it did not finish within ${Math.round(deadline / 1000)} s`))
        }, deadline)
      })
    ])
  } finally {
    clearTimeout(timer)
    // an abandoned upload may still be reading the files; the runner empties RUNNER_TEMP after the job
    if (!abandoned) await rm(dir, { recursive: true, force: true }).catch(() => {})
  }
}

/** The service answers a taken name with 409 Conflict; the client reports it in its message only. */
function isNameTaken(e: unknown): boolean {
  return e instanceof Error && /\(409\)/.test(e.message)
}

function artifactUrl(env: Env, id: number): string {
  // the origin only: a path or fragment in the variable cannot aim the link elsewhere
  const server = new URL(env.GITHUB_SERVER_URL || 'https://github.com').origin
  return `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}/artifacts/${id}`
}
