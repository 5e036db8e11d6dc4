import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

/**
 * Precision of the built-in engine on an independent evaluation set: every case (a file, or a folder holding
 * one model's files) goes through the built CLI as a real process,
 *
 *   node dist/cli/index.js scan <case> --engine builtin --policy <Default LOCAL, format rule ALLOWING>
 *
 * so the format rule only reports, and the case passes (exit 0), is blocked (exit 1) or could not be verified
 * (exit 2, or blocked only by "Could not be verified" findings). Benign cases should pass; a malicious case that
 * passes is a miss. Optionally picklescan (run from source) scans the same cases side by side.
 *
 *   npx tsx bench/precision.ts [--set /work/precision] [--picklescan <picklescan checkout>] [--filter <text>]
 *                              [--concurrency 2] [--out <results.json>]
 *
 * The set is <set>/benign/... and <set>/malicious/..., described by <set>/manifest.json ({ cases: [{ path,
 * kind, class, reason, by_design?, inert? }] }); without a manifest every entry two levels down is a case.
 * by_design marks benign-by-name files no static scanner can verify (encrypted archives, non-models): counted
 * apart. inert marks malicious-by-name files whose payload cannot run: listed apart when they pass. Reads
 * dist/ as built; it never builds. Not part of `npm test`.
 */

const CLI = fileURLToPath(new URL('../dist/cli/index.js', import.meta.url))
const CASE_TIMEOUT_MS = 300_000

type Kind = 'benign' | 'malicious'
type Outcome = 'pass' | 'blocked' | 'unverified' | 'error'

interface Case {
  path: string
  kind: Kind
  class: string
  reason: string
  by_design?: boolean
  inert?: boolean
}

interface Result extends Case {
  outcome: Outcome
  exit: number | null
  ms: number
  reasons: string[]
  reasonClass: string
  picklescan?: { exit: number | null; pass: boolean }
}

interface Violation {
  description?: string
  rule_name?: string
  rule_instance_state?: string
  file?: string | null
}

interface ReportModel {
  status?: string
  reason?: string
  violations?: { items?: Violation[] }
}

const { values: args } = parseArgs({
  options: {
    set: { type: 'string', default: '/work/precision' },
    picklescan: { type: 'string' },
    filter: { type: 'string' },
    concurrency: { type: 'string', default: '2' },
    out: { type: 'string' }
  }
})
const SET = resolve(args.set)
const OUT = resolve(args.out ?? join(SET, 'results.json'))
const CONCURRENCY = Math.max(1, Number(args.concurrency) || 2)

function loadCases(): Case[] {
  const manifest = join(SET, 'manifest.json')
  if (existsSync(manifest)) {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { cases: Case[] }).cases
  }
  const out: Case[] = []
  for (const kind of ['benign', 'malicious'] as const) {
    for (const group of readdirSync(join(SET, kind))) {
      for (const name of readdirSync(join(SET, kind, group))) {
        out.push({ path: `${kind}/${group}/${name}`, kind, class: group, reason: '' })
      }
    }
  }
  return out
}

interface Run {
  exit: number | null
  stdout: string
  stderr: string
}

function run(cmd: string, argv: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(cmd, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (b: Buffer) => (stdout = (stdout + b.toString()).slice(-20_000)))
    child.stderr.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-20_000)))
    const timer = setTimeout(() => child.kill('SIGKILL'), CASE_TIMEOUT_MS)
    child.on('close', (code) => {
      clearTimeout(timer)
      done({ exit: code, stdout, stderr })
    })
    child.on('error', (e) => {
      clearTimeout(timer)
      done({ exit: null, stdout, stderr: String(e) })
    })
  })
}

const isUnverifiable = (v: Violation) => (v.description ?? '').startsWith('Could not be verified')

/** The findings that decided, blocking ones first; the format rule's report-only finding is left out. */
function reasonsOf(model: ReportModel | undefined): string[] {
  const items = (model?.violations?.items ?? []).filter((v) => v.rule_instance_state !== 'ALLOWING')
  items.sort(
    (a, b) => Number(b.rule_instance_state === 'BLOCKING') - Number(a.rule_instance_state === 'BLOCKING')
  )
  const out = items.map((v) => `${v.file ? `${v.file}: ` : ''}${v.description ?? v.rule_name ?? '?'}`)
  if (out.length === 0 && model?.reason) out.push(model.reason)
  return out
}

