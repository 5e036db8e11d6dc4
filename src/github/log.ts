import type { Logger } from '../util/logger.js'
import { modelLines, modelTitle } from '../report/terminal.js'
import type { RunView } from '../report/view.js'
import { defuse } from '../util/text.js'
import { issueCommand, writeLine } from './workflow-commands.js'

/**
 * The action's log. Lines carry text from the service, a model repository or GitHub, so every line goes through
 * defuse() (no workflow commands), warnings too: the command's escaping covers line breaks, not the runner's
 * other whitespace.
 */

export const actionLogger: Logger = {
  debug: (m) => issueCommand('debug', defuse(m)),
  info: (m) => writeLine(defuse(m)),
  warning: (m) => issueCommand('warning', defuse(m))
}

/** The per-model report in the log, one collapsible group per model. */
export function logModels(view: RunView): void {
  for (const m of view.models) {
    issueCommand('group', defuse(modelTitle(m)))
    for (const line of modelLines(m)) writeLine(defuse(line))
    issueCommand('endgroup')
  }
}

/** The step's failure, as the last line of the log. */
export function failStep(message: string): void {
  process.exitCode = 1
  issueCommand('error', defuse(message))
}
