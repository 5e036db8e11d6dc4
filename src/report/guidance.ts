import type { Violation } from '../airs/schemas/data-plane.js'
import type { ModelResult } from '../gate/result.js'

/**
 * What to do about a rule that did not pass: the service's own remediation (the rule's description, steps
 * and documentation link, and the steps and threat links on its violations) plus guidance tailored to the
 * finding and to the security group's configuration at scan time (approved formats, licenses, locations).
 * Pure data; the renderers decide how it looks. Every string that came from the service or the model
 * repository is kept as data here and escaped by the renderer.
 */

export interface Link {
  label: string
  url: string
}

export interface CodeExample {
  title: string
  language: 'python' | 'yaml' | 'bash'
  /** our own text; model names are only put in when they are plain identifiers */
  code: string
}

export type Tailored =
  | {
      kind: 'format'
      /** formats found in the failing files */
      found: string[]
      /** formats the group approves (null: the group's configuration could not be read) */
      approved: string[] | null
      files: Array<{ path: string; formats: string[] }>
      /** files already stored in an approved format, which a deployment could load instead */
      approvedSiblings: string[]
      /**
       * the model also fails a code-execution check: converting means loading, so no conversion is offered;
       * `unsafeToConvert` names the files with such findings
       */
      runsCode: boolean
      unsafeToConvert: string[]
      examples: CodeExample[]
    }
  | {
      kind: 'code-execution'
      /** what the threat means, in a sentence or two */
      meaning: string
      /** the model is the organisation's own (not from a public hub): escalate as an incident */
      internal: boolean
      steps: string[]
    }
  | { kind: 'license'; approved: string[] | null; missing: boolean }
  | { kind: 'location'; approved: string[] | null }
  | { kind: 'denied'; what: 'model' | 'organization' }
  | { kind: 'unverified-publisher' }
  | { kind: 'rule-error' }
  | { kind: 'none' }

export interface Guidance {
  rule: string
  /** the rule's posture in the group: BLOCKING, ALLOWING, ... */
  posture: string
  result: string
  /** from the rule catalogue and the violations, deduplicated */
  summary: string | null
  steps: string[]
  links: Link[]
  tailored: Tailored
}

const RULES = {
  format: 'Stored In Approved File Format',
  loadTime: 'Load Time Code Execution Check',
  runtime: 'Runtime Code Execution Check',
  operators: 'Known Framework Operators Check',
  suspicious: 'Suspicious Model Components Check',
  backdoor: 'Model Architecture Backdoor Check',
  licenseExists: 'License Exists',
  licenseValid: 'License Is Valid For Use',
  location: 'Stored In Approved Location',
  modelBlocked: 'Model Is Blocked',
  orgBlocked: 'Organization Is Blocked',
  orgVerified: 'Organization Verified By Hugging Face'
} as const

const CODE_EXECUTION: ReadonlySet<string> = new Set([
  RULES.loadTime,
  RULES.runtime,
  RULES.operators,
  RULES.suspicious,
  RULES.backdoor
])

const MEANING: Record<string, string> = {
  [RULES.loadTime]:
    'Loading this model runs code embedded in it (for example a pickle that calls os.system while it is ' +
    'deserialized). Whoever controls the file gets the privileges of the process that loads it: its ' +
    'credentials, data and network access.',
  [RULES.runtime]:
    'Running this model executes code it carries (for example a Keras Lambda layer or a TensorFlow op that ' +
    'reads files or opens network connections). Inference becomes code execution, with access to the data ' +
    'and credentials of the serving process.',
  [RULES.operators]:
    'The model uses operators outside the framework’s known-safe set. Custom operators are native code: ' +
    'they can read files, open connections or run commands when the graph runs.',
  [RULES.suspicious]:
    'The model carries components a model does not need and that can hide behaviour: custom code loaded ' +
    'with trust_remote_code, bundled executables or scripts, templates that run code.',
  [RULES.backdoor]:
    'The architecture contains a trigger: on crafted inputs the model produces attacker-chosen outputs ' +
    'while behaving normally otherwise. Fine-tuning does not reliably remove it.'
}

const APPROVED_FILE_PATTERNS: Record<string, string[]> = {
  safetensors: ['.safetensors'],
  safetensors_index: ['.safetensors.index.json'],
  onnx: ['.onnx'],
  gguf: ['.gguf']
}

