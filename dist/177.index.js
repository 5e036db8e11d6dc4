export const id = 177;
export const ids = [177];
export const modules = {

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

/***/ 27177:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ARTIFACT_FILES: () => (/* binding */ ARTIFACT_FILES),
  publish: () => (/* binding */ publish),
  sarifCategory: () => (/* binding */ sarifCategory)
});

// EXTERNAL MODULE: ./src/util/text.ts
var util_text = __webpack_require__(49997);
// EXTERNAL MODULE: ./src/gate/severity.ts
var severity = __webpack_require__(98632);
;// CONCATENATED MODULE: ./src/report/annotations.ts


/**
 * Per level, counting the closing "and N more" annotation. GitHub keeps 10 per level per step: one error is
 * left for the step's failure, and warnings leave room for the run's own (the verdict in warn mode, a comment
 * that could not be written, collection warnings).
 */
const ANNOTATION_CAPS = { error: 9, warning: 6, notice: 9 };
function annotationsFor(models, locate) {
    const all = [];
    for (const { result: m } of models) {
        const name = (0,util_text/* plainText */.wh)(m.model.model_uri, 200);
        if (m.status === 'error') {
            const anchor = locate(m, undefined);
            all.push({
                level: m.verdict === 'fail' ? 'error' : 'warning',
                title: (0,util_text/* plainText */.wh)(`Model not verified: ${name}`, 200),
                message: (0,util_text/* plainText */.wh)(m.reason, 1000),
                severity: 10,
                ...(anchor && { file: anchor.file, ...(anchor.line && { startLine: anchor.line }) })
            });
        }
        for (const v of m.violations.items) {
            const level = (0,severity/* levelOf */.In)(v.rule_instance_state);
            const anchor = locate(m, v.file);
            const fix = v.remediation?.steps?.[0];
            all.push({
                level: level === 'note' ? 'notice' : level,
                title: (0,util_text/* plainText */.wh)(`${v.rule_name}${v.file ? `: ${v.file}` : ''}`, 200),
                message: (0,util_text/* plainText */.wh)([
                    sentence(`${name}: ${v.description}`),
                    v.threat && `Threat ${v.threat}${v.threat_description ? ` (${v.threat_description})` : ''}.`,
                    fix && sentence(`Fix: ${fix}`)
                ]
                    .filter(Boolean)
                    .join(' '), 1000),
                severity: (0,severity/* securitySeverity */.KW)(v.rule_name),
                ...(anchor && { file: anchor.file, ...(anchor.line && { startLine: anchor.line }) })
            });
        }
    }
    const out = [];
    for (const level of ['error', 'warning', 'notice']) {
        // stable: most severe first, then in report order
        const of = all.filter((a) => a.level === level).sort((a, b) => b.severity - a.severity);
        const cap = ANNOTATION_CAPS[level];
        const shown = of.length > cap ? of.slice(0, cap - 1) : of;
        out.push(...shown.map(({ severity: _, ...a }) => a));
        const more = (0,util_text/* formatCount */.B4)(of.length - shown.length);
        if (of.length > shown.length)
            out.push({
                level,
                title: `${more} more ${level === 'notice' ? 'notices' : `${level}s`}`,
                // the summary groups findings and may list only some of them; the JSON report has every one
                message: `${more} more findings at this level are in the JSON report; the job summary groups them by rule.`
            });
    }
    return out;
}
const sentence = (s) => (/[.!?]\s*$/.test(s) ? s : `${s}.`);

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 6 modules
var schemas = __webpack_require__(26921);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: ./src/gate/result.ts
var result = __webpack_require__(34726);
;// CONCATENATED MODULE: ./src/report/attestation.ts



/**
 * The gate's run as an in-toto Statement v1 (https://github.com/in-toto/attestation/tree/main/spec/v1): what
 * was scanned as the subjects, what the gate found about it as the predicate. GitHub's `actions/attest` signs
 * the predicate and the subjects of `subjectChecksums()`; the whole statement is for other signers and for
 * policy engines. Pure: the publish stage writes the files. See docs/attestation.md.
 */
const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
/** Names this predicate's schema; the major version changes only when a field changes meaning or goes. */
const PREDICATE_TYPE = 'https://github.com/airs-model-gate/airs-model-gate/model-gate/v1';
const TOOL_URI = 'https://github.com/airs-model-gate/airs-model-gate';
// ---- the predicate's schema (docs/attestation-predicate.schema.json is generated from it) ----
// Plain objects, not strict ones: in-toto consumers must ignore fields they do not know, so a later v1.x may
// add fields and still validate against this schema.
const Sha256 = schemas/* string */.YjP().regex(/^[0-9a-f]{64}$/);
const Timestamp = schemas/* string */.YjP().describe('RFC 3339');
const RuleStateSchema = schemas/* object */.Ikc({
    rule: schemas/* string */.YjP().describe("the rule's name (a custom rule's name for a custom rule)"),
    ruleUuid: schemas/* string */.YjP().nullable(),
    instanceUuid: schemas/* string */.YjP().describe('the rule instance in the security group'),
    state: schemas/* string */.YjP().describe('BLOCKING, ALLOWING or DISABLED'),
    fieldValues: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J())
        .describe("the instance's settings (approved formats, licenses, organizations, …)")
});
const ModelPredicateSchema = schemas/* object */.Ikc({
    index: schemas/* number */.aig().int().positive().describe('position in the model-uri input, from 1'),
    uri: schemas/* string */.YjP().describe('the model as the gate names it; its subjects are named from it'),
    sourceType: schemas/* string */.YjP(),
    revision: schemas/* string */.YjP().optional().describe('the revision as given (a branch, tag or commit)'),
    resolvedRevision: schemas/* string */.YjP().optional().describe('the Hugging Face commit that was scanned'),
    digest: schemas/* object */.Ikc({ sha256: Sha256, files: schemas/* number */.aig().int().nonnegative() })
        .optional()
        .describe("a local or object-storage model's content as the gate read it: sha256 over the sorted `sha256sum`-style list of its files, and how many files"),
    subjects: schemas/* enum */.k5n(['files', 'commit', 'none'])
        .describe("how the model appears among the statement's subjects: files (one subject per file, by sha256), commit (its Hugging Face commit, by gitCommit), none (nothing immutable identifies what was scanned: the attestation binds no artifact of this model)"),
    engine: schemas/* string */.YjP().describe('airs (the Prisma AIRS service) or builtin (the offline engine)'),
    mode: schemas/* enum */.k5n(['enforce', 'warn'])
        .optional()
        .describe("this model's own mode, when its models-file entry sets one"),
    verdict: schemas/* enum */.k5n(result/* VERDICTS */.bk),
    status: schemas/* enum */.k5n(result/* STATUSES */.f).describe('what the evidence says, before the mode decides how much it matters'),
    evalOutcome: schemas/* string */.YjP()
        .nullable()
        .describe("the scan's outcome (ALLOWED, BLOCKED, ERROR, …); null: no scan"),
    scanUuid: schemas/* string */.YjP().nullable(),
    scanCreatedAt: schemas/* string */.YjP()
        .nullable()
        .optional()
        .describe('when the scan was created, as the service recorded it: how old the evidence is'),
    reusedScan: schemas/* boolean */.zMY()
        .optional()
        .describe('true: the scan was an earlier one of the same artifact, reused by this run (the reuse input)'),
    securityGroup: schemas/* object */.Ikc({ uuid: schemas/* string */.YjP(), name: schemas/* string */.YjP() }).nullable(),
    policy: schemas/* object */.Ikc({
        generation: schemas/* number */.aig()
            .int()
            .nullable()
            .describe("the security group's snapshot generation; null: the group has no history (its current rules)"),
        since: schemas/* string */.YjP().nullable(),
        rules: schemas/* array */.YOg(RuleStateSchema)
    })
        .nullable()
        .describe('the rules in force when the scan was created; null: they could not be read'),
    notEvaluated: schemas/* array */.YOg(schemas/* string */.YjP()).optional().describe('enabled rules the engine could not evaluate'),
    reason: schemas/* string */.YjP(),
    errorCode: schemas/* string */.YjP().nullable().describe("the gate's error code (TIMEOUT, SCAN_ERROR, …); null: judged"),
    scanErrorCode: schemas/* string */.YjP().nullable().describe("the service's error code for a scan that ended in ERROR"),
    finishedAt: Timestamp.describe('when the gate finished with this model (RFC 3339)')
});
const AttestationPredicateSchema = schemas/* object */.Ikc({
    gate: schemas/* object */.Ikc({ name: schemas/* string */.YjP(), version: schemas/* string */.YjP(), uri: schemas/* string */.YjP() }),
    verdict: schemas/* enum */.k5n(result/* VERDICTS */.bk).describe("the run's verdict: pass only when every model passed"),
    mode: schemas/* enum */.k5n(['enforce', 'warn']).describe('enforce: a blocked model fails the run; warn: it warns'),
    onError: schemas/* enum */.k5n(['fail', 'warn']).describe('what a model the gate could not verify does to the verdict'),
    errorCode: schemas/* string */.YjP().nullable().describe('a failure that stopped the run outside any model'),
    startedAt: Timestamp,
    finishedAt: Timestamp,
    run: schemas/* object */.Ikc({
        repository: schemas/* string */.YjP(),
        sha: schemas/* string */.YjP().optional(),
        ref: schemas/* string */.YjP().optional(),
        event: schemas/* string */.YjP().optional(),
        workflow: schemas/* string */.YjP().optional(),
        job: schemas/* string */.YjP().optional(),
        runId: schemas/* string */.YjP().optional(),
        runAttempt: schemas/* string */.YjP().optional(),
        runUrl: schemas/* string */.YjP().optional()
    })
        .nullable()
        .describe('the GitHub Actions run; null outside one (the CLI)'),
    models: schemas/* array */.YOg(ModelPredicateSchema)
});
/** The predicate's JSON Schema (2020-12), published as docs/attestation-predicate.schema.json. */
function predicateJsonSchema() {
    const generated = z.toJSONSchema(AttestationPredicateSchema, {
        // input: no `additionalProperties: false`, so unknown fields pass as in-toto's parsing rules require
        io: 'input',
        unrepresentable: 'any',
        target: 'draft-2020-12'
    });
    const { $schema, ...rest } = generated;
    return {
        $schema,
        $id: `${PREDICATE_TYPE}/predicate.schema.json`,
        title: 'airs-model-gate attestation predicate',
        description: `The predicate of predicateType ${PREDICATE_TYPE}: what the gate found about each model, the rules in force and the run. See docs/attestation.md.`,
        ...rest
    };
}
/**
 * Characters that could end a line or hide what a name says: C0 and C1 controls (CR, LF, NEL), DEL, the
 * Unicode line and paragraph separators and the bidi controls. They are percent-encoded, so every subject is
 * one line of the checksums file and reads as it is.
 */
