export const id = 989;
export const ids = [989];
export const modules = {

/***/ 5989:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   mergeReports: () => (/* binding */ mergeReports)
/* harmony export */ });
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(311);
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9997);
/* harmony import */ var _result_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4726);
/* harmony import */ var _verdict_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5950);




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


/***/ })

};

//# sourceMappingURL=989.index.js.map