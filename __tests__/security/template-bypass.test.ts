import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import {
  isUnverifiable,
  templateAnalysis,
  templateThreats,
  templateWork
} from '../../src/engine/formats/template.js'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { JINJA_MISSING, jinjaEval, jinjaRender } from '../helpers/jinja.js'
import { CLI, runProcess } from '../helpers/run-dist.js'

/**
 * Template injection that builds attribute names at render time (issue 13, item 1). Attack generators, not
 * samples: every payload skeleton (a chain from Jinja's `cycler` global to `os` through `__init__` and
 * `__globals__`, reached by subscripts, attr, the attribute-getter filters, filters chosen by name, format
 * strings) × every way of spelling the names it needs. Each generated template must be caught by the names
 * themselves: a dunder or `os` the checker folded, or a name it reports it could not fold. With Python's
 * Jinja2 at hand, a sample of them is rendered in a plain Environment to prove the families really run.
 */

// ---- spelling a name ----

interface Spelled {
  /** statements placed before the payload, and after it */
  pre: string
  post: string
  expr: string
  /** the name comes from render-time data: messages[i].content */
  data?: boolean
  /** Python cannot render it to the end (an iteration over another value fails first) */
  noProof?: boolean
}

/** A Jinja string literal. */
const q = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
const halves = (s: string): [string, string] => {
  const m = Math.max(1, Math.floor(s.length / 2))
  return [s.slice(0, m), s.slice(m)]
}
const codes = (s: string): number[] => [...s].map((c) => c.codePointAt(0) as number)
const hex2 = (n: number): string => n.toString(16).padStart(2, '0')
const UNICODE_NAMES: Record<string, string> = { _: 'LOW LINE', '.': 'FULL STOP' }
const unicodeName = (c: string): string =>
  UNICODE_NAMES[c] ??
  (/[a-z]/.test(c)
    ? `LATIN SMALL LETTER ${c.toUpperCase()}`
    : /[A-Z]/.test(c)
      ? `LATIN CAPITAL LETTER ${c}`
      : `DIGIT ${['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE'][Number(c)]}`)
const simple = (expr: string): Spelled => ({ pre: '', post: '', expr })

