export const id = 221;
export const ids = [221];
export const modules = {

/***/ 88221:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   artifactUnavailable: () => (/* binding */ artifactUnavailable),
/* harmony export */   resultsArtifactName: () => (/* binding */ resultsArtifactName),
/* harmony export */   uploadResults: () => (/* binding */ uploadResults)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(49997);




/**
 * Long enough for a report of many megabytes and the client's own retries (five attempts, ~25 s of backoff),
 * short enough that a stalled service cannot hold the job.
 */
const UPLOAD_DEADLINE_MS = 2 * 60_000;
/**
 * A matrix whose legs share a job and a tag would otherwise fail on the second leg's name; past a few, the
 * names should be chosen (artifact-name), and the upload fails with a warning that says so.
 */
const MAX_NAME_TRIES = 5;
/** Why the runner cannot take an artifact; undefined when it can. */
function artifactUnavailable(env) {
    if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL)
        return 'the runner offers no artifact service (outside GitHub Actions)';
    // the artifact's link is built from them
    if (!/^[\w.-]+\/[\w.-]+$/.test(env.GITHUB_REPOSITORY ?? '') || !/^\d+$/.test(env.GITHUB_RUN_ID ?? ''))
        return 'the runner did not say which run this is';
    if (isEnterpriseServer(env.GITHUB_SERVER_URL))
        return 'GitHub Enterprise Server does not offer the artifact service @actions/artifact uses';
    return undefined;
}
/** @actions/artifact's own test (config.ts isGhes): github.com, GHE.com and localhost are not GHES. */
function isEnterpriseServer(serverUrl) {
    let host;
    try {
        host = new URL(serverUrl || 'https://github.com').hostname.toUpperCase();
    }
    catch {
        return true;
    }
    return !(host === 'GITHUB.COM' || host.endsWith('.GHE.COM') || host.endsWith('.LOCALHOST'));
}
/**
 * The artifact's name: the `artifact-name` input, or one per job and comment tag (as the SARIF category is),
 * with the run attempt when it is a re-run: a name may be used once per workflow run, re-runs included.
 */
function resultsArtifactName(given, commentTag, env) {
    const base = given ?? (0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .jobScopedName */ .fS)(env.GITHUB_JOB, commentTag, '-');
    const attempt = Number(env.GITHUB_RUN_ATTEMPT);
    return Number.isSafeInteger(attempt) && attempt > 1 ? `${base}-attempt-${attempt}` : base;
}
/** Uploads the files; throws when the service refuses them or the deadline passes. */
async function uploadResults(files, options) {
    const { env, logger } = options;
    const base = resultsArtifactName(options.name, options.commentTag, env);
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(env.RUNNER_TEMP || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'airs-model-gate-artifact-'));
    let timer;
    let abandoned = false;
    try {
        // written from memory into a private directory: the client uploads from one root, and nothing another
        // step left in the workspace (a link, a swapped file) can end up in the artifact
        const paths = await Promise.all(files.map(async (f) => {
            const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, f.name);
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(path, f.text, { flag: 'wx', mode: 0o600 });
            return path;
        }));
        const { DefaultArtifactClient } = await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(735), __webpack_require__.e(260), __webpack_require__.e(838), __webpack_require__.e(351), __webpack_require__.e(252)]).then(__webpack_require__.bind(__webpack_require__, 91252));
        const client = new DefaultArtifactClient();
        const upload = async () => {
            for (let i = 1;; i++) {
                const name = i === 1 ? base : `${base}-${i}`;
                try {
                    const { id } = await client.uploadArtifact(name, paths, dir);
                    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0)
                        throw new Error('the artifact service did not return the artifact’s ID');
                    return { name, id, url: artifactUrl(env, id) };
                }
                catch (e) {
                    if (!isNameTaken(e) || i === MAX_NAME_TRIES)
                        throw e;
                    logger.info(`An artifact named ${name} already exists in this run (another matrix leg?); trying ${base}-${i + 1}. Give each leg its own artifact-name to choose the names.`);
                }
            }
        };
        const deadline = options.deadlineMs ?? UPLOAD_DEADLINE_MS;
        return await Promise.race([
            upload(),
            new Promise((_, reject) => {
                timer = setTimeout(() => {
                    abandoned = true;
                    reject(new Error(`it did not finish within ${Math.round(deadline / 1000)} s`));
                }, deadline);
            })
        ]);
    }
    finally {
        clearTimeout(timer);
        // an abandoned upload may still be reading the files; the runner empties RUNNER_TEMP after the job
        if (!abandoned)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(dir, { recursive: true, force: true }).catch(() => { });
    }
}
/** The service answers a taken name with 409 Conflict; the client reports it in its message only. */
function isNameTaken(e) {
    return e instanceof Error && /\(409\)/.test(e.message);
}
function artifactUrl(env, id) {
    // the origin only: a path or fragment in the variable cannot aim the link elsewhere
    const server = new URL(env.GITHUB_SERVER_URL || 'https://github.com').origin;
    return `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}/artifacts/${id}`;
}


/***/ })

};

//# sourceMappingURL=221.index.js.map