export const id = 153;
export const ids = [153];
export const modules = {

/***/ 77504:
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

/***/ 98632:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BV: () => (/* binding */ bandOf),
/* harmony export */   In: () => (/* binding */ levelOf),
/* harmony export */   KW: () => (/* binding */ securitySeverity),
/* harmony export */   Np: () => (/* binding */ bySeverity),
/* harmony export */   RX: () => (/* binding */ NOT_VERIFIED_SEVERITY)
/* harmony export */ });
/* unused harmony export DEFAULT_SEVERITY */
/**
 * How loud a finding is, shared by the gate's reasons and every report so all say the same. The level follows the rule's
 * posture in the security group (a BLOCKING rule blocks the model, an ALLOWING one only reports); the
 * severity follows what the rule protects against.
 */
function levelOf(posture) {
    return posture === 'BLOCKING' ? 'error' : posture === 'ALLOWING' ? 'warning' : 'note';
}
/** Code scanning's `security-severity` (0.1–10.0: ≥9 critical, ≥7 high, ≥4 medium, else low). */
const SEVERITY = {
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
};
/** custom rules and rules added after this version: medium until someone says otherwise */
const DEFAULT_SEVERITY = 5.0;
/** a model the gate could not verify: as serious as an unknown finding */
const NOT_VERIFIED_SEVERITY = 5.0;
function securitySeverity(ruleName) {
    return SEVERITY[ruleName] ?? DEFAULT_SEVERITY;
}
/** Code scanning's bands of `security-severity`, highest first (docs/severity.md). */
const BANDS = [
    [9, 'critical'],
    [7, 'high'],
    [4, 'medium'],
    [0, 'low']
];
function bandOf(score) {
    return BANDS.find(([min]) => score >= min)?.[1] ?? 'low';
}
/**
 * The order findings are read in, everywhere: the most severe first; at equal severity a blocking rule before
 * one that only reports, then the one with more findings. Stable, so ties keep the service's order.
 */
function bySeverity(a, b) {
    return (b.severity - a.severity ||
        Number(b.posture === 'BLOCKING') - Number(a.posture === 'BLOCKING') ||
        b.violationCount - a.violationCount);
}


/***/ }),

/***/ 15950:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QZ: () => (/* binding */ worst),
/* harmony export */   S4: () => (/* binding */ judge),
/* harmony export */   bn: () => (/* binding */ DECIDED_OUTCOMES),
/* harmony export */   iB: () => (/* binding */ overallOutcome),
/* harmony export */   no: () => (/* binding */ assess),
/* harmony export */   sG: () => (/* binding */ outcomeOf)
/* harmony export */ });
/* unused harmony export exitCode */
/* harmony import */ var _severity_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(98632);

/** Rule names for a reason, the most severe first (docs/severity.md); ties keep the service's order. */
const names = (list) => [...list]
    .sort((a, b) => (0,_severity_js__WEBPACK_IMPORTED_MODULE_0__/* .securitySeverity */ .KW)(b.rule_name) - (0,_severity_js__WEBPACK_IMPORTED_MODULE_0__/* .securitySeverity */ .KW)(a.rule_name))
    .map((e) => e.rule_name)
    .join(', ');