/** Ways of spelling `name` (an ASCII identifier-like string), `i` keeping helper names apart. */
const SPELLINGS: Record<string, (name: string, i: number) => Spelled> = {
  literal: (n) => simple(q(n)),
  tilde: (n) => simple(`(${halves(n).map(q).join(' ~ ')})`),
  plus: (n) => simple(`(${halves(n).map(q).join(' + ')})`),
  'join filter': (n) => simple(`([${[...n].map(q).join(', ')}]|join)`),
  'join filter with a separator': (n) => simple(`(${q([...n].join('-'))}.split('-')|join(''))`),
  'str.join': (n) => simple(`''.join([${halves(n).map(q).join(', ')}])`),
  replace: (n) => {
    const c = n[0] as string
    return simple(`(${q(n.split(c).join('Q'))}|replace('Q', ${q(c)}))`)
  },
  'str.replace': (n) => simple(`${q(n.split(n[0] as string).join('Q'))}.replace('Q', ${q(n[0] as string)})`),
  center: (n) => simple(`(${q(n)}.center(${n.length + 6})|trim)`),
  'center filter': (n) => simple(`(${q(n)}|center(${n.length + 5})).strip()`),
  'str.format': (n) => simple(`'{}{}'.format(${halves(n).map(q).join(', ')})`),
  'str.format by name': (n) => simple(`'{a}{b}'.format(a=${q(halves(n)[0])}, b=${q(halves(n)[1])})`),
  'str.format_map': (n) => simple(`'{a}{b}'.format_map({'a': ${q(halves(n)[0])}, 'b': ${q(halves(n)[1])}})`),
  'format filter': (n) => simple(`('%s%s'|format(${halves(n).map(q).join(', ')}))`),
  '% tuple': (n) => simple(`('%s%s' % (${halves(n).map(q).join(', ')}))`),
  '% mapping': (n) => simple(`('%(a)s%(b)s' % {'a': ${q(halves(n)[0])}, 'b': ${q(halves(n)[1])}})`),
  '%c': (n) => simple(`(${q('%c'.repeat(n.length))} % (${codes(n).join(', ')},))`),
  '%c with arithmetic': (n) =>
    simple(
      `(${q('%c'.repeat(n.length))} % (${codes(n)
        .map((c) => `${c - 1} + 1`)
        .join(', ')},))`
    ),
  '{:c}': (n) => simple(`${q('{:c}'.repeat(n.length))}.format(${codes(n).join(', ')})`),
  'reverse filter': (n) => simple(`(${q([...n].reverse().join(''))}|reverse)`),
  'reversing slice': (n) => simple(`${q([...n].reverse().join(''))}[::-1]`),
  'slice of a longer string': (n) => simple(`${q(`xy${n}zw`)}[2:-2]`),
  'string repetition': (n) => simple(`(${q(n)} * 2)[:${n.length}]`),
  'hex escapes': (n) => simple(`'${[...n].map((c) => `\\x${hex2(c.charCodeAt(0))}`).join('')}'`),
  'unicode escapes': (n) => simple(`'${[...n].map((c) => `\\u00${hex2(c.charCodeAt(0))}`).join('')}'`),
  'octal escapes': (n) => simple(`'${[...n].map((c) => `\\${c.charCodeAt(0).toString(8)}`).join('')}'`),
  'named escapes': (n) => simple(`'${[...n].map((c) => `\\N{${unicodeName(c)}}`).join('')}'`),
  'adjacent literals': (n) => simple(`(${halves(n).map(q).join(' ')})`),
  'upper then lower': (n) => simple(`(${q(n.toUpperCase())}|lower)`),
  'str.lower': (n) => simple(`${q(n.toUpperCase())}.lower()`),
  'trim filter': (n) => simple(`(${q(`  ${n}\n`)}|trim)`),
  'str.strip with characters': (n) => simple(`${q(`xx${n}xx`)}.strip('x')`),
  'string filter': (n) => simple(`(${q(n)}|string)`),
  'first of a list': (n) => simple(`([${q(n)}, 'role']|first)`),
  'last of a list': (n) => simple(`(['role', ${q(n)}]|last)`),
  'list index': (n) => simple(`['role', ${q(n)}][1]`),
  'unique and sort': (n) => simple(`([${q(n)}, ${q(n)}]|unique|sort|first)`),
  'map of a filter': (n) => simple(`([${q(n.toUpperCase())}]|map('lower')|first)`),
  'dict item': (n) => simple(`{'k': ${q(n)}}['k']`),
  'dict attribute': (n) => simple(`{'k': ${q(n)}}.k`),
  'dict() keys': (n) => simple(`(dict(**{${q(n)}: 1})|first)`),
  'dict.get': (n) => simple(`{'k': ${q(n)}}.get('k')`),
  translate: (n) => simple(`${q(n.replace(/_/g, '-'))}.translate(''.maketrans('-', '_'))`),
  'encode and decode': (n) => simple(`${q(n)}.encode().decode()`),
  partition: (n) => simple(`(${q(`${n}|x`)}.partition('|')|first)`),
  'conditional expression': (n) => simple(`(${q(n)} if messages else ${q(n)})`),
  'or operator': (n) => simple(`('' or ${q(n)})`),
  'batch and map': (n) => simple(`([${halves(n).map(q).join(', ')}]|batch(1)|map('first')|join)`),
  'urlencode and truncate': (n) => simple(`(${q(n)}|urlencode|truncate(100))`),
  'set variable': (n, i) => ({
    pre: `{% set v${i} = ${halves(n).map(q).join(' ~ ')} %}`,
    post: '',
    expr: `v${i}`
  }),
  'set in both branches': (n, i) => ({
    pre: `{% if messages %}{% set v${i} = ${q(n)} %}{% else %}{% set v${i} = ${halves(n).map(q).join(' ~ ')} %}{% endif %}`,
    post: '',
    expr: `v${i}`
  }),
  'tuple unpacking': (n, i) => ({
    pre: `{% set a${i}, b${i} = ${halves(n).map(q).join(', ')} %}`,
    post: '',
    expr: `(a${i} ~ b${i})`
  }),
  'captured block': (n, i) => ({ pre: `{% set c${i} %}${n}{% endset %}`, post: '', expr: `c${i}` }),
  'captured block with a filter': (n, i) => ({
    pre: `{% set c${i} | lower %}${n.toUpperCase()}{% endset %}`,
    post: '',
    expr: `c${i}`
  }),
  'captured block with whitespace control': (n, i) => ({
    pre: `{% set c${i} -%}\n  ${n}\n{%- endset %}`,
    post: '',
    expr: `c${i}`
  }),
  'macro return': (n, i) => ({ pre: `{% macro m${i}() %}${n}{% endmacro %}`, post: '', expr: `m${i}()` }),
  'macro calling a macro': (n, i) => ({
    pre: `{% macro h${i}() %}${halves(n)[1]}{% endmacro %}{% macro m${i}() %}${halves(n)[0]}{{ h${i}() }}{% endmacro %}`,
    post: '',
    expr: `m${i}()`
  }),
  'macro parameter': (n, i) => ({
    pre: `{% macro m${i}(x) %}{{ x }}{% endmacro %}`,
    post: '',
    expr: `m${i}(${q(n)})`
  }),
  'caller block': (n, i) => ({
    pre: `{% macro k${i}() %}{{ caller() }}{% endmacro %}{% set c${i} %}{% call k${i}() %}${n}{% endcall %}{% endset %}`,
    post: '',
    expr: `c${i}`
  }),
  'namespace attribute': (n, i) => ({
    pre: `{% set ns${i} = namespace(v=${halves(n).map(q).join(' ~ ')}) %}`,
    post: '',
    expr: `ns${i}.v`
  }),
  'namespace built in a loop': (n, i) => ({
    pre: `{% set ns${i} = namespace(v='') %}{% for p in [${[...n].map(q).join(', ')}] %}{% set ns${i}.v = ns${i}.v ~ p %}{% endfor %}`,
    post: '',
    expr: `ns${i}.v`
  }),
  'namespace set after use in a macro': (n, i) => ({
    pre: `{% set ns${i} = namespace(v='role') %}{% set ns${i}.v = ${q(n)} %}`,
    post: '',
    expr: `ns${i}.v`
  }),
  'loop over a literal list': (n, i) => ({
    pre: `{% for v${i} in [${q(n)}] %}`,
    post: '{% endfor %}',
    expr: `v${i}`
  }),
  'loop over a list with a harmless name': (n, i) => ({
    pre: `{% for v${i} in ['role', ${q(n)}] %}`,
    post: '{% endfor %}',
    expr: `v${i}`,
    noProof: true
  }),
  'loop.cycle': (n) => ({ pre: '{% for _ in [1] %}', post: '{% endfor %}', expr: `loop.cycle(${q(n)})` }),
  'with block': (n, i) => ({ pre: `{% with w${i} = ${q(n)} %}`, post: '{% endwith %}', expr: `w${i}` }),
  'list changed in place': (n, i) => ({
    pre: `{% set l${i} = ['role'] %}{% set _ = l${i}.append(${q(n)}) %}`,
    post: '',
    expr: `(l${i}|last)`
  }),
  'list from split, changed in place': (n, i) => ({
    pre: `{% set l${i} = 'role'.split(',') %}{% set _ = l${i}.append(${q(n)}) %}`,
    post: '',
    expr: `(l${i}|last)`
  }),
  '*args': (n) => simple(`'{}{}'.format(*[${halves(n).map(q).join(', ')}])`),
  '**kwargs': (n) => simple(`'{a}{b}'.format(**{'a': ${q(halves(n)[0])}, 'b': ${q(halves(n)[1])}})`),
  'render-time data': (_n, i) => ({ pre: '', post: '', expr: `messages[${i}].content`, data: true }),
  'render-time data, filtered': (_n, i) => ({
    pre: '',
    post: '',
    expr: `(messages[${i}]['content']|trim)`,
    data: true
  })
}

// ---- payload skeletons: cycler → __init__ → __globals__ → os ----

interface Skeleton {
  build: (a: string, b: string, c: string, f: string) => string
  /** what the Python rendering shows when the chain ran (pid: the renderer's process id) */
  proof?: (out: string, pid: number) => boolean
}

const PID = (out: string, pid: number): boolean => out.trim() === String(pid)
const SEP = (out: string): boolean => out.trim() === '/'
const path = (...xs: string[]): string => xs.join(" ~ '.' ~ ")

