import * as core from '@actions/core'
import type { Logger } from '../airs/logger.js'
import { modelLines, modelTitle } from '../report/terminal.js'
import type { RunView } from '../report/view.js'

/**
 * The action's log. Lines can carry text from the service or a model repository; a line that starts with
 * `::` (or holds `##[`) would be read by the runner as a workflow command, so those are defused.
 */
export function defuse(message: string): string {
  return message
    .split(/\r\n|\r|\n/)
    .map((line) => (/^\s*::/.test(line) ? `\u200b${line}` : line).replace(/##\[/g, '#\u200b#['))
    .join('\n')
}

export const actionLogger: Logger = {
  debug: (m) => core.debug(m),
  info: (m) => core.info(defuse(m)),
  // core escapes warning text itself (%0A, ...)
  warning: (m) => core.warning(m)
}

/** The per-model report in the log, one collapsible group per model. */
export function logModels(view: RunView): void {
  for (const m of view.models) {
    core.startGroup(defuse(modelTitle(m)))
    for (const line of modelLines(m)) core.info(defuse(line))
    core.endGroup()
  }
}
