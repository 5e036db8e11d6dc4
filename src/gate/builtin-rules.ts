import type { SecurityRule } from '../airs/schemas/mgmt-plane.js'
import { ENGINE_RULES, type EngineRule } from '../engine/rules.js'

/** An engine rule as the service's SecurityRule, so that reports read the same whichever engine decided. */

const DOCS = 'https://docs.paloaltonetworks.com/ai-runtime-security/ai-model-security/model-security-rules'

export function securityRule(key: EngineRule): SecurityRule {
  const r = ENGINE_RULES[key]
  const slug = r.name.toLowerCase().replace(/\s+/g, '-')
  return {
    uuid: r.uuid,
    name: r.name,
    description: r.description,
    rule_type: key.startsWith('LICENSE') || key === 'LOCATION' ? 'METADATA' : 'ARTIFACT',
    compatible_sources: ['LOCAL'],
    remediation: {
      description: r.remediation.description,
      steps: [...r.remediation.steps],
      url: `${DOCS}/${slug}`
    },
    editable_fields: []
  }
}