const SKELETONS: Record<string, Skeleton> = {
  subscript: { build: (a, b, c) => `{{ cycler[${a}][${b}][${c}].getpid() }}`, proof: PID },
  'attr filter': { build: (a, b, c) => `{{ (cycler|attr(${a})|attr(${b}))[${c}].getpid() }}`, proof: PID },
  'map(attribute=)': {
    build: (a, b, c) => `{{ ([cycler]|map(attribute=${a})|map(attribute=${b})|first)[${c}].getpid() }}`,
    proof: PID
  },
  'map(attribute=) with a dotted path': {
    build: (a, b, c) => `{{ ([cycler]|map(attribute=${path(a, b)})|first)[${c}].getpid() }}`,
    proof: PID
  },
  "map('attr', …) with the filter name spelled": {
    build: (a, b, c, f) => `{{ ([cycler]|map(${f}, ${a})|map(${f}, ${b})|first)[${c}].getpid() }}`,
    proof: PID
  },
  'groupby(attribute)': {
    build: (a, b, c) => `{{ ([cycler]|groupby(${path(a, b)})|first).grouper[${c}].getpid() }}`,
    proof: PID
  },
  'selectattr(attribute)': {
    build: (a, b, c) => `{{ [cycler]|selectattr(${path(a, b, c)})|list|length }}`,
    proof: (out) => out.trim() === '1'
  },
  'rejectattr(attribute, test)': {
    build: (a, b, c) => `{{ [cycler]|rejectattr(${path(a, b, c)}, 'none')|list|length }}`,
    proof: (out) => out.trim() === '1'
  },
  'sort(attribute=)': {
    build: (a, b, c) => `{{ [cycler, cycler]|sort(attribute=${path(a, b, c)})|length }}`
  },
  'unique(attribute=)': {
    build: (a, b, c) => `{{ [cycler]|unique(attribute=${path(a, b, c)})|list|length }}`
  },
  'min(attribute=)': { build: (a, b, c) => `{{ [cycler]|min(attribute=${path(a, b, c)}) }}` },
  'max(attribute=)': { build: (a, b, c) => `{{ [cycler]|max(false, ${path(a, b, c)}) }}` },
  'sum(attribute=)': {
    // os.SEEK_END is 2
    build: (a, b, c) => `{{ [cycler]|sum(attribute=${path(a, b, c, "'SEEK_END'")}) }}`,
    proof: (out) => out.trim() === '2'
  },
  'join(attribute=)': {
    build: (a, b, c) => `{{ [cycler]|join('', ${path(a, b, c, "'sep'")}) }}`,
    proof: SEP
  },
  'str.format fields': {
    build: (a, b, c) => `{{ ('{0.' ~ ${a} ~ '.' ~ ${b} ~ '[' ~ ${c} ~ '].sep}').format(cycler) }}`,
    proof: SEP
  },
  'str.format_map fields': {
    build: (a, b, c) => `{{ ('{c.' ~ ${a} ~ '.' ~ ${b} ~ '[' ~ ${c} ~ '].sep}').format_map({'c': cycler}) }}`,
    proof: SEP
  },
  '*args and **kwargs into the filters': {
    build: (a, b, c) =>
      `{{ ([cycler]|map(**{'attribute': ${a}})|map(*['attr', ${b}])|first)[${c}].getpid() }}`,
    proof: PID
  }
}

const NAMES = ['__init__', '__globals__', 'os', 'attr'] as const

interface Case {
  name: string
  template: string
  data: string[]
  proof?: Skeleton['proof']
}

function generate(): Case[] {
  const cases: Case[] = []
  for (const [sk, skeleton] of Object.entries(SKELETONS)) {
    for (const [sp, speller] of Object.entries(SPELLINGS)) {
      const parts = NAMES.map((n, i) => speller(n, i))
      const [a, b, c, f] = parts.map((p) => p.expr) as [string, string, string, string]
      const body = skeleton.build(a, b, c, f)
      const template =
        parts.map((p) => p.pre).join('') +
        body +
        [...parts]
          .reverse()
          .map((p) => p.post)
          .join('')
      cases.push({
        name: `${sk} × ${sp}`,
        template,
        data: parts.some((p) => p.data) ? [...NAMES] : [],
        ...(skeleton.proof && !parts.some((p) => p.noProof) && { proof: skeleton.proof })
      })
    }
  }
  return cases
}

const CASES = generate()

/** Threats the spelled names themselves produce (not the `cycler` receiver or the attr filter). */
const BY_NAME = /^(dunder:__init__|dunder:__globals__|os-module|unfoldable:.*)$/

describe('generated template-injection payloads', () => {
  it(`generates ${Object.keys(SKELETONS).length} skeletons × ${Object.keys(SPELLINGS).length} spellings`, () => {
    expect(CASES.length).toBe(Object.keys(SKELETONS).length * Object.keys(SPELLINGS).length)
    expect(CASES.length).toBeGreaterThan(1000)
  })

  it('catches every one by the names it builds', () => {
    const missed: string[] = []
    for (const c of CASES) {
      const patterns = templateAnalysis(c.template).threats.map((t) => t.pattern)
      if (!patterns.some((p) => BY_NAME.test(p)))
        missed.push(`${c.name}: ${c.template} → [${patterns.join(', ')}]`)
    }
    expect(missed).toEqual([])
  })

  it('names the dunder it folded, where the spelling is made of constants', () => {
    const unfolded: string[] = []
    const constant = Object.keys(SPELLINGS).filter(
      (s) =>
        ![
          'render-time data',
          'render-time data, filtered',
          'macro parameter',
          'caller block',
          'namespace built in a loop',
          'list changed in place',
          'list from split, changed in place'
        ].includes(s)
    )
    for (const sp of constant) {
      const c = CASES.find((x) => x.name === `subscript × ${sp}`)!
      const patterns = templateAnalysis(c.template).threats.map((t) => t.pattern)
      if (!patterns.includes('dunder:__init__')) unfolded.push(`${sp}: [${patterns.join(', ')}]`)
    }
    expect(unfolded).toEqual([])
  })

  const withPython = JINJA_MISSING === undefined ? describe : describe.skip
  withPython(`with Python's Jinja2${JINJA_MISSING ? ` (skipped: ${JINJA_MISSING})` : ''}`, () => {
    it('really reach os in a plain Environment (a sample of each family)', () => {
      // every spelling at least once, every skeleton with a proof with several spellings
      const spellings = Object.keys(SPELLINGS)
      const sample = CASES.filter((c) => c.proof).filter((c, k) => {
        const sp = c.name.split(' × ')[1] as string
        return k % 5 === 0 || c.name.startsWith('subscript × ') || sp === spellings[k % spellings.length]
      })
      const { pid, results } = jinjaRender(
        sample.map((c) => ({
          template: c.template,
          trim: false,
          context: { messages: c.data.map((content) => ({ role: 'user', content })) }
        }))
      )
      const failed = sample.flatMap((c, i) => {
        const r = results[i]!
        return r.ok && c.proof!(r.text, pid) ? [] : [`${c.name}: ${r.ok ? r.text.slice(0, 80) : r.error}`]
      })
      expect(sample.length).toBeGreaterThan(150)
      expect(failed).toEqual([])
    })
  })
})

