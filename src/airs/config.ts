import { AirsError, invalidArgument } from './airs-error.js'

/**
 * Where the client's credentials and endpoints come from. Explicit options win, then the TypeScript SDK's
 * `PANW_MODEL_SEC_*` variables, then `PANW_MGMT_*` (credentials and token endpoint only), then the official
 * Python client's `MODEL_SECURITY_*` / `TSG_ID` family, then the documented defaults.
 */

export const DEFAULT_TOKEN_ENDPOINT = 'https://auth.apps.paloaltonetworks.com/oauth2/access_token'

/**
 * API hosts per region. Only `us` is documented for AI Model Security; `eu` is the host the TypeScript SDK
 * shows and is not verified. Any other deployment is reached with explicit endpoints.
 */
const REGION_API_BASES = {
  us: 'https://api.sase.paloaltonetworks.com/aims',
  eu: 'https://api.eu.sase.paloaltonetworks.com/aims'
} as const
type Region = keyof typeof REGION_API_BASES

export interface ConfigOptions {
  clientId?: string
  clientSecret?: string
  tsgId?: string
  tokenEndpoint?: string
  /** Base URL with both planes below it (`…/aims`): `/data` and `/mgmt` are appended. */
  apiEndpoint?: string
  dataEndpoint?: string
  mgmtEndpoint?: string
  region?: string
  /** Allow plain `http://` to hosts other than loopback (tests through a proxy). Never for real use. */
  allowInsecureHttp?: boolean
  env?: Record<string, string | undefined>
}

/** A resolved value and the name of the option or variable it came from (for diagnostics, never the value). */
interface Sourced {
  value: string
  source: string
}

export interface ClientConfig {
  clientId: Sourced
  clientSecret: Sourced
  tsgId: Sourced
  tokenEndpoint: Sourced
  dataEndpoint: Sourced
  mgmtEndpoint: Sourced
}

function pick(candidates: Array<[string, string | undefined]>): Sourced | undefined {
  for (const [source, raw] of candidates) {
    const value = raw?.trim()
    if (value) return { value, source }
  }
  return undefined
}

/** The environment variables each credential falls back to, in order. */
export const CREDENTIAL_VARS = {
  clientId: ['PANW_MODEL_SEC_CLIENT_ID', 'PANW_MGMT_CLIENT_ID', 'MODEL_SECURITY_CLIENT_ID'],
  clientSecret: ['PANW_MODEL_SEC_CLIENT_SECRET', 'PANW_MGMT_CLIENT_SECRET', 'MODEL_SECURITY_CLIENT_SECRET'],
  tsgId: ['PANW_MODEL_SEC_TSG_ID', 'PANW_MGMT_TSG_ID', 'TSG_ID']
} as const
const CREDENTIAL_NAMES = {
  clientId: ['client ID', 'client-id'],
  clientSecret: ['client secret', 'client-secret'],
  tsgId: ['TSG ID', 'tsg-id']
} as const

