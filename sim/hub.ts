import { sha1Hex } from './ids.js'
import type { Reply } from './reply.js'
import { matches, scenarioContent } from './scenarios.js'
import type { Store } from './store.js'

/**
 * The two Hugging Face Hub reads a client makes to pin a model before scanning it, answered from the same
 * commits the scans record (`hf_commit_sha`): `GET /api/models/<org>/<model>` (the default branch, `main`)
 * and `GET /api/models/<org>/<model>/revision/<revision>`. Point `HF_ENDPOINT` at the simulator to use them.
 * Every repository exists and every revision resolves; files come from the model's scenario. Not the AIRS
 * API: never recorded for contract checks.
 */

const hubError = (status: number, error: string): Reply => ({ status, body: { error } })

export function serveHub(store: Store, method: string, path: string): Reply {
  const m = /^\/api\/models\/([^/]+)\/([^/]+)(?:\/revision\/([^/]+))?$/.exec(path)
  if (!m) return hubError(404, 'Repository not found')
  if (method !== 'GET' && method !== 'HEAD') return hubError(405, 'Method not allowed')
  let parts: string[]
  try {
    parts = [m[1]!, m[2]!, m[3] ?? 'main'].map(decodeURIComponent)
  } catch {
    return hubError(400, 'Invalid path')
  }
  const [org, name, revision] = parts as [string, string, string]
  const repo = `${org}/${name}`
  const uri = `https://huggingface.co/${repo}`
  const sha = store.hubCommit(repo, revision)
  const scenario = store.scenarios.find((s) => matches(s, uri))
  // a large generated repository is listed without its files
  const files = scenario?.generate ? [] : scenarioContent(scenario ?? { match: '*' }, uri, null, null).files
  return {
    status: 200,
    body: {
      _id: sha1Hex(`repo:${repo}`).slice(0, 24),
      id: repo,
      modelId: repo,
      author: org,
      sha,
      private: false,
      disabled: false,
      gated: false,
      siblings: files.map((f) => ({ rfilename: f.path }))
    }
  }
}
