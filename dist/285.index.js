export const id = 285;
export const ids = [285];
export const modules = {

/***/ 94174:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ guidanceFor)
/* harmony export */ });
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
};
const CODE_EXECUTION = new Set([
    RULES.loadTime,
    RULES.runtime,
    RULES.operators,
    RULES.suspicious,
    RULES.backdoor
]);
const MEANING = {
    [RULES.loadTime]: 'Loading this model runs code embedded in it (for example a pickle that calls os.system while it is ' +
        'deserialized). Whoever controls the file gets the privileges of the process that loads it: its ' +
        'credentials, data and network access.',
    [RULES.runtime]: 'Running this model executes code it carries (for example a Keras Lambda layer or a TensorFlow op that ' +
        'reads files or opens network connections). Inference becomes code execution, with access to the data ' +
        'and credentials of the serving process.',
    [RULES.operators]: 'The model uses operators outside the framework’s known-safe set. Custom operators are native code: ' +
        'they can read files, open connections or run commands when the graph runs.',
    [RULES.suspicious]: 'The model carries components a model does not need and that can hide behaviour: custom code loaded ' +
        'with trust_remote_code, bundled executables or scripts, templates that run code.',
    [RULES.backdoor]: 'The architecture contains a trigger: on crafted inputs the model produces attacker-chosen outputs ' +
        'while behaving normally otherwise. Fine-tuning does not reliably remove it.'
};
const APPROVED_FILE_PATTERNS = {
    safetensors: ['.safetensors'],
    safetensors_index: ['.safetensors.index.json'],
    onnx: ['.onnx'],
    gguf: ['.gguf']
};
/** Guidance for one rule evaluation that did not pass. */
function guidanceFor(m, evaluation, violations) {
    const rule = evaluation.rule_name;
    const catalogue = m.rules.find((r) => r.name === rule)?.remediation;
    const steps = unique([
        ...(catalogue?.steps ?? []),
        ...violations.flatMap((v) => v.remediation?.steps ?? [])
    ]);
    const links = uniqueLinks([
        ...httpsLink('Rule documentation', catalogue?.url),
        ...violations.flatMap((v) => httpsLink('Remediation', v.remediation?.url)),
        ...violations.flatMap((v) => httpsLink(`Threat intelligence${v.threat ? `: ${v.threat}` : ''}`, v.insights_url)),
        ...violations.flatMap((v) => httpsLink(`Knowledge base${v.threat ? `: ${v.threat}` : ''}`, v.threat_kb_url))
    ]);
    return {
        rule,
        posture: evaluation.rule_instance_state,
        result: evaluation.result,
        summary: catalogue?.description ?? null,
        steps,
        links,
        tailored: evaluation.result === 'ERROR'
            ? { kind: 'rule-error' }
            : tailored(m, rule, evaluation.rule_instance_uuid, violations)
    };
}
function tailored(m, rule, instanceUuid, violations) {
    const field = (key) => fieldValues(m, rule, instanceUuid, key);
    switch (rule) {
        case RULES.format:
            return formatGuidance(m, violations, field('approved_formats'));
        case RULES.loadTime:
        case RULES.runtime:
        case RULES.operators:
        case RULES.suspicious:
        case RULES.backdoor:
            return codeExecution(m, rule);
        case RULES.licenseExists:
            return {
                kind: 'license',
                approved: fieldValues(m, RULES.licenseValid, null, 'approved_licenses'),
                missing: true
            };
        case RULES.licenseValid:
            return { kind: 'license', approved: field('approved_licenses'), missing: false };
        case RULES.location:
            return { kind: 'location', approved: field('approved_locations') };
        case RULES.modelBlocked:
            return { kind: 'denied', what: 'model' };
        case RULES.orgBlocked:
            return { kind: 'denied', what: 'organization' };
        case RULES.orgVerified:
            return { kind: 'unverified-publisher' };
        default:
            return { kind: 'none' };
    }
}
/**
 * A list setting of the rule as configured in the group when the scan ran (the policy snapshot), else the
 * rule's default from the catalogue; null when neither is known.
 */