function credential(
  key: keyof typeof CREDENTIAL_VARS,
  options: ConfigOptions,
  env: Record<string, string | undefined>
): Sourced {
  const [what, option] = CREDENTIAL_NAMES[key]
  const vars = CREDENTIAL_VARS[key]
  const found = pick([[option, options[key]], ...vars.map((v): [string, string | undefined] => [v, env[v]])])
  if (found) return found
  throw new AirsError(
    'MISSING_VARIABLE',
    `Missing ${what}: set the \`${option}\` input or one of the environment variables ${vars.join(', ')}.`,
    { reason: 'MISSING_CONFIGURATION' }
  )
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

/** Checks an endpoint URL and returns it without a trailing slash. */
function checkEndpoint(what: string, s: Sourced, allowInsecureHttp = false): Sourced {
  let url: URL
  try {
    url = new URL(s.value)
  } catch {
    throw invalidArgument(`The ${what} from ${s.source} is not a valid URL: use an absolute https:// URL.`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalidArgument(`The ${what} from ${s.source} must be an https:// URL, not ${url.protocol}.`)
  }
  const loopback = LOOPBACK.has(url.hostname) || url.hostname.startsWith('127.')
  if (url.protocol === 'http:' && !loopback && !allowInsecureHttp) {
    throw invalidArgument(
      `The ${what} from ${s.source} uses plain http://; credentials and tokens would travel unencrypted. Use https://.`
    )
  }
  if (url.username || url.password) {
    throw invalidArgument(
      `The ${what} from ${s.source} must not embed credentials; pass them as the client ID and secret.`
    )
  }
  if (url.search || url.hash) {
    throw invalidArgument(`The ${what} from ${s.source} must not carry a query string or fragment.`)
  }
  return { value: url.toString().replace(/\/+$/, ''), source: s.source }
}

// A TSG ID is a tenant identifier, digits in every documented example; it is used in the OAuth scope.
const TSG_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

export function resolveConfig(options: ConfigOptions = {}): ClientConfig {
  const env = options.env ?? process.env
  const e = (name: string): [string, string | undefined] => [name, env[name]]

  const clientId = credential('clientId', options, env)
  const clientSecret = credential('clientSecret', options, env)
  const tsgId = credential('tsgId', options, env)
  if (!TSG_PATTERN.test(tsgId.value)) {
    throw invalidArgument(
      `The TSG ID from ${tsgId.source} is not a tenant service group ID (expected up to 64 letters, digits, "_" or "-", e.g. 1234567890).`
    )
  }

  const insecure = options.allowInsecureHttp ?? false
  const tokenEndpoint = checkEndpoint(
    'token endpoint',
    pick([
      ['token-endpoint', options.tokenEndpoint],
      e('PANW_MODEL_SEC_TOKEN_ENDPOINT'),
      e('PANW_MGMT_TOKEN_ENDPOINT'),
      e('MODEL_SECURITY_TOKEN_ENDPOINT')
    ]) ?? { value: DEFAULT_TOKEN_ENDPOINT, source: 'default' },
    insecure
  )

  let regionBase: Sourced | undefined
  if (options.region?.trim()) {
    const region = options.region.trim().toLowerCase()
    if (!(region in REGION_API_BASES)) {
      throw invalidArgument(
        `Unknown region "${options.region}": use one of ${Object.keys(REGION_API_BASES).join(', ')}, or set the API endpoint explicitly.`
      )
    }
    regionBase = { value: REGION_API_BASES[region as Region], source: `region ${region}` }
  }
  const explicitBase = pick([['api-endpoint', options.apiEndpoint]])
  const pythonBase = pick([e('MODEL_SECURITY_API_ENDPOINT')])
  const plane = (base: Sourced | undefined, suffix: string): Sourced | undefined =>
    base && { value: `${checkEndpoint('API endpoint', base, insecure).value}/${suffix}`, source: base.source }
  const defaultBase: Sourced = { value: REGION_API_BASES.us, source: 'default' }

  const dataEndpoint = checkEndpoint(
    'data-plane endpoint',
    pick([['data-endpoint', options.dataEndpoint]]) ??
      plane(explicitBase ?? regionBase, 'data') ??
      pick([e('PANW_MODEL_SEC_DATA_ENDPOINT')]) ??
      plane(pythonBase ?? defaultBase, 'data')!,
    insecure
  )
  const mgmtEndpoint = checkEndpoint(
    'management-plane endpoint',
    pick([['mgmt-endpoint', options.mgmtEndpoint]]) ??
      plane(explicitBase ?? regionBase, 'mgmt') ??
      pick([e('PANW_MODEL_SEC_MGMT_ENDPOINT')]) ??
      plane(pythonBase ?? defaultBase, 'mgmt')!,
    insecure
  )

  return { clientId, clientSecret, tsgId, tokenEndpoint, dataEndpoint, mgmtEndpoint }
}

/**
 * A service-account client ID embeds its tenant (`name@<tsg>.iam.panserviceaccount.com`). A different TSG ID
 * is the most common cause of "invalid_client", so callers warn about it before the first request.
 */
export function tsgMismatch(config: ClientConfig): string | undefined {
  const m = /@(\d+)\.iam\.panserviceaccount\.com$/i.exec(config.clientId.value)
  if (m && m[1] !== config.tsgId.value) {
    return `The client ID belongs to TSG ${m[1]} but the TSG ID is ${config.tsgId.value} (from ${config.tsgId.source}); the token request will likely be rejected.`
  }
  return undefined
}
