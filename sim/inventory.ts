import { createHash } from 'node:crypto'
import type { ArtifactFile } from './evaluate.js'
import { sha1Hex, stableUuid } from './ids.js'

/**
 * The model inventory (`/v1/models`, `/v1/model-versions`): scans create it. A model is found or created by
 * its URI and source type, a model version by what was scanned: for Hugging Face the commit the revision
 * pointed to and the content fingerprint, for other sources the revision label and the fingerprint. Model and
 * version UUIDs derive from those keys, so the same scans give the same identifiers in every run.
 */

/** A full Hugging Face commit id. */
export const COMMIT = /^[0-9a-f]{40}$/

export interface ModelRec {
  uuid: string
  name: string
  source_type: string
  created_at: string
  updated_at: string
  /** Version UUIDs in the order they were first seen: the last is the model's latest version. */
  versions: string[]
}

export interface ModelVersionRec {
  uuid: string
  model_uuid: string
  revision: string
  created_at: string
  updated_at: string
  hf_commit_sha: string | null
  hf_organization: string | null
  hf_model_name: string | null
  license: string | null
  fingerprint: string
  model_formats: string[]
  source_types: string[]
  /** PENDING until a scan of the version settles, then that scan's outcome. */
  last_eval_outcome: string
  last_eval_summary: { rules_passed: number; rules_failed: number; total_rules: number } | null
  latest_scan_time: string | null
  /** Virtual ms of `latest_scan_time`: scans that settle out of order do not overwrite a later one. */
  latestScanMs?: number
  /** The latest settled scan that was linked to this version: its files are the version's files. */
  filesScan?: string
  filesScanMs?: number
  file_count: number | null
}

/** What a scan is of, worked out when it is created. */
export interface VersionIdentity {
  source: string
  /** The model's identity within its source: `org/model` on Hugging Face, the URI elsewhere. */
  modelKey: string
  modelName: string
  revision: string
  /** The commit for Hugging Face; null elsewhere. */
  commit: string | null
  fingerprint: string
  formats: string[]
  hf: { organization: string | null; model: string | null; license: string | null } | null
}

/** `org/model` of a Hugging Face model URI (whatever follows it, such as `/tree/main`, is not part of it). */
export function hfRepo(uri: string): string {
  return uri
    .replace(/^https?:\/\/(www\.)?huggingface\.co\//i, '')
    .split('/')
    .slice(0, 2)
    .join('/')
}

/** The commit a revision names when no test has said otherwise: a stable 40-hex id of model and revision. */
export const derivedCommit = (repo: string, revision: string): string => sha1Hex(`hub:${repo}@${revision}`)

/**
 * A content fingerprint: SHA-256 over the files' paths, formats and (when the scanner reported one) digests,
 * sorted by path. The same files give the same fingerprint whatever the order they were listed in.
 */
export function fingerprintOf(files: ArtifactFile[]): string {
  const lines = files
    .map((f) => `${f.path}\t${(f.formats ?? []).join(',')}\t${f.sha256 ?? ''}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return createHash('sha256').update(lines.join('\n')).digest('hex')
}

/** Formats of the files a scan would scan (skipped files and `not_model` do not count), first seen first. */
export function formatsOf(files: ArtifactFile[]): string[] {
  return [
    ...new Set(
      files
        .filter((f) => f.status === 'SCANNED')
        .flatMap((f) => f.formats ?? [])
        .filter((f) => f !== 'not_model')
    )
  ]
}

export const modelUuid = (tsg: string, id: VersionIdentity): string =>
  stableUuid(`model:${tsg}:${id.source}:${id.modelKey}`)

export const versionUuid = (model: string, id: VersionIdentity): string =>
  stableUuid(`model-version:${model}:${id.commit ?? id.revision}:${id.fingerprint}`)
