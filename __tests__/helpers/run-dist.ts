import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/**
 * Runs the bundled action (`node dist/index.js`) as a real process, the way the runner does: inputs as
 * `INPUT_<NAME>` variables (hyphens kept, so no shell may touch the environment) and a clean environment.
 */

export const DIST = fileURLToPath(new URL('../../dist/index.js', import.meta.url))

export interface DistResult {
  code: number
  stdout: string
  stderr: string
}

export function runDist(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  timeoutMs = 60_000
): Promise<DistResult> {
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [DIST],
      { env: { PATH: process.env.PATH ?? '', ...inputEnv, ...env }, timeout: timeoutMs, shell: false },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, stdout, stderr })
      }
    )
  })
}
