import type { EngineRule, EngineThreat } from './rules.js'

/** One thing the engine found in one file, before the policy decides whether it matters. */
export interface Finding {
  rule: EngineRule
  threat?: EngineThreat
  /** path relative to the model root (`/`-separated); archive members as `archive.zip:member` */
  file: string
  description: string
  module?: string
  operator?: string
  /** the file could not be verified (parse failure, limit, encryption), as opposed to found bad */
  unverified?: boolean
}

/** What the engine learned about one file. */
export interface FileReport {
  path: string
  /** format identifiers as the service names them (`pickle`, `pytorch_v0_1_10`, `safetensors`, `zip`, …) */
  formats: string[]
  findings: Finding[]
  /** not a model file (text, docs): not subject to the format rule */
  notModel?: boolean
  /** a model file that holds nothing to verify (a safetensors file without a tensor) */
  holdsNothing?: boolean
  /** what the file declares about its license (model card front matter, LICENSE file) */
  licenses?: string[]
  /** the file is a license text or a model card (even without a license in it) */
  licenseSource?: boolean
  /** chat templates checked in the file (a tokenizer_config.json): code a server renders, so it was verified */
  templates?: number
}

/** Findings listed per file; past it, a rule's first finding is still kept (it decides the rule's result). */
const MAX_LISTED = 10_000

/**
 * Collects findings for one file, once each. A hostile file can produce millions; only the first
 * `MAX_LISTED` are listed, but no rule ever loses its only finding to the cap (that would turn a failed rule
 * into a passed one), and what was left out is counted in one closing finding per rule.
 */
export class FindingSet {
  readonly items: Finding[] = []
  private readonly seen = new Set<string>()
  private readonly rules = new Set<Finding['rule']>()
  private readonly omitted = new Map<Finding['rule'], { count: number; file: string }>()

  add(f: Finding): void {
    const key = [f.rule, f.threat, f.file, f.description, f.module, f.operator].join('\u0000')
    if (this.seen.has(key)) return
    if (this.items.length >= MAX_LISTED && this.rules.has(f.rule)) {
      const o = this.omitted.get(f.rule) ?? { count: 0, file: f.file }
      o.count++
      this.omitted.set(f.rule, o)
      return
    }
    if (this.seen.size < 2 * MAX_LISTED) this.seen.add(key)
    this.rules.add(f.rule)
    this.items.push(f)
  }

  /** Adds the closing "N more" findings; call once, when the file is done. */
  close(): void {
    for (const [rule, o] of this.omitted) {
      this.items.push({
        rule,
        file: o.file,
        description: `${o.count} more findings of this rule in this file were not listed`
      })
    }
    this.omitted.clear()
  }
}
