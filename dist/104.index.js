export const id = 104;
export const ids = [104];
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

/***/ 94104:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  verifyModels: () => (/* binding */ verifyModels)
});

// EXTERNAL MODULE: ./src/airs/dispatcher.ts
var airs_dispatcher = __webpack_require__(77996);
// EXTERNAL MODULE: ./src/util/gate-error.ts
var gate_error = __webpack_require__(7938);
// EXTERNAL MODULE: ./src/util/text.ts
var util_text = __webpack_require__(49997);
// EXTERNAL MODULE: ./src/util/sleep.ts
var sleep = __webpack_require__(97783);
// EXTERNAL MODULE: ./src/gate/hub-revision.ts
var hub_revision = __webpack_require__(81868);
// EXTERNAL MODULE: ./src/gate/result.ts
var result = __webpack_require__(34726);
// EXTERNAL MODULE: ./src/util/duration.ts
var duration = __webpack_require__(26518);
// EXTERNAL MODULE: ./src/gate/model-digest.ts + 1 modules
var model_digest = __webpack_require__(49113);
;// CONCATENATED MODULE: ./src/gate/verify-artifact.ts



/** Throws GateError when the check itself cannot be made (unreadable artifact, Hub unreachable). */
async function verifyArtifact(req, deps) {
    const { artifact, report } = req;
    const found = await match(req, deps);
    if ('fail' in found)
        return { status: 'fail', message: found.fail };
    const m = found.model;
    const name = m.model.model_uri;
    if (m.verdict !== 'pass' || m.status !== 'allowed')
        return { status: 'fail', model: m, message: `${name} was not allowed by that run: ${m.reason}` };
    // an inventory audit reads the service's record of a model, not a scan: no artifact is bound to it
    if (!m.scan)
        return { status: 'fail', model: m, message: `${name}: the report holds no scan of it to verify against.` };
    if (req.group !== undefined) {
        const g = m.security_group;
        if (!g || (g.uuid.toLowerCase() !== req.group.toLowerCase() && g.name !== req.group))
            return {
                status: 'fail',
                model: m,
                message: `${name} was scanned under security group ${g ? `"${g.name}" (${g.uuid})` : 'none'}, not "${req.group}".`
            };
    }
    if (req.maxAgeMs !== undefined) {
        const at = Date.parse(m.scan?.created_at ?? m.started_at);
        const age = req.now - at;
        if (!Number.isFinite(at) || age > req.maxAgeMs)
            return {
                status: 'fail',
                model: m,
                message: `${name} was scanned ${Number.isFinite(at) ? `${(0,duration/* formatDuration */.a)(age)} ago` : 'at an unknown time'}, longer ago than max-age (${(0,duration/* formatDuration */.a)(req.maxAgeMs)}); scan it again${m.reused ? ' (without reuse, or with a reuse window shorter than max-age)' : ''}.`
            };
    }
    const what = artifact.sourceType === 'HUGGING_FACE'
        ? `commit ${m.model.resolved_revision}`
        : `content sha256 ${m.model.digest?.sha256}`;
    return {
        status: 'pass',
        model: m,
        message: `${name}: the ${what} was scanned by ${report.tool.name} ${report.tool.version} and allowed${m.security_group ? ` under "${m.security_group.name}"` : ''} at ${m.finished_at}${m.reused && m.scan ? ` (reusing scan ${m.scan.uuid} of ${m.scan.created_at})` : ''}.`
    };
}
async function match(req, deps) {
    const { artifact, report } = req;
    if (artifact.sourceType === 'HUGGING_FACE') {
        const candidates = report.models.filter((m) => m.model.model_uri === artifact.modelUri);
        if (candidates.length === 0)
            return { fail: `The report has no scan of ${artifact.modelUri}.` };
        if (!deps.hub)
            throw new gate_error/* GateError */.ue('INTERNAL_ERROR', 'No Hub to resolve the revision with.');
        const commit = await deps.hub.resolve(artifact, artifact.revision, deps.signal);
        const m = candidates.find((c) => c.model.resolved_revision === commit);
        if (m)
            return { model: m };
        const scanned = candidates.map((c) => c.model.resolved_revision ?? 'an unpinned revision').join(', ');
        return {
            fail: `${artifact.modelUri}${artifact.revision ? `@${artifact.revision}` : ''} is now commit ${commit}, but the report scanned ${scanned}: the artifact changed after the scan.`
        };
    }
    if (!artifact.localPath)
        throw new gate_error/* GateError */.ue('UNSUPPORTED_SOURCE', `verify checks local models and Hugging Face models; the gate does not fetch ${artifact.sourceType} models: download the model into a folder and verify that folder (the report's digest covers the files the scanner downloaded).`);
    let sha256;
    let asDownloaded;
    try {
        const digest = await (0,model_digest/* modelDigest */.a9)(artifact.localPath);
        sha256 = digest.sha256;
        // an object-storage model's digest names its files from the folder holding them all (downloadDigest)
        asDownloaded = (0,model_digest/* fromCommonFolder */.Ed)(digest).sha256;
    }
    catch (e) {
        if (e instanceof model_digest/* DigestError */.jR)
            throw new gate_error/* GateError */.ue('NOTHING_TO_VERIFY', `${artifact.modelUri} cannot be hashed: ${e.message}.`);
        throw e;
    }
    const m = report.models.find((c) => c.model.digest?.sha256 === sha256) ??
        report.models.find((c) => c.model.source_type !== 'LOCAL' && c.model.digest?.sha256 === asDownloaded);
    if (m)
        return { model: m };
    return {
        fail: `${artifact.modelUri} (content sha256 ${sha256}) is not what the report scanned: no model in it has that digest${report.models.some((c) => c.model.digest) ? '' : ' (the report records no digest at all)'}.`
    };
}

