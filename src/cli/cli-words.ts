import { INPUT_NAMES, type InputName } from '../inputs.js'

/**
 * The gate speaks the action's language ("the `client-id` input", "the workspace"); on a command line the same
 * things are flags, environment variables and --workspace. One translation at the CLI's edge keeps the
 * messages written once, for both.
 */

/** Inputs that are environment variables only on the command line (a secret in argv is in `ps` and history). */
export const ENV_ONLY: Partial<Record<InputName, string>> = {
  'client-secret': 'PANW_MODEL_SEC_CLIENT_SECRET (or MODEL_SECURITY_CLIENT_SECRET)'
}

const names = [...INPUT_NAMES].sort((a, b) => b.length - a.length).join('|')
/** "the `client-id` input", "the security-group input", "input timeout" */
const INPUT_PHRASE = new RegExp(`\\b(?:the )?\`?(${names})\`? input\\b`, 'g')
const INVALID = new RegExp(`\\bInvalid input (${names}):`, 'g')
const ENV_ONLY_CHOICE = new RegExp(
  `set the \`(?:${Object.keys(ENV_ONLY).join('|')})\` input or one of the environment variables`,
  'g'
)

/** How the CLI names an input. */
export function flagOf(name: InputName): string {
  return ENV_ONLY[name] ?? `--${name}`
}

export function inCliWords(text: string): string {
  const out = text
    // "set the `client-secret` input or one of the environment variables …": only the variables are left
    .replace(ENV_ONLY_CHOICE, 'set one of the environment variables')
    .replace(INVALID, (_, n: InputName) => `Invalid ${flagOf(n)}:`)
    .replace(INPUT_PHRASE, (_, n: InputName) => flagOf(n))
  return /\bthe workspace\b/.test(out) && !out.includes(WORKSPACE_NOTE) ? `${out}${WORKSPACE_NOTE}` : out
}

/** Where "the workspace" is, for a reader who never chose one. */
const WORKSPACE_NOTE = ' (The workspace is --workspace, by default the current directory.)'
