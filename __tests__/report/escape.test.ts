import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { code, htmlText, md, plainText } from '../../src/report/escape.js'

/*
 * No Markdown renderer is installed (no marked, markdown-it or remark in node_modules), so these tests check
 * the literal strings: what a CommonMark/GFM parser would need to see to build a link, a mention, an HTML
 * tag or a table cell break, and that it is not there.
 */

/** Line breaks, controls, bidi controls and zero-width characters. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/

/** What is left once every backslash escape (`\x`) and every character reference (`&...;`) is taken out. */
const bare = (s: string) => s.replace(/\\[\s\S]/g, '').replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, '')

/**
 * The text a CommonMark renderer shows for escaped output: backslash escapes and entities resolved, and the
 * zero-width space that defuses mentions dropped (it is invisible).
 */
const shown = (s: string) =>
  s
    .replace(/@&#8203;/g, '@')
    .replace(
      /\\([!-/:-@[-`{-~])|&(#\d+|lt|gt|amp|quot);/g,
      (_, escaped: string | undefined, entity: string | undefined) => {
        if (escaped !== undefined) return escaped
        const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' }
        return named[entity!] ?? String.fromCodePoint(Number(entity!.slice(1)))
      }
    )

/** The inside of a `<code>` element. */
const inner = (s: string) => {
  expect(s.startsWith('<code>') && s.endsWith('</code>')).toBe(true)
  return s.slice('<code>'.length, -'</code>'.length)
}

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '](javascript:alert(1))',
  '[click](https://evil.example)',
  '![x](https://evil.example/p.png)',
  '@org/team and @user',
  'https://evil.example/x',
  'HTTPS://EVIL.EXAMPLE',
  'www.evil.example',
  'mail me: someone@evil.example',
  '<https://evil.example>',
  '</code><script>alert(1)</script>',
  '``x`` `y`',
  'a | b || c',
  '\\[not a link\\](https://evil.example)'
]

describe('plainText', () => {
  it.each([
    ['line\nbreaks\r\nand\n\nparagraphs', 'line breaks and paragraphs'],
    ['  tabs\tand   runs  of   spaces ', 'tabs and runs of spaces'],
    ['bidi \u202Eevil\u202C text', 'bidi evil text'],
    ['isolates \u2066x\u2069 and marks \u200E\u200F', 'isolates x and marks'],
    ['zero\u200Bwidth\u200Cjoin\u200Ders', 'zerowidthjoiners'],
    ['nul\u0000 bell\u0007 esc\u001b[31m del\u007f c1\u009b', 'nul bell esc[31m del c1'],
    ['unicode is kept: é ü 日本 🙂', 'unicode is kept: é ü 日本 🙂'],
    [null, ''],
    [undefined, '']
  ])('cleans %j to %j', (input, expected) => {
    expect(plainText(input)).toBe(expected)
  })

  it('keeps markup as it is: escaping is md and code’s job', () => {
    expect(plainText('<b>[x](y)</b>')).toBe('<b>[x](y)</b>')
  })

  it.each([1, 2, 10, 500])('bounds the length to %d, ending in an ellipsis when cut', (max) => {
    const out = plainText('x'.repeat(1000), max)
    expect(out.length).toBe(max)
    expect(out.endsWith('…')).toBe(true)
  })

  it('leaves text of exactly the maximum length whole', () => {
    expect(plainText('abcde', 5)).toBe('abcde')
    expect(plainText('abcdef', 5)).toBe('abcd…')
  })

  it('defaults to 500 characters', () => {
    expect(plainText('y'.repeat(2000))).toHaveLength(500)
  })

  it('never returns a line break, a control or a bidi character, nor more than max characters', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.integer({ min: 1, max: 200 }),
        (s, max) => {
          const out = plainText(s, max)
          expect(out.length).toBeLessThanOrEqual(max)
          expect(out).not.toMatch(INVISIBLE)
        }
      )
    )
  })
})

describe('md', () => {
  it.each([
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert\\(1\\)&gt;'],
    ['](javascript:alert(1))', '\\]\\(javascript&#58;alert\\(1\\)\\)'],
    ['[click](https://evil.example)', '\\[click\\]\\(https&#58;//evil\\.example\\)'],
    ['@org/team', '@&#8203;org/team'],
    ['@user', '@&#8203;user'],
    ['https://evil.example/x', 'https&#58;//evil\\.example/x'],
    ['www.evil.example', 'www&#46;evil\\.example'],
    ['a|b', 'a\\|b'],
    ['plain words stay plain', 'plain words stay plain']
  ])('escapes %j as %j', (input, expected) => {
    expect(md(input)).toBe(expected)
  })

  it.each(HOSTILE)('leaves no live Markdown or HTML in %j', (input) => {
    const out = md(input)
    const live = bare(out)
    // links, images, autolinks, code spans, HTML and table cells all need one of these, unescaped
    for (const c of ['[', ']', '(', ')', '<', '>', '`', '|', '!', '*', '_', '\\'])
      expect(live).not.toContain(c)
    // no mention: every @ is followed by an invisible zero-width space
    expect(out).not.toMatch(/@(?!&#8203;)/)
    expect(out).not.toMatch(/https?:\/\//i)
    expect(out).not.toMatch(/www\./i)
    expect(out).not.toContain('\n')
  })

  it.each(HOSTILE)('still shows the text of %j', (input) => {
    expect(shown(md(input))).toBe(input)
  })

  it('cannot break a table cell with a pipe', () => {
    const out = md('| cell | another |')
    expect(out).toBe('\\| cell \\| another \\|')
    expect(out.replace(/\\\|/g, '')).not.toContain('|')
  })

  it('turns every line break into a space', () => {
    expect(md('# title\n\n- item\r\n> quote')).toBe('\\# title \\- item &gt; quote')
  })

  it('removes bidi overrides, zero-width and control characters before escaping', () => {
    expect(md('safe\u202Etxt.exe\u200B\u0000')).toBe('safetxt\\.exe')
  })

  it('bounds the text shown, not the escaped output', () => {
    const out = md('a'.repeat(50), 10)
    expect(out).toBe('aaaaaaaaa…')
    expect(shown(md('.'.repeat(50), 10))).toBe('.........…')
  })

  it('shows any text as plainText would, with no unescaped Markdown', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const out = md(s, 100)
        expect(shown(out)).toBe(plainText(s, 100))
        expect(bare(out)).not.toMatch(/[[\]()<>`|*_\\]/)
        expect(out).not.toMatch(/[@\n\r]/)
      })
    )
  })
})

describe('code', () => {
  it('wraps the text in a code element', () => {
    expect(code('7a7e1cdf-a6b1-4743-a5f2-a7bd96ec7bab')).toBe(
      '<code>7a7e1cdf-a6b1-4743-a5f2-a7bd96ec7bab</code>'
    )
    expect(code('models/tf_model.h5')).toBe('<code>models/tf\\_model.h5</code>')
  })

  it.each(['`', '``', 'x` <b>y</b> `z', '</code>`'])('cannot be broken out of with %j', (input) => {
    const out = code(input)
    expect(inner(out)).not.toMatch(/[`<>]/)
    expect(out.match(/<\/code>/g)).toHaveLength(1)
  })

  it('shows backticks as a look-alike', () => {
    expect(code('a`b')).toBe('<code>aˋb</code>')
  })

  it.each(HOSTILE)('leaves no live Markdown or HTML in %j', (input) => {
    const out = inner(code(input))
    const live = bare(out)
    // the inside of <code> is still Markdown: no link, image, autolink, mention, tag or cell break
    for (const c of ['[', ']', '<', '>', '`', '|', '\\']) expect(live).not.toContain(c)
    // no mention: every @ is followed by an invisible zero-width space
    expect(out).not.toMatch(/@(?!&#8203;)/)
    expect(out).not.toMatch(/[a-z]:\/\//i)
    expect(out).not.toMatch(/www\./i)
  })

  it.each(HOSTILE)('still shows the text of %j (backticks as ˋ)', (input) => {
    expect(shown(inner(code(input)))).toBe(input.replace(/`/g, 'ˋ'))
  })

  it('is one line, without control or bidi characters', () => {
    expect(code('a\nb\r\nc\u202Ed\u200Be\u0000f')).toBe('<code>a b cdef</code>')
  })

  it('bounds the text to 200 characters by default, or to max', () => {
    expect(inner(code('z'.repeat(1000)))).toBe(`${'z'.repeat(199)}…`)
    expect(inner(code('z'.repeat(1000), 20))).toHaveLength(20)
  })

  it('shows any text as plainText would, with backticks replaced', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const out = inner(code(s, 100))
        expect(shown(out)).toBe(plainText(s, 100).replace(/`/g, 'ˋ'))
        expect(bare(out)).not.toMatch(/[[\]<>`|\\:@\n\r]/)
      })
    )
  })
})

describe('GitHub extensions that act on text', () => {
  it.each([
    ['see #42 and org/repo#7', /(?<![\w&])#\d/],
    ['GH-12 and gh-3', /GH-\d/i],
    ['$x^2$ and $$\\sum$$', /\$/]
  ])('%s: issue references and math are broken in md() and code()', (text, live) => {
    expect(shown(md(text)).replace(/\u200b/g, '')).toBe(text)
    expect(bare(md(text))).not.toMatch(live)
    // inside code, a zero-width space separates the parts (a literal one: entities would be escaped)
    expect(inner(code(text)).replace(/\\/g, '')).not.toMatch(live)
  })

  it('keeps emphasis and strike-through inert inside code', () => {
    expect(inner(code('**x** __y__ ~~z~~'))).toBe('\\*\\*x\\*\\* \\_\\_y\\_\\_ \\~\\~z\\~\\~')
  })

  it('drops word joiners and byte-order marks like other invisible characters', () => {
    expect(plainText('a\u2060b\ufeffc')).toBe('abc')
  })
})

describe('htmlText (inside raw HTML such as <summary>)', () => {
  it('shows ordinary text as written: no Markdown escapes, which would be visible there', () => {
    expect(htmlText('Keras weights (.h5) → SavedModel: leave them out')).toBe(
      'Keras weights (.h5) → SavedModel&#58; leave them out'
    )
  })

  it.each([
    ['<img src=x onerror=alert(1)>', /</],
    ['</summary></details><script>x</script>', /<\/?(summary|details|script)/],
    ['ping @octo-org/security', /@octo/],
    ['see #42', /#42/],
    ['https://evil.example', /https:\/\//]
  ])('keeps %j inert', (hostile, forbidden) => {
    expect(htmlText(hostile)).not.toMatch(forbidden)
  })
})