function fieldValues(m, rule, instanceUuid, key) {
    const instances = m.policy?.rule_instances ?? [];
    const instance = instances.find((i) => i.uuid === instanceUuid) ??
        instances.find((i) => i.rule?.name === rule || i.custom_rule?.name === rule);
    const configured = strings(instance?.field_values?.[key]);
    if (configured)
        return configured;
    const catalogue = m.rules.find((r) => r.name === rule) ?? instance?.rule;
    return strings(catalogue?.default_values?.[key]);
}
function strings(v) {
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null;
}
const UNAPPROVED = /unapproved format:\s*(.+?)\s*$/i;
function formatGuidance(m, violations, approved) {
    const byPath = new Map(m.files.items.map((f) => [f.path, f]));
    const files = new Map();
    for (const v of violations) {
        const path = v.file ?? '';
        const set = files.get(path) ?? new Set();
        const named = UNAPPROVED.exec(v.description)?.[1];
        if (named)
            set.add(named);
        for (const f of byPath.get(path)?.formats ?? [])
            if (!approved || !approved.includes(f))
                set.add(f);
        files.set(path, set);
    }
    const found = unique([...files.values()].flatMap((s) => [...s]));
    // any failed code-execution rule withholds every conversion: the files are one model, loaded together
    const runsCode = m.evaluations.items.some((e) => CODE_EXECUTION.has(e.rule_name) && e.result !== 'PASSED') ||
        m.violations.items.some((v) => CODE_EXECUTION.has(v.rule_name));
    const unsafeToConvert = unique(m.violations.items.filter((v) => CODE_EXECUTION.has(v.rule_name) && v.file).map((v) => v.file));
    const failing = [...files.keys()].filter(Boolean);
    const approvedSiblings = m.files.items
        .filter((f) => f.type !== 'DIRECTORY' && f.result === 'SUCCESS' && !files.has(f.path))
        .filter((f) => weightsIn(f.path, f.formats ?? [], approved))
        .map((f) => f.path);
    return {
        kind: 'format',
        found,
        approved,
        files: [...files].filter(([p]) => p).map(([path, s]) => ({ path, formats: [...s] })),
        approvedSiblings,
        runsCode,
        unsafeToConvert,
        examples: runsCode ? [] : conversions(m, found, failing, approved)
    };
}
/** A weights file in an approved format (not a config or tokenizer file, which are approved but not weights). */
function weightsIn(path, formats, approved) {
    const candidates = Object.keys(APPROVED_FILE_PATTERNS).filter((f) => !approved || approved.includes(f));
    return candidates.some((f) => formats.includes(f) || APPROVED_FILE_PATTERNS[f].some((ext) => path.toLowerCase().endsWith(ext)));
}
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,200}$/;
const SAFE_FILE = /^[A-Za-z0-9_][A-Za-z0-9._/-]{0,200}$/;
function conversions(m, found, failing, approved) {
    const toSafetensors = !approved || approved.includes('safetensors');
    const hf = m.model.source_type === 'HUGGING_FACE';
    const repo = hf && SAFE_ID.test(m.model.model_uri.replace(/^https:\/\/huggingface\.co\//, ''));
    const id = repo ? m.model.model_uri.replace(/^https:\/\/huggingface\.co\//, '') : '<org>/<model>';
    const file = (re, fallback) => failing.find((p) => re.test(p) && SAFE_FILE.test(p)) ?? fallback;
    const out = [];
    const pickle = found.some((f) => /pickle|pytorch|^torch$|joblib|dill/.test(f));
    const keras = found.some((f) => /keras|^tensorflow$|h5/.test(f));
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
        });
    }
    if (toSafetensors && hf && (pickle || keras)) {
        // the revision that was scanned, or the branch the scan followed: what is converted is what was checked
        const revision = m.model.revision && SAFE_ID.test(m.model.revision) ? m.model.revision : 'main';
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
        });
    }
    const kerasFile = failing.find((p) => /\.keras$/i.test(p) && SAFE_FILE.test(p));
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
        });
    }
    return out;
}
function codeExecution(m, rule) {
    const internal = m.model.source_type !== 'HUGGING_FACE';
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
    ];
    return {
        kind: 'code-execution',
        meaning: MEANING[rule] ?? '',
        internal,
        steps
    };
}
function httpsLink(label, url) {
    if (!url)
        return [];
    try {
        const u = new URL(url);
        return u.protocol === 'https:' && url.length <= 2048 ? [{ label, url: u.href }] : [];
    }
    catch {
        return [];
    }
}
function uniqueLinks(links) {
    const seen = new Set();
    return links.filter((l) => !seen.has(l.url) && seen.add(l.url));
}
function unique(items) {
    return [...new Set(items.map((s) => s.trim()).filter(Boolean))];
}


/***/ }),

