import type { ModelSecurityClientOptions } from '../airs/client.js'
import { isAirsError } from '../airs/airs-error.js'
import { AirsSession } from '../airs/session.js'
import type { ScannerChoice } from '../scanner/prepare-scanner.js'
import type { Env } from '../util/confine.js'
import type { Logger } from '../util/logger.js'
import { inputError } from '../util/gate-error.js'
import { plainText } from '../util/text.js'
import { describeFailure } from './describe-failure.js'
import type { GateErrorInfo, GateReport } from './result.js'
import type { EnginePolicy, PolicyFile } from './builtin-policy.js'
import type { RunSettings } from './run-gate.js'
import type { VerifySettings } from './verify-run.js'
import type { ReportFile } from './merge-reports.js'
import type { Shard } from './shard.js'
import type { InventoryAudit } from './inventory-audit.js'

/**
 * The gate stage: the models of a step, scanned by the AIRS service or the built-in engine, to a report.
 * Never throws: a failure at any point becomes the report's error, so that everything is still published
 * before the step fails.
 *
 * Each path is loaded only when a run takes it (`import()`, a chunk of its own in dist/). The service's path
 * signs in first and loads second, so the token's round trip hides the parsing of the API's schemas and the
 * rest of the gate (docs/architecture.md, "Cold start").
 */

export const ENGINE_CHOICES = ['airs', 'builtin', 'auto'] as const
export type EngineChoice = (typeof ENGINE_CHOICES)[number]

/** Everything the gate needs, read and checked from the step's inputs (inputs.ts) before any request. */
export interface GateInputs {
  run: RunSettings
  client: Omit<ModelSecurityClientOptions, 'logger' | 'onSecret'>
  /** how models that are scanned on the runner get their scanner (local and object-storage sources) */
  scanner: ScannerChoice
  /** who decides: the AIRS service, the built-in engine, or AIRS when credentials are present */
  engine: EngineChoice
  /** the built-in engine's policy file, read but not yet parsed; without one, the Default LOCAL equivalent */
  policy?: PolicyFile
  /** verify-report: check the models against an earlier run's report instead of scanning them */
  verify?: VerifySettings
  /** models-file, read but not yet parsed: more models, each with settings of its own */
  manifest?: { file: string; text: string }
  /** `shard`: gate only this part of the models */
  shard?: Shard
  /** merge-reports: the reports of a matrix's legs, read but not yet parsed; no model is scanned */
  merge?: ReportFile[]
  /** `audit: inventory`: the tenant's model inventory judged from the service's records, no model given */
  audit?: InventoryAudit
  /** local models may be anywhere readable (the CLI), not only in the workspace */
  anywhere?: boolean
}

export interface GateIo {
  logger: Logger
  /** called with every secret the client learns (a token), so the caller can mask it in the log */
  onSecret: (secret: string) => void
  env: Env
  /** the run the report belongs to (repository, commit, workflow), recorded in the report */
  context?: GateReport['context']
}

/** What the log, summary and report say when engine: auto falls back. */
export const AUTO_FALLBACK =
  'No AIRS credentials: the built-in engine decided (engine: auto). It inspects local files offline against the policy; it is not the AIRS service. Add client-id, client-secret and tsg-id to scan with AIRS.'

/** The gate's inputs when every input was good, else the first bad input (then the run fails on it). */
export type GateStep = { gate: GateInputs; error?: never } | { gate?: never; error: unknown }

export async function gateModels(step: GateStep, io: GateIo): Promise<GateReport> {
  const started = Date.now()
  const report = step.gate
    ? await decide(step.gate, io)
    : await failedRun(describeFailure(step.error), started)
  return io.context ? { ...report, context: io.context } : report
}

async function decide(inputs: GateInputs, io: GateIo): Promise<GateReport> {
  const started = Date.now()
  try {
    // merge-reports: the legs of a matrix scanned; this run only puts their reports together
    if (inputs.merge) return (await import('./merge-reports.js')).mergeReports(inputs.merge)
    // a policy file and a manifest are checked whichever engine decides, like every input: before any request
    const policy = inputs.policy && (await checkedPolicy(inputs.policy))
    if (inputs.manifest) inputs = await withManifest(inputs, inputs.manifest, io.env)
    if (!inputs.shard) return await gateWith(inputs, policy, io)
    const { listDigest, shardModels } = await import('./shard.js')
    const all = inputs.run.models.length
    const shard = { ...inputs.shard, models: all, list_sha256: listDigest(inputs.run.models) }
    const models = shardModels(inputs.run.models, inputs.shard)
    io.logger.info(`Shard ${shard.index}/${shard.count}: ${models.length} of ${all} models.`)
    // more legs than models: this leg has none, and the merge knows it should have none
    const report =
      models.length === 0
        ? await emptyShard(inputs, started)
        : await gateWith({ ...inputs, run: { ...inputs.run, models } }, policy, io)
    return { ...report, shard }
  } catch (e) {
    const failed = await failedRun(describeFailure(e), started)
    // a leg that failed (a bad models file) is still a leg: no comment or issue of its own, and the merge sees
    // which shard failed; its list is unknown, so the merge cannot take it for a whole leg
    return inputs.shard
      ? {
          ...failed,
          shard: { ...inputs.shard, models: inputs.run.models.length, list_sha256: '0'.repeat(64) }
        }
      : failed
  }
}

