import { plain, stripControls, type Style } from './style.js'

/**
 * A step's output as the GitHub Actions log shows it, not as the runner receives it: the workflow-command
 * protocol (https://docs.github.com/actions/reference/workflow-commands-for-github-actions) read the way the
 * runner's ActionCommandManager reads it.
 *
 * - `::add-mask::X` prints nothing; from then on every occurrence of X is shown as `***` (forward only, as the
 *   runner masks: a secret is registered before it is used);
 * - `::debug::` is hidden unless step debug logging is on, then shown dimmed as `##[debug]…`;
 * - `::group::T` … `::endgroup::` is a `▸ T` header with the group's lines indented (groups do not nest: a new
 *   group ends the open one);
 * - `::error`, `::warning`, `::notice` are annotations: `Error: <title> — <message>`, with `<file>:<line>` below;
 * - `::stop-commands::TOKEN` … `::TOKEN::`: the lines in between are printed as they are;
 * - any other line, unknown commands included, is printed as it is.
 *
 * Unlike the browser the Actions UI runs in, a terminal obeys control characters: every piece of the step's output
 * is shown without them (stripControls: no escape sequences, no carriage returns), and only then styled.
 *
 * Pure: logLine() takes the state and one line and returns the next state and what the log shows.
 */

export interface LogState {
  /** Registered secrets, each shown as `***`. */
  readonly masks: readonly string[]
  /** Inside a group: its lines are indented. */
  readonly inGroup: boolean
  /** Set while commands are stopped (`::stop-commands::TOKEN`). */
  readonly stopToken: string | undefined
}

export const INITIAL_LOG_STATE: LogState = { masks: [], inGroup: false, stopToken: undefined }

export interface LogOptions {
  /** Show `::debug::` lines, as the runner does with step debug logging (ACTIONS_STEP_DEBUG). */
  debug?: boolean
  style?: Style
}

interface Command {
  name: string
  properties: Record<string, string>
  data: string
}

const ANNOTATIONS = {
  error: { label: 'Error', paint: 'red' },
  warning: { label: 'Warning', paint: 'yellow' },
  notice: { label: 'Notice', paint: 'blue' }
} as const

/** The commands this view acts on; the runner's other commands are printed as text here. */
const KNOWN = new Set([
  'add-mask',
  'debug',
  'group',
  'endgroup',
  'stop-commands',
  ...Object.keys(ANNOTATIONS)
])

const INDENT = '  '

/** One line of the step's output (no line break) → the next state and the lines the log shows for it. */
export function logLine(
  state: LogState,
  raw: string,
  options: LogOptions = {}
): { state: LogState; lines: string[] } {
  const style = options.style ?? plain
  const show = (s: LogState, lines: string[]) => ({
    state: s,
    lines: lines.map((l) => (s.inGroup ? INDENT + l : l))
  })
  const literal = (s: LogState) => show(s, [visible(raw, s.masks)])

  if (state.stopToken !== undefined) {
    const command = parse(raw, new Set([state.stopToken.toLowerCase()]))
    return command ? { state: { ...state, stopToken: undefined }, lines: [] } : literal(state)
  }
  const command = parse(raw, KNOWN)
  if (!command) return literal(state)
  const { name, properties, data } = command
  const masked = (text: string) => visible(text, state.masks)
  switch (name) {
    case 'add-mask': {
      // a multi-line value is masked line by line too: the log is shown line by line
      const values = [data, ...data.split(/\r?\n/)].filter((v) => v.trim() !== '')
      if (values.length === 0)
        return show(state, [
          style.yellow(`Warning: Can't add secret mask for empty string in ##[add-mask] command.`)
        ])
      return { state: { ...state, masks: [...new Set([...state.masks, ...values])] }, lines: [] }
    }
    case 'debug':
      return show(
        state,
        options.debug
          ? masked(data)
              .split(/\r?\n/)
              .map((l) => style.dim(`##[debug]${l}`))
          : []
      )
    case 'group':
      return { state: { ...state, inGroup: true }, lines: [style.bold(`▸ ${masked(data)}`)] }
    case 'endgroup':
      return { state: { ...state, inGroup: false }, lines: [] }
    case 'stop-commands':
      // nothing could end an empty token: keep reading commands
      return data === '' ? literal(state) : { state: { ...state, stopToken: data }, lines: [] }
    default: {
      const { label, paint } = ANNOTATIONS[name as keyof typeof ANNOTATIONS]
      return show(state, annotation(label, properties, data, state.masks, style, style[paint]))
    }
  }
}