/***/ 54285:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ICON: () => (/* binding */ ICON),
/* harmony export */   SEVERITY_LABEL: () => (/* binding */ SEVERITY_LABEL),
/* harmony export */   SHORT: () => (/* binding */ SHORT),
/* harmony export */   changeItems: () => (/* binding */ changeItems),
/* harmony export */   fitMarkdown: () => (/* binding */ fitMarkdown),
/* harmony export */   renderMarkdown: () => (/* binding */ renderMarkdown),
/* harmony export */   sarifHelp: () => (/* binding */ sarifHelp),
/* harmony export */   whatChanged: () => (/* binding */ whatChanged)
/* harmony export */ });
/* harmony import */ var _guidance_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(94174);
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(14031);
/* harmony import */ var _next_step_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(15780);
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(49997);




/** The complete short form: verdict, every model's outcome and failed rules, where to find the rest. */
const SHORT = 'short';
const ICON = { pass: '✅', warn: '⚠️', fail: '❌' };
/** push(...lines) overflows the call stack for a repository with 100,000 files */
function append(out, lines) {
    for (const l of lines)
        out.push(l);
}
const RESULT_ICON = { PASSED: '✅', FAILED: '❌', ERROR: '⚠️' };
const SOURCE_NAMES = {
    HUGGING_FACE: 'Hugging Face',
    LOCAL: 'Local path',
    S3: 'Amazon S3',
    GCS: 'Google Cloud Storage',
    AZURE: 'Azure Blob Storage',
    ARTIFACTORY: 'JFrog Artifactory',
    GITLAB: 'GitLab Model Registry'
};
/** the short form lists this many models in full; a run with more names the rest by count */
const SHORT_MODELS = 100;
const SHORT_RULES = 12;
function renderMarkdown(view, detail, ctx = {}) {
    const out = [`## ${ICON[view.verdict]} ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(view.headline, 1000)}`, ''];
    if (view.error) {
        out.push(`**Not verified** (${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(view.error.code, 40)}): no model was judged.`, '');
        const step = nextStepLine(view.error.code);
        if (step)
            out.push(step, '');
    }
    // a scheduled audit's question comes first: what is different from last time
    append(out, whatChanged(view));
    // several models: the one that needs a reader most, before the table (models are in that order)
    const first = view.models[0];
    if (view.models.length > 1 && first && first.verdict !== 'pass')
        out.push(...runAnswer(first), '');
    const sectionsFor = detail === SHORT || detail.sections === 'all'
        ? view.models.length
        : view.models.filter((m) => m.verdict !== 'pass').length;
    if (view.models.length > 1 || detail === SHORT || sectionsFor < view.models.length)
        out.push(...modelTable(view.models, SHORT_MODELS), '');
    if (detail === SHORT)
        out.push(...shortModels(view.models));
    else
        for (const m of view.models)
            if (detail.sections === 'all' || m.verdict !== 'pass')
                append(out, modelSection(m, detail, ctx, view.models.length > 1 || !!view.error));
    if (ctx.note)
        out.push(`> ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(ctx.note, 500)}`, '');
    out.push(footer(view, ctx), '');
    return out.join('\n');
}
/** Models listed under "What changed"; a run with more names the rest by count. */
const CHANGED_MODELS = 50;
/**
 * "What changed": each model that drifted since its previous scan, newly blocked first, then a line saying how
 * many were compared, unchanged, first scans, and not compared. Nothing when drift was not looked for.
 */
