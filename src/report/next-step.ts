import type { GateErrorCode } from '../util/gate-error.js'

/**
 * What to do when a model could not be verified, per error code: the "What to do" column of
 * docs/troubleshooting.md (a test keeps the two the same), shown next to the error so nobody has to look it up.
 */
/** What to do about a file that could not be verified (the model's next step, and the list's advice). */
export const UNVERIFIED_STEP =
  'Each file under “Could not verify” says why. Check it is a file you expect; re-save it in a format the scanner reads in full (safetensors for weights), or scan it with the AIRS service. Do not load it until then.'

export const NEXT_STEP: Readonly<Record<GateErrorCode, string>> = {
  INVALID_INPUT: 'Fix the named input.',
  SCANNER_SETUP:
    'Follow the message: add `actions/setup-python` (3.12), fix `scanner-version`, or check that the account may download the client.',
  SCANNER_FAILED:
    "Read the quoted error; for object storage check the cloud credentials and the URI. `ACTIONS_STEP_DEBUG` shows the client's output.",
  UNSUPPORTED_SOURCE: 'Use the action or the CLI, which both scan local and object-storage models.',
  AUTH_FAILED:
    'Check the three credentials belong together and the service account has AI Model Security permissions.',
  SECURITY_GROUP:
    "Use the exact name (case-sensitive) or the UUID of a group for the model's source, or leave `security-group` empty.",
  SERVICE_ERROR: 'The message names the endpoint, the status and the request ID for support.',
  NETWORK_ERROR:
    'Behind a proxy set `HTTPS_PROXY` / `NO_PROXY`; behind TLS inspection set `NODE_EXTRA_CA_CERTS`.',
  CONTRACT_VIOLATION: 'Report it with the message; the endpoint and field are named.',
  SCAN_ERROR:
    "Read the scan's `error_code` in the message. Over 1,000 files: scan only the files you deploy with `allow-patterns`, and deploy only those (a file left out is not verified).",
  UNREADABLE_FILES: UNVERIFIED_STEP,
  RULE_ERROR: 'Re-run; if it persists, report the scan UUID.',
  TIMEOUT: 'Raise `timeout`; follow the scan UUID in Strata Cloud Manager.',
  REVISION_UNRESOLVED:
    'Check the name and the revision; a gated or private model needs `HF_TOKEN`; a mirror is `HF_ENDPOINT`. Or pin `@<commit>` yourself.',
  NOTHING_TO_VERIFY:
    'Check the path and the allow/ignore patterns; fetch the model into the path before this step.',
  UNKNOWN_OUTCOME: 'Update the action.',
  INCONSISTENT_RESULT:
    'Report the scan UUID; the gate does not trust the outcome. A group with every rule disabled verifies nothing: enable its rules.',
  STALE_SCAN:
    'Scan the model again: `rescan-stale: true` re-scans Hugging Face models from the inventory; list others in model-uri or models-file.',
  INCOMPLETE_MERGE:
    "Give merge-reports every shard's report (each leg uploads its own artifact; download them all), from legs of one run with the same `shard` count and models.",
  INTERNAL_ERROR: 'Please open an issue with the log.'
}

export function nextStep(code: string | undefined): string | undefined {
  return code !== undefined && Object.hasOwn(NEXT_STEP, code) ? NEXT_STEP[code as GateErrorCode] : undefined
}
