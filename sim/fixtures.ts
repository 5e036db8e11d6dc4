import { stableUuid } from './ids.js'

/**
 * The tenant the simulator starts with: the twelve managed rules, the seven default security groups and the
 * real DialoGPT-medium scan. Names, descriptions, UUIDs and outcomes that were observed on a live tenant
 * (shared/reference/product/cli-operations-real-output.txt) are used as they are; what was never published
 * (six rule UUIDs, most remediation texts, the ARTIFACTORY and GITLAB group UUIDs) is filled in plausibly.
 */

export const TSG_ID = '1234567890'

export type SourceName = 'LOCAL' | 'HUGGING_FACE' | 'S3' | 'GCS' | 'AZURE' | 'ARTIFACTORY' | 'GITLAB'
export const SOURCES: SourceName[] = ['LOCAL', 'HUGGING_FACE', 'S3', 'GCS', 'AZURE', 'ARTIFACTORY', 'GITLAB']

export const RULE = {
  knownOperators: 'Known Framework Operators Check',
  licenseExists: 'License Exists',
  licenseValid: 'License Is Valid For Use',
  loadTime: 'Load Time Code Execution Check',
  suspicious: 'Suspicious Model Components Check',
  backdoor: 'Model Architecture Backdoor Check',
  runtime: 'Runtime Code Execution Check',
  approvedFormat: 'Stored In Approved File Format',
  approvedLocation: 'Stored In Approved Location',
  modelBlocked: 'Model Is Blocked',
  orgBlocked: 'Organization Is Blocked',
  orgVerified: 'Organization Verified By Hugging Face'
} as const
export type RuleName = (typeof RULE)[keyof typeof RULE]

const DOCS = 'https://docs.paloaltonetworks.com/ai-runtime-security/ai-model-security/model-security-rules'

export interface RuleJson {
  uuid: string
  name: RuleName
  description: string
  rule_type: 'METADATA' | 'ARTIFACT'
  compatible_sources: string[]
  default_state: 'BLOCKING' | 'ALLOWING' | 'DISABLED'
  remediation: { description: string; steps: string[]; url: string }
  editable_fields: Array<Record<string, unknown>>
  constant_values: Record<string, unknown>
  default_values: Record<string, string[]>
}

const listField = (attribute: string, display: string, description: string) => ({
  attribute_name: attribute,
  type: 'string_list',
  display_name: display,
  display_type: 'LIST',
  description,
  dropdown_values: null
})

export const DEFAULT_APPROVED_FORMATS = ['safetensors', 'safetensors_index', 'json', 'yaml']
export const DEFAULT_APPROVED_LICENSES = ['apache-2.0', 'mit', 'bsd-3-clause']
export const DEFAULT_APPROVED_LOCATIONS = ['s3', 'gs', '/']

function rule(
  uuid: string,
  name: RuleName,
  description: string,
  rule_type: RuleJson['rule_type'],
  compatible_sources: string[],
  remediation: RuleJson['remediation'],
  extra: Partial<RuleJson> = {}
): RuleJson {
  return {
    uuid,
    name,
    description,
    rule_type,
    compatible_sources,
    default_state: 'BLOCKING',
    remediation,
    editable_fields: [],
    constant_values: {},
    default_values: {},
    ...extra
  }
}

