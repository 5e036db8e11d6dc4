import { describe, expect, it } from '@jest/globals'
import { mergeReports, type ReportFile } from '../../src/gate/merge-reports.js'
import type { GateReport, ModelResult } from '../../src/gate/result.js'
import { listDigest, parseShard, shardModels } from '../../src/gate/shard.js'
import { parseModelUri } from '../../src/gate/model-source.js'
import { fixtureReport, modelResult } from '../helpers/reports.js'
import { headline } from '../../src/report/view.js'
import { GateError } from '../../src/util/gate-error.js'
import { thrown } from '../helpers/throws.js'

/**
 * shard and merge-reports, in process: the split is by position and balanced; the merge puts the legs back in
 * the whole list's order, and fails closed (INCOMPLETE_MERGE) on anything that does not make one whole run.
 */

const MODELS = 7
const LIST = 'a'.repeat(64)
const model = (index: number, verdict: ModelResult['verdict'] = 'pass'): ModelResult =>
  modelResult({
    index,
    uri: `https://huggingface.co/org/m${index}`,
    outcome: verdict === 'pass' ? 'ALLOWED' : 'BLOCKED',
    status: verdict === 'pass' ? 'allowed' : 'blocked',
    verdict
  })

/** Leg `i` of `n` over MODELS models, as the action writes it (the models of its shard). */
function leg(i: number, n = 4, blocked: number[] = []): GateReport {
  const base = fixtureReport('mixed')
  const indices = Array.from({ length: MODELS }, (_, k) => k + 1).filter((k) => (k - 1) % n === i - 1)
  const models = indices.map((k) => model(k, blocked.includes(k) ? 'fail' : 'pass'))
  return {
    ...base,
    error: undefined,
    verdict: models.some((m) => m.verdict === 'fail') ? 'fail' : 'pass',
    shard: { index: i, count: n, models: MODELS, list_sha256: LIST },
    models
  }
}
const file = (r: unknown, name: string): ReportFile => ({ file: name, text: JSON.stringify(r) })
const legs = (n = 4, blocked: number[] = []) =>
  Array.from({ length: n }, (_, i) => file(leg(i + 1, n, blocked), `leg-${i + 1}/report.json`))

describe('shard', () => {
  it('splits by position, balanced, every model in exactly one leg with its place in the whole list', () => {
    const all = Array.from({ length: 10 }, (_, i) =>
      parseModelUri(`https://huggingface.co/org/m${i + 1}`, { workspace: process.cwd() })
    )
    const parts = [1, 2, 3].map((i) => shardModels(all, { index: i, count: 3 }))
    expect(parts.map((p) => p.map((m) => m.position))).toEqual([
      [1, 4, 7, 10],
      [2, 5, 8],
      [3, 6, 9]
    ])
    expect(
      parts
        .flat()
        .map((m) => m.modelUri)
        .sort()
    ).toEqual(all.map((m) => m.modelUri).sort())
  })

  it('a leg with no model says so in its headline, and passes (its models are none)', () => {
    const empty = {
      ...leg(1),
      models: [],
      verdict: 'pass' as const,
      shard: { index: 4, count: 4, models: 3, list_sha256: LIST }
    }
    expect(headline(empty)).toBe('Model gate passed: shard 4/4 holds no model (3 models in 4 shards)')
  })

  it('names the whole list: the same on every leg, another for another list of the same length', () => {
    const list = (...uris: string[]) => uris.map((u) => parseModelUri(u, { workspace: process.cwd() }))
    const a = listDigest(list('https://huggingface.co/org/a', 'https://huggingface.co/org/b@v1'))
    expect(a).toMatch(/^[0-9a-f]{64}$/)
    expect(listDigest(list('https://huggingface.co/org/a', 'https://huggingface.co/org/b@v1'))).toBe(a)
    expect(listDigest(list('https://huggingface.co/org/a', 'https://huggingface.co/org/b@v2'))).not.toBe(a)
    expect(listDigest(list('https://huggingface.co/org/b@v1', 'https://huggingface.co/org/a'))).not.toBe(a)
  })

  it.each([
    ['1/4', { index: 1, count: 4 }],
    [' 4 / 4 ', { index: 4, count: 4 }],
    ['', undefined]
  ])('%j reads as %j', (text, shard) => expect(parseShard(text)).toEqual(shard))

  it.each([
    ['0/4', 'the shard is one of 1 to 4'],
    ['5/4', 'the shard is one of 1 to 4'],
    ['1/0', 'give 1 to 256'],
    ['1/300', 'give 1 to 256'],
    ['1-4', 'is not i/n'],
    ['${{ matrix.shard }}/4', 'is not i/n']
  ])('%j is refused: %s', (text, words) => {
    const e = thrown(GateError, () => parseShard(text))
    expect(e.code).toBe('INVALID_INPUT')
    expect(e.message).toMatch(/^Invalid input shard: /)
    expect(e.message).toContain(words)
  })
})

