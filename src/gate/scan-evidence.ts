import type { Scan } from '../airs/schemas/data-plane.js'
import type { Collection } from './collect.js'
import { EMPTY_LIST, type GateErrorInfo, type PolicySnapshot } from './result.js'
import type { Evidence } from './verdict.js'

/**
 * What a scan and its collected results say, as the verdict reads it: the same evidence whether the scan was
 * created in this run or reused from an earlier one.
 */
export function scanEvidence(
  scan: Scan | undefined,
  collection: Collection | undefined,
  failures: { error?: GateErrorInfo; collectionError?: GateErrorInfo } = {}
): Evidence {
  const evaluations = collection?.evaluations ?? EMPTY_LIST
  return {
    outcome: scan?.eval_outcome,
    error: failures.error,
    evaluations: evaluations.items,
    collectionError: failures.collectionError,
    evaluationsIncomplete: evaluations.truncated || evaluations.incomplete,
    scanErrorCode: scan?.error_code,
    scanErrorMessage: scan?.error_message,
    rulesFailed: scan?.eval_summary?.rules_failed,
    totalRules: scan?.eval_summary?.total_rules ?? scan?.enabled_rule_count_snapshot ?? undefined,
    ...(collection?.policy && { enabledRules: enabledRules(collection.policy) }),
    filesScanned: scan?.total_files_scanned,
    ...(collection && {
      files: collection.files.items,
      filesIncomplete: collection.files.truncated || collection.files.incomplete
    })
  }
}

/** The rule instances a policy snapshot enables: what an ALLOWED scan must have evaluated. */
function enabledRules(policy: PolicySnapshot): { uuid: string; name?: string }[] {
  return policy.rule_instances
    .filter((r) => r.state !== 'DISABLED')
    .map((r) => ({ uuid: r.uuid, name: r.rule?.name ?? r.custom_rule?.name }))
}
