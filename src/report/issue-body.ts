import { code, link, md, plainText } from './escape.js'
import { ICON } from './markdown.js'
import { countOf, formatCount as num } from '../util/text.js'
import type { ModelView, RunView } from './view.js'

/**
 * The body of the tracking issue a scheduled audit keeps (github/tracking-issue.ts): the state in its first
 * line, what changed, then the models that did not pass with why, their group and their owner, and the ones that
 * pass, folded. Model names, reasons and group names come from model publishers and the service: each goes
 * through md() or code(). The one string written raw is an owner asked to be mentioned, and only once it has the
 * exact shape of a GitHub @user or @org/team.
 */

/** GitHub's limit on an issue body, in characters. */
export const ISSUE_LIMIT_CHARS = 65_536
/** GitHub's limit on an issue title, in characters. */
export const ISSUE_TITLE_LIMIT = 256
/** The issue's title unless the `issue-title` input names one. */
export const DEFAULT_ISSUE_TITLE = 'Model gate: audit failures'
/** the hidden marker and a safety margin; String.length counts UTF-16 units, never fewer than GitHub does */
const RESERVED_CHARS = 1_024

export interface IssueBodyOptions {
  /** the run that wrote this version of the body */
  runUrl?: string
  /** the workflow artifact with the full report, when it was uploaded */
  artifactUrl?: string
  /**
   * What changed since the previous run, shown first under "What changed": Markdown lines the caller has
   * already escaped (one entry a line).
   */
  changes?: string[]
}

/**
 * The title: `issue-title` when given, else the default followed by the comment tag, so that matrix jobs (one
 * tag each) keep issues a reader can tell apart.
 */
export function issueTitle(tag: string, title?: string): string {
  const t = title?.trim() ? title : `${DEFAULT_ISSUE_TITLE}${tag ? ` (${tag})` : ''}`
  return plainText(t, ISSUE_TITLE_LIMIT)
}

/**
 * The exact shape a models-file owner must have (gate/model-manifest.ts checks it there too); checked again here
 * because a mention is the one string of the body that is not escaped.
 */
const MENTIONABLE = /^@[A-Za-z0-9][A-Za-z0-9-]{0,38}(?:\/[A-Za-z0-9._-]{1,100})?$/

const notPassing = (m: ModelView) => m.verdict !== 'pass'

export function renderIssueBody(
  view: RunView,
  opts: IssueBodyOptions = {},
  limitChars = ISSUE_LIMIT_CHARS
): string {
  const failing = view.models.filter(notPassing)
  const passing = view.models.filter((m) => !notPassing(m))
  const head = [`## ${state(view)}`, '', about(view), '']
  if (view.error) {
    head.push(`**Not verified** (${code(view.error.code, 40)}): ${md(view.error.message, 500)}`, '')
  }
  const foot = [footer(view, opts), '']
  const budget = limitChars - RESERVED_CHARS
  let room = budget - length(head) - length(foot)
  const out = [...head]

  const changes = (opts.changes ?? []).map(changeLine).filter(Boolean)
  if (changes.length > 0) {
    // what changed comes first, but may not crowd out the models themselves
    const section = ['### What changed', '']
    const fitted = fit(
      changes.map((c) => `- ${c}`),
      Math.floor(room / 3) - length(section) - 1,
      (n) => `- … and ${countOf(n, 'more change')}`
    )
    out.push(...section, ...fitted, '')
    room -= length(section) + length(fitted) + 1
  }

  if (failing.length > 0) {
    const section = [
      `### ${failing.length === 1 ? 'The model that needs' : 'Models that need'} attention`,
      '',
      '| Model | Status | Reason | Group | Owner |',
      '|---|---|---|---|---|'
    ]
    // keep a line for the passing models' count
    const fitted = fit(
      failing.map(failingRow),
      room - length(section) - 1 - (passing.length > 0 ? 200 : 0),
      (n) => `| … and ${countOf(n, 'more model')} in the job summary and the JSON report | | | | |`
    )
    out.push(...section, ...fitted, '')
    room -= length(section) + length(fitted) + 1
  }

  if (passing.length > 0) {
    const summary = `${passing.length === 1 ? '1 model passes' : `${num(passing.length)} models pass`}`
    const section = [`<details><summary>${summary}</summary>`, '']
    const end = ['', '</details>', '']
    const fitted = fit(
      passing.map(passingLine),
      room - length(section) - length(end),
      (n) => `- … and ${countOf(n, 'more model')}`
    )
    if (fitted.length > 0) out.push(...section, ...fitted, ...end)
    else out.push(`${summary}.`, '')
  }
  out.push(...foot)
  return out.join('\n')
}

/**
 * The comment that closes the issue when every model passes again; it notifies the issue's subscribers, which an
 * edit of the body does not.
 */
