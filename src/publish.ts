import type { Publishing } from './inputs.js'
import type { Locate } from './report/anchor.js'
import { annotationsFor, type Annotation } from './report/annotations.js'
import { attestationPredicate, attestationStatement, subjectChecksums } from './report/attestation.js'
import { mlBomJson } from './report/ml-bom.js'
import { sarifHelp } from './report/markdown.js'
import { gateOutputs, type UploadedArtifact, type WrittenFiles } from './report/outputs.js'
import { renderSarif } from './report/sarif.js'
import { renderSummary } from './report/summary.js'
import type { RunView } from './report/view.js'
import { writeConfined, type Env } from './util/confine.js'
import type { Logger } from './util/logger.js'
import { jobScopedName } from './util/text.js'

/**
 * The publish stage, shared by the action and the CLI: every target rendered from one view model, in a fixed
 * order (report files, their artifact, outputs, log, annotations, job summary, pull-request comment). The
 * caller says which surfaces it has. A target that cannot be written is a warning and never changes the
 * verdict; the step's status is set by the caller afterwards, from the same view.
 */

/** A file of the results artifact: a fixed name and the exact text written to its path. */
export interface ArtifactEntry {
  name: string
  text: string
}

/** The names the report and the SARIF log have inside the artifact (the default file names). */
export const ARTIFACT_FILES = {
  // what merge-reports finds in the legs' downloaded artifacts (gate/shard.ts, LEG_REPORT_FILE)
  report: 'report.json',
  sarif: 'results.sarif',
  sbom: 'ml-bom.cdx.json',
  predicate: 'attestation-predicate.json',
  statement: 'attestation.intoto.json',
  checksums: 'attestation-checksums.txt'
} as const

/** Where the run publishes: the action has every surface, the CLI its files and its terminal. */
export interface Surfaces {
  /** says that a target could not be written */
  logger: Logger
  /** the per-model report in the log (or on the terminal) */
  log: (view: RunView, files: WrittenFiles) => void
  /** keeps the report files past the runner; absent when the run cannot or should not */
  upload?: (files: readonly ArtifactEntry[]) => Promise<UploadedArtifact>
  outputs?: (values: Record<string, string>) => void
  annotate?: (annotations: readonly Annotation[]) => void
  summary?: (markdown: string) => Promise<unknown>
  comment?: (view: RunView, files: WrittenFiles) => Promise<void>
  /** the tracking issue (scheduled audits) */
  issue?: (view: RunView, files: WrittenFiles) => Promise<void>
}

export interface PublishContext {
  env: Env
  /** where findings point in the repository */
  locate: Locate
  /** the SARIF run's category (one per job and comment tag) */
  sarifCategory: string
}

export async function publish(
  view: RunView,
  publishing: Publishing,
  ctx: PublishContext,
  to: Surfaces
): Promise<WrittenFiles> {
  const stage = async (name: string, f: () => unknown): Promise<void> => {
    try {
      await f()
    } catch (e) {
      to.logger.warning(`The ${name} could not be written: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  const entries: ArtifactEntry[] = []
  /** writes `data()` (JSON, or text as it is); nothing when it gives undefined or an empty text */
  const write = async (file: string | undefined, what: string, name: string, data: () => unknown) => {
    if (!file) return undefined
    try {
      const value = data()
      if (value === undefined || value === '') return undefined
      const text = typeof value === 'string' ? value : `${JSON.stringify(value, null, 2)}\n`
      await writeConfined(file, text, ctx.env)
      entries.push({ name, text })
      return file
    } catch (e) {
      to.logger.warning(
        `The ${what} could not be written to ${file}: ${e instanceof Error ? e.message : String(e)}`
      )
      return undefined
    }
  }
  const report = await write(publishing.reportFile, 'JSON report', ARTIFACT_FILES.report, () => view.report)
  const sarif = await write(publishing.sarifFile, 'SARIF log', ARTIFACT_FILES.sarif, () =>
    renderSarif(view, { locate: ctx.locate, category: ctx.sarifCategory, helpMarkdown: sarifHelp })
  )
  const sbom = await write(publishing.sbomFile, 'ML-BOM', ARTIFACT_FILES.sbom, () => mlBomJson(view.report))
  // the predicate always; the statement and the checksums only when a model is a subject (a file digest or
  // a Hugging Face commit), so an empty file never reaches actions/attest
  const { attestation = {} } = publishing
  const predicate = await write(
    attestation.predicate,
    'attestation predicate',
    ARTIFACT_FILES.predicate,
    () => attestationPredicate(view.report)
  )
  const statement = await write(attestation.statement, 'in-toto statement', ARTIFACT_FILES.statement, () =>
    attestationStatement(view.report)
  )
  const checksums = await write(attestation.checksums, 'subject checksums', ARTIFACT_FILES.checksums, () =>
    subjectChecksums(view.report)
  )
  let artifact: UploadedArtifact | undefined
  if (to.upload && entries.length > 0) {
    try {
      artifact = await to.upload(entries)
    } catch (e) {
      to.logger.warning(
        `The report was not uploaded as an artifact: ${e instanceof Error ? e.message : String(e)}`
      )
    }
  }
  const files: WrittenFiles = {
    ...(report && { report }),
    ...(sarif && { sarif }),
    ...(sbom && { sbom }),
    ...(predicate && { predicate }),
    ...(statement && { statement }),
    ...(checksums && { checksums }),
    ...(artifact && { artifact })
  }

  // outputs are what later steps script against: failing to set them fails the step (not a courtesy)
  to.outputs?.(gateOutputs(view, files))
  await stage('log', () => to.log(view, files))
  const { reporting } = publishing
  const { annotate, summary, comment } = to
  if (reporting.annotations && annotate)
    await stage('annotations', () => annotate(annotationsFor(view.models, ctx.locate)))
  if (reporting.jobSummary && summary)
    await stage('job summary', () =>
      summary(
        renderSummary(view, {
          ...(report && { reportFile: report }),
          ...(artifact && { artifactUrl: artifact.url }),
          ...(reporting.consoleUrl && { consoleUrl: reporting.consoleUrl })
        })
      )
    )
  // a shard's leg sees part of the models: the merge job comments and keeps the issue, for all of them
  if (view.report.shard) {
    if (comment || to.issue)
      to.logger.info(
        `Shard ${view.report.shard.index}/${view.report.shard.count}: no pull-request comment or tracking issue from a leg; the merge-reports step writes them for every model.`
      )
    return files
  }
  if (comment) await stage('pull-request comment', () => comment(view, files))
  if (to.issue) {
    const { issue } = to
    await stage('tracking issue', () => issue(view, files))
  }
  return files
}

/** One code-scanning category per job and comment tag, so matrix legs do not replace each other's results. */
export function sarifCategory(env: Env, commentTag: string): string {
  return jobScopedName(env.GITHUB_JOB, commentTag, '/')
}
