// Generated from action.yml by scripts/input-docs.ts (`npm run input-docs`); do not edit.

/** Each input of the action: its description and its default, as action.yml states them. */
export const INPUT_DOCS: Readonly<Record<string, { description: string; default?: string }>> = {
  'model-uri': {
    description:
      'The model to gate, one per line for several: a Hugging Face model (https://huggingface.co/<org>/<model>, hf://<org>/<model>, optionally @<revision> or /tree/<revision>), which the service scans; or a path inside the workspace, s3://, gs://, an Azure Blob URL (or az://), Artifactory or GitLab model registry URL, which the official model-security-client scans on the runner (it needs Python 3.11 to 3.13). Required unless models-file lists the models.'
  },
  'models-file': {
    description:
      "A manifest of models to gate (YAML or JSON, in the workspace): `models:` a list of entries with `uri` and optional `security-group`, `labels`, `mode`, `allow-patterns`, `ignore-patterns`, `owner` and `mention`, each taking the place of the step's input for that model. Checked whole before any request; a problem names the file and line. With it, `model-uri` may be empty. Format: docs/models-file.md."
  },
  shard: {
    description:
      'Gate one part of the models, for a matrix (e.g. `${{ matrix.shard }}/4`): of the whole list (model-uri, then models-file), this leg takes every n-th model starting with the i-th. Each leg uploads its report; a last job merges them with `merge-reports`.'
  },
  'merge-reports': {
    description:
      "Merge instead of scanning: the JSON reports of a matrix's legs, one file or folder per line (a folder is searched for `report.json`, as the legs' downloaded artifacts hold them). The step publishes one summary, SARIF log, report, outputs and tracking issue for all of them, and fails when a shard is missing or given twice, or the reports are not of one run (`INCOMPLETE_MERGE`)."
  },
  audit: {
    description:
      "`inventory`: audit the tenant's whole model inventory without scanning, from the service's record of each model's latest version: a latest outcome other than ALLOWED, or a latest scan older than `max-age`, does not pass. No model-uri or models-file beside it; AIRS only."
  },
  'rescan-stale': {
    description:
      'With `audit: inventory` (`true` or `false`): scan the stale Hugging Face models again, at the commit the inventory recorded, and judge them on that scan.',
    default: 'false'
  },
  'security-group': {
    description:
      'Security group (scan policy) to evaluate against: its UUID or its exact name. Default: the tenant\'s default group for the model\'s source, e.g. "Default HUGGING_FACE".'
  },
  engine: {
    description:
      'Who decides: airs (the Prisma AIRS service, default), builtin (the built-in offline engine: local models only, no credentials, nothing sent anywhere), or auto (AIRS when credentials are present, otherwise the built-in engine, with a warning in the log and the summary).',
    default: 'airs'
  },
  policy: {
    description:
      "The built-in engine's policy: a JSON or YAML file in the workspace with rule states (BLOCKING, ALLOWING, DISABLED), approved_formats, approved_licenses and allowed_globals. Default: the service's Default LOCAL group."
  },
  labels: {
    description:
      'Labels for the scan: one key=value per line, or a JSON array of {"key": ..., "value": ...}. Keys and values use letters, digits, "_" and "-" only (no dots); at most 49 labels including automatic ones.'
  },
  'auto-labels': {
    description:
      'Add labels describing the run (ci-system, ci-repository, ci-ref, ci-sha, ci-workflow, ci-run-id, ci-run-attempt, ci-event). Your own labels win on the same key.',
    default: 'true'
  },
  mode: {
    description: '`enforce` fails the step when a model is BLOCKED; `warn` only warns.',
    default: 'enforce'
  },
  'on-error': {
    description:
      'What happens when a model could not be verified (scan ERROR, timeout, unknown outcome, API or authentication failure): `fail` (default) or `warn`. Invalid inputs always fail.',
    default: 'fail'
  },
  timeout: {
    description: "Longest wait for one model's verdict, creation included, e.g. `90s`, `20m`, `1h`.",
    default: '15m'
  },
  'poll-interval': {
    description:
      'First interval between status checks; later ones grow with the time waited (up to `poll-max-interval`).',
    default: '500ms'
  },
  'poll-max-interval': {
    description:
      'Longest interval between status checks, e.g. `5s` (1 s to 5 min, shorter than `timeout`); left at the default, a longer `poll-interval` raises it. A service that asks to wait longer (`Retry-After`) is obeyed.',
    default: '5s'
  },
  concurrency: {
    description: 'How many models are scanned at once (1 to 32).',
    default: '4'
  },
  'allow-patterns': {
    description: 'Only scan files matching these glob patterns (one per line or comma-separated).'
  },
  'ignore-patterns': {
    description: 'Skip files matching these glob patterns (one per line or comma-separated).'
  },
  'model-name': {
    description: 'Model name recorded with the scan (one model only).'
  },
  'model-author': {
    description: 'Model author recorded with the scan (one model only).'
  },
  'model-version': {
    description:
      'Model version recorded with the scan (one model only); for Hugging Face, the revision to scan (a commit SHA pins it). Same as a revision in model-uri.'
  },
  'pin-revision': {
    description:
      "Pin each Hugging Face model to a commit before scanning (`true` or `false`): its revision (a branch, a tag, or the default branch) is resolved through the Hub's API (`HF_ENDPOINT`, `HF_TOKEN` for gated or private models) and that exact commit is scanned; the `resolved-revision` output names it. A model that cannot be pinned is not verified (REVISION_UNRESOLVED). `false` scans the revision as given.",
    default: 'true'
  },
  reuse: {
    description:
      'Reuse a recent scan instead of creating one (e.g. `24h`, `7d`; default off): when a scan the gate made of the same Hugging Face commit or the same local files, with the same allow and ignore patterns, settled within this window in the same security group under the same policy generation, its results are judged again and no scan is created. Never for a moving revision (without pin-revision), object storage, a changed policy or a result that was not complete.'
  },
  drift: {
    description:
      'Compare each model with its previous scan in the service (`true` or `false`): the newest earlier scan the gate made of the same model in the same security group. The summary says what changed first (an outcome that flipped, violations added and resolved, a new upstream commit, changed files, a new policy generation); the JSON report has it per model; the `drifted` and `newly-blocked` outputs count it. Drift never changes the verdict.',
    default: 'true'
  },
  'verify-report': {
    description:
      'Verify instead of scanning (the promotion step): the JSON report of an earlier gate run (its `report` output, e.g. passed on as an artifact). Each model of model-uri must be the artifact that report allowed: a local model is hashed again and must have the recorded digest; a Hugging Face revision is resolved again and must be the scanned commit; with security-group set, the scan must have used it. `verdict` is pass or fail; anything not verified fails the step.'
  },
  'max-age': {
    description:
      "How old a scan may be (e.g. 24h, 30d): with verify-report, the report's scan must be younger; with `audit: inventory`, a model whose latest scan is older is stale (`STALE_SCAN`) and does not pass."
  },
  'scan-origin': {
    description:
      'scan_origin sent with the scan (MODEL_SECURITY_API, MODEL_SECURITY_SDK, MODEL_SECURITY_FRONTEND or HUGGING_FACE); by default the service decides. Scans made on the runner are always MODEL_SECURITY_SDK.'
  },
  'scanner-version': {
    description:
      'Exact version of the official model-security-client installed to scan local and object-storage models, from the private package index only.',
    default: '1.1.2'
  },
  'scanner-requirements': {
    description:
      'A hash-pinned requirements file (relative to the workspace; keep it on a reviewed branch) to install the client from instead. Only `name==version --hash=sha256:...` lines and comments are accepted (the output of pip-compile --generate-hashes --no-emit-options); pip options, URLs and paths are refused. It must pin model-security-client at scanner-version.'
  },
  python: {
    description:
      'The Python interpreter for the client (3.11 to 3.13). Default: python3, then python, on PATH; use actions/setup-python before this step.'
  },
  'report-file': {
    description:
      "Where to write the JSON report with every scan's full results (relative to the workspace; it must stay in the workspace or RUNNER_TEMP and is never written through a symbolic link). Default: a file under RUNNER_TEMP; its path is the `report` output."
  },
  'sarif-file': {
    description:
      'Where to write the SARIF 2.1.0 log for GitHub code scanning (relative to the workspace; same rules as report-file). Default: a file under RUNNER_TEMP; its path is the `sarif` output. Upload it with github/codeql-action/upload-sarif and `if: always()`.'
  },
  'sbom-file': {
    description:
      'Where to write the CycloneDX 1.6 ML-BOM of the models (files, digests, formats, the verdict as properties); same rules as report-file. Default: a file under RUNNER_TEMP; its path is the `sbom` output.'
  },
  'upload-artifact': {
    description:
      'Upload the JSON report and the SARIF log as a workflow artifact (`true` or `false`), so the job summary and the pull-request comment link to the full results. A failed upload is a warning; the verdict is unchanged. Not available on GitHub Enterprise Server, where it is skipped.',
    default: 'true'
  },
  'artifact-name': {
    description:
      "The artifact's name. Default: `airs-model-gate-<job>[-<comment-tag>]`; a re-run adds `-attempt-<n>`, and a name another matrix leg already used gets `-2` up to `-5`. Set it per matrix leg to choose names."
  },
  'job-summary': {
    description: 'Write the report to the job summary (`true` or `false`).',
    default: 'true'
  },
  annotations: {
    description:
      "Annotate the run with one annotation per violation (`true` or `false`), error or warning by the rule's posture; local models inside the repository are annotated on the model file.",
    default: 'true'
  },
  comment: {
    description:
      'Sticky pull-request comment: `always`, `on-failure` (default: created when a model does not pass, and updated on every later run once it exists) or `never`. Needs `pull-requests: write`; skipped with a warning on fork pull requests.',
    default: 'on-failure'
  },
  'comment-tag': {
    description:
      "Keeps one comment per workflow, job and tag: set it per matrix leg (e.g. `${{ matrix.model }}`) so legs do not overwrite each other's comment."
  },
  issue: {
    description:
      'Keep a tracking issue for scheduled audits (`on-failure`, `always` or `never`): one issue per workflow and comment-tag, found by a hidden marker and its author, updated in place with the models that fail and what changed, the owner of each failing model mentioned where its models-file entry says `mention: true`, and closed with a comment when every model passes again. `on-failure` opens one only when a model does not pass; `always` also records a passing run. Not on pull-request events, nor on the legs of a shard (the merge job keeps it). Needs `permissions: issues: write`.',
    default: 'never'
  },
  'issue-labels': {
    description: 'Labels for the tracking issue, comma-separated or one per line (added, never removed).'
  },
  'issue-title': {
    description:
      'Title of the tracking issue. Default: "Model gate: audit failures", with the comment-tag when one is set.'
  },
  'console-url': {
    description:
      "Link to a scan in your console, with `{scan}` where the scan's UUID goes (an https address). Shown beside each scan in the summary and the comment. No default: the console's address is not documented, and the gate never guesses a link."
  },
  'github-token': {
    description: 'Token for the pull-request comment.'
  },
  'client-id': {
    description:
      'OAuth2 client ID of the service account. Defaults to PANW_MODEL_SEC_CLIENT_ID, PANW_MGMT_CLIENT_ID or MODEL_SECURITY_CLIENT_ID from the environment.'
  },
  'client-secret': {
    description:
      'OAuth2 client secret (pass it from a secret). Defaults to PANW_MODEL_SEC_CLIENT_SECRET, PANW_MGMT_CLIENT_SECRET or MODEL_SECURITY_CLIENT_SECRET.'
  },
  'tsg-id': {
    description: 'Tenant service group ID. Defaults to PANW_MODEL_SEC_TSG_ID, PANW_MGMT_TSG_ID or TSG_ID.'
  },
  'token-endpoint': {
    description: 'OAuth2 token URL (default https://auth.apps.paloaltonetworks.com/oauth2/access_token).'
  },
  'api-endpoint': {
    description:
      'Base URL of both API planes, e.g. https://api.sase.paloaltonetworks.com/aims (/data and /mgmt are appended).'
  },
  'data-endpoint': {
    description:
      'Data-plane URL, overriding api-endpoint (default https://api.sase.paloaltonetworks.com/aims/data).'
  },
  'mgmt-endpoint': {
    description:
      'Management-plane URL, overriding api-endpoint (default https://api.sase.paloaltonetworks.com/aims/mgmt).'
  },
  region: {
    description: 'API region, `us` (default) or `eu`; ignored when endpoints are set explicitly.'
  }
}