// eslint-disable-next-line no-control-regex -- encoding them is the point
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const safeName = (name) => name.replace(UNSAFE_IN_NAME, (c) => encodeURIComponent(c));
/**
 * A file's subject name: the model's URI and the file's path in it; the URI alone when the model is that one
 * file (the digest lists a single-file model by its base name).
 */
function fileName(uri, path, single) {
    const base = uri.replace(/\/+$/, '');
    if (path === '' || (single && (base === path || base.endsWith(`/${path}`))))
        return base;
    return `${base}/${path}`;
}
/** How the model can be a subject, and its subjects. */
function subjectsOf(m) {
    const uri = m.model.model_uri;
    // one subject per file: `gh attestation verify <file>` matches the sha256 of the file it is given
    if (m.model.digest && m.model.digest.files.length > 0)
        return {
            kind: 'files',
            subjects: m.model.digest.files.map((f, _, all) => ({
                name: safeName(fileName(uri, f.path, all.length === 1)),
                digest: { sha256: f.sha256 }
            }))
        };
    if (m.model.source_type === 'HUGGING_FACE' && m.model.resolved_revision)
        return {
            kind: 'commit',
            subjects: [{ name: safeName(uri), digest: { gitCommit: m.model.resolved_revision.toLowerCase() } }]
        };
    return { kind: 'none', subjects: [] };
}
const digestKey = (s) => ('sha256' in s.digest ? s.digest.sha256 : s.digest.gitCommit);
/** Every model's subjects, each name and digest once (a model given twice is the same artifact). */
function attestationSubjects(report) {
    const seen = new Set();
    const out = [];
    for (const m of report.models)
        for (const s of subjectsOf(m).subjects) {
            const key = `${s.name}\u0000${digestKey(s)}`;
            if (seen.has(key))
                continue;
            seen.add(key);
            out.push(s);
        }
    return out;
}
/**
 * The sha256 subjects as `actions/attest` reads `subject-checksums`: `<sha256>  <name>` lines, the format of
 * `sha256sum`. Empty when no subject has a sha256 (Hugging Face commits are gitCommit digests, which
 * `actions/attest` does not take).
 */
function subjectChecksums(report) {
    return attestationSubjects(report)
        .flatMap((s) => ('sha256' in s.digest ? [`${s.digest.sha256}  ${s.name}\n`] : []))
        .join('');
}
// ---- predicate and statement ----
function modelPredicate(m) {
    const group = m.security_group;
    return {
        index: m.index,
        uri: m.model.model_uri,
        sourceType: m.model.source_type,
        ...(m.model.revision !== undefined && { revision: m.model.revision }),
        ...(m.model.resolved_revision !== undefined && { resolvedRevision: m.model.resolved_revision }),
        ...(m.model.digest && { digest: { sha256: m.model.digest.sha256, files: m.model.digest.files.length } }),
        subjects: subjectsOf(m).kind,
        engine: m.engine,
        ...(m.mode && { mode: m.mode }),
        verdict: m.verdict,
        status: m.status,
        evalOutcome: m.scan?.eval_outcome ?? null,
        scanUuid: m.scan?.uuid ?? null,
        scanCreatedAt: m.scan?.created_at ?? null,
        ...(m.reused && { reusedScan: true }),
        securityGroup: group ? { uuid: group.uuid, name: group.name } : null,
        policy: m.policy && {
            generation: m.policy.generation,
            since: m.policy.since,
            rules: m.policy.rule_instances.map((r) => ({
                rule: r.rule?.name ?? r.custom_rule?.name ?? r.security_rule_uuid ?? r.custom_rule_uuid ?? r.uuid,
                ruleUuid: r.security_rule_uuid ?? r.custom_rule_uuid ?? null,
                instanceUuid: r.uuid,
                state: r.state,
                fieldValues: r.field_values ?? {}
            }))
        },
        ...(m.not_evaluated && m.not_evaluated.length > 0 && { notEvaluated: m.not_evaluated }),
        reason: m.reason,
        errorCode: m.error?.code ?? null,
        scanErrorCode: m.scan?.error_code ?? null,
        finishedAt: m.finished_at
    };
}
function attestationPredicate(report) {
    const c = report.context;
    return {
        gate: { name: version/* PRODUCT */.A, version: version/* VERSION */.x, uri: TOOL_URI },
        verdict: report.verdict,
        mode: report.settings.mode,
        onError: report.settings.on_error,
        errorCode: report.error?.code ?? null,
        startedAt: report.started_at,
        finishedAt: report.finished_at,
        run: c
            ? {
                repository: c.repository,
                ...(c.sha !== undefined && { sha: c.sha }),
                ...(c.ref !== undefined && { ref: c.ref }),
                ...(c.event !== undefined && { event: c.event }),
                ...(c.workflow !== undefined && { workflow: c.workflow }),
                ...(c.job !== undefined && { job: c.job }),
                ...(c.run_id !== undefined && { runId: c.run_id }),
                ...(c.run_attempt !== undefined && { runAttempt: c.run_attempt }),
                ...(c.run_url !== undefined && { runUrl: c.run_url })
            }
            : null,
        models: report.models.map(modelPredicate)
    };
}
/**
 * The run's in-toto Statement; undefined when no model is a subject (a statement must bind at least one
 * artifact): attest the predicate with the JSON report as the subject then.
 */
