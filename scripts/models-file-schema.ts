import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { manifestJsonSchema } from '../src/gate/model-manifest.js'

/**
 * `npx tsx scripts/models-file-schema.ts`: writes docs/models-file.schema.json, the published schema of the
 * models-file manifest (kept current by a test).
 */
const OUT = fileURLToPath(new URL('../docs/models-file.schema.json', import.meta.url))
writeFileSync(OUT, `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`)