// ---- the property: no composition of string-building operations yields an unreported name ----

interface Built {
  expr: string
  value: string
}

const PIECES = ['_', '__', 'cl', 'ass', 'init', 'glo', 'bals', 'os', 'role', 'con', 'tent', 'x', 'Ab', '']
const piece = fc.constantFrom(...PIECES).map((p): Built => ({ expr: q(p), value: p }))
const charCode = fc
  .constantFrom(95, 97, 99, 105, 108, 111, 115, 116)
  .map((n): Built => ({ expr: `('%c' % ${n})`, value: String.fromCharCode(n) }))

/** Python's str.center, written out independently of the checker's. */
function center(s: string, width: number, fill: string): string {
  if (s.length >= width) return s
  const marg = width - s.length
  const left = Math.floor(marg / 2) + (marg & width & 1)
  return fill.repeat(left) + s + fill.repeat(marg - left)
}

/** Python's slice of a string with non-negative or negative bounds and step ±1. */
function pySlice(s: string, a: number, b: number): string {
  const n = s.length
  const norm = (x: number): number => (x < 0 ? Math.max(0, x + n) : Math.min(x, n))
  return s.slice(norm(a), Math.max(norm(a), norm(b)))
}

const built: fc.Memo<Built> = fc.memo((depth) => {
  if (depth <= 1) return fc.oneof(piece, charCode)
  const sub = built(depth - 1)
  return fc.oneof(
    piece,
    fc.tuple(sub, sub).map(([a, b]) => ({ expr: `(${a.expr} ~ ${b.expr})`, value: a.value + b.value })),
    fc.tuple(sub, sub).map(([a, b]) => ({ expr: `(${a.expr} + ${b.expr})`, value: a.value + b.value })),
    fc
      .tuple(sub, sub, fc.constantFrom('', '_', 'x'))
      .map(([a, b, s]) => ({ expr: `([${a.expr}, ${b.expr}]|join(${q(s)}))`, value: a.value + s + b.value })),
    fc
      .tuple(sub, sub)
      .map(([a, b]) => ({ expr: `''.join((${a.expr}, ${b.expr}))`, value: a.value + b.value })),
    fc
      .tuple(sub, fc.constantFrom('x', 'l', 'a', 's'), fc.constantFrom('_', '', 'x'))
      .map(([a, from, to]) => ({
        expr: `(${a.expr}|replace(${q(from)}, ${q(to)}))`,
        value: a.value.split(from).join(to)
      })),
    sub.map((a) => ({ expr: `(${a.expr}|upper|lower)`, value: a.value.toLowerCase() })),
    sub.map((a) => ({ expr: `(${a.expr}|reverse)`, value: [...a.value].reverse().join('') })),
    sub.map((a) => ({ expr: `${a.expr}[::-1]`, value: [...a.value].reverse().join('') })),
    fc
      .tuple(sub, fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 6 }))
      .map(([a, i, j]) => ({ expr: `${a.expr}[${i}:${j}]`, value: pySlice(a.value, i, j) })),
    fc
      .tuple(sub, fc.integer({ min: 0, max: 12 }))
      .map(([a, w]) => ({ expr: `${a.expr}.center(${w}, '_')`, value: center(a.value, w, '_') })),
    fc
      .tuple(sub, sub)
      .map(([a, b]) => ({ expr: `'{}{}'.format(${a.expr}, ${b.expr})`, value: a.value + b.value })),
    fc
      .tuple(sub, sub)
      .map(([a, b]) => ({ expr: `('%s%s' % (${a.expr}, ${b.expr}))`, value: a.value + b.value })),
    fc
      .tuple(sub, sub)
      .map(([a, b]) => ({ expr: `('%s%s'|format(${a.expr}, ${b.expr}))`, value: a.value + b.value })),
    fc
      .tuple(sub, fc.integer({ min: 0, max: 3 }))
      .map(([a, k]) => ({ expr: `(${a.expr} * ${k})`, value: a.value.repeat(k) })),
    sub.map((a) => ({ expr: `((' ' ~ ${a.expr} ~ ' ')|trim)`, value: a.value })),
    fc.tuple(sub, sub).map(([a, b]) => ({ expr: `([${a.expr}, ${b.expr}]|first)`, value: a.value })),
    fc.tuple(sub, sub).map(([a, b]) => ({ expr: `([${a.expr}, ${b.expr}]|last)`, value: b.value })),
    fc.tuple(sub, sub).map(([a, b]) => ({ expr: `(${a.expr} if true else ${b.expr})`, value: a.value })),
    sub.map((a) => ({ expr: `${a.expr}.strip('x')`, value: a.value.replace(/^x+|x+$/g, '') }))
  )
})

/** Names the checker must never pass as attributes (an independent list: Python internals and Jinja's sandbox). */
const unsafe = (name: string): boolean =>
  name.startsWith('_') ||
  ['os', 'popen', 'subprocess', 'eval', 'exec', 'import', 'builtins', 'mro'].includes(name)

const SINKS: Record<string, { template: (e: string) => string; kind: string }> = {
  subscript: { template: (e) => `{{ x[${e}] }}`, kind: 'subscript' },
  'map(attribute=)': { template: (e) => `{{ x|map(attribute=${e})|list }}`, kind: 'attribute-filter' },
  'sort(attribute=)': { template: (e) => `{{ x|sort(attribute=${e}) }}`, kind: 'attribute-filter' }
}

describe('property: string-building operations, composed, never hide a name', () => {
  it.each(Object.keys(SINKS))(
    'at a %s sink, every composition folds to its value and is judged by it',
    (sink) => {
      const { template, kind } = SINKS[sink]!
      fc.assert(
        fc.property(built(4), (b) => {
          const { threats, sinks } = templateAnalysis(template(b.expr))
          const at = sinks.filter((s) => s.kind === kind)
          // the checker says which constant it folded to, and it is Python's
          expect(at).toEqual([expect.objectContaining({ names: [b.value] })])
          // a threat exactly when the name is dangerous
          const dangerous = b.value.split(sink === 'subscript' ? /$^/ : /[.,]/).some(unsafe)
          expect({ name: b.value, reported: threats.length > 0 }).toEqual({
            name: b.value,
            reported: dangerous
          })
        }),
        { numRuns: 300, seed: 0x5eed }
      )
    }
  )

  const withPython = JINJA_MISSING === undefined ? describe : describe.skip
  withPython(`with Python's Jinja2${JINJA_MISSING ? ` (skipped: ${JINJA_MISSING})` : ''}`, () => {
    it('the reference values are what Jinja2 computes', () => {
      const sample = fc.sample(built(4), { numRuns: 300, seed: 0x5eed })
      const values = jinjaEval(sample.map((b) => b.expr))
      expect(values).toEqual(sample.map((b) => b.value))
    })
  })
})

