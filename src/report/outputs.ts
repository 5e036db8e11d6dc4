import { overallOutcome } from '../gate/verdict.js'
import type { RunView } from './view.js'

/** What the publish stage wrote, as the outputs and the log name it. */
export interface WrittenFiles {
  /** where the JSON report was written; undefined if it could not be */
  report?: string
  /** where the SARIF log was written; undefined if it could not be */
  sarif?: string
  /** the CycloneDX ML-BOM */
  sbom?: string
  /** the attestation's predicate, in-toto statement and subject checksums (absent without a subject) */
  predicate?: string
  statement?: string
  checksums?: string
  /** the workflow artifact holding them, when it was uploaded */
  artifact?: UploadedArtifact
}

export interface UploadedArtifact {
  name: string
  id: number
  url: string
}

/** The step's outputs: small values only; per-model detail lives in the report files. */
export function gateOutputs(view: RunView, files: WrittenFiles): Record<string, string> {
  const { report } = view
  // the order the models were given in, which scripts rely on (the view's is by concern)
  const views = [...view.models].sort((a, b) => a.index - b.index)
  const sum = (f: (v: (typeof views)[number]) => number) => String(views.reduce((n, v) => n + f(v), 0))
  return {
    verdict: report.verdict,
    'eval-outcome': overallOutcome(
      report.models.map((m) => ({ status: m.status, outcome: m.scan?.eval_outcome }))
    ),
    'scan-uuid': views.flatMap((v) => (v.scanUuid ? [v.scanUuid] : [])).join('\n'),
    // one line per model, so line n is model n (a model not on Hugging Face has an empty line)
    'resolved-revision': report.models.some((m) => m.model.resolved_revision)
      ? [...report.models]
          .sort((a, b) => a.index - b.index)
          .map((m) => m.model.resolved_revision ?? '')
          .join('\n')
      : '',
    'rules-passed': sum((v) => v.rulesPassed),
    'rules-failed': sum((v) => v.rulesFailed),
    violations: sum((v) => v.violations),
    // models whose comparison with their previous scan found a change, and those ALLOWED then, BLOCKED now
    drifted: String(view.changes?.drifted ?? 0),
    'newly-blocked': String(view.changes?.newlyBlocked ?? 0),
    report: files.report ?? '',
    sarif: files.sarif ?? '',
    sbom: files.sbom ?? '',
    'attestation-predicate': files.predicate ?? '',
    'attestation-statement': files.statement ?? '',
    'attestation-checksums': files.checksums ?? '',
    'artifact-url': files.artifact?.url ?? '',
    'artifact-id': files.artifact ? String(files.artifact.id) : '',
    error: report.error?.code ?? report.models.find((m) => m.error)?.error?.code ?? ''
  }
}