/** The twelve PANW-managed rules, sorted by name as the service lists them. */
export const RULES: RuleJson[] = [
  rule(
    '550e8400-e29b-41d4-a716-44665544000b',
    RULE.knownOperators,
    'Model artifacts should only contain known safe TensorFlow operators',
    'ARTIFACT',
    ['ALL'],
    {
      description: 'Ensure that the model does not contain any custom TensorFlow operators',
      steps: [
        'Rebuild the model using only standard TensorFlow operators',
        'Remove custom or unknown operators from the graph before exporting it'
      ],
      url: `${DOCS}/known-framework-operators-check`
    }
  ),
  rule(
    '550e8400-e29b-41d4-a716-446655440006',
    RULE.licenseExists,
    'Models should have a license',
    'METADATA',
    ['HUGGING_FACE'],
    {
      description: 'Use models that declare a license',
      steps: [
        'Choose a model whose model card declares a license',
        'Ask the publisher to add a license to the model card'
      ],
      url: `${DOCS}/license-exists`
    }
  ),
  rule(
    '550e8400-e29b-41d4-a716-446655440007',
    RULE.licenseValid,
    'Models license should be valid for use',
    'METADATA',
    ['HUGGING_FACE'],
    {
      description: 'Use models whose license your organization approves',
      steps: [
        "Choose a model under one of the security group's approved licenses",
        'Ask your security team to review the license'
      ],
      url: `${DOCS}/license-is-valid-for-use`
    },
    {
      editable_fields: [
        listField(
          'approved_licenses',
          'Approved licenses',
          'Hugging Face license identifiers that are allowed'
        )
      ],
      default_values: { approved_licenses: DEFAULT_APPROVED_LICENSES }
    }
  ),
  rule(
    '550e8400-e29b-41d4-a716-446655440008',
    RULE.loadTime,
    'Model artifacts should not contain unsafe operators that are run upon deserialization',
    'ARTIFACT',
    ['ALL'],
    {
      description: 'Remove code that runs when the model is loaded',
      steps: [
        'Do not load this model',
        'Use model formats that disallow arbitrary code execution, such as safetensors'
      ],
      url: `${DOCS}/load-time-code-execution-check`
    }
  ),
  rule(
    '550e8400-e29b-41d4-a716-44665544000a',
    RULE.backdoor,
    'Model architecture files should not contain backdoor attacks',
    'ARTIFACT',
    ['ALL'],
    {
      description: 'Do not use a model whose architecture contains a backdoor',
      steps: ['Quarantine the model', 'Retrain or obtain the model from a trusted source'],
      url: `${DOCS}/model-architecture-backdoor-check`
    }
  ),
  rule(
    '550e8400-e29b-41d4-a716-446655440001',
    RULE.modelBlocked,
    'Model should not be on the blocked list',
    'METADATA',
    ['HUGGING_FACE'],
    {
      description: 'The model is on the denied list of the security group',
      steps: ['Choose a different model', 'Ask your security team why the model is blocked'],
      url: `${DOCS}/model-is-blocked`
    },
    {
      editable_fields: [
        listField('denied_org_models', 'Denied models', 'organization/model entries that are blocked'),
        listField('approved_org_models', 'Approved models', 'organization/model entries that are allowed')
      ],
      default_values: { denied_org_models: [], approved_org_models: [] }
    }
  ),
  rule(
    '550e8400-e29b-41d4-a716-446655440002',
    RULE.orgBlocked,
    'Model organization should not be on the blocked list',
    'METADATA',
    ['HUGGING_FACE'],
    {
      description: 'The publishing organization is on the denied list of the security group',
      steps: ['Choose a model from a different organization'],
      url: `${DOCS}/organization-is-blocked`
    },
    {
      editable_fields: [
        listField('deny_orgs', 'Denied organizations', 'Hugging Face organizations that are blocked')
      ],
      default_values: { deny_orgs: [] }
    }
  ),
  rule(
    '550e8400-e29b-41d4-a716-446655440003',
    RULE.orgVerified,
    'Model organization should be verified by Hugging Face',
    'METADATA',
    ['HUGGING_FACE'],
    {
      description: 'Use models published by organizations Hugging Face has verified',
      steps: [
        'Choose a model from a verified organization',
        'Mirror the model into an internal registry after review'
      ],
      url: `${DOCS}/organization-verified-by-hugging-face`
    }
  ),
  rule(
    '550e8400-e29b-41d4-a716-446655440004',
    RULE.runtime,
    'Model artifacts should not contain code that runs at inference time',
    'ARTIFACT',
    ['ALL'],
    {
      description: 'Remove code that runs when the model is used',
      steps: [
        'Remove Lambda layers and custom Python operators',
        'Re-export the model without executable components'
      ],
      url: `${DOCS}/runtime-code-execution-check`
    }
  ),
  rule(
    '550e8400-e29b-41d4-a716-446655440005',
    RULE.approvedFormat,
    'Model files should be stored in an approved format',
    'ARTIFACT',
    ['ALL'],
    {
      description: 'Store the model in a format approved by your organization',
      steps: [
        'Convert the model to an approved format such as safetensors',
        'Remove files in unapproved formats from the model'
      ],
      url: `${DOCS}/stored-in-approved-file-format`
    },
    {
      editable_fields: [listField('approved_formats', 'Approved formats', 'Model formats that are allowed')],
      default_values: { approved_formats: DEFAULT_APPROVED_FORMATS }
    }
  ),
  rule(
    '550e8400-e29b-41d4-a716-44665544000c',
    RULE.approvedLocation,
    'Models should be stored in an approved location',
    'METADATA',
    ['LOCAL', 'S3', 'GCS', 'AZURE', 'ARTIFACTORY', 'GITLAB'],
    {
      description: 'Store the model in a location approved by your organization',
      steps: ['Move the model to an approved storage location'],
      url: `${DOCS}/stored-in-approved-location`
    },
    {
      default_state: 'DISABLED',
      editable_fields: [
        listField('approved_locations', 'Approved locations', 'Storage location prefixes that are allowed')
      ],
      default_values: { approved_locations: DEFAULT_APPROVED_LOCATIONS }
    }
  ),
  rule(
    '550e8400-e29b-41d4-a716-446655440009',
    RULE.suspicious,
    'Model artifacts should not contain suspicious components',
    'ARTIFACT',
    ['ALL'],
    {
      description: 'Remove suspicious components from the model',
      steps: [
        'Inspect the flagged files',
        'Remove executables, scripts and archives that are not part of the model'
      ],
      url: `${DOCS}/suspicious-model-components-check`
    }
  )
].sort((a, b) => a.name.localeCompare(b.name))