// ---- bounds: no template makes the checker superlinear ----

describe('the checker stays linear', () => {
  /** Pathological shapes, each of size about n. */
  const FAMILIES: Record<string, (n: number) => string> = {
    'many small sets and sinks': (n) =>
      "{% set a = 'x' %}".concat("{% set b = a ~ 'y' %}{{ q[b] }}".repeat(n)),
    'ifs writing distinct names': (n) =>
      Array.from({ length: n }, (_, i) => `{% if c %}{% set v${i} = 'a' %}{% endif %}`).join(''),
    'one elif chain': (n) => `{% if c %}${"{% elif d %}{% set v = 'a' %}".repeat(n)}{% endif %}`,
    'nested loops and ifs': (n) =>
      `${'{% for x in y %}{% if x %}'.repeat(20)}${"{% set z = x ~ 'a' %}{{ z }}".repeat(n)}${'{% endif %}{% endfor %}'.repeat(20)}`,
    'macros calling the next': (n) =>
      Array.from({ length: n }, (_, i) => `{% macro m${i}() %}{{ m${i + 1}() }}x{% endmacro %}`).join(''),
    'namespace updated in loops': (n) =>
      `{% set ns = namespace(a='') %}${"{% for x in y %}{% set ns.a = ns.a ~ 'x' %}{% endfor %}".repeat(n)}{{ q[ns.a] }}`,
    'a long concatenation': (n) => `{{ q[${Array.from({ length: n }, () => "'a'").join(' ~ ')}] }}`,
    'a long list': (n) => `{{ q[[${"'a',".repeat(n)}]|join] }}`,
    'a string that doubles': (n) => `{% set s = 'ab' %}${'{% set s = s ~ s %}'.repeat(n)}{{ q[s] }}`,
    'a format string with many fields': (n) => `{{ q[${q('{0}'.repeat(n))}.format('a')] }}`,
    // D1: a dict of n entries whose items are taken n times (quadratic before the dict was made once)
    'a dict whose items are taken again and again': (n) =>
      `{% set d = {${Array.from({ length: n }, (_, i) => `${i}: 0`).join(',')}} %}${'{{ d.items() }}'.repeat(n)}`,
    'a dict looped over by items': (n) =>
      `{% set d = {${Array.from({ length: 200 }, (_, i) => `'k${i}': 'v${i}'`).join(',')}} %}${'{% for k, v in d.items() %}{{ k ~ v }}{% endfor %}'.repeat(n / 10)}`
  }

  const work = (t: string): number => {
    templateAnalysis(t)
    return templateWork()
  }

  it.each(Object.keys(FAMILIES))('%s: four times the size, at most about four times the work', (family) => {
    const make = FAMILIES[family]!
    const small = work(make(1000))
    const large = work(make(4000))
    expect(large).toBeLessThan(6 * small + 10_000)
  })

  it('past its work budget the analysis stops: LIMIT, and what it found before stays found', () => {
    const t = `{{ cycler.__init__ }}${"{% set s = 'ab' %}{% set t = s ~ s %}{{ q[t] }}".repeat(2000)}`
    const unlimited = templateAnalysis(t).threats.map((x) => x.pattern)
    expect(unlimited).not.toContain('LIMIT')
    const stopped = templateAnalysis(t, { maxWork: 2000 })
    expect(stopped.threats.map((x) => x.pattern)).toEqual(
      expect.arrayContaining(['LIMIT', 'dunder:__init__'])
    )
    expect(stopped.threats.find((x) => x.pattern === 'LIMIT')!.excerpt).toMatch(/not checked to the end/)
    expect(templateWork()).toBeLessThanOrEqual(2000 + 64 * 1024)
  })
})

// ---- the second red team's classes: each as a generator, checked against Python where Jinja2 is at hand ----

const withJinja = JINJA_MISSING === undefined ? describe : describe.skip
const patternsOf = (t: string): string[] => templateAnalysis(t).threats.map((x) => x.pattern)

describe('filters chosen by name through map, to any depth (T1)', () => {
  /** `[[…[cycler]…]]|map('map', …, 'map', 'attr', name)|first…|first`: cycler's attribute, through `d` maps */
  const chain = (receiver: string, d: number, name: string): string =>
    `(${'['.repeat(d + 1)}${receiver}${']'.repeat(d + 1)}|map(${[...Array<string>(d).fill("'map'"), "'attr'", q(name)].join(', ')})${'|first'.repeat(d + 1)})`
  const payload = (d: number): string =>
    `{% set f = ${chain('cycler', d, '__init__')} %}{% set g = ${chain('f', d, '__globals__')} %}{{ g.os.getpid() }}`
  const DEPTHS = [0, 1, 2, 3, 4, 5, 6, 8, 12, 20, 40, 60]

  it.each(DEPTHS)('names the attributes reached through %i maps', (d) => {
    expect(patternsOf(payload(d))).toEqual(expect.arrayContaining(['dunder:__init__', 'dunder:__globals__']))
  })

  it('reports nesting too deep for its parser as LIMIT, never as a pass', () => {
    expect(patternsOf(payload(150))).toEqual(['LIMIT'])
  })

  it('follows a chain of 30,000 maps (no depth at which checking stops)', () => {
    const t = `{{ x|map(${"'map', ".repeat(30_000)}'attr', '__class__')|list }}`
    expect(patternsOf(t)).toContain('dunder:__class__')
    const unknown = `{{ x|map(${"'map', ".repeat(30_000)}'attr', y)|list }}`
    expect(patternsOf(unknown)).toContain('unfoldable:attribute')
  })

  it('follows every filter name a map may choose, and the arguments each is given', () => {
    const names = ['attr', 'map', 'selectattr', 'sort', 'groupby', 'sum', 'unique']
    for (const d of [0, 3, 7]) {
      for (const via of names) {
        const maps = Array<string>(d).fill("'map'").join(', ')
        const t = `{{ x|map(${maps}${maps ? ', ' : ''}(${q(via)} if c else 'map'), 'attr', '__class__')|list }}`
        expect({ d, via, caught: patternsOf(t).some((p) => p === 'dunder:__class__') }).toEqual({
          d,
          via,
          caught: true
        })
      }
    }
  })

  withJinja(`with Python's Jinja2${JINJA_MISSING ? ` (skipped: ${JINJA_MISSING})` : ''}`, () => {
    it('really reaches os through nested maps', () => {
      const sample = [0, 1, 4, 5, 12]
      const { pid, results } = jinjaRender(sample.map((d) => ({ template: payload(d), trim: false })))
      expect(results.map((r) => (r.ok ? r.text.trim() : r.error))).toEqual(sample.map(() => String(pid)))
    })
  })
})

