import { fitMarkdown, type Detail, type MarkdownContext } from './markdown.js'
import type { RunView } from './view.js'

/**
 * The job summary. GitHub refuses a step summary over 1 MiB (measured in bytes) and then shows nothing at
 * all, so the richest rendering under the limit is chosen; past it the summary is the complete short form
 * with a pointer to the JSON report.
 */

export const SUMMARY_LIMIT_BYTES = 1024 * 1024
/** room for what the runner or another step might add */
const MARGIN_BYTES = 8 * 1024

const LEVELS: readonly Detail[] = [
  {
    evaluations: true,
    violationsPerRule: 20_000,
    guidance: 'full',
    files: 'all',
    filesMax: 20_000,
    labels: true,
    sections: 'all'
  },
  {
    evaluations: true,
    violationsPerRule: 200,
    guidance: 'full',
    files: 'all',
    filesMax: 1000,
    labels: true,
    sections: 'all'
  },
  {
    evaluations: true,
    violationsPerRule: 20,
    guidance: 'full',
    files: 'problems',
    filesMax: 100,
    labels: true,
    sections: 'all'
  },
  {
    evaluations: true,
    violationsPerRule: 5,
    guidance: 'brief',
    files: 'none',
    filesMax: 0,
    labels: false,
    sections: 'all'
  }
]

export function renderSummary(
  view: RunView,
  ctx: MarkdownContext = {},
  limitBytes = SUMMARY_LIMIT_BYTES
): string {
  const budget = limitBytes - MARGIN_BYTES
  return fitMarkdown(
    view,
    LEVELS,
    ctx,
    (text) => Buffer.byteLength(text, 'utf8') <= budget,
    'The full summary is larger than GitHub’s 1 MiB limit for a job summary; every finding is in the JSON report.'
  )
}