/** The models through the built-in engine or the AIRS service. */
async function gateWith(
  inputs: GateInputs,
  policy: EnginePolicy | undefined,
  io: GateIo
): Promise<GateReport> {
  const session = inputs.engine === 'builtin' ? undefined : airsSession(inputs, io)
  if (!session) {
    const { runBuiltin } = await import('./scan-builtin.js')
    return await runBuiltin(
      {
        models: inputs.run.models,
        policy: policy || (await checkedPolicy(undefined)),
        mode: inputs.run.mode,
        onError: inputs.run.onError,
        timeoutMs: inputs.run.timeoutMs,
        concurrency: inputs.run.concurrency,
        ...(inputs.engine === 'auto' && { fallback: AUTO_FALLBACK })
      },
      io.logger
    )
  }
  try {
    session.signIn()
    const { gateWithService } = await import('./service-run.js')
    return await gateWithService(inputs, session, io)
  } finally {
    await session.close()
  }
}

/** A shard with no models (more legs than models): nothing to verify here, and nothing signed in for. */
async function emptyShard(inputs: GateInputs, started: number): Promise<GateReport> {
  const { gateReport, reportSettings } = await import('./result.js')
  return gateReport({
    started,
    finished: Date.now(),
    settings: reportSettings(inputs.run),
    verdict: 'pass',
    models: []
  })
}

/** The policy file parsed and checked, as an input: a problem with it is INVALID_INPUT naming `policy`. */
async function checkedPolicy(file: PolicyFile | undefined): Promise<EnginePolicy> {
  const { loadPolicy } = await import('./builtin-policy.js')
  try {
    return await loadPolicy(file)
  } catch (e) {
    throw inputError('policy', plainText((e as Error).message, 400))
  }
}

/** The inputs with the manifest's models after model-uri's, the whole set checked again. */
async function withManifest(
  inputs: GateInputs,
  manifest: NonNullable<GateInputs['manifest']>,
  env: Env
): Promise<GateInputs> {
  const [{ parseManifest }, { checkModelSet }] = await Promise.all([
    import('./model-manifest.js'),
    import('./model-set.js')
  ])
  const workspace = env.GITHUB_WORKSPACE || process.cwd()
  const listed = parseManifest(manifest.text, manifest.file, {
    workspace,
    anywhere: inputs.anywhere === true
  })
  const given = new Set(inputs.run.models.map((m) => `${m.modelUri}@${m.revision ?? ''}`))
  const again = listed.find((m) => given.has(`${m.modelUri}@${m.revision ?? ''}`))
  if (again)
    throw inputError(
      'models-file',
      `${manifest.file}: ${plainText(again.input, 200)} is also in model-uri; list it once.`
    )
  const models = [...inputs.run.models, ...listed]
  checkModelSet(models, inputs.run, { engine: inputs.engine, env })
  return { ...inputs, run: { ...inputs.run, models } }
}

/** A run that stopped before any model was scanned (bad inputs, configuration): always a failure. */
async function failedRun(error: GateErrorInfo, started: number): Promise<GateReport> {
  const { gateReport, NO_RUN_SETTINGS } = await import('./result.js')
  return gateReport({
    started,
    finished: Date.now(),
    settings: NO_RUN_SETTINGS,
    verdict: 'fail',
    error,
    models: []
  })
}

/**
 * A session with the service, or undefined when engine: auto finds no credentials (the built-in engine
 * decides). With engine: airs, missing credentials are an error like any other.
 */
function airsSession(inputs: GateInputs, io: GateIo): AirsSession | undefined {
  try {
    return new AirsSession({ ...inputs.client, logger: io.logger, onSecret: io.onSecret })
  } catch (e) {
    // only no credentials at all means "no AIRS here"; a half-configured tenant is a mistake to report
    if (
      inputs.engine === 'auto' &&
      isAirsError(e) &&
      e.kind === 'MISSING_VARIABLE' &&
      !anyCredential(inputs, io.env)
    )
      return undefined
    throw e
  }
}

/** Whether any AIRS credential is given, as an input or in the environment variables the client reads. */
function anyCredential(inputs: GateInputs, env: Env): boolean {
  const c = inputs.client
  if (c.clientId || c.clientSecret || c.tsgId) return true
  return Object.entries(env).some(
    ([k, v]) =>
      !!v?.trim() &&
      /^(?:PANW_MODEL_SEC_|PANW_MGMT_)(?:CLIENT_ID|CLIENT_SECRET|TSG_ID)$|^MODEL_SECURITY_CLIENT_(?:ID|SECRET)$|^TSG_ID$/.test(
        k
      )
  )
}
