import { describe, expect, it } from '@jest/globals'
import type { Drift, GateReport } from '../../src/gate/result.js'
import { renderMarkdown } from '../../src/report/markdown.js'
import { gateOutputs } from '../../src/report/outputs.js'
import { renderTerminal } from '../../src/report/terminal.js'
import { runView } from '../../src/report/view.js'
import { fixtureReport, modelResult, uuid } from '../helpers/reports.js'

/**
 * "What changed" (drift) in every target: first in the Markdown, newly blocked first, escaped; counted in the
 * outputs; and "could not compare" never written as "nothing changed".
 */

const previous = (n: number, outcome = 'ALLOWED'): NonNullable<Drift['previous']> => ({
  scan_uuid: uuid(n),
  created_at: '2026-11-29T06:00:00.000Z',
  eval_outcome: outcome,
  policy_generation: 7
})

function report(drifts: Array<Drift | undefined>): GateReport {
  const base = fixtureReport('mixed')
  return {
    ...base,
    models: drifts.map((drift, i) => ({
      ...modelResult({
        index: i + 1,
        uri: `https://huggingface.co/org/model-${i + 1}`,
        outcome: 'ALLOWED',
        status: 'allowed',
        verdict: 'pass'
      }),
      ...(drift && { drift })
    }))
  }
}

const unchanged = (n: number): Drift => ({
  previous: previous(n),
  drifted: false,
  newly_blocked: false,
  unknown: [],
  violations: { added: [], resolved: [], added_count: 0, resolved_count: 0 }
})

describe('what changed', () => {
  it('comes first, newly blocked first, each change in words, the tally after', () => {
    const r = report([
      {
        previous: previous(1),
        drifted: true,
        newly_blocked: false,
        unknown: [],
        commit: { from: 'a'.repeat(40), to: 'b'.repeat(40) }
      },
      unchanged(2),
      {
        previous: previous(3),
        drifted: true,
        newly_blocked: true,
        unknown: [],
        outcome: { from: 'ALLOWED', to: 'BLOCKED' },
        violations: {
          added: [{ rule: 'Load Time Code Execution Check', file: 'model.pkl', threat: 'PAIT-PKL-100' }],
          resolved: [],
          added_count: 1,
          resolved_count: 0
        },
        policy: { from: 7, to: 8 }
      },
      { previous: null, drifted: false, newly_blocked: false, unknown: [] }
    ])
    const view = runView(r)
    const md = renderMarkdown(view, 'short')
    const lines = md.split('\n')
    const at = lines.indexOf('### What changed')
    // right under the headline
    expect(at).toBe(2)
    // md() escapes Markdown's punctuation; the UUIDs are code
    expect(lines.slice(at + 2, at + 4)).toEqual([
      `- ❌ **newly blocked** **org/model\\-3**: ALLOWED → BLOCKED; 1 violation added \\(Load Time Code Execution Check\\); policy generation 7 → 8 · since <code>${uuid(3)}</code> (2026\\-11\\-29 06\\:00 UTC)`,
      `- **org/model\\-1**: new commit bbbbbbbbbbbb \\(was aaaaaaaaaaaa\\) · since <code>${uuid(1)}</code> (2026\\-11\\-29 06\\:00 UTC)`
    ])
    expect(lines[at + 5]).toBe(
      '3 compared with their previous scan · 1 unchanged · 1 scanned for the first time.'
    )
    expect(gateOutputs(view, {})).toMatchObject({ drifted: '2', 'newly-blocked': '1' })
    const text = renderTerminal(view)
    expect(text).toContain(
      'Changed since the previous scan: 2 of 3 compared, 1 newly blocked; 1 scanned for the first time'
    )
    expect(text).toContain(`unchanged since scan ${uuid(2)} (2026-11-29 06:00 UTC)`)
  })

  it('a comparison that failed is never "nothing changed"', () => {
    const view = runView(
      report([
        {
          previous: null,
          drifted: false,
          newly_blocked: false,
          unknown: ['the previous scan could not be looked up (HTTP 500)']
        },
        { ...unchanged(2), unknown: ['policy: the group’s history could not be read (HTTP 500)'] }
      ])
    )
    const md = renderMarkdown(view, 'short')
    expect(md).not.toContain('Nothing changed')
    expect(md).toContain('No change found in what could be compared.')
    expect(md).toContain(
      '1 compared with their previous scan · 0 unchanged · 2 not fully compared (see each model).'
    )
    expect(renderTerminal(view)).toContain(
      `no change found, in what could be compared, since scan ${uuid(2)}`
    )
    expect(gateOutputs(view, {})).toMatchObject({ drifted: '0', 'newly-blocked': '0' })
  })

  it('nothing at all when drift was not looked for', () => {
    const view = runView(report([undefined, undefined]))
    expect(view.changes).toBeUndefined()
    expect(renderMarkdown(view, 'short')).not.toContain('What changed')
    expect(gateOutputs(view, {})).toMatchObject({ drifted: '0', 'newly-blocked': '0' })
  })

  it('hostile rule names in a drift line stay text', () => {
    const hostile = '<img src=x onerror=alert(1)> @everyone [x](javascript:alert(1))'
    const view = runView(
      report([
        {
          previous: previous(1),
          drifted: true,
          newly_blocked: false,
          unknown: [],
          violations: {
            added: [{ rule: hostile, file: hostile, threat: null }],
            resolved: [],
            added_count: 1,
            resolved_count: 0
          }
        }
      ])
    )
    const md = renderMarkdown(view, 'short')
    const line = md.split('\n').find((l) => l.includes('violation added'))!
    expect(line).not.toContain('<img')
    expect(line).not.toContain('](javascript')
    expect(line).not.toMatch(/(^|[^\\])@everyone/)
  })
})
