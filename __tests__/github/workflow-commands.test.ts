import { describe, expect, it } from '@jest/globals'
import * as core from '@actions/core'
import fc from 'fast-check'
import { getInput, issueCommand, setSecret, writeLine } from '../../src/github/workflow-commands.js'

/**
 * workflow-commands.ts writes what @actions/core would, without loading core before the first request. The
 * runner reads both the same way only if the bytes are the same: compared here, for any text.
 */

function printed(f: () => void): string {
  const write = process.stdout.write
  let out = ''
  process.stdout.write = (chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
    return true
  }
  try {
    f()
  } finally {
    process.stdout.write = write
  }
  return out
}

// text with what the escaping is about: %, line breaks, and command markers
const hostile = fc.string({
  unit: fc.constantFrom('%', '\r', '\n', ':', ',', '#', '[', 'a', 'é', ' ', '\u2028')
})
const text = fc.oneof(fc.string(), hostile)

describe('workflow commands, byte for byte as @actions/core writes them', () => {
  it.each<[string, (m: string) => void, (m: string) => void]>([
    ['debug', (m) => issueCommand('debug', m), (m) => core.debug(m)],
    ['warning', (m) => issueCommand('warning', m), (m) => core.warning(m)],
    ['error', (m) => issueCommand('error', m), (m) => core.error(m)],
    ['group', (m) => issueCommand('group', m), (m) => core.startGroup(m)],
    ['add-mask', setSecret, (m) => core.setSecret(m)],
    ['a plain line', writeLine, (m) => core.info(m)]
  ])('%s', (_name, ours, theirs) => {
    fc.assert(fc.property(text, (m) => printed(() => ours(m)) === printed(() => theirs(m))))
    expect(printed(() => ours('50%\r\n::x'))).toBe(printed(() => theirs('50%\r\n::x')))
  })

  it('endgroup', () => {
    expect(printed(() => issueCommand('endgroup'))).toBe(printed(() => core.endGroup()))
  })

  it('reads an input as getInput does: spaces as _, upper case, trimmed', () => {
    const names = fc
      .string({ unit: fc.constantFrom('a', 'B', '-', ' ', '_', '1') })
      .filter((n) => n.trim() !== '')
    fc.assert(
      fc.property(names, text, (name, value) => {
        const key = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
        const saved = process.env[key]
        process.env[key] = value
        try {
          return getInput(name, process.env) === core.getInput(name)
        } finally {
          if (saved === undefined) delete process.env[key]
          else process.env[key] = saved
        }
      })
    )
    expect(getInput('model-uri', { 'INPUT_MODEL-URI': '  org/m \n' })).toBe('org/m')
    expect(getInput('model-uri', {})).toBe('')
  })
})
