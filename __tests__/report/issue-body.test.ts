import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import type { GateReport, ModelResult } from '../../src/gate/result.js'
import { issueMarker, issueRefusal } from '../../src/github/tracking-issue.js'
import { withMarker } from '../../src/github/sticky-comment.js'
import {
  DEFAULT_ISSUE_TITLE,
  ISSUE_LIMIT_CHARS,
  issueTitle,
  renderIssueBody,
  renderIssueResolved
} from '../../src/report/issue-body.js'
import { runView } from '../../src/report/view.js'
import { fixtureReport, hostileModel } from '../helpers/reports.js'

/**
 * The tracking issue's body: model names, reasons, group names (and owners, when not checked) come from model
 * publishers and the service. None may mention anyone, link anywhere, show an image, write HTML, or end the
 * hidden marker that follows the body; an owner is mentioned only where its models-file entry asks for it.
 */

const RUN = 'https://github.com/acme/models/actions/runs/42'
const mixed = fixtureReport('mixed')

/** `mixed` with each model's owner and mention set by its index (1-based). */
function withOwners(
  report: GateReport,
  owners: Record<number, { owner: string; mention?: true }>
): GateReport {
  return {
    ...report,
    models: report.models.map((m) => {
      const o = owners[m.index]
      return o
        ? { ...m, model: { ...m.model, owner: o.owner, ...(o.mention && { mention_owner: o.mention }) } }
        : m
    })
  }
}

const passingOnly = (report: GateReport): GateReport => ({
  ...report,
  verdict: 'pass',
  models: report.models.filter((m) => m.verdict === 'pass')
})