/** Guidance for one rule evaluation that did not pass. */
export function guidanceFor(
  m: ModelResult,
  evaluation: { rule_name: string; rule_instance_uuid: string; rule_instance_state: string; result: string },
  violations: Violation[]
): Guidance {
  const rule = evaluation.rule_name
  const catalogue = m.rules.find((r) => r.name === rule)?.remediation
  const steps = unique([
    ...(catalogue?.steps ?? []),
    ...violations.flatMap((v) => v.remediation?.steps ?? [])
  ])
  const links = uniqueLinks([
    ...httpsLink('Rule documentation', catalogue?.url),
    ...violations.flatMap((v) => httpsLink('Remediation', v.remediation?.url)),
    ...violations.flatMap((v) =>
      httpsLink(`Threat intelligence${v.threat ? `: ${v.threat}` : ''}`, v.insights_url)
    ),
    ...violations.flatMap((v) =>
      httpsLink(`Knowledge base${v.threat ? `: ${v.threat}` : ''}`, v.threat_kb_url)
    )
  ])
  return {
    rule,
    posture: evaluation.rule_instance_state,
    result: evaluation.result,
    summary: catalogue?.description ?? null,
    steps,
    links,
    tailored:
      evaluation.result === 'ERROR'
        ? { kind: 'rule-error' }
        : tailored(m, rule, evaluation.rule_instance_uuid, violations)
  }
}

function tailored(m: ModelResult, rule: string, instanceUuid: string, violations: Violation[]): Tailored {
  const field = (key: string) => fieldValues(m, rule, instanceUuid, key)
  switch (rule) {
    case RULES.format:
      return formatGuidance(m, violations, field('approved_formats'))
    case RULES.loadTime:
    case RULES.runtime:
    case RULES.operators:
    case RULES.suspicious:
    case RULES.backdoor:
      return codeExecution(m, rule)
    case RULES.licenseExists:
      return {
        kind: 'license',
        approved: fieldValues(m, RULES.licenseValid, null, 'approved_licenses'),
        missing: true
      }
    case RULES.licenseValid:
      return { kind: 'license', approved: field('approved_licenses'), missing: false }
    case RULES.location:
      return { kind: 'location', approved: field('approved_locations') }
    case RULES.modelBlocked:
      return { kind: 'denied', what: 'model' }
    case RULES.orgBlocked:
      return { kind: 'denied', what: 'organization' }
    case RULES.orgVerified:
      return { kind: 'unverified-publisher' }
    default:
      return { kind: 'none' }
  }
}

/**
 * A list setting of the rule as configured in the group when the scan ran (the policy snapshot), else the
 * rule's default from the catalogue; null when neither is known.
 */
function fieldValues(
  m: ModelResult,
  rule: string,
  instanceUuid: string | null,
  key: string
): string[] | null {
  const instances = m.policy?.rule_instances ?? []
  const instance =
    instances.find((i) => i.uuid === instanceUuid) ??
    instances.find((i) => i.rule?.name === rule || i.custom_rule?.name === rule)
  const configured = strings(instance?.field_values?.[key])
  if (configured) return configured
  const catalogue = m.rules.find((r) => r.name === rule) ?? instance?.rule
  return strings(catalogue?.default_values?.[key])
}

function strings(v: unknown): string[] | null {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null
}

const UNAPPROVED = /unapproved format:\s*(.+?)\s*$/i

function formatGuidance(m: ModelResult, violations: Violation[], approved: string[] | null): Tailored {
  const byPath = new Map(m.files.items.map((f) => [f.path, f]))
  const files = new Map<string, Set<string>>()
  for (const v of violations) {
    const path = v.file ?? ''
    const set = files.get(path) ?? new Set<string>()
    const named = UNAPPROVED.exec(v.description)?.[1]
    if (named) set.add(named)
    for (const f of byPath.get(path)?.formats ?? []) if (!approved || !approved.includes(f)) set.add(f)
    files.set(path, set)
  }
  const found = unique([...files.values()].flatMap((s) => [...s]))
  // any failed code-execution rule withholds every conversion: the files are one model, loaded together
  const runsCode =
    m.evaluations.items.some((e) => CODE_EXECUTION.has(e.rule_name) && e.result !== 'PASSED') ||
    m.violations.items.some((v) => CODE_EXECUTION.has(v.rule_name))
  const unsafeToConvert = unique(
    m.violations.items.filter((v) => CODE_EXECUTION.has(v.rule_name) && v.file).map((v) => v.file!)
  )
  const failing = [...files.keys()].filter(Boolean)
  const approvedSiblings = m.files.items
    .filter((f) => f.type !== 'DIRECTORY' && f.result === 'SUCCESS' && !files.has(f.path))
    .filter((f) => weightsIn(f.path, f.formats ?? [], approved))
    .map((f) => f.path)
  return {
    kind: 'format',
    found,
    approved,
    files: [...files].filter(([p]) => p).map(([path, s]) => ({ path, formats: [...s] })),
    approvedSiblings,
    runsCode,
    unsafeToConvert,
    examples: runsCode ? [] : conversions(m, found, failing, approved)
  }
}

/** A weights file in an approved format (not a config or tokenizer file, which are approved but not weights). */
function weightsIn(path: string, formats: string[], approved: string[] | null): boolean {
  const candidates = Object.keys(APPROVED_FILE_PATTERNS).filter((f) => !approved || approved.includes(f))
  return candidates.some(
    (f) => formats.includes(f) || APPROVED_FILE_PATTERNS[f]!.some((ext) => path.toLowerCase().endsWith(ext))
  )
}

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,200}$/
const SAFE_FILE = /^[A-Za-z0-9_][A-Za-z0-9._/-]{0,200}$/

