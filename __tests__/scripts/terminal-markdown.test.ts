import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderMarkdown, type MarkdownOptions } from '../../scripts/demo/terminal-markdown.js'
import { ansi, displayWidth, stripControls } from '../../scripts/demo/style.js'
import { code, md } from '../../src/report/escape.js'

/** The job summaries and comments the action writes (__tests__/report/render.test.ts keeps them current). */
const GOLDEN = join(import.meta.dirname, '..', 'report', 'golden')
const goldens = readdirSync(GOLDEN)
  .filter((f) => f.endsWith('.md'))
  .sort()
const golden = (name: string) => readFileSync(join(GOLDEN, name), 'utf8')

const render = (source: string, options: MarkdownOptions = {}) => renderMarkdown(source, options)
const text = (source: string, options: MarkdownOptions = {}) => render(source, options).join('\n')

// eslint-disable-next-line no-control-regex
const SGR = /\x1b\[[0-9;]*m/g

describe.each(goldens)('%s', (name) => {
  const source = golden(name)

  it.each(['collapse', 'expand'] as const)('leaves no Markdown or HTML syntax (details: %s)', (details) => {
    const out = text(source, { details, width: 100 })
    expect(out).not.toMatch(/\\[!-/:-@[-`{-~]/) // backslash escapes
    expect(out).not.toMatch(/&(#\d+|#x[0-9a-f]+|[a-z]+);/i) // entities
    expect(out).not.toMatch(/<\/?(code|sub|details|summary|br)\b/i)
    expect(out).not.toMatch(/^#+ |\*\*|\|---|^\|/m)
    expect(out).not.toMatch(/\]\(https/) // links are "label (url)"
    expect(out).not.toContain('\u200b')
  })

  it.each([60, 80, 100])('fits %d columns, but for a word that is longer on its own (a URL)', (width) => {
    const over = render(source, { width }).filter((line) => displayWidth(line) > width)
    expect(over.filter((line) => line.trim().includes(' '))).toEqual([])
  })

  it('uses no colour unless asked, and colour when asked', () => {
    expect(text(source)).not.toMatch(SGR)
    const coloured = text(source, { style: ansi })
    expect(coloured).toMatch(SGR)
    expect(coloured.replace(SGR, '')).toBe(text(source))
  })

  it('shows every heading, with ## and ### underlined', () => {
    const lines = render(source, { width: 1000, details: 'expand' })
    const headings = [...source.replace(/^```[\s\S]*?^```$/gm, '').matchAll(/^(#{1,6}) (.*)$/gm)]
    expect(headings.length).toBeGreaterThan(0)
    for (const [, hashes, title] of headings) {
      const at = lines.indexOf(title!.replace(/\\(.)/g, '$1'))
      expect(at).toBeGreaterThanOrEqual(0)
      const rule = hashes!.length <= 3 ? /^[━─]+$/ : /^$/
      expect(lines[at + 1]).toMatch(rule)
    }
  })
})

describe('the DialoGPT job summary', () => {
  const source = golden('dialogpt.summary.md')
  const lines = render(source, { width: 100 })
  const out = lines.join('\n')

  it('undoes escapes and entities in text, code and table cells', () => {
    expect(lines[0]).toBe(
      '❌ Model gate failed: BLOCKED: 1 of 11 rules failed (Stored In Approved File Format)'
    )
    expect(out).toContain('❌ microsoft/DialoGPT-medium — BLOCKED')
    expect(out).toContain('UNAPPROVED_FORMATS: Model is stored in a format')
    expect(out).toContain(
      "tf_model.h5        Model file 'tf_model.h5' is stored in an unapproved format: keras_weights"
    )
  })

  it('shows links as label (url)', () => {
    expect(out).toContain('model page (https://huggingface.co/microsoft/DialoGPT-medium)')
  })

  it('shows <sub> as plain text, dimmed in colour, with its <code> in cyan', () => {
    expect(out).toMatch(/^Hugging Face https:\/\/huggingface\.co\/microsoft\/DialoGPT-medium · scanned by/m)
    const coloured = render(source, { style: ansi, width: 100 })
    const sub = coloured.find((l) => l.replace(SGR, '').startsWith('Hugging Face'))!
    expect(sub.startsWith('\x1b[2mHugging')).toBe(true)
    expect(sub).toContain('\x1b[36m\x1b[2mhttps://huggingface.co/microsoft/DialoGPT-medium\x1b[22m\x1b[39m')
  })

  it('aligns a table into columns, cutting a cell that is too wide with …', () => {
    const table = lines.slice(lines.indexOf('File               Findings'))
    expect(table[1]).toMatch(/^─{17} {2}─+$/)
    expect(table[2]).toMatch(/^pytorch_model\.bin {2}Model file 'pytorch_model\.bin' is stored .*…$/)
    expect(displayWidth(table[2]!)).toBe(99)
    expect(table[4]).toMatch(/^tf_model\.h5 {8}Model file/)
  })

  it('keeps lists, numbered from their start', () => {
    expect(lines).toContain('1. Convert the model to an approved format such as safetensors')
    expect(lines).toContain('2. Remove files in unapproved formats from the model')
  })

  it('collapses <details> to its summary and how many lines it holds, as GitHub first shows it', () => {
    expect(lines).toContain('▸ All 11 rules · collapsed, 13 lines')
    expect(lines).toContain('▸ PyTorch pickle checkpoint → safetensors · collapsed, 8 lines')
    expect(out).not.toContain('Load Time Code Execution Check')
    expect(out).not.toContain('import torch')
  })

  it('expands <details> on request: the summary, then its content indented', () => {
    const open = render(source, { details: 'expand', width: 100 })
    const at = open.indexOf('▸ All 11 rules')
    expect(open.slice(at + 1, at + 4)).toEqual([
      '  Rule                                   Severity   Posture   Result     Violations',
      '  ─────────────────────────────────────  ─────────  ────────  ─────────  ──────────',
      '  Stored In Approved File Format         🟡 Medium  BLOCKING  ❌ FAILED  5'
    ])
    expect(open).toContain('  │ import torch')
  })
})

describe('the mixed job summary', () => {
  const lines = render(golden('mixed.summary.md'), { width: 100 })

  it('aligns columns by display width (emoji take two columns)', () => {
    const header = lines.indexOf('Model                      Outcome  Verdict  Rules failed   Violations')
    expect(header).toBeGreaterThanOrEqual(0)
    const rows = lines.slice(header, header + 8)
    const verdictAt = (l: string) => displayWidth(l.slice(0, l.search(/Verdict|[❌✅]/)))
    expect(new Set(rows.filter((_, i) => i !== 1).map(verdictAt))).toEqual(new Set([36]))
    expect(rows[7]).toBe('airs-sim/clean-model       ALLOWED  ✅ pass  0 of 11        0')
  })

  it('narrows the widest columns to fit a small terminal', () => {
    const narrow = render(golden('mixed.summary.md'), { width: 40, details: 'expand' })
    const rows = narrow.filter((l) => / of 11 +\d$/.test(l))
    expect(rows).toHaveLength(5)
    for (const row of rows) expect(displayWidth(row)).toBeLessThanOrEqual(40)
    expect(rows[0]).toMatch(/^airs-… +BLOCK… +❌ fa… +2 of 11 +4$/)
  })
})

describe('the built-in engine summary', () => {
  it('shows a block quote with a bar', () => {
    expect(render(golden('builtin.summary.md'), { width: 200 })).toContain(
      '│ ⚠️ Model Architecture Backdoor Check was not evaluated: the built-in engine cannot judge it (it needs the AIRS service).'
    )
  })

  it('shows emphasis as italic in colour', () => {
    expect(text(golden('builtin.summary.md'), { style: ansi })).toContain('\x1b[3mThis\x1b[23m')
  })
})

describe('text the action escapes', () => {
  const HOSTILE = [
    '<img src=x onerror=alert(1)>',
    '[click](https://evil.example)',
    '@org/team and #42',
    'a | b || c',
    '\\[not a link\\](x) *not bold* _nor this_',
    "it's 50% & <done>: 1. 2) - + # !"
  ]

  it.each(HOSTILE)('renders md(%j) as the text itself', (input) => {
    expect(text(md(input), { width: 1000 })).toBe(input)
  })

  it.each(HOSTILE)('renders code(%j) as the text itself', (input) => {
    expect(text(code(input), { width: 1000 })).toBe(input.replace(/`/g, 'ˋ'))
  })

  it('renders md() of any printable text as that text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~aZ09é🙂') }),
        (s) => {
          const expected = s.replace(/\s+/g, ' ').trim()
          expect(text(md(s), { width: 10_000 })).toBe(expected)
        }
      )
    )
  })
})