function whatChanged(view) {
    const c = view.changes;
    if (!c)
        return [];
    const lines = changeItems(view).map((item) => `- ${item}`);
    const tally = [
        `${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(c.compared)} compared with their previous scan`,
        c.compared > 0 && `${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(c.unchanged)} unchanged`,
        c.first > 0 && `${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(c.first)} scanned for the first time`,
        c.unknown > 0 && `${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(c.unknown)} not fully compared (see each model)`
    ].filter(Boolean);
    // "could not compare" never reads as "nothing changed"
    const none = c.unknown > 0
        ? 'No change found in what could be compared.'
        : c.compared === 0
            ? 'No model had an earlier scan to compare with.'
            : 'Nothing changed.';
    return ['### What changed', '', ...(lines.length > 0 ? lines : [none]), '', `${tally.join(' · ')}.`, ''];
}
/** One Markdown item per model that drifted (no list mark), newly blocked first, escaped. */
function changeItems(view) {
    const drifted = view.models
        .filter((m) => m.drift?.drifted)
        .sort((a, b) => Number(b.drift.newlyBlocked) - Number(a.drift.newlyBlocked) || a.index - b.index);
    const lines = drifted.slice(0, CHANGED_MODELS).map((m) => {
        const d = m.drift;
        const since = d.since ? ` · since ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(d.since.scanUuid, 40)} (${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(d.since.at, 30)})` : '';
        return `${d.newlyBlocked ? '❌ **newly blocked** ' : ''}**${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(m.name, 120)}**: ${d.phrases.map((p) => (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(p, 300)).join('; ')}${since}`;
    });
    if (drifted.length > CHANGED_MODELS)
        lines.push(`… and ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(drifted.length - CHANGED_MODELS)} more models`);
    return lines;
}
function modelTable(models, max) {
    const rows = models
        .slice(0, max)
        .map((m) => `| ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(m.name, 120)} | ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(m.outcome, 40)} | ${ICON[m.verdict]} ${m.verdict} | ${notVerified(m) ? 'not evaluated' : `${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(m.rulesFailed)} of ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(m.totalRules)}`} | ${notVerified(m) ? '—' : (0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(m.violations)} |`);
    if (models.length > max)
        rows.push(`| … and ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(models.length - max)} more models | | | | |`);
    // one line a model: the scan UUIDs (which wrap) are in each model's section
    return ['| Model | Outcome | Verdict | Rules failed | Violations |', '|---|---|---|---|---|', ...rows];
}
function shortModels(models) {
    const out = [];
    const notPassed = models.filter((m) => m.verdict !== 'pass');
    for (const m of notPassed.slice(0, SHORT_MODELS)) {
        out.push(`**${ICON[m.verdict]} ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(m.name, 120)}**: ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(m.reason, 300)}`, '');
        for (const f of m.findings.slice(0, SHORT_RULES)) {
            const doc = f.guidance.links[0];
            out.push(`- ${SEVERITY_LABEL[f.band]} · ${RESULT_ICON[f.result] ?? '•'} ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(f.rule, 120)} (${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(f.posture, 20)}): ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .countOf */ .pq)(f.violationCount, 'violation')}${doc ? ` · ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .link */ .nf)('how to fix', doc.url)}` : ''}`);
        }
        if (m.findings.length > SHORT_RULES)
            out.push(`- … and ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(m.findings.length - SHORT_RULES)} more rules`);
        if (m.findings.length > 0)
            out.push('');
    }
    if (notPassed.length > SHORT_MODELS)
        out.push(`… and ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(notPassed.length - SHORT_MODELS)} more models`, '');
    return out;
}
const ENGINE_NAMES = {
    airs: 'Prisma AIRS AI Model Security',
    builtin: 'built-in engine (offline, static; not the AIRS service)'
};
/** A model the gate could not verify: its counts say nothing and must not read as clean. */
const notVerified = (m) => m.status === 'error';
const SEVERITY_LABEL = {
    critical: '🔴 Critical',
    high: '🟠 High',
    medium: '🟡 Medium',
    low: '🔵 Low'
};
/**
 * One model: first what was decided, the most severe finding with its file and its fix (or why the model
 * could not be verified and what to do), then the facts in one line, the rules as one line with the table
 * folded, and the findings, most severe first, grouped by threat and file.
 */