function conversions(
  m: ModelResult,
  found: string[],
  failing: string[],
  approved: string[] | null
): CodeExample[] {
  const toSafetensors = !approved || approved.includes('safetensors')
  const hf = m.model.source_type === 'HUGGING_FACE'
  const repo = hf && SAFE_ID.test(m.model.model_uri.replace(/^https:\/\/huggingface\.co\//, ''))
  const id = repo ? m.model.model_uri.replace(/^https:\/\/huggingface\.co\//, '') : '<org>/<model>'
  const file = (re: RegExp, fallback: string) =>
    failing.find((p) => re.test(p) && SAFE_FILE.test(p)) ?? fallback
  const out: CodeExample[] = []
  const pickle = found.some((f) => /pickle|pytorch|^torch$|joblib|dill/.test(f))
  const keras = found.some((f) => /keras|^tensorflow$|h5/.test(f))
  if (toSafetensors && pickle) {
    out.push({
      title: 'PyTorch pickle checkpoint → safetensors',
      language: 'python',
      code: [
        'import torch',
        'from safetensors.torch import save_file',
        '',
        '# weights_only=True refuses to run pickled code (torch >= 2.6; older versions could be bypassed,',
        '# CVE-2025-32434); convert only a checkpoint that passed the code-execution checks',
        `state_dict = torch.load("${file(/\.(bin|pt|pth|ckpt|pkl)$/i, 'pytorch_model.bin')}", map_location="cpu", weights_only=True)`,
        '# clone: tied weights share memory, which safetensors refuses',
        'save_file({k: v.detach().clone().contiguous() for k, v in state_dict.items()}, "model.safetensors")'
      ].join('\n')
    })
  }
  if (toSafetensors && hf && (pickle || keras)) {
    // the revision that was scanned, or the branch the scan followed: what is converted is what was checked
    const revision = m.model.revision && SAFE_ID.test(m.model.revision) ? m.model.revision : 'main'
    out.push({
      title: 'Hugging Face Transformers model → safetensors',
      language: 'python',
      code: [
        'import transformers',
        '',
        `repo = "${id}"`,
        `revision = "${revision}"  # convert what was scanned${m.model.revision ? '' : '; pin its commit SHA to be sure'}`,
        '# the class named in config.json keeps every head of the model',
        'config = transformers.AutoConfig.from_pretrained(repo, revision=revision)',
        'model_class = getattr(transformers, config.architectures[0])',
        `model = model_class.from_pretrained(repo, revision=revision${keras && !pickle ? ', from_tf=True' : ''})`,
        'model.save_pretrained("converted", safe_serialization=True)  # writes model.safetensors'
      ].join('\n')
    })
  }
  const kerasFile = failing.find((p) => /\.keras$/i.test(p) && SAFE_FILE.test(p))
  if (toSafetensors && kerasFile) {
    out.push({
      title: 'Keras model (.keras) → safetensors',
      language: 'python',
      code: [
        'import keras',
        'from safetensors.numpy import save_file',
        '',
        '# safe_mode=True refuses Lambda layers that carry Python bytecode',
        `model = keras.saving.load_model("${kerasFile}", safe_mode=True)`,
        'save_file({w.path: keras.ops.convert_to_numpy(w) for w in model.weights}, "model.safetensors")'
      ].join('\n')
    })
  }
  return out
}

function codeExecution(m: ModelResult, rule: string): Tailored {
  const internal = m.model.source_type !== 'HUGGING_FACE'
  const steps = [
    'Do not load, convert or deploy this model, not even on a developer machine.',
    'Investigate each finding: which file, which module and operator, and when and by whom that file changed.',
    ...(internal
      ? [
          'Quarantine the artifact: remove it from the registry or bucket and block its promotion.',
          'Audit the pipeline that produced it: training code, dependencies, base model and everyone with write access to the artifact store.',
          'Rotate credentials available to any machine or job that already loaded it.',
          'Open an incident with your security team and include the scan UUID.'
        ]
      : [
          'Pin a revision that passed an earlier scan, or choose another model.',
          'Tell your security team and, where appropriate, report the model to the publisher or the hub.'
        ])
  ]
  return {
    kind: 'code-execution',
    meaning: MEANING[rule] ?? '',
    internal,
    steps
  }
}

function httpsLink(label: string, url: string | null | undefined): Link[] {
  if (!url) return []
  try {
    const u = new URL(url)
    return u.protocol === 'https:' && url.length <= 2048 ? [{ label, url: u.href }] : []
  } catch {
    return []
  }
}

function uniqueLinks(links: Link[]): Link[] {
  const seen = new Set<string>()
  return links.filter((l) => !seen.has(l.url) && seen.add(l.url))
}

function unique(items: string[]): string[] {
  return [...new Set(items.map((s) => s.trim()).filter(Boolean))]
}
