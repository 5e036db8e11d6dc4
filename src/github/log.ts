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

/** The per-model report in the log, one collapsible group per model, then where the full results are. */
export function logModels(view: RunView, files: { artifact?: { url: string } } = {}): void {
  for (const m of view.models) {
    issueCommand('group', defuse(modelTitle(m)))
    for (const line of modelLines(m)) writeLine(defuse(line))
    issueCommand('endgroup')
  }
  if (files.artifact) writeLine(defuse(`Full results (report and SARIF): ${files.artifact.url}`))
}

/** Work whose own log lines (a library's) are folded under one title. */
export async function inGroup<T>(title: string, work: () => Promise<T>): Promise<T> {
  issueCommand('group', defuse(title))
  try {
    return await work()
  } finally {
    issueCommand('endgroup')
  }
}

/** The step's failure, as the last line of the log. */
export function failStep(message: string): void {
  process.exitCode = 1
  issueCommand('error', defuse(message))
}
