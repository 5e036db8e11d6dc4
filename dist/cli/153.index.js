export const id = 153;
export const ids = [153];
export const modules = {

/***/ 7504:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ driftPhrases),
/* harmony export */   t: () => (/* binding */ driftWords)
/* harmony export */ });
/**
 * Drift in words, one phrase per change, most important first: what the log, the summary, the comment and the
 * tracking issue say. Raw text (a rule name comes from the service): each renderer escapes it.
 */
function driftPhrases(d) {
    const phrases = [];
    if (d.outcome)
        phrases.push(`${d.outcome.from} → ${d.outcome.to}`);
    const v = d.violations;
    if (v && v.added_count + v.resolved_count > 0)
        phrases.push([
            v.added_count > 0 && `${count(v.added_count, 'violation')} added (${ruleNames(v.added)})`,
            v.resolved_count > 0 && `${count(v.resolved_count, 'violation')} resolved (${ruleNames(v.resolved)})`
        ]
            .filter(Boolean)
            .join(', '));
    if (d.commit)
        phrases.push(`new commit ${short(d.commit.to)} (was ${short(d.commit.from)})`);
    if (d.files_changed)
        phrases.push('the files changed');
    if (d.policy)
        phrases.push(`policy generation ${d.policy.from ?? 'none'} → ${d.policy.to ?? 'none'}`);
    return phrases;
}
/** One line for the log. */
function driftWords(d) {
    return driftPhrases(d).join('; ');
}
const count = (n, what) => `${n} ${what}${n === 1 ? '' : 's'}`;
const short = (commit) => commit.slice(0, 12);
/** The rules of some violations, each once, at most three named. */
function ruleNames(list) {
    const names = [...new Set(list.map((v) => v.rule))];
    return names.length > 3 ? `${names.slice(0, 3).join(', ')}, …` : names.join(', ');
}


/***/ }),

/***/ 4174:
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

/***/ 4153:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   concern: () => (/* binding */ concern),
/* harmony export */   headline: () => (/* binding */ headline),
/* harmony export */   modelView: () => (/* binding */ modelView),
/* harmony export */   runView: () => (/* binding */ runView)
/* harmony export */ });
/* harmony import */ var _airs_schemas_spec_values_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7206);
/* harmony import */ var _gate_drift_words_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7504);
/* harmony import */ var _gate_model_source_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7646);
/* harmony import */ var _gate_verdict_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5950);
/* harmony import */ var _guidance_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4174);
/* harmony import */ var _gate_severity_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8632);






function runView(report) {
    const count = (s) => report.models.filter((m) => m.status === s).length;
    return {
        report,
        verdict: report.verdict,
        headline: headline(report),
        version: report.tool.version,
        mode: report.settings.mode,
        onError: report.settings.on_error,
        ...(report.error && { error: report.error }),
        counts: {
            models: report.models.length,
            blocked: count('blocked'),
            error: count('error'),
            allowed: count('allowed')
        },
        ...changesOf(report),
        models: report.models.map(modelView).sort(byConcern)
    };
}
function changesOf(report) {
    const drifts = report.models.flatMap((m) => (m.drift ? [m.drift] : []));
    if (drifts.length === 0)
        return {};
    const count = (f) => drifts.filter(f).length;
    return {
        changes: {
            compared: count((d) => d.previous !== null),
            drifted: count((d) => d.drifted),
            newlyBlocked: count((d) => d.newly_blocked),
            unchanged: count((d) => d.previous !== null && !d.drifted && d.unknown.length === 0),
            first: count((d) => d.previous === null && d.unknown.length === 0),
            unknown: count((d) => d.unknown.length > 0)
        }
    };
}
function driftView(d) {
    return {
        drifted: d.drifted,
        newlyBlocked: d.newly_blocked,
        phrases: (0,_gate_drift_words_js__WEBPACK_IMPORTED_MODULE_5__/* .driftPhrases */ .I)(d),
        ...(d.previous && { since: { scanUuid: d.previous.scan_uuid, at: minuteUtc(d.previous.created_at) } }),
        unknown: d.unknown
    };
}
const VERDICT_RANK = { fail: 0, warn: 1, pass: 2 };
/** How much a model needs a reader: its verdict, then its most severe finding. */
function concern(m) {
    if (m.status === 'error')
        return _gate_severity_js__WEBPACK_IMPORTED_MODULE_4__/* .NOT_VERIFIED_SEVERITY */ .RX;
    return m.findings[0]?.severity ?? 0;
}
function byConcern(a, b) {
    return VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] || concern(b) - concern(a) || a.index - b.index;
}
/**
 * How a violation's threat ranks within its rule: arbitrary code execution (the service's threat ids end in
 * -100 or -300) first, then the other threats, then violations without one.
 */
