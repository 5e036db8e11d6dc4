import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { inflateRawSync } from 'node:zlib'

/**
 * A local stand-in for GitHub Actions' artifact service, as `@actions/artifact` talks to it: the Twirp JSON
 * API at `ACTIONS_RESULTS_URL` (`CreateArtifact`, `FinalizeArtifact`, authorised by the runtime token) and
 * the Azure block-blob upload to the signed URL it hands out (`comp=block`, then `comp=blocklist`). Names are
 * unique per run as on GitHub: a second `CreateArtifact` of a name answers 409 with the service's message.
 * What was uploaded is kept, so a test can open the zip.
 */

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService/'
export const RUN_BACKEND_ID = '6b7f5c2e-0c8b-4f1e-9d7a-5a1c2b3d4e5f'
export const JOB_BACKEND_ID = 'ca395085-040a-526b-2ce8-bdc85f692774'

export interface StoredArtifact {
  id: number
  name: string
  /** the uploaded zip, whole */
  zip: Buffer
}

export interface ResultsFault {
  /** answer CreateArtifact with this status (and the service's JSON error body) */
  createStatus?: number
  /** answer each blob request this late, so a client waits */
  uploadDelayMs?: number
}

export interface FakeResults {
  url: string
  /** the ACTIONS_RUNTIME_TOKEN this service accepts */
  token: string
  artifacts: StoredArtifact[]
  /** names already used in this run (another leg's, an earlier attempt's) */
  taken: Set<string>
  /** Authorization headers that were refused */
  refused: number
  fault: ResultsFault
  close(): Promise<void>
}

/** An unsigned JWT with the Actions.Results scope the client reads the backend IDs from. */
export function runtimeToken(jti = 'fake-results'): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ jti, scp: `Actions.Results:${RUN_BACKEND_ID}:${JOB_BACKEND_ID}` })}.sig`
}

export async function startFakeResults(): Promise<FakeResults> {
  const token = runtimeToken()
  const artifacts: StoredArtifact[] = []
  const taken = new Set<string>()
  // name → blocks staged, then the committed zip
  const blobs = new Map<string, { blocks: Map<string, Buffer>; zip?: Buffer }>()
  const sockets = new Set<Socket>()
  let nextId = 4242
  const fake: FakeResults = {
    url: '',
    token,
    artifacts,
    taken,
    refused: 0,
    fault: {},
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
  const twirp = (
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    body: Record<string, unknown>
  ) => {
    if (req.headers.authorization !== `Bearer ${token}`) {
      fake.refused++
      return json(res, 401, { code: 'unauthenticated', msg: 'invalid token' })
    }
    if (
      body.workflow_run_backend_id !== RUN_BACKEND_ID ||
      body.workflow_job_run_backend_id !== JOB_BACKEND_ID
    )
      return json(res, 400, { code: 'invalid_argument', msg: 'unknown backend IDs' })
    const name = String(body.name)
    if (method === 'CreateArtifact') {
      if (fake.fault.createStatus)
        return json(res, fake.fault.createStatus, { code: 'permission_denied', msg: 'refused by the test' })
      if (taken.has(name))
        return json(res, 409, {
          code: 'already_exists',
          msg: 'an artifact with this name already exists on the workflow run'
        })
      taken.add(name)
      blobs.set(name, { blocks: new Map() })
      const blob = `${fake.url}/blob/${encodeURIComponent(name)}.zip?sv=2023&sig=fake-signature`
      return json(res, 200, { ok: true, signed_upload_url: blob })
    }
    if (method === 'FinalizeArtifact') {
      const zip = blobs.get(name)?.zip
      if (!zip) return json(res, 404, { code: 'not_found', msg: 'nothing was uploaded' })
      const id = nextId++
      artifacts.push({ id, name, zip })
      return json(res, 200, { ok: true, artifact_id: String(id) })
    }
    return json(res, 404, { code: 'bad_route', msg: `no ${method}` })
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const url = new URL(req.url ?? '/', 'http://localhost')
      if (req.method === 'POST' && url.pathname.startsWith(SERVICE))
        return twirp(req, res, url.pathname.slice(SERVICE.length), JSON.parse(body.toString('utf8') || '{}'))
      const m = /^\/blob\/(.+)\.zip$/.exec(url.pathname)
      if (req.method === 'PUT' && m) {
        if (fake.fault.uploadDelayMs)
          return void setTimeout(() => blobPut(m[1]!, url, body, res), fake.fault.uploadDelayMs)
        return blobPut(m[1]!, url, body, res)
      }
      res.writeHead(404)
      res.end()
    })
  })
  const blobPut = (encoded: string, url: URL, body: Buffer, res: ServerResponse) => {
    const blob = blobs.get(decodeURIComponent(encoded))
    if (!blob || url.searchParams.get('sig') !== 'fake-signature') {
      res.writeHead(403)
      return res.end()
    }
    const comp = url.searchParams.get('comp')
    if (comp === 'block') blob.blocks.set(url.searchParams.get('blockid')!, body)
    else if (comp === 'blocklist') {
      const ids = [...body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)</g)].map(
        (x) => x[1]!
      )
      blob.zip = Buffer.concat(ids.map((id) => blob.blocks.get(id) ?? Buffer.alloc(0)))
    } else blob.zip = body
    res.writeHead(201, { 'x-ms-request-id': 'fake', etag: '"fake"' })
    res.end()
  }
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return fake
}

/** The environment a runner gives a JavaScript action for this service. */
export function resultsEnv(fake: FakeResults): Record<string, string> {
  return { ACTIONS_RUNTIME_TOKEN: fake.token, ACTIONS_RESULTS_URL: `${fake.url}/` }
}

/**
 * The files in an uploaded zip, from its central directory (sizes there are final even when the archiver streamed
 * with data descriptors); stored or deflated members only, which is all an artifact zip holds.
 */
export function unzip(zip: Buffer): Record<string, string> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (eocd < 0) throw new Error('not a zip: no end of central directory')
  const count = zip.readUInt16LE(eocd + 10)
  let at = zip.readUInt32LE(eocd + 16)
  const out: Record<string, string> = {}
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory entry')
    const method = zip.readUInt16LE(at + 10)
    const compressed = zip.readUInt32LE(at + 20)
    const [nameLen, extraLen, commentLen] = [28, 30, 32].map((o) => zip.readUInt16LE(at + o)) as [
      number,
      number,
      number
    ]
    const local = zip.readUInt32LE(at + 42)
    const name = zip.subarray(at + 46, at + 46 + nameLen).toString('utf8')
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
    const data = zip.subarray(start, start + compressed)
    out[name] = (method === 8 ? inflateRawSync(data) : data).toString('utf8')
    at += 46 + nameLen + extraLen + commentLen
  }
  return out
}
