import { mkdir, stat, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

/** Writes a JSON file (the report: GateReportSchema, `schema_version`; the SARIF log), creating its folder. */
export async function writeJson(path: string, data: unknown): Promise<void> {
  await makeDirectory(dirname(path))
  await writeFile(path, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o644 })
}

/**
 * `mkdir -p`, one level at a time. Node's `mkdir(..., {recursive: true})` never returns for some paths on
 * pseudo file systems (e.g. /proc/x/y on Linux), which would hang the step; this fails with an error instead.
 */
async function makeDirectory(dir: string): Promise<void> {
  const missing: string[] = []
  for (let d = dir; ; d = dirname(d)) {
    try {
      if (!(await stat(d)).isDirectory()) throw new Error(`${d} is not a directory`)
      break
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(d) === d) throw e
      missing.unshift(d)
    }
  }
  for (const d of missing)
    await mkdir(d).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e
    })
}
