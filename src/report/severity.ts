/**
 * How loud a finding is, shared by annotations and SARIF so both say the same. The level follows the rule's
 * posture in the security group (a BLOCKING rule blocks the model, an ALLOWING one only reports); the
 * severity follows what the rule protects against.
 */

export type Level = 'error' | 'warning' | 'note'

export function levelOf(posture: string | null | undefined): Level {
  return posture === 'BLOCKING' ? 'error' : posture === 'ALLOWING' ? 'warning' : 'note'
}

/** Code scanning's `security-severity` (0.1–10.0: ≥9 critical, ≥7 high, ≥4 medium, else low). */
const SEVERITY: Record<string, number> = {
  'Load Time Code Execution Check': 9.8,
  'Runtime Code Execution Check': 9.8,
  'Model Architecture Backdoor Check': 9.1,
  'Known Framework Operators Check': 8.1,
  'Suspicious Model Components Check': 8.1,
  'Model Is Blocked': 7.5,
  'Organization Is Blocked': 7.5,
  'Stored In Approved File Format': 5.5,
  'Stored In Approved Location': 4.3,
  'Organization Verified By Hugging Face': 4.0,
  'License Is Valid For Use': 3.1,
  'License Exists': 3.1
}
/** custom rules and rules added after this version: medium until someone says otherwise */
export const DEFAULT_SEVERITY = 5.0
/** a model the gate could not verify: as serious as an unknown finding */
export const NOT_VERIFIED_SEVERITY = 5.0

export function securitySeverity(ruleName: string): number {
  return SEVERITY[ruleName] ?? DEFAULT_SEVERITY
}