/** Every @mention GitHub would find: an @ not broken by a zero-width space, not inside a word or code. */
const mentions = (text: string) =>
  [...text.matchAll(/(?<![\w`/])@(?!&#8203;)([A-Za-z0-9][\w-]*(?:\/[\w.-]+)?)/g)].map((m) => `@${m[1]}`)

const OUR_TAGS = /^<\/?(code|details|summary|sub)>$/

/** Hostile text rendered inert: only our tags, our https links, no mentions but `allowed`, no comment ends. */
function expectInertIssue(body: string, allowed: string[] = []): void {
  expect(mentions(body).filter((m) => !allowed.includes(m))).toEqual([])
  for (const m of body.matchAll(/<\/?[A-Za-z!][^>]*>?/g)) expect(m[0]).toMatch(OUR_TAGS)
  // links and images: only ours, to the run
  for (const m of body.matchAll(/(?<!\\)\]\(([^)]*)\)?/g)) expect(m[1]).toBe(RUN)
  expect(body).not.toMatch(/!\[/)
  // no bare URL that GitHub would autolink
  expect(body.replace(/\]\(https:\/\/[^)]*\)/g, '')).not.toMatch(/https?:\/\/|\bwww\.[a-z]/i)
  // nothing that opens or closes an HTML comment: the marker after the body stays the only one
  expect(body).not.toMatch(/<!--|--!?>/)
  // eslint-disable-next-line no-control-regex
  expect(body).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/)
  // tables keep their shape: every row has as many cells as its header
  let columns = 0
  for (const line of body.split('\n')) {
    const cells = line.startsWith('|') ? line.split(/(?<!\\)\|/).length : 0
    if (cells > 0 && columns === 0) columns = cells
    else if (cells > 0) expect(cells).toBe(columns)
    else columns = 0
  }
  expect(body.split('\n').some((l) => /^#+ pwned|^\| injected/.test(l))).toBe(false)
}

describe('the state, in the first line', () => {
  it('counts the models that fail, and names the ones not verified', () => {
    const body = renderIssueBody(runView(mixed), { runUrl: RUN })
    expect(body.split('\n')[0]).toBe('## ❌ 5 of 6 models fail the gate (1 not verified)')
    expect(body).toContain('### Models that need attention')
    // five rows of failing models, then the passing one folded
    const rows = body.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Model'))
    expect(rows).toHaveLength(5)
    expect(rows[0]).toBe(
      '| airs\\-sim/pickle\\-rce | ❌ blocked | BLOCKED\\: 2 of 11 rules failed \\(Load Time Code Execution Check, Stored In Approved File Format\\) | Default HUGGING\\_FACE | — |'
    )
    expect(body).toMatch(/<details><summary>1 model passes<\/summary>\n\n- ✅ airs\\-sim\/clean\\-model/)
    expect(body).toContain(`last run: [workflow run](${RUN})`)
  })

  it('all pass: says so, lists none as needing attention', () => {
    const two = passingOnly({
      ...mixed,
      models: [...mixed.models, { ...mixed.models.find((m) => m.verdict === 'pass')!, index: 7 }]
    })
    const body = renderIssueBody(runView(two))
    expect(body.split('\n')[0]).toBe('## ✅ All 2 models pass')
    expect(body).not.toContain('need attention')
    expect(renderIssueBody(runView(passingOnly(mixed))).split('\n')[0]).toBe('## ✅ The model passes')
  })

  it('warnings only, one model, and a run that verified nothing', () => {
    const warned: GateReport = {
      ...mixed,
      verdict: 'warn',
      models: mixed.models.map((m) => (m.status === 'blocked' ? { ...m, verdict: 'warn' } : m))
    }
    const w = renderIssueBody(
      runView({ ...warned, models: warned.models.filter((m) => m.status !== 'error') })
    )
    expect(w.split('\n')[0]).toBe('## ⚠️ 4 of 5 models pass only with warnings')
    expect(w).toContain('| ⚠️ blocked, warn mode |')
    const one = renderIssueBody(runView(fixtureReport('dialogpt-blocked')))
    expect(one.split('\n')[0]).toBe('## ❌ The model fails the gate')
    expect(one).toContain('### The model that needs attention')
    const none = renderIssueBody(
      runView({
        ...mixed,
        models: [],
        error: { code: 'AUTH_FAILED', message: 'The credentials were refused <b>@ops</b>' }
      })
    )
    expect(none.split('\n')[0]).toBe('## ❌ No model could be verified')
    expect(none).toContain(
      '**Not verified** (<code>AUTH\\_FAILED</code>): The credentials were refused &lt;b&gt;@&#8203;ops&lt;/b&gt;'
    )
    expectInertIssue(none)
  })

  it('the closing comment says every model passes again, linking the run', () => {
    expect(renderIssueResolved(runView(mixed), { runUrl: RUN })).toBe(
      `✅ All 6 models pass again as of this [workflow run](${RUN}): closing this issue.`
    )
    expect(renderIssueResolved(runView(passingOnly(mixed)))).toBe(
      '✅ The model passes again: closing this issue.'
    )
    // a link only to https
    expect(renderIssueResolved(runView(mixed), { runUrl: 'javascript:alert(1)' })).not.toContain('](')
  })
})

describe('owners', () => {
  const report = withOwners(mixed, {
    1: { owner: '@acme/nlp', mention: true }, // fails, asks to be mentioned
    2: { owner: '@bob' }, // fails, did not ask
    5: { owner: '@acme/scanners', mention: true }, // not verified, asks
    6: { owner: '@carol', mention: true } // passes: no reason to ping
  })
  const body = renderIssueBody(runView(report), { runUrl: RUN })

  it('mentions an owner only for a model that did not pass and asked for it', () => {
    expect(mentions(body).sort()).toEqual(['@acme/nlp', '@acme/scanners'])
    expect(body).toContain('| <code>@&#8203;bob</code> |')
    expect(body).toContain('<code>@&#8203;carol</code>')
    expectInertIssue(body, ['@acme/nlp', '@acme/scanners'])
  })

  it('never mentions an owner that is not exactly a GitHub @user or @org/team', () => {
    const odd = [
      '@acme/nlp @everyone',
      'team @mallory',
      '@acme/nlp\n@mallory',
      '@acme/nlp](https://evil.example)',
      '@acme/nlp<img src=x>',
      '@-bad',
      `@${'a'.repeat(40)}`,
      '@acme/nlp -->',
      '@acme/nlp\u202e'
    ]
    for (const owner of odd) {
      const b = renderIssueBody(runView(withOwners(mixed, { 1: { owner, mention: true } })), { runUrl: RUN })
      expectInertIssue(b)
    }
  })
})

describe('hostile text', () => {
  const HOSTILE: Record<string, string> = {
    html: '<img src=x onerror=alert(1)><script>alert(2)</script>',
    link: '](javascript:alert(1)) [x](javascript:alert(1)) ![p](https://evil.example/p.png)',
    mention: '@org/team please look, cc @user',
    table: 'a | b || c `code` ``` fence',
    newline: 'first\n# pwned heading\n\n| injected | row |\r\n<details>',
    comment: 'end --> <!-- start --!> -- >',
    controls: 'bell\u0007 esc\u001b[31m bidi\u202egnp.exe zero\u200bwidth',
    entity: '&lt;img src=x onerror=alert(1)&gt; &#x3C;b&#x3E; &#64;user',
    autolink: 'https://evil.example/x www.evil.example <https://evil.example>',
    issue: '#1 acme/models#2 GH-3'
  }

  it.each(Object.entries(HOSTILE))(
    'stays inert (%s) in names, reasons, groups, errors and owners',
    (_, text) => {
      const base = mixed.models[0]!
      const hostile: ModelResult = {
        ...hostileModel(base, text),
        model: { ...hostileModel(base, text).model, owner: text, mention_owner: true },
        error: { code: 'SCAN_ERROR', message: text }
      }
      const report: GateReport = {
        ...mixed,
        error: { code: 'INTERNAL_ERROR', message: text },
        models: [
          hostile,
          { ...hostile, index: 2, status: 'error' },
          { ...mixed.models[5]!, model: hostile.model }
        ]
      }
      const body = renderIssueBody(runView(report), { runUrl: RUN, changes: [] })
      expectInertIssue(body)
      // issue references are broken too
      expect(body).not.toMatch(/(?<![&\w])#\d|GH-\d/)
    }
  )

  it('stays inert for any text (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.string({ maxLength: 60 }),
        (text, owner) => {
          const base = mixed.models[0]!
          const m = hostileModel(base, text)
          const report: GateReport = {
            ...mixed,
            models: [{ ...m, model: { ...m.model, owner, mention_owner: true } }]
          }
          const allowed = /^@[A-Za-z0-9][A-Za-z0-9-]{0,38}(?:\/[A-Za-z0-9._-]{1,100})?$/.test(owner)
            ? [owner]
            : []
          expectInertIssue(renderIssueBody(runView(report), { runUrl: RUN }), allowed)
        }
      ),
      { numRuns: 200 }
    )
  })

  it('the marker after the body stays the only HTML comment, and the body is still found by it', () => {
    const report: GateReport = { ...mixed, models: [hostileModel(mixed.models[0]!, 'x --> y <!-- z')] }
    const marker = issueMarker({ workflow: 'Nightly', tag: '' })
    const posted = withMarker(renderIssueBody(runView(report), { runUrl: RUN }), marker)
    expect(posted.indexOf('<!--')).toBe(posted.length - marker.length)
    expect(posted.indexOf('-->')).toBe(posted.length - 3)
  })
})

