import path from 'node:path'
import type { FileReport, FindingSet } from './findings.js'
import { inspectKerasConfig } from './formats/keras.js'
import {
  autoMapEntries,
  chatTemplates,
  LICENSE_FILE,
  licenseOfText,
  licensesOfModelCard,
  MODEL_CARD
} from './metadata.js'
import {
  at,
  kerasFindings,
  notVerified,
  NOT_JSON,
  readJson,
  readWhole,
  SCRIPT_EXT,
  TEMPLATE_NAME,
  templateFinding,
  type AnalyseContext,
  type Part
} from './part.js'

/** Text and JSON files: code shipped beside the model, chat templates, model cards, configs that name code. */

export async function analyseText(
  p: Part,
  content: 'json' | 'text',
  ctx: AnalyseContext,
  out: FindingSet,
  formats: Set<string>,
  report: FileReport
): Promise<boolean> {
  const base = path.basename(p.name)
  const lower = base.toLowerCase()
  if (SCRIPT_EXT.test(lower)) {
    out.add({
      rule: 'SUSPICIOUS',
      file: p.file,
      description: lower.endsWith('.py')
        ? `'${base}'${at(p)} is Python code shipped with the model (loading with trust_remote_code would run it)`
        : `'${base}'${at(p)} is a script bundled with the model`
    })
    return true
  }
  // a template first: `additional_chat_templates/license.jinja` is rendered whatever its name says
  if (TEMPLATE_NAME.test(lower)) {
    // the whole template: what a renderer reads past a cut would not be checked
    const text = (await readWhole(p, ctx.limits.jsonBytes, 'template')).toString('utf8')
    formats.add('jinja_template')
    templateFinding(p, base, text, out)
    // rendered by code, not loaded as a model: outside the format rule, yet verified (isModelFile)
    return true
  }
  if (MODEL_CARD.test(p.name) || LICENSE_FILE.test(p.name)) {
    const text = (await p.ra.read(0, Math.min(p.ra.size, 1024 * 1024))).toString('utf8')
    const found = MODEL_CARD.test(p.name)
      ? licensesOfModelCard(text)
      : [licenseOfText(text)].filter((l): l is string => !!l)
    report.licenseSource = true
    if (found.length) report.licenses = [...(report.licenses ?? []), ...found]
    return true
  }
  if (/(?:^|\/)saved_model\.pbtxt$/i.test(p.name)) {
    formats.add('tensorflow')
    notVerified(p, out, 'a SavedModel in protobuf text format, which the engine does not read')
    return false
  }
  if (/\.ya?ml$/.test(lower)) {
    formats.add('yaml')
    return false
  }
  // a vocabulary is read by name, and BERT's starts with `[PAD]`, which sniffs as JSON
  if (!lower.endsWith('.json') && (await isTokenizerText(p, lower))) {
    formats.add('tokenizer')
    return true
  }
  // configs are loaded by name (json.load of tokenizer_config.json): a .json file is parsed whatever the sniff
  // saw in its first bytes (4 KiB of spaces read as text)
  if (content === 'text' && !lower.endsWith('.json')) return true
  // JSON: configs that name code to run, templates, Keras architectures
  const json = await readJson(p, ctx)
  formats.add(lower.endsWith('.safetensors.index.json') ? 'safetensors_index' : 'json')
  if (json === NOT_JSON) {
    // configs are loaded by name: one that does not parse here may still parse for its loader
    if (lower.endsWith('.json')) notVerified(p, out, 'the file is not valid JSON')
    return false
  }
  for (const entry of autoMapEntries(json)) {
    out.add({
      rule: 'SUSPICIOUS',
      file: p.file,
      description: `auto_map loads custom code from the repository${at(p)}: ${entry} (needs trust_remote_code)`
    })
  }
  const checked = chatTemplates(json)
  for (const t of checked) templateFinding(p, `"${t.name}"`, t.template, out)
  if (checked.length > 0) report.templates = (report.templates ?? 0) + checked.length
  const templates =
    typeof json === 'object' && json !== null ? (json as Record<string, unknown>).chat_template : undefined
  if (Array.isArray(templates) && templates.length > 100) {
    notVerified(p, out, `${templates.length} chat templates, more than the 100 the engine checks`)
  } else if (typeof templates === 'object' && templates !== null && !Array.isArray(templates)) {
    // transformers keeps a mapping of names to templates as it is, and renders its "default" (or a named one)
    for (const [name, t] of Object.entries(templates).slice(0, 100)) {
      if (typeof t !== 'string') continue
      templateFinding(p, `"${name.slice(0, 100)}"`, t, out)
      report.templates = (report.templates ?? 0) + 1
    }
    if (Object.keys(templates).length > 100) notVerified(p, out, 'more than 100 chat templates')
  }
  if (
    typeof json === 'object' &&
    json !== null &&
    'class_name' in json &&
    ('config' in json || 'layers' in json)
  ) {
    formats.add('keras_model_json')
    kerasFindings(p, inspectKerasConfig(json), out)
  }
  return false
}

/** WordPiece and BPE vocabularies and merges, read by name. */
const TOKENIZER_TEXT = /^(?:vocab\.txt|merges\.txt|vocab\.bpe|.*\.tiktoken)$/
/** A tiktoken BPE file (Llama 3's `tokenizer.model`): one base64 token and its rank per line. */
const TIKTOKEN_LINE = /^[A-Za-z0-9+/]+={0,2} \d+$/

/** Tokenizer data in text, which no loader runs: named so, or a `tokenizer.model` in tiktoken's format. */
async function isTokenizerText(p: Part, lower: string): Promise<boolean> {
  if (TOKENIZER_TEXT.test(lower)) return true
  if (!lower.endsWith('.model')) return false
  const head = (await p.ra.read(0, Math.min(p.ra.size, 64 * 1024))).toString('latin1').split('\n')
  // the last line of the head may be cut
  const lines = head.slice(0, p.ra.size > 64 * 1024 ? -1 : undefined).filter((l) => l !== '')
  return lines.length > 0 && lines.every((l) => TIKTOKEN_LINE.test(l))
}