describe('merge-reports', () => {
  it('four legs make the whole run: the models in order, the worst verdict, the shards recorded', () => {
    const merged = mergeReports(legs(4, [6]))
    expect(merged.models.map((m) => m.index)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(merged.verdict).toBe('fail')
    expect(merged.error).toBeUndefined()
    expect(merged.merged).toEqual({ reports: 4, shards: 4 })
    expect(merged.shard).toBeUndefined()
    // the legs' order on the command line does not matter
    expect(mergeReports([...legs(4, [6])].reverse()).models).toEqual(merged.models)
    expect(mergeReports(legs(4)).verdict).toBe('pass')
  })

  it('a missing shard fails, naming it and how many models went unverified', () => {
    const merged = mergeReports(legs(4).filter((_, i) => i !== 2))
    expect(merged.verdict).toBe('fail')
    expect(merged.error).toEqual({
      code: 'INCOMPLETE_MERGE',
      message: expect.stringContaining('shard 3/4 is missing: its 2 model(s) were not verified')
    })
    expect(merged.models.map((m) => m.index)).toEqual([1, 2, 4, 5, 6])
  })

  it('with on-error: warn the legs chose, a missing shard warns rather than fails', () => {
    const warned = legs(4)
      .filter((_, i) => i !== 0)
      .map((f) => {
        const r = JSON.parse(f.text) as GateReport
        return file({ ...r, settings: { ...r.settings, on_error: 'warn' } }, f.file)
      })
    expect(mergeReports(warned)).toMatchObject({ verdict: 'warn', error: { code: 'INCOMPLETE_MERGE' } })
  })

  it.each([
    ['a shard given twice', () => [...legs(4), legs(4)[1]!], 'shard 2/4 is given twice'],
    [
      'legs of different shard counts',
      () => [...legs(4).slice(0, 3), legs(3)[2]!],
      'is shard 3/3 of 7 models'
    ],
    [
      'a leg holding a model of another shard',
      () => {
        const r = leg(2)
        return [
          ...legs(4).filter((_, i) => i !== 1),
          file({ ...r, models: [...r.models, model(3)] }, 'odd.json')
        ]
      },
      'holds model 3, which is not in that shard'
    ],
    [
      'a leg that lost a model',
      () => {
        const r = leg(1)
        return [file({ ...r, models: r.models.slice(1) }, 'short.json'), ...legs(4).slice(1)]
      },
      'reports 1 of its 2 model(s)'
    ],
    ['a file that is not JSON', () => [...legs(4), { file: 'x.json', text: '{' }], 'x.json is not JSON'],
    [
      'a report of another shape',
      () => [...legs(4), file({ verdict: 'pass' }, 'y.json')],
      'y.json is not a gate report'
    ],
    [
      'a mix of shards and whole runs',
      () => [...legs(4), file({ ...leg(1), shard: undefined }, 'whole.json')],
      'are not of a shard'
    ],
    [
      'legs that split two lists of the same length',
      () => [
        ...legs(4).slice(0, 3),
        file({ ...leg(4), shard: { ...leg(4).shard!, list_sha256: 'b'.repeat(64) } }, 'other.json')
      ],
      'other.json split another list of models than'
    ],
    [
      'a leg of another workflow run',
      () => {
        const r = leg(2)
        return [
          ...legs(4).filter((_, i) => i !== 1),
          file({ ...r, context: { ...(r.context ?? { repository: 'o/r' }), run_id: '999999' } }, 'old.json')
        ]
      },
      'old.json comes from another workflow run'
    ],
    [
      'legs with different modes',
      () => {
        const r = leg(4)
        return [...legs(4).slice(0, 3), file({ ...r, settings: { ...r.settings, mode: 'warn' } }, 'w.json')]
      },
      'ran with mode warn'
    ]
  ])('%s: INCOMPLETE_MERGE, never a pass', (_what, files, words) => {
    const merged = mergeReports(files())
    expect(merged.verdict).toBe('fail')
    expect(merged.error?.code).toBe('INCOMPLETE_MERGE')
    expect(merged.error?.message).toContain(words)
  })

  it('a leg’s word is not enough: a blocked model or a failed leg marked pass still fails', () => {
    const r = leg(3)
    const lying = {
      ...r,
      verdict: 'pass',
      models: r.models.map((m) => ({ ...m, status: 'blocked', verdict: 'pass' }))
    }
    expect(mergeReports([...legs(4).filter((_, i) => i !== 2), file(lying, 'l.json')]).verdict).toBe('fail')
    const stopped = { ...leg(1), verdict: 'pass', error: { code: 'AUTH_FAILED', message: 'no' } }
    expect(mergeReports([file(stopped, 's.json'), ...legs(4).slice(1)]).verdict).toBe('fail')
  })

  it('nothing to merge is not a pass, nor legs that hold no model at all', () => {
    expect(mergeReports([]).verdict).toBe('fail')
    const none = (i: number) => ({
      ...leg(i, 2),
      models: [],
      verdict: 'pass',
      shard: { index: i, count: 2, models: 0, list_sha256: LIST }
    })
    expect(mergeReports([file(none(1), 'a.json'), file(none(2), 'b.json')]).verdict).toBe('fail')
  })

  it('"allowed" over a BLOCKED scan, or beside an error, is not taken as allowed', () => {
    const r = leg(3)
    const m = r.models[0]!
    const forged = [
      { ...m, scan: { ...m.scan!, eval_outcome: 'BLOCKED' } },
      { ...m, error: { code: 'SCAN_ERROR' as const, message: 'x' } }
    ]
    for (const bad of forged)
      expect(
        mergeReports([...legs(4).filter((_, i) => i !== 2), file({ ...r, models: [bad] }, 'l.json')]).verdict
      ).toBe('fail')
  })

  it('reports of separate runs (no shard): one after the other, numbered anew', () => {
    const a = { ...fixtureReport('mixed') }
    const b = fixtureReport('dialogpt-blocked')
    const merged = mergeReports([file(a, 'a.json'), file(b, 'b.json')])
    expect(merged.models.map((m) => m.index)).toEqual(
      Array.from({ length: a.models.length + b.models.length }, (_, i) => i + 1)
    )
    expect(merged.models.map((m) => m.model.model_uri)).toEqual(
      [...a.models, ...b.models].map((m) => m.model.model_uri)
    )
    expect(merged.verdict).toBe('fail')
    expect(merged.merged).toEqual({ reports: 2 })
  })

  it('a leg whose run failed before any model carries its error into the merge', () => {
    const r = leg(2)
    const failed = {
      ...r,
      verdict: 'fail',
      models: [],
      error: { code: 'AUTH_FAILED', message: 'bad secret' }
    }
    const merged = mergeReports([...legs(4).filter((_, i) => i !== 1), file(failed, 'leg-2.json')])
    expect(merged.verdict).toBe('fail')
    expect(merged.error).toEqual({ code: 'AUTH_FAILED', message: 'shard 2/4 (leg-2.json): bad secret' })
  })
})