;// CONCATENATED MODULE: ./src/gate/verify-run.ts







async function verifyModels(inputs, io) {
    const { verify, run } = inputs;
    let report;
    try {
        report = result/* GateReportSchema */.dj.parse(JSON.parse(verify.text));
    }
    catch {
        const message = `verify-report ${verify.file} is not a gate report of this version; give the report output of the gate run.`;
        return {
            verdict: 'fail',
            results: run.models.map((m) => ({
                model: m.input,
                status: 'error',
                message,
                errorCode: 'INVALID_INPUT'
            }))
        };
    }
    const dispatcher = (0,airs_dispatcher/* createDispatcher */.SM)({ env: io.env });
    try {
        const hub = run.models.some((m) => m.sourceType === 'HUGGING_FACE')
            ? (0,hub_revision/* hubResolver */.e)({ env: io.env, dispatcher, onSecret: io.onSecret, sleep: sleep/* sleep */.yy })
            : undefined;
        const group = run.group && ('uuid' in run.group ? run.group.uuid : run.group.name);
        const results = [];
        for (const artifact of run.models) {
            try {
                const outcome = await verifyArtifact({
                    report,
                    artifact,
                    ...(group !== undefined && { group }),
                    ...(verify.maxAgeMs !== undefined && { maxAgeMs: verify.maxAgeMs }),
                    now: Date.now()
                }, { ...(hub && { hub }), signal: AbortSignal.timeout(run.timeoutMs) });
                results.push({ model: artifact.input, status: outcome.status, message: outcome.message });
            }
            catch (e) {
                const code = e instanceof gate_error/* GateError */.ue ? e.code : 'INTERNAL_ERROR';
                results.push({
                    model: artifact.input,
                    status: 'error',
                    message: (0,util_text/* plainText */.wh)(e instanceof Error ? e.message : String(e), 600),
                    errorCode: code
                });
            }
        }
        // nothing verified is never a pass
        const verdict = results.length > 0 && results.every((r) => r.status === 'pass') ? 'pass' : 'fail';
        return { verdict, results };
    }
    finally {
        await dispatcher.close();
    }
}


/***/ })

};

//# sourceMappingURL=104.index.js.map