import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type * as Yaml from 'yaml'
import { cacheFile, REAL_YAML, SPEC_CACHE_VAR } from './global-setup.js'

/**
 * `yaml` in the test projects (jest.config.js maps the name here): the real package, but for a text the global
 * setup parsed already (the OpenAPI documents), a fresh copy of that parse. Everything else, and everything when
 * the cache is absent (a test run without the global setup), goes to the real parser with its arguments.
 */

const real = createRequire(import.meta.url)(REAL_YAML) as typeof Yaml

export const parse: typeof real.parse = ((text: string, ...rest: unknown[]): unknown => {
  const dir = process.env[SPEC_CACHE_VAR]
  if (dir && typeof text === 'string' && rest.length === 0) {
    const file = cacheFile(dir, text)
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'))
  }
  return (real.parse as (...args: unknown[]) => unknown)(text, ...rest)
}) as typeof real.parse

export default { ...real, parse }