function assess(e) {
    if (e.error)
        return { status: 'error', reason: e.error.message, error: e.error };
    // a rule whose state is not a known non-blocking one counts as blocking: unknown values never help a model
    const blocking = (x) => x.rule_instance_state !== 'ALLOWING' && x.rule_instance_state !== 'DISABLED';
    const failedBlocking = e.evaluations.filter((x) => x.result === 'FAILED' && blocking(x));
    switch (e.outcome) {
        case 'BLOCKED': {
            const failed = e.evaluations.filter((x) => x.result === 'FAILED');
            const list = failedBlocking.length > 0 ? failedBlocking : failed;
            const count = e.rulesFailed ?? failed.length;
            const rules = e.totalRules
                ? `${count} of ${e.totalRules} rules`
                : `${count} rule${count === 1 ? '' : 's'}`;
            return {
                status: 'blocked',
                reason: `BLOCKED: ${rules} failed` + (list.length ? ` (${names(list)})` : '')
            };
        }
        case 'ALLOWED': {
            // the service's verdict stands only if what it reported backs it up
            if (e.collectionError)
                return problem(e.collectionError);
            if (failedBlocking.length > 0) {
                return problem({
                    code: 'INCONSISTENT_RESULT',
                    message: `The service reported ALLOWED, but BLOCKING rules failed: ${names(failedBlocking)}. Not trusting the outcome.`
                });
            }
            const erroredBlocking = e.evaluations.filter((x) => x.result !== 'PASSED' && x.result !== 'FAILED' && blocking(x));
            if (erroredBlocking.length > 0) {
                return problem({
                    code: 'RULE_ERROR',
                    message: `BLOCKING rule${erroredBlocking.length === 1 ? '' : 's'} could not be evaluated: ${names(erroredBlocking)}; the model was not fully verified.`
                });
            }
            // no evaluation at all backs nothing: an outcome written before its evaluations, or a group that
            // enables no rule, verifies nothing
            if (e.evaluations.length === 0) {
                return problem({
                    code: 'INCONSISTENT_RESULT',
                    message: 'The service reported ALLOWED, but no rule evaluation backs it (none could be read, or the security group enables no rule); not trusting the outcome.'
                });
            }
            const coverage = ruleCoverage(e);
            if (coverage)
                return problem(coverage);
            const unverified = fileProblem(e);
            if (unverified)
                return problem(unverified);
            return {
                status: 'allowed',
                reason: 'ALLOWED' + (e.totalRules ? `: ${e.totalRules} rule${e.totalRules === 1 ? '' : 's'} evaluated` : '')
            };
        }
        case 'ERROR': {
            // the service's own code, marked as such: "ERROR SCAN_ERROR" read as a stutter
            const code = e.scanErrorCode ? ` (service code ${e.scanErrorCode})` : '';
            const message = e.scanErrorMessage ? `: ${e.scanErrorMessage}` : '';
            // files the scanner could not read: "could not verify", in its own words, never "found harmful"
            const unread = (e.files ?? []).filter((f) => f.type !== 'DIRECTORY' && f.result === 'ERROR');
            if (unread.length > 0)
                return problem({
                    code: 'UNREADABLE_FILES',
                    message: e.scanErrorMessage ??
                        `Could not verify ${unread.length} file${unread.length === 1 ? '' : 's'} (first: ${unread[0].path.slice(0, 200)})${code}: the scanner could not read ${unread.length === 1 ? 'it' : 'them'} to the end.`
                });
            return problem({ code: 'SCAN_ERROR', message: `The scan ended in ERROR${code}${message}` });
        }
        case 'PENDING':
            return problem({
                code: 'TIMEOUT',
                message: 'The scan was still PENDING when the gate stopped waiting.'
            });
        case undefined:
            return problem({ code: 'INTERNAL_ERROR', message: 'No scan result and no error: nothing to judge.' });
        default:
            return problem({
                code: 'UNKNOWN_OUTCOME',
                message: `The scan's outcome "${e.outcome.slice(0, 40)}" is not one the gate knows (ALLOWED, BLOCKED, ERROR, PENDING); treating it as unverified.`
            });
    }
}
/**
 * ALLOWED stands only when an evaluation backs every rule the group enabled: each enabled rule instance of the
 * policy snapshot in force at scan time, by its UUID, and at least as many distinct evaluations as the scan's
 * summary or recorded rule count says (a short summary cannot excuse missing evaluations). When neither the
 * snapshot nor a count is known the outcome is not trusted: "1 evaluation, no summary" could be 1 of 11.
 */
function ruleCoverage(e) {
    const evaluated = new Set(e.evaluations.map((x) => x.rule_instance_uuid?.toLowerCase() ?? x.rule_name));
    const expected = Math.max(e.totalRules ?? 0, e.enabledRules?.length ?? 0);
    // with the policy known, each enabled rule needs its own evaluation: evaluations of other (or made-up) rule
    // instances do not stand in for the missing ones
    const missing = (e.enabledRules ?? []).filter((r) => !evaluated.has(r.uuid.toLowerCase()));
    const covered = e.enabledRules ? e.enabledRules.length - missing.length : evaluated.size;
    if (e.evaluationsIncomplete || missing.length > 0 || expected > evaluated.size) {
        const named = missing.length
            ? `; not evaluated: ${missing
                .slice(0, 5)
                .map((r) => r.name ?? r.uuid)
                .join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`
            : '';
        return {
            code: 'INCONSISTENT_RESULT',
            message: `The service reported ALLOWED, but only ${covered}${expected ? ` of ${expected}` : ''} rule evaluations could be read${named}; not trusting the outcome.`
        };
    }
    if (e.totalRules === undefined && e.enabledRules === undefined) {
        return {
            code: 'INCONSISTENT_RESULT',
            message: `The service reported ALLOWED with ${evaluated.size} rule evaluation${evaluated.size === 1 ? '' : 's'}, but neither the scan's summary nor the security group's policy says how many rules it enables; not trusting the outcome.`
        };
    }
    return undefined;
}
/**
 * ALLOWED covers only the files a scanner read: when it scanned none (an empty folder, only files it skips), or
 * some ended in ERROR, the model was not verified.
 */
