import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SEVERITY_LABEL } from '../../src/report/markdown.js'
import { renderSummary } from '../../src/report/summary.js'
import { runView } from '../../src/report/view.js'
import { fixtureReport } from '../helpers/reports.js'

/**
 * The golden summaries and comments answer in the first screen: what was decided, the most severe finding
 * (or why a model is not verified) and what to do, within 600 px of a 1000 px wide page. The height is
 * estimated from the Markdown with sizes taken from GitHub's markdown CSS in Chromium at 1000 px;
 * `npm run screenshots` measures the same goldens in a real browser. The sizes were set when the six-model
 * table still stood above the first fix (measured 222 and 548 px, estimated 212 and 545); a layout that grows
 * past the budget fails here on every machine.
 */

const GOLDEN = join(import.meta.dirname, 'golden')
const BUDGET_PX = 600
/** rendered sizes at 1000 px with GitHub's markdown CSS, measured in Chromium */
const PX = {
  pagePadding: 24,
  h2Line: 34,
  h2Gap: 16,
  h3: 40,
  line: 24,
  gap: 16,
  tableRow: 41,
  subLine: 20
} as const
/** characters of text on one rendered line at 1000 px: a level-2 heading, body text, small text */
const CHARS_PER_LINE = { h2: 75, body: 110, sub: 135 } as const

/** What a reader sees of a Markdown line: no tags, entities as one character, escapes undone. */
const visible = (line: string) =>
  line
    .replace(/<[^>]+>/g, '')
    .replace(/&#?\w+;/g, 'x')
    .replace(/\\(.)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')

const lines = (text: string, perLine: number) => Math.max(1, Math.ceil(visible(text).length / perLine))

/** The estimated height of a block of Markdown lines, to the bottom of its last line. */
function height(block: string[]): number {
  let px = PX.pagePadding
  for (const line of block) {
    if (line.trim() === '' || /^\|---/.test(line)) continue
    if (line.startsWith('## ')) px += lines(line.slice(3), CHARS_PER_LINE.h2) * PX.h2Line + PX.h2Gap
    else if (line.startsWith('### ')) px += PX.h3
    else if (line.startsWith('|')) px += PX.tableRow
    else if (line.startsWith('<sub>')) px += lines(line, CHARS_PER_LINE.sub) * PX.subLine + PX.gap
    else px += lines(line, CHARS_PER_LINE.body) * PX.line + PX.gap
  }
  // a table ends with a gap before what follows; the last line ends the block, without its gap
  return px - PX.gap
}

/** Up to and including the first thing to do: the first `**Fix:**` or `**Next step:**` line. */
function firstScreen(text: string): string[] | undefined {
  const lines = text.split('\n')
  const end = lines.findIndex((l) => /^\*\*(Fix|Next step):\*\*/.test(l))
  return end < 0 ? undefined : lines.slice(0, end + 1)
}

const goldens = readdirSync(GOLDEN).filter((f) => /\.(summary|comment)\.md$/.test(f))
const SEVERITY_RANK = Object.fromEntries(Object.values(SEVERITY_LABEL).map((l, i) => [l, -i]))

describe('the first screen of every golden summary and comment', () => {
  it('has goldens to check', () => {
    expect(goldens.length).toBeGreaterThanOrEqual(4)
  })

  it.each(goldens)('%s: verdict, most severe finding and its fix within the budget', (name) => {
    const text = readFileSync(join(GOLDEN, name), 'utf8')
    const screen = firstScreen(text)
    expect(screen).toBeDefined()
    expect(screen![0]).toMatch(/^## (✅|⚠️|❌) Model gate /)
    expect(screen!.some((l) => /^\*\*(Most severe|Not verified|Needs attention first)/.test(l))).toBe(true)
    expect(height(screen!)).toBeLessThanOrEqual(BUDGET_PX)
  })

  it.each(goldens)('%s: findings of each model, most severe first', (name) => {
    const text = readFileSync(join(GOLDEN, name), 'utf8')
    for (const section of text.split(/^### /m).slice(1)) {
      const ranks = [...section.matchAll(/^#### (.+?) · /gm)].map((m) => SEVERITY_RANK[m[1]!])
      expect(ranks.every((r) => r !== undefined)).toBe(true)
      expect(ranks).toEqual([...ranks].sort((a, b) => b! - a!))
    }
  })

  it('holds for a run of many models: the run states its most severe finding and its fix above the table', () => {
    const mixed = fixtureReport('mixed')
    // 60 models: the six of the mixed run ten times over, the most severe last in the report
    const models = Array.from({ length: 10 }, (_, round) =>
      mixed.models.map((m) => ({ ...m, index: round * 6 + m.index }))
    )
      .flat()
      .reverse()
    const text = renderSummary(runView({ ...mixed, models }))
    const screen = firstScreen(text)!
    expect(screen.some((l) => l.startsWith('**Most severe:** 🔴 Critical'))).toBe(true)
    expect(screen.some((l) => l.startsWith('| Model |'))).toBe(false)
    expect(height(screen)).toBeLessThanOrEqual(BUDGET_PX)
  })
})
