export const id = 989;
export const ids = [989];
export const modules = {

/***/ 65989:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   mergeReports: () => (/* binding */ mergeReports)
/* harmony export */ });
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(311);
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(49997);
/* harmony import */ var _result_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(34726);
/* harmony import */ var _verdict_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(15950);




/** Problems named in the run's error; the rest are counted. */
const MAX_PROBLEMS = 5;
function mergeReports(files) {
    const problems = [];
    const legs = [];
    for (const { file, text } of files) {
        const report = parsed(file, text, problems);
        if (report)
            legs.push({ file, report });
    }
    const sharded = legs.filter((l) => l.report.shard);
    if (sharded.length > 0 && sharded.length < legs.length)
        problems.push(`${legs.length - sharded.length} of the reports are not of a shard, the others are`);
    const settings = legs[0]?.report.settings ?? _result_js__WEBPACK_IMPORTED_MODULE_0__.NO_RUN_SETTINGS;
    const differs = legs.find((l) => l.report.settings.mode !== settings.mode || l.report.settings.on_error !== settings.on_error);
    if (differs)
        problems.push(`${name(differs.file)} ran with mode ${differs.report.settings.mode}, on-error ${differs.report.settings.on_error}, unlike ${name(legs[0].file)}`);
    const models = sharded.length === legs.length && legs.length > 0 ? shardModels(legs, problems) : listModels(legs);
    const legErrors = legs.flatMap((l) => l.report.error ? [{ ...l.report.error, message: `${legName(l)}: ${l.report.error.message}` }] : []);
    const error = problems.length > 0
        ? {
            code: 'INCOMPLETE_MERGE',
            message: `The reports do not make one whole run: ${problems.slice(0, MAX_PROBLEMS).join('; ')}${problems.length > MAX_PROBLEMS ? `; and ${problems.length - MAX_PROBLEMS} more` : ''}.`
        }
        : legErrors[0];
    // a verdict is never taken on a leg's word alone: a model that was not allowed, or a leg that stopped on an
    // error, cannot pass (whatever the file says)
    const verdicts = [
        ...legs.map((l) => l.report.verdict),
        ...models.map((m) => m.verdict),
        ...models.flatMap((m) => {
            const status = evidenced(m);
            return status === 'allowed' ? [] : [(0,_verdict_js__WEBPACK_IMPORTED_MODULE_1__/* .judge */ .S4)(status, m.mode ?? settings.mode, settings.on_error)];
        }),
        // merging nothing verified nothing
        ...(models.length === 0 ? [(0,_verdict_js__WEBPACK_IMPORTED_MODULE_1__/* .judge */ .S4)('error', settings.mode, settings.on_error)] : []),
        ...legErrors.map(() => (0,_verdict_js__WEBPACK_IMPORTED_MODULE_1__/* .judge */ .S4)('error', settings.mode, settings.on_error)),
        ...(problems.length > 0 ? [(0,_verdict_js__WEBPACK_IMPORTED_MODULE_1__/* .judge */ .S4)('error', settings.mode, settings.on_error)] : [])
    ];
    const times = legs
        .flatMap((l) => [Date.parse(l.report.started_at), Date.parse(l.report.finished_at)])
        .filter(Number.isFinite);
    const count = legs[0]?.report.shard?.count;
    return {
        ...(0,_result_js__WEBPACK_IMPORTED_MODULE_0__.gateReport)({
            started: times.length ? Math.min(...times) : Date.now(),
            finished: times.length ? Math.max(...times) : Date.now(),
            settings,
            // no report at all is not a pass (worst of nothing is a failure)
            verdict: (0,_verdict_js__WEBPACK_IMPORTED_MODULE_1__/* .worst */ .QZ)(verdicts),
            ...(error && { error }),
            models
        }),
        ...(legs.length > 0 && {
            merged: {
                reports: legs.length,
                ...(count !== undefined && sharded.length === legs.length && { shards: count })
            }
        })
    };
}
/**
 * A model's status as its own record supports it: `allowed` only with an `ALLOWED` scan (or inventory record)
 * and no error. A leg's file could say `allowed` over a `BLOCKED` scan; the merge does not take its word.
 */
