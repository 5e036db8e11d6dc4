import { describe, expect, it } from '@jest/globals'
import type { GateReport } from '../../src/gate/result.js'
import { locator } from '../../src/report/anchor.js'
import { annotationsFor } from '../../src/report/annotations.js'
import { renderComment } from '../../src/report/comment-body.js'
import { renderSummary } from '../../src/report/summary.js'
import { renderTerminal } from '../../src/report/terminal.js'
import { runView } from '../../src/report/view.js'
import { fixtureReport, hostileModel } from '../helpers/reports.js'

/**
 * File names, descriptions, rule and group names and labels come from the service and from model
 * repositories an attacker may control. Every renderer must show them as inert text.
 */

const HOSTILE: Record<string, string> = {
  html: '<img src=x onerror=alert(1)><script>alert(2)</script>',
  link: '](javascript:alert(1)) [x](javascript:alert(1)) ![p](https://evil.example/p.png)',
  mention: '@org/team please look, cc @user',
  table: 'a | b || c `code` ``` fence',
  newline: 'first\n# pwned heading\n\n| injected | row |\r\n<details>',
  long: `${'A'.repeat(10_000)}@team`,
  controls: 'bell\u0007 esc\u001b[31m bidi\u202egnp.exe zero\u200bwidth',
  entity: '&lt;img src=x onerror=alert(1)&gt; &#x3C;b&#x3E;',
  autolink: 'https://evil.example/x www.evil.example <https://evil.example>'
}

const base = fixtureReport('dialogpt-blocked')
const reportWith = (text: string): GateReport => ({
  ...base,
  models: [hostileModel(base.models[0]!, text), { ...hostileModel(base.models[0]!, text), index: 2 }]
})

const OUR_TAGS = /^<\/?(code|details|summary|sub)>/
const OUR_FENCES = /^```(python|yaml|bash)?$/

function expectInertMarkdown(text: string): void {
  const lines = text.split('\n')
  let columns = 0
  for (const line of lines) {
    // HTML: only the tags the renderer writes itself
    for (const m of line.matchAll(/<\/?[A-Za-z!][^>]*>?/g)) expect(m[0]).toMatch(OUR_TAGS)
    // links: only https destinations the renderer built
    for (const m of line.matchAll(/(?<!\\)\]\(([^)]*)\)?/g)) expect(m[1]).toMatch(/^https:\/\/[^\s"'<>()]+$/)
    // mentions broken by a zero-width space
    expect(line).not.toMatch(/(^|[^\w`])@(?!&#8203;)[A-Za-z0-9]/)
    // no autolinks: a bare scheme or www. is broken
    expect(line.replace(/\]\(https:\/\/[^)]*\)/g, '')).not.toMatch(/https?:\/\/|\bwww\.[a-z]/i)
    // unescaped backticks only in the renderer's own fences
    if (/(?<!\\)`/.test(line)) expect(line).toMatch(OUR_FENCES)
    // no control or bidi characters, bounded lines
    // eslint-disable-next-line no-control-regex
    expect(line).not.toMatch(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/)
    expect(line.length).toBeLessThan(6000)
    // tables keep their shape: every row has as many cells as its header
    const cells = line.startsWith('|') ? line.split(/(?<!\\)\|/).length : 0
    if (cells > 0 && columns === 0) columns = cells
    else if (cells > 0) expect(cells).toBe(columns)
    else columns = 0
  }
  // a hostile heading or injected row never starts a line
  expect(lines.some((l) => /^#+ pwned|^\| injected/.test(l))).toBe(false)
}

describe.each(Object.entries(HOSTILE))('hostile text (%s)', (_, text) => {
  const report = reportWith(text)
  const view = runView(report)

  it('stays inert in the job summary', () => {
    const summary = renderSummary(view, { reportFile: '/tmp/r.json' })
    expectInertMarkdown(summary)
    expect(summary.length).toBeLessThan(100_000)
  })

  it('stays inert in the pull-request comment', () => {
    expectInertMarkdown(renderComment(view, { runUrl: 'https://github.com/o/r/actions/runs/1' }))
  })

  it('stays inert in the short forms', () => {
    expectInertMarkdown(renderSummary(view, {}, 8 * 1024 + 3000))
    expectInertMarkdown(renderComment(view, {}, 1024 + 2500))
  })

  it('is one bounded line per entry in the log and in annotations', () => {
    for (const line of renderTerminal(view).split('\n')) {
      // eslint-disable-next-line no-control-regex
      expect(line).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202a-\u202e]/)
      expect(line.length).toBeLessThan(1200)
    }
    const locate = locator({ workspace: '/ws', workflowFile: '.github/workflows/g.yml', workflowText: text })
    for (const a of annotationsFor(runView(report).models, locate)) {
      expect(a.title.length).toBeLessThanOrEqual(200)
      expect(a.message.length).toBeLessThanOrEqual(1000)
      expect(`${a.title}${a.message}`).not.toMatch(/[\r\n]/)
    }
  })
})

describe('links from the service', () => {
  it('only https links are clickable; javascript: and relative ones are dropped', () => {
    const m = base.models[0]!
    const evil = {
      ...m,
      violations: {
        ...m.violations,
        items: m.violations.items.map((v, i) => ({
          ...v,
          insights_url: ['javascript:alert(1)', '//evil.example', 'http://plain.example', 'data:text/html,x'][
            i % 4
          ]!,
          threat_kb_url: 'https://kb.example/a b"c)d'
        }))
      }
    }
    const text = renderSummary(runView({ ...base, models: [evil] }))
    expect(text).not.toMatch(/javascript:|data:text|\]\(\/\/|\]\(http:/)
    // a https link with characters that could end the destination is percent-encoded
    expect(text).toContain('](https://kb.example/a%20b%22c%29d)')
  })
})
