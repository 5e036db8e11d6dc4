import { describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { request } from 'undici'

/** `npm run sim`: the simulator as a process another program can use. */

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

function startCli(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sim/cli.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr.on('data', (d: Buffer) => (err += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const firstLine = new Promise<string>((resolve, reject) => {
    const check = () => {
      if (out.includes('\n')) resolve(out.split('\n')[0]!)
    }
    child.stdout.on('data', check)
    void exited.then(() =>
      out.includes('\n') ? resolve(out.split('\n')[0]!) : reject(new Error(`exited: ${err}`))
    )
  })
  // a test that only waits for the exit does not read the first line
  firstLine.catch(() => undefined)
  return { child, firstLine, exited, stderr: () => err }
}

describe('simulator CLI', () => {
  it('prints the environment as JSON and serves until stopped', async () => {
    const cli = startCli([
      '--json',
      '--settle-ms',
      '0',
      '--error-style',
      'fastapi',
      '--client-secret',
      'cli-secret-123'
    ])
    const env = JSON.parse(await cli.firstLine) as Record<string, string>
    expect(env.PANW_MODEL_SEC_CLIENT_SECRET).toBe('cli-secret-123')
    expect(env.PANW_MODEL_SEC_DATA_ENDPOINT).toBe(`${env.url}/aims/data`)
    const health = await request(`${env.url}/__sim/health`)
    expect(await health.body.json()).toEqual({ ok: true })
    const unknown = await request(`${env.url}/aims/data/v1/scans`)
    expect(await unknown.body.json()).toEqual({ detail: 'Missing bearer token' })
    cli.child.kill('SIGTERM')
    expect(await cli.exited).toBe(0)
  })

  it('refuses an unknown option value with a clear message', async () => {
    const cli = startCli(['--list-totals', 'sometimes'])
    expect(await cli.exited).not.toBe(0)
    expect(cli.stderr().trim()).toBe('airs-sim: --list-totals must be one of exact, unknown, capped')
  })
})
