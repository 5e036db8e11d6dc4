/**
 * How loud a finding is, shared by the gate's reasons and every report so all say the same. The level follows the rule's
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

export type Band = 'critical' | 'high' | 'medium' | 'low'

/** Code scanning's bands of `security-severity`, highest first (docs/severity.md). */
const BANDS: ReadonlyArray<readonly [number, Band]> = [
  [9, 'critical'],
  [7, 'high'],
  [4, 'medium'],
  [0, 'low']
]

export function bandOf(score: number): Band {
  return BANDS.find(([min]) => score >= min)?.[1] ?? 'low'
}

/**
 * The order findings are read in, everywhere: the most severe first; at equal severity a blocking rule before
 * one that only reports, then the one with more findings. Stable, so ties keep the service's order.
 */
export function bySeverity<T extends { severity: number; posture: string; violationCount: number }>(
  a: T,
  b: T
): number {
  return (
    b.severity - a.severity ||
    Number(b.posture === 'BLOCKING') - Number(a.posture === 'BLOCKING') ||
    b.violationCount - a.violationCount
  )
}
