import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { format, resolveConfig } from 'prettier'
import { parse } from 'yaml'

/**
 * `npm run input-docs`: writes src/cli/input-docs.ts, the CLI's flag descriptions and defaults, from
 * action.yml, so `airs-model-gate scan --help` says what the action's documentation says and cannot drift
 * from it (__tests__/cli/help.test.ts fails when the file is not what this script writes).
 */

const ACTION = fileURLToPath(new URL('../action.yml', import.meta.url))
export const INPUT_DOCS_FILE = fileURLToPath(new URL('../src/cli/input-docs.ts', import.meta.url))

interface ActionInput {
  description: string
  default?: string | boolean | number
}

/**
 * The module's text for an action.yml, formatted as the repository formats TypeScript. Defaults that are
 * expressions (`${{ github.token }}`) are left out.
 */
export async function inputDocsModule(actionYml: string): Promise<string> {
  const inputs = (parse(actionYml) as { inputs: Record<string, ActionInput> }).inputs
  const entries = Object.entries(inputs).map(([name, input]) => {
    const description = input.description.replace(/\s+/g, ' ').trim()
    const def = input.default === undefined ? undefined : String(input.default)
    const usable = def !== undefined && !def.includes('${{')
    return `  ${JSON.stringify(name)}: {\n    description: ${JSON.stringify(description)}${usable ? `,\n    default: ${JSON.stringify(def)}` : ''}\n  }`
  })
  const text = [
    '// Generated from action.yml by scripts/input-docs.ts (`npm run input-docs`); do not edit.',
    '',
    '/** Each input of the action: its description and its default, as action.yml states them. */',
    'export const INPUT_DOCS: Readonly<Record<string, { description: string; default?: string }>> = {',
    entries.join(',\n'),
    '}',
    ''
  ].join('\n')
  return format(text, { ...(await resolveConfig(INPUT_DOCS_FILE)), filepath: INPUT_DOCS_FILE })
}

if (process.argv.includes('--write'))
  writeFileSync(INPUT_DOCS_FILE, await inputDocsModule(readFileSync(ACTION, 'utf8')))
