import * as core from '@actions/core'
import type { Logger } from '../util/logger.js'
import { modelLines, modelTitle } from '../report/terminal.js'
import type { RunView } from '../report/view.js'
import { defuse } from '../util/text.js'

/**
 * The action's log. Lines carry text from the service, a model repository or GitHub, so every line goes through
 * defuse() (no workflow commands), warnings too: core escapes their line breaks, not the runner's other
 * whitespace.
 */

export const actionLogger: Logger = {
  debug: (m) => core.debug(defuse(m)),
  info: (m) => core.info(defuse(m)),
  warning: (m) => core.warning(defuse(m))
}

/** The per-model report in the log, one collapsible group per model. */
export function logModels(view: RunView): void {
  for (const m of view.models) {
    core.startGroup(defuse(modelTitle(m)))
    for (const line of modelLines(m)) core.info(defuse(line))
    core.endGroup()
  }
}

/** The step's failure, as the last line of the log. */
export function failStep(message: string): void {
  core.setFailed(defuse(message))
}
