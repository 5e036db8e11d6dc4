export const id = 496;
export const ids = [496];
export const modules = {

/***/ 4031:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aY: () => (/* binding */ code),
/* harmony export */   js: () => (/* binding */ htmlText),
/* harmony export */   md: () => (/* binding */ md),
/* harmony export */   nf: () => (/* binding */ link),
/* harmony export */   wh: () => (/* reexport safe */ _util_text_js__WEBPACK_IMPORTED_MODULE_0__.wh)
/* harmony export */ });
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9997);


/**
 * Text from the API or from a model repository (file names, descriptions, group names) may be written by an
 * attacker. Before it goes into Markdown it loses control characters, HTML, Markdown syntax, @mentions and
 * autolinks, and is cut to a bounded length.
 */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&"':$]/g;
// `$` starts math in GitHub's Markdown; an entity is shown as the character and never parsed as math
const ENTITY = {
    '<': '&lt;',
    '>': '&gt;',
    '&': '&amp;',
    '"': '&quot;',
    "'": '&#39;',
    $: '&#36;'
};
/** Safe inside Markdown paragraphs and table cells: renders as the literal text, links and mentions inert. */
function md(text, max = 500) {
    return ((0,_util_text_js__WEBPACK_IMPORTED_MODULE_0__/* .plainText */ .wh)(text, max)
        .replace(MARKDOWN_SPECIAL, (c) => ENTITY[c] ?? `\\${c}`)
        // @team would notify people: GitHub finds mentions in the rendered text, so an entity is not enough;
        // a zero-width space after the @ breaks the mention and renders the same
        .replace(/@/g, '@&#8203;')
        // bare URLs autolink: break the scheme so nothing is clickable
        .replace(/\b(https?|ftp|file|javascript|data|vbscript)(\\:)/gi, '$1&#58;')
        .replace(/\bwww\\\./gi, 'www&#46;')
        // #42, org/repo#42 and GH-42 link issues (and notify them) after rendering: break them like mentions
        .replace(/\\#(?=\d)/g, '\\#&#8203;')
        .replace(/\bGH\\-(?=\d)/gi, (m) => `${m}&#8203;`));
}
/** Inline code span that cannot be broken out of. */
function code(text, max = 200) {
    const t = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_0__/* .plainText */ .wh)(text, max)
        // issue references, before any numeric entity is written (a literal zero-width space: plainText removed
        // any the text had, so these are ours)
        .replace(/#(?=\d)/g, '#\u200b')
        .replace(/\bGH-(?=\d)/gi, (m) => `${m}\u200b`)
        .replace(/`/g, 'ˋ')
        .replace(/[<>&|]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '|': '&#124;' })[c])
        // the element's content is still parsed as Markdown: keep links, images and autolinks inert
        .replace(/[\\[\]*_~]/g, '\\$&')
        .replace(/:/g, '&#58;')
        .replace(/\$/g, '&#36;')
        .replace(/www\./gi, 'www&#46;');
    return `<code>${t.replace(/@/g, '@&#8203;')}</code>`;
}
/**
 * A link whose target came from the service (documentation, threat intelligence): only https URLs, with every
 * character that could end the link destination or start HTML percent-encoded; anything else is shown as
 * inert text.
 */
function link(label, url) {
    let u;
    try {
        u = new URL(url ?? '');
    }
    catch {
        return md(label, 200);
    }
    if (u.protocol !== 'https:' || u.href.length > 2048)
        return md(label, 200);
    u.username = '';
    u.password = '';
    const href = u.href.replace(/[\s"'()<>[\]\\`|*_~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
    return `[${md(label, 200)}](${href})`;
}
/**
 * Text inside raw HTML (a `<summary>`): GitHub does not read Markdown there, so backslash escapes would show;
 * entities instead, with mentions, issue references and autolinks broken as md() breaks them.
 */
function htmlText(text, max = 200) {
    return (0,_util_text_js__WEBPACK_IMPORTED_MODULE_0__/* .plainText */ .wh)(text, max)
        .replace(/[<>&"']/g, (c) => ENTITY[c])
        .replace(/@/g, '@&#8203;')
        .replace(/#(?=\d)/g, '#&#8203;')
        .replace(/:/g, '&#58;');
}


/***/ }),

/***/ 5780:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   XL: () => (/* binding */ UNVERIFIED_STEP),
/* harmony export */   sk: () => (/* binding */ nextStep)
/* harmony export */ });
/* unused harmony export NEXT_STEP */
/**
 * What to do when a model could not be verified, per error code: the "What to do" column of
 * docs/troubleshooting.md (a test keeps the two the same), shown next to the error so nobody has to look it up.
 */
/** What to do about a file that could not be verified (the model's next step, and the list's advice). */
const UNVERIFIED_STEP = 'Each file under “Could not verify” says why. Check it is a file you expect; re-save it in a format the scanner reads in full (safetensors for weights), or scan it with the AIRS service. Do not load it until then.';
const NEXT_STEP = {
    INVALID_INPUT: 'Fix the named input.',
    SCANNER_SETUP: 'Follow the message: add `actions/setup-python` (3.12), fix `scanner-version`, or check that the account may download the client.',
    SCANNER_FAILED: "Read the quoted error; for object storage check the cloud credentials and the URI. `ACTIONS_STEP_DEBUG` shows the client's output.",
    UNSUPPORTED_SOURCE: 'Use the action or the CLI, which both scan local and object-storage models.',
    AUTH_FAILED: 'Check the three credentials belong together and the service account has AI Model Security permissions.',
    SECURITY_GROUP: "Use the exact name (case-sensitive) or the UUID of a group for the model's source, or leave `security-group` empty.",
    SERVICE_ERROR: 'The message names the endpoint, the status and the request ID for support.',
    NETWORK_ERROR: 'Behind a proxy set `HTTPS_PROXY` / `NO_PROXY`; behind TLS inspection set `NODE_EXTRA_CA_CERTS`.',
    CONTRACT_VIOLATION: 'Report it with the message; the endpoint and field are named.',
    SCAN_ERROR: "Read the scan's `error_code` in the message. Over 1,000 files: scan only the files you deploy with `allow-patterns`, and deploy only those (a file left out is not verified).",
    UNREADABLE_FILES: UNVERIFIED_STEP,
    RULE_ERROR: 'Re-run; if it persists, report the scan UUID.',
    TIMEOUT: 'Raise `timeout`; follow the scan UUID in Strata Cloud Manager.',
    REVISION_UNRESOLVED: 'Check the name and the revision; a gated or private model needs `HF_TOKEN`; a mirror is `HF_ENDPOINT`. Or pin `@<commit>` yourself.',
    NOTHING_TO_VERIFY: 'Check the path and the allow/ignore patterns; fetch the model into the path before this step.',
    UNKNOWN_OUTCOME: 'Update the action.',
    INCONSISTENT_RESULT: 'Report the scan UUID; the gate does not trust the outcome. A group with every rule disabled verifies nothing: enable its rules.',
    STALE_SCAN: 'Scan the model again: `rescan-stale: true` re-scans Hugging Face models from the inventory; list others in model-uri or models-file.',
    INCOMPLETE_MERGE: "Give merge-reports every shard's report (each leg uploads its own artifact; download them all), from legs of one run with the same `shard` count and models.",
    INTERNAL_ERROR: 'Please open an issue with the log.'
};
function nextStep(code) {
    return code !== undefined && Object.hasOwn(NEXT_STEP, code) ? NEXT_STEP[code] : undefined;
}


/***/ }),