export function renderIssueResolved(view: RunView, opts: Pick<IssueBodyOptions, 'runUrl'> = {}): string {
  const n = view.models.length
  const what = n === 1 ? 'The model passes again' : `All ${num(n)} models pass again`
  const run = opts.runUrl ? link('workflow run', opts.runUrl) : ''
  return `${ICON.pass} ${what}${run ? ` as of this ${run}` : ''}: closing this issue.`
}

/** The state in a few words: how many of how many do not pass, or that all do. */
function state(view: RunView): string {
  const n = view.models.length
  const failed = view.models.filter((m) => m.verdict === 'fail').length
  const warned = view.models.filter((m) => m.verdict === 'warn').length
  const unverified = view.models.filter((m) => m.status === 'error').length
  if (view.error && failed + warned === 0) return `${ICON.fail} No model could be verified`
  if (view.verdict === 'pass' && failed + warned === 0)
    return `${ICON.pass} ${n === 1 ? 'The model passes' : `All ${num(n)} models pass`}`
  const notes = [
    unverified > 0 && `${num(unverified)} not verified`,
    failed > 0 && warned > 0 && `${num(warned)} more ${warned === 1 ? 'passes' : 'pass'} with warnings`
  ].filter(Boolean)
  const tail = notes.length > 0 ? ` (${notes.join('; ')})` : ''
  if (failed > 0)
    return `${ICON.fail} ${n === 1 ? 'The model fails' : `${num(failed)} of ${num(n)} models fail`} the gate${tail}`
  return `${ICON.warn} ${n === 1 ? 'The model passes' : `${num(warned)} of ${num(n)} models pass`} only with warnings${tail}`
}

function about(view: RunView): string {
  return view.verdict === 'pass'
    ? '<sub>Every model passes the audit, so this issue is closed; a later failure opens a new one.</sub>'
    : '<sub>Kept up to date by each scheduled run of the gate, and closed by the first run in which every model passes.</sub>'
}

/** A model that did not pass, one row: the owner mentioned only when its models-file entry asks for it. */
function failingRow(m: ModelView): string {
  return `| ${md(m.name, 120)} | ${status(m)} | ${md(m.reason, 300)} | ${m.group ? md(m.group.name, 100) : '—'} | ${owner(m, true)} |`
}

function passingLine(m: ModelView): string {
  const o = m.result.model.owner
  return `- ${ICON.pass} ${md(m.name, 120)}${m.group ? ` · ${md(m.group.name, 100)}` : ''}${o ? ` · ${owner(m, false)}` : ''}`
}

function status(m: ModelView): string {
  if (m.status === 'error')
    return `${ICON.warn} not verified${m.errorCode ? ` (${code(m.errorCode, 40)})` : ''}`
  if (m.status === 'blocked')
    return m.verdict === 'fail' ? `${ICON.fail} blocked` : `${ICON.warn} blocked, warn mode`
  return `${ICON[m.verdict]} ${md(m.status, 20)}`
}

/**
 * Who answers for the model: a mention (a notification) when asked for and the model did not pass; otherwise the
 * name as code, whose `@` code() breaks, so it notifies no one.
 */
function owner(m: ModelView, mayMention: boolean): string {
  const o = m.result.model.owner
  if (!o) return '—'
  if (mayMention && notPassing(m) && m.result.model.mention_owner === true && MENTIONABLE.test(o)) return o
  return code(o, 140)
}

/**
 * One line of the caller's: already escaped, but kept to one line and unable to open or close an HTML comment
 * (which would hide the rest of the body, or end the marker).
 */
function changeLine(line: string): string {
  return plainText(line, 2000)
    .replace(/<!--/g, '&lt;!--')
    .replace(/--!?>/g, (s) => s.replace('>', '&gt;'))
}

function footer(view: RunView, opts: IssueBodyOptions): string {
  const parts = [
    `airs-model-gate ${md(view.version, 20)}`,
    `mode ${md(view.mode, 10)}, on-error ${md(view.onError, 10)}`
  ]
  if (opts.runUrl) parts.push(`last run: ${link('workflow run', opts.runUrl)}`)
  if (opts.artifactUrl) parts.push(link('full report and SARIF', opts.artifactUrl))
  return `<sub>${parts.join(' · ')}</sub>`
}

/** Characters of lines once joined with line breaks, the break after the last included. */
const length = (lines: readonly string[]) => lines.reduce((n, l) => n + l.length + 1, 0)

/**
 * As many lines as fit in `room` characters; when some do not, the last line says how many were left out (room
 * for it is kept).
 */
function fit(lines: readonly string[], room: number, more: (n: number) => string): string[] {
  if (length(lines) <= room) return [...lines]
  const out: string[] = []
  let used = more(lines.length).length + 1
  for (const l of lines) {
    if (used + l.length + 1 > room) break
    out.push(l)
    used += l.length + 1
  }
  if (out.length === 0 && used > room) return []
  out.push(more(lines.length - out.length))
  return out
}