describe('Markdown the goldens do not have', () => {
  it('renders nested lists, code spans, rules, hard breaks and images', () => {
    expect(
      render('- a `x`\n  - b\n- c\n\n---\n\nline<br>next  \nlast\n\n![alt](i.png)\n\n3. three\n4. four', {
        width: 20
      })
    ).toEqual([
      '• a x',
      '  • b',
      '• c',
      '',
      '────────────────────',
      '',
      'line',
      'next',
      'last',
      '',
      '[alt]',
      '',
      '3. three',
      '4. four'
    ])
  })

  it('decodes entities in a <summary> and right-aligns a right-aligned column', () => {
    expect(
      render(
        '<details><summary>a &lt;b&gt; &#58; &#x41;</summary>\n\n| n | v |\n|--:|:-:|\n| 1 | x |\n| 100 | yy |\n\n</details>',
        {
          details: 'expand'
        }
      )
    ).toEqual(['▸ a <b> : A', '    n  v', '  ───  ──', '    1  x', '  100  yy'])
  })

  it('collapses nested <details> with the outer one', () => {
    expect(
      render(
        '<details><summary>outer</summary>\n\ntext\n\n<details><summary>inner</summary>\n\nx\n\n</details>\n\n</details>'
      )
    ).toEqual(['▸ outer · collapsed, 3 lines'])
  })
})

