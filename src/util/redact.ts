/**
 * Secrets out of text that did not originate here (a service's error body, a tool's output, GitHub's reply).
 *
 * Redaction runs on the raw text, before anything shortens or cleans it: a secret cut in half by truncation
 * would leak its prefix. Then the text is normalised as a reader would see it (invisible characters removed:
 * a secret split by a zero-width space reads as the secret, and the runner's masking, which compares bytes,
 * misses it; HTML character references decoded, as an error page shows them) and redacted again. Each secret is
 * looked for in the forms a server echoes it in (as it is, percent-, form-, JSON- and HTML-encoded) and in any
 * letter case (an upper-cased secret gives most of it away).
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

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;'
}
const NAMED_REFERENCES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0'
}

/** A secret as it may appear in an echoed request: as it is, percent-, form-, JSON- and HTML-encoded. */
function forms(secret: string): string[] {
  const out = new Set([secret, secret.replace(INVISIBLE, '')])
  try {
    out.add(encodeURIComponent(secret))
  } catch {
    // a lone surrogate cannot be percent-encoded; it cannot be sent that way either
  }
  out.add(new URLSearchParams({ s: secret }).toString().slice(2))
  out.add(JSON.stringify(secret).slice(1, -1))
  out.add(secret.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c))
  return [...out].filter((f) => f.length >= MIN_SECRET)
}

/** `&#76;`, `&#x4c;`, `&amp;` …: what a browser would show. */
function decodeReferences(text: string): string {
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,6});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole
    }
    return NAMED_REFERENCES[ref.toLowerCase()] ?? whole
  })
}

export const REDACTED = '***'

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** `text` with every secret (in every form above, any case) replaced by `***`, as a reader would see it. */
export function redact(text: string, secrets: Iterable<string>): string {
  // longest first, so a URL is replaced whole before the token inside it
  const all = [...new Set([...secrets].flatMap(forms))].sort((a, b) => b.length - a.length)
  if (all.length === 0) return decodeReferences(text).replace(INVISIBLE, '')
  const pattern = new RegExp(all.map(escapeRegExp).join('|'), 'giu')
  const pass = (t: string) => t.replace(pattern, REDACTED)
  return pass(decodeReferences(pass(text)).replace(INVISIBLE, ''))
}
