import { describe, expect, it } from '@jest/globals'
import type { GateReport } from '../../src/gate/result.js'
import { locator } from '../../src/report/anchor.js'
import { code } from '../../src/report/escape.js'
import { ANNOTATION_CAPS, annotationsFor } from '../../src/report/annotations.js'
import { COMMENT_LIMIT_CHARS, renderComment } from '../../src/report/comment-body.js'
import { SUMMARY_LIMIT_BYTES, renderSummary } from '../../src/report/summary.js'
import { renderTerminal } from '../../src/report/terminal.js'
import { modelView, runView } from '../../src/report/view.js'
import { expectGolden } from '../helpers/golden.js'
import { fixtureReport, largeReport } from '../helpers/reports.js'

/** The Markdown and text renderers on real gate results (fixtures from the simulator), and their limits. */

const REPORT_FILE = '/home/runner/work/_temp/airs-model-gate/gate-report.json'
const RUN_URL = 'https://github.com/octo-org/models/actions/runs/42/attempts/1'
const bytes = (s: string) => Buffer.byteLength(s, 'utf8')

describe('golden renderings', () => {
  const dialogpt = runView(fixtureReport('dialogpt-blocked'))
  const mixed = runView(fixtureReport('mixed'))

  it('job summary', () => {
    expectGolden('dialogpt.summary.md', renderSummary(dialogpt, { reportFile: REPORT_FILE }))
    expectGolden('mixed.summary.md', renderSummary(mixed, { reportFile: REPORT_FILE }))
  })

  it('pull-request comment', () => {
    const ctx = { runUrl: RUN_URL, commit: '4b825dc642cb6eb9a060e54bf8d69288fbee4904' }
    expectGolden('dialogpt.comment.md', renderComment(dialogpt, ctx))
    expectGolden('mixed.comment.md', renderComment(mixed, ctx))
  })

  it('runs that could not verify, and the built-in engine', () => {
    for (const name of ['error', 'timeout', 'builtin'] as const)
      expectGolden(
        `${name}.summary.md`,
        renderSummary(runView(fixtureReport(name)), { reportFile: REPORT_FILE })
      )
    const ctx = { runUrl: RUN_URL, commit: '4b825dc642cb6eb9a060e54bf8d69288fbee4904' }
    expectGolden('timeout.comment.md', renderComment(runView(fixtureReport('timeout')), ctx))
    expectGolden('builtin.comment.md', renderComment(runView(fixtureReport('builtin')), ctx))
  })

  it('log and CLI text', () => {
    expectGolden('mixed.terminal.txt', renderTerminal(mixed, REPORT_FILE, '/tmp/results.sarif'))
  })

  it('annotations', () => {
    const locate = locator({
      workspace: '/ws',
      workflowFile: '.github/workflows/gate.yml',
      workflowText: WORKFLOW
    })
    expectGolden(
      'mixed.annotations.json',
      `${JSON.stringify(annotationsFor(runView(fixtureReport('mixed')).models, locate), null, 2)}\n`
    )
  })
})

const WORKFLOW = [
  'on: pull_request',
  'jobs:',
  '  gate:',
  '    steps:',
  '      - uses: airs-model-gate/airs-model-gate@v1',
  '        with:',
  '          model-uri: |',
  '            https://huggingface.co/microsoft/DialoGPT-medium',
  '            https://huggingface.co/airs-sim/pickle-rce'
].join('\n')

