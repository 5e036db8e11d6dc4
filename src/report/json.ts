import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { GateReport } from '../gate/result.js'

/** Writes the JSON report (schema: GateReportSchema, `schema_version`). */
export async function writeReport(path: string, report: GateReport): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`, { mode: 0o644 })
}