function modelSection(m, d, ctx, withReason) {
    const out = [`### ${ICON[m.verdict]} ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(m.name, 200)} — ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(m.outcome, 40)}`, ''];
    if (withReason)
        out.push((0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(m.reason, 1000), '');
    append(out, answer(m, ctx));
    out.push(facts(m, d), '');
    append(out, rules(m, d));
    for (const f of m.findings)
        append(out, findingSection(f, d));
    append(out, unverifiedSection(m, d));
    if (d.files !== 'none')
        append(out, fileList(m, d));
    if (m.incomplete.length > 0)
        out.push(`> ⚠️ Not every ${m.incomplete.join(', ')} item could be read; the counts above come from the service.`, '');
    for (const w of m.warnings)
        out.push(`> ⚠️ ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(w, 500)}`, '');
    for (const u of m.drift?.unknown ?? [])
        out.push(`> Not compared with the previous scan: ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(u, 500)}`, '');
    return out;
}
/** The first screen of a model: the most severe finding and its fix, or why it is not verified. */
function answer(m, ctx) {
    const out = [];
    if (notVerified(m)) {
        out.push(`**Not verified**${m.errorCode ? ` (${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(m.errorCode, 40)})` : ''}: the gate could not tell whether this model is safe.${m.evaluations.length > 0 ? ' The rules below are not a verdict.' : ''}`);
        const step = nextStepLine(m.errorCode);
        if (step)
            out.push('', step);
    }
    else {
        const top = m.findings[0];
        if (top) {
            const files = [...new Set(top.violations.map((v) => v.file).filter((f) => !!f))];
            const where = files.length > 0
                ? ` in ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .countOf */ .pq)(files.length, 'file')}${files.length > 1 ? ', first' : ''} ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(files[0], 200)}`
                : '';
            out.push(`**Most severe:** ${SEVERITY_LABEL[top.band]} · ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(top.rule, 200)}: ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .countOf */ .pq)(top.violationCount, 'finding')}${where}`);
            out.push('', fixLine(top));
        }
    }
    const links = [
        // only a scan of the service has a page there; the built-in engine's stands for one
        ctx.consoleUrl &&
            m.scanUuid &&
            m.engine === 'airs' &&
            // `{scan}`: the placeholder inputs.ts requires exactly once
            (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .link */ .nf)('scan in the console', ctx.consoleUrl.replace('{scan}', encodeURIComponent(m.scanUuid))),
        m.sourceType === 'HUGGING_FACE' && (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .link */ .nf)('model page', modelPage(m)),
        ctx.runUrl && (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .link */ .nf)('workflow run', ctx.runUrl),
        ctx.artifactUrl && (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .link */ .nf)('full report', ctx.artifactUrl)
    ].filter((l) => !!l);
    if (links.length > 0)
        out.push(...(out.length > 0 ? [''] : []), links.join(' · '));
    if (out.length > 0)
        out.push('');
    return out;
}
/** The run's most severe finding (or a model not verified), with the model it belongs to. */
function runAnswer(m) {
    const top = m.findings[0];
    if (notVerified(m) || !top) {
        const out = [`**Needs attention first:** ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(m.name, 120)}, ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(m.reason, 300)}`];
        const step = notVerified(m) ? nextStepLine(m.errorCode) : undefined;
        if (step)
            out.push('', step);
        return out;
    }
    const out = [
        `**Most severe:** ${SEVERITY_LABEL[top.band]} · ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(top.rule, 200)} in ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(m.name, 120)}: ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .countOf */ .pq)(top.violationCount, 'finding')}`
    ];
    // the fix before the table: a run of many models pushes the first model's section off the first screen
    out.push('', fixLine(top));
    return out;
}
/** The Hugging Face page of what was scanned: at the scanned revision when there was one. */
function modelPage(m) {
    return m.revision ? `${m.modelUri.replace(/\/+$/, '')}/tree/${encodeURIComponent(m.revision)}` : m.modelUri;
}
/**
 * The first thing to do: for code that runs on load, not loading it; for a rule the service could not
 * evaluate, running it again; else the rule's first step, and when the service gave none (a custom rule, a
 * rule newer than this action), our own, so the first screen always says what to do.
 */
function fixLine(f) {
    const t = f.guidance.tailored;
    if (t.kind === 'rule-error')
        return `**Next step:** ${RULE_ERROR_STEP}`;
    const fix = (t.kind === 'code-execution' ? t.steps[0] : undefined) ?? f.guidance.steps[0] ?? f.guidance.summary;
    return `**Fix:** ${fix ? (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(fix, 400) : NO_REMEDIATION}`;
}
const RULE_ERROR_STEP = 'This rule could not be evaluated, so the model is not verified: run the gate again; if the rule errors again, open a support case with the scan UUID.';
const NO_REMEDIATION = 'The service gave no remediation for this rule: review the findings below with your security group’s owner before using the model.';
/** What to do about an error code (next-step.ts): our own text, so its Markdown is written as it is. */
function nextStepLine(errorCode) {
    const step = (0,_next_step_js__WEBPACK_IMPORTED_MODULE_2__/* .nextStep */ .sk)(errorCode);
    return step && `**Next step:** ${step}`;
}
/** Where the model came from, who scanned it, under which group: one line, small. */
function facts(m, d) {
    const parts = [
        `${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(SOURCE_NAMES[m.sourceType] ?? m.sourceType, 40)} ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(m.modelUri, 300)}${m.revision ? ` @ ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(m.revision, 80)}` : ''}${m.commit && m.commit !== m.revision ? ` (commit ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(m.commit, 80)})` : ''}`,
        `scanned by ${ENGINE_NAMES[m.engine]}`
    ];
    if (m.group)
        parts.push(`${m.engine === 'builtin' ? 'policy' : 'security group'} ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(m.group.name, 200)} (${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(m.group.uuid)})`);
    if (m.mode)
        parts.push(`mode ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(m.mode, 20)} (models-file)`);
    if (m.scanUuid)
        parts.push(`scan ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(m.scanUuid)}${m.reused ? ` ${m.reused}` : ''}`);
    if (!notVerified(m) && (m.filesScanned !== null || m.filesSkipped !== null))
        parts.push(`${m.filesScanned === null ? '? files' : (0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .countOf */ .pq)(m.filesScanned, 'file')} scanned, ${m.filesSkipped === null ? '?' : (0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(m.filesSkipped)} skipped`);
    if (m.notEvaluated.length > 0)
        parts.push(`not evaluated: ${m.notEvaluated.map((r) => (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(r, 100)).join(', ')}`);
    if (d.labels && m.labels.length > 0)
        parts.push(`labels ${m.labels.map((l) => (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(`${l.key}=${l.value}`, 120)).join(' ')}`);
    return `<sub>${parts.join(' · ')}</sub>`;
}
/** The rules as one line (what failed, how many passed), the whole table folded below it. */
function rules(m, d) {
    if (m.evaluations.length === 0)
        return notVerified(m) || m.scanUuid ? ['**Rules:** not evaluated', ''] : [];
    const count = (r) => m.evaluations.filter((e) => e.result === r).length;
    const parts = [
        count('FAILED') && `❌ ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(count('FAILED'))} failed`,
        count('ERROR') && `⚠️ ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(count('ERROR'))} could not be evaluated`,
        count('PASSED') && `✅ ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(count('PASSED'))} passed`
    ].filter(Boolean);
    const out = [`**Rules:** ${parts.join(' · ')} of ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(m.totalRules)}`, ''];
    if (d.evaluations) {
        out.push(`<details><summary>All ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(m.evaluations.length)} rules</summary>`, '', '| Rule | Severity | Posture | Result | Violations |', '|---|---|---|---|---|');
        for (const e of m.evaluations) {
            const f = m.findings.find((x) => x.rule === e.rule);
            out.push(`| ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(e.rule, 200)} | ${f ? SEVERITY_LABEL[f.band] : '—'} | ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(e.posture, 20)} | ${RESULT_ICON[e.result] ?? ''} ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(e.result, 20)} | ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(e.violations)} |`);
        }
        out.push('', '</details>', '');
    }
    return out;
}
/**
 * A rule that did not pass: its violations grouped by threat, then by file (one row a file, however many
 * findings it holds), at most `violationsPerRule` rows; then how to fix it.
 */
