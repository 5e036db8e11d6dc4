/**
 * How the GitHub Actions runner reads a step's output for workflow commands (actions/runner,
 * ActionCommandManager): the output is split on CR and LF; a line is a command when, after .NET's TrimStart(),
 * it starts with `::` (`::name key=value::data`), or when it holds `##[name…]` anywhere (the older form).
 */

/** Every character .NET's Char.IsWhiteSpace accepts: what TrimStart() removes. */
export const DOTNET_WHITESPACE: readonly string[] = [
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  ' ',
  '\u0085',
  '\u00a0',
  '\u1680',
  ...Array.from({ length: 11 }, (_, i) => String.fromCharCode(0x2000 + i)),
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000'
]

/**
 * Invisible characters that no runner trims today; the paranoid reading trims them too, so a defence that only
 * works because of today's exact trimming rule fails the tests.
 */
export const INVISIBLE: readonly string[] = [
  '\u180e',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u0000'
]

export interface RunnerCommand {
  /** `add-mask`, `warning`, … (V1 commands as `v1:<name>`) */
  name: string
  /** the text after the command's closing `::` */
  data: string
  line: string
}

/** The workflow commands the runner would run for this output; `paranoid` also trims INVISIBLE characters. */
export function runnerCommands(output: string, opts: { paranoid?: boolean } = {}): RunnerCommand[] {
  const trimmed = new Set([...DOTNET_WHITESPACE, ...(opts.paranoid ? INVISIBLE : [])])
  const commands: RunnerCommand[] = []
  for (const line of output.split(/\r\n|\r|\n/)) {
    let i = 0
    while (i < line.length && trimmed.has(line[i]!)) i++
    const rest = line.slice(i)
    if (rest.startsWith('::')) {
      const end = rest.indexOf('::', 2)
      // without a closing `::` the runner ignores the line; the paranoid reading counts it anyway
      if (end >= 0 || opts.paranoid) {
        const info = rest.slice(2, end >= 0 ? end : undefined)
        commands.push({ name: info.split(' ')[0]!, data: end >= 0 ? rest.slice(end + 2) : '', line })
      }
    }
    for (const m of line.matchAll(/##\[([^\]\s;]*)/g)) commands.push({ name: `v1:${m[1]}`, data: '', line })
  }
  return commands
}

/** The command names @actions/core writes to stdout (outputs, state and env go to files). */
export const OWN_COMMANDS = new Set(['add-mask', 'group', 'endgroup', 'error', 'warning', 'notice', 'debug'])

/** Commands in the output that the action did not mean to issue: other names, or masks of unknown values. */
export function foreignCommands(
  output: string,
  secrets: readonly string[],
  opts: { paranoid?: boolean } = {}
) {
  return runnerCommands(output, opts).filter(
    (c) => !OWN_COMMANDS.has(c.name) || (c.name === 'add-mask' && !secrets.includes(c.data))
  )
}
