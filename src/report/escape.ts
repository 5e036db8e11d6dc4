import { plainText } from '../util/text.js'

export { plainText }

/**
 * Text from the API or from a model repository (file names, descriptions, group names) may be written by an
 * attacker. Before it goes into Markdown it loses control characters, HTML, Markdown syntax, @mentions and
 * autolinks, and is cut to a bounded length.
 */

const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&"':$]/g
// `$` starts math in GitHub's Markdown; an entity is shown as the character and never parsed as math
const ENTITY: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  '"': '&quot;',
  "'": '&#39;',
  $: '&#36;'
}

/** Safe inside Markdown paragraphs and table cells: renders as the literal text, links and mentions inert. */
export function md(text: string | null | undefined, max = 500): string {
  return (
    plainText(text, max)
      .replace(MARKDOWN_SPECIAL, (c) => ENTITY[c] ?? `\\${c}`)
      // @team would notify people: GitHub finds mentions in the rendered text, so an entity is not enough;
      // a zero-width space after the @ breaks the mention and renders the same
      .replace(/@/g, '@&#8203;')
      // bare URLs autolink: break the scheme so nothing is clickable
      .replace(/\b(https?|ftp|file|javascript|data|vbscript)(\\:)/gi, '$1&#58;')
      .replace(/\bwww\\\./gi, 'www&#46;')
      // #42, org/repo#42 and GH-42 link issues (and notify them) after rendering: break them like mentions
      .replace(/\\#(?=\d)/g, '\\#&#8203;')
      .replace(/\bGH\\-(?=\d)/gi, (m) => `${m}&#8203;`)
  )
}

/** Inline code span that cannot be broken out of. */
export function code(text: string | null | undefined, max = 200): string {
  const t = plainText(text, max)
    // issue references, before any numeric entity is written (a literal zero-width space: plainText removed
    // any the text had, so these are ours)
    .replace(/#(?=\d)/g, '#\u200b')
    .replace(/\bGH-(?=\d)/gi, (m) => `${m}\u200b`)
    .replace(/`/g, 'ˋ')
    .replace(/[<>&|]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '|': '&#124;' })[c]!)
    // the element's content is still parsed as Markdown: keep links, images and autolinks inert
    .replace(/[\\[\]*_~]/g, '\\$&')
    .replace(/:/g, '&#58;')
    .replace(/\$/g, '&#36;')
    .replace(/www\./gi, 'www&#46;')
  return `<code>${t.replace(/@/g, '@&#8203;')}</code>`
}

/**
 * A link whose target came from the service (documentation, threat intelligence): only https URLs, with every
 * character that could end the link destination or start HTML percent-encoded; anything else is shown as
 * inert text.
 */
export function link(label: string, url: string | null | undefined): string {
  let u: URL
  try {
    u = new URL(url ?? '')
  } catch {
    return md(label, 200)
  }
  if (u.protocol !== 'https:' || u.href.length > 2048) return md(label, 200)
  u.username = ''
  u.password = ''
  const href = u.href.replace(
    /[\s"'()<>[\]\\`|*_~]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
  )
  return `[${md(label, 200)}](${href})`
}

/**
 * Text inside raw HTML (a `<summary>`): GitHub does not read Markdown there, so backslash escapes would show;
 * entities instead, with mentions, issue references and autolinks broken as md() breaks them.
 */
export function htmlText(text: string | null | undefined, max = 200): string {
  return plainText(text, max)
    .replace(/[<>&"']/g, (c) => ENTITY[c]!)
    .replace(/@/g, '@&#8203;')
    .replace(/#(?=\d)/g, '#&#8203;')
    .replace(/:/g, '&#58;')
}