function findingSection(f, d) {
    const out = [
        `#### ${SEVERITY_LABEL[f.band]} · ${RESULT_ICON[f.result] ?? '•'} ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(f.rule, 200)} — ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(f.result, 20)} (${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(f.posture, 20)})`,
        ''
    ];
    if (f.posture === 'ALLOWING')
        out.push('_Reported only: this rule does not block models in this security group._', '');
    let rows = 0;
    let shown = 0;
    for (const g of threatGroups(f)) {
        if (rows >= d.violationsPerRule)
            break;
        const about = g.description ? `: ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(g.description, 200)}` : '';
        out.push(`**${g.threat ? (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(g.threat, 40) : 'Finding'}**${about} · ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .countOf */ .pq)(g.count, 'finding')} in ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .countOf */ .pq)(g.files.length, 'file')}`, '', '| File | Findings |', '|---|---|');
        for (const file of g.files) {
            if (rows >= d.violationsPerRule)
                break;
            rows++;
            shown += file.descriptions.length;
            const texts = file.descriptions
                .slice(0, MAX_DESCRIPTIONS)
                .map((t) => (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(t.text, 300) + (t.where ? ` ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(t.where, 120)}` : ''));
            const more = file.descriptions.length - texts.length;
            out.push(`| ${file.path ? (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(file.path, 200) : '—'} | ${texts.join(' · ')}${more > 0 ? ` · and ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(more)} more` : ''} |`);
        }
        out.push('');
    }
    const hidden = f.violationCount - shown;
    if (hidden > 0)
        out.push(`… and ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .countOf */ .pq)(hidden, 'more violation')} of this rule in the JSON report.`, '');
    out.push(...guidanceSection(f.guidance, d.guidance));
    return out;
}
/**
 * Files the scanner could not read to the end, apart from the findings: neither clean nor found harmful, so
 * their advice is never a finding's ("remove code").
 */
