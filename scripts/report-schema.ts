import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { reportJsonSchema } from '../src/report/json-schema.js'

/** `npm run schema`: writes schema/report.schema.json, the JSON report's published schema (kept current by a test). */
const OUT = fileURLToPath(new URL('../schema/report.schema.json', import.meta.url))
writeFileSync(OUT, `${JSON.stringify(reportJsonSchema(), null, 2)}\n`)
