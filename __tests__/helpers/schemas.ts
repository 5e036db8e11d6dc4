import AjvDraft04Module from 'ajv-draft-04'
import Ajv2020Module from 'ajv/dist/2020.js'
import { _ } from 'ajv/dist/2020.js'
import standaloneCodeModule from 'ajv/dist/standalone/index.js'
import addFormatsModule from 'ajv-formats'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { SPEC_CACHE_VAR } from './global-setup.js'

/**
 * Validators for the files the action writes: SARIF against the official SARIF 2.1.0 schema (the rtm.5 file
 * GitHub's upload-sarif uses, vendored in __tests__/fixtures/sarif/), and the JSON report against its
 * published schema (schema/report.schema.json). Each returns the errors, empty when the document is valid.
 *
 * Compiling a schema costs CPU (SARIF's some 0.6 seconds, the report's 0.3), and every test file would do it
 * again: each is compiled when its validator is first called, and once per test run. The first file to compile
 * one writes ajv's own code for it (ajv's standalone output: the validation function `compile` builds, as
 * source) to the run's cache directory (global-setup.ts, AIRS_TEST_SPEC_CACHE), under the sha256 of the schema
 * and the options; the other files load that code. Without the cache directory every file compiles.
 */

// the packages are CommonJS: their classes sit on `default` under ESM
const unwrap = <T>(m: T): T => (m as { default?: T }).default ?? m
const AjvDraft04 = unwrap(AjvDraft04Module) as unknown as typeof AjvDraft04Module.default
const Ajv2020 = unwrap(Ajv2020Module) as unknown as typeof Ajv2020Module.default
const addFormats = unwrap(addFormatsModule) as unknown as (ajv: object) => void
const standaloneCode = unwrap(standaloneCodeModule) as unknown as typeof standaloneCodeModule.default

/** The repository's packages, for the requires of ajv's standalone code (ajv's runtime, ajv-formats). */
const repoRequire = createRequire(import.meta.url)
const AJV_VERSION = (repoRequire('ajv/package.json') as { version: string }).version

const text = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8')

type Validate = ReturnType<InstanceType<typeof Ajv2020>['compile']>
type AjvClass = typeof Ajv2020 | typeof AjvDraft04

/**
 * `schemaText` compiled by a new `Ajv` with ajv-formats and `options`, or the code an earlier file of this run
 * wrote for exactly that.
 */
function compileCached(Ajv: AjvClass, options: Record<string, unknown>, schemaText: string): Validate {
  const dir = process.env[SPEC_CACHE_VAR]
  const key = createHash('sha256')
    .update(JSON.stringify([AJV_VERSION, Ajv.name, options, schemaText]))
    .digest('hex')
  const file = dir && join(dir, `validator-${key}.cjs`)
  if (file && existsSync(file)) return load(readFileSync(file, 'utf8'))
  const ajv = new Ajv({
    ...options,
    code: {
      source: true,
      formats: _`require("ajv-formats/dist/formats").fullFormats`
    }
  })
  addFormats(ajv)
  const validate = ajv.compile(JSON.parse(schemaText) as object)
  if (file) {
    // written whole, then renamed: a file reading it at the same time sees all of it or none
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, standaloneCode(ajv, validate))
    renameSync(tmp, file)
  }
  return validate
}

/** ajv's standalone code (a CommonJS module) as a validation function. */
function load(code: string): Validate {
  const module = { exports: {} as { default?: Validate } }
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- ajv's own generated code, as ajv runs it
  new Function('module', 'exports', 'require', code)(module, module.exports, repoRequire)
  return module.exports.default ?? (module.exports as unknown as Validate)
}

/** A validator compiled on its first call. */
function lazy(compile: () => Validate): (doc: unknown) => string[] {
  let validate: Validate | undefined
  return (doc) => {
    validate ??= compile()
    return validate(doc)
      ? []
      : (validate.errors ?? [])
          .slice(0, 10)
          .map((e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}`)
  }
}

// unicodeRegExp off: the SARIF schema's `language` pattern (`…[a-zA-Z]{2}]?$`) is not a valid Unicode-mode regex
export const validateSarif = lazy(() =>
  compileCached(
    AjvDraft04,
    { strict: false, allErrors: true, unicodeRegExp: false },
    text('../fixtures/sarif/sarif-2.1.0-rtm.5.json')
  )
)

const REPORT_OPTIONS = { strict: false, allErrors: true }
const REPORT_TEXT = text('../../schema/report.schema.json')
export const REPORT_SCHEMA = JSON.parse(REPORT_TEXT) as Record<string, unknown>
export const validateReport = lazy(() => compileCached(Ajv2020, REPORT_OPTIONS, REPORT_TEXT))

// the in-toto Statement v1 (written from the spec text) and the attestation predicate's published schema
export const validateStatement = lazy(() =>
  compileCached(Ajv2020, REPORT_OPTIONS, text('../fixtures/in-toto/statement-v1.schema.json'))
)
export const validatePredicate = lazy(() =>
  compileCached(Ajv2020, REPORT_OPTIONS, text('../../docs/attestation-predicate.schema.json'))
)
