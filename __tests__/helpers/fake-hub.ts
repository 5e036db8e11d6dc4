import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/**
 * A local stand-in for the Hugging Face Hub's model API as `huggingface_hub` calls it:
 * `GET /api/models/{org}/{name}` (the default branch) and `/api/models/{org}/{name}/revision/{revision}`,
 * answering `{ id, sha, ... }`, 404 for an unknown model or revision, 401 for a gated model without a token.
 * A test moves a branch by setting `refs`.
 */

export interface FakeHub {
  url: string
  /** model id → ref (branch or tag, 'main' is the default) → commit */
  refs: Map<string, Map<string, string>>
  /** models that need `Authorization: Bearer <token>` */
  gated: Map<string, string>
  /** answer every request with this status (then clear it) */
  failNext: number[]
  requests: string[]
  close(): Promise<void>
}

export async function startFakeHub(): Promise<FakeHub> {
  const sockets = new Set<Socket>()
  const hub: FakeHub = {
    url: '',
    refs: new Map(),
    gated: new Map(),
    failNext: [],
    requests: [],
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }
  const server = createServer((req, res) => {
    hub.requests.push(`${req.method} ${req.url}`)
    const fail = hub.failNext.shift()
    if (fail) return json(res, fail, { error: 'failing as the test asked' })
    const m = /^\/api\/models\/([^/]+)\/([^/]+)(?:\/revision\/([^/]+))?$/.exec(req.url ?? '')
    if (req.method !== 'GET' || !m) return json(res, 404, { error: 'Not Found' })
    const id = `${decodeURIComponent(m[1]!)}/${decodeURIComponent(m[2]!)}`
    const token = hub.gated.get(id)
    if (token && req.headers.authorization !== `Bearer ${token}`)
      return json(res, 401, { error: 'Access to model is restricted.' })
    const refs = hub.refs.get(id)
    if (!refs) return json(res, 404, { error: 'Repository not found' })
    const rev = m[3] === undefined ? 'main' : decodeURIComponent(m[3])
    const sha = refs.get(rev) ?? ([...refs.values()].includes(rev) ? rev : undefined)
    if (!sha) return json(res, 404, { error: `Invalid rev id: ${rev}` })
    json(res, 200, { _id: 'x', id, modelId: id, sha, private: false, siblings: [] })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  hub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return hub
}
