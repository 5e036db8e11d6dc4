import { ModelSecurityClient } from '../src/airs/client.js'
import type { Scan } from '../src/airs/schemas/data-plane.js'
import { startSimulator } from '../sim/server.js'

/**
 * `npm run demo`: the Model Security API client end to end against the built-in simulator, no credentials
 * needed. Two Hugging Face models are scanned against the tenant's default group: DialoGPT-medium (the real
 * BLOCKED verdict, reproduced) and a clean model. Each scan is polled until it settles, then every rule
 * evaluation, violation and file is collected.
 */

const sim = await startSimulator({ settleMs: 1200 })
const client = new ModelSecurityClient({ env: sim.env() })
const started = Date.now()
const t = () => `${((Date.now() - started) / 1000).toFixed(1)}s`

async function settle(uuid: string): Promise<Scan> {
  let delay = 200
  for (;;) {
    const scan = await client.scans.get(uuid)
    if (scan.eval_outcome !== 'PENDING') return scan
    console.log(`  [${t()}] ${uuid} still PENDING; next check in ${delay} ms`)
    await new Promise((r) => setTimeout(r, delay))
    delay = Math.min(delay * 2, 2000)
  }
}

try {
  const [group] = await client.securityGroups.findByName('Default HUGGING_FACE')
  if (!group) throw new Error('the default Hugging Face group is missing')
  console.log(`AIRS simulator at ${sim.url}; security group "${group.name}" (${group.uuid})\n`)

  for (const model of [
    'https://huggingface.co/microsoft/DialoGPT-medium',
    'https://huggingface.co/airs-sim/clean-model'
  ]) {
    console.log(`Scanning ${model}`)
    const created = await client.scans.create({
      model_uri: model,
      security_group_uuid: group.uuid,
      scan_origin: 'MODEL_SECURITY_API',
      labels: [{ key: 'pipeline', value: 'demo' }]
    })
    const scan = await settle(created.uuid)
    const [evaluations, violations, files] = await Promise.all([
      client.scans.allEvaluations(scan.uuid),
      client.scans.allViolations(scan.uuid),
      client.scans.allFiles(scan.uuid, { recursive: true })
    ])
    const s = scan.eval_summary
    console.log(
      `  [${t()}] ${scan.eval_outcome}: ${s?.rules_passed ?? 0} rules passed, ${s?.rules_failed ?? 0} failed of ${s?.total_rules ?? 0}`
    )
    for (const e of evaluations.items.filter((x) => x.result !== 'PASSED')) {
      console.log(
        `    ${e.result} ${e.rule_name} (${e.rule_instance_state}, ${e.violation_count} violations)`
      )
    }
    for (const v of violations.items) console.log(`      - ${v.file ?? '(model)'}: ${v.description}`)
    const failed = files.items.filter((f) => f.result === 'FAILED').map((f) => f.path)
    console.log(
      `    ${files.items.length} files, ${failed.length} failed${failed.length ? `: ${failed.join(', ')}` : ''}\n`
    )
  }
} finally {
  await client.close()
  await sim.close()
}
