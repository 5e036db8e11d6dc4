import { EOL } from 'node:os'

/**
 * The runner's stdout protocol for what the gate says while it works: inputs, masks, log lines and groups,
 * written exactly as @actions/core writes them (same escaping; a test holds the two byte for byte).
 *
 * Why not core here: importing @actions/core also loads its OIDC HTTP client (all of undici's fetch) and
 * @actions/exec, about 90 ms before the gate could send its first request. Core is loaded for what it does
 * best — outputs, the job summary, annotations — once the gate has decided (`main.ts`).
 *
 * Callers pass text through defuse() first (`log.ts`): escaping keeps a message on one line, it does not stop a
 * message from starting a command of its own.
 */

// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
const ESCAPES: ReadonlyArray<readonly [RegExp, string]> = [
  [/%/g, '%25'],
  [/\r/g, '%0D'],
  [/\n/g, '%0A']
]

function escapeData(text: string): string {
  return ESCAPES.reduce((s, [re, to]) => s.replace(re, to), text)
}

/** `::name::message`, as core's issueCommand writes a command without properties. */
export function issueCommand(name: string, message = ''): void {
  process.stdout.write(`::${name}::${escapeData(message)}${EOL}`)
}

/** A plain line of the log. */
export function writeLine(line: string): void {
  process.stdout.write(`${line}${EOL}`)
}

/** An input as core's getInput reads it: `INPUT_<NAME>` (spaces as `_`, upper case), trimmed. */
export function getInput(name: string, env: Record<string, string | undefined> = process.env): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

/** Registers a value the runner masks in the rest of the log. */
export function setSecret(value: string): void {
  issueCommand('add-mask', value)
}
