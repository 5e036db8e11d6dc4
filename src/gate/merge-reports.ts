import { PRODUCT } from '../version.js'
import { plainText } from '../util/text.js'
import {
  gateReport,
  GateReportSchema,
  NO_RUN_SETTINGS,
  type GateErrorInfo,
  type GateReport,
  type ModelResult,
  type Verdict
} from './result.js'
import { judge, worst } from './verdict.js'

/**
 * `merge-reports`: the JSON reports of a matrix's legs as one report, which the publish stage renders like any
 * run's (one summary, one SARIF log, one tracking-issue update). GitHub's matrix did the distributing; this
 * only checks that the parts make the whole, and fails closed when they do not: a shard missing or given
 * twice, a model in no shard or in two, legs that split different lists of models (each leg records a digest
 * of the whole list), of different workflow runs, or of different settings. Models of a missing shard were not
 * verified, so the merged verdict is never a pass without them.
 */

export interface ReportFile {
  /** as the input named it (shown in messages) */
  file: string
  text: string
}

/** Problems named in the run's error; the rest are counted. */
const MAX_PROBLEMS = 5

export function mergeReports(files: readonly ReportFile[]): GateReport {
  const problems: string[] = []
  const legs: Array<{ file: string; report: GateReport }> = []
  for (const { file, text } of files) {
    const report = parsed(file, text, problems)
    if (report) legs.push({ file, report })
  }
  const sharded = legs.filter((l) => l.report.shard)
  if (sharded.length > 0 && sharded.length < legs.length)
    problems.push(`${legs.length - sharded.length} of the reports are not of a shard, the others are`)
  const settings = legs[0]?.report.settings ?? NO_RUN_SETTINGS
  const differs = legs.find(
    (l) => l.report.settings.mode !== settings.mode || l.report.settings.on_error !== settings.on_error
  )
  if (differs)
    problems.push(
      `${name(differs.file)} ran with mode ${differs.report.settings.mode}, on-error ${differs.report.settings.on_error}, unlike ${name(legs[0]!.file)}`
    )

  const models =
    sharded.length === legs.length && legs.length > 0 ? shardModels(legs, problems) : listModels(legs)
  const legErrors = legs.flatMap((l) =>
    l.report.error ? [{ ...l.report.error, message: `${legName(l)}: ${l.report.error.message}` }] : []
  )
  const error: GateErrorInfo | undefined =
    problems.length > 0
      ? {
          code: 'INCOMPLETE_MERGE',
          message: `The reports do not make one whole run: ${problems.slice(0, MAX_PROBLEMS).join('; ')}${problems.length > MAX_PROBLEMS ? `; and ${problems.length - MAX_PROBLEMS} more` : ''}.`
        }
      : legErrors[0]
  // a verdict is never taken on a leg's word alone: a model that was not allowed, or a leg that stopped on an
  // error, cannot pass (whatever the file says)
  const verdicts: Verdict[] = [
    ...legs.map((l) => l.report.verdict),
    ...models.map((m) => m.verdict),
    ...models.flatMap((m) => {
      const status = evidenced(m)
      return status === 'allowed' ? [] : [judge(status, m.mode ?? settings.mode, settings.on_error)]
    }),
    // merging nothing verified nothing
    ...(models.length === 0 ? [judge('error', settings.mode, settings.on_error)] : []),
    ...legErrors.map(() => judge('error', settings.mode, settings.on_error)),
    ...(problems.length > 0 ? [judge('error', settings.mode, settings.on_error)] : [])
  ]
  const times = legs
    .flatMap((l) => [Date.parse(l.report.started_at), Date.parse(l.report.finished_at)])
    .filter(Number.isFinite)
  const count = legs[0]?.report.shard?.count
  return {
    ...gateReport({
      started: times.length ? Math.min(...times) : Date.now(),
      finished: times.length ? Math.max(...times) : Date.now(),
      settings,
      // no report at all is not a pass (worst of nothing is a failure)
      verdict: worst(verdicts),
      ...(error && { error }),
      models
    }),
    ...(legs.length > 0 && {
      merged: {
        reports: legs.length,
        ...(count !== undefined && sharded.length === legs.length && { shards: count })
      }
    })
  }
}