describe('job summary', () => {
  it('says what to do in the first screen even when the service gave no remediation', () => {
    const report = structuredClone(fixtureReport('dialogpt-blocked'))
    for (const m of report.models) {
      for (const r of m.rules) delete r.remediation
      for (const v of m.violations.items) delete v.remediation
    }
    const text = renderSummary(runView(report), {})
    const answer = text.slice(0, text.indexOf('<sub>'))
    expect(answer).toContain('**Most severe:** 🟡 Medium · Stored In Approved File Format')
    expect(answer).toContain('**Fix:** The service gave no remediation for this rule')
  })

  it('names the module and operator of a finding beside its sentence, unless the sentence already does', () => {
    const report = fixtureReport('mixed')
    const text = renderSummary(runView(report), {})
    expect(text).toContain(
      '| Keras Lambda layer with serialized Python bytecode <code>keras.layers.Lambda</code> |'
    )
    // a sentence that names them already is left alone
    const named = structuredClone(report)
    for (const m of named.models)
      for (const v of m.violations.items)
        if (v.module) v.description = `Unsafe ${v.module}.${v.operator} in the model`
    const again = renderSummary(runView(named), {})
    expect(again).toContain('| Unsafe keras\\.layers\\.Lambda in the model |')
    expect(again).not.toContain('<code>keras.layers.Lambda</code>')
  })

  it('puts the verdict first, then each model with its rules, violations, remediation and files', () => {
    const text = renderSummary(runView(fixtureReport('dialogpt-blocked')), { reportFile: REPORT_FILE })
    const lines = text.split('\n')
    expect(lines[0]).toMatch(/^## ❌ Model gate failed\\: BLOCKED\\: 1 of 11 rules failed/)
    // order: model heading, the answer (most severe finding, its fix), facts, rules, the finding, how to fix, files
    const at = (s: string) => text.indexOf(s)
    const order = [
      '### ❌ microsoft/DialoGPT\\-medium — BLOCKED',
      '**Most severe:** 🟡 Medium · Stored In Approved File Format: 5 findings in 3 files, first <code>pytorch\\_model.bin</code>',
      '**Fix:** Convert the model to an approved format such as safetensors',
      '<sub>Hugging Face <code>',
      '**Rules:** ❌ 1 failed · ✅ 10 passed of 11',
      '<details><summary>All 11 rules</summary>',
      '| Rule | Severity | Posture | Result | Violations |',
      '#### 🟡 Medium · ❌ Stored In Approved File Format — FAILED (BLOCKING)',
      '**How to fix**',
      '<details><summary>Scanned files (12)</summary>'
    ]
    const found = order.map((s) => [s, at(s)] as const)
    expect(found.filter(([, n]) => n <= 0)).toEqual([])
    expect(found.map(([, n]) => n)).toEqual(found.map(([, n]) => n).sort((a, b) => a - b))
    // the verdict once: the single model's reason is the headline, not repeated under the model
    expect(text.match(/1 of 11 rules failed/g)).toHaveLength(1)
    // every evaluation, and every violation grouped by threat and file
    expect(
      text.match(/^\| .* \| (—|🟡 Medium) \| BLOCKING \| (✅ PASSED|❌ FAILED) \| \d+ \|$/gm)
    ).toHaveLength(11)
    expect(text.match(/is stored in an unapproved format/g)).toHaveLength(5)
    expect(text.match(/^\*\*UNAPPROVED\\_FORMATS\*\*/gm)).toHaveLength(1)
    expect(
      text.match(/^\| <code>(pytorch\\_model\.bin|rust\\_model\.ot|tf\\_model\.h5)<\/code> \| Model file/gm)
    ).toHaveLength(3)
    // the gate's own label is not the user's business
    expect(text).toContain('<code>team=ml-platform</code>')
    expect(text).not.toContain('gate-request-id')
    // the group's approved formats and a conversion for the framework found
    expect(text).toContain('Approved by the security group: <code>safetensors</code>')
    expect(text).toContain('torch.load("pytorch_model.bin", map_location="cpu", weights_only=True)')
    expect(text).toContain(`full results: ${code(REPORT_FILE, 300)}`)
  })

  it('says when a scan was reused, from when and on what match, and names the pinned commit', () => {
    const r = fixtureReport('dialogpt-blocked')
    const m = r.models[0]!
    const commit = 'c'.repeat(40)
    const reused: GateReport = {
      ...r,
      models: [
        {
          ...m,
          model: { ...m.model, resolved_revision: commit },
          scan: { ...m.scan!, created_at: '2026-12-05T08:09:59.999999+01:00' },
          reused: { matched_by: 'commit', age_ms: 3_600_000 }
        }
      ]
    }
    const view = runView(reused)
    const words = '(reused from 2026-12-05 07:09 UTC, same commit)'
    expect(renderSummary(view)).toContain(`scan ${code(m.scan!.uuid)} ${words}`)
    expect(renderSummary(view)).toContain(`(commit ${code(commit, 80)})`)
    expect(renderTerminal(view)).toContain(`scan ${m.scan!.uuid} ${words}: `)
    // a scan made by this run says nothing of the kind
    expect(renderSummary(runView(r))).not.toContain('reused')
  })

  it('links each AIRS scan to the console when console-url is given, and never guesses one', () => {
    const view = runView(fixtureReport('mixed'))
    const consoleUrl = 'https://console.example/scans/{scan}?tab=1'
    const text = renderSummary(view, { consoleUrl })
    const scans = view.models.filter((m) => m.scanUuid).map((m) => m.scanUuid!)
    expect(scans.length).toBeGreaterThan(1)
    for (const uuid of scans)
      expect(text).toContain(`[scan in the console](https://console.example/scans/${uuid}?tab=1)`)
    expect(renderSummary(view)).not.toContain('scan in the console')
  })

  it('stays under 1 MiB in bytes for 10,000 violations and 10,000 files, degrading detail in steps', () => {
    const view = runView(largeReport())
    const text = renderSummary(view, { reportFile: REPORT_FILE })
    expect(bytes(text)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES)
    // the richest level that fits still lists violations and files, and says how many more are in the report
    expect(text).toContain('… and 9,800 more violations of this rule in the JSON report.')
    expect(text).toContain('| … and 9,000 more in the JSON report | | |')
    expect(text).toContain('**How to fix**')
  })

  it('renders a repository of 130,000 files without running out of stack', () => {
    const text = renderSummary(runView(largeReport(10, 130_000)))
    expect(bytes(text)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES)
    expect(text).toContain('more in the JSON report')
  })

  it('measures bytes, not characters: multi-byte text reaches the limit sooner', () => {
    const view = runView(fixtureReport('dialogpt-blocked'))
    const full = renderSummary(view)
    // a limit between the character count and the byte count of the full text: bytes decide
    const limit = bytes(full) + 8 * 1024 - 1
    expect(full.length + 8 * 1024).toBeLessThan(limit)
    expect(renderSummary(view, {}, limit)).not.toBe(full)
  })

  it('past the limit falls back to the complete short form with a pointer to the JSON report', () => {
    const report = fixtureReport('mixed')
    const text = renderSummary(runView(report), { reportFile: REPORT_FILE }, 8 * 1024 + 6000)
    expect(bytes(text)).toBeLessThanOrEqual(6000)
    expect(text).toContain('larger than GitHub’s 1 MiB limit')
    expect(text).toContain(`full results: ${code(REPORT_FILE, 300)}`)
    // complete: every model, every failed rule of a blocked model
    for (const m of runView(report).models) expect(text).toContain(`| ${m.outcome} |`)
    expect(text).toContain('Load Time Code Execution Check (BLOCKING): 1 violation')
    expect(text).toContain('Runtime Code Execution Check')
    expect(text).toContain('License Exists')
  })

  it('cuts even the short form at a line when nothing else fits, and says so', () => {
    const text = renderSummary(runView(fixtureReport('mixed')), {}, 8 * 1024 + 900)
    expect(bytes(text)).toBeLessThanOrEqual(900)
    expect(text).toContain('The list above is cut short.')
    expect(text.startsWith('## ❌ Model gate failed')).toBe(true)
  })
})

describe('pull-request comment', () => {
  it('holds the verdict, the failed rules with fixes and the run link, under 65,536 characters', () => {
    const text = renderComment(runView(fixtureReport('dialogpt-blocked')), {
      runUrl: RUN_URL,
      commit: 'abc1234def'
    })
    expect(text).toContain('#### 🟡 Medium · ❌ Stored In Approved File Format')
    expect(text).toContain('**How to fix**')
    expect(text).toContain(`[workflow run](${RUN_URL})`)
    expect(text).toContain('commit <code>abc1234def</code>')
    // only the files that need attention
    expect(text).toContain('Files with findings (3)')
    expect(text).not.toContain('vocab.json')
  })

  it('for 10,000 violations and files stays within the limit with room for the marker', () => {
    const text = renderComment(runView(largeReport()), { runUrl: RUN_URL })
    expect(text.length).toBeLessThanOrEqual(COMMENT_LIMIT_CHARS - 1024)
    expect(text).toContain('more violations of this rule in the JSON report')
  })

  it('for many models falls back to the short form, still naming every model', () => {
    const base = fixtureReport('mixed')
    const many: GateReport = {
      ...base,
      models: Array.from({ length: 60 }, (_, i) => ({ ...base.models[i % 4]!, index: i + 1 }))
    }
    const text = renderComment(runView(many), { runUrl: RUN_URL })
    expect(text.length).toBeLessThanOrEqual(COMMENT_LIMIT_CHARS - 1024)
    expect(text).toContain('does not fit in a pull\\-request comment')
    expect(text.match(/^\| airs\\-sim\/pickle\\-rce \|/gm)).toHaveLength(15)
  })
})

describe('annotations', () => {
  const locate = locator({
    workspace: '/ws',
    workflowFile: '.github/workflows/gate.yml',
    workflowText: WORKFLOW
  })

  it('one per violation, level by posture, titled by rule and file, anchored to the workflow line naming the model', () => {
    const report = fixtureReport('dialogpt-blocked')
    const list = annotationsFor(runView(report).models, locate)
    expect(list).toHaveLength(5)
    expect(list.every((a) => a.level === 'error')).toBe(true)
    expect(list[0]).toMatchObject({
      title: 'Stored In Approved File Format: pytorch_model.bin',
      file: '.github/workflows/gate.yml',
      startLine: 8
    })
    expect(list[0]!.message).toMatch(/^https:\/\/huggingface\.co\/microsoft\/DialoGPT-medium: Model file/)
  })

  it('an ALLOWING rule warns; a model that could not be verified is an error', () => {
    const report = fixtureReport('mixed')
    const m = report.models[0]!
    const allowing = {
      ...m,
      violations: {
        ...m.violations,
        items: m.violations.items.map((v) => ({ ...v, rule_instance_state: 'ALLOWING' }))
      }
    }
    const list = annotationsFor([allowing, report.models[4]!].map(modelView), locate)
    expect(list.filter((a) => a.level === 'warning')).toHaveLength(m.violations.items.length)
    expect(list.filter((a) => a.level === 'error')).toEqual([
      expect.objectContaining({ title: 'Model not verified: https://huggingface.co/airs-sim/scan-error' })
    ])
  })

  it('caps each level and counts the rest in one closing annotation, most severe first', () => {
    const list = annotationsFor(
      [...fixtureReport('mixed').models, ...largeReport(500, 10).models].map(modelView),
      locate
    )
    const errors = list.filter((a) => a.level === 'error')
    expect(errors).toHaveLength(ANNOTATION_CAPS.error)
    // a model that was not verified comes first, then code execution, which outranks an unapproved format
    expect(errors[0]!.title).toMatch(/^Model not verified/)
    expect(errors[1]!.title).toMatch(/^(Load Time|Runtime) Code Execution Check/)
    expect(errors[2]!.title).toMatch(/^(Load Time|Runtime) Code Execution Check/)
    const total = 5 + 4 + 3 + 1 + 1 + 500
    expect(errors.at(-1)).toMatchObject({
      title: `${(total - (ANNOTATION_CAPS.error - 1)).toLocaleString('en-US')} more errors`
    })
  })
})
