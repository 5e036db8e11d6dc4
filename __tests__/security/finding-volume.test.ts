import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { defaultPolicy } from '../../src/gate/builtin-policy.js'
import { scanLocalModel } from '../../src/gate/builtin-scan.js'
import { renderSarif } from '../../src/report/sarif.js'
import { renderSummary } from '../../src/report/summary.js'
import { runView } from '../../src/report/view.js'
import { gateReport } from '../../src/gate/result.js'
import { scanBuiltin } from '../../src/gate/scan-builtin.js'
import { parseModelUri } from '../../src/gate/model-source.js'
import { silentLogger } from '../../src/util/logger.js'
import { CLI, runProcess } from '../helpers/run-dist.js'

/**
 * Attack class: a denial of service by volume. One crafted model can make the engine find as many things as it
 * lists (10,000 per file, the rest counted); every stage that collects findings (grouping by rule, violations,
 * the reports) must be linear, or 30,000 findings take 44 s and 100,000 never finish. Generated: pickles of
 * 10,000 distinct dangerous imports, several files of them, every kind of import spelling. Speed itself is
 * measured in `npm run bench` (section 5d); here the whole pipeline must finish and count every finding.
 */

const PER_FILE = 10_000
const FILES = 5

/** A pickle importing `n` distinct names, in one of the spellings a pickle can use (protocol 0 or 4). */
function manyImports(file: number, n: number, spelling: 'global' | 'stack'): Buffer {
  const parts: Buffer[] = []
  for (let i = 0; i < n; i++) {
    const name = `system_${file}_${i}`
    if (spelling === 'global') parts.push(Buffer.from(`cos\n${name}\n0`, 'latin1'))
    else {
      // SHORT_BINUNICODE 'os', SHORT_BINUNICODE name, STACK_GLOBAL, POP
      const n1 = Buffer.from(name, 'latin1')
      parts.push(
        Buffer.from([0x8c, 2]),
        Buffer.from('os'),
        Buffer.from([0x8c, n1.length]),
        n1,
        Buffer.from([0x93, 0x30])
      )
    }
  }
  const body = Buffer.concat([...parts, Buffer.from('N.', 'latin1')])
  return spelling === 'global' ? body : Buffer.concat([Buffer.from([0x80, 4]), body])
}

let root: string

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'airs-volume-'))
  fs.mkdirSync(path.join(root, 'model'))
  for (let f = 0; f < FILES; f++)
    fs.writeFileSync(
      path.join(root, 'model', `part-${f}.pkl`),
      manyImports(f, PER_FILE, f % 2 ? 'stack' : 'global')
    )
})
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

describe('50,000 findings from one model', () => {
  it('are all collected, judged and counted by the engine', async () => {
    const r = await scanLocalModel({
      path: path.join(root, 'model'),
      modelUri: 'model',
      policy: defaultPolicy()
    })
    expect(r.scan.eval_outcome).toBe('BLOCKED')
    const loadTime = r.evaluations.find((e) => e.rule_name === 'Load Time Code Execution Check')!
    expect(loadTime.result).toBe('FAILED')
    expect(loadTime.violation_count).toBeGreaterThanOrEqual(FILES * PER_FILE)
    expect(r.violations.length).toBeGreaterThanOrEqual(FILES * PER_FILE)
  })

  it('go through the gate and every report renderer', async () => {
    const model = parseModelUri('model', { workspace: root })
    const settings = {
      models: [model],
      policy: defaultPolicy(),
      mode: 'enforce' as const,
      onError: 'fail' as const,
      timeoutMs: 600_000,
      concurrency: 1
    }
    const m = await scanBuiltin(settings, model, 1, silentLogger)
    expect(m.status).toBe('blocked')
    const report = gateReport({
      started: Date.now(),
      finished: Date.now(),
      settings: { mode: 'enforce', on_error: 'fail', timeout_ms: 600_000, concurrency: 1 },
      verdict: m.verdict,
      models: [m]
    })
    const view = runView(report)
    expect(view.models[0]!.violations).toBeGreaterThanOrEqual(FILES * PER_FILE)
    expect(renderSummary(view).length).toBeLessThanOrEqual(1024 * 1024)
    const sarif = renderSarif(runView(report), { category: 'volume', locate: () => undefined }) as {
      runs: { results: unknown[] }[]
    }
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(0)
  })
})

describe('through the bundled CLI', () => {
  it('the same model: blocked, with every finding in the JSON report (a quadratic step would not finish)', async () => {
    const r = await runProcess(
      CLI,
      ['scan', '--engine', 'builtin', '--report-file', 'report.json', '--workspace', root, 'model'],
      {
        RUNNER_TEMP: root
      }
    )
    expect(r.code).toBe(1)
    const report = JSON.parse(fs.readFileSync(path.join(root, 'report.json'), 'utf8')) as {
      models: { status: string; violations: { items: unknown[] } }[]
    }
    expect(report.models[0]!.status).toBe('blocked')
    expect(report.models[0]!.violations.items.length).toBeGreaterThanOrEqual(FILES * PER_FILE)
  })
})
