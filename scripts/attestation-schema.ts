import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { predicateJsonSchema } from '../src/report/attestation.js'

/**
 * `npx tsx scripts/attestation-schema.ts`: writes docs/attestation-predicate.schema.json, the published schema of
 * the attestation's predicate (kept current by a test).
 */
const OUT = fileURLToPath(new URL('../docs/attestation-predicate.schema.json', import.meta.url))
writeFileSync(OUT, `${JSON.stringify(predicateJsonSchema(), null, 2)}\n`)
