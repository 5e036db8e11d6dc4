import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startSimulator } from '../sim/server.js'

/**
 * `npm run demo`: the bundled action (`node dist/index.js`, exactly what a runner executes) end to end
 * against the built-in simulator, no credentials needed. The step gates two Hugging Face models:
 * microsoft/DialoGPT-medium (the real service's BLOCKED verdict, reproduced) and a clean model. The action
 * must fail the step because of the blocked model; the demo shows its log, outputs and job summary, and exits
 * non-zero only if the action did not behave.
 */

const DIST = fileURLToPath(new URL('../dist/index.js', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'airs-gate-demo-'))
const files = { output: join(dir, 'output'), summary: join(dir, 'summary.md') }
for (const f of Object.values(files)) writeFileSync(f, '')

const sim = await startSimulator({ settleMs: 1200 })
const inputs = {
  'model-uri':
    'https://huggingface.co/microsoft/DialoGPT-medium\nhttps://huggingface.co/airs-sim/clean-model',
  labels: 'team=ml-platform\nstage=demo'
}
const env = {
  PATH: process.env.PATH ?? '',
  ...sim.env(),
  ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  GITHUB_OUTPUT: files.output,
  GITHUB_STEP_SUMMARY: files.summary,
  RUNNER_TEMP: dir,
  GITHUB_ACTIONS: 'true',
  GITHUB_REPOSITORY: 'octo-org/models',
  GITHUB_REF_NAME: 'main',
  GITHUB_SHA: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
  GITHUB_WORKFLOW: 'model-gate',
  GITHUB_RUN_ID: '1',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_EVENT_NAME: 'pull_request'
}

const rule = (title: string) => console.log(`\n──── ${title} ${'─'.repeat(Math.max(0, 70 - title.length))}`)
try {
  console.log(`AIRS simulator at ${sim.url}; running: node dist/index.js`)
  const code = await new Promise<number>((resolve) => {
    const child = execFile(process.execPath, [DIST], { env, shell: false }, (e) =>
      resolve(e ? (typeof e.code === 'number' ? e.code : 1) : 0)
    )
    child.stdout?.pipe(process.stdout)
    child.stderr?.pipe(process.stderr)
  })
  rule('step outputs')
  const outputs = parseOutputs(readFileSync(files.output, 'utf8'))
  for (const [k, v] of Object.entries(outputs)) console.log(`${k}: ${v.replace(/\n/g, ' ')}`)
  rule('job summary (Markdown)')
  console.log(readFileSync(files.summary, 'utf8'))
  rule('result')
  const ok = code === 1 && outputs.verdict === 'fail' && outputs['eval-outcome'] === 'BLOCKED'
  console.log(
    ok
      ? 'The action failed the step (exit 1): DialoGPT-medium is BLOCKED by the default Hugging Face policy, as the real service decides. That is the gate working.'
      : `Unexpected: exit ${code}, verdict ${outputs.verdict}, eval-outcome ${outputs['eval-outcome']}.`
  )
  process.exitCode = ok ? 0 : 1
} finally {
  await sim.close()
  rmSync(dir, { recursive: true, force: true })
}

/** `name<<DELIM\nvalue\nDELIM` blocks, as @actions/core writes GITHUB_OUTPUT. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const re = /^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!
  return out
}
