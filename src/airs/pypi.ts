import type { ApiContext } from './api-context.js'
import { PyPIAuthSchema, type PyPIAuth } from './schemas/mgmt-plane.js'

/**
 * Management plane: the short-lived URL of the private package index that serves the official scanner
 * client. The URL embeds a token, so it is handed to the secret sink before anyone can log it.
 */
export class PyPIApi {
  constructor(
    private readonly ctx: ApiContext,
    private readonly onSecret: (secret: string) => void
  ) {}

  async authenticate(opts: { signal?: AbortSignal } = {}): Promise<PyPIAuth> {
    const auth = await this.ctx.transport.call({
      plane: 'mgmt',
      method: 'GET',
      path: '/v1/pypi/authenticate',
      schema: PyPIAuthSchema,
      signal: opts.signal
    })
    this.onSecret(auth.url)
    const u = new URL(auth.url)
    if (u.password) this.onSecret(decodeURIComponent(u.password))
    if (u.username && u.username !== '_token') this.onSecret(decodeURIComponent(u.username))
    return auth
  }
}