/** A reason with its file, quoted names and numbers taken out, so that like findings group together. */
function reasonClass(model: ReportModel | undefined, fallback: string): string {
  const items = (model?.violations?.items ?? []).filter((v) => v.rule_instance_state !== 'ALLOWING')
  const first = items.find((v) => v.rule_instance_state === 'BLOCKING') ?? items[0]
  const text = first?.description ?? model?.reason ?? fallback
  return text
    .replace(/(^|\s)\/\S+?(:|\s|$)/g, '$1<path>$2')
    .replace(/\(found [^)]*\)/g, '(found …)')
    .replace(/'[^']*'|"[^"]*"|`[^`]*`/g, '…')
    .replace(/\b[\w.-]+\.(pkl|pt|bin|joblib|npy|npz|onnx|pb|json|gz|z|bz2|xz|lzma)\b/gi, '<file>')
    .replace(/\b\d+\b/g, 'N')
    .slice(0, 140)
}

async function scanCase(c: Case, index: number, ws: string, env: NodeJS.ProcessEnv): Promise<Result> {
  const target = join(SET, c.path)
  const report = join(ws, `report-${index}.json`)
  const t0 = Date.now()
  const r = await run(
    process.execPath,
    [
      CLI,
      'scan',
      target,
      '--engine',
      'builtin',
      '--policy',
      'policy.json',
      '--workspace',
      ws,
      '--report-file',
      report,
      '--sarif-file',
      join(ws, `sarif-${index}.json`),
      '--sbom-file',
      join(ws, `sbom-${index}.json`)
    ],
    env,
    ws
  )
  const ms = Date.now() - t0
  let model: ReportModel | undefined
  try {
    model = (JSON.parse(readFileSync(report, 'utf8')) as { models?: ReportModel[] }).models?.[0]
  } catch {
    model = undefined
  }
  for (const f of [report, join(ws, `sarif-${index}.json`), join(ws, `sbom-${index}.json`)])
    rmSync(f, { force: true })
  const blocking = (model?.violations?.items ?? []).filter((v) => v.rule_instance_state === 'BLOCKING')
  let outcome: Outcome
  if (r.exit === 0) outcome = 'pass'
  else if (!model) outcome = 'error'
  else if (r.exit === 2 || model.status === 'error') outcome = 'unverified'
  else outcome = blocking.length > 0 && blocking.every(isUnverifiable) ? 'unverified' : 'blocked'
  const fallback = model
    ? 'no finding'
    : `no report (exit ${r.exit}): ${r.stderr.trim().split('\n').pop() ?? ''}`
  const reasons = outcome === 'pass' ? [] : reasonsOf(model)
  if (outcome !== 'pass' && reasons.length === 0) reasons.push(fallback)
  const result: Result = {
    ...c,
    outcome,
    exit: r.exit,
    ms,
    reasons: reasons.slice(0, 3),
    reasonClass: outcome === 'pass' ? '' : reasonClass(model, fallback)
  }
  if (args.picklescan) {
    const root = resolve(args.picklescan)
    const src = existsSync(join(root, 'src', 'picklescan')) ? join(root, 'src') : root
    // as its console script does (`python -m picklescan` drops main()'s return and always exits 0):
    // 0 nothing dangerous found, 1 dangerous globals found, 2 scan error
    const entry = 'import sys; from picklescan.cli import main; sys.exit(main())'
    const p = await run('python3', ['-c', entry, '--path', target], { ...env, PYTHONPATH: src }, ws)
    result.picklescan = { exit: p.exit, pass: p.exit === 0 }
  }
  return result
}

async function pool<T, R>(items: T[], n: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length)
  let next = 0
  let done = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i]!, i)
      if (++done % 25 === 0 || done === items.length) process.stderr.write(`  ${done}/${items.length}\n`)
    }
  }
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker))
  return out
}

