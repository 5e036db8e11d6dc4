import type { Dispatcher } from 'undici'
import { NetworkError, send } from '../airs/http.js'
import type { Env } from '../util/confine.js'
import { GateError, inputError } from '../util/gate-error.js'
import { plainText } from '../util/text.js'
import type { ModelSource } from './model-source.js'

/**
 * Pins a Hugging Face model before it is scanned: its revision (a branch, a tag, or none for the default
 * branch) is resolved to the commit it points to now, through the Hub's API, and the scan is made of that
 * commit. A branch that moves after the scan then cannot carry the verdict to content nobody scanned, and the
 * report names the exact commit a release can bind to. `HF_ENDPOINT` and `HF_TOKEN` are read as
 * `huggingface_hub` names them (a mirror; gated or private models).
 */

export interface HubResolver {
  /** the 40-hex commit `revision` (or the default branch) of the model points to */
  resolve(model: ModelSource, revision: string | undefined, signal: AbortSignal): Promise<string>
}

const DEFAULT_ENDPOINT = 'https://huggingface.co'
const COMMIT = /^[0-9a-f]{40}$/
/** A model's metadata is a few kB; the Hub's answer for a large repository lists its files, still small. */
const MAX_BODY_BYTES = 4 * 1024 * 1024
const TIMEOUT_MS = 30_000
/** The Hub answers 429 and 5xx now and then; one more try after a pause, then the model is not verified. */
const RETRY_AFTER_MS = 2_000
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/

/** The endpoint from HF_ENDPOINT: https, or http on loopback (a local mirror, the tests' fake Hub). */
export function hubEndpoint(env: Env): string {
  const raw = env.HF_ENDPOINT?.trim() || DEFAULT_ENDPOINT
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw inputError('HF_ENDPOINT', `"${plainText(raw, 60)}" is not a URL; give the Hub's https address.`)
  }
  if (url.username || url.password)
    throw inputError('HF_ENDPOINT', 'must not carry credentials; give the token in HF_TOKEN.')
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname)))
    throw inputError('HF_ENDPOINT', 'must be an https address (http only on loopback).')
  return url.href.replace(/\/+$/, '')
}

export function hubResolver(options: {
  env: Env
  dispatcher: Dispatcher
  onSecret: (secret: string) => void
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>
}): HubResolver {
  const endpoint = hubEndpoint(options.env)
  const token = options.env.HF_TOKEN?.trim() || undefined
  if (token) options.onSecret(token)
  return {
    async resolve(model, revision, signal) {
      // a full commit is already pinned: nothing to ask
      if (revision !== undefined && COMMIT.test(revision)) return revision
      const repo = model.modelUri.replace(/^https:\/\/huggingface\.co\//, '')
      const path = `/api/models/${repo.split('/').map(encodeURIComponent).join('/')}${
        revision === undefined ? '' : `/revision/${encodeURIComponent(revision)}`
      }`
      const what = `${repo}${revision === undefined ? ' (default branch)' : `@${revision}`}`
      for (let attempt = 1; ; attempt++) {
        let res
        try {
          res = await send(options.dispatcher, {
            method: 'GET',
            url: `${endpoint}${path}`,
            headers: { accept: 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
            timeoutMs: TIMEOUT_MS,
            maxBodyBytes: MAX_BODY_BYTES,
            signal
          })
        } catch (e) {
          if (attempt === 1 && e instanceof NetworkError && e.failure !== 'aborted') {
            await options.sleep(RETRY_AFTER_MS, signal)
            continue
          }
          throw unresolved(
            what,
            `the Hub at ${endpoint} could not be reached (${e instanceof Error ? e.message : String(e)})`
          )
        }
        if ((res.status === 429 || res.status >= 500) && attempt === 1) {
          await options.sleep(RETRY_AFTER_MS, signal)
          continue
        }
        if (res.status === 401 || res.status === 403)
          throw unresolved(
            what,
            `the Hub refused access (${res.status}); a gated or private model needs HF_TOKEN with read access`
          )
        if (res.status === 404)
          throw unresolved(
            what,
            'the Hub knows no such model or revision; check the name and the branch, tag or commit'
          )
        if (res.status !== 200) throw unresolved(what, `the Hub answered ${res.status}`)
        let sha: unknown
        try {
          sha = (JSON.parse(res.text) as { sha?: unknown }).sha
        } catch {
          throw unresolved(what, 'the Hub answered with something that is not JSON')
        }
        if (typeof sha !== 'string' || !COMMIT.test(sha))
          throw unresolved(what, 'the Hub answered without a 40-character commit SHA')
        return sha
      }
    }
  }
}

function unresolved(what: string, why: string): GateError {
  return new GateError(
    'REVISION_UNRESOLVED',
    `${what} could not be pinned to a commit: ${why}. The gate scans exact commits only; pin one with @<commit> to skip the lookup.`
  )
}