export const ruleByName = (name: string): RuleJson | undefined => RULES.find((r) => r.name === name)

/** Rules a group of a given source type gets, in the order the service evaluates them. */
export function rulesForSource(source: string): RuleJson[] {
  const order: RuleName[] =
    source === 'HUGGING_FACE'
      ? [
          RULE.licenseExists,
          RULE.licenseValid,
          RULE.modelBlocked,
          RULE.orgBlocked,
          RULE.orgVerified,
          RULE.approvedFormat,
          RULE.knownOperators,
          RULE.loadTime,
          RULE.backdoor,
          RULE.runtime,
          RULE.suspicious
        ]
      : [
          RULE.knownOperators,
          RULE.loadTime,
          RULE.backdoor,
          RULE.runtime,
          RULE.approvedFormat,
          RULE.approvedLocation,
          RULE.suspicious
        ]
  return order.map((n) => ruleByName(n)!)
}

/**
 * When the default groups were created. The observed listing (newest first) was GCS, LOCAL, S3, AZURE,
 * HUGGING_FACE, with GCS created at .321066; ARTIFACTORY and GITLAB came with the January 2026 release.
 */
export const DEFAULT_GROUP_CREATED: Record<SourceName, string> = {
  HUGGING_FACE: '2025-10-30T14:14:17.321062Z',
  AZURE: '2025-10-30T14:14:17.321063Z',
  S3: '2025-10-30T14:14:17.321064Z',
  LOCAL: '2025-10-30T14:14:17.321065Z',
  GCS: '2025-10-30T14:14:17.321066Z',
  ARTIFACTORY: '2026-01-15T09:00:00.000001Z',
  GITLAB: '2026-01-15T09:00:00.000002Z'
}

