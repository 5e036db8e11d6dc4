export const id = 718;
export const ids = [718,711];
export const modules = {

/***/ 289:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   NR: () => (/* binding */ ENGINE_RULES),
/* harmony export */   _q: () => (/* binding */ NOT_EVALUATED),
/* harmony export */   mK: () => (/* binding */ RULE_ORDER),
/* harmony export */   ow: () => (/* binding */ THREATS)
/* harmony export */ });
/**
 * The rules the built-in engine evaluates, named as the service names them where the meaning matches, so that
 * verdicts, reports and the user's policy read the same whichever engine decided. UUIDs are the service's
 * managed-rule UUIDs (section 5.1 of the API contract) so a policy can refer to either.
 */
const ENGINE_RULES = {
    OPERATORS: {
        uuid: '550e8400-e29b-41d4-a716-44665544000b',
        name: 'Known Framework Operators Check',
        description: 'Model artifacts should only contain known safe TensorFlow operators',
        remediation: {
            description: 'Ensure that the model does not contain any custom or unknown framework operators',
            steps: [
                'Re-export the model with standard operators only',
                'Remove custom operator domains that need a native library to load'
            ]
        }
    },
    LOAD_TIME: {
        uuid: '550e8400-e29b-41d4-a716-446655440008',
        name: 'Load Time Code Execution Check',
        description: 'Model artifacts should not contain unsafe operators that are run upon deserialization',
        remediation: {
            description: 'Remove code that runs when the model is loaded',
            steps: [
                'Do not load this model',
                'Use model formats that disallow arbitrary code execution, such as safetensors'
            ]
        }
    },
    BACKDOOR: {
        uuid: '550e8400-e29b-41d4-a716-44665544000a',
        name: 'Model Architecture Backdoor Check',
        description: 'Model architecture files should not contain backdoor attacks',
        remediation: {
            description: 'Do not use a model whose architecture contains a backdoor',
            steps: ['Quarantine the model', 'Retrain or obtain the model from a trusted source']
        }
    },
    RUNTIME: {
        uuid: '550e8400-e29b-41d4-a716-446655440004',
        name: 'Runtime Code Execution Check',
        description: 'Model artifacts should not contain code that runs at inference time',
        remediation: {
            description: 'Remove code that runs when the model is used',
            steps: [
                'Remove Lambda layers, custom Python operators and executable chat templates',
                'Re-export the model without executable components'
            ]
        }
    },
    FORMAT: {
        uuid: '550e8400-e29b-41d4-a716-446655440005',
        name: 'Stored In Approved File Format',
        description: 'Model files should be stored in an approved format',
        remediation: {
            description: 'Store the model in a format approved by your organization',
            steps: [
                'Convert the model to an approved format such as safetensors',
                'Remove files in unapproved formats from the model'
            ]
        }
    },
    LOCATION: {
        uuid: '550e8400-e29b-41d4-a716-44665544000c',
        name: 'Stored In Approved Location',
        description: 'Models should be stored in an approved location',
        remediation: {
            description: 'Store the model in a location approved by your organization',
            steps: ['Move the model to an approved storage location']
        }
    },
    SUSPICIOUS: {
        uuid: '550e8400-e29b-41d4-a716-446655440009',
        name: 'Suspicious Model Components Check',
        description: 'Model artifacts should not contain suspicious components',
        remediation: {
            description: 'Remove suspicious components from the model',
            steps: [
                'Inspect the flagged files',
                'Remove executables, scripts, custom code and archives that are not part of the model'
            ]
        }
    },
    LICENSE_EXISTS: {
        uuid: '550e8400-e29b-41d4-a716-446655440006',
        name: 'License Exists',
        description: 'Models should have a license',
        remediation: {
            description: 'Use models that declare a license',
            steps: [
                'Declare the license in the model card front matter (license: <SPDX identifier>) or a LICENSE file',
                'Ask the publisher to add a license'
            ]
        }
    },
    LICENSE_VALID: {
        uuid: '550e8400-e29b-41d4-a716-446655440007',
        name: 'License Is Valid For Use',
        description: 'Models license should be valid for use',
        remediation: {
            description: 'Use models whose license your organization approves',
            steps: [
                'Choose a model under one of the approved licenses',
                'Ask your security team to review the license'
            ]
        }
    }
};
/** Evaluation order, as the service lists LOCAL groups' rules (license rules last). */
const RULE_ORDER = [
    'OPERATORS',
    'LOAD_TIME',
    'BACKDOOR',
    'RUNTIME',
    'FORMAT',
    'LOCATION',
    'SUSPICIOUS',
    'LICENSE_EXISTS',
    'LICENSE_VALID'
];
/** Rules the engine cannot evaluate: always reported as not evaluated, never as passed. */
const NOT_EVALUATED = new Set(['BACKDOOR']);
/** Threat categories the engine reports, with the service's descriptions. */
const THREATS = {
    'PAIT-PKL-100': 'Pickle Model Arbitrary Code Execution Detected at Model Load Time',
    'PAIT-PKL-101': 'Pickle Model Suspicious Code Execution Detected at Model Load Time',
    'PAIT-PYTCH-100': 'PyTorch Model Arbitrary Code Execution Detected at Model Load Time',
    'PAIT-PYTCH-101': 'PyTorch Model Suspicious Code Execution Detected at Model Load Time',
    'PAIT-JOBLIB-100': 'Joblib Model Arbitrary Code Execution Detected at Model Load Time',
    'PAIT-KERAS-100': 'Keras Model Lambda Layer Arbitrary Code Execution Detected at Model Load Time',
    'PAIT-KERAS-300': 'Keras Model Lambda Layer Arbitrary Code Execution Detected at Model Runtime',
    'PAIT-GGUF-101': 'GGUF Model Template Containing Arbitrary Code Execution Detected',
    'PAIT-ARV-100': 'Archive Slip Path Traversal Detected in Model Archive',
    'PAIT-TF-300': 'TensorFlow SavedModel Contains Operators That Run Arbitrary Code',
    'PAIT-TF-301': 'TensorFlow SavedModel Contains Operators That Access Files or the Network',
    'PAIT-TF-302': 'TensorFlow SavedModel Contains Unknown Operators',
    'PAIT-LMAFL-300': 'Llamafile Contains an Executable That Runs at Inference Time',
    UNAPPROVED_FORMATS: 'Model is stored in a format that your Security Group does not allow'
};


/***/ }),

/***/ 4721:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w: () => (/* binding */ listModel)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
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

/***/ 711:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fp: () => (/* binding */ ruleInstanceUuid),
/* harmony export */   MQ: () => (/* binding */ policyGroup),
/* harmony export */   loadPolicy: () => (/* binding */ loadPolicy)
/* harmony export */ });
/* unused harmony exports DEFAULT_APPROVED_FORMATS, DEFAULT_APPROVED_LICENSES, DEFAULT_APPROVED_LOCATIONS, defaultPolicy */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6921);
/* harmony import */ var _airs_schemas_spec_values_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7206);
/* harmony import */ var _engine_rules_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(289);
/* harmony import */ var _builtin_rules_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6050);





/** The service's default approved formats and licenses (section 5.1 of the API contract). */
const DEFAULT_APPROVED_FORMATS = ['safetensors', 'safetensors_index', 'json', 'yaml'];
const DEFAULT_APPROVED_LICENSES = ['apache-2.0', 'mit', 'bsd-3-clause'];
const DEFAULT_APPROVED_LOCATIONS = ['s3', 'gs', '/'];
const DEFAULT_STATES = {
    OPERATORS: 'BLOCKING',
    LOAD_TIME: 'BLOCKING',
    BACKDOOR: 'BLOCKING',
    RUNTIME: 'BLOCKING',
    FORMAT: 'BLOCKING',
    LOCATION: 'DISABLED',
    SUSPICIOUS: 'BLOCKING',
    // the Default LOCAL group has no license rules; a policy can turn them on
    LICENSE_EXISTS: 'DISABLED',
    LICENSE_VALID: 'DISABLED'
};
const stableUuid = (text) => {
    const h = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(text).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
function defaultPolicy() {
    const name = 'Built-in Default LOCAL';
    return {
        name,
        uuid: stableUuid(`airs-model-gate policy ${name}`),
        states: { ...DEFAULT_STATES },
        approvedFormats: [...DEFAULT_APPROVED_FORMATS],
        approvedLicenses: [...DEFAULT_APPROVED_LICENSES],
        approvedLocations: [...DEFAULT_APPROVED_LOCATIONS],
        allowedGlobals: []
    };
}
const names = zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().trim().min(1).max(256)).max(10_000);
const PolicyFileSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .strictObject */ .rej({
    name: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().trim().min(1).max(255).optional(),
    rules: zod__WEBPACK_IMPORTED_MODULE_4__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP()).optional(),
    approved_formats: names.optional(),
    approved_licenses: names.optional(),
    approved_locations: names.optional(),
    allowed_globals: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().regex(/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)+$/, 'module.name'))
        .max(10_000)
        .optional()
});
/** A rule as the file may name it: the service's name or the engine's key, any case. */
function ruleKey(name) {
    const n = name.trim().toLowerCase();
    return _engine_rules_js__WEBPACK_IMPORTED_MODULE_2__/* .RULE_ORDER */ .mK.find((k) => k.toLowerCase() === n || _engine_rules_js__WEBPACK_IMPORTED_MODULE_2__/* .ENGINE_RULES */ .NR[k].name.toLowerCase() === n);
}
/**
 * The built-in engine's policy: the file's (JSON, or YAML by any other name), or Default LOCAL's equivalent
 * without one. Throws an Error with one line saying what is wrong. YAML's parser is loaded here, on use: its
 * module costs every run's cold start some 13 ms, and only a YAML policy needs it.
 */
async function loadPolicy(source) {
    if (!source)
        return defaultPolicy();
    const { file, text } = source;
    const json = /\.json$/i.test(file);
    let raw;
    try {
        raw = json ? JSON.parse(text) : (await __webpack_require__.e(/* import() */ 815).then(__webpack_require__.t.bind(__webpack_require__, 8815, 19))).parse(text, { maxAliasCount: 100 });
    }
    catch (e) {
        throw new Error(`${file} is not valid ${json ? 'JSON' : 'YAML'}: ${e.message.split('\n')[0]}`, {
            cause: e
        });
    }
    return policyFrom(raw, file);
}
/** A parsed policy document, checked. */
function policyFrom(raw, file) {
    const r = PolicyFileSchema.safeParse(raw ?? {});
    if (!r.success) {
        const i = r.error.issues[0];
        throw new Error(`${file}: ${i.path.join('.') || 'the document'}: ${i.message}`);
    }
    const p = r.data;
    const base = defaultPolicy();
    const states = { ...base.states };
    for (const [name, state] of Object.entries(p.rules ?? {})) {
        const key = ruleKey(name);
        if (!key) {
            throw new Error(`${file}: rules: unknown rule "${name.slice(0, 80)}"; known rules: ${_engine_rules_js__WEBPACK_IMPORTED_MODULE_2__/* .RULE_ORDER */ .mK.map((k) => _engine_rules_js__WEBPACK_IMPORTED_MODULE_2__/* .ENGINE_RULES */ .NR[k].name).join(', ')}`);
        }
        const s = state.trim().toUpperCase();
        if (!_airs_schemas_spec_values_js__WEBPACK_IMPORTED_MODULE_1__/* .RULE_STATES */ .UQ.includes(s)) {
            throw new Error(`${file}: rules: "${name}" must be BLOCKING, ALLOWING or DISABLED, not "${state.slice(0, 40)}"`);
        }
        states[key] = s;
    }
    const name = p.name ?? `Policy ${file}`;
    return {
        name,
        uuid: stableUuid(`airs-model-gate policy ${name}`),
        states,
        approvedFormats: p.approved_formats?.map((f) => f.toLowerCase()) ?? base.approvedFormats,
        approvedLicenses: p.approved_licenses?.map((l) => l.toLowerCase()) ?? base.approvedLicenses,
        approvedLocations: p.approved_locations ?? base.approvedLocations,
        allowedGlobals: p.allowed_globals ?? []
    };
}
/** The policy as the security group and policy snapshot the reports show for a service scan. */
function policyGroup(policy) {
    const group = {
        uuid: policy.uuid,
        name: policy.name,
        source_type: 'LOCAL',
        state: 'ACTIVE',
        description: 'Evaluated by the built-in engine of airs-model-gate'
    };
    const fields = {
        FORMAT: { approved_formats: policy.approvedFormats },
        LICENSE_VALID: { approved_licenses: policy.approvedLicenses },
        LOCATION: { approved_locations: policy.approvedLocations }
    };
    const rule_instances = _engine_rules_js__WEBPACK_IMPORTED_MODULE_2__/* .RULE_ORDER */ .mK.map((key) => ({
        uuid: ruleInstanceUuid(policy, key),
        security_group_uuid: policy.uuid,
        state: policy.states[key],
        security_rule_uuid: _engine_rules_js__WEBPACK_IMPORTED_MODULE_2__/* .ENGINE_RULES */ .NR[key].uuid,
        rule: (0,_builtin_rules_js__WEBPACK_IMPORTED_MODULE_3__/* .securityRule */ .b)(key),
        field_values: fields[key] ?? {},
        rule_origin: 'PANW_MANAGED'
    }));
    return { group, snapshot: { generation: null, since: null, rule_instances } };
}
const ruleInstanceUuid = (policy, key) => stableUuid(`${policy.uuid} ${key}`);


/***/ }),

/***/ 6050:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ securityRule)
/* harmony export */ });
/* harmony import */ var _engine_rules_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(289);

/** An engine rule as the service's SecurityRule, so that reports read the same whichever engine decided. */
const DOCS = 'https://docs.paloaltonetworks.com/ai-runtime-security/ai-model-security/model-security-rules';
function securityRule(key) {
    const r = _engine_rules_js__WEBPACK_IMPORTED_MODULE_0__/* .ENGINE_RULES */ .NR[key];
    const slug = r.name.toLowerCase().replace(/\s+/g, '-');
    return {
        uuid: r.uuid,
        name: r.name,
        description: r.description,
        rule_type: key.startsWith('LICENSE') || key === 'LOCATION' ? 'METADATA' : 'ARTIFACT',
        compatible_sources: ['LOCAL'],
        remediation: {
            description: r.remediation.description,
            steps: [...r.remediation.steps],
            url: `${DOCS}/${slug}`
        },
        editable_fields: []
    };
}


/***/ }),

/***/ 9113:
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
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/engine/walk.ts
var walk = __webpack_require__(4721);
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

/***/ 718:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runBuiltin: () => (/* binding */ runBuiltin)
});

// UNUSED EXPORTS: scanBuiltin

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
var promises_default = /*#__PURE__*/__webpack_require__.n(promises_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./src/engine/access.ts
class access_EngineLimitError extends Error {
    constructor(message) {
        super(message);
        this.name = 'EngineLimitError';
    }
}
/** Larger single reads than this are refused: no analyser needs them, and a hostile length must not allocate. */
const MAX_READ = 512 * 1024 * 1024;
function checkRange(offset, length) {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
        throw new access_EngineLimitError(`invalid read of ${length} bytes at offset ${offset}`);
    }
    if (length > MAX_READ)
        throw new access_EngineLimitError(`a read of ${length} bytes exceeds the ${MAX_READ}-byte limit`);
}
function bufferAccess(buf) {
    return {
        size: buf.length,
        read: async (offset, length) => {
            checkRange(offset, length);
            return buf.subarray(Math.min(offset, buf.length), Math.min(offset + length, buf.length));
        }
    };
}
/** The bytes [offset, offset + length) of `ra`, read in place (an archive member stored as is). */
function sliceAccess(ra, offset, length) {
    const size = Math.max(0, Math.min(length, ra.size - offset));
    return {
        size,
        read: async (at, want) => {
            checkRange(at, want);
            const n = Math.max(0, Math.min(want, size - at));
            return n === 0 ? Buffer.alloc(0) : ra.read(offset + at, n);
        }
    };
}
function fileAccess(handle, size) {
    return {
        size,
        read: async (offset, length) => {
            checkRange(offset, length);
            const want = Math.max(0, Math.min(length, size - offset));
            const out = Buffer.allocUnsafe(want);
            let got = 0;
            while (got < want) {
                const { bytesRead } = await handle.read(out, got, want - got, offset + got);
                if (bytesRead === 0)
                    break;
                got += bytesRead;
            }
            return got === want ? out : out.subarray(0, got);
        }
    };
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/engine/limits.ts
const limits_DEFAULT_LIMITS = {
    // a 500 MB real-shaped pickle is about 130 million opcodes and 20 million memo entries (npm run bench)
    pickleOpcodes: 1_000_000_000,
    // a tuple is written whole (MARK, its items, TUPLE): real ones hold hundreds of thousands
    pickleStack: 5_000_000,
    pickleMarks: 1_000,
    pickleMemo: 200_000_000,
    pickleMemoNames: 2_000_000,
    picklesPerFile: 32,
    nestedDepth: 3,
    pickleArgBytes: 1024 * 1024,
    archiveEntries: 100_000,
    archiveDepth: 3,
    memberBytes: 512 * 1024 * 1024,
    jsonBytes: 64 * 1024 * 1024,
    decodedReadBytes: 64 * 1024 * 1024,
    fileTimeMs: 60_000,
    files: 100_000
};

;// CONCATENATED MODULE: ./src/engine/decompress.ts






/**
 * Decompressed data as random access with flat memory. A first pass decodes the whole stream once, counting
 * its bytes (a bomb stops at the byte limit) and its CRC-32; small outputs are kept whole, larger ones are
 * served by decoding again: reads at increasing offsets come from a cursor and the bytes just behind it (and
 * the last two reads), a read before those restarts decoding from the start. Analysers read forward (the pickle
 * walker in 1 MiB chunks), so a large member costs one more decoding, not its size in memory.
 */
/** The data does not decode (truncated, corrupt, unsupported); what decoded before the fault stands. */
class decompress_CorruptDataError extends Error {
    constructor(message) {
        super(message);
        this.name = 'CorruptDataError';
    }
}
/** Outputs up to this size are kept whole after the first pass. */
const HOLD = 4 * 1024 * 1024;
/** The first bytes of a larger output, kept: every analyser starts by reading them (sniffing, headers). */
const HEAD = 1024 * 1024;
/** Bytes kept behind the cursor: readers step back a little (the pickle walker re-reads from its position). */
const HISTORY = 2 * 1024 * 1024;
/** Reads up to this size are remembered (the last two). */
const RECENT = 2 * 1024 * 1024;
/** The first pass lets other work run after this much output (JavaScript decoders are synchronous). */
const BREATHE = 8 * 1024 * 1024;
/** Copies a chunk that is a small view of a larger buffer, so that keeping it does not keep the buffer. */
const compact = (b) => (b.buffer.byteLength > 2 * b.length + 4096 ? Buffer.from(b) : b);
async function firstPass(source, fine, maxBytes, deadline, what) {
    let held = [];
    let heldBytes = 0;
    let whole = true;
    let size = 0;
    let crc = 0;
    let fault;
    let breathe = BREATHE;
    const it = source.open(fine)[Symbol.asyncIterator]();
    try {
        for (;;) {
            const r = await it.next();
            if (r.done)
                break;
            let chunk = r.value;
            if (size + chunk.length > maxBytes) {
                chunk = chunk.subarray(0, maxBytes - size);
                fault = new access_EngineLimitError(`${what} decompresses to more than ${maxBytes} bytes`);
            }
            crc = external_node_zlib_.crc32(chunk, crc);
            size += chunk.length;
            if (whole) {
                if (heldBytes + chunk.length <= HOLD) {
                    held.push(compact(chunk));
                    heldBytes += chunk.length;
                }
                else {
                    const head = Buffer.concat([...held, chunk.subarray(0, Math.max(0, HEAD - heldBytes))]);
                    held = [head.subarray(0, HEAD)];
                    whole = false;
                }
            }
            if (fault)
                break;
            if (Date.now() > deadline) {
                fault = new access_EngineLimitError('the time budget for this file ran out');
                break;
            }
            if (size >= breathe) {
                breathe += BREATHE;
                await (0,external_node_timers_promises_.setImmediate)();
            }
        }
    }
    catch (e) {
        fault = e instanceof Error ? e : new Error(String(e));
    }
    finally {
        if (fault)
            await it.return?.().catch(() => undefined);
    }
    return { size, crc32: crc, ...(fault && { fault }), head: Buffer.concat(held), whole };
}
/**
 * Decodes `source` once to learn its size (at most `maxBytes`: more is a limit fault) and returns access to
 * the output. A fault leaves `size` at what decoded before it, so a caller analyses that and reports the fault.
 */
async function decodeBounded(source, opts) {
    let fine = false;
    let pass = await firstPass(source, false, opts.maxBytes, opts.deadline, opts.what);
    if (pass.fault && !(pass.fault instanceof access_EngineLimitError) && source.finer) {
        const again = await firstPass(source, true, opts.maxBytes, opts.deadline, opts.what);
        if (again.size > pass.size) {
            pass = again;
            fine = true;
        }
    }
    const { size, crc32, fault } = pass;
    if (pass.whole) {
        const data = pass.head;
        return {
            size,
            crc32,
            ...(fault && { fault }),
            ra: { size, read: async (offset, length) => slice(data, size, offset, length) },
            close: async () => undefined
        };
    }
    const served = new Served(source, fine, pass.head, size, opts.deadline, opts.maxRead ?? limits_DEFAULT_LIMITS.decodedReadBytes);
    return {
        size,
        crc32,
        ...(fault && { fault }),
        ra: { size, read: (offset, length) => served.read(offset, length) },
        close: () => served.close()
    };
}
function checkRead(offset, length) {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0)
        throw new access_EngineLimitError(`invalid read of ${length} bytes at offset ${offset}`);
}
function slice(data, size, offset, length) {
    checkRead(offset, length);
    return data.subarray(Math.min(offset, size), Math.min(offset + length, size));
}
/** Reads of a large output: a decoding cursor, the bytes just behind it, and the head. */
class Served {
    source;
    fine;
    head;
    size;
    deadline;
    maxRead;
    cursor;
    /** output bytes the cursor has produced */
    pos = 0;
    /** chunks covering [keptStart, pos) */
    kept = [];
    keptStart = 0;
    /**
     * The last reads served: a reader that skips over data and then looks back at where the skip began (the
     * pickle walker's probe of joblib array bytes) finds it here instead of restarting the decoding.
     */
    recent = [];
    queue = Promise.resolve();
    constructor(source, fine, head, size, deadline, maxRead) {
        this.source = source;
        this.fine = fine;
        this.head = head;
        this.size = size;
        this.deadline = deadline;
        this.maxRead = maxRead;
    }
    read(offset, length) {
        // one read at a time: they share the cursor
        const next = this.queue.then(() => this.serve(offset, length));
        this.queue = next.catch(() => undefined);
        return next;
    }
    async close() {
        await this.queue;
        this.recent = [];
        await this.stop();
    }
    async stop() {
        const c = this.cursor;
        this.cursor = undefined;
        this.kept = [];
        if (c)
            await c.return?.().catch(() => undefined);
    }
    async serve(offset, length) {
        checkRead(offset, length);
        const end = Math.min(offset + length, this.size);
        if (end <= offset)
            return Buffer.alloc(0);
        if (end - offset > this.maxRead) {
            throw new access_EngineLimitError(`a read of ${end - offset} bytes of decompressed data exceeds the ${this.maxRead}-byte limit`);
        }
        if (end <= this.head.length)
            return this.head.subarray(offset, end);
        for (const r of this.recent)
            if (offset >= r.start && end <= r.start + r.data.length)
                return r.data.subarray(offset - r.start, end - r.start);
        const data = await this.advance(offset, end);
        if (data.length <= RECENT)
            this.recent = [{ start: offset, data }, ...this.recent.slice(0, 1)];
        return data;
    }
    /** Bytes [offset, end) from the cursor, restarting it when they lie behind what it keeps. */
    async advance(offset, end) {
        if (!this.cursor || offset < this.keptStart) {
            await this.stop();
            this.cursor = this.source.open(this.fine)[Symbol.asyncIterator]();
            this.pos = 0;
            this.keptStart = 0;
        }
        while (this.pos < end) {
            if (Date.now() > this.deadline)
                throw new access_EngineLimitError('the time budget for this file ran out');
            const r = await this.cursor.next();
            if (r.done)
                throw new decompress_CorruptDataError('the decompressed data ended before its measured size');
            this.kept.push(compact(r.value));
            this.pos += r.value.length;
            // keep what the read needs and a little history; drop the rest
            const keepFrom = Math.min(offset, this.pos - HISTORY);
            while (this.kept.length > 1 && this.keptStart + this.kept[0].length <= keepFrom) {
                this.keptStart += this.kept.shift().length;
            }
        }
        const parts = [];
        let at = this.keptStart;
        for (const c of this.kept) {
            const from = Math.max(offset, at);
            const to = Math.min(end, at + c.length);
            if (from < to)
                parts.push(c.subarray(from - at, to - at));
            at += c.length;
            if (at >= end)
                break;
        }
        return parts.length === 1 ? parts[0] : Buffer.concat(parts);
    }
}
// ---- input for the JavaScript decoders ----
/** Compressed input read forward from a byte range; decoders read bytes synchronously after `fill`. */
class Input {
    ra;
    start;
    end;
    buf = Buffer.alloc(0);
    at = 0;
    next;
    constructor(ra, start, end) {
        this.ra = ra;
        this.start = start;
        this.end = end;
        this.next = start;
    }
    /** bytes consumed since the start */
    get position() {
        return this.next - this.start - (this.buf.length - this.at);
    }
    get available() {
        return this.buf.length - this.at;
    }
    /** everything left is buffered */
    get complete() {
        return this.next >= this.end;
    }
    /** nothing is left to read */
    get exhausted() {
        return this.at >= this.buf.length && this.next >= this.end;
    }
    /** Buffers at least `n` bytes, or all that is left. */
    async fill(n) {
        while (this.available < n && this.next < this.end) {
            const want = Math.min(Math.max(n - this.available, 1024 * 1024), this.end - this.next);
            const more = await this.ra.read(this.next, want);
            if (more.length === 0) {
                this.next = this.end;
                return;
            }
            this.next += more.length;
            this.buf = this.available > 0 ? Buffer.concat([this.buf.subarray(this.at), more]) : more;
            this.at = 0;
        }
    }
    byte() {
        if (this.at >= this.buf.length)
            throw new decompress_CorruptDataError('the data ends early');
        return this.buf[this.at++];
    }
    /** `n` buffered bytes (a view: copy what is kept). */
    take(n) {
        if (this.available < n)
            throw new decompress_CorruptDataError('the data ends early');
        this.at += n;
        return this.buf.subarray(this.at - n, this.at);
    }
    u32le() {
        return this.take(4).readUInt32LE(0);
    }
    /** Skips `n` bytes, reading through them. */
    async skip(n) {
        let left = n;
        while (left > 0) {
            await this.fill(Math.min(left, 1024 * 1024));
            const step = Math.min(left, this.available);
            if (step === 0)
                throw new decompress_CorruptDataError('the data ends early');
            this.at += step;
            left -= step;
        }
    }
}
async function* chunks(ra, offset, length, size) {
    for (let pos = 0; pos < length;) {
        const chunk = await ra.read(offset + pos, Math.min(size, length - pos));
        if (chunk.length === 0)
            return;
        pos += chunk.length;
        yield chunk;
    }
}
/**
 * gzip (every member, as Python's gzip module reads them), zlib or raw deflate through Node's zlib, with
 * backpressure. `lenient`: a stream cut short ends without a fault (a zip member's CRC tells instead, as
 * Python's zipfile does); otherwise it is a fault after what it decoded.
 */
function zlibSource(kind, ra, offset, length, lenient = false) {
    return {
        finer: true,
        open: (fine) => inflate(kind, ra, offset, length, fine ? 1024 : 64 * 1024, lenient)
    };
}
async function* inflate(kind, ra, offset, length, chunkSize, lenient) {
    const options = {
        chunkSize: 64 * 1024,
        ...(lenient && { finishFlush: external_node_zlib_.constants.Z_SYNC_FLUSH })
    };
    const z = kind === 'gzip'
        ? external_node_zlib_.createGunzip(options)
        : kind === 'zlib'
            ? external_node_zlib_.createInflate(options)
            : external_node_zlib_.createInflateRaw(options);
    // errors reach the reader through the inflater
    (0,external_node_stream_promises_.pipeline)(external_node_stream_.Readable.from(chunks(ra, offset, length, chunkSize)), z).catch(() => undefined);
    try {
        for await (const out of z)
            yield out;
    }
    catch (e) {
        const code = e?.code;
        if (typeof code === 'string' && code.startsWith('Z_'))
            throw new decompress_CorruptDataError(`corrupt ${kind} data (${e.message})`);
        throw e;
    }
    finally {
        z.destroy();
    }
}
// ---- LZ4 frames ----
const LZ4_MAGIC = 0x184d2204;
const LZ4_BLOCK_MAX = [0, 0, 0, 0, 64 * 1024, 256 * 1024, 1024 * 1024, 4 * 1024 * 1024];
/**
 * LZ4 frames (lz4.frame, joblib's lz4 compressor), concatenated frames and skippable frames too. Written here:
 * the npm decoders are unmaintained and do not check match offsets (lz4js copies from before its buffer).
 * Checksums are not verified: a streaming reader acts on each block before the frame's checksum is read.
 */
async function* lz4Frames(input) {
    for (let frames = 0;; frames++) {
        await input.fill(4);
        if (input.exhausted && frames > 0)
            return;
        const magic = input.u32le();
        if (magic >>> 4 === 0x184d2a5) {
            await input.fill(4);
            await input.skip(input.u32le());
            frames--;
            continue;
        }
        if (magic !== LZ4_MAGIC)
            throw new decompress_CorruptDataError(frames > 0 ? 'data follows the last lz4 frame' : 'not an lz4 frame');
        await input.fill(15);
        const flg = input.byte();
        const bd = input.byte();
        const blockMax = LZ4_BLOCK_MAX[(bd >> 4) & 7];
        if (flg >> 6 !== 1 || flg & 0x02 || bd & 0x8f || !blockMax)
            throw new decompress_CorruptDataError('an lz4 frame header with an unknown version or reserved bits');
        if (flg & 0x01)
            throw new decompress_CorruptDataError('an lz4 frame that needs a dictionary');
        if (flg & 0x08)
            input.take(8);
        input.byte();
        const linked = (flg & 0x20) === 0;
        const blockSum = flg & 0x10 ? 4 : 0;
        let history = Buffer.alloc(0);
        for (;;) {
            await input.fill(4);
            const word = input.u32le();
            if (word === 0)
                break;
            const n = word & 0x7fffffff;
            if (n > blockMax)
                throw new decompress_CorruptDataError(`an lz4 block of ${n} bytes in a frame of ${blockMax}`);
            await input.fill(n + blockSum);
            const data = input.take(n);
            input.take(blockSum);
            const out = word & 0x80000000 ? Buffer.from(data) : lz4Block(data, history, blockMax);
            if (linked) {
                const keep = Math.min(64 * 1024, history.length + out.length);
                history = Buffer.concat([history, out]).subarray(-keep);
                history = Buffer.from(history);
            }
            yield out;
        }
        if (flg & 0x04) {
            await input.fill(4);
            input.take(4);
        }
    }
}
/** One LZ4 block after `history` (the previous 64 KiB of a linked frame), at most `max` bytes of output. */
function lz4Block(src, history, max) {
    const bad = (why) => new decompress_CorruptDataError(`corrupt lz4 block (${why})`);
    const dst = Buffer.allocUnsafe(history.length + max);
    history.copy(dst, 0);
    const base = history.length;
    let d = base;
    let s = 0;
    const length = (n) => {
        if (n !== 15)
            return n;
        for (;;) {
            if (s >= src.length)
                throw bad('a length runs past the block');
            const b = src[s++];
            n += b;
            if (b !== 255)
                return n;
        }
    };
    while (s < src.length) {
        const token = src[s++];
        const lit = length(token >> 4);
        if (s + lit > src.length)
            throw bad('literals run past the block');
        if (d + lit > dst.length)
            throw bad('more output than the block size');
        src.copy(dst, d, s, s + lit);
        s += lit;
        d += lit;
        if (s === src.length)
            break;
        if (s + 2 > src.length)
            throw bad('a match offset runs past the block');
        const offset = src[s] | (src[s + 1] << 8);
        s += 2;
        if (offset === 0 || offset > d)
            throw bad('a match reaches before the data');
        const len = length(token & 15) + 4;
        if (d + len > dst.length)
            throw bad('more output than the block size');
        if (offset >= len)
            dst.copy(dst, d, d - offset, d - offset + len);
        else
            for (let i = 0; i < len; i++)
                dst[d + i] = dst[d + i - offset];
        d += len;
    }
    return Buffer.from(dst.subarray(base, d));
}
/** A decoder written here, over the byte range [offset, offset + length) of `ra`. */
function inputSource(ra, offset, length, decode) {
    return { open: () => decode(new Input(ra, offset, offset + length)) };
}

;// CONCATENATED MODULE: ./src/engine/bzip2.ts

/**
 * bzip2 decoding (Python's bz2 module, joblib's bz2 compressor), following libbz2's decompress.c: every stream of
 * a multi-stream file, output block by block in 64 KiB pieces. Written here because the npm decoders decode a
 * whole buffer synchronously (seek-bzip, which also calls the deprecated `Buffer()` and so prints a warning from
 * the bundle) or keep a block's output as an array of numbers without backpressure (unbzip2-stream); both are
 * unmaintained. Memory: the block buffer (4 bytes per byte of block, 3.6 MB at level 9) and one output piece.
 */
const BLOCK_MAGIC = 0x314159265359;
const END_MAGIC = 0x177245385090;
const MAX_GROUPS = 6;
const MAX_ALPHA = 258;
const MAX_CODE_LEN = 23;
const MAX_SELECTORS = 18002;
const GROUP_SIZE = 50;
/** More input than any block can take: 18002 selectors × 50 symbols × 20 bits, plus its tables. */
const BLOCK_INPUT = 3 * 1024 * 1024;
const PIECE = 64 * 1024;
const CRC_TABLE = (() => {
    const t = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
        let c = i << 24;
        for (let k = 0; k < 8; k++)
            c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
        t[i] = c >>> 0;
    }
    return t;
})();
class Bits {
    input;
    word = 0;
    count = 0;
    constructor(input) {
        this.input = input;
    }
    /** `n` ≤ 24 bits, most significant first. */
    get(n) {
        while (this.count < n) {
            this.word = ((this.word << 8) | this.input.byte()) >>> 0;
            this.count += 8;
        }
        this.count -= n;
        return (this.word >>> this.count) & ((1 << n) - 1);
    }
    bit() {
        return this.get(1);
    }
    /** Drops the bits left in the current byte: the next stream starts on a byte boundary. */
    align() {
        this.count = 0;
    }
}
function decodeTables(lengths, alphaSize) {
    let minLen = 32;
    let maxLen = 0;
    for (let i = 0; i < alphaSize; i++) {
        minLen = Math.min(minLen, lengths[i]);
        maxLen = Math.max(maxLen, lengths[i]);
    }
    const perm = new Int32Array(MAX_ALPHA);
    const base = new Int32Array(MAX_CODE_LEN);
    const limit = new Int32Array(MAX_CODE_LEN);
    let pp = 0;
    for (let i = minLen; i <= maxLen; i++)
        for (let j = 0; j < alphaSize; j++)
            if (lengths[j] === i)
                perm[pp++] = j;
    for (let i = 0; i < alphaSize; i++)
        base[lengths[i] + 1]++;
    for (let i = 1; i < MAX_CODE_LEN; i++)
        base[i] += base[i - 1];
    let vec = 0;
    for (let i = minLen; i <= maxLen; i++) {
        vec += base[i + 1] - base[i];
        limit[i] = vec - 1;
        vec <<= 1;
    }
    for (let i = minLen + 1; i <= maxLen; i++)
        base[i] = ((limit[i - 1] + 1) << 1) - base[i];
    return { limit, base, perm, minLen };
}
/** Reads one block into `tt` (bytes in the low 8 bits); returns its length and origin pointer. */
function readBlock(bits, tt, blockMax) {
    const bad = (why) => new decompress_CorruptDataError(`corrupt bzip2 data (${why})`);
    if (bits.bit())
        throw bad('a randomised block, which bzip2 has not written since 0.9.5');
    const origPtr = bits.get(24);
    const inUse16 = bits.get(16);
    const seqToUnseq = new Uint8Array(256);
    let nInUse = 0;
    for (let i = 0; i < 16; i++) {
        if (!(inUse16 & (0x8000 >> i)))
            continue;
        const used = bits.get(16);
        for (let j = 0; j < 16; j++)
            if (used & (0x8000 >> j))
                seqToUnseq[nInUse++] = i * 16 + j;
    }
    if (nInUse === 0)
        throw bad('a block that uses no byte values');
    const alphaSize = nInUse + 2;
    const nGroups = bits.get(3);
    if (nGroups < 2 || nGroups > MAX_GROUPS)
        throw bad('a Huffman group count out of range');
    const nSelectors = bits.get(15);
    if (nSelectors < 1)
        throw bad('no selectors');
    const selectorMtf = new Uint8Array(Math.min(nSelectors, MAX_SELECTORS));
    for (let i = 0; i < nSelectors; i++) {
        let j = 0;
        while (bits.bit())
            if (++j >= nGroups)
                throw bad('a selector out of range');
        // libbz2 reads every selector and keeps the first 18002
        if (i < MAX_SELECTORS)
            selectorMtf[i] = j;
    }
    const pos = Uint8Array.from({ length: nGroups }, (_, i) => i);
    const selectors = selectorMtf.map((v) => {
        const tmp = pos[v];
        for (let k = v; k > 0; k--)
            pos[k] = pos[k - 1];
        pos[0] = tmp;
        return tmp;
    });
    const tables = [];
    const lengths = new Uint8Array(MAX_ALPHA);
    for (let t = 0; t < nGroups; t++) {
        let curr = bits.get(5);
        for (let i = 0; i < alphaSize; i++) {
            for (;;) {
                if (curr < 1 || curr > 20)
                    throw bad('a code length out of range');
                if (!bits.bit())
                    break;
                curr += bits.bit() ? -1 : 1;
            }
            lengths[i] = curr;
        }
        tables.push(decodeTables(lengths, alphaSize));
    }
    const eob = nInUse + 1;
    const unzftab = new Int32Array(256);
    const mtf = Uint8Array.from({ length: 256 }, (_, i) => i);
    let n = 0;
    let groupNo = -1;
    let groupPos = 0;
    let table = tables[0];
    let runLength = 0;
    let runWeight = 0;
    for (;;) {
        if (groupPos === 0) {
            if (++groupNo >= selectors.length)
                throw bad('more symbols than selectors');
            groupPos = GROUP_SIZE;
            table = tables[selectors[groupNo]];
        }
        groupPos--;
        let zn = table.minLen;
        let zvec = bits.get(zn);
        for (;;) {
            if (zn > 20)
                throw bad('an invalid Huffman code');
            if (zvec <= table.limit[zn])
                break;
            zn++;
            zvec = (zvec << 1) | bits.bit();
        }
        const idx = zvec - table.base[zn];
        if (idx < 0 || idx >= MAX_ALPHA)
            throw bad('an invalid Huffman code');
        const sym = table.perm[idx];
        if (sym <= 1) {
            // RUNA, RUNB: a run of the front byte, its length in bijective base 2
            if (runWeight === 0)
                runWeight = 1;
            if (runWeight >= 2 * 1024 * 1024)
                throw bad('a run too long');
            runLength += runWeight << sym;
            runWeight <<= 1;
            continue;
        }
        if (runWeight > 0) {
            const uc = seqToUnseq[mtf[0]];
            if (n + runLength > blockMax)
                throw bad('a block longer than its level allows');
            unzftab[uc] += runLength;
            tt.fill(uc, n, n + runLength);
            n += runLength;
            runLength = 0;
            runWeight = 0;
        }
        if (sym === eob)
            break;
        if (n >= blockMax)
            throw bad('a block longer than its level allows');
        const k = sym - 1;
        const v = mtf[k];
        mtf.copyWithin(1, 0, k);
        mtf[0] = v;
        const uc = seqToUnseq[v];
        unzftab[uc]++;
        tt[n++] = uc;
    }
    if (origPtr >= n)
        throw bad('the origin pointer lies outside the block');
    // inverse Burrows-Wheeler: tt[i] gets the index of the next byte in its high 24 bits
    const cftab = new Int32Array(257);
    for (let i = 0; i < 256; i++)
        cftab[i + 1] = cftab[i] + unzftab[i];
    for (let i = 0; i < n; i++) {
        const uc = tt[i] & 0xff;
        tt[cftab[uc]] |= i << 8;
        cftab[uc]++;
    }
    return { n, origPtr };
}
async function* bzip2Streams(input) {
    for (let streams = 0;; streams++) {
        await input.fill(4);
        if (streams > 0 && input.exhausted)
            return;
        const head = input.take(4);
        if (head.toString('latin1', 0, 3) !== 'BZh' || head[3] < 0x31 || head[3] > 0x39)
            throw new decompress_CorruptDataError(streams > 0 ? 'data follows the last bzip2 stream' : 'not a bzip2 stream');
        const blockMax = (head[3] - 0x30) * 100000;
        const tt = new Uint32Array(blockMax);
        const bits = new Bits(input);
        let combined = 0;
        for (;;) {
            await input.fill(BLOCK_INPUT);
            const magic = bits.get(24) * 0x1000000 + bits.get(24);
            const stored = ((bits.get(16) << 16) | bits.get(16)) >>> 0;
            if (magic === END_MAGIC) {
                if (stored !== combined)
                    throw new decompress_CorruptDataError('corrupt bzip2 data (the stream CRC does not match)');
                bits.align();
                break;
            }
            if (magic !== BLOCK_MAGIC)
                throw new decompress_CorruptDataError('corrupt bzip2 data (no block header)');
            const { n, origPtr } = readBlock(bits, tt, blockMax);
            // un-BWT, then undo the initial run-length coding: four equal bytes are followed by a repeat count
            let crc = 0xffffffff;
            let out = Buffer.allocUnsafe(PIECE);
            let o = 0;
            let tPos = tt[origPtr] >>> 8;
            let prev = -1;
            let same = 0;
            for (let i = 0; i < n; i++) {
                tPos = tt[tPos];
                const ch = tPos & 0xff;
                tPos >>>= 8;
                let copies = 1;
                let byte = ch;
                if (same === 4) {
                    copies = ch;
                    byte = prev;
                    same = 0;
                    prev = -1;
                }
                else if (ch === prev)
                    same++;
                else {
                    prev = ch;
                    same = 1;
                }
                for (let c = 0; c < copies; c++) {
                    crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]) >>> 0;
                    out[o++] = byte;
                    if (o === PIECE) {
                        yield out;
                        out = Buffer.allocUnsafe(PIECE);
                        o = 0;
                    }
                }
            }
            if (o > 0)
                yield Buffer.from(out.subarray(0, o));
            crc = ~crc >>> 0;
            if (crc !== stored)
                throw new decompress_CorruptDataError('corrupt bzip2 data (a block CRC does not match)');
            combined = (((combined << 1) | (combined >>> 31)) ^ crc) >>> 0;
        }
    }
}

;// CONCATENATED MODULE: ./src/engine/formats/keras.ts
/**
 * Static inspection of a Keras model configuration (already parsed JSON): Keras 2 `model_config`
 * (`{"class_name": "Functional" | "Sequential" | "Model", "config": {"layers": [...]}}`, from `.h5` files and
 * `keras_metadata.pb`) and Keras 3 `.keras` `config.json` (objects with `module`, `class_name`, `config`,
 * `registered_name`). The whole tree is walked, so nested models, wrapper layers (TimeDistributed,
 * Bidirectional), Lambda arguments and compile configs are all covered. Results are data; no decision here.
 *
 * Nothing is deserialised: Lambda bytecode is base64-decoded only far enough to read its first byte, never
 * unmarshalled.
 */
/** Modules whose objects Keras ships; anything else is code from elsewhere. */
const KERAS_TRUSTED_MODULES = ['keras', 'tensorflow', 'tf_keras'];
/**
 * Top-level modules whose functions touch the OS, the interpreter or the network: a reference to one of them
 * is the JFrog KERAS-CUSTOM / CVE-2025-1550 pattern (`{"class_name": "function", "module": "os", "config":
 * "system"}`). Not exhaustive: `untrustedModule` is the broader signal.
 */
const DANGEROUS_PYTHON_MODULES = new Set([
    'os',
    'posix',
    'nt',
    'subprocess',
    'builtins',
    '__builtin__',
    '__builtins__',
    'sys',
    'shutil',
    'socket',
    'pty',
    'pickle',
    '_pickle',
    'cPickle',
    'marshal',
    'importlib',
    'runpy',
    'code',
    'codeop',
    'ctypes',
    'webbrowser',
    'multiprocessing',
    'asyncio',
    'requests',
    'urllib',
    'urllib2',
    'http',
    'ftplib',
    'smtplib',
    'telnetlib',
    'pathlib',
    'glob',
    'io',
    'tempfile',
    'platform',
    'commands',
    'pdb',
    'timeit',
    'operator',
    'functools',
    'types',
    'inspect',
    'threading',
    'signal'
]);
/**
 * Class names of Keras 2 built-ins (layers, models, initializers, regularizers, constraints, optimizers,
 * losses, metrics, schedules, dtype policies), written from the Keras API reference; Keras 3 objects carry a
 * `module` instead and are judged by it. Best effort: an object missing here is reported as "unrecognised",
 * which is advisory.
 */
const KERAS_BUILTIN_CLASSES = new Set(`
Functional Sequential Model InputLayer Input Dense Activation Dropout Flatten Reshape Permute RepeatVector Lambda
TFOpLambda SlicingOpLambda ActivityRegularization Masking Embedding Conv1D Conv2D Conv3D Conv1DTranspose
Conv2DTranspose Conv3DTranspose SeparableConv1D SeparableConv2D DepthwiseConv1D DepthwiseConv2D Convolution1D
Convolution2D Convolution3D Convolution2DTranspose Deconvolution2D SeparableConvolution2D Cropping1D Cropping2D
Cropping3D UpSampling1D UpSampling2D UpSampling3D ZeroPadding1D ZeroPadding2D ZeroPadding3D MaxPooling1D
MaxPooling2D MaxPooling3D AveragePooling1D AveragePooling2D AveragePooling3D MaxPool1D MaxPool2D MaxPool3D
AvgPool1D AvgPool2D AvgPool3D GlobalMaxPooling1D GlobalMaxPooling2D GlobalMaxPooling3D GlobalAveragePooling1D
GlobalAveragePooling2D GlobalAveragePooling3D GlobalMaxPool1D GlobalMaxPool2D GlobalMaxPool3D GlobalAvgPool1D
GlobalAvgPool2D GlobalAvgPool3D LocallyConnected1D LocallyConnected2D RNN SimpleRNN SimpleRNNCell GRU GRUCell LSTM
LSTMCell ConvLSTM1D ConvLSTM2D ConvLSTM3D StackedRNNCells CuDNNGRU CuDNNLSTM Bidirectional TimeDistributed Wrapper
BatchNormalization SyncBatchNormalization LayerNormalization GroupNormalization UnitNormalization
SpectralNormalization Normalization Discretization CategoryEncoding Hashing HashedCrossing StringLookup
IntegerLookup TextVectorization Resizing Rescaling CenterCrop RandomCrop RandomFlip RandomTranslation
RandomRotation RandomZoom RandomHeight RandomWidth RandomContrast RandomBrightness GaussianNoise GaussianDropout
AlphaDropout SpatialDropout1D SpatialDropout2D SpatialDropout3D ReLU LeakyReLU PReLU ELU ThresholdedReLU Softmax
Add Subtract Multiply Average Maximum Minimum Concatenate Dot Attention AdditiveAttention MultiHeadAttention
GroupQueryAttention EinsumDense Identity TFSMLayer
Initializer Zeros Ones Constant RandomNormal RandomUniform TruncatedNormal VarianceScaling Orthogonal Identity
GlorotNormal GlorotUniform HeNormal HeUniform LecunNormal LecunUniform
Regularizer L1 L2 L1L2 OrthogonalRegularizer
Constraint MaxNorm MinMaxNorm NonNeg UnitNorm RadialConstraint
Optimizer SGD RMSprop Adam AdamW Adadelta Adagrad Adamax Adafactor Nadam Ftrl Lion LossScaleOptimizer
ExponentialDecay PiecewiseConstantDecay PolynomialDecay InverseTimeDecay CosineDecay CosineDecayRestarts
Loss BinaryCrossentropy BinaryFocalCrossentropy CategoricalCrossentropy CategoricalFocalCrossentropy
SparseCategoricalCrossentropy Poisson KLDivergence MeanSquaredError MeanAbsoluteError MeanAbsolutePercentageError
MeanSquaredLogarithmicError CosineSimilarity Huber LogCosh Hinge SquaredHinge CategoricalHinge
Metric Accuracy BinaryAccuracy CategoricalAccuracy SparseCategoricalAccuracy TopKCategoricalAccuracy
SparseTopKCategoricalAccuracy AUC Precision Recall TruePositives TrueNegatives FalsePositives FalseNegatives
Mean Sum MeanMetricWrapper MeanIoU IoU BinaryIoU OneHotIoU OneHotMeanIoU RootMeanSquaredError R2Score F1Score
FBetaScore PrecisionAtRecall RecallAtPrecision SensitivityAtSpecificity SpecificityAtSensitivity
Policy DTypePolicy FloatDTypePolicy QuantizedDTypePolicy QuantizedFloat8DTypePolicy
__tuple__ __numpy__ __bytes__ __tensor__ __typespec__ __ellipsis__ __slice__ __keras_tensor__ TensorShape
TensorSpec
`
    .split(/\s+/)
    .filter((s) => s !== ''));
/**
 * TensorFlow symbols (relative to `tf.`) a TFOpLambda may name that do more than compute: file and network
 * I/O, Python callbacks, raw ops, library loading. Prefixes ending in '.' match a namespace. Best effort;
 * `tfOpLambdas` lists every TFOpLambda regardless.
 */
const TF_OP_LAMBDA_RISKY = [
    'io.',
    'compat.v1.io.',
    'gfile.',
    'compat.v1.gfile.',
    'py_function',
    'numpy_function',
    'compat.v1.py_func',
    'raw_ops.',
    'print',
    'compat.v1.Print',
    'summary.',
    'compat.v1.summary.',
    'data.',
    'saved_model.',
    'compat.v1.saved_model.',
    'train.',
    'compat.v1.train.',
    'debugging.',
    'load_op_library',
    'load_library',
    'compat.v1.load_file_system_library'
];
function riskyTfSymbol(fn) {
    return TF_OP_LAMBDA_RISKY.some((p) => (p.endsWith('.') ? fn.startsWith(p) : fn === p));
}
const DEFAULTS = { maxDepth: 256, maxNodes: 2_000_000, maxBase64Chars: 64 * 1024 * 1024, maxFindings: 1000 };
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function optStr(v) {
    return typeof v === 'string' ? v : undefined;
}
function isTrustedKerasModule(module) {
    return KERAS_TRUSTED_MODULES.some((m) => module === m || module.startsWith(`${m}.`));
}
function dangerous(module) {
    return module !== undefined && DANGEROUS_PYTHON_MODULES.has(module.split('.')[0]);
}
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** CPython's marshal (Python/marshal.c): a code object is TYPE_CODE, with FLAG_REF set by Python 3.4 and later. */
const MARSHAL = { TYPE_CODE: 0x63 /* 'c' */, FLAG_REF: 0x80 };
/** What a base64 blob of marshalled code looks like, from a bounded prefix; nothing is unmarshalled. */
function describeBytecode(path, text, maxChars = DEFAULTS.maxBase64Chars) {
    const examined = text.length > maxChars ? text.slice(0, maxChars) : text;
    const clean = examined.replace(/\s+/g, '');
    const truncatedView = examined.length < text.length;
    // A cut prefix may end mid-quantum: only whole quanta are checked for padding rules.
    const checkable = truncatedView ? clean.slice(0, clean.length - (clean.length % 4)) : clean;
    const validBase64 = BASE64.test(checkable) && (truncatedView || checkable.length % 4 === 0);
    const head = Buffer.from(clean.slice(0, 4), 'base64');
    const firstByte = validBase64 && head.length > 0 ? head[0] : undefined;
    const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
    const totalClean = truncatedView ? text.replace(/\s+/g, '').length : clean.length;
    return {
        path,
        base64Chars: text.length,
        decodedBytes: Math.max(0, Math.floor((totalClean * 3) / 4) - padding),
        validBase64,
        ...(firstByte !== undefined ? { firstByte } : {}),
        pythonCodeObject: firstByte !== undefined && (firstByte & ~MARSHAL.FLAG_REF) === MARSHAL.TYPE_CODE
    };
}
class KerasWalker {
    limits;
    classNames = new Map();
    lambdas = [];
    bytecode = [];
    tfOpLambdas = [];
    functionRefs = [];
    customObjects = [];
    problems = [];
    truncated = false;
    visited = 0;
    constructor(limits) {
        this.limits = { ...DEFAULTS, ...limits };
    }
    keep(list, item) {
        if (list.length < this.limits.maxFindings)
            list.push(item);
        else
            this.truncated = true;
    }
    walk(root) {
        // Iterative, so that hostile nesting cannot exhaust the JS stack before the depth limit applies.
        const stack = [{ value: root, path: '', depth: 0 }];
        let depthReported = false;
        while (stack.length > 0) {
            const { value, path, depth } = stack.pop();
            if (++this.visited > this.limits.maxNodes) {
                this.problems.push({ code: 'LIMIT', detail: `more than ${this.limits.maxNodes} JSON values` });
                return;
            }
            if (depth > this.limits.maxDepth) {
                if (!depthReported)
                    this.problems.push({ code: 'DEPTH', detail: `nested deeper than ${this.limits.maxDepth}` });
                depthReported = true;
                continue;
            }
            if (Array.isArray(value)) {
                for (let i = value.length - 1; i >= 0; i--)
                    stack.push({ value: value[i], path: `${path}/${i}`, depth: depth + 1 });
            }
            else if (isObject(value)) {
                this.object(value, path);
                const keys = Object.keys(value);
                for (let i = keys.length - 1; i >= 0; i--) {
                    const k = keys[i];
                    stack.push({ value: value[k], path: `${path}/${escapePointer(k)}`, depth: depth + 1 });
                }
            }
        }
    }
    object(o, path) {
        const className = optStr(o.class_name);
        if (className === undefined)
            return;
        this.classNames.set(className, (this.classNames.get(className) ?? 0) + 1);
        const module = optStr(o.module);
        const registeredName = optStr(o.registered_name);
        const config = o.config;
        if (className === 'function') {
            const name = optStr(config) ?? registeredName ?? '';
            this.keep(this.functionRefs, this.ref(path, module, name, 'function-object'));
            return;
        }
        if (className === '__lambda__') {
            const code = isObject(config) ? optStr(config.code) : undefined;
            if (code !== undefined)
                this.keep(this.bytecode, describeBytecode(`${path}/config/code`, code, this.limits.maxBase64Chars));
            return;
        }
        if (className === 'Lambda' && isObject(config))
            this.lambda(config, path);
        if ((className === 'TFOpLambda' || className === 'SlicingOpLambda') && isObject(config)) {
            const name = optStr(config.name);
            const fn = optStr(config.function);
            this.keep(this.tfOpLambdas, {
                path,
                className,
                ...(name !== undefined ? { name } : {}),
                ...(fn !== undefined ? { function: fn } : {})
            });
        }
        const custom = (reason) => this.keep(this.customObjects, {
            path,
            className,
            ...(module !== undefined ? { module } : {}),
            ...(registeredName !== undefined ? { registeredName } : {}),
            reason
        });
        if (module !== undefined && !isTrustedKerasModule(module))
            custom('module');
        else if (registeredName?.includes('>') === true)
            custom('registered_name');
        else if (module === undefined && !KERAS_BUILTIN_CLASSES.has(className))
            custom('unrecognised');
    }
    lambda(config, path) {
        const name = optStr(config.name);
        let lambda = { path, ...(name !== undefined ? { name } : {}), kind: 'missing' };
        const fields = [
            ['function', 'lambda-function', 'module'],
            ['output_shape', 'lambda-output_shape', 'output_shape_module'],
            ['mask', 'lambda-mask', 'mask_module']
        ];
        for (const [key, source, moduleKey] of fields) {
            const value = config[key];
            const type = optStr(config[`${key}_type`]);
            const fieldPath = `${path}/config/${key}`;
            let found;
            if (type === 'lambda') {
                // Keras 2 func_dump: [base64 code, defaults, closure], or the bare code string in older versions.
                const code = Array.isArray(value) ? optStr(value[0]) : optStr(value);
                if (code !== undefined) {
                    const bc = describeBytecode(Array.isArray(value) ? `${fieldPath}/0` : fieldPath, code, this.limits.maxBase64Chars);
                    this.keep(this.bytecode, bc);
                    found = { kind: 'bytecode', bytecode: bc };
                }
            }
            else if (type === 'function' && typeof value === 'string') {
                const ref = this.ref(fieldPath, optStr(config[moduleKey]), value, source);
                this.keep(this.functionRefs, ref);
                found = { kind: 'function-ref', functionRef: ref };
            }
            else if (isObject(value)) {
                // Keras 3: the nested object is read by the tree walk as well; here it is only tied to its layer.
                const cls = optStr(value.class_name);
                if (cls === '__lambda__' && isObject(value.config) && typeof value.config.code === 'string') {
                    found = {
                        kind: 'bytecode',
                        bytecode: describeBytecode(`${fieldPath}/config/code`, value.config.code, this.limits.maxBase64Chars)
                    };
                }
                else if (cls === 'function') {
                    const fnName = optStr(value.config) ?? optStr(value.registered_name) ?? '';
                    found = {
                        kind: 'function-ref',
                        functionRef: this.ref(fieldPath, optStr(value.module), fnName, 'function-object')
                    };
                }
                else
                    found = { kind: 'other' };
            }
            else if (value !== undefined && value !== null && key === 'function')
                found = { kind: 'other' };
            if (found && key === 'function')
                lambda = { ...lambda, ...found };
        }
        this.keep(this.lambdas, lambda);
    }
    ref(path, module, name, source) {
        return {
            path,
            ...(module !== undefined ? { module } : {}),
            name,
            source,
            untrustedModule: module === undefined || !isTrustedKerasModule(module),
            dangerousModule: dangerous(module)
        };
    }
    findings() {
        const out = [];
        const covered = new Set();
        const q = (s) => JSON.stringify(s.slice(0, 100));
        for (const l of this.lambdas) {
            const label = l.name !== undefined ? `Lambda layer ${q(l.name)}` : 'A Lambda layer';
            let detail = `${label} runs Python code when the model is built`;
            if (l.bytecode) {
                covered.add(l.bytecode.path);
                detail = `${label} holds ${l.bytecode.pythonCodeObject ? 'marshalled Python bytecode' : 'base64 data in place of code'} (${l.bytecode.decodedBytes} bytes)`;
            }
            else if (l.functionRef) {
                covered.add(l.functionRef.path);
                detail = `${label} calls ${l.functionRef.module ?? '(no module)'}.${l.functionRef.name.slice(0, 100)}`;
            }
            out.push({
                kind: 'LAMBDA',
                path: l.path,
                ...(l.functionRef?.module !== undefined ? { module: l.functionRef.module } : {}),
                ...(l.name !== undefined ? { name: l.name } : {}),
                detail
            });
        }
        for (const b of this.bytecode) {
            if (covered.has(b.path))
                continue;
            out.push({
                kind: 'BYTECODE',
                path: b.path,
                detail: `${b.pythonCodeObject ? 'Marshalled Python bytecode' : 'Base64 data in a code field'} (${b.decodedBytes} bytes) at ${b.path.slice(0, 200)}`
            });
        }
        for (const f of this.functionRefs) {
            if (!f.untrustedModule || covered.has(f.path))
                continue;
            out.push({
                kind: 'FUNCTION_REF',
                path: f.path,
                ...(f.module !== undefined ? { module: f.module } : {}),
                name: f.name,
                detail: `The configuration references the function ${f.module ?? '(no module)'}.${f.name.slice(0, 100)}${f.dangerousModule ? ', which reaches the OS, the interpreter or the network' : ''}`
            });
        }
        for (const c of this.customObjects) {
            if (c.reason === 'unrecognised')
                continue;
            out.push({
                kind: 'CUSTOM_OBJECT',
                path: c.path,
                ...(c.module !== undefined ? { module: c.module } : {}),
                name: c.registeredName ?? c.className,
                detail: `Custom object ${q(c.registeredName ?? c.className)}${c.module !== undefined ? ` from module ${q(c.module)}` : ''} needs code from outside Keras to load`
            });
        }
        for (const t of this.tfOpLambdas) {
            if (t.function === undefined || !riskyTfSymbol(t.function))
                continue;
            out.push({
                kind: 'TF_OP_LAMBDA',
                path: t.path,
                module: 'tensorflow',
                name: t.function,
                detail: `${t.className} layer calls tf.${t.function.slice(0, 100)}`
            });
        }
        return out;
    }
    report() {
        return {
            findings: this.findings(),
            classNames: [...this.classNames.entries()]
                .map(([className, count]) => ({ className, count }))
                .sort((a, b) => (a.className < b.className ? -1 : a.className > b.className ? 1 : 0)),
            lambdas: this.lambdas,
            bytecode: this.bytecode,
            tfOpLambdas: this.tfOpLambdas,
            functionRefs: this.functionRefs,
            customObjects: this.customObjects,
            truncated: this.truncated,
            problems: this.problems
        };
    }
}
function escapePointer(key) {
    return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
/**
 * Walks a parsed Keras configuration and returns what it references: Lambda layers (and whether they carry
 * marshalled bytecode), TFOpLambda layers, function references by module (KERAS-CUSTOM / CVE-2025-1550),
 * custom objects and every class name. Pure; never throws. A non-object root is reported as BAD_CONFIG.
 */
function inspectKerasConfig(json, limits = {}) {
    const w = new KerasWalker(limits);
    if (!isObject(json)) {
        w.problems.push({ code: 'BAD_CONFIG', detail: 'the configuration is not a JSON object' });
        return w.report();
    }
    if (typeof json.class_name !== 'string') {
        w.problems.push({ code: 'BAD_CONFIG', detail: 'the configuration has no class_name' });
    }
    w.walk(json);
    return w.report();
}

;// CONCATENATED MODULE: ./src/engine/lzma.ts



/**
 * LZMA decoding: the "alone" format (`.lzma`, lzma.FORMAT_ALONE, joblib's lzma compressor) and xz (LZMA2 in
 * .xz streams, joblib's xz compressor, Python's default lzma format), after the LZMA specification's reference
 * decoder and liblzma's LZMA2 and .xz framing. Written here because no npm package fits: xz-decompress (wasm)
 * serialises every stream behind one global lock, so a nested or restarted stream would wait forever, and it
 * has no LZMA "alone"; LZMA-JS and lzma1 decode a whole buffer into a growing array; node-liblzma (a native
 * addon with a wasm build) is LGPL-3.0, not for this MIT bundle. Output comes in pieces of at most 64 KiB;
 * memory is the dictionary, grown as output needs it up to the declared size and never past 64 MiB (xz -9),
 * the largest any preset uses.
 */
const bad = (why) => new decompress_CorruptDataError(`corrupt LZMA data (${why})`);
/** The largest dictionary kept; a stream that reaches further back than this cannot be verified. */
const MAX_DICT = 64 * 1024 * 1024;
const lzma_PIECE = 64 * 1024;
/** Input kept ahead of the decoder: more than one symbol can take (about 50 bytes). */
const AHEAD = 256;
const STATES = 12;
const POS_STATES_MAX = 16;
// probability array layout
const IS_MATCH = 0;
const IS_REP = IS_MATCH + STATES * POS_STATES_MAX;
const IS_REP_G0 = IS_REP + STATES;
const IS_REP_G1 = IS_REP_G0 + STATES;
const IS_REP_G2 = IS_REP_G1 + STATES;
const IS_REP0_LONG = IS_REP_G2 + STATES;
const POS_SLOT = IS_REP0_LONG + STATES * POS_STATES_MAX;
const SPEC_POS = POS_SLOT + 4 * 64;
const ALIGN = SPEC_POS + 115;
const LEN = ALIGN + 16;
const LEN_SIZE = 2 + 2 * POS_STATES_MAX * 8 + 256;
const REP_LEN = LEN + LEN_SIZE;
const LITERAL = REP_LEN + LEN_SIZE;
/** The sliding dictionary: grows with the output up to its capacity, then wraps. */
class Dictionary {
    declared;
    capacity;
    buf;
    /** write index */
    pos = 0;
    /** bytes written since the last reset (positions and reachable distances count from there) */
    total = 0;
    wrapped = false;
    constructor(declared, capacity) {
        this.declared = declared;
        this.capacity = capacity;
        this.buf = new Uint8Array(Math.min(capacity, 1024 * 1024));
    }
    reset() {
        this.pos = 0;
        this.total = 0;
        this.wrapped = false;
    }
    /** The byte `dist` + 1 back (0: the last one written). */
    get(dist) {
        let i = this.pos - dist - 1;
        if (i < 0)
            i += this.buf.length;
        return this.buf[i];
    }
    /** Can a match reach `dist` + 1 back? */
    reaches(dist) {
        if (dist >= this.total || dist >= this.declared)
            return false;
        if (dist >= this.capacity) {
            throw new access_EngineLimitError(`an LZMA match reaches further back than the ${this.capacity}-byte dictionary kept`);
        }
        return true;
    }
    put(b) {
        if (this.pos === this.buf.length)
            this.makeRoom();
        this.buf[this.pos++] = b;
        this.total++;
    }
    makeRoom() {
        if (this.buf.length < this.capacity && !this.wrapped) {
            const bigger = new Uint8Array(Math.min(this.capacity, this.buf.length * 2));
            bigger.set(this.buf);
            this.buf = bigger;
        }
        else {
            this.pos = 0;
            this.wrapped = true;
        }
    }
    /** The last `n` bytes written (n ≤ what a piece holds), copied. */
    last(n) {
        const out = Buffer.allocUnsafe(n);
        let from = this.pos - n;
        if (from >= 0)
            out.set(this.buf.subarray(from, this.pos));
        else {
            from += this.buf.length;
            out.set(this.buf.subarray(from));
            out.set(this.buf.subarray(0, this.pos), this.buf.length - from);
        }
        return out;
    }
}
/** LZMA symbols from a range coder into a dictionary. */
class Lzma {
    dict;
    input;
    probs = new Uint16Array(LITERAL);
    lc = 0;
    lp = 0;
    pb = 0;
    state = 0;
    rep0 = 0;
    rep1 = 0;
    rep2 = 0;
    rep3 = 0;
    /** the range coder's range and code: uint32 values kept unboxed */
    rc = new Uint32Array(2);
    /** bytes of the current match still to copy (LZMA2 chunks may end inside none, but the API allows it) */
    pending = 0;
    /** an end marker was decoded */
    ended = false;
    constructor(dict, input) {
        this.dict = dict;
        this.input = input;
    }
    setProps(props) {
        if (props >= 9 * 5 * 5)
            throw bad('invalid properties');
        this.lc = props % 9;
        this.lp = Math.floor(props / 9) % 5;
        this.pb = Math.floor(props / 45);
        const size = LITERAL + (0x300 << (this.lc + this.lp));
        if (this.probs.length !== size)
            this.probs = new Uint16Array(size);
    }
    get lcPlusLp() {
        return this.lc + this.lp;
    }
    resetState() {
        this.probs.fill(1024);
        this.state = 0;
        this.rep0 = this.rep1 = this.rep2 = this.rep3 = 0;
        this.pending = 0;
        this.ended = false;
    }
    /** Starts the range coder (5 bytes). */
    startCoder() {
        const first = this.input.byte();
        let code = 0;
        for (let i = 0; i < 4; i++)
            code = ((code << 8) | this.input.byte()) >>> 0;
        this.rc[0] = 0xffffffff;
        this.rc[1] = code;
        if (first !== 0 || code === 0xffffffff)
            throw bad('a range coder that does not start with 0');
    }
    get coderFinished() {
        return this.rc[1] === 0;
    }
    bit(i) {
        const rc = this.rc;
        const p = this.probs[i];
        let range = rc[0];
        let code = rc[1];
        const bound = (range >>> 11) * p;
        let b;
        if (code < bound) {
            range = bound;
            this.probs[i] = p + ((2048 - p) >>> 5);
            b = 0;
        }
        else {
            range -= bound;
            code -= bound;
            this.probs[i] = p - (p >>> 5);
            b = 1;
        }
        if (range < 0x1000000) {
            range *= 256;
            code = code * 256 + this.input.byte();
        }
        rc[0] = range;
        rc[1] = code;
        return b;
    }
    direct(n) {
        const rc = this.rc;
        let range = rc[0];
        let code = rc[1];
        let res = 0;
        for (let i = 0; i < n; i++) {
            range >>>= 1;
            let b = 0;
            if (code >= range) {
                code -= range;
                b = 1;
            }
            res = (res << 1) | b;
            if (range < 0x1000000) {
                range *= 256;
                code = code * 256 + this.input.byte();
            }
        }
        rc[0] = range;
        rc[1] = code;
        return res;
    }
    tree(base, bits) {
        let m = 1;
        for (let i = 0; i < bits; i++)
            m = (m << 1) | this.bit(base + m);
        return m - (1 << bits);
    }
    reverse(base, bits) {
        let m = 1;
        let sym = 0;
        for (let i = 0; i < bits; i++) {
            const b = this.bit(base + m);
            m = (m << 1) | b;
            sym |= b << i;
        }
        return sym;
    }
    len(base, posState) {
        if (!this.bit(base))
            return this.tree(base + 2 + posState * 8, 3);
        if (!this.bit(base + 1))
            return 8 + this.tree(base + 2 + POS_STATES_MAX * 8 + posState * 8, 3);
        return 16 + this.tree(base + 2 + 2 * POS_STATES_MAX * 8, 8);
    }
    copy(n) {
        const d = this.dict;
        let i = 0;
        for (; i < n; i++)
            d.put(d.get(this.rep0));
        return i;
    }
    /**
     * Decodes until `limit` more bytes are out, an end marker, or the input buffered runs low (the caller refills
     * it). A match that runs past `limit` is finished by the next call, unless it runs past `remaining`, the
     * bytes left before a known end, where it is corrupt.
     */
    decode(limit, remaining) {
        const d = this.dict;
        const start = d.total;
        const target = start + limit;
        const end = start + remaining;
        if (this.pending > 0) {
            const n = Math.min(this.pending, limit);
            this.copy(n);
            this.pending -= n;
        }
        const pbMask = (1 << this.pb) - 1;
        const lpMask = (1 << this.lp) - 1;
        while (d.total < target && !this.ended && (this.input.available >= AHEAD || this.input.complete)) {
            const posState = d.total & pbMask;
            const state = this.state;
            if (!this.bit(IS_MATCH + (state << 4) + posState)) {
                const prev = d.total > 0 ? d.get(0) : 0;
                const base = LITERAL + 0x300 * (((d.total & lpMask) << this.lc) + (prev >> (8 - this.lc)));
                let sym = 1;
                if (state >= 7) {
                    let match = d.get(this.rep0);
                    do {
                        const matchBit = (match >> 7) & 1;
                        match <<= 1;
                        const b = this.bit(base + ((1 + matchBit) << 8) + sym);
                        sym = (sym << 1) | b;
                        if (matchBit !== b)
                            break;
                    } while (sym < 0x100);
                }
                while (sym < 0x100)
                    sym = (sym << 1) | this.bit(base + sym);
                d.put(sym & 0xff);
                this.state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
                continue;
            }
            let length;
            if (this.bit(IS_REP + state)) {
                if (d.total === 0)
                    throw bad('a repeated match before any data');
                if (!this.bit(IS_REP_G0 + state)) {
                    if (!this.bit(IS_REP0_LONG + (state << 4) + posState)) {
                        this.state = state < 7 ? 9 : 11;
                        d.put(d.get(this.rep0));
                        continue;
                    }
                }
                else {
                    let dist;
                    if (!this.bit(IS_REP_G1 + state))
                        dist = this.rep1;
                    else {
                        if (!this.bit(IS_REP_G2 + state))
                            dist = this.rep2;
                        else {
                            dist = this.rep3;
                            this.rep3 = this.rep2;
                        }
                        this.rep2 = this.rep1;
                    }
                    this.rep1 = this.rep0;
                    this.rep0 = dist;
                }
                length = this.len(REP_LEN, posState);
                this.state = state < 7 ? 8 : 11;
            }
            else {
                this.rep3 = this.rep2;
                this.rep2 = this.rep1;
                this.rep1 = this.rep0;
                length = this.len(LEN, posState);
                this.state = state < 7 ? 7 : 10;
                this.rep0 = this.distance(length);
                if (this.rep0 === 0xffffffff) {
                    this.ended = true;
                    break;
                }
                if (!d.reaches(this.rep0))
                    throw bad('a match reaches before the data');
            }
            const n = length + 2;
            const room = target - d.total;
            if (n > end - d.total)
                throw bad('a match runs past the end of the data');
            if (n > room) {
                this.copy(room);
                this.pending = n - room;
            }
            else
                this.copy(n);
        }
        return d.total - start;
    }
    distance(length) {
        const lenState = Math.min(length, 3);
        const slot = this.tree(POS_SLOT + (lenState << 6), 6);
        if (slot < 4)
            return slot;
        const directBits = (slot >> 1) - 1;
        // small integers keep the probability indexes fast; only distances of 2^31 and more become doubles
        if (slot < 14) {
            const base = (2 | (slot & 1)) << directBits;
            return base + this.reverse(SPEC_POS + base - slot, directBits);
        }
        const base = ((2 | (slot & 1)) << directBits) >>> 0;
        return base + this.direct(directBits - 4) * 16 + this.reverse(ALIGN, 4);
    }
}
/** Yields what `run` adds to the dictionary, a piece at a time, refilling the input between runs. */
async function* pieces(lz, input, size) {
    let left = size ?? Number.POSITIVE_INFINITY;
    while (left > 0 && !lz.ended) {
        await input.fill(64 * 1024);
        const before = lz.dict.total;
        let n;
        try {
            n = lz.decode(Math.min(lzma_PIECE, left), left);
        }
        catch (e) {
            // what decoded before the fault is output a streaming reader already has
            if (lz.dict.total > before)
                yield lz.dict.last(lz.dict.total - before);
            throw e;
        }
        left -= n;
        if (n > 0)
            yield lz.dict.last(n);
        else if (!lz.ended && input.complete)
            throw new decompress_CorruptDataError('the data ends early');
    }
}
/** The dictionary an LZMA stream declares, kept no larger than it can need. */
const dictionary = (declared, size) => new Dictionary(declared, Math.max(lzma_PIECE, Math.min(declared, MAX_DICT, size ?? Number.POSITIVE_INFINITY)));
/** The `.lzma` ("alone") format: properties, dictionary size, uncompressed size (or unknown and an end marker). */
async function* lzmaAlone(input) {
    await input.fill(13 + 5 + AHEAD);
    const header = input.take(13);
    const declared = Math.max(4096, header.readUInt32LE(1));
    const lo = header.readUInt32LE(5);
    const hi = header.readUInt32LE(9);
    const known = !(lo === 0xffffffff && hi === 0xffffffff);
    // liblzma refuses sizes of 256 GiB and more
    if (known && hi >= 64)
        throw bad('an uncompressed size of 256 GiB or more');
    const size = known ? hi * 2 ** 32 + lo : undefined;
    const lz = new Lzma(dictionary(declared, size), input);
    lz.setProps(header[0]);
    lz.resetState();
    lz.startCoder();
    yield* pieces(lz, input, size);
    if (!known && !lz.ended)
        throw bad('no end marker');
    if (lz.ended && !lz.coderFinished)
        throw bad('data after the end marker');
    await input.fill(1);
    if (!input.exhausted)
        throw new decompress_CorruptDataError('data follows the LZMA stream');
}
// ---- xz ----
const XZ_MAGIC = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);
const CHECK_SIZE = [0, 4, 4, 4, 8, 8, 8, 16, 16, 16, 32, 32, 32, 64, 64, 64];
const LZMA2_FILTER = 0x21;
const xzBad = (why) => new decompress_CorruptDataError(`corrupt xz data (${why})`);
/** A variable-length integer of the .xz format (at most 9 bytes). */
function varint(input) {
    let v = 0;
    for (let i = 0; i < 9; i++) {
        const b = input.byte();
        v += (b & 0x7f) * 2 ** (7 * i);
        if (!(b & 0x80)) {
            if (b === 0 && i > 0)
                throw xzBad('a padded integer');
            return v;
        }
    }
    throw xzBad('an integer longer than 9 bytes');
}
/**
 * .xz streams (concatenated, with stream padding): each block's LZMA2 data is decoded as it arrives; the
 * checks (CRC-64, SHA-256) are not verified, since a streaming reader acts on a block's data before its check.
 */
async function* xzStreams(input) {
    for (let streams = 0;; streams++) {
        if (streams > 0) {
            // stream padding: zero bytes in fours
            let zeros = 0;
            for (;;) {
                await input.fill(1);
                if (input.exhausted) {
                    if (zeros % 4 !== 0)
                        throw xzBad('stream padding that is not a multiple of four bytes');
                    return;
                }
                const b = input.byte();
                if (b !== 0) {
                    if (zeros % 4 !== 0)
                        throw xzBad('stream padding that is not a multiple of four bytes');
                    await input.fill(5);
                    if (b !== XZ_MAGIC[0] || !input.take(5).equals(XZ_MAGIC.subarray(1)))
                        throw new decompress_CorruptDataError('data follows the last xz stream');
                    break;
                }
                zeros++;
            }
        }
        else {
            await input.fill(6);
            if (!input.take(6).equals(XZ_MAGIC))
                throw xzBad('no stream header');
        }
        await input.fill(6);
        const flags = input.take(2);
        if (external_node_zlib_.crc32(flags) !== input.u32le())
            throw xzBad('the stream header CRC does not match');
        if (flags[0] !== 0 || flags[1] > 0x0f)
            throw xzBad('unsupported stream flags');
        const checkSize = CHECK_SIZE[flags[1]];
        let blocks = 0;
        for (;; blocks++) {
            await input.fill(1024 + AHEAD);
            const first = input.byte();
            if (first === 0)
                break;
            yield* xzBlock(input, first, checkSize);
        }
        // the index (its records are not compared with the blocks) and the stream footer
        const records = varint(input);
        if (records !== blocks)
            throw xzBad('the index does not list every block');
        let indexSize = 1 + varintSize(records);
        for (let i = 0; i < records; i++) {
            await input.fill(64);
            const start = input.position;
            varint(input);
            varint(input);
            indexSize += input.position - start;
        }
        await input.fill(3 + 4 + 12);
        input.take((4 - (indexSize % 4)) % 4);
        input.take(4);
        const footer = input.take(12);
        if (footer.toString('latin1', 10, 12) !== 'YZ' || !footer.subarray(8, 10).equals(flags))
            throw xzBad('no stream footer');
    }
}
function varintSize(v) {
    let n = 1;
    while (v >= 0x80) {
        v = Math.floor(v / 0x80);
        n++;
    }
    return n;
}
async function* xzBlock(input, first, checkSize) {
    const headerSize = (first + 1) * 4;
    const blockStart = input.position - 1;
    const header = Buffer.concat([Buffer.from([first]), input.take(headerSize - 1)]);
    if (external_node_zlib_.crc32(header.subarray(0, headerSize - 4)) !== header.readUInt32LE(headerSize - 4))
        throw xzBad('a block header CRC does not match');
    const flags = header[1];
    if (flags & 0x3c)
        throw xzBad('reserved block flags');
    // the header is parsed from a fresh reader over its bytes
    let at = 2;
    const hv = () => {
        let v = 0;
        for (let i = 0; i < 9; i++) {
            if (at >= headerSize - 4)
                throw xzBad('a block header that ends early');
            const b = header[at++];
            v += (b & 0x7f) * 2 ** (7 * i);
            if (!(b & 0x80))
                return v;
        }
        throw xzBad('an integer longer than 9 bytes');
    };
    const compressed = flags & 0x40 ? hv() : undefined;
    const uncompressed = flags & 0x80 ? hv() : undefined;
    const filters = (flags & 3) + 1;
    let dictProp = -1;
    for (let f = 0; f < filters; f++) {
        const id = hv();
        const propsSize = hv();
        if (id !== LZMA2_FILTER || propsSize !== 1 || f !== filters - 1)
            throw new decompress_CorruptDataError(`an xz filter the engine does not decode (0x${id.toString(16)})`);
        if (at >= headerSize - 4)
            throw xzBad('a block header that ends early');
        dictProp = header[at++];
    }
    if (dictProp > 40)
        throw xzBad('an LZMA2 dictionary size out of range');
    const declared = dictProp === 40 ? 0xffffffff : (2 | (dictProp & 1)) * 2 ** (Math.floor(dictProp / 2) + 11);
    const dataStart = input.position;
    let produced = 0;
    for await (const piece of lzma2(input, dictionary(declared, uncompressed))) {
        produced += piece.length;
        yield piece;
    }
    const dataSize = input.position - dataStart;
    if (compressed !== undefined && compressed !== dataSize)
        throw xzBad('a block of another size than declared');
    if (uncompressed !== undefined && uncompressed !== produced)
        throw xzBad('a block decodes to another size than declared');
    await input.fill(3 + checkSize);
    input.take((4 - ((input.position - blockStart) % 4)) % 4);
    input.take(checkSize);
}
/** LZMA2 chunks up to their end marker. */
async function* lzma2(input, dict) {
    const lz = new Lzma(dict, input);
    let needDictReset = true;
    let needProps = true;
    for (;;) {
        await input.fill(6 + AHEAD);
        const control = input.byte();
        if (control === 0)
            return;
        if (control >= 0xe0 || control === 1) {
            needProps = true;
            needDictReset = false;
            dict.reset();
        }
        else if (needDictReset)
            throw bad('an LZMA2 stream that does not start with a dictionary reset');
        if (control < 0x80) {
            if (control > 2)
                throw bad('an invalid LZMA2 control byte');
            const size = input.take(2).readUInt16BE(0) + 1;
            for (let left = size; left > 0;) {
                await input.fill(Math.min(left, lzma_PIECE));
                const data = input.take(Math.min(left, lzma_PIECE, input.available));
                if (data.length === 0)
                    throw new decompress_CorruptDataError('the data ends early');
                for (const b of data)
                    dict.put(b);
                left -= data.length;
                yield Buffer.from(data);
            }
            continue;
        }
        const unpacked = (control & 0x1f) * 0x10000 + input.take(2).readUInt16BE(0) + 1;
        const packed = input.take(2).readUInt16BE(0) + 1;
        if (control >= 0xc0) {
            needProps = false;
            lz.setProps(input.byte());
            if (lz.lcPlusLp > 4)
                throw bad('LZMA2 properties with lc + lp above 4');
        }
        else if (needProps)
            throw bad('an LZMA2 chunk without properties');
        if (control >= 0xa0)
            lz.resetState();
        const start = input.position;
        lz.startCoder();
        yield* pieces(lz, input, unpacked);
        if (lz.ended || !lz.coderFinished || input.position - start !== packed)
            throw bad('an LZMA2 chunk of another size than declared');
    }
}

;// CONCATENATED MODULE: ./src/engine/formats/template/jinja-values.ts
/**
 * The values the checker folds: every expression evaluates to a small set of possible shapes (a string, a
 * number, a list of known items, a dict with known keys, a macro, …) or to null, "unknown". An operation is
 * folded only where the result is certain to be what Python computes; anything else is unknown. Sizes and
 * the total work are bounded, so a hostile template cannot make folding slow: past a bound, values are
 * unknown, which only ever adds findings.
 */
const MAX_ALTS = 16;
const MAX_STR = 32 * 1024;
const MAX_ITEMS = 4096;
const MAX_WEIGHT = 64 * 1024;
/**
 * Units of work one template may take. A unit is about one character or item handled, or one step of the
 * evaluation; operations that cost more per character are charged more. The largest real templates take
 * a few hundred thousand; this many take well under a second.
 */
const MAX_WORK = 32 * 1024 * 1024;
/** The budget is spent: the analysis stops, and the template is reported as not checked (LIMIT). */
class WorkLimitError extends Error {
    budget;
    constructor(budget) {
        super(`the analysis took more than its ${budget} units of work`);
        this.budget = budget;
    }
}
let work = 0;
let budget = MAX_WORK;
/** Starts a new budget for one template. */
function resetWork(max = MAX_WORK) {
    work = 0;
    budget = max;
    mutable = false;
    keys = new WeakMap();
    ids = new Map();
}
/** The work done on the current template (for tests that guard against superlinear behaviour). */
function jinja_values_workDone() {
    return work;
}
/**
 * Charges `n` units of work, before the work is done; throws WorkLimitError once the template's budget is
 * spent, so that no template can make the analysis take longer than the budget allows.
 */
function spend(n) {
    work += n + 1;
    if (work > budget)
        throw new WorkLimitError(budget);
}
const TOP = null;
const UNDEF = [{ t: 'undef' }];
const INT = [{ t: 'num', int: true }];
const FLOAT = [{ t: 'num', int: false }];
/** A number that may be an int or a float. */
const NUM = [
    { t: 'num', int: true },
    { t: 'num', int: false }
];
const BOOL = [{ t: 'bool' }];
function one(s) {
    return [s];
}
function str(v, markup = false) {
    spend(v.length);
    if (v.length > MAX_STR)
        return TOP;
    return [markup ? { t: 'str', v, markup: true } : { t: 'str', v }];
}
function num(v, int) {
    if (v !== undefined && (!Number.isFinite(v) || (int && !Number.isSafeInteger(v))))
        v = undefined;
    // Python's ints have no negative zero
    if (int && v === 0)
        v = 0;
    return [v === undefined ? { t: 'num', int } : { t: 'num', v, int }];
}
let mutable = false;
/**
 * Whether the template may change lists and dicts in place (it calls append, update, pop, …): then the
 * contents of every list and dict it makes are unknown, wherever they are read.
 */
function setMutable(m) {
    mutable = m;
}
function isMutable() {
    return mutable;
}
/**
 * A sequence of known items (a list's are unknown when lists may change). Items are settled: an iterator
 * held in a container may be reached more than once, so it counts as possibly advanced.
 */
function seq(items, kind = 'list', used = false) {
    if (kind === 'list' && mutable)
        return [{ t: 'seq', kind, item: TOP }];
    spend(items.length);
    if (items.length > MAX_ITEMS)
        return [{ t: 'seq', kind, item: TOP }];
    const settled = items.map(settle);
    if (weight(settled) > MAX_WEIGHT)
        return [{ t: 'seq', kind, item: TOP }];
    // identities computed now, one level at a time, so that no later computation recurses deeply
    for (const v of settled)
        prime(v);
    return [{ t: 'seq', kind, items: settled, ...(used && kind === 'iter' && { used: true }) }];
}
/** A sequence whose items are each some `item` (a list's are unknown when lists may change). */
function seqOf(item, kind = 'list') {
    const it = kind === 'list' && mutable ? TOP : settle(item);
    prime(it);
    return [{ t: 'seq', kind, item: it }];
}
/** The value as a variable, container or argument holds it: an iterator in it may be advanced by any use. */
function settle(v) {
    if (v === null || !v.some(fresh))
        return v;
    return v.map((s) => (fresh(s) ? { ...s, used: true } : s));
}
/** An iterator of known items that nothing has advanced yet. */
function fresh(s) {
    return s.t === 'seq' && s.kind === 'iter' && s.items !== undefined && !s.used;
}
/** The items iterating a sequence yields, when certain (not for an iterator that may have been advanced). */
function seqItems(s) {
    return s.t === 'seq' && !s.used ? s.items : undefined;
}
/** What every item of a sequence is (the items of an advanced iterator are some of its items). */
function seqItem(s) {
    return s.items ? joinAll(s.items) : (s.item ?? TOP);
}
const weights = new WeakMap();
/** About how much text and structure a value holds (containers past MAX_WEIGHT lose their items). */
function weight(vals) {
    let w = 0;
    for (const v of vals) {
        if (v === null)
            continue;
        for (const s of v) {
            let x = weights.get(s);
            if (x === undefined) {
                x =
                    s.t === 'str' || s.t === 'bytes'
                        ? s.v.length + 1
                        : s.t === 'seq' && s.items
                            ? weight(s.items) + 1
                            : s.t === 'dict'
                                ? weight([...s.entries.values()].map(([, e]) => e)) + s.entries.size
                                : 1;
                weights.set(s, x);
            }
            w += x;
        }
    }
    return w;
}
let keys = new WeakMap();
let ids = new Map();
/**
 * A shape's identity (two shapes with one key are one value), computed once per shape. Keys are interned:
 * a container's key is made of its items' short ids, so that it costs its length, not its depth.
 */
function key(s) {
    let k = keys.get(s);
    if (k === undefined) {
        const full = computeKey(s);
        spend(full.length);
        k = ids.get(full);
        if (k === undefined) {
            k = `#${ids.size.toString(36)}`;
            ids.set(full, k);
        }
        keys.set(s, k);
    }
    return k;
}
/** Computes the keys of a value's alternatives now (for the items of a container being made). */
function prime(v) {
    if (v !== null)
        for (const s of v)
            key(s);
}
function computeKey(s) {
    switch (s.t) {
        case 'str':
            return `${s.markup ? 'm' : 's'}:${s.v}`;
        case 'num':
            return `n${s.int ? 'i' : 'f'}:${s.v ?? '?'}`;
        case 'bool':
            return `b:${s.v ?? '?'}`;
        case 'bytes':
            return `y:${s.v}`;
        case 'seq':
            return `q${s.kind}${s.used ? '*' : ''}${s.items ? `[${s.items.map(valKey).join(',')}]` : `{${valKey(s.item ?? TOP)}}`}`;
        case 'dict':
            return `d{${[...s.entries].map(([k, [, v]]) => `${k}=${valKey(v)}`).join(',')}}`;
        case 'loop':
            return `l:${valKey(s.item)}`;
        case 'macro':
            return `M:${s.id}`;
        case 'global':
            return `g:${s.name}`;
        default:
            return s.t;
    }
}
/** How Python's dict sees a key (1, 1.0 and True are one key); undefined when that is not certain. */
function dictKey(s) {
    switch (s.t) {
        case 'str':
            return `s:${s.v}`;
        case 'num':
            return s.v === undefined ? undefined : `n:${s.v}`;
        case 'bool':
            return s.v === undefined ? undefined : `n:${s.v ? 1 : 0}`;
        case 'none':
            return 'none';
        default:
            return undefined;
    }
}
function valKey(v) {
    return v === null ? '?' : `(${v.map(key).join('|')})`;
}
/** Either value. */
function join(a, b) {
    if (a === null || b === null)
        return null;
    if (a.length === 0)
        return b;
    if (b.length === 0)
        return a;
    const seen = new Set(a.map(key));
    const out = [...a];
    for (const s of b) {
        const k = key(s);
        if (!seen.has(k)) {
            seen.add(k);
            out.push(s);
        }
    }
    return widen(out);
}
function joinAll(vals) {
    let out = [];
    for (const v of vals)
        out = join(out, v);
    return out;
}
function widen(v) {
    if (v.length <= MAX_ALTS)
        return v;
    if (v.every((s) => s.t === 'num'))
        return [{ t: 'num', int: v.every((s) => s.t === 'num' && s.int) }];
    return null;
}
/** `b` holds nothing `a` does not (for fixpoints). */
function within(b, a) {
    if (a === null)
        return true;
    if (b === null)
        return false;
    const ks = new Set(a.map(key));
    return b.every((s) => ks.has(key(s)));
}
/** Applies `f` to every combination of alternatives; unknown when any is unknown or there are too many. */
function lift(vals, f) {
    let combos = 1;
    for (const v of vals) {
        if (v === null)
            return null;
        combos *= v.length;
    }
    if (combos === 0)
        return [];
    if (combos > MAX_ALTS)
        return null;
    // every combination, by an odometer over the alternatives (a concatenation can have thousands of operands)
    const alts = vals;
    const idx = new Array(alts.length).fill(0);
    let out = [];
    for (;;) {
        out = join(out, f(alts.map((a, i) => a[idx[i]])));
        if (out === null)
            return null;
        let i = alts.length - 1;
        for (; i >= 0; i--) {
            idx[i] = idx[i] + 1;
            if (idx[i] < alts[i].length)
                break;
            idx[i] = 0;
        }
        if (i < 0)
            break;
    }
    return out;
}
/** The only string a value can be, if it is one known string. */
function constStr(v) {
    return v !== null && v.length === 1 && v[0]?.t === 'str' ? v[0].v : undefined;
}
/** The only integer a value can be (bools count, as in Python). */
function constInt(v) {
    if (v === null || v.length !== 1)
        return undefined;
    const s = v[0];
    if (s.t === 'num' && s.int && s.v !== undefined)
        return s.v;
    if (s.t === 'bool' && s.v !== undefined)
        return s.v ? 1 : 0;
    return undefined;
}
// ---- Python semantics ----
const SURROGATE = /[\uD800-\uDFFF]/;
/** Code-point indexing is only certain without surrogates (then code units are code points). */
function indexable(s) {
    return !SURROGATE.test(s);
}
function isAscii(s) {
    return !/[\u0080-\uffff]/.test(s);
}
/** Character classes Python treats as whitespace (`str.isspace`) and as line breaks (`str.splitlines`). */
const PY_SPACE_CLASS = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_LINE_BREAK = new RegExp(`[${'\\n\\r\\v\\f\\x1c-\\x1e\\x85\\u2028\\u2029'}]`);
/**
 * `str(x)` for the shapes whose text is certain. Not floats: repr's shortest round-trip digits are what JS
 * prints too, but the rule is to fold floats only through + - * / (see arith), never their text.
 */
function pyStr(s) {
    switch (s.t) {
        case 'str':
            return s.v;
        case 'num':
            return s.v === undefined || !s.int ? undefined : String(s.v);
        case 'bool':
            return s.v === undefined ? undefined : s.v ? 'True' : 'False';
        case 'none':
            return 'None';
        // Jinja's default Undefined prints '', but an environment may use another (DebugUndefined prints
        // its name): not certain
        case 'undef':
            return undefined;
        default:
            return undefined;
    }
}
/** `repr(x)` for strings and numbers, where simple. */
function pyRepr(s) {
    if (s.t !== 'str')
        return s.t === 'num' || s.t === 'bool' || s.t === 'none' ? pyStr(s) : undefined;
    if (!/^[\x20-\x7e]*$/.test(s.v) || s.v.includes('\\'))
        return undefined;
    if (!s.v.includes("'"))
        return `'${s.v}'`;
    if (!s.v.includes('"'))
        return `"${s.v}"`;
    return undefined;
}
/** markupsafe's escape. */
function escapeHtml(s) {
    return s
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/'/g, '&#39;')
        .replace(/"/g, '&#34;');
}
/** Text markupsafe would escape when it meets Markup: folding gives up rather than guess. */
function htmlSpecial(s) {
    return /[&<>'"]/.test(s);
}
function truthy(s) {
    switch (s.t) {
        case 'str':
        case 'bytes':
            return s.v.length > 0;
        case 'num':
            return s.v === undefined ? undefined : s.v !== 0;
        case 'bool':
            return s.v;
        case 'none':
        case 'undef':
            return false;
        case 'seq':
            // an iterator object is true even when exhausted; the others by their length
            if (s.kind === 'iter')
                return true;
            return s.items ? s.items.length > 0 : undefined;
        case 'dict':
            return s.entries.size > 0;
        // functions, macros, namespaces, slices and the loop object (inside a loop that runs) are true
        case 'global':
        case 'macro':
        case 'ns':
        case 'slice':
        case 'loop':
            return true;
    }
}
/** Python's str.replace, including an empty `old` (which inserts `new` between characters). */
function pyReplace(s, old, neu, count) {
    if (count < 0)
        count = Number.MAX_SAFE_INTEGER;
    if (old === '') {
        if (!indexable(s))
            return undefined;
        let out = '';
        let n = 0;
        for (let i = 0; i <= s.length; i++) {
            if (n < count) {
                out += neu;
                n++;
            }
            if (i < s.length)
                out += s[i];
            if (out.length > MAX_STR)
                return undefined;
        }
        return out;
    }
    let out = '';
    let from = 0;
    let n = 0;
    while (n < count) {
        const at = s.indexOf(old, from);
        if (at < 0)
            break;
        out += s.slice(from, at) + neu;
        from = at + old.length;
        n++;
        if (out.length > MAX_STR)
            return undefined;
    }
    return out + s.slice(from);
}
const PY_SPACE = new RegExp(`[${PY_SPACE_CLASS}]`);
function pyStrip(s, chars, left, right) {
    const strip = (c) => (chars === undefined ? PY_SPACE.test(c) : chars.includes(c));
    let a = 0;
    let b = s.length;
    if (left)
        while (a < b && strip(s[a]))
            a++;
    if (right)
        while (b > a && strip(s[b - 1]))
            b--;
    return s.slice(a, b);
}
/** str.split / str.rsplit. */
function pySplit(s, sep, max, fromRight) {
    if (sep === '')
        return undefined;
    if (max < 0)
        max = Number.MAX_SAFE_INTEGER;
    if (sep !== undefined) {
        const parts = s.split(sep);
        if (parts.length - 1 <= max)
            return parts;
        return fromRight
            ? [parts.slice(0, parts.length - max).join(sep), ...parts.slice(parts.length - max)]
            : [...parts.slice(0, max), parts.slice(max).join(sep)];
    }
    // whitespace runs, leading and trailing whitespace ignored
    const out = [];
    if (!fromRight) {
        let i = 0;
        while (i < s.length) {
            while (i < s.length && PY_SPACE.test(s[i]))
                i++;
            if (i >= s.length)
                break;
            if (out.length === max) {
                // the rest as it is, trailing whitespace included
                out.push(s.slice(i));
                break;
            }
            let j = i;
            while (j < s.length && !PY_SPACE.test(s[j]))
                j++;
            out.push(s.slice(i, j));
            i = j;
        }
        return out;
    }
    let j = s.length;
    while (j > 0) {
        while (j > 0 && PY_SPACE.test(s[j - 1]))
            j--;
        if (j <= 0)
            break;
        if (out.length === max) {
            out.unshift(s.slice(0, j));
            break;
        }
        let i = j;
        while (i > 0 && !PY_SPACE.test(s[i - 1]))
            i--;
        out.unshift(s.slice(i, j));
        j = i;
    }
    return out;
}
/** str.center / ljust / rjust with a one-character fill. */
function pyPad(s, width, fill, how) {
    if (!indexable(s) || [...fill].length !== 1 || !indexable(fill))
        return undefined;
    if (s.length >= width)
        return s;
    if (width > MAX_STR)
        return undefined;
    const marg = width - s.length;
    const left = how === 'ljust' ? 0 : how === 'rjust' ? marg : Math.floor(marg / 2) + (marg & width & 1);
    return fill.repeat(left) + s + fill.repeat(marg - left);
}
function pyZfill(s, width) {
    if (!indexable(s))
        return undefined;
    if (s.length >= width)
        return s;
    if (width > MAX_STR)
        return undefined;
    const sign = s[0] === '+' || s[0] === '-' ? s[0] : '';
    return sign + '0'.repeat(width - s.length) + s.slice(sign.length);
}
function pyExpandTabs(s, size) {
    if (!indexable(s) || (size > MAX_STR && s.includes('\t')))
        return undefined;
    let out = '';
    let col = 0;
    for (const c of s) {
        if (c === '\t') {
            if (size > 0) {
                const n = size - (col % size);
                out += ' '.repeat(n);
                col += n;
            }
        }
        else {
            out += c;
            col = c === '\n' || c === '\r' ? 0 : col + 1;
        }
        if (out.length > MAX_STR)
            return undefined;
    }
    return out;
}
const JINJA_WORD_BREAK = new RegExp(`([-${'\\t\\n\\v\\f\\r\\x1c-\\x20'}({[<]+)`);
/** Python's case mappings, for ASCII text only (elsewhere Unicode versions and special cases differ). */
function pyCase(s, how) {
    if (!isAscii(s))
        return undefined;
    switch (how) {
        case 'lower':
        case 'casefold':
            return s.toLowerCase();
        case 'upper':
            return s.toUpperCase();
        case 'swapcase':
            return [...s].map((c) => (c >= 'a' && c <= 'z' ? c.toUpperCase() : c.toLowerCase())).join('');
        case 'capitalize':
            return s.slice(0, 1).toUpperCase() + s.slice(1).toLowerCase();
        case 'title': {
            // str.title: a letter after a cased letter is lowered, any other letter raised
            let out = '';
            let prevCased = false;
            for (const c of s) {
                const cased = /[A-Za-z]/.test(c);
                out += cased ? (prevCased ? c.toLowerCase() : c.toUpperCase()) : c;
                prevCased = cased;
            }
            return out;
        }
        case 'jinja-title':
            // Jinja's title filter: words begin after -, whitespace, (, {, [ or <
            return s
                .split(JINJA_WORD_BREAK)
                .filter((w) => w !== '')
                .map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase())
                .join('');
        default:
            return undefined;
    }
}
/** Python's sequence slicing on an array (strings are handled as arrays of code points). */
function pySlice(xs, start, stop, step) {
    const st = step ?? 1;
    if (st === 0)
        return undefined;
    const len = xs.length;
    const norm = (x, dflt) => {
        if (x === undefined)
            return dflt;
        if (x < 0)
            return Math.max(x + len, st < 0 ? -1 : 0);
        return Math.min(x, st < 0 ? len - 1 : len);
    };
    const a = norm(start, st > 0 ? 0 : len - 1);
    const b = norm(stop, st > 0 ? len : -1);
    const out = [];
    for (let i = a; st > 0 ? i < b : i > b; i += st)
        out.push(xs[i]);
    return out;
}
/** Python's `%` on strings for the conversions whose text is certain. */
function printf(fmt, arg) {
    const positional = arg.t === 'seq' && arg.kind === 'tuple'
        ? arg.items?.map((v) => (v?.length === 1 ? v[0] : undefined))
        : [arg];
    if (positional === undefined || positional.some((s) => s === undefined))
        return undefined;
    const mapping = arg.t === 'dict' ? arg : undefined;
    let k = 0;
    let out = '';
    let usedMapping = false;
    const re = /%(?:\(([^)]*)\))?([-#0 +]*)(\d*)(?:\.(\d+))?[hlL]?([diouxXeEfFgGcrsa%])/y;
    let i = 0;
    while (i < fmt.length) {
        const pct = fmt.indexOf('%', i);
        if (pct < 0) {
            out += fmt.slice(i);
            break;
        }
        out += fmt.slice(i, pct);
        re.lastIndex = pct;
        const m = re.exec(fmt);
        if (!m)
            return undefined;
        i = re.lastIndex;
        const [, name, flags = '', width = '', precision, conv = ''] = m;
        if (conv === '%') {
            if (name !== undefined || flags !== '' || width !== '' || precision !== undefined)
                return undefined;
            out += '%';
            continue;
        }
        let a;
        if (name !== undefined) {
            if (!mapping)
                return undefined;
            const entry = mapping.entries.get(dictKey({ t: 'str', v: name }));
            if (!entry || entry[1] === null || entry[1].length !== 1)
                return undefined;
            a = entry[1][0];
            usedMapping = true;
        }
        else {
            a = positional[k++];
        }
        if (a === undefined || precision !== undefined)
            return undefined;
        let text;
        if (conv === 's')
            text = pyStr(a);
        else if (conv === 'r')
            text = pyRepr(a);
        else if (conv === 'c') {
            if (a.t === 'str')
                text = [...a.v].length === 1 ? a.v : undefined;
            else
                text =
                    a.t === 'num' && a.int && a.v !== undefined && a.v >= 0 && a.v <= 0x10ffff
                        ? String.fromCodePoint(a.v)
                        : undefined;
        }
        else if ('diu'.includes(conv)) {
            // int(x) of a float is exact; its digits are String's only below 2**53
            text =
                a.t === 'num' && a.v !== undefined && Number.isSafeInteger(Math.trunc(a.v))
                    ? String(Math.trunc(a.v) || 0)
                    : a.t === 'bool' && a.v !== undefined
                        ? a.v
                            ? '1'
                            : '0'
                        : undefined;
        }
        else if ('xXo'.includes(conv) && !flags.includes('#')) {
            const n = a.t === 'num' && a.int ? a.v : undefined;
            text = n === undefined ? undefined : n.toString(conv === 'o' ? 8 : 16);
            if (text !== undefined && conv === 'X')
                text = text.toUpperCase();
        }
        if (text === undefined || /[ +#]/.test(flags))
            return undefined;
        // widths count code points in Python, UTF-16 units here
        if (width !== '' && !indexable(text))
            return undefined;
        const w = width === '' ? 0 : Number(width);
        if (w > MAX_STR)
            return undefined;
        if (text.length < w) {
            if (flags.includes('-'))
                text = text.padEnd(w, ' ');
            else if (flags.includes('0') && conv !== 's' && conv !== 'r' && conv !== 'c') {
                const sign = text.startsWith('-') ? '-' : '';
                text = sign + text.slice(sign.length).padStart(w - sign.length, '0');
            }
            else
                text = text.padStart(w, ' ');
        }
        out += text;
        if (out.length > MAX_STR)
            return undefined;
    }
    if (mapping)
        return usedMapping || k === 0 ? out : undefined;
    return k === positional.length ? out : undefined;
}

;// CONCATENATED MODULE: ./src/engine/formats/template/jinja-format.ts
/**
 * Python's `str.format` / `str.format_map` as CPython parses them (Objects/stringlib/unicode_format.h):
 * replacement fields, their `.attribute` and `[index]` steps, conversions and format specs with nested
 * fields. Fields are evaluated one by one, so the fields before a parse error still run: `fields` lists
 * exactly those. `formatValue` folds the result when it is certain.
 */

/** The pieces of a format string, in order; `error` when Python raises ValueError after them. */
function formatPieces(fmt) {
    const pieces = [];
    let p = 0;
    const end = fmt.length;
    while (p < end) {
        const start = p;
        let c = '';
        let markup = false;
        while (p < end) {
            c = fmt[p++];
            if (c === '{' || c === '}') {
                markup = true;
                break;
            }
        }
        const atEnd = p >= end;
        let len = p - start;
        if (c === '}' && markup && (atEnd || fmt[p] !== '}'))
            return { pieces, error: "Single '}' encountered" };
        if (atEnd && c === '{' && markup)
            return { pieces, error: "Single '{' encountered" };
        if (!atEnd && markup) {
            if (fmt[p] === c) {
                p++;
                markup = false;
            }
            else {
                len--;
            }
        }
        const literal = fmt.slice(start, start + len);
        if (!markup) {
            pieces.push({ literal });
            continue;
        }
        // the field: its name runs to '}', ':' or '!' ('[…]' may hold them)
        const nameStart = p;
        c = '';
        while (p < end) {
            c = fmt[p++];
            if (c === '{')
                return { pieces, error: "unexpected '{' in field name" };
            if (c === '[') {
                while (p < end && fmt[p] !== ']')
                    p++;
                continue;
            }
            if (c === '}' || c === ':' || c === '!')
                break;
            c = '';
        }
        const name = fmt.slice(nameStart, p - 1);
        let conversion;
        let spec = '';
        let specFields = false;
        if (c === '!' || c === ':') {
            let specDone = false;
            if (c === '!') {
                if (p >= end)
                    return { pieces, error: 'end of string while looking for conversion specifier' };
                conversion = fmt[p++];
                if (p < end) {
                    const d = fmt[p++];
                    if (d === '}')
                        specDone = true;
                    else if (d !== ':')
                        return { pieces, error: "expected ':' after conversion specifier" };
                }
            }
            if (!specDone) {
                const specStart = p;
                let count = 1;
                let closed = false;
                while (p < end) {
                    const d = fmt[p++];
                    if (d === '{') {
                        specFields = true;
                        count++;
                    }
                    else if (d === '}' && --count === 0) {
                        spec = fmt.slice(specStart, p - 1);
                        closed = true;
                        break;
                    }
                }
                if (!closed)
                    return { pieces, error: "unmatched '{' in format spec" };
            }
        }
        else if (c !== '}') {
            return { pieces, error: "expected '}' before end of string" };
        }
        const split = splitFieldName(name);
        if (typeof split === 'string')
            return { pieces, error: split };
        pieces.push({
            literal,
            field: { ...split, ...(conversion !== undefined && { conversion }), spec, specFields }
        });
    }
    return { pieces };
}
function splitFieldName(name) {
    let i = 0;
    while (i < name.length && name[i] !== '.' && name[i] !== '[')
        i++;
    const first = name.slice(0, i);
    const steps = [];
    while (i < name.length) {
        const c = name[i++];
        let j = i;
        if (c === '.') {
            while (j < name.length && name[j] !== '.' && name[j] !== '[')
                j++;
            steps.push({ attr: true, name: name.slice(i, j) });
            i = j;
        }
        else if (c === '[') {
            while (j < name.length && name[j] !== ']')
                j++;
            if (j >= name.length)
                return "Missing ']' in format string";
            steps.push({ attr: false, name: name.slice(i, j) });
            i = j + 1;
        }
        else {
            return "Only '.' or '[' may follow ']' in format field specifier";
        }
        if (steps[steps.length - 1].name === '')
            return 'Empty attribute in format string';
    }
    return { first, steps };
}
/** Every field Python evaluates (nested fields in specs included, two levels as in CPython). */
function formatFields(fmt, depth = 2) {
    const fields = [];
    if (depth <= 0)
        return { fields, error: 'Max string recursion exceeded' };
    const { pieces, error } = formatPieces(fmt);
    for (const piece of pieces) {
        if (!piece.field)
            continue;
        fields.push(piece.field);
        if (piece.field.specFields) {
            const nested = formatFields(piece.field.spec, depth - 1);
            for (const f of nested.fields)
                fields.push(f);
            if (nested.error)
                return { fields, error: nested.error };
        }
    }
    return error === undefined ? { fields } : { fields, error };
}
/** `fmt.format(*args, **kw)` (or `format_map(kw)`), when every piece is certain. */
function formatValue(fmt, args, kw) {
    const auto = { n: 0, mode: '' };
    return build(fmt, args, kw, 2, auto);
}
function build(fmt, args, kw, depth, auto) {
    if (depth <= 0)
        return undefined;
    const { pieces, error } = formatPieces(fmt);
    if (error !== undefined)
        return undefined;
    let out = '';
    for (const { literal, field } of pieces) {
        out += literal;
        if (!field)
            continue;
        let obj;
        if (field.first === '' || /^[0-9]+$/.test(field.first)) {
            const mode = field.first === '' ? 'auto' : 'manual';
            if (auto.mode !== '' && auto.mode !== mode)
                return undefined;
            auto.mode = mode;
            const index = field.first === '' ? auto.n++ : Number(field.first);
            obj = single(args?.[index]);
        }
        else {
            if (kw?.t !== 'dict')
                return undefined;
            obj = single(kw.entries.get(`s:${field.first}`)?.[1]);
        }
        for (const step of field.steps) {
            if (obj === undefined || step.attr)
                return undefined;
            if (/^[0-9]+$/.test(step.name)) {
                // a real getitem: lists and tuples (iterators and views are not subscriptable)
                obj =
                    obj.t === 'seq' && (obj.kind === 'list' || obj.kind === 'tuple') && obj.items
                        ? single(obj.items[Number(step.name)])
                        : undefined;
            }
            else {
                obj =
                    obj.t === 'dict'
                        ? single(obj.entries.get(dictKey({ t: 'str', v: step.name }) ?? '')?.[1])
                        : undefined;
            }
        }
        if (obj === undefined)
            return undefined;
        if (field.conversion !== undefined) {
            const text = field.conversion === 's' ? pyStr(obj) : field.conversion === 'r' ? pyRepr(obj) : undefined;
            if (text === undefined)
                return undefined;
            obj = { t: 'str', v: text };
        }
        const spec = field.specFields ? build(field.spec, args, kw, depth - 1, auto) : field.spec;
        if (spec === undefined)
            return undefined;
        const text = formatSpec(obj, spec);
        if (text === undefined)
            return undefined;
        out += text;
        if (out.length > MAX_STR)
            return undefined;
    }
    return out;
}
function single(v) {
    return v !== undefined && v !== null && v.length === 1 ? v[0] : undefined;
}
const SPEC = /^(?:([\s\S])?([<>=^]))?([-+ ])?(#)?(0)?(\d+)?(?:\.(\d+))?([bcdosxX])?$/;
/** `format(obj, spec)` for strings and integers with the common spec fields. */
function formatSpec(obj, spec) {
    if (spec === '')
        return pyStr(obj);
    const m = SPEC.exec(spec);
    if (!m)
        return undefined;
    const [, fillRaw, align, sign, alt, zero, widthRaw, precision, type] = m;
    const width = widthRaw === undefined ? 0 : Number(widthRaw);
    if (width > MAX_STR)
        return undefined;
    let text;
    let numeric = false;
    if (obj.t === 'str') {
        if ((type !== undefined && type !== 's') || sign || alt || zero || align === '=')
            return undefined;
        if (!indexable(obj.v))
            return undefined;
        text = precision === undefined ? obj.v : obj.v.slice(0, Number(precision));
    }
    else if ((obj.t === 'num' && obj.int && obj.v !== undefined) ||
        (obj.t === 'bool' && obj.v !== undefined)) {
        const n = obj.t === 'num' ? obj.v : obj.v ? 1 : 0;
        if (precision !== undefined || alt || sign)
            return undefined;
        if (type === 'c') {
            if (n < 0 || n > 0x10ffff)
                return undefined;
            text = String.fromCodePoint(n);
        }
        else if (type === 's') {
            return undefined;
        }
        else {
            const base = type === 'x' || type === 'X' ? 16 : type === 'o' ? 8 : type === 'b' ? 2 : 10;
            text = n.toString(base);
            if (type === 'X')
                text = text.toUpperCase();
            numeric = true;
        }
    }
    else {
        return undefined;
    }
    const fill = fillRaw ?? (zero && !align ? '0' : ' ');
    const how = align ?? (zero ? '=' : numeric || type === 'c' ? '>' : '<');
    // widths count code points in Python, UTF-16 units here
    if (width > 0 && !indexable(text))
        return undefined;
    if (text.length >= width)
        return text;
    const pad = width - text.length;
    if (how === '<')
        return text + fill.repeat(pad);
    if (how === '>')
        return fill.repeat(pad) + text;
    if (how === '^')
        return fill.repeat(Math.floor(pad / 2)) + text + fill.repeat(pad - Math.floor(pad / 2));
    if (!numeric)
        return undefined;
    const neg = text.startsWith('-') ? '-' : '';
    return neg + fill.repeat(pad) + text.slice(neg.length);
}

;// CONCATENATED MODULE: ./src/engine/formats/template/jinja-fold.ts
/**
 * Folding Jinja's operators, filters (jinja2/filters.py) and Python's string methods on known values. Each
 * returns what Python would, or null (unknown) where that is not certain; null is always a safe answer.
 */


/** A parameter given by position or keyword; null when `*args`/`**kwargs` may supply it; undefined when absent. */
function param(a, index, name) {
    if (index >= 0 && index < a.pos.length)
        return a.pos[index];
    if (name !== undefined && a.kw.has(name))
        return a.kw.get(name);
    if ((index >= 0 && a.moreArgs) || (name !== undefined && a.moreKw))
        return TOP;
    return undefined;
}
/** Every value iterating `v` can yield (for loops, filters over sequences). */
function jinja_fold_elements(v) {
    if (v === null)
        return TOP;
    let out = [];
    for (const s of v) {
        if (s.t === 'seq')
            out = join(out, seqItem(s));
        else if (s.t === 'str') {
            if (!indexable(s.v))
                return TOP;
            const chars = new Set(s.v);
            if (chars.size > 16)
                return TOP;
            for (const c of chars)
                out = join(out, str(c));
        }
        else if (s.t === 'dict')
            out = join(out, [...s.entries.values()].map(([k]) => k));
        else if (s.t === 'undef' || s.t === 'num' || s.t === 'bool' || s.t === 'none')
            continue;
        else
            return TOP;
        if (out === null)
            return TOP;
    }
    return out;
}
/** The items iterating a value yields, when certain (strings as characters, dicts as keys). */
function listOf(s) {
    if (s.t === 'seq')
        return seqItems(s);
    if (s.t === 'str')
        return indexable(s.v) && s.v.length <= 4096 ? [...s.v].map((c) => str(c)) : undefined;
    if (s.t === 'dict')
        return [...s.entries.values()].map(([k]) => one(k));
    return undefined;
}
/** Strings of all items, each item one known string (or number where `str()` is wanted). */
function texts(xs, strOnly) {
    const out = [];
    for (const x of xs) {
        if (x === null || x.length !== 1)
            return undefined;
        const s = x[0];
        if (strOnly && s.t !== 'str')
            return undefined;
        const t = pyStr(s);
        if (t === undefined)
            return undefined;
        out.push(t);
    }
    return out;
}
// ---- operators ----
function concat(vals, autoescape) {
    return lift(vals, (ss) => {
        let out = '';
        for (const s of ss) {
            const t = pyStr(s);
            if (t === undefined)
                return TOP;
            if (autoescape !== false && htmlSpecial(t))
                return TOP;
            out += t;
            if (out.length > MAX_STR)
                return TOP;
        }
        return str(out);
    });
}
const asNum = (s) => s.t === 'num'
    ? s
    : s.t === 'bool'
        ? s.v === undefined
            ? { int: true }
            : { v: s.v ? 1 : 0, int: true }
        : undefined;
function binary(op, a, b) {
    return lift([a, b], ([x, y]) => {
        const l = x;
        const r = y;
        const nl = asNum(l);
        const nr = asNum(r);
        if (nl && nr)
            return arith(op, nl, nr);
        if (op === '+') {
            if (l.t === 'str' && r.t === 'str') {
                const markup = Boolean(l.markup || r.markup);
                if (markup && htmlSpecial(l.v + r.v))
                    return TOP;
                return str(l.v + r.v, markup);
            }
            // list + list and tuple + tuple; anything else raises
            if (l.t === 'seq' && r.t === 'seq' && l.kind === r.kind && concatenable(l)) {
                const li = seqItems(l);
                const ri = seqItems(r);
                if (li && ri)
                    return seq([...li, ...ri], l.kind);
                return seqOf(join(seqItem(l), seqItem(r)), l.kind);
            }
            return TOP;
        }
        if (op === '*') {
            // a str, list or tuple times an int (a bool is one); a float raises
            const [s, n] = l.t === 'str' || l.t === 'seq' ? [l, nr] : [r, nl];
            if (!n || !n.int || !(s.t === 'str' || (s.t === 'seq' && concatenable(s))))
                return TOP;
            if (n.v === undefined)
                return s.t === 'str' ? TOP : seqOf(seqItem(s), s.kind);
            const times = Math.max(0, n.v);
            if (s.t === 'str') {
                if (s.v === '' || times === 0)
                    return str('', Boolean(s.markup));
                if (s.v.length * times > MAX_STR)
                    return TOP;
                return str(s.v.repeat(times), Boolean(s.markup));
            }
            const it = seqItems(s);
            if (it === undefined)
                return seqOf(seqItem(s), s.kind);
            if (it.length === 0 || times === 0)
                return seq([], s.kind);
            if (it.length * times > MAX_ITEMS)
                return seqOf(joinAll(it), s.kind);
            return seq(Array.from({ length: times }, () => it).flat(), s.kind);
        }
        if (op === '%' && l.t === 'str') {
            if (l.markup)
                return TOP;
            const text = printf(l.v, r);
            return text === undefined ? TOP : str(text);
        }
        return TOP;
    });
}
const concatenable = (s) => s.kind === 'list' || s.kind === 'tuple';
/**
 * Python's arithmetic. Ints are exact below 2**53 (beyond, only known to be ints); floats are folded only
 * where IEEE 754 makes JS and every CPython agree: +, -, *, / of two floats. Float floor division, modulo
 * and powers are only known to be floats (or, for a power, not even that: (-8.0) ** 0.5 is complex).
 */
function arith(op, a, b) {
    const int = a.int && b.int;
    if (op === '**')
        return int ? intPow(a.v, b.v) : TOP;
    const known = a.v !== undefined && b.v !== undefined;
    const x = a.v;
    const y = b.v;
    switch (op) {
        case '+':
            return known ? num(x + y, int) : int ? INT : FLOAT;
        case '-':
            return known ? num(x - y, int) : int ? INT : FLOAT;
        case '*':
            return known ? num(x * y, int) : int ? INT : FLOAT;
        case '/':
            // ZeroDivisionError: no value
            return known ? (y === 0 ? [] : num(x / y, false)) : FLOAT;
        case '//':
            // for |x|, |y| < 2**53 the rounded quotient never crosses an integer, so its floor is exact
            if (!int)
                return known && y === 0 ? [] : FLOAT;
            return known ? (y === 0 ? [] : num(Math.floor(x / y), true)) : INT;
        case '%':
            if (!int)
                return known && y === 0 ? [] : FLOAT;
            return known ? (y === 0 ? [] : num(x - Math.floor(x / y) * y, true)) : INT;
        default:
            return TOP;
    }
}
/** int ** int: an int for a non-negative exponent (exact while it stays below 2**53), a float otherwise. */
function intPow(x, y) {
    if (y === undefined)
        return NUM;
    if (y < 0)
        return x === 0 ? [] : FLOAT;
    if (x === undefined)
        return INT;
    if (x === 0 || x === 1)
        return num(y === 0 ? 1 : x, true);
    if (x === -1)
        return num(y % 2 === 0 ? 1 : -1, true);
    // |x| >= 2: past 2**53 for any exponent over 53
    if (y > 53)
        return INT;
    const r = BigInt(x) ** BigInt(y);
    return r <= BigInt(Number.MAX_SAFE_INTEGER) && r >= BigInt(-Number.MAX_SAFE_INTEGER)
        ? num(Number(r), true)
        : INT;
}
function negate(v, sign) {
    return lift([v], ([s]) => {
        const n = asNum(s);
        if (!n)
            return TOP;
        return num(n.v === undefined ? undefined : sign * n.v, n.int);
    });
}
/** Python's `a and b` / `a or b`: one of the operands, chosen by truthiness. */
function logical(op, a, b) {
    if (a === null)
        return TOP;
    let out = [];
    let takesB = false;
    for (const s of a) {
        const t = truthy(s);
        if (t === undefined) {
            out = join(out, [s]);
            takesB = true;
        }
        else if (t === (op === 'or'))
            out = join(out, [s]);
        else
            takesB = true;
    }
    return takesB ? join(out, b) : out;
}
// ---- subscripts ----
function item(obj, key) {
    return lift([obj, key], ([o, k]) => {
        const s = o;
        const kk = k;
        const n = asNum(kk);
        if (s.t === 'seq') {
            // a string key falls back to getattr; anything else that Python refuses (iterators and views are not
            // subscriptable, floats and None are no index) is Undefined
            if (kk.t === 'str')
                return TOP;
            if (s.kind === 'iter' || s.kind === 'view')
                return UNDEF;
            if (n && n.int) {
                const xs = seqItems(s);
                if (xs && n.v !== undefined) {
                    const i = n.v < 0 ? xs.length + n.v : n.v;
                    return i >= 0 && i < xs.length ? xs[i] : UNDEF;
                }
                return join(seqItem(s), UNDEF);
            }
            return UNDEF;
        }
        if (s.t === 'str') {
            if (n && n.int && n.v !== undefined && indexable(s.v)) {
                const i = n.v < 0 ? s.v.length + n.v : n.v;
                const c = s.v[i];
                return c === undefined ? UNDEF : str(c, Boolean(s.markup));
            }
            return TOP;
        }
        if (s.t === 'dict') {
            const dk = dictKey(kk);
            if (dk === undefined)
                return TOP;
            const entry = s.entries.get(dk);
            if (entry)
                return entry[1];
            return kk.t === 'str' && DICT_METHODS.has(kk.v) ? TOP : UNDEF;
        }
        return TOP;
    });
}
function jinja_fold_slice(obj, start, stop, step) {
    const bound = (v) => {
        if (v === undefined)
            return undefined;
        if (v !== null && v.length === 1 && v[0]?.t === 'none')
            return undefined;
        const n = constInt(v);
        return n === undefined ? null : n;
    };
    const [a, b, c] = [bound(start), bound(stop), bound(step)];
    // a slice of a list or tuple is one, of a range a range; iterators and views are not subscriptable
    const approx = (s) => s.t === 'seq' && (s.kind === 'list' || s.kind === 'tuple' || s.kind === 'range')
        ? seqOf(seqItem(s), s.kind)
        : TOP;
    if (a === null || b === null || c === null)
        return lift([obj], ([s]) => approx(s));
    return lift([obj], ([o]) => {
        const s = o;
        if (s.t === 'str' && indexable(s.v)) {
            const r = pySlice([...s.v], a, b, c);
            return r === undefined ? TOP : str(r.join(''), Boolean(s.markup));
        }
        const xs = s.t === 'seq' && (s.kind === 'list' || s.kind === 'tuple') ? seqItems(s) : undefined;
        if (s.t === 'seq' && xs) {
            const r = pySlice(xs, a, b, c);
            return r === undefined ? TOP : seq(r, s.kind);
        }
        return approx(s);
    });
}
const DICT_METHODS = new Set([
    'keys',
    'values',
    'items',
    'get',
    'pop',
    'popitem',
    'update',
    'setdefault',
    'clear',
    'copy',
    'fromkeys'
]);
const LIST_METHODS = new Set([
    'append',
    'extend',
    'insert',
    'pop',
    'remove',
    'clear',
    'sort',
    'reverse',
    'index',
    'count',
    'copy'
]);
/** `obj.name` as Jinja's getattr sees it (attribute first, then item). */
function attribute(obj, name, nsAttr) {
    return lift([obj], ([o]) => {
        const s = o;
        switch (s.t) {
            case 'dict': {
                if (DICT_METHODS.has(name))
                    return TOP;
                const entry = s.entries.get(`s:${name}`);
                return entry ? entry[1] : UNDEF;
            }
            // a list or tuple has no other attribute, and a string index into it fails: Undefined; ranges
            // (start, stop, step), iterators and views have attributes of their own
            case 'seq':
                if (s.kind === 'list')
                    return LIST_METHODS.has(name) ? TOP : UNDEF;
                if (s.kind === 'tuple')
                    return name === 'count' || name === 'index' ? TOP : UNDEF;
                return TOP;
            case 'ns':
                return nsAttr(name);
            case 'loop':
                if (/^(index0?|revindex0?|length|depth0?)$/.test(name))
                    return INT;
                if (name === 'first' || name === 'last')
                    return BOOL;
                if (name === 'previtem' || name === 'nextitem')
                    return join(s.item, UNDEF);
                return TOP;
            default:
                return TOP;
        }
    });
}
// ---- filters ----
function constArg(a, i, name, dflt) {
    const v = param(a, i, name);
    return v === undefined ? dflt : v;
}
function intArg(a, i, name, dflt) {
    const v = param(a, i, name);
    if (v === undefined)
        return dflt;
    return constInt(v);
}
function boolArg(a, i, name, dflt) {
    const v = param(a, i, name);
    if (v === undefined)
        return dflt;
    if (v === null || v.length !== 1)
        return undefined;
    return truthy(v[0]);
}
/** A filter applied to known values, or null. Filters that take attribute names never fold with one. */
function filter(name, input, a, autoescape) {
    switch (name) {
        case 'length':
        case 'count':
            return (lift([input], ([s]) => {
                if (s?.t === 'str' && indexable(s.v))
                    return num(s.v.length, true);
                const xs = s?.t === 'seq' && s.kind !== 'iter' ? seqItems(s) : undefined;
                if (xs)
                    return num(xs.length, true);
                if (s?.t === 'dict')
                    return num(s.entries.size, true);
                return INT;
            }) ?? INT);
        case 'wordcount':
            return INT;
        case 'int': {
            const dflt = constArg(a, 0, 'default', num(0, true));
            const base = param(a, 1, 'base');
            return (lift([input], ([s]) => {
                if (s?.t === 'num' && s.v !== undefined)
                    return num(Math.trunc(s.v), true);
                if (s?.t === 'bool' && s.v !== undefined)
                    return num(s.v ? 1 : 0, true);
                if (s?.t === 'str' && base === undefined) {
                    const n = pyIntFilter(s.v);
                    if (n !== undefined)
                        return n;
                }
                return join(INT, dflt);
            }) ?? join(INT, dflt));
        }
        case 'float':
            return join(FLOAT, constArg(a, 0, 'default', num(0, false)));
        case 'abs':
            return lift([input], ([s]) => {
                const n = s && asNum(s);
                return n ? num(n.v === undefined ? undefined : Math.abs(n.v), n.int) : TOP;
            });
        case 'round': {
            // round(x, precision) ("common"): an int stays the same int for a precision >= 0, a float is rounded
            // (not folded: CPython's correctly rounded decimal rounding); floor and ceil divide, giving a float.
            // round(x, None) is an int even for a float.
            const precision = param(a, 0, 'precision');
            const method = param(a, 1, 'method');
            const common = method === undefined || constStr(method) === 'common';
            const fixed = method === undefined || constStr(method) !== undefined;
            const p = precision === undefined ? 0 : constInt(precision);
            return lift([input], ([s]) => {
                const n = s && asNum(s);
                if (!n)
                    return TOP;
                if (!fixed || p === undefined)
                    return NUM;
                if (!common)
                    return FLOAT;
                if (!n.int)
                    return FLOAT;
                return p >= 0 && n.v !== undefined ? num(n.v, true) : INT;
            });
        }
        case 'string':
            return lift([input], ([s]) => {
                const t = pyStr(s);
                return t === undefined ? TOP : str(t, Boolean(s?.t === 'str' && s.markup));
            });
        case 'lower':
        case 'upper':
        case 'capitalize':
        case 'title':
            return strMap(input, (s) => pyCase(s, name === 'title' ? 'jinja-title' : name), true);
        case 'trim': {
            const chars = constArg(a, 0, 'chars');
            const c = chars === undefined ? undefined : constStr(chars);
            if (chars !== undefined &&
                c === undefined &&
                !(chars !== null && chars.length === 1 && chars[0]?.t === 'none'))
                return TOP;
            if (c !== undefined && !indexable(c))
                return TOP;
            return strMap(input, (s) => (indexable(s) ? pyStrip(s, c, true, true) : undefined), true);
        }
        case 'center': {
            const w = intArg(a, 0, 'width', 80);
            if (w === undefined)
                return TOP;
            return strMap(input, (s) => pyPad(s, w, ' ', 'center'), true);
        }
        case 'replace': {
            const old = constStr(constArg(a, 0, 'old') ?? TOP);
            const neu = constStr(constArg(a, 1, 'new') ?? TOP);
            const cnt = param(a, 2, 'count');
            const count = cnt === undefined || (cnt !== null && cnt[0]?.t === 'none') ? -1 : constInt(cnt);
            if (old === undefined || neu === undefined || count === undefined || autoescape !== false)
                return TOP;
            if (!indexable(old))
                return TOP;
            return lift([input], ([s]) => {
                const t = pyStr(s);
                if (t === undefined || !indexable(t))
                    return TOP;
                const r = pyReplace(t, old, neu, count);
                return r === undefined ? TOP : str(r);
            });
        }
        case 'format': {
            if (a.moreArgs || a.moreKw || (a.pos.length > 0 && a.kw.size > 0))
                return TOP;
            const arg = a.kw.size > 0 ? mapping([...a.kw].map(([k, v]) => [{ t: 'str', v: k }, v])) : seq(a.pos, 'tuple');
            return lift([input, arg], ([s, x]) => {
                if (s?.t !== 'str' || s.markup)
                    return TOP;
                const text = printf(s.v, x);
                return text === undefined ? TOP : str(text);
            });
        }
        case 'safe':
            return lift([input], ([s]) => {
                const t = pyStr(s);
                return t === undefined ? TOP : str(t, true);
            });
        case 'e':
        case 'escape':
        case 'forceescape':
            return lift([input], ([s]) => {
                if (s?.t === 'str' && s.markup && name !== 'forceescape')
                    return [s];
                const t = pyStr(s);
                return t === undefined ? TOP : str(escapeHtml(t), true);
            });
        case 'default':
        case 'd': {
            // do_default: Undefined (or, with boolean=true, anything falsy) becomes the default
            const dflt = constArg(a, 0, 'default_value', str(''));
            const boolean = boolArg(a, 1, 'boolean', false);
            if (input === null)
                return TOP;
            let out = [];
            let usesDefault = false;
            for (const s of input) {
                const t = truthy(s);
                if (s.t === 'undef')
                    usesDefault = true;
                else if (boolean !== false && t !== true) {
                    usesDefault = true;
                    if (boolean === undefined || t === undefined)
                        out = join(out, [s]);
                }
                else
                    out = join(out, [s]);
            }
            return usesDefault ? join(out, dflt) : out;
        }
        case 'list':
            return lift([input], ([s]) => {
                const xs = listOf(s);
                if (xs)
                    return seq(xs);
                if (s?.t === 'seq')
                    return seqOf(seqItem(s));
                return TOP;
            });
        case 'first':
            // next(iter(x)): of an iterator that may have been advanced, any of its items, or Undefined
            return lift([input], ([s]) => {
                const xs = listOf(s);
                if (xs)
                    return xs.length > 0 ? xs[0] : UNDEF;
                return s?.t === 'seq' ? join(seqItem(s), UNDEF) : TOP;
            });
        case 'last':
            // next(iter(reversed(x))): iterators cannot be reversed
            return lift([input], ([s]) => {
                if (s?.t === 'seq' && s.kind === 'iter')
                    return TOP;
                const xs = listOf(s);
                if (xs)
                    return xs.length > 0 ? xs[xs.length - 1] : UNDEF;
                return s?.t === 'seq' ? join(seqItem(s), UNDEF) : TOP;
            });
        case 'random':
            return join(jinja_fold_elements(input), UNDEF);
        case 'reverse':
            // a string reversed; reversed(x) (an iterator) where Python can, else a reversed list (of an iterator)
            return lift([input], ([s]) => {
                if (s?.t === 'str')
                    return indexable(s.v) ? str([...s.v].reverse().join(''), Boolean(s.markup)) : TOP;
                if (s?.t !== 'seq' && s?.t !== 'dict')
                    return TOP;
                const kind = s.t === 'seq' && s.kind === 'iter' ? 'list' : 'iter';
                const xs = listOf(s);
                if (xs)
                    return seq([...xs].reverse(), kind);
                return s.t === 'seq' ? seqOf(seqItem(s), kind) : TOP;
            });
        case 'join': {
            if (param(a, 1, 'attribute') !== undefined)
                return TOP;
            const sep = constArg(a, 0, 'd', str(''));
            if (autoescape !== false)
                return TOP;
            return lift([input, sep], ([s, d]) => {
                const sepText = d && pyStr(d);
                const xs = s && listOf(s);
                if (sepText === undefined || !xs)
                    return TOP;
                return joinTexts(xs, sepText);
            });
        }
        case 'sort':
        case 'unique':
        case 'min':
        case 'max':
            return ordered(name, input, a);
        case 'batch':
        case 'slice':
            return jinja_fold_chunks(name, input, a);
        case 'map': {
            if (a.pos.length === 0 || a.moreArgs)
                return lazyOf(TOP);
            const fname = constStr(a.pos[0]);
            if (fname === undefined || fname === 'attr' || fname === 'map')
                return lazyOf(TOP);
            const rest = { ...a, pos: a.pos.slice(1) };
            return lift([input], ([s]) => {
                // over an iterator that may have been advanced: what is left of it, mapped
                const advanced = s?.t === 'seq' && s.used === true;
                const xs = advanced ? s.items : listOf(s);
                if (!xs)
                    return lazyOf(TOP);
                return seq(xs.map((x) => filter(fname, x, rest, autoescape)), 'iter', advanced);
            });
        }
        case 'select':
        case 'reject':
        case 'selectattr':
        case 'rejectattr':
            return lazyOf(jinja_fold_elements(input));
        case 'items':
            return lift([input], ([s]) => {
                if (s?.t === 'undef')
                    return seq([], 'iter');
                if (s?.t !== 'dict')
                    return TOP;
                return seq([...s.entries.values()].map(([k, v]) => seq([one(k), v], 'tuple')), 'iter');
            });
        case 'dictsort':
            return lift([input], ([s]) => {
                if (s?.t !== 'dict')
                    return TOP;
                const entries = [...s.entries.values()];
                return seqOf(seq([joinAll(entries.map(([k]) => one(k))), joinAll(entries.map(([, v]) => v))], 'tuple'));
            });
        case 'indent': {
            const w = param(a, 0, 'width');
            const width = w === undefined
                ? '    '
                : (constStr(w) ??
                    (constInt(w) !== undefined && constInt(w) <= MAX_STR
                        ? ' '.repeat(Math.max(0, constInt(w)))
                        : undefined));
            const first = boolArg(a, 1, 'first', false);
            if (width === undefined || first === undefined || width.length > MAX_STR)
                return TOP;
            return strMap(input, (s) => (PY_LINE_BREAK.test(s) ? undefined : (first ? width : '') + s), true);
        }
        case 'truncate': {
            const length = intArg(a, 0, 'length', 255);
            const leeway = intArg(a, 3, 'leeway', 5);
            if (length === undefined || leeway === undefined)
                return TOP;
            return strMap(input, (s) => (indexable(s) && s.length <= length + leeway ? s : undefined), false);
        }
        case 'wordwrap': {
            const width = intArg(a, 0, 'width', 79);
            if (width === undefined)
                return TOP;
            return strMap(input, (s) => (s !== '' && indexable(s) && s.length <= width && !PY_SPACE.test(s) ? s : undefined), false);
        }
        case 'striptags':
            return strMap(input, (s) => (s.includes('<') || s.includes('&') || PY_SPACE.test(s) ? undefined : s), false);
        case 'urlencode':
            return lift([input], ([s]) => {
                if (s?.t !== 'str' || !isAscii(s.v))
                    return TOP;
                return str(s.v.replace(/[^A-Za-z0-9_.\-~/]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`));
            });
        case 'sum': {
            // sum(iterable, start): ints exactly; floats not at all (CPython 3.12 sums them compensated)
            if (param(a, 0, 'attribute') !== undefined)
                return TOP;
            const start = param(a, 1, 'start');
            const from = start === undefined ? 0 : constInt(start);
            if (from === undefined || (start !== undefined && start?.[0]?.t !== 'num'))
                return TOP;
            return lift([input], ([s]) => {
                if (s?.t === 'str')
                    return TOP;
                const xs = s && listOf(s);
                const each = xs ?? (s?.t === 'seq' ? [seqItem(s)] : undefined);
                if (each === undefined)
                    return TOP;
                let total = from;
                let known = xs !== undefined;
                // an int when every item is; a float when some item surely is
                let allInt = true;
                let someFloat = false;
                for (const x of each) {
                    if (x === null)
                        return TOP;
                    let ints = 0;
                    for (const alt of x) {
                        const n = asNum(alt);
                        if (!n)
                            return TOP;
                        if (n.int)
                            ints++;
                        if (n.v === undefined || x.length !== 1)
                            known = false;
                        else
                            total += n.v;
                    }
                    if (ints < x.length)
                        allInt = false;
                    if (ints === 0 && x.length > 0)
                        someFloat = true;
                }
                if (allInt)
                    return known ? num(total, true) : INT;
                return someFloat ? FLOAT : NUM;
            });
        }
        default:
            return TOP;
    }
}
/** An iterator of some `item`s (a generator of Jinja's). */
function lazyOf(item) {
    return seqOf(item, 'iter');
}
/** A dict the template can see (and, when lists and dicts may change, not know). */
function dictOf(entries) {
    return isMutable() ? TOP : mapping(entries);
}
/**
 * A dict of these entries, in order (also the keyword arguments of a call, for printf's %(name)s and
 * str.format's {name}). As in Python, a key given twice keeps its first place and its first key object
 * (`{1: 'a', true: 'b'}` is `{1: 'b'}`), and takes the last value.
 */
function mapping(entries) {
    spend(entries.length);
    if (entries.length > MAX_ITEMS)
        return TOP;
    const m = new Map();
    for (const [k, v] of entries) {
        const dk = dictKey(k);
        if (dk === undefined)
            return TOP;
        const before = m.get(dk);
        m.set(dk, [before ? before[0] : k, settle(v)]);
    }
    const values = [...m.values()].map(([, v]) => v);
    if (weight(values) > MAX_WEIGHT)
        return TOP;
    for (const v of values)
        prime(v);
    return [{ t: 'dict', entries: m }];
}
const views = new WeakMap();
/** dict.keys(), values() or items(): made once per dict (a dict does not change: see isMutable). */
function view(d, name) {
    const made = views.get(d) ?? {};
    const known = made[name];
    if (known !== undefined)
        return known;
    const entries = [...d.entries.values()];
    const v = seq(name === 'keys'
        ? entries.map(([k]) => one(k))
        : name === 'values'
            ? entries.map(([, x]) => x)
            : entries.map(([k, x]) => seq([one(k), x], 'tuple')), 'view');
    made[name] = v;
    views.set(d, made);
    return v;
}
const WS = '[ \\t\\n\\v\\f\\r]*';
const INT_TEXT = new RegExp(`^${WS}[+-]?[0-9]+(?:_[0-9]+)*${WS}$`);
const FLOAT_TEXT = new RegExp(`^${WS}[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?${WS}$`);
/**
 * Jinja's int filter on a string: int(s, 10), failing that int(float(s)), failing that the default. Folded
 * only for the ASCII text both Python calls read as JS does (ASCII whitespace, digits, underscores between
 * digits for int()); anything else (other digits, other spaces, U+FEFF, inf, hex) is undefined here, and
 * then the result is any int or the default.
 */
function pyIntFilter(text) {
    if (INT_TEXT.test(text))
        return num(Number(text.replace(/_/g, '').trim()), true);
    if (FLOAT_TEXT.test(text)) {
        const f = Number(text.trim());
        // int(inf) raises OverflowError, which the filter does not catch
        return Number.isFinite(f) ? num(Math.trunc(f), true) : [];
    }
    return undefined;
}

/** A string function over every string alternative (Markup stays Markup when `keepMarkup`). */
function strMap(input, f, keepMarkup) {
    return lift([input], ([s]) => {
        if (s?.t !== 'str')
            return TOP;
        const r = f(s.v);
        return r === undefined ? TOP : str(r, keepMarkup && Boolean(s.markup));
    });
}
function joinTexts(xs, sep) {
    if (xs.length <= 8) {
        return lift(xs, (ss) => {
            const parts = ss.map(pyStr);
            if (parts.some((p) => p === undefined))
                return TOP;
            const out = parts.join(sep);
            return out.length > MAX_STR ? TOP : str(out);
        });
    }
    const parts = texts(xs, false);
    if (parts === undefined)
        return TOP;
    const out = parts.join(sep);
    return out.length > MAX_STR ? TOP : str(out);
}
/** sort, unique, min and max over known strings (ASCII) or numbers, without an attribute. */
function ordered(name, input, a) {
    const attrIndex = name === 'sort' ? 2 : 1;
    const caseIndex = name === 'sort' ? 1 : 0;
    if (param(a, attrIndex, 'attribute') !== undefined)
        return name === 'sort'
            ? seqOf(jinja_fold_elements(input))
            : name === 'unique'
                ? lazyOf(jinja_fold_elements(input))
                : join(jinja_fold_elements(input), UNDEF);
    const caseSensitive = boolArg(a, caseIndex, 'case_sensitive', false);
    const reverse = name === 'sort' ? boolArg(a, 0, 'reverse', false) : false;
    const approx = name === 'sort'
        ? seqOf(jinja_fold_elements(input))
        : name === 'unique'
            ? lazyOf(jinja_fold_elements(input))
            : join(jinja_fold_elements(input), UNDEF);
    if (caseSensitive === undefined || reverse === undefined)
        return approx;
    return lift([input], ([s]) => {
        const xs = s && listOf(s);
        if (!xs)
            return approx;
        const flat = [];
        for (const x of xs) {
            if (x === null || x.length !== 1)
                return approx;
            flat.push(x[0]);
        }
        const allStr = flat.every((x) => x.t === 'str' && isAscii(x.v));
        const allNum = flat.every((x) => x.t === 'num' && x.v !== undefined);
        if (!allStr && !allNum)
            return approx;
        const keyOf = (x) => x.t === 'str' ? (caseSensitive ? x.v : x.v.toLowerCase()) : x.v;
        const cmp = (p, q) => {
            const x = keyOf(p);
            const y = keyOf(q);
            return x < y ? -1 : x > y ? 1 : 0;
        };
        if (name === 'unique') {
            const seen = new Set();
            const out = [];
            for (const x of flat) {
                const k = keyOf(x);
                if (!seen.has(k)) {
                    seen.add(k);
                    out.push(one(x));
                }
            }
            return seq(out, 'iter');
        }
        if (name === 'min' || name === 'max') {
            if (flat.length === 0)
                return UNDEF;
            let best = flat[0];
            for (const x of flat.slice(1))
                if (name === 'min' ? cmp(x, best) < 0 : cmp(x, best) > 0)
                    best = x;
            return one(best);
        }
        // Python's sort is stable; reverse=True keeps equal items in order too
        const sorted = flat
            .map((x, i) => ({ x, i }))
            .sort((p, q) => (reverse ? cmp(q.x, p.x) : cmp(p.x, q.x)) || p.i - q.i);
        return seq(sorted.map((p) => one(p.x)));
    });
}
function jinja_fold_chunks(name, input, a) {
    const n = intArg(a, 0, name === 'batch' ? 'linecount' : 'slices', NaN);
    const fill = param(a, 1, 'fill_with');
    const fillVal = fill !== undefined && !(fill !== null && fill.length === 1 && fill[0]?.t === 'none') ? fill : undefined;
    return lift([input], ([s]) => {
        const xs = s && listOf(s);
        if (!xs || n === undefined || !Number.isInteger(n) || n <= 0 || n > MAX_ITEMS || fill === null)
            return lazyOf(TOP);
        const out = [];
        if (name === 'batch') {
            for (let i = 0; i < xs.length; i += n) {
                const part = xs.slice(i, i + n);
                if (part.length < n && fillVal !== undefined)
                    while (part.length < n)
                        part.push(fillVal);
                out.push(seq(part));
            }
        }
        else {
            const per = Math.floor(xs.length / n);
            const extra = xs.length % n;
            let offset = 0;
            for (let k = 0; k < n; k++) {
                const start = offset + k * per;
                if (k < extra)
                    offset++;
                const end = offset + (k + 1) * per;
                const part = xs.slice(start, end);
                if (fillVal !== undefined && k >= extra)
                    part.push(fillVal);
                out.push(seq(part));
            }
        }
        return seq(out, 'iter');
    });
}
// ---- methods of known values ----
/** `recv.name(args)` for Python's str methods and the harmless dict and list methods. */
function method(recv, name, a) {
    if (a.moreArgs || a.moreKw)
        return TOP;
    return lift([recv], ([r]) => {
        const s = r;
        if (s.t === 'str')
            return s.markup ? TOP : strMethod(s.v, name, a);
        if (s.t === 'bytes')
            return name === 'decode' && asciiCodec(a) ? str(s.v) : TOP;
        if (s.t === 'dict') {
            if (name === 'get') {
                const k = a.pos[0];
                const d = a.pos.length > 1 ? a.pos[1] : one({ t: 'none' });
                if (k === undefined || a.kw.size > 0)
                    return TOP;
                return lift([k], ([kk]) => {
                    const dk = dictKey(kk);
                    if (dk === undefined)
                        return TOP;
                    const e = s.entries.get(dk);
                    return e ? e[1] : d;
                });
            }
            if (a.pos.length > 0 || a.kw.size > 0)
                return TOP;
            if (name === 'keys' || name === 'values' || name === 'items')
                return view(s, name);
            if (name === 'copy')
                return [s];
            return TOP;
        }
        if (s.t === 'loop') {
            if (name === 'cycle')
                return a.pos.length > 0 ? joinAll(a.pos) : TOP;
            if (name === 'changed')
                return BOOL;
            return TOP;
        }
        if (s.t === 'seq' && s.kind !== 'iter' && s.kind !== 'view') {
            if (name === 'index' || name === 'count')
                return INT;
            if (name === 'copy' && s.kind === 'list')
                return [s];
        }
        return TOP;
    });
}
/**
 * str.encode / bytes.decode with a codec that maps ASCII text to the same bytes and back: the default or
 * a UTF-8, ASCII or Latin-1 name. Others do not (utf-7 decodes '+AF8-' to '_', utf-16 and EBCDIC differ).
 */
function asciiCodec(a) {
    if (a.pos.length + a.kw.size > 1 || (a.kw.size === 1 && !a.kw.has('encoding')))
        return false;
    const c = a.pos[0] ?? a.kw.get('encoding');
    if (c === undefined)
        return true;
    const name = constStr(c);
    return name !== undefined && ASCII_CODECS.has(name.toLowerCase());
}
const ASCII_CODECS = new Set([
    'utf-8',
    'utf8',
    'utf_8',
    'ascii',
    'us-ascii',
    'latin-1',
    'latin1',
    'iso-8859-1'
]);
const SEARCHING = new Set([
    'replace',
    'strip',
    'lstrip',
    'rstrip',
    'split',
    'rsplit',
    'partition',
    'rpartition',
    'removeprefix',
    'removesuffix',
    'translate'
]);
function strMethod(v, name, a) {
    const sArg = (i, kw) => {
        const x = param(a, i, kw);
        if (x === undefined)
            return undefined;
        if (x !== null && x.length === 1 && x[0]?.t === 'none')
            return undefined;
        return constStr(x) ?? null;
    };
    const iArg = (i, kw, dflt) => intArg(a, i, kw, dflt);
    // searching text works on code points in Python and on UTF-16 units here: the same only without surrogates
    if (SEARCHING.has(name) &&
        (!indexable(v) || a.pos.some((x) => x !== null && x.some((s) => s.t === 'str' && !indexable(s.v)))))
        return TOP;
    switch (name) {
        case 'format': {
            const kw = a.kw.size > 0
                ? mapping([...a.kw].map(([k, x]) => [{ t: 'str', v: k }, x]))
                : [{ t: 'dict', entries: new Map() }];
            const text = kw === null ? undefined : formatValue(v, a.pos, kw[0]);
            return text === undefined ? TOP : str(text);
        }
        case 'format_map': {
            const m = a.pos[0];
            if (a.pos.length !== 1 || a.kw.size > 0 || m === null || m === undefined || m.length !== 1)
                return TOP;
            const text = formatValue(v, undefined, m[0]);
            return text === undefined ? TOP : str(text);
        }
        case 'join': {
            const it = a.pos[0];
            if (a.pos.length !== 1 || a.kw.size > 0 || it === undefined)
                return TOP;
            return lift([it], ([x]) => {
                const xs = x && listOf(x);
                if (!xs)
                    return TOP;
                const parts = texts(xs, true);
                if (parts === undefined)
                    return TOP;
                const out = parts.join(v);
                return out.length > MAX_STR ? TOP : str(out);
            });
        }
        case 'replace': {
            const old = sArg(0);
            const neu = sArg(1);
            const count = iArg(2, 'count', -1);
            if (typeof old !== 'string' || typeof neu !== 'string' || count === undefined)
                return TOP;
            const r = pyReplace(v, old, neu, count);
            return r === undefined ? TOP : str(r);
        }
        case 'strip':
        case 'lstrip':
        case 'rstrip': {
            const chars = sArg(0);
            if (chars === null)
                return TOP;
            return str(pyStrip(v, chars, name !== 'rstrip', name !== 'lstrip'));
        }
        case 'split':
        case 'rsplit': {
            const sep = sArg(0, 'sep');
            const max = iArg(1, 'maxsplit', -1);
            if (sep === null || max === undefined)
                return TOP;
            const parts = pySplit(v, sep, max, name === 'rsplit');
            return parts === undefined ? TOP : seq(parts.map((p) => str(p)));
        }
        case 'lower':
        case 'upper':
        case 'title':
        case 'capitalize':
        case 'swapcase':
        case 'casefold': {
            const r = pyCase(v, name);
            return r === undefined ? TOP : str(r);
        }
        case 'center':
        case 'ljust':
        case 'rjust': {
            const w = iArg(0, undefined, NaN);
            const fill = a.pos.length > 1 ? sArg(1) : ' ';
            if (w === undefined || Number.isNaN(w) || typeof fill !== 'string')
                return TOP;
            const r = pyPad(v, w, fill, name);
            return r === undefined ? TOP : str(r);
        }
        case 'zfill': {
            const w = iArg(0, undefined, NaN);
            const r = w === undefined || Number.isNaN(w) ? undefined : pyZfill(v, w);
            return r === undefined ? TOP : str(r);
        }
        case 'expandtabs': {
            const size = iArg(0, 'tabsize', 8);
            const r = size === undefined ? undefined : pyExpandTabs(v, size);
            return r === undefined ? TOP : str(r);
        }
        case 'removeprefix':
        case 'removesuffix': {
            const x = sArg(0);
            if (typeof x !== 'string')
                return TOP;
            if (name === 'removeprefix')
                return str(x !== '' && v.startsWith(x) ? v.slice(x.length) : v);
            return str(x !== '' && v.endsWith(x) ? v.slice(0, v.length - x.length) : v);
        }
        case 'partition':
        case 'rpartition': {
            const sep = sArg(0);
            if (typeof sep !== 'string' || sep === '')
                return TOP;
            const at = name === 'partition' ? v.indexOf(sep) : v.lastIndexOf(sep);
            const parts = at < 0
                ? name === 'partition'
                    ? [v, '', '']
                    : ['', '', v]
                : [v.slice(0, at), sep, v.slice(at + sep.length)];
            return seq(parts.map((p) => str(p)), 'tuple');
        }
        case 'encode':
            return isAscii(v) && asciiCodec(a) ? one({ t: 'bytes', v }) : TOP;
        case 'translate': {
            const table = a.pos[0];
            if (a.pos.length !== 1 ||
                table === null ||
                table === undefined ||
                table.length !== 1 ||
                table[0]?.t !== 'dict' ||
                !indexable(v))
                return TOP;
            const entries = table[0].entries;
            let out = '';
            for (const c of v) {
                const e = entries.get(`n:${c.codePointAt(0)}`);
                if (!e) {
                    out += c;
                    continue;
                }
                const to = e[1];
                if (to === null || to.length !== 1)
                    return TOP;
                const t = to[0];
                if (t.t === 'none')
                    continue;
                if (t.t === 'str')
                    out += t.v;
                else if (t.t === 'num' && t.int && t.v !== undefined && t.v >= 0 && t.v <= 0x10ffff)
                    out += String.fromCodePoint(t.v);
                else
                    return TOP;
                if (out.length > MAX_STR)
                    return TOP;
            }
            return str(out);
        }
        case 'maketrans': {
            const x = sArg(0);
            const y = sArg(1);
            const z = a.pos.length > 2 ? sArg(2) : '';
            if (typeof x !== 'string' || typeof y !== 'string' || typeof z !== 'string')
                return TOP;
            if (!indexable(x) || !indexable(y) || !indexable(z) || x.length !== y.length)
                return TOP;
            const entries = [...x].map((c, i) => [
                { t: 'num', v: c.codePointAt(0), int: true },
                num(y.codePointAt(i), true)
            ]);
            for (const c of z)
                entries.push([{ t: 'num', v: c.codePointAt(0), int: true }, one({ t: 'none' })]);
            return dictOf(entries);
        }
        case 'startswith':
        case 'endswith':
        case 'isdigit':
        case 'isalpha':
        case 'isalnum':
        case 'isspace':
        case 'islower':
        case 'isupper':
        case 'isidentifier':
            return BOOL;
        case 'find':
        case 'rfind':
        case 'index':
        case 'rindex':
        case 'count':
            return INT;
        case 'splitlines':
            return PY_LINE_BREAK.test(v) ? TOP : seq(v === '' ? [] : [str(v)]);
        default:
            return TOP;
    }
}

;// CONCATENATED MODULE: ./src/engine/formats/template/jinja-sinks.ts
/**
 * The sinks: every place Jinja turns a value into an attribute name (`x.name`, `x[key]`, which falls back to
 * getattr for strings, the filters that build attribute getters, `attr`, str.format fields) or picks a
 * filter or test by name. A name is safe only when it folded to constants none of which Python or Jinja's
 * sandbox treats as internal; what did not fold is reported as unverifiable, never passed.
 *
 * Not sinks: `%` formatting and the `format` filter (`'%(k)s' % d` reads `d[k]` with PyObject_GetItem, never
 * getattr), tests (looked up by literal name at compile time) and filters other than the ones below (they
 * call fixed special methods such as __str__ or __html__, whatever the template says).
 */

const NAMED_DUNDERS = new Set([
    '__class__',
    '__mro__',
    '__subclasses__',
    '__globals__',
    '__builtins__',
    '__import__',
    '__init__',
    '__base__',
    '__bases__',
    '__getattribute__',
    '__dict__'
]);
/** Attributes of frames, code objects, generators, coroutines and tracebacks (jinja2/sandbox.py and Python). */
const FRAME = new Set(('f_back f_builtins f_code f_globals f_locals f_lasti f_lineno f_trace gi_code gi_frame gi_running ' +
    'gi_yieldfrom gi_suspended cr_await cr_code cr_frame cr_origin cr_running cr_suspended ag_await ag_code ' +
    'ag_frame ag_running tb_frame tb_lasti tb_lineno tb_next co_code co_consts co_names').split(' '));
const INTERNAL = new Set('mro func_globals func_code func_closure func_defaults func_dict im_func im_self im_class'.split(' '));
const WORDS = {
    os: 'os-module',
    popen: 'popen',
    subprocess: 'subprocess',
    eval: 'eval',
    exec: 'exec',
    import: 'import',
    builtins: 'builtins'
};
/** Methods that change a list or dict in place: once a template may call one, literal containers are not constant. */
const MUTATORS = new Set([
    'append',
    'extend',
    'insert',
    'pop',
    'remove',
    'clear',
    'sort',
    'reverse',
    'update',
    'setdefault',
    'popitem'
]);
const FORMAT_METHODS = new Set(['format', 'format_map']);
/** The pattern an attribute name is reported under, or undefined when it is safe to look up. */
function unsafeName(raw) {
    const name = /^[\x20-\x7e]*$/.test(raw) ? raw : raw.normalize('NFKC');
    if (name.includes('_TemplateReference__context'))
        return 'template-reference';
    if (/^__[\s\S]+__$/.test(name))
        return NAMED_DUNDERS.has(name) ? `dunder:${name}` : 'dunder';
    if (name.startsWith('_'))
        return 'private-attribute';
    if (FRAME.has(name))
        return 'frame-traversal';
    if (INTERNAL.has(name))
        return 'internal-attribute';
    return Object.hasOwn(WORDS, name) ? WORDS[name] : undefined;
}
/** Patterns that mean "could not verify", not "found something dangerous". */
function isUnverifiable(pattern) {
    return (pattern === 'LIMIT' ||
        pattern === 'unparseable' ||
        pattern.startsWith('unfoldable:') ||
        pattern === 'escaped-ascii' ||
        pattern === 'named-unicode-escape');
}
const EXCERPT_CHARS = 160;
const MAX_SINKS = 10_000;
/** Findings and sinks of one template: each pattern once, with the first place it was seen. */
class Report {
    src;
    threats = new Map();
    sinks = [];
    /** set when a sink's name is a method that mutates lists or dicts */
    mutation = false;
    constructor(src) {
        this.src = src;
    }
    snippet(at, max = 100) {
        const s = clean(this.src.slice(at.pos, Math.min(at.end, at.pos + max * 2)));
        return s.length > max ? `${s.slice(0, max - 1)}…` : s;
    }
    add(pattern, excerpt) {
        if (!this.threats.has(pattern))
            this.threats.set(pattern, clean(excerpt).slice(0, EXCERPT_CHARS));
    }
    /** A threat found at a node: "what in `source`". */
    at(pattern, node, what) {
        if (this.threats.has(pattern))
            return;
        this.add(pattern, `${what} in \`${this.snippet(node)}\``);
    }
    sink(kind, node, names) {
        if (this.sinks.length < MAX_SINKS)
            this.sinks.push({ kind, excerpt: this.snippet(node), names });
    }
    /** Checks a name that Jinja or Python will look up as an attribute. */
    name(name, node, format = true) {
        if (MUTATORS.has(name))
            this.mutation = true;
        const pattern = unsafeName(name);
        if (pattern !== undefined)
            this.at(pattern, node, `\`${name.slice(0, 40)}\``);
        else if (format && FORMAT_METHODS.has(name))
            this.at('format-string', node, `str.${name} on a value that is not a known string`);
    }
    /**
     * A value at a sink that folded to nothing (no value survives) or only to Undefined: the fold is not
     * trusted to that point (a wrong Undefined would hide the name Python computes), so it is not verified.
     */
    vacuous(value, kind, pattern, node) {
        if (value === null || !value.every((s) => s.t === 'undef'))
            return false;
        this.sink(kind, node, null);
        this.at(pattern, node, 'a name folded only to Undefined or to no value');
        return true;
    }
    /** The name given to the attr filter. */
    attrName(value, node) {
        if (this.vacuous(value, 'attr-filter', 'unfoldable:attribute', node))
            return;
        if (value === null) {
            this.sink('attr-filter', node, null);
            this.at('unfoldable:attribute', node, 'attribute name not known');
            return;
        }
        const names = value.flatMap((s) => (s.t === 'str' ? [s.v] : []));
        this.sink('attr-filter', node, names);
        for (const x of names)
            this.name(x, node);
    }
    /** `x[key]`: strings are attribute names (getattr fallback); numbers, slices and tuples are not. */
    subscript(key, receiver, node) {
        if (this.vacuous(key, 'subscript', 'unfoldable:subscript', node))
            return;
        if (key === null) {
            this.sink('subscript', node, null);
            this.at('unfoldable:subscript', node, 'computed attribute name');
            return;
        }
        const names = [];
        for (const s of key) {
            if (s.t !== 'str')
                continue;
            names.push(s.v);
            if (FORMAT_METHODS.has(s.v))
                this.formatReceiver(receiver, node, s.v);
            else
                this.name(s.v, node);
        }
        this.sink('subscript', node, names);
    }
    /** `x.name` with a literal name. */
    attribute(name, receiver, node) {
        this.sink('attribute', node, [name]);
        if (FORMAT_METHODS.has(name))
            this.formatReceiver(receiver, node, name);
        else
            this.name(name, node);
    }
    /** A value used as the attribute argument of map/selectattr/sort/…: dotted (and, for sort, comma) paths. */
    attributePath(value, node, multi, kind = 'attribute-filter') {
        if (this.vacuous(value, kind, 'unfoldable:attribute', node))
            return;
        if (value === null) {
            this.sink(kind, node, null);
            this.at('unfoldable:attribute', node, 'attribute name not known');
            return;
        }
        const names = [];
        for (const s of value) {
            if (s.t !== 'str')
                continue;
            names.push(s.v);
            for (const path of multi ? s.v.split(',') : [s.v])
                for (const part of path.split('.'))
                    if (!/^\p{Nd}+$/u.test(part))
                        this.name(part, node);
        }
        this.sink(kind, node, names);
    }
    /** A filter or test chosen by a value (map('name'), select('name'), …). */
    chosenName(value, node, kind) {
        if (this.vacuous(value, kind, `unfoldable:${kind}`, node))
            return undefined;
        if (value === null) {
            this.sink(kind, node, null);
            this.at(`unfoldable:${kind}`, node, `${kind === 'filter-name' ? 'filter' : 'test'} chosen at render time`);
            return undefined;
        }
        const names = value.flatMap((s) => (s.t === 'str' ? [s.v] : []));
        this.sink(kind, node, names);
        return names;
    }
    /** str.format / format_map: the receiver must be known strings, whose fields are checked like attributes. */
    formatReceiver(receiver, node, method) {
        if (this.vacuous(receiver, 'format', 'unfoldable:format', node))
            return;
        if (receiver === null) {
            this.sink('format', node, null);
            this.at('unfoldable:format', node, `str.${method} on a format string not known`);
            return;
        }
        const names = [];
        for (const s of receiver) {
            if (s.t !== 'str')
                continue;
            const { fields, error } = formatFields(s.v);
            for (const f of fields) {
                if (f.first !== '' && !/^\p{Nd}+$/u.test(f.first))
                    this.name(f.first, node, false);
                for (const step of f.steps) {
                    names.push(step.name);
                    if (step.attr || !/^\p{Nd}+$/u.test(step.name))
                        this.name(step.name, node);
                }
            }
            if (error !== undefined && fields.length > 0)
                names.push(`(${error})`);
        }
        this.sink('format', node, names);
    }
    /** Threats, those that are findings first, then those that say what could not be verified. */
    list() {
        const all = [...this.threats].map(([pattern, excerpt]) => ({ pattern, excerpt }));
        return [...all.filter((t) => !isUnverifiable(t.pattern)), ...all.filter((t) => isUnverifiable(t.pattern))];
    }
}
/** Excerpts end up in reports: no control characters, no runs of whitespace. */
function clean(s) {
    let out = '';
    for (const ch of s.slice(0, EXCERPT_CHARS * 4)) {
        const c = ch.codePointAt(0) ?? 0;
        out += c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 ? ' ' : ch;
    }
    return out.replace(/\s+/g, ' ').trim();
}

;// CONCATENATED MODULE: ./src/engine/formats/template/jinja-eval.ts
/**
 * The abstract evaluation: the template's statements run once over value sets instead of values, with
 * Jinja's scoping (jinja2/idtracking.py, compiler.py): `if` shares its scope, a `for` body starts every
 * iteration from the enclosing values and leaks nothing, `with`/`set` blocks/`filter` blocks are inner
 * scopes, macro and call bodies run later (their free names are unknown unless they can only be macros).
 * Namespaces and list mutations cross every scope and iteration, so they are summaries the caller iterates
 * to a fixpoint. Every sink is checked on the way.
 */



const MAX_MACRO_CHAIN = 16;
const GLOBALS = new Set(['range', 'dict', 'lipsum', 'cycler', 'joiner', 'namespace']);
const EMPTY = [{ t: 'str', v: '' }];
function norm(name) {
    return isAscii(name) ? name : name.normalize('NFKC');
}
/** One scope's bindings, with an undo trail so branches and loops cost only what they write. */
class State {
    free;
    vars = new Map();
    trail = [];
    constructor(free) {
        this.free = free;
    }
    get(name) {
        const b = this.vars.get(name);
        if (!b)
            return this.free(name);
        return b.maybe ? join(b.v, this.free(name)) : b.v;
    }
    bind(name, b) {
        this.trail.push([name, this.vars.get(name)]);
        this.vars.set(name, b);
    }
    set(name, v) {
        this.bind(name, { v, maybe: false });
    }
    mark() {
        return this.trail.length;
    }
    written(m) {
        const out = new Map();
        for (let i = m; i < this.trail.length; i++) {
            const name = this.trail[i][0];
            if (!out.has(name))
                out.set(name, this.vars.get(name));
        }
        return out;
    }
    undo(m) {
        while (this.trail.length > m) {
            const [name, b] = this.trail.pop();
            if (b)
                this.vars.set(name, b);
            else
                this.vars.delete(name);
        }
    }
}
class Evaluator {
    pre;
    variant;
    summary;
    report;
    collected = { ns: new Map(), nsUnknown: false, mutation: false };
    macroState;
    macroDepth = 0;
    constructor(pre, variant, summary, report) {
        this.pre = pre;
        this.variant = variant;
        this.summary = summary;
        this.report = report;
        this.macroState = pre.macros.map(() => ({ state: 0, value: TOP }));
    }
    run(ast) {
        setMutable(this.summary.mutation);
        const st = new State((n) => this.global(n) ?? TOP);
        this.body(ast, { st, capture: false, esc: false });
        // macros never reached in the flow are still checked
        for (let id = 0; id < this.pre.macros.length; id++)
            this.macroValue(id);
        this.collected.mutation = this.report.mutation;
        return this.collected;
    }
    global(n) {
        return GLOBALS.has(n) && !this.pre.assigned.has(n) ? [{ t: 'global', name: n }] : undefined;
    }
    deferredFree = (n) => {
        const ids = this.pre.rootMacros.get(n);
        if (ids)
            return join(ids.map((id) => ({ t: 'macro', id })), UNDEF);
        return this.global(n) ?? TOP;
    };
    // careful: null is a value here (unknown), so no `??`
    nsAttr = (name) => this.summary.nsTop ? TOP : this.summary.ns.has(name) ? this.summary.ns.get(name) : UNDEF;
    nsAssign(attr, value) {
        const ns = this.collected.ns;
        const v = settle(value);
        ns.set(attr, ns.has(attr) ? join(ns.get(attr), v) : v);
    }
    // ---- statements ----
    body(stmts, ctx) {
        let out = EMPTY;
        for (const s of stmts) {
            const o = this.stmt(s, ctx);
            if (ctx.capture && out !== null && o !== EMPTY)
                out = cat(out, o);
        }
        return out;
    }
    stmt(s, ctx) {
        spend(0);
        const st = ctx.st;
        switch (s.k) {
            case 'output': {
                let out = EMPTY;
                for (const it of s.items) {
                    if (it.k !== 'data') {
                        const v = this.expr(it, ctx);
                        if (ctx.capture && out !== null)
                            out = cat(out, this.render(v, ctx));
                    }
                    else if (ctx.capture && out !== null)
                        out = cat(out, str(it.text[this.variant]));
                }
                return ctx.capture ? out : EMPTY;
            }
            case 'if': {
                const m = st.mark();
                const ends = [];
                const outs = [];
                for (const br of s.branches) {
                    this.expr(br.test, ctx);
                    outs.push(this.body(br.body, ctx));
                    ends.push(st.written(m));
                    st.undo(m);
                }
                outs.push(this.body(s.else, ctx));
                ends.push(st.written(m));
                st.undo(m);
                // a name written in some branches keeps, in the others, the value it had before the `if`
                const acc = new Map();
                for (const e of ends) {
                    for (const [n, b] of e) {
                        const a = acc.get(n);
                        if (a)
                            acc.set(n, { b: { v: join(a.b.v, b.v), maybe: a.b.maybe || b.maybe }, count: a.count + 1 });
                        else
                            acc.set(n, { b, count: 1 });
                    }
                }
                for (const [n, { b, count }] of acc) {
                    if (count === ends.length)
                        st.bind(n, b);
                    else {
                        const before = st.vars.get(n);
                        st.bind(n, before ? { v: join(b.v, before.v), maybe: b.maybe || before.maybe } : { v: b.v, maybe: true });
                    }
                }
                return ctx.capture ? joinAll(outs) : EMPTY;
            }
            case 'for': {
                const iter = this.expr(s.iter, ctx);
                const elem = s.recursive ? TOP : jinja_fold_elements(iter);
                const m = st.mark();
                this.assign(s.target, elem, ctx);
                if (s.test)
                    this.expr(s.test, ctx);
                const item = settle(elem);
                prime(item);
                st.set('loop', [{ t: 'loop', item }]);
                const once = this.body(s.body, ctx);
                st.undo(m);
                const otherwise = this.body(s.else, ctx);
                st.undo(m);
                if (!ctx.capture)
                    return EMPTY;
                return join(isEmpty(once) ? EMPTY : TOP, otherwise);
            }
            case 'set':
                this.assign(s.target, this.expr(s.value, ctx), ctx);
                return EMPTY;
            case 'setblock': {
                const m = st.mark();
                let v = this.body(s.body, { ...ctx, capture: true });
                st.undo(m);
                v = markup(v, ctx.esc);
                if (s.filter)
                    v = this.filterNode(s.filter, ctx, v);
                this.assign(s.target, v, ctx);
                return EMPTY;
            }
            case 'macro': {
                const id = this.pre.macroIds.get(s);
                st.set(this.ident(s.name, s), [{ t: 'macro', id }]);
                this.macroValue(id);
                return EMPTY;
            }
            case 'callblock': {
                this.deferred(s.body, s.params, ctx.esc, false);
                return this.render(this.expr(s.call, ctx), ctx);
            }
            case 'filterblock': {
                const m = st.mark();
                const v = this.body(s.body, { ...ctx, capture: true });
                st.undo(m);
                return this.render(this.filterNode(s.filter, ctx, markup(v, ctx.esc)), ctx);
            }
            case 'with': {
                const values = s.values.map((v) => this.expr(v, ctx));
                const m = st.mark();
                s.targets.forEach((t, i) => this.assign(t, values[i] ?? TOP, ctx));
                const out = this.body(s.body, ctx);
                st.undo(m);
                return out;
            }
            case 'block':
                return this.deferred(s.body, [], ctx.esc, ctx.capture);
            case 'scope': {
                let esc = ctx.esc;
                if (s.autoescape) {
                    const v = this.expr(s.autoescape, ctx);
                    const t = v !== null && v.length === 1 ? truthy(v[0]) : undefined;
                    esc = t === undefined ? 'maybe' : t;
                }
                const m = st.mark();
                const out = this.body(s.body, { ...ctx, esc });
                st.undo(m);
                return out;
            }
            case 'extends':
            case 'include':
                this.report.at(s.k, s, `{% ${s.k} %}`);
                this.expr(s.template, ctx);
                return TOP;
            case 'import':
                this.report.at('import', s, '{% import %}');
                this.expr(s.template, ctx);
                st.set(this.ident(s.target, s), TOP);
                return EMPTY;
            case 'fromimport':
                this.report.at('import', s, '{% from … import %}');
                this.expr(s.template, ctx);
                for (const [, alias] of s.names)
                    st.set(this.ident(alias, s), TOP);
                return EMPTY;
            case 'do':
                this.expr(s.expr, ctx);
                return EMPTY;
            case 'break':
            case 'continue':
                return EMPTY;
        }
    }
    /** A body that runs later (macro, caller, block): its own scope, parameters unknown. */
    deferred(body, params, esc, capture) {
        const st = new State(this.deferredFree);
        const ctx = { st, capture, esc };
        for (const p of params) {
            if (p.default)
                this.expr(p.default, ctx);
            st.set(norm(p.name), TOP);
        }
        for (const n of ['varargs', 'kwargs', 'caller'])
            st.set(n, TOP);
        return this.body(body, ctx);
    }
    macroValue(id) {
        const m = this.macroState[id];
        if (m.state === 2)
            return m.value;
        // a macro being analysed (recursion), or one too deep in a chain of macros analysed on first call: unknown
        // for now; it is analysed where it is defined
        if (m.state === 1 || this.macroDepth >= MAX_MACRO_CHAIN)
            return TOP;
        m.state = 1;
        this.macroDepth++;
        const { stmt, esc } = this.pre.macros[id];
        m.value = markup(this.deferred(stmt.body, stmt.params, esc, true), esc);
        this.macroDepth--;
        m.state = 2;
        return m.value;
    }
    /** Binds a target; a variable may be read any number of times, so an iterator in it counts as advanced. */
    assign(target, value, ctx) {
        const v = settle(value);
        if (target.k === 'name') {
            ctx.st.set(this.ident(target.name, target), v);
        }
        else if (target.k === 'tuple') {
            // unpacking iterates the value once: its items, if known
            const n = target.items.length;
            const parts = value === null ? undefined : value.map((s) => (s.t === 'seq' ? seqItems(s) : undefined));
            target.items.forEach((t, i) => {
                const part = parts === undefined
                    ? TOP
                    : joinAll(parts.map((xs) => (xs !== undefined && xs.length === n ? xs[i] : TOP)));
                this.assign(t, part, ctx);
            });
        }
        else if (target.k === 'nsref') {
            this.load(target.name, target, ctx);
            this.report.name(target.attr, target, false);
            this.nsAssign(target.attr, v);
        }
    }
    /** A value written out: str(), escaped under autoescape. */
    render(v, ctx) {
        if (!ctx.capture)
            return EMPTY;
        return lift([v], ([s]) => {
            const t = pyStr(s);
            if (t === undefined)
                return TOP;
            if (ctx.esc === true && !(s?.t === 'str' && s.markup))
                return str(escapeHtml(t));
            if (ctx.esc === 'maybe' && htmlSpecial(t))
                return TOP;
            return str(t);
        });
    }
    // ---- expressions ----
    ident(raw, at) {
        const n = norm(raw);
        if (n !== raw)
            this.report.at('confusable-identifier', at, `\`${raw.slice(0, 40)}\`, which Python reads as \`${n.slice(0, 40)}\``);
        return n;
    }
    load(raw, at, ctx) {
        const n = this.ident(raw, at);
        if (n === 'self')
            this.report.at('template-reference', at, '`self`');
        else if (n === 'lipsum')
            this.report.at('lipsum', at, '`lipsum`');
        else if (n === 'eval' || n === 'exec')
            this.report.at(n, at, `\`${n}\``);
        else if (/^__[\s\S]+__$/.test(n))
            this.report.at(unsafeName(n), at, `\`${n.slice(0, 40)}\``);
        return ctx.st.get(n);
    }
    /** Receivers that are themselves the danger: Jinja's globals, Flask's request and config, os. */
    receiver(objNode, obj, at) {
        if (objNode?.k === 'name') {
            const n = norm(objNode.name);
            if (n === 'request')
                this.report.at('request-object', at, '`request`');
            else if (n === 'config')
                this.report.at('config-object', at, '`config`');
            else if (n === 'os')
                this.report.at('os-module', at, '`os`');
        }
        if (obj === null)
            return;
        for (const s of obj) {
            if (s.t !== 'global')
                continue;
            if (s.name === 'lipsum')
                this.report.at('lipsum', at, '`lipsum`');
            else
                this.report.at('global-object-traversal', at, `an attribute of the global \`${s.name}\``);
        }
    }
    expr(e, ctx) {
        spend(0);
        switch (e.k) {
            case 'const': {
                const c = e.v;
                if (c.t === 'str')
                    return c.v === null ? TOP : str(c.v);
                if (c.t === 'num')
                    return num(c.v, c.int);
                if (c.t === 'bool')
                    return [{ t: 'bool', v: c.v }];
                return [{ t: 'none' }];
            }
            case 'name':
                return this.load(e.name, e, ctx);
            case 'nsref':
                return TOP;
            case 'tuple':
                return seq(e.items.map((x) => this.expr(x, ctx)), 'tuple');
            case 'list': {
                const items = e.items.map((x) => this.expr(x, ctx));
                return seq(items);
            }
            case 'dict': {
                const pairs = [];
                let known = !this.summary.mutation;
                for (const [k, v] of e.items) {
                    const kv = this.expr(k, ctx);
                    const vv = this.expr(v, ctx);
                    if (kv === null || kv.length !== 1 || dictKey(kv[0]) === undefined)
                        known = false;
                    else
                        pairs.push([kv[0], vv]);
                }
                return known ? dictOf(pairs) : TOP;
            }
            case 'getattr': {
                const obj = this.expr(e.obj, ctx);
                this.receiver(e.obj, obj, e);
                this.report.attribute(e.attr, obj, e);
                return attribute(obj, e.attr, this.nsAttr);
            }
            case 'getitem': {
                const obj = this.expr(e.obj, ctx);
                if (e.arg.k === 'slice') {
                    const part = (x) => x === undefined ? undefined : this.expr(x, ctx);
                    return jinja_fold_slice(obj, part(e.arg.start), part(e.arg.stop), part(e.arg.step));
                }
                const key = this.expr(e.arg, ctx);
                this.receiver(e.obj, obj, e);
                this.report.subscript(key, obj, e);
                return item(obj, key);
            }
            case 'slice':
                for (const x of [e.start, e.stop, e.step])
                    if (x)
                        this.expr(x, ctx);
                return [{ t: 'slice' }];
            case 'call':
                return this.call(e, ctx);
            case 'filter':
                return this.filterNode(e, ctx, undefined);
            case 'test':
                this.expr(e.node, ctx);
                this.args(e.args, ctx, e);
                return BOOL;
            case 'cond': {
                const t = this.expr(e.test, ctx);
                const a = this.expr(e.then, ctx);
                const b = e.else ? this.expr(e.else, ctx) : UNDEF;
                const tv = t !== null && t.length === 1 ? truthy(t[0]) : undefined;
                return tv === true ? a : tv === false ? b : join(a, b);
            }
            case 'and':
            case 'or':
                return logical(e.k, this.expr(e.left, ctx), this.expr(e.right, ctx));
            case 'not':
                this.expr(e.node, ctx);
                return BOOL;
            case 'neg':
            case 'pos':
                return negate(this.expr(e.node, ctx), e.k === 'neg' ? -1 : 1);
            case 'compare':
                this.expr(e.expr, ctx);
                for (const o of e.ops)
                    this.expr(o.expr, ctx);
                return BOOL;
            case 'concat':
                return concat(e.nodes.map((x) => this.expr(x, ctx)), ctx.esc);
            case 'bin':
                return binary(e.op, this.expr(e.left, ctx), this.expr(e.right, ctx));
        }
    }
    /** Arguments, settled: what a callee is given it may iterate more than once. */
    args(a, ctx, at) {
        const pos = a.pos.map((x) => settle(this.expr(x, ctx)));
        const kw = new Map();
        for (const [k, x] of a.kw)
            kw.set(this.ident(k, at), settle(this.expr(x, ctx)));
        let moreArgs = false;
        let moreKw = false;
        if (a.star) {
            const v = this.expr(a.star, ctx);
            const items = v !== null && v.length === 1 ? spread(v[0]) : undefined;
            if (items)
                pos.push(...items.map(settle));
            else
                moreArgs = true;
        }
        if (a.dstar) {
            const v = this.expr(a.dstar, ctx);
            const d = v !== null && v.length === 1 && v[0]?.t === 'dict' ? v[0] : undefined;
            if (d && [...d.entries.values()].every(([k]) => k.t === 'str')) {
                for (const [k, x] of d.entries.values())
                    kw.set(k.v, settle(x));
            }
            else
                moreKw = true;
        }
        return { pos, kw, moreArgs, moreKw };
    }
    call(e, ctx) {
        const fn = e.fn;
        if (fn.k === 'getattr') {
            const recv = this.expr(fn.obj, ctx);
            this.receiver(fn.obj, recv, fn);
            this.report.attribute(fn.attr, recv, fn);
            return method(recv, fn.attr, this.args(e.args, ctx, e));
        }
        const f = this.expr(fn, ctx);
        const a = this.args(e.args, ctx, e);
        if (f === null)
            return TOP;
        let out = [];
        for (const s of f) {
            let r = TOP;
            if (s.t === 'macro')
                r = this.macroValue(s.id);
            else if (s.t === 'global')
                r = this.callGlobal(s.name, a);
            // calling Undefined raises: no value comes of it
            else if (s.t === 'undef')
                r = [];
            out = join(out, r);
            if (out === null)
                return TOP;
        }
        return out;
    }
    callGlobal(name, a) {
        if (name === 'range')
            return seqOf(INT, 'range');
        if (name === 'dict') {
            if (a.pos.length > 0 || a.moreArgs || a.moreKw || this.summary.mutation)
                return TOP;
            return dictOf([...a.kw].map(([k, v]) => [{ t: 'str', v: k }, v]));
        }
        if (name === 'namespace') {
            if (a.pos.length > 0 || a.moreArgs || a.moreKw)
                this.collected.nsUnknown = true;
            for (const [k, v] of a.kw)
                this.nsAssign(k, v);
            return [{ t: 'ns' }];
        }
        return TOP;
    }
    /** A filter (in a block, `input` is the captured body). */
    filterNode(e, ctx, input) {
        if (e.k !== 'filter')
            return this.expr(e, ctx);
        const value = e.node === undefined ? (input === undefined ? TOP : input) : this.filterNode(e.node, ctx, input);
        if (e.node?.k === 'name') {
            const n = norm(e.node.name);
            if (n === 'request')
                this.report.at('request-object', e, '`request`');
            else if (n === 'config')
                this.report.at('config-object', e, '`config`');
        }
        const a = this.args(e.args, ctx, e);
        this.filterSinks(e.name, value, a, e);
        return filter(e.name, value, a, ctx.esc);
    }
    /**
     * The filters that look attributes up by name or pick filters and tests by name. `map('f', …)` applies
     * filter f with the remaining arguments, and f may be map again (`map('map', 'map', 'attr', …)`): the
     * chain is followed to its end, however long, one positional argument per step.
     */
    filterSinks(name, input, args, at) {
        const r = this.report;
        const path = (v, multi = false) => {
            if (v !== undefined)
                r.attributePath(v, at, multi);
        };
        if (!SINK_FILTERS.has(name))
            return;
        // [filter name, how many of the positional arguments the maps before it took]
        const pending = [[name, 0]];
        for (let job = pending.pop(); job !== undefined; job = pending.pop()) {
            const [n, skip] = job;
            spend(1);
            // the arguments this filter gets: those after the ones the maps before it consumed
            const arg = (i, kw) => param(args, i < 0 ? -1 : i + skip, kw);
            switch (n) {
                case 'attr': {
                    r.at('attr-filter', at, 'the attr filter');
                    const v = arg(0, 'name');
                    if (v !== undefined)
                        r.attrName(v, at);
                    break;
                }
                case 'map':
                    if (args.pos.length <= skip && !args.moreArgs) {
                        path(arg(-1, 'attribute'));
                    }
                    else {
                        const chosen = args.pos.length > skip ? args.pos[skip] : TOP;
                        const names = r.chosenName(chosen, at, 'filter-name');
                        if (names)
                            for (const m of names)
                                if (SINK_FILTERS.has(m))
                                    pending.push([m, skip + 1]);
                    }
                    break;
                case 'select':
                case 'reject': {
                    const t = arg(0, undefined);
                    if (t !== undefined)
                        r.chosenName(t, at, 'test-name');
                    break;
                }
                case 'selectattr':
                case 'rejectattr': {
                    // without an attribute Jinja raises before looking anything up
                    const attribute = arg(0, undefined);
                    path(attribute);
                    const t = arg(1, undefined);
                    if (t !== undefined)
                        r.chosenName(t, at, 'test-name');
                    break;
                }
                case 'sort':
                    path(arg(2, 'attribute'), true);
                    break;
                case 'unique':
                case 'min':
                case 'max':
                case 'join':
                    path(arg(1, 'attribute'));
                    break;
                case 'sum':
                case 'groupby':
                    path(arg(0, 'attribute'));
                    break;
            }
        }
        this.receiver(undefined, input, at);
    }
}
/** Filters that look attributes up by name, or choose filters and tests by name. */
const SINK_FILTERS = new Set([
    'attr',
    'map',
    'select',
    'reject',
    'selectattr',
    'rejectattr',
    'sort',
    'unique',
    'min',
    'max',
    'join',
    'sum',
    'groupby'
]);
/** `*args`: the items of a known iterable. */
function spread(s) {
    if (s.t === 'seq')
        return seqItems(s);
    if (s.t === 'str')
        return [...s.v].length <= 4096 ? [...s.v].map((c) => str(c)) : undefined;
    if (s.t === 'dict')
        return [...s.entries.values()].map(([k]) => [k]);
    return undefined;
}
function cat(a, b) {
    return lift([a, b], ([x, y]) => (x?.t === 'str' && y?.t === 'str' ? str(x.v + y.v) : TOP));
}
function isEmpty(v) {
    return v !== null && v.length === 1 && v[0]?.t === 'str' && v[0].v === '';
}
/** Captured text is Markup under autoescape. */
function markup(v, esc) {
    if (esc === false || v === null)
        return v;
    return lift([v], ([s]) => s?.t === 'str' ? (esc === true ? str(s.v, true) : join(str(s.v), str(s.v, true))) : [s]);
}
/** Statements and expressions of the whole template, for the prepass. */
function prepass(ast) {
    const pre = {
        assigned: new Set(),
        rootMacros: new Map(),
        macros: [],
        macroIds: new Map(),
        captures: false
    };
    const binders = new Map();
    const bind = (name, root, macro) => {
        const n = norm(name);
        pre.assigned.add(n);
        const list = binders.get(n) ?? [];
        list.push({ root, macro });
        binders.set(n, list);
    };
    const targets = (e) => {
        if (e.k === 'name')
            bind(e.name, false);
        else if (e.k === 'tuple')
            e.items.forEach(targets);
    };
    const walk = (stmts, root, esc) => {
        for (const s of stmts) {
            switch (s.k) {
                case 'set':
                    targets(s.target);
                    break;
                case 'setblock':
                    pre.captures = true;
                    targets(s.target);
                    walk(s.body, false, esc);
                    break;
                case 'for':
                    targets(s.target);
                    walk(s.body, false, esc);
                    walk(s.else, false, esc);
                    break;
                case 'if':
                    for (const b of s.branches)
                        walk(b.body, false, esc);
                    walk(s.else, false, esc);
                    break;
                case 'macro': {
                    const id = pre.macros.length;
                    pre.macros.push({ stmt: s, esc });
                    pre.macroIds.set(s, id);
                    pre.captures = true;
                    bind(s.name, root, id);
                    for (const p of s.params)
                        bind(p.name, false);
                    walk(s.body, false, esc);
                    break;
                }
                case 'callblock':
                    pre.captures = true;
                    for (const p of s.params)
                        bind(p.name, false);
                    walk(s.body, false, esc);
                    break;
                case 'filterblock':
                case 'block':
                    pre.captures = true;
                    walk(s.body, false, esc);
                    break;
                case 'with':
                    s.targets.forEach(targets);
                    walk(s.body, false, esc);
                    break;
                case 'scope': {
                    let inner = esc;
                    if (s.autoescape) {
                        const c = s.autoescape;
                        inner = c.k === 'const' && c.v.t === 'bool' ? c.v.v : 'maybe';
                    }
                    walk(s.body, false, inner);
                    break;
                }
                case 'import':
                    bind(s.target, false);
                    break;
                case 'fromimport':
                    for (const [, alias] of s.names)
                        bind(alias, false);
                    break;
                default:
                    break;
            }
        }
    };
    walk(ast, true, false);
    for (const [name, list] of binders) {
        if (list.every((b) => b.root && b.macro !== undefined))
            pre.rootMacros.set(name, list.map((b) => b.macro));
    }
    return pre;
}

;// CONCATENATED MODULE: ./src/engine/formats/template/jinja-lexer.ts
/**
 * Jinja's lexer (jinja2/lexer.py, default delimiters, no line statements), rewritten rule for rule: the same
 * token rules tried in the same order, the same whitespace control, string literals decoded the way Python's
 * `unicode-escape` codec decodes them, numbers read the way Python reads them. Template text is kept in two
 * forms: as a plain `Environment` renders it, and as one with `trim_blocks` and `lstrip_blocks` does
 * (transformers, llama-cpp-python), since text captured by `{% set %}` or a macro becomes a value.
 */
class JinjaSyntaxError extends Error {
    pos;
    constructor(message, pos) {
        super(message);
        this.pos = pos;
    }
}
/** Something the checker will not go through (nesting too deep to be a template Jinja compiles). */
class JinjaLimitError extends Error {
    pos;
    constructor(message, pos) {
        super(message);
        this.pos = pos;
    }
}
/** Python's whitespace (`str.isspace`, which is also what `\s` matches in Python's `re`). */
const PY_WS = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const WS_RUN = new RegExp(`[${PY_WS}]+`, 'y');
const WS_ONLY = new RegExp(`^[${PY_WS}]+$`);
const WS_END = new RegExp(`[${PY_WS}]+$`);
const jinja_lexer_FLOAT = /(?:\d+_)*\d+(?:(?:\.(?:\d+_)*\d+)?[eE][+-]?(?:\d+_)*\d+|\.(?:\d+_)*\d+)/y;
const INTEGER = /0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0[xX](?:_?[0-9a-fA-F])+|[1-9](?:_?\d)*|0(?:_?0)*/y;
// Python's `\w` plus the identifier characters Jinja adds (jinja2/_identifier.py), then `str.isidentifier`
const NAME = /[\p{L}\p{N}_\p{XID_Continue}]+/uy;
const IDENTIFIER = /^[\p{XID_Start}_]\p{XID_Continue}*$/u;
const OPERATORS1 = new Set([...'+-/*%~[](){}><=.:|,;']);
const RAW_BEGIN = new RegExp(`\\{%(-|\\+|)[${PY_WS}]*raw[${PY_WS}]*(?:-%\\}([${PY_WS}]*)|%\\})`, 'y');
const RAW_END = new RegExp(`\\{%(-|\\+|)[${PY_WS}]*endraw[${PY_WS}]*(\\+%\\}|-%\\}[${PY_WS}]*|%\\})`, 'g');
/** The source as Jinja lexes it: lines split and joined with \n, one trailing newline dropped. */
function normalizeSource(source) {
    const src = source.replace(/\r\n?/g, '\n');
    return src.endsWith('\n') ? src.slice(0, -1) : src;
}
/** Tokens of a source already passed through normalizeSource. */
function lex(src) {
    const out = [];
    let pos = 0;
    let after = { trimNewline: false, lineStart: true };
    const tagStart = /\{[{%#]/g;
    const text = (from, to, sign, stripsBlocks) => {
        let plain = src.slice(from, to);
        let trim = after.trimNewline && plain.startsWith('\n') ? plain.slice(1) : plain;
        if (sign === '-') {
            plain = plain.replace(WS_END, '');
            trim = trim.replace(WS_END, '');
        }
        else if (sign !== '+' && stripsBlocks) {
            const l = trim.lastIndexOf('\n') + 1;
            if ((l > 0 || after.lineStart) && WS_ONLY.test(trim.slice(l)))
                trim = trim.slice(0, l);
        }
        if (plain !== '' || trim !== '') {
            const t = token('data', '', from, to);
            t.data = [plain, trim];
            out.push(t);
        }
    };
    while (pos < src.length) {
        tagStart.lastIndex = pos;
        const found = tagStart.exec(src);
        if (!found) {
            text(pos, src.length, '', false);
            break;
        }
        const j = found.index;
        const kind = src[j + 1];
        if (kind === '%') {
            RAW_BEGIN.lastIndex = j;
            const raw = RAW_BEGIN.exec(src);
            if (raw) {
                text(pos, j, raw[1] ?? '', true);
                const begun = raw[2] ?? '';
                after = { trimNewline: false, lineStart: begun.endsWith('\n') };
                const contentFrom = j + raw[0].length;
                // Jinja's lexer stops without error when a state has nothing left to read
                if (contentFrom >= src.length)
                    break;
                RAW_END.lastIndex = contentFrom;
                const end = RAW_END.exec(src);
                if (!end)
                    throw new JinjaSyntaxError('Missing end of raw directive', j);
                text(contentFrom, end.index, end[1] ?? '', true);
                const close = end[2] ?? '';
                pos = end.index + end[0].length;
                after = endOf(true, close[0] === '%' ? '' : (close[0] ?? ''), close.slice(3), src, pos);
                continue;
            }
        }
        let p = j + 2;
        const sign = src[p] === '-' || src[p] === '+' ? src[p] : '';
        p += sign.length;
        text(pos, j, sign, kind !== '{');
        if (kind === '#') {
            if (p >= src.length)
                break;
            const close = src.indexOf('#}', p);
            if (close < 0)
                throw new JinjaSyntaxError('Missing end of comment tag', j);
            const endSign = close - 1 >= p && (src[close - 1] === '-' || src[close - 1] === '+') ? src[close - 1] : '';
            pos = endSign === '-' ? skipWs(src, close + 2) : close + 2;
            after = endOf(true, endSign ?? '', src.slice(close + 2, pos), src, pos);
            continue;
        }
        const block = kind === '%';
        out.push(token(block ? 'block_begin' : 'variable_begin', `{${kind}${sign}`, j, p));
        pos = tag(src, p, block, out);
        const last = out[out.length - 1];
        const endSign = last.value.length === 3 ? last.value[0] : '';
        after = endOf(block, endSign, src.slice(last.end, pos), src, pos);
    }
    out.push(token('eof', '', src.length, src.length));
    return out;
}
/**
 * What the end of a tag means for the text after it: `-` ate the whitespace after it, a plain `%}` or `#}`
 * eats one newline under trim_blocks, and lstrip_blocks looks at whether the previous match ended a line.
 */
function endOf(blockOrComment, sign, eaten, src, pos) {
    if (sign === '-')
        return { trimNewline: false, lineStart: eaten.endsWith('\n') };
    if (sign === '+' || !blockOrComment)
        return { trimNewline: false, lineStart: false };
    return { trimNewline: true, lineStart: src[pos] === '\n' };
}
function skipWs(src, pos) {
    WS_RUN.lastIndex = pos;
    return WS_RUN.exec(src) ? WS_RUN.lastIndex : pos;
}
/** Python's whitespace, by code unit. */
function isWs(c) {
    return (c === 32 ||
        (c >= 9 && c <= 13) ||
        (c >= 0x1c && c <= 0x1f) ||
        c === 0x85 ||
        c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000);
}
function token(type, value, pos, end) {
    return { type, value, pos, end, text: undefined, num: undefined, data: undefined };
}
/**
 * The tokens of one `{{ … }}` or `{% … %}`, up to its end (which only counts outside brackets). Jinja tries
 * whitespace, float, integer, name, string and operator in that order; their first characters do not
 * overlap, so looking at the first character picks the same rule.
 */
function tag(src, pos, block, out) {
    const brackets = [];
    const n = src.length;
    for (;;) {
        if (pos >= n)
            throw new JinjaSyntaxError('unexpected end of template', pos);
        const c = src.charCodeAt(pos);
        if (brackets.length === 0 && (c === 0x2d || c === 0x2b || c === 0x25 || c === 0x7d)) {
            const end = block ? blockEnd(src, pos) : variableEnd(src, pos);
            if (end !== undefined) {
                out.push(token(block ? 'block_end' : 'variable_end', end.text, pos, pos + end.text.length));
                return end.next;
            }
        }
        if (isWs(c)) {
            pos++;
            while (pos < n && isWs(src.charCodeAt(pos)))
                pos++;
            continue;
        }
        let m;
        if (c >= 0x30 && c <= 0x39) {
            if (src[pos - 1] !== '.') {
                jinja_lexer_FLOAT.lastIndex = pos;
                if ((m = jinja_lexer_FLOAT.exec(src))) {
                    const v = m[0];
                    const t = token('float', v, pos, pos + v.length);
                    t.num = Number(v.replace(/_/g, ''));
                    out.push(t);
                    pos += v.length;
                    continue;
                }
            }
            INTEGER.lastIndex = pos;
            const v = INTEGER.exec(src)[0];
            const t = token('integer', v, pos, pos + v.length);
            t.num = intValue(v);
            out.push(t);
            pos += v.length;
            continue;
        }
        if (c === 0x27 || c === 0x22) {
            const q = src[pos];
            let k = pos + 1;
            while (k < n && src[k] !== q)
                k += src[k] === '\\' ? 2 : 1;
            if (k < n) {
                const t = token('string', src.slice(pos, k + 1), pos, k + 1);
                t.text = decodeString(src.slice(pos + 1, k), pos);
                out.push(t);
                pos = k + 1;
                continue;
            }
            throw new JinjaSyntaxError('unexpected char (an unterminated string)', pos);
        }
        if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c >= 0x80) {
            // ASCII names need no Unicode tables: [A-Za-z_][A-Za-z0-9_]* is an identifier
            let k = pos;
            let d = c;
            while (k < n &&
                ((d >= 0x61 && d <= 0x7a) || (d >= 0x41 && d <= 0x5a) || d === 0x5f || (d >= 0x30 && d <= 0x39)))
                d = src.charCodeAt(++k);
            if (k > pos && (k >= n || d < 0x80)) {
                out.push(token('name', src.slice(pos, k), pos, k));
                pos = k;
                continue;
            }
            NAME.lastIndex = pos;
            if ((m = NAME.exec(src))) {
                const v = m[0];
                if (!IDENTIFIER.test(v))
                    throw new JinjaSyntaxError('Invalid character in identifier', pos);
                out.push(token('name', v, pos, pos + v.length));
                pos += v.length;
                continue;
            }
        }
        const ch = src[pos];
        const d = src.charCodeAt(pos + 1);
        const op = (d === c && (c === 0x2a || c === 0x2f)) ||
            (d === 0x3d && (c === 0x3d || c === 0x21 || c === 0x3e || c === 0x3c))
            ? src.slice(pos, pos + 2)
            : OPERATORS1.has(ch)
                ? ch
                : undefined;
        if (op === undefined)
            throw new JinjaSyntaxError(`unexpected char ${JSON.stringify(ch)}`, pos);
        if (op === '(' || op === '[' || op === '{')
            brackets.push(op === '(' ? ')' : op === '[' ? ']' : '}');
        else if (op === ')' || op === ']' || op === '}') {
            const expected = brackets.pop();
            if (expected !== op)
                throw new JinjaSyntaxError(`unexpected '${op}'`, pos);
        }
        out.push(token('op', op, pos, pos + op.length));
        pos += op.length;
    }
}
function blockEnd(src, pos) {
    if (src.startsWith('+%}', pos))
        return { text: '+%}', next: pos + 3 };
    if (src.startsWith('-%}', pos))
        return { text: '-%}', next: skipWs(src, pos + 3) };
    if (src.startsWith('%}', pos))
        return { text: '%}', next: pos + 2 };
    return undefined;
}
function variableEnd(src, pos) {
    if (src.startsWith('-}}', pos))
        return { text: '-}}', next: skipWs(src, pos + 3) };
    if (src.startsWith('}}', pos))
        return { text: '}}', next: pos + 2 };
    return undefined;
}
function intValue(text) {
    const digits = text.replace(/_/g, '');
    if (digits.length < 16 && !/^0[bBoOxX]/.test(digits))
        return Number(digits);
    const big = /^0[bBoOxX]/.test(digits) ? BigInt(digits) : BigInt(digits.replace(/^0+(?=.)/, ''));
    return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : undefined;
}
const SIMPLE_ESCAPES = {
    '\\': '\\',
    "'": "'",
    '"': '"',
    a: '\x07',
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
    v: '\v',
    '\n': ''
};
/**
 * A string literal's value: Jinja encodes the source text to ASCII with `backslashreplace` and decodes it
 * with `unicode-escape`, so escapes are Python's (\x, \u, \U, octal, \N{name}) and a backslash before a
 * non-ASCII character escapes the backslash of that character's own escape. Errors are Jinja's syntax
 * errors; a \N{name} this table does not know makes the value unknown (null).
 */
function decodeString(raw, pos = 0) {
    if (!raw.includes('\\'))
        return raw;
    let t = '';
    for (const ch of raw) {
        const cp = ch.codePointAt(0);
        t +=
            cp < 0x80
                ? ch
                : cp < 0x100
                    ? `\\x${hex(cp, 2)}`
                    : cp < 0x10000
                        ? `\\u${hex(cp, 4)}`
                        : `\\U${hex(cp, 8)}`;
    }
    let out = '';
    let unknown = false;
    for (let i = 0; i < t.length;) {
        const c = t[i];
        if (c !== '\\') {
            const next = t.indexOf('\\', i);
            const stop = next < 0 ? t.length : next;
            out += t.slice(i, stop);
            i = stop;
            continue;
        }
        const e = t[i + 1];
        if (e === undefined)
            throw new JinjaSyntaxError('\\ at end of string', pos);
        if (Object.hasOwn(SIMPLE_ESCAPES, e)) {
            out += SIMPLE_ESCAPES[e];
            i += 2;
        }
        else if (e >= '0' && e <= '7') {
            const m = /^[0-7]{1,3}/.exec(t.slice(i + 1, i + 4));
            out += String.fromCodePoint(parseInt(m[0], 8));
            i += 1 + m[0].length;
        }
        else if (e === 'x' || e === 'u' || e === 'U') {
            const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
            const digits = t.slice(i + 2, i + 2 + n);
            if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(digits))
                throw new JinjaSyntaxError(`truncated \\${e} escape`, pos);
            const cp = parseInt(digits, 16);
            if (cp > 0x10ffff)
                throw new JinjaSyntaxError('illegal Unicode character', pos);
            out += String.fromCodePoint(cp);
            i += 2 + n;
        }
        else if (e === 'N') {
            const close = t[i + 2] === '{' ? t.indexOf('}', i + 3) : -1;
            if (close < 0 || close === i + 3)
                throw new JinjaSyntaxError('malformed \\N character escape', pos);
            const ch = unicodeByName(t.slice(i + 3, close));
            if (ch === undefined)
                unknown = true;
            else
                out += ch;
            i = close + 1;
        }
        else {
            out += `\\${e}`;
            i += 2;
        }
    }
    return unknown ? null : out;
}
function hex(n, width) {
    return n.toString(16).padStart(width, '0');
}
const NAMED = new Map();
const named = (names, first) => names.split('|').forEach((n, k) => NAMED.set(n, String.fromCharCode(first + k)));
named('SPACE|EXCLAMATION MARK|QUOTATION MARK|NUMBER SIGN|DOLLAR SIGN|PERCENT SIGN|AMPERSAND|APOSTROPHE|' +
    'LEFT PARENTHESIS|RIGHT PARENTHESIS|ASTERISK|PLUS SIGN|COMMA|HYPHEN-MINUS|FULL STOP|SOLIDUS', 0x20);
named('COLON|SEMICOLON|LESS-THAN SIGN|EQUALS SIGN|GREATER-THAN SIGN|QUESTION MARK|COMMERCIAL AT', 0x3a);
named('LEFT SQUARE BRACKET|REVERSE SOLIDUS|RIGHT SQUARE BRACKET|CIRCUMFLEX ACCENT|LOW LINE|GRAVE ACCENT', 0x5b);
named('LEFT CURLY BRACKET|VERTICAL LINE|RIGHT CURLY BRACKET|TILDE', 0x7b);
const DIGITS = ['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE'];
/** The printable ASCII characters by their Unicode names (Python matches names case-insensitively). */
function unicodeByName(name) {
    const n = name.toUpperCase();
    const letter = /^LATIN (SMALL|CAPITAL) LETTER ([A-Z])$/.exec(n);
    if (letter)
        return letter[1] === 'SMALL' ? letter[2].toLowerCase() : letter[2];
    const digit = /^DIGIT ([A-Z]+)$/.exec(n);
    if (digit) {
        const d = DIGITS.indexOf(digit[1]);
        return d < 0 ? undefined : String(d);
    }
    return NAMED.get(n);
}

;// CONCATENATED MODULE: ./src/engine/formats/template/jinja-parser.ts
/**
 * Jinja's parser (jinja2/parser.py), method for method: the same grammar, precedence and statement tags,
 * with the extensions chat-template renderers enable (loopcontrols' break/continue, transformers'
 * generation block) and `do`. What Jinja refuses to compile is a JinjaSyntaxError here too.
 */

/** Deeper than this (parser recursion or expression tree) is reported, not followed. */
const MAX_NESTING = 200;
const MAX_EXPR_DEPTH = 400;
const ASSIGN_RESERVED = new Set(['true', 'false', 'none', 'True', 'False', 'None']);
const COMPARE = new Set(['==', '!=', '<', '<=', '>', '>=']);
function parse(tokens) {
    return new Parser(tokens).parseTemplate();
}
class Parser {
    tokens;
    i = 0;
    nesting = 0;
    constructor(tokens) {
        this.tokens = tokens;
    }
    parseTemplate() {
        return this.subparse(undefined);
    }
    // ---- the token stream ----
    get cur() {
        return this.tokens[this.i];
    }
    look() {
        return this.tokens[Math.min(this.i + 1, this.tokens.length - 1)];
    }
    next() {
        const t = this.cur;
        if (t.type !== 'eof')
            this.i++;
        return t;
    }
    isOp(v, t = this.cur) {
        return t.type === 'op' && t.value === v;
    }
    isName(v, t = this.cur) {
        return t.type === 'name' && t.value === v;
    }
    skipOp(v) {
        if (!this.isOp(v))
            return false;
        this.next();
        return true;
    }
    skipName(v) {
        if (!this.isName(v))
            return false;
        this.next();
        return true;
    }
    expectOp(v) {
        if (!this.isOp(v))
            this.fail(`expected token '${v}', got ${this.describe()}`);
        return this.next();
    }
    expectName(v) {
        if (this.cur.type !== 'name' || (v !== undefined && this.cur.value !== v))
            this.fail(`expected ${v ?? 'name'}, got ${this.describe()}`);
        return this.next();
    }
    expectType(type) {
        if (this.cur.type !== type)
            this.fail(`expected ${type.replace('_', ' ')}, got ${this.describe()}`);
        return this.next();
    }
    describe() {
        const t = this.cur;
        return t.type === 'eof' ? 'end of template' : `'${t.value.slice(0, 40)}'`;
    }
    fail(message, pos = this.cur.pos) {
        throw new JinjaSyntaxError(message, pos);
    }
    enter() {
        if (++this.nesting > MAX_NESTING)
            throw new JinjaLimitError(`nesting deeper than ${MAX_NESTING} levels`, this.cur.pos);
    }
    leave() {
        this.nesting--;
    }
    mk(body, pos, children = []) {
        let depth = 0;
        for (const c of children)
            if (c !== undefined && c.depth > depth)
                depth = c.depth;
        depth++;
        if (depth > MAX_EXPR_DEPTH)
            throw new JinjaLimitError(`an expression nested deeper than ${MAX_EXPR_DEPTH} levels`, pos);
        const prev = this.tokens[this.i - 1];
        const node = body;
        node.pos = pos;
        node.end = prev ? Math.max(prev.end, pos) : pos;
        node.depth = depth;
        return node;
    }
    stmt(body, pos) {
        const prev = this.tokens[this.i - 1];
        return { ...body, pos, end: prev ? Math.max(prev.end, pos) : pos };
    }
    // ---- statements ----
    subparse(endTokens) {
        this.enter();
        const body = [];
        let buffer = [];
        const flush = () => {
            if (buffer.length > 0) {
                const first = buffer[0];
                const last = buffer[buffer.length - 1];
                body.push({ k: 'output', items: buffer, pos: first.pos, end: last.end });
                buffer = [];
            }
        };
        while (this.cur.type !== 'eof') {
            const t = this.cur;
            if (t.type === 'data') {
                buffer.push({ k: 'data', text: t.data, pos: t.pos, end: t.end });
                this.next();
            }
            else if (t.type === 'variable_begin') {
                this.next();
                buffer.push(this.parseTuple({}));
                this.expectType('variable_end');
            }
            else if (t.type === 'block_begin') {
                flush();
                this.next();
                if (endTokens !== undefined && this.cur.type === 'name' && endTokens.includes(this.cur.value)) {
                    this.leave();
                    return body;
                }
                body.push(this.parseStatement());
                this.expectType('block_end');
            }
            else {
                this.fail(`unexpected ${this.describe()}`);
            }
        }
        flush();
        this.leave();
        return body;
    }
    parseStatements(endTokens, dropNeedle = false) {
        this.skipOp(':');
        this.expectType('block_end');
        const result = this.subparse(endTokens);
        if (this.cur.type === 'eof')
            this.fail(`unexpected end of template, expected ${endTokens.join(' or ')}`);
        if (dropNeedle)
            this.next();
        return result;
    }
    parseStatement() {
        const t = this.cur;
        if (t.type !== 'name')
            this.fail('tag name expected');
        const pos = t.pos;
        switch (t.value) {
            case 'for':
                return this.parseFor();
            case 'if':
                return this.parseIf();
            case 'set':
                return this.parseSet();
            case 'macro': {
                this.next();
                const name = this.parseAssignTarget({ nameOnly: true });
                const params = this.parseSignature();
                const body = this.parseStatements(['endmacro'], true);
                return this.stmt({ k: 'macro', name: name.name, params, body }, pos);
            }
            case 'call': {
                this.next();
                const params = this.isOp('(') ? this.parseSignature() : [];
                const call = this.parseExpression();
                if (call.k !== 'call')
                    this.fail('expected call', pos);
                const body = this.parseStatements(['endcall'], true);
                return this.stmt({ k: 'callblock', params, call, body }, pos);
            }
            case 'filter': {
                this.next();
                const filter = this.parseFilter(undefined, true);
                const body = this.parseStatements(['endfilter'], true);
                return this.stmt({ k: 'filterblock', filter, body }, pos);
            }
            case 'with':
                return this.parseWith();
            case 'autoescape': {
                this.next();
                const autoescape = this.parseExpression();
                const body = this.parseStatements(['endautoescape'], true);
                return this.stmt({ k: 'scope', body, autoescape }, pos);
            }
            case 'block': {
                this.next();
                const name = this.expectName().value;
                this.skipName('scoped');
                this.skipName('required');
                if (this.isOp('-'))
                    this.fail('Block names in Jinja have to be valid Python identifiers');
                const body = this.parseStatements(['endblock'], true);
                this.skipName(name);
                return this.stmt({ k: 'block', name, body }, pos);
            }
            case 'extends':
            case 'include': {
                this.next();
                const template = this.parseExpression();
                if (t.value === 'include' && this.isName('ignore') && this.isName('missing', this.look())) {
                    this.next();
                    this.next();
                }
                if (t.value === 'include')
                    this.parseImportContext();
                return this.stmt({ k: t.value, template }, pos);
            }
            case 'import': {
                this.next();
                const template = this.parseExpression();
                this.expectName('as');
                const target = this.parseAssignTarget({ nameOnly: true }).name;
                this.parseImportContext();
                return this.stmt({ k: 'import', template, target }, pos);
            }
            case 'from':
                return this.parseFrom();
            case 'print': {
                this.next();
                const items = [];
                while (this.cur.type !== 'block_end') {
                    if (items.length > 0)
                        this.expectOp(',');
                    items.push(this.parseExpression());
                }
                return this.stmt({ k: 'output', items }, pos);
            }
            case 'do': {
                this.next();
                return this.stmt({ k: 'do', expr: this.parseTuple({}) }, pos);
            }
            case 'break':
            case 'continue':
                this.next();
                return this.stmt({ k: t.value }, pos);
            case 'generation': {
                this.next();
                const body = this.parseStatements(['endgeneration'], true);
                return this.stmt({ k: 'scope', body }, pos);
            }
            default:
                return this.fail(`Encountered unknown tag '${t.value.slice(0, 40)}'`);
        }
    }
    parseFor() {
        const pos = this.expectName('for').pos;
        const target = this.parseAssignTarget({ extraEnd: ['in'] });
        this.expectName('in');
        const iter = this.parseTuple({ condexpr: false, extraEnd: ['recursive'] });
        const test = this.skipName('if') ? this.parseExpression() : undefined;
        const recursive = this.skipName('recursive');
        const body = this.parseStatements(['endfor', 'else']);
        const elseBody = this.next().value === 'endfor' ? [] : this.parseStatements(['endfor'], true);
        return this.stmt({ k: 'for', target, iter, body, else: elseBody, ...(test && { test }), recursive }, pos);
    }
    parseIf() {
        const pos = this.expectName('if').pos;
        const branches = [];
        let elseBody = [];
        for (;;) {
            const test = this.parseTuple({ condexpr: false });
            branches.push({ test, body: this.parseStatements(['elif', 'else', 'endif']) });
            const t = this.next();
            if (t.value === 'elif')
                continue;
            if (t.value === 'else')
                elseBody = this.parseStatements(['endif'], true);
            break;
        }
        return this.stmt({ k: 'if', branches, else: elseBody }, pos);
    }
    parseSet() {
        const pos = this.next().pos;
        const target = this.parseAssignTarget({ withNamespace: true });
        if (this.skipOp('='))
            return this.stmt({ k: 'set', target, value: this.parseTuple({}) }, pos);
        const filter = this.parseFilter(undefined);
        const body = this.parseStatements(['endset'], true);
        return this.stmt({ k: 'setblock', target, ...(filter && { filter }), body }, pos);
    }
    parseWith() {
        const pos = this.next().pos;
        const targets = [];
        const values = [];
        while (this.cur.type !== 'block_end') {
            if (targets.length > 0)
                this.expectOp(',');
            targets.push(this.parseAssignTarget({}));
            this.expectOp('=');
            values.push(this.parseExpression());
        }
        const body = this.parseStatements(['endwith'], true);
        return this.stmt({ k: 'with', targets, values, body }, pos);
    }
    parseImportContext() {
        if ((this.isName('with') || this.isName('without')) && this.isName('context', this.look())) {
            this.next();
            this.next();
        }
    }
    parseFrom() {
        const pos = this.next().pos;
        const template = this.parseExpression();
        this.expectName('import');
        const names = [];
        const context = () => {
            if ((this.isName('with') || this.isName('without')) && this.isName('context', this.look())) {
                this.next();
                this.next();
                return true;
            }
            return false;
        };
        for (;;) {
            if (names.length > 0)
                this.expectOp(',');
            if (this.cur.type !== 'name')
                this.expectName();
            if (context())
                break;
            const target = this.parseAssignTarget({ nameOnly: true }).name;
            if (target.startsWith('_'))
                this.fail('names starting with an underline can not be imported');
            const alias = this.skipName('as')
                ? this.parseAssignTarget({ nameOnly: true }).name
                : target;
            names.push([target, alias]);
            if (context() || !this.isOp(','))
                break;
        }
        return this.stmt({ k: 'fromimport', template, names }, pos);
    }
    parseSignature() {
        const params = [];
        let defaults = false;
        this.expectOp('(');
        while (!this.isOp(')')) {
            if (params.length > 0)
                this.expectOp(',');
            const name = this.parseAssignTarget({ nameOnly: true }).name;
            if (this.skipOp('=')) {
                params.push({ name, default: this.parseExpression() });
                defaults = true;
            }
            else {
                if (defaults)
                    this.fail('non-default argument follows default argument');
                params.push({ name });
            }
        }
        this.expectOp(')');
        return params;
    }
    parseAssignTarget(o) {
        let target;
        if (o.nameOnly) {
            const t = this.expectName();
            target = this.mk({ k: 'name', name: t.value }, t.pos);
        }
        else {
            target = this.parseTuple({ simplified: true, extraEnd: o.extraEnd, withNamespace: o.withNamespace });
        }
        if (!assignable(target))
            this.fail(`can't assign to ${target.k}`, target.pos);
        return target;
    }
    // ---- expressions ----
    parseExpression(condexpr = true) {
        this.enter();
        const e = condexpr ? this.parseCondexpr() : this.parseOr();
        this.leave();
        return e;
    }
    parseCondexpr() {
        const pos = this.cur.pos;
        let expr1 = this.parseOr();
        while (this.skipName('if')) {
            const test = this.parseOr();
            const expr3 = this.skipName('else') ? this.parseCondexpr() : undefined;
            expr1 = this.mk({ k: 'cond', test, then: expr1, ...(expr3 && { else: expr3 }) }, pos, [
                test,
                expr1,
                expr3
            ]);
        }
        return expr1;
    }
    parseOr() {
        const pos = this.cur.pos;
        let left = this.parseAnd();
        while (this.skipName('or')) {
            const right = this.parseAnd();
            left = this.mk({ k: 'or', left, right }, pos, [left, right]);
        }
        return left;
    }
    parseAnd() {
        const pos = this.cur.pos;
        let left = this.parseNot();
        while (this.skipName('and')) {
            const right = this.parseNot();
            left = this.mk({ k: 'and', left, right }, pos, [left, right]);
        }
        return left;
    }
    parseNot() {
        if (this.isName('not')) {
            const pos = this.next().pos;
            this.enter();
            const node = this.parseNot();
            this.leave();
            return this.mk({ k: 'not', node }, pos, [node]);
        }
        return this.parseCompare();
    }
    parseCompare() {
        const pos = this.cur.pos;
        const expr = this.parseMath1();
        const ops = [];
        for (;;) {
            const t = this.cur;
            if (t.type === 'op' && COMPARE.has(t.value)) {
                this.next();
                ops.push({ op: t.value, expr: this.parseMath1() });
            }
            else if (this.skipName('in')) {
                ops.push({ op: 'in', expr: this.parseMath1() });
            }
            else if (this.isName('not') && this.isName('in', this.look())) {
                this.next();
                this.next();
                ops.push({ op: 'notin', expr: this.parseMath1() });
            }
            else {
                break;
            }
        }
        if (ops.length === 0)
            return expr;
        return this.mk({ k: 'compare', expr, ops }, pos, [expr, ...ops.map((o) => o.expr)]);
    }
    parseMath1() {
        const pos = this.cur.pos;
        let left = this.parseConcat();
        while (this.isOp('+') || this.isOp('-')) {
            const op = this.next().value;
            const right = this.parseConcat();
            left = this.mk({ k: 'bin', op, left, right }, pos, [left, right]);
        }
        return left;
    }
    parseConcat() {
        const pos = this.cur.pos;
        const nodes = [this.parseMath2()];
        while (this.skipOp('~'))
            nodes.push(this.parseMath2());
        if (nodes.length === 1)
            return nodes[0];
        return this.mk({ k: 'concat', nodes }, pos, nodes);
    }
    parseMath2() {
        const pos = this.cur.pos;
        let left = this.parsePow();
        while (this.isOp('*') || this.isOp('/') || this.isOp('//') || this.isOp('%')) {
            const op = this.next().value;
            const right = this.parsePow();
            left = this.mk({ k: 'bin', op, left, right }, pos, [left, right]);
        }
        return left;
    }
    parsePow() {
        const pos = this.cur.pos;
        let left = this.parseUnary();
        while (this.skipOp('**')) {
            const right = this.parseUnary();
            left = this.mk({ k: 'bin', op: '**', left, right }, pos, [left, right]);
        }
        return left;
    }
    parseUnary(withFilter = true) {
        const pos = this.cur.pos;
        this.enter();
        let node;
        if (this.skipOp('-')) {
            const inner = this.parseUnary(false);
            node = this.mk({ k: 'neg', node: inner }, pos, [inner]);
        }
        else if (this.skipOp('+')) {
            const inner = this.parseUnary(false);
            node = this.mk({ k: 'pos', node: inner }, pos, [inner]);
        }
        else {
            node = this.parsePrimary();
        }
        node = this.parsePostfix(node);
        if (withFilter)
            node = this.parseFilterExpr(node);
        this.leave();
        return node;
    }
    parsePrimary(withNamespace = false) {
        const t = this.cur;
        const pos = t.pos;
        if (t.type === 'name') {
            this.next();
            if (t.value === 'true' || t.value === 'True' || t.value === 'false' || t.value === 'False')
                return this.mk({ k: 'const', v: { t: 'bool', v: t.value === 'true' || t.value === 'True' } }, pos);
            if (t.value === 'none' || t.value === 'None')
                return this.mk({ k: 'const', v: { t: 'none' } }, pos);
            if (withNamespace && this.isOp('.')) {
                this.next();
                const attr = this.expectName().value;
                return this.mk({ k: 'nsref', name: t.value, attr }, pos);
            }
            return this.mk({ k: 'name', name: t.value }, pos);
        }
        if (t.type === 'string') {
            this.next();
            let v = t.text ?? null;
            while (this.cur.type === 'string') {
                const more = this.next().text ?? null;
                v = v === null || more === null ? null : v + more;
            }
            return this.mk({ k: 'const', v: { t: 'str', v } }, pos);
        }
        if (t.type === 'integer' || t.type === 'float') {
            this.next();
            return this.mk({ k: 'const', v: { t: 'num', v: t.num, int: t.type === 'integer' } }, pos);
        }
        if (this.isOp('(')) {
            this.next();
            const node = this.parseTuple({ explicitParens: true });
            const close = this.expectOp(')');
            return { ...node, pos, end: close.end };
        }
        if (this.isOp('['))
            return this.parseList();
        if (this.isOp('{'))
            return this.parseDict();
        return this.fail(`unexpected ${this.describe()}`);
    }
    parseTuple(o) {
        const pos = this.cur.pos;
        const args = [];
        let isTuple = false;
        for (;;) {
            if (args.length > 0)
                this.expectOp(',');
            if (this.isTupleEnd(o.extraEnd))
                break;
            args.push(o.simplified ? this.parsePrimary(o.withNamespace) : this.parseExpression(o.condexpr ?? true));
            if (this.isOp(','))
                isTuple = true;
            else
                break;
        }
        if (!isTuple) {
            if (args.length > 0)
                return args[0];
            if (!o.explicitParens)
                this.fail(`Expected an expression, got ${this.describe()}`);
        }
        return this.mk({ k: 'tuple', items: args }, pos, args);
    }
    isTupleEnd(extraEnd) {
        const t = this.cur;
        if (t.type === 'variable_end' || t.type === 'block_end' || this.isOp(')'))
            return true;
        return extraEnd !== undefined && t.type === 'name' && extraEnd.includes(t.value);
    }
    parseList() {
        const pos = this.expectOp('[').pos;
        const items = [];
        while (!this.isOp(']')) {
            if (items.length > 0)
                this.expectOp(',');
            if (this.isOp(']'))
                break;
            items.push(this.parseExpression());
        }
        this.expectOp(']');
        return this.mk({ k: 'list', items }, pos, items);
    }
    parseDict() {
        const pos = this.expectOp('{').pos;
        const items = [];
        while (!this.isOp('}')) {
            if (items.length > 0)
                this.expectOp(',');
            if (this.isOp('}'))
                break;
            const key = this.parseExpression();
            this.expectOp(':');
            items.push([key, this.parseExpression()]);
        }
        this.expectOp('}');
        return this.mk({ k: 'dict', items }, pos, items.flat());
    }
    parsePostfix(node) {
        for (;;) {
            if (this.isOp('.') || this.isOp('['))
                node = this.parseSubscript(node);
            else if (this.isOp('('))
                node = this.parseCall(node);
            else
                return node;
        }
    }
    parseFilterExpr(node) {
        for (;;) {
            if (this.isOp('|'))
                node = this.parseFilter(node);
            else if (this.isName('is'))
                node = this.parseTest(node);
            else if (this.isOp('('))
                node = this.parseCall(node);
            else
                return node;
        }
    }
    parseSubscript(node) {
        const t = this.next();
        if (t.value === '.') {
            const attr = this.next();
            if (attr.type === 'name')
                return this.mk({ k: 'getattr', obj: node, attr: attr.value }, node.pos, [node]);
            if (attr.type !== 'integer')
                this.fail('expected name or number', attr.pos);
            const arg = this.mk({ k: 'const', v: { t: 'num', v: attr.num, int: true } }, attr.pos);
            return this.mk({ k: 'getitem', obj: node, arg }, node.pos, [node, arg]);
        }
        const args = [];
        while (!this.isOp(']')) {
            if (args.length > 0)
                this.expectOp(',');
            args.push(this.parseSubscribed());
        }
        this.expectOp(']');
        const arg = args.length === 1 ? args[0] : this.mk({ k: 'tuple', items: args }, t.pos, args);
        return this.mk({ k: 'getitem', obj: node, arg }, node.pos, [node, arg]);
    }
    parseSubscribed() {
        const pos = this.cur.pos;
        const parts = [];
        if (this.skipOp(':')) {
            parts.push(undefined);
        }
        else {
            const node = this.parseExpression();
            if (!this.isOp(':'))
                return node;
            this.next();
            parts.push(node);
        }
        const endsSlot = () => this.isOp(']') || this.isOp(',');
        if (this.isOp(':'))
            parts.push(undefined);
        else if (!endsSlot())
            parts.push(this.parseExpression());
        else
            parts.push(undefined);
        if (this.skipOp(':'))
            parts.push(endsSlot() ? undefined : this.parseExpression());
        else
            parts.push(undefined);
        const [start, stop, step] = parts;
        return this.mk({ k: 'slice', ...(start && { start }), ...(stop && { stop }), ...(step && { step }) }, pos, [start, stop, step]);
    }
    parseCallArgs() {
        const open = this.expectOp('(');
        const args = { pos: [], kw: [] };
        let requireComma = false;
        const ensure = (ok) => {
            if (!ok)
                this.fail('invalid syntax for function call expression', open.pos);
        };
        while (!this.isOp(')')) {
            if (requireComma) {
                this.expectOp(',');
                if (this.isOp(')'))
                    break;
            }
            if (this.isOp('*')) {
                ensure(args.star === undefined && args.dstar === undefined);
                this.next();
                args.star = this.parseExpression();
            }
            else if (this.isOp('**')) {
                ensure(args.dstar === undefined);
                this.next();
                args.dstar = this.parseExpression();
            }
            else if (this.cur.type === 'name' && this.isOp('=', this.look())) {
                ensure(args.dstar === undefined);
                const key = this.next().value;
                this.next();
                args.kw.push([key, this.parseExpression()]);
            }
            else {
                ensure(args.star === undefined && args.dstar === undefined && args.kw.length === 0);
                args.pos.push(this.parseExpression());
            }
            requireComma = true;
        }
        this.expectOp(')');
        return args;
    }
    parseCall(node) {
        const args = this.parseCallArgs();
        return this.mk({ k: 'call', fn: node, args }, node.pos, [node, ...argExprs(args)]);
    }
    parseFilter(node, startInline = false) {
        while (this.isOp('|') || startInline) {
            if (!startInline)
                this.next();
            const t = this.expectName();
            let name = t.value;
            while (this.skipOp('.'))
                name += `.${this.expectName().value}`;
            const args = this.isOp('(') ? this.parseCallArgs() : { pos: [], kw: [] };
            node = this.mk({ k: 'filter', ...(node && { node }), name, args }, node?.pos ?? t.pos, [
                node,
                ...argExprs(args)
            ]);
            startInline = false;
        }
        return node;
    }
    parseTest(node) {
        const isTok = this.next();
        const negated = this.skipName('not');
        let name = this.expectName().value;
        while (this.skipOp('.'))
            name += `.${this.expectName().value}`;
        let args = { pos: [], kw: [] };
        const t = this.cur;
        if (this.isOp('(')) {
            args = this.parseCallArgs();
        }
        else if ((t.type === 'name' ||
            t.type === 'string' ||
            t.type === 'integer' ||
            t.type === 'float' ||
            this.isOp('[') ||
            this.isOp('{')) &&
            !this.isName('else') &&
            !this.isName('or') &&
            !this.isName('and')) {
            if (this.isName('is'))
                this.fail('You cannot chain multiple tests with is');
            args = { pos: [this.parsePostfix(this.parsePrimary())], kw: [] };
        }
        const test = this.mk({ k: 'test', node, name, args }, node.pos, [node, ...argExprs(args)]);
        return negated ? this.mk({ k: 'not', node: test }, isTok.pos, [test]) : test;
    }
}
function assignable(e) {
    if (e.k === 'name')
        return !ASSIGN_RESERVED.has(e.name);
    if (e.k === 'nsref')
        return true;
    if (e.k === 'tuple')
        return e.items.every(assignable);
    return false;
}
function argExprs(a) {
    const out = [...a.pos, ...a.kw.map((k) => k[1])];
    if (a.star)
        out.push(a.star);
    if (a.dstar)
        out.push(a.dstar);
    return out;
}

;// CONCATENATED MODULE: ./src/engine/formats/template.ts
/**
 * Static checks of Jinja chat templates for server-side template injection (CVE-2024-34359 in
 * llama-cpp-python, CVE-2026-5760 in SGLang): nothing is ever rendered.
 *
 * What it proves. A template reaches Python objects only through attribute lookups, and Jinja looks an
 * attribute up by a name in a few places only: `x.name`, `x[key]` (a string key falls back to getattr),
 * `attr`, the filters that build attribute getters (map/selectattr/rejectattr/sort/unique/min/max/join/sum/
 * groupby, which split names on dots), filters and tests chosen by name (map('attr', …)), and the fields of
 * str.format/format_map. The checker evaluates the template over sets of possible values and, at each of
 * those sinks, requires the name to be one or more constants it folded, none of them internal (`_…`,
 * frame/code/generator attributes, the names Jinja's sandbox refuses), or a number, a slice or a tuple.
 * Names that are dangerous whoever spells them (os, popen, eval, self, lipsum, the globals' own attributes,
 * import/include) are findings too.
 *
 * What it treats as unknown. Everything that comes from render time (messages, tools, macro parameters,
 * caller()), every operation it does not fold exactly as Python would, and anything past its size and work
 * bounds. Unknown is harmless except at a sink, where it is reported as "could not verify"
 * (`unfoldable:*`), never passed; so is a template Jinja could not parse (`unparseable`) or one too large
 * or deep (`LIMIT`).
 *
 * Why its own parser. A security check must read the template exactly as Jinja does, or a payload hides in
 * the difference; it must also fail closed on what it cannot decide, which a general-purpose port would
 * not. So the lexer and parser follow jinja2's lexer.py and parser.py rule for rule (template/jinja-*.ts).
 */






const MAX_TEMPLATE_CHARS = 1024 * 1024;
/** Rounds of evaluation to settle namespace attributes and list mutations before they are taken as unknown. */
const MAX_ROUNDS = 4;
/**
 * Units of work the last analysis took (evaluation steps, folded characters): for tests of linearity.
 * @internal
 */
function templateWork() {
    return workDone();
}
function templateThreats(template, options = {}) {
    return templateAnalysis(template, options).threats;
}
/** The threats, and every sink with the names it folded to (what the checker proved, for tests and reports). */
function templateAnalysis(template, options = {}) {
    const max = options.maxChars ?? MAX_TEMPLATE_CHARS;
    if (template.length > max) {
        return {
            threats: [
                {
                    pattern: 'LIMIT',
                    excerpt: `a template of ${template.length} characters exceeds the ${max} scanned`
                }
            ],
            sinks: []
        };
    }
    resetWork(options.maxWork);
    const src = normalizeSource(template);
    let tokens;
    let ast;
    try {
        tokens = lex(src);
        ast = parse(tokens);
    }
    catch (e) {
        if (e instanceof JinjaSyntaxError || e instanceof JinjaLimitError) {
            const line = src.slice(0, e.pos).split('\n').length;
            const what = e instanceof JinjaLimitError ? 'LIMIT' : 'unparseable';
            const excerpt = `${e instanceof JinjaLimitError ? 'not checked' : 'Jinja cannot parse it'}: ${e.message} (line ${line}, near \`${clean(src.slice(e.pos, e.pos + 40))}\`)`;
            return { threats: [{ pattern: what, excerpt: excerpt.slice(0, 160) }], sinks: [] };
        }
        throw e;
    }
    const pre = prepass(ast);
    const threats = new Map();
    let sinks = [];
    let report = new Report(src);
    try {
        for (const variant of pre.captures ? [0, 1] : [0]) {
            let summary = { ns: new Map(), nsTop: false, mutation: false };
            for (let round = 0;; round++) {
                report = new Report(src);
                const c = new Evaluator(pre, variant, summary, report).run(ast);
                if (settled(c, summary))
                    break;
                if (round + 1 >= MAX_ROUNDS) {
                    summary = { ns: new Map(), nsTop: true, mutation: true };
                    report = new Report(src);
                    new Evaluator(pre, variant, summary, report).run(ast);
                    break;
                }
                summary = template_widen(summary, c);
            }
            for (const [p, x] of report.threats)
                if (!threats.has(p))
                    threats.set(p, x);
            if (variant === 0)
                sinks = report.sinks;
        }
    }
    catch (e) {
        // past the work budget (or, as a last resort, out of stack or string space): what was found so far
        // stands, and the rest is not checked
        if (!(e instanceof WorkLimitError || e instanceof RangeError))
            throw e;
        for (const [p, x] of report.threats)
            if (!threats.has(p))
                threats.set(p, x);
        threats.set('LIMIT', e instanceof WorkLimitError
            ? `not checked to the end: ${e.message}`
            : `not checked to the end: the analysis ran out of room (${e.message.slice(0, 60)})`);
    }
    const disguise = new Report(src);
    for (const t of tokens)
        if (t.type === 'string')
            disguises(t, disguise);
    for (const [p, x] of disguise.threats)
        if (!threats.has(p))
            threats.set(p, x);
    const all = [...threats].map(([pattern, excerpt]) => ({ pattern, excerpt }));
    return {
        threats: [
            ...all.filter((t) => !isUnverifiable(t.pattern)),
            ...all.filter((t) => isUnverifiable(t.pattern))
        ],
        sinks
    };
}
function settled(c, s) {
    if ((c.nsUnknown && !s.nsTop) || (c.mutation && !s.mutation))
        return false;
    if (s.nsTop)
        return true;
    for (const [name, v] of c.ns)
        if (!within(v, s.ns.has(name) ? s.ns.get(name) : []))
            return false;
    return true;
}
function template_widen(s, c) {
    const ns = new Map(s.ns);
    for (const [name, v] of c.ns) {
        const before = ns.get(name);
        ns.set(name, before === undefined
            ? v
            : before === null || v === null
                ? null
                : [...before, ...v.filter((x) => !within([x], before))]);
    }
    return { ns, nsTop: s.nsTop || c.nsUnknown, mutation: s.mutation || c.mutation };
}
/**
 * Escapes that spell plain ASCII letters, digits, dots or underscores (`\x5f`), and \N{…} names, are
 * disguise: no chat template needs them. Reported as such, whatever the string is used for.
 */
/** A Python special name (`__class__`, `__globals__`): no chat template needs one as text. */
const DUNDER = /^__[A-Za-z][A-Za-z0-9_]*__$/;
function disguises(t, report) {
    // as text, a special name is only useful to a lookup by name (getattr, attr, a renderer's helpers)
    if (t.text && DUNDER.test(t.text))
        report.at('dunder-string', t, `the special name '${t.text}' as text`);
    const raw = t.value;
    if (!raw.includes('\\'))
        return;
    for (let i = 1; i < raw.length - 1; i++) {
        if (raw[i] !== '\\')
            continue;
        const rest = raw.slice(i + 1);
        const m = /^(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([0-7]{1,3})|(N\{))/.exec(rest);
        if (m?.[5]) {
            report.at('named-unicode-escape', t, 'a \\N{…} escape');
        }
        else if (m) {
            const cp = m[4] !== undefined ? parseInt(m[4], 8) : parseInt((m[1] ?? m[2] ?? m[3]), 16);
            if (/^[A-Za-z0-9_.]$/.test(String.fromCodePoint(Math.min(cp, 0x10ffff))))
                report.at('escaped-ascii', t, 'an escape spelling a plain character');
        }
        i++;
    }
}

;// CONCATENATED MODULE: ./src/engine/part.ts


const PROTOBUF_NAME = /(?:^|\/)(?:saved_model|keras_metadata)\.pb$|\.onnx$/i;
const SCRIPT_EXT = /\.(py|pyc|pyo|pyw|sh|bash|zsh|bat|cmd|ps1|vbs|js|mjs|cjs|rb|pl|php|lua|so|dll|dylib|exe|jar)$/i;
function unverified(file, member, e) {
    const why = e instanceof access_EngineLimitError
        ? `a limit was reached (${e.message})`
        : e instanceof Error
            ? e.message
            : String(e);
    return {
        rule: 'SUSPICIOUS',
        file,
        unverified: true,
        description: `Could not be verified${member ? ` (member ${member})` : ''}: ${why.slice(0, 300)}`
    };
}
const at = (p) => (p.member ? ` (member ${p.member})` : '');
/** A part (or something in it) that could not be verified: a violation, never a pass. */
function notVerified(p, out, why, rule = 'SUSPICIOUS') {
    out.add({ rule, file: p.file, unverified: true, description: `Could not be verified${at(p)}: ${why}` });
}
/** Every problem an analyser reported. */
function unverifiable(p, out, problems) {
    for (const problem of problems)
        notVerified(p, out, problem.detail);
}
/** Files a chat-template loader reads by name (`chat_template.jinja`, `additional_chat_templates/*.jinja`). */
const TEMPLATE_NAME = /\.(?:jinja2?|j2)$/;
function templateFinding(p, name, template, out, threat) {
    const threats = templateThreats(template);
    if (threats.length === 0)
        return;
    // findings come first: a template is "could not verify" only when nothing in it was found dangerous
    const first = threats[0];
    const unverified = isUnverifiable(first.pattern);
    const what = unverified ? 'could not be verified' : 'can run code when rendered';
    out.add({
        rule: 'RUNTIME',
        ...(threat && { threat }),
        file: p.file,
        // a template over the analyser's size, one Jinja cannot parse or names it cannot fold: not a pass
        ...(unverified && { unverified: true }),
        description: `The chat template ${name.slice(0, 100)}${at(p)} ${what}: ${first.pattern} (${first.excerpt.slice(0, 120)})${threats.length > 1 ? ` and ${threats.length - 1} more` : ''}`
    });
}
function kerasFindings(p, k, out) {
    for (const f of k.findings) {
        out.add({
            rule: 'RUNTIME',
            threat: f.kind === 'LAMBDA' ? 'PAIT-KERAS-300' : undefined,
            file: p.file,
            ...(f.module && { module: f.module }),
            ...(f.name && { operator: f.name }),
            description: `${f.detail}${at(p)}`
        });
    }
    unverifiable(p, out, k.problems);
}
/** What `readJson` returns for a document no JSON parser reads. */
const NOT_JSON = Symbol('not JSON');
/** All of a part's bytes, when there are at most `limit` of them. */
async function readWhole(p, limit, what) {
    if (p.ra.size > limit)
        throw new access_EngineLimitError(`a ${p.ra.size}-byte ${what}`);
    return p.ra.read(0, p.ra.size);
}
/**
 * A JSON document as Python's json module reads it: a leading byte-order mark (json.loads of bytes drops it)
 * and the constants NaN, Infinity and -Infinity (Python writes and reads them) do not hide the rest.
 */
async function readJson(p, ctx) {
    const text = (await readWhole(p, ctx.limits.jsonBytes, 'JSON document'))
        .toString('utf8')
        .replace(/^\uFEFF/, '');
    try {
        return JSON.parse(text);
    }
    catch {
        try {
            return JSON.parse(withoutPythonConstants(text));
        }
        catch {
            return NOT_JSON;
        }
    }
}
/** `text` with NaN, Infinity and -Infinity outside strings replaced by null. */
function withoutPythonConstants(text) {
    return text.replace(/"[^"\\]*(?:\\.[^"\\]*)*"|-?\b(?:NaN|Infinity)\b/g, (m) => m.startsWith('"') ? m : 'null');
}

;// CONCATENATED MODULE: ./src/engine/pickle-value.ts
/**
 * The values of the symbolic pickle walk (pickle.ts). Only what a decision needs is kept: literal strings for
 * import names, integers and small dicts for the layouts joblib writes between opcodes, the class and arguments
 * of the few calls whose result the walk must understand (numpy.dtype, joblib's array wrappers).
 */
/** Text Python can import as a module or attribute path; an unpickler cannot resolve anything else. */
const isImportPath = (text) => /^[A-Za-z_][\w.]*$/.test(text);
const OPAQUE = { k: 'opaque' };
const NONE = { k: 'none' };
/** An integer whose value is not kept (floats, long integers, memo copies). */
const NUMBER = { k: 'int' };
/** A string that cannot be an import name. */
const NOT_LITERAL = { k: 'str', v: '', whole: false };
/** A tuple recalled from the memo: its items were not kept. */
const SOME_TUPLE = { k: 'tuple', items: [], length: -1 };
/** Items of a tuple kept for inspection (shapes, dtype arguments, copyreg's reconstructor arguments). */
const TUPLE_KEEP = 64;
/** Entries of a dict whose string keys are kept (joblib's wrapper state has six). */
const DICT_KEEP = 16;
/** Integers 0..INT_CACHE-1 are shared: BININT1 and BININT2 are the commonest opcodes and must not allocate. */
const INT_CACHE = 1 << 16;
const ints = [];
function pickle_value_intValue(v) {
    if (v >= 0 && v < INT_CACHE)
        return (ints[v] ??= { k: 'int', v });
    return Number.isSafeInteger(v) ? { k: 'int', v } : NUMBER;
}
/** A little-endian two's-complement integer of up to 6 bytes (LONG1), else a number without its value. */
function longValue(b) {
    if (b.length === 0)
        return pickle_value_intValue(0);
    if (b.length > 6)
        return NUMBER;
    return pickle_value_intValue(b.readIntLE(0, b.length));
}
/** Protocol 0's INT and LONG text (`I42`, `L42L`, `I01` for True). */
function decimalValue(text) {
    const t = text.trim().replace(/L$/, '');
    if (!/^[+-]?\d{1,15}$/.test(t))
        return NUMBER;
    return pickle_value_intValue(Number(t));
}
/** The attributes of joblib's array wrappers: the only dict keys a decision reads. */
const WRAPPER_KEYS = new Set([
    'subclass',
    'shape',
    'order',
    'dtype',
    'allow_mmap',
    'numpy_array_alignment_bytes',
    'filename',
    'init_args',
    'state'
]);
function addItems(target, pairs) {
    // a dict recalled from the memo (size -1) is shared: never filled
    if (target.k !== 'dict' || target.size < 0)
        return;
    const n = Math.floor(pairs.length / 2);
    if (target.size + n <= DICT_KEEP) {
        // only the keys a wrapper's layout reads: a Map per ordinary dict made large pickles slow
        for (let i = 0; i + 1 < pairs.length; i += 2) {
            const key = pairs[i];
            if (key.k === 'str' && key.whole && WRAPPER_KEYS.has(key.v))
                (target.items ??= new Map()).set(key.v, pairs[i + 1]);
        }
    }
    else
        target.items = undefined;
    target.size += n;
}
function tupleOf(items) {
    return {
        k: 'tuple',
        items: items.length > TUPLE_KEEP ? items.slice(0, TUPLE_KEEP) : items,
        length: items.length
    };
}

;// CONCATENATED MODULE: ./src/engine/pickle-memo.ts

/**
 * The unpickler's memo as the walk needs it. Real checkpoints store tens of millions of entries, nearly all of
 * them numbers, containers and text that can never be an import name; those are kept as one byte each, and
 * only what a later opcode can act on (names, imports, tracked calls, small tuples of them) as objects. A 500 MB
 * pickle's memo then costs tens of megabytes, not gigabytes.
 */
/** The shared values a one-byte code stands for (0: no entry). */
const SHARED = [
    undefined,
    NUMBER,
    OPAQUE,
    NOT_LITERAL,
    SOME_TUPLE,
    NONE,
    { k: 'bytes', length: 0 },
    { k: 'call', callee: OPAQUE },
    { k: 'dict', size: -1 }
];
const OBJECT = 255;
/** A name stored past the object budget: recalled, it can only make an import the walk cannot check. */
const EVICTED = 254;
const EVICTED_NAME = { k: 'str', v: '', whole: false };
/** Indices below this are kept in the byte array (picklers number entries from 0); others in a map. */
const DENSE = 1 << 28;
/** Strings the memo keeps for later use as import names need no more than this. */
const NAME_TEXT = 256;
/** Tuples of up to this many names, numbers and imports are kept (shapes, dtype arguments). */
const SMALL_TUPLE = 8;
const code = (v) => SHARED.indexOf(v);
/** What the memo keeps of a value: an object only when a later opcode can act on it. */
function kept(v) {
    switch (v.k) {
        case 'str':
            return v.whole && v.v.length <= NAME_TEXT && isImportPath(v.v) ? v : NOT_LITERAL;
        case 'int':
            return v.v === undefined ? NUMBER : v;
        case 'global':
            return v;
        case 'call':
            return v.cls ? v : SHARED[7];
        case 'tuple':
            return v.length >= 0 && v.length <= SMALL_TUPLE && v.items.every(small) ? v : SOME_TUPLE;
        case 'bytes':
            return SHARED[6];
        case 'dict':
            return SHARED[8];
        default:
            return v;
    }
}
const small = (v) => (v.k === 'str' && v.whole && v.v.length <= NAME_TEXT) ||
    (v.k === 'int' && v.v !== undefined) ||
    v.k === 'global' ||
    v.k === 'none';
class Memo {
    limit;
    names;
    codes = new Uint8Array(1024);
    /** a name is kept as its text, other values as they are */
    objects = new Map();
    sparse = new Map();
    /** distinct entries stored */
    size = 0;
    /**
     * `names`: values kept as objects (names, imports, small tuples, tracked calls). A Map holds at most 2^24
     * entries and a name costs about 100 bytes: past this many, names are no longer kept (real pickles recall
     * module names stored early), and a later import through one is reported as not verified, never guessed.
     */
    constructor(limit, names) {
        this.limit = limit;
        this.names = names;
    }
    /** Stores `v` at `index`; false when a new entry would pass the limit. */
    store(index, v) {
        const fresh = this.recall(index) === undefined;
        if (fresh && this.size >= this.limit)
            return false;
        if (fresh)
            this.size++;
        const k = kept(v);
        if (index >= DENSE) {
            this.sparse.set(index, k);
            return true;
        }
        if (index >= this.codes.length) {
            let n = this.codes.length;
            while (n <= index)
                n *= 2;
            const grown = new Uint8Array(Math.min(n, DENSE));
            grown.set(this.codes);
            this.codes = grown;
        }
        const c = code(k);
        const held = this.codes[index] === OBJECT;
        if (c > 0) {
            this.codes[index] = c;
            if (held)
                this.objects.delete(index);
        }
        else if (!held && this.objects.size >= this.names && k.k !== 'global') {
            // imports stay exact (BUILD on one is caught); the rest lose what only joblib's layouts needed
            this.codes[index] =
                k.k === 'str' ? EVICTED : k.k === 'tuple' ? code(SOME_TUPLE) : k.k === 'call' ? 7 : code(NUMBER);
        }
        else {
            this.codes[index] = OBJECT;
            this.objects.set(index, k.k === 'str' ? k.v : k);
        }
        return true;
    }
    recall(index) {
        if (index >= DENSE)
            return this.sparse.get(index);
        const c = index < this.codes.length ? this.codes[index] : 0;
        if (c === EVICTED)
            return EVICTED_NAME;
        if (c !== OBJECT)
            return SHARED[c];
        const v = this.objects.get(index);
        return typeof v === 'string' ? { k: 'str', v, whole: true } : v;
    }
}

;// CONCATENATED MODULE: ./src/engine/joblib-array.ts
/** Where joblib's wrapper classes are found (scikit-learn vendored joblib until 0.23). */
const JOBLIB_MODULES = new Set([
    'joblib.numpy_pickle',
    'joblib.numpy_pickle_compat',
    'sklearn.externals.joblib.numpy_pickle',
    'sklearn.externals.joblib.numpy_pickle_compat'
]);
const WRAPPERS = new Set(['NumpyArrayWrapper', 'NDArrayWrapper', 'ZNDArrayWrapper']);
const DTYPE_MODULES = new Set(['numpy', 'numpy.core.multiarray', 'numpy._core.multiarray']);
/** The calls whose arguments and state the walk keeps. */
function isTracked(cls) {
    return isDtype(cls) || isWrapper(cls);
}
const isWrapper = (cls) => JOBLIB_MODULES.has(cls.module) && WRAPPERS.has(cls.name);
const isDtype = (cls) => DTYPE_MODULES.has(cls.module) && cls.name === 'dtype';
/** copyreg's reconstructors: protocols 0 and 1 make plain objects through `_reconstructor(cls, object, None)`. */
const isReconstructor = (g) => (g.module === 'copyreg' || g.module === 'copy_reg') && g.name === '_reconstructor';
/** Bytes per item of a NumPy type code as dtype.__reduce__ writes it (`f8`, `i4`, `c16`, `M8`). */
const FIXED_KINDS = new Set(['b', 'i', 'u', 'f', 'c', 'M', 'm']);
/** numpy's NPY_ITEM_REFCOUNT flag: the dtype holds Python objects. */
const HAS_OBJECT = 0x01;
const intOf = (v) => v?.k === 'int' && v.v !== undefined ? v.v : undefined;
/** A numpy.dtype's item size, from its reduce arguments (`('f8', False, True)`) and BUILD state. */
function dtypeLayout(v) {
    if (v?.k !== 'call' || !v.cls || !isDtype(v.cls))
        return 'its dtype is not a numpy.dtype';
    const args = v.args;
    const code = args?.k === 'tuple' ? args.items[0] : undefined;
    if (code?.k !== 'str' || !code.whole)
        return 'its dtype has no type code';
    const m = /^([biufcMmSUVO])(\d*)$/.exec(code.v);
    if (!m)
        return `its dtype's type code "${code.v.slice(0, 20)}" is not one the engine knows`;
    const kind = m[1];
    const digits = m[2] ? Number(m[2]) : undefined;
    // state: (version, byteorder, subarray, names, fields, elsize, alignment, flags[, metadata])
    const state = v.state;
    let elsize = -1;
    let flags = 0;
    if (state !== undefined) {
        if (state.k !== 'tuple' || state.length < 8)
            return "its dtype's state is not numpy's";
        if (state.items[2]?.k === 'tuple')
            return 'its dtype has a subarray';
        const e = intOf(state.items[5]);
        const f = intOf(state.items[7]);
        if (e === undefined || f === undefined)
            return "its dtype's size or flags are not numbers";
        elsize = e;
        flags = f;
    }
    const object = kind === 'O' || (flags & HAS_OBJECT) !== 0;
    if (object)
        return { itemsize: 8, object: true };
    const fromCode = digits === undefined
        ? undefined
        : FIXED_KINDS.has(kind) || kind === 'S' || kind === 'V'
            ? digits
            : kind === 'U'
                ? digits * 4
                : undefined;
    if (elsize >= 0) {
        if (fromCode !== undefined && fromCode !== elsize)
            return `its dtype says ${code.v} but an item size of ${elsize}`;
        return { itemsize: elsize, object: false };
    }
    if (elsize !== -1)
        return 'its dtype has a negative item size';
    if (fromCode === undefined)
        return `its dtype's type code "${code.v}" has no size`;
    return { itemsize: fromCode, object: false };
}
/** What joblib.load reads after BUILD on a wrapper made by `call` with `state`. */
function arrayLayout(call, state) {
    const cls = call.cls;
    const unknown = (why) => ({ kind: 'unknown', why });
    if (state.k !== 'dict' || !state.items)
        return unknown('its state is not a small dict');
    // a constructor call with arguments sets attributes too; joblib's pickler never writes one
    if (call.args !== undefined && !(call.args.k === 'tuple' && call.args.length === 0))
        return unknown('the wrapper was made by a call with arguments');
    const a = state.items;
    if (cls.name !== 'NumpyArrayWrapper') {
        const f = a.get('filename');
        return f?.k === 'str' && f.whole ? { kind: 'file', filename: f.v } : unknown('it names no file');
    }
    const dtype = dtypeLayout(a.get('dtype'));
    if (typeof dtype === 'string')
        return unknown(dtype);
    if (dtype.object)
        return { kind: 'pickle' };
    const shape = a.get('shape');
    if (shape?.k !== 'tuple' || shape.length < 0 || shape.length !== shape.items.length)
        return unknown('its shape is not a tuple the engine kept');
    let count = 1;
    for (const d of shape.items) {
        const n = intOf(d);
        if (n === undefined || n < 0)
            return unknown('its shape holds something other than a size');
        count *= n;
    }
    const order = a.get('order');
    if (order?.k !== 'str' || (order.v !== 'C' && order.v !== 'F'))
        return unknown('its order is not C or F');
    const bytes = count * dtype.itemsize;
    if (!Number.isSafeInteger(bytes))
        return unknown(`its ${count} items are more than a file can hold`);
    // joblib reads a padding byte when the attribute exists and is not None (joblib >= 1.2 writes 16)
    const align = a.get('numpy_array_alignment_bytes');
    return { kind: 'bytes', padded: align !== undefined && align.k !== 'none', bytes };
}

;// CONCATENATED MODULE: ./src/engine/pickle.ts




// ---- opcodes ----
/**
 * The pickle opcodes, named and ordered as CPython's Lib/pickle.py (and pickletools) name them; those of
 * protocols 0 and 1 are printable characters, shown next to their codes.
 */
const OP = {
    // protocol 0 and 1
    MARK: 0x28, // '('
    STOP: 0x2e, // '.'
    POP: 0x30, // '0'
    POP_MARK: 0x31, // '1'
    DUP: 0x32, // '2'
    FLOAT: 0x46, // 'F'
    INT: 0x49, // 'I'
    BININT: 0x4a, // 'J'
    BININT1: 0x4b, // 'K'
    LONG: 0x4c, // 'L'
    BININT2: 0x4d, // 'M'
    NONE: 0x4e, // 'N'
    PERSID: 0x50, // 'P'
    BINPERSID: 0x51, // 'Q'
    REDUCE: 0x52, // 'R'
    STRING: 0x53, // 'S'
    BINSTRING: 0x54, // 'T'
    SHORT_BINSTRING: 0x55, // 'U'
    UNICODE: 0x56, // 'V'
    BINUNICODE: 0x58, // 'X'
    APPEND: 0x61, // 'a'
    BUILD: 0x62, // 'b'
    GLOBAL: 0x63, // 'c'
    DICT: 0x64, // 'd'
    EMPTY_DICT: 0x7d, // '}'
    APPENDS: 0x65, // 'e'
    GET: 0x67, // 'g'
    BINGET: 0x68, // 'h'
    INST: 0x69, // 'i'
    LONG_BINGET: 0x6a, // 'j'
    LIST: 0x6c, // 'l'
    EMPTY_LIST: 0x5d, // ']'
    OBJ: 0x6f, // 'o'
    PUT: 0x70, // 'p'
    BINPUT: 0x71, // 'q'
    LONG_BINPUT: 0x72, // 'r'
    SETITEM: 0x73, // 's'
    TUPLE: 0x74, // 't'
    EMPTY_TUPLE: 0x29, // ')'
    SETITEMS: 0x75, // 'u'
    BINFLOAT: 0x47, // 'G'
    // protocol 2
    PROTO: 0x80,
    NEWOBJ: 0x81,
    EXT1: 0x82,
    EXT2: 0x83,
    EXT4: 0x84,
    TUPLE1: 0x85,
    TUPLE2: 0x86,
    TUPLE3: 0x87,
    NEWTRUE: 0x88,
    NEWFALSE: 0x89,
    LONG1: 0x8a,
    LONG4: 0x8b,
    // protocol 3
    BINBYTES: 0x42, // 'B'
    SHORT_BINBYTES: 0x43, // 'C'
    // protocol 4
    SHORT_BINUNICODE: 0x8c,
    BINUNICODE8: 0x8d,
    BINBYTES8: 0x8e,
    EMPTY_SET: 0x8f,
    ADDITEMS: 0x90,
    FROZENSET: 0x91,
    NEWOBJ_EX: 0x92,
    STACK_GLOBAL: 0x93,
    MEMOIZE: 0x94,
    FRAME: 0x95,
    // protocol 5
    BYTEARRAY8: 0x96,
    NEXT_BUFFER: 0x97,
    READONLY_BUFFER: 0x98
};
/** pickle.HIGHEST_PROTOCOL: PROTO with a higher number is refused, as by CPython's unpickler. */
const HIGHEST_PROTOCOL = 5;
/** Protocol 0 text arguments (GLOBAL's module and name, INT, …) end at a newline. */
const NEWLINE = 0x0a;
// ---- values: pickle-value.ts ----
/**
 * Longest text line an opcode may take (protocol 0's STRING, UNICODE, LONG …). CPython has no limit; real
 * pickles hold strings of megabytes. Longer lines are scanned for their end without being kept.
 */
const MAX_TEXT_LINE = 256 * 1024 * 1024;
const CHUNK = 1024 * 1024;
/** Bytes buffered before each opcode: any fixed-size argument, and the lines of nearly every text opcode. */
const INLINE = 64 * 1024;
/** Imports recorded per walk; past this the walk reports a LIMIT rather than silently dropping them. */
const MAX_IMPORTS = 100_000;
/** Nested-pickle candidates: strings at least this long are decoded and sniffed. */
const NESTED_MIN = 8;
class WalkError extends Error {
    kind;
    offset;
    constructor(kind, offset, message) {
        super(message);
        this.kind = kind;
        this.offset = offset;
    }
}
/**
 * A buffered reader over random access, aware of pickle frames. Reads are synchronous from the buffer; the
 * walker refills it (`ensure`) before each opcode when less than one opcode's worth is left, so the common
 * path never awaits, and only arguments longer than the buffer take the asynchronous `skim`.
 */
class Reader {
    ra;
    chunk;
    buf = Buffer.alloc(0);
    bufStart = 0;
    pos;
    frameEnd = null;
    constructor(ra, start, chunk = CHUNK) {
        this.ra = ra;
        this.chunk = chunk;
        this.pos = start;
    }
    /** Whether the last line read was kept whole (a longer one keeps only its head). */
    lineWhole = true;
    /** Inside a frame with bytes left in it (joblib's arrays must not be). */
    get inFrame() {
        return this.frameEnd !== null && this.pos < this.frameEnd;
    }
    get atEnd() {
        return this.pos >= this.ra.size;
    }
    /** Bytes buffered from `pos`. */
    get available() {
        return this.bufStart + this.buf.length - this.pos;
    }
    /** Refills when fewer than `n` bytes are buffered and more exist. */
    async ensure(n) {
        if (this.pos >= this.bufStart && this.available >= n)
            return;
        if (this.pos >= this.bufStart && this.bufStart + this.buf.length >= this.ra.size)
            return;
        this.buf = await this.ra.read(this.pos, Math.max(n, this.chunk));
        this.bufStart = this.pos;
    }
    checkFrame(n) {
        if (this.frameEnd !== null && this.pos + n > this.frameEnd) {
            throw new WalkError('MALFORMED', this.pos, 'an opcode reaches past the end of its frame');
        }
    }
    /** `n` buffered bytes (callers make sure `n` is within what `ensure` guaranteed). */
    bytes(n) {
        this.checkFrame(n);
        const at = this.pos - this.bufStart;
        if (at + n > this.buf.length)
            throw new WalkError('MALFORMED', this.pos, 'the data ends in the middle of an opcode (the file is cut short)');
        this.pos += n;
        this.leaveFrame();
        return this.buf.subarray(at, at + n);
    }
    /** `n` bytes of which only the first `keep` are returned; the rest is skipped without reading. */
    async skim(n, keep) {
        if (n <= this.available)
            return this.bytes(n).subarray(0, keep);
        this.checkFrame(n);
        if (this.pos + n > this.ra.size)
            throw new WalkError('MALFORMED', this.pos, 'the data ends in the middle of an opcode (the file is cut short)');
        const head = await this.ra.read(this.pos, Math.min(n, keep));
        this.pos += n;
        this.leaveFrame();
        return head;
    }
    u8() {
        this.checkFrame(1);
        const at = this.pos - this.bufStart;
        if (at >= this.buf.length)
            throw new WalkError('MALFORMED', this.pos, 'the data ends in the middle of an opcode (the file is cut short)');
        this.pos++;
        this.leaveFrame();
        return this.buf[at];
    }
    /** A text line from the buffer; undefined when its end is past the buffer (then `longLine`). */
    line() {
        const at = this.pos - this.bufStart;
        const nl = this.buf.indexOf(NEWLINE, at);
        if (nl < 0) {
            if (this.bufStart + this.buf.length < this.ra.size)
                return undefined;
            throw new WalkError('MALFORMED', this.pos, `a text argument of ${count(this.buf.length - at)} bytes has no end of line (the data ends first)`);
        }
        this.lineWhole = true;
        const n = nl - at + 1;
        this.checkFrame(n);
        this.pos += n;
        this.leaveFrame();
        // protocol 0 text is ASCII/latin-1; latin1 keeps every byte visible
        return this.buf.toString('latin1', at, nl);
    }
    /** A line longer than the buffer: scanned for its end chunk by chunk, keeping the first `keep` bytes. */
    async longLine(keep) {
        const start = this.pos;
        let head;
        for (let scanned = 0;;) {
            const chunk = await this.ra.read(start + scanned, CHUNK);
            head ??= chunk.subarray(0, keep);
            const nl = chunk.indexOf(NEWLINE);
            if (nl >= 0) {
                const n = scanned + nl + 1;
                this.checkFrame(n);
                this.pos += n;
                this.leaveFrame();
                this.lineWhole = n - 1 <= head.length;
                return head.toString('latin1', 0, Math.min(head.length, n - 1));
            }
            if (chunk.length === 0)
                throw new WalkError('MALFORMED', start, `a text argument of ${count(scanned)} bytes has no end of line (the data ends first)`);
            scanned += chunk.length;
            if (scanned > MAX_TEXT_LINE)
                throw new WalkError('LIMIT', start, `a text line of more than ${count(scanned)} bytes, over the ${MAX_TEXT_LINE / 1024 / 1024} MiB the engine reads`);
        }
    }
    uint(n) {
        if (n === 1)
            return this.u8();
        const b = this.bytes(n);
        if (n === 2)
            return b.readUInt16LE(0);
        if (n === 4)
            return b.readUInt32LE(0);
        const v = b.readBigUInt64LE(0);
        if (v > BigInt(Number.MAX_SAFE_INTEGER))
            throw new WalkError('MALFORMED', this.pos - 8, 'a length is impossibly large');
        return Number(v);
    }
    startFrame(length) {
        if (this.frameEnd !== null && this.pos < this.frameEnd) {
            throw new WalkError('MALFORMED', this.pos, 'a new frame begins before the current one ends');
        }
        if (this.pos + length > this.ra.size)
            throw new WalkError('MALFORMED', this.pos, 'a frame reaches past the end of the data');
        this.frameEnd = length > 0 ? this.pos + length : null;
    }
    leaveFrame() {
        if (this.frameEnd !== null && this.pos >= this.frameEnd)
            this.frameEnd = null;
    }
}
/** Bytes a probe of array data reads at a time. */
const PROBE_CHUNK = 16 * 1024;
/** A file name with no directory part (joblib < 0.10's array files sit beside the pickle). */
// eslint-disable-next-line no-control-regex -- a NUL in a name is what it rejects
const PLAIN_NAME = /^[^/\\:\u0000]+$/;
/**
 * An import an unpickler could resolve: the text of a YAML line `chat_template: …` reads as GLOBAL
 * `hat_template: …`, which no Python can import.
 */
const importable = (i) => isImportPath(i.module) && isImportPath(i.name);
/** A byte count as people write it: 200,000. */
const count = (n) => n.toLocaleString('en-US');
/** Does this look like the start of a pickle worth walking (binary protocols, or protocol 0/1 imports)? */
function looksLikePickle(head) {
    if (head.length >= 2 && head[0] === OP.PROTO && head[1] >= 2 && head[1] <= HIGHEST_PROTOCOL)
        return true;
    // protocol 0/1: an import line first (`cos\nsystem\n`), or a mark/container then one
    const text = head.toString('latin1', 0, Math.min(head.length, 256));
    return /^(?:[(\]}).]{0,4})[ci][A-Za-z_][\w.]*\n[\w.]+\n/.test(text);
}
/** A pickle's first byte, as looksLikePickle finds it: PROTO, an import, or a mark or container before one. */
const FIRST_BYTES = [OP.PROTO, OP.GLOBAL, OP.INST, OP.MARK, OP.EMPTY_LIST, OP.EMPTY_DICT, OP.EMPTY_TUPLE];
/** Encoded text that can hold a pickle starts with one of those bytes: as two hex digits, or a base64 letter. */
const HEX_PICKLE_START = new RegExp(`^(?:${FIRST_BYTES.map((b) => b.toString(16)).join('|')})`, 'i');
const BASE64_PICKLE_START = new RegExp(`^[${FIRST_BYTES.map((b) => Buffer.from([b]).toString('base64')[0]).join('')}]`);
/** Decodes base64 or hex text that holds a pickle; undefined when it does not. */
function decodedPickle(text) {
    const t = text.trim();
    if (t.length < NESTED_MIN)
        return undefined;
    // cheap prefilter: the encodings of a pickle's first byte
    if (!BASE64_PICKLE_START.test(t) && !HEX_PICKLE_START.test(t))
        return undefined;
    if (/^[0-9a-fA-F]+$/.test(t) && t.length % 2 === 0) {
        const b = Buffer.from(t, 'hex');
        if (looksLikePickle(b))
            return b;
    }
    if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) {
        const b = Buffer.from(t, /[-_]/.test(t) ? 'base64url' : 'base64');
        if (looksLikePickle(b))
            return b;
    }
    return undefined;
}
/** The Python text a protocol-0 quoted string argument stands for (escapes decoded as far as matters here). */
function unquote(raw) {
    const q = raw[0];
    if ((q !== "'" && q !== '"') || raw.length < 2 || raw[raw.length - 1] !== q)
        return undefined;
    return raw.slice(1, -1).replace(/\\(x[0-9a-fA-F]{2}|[0-7]{1,3}|.)/g, (_, e) => {
        if (e[0] === 'x')
            return String.fromCharCode(parseInt(e.slice(1), 16));
        if (/^[0-7]/.test(e))
            return String.fromCharCode(parseInt(e, 8));
        return ({ n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", '"': '"' }[e] ?? `\\${e}`);
    });
}
/** Python's raw-unicode-escape, used by the UNICODE opcode. */
function rawUnicode(raw) {
    return raw.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_, a, b) => String.fromCodePoint(parseInt((a ?? b), 16)));
}
/** Walks every pickle in `ra` from `offset` (concatenated pickles too) and reports what they would do. */
async function walkPickles(ra, opts, depth = 0) {
    const { limits } = opts;
    const now = opts.now ?? Date.now;
    const out = {
        imports: [],
        issues: [],
        nested: [],
        pickles: 0,
        opcodes: 0,
        protocol: 0,
        end: opts.offset ?? 0,
        persistentIds: 0,
        calls: 0,
        arrays: 0
    };
    const r = new Reader(ra, opts.offset ?? 0, opts.chunk);
    const maxPickles = Math.min(opts.maxPickles ?? limits.picklesPerFile, limits.picklesPerFile);
    const issue = (kind, offset, detail) => {
        if (out.issues.length < 1000)
            out.issues.push({ kind, offset, detail });
    };
    const nestedCandidates = [];
    let importsDropped = false;
    try {
        while (out.pickles < maxPickles && !r.atEnd) {
            await walkOne(!opts.plain);
            out.pickles++;
            out.end = r.pos;
        }
        if (!r.atEnd && opts.maxPickles === undefined) {
            issue('LIMIT', r.pos, `more than ${limits.picklesPerFile} pickles in one file; the rest was not analysed`);
        }
    }
    catch (e) {
        if (e instanceof WalkError)
            issue(e.kind, e.offset, e.message);
        else if (e instanceof Error)
            issue('MALFORMED', r.pos, e.message);
        else
            throw e;
    }
    /**
     * pickle.load reads a joblib file's array bytes as opcodes: whatever they would import and call is reported
     * too. Bytes that are only data fail within a few opcodes and are not reported.
     */
    async function probe(offset) {
        const w = await walkPickles(ra, { ...opts, offset, maxPickles: 1, plain: true, chunk: PROBE_CHUNK, probe: true }, depth);
        if (w.calls === 0 && (w.pickles === 0 || w.imports.length === 0))
            return;
        w.issues = w.issues.filter((i) => i.kind !== 'MALFORMED' && i.kind !== 'LIMIT');
        w.where = 'in what pickle.load reads after a joblib array';
        out.nested.push(w);
    }
    for (const c of nestedCandidates) {
        if (depth >= limits.nestedDepth) {
            issue('LIMIT', c.offset, `a pickle nested ${depth + 1} deep was not analysed`);
            continue;
        }
        issue('NESTED_PICKLE', c.offset, 'a pickle is embedded in a string or bytes value (it runs when loaded in turn)');
        out.nested.push(await walkPickles(bufferAccess(c.data), { ...opts, offset: 0, maxPickles: undefined }, depth + 1));
    }
    return out;
    /** One pickle from the reader's position, as an unpickler reads it (with joblib's arrays when `joblib`). */
    async function walkOne(joblib) {
        let stack = [];
        const marks = [];
        const memo = new Memo(limits.pickleMemo, limits.pickleMemoNames);
        const start = r.pos;
        let first = true;
        /** The top of the stack, taken by an opcode that uses it (an import so taken counts as called). */
        const pop = (at) => {
            const v = popBuilt(at);
            if (v.k === 'global' && v.ref)
                v.ref.called = true;
            return v;
        };
        /** The top of the stack, as NEWOBJ takes its class: built with __new__, never called. */
        const popBuilt = (at) => {
            const v = stack.pop();
            if (v === undefined)
                throw new WalkError('MALFORMED', at, 'an opcode needs a value the stack does not have');
            return v;
        };
        const push = (v, at) => {
            if (stack.length >= limits.pickleStack)
                throw new WalkError('LIMIT', at, `the stack grows beyond ${limits.pickleStack}`);
            stack.push(v);
        };
        const popMark = (at) => {
            const items = stack;
            const prev = marks.pop();
            if (prev === undefined)
                throw new WalkError('MALFORMED', at, 'an opcode needs a MARK that is not there');
            stack = prev;
            for (const v of items)
                if (v.k === 'global' && v.ref)
                    v.ref.called = true;
            return items;
        };
        const str = (v, at) => {
            if (v.length >= NESTED_MIN) {
                const inner = decodedPickle(v);
                if (inner)
                    nestedCandidates.push({ offset: at, data: inner });
            }
            return { k: 'str', v, whole: true };
        };
        const bytesValue = (head, length, at) => {
            if (head.length === length && looksLikePickle(head))
                nestedCandidates.push({ offset: at, data: head });
            else if (head.length === length && length >= NESTED_MIN && length <= limits.pickleArgBytes) {
                const inner = decodedPickle(head.toString('latin1'));
                if (inner)
                    nestedCandidates.push({ offset: at, data: inner });
            }
            else if (head.length < length && looksLikePickle(head)) {
                issue('LIMIT', at, `a ${length}-byte value that starts like a pickle is too large to analyse`);
            }
            return { k: 'bytes', length };
        };
        const imported = (module, name, at, via) => {
            if (opts.probe && !importable({ module, name }))
                throw new WalkError('MALFORMED', at, 'an import of text that is no module path');
            const record = { module, name, offset: at, via, ...(via === 'INST' && { called: true }) };
            if (out.imports.length < MAX_IMPORTS)
                out.imports.push(record);
            else if (!importsDropped) {
                // an import that is not recorded is not checked: the walk cannot vouch for the file any more
                importsDropped = true;
                issue('LIMIT', at, `more than ${MAX_IMPORTS} imports; the rest were not checked`);
            }
            return { k: 'global', module, name, ref: record };
        };
        const call = (callee, args, at) => {
            if (callee.k !== 'global' && callee.k !== 'call') {
                // calling something that is not an import: only possible through earlier dynamic resolution
                if (callee.k === 'str' || callee.k === 'bytes' || callee.k === 'int' || callee.k === 'none') {
                    throw new WalkError('MALFORMED', at, 'a call on a value that cannot be called');
                }
            }
            if (callee.k !== 'global')
                return { k: 'call', callee };
            out.calls++;
            // `_reconstructor(cls, object, None)` makes a plain cls: the class is its first argument
            const first = args.k === 'tuple' ? args.items[0] : undefined;
            if (isReconstructor(callee) && first?.k === 'global') {
                if (!isTracked(first))
                    return { k: 'call', callee };
                const base = args.k === 'tuple' ? args.items[1] : undefined;
                const plainObject = base?.k === 'global' && base.name === 'object' && args.k === 'tuple' && args.items[2]?.k === 'none';
                return { k: 'call', callee, cls: first, args: plainObject ? tupleOf([]) : args };
            }
            return isTracked(callee) ? { k: 'call', callee, cls: callee, args } : { k: 'call', callee };
        };
        /** A string or bytes argument of `n` bytes: read in place when buffered, else skimmed asynchronously. */
        const argValue = (data, n, encoding, at) => {
            if (encoding === 'bytes')
                return bytesValue(data, n, at);
            if (data.length < n) {
                if (looksLikePickle(data))
                    issue('LIMIT', at, `a ${n}-byte string that starts like a pickle is too large to analyse`);
                return { k: 'str', v: data.toString(encoding), whole: false };
            }
            return str(data.toString(encoding), at);
        };
        // awaiting only when the argument was not buffered keeps the common path free of microtasks
        const pushArg = (v, at) => v instanceof Promise ? v.then((x) => push(x, at)) : push(v, at);
        const stringArg = (n, encoding, at) => n <= r.available && n <= limits.pickleArgBytes
            ? argValue(r.bytes(n), n, encoding, at)
            : r.skim(n, limits.pickleArgBytes).then((data) => argValue(data, n, encoding, at));
        // a text line comes from the buffer (`r.line()`), or is scanned past it: protocol 0 strings can be megabytes
        const keep = limits.pickleArgBytes;
        for (;;) {
            const at = r.pos;
            if (++out.opcodes > limits.pickleOpcodes) {
                throw new WalkError('LIMIT', at, `more than ${limits.pickleOpcodes} opcodes; the rest was not analysed`);
            }
            if ((out.opcodes & 0xffff) === 0 && opts.deadline !== undefined && now() > opts.deadline) {
                throw new WalkError('LIMIT', at, 'the time budget for this file ran out');
            }
            // one opcode with its longest inline arguments (two text lines) fits in what `ensure` leaves
            if (r.available < INLINE)
                await r.ensure(INLINE);
            if (r.atEnd)
                throw new WalkError('MALFORMED', at, first ? 'the stream is empty' : 'the data ends before the pickle does (the file is cut short)');
            const op = r.u8();
            first = false;
            switch (op) {
                // ---- structure ----
                case OP.MARK:
                    if (marks.length >= limits.pickleMarks)
                        throw new WalkError('LIMIT', at, `MARKs nest beyond ${limits.pickleMarks}`);
                    marks.push(stack);
                    stack = [];
                    break;
                case OP.STOP:
                    pop(at);
                    if (marks.length > 0)
                        issue('MALFORMED', at, 'STOP with an open MARK');
                    return;
                case OP.POP:
                    if (stack.length > 0)
                        stack.pop();
                    else
                        popMark(at);
                    break;
                case OP.POP_MARK:
                    popMark(at);
                    break;
                case OP.DUP: {
                    const top = stack[stack.length - 1];
                    if (!top)
                        throw new WalkError('MALFORMED', at, 'DUP on an empty stack');
                    push(top, at);
                    break;
                }
                case OP.PROTO: {
                    const v = r.u8();
                    if (v > HIGHEST_PROTOCOL)
                        throw new WalkError('MALFORMED', at, `unsupported pickle protocol ${v}`);
                    if (at !== start)
                        issue('MALFORMED', at, 'PROTO in the middle of a pickle');
                    out.protocol = Math.max(out.protocol, v);
                    break;
                }
                case OP.FRAME:
                    r.startFrame(r.uint(8));
                    break;
                // ---- numbers and constants ----
                case OP.FLOAT:
                    if (r.line() === undefined)
                        await r.longLine(keep);
                    push(NUMBER, at);
                    break;
                case OP.LONG:
                    push(decimalValue(r.line() ?? (await r.longLine(keep))), at);
                    break;
                case OP.INT: {
                    // also True and False, as I01 and I00
                    const t = (r.line() ?? (await r.longLine(keep))).trim();
                    if (r.lineWhole && !/^[+-]?\d+L?$/.test(t))
                        throw new WalkError('MALFORMED', at, 'INT with a non-numeric argument');
                    push(r.lineWhole ? decimalValue(t) : NUMBER, at);
                    break;
                }
                case OP.BININT:
                    push(pickle_value_intValue(r.bytes(4).readInt32LE(0)), at);
                    break;
                case OP.BININT1:
                    push(pickle_value_intValue(r.u8()), at);
                    break;
                case OP.BININT2:
                    push(pickle_value_intValue(r.bytes(2).readUInt16LE(0)), at);
                    break;
                case OP.LONG1:
                    push(longValue(r.bytes(r.uint(1))), at);
                    break;
                case OP.LONG4: {
                    const n = r.uint(4);
                    await r.skim(n, 0);
                    push(NUMBER, at);
                    break;
                }
                case OP.BINFLOAT:
                    r.bytes(8);
                    push(NUMBER, at);
                    break;
                case OP.NONE:
                    push(NONE, at);
                    break;
                case OP.NEWTRUE:
                case OP.NEWFALSE:
                    push(OPAQUE, at);
                    break;
                // ---- strings ----
                case OP.STRING: {
                    const text = (r.line() ?? (await r.longLine(keep))).trim();
                    if (!r.lineWhole) {
                        // longer than the engine keeps: checked for its opening quote, kept as a string that is no name
                        if (text[0] !== "'" && text[0] !== '"')
                            throw new WalkError('MALFORMED', at, 'STRING argument is not quoted');
                        push(NOT_LITERAL, at);
                        break;
                    }
                    const v = unquote(text);
                    if (v === undefined)
                        throw new WalkError('MALFORMED', at, 'STRING argument is not quoted');
                    push(str(v, at), at);
                    break;
                }
                case OP.BINSTRING:
                    {
                        const pending = pushArg(stringArg(r.uint(4), 'latin1', at), at);
                        if (pending)
                            await pending;
                    }
                    break;
                case OP.SHORT_BINSTRING:
                    {
                        const pending = pushArg(stringArg(r.uint(1), 'latin1', at), at);
                        if (pending)
                            await pending;
                    }
                    break;
                case OP.UNICODE: {
                    const text = r.line() ?? (await r.longLine(keep));
                    push(r.lineWhole ? str(rawUnicode(text), at) : NOT_LITERAL, at);
                    break;
                }
                case OP.BINUNICODE:
                    {
                        const pending = pushArg(stringArg(r.uint(4), 'utf8', at), at);
                        if (pending)
                            await pending;
                    }
                    break;
                case OP.SHORT_BINUNICODE:
                    {
                        const pending = pushArg(stringArg(r.uint(1), 'utf8', at), at);
                        if (pending)
                            await pending;
                    }
                    break;
                case OP.BINUNICODE8:
                    {
                        const pending = pushArg(stringArg(r.uint(8), 'utf8', at), at);
                        if (pending)
                            await pending;
                    }
                    break;
                case OP.BINBYTES:
                    {
                        const pending = pushArg(stringArg(r.uint(4), 'bytes', at), at);
                        if (pending)
                            await pending;
                    }
                    break;
                case OP.SHORT_BINBYTES:
                    {
                        const pending = pushArg(stringArg(r.uint(1), 'bytes', at), at);
                        if (pending)
                            await pending;
                    }
                    break;
                case OP.BINBYTES8:
                case OP.BYTEARRAY8:
                    {
                        const pending = pushArg(stringArg(r.uint(8), 'bytes', at), at);
                        if (pending)
                            await pending;
                    }
                    break;
                case OP.NEXT_BUFFER: // an out-of-band buffer: its content is not in the file
                    push(OPAQUE, at);
                    break;
                case OP.READONLY_BUFFER:
                    pop(at);
                    push(OPAQUE, at);
                    break;
                // ---- containers ----
                case OP.EMPTY_TUPLE:
                    push(tupleOf([]), at);
                    break;
                case OP.TUPLE:
                    push(tupleOf(popMark(at)), at);
                    break;
                case OP.TUPLE1:
                    push(tupleOf([pop(at)]), at);
                    break;
                case OP.TUPLE2: {
                    const b = pop(at);
                    const a = pop(at);
                    push(tupleOf([a, b]), at);
                    break;
                }
                case OP.TUPLE3: {
                    const c = pop(at);
                    const b = pop(at);
                    const a = pop(at);
                    push(tupleOf([a, b, c]), at);
                    break;
                }
                case OP.EMPTY_DICT:
                    push({ k: 'dict', size: 0 }, at);
                    break;
                case OP.DICT: {
                    const d = { k: 'dict', size: 0 };
                    addItems(d, popMark(at));
                    push(d, at);
                    break;
                }
                case OP.EMPTY_LIST:
                case OP.EMPTY_SET:
                    push(OPAQUE, at);
                    break;
                case OP.LIST:
                case OP.FROZENSET:
                    popMark(at);
                    push(OPAQUE, at);
                    break;
                case OP.APPEND:
                    pop(at);
                    if (!stack.length)
                        throw new WalkError('MALFORMED', at, 'APPEND without a list');
                    break;
                case OP.APPENDS:
                case OP.ADDITEMS:
                    popMark(at);
                    if (!stack.length)
                        throw new WalkError('MALFORMED', at, 'an opcode adds items to nothing');
                    break;
                case OP.SETITEMS: {
                    const pairs = popMark(at);
                    const target = stack[stack.length - 1];
                    if (!target)
                        throw new WalkError('MALFORMED', at, 'an opcode adds items to nothing');
                    addItems(target, pairs);
                    break;
                }
                case OP.SETITEM: {
                    const value = pop(at);
                    const key = pop(at);
                    const target = stack[stack.length - 1];
                    if (!target)
                        throw new WalkError('MALFORMED', at, 'SETITEM without a dict');
                    addItems(target, [key, value]);
                    break;
                }
                // ---- memo ----
                case OP.PUT: {
                    const t = (r.line() ?? (await r.longLine(keep))).trim();
                    if (!/^\d{1,15}$/.test(t))
                        throw new WalkError('MALFORMED', at, 'PUT with a non-numeric index');
                    memoize(Number(t), at);
                    break;
                }
                case OP.BINPUT:
                    memoize(r.uint(1), at);
                    break;
                case OP.LONG_BINPUT:
                    memoize(r.uint(4), at);
                    break;
                case OP.MEMOIZE:
                    memoize(memo.size, at);
                    break;
                case OP.GET: {
                    const t = (r.line() ?? (await r.longLine(keep))).trim();
                    if (!/^\d{1,15}$/.test(t))
                        throw new WalkError('MALFORMED', at, 'GET with a non-numeric index');
                    push(recall(Number(t), at), at);
                    break;
                }
                case OP.BINGET:
                    push(recall(r.uint(1), at), at);
                    break;
                case OP.LONG_BINGET:
                    push(recall(r.uint(4), at), at);
                    break;
                // ---- imports ----
                case OP.GLOBAL: {
                    const module = r.line() ?? (await r.longLine(keep));
                    const name = r.line() ?? (await r.longLine(keep));
                    push(imported(module, name, at, 'GLOBAL'), at);
                    break;
                }
                case OP.STACK_GLOBAL: {
                    const name = pop(at);
                    const module = pop(at);
                    if (module.k === 'str' && module.whole && name.k === 'str' && name.whole) {
                        push(imported(module.v, name.v, at, 'STACK_GLOBAL'), at);
                    }
                    else if (module === EVICTED_NAME || name === EVICTED_NAME) {
                        // a name the memo no longer held: the import is unknown to the walk, not known to be dynamic
                        throw new WalkError('LIMIT', at, `an import through a name stored after the memo held all the ${count(limits.pickleMemoNames)} names it keeps`);
                    }
                    else {
                        issue('DYNAMIC_IMPORT', at, `STACK_GLOBAL with ${describe(module)} and ${describe(name)} instead of literal names`);
                        push({ k: 'global', module: '?', name: '?' }, at);
                    }
                    break;
                }
                case OP.EXT1:
                case OP.EXT2:
                case OP.EXT4: {
                    const code = r.uint(op === OP.EXT1 ? 1 : op === OP.EXT2 ? 2 : 4);
                    issue('EXTENSION_IMPORT', at, `EXT opcode imports extension code ${code} from the copyreg registry`);
                    push({ k: 'global', module: '?', name: '?' }, at);
                    break;
                }
                case OP.INST: {
                    // an import and a call in one
                    const module = r.line() ?? (await r.longLine(keep));
                    const name = r.line() ?? (await r.longLine(keep));
                    const args = tupleOf(popMark(at));
                    push(call(imported(module, name, at, 'INST'), args, at), at);
                    break;
                }
                // ---- calls ----
                case OP.REDUCE: {
                    const args = pop(at);
                    push(call(pop(at), args, at), at);
                    break;
                }
                case OP.NEWOBJ: {
                    const args = pop(at);
                    push(call(popBuilt(at), args, at), at);
                    break;
                }
                case OP.NEWOBJ_EX: {
                    const kwargs = pop(at);
                    const args = pop(at);
                    // keyword arguments set attributes too: the wrapper's layout is then unknown
                    push(call(popBuilt(at), kwargs.k === 'dict' && kwargs.size === 0 ? args : kwargs, at), at);
                    break;
                }
                case OP.OBJ: {
                    const items = popMark(at);
                    const callee = items[0];
                    if (!callee)
                        throw new WalkError('MALFORMED', at, 'OBJ without a class');
                    push(call(callee, tupleOf(items.slice(1)), at), at);
                    break;
                }
                case OP.BUILD: {
                    const state = pop(at);
                    const target = stack[stack.length - 1];
                    if (!target)
                        throw new WalkError('MALFORMED', at, 'BUILD without an object');
                    if (target.k === 'global') {
                        issue('BUILD_ON_GLOBAL', at, `BUILD sets state on the imported ${target.module}.${target.name} itself`);
                    }
                    else if (target.k === 'call' && target.cls) {
                        if (!isWrapper(target.cls))
                            target.state = state;
                        else if (joblib)
                            stack[stack.length - 1] = await joblibArray(target, state, at);
                    }
                    break;
                }
                case OP.PERSID:
                    if (r.line() === undefined)
                        await r.longLine(keep);
                    out.persistentIds++;
                    push(OPAQUE, at);
                    break;
                case OP.BINPERSID:
                    pop(at);
                    out.persistentIds++;
                    push(OPAQUE, at);
                    break;
                default:
                    throw new WalkError('MALFORMED', at, `byte 0x${op.toString(16).padStart(2, '0')} is not a pickle opcode: the data is not a pickle from here on`);
            }
        }
        /** What joblib.load reads after BUILD on one of its array wrappers; the array takes the wrapper's place. */
        async function joblibArray(wrapper, state, at) {
            const layout = arrayLayout(wrapper, state);
            if (layout.kind === 'unknown')
                throw new WalkError('MALFORMED', at, `a joblib array the engine cannot step over: ${layout.why}`);
            if (layout.kind === 'file') {
                // joblib < 0.10 opens the array's file relative to the pickle, with pickles allowed (np.load)
                if (!PLAIN_NAME.test(layout.filename) || /^\.\.?$/.test(layout.filename))
                    issue('OUTSIDE_FILE', at, `joblib.load opens the array file "${layout.filename.slice(0, 200)}", outside the model's directory, and unpickles what it holds`);
                return OPAQUE;
            }
            // joblib reads the array from the file itself, past whatever the unpickler buffered of a frame
            if (r.inFrame)
                throw new WalkError('MALFORMED', at, 'a joblib array inside a pickle frame');
            out.arrays++;
            if (layout.kind === 'pickle') {
                // an object array: a whole pickle, read by a plain unpickler
                await walkOne(false);
                return OPAQUE;
            }
            const dataAt = r.pos;
            await r.ensure(1);
            const padding = layout.padded ? r.u8() : 0;
            if (r.pos + padding + layout.bytes > ra.size)
                throw new WalkError('MALFORMED', dataAt, `a joblib array of ${count(layout.bytes)} bytes reaches past the end of the data`);
            await r.skim(padding + layout.bytes, 0);
            await probe(dataAt);
            return OPAQUE;
        }
        function memoize(index, at) {
            const top = stack[stack.length - 1];
            if (!top)
                throw new WalkError('MALFORMED', at, 'a memo store on an empty stack');
            if (!memo.store(index, top))
                throw new WalkError('LIMIT', at, `more than ${count(limits.pickleMemo)} stored values (memo entries), the most the engine keeps`);
        }
        function recall(index, at) {
            const v = memo.recall(index);
            if (!v)
                throw new WalkError('MALFORMED', at, `memo entry ${index} is read before it is stored`);
            return v;
        }
    }
}
function describe(v) {
    switch (v.k) {
        case 'str':
            return v.whole ? 'a string' : 'a string too long to analyse';
        case 'global':
            return v.module === '?' ? 'a dynamic import' : `the imported ${v.module}.${v.name}`;
        case 'call':
            return 'the result of a call';
        default:
            return `a ${v.k} value`;
    }
}

;// CONCATENATED MODULE: ./src/engine/globals.ts
/**
 * What a pickle may import. The policy is default-deny: an import is safe only when it is on the allow-list
 * (`ALLOW_LIST`, in tiers, each entry with the reason it is safe). Everything else is a violation; the deny-list
 * only decides how bad: a known code-execution gadget is critical, an unknown import is high. The deny side
 * always wins: no allow entry, and no reviewed `allowed_globals` entry, can make a denied import safe.
 *
 * The bar for an allow entry: a pickle can call the global with any arguments (REDUCE), build it without
 * `__init__` (NEWOBJ) and hand its `__setstate__` any state (BUILD), and the walker cannot tell which it did. So
 * every one of those paths must be unable to run code, import modules, evaluate strings, reach attributes by
 * name, open files or sockets, or load a nested pickle. Calling a value the pickle built itself is no gain: REDUCE
 * can call any value on the stack, and every global that value came from is classified on its own.
 * docs/allow-list.md lists the entries, and what stays denied and why.
 *
 * Sources: picklescan `_safe_globals` / `_unsafe_globals` (MIT), modelscan `unsafe_globals` (Apache-2.0),
 * fickling `ML_ALLOWLIST` (LGPL-3.0, reasons only), PyTorch `torch/_weights_only_unpickler.py`, CPython
 * `Lib/_compat_pickle.py`, the pickle paths of NumPy, SciPy, pandas, scikit-learn, XGBoost, LightGBM and
 * Transformers, and the advisories listed in the scanner landscape notes (pip, functools.partial, pydoc, venv,
 * pkgutil.resolve_name, cProfile, idlelib, lib2to3, uuid, imaplib, _osx_support, _aix_support, _pyrepl,
 * cloudpickle, types.CodeType, logging.FileHandler, _io.FileIO, urllib.request, torch.serialization.load,
 * torch._inductor.codecache.compile_file, …).
 */
// Reasons shared by many entries.
const VALUE_TYPE = 'A value type: construction and state only store or convert the data given.';
const NUMPY_SCALAR = 'NumPy scalar and array types: calling one converts its argument to a number, string or array; no I/O.';
const SPARSE = 'SciPy sparse container: the constructor converts arrays or tuples of arrays, state is a plain __dict__ ' +
    '(coo renames legacy keys); no I/O, no callables.';
const PANDAS_DATA = 'pandas data container: constructors take arrays, lists or dicts and state is rebuilt from arrays and ' +
    'indexes; no I/O (pandas.io stays denied) and no expression evaluation (pandas.eval stays denied).';
const PANDAS_HELPER = 'pandas pickle helper: rebuilds the object from the arrays, dtype and index passed; calls cls.__new__ at ' +
    'most, which NEWOBJ can do already.';
const PANDAS_OFFSET = 'pandas date offset: stores n, normalize and calendar fields; state only sets those attributes.';
const SKLEARN_ESTIMATOR = 'scikit-learn estimator: __init__ only stores its parameters (a project rule its common tests enforce) and ' +
    'BaseEstimator.__setstate__ only updates __dict__; parameters that are callables are imports of their own, ' +
    'classified separately.';
const SKLEARN_CYTHON = 'scikit-learn Cython helper: the constructor takes sizes or a fixed parameter, state is arrays whose dtype ' +
    'and shape are checked before they are copied. Predicting trusts node indices: ' +
    'a memory-safety matter at use time, not code at load time.';
const SKLEARN_LOSS = 'scikit-learn loss or link object: stores a few numeric parameters; no I/O, no callables.';
const ENUM = 'An Enum class: calling it looks up a member by value; calling it with extra arguments on an Enum that has ' +
    'members raises TypeError.';
const TORCH_MODULE = 'Standard torch.nn layer: __init__ stores sizes and allocates parameter tensors, Module.__setstate__ ' +
    'only updates __dict__; no I/O. Callables it holds (activation, hooks) are imports of their own.';
const NUMPY_SCALARS = [
    'bool_',
    'bool',
    'bool8',
    'int8',
    'int16',
    'int32',
    'int64',
    'uint8',
    'uint16',
    'uint32',
    'uint64',
    'intc',
    'uintc',
    'int_',
    'uint',
    'intp',
    'uintp',
    'byte',
    'ubyte',
    'short',
    'ushort',
    'long',
    'ulong',
    'longlong',
    'ulonglong',
    'float16',
    'float32',
    'float64',
    'float96',
    'float128',
    'half',
    'single',
    'double',
    'longdouble',
    'float_',
    'complex64',
    'complex128',
    'complex192',
    'complex256',
    'csingle',
    'cdouble',
    'clongdouble',
    'complex_',
    'object_',
    'str_',
    'unicode_',
    'bytes_',
    'string_',
    'void',
    'datetime64',
    'timedelta64'
];
const NUMPY_DTYPE_CLASSES = [
    'BoolDType',
    'Int8DType',
    'ByteDType',
    'UInt8DType',
    'UByteDType',
    'Int16DType',
    'ShortDType',
    'UInt16DType',
    'UShortDType',
    'Int32DType',
    'IntDType',
    'UInt32DType',
    'UIntDType',
    'Int64DType',
    'LongDType',
    'UInt64DType',
    'ULongDType',
    'LongLongDType',
    'ULongLongDType',
    'Float16DType',
    'Float32DType',
    'Float64DType',
    'LongDoubleDType',
    'Complex64DType',
    'Complex128DType',
    'CLongDoubleDType',
    'ObjectDType',
    'BytesDType',
    'StrDType',
    'VoidDType',
    'DateTime64DType',
    'TimeDelta64DType',
    'StringDType'
];
const SPARSE_FORMATS = ['csr', 'csc', 'coo', 'bsr', 'dia', 'dok', 'lil'];
const TORCH_STORAGES = [
    'BFloat16Storage',
    'BoolStorage',
    'ByteStorage',
    'CharStorage',
    'ComplexDoubleStorage',
    'ComplexFloatStorage',
    'DoubleStorage',
    'FloatStorage',
    'HalfStorage',
    'IntStorage',
    'LongStorage',
    'QInt32Storage',
    'QInt8Storage',
    'QUInt2x4Storage',
    'QUInt4x2Storage',
    'QUInt8Storage',
    'ShortStorage',
    'UntypedStorage',
    'TypedStorage'
];
const TORCH_DTYPES = [
    'float32',
    'float',
    'float64',
    'double',
    'float16',
    'half',
    'bfloat16',
    'uint8',
    'int8',
    'int16',
    'short',
    'int32',
    'int',
    'int64',
    'long',
    'bool',
    'complex64',
    'complex128',
    'cfloat',
    'cdouble',
    'float8_e4m3fn',
    'float8_e5m2',
    'float8_e4m3fnuz',
    'float8_e5m2fnuz',
    'uint16',
    'uint32',
    'uint64',
    'qint8',
    'quint8',
    'qint32',
    'quint4x2',
    'quint2x4'
];
/** The allow-list, in tiers. Default-deny: what is not here is a finding. */
const ALLOW_LIST = [
    // ── core: containers, builtin value types, the reconstruction helpers plain pickles use ──
    {
        tier: 'core',
        module: 'builtins',
        names: [
            'set',
            'frozenset',
            'bytearray',
            'complex',
            'slice',
            'range',
            'list',
            'dict',
            'tuple',
            'int',
            'float',
            'bool',
            'str',
            'bytes',
            'object'
        ],
        reason: 'Builtin value and container types: calling one builds a value from its arguments (str() and repr() of ' +
            'objects the pickle built itself at most). Python 2 names (__builtin__.unicode, long, xrange) map here.'
    },
    {
        tier: 'core',
        module: 'builtins',
        names: ['Ellipsis', 'NotImplemented'],
        reason: 'Builtin constants, not callable.'
    },
    {
        tier: 'core',
        module: 'collections',
        names: [
            'OrderedDict',
            'Counter',
            'defaultdict',
            'deque',
            'ChainMap',
            'UserDict',
            'UserList',
            'UserString'
        ],
        reason: 'Containers: construction and SETITEMS/APPENDS only store items. defaultdict calls its default factory ' +
            'with no arguments on a missing key, at use time; the factory is an import classified on its own.'
    },
    {
        tier: 'core',
        module: '_codecs',
        names: ['encode'],
        reason: 'Protocol 2 writes bytes as _codecs.encode(str, "latin1"). Encoding a string looks a codec up in the ' +
            'stdlib encodings package only.'
    },
    {
        tier: 'core',
        module: 'copyreg',
        names: ['_reconstructor', '__newobj__', '__newobj_ex__'],
        reason: 'How protocols 0 to 2 rebuild plain objects: base.__new__(cls) and base.__init__ with the state, or ' +
            'cls.__new__(cls, *args, **kwargs): what NEWOBJ and REDUCE already do; the class is an import of its own.'
    },
    // ── stdlib: value types of the standard library ──
    {
        tier: 'stdlib',
        module: 'datetime',
        names: ['date', 'datetime', 'time', 'timedelta', 'timezone'],
        reason: `${VALUE_TYPE} Dates and times are rebuilt from packed bytes or numbers; a tzinfo is an import of its own.`
    },
    {
        tier: 'stdlib',
        module: 'uuid',
        names: ['UUID', 'SafeUUID'],
        reason: `${VALUE_TYPE} UUID parses hex, bytes or fields into an integer; the module's node getters, which run commands, stay denied (DENIED_EXCEPT).`
    },
    {
        tier: 'stdlib',
        module: 'pathlib',
        names: ['PurePath', 'PurePosixPath', 'PureWindowsPath', 'Path', 'PosixPath', 'WindowsPath'],
        reason: 'A path value (training configs store output directories as paths): construction only joins and ' +
            'normalises the strings given and touches no file; methods that do are reachable only through dotted ' +
            'names, which stay denied.'
    },
    {
        tier: 'stdlib',
        module: 'types',
        names: ['SimpleNamespace'],
        reason: 'Stores keyword arguments as attributes; REDUCE can pass none. The rest of types (CodeType, ' +
            'FunctionType, ModuleType) stays denied.'
    },
    {
        tier: 'stdlib',
        module: 'decimal',
        names: ['Decimal'],
        reason: `${VALUE_TYPE} Decimal parses a numeric string.`
    },
    {
        tier: 'stdlib',
        module: 'fractions',
        names: ['Fraction'],
        reason: `${VALUE_TYPE} Fraction parses a numeric string or takes two numbers.`
    },
    {
        tier: 'stdlib',
        module: 'argparse',
        names: ['Namespace'],
        reason: 'argparse.Namespace (old fairseq and training checkpoints): takes keyword arguments only, which REDUCE ' +
            'cannot pass, and its state is a plain __dict__.'
    },
    // ── numpy: arrays, scalars, dtypes, every reconstruct path old and new, the random generators ──
    {
        tier: 'numpy',
        module: 'numpy',
        names: ['ndarray', 'dtype', ...NUMPY_SCALARS],
        reason: `${NUMPY_SCALAR} ndarray(shape, dtype, buffer, offset, strides) checks the buffer bounds; ` +
            'dtype parses a type string without eval.'
    },
    {
        tier: 'numpy',
        module: 'numpy',
        names: ['matrix', 'recarray', 'record'],
        reason: 'ndarray subclasses: matrix parses a string with ast.literal_eval at most; recarray takes a shape, dtype ' +
            'and buffer like ndarray; state is ndarray state.'
    },
    {
        tier: 'numpy',
        module: 'numpy.matrixlib.defmatrix',
        names: ['matrix'],
        reason: 'numpy.matrix under its pre-1.16 module name.'
    },
    ...['numpy.rec', 'numpy.core.records', 'numpy._core.records'].map((module) => ({
        tier: 'numpy',
        module,
        names: module === 'numpy.rec' ? ['recarray'] : ['recarray', 'record'],
        reason: 'numpy.recarray and numpy.record under their NumPy 2 and older module names.'
    })),
    ...[
        'numpy.core.multiarray',
        'numpy._core.multiarray',
        // the same C functions under their extension module's name (NumPy 1.16 and later pickled some so)
        'numpy.core._multiarray_umath',
        'numpy._core._multiarray_umath'
    ].map((module) => ({
        tier: 'numpy',
        module,
        names: ['_reconstruct', 'scalar'],
        reason: 'ndarray.__reduce__ and scalar.__reduce__ (NumPy 1 and 2 names): _reconstruct(subtype, shape, dtype) ' +
            'makes an empty array of an ndarray subtype, scalar(dtype, bytes) reads one value from bytes.'
    })),
    ...['numpy.core.numeric', 'numpy._core.numeric'].map((module) => ({
        tier: 'numpy',
        module,
        names: ['_frombuffer'],
        reason: 'Protocol 5 arrays: frombuffer(buf, dtype) then reshape and transpose; no copy, no I/O.'
    })),
    ...['numpy.core', 'numpy._core'].map((module) => ({
        tier: 'numpy',
        module,
        names: ['_DType_reconstruct'],
        reason: 'Pickled DType classes: returns type(dtype(scalar_type)).'
    })),
    {
        tier: 'numpy',
        module: 'numpy.core._internal',
        names: ['_reconstruct'],
        reason: 'Object arrays pickled by NumPy 0.x under Python 2: _reconstruct(subtype, shape, dtype) is ' +
            'ndarray.__new__(subtype, shape, dtype), an empty array.'
    },
    {
        tier: 'numpy',
        module: 'numpy._core._internal',
        names: ['_convert_to_stringdtype_kwargs'],
        reason: 'NumPy 2 StringDType pickles: StringDType(coerce, na_object) stores the two values.'
    },
    {
        tier: 'numpy',
        module: 'numpy.dtypes',
        names: NUMPY_DTYPE_CLASSES,
        reason: 'The DType class of each dtype: calling one makes that dtype.'
    },
    {
        tier: 'numpy',
        module: 'numpy.ma.core',
        names: ['_mareconstruct', 'MaskedArray', 'MaskedConstant', 'mvoid'],
        reason: 'Masked arrays: _mareconstruct makes two empty ndarrays and calls subtype.__new__ (what NEWOBJ does); ' +
            'state is ndarray state plus the mask and fill value.'
    },
    {
        tier: 'numpy',
        module: 'numpy.ma',
        names: ['MaskedArray'],
        reason: 'numpy.ma.MaskedArray under its public module name.'
    },
    {
        tier: 'numpy',
        module: 'numpy.random._pickle',
        names: ['__randomstate_ctor', '__generator_ctor', '__bit_generator_ctor'],
        reason: 'RandomState and Generator pickles: a bit generator name is looked up in a fixed table of five classes; ' +
            'a class argument is called with no arguments, the optional ctor argument with the one name. Those are ' +
            'calls REDUCE can make itself, on values built from imports classified on their own; no import, no I/O.'
    },
    {
        tier: 'numpy',
        module: 'numpy.random',
        names: ['__RandomState_ctor'],
        reason: 'RandomState pickles before NumPy 1.17: returns RandomState(seed=0), takes no arguments.'
    },
    {
        tier: 'numpy',
        module: 'numpy.random.mtrand',
        names: ['RandomState'],
        reason: 'The legacy generator: seeds from an int, array or bit generator; state is the key array.'
    },
    {
        tier: 'numpy',
        module: 'numpy.random._generator',
        names: ['Generator'],
        reason: 'Generator(bit_generator) checks the bit generator capsule; no I/O.'
    },
    ...[
        ['numpy.random._mt19937', 'MT19937'],
        ['numpy.random._pcg64', 'PCG64', 'PCG64DXSM'],
        ['numpy.random._philox', 'Philox'],
        ['numpy.random._sfc64', 'SFC64']
    ].map(([module, ...names]) => ({
        tier: 'numpy',
        module,
        names,
        reason: 'Bit generator: seeds from an int, array or SeedSequence; state is a dict of integers and arrays.'
    })),
    {
        tier: 'numpy',
        module: 'numpy.random.bit_generator',
        names: ['SeedSequence', '__pyx_unpickle_SeedSequence'],
        reason: 'SeedSequence and its Cython unpickle helper: checks a checksum, calls SeedSequence.__new__ on a ' +
            'SeedSequence subtype and sets the entropy fields.'
    },
    // ── scipy: sparse matrices and arrays under every module name they were pickled with ──
    ...SPARSE_FORMATS.map((f) => ({
        tier: 'scipy',
        module: `scipy.sparse._${f}`,
        names: [`${f}_matrix`, `${f}_array`],
        reason: SPARSE
    })),
    {
        tier: 'scipy',
        module: 'scipy.sparse._arrays',
        names: SPARSE_FORMATS.map((f) => `${f}_array`),
        reason: `${SPARSE} Module of the sparse array classes in SciPy 1.8 to 1.10.`
    },
    ...SPARSE_FORMATS.map((f) => ({
        tier: 'scipy',
        module: `scipy.sparse.${f}`,
        names: [`${f}_matrix`],
        reason: `${SPARSE} Module name before SciPy 1.8.`
    })),
    {
        tier: 'scipy',
        module: 'scipy.sparse',
        names: SPARSE_FORMATS.flatMap((f) => [`${f}_matrix`, `${f}_array`]),
        reason: `${SPARSE} Public names.`
    },
    // ── pandas: frames, series, indexes, extension arrays and dtypes, timestamps, offsets ──
    { tier: 'pandas', module: 'pandas.core.frame', names: ['DataFrame'], reason: PANDAS_DATA },
    { tier: 'pandas', module: 'pandas.core.series', names: ['Series'], reason: PANDAS_DATA },
    {
        tier: 'pandas',
        module: 'pandas.core.internals.managers',
        names: ['BlockManager', 'SingleBlockManager'],
        reason: `${PANDAS_DATA} __setstate__ rebuilds blocks from arrays and block placements.`
    },
    {
        tier: 'pandas',
        module: 'pandas.core.internals.blocks',
        names: ['new_block'],
        reason: `${PANDAS_HELPER} Block pickles of pandas 1.3.`
    },
    {
        tier: 'pandas',
        module: 'pandas._libs.internals',
        names: ['_unpickle_block'],
        reason: `${PANDAS_HELPER} new_block(values, placement, ndim).`
    },
    {
        tier: 'pandas',
        module: 'pandas._libs.arrays',
        names: ['__pyx_unpickle_NDArrayBacked'],
        reason: `${PANDAS_HELPER} Cython unpickle of the ndarray-backed arrays: checksum, __new__, set the array and dtype.`
    },
    {
        tier: 'pandas',
        module: 'pandas.core.indexes.base',
        names: ['Index', '_new_Index'],
        reason: `${PANDAS_DATA} _new_Index(cls, d) calls cls.__new__(cls, **d), what NEWOBJ_EX can do.`
    },
    ...[
        ['pandas.core.indexes.range', 'RangeIndex'],
        ['pandas.core.indexes.multi', 'MultiIndex'],
        ['pandas.core.indexes.numeric', 'Int64Index', 'UInt64Index', 'Float64Index', 'NumericIndex'],
        ['pandas.core.indexes.datetimes', 'DatetimeIndex', '_new_DatetimeIndex'],
        ['pandas.core.indexes.timedeltas', 'TimedeltaIndex'],
        ['pandas.core.indexes.period', 'PeriodIndex', '_new_PeriodIndex'],
        ['pandas.core.indexes.category', 'CategoricalIndex'],
        ['pandas.core.indexes.interval', 'IntervalIndex', '_new_IntervalIndex'],
        ['pandas.core.indexes.frozen', 'FrozenList'],
        ['pandas.core.arrays.categorical', 'Categorical'],
        ['pandas.core.arrays.datetimes', 'DatetimeArray'],
        ['pandas.core.arrays.timedeltas', 'TimedeltaArray'],
        ['pandas.core.arrays.period', 'PeriodArray'],
        ['pandas.core.arrays.interval', 'IntervalArray'],
        [
            'pandas.core.arrays.integer',
            'IntegerArray',
            'Int8Dtype',
            'Int16Dtype',
            'Int32Dtype',
            'Int64Dtype',
            'UInt8Dtype',
            'UInt16Dtype',
            'UInt32Dtype',
            'UInt64Dtype'
        ],
        ['pandas.core.arrays.floating', 'FloatingArray', 'Float32Dtype', 'Float64Dtype'],
        ['pandas.core.arrays.boolean', 'BooleanArray', 'BooleanDtype'],
        ['pandas.core.arrays.string_', 'StringArray', 'StringDtype'],
        ['pandas.core.arrays.numpy_', 'PandasArray', 'NumpyExtensionArray'],
        ['pandas.core.arrays.sparse.array', 'SparseArray'],
        ['pandas.core.arrays.sparse.dtype', 'SparseDtype'],
        [
            'pandas.core.dtypes.dtypes',
            'CategoricalDtype',
            'DatetimeTZDtype',
            'PeriodDtype',
            'IntervalDtype',
            'SparseDtype'
        ],
        ['pandas._libs.sparse', 'IntIndex', 'BlockIndex'],
        ['pandas._libs.missing', 'NA'],
        ['pandas._libs.interval', 'Interval'],
        ['pandas._libs.tslibs.timestamps', 'Timestamp', '_unpickle_timestamp'],
        ['pandas._libs.tslibs.timedeltas', 'Timedelta', '_timedelta_unpickle'],
        ['pandas._libs.tslibs.nattype', '__nat_unpickle', '_nat_unpickle'],
        ['pandas._libs.tslibs.period', 'Period']
    ].map(([module, ...names]) => ({
        tier: 'pandas',
        module,
        names,
        reason: module.includes('_libs') || names.some((n) => n.startsWith('_')) ? PANDAS_HELPER : PANDAS_DATA
    })),
    {
        tier: 'pandas',
        module: 'pandas._libs.tslibs.offsets',
        names: [
            'DateOffset',
            'Day',
            'Hour',
            'Minute',
            'Second',
            'Milli',
            'Micro',
            'Nano',
            'BusinessDay',
            'BusinessHour',
            'MonthEnd',
            'MonthBegin',
            'BusinessMonthEnd',
            'BusinessMonthBegin',
            'SemiMonthEnd',
            'SemiMonthBegin',
            'Week',
            'WeekOfMonth',
            'LastWeekOfMonth',
            'QuarterEnd',
            'QuarterBegin',
            'BQuarterEnd',
            'BQuarterBegin',
            'YearEnd',
            'YearBegin',
            'BYearEnd',
            'BYearBegin',
            'Easter',
            'FY5253',
            'FY5253Quarter'
        ],
        reason: PANDAS_OFFSET
    },
    {
        tier: 'pandas',
        module: 'pytz',
        names: ['_UTC', '_p'],
        reason: 'Time zones of tz-aware pandas data: _UTC() returns the UTC singleton; _p(zone, ...) opens a zone file ' +
            'only when the name is on pytz’s fixed list of zone names (all_timezones_set), read-only.'
    },
    // ── sklearn: estimators (private module paths, as pickles write them) and their helper types ──
    ...[
        ['sklearn.calibration', 'CalibratedClassifierCV', '_CalibratedClassifier', '_SigmoidCalibration'],
        ['sklearn.cluster._affinity_propagation', 'AffinityPropagation'],
        ['sklearn.cluster._agglomerative', 'AgglomerativeClustering'],
        ['sklearn.cluster._birch', 'Birch'],
        ['sklearn.cluster._dbscan', 'DBSCAN'],
        ['sklearn.cluster._kmeans', 'KMeans', 'MiniBatchKMeans'],
        ['sklearn.cluster._mean_shift', 'MeanShift'],
        ['sklearn.cluster._optics', 'OPTICS'],
        ['sklearn.cluster._spectral', 'SpectralClustering'],
        ['sklearn.compose._column_transformer', 'ColumnTransformer'],
        ['sklearn.cross_decomposition._pls', 'PLSRegression', 'PLSCanonical', 'CCA', 'PLSSVD'],
        ['sklearn.decomposition._factor_analysis', 'FactorAnalysis'],
        ['sklearn.decomposition._fastica', 'FastICA'],
        ['sklearn.decomposition._incremental_pca', 'IncrementalPCA'],
        ['sklearn.decomposition._kernel_pca', 'KernelPCA'],
        ['sklearn.decomposition._lda', 'LatentDirichletAllocation'],
        ['sklearn.decomposition._nmf', 'NMF'],
        ['sklearn.decomposition._pca', 'PCA'],
        ['sklearn.decomposition._sparse_pca', 'SparsePCA', 'MiniBatchSparsePCA'],
        ['sklearn.decomposition._truncated_svd', 'TruncatedSVD'],
        ['sklearn.discriminant_analysis', 'LinearDiscriminantAnalysis', 'QuadraticDiscriminantAnalysis'],
        ['sklearn.dummy', 'DummyClassifier', 'DummyRegressor'],
        ['sklearn.ensemble._bagging', 'BaggingClassifier', 'BaggingRegressor'],
        [
            'sklearn.ensemble._forest',
            'RandomForestClassifier',
            'RandomForestRegressor',
            'ExtraTreesClassifier',
            'ExtraTreesRegressor',
            'RandomTreesEmbedding'
        ],
        ['sklearn.ensemble._gb', 'GradientBoostingClassifier', 'GradientBoostingRegressor'],
        [
            'sklearn.ensemble._hist_gradient_boosting.gradient_boosting',
            'HistGradientBoostingClassifier',
            'HistGradientBoostingRegressor'
        ],
        ['sklearn.ensemble._iforest', 'IsolationForest'],
        ['sklearn.ensemble._stacking', 'StackingClassifier', 'StackingRegressor'],
        ['sklearn.ensemble._voting', 'VotingClassifier', 'VotingRegressor'],
        ['sklearn.ensemble._weight_boosting', 'AdaBoostClassifier', 'AdaBoostRegressor'],
        ['sklearn.feature_extraction._dict_vectorizer', 'DictVectorizer'],
        ['sklearn.feature_extraction._hash', 'FeatureHasher'],
        [
            'sklearn.feature_extraction.text',
            'CountVectorizer',
            'TfidfVectorizer',
            'TfidfTransformer',
            'HashingVectorizer'
        ],
        ['sklearn.feature_selection._from_model', 'SelectFromModel'],
        ['sklearn.feature_selection._rfe', 'RFE', 'RFECV'],
        ['sklearn.feature_selection._sequential', 'SequentialFeatureSelector'],
        [
            'sklearn.feature_selection._univariate_selection',
            'SelectKBest',
            'SelectPercentile',
            'SelectFpr',
            'SelectFdr',
            'SelectFwe',
            'GenericUnivariateSelect'
        ],
        ['sklearn.feature_selection._variance_threshold', 'VarianceThreshold'],
        [
            'sklearn.gaussian_process._gpc',
            'GaussianProcessClassifier',
            '_BinaryGaussianProcessClassifierLaplace'
        ],
        ['sklearn.gaussian_process._gpr', 'GaussianProcessRegressor'],
        ['sklearn.impute._base', 'SimpleImputer', 'MissingIndicator'],
        ['sklearn.impute._knn', 'KNNImputer'],
        ['sklearn.impute._iterative', 'IterativeImputer'],
        ['sklearn.isotonic', 'IsotonicRegression'],
        ['sklearn.kernel_approximation', 'Nystroem', 'RBFSampler'],
        ['sklearn.kernel_ridge', 'KernelRidge'],
        ['sklearn.linear_model._base', 'LinearRegression'],
        ['sklearn.linear_model._bayes', 'BayesianRidge', 'ARDRegression'],
        ['sklearn.linear_model._coordinate_descent', 'Lasso', 'LassoCV', 'ElasticNet', 'ElasticNetCV'],
        ['sklearn.linear_model._glm.glm', 'PoissonRegressor', 'TweedieRegressor', 'GammaRegressor'],
        ['sklearn.linear_model._huber', 'HuberRegressor'],
        ['sklearn.linear_model._least_angle', 'Lars', 'LassoLars'],
        ['sklearn.linear_model._logistic', 'LogisticRegression', 'LogisticRegressionCV'],
        ['sklearn.linear_model._omp', 'OrthogonalMatchingPursuit'],
        [
            'sklearn.linear_model._passive_aggressive',
            'PassiveAggressiveClassifier',
            'PassiveAggressiveRegressor'
        ],
        ['sklearn.linear_model._perceptron', 'Perceptron'],
        ['sklearn.linear_model._quantile', 'QuantileRegressor'],
        ['sklearn.linear_model._ransac', 'RANSACRegressor'],
        ['sklearn.linear_model._ridge', 'Ridge', 'RidgeCV', 'RidgeClassifier', 'RidgeClassifierCV'],
        ['sklearn.linear_model._stochastic_gradient', 'SGDClassifier', 'SGDRegressor'],
        ['sklearn.linear_model._theil_sen', 'TheilSenRegressor'],
        ['sklearn.manifold._isomap', 'Isomap'],
        ['sklearn.manifold._locally_linear', 'LocallyLinearEmbedding'],
        ['sklearn.manifold._mds', 'MDS'],
        ['sklearn.manifold._spectral_embedding', 'SpectralEmbedding'],
        ['sklearn.manifold._t_sne', 'TSNE'],
        ['sklearn.mixture._bayesian_mixture', 'BayesianGaussianMixture'],
        ['sklearn.mixture._gaussian_mixture', 'GaussianMixture'],
        ['sklearn.model_selection._search', 'GridSearchCV', 'RandomizedSearchCV'],
        ['sklearn.multiclass', 'OneVsRestClassifier', 'OneVsOneClassifier', 'OutputCodeClassifier'],
        [
            'sklearn.multioutput',
            'MultiOutputClassifier',
            'MultiOutputRegressor',
            'ClassifierChain',
            'RegressorChain'
        ],
        ['sklearn.naive_bayes', 'GaussianNB', 'MultinomialNB', 'BernoulliNB', 'ComplementNB', 'CategoricalNB'],
        ['sklearn.neighbors._classification', 'KNeighborsClassifier', 'RadiusNeighborsClassifier'],
        ['sklearn.neighbors._graph', 'KNeighborsTransformer'],
        ['sklearn.neighbors._lof', 'LocalOutlierFactor'],
        ['sklearn.neighbors._nearest_centroid', 'NearestCentroid'],
        ['sklearn.neighbors._regression', 'KNeighborsRegressor', 'RadiusNeighborsRegressor'],
        ['sklearn.neighbors._unsupervised', 'NearestNeighbors'],
        ['sklearn.neural_network._multilayer_perceptron', 'MLPClassifier', 'MLPRegressor'],
        ['sklearn.neural_network._rbm', 'BernoulliRBM'],
        ['sklearn.pipeline', 'Pipeline', 'FeatureUnion'],
        [
            'sklearn.preprocessing._data',
            'StandardScaler',
            'MinMaxScaler',
            'MaxAbsScaler',
            'RobustScaler',
            'Normalizer',
            'Binarizer',
            'QuantileTransformer',
            'PowerTransformer',
            'KernelCenterer'
        ],
        ['sklearn.preprocessing._discretization', 'KBinsDiscretizer'],
        ['sklearn.preprocessing._encoders', 'OneHotEncoder', 'OrdinalEncoder'],
        ['sklearn.preprocessing._label', 'LabelEncoder', 'LabelBinarizer', 'MultiLabelBinarizer'],
        ['sklearn.preprocessing._polynomial', 'PolynomialFeatures', 'SplineTransformer'],
        ['sklearn.random_projection', 'GaussianRandomProjection', 'SparseRandomProjection'],
        ['sklearn.svm._classes', 'SVC', 'SVR', 'NuSVC', 'NuSVR', 'LinearSVC', 'LinearSVR', 'OneClassSVM'],
        [
            'sklearn.tree._classes',
            'DecisionTreeClassifier',
            'DecisionTreeRegressor',
            'ExtraTreeClassifier',
            'ExtraTreeRegressor'
        ]
    ].map(([module, ...names]) => ({ tier: 'sklearn', module, names, reason: SKLEARN_ESTIMATOR })),
    {
        tier: 'sklearn',
        module: 'sklearn.feature_selection._univariate_selection',
        names: ['f_classif', 'f_regression', 'chi2'],
        reason: 'Default score functions of SelectKBest and friends: statistics over the arrays passed; no I/O.'
    },
    { tier: 'sklearn', module: 'sklearn.tree._tree', names: ['Tree'], reason: SKLEARN_CYTHON },
    ...['_kd_tree', '_ball_tree'].map((m) => ({
        tier: 'sklearn',
        module: `sklearn.neighbors.${m}`,
        names: m === '_kd_tree'
            ? ['KDTree', 'KDTree64', 'KDTree32', 'newObj']
            : ['BallTree', 'BallTree64', 'BallTree32', 'newObj'],
        reason: `${SKLEARN_CYTHON} newObj(cls) returns cls.__new__(cls), what NEWOBJ does.`
    })),
    {
        tier: 'sklearn',
        module: 'sklearn.metrics._dist_metrics',
        names: [
            'newObj',
            ...[
                'Euclidean',
                'SEuclidean',
                'Manhattan',
                'Chebyshev',
                'Minkowski',
                'Mahalanobis',
                'Haversine'
            ].flatMap((d) => [`${d}Distance`, `${d}Distance64`, `${d}Distance32`])
        ],
        reason: `${SKLEARN_CYTHON} Built-in distance metrics only: PyFuncDistance, which calls a user function, is not ` +
            'listed.'
    },
    {
        tier: 'sklearn',
        module: 'sklearn.ensemble._hist_gradient_boosting.binning',
        names: ['_BinMapper'],
        reason: SKLEARN_ESTIMATOR
    },
    {
        tier: 'sklearn',
        module: 'sklearn.ensemble._hist_gradient_boosting.predictor',
        names: ['TreePredictor'],
        reason: SKLEARN_CYTHON
    },
    {
        tier: 'sklearn',
        module: 'sklearn.neural_network._stochastic_optimizers',
        names: ['AdamOptimizer', 'SGDOptimizer'],
        reason: 'MLP optimizer state: stores the learning-rate parameters and moment arrays.'
    },
    {
        tier: 'sklearn',
        module: 'sklearn.gaussian_process.kernels',
        names: [
            'RBF',
            'ConstantKernel',
            'WhiteKernel',
            'Matern',
            'RationalQuadratic',
            'ExpSineSquared',
            'DotProduct',
            'Product',
            'Sum',
            'Exponentiation'
        ],
        reason: 'Gaussian-process kernels: store length scales and bounds, or the kernels they combine. PairwiseKernel, ' +
            'which can hold a user metric function, is not listed.'
    },
    {
        tier: 'sklearn',
        module: 'sklearn._loss._loss',
        names: [
            'CyHalfSquaredError',
            'CyAbsoluteError',
            'CyPinballLoss',
            'CyHuberLoss',
            'CyHalfPoissonLoss',
            'CyHalfGammaLoss',
            'CyHalfTweedieLoss',
            'CyHalfTweedieLossIdentity',
            'CyHalfBinomialLoss',
            'CyExponentialLoss',
            'CyHalfMultinomialLoss'
        ].flatMap((n) => [n, `__pyx_unpickle_${n}`]),
        reason: `${SKLEARN_LOSS} The __pyx_unpickle_ helpers check a checksum, call __new__ on the class and set the ` +
            'numeric fields.'
    },
    {
        tier: 'sklearn',
        module: 'sklearn._loss.loss',
        names: [
            'HalfSquaredError',
            'AbsoluteError',
            'PinballLoss',
            'HuberLoss',
            'HalfPoissonLoss',
            'HalfGammaLoss',
            'HalfTweedieLoss',
            'HalfTweedieLossIdentity',
            'HalfBinomialLoss',
            'ExponentialLoss',
            'HalfMultinomialLoss'
        ],
        reason: SKLEARN_LOSS
    },
    {
        tier: 'sklearn',
        module: 'sklearn._loss.link',
        names: ['Interval', 'IdentityLink', 'LogLink', 'LogitLink', 'HalfLogitLink', 'MultinomialLogit'],
        reason: SKLEARN_LOSS
    },
    {
        tier: 'sklearn',
        module: 'sklearn.ensemble._gb_losses',
        names: [
            'LeastSquaresError',
            'LeastAbsoluteError',
            'HuberLossFunction',
            'QuantileLossFunction',
            'BinomialDeviance',
            'MultinomialDeviance',
            'ExponentialLoss'
        ],
        reason: `${SKLEARN_LOSS} Gradient-boosting losses before scikit-learn 1.4.`
    },
    {
        tier: 'sklearn',
        module: 'sklearn.linear_model._sgd_fast',
        names: [
            'Hinge',
            'SquaredHinge',
            'Log',
            'ModifiedHuber',
            'SquaredLoss',
            'Huber',
            'EpsilonInsensitive',
            'SquaredEpsilonInsensitive'
        ],
        reason: `${SKLEARN_LOSS} SGD losses: __reduce__ passes one threshold or epsilon.`
    },
    {
        tier: 'sklearn',
        module: 'sklearn.utils._bunch',
        names: ['Bunch'],
        reason: 'A dict whose keys read as attributes; __setstate__ does nothing.'
    },
    // ── xgboost / lightgbm: the scikit-learn wrappers (their Boosters stay off: docs/allow-list.md) ──
    {
        tier: 'xgboost',
        module: 'xgboost.sklearn',
        names: ['XGBModel', 'XGBClassifier', 'XGBRegressor', 'XGBRanker', 'XGBRFClassifier', 'XGBRFRegressor'],
        reason: 'XGBoost scikit-learn wrapper: __init__ only stores parameters (keyword-only in current versions), state ' +
            'is a plain __dict__. The fitted model inside is an xgboost.core.Booster, which is not on this list.'
    },
    {
        tier: 'lightgbm',
        module: 'lightgbm.sklearn',
        names: ['LGBMModel', 'LGBMClassifier', 'LGBMRegressor', 'LGBMRanker'],
        reason: 'LightGBM scikit-learn wrapper: __init__ only stores parameters, state is a plain __dict__. The fitted ' +
            'model inside is a lightgbm.basic.Booster, which is not on this list.'
    },
    // ── transformers / accelerate: the enums of training arguments (the argument classes stay off) ──
    {
        tier: 'transformers',
        module: 'transformers.trainer_utils',
        names: [
            'IntervalStrategy',
            'EvaluationStrategy',
            'SaveStrategy',
            'HubStrategy',
            'SchedulerType',
            'FSDPOption',
            'ShardedDDPOption'
        ],
        reason: ENUM
    },
    {
        tier: 'transformers',
        module: 'transformers.training_args',
        names: ['OptimizerNames', 'ParallelMode'],
        reason: ENUM
    },
    { tier: 'transformers', module: 'transformers.debug_utils', names: ['DebugOption'], reason: ENUM },
    {
        tier: 'transformers',
        module: 'accelerate.utils.dataclasses',
        names: ['DistributedType', 'DynamoBackend', 'PrecisionType', 'RNGType', 'LoggerType'],
        reason: ENUM
    },
    // ── torch: storages, dtypes, tensor rebuild functions, standard nn layers ──
    {
        tier: 'torch',
        module: 'torch',
        names: [
            ...TORCH_STORAGES,
            ...TORCH_DTYPES,
            'Size',
            'Tensor',
            'device',
            'dtype',
            'layout',
            'memory_format',
            'strided',
            'sparse_coo',
            'sparse_csr',
            'contiguous_format',
            'channels_last',
            'preserve_format',
            // the legacy tensor types torch.save wrote before 0.4 (the tar format among them)
            ...['Float', 'Double', 'Half', 'BFloat16', 'Long', 'Int', 'Short', 'Char', 'Byte', 'Bool'].map((t) => `${t}Tensor`),
            'per_tensor_affine',
            'per_tensor_symmetric',
            'per_channel_affine',
            'per_channel_symmetric',
            'per_channel_affine_float_qparams'
        ],
        reason: 'What torch.save writes for tensors (PyTorch’s weights-only unpickler allows the same): storage classes, ' +
            'dtypes, layouts, devices, sizes; constructing one allocates or names memory.'
    },
    {
        tier: 'torch',
        module: 'torch.cuda',
        names: TORCH_STORAGES.filter((s) => !s.startsWith('Q') && !s.endsWith('edStorage')),
        reason: 'Legacy CUDA storage classes of old GPU checkpoints: allocate memory on the device.'
    },
    {
        tier: 'torch',
        module: 'torch.storage',
        names: ['UntypedStorage', 'TypedStorage'],
        reason: 'Storage classes: allocate memory.'
    },
    {
        tier: 'torch',
        module: 'torch._utils',
        names: [
            '_rebuild_tensor',
            '_rebuild_tensor_v2',
            '_rebuild_tensor_v3',
            '_rebuild_parameter',
            '_rebuild_parameter_with_state',
            '_rebuild_qtensor',
            '_rebuild_sparse_tensor',
            '_rebuild_meta_tensor_no_storage',
            '_rebuild_nested_tensor',
            '_rebuild_wrapper_subclass',
            '_rebuild_device_tensor_from_numpy',
            '_rebuild_device_tensor_from_cpu_tensor'
        ],
        reason: 'Tensor rebuild functions (allowed by PyTorch’s weights-only unpickler): view a storage with a size, ' +
            'stride and offset, checked by the tensor constructor.'
    },
    {
        tier: 'torch',
        module: 'torch._tensor',
        names: ['_rebuild_from_type_v2'],
        reason: 'Tensor subclasses and tensors with attributes (allowed by PyTorch’s weights-only unpickler): calls the ' +
            'function it is given and sets state, what REDUCE and BUILD do already.'
    },
    {
        tier: 'torch',
        module: 'torch.nn.parameter',
        names: ['Parameter'],
        reason: 'Wraps a tensor as a parameter.'
    },
    {
        tier: 'torch',
        module: 'torch.serialization',
        names: ['_get_layout'],
        reason: 'Maps a layout name to a torch.layout constant.'
    },
    {
        tier: 'torch',
        module: 'torch.torch_version',
        names: ['TorchVersion'],
        reason: 'A str subclass for version strings; compares versions only.'
    },
    ...[
        ['container', 'Sequential', 'ModuleList', 'ModuleDict', 'ParameterList', 'ParameterDict'],
        ['linear', 'Linear', 'Identity', 'Bilinear', 'LazyLinear'],
        ['conv', 'Conv1d', 'Conv2d', 'Conv3d', 'ConvTranspose1d', 'ConvTranspose2d', 'ConvTranspose3d'],
        ['batchnorm', 'BatchNorm1d', 'BatchNorm2d', 'BatchNorm3d', 'SyncBatchNorm'],
        ['instancenorm', 'InstanceNorm1d', 'InstanceNorm2d', 'InstanceNorm3d'],
        ['normalization', 'LayerNorm', 'GroupNorm', 'LocalResponseNorm', 'RMSNorm'],
        [
            'activation',
            'ReLU',
            'ReLU6',
            'LeakyReLU',
            'PReLU',
            'ELU',
            'SELU',
            'CELU',
            'GELU',
            'SiLU',
            'Mish',
            'Sigmoid',
            'Tanh',
            'Softmax',
            'LogSoftmax',
            'Softplus',
            'Hardswish',
            'Hardsigmoid',
            'Hardtanh',
            'GLU',
            'MultiheadAttention'
        ],
        ['dropout', 'Dropout', 'Dropout1d', 'Dropout2d', 'Dropout3d', 'AlphaDropout'],
        [
            'pooling',
            'MaxPool1d',
            'MaxPool2d',
            'MaxPool3d',
            'AvgPool1d',
            'AvgPool2d',
            'AvgPool3d',
            'AdaptiveAvgPool1d',
            'AdaptiveAvgPool2d',
            'AdaptiveAvgPool3d',
            'AdaptiveMaxPool1d',
            'AdaptiveMaxPool2d',
            'AdaptiveMaxPool3d'
        ],
        ['sparse', 'Embedding', 'EmbeddingBag'],
        ['rnn', 'RNN', 'LSTM', 'GRU', 'RNNCell', 'LSTMCell', 'GRUCell'],
        [
            'transformer',
            'Transformer',
            'TransformerEncoder',
            'TransformerDecoder',
            'TransformerEncoderLayer',
            'TransformerDecoderLayer'
        ],
        ['flatten', 'Flatten', 'Unflatten'],
        ['upsampling', 'Upsample', 'UpsamplingNearest2d', 'UpsamplingBilinear2d'],
        ['padding', 'ZeroPad2d', 'ConstantPad1d', 'ConstantPad2d', 'ReflectionPad1d', 'ReflectionPad2d'],
        ['pixelshuffle', 'PixelShuffle', 'PixelUnshuffle'],
        ['distance', 'CosineSimilarity', 'PairwiseDistance'],
        [
            'loss',
            'CrossEntropyLoss',
            'NLLLoss',
            'MSELoss',
            'L1Loss',
            'SmoothL1Loss',
            'HuberLoss',
            'BCELoss',
            'BCEWithLogitsLoss',
            'KLDivLoss',
            'CTCLoss'
        ]
    ].map(([file, ...names]) => ({
        tier: 'torch',
        module: `torch.nn.modules.${file}`,
        names,
        reason: TORCH_MODULE
    }))
];
/** module → allowed names, compiled once from ALLOW_LIST. */
const SAFE = new Map();
for (const e of ALLOW_LIST) {
    const names = SAFE.get(e.module) ?? new Set();
    for (const n of e.names)
        names.add(n);
    SAFE.set(e.module, names);
}
/** Builtins that run code, reach any object or open files, in Python 3 and Python 2 alike. */
const CODE_BUILTINS = [
    'eval',
    'exec',
    'compile',
    'open',
    'getattr',
    'setattr',
    'delattr',
    'apply',
    'breakpoint',
    '__import__',
    'globals',
    'locals',
    'vars',
    'input',
    'type'
];
/** module → names that run code, touch files, processes or the network, or load further pickles ('*': all). */
const DANGEROUS = {
    builtins: [...CODE_BUILTINS, 'help', 'memoryview', 'super', 'classmethod', 'staticmethod', 'property'],
    __builtin__: [...CODE_BUILTINS, 'execfile', 'file', 'raw_input', 'reload'],
    os: ['*'],
    nt: ['*'],
    posix: ['*'],
    posixpath: ['*'],
    ntpath: ['*'],
    subprocess: ['*'],
    sys: ['*'],
    socket: ['*'],
    ssl: ['*'],
    shutil: ['*'],
    pty: ['*'],
    pickle: ['*'],
    _pickle: ['*'],
    cPickle: ['*'],
    dill: ['*'],
    cloudpickle: ['*'],
    joblib: ['load', 'loads'],
    marshal: ['*'],
    // a factory of code objects, functions, bound methods and modules: SimpleNamespace stays denied with it
    types: ['*'],
    runpy: ['*'],
    importlib: ['*'],
    imp: ['*'],
    pkgutil: ['*'],
    code: ['*'],
    codeop: ['*'],
    ctypes: ['*'],
    _ctypes: ['*'],
    multiprocessing: ['*'],
    _posixsubprocess: ['*'],
    asyncio: ['*'],
    threading: ['*'],
    _thread: ['*'],
    signal: ['*'],
    webbrowser: ['*'],
    httplib: ['*'],
    'http.client': ['*'],
    'http.server': ['*'],
    urllib: ['*'],
    urllib2: ['*'],
    'urllib.request': ['*'],
    requests: ['*'],
    aiohttp: ['*'],
    ftplib: ['*'],
    smtplib: ['*'],
    telnetlib: ['*'],
    imaplib: ['*'],
    poplib: ['*'],
    nntplib: ['*'],
    xmlrpc: ['*'],
    socketserver: ['*'],
    bdb: ['*'],
    pdb: ['*'],
    trace: ['*'],
    cProfile: ['*'],
    profile: ['*'],
    timeit: ['*'],
    pydoc: ['*'],
    doctest: ['*'],
    idlelib: ['*'],
    lib2to3: ['*'],
    distutils: ['*'],
    setuptools: ['*'],
    pip: ['*'],
    ensurepip: ['*'],
    venv: ['*'],
    test: ['*'],
    // uuid.UUID is a value, but the module's node getters run ifconfig and friends (GHSA on picklescan)
    uuid: ['*'],
    _osx_support: ['*'],
    _aix_support: ['*'],
    _pyrepl: ['*'],
    _interpreters: ['*'],
    _xxsubinterpreters: ['*'],
    builtins_: [],
    functools: ['partial', 'reduce', 'partialmethod'],
    operator: ['attrgetter', 'itemgetter', 'methodcaller'],
    _operator: ['attrgetter', 'itemgetter', 'methodcaller'],
    logging: ['*'],
    _io: ['*'],
    io: ['*'],
    tempfile: ['*'],
    glob: ['*'],
    pathlib: ['*'],
    fileinput: ['*'],
    zipfile: ['*'],
    tarfile: ['*'],
    sqlite3: ['*'],
    inspect: ['*'],
    gc: ['*'],
    // memmap opens, creates or truncates the file it is given (mode 'w+'); the others read or write files or URLs
    numpy: [
        'load',
        'loads',
        'fromfile',
        'save',
        'savez',
        'tofile',
        'memmap',
        'loadtxt',
        'genfromtxt',
        'fromregex',
        'savetxt',
        'DataSource',
        'ctypeslib'
    ],
    'numpy.f2py': ['*'],
    'numpy.testing': ['*'],
    'numpy.lib.npyio': ['*'],
    'numpy.lib._npyio_impl': ['*'],
    'numpy.lib.format': ['*'],
    'numpy.lib._format_impl': ['*'],
    'numpy.lib._datasource': ['*'],
    'numpy.core.memmap': ['*'],
    'numpy._core.memmap': ['*'],
    // load_library loads a shared library
    'numpy.ctypeslib': ['*'],
    'numpy.distutils': ['*'],
    torch: ['load', 'save', 'hub', 'jit', 'compile', 'ops', 'classes', '_C'],
    'torch.serialization': ['load', 'save', '_load'],
    'torch.storage': ['_load_from_bytes'],
    'torch.hub': ['*'],
    'torch.jit': ['*'],
    'torch._dynamo': ['*'],
    'torch._inductor': ['*'],
    'torch.fx': ['*'],
    'torch.utils.collect_env': ['*'],
    'torch.utils.bottleneck': ['*'],
    'torch.utils._config_module': ['*'],
    'torch.utils.data.datapipes': ['*'],
    'torch.jit.unsupported_tensor_ops': ['*'],
    'torch._ops': ['*'],
    mlflow: ['*'],
    'pandas.io': ['*'],
    pandas: ['read_csv', 'read_pickle', 'read_json', 'read_html', 'read_sql', 'eval'],
    // pandas.eval and DataFrame.query's expression engine
    'pandas.core.computation': ['*'],
    jinja2: ['*'],
    yaml: ['load', 'unsafe_load', 'full_load'],
    keras: ['*'],
    tensorflow: ['*']
};
/** The table's own entry (never an Object.prototype member such as `constructor` or `toString`). */
const entry = (table, key) => Object.hasOwn(table, key) ? table[key] : undefined;
/**
 * Python 2 names as Python 3's unpickler imports them (`fix_imports`, protocols 0 to 2; CPython
 * `Lib/_compat_pickle.py`): NAME_MAPPING first, then IMPORT_MAPPING for the module. A name is dangerous when it
 * or its Python 3 name is, and safe only when its Python 3 name is: `commands.getoutput` runs
 * `subprocess.getoutput`, `__builtin__.xrange` is `builtins.range`.
 */
const PY2_MODULES = {
    __builtin__: 'builtins',
    copy_reg: 'copyreg',
    Queue: 'queue',
    SocketServer: 'socketserver',
    ConfigParser: 'configparser',
    repr: 'reprlib',
    tkFileDialog: 'tkinter.filedialog',
    tkSimpleDialog: 'tkinter.simpledialog',
    tkColorChooser: 'tkinter.colorchooser',
    tkCommonDialog: 'tkinter.commondialog',
    Dialog: 'tkinter.dialog',
    Tkdnd: 'tkinter.dnd',
    tkFont: 'tkinter.font',
    tkMessageBox: 'tkinter.messagebox',
    ScrolledText: 'tkinter.scrolledtext',
    Tkconstants: 'tkinter.constants',
    Tix: 'tkinter.tix',
    ttk: 'tkinter.ttk',
    Tkinter: 'tkinter',
    markupbase: '_markupbase',
    _winreg: 'winreg',
    thread: '_thread',
    dummy_thread: '_dummy_thread',
    dbhash: 'dbm.bsd',
    dumbdbm: 'dbm.dumb',
    dbm: 'dbm.ndbm',
    gdbm: 'dbm.gnu',
    xmlrpclib: 'xmlrpc.client',
    SimpleXMLRPCServer: 'xmlrpc.server',
    httplib: 'http.client',
    htmlentitydefs: 'html.entities',
    HTMLParser: 'html.parser',
    Cookie: 'http.cookies',
    cookielib: 'http.cookiejar',
    BaseHTTPServer: 'http.server',
    'test.test_support': 'test.support',
    commands: 'subprocess',
    urlparse: 'urllib.parse',
    robotparser: 'urllib.robotparser',
    urllib2: 'urllib.request',
    anydbm: 'dbm',
    _abcoll: 'collections.abc',
    cPickle: 'pickle',
    _elementtree: 'xml.etree.ElementTree',
    FileDialog: 'tkinter.filedialog',
    SimpleDialog: 'tkinter.simpledialog',
    DocXMLRPCServer: 'xmlrpc.server',
    SimpleHTTPServer: 'http.server',
    CGIHTTPServer: 'http.server',
    UserDict: 'collections',
    UserList: 'collections',
    UserString: 'collections',
    whichdb: 'dbm',
    StringIO: 'io',
    cStringIO: 'io'
};
const PY2_EXCEPTIONS = [
    'ArithmeticError',
    'AssertionError',
    'AttributeError',
    'BaseException',
    'BufferError',
    'BytesWarning',
    'DeprecationWarning',
    'EOFError',
    'EnvironmentError',
    'Exception',
    'FloatingPointError',
    'FutureWarning',
    'GeneratorExit',
    'IOError',
    'ImportError',
    'ImportWarning',
    'IndentationError',
    'IndexError',
    'KeyError',
    'KeyboardInterrupt',
    'LookupError',
    'MemoryError',
    'NameError',
    'NotImplementedError',
    'OSError',
    'OverflowError',
    'PendingDeprecationWarning',
    'ReferenceError',
    'RuntimeError',
    'RuntimeWarning',
    'StopIteration',
    'SyntaxError',
    'SyntaxWarning',
    'SystemError',
    'SystemExit',
    'TabError',
    'TypeError',
    'UnboundLocalError',
    'UnicodeDecodeError',
    'UnicodeEncodeError',
    'UnicodeError',
    'UnicodeTranslateError',
    'UnicodeWarning',
    'UserWarning',
    'ValueError',
    'Warning',
    'ZeroDivisionError',
    'WindowsError'
];
/** (module, name) → Python 3 (module, name), keyed `module name` (a space is in no module path). */
const PY2_NAMES = new Map([
    ['__builtin__ xrange', ['builtins', 'range']],
    ['__builtin__ reduce', ['functools', 'reduce']],
    ['__builtin__ intern', ['sys', 'intern']],
    ['__builtin__ unichr', ['builtins', 'chr']],
    ['__builtin__ unicode', ['builtins', 'str']],
    ['__builtin__ long', ['builtins', 'int']],
    ['__builtin__ basestring', ['builtins', 'str']],
    ['itertools izip', ['builtins', 'zip']],
    ['itertools imap', ['builtins', 'map']],
    ['itertools ifilter', ['builtins', 'filter']],
    ['itertools ifilterfalse', ['itertools', 'filterfalse']],
    ['itertools izip_longest', ['itertools', 'zip_longest']],
    ['UserDict IterableUserDict', ['collections', 'UserDict']],
    ['UserDict UserDict', ['collections', 'UserDict']],
    ['UserList UserList', ['collections', 'UserList']],
    ['UserString UserString', ['collections', 'UserString']],
    ['whichdb whichdb', ['dbm', 'whichdb']],
    ['_socket fromfd', ['socket', 'fromfd']],
    ['socket _socketobject', ['socket', 'SocketType']],
    ['_multiprocessing Connection', ['multiprocessing.connection', 'Connection']],
    ['multiprocessing.process Process', ['multiprocessing.context', 'Process']],
    ['multiprocessing.forking Popen', ['multiprocessing.popen_fork', 'Popen']],
    ['urllib ContentTooShortError', ['urllib.error', 'ContentTooShortError']],
    ['urllib getproxies', ['urllib.request', 'getproxies']],
    ['urllib pathname2url', ['urllib.request', 'pathname2url']],
    ['urllib quote_plus', ['urllib.parse', 'quote_plus']],
    ['urllib quote', ['urllib.parse', 'quote']],
    ['urllib unquote_plus', ['urllib.parse', 'unquote_plus']],
    ['urllib unquote', ['urllib.parse', 'unquote']],
    ['urllib url2pathname', ['urllib.request', 'url2pathname']],
    ['urllib urlcleanup', ['urllib.request', 'urlcleanup']],
    ['urllib urlencode', ['urllib.parse', 'urlencode']],
    ['urllib urlopen', ['urllib.request', 'urlopen']],
    ['urllib urlretrieve', ['urllib.request', 'urlretrieve']],
    ['urllib2 HTTPError', ['urllib.error', 'HTTPError']],
    ['urllib2 URLError', ['urllib.error', 'URLError']],
    ['exceptions StandardError', ['builtins', 'Exception']],
    ...PY2_EXCEPTIONS.map((e) => [`exceptions ${e}`, ['builtins', e]]),
    ...['AuthenticationError', 'BufferTooShort', 'ProcessError', 'TimeoutError'].map((e) => [`multiprocessing ${e}`, ['multiprocessing.context', e]])
]);
/** The Python 3 name the unpickler imports for a Python 2 name, if it renames it. */
const py3Name = (module, name) => {
    const named = PY2_NAMES.get(`${module} ${name}`);
    if (named)
        return named;
    const mod = entry(PY2_MODULES, module);
    return mod === undefined ? undefined : [mod, name];
};
/**
 * Names a `*` deny entry does not cover: value classes of modules whose other members run code. Only the exact
 * module and a plain name: `pathlib.Path.read_text` (a dotted name) stays denied. Each is on the allow-list with
 * its reason.
 */
const DENIED_EXCEPT = {
    uuid: ['UUID', 'SafeUUID'],
    pathlib: ['PurePath', 'PurePosixPath', 'PureWindowsPath', 'Path', 'PosixPath', 'WindowsPath'],
    types: ['SimpleNamespace']
};
/** Whether the deny list covers `module.name` (a `*` entry covers the module's submodules too). */
const denied = (module, name) => {
    // the module itself, then every parent: `asyncio.unix_events` is as dangerous as `asyncio` when `*` is listed
    const parts = module.split('.');
    for (let i = parts.length; i > 0; i--) {
        const mod = parts.slice(0, i).join('.');
        const names = entry(DANGEROUS, mod);
        if (!names)
            continue;
        if (names.includes('*')) {
            const spared = i === parts.length && entry(DENIED_EXCEPT, mod)?.includes(name);
            if (!spared)
                return true;
            continue;
        }
        // exact module: the name, or its first component (`InteractiveInterpreter.runcode` under `code`)
        if (i === parts.length && (names.includes(name) || names.includes(name.split('.')[0])))
            return true;
    }
    return false;
};
/** Dunder components that plain pickles use: the Python 2 builtins module and copyreg's NEWOBJ helpers. */
const PLAIN_DUNDERS = new Set(['__builtin__', '__newobj__', '__newobj_ex__']);
const BUILT_DATACLASS = 'A dataclass with no __setstate__ or __reduce__ of its own: building it (NEWOBJ: object.__new__, then BUILD ' +
    'sets __dict__) runs no code of its own. Its constructor does (__post_init__ reads the config files named in ' +
    'its arguments, sets environment variables, initialises devices), so it is safe only when never called.';
/**
 * Classes torch.save writes by building them, whose instances are plain data but whose constructors are not:
 * safe when the walk saw them built and never called (`PickleImport.called`), a finding otherwise.
 */
const BUILT_ONLY = [
    {
        tier: 'transformers',
        module: 'transformers.training_args',
        names: ['TrainingArguments'],
        reason: BUILT_DATACLASS
    },
    {
        tier: 'transformers',
        module: 'transformers.training_args_seq2seq',
        names: ['Seq2SeqTrainingArguments'],
        reason: BUILT_DATACLASS
    },
    {
        tier: 'transformers',
        module: 'transformers.trainer_pt_utils',
        names: ['AcceleratorConfig'],
        reason: BUILT_DATACLASS
    },
    ...[
        ['trl.trainer.sft_config', 'SFTConfig'],
        ['trl.trainer.dpo_config', 'DPOConfig'],
        ['trl.trainer.grpo_config', 'GRPOConfig'],
        ['trl.trainer.reward_config', 'RewardConfig'],
        ['trl.trainer.orpo_config', 'ORPOConfig'],
        ['trl.trainer.kto_config', 'KTOConfig'],
        ['trl.trainer.cpo_config', 'CPOConfig']
    ].map(([module, name]) => ({
        tier: 'transformers',
        module,
        names: [name],
        reason: `A TrainingArguments subclass. ${BUILT_DATACLASS}`
    }))
];
const BUILT = new Set(BUILT_ONLY.flatMap((e) => e.names.map((n) => `${e.module}.${n}`)));
/** Whether `module.name` is safe when only built, never called (and classifyImport finds it unknown). */
const builtOnlySafe = (module, name) => BUILT.has(`${module}.${name}`);
/**
 * How dangerous importing `module.name` is. Dotted names (`pathlib.Path.__globals__`, `os.path.join` written
 * as module `builtins`, name `getattr`) and dunder attributes are never safe: they reach past what the
 * allow-list vouches for.
 */
function classifyImport(module, name, extraSafe = new Set()) {
    if (module === '?' || name === '?')
        return 'dangerous';
    const full = `${module}.${name}`;
    // the name as a path of attributes, and module aliases for the same code (`os` vs `posix`)
    const components = [...module.split('.'), ...name.split('.')];
    if (components.some((c) => /^__.*__$/.test(c) && !PLAIN_DUNDERS.has(c)))
        return 'dangerous';
    if (denied(module, name))
        return 'dangerous';
    const py3 = py3Name(module, name);
    if (py3 && denied(py3[0], py3[1]))
        return 'dangerous';
    // a name with dots under any module can reach a dangerous module through attributes: a prefix of the path
    // (`os.path` + `join`), or a module the name itself walks through (`torch.serialization` + `os.system`)
    const depth = module.split('.').length;
    for (let end = 1; end < components.length; end++) {
        for (let start = 0; start < end; start++) {
            if (start > 0 && start < depth)
                continue;
            if (denied(components.slice(start, end).join('.'), components.slice(end).join('.')))
                return 'dangerous';
        }
    }
    if (extraSafe.has(full) || (py3 !== undefined && extraSafe.has(`${py3[0]}.${py3[1]}`)))
        return 'safe';
    if (name.includes('.'))
        return 'unknown';
    const [m, n] = py3 ?? [module, name];
    return SAFE.get(m)?.has(n) === true ? 'safe' : 'unknown';
}

;// CONCATENATED MODULE: ./src/engine/pickle-findings.ts


const THREAT = {
    pickle: { bad: 'PAIT-PKL-100', suspicious: 'PAIT-PKL-101' },
    pytorch: { bad: 'PAIT-PYTCH-100', suspicious: 'PAIT-PYTCH-101' },
    joblib: { bad: 'PAIT-JOBLIB-100', suspicious: 'PAIT-PKL-101' }
};
/**
 * The Load Time Code Execution findings of a pickle walk: dangerous and dynamic imports are arbitrary code
 * execution; imports outside the allow-list are suspicious; a stream that could not be read to the end is
 * "could not be verified" (whatever came before it may already have run).
 */
function pickleFindings(walk, file, family, out, allowed, nestedLevel = 0) {
    const t = THREAT[family];
    const where = walk.where
        ? ` (${walk.where})`
        : nestedLevel > 0
            ? ' (in a pickle nested inside the file)'
            : '';
    for (const imp of walk.imports) {
        // joblib's array wrappers only hold attributes; what joblib.load does with them, the walk followed
        if (isWrapper({ k: 'global', module: imp.module, name: imp.name }))
            continue;
        const verdict = classifyImport(imp.module, imp.name, allowed);
        if (verdict === 'safe')
            continue;
        if (verdict === 'unknown' && !imp.called && builtOnlySafe(imp.module, imp.name))
            continue;
        const what = `${imp.module}.${imp.name}`;
        out.add({
            rule: 'LOAD_TIME',
            threat: verdict === 'dangerous' ? t.bad : t.suspicious,
            file,
            module: imp.module,
            operator: imp.name,
            description: verdict === 'dangerous'
                ? `Loading runs ${what}, which can execute code, touch files or processes, or reach the network${where}`
                : `Loading imports ${what}, which is not on the allow-list of safe globals${where}`
        });
    }
    for (const issue of walk.issues) {
        switch (issue.kind) {
            case 'DYNAMIC_IMPORT':
            case 'EXTENSION_IMPORT':
            case 'BUILD_ON_GLOBAL':
                out.add({
                    rule: 'LOAD_TIME',
                    threat: t.bad,
                    file,
                    description: `${issue.detail} (byte ${issue.offset}): what loading runs cannot be known before it runs${where}`
                });
                break;
            case 'MALFORMED':
            case 'LIMIT':
                out.add({
                    rule: 'LOAD_TIME',
                    threat: t.suspicious,
                    file,
                    unverified: true,
                    description: `Could not be verified: ${issue.detail} (byte ${issue.offset})${where}`
                });
                break;
            case 'OUTSIDE_FILE':
                out.add({
                    rule: 'LOAD_TIME',
                    threat: t.bad,
                    file,
                    description: `${issue.detail} (byte ${issue.offset})${where}`
                });
                break;
            case 'NESTED_PICKLE':
                break;
        }
    }
    for (const inner of walk.nested)
        pickleFindings(inner, file, family, out, allowed, nestedLevel + 1);
}

;// CONCATENATED MODULE: ./src/engine/formats/code-constructs.ts



const DANGEROUS_MODULES = 'os|posix|nt|subprocess|pty|socket|ctypes|shutil|builtins|importlib|runpy|commands';
// Linear-time patterns only (bounded repetitions, no nested quantifiers): metadata can be 100 MB.
const PATTERNS = [
    {
        re: /__import__\s*\(\s*(?:['"]([\w.]{1,100})['"])?/,
        name: (m) => (m[1] ? `a call of __import__('${m[1]}')` : 'a call of __import__')
    },
    {
        re: /\b(os|posix|nt)\s*\.\s*(system|popen|spawn[lv]p?e?|exec[lv]p?e?|fork|forkpty|kill|putenv|remove|unlink|rmdir|removedirs)\s*\(/,
        name: (m) => `a call of ${m[1]}.${m[2]}`
    },
    {
        re: /\bsubprocess\s*\.\s*(run|call|check_call|check_output|Popen|getoutput|getstatusoutput)\b/,
        name: (m) => `subprocess.${m[1]}`
    },
    {
        // a call: `eval(x)`, or with a space before a code argument (`exec ("…")`); `model.eval()` (a method), an
        // empty call and prose ("the eval (held-out) set") are not
        re: /(?<![\w.$])(eval|exec)(?:\((?!\s*\))|\s+\(\s*(?:[rbuf]{0,2}['"]|(?:compile|base64|codecs|bytes|open|__\w+__)\b))/,
        name: (m) => `a call of ${m[1]}`
    },
    { re: /\b__builtins__\s*(?:\[|\.\s*\w)/, name: () => 'a use of __builtins__' },
    {
        // a Python import statement at the start of a line, followed by more code
        re: new RegExp(`(?:^|[\\n;])[ \\t]*(?:import[ \\t]+(${DANGEROUS_MODULES})\\b|from[ \\t]+(${DANGEROUS_MODULES})[ \\t]+import\\b)[^\\n;]{0,200}[\\n;][ \\t]*[A-Za-z_]`),
        name: (m) => `Python code importing ${m[1] ?? m[2]}`
    },
    {
        re: /\b(curl|wget)\b[^\n|;]{1,300}\|\s*(?:sudo\s+)?((?:ba|z|da|k)?sh|python[\d.]*)\b/,
        name: (m) => `a shell command piping a download (${m[1]}) into ${m[2]}`
    },
    {
        re: /\bbase64\s+(?:-d|--decode)\b[^\n|;]{0,100}\|\s*(?:sudo\s+)?((?:ba|z|da|k)?sh|python[\d.]*)\b/,
        name: (m) => `a shell command running decoded base64 with ${m[1]}`
    },
    { re: /\b((?:ba|z|da)?sh)\s+-c\s+['"]/, name: (m) => `a shell command line (${m[1]} -c)` },
    { re: /\bpython[\d.]*\s+-c\s+['"]/, name: () => 'a python -c command line' },
    { re: /\/dev\/tcp\/[\w.-]+\/\d+/, name: () => 'a reverse-shell redirection to /dev/tcp' },
    { re: /\bnc(?:at)?\s+(?:[-\w.:]{1,64}\s+){0,6}-[ce]\s+\S/, name: () => 'netcat running a program (nc -e)' },
    {
        re: /\brm\s+-(?:rf|fr)\s+(?:--no-preserve-root\s+)?[/~](?:\s|\*|$)/,
        name: () => 'a recursive delete of / or ~'
    },
    {
        re: /\b(?:powershell|pwsh)(?:\.exe)?\s+(?:-\w+\s+){0,5}-(?:e|enc|encodedcommand)\s+[A-Za-z0-9+/=]{16}/i,
        name: () => 'an encoded PowerShell command'
    },
    {
        re: /\bdata:((?:text\/(?:html|javascript|x-python|x-shellscript|x-sh)|application\/(?:x-)?(?:javascript|ecmascript|x-sh|x-shellscript|x-python(?:-code)?|x-msdownload|x-executable|x-elf|x-sharedlib|java-archive|vnd\.microsoft\.portable-executable)))[;,]/i,
        name: (m) => `a data: URI holding ${m[1].toLowerCase()}`
    },
    { re: /<script\b[^>]{0,200}>/i, name: () => 'an HTML script element' },
    { re: /\bjavascript:\s*[\w.$]{1,100}\s*\(/i, name: () => 'a javascript: URL that calls a function' }
];
const EXCERPT = 120;
function excerpt(text, index, length) {
    const start = Math.max(0, index - 20);
    return text
        .slice(start, Math.min(text.length, index + Math.max(length, 1) + 60, start + EXCERPT))
        .replace(/\s+/g, ' ')
        .trim();
}
/**
 * The dangerous constructs of `text`, at most `max`, each named once. `templates: false` skips the Jinja
 * analysis (a caller bounding how many templates it analyses).
 */
function codeConstructs(text, max = 5, templates = true) {
    const out = [];
    for (const p of PATTERNS) {
        const m = p.re.exec(text);
        if (!m)
            continue;
        out.push({ construct: p.name(m), excerpt: excerpt(text, m.index, m[0].length) });
        if (out.length >= max)
            return out;
    }
    // Jinja syntax: reported only when the template analyser finds what rendering would run
    if (templates && out.length < max && hasJinja(text)) {
        const found = templateThreats(text).find((t) => !isUnverifiable(t.pattern));
        if (found)
            out.push({
                construct: `a Jinja template that can run code when rendered (${found.pattern})`,
                excerpt: found.excerpt
            });
    }
    return out;
}
const hasJinja = (text) => /\{\{|\{%/.test(text);
/** Bytes of an encoded pickle decoded at most (metadata values are capped by the header's size anyway). */
const MAX_DECODED = 16 * 1024 * 1024;
/**
 * Where a base64 (gAI…gAX: PROTO 2–5) or hex (8002…8005) token starts inside other text: after a character that
 * cannot be part of it, so the middle of a base64 image is no candidate. Tokens are then extended by hand: a
 * regular expression repeating over megabytes overflows the engine's backtracking stack.
 */
const TOKEN_START = /(?<![A-Za-z0-9+/])gA[I-X]|(?<![0-9a-fA-F])800[2-5]/g;
const isHex = (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const isBase64 = (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47;
const isSpace = (c) => c === 32 || c === 9 || c === 10 || c === 13;
/** The end of the run of characters `ok` accepts from `start`, at most `max` of them. */
function runEnd(text, start, ok, max) {
    let i = start;
    while (i < text.length && i - start < max && ok(text.charCodeAt(i)))
        i++;
    return i;
}
/** The bytes `text` encodes as a whole (hex, or base64 with whitespace and padding), if it is one of them. */
function decodeWhole(text) {
    if (text.length < 16 || text.length > 2 * MAX_DECODED)
        return undefined;
    if (text.length % 2 === 0 && runEnd(text, 0, isHex, text.length) === text.length)
        return { encoding: 'hex', bytes: Buffer.from(text, 'hex') };
    const body = text.replace(/=+$/, '');
    const ok = (c) => isBase64(c) || isSpace(c) || c === 45 || c === 95;
    if (text.length - body.length <= 2 && runEnd(body, 0, ok, body.length) === body.length) {
        const compact = body.replace(/\s+/g, '');
        return { encoding: 'base64', bytes: Buffer.from(compact, /[-_]/.test(compact) ? 'base64url' : 'base64') };
    }
    return undefined;
}
/**
 * A pickle `text` holds: the whole text raw (code points below 256), base64 or hex (bare or as a data: URI), or a
 * base64 or hex token inside it. Named with what it imports; a whole value counts when it reads as a complete
 * pickle or imports something, a token inside other text only when it imports something, so a hash or an image
 * that happens to hold the bytes of a pickle's start is not one.
 */
async function embeddedPickle(text) {
    const candidates = [];
    let raw = text.length >= 2 && text.length <= MAX_DECODED;
    for (let i = 0; raw && i < text.length; i++)
        raw = text.charCodeAt(i) < 256;
    if (raw && looksLikePickle(Buffer.from(text.slice(0, 256), 'latin1')))
        candidates.push({ encoding: 'raw', bytes: Buffer.from(text, 'latin1'), at: 0 });
    const whole = decodeWhole(text.trim().replace(/^data:[\w/+.-]{0,100}(?:;[\w=-]{1,50}){0,5};base64,/i, ''));
    if (whole)
        candidates.push({ ...whole, at: 0 });
    TOKEN_START.lastIndex = 0;
    for (let m = TOKEN_START.exec(text); m && candidates.length < 20; m = TOKEN_START.exec(text)) {
        const hex = m[0].startsWith('80');
        const end = runEnd(text, m.index, hex ? isHex : isBase64, hex ? 2 * MAX_DECODED : (4 * MAX_DECODED) / 3);
        TOKEN_START.lastIndex = end;
        if (end - m.index < 16)
            continue;
        const token = text.slice(m.index, hex ? m.index + ((end - m.index) & ~1) : end);
        candidates.push({
            encoding: hex ? 'hex' : 'base64',
            bytes: Buffer.from(token, hex ? 'hex' : 'base64'),
            at: m.index,
            inside: true
        });
    }
    for (const c of candidates) {
        if (!looksLikePickle(c.bytes))
            continue;
        const w = await walkPickles(bufferAccess(c.bytes), { limits: WALK_LIMITS, maxPickles: 1 });
        if (w.imports.length === 0 && (c.inside || w.pickles === 0))
            continue;
        const imports = [...new Set(w.imports.map((i) => `${i.module}.${i.name}`))].slice(0, 5);
        return {
            construct: `an embedded pickle (${c.encoding})${imports.length ? ` importing ${imports.join(', ')}` : ''}`,
            excerpt: excerpt(text, c.at, 40)
        };
    }
    return undefined;
}
const WALK_LIMITS = {
    pickleOpcodes: 1_000_000,
    pickleStack: 10_000,
    pickleMemoNames: 100_000,
    pickleMarks: 1_000,
    pickleMemo: 100_000,
    picklesPerFile: 1,
    nestedDepth: 2,
    pickleArgBytes: 1024 * 1024
};

;// CONCATENATED MODULE: ./src/engine/formats/safetensors.ts

const SAFETENSORS_MAX_HEADER = 100_000_000;
const MAX_RETURNED_CHARS = 64 * 1024;
const MAX_METADATA_ENTRIES = 10_000;
const MAX_LISTED = 100;
/** Bits per element, as in the reference `Dtype` enum (sub-byte types pack several elements a byte). */
const DTYPE_BITS = new Map([
    ['BOOL', 8],
    ['U8', 8],
    ['I8', 8],
    ['F8_E5M2', 8],
    ['F8_E4M3', 8],
    ['F8_E8M0', 8],
    ['F8_E4M3FNUZ', 8],
    ['F8_E5M2FNUZ', 8],
    ['F4', 4],
    ['F6_E2M3', 6],
    ['F6_E3M2', 6],
    ['I16', 16],
    ['U16', 16],
    ['F16', 16],
    ['BF16', 16],
    ['I32', 32],
    ['U32', 32],
    ['F32', 32],
    ['C64', 64],
    ['F64', 64],
    ['I64', 64],
    ['U64', 64]
]);
/**
 * Metadata is free text for humans and tools (descriptions, licences with links): only code that does something
 * is reported (code-constructs.ts), named with its text. Templates are analysed in the first values that hold
 * Jinja syntax only, each at most this long: metadata is not rendered by any loader.
 */
const MAX_TEMPLATES = 20;
const MAX_TEMPLATE_VALUE = 64 * 1024;
const reason = (c) => `holds ${c.construct} (${JSON.stringify(c.excerpt)})`;
/** A bounded list: a hostile header can produce a problem per tensor, and a report needs only the first few. */
class ProblemList {
    max;
    items = [];
    dropped = 0;
    constructor(max = MAX_LISTED) {
        this.max = max;
    }
    add(code, detail) {
        if (this.items.length < this.max)
            this.items.push({ code, detail });
        else
            this.dropped++;
    }
    has(code) {
        return this.items.some((p) => p.code === code);
    }
    get size() {
        return this.items.length + this.dropped;
    }
    list() {
        return this.dropped === 0
            ? this.items.slice()
            : [...this.items, { code: 'LIMIT', detail: `${this.dropped} further problems not listed` }];
    }
}
/** The characters of JSON's structure, as char codes. */
const JSON_CHAR = {
    QUOTE: 0x22, // "
    COMMA: 0x2c, // ,
    OPEN_ARRAY: 0x5b, // [
    BACKSLASH: 0x5c, // \
    CLOSE_ARRAY: 0x5d, // ]
    OPEN_OBJECT: 0x7b, // {
    CLOSE_OBJECT: 0x7d // }
};
/** Content sniffing: a plausible u64 header length followed by the opening brace of the JSON header. */
function looksLikeSafetensors(head, size) {
    if (head.length < 9 || size < 10)
        return false;
    const n = head.readBigUInt64LE(0);
    return n >= 2n && n <= BigInt(size - 8) && head[8] === JSON_CHAR.OPEN_OBJECT;
}
/** Reads the 8-byte length and the JSON header only: the cost does not depend on the tensor data's size. */
async function inspectSafetensors(ra, limits = {}) {
    const maxHeader = limits.maxHeaderBytes ?? SAFETENSORS_MAX_HEADER;
    const problems = new ProblemList();
    const result = {
        headerBytes: 0,
        tensorCount: 0,
        dataBytes: 0,
        metadata: {},
        metadataTruncated: false,
        unknownDtypes: [],
        problems: [],
        suspiciousMetadata: []
    };
    const done = () => ({ ...result, problems: problems.list() });
    const lenBytes = ra.size >= 8 ? await ra.read(0, 8) : Buffer.alloc(0);
    if (lenBytes.length < 8) {
        problems.add('TRUNCATED', `the file has ${ra.size} bytes, fewer than the 8-byte header length`);
        return done();
    }
    const n = lenBytes.readBigUInt64LE(0);
    if (n > BigInt(maxHeader)) {
        problems.add('HEADER_TOO_LARGE', `the header claims ${n} bytes, over the ${maxHeader}-byte limit`);
        return done();
    }
    const headerBytes = Number(n);
    result.headerBytes = headerBytes;
    if (headerBytes > ra.size - 8) {
        problems.add('TRUNCATED', `the header claims ${headerBytes} bytes but only ${ra.size - 8} follow`);
        return done();
    }
    result.dataBytes = ra.size - 8 - headerBytes;
    const raw = headerBytes === 0 ? Buffer.alloc(0) : await ra.read(8, headerBytes);
    if (raw.length < headerBytes) {
        problems.add('TRUNCATED', `read ${raw.length} of the header's ${headerBytes} bytes`);
        return done();
    }
    if (raw[0] !== 0x7b) {
        problems.add('BAD_HEADER_START', "the header does not start with '{'");
        return done();
    }
    let text;
    try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
    }
    catch {
        problems.add('BAD_UTF8', 'the header is not valid UTF-8');
        return done();
    }
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch (e) {
        problems.add('BAD_JSON', `the header is not valid JSON: ${e.message.slice(0, 200)}`);
        return done();
    }
    if (!isPlainObject(parsed)) {
        problems.add('BAD_JSON', 'the header is not a JSON object');
        return done();
    }
    // JSON.parse keeps the last of duplicate keys; other readers may keep the first, so two tensors (or two
    // metadata values) under one name can show a scanner one thing and a loader another.
    for (const key of duplicateKeys(text, MAX_LISTED)) {
        problems.add('DUPLICATE_KEY', `the key ${JSON.stringify(key.slice(0, 200))} appears more than once`);
    }
    const ranges = [];
    const unknown = new Set();
    for (const [name, entry] of Object.entries(parsed)) {
        if (name === '__metadata__') {
            await readMetadata(entry, result, problems);
            continue;
        }
        result.tensorCount++;
        const label = JSON.stringify(name.slice(0, 200));
        if (!isPlainObject(entry)) {
            problems.add('BAD_TENSOR', `tensor ${label} is not an object`);
            continue;
        }
        const { dtype, shape, data_offsets: offsets } = entry;
        if (typeof dtype !== 'string') {
            problems.add('BAD_DTYPE', `tensor ${label} has no dtype string`);
            continue;
        }
        if (!Array.isArray(shape) || !shape.every(isCount)) {
            problems.add('BAD_TENSOR', `tensor ${label} has a shape that is not a list of non-negative integers`);
            continue;
        }
        if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount)) {
            problems.add('BAD_TENSOR', `tensor ${label} has data_offsets that are not two non-negative integers`);
            continue;
        }
        const [begin, end] = offsets;
        if (end < begin) {
            problems.add('BAD_TENSOR', `tensor ${label} ends (${end}) before it begins (${begin})`);
            continue;
        }
        if (end > result.dataBytes) {
            problems.add('OFFSET_OUT_OF_RANGE', `tensor ${label} ends at ${end}, past the ${result.dataBytes}-byte data buffer`);
        }
        ranges.push({ begin, end, name });
        const bits = DTYPE_BITS.get(dtype);
        if (bits === undefined) {
            if (unknown.size < MAX_LISTED)
                unknown.add(dtype.slice(0, 64));
            continue;
        }
        const totalBits = shape.reduce((p, d) => p * BigInt(d), 1n) * BigInt(bits);
        if (totalBits % 8n !== 0n) {
            problems.add('SIZE_MISMATCH', `tensor ${label} (${dtype}) does not fill a whole number of bytes`);
        }
        else if (totalBits / 8n !== BigInt(end - begin)) {
            problems.add('SIZE_MISMATCH', `tensor ${label} is ${dtype} ${JSON.stringify(shape)} (${totalBits / 8n} bytes) but spans ${end - begin}`);
        }
    }
    result.unknownDtypes = [...unknown];
    checkLayout(ranges, result.dataBytes, problems);
    return done();
}
/**
 * The reference loader requires the tensors to tile the data buffer exactly. Overlaps let one region be read
 * as two tensors; gaps and an uncovered tail are bytes no tensor accounts for, where a payload can hide.
 */
function checkLayout(ranges, dataBytes, problems) {
    ranges.sort((a, b) => a.begin - b.begin || a.end - b.end);
    let cursor = 0;
    let last = '';
    for (const r of ranges) {
        if (r.begin < cursor) {
            problems.add('OVERLAP', `tensor ${JSON.stringify(r.name.slice(0, 200))} at ${r.begin} overlaps ${JSON.stringify(last.slice(0, 200))} (ends at ${cursor})`);
        }
        else if (r.begin > cursor) {
            problems.add('INCOMPLETE_BUFFER', `bytes ${cursor}..${r.begin} of the data buffer belong to no tensor`);
        }
        if (r.end >= cursor) {
            cursor = r.end;
            last = r.name;
        }
    }
    if (cursor < dataBytes) {
        problems.add('INCOMPLETE_BUFFER', `bytes ${cursor}..${dataBytes} of the data buffer belong to no tensor`);
    }
}
async function readMetadata(value, result, problems) {
    // The reference reads `__metadata__` as an optional map, so null is the same as absent.
    if (value === null)
        return;
    if (!isPlainObject(value)) {
        problems.add('BAD_METADATA', '__metadata__ is not an object of strings');
        return;
    }
    const kept = [];
    let templates = 0;
    for (const [key, v] of Object.entries(value)) {
        if (typeof v !== 'string') {
            problems.add('BAD_METADATA', `__metadata__ value for ${JSON.stringify(key.slice(0, 200))} is not a string`);
            continue;
        }
        if (result.suspiciousMetadata.length < MAX_LISTED) {
            const jinja = hasJinja(v);
            const found = codeConstructs(v, 5, jinja && templates < MAX_TEMPLATES && v.length <= MAX_TEMPLATE_VALUE);
            if (jinja)
                templates++;
            const pickle = await embeddedPickle(v);
            for (const c of pickle ? [pickle, ...found] : found) {
                if (result.suspiciousMetadata.length < MAX_LISTED)
                    result.suspiciousMetadata.push({ key: key.slice(0, MAX_RETURNED_CHARS), reason: reason(c) });
            }
        }
        if (kept.length < MAX_METADATA_ENTRIES) {
            if (key.length > MAX_RETURNED_CHARS || v.length > MAX_RETURNED_CHARS)
                result.metadataTruncated = true;
            kept.push([key.slice(0, MAX_RETURNED_CHARS), v.slice(0, MAX_RETURNED_CHARS)]);
        }
        else {
            result.metadataTruncated = true;
        }
    }
    // fromEntries defines own properties, so a key such as "__proto__" stays data and never sets a prototype.
    result.metadata = Object.fromEntries(kept);
}
function isPlainObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** Integers past 2^53 lose precision in JSON.parse, so they cannot be verified and are refused. */
function isCount(v) {
    return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}
/**
 * Keys that occur twice in one object of an already-valid JSON text. A single pass with a stack of key
 * sets: no recursion, so deep nesting cannot overflow the call stack.
 */
function duplicateKeys(text, max) {
    const { QUOTE, BACKSLASH, OPEN_OBJECT, CLOSE_OBJECT, OPEN_ARRAY, CLOSE_ARRAY, COMMA } = JSON_CHAR;
    const out = [];
    const stack = [];
    let expectKey = false;
    let i = 0;
    while (i < text.length && out.length < max) {
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
            let j = i + 1;
            let escaped = false;
            while (j < text.length && text.charCodeAt(j) !== QUOTE) {
                if (text.charCodeAt(j) === BACKSLASH) {
                    escaped = true;
                    j += 2;
                }
                else {
                    j++;
                }
            }
            const top = stack[stack.length - 1];
            if (expectKey && top) {
                const key = escaped ? JSON.parse(text.slice(i, j + 1)) : text.slice(i + 1, j);
                if (top.has(key))
                    out.push(key);
                else
                    top.add(key);
                expectKey = false;
            }
            i = j + 1;
            continue;
        }
        if (c === OPEN_OBJECT) {
            stack.push(new Set());
            expectKey = true;
        }
        else if (c === OPEN_ARRAY) {
            stack.push(null);
            expectKey = false;
        }
        else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
            stack.pop();
            expectKey = false;
        }
        else if (c === COMMA) {
            expectKey = stack[stack.length - 1] instanceof Set;
        }
        i++;
    }
    return out;
}

;// CONCATENATED MODULE: ./src/engine/formats/gguf.ts

const gguf_DEFAULTS = {
    maxHeaderBytes: 64 * 1024 * 1024,
    chunkBytes: 1024 * 1024,
    maxKvCount: 1_000_000,
    maxTensorCount: 1_000_000,
    maxArrayLength: 10_000_000,
    maxKeyBytes: 1024 * 1024,
    maxValueBytes: 16 * 1024 * 1024
};
const DEFAULT_ALIGNMENT = 32;
const gguf_MAX_RETURNED_CHARS = 64 * 1024;
/** ggml allows 4 dimensions; a few more are tolerated, thousands are an attack on the reader. */
const NORMAL_DIMS = 8;
const ABSURD_DIMS = 1000;
const MAX_ARRAY_NESTING = 8;
const T = {
    UINT8: 0,
    INT8: 1,
    UINT16: 2,
    INT16: 3,
    UINT32: 4,
    INT32: 5,
    FLOAT32: 6,
    BOOL: 7,
    STRING: 8,
    ARRAY: 9,
    UINT64: 10,
    INT64: 11,
    FLOAT64: 12
};
const FIXED_SIZE = new Map([
    [T.UINT8, 1],
    [T.INT8, 1],
    [T.UINT16, 2],
    [T.INT16, 2],
    [T.UINT32, 4],
    [T.INT32, 4],
    [T.FLOAT32, 4],
    [T.BOOL, 1],
    [T.UINT64, 8],
    [T.INT64, 8],
    [T.FLOAT64, 8]
]);
/** ggml tensor types: [elements per block, bytes per block], as in gguf-py's GGML_QUANT_SIZES. */
const GGML_TYPES = new Map([
    [0, [1, 4]], // F32
    [1, [1, 2]], // F16
    [2, [32, 18]], // Q4_0
    [3, [32, 20]], // Q4_1
    [6, [32, 22]], // Q5_0
    [7, [32, 24]], // Q5_1
    [8, [32, 34]], // Q8_0
    [9, [32, 40]], // Q8_1
    [10, [256, 84]], // Q2_K
    [11, [256, 110]], // Q3_K
    [12, [256, 144]], // Q4_K
    [13, [256, 176]], // Q5_K
    [14, [256, 210]], // Q6_K
    [15, [256, 292]], // Q8_K
    [16, [256, 66]], // IQ2_XXS
    [17, [256, 74]], // IQ2_XS
    [18, [256, 98]], // IQ3_XXS
    [19, [256, 50]], // IQ1_S
    [20, [32, 18]], // IQ4_NL
    [21, [256, 110]], // IQ3_S
    [22, [256, 82]], // IQ2_S
    [23, [256, 136]], // IQ4_XS
    [24, [1, 1]], // I8
    [25, [1, 2]], // I16
    [26, [1, 4]], // I32
    [27, [1, 8]], // I64
    [28, [1, 8]], // F64
    [29, [256, 56]], // IQ1_M
    [30, [1, 2]], // BF16
    [34, [256, 54]], // TQ1_0
    [35, [256, 66]], // TQ2_0
    [39, [32, 17]] // MXFP4
]);
const TEXT = new TextDecoder('utf-8');
const STRICT_TEXT = new TextDecoder('utf-8', { fatal: true });
function isGgufMagic(head) {
    return head.length >= 4 && head.toString('latin1', 0, 4) === 'GGUF';
}
/**
 * The pre-GGUF llama.cpp containers (ggml, ggmf, ggjt, ggla, ggsa, plus session files ggsn/ggsq). They were
 * written as a little-endian u32 of the ASCII tag, so on disk the tag reads backwards; both orders count.
 */
function isLegacyGgmlMagic(head) {
    if (head.length < 4)
        return false;
    const tag = head.toString('latin1', 0, 4);
    return LEGACY.has(tag) || LEGACY.has([...tag].reverse().join(''));
}
const LEGACY = new Set(['ggml', 'ggmf', 'ggjt', 'ggla', 'ggsa', 'ggsn', 'ggsq'].flatMap((t) => [t, t.toUpperCase()]));
/** Ends the walk: past this point the layout is unknown, so nothing further can be checked. */
class Stop extends Error {
    code;
    constructor(code, detail) {
        super(detail);
        this.code = code;
    }
}
/** Sequential reads over RandomAccess through one bounded buffer, never past `cap` or the end of the file. */
class HeaderReader {
    ra;
    cap;
    chunk;
    pos = 0;
    buf = Buffer.alloc(0);
    bufStart = 0;
    constructor(ra, cap, chunk) {
        this.ra = ra;
        this.cap = cap;
        this.chunk = chunk;
    }
    check(n) {
        if (this.pos + n > this.cap) {
            throw new Stop('LIMIT', `the header runs past the ${this.cap}-byte limit at offset ${this.pos}`);
        }
        if (this.pos + n > this.ra.size) {
            throw new Stop('TRUNCATED', `the header needs ${n} bytes at offset ${this.pos}; the file has ${this.ra.size}`);
        }
    }
    async ensure(n) {
        this.check(n);
        const at = this.pos - this.bufStart;
        if (this.pos < this.bufStart || at + n > this.buf.length) {
            const want = Math.min(Math.max(n, this.chunk), this.ra.size - this.pos, this.cap - this.pos);
            this.buf = await this.ra.read(this.pos, want);
            this.bufStart = this.pos;
            if (this.buf.length < n)
                throw new Stop('TRUNCATED', `short read at offset ${this.pos}`);
            return this.buf.subarray(0, n);
        }
        return this.buf.subarray(at, at + n);
    }
    async u32() {
        const v = (await this.ensure(4)).readUInt32LE(0);
        this.pos += 4;
        return v;
    }
    async u64() {
        const v = (await this.ensure(8)).readBigUInt64LE(0);
        this.pos += 8;
        return v;
    }
    async bytes(n) {
        const b = await this.ensure(n);
        this.pos += n;
        return b;
    }
    /** Moves past bytes without reading them: numeric arrays are never materialised. */
    skip(n) {
        this.check(n);
        this.pos += n;
    }
}
/**
 * Walks the GGUF header (metadata and tensor infos) and checks the tensor layout against the file size. Only
 * the header is read; tensor data never is.
 */
async function inspectGguf(ra, limits = {}) {
    const lim = { ...gguf_DEFAULTS, ...limits };
    const problems = new ProblemList();
    const result = {
        version: undefined,
        tensorCount: 0,
        kvCount: 0,
        alignment: DEFAULT_ALIGNMENT,
        chatTemplates: [],
        dataOffset: undefined,
        unknownTensorTypes: [],
        problems: []
    };
    const r = new HeaderReader(ra, lim.maxHeaderBytes, lim.chunkBytes);
    const tensors = [];
    try {
        await readHeader(r, lim, result, problems, tensors);
    }
    catch (e) {
        if (!(e instanceof Stop))
            throw e;
        problems.add(e.code, e.message);
        return { ...result, problems: problems.list() };
    }
    gguf_checkLayout(tensors, result, ra.size, problems);
    return { ...result, problems: problems.list() };
}
async function readHeader(r, lim, result, problems, tensors) {
    if (!isGgufMagic(await r.bytes(4)))
        throw new Stop('BAD_MAGIC', "the file does not start with 'GGUF'");
    const version = await r.u32();
    if (version < 1 || version > 3) {
        const swapped = Buffer.alloc(4);
        swapped.writeUInt32BE(version);
        const be = swapped.readUInt32LE(0);
        const hint = be >= 1 && be <= 3 ? ' (a big-endian file, which this reader does not verify)' : '';
        throw new Stop('BAD_VERSION', `GGUF version ${version} is not 1, 2 or 3${hint}`);
    }
    result.version = version;
    // GGUFv1 used 32-bit counts, lengths and dimensions; v2 widened them to 64 bits.
    const wide = version >= 2;
    const count = async (what, max) => {
        const n = wide ? await r.u64() : BigInt(await r.u32());
        if (n > BigInt(max))
            throw new Stop('LIMIT', `${what} ${n} is over the limit of ${max}`);
        return Number(n);
    };
    const str = async (what, max) => {
        const n = await count(`${what} length`, max);
        return r.bytes(n);
    };
    const skipValue = async (type, depth) => {
        const fixed = FIXED_SIZE.get(type);
        if (fixed !== undefined)
            return r.skip(fixed);
        if (type === T.STRING)
            return r.skip(await count('string length', lim.maxValueBytes));
        if (type !== T.ARRAY)
            throw new Stop('BAD_VALUE_TYPE', `unknown value type ${type} at offset ${r.pos - 4}`);
        if (depth >= MAX_ARRAY_NESTING)
            throw new Stop('LIMIT', `arrays nested deeper than ${MAX_ARRAY_NESTING}`);
        const itemType = await r.u32();
        const n = await count('array length', lim.maxArrayLength);
        const itemSize = FIXED_SIZE.get(itemType);
        if (itemSize !== undefined)
            return r.skip(n * itemSize);
        if (itemType !== T.STRING && itemType !== T.ARRAY) {
            throw new Stop('BAD_VALUE_TYPE', `unknown array item type ${itemType} at offset ${r.pos - 12}`);
        }
        for (let i = 0; i < n; i++)
            await skipValue(itemType, depth + 1);
    };
    result.tensorCount = await count('tensor count', lim.maxTensorCount);
    result.kvCount = await count('metadata key count', lim.maxKvCount);
    const keys = new Set();
    for (let i = 0; i < result.kvCount; i++) {
        const key = TEXT.decode(await str('key', lim.maxKeyBytes));
        const type = await r.u32();
        // ggml refuses duplicate keys; other readers keep the first or the last, so a duplicate can show a scanner
        // one chat template and a loader another.
        if (keys.has(key))
            problems.add('DUPLICATE_KEY', `metadata key ${quote(key)} appears more than once`);
        keys.add(key);
        if (key.startsWith('tokenizer.chat_template') && key !== 'tokenizer.chat_templates') {
            if (type !== T.STRING) {
                problems.add('BAD_VALUE_TYPE', `${quote(key)} has value type ${type}, not a string`);
                await skipValue(type, 0);
                continue;
            }
            const raw = await str('string', lim.maxValueBytes);
            let value;
            try {
                value = STRICT_TEXT.decode(raw);
            }
            catch {
                problems.add('BAD_UTF8', `${quote(key)} is not valid UTF-8`);
                value = TEXT.decode(raw);
            }
            result.chatTemplates.push({ key, value });
        }
        else if (key === 'general.alignment') {
            if (type !== T.UINT32) {
                problems.add('BAD_ALIGNMENT', `general.alignment has value type ${type}, not uint32`);
                await skipValue(type, 0);
                continue;
            }
            const a = await r.u32();
            if (a === 0 || (a & (a - 1)) !== 0)
                problems.add('BAD_ALIGNMENT', `general.alignment ${a} is not a power of two`);
            else
                result.alignment = a;
        }
        else if (type === T.STRING && GENERAL.has(key)) {
            const field = GENERAL.get(key) ?? 'name';
            result[field] = TEXT.decode(await str('string', lim.maxValueBytes)).slice(0, gguf_MAX_RETURNED_CHARS);
        }
        else {
            await skipValue(type, 0);
        }
    }
    const names = new Set();
    const unknownTypes = new Set();
    for (let i = 0; i < result.tensorCount; i++) {
        const name = TEXT.decode(await str('tensor name', lim.maxKeyBytes));
        if (names.has(name))
            problems.add('DUPLICATE_TENSOR', `tensor ${quote(name)} appears more than once`);
        names.add(name);
        const nDims = await r.u32();
        if (nDims > ABSURD_DIMS)
            throw new Stop('BAD_TENSOR', `tensor ${quote(name)} claims ${nDims} dimensions`);
        if (nDims > NORMAL_DIMS)
            problems.add('BAD_TENSOR', `tensor ${quote(name)} has ${nDims} dimensions`);
        const dims = [];
        for (let d = 0; d < nDims; d++)
            dims.push(wide ? await r.u64() : BigInt(await r.u32()));
        const type = await r.u32();
        const offset = await r.u64();
        tensors.push({ name, offset, bytes: tensorBytes(name, dims, type, problems, unknownTypes) });
    }
    result.unknownTensorTypes = [...unknownTypes];
    result.dataOffset = alignUp(r.pos, result.alignment);
}
const GENERAL = new Map([
    ['general.architecture', 'architecture'],
    ['general.name', 'name'],
    ['general.license', 'license']
]);
const INT64_MAX = (1n << 63n) - 1n;
function tensorBytes(name, dims, type, problems, unknownTypes) {
    // ggml holds dimensions and element counts in int64: anything past that wraps in the loader.
    let elements = 1n;
    for (const d of dims) {
        elements *= d;
        if (d > INT64_MAX || elements > INT64_MAX) {
            problems.add('BAD_TENSOR', `tensor ${quote(name)} has dimensions that overflow 64 bits`);
            return undefined;
        }
    }
    const geometry = GGML_TYPES.get(type);
    if (geometry === undefined) {
        if (unknownTypes.size < 100)
            unknownTypes.add(type);
        return undefined;
    }
    const [block, size] = geometry;
    if ((dims[0] ?? 1n) % BigInt(block) !== 0n) {
        problems.add('BAD_TENSOR', `tensor ${quote(name)}'s first dimension is not a multiple of its block size ${block}`);
        return undefined;
    }
    return (elements / BigInt(block)) * BigInt(size);
}
/**
 * As in ggml: each tensor starts on an alignment boundary, exactly where the previous one (padded) ended, and
 * lies within the file. Overlaps would let one region be read as two tensors; gaps are bytes no tensor covers.
 */
function gguf_checkLayout(tensors, result, size, problems) {
    if (tensors.length === 0 || result.dataOffset === undefined)
        return;
    const dataBytes = BigInt(size) - BigInt(result.dataOffset);
    if (dataBytes < 0n) {
        problems.add('TRUNCATED', `the tensor data would start at ${result.dataOffset}, past the end of the file`);
        return;
    }
    const alignment = BigInt(result.alignment);
    let expected = 0n;
    for (const t of tensors) {
        const label = quote(t.name);
        if (t.offset % alignment !== 0n) {
            problems.add('MISALIGNED', `tensor ${label} at ${t.offset} is not aligned to ${alignment}`);
        }
        if (expected !== undefined && t.offset !== expected) {
            const what = t.offset < expected ? 'OVERLAP' : 'GAP';
            problems.add(what, `tensor ${label} starts at ${t.offset}; the previous tensor ends (padded) at ${expected}`);
        }
        if (t.bytes === undefined) {
            if (t.offset >= dataBytes) {
                problems.add('OFFSET_OUT_OF_RANGE', `tensor ${label} starts at ${t.offset}, past the ${dataBytes}-byte data`);
            }
            expected = undefined;
            continue;
        }
        if (t.offset + t.bytes > dataBytes) {
            problems.add('OFFSET_OUT_OF_RANGE', `tensor ${label} spans ${t.offset}..${t.offset + t.bytes}, past the ${dataBytes}-byte data`);
        }
        if (expected !== undefined)
            expected = t.offset + alignUpBig(t.bytes, alignment);
    }
}
function alignUp(n, a) {
    return Math.ceil(n / a) * a;
}
function alignUpBig(n, a) {
    return ((n + a - 1n) / a) * a;
}
function quote(s) {
    return JSON.stringify(s.slice(0, 200));
}

;// CONCATENATED MODULE: ./src/engine/formats/numpy.ts

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]); // \x93NUMPY
const DEFAULT_MAX_HEADER = 1024 * 1024;
const MAX_DEPTH = 32;
function isNpyMagic(head) {
    return head.length >= MAGIC.length && head.subarray(0, MAGIC.length).equals(MAGIC);
}
/**
 * Reads the `.npy` preamble and header dict (never the array data) from `offset` up to `end` — an `.npy`
 * stored uncompressed inside an `.npz` is a slice of the archive. The header is a Python literal; it is
 * parsed here by a small literal parser, never evaluated.
 */
async function inspectNpy(ra, offset = 0, end = ra.size, limits = {}) {
    const maxHeader = limits.maxHeaderBytes ?? DEFAULT_MAX_HEADER;
    const problems = new ProblemList();
    const result = {
        version: undefined,
        headerLength: 0,
        descr: undefined,
        shape: undefined,
        fortranOrder: undefined,
        itemSize: undefined,
        objectDtype: false,
        dataOffset: undefined,
        pickleOffset: undefined,
        problems: []
    };
    const done = () => ({ ...result, problems: problems.list() });
    end = Math.min(end, ra.size);
    const avail = end - offset;
    const pre = avail > 0 ? await ra.read(offset, Math.min(12, avail)) : Buffer.alloc(0);
    if (pre.length < 8) {
        problems.add('TRUNCATED', `${Math.max(avail, 0)} bytes: too short for the .npy preamble`);
        return done();
    }
    if (!isNpyMagic(pre)) {
        problems.add('BAD_MAGIC', 'the data does not start with \\x93NUMPY');
        return done();
    }
    const major = pre[6] ?? 0;
    const minor = pre[7] ?? 0;
    // numpy reads exactly (1,0), (2,0) and (3,0): anything else is not a file numpy would load as written.
    if (major < 1 || major > 3 || minor !== 0) {
        problems.add('BAD_VERSION', `format version ${major}.${minor} is not 1.0, 2.0 or 3.0`);
        return done();
    }
    result.version = `${major}.${minor}`;
    const lenBytes = major === 1 ? 2 : 4;
    if (pre.length < 8 + lenBytes) {
        problems.add('TRUNCATED', 'the data ends inside the header length');
        return done();
    }
    const headerLength = major === 1 ? pre.readUInt16LE(8) : pre.readUInt32LE(8);
    result.headerLength = headerLength;
    if (headerLength > maxHeader) {
        problems.add('HEADER_TOO_LARGE', `the header claims ${headerLength} bytes, over the ${maxHeader}-byte limit`);
        return done();
    }
    const headerStart = offset + 8 + lenBytes;
    const dataOffset = headerStart + headerLength;
    if (dataOffset > end) {
        problems.add('TRUNCATED', `the header claims ${headerLength} bytes but only ${end - headerStart} follow`);
        return done();
    }
    const raw = headerLength === 0 ? Buffer.alloc(0) : await ra.read(headerStart, headerLength);
    if (raw.length < headerLength) {
        problems.add('TRUNCATED', `read ${raw.length} of the header's ${headerLength} bytes`);
        return done();
    }
    result.dataOffset = dataOffset;
    let text;
    if (major === 3) {
        try {
            text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
        }
        catch {
            problems.add('BAD_HEADER', 'a version 3.0 header that is not valid UTF-8');
            return done();
        }
    }
    else {
        text = raw.toString('latin1');
    }
    let dict;
    try {
        dict = parsePyLiteral(text);
    }
    catch (e) {
        problems.add('BAD_HEADER', `the header is not a Python literal: ${e.message}`);
        return done();
    }
    if (!isKind(dict, 'dict')) {
        problems.add('BAD_HEADER', 'the header is not a dict');
        return done();
    }
    const fields = new Map();
    for (const [k, v] of dict.entries) {
        if (typeof k !== 'string') {
            problems.add('BAD_HEADER', 'the header has a key that is not a string');
            return done();
        }
        fields.set(k, v);
    }
    const keys = [...fields.keys()].sort().join(',');
    if (keys !== 'descr,fortran_order,shape' || fields.size !== dict.entries.length) {
        problems.add('BAD_HEADER', `the header's keys are ${JSON.stringify(keys.slice(0, 200))}, not descr, fortran_order, shape`);
    }
    const descr = fields.get('descr');
    if (descr !== undefined) {
        result.descr = render(descr).slice(0, 1024);
        const d = numpy_describe(descr, 0);
        result.objectDtype = d.object;
        if (d.bad !== undefined)
            problems.add('BAD_DTYPE', d.bad);
        else
            result.itemSize = d.itemSize === undefined ? undefined : Number(d.itemSize);
    }
    if (result.objectDtype)
        result.pickleOffset = dataOffset;
    const fortran = fields.get('fortran_order');
    if (typeof fortran === 'boolean')
        result.fortranOrder = fortran;
    else if (fortran !== undefined)
        problems.add('BAD_HEADER', 'fortran_order is not True or False');
    const shape = fields.get('shape');
    let elements;
    if (shape !== undefined) {
        if (!isKind(shape, 'tuple') || !shape.items.every((x) => typeof x === 'bigint' && x >= 0n)) {
            problems.add('BAD_HEADER', 'shape is not a tuple of non-negative integers');
        }
        else {
            const dims = shape.items;
            elements = dims.reduce((p, d) => p * d, 1n);
            if (dims.every((d) => d <= BigInt(Number.MAX_SAFE_INTEGER)))
                result.shape = dims.map(Number);
        }
    }
    if (!result.objectDtype && descr !== undefined && elements !== undefined) {
        const d = numpy_describe(descr, 0);
        if (d.bad === undefined && d.itemSize !== undefined) {
            const expected = elements * d.itemSize;
            const actual = BigInt(end - dataOffset);
            if (expected !== actual) {
                problems.add('SIZE_MISMATCH', `the header declares ${expected} bytes of array data but ${actual} follow the header`);
            }
        }
    }
    return done();
}
/** Element sizes of numpy's one-letter type codes that do not depend on the platform. */
const CODE_SIZE = new Map([
    ['?', 1],
    ['b', 1],
    ['B', 1],
    ['h', 2],
    ['H', 2],
    ['i', 4],
    ['I', 4],
    ['q', 8],
    ['Q', 8],
    ['e', 2],
    ['f', 4],
    ['d', 8],
    ['F', 8],
    ['D', 16]
]);
/** Valid codes whose size depends on the platform (C long, long double, pointers). */
const PLATFORM_CODES = new Set(['l', 'L', 'g', 'G', 'p', 'P', 'n', 'N']);
/**
 * What numpy would build from a header `descr`: a type string, a (descr, shape) subarray, or a list of
 * fields (name, descr[, shape]). Any `O` among the type strings means object elements, which numpy stores
 * as a pickle.
 */
function numpy_describe(descr, depth) {
    if (depth > MAX_DEPTH)
        return { object: false, itemSize: undefined, bad: 'the dtype nests too deeply' };
    if (typeof descr === 'string')
        return describeString(descr);
    if (isKind(descr, 'tuple')) {
        const [inner, shape] = descr.items;
        if (descr.items.length !== 2 || inner === undefined || shape === undefined) {
            return {
                object: anyObject(descr),
                itemSize: undefined,
                bad: 'a subarray dtype that is not (descr, shape)'
            };
        }
        const d = numpy_describe(inner, depth + 1);
        const n = shapeProduct(shape);
        if (n === undefined)
            return { ...d, bad: d.bad ?? 'a subarray dtype with an invalid shape' };
        return { ...d, itemSize: d.itemSize === undefined ? undefined : d.itemSize * n };
    }
    if (isKind(descr, 'list')) {
        const out = { object: false, itemSize: 0n };
        for (const field of descr.items) {
            const f = describeField(field, depth);
            out.object ||= f.object;
            out.bad ??= f.bad;
            out.itemSize =
                out.itemSize === undefined || f.itemSize === undefined ? undefined : out.itemSize + f.itemSize;
        }
        return out;
    }
    return {
        object: anyObject(descr),
        itemSize: undefined,
        bad: `an unsupported descr ${render(descr).slice(0, 200)}`
    };
}
function describeField(field, depth) {
    if (!isKind(field, 'tuple') || (field.items.length !== 2 && field.items.length !== 3)) {
        return {
            object: anyObject(field),
            itemSize: undefined,
            bad: 'a structured field that is not (name, descr[, shape])'
        };
    }
    const [name, type, shape] = field.items;
    const titled = isKind(name, 'tuple') && name.items.length === 2 && name.items.every((x) => typeof x === 'string');
    const d = numpy_describe(type, depth + 1);
    if (typeof name !== 'string' && !titled)
        return { ...d, bad: d.bad ?? 'a structured field name that is not a string' };
    if (shape === undefined)
        return d;
    const n = shapeProduct(shape);
    if (n === undefined)
        return { ...d, bad: d.bad ?? 'a structured field with an invalid shape' };
    return { ...d, itemSize: d.itemSize === undefined ? undefined : d.itemSize * n };
}
const TYPE_STRING = /^([<>|=])?([A-Za-z?])(\d*)(\[[A-Za-z0-9]+\])?$/;
function describeString(s) {
    // Erring towards "object": anything mentioning O or object is treated as able to hold a pickle.
    const object = s.includes('O') || /object/i.test(s);
    const m = TYPE_STRING.exec(s);
    if (!m)
        return {
            object,
            itemSize: undefined,
            bad: `the dtype ${JSON.stringify(s.slice(0, 100))} is not one numpy writes`
        };
    const kind = m[2] ?? '';
    const digits = m[3] ?? '';
    const unit = m[4];
    const n = digits === '' ? undefined : BigInt(digits);
    const bad = (why) => ({
        object,
        itemSize: undefined,
        bad: `the dtype ${JSON.stringify(s)} ${why}`
    });
    if (unit !== undefined && kind !== 'M' && kind !== 'm')
        return bad('has a unit but is not a datetime');
    if (kind === 'O')
        return { object: true, itemSize: undefined };
    if (n === undefined) {
        if (kind === 'M' || kind === 'm')
            return { object, itemSize: 8n };
        const size = CODE_SIZE.get(kind);
        if (size !== undefined)
            return { object, itemSize: BigInt(size) };
        if (PLATFORM_CODES.has(kind))
            return { object, itemSize: undefined };
        return bad('is not a known type code');
    }
    switch (kind) {
        case 'b':
        case '?':
            return n === 1n ? { object, itemSize: 1n } : bad('has an invalid size');
        case 'i':
        case 'u':
            return [1n, 2n, 4n, 8n].includes(n) ? { object, itemSize: n } : bad('has an invalid size');
        case 'f':
            return [2n, 4n, 8n, 12n, 16n].includes(n) ? { object, itemSize: n } : bad('has an invalid size');
        case 'c':
            return [8n, 16n, 24n, 32n].includes(n) ? { object, itemSize: n } : bad('has an invalid size');
        case 'S':
        case 'a':
        case 'V':
            return { object, itemSize: n };
        case 'U':
            return { object, itemSize: 4n * n };
        case 'M':
        case 'm':
            return n === 8n ? { object, itemSize: 8n } : bad('has an invalid size');
        default:
            return bad('is not a known type code');
    }
}
function shapeProduct(shape) {
    if (typeof shape === 'bigint')
        return shape >= 0n ? shape : undefined;
    if (!isKind(shape, 'tuple'))
        return undefined;
    let p = 1n;
    for (const d of shape.items) {
        if (typeof d !== 'bigint' || d < 0n)
            return undefined;
        p *= d;
    }
    return p;
}
function anyObject(v) {
    if (typeof v === 'string')
        return v.includes('O') || /object/i.test(v);
    if (isKind(v, 'tuple') || isKind(v, 'list'))
        return v.items.some(anyObject);
    if (isKind(v, 'dict'))
        return v.entries.some(([k, x]) => anyObject(k) || anyObject(x));
    return false;
}
function isKind(v, kind) {
    return typeof v === 'object' && v !== null && v.kind === kind;
}
/**
 * Strings (quotes of either kind, escapes, u/b/r prefixes, adjacent literals joined), integers (with the
 * Python 2 `L` suffix old files carry), floats, True/False/None, tuples, lists and dicts. Throws on
 * anything else; nesting is bounded so hostile input cannot exhaust the stack.
 */
function parsePyLiteral(text) {
    let i = 0;
    const fail = (why) => {
        throw new Error(`${why} at offset ${i}`);
    };
    const ws = () => {
        while (i < text.length && ' \t\r\n\f\v'.includes(text[i] ?? ''))
            i++;
    };
    const str = () => {
        let prefix = '';
        while (/[uUbBrR]/.test(text[i] ?? ''))
            prefix += text[i++];
        const q = text[i];
        if (q !== "'" && q !== '"')
            return fail('expected a string');
        if (text.startsWith(q.repeat(3), i))
            return fail('triple-quoted strings are not supported');
        i++;
        let out = '';
        const raw = /r/i.test(prefix);
        for (;;) {
            const c = text[i];
            if (c === undefined || c === '\n')
                return fail('unterminated string');
            i++;
            if (c === q)
                break;
            if (c !== '\\') {
                out += c;
                continue;
            }
            const e = text[i++];
            if (e === undefined)
                return fail('unterminated string');
            if (raw) {
                out += '\\' + e;
                continue;
            }
            const simple = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };
            const octal = /^[0-7]{1,3}/.exec(text.slice(i - 1, i + 2));
            if (octal) {
                out += String.fromCharCode(parseInt(octal[0], 8));
                i += octal[0].length - 1;
            }
            else if (e === 'x' || e === 'u' || e === 'U') {
                const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
                const hex = text.slice(i, i + len);
                if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len)
                    return fail('bad escape');
                const cp = parseInt(hex, 16);
                if (cp > 0x10ffff)
                    return fail('bad escape');
                out += String.fromCodePoint(cp);
                i += len;
            }
            else if (Object.hasOwn(simple, e)) {
                out += simple[e];
            }
            else {
                out += '\\' + e;
            }
        }
        return out;
    };
    const value = (depth) => {
        if (depth > MAX_DEPTH)
            return fail('nesting too deep');
        ws();
        const c = text[i];
        if (c === undefined)
            return fail('unexpected end');
        if (c === '{' || c === '[' || c === '(') {
            const close = c === '{' ? '}' : c === '[' ? ']' : ')';
            i++;
            const items = [];
            const entries = [];
            let sawComma = false;
            for (;;) {
                ws();
                if (text[i] === close) {
                    i++;
                    break;
                }
                const v = value(depth + 1);
                if (c === '{') {
                    ws();
                    if (text[i] !== ':')
                        return fail("expected ':'");
                    i++;
                    entries.push([v, value(depth + 1)]);
                }
                else {
                    items.push(v);
                }
                ws();
                if (text[i] === ',') {
                    i++;
                    sawComma = true;
                }
                else if (text[i] !== close) {
                    return fail(`expected ',' or '${close}'`);
                }
            }
            if (c === '{')
                return { kind: 'dict', entries };
            if (c === '[')
                return { kind: 'list', items };
            // `(x)` is x in parentheses; only a comma (or nothing at all) makes a tuple.
            if (items.length === 1 && !sawComma)
                return items[0] ?? null;
            return { kind: 'tuple', items };
        }
        if (c === "'" || c === '"' || (/[uUbBrR]/.test(c) && /^[uUbBrR]{1,2}['"]/.test(text.slice(i, i + 3)))) {
            let s = str();
            // Python joins adjacent string literals.
            for (;;) {
                const save = i;
                ws();
                if (/^[uUbBrR]{0,2}['"]/.test(text.slice(i, i + 3)))
                    s += str();
                else {
                    i = save;
                    break;
                }
            }
            return s;
        }
        const num = /^[-+]?(\d+(\.\d*)?([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?)([lL])?/.exec(text.slice(i, i + 64));
        if (num) {
            i += num[0].length;
            const body = num[0].replace(/[lL]$/, '');
            if (/^[-+]?\d+$/.test(body))
                return BigInt(body);
            if (num[5] !== undefined)
                return fail('bad number');
            return Number(body);
        }
        for (const [word, v] of [
            ['True', true],
            ['False', false],
            ['None', null]
        ]) {
            if (text.startsWith(word, i) && !/\w/.test(text[i + word.length] ?? '')) {
                i += word.length;
                return v;
            }
        }
        return fail(`unexpected ${JSON.stringify(c)}`);
    };
    const v = value(0);
    ws();
    if (i !== text.length)
        fail('trailing characters');
    return v;
}
function render(v) {
    if (typeof v === 'string')
        return `'${v}'`;
    if (typeof v === 'bigint' || typeof v === 'number')
        return String(v);
    if (v === true)
        return 'True';
    if (v === false)
        return 'False';
    if (v === null)
        return 'None';
    if (v.kind === 'dict')
        return `{${v.entries.map(([k, x]) => `${render(k)}: ${render(x)}`).join(', ')}}`;
    const inner = v.items.map(render).join(', ');
    return v.kind === 'list' ? `[${inner}]` : `(${inner}${v.items.length === 1 ? ',' : ''})`;
}

;// CONCATENATED MODULE: ./src/engine/formats/protobuf.ts
/**
 * A minimal, bounded reader for the protobuf wire format (https://protobuf.dev/programming-guides/encoding/).
 *
 * It knows nothing about schemas: callers walk the fields of one message buffer and decide which
 * length-delimited fields to descend into. Nothing is allocated from an untrusted length: a
 * length-delimited value is a `subarray` view of the input, checked against the enclosing message first.
 */
const WireType = {
    VARINT: 0,
    I64: 1,
    LEN: 2,
    SGROUP: 3,
    EGROUP: 4,
    I32: 5
};
/** A malformed or over-limit message; `code` says which, so analysers can report it as data. */
class ProtoError extends Error {
    code;
    constructor(code, message) {
        super(message);
        this.code = code;
        this.name = 'ProtoError';
    }
}
const MAX_FIELD_NO = 2 ** 29 - 1;
const protobuf_EMPTY = Buffer.alloc(0);
/** A varint at `pos`: its value (precise up to 2^53) and the offset after it. */
function readVarint(buf, pos, end = buf.length) {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
        if (pos + i >= end)
            throw new ProtoError('TRUNCATED', `varint runs past the end at offset ${pos}`);
        const b = buf[pos + i];
        // The tenth byte may carry only the top bit of a 64-bit value.
        if (i === 9 && b > 1)
            throw new ProtoError('BAD_WIRE', `varint longer than 64 bits at offset ${pos}`);
        value += (b & 0x7f) * scale;
        scale *= 128;
        if ((b & 0x80) === 0)
            return { value, next: pos + i + 1 };
    }
    throw new ProtoError('BAD_WIRE', `varint longer than 10 bytes at offset ${pos}`);
}
function need(pos, n, end, what) {
    if (n > end - pos)
        throw new ProtoError('TRUNCATED', `${what} of ${n} bytes runs past the end at offset ${pos}`);
}
/**
 * The fields of one message, in order. Throws ProtoError on the first malformed field; fields before it
 * have already been yielded, so callers keep what they read so far.
 */
function* fields(buf, opts = {}) {
    const end = buf.length;
    let pos = 0;
    while (pos < end) {
        const offset = pos;
        const tag = readVarint(buf, pos, end);
        pos = tag.next;
        const no = Math.floor(tag.value / 8);
        const wire = tag.value % 8;
        if (no < 1 || no > MAX_FIELD_NO)
            throw new ProtoError('BAD_WIRE', `invalid field number ${no} at offset ${offset}`);
        switch (wire) {
            case WireType.VARINT: {
                const v = readVarint(buf, pos, end);
                pos = v.next;
                yield { no, wire, offset, num: v.value, bytes: protobuf_EMPTY };
                break;
            }
            case WireType.I64: {
                need(pos, 8, end, 'fixed64');
                const num = buf.readUInt32LE(pos) + buf.readUInt32LE(pos + 4) * 2 ** 32;
                pos += 8;
                yield { no, wire, offset, num, bytes: protobuf_EMPTY };
                break;
            }
            case WireType.I32: {
                need(pos, 4, end, 'fixed32');
                const num = buf.readUInt32LE(pos);
                pos += 4;
                yield { no, wire, offset, num, bytes: protobuf_EMPTY };
                break;
            }
            case WireType.LEN: {
                const len = readVarint(buf, pos, end);
                pos = len.next;
                need(pos, len.value, end, 'length-delimited field');
                const bytes = buf.subarray(pos, pos + len.value);
                pos += len.value;
                yield { no, wire, offset, num: len.value, bytes };
                break;
            }
            case WireType.SGROUP: {
                if (opts.groups !== 'skip')
                    throw new ProtoError('BAD_WIRE', `group field ${no} at offset ${offset}`);
                pos = skipGroup(buf, pos, end, no, opts.maxGroupDepth ?? 32);
                break;
            }
            case WireType.EGROUP:
                throw new ProtoError('BAD_WIRE', `unmatched end-group for field ${no} at offset ${offset}`);
            default:
                throw new ProtoError('BAD_WIRE', `invalid wire type ${wire} at offset ${offset}`);
        }
    }
}
/** Past the end-group that closes field `no`; nested groups count against `maxDepth`. */
function skipGroup(buf, pos, end, no, maxDepth) {
    const open = [no];
    while (open.length > 0) {
        if (open.length > maxDepth)
            throw new ProtoError('DEPTH', `groups nested deeper than ${maxDepth}`);
        if (pos >= end)
            throw new ProtoError('TRUNCATED', `group ${open[open.length - 1]} is not closed`);
        const tag = readVarint(buf, pos, end);
        pos = tag.next;
        const n = Math.floor(tag.value / 8);
        const wire = tag.value % 8;
        if (n < 1 || n > MAX_FIELD_NO)
            throw new ProtoError('BAD_WIRE', `invalid field number ${n} in a group`);
        if (wire === WireType.VARINT)
            pos = readVarint(buf, pos, end).next;
        else if (wire === WireType.I64) {
            need(pos, 8, end, 'fixed64');
            pos += 8;
        }
        else if (wire === WireType.I32) {
            need(pos, 4, end, 'fixed32');
            pos += 4;
        }
        else if (wire === WireType.LEN) {
            const len = readVarint(buf, pos, end);
            need(len.next, len.value, end, 'length-delimited field');
            pos = len.next + len.value;
        }
        else if (wire === WireType.SGROUP)
            open.push(n);
        else if (wire === WireType.EGROUP) {
            if (open.pop() !== n)
                throw new ProtoError('BAD_WIRE', `end-group ${n} does not match its start`);
        }
        else
            throw new ProtoError('BAD_WIRE', `invalid wire type ${wire} in a group`);
    }
    return pos;
}
/**
 * A LEN field as text. Lossy on invalid UTF-8 (U+FFFD), and cut at `max` bytes: names in a hostile file can
 * be arbitrarily long, and only a bounded prefix is ever reported.
 */
function protobuf_str(f, max = 4096) {
    if (f.wire !== WireType.LEN)
        throw new ProtoError('BAD_WIRE', `field ${f.no} is not length-delimited`);
    return f.bytes.subarray(0, Math.min(max, f.bytes.length)).toString('utf8');
}
/** The message in a LEN field, or a BAD_WIRE error naming it. */
function sub(f) {
    if (f.wire !== WireType.LEN)
        throw new ProtoError('BAD_WIRE', `field ${f.no} should be a message`);
    return f.bytes;
}
/** A varint field's value, or a BAD_WIRE error naming it. */
function protobuf_int(f) {
    if (f.wire !== WireType.VARINT)
        throw new ProtoError('BAD_WIRE', `field ${f.no} should be a varint`);
    return f.num;
}
/** Thrown to stop a whole walk once a LIMIT problem is recorded. */
class ProtoLimitReached extends Error {
}
/**
 * What the ONNX and SavedModel walkers share: a bounded problem list, and `guard`, which turns a malformed
 * message into a problem so that its siblings are still read (a LIMIT stops the whole walk).
 */
class ProtoWalker {
    maxProblems;
    problems = [];
    constructor(maxProblems) {
        this.maxProblems = maxProblems;
    }
    problem(code, message) {
        if (this.problems.length < this.maxProblems)
            this.problems.push({ code, detail: message });
    }
    guard(where, f) {
        try {
            f();
        }
        catch (e) {
            if (e instanceof ProtoError) {
                this.problem(e.code, `${where}: ${e.message}`);
                if (e.code === 'LIMIT')
                    throw new ProtoLimitReached();
                return;
            }
            throw e;
        }
    }
}

;// CONCATENATED MODULE: ./src/engine/formats/onnx.ts

/*
 * Static inspection of an ONNX ModelProto. Nothing here loads or runs the model; external data files are named,
 * never opened.
 */
// Field numbers of onnx/onnx `onnx/onnx.proto`, checked against the onnx 1.12 release's copy (and a model it
// serialised, see __tests__/fixtures/engine/onnx); FunctionProto.attribute_proto, added after 1.12, against later
// copies of the schema. Only the fields the walker reads.
const ModelProto = {
    ir_version: 1,
    producer_name: 2,
    producer_version: 3,
    graph: 7,
    opset_import: 8,
    training_info: 20,
    functions: 25
};
const OperatorSetIdProto = { domain: 1, version: 2 };
const TrainingInfoProto = { initialization: 1, algorithm: 2 };
const GraphProto = { node: 1, initializer: 5, input: 11, sparse_initializer: 15 };
const ValueInfoProto = { name: 1 };
const NodeProto = { input: 1, output: 2, name: 3, op_type: 4, attribute: 5, domain: 7 };
const AttributeProto = {
    name: 1,
    t: 5,
    g: 6,
    tensors: 10,
    graphs: 11,
    sparse_tensor: 22,
    sparse_tensors: 23
};
const TensorProto = { name: 8, external_data: 13, data_location: 14 };
/** TensorProto.DataLocation */
const DataLocation = { EXTERNAL: 1 };
const SparseTensorProto = { values: 1, indices: 2 };
const StringStringEntryProto = { key: 1, value: 2 };
const FunctionProto = { name: 1, node: 7, domain: 10, attribute_proto: 11 };
/** Domains whose operators every ONNX runtime implements from the specification. */
const STANDARD_ONNX_DOMAINS = new Set([
    '',
    'ai.onnx',
    'ai.onnx.ml',
    'ai.onnx.training',
    'ai.onnx.preview.training'
]);
/** Known but not standard: ONNX Runtime's built-in contrib operators, which need no custom-op library. */
const ONNX_CONTRIB_DOMAINS = new Set(['com.microsoft']);
function onnxDomainKind(domain) {
    if (STANDARD_ONNX_DOMAINS.has(domain))
        return 'standard';
    if (ONNX_CONTRIB_DOMAINS.has(domain))
        return 'contrib';
    return 'custom';
}
const onnx_DEFAULTS = {
    maxGraphDepth: 32,
    maxNodes: 5_000_000,
    maxExternal: 1000,
    maxHints: 100,
    maxProblems: 100
};
/**
 * Why an external-data `location` must not be resolved as given: the ONNX loader joins it to the model's
 * directory, so anything that escapes that directory reads an arbitrary file (CVE-2022-25882, and its
 * bypass CVE-2024-27318). Symlinks inside the directory cannot be seen from the model file alone.
 */
function externalPathProblems(location) {
    const out = [];
    if (location === '')
        out.push('empty location');
    if (location.includes('\0'))
        out.push('NUL byte in location');
    if (location.startsWith('/'))
        out.push('absolute path');
    if (/^[A-Za-z]:/.test(location))
        out.push('Windows drive letter');
    if (location.includes('\\'))
        out.push('backslash in location');
    if (/^[A-Za-z][A-Za-z0-9+.-]+:/.test(location))
        out.push('URL scheme');
    if (location.startsWith('~'))
        out.push('home-directory path');
    if (location.split(/[/\\]/).some((seg) => seg === '..'))
        out.push("'..' path segment");
    return out;
}
// Ops through which "derives from a model input" is followed: cheap element-wise, reduction and layout ops.
// Shape and Size are deliberately absent: their outputs are metadata, and following them flags every export.
const TRANSPARENT = new Set([
    'Identity',
    'Cast',
    'Slice',
    'Gather',
    'GatherElements',
    'Reshape',
    'Flatten',
    'Squeeze',
    'Unsqueeze',
    'Transpose',
    'ReduceSum',
    'ReduceMean',
    'ReduceMax',
    'ReduceMin',
    'ReduceProd',
    'ReduceL1',
    'ReduceL2',
    'ReduceSumSquare',
    'Abs',
    'Neg',
    'Sub',
    'Add',
    'Mul',
    'Div',
    'ArgMax',
    'ArgMin',
    'Concat',
    'Not',
    'And',
    'Or',
    'Xor'
]);
const onnx_COMPARE = new Set(['Equal', 'Greater', 'Less', 'GreaterOrEqual', 'LessOrEqual']);
class OnnxWalker extends ProtoWalker {
    limits;
    opCounts = new Map();
    opsetImports = [];
    functions = [];
    externalData = [];
    locations = new Set();
    externalDataTruncated = false;
    hints = [];
    values = new Map();
    nodeCount = 0;
    graphCount = 0;
    irVersion;
    producerName;
    producerVersion;
    constructor(limits) {
        super(limits.maxProblems ?? onnx_DEFAULTS.maxProblems);
        this.limits = { ...onnx_DEFAULTS, ...limits };
    }
    model(buf) {
        this.guard('ModelProto', () => {
            for (const f of fields(buf)) {
                switch (f.no) {
                    case ModelProto.ir_version:
                        this.irVersion = protobuf_int(f);
                        break;
                    case ModelProto.producer_name:
                        this.producerName = protobuf_str(f, 256);
                        break;
                    case ModelProto.producer_version:
                        this.producerVersion = protobuf_str(f, 256);
                        break;
                    case ModelProto.graph:
                        this.graph(sub(f), 'graph', 0, true);
                        break;
                    case ModelProto.opset_import:
                        this.guard('opset_import', () => this.opsetImports.push(this.opset(sub(f))));
                        break;
                    case ModelProto.training_info:
                        this.trainingInfo(sub(f));
                        break;
                    case ModelProto.functions:
                        this.func(sub(f));
                        break;
                }
            }
        });
    }
    opset(buf) {
        let domain = '';
        let version = 0;
        for (const f of fields(buf)) {
            if (f.no === OperatorSetIdProto.domain)
                domain = protobuf_str(f, 256);
            else if (f.no === OperatorSetIdProto.version)
                version = protobuf_int(f);
        }
        return { domain, version };
    }
    trainingInfo(buf) {
        this.guard('training_info', () => {
            for (const f of fields(buf)) {
                if (f.no === TrainingInfoProto.initialization)
                    this.graph(sub(f), 'training_info/initialization', 0, false);
                else if (f.no === TrainingInfoProto.algorithm)
                    this.graph(sub(f), 'training_info/algorithm', 0, false);
            }
        });
    }
    graph(buf, where, depth, isMain) {
        if (depth > this.limits.maxGraphDepth) {
            this.problem('DEPTH', `${where}: subgraphs nested deeper than ${this.limits.maxGraphDepth}`);
            return;
        }
        this.graphCount++;
        const nodes = [];
        const inputs = [];
        const constants = new Set();
        this.guard(where, () => {
            for (const f of fields(buf)) {
                switch (f.no) {
                    case GraphProto.node:
                        nodes.push(sub(f));
                        break;
                    case GraphProto.initializer: {
                        const name = this.tensor(sub(f), `${where}/initializer`);
                        if (name !== undefined)
                            constants.add(name);
                        break;
                    }
                    case GraphProto.input:
                        this.guard(`${where}/input`, () => {
                            for (const g of fields(sub(f)))
                                if (g.no === ValueInfoProto.name)
                                    inputs.push(protobuf_str(g));
                        });
                        break;
                    case GraphProto.sparse_initializer:
                        this.sparseTensor(sub(f), `${where}/sparse_initializer`, constants);
                        break;
                }
            }
        });
        for (const c of constants)
            this.values.set(c, { kind: 'const', constant: c });
        // Older IR versions list initializers among the inputs too; those are weights, not runtime inputs.
        if (isMain)
            for (const i of inputs)
                if (!constants.has(i))
                    this.values.set(i, { kind: 'input', input: i });
        for (const n of nodes)
            this.guard(`${where}/node`, () => this.node(n, where, depth));
    }
    node(buf, where, depth) {
        if (++this.nodeCount > this.limits.maxNodes) {
            throw new ProtoError('LIMIT', `more than ${this.limits.maxNodes} nodes`);
        }
        const n = { inputs: [], outputs: [], name: '', opType: '', domain: '', attrs: [] };
        for (const f of fields(buf)) {
            switch (f.no) {
                case NodeProto.input:
                    n.inputs.push(protobuf_str(f));
                    break;
                case NodeProto.output:
                    n.outputs.push(protobuf_str(f));
                    break;
                case NodeProto.name:
                    n.name = protobuf_str(f, 256);
                    break;
                case NodeProto.op_type:
                    n.opType = protobuf_str(f, 256);
                    break;
                case NodeProto.attribute:
                    n.attrs.push(f);
                    break;
                case NodeProto.domain:
                    n.domain = protobuf_str(f, 256);
                    break;
            }
        }
        const key = `${n.domain}\0${n.opType}`;
        const entry = this.opCounts.get(key);
        if (entry)
            entry.count++;
        else
            this.opCounts.set(key, { domain: n.domain, opType: n.opType, count: 1 });
        const label = n.name || `${n.opType}#${this.nodeCount}`;
        for (const a of n.attrs)
            this.attribute(sub(a), `${where}/${label}`, depth);
        this.trackValues(n, where, label);
    }
    attribute(buf, where, depth) {
        this.guard(`${where}/attribute`, () => {
            let name = '';
            const graphs = [];
            for (const f of fields(buf)) {
                switch (f.no) {
                    case AttributeProto.name:
                        name = protobuf_str(f, 256);
                        break;
                    case AttributeProto.t:
                    case AttributeProto.tensors:
                        this.tensor(sub(f), `${where}/attribute`);
                        break;
                    case AttributeProto.g:
                    case AttributeProto.graphs:
                        graphs.push(sub(f));
                        break;
                    case AttributeProto.sparse_tensor:
                    case AttributeProto.sparse_tensors:
                        this.sparseTensor(sub(f), `${where}/attribute`);
                        break;
                }
            }
            graphs.forEach((g, i) => this.graph(g, `${where}.${name || 'attribute'}${graphs.length > 1 ? `[${i}]` : ''}`, depth + 1, false));
        });
    }
    /** The tensor's name; records it when its data lives in an external file. */
    tensor(buf, where) {
        let name;
        this.guard(where, () => {
            let external = false;
            let location;
            let offset;
            let length;
            for (const f of fields(buf)) {
                if (f.no === TensorProto.name)
                    name = protobuf_str(f);
                else if (f.no === TensorProto.data_location)
                    external ||= protobuf_int(f) === DataLocation.EXTERNAL;
                else if (f.no === TensorProto.external_data) {
                    external = true;
                    let key = '';
                    let value = '';
                    for (const g of fields(sub(f))) {
                        if (g.no === StringStringEntryProto.key)
                            key = protobuf_str(g, 256);
                        else if (g.no === StringStringEntryProto.value)
                            value = protobuf_str(g);
                    }
                    if (key === 'location')
                        location = value;
                    else if (key === 'offset')
                        offset = value.slice(0, 100);
                    else if (key === 'length')
                        length = value.slice(0, 100);
                }
            }
            if (!external)
                return;
            if (location !== undefined && this.locations.size < this.limits.maxExternal)
                this.locations.add(location);
            if (this.externalData.length >= this.limits.maxExternal) {
                this.externalDataTruncated = true;
                return;
            }
            const problems = location === undefined ? ['tensor is external but has no location'] : [];
            this.externalData.push({
                tensor: name ?? '',
                location: location ?? '',
                where,
                problems: [...problems, ...(location === undefined ? [] : externalPathProblems(location))],
                ...(offset !== undefined && { offset }),
                ...(length !== undefined && { length })
            });
        });
        return name;
    }
    sparseTensor(buf, where, constants) {
        this.guard(where, () => {
            for (const f of fields(buf)) {
                if (f.no === SparseTensorProto.values) {
                    const name = this.tensor(sub(f), where);
                    if (name !== undefined)
                        constants?.add(name);
                }
                else if (f.no === SparseTensorProto.indices)
                    this.tensor(sub(f), where);
            }
        });
    }
    func(buf) {
        this.guard('FunctionProto', () => {
            let name = '';
            let domain = '';
            const nodes = [];
            const attrs = [];
            for (const f of fields(buf)) {
                if (f.no === FunctionProto.name)
                    name = protobuf_str(f, 256);
                else if (f.no === FunctionProto.domain)
                    domain = protobuf_str(f, 256);
                else if (f.no === FunctionProto.node)
                    nodes.push(sub(f));
                else if (f.no === FunctionProto.attribute_proto)
                    attrs.push(sub(f));
            }
            const where = `function:${domain}.${name}`;
            this.functions.push({ domain, name, nodeCount: nodes.length });
            for (const a of attrs)
                this.attribute(a, where, 0);
            for (const n of nodes)
                this.guard(`${where}/node`, () => this.node(n, where, 0));
        });
    }
    /*
     * The backdoor heuristic: value provenance is tracked by name in node order (ONNX graphs are topologically
     * sorted), through the TRANSPARENT ops only. It sees a trigger built as compare(input-derived, constant)
     * feeding If/Where, or an Equal of an input-derived value with a constant. It does not see triggers built
     * through other ops (Conv, MatMul, Loop bodies, custom ops), constants computed at run time, or names shadowed
     * inside subgraphs; and ordinary patterns (attention masks compared with 0) also match. Advisory only.
     */
    trackValues(n, where, label) {
        const infos = n.inputs.map((i) => (i === '' ? undefined : this.values.get(i)));
        const fromInput = infos.find((v) => v?.kind === 'input' || v?.kind === 'derived');
        const constant = infos.find((v) => v?.kind === 'const');
        const standard = STANDARD_ONNX_DOMAINS.has(n.domain);
        if (standard && n.opType === 'Constant') {
            for (const o of n.outputs)
                this.values.set(o, { kind: 'const', constant: o });
            return;
        }
        if (standard && onnx_COMPARE.has(n.opType) && fromInput?.input !== undefined && constant) {
            for (const o of n.outputs) {
                this.values.set(o, { kind: 'compare', input: fromInput.input, constant: constant.constant });
            }
            if (n.opType === 'Equal') {
                this.hint({
                    where,
                    node: label,
                    opType: n.opType,
                    input: fromInput.input,
                    constant: constant.constant,
                    reason: `compares graph input '${fromInput.input}' with constant '${constant.constant}'`
                });
            }
            return;
        }
        if (standard && (n.opType === 'If' || n.opType === 'Where')) {
            const cond = infos[0];
            if (cond?.input !== undefined && (cond.kind === 'compare' || cond.kind === 'input')) {
                this.hint({
                    where,
                    node: label,
                    opType: n.opType,
                    input: cond.input,
                    ...(cond.constant !== undefined ? { constant: cond.constant } : {}),
                    reason: cond.kind === 'compare'
                        ? `condition compares graph input '${cond.input}' with constant '${cond.constant}'`
                        : `condition is graph input '${cond.input}'`
                });
            }
            return;
        }
        if (standard && TRANSPARENT.has(n.opType)) {
            const compare = infos.find((v) => v?.kind === 'compare');
            const keepsCompare = ['Identity', 'Cast', 'Not', 'And', 'Or', 'Xor', 'Reshape', 'Squeeze', 'Unsqueeze'];
            if (compare && keepsCompare.includes(n.opType)) {
                for (const o of n.outputs)
                    this.values.set(o, compare);
            }
            else if (fromInput?.input !== undefined) {
                for (const o of n.outputs)
                    this.values.set(o, { kind: 'derived', input: fromInput.input });
            }
            else if (infos.length > 0 && infos.every((v) => v?.kind === 'const')) {
                // Folding constants through layout ops (Reshape of an initializer) keeps them constants.
                for (const o of n.outputs)
                    this.values.set(o, { kind: 'const', constant: infos[0].constant });
            }
        }
    }
    hint(h) {
        if (this.hints.length < this.limits.maxHints)
            this.hints.push(h);
    }
    report() {
        const localFns = new Set(this.functions.map((f) => `${f.domain}\0${f.name}`));
        const operators = [...this.opCounts.entries()]
            .map(([key, v]) => ({
            domain: v.domain,
            opType: v.opType,
            count: v.count,
            domainKind: onnxDomainKind(v.domain),
            localFunction: localFns.has(key)
        }))
            .sort((a, b) => (a.domain === b.domain ? cmp(a.opType, b.opType) : cmp(a.domain, b.domain)));
        const custom = new Set();
        const contrib = new Set();
        for (const op of operators) {
            if (op.localFunction)
                continue;
            if (op.domainKind === 'custom')
                custom.add(op.domain);
            else if (op.domainKind === 'contrib')
                contrib.add(op.domain);
        }
        return {
            ...(this.irVersion !== undefined ? { irVersion: this.irVersion } : {}),
            ...(this.producerName !== undefined ? { producerName: this.producerName } : {}),
            ...(this.producerVersion !== undefined ? { producerVersion: this.producerVersion } : {}),
            opsetImports: this.opsetImports,
            operators,
            nodeCount: this.nodeCount,
            graphCount: this.graphCount,
            functions: this.functions,
            customDomains: [...custom].sort(cmp),
            contribDomains: [...contrib].sort(cmp),
            externalData: [...this.locations],
            externalTensors: this.externalData,
            externalDataTruncated: this.externalDataTruncated,
            backdoorHints: this.hints,
            problems: this.problems
        };
    }
}
function cmp(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/**
 * Inspects an ONNX model held in memory. Pure and synchronous: malformed input becomes `problems`
 * (TRUNCATED, BAD_WIRE, DEPTH, LIMIT) next to whatever was read before the fault; it never throws for bad
 * input. A caller should treat any problem as "could not be fully inspected".
 */
function inspectOnnx(buf, limits = {}) {
    const w = new OnnxWalker(limits);
    try {
        w.model(buf);
    }
    catch (e) {
        if (!(e instanceof ProtoLimitReached))
            throw e;
    }
    if (buf.length === 0)
        w.problem('TRUNCATED', 'empty file');
    else if (w.graphCount === 0 && w.problems.length === 0)
        w.problem('BAD_WIRE', 'not an ONNX model: it has no graph');
    return w.report();
}

;// CONCATENATED MODULE: ./src/engine/formats/savedmodel.ts

/*
 * Static inspection of TensorFlow SavedModel protobufs. Nothing is executed or imported; a NodeDef's op name is
 * only looked up in the tables below.
 */
// Field numbers, checked against tensorflow/tensorflow; only the fields the walker reads.
/** tensorflow/core/protobuf/saved_model.proto */
const SavedModel = { saved_model_schema_version: 1, meta_graphs: 2 };
/** tensorflow/core/protobuf/meta_graph.proto */
const MetaGraphDef = { graph_def: 2 };
/** tensorflow/core/framework/graph.proto */
const GraphDef = { node: 1, library: 2 };
/** tensorflow/core/framework/node_def.proto (attr is a map<string, AttrValue>: entries of MapEntry) */
const NodeDef = { name: 1, op: 2, attr: 5 };
/** tensorflow/core/framework/function.proto */
const FunctionDefLibrary = { function: 1 };
const FunctionDef = { signature: 1, node_def: 3 };
/** tensorflow/core/framework/op_def.proto */
const OpDef = { name: 1 };
/** How protobuf encodes an entry of a map field. */
const MapEntry = { key: 1, value: 2 };
/**
 * tensorflow/core/framework/attr_value.proto: from copies of the schema quoted by third parties, consistent
 * with each other
 */
const AttrValue = { s: 2 };
/** tensorflow/python/keras/protobuf/saved_metadata.proto */
const SavedMetadata = { nodes: 1 };
const SavedObject = { node_id: 2, node_path: 3, identifier: 4, metadata: 5 };
const PY = 'runs a Python callable in the loading process';
const FILE_READ = 'reads files named by its inputs or attributes';
const FILE_WRITE = 'writes files named by its inputs or attributes';
const CKPT = 'checkpoint I/O at a path given at run time';
const DEBUG = 'debug op: its debug_urls attribute may name file:// or grpc:// targets';
const SUMMARY = 'summary writer: writes event files or a database';
const DATASET = 'tf.data source or sink that reads or writes files';
function table(entries) {
    return new Map(Object.entries(entries));
}
/**
 * Ops with effects beyond computing tensors. Sources: the op list of tf.raw_ops (see TF_KNOWN_OPS) read for
 * I/O, and modelscan's policy (ReadFile and WriteFile as high). `PyCall` exists in no TensorFlow op registry
 * we could find, so it is not listed; DecodeJSONExample only parses strings and is not listed either.
 */
const TF_UNSAFE_OP_INFO = table({
    PyFunc: { severity: 'critical', reason: PY },
    PyFuncStateless: { severity: 'critical', reason: PY },
    EagerPyFunc: { severity: 'critical', reason: PY },
    ReadFile: { severity: 'high', reason: FILE_READ },
    WriteFile: { severity: 'high', reason: FILE_WRITE },
    MatchingFiles: { severity: 'high', reason: 'lists files matching a glob' },
    MatchingFilesDataset: { severity: 'high', reason: 'lists files matching a glob' },
    ExperimentalMatchingFilesDataset: { severity: 'high', reason: 'lists files matching a glob' },
    ImmutableConst: { severity: 'high', reason: 'memory-maps a file region named by an attribute' },
    FileSystemSetConfiguration: { severity: 'high', reason: 'changes file-system configuration' },
    LoadAndRemapMatrix: { severity: 'high', reason: 'reads a checkpoint at a path given at run time' },
    InitializeTableFromTextFile: {
        severity: 'high',
        reason: 'reads a vocabulary file (normally a SavedModel asset)'
    },
    InitializeTableFromTextFileV2: {
        severity: 'high',
        reason: 'reads a vocabulary file (normally a SavedModel asset)'
    },
    GenerateVocabRemapping: { severity: 'high', reason: 'reads vocabulary files' },
    FixedUnigramCandidateSampler: {
        severity: 'high',
        reason: 'may read the vocabulary file named by vocab_file'
    },
    DecodeProtoV2: { severity: 'high', reason: 'its descriptor_source attribute may name a file to read' },
    EncodeProto: { severity: 'high', reason: 'its descriptor_source attribute may name a file to read' },
    RemoteCall: { severity: 'high', reason: 'runs a function on a remote target' },
    Save: { severity: 'high', reason: CKPT, checkpoint: true },
    SaveV2: { severity: 'high', reason: CKPT, checkpoint: true },
    SaveSlices: { severity: 'high', reason: CKPT, checkpoint: true },
    Restore: { severity: 'high', reason: CKPT, checkpoint: true },
    RestoreV2: { severity: 'high', reason: CKPT, checkpoint: true },
    RestoreSlice: { severity: 'high', reason: CKPT, checkpoint: true },
    MergeV2Checkpoints: {
        severity: 'high',
        reason: 'merges checkpoint files and may delete directories',
        checkpoint: true
    },
    // These only format file names; they are listed because they travel with the checkpoint ops above.
    ShardedFilename: {
        severity: 'low',
        reason: 'formats checkpoint file names (no I/O itself)',
        checkpoint: true
    },
    ShardedFilespec: {
        severity: 'low',
        reason: 'formats checkpoint file names (no I/O itself)',
        checkpoint: true
    },
    DebugIdentity: { severity: 'high', reason: DEBUG },
    DebugIdentityV2: { severity: 'high', reason: DEBUG },
    DebugIdentityV3: { severity: 'high', reason: DEBUG },
    DebugNanCount: { severity: 'high', reason: DEBUG },
    DebugNumericSummary: { severity: 'high', reason: DEBUG },
    DebugNumericSummaryV2: { severity: 'high', reason: DEBUG },
    SummaryWriter: { severity: 'high', reason: SUMMARY },
    CreateSummaryFileWriter: { severity: 'high', reason: SUMMARY },
    CreateSummaryDbWriter: { severity: 'high', reason: SUMMARY },
    WriteSummary: { severity: 'high', reason: SUMMARY },
    WriteScalarSummary: { severity: 'high', reason: SUMMARY },
    WriteHistogramSummary: { severity: 'high', reason: SUMMARY },
    WriteImageSummary: { severity: 'high', reason: SUMMARY },
    WriteAudioSummary: { severity: 'high', reason: SUMMARY },
    WriteGraphSummary: { severity: 'high', reason: SUMMARY },
    WriteRawProtoSummary: { severity: 'high', reason: SUMMARY },
    ImportEvent: { severity: 'high', reason: SUMMARY },
    FlushSummaryWriter: { severity: 'high', reason: SUMMARY },
    CloseSummaryWriter: { severity: 'low', reason: 'closes a summary writer' },
    StatsAggregatorSetSummaryWriter: { severity: 'high', reason: SUMMARY },
    TFRecordDataset: { severity: 'high', reason: DATASET },
    TFRecordDatasetV2: { severity: 'high', reason: DATASET },
    FixedLengthRecordDataset: { severity: 'high', reason: DATASET },
    FixedLengthRecordDatasetV2: { severity: 'high', reason: DATASET },
    TextLineDataset: { severity: 'high', reason: DATASET },
    CSVDataset: { severity: 'high', reason: DATASET },
    CSVDatasetV2: { severity: 'high', reason: DATASET },
    ExperimentalCSVDataset: { severity: 'high', reason: DATASET },
    LMDBDataset: { severity: 'high', reason: DATASET },
    ExperimentalLMDBDataset: { severity: 'high', reason: DATASET },
    SqlDataset: { severity: 'high', reason: 'queries a database' },
    ExperimentalSqlDataset: { severity: 'high', reason: 'queries a database' },
    CacheDataset: { severity: 'high', reason: 'writes a cache file when given a file name' },
    CacheDatasetV2: { severity: 'high', reason: 'writes a cache file when given a file name' },
    SnapshotDataset: { severity: 'high', reason: DATASET },
    SnapshotDatasetV2: { severity: 'high', reason: DATASET },
    SnapshotDatasetReader: { severity: 'high', reason: DATASET },
    SnapshotNestedDatasetReader: { severity: 'high', reason: DATASET },
    SnapshotChunkDataset: { severity: 'high', reason: DATASET },
    SaveDataset: { severity: 'high', reason: DATASET },
    SaveDatasetV2: { severity: 'high', reason: DATASET },
    LoadDataset: { severity: 'high', reason: DATASET },
    DistributedSave: { severity: 'high', reason: DATASET },
    DatasetToTFRecord: { severity: 'high', reason: DATASET },
    ExperimentalDatasetToTFRecord: { severity: 'high', reason: DATASET },
    DataServiceDataset: { severity: 'high', reason: 'reads from a tf.data service over the network' },
    DataServiceDatasetV2: { severity: 'high', reason: 'reads from a tf.data service over the network' },
    DataServiceDatasetV3: { severity: 'high', reason: 'reads from a tf.data service over the network' },
    DataServiceDatasetV4: { severity: 'high', reason: 'reads from a tf.data service over the network' },
    RegisterDataset: { severity: 'high', reason: 'registers with a tf.data service over the network' },
    RegisterDatasetV2: { severity: 'high', reason: 'registers with a tf.data service over the network' },
    WholeFileReader: { severity: 'high', reason: FILE_READ },
    WholeFileReaderV2: { severity: 'high', reason: FILE_READ },
    TextLineReader: { severity: 'high', reason: FILE_READ },
    TextLineReaderV2: { severity: 'high', reason: FILE_READ },
    TFRecordReader: { severity: 'high', reason: FILE_READ },
    TFRecordReaderV2: { severity: 'high', reason: FILE_READ },
    FixedLengthRecordReader: { severity: 'high', reason: FILE_READ },
    FixedLengthRecordReaderV2: { severity: 'high', reason: FILE_READ },
    LMDBReader: { severity: 'high', reason: FILE_READ },
    RecordInput: { severity: 'high', reason: FILE_READ },
    Print: { severity: 'low', reason: 'writes to standard error' },
    PrintV2: {
        severity: 'low',
        reason: 'writes to a stream named by output_stream (a file:// target is reported as high)'
    },
    Abort: { severity: 'low', reason: 'terminates the process' }
});
/**
 * Every op of tf.raw_ops: the union of tensorflow/tensorflow `tensorflow/tools/api/golden/v2/tensorflow.raw_ops.pbtxt`
 * (an older TF 2.x golden, whose op names are all listed) and the tf.raw_ops index of a later TF 2.x API
 * documentation (a copy of the `tf/raw_ops.md` reference page), 1430 names. modelscan treats ops outside
 * tf.raw_ops as medium risk; this is the same test. XLA-only ops (XlaCallModule, …) are not in tf.raw_ops and
 * are therefore unknown here.
 */
const RAW_OPS = `
Abort Abs AccumulateNV2 AccumulatorApplyGradient AccumulatorNumAccumulated AccumulatorSetGlobalStep
AccumulatorTakeGradient Acos Acosh Add AddManySparseToTensorsMap AddN AddSparseToTensorsMap AddV2
AdjustContrast AdjustContrastv2 AdjustHue AdjustSaturation All AllCandidateSampler AllToAll Angle
AnonymousHashTable AnonymousIterator AnonymousIteratorV2 AnonymousIteratorV3 AnonymousMemoryCache
AnonymousMultiDeviceIterator AnonymousMultiDeviceIteratorV3 AnonymousMutableDenseHashTable
AnonymousMutableHashTable AnonymousMutableHashTableOfTensors AnonymousRandomSeedGenerator
AnonymousSeedGenerator Any ApplyAdaMax ApplyAdadelta ApplyAdagrad ApplyAdagradDA ApplyAdagradV2
ApplyAdam ApplyAddSign ApplyCenteredRMSProp ApplyFtrl ApplyFtrlV2 ApplyGradientDescent ApplyMomentum
ApplyPowerSign ApplyProximalAdagrad ApplyProximalGradientDescent ApplyRMSProp ApproxTopK
ApproximateEqual ArgMax ArgMin AsString Asin Asinh Assert AssertCardinalityDataset AssertNextDataset
AssertPrevDataset Assign AssignAdd AssignAddVariableOp AssignSub AssignSubVariableOp AssignVariableOp
AssignVariableXlaConcatND Atan Atan2 Atanh AudioSpectrogram AudioSummary AudioSummaryV2 AutoShardDataset
AvgPool AvgPool3D AvgPool3DGrad AvgPoolGrad BandedTriangularSolve Barrier BarrierClose
BarrierIncompleteSize BarrierInsertMany BarrierReadySize BarrierTakeMany Batch BatchCholesky
BatchCholeskyGrad BatchDataset BatchDatasetV2 BatchFFT BatchFFT2D BatchFFT3D BatchFunction BatchIFFT
BatchIFFT2D BatchIFFT3D BatchMatMul BatchMatMulV2 BatchMatMulV3 BatchMatrixBandPart
BatchMatrixDeterminant BatchMatrixDiag BatchMatrixDiagPart BatchMatrixInverse BatchMatrixSetDiag
BatchMatrixSolve BatchMatrixSolveLs BatchMatrixTriangularSolve BatchNormWithGlobalNormalization
BatchNormWithGlobalNormalizationGrad BatchSelfAdjointEig BatchSelfAdjointEigV2 BatchSvd BatchToSpace
BatchToSpaceND BesselI0 BesselI0e BesselI1 BesselI1e BesselJ0 BesselJ1 BesselK0 BesselK0e BesselK1
BesselK1e BesselY0 BesselY1 Betainc BiasAdd BiasAddGrad BiasAddV1 Bincount Bitcast BitwiseAnd BitwiseOr
BitwiseXor BlockLSTM BlockLSTMGrad BlockLSTMGradV2 BlockLSTMV2 BoostedTreesAggregateStats
BoostedTreesBucketize BoostedTreesCalculateBestFeatureSplit BoostedTreesCalculateBestFeatureSplitV2
BoostedTreesCalculateBestGainsPerFeature BoostedTreesCenterBias BoostedTreesCreateEnsemble
BoostedTreesCreateQuantileStreamResource BoostedTreesDeserializeEnsemble
BoostedTreesEnsembleResourceHandleOp BoostedTreesExampleDebugOutputs BoostedTreesFlushQuantileSummaries
BoostedTreesGetEnsembleStates BoostedTreesMakeQuantileSummaries BoostedTreesMakeStatsSummary
BoostedTreesPredict BoostedTreesQuantileStreamResourceAddSummaries
BoostedTreesQuantileStreamResourceDeserialize BoostedTreesQuantileStreamResourceFlush
BoostedTreesQuantileStreamResourceGetBucketBoundaries BoostedTreesQuantileStreamResourceHandleOp
BoostedTreesSerializeEnsemble BoostedTreesSparseAggregateStats
BoostedTreesSparseCalculateBestFeatureSplit BoostedTreesTrainingPredict BoostedTreesUpdateEnsemble
BoostedTreesUpdateEnsembleV2 BroadcastArgs BroadcastGradientArgs BroadcastTo Bucketize
BytesProducedStatsDataset CSRSparseMatrixComponents CSRSparseMatrixToDense CSRSparseMatrixToSparseTensor
CSVDataset CSVDatasetV2 CTCBeamSearchDecoder CTCGreedyDecoder CTCLoss CTCLossV2 CacheDataset
CacheDatasetV2 Case Cast Ceil CheckNumerics CheckNumericsV2 Cholesky CholeskyGrad
ChooseFastestBranchDataset ChooseFastestDataset ClipByValue CloseSummaryWriter CollectiveAllToAllV2
CollectiveAllToAllV3 CollectiveAssignGroupV2 CollectiveBcastRecv CollectiveBcastRecvV2
CollectiveBcastSend CollectiveBcastSendV2 CollectiveGather CollectiveGatherV2
CollectiveInitializeCommunicator CollectivePermute CollectiveReduce CollectiveReduceScatterV2
CollectiveReduceV2 CollectiveReduceV3 CombinedNonMaxSuppression CompareAndBitpack Complex ComplexAbs
CompositeTensorVariantFromComponents CompositeTensorVariantToComponents CompressElement
ComputeAccidentalHits ComputeBatchSize Concat ConcatOffset ConcatV2 ConcatenateDataset
ConditionalAccumulator ConfigureDistributedTPU ConfigureTPUEmbedding Conj ConjugateTranspose Const
ConsumeMutexLock ControlTrigger Conv Conv2D Conv2DBackpropFilter Conv2DBackpropFilterV2
Conv2DBackpropInput Conv2DBackpropInputV2 Conv3D Conv3DBackpropFilter Conv3DBackpropFilterV2
Conv3DBackpropInput Conv3DBackpropInputV2 Copy CopyHost Cos Cosh CountUpTo CreateSummaryDbWriter
CreateSummaryFileWriter CropAndResize CropAndResizeGradBoxes CropAndResizeGradImage Cross
CrossReplicaSum CudnnRNN CudnnRNNBackprop CudnnRNNBackpropV2 CudnnRNNBackpropV3
CudnnRNNCanonicalToParams CudnnRNNCanonicalToParamsV2 CudnnRNNParamsSize CudnnRNNParamsToCanonical
CudnnRNNParamsToCanonicalV2 CudnnRNNV2 CudnnRNNV3 Cumprod Cumsum CumulativeLogsumexp DataFormatDimMap
DataFormatVecPermute DataServiceDataset DataServiceDatasetV2 DataServiceDatasetV3 DataServiceDatasetV4
DatasetCardinality DatasetFromGraph DatasetToGraph DatasetToGraphV2 DatasetToSingleElement
DatasetToTFRecord Dawsn DebugGradientIdentity DebugGradientRefIdentity DebugIdentity DebugIdentityV2
DebugIdentityV3 DebugNanCount DebugNumericSummary DebugNumericSummaryV2 DecodeAndCropJpeg DecodeBase64
DecodeBmp DecodeCSV DecodeCompressed DecodeGif DecodeImage DecodeJSONExample DecodeJpeg DecodePaddedRaw
DecodePng DecodeProtoV2 DecodeRaw DecodeWav DeepCopy DeleteIterator DeleteMemoryCache
DeleteMultiDeviceIterator DeleteRandomSeedGenerator DeleteSeedGenerator DeleteSessionTensor
DenseBincount DenseCountSparseOutput DenseToCSRSparseMatrix DenseToDenseSetOperation
DenseToSparseBatchDataset DenseToSparseSetOperation DepthToSpace DepthwiseConv2dNative
DepthwiseConv2dNativeBackpropFilter DepthwiseConv2dNativeBackpropInput Dequantize DeserializeIterator
DeserializeManySparse DeserializeSparse DestroyResourceOp DestroyTemporaryVariable DeviceIndex Diag
DiagPart Digamma Dilation2D Dilation2DBackpropFilter Dilation2DBackpropInput DirectedInterleaveDataset
DisableCopyOnRead DistributedSave Div DivNoNan DrawBoundingBoxes DrawBoundingBoxesV2
DummyIterationCounter DummyMemoryCache DummySeedGenerator DynamicEnqueueTPUEmbeddingArbitraryTensorBatch
DynamicEnqueueTPUEmbeddingRaggedTensorBatch DynamicPartition DynamicStitch EagerPyFunc EditDistance Eig
Einsum Elu EluGrad Empty EmptyTensorList EmptyTensorMap EncodeBase64 EncodeJpeg
EncodeJpegVariableQuality EncodePng EncodeProto EncodeWav EnqueueTPUEmbeddingArbitraryTensorBatch
EnqueueTPUEmbeddingIntegerBatch EnqueueTPUEmbeddingRaggedTensorBatch EnqueueTPUEmbeddingSparseBatch
EnqueueTPUEmbeddingSparseTensorBatch EnsureShape Enter Equal Erf Erfc Erfinv EuclideanNorm Exit Exp
ExpandDims ExperimentalAssertNextDataset ExperimentalAutoShardDataset
ExperimentalBytesProducedStatsDataset ExperimentalCSVDataset ExperimentalChooseFastestDataset
ExperimentalDatasetCardinality ExperimentalDatasetToTFRecord ExperimentalDenseToSparseBatchDataset
ExperimentalDirectedInterleaveDataset ExperimentalGroupByReducerDataset ExperimentalGroupByWindowDataset
ExperimentalIgnoreErrorsDataset ExperimentalIteratorGetDevice ExperimentalLMDBDataset
ExperimentalLatencyStatsDataset ExperimentalMapAndBatchDataset ExperimentalMapDataset
ExperimentalMatchingFilesDataset ExperimentalMaxIntraOpParallelismDataset
ExperimentalNonSerializableDataset ExperimentalParallelInterleaveDataset ExperimentalParseExampleDataset
ExperimentalPrivateThreadPoolDataset ExperimentalRandomDataset ExperimentalRebatchDataset
ExperimentalScanDataset ExperimentalSetStatsAggregatorDataset ExperimentalSleepDataset
ExperimentalSlidingWindowDataset ExperimentalSqlDataset ExperimentalStatsAggregatorHandle
ExperimentalStatsAggregatorSummary ExperimentalTakeWhileDataset ExperimentalThreadPoolDataset
ExperimentalThreadPoolHandle ExperimentalUnbatchDataset ExperimentalUniqueDataset Expint Expm1
ExtractGlimpse ExtractGlimpseV2 ExtractImagePatches ExtractJpegShape ExtractVolumePatches FFT FFT2D
FFT3D FFTND FIFOQueue FIFOQueueV2 Fact FakeParam FakeQuantWithMinMaxArgs FakeQuantWithMinMaxArgsGradient
FakeQuantWithMinMaxVars FakeQuantWithMinMaxVarsGradient FakeQuantWithMinMaxVarsPerChannel
FakeQuantWithMinMaxVarsPerChannelGradient FakeQueue FileSystemSetConfiguration Fill
FilterByLastComponentDataset FilterDataset FinalizeDataset Fingerprint FixedLengthRecordDataset
FixedLengthRecordDatasetV2 FixedLengthRecordReader FixedLengthRecordReaderV2
FixedUnigramCandidateSampler FlatMapDataset Floor FloorDiv FloorMod FlushSummaryWriter For
FractionalAvgPool FractionalAvgPoolGrad FractionalMaxPool FractionalMaxPoolGrad FresnelCos FresnelSin
FusedBatchNorm FusedBatchNormGrad FusedBatchNormGradV2 FusedBatchNormGradV3 FusedBatchNormV2
FusedBatchNormV3 FusedPadConv2D FusedResizeAndPadConv2D GRUBlockCell GRUBlockCellGrad Gather GatherNd
GatherV2 GenerateBoundingBoxProposals GenerateVocabRemapping GeneratorDataset GetElementAtIndex
GetOptions GetSessionHandle GetSessionHandleV2 GetSessionTensor Greater GreaterEqual
GroupByReducerDataset GroupByWindowDataset GuaranteeConst HSVToRGB HashTable HashTableV2
HistogramFixedWidth HistogramSummary IFFT IFFT2D IFFT3D IFFTND IRFFT IRFFT2D IRFFT3D IRFFTND Identity
IdentityN IdentityReader IdentityReaderV2 If Igamma IgammaGradA Igammac IgnoreErrorsDataset Imag
ImageProjectiveTransformV2 ImageProjectiveTransformV3 ImageSummary ImmutableConst ImportEvent InTopK
InTopKV2 InfeedDequeue InfeedDequeueTuple InfeedEnqueue InfeedEnqueuePrelinearizedBuffer
InfeedEnqueueTuple InitializeTable InitializeTableFromDataset InitializeTableFromTextFile
InitializeTableFromTextFileV2 InitializeTableV2 InplaceAdd InplaceSub InplaceUpdate InterleaveDataset
Inv InvGrad Invert InvertPermutation IsBoostedTreesEnsembleInitialized
IsBoostedTreesQuantileStreamResourceInitialized IsFinite IsInf IsNan IsTPUEmbeddingInitialized
IsVariableInitialized IsotonicRegression Iterator IteratorFromStringHandle IteratorFromStringHandleV2
IteratorGetDevice IteratorGetNext IteratorGetNextAsOptional IteratorGetNextSync IteratorToStringHandle
IteratorV2 KMC2ChainInitialization KmeansPlusPlusInitialization L2Loss LMDBDataset LMDBReader LRN
LRNGrad LSTMBlockCell LSTMBlockCellGrad LatencyStatsDataset LeakyRelu LeakyReluGrad
LearnedUnigramCandidateSampler LeftShift LegacyParallelInterleaveDatasetV2 Less LessEqual Lgamma
LinSpace ListDataset ListDiff LoadAndRemapMatrix LoadDataset LoadTPUEmbeddingADAMParameters
LoadTPUEmbeddingADAMParametersGradAccumDebug LoadTPUEmbeddingAdadeltaParameters
LoadTPUEmbeddingAdadeltaParametersGradAccumDebug LoadTPUEmbeddingAdagradMomentumParameters
LoadTPUEmbeddingAdagradParameters LoadTPUEmbeddingAdagradParametersGradAccumDebug
LoadTPUEmbeddingCenteredRMSPropParameters LoadTPUEmbeddingFTRLParameters
LoadTPUEmbeddingFTRLParametersGradAccumDebug LoadTPUEmbeddingFrequencyEstimatorParameters
LoadTPUEmbeddingMDLAdagradLightParameters LoadTPUEmbeddingMomentumParameters
LoadTPUEmbeddingMomentumParametersGradAccumDebug LoadTPUEmbeddingProximalAdagradParameters
LoadTPUEmbeddingProximalAdagradParametersGradAccumDebug LoadTPUEmbeddingProximalYogiParameters
LoadTPUEmbeddingRMSPropParameters LoadTPUEmbeddingRMSPropParametersGradAccumDebug
LoadTPUEmbeddingStochasticGradientDescentParameters Log Log1p LogMatrixDeterminant LogSoftmax
LogUniformCandidateSampler LogicalAnd LogicalNot LogicalOr LookupTableExport LookupTableExportV2
LookupTableFind LookupTableFindV2 LookupTableImport LookupTableImportV2 LookupTableInsert
LookupTableInsertV2 LookupTableRemoveV2 LookupTableSize LookupTableSizeV2 LoopCond LowerBound Lu
MakeIterator MapAndBatchDataset MapClear MapDataset MapDefun MapIncompleteSize MapPeek MapSize MapStage
MapUnstage MapUnstageNoKey MatMul MatchingFiles MatchingFilesDataset MatrixBandPart MatrixDeterminant
MatrixDiag MatrixDiagPart MatrixDiagPartV2 MatrixDiagPartV3 MatrixDiagV2 MatrixDiagV3 MatrixExponential
MatrixInverse MatrixLogarithm MatrixSetDiag MatrixSetDiagV2 MatrixSetDiagV3 MatrixSolve MatrixSolveLs
MatrixSquareRoot MatrixTriangularSolve Max MaxIntraOpParallelismDataset MaxPool MaxPool3D MaxPool3DGrad
MaxPool3DGradGrad MaxPoolGrad MaxPoolGradGrad MaxPoolGradGradV2 MaxPoolGradGradWithArgmax MaxPoolGradV2
MaxPoolGradWithArgmax MaxPoolV2 MaxPoolWithArgmax Maximum Mean Merge MergeSummary MergeV2Checkpoints
Mfcc Min Minimum MirrorPad MirrorPadGrad Mod ModelDataset Mul MulNoNan MultiDeviceIterator
MultiDeviceIteratorFromStringHandle MultiDeviceIteratorGetNextFromShard MultiDeviceIteratorInit
MultiDeviceIteratorToStringHandle Multinomial MutableDenseHashTable MutableDenseHashTableV2
MutableHashTable MutableHashTableOfTensors MutableHashTableOfTensorsV2 MutableHashTableV2 MutexLock
MutexV2 NcclAllReduce NcclBroadcast NcclReduce Ndtri NearestNeighbors Neg NextAfter NextIteration NoOp
NonDeterministicInts NonMaxSuppression NonMaxSuppressionV2 NonMaxSuppressionV3 NonMaxSuppressionV4
NonMaxSuppressionV5 NonMaxSuppressionWithOverlaps NonSerializableDataset NotEqual NthElement OneHot
OneShotIterator OnesLike OptimizeDataset OptimizeDatasetV2 OptionalFromValue OptionalGetValue
OptionalHasValue OptionalNone OptionsDataset OrderedMapClear OrderedMapIncompleteSize OrderedMapPeek
OrderedMapSize OrderedMapStage OrderedMapUnstage OrderedMapUnstageNoKey OutfeedDequeue
OutfeedDequeueTuple OutfeedDequeueTupleV2 OutfeedDequeueV2 OutfeedEnqueue OutfeedEnqueueTuple Pack Pad
PadV2 PaddedBatchDataset PaddedBatchDatasetV2 PaddingFIFOQueue PaddingFIFOQueueV2 ParallelBatchDataset
ParallelConcat ParallelDynamicStitch ParallelFilterDataset ParallelInterleaveDataset
ParallelInterleaveDatasetV2 ParallelInterleaveDatasetV3 ParallelInterleaveDatasetV4 ParallelMapDataset
ParallelMapDatasetV2 ParameterizedTruncatedNormal ParseExample ParseExampleDataset ParseExampleDatasetV2
ParseExampleV2 ParseSequenceExample ParseSequenceExampleV2 ParseSingleExample ParseSingleSequenceExample
ParseTensor PartitionedCall Placeholder PlaceholderV2 PlaceholderWithDefault Polygamma PopulationCount
Pow PrefetchDataset Prelinearize PrelinearizeTuple PreventGradient Print PrintV2 PriorityQueue
PriorityQueueV2 PrivateThreadPoolDataset Prod PyFunc PyFuncStateless Qr QuantizeAndDequantize
QuantizeAndDequantizeV2 QuantizeAndDequantizeV3 QuantizeAndDequantizeV4 QuantizeAndDequantizeV4Grad
QuantizeDownAndShrinkRange QuantizeV2 QuantizedAdd QuantizedAvgPool
QuantizedBatchNormWithGlobalNormalization QuantizedBiasAdd QuantizedConcat QuantizedConv2D
QuantizedConv2DAndRelu QuantizedConv2DAndReluAndRequantize QuantizedConv2DAndRequantize
QuantizedConv2DPerChannel QuantizedConv2DWithBias QuantizedConv2DWithBiasAndRelu
QuantizedConv2DWithBiasAndReluAndRequantize QuantizedConv2DWithBiasAndRequantize
QuantizedConv2DWithBiasSignedSumAndReluAndRequantize QuantizedConv2DWithBiasSumAndRelu
QuantizedConv2DWithBiasSumAndReluAndRequantize QuantizedDepthwiseConv2D QuantizedDepthwiseConv2DWithBias
QuantizedDepthwiseConv2DWithBiasAndRelu QuantizedDepthwiseConv2DWithBiasAndReluAndRequantize
QuantizedInstanceNorm QuantizedMatMul QuantizedMatMulWithBias QuantizedMatMulWithBiasAndDequantize
QuantizedMatMulWithBiasAndRelu QuantizedMatMulWithBiasAndReluAndRequantize
QuantizedMatMulWithBiasAndRequantize QuantizedMaxPool QuantizedMul QuantizedRelu QuantizedRelu6
QuantizedReluX QuantizedReshape QuantizedResizeBilinear QueueClose QueueCloseV2 QueueDequeue
QueueDequeueMany QueueDequeueManyV2 QueueDequeueUpTo QueueDequeueUpToV2 QueueDequeueV2 QueueEnqueue
QueueEnqueueMany QueueEnqueueManyV2 QueueEnqueueV2 QueueIsClosed QueueIsClosedV2 QueueSize QueueSizeV2
RFFT RFFT2D RFFT3D RFFTND RGBToHSV RaggedBincount RaggedCountSparseOutput RaggedCross
RaggedFillEmptyRows RaggedFillEmptyRowsGrad RaggedGather RaggedRange RaggedTensorFromVariant
RaggedTensorToSparse RaggedTensorToTensor RaggedTensorToVariant RaggedTensorToVariantGradient RandomCrop
RandomDataset RandomDatasetV2 RandomGamma RandomGammaGrad RandomIndexShuffle RandomPoisson
RandomPoissonV2 RandomShuffle RandomShuffleQueue RandomShuffleQueueV2 RandomStandardNormal RandomUniform
RandomUniformInt Range RangeDataset Rank ReadFile ReadVariableOp ReadVariableXlaSplitND
ReaderNumRecordsProduced ReaderNumRecordsProducedV2 ReaderNumWorkUnitsCompleted
ReaderNumWorkUnitsCompletedV2 ReaderRead ReaderReadUpTo ReaderReadUpToV2 ReaderReadV2 ReaderReset
ReaderResetV2 ReaderRestoreState ReaderRestoreStateV2 ReaderSerializeState ReaderSerializeStateV2 Real
RealDiv RebatchDataset RebatchDatasetV2 Reciprocal ReciprocalGrad RecordInput Recv
RecvTPUEmbeddingActivations ReduceDataset ReduceJoin RefEnter RefExit RefIdentity RefMerge
RefNextIteration RefSelect RefSwitch RegexFullMatch RegexReplace RegisterDataset RegisterDatasetV2 Relu
Relu6 Relu6Grad ReluGrad RemoteCall RepeatDataset RequantizationRange RequantizationRangePerChannel
Requantize RequantizePerChannel Reshape ResizeArea ResizeBicubic ResizeBicubicGrad ResizeBilinear
ResizeBilinearGrad ResizeNearestNeighbor ResizeNearestNeighborGrad ResourceAccumulatorApplyGradient
ResourceAccumulatorNumAccumulated ResourceAccumulatorSetGlobalStep ResourceAccumulatorTakeGradient
ResourceApplyAdaMax ResourceApplyAdadelta ResourceApplyAdagrad ResourceApplyAdagradDA
ResourceApplyAdagradV2 ResourceApplyAdam ResourceApplyAdamWithAmsgrad ResourceApplyAddSign
ResourceApplyCenteredRMSProp ResourceApplyFtrl ResourceApplyFtrlV2 ResourceApplyGradientDescent
ResourceApplyKerasMomentum ResourceApplyMomentum ResourceApplyPowerSign ResourceApplyProximalAdagrad
ResourceApplyProximalGradientDescent ResourceApplyRMSProp ResourceConditionalAccumulator
ResourceCountUpTo ResourceGather ResourceGatherNd ResourceScatterAdd ResourceScatterDiv
ResourceScatterMax ResourceScatterMin ResourceScatterMul ResourceScatterNdAdd ResourceScatterNdMax
ResourceScatterNdMin ResourceScatterNdSub ResourceScatterNdUpdate ResourceScatterSub
ResourceScatterUpdate ResourceSparseApplyAdadelta ResourceSparseApplyAdagrad
ResourceSparseApplyAdagradDA ResourceSparseApplyAdagradV2 ResourceSparseApplyCenteredRMSProp
ResourceSparseApplyFtrl ResourceSparseApplyFtrlV2 ResourceSparseApplyKerasMomentum
ResourceSparseApplyMomentum ResourceSparseApplyProximalAdagrad
ResourceSparseApplyProximalGradientDescent ResourceSparseApplyRMSProp ResourceStridedSliceAssign Restore
RestoreSlice RestoreV2 RetrieveTPUEmbeddingADAMParameters
RetrieveTPUEmbeddingADAMParametersGradAccumDebug RetrieveTPUEmbeddingAdadeltaParameters
RetrieveTPUEmbeddingAdadeltaParametersGradAccumDebug RetrieveTPUEmbeddingAdagradMomentumParameters
RetrieveTPUEmbeddingAdagradParameters RetrieveTPUEmbeddingAdagradParametersGradAccumDebug
RetrieveTPUEmbeddingCenteredRMSPropParameters RetrieveTPUEmbeddingFTRLParameters
RetrieveTPUEmbeddingFTRLParametersGradAccumDebug RetrieveTPUEmbeddingFrequencyEstimatorParameters
RetrieveTPUEmbeddingMDLAdagradLightParameters RetrieveTPUEmbeddingMomentumParameters
RetrieveTPUEmbeddingMomentumParametersGradAccumDebug RetrieveTPUEmbeddingProximalAdagradParameters
RetrieveTPUEmbeddingProximalAdagradParametersGradAccumDebug RetrieveTPUEmbeddingProximalYogiParameters
RetrieveTPUEmbeddingRMSPropParameters RetrieveTPUEmbeddingRMSPropParametersGradAccumDebug
RetrieveTPUEmbeddingStochasticGradientDescentParameters Reverse ReverseSequence ReverseV2 RewriteDataset
RightShift Rint RngReadAndSkip RngSkip Roll Round Rsqrt RsqrtGrad SampleDistortedBoundingBox
SampleDistortedBoundingBoxV2 SamplingDataset Save SaveDataset SaveDatasetV2 SaveSlices SaveV2
ScalarSummary ScaleAndTranslate ScaleAndTranslateGrad ScanDataset ScatterAdd ScatterDiv ScatterMax
ScatterMin ScatterMul ScatterNd ScatterNdAdd ScatterNdMax ScatterNdMin ScatterNdNonAliasingAdd
ScatterNdSub ScatterNdUpdate ScatterSub ScatterUpdate SdcaFprint SdcaOptimizer SdcaOptimizerV2
SdcaShrinkL1 SegmentMax SegmentMaxV2 SegmentMean SegmentMin SegmentMinV2 SegmentProd SegmentProdV2
SegmentSum SegmentSumV2 Select SelectV2 SelfAdjointEig SelfAdjointEigV2 Selu SeluGrad Send
SendTPUEmbeddingGradients SerializeIterator SerializeManySparse SerializeSparse SerializeTensor SetSize
SetStatsAggregatorDataset Shape ShapeN ShardDataset ShardedFilename ShardedFilespec
ShuffleAndRepeatDataset ShuffleAndRepeatDatasetV2 ShuffleDataset ShuffleDatasetV2 ShuffleDatasetV3
ShutdownDistributedTPU Sigmoid SigmoidGrad Sign Sin Sinh Size SkipDataset SleepDataset Slice
SlidingWindowDataset Snapshot SnapshotChunkDataset SnapshotDataset SnapshotDatasetReader
SnapshotDatasetV2 SnapshotNestedDatasetReader SobolSample Softmax SoftmaxCrossEntropyWithLogits Softplus
SoftplusGrad Softsign SoftsignGrad SpaceToBatch SpaceToBatchND SpaceToDepth
SparseAccumulatorApplyGradient SparseAccumulatorTakeGradient SparseAdd SparseAddGrad SparseApplyAdadelta
SparseApplyAdagrad SparseApplyAdagradDA SparseApplyAdagradV2 SparseApplyCenteredRMSProp SparseApplyFtrl
SparseApplyFtrlV2 SparseApplyMomentum SparseApplyProximalAdagrad SparseApplyProximalGradientDescent
SparseApplyRMSProp SparseBincount SparseConcat SparseConditionalAccumulator SparseCountSparseOutput
SparseCross SparseCrossHashed SparseCrossV2 SparseDenseCwiseAdd SparseDenseCwiseDiv SparseDenseCwiseMul
SparseFillEmptyRows SparseFillEmptyRowsGrad SparseMatMul SparseMatrixAdd SparseMatrixMatMul
SparseMatrixMul SparseMatrixNNZ SparseMatrixOrderingAMD SparseMatrixSoftmax SparseMatrixSoftmaxGrad
SparseMatrixSparseCholesky SparseMatrixSparseMatMul SparseMatrixTranspose SparseMatrixZeros
SparseReduceMax SparseReduceMaxSparse SparseReduceSum SparseReduceSumSparse SparseReorder SparseReshape
SparseSegmentMean SparseSegmentMeanGrad SparseSegmentMeanGradV2 SparseSegmentMeanWithNumSegments
SparseSegmentSqrtN SparseSegmentSqrtNGrad SparseSegmentSqrtNGradV2 SparseSegmentSqrtNWithNumSegments
SparseSegmentSum SparseSegmentSumGrad SparseSegmentSumGradV2 SparseSegmentSumWithNumSegments SparseSlice
SparseSliceGrad SparseSoftmax SparseSoftmaxCrossEntropyWithLogits SparseSparseMaximum
SparseSparseMinimum SparseSplit SparseTensorDenseAdd SparseTensorDenseMatMul SparseTensorSliceDataset
SparseTensorToCSRSparseMatrix SparseToDense SparseToSparseSetOperation Spence Split SplitV SqlDataset
Sqrt SqrtGrad Square SquaredDifference Squeeze Stack StackClose StackCloseV2 StackPop StackPopV2
StackPush StackPushV2 StackV2 Stage StageClear StagePeek StageSize StatefulPartitionedCall
StatefulRandomBinomial StatefulStandardNormal StatefulStandardNormalV2 StatefulTruncatedNormal
StatefulUniform StatefulUniformFullInt StatefulUniformInt StatelessCase StatelessIf StatelessMultinomial
StatelessParameterizedTruncatedNormal StatelessRandomBinomial StatelessRandomGammaV2
StatelessRandomGammaV3 StatelessRandomGetAlg StatelessRandomGetKeyCounter
StatelessRandomGetKeyCounterAlg StatelessRandomNormal StatelessRandomNormalV2 StatelessRandomPoisson
StatelessRandomUniform StatelessRandomUniformFullInt StatelessRandomUniformFullIntV2
StatelessRandomUniformInt StatelessRandomUniformIntV2 StatelessRandomUniformV2
StatelessSampleDistortedBoundingBox StatelessShuffle StatelessTruncatedNormal StatelessTruncatedNormalV2
StatelessWhile StaticRegexFullMatch StaticRegexReplace StatsAggregatorHandle StatsAggregatorHandleV2
StatsAggregatorSetSummaryWriter StatsAggregatorSummary StopGradient StridedSlice StridedSliceAssign
StridedSliceGrad StringFormat StringJoin StringLength StringLower StringNGrams StringSplit StringSplitV2
StringStrip StringToHashBucket StringToHashBucketFast StringToHashBucketStrong StringToNumber
StringUpper Sub Substr Sum SummaryWriter Svd Switch SymbolicGradient SyncDevice TFRecordDataset
TFRecordDatasetV2 TFRecordReader TFRecordReaderV2 TPUCompilationResult TPUEmbeddingActivations
TPUOrdinalSelector TPUPartitionedCall TPUPartitionedInput TPUPartitionedInputV2 TPUPartitionedOutput
TPUPartitionedOutputV2 TPUReplicateMetadata TPUReplicatedInput TPUReplicatedOutput TakeDataset
TakeManySparseFromTensorsMap TakeWhileDataset Tan Tanh TanhGrad TemporaryVariable TensorArray
TensorArrayClose TensorArrayCloseV2 TensorArrayCloseV3 TensorArrayConcat TensorArrayConcatV2
TensorArrayConcatV3 TensorArrayGather TensorArrayGatherV2 TensorArrayGatherV3 TensorArrayGrad
TensorArrayGradV2 TensorArrayGradV3 TensorArrayGradWithShape TensorArrayPack TensorArrayRead
TensorArrayReadV2 TensorArrayReadV3 TensorArrayScatter TensorArrayScatterV2 TensorArrayScatterV3
TensorArraySize TensorArraySizeV2 TensorArraySizeV3 TensorArraySplit TensorArraySplitV2
TensorArraySplitV3 TensorArrayUnpack TensorArrayV2 TensorArrayV3 TensorArrayWrite TensorArrayWriteV2
TensorArrayWriteV3 TensorDataset TensorListConcat TensorListConcatLists TensorListConcatV2
TensorListElementShape TensorListFromTensor TensorListGather TensorListGetItem TensorListLength
TensorListPopBack TensorListPushBack TensorListPushBackBatch TensorListReserve TensorListResize
TensorListScatter TensorListScatterIntoExistingList TensorListScatterV2 TensorListSetItem
TensorListSplit TensorListStack TensorMapErase TensorMapHasKey TensorMapInsert TensorMapLookup
TensorMapSize TensorMapStackKeys TensorScatterAdd TensorScatterMax TensorScatterMin TensorScatterSub
TensorScatterUpdate TensorSliceDataset TensorStridedSliceUpdate TensorSummary TensorSummaryV2
TextLineDataset TextLineReader TextLineReaderV2 ThreadPoolDataset ThreadPoolHandle
ThreadUnsafeUnigramCandidateSampler Tile TileGrad Timestamp ToBool TopK TopKV2 Transpose
TridiagonalMatMul TridiagonalSolve TruncateDiv TruncateMod TruncatedNormal Unbatch UnbatchDataset
UnbatchGrad UncompressElement UnicodeDecode UnicodeDecodeWithOffsets UnicodeEncode UnicodeScript
UnicodeTranscode UniformCandidateSampler UniformDequantize UniformQuantize UniformQuantizedAdd
UniformQuantizedClipByValue UniformQuantizedConvolution UniformQuantizedConvolutionHybrid
UniformQuantizedDot UniformQuantizedDotHybrid UniformRequantize Unique UniqueDataset UniqueV2
UniqueWithCounts UniqueWithCountsV2 Unpack UnravelIndex UnsortedSegmentJoin UnsortedSegmentMax
UnsortedSegmentMin UnsortedSegmentProd UnsortedSegmentSum Unstage UnwrapDatasetVariant UpperBound
VarHandleOp VarIsInitializedOp Variable VariableShape VariableV2 Where While WholeFileReader
WholeFileReaderV2 WindowDataset WindowOp WorkerHeartbeat WrapDatasetVariant WriteAudioSummary WriteFile
WriteGraphSummary WriteHistogramSummary WriteImageSummary WriteRawProtoSummary WriteScalarSummary
WriteSummary Xdivy XlaConcatND XlaSplitND Xlog1py Xlogy ZerosLike Zeta ZipDataset
`;
/** Registered internal ops that appear in exported or optimised graphs. */
const INTERNAL_OPS = '_Arg _Retval _DeviceArg _DeviceRetval _FusedConv2D _FusedMatMul _FusedBatchNormEx _FusedDepthwiseConv2dNative';
const TF_KNOWN_OPS = new Set(`${RAW_OPS} ${INTERNAL_OPS}`.split(/\s+/).filter((s) => s !== ''));
const savedmodel_DEFAULTS = { maxNodes: 5_000_000, maxOccurrences: 1000, maxProblems: 100 };
const SAVER_FUNCTION = /^__inference__traced_(save|restore)_\d+$/;
const SAVER_SCOPE = /^save(_\d+)?\//;
class TfWalker extends ProtoWalker {
    limits;
    counts = new Map();
    functions = new Set();
    occurrences = [];
    occurrencesTruncated = false;
    nodeCount = 0;
    metaGraphCount = 0;
    schemaVersion;
    constructor(limits) {
        super(limits.maxProblems ?? savedmodel_DEFAULTS.maxProblems);
        this.limits = { ...savedmodel_DEFAULTS, ...limits };
    }
    savedModel(buf) {
        this.guard('SavedModel', () => {
            for (const f of fields(buf)) {
                if (f.no === SavedModel.saved_model_schema_version)
                    this.schemaVersion = protobuf_int(f);
                else if (f.no === SavedModel.meta_graphs) {
                    this.metaGraphCount++;
                    const mg = sub(f);
                    this.guard('MetaGraphDef', () => {
                        for (const g of fields(mg))
                            if (g.no === MetaGraphDef.graph_def)
                                this.graphDef(sub(g));
                    });
                }
            }
        });
    }
    graphDef(buf) {
        this.guard('GraphDef', () => {
            for (const f of fields(buf)) {
                if (f.no === GraphDef.node)
                    this.node(sub(f), 'graph', false);
                else if (f.no === GraphDef.library)
                    this.library(sub(f));
            }
        });
    }
    library(buf) {
        this.guard('FunctionDefLibrary', () => {
            for (const f of fields(buf))
                if (f.no === FunctionDefLibrary.function)
                    this.func(sub(f));
        });
    }
    func(buf) {
        this.guard('FunctionDef', () => {
            let name = '';
            const nodes = [];
            for (const f of fields(buf)) {
                if (f.no === FunctionDef.signature) {
                    for (const g of fields(sub(f)))
                        if (g.no === OpDef.name)
                            name = protobuf_str(g, 512);
                }
                else if (f.no === FunctionDef.node_def)
                    nodes.push(sub(f));
            }
            this.functions.add(name);
            const saver = SAVER_FUNCTION.test(name);
            for (const n of nodes)
                this.node(n, `function:${name}`, saver);
        });
    }
    node(buf, where, saverFunction) {
        if (++this.nodeCount > this.limits.maxNodes) {
            this.problem('LIMIT', `more than ${this.limits.maxNodes} nodes`);
            throw new ProtoLimitReached();
        }
        this.guard(`${where}/node`, () => {
            let name = '';
            let op = '';
            let outputStream;
            for (const f of fields(buf)) {
                if (f.no === NodeDef.name)
                    name = protobuf_str(f, 512);
                else if (f.no === NodeDef.op)
                    op = protobuf_str(f, 512);
                else if (f.no === NodeDef.attr)
                    outputStream ??= printTarget(sub(f));
            }
            this.counts.set(op, (this.counts.get(op) ?? 0) + 1);
            const unsafe = TF_UNSAFE_OP_INFO.get(op);
            if (!unsafe)
                return;
            if (this.occurrences.length >= this.limits.maxOccurrences) {
                this.occurrencesTruncated = true;
                return;
            }
            const toFile = op === 'PrintV2' && outputStream?.startsWith('file://') === true;
            this.occurrences.push({
                op,
                severity: toFile ? 'high' : unsafe.severity,
                node: name,
                where,
                saverContext: saverFunction || (where === 'graph' && SAVER_SCOPE.test(name)),
                ...(toFile ? { detail: `output_stream ${outputStream}` } : {})
            });
        });
    }
    report() {
        const ops = [...this.counts.entries()]
            .map(([op, count]) => {
            const unsafe = TF_UNSAFE_OP_INFO.get(op);
            return {
                op,
                count,
                known: TF_KNOWN_OPS.has(op),
                functionCall: this.functions.has(op),
                ...(unsafe ? { unsafe } : {})
            };
        })
            .sort((a, b) => (a.op < b.op ? -1 : a.op > b.op ? 1 : 0));
        return {
            ...(this.schemaVersion !== undefined ? { schemaVersion: this.schemaVersion } : {}),
            metaGraphCount: this.metaGraphCount,
            nodeCount: this.nodeCount,
            ops,
            functions: [...this.functions].sort(),
            unsafeOps: this.occurrences,
            unsafeOpsTruncated: this.occurrencesTruncated,
            unknownOps: ops.filter((o) => !o.known && !o.functionCall).map((o) => o.op),
            problems: this.problems
        };
    }
}
/** The `output_stream` string of a NodeDef attr map entry, when that is the entry. */
function printTarget(entry) {
    let key = '';
    let value;
    for (const f of fields(entry)) {
        if (f.no === MapEntry.key)
            key = protobuf_str(f, 256);
        else if (f.no === MapEntry.value)
            value = sub(f);
    }
    if (key !== 'output_stream' || value === undefined)
        return undefined;
    for (const f of fields(value))
        if (f.no === AttrValue.s)
            return protobuf_str(f, 1024);
    return undefined;
}
function run(buf, limits, entry) {
    const w = new TfWalker(limits);
    try {
        entry(w);
    }
    catch (e) {
        if (!(e instanceof ProtoLimitReached))
            throw e;
    }
    if (buf.length === 0)
        w.problem('TRUNCATED', 'empty file');
    return w.report();
}
/**
 * Inspects a `saved_model.pb`. Pure and synchronous: malformed input becomes `problems` next to what was read
 * before the fault; it never throws for bad input. Every op of every meta graph, graph and library function
 * is counted.
 */
function inspectSavedModel(buf, limits = {}) {
    const r = run(buf, limits, (w) => w.savedModel(buf));
    if (buf.length > 0 && r.metaGraphCount === 0 && r.problems.length === 0) {
        return { ...r, problems: [{ code: 'BAD_WIRE', detail: 'not a SavedModel: it has no meta graph' }] };
    }
    return r;
}
/** Inspects a bare GraphDef (a frozen `.pb` graph), with the same report as `inspectSavedModel`. */
function inspectGraphDef(buf, limits = {}) {
    return run(buf, limits, (w) => w.graphDef(buf));
}
/**
 * The per-object JSON metadata of a SavedModel's `keras_metadata.pb` (Keras layer configs, including Lambda
 * layers: JFrog's TFLOW-LAMBDA). Never throws for bad input.
 */
function inspectKerasMetadata(buf, limits = {}) {
    const maxNodes = limits.maxNodes ?? 1_000_000;
    let budget = limits.maxMetadataBytes ?? 256 * 1024 * 1024;
    const nodes = [];
    const problems = [];
    if (buf.length === 0)
        problems.push({ code: 'TRUNCATED', detail: 'empty file' });
    try {
        for (const f of fields(buf)) {
            if (f.no !== SavedMetadata.nodes)
                continue;
            if (nodes.length >= maxNodes)
                throw new ProtoError('LIMIT', `more than ${maxNodes} nodes`);
            let nodeId;
            let nodePath = '';
            let identifier = '';
            let metadata = '';
            for (const g of fields(sub(f))) {
                if (g.no === SavedObject.node_id)
                    nodeId = protobuf_int(g);
                else if (g.no === SavedObject.node_path)
                    nodePath = protobuf_str(g, 4096);
                else if (g.no === SavedObject.identifier)
                    identifier = protobuf_str(g, 256);
                else if (g.no === SavedObject.metadata) {
                    budget -= g.bytes.length;
                    if (budget < 0)
                        throw new ProtoError('LIMIT', 'metadata larger than the limit');
                    metadata = g.bytes.toString('utf8');
                }
            }
            nodes.push({ ...(nodeId !== undefined ? { nodeId } : {}), nodePath, identifier, metadata });
        }
    }
    catch (e) {
        if (!(e instanceof ProtoError))
            throw e;
        problems.push({ code: e.code, detail: `SavedMetadata: ${e.message}` });
    }
    return { nodes, problems };
}

;// CONCATENATED MODULE: ./src/engine/formats/tflite.ts


/*
 * Static inspection of a TFLite (LiteRT) model: a FlatBuffer of the `tflite` schema, read without a FlatBuffers
 * library. Every offset is checked against the bytes before it is followed; nothing is executed.
 */
// google-ai-edge/LiteRT tflite/converter/schema/schema.fbs (file_identifier "TFL3"). A field's vtable slot is
// its index in the table; a union takes two slots (its type, then its value).
const Model = {
    version: 0,
    operator_codes: 1,
    subgraphs: 2,
    buffers: 4,
    external_buffer_groups: 8,
    external_buffers: 9
};
const OperatorCode = { deprecated_builtin_code: 0, custom_code: 1, builtin_code: 3 };
const SubGraph = { operators: 3 };
const Operator = {
    opcode_index: 0,
    custom_options: 5,
    large_custom_options_offset: 9,
    large_custom_options_size: 10
};
const Buffer_ = { data: 0, offset: 1, size: 2 };
const ExternalBufferGroup = { name: 0 };
const ExternalBuffer = { group: 1, offset: 2, length: 3 };
/** BuiltinOperator.CUSTOM: the operator is named by `custom_code` and resolved by the application. */
const TFLITE_CUSTOM = 32;
/** TFLITE_SCHEMA_VERSION: the interpreter refuses any other. */
const SCHEMA_VERSION = 3;
const TFLITE_IDENTIFIER = 'TFL3';
/**
 * Custom operators every TFLite runtime registers itself (BuiltinOpResolver in tflite/kernels/register.cc adds
 * them with AddCustom): they need no library from the model's author.
 */
const TFLITE_BUILTIN_CUSTOM_OPS = new Set([
    'TFLite_Detection_PostProcess',
    'Mfcc',
    'AudioSpectrogram',
    'NumericVerify'
]);
/**
 * TensorFlow Text and SentencePiece ops the Flex delegate accepts besides the core ops
 * (tensorflow/lite/delegates/flex/allowlisted_flex_ops.cc): known, although not in tf.raw_ops.
 */
const FLEX_TEXT_OPS = new Set(`CaseFoldUTF8 ConstrainedSequence MaxSpanningTree NormalizeUTF8 NormalizeUTF8WithOffsetsMap
  RegexSplitWithOffsets RougeL SentenceFragments SentencepieceOp SentencepieceTokenizeOp
  SentencepieceTokenizeWithOffsetsOp SentencepieceDetokenizeOp SentencepieceVocabSizeOp
  SplitMergeTokenizeWithOffsets UnicodeScriptTokenizeWithOffsets WhitespaceTokenizeWithOffsets
  WordpieceTokenizeWithOffsets SentencepieceGetPieceSize SentencepiecePieceToId SentencepieceIdToPiece
  SentencepieceEncodeDense SentencepieceEncodeSparse SentencepieceDecode`.split(/\s+/));
class FbError extends Error {
    code;
    constructor(code, message) {
        super(message);
        this.code = code;
    }
}
/**
 * A bounded FlatBuffer reader over `buf`, the first bytes of a file of `fileSize` bytes (the whole file unless it
 * is larger than the caller reads): a position past `buf` but inside the file is a limit, past the file malformed.
 */
class tflite_Reader {
    buf;
    fileSize;
    constructor(buf, fileSize) {
        this.buf = buf;
        this.fileSize = fileSize;
    }
    need(at, n, what) {
        if (!Number.isSafeInteger(at) || at < 0)
            throw new FbError('BAD_FLATBUFFER', `${what} at offset ${at}`);
        if (at + n <= this.buf.length)
            return;
        if (at + n <= this.fileSize)
            throw new FbError('LIMIT', `${what} at offset ${at} lies past the ${this.buf.length} bytes read`);
        throw new FbError('TRUNCATED', `${what} at offset ${at} runs past the end of the file`);
    }
    u8(at, what) {
        this.need(at, 1, what);
        return this.buf.readUInt8(at);
    }
    i8(at, what) {
        this.need(at, 1, what);
        return this.buf.readInt8(at);
    }
    u16(at, what) {
        this.need(at, 2, what);
        return this.buf.readUInt16LE(at);
    }
    u32(at, what) {
        this.need(at, 4, what);
        return this.buf.readUInt32LE(at);
    }
    i32(at, what) {
        this.need(at, 4, what);
        return this.buf.readInt32LE(at);
    }
    u64(at, what) {
        this.need(at, 8, what);
        return this.buf.readBigUInt64LE(at);
    }
    /** The table at `pos`: a function from field index to the field's absolute position (undefined: absent). */
    table(pos, what) {
        const vt = pos - this.i32(pos, what);
        const vtSize = this.u16(vt, `${what}'s vtable`);
        const inline = this.u16(vt + 2, `${what}'s vtable`);
        if (vtSize < 4 || vtSize % 2 !== 0)
            throw new FbError('BAD_FLATBUFFER', `${what}'s vtable has an invalid size ${vtSize}`);
        this.need(vt, vtSize, `${what}'s vtable`);
        this.need(pos, Math.max(inline, 4), what);
        return (field) => {
            const slot = 4 + 2 * field;
            if (slot + 2 > vtSize)
                return undefined;
            const off = this.buf.readUInt16LE(vt + slot);
            if (off === 0)
                return undefined;
            if (off + 1 > inline)
                throw new FbError('BAD_FLATBUFFER', `${what}: field ${field} lies outside the table`);
            return pos + off;
        };
    }
    /** Follows the uoffset stored at `at`. */
    ref(at, what) {
        return at + this.u32(at, what);
    }
    /** A vector at `pos`: its length and where its elements start, checked to lie in the file. */
    vector(pos, elemSize, what) {
        const length = this.u32(pos, what);
        this.need(pos + 4, length * elemSize, what);
        return { length, start: pos + 4 };
    }
    string(pos, what, max = 256) {
        const { length, start } = this.vector(pos, 1, what);
        // the FlatBuffers verifier requires the terminating NUL
        if (this.u8(start + length, what) !== 0)
            throw new FbError('BAD_FLATBUFFER', `${what} is not NUL-terminated`);
        return this.buf.toString('utf8', start, start + Math.min(length, max));
    }
}
/**
 * Reads the operator codes (what the interpreter must resolve before it runs anything), the operators of every
 * subgraph, the buffers and the external buffer files. Pure and synchronous; malformed input becomes `problems`.
 */
function inspectTflite(buf, fileSize = buf.length, limits = {}) {
    let budget = limits.maxItems ?? 20_000_000;
    const spend = (n) => {
        budget -= n;
        if (budget < 0)
            throw new FbError('LIMIT', 'more vector entries than the engine reads');
    };
    const r = new tflite_Reader(buf, fileSize);
    const problems = [];
    const customOps = new Set();
    const flex = new Map();
    const externalFiles = [];
    let version;
    let operatorCodes = 0;
    let subgraphs = 0;
    let operators = 0;
    try {
        if (buf.length < 8 || buf.toString('latin1', 4, 8) !== TFLITE_IDENTIFIER)
            throw new FbError('BAD_FLATBUFFER', `not a TFLite model: no "${TFLITE_IDENTIFIER}" identifier`);
        const model = r.table(r.ref(0, 'root offset'), 'Model');
        const v = model(Model.version);
        version = v === undefined ? 0 : r.u32(v, 'Model.version');
        if (version !== SCHEMA_VERSION)
            problems.push({ code: 'VERSION', detail: `schema version ${version}, not ${SCHEMA_VERSION}` });
        const codes = model(Model.operator_codes);
        if (codes !== undefined) {
            const vec = r.vector(r.ref(codes, 'operator_codes'), 4, 'operator_codes');
            spend(vec.length);
            operatorCodes = vec.length;
            for (let i = 0; i < vec.length; i++) {
                const at = vec.start + 4 * i;
                const oc = r.table(r.ref(at, `operator_codes[${i}]`), `operator_codes[${i}]`);
                const dep = oc(OperatorCode.deprecated_builtin_code);
                const ext = oc(OperatorCode.builtin_code);
                // schema_utils.cc GetBuiltinCode: the larger of the two fields
                const code = Math.max(dep === undefined ? 0 : r.i8(dep, 'deprecated_builtin_code'), ext === undefined ? 0 : r.i32(ext, 'builtin_code'));
                if (code !== TFLITE_CUSTOM)
                    continue;
                const cc = oc(OperatorCode.custom_code);
                const name = cc === undefined ? '' : r.string(r.ref(cc, 'custom_code'), 'custom_code');
                if (TFLITE_BUILTIN_CUSTOM_OPS.has(name))
                    continue;
                if (name.startsWith('Flex') && name.length > 4) {
                    const op = name.slice(4);
                    const unsafe = TF_UNSAFE_OP_INFO.get(op);
                    flex.set(op, {
                        op,
                        known: TF_KNOWN_OPS.has(op) || FLEX_TEXT_OPS.has(op),
                        ...(unsafe && { unsafe })
                    });
                }
                else
                    customOps.add(name);
            }
        }
        const subs = model(Model.subgraphs);
        if (subs === undefined)
            throw new FbError('BAD_FLATBUFFER', 'the model has no subgraph');
        const sv = r.vector(r.ref(subs, 'subgraphs'), 4, 'subgraphs');
        if (sv.length === 0)
            throw new FbError('BAD_FLATBUFFER', 'the model has no subgraph');
        spend(sv.length);
        subgraphs = sv.length;
        for (let s = 0; s < sv.length; s++) {
            const sg = r.table(r.ref(sv.start + 4 * s, `subgraphs[${s}]`), `subgraphs[${s}]`);
            const ops = sg(SubGraph.operators);
            if (ops === undefined)
                continue;
            const ov = r.vector(r.ref(ops, 'operators'), 4, `subgraphs[${s}].operators`);
            spend(ov.length);
            operators += ov.length;
            for (let i = 0; i < ov.length; i++) {
                const what = `subgraphs[${s}].operators[${i}]`;
                const op = r.table(r.ref(ov.start + 4 * i, what), what);
                const idx = op(Operator.opcode_index);
                const index = idx === undefined ? 0 : r.u32(idx, `${what}.opcode_index`);
                if (index >= operatorCodes)
                    throw new FbError('BAD_FLATBUFFER', `${what} uses op code ${index} of ${operatorCodes}`);
                const co = op(Operator.custom_options);
                if (co !== undefined)
                    r.vector(r.ref(co, `${what}.custom_options`), 1, `${what}.custom_options`);
                const lo = op(Operator.large_custom_options_offset);
                const ls = op(Operator.large_custom_options_size);
                if (lo !== undefined && ls !== undefined)
                    outside(r.u64(lo, what), r.u64(ls, what), fileSize, `${what}'s custom options`);
            }
        }
        const bufs = model(Model.buffers);
        if (bufs !== undefined) {
            const bv = r.vector(r.ref(bufs, 'buffers'), 4, 'buffers');
            spend(bv.length);
            for (let i = 0; i < bv.length; i++) {
                const what = `buffers[${i}]`;
                const b = r.table(r.ref(bv.start + 4 * i, what), what);
                const data = b(Buffer_.data);
                if (data !== undefined)
                    r.vector(r.ref(data, `${what}.data`), 1, `${what}.data`);
                const off = b(Buffer_.offset);
                const size = b(Buffer_.size);
                // data kept outside the FlatBuffer (models over 2 GB): "only valid if > 1"
                if (off !== undefined && size !== undefined) {
                    const o = r.u64(off, what);
                    if (o > 1n)
                        outside(o, r.u64(size, what), fileSize, `${what}'s data`);
                }
            }
        }
        const groups = model(Model.external_buffer_groups);
        if (groups !== undefined) {
            const gv = r.vector(r.ref(groups, 'external_buffer_groups'), 4, 'external_buffer_groups');
            spend(gv.length);
            for (let i = 0; i < gv.length && externalFiles.length < 1000; i++) {
                const what = `external_buffer_groups[${i}]`;
                const g = r.table(r.ref(gv.start + 4 * i, what), what);
                const n = g(ExternalBufferGroup.name);
                const name = n === undefined ? '' : r.string(r.ref(n, `${what}.name`), `${what}.name`, 4096);
                externalFiles.push({ name, problems: externalPathProblems(name), ranges: [] });
            }
        }
        const ext = model(Model.external_buffers);
        if (ext !== undefined) {
            const ev = r.vector(r.ref(ext, 'external_buffers'), 4, 'external_buffers');
            spend(ev.length);
            for (let i = 0; i < ev.length; i++) {
                const what = `external_buffers[${i}]`;
                const e = r.table(r.ref(ev.start + 4 * i, what), what);
                const g = e(ExternalBuffer.group);
                const file = externalFiles[g === undefined ? 0 : r.u32(g, what)];
                const o = e(ExternalBuffer.offset);
                const l = e(ExternalBuffer.length);
                if (file && file.ranges.length < 1000)
                    file.ranges.push({
                        offset: o === undefined ? 0n : r.u64(o, what),
                        length: l === undefined ? 0n : r.u64(l, what)
                    });
            }
        }
    }
    catch (e) {
        if (!(e instanceof FbError))
            throw e;
        problems.push({ code: e.code, detail: e.message });
    }
    return {
        ...(version !== undefined && { version }),
        operatorCodes,
        subgraphs,
        operators,
        customOps: [...customOps],
        flexOps: [...flex.values()],
        externalFiles,
        problems
    };
}
function outside(offset, size, fileSize, what) {
    if (offset + size > BigInt(fileSize))
        throw new FbError('TRUNCATED', `${what} (bytes ${offset}..${offset + size}) lie past the end of the file`);
}
/** Content sniffing: the FlatBuffer file identifier at bytes 4..8 and a root offset inside the file. */
function looksLikeTflite(head, size) {
    if (head.length < 8 || head.toString('latin1', 4, 8) !== TFLITE_IDENTIFIER)
        return false;
    const root = head.readUInt32LE(0);
    return root >= 8 && root < size;
}

;// CONCATENATED MODULE: ./src/engine/zip.ts




const DEFAULT_ZIP_LIMITS = {
    maxEntries: 100_000,
    maxMemberBytes: 512 * 1024 * 1024,
    maxRatio: 100
};
/** The archive has no recognisable structure at all (no end record, no local header at the start). */
class ZipFormatError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ZipFormatError';
    }
}
/**
 * Deflate data that cannot be decoded. `partial` is what decoded before the fault: a streaming reader
 * (Python's zipfile feeding pickle) acts on those bytes before it ever sees the error, so they deserve a scan.
 */
class CorruptMemberError extends Error {
    partial;
    constructor(message, partial) {
        super(message);
        this.name = 'CorruptMemberError';
        this.partial = partial;
    }
}
const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_LOCATOR64 = 0x07064b50;
const SIG_DESCRIPTOR = 0x08074b50;
/** "PK00": the marker some writers put before a single-segment archive that was once meant to span. */
const SIG_SPAN_PK00 = 0x30304b50;
const LOCAL_LEN = 30;
const CENTRAL_LEN = 46;
const EOCD_LEN = 22;
const LOCATOR64_LEN = 20;
const EOCD64_LEN = 56;
const MAX_COMMENT = 0xffff;
const U32_MAX = 0xffffffff;
const U16_MAX = 0xffff;
/** Bits any ordinary writer sets: deflate options (0x2, 0x4), data descriptor (0x8), UTF-8 names (0x800). */
const ORDINARY_FLAGS = 0x0002 | 0x0004 | 0x0008 | 0x0800;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
const METHOD_AES = 99;
/** Traditional PKWARE encryption prefixes every member with 12 bytes. */
const ZIPCRYPTO_HEADER = 12;
const WINDOW = 1024 * 1024;
/** So that a million identical anomalies cost no more than a hundred. */
const MAX_ANOMALIES_PER_KIND = 100;
function isZipMagic(head) {
    if (head.length < 4 || head[0] !== 0x50 || head[1] !== 0x4b)
        return false;
    const sig = head.readUInt32LE(0);
    return sig === SIG_LOCAL || sig === SIG_EOCD || sig === SIG_DESCRIPTOR;
}
// ---- small helpers ----
/**
 * Bytes the file really holds at [offset, offset+length): empty outside it, never a throw for an offset taken
 * from the file. Callers pass small fixed lengths (at most a window), never one read from the file.
 */
async function readAt(ra, offset, length) {
    if (!Number.isSafeInteger(offset) || offset < 0 || offset >= ra.size || !(length > 0))
        return Buffer.alloc(0);
    return ra.read(offset, Math.min(length, ra.size - offset));
}
function u64(buf, at) {
    const v = buf.readBigUInt64LE(at);
    // Beyond 2^53 nothing in a real file can be addressed; clamping keeps arithmetic in safe numbers.
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
}
const CP437_HIGH = 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';
function decodeName(bytes, flags) {
    if (flags & FLAG_UTF8)
        return bytes.toString('utf8');
    let out = '';
    for (const b of bytes)
        out += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80];
    return out;
}
function parseExtra(extra) {
    const fields = new Map();
    let p = 0;
    while (p + 4 <= extra.length) {
        const id = extra.readUInt16LE(p);
        const size = extra.readUInt16LE(p + 2);
        if (p + 4 + size > extra.length)
            return { fields, malformed: true };
        if (!fields.has(id))
            fields.set(id, extra.subarray(p + 4, p + 4 + size));
        p += 4 + size;
    }
    // zipalign pads extra fields with a few zero bytes; anything else left over is not a record.
    return { fields, malformed: extra.subarray(p).some((b) => b !== 0) };
}
class Anomalies {
    list = [];
    counts = new Map();
    add(kind, detail, entry) {
        const n = (this.counts.get(kind) ?? 0) + 1;
        this.counts.set(kind, n);
        if (n <= MAX_ANOMALIES_PER_KIND)
            this.list.push(entry === undefined ? { kind, detail } : { kind, entry, detail });
    }
    finish() {
        for (const [kind, n] of this.counts) {
            if (n > MAX_ANOMALIES_PER_KIND) {
                this.list.push({ kind, detail: `${n - MAX_ANOMALIES_PER_KIND} more ${kind} anomalies not listed` });
            }
        }
        return this.list;
    }
}
/** Sequential reader over the central directory: one bounded window at a time, however large it claims. */
class Window {
    ra;
    buf = Buffer.alloc(0);
    start = 0;
    constructor(ra) {
        this.ra = ra;
    }
    async get(pos, len) {
        if (pos < 0 || pos + len > this.ra.size)
            return undefined;
        if (pos < this.start || pos + len > this.start + this.buf.length) {
            this.buf = await readAt(this.ra, pos, Math.max(len, WINDOW));
            this.start = pos;
            if (this.buf.length < len)
                return undefined;
        }
        return this.buf.subarray(pos - this.start, pos - this.start + len);
    }
}
async function sigAt(ra, pos) {
    const b = await readAt(ra, pos, 4);
    return b.length === 4 ? b.readUInt32LE(0) : undefined;
}
async function findEocd(ra) {
    const tailLen = Math.min(ra.size, EOCD_LEN + MAX_COMMENT);
    const tailStart = ra.size - tailLen;
    const tail = await readAt(ra, tailStart, tailLen);
    if (tail.length < EOCD_LEN)
        return undefined;
    // The last signature wins, as in Python's zipfile and miniz: a record in the comment shadows the real one.
    const i = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]), tail.length - EOCD_LEN);
    if (i < 0)
        return undefined;
    const commentLength = tail.readUInt16LE(i + 20);
    return {
        pos: tailStart + i,
        totalEntries: tail.readUInt16LE(i + 10),
        cdSize: tail.readUInt32LE(i + 12),
        cdOffset: tail.readUInt32LE(i + 16),
        comment: tail.subarray(i + EOCD_LEN, i + EOCD_LEN + commentLength),
        commentLength
    };
}
async function findEocd64(ra, eocd, out) {
    const locatorPos = eocd.pos - LOCATOR64_LEN;
    const loc = await readAt(ra, locatorPos, LOCATOR64_LEN);
    if (loc.length < LOCATOR64_LEN || loc.readUInt32LE(0) !== SIG_LOCATOR64)
        return undefined;
    // The locator's offset is absolute, so prepended data moves the record; look right before the locator too.
    for (const pos of [u64(loc, 8), locatorPos - EOCD64_LEN]) {
        const rec = await readAt(ra, pos, EOCD64_LEN);
        if (pos + EOCD64_LEN > locatorPos || rec.length < EOCD64_LEN || rec.readUInt32LE(0) !== SIG_EOCD64)
            continue;
        return {
            pos,
            end: Math.min(pos + 12 + u64(rec, 4), locatorPos),
            locatorPos,
            totalEntries: u64(rec, 32),
            cdSize: u64(rec, 40),
            cdOffset: u64(rec, 48)
        };
    }
    out.add('CENTRAL_DIRECTORY_CORRUPT', `ZIP64 locator at ${locatorPos} points to no ZIP64 end record`);
    return undefined;
}
async function readLocalHeader(ra, at, out, who) {
    const head = await readAt(ra, at, LOCAL_LEN + 1024);
    if (head.length < LOCAL_LEN || head.readUInt32LE(0) !== SIG_LOCAL)
        return undefined;
    const nameLen = head.readUInt16LE(26);
    const extraLen = head.readUInt16LE(28);
    let vari = head.subarray(LOCAL_LEN, LOCAL_LEN + nameLen + extraLen);
    if (vari.length < nameLen + extraLen)
        vari = await readAt(ra, at + LOCAL_LEN, nameLen + extraLen);
    const extra = parseExtra(vari.subarray(nameLen, nameLen + extraLen));
    if (extra.malformed)
        out.add('MALFORMED_EXTRA', `local header extra field at ${at} is not well-formed`, who);
    const lh = {
        flags: head.readUInt16LE(6),
        method: head.readUInt16LE(8),
        crc: head.readUInt32LE(14),
        compressedSize: head.readUInt32LE(18),
        uncompressedSize: head.readUInt32LE(22),
        nameBytes: vari.subarray(0, nameLen),
        dataOffset: at + LOCAL_LEN + nameLen + extraLen,
        cut: vari.length < nameLen + extraLen,
        zip64: false
    };
    if (lh.compressedSize === U32_MAX || lh.uncompressedSize === U32_MAX) {
        const z = extra.fields.get(0x0001);
        lh.zip64 = z !== undefined;
        if (z !== undefined && z.length >= 16) {
            // APPNOTE 4.5.3: a local ZIP64 field holds both sizes, uncompressed first.
            lh.uncompressedSize = u64(z, 0);
            lh.compressedSize = u64(z, 8);
        }
        else if (z !== undefined && z.length >= 8) {
            if (lh.uncompressedSize === U32_MAX)
                lh.uncompressedSize = u64(z, 0);
            else
                lh.compressedSize = u64(z, 0);
        }
        else {
            out.add('MALFORMED_EXTRA', `local header at ${at} needs a ZIP64 extra field with its sizes`, who);
        }
    }
    return lh;
}
/** The data descriptor after a member's data, in whichever width (32/64-bit sizes) agrees with `expect`. */
async function readDescriptor(ra, at, expect, wide) {
    const b = await readAt(ra, at, 24);
    const signed = b.length >= 4 && b.readUInt32LE(0) === SIG_DESCRIPTOR;
    const p = signed ? 4 : 0;
    if (b.length < p + 12)
        return undefined;
    const narrow = {
        length: p + 12,
        crc: b.readUInt32LE(p),
        compressedSize: b.readUInt32LE(p + 4),
        uncompressedSize: b.readUInt32LE(p + 8),
        signed
    };
    const broad = b.length >= p + 20
        ? {
            length: p + 20,
            crc: narrow.crc,
            compressedSize: u64(b, p + 4),
            uncompressedSize: u64(b, p + 12),
            signed
        }
        : undefined;
    const agrees = (d) => d.compressedSize === expect.compressedSize && d.uncompressedSize === expect.uncompressedSize;
    if (agrees(narrow))
        return narrow;
    if (broad !== undefined && (agrees(broad) || wide))
        return broad;
    return narrow;
}
function zip_hex(n) {
    return `0x${n.toString(16)}`;
}
function checkEntry(ctx, e) {
    const { out, limits, ra } = ctx;
    const who = e.name;
    const seen = ctx.names.get(who) ?? 0;
    ctx.names.set(who, seen + 1);
    if (seen > 0)
        out.add('DUPLICATE_NAME', `name appears ${seen + 1} times`, who);
    if (/^[/\\]/.test(who) || /^[A-Za-z]:/.test(who))
        out.add('ABSOLUTE_PATH', 'name is an absolute path', who);
    if (who.split(/[/\\]/).includes('..'))
        out.add('PATH_TRAVERSAL', 'name has a ".." segment', who);
    // Python's zipfile cuts names at NUL; other readers keep the rest, so the two see different members.
    if (who.length === 0 || /\p{Cc}/u.test(who)) {
        out.add('SUSPICIOUS_NAME', 'name is empty or has control characters', who);
    }
    if (e.isSymlink)
        out.add('SYMLINK', 'unix symlink in the external attributes', who);
    const flags = e.flags | (e.localFlags ?? 0);
    const odd = flags & ~ORDINARY_FLAGS;
    if (odd !== 0)
        out.add('FLAG_BITS', `unusual general-purpose flag bits ${zip_hex(odd)}`, who);
    if (e.encrypted) {
        const plain = e.method === METHOD_STORED && e.compressedSize === e.uncompressedSize
            ? '; sizes leave no room for an encryption header, so the data is read as plaintext'
            : '';
        out.add('ENCRYPTED', e.method === METHOD_AES ? 'AES encrypted (method 99)' : `encryption flag set${plain}`, who);
    }
    if (e.method !== METHOD_STORED && e.method !== METHOD_DEFLATE && e.method !== METHOD_AES) {
        out.add('UNSUPPORTED_METHOD', `compression method ${e.method}`, who);
    }
    if (e.method === METHOD_STORED &&
        e.compressedSize !== e.uncompressedSize &&
        !(e.encrypted && e.compressedSize === e.uncompressedSize + ZIPCRYPTO_HEADER)) {
        out.add('SIZE_MISMATCH', `stored member: ${e.compressedSize} bytes stored, ${e.uncompressedSize} declared`, who);
    }
    if (e.uncompressedSize > e.compressedSize * limits.maxRatio) {
        out.add('COMPRESSION_RATIO', `declares ${e.uncompressedSize} bytes from ${e.compressedSize} (limit ${limits.maxRatio}:1)`, who);
    }
    if (e.uncompressedSize > limits.maxMemberBytes) {
        out.add('MEMBER_TOO_LARGE', `declares ${e.uncompressedSize} bytes (limit ${limits.maxMemberBytes})`, who);
    }
    if (e.hasLocalHeader && e.dataOffset + e.compressedSize > ra.size) {
        out.add('TRUNCATED', `data runs ${e.dataOffset + e.compressedSize - ra.size} bytes past the end of the file`, who);
    }
}
function isSymlink(madeBy, external) {
    return madeBy >>> 8 === 3 && ((external >>> 16) & 0o170000) === 0o120000;
}
async function readCentral(ctx, cdStart, declaredEnd, declaredCount) {
    const { ra, out, limits } = ctx;
    const win = new Window(ra);
    const records = [];
    let pos = cdStart;
    let capped = false;
    // Stops at the first record that is not one (or runs past the file): the declared size and count are only
    // compared, never trusted, so neither a short nor an inflated count loses or invents entries.
    for (;;) {
        const fixed = await win.get(pos, CENTRAL_LEN);
        if (fixed === undefined || fixed.readUInt32LE(0) !== SIG_CENTRAL)
            break;
        if (records.length >= limits.maxEntries) {
            capped = true;
            out.add('TOO_MANY_ENTRIES', `more than ${limits.maxEntries} entries; the rest are not listed`);
            break;
        }
        const nameLen = fixed.readUInt16LE(28);
        const extraLen = fixed.readUInt16LE(30);
        const commentLen = fixed.readUInt16LE(32);
        const vari = await win.get(pos + CENTRAL_LEN, nameLen + extraLen + commentLen);
        if (vari === undefined) {
            out.add('TRUNCATED', `central directory record at ${pos} runs past the end of the file`);
            break;
        }
        // Copies: the record outlives the window it was read through.
        const madeBy = fixed.readUInt16LE(4);
        const flags = fixed.readUInt16LE(8);
        const method = fixed.readUInt16LE(10);
        const external = fixed.readUInt32LE(38);
        const nameBytes = Buffer.from(vari.subarray(0, nameLen));
        const name = decodeName(nameBytes, flags);
        let compressedSize = fixed.readUInt32LE(20);
        let uncompressedSize = fixed.readUInt32LE(24);
        let recordedOffset = fixed.readUInt32LE(42);
        const extra = parseExtra(vari.subarray(nameLen, nameLen + extraLen));
        if (extra.malformed)
            out.add('MALFORMED_EXTRA', 'central directory extra field is not well-formed', name);
        if (uncompressedSize === U32_MAX || compressedSize === U32_MAX || recordedOffset === U32_MAX) {
            // APPNOTE 4.5.3: only the saturated fields are present, in this order.
            const z = extra.fields.get(0x0001) ?? Buffer.alloc(0);
            let p = 0;
            const take = (v) => {
                if (v !== U32_MAX)
                    return v;
                if (p + 8 > z.length) {
                    out.add('MALFORMED_EXTRA', 'a saturated size or offset has no ZIP64 value', name);
                    return v;
                }
                p += 8;
                return u64(z, p - 8);
            };
            uncompressedSize = take(uncompressedSize);
            compressedSize = take(compressedSize);
            recordedOffset = take(recordedOffset);
        }
        records.push({
            nameBytes,
            recordedOffset,
            entry: {
                name,
                method,
                flags,
                compressedSize,
                uncompressedSize,
                crc32: fixed.readUInt32LE(16),
                localHeaderOffset: recordedOffset,
                dataOffset: -1,
                hasLocalHeader: false,
                encrypted: (flags & FLAG_ENCRYPTED) !== 0 || method === METHOD_AES,
                isDirectory: name.endsWith('/'),
                isSymlink: isSymlink(madeBy, external)
            }
        });
        pos += CENTRAL_LEN + nameLen + extraLen + commentLen;
    }
    if (!capped) {
        if (pos < declaredEnd) {
            out.add('CENTRAL_DIRECTORY_CORRUPT', `no central directory record at ${pos}, inside its declared extent`);
        }
        else if (pos > declaredEnd) {
            out.add('CENTRAL_DIRECTORY_CORRUPT', `records run ${pos - declaredEnd} bytes past the declared size`);
        }
        if (records.length !== declaredCount) {
            out.add('ENTRY_COUNT_MISMATCH', `end record declares ${declaredCount} entries, ${records.length} found`);
        }
    }
    return { records, end: pos, capped };
}
/** Reads the local header of one central record, compares the two, and returns the member's extent. */
async function attachLocal(ctx, rec, shift) {
    const { ra, out } = ctx;
    const e = rec.entry;
    const who = e.name;
    e.localHeaderOffset = rec.recordedOffset + shift;
    const lh = await readLocalHeader(ra, e.localHeaderOffset, out, who);
    if (lh === undefined) {
        out.add('LOCAL_HEADER_MISSING', `no local header at offset ${e.localHeaderOffset}`, who);
        return undefined;
    }
    e.hasLocalHeader = true;
    e.dataOffset = lh.dataOffset;
    if (lh.cut)
        out.add('TRUNCATED', 'local header runs past the end of the file', who);
    if (!lh.nameBytes.equals(rec.nameBytes)) {
        e.localName = decodeName(lh.nameBytes, lh.flags);
        out.add('NAME_MISMATCH', `local header names it ${JSON.stringify(e.localName)}`, who);
    }
    if (lh.flags !== e.flags) {
        e.localFlags = lh.flags;
        out.add('FLAG_MISMATCH', `flags ${zip_hex(e.flags)} in the central directory, ${zip_hex(lh.flags)} locally`, who);
    }
    if (lh.flags & FLAG_ENCRYPTED)
        e.encrypted = true;
    if (lh.method !== e.method) {
        e.localMethod = lh.method;
        out.add('METHOD_MISMATCH', `method ${e.method} in the central directory, ${lh.method} locally`, who);
    }
    // With a data descriptor the local CRC and sizes may legitimately be zero; the descriptor is checked instead.
    if (!(lh.flags & FLAG_DESCRIPTOR)) {
        if (lh.crc !== e.crc32) {
            out.add('CRC_MISMATCH', `CRC ${zip_hex(e.crc32)} in the central directory, ${zip_hex(lh.crc)} locally`, who);
        }
        if (lh.compressedSize !== e.compressedSize || lh.uncompressedSize !== e.uncompressedSize) {
            out.add('SIZE_MISMATCH', `sizes ${e.compressedSize}/${e.uncompressedSize} in the central directory, ` +
                `${lh.compressedSize}/${lh.uncompressedSize} locally`, who);
        }
    }
    let end = lh.dataOffset + e.compressedSize;
    if ((lh.flags | e.flags) & FLAG_DESCRIPTOR && end <= ra.size) {
        const wide = lh.zip64 || e.compressedSize >= U32_MAX || e.uncompressedSize >= U32_MAX;
        const d = await readDescriptor(ra, end, e, wide);
        if (d === undefined || (!d.signed && d.crc !== e.crc32)) {
            out.add('BAD_DATA_DESCRIPTOR', `no data descriptor after the data at ${end}`, who);
        }
        else {
            end += d.length;
            if (d.crc !== e.crc32) {
                out.add('CRC_MISMATCH', `CRC ${zip_hex(e.crc32)} in the central directory, ${zip_hex(d.crc)} in the descriptor`, who);
            }
            if (d.compressedSize !== e.compressedSize || d.uncompressedSize !== e.uncompressedSize) {
                out.add('SIZE_MISMATCH', `sizes ${e.compressedSize}/${e.uncompressedSize} in the central directory, ` +
                    `${d.compressedSize}/${d.uncompressedSize} in the descriptor`, who);
            }
        }
    }
    return { start: e.localHeaderOffset, end: Math.min(end, ra.size), entry: who };
}
function zip_checkLayout(ctx, spans, structure, prepended) {
    const { out, ra } = ctx;
    const members = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
    let reach;
    for (const s of members) {
        if (reach !== undefined && s.start < reach.end) {
            out.add('OVERLAPPING_ENTRIES', `data overlaps that of ${JSON.stringify(reach.entry)}`, s.entry);
        }
        if (reach === undefined || s.end > reach.end)
            reach = s;
    }
    const cd = structure[0];
    if (cd !== undefined) {
        for (const s of members) {
            if (s.start < cd.end && s.end > cd.start) {
                out.add('OVERLAPPING_ENTRIES', 'data overlaps the central directory', s.entry);
            }
        }
    }
    const regions = [...members, ...structure].sort((a, b) => a.start - b.start);
    let cursor = 0;
    const gap = (start, end) => {
        const why = start === 0 && prepended > 0 ? ' (data prepended to the archive)' : '';
        out.add('DATA_OUTSIDE_ENTRIES', `${end - start} bytes at offset ${start} belong to no entry${why}`);
    };
    for (const r of regions) {
        if (r.start > cursor)
            gap(cursor, r.start);
        cursor = Math.max(cursor, r.end);
    }
    if (cursor < ra.size)
        gap(cursor, ra.size);
}
// ---- listing from local headers (no central directory) ----
/**
 * Where a member written with a data descriptor and unknown sizes ends: the first signed descriptor whose
 * compressed size matches the distance, else the next header. Scans forward in windows; each call starts
 * after the previous member, so a whole walk reads the file about once.
 */
async function findStreamedEnd(ra, dataOffset) {
    const overlap = 24;
    for (let p = dataOffset; p < ra.size; p += WINDOW) {
        const chunk = await readAt(ra, p, WINDOW + overlap);
        for (let i = chunk.indexOf('PK'); i >= 0 && i < WINDOW; i = chunk.indexOf('PK', i + 1)) {
            if (i + 4 > chunk.length)
                break;
            const sig = chunk.readUInt32LE(i);
            const at = p + i;
            if (sig === SIG_DESCRIPTOR && i + 16 <= chunk.length) {
                const c32 = chunk.readUInt32LE(i + 8);
                const c64 = i + 24 <= chunk.length ? u64(chunk, i + 8) : -1;
                if (c32 === at - dataOffset) {
                    const d = { length: 16, crc: chunk.readUInt32LE(i + 4), compressedSize: c32, signed: true };
                    return { dataEnd: at, descriptor: { ...d, uncompressedSize: chunk.readUInt32LE(i + 12) } };
                }
                if (c64 === at - dataOffset) {
                    const d = { length: 24, crc: chunk.readUInt32LE(i + 4), compressedSize: c64, signed: true };
                    return { dataEnd: at, descriptor: { ...d, uncompressedSize: u64(chunk, i + 16) } };
                }
            }
            if (sig === SIG_LOCAL || sig === SIG_CENTRAL)
                return { dataEnd: at };
        }
    }
    return { dataEnd: ra.size };
}
async function walkLocal(ctx, start) {
    const { ra, out, limits } = ctx;
    const entries = [];
    let pos = start;
    while (pos < ra.size) {
        if ((await sigAt(ra, pos)) !== SIG_LOCAL)
            break;
        if (entries.length >= limits.maxEntries) {
            out.add('TOO_MANY_ENTRIES', `more than ${limits.maxEntries} entries; the rest are not listed`);
            return entries;
        }
        const lh = await readLocalHeader(ra, pos, out, `entry at ${pos}`);
        if (lh === undefined)
            break;
        const name = decodeName(lh.nameBytes, lh.flags);
        const e = {
            name,
            method: lh.method,
            flags: lh.flags,
            compressedSize: lh.compressedSize,
            uncompressedSize: lh.uncompressedSize,
            crc32: lh.crc,
            localHeaderOffset: pos,
            dataOffset: lh.dataOffset,
            hasLocalHeader: true,
            encrypted: (lh.flags & FLAG_ENCRYPTED) !== 0 || lh.method === METHOD_AES,
            isDirectory: name.endsWith('/'),
            isSymlink: false
        };
        if (lh.cut) {
            out.add('TRUNCATED', 'local header runs past the end of the file', name);
            entries.push(e);
            break;
        }
        let next = lh.dataOffset + e.compressedSize;
        if (lh.flags & FLAG_DESCRIPTOR && e.compressedSize === 0) {
            const found = await findStreamedEnd(ra, lh.dataOffset);
            e.compressedSize = found.dataEnd - lh.dataOffset;
            next = found.dataEnd;
            if (found.descriptor !== undefined) {
                e.crc32 = found.descriptor.crc;
                e.uncompressedSize = found.descriptor.uncompressedSize;
                next += found.descriptor.length;
            }
            else if (found.dataEnd < ra.size) {
                out.add('BAD_DATA_DESCRIPTOR', 'no signed data descriptor before the next header', name);
            }
        }
        else if (lh.flags & FLAG_DESCRIPTOR) {
            const d = await readDescriptor(ra, next, e, lh.zip64);
            if (d?.signed || d?.crc === e.crc32)
                next += d.length;
        }
        entries.push(e);
        checkEntry(ctx, e);
        pos = next;
    }
    if (pos < ra.size) {
        const what = (await sigAt(ra, pos)) === SIG_CENTRAL ? ' (an unusable central directory)' : '';
        out.add('DATA_OUTSIDE_ENTRIES', `${ra.size - pos} bytes at offset ${pos} follow the last entry${what}`);
    }
    return entries;
}
async function spanMarker(ra) {
    const sig = await sigAt(ra, 0);
    return (sig === SIG_DESCRIPTOR || sig === SIG_SPAN_PK00) && (await sigAt(ra, 4)) === SIG_LOCAL ? 4 : 0;
}
// ---- public API ----
/** Defaults for absent or nonsensical values: an explicit `undefined` or NaN must not switch a limit off. */
function resolveLimits(limits) {
    const pick = (key) => {
        const v = limits?.[key];
        return typeof v === 'number' && v >= 0 ? v : DEFAULT_ZIP_LIMITS[key];
    };
    return {
        maxEntries: pick('maxEntries'),
        maxMemberBytes: pick('maxMemberBytes'),
        maxRatio: pick('maxRatio')
    };
}
/**
 * Lists an archive leniently and reports every anomaly. Rejects with ZipFormatError only when there is
 * neither an end-of-central-directory record nor a local header at the start.
 */
async function listZip(ra, limits) {
    const ctx = {
        ra,
        limits: resolveLimits(limits),
        out: new Anomalies(),
        names: new Map()
    };
    const { out } = ctx;
    const marker = await spanMarker(ra);
    const eocd = await findEocd(ra);
    const walk = async (why) => {
        if ((await sigAt(ra, marker)) !== SIG_LOCAL) {
            if (eocd === undefined) {
                throw new ZipFormatError('not a zip archive: no end of central directory record and no local header');
            }
            out.add('NO_CENTRAL_DIRECTORY', why);
            return { entries: [], anomalies: out.finish(), zip64: false };
        }
        out.add('NO_CENTRAL_DIRECTORY', `${why}; members recovered from local headers`);
        const entries = await walkLocal(ctx, marker);
        return { entries, anomalies: out.finish(), zip64: false };
    };
    if (eocd === undefined)
        return walk('no end of central directory record');
    const structure = [];
    const eocdEnd = Math.min(eocd.pos + EOCD_LEN + eocd.commentLength, ra.size);
    if (eocd.comment.length < eocd.commentLength) {
        out.add('TRUNCATED', `archive comment declares ${eocd.commentLength} bytes, ${eocd.comment.length} present`);
    }
    const z64 = await findEocd64(ra, eocd, out);
    let { totalEntries, cdSize, cdOffset } = eocd;
    if (z64 !== undefined) {
        const differs = (narrow, wide, max) => narrow !== max && narrow !== wide;
        if (differs(totalEntries, z64.totalEntries, U16_MAX) ||
            differs(cdSize, z64.cdSize, U32_MAX) ||
            differs(cdOffset, z64.cdOffset, U32_MAX)) {
            out.add('CENTRAL_DIRECTORY_CORRUPT', 'the end record and the ZIP64 end record disagree');
        }
        ;
        ({ totalEntries, cdSize, cdOffset } = z64);
    }
    // miniz reads the central directory where it is declared; Python's zipfile where it must be for the end
    // record to follow it, shifting every offset by the difference (data prepended to the archive). Declared
    // first, as PyTorch does, then the shifted place.
    const cdEnd = z64?.pos ?? eocd.pos;
    const fromEnd = cdEnd - cdSize;
    let cdStart;
    if (totalEntries === 0 && cdSize === 0)
        cdStart = cdEnd;
    else if ((await sigAt(ra, cdOffset)) === SIG_CENTRAL)
        cdStart = cdOffset;
    else if (fromEnd >= 0 && (await sigAt(ra, fromEnd)) === SIG_CENTRAL)
        cdStart = fromEnd;
    else
        return walk(`no central directory at offset ${cdOffset} or ${fromEnd}`);
    const shift = cdStart === fromEnd && cdStart !== cdOffset ? cdStart - cdOffset : 0;
    if (shift < 0)
        out.add('CENTRAL_DIRECTORY_CORRUPT', `archive offsets are ${-shift} bytes past their data`);
    const { records, end, capped } = await readCentral(ctx, cdStart, cdStart + cdSize, totalEntries);
    structure.push({ start: cdStart, end });
    if (z64 !== undefined) {
        structure.push({ start: z64.pos, end: z64.end }, { start: z64.locatorPos, end: eocd.pos });
    }
    structure.push({ start: eocd.pos, end: eocdEnd });
    if (marker > 0)
        structure.push({ start: 0, end: marker });
    const spans = [];
    for (const rec of records) {
        const span = await attachLocal(ctx, rec, shift);
        if (span !== undefined)
            spans.push(span);
        checkEntry(ctx, rec.entry);
    }
    // Entries past the cap are not listed, so their bytes would all look like data outside entries.
    if (!capped)
        zip_checkLayout(ctx, spans, structure, shift);
    const listing = { entries: records.map((r) => r.entry), anomalies: out.finish(), zip64: !!z64 };
    if (eocd.comment.length > 0)
        listing.comment = eocd.comment.toString('latin1');
    return listing;
}
/**
 * A member's uncompressed bytes, at most `maxBytes`: EngineLimitError when more would be produced (a zip bomb
 * stops after about `maxBytes`, whatever it declares). A CRC or size mismatch is reported, not thrown, since
 * PyTorch loads such members. Throws Error for members that cannot be decoded: no local header, unsupported
 * method, encrypted data (never decrypted), CorruptMemberError for bad deflate data.
 *
 * Flag bit 0 alone does not make a member unreadable: PyTorch ignores it, so a stored member whose sizes
 * leave no room for the 12-byte encryption header, or a deflate member that inflates, is returned as is.
 *
 * @internal the engine reads members through `openMember`; tests read them whole
 */
async function readMember(ra, entry, maxBytes) {
    const m = await openMember(ra, entry, { maxBytes });
    try {
        if (m.fault instanceof EngineLimitError)
            throw m.fault;
        const parts = [];
        const step = DEFAULT_LIMITS.decodedReadBytes;
        for (let at = 0; at < m.size; at += step)
            parts.push(await m.ra.read(at, Math.min(step, m.size - at)));
        const data = Buffer.concat(parts);
        if (m.fault instanceof CorruptDataError)
            throw new CorruptMemberError(m.fault.message, data);
        if (m.fault)
            throw m.fault;
        return { data, crcOk: m.crcOk, sizeOk: data.length === entry.uncompressedSize, truncated: m.truncated };
    }
    finally {
        await m.close();
    }
}
/**
 * Opens a member with memory bounded whatever its size: at most `maxBytes` of it are served (more is a limit
 * fault), deflate data is decoded again as it is read (see decompress.ts), and its CRC is checked on a first
 * pass. Throws for members that cannot be decoded at all, as `readMember` does.
 */
async function openMember(ra, entry, opts) {
    const who = JSON.stringify(entry.name);
    if (!entry.hasLocalHeader || entry.dataOffset < 0)
        throw new Error(`${who}: no local header, cannot locate data`);
    if (entry.method === METHOD_AES)
        throw new Error(`${who}: AES encrypted (method 99), not decrypted`);
    const available = Math.max(0, Math.min(entry.compressedSize, ra.size - entry.dataOffset));
    const truncated = available < entry.compressedSize;
    if (entry.method === METHOD_STORED) {
        if (entry.encrypted && entry.compressedSize !== entry.uncompressedSize) {
            throw new Error(`${who}: encrypted (flag 0x1 with room for an encryption header), not decrypted`);
        }
        if (available > opts.maxBytes) {
            const fault = new access_EngineLimitError(`${who}: ${available} bytes exceed the ${opts.maxBytes}-byte member limit`);
            const size = opts.maxBytes;
            return {
                ra: sliceAccess(ra, entry.dataOffset, size),
                size,
                crcOk: false,
                truncated,
                fault,
                close: none
            };
        }
        const data = sliceAccess(ra, entry.dataOffset, available);
        let crc = 0;
        for (let at = 0; at < available; at += WINDOW)
            crc = external_node_zlib_.crc32(await data.read(at, WINDOW), crc);
        return { ra: data, size: available, crcOk: !truncated && crc === entry.crc32, truncated, close: none };
    }
    if (entry.method !== METHOD_DEFLATE)
        throw new Error(`${who}: unsupported compression method ${entry.method}`);
    // Lenient: a stream cut short yields what it decoded rather than a fault, as a streaming reader would have
    // consumed it; the CRC then tells.
    const d = await decodeBounded(zlibSource('deflate', ra, entry.dataOffset, available, true), {
        maxBytes: opts.maxBytes,
        deadline: opts.deadline ?? Number.POSITIVE_INFINITY,
        what: who,
        ...(opts.maxRead !== undefined && { maxRead: opts.maxRead })
    });
    let fault = d.fault;
    if (fault instanceof decompress_CorruptDataError) {
        if (entry.encrypted) {
            await d.close();
            throw new Error(`${who}: encrypted (flag 0x1) and not a plain deflate stream, not decrypted`, {
                cause: fault
            });
        }
        fault = new decompress_CorruptDataError(`${who}: ${fault.message}`);
    }
    return {
        ra: d.ra,
        size: d.size,
        crcOk: !truncated && !fault && d.crc32 === entry.crc32,
        truncated,
        ...(fault && { fault }),
        close: () => d.close()
    };
}
const none = async () => undefined;

;// CONCATENATED MODULE: ./src/engine/sniff.ts






/** torch/serialization.py MAGIC_NUMBER: PyTorch's legacy format pickles it first. */
const TORCH_MAGIC_NUMBER = 0x1950a86a20f9469cfc6cn;
/** The start of a legacy PyTorch file: PROTO 2, then the magic number as LONG1 (10 bytes, little-endian). */
const TORCH_LEGACY = Buffer.from([
    OP.PROTO,
    2,
    OP.LONG1,
    10,
    ...Array.from({ length: 10 }, (_, i) => Number((TORCH_MAGIC_NUMBER >> BigInt(8 * i)) & 0xffn))
]);
const HDF5_MAGIC = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);
const starts = (head, magic, at = 0) => head.length >= at + magic.length && magic.every((b, i) => head[at + i] === b);
/** How many leading bytes `sniff` wants (HDF5 may sit after a user block, tar's magic is at 257). */
const SNIFF_BYTES = 4096;
function sniff(head, size) {
    if (size === 0)
        return 'empty';
    // Actually Portable Executable: llamafile (and cosmopolitan binaries) start with MZqFpD
    if (starts(head, Buffer.from('MZqFpD')))
        return 'llamafile';
    if (isZipMagic(head))
        return 'zip';
    if (starts(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]))
        return '7z';
    if (starts(head, Buffer.from('Rar!\x1a\x07', 'latin1')))
        return 'rar';
    if (starts(head, [0x1f, 0x8b]))
        return 'gzip';
    if (starts(head, Buffer.from('BZh')))
        return 'bzip2';
    if (starts(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))
        return 'xz';
    if (starts(head, [0x28, 0xb5, 0x2f, 0xfd]))
        return 'zstd';
    if (starts(head, Buffer.from('ustar'), 257))
        return 'tar';
    for (const at of [0, 512, 1024, 2048])
        if (starts(head, HDF5_MAGIC, at))
            return 'hdf5';
    if (isNpyMagic(head))
        return 'npy';
    if (isGgufMagic(head))
        return 'gguf';
    if (isLegacyGgmlMagic(head))
        return 'ggml';
    if (starts(head, TORCH_LEGACY))
        return 'torch_legacy';
    if (starts(head, [0x7f, 0x45, 0x4c, 0x46]) || starts(head, Buffer.from('MZ')))
        return 'executable';
    if ([
        [0xfe, 0xed, 0xfa, 0xce],
        [0xfe, 0xed, 0xfa, 0xcf],
        [0xce, 0xfa, 0xed, 0xfe],
        [0xcf, 0xfa, 0xed, 0xfe],
        [0xca, 0xfe, 0xba, 0xbe]
    ].some((m) => starts(head, m))) {
        return 'executable';
    }
    // a FlatBuffer identifier at bytes 4..8, after the executables: a polyglot is reported as a program
    if (looksLikeTflite(head, size))
        return 'tflite';
    if (looksLikeSafetensors(head, size))
        return 'safetensors';
    if (looksLikePickle(head))
        return 'pickle';
    if (starts(head, Buffer.from('#!')))
        return 'script';
    const text = textual(head);
    if (text !== undefined)
        return /^\s*[{[]/.test(text) ? 'json' : 'text';
    // joblib's own compressors (joblib.load unpacks them, then unpickles): zlib with the usual headers, its
    // legacy `ZF` files, LZMA "alone" and LZ4 frames; only here, so text that happens to start alike stays text
    if ((head[0] === 0x78 && [0x01, 0x5e, 0x9c, 0xda].includes(head[1])) || starts(head, Buffer.from('ZF0x')))
        return 'zlib';
    if (starts(head, [0x5d, 0x00, 0x00]))
        return 'lzma';
    if (starts(head, [0x04, 0x22, 0x4d, 0x18]))
        return 'lz4';
    return 'binary';
}
/** The head as text when it is UTF-8 without control characters other than whitespace. */
function textual(head) {
    // a multi-byte character may be cut at the end of the head
    const s = head.toString('utf8');
    const body = s.endsWith('\uFFFD') ? s.replace(/\uFFFD+$/, '') : s;
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000e-\u001f\u007f\uFFFD]/.test(body))
        return undefined;
    return body;
}
/** The format families an extension claims, used to tell when content and name disagree. */
const EXTENSION_CLAIMS = {
    '.safetensors': ['safetensors'],
    '.gguf': ['gguf'],
    '.ggml': ['ggml', 'gguf'],
    '.npy': ['npy'],
    '.npz': ['zip'],
    // joblib.load opens its compressed dumps whatever their name (joblib < 0.10 wrote zlib `ZF` files as .pkl)
    '.pkl': ['pickle', 'torch_legacy', 'zlib', 'gzip', 'bzip2', 'lzma', 'xz', 'lz4'],
    '.pickle': ['pickle', 'torch_legacy', 'zlib', 'gzip', 'bzip2', 'lzma', 'xz', 'lz4'],
    '.joblib': ['pickle', 'zip', 'zlib', 'gzip', 'bzip2', 'lzma', 'xz', 'lz4'],
    '.dill': ['pickle'],
    // torch.save's oldest format is a tar archive
    '.pt': ['zip', 'torch_legacy', 'pickle', 'tar'],
    '.pth': ['zip', 'torch_legacy', 'pickle', 'tar'],
    '.ckpt': ['zip', 'torch_legacy', 'pickle', 'tar'],
    '.bin': ['zip', 'torch_legacy', 'pickle', 'binary', 'tflite', 'tar'],
    '.h5': ['hdf5'],
    '.hdf5': ['hdf5'],
    '.keras': ['zip'],
    '.onnx': ['binary'],
    '.pb': ['binary'],
    '.json': ['json'],
    '.zip': ['zip'],
    '.msgpack': ['binary'],
    // a .tflite that is no FlatBuffer stays 'binary' and unidentified (analyse-binary), never a pass
    '.tflite': ['tflite', 'binary'],
    '.llamafile': ['llamafile', 'executable']
};

;// CONCATENATED MODULE: ./src/engine/tar.ts
const BLOCK = 512;
/** Longest GNU long name or pax header read. */
const MAX_META = 1024 * 1024;
const REGULAR = ['0', '\0', '7'];
const SUPPORTED = [...REGULAR, '1', '2', '3', '4', '5', '6', 'L', 'K', 'S'];
const GNU_TYPES = ['L', 'K', 'S'];
/** A NUL-terminated field. */
function nts(buf, at, length) {
    const field = buf.subarray(at, at + length);
    const nul = field.indexOf(0);
    return field.toString('utf8', 0, nul < 0 ? field.length : nul);
}
/** A numeric field as tarfile's `nti` reads it: octal text, or GNU base-256; undefined when invalid. */
function number(buf, at, length) {
    const first = buf[at];
    if (first === 0o200 || first === 0o377) {
        let n = 0;
        for (let i = 1; i < length; i++)
            n = n * 256 + buf[at + i];
        if (first === 0o377)
            n -= 256 ** (length - 1);
        return Number.isSafeInteger(n) ? n : undefined;
    }
    const text = nts(buf, at, length).trim();
    if (text === '')
        return 0;
    return /^[+-]?[0-7]+$/.test(text) ? parseInt(text, 8) : undefined;
}
function checksumOk(h) {
    const stored = number(h, 148, 8);
    let unsigned = 256;
    let signed = 256;
    for (let i = 0; i < BLOCK; i++) {
        if (i >= 148 && i < 156)
            continue;
        unsigned += h[i];
        signed += h[i] < 128 ? h[i] : h[i] - 256;
    }
    return stored === unsigned || stored === signed;
}
/** pax records: `<length> <key>=<value>\n`. */
function paxRecords(data, into) {
    let pos = 0;
    while (pos < data.length) {
        const m = /^(\d+) ([^=]+)=/.exec(data.toString('latin1', pos, Math.min(data.length, pos + 1024)));
        if (!m)
            return data.subarray(pos).every((b) => b === 0);
        const length = Number(m[1]);
        if (length <= m[0].length || pos + length > data.length)
            return false;
        const keyEnd = pos + m[0].length;
        into.set(Buffer.from(m[2], 'latin1').toString('utf8'), data.toString('utf8', keyEnd, pos + length - 1));
        pos += length;
    }
    return true;
}
const roundUp = (n) => Math.ceil(n / BLOCK) * BLOCK;
/** Lists the archive; rejects only when the first header is not a tar header (tarfile refuses the file). */
async function listTar(ra, maxEntries) {
    const entries = [];
    const anomalies = [];
    const seen = new Set();
    const globalPax = new Map();
    let pax;
    let longName;
    let longLink;
    let pos = 0;
    const meta = async (at, size, what) => {
        if (size > MAX_META) {
            anomalies.push({ kind: 'BAD_HEADER', detail: `a ${size}-byte ${what} at offset ${at - BLOCK}` });
            return undefined;
        }
        const data = await ra.read(at, size);
        if (data.length < size) {
            anomalies.push({ kind: 'TRUNCATED', detail: `the ${what} at offset ${at - BLOCK} runs past the end` });
            return undefined;
        }
        return data;
    };
    for (;;) {
        if (pos >= ra.size) {
            // no end-of-archive blocks: tarfile accepts that
            break;
        }
        const h = await ra.read(pos, BLOCK);
        if (h.length < BLOCK) {
            anomalies.push({ kind: 'TRUNCATED', detail: `a header at offset ${pos} is cut short` });
            break;
        }
        if (h.every((b) => b === 0))
            break;
        const size = number(h, 124, 12);
        if (!checksumOk(h) || size === undefined || size < 0) {
            if (pos === 0)
                throw new Error('not a tar archive: its first header is not valid');
            anomalies.push({
                kind: 'BAD_HEADER',
                detail: `the header at offset ${pos} is not valid: tarfile stops there, other readers may go on`
            });
            break;
        }
        let type = String.fromCharCode(h[156]);
        const dataOffset = pos + BLOCK;
        if (type === 'L' || type === 'K' || type === 'x' || type === 'X' || type === 'g') {
            const data = await meta(dataOffset, size, type === 'L' || type === 'K' ? 'GNU long name' : 'pax header');
            if (!data)
                break;
            if (type === 'L')
                longName = nts(data, 0, data.length);
            else if (type === 'K')
                longLink = nts(data, 0, data.length);
            else {
                const into = type === 'g' ? globalPax : (pax ??= new Map(globalPax));
                if (!paxRecords(data, into)) {
                    anomalies.push({ kind: 'BAD_HEADER', detail: `the pax header at offset ${pos} is not valid` });
                    break;
                }
            }
            pos = dataOffset + roundUp(size);
            continue;
        }
        let name = nts(h, 0, 100);
        let linkName = nts(h, 157, 100);
        const prefix = nts(h, 345, 155);
        if (type === '\0' && name.endsWith('/'))
            type = '5';
        if (type === '5')
            name = name.replace(/\/+$/, '');
        if (prefix && !GNU_TYPES.includes(type))
            name = `${prefix}/${name}`;
        if (longName !== undefined)
            name = longName;
        if (longLink !== undefined)
            linkName = longLink;
        let realSize = size;
        let sparse = type === 'S';
        if (pax) {
            name = pax.get('path') ?? name;
            linkName = pax.get('linkpath') ?? linkName;
            const paxSize = pax.get('size');
            if (paxSize !== undefined && /^\d+$/.test(paxSize))
                realSize = Number(paxSize);
            sparse ||= [...pax.keys()].some((k) => k.startsWith('GNU.sparse.'));
        }
        pax = longName = longLink = undefined;
        if (entries.length >= maxEntries) {
            anomalies.push({
                kind: 'TOO_MANY_ENTRIES',
                detail: `more than ${maxEntries} members; the rest are not read`
            });
            break;
        }
        const isFile = REGULAR.includes(type) || !SUPPORTED.includes(type) || type === 'S';
        const entry = { name, type, size: realSize, headerOffset: pos, dataOffset, linkName, isFile };
        entries.push(entry);
        check(entry, sparse);
        // tarfile skips data only for files; a link or directory header is followed by the next header
        pos = isFile ? dataOffset + roundUp(realSize) : dataOffset;
    }
    return { entries, anomalies };
    function check(e, sparse) {
        const add = (kind, detail) => anomalies.push({ kind, entry: e.name, detail });
        const segments = e.name.split(/[/\\]/);
        if (/^[/\\]/.test(e.name) || /^[A-Za-z]:/.test(e.name))
            add('ABSOLUTE_PATH', 'name is an absolute path');
        if (segments.includes('..'))
            add('PATH_TRAVERSAL', 'name has a ".." segment');
        if (e.type === '2')
            add('SYMLINK', `a symbolic link to ${JSON.stringify(e.linkName.slice(0, 200))}`);
        if (e.type === '1' && (/^[/\\]/.test(e.linkName) || e.linkName.split(/[/\\]/).includes('..')))
            add('HARDLINK', `a hard link to ${JSON.stringify(e.linkName.slice(0, 200))}, outside the archive`);
        if (sparse)
            add('SPARSE', 'sparse data: its bytes are not laid out in the archive as read');
        if (e.isFile && e.dataOffset + e.size > ra.size)
            add('TRUNCATED', `data runs ${e.dataOffset + e.size - ra.size} bytes past the end of the archive`);
        const key = normalise(e.name);
        if (seen.has(key))
            add('DUPLICATE_NAME', 'another member has this name (tarfile extracts the last)');
        seen.add(key);
    }
}
/** `os.path.normpath` of a POSIX path, as tarfile's getmember compares names. */
function normalise(name) {
    const out = [];
    for (const s of name.split('/')) {
        if (s === '' || s === '.')
            continue;
        if (s === '..' && out.length > 0 && out[out.length - 1] !== '..')
            out.pop();
        else if (!(s === '..' && name.startsWith('/')))
            out.push(s);
    }
    const joined = out.join('/');
    return name.startsWith('/') ? `/${joined}` : joined || '.';
}

;// CONCATENATED MODULE: ./src/engine/analyse-archive.ts













/**
 * Archives and compressed streams: zip (PyTorch, Keras 3, NumPy .npz) and tar (PyTorch's oldest format) with
 * every member analysed in turn, and gzip, zlib (joblib's own framing too), bzip2, xz, LZMA and LZ4 streams
 * decoded and their content analysed, to a bounded depth. Decoded data is read through decompress.ts, so memory
 * stays flat whatever a member inflates to; its byte limit is the engine's `memberBytes`.
 */
/** Contents that are opened as archives or decoded: the depth limit applies before they are read. */
const CONTAINERS = new Set([
    'zip',
    '7z',
    'rar',
    'gzip',
    'bzip2',
    'xz',
    'zstd',
    'tar',
    'zlib',
    'lzma',
    'lz4'
]);
const tooDeep = (depth, ctx) => depth > ctx.limits.archiveDepth;
/**
 * Loaders open members by name: those named as a model format, code or a template are read whatever their first
 * bytes (a protocol-0 data.pkl reads as text); unnamed plain data and text are not.
 */
function plainData(kind, name) {
    const named = EXTENSION_CLAIMS[external_node_path_default().extname(name).toLowerCase()] !== undefined ||
        SCRIPT_EXT.test(name) ||
        /\.jinja2?$/i.test(name);
    return (kind === 'binary' || kind === 'text' || kind === 'json') && !named;
}
/** Members the engine opens: not directories. */
function worthReading(e) {
    // flag 0x1 alone does not stop PyTorch: the reader returns what is evidently not encrypted, or throws;
    // a member marked as a symbolic link is still data to PyTorch and Python's zipfile (and is an anomaly too)
    return !e.isDirectory;
}
/** The first bytes of a member, without reading the rest: stored data is read in place, deflate partly inflated. */
async function memberHead(ra, e) {
    if (!e.hasLocalHeader || e.dataOffset < 0)
        throw new Error('no local header, cannot locate data');
    const take = Math.min(e.compressedSize, Math.max(0, ra.size - e.dataOffset));
    if (e.method === 0)
        return ra.read(e.dataOffset, Math.min(take, SNIFF_BYTES));
    if (e.method !== 8)
        throw new Error(`compression method ${e.method} is not supported`);
    // deflate expands at most about 1032:1, so 4 KiB of input gives at most about 4 MiB of output
    const compressed = await ra.read(e.dataOffset, Math.min(take, SNIFF_BYTES));
    return (0,external_node_zlib_.inflateRawSync)(compressed, { finishFlush: external_node_zlib_.constants.Z_SYNC_FLUSH }).subarray(0, SNIFF_BYTES);
}
const memberPath = (p, name) => (p.member ? `${p.member}/${name}` : name);
async function analyseZip(analysePart, p, ctx, out, formats, report) {
    formats.add('zip');
    if (tooDeep(p.depth, ctx)) {
        notVerified(p, out, `archives nested more than ${ctx.limits.archiveDepth} deep`);
        return;
    }
    const listing = await listZip(p.ra, {
        maxEntries: ctx.limits.archiveEntries,
        maxMemberBytes: ctx.limits.memberBytes
    });
    const names = listing.entries.map((e) => e.name);
    if (names.some((n) => /(^|\/)data\.pkl$/.test(n)))
        formats.add(names.some((n) => /(^|\/)code\//.test(n) || /(^|\/)constants\.pkl$/.test(n))
            ? 'pytorch_torch_script'
            : 'pytorch_v1_13');
    if (names.includes('config.json') && names.includes('metadata.json'))
        formats.add('keras3');
    if (names.length > 0 && names.every((n) => n.endsWith('.npy')))
        formats.add('numpy_zip');
    for (const a of listing.anomalies) {
        const traversal = a.kind === 'PATH_TRAVERSAL' || a.kind === 'ABSOLUTE_PATH' || a.kind === 'SYMLINK';
        const verifiable = [
            'COMPRESSION_RATIO',
            'DUPLICATE_NAME',
            'NAME_MISMATCH',
            'FLAG_BITS',
            'FLAG_MISMATCH',
            'METHOD_MISMATCH',
            'SUSPICIOUS_NAME',
            'DATA_OUTSIDE_ENTRIES',
            'CRC_MISMATCH',
            'SIZE_MISMATCH'
        ].includes(a.kind);
        anomaly(p, out, a, traversal, verifiable);
    }
    const kerasZip = formats.has('keras3');
    for (const e of listing.entries) {
        if (!worthReading(e))
            continue;
        const member = memberPath(p, e.name);
        if (Date.now() > ctx.deadline)
            throw new access_EngineLimitError('the time budget for this file ran out');
        try {
            // the first bytes decide (loaders pick their parser by content); tensor data is never read whole
            const head = await memberHead(p.ra, e).catch(() => undefined);
            const kind = head && sniff(head, e.uncompressedSize);
            if (plainData(kind, e.name))
                continue;
            if (kind && CONTAINERS.has(kind) && tooDeep(p.depth + 1, ctx)) {
                notVerified({ ...p, member }, out, `archives nested more than ${ctx.limits.archiveDepth} deep`);
                continue;
            }
            const m = await openMember(p.ra, e, {
                maxBytes: ctx.limits.memberBytes,
                deadline: ctx.deadline,
                maxRead: ctx.limits.decodedReadBytes
            });
            try {
                if (m.fault) {
                    if (m.size === 0)
                        throw m.fault;
                    // a streaming reader (np.load of an .npz, zipfile into pickle) acts on what inflated before the fault
                    out.add(unverified(p.file, member, m.fault));
                }
                else if (!m.crcOk && !m.truncated) {
                    out.add({
                        rule: 'SUSPICIOUS',
                        file: p.file,
                        description: `Archive anomaly (member ${member}): its data does not match its CRC-32 (changed after the archive was written; PyTorch does not check)`
                    });
                }
                const part = { file: p.file, member, ra: m.ra, name: e.name, depth: p.depth + 1 };
                if (kerasZip && e.name === 'config.json' && !m.fault) {
                    const json = await readJson(part, ctx);
                    if (json === NOT_JSON)
                        notVerified(part, out, 'the Keras config is not valid JSON');
                    else
                        kerasFindings(part, inspectKerasConfig(json), out);
                    continue;
                }
                await analysePart(part, ctx, out, formats, report);
            }
            finally {
                await m.close();
            }
        }
        catch (err) {
            out.add(unverified(p.file, member, err));
        }
    }
}
/** One archive anomaly: path escapes are arbitrary-file findings, others verifiable oddities or unverified. */
function anomaly(p, out, a, traversal, verifiable) {
    out.add({
        rule: 'SUSPICIOUS',
        ...(traversal && { threat: 'PAIT-ARV-100' }),
        file: p.file,
        ...(!traversal && !verifiable && { unverified: true }),
        description: `${traversal || verifiable ? 'Archive anomaly' : 'Could not be verified'}${at(p)}: ${a.kind.toLowerCase().replace(/_/g, ' ')}${a.entry ? ` in "${a.entry.slice(0, 200)}"` : ''} (${a.detail.slice(0, 200)})`
    });
}
/** The format name each container is reported under. */
const CONTAINER_FORMAT = {
    '7z': '7_zip',
    rar: 'rar',
    gzip: 'gzip',
    bzip2: 'bzip2',
    xz: 'xz',
    zstd: 'zstd',
    tar: 'tar',
    zlib: 'zlib',
    lzma: 'lzma',
    lz4: 'lz4'
};
/** File name suffixes of each compressed format, and what they stand for once removed. */
const SUFFIXES = {
    gzip: [
        [/\.tgz$/i, '.tar'],
        [/\.gz(?:ip)?$/i, '']
    ],
    bzip2: [
        [/\.tbz2?$/i, '.tar'],
        [/\.bz2?$/i, '']
    ],
    xz: [
        [/\.txz$/i, '.tar'],
        [/\.xz$/i, '']
    ],
    lzma: [
        [/\.tlz$/i, '.tar'],
        [/\.lzma$/i, '']
    ],
    lz4: [[/\.lz4$/i, '']],
    // joblib < 0.10 keeps an array's raw bytes as `<pickle>_NN.npy.z` (ZNDArrayWrapper, read back as bytes): no
    // .npy file inside, so the inner name claims nothing
    zlib: [
        [/\.npy\.z$/i, '.npy.z-data'],
        [/\.(?:z|zz|zlib)$/i, '']
    ]
};
/** The name of what a compressed file holds: its own name without the compression suffix. */
function innerName(name, content) {
    for (const [suffix, replacement] of SUFFIXES[content] ?? []) {
        if (suffix.test(name)) {
            const inner = name.replace(suffix, replacement);
            if (external_node_path_default().basename(inner) !== '')
                return inner;
        }
    }
    return name;
}
/**
 * joblib's files before 0.10 (`ZF`, numpy_pickle_compat.read_zfile): "ZF", the data's length in hex padded to
 * 19 characters (a 20th, a space, from Python 2 and joblib ≤ 0.8.4), then one zlib stream.
 */
async function zfileStart(ra) {
    const head = await ra.read(0, 22);
    if (head.toString('latin1', 0, 2) !== 'ZF')
        return 0;
    // int(length, 16) of the padded field
    if (head.length < 22 || !/^\s*0x[0-9a-f]+\s*$/i.test(head.toString('latin1', 2, 21)))
        return undefined;
    return head[21] === 0x20 ? 22 : 21;
}
/** How each compressed format is decoded. */
function codec(content, ra, offset) {
    const length = ra.size - offset;
    switch (content) {
        case 'gzip':
        case 'zlib':
            return zlibSource(content, ra, offset, length);
        case 'bzip2':
            return inputSource(ra, offset, length, bzip2Streams);
        case 'xz':
            return inputSource(ra, offset, length, xzStreams);
        case 'lzma':
            return inputSource(ra, offset, length, lzmaAlone);
        case 'lz4':
            return inputSource(ra, offset, length, lz4Frames);
        default:
            return undefined;
    }
}
/**
 * A compressed stream or a non-zip archive. Compressed data is decoded and what it holds analysed as a part of
 * its own (joblib's compressed pickles are walked like plain ones); what decoded before a fault is analysed and
 * the fault reported. 7z, rar and zstd are not opened (no maintained JavaScript reader of the first two;
 * zstd is written by no model library), so they are never a pass.
 */
async function analyseContainer(analysePart, p, content, ctx, out, formats, report) {
    const format = CONTAINER_FORMAT[content];
    formats.add(format);
    if (tooDeep(p.depth, ctx)) {
        notVerified(p, out, `archives nested more than ${ctx.limits.archiveDepth} deep`);
        return;
    }
    if (content === 'tar') {
        await analyseTar(analysePart, p, ctx, out, formats, report);
        return;
    }
    const offset = content === 'zlib' ? await zfileStart(p.ra) : 0;
    if (offset === undefined) {
        notVerified(p, out, `a joblib ZF file whose length field is not a hexadecimal number`);
        return;
    }
    if (offset > 0)
        formats.add('joblib');
    const source = codec(content, p.ra, offset);
    if (!source) {
        notVerified(p, out, `a ${format} archive, which the engine does not open (loaders that unpack it would run whatever it holds)`);
        return;
    }
    const decoded = await decodeBounded(source, {
        maxBytes: ctx.limits.memberBytes,
        deadline: ctx.deadline,
        what: `the ${format} data`,
        maxRead: ctx.limits.decodedReadBytes
    });
    try {
        if (decoded.fault) {
            const why = decoded.fault instanceof access_EngineLimitError
                ? decoded.fault
                : new Error(`the ${format} data breaks after ${decoded.size} bytes: ${decoded.fault.message}`);
            out.add(unverified(p.file, p.member, why));
        }
        if (decoded.size === 0 && decoded.fault)
            return;
        const name = innerName(p.name, content);
        const part = {
            file: p.file,
            member: memberPath(p, external_node_path_default().basename(name)),
            ra: decoded.ra,
            name,
            depth: p.depth + 1
        };
        await analysePart(part, ctx, out, formats, report);
    }
    finally {
        await decoded.close();
    }
}
/** PyTorch's storage classes of the legacy tar format, by the size of their elements. */
const ELEMENT_SIZE = new Map([
    ['DoubleStorage', 8],
    ['FloatStorage', 4],
    ['HalfStorage', 2],
    ['LongStorage', 8],
    ['IntStorage', 4],
    ['ShortStorage', 2],
    ['CharStorage', 1],
    ['ByteStorage', 1],
    ['BoolStorage', 1],
    ['BFloat16Storage', 2],
    ['ComplexDoubleStorage', 16],
    ['ComplexFloatStorage', 8],
    ['QUInt8Storage', 1],
    ['QInt8Storage', 1],
    ['QInt32Storage', 4],
    ['QUInt4x2Storage', 1],
    ['QUInt2x4Storage', 1]
]);
/** The members torch.load's legacy tar branch reads (tarfile matches normalised names). */
const TORCH_TAR_MEMBERS = ['pickle', 'storages', 'tensors'];
async function analyseTar(analysePart, p, ctx, out, formats, report) {
    const listing = await listTar(p.ra, ctx.limits.archiveEntries);
    const names = new Set(listing.entries.map((e) => normalise(e.name)));
    const torch = TORCH_TAR_MEMBERS.every((n) => names.has(n));
    if (torch)
        formats.add('pytorch_tar');
    for (const a of listing.anomalies) {
        const traversal = a.kind === 'PATH_TRAVERSAL' ||
            a.kind === 'ABSOLUTE_PATH' ||
            a.kind === 'SYMLINK' ||
            a.kind === 'HARDLINK';
        anomaly(p, out, a, traversal, a.kind === 'DUPLICATE_NAME');
    }
    for (const e of listing.entries) {
        if (!e.isFile)
            continue;
        const member = memberPath(p, e.name);
        if (Date.now() > ctx.deadline)
            throw new access_EngineLimitError('the time budget for this file ran out');
        try {
            const ra = sliceAccess(p.ra, e.dataOffset, e.size);
            const kind = sniff(await ra.read(0, SNIFF_BYTES), ra.size);
            const part = { file: p.file, member, ra, name: e.name, depth: p.depth + 1 };
            const which = normalise(e.name);
            if (torch && (which === 'storages' || which === 'tensors')) {
                await torchRecords(part, which, ctx, out);
                continue;
            }
            if (plainData(kind, e.name))
                continue;
            if (CONTAINERS.has(kind) && tooDeep(part.depth, ctx)) {
                notVerified(part, out, `archives nested more than ${ctx.limits.archiveDepth} deep`);
                continue;
            }
            await analysePart(part, ctx, out, formats, report);
        }
        catch (err) {
            out.add(unverified(p.file, member, err));
        }
    }
}
/**
 * The `storages` and `tensors` members of a legacy tar checkpoint, read as torch.load reads them: a pickle (the
 * count), then per record a pickle and raw bytes (a storage: an int64 element count and its elements, whose
 * size the storage class in the pickle gives; a tensor: ndim, 4 bytes, sizes, strides, offset); `storages`
 * ends with the pickle of the storage views. Every pickle is walked; bytes that cannot be placed are unverified.
 */
async function torchRecords(p, which, ctx, out) {
    const walk = (offset) => walkPickles(p.ra, { limits: ctx.limits, offset, maxPickles: 1, deadline: ctx.deadline });
    const cannot = (why) => notVerified(p, out, `the legacy PyTorch ${which} ${why}`);
    let offset = 0;
    for (let records = 0; offset < p.ra.size; records++) {
        if (records > ctx.limits.picklesPerFile * 1000)
            return cannot('member holds more records than the engine reads');
        const w = await walk(offset);
        pickleFindings(w, p.file, 'pytorch', out, ctx.allowedGlobals);
        if (w.pickles < 1)
            return;
        offset = w.end;
        if (records === 0)
            continue;
        if (which === 'tensors') {
            const head = await p.ra.read(offset, 4);
            const ndim = head.length === 4 ? head.readInt32LE(0) : -1;
            if (ndim < 0 || ndim > 1024)
                return cannot(`record at byte ${offset} has no valid dimension count`);
            offset += 8 + 16 * ndim + 8;
        }
        else {
            const sizes = new Set(w.imports
                .filter((i) => i.module === 'torch' || i.module === 'torch.cuda')
                .flatMap((i) => ELEMENT_SIZE.get(i.name) ?? []));
            // the storage views: the last pickle torch reads from this member
            if (sizes.size === 0)
                return;
            const count = await p.ra.read(offset, 8);
            const n = count.length === 8 ? Number(count.readBigInt64LE(0)) : -1;
            if (sizes.size > 1 || n < 0)
                return cannot(`record at byte ${offset} has no readable element count`);
            offset += 8 + n * [...sizes][0];
        }
        if (offset > p.ra.size)
            return cannot('data runs past the end of the member');
    }
}

;// CONCATENATED MODULE: ./src/engine/formats/data-protos.ts


function strict(buf, rules, what) {
    const ruleOf = typeof rules === 'function' ? rules : (no) => rules[no];
    try {
        for (const f of fields(buf)) {
            const rule = ruleOf(f.no);
            if (!rule)
                throw new ProtoError('BAD_WIRE', `field ${f.no} is not part of ${what}`);
            rule(f);
        }
        return undefined;
    }
    catch (e) {
        if (e instanceof ProtoError)
            return e.message;
        throw e;
    }
}
const wire = (...allowed) => (f) => {
    if (!allowed.includes(f.wire))
        throw new ProtoError('BAD_WIRE', `field ${f.no} has wire type ${f.wire}`);
};
const VARINT = wire(WireType.VARINT);
const data_protos_LEN = wire(WireType.LEN);
const FIXED32 = wire(WireType.I32);
/** A message field whose body must itself read strictly. */
const message = (rules, what) => (f) => {
    data_protos_LEN(f);
    const why = strict(f.bytes, rules, what);
    if (why !== undefined)
        throw new ProtoError('BAD_WIRE', `${what}: ${why}`);
};
/** A repeated scalar: unpacked (one value of `single` wire type) or packed (a LEN of such values). */
const repeated = (single) => (f) => {
    if (f.wire === single)
        return;
    if (f.wire !== WireType.LEN)
        throw new ProtoError('BAD_WIRE', `field ${f.no} has wire type ${f.wire}`);
    if (single === WireType.I32 || single === WireType.I64) {
        if (f.bytes.length % (single === WireType.I32 ? 4 : 8) !== 0)
            throw new ProtoError('BAD_WIRE', `packed field ${f.no} has a partial value`);
        return;
    }
    for (let pos = 0; pos < f.bytes.length;)
        pos = readVarint(f.bytes, pos).next;
};
/** Any well-formed message (specs whose fields the engine does not need). */
const anyMessage = (f) => {
    data_protos_LEN(f);
    for (const _ of fields(f.bytes))
        void _;
};
/** tensorflow/core/framework/versions.proto VersionDef */
const VersionDef = { 1: VARINT, 2: VARINT, 3: repeated(WireType.VARINT) };
/**
 * tensorflow/core/protobuf/fingerprint.proto FingerprintDef: saved_model_checksum (1), graph_def_program_hash
 * (2), signature_def_hash (3), saved_object_graph_hash (4), checkpoint_hash (5), all uint64, and version (6), a
 * VersionDef. Earlier releases wrote fields 1 and 2 only.
 */
function checkFingerprintDef(buf) {
    if (buf.length === 0)
        return 'the file is empty';
    return strict(buf, { 1: VARINT, 2: VARINT, 3: VARINT, 4: VARINT, 5: VARINT, 6: message(VersionDef, 'VersionDef') }, 'FingerprintDef');
}
const StringStringEntry = { 1: data_protos_LEN, 2: data_protos_LEN };
/** TensorProto's fields but external data (13), which only a top-level test tensor may have. */
const NESTED_TENSOR = {
    1: repeated(WireType.VARINT),
    2: VARINT,
    3: message({ 1: VARINT, 2: VARINT }, 'Segment'),
    4: repeated(WireType.I32),
    5: repeated(WireType.VARINT),
    6: data_protos_LEN,
    7: repeated(WireType.VARINT),
    8: data_protos_LEN,
    9: data_protos_LEN,
    10: repeated(WireType.I64),
    11: repeated(WireType.VARINT),
    12: data_protos_LEN,
    14: VARINT,
    16: message(StringStringEntry, 'StringStringEntryProto')
};
/**
 * onnx/onnx.proto TensorProto, as the ONNX backend tests store inputs and outputs: dims (1), data_type (2),
 * segment (3), float_data (4), int32_data (5), string_data (6), int64_data (7), name (8), raw_data (9),
 * double_data (10), uint64_data (11), doc_string (12), external_data (13), data_location (14), metadata_props
 * (16).
 */
function inspectTensorProto(buf) {
    const external = [];
    const externalEntry = (f) => {
        message(StringStringEntry, 'StringStringEntryProto')(f);
        let key = '';
        let value = '';
        for (const g of fields(f.bytes)) {
            if (g.no === 1)
                key = protobuf_str(g, 256);
            else
                value = protobuf_str(g);
        }
        if (key === 'location' && external.length < 100)
            external.push({ location: value, problems: externalPathProblems(value) });
    };
    const problem = buf.length === 0
        ? 'the file is empty'
        : strict(buf, { ...NESTED_TENSOR, 13: externalEntry }, 'TensorProto');
    // the backend tests of sequence, optional and map operators store those containers instead
    if (problem !== undefined && valueContainer(buf) === undefined)
        return { problem: undefined, external };
    return { problem, external };
}
/** Containers nest; deeper than this is not test data. */
const data_protos_MAX_NESTING = 16;
/**
 * onnx/onnx-ml.proto SequenceProto {name 1, elem_type 2, tensor_values 3, sparse_tensor_values 4,
 * sequence_values 5, map_values 6, optional_values 7}, MapProto {name 1, key_type 2, keys 3, string_keys 4,
 * values 5 (a SequenceProto)} and OptionalProto {name 1, elem_type 2, tensor_value 3, sparse_tensor_value 4,
 * sequence_value 5, map_value 6, optional_value 7}.
 */
function containerRules(depth) {
    if (depth > data_protos_MAX_NESTING)
        return { sequence: {}, map: {}, optional: {} };
    const inner = () => containerRules(depth + 1);
    const nested = (kind, what) => (f) => message(inner()[kind], what)(f);
    const values = {
        1: data_protos_LEN,
        2: VARINT,
        3: message(NESTED_TENSOR, 'TensorProto'),
        4: anyMessage,
        5: nested('sequence', 'SequenceProto'),
        6: nested('map', 'MapProto'),
        7: nested('optional', 'OptionalProto')
    };
    return {
        sequence: values,
        optional: values,
        map: { 1: data_protos_LEN, 2: VARINT, 3: repeated(WireType.VARINT), 4: data_protos_LEN, 5: nested('sequence', 'SequenceProto') }
    };
}
/** undefined when `buf` reads strictly as one of ONNX's value containers; else why not (the first). */
function valueContainer(buf) {
    const rules = containerRules(0);
    for (const [kind, what] of [
        ['sequence', 'SequenceProto'],
        ['optional', 'OptionalProto'],
        ['map', 'MapProto']
    ])
        if (strict(buf, rules[kind], what) === undefined)
            return undefined;
    return 'it is no TensorProto, SequenceProto, OptionalProto or MapProto';
}
/**
 * google/sentencepiece sentencepiece_model.proto ModelProto (`tokenizer.model`, `spiece.model`): pieces (1) of
 * SentencePiece {piece (1) string, score (2) float, type (3) enum}, trainer_spec (2), normalizer_spec (3),
 * self_test_data (4), denormalizer_spec (5), and extensions from 200. A model has at least one piece.
 */
function checkSentencePieceModel(buf) {
    let pieces = 0;
    const piece = message(withExtensions({ 1: data_protos_LEN, 2: FIXED32, 3: VARINT }), 'SentencePiece');
    const counted = (f) => {
        pieces++;
        piece(f);
    };
    const model = withExtensions({ 1: counted, 2: anyMessage, 3: anyMessage, 4: anyMessage, 5: anyMessage });
    const why = buf.length === 0 ? 'the file is empty' : strict(buf, model, 'ModelProto');
    return why ?? (pieces === 0 ? 'it has no piece' : undefined);
}
/** `extensions 200 to max`: any well-formed field from 200 on. */
const withExtensions = (rules) => (no) => rules[no] ?? (no >= 200 ? () => undefined : undefined);
/** The magic number that ends every table of TensorFlow's checkpoint index (tensorflow/core/lib/io/format.h). */
const TABLE_MAGIC = Buffer.from([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb]);
/** A table footer: two block handles padded to 40 bytes, then the magic. */
const TABLE_FOOTER_BYTES = 48;
/** The last bytes of a `variables.index` end as a TensorFlow table (SSTable) does. */
function isTfTableFooter(tail) {
    return tail.length === TABLE_FOOTER_BYTES && tail.subarray(40).equals(TABLE_MAGIC);
}

;// CONCATENATED MODULE: ./src/engine/analyse-binary.ts








/** Binary formats known by name: ONNX, SavedModel and frozen graphs, Keras metadata, Flax; LiteRT by content. */
/** What a SavedModel or a frozen graph runs: unsafe operators outside the saver functions, unknown operators. */
function tensorflowFindings(p, tf, out) {
    unverifiable(p, out, tf.problems);
    for (const op of tf.unsafeOps) {
        // every SavedModel's own save/restore functions read and write checkpoints; elsewhere those ops are unusual
        if (op.severity === 'low' || (op.saverContext && TF_UNSAFE_OP_INFO.get(op.op)?.checkpoint))
            continue;
        out.add({
            rule: 'RUNTIME',
            threat: op.severity === 'critical' ? 'PAIT-TF-300' : 'PAIT-TF-301',
            file: p.file,
            operator: op.op,
            description: (op.severity === 'critical'
                ? `Operator ${op.op} (node ${op.node.slice(0, 100)}, ${op.where.slice(0, 100)})${at(p)} runs Python code when the model runs`
                : `Operator ${op.op} (node ${op.node.slice(0, 100)}, ${op.where.slice(0, 100)})${at(p)} reads or writes files, processes or the network when the model runs`) +
                (op.detail ? `: ${op.detail.slice(0, 200)}` : '')
        });
    }
    if (tf.unsafeOpsTruncated)
        notVerified(p, out, 'more unsafe operators than the engine lists', 'RUNTIME');
    for (const op of tf.unknownOps) {
        out.add({
            rule: 'OPERATORS',
            threat: 'PAIT-TF-302',
            file: p.file,
            operator: op,
            description: `Operator ${op.slice(0, 100)}${at(p)} is not a known TensorFlow operator`
        });
    }
}
async function analyseBinary(p, ctx, out, formats) {
    const base = external_node_path_default().basename(p.name).toLowerCase();
    const ext = external_node_path_default().extname(base);
    const whole = () => readWhole(p, ctx.limits.memberBytes, 'file read whole for this format');
    if (ext === '.onnx') {
        formats.add('onnx');
        const onnx = inspectOnnx(await whole());
        unverifiable(p, out, onnx.problems);
        for (const op of onnx.operators) {
            // contrib ops (com.microsoft) ship with ONNX Runtime and local functions are defined in the file itself;
            // only other domains need a custom operator library (native code) to load
            if (op.domainKind !== 'custom' || op.localFunction)
                continue;
            out.add({
                rule: 'OPERATORS',
                file: p.file,
                module: op.domain,
                operator: op.opType,
                description: `Operator ${op.domain}::${op.opType}${at(p)} is not from a standard ONNX domain (a custom operator library, native code, must be loaded)`
            });
        }
        for (const t of onnx.externalTensors) {
            if (t.problems.length === 0)
                continue;
            out.add({
                rule: 'SUSPICIOUS',
                file: p.file,
                description: `External data path "${t.location.slice(0, 200)}" of tensor ${t.tensor.slice(0, 100)}${at(p)} escapes the model directory: ${t.problems.join(', ')}`
            });
        }
        if (onnx.externalDataTruncated)
            notVerified(p, out, `more tensors with external data than the engine lists`);
        // the loader resolves external data against the model file's own folder: only a file of the model has one
        if (p.depth === 0 && p.member === undefined)
            ctx.companions?.addOnnx(p.file, onnx.externalTensors);
        return false;
    }
    if (base === 'saved_model.pb') {
        formats.add('tensorflow');
        tensorflowFindings(p, inspectSavedModel(await whole()), out);
        return false;
    }
    if (base === 'keras_metadata.pb') {
        formats.add('keras_metadata');
        const meta = inspectKerasMetadata(await whole());
        unverifiable(p, out, meta.problems);
        for (const node of meta.nodes) {
            let json;
            try {
                json = JSON.parse(node.metadata);
            }
            catch {
                notVerified(p, out, `the metadata of ${node.nodePath.slice(0, 100)} is not JSON`);
                continue;
            }
            kerasFindings(p, inspectKerasConfig(json), out);
        }
        return false;
    }
    if (ext === '.pb') {
        // any other .pb is read as TensorFlow reads a frozen graph (GraphDef.ParseFromString, import_graph_def);
        // one in which no node was read is not a graph, and stays unidentified below
        const graph = inspectGraphDef(await whole());
        if (graph.nodeCount > 0) {
            formats.add('tensorflow');
            tensorflowFindings(p, graph, out);
            return false;
        }
    }
    if (ext === '.msgpack') {
        formats.add('flax');
        return false;
    }
    if (ext === '.model' || ext === '.spm') {
        // SentencePiece tokenizers (tokenizer.model, spiece.model, source.spm): data for a C++ library
        if (p.ra.size <= ctx.limits.jsonBytes && checkSentencePieceModel(await whole()) === undefined) {
            formats.add('sentencepiece');
            return true;
        }
    }
    if (SCRIPT_EXT.test(base)) {
        out.add({
            rule: 'SUSPICIOUS',
            file: p.file,
            description: `'${external_node_path_default().basename(p.name)}'${at(p)} is code bundled with the model (compiled, or text that is not UTF-8)`
        });
        return true;
    }
    if (EXTENSION_CLAIMS[ext]) {
        // named as a model format, yet none the engine can identify: it cannot be verified
        formats.add('unknown');
        notVerified(p, out, `the content of '${base}' is not a format the engine can identify`);
        return false;
    }
    return true;
}
/** Custom operators that need native code, Flex operators that run unsafe TensorFlow ops, malformed models. */
async function analyseTflite(p, ctx, out, formats) {
    formats.add('litert');
    // models over 2 GB keep their weights after the FlatBuffer: the first bytes hold every table
    const tfl = inspectTflite(await p.ra.read(0, Math.min(p.ra.size, ctx.limits.memberBytes)), p.ra.size);
    unverifiable(p, out, tfl.problems);
    for (const name of tfl.customOps) {
        out.add({
            rule: 'OPERATORS',
            file: p.file,
            operator: name.slice(0, 100),
            description: `Operator ${name ? JSON.stringify(name.slice(0, 100)) : 'without a name'}${at(p)} is a TFLite custom operator: the model needs a custom operator library (native code) to load`
        });
    }
    for (const f of tfl.flexOps) {
        const op = f.op.slice(0, 100);
        if (f.unsafe && f.unsafe.severity !== 'low') {
            out.add({
                rule: 'RUNTIME',
                file: p.file,
                operator: `Flex${op}`,
                description: `Flex operator ${op}${at(p)} runs the TensorFlow op of that name, which ${f.unsafe.reason}, when the model runs`
            });
        }
        else if (!f.known) {
            out.add({
                rule: 'OPERATORS',
                file: p.file,
                operator: `Flex${op}`,
                description: `Flex operator ${op}${at(p)} is not a known TensorFlow operator (it needs a library that registers it)`
            });
        }
    }
    for (const e of tfl.externalFiles) {
        if (e.problems.length === 0)
            continue;
        out.add({
            rule: 'SUSPICIOUS',
            file: p.file,
            description: `External buffer file "${e.name.slice(0, 200)}"${at(p)} escapes the model directory: ${e.problems.join(', ')}`
        });
    }
    if (p.depth === 0 && p.member === undefined)
        ctx.companions?.addTflite(p.file, tfl.externalFiles);
}

;// CONCATENATED MODULE: ./src/engine/analyse-companion.ts




/**
 * A file another file of the model reads as data (see companions.ts), whose content is not something a loader
 * could run: classified as that data, and checked as far as its format allows. Resolves false when the content
 * is not what the companion should be, and the file is analysed as any other.
 */
/** What a companion's content may be sniffed as: anything else (a pickle that decodes, an archive, a program) is analysed as usual. */
const DATA_CONTENT = new Set(['binary', 'text', 'json', 'pickle', 'empty']);
async function analyseCompanion(p, c, content, ctx, out, formats) {
    const model = JSON.stringify(c.model.slice(0, 200));
    switch (c.kind) {
        case 'onnx_external_data':
        case 'litert_external_data':
            // raw tensor bytes can be anything, text included; what matters is that every range the model reads is there
            for (const r of c.reads) {
                const end = r.length === undefined ? r.offset : r.offset + r.length;
                if (r.invalid)
                    notVerified(p, out, `${model} reads ${r.what} from this file, but ${r.invalid}`);
                else if (end > BigInt(p.ra.size))
                    notVerified(p, out, `${model} reads ${r.what} at bytes ${r.offset}..${end}, past the end of this ${p.ra.size}-byte file`);
            }
            formats.add(c.kind);
            return true;
        case 'tensorflow_variables': {
            if (external_node_path_default().posix.basename(p.name) === 'variables.index') {
                if (p.ra.size < TABLE_FOOTER_BYTES)
                    return false;
                const tail = await p.ra.read(p.ra.size - TABLE_FOOTER_BYTES, TABLE_FOOTER_BYTES);
                if (!isTfTableFooter(tail))
                    return false;
            }
            formats.add(c.kind);
            return true;
        }
        case 'tensorflow_asset': {
            // read as data by the SavedModel's ops; text (scripts, templates, configs) keeps its own checks, and a
            // model format by name is still that format
            if (content === 'text' || content === 'json')
                return false;
            if (PROTOBUF_NAME.test(p.name) || /\.(?:onnx|tflite)$/i.test(p.name))
                return false;
            if (/\.pb$/i.test(p.name) && p.ra.size <= ctx.limits.memberBytes) {
                // a clean frozen graph among the assets is still a graph a loader could import
                const graph = inspectGraphDef(await readWhole(p, ctx.limits.memberBytes, 'asset'));
                if (graph.nodeCount > 0 && graph.problems.length === 0)
                    return false;
            }
            formats.add(c.kind);
            return true;
        }
        case 'tensorflow_fingerprint': {
            if (p.ra.size > 64 * 1024)
                return false;
            if (checkFingerprintDef(await readWhole(p, 64 * 1024, 'fingerprint')) !== undefined)
                return false;
            formats.add(c.kind);
            return true;
        }
        case 'onnx_tensor': {
            if (p.ra.size > ctx.limits.memberBytes)
                return false;
            const t = inspectTensorProto(await readWhole(p, ctx.limits.memberBytes, 'tensor'));
            if (t.problem !== undefined)
                return false;
            for (const e of t.external) {
                if (e.problems.length === 0)
                    continue;
                out.add({
                    rule: 'SUSPICIOUS',
                    file: p.file,
                    description: `External data path "${e.location.slice(0, 200)}" of the test tensor${at(p)} escapes the model directory: ${e.problems.join(', ')}`
                });
            }
            formats.add(c.kind);
            return true;
        }
    }
}

;// CONCATENATED MODULE: ./src/engine/metadata.ts
/**
 * What a model repository says about itself in text: the license of its model card and LICENSE files, custom
 * code that `trust_remote_code` would run (`auto_map`), and chat templates, which inference servers render.
 */
/** SPDX-style identifiers as the Hugging Face hub writes them (lower case). */
const LICENSE_TEXTS = [
    [/Apache License,?\s+Version 2\.0/i, 'apache-2.0'],
    [/\bMIT License\b|Permission is hereby granted, free of charge, to any person obtaining a copy/i, 'mit'],
    [/Redistribution and use in source and binary forms[\s\S]{0,1500}Neither the name/i, 'bsd-3-clause'],
    [/Redistribution and use in source and binary forms/i, 'bsd-2-clause'],
    [/GNU AFFERO GENERAL PUBLIC LICENSE\s+Version 3/i, 'agpl-3.0'],
    [/GNU LESSER GENERAL PUBLIC LICENSE\s+Version 3/i, 'lgpl-3.0'],
    [/GNU GENERAL PUBLIC LICENSE\s+Version 3/i, 'gpl-3.0'],
    [/GNU GENERAL PUBLIC LICENSE\s+Version 2/i, 'gpl-2.0'],
    [/Mozilla Public License,?\s+(?:Version|v\.?)\s*2\.0/i, 'mpl-2.0'],
    [/Attribution-NonCommercial-ShareAlike 4\.0/i, 'cc-by-nc-sa-4.0'],
    [/Attribution-NonCommercial 4\.0/i, 'cc-by-nc-4.0'],
    [/Attribution-ShareAlike 4\.0/i, 'cc-by-sa-4.0'],
    [/Attribution 4\.0 International/i, 'cc-by-4.0'],
    [/Creative Commons (?:Legal Code\s+)?CC0 1\.0|CC0 1\.0 Universal/i, 'cc0-1.0'],
    [/This is free and unencumbered software released into the public domain/i, 'unlicense'],
    [/LLAMA 2 COMMUNITY LICENSE/i, 'llama2'],
    [/LLAMA 3(?:\.\d)? COMMUNITY LICENSE/i, 'llama3'],
    [/OpenRAIL/i, 'openrail']
];
const LICENSE_FILE = /^(?:.*\/)?(?:LICEN[CS]E|COPYING)(?:[._-][\w.-]*)?$/i;
const MODEL_CARD = /^(?:.*\/)?README\.md$/i;
/** The license a LICENSE file's text is, or undefined when it cannot be told. */
function licenseOfText(text) {
    const head = text.slice(0, 64 * 1024);
    return LICENSE_TEXTS.find(([re]) => re.test(head))?.[1];
}
/**
 * The `license:` of a model card's YAML front matter (a scalar or a list), lower-cased. Only the front matter
 * is read, with a plain line grammar: the card is untrusted text, not a document to evaluate.
 */
function licensesOfModelCard(text) {
    const m = /^\uFEFF?---\r?\n([\s\S]{0,65536}?)\r?\n---\s*(?:\r?\n|$)/.exec(text);
    if (!m)
        return [];
    const lines = m[1].split(/\r?\n/);
    const out = [];
    for (let i = 0; i < lines.length; i++) {
        const kv = /^license:\s*(.*)$/.exec(lines[i]);
        if (!kv)
            continue;
        const value = kv[1].trim();
        if (value.startsWith('[')) {
            out.push(...value.replace(/[[\]]/g, '').split(',').map(metadata_clean).filter(Boolean));
        }
        else if (value) {
            out.push(metadata_clean(value));
        }
        else {
            for (let j = i + 1; j < lines.length && /^\s*-\s*/.test(lines[j]); j++)
                out.push(metadata_clean(lines[j].replace(/^\s*-\s*/, '')));
        }
    }
    return [...new Set(out.filter(Boolean))];
}
const metadata_clean = (s) => s
    .trim()
    .replace(/^['"]|['"]$/g, '')
    .replace(/\s+#.*$/, '')
    .toLowerCase()
    .slice(0, 100);
/** `auto_map` entries of a transformers/diffusers config: classes loaded from the repository's own code. */
function autoMapEntries(json) {
    if (typeof json !== 'object' || json === null)
        return [];
    const map = json.auto_map;
    if (typeof map !== 'object' || map === null)
        return [];
    const out = [];
    for (const [k, v] of Object.entries(map).slice(0, 100)) {
        const refs = Array.isArray(v) ? v : [v];
        for (const r of refs)
            if (typeof r === 'string')
                out.push(`${k} → ${r.slice(0, 200)}`);
    }
    return out;
}
/** Chat templates of a tokenizer_config.json (`chat_template` as a string, or a list of named templates). */
function chatTemplates(json) {
    if (typeof json !== 'object' || json === null)
        return [];
    const t = json.chat_template;
    if (typeof t === 'string')
        return [{ name: 'default', template: t }];
    if (!Array.isArray(t))
        return [];
    return t
        .slice(0, 100)
        .filter((x) => typeof x === 'object' && x !== null && typeof x.template === 'string')
        .map((x) => ({
        name: typeof x.name === 'string' ? x.name.slice(0, 100) : 'unnamed',
        template: x.template
    }));
}

;// CONCATENATED MODULE: ./src/engine/analyse-text.ts




/** Text and JSON files: code shipped beside the model, chat templates, model cards, configs that name code. */
async function analyseText(p, content, ctx, out, formats, report) {
    const base = external_node_path_default().basename(p.name);
    const lower = base.toLowerCase();
    if (SCRIPT_EXT.test(lower)) {
        out.add({
            rule: 'SUSPICIOUS',
            file: p.file,
            description: lower.endsWith('.py')
                ? `'${base}'${at(p)} is Python code shipped with the model (loading with trust_remote_code would run it)`
                : `'${base}'${at(p)} is a script bundled with the model`
        });
        return true;
    }
    // a template first: `additional_chat_templates/license.jinja` is rendered whatever its name says
    if (TEMPLATE_NAME.test(lower)) {
        // the whole template: what a renderer reads past a cut would not be checked
        const text = (await readWhole(p, ctx.limits.jsonBytes, 'template')).toString('utf8');
        formats.add('jinja_template');
        templateFinding(p, base, text, out);
        // rendered by code, not loaded as a model: outside the format rule, yet verified (isModelFile)
        return true;
    }
    if (MODEL_CARD.test(p.name) || LICENSE_FILE.test(p.name)) {
        const text = (await p.ra.read(0, Math.min(p.ra.size, 1024 * 1024))).toString('utf8');
        const found = MODEL_CARD.test(p.name)
            ? licensesOfModelCard(text)
            : [licenseOfText(text)].filter((l) => !!l);
        report.licenseSource = true;
        if (found.length)
            report.licenses = [...(report.licenses ?? []), ...found];
        return true;
    }
    if (/(?:^|\/)saved_model\.pbtxt$/i.test(p.name)) {
        formats.add('tensorflow');
        notVerified(p, out, 'a SavedModel in protobuf text format, which the engine does not read');
        return false;
    }
    if (/\.ya?ml$/.test(lower)) {
        formats.add('yaml');
        return false;
    }
    // a vocabulary is read by name, and BERT's starts with `[PAD]`, which sniffs as JSON
    if (!lower.endsWith('.json') && (await isTokenizerText(p, lower))) {
        formats.add('tokenizer');
        return true;
    }
    // configs are loaded by name (json.load of tokenizer_config.json): a .json file is parsed whatever the sniff
    // saw in its first bytes (4 KiB of spaces read as text)
    if (content === 'text' && !lower.endsWith('.json'))
        return true;
    // JSON: configs that name code to run, templates, Keras architectures
    const json = await readJson(p, ctx);
    formats.add(lower.endsWith('.safetensors.index.json') ? 'safetensors_index' : 'json');
    if (json === NOT_JSON) {
        // configs are loaded by name: one that does not parse here may still parse for its loader
        if (lower.endsWith('.json'))
            notVerified(p, out, 'the file is not valid JSON');
        return false;
    }
    for (const entry of autoMapEntries(json)) {
        out.add({
            rule: 'SUSPICIOUS',
            file: p.file,
            description: `auto_map loads custom code from the repository${at(p)}: ${entry} (needs trust_remote_code)`
        });
    }
    const checked = chatTemplates(json);
    for (const t of checked)
        templateFinding(p, `"${t.name}"`, t.template, out);
    if (checked.length > 0)
        report.templates = (report.templates ?? 0) + checked.length;
    const templates = typeof json === 'object' && json !== null ? json.chat_template : undefined;
    if (Array.isArray(templates) && templates.length > 100) {
        notVerified(p, out, `${templates.length} chat templates, more than the 100 the engine checks`);
    }
    else if (typeof templates === 'object' && templates !== null && !Array.isArray(templates)) {
        // transformers keeps a mapping of names to templates as it is, and renders its "default" (or a named one)
        for (const [name, t] of Object.entries(templates).slice(0, 100)) {
            if (typeof t !== 'string')
                continue;
            templateFinding(p, `"${name.slice(0, 100)}"`, t, out);
            report.templates = (report.templates ?? 0) + 1;
        }
        if (Object.keys(templates).length > 100)
            notVerified(p, out, 'more than 100 chat templates');
    }
    if (typeof json === 'object' &&
        json !== null &&
        'class_name' in json &&
        ('config' in json || 'layers' in json)) {
        formats.add('keras_model_json');
        kerasFindings(p, inspectKerasConfig(json), out);
    }
    return false;
}
/** WordPiece and BPE vocabularies and merges, read by name. */
const TOKENIZER_TEXT = /^(?:vocab\.txt|merges\.txt|vocab\.bpe|.*\.tiktoken)$/;
/** A tiktoken BPE file (Llama 3's `tokenizer.model`): one base64 token and its rank per line. */
const TIKTOKEN_LINE = /^[A-Za-z0-9+/]+={0,2} \d+$/;
/** Tokenizer data in text, which no loader runs: named so, or a `tokenizer.model` in tiktoken's format. */
async function isTokenizerText(p, lower) {
    if (TOKENIZER_TEXT.test(lower))
        return true;
    if (!lower.endsWith('.model'))
        return false;
    const head = (await p.ra.read(0, Math.min(p.ra.size, 64 * 1024))).toString('latin1').split('\n');
    // the last line of the head may be cut
    const lines = head.slice(0, p.ra.size > 64 * 1024 ? -1 : undefined).filter((l) => l !== '');
    return lines.length > 0 && lines.every((l) => TIKTOKEN_LINE.test(l));
}

;// CONCATENATED MODULE: ./src/engine/findings.ts
/** Findings listed per file; past it, a rule's first finding is still kept (it decides the rule's result). */
const findings_MAX_LISTED = 10_000;
/**
 * Collects findings for one file, once each. A hostile file can produce millions; only the first
 * `MAX_LISTED` are listed, but no rule ever loses its only finding to the cap (that would turn a failed rule
 * into a passed one), and what was left out is counted in one closing finding per rule.
 */
class FindingSet {
    items = [];
    seen = new Set();
    rules = new Set();
    omitted = new Map();
    add(f) {
        const key = [f.rule, f.threat, f.file, f.description, f.module, f.operator].join('\u0000');
        if (this.seen.has(key))
            return;
        if (this.items.length >= findings_MAX_LISTED && this.rules.has(f.rule)) {
            const o = this.omitted.get(f.rule) ?? { count: 0, file: f.file };
            o.count++;
            this.omitted.set(f.rule, o);
            return;
        }
        if (this.seen.size < 2 * findings_MAX_LISTED)
            this.seen.add(key);
        this.rules.add(f.rule);
        this.items.push(f);
    }
    /** Adds the closing "N more" findings; call once, when the file is done. */
    close() {
        for (const [rule, o] of this.omitted) {
            this.items.push({
                rule,
                file: o.file,
                description: `${o.count} more findings of this rule in this file were not listed`
            });
        }
        this.omitted.clear();
    }
}

;// CONCATENATED MODULE: ./src/engine/formats/h5.ts

const h5_DEFAULTS = {
    maxScanBytes: 64 * 1024 * 1024,
    maxTailBytes: 8 * 1024 * 1024,
    maxValueBytes: 64 * 1024 * 1024,
    maxHeaderBytes: 16 * 1024 * 1024,
    maxHeaderBlocks: 256
};
const SIGNATURE = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);
const WANTED = ['model_config', 'training_config', 'keras_version', 'backend'];
class H5Error extends Error {
    code;
    constructor(code, message) {
        super(message);
        this.code = code;
        this.name = 'H5Error';
    }
}
class h5_Reader {
    ra;
    limits;
    headerBytes = 0;
    constructor(ra, limits) {
        this.ra = ra;
        this.limits = limits;
    }
    async exact(offset, length, what) {
        if (!Number.isSafeInteger(offset) || offset < 0 || offset > this.ra.size) {
            throw new H5Error('BAD_FORMAT', `${what} at offset ${offset} lies outside the file`);
        }
        if (length > this.ra.size - offset)
            throw new H5Error('TRUNCATED', `${what} runs past the end of the file`);
        return this.ra.read(offset, length);
    }
}
/** A little-endian unsigned integer of `size` bytes; `undefined` for HDF5's "undefined address" (all ones). */
function uint(buf, at, size) {
    if (at + size > buf.length)
        throw new H5Error('TRUNCATED', 'a field runs past the end of its structure');
    let allOnes = true;
    let v = 0;
    for (let i = size - 1; i >= 0; i--) {
        const b = buf[at + i];
        if (b !== 0xff)
            allOnes = false;
        v = v * 256 + b;
    }
    if (allOnes)
        return undefined;
    if (!Number.isSafeInteger(v))
        throw new H5Error('BAD_FORMAT', 'an address or length beyond 2^53');
    return v;
}
function defined(v, what) {
    if (v === undefined)
        throw new H5Error('BAD_FORMAT', `${what} is undefined`);
    return v;
}
async function findSignature(ra) {
    for (let off = 0; off + 8 <= ra.size; off = off === 0 ? 512 : off * 2) {
        const b = await ra.read(off, 8);
        if (b.equals(SIGNATURE))
            return off;
    }
    return undefined;
}
async function geometry(r, sig) {
    const sb = await r.ra.read(sig, 128);
    if (sb.length < 12)
        throw new H5Error('TRUNCATED', 'superblock');
    const version = sb[8];
    if (version <= 1) {
        const o = sb[13];
        const l = sb[14];
        checkSizes(o, l);
        const baseAt = version === 0 ? 24 : 28;
        const base = uint(sb, baseAt, o) ?? sig;
        const rootHeader = defined(uint(sb, baseAt + 5 * o, o), 'root object header address');
        return { sig, base, o, l, rootHeader };
    }
    if (version === 2 || version === 3) {
        const o = sb[9];
        const l = sb[10];
        checkSizes(o, l);
        const base = uint(sb, 12, o) ?? sig;
        const rootHeader = defined(uint(sb, 12 + 3 * o, o), 'root object header address');
        return { sig, base, o, l, rootHeader };
    }
    throw new H5Error('UNSUPPORTED', `superblock version ${version}`);
}
function checkSizes(o, l) {
    if (![2, 4, 8].includes(o) || ![2, 4, 8].includes(l)) {
        throw new H5Error('BAD_FORMAT', `sizes of offsets/lengths ${o}/${l}`);
    }
}
/** Object header message types (the specification's Data Object Header Messages). */
const MESSAGE = { ATTRIBUTE: 0x000c, CONTINUATION: 0x0010, ATTRIBUTE_INFO: 0x0015 };
/** Datatype classes (of the Datatype Message) that hold strings. */
const DATATYPE_CLASS = { STRING: 3, VARIABLE_LENGTH: 9 };
/** The messages of the root object header, continuation blocks included. */
async function rootMessages(r, g) {
    const at = g.base + g.rootHeader;
    const head = await r.exact(at, 16, 'root object header');
    const messages = [];
    const blocks = [];
    let v2 = false;
    let creationOrder = false;
    const budget = (n) => {
        r.headerBytes += n;
        if (r.headerBytes > r.limits.maxHeaderBytes)
            throw new H5Error('LIMIT', 'object header larger than the limit');
    };
    if (head.subarray(0, 4).toString('latin1') === 'OHDR') {
        v2 = true;
        const pre = await r.exact(at, Math.min(64, r.ra.size - at), 'object header prefix');
        const flags = pre[5];
        creationOrder = (flags & 0x04) !== 0;
        let pos = 6 + ((flags & 0x20) !== 0 ? 16 : 0) + ((flags & 0x10) !== 0 ? 4 : 0);
        const sizeBytes = 1 << (flags & 0x03);
        const chunk = defined(uint(pre, pos, sizeBytes), 'chunk size');
        pos += sizeBytes;
        blocks.push({ at: at + pos, length: chunk });
    }
    else if (head[0] === 1) {
        const size = head.readUInt32LE(8);
        blocks.push({ at: at + 16, length: size });
    }
    else {
        throw new H5Error('BAD_FORMAT', 'the root object header has no known version');
    }
    for (let i = 0; i < blocks.length; i++) {
        if (i >= r.limits.maxHeaderBlocks)
            throw new H5Error('LIMIT', 'too many object header continuation blocks');
        const block = blocks[i];
        budget(block.length);
        let data = await r.exact(block.at, block.length, 'object header block');
        if (v2 && i > 0) {
            if (data.subarray(0, 4).toString('latin1') !== 'OCHK')
                throw new H5Error('BAD_FORMAT', 'continuation block without OCHK');
            data = data.subarray(4, Math.max(4, data.length - 4)); // signature and checksum
        }
        for (const m of v2 ? messagesV2(data, creationOrder) : messagesV1(data)) {
            if (messages.length >= 65536)
                throw new H5Error('LIMIT', 'too many object header messages');
            if (m.type === MESSAGE.CONTINUATION) {
                const offset = defined(uint(m.data, 0, g.o), 'continuation offset');
                const length = defined(uint(m.data, g.o, g.l), 'continuation length');
                blocks.push({ at: g.base + offset, length });
            }
            else
                messages.push(m);
        }
    }
    return messages;
}
function messagesV1(data) {
    const out = [];
    let pos = 0;
    while (pos + 8 <= data.length) {
        const type = data.readUInt16LE(pos);
        const size = data.readUInt16LE(pos + 2);
        if (pos + 8 + size > data.length)
            throw new H5Error('TRUNCATED', 'an object header message runs past its block');
        out.push({ type, data: data.subarray(pos + 8, pos + 8 + size) });
        pos += 8 + size;
    }
    return out;
}
function messagesV2(data, creationOrder) {
    const out = [];
    const headerSize = creationOrder ? 6 : 4;
    let pos = 0;
    while (pos + headerSize <= data.length) {
        const type = data[pos];
        const size = data.readUInt16LE(pos + 1);
        const start = pos + headerSize;
        if (start + size > data.length)
            break; // the gap before the checksum, or padding
        out.push({ type, data: data.subarray(start, start + size) });
        pos = start + size;
    }
    return out;
}
function pad8(n) {
    return Math.ceil(n / 8) * 8;
}
/** An attribute message's name, datatype and raw value bytes. */
function parseAttribute(m) {
    if (m.length < 8)
        throw new H5Error('TRUNCATED', 'attribute message');
    const version = m[0];
    const flags = m[1];
    const nameSize = m.readUInt16LE(2);
    const dtSize = m.readUInt16LE(4);
    const dsSize = m.readUInt16LE(6);
    let pos;
    let name;
    let datatype;
    if (version === 1) {
        pos = 8;
        name = cstring(m, pos, nameSize);
        pos += pad8(nameSize);
        datatype = m.subarray(pos, pos + dtSize);
        pos += pad8(dtSize) + pad8(dsSize);
    }
    else if (version === 2 || version === 3) {
        pos = version === 3 ? 9 : 8;
        name = cstring(m, pos, nameSize);
        pos += nameSize;
        datatype = m.subarray(pos, pos + dtSize);
        pos += dtSize + dsSize;
    }
    else
        throw new H5Error('UNSUPPORTED', `attribute message version ${version}`);
    if (pos > m.length || datatype.length < dtSize)
        throw new H5Error('TRUNCATED', `attribute '${name}'`);
    return { name, datatype, value: m.subarray(pos), shared: version >= 2 && (flags & 0x03) !== 0 };
}
function cstring(buf, at, size) {
    if (size === 0 || at + size > buf.length)
        throw new H5Error('TRUNCATED', 'attribute name');
    const raw = buf.subarray(at, at + size);
    const nul = raw.indexOf(0);
    return raw.subarray(0, nul < 0 ? raw.length : nul).toString('utf8');
}
/** A string attribute's value: fixed-length in the message, or variable-length in a global heap collection. */
async function stringValue(r, g, a) {
    if (a.shared)
        throw new H5Error('UNSUPPORTED', `attribute '${a.name}' uses a shared datatype or dataspace`);
    if (a.datatype.length < 8)
        throw new H5Error('TRUNCATED', `datatype of '${a.name}'`);
    const cls = a.datatype[0] & 0x0f;
    const size = a.datatype.readUInt32LE(4);
    if (cls === DATATYPE_CLASS.STRING) {
        if (size > r.limits.maxValueBytes)
            throw new H5Error('LIMIT', `attribute '${a.name}' is ${size} bytes`);
        if (a.value.length < size)
            throw new H5Error('TRUNCATED', `value of '${a.name}'`);
        return a.value
            .subarray(0, size)
            .toString('utf8')
            .replace(/[\0 ]+$/, '');
    }
    if (cls !== DATATYPE_CLASS.VARIABLE_LENGTH)
        throw new H5Error('UNSUPPORTED', `attribute '${a.name}' is not a string (datatype class ${cls})`);
    // Variable-length: the first element is a 4-byte length and a global heap ID (collection address, index).
    const length = a.value.length >= 4 ? a.value.readUInt32LE(0) : undefined;
    if (length === undefined || a.value.length < 4 + g.o + 4)
        throw new H5Error('TRUNCATED', `value of '${a.name}'`);
    if (length > r.limits.maxValueBytes)
        throw new H5Error('LIMIT', `attribute '${a.name}' is ${length} bytes`);
    const collection = defined(uint(a.value, 4, g.o), `heap collection of '${a.name}'`);
    const index = a.value.readUInt32LE(4 + g.o);
    return (await heapObject(r, g, collection, index, length, a.name)).toString('utf8');
}
async function heapObject(r, g, collection, index, length, name) {
    const at = g.base + collection;
    const head = await r.exact(at, 8 + g.l, `global heap of '${name}'`);
    if (head.subarray(0, 4).toString('latin1') !== 'GCOL')
        throw new H5Error('BAD_FORMAT', `no GCOL at the heap of '${name}'`);
    const size = defined(uint(head, 8, g.l), 'global heap size');
    if (size > r.limits.maxValueBytes + 1024 * 1024)
        throw new H5Error('LIMIT', `global heap of ${size} bytes`);
    const heap = await r.exact(at, size, `global heap of '${name}'`);
    const objectHeader = 8 + g.l;
    let pos = 8 + g.l;
    while (pos + objectHeader <= heap.length) {
        const id = heap.readUInt16LE(pos);
        if (id === 0)
            break; // free space runs to the end of the collection
        const objSize = defined(uint(heap, pos + 8, g.l), 'heap object size');
        const start = pos + objectHeader;
        if (start + objSize > heap.length)
            throw new H5Error('TRUNCATED', `heap object of '${name}'`);
        if (id === index) {
            if (length > objSize)
                throw new H5Error('BAD_FORMAT', `heap object of '${name}' is shorter than its reference`);
            return heap.subarray(start, start + length);
        }
        pos = start + pad8(objSize);
    }
    throw new H5Error('BAD_FORMAT', `heap object ${index} of '${name}' not found`);
}
/** The wanted root attributes, read structurally; `dense` when some attributes are in dense storage. */
async function fromRootHeader(r, g) {
    const messages = await rootMessages(r, g);
    const found = { values: {}, problems: [], dense: false };
    for (const m of messages) {
        if (m.type === MESSAGE.ATTRIBUTE_INFO) {
            // Attribute Info: a defined fractal heap address means attributes live in dense storage.
            const flags = m.data[1] ?? 0;
            const heapAt = 2 + ((flags & 0x01) !== 0 ? 2 : 0);
            if (m.data.length >= heapAt + g.o && uint(m.data, heapAt, g.o) !== undefined)
                found.dense = true;
            continue;
        }
        if (m.type !== MESSAGE.ATTRIBUTE)
            continue;
        const a = parseAttribute(m.data);
        if (!WANTED.includes(a.name))
            continue;
        try {
            found.values[a.name] = await stringValue(r, g, a);
        }
        catch (e) {
            if (!(e instanceof H5Error))
                throw e;
            found.problems.push({ code: e.code, detail: `root attribute '${a.name}': ${e.message}` });
        }
    }
    return found;
}
const h5_CHUNK = 4 * 1024 * 1024;
const OVERLAP = 64;
/** Offsets of `model_config\0` in the head and tail windows, and which Keras marker strings occur there. */
async function scan(r) {
    const size = r.ra.size;
    const headEnd = Math.min(size, r.limits.maxScanBytes);
    const tailStart = Math.max(headEnd, size - r.limits.maxTailBytes);
    const windows = [[0, headEnd]];
    if (tailStart < size)
        windows.push([tailStart, size]);
    const needle = Buffer.from('model_config\0', 'latin1');
    const markerNames = ['keras_version', 'model_weights', 'model_config', 'training_config'];
    const markers = new Set();
    const hits = new Set();
    for (const [from, to] of windows) {
        for (let at = from; at < to; at += h5_CHUNK) {
            const start = Math.max(from, at - OVERLAP);
            const buf = await r.ra.read(start, Math.min(to, at + h5_CHUNK) - start);
            for (let i = buf.indexOf(needle); i >= 0; i = buf.indexOf(needle, i + 1))
                hits.add(start + i);
            for (const m of markerNames)
                if (buf.includes(m, 0, 'latin1'))
                    markers.add(m);
        }
    }
    return { hits: [...hits].sort((a, b) => a - b), markers, complete: tailStart === headEnd };
}
/** Tries to read an attribute message whose name starts at `at` (its header sits 8 or 9 bytes before). */
async function attributeAt(r, g, at) {
    const start = Math.max(0, at - 9);
    const window = await r.ra.read(start, Math.min(r.ra.size - start, 1024));
    for (const back of [8, 9]) {
        const h = at - back - start;
        if (h < 0)
            continue;
        const version = window[h];
        if ((back === 8 && version !== 1 && version !== 2) || (back === 9 && version !== 3))
            continue;
        if (window.readUInt16LE(h + 2) !== 13)
            continue;
        try {
            const a = parseAttribute(window.subarray(h));
            if (a.name === 'model_config')
                return await stringValue(r, g, a);
        }
        catch (e) {
            if (!(e instanceof H5Error))
                throw e;
        }
    }
    return undefined;
}
function parseJson(text, name, problems) {
    try {
        return JSON.parse(text);
    }
    catch {
        problems.push({ code: 'BAD_FORMAT', detail: `the ${name} attribute is not valid JSON` });
        return undefined;
    }
}
/**
 * Looks for a Keras model configuration in an HDF5 file. Never throws for malformed input: what could not be
 * read is in `problems`, and a caller should fail closed on any problem. Weights-only files (no `model_config`)
 * and other HDF5 data give no configuration and no problem. Only I/O errors reject.
 */
async function findKerasModelConfig(ra, limits = {}) {
    const r = new h5_Reader(ra, { ...h5_DEFAULTS, ...limits });
    const sig = await findSignature(ra);
    if (sig === undefined)
        return { isHdf5: false, scanComplete: true, problems: [] };
    const problems = [];
    let values = {};
    let method = 'root-header';
    let scanComplete = true;
    let g;
    let fallback;
    // Set when the root header itself could not be read: every h5py file has a readable one, so this is reported
    // whatever the scan finds.
    let unreadable;
    try {
        g = await geometry(r, sig);
        const found = await fromRootHeader(r, g);
        values = found.values;
        problems.push(...found.problems);
        // With dense storage HDF5 looks attributes up in the fractal heap only, so a compact model_config next to it
        // could be a decoy: the heap is scanned even when the header had one, and both are compared.
        if (found.dense)
            fallback = 'the root attributes are in dense storage';
    }
    catch (e) {
        if (!(e instanceof H5Error) && !(e instanceof access_EngineLimitError))
            throw e;
        unreadable = e instanceof H5Error ? e.code : 'LIMIT';
        fallback = `the root object header could not be read (${e.message})`;
    }
    if (fallback !== undefined) {
        method = 'scan';
        try {
            const s = await scan(r);
            scanComplete = s.complete;
            // Without a readable superblock, assume the common geometry: 8-byte offsets and lengths, base at the signature.
            const geo = g ?? { sig, base: sig, o: 8, l: 8, rootHeader: 0 };
            // Every candidate is read: a decoy attribute message planted in raw data must not hide the real one.
            const candidates = new Set(values.model_config !== undefined ? [values.model_config] : []);
            for (const hit of s.hits.slice(0, 64)) {
                const text = await attributeAt(r, geo, hit);
                if (text !== undefined)
                    candidates.add(text);
            }
            values.model_config = [...candidates][0];
            if (candidates.size > 1) {
                problems.push({
                    code: 'UNSUPPORTED',
                    detail: `${fallback}; ${candidates.size} different model_config attributes were found`
                });
            }
            else if (values.model_config !== undefined) {
                if (unreadable !== undefined) {
                    problems.push({
                        code: 'UNSUPPORTED',
                        detail: `${fallback}; a model_config was found by scanning, others may exist`
                    });
                }
            }
            else if (s.markers.size > 0) {
                problems.push({
                    code: 'NOT_FOUND',
                    detail: `a Keras file whose model_config could not be read: ${fallback}`
                });
            }
            else if (unreadable !== undefined) {
                problems.push({ code: unreadable, detail: `${fallback}; no Keras attributes were found by scanning` });
            }
            else if (!s.complete) {
                problems.push({
                    code: 'LIMIT',
                    detail: `${fallback}, and the file is larger than the scanned windows`
                });
            }
        }
        catch (e) {
            if (!(e instanceof H5Error) && !(e instanceof access_EngineLimitError))
                throw e;
            problems.push({
                code: e instanceof H5Error ? e.code : 'LIMIT',
                detail: `${fallback}; scan failed: ${e.message}`
            });
        }
    }
    const modelConfig = values.model_config !== undefined ? parseJson(values.model_config, 'model_config', problems) : undefined;
    const trainingConfig = values.training_config !== undefined
        ? parseJson(values.training_config, 'training_config', problems)
        : undefined;
    return {
        isHdf5: true,
        superblockOffset: sig,
        ...(modelConfig !== undefined ? { modelConfig } : {}),
        ...(trainingConfig !== undefined ? { trainingConfig } : {}),
        ...(values.keras_version !== undefined ? { kerasVersion: values.keras_version.slice(0, 64) } : {}),
        ...(values.backend !== undefined ? { backend: values.backend.slice(0, 64) } : {}),
        method,
        scanComplete,
        problems
    };
}

;// CONCATENATED MODULE: ./src/engine/analyse.ts

















/**
 * One file of a model through the analyser its content calls for. Archives are opened and their members
 * analysed in turn (to a bounded depth); everything a file could hide behind (a wrong extension, an archive
 * the engine cannot open, a parse failure, a limit) becomes a finding, so a file is clean only when every part
 * of it was read and found clean.
 */
const PICKLE_EXT = /^\.(pkl|pickle|joblib|dill|pt|pth|ckpt|bin|dat|data)$/;
async function analyseEntry(entry, ctx) {
    const findings = new FindingSet();
    const report = { path: entry.rel, formats: [], findings: findings.items };
    const formats = new Set();
    // what a loader reads through the file's name: a link is unverified unless it stays inside the model
    // directory, and then its target is analysed under the link's name (the name decides how it is loaded)
    let abs = entry.abs;
    if (entry.kind === 'symlink') {
        if (!entry.inside || !entry.target) {
            report.notModel = true;
            // a link out is a finding in itself (loading or packaging through it reads a file outside the model), and
            // what it leads to was not read; a link to nothing only cannot be verified
            if (entry.target)
                findings.add({
                    rule: 'SUSPICIOUS',
                    threat: 'PAIT-ARV-100',
                    file: entry.rel,
                    description: `A symbolic link leads outside the model directory (to ${entry.target.slice(0, 300)}): loading through it reads a file that is not part of the model`
                });
            findings.add({
                rule: 'SUSPICIOUS',
                file: entry.rel,
                unverified: true,
                description: entry.target
                    ? `Could not be verified: the symbolic link to ${entry.target.slice(0, 300)} was not followed out of the model directory, so what it leads to was not read`
                    : 'A symbolic link leads nowhere (its target does not exist); it was not followed, so what it will hold could not be verified'
            });
            return report;
        }
        abs = entry.target;
    }
    else if (entry.kind !== 'file') {
        report.notModel = true;
        findings.add({
            rule: 'SUSPICIOUS',
            file: entry.rel,
            unverified: true,
            description: 'A special file (device, socket or pipe) is part of the model; what it holds could not be verified'
        });
        return report;
    }
    let handle;
    try {
        // never through a link swapped in since the listing, never blocking on a pipe
        handle = await promises_default().open(abs, (promises_default()).constants.O_RDONLY | NO_FOLLOW | NON_BLOCK);
    }
    catch (e) {
        findings.add(unverified(entry.rel, undefined, e));
        return report;
    }
    try {
        // the size when opened, not when listed: bytes added since are read too
        const st = await handle.stat();
        if (entry.kind === 'symlink' && st.isDirectory()) {
            // a link to a directory inside the model: its files are listed under their own paths
            report.notModel = true;
        }
        else if (!st.isFile()) {
            throw new Error('not a regular file (it changed since it was listed)');
        }
        else {
            const c = { ...ctx, deadline: Math.min(ctx.deadline, Date.now() + ctx.limits.fileTimeMs) };
            const notModel = await analysePart({ file: entry.rel, ra: fileAccess(handle, st.size), name: entry.rel, depth: 0 }, c, findings, formats, report);
            if (notModel)
                report.notModel = true;
        }
    }
    catch (e) {
        findings.add(unverified(entry.rel, undefined, e));
    }
    finally {
        await handle.close();
    }
    findings.close();
    report.formats = [...formats];
    return report;
}
const NO_FOLLOW = (promises_default()).constants.O_NOFOLLOW ?? 0;
const NON_BLOCK = (promises_default()).constants.O_NONBLOCK ?? 0;
/** Analyses one part; returns true when it is not a model file (documentation, plain text). */
async function analysePart(p, ctx, out, formats, report) {
    if (Date.now() > ctx.deadline)
        throw new access_EngineLimitError('the time budget for this file ran out');
    const head = await p.ra.read(0, SNIFF_BYTES);
    let content = sniff(head, p.ra.size);
    const ext = external_node_path_default().extname(p.name).toLowerCase();
    const base = external_node_path_default().basename(p.name);
    const claims = EXTENSION_CLAIMS[ext];
    // pickle.load takes any stream, and protocols 0 and 1 have no magic: a file named as a pickle is walked as
    // one, and any other unidentified file is walked too and treated as a pickle when it decodes as one
    let walk;
    let walked;
    // a file another file of the model reads as data (ONNX external weights named `weights.bin`, say) is that
    // data, unless it decodes as a pickle: whatever loads it by its name then runs what the pickle imports
    const companion = p.depth === 0 && p.member === undefined ? ctx.companions?.get(p.file) : undefined;
    if (companion &&
        DATA_CONTENT.has(content) &&
        !SCRIPT_EXT.test(base) &&
        !TEMPLATE_NAME.test(base.toLowerCase())) {
        walked = await walkPickles(p.ra, { limits: ctx.limits, deadline: ctx.deadline });
        if (decodes(walked)) {
            content = 'pickle';
            walk = walked;
        }
        else if (await analyseCompanion(p, companion, content, ctx, out, formats))
            return true;
    }
    // an executable's first bytes (`MZ`) are valid pickle opcodes too, and so can be a TFLite root offset's: a
    // polyglot is both
    if ((content === 'text' ||
        content === 'json' ||
        content === 'binary' ||
        content === 'executable' ||
        content === 'tflite') &&
        !PROTOBUF_NAME.test(p.name)) {
        const claimed = PICKLE_EXT.test(ext);
        const w = walked ?? (await walkPickles(p.ra, { limits: ctx.limits, deadline: ctx.deadline }));
        // a TFLite model named .bin is not walked as a pickle by its name: its identifier says what it is
        if ((claimed && content !== 'tflite') || decodes(w)) {
            if (content === 'executable' || content === 'tflite') {
                out.add({
                    rule: 'SUSPICIOUS',
                    file: p.file,
                    description: `'${base}'${at(p)} is ${content === 'tflite' ? 'a TFLite model' : 'an executable program'} that is also a pickle`
                });
            }
            content = 'pickle';
            walk = w;
        }
    }
    if (claims && !claims.includes(content) && content !== 'empty') {
        out.add({
            rule: 'FORMAT',
            threat: 'UNAPPROVED_FORMATS',
            file: p.file,
            description: `'${base}'${at(p)} is named as ${ext} but its content is ${content}: loaders go by content, so the name hides what it is`
        });
        const hidden = await claimedFormatInside(p, claims);
        if (hidden)
            notVerified(p, out, hidden);
    }
    switch (content) {
        case 'empty':
            if (claims)
                notVerified(p, out, `the file is empty`);
            return !claims;
        case 'pickle':
        case 'torch_legacy': {
            const family = familyOf(content, ext);
            formats.add('pickle');
            if (content === 'torch_legacy')
                formats.add('pytorch_v0_1_10');
            if (family === 'joblib')
                formats.add('joblib');
            const w = walk ??
                walked ??
                (await walkPickles(p.ra, {
                    limits: ctx.limits,
                    // legacy PyTorch: magic, protocol, system info, the data, the storage keys; raw storages follow
                    ...(content === 'torch_legacy' && { maxPickles: 5 }),
                    deadline: ctx.deadline
                }));
            pickleFindings(w, p.file, family, out, ctx.allowedGlobals);
            if (content === 'torch_legacy' && w.pickles < 5 && !w.issues.some((i) => i.kind === 'MALFORMED')) {
                out.add({
                    rule: 'LOAD_TIME',
                    threat: 'PAIT-PYTCH-101',
                    file: p.file,
                    unverified: true,
                    description: `Could not be verified${at(p)}: a legacy PyTorch file with ${w.pickles} of its 5 pickles`
                });
            }
            return false;
        }
        case 'zip':
            await analyseZip(analysePart, p, ctx, out, formats, report);
            return false;
        case 'npy': {
            formats.add('numpy');
            const npy = await inspectNpy(p.ra);
            unverifiable(p, out, npy.problems);
            if (npy.objectDtype && npy.pickleOffset !== undefined) {
                formats.add('numpy_pickle');
                const walk = await walkPickles(p.ra, {
                    limits: ctx.limits,
                    offset: npy.pickleOffset,
                    maxPickles: 1,
                    deadline: ctx.deadline
                });
                pickleFindings(walk, p.file, 'pickle', out, ctx.allowedGlobals);
            }
            return false;
        }
        case 'safetensors': {
            formats.add('safetensors');
            const st = await inspectSafetensors(p.ra);
            unverifiable(p, out, st.problems);
            if (st.tensorCount === 0 && st.problems.length === 0)
                report.holdsNothing = true;
            for (const s of st.suspiciousMetadata) {
                out.add({
                    rule: 'SUSPICIOUS',
                    file: p.file,
                    description: `Metadata entry "${s.key.slice(0, 100)}"${at(p)} ${s.reason}`
                });
            }
            return false;
        }
        case 'gguf': {
            formats.add('gguf');
            const g = await inspectGguf(p.ra);
            unverifiable(p, out, g.problems);
            for (const t of g.chatTemplates)
                templateFinding(p, t.key, t.value, out, 'PAIT-GGUF-101');
            if (g.license)
                report.licenses = [...(report.licenses ?? []), g.license.toLowerCase().slice(0, 100)];
            return false;
        }
        case 'tflite':
            await analyseTflite(p, ctx, out, formats);
            return false;
        case 'ggml':
            formats.add('ggml');
            notVerified(p, out, `legacy GGML format, which the engine does not read`);
            return false;
        case 'hdf5': {
            // a user block before the superblock is the file's first bytes, which pickle.load and torch.load read
            if (!head.subarray(0, HDF5_MAGIC.length).equals(HDF5_MAGIC)) {
                const w = await walkPickles(p.ra, { limits: ctx.limits, deadline: ctx.deadline });
                if (decodes(w)) {
                    formats.add('pickle');
                    pickleFindings(w, p.file, familyOf('pickle', ext), out, ctx.allowedGlobals);
                }
            }
            const h5 = await findKerasModelConfig(p.ra);
            unverifiable(p, out, h5.problems);
            if (h5.modelConfig !== undefined) {
                formats.add('keras_legacy_h5');
                kerasFindings(p, inspectKerasConfig(h5.modelConfig), out);
            }
            else
                formats.add('keras_weights');
            return false;
        }
        case 'llamafile':
            formats.add('llamafile');
            out.add({
                rule: 'RUNTIME',
                threat: 'PAIT-LMAFL-300',
                file: p.file,
                description: `'${base}'${at(p)} is a llamafile: an executable that runs when the model is served`
            });
            return false;
        case 'executable':
        case 'script':
            out.add({
                rule: 'SUSPICIOUS',
                file: p.file,
                description: `'${base}'${at(p)} is ${content === 'script' ? 'a script' : 'an executable program'} bundled with the model`
            });
            return true;
        case '7z':
        case 'rar':
        case 'gzip':
        case 'bzip2':
        case 'xz':
        case 'zstd':
        case 'tar':
        case 'zlib':
        case 'lzma':
        case 'lz4':
            await analyseContainer(analysePart, p, content, ctx, out, formats, report);
            return false;
        case 'json':
        case 'text':
            // protobuf files can begin with bytes that read as text: their names decide
            if (PROTOBUF_NAME.test(p.name))
                return analyseBinary(p, ctx, out, formats);
            return analyseText(p, content, ctx, out, formats, report);
        case 'binary':
            // a template is read by name, whatever its bytes: a control character in a comment must not hide it
            if (TEMPLATE_NAME.test(base.toLowerCase()))
                return analyseText(p, 'text', ctx, out, formats, report);
            return analyseBinary(p, ctx, out, formats);
    }
}
/** The walk read pickle opcodes: a whole pickle, an import, or valid opcodes up to a limit. */
const decodes = (w) => w.pickles > 0 || w.imports.some(importable) || w.issues.some((i) => i.kind === 'LIMIT');
function familyOf(content, ext) {
    return content === 'torch_legacy' || /\.(pt|pth|ckpt|bin)$/.test(ext)
        ? 'pytorch'
        : ext === '.joblib'
            ? 'joblib'
            : 'pickle';
}
/**
 * The format a file's name claims, found where its loader looks for it but past the bytes that decided the
 * content: Python's zipfile (Keras `.keras`) finds an archive by its end record, after anything; the HDF5
 * library looks for its superblock at 0, 512, 1024, 2048 and every further doubling.
 */
async function claimedFormatInside(p, claims) {
    if (claims.includes('zip')) {
        const length = Math.min(p.ra.size, 0xffff + 22);
        const tail = await p.ra.read(p.ra.size - length, length);
        if (tail.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06])))
            return 'a zip archive follows other content (zip readers that search for its end record load it)';
    }
    if (claims.includes('hdf5')) {
        for (let offset = 0; offset + HDF5_MAGIC.length <= p.ra.size; offset = offset ? offset * 2 : 512) {
            if ((await p.ra.read(offset, HDF5_MAGIC.length)).equals(HDF5_MAGIC))
                return `an HDF5 superblock at byte ${offset}, after other content (the HDF5 library finds it there)`;
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/engine/companions.ts

/** The `variables/` files of a TensorFlow checkpoint written beside a SavedModel. */
const VARIABLES = /^variables\.(?:index|data-\d{5}-of-\d{5})$/;
/** ONNX backend test data (onnx/backend/test/data/…/test_data_set_N/input_M.pb). */
const ONNX_TEST_TENSOR = /^test_data_set_\d+\/(?:input|output)_\d+\.pb$/;
const ONNX_MODEL_TENSOR = /^(.+)_(?:input|output)_\d+\.pb$/;
/** Reads recorded per file: ONNX lists one per tensor, capped at its 1000 external tensors per model. */
const MAX_READS = 10_000;
class Companions {
    byPath = new Map();
    constructor(entries) {
        const savedModelDirs = new Set();
        const onnxDirs = new Map();
        const onnxFiles = new Set();
        for (const e of entries) {
            const dir = dirOf(e.rel);
            const base = external_node_path_default().posix.basename(e.rel);
            if (base === 'saved_model.pb')
                savedModelDirs.add(dir);
            if (!/\.onnx$/i.test(base))
                continue;
            onnxFiles.add(e.rel);
            if (!onnxDirs.has(dir))
                onnxDirs.set(dir, e.rel);
        }
        if (savedModelDirs.size === 0 && onnxDirs.size === 0)
            return;
        for (const e of entries) {
            const dir = dirOf(e.rel);
            const base = external_node_path_default().posix.basename(e.rel);
            if (base === 'fingerprint.pb' && savedModelDirs.has(dir)) {
                this.set(e.rel, 'tensorflow_fingerprint', companions_join(dir, 'saved_model.pb'));
                continue;
            }
            if (external_node_path_default().posix.basename(dir) === 'variables' && VARIABLES.test(base)) {
                const root = dirOf(dir);
                if (savedModelDirs.has(root))
                    this.set(e.rel, 'tensorflow_variables', companions_join(root, 'saved_model.pb'));
                continue;
            }
            const parts = e.rel.split('/');
            // assets/ and assets.extra/ (TF Serving's warm-up requests and configs), at any depth below the SavedModel
            const at = parts.findIndex((s, i) => i < parts.length - 1 &&
                (s === 'assets' || s === 'assets.extra') &&
                savedModelDirs.has(parts.slice(0, i).join('/')));
            if (at >= 0) {
                this.set(e.rel, 'tensorflow_asset', companions_join(parts.slice(0, at).join('/'), 'saved_model.pb'));
                continue;
            }
            const model = onnxDirs.get(dirOf(dir));
            if (model !== undefined && parts.length >= 2 && ONNX_TEST_TENSOR.test(parts.slice(-2).join('/'))) {
                this.set(e.rel, 'onnx_tensor', model);
                continue;
            }
            // onnx/backend/test/data/light: `<model>_output_0.pb` beside `<model>.onnx`
            const stem = ONNX_MODEL_TENSOR.exec(base)?.[1];
            if (stem !== undefined && onnxFiles.has(companions_join(dir, `${stem}.onnx`)))
                this.set(e.rel, 'onnx_tensor', companions_join(dir, `${stem}.onnx`));
        }
    }
    get(rel) {
        return this.byPath.get(rel);
    }
    /** The external data files an ONNX model at `model` reads; locations that escape its folder are not data. */
    addOnnx(model, tensors) {
        for (const t of tensors) {
            if (t.problems.length > 0)
                continue;
            const offset = parseCount(t.offset);
            const length = parseCount(t.length);
            this.addRead(model, t.location, 'onnx_external_data', {
                what: `tensor ${JSON.stringify(t.tensor.slice(0, 100))}`,
                offset: typeof offset === 'bigint' ? offset : 0n,
                ...(typeof length === 'bigint' && { length }),
                ...((typeof offset === 'string' || typeof length === 'string') && {
                    invalid: `its ${typeof offset === 'string' ? `offset ${offset}` : `length ${length}`} is not a number`
                })
            });
        }
    }
    /** The external buffer files a LiteRT model at `model` reads. */
    addTflite(model, files) {
        for (const f of files) {
            if (f.problems.length > 0)
                continue;
            if (f.ranges.length === 0)
                this.addRead(model, f.name, 'litert_external_data');
            for (const r of f.ranges)
                this.addRead(model, f.name, 'litert_external_data', {
                    what: 'an external buffer',
                    offset: r.offset,
                    length: r.length
                });
        }
    }
    addRead(model, location, kind, read) {
        const rel = external_node_path_default().posix.normalize(external_node_path_default().posix.join(dirOf(model), location));
        if (rel === '.' || rel === '..' || rel.startsWith('../'))
            return;
        const c = this.byPath.get(rel);
        // a reference outranks a layout: the model reads the file, whatever folder it sits in
        const companion = c && (c.kind === 'onnx_external_data' || c.kind === 'litert_external_data')
            ? c
            : this.set(rel, kind, model);
        if (read && companion.reads.length < MAX_READS)
            companion.reads.push(read);
    }
    set(rel, kind, model) {
        const c = { kind, model, reads: [] };
        this.byPath.set(rel, c);
        return c;
    }
}
const dirOf = (rel) => {
    const d = external_node_path_default().posix.dirname(rel);
    return d === '.' ? '' : d;
};
const companions_join = (dir, name) => (dir ? `${dir}/${name}` : name);
/** A count as Python's int() reads an ONNX external-data entry: absent, a number, or (a string) not one. */
function parseCount(value) {
    if (value === undefined)
        return undefined;
    const v = value.trim().replace(/_/g, '');
    return /^\+?\d{1,30}$/.test(v) ? BigInt(v) : JSON.stringify(value.slice(0, 50));
}

// EXTERNAL MODULE: ./src/engine/walk.ts
var walk = __webpack_require__(4721);
;// CONCATENATED MODULE: ./src/engine/analyse-model.ts




async function analyseModel(opts) {
    const limits = { ...limits_DEFAULT_LIMITS, ...opts.limits };
    const listing = await (0,walk/* listModel */.w)(opts.path, limits.files);
    const ctx = {
        limits,
        allowedGlobals: new Set(opts.allowedGlobals),
        deadline: opts.deadline ?? Number.POSITIVE_INFINITY,
        // the SavedModel and ONNX test layouts, known by name before any file is read
        companions: new Companions(listing.entries)
    };
    // the models that reference external data first: analysing one records what it reads (each file is parsed
    // once), so that its data files are known as such when their turn comes
    const order = listing.entries.map((_, i) => i);
    order.sort((a, b) => Number(!REFERRER.test(listing.entries[a].rel)) - Number(!REFERRER.test(listing.entries[b].rel)));
    const reports = new Array(listing.entries.length);
    for (const i of order) {
        const entry = listing.entries[i];
        reports[i] =
            Date.now() > ctx.deadline
                ? notReached(entry.rel, 'the time limit was reached before this file')
                : await analyseEntry(entry, ctx);
    }
    if (listing.truncated)
        reports.push(notReached('(more files)', `the model has more than ${limits.files} files`));
    return { root: listing.root, reports, files: listing.entries.map((e) => e.rel) };
}
/** Files whose analysis names the external data files they read (ONNX models, LiteRT models). */
const REFERRER = /\.(?:onnx|tflite)$/i;
/**
 * Formats that describe a model without being one: a folder holding only these (a config.json, a shard index, a
 * YAML file) has no weights or code to verify.
 */
const DESCRIPTIVE_FORMATS = new Set(['json', 'yaml', 'safetensors_index']);
/**
 * Checked as what a server runs, although not a model file under the format rule (a chat template is rendered
 * by code): a model that is only a template has been verified.
 */
const VERIFIED_CODE_FORMATS = new Set(['jinja_template']);
/** A file that holds something to verify: weights, code or a graph, not only a description. */
const isModelFile = (r) => r.formats.some((f) => VERIFIED_CODE_FORMATS.has(f)) ||
    (r.templates ?? 0) > 0 ||
    (!r.notModel && !r.holdsNothing && r.formats.some((f) => !DESCRIPTIVE_FORMATS.has(f)));
function notReached(path, why) {
    return {
        path,
        formats: [],
        findings: [
            { rule: 'SUSPICIOUS', file: path, unverified: true, description: `Could not be verified: ${why}` }
        ]
    };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: ./src/gate/builtin-policy.ts
var builtin_policy = __webpack_require__(711);
// EXTERNAL MODULE: ./src/engine/rules.ts
var rules = __webpack_require__(289);
// EXTERNAL MODULE: ./src/gate/builtin-rules.ts
var builtin_rules = __webpack_require__(6050);
;// CONCATENATED MODULE: ./src/gate/builtin-outcome.ts





const ENGINE_NAME = `airs-model-gate built-in engine ${version/* VERSION */.x}`;
/** Findings that come from the policy rather than from one file's content: formats, licenses, location. */
function policyFindings(reports, policy, modelPath) {
    const out = [];
    const approved = new Set(policy.approvedFormats);
    for (const r of reports) {
        if (r.notModel)
            continue;
        for (const format of r.formats) {
            if (approved.has(format))
                continue;
            out.push({
                rule: 'FORMAT',
                threat: 'UNAPPROVED_FORMATS',
                file: r.path,
                description: `Model file '${r.path}' is stored in an unapproved format: ${format}`
            });
        }
    }
    const declared = [...new Set(reports.flatMap((r) => r.licenses ?? []))];
    const where = reports.find((r) => r.licenseSource)?.path ?? 'README.md';
    if (declared.length === 0) {
        out.push({
            rule: 'LICENSE_EXISTS',
            file: where,
            description: 'The model declares no license (no `license:` in the model card front matter, no recognisable LICENSE file)'
        });
        out.push({ rule: 'LICENSE_VALID', file: where, description: 'The model declares no license to validate' });
    }
    else {
        const ok = new Set(policy.approvedLicenses);
        const bad = declared.filter((l) => !ok.has(l));
        if (bad.length > 0 && !declared.some((l) => ok.has(l))) {
            out.push({
                rule: 'LICENSE_VALID',
                file: where,
                description: `The model's license ${bad.join(', ')} is not approved (approved: ${policy.approvedLicenses.join(', ') || 'none'})`
            });
        }
    }
    const location = modelPath.split('\\').join('/');
    if (!policy.approvedLocations.some((p) => location.startsWith(p))) {
        out.push({
            rule: 'LOCATION',
            file: location,
            description: `The model is not in an approved location (approved: ${policy.approvedLocations.join(', ') || 'none'})`
        });
    }
    return out;
}
function inconclusiveMessage(files) {
    const names = [...files.keys()].slice(0, 5).map((f) => f.slice(0, 100));
    const more = files.size > names.length ? ` and ${files.size - names.length} more` : '';
    const first = [...files.values()][0][0];
    return `Could not verify ${files.size} file${files.size === 1 ? '' : 's'} (${names.join(', ')}${more}): nothing in ${files.size === 1 ? 'it' : 'them'} was found harmful, but the engine could not read ${files.size === 1 ? 'it' : 'them'} to the end, and a file not verified never passes. First: ${first.slice(0, 400)}`.slice(0, 1024);
}
/** Why a file could not be verified, without the "Could not be verified" the finding's description leads with. */
function unverifiedWhy(description) {
    const m = /^Could not be verified(?: \(member (.*?)\))?: /.exec(description);
    if (!m)
        return description;
    const why = description.slice(m[0].length);
    return m[1] ? `in ${m[1]}: ${why}` : why;
}
/** ScanFile's `error_message` (the spec's 1,024 characters): the reasons, most of them that fit. */
const ERROR_MESSAGE_MAX = 1024;
function engineScan(opts) {
    const { policy, reports } = opts;
    const { group, snapshot } = (0,builtin_policy/* policyGroup */.MQ)(policy);
    const scanUuid = (0,external_node_crypto_.randomUUID)();
    const findings = [...reports.flatMap((r) => r.findings), ...policyFindings(reports, policy, opts.modelPath)];
    const enabled = rules/* RULE_ORDER */.mK.filter((k) => policy.states[k] !== 'DISABLED');
    const evaluated = enabled.filter((k) => !rules/* NOT_EVALUATED */._q.has(k));
    // what could not be verified is its own result, listed per file, never a rule's violation: a file the engine
    // could not read is neither clean nor harmful
    const unverifiedFindings = findings.filter((f) => f.unverified);
    const unverified = new Map();
    for (const f of unverifiedFindings) {
        const list = unverified.get(f.file);
        if (list)
            list.push(unverifiedWhy(f.description));
        else
            unverified.set(f.file, [unverifiedWhy(f.description)]);
    }
    const unverifiedRules = new Set(unverifiedFindings.map((f) => f.rule));
    const byRule = new Map();
    for (const f of findings) {
        if (f.unverified)
            continue;
        if (policy.states[f.rule] === 'DISABLED' || rules/* NOT_EVALUATED */._q.has(f.rule))
            continue;
        // appended in place: copying the list per finding made a file of 30,000 findings take 44 s
        const list = byRule.get(f.rule);
        if (list)
            list.push(f);
        else
            byRule.set(f.rule, [f]);
    }
    const created = opts.finished.toISOString();
    const evaluations = evaluated.map((k) => ({
        uuid: (0,external_node_crypto_.randomUUID)(),
        scan_uuid: scanUuid,
        // a rule with nothing found, whose check could not read every file, was not passed either
        result: byRule.has(k) ? 'FAILED' : unverifiedRules.has(k) ? 'ERROR' : 'PASSED',
        rule_instance_uuid: (0,builtin_policy/* ruleInstanceUuid */.Fp)(policy, k),
        rule_name: rules/* ENGINE_RULES */.NR[k].name,
        rule_description: rules/* ENGINE_RULES */.NR[k].description,
        rule_instance_state: policy.states[k],
        violation_count: byRule.get(k)?.length ?? 0,
        rule_origin: 'PANW_MANAGED',
        created_at: created,
        updated_at: created
    }));
    const violations = [...byRule.entries()].flatMap(([k, list]) => list.map((f) => {
        const rule = (0,builtin_rules/* securityRule */.b)(k);
        return {
            uuid: (0,external_node_crypto_.randomUUID)(),
            description: f.description,
            rule_instance_uuid: (0,builtin_policy/* ruleInstanceUuid */.Fp)(policy, k),
            rule_name: rule.name,
            rule_description: rule.description,
            rule_instance_state: policy.states[k],
            file: f.file,
            module: f.module ?? null,
            operator: f.operator ?? null,
            threat: f.threat ?? null,
            threat_description: f.threat ? rules/* THREATS */.ow[f.threat] : null,
            remediation: { steps: [...(rule.remediation?.steps ?? [])], url: rule.remediation?.url ?? null },
            rule_origin: 'PANW_MANAGED',
            created_at: created,
            updated_at: created
        };
    }));
    const failed = evaluations.filter((e) => e.result === 'FAILED');
    const blocked = failed.some((e) => e.rule_instance_state === 'BLOCKING');
    // only findings of rules that count make a file failed
    const counted = [...byRule.values()].flat();
    const failedFiles = new Set(counted.map((f) => f.file));
    const blockingFiles = new Set(counted.filter((f) => policy.states[f.rule] === 'BLOCKING').map((f) => f.file));
    // a file that could not be verified never passes, whatever the state of the rule its finding falls under:
    // when no BLOCKING rule failed, the scan ends in ERROR (the model was not verified) rather than ALLOWED
    const inconclusive = !blocked && unverified.size > 0;
    const files = reports.map((r) => {
        const why = unverified.get(r.path);
        return {
            uuid: (0,external_node_crypto_.randomUUID)(),
            path: r.path,
            type: 'FILE',
            // a finding that blocks comes first, then what could not be read (still listed in error_message when
            // both), then findings that only report
            result: blockingFiles.has(r.path)
                ? 'FAILED'
                : why
                    ? 'ERROR'
                    : failedFiles.has(r.path)
                        ? 'FAILED'
                        : skipped(r)
                            ? 'SKIPPED'
                            : 'SUCCESS',
            formats: r.formats.length ? r.formats : null,
            ...(why && { error_message: errorMessage(why) }),
            scan_uuid: scanUuid
        };
    });
    const scan = {
        uuid: scanUuid,
        eval_outcome: blocked ? 'BLOCKED' : inconclusive ? 'ERROR' : 'ALLOWED',
        ...(inconclusive && {
            error_code: 'SCAN_ERROR',
            error_message: inconclusiveMessage(unverified)
        }),
        model_uri: opts.modelUri,
        security_group_uuid: group.uuid,
        security_group_name: group.name,
        source_type: 'LOCAL',
        created_at: opts.started.toISOString(),
        updated_at: created,
        time_started: opts.started.toISOString(),
        eval_summary: {
            rules_passed: evaluations.filter((e) => e.result === 'PASSED').length,
            rules_failed: failed.length,
            total_rules: evaluated.length
        },
        enabled_rule_count_snapshot: evaluated.length,
        labels: [],
        scanner_version: ENGINE_NAME,
        model_formats: [...new Set(reports.flatMap((r) => r.formats))].sort(),
        total_files_scanned: reports.filter((r) => !skipped(r)).length,
        total_files_skipped: reports.filter(skipped).length
    };
    return {
        scan,
        group,
        policy: snapshot,
        evaluations,
        violations,
        files,
        rules: [...byRule.keys()].map(builtin_rules/* securityRule */.b),
        notEvaluated: enabled.filter((k) => rules/* NOT_EVALUATED */._q.has(k)).map((k) => rules/* ENGINE_RULES */.NR[k].name),
        unverified: unverifiedFindings.map((f) => ({
            file: f.file,
            rule_name: rules/* ENGINE_RULES */.NR[f.rule].name,
            threat: f.threat ?? null,
            description: f.description
        }))
    };
}
/** A file the engine did not check: not a model file, and no format of its own (a companion or a template has one). */
const skipped = (r) => r.notModel === true && r.formats.length === 0;
/** One file's reasons in the spec's 1,024 characters, counting those left out. */
function errorMessage(why) {
    let text = '';
    for (let i = 0; i < why.length; i++) {
        const next = `${text ? `${text}; ` : ''}${why[i].slice(0, 400)}`;
        const rest = why.length - i - 1;
        const tail = rest > 0 ? ` (and ${rest} more)` : '';
        if (next.length + tail.length > ERROR_MESSAGE_MAX)
            return `${text} (and ${why.length - i} more)`;
        text = next;
    }
    return text;
}

;// CONCATENATED MODULE: ./src/gate/builtin-scan.ts


/**
 * The built-in engine on one local model, judged against the policy into the service's domain objects (a
 * scan, its rule evaluations, violations and files), so the gate treats it like a scan by the service.
 */
async function scanLocalModel(opts) {
    const started = new Date();
    const analysis = await analyseModel({
        path: opts.path,
        allowedGlobals: opts.policy.allowedGlobals,
        ...(opts.limits && { limits: opts.limits }),
        ...(opts.deadline !== undefined && { deadline: opts.deadline })
    });
    const { reports } = analysis;
    const result = engineScan({
        reports,
        policy: opts.policy,
        modelUri: opts.modelUri,
        modelPath: analysis.root,
        started,
        finished: new Date()
    });
    // A path holding no model file verifies nothing (an empty folder, a wrong path, configuration only): that is
    // "could not verify", never a pass, and not "blocked" by policy findings (no license, location) either. A
    // finding in a file's content that blocks (code, a template that runs code), or a file that could not be
    // verified, keeps the outcome it gives.
    const decided = reports.some((r) => r.findings.some((f) => f.unverified || opts.policy.states[f.rule] === 'BLOCKING'));
    if (!decided && !reports.some(isModelFile)) {
        const why = nothingToVerify(analysis.files);
        const scan = {
            ...result.scan,
            eval_outcome: 'ERROR',
            error_code: 'SCAN_ERROR',
            error_message: why
        };
        return { ...result, scan, nothingToVerify: why };
    }
    return result;
}
function nothingToVerify(files) {
    if (files.length === 0)
        return 'the model path holds no file';
    const shown = files.slice(0, 5).map((f) => f.slice(0, 100));
    const more = files.length > shown.length ? ` and ${files.length - shown.length} more` : '';
    return `no file in a model format the engine recognises (found ${shown.join(', ')}${more}), so nothing was verified`;
}

// EXTERNAL MODULE: ./src/util/gate-error.ts
var gate_error = __webpack_require__(7938);
// EXTERNAL MODULE: ./src/gate/describe-failure.ts
var describe_failure = __webpack_require__(5309);
// EXTERNAL MODULE: ./src/util/duration.ts
var duration = __webpack_require__(6518);
// EXTERNAL MODULE: ./src/util/text.ts
var util_text = __webpack_require__(9997);
// EXTERNAL MODULE: ./src/gate/model-digest.ts + 1 modules
var model_digest = __webpack_require__(9113);
// EXTERNAL MODULE: ./src/gate/result.ts
var result = __webpack_require__(4726);
// EXTERNAL MODULE: ./src/util/concurrency.ts
var concurrency = __webpack_require__(3731);
// EXTERNAL MODULE: ./src/gate/model-source.ts
var model_source = __webpack_require__(7646);
// EXTERNAL MODULE: ./src/gate/verdict.ts
var verdict = __webpack_require__(5950);
;// CONCATENATED MODULE: ./src/gate/scan-builtin.ts










async function scanBuiltin(settings, model, index, logger) {
    const started = Date.now();
    const base = {
        index,
        engine: 'builtin',
        model: {
            input: model.input,
            source_type: model.sourceType,
            model_uri: model.modelUri,
            ...(0,model_source/* ownerOf */.bf)(model)
        },
        ...(model.overrides?.mode && { mode: model.overrides.mode }),
        retried_scans: [],
        wait_ms: null,
        polls: 0
    };
    const warnings = settings.fallback ? [settings.fallback] : [];
    try {
        if (model.localPath === undefined) {
            throw new gate_error/* GateError */.ue('UNSUPPORTED_SOURCE', `The built-in engine scans local models only; ${model.sourceType} models need engine: airs (with credentials).`);
        }
        const r = await scanLocalModel({
            path: model.localPath,
            modelUri: model.modelUri,
            policy: settings.policy,
            limits: settings.limits,
            deadline: started + settings.timeoutMs
        });
        const digest = await (0,model_digest/* digestOrWarn */.wR)(model.localPath, warnings);
        logger.info(`${(0,model_source/* displayName */.QC)(model.sourceType, model.modelUri)}: ${r.nothingToVerify ? 'nothing to verify' : r.scan.eval_outcome} by the built-in engine in ${(0,duration/* formatDuration */.a)(Date.now() - started)} (${(0,util_text/* countOf */.pq)(r.files.length, 'file')})`);
        for (const name of r.notEvaluated) {
            warnings.push(`${name} was not evaluated: the built-in engine cannot judge it (it needs the AIRS service).`);
        }
        const assessment = (0,verdict/* assess */.no)({
            ...(r.nothingToVerify && {
                error: {
                    code: 'NOTHING_TO_VERIFY',
                    message: `Nothing to verify: ${(0,model_source/* displayName */.QC)(model.sourceType, model.modelUri)}: ${r.nothingToVerify}. Check the path, or point it at the model's files.`
                }
            }),
            outcome: r.scan.eval_outcome,
            evaluations: r.evaluations,
            rulesFailed: r.scan.eval_summary?.rules_failed,
            totalRules: r.scan.eval_summary?.total_rules,
            scanErrorCode: r.scan.error_code,
            scanErrorMessage: r.scan.error_message,
            filesScanned: r.scan.total_files_scanned,
            files: r.files
        });
        return {
            ...base,
            ...(digest && { model: { ...base.model, digest } }),
            not_evaluated: r.notEvaluated,
            security_group: r.group,
            scan: r.scan,
            evaluations: (0,result/* wholeList */.GM)(r.evaluations),
            violations: (0,result/* wholeList */.GM)(r.violations),
            files: (0,result/* wholeList */.GM)(r.files),
            rules: r.rules,
            policy: r.policy,
            status: assessment.status,
            verdict: (0,verdict/* judge */.S4)(assessment.status, model.overrides?.mode ?? settings.mode, settings.onError),
            reason: assessment.reason,
            ...(assessment.error && { error: assessment.error }),
            warnings,
            started_at: new Date(started).toISOString(),
            finished_at: new Date().toISOString()
        };
    }
    catch (e) {
        const error = (0,describe_failure/* describeFailure */.I)(e);
        return {
            ...base,
            evaluations: result/* EMPTY_LIST */.xF,
            violations: result/* EMPTY_LIST */.xF,
            files: result/* EMPTY_LIST */.xF,
            rules: [],
            policy: null,
            status: 'error',
            verdict: (0,verdict/* judge */.S4)('error', model.overrides?.mode ?? settings.mode, settings.onError),
            reason: error.message,
            error,
            warnings,
            started_at: new Date(started).toISOString(),
            finished_at: new Date().toISOString()
        };
    }
}
async function runBuiltin(settings, logger) {
    const started = Date.now();
    if (settings.fallback)
        logger.warning(settings.fallback);
    const models = await (0,concurrency/* mapLimit */.s)(settings.models, settings.concurrency, (m, i) => scanBuiltin(settings, m, m.position ?? i + 1, logger));
    return (0,result.gateReport)({
        started,
        finished: Date.now(),
        settings: (0,result.reportSettings)(settings),
        verdict: (0,verdict/* worst */.QZ)(models.map((m) => m.verdict)),
        models
    });
}


/***/ }),

/***/ 3731:
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

//# sourceMappingURL=718.index.js.map