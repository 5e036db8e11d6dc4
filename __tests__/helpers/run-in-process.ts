import * as core from '@actions/core'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run } from '../../src/main.js'
import { inputEnv, readStepFiles, stepFiles, type ActionRun } from './run-dist.js'

/**
 * The action's entry point (`run()` of src/main.ts, which dist/index.js calls) inside the test process, the way
 * runAction() runs the bundle: inputs as `INPUT_<NAME>` variables in an environment of exactly what is given,
 * real GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and what it prints and its exit code collected. For tables
 * of many cells, where a process per cell costs half a CPU second; such a table runs a sample of its cells
 * through dist/ (runAction) too.
 *
 * `run()` reads process.env and prints to process.stdout, so runs are serialised: one at a time, each with the
 * process's environment, standard streams and exit code swapped in, and restored after.
 */

let queue: Promise<unknown> = Promise.resolve()

export function runActionInProcess(
  inputs: Record<string, string>,
  env: Record<string, string> = {}
): Promise<ActionRun> {
  const next = queue.then(() => once(inputs, env))
  queue = next.catch(() => undefined)
  return next
}

async function once(inputs: Record<string, string>, env: Record<string, string>): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'airs-gate-inproc-'))
  const saved = {
    env: process.env,
    exitCode: process.exitCode,
    out: process.stdout.write,
    err: process.stderr.write
  }
  try {
    const files = stepFiles(dir)
    const printed = { stdout: '', stderr: '' }
    const capture =
      (stream: keyof typeof printed) =>
      (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
        printed[stream] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
        ;(rest.find((r) => typeof r === 'function') as (() => void) | undefined)?.()
        return true
      }
    process.env = { PATH: saved.env.PATH ?? '', ...inputEnv(inputs), ...files.env, ...env }
    process.exitCode = undefined
    // core.summary keeps the path of the file it first wrote to: each run has its own
    Object.assign(core.summary, { _filePath: undefined })
    core.summary.emptyBuffer()
    process.stdout.write = capture('stdout')
    process.stderr.write = capture('stderr')
    let code: number
    try {
      await run()
    } finally {
      process.stdout.write = saved.out
      process.stderr.write = saved.err
      code = Number(process.exitCode ?? 0)
      process.exitCode = saved.exitCode
      process.env = saved.env
    }
    return readStepFiles({ code, ...printed }, files)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
