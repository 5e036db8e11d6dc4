import { expect } from '@jest/globals'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * Golden files: a renderer's whole output compared with the reviewed copy in __tests__/report/golden/.
 * `UPDATE_GOLDEN=1 npm test` rewrites them; review the diff before committing.
 */

const DIR = fileURLToPath(new URL('../report/golden/', import.meta.url))

export function expectGolden(name: string, actual: string): void {
  const path = `${DIR}${name}`
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(DIR, { recursive: true })
    writeFileSync(path, actual)
  }
  if (!existsSync(path)) throw new Error(`golden file ${name} is missing; run UPDATE_GOLDEN=1 npm test`)
  expect(actual).toBe(readFileSync(path, 'utf8'))
}
