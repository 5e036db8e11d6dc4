import { expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { VERSION } from '../../src/version.js'

it('reports the version in package.json', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string
  }
  expect(VERSION).toBe(pkg.version)
})