/**
 * A model's status as its own record supports it: `allowed` only with an `ALLOWED` scan (or inventory record)
 * and no error. A leg's file could say `allowed` over a `BLOCKED` scan; the merge does not take its word.
 */
function evidenced(m: ModelResult): ModelResult['status'] {
  if (m.status !== 'allowed') return m.status
  const outcome = m.scan ? m.scan.eval_outcome : m.inventory?.outcome
  return outcome === 'ALLOWED' && !m.error ? 'allowed' : 'error'
}

/** A report as read, or why it is not one (pushed to problems). */
function parsed(file: string, text: string, problems: string[]): GateReport | undefined {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    problems.push(`${name(file)} is not JSON`)
    return undefined
  }
  const r = GateReportSchema.safeParse(json)
  if (!r.success) {
    const issue = r.error.issues[0]
    problems.push(
      `${name(file)} is not a gate report (${plainText(`${issue?.path.join('.') || 'the report'}: ${issue?.message ?? 'invalid'}`, 160)})`
    )
    return undefined
  }
  if (r.data.tool.name !== PRODUCT) {
    problems.push(`${name(file)} was written by ${plainText(r.data.tool.name, 60)}, not ${PRODUCT}`)
    return undefined
  }
  return r.data
}

/** The legs' models in the order of the whole list, each shard checked against the others. */
function shardModels(legs: Array<{ file: string; report: GateReport }>, problems: string[]): ModelResult[] {
  const first = legs[0]!.report.shard!
  const byIndex = new Map<number, string>()
  for (const l of legs) {
    const s = l.report.shard!
    if (s.count !== first.count || s.models !== first.models) {
      problems.push(
        `${name(l.file)} is shard ${s.index}/${s.count} of ${s.models} models, ${name(legs[0]!.file)} ${first.index}/${first.count} of ${first.models}`
      )
      continue
    }
    // the same count of models is not the same models: each leg names the whole list it split
    if (s.list_sha256 !== first.list_sha256) {
      problems.push(`${name(l.file)} split another list of models than ${name(legs[0]!.file)}`)
      continue
    }
    const run = l.report.context?.run_id
    if (run !== legs[0]!.report.context?.run_id) {
      problems.push(`${name(l.file)} comes from another workflow run than ${name(legs[0]!.file)}`)
      continue
    }
    const seen = byIndex.get(s.index)
    if (seen !== undefined)
      problems.push(`shard ${s.index}/${s.count} is given twice (${name(seen)} and ${name(l.file)})`)
    else byIndex.set(s.index, l.file)
  }
  const models = new Map<number, ModelResult>()
  for (const l of legs) {
    const s = l.report.shard!
    if (byIndex.get(s.index) !== l.file) continue
    for (const m of l.report.models) {
      if (m.index > first.models || (m.index - 1) % first.count !== s.index - 1) {
        problems.push(
          `${name(l.file)} (shard ${s.index}/${s.count}) holds model ${m.index}, which is not in that shard`
        )
        continue
      }
      if (models.has(m.index)) problems.push(`model ${m.index} is reported twice`)
      models.set(m.index, m)
    }
  }
  for (let i = 1; i <= first.count; i++)
    if (!byIndex.has(i)) {
      const expected = Math.max(0, Math.ceil((first.models - (i - 1)) / first.count))
      problems.push(`shard ${i}/${first.count} is missing: its ${expected} model(s) were not verified`)
    }
  for (const l of legs) {
    const s = l.report.shard!
    if (byIndex.get(s.index) !== l.file) continue
    const expected = Math.max(0, Math.ceil((first.models - (s.index - 1)) / first.count))
    const got = l.report.models.length
    if (got !== expected && !l.report.error)
      problems.push(`${legName(l)} reports ${got} of its ${expected} model(s)`)
  }
  return [...models.values()].sort((a, b) => a.index - b.index)
}

/** Reports that are not shards (separate runs): their models one after the other, numbered anew. */
function listModels(legs: Array<{ file: string; report: GateReport }>): ModelResult[] {
  return legs
    .flatMap((l) => [...l.report.models].sort((a, b) => a.index - b.index))
    .map((m, i) => ({ ...m, index: i + 1 }))
}

const name = (file: string) => plainText(file, 120)

function legName(l: { file: string; report: GateReport }): string {
  const s = l.report.shard
  return s ? `shard ${s.index}/${s.count} (${name(l.file)})` : name(l.file)
}
