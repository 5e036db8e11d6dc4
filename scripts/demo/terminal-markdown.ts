import MarkdownIt, { type Token } from 'markdown-it'
import { displayWidth, fitStart, plain, stripControls, type Style } from './style.js'

/**
 * A job summary (GitHub-flavoured Markdown with the raw HTML the action writes) as text for a terminal.
 * markdown-it parses it as GitHub does (CommonMark, tables, raw HTML), so backslash escapes and entities are
 * undone by the parser, not by guesswork; this module only lays the tokens out:
 *
 * - headings bold, `##` and `###` underlined; bold, italic; code (backticks, `<code>`) in cyan;
 * - links as `label (url)`; `<sub>` dimmed; `<br>` a line break;
 * - tables aligned into columns, each at most `maxCellWidth` wide and all of them within `width`, a cut cell
 *   ending in `…`;
 * - lists, block quotes (`│ `), code blocks (`│ `, not wrapped), rules;
 * - `<details><summary>T</summary>`: `▸ T` and, collapsed (the default, as GitHub first shows it), how many
 *   lines it hides; expanded, its content indented below.
 *
 * Paragraphs are wrapped at `width`; a word longer than that (a URL) is left whole so it stays clickable.
 *
 * The summary's text never reaches the terminal as control characters (escape sequences, carriage returns, BEL):
 * they are stripped from the source and from whatever an entity decodes to (`&#13;`, `&#x1b;` in raw HTML) before
 * the text is laid out and styled.
 */

export interface MarkdownOptions {
  /** Columns to fit; default 100. */
  width?: number
  /** Widest a table cell may be; default 80. */
  maxCellWidth?: number
  style?: Style
  details?: 'collapse' | 'expand'
}

type Mark = 'bold' | 'italic' | 'code' | 'dim' | 'link' | 'url' | 'strike'

/** A run of text with its marks. */
interface Seg {
  text: string
  marks: readonly Mark[]
}

interface Frame {
  kind: 'root' | 'details' | 'quote' | 'list' | 'item'
  lines: string[]
  /** Columns the frame's prefix takes from its content. */
  indent: number
  title?: string
  next?: number
  marker?: string
}

const markdown = new MarkdownIt({ html: true, linkify: false })

// GitHub breaks @mentions and #references with a zero-width space; a terminal links neither
const ZWSP = /\u200b/g
const GAP = '  '
const MIN_CELL = 6
const HEADING_RULE: Record<string, string> = { h1: '═', h2: '━', h3: '─' }
const INLINE_TAGS: Record<string, Mark> = {
  code: 'code',
  kbd: 'code',
  tt: 'code',
  sub: 'dim',
  sup: 'dim',
  small: 'dim',
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  s: 'strike',
  del: 'strike'
}

