import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { GateReport } from '../../src/gate/result.js'

/**
 * Runs the bundled action (`node dist/index.js`) or CLI (`node dist/cli/index.js`) as a real process, the way
 * the runner does: inputs as `INPUT_<NAME>` variables (hyphens kept, so no shell may touch the environment),
 * a clean environment, and real GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files.
 */

export const DIST = fileURLToPath(new URL('../../dist/index.js', import.meta.url))
export const CLI = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url))

export interface DistResult {
  code: number
  stdout: string
  stderr: string
}

export function runProcess(
  script: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 60_000
): Promise<DistResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [script, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: timeoutMs, shell: false },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, stdout, stderr })
      }
    )
  })
}

export const inputEnv = (inputs: Record<string, string>) =>
  Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))

export function runDist(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  timeoutMs = 60_000
): Promise<DistResult> {
  return runProcess(DIST, [], { ...inputEnv(inputs), ...env }, timeoutMs)
}

export interface ActionRun extends DistResult {
  outputs: Record<string, string>
  summary: string
  /** the JSON report named by the `report` output, when it exists */
  report?: GateReport
  /** the SARIF log named by the `sarif` output, when it exists */
  sarif?: unknown
}

/** The action with the runner's files in a temporary directory; returns what it wrote there. */
export async function runAction(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  timeoutMs = 60_000
): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'airs-gate-test-'))
  try {
    const files = stepFiles(dir)
    const r = await runDist(inputs, { ...files.env, ...env }, timeoutMs)
    return readStepFiles(r, files)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

interface StepFiles {
  output: string
  summary: string
  /** what the runner sets for a step: these files, and `dir` as RUNNER_TEMP and GITHUB_WORKSPACE */
  env: Record<string, string>
}

/** Empty GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files in `dir`, as the runner makes them for a step. */
export function stepFiles(dir: string): StepFiles {
  const output = join(dir, 'output')
  const summary = join(dir, 'summary.md')
  writeFileSync(output, '')
  writeFileSync(summary, '')
  return {
    output,
    summary,
    env: { GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, RUNNER_TEMP: dir, GITHUB_WORKSPACE: dir }
  }
}

/** What a finished step wrote: its outputs, summary, and the report and SARIF files its outputs name. */
export function readStepFiles(r: DistResult, files: StepFiles): ActionRun {
  const outputs = parseOutputs(readFileSync(files.output, 'utf8'))
  const json = (path: string | undefined): unknown =>
    path && existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined
  const report = json(outputs.report) as GateReport | undefined
  const sarif = json(outputs.sarif)
  return {
    ...r,
    outputs,
    summary: readFileSync(files.summary, 'utf8'),
    ...(report && { report }),
    ...(sarif !== undefined && { sarif })
  }
}

/** `name<<DELIMITER\nvalue\nDELIMITER` blocks, as @actions/core writes GITHUB_OUTPUT. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of text.matchAll(/^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm)) out[m[1]!] = m[3]!
  return out
}
