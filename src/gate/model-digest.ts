import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { listModel } from '../engine/walk.js'
import { checksumLine } from '../util/checksum.js'
import type { ArtifactDigest } from './result.js'

/**
 * The content digest of a local model: sha256 of every file, streamed (a model of many gigabytes is never
 * held in memory), and one sha256 over the sorted `<sha256>  <path>` lines, the format `sha256sum` writes and
 * `sha256sum -c` and `actions/attest`'s `subject-checksums` read. What a release binds its verdict to:
 * `verify` re-hashes the artifact about to be promoted and compares.
 *
 * A symbolic link is hashed as the file it leads to (what a loader reads); one that leads nowhere, or to
 * something that is not a file, makes the digest impossible, and then there is none (never a partial one).
 */

/** More files than a model plausibly has; past it the listing is cut and no digest is claimed. */
const MAX_FILES = 100_000

export class DigestError extends Error {}

/**
 * The digest, or none with a warning saying why: the verdict does not depend on it, but a release that binds
 * to the artifact must know it has nothing to bind to.
 */
export async function digestOrWarn(
  modelPath: string,
  warnings: string[],
  digest: (path: string) => Promise<ArtifactDigest> = modelDigest
): Promise<ArtifactDigest | undefined> {
  try {
    return await digest(modelPath)
  } catch (e) {
    warnings.push(
      `No content digest of the model (${e instanceof Error ? e.message : String(e)}): a release cannot bind this verdict to its files.`
    )
    return undefined
  }
}

export async function modelDigest(modelPath: string): Promise<ArtifactDigest> {
  const listing = await listModel(modelPath, MAX_FILES)
  if (listing.truncated) throw new DigestError(`more than ${MAX_FILES} files`)
  const files: ArtifactDigest['files'] = []
  for (const entry of listing.entries) {
    if (entry.kind === 'other') throw new DigestError(`${entry.rel} is neither a file nor a link`)
    // a link is read through, as a loader would; what it leads to must be a file
    const st = await stat(entry.abs).catch(() => undefined)
    if (!st?.isFile()) throw new DigestError(`${entry.rel} leads to no file`)
    files.push({ path: entry.rel, sha256: await fileSha256(entry.abs), size: st.size })
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return { sha256: listSha256(files), files }
}

/**
 * An object-storage model as the client on the runner downloaded it, before it is removed: what was scanned.
 * The client lays its download out under folders of its own naming (the scheme, a random name), so the files
 * are named from the deepest folder that holds them all, and the same objects give the same digest every run.
 */
export async function downloadDigest(downloadDir: string): Promise<ArtifactDigest> {
  const all = await modelDigest(downloadDir)
  if (all.files.length === 0) throw new DigestError('the client left no downloaded file to hash')
  return fromCommonFolder(all)
}

/** The digest with its files named from the deepest folder that holds them all (a file keeps its name). */
export function fromCommonFolder(digest: ArtifactDigest): ArtifactDigest {
  const split = digest.files.map((f) => f.path.split('/'))
  const first = split[0] ?? []
  let depth = 0
  while (split.length > 0 && split.every((p) => p.length - 1 > depth && p[depth] === first[depth])) depth++
  if (depth === 0) return digest
  const files = digest.files.map((f, i) => ({ ...f, path: split[i]!.slice(depth).join('/') }))
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return { sha256: listSha256(files), files }
}

/** sha256 over `sha256sum` lines: the same files give the same digest wherever they are. */
export function listSha256(files: ReadonlyArray<{ path: string; sha256: string }>): string {
  const hash = createHash('sha256')
  for (const f of files) hash.update(checksumLine(f.sha256, f.path))
  return hash.digest('hex')
}

async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 }))
    hash.update(chunk as Buffer)
  return hash.digest('hex')
}