function threatRank(threat) {
    if (!threat)
        return 2;
    return /-[13]00$/.test(threat) ? 0 : 1;
}
const NOT_PASSED_FIRST = (r) => (r === 'PASSED' ? 1 : 0);
/** Labels the gate adds for itself (safe retries), not the user's. */
function modelView(m) {
    const summary = m.scan?.eval_summary;
    const evaluated = m.evaluations.items;
    const byRule = new Map();
    for (const v of m.violations.items) {
        const list = byRule.get(v.rule_instance_uuid) ?? [];
        list.push(v);
        byRule.set(v.rule_instance_uuid, list);
    }
    // arbitrary code execution first within a rule, whatever order the scanner listed them in
    for (const list of byRule.values())
        list.sort((a, b) => threatRank(a.threat) - threatRank(b.threat));
    const findings = evaluated
        .filter((e) => e.result !== 'PASSED')
        .map((e) => {
        const violations = byRule.get(e.rule_instance_uuid) ?? [];
        const severity = (0,_gate_severity_js__WEBPACK_IMPORTED_MODULE_4__/* .securitySeverity */ .KW)(e.rule_name);
        return {
            rule: e.rule_name,
            posture: e.rule_instance_state,
            result: e.result,
            severity,
            band: (0,_gate_severity_js__WEBPACK_IMPORTED_MODULE_4__/* .bandOf */ .BV)(severity),
            violations,
            violationCount: Math.max(e.violation_count, violations.length),
            guidance: (0,_guidance_js__WEBPACK_IMPORTED_MODULE_3__/* .guidanceFor */ .A)(m, e, violations)
        };
    })
        .sort(_gate_severity_js__WEBPACK_IMPORTED_MODULE_4__/* .bySeverity */ .Np);
    const findingRank = new Map(findings.map((f, i) => [f.rule, i]));
    const incomplete = ['evaluations', 'violations', 'files'].filter((k) => m[k].truncated || m[k].incomplete);
    return {
        result: m,
        index: m.index,
        name: (0,_gate_model_source_js__WEBPACK_IMPORTED_MODULE_1__/* .displayName */ .QC)(m.model.source_type, m.model.model_uri),
        sourceType: m.model.source_type,
        modelUri: m.model.model_uri,
        ...(m.model.revision !== undefined && { revision: m.model.revision }),
        outcome: m.error?.code === 'TIMEOUT'
            ? 'TIMEOUT'
            : m.error?.code === 'STALE_SCAN'
                ? 'STALE'
                : m.scan
                    ? (0,_gate_verdict_js__WEBPACK_IMPORTED_MODULE_2__/* .outcomeOf */ .sG)({ status: m.status, outcome: m.scan.eval_outcome })
                    : m.inventory?.outcome
                        ? (0,_gate_verdict_js__WEBPACK_IMPORTED_MODULE_2__/* .outcomeOf */ .sG)({ status: m.status, outcome: m.inventory.outcome })
                        : 'NOT SCANNED',
        verdict: m.verdict,
        status: m.status,
        reason: m.reason,
        ...(m.error && { errorCode: m.error.code }),
        ...(m.security_group && { group: { name: m.security_group.name, uuid: m.security_group.uuid } }),
        ...(m.mode && { mode: m.mode }),
        engine: m.engine,
        notEvaluated: m.not_evaluated ?? [],
        ...(m.scan && { scanUuid: m.scan.uuid }),
        ...(m.model.resolved_revision !== undefined && { commit: m.model.resolved_revision }),
        ...(m.reused && m.scan && { reused: reusedNote(m.scan.created_at, m.reused.matched_by) }),
        labels: (m.scan?.labels ?? []).filter((l) => !_airs_schemas_spec_values_js__WEBPACK_IMPORTED_MODULE_0__/* .GATE_LABEL_KEYS */ .C4.has(l.key)),
        rulesPassed: summary?.rules_passed ?? evaluated.filter((e) => e.result === 'PASSED').length,
        rulesFailed: summary?.rules_failed ?? evaluated.filter((e) => e.result === 'FAILED').length,
        totalRules: summary?.total_rules ?? evaluated.length,
        violations: m.violations.total ?? m.violations.items.length,
        filesScanned: m.scan?.total_files_scanned ?? null,
        filesSkipped: m.scan?.total_files_skipped ?? null,
        evaluations: evaluated
            .map((e) => ({
            rule: e.rule_name,
            posture: e.rule_instance_state,
            result: e.result,
            violations: e.violation_count
        }))
            .sort((a, b) => NOT_PASSED_FIRST(a.result) - NOT_PASSED_FIRST(b.result) ||
            (findingRank.get(a.rule) ?? 0) - (findingRank.get(b.rule) ?? 0)),
        findings,
        files: m.files.items
            .filter((f) => f.type !== 'DIRECTORY')
            .map((f) => ({ path: f.path, formats: f.formats ?? [], result: f.result })),
        unverified: m.files.items
            .filter((f) => f.type !== 'DIRECTORY' && (f.result === 'ERROR' || typeof f.error_message === 'string'))
            .map((f) => ({
            path: f.path,
            why: typeof f.error_message === 'string' && f.error_message
                ? f.error_message
                : 'the scanner could not read this file (it gave no reason)'
        })),
        incomplete,
        warnings: m.warnings,
        ...(m.drift && { drift: driftView(m.drift) })
    };
}
/** `2026-12-06 17:02 UTC`: a time a reader compares with their own at a glance. */
function minuteUtc(at) {
    const t = Date.parse(at);
    return Number.isNaN(t)
        ? 'an unknown time'
        : `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
/** The scan is not this run's: from when, and why it still counts. */
function reusedNote(createdAt, matchedBy) {
    return `(reused from ${minuteUtc(createdAt)}, same ${matchedBy === 'commit' ? 'commit' : 'files'})`;
}
const VERDICT_WORDS = { pass: 'passed', warn: 'passed with warnings', fail: 'failed' };
/** One line a person reads in a second: what happened, and to how many models. */
function headline(report) {
    const n = report.models.length;
    const count = (s) => report.models.filter((m) => m.status === s).length;
    const parts = [
        count('blocked') && `${count('blocked')} blocked`,
        count('error') && `${count('error')} not verified`,
        count('allowed') && `${count('allowed')} allowed`
    ].filter(Boolean);
    const what = report.error
        ? report.error.message
        : n === 0 && report.shard
            ? `shard ${report.shard.index}/${report.shard.count} holds no model (${report.shard.models} models in ${report.shard.count} shards)`
            : n === 1
                ? report.models[0].reason
                : `${n} models: ${parts.join(', ')}`;
    return `Model gate ${VERDICT_WORDS[report.verdict]}: ${what}`;
}


/***/ })

};

//# sourceMappingURL=153.index.js.map