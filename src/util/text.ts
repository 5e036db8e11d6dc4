/** Text for one line of a message, a log or a report: no control or bidi characters, bounded length. */

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g

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