export function renderMarkdown(source: string, options: MarkdownOptions = {}): string[] {
  const width = options.width ?? 100
  const maxCell = options.maxCellWidth ?? 80
  const style = options.style ?? plain
  const expand = options.details === 'expand'
  const stack: Frame[] = [{ kind: 'root', lines: [], indent: 0 }]
  const top = () => stack[stack.length - 1]!
  const avail = () => Math.max(20, width - stack.reduce((n, f) => n + f.indent, 0))
  const paint = (seg: Seg) => paintSeg(seg, style)

  /** A block into the innermost frame: blank-line separated, except in lists (kept compact). */
  const add = (block: string[]) => {
    const frame = top()
    if (block.length === 0) return
    if (frame.lines.length > 0 && frame.kind !== 'list' && frame.kind !== 'item') frame.lines.push('')
    frame.lines.push(...block)
  }

  const close = () => {
    const f = stack.pop()!
    const lines = trimBlank(f.lines)
    const pad = (n: number) => (l: string) => (l === '' ? l : ' '.repeat(n) + l)
    switch (f.kind) {
      case 'item': {
        const [first = '', ...rest] = lines
        top().lines.push(`${f.marker} ${first}`, ...rest.map(pad(f.marker!.length + 1)))
        return
      }
      case 'quote':
        return add(lines.map((l) => (l ? `${style.dim('│')} ${l}` : style.dim('│'))))
      case 'details': {
        const head: Seg[] = [
          { text: '▸ ', marks: [] },
          { text: f.title ?? 'Details', marks: ['bold'] }
        ]
        if (expand) return add([...paragraph(head), ...lines.map(pad(2))])
        const count = `${lines.length} ${lines.length === 1 ? 'line' : 'lines'}`
        return add(paragraph([...head, { text: ` · collapsed, ${count}`, marks: ['dim'] }]))
      }
      default:
        return add(lines)
    }
  }
  const closeUntil = (kind: Frame['kind']) => {
    if (!stack.some((f, i) => i > 0 && f.kind === kind)) return
    while (top().kind !== kind) close()
    close()
  }

  const paragraph = (segs: Seg[]) => wrap(segs, avail()).map((line) => line.map(paint).join(''))

  const htmlBlock = (content: string) => {
    let text = ''
    let summary: string | undefined
    const flush = () => {
      const t = decodeEntities(text).replace(ZWSP, '').trim()
      if (t) add(paragraph([{ text: t, marks: [] }]))
      text = ''
    }
    for (const m of content.matchAll(/<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w-]*)[^>]*>|[^<]+|</g)) {
      const [all, slash, tag] = m
      if (all.startsWith('<!--')) continue
      const name = tag?.toLowerCase()
      if (name === undefined) {
        if (summary !== undefined) summary += all
        else text += all
      } else if (name === 'summary') {
        if (slash) {
          if (top().kind === 'details')
            top().title = decodeEntities(summary ?? '')
              .replace(ZWSP, '')
              .trim()
          summary = undefined
        } else summary = ''
      } else if (name === 'details') {
        flush()
        if (slash) closeUntil('details')
        else stack.push({ kind: 'details', lines: [], indent: expand ? 2 : 0 })
      } else if (name === 'br') text += '\n'
    }
    flush()
  }

  // line ends as markdown-it reads them (a lone CR ends a line too), then no control characters but \n and \t
  const tokens = markdown.parse(stripControls(source.replace(/\r\n?/g, '\n')), {})
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    switch (t.type) {
      case 'heading_open': {
        const lines = wrap(inline(tokens[i + 1]?.children), avail()).map((line) =>
          line.map((s) => paint({ ...s, marks: [...s.marks, 'bold'] })).join('')
        )
        const rule = HEADING_RULE[t.tag]
        const w = Math.max(0, ...lines.map(displayWidth))
        add(rule ? [...lines, style.dim(rule.repeat(w))] : lines)
        i += 2
        break
      }
      case 'paragraph_open':
        add(paragraph(inline(tokens[i + 1]?.children)))
        i += 2
        break
      case 'table_open': {
        const end = tokens.findIndex((x, j) => j > i && x.type === 'table_close')
        const stop = end < 0 ? tokens.length : end
        add(table(tokens.slice(i, stop), avail(), maxCell, style))
        i = stop
        break
      }
      case 'fence':
      case 'code_block':
        add(
          t.content
            .replace(/\n$/, '')
            .split('\n')
            .map(stripControls)
            .map((l) => (l ? `${style.dim('│')} ${l}` : style.dim('│')))
        )
        break
      case 'hr':
        add([style.dim('─'.repeat(avail()))])
        break
      case 'html_block':
        htmlBlock(t.content)
        break
      case 'blockquote_open':
        stack.push({ kind: 'quote', lines: [], indent: 2 })
        break
      case 'blockquote_close':
        closeUntil('quote')
        break
      case 'bullet_list_open':
      case 'ordered_list_open':
        stack.push({ kind: 'list', lines: [], indent: 0, next: Number(t.attrGet('start') ?? 1) })
        break
      case 'bullet_list_close':
      case 'ordered_list_close':
        closeUntil('list')
        break
      case 'list_item_open': {
        const list = top()
        const marker = t.markup === '.' || t.markup === ')' ? `${list.next ?? 1}.` : '•'
        list.next = (list.next ?? 1) + 1
        stack.push({ kind: 'item', lines: [], indent: marker.length + 1, marker })
        break
      }
      case 'list_item_close':
        closeUntil('item')
        break
    }
  }
  while (stack.length > 1) close()
  return trimBlank(stack[0]!.lines)
}