/** Observed default group UUIDs; ARTIFACTORY and GITLAB were not published. */
export const DEFAULT_GROUP_UUIDS: Record<SourceName, string> = {
  LOCAL: '020d546d-3920-4ef3-9183-00f37f33f566',
  HUGGING_FACE: '4c22aef7-2ab7-40ba-b3f1-cd9e9aa1768e',
  S3: '6a1e67e1-00cc-45dc-9395-3a9e3dbf50f9',
  GCS: 'bb1d038a-0506-4b07-8f16-a723b8c1a1c7',
  AZURE: 'fd1a4209-32d0-4a1a-bd40-cde35104dc39',
  ARTIFACTORY: stableUuid('group:ARTIFACTORY'),
  GITLAB: stableUuid('group:GITLAB')
}

/** Observed rule-instance UUIDs of the Default LOCAL group. */
export const LOCAL_RULE_INSTANCE_UUIDS: Partial<Record<RuleName, string>> = {
  [RULE.knownOperators]: '67185c67-020a-4625-816f-9a2137e3d6b3',
  [RULE.loadTime]: '34f0a130-d2a3-451d-8795-776f5d5bdd8f',
  [RULE.backdoor]: '0fe19730-3fb4-474b-9160-d2de02be592b',
  [RULE.runtime]: 'c532d04b-ca2d-4e03-8b4b-8a81917c02cf',
  [RULE.approvedFormat]: '53aab919-06c4-4ebf-a1e1-8124ce2ae0d5',
  [RULE.approvedLocation]: '6648097a-37bd-4726-ab51-a63188c52a23',
  [RULE.suspicious]: '43dd1d74-f902-4337-8615-85c7e7403098'
}

/** Which rule a scanner threat code belongs to (1xx load time, 2xx architecture, 3xx runtime). */
export function ruleForThreat(threat: string | null | undefined): RuleName {
  if (!threat) return RULE.suspicious
  if (threat === 'UNAPPROVED_FORMATS') return RULE.approvedFormat
  if (threat.startsWith('PAIT-EXDIR') || threat === 'PAIT-ARV-100') return RULE.suspicious
  if (/^PAIT-TF-30\d$/.test(threat)) return RULE.knownOperators
  if (threat === 'PAIT-GGUF-101') return RULE.runtime
  const n = /-(\d)\d\d$/.exec(threat)?.[1]
  if (n === '2') return RULE.backdoor
  if (n === '3') return RULE.runtime
  return RULE.loadTime
}

export const THREAT_DESCRIPTIONS: Record<string, string> = {
  UNAPPROVED_FORMATS: 'Model is stored in a format that your Security Group does not allow',
  'PAIT-PKL-100': 'Pickle Model Arbitrary Code Execution Detected at Model Load Time',
  'PAIT-PKL-101': 'Pickle Model Suspicious Code Execution Detected at Model Load Time',
  'PAIT-PYTCH-100': 'PyTorch Model Arbitrary Code Execution Detected at Model Load Time',
  'PAIT-PYTCH-101': 'PyTorch Model Suspicious Code Execution Detected at Model Load Time',
  'PAIT-KERAS-100': 'Keras Model Lambda Layer Arbitrary Code Execution Detected at Model Load Time',
  'PAIT-GGUF-101': 'GGUF Model Template Containing Arbitrary Code Execution Detected',
  'PAIT-ARV-100': 'Archive Slip Path Traversal Detected in Model Archive',
  'PAIT-TF-200': 'TensorFlow SavedModel Contains Architectural Backdoor',
  'PAIT-ONNX-200': 'ONNX Model Contains Architectural Backdoor',
  'PAIT-LMAFL-300': 'Llamafile Contains an Executable That Runs at Inference Time',
  'PAIT-KERAS-300': 'Keras Model Lambda Layer Arbitrary Code Execution Detected at Model Runtime'
}

export const threatKbUrl = (threat: string): string | null =>
  threat.startsWith('PAIT-')
    ? `https://protectai.com/insights/knowledge-base/deserialization-threats/${threat}`
    : null

// ---- the real DialoGPT-medium scan (BLOCKED, 11 rules, 1 failed, 5 violations, 12 files) ----