const pct = (a: number, b: number) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)} %`)

function summarise(results: Result[]): void {
  const benign = results.filter((r) => r.kind === 'benign' && !r.by_design)
  const byDesign = results.filter((r) => r.kind === 'benign' && r.by_design)
  const malicious = results.filter((r) => r.kind === 'malicious')
  const passed = (rs: Result[]) => rs.filter((r) => r.outcome === 'pass').length
  const count = (rs: Result[], o: Outcome) => rs.filter((r) => r.outcome === o).length
  console.log(`\nBuilt-in engine (${CLI}), format rule ALLOWING, set ${SET}`)
  console.log(
    `  benign passed ${passed(benign)} of ${benign.length} (${pct(passed(benign), benign.length)}); ` +
      `blocked ${count(benign, 'blocked')}, unverified ${count(benign, 'unverified')}, error ${count(benign, 'error')}`
  )
  console.log(
    `  benign by design unverifiable (encrypted, not a model): passed ${passed(byDesign)} of ${byDesign.length}`
  )
  const missed = malicious.filter((r) => r.outcome === 'pass')
  console.log(
    `  malicious passed ${missed.length} of ${malicious.length} ` +
      `(${missed.filter((r) => !r.inert).length} that can run code, ${missed.filter((r) => r.inert).length} inert)`
  )
  if (args.picklescan) {
    const ps = (rs: Result[]) => rs.filter((r) => r.picklescan?.pass).length
    console.log(
      `\npicklescan (${args.picklescan}): benign passed ${ps(benign)} of ${benign.length} ` +
        `(${pct(ps(benign), benign.length)}); malicious passed ${ps(malicious)} of ${malicious.length}`
    )
  }

  console.log('\nBenign by class (passed / total):')
  const classes = new Map<string, Result[]>()
  for (const r of benign) classes.set(r.class, [...(classes.get(r.class) ?? []), r])
  for (const [cls, rs] of [...classes].sort()) {
    const flag = passed(rs) < rs.length ? '  <-' : ''
    console.log(`  ${cls.padEnd(40)} ${String(passed(rs)).padStart(3)} / ${rs.length}${flag}`)
  }

  console.log('\nFailing benign cases, grouped by reason:')
  const groups = new Map<string, Result[]>()
  for (const r of benign.filter((x) => x.outcome !== 'pass')) {
    groups.set(r.reasonClass, [...(groups.get(r.reasonClass) ?? []), r])
  }
  for (const [cls, rs] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
    const kinds = [...new Set(rs.map((r) => r.class))].join(', ')
    console.log(`\n  [${rs.length}] ${cls}\n      classes: ${kinds}; outcome: ${rs[0]!.outcome}`)
    for (const r of rs.slice(0, 3)) console.log(`      ${r.path}\n        ${r.reasons[0] ?? ''}`)
    if (rs.length > 3) console.log(`      … and ${rs.length - 3} more`)
  }

  console.log(`\nMalicious cases that passed (must be none):${missed.length === 0 ? ' none' : ''}`)
  for (const r of missed) console.log(`  ${r.path}${r.inert ? ' (inert)' : ''}\n      ${r.reason}`)
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npm run build)`)
  let cases = loadCases()
  if (args.filter) cases = cases.filter((c) => c.path.includes(args.filter!))
  const ws = mkdtempSync(join(tmpdir(), 'precision-'))
  try {
    writeFileSync(
      join(ws, 'policy.json'),
      // Default LOCAL (src/gate/builtin-policy.ts) with the format rule reporting only
      JSON.stringify({ name: 'Precision: Default LOCAL, format reports only', rules: { FORMAT: 'ALLOWING' } })
    )
    const env: NodeJS.ProcessEnv = { ...process.env, RUNNER_TEMP: ws, NO_COLOR: '1' }
    for (const k of Object.keys(env)) if (/^(PANW_|MODEL_SECURITY_|TSG_ID$|GITHUB_)/.test(k)) delete env[k]
    process.stderr.write(`scanning ${cases.length} cases, ${CONCURRENCY} at a time\n`)
    const results = await pool(cases, CONCURRENCY, (c, i) => scanCase(c, i, ws, env))
    summarise(results)
    writeFileSync(
      OUT,
      JSON.stringify({ cli: CLI, set: SET, at: new Date().toISOString(), results }, null, 1) + '\n'
    )
    console.log(`\nresults: ${OUT}`)
  } finally {
    rmSync(ws, { recursive: true, force: true })
  }
}

await main()
