import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'

/**
 * A loopback HTTP server that notes when each request arrives (performance.now()) and refuses it as an OAuth
 * token endpoint refuses bad credentials, so a client pointed at it stops soon. For cold-start timing.
 */
export async function firstRequestServer(): Promise<{
  url: string
  /** The arrival time of the next request. */
  next(): Promise<number>
  close(): Promise<void>
}> {
  let waiting: ((at: number) => void) | undefined
  const server = createServer((req, res) => {
    const at = performance.now()
    waiting?.(at)
    waiting = undefined
    req.resume()
    res.writeHead(401, { 'content-type': 'application/json', connection: 'close' })
    res.end(JSON.stringify({ error: 'invalid_client', error_description: 'benchmark endpoint' }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    next: () => new Promise<number>((resolve) => (waiting = resolve)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