/** The inline tokens of a heading, paragraph or cell as marked runs of text. */
function inline(children: Token[] | null | undefined): Seg[] {
  const segs: Seg[] = []
  const marks: Mark[] = []
  const links: Array<{ href: string; at: number }> = []
  const push = (text: string, extra?: Mark) => {
    const t = stripControls(text).replace(ZWSP, '')
    if (t) segs.push({ text: t, marks: extra ? [...marks, extra] : [...marks] })
  }
  const open = (m: Mark) => marks.push(m)
  const shut = (m: Mark) => {
    const at = marks.lastIndexOf(m)
    if (at >= 0) marks.splice(at, 1)
  }
  const openLink = (href: string) => {
    links.push({ href, at: segs.length })
    open('link')
  }
  const closeLink = () => {
    shut('link')
    const link = links.pop()
    if (!link?.href) return
    const label = segs
      .slice(link.at)
      .map((s) => s.text)
      .join('')
    if (label !== link.href && `mailto:${label}` !== link.href) push(` (${link.href})`, 'url')
  }
  for (const t of children ?? []) {
    switch (t.type) {
      case 'text':
        push(t.content)
        break
      case 'code_inline':
        push(t.content, 'code')
        break
      case 'softbreak':
        push(' ')
        break
      case 'hardbreak':
        push('\n')
        break
      case 'strong_open':
      case 'em_open':
      case 's_open':
        open(t.type === 'strong_open' ? 'bold' : t.type === 'em_open' ? 'italic' : 'strike')
        break
      case 'strong_close':
      case 'em_close':
      case 's_close':
        shut(t.type === 'strong_close' ? 'bold' : t.type === 'em_close' ? 'italic' : 'strike')
        break
      case 'link_open':
        openLink(String(t.attrGet('href') ?? ''))
        break
      case 'link_close':
        closeLink()
        break
      case 'image':
        push(`[${t.content || 'image'}]`)
        break
      case 'html_inline': {
        const tag = /^<(\/?)([a-zA-Z][\w-]*)([^>]*)>$/.exec(t.content.trim())
        if (!tag) break
        const [, slash, raw = '', attrs = ''] = tag
        const name = raw.toLowerCase()
        if (name === 'br') push('\n')
        else if (name === 'a' && slash) closeLink()
        else if (name === 'a') openLink(decodeEntities(/href\s*=\s*"([^"]*)"/i.exec(attrs)?.[1] ?? ''))
        else if (INLINE_TAGS[name]) (slash ? shut : open)(INLINE_TAGS[name])
        break
      }
    }
  }
  return segs
}

/** Greedy word wrap of marked text at `width` columns; `\n` breaks a line. */
function wrap(segs: Seg[], width: number): Seg[][] {
  const lines: Seg[][] = []
  let line: Seg[] = []
  let used = 0
  let word: Seg[] = []
  let space = false
  const endWord = () => {
    if (word.length === 0) return
    const w = word.reduce((n, s) => n + displayWidth(s.text), 0)
    if (used > 0 && used + 1 + w > width) {
      lines.push(line)
      line = []
      used = 0
    } else if (used > 0 && space) {
      line.push({ text: ' ', marks: [] })
      used += 1
    }
    line.push(...word)
    used += w
    word = []
    space = false
  }
  for (const seg of segs)
    for (const part of seg.text.split(/([ \t]+|\n)/)) {
      if (part === '\n') {
        endWord()
        lines.push(line)
        line = []
        used = 0
        space = false
      } else if (/^[ \t]+$/.test(part)) {
        endWord()
        space = used > 0
      } else if (part) word.push({ text: part, marks: seg.marks })
    }
  endWord()
  lines.push(line)
  return lines
}

