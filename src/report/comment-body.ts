import { fitMarkdown, type Detail, type MarkdownContext } from './markdown.js'
import type { RunView } from './view.js'

/**
 * The body of the sticky pull-request comment: the verdict, the failed rules with their violations and how
 * to fix them, and a link to the run. GitHub rejects comments over 65,536 characters, so the richest
 * rendering under the limit is chosen, down to the complete short form.
 */

export const COMMENT_LIMIT_CHARS = 65_536
/** the hidden marker and a safety margin; String.length counts UTF-16 units, never fewer than GitHub does */
const RESERVED_CHARS = 1_024

const LEVELS: readonly Detail[] = [
  {
    evaluations: false,
    violationsPerRule: 20,
    guidance: 'full',
    files: 'problems',
    filesMax: 50,
    labels: false,
    sections: 'not-passed'
  },
  {
    evaluations: false,
    violationsPerRule: 5,
    guidance: 'brief',
    files: 'none',
    filesMax: 0,
    labels: false,
    sections: 'not-passed'
  },
  {
    evaluations: false,
    violationsPerRule: 1,
    guidance: 'brief',
    files: 'none',
    filesMax: 0,
    labels: false,
    sections: 'not-passed'
  }
]

export function renderComment(
  view: RunView,
  ctx: MarkdownContext = {},
  limitChars = COMMENT_LIMIT_CHARS
): string {
  const budget = limitChars - RESERVED_CHARS
  return fitMarkdown(
    view,
    LEVELS,
    ctx,
    (text) => text.length <= budget,
    'The full report does not fit in a pull-request comment; see the job summary or the JSON report of the run.'
  )
}
