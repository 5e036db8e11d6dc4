export const id = 702;
export const ids = [702];
export const modules = {

/***/ 14721:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w: () => (/* binding */ listModel)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);


async function listModel(modelPath, maxFiles) {
    const root = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(modelPath);
    const st = await node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default().lstat(root);
    if (!st.isDirectory()) {
        const kind = st.isFile() ? 'file' : st.isSymbolicLink() ? 'symlink' : 'other';
        // a model path that is a link is not followed either: it is reported with where it leads
        const target = kind === 'symlink' ? await node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default().realpath(root).catch(() => undefined) : undefined;
        return {
            root: node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(root),
            entries: [
                {
                    rel: node_path__WEBPACK_IMPORTED_MODULE_1___default().basename(root),
                    abs: root,
                    kind,
                    size: st.size,
                    ...(kind === 'symlink' && { ...(target && { target }), inside: false })
                }
            ],
            truncated: false
        };
    }
    const realRoot = await node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default().realpath(root);
    const entries = [];
    let truncated = false;
    const queue = [''];
    while (queue.length > 0) {
        const dir = queue.shift();
        const names = (await node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default().readdir(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(root, dir), { withFileTypes: true })).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
        for (const d of names) {
            const rel = dir ? `${dir}/${d.name}` : d.name;
            const abs = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(root, rel);
            if (d.isDirectory()) {
                queue.push(rel);
                continue;
            }
            if (entries.length >= maxFiles) {
                truncated = true;
                return { root, entries, truncated };
            }
            if (d.isSymbolicLink()) {
                let target;
                try {
                    target = await node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default().realpath(abs);
                }
                catch {
                    target = undefined;
                }
                const inside = target !== undefined && (target === realRoot || target.startsWith(realRoot + (node_path__WEBPACK_IMPORTED_MODULE_1___default().sep)));
                entries.push({ rel, abs, kind: 'symlink', size: 0, ...(target && { target }), inside });
            }
            else if (d.isFile()) {
                const s = await node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default().lstat(abs);
                entries.push({ rel, abs, kind: 'file', size: s.size });
            }
            else {
                entries.push({ rel, abs, kind: 'other', size: 0 });
            }
        }
    }
    return { root, entries, truncated };
}


/***/ }),

/***/ 49113:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  jR: () => (/* binding */ DigestError),
  wR: () => (/* binding */ digestOrWarn),
  BK: () => (/* binding */ downloadDigest),
  Ed: () => (/* binding */ fromCommonFolder),
  a9: () => (/* binding */ modelDigest)
});

// UNUSED EXPORTS: listSha256

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./src/engine/walk.ts
var walk = __webpack_require__(14721);
;// CONCATENATED MODULE: ./src/util/checksum.ts
/**
 * One line as GNU `sha256sum` writes it: a name with a backslash or a line break is escaped and the line
 * marked with a leading backslash, so no file name can pass for another line (or a different set of files
 * for the same digest).
 */
function checksumLine(sha256, name) {
    if (!/[\\\n\r]/.test(name))
        return `${sha256}  ${name}\n`;
    const escaped = name.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
    return `\\${sha256}  ${escaped}\n`;
}

;// CONCATENATED MODULE: ./src/gate/model-digest.ts





/**
 * The content digest of a local model: sha256 of every file, streamed (a model of many gigabytes is never
 * held in memory), and one sha256 over the sorted `<sha256>  <path>` lines, the format `sha256sum` writes and
 * `sha256sum -c` and `actions/attest`'s `subject-checksums` read. What a release binds its verdict to:
 * `verify` re-hashes the artifact about to be promoted and compares.
 *
 * A symbolic link is hashed as the file it leads to (what a loader reads); one that leads nowhere, or to
 * something that is not a file, makes the digest impossible, and then there is none (never a partial one).
 */
/** More files than a model plausibly has; past it the listing is cut and no digest is claimed. */
const MAX_FILES = 100_000;
class DigestError extends Error {
}
/**
 * The digest, or none with a warning saying why: the verdict does not depend on it, but a release that binds
 * to the artifact must know it has nothing to bind to.
 */
async function digestOrWarn(modelPath, warnings, digest = modelDigest) {
    try {
        return await digest(modelPath);
    }
    catch (e) {
        warnings.push(`No content digest of the model (${e instanceof Error ? e.message : String(e)}): a release cannot bind this verdict to its files.`);
        return undefined;
    }
}
async function modelDigest(modelPath) {
    const listing = await (0,walk/* listModel */.w)(modelPath, MAX_FILES);
    if (listing.truncated)
        throw new DigestError(`more than ${MAX_FILES} files`);
    const files = [];
    for (const entry of listing.entries) {
        if (entry.kind === 'other')
            throw new DigestError(`${entry.rel} is neither a file nor a link`);
        // a link is read through, as a loader would; what it leads to must be a file
        const st = await (0,promises_.stat)(entry.abs).catch(() => undefined);
        if (!st?.isFile())
            throw new DigestError(`${entry.rel} leads to no file`);
        files.push({ path: entry.rel, sha256: await fileSha256(entry.abs), size: st.size });
    }
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { sha256: listSha256(files), files };
}
/**
 * An object-storage model as the client on the runner downloaded it, before it is removed: what was scanned.
 * The client lays its download out under folders of its own naming (the scheme, a random name), so the files
 * are named from the deepest folder that holds them all, and the same objects give the same digest every run.
 */
async function downloadDigest(downloadDir) {
    const all = await modelDigest(downloadDir);
    if (all.files.length === 0)
        throw new DigestError('the client left no downloaded file to hash');
    return fromCommonFolder(all);
}
/** The digest with its files named from the deepest folder that holds them all (a file keeps its name). */
function fromCommonFolder(digest) {
    const split = digest.files.map((f) => f.path.split('/'));
    const first = split[0] ?? [];
    let depth = 0;
    while (split.length > 0 && split.every((p) => p.length - 1 > depth && p[depth] === first[depth]))
        depth++;
    if (depth === 0)
        return digest;
    const files = digest.files.map((f, i) => ({ ...f, path: split[i].slice(depth).join('/') }));
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { sha256: listSha256(files), files };
}
/** sha256 over `sha256sum` lines: the same files give the same digest wherever they are. */
function listSha256(files) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for (const f of files)
        hash.update(checksumLine(f.sha256, f.path));
    return hash.digest('hex');
}
async function fileSha256(file) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for await (const chunk of (0,external_node_fs_.createReadStream)(file, { highWaterMark: 1024 * 1024 }))
        hash.update(chunk);
    return hash.digest('hex');
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

/***/ 43731:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ mapLimit)
/* harmony export */ });
/** `fn` over `items`, at most `limit` at once, results in input order. */
async function mapLimit(items, limit, fn) {
    const out = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            out[i] = await fn(items[i], i);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return out;
}


/***/ })

};

//# sourceMappingURL=702.index.js.map