/** Every line of `text` through logLine(), from `state`. */
export function renderLog(
  text: string,
  options: LogOptions = {},
  state: LogState = INITIAL_LOG_STATE
): { state: LogState; lines: string[] } {
  const lines: string[] = []
  for (const raw of text.replace(/\r?\n$/, '').split(/\r?\n/)) {
    const step = logLine(state, raw, options)
    state = step.state
    lines.push(...step.lines)
  }
  return { state, lines }
}

/**
 * `Error: <title> — <message>`, further message lines aligned under the first, and the location (when a file
 * is given) below, as the log shows an annotation.
 */
function annotation(
  label: string,
  properties: Record<string, string>,
  message: string,
  masks: readonly string[],
  style: Style,
  paint: (s: string) => string
): string[] {
  const title = visible(properties.title ?? '', masks)
  const [first = '', ...rest] = visible(message, masks).split(/\r?\n/)
  const head = [title, first].filter((s) => s !== '').join(' — ')
  const pad = ' '.repeat(label.length + 2)
  const lines = [paint(`${style.bold(`${label}:`)} ${head}`.trimEnd()), ...rest.map((l) => paint(pad + l))]
  const where = location(properties)
  if (where) lines.push(style.dim(pad + visible(where, masks)))
  return lines
}

/** `file:line:col`, `file:line-endLine`; nothing without a file. */
function location(p: Record<string, string>): string | undefined {
  if (!p.file) return undefined
  if (!p.line) return p.file
  const end = p.endLine && p.endLine !== p.line ? `-${p.endLine}` : ''
  const col = !end && p.col ? `:${p.col}` : ''
  return `${p.file}:${p.line}${end}${col}`
}

/**
 * `::name key=value,key=value::data`, read as the runner reads it (ActionCommand.TryParseV2): leading space
 * allowed, the name (case-insensitive) must be one of `known`, properties without a value are dropped.
 */
function parse(raw: string, known: ReadonlySet<string>): Command | undefined {
  const line = raw.trimStart()
  if (!line.startsWith('::')) return undefined
  const end = line.indexOf('::', 2)
  if (end < 0) return undefined
  const info = line.slice(2, end)
  const space = info.indexOf(' ')
  const name = (space < 0 ? info : info.slice(0, space)).toLowerCase()
  if (!known.has(name)) return undefined
  const properties: Record<string, string> = {}
  if (space >= 0)
    for (const pair of info
      .slice(space + 1)
      .trim()
      .split(',')
      .filter((p) => p !== '')) {
      const eq = pair.indexOf('=')
      if (eq > 0 && eq < pair.length - 1) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1))
    }
  return { name, properties, data: unescapeData(line.slice(end + 2)) }
}

const DATA: Record<string, string> = { '%25': '%', '%0D': '\r', '%0A': '\n' }
const PROPERTY: Record<string, string> = { ...DATA, '%3A': ':', '%2C': ',' }

// one pass, so `%253A` is `%3A`, not `:` (the inverse of @actions/core's escapeData/escapeProperty); upper case
// only, as the runner matches
const unescapeData = (s: string) => s.replace(/%(25|0D|0A)/g, (m) => DATA[m]!)
const unescapeProperty = (s: string) => s.replace(/%(25|0D|0A|3A|2C)/g, (m) => PROPERTY[m]!)

/**
 * Text of the step's output as the terminal may show it: masked, without control characters, and masked once more,
 * so a secret split by a control character (`sec\x07ret`, which a terminal shows as `secret`) is masked too.
 */
function visible(text: string, secrets: readonly string[]): string {
  return mask(stripControls(mask(text, secrets)), secrets)
}

/** Every occurrence of every secret as `***`; overlapping occurrences become one. */
function mask(text: string, secrets: readonly string[]): string {
  const spans: Array<[number, number]> = []
  for (const secret of secrets)
    for (let i = text.indexOf(secret); i >= 0; i = text.indexOf(secret, i + 1))
      spans.push([i, i + secret.length])
  if (spans.length === 0) return text
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  let out = ''
  let at = 0
  for (const [start, end] of spans) {
    if (end <= at) continue
    out += start >= at ? `${text.slice(at, start)}***` : ''
    at = end
  }
  return out + text.slice(at)
}
