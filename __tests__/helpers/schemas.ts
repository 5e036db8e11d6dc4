import AjvDraft04Module from 'ajv-draft-04'
import Ajv2020Module from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { readFileSync } from 'node:fs'

/**
 * Validators for the files the action writes: SARIF against the official SARIF 2.1.0 schema (the rtm.5 file
 * GitHub's upload-sarif uses, vendored in __tests__/fixtures/sarif/), and the JSON report against its
 * published schema (schema/report.schema.json). Each returns the errors, empty when the document is valid.
 */

// the packages are CommonJS: their classes sit on `default` under ESM
const unwrap = <T>(m: T): T => (m as { default?: T }).default ?? m
const AjvDraft04 = unwrap(AjvDraft04Module) as unknown as typeof AjvDraft04Module.default
const Ajv2020 = unwrap(Ajv2020Module) as unknown as typeof Ajv2020Module.default
const addFormats = unwrap(addFormatsModule) as unknown as (ajv: object) => void

const json = (path: string) =>
  JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Record<string, unknown>

// unicodeRegExp off: the schema's `language` pattern (`…[a-zA-Z]{2}]?$`) is not a valid Unicode-mode regex
const sarifAjv = new AjvDraft04({ strict: false, allErrors: true, unicodeRegExp: false })
addFormats(sarifAjv)
const sarif = sarifAjv.compile(json('../fixtures/sarif/sarif-2.1.0-rtm.5.json'))

const reportAjv = new Ajv2020({ strict: false, allErrors: true })
addFormats(reportAjv)
export const REPORT_SCHEMA = json('../../schema/report.schema.json')
const report = reportAjv.compile(REPORT_SCHEMA)

type Validate = typeof sarif
const errorsOf = (validate: Validate, doc: unknown): string[] =>
  validate(doc)
    ? []
    : (validate.errors ?? [])
        .slice(0, 10)
        .map((e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}`)

export const validateSarif = (log: unknown): string[] => errorsOf(sarif, log)
export const validateReport = (doc: unknown): string[] => errorsOf(report, doc)

// the in-toto Statement v1 (written from the spec text) and the attestation predicate's published schema
const statement = reportAjv.compile(json('../fixtures/in-toto/statement-v1.schema.json'))
const predicate = reportAjv.compile(json('../../docs/attestation-predicate.schema.json'))
export const validateStatement = (doc: unknown): string[] => errorsOf(statement, doc)
export const validatePredicate = (doc: unknown): string[] => errorsOf(predicate, doc)
