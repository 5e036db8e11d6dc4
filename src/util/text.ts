/** Text for one line of a message, a log or a report: no control or bidi characters, bounded length. */

// C0/C1 controls (tabs and line breaks are handled first), zero-width and bidi controls, word joiner, BOM
/* eslint-disable no-control-regex -- removing them is the point */
const CONTROL =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g
/* eslint-enable no-control-regex */

/** Text of one line and nothing invisible: no control, format (bidi, zero-width) or line-separator character. */
export const PRINTABLE = /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]*$/u

/** A value echoed in an input's error: one line, at most 60 characters and the ellipsis. */
export const clip = (text: string): string => plainText(text, 61)

/** Plain text: control and bidi characters removed, whitespace runs folded, length bounded. */
export function plainText(text: string | null | undefined, max = 500): string {
  // line breaks and tabs separate words; other control and bidi characters go
  const t = (text ?? '')
    .replace(/[\t\n\r]/g, ' ')
    .replace(CONTROL, '')
    .replace(/\s+/g, ' ')
    .trim()
  return t.length > max ? `${t.slice(0, max - 1)}…` : t
}

/**
 * Line breaks as anything might split on them: the runner splits its output on CR and LF only, but it trims
 * every `Char.IsWhiteSpace` character (NEL, U+2028, U+2029, no-break spaces, …) before it looks for `::`, and
 * other log readers split on more. Each piece between any of these is checked on its own.
 */
const LINE_BREAKS = /(\r\n|[\n\v\f\r\u0085\u2028\u2029])/
/**
 * What may precede `::` on a line the runner still reads as a command: a superset of .NET's white space
 * (which includes U+0085 and U+180E on some versions, where JavaScript's `\s` has neither) plus every other
 * invisible character, so no future trimming rule can uncover a command.
 */
const INVISIBLE_LEAD = /^[\s\p{Z}\p{Cc}\p{Cf}\u0085\u180e]*/u

/**
 * Text for the job log, from anywhere: no line can be read by the runner as a workflow command (`::name::`,
 * `##[name]`), so a service answer or a file name cannot add a mask, an output, an annotation or stop the
 * runner's command processing (after which the masks of later secrets would not apply). A zero-width space
 * goes between the two colons (a trimmed start can then never be `::`) and into every `##[`; CR and CR LF
 * become LF. Everything else reads as it did.
 */
export function defuse(message: string): string {
  return message
    .split(LINE_BREAKS)
    .map((piece, i) => {
      if (i % 2 === 1) return piece === '\r' || piece === '\r\n' ? '\n' : piece
      const lead = INVISIBLE_LEAD.exec(piece)?.[0] ?? ''
      const line = piece.startsWith('::', lead.length)
        ? `${lead}:\u200b${piece.slice(lead.length + 1)}`
        : piece
      return line.replace(/##\[/g, '#\u200b#[')
    })
    .join('')
}

/** A count for people, with thousands separators: 10,000 rather than 10000. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US')
}

/** A count with its noun, singular for one: "1 file", "2,000 files" (nouns with a plain -s plural). */
export function countOf(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`
}

/** Runs of characters that a file name, an artifact name or a code-scanning category may not hold. */
const UNSAFE_NAME_RUN = /[^A-Za-z0-9_.-]+/g

/** Text made safe as part of a name: each run of other characters becomes `replacement`. */
export function safeName(text: string, replacement: string): string {
  return text.replace(UNSAFE_NAME_RUN, replacement)
}

/** The gate's name, the job and the comment tag, each made safe, joined by `sep`: one name per job and tag. */
export function jobScopedName(job: string | undefined, tag: string, sep: string): string {
  return ['airs-model-gate', job, tag]
    .filter((s): s is string => Boolean(s))
    .map((s) => safeName(s, '-'))
    .join(sep)
}
