import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { CLI_INPUTS, FLAG_GROUPS, overviewHelp, scanHelp } from '../../src/cli/help.js'
import { inCliWords } from '../../src/cli/cli-words.js'
import { DEFAULTS, INPUT_CHOICES } from '../../src/inputs.js'
import { INPUT_DOCS_FILE, inputDocsModule } from '../../scripts/input-docs.js'

/** The CLI's help is action.yml's documentation in the CLI's words; it cannot drift from it. */

const actionYml = readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')
const action = parse(actionYml) as { inputs: Record<string, { description: string; default?: string }> }

describe('the CLI help', () => {
  it('is generated from action.yml as it is now (npm run input-docs)', async () => {
    expect(readFileSync(INPUT_DOCS_FILE, 'utf8')).toBe(await inputDocsModule(actionYml))
  })

  it('puts every CLI flag in exactly one group', () => {
    const grouped = FLAG_GROUPS.flatMap(([, names]) => names)
    expect([...grouped].sort()).toEqual([...CLI_INPUTS].sort())
    expect(new Set(grouped).size).toBe(grouped.length)
  })

  const help = overviewHelp()
  it.each(CLI_INPUTS)('documents --%s with its description, default and choices', (name) => {
    const block = help.slice(help.indexOf(`  --${name} <`))
    const entry = block.slice(0, block.indexOf('\n  --', 1))
    // the description's first words, as action.yml has them (code marks and input names in CLI words)
    const first = inCliWords(action.inputs[name]!.description.replace(/\s+/g, ' '))
      .replace(/`([^`]*)`/g, '$1')
      .split(' ')
      .slice(0, 4)
      .join(' ')
    expect(entry.replace(/\s+/g, ' ')).toContain(first)
    const def = (DEFAULTS as Record<string, string>)[name] ?? action.inputs[name]!.default
    const choices = (INPUT_CHOICES as Record<string, readonly string[]>)[name]
    const expected = [
      ...(def === undefined ? [] : [`default: ${def}`]),
      ...(choices ? [`<${choices.join('|')}>`] : [])
    ]
    expect(expected.filter((e) => !entry.includes(e))).toEqual([])
  })

  it('never offers the secret or the action-only inputs as flags, and names the environment instead', () => {
    for (const text of [help, scanHelp()]) {
      expect(text).not.toMatch(/--client-secret|--github-token|--comment\b|--job-summary|--upload-artifact/)
      expect(text).toContain('PANW_MODEL_SEC_CLIENT_SECRET')
      expect(text).toContain('--engine builtin')
    }
    // fits a terminal
    for (const line of help.split('\n')) expect(line.length).toBeLessThanOrEqual(110)
  })
})

describe('messages in CLI words', () => {
  it.each([
    ['Invalid input timeout: "5x" is not a duration.', 'Invalid --timeout: "5x" is not a duration.'],
    [
      'Missing client ID: set the `client-id` input or one of the environment variables X.',
      'Missing client ID: set --client-id or one of the environment variables X.'
    ],
    ['check the security-group input or pass the UUID.', 'check --security-group or pass the UUID.'],
    [
      'Invalid input client-secret: empty',
      'Invalid PANW_MODEL_SEC_CLIENT_SECRET (or MODEL_SECURITY_CLIENT_SECRET): empty'
    ],
    // words that only look like input names stay
    ['compares graph input x with a constant', 'compares graph input x with a constant']
  ])('%s', (action, cli) => {
    expect(inCliWords(action)).toBe(cli)
  })

  it('says once where the workspace is', () => {
    const text = inCliWords('x is outside the workspace /w; put the model inside the workspace')
    expect(text.match(/--workspace/g)).toHaveLength(1)
    expect(inCliWords(text)).toBe(text)
  })
})