/** `namespace()[name]`: Namespace's own class when the name is `__class__`, which Python shows rendered. */
const CLASS_PROOF = (out: string): boolean => out.includes('jinja2.utils.Namespace')
/** Caught by the name: the dunder folded, or a name reported as not verifiable. */
const catchesClass = (t: string): boolean =>
  patternsOf(t).some((p) => p === 'dunder:__class__' || p.startsWith('unfoldable:'))

describe('iterators are one-shot (T2)', () => {
  /** Expressions that make an iterator yielding `names` in order. */
  const PRODUCERS: Record<string, (names: string[]) => string> = {
    unique: (ns) => `([${ns.map(q).join(', ')}]|unique)`,
    map: (ns) => `([${ns.map((n) => q(n.toUpperCase())).join(', ')}]|map('lower'))`,
    select: (ns) => `([${ns.map(q).join(', ')}]|select)`,
    reject: (ns) => `([${ns.map(q).join(', ')}]|reject('none'))`,
    'reverse of a list': (ns) => `([${[...ns].reverse().map(q).join(', ')}]|reverse)`,
    'reverse of a dict': (ns) =>
      `({${[...ns]
        .reverse()
        .map((n) => `${q(n)}: 0`)
        .join(', ')}}|reverse)`,
    'items, mapped': (ns) => `({${ns.map((n) => `${q(n)}: 0`).join(', ')}}|items|map('first'))`,
    'batch, mapped': (ns) => `([${ns.map(q).join(', ')}]|batch(1)|map('first'))`
  }
  /** Statements that leave in `n` the second item of the iterator `p` makes, having used the first. */
  const CONSUMERS: Record<string, (p: string) => string> = {
    'first, twice': (p) => `{% set g = ${p} %}{% set _ = g|first %}{% set n = g|first %}`,
    'first, then list': (p) => `{% set g = ${p} %}{% set _ = g|first %}{% set n = (g|list)[0] %}`,
    'first, then join': (p) => `{% set g = ${p} %}{% set _ = g|first %}{% set n = g|join %}`,
    'a test, then first': (p) => `{% set g = ${p} %}{% if g|first %}{% endif %}{% set n = g|first %}`,
    'twice in one expression': (p) => `{% set g = ${p} %}{% set n = [g|first, g|first]|last %}`,
    'a namespace attribute': (p) =>
      `{% set ns = namespace(g=${p}) %}{% set _ = ns.g|first %}{% set n = ns.g|first %}`,
    'a list item': (p) => `{% set l = [${p}] %}{% set _ = l[0]|first %}{% set n = l[0]|first %}`,
    'a dict value': (p) => `{% set d = {'g': ${p}} %}{% set _ = d.g|first %}{% set n = d.g|first %}`,
    'a list repeated, no variable': (p) => `{% set n = ([${p}] * 2)|map('first')|list|last %}`,
    'a loop variable': (p) => `{% for g in [${p}] %}{% set _ = g|first %}{% set n = g|first %}`,
    'an argument a filter uses twice': (p) =>
      `{% set n = [nothing, nada]|map('default', ${p})|map('first')|list|last %}`
  }
  const close = (consumer: string): string => (consumer === 'a loop variable' ? '{% endfor %}' : '')
  const cases = Object.entries(PRODUCERS).flatMap(([pn, produce]) =>
    Object.entries(CONSUMERS).map(([cn, consume]) => ({
      name: `${pn} × ${cn}`,
      template: `${consume(produce(['role', '__class__']))}{{ namespace()[n] }}${close(cn)}`
    }))
  )

  it(`${cases.length} producers × consumers: the name the second item gives is caught`, () => {
    expect(cases.filter((c) => !catchesClass(c.template)).map((c) => c.name)).toEqual([])
  })

  it('still folds an iterator used once, straight from the filter that made it', () => {
    const folded = [
      'unique',
      'map',
      'reverse of a list',
      'reverse of a dict',
      'items, mapped',
      'batch, mapped'
    ]
    for (const produce of folded.map((p) => PRODUCERS[p]!)) {
      const t = `{{ x[${produce(['role', 'content'])}|first] }}{{ x[${produce(['role', 'content'])}|join] }}`
      const sinks = templateAnalysis(t).sinks.filter((s) => s.kind === 'subscript')
      expect({ t, names: sinks.map((s) => s.names) }).toEqual({
        t,
        names: [['role'], ['rolecontent']]
      })
    }
  })

  withJinja(`with Python's Jinja2${JINJA_MISSING ? ` (skipped: ${JINJA_MISSING})` : ''}`, () => {
    it('every case really reaches the class in a plain Environment', () => {
      const { results } = jinjaRender(cases.map((c) => ({ template: c.template, trim: false })))
      const failed = cases.flatMap((c, i) => {
        const r = results[i]!
        return r.ok && CLASS_PROOF(r.text) ? [] : [`${c.name}: ${r.ok ? r.text : r.error}`]
      })
      expect(failed).toEqual([])
    })
  })
})

