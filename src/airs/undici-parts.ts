import Dispatcher from 'undici/lib/dispatcher/dispatcher.js'
import Agent from 'undici/lib/dispatcher/agent.js'
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js'
import api from 'undici/lib/api/index.js'

/**
 * The parts of undici the client uses: the connection pool, the proxy-aware pool, and the request API on every
 * dispatcher.
 *
 * undici's index loads everything it offers (fetch, WebSocket, EventSource, the cache, mocks, interceptors):
 * about 900 KB of source and 30 ms before the gate's first request, for nothing the gate calls. undici 6 has no
 * `exports` map, so its modules can be imported by path. The index's own setup is repeated here: it puts the
 * request API (`request`, `connect`, …) on Dispatcher's prototype, which the proxy agent relies on.
 * `__tests__/airs/undici-parts.test.ts` checks that these are the very classes and functions the index exports,
 * so an upgrade that moves them fails the tests, not a run.
 */
Object.assign(Dispatcher.prototype, api)

export { Agent, EnvHttpProxyAgent }