/***/ 7496:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MARK: () => (/* binding */ MARK),
/* harmony export */   modelLines: () => (/* binding */ modelLines),
/* harmony export */   modelTitle: () => (/* binding */ modelTitle),
/* harmony export */   renderTerminal: () => (/* binding */ renderTerminal)
/* harmony export */ });
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4031);
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9997);
/* harmony import */ var _next_step_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5780);



/**
 * The text report: the CLI's output, and the action's log (one group per model). Plain text with control
 * characters stripped and lengths bounded.
 */
const MAX_VIOLATIONS_SHOWN = 20;
const MARK = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' };
const t = (s, max = 300) => (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .plainText */ .wh)(s, max);
const BAND = {
    critical: 'CRITICAL',
    high: 'HIGH',
    medium: 'MEDIUM',
    low: 'LOW'
};
/** The first line of a model's block: the group title in the action's log. */
function modelTitle(m) {
    return `[${MARK[m.verdict]}] ${t(m.name)}: ${t(m.outcome, 40)}`;
}
/** The rest of a model's block. */
function modelLines(m) {
    const out = [t(m.reason, 600)];
    if (m.engine === 'builtin')
        out.push('scanned by the built-in engine (offline, static; not the AIRS service)');
    if (m.group)
        out.push(`${m.engine === 'builtin' ? 'policy' : 'group'} ${t(m.group.name)} (${m.group.uuid})`);
    if (m.mode)
        out.push(`mode ${t(m.mode, 20)} (models-file)`);
    if (m.notEvaluated.length > 0)
        out.push(`not evaluated: ${m.notEvaluated.map((r) => t(r)).join(', ')}`);
    if (m.status === 'error') {
        // counts of a model not verified say nothing: never "0 failed"
        out.push(`${m.scanUuid ? `scan ${m.scanUuid}: ` : ''}not verified${m.errorCode ? ` (${m.errorCode})` : ''}`);
        const step = (0,_next_step_js__WEBPACK_IMPORTED_MODULE_1__/* .nextStep */ .sk)(m.errorCode);
        if (step)
            out.push(`next step: ${step}`);
    }
    else if (m.scanUuid)
        out.push(`scan ${m.scanUuid}${m.reused ? ` ${m.reused}` : ''}: ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_2__/* .formatCount */ .B4)(m.rulesPassed)} passed, ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_2__/* .formatCount */ .B4)(m.rulesFailed)} failed of ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_2__/* .formatCount */ .B4)(m.totalRules)} rules; ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_2__/* .countOf */ .pq)(m.violations, 'violation')}`);
    for (const f of m.findings) {
        out.push(`- [${BAND[f.band]}] ${t(f.rule)} ${t(f.result, 20)} (${t(f.posture, 20)})`);
        for (const x of f.violations.slice(0, MAX_VIOLATIONS_SHOWN))
            out.push(`    ${x.file ? `${t(x.file, 200)}: ` : ''}${t(x.description)}`);
        const more = f.violationCount - Math.min(f.violations.length, MAX_VIOLATIONS_SHOWN);
        if (more > 0)
            out.push(`    … and ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_2__/* .formatCount */ .B4)(more)} more in the JSON report`);
        const fix = f.guidance.summary ?? f.guidance.steps[0];
        if (fix)
            out.push(`    fix: ${t(fix)}`);
        const doc = f.guidance.links[0];
        if (doc)
            out.push(`    see: ${t(doc.url, 300)}`);
    }
    if (m.unverified.length > 0) {
        out.push(`- could not verify ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_2__/* .countOf */ .pq)(m.unverified.length, 'file')} (nothing found harmful, not verified either):`);
        for (const u of m.unverified.slice(0, MAX_VIOLATIONS_SHOWN))
            out.push(`    ${t(u.path, 200)}: ${t(u.why, 600)}`);
        if (m.unverified.length > MAX_VIOLATIONS_SHOWN)
            out.push(`    … and ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_2__/* .formatCount */ .B4)(m.unverified.length - MAX_VIOLATIONS_SHOWN)} more in the JSON report`);
        // the model's next step says the same when nothing else stands in the way
        if (m.errorCode !== 'UNREADABLE_FILES')
            out.push(`    what to do: ${t(_next_step_js__WEBPACK_IMPORTED_MODULE_1__/* .UNVERIFIED_STEP */ .XL, 400)}`);
    }
    const d = m.drift;
    if (d?.drifted && d.since)
        out.push(`changed since scan ${d.since.scanUuid} (${t(d.since.at, 30)}): ${d.phrases.map((p) => t(p)).join('; ')}`);
    else if (d?.since)
        out.push(`${d.unknown.length > 0 ? 'no change found, in what could be compared, since' : 'unchanged since'} scan ${d.since.scanUuid} (${t(d.since.at, 30)})`);
    for (const u of d?.unknown ?? [])
        out.push(`not compared with the previous scan: ${t(u, 600)}`);
    for (const w of m.warnings)
        out.push(`warning: ${t(w, 600)}`);
    return out;
}
function renderTerminal(view, reportFile, sarifFile) {
    const out = [];
    for (const m of view.models)
        out.push(modelTitle(m), ...modelLines(m).map((l) => `       ${l}`));
    const c = view.changes;
    if (c)
        out.push('', `Changed since the previous scan: ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_2__/* .formatCount */ .B4)(c.drifted)} of ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_2__/* .formatCount */ .B4)(c.compared)} compared${c.newlyBlocked > 0 ? `, ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_2__/* .formatCount */ .B4)(c.newlyBlocked)} newly blocked` : ''}${c.first > 0 ? `; ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_2__/* .formatCount */ .B4)(c.first)} scanned for the first time` : ''}`);
    out.push('', t(view.headline, 1000));
    if (reportFile)
        out.push(`Full results: ${reportFile}`);
    if (sarifFile)
        out.push(`SARIF: ${sarifFile}`);
    return out.join('\n');
}


/***/ })

};

//# sourceMappingURL=496.index.js.map