function evidenced(m) {
    if (m.status !== 'allowed')
        return m.status;
    const outcome = m.scan ? m.scan.eval_outcome : m.inventory?.outcome;
    return outcome === 'ALLOWED' && !m.error ? 'allowed' : 'error';
}
/** A report as read, or why it is not one (pushed to problems). */
function parsed(file, text, problems) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        problems.push(`${name(file)} is not JSON`);
        return undefined;
    }
    const r = _result_js__WEBPACK_IMPORTED_MODULE_0__/* .GateReportSchema */ .dj.safeParse(json);
    if (!r.success) {
        const issue = r.error.issues[0];
        problems.push(`${name(file)} is not a gate report (${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_2__/* .plainText */ .wh)(`${issue?.path.join('.') || 'the report'}: ${issue?.message ?? 'invalid'}`, 160)})`);
        return undefined;
    }
    if (r.data.tool.name !== _version_js__WEBPACK_IMPORTED_MODULE_3__/* .PRODUCT */ .A) {
        problems.push(`${name(file)} was written by ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_2__/* .plainText */ .wh)(r.data.tool.name, 60)}, not ${_version_js__WEBPACK_IMPORTED_MODULE_3__/* .PRODUCT */ .A}`);
        return undefined;
    }
    return r.data;
}
/** The legs' models in the order of the whole list, each shard checked against the others. */
function shardModels(legs, problems) {
    const first = legs[0].report.shard;
    const byIndex = new Map();
    for (const l of legs) {
        const s = l.report.shard;
        if (s.count !== first.count || s.models !== first.models) {
            problems.push(`${name(l.file)} is shard ${s.index}/${s.count} of ${s.models} models, ${name(legs[0].file)} ${first.index}/${first.count} of ${first.models}`);
            continue;
        }
        // the same count of models is not the same models: each leg names the whole list it split
        if (s.list_sha256 !== first.list_sha256) {
            problems.push(`${name(l.file)} split another list of models than ${name(legs[0].file)}`);
            continue;
        }
        const run = l.report.context?.run_id;
        if (run !== legs[0].report.context?.run_id) {
            problems.push(`${name(l.file)} comes from another workflow run than ${name(legs[0].file)}`);
            continue;
        }
        const seen = byIndex.get(s.index);
        if (seen !== undefined)
            problems.push(`shard ${s.index}/${s.count} is given twice (${name(seen)} and ${name(l.file)})`);
        else
            byIndex.set(s.index, l.file);
    }
    const models = new Map();
    for (const l of legs) {
        const s = l.report.shard;
        if (byIndex.get(s.index) !== l.file)
            continue;
        for (const m of l.report.models) {
            if (m.index > first.models || (m.index - 1) % first.count !== s.index - 1) {
                problems.push(`${name(l.file)} (shard ${s.index}/${s.count}) holds model ${m.index}, which is not in that shard`);
                continue;
            }
            if (models.has(m.index))
                problems.push(`model ${m.index} is reported twice`);
            models.set(m.index, m);
        }
    }
    for (let i = 1; i <= first.count; i++)
        if (!byIndex.has(i)) {
            const expected = Math.max(0, Math.ceil((first.models - (i - 1)) / first.count));
            problems.push(`shard ${i}/${first.count} is missing: its ${expected} model(s) were not verified`);
        }
    for (const l of legs) {
        const s = l.report.shard;
        if (byIndex.get(s.index) !== l.file)
            continue;
        const expected = Math.max(0, Math.ceil((first.models - (s.index - 1)) / first.count));
        const got = l.report.models.length;
        if (got !== expected && !l.report.error)
            problems.push(`${legName(l)} reports ${got} of its ${expected} model(s)`);
    }
    return [...models.values()].sort((a, b) => a.index - b.index);
}
/** Reports that are not shards (separate runs): their models one after the other, numbered anew. */
function listModels(legs) {
    return legs
        .flatMap((l) => [...l.report.models].sort((a, b) => a.index - b.index))
        .map((m, i) => ({ ...m, index: i + 1 }));
}
const name = (file) => (0,_util_text_js__WEBPACK_IMPORTED_MODULE_2__/* .plainText */ .wh)(file, 120);
function legName(l) {
    const s = l.report.shard;
    return s ? `shard ${s.index}/${s.count} (${name(l.file)})` : name(l.file);
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


/***/ })

};

//# sourceMappingURL=989.index.js.map