function unverifiedSection(m, d) {
    if (m.unverified.length === 0)
        return [];
    const shown = m.unverified.slice(0, d.violationsPerRule);
    const out = [
        `#### ⚠️ Could not verify · ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .countOf */ .pq)(m.unverified.length, 'file')}`,
        '',
        'Nothing in these files was found harmful, but the scanner could not read them to the end, so they are not verified either.',
        '',
        '| File | Why |',
        '|---|---|',
        ...shown.map((u) => `| ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(u.path, 200)} | ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(u.why, 600)} |`)
    ];
    if (m.unverified.length > shown.length)
        out.push(`| … and ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(m.unverified.length - shown.length)} more in the JSON report | |`);
    out.push('', `**What to do:** ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(_next_step_js__WEBPACK_IMPORTED_MODULE_2__/* .UNVERIFIED_STEP */ .XL, 400)}`, '');
    return out;
}
/** descriptions listed per file; the rest are counted */
const MAX_DESCRIPTIONS = 5;
function withWhere(text, module, operator) {
    const where = [module, operator].filter(Boolean).join('.');
    return { text, where: where && !text.includes(where) ? where : null };
}
/** A rule's violations by threat (in order of first appearance), each threat's by file. */
function threatGroups(f) {
    const groups = new Map();
    for (const v of f.violations) {
        const key = v.threat ?? '';
        let g = groups.get(key);
        if (!g) {
            g = { threat: v.threat ?? null, description: null, count: 0, files: [], byFile: new Map() };
            groups.set(key, g);
        }
        g.count++;
        g.description ??= v.threat_description ?? null;
        const fileKey = v.file ?? '';
        let file = g.byFile.get(fileKey);
        if (!file) {
            file = { path: v.file ?? null, descriptions: [] };
            g.byFile.set(fileKey, file);
            g.files.push(file);
        }
        file.descriptions.push(withWhere(v.description, v.module, v.operator));
    }
    return [...groups.values()].map(({ byFile: _, ...g }) => g);
}
function guidanceSection(g, level) {
    const out = ['**How to fix**', ''];
    const t = g.tailored;
    if (t.kind === 'code-execution' && t.meaning)
        out.push((0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(t.meaning, 600), '');
    if (g.summary)
        out.push((0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(g.summary, 300), '');
    const steps = planSteps(g);
    const shownSteps = level === 'full' || t.kind === 'code-execution' ? steps : steps.slice(0, 3);
    shownSteps.forEach((s, i) => out.push(`${i + 1}. ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(s, 400)}`));
    if (shownSteps.length > 0)
        out.push('');
    if (level === 'full')
        out.push(...tailoredSection(g));
    if (g.links.length > 0)
        out.push(g.links
            .slice(0, 6)
            .map((l) => (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .link */ .nf)(l.label, l.url))
            .join(' · '), '');
    return out;
}
/** A step of the service's that says "do not load", which the gate's own first step already says. */
const DO_NOT_LOAD = /^do not (load|use|run)\b/i;
/**
 * One plan, in the order to follow it. For code that runs on load, the gate's steps (do not load, convert or
 * deploy; investigate; replace) come first and the service's "do not load" is not said twice. For a format
 * finding on a model that also runs code, no conversion steps: converting means loading.
 */
function planSteps(g) {
    const t = g.tailored;
    if (t.kind === 'code-execution')
        return [...t.steps, ...g.steps.filter((s) => !DO_NOT_LOAD.test(s))];
    if (t.kind === 'format' && t.runsCode)
        return [];
    return g.steps;
}
const list = (items, max = 20) => items
    .slice(0, max)
    .map((s) => (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(s, 60))
    .join(', ') + (items.length > max ? ` and ${items.length - max} more` : '');
function tailoredSection(g) {
    const t = g.tailored;
    const out = [];
    switch (t.kind) {
        case 'format':
            out.push(`Formats found: ${t.found.length > 0 ? list(t.found) : 'not reported'}. Approved by the security group: ${t.approved ? (t.approved.length > 0 ? list(t.approved) : 'none') : 'unknown (the group’s configuration could not be read)'}.`, '');
            if (t.runsCode)
                out.push(`Do not convert this model: it also fails a code-execution check${t.unsafeToConvert.length > 0 ? ` (${list(t.unsafeToConvert, 10)})` : ''}, and converting means loading. Rebuild the weights from a trusted source instead.`, '');
            if (t.approvedSiblings.length > 0)
                out.push(`Weights in an approved format are already here: ${list(t.approvedSiblings, 10)}. If your deployment loads only those, download and scan only those.`, '');
            for (const e of t.examples)
                out.push(`<details><summary>${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .htmlText */ .js)(e.title, 200)}</summary>`, '', `\`\`\`${e.language}`, e.code, '```', '', '</details>', '');
            break;
        case 'code-execution':
            // the threats and where they are: the findings table above
            if (t.internal)
                out.push('_This model is your organisation’s own: treat the finding as a security incident._', '');
            break;
        case 'license':
            out.push(`${t.missing ? 'The model declares no license. ' : ''}Licenses the security group accepts: ${t.approved ? (t.approved.length > 0 ? list(t.approved) : 'none') : 'unknown (the group’s configuration could not be read)'}.`, '');
            break;
        case 'location':
            out.push(`Approved locations: ${t.approved ? list(t.approved) : 'unknown'}. Move the model to one of them.`, '');
            break;
        case 'denied':
            out.push(`The security group denies this ${t.what}. Choose another model or ask your security team for an exception.`, '');
            break;
        case 'unverified-publisher':
            out.push('Choose a model from an organisation verified by Hugging Face, or ask your security team to review this one.', '');
            break;
        case 'rule-error':
            out.push('The service could not evaluate this rule. Run the scan again; if the error persists, contact support with the scan UUID.', '');
            break;
        case 'none':
            break;
    }
    return out;
}
function fileList(m, d) {
    const files = d.files === 'all' ? m.files : m.files.filter((f) => f.result === 'FAILED' || f.result === 'ERROR');
    if (files.length === 0)
        return [];
    const shown = files.slice(0, d.filesMax);
    const title = d.files === 'all' ? `Scanned files (${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(files.length)})` : `Files with findings (${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(files.length)})`;
    const out = [`<details><summary>${title}</summary>`, '', '| File | Formats | Result |', '|---|---|---|'];
    for (const f of shown)
        out.push(`| ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(f.path, 300)} | ${f.formats.length > 0 ? list(f.formats, 10) : '—'} | ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(f.result, 20)} |`);
    if (files.length > shown.length)
        out.push(`| … and ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(files.length - shown.length)} more in the JSON report | | |`);
    out.push('', '</details>', '');
    return out;
}
function footer(view, ctx) {
    const parts = [
        `airs-model-gate ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(view.version, 20)}`,
        `mode ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(view.mode, 10)}, on-error ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(view.onError, 10)}`
    ];
    if (ctx.commit)
        parts.push(`commit ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(ctx.commit.slice(0, 12), 12)}`);
    if (ctx.runUrl)
        parts.push((0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .link */ .nf)('workflow run', ctx.runUrl));
    // a link when the files were uploaded; else the path, which a later step of the job can still read
    if (ctx.artifactUrl)
        parts.push((0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .link */ .nf)('full report and SARIF', ctx.artifactUrl));
    else if (ctx.reportFile)
        parts.push(`full results: ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(ctx.reportFile, 300)}`);
    return `<sub>${parts.join(' · ')}</sub>`;
}
/**
 * The richest rendering that fits a platform limit: each level of detail in turn, then the short form, and
 * as a last resort the short form cut at a line boundary (it has no open blocks to break).
 */
function fitMarkdown(view, levels, ctx, fits, tooLong) {
    for (const d of levels) {
        const text = renderMarkdown(view, d, ctx);
        if (fits(text))
            return text;
    }
    const short = renderMarkdown(view, SHORT, { ...ctx, note: tooLong });
    if (fits(short))
        return short;
    const lines = short.split('\n');
    const end = `\n\n> ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(tooLong, 500)} The list above is cut short.\n\n${footer(view, ctx)}\n`;
    while (lines.length > 1 && !fits(lines.join('\n') + end))
        lines.splice(Math.max(1, Math.floor(lines.length * 0.9)));
    return lines.join('\n') + end;
}
/**
 * What a SARIF rule's help adds to the service's remediation, which the rule's help already holds: for code
 * that runs on load, what that means and the gate's first steps. The help is shared by every alert of the
 * rule, so nothing here is one model's (its files, its threat links, steps that depend on where it came
 * from); undefined when there is nothing to add.
 */
function sarifHelp(ruleName, model) {
    // the one rule's guidance, without building the whole model view once per rule
    const e = model.evaluations.items.find((x) => x.rule_name === ruleName && x.result !== 'PASSED');
    if (!e)
        return undefined;
    const violations = model.violations.items.filter((v) => v.rule_instance_uuid === e.rule_instance_uuid);
    const t = (0,_guidance_js__WEBPACK_IMPORTED_MODULE_0__/* .guidanceFor */ .A)(model, e, violations).tailored;
    if (t.kind !== 'code-execution')
        return undefined;
    const out = t.meaning ? [(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(t.meaning, 600)] : [];
    // the first steps hold for every model; the rest depend on where the model came from
    out.push(t.steps
        .slice(0, SHARED_CODE_EXECUTION_STEPS)
        .map((s, i) => `${i + 1}. ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__.md)(s, 400)}`)
        .join('\n'));
    return out.join('\n\n');
}
/** do not load it; investigate each finding */
const SHARED_CODE_EXECUTION_STEPS = 2;


/***/ })

};

//# sourceMappingURL=285.index.js.map