/**
 * The rules the built-in engine evaluates, named as the service names them where the meaning matches, so that
 * verdicts, reports and the user's policy read the same whichever engine decided. UUIDs are the service's
 * managed-rule UUIDs (section 5.1 of the API contract) so a policy can refer to either.
 */

export const ENGINE_RULES = {
  OPERATORS: {
    uuid: '550e8400-e29b-41d4-a716-44665544000b',
    name: 'Known Framework Operators Check',
    description: 'Model artifacts should only contain known safe TensorFlow operators',
    remediation: {
      description: 'Ensure that the model does not contain any custom or unknown framework operators',
      steps: [
        'Re-export the model with standard operators only',
        'Remove custom operator domains that need a native library to load'
      ]
    }
  },
  LOAD_TIME: {
    uuid: '550e8400-e29b-41d4-a716-446655440008',
    name: 'Load Time Code Execution Check',
    description: 'Model artifacts should not contain unsafe operators that are run upon deserialization',
    remediation: {
      description: 'Remove code that runs when the model is loaded',
      steps: [
        'Do not load this model',
        'Use model formats that disallow arbitrary code execution, such as safetensors'
      ]
    }
  },
  BACKDOOR: {
    uuid: '550e8400-e29b-41d4-a716-44665544000a',
    name: 'Model Architecture Backdoor Check',
    description: 'Model architecture files should not contain backdoor attacks',
    remediation: {
      description: 'Do not use a model whose architecture contains a backdoor',
      steps: ['Quarantine the model', 'Retrain or obtain the model from a trusted source']
    }
  },
  RUNTIME: {
    uuid: '550e8400-e29b-41d4-a716-446655440004',
    name: 'Runtime Code Execution Check',
    description: 'Model artifacts should not contain code that runs at inference time',
    remediation: {
      description: 'Remove code that runs when the model is used',
      steps: [
        'Remove Lambda layers, custom Python operators and executable chat templates',
        'Re-export the model without executable components'
      ]
    }
  },
  FORMAT: {
    uuid: '550e8400-e29b-41d4-a716-446655440005',
    name: 'Stored In Approved File Format',
    description: 'Model files should be stored in an approved format',
    remediation: {
      description: 'Store the model in a format approved by your organization',
      steps: [
        'Convert the model to an approved format such as safetensors',
        'Remove files in unapproved formats from the model'
      ]
    }
  },
  LOCATION: {
    uuid: '550e8400-e29b-41d4-a716-44665544000c',
    name: 'Stored In Approved Location',
    description: 'Models should be stored in an approved location',
    remediation: {
      description: 'Store the model in a location approved by your organization',
      steps: ['Move the model to an approved storage location']
    }
  },
  SUSPICIOUS: {
    uuid: '550e8400-e29b-41d4-a716-446655440009',
    name: 'Suspicious Model Components Check',
    description: 'Model artifacts should not contain suspicious components',
    remediation: {
      description: 'Remove suspicious components from the model',
      steps: [
        'Inspect the flagged files',
        'Remove executables, scripts, custom code and archives that are not part of the model'
      ]
    }
  },
  LICENSE_EXISTS: {
    uuid: '550e8400-e29b-41d4-a716-446655440006',
    name: 'License Exists',
    description: 'Models should have a license',
    remediation: {
      description: 'Use models that declare a license',
      steps: [
        'Declare the license in the model card front matter (license: <SPDX identifier>) or a LICENSE file',
        'Ask the publisher to add a license'
      ]
    }
  },
  LICENSE_VALID: {
    uuid: '550e8400-e29b-41d4-a716-446655440007',
    name: 'License Is Valid For Use',
    description: 'Models license should be valid for use',
    remediation: {
      description: 'Use models whose license your organization approves',
      steps: [
        'Choose a model under one of the approved licenses',
        'Ask your security team to review the license'
      ]
    }
  }
} as const

export type EngineRule = keyof typeof ENGINE_RULES

/** Evaluation order, as the service lists LOCAL groups' rules (license rules last). */
export const RULE_ORDER: readonly EngineRule[] = [
  'OPERATORS',
  'LOAD_TIME',
  'BACKDOOR',
  'RUNTIME',
  'FORMAT',
  'LOCATION',
  'SUSPICIOUS',
  'LICENSE_EXISTS',
  'LICENSE_VALID'
]

/** Rules the engine cannot evaluate: always reported as not evaluated, never as passed. */
export const NOT_EVALUATED: ReadonlySet<EngineRule> = new Set(['BACKDOOR'])

/** Threat categories the engine reports, with the service's descriptions. */
export const THREATS = {
  'PAIT-PKL-100': 'Pickle Model Arbitrary Code Execution Detected at Model Load Time',
  'PAIT-PKL-101': 'Pickle Model Suspicious Code Execution Detected at Model Load Time',
  'PAIT-PYTCH-100': 'PyTorch Model Arbitrary Code Execution Detected at Model Load Time',
  'PAIT-PYTCH-101': 'PyTorch Model Suspicious Code Execution Detected at Model Load Time',
  'PAIT-JOBLIB-100': 'Joblib Model Arbitrary Code Execution Detected at Model Load Time',
  'PAIT-KERAS-100': 'Keras Model Lambda Layer Arbitrary Code Execution Detected at Model Load Time',
  'PAIT-KERAS-300': 'Keras Model Lambda Layer Arbitrary Code Execution Detected at Model Runtime',
  'PAIT-GGUF-101': 'GGUF Model Template Containing Arbitrary Code Execution Detected',
  'PAIT-ARV-100': 'Archive Slip Path Traversal Detected in Model Archive',
  'PAIT-TF-300': 'TensorFlow SavedModel Contains Operators That Run Arbitrary Code',
  'PAIT-TF-301': 'TensorFlow SavedModel Contains Operators That Access Files or the Network',
  'PAIT-TF-302': 'TensorFlow SavedModel Contains Unknown Operators',
  'PAIT-LMAFL-300': 'Llamafile Contains an Executable That Runs at Inference Time',
  UNAPPROVED_FORMATS: 'Model is stored in a format that your Security Group does not allow'
} as const
export type EngineThreat = keyof typeof THREATS
