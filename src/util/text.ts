/** Text for one line of a message, a log or a report: no control or bidi characters, bounded length. */

// C0/C1 controls (tabs and line breaks are handled first), zero-width and bidi controls, word joiner, BOM
/* eslint-disable no-control-regex -- removing them is the point */
const CONTROL =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g
/* eslint-enable no-control-regex */

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