describe('what changed', () => {
  it('comes first, after the state, and cannot open or close an HTML comment', () => {
    const body = renderIssueBody(runView(mixed), {
      runUrl: RUN,
      changes: ['**model-a** newly fails', 'an entry that ends --> and starts <!-- one', 'two\nlines']
    })
    const lines = body.split('\n')
    const at = lines.indexOf('### What changed')
    expect(at).toBeGreaterThan(0)
    expect(at).toBeLessThan(lines.indexOf('### Models that need attention'))
    expect(lines.slice(at + 2, at + 5)).toEqual([
      '- **model-a** newly fails',
      '- an entry that ends --&gt; and starts &lt;!-- one',
      '- two lines'
    ])
    expect(body).not.toMatch(/<!--|--!?>/)
    expect(renderIssueBody(runView(mixed))).not.toContain('What changed')
  })
})

describe('size', () => {
  /** `n` failing models, each with long text that escapes to many times its length. */
  function many(n: number, text = `${'@'.repeat(150)}${'<'.repeat(150)}`): GateReport {
    const base = hostileModel(mixed.models[0]!, text)
    return {
      ...mixed,
      models: Array.from({ length: n }, (_, i) => ({ ...base, index: i + 1 })).concat(
        Array.from({ length: 2000 }, (_, i) => ({ ...mixed.models[5]!, index: n + i + 1 }))
      )
    }
  }

  it('cuts the lists with "… and N more" so the body and its marker fit GitHub’s limit', () => {
    const view = runView(many(3000))
    const changes = Array.from({ length: 5000 }, (_, i) => `change ${i} ${'x'.repeat(100)}`)
    const body = renderIssueBody(view, { runUrl: RUN, changes })
    const marker = issueMarker({ workflow: 'w'.repeat(500), tag: 't'.repeat(500) })
    expect(withMarker(body, marker).length).toBeLessThanOrEqual(ISSUE_LIMIT_CHARS)
    expect(issueRefusal({ mode: 'on-failure', marker, title: 'x', body })).toBeUndefined()

    const rows = body.split('\n').filter((l) => /^\| airs|^\| https/.test(l) || /^\| [^M…]/.test(l))
    const more = /\| … and ([\d,]+) more models in the job summary and the JSON report \| \| \| \| \|/.exec(
      body
    )
    expect(more).not.toBeNull()
    expect(rows.length + Number(more![1]!.replace(/,/g, ''))).toBe(3000)
    const changed = /- … and ([\d,]+) more changes/.exec(body)
    expect(changed).not.toBeNull()
    const shownChanges = body.split('\n').filter((l) => l.startsWith('- change ')).length
    expect(shownChanges + Number(changed![1]!.replace(/,/g, ''))).toBe(5000)
    // the passing models still get their line, counted
    expect(body).toMatch(/2,000 models pass/)
    expect(body.split('\n')[0]).toBe('## ❌ 3,000 of 5,000 models fail the gate')
    expectInertIssue(body)
  })

  it('keeps every row when they fit, and cuts at a smaller limit', () => {
    const full = renderIssueBody(runView(many(10)))
    expect(full).not.toMatch(/… and \d+ more models? in the job summary/)
    const cut = renderIssueBody(runView(many(20)), {}, 12_000)
    expect(cut.length).toBeLessThanOrEqual(12_000 - 1_024)
    expect(cut).toMatch(/… and \d+ more models in the job summary/)
  })
})

describe('issueTitle', () => {
  it('is the default, followed by the tag when there is one; issue-title replaces it', () => {
    expect(issueTitle('')).toBe(DEFAULT_ISSUE_TITLE)
    expect(issueTitle('gpu')).toBe('Model gate: audit failures (gpu)')
    expect(issueTitle('gpu', 'Weekly model audit')).toBe('Weekly model audit')
    expect(issueTitle('gpu', '   ')).toBe('Model gate: audit failures (gpu)')
  })

  it('is one line within GitHub’s 256 characters', () => {
    expect(issueTitle('a\nb\u202e', 'x\r\ny')).toBe('x y')
    expect([...issueTitle('t'.repeat(1000))].length).toBeLessThanOrEqual(256)
  })
})