describe('control characters', () => {
  // every C0 and C1 control character but tab and newline, and DEL
  const CONTROLS = [
    ...Array.from({ length: 0x20 }, (_, c) => c).filter((c) => c !== 0x09 && c !== 0x0a),
    ...Array.from({ length: 0x21 }, (_, c) => 0x7f + c)
  ].map((c) => String.fromCharCode(c))
  const ANY_CONTROL = new RegExp(`[${CONTROLS.join('').replace(/[\\\]^-]/g, '\\$&')}]`)

  it('never reach the terminal: an OSC title change is shown as text', () => {
    expect(render('\x1b]0;pwned\x07')).toEqual([']0;pwned'])
    const heading = render('# Gate \x9b31mpassed\x1b[0m\x1b[2J')
    expect(heading).toEqual(['Gate 31mpassed[0m[2J', '═'.repeat(20)])
  })

  // a carriage return ends a line (below)
  it.each(CONTROLS.filter((c) => c !== '\r').map((c) => [c.charCodeAt(0).toString(16).padStart(2, '0'), c]))(
    'U+00%s is dropped from text, headings, tables, code, HTML and links',
    (_, c) => {
      const source = [
        `## H${c}h`,
        `p${c}p **b${c}b** \`c${c}c\` [l${c}l](https://x.example/${c})`,
        `| a${c}a | b |\n|---|---|\n| x${c}x | y |`,
        `\`\`\`\nf${c}f\n\`\`\``,
        `<details><summary>s${c}s</summary>\n\n- i${c}i\n\n</details>`
      ].join('\n\n')
      const lines = render(source, { details: 'expand', width: 1000 })
      expect(lines.join('\n')).not.toMatch(ANY_CONTROL)
      expect(lines.join('\n')).toMatch(
        /Hh[\s\S]*pp bb cc ll[\s\S]*aa[\s\S]*xx[\s\S]*│ ff[\s\S]*▸ ss[\s\S]*• ii/
      )
    }
  )

  it('drops a control character an entity names, in raw HTML and in Markdown', () => {
    expect(render('<details><summary>a&#x1b;]0;t&#7;b &#155;c &#13;d</summary>\n\nx\n\n</details>')).toEqual([
      '▸ a]0;tb c d · collapsed, 1 line'
    ])
    expect(render('a&#13;b&#12;c <a href="https://x.example/&#27;">l</a>')).toEqual([
      'abc l (https://x.example/)'
    ])
  })

  it('reads a lone carriage return as a line end, as markdown-it does, not as an overwrite', () => {
    expect(render('one\rtwo\r\nthree')).toEqual(['one two three'])
    expect(render('```\nsafe\rEVIL\n```')).toEqual(['│ safe', '│ EVIL'])
  })

  it('keeps tabs in code, and the styles it adds after stripping', () => {
    expect(render('```\na\tb\n```')).toEqual(['│ a\tb'])
    expect(render('`\x1b[5mx`', { style: ansi })).toEqual(['\x1b[36m[5mx\x1b[39m'])
  })

  it('strips nothing else (stripControls)', () => {
    const printable = 'a é 🙂 \u200b \u00a0 \u00ad \t\n'
    expect(stripControls(printable)).toBe(printable)
    expect(stripControls(CONTROLS.join(''))).toBe('')
  })
})