export const DIALOGPT = {
  uri: 'https://huggingface.co/microsoft/DialoGPT-medium',
  scanUuid: '7a7e1cdf-a6b1-4743-a5f2-a7bd96ec7bab',
  createdAt: '2026-03-03T22:32:12.344402Z',
  updatedAt: '2026-03-03T22:32:12.477430Z',
  metadata: { organization: 'microsoft', model: 'DialoGPT-medium', license: 'mit', orgVerified: true },
  files: [
    { path: 'config.json', formats: ['json'] },
    { path: 'flax_model.msgpack', formats: null, skipped: true },
    { path: 'generation_config_for_conversational.json', formats: ['json'] },
    { path: 'generation_config.json', formats: ['json'] },
    { path: '.gitattributes', formats: null, skipped: true },
    { path: 'merges.txt', formats: null, skipped: true },
    { path: 'pytorch_model.bin', formats: ['pickle', 'pytorch_v0_1_10'] },
    { path: 'README.md', formats: ['not_model'], skipped: true },
    { path: 'rust_model.ot', formats: ['pytorch_torch_script', 'zip'] },
    { path: 'tf_model.h5', formats: ['keras_weights'] },
    { path: 'tokenizer_config.json', formats: ['json'] },
    { path: 'vocab.json', formats: ['json'] }
  ],
  /** evaluation UUIDs by rule, in the order the service listed them */
  evaluationUuids: {
    [RULE.licenseExists]: '83924890-6823-4e6f-9541-3eed300b890e',
    [RULE.licenseValid]: '1a4db8ab-cbe6-4f9f-bfbf-fb65fdb451de',
    [RULE.modelBlocked]: '0e424aa6-0fb7-427a-8809-3caa301a8c40',
    [RULE.orgBlocked]: 'ec06ca86-1271-4d3a-a310-272190f74503',
    [RULE.orgVerified]: '494c926e-0f8a-4a22-87ae-2a1ff06c0e7b',
    [RULE.approvedFormat]: '1ae405a2-15a9-4a3b-8e57-5a916c133857',
    [RULE.knownOperators]: '6c5b370e-320b-41bb-b206-8a4e5265eeea',
    [RULE.loadTime]: '779f12dd-b672-494f-9962-2e642ff3716e',
    [RULE.backdoor]: '5fbe2ef0-6cb8-441d-b6cf-88ff1c6f9a93',
    [RULE.runtime]: '60c3cd09-e9ce-40f2-aff3-d62c21c9c64f',
    [RULE.suspicious]: '33fc876c-18b1-4c58-863e-c133fdb07fb1'
  } as Record<string, string>,
  /** violation UUIDs by `file|format` */
  violationUuids: {
    'pytorch_model.bin|pickle': '0115bae0-bc07-468b-8ca6-a585d8c82f59',
    'pytorch_model.bin|pytorch_v0_1_10': '2b5e4d7b-2a50-408e-b6cf-640f1b8ec4cd',
    'rust_model.ot|pytorch_torch_script': '33b437c4-47f0-4878-a249-64be8bd46e06',
    'rust_model.ot|zip': 'f1409208-b28c-4234-b015-137b6b28508c',
    'tf_model.h5|keras_weights': '9d39c991-e37f-4e6f-bc27-bffed8d90047'
  } as Record<string, string>
}

/** Two earlier local scans from the same tenant listing. */
export const HISTORY_LOCAL_SCANS = [
  {
    uuid: 'ee71b4da-64ce-4d6c-96fb-2bced1154a06',
    uri: '/Users/ml/models/qwen3-0.6b-saffron-merged',
    createdAt: '2026-03-03T22:21:44.130386Z'
  },
  {
    uuid: '6456c1fd-1a76-40c4-a591-3275d7885c17',
    uri: 'models/qwen3-0.6b-saffron-qlora/',
    createdAt: '2026-03-03T22:16:54.578468Z'
  }
]