function fileProblem(e) {
    if (e.filesScanned === 0) {
        return {
            code: 'NOTHING_TO_VERIFY',
            message: 'Nothing to verify: the service reported ALLOWED but scanned no file (every file was skipped, or there was none). Check the path or the allow/ignore patterns.'
        };
    }
    if (!e.files)
        return undefined;
    const files = e.files.filter((f) => f.type === 'FILE');
    const errored = files.filter((f) => f.result === 'ERROR');
    if (errored.length > 0) {
        const names = errored.slice(0, 5).map((f) => f.path.slice(0, 100));
        const more = errored.length > names.length ? ` and ${errored.length - names.length} more` : '';
        return {
            code: 'INCONSISTENT_RESULT',
            message: `The service reported ALLOWED, but ${errored.length} file${errored.length === 1 ? '' : 's'} could not be scanned (${names.join(', ')}${more}); the model was not fully verified.`
        };
    }
    // a list read only in part says nothing of the files not read: they may have ended in ERROR
    if (e.filesIncomplete) {
        return {
            code: 'INCONSISTENT_RESULT',
            message: `The service reported ALLOWED, but only ${files.length} of its files could be read, so not every file's result is known; not trusting the outcome.`
        };
    }
    if (!files.some((f) => f.result === 'SUCCESS' || f.result === 'FAILED')) {
        return {
            code: 'NOTHING_TO_VERIFY',
            message: `Nothing to verify: the service reported ALLOWED but verified no file (${files.length === 0 ? 'it listed none' : `all ${files.length} were skipped`}). Check the path or the allow/ignore patterns.`
        };
    }
    return undefined;
}
function problem(error) {
    return { status: 'error', reason: error.message, error };
}
/** How much a status matters under the user's modes. */
function judge(status, mode, onError) {
    switch (status) {
        case 'allowed':
            return 'pass';
        case 'blocked':
            return mode === 'enforce' ? 'fail' : 'warn';
        case 'error':
            return onError === 'fail' ? 'fail' : 'warn';
    }
}
/** Outcomes a settled scan decides with: an earlier scan counts (reuse, drift, the inventory) only with one. */
const DECIDED_OUTCOMES = new Set(['ALLOWED', 'BLOCKED']);
const RANK = { pass: 0, warn: 1, fail: 2 };
/** Several models: the worst verdict wins; no models at all is not a pass. */
function worst(verdicts) {
    if (verdicts.length === 0)
        return 'fail';
    return verdicts.reduce((a, b) => (RANK[b] > RANK[a] ? b : a));
}
/**
 * Exit code of the CLI: 0 when the run passed (or only warned), 1 when a model was blocked by policy
 * (retrying will not help), 2 when the gate could not verify a model or could not run at all.
 */
function exitCode(verdict, models) {
    if (verdict !== 'fail')
        return 0;
    return models.some((m) => m.verdict === 'fail' && m.status === 'blocked') ? 1 : 2;
}
/**
 * The `eval-outcome` output: what the gate concluded, in the service's words. A model the gate did not
 * verify never reads ALLOWED here, whatever the service said (a workflow may test for ALLOWED).
 */
function outcomeOf(m) {
    if (m.status === 'allowed')
        return 'ALLOWED';
    if (m.status === 'blocked')
        return 'BLOCKED';
    return m.outcome === 'PENDING' || m.outcome === undefined ? (m.outcome ?? '') : 'ERROR';
}
/** Several models' outcomes in one word: any BLOCKED, else any unverified (ERROR), else ALLOWED. */
function overallOutcome(models) {
    if (models.length === 0)
        return '';
    if (models.length === 1)
        return outcomeOf(models[0]);
    if (models.some((m) => m.status === 'blocked'))
        return 'BLOCKED';
    if (models.some((m) => m.status === 'error'))
        return 'ERROR';
    return 'ALLOWED';
}


/***/ }),

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

/***/ 64153:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   concern: () => (/* binding */ concern),
/* harmony export */   headline: () => (/* binding */ headline),
/* harmony export */   modelView: () => (/* binding */ modelView),
/* harmony export */   runView: () => (/* binding */ runView)
/* harmony export */ });
/* harmony import */ var _airs_schemas_spec_values_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77206);
/* harmony import */ var _gate_drift_words_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(77504);
/* harmony import */ var _gate_model_source_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(97646);
/* harmony import */ var _gate_verdict_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(15950);
/* harmony import */ var _guidance_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(94174);
/* harmony import */ var _gate_severity_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(98632);






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