describe('truthiness as Python has it (T4)', () => {
  /** [expression, what bool() of it is in Python] */
  const VALUES: [string, boolean][] = [
    ['([]|unique)', true],
    ["([]|map('upper'))", true],
    ['([]|select)', true],
    ["([]|reject('none'))", true],
    ['([]|reverse)', true],
    ['({}|reverse)', true],
    ['({}|items)', true],
    ['([]|batch(2))', true],
    ['([]|slice(2))', true],
    ["(['a']|selectattr('x')|list)", false],
    ['({}.keys())', false],
    ["({'a': 1}.values())", true],
    ['({}.items())', false],
    ['range(0)', false],
    ['range(2)', true],
    ['range(n)', true],
    ['namespace()', true],
    ['cycler', true],
    ['nothing_defined', false],
    ['none', false],
    ["''", false],
    ['0.0', false],
    ['()', false],
    ['((),)', true],
    ['{}', false]
  ]
  /** Ways a value's truth picks one of two names. */
  const PICKS: Record<string, (v: string, yes: string, no: string) => string> = {
    'conditional expression': (v, yes, no) => `(${q(yes)} if ${v} else ${q(no)})`,
    'and/or': (v, yes, no) => `(${v} and ${q(yes)} or ${q(no)})`,
    or: (v, yes, no) => `((${v} and ${q(yes)}) or ${q(no)})`,
    'default(…, true)': (v, yes, no) => `((${v} and ${q(yes)})|default(${q(no)}, true))`
  }
  const cases = VALUES.flatMap(([v, truth]) =>
    Object.entries(PICKS).map(([pn, pick]) => ({
      name: `${v} × ${pn}`,
      // Python picks __class__
      template: `{{ namespace()[${truth ? pick(v, '__class__', 'role') : pick(v, 'role', '__class__')}] }}`
    }))
  )

  it(`${cases.length} values × ways to branch: the name Python picks is caught`, () => {
    expect(cases.filter((c) => !catchesClass(c.template)).map((c) => c.name)).toEqual([])
  })

  withJinja(`with Python's Jinja2${JINJA_MISSING ? ` (skipped: ${JINJA_MISSING})` : ''}`, () => {
    it("the truth table is Python's", () => {
      const { results } = jinjaRender(
        cases.map((c) => ({ template: c.template, trim: false, context: { n: 3 } }))
      )
      const failed = cases.flatMap((c, i) => {
        const r = results[i]!
        return r.ok && CLASS_PROOF(r.text) ? [] : [`${c.name}: ${r.ok ? r.text : r.error}`]
      })
      expect(failed).toEqual([])
    })
  })
})

describe('attributes the model does not know are unknown (T5)', () => {
  /** Values the checker models, with an attribute of theirs it does not (each 1 in Python). */
  const ATTRIBUTES = [
    'range(1, 9).start',
    'range(0, 1).stop',
    'range(0, 9, 1).step',
    'range(3)[1:].start',
    "{'k': 1}.keys().mapping.k",
    "{'k': 1}.items().mapping['k']",
    '(1).real',
    'true.real',
    '(1).numerator',
    "('a'|length).real",
    'loop.length'
  ]
  const cases = ATTRIBUTES.map((a) => ({
    name: a,
    template: `{% for _ in [0] %}{{ namespace()[['role', '__class__'][${a}]] }}{{ namespace()[['role', '__class__'][${a}] or 'role'] }}{% endfor %}`
  }))

  it.each(cases)('$name', ({ template }) => {
    expect(catchesClass(template)).toBe(true)
  })

  withJinja(`with Python's Jinja2${JINJA_MISSING ? ` (skipped: ${JINJA_MISSING})` : ''}`, () => {
    it('each is 1 in Python', () => {
      const { results } = jinjaRender(cases.map((c) => ({ template: c.template, trim: false })))
      expect(results.filter((r) => !(r.ok && CLASS_PROOF(r.text))).map((r) => JSON.stringify(r))).toEqual([])
    })
  })
})

describe('a sink that folded to Undefined or to nothing is not verified (T5)', () => {
  /** Values the checker folds to Undefined only, or to no value at all (Python raises first). */
  const VACUOUS = [
    '([]|first)',
    '({}|first)',
    "('x' if false)",
    'nothing_defined_here',
    "(['a'][5])",
    "({'a': 1}.b)",
    "([1, 2]['x'] if false)",
    'namespace().unset',
    '([]|min)',
    "(['a']|reverse|list)[3]",
    'undefined_macro()'
  ]
  const SINKS: Record<string, (e: string) => string> = {
    subscript: (e) => `{{ x[${e}] }}`,
    attr: (e) => `{{ x|attr(${e}) }}`,
    'map(attribute=)': (e) => `{{ x|map(attribute=${e})|list }}`,
    'map(filter name)': (e) => `{{ x|map(${e})|list }}`,
    'select(test name)': (e) => `{{ x|select(${e})|list }}`,
    'str.format': (e) => `{{ ${e}.format(x) }}`
  }
  const cases = VACUOUS.flatMap((v) =>
    Object.entries(SINKS).map(([sn, sink]) => ({ name: `${v} at ${sn}`, template: sink(v) }))
  )

  it(`${cases.length} vacuous names × sinks: each is "could not verify"`, () => {
    const missed = cases.filter((c) => !patternsOf(c.template).some((p) => p.startsWith('unfoldable:')))
    expect(missed.map((c) => `${c.name}: [${patternsOf(c.template).join(', ')}]`)).toEqual([])
  })

  it('numbers and other keys that are no attribute name are not flagged', () => {
    expect(patternsOf('{{ x[0] }}{{ x[-1] }}{{ x[(1, 2)] }}{{ x[none] }}{{ x[1:2] }}{{ x[true] }}')).toEqual(
      []
    )
  })
})

describe('numbers as Python has them (T3, T6)', () => {
  /** What the checker folded `expr` to, as a name at a subscript: null when it does not know. */
  const folded = (expr: string): string[] | null =>
    templateAnalysis(`{{ x[${expr}] }}`)
      .sinks.filter((s) => s.kind === 'subscript')
      .pop()!.names

  // strings for the int filter: digits, signs, underscores, points, exponents, and every kind of space
  const INT_TEXT = fc
    .array(
      fc.constantFrom(
        ...'0123456789',
        '1_0',
        '_',
        '+',
        '-',
        '.',
        'e',
        'E',
        'x',
        ' ',
        '\t',
        '\n',
        '\v',
        '\f',
        '\r',
        '\x1c',
        '\xa0',
        '\u2003',
        '\ufeff',
        '\u0663',
        '\uff11',
        'inf',
        'nan',
        '0x1',
        '0b1',
        '9007199254740993'
      ),
      { maxLength: 5 }
    )
    .map((parts) => parts.join(''))
  const intTexts = fc.sample(INT_TEXT, { numRuns: 400, seed: 0x1e7 })
  /** A Jinja string literal spelling `s` with escapes (so that nothing in it is a disguise). */
  const lit = (s: string): string =>
    `'${[...s].map((c) => (/[0-9a-zA-Z_+\-. ]/.test(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)).join('')}'`

  /** Arithmetic over ints, floats and bools, with the filters that make or take numbers. */
  const NUMBER: fc.Memo<string> = fc.memo((depth) => {
    const atom = fc.constantFrom(
      '0',
      '1',
      '2',
      '3',
      '7',
      '10',
      '9007199254740991',
      '9007199254740993',
      '0.1',
      '0.5',
      '1.0',
      '2.5',
      '3.0',
      '1e16',
      '1e300',
      'true',
      'false',
      "('12'|int)",
      '([1, 2]|length)'
    )
    if (depth <= 1) return atom
    const sub = NUMBER(depth - 1)
    return fc.oneof(
      atom,
      fc
        .tuple(sub, fc.constantFrom('+', '-', '*', '/', '//', '%'), sub)
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc.tuple(sub, fc.constantFrom('0', '1', '2', '3', '-1', '0.5')).map(([a, b]) => `(${a} ** ${b})`),
      sub.map((a) => `(-${a})`),
      fc
        .tuple(
          sub,
          fc.constantFrom(
            'abs',
            'int',
            'float',
            'round',
            'round(1)',
            'round(-1)',
            'round(none)',
            "round(0, 'floor')",
            "round(0, 'ceil')"
          )
        )
        .map(([a, f]) => `(${a}|${f})`),
      fc.tuple(sub, sub).map(([a, b]) => `([${a}, ${b}]|sum)`),
      fc.tuple(sub, sub).map(([a, b]) => `([${a}]|sum(start=${b}))`),
      fc.tuple(sub, sub).map(([a, b]) => `([${a}, ${b}]|max)`)
    )
  })
  const numbers = fc.sample(NUMBER(3), { numRuns: 600, seed: 0x7a7 })

  it('does not fold float sums, rounding, floor division, modulo, powers or text', () => {
    for (const e of [
      '([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]|sum|int)',
      '(([0.1] * 10)|sum|int)',
      '(2.675|round(2) * 100)|int',
      '((1 // 0.1)|int)',
      '((1 % 0.1 * 10)|int)',
      '((2.0 ** 0.5 * 1e15)|int)',
      "(1.5 ~ '')",
      "('%s' % 0.1)",
      "('{}'.format(0.1))",
      "('{:f}'.format(1))"
    ])
      expect({ e, names: folded(`(${e} ~ '')`) }).toEqual({ e, names: null })
  })

  it('an int filter on text outside the ASCII grammar is any int or the default', () => {
    for (const s of ['\ufeff1', '1\ufeff', '\u0661', '\xa01', '\x1c1', '1\u2003', '\uff11'])
      expect({ s, names: folded(`['role', '__class__'][${lit(s)}|int]`) }).toEqual({
        s,
        names: ['role', '__class__']
      })
  })

  it('round, sum and int keep int-ness as Python does (an int index is not Undefined)', () => {
    for (const e of ['1|round', '[1]|sum', '[x|length]|sum', '1.5|round(none)', "'1'|int", '(1, 1)|max'])
      expect({ e, caught: catchesClass(`{{ namespace()[['role', '__class__'][${e}] or 'role'] }}`) }).toEqual(
        {
          e,
          caught: true
        }
      )
  })

  withJinja(`with Python's Jinja2${JINJA_MISSING ? ` (skipped: ${JINJA_MISSING})` : ''}`, () => {
    it('the int filter on 400 generated strings folds to what Python computes, or is not known', () => {
      const exprs = intTexts.map((s) => `((${lit(s)}|int) ~ '')`)
      const theirs = jinjaEval(exprs)
      const wrong = exprs.flatMap((e, i) => {
        const mine = folded(e)
        return mine === null || (mine.length === 1 && mine[0] === theirs[i])
          ? []
          : [`${e}: ${JSON.stringify(mine)} ≠ ${JSON.stringify(theirs[i])}`]
      })
      expect(wrong).toEqual([])
    })

    it("600 generated numeric expressions: every folded value is Python's, as an index too", () => {
      const asText = numbers.map((e) => `(${e} ~ '')`)
      const asInt = numbers.map((e) => `((${e})|int ~ '')`)
      const theirs = jinjaEval([...asText, ...asInt])
      const wrong = [...asText, ...asInt].flatMap((e, i) => {
        const mine = folded(e)
        if (mine === null || theirs[i] === null) return []
        return mine.includes(theirs[i]!) && (mine.length > 1 || mine[0] === theirs[i])
          ? []
          : [`${e}: ${JSON.stringify(mine)} ≠ ${JSON.stringify(theirs[i])}`]
      })
      expect(wrong).toEqual([])
      // as an index: wherever Python picks the class, the checker sees the name
      const cases = numbers.map((e) => `{{ namespace()[['role', '__class__'][${e}] or 'role'] }}`)
      const { results } = jinjaRender(cases.map((template) => ({ template, trim: false })))
      const reached = cases.filter(
        (_, i) => results[i]!.ok && CLASS_PROOF((results[i] as { text: string }).text)
      )
      expect(reached.length).toBeGreaterThan(20)
      expect(reached.filter((t) => !catchesClass(t))).toEqual([])
    })
  })
})

describe('through the bundled CLI', () => {
  it('a model whose tokenizer_config.json carries one payload of each skeleton is never ALLOWED', async () => {
    const root = mkdtempSync(join(tmpdir(), 'airs-template-e2e-'))
    try {
      const spellings = Object.keys(SPELLINGS)
      const chosen = Object.keys(SKELETONS).map((sk, i) => {
        const name = `${sk} × ${spellings[(i * 7) % spellings.length]!}`
        return CASES.find((c) => c.name === name)!
      })
      const dirs = chosen.map((c, i) => {
        const dir = join(root, `m${i}`)
        mkdirSync(dir)
        writeFileSync(join(dir, 'model.safetensors'), safetensors())
        writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify({ chat_template: c.template }))
        return `m${i}`
      })
      const r = await runProcess(
        CLI,
        ['scan', '--engine', 'builtin', '--json', '--workspace', root, ...dirs],
        {
          RUNNER_TEMP: root
        }
      )
      const report = JSON.parse(r.stdout) as { models: { status: string }[] }
      expect(
        report.models.map((m, i) => [chosen[i]!.name, m.status]).filter(([, s]) => s === 'allowed')
      ).toEqual([])
      expect(r.code).not.toBe(0)
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})

/** A safetensors file: u64 header length, the JSON header, the tensor bytes. */
function safetensors(): Buffer {
  const header = Buffer.from(JSON.stringify({ w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }))
  const len = Buffer.alloc(8)
  len.writeBigUInt64LE(BigInt(header.length))
  return Buffer.concat([len, header, Buffer.alloc(8)])
}

describe('special names as text', () => {
  it('getattr chains spelled with string literals are a finding, though getattr is no Jinja global', () => {
    const t =
      "{{ getattr(getattr(getattr('', '__class__'), '__mro__')[1], '__subclasses__')()[40]('/etc/hosts').read() }}"
    expect(templateThreats(t).map((x) => x.pattern)).toContain('dunder-string')
    expect(isUnverifiable('dunder-string')).toBe(false)
  })

  it('ordinary strings with underscores are not', () => {
    expect(templateThreats("{{ '__' ~ message['role'] ~ '_tag__x' }}{{ '_' }}")).toEqual([])
  })
})