function attestationStatement(report) {
    const subject = attestationSubjects(report);
    if (subject.length === 0)
        return undefined;
    return {
        _type: STATEMENT_TYPE,
        subject,
        predicateType: PREDICATE_TYPE,
        predicate: attestationPredicate(report)
    };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/index.js
var enums = __webpack_require__(6820);
// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/models/index.js
var models = __webpack_require__(50320);
// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/index.node.js
var index_node = __webpack_require__(51248);
// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/spec/index.js
var spec = __webpack_require__(94321);
;// CONCATENATED MODULE: ./src/report/ml-bom.ts

// the library's entry points one by one: its root also loads the validators and their optional dependencies





/**
 * The run as a CycloneDX 1.6 ML-BOM: one `machine-learning-model` component per model, its files (when the
 * gate read them) as `file` sub-components with their SHA-256, and what the gate found as namespaced
 * properties. Only what the report knows is written: a model's license is not in the report (the service
 * reports only whether a license rule failed), so no component has `licenses`. Pure and deterministic: the
 * same report gives the same document.
 */
/** The namespace of this tool's properties (CycloneDX reserves `cdx:`). */
const NS = `${version/* PRODUCT */.A}:`;
const HF_MODEL = /^https:\/\/huggingface\.co\/([^/]+)\/([^/]+)$/;
/** The Hugging Face model's package URL (purl-spec type `huggingface`): the commit, lowercased, as version. */
function huggingFacePurl(modelUri, commit) {
    const m = HF_MODEL.exec(modelUri);
    if (!m)
        return undefined;
    const [org, name] = [m[1], m[2]].map(encodeURIComponent);
    return `pkg:huggingface/${org}/${name}${commit ? `@${commit.toLowerCase()}` : ''}`;
}
/** Properties, leaving out what is unknown. */
function properties(entries) {
    return entries.flatMap(([name, value]) => value === null || value === undefined ? [] : [new models.Property(`${NS}${name}`, String(value))]);
}
function modelComponent(m) {
    const ref = `model-${m.index}`;
    const hf = m.model.source_type === 'HUGGING_FACE' ? HF_MODEL.exec(m.model.model_uri) : null;
    const commit = m.model.resolved_revision;
    const digest = m.model.digest;
    const component = new models.Component(enums.ComponentType.MachineLearningModel, hf ? hf[2] : m.model.model_uri, {
        bomRef: ref,
        ...(hf && { group: hf[1] }),
        ...(commit && { version: commit }),
        ...(hf && { purl: huggingFacePurl(m.model.model_uri, commit) }),
        // a single file is the model: its hash is the model's; a list digest is not any artifact's hash
        ...(digest?.files.length === 1 && {
            hashes: new models.HashDictionary([[enums.HashAlgorithm['SHA-256'], digest.files[0].sha256]])
        })
    });
    for (const p of properties([
        ['verdict', m.verdict],
        ['status', m.status],
        ['reason', m.reason],
        ['engine', m.engine],
        ['source-type', m.model.source_type],
        ['model-uri', m.model.model_uri],
        ['revision', m.model.revision],
        ['eval-outcome', m.scan?.eval_outcome],
        ['scan-uuid', m.scan?.uuid],
        ['security-group-uuid', m.security_group?.uuid],
        ['security-group-name', m.security_group?.name],
        ['policy-generation', m.policy?.generation],
        ['violations', m.scan ? (m.violations.total ?? m.violations.items.length) : undefined],
        ['error-code', m.error?.code],
        ['content-sha256', digest?.sha256],
        ['finished-at', m.finished_at]
    ]))
        component.properties.add(p);
    digest?.files.forEach((f, i) => {
        component.components.add(new models.Component(enums.ComponentType.File, f.path, {
            bomRef: `${ref}:file-${i + 1}`,
            hashes: new models.HashDictionary([[enums.HashAlgorithm['SHA-256'], f.sha256]])
        }));
    });
    return component;
}
/** RFC 4122's namespace for names that are URLs. */
const URL_NAMESPACE = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex');
/**
 * A name-based (version 5) UUID from the report's content, so re-rendering a report gives the same serial
 * number and another run another one.
 */
function serialNumber(report) {
    const name = `https://github.com/airs-model-gate/airs-model-gate/ml-bom/${(0,external_node_crypto_.createHash)('sha256').update(JSON.stringify(report)).digest('hex')}`;
    const b = (0,external_node_crypto_.createHash)('sha1').update(URL_NAMESPACE).update(name).digest().subarray(0, 16);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.toString('hex');
    return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
function mlBom(report) {
    const c = report.context;
    const metadata = new models.Metadata({
        timestamp: new Date(report.finished_at),
        tools: new models.Tools({
            components: new models.ComponentRepository([
                new models.Component(enums.ComponentType.Application, version/* PRODUCT */.A, { version: version/* VERSION */.x })
            ])
        })
    });
    for (const p of properties([
        ['verdict', report.verdict],
        ['mode', report.settings.mode],
        ['on-error', report.settings.on_error],
        ['error-code', report.error?.code],
        ['repository', c?.repository],
        ['commit', c?.sha],
        ['ref', c?.ref],
        ['run-url', c?.run_url]
    ]))
        metadata.properties.add(p);
    const bom = new models.Bom({ metadata, serialNumber: serialNumber(report) });
    for (const m of report.models)
        bom.components.add(modelComponent(m));
    return bom;
}
/** The ML-BOM as CycloneDX 1.6 JSON, for a file. */
function mlBomJson(report) {
    // insertion order is already deterministic (models in input order, files as the digest lists them)
    const normalized = new index_node.JSON.Normalize.Factory(spec.Spec1dot6).makeForBom().normalize(mlBom(report), {});
    // the library lists every component in the dependency graph, which says "depends on nothing"; what a model
    // depends on (a base model, a tokenizer) is unknown here, and a component left out of the graph says so
    const { dependencies: _unknown, ...bom } = normalized;
    return `${JSON.stringify(bom, null, 2)}\n`;
}

// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(54285);
// EXTERNAL MODULE: ./src/gate/verdict.ts
var verdict = __webpack_require__(15950);
;// CONCATENATED MODULE: ./src/report/outputs.ts

/** The step's outputs: small values only; per-model detail lives in the report files. */
function gateOutputs(view, files) {
    const { report } = view;
    // the order the models were given in, which scripts rely on (the view's is by concern)
    const views = [...view.models].sort((a, b) => a.index - b.index);
    const sum = (f) => String(views.reduce((n, v) => n + f(v), 0));
    return {
        verdict: report.verdict,
        'eval-outcome': (0,verdict/* overallOutcome */.iB)(report.models.map((m) => ({ status: m.status, outcome: m.scan?.eval_outcome }))),
        'scan-uuid': views.flatMap((v) => (v.scanUuid ? [v.scanUuid] : [])).join('\n'),
        // one line per model, so line n is model n (a model not on Hugging Face has an empty line)
        'resolved-revision': report.models.some((m) => m.model.resolved_revision)
            ? [...report.models]
                .sort((a, b) => a.index - b.index)
                .map((m) => m.model.resolved_revision ?? '')
                .join('\n')
            : '',
        'rules-passed': sum((v) => v.rulesPassed),
        'rules-failed': sum((v) => v.rulesFailed),
        violations: sum((v) => v.violations),
        // models whose comparison with their previous scan found a change, and those ALLOWED then, BLOCKED now
        drifted: String(view.changes?.drifted ?? 0),
        'newly-blocked': String(view.changes?.newlyBlocked ?? 0),
        report: files.report ?? '',
        sarif: files.sarif ?? '',
        sbom: files.sbom ?? '',
        'attestation-predicate': files.predicate ?? '',
        'attestation-statement': files.statement ?? '',
        'attestation-checksums': files.checksums ?? '',
        'artifact-url': files.artifact?.url ?? '',
        'artifact-id': files.artifact ? String(files.artifact.id) : '',
        error: report.error?.code ?? report.models.find((m) => m.error)?.error?.code ?? ''
    };
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
// EXTERNAL MODULE: ./src/gate/model-source.ts
var model_source = __webpack_require__(97646);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(14031);
;// CONCATENATED MODULE: ./src/report/sarif.ts






/**
 * The gate's findings as SARIF 2.1.0 for GitHub code scanning: one rule per Prisma AIRS security rule, one
 * result per violation, and one result per model the gate could not verify. Pure: the caller decides where
 * findings point in the repository (`locate`) and writes the file.
 *
 * Every string from the API or a model repository may be hostile. Plain fields go through plainText
 * (control and bidi characters removed, bounded); Markdown goes through md/code; URIs are percent-encoded
 * and links are only made from http(s) URLs. The log stays within code scanning's upload limits.
 */
/** Code scanning's upload limits (docs.github.com, "SARIF results exceed limit"), and this renderer's bounds. */
const SARIF_LIMITS = {
    maxRuns: 20,
    /** what an upload may hold */
    maxResults: 25_000,
    /** what code scanning keeps of a run, the most severe first: more would be cut arbitrarily among equals */
    keptResults: 5_000,
    maxRules: 25_000,
    maxLocationsPerResult: 1000,
    maxTagsPerRule: 20,
    /** gzip-compressed size of the uploaded file */
    maxGzipBytes: 10 * 1024 * 1024,
    /** what this renderer aims for, leaving room for indentation added when the log is written */
    gzipBudgetBytes: 9 * 1024 * 1024,
    /** uncompressed size (in UTF-16 code units) beyond which results are left out before compressing */
    rawBudgetBytes: 100 * 1024 * 1024,
    maxRuleNameChars: 255,
    maxDescriptionChars: 1024,
    maxMessageChars: 5000
};
const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Code scanning keys alerts by tool name and rule id: changing either orphans every open alert. */
const TOOL_NAME = 'airs-model-gate';
const sarif_TOOL_URI = 'https://github.com/airs-model-gate/airs-model-gate';
/** The rule of results for models the gate could not verify (scan ERROR, timeout, API failure). */
const NOT_VERIFIED_RULE_ID = 'airs-model-gate/model-not-verified';
/**
 * Key of the fingerprint in `partialFingerprints`; the version changes if what is hashed changes.
 * @internal exported for the tests, which read fingerprints by it
 */
const FINGERPRINT_KEY = 'airsFindingHash/v1';
function renderSarif(view, options = {}) {
    const { report } = view;
    const facts = collectRules(report);
    const ids = ruleIds([...facts.keys()]);
    const grouping = groupingFor(report);
    const candidates = report.models.flatMap((m) => modelCandidates(m, options.locate, grouping));
    candidates.forEach((c, i) => (c.order = i));
    const descriptors = new Map();
    const descriptor = (key) => {
        let d = descriptors.get(key);
        if (!d) {
            d =
                key === NOT_VERIFIED_KEY ? notVerifiedRule(report, options) : airsRule(facts.get(key), ids, options);
            descriptors.set(key, d);
        }
        return d;
    };
    const run = { report, options, facts, ids, descriptor, total: candidates.length };
    // highest level and severity first; the report's order breaks ties
    const prioritized = [...candidates].sort((a, b) => b.rank - a.rank || b.severity - a.severity || a.order - b.order);
    let keep = withinRawBudget(prioritized.slice(0, SARIF_LIMITS.keptResults), descriptor);
    let reason = keep.length < Math.min(candidates.length, SARIF_LIMITS.keptResults)
        ? 'size'
        : candidates.length > SARIF_LIMITS.keptResults
            ? 'max-results'
            : undefined;
    let withUnreferenced = true;
    const budget = options.gzipBudgetBytes ?? SARIF_LIMITS.gzipBudgetBytes;
    for (;;) {
        const log = assemble(run, keep, reason, withUnreferenced);
        const json = JSON.stringify(log);
        if (Buffer.byteLength(json) <= budget)
            return log;
        const packed = (0,external_node_zlib_.gzipSync)(json).length;
        if (packed <= budget)
            return log;
        // too large: first the rules no result refers to, then the least important results
        if (withUnreferenced && log.runs[0].tool.driver.rules.length > new Set(keep.map((c) => c.key)).size) {
            withUnreferenced = false;
            continue;
        }
        if (keep.length === 0)
            return log;
        reason = 'size';
        withUnreferenced = false;
        keep = keep.slice(0, Math.min(keep.length - 1, Math.floor((keep.length * budget * 0.95) / packed)));
    }
}
// ---- rules ----
const NOT_VERIFIED_KEY = '\u0000not-verified';
/** one notification per model not verified, up to this many; then one that counts the rest */
const MAX_UNVERIFIED_NOTIFICATIONS = 50;
const RULE_TAGS = ['security', 'ml-model', 'prisma-airs'];
const LEVEL_RANK = { error: 3, warning: 2, note: 1 };
function collectRules(report) {
    const facts = new Map();
    const see = (m, x, violation) => {
        let f = facts.get(x.rule_name);
        if (!f) {
            f = { name: x.rule_name, level: (0,severity/* levelOf */.In)(x.rule_instance_state), model: m, failed: false };
            facts.set(x.rule_name, f);
        }
        const level = (0,severity/* levelOf */.In)(x.rule_instance_state);
        if (LEVEL_RANK[level] > LEVEL_RANK[f.level])
            f.level = level;
        if (!f.description && x.rule_description?.trim())
            f.description = x.rule_description;
        if ((violation || x.result !== 'PASSED') && !f.failed) {
            f.failed = true;
            f.model = m;
        }
        if (!f.remediation && violation?.remediation)
            f.remediation = violation.remediation;
    };
    for (const m of report.models) {
        for (const e of m.evaluations.items)
            see(m, e);
        for (const v of m.violations.items)
            see(m, v, v);
    }
    for (const m of report.models)
        for (const r of m.rules) {
            const f = facts.get(r.name);
            if (f && !f.catalogue)
                f.catalogue = r;
        }
    return facts;
}
const byCodeUnits = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const sha256 = (text) => (0,external_node_crypto_.createHash)('sha256').update(text, 'utf8').digest('hex');
function slug(name) {
    return name
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+/, '')
        .slice(0, 64)
        .replace(/-+$/, '');
}
/**
 * Stable rule ids: `airs/<slug>` for names made of letters, digits and single spaces (every managed rule),
 * `airs/<slug>-<hash>` for any other name, so an id never depends on which other rules a run has. Names
 * that still collide (differing only in case) all take the hash; a numeric suffix settles the rest.
 */
function ruleIds(names) {
    const hash8 = (n) => sha256(n).slice(0, 8);
    const simple = (n) => /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/.test(n) && n.length <= 64;
    const base = new Map(names.map((n) => [n, simple(n) ? `airs/${slug(n)}` : `airs/${slug(n) || 'rule'}-${hash8(n)}`]));
    const count = new Map();
    for (const id of base.values())
        count.set(id, (count.get(id) ?? 0) + 1);
    const ids = new Map();
    const used = new Set();
    for (const n of [...names].sort(byCodeUnits)) {
        let id = base.get(n);
        if (count.get(id) > 1 && simple(n))
            id = `${id}-${hash8(n)}`;
        const first = id;
        for (let k = 2; used.has(id); k++)
            id = `${first}-${k}`;
        used.add(id);
        ids.set(n, id);
    }
    return ids;
}
const severityText = (n) => n.toFixed(1);
function airsRule(f, ids, options) {
    const name = sarif_text(f.name, SARIF_LIMITS.maxRuleNameChars) || 'Unnamed rule';
    const described = f.description ?? f.catalogue?.description ?? undefined;
    const full = sarif_text(described, SARIF_LIMITS.maxDescriptionChars) || name;
    const rem = f.catalogue?.remediation;
    const steps = (rem?.steps.length ? rem.steps : (f.remediation?.steps ?? []))
        .filter((s) => sarif_text(s, 300))
        .slice(0, MAX_STEPS);
    const url = httpUrl(rem?.url) ?? httpUrl(f.remediation?.url);
    const remedy = sarif_text(rem?.description, 500);
    const none = remedy || steps.length || url
        ? undefined
        : f.failed
            ? 'Prisma AIRS reported no remediation steps for this rule.'
            : 'This rule passed for every model in this run.';
    const plain = [full];
    if (remedy)
        plain.push(remedy);
    if (steps.length)
        plain.push(steps.map((s, i) => `${i + 1}. ${sarif_text(s, 300)}`).join('\n'));
    if (url)
        plain.push(`Remediation guide: ${url}`);
    if (none)
        plain.push(none);
    const markdown = [wellFormed((0,report_escape.md)(described, SARIF_LIMITS.maxDescriptionChars)) || (0,report_escape.md)(name)];
    if (remedy)
        markdown.push(`**Remediation:** ${wellFormed((0,report_escape.md)(rem?.description, 500))}`);
    if (steps.length)
        markdown.push(steps.map((s, i) => `${i + 1}. ${wellFormed((0,report_escape.md)(s, 300))}`).join('\n'));
    if (url)
        markdown.push(`[Remediation guide](${markdownHref(url)})`);
    if (none)
        markdown.push(none);
    markdown.push(`Prisma AIRS Model Security rule ${wellFormed((0,report_escape/* code */.aY)(f.name, 200))}.`);
    const extra = extraHelp(options, f.name, f.model);
    if (extra)
        markdown.push(extra);
    return {
        id: ids.get(f.name),
        name,
        shortDescription: { text: sarif_text(f.name, SARIF_LIMITS.maxDescriptionChars) || name },
        fullDescription: { text: full },
        help: { text: plain.join('\n\n'), markdown: markdown.join('\n\n') },
        ...(url && { helpUri: url }),
        defaultConfiguration: { level: f.level },
        properties: {
            tags: [...RULE_TAGS],
            precision: 'high',
            'security-severity': severityText((0,severity/* securitySeverity */.KW)(f.name))
        }
    };
}
const MAX_STEPS = 10;
const MAX_EXTRA_HELP = 20_000;
function extraHelp(options, ruleName, model) {
    const extra = options.helpMarkdown?.(ruleName, model)?.trim();
    return extra ? wellFormed(extra.slice(0, MAX_EXTRA_HELP)) : undefined;
}
const NOT_VERIFIED = {
    name: 'Model not verified',
    short: 'The gate could not verify the model',
    full: 'Prisma AIRS gave no verdict the gate could trust for this model: the scan ended in ERROR, was still ' +
        'PENDING when the gate stopped waiting, or a request to the service failed. Treat the model as unsafe ' +
        'until a scan verifies it.',
    steps: [
        "Read the result's message and error code, and the gate's log in the workflow run.",
        'Fix the cause (credentials, security group, model URI, network or proxy, timeout) and run the workflow again.',
        'If the scan ended in ERROR, open it in Prisma AIRS Model Security and check its error message.'
    ],
    url: `${sarif_TOOL_URI}#troubleshooting`
};
function notVerifiedRule(report, options) {
    const steps = NOT_VERIFIED.steps.map((s, i) => `${i + 1}. ${s}`).join('\n');
    const markdown = [
        (0,report_escape.md)(NOT_VERIFIED.full, 1000),
        NOT_VERIFIED.steps.map((s, i) => `${i + 1}. ${(0,report_escape.md)(s)}`).join('\n'),
        `[Troubleshooting](${NOT_VERIFIED.url})`
    ];
    const first = report.models.find((m) => m.status === 'error');
    const extra = first && extraHelp(options, NOT_VERIFIED_RULE_ID, first);
    if (extra)
        markdown.push(extra);
    return {
        id: NOT_VERIFIED_RULE_ID,
        name: NOT_VERIFIED.name,
        shortDescription: { text: NOT_VERIFIED.short },
        fullDescription: { text: NOT_VERIFIED.full },
        help: {
            text: [NOT_VERIFIED.full, steps, `Troubleshooting: ${NOT_VERIFIED.url}`].join('\n\n'),
            markdown: markdown.join('\n\n')
        },
        helpUri: NOT_VERIFIED.url,
        defaultConfiguration: { level: 'error' },
        properties: {
            tags: [...RULE_TAGS.slice(0, 2), TOOL_NAME],
            precision: 'high',
            'security-severity': severityText(severity/* NOT_VERIFIED_SEVERITY */.RX)
        }
    };
}
function groupingFor(report) {
    const keys = new Set();
    let others = 0;
    for (const m of report.models) {
        for (const v of m.violations.items)
            keys.add(JSON.stringify([m.index, v.rule_name, v.file ?? '']));
        // a failed rule without violations, and a model not verified, are one result each
        others += m.evaluations.items.filter((e) => e.result === 'FAILED').length + (m.status === 'error' ? 1 : 0);
    }
    return keys.size + others <= SARIF_LIMITS.keptResults ? 'file' : 'model';
}
/** Distinct values, in order of first appearance, at most `max`. */
function distinct(values, max) {
    const out = new Set();
    for (const v of values) {
        if (out.size >= max)
            break;
        if (v)
            out.add(v);
    }
    return [...out];
}
/** Descriptions quoted in one result's message; the rest are counted. */
const MESSAGE_FINDINGS = 5;
/** Identifiers and names listed in one result's properties. */
const PROPERTY_ITEMS = 100;
function modelCandidates(m, locate, grouping) {
    const name = sarif_text((0,model_source/* displayName */.QC)(m.model.source_type, m.model.model_uri), 200) || 'unnamed model';
    const modelUri = m.model.model_uri;
    const formats = new Map();
    for (const f of m.files.items)
        if (f.formats && !formats.has(f.path))
            formats.set(f.path, f.formats);
    const common = {
        model: name,
        model_uri: sarif_text(modelUri, 2000),
        ...(m.model.revision && { revision: sarif_text(m.model.revision, 256) }),
        source_type: sarif_text(m.model.source_type, 32),
        ...(m.scan && { scan_uuid: sarif_text(m.scan.uuid, 64) }),
        status: m.status,
        verdict: m.verdict
    };
    const out = [];
    const add = (key, level, severity, result) => out.push({ order: 0, rank: LEVEL_RANK[level], severity, key, result });
    const groups = new Map();
    for (const v of m.violations.items) {
        const key = JSON.stringify([v.rule_name, grouping === 'file' ? (v.file ?? '') : '']);
        const group = groups.get(key);
        if (group)
            group.push(v);
        else
            groups.set(key, [v]);
    }
    for (const vs of groups.values()) {
        const v = vs[0];
        const level = vs
            .map((x) => (0,severity/* levelOf */.In)(x.rule_instance_state))
            .reduce((a, b) => (LEVEL_RANK[b] > LEVEL_RANK[a] ? b : a));
        const ruleName = sarif_text(v.rule_name, 255) || 'A rule';
        const file = grouping === 'file' ? (v.file ?? undefined) : undefined;
        const fileText = sarif_text(file, 500);
        const files = distinct(vs.map((x) => sarif_text(x.file, 500)), PROPERTY_ITEMS);
        const threats = distinct(vs.map((x) => sarif_text(x.threat, 100)), 20);
        const threatNotes = distinct(vs.map((x) => x.threat
            ? `${sarif_text(x.threat, 100)}${x.threat_description ? ` (${sarif_text(x.threat_description, 500)})` : ''}`
            : sarif_text(x.threat_description, 500)), 10);
        const modules = distinct(vs.map((x) => sarif_text(x.module, 200)), 20);
        const operators = distinct(vs.map((x) => sarif_text(x.operator, 200)), 20);
        const descriptions = vs
            .slice(0, MESSAGE_FINDINGS)
            .map((x) => sarif_text(x.description, 1000))
            .filter(Boolean);
        const more = vs.length - Math.min(vs.length, MESSAGE_FINDINGS);
        const where = fileText ? ` in ${fileText}` : files.length > 1 ? ` in ${files.length} files` : '';
        const parts = [
            sarif_sentence(`${ruleName} failed: ${vs.length} finding${vs.length === 1 ? '' : 's'}${where}`),
            ...descriptions.map((d) => sarif_sentence(d)),
            ...(more > 0 ? [sarif_sentence(`And ${more} more in the gate report`)] : []),
            sarif_sentence(`Model: ${name}`)
        ];
        if (threatNotes.length > 0)
            parts.push(sarif_sentence(`Threat${threatNotes.length === 1 ? '' : 's'}: ${threatNotes.join('; ')}`));
        const fileFormats = file !== undefined ? formats.get(file) : undefined;
        add(v.rule_name, level, (0,severity/* securitySeverity */.KW)(v.rule_name), {
            level,
            message: { text: messageText(parts.join(' ')) },
            locations: [sarif_location(m, name, file, locate)],
            partialFingerprints: {
                // the place, not what is found there: a new finding in the same file is the same alert
                [FINGERPRINT_KEY]: fingerprint([modelUri, v.rule_name, grouping === 'file' ? (file ?? '') : '*'])
            },
            properties: {
                ...common,
                rule: ruleName,
                posture: sarif_text(v.rule_instance_state, 32),
                violation_count: vs.length,
                violation_uuids: vs.slice(0, PROPERTY_ITEMS).map((x) => sarif_text(x.uuid, 64)),
                ...(fileText ? { file: fileText } : files.length > 0 && { files }),
                ...(fileFormats?.length && { formats: fileFormats.slice(0, 20).map((f) => sarif_text(f, 64)) }),
                ...(threats.length > 0 && { threats }),
                ...(modules.length > 0 && { modules }),
                ...(operators.length > 0 && { operators }),
                ...optionalUrl('insights_url', vs.find((x) => x.insights_url)?.insights_url),
                ...optionalUrl('threat_kb_url', vs.find((x) => x.threat_kb_url)?.threat_kb_url)
            }
        });
    }
    // a failed rule whose violations are not in the report still needs an alert
    const violated = new Set(m.violations.items.map((v) => v.rule_name));
    const failedAlone = new Set();
    for (const e of m.evaluations.items) {
        if (e.result !== 'FAILED' || violated.has(e.rule_name) || failedAlone.has(e.rule_name))
            continue;
        failedAlone.add(e.rule_name);
        const level = (0,severity/* levelOf */.In)(e.rule_instance_state);
        const rule = sarif_text(e.rule_name, 255) || 'A rule';
        const count = e.violation_count;
        add(e.rule_name, level, (0,severity/* securitySeverity */.KW)(e.rule_name), {
            level,
            message: {
                text: messageText(`${sarif_sentence(`${rule} failed for model ${name}`)} ` +
                    sarif_sentence(`The service counted ${count} violation${count === 1 ? '' : 's'}, none of which is in the report`))
            },
            locations: [sarif_location(m, name, undefined, locate)],
            partialFingerprints: { [FINGERPRINT_KEY]: fingerprint([modelUri, e.rule_name, '', '', 'rule-failed']) },
            properties: { ...common, rule, posture: sarif_text(e.rule_instance_state, 32), violation_count: count }
        });
    }
    if (m.status === 'error') {
        const level = m.verdict === 'fail' ? 'error' : 'warning';
        const reason = sarif_text(m.reason, 1000);
        const codeName = m.error ? sarif_text(m.error.code, 64) : '';
        add(NOT_VERIFIED_KEY, level, severity/* NOT_VERIFIED_SEVERITY */.RX, {
            level,
            message: {
                text: messageText(`${sarif_sentence(`${name} could not be verified${reason ? `: ${reason}` : ''}`)}` +
                    (codeName ? ` ${sarif_sentence(`Error code: ${codeName}`)}` : ''))
            },
            locations: [sarif_location(m, name, undefined, locate)],
            partialFingerprints: { [FINGERPRINT_KEY]: fingerprint([modelUri, NOT_VERIFIED_RULE_ID]) },
            properties: { ...common, ...(codeName && { error_code: codeName }), reason }
        });
    }
    return out;
}
function sarif_location(m, name, file, locate) {
    const anchor = locate?.(m, file);
    const anchored = anchor && relativePath(anchor.file);
    const line = anchor?.line !== undefined && Number.isSafeInteger(anchor.line) && anchor.line >= 1 ? anchor.line : 1;
    const fileText = sarif_text(file, 500);
    const logicalLocations = [{ name, fullyQualifiedName: name, kind: 'module' }];
    if (fileText)
        logicalLocations.push({ name: fileText, fullyQualifiedName: `${name}/${fileText}`, kind: 'resource' });
    return {
        physicalLocation: {
            artifactLocation: anchored
                ? { uri: anchored, uriBaseId: '%SRCROOT%' }
                : modelLocation(m.model.model_uri),
            region: { startLine: anchored ? line : 1 }
        },
        logicalLocations
    };
}
/** The model itself: an absolute URI as it is (percent-encoded where needed), a path relative to the checkout. */
function modelLocation(modelUri) {
    const absolute = absoluteUri(modelUri) ?? absolutePath(modelUri);
    if (absolute)
        return { uri: absolute };
    return { uri: relativePath(modelUri) || '.', uriBaseId: '%SRCROOT%' };
}
/**
 * A local model outside the checkout (the CLI scans any path) as a file URI: read against %SRCROOT% it would
 * name a file inside the repository that was never scanned.
 */
function absolutePath(modelUri) {
    if (!/^(?:\/|[A-Za-z]:\/)/.test(modelUri))
        return undefined;
    const path = wellFormed(modelUri.slice(0, 4096));
    const drive = /^[A-Za-z]:\//.test(path);
    const segments = path.split('/').map((seg, i) => (drive && i === 0 ? seg : encodeURIComponent(seg)));
    return `file://${drive ? '/' : ''}${segments.join('/')}`;
}
const fingerprint = (parts) => sha256(JSON.stringify(parts));
// ---- assembling, within the limits ----
/** Results in priority order while the uncompressed log stays under the raw budget. */
function withinRawBudget(prioritized, descriptor) {
    let size = 0;
    const counted = new Set();
    for (let i = 0; i < prioritized.length; i++) {
        const c = prioritized[i];
        size += JSON.stringify(c.result).length + 64;
        if (!counted.has(c.key)) {
            counted.add(c.key);
            size += JSON.stringify(descriptor(c.key)).length;
        }
        if (size > SARIF_LIMITS.rawBudgetBytes)
            return prioritized.slice(0, i);
    }
    return prioritized;
}
function assemble({ report, options, facts, ids, descriptor, total }, keep, reason, withUnreferenced) {
    const referenced = new Set(keep.map((c) => c.key));
    const unreferenced = [...facts.keys()].filter((k) => !referenced.has(k));
    const room = Math.max(0, SARIF_LIMITS.maxRules - referenced.size);
    const extra = withUnreferenced ? [...unreferenced].sort(byCodeUnits).slice(0, room) : [];
    const keys = [...[...referenced].filter((k) => k !== NOT_VERIFIED_KEY), ...extra].sort((a, b) => byCodeUnits(ids.get(a), ids.get(b)));
    if (referenced.has(NOT_VERIFIED_KEY))
        keys.push(NOT_VERIFIED_KEY);
    const rules = keys.map(descriptor);
    const index = new Map(keys.map((k, i) => [k, i]));
    const results = [...keep]
        .sort((a, b) => a.order - b.order)
        .map((c) => ({ ruleId: rules[index.get(c.key)].id, ruleIndex: index.get(c.key), ...c.result }));
    const omitted = total - keep.length;
    const omittedRules = unreferenced.length - extra.length;
    const notifications = [];
    if (report.error)
        notifications.push({
            level: 'error',
            message: { text: messageText(sarif_sentence(`${report.error.code}: ${sarif_text(report.error.message, 1000)}`)) },
            descriptor: { id: report.error.code }
        });
    // a model that could not be verified is a run that did not succeed, whatever the others found
    const unverified = report.models.filter((m) => m.status === 'error');
    for (const m of unverified.slice(0, MAX_UNVERIFIED_NOTIFICATIONS))
        notifications.push({
            level: 'error',
            message: {
                text: messageText(sarif_sentence(`${sarif_text(m.model.model_uri, 300)} was not verified (${m.error?.code ?? 'ERROR'}): ${sarif_text(m.error?.message ?? m.reason, 1000)}`))
            },
            descriptor: { id: m.error?.code ?? 'NOT_VERIFIED' }
        });
    if (unverified.length > MAX_UNVERIFIED_NOTIFICATIONS)
        notifications.push({
            level: 'error',
            message: {
                text: `${unverified.length - MAX_UNVERIFIED_NOTIFICATIONS} more models were not verified; the gate report lists them.`
            },
            descriptor: { id: 'NOT_VERIFIED' }
        });
    if (omitted > 0)
        notifications.push({
            level: 'warning',
            message: {
                text: `${omitted} of ${total} results were left out to stay within GitHub code scanning's limits, ` +
                    'the least severe first. The gate report lists every finding.'
            }
        });
    const times = {
        ...(isTimestamp(report.started_at) && { startTimeUtc: report.started_at }),
        ...(isTimestamp(report.finished_at) && { endTimeUtc: report.finished_at })
    };
    const version = sarif_text(report.tool.version, 64) || '0.0.0';
    const category = options.category?.trim().replace(/\/+$/, '');
    return {
        $schema: SARIF_SCHEMA_URI,
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: { name: TOOL_NAME, version, semanticVersion: version, informationUri: sarif_TOOL_URI, rules }
                },
                ...(category && { automationDetails: { id: `${sarif_text(category, 200)}/` } }),
                invocations: [
                    {
                        executionSuccessful: !report.error && unverified.length === 0,
                        ...times,
                        ...(notifications.length && { toolExecutionNotifications: notifications })
                    }
                ],
                results,
                properties: {
                    verdict: report.verdict,
                    truncated: omitted > 0,
                    total_results: total,
                    omitted,
                    ...(omitted > 0 && { truncation_reason: reason ?? 'size' }),
                    ...(omittedRules > 0 && { omitted_rules: omittedRules })
                }
            }
        ]
    };
}
// ---- text and URIs ----
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const wellFormed = (s) => s.replace(LONE_SURROGATE, '\uFFFD');
/** One line of plain text: no control or bidi characters, bounded, no broken surrogate pairs. */
function sarif_text(s, max) {
    return wellFormed((0,util_text/* plainText */.wh)(s, max));
}
function sarif_sentence(s) {
    return /[.!?…]$/.test(s) ? s : `${s}.`;
}
/** A result message: square brackets and backslashes escaped so no SARIF embedded link can be formed. */
function messageText(s) {
    const escaped = s.replace(/[\\[\]]/g, '\\$&');
    if (escaped.length <= SARIF_LIMITS.maxMessageChars)
        return escaped;
    const cut = wellFormed(escaped.slice(0, SARIF_LIMITS.maxMessageChars - 1));
    // an odd run of backslashes at the end would escape the ellipsis
    const trailing = /\\*$/.exec(cut)[0].length;
    return `${trailing % 2 ? cut.slice(0, -1) : cut}…`;
}
function isTimestamp(s) {
    return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/.test(s) && !Number.isNaN(Date.parse(s));
}
/** An http(s) URL as its normalised, fully percent-encoded form; undefined for anything else. */
function httpUrl(s) {
    if (!s || s.length > 2048)
        return undefined;
    let url;
    try {
        url = new URL(wellFormed(s.trim()));
    }
    catch {
        return undefined;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        return undefined;
    return encodeUriChars(url.href);
}
function optionalUrl(key, s) {
    const url = httpUrl(s);
    return url ? { [key]: url } : {};
}
/**
 * Inside a Markdown link destination: nothing that could end it early, and no colon after the authority, so
 * no scheme-like text (`javascript:`) appears even inside a path.
 */
function markdownHref(url) {
    const authority = /^[a-z]+:\/\/[^/?#]*/i.exec(url)?.[0] ?? '';
    return authority + url.slice(authority.length).replace(/[():<> ]/g, (c) => percent(c));
}
const percent = (c) => [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
/** Percent-encodes what RFC 3986 does not allow, keeps valid escapes and the first '#'. */
function encodeUriChars(s) {
    let fragment = false;
    return wellFormed(s).replace(/%[0-9A-Fa-f]{2}|[\s\S]/gu, (c) => {
        if (c.length === 3 && c.startsWith('%'))
            return c;
        if (/^[A-Za-z0-9\-._~:/?@!$&'()*+,;=]$/.test(c))
            return c;
        if (c === '#' && !fragment) {
            fragment = true;
            return c;
        }
        return percent(c);
    });
}
/** `scheme://…` as a valid absolute URI, or undefined (also for what the URL parser refuses). */
function absoluteUri(s) {
    if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(s) || s.length > 4096)
        return undefined;
    try {
        return encodeUriChars(new URL(wellFormed(s)).href);
    }
    catch {
        return undefined;
    }
}
/** A repository-relative path as a relative URI reference: every segment percent-encoded. */
function relativePath(file) {
    const path = wellFormed(file.slice(0, 4096))
        .replace(/^(?:\.\/)+/, '')
        .replace(/^\/+/, '');
    return path === '' ? '' : path.split('/').map(encodeURIComponent).join('/');
}

;// CONCATENATED MODULE: ./src/report/summary.ts

/**
 * The job summary. GitHub refuses a step summary over 1 MiB (measured in bytes) and then shows nothing at
 * all, so the richest rendering under the limit is chosen; past it the summary is the complete short form
 * with a pointer to the JSON report.
 */
const SUMMARY_LIMIT_BYTES = 1024 * 1024;
/** room for what the runner or another step might add */
const MARGIN_BYTES = 8 * 1024;
const LEVELS = [
    {
        evaluations: true,
        violationsPerRule: 20_000,
        guidance: 'full',
        files: 'all',
        filesMax: 20_000,
        labels: true,
        sections: 'all'
    },
    {
        evaluations: true,
        violationsPerRule: 200,
        guidance: 'full',
        files: 'all',
        filesMax: 1000,
        labels: true,
        sections: 'all'
    },
    {
        evaluations: true,
        violationsPerRule: 20,
        guidance: 'full',
        files: 'problems',
        filesMax: 100,
        labels: true,
        sections: 'all'
    },
    {
        evaluations: true,
        violationsPerRule: 5,
        guidance: 'brief',
        files: 'none',
        filesMax: 0,
        labels: false,
        sections: 'all'
    }
];
function renderSummary(view, ctx = {}, limitBytes = SUMMARY_LIMIT_BYTES) {
    const budget = limitBytes - MARGIN_BYTES;
    return (0,markdown.fitMarkdown)(view, LEVELS, ctx, (text) => Buffer.byteLength(text, 'utf8') <= budget, 'The full summary is larger than GitHub’s 1 MiB limit for a job summary; every finding is in the JSON report.');
}

// EXTERNAL MODULE: ./src/util/confine.ts
var confine = __webpack_require__(29576);
;// CONCATENATED MODULE: ./src/publish.ts









/** The names the report and the SARIF log have inside the artifact (the default file names). */
const ARTIFACT_FILES = {
    // what merge-reports finds in the legs' downloaded artifacts (gate/shard.ts, LEG_REPORT_FILE)
    report: 'report.json',
    sarif: 'results.sarif',
    sbom: 'ml-bom.cdx.json',
    predicate: 'attestation-predicate.json',
    statement: 'attestation.intoto.json',
    checksums: 'attestation-checksums.txt'
};
async function publish(view, publishing, ctx, to) {
    const stage = async (name, f) => {
        try {
            await f();
        }
        catch (e) {
            to.logger.warning(`The ${name} could not be written: ${e instanceof Error ? e.message : String(e)}`);
        }
    };
    const entries = [];
    /** writes `data()` (JSON, or text as it is); nothing when it gives undefined or an empty text */
    const write = async (file, what, name, data) => {
        if (!file)
            return undefined;
        try {
            const value = data();
            if (value === undefined || value === '')
                return undefined;
            const text = typeof value === 'string' ? value : `${JSON.stringify(value, null, 2)}\n`;
            await (0,confine/* writeConfined */.ic)(file, text, ctx.env);
            entries.push({ name, text });
            return file;
        }
        catch (e) {
            to.logger.warning(`The ${what} could not be written to ${file}: ${e instanceof Error ? e.message : String(e)}`);
            return undefined;
        }
    };
    const report = await write(publishing.reportFile, 'JSON report', ARTIFACT_FILES.report, () => view.report);
    const sarif = await write(publishing.sarifFile, 'SARIF log', ARTIFACT_FILES.sarif, () => renderSarif(view, { locate: ctx.locate, category: ctx.sarifCategory, helpMarkdown: markdown.sarifHelp }));
    const sbom = await write(publishing.sbomFile, 'ML-BOM', ARTIFACT_FILES.sbom, () => mlBomJson(view.report));
    // the predicate always; the statement and the checksums only when a model is a subject (a file digest or
    // a Hugging Face commit), so an empty file never reaches actions/attest
    const { attestation = {} } = publishing;
    const predicate = await write(attestation.predicate, 'attestation predicate', ARTIFACT_FILES.predicate, () => attestationPredicate(view.report));
    const statement = await write(attestation.statement, 'in-toto statement', ARTIFACT_FILES.statement, () => attestationStatement(view.report));
    const checksums = await write(attestation.checksums, 'subject checksums', ARTIFACT_FILES.checksums, () => subjectChecksums(view.report));
    let artifact;
    if (to.upload && entries.length > 0) {
        try {
            artifact = await to.upload(entries);
        }
        catch (e) {
            to.logger.warning(`The report was not uploaded as an artifact: ${e instanceof Error ? e.message : String(e)}`);
        }
    }
    const files = {
        ...(report && { report }),
        ...(sarif && { sarif }),
        ...(sbom && { sbom }),
        ...(predicate && { predicate }),
        ...(statement && { statement }),
        ...(checksums && { checksums }),
        ...(artifact && { artifact })
    };
    // outputs are what later steps script against: failing to set them fails the step (not a courtesy)
    to.outputs?.(gateOutputs(view, files));
    await stage('log', () => to.log(view, files));
    const { reporting } = publishing;
    const { annotate, summary, comment } = to;
    if (reporting.annotations && annotate)
        await stage('annotations', () => annotate(annotationsFor(view.models, ctx.locate)));
    if (reporting.jobSummary && summary)
        await stage('job summary', () => summary(renderSummary(view, {
            ...(report && { reportFile: report }),
            ...(artifact && { artifactUrl: artifact.url }),
            ...(reporting.consoleUrl && { consoleUrl: reporting.consoleUrl })
        })));
    // a shard's leg sees part of the models: the merge job comments and keeps the issue, for all of them
    if (view.report.shard) {
        if (comment || to.issue)
            to.logger.info(`Shard ${view.report.shard.index}/${view.report.shard.count}: no pull-request comment or tracking issue from a leg; the merge-reports step writes them for every model.`);
        return files;
    }
    if (comment)
        await stage('pull-request comment', () => comment(view, files));
    if (to.issue) {
        const { issue } = to;
        await stage('tracking issue', () => issue(view, files));
    }
    return files;
}
/** One code-scanning category per job and comment tag, so matrix legs do not replace each other's results. */
function sarifCategory(env, commentTag) {
    return (0,util_text/* jobScopedName */.fS)(env.GITHUB_JOB, commentTag, '/');
}


/***/ })

};

//# sourceMappingURL=177.index.js.map