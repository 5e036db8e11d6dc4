import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { NEXT_STEP } from '../../src/report/next-step.js'
import { GATE_ERROR_CODES } from '../../src/util/gate-error.js'

/** The next step shown beside an error is the troubleshooting table's "What to do", word for word. */

const DOC = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'troubleshooting.md'), 'utf8')

/** `code` → "What to do" from the table's rows (`| \`CODE\` | meaning | what to do |`). */
function documented(): Record<string, string> {
  const rows: Record<string, string> = {}
  for (const m of DOC.matchAll(/^\| `([A-Z_]+)` +\|[^|]*\| (.*?) +\|$/gm)) rows[m[1]!] = m[2]!
  return rows
}

describe('next steps', () => {
  it('cover every error code', () => {
    expect(Object.keys(NEXT_STEP).sort()).toEqual([...GATE_ERROR_CODES].sort())
  })

  it('match docs/troubleshooting.md', () => {
    expect(NEXT_STEP).toEqual(documented())
  })
})
