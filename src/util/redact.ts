/**
 * Secrets out of text that did not originate here (a service's error body, a tool's output, GitHub's reply).
 *
 * Redaction runs on the raw text, before anything shortens or cleans it: a secret cut in half by truncation
 * would leak its prefix. Then the characters a reader does not see are removed (a secret split by a zero-width
 * space reads as the secret, and the runner's masking, which compares bytes, misses it) and the text is redacted
 * again. Each secret is also looked for in the forms a server echoes it in: percent-encoded, form-encoded and
 * JSON-escaped.
 */

/**
 * Invisible: format characters (zero-width, joiners, bidi controls, BOM), C0/C1 controls other than tab and line
 * breaks, the combining grapheme joiner, variation selectors and the Hangul fillers.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- removing them is the point
  /[\p{Cf}\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u115f\u1160\u3164\uffa0]|\u034f|\p{Variation_Selector}/gu

/** Strings shorter than this are not redacted: they would mangle ordinary words. */
const MIN_SECRET = 4

/** A secret as it may appear in an echoed request: as it is, percent-encoded, form-encoded, JSON-escaped. */
function forms(secret: string): string[] {
  const out = new Set([secret, secret.replace(INVISIBLE, '')])
  try {
    out.add(encodeURIComponent(secret))
  } catch {
    // a lone surrogate cannot be percent-encoded; it cannot be sent that way either
  }
  out.add(new URLSearchParams({ s: secret }).toString().slice(2))
  out.add(JSON.stringify(secret).slice(1, -1))
  return [...out].filter((f) => f.length >= MIN_SECRET)
}

export const REDACTED = '***'

/** `text` with every secret (in every form above) replaced by `***`, and invisible characters removed. */
export function redact(text: string, secrets: Iterable<string>): string {
  // longest first, so a URL is replaced whole before the token inside it
  const all = [...new Set([...secrets].flatMap(forms))].sort((a, b) => b.length - a.length)
  const pass = (t: string) => all.reduce((acc, s) => (acc.includes(s) ? acc.split(s).join(REDACTED) : acc), t)
  return pass(pass(text).replace(INVISIBLE, ''))
}