/** A table's tokens (table_open up to table_close) as aligned rows within `width`. */
function table(tokens: Token[], width: number, maxCell: number, style: Style): string[] {
  const rows: Seg[][][] = []
  const aligns: string[] = []
  let header = 0
  for (const t of tokens) {
    if (t.type === 'tr_open') rows.push([])
    else if (t.type === 'th_open' || t.type === 'td_open') {
      if (rows.length === 1)
        aligns.push(/text-align:\s*(\w+)/.exec(String(t.attrGet('style') ?? ''))?.[1] ?? 'left')
    } else if (t.type === 'inline')
      rows.at(-1)?.push(inline(t.children).map((s) => ({ ...s, text: s.text.replace(/\n/g, ' ') })))
    else if (t.type === 'thead_close') header = rows.length
  }
  const columns = Math.max(0, ...rows.map((r) => r.length))
  const text = (cell: Seg[] | undefined) => (cell ?? []).map((s) => s.text).join('')
  const widths = Array.from({ length: columns }, (_, j) =>
    Math.min(maxCell, Math.max(0, ...rows.map((r) => displayWidth(text(r[j])))))
  )
  // narrow the widest column until the table fits
  while (widths.reduce((a, b) => a + b, 0) + GAP.length * (columns - 1) > width) {
    const widest = widths.indexOf(Math.max(...widths))
    if (widths[widest]! <= MIN_CELL) break
    widths[widest]!--
  }
  const line = (row: Seg[][], bold: boolean) =>
    widths
      .map((w, j) => {
        const segs = fit(row[j] ?? [], w).map((s) =>
          bold ? { ...s, marks: [...s.marks, 'bold' as const] } : s
        )
        const room = w - displayWidth(text(segs))
        const left = aligns[j] === 'right' ? room : aligns[j] === 'center' ? Math.floor(room / 2) : 0
        return ' '.repeat(left) + segs.map((s) => paintSeg(s, style)).join('') + ' '.repeat(room - left)
      })
      .join(GAP)
      .replace(/ +$/, '')
  const out = rows.map((r, k) => line(r, k < header))
  if (header > 0) out.splice(header, 0, style.dim(widths.map((w) => '─'.repeat(w)).join(GAP)))
  return out
}

/** The cell cut to `width` columns, ending in `…` when cut. */
function fit(segs: Seg[], width: number): Seg[] {
  if (displayWidth(segs.map((s) => s.text).join('')) <= width) return segs
  const out: Seg[] = []
  let room = width - 1
  for (const s of segs) {
    const part = fitStart(s.text, room)
    if (part) out.push({ ...s, text: part })
    room -= displayWidth(part)
    if (part.length < s.text.length) break
  }
  out.push({ text: '…', marks: out.at(-1)?.marks ?? [] })
  return out
}

function paintSeg(seg: Seg, style: Style): string {
  let s = stripControls(seg.text)
  for (const mark of new Set(seg.marks)) {
    if (mark === 'bold') s = style.bold(s)
    else if (mark === 'italic') s = style.italic(s)
    else if (mark === 'code') s = style.cyan(s)
    else if (mark === 'link') s = style.blue(style.underline(s))
    else s = style.dim(s)
  }
  return s
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }

/**
 * Character references in raw HTML (a `<summary>`), which markdown-it leaves to the browser; one that names a
 * control character (`&#27;`) decodes to nothing.
 */
function decodeEntities(text: string): string {
  const decoded = text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (all, ref: string) => {
    if (!ref.startsWith('#')) return NAMED[ref.toLowerCase()] ?? all
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1))
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd'
  })
  return stripControls(decoded)
}

function trimBlank(lines: string[]): string[] {
  let start = 0
  let end = lines.length
  while (start < end && lines[start] === '') start++
  while (end > start && lines[end - 1] === '') end--
  return lines.slice(start, end)
}
