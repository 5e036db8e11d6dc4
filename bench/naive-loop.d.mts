/** Types of naive-loop.mjs, for the TypeScript harness. */

export interface NaiveScanOptions {
  /** PANW_MODEL_SEC_{CLIENT_ID,CLIENT_SECRET,TSG_ID,TOKEN_ENDPOINT,DATA_ENDPOINT,MGMT_ENDPOINT} */
  env: Record<string, string | undefined>
  modelUri: string
  /** default 5000 */
  intervalMs?: number
  sleep?: (ms: number) => Promise<unknown>
  onSettled?: (scan: { uuid: string; eval_outcome: string }, reads: number) => void
}

export interface NaiveResult {
  outcome: string
  reads: number
  requests: number
}

export function naiveScan(options: NaiveScanOptions): Promise<NaiveResult>
