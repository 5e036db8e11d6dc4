import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { defuse } from '../../src/util/text.js'
import { runnerCommands } from '../helpers/runner-log.js'

/** Would the runner read this line as a workflow command (`::name::`), after it trims leading whitespace? */
const isCommand = (line: string) =>
  runnerCommands(line, { paranoid: true }).some((c) => !c.name.startsWith('v1:'))

describe('defuse', () => {
  it.each([
    '::set-output name=verdict::pass',
    '::add-mask::secret',
    '::error file=a.py::boom',
    '  ::warning::indented',
    '\t::stop-commands::token',
    '::'
  ])('stops %j being a workflow command', (line) => {
    expect(isCommand(line)).toBe(true)
    const out = defuse(line)
    expect(isCommand(out)).toBe(false)
    // only a zero-width character is added: the text reads the same
    expect(out.replace(/\u200b/g, '')).toBe(line)
  })

  it.each([
    ['a later line', 'scan started\n::set-env name=X::1'],
    ['after a CRLF', 'first\r\n::add-path::/tmp/evil'],
    ['after a lone CR', 'first\r::add-mask::x'],
    ['after a blank line', 'first\n\n   ::debug::x'],
    ['on every line', '::a::1\n::b::2\r\n::c::3']
  ])('defuses a command on %s', (_, message) => {
    const lines = defuse(message).split('\n')
    expect(lines.length).toBeGreaterThan(1)
    for (const line of lines) expect(isCommand(line)).toBe(false)
    expect(defuse(message)).not.toMatch(/\r/)
  })

  it.each([
    '##[set-output name=verdict;]pass',
    'text before ##[error]boom',
    '##[group]a ##[endgroup]',
    'line one\n  ##[add-mask]x'
  ])('breaks every ##[ in %j', (message) => {
    const out = defuse(message)
    expect(out).not.toContain('##[')
    expect(out.replace(/\u200b/g, '')).toBe(message)
  })

  it.each([
    'scan 7a7e1cdf created against "Default HUGGING_FACE" (PENDING)',
    'a::b is not a command when it does not start the line',
    '## heading and #[ and #[# and [##]',
    'unicode: é 日本 🙂',
    'two\nlines',
    ''
  ])('leaves %j unchanged', (message) => {
    expect(defuse(message)).toBe(message)
  })

  it('never lets a line start a command, and only ever adds zero-width spaces', () => {
    const line = fc.array(fc.constantFrom('::', '##[', ' ', '\t', 'a', ':', '#', '['), { maxLength: 12 })
    const message = fc
      .array(
        fc.tuple(
          line.map((parts) => parts.join('')),
          fc.constantFrom('\n', '\r\n', '\r')
        ),
        { maxLength: 5 }
      )
      .map((ls) => ls.map(([l, eol]) => l + eol).join(''))
    fc.assert(
      fc.property(message, (m) => {
        const out = defuse(m)
        for (const l of out.split('\n')) expect(isCommand(l)).toBe(false)
        expect(out).not.toContain('##[')
        expect(out.replace(/\u200b/g, '')).toBe(m.replace(/\r\n|\r/g, '\n'))
      })
    )
  })
})
