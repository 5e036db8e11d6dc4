export const id = 65;
export const ids = [65];
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

/***/ 85826:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createOnRunner: () => (/* binding */ createOnRunner),
  runnerScans: () => (/* binding */ runnerScans),
  runnerScansFor: () => (/* binding */ runnerScansFor),
  somethingToVerify: () => (/* binding */ somethingToVerify)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
var promises_default = /*#__PURE__*/__webpack_require__.n(promises_);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/airs/schemas/spec-values.ts
var spec_values = __webpack_require__(77206);
// EXTERNAL MODULE: ./src/util/text.ts
var util_text = __webpack_require__(49997);
;// CONCATENATED MODULE: ./src/scanner/env.ts

/** The sources the scanner on the runner handles (the service fetches Hugging Face models itself). */
const RUNNER_SOURCES = ['LOCAL', 'S3', 'GCS', 'AZURE', 'ARTIFACTORY', 'GITLAB'];
const BASICS = {
    names: [
        'PATH',
        'LANG',
        'LANGUAGE',
        'TZ',
        'USER',
        'LOGNAME',
        // Windows: Python needs SYSTEMROOT for sockets and randomness; the rest locate programs and folders
        'SYSTEMROOT',
        'SYSTEMDRIVE',
        'WINDIR',
        'COMSPEC',
        'PATHEXT',
        'PROGRAMDATA',
        'PROGRAMFILES',
        'PROGRAMFILES(X86)',
        'PROGRAMW6432',
        'COMMONPROGRAMFILES',
        'COMMONPROGRAMFILES(X86)',
        'PROCESSOR_ARCHITECTURE',
        'NUMBER_OF_PROCESSORS',
        'OS'
    ],
    prefixes: ['LC_']
};
/** Proxies and certificate authorities, for pip and the client alike. */
const NETWORK = {
    names: [
        'HTTP_PROXY',
        'HTTPS_PROXY',
        'NO_PROXY',
        'ALL_PROXY',
        'SSL_CERT_FILE',
        'SSL_CERT_DIR',
        'REQUESTS_CA_BUNDLE',
        'CURL_CA_BUNDLE'
    ]
};
/** The user's home, for the driver only (cloud SDKs keep their logins there). */
const HOME = {
    names: ['HOME', 'USERPROFILE', 'HOMEDRIVE', 'HOMEPATH', 'APPDATA', 'LOCALAPPDATA']
};
/**
 * What each source's SDK reads. The vendors' namespaces are passed whole (boto3 alone reads some forty AWS_*
 * variables, and each release adds more: regions, endpoints, profiles, web identity, container credentials);
 * the few variables outside them are named.
 * - S3 (boto3): AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION, AWS_DEFAULT_REGION,
 *   AWS_PROFILE, AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ENDPOINT_URL*, AWS_CA_BUNDLE,
 *   AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE, AWS_CONTAINER_*, AWS_EC2_METADATA_*…
 * - GCS (google-auth, google-cloud-storage): GOOGLE_APPLICATION_CREDENTIALS, GOOGLE_CLOUD_PROJECT,
 *   GOOGLE_CLOUD_QUOTA_PROJECT, GCLOUD_PROJECT, CLOUDSDK_CONFIG, CLOUDSDK_CORE_PROJECT, GCE_METADATA_HOST…,
 *   STORAGE_EMULATOR_HOST, NO_GCE_CHECK;
 * - Azure (azure-identity, azure-storage-blob, the Azure CLI it may call): AZURE_CLIENT_ID, AZURE_TENANT_ID,
 *   AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, AZURE_FEDERATED_TOKEN_FILE, AZURE_AUTHORITY_HOST,
 *   AZURE_CONFIG_DIR, AZURE_STORAGE_*, and managed identity's IDENTITY_ENDPOINT, IDENTITY_HEADER, MSI_ENDPOINT…;
 * - Artifactory: ARTIFACTORY_USERNAME, ARTIFACTORY_TOKEN (the vendor's documented pair), ARTIFACTORY_*;
 * - GitLab: GITLAB_TOKEN (documented), GITLAB_*. GitLab CI's CI_JOB_TOKEN is not passed: the client documents
 *   GITLAB_TOKEN only.
 */
const SOURCE_VARIABLES = {
    LOCAL: {},
    S3: { prefixes: ['AWS_'] },
    GCS: {
        prefixes: ['GOOGLE_', 'GCLOUD_', 'CLOUDSDK_', 'GCE_'],
        names: ['STORAGE_EMULATOR_HOST', 'NO_GCE_CHECK']
    },
    AZURE: {
        prefixes: ['AZURE_'],
        names: [
            'IDENTITY_ENDPOINT',
            'IDENTITY_HEADER',
            'IDENTITY_SERVER_THUMBPRINT',
            'IMDS_ENDPOINT',
            'MSI_ENDPOINT',
            'MSI_SECRET'
        ]
    },
    ARTIFACTORY: { prefixes: ['ARTIFACTORY_'] },
    GITLAB: { prefixes: ['GITLAB_'] }
};
const allows = (a, upper) => (a.names ?? []).includes(upper) || (a.prefixes ?? []).some((p) => upper.startsWith(p));
/**
 * `base` reduced to the variables `allowed` names, then `set` (replacing any spelling of the same name).
 * Nothing else of `base` is kept.
 */
function allowEnv(base, allowed, set = {}) {
    const env = {};
    for (const [k, v] of Object.entries(base)) {
        if (v === undefined)
            continue;
        const upper = k.toUpperCase();
        if (allowed.some((a) => allows(a, upper)))
            env[k] = v;
    }
    for (const [k, v] of Object.entries(set)) {
        for (const existing of Object.keys(env))
            if (existing.toUpperCase() === k.toUpperCase())
                delete env[existing];
        env[k] = v;
    }
    return env;
}
/** TMPDIR, TEMP and TMP, all pointing at `dir`. */
const tempVariables = (dir) => ({ TMPDIR: dir, TEMP: dir, TMP: dir });
/**
 * For Python's own steps (probing an interpreter, `venv`, pip, reading the installed version): the basics and
 * network settings, the run's temporary directory, and an empty home of the run.
 */
function pythonEnv(base, dirs) {
    return allowEnv(base, [BASICS, NETWORK], {
        ...tempVariables(dirs.tmp),
        HOME: dirs.home,
        ...(process.platform === 'win32' && { USERPROFILE: dirs.home })
    });
}
/** pip: pythonEnv, no configuration file at all, and the private index as the only one. */
function pipEnv(base, dirs, indexUrl) {
    return {
        ...pythonEnv(base, dirs),
        // no configuration file (user, global, site or the environment's), so none can add an index or links
        PIP_CONFIG_FILE: (external_node_os_default()).devNull,
        // the only index: an environment variable of pip's own process, never an argument
        PIP_INDEX_URL: indexUrl
    };
}
/** The names an environment would hand on to the driver for `source` (the credentials set by us aside). */
function sourceAllowed(source) {
    return [BASICS, NETWORK, HOME, SOURCE_VARIABLES[source]];
}

// EXTERNAL MODULE: ./src/scanner/scanner-error.ts
var scanner_error = __webpack_require__(50855);
// EXTERNAL MODULE: ./src/util/duration.ts
var duration = __webpack_require__(26518);
// EXTERNAL MODULE: ./src/scanner/scanner-version.ts
var scanner_version = __webpack_require__(89605);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
;// CONCATENATED MODULE: ./src/scanner/process.ts

const MAX_STREAM_CHARS = 1024 * 1024;
/**
 * The end of a stream, at most MAX_STREAM_CHARS, cut at a line break: redaction (which runs later, on what is
 * kept) must see every line whole, or a secret cut in two at the start would show its second half. A line longer
 * than the whole tail is dropped.
 */
function tail(text) {
    if (text.length <= MAX_STREAM_CHARS)
        return text;
    const from = text.indexOf('\n', text.length - MAX_STREAM_CHARS - 1);
    return from < 0 ? '' : text.slice(from + 1);
}
const MAX_LINES = 400;
/** after SIGTERM, how long the tree gets before SIGKILL */
const KILL_GRACE_MS = 3000;
/** after the process exited, how long its grandchildren may keep the pipes open */
const CLOSE_GRACE_MS = 5000;
const isWindows = process.platform === 'win32';
function runProcess(command, args, opts) {
    return new Promise((resolve) => {
        let stdout = '';
        let stderr = '';
        const lines = [];
        const partial = { stdout: '', stderr: '' };
        let timedOut = false;
        let aborted = false;
        let settled = false;
        let exitCode = null;
        let killedBy = null;
        const timers = [];
        const child = (0,external_node_child_process_.spawn)(command, args, {
            env: opts.env,
            cwd: opts.cwd,
            stdio: ['pipe', 'pipe', 'pipe'],
            // its own process group, so the whole tree can be killed at once
            detached: !isWindows,
            windowsHide: true
        });
        const addLine = (line, stream) => {
            lines.push(line);
            if (lines.length > MAX_LINES)
                lines.shift();
            opts.onLine?.(line, stream);
        };
        const collect = (stream) => (chunk) => {
            const text = chunk.toString('utf8');
            if (stream === 'stdout')
                stdout = tail(stdout + text);
            else
                stderr = tail(stderr + text);
            const parts = (partial[stream] + text).split(/\r?\n/);
            partial[stream] = parts.pop() ?? '';
            for (const l of parts)
                addLine(l, stream);
        };
        child.stdout.on('data', collect('stdout'));
        child.stderr.on('data', collect('stderr'));
        // a child that exits before reading its input must not crash us with EPIPE
        child.stdin.on('error', () => { });
        child.stdin.end(opts.input ?? '');
        const killTree = (sig) => {
            try {
                if (!isWindows && child.pid !== undefined)
                    process.kill(-child.pid, sig);
                else
                    child.kill(sig);
            }
            catch {
                // already gone
            }
        };
        const stop = () => {
            killTree('SIGTERM');
            timers.push(setTimeout(() => killTree('SIGKILL'), KILL_GRACE_MS));
        };
        const onAbort = () => {
            aborted = true;
            stop();
        };
        const finish = (spawnError) => {
            if (settled)
                return;
            settled = true;
            for (const t of timers)
                clearTimeout(t);
            opts.signal?.removeEventListener('abort', onAbort);
            for (const s of ['stdout', 'stderr'])
                if (partial[s] !== '')
                    addLine(partial[s], s);
            // whatever is left of the tree goes too (a helper the client started and forgot)
            if (!spawnError)
                killTree('SIGKILL');
            resolve({
                exitCode,
                killedBy,
                stdout,
                stderr,
                output: lines.join('\n'),
                timedOut,
                aborted,
                ...(spawnError && { spawnError })
            });
        };
        child.on('error', (e) => finish(e));
        child.on('exit', (code, sig) => {
            exitCode = code;
            killedBy = sig;
            timers.push(setTimeout(() => finish(), CLOSE_GRACE_MS));
        });
        child.on('close', (code, sig) => {
            exitCode = code;
            killedBy = sig;
            finish();
        });
        timers.push(setTimeout(() => {
            timedOut = true;
            stop();
        }, opts.timeoutMs));
        if (opts.signal?.aborted)
            onAbort();
        else
            opts.signal?.addEventListener('abort', onAbort, { once: true });
    });
}

// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 3 modules
var exec = __webpack_require__(81260);
// EXTERNAL MODULE: ./src/util/sleep.ts
var sleep = __webpack_require__(97783);
;// CONCATENATED MODULE: ./src/scanner/python.ts




/**
 * The Python that hosts the scanner client: the interpreter the caller names, or `python3` then `python` on
 * PATH. Each candidate is run once (isolated, without site-packages) to read its version and real executable, and
 * one outside the range the official client supports is refused with a message that says how to fix the workflow.
 */
/**
 * Python versions the official client runs on. The sources disagree (section 6 of the API contract): 3.11 or
 * 3.12 (the vendor's portal), 3.11 to 3.13 (the lab reference), 3.12 "required" (one integration), 3.11 (another);
 * none names 3.10 or 3.14. So 3.11 to 3.13, with 3.12 as the recommendation.
 */
const SUPPORTED_PYTHON = { min: [3, 11], max: [3, 13], recommended: '3.12' };
/** What the probe prints: one JSON line. */
const PROBE = [
    'import glob, json, os, sys, sysconfig',
    'pip = None',
    'try:',
    '    import ensurepip',
    "    wheels = sorted(glob.glob(os.path.join(os.path.dirname(ensurepip.__file__), '_bundled', 'pip-*.whl')))",
    "    base = os.path.join(os.sep, 'airs-venv')",
    "    if wheels and 'venv' in sysconfig.get_scheme_names():",
    "        site = sysconfig.get_path('purelib', 'venv', vars={'base': base, 'platbase': base})",
    "        pip = {'wheel': wheels[-1], 'sitePackages': os.path.relpath(site, base)}",
    'except Exception:',
    '    pip = None',
    'print(json.dumps({"version": list(sys.version_info[:3]), "executable": sys.executable, "pip": pip}))'
].join('\n');
const PYTHON_CANDIDATES = ['python3', 'python'];
/** `3.11` */
const minorOf = (v) => `${v[0]}.${v[1]}`;
function isSupportedPython(version) {
    const [major = 0, minor = 0] = version;
    const key = major * 1000 + minor;
    const lo = SUPPORTED_PYTHON.min[0] * 1000 + SUPPORTED_PYTHON.min[1];
    const hi = SUPPORTED_PYTHON.max[0] * 1000 + SUPPORTED_PYTHON.max[1];
    return key >= lo && key <= hi;
}
const range = `${minorOf(SUPPORTED_PYTHON.min)} to ${minorOf(SUPPORTED_PYTHON.max)}`;
/** What to do in the workflow when no usable Python is there. */
const SETUP_PYTHON_HINT = `add actions/setup-python (python-version: '${SUPPORTED_PYTHON.recommended}') before this step`;
/** Runs one candidate; undefined when it does not run or is not a Python. */
async function probe(command, opts) {
    let out;
    try {
        out = await (0,sleep/* untilAborted */.Eu)(
        // -I: no PYTHON* variables, no user site; -S: no site-packages, whose .pth files run at start-up
        (0,exec/* getExecOutput */.H)(command, ['-I', '-S', '-c', PROBE], {
            silent: true,
            ignoreReturnCode: true,
            env: opts.env
        }), opts.signal, () => new scanner_error/* ScannerError */.VM('ABORTED', 'Stopped looking for Python: the scan was cancelled.'));
    }
    catch (e) {
        if (e instanceof scanner_error/* ScannerError */.VM)
            throw e;
        return { problem: 'not found' };
    }
    if (out.exitCode !== 0)
        return { problem: `exited with code ${out.exitCode}` };
    try {
        const parsed = JSON.parse(out.stdout.trim().split(/\r?\n/).pop() ?? '');
        const v = parsed.version;
        if (Array.isArray(v) &&
            v.length === 3 &&
            v.every((n) => Number.isInteger(n)) &&
            typeof parsed.executable === 'string') {
            const version = [v[0], v[1], v[2]];
            return {
                info: {
                    command,
                    // an embedded interpreter may report an empty sys.executable: keep what was run
                    executable: parsed.executable || command,
                    version,
                    versionText: version.join('.'),
                    ...(typeof parsed.pip?.wheel === 'string' &&
                        typeof parsed.pip.sitePackages === 'string' &&
                        !parsed.pip.sitePackages.startsWith('..') && {
                        bundledPip: { wheel: parsed.pip.wheel, sitePackages: parsed.pip.sitePackages }
                    })
                },
                problem: ''
            };
        }
    }
    catch {
        // not a Python
    }
    return { problem: 'is not a Python interpreter' };
}
/** The interpreter to build the scanner's environment with, or a ScannerError that says what to add. */
async function findPython(opts) {
    const explicit = opts.python?.trim();
    const candidates = explicit ? [explicit] : [...PYTHON_CANDIDATES];
    const tried = [];
    for (const command of candidates) {
        const { info, problem } = await probe(command, opts);
        if (!info) {
            tried.push(`${(0,util_text/* plainText */.wh)(command, 200)} (${problem})`);
            opts.logger.debug(`scanner: ${(0,util_text/* plainText */.wh)(command, 200)} ${problem}`);
            continue;
        }
        if (!isSupportedPython(info.version)) {
            throw new scanner_error/* ScannerError */.VM('PYTHON_VERSION', `Python ${info.versionText} (${(0,util_text/* plainText */.wh)(info.executable, 200)}) is not supported by the model security ` +
                `client, which needs Python ${range}: ${SETUP_PYTHON_HINT}` +
                (explicit ? ', or name a supported interpreter' : ''));
        }
        opts.logger.info(`scanner: using Python ${info.versionText} (${(0,util_text/* plainText */.wh)(info.executable, 200)})`);
        return info;
    }
    throw new scanner_error/* ScannerError */.VM('NO_PYTHON', `No Python found to run the model security client (tried ${tried.join(', ')}): ${SETUP_PYTHON_HINT}` +
        (explicit ? ', or name an interpreter that exists' : ''));
}

// EXTERNAL MODULE: ./src/scanner/requirements.ts
var requirements = __webpack_require__(3048);
;// CONCATENATED MODULE: ./src/scanner/install.ts










/**
 * The official client in a virtual environment made in this run, installed at an exact version from the private
 * package index and from nowhere else:
 *
 * - the environment is created in the run's private directory (workdir.ts) by the base interpreter, run with
 *   `-I -S` (no PYTHON* variables, no user or system site-packages, so no `.pth` file planted there runs), and
 *   nothing of it is ever reused by a later run (see workdir.ts for why no reuse can be trusted);
 * - when the interpreter's standard library bundles a pip wheel (ensurepip), the environment is made bare and that
 *   pip, run from its wheel by the base interpreter with `-I -S`, installs the client straight into the
 *   environment's site-packages (`--target`): the same pip the environment would get, without the seconds spent
 *   copying it in first, which every step pays now that nothing is reused. Without a bundled wheel the
 *   environment gets pip from ensurepip and runs it itself;
 * - the index URL reaches pip as `PIP_INDEX_URL` in pip's own environment: not in its arguments (which every
 *   process on the machine can read, and which exec tools echo), and never as an *extra* index, so the public
 *   placeholder of the same name cannot be resolved;
 * - pip's environment is built from an allow list (env.ts): no inherited `PIP_*` variable, `PIP_CONFIG_FILE`
 *   at the null device (no configuration file at all), an empty HOME of the run; `--no-cache-dir`, because
 *   pip's HTTP and wheel caches are files an earlier step could have planted;
 * - a `scanner-requirements` file reaches pip only as a file we write from its parsed lines
 *   (requirements.ts), with `--require-hashes` and `--only-binary=:all:`;
 * - after the install, the environment's interpreter reports the installed version, which must be the pinned one.
 */

/** The client's extras: one per object-storage source, and `all`. */
const CLIENT_EXTRAS = ['aws', 'gcp', 'azure', 'artifactory', 'gitlab', 'all'];
/** Which extra a source needs (LOCAL and Hugging Face need none). */
const EXTRA_FOR_SOURCE = {
    S3: 'aws',
    GCS: 'gcp',
    AZURE: 'azure',
    ARTIFACTORY: 'artifactory',
    GITLAB: 'gitlab'
};
/** An exact PEP 440 release (no ranges, wildcards or local versions): `1.1.2`, `1.2.0rc1`, `1.1.2.post1`. */
const EXTRA_NAME = /^[a-z0-9]([a-z0-9._-]{0,62}[a-z0-9])?$/i;
const VENV_TIMEOUT_MS = 5 * 60_000;
const PROBE_TIMEOUT_MS = 60_000;
const DEFAULT_INSTALL_TIMEOUT_MS = 20 * 60_000;
/** pip reports an index that refused its credentials in these words (its log has the debug lines). */
const REFUSED = /\b40[13] Client Error\b|\b401 Error, Credentials not correct\b|\bHTTP error 40[13]\b/;
function checkExtras(extras) {
    for (const e of extras) {
        if (!EXTRA_NAME.test(e)) {
            throw new scanner_error/* ScannerError */.VM('INVALID_OPTION', `The scanner extra ${JSON.stringify((0,util_text/* plainText */.wh)(e, 60))} is not a valid extra name; known extras: ${CLIENT_EXTRAS.join(', ')}`);
        }
    }
    return [...new Set(extras.map((e) => e.toLowerCase()))].sort();
}
/** `model-security-client[all]==1.1.2` */
function requirementSpec(version, extras) {
    return `${requirements/* CLIENT_PACKAGE */.Nc}${extras.length > 0 ? `[${extras.join(',')}]` : ''}==${version}`;
}
const venvPython = (dir) => process.platform === 'win32' ? external_node_path_default().join(dir, 'Scripts', 'python.exe') : external_node_path_default().join(dir, 'bin', 'python');
const VERIFY = 'import importlib.metadata as m, json, sys\n' +
    'try:\n    v = m.version(sys.argv[1])\nexcept m.PackageNotFoundError:\n    v = None\n' +
    'print(json.dumps({"client": v, "prefix": sys.prefix}))\n';
/** The client version installed in the environment made in this run, or why it cannot be read. */
async function installedVersion(python, opts) {
    const r = await runProcess(python, ['-I', '-c', VERIFY, requirements/* CLIENT_PACKAGE */.Nc], {
        env: pythonEnv(opts.env, opts.dirs),
        cwd: opts.dirs.home,
        timeoutMs: PROBE_TIMEOUT_MS,
        signal: opts.signal
    });
    stopIfAborted(r, 'checking the scanner environment');
    if (r.exitCode !== 0)
        return { problem: `its Python does not run (exit code ${String(r.exitCode)})` };
    try {
        const parsed = JSON.parse(r.stdout.trim().split(/\r?\n/).pop() ?? '');
        if (typeof parsed.prefix !== 'string' || !(await sameDir(parsed.prefix, opts.dirs.venv)))
            return { problem: 'its Python does not run in that environment' };
        return { version: parsed.client ?? null };
    }
    catch {
        return { problem: 'its Python printed something unexpected' };
    }
}
async function sameDir(a, b) {
    try {
        return (await promises_default().realpath(a)) === (await promises_default().realpath(b));
    }
    catch {
        return false;
    }
}
function stopIfAborted(r, what) {
    if (r.aborted)
        throw new scanner_error/* ScannerError */.VM('ABORTED', `Stopped ${what}: the scan was cancelled.`);
}
/** Creates the environment in `opts.dirs.venv` and installs the pinned client into it. */
async function installScanner(opts) {
    const { logger, dirs } = opts;
    (0,scanner_version/* checkVersion */.p)(opts.version);
    const extras = opts.requirements ? [] : checkExtras(opts.extras ?? []);
    let requirementsFile;
    if (opts.requirements) {
        checkClientPin(opts.requirements, opts.version);
        // pip reads only what the parser understood, never the workflow's file
        requirementsFile = external_node_path_default().join(dirs.pip, 'requirements.txt');
        await promises_default().writeFile(requirementsFile, (0,requirements/* renderRequirements */.vH)(opts.requirements), { mode: 0o600, flag: 'wx' });
    }
    const python = venvPython(dirs.venv);
    const bundled = opts.python.bundledPip;
    await createVenv(dirs.venv, opts, !bundled);
    const pip = bundled
        ? {
            command: opts.python.executable,
            args: [
                '-I',
                '-S',
                external_node_path_default().join(bundled.wheel, 'pip'),
                'install',
                '--target',
                external_node_path_default().join(dirs.venv, bundled.sitePackages),
                // the runner's user may be root; the environment is ours, not the system's
                '--root-user-action=ignore'
            ]
        }
        : { command: python, args: ['-I', '-m', 'pip', 'install'] };
    await pipInstall(pip, extras, requirementsFile, opts);
    const found = await installedVersion(python, opts);
    if (found.problem) {
        throw new scanner_error/* ScannerError */.VM('PIP_FAILED', `The scanner environment in ${dirs.venv} is broken after pip ran: ${found.problem}`);
    }
    if (found.version !== opts.version) {
        throw new scanner_error/* ScannerError */.VM('VERSION_MISMATCH', `pip installed ${requirements/* CLIENT_PACKAGE */.Nc} ${(0,util_text/* plainText */.wh)(String(found.version), 40)}, not the pinned ${opts.version}` +
            (opts.requirements ? ': the requirements file must pin the same version as the scanner version' : ''));
    }
    logger.info(`scanner: installed ${requirements/* CLIENT_PACKAGE */.Nc} ${opts.version} in ${dirs.venv}`);
    return {
        python,
        venvDir: dirs.venv,
        version: opts.version,
        reused: false,
        ...(opts.requirements && { requirementsSha256: opts.requirements.sha256 })
    };
}
/** A parsed requirements value must pin the client, unconditionally, at the scanner version. */
function checkClientPin(pinned, version) {
    const client = pinned.requirements.filter((r) => r.name === requirements/* CLIENT_PACKAGE */.Nc);
    if (client.length !== 1 || client[0].version !== version || client[0].marker !== undefined) {
        throw new scanner_error/* ScannerError */.VM('INVALID_OPTION', `The scanner requirements file ${(0,util_text/* plainText */.wh)(pinned.file, 200)} does not pin ${requirements/* CLIENT_PACKAGE */.Nc}==${version} ` +
            'once and without a marker (it must pin the scanner version, with --hash lines for it and every dependency)');
    }
}
async function createVenv(dir, opts, withPip) {
    opts.logger.info(`scanner: creating a virtual environment in ${dir}`);
    // -I: no PYTHON* variables, no user site; -S: not even the base interpreter's site-packages, where an earlier
    // step's `pip install` may have left a .pth file that would run here
    const args = ['-I', '-S', '-m', 'venv', ...(withPip ? [] : ['--without-pip']), dir];
    const r = await runProcess(opts.python.executable, args, {
        env: pythonEnv(opts.env, opts.dirs),
        cwd: opts.dirs.home,
        timeoutMs: VENV_TIMEOUT_MS,
        signal: opts.signal,
        onLine: (l) => opts.logger.debug(`venv: ${opts.secrets.redact(l)}`)
    });
    stopIfAborted(r, 'creating the scanner environment');
    if (r.exitCode === 0 && !r.timedOut)
        return;
    const missing = /ensurepip is not available|No module named (venv|ensurepip)/i.test(r.output);
    throw new scanner_error/* ScannerError */.VM('VENV_FAILED', `Python ${opts.python.versionText} could not create a virtual environment` +
        (r.timedOut
            ? ' in time'
            : r.spawnError
                ? ` (${r.spawnError.message})`
                : ` (exit code ${String(r.exitCode)})`) +
        (missing
            ? `: its venv module is missing (on Debian or Ubuntu install python${minorOf(opts.python.version)}-venv), or ${SETUP_PYTHON_HINT}`
            : '') +
        (r.output.trim() ? `. Last lines of its output:\n${(0,scanner_error/* outputTail */.ci)(r.output, opts.secrets, 10)}` : ''));
}
/**
 * pip's arguments for what to install.
 *
 * With a requirements file: `--require-hashes`, so every file pip installs, the client's dependencies included,
 * must match a hash of the file (pip refuses a dependency the file does not pin, and says which; `--no-deps` is
 * not used because it would install an incomplete environment that fails only when the client runs), and
 * `--only-binary=:all:`, because a source distribution runs its build code at install time and pip fetches its
 * build requirements without checking any hash: the file's promise, exactly these files and nothing else, holds
 * only for wheels.
 *
 * Without one, the client at the exact version with its extras, resolved from the private index alone. Source
 * distributions are not refused there: nothing is hash-pinned in that mode, the client's own code from the same
 * index runs anyway, and no credential is in pip's environment.
 */
function pipTarget(version, extras, requirementsFile) {
    return requirementsFile
        ? ['--require-hashes', '--only-binary=:all:', '-r', requirementsFile]
        : [requirementSpec(version, extras)];
}
async function pipInstall(pip, extras, requirementsFile, opts) {
    const { logger, secrets } = opts;
    const shown = opts.requirements
        ? `${requirements/* CLIENT_PACKAGE */.Nc}==${opts.version} (hash-pinned by ${(0,util_text/* plainText */.wh)(opts.requirements.file, 200)}, sha256 ${opts.requirements.sha256.slice(0, 12)}…)`
        : requirementSpec(opts.version, extras);
    const timeoutMs = opts.timeoutMs ?? DEFAULT_INSTALL_TIMEOUT_MS;
    for (let attempt = 1;; attempt++) {
        const url = await opts.indexUrl();
        secrets.addUrl(url);
        try {
            if (!/^https?:$/.test(new URL(url).protocol))
                throw new Error('scheme');
        }
        catch {
            throw new scanner_error/* ScannerError */.VM('PIP_FAILED', 'The package index URL the service returned is not an http(s) URL');
        }
        const log = external_node_path_default().join(opts.dirs.pip, `pip-${attempt}.log`);
        logger.info(`scanner: installing ${shown} from the private package index`);
        const r = await runProcess(pip.command, [
            ...pip.args,
            '--no-input',
            '--disable-pip-version-check',
            // pip's HTTP and wheel caches are files on disk: an earlier step could have planted entries
            '--no-cache-dir',
            // byte-compiling every installed module (the cloud SDKs' thousands) costs seconds; Python compiles what
            // the driver imports, once, into this private environment
            '--no-compile',
            '--progress-bar',
            'off',
            '--log',
            log,
            ...pipTarget(opts.version, extras, requirementsFile)
        ], {
            env: pipEnv(opts.env, opts.dirs, url),
            cwd: opts.dirs.pip,
            timeoutMs,
            signal: opts.signal,
            onLine: (l) => logger.debug(`pip: ${secrets.redact(l)}`)
        });
        stopIfAborted(r, 'installing the scanner client');
        if (r.exitCode === 0 && !r.timedOut)
            return;
        const tail = (0,scanner_error/* outputTail */.ci)(r.output, secrets);
        if (r.timedOut) {
            throw new scanner_error/* ScannerError */.VM('TIMEOUT', `pip did not install ${shown} within ${(0,duration/* formatDuration */.a)(timeoutMs)}. Last lines of its output:\n${tail}`);
        }
        if (r.spawnError) {
            throw new scanner_error/* ScannerError */.VM('PIP_FAILED', `pip could not be started: ${secrets.redact(r.spawnError.message)}`);
        }
        const pipLog = await promises_default().readFile(log, 'utf8').catch(() => '');
        if (REFUSED.test(pipLog) || REFUSED.test(r.output)) {
            if (attempt === 1) {
                logger.warning('scanner: the package index refused its URL (HTTP 401/403; it may have expired): fetching a new one');
                continue;
            }
            throw new scanner_error/* ScannerError */.VM('INDEX_REFUSED', 'The private package index refused a freshly fetched URL as well (HTTP 401/403): check that the service ' +
                `account may download the model security client. Last lines of pip's output:\n${tail}`);
        }
        throw new scanner_error/* ScannerError */.VM('PIP_FAILED', `pip could not install ${shown} (exit code ${String(r.exitCode)})${pipHint(r.output, opts)}. ` +
            `Last lines of pip's output:\n${tail}`);
    }
}
/**
 * What to do about a failed install, from pip's words: a version the index lacks, a dependency it does not
 * serve (no other index is consulted, and none can be added), a file that does not match its hash, a dependency
 * the requirements file does not pin.
 */
function pipHint(output, opts) {
    const file = opts.requirements ? (0,util_text/* plainText */.wh)(opts.requirements.file, 200) : '';
    if (opts.requirements && /THESE PACKAGES DO NOT MATCH THE HASHES/i.test(output)) {
        return (`: a file the private package index serves does not match its hash in ${file}; regenerate the file ` +
            'against that index (pip-compile --generate-hashes), and review the change');
    }
    if (opts.requirements && /Hashes are required in --require-hashes mode/i.test(output)) {
        return `: ${file} must pin every dependency of the client with its hashes; regenerate it with pip-compile --generate-hashes`;
    }
    const missing = /No matching distribution found for ([A-Za-z0-9._-]+)/i.exec(output)?.[1];
    if (!missing)
        return '';
    if (!/^model[-_.]security[-_.]client$/i.test(missing)) {
        return (`: the private package index (the only one consulted) does not serve ${(0,util_text/* plainText */.wh)(missing, 100)}, a ` +
            `dependency of the client, ${opts.requirements ? 'as a wheel (with scanner-requirements pip installs wheels only) ' : ''}` +
            `for Python ${opts.python.versionText} on this platform. The action takes no package from any other index: ` +
            `use a Python version the client supports${opts.requirements ? `, pin versions that index serves in ${file}` : ''}, ` +
            'or ask Palo Alto Networks support about the index');
    }
    const versions = /requirement model[-_.]security[-_.]client\S* \(from versions: ([^)]*)\)/i
        .exec(output)?.[1]
        ?.trim();
    return (': the private package index (the only one consulted) has no such version' +
        (versions && versions !== 'none' ? `; it offers ${(0,util_text/* plainText */.wh)(versions, 300)}` : ''));
}

;// CONCATENATED MODULE: ./src/scanner/driver.ts
/**
 * The Python program that runs one scan with the official client, in the scanner's virtual environment.
 *
 * Its contract with run.ts:
 * - arguments: one JSON object on stdin, `{base_url, download_dir?, cleanup_download_dir?,
 *   download_timeout_secs?, scan: {security_group_uuid, model_path | model_uri, model_name?, model_author?,
 *   model_version?, labels?: {key: value}, allow_patterns?, ignore_patterns?, poll_timeout_secs?}}`; nothing
 *   secret is in it, and nothing at all is in argv;
 * - credentials: the client's own environment variables (`MODEL_SECURITY_CLIENT_ID`,
 *   `MODEL_SECURITY_CLIENT_SECRET`, `TSG_ID`, `MODEL_SECURITY_API_ENDPOINT`, `MODEL_SECURITY_TOKEN_ENDPOINT`);
 * - `scan()` is called with `poll_interval_secs=0`: the client submits the scan and returns; the gate polls;
 * - result: exactly one JSON line on stdout, `{"scan_uuid": "…", "client_version": "…"}` with exit code 0, or
 *   `{"error": "…", "type": "<exception class>", "stage": "arguments" | "import" | "scan"}` with a non-zero
 *   exit code. Whatever the client prints (Python's `print` and writes to file descriptor 1 alike) goes to
 *   stderr, so it cannot be taken for the result;
 * - optional constructor settings the installed client does not accept are left out (and said on stderr),
 *   while `scan()` arguments are passed as they are: a client that does not take them must fail, not scan
 *   differently.
 */
const DRIVER_SOURCE = String.raw `"""airs-model-gate: one scan with the official model security client (see src/scanner/driver.ts)."""
import inspect
import json
import os
import sys
import traceback

MAX_MESSAGE = 2000


def accepted(fn, kwargs):
    """The keyword arguments fn takes; the others are reported and left out."""
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return kwargs
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params):
        return kwargs
    names = {p.name for p in params}
    for key in sorted(set(kwargs) - names):
        sys.stderr.write("airs-model-gate driver: the client does not take %s; left out\n" % key)
    return {k: v for k, v in kwargs.items() if k in names}


def main():
    # the result channel is a copy of stdout; stdout itself now leads to stderr
    result = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    def reply(obj, code):
        result.write(json.dumps(obj) + "\n")
        result.flush()
        return code

    def failure(stage, exc, code):
        traceback.print_exc()
        sys.stderr.flush()
        return reply({"error": str(exc)[:MAX_MESSAGE], "type": type(exc).__name__, "stage": stage}, code)

    try:
        args = json.loads(sys.stdin.buffer.read().decode("utf-8"))
        if not isinstance(args, dict) or not isinstance(args.get("scan"), dict):
            raise ValueError("the arguments are not a JSON object with a scan object")
    except Exception as exc:
        return failure("arguments", exc, 2)

    try:
        import importlib.metadata

        from model_security_client.api import ModelSecurityAPIClient

        version = importlib.metadata.version("model-security-client")
    except BaseException as exc:
        return failure("import", exc, 3)

    try:
        settings = {
            k: args[k]
            for k in ("download_dir", "cleanup_download_dir", "download_timeout_secs")
            if args.get(k) is not None
        }
        client = ModelSecurityAPIClient(base_url=args["base_url"], **accepted(ModelSecurityAPIClient.__init__, settings))
        scan = {k: v for k, v in args["scan"].items() if v is not None}
        scan["poll_interval_secs"] = 0
        outcome = client.scan(**scan)
        uuid = getattr(outcome, "uuid", None)
        if uuid is None and isinstance(outcome, dict):
            uuid = outcome.get("uuid")
        if not uuid:
            raise RuntimeError("the client returned no scan UUID")
        close = getattr(client, "close", None)
        if callable(close):
            try:
                close()
            except Exception:
                pass
        return reply({"scan_uuid": str(uuid), "client_version": version}, 0)
    except BaseException as exc:
        return failure("scan", exc, 1)


if __name__ == "__main__":
    sys.exit(main())
`;
/** The driver's result line in its stdout, or undefined when there is none. */
function parseDriverReply(stdout) {
    const lines = stdout.split(/\r?\n/).filter((l) => l.trim() !== '');
    for (let i = lines.length - 1; i >= 0; i--) {
        let v;
        try {
            v = JSON.parse(lines[i]);
        }
        catch {
            continue;
        }
        if (typeof v !== 'object' || v === null || Array.isArray(v))
            continue;
        const o = v;
        if (typeof o.scan_uuid === 'string') {
            return {
                scan_uuid: o.scan_uuid,
                client_version: typeof o.client_version === 'string' ? o.client_version : ''
            };
        }
        if (typeof o.error === 'string') {
            const stage = o.stage === 'arguments' || o.stage === 'import' ? o.stage : 'scan';
            return { error: o.error, type: typeof o.type === 'string' ? o.type : 'Exception', stage };
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/scanner/run.ts









/**
 * The driver's environment: of the action's, only the basics, the user's home and `source`'s credential
 * variables (env.ts); then the client's own variables and a temporary directory of the run.
 */
function driverEnv(base, credentials, endpoints, opts) {
    return allowEnv(base, sourceAllowed(opts.source), {
        ...tempVariables(opts.tmp),
        MODEL_SECURITY_CLIENT_ID: credentials.clientId,
        MODEL_SECURITY_CLIENT_SECRET: credentials.clientSecret,
        TSG_ID: credentials.tsgId,
        MODEL_SECURITY_API_ENDPOINT: endpoints.api,
        MODEL_SECURITY_TOKEN_ENDPOINT: endpoints.token
    });
}
async function runDriver(opts) {
    const { secrets, logger } = opts;
    secrets.add(opts.credentials.clientSecret);
    await promises_default().mkdir(opts.workRoot, { recursive: true });
    const work = await promises_default().mkdtemp(external_node_path_default().join(opts.workRoot, 'run-'));
    try {
        const script = external_node_path_default().join(work, 'airs_gate_driver.py');
        await promises_default().writeFile(script, DRIVER_SOURCE, { mode: 0o600 });
        const tmp = external_node_path_default().join(work, 'tmp');
        await promises_default().mkdir(tmp, { mode: 0o700 });
        const downloads = external_node_path_default().join(work, 'downloads');
        const r = await runProcess(opts.python, ['-I', script], {
            env: driverEnv(opts.env, opts.credentials, opts.endpoints, { source: opts.source, tmp }),
            cwd: work,
            // object-storage models are downloaded into this run's own directory, removed with it (kept until then
            // when the download is to be inspected)
            input: JSON.stringify({
                ...opts.args,
                download_dir: downloads,
                cleanup_download_dir: !opts.inspectDownload
            }),
            timeoutMs: opts.timeoutMs,
            signal: opts.signal,
            onLine: (line, stream) => {
                if (stream === 'stderr')
                    logger.debug(`scanner: ${secrets.redact(line)}`);
            }
        });
        if (r.aborted)
            throw new scanner_error/* ScannerError */.VM('ABORTED', 'Stopped the scanner on the runner: the scan was cancelled.');
        if (r.timedOut) {
            throw new scanner_error/* ScannerError */.VM('TIMEOUT', `The scanner on the runner did not finish within ${(0,duration/* formatDuration */.a)(opts.timeoutMs)} (it reads every file of the ` +
                `model, and downloads it first for object storage). Last lines of its output:\n${(0,scanner_error/* outputTail */.ci)(r.stderr, secrets)}`);
        }
        if (r.spawnError) {
            throw new scanner_error/* ScannerError */.VM('SCANNER_CRASHED', `The scanner could not be started: ${secrets.redact(r.spawnError.message)}`);
        }
        const reply = parseDriverReply(r.stdout);
        if (!reply) {
            const how = r.killedBy ? `was killed by ${r.killedBy}` : `exited with code ${String(r.exitCode)}`;
            const tail = (0,scanner_error/* outputTail */.ci)(r.stderr, secrets);
            throw new scanner_error/* ScannerError */.VM('SCANNER_CRASHED', `The scanner crashed: it ${how} without reporting a result.` +
                (tail ? ` Last lines of its output:\n${tail}` : ' It printed nothing.'));
        }
        if ('error' in reply) {
            const what = `${(0,util_text/* plainText */.wh)(reply.type, 80)}: ${(0,util_text/* plainText */.wh)(secrets.redact(reply.error), 1000)}`;
            throw new scanner_error/* ScannerError */.VM('SCANNER_ERROR', reply.stage === 'import'
                ? `The model security client could not be loaded in ${external_node_path_default().dirname(external_node_path_default().dirname(opts.python))} (${what})`
                : reply.stage === 'arguments'
                    ? `The scanner driver could not read its arguments (${what})`
                    : `The model security client failed to scan the model (${what})`);
        }
        if (!spec_values/* UUID_PATTERN */.JJ.test(reply.scan_uuid)) {
            throw new scanner_error/* ScannerError */.VM('SCANNER_CRASHED', `The scanner reported a scan ID that is not a UUID: ${JSON.stringify((0,util_text/* plainText */.wh)(secrets.redact(reply.scan_uuid), 80))}`);
        }
        if (reply.client_version !== opts.expectVersion) {
            throw new scanner_error/* ScannerError */.VM('VERSION_MISMATCH', `The scanner ran ${(0,util_text/* plainText */.wh)(reply.client_version, 40) || 'an unknown version'} of the client, not the pinned ${opts.expectVersion}`);
        }
        if (r.exitCode !== 0) {
            logger.warning(`scanner: the driver reported scan ${reply.scan_uuid} but exited with code ${String(r.exitCode)}`);
        }
        await opts.inspectDownload?.(downloads);
        return { scanUuid: reply.scan_uuid.toLowerCase(), clientVersion: reply.client_version };
    }
    finally {
        await promises_default().rm(work, { recursive: true, force: true });
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./src/scanner/workdir.ts





const live = new Set();
let hooked = false;
function removeAtExit() {
    for (const dir of live) {
        try {
            (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true, maxRetries: 2 });
        }
        catch {
            // nothing more can be done while exiting
        }
    }
    live.clear();
}
/** Makes the run's private directory under `runnerTemp`. */
async function makeScannerDirs(runnerTemp) {
    let root;
    try {
        await promises_default().mkdir(runnerTemp, { recursive: true });
        root = await promises_default().mkdtemp(external_node_path_default().join(runnerTemp, 'airs-scanner-'));
        // mkdtemp makes it 0700 on POSIX already; said again in case of an unusual umask handling
        if (process.platform !== 'win32')
            await promises_default().chmod(root, 0o700);
    }
    catch (e) {
        throw new scanner_error/* ScannerError */.VM('VENV_FAILED', `The scanner's working directory could not be made in ${(0,util_text/* plainText */.wh)(runnerTemp, 200)} ` +
            `(${e.code ?? 'error'}): check that RUNNER_TEMP is a writable directory`);
    }
    live.add(root);
    if (!hooked) {
        hooked = true;
        process.once('exit', removeAtExit);
    }
    const dirs = {
        root,
        venv: external_node_path_default().join(root, 'venv'),
        home: external_node_path_default().join(root, 'home'),
        tmp: external_node_path_default().join(root, 'tmp'),
        pip: external_node_path_default().join(root, 'pip')
    };
    for (const d of [dirs.home, dirs.tmp, dirs.pip])
        await promises_default().mkdir(d, { mode: 0o700 });
    return dirs;
}
/** Removes the run's private directory (idempotent). */
async function releaseScannerDirs(dirs) {
    await promises_default().rm(dirs.root, { recursive: true, force: true, maxRetries: 3 });
    live.delete(dirs.root);
}

;// CONCATENATED MODULE: ./src/scanner/prepare-scanner.ts









/**
 * Scans on the runner, for models the service cannot fetch itself (LOCAL paths, and S3, GCS, Azure Blob,
 * Artifactory and GitLab models, which the client downloads): the official Python client
 * `model-security-client` scans the files here and posts the results as the scan's `scan_details`; the gate then
 * polls, collects and judges that scan like any other.
 *
 * ```ts
 * const scanner = await prepareScanner({ version: '1.1.2', extras: [], runnerTemp, credentials, endpoints,
 *   indexUrl: async () => (await client.pypi.authenticate()).url, onSecret: core.setSecret, logger })
 * const { scanUuid } = await scanner.scan({ model: { path: '/abs/model' }, securityGroupUuid, labels })
 * await scanner.close()
 * ```
 *
 * `prepareScanner` makes the run's private directory (workdir.ts), finds Python (python.ts), creates a new
 * virtual environment there and installs the pinned client from the private index only (install.ts). Nothing
 * made by an earlier process is reused, so each run installs once: call it once per run and share the result.
 * `scan` runs the driver (driver.ts, run.ts) with an allow-listed environment (env.ts) and returns as soon as the
 * scan exists; `close` removes the private directory (an exit hook does it otherwise). Every failure is a
 * ScannerError (a GateError with a `reason`); no message or log line carries a credential or the index URL.
 */



/**
 * The client version installed when the workflow names none: the newest one the sources report (PORTAL, §6 of
 * the API contract), and at least 1.1.0, which content fingerprints need.
 */
const DEFAULT_SCAN_TIMEOUT_MS = 30 * 60_000;
/**
 * The client's base URL (`…/aims`) from the data-plane endpoint (`…/aims/data`): the client appends the plane
 * itself.
 */
function sdkBaseUrl(dataEndpoint) {
    const trimmed = dataEndpoint.replace(/\/+$/, '');
    if (!/\/data$/.test(trimmed)) {
        throw new scanner_error/* ScannerError */.VM('INVALID_OPTION', 'The scanner client needs a data endpoint ending in /data (it appends /data and /mgmt to the base URL itself)');
    }
    return trimmed.slice(0, -'/data'.length);
}
/** Makes the run's private directory, finds Python and installs the pinned client in a new environment. */
async function prepareScanner(setup) {
    const secrets = new scanner_error/* Secrets */.Sb(setup.onSecret);
    secrets.add(setup.credentials.clientSecret);
    const env = setup.env ?? process.env;
    const dirs = await makeScannerDirs(setup.runnerTemp);
    let python;
    let installed;
    try {
        python = await findPython({
            python: setup.python,
            logger: setup.logger,
            env: pythonEnv(env, dirs),
            signal: setup.signal
        });
        installed = await installScanner({
            python,
            version: setup.version,
            extras: setup.extras,
            requirements: setup.requirements,
            dirs,
            indexUrl: setup.indexUrl,
            secrets,
            logger: setup.logger,
            env,
            signal: setup.signal,
            timeoutMs: setup.installTimeoutMs
        });
    }
    catch (e) {
        await releaseScannerDirs(dirs).catch(() => undefined);
        throw e;
    }
    let closed = false;
    return {
        python,
        installed,
        close: async () => {
            closed = true;
            await releaseScannerDirs(dirs);
        },
        scan: async (request) => {
            if (closed)
                throw new Error('The scanner on the runner was used after close()');
            const source = sourceOf(request);
            const model = await modelArgs(request.model);
            const timeoutMs = request.timeoutMs ?? DEFAULT_SCAN_TIMEOUT_MS;
            const args = {
                base_url: setup.endpoints.api,
                download_timeout_secs: Math.ceil(timeoutMs / 1000),
                scan: {
                    security_group_uuid: request.securityGroupUuid,
                    ...model,
                    model_name: request.modelName,
                    model_author: request.modelAuthor,
                    model_version: request.modelVersion,
                    labels: request.labels?.length
                        ? Object.fromEntries(request.labels.map((l) => [l.key, l.value]))
                        : undefined,
                    allow_patterns: request.allowPatterns?.length ? [...request.allowPatterns] : undefined,
                    ignore_patterns: request.ignorePatterns?.length ? [...request.ignorePatterns] : undefined,
                    poll_timeout_secs: Math.ceil(timeoutMs / 1000)
                }
            };
            const shown = 'path' in request.model ? (model.model_path ?? '') : request.model.uri.split(/[?#]/)[0];
            setup.logger.info(`scanner: scanning ${(0,util_text/* plainText */.wh)(secrets.redact(shown), 300)} on the runner`);
            const result = await runDriver({
                python: installed.python,
                args,
                credentials: setup.credentials,
                endpoints: setup.endpoints,
                expectVersion: installed.version,
                source,
                workRoot: dirs.root,
                env,
                secrets,
                logger: setup.logger,
                timeoutMs,
                signal: request.signal,
                ...('uri' in request.model && request.inspectDownload && { inspectDownload: request.inspectDownload })
            });
            setup.logger.info(`scanner: created scan ${result.scanUuid}`);
            return result;
        }
    };
}
const isRunnerSource = (s) => RUNNER_SOURCES.includes(s);
/** The source whose credentials the driver gets: the request's, else LOCAL for a path. */
function sourceOf(request) {
    if (request.source !== undefined) {
        if (!isRunnerSource(request.source)) {
            throw new scanner_error/* ScannerError */.VM('INVALID_OPTION', `The scanner on the runner does not handle ${(0,util_text/* plainText */.wh)(request.source, 40)} models`);
        }
        return request.source;
    }
    if ('path' in request.model)
        return 'LOCAL';
    throw new scanner_error/* ScannerError */.VM('INVALID_OPTION', `The scanner on the runner cannot tell which storage ${(0,util_text/* plainText */.wh)(request.model.uri.split(/[?#]/)[0], 200)} is in, so it would not know which credentials to give the client`);
}
async function modelArgs(model) {
    if ('uri' in model)
        return { model_uri: model.uri };
    const abs = external_node_path_default().resolve(model.path);
    try {
        await promises_default().stat(abs);
    }
    catch {
        throw new scanner_error/* ScannerError */.VM('MODEL_PATH', `The model path ${(0,util_text/* plainText */.wh)(abs, 300)} does not exist`);
    }
    return { model_path: abs };
}

// EXTERNAL MODULE: ./src/util/gate-error.ts
var gate_error = __webpack_require__(7938);
// EXTERNAL MODULE: ./src/gate/model-source.ts
var model_source = __webpack_require__(97646);
;// CONCATENATED MODULE: ./src/gate/scan-on-runner.ts








function runnerScans(prepare) {
    let prepared;
    let queue = Promise.resolve();
    return {
        async turn() {
            prepared ??= prepare();
            const scanner = await prepared;
            let release;
            const done = new Promise((resolve) => (release = resolve));
            const previous = queue;
            queue = queue.then(() => done);
            await previous;
            let released = false;
            return {
                scanner,
                release: () => {
                    if (released)
                        return;
                    released = true;
                    release();
                }
            };
        },
        async close() {
            const scanner = await prepared?.catch(() => undefined);
            await scanner?.close?.();
        }
    };
}
/**
 * The runner's scanner for a run, or undefined when no model needs it. The client gets the extras of every
 * object-storage source in the run, the credentials and endpoints the API client resolved, and a fresh index
 * URL from the service each time pip has to run.
 */
function runnerScansFor(opts) {
    const onRunner = opts.models.filter((m) => (0,model_source/* scannedOnRunner */.gl)(m.sourceType));
    if (onRunner.length === 0)
        return undefined;
    const extras = [...new Set(onRunner.flatMap((m) => EXTRA_FOR_SOURCE[m.sourceType] ?? []))];
    const { client, env } = opts;
    return runnerScans(async () => {
        const c = client.config;
        return prepareScanner({
            ...opts.choice,
            extras,
            runnerTemp: env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(),
            credentials: { clientId: c.clientId.value, clientSecret: c.clientSecret.value, tsgId: c.tsgId.value },
            endpoints: { api: sdkBaseUrl(c.dataEndpoint.value), token: c.tokenEndpoint.value },
            indexUrl: async () => (await client.pypi.authenticate()).url,
            onSecret: opts.onSecret,
            logger: opts.logger,
            env
        });
    });
}
const scan_on_runner_isRunnerSource = (s) => RUNNER_SOURCES.includes(s);
/** Failures after which the client may still have created the scan (it posts the findings, then reports). */
const MAY_HAVE_CREATED = new Set(['SCANNER_ERROR', 'SCANNER_CRASHED', 'TIMEOUT']);
/**
 * One model through the scanner on the runner, returning the scan it created as the service has it. The scan
 * carries the gate's request label, so when the client fails after posting (a crash, a lost answer, the time
 * limit) the scan it made is found and judged instead of being left behind unjudged.
 */
async function createOnRunner(opts) {
    const { client, settings, model, signal } = opts;
    const requestId = (0,external_node_crypto_.randomUUID)();
    try {
        const { scanUuid } = await opts.scanner.scan({
            model: model.localPath !== undefined ? { path: model.localPath } : { uri: model.modelUri },
            ...(scan_on_runner_isRunnerSource(model.sourceType) && { source: model.sourceType }),
            securityGroupUuid: opts.group.uuid,
            labels: [...settings.labels, { key: spec_values/* CREATE_REQUEST_LABEL */.gS, value: requestId }],
            allowPatterns: settings.allowPatterns,
            ignorePatterns: settings.ignorePatterns,
            modelName: settings.modelName,
            modelAuthor: settings.modelAuthor,
            modelVersion: settings.modelVersion ?? model.revision,
            timeoutMs: opts.timeoutMs,
            signal,
            ...(opts.inspectDownload && { inspectDownload: opts.inspectDownload })
        });
        return await client.scans.get(scanUuid, { signal });
    }
    catch (e) {
        if (e instanceof scanner_error/* ScannerError */.VM && MAY_HAVE_CREATED.has(e.reason) && !signal.aborted) {
            const found = await client.scans.findCreated(requestId, { signal }).catch(() => undefined);
            if (found) {
                opts.logger.warning(`The scanner on the runner failed after creating scan ${found.uuid}; judging that scan. (${e.message.split('\n')[0]})`);
                return found;
            }
        }
        throw e;
    }
}
/**
 * A local model path that holds no file verifies nothing: said before the scanner is prepared or the service is
 * asked anything.
 */
async function somethingToVerify(model) {
    if (model.localPath !== undefined && !(await holdsAFile(model.localPath))) {
        throw new gate_error/* GateError */.ue('NOTHING_TO_VERIFY', `Nothing to verify: ${model.modelUri} holds no file. Check the path, or fetch the model into it before this step.`);
    }
}
/** Whether a local model path is, or holds, at least one regular file (links are not followed). */
async function holdsAFile(root) {
    const st = await (0,promises_.lstat)(root);
    if (!st.isDirectory())
        return st.isFile();
    const queue = [root];
    for (let dir = queue.shift(); dir !== undefined; dir = queue.shift()) {
        // leaving the loop early closes the directory
        for await (const d of await (0,promises_.opendir)(dir)) {
            if (d.isFile())
                return true;
            if (d.isDirectory())
                queue.push(external_node_path_default().join(dir, d.name));
        }
    }
    return false;
}


/***/ }),

/***/ 94065:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  gateWithService: () => (/* binding */ gateWithService)
});

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 6 modules
var schemas = __webpack_require__(26921);
// EXTERNAL MODULE: ./src/airs/airs-error.ts
var airs_error = __webpack_require__(12743);
// EXTERNAL MODULE: ./src/airs/schemas/common.ts
var common = __webpack_require__(71141);
// EXTERNAL MODULE: ./src/airs/schemas/spec-values.ts
var spec_values = __webpack_require__(77206);
;// CONCATENATED MODULE: ./src/airs/method-args.ts




/**
 * Arguments of the client methods, checked before any request: a bad UUID or an out-of-range limit is the
 * caller's mistake and gets a USER_REQUEST_PAYLOAD_ERROR naming the method and the field.
 */
function parseArgs(schema, value, method) {
    const r = schema.safeParse(value ?? {});
    if (!r.success)
        throw (0,airs_error/* invalidArgument */.zM)(`Invalid arguments to ${method}: ${(0,airs_error/* describeIssues */.wF)(r.error.issues)}.`);
    return r.data;
}
function uuidArg(value, name, method) {
    if (typeof value !== 'string' || !spec_values/* UUID_PATTERN */.JJ.test(value)) {
        const shown = typeof value === 'string' ? `"${value.slice(0, 60)}"` : String(value);
        throw (0,airs_error/* invalidArgument */.zM)(`Invalid ${name} passed to ${method}: ${shown} is not a UUID (expected 8-4-4-4-12 hex digits).`);
    }
    return value.toLowerCase();
}
const Uuid = schemas/* string */.YjP().regex(spec_values/* UUID_PATTERN */.JJ, 'expected a UUID');
const Skip = schemas/* number */.aig().int().min(0);
const limit = (max) => schemas/* number */.aig().int().min(1).max(max);
const ListEvaluationsArgs = schemas/* strictObject */.rej({
    skip: Skip.optional(),
    limit: limit(100).optional(),
    sort_field: common/* SortByDateField */.cH.optional(),
    sort_order: common/* SortDirection */.UE.optional(),
    result: common/* RuleEvaluationResultEnum */.rf.optional(),
    rule_instance_uuid: Uuid.optional()
});
const ListViolationsArgs = schemas/* strictObject */.rej({ skip: Skip.optional(), limit: limit(100).optional() });
const ListFilesArgs = schemas/* strictObject */.rej({
    skip: Skip.optional(),
    limit: limit(1000).optional(),
    sort_field: common/* SortByFileField */.QI.optional(),
    sort_dir: common/* SortDirection */.UE.optional(),
    query_path: schemas/* string */.YjP().optional(),
    recursive: schemas/* boolean */.zMY().optional(),
    type: common/* FileTypeEnum */.Iw.optional()
});
const ListScansArgs = schemas/* strictObject */.rej({
    skip: Skip.optional(),
    limit: limit(100).optional(),
    sort_order: common/* SortDirection */.UE.optional(),
    search_query: schemas/* string */.YjP().max(256).optional(),
    security_group_uuid: Uuid.optional(),
    model_version_uuid: Uuid.optional(),
    source_types: schemas/* array */.YOg(common/* SourceTypeEnum */.nN).optional(),
    eval_outcomes: schemas/* array */.YOg(common/* EvalOutcomeEnum */.Kk).optional(),
    start_time: common/* DateTime */.c9.optional(),
    end_time: common/* DateTime */.c9.optional(),
    labels_query: schemas/* string */.YjP().min(1).max(4096).optional()
})
    // the service answers 400 to one without the other
    .refine((a) => (a.start_time === undefined) === (a.end_time === undefined), {
    message: 'start_time and end_time go together'
});
/** Inventory lists (`/v1/models`, a model's versions, a version's files): paging only. */
const ListInventoryArgs = schemas/* strictObject */.rej({
    skip: Skip.optional(),
    limit: limit(100).optional(),
    sort_order: common/* SortDirection */.UE.optional()
});
const ListSecurityGroupsArgs = schemas/* strictObject */.rej({
    skip: Skip.optional(),
    limit: limit(100).optional(),
    sort_field: common/* SortByDateField */.cH.optional(),
    sort_dir: common/* SortDirection */.UE.optional(),
    source_types: schemas/* array */.YOg(common/* SourceTypeEnum */.nN).optional(),
    search_query: schemas/* string */.YjP().min(3, 'search_query needs at least 3 characters').max(1000).optional(),
    enabled_rules: schemas/* array */.YOg(Uuid).optional()
});
const ListRuleInstancesArgs = schemas/* strictObject */.rej({
    skip: Skip.optional(),
    // the spec sets no maximum here; a large page is still bounded to keep responses sane
    limit: limit(1000).optional(),
    security_rule_uuid: Uuid.optional(),
    state: common/* RuleStateEnum */.d.optional(),
    is_custom: schemas/* boolean */.zMY().optional(),
    generation: schemas/* number */.aig().int().min(0).optional()
});
const VersionsArgs = schemas/* strictObject */.rej({
    limit: limit(100).optional(),
    next_token: schemas/* string */.YjP().optional()
});

;// CONCATENATED MODULE: ./src/airs/paginate.ts

async function paginate(fetchPage, opts) {
    if (!(opts.maxItems > 0))
        throw (0,airs_error/* invalidArgument */.zM)('maxItems must be a positive number');
    const seen = new Set();
    const items = [];
    let pages = 0;
    const add = (page) => {
        let fresh = 0;
        for (const it of page) {
            const k = opts.key(it);
            if (seen.has(k))
                continue;
            seen.add(k);
            if (items.length < opts.maxItems)
                items.push(it);
            fresh++;
        }
        return fresh;
    };
    const first = await fetchPage(0, opts.pageSize);
    pages++;
    add(first.items);
    const total = first.total;
    // a server may clamp the page size below what was asked; step by what it actually returns
    const step = Math.max(1, Math.min(opts.pageSize, first.items.length));
    if (total !== null && first.items.length > 0) {
        const wanted = Math.min(total, opts.maxItems);
        const skips = [];
        // a server that ignores `limit` may already have sent everything
        if (first.items.length < wanted)
            for (let skip = step; skip < wanted; skip += step)
                skips.push(skip);
        const results = new Array(skips.length);
        let next = 0;
        let failed = false;
        const worker = async () => {
            // after one page fails the whole collection fails: start no further requests
            while (!failed && next < skips.length) {
                const i = next++;
                try {
                    results[i] = (await fetchPage(skips[i], step)).items;
                }
                catch (e) {
                    failed = true;
                    throw e;
                }
            }
        };
        await Promise.all(Array.from({ length: Math.min(opts.concurrency, skips.length) }, worker));
        pages += skips.length;
        for (const r of results)
            add(r ?? []);
        return { items, total, truncated: total > opts.maxItems, incomplete: items.length < wanted, pages };
    }
    // Unknown total: walk until an empty page, a page with nothing new, or the cap.
    if (total === null && first.items.length > 0) {
        let skip = first.items.length;
        let ended = false;
        // bound on requests, in case a server ignores skip and keeps returning "new" synthetic items
        const maxPages = Math.ceil(opts.maxItems / step) + 2;
        while (seen.size < opts.maxItems && pages < maxPages) {
            const page = await fetchPage(skip, step);
            pages++;
            if (page.items.length === 0 || add(page.items) === 0) {
                ended = true;
                break;
            }
            skip += page.items.length;
        }
        return { items, total, truncated: !ended, incomplete: false, pages };
    }
    return { items, total, truncated: false, incomplete: total !== null && total > 0, pages };
}

;// CONCATENATED MODULE: ./src/airs/api-context.ts

/** Total from a list envelope. */
function totalOf(pagination) {
    return pagination?.total_items ?? null;
}
/** Collects every page of a list endpoint. */
function collect(ctx, pageSize, fetch, key, opts = {}) {
    return paginate(fetch, {
        pageSize,
        maxItems: opts.maxItems ?? ctx.maxItems,
        concurrency: ctx.pageConcurrency,
        key
    });
}
const byUuid = (item) => item.uuid;

// EXTERNAL MODULE: ./src/airs/schemas/data-plane.ts
var data_plane = __webpack_require__(8947);
;// CONCATENATED MODULE: ./src/airs/inventory.ts



/**
 * Data plane: the model inventory the service builds from scans. A version records what a scan was really
 * of (a Hugging Face commit, a content fingerprint), which is what a release gate compares, not the name.
 */
class InventoryApi {
    ctx;
    constructor(ctx) {
        this.ctx = ctx;
    }
    async listModels(args = {}, opts = {}) {
        const query = parseArgs(ListInventoryArgs, args, 'models.listModels');
        return this.ctx.transport.call({
            plane: 'data',
            method: 'GET',
            path: '/v1/models',
            query,
            schema: data_plane/* ModelListSchema */.PV,
            signal: opts.signal
        });
    }
    /** Every model of the tenant, all pages (`truncated` past the client's item bound). */
    async allModels(opts = {}) {
        return collect(this.ctx, 100, async (skip, limit) => {
            const page = await this.listModels({ skip, limit }, opts);
            return { items: page.models, total: totalOf(page.pagination) };
        }, byUuid, opts);
    }
    async getModel(uuid, opts = {}) {
        const id = uuidArg(uuid, 'model UUID', 'models.getModel');
        return this.ctx.transport.call({
            plane: 'data',
            method: 'GET',
            path: '/v1/models/{uuid}',
            params: { uuid: id },
            schema: data_plane/* ModelSchema */.$3,
            signal: opts.signal
        });
    }
    async listVersions(modelUuid, args = {}, opts = {}) {
        const id = uuidArg(modelUuid, 'model UUID', 'models.listVersions');
        const query = parseArgs(ListInventoryArgs, args, 'models.listVersions');
        return this.ctx.transport.call({
            plane: 'data',
            method: 'GET',
            path: '/v1/models/{uuid}/model-versions',
            params: { uuid: id },
            query,
            schema: data_plane/* ModelVersionListSchema */.Pf,
            signal: opts.signal
        });
    }
    async getVersion(uuid, opts = {}) {
        const id = uuidArg(uuid, 'model version UUID', 'models.getVersion');
        return this.ctx.transport.call({
            plane: 'data',
            method: 'GET',
            path: '/v1/model-versions/{uuid}',
            params: { uuid: id },
            schema: data_plane/* ModelVersionSchema */.hQ,
            signal: opts.signal
        });
    }
}

// EXTERNAL MODULE: ./src/airs/schemas/mgmt-plane.ts
var mgmt_plane = __webpack_require__(46882);
;// CONCATENATED MODULE: ./src/airs/pypi.ts

/**
 * Management plane: the short-lived URL of the private package index that serves the official scanner
 * client. The URL embeds a token, so it is handed to the secret sink before anyone can log it.
 */
class PyPIApi {
    ctx;
    onSecret;
    constructor(ctx, onSecret) {
        this.ctx = ctx;
        this.onSecret = onSecret;
    }
    async authenticate(opts = {}) {
        const auth = await this.ctx.transport.call({
            plane: 'mgmt',
            method: 'GET',
            path: '/v1/pypi/authenticate',
            schema: mgmt_plane/* PyPIAuthSchema */.aC,
            signal: opts.signal
        });
        this.onSecret(auth.url);
        const u = new URL(auth.url);
        if (u.password)
            this.onSecret(decodeURIComponent(u.password));
        if (u.username && u.username !== '_token')
            this.onSecret(decodeURIComponent(u.username));
        return auth;
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/airs/retry.ts
var retry = __webpack_require__(26059);
;// CONCATENATED MODULE: ./src/airs/create-scan.ts







/**
 * Delays between look-ups after a request that got no answer: the first attempt may still be running on the
 * server, so the client keeps looking for about one request timeout before it sends the create again.
 */
function lookupSchedule(windowMs) {
    const out = [0];
    for (let wait = 250, total = 0; total < windowMs; wait = Math.min(wait * 2, 8000)) {
        out.push(wait);
        total += wait;
    }
    return out;
}
async function createScan(ctx, body, opts = {}) {
    const parsed = parseArgs(data_plane/* ScanCreateRequestSchema */.i3, body, 'scans.create');
    const requestId = opts.requestId === undefined
        ? (0,external_node_crypto_.randomUUID)()
        : parseArgs(common/* LabelValue */.aH, opts.requestId, 'scans.create (requestId)');
    const labels = [
        ...(parsed.labels ?? []).filter((l) => l.key !== spec_values/* CREATE_REQUEST_LABEL */.gS),
        { key: spec_values/* CREATE_REQUEST_LABEL */.gS, value: requestId }
    ];
    if (labels.length > spec_values/* MAX_LABELS_PER_SCAN */.Zt) {
        throw (0,airs_error/* invalidArgument */.zM)(`Invalid arguments to scans.create: labels: at most ${spec_values/* MAX_LABELS_PER_SCAN */.Zt - 1} labels (one more is added to make the request safe to retry).`);
    }
    const request = {
        plane: 'data',
        method: 'POST',
        path: '/v1/scans',
        body: { ...parsed, labels },
        schema: data_plane/* ScanSchema */.xR,
        signal: opts.signal
    };
    const find = () => findCreated(ctx, parsed.model_uri, requestId, opts.signal);
    /** Look-ups owed before the next send: none, one (the server answered), or a schedule (it did not). */
    let owed = [];
    const lookUp = async () => {
        for (const wait of owed) {
            if (wait > 0)
                await ctx.retry.sleep(wait, opts.signal);
            const found = await find();
            if (found) {
                ctx.logger.info(`The response to creating scan ${found.uuid} was lost; using the scan that request created.`);
                return found;
            }
        }
        return undefined;
    };
    try {
        return await (0,retry/* runWithRetries */.G8)(async (n) => {
            const found = await lookUp();
            if (found)
                return found;
            owed = [];
            try {
                return await ctx.transport.once(request, n);
            }
            catch (e) {
                if (e instanceof retry/* RetryableFailure */.jn && e.maybeProcessed) {
                    owed = e.error.status === undefined ? lookupSchedule(ctx.timeoutMs) : [0];
                }
                throw e;
            }
        }, ctx.retry, opts.signal);
    }
    catch (e) {
        // a 2xx whose body breaks the contract did create a scan: find it rather than leave it orphaned (the
        // scan found is read back through the contract like any other)
        if ((0,airs_error/* isAirsError */._x)(e) && e.reason === 'CONTRACT_VIOLATION')
            owed = [0];
        // out of retries, but the last attempt may still have created the scan
        if (owed.length > 0 && !opts.signal?.aborted) {
            const found = await lookUp().catch(() => undefined);
            if (found)
                return found;
        }
        throw e;
    }
}
/**
 * Looks the scan up by its request label, and by model URI as a second route (the label index could lag).
 * The label is checked on every result, so a server that ignores a filter cannot hand back someone else's
 * scan; a list that leaves labels out (the spec does not require them) is confirmed by reading each candidate.
 */
async function findCreated(ctx, modelUri, requestId, signal) {
    const ours = (s) => s.labels.some((l) => l.key === spec_values/* CREATE_REQUEST_LABEL */.gS && l.value === requestId);
    const lookups = [
        { labels_query: `${spec_values/* CREATE_REQUEST_LABEL */.gS}:${requestId}`, limit: 10 }
    ];
    if (modelUri !== undefined && modelUri.length <= 256)
        lookups.push({ search_query: modelUri, sort_order: 'desc', limit: 100 });
    for (const query of lookups) {
        const page = await ctx.transport.call({
            plane: 'data',
            method: 'GET',
            path: '/v1/scans',
            query,
            schema: data_plane/* ScanListSchema */.X4,
            signal
        });
        let found = page.scans.find(ours);
        const unlabelled = page.scans.filter((s) => s.labels.length === 0 && (modelUri === undefined || s.model_uri === modelUri));
        for (const candidate of found ? [] : unlabelled.slice(0, 3)) {
            const full = await ctx.transport.call({
                plane: 'data',
                method: 'GET',
                path: '/v1/scans/{uuid}',
                params: { uuid: candidate.uuid },
                schema: data_plane/* ScanSchema */.xR,
                signal
            });
            if (ours(full)) {
                found = full;
                break;
            }
        }
        if (found) {
            return found;
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/airs/scans.ts




/** Data plane: scans, their rule evaluations, violations and files. */
class ScansApi {
    ctx;
    constructor(ctx) {
        this.ctx = ctx;
    }
    /** `POST /v1/scans`, safe to retry: a lost response never creates a second scan. */
    async create(body, opts = {}) {
        return createScan(this.ctx, body, opts);
    }
    /**
     * The scan a create request made, found by its request label (`CREATE_REQUEST_LABEL` = `requestId`), for
     * scans created by someone else on the gate's behalf (the scanner client on the runner). Undefined when none.
     */
    async findCreated(requestId, opts = {}) {
        return findCreated(this.ctx, opts.modelUri, requestId, opts.signal);
    }
    /** One page of `GET /v1/scans`, filtered as the arguments say (a filter is the server's; check what matters). */
    async list(args = {}, opts = {}) {
        const query = parseArgs(ListScansArgs, args, 'scans.list');
        return this.ctx.transport.call({
            plane: 'data',
            method: 'GET',
            path: '/v1/scans',
            query,
            schema: data_plane/* ScanListSchema */.X4,
            signal: opts.signal
        });
    }
    async get(uuid, opts = {}) {
        const id = uuidArg(uuid, 'scan UUID', 'scans.get');
        return this.ctx.transport.call({
            plane: 'data',
            method: 'GET',
            path: '/v1/scans/{uuid}',
            params: { uuid: id },
            schema: data_plane/* ScanSchema */.xR,
            signal: opts.signal
        });
    }
    async listEvaluations(scanUuid, args = {}, opts = {}) {
        const id = uuidArg(scanUuid, 'scan UUID', 'scans.listEvaluations');
        const query = parseArgs(ListEvaluationsArgs, args, 'scans.listEvaluations');
        return this.ctx.transport.call({
            plane: 'data',
            method: 'GET',
            path: '/v1/scans/{scan_uuid}/evaluations',
            params: { scan_uuid: id },
            query,
            schema: data_plane/* RuleEvaluationListSchema */.gc,
            signal: opts.signal
        });
    }
    async allEvaluations(scanUuid, args = {}, opts = {}) {
        uuidArg(scanUuid, 'scan UUID', 'scans.allEvaluations');
        return collect(this.ctx, 100, async (skip, limit) => {
            const page = await this.listEvaluations(scanUuid, { ...args, skip, limit }, opts);
            return { items: page.evaluations, total: totalOf(page.pagination) };
        }, byUuid, opts);
    }
    async listViolations(scanUuid, args = {}, opts = {}) {
        const id = uuidArg(scanUuid, 'scan UUID', 'scans.listViolations');
        const query = parseArgs(ListViolationsArgs, args, 'scans.listViolations');
        return this.ctx.transport.call({
            plane: 'data',
            method: 'GET',
            path: '/v1/scans/{scan_uuid}/rule-violations',
            params: { scan_uuid: id },
            query,
            schema: data_plane/* ViolationListSchema */.FB,
            signal: opts.signal
        });
    }
    async allViolations(scanUuid, opts = {}) {
        uuidArg(scanUuid, 'scan UUID', 'scans.allViolations');
        return collect(this.ctx, 100, async (skip, limit) => {
            const page = await this.listViolations(scanUuid, { skip, limit }, opts);
            return { items: page.violations, total: totalOf(page.pagination) };
        }, byUuid, opts);
    }
    async listFiles(scanUuid, args = {}, opts = {}) {
        const id = uuidArg(scanUuid, 'scan UUID', 'scans.listFiles');
        const query = parseArgs(ListFilesArgs, args, 'scans.listFiles');
        return this.ctx.transport.call({
            plane: 'data',
            method: 'GET',
            path: '/v1/scans/{scan_uuid}/files',
            params: { scan_uuid: id },
            query,
            schema: data_plane/* FileListSchema */.yI,
            signal: opts.signal
        });
    }
    /** Every entry below `query_path` (default `/`) in one directory level, or the whole tree with `recursive`. */
    async allFiles(scanUuid, args = {}, opts = {}) {
        uuidArg(scanUuid, 'scan UUID', 'scans.allFiles');
        parseArgs(ListFilesArgs, args, 'scans.allFiles');
        return collect(this.ctx, 1000, async (skip, limit) => {
            const page = await this.listFiles(scanUuid, { ...args, skip, limit }, opts);
            return { items: page.files, total: totalOf(page.pagination) };
        }, byUuid, opts);
    }
}

;// CONCATENATED MODULE: ./src/airs/version-history.ts
/** Most snapshot versions one call collects (a policy edited this often is not a normal policy). */
const MAX_VERSION_PAGES = 50;
/**
 * Follows a cursor-paginated `…/versions` list (newest first) until `until` returns true for a version, or
 * the history ends. A caller deciding that nothing changed needs to know whether it saw all of it.
 */
async function followVersions(page, until = () => false) {
    const out = [];
    let token;
    const seenTokens = new Set();
    for (let n = 0; n < MAX_VERSION_PAGES; n++) {
        const res = await page(token);
        for (const v of res.versions) {
            out.push(v);
            if (until(v))
                return { versions: out, complete: false };
        }
        token = res.pagination?.next_token ?? undefined;
        if (!token)
            return { versions: out, complete: true };
        // a cursor that repeats would loop forever; an empty page that names another is not an end either
        if (seenTokens.has(token) || res.versions.length === 0)
            break;
        seenTokens.add(token);
    }
    return { versions: out, complete: false };
}

;// CONCATENATED MODULE: ./src/airs/security-groups.ts





/** Management plane: security groups (scan policies) and their rule instances. */
class SecurityGroupsApi {
    ctx;
    constructor(ctx) {
        this.ctx = ctx;
    }
    async list(args = {}, opts = {}) {
        const query = parseArgs(ListSecurityGroupsArgs, args, 'securityGroups.list');
        return this.ctx.transport.call({
            plane: 'mgmt',
            method: 'GET',
            path: '/v1/security-groups',
            query,
            schema: mgmt_plane/* SecurityGroupListSchema */.BG,
            signal: opts.signal
        });
    }
    async listAll(args = {}, opts = {}) {
        parseArgs(ListSecurityGroupsArgs, args, 'securityGroups.listAll');
        return collect(this.ctx, 100, async (skip, limit) => {
            const page = await this.list({ ...args, skip, limit }, opts);
            return { items: page.security_groups, total: totalOf(page.pagination) };
        }, byUuid, opts);
    }
    async get(uuid, opts = {}) {
        const id = uuidArg(uuid, 'security group UUID', 'securityGroups.get');
        return this.ctx.transport.call({
            plane: 'mgmt',
            method: 'GET',
            path: '/v1/security-groups/{uuid}',
            params: { uuid: id },
            schema: mgmt_plane/* SecurityGroupSchema */.tw,
            signal: opts.signal
        });
    }
    /**
     * Groups whose name is exactly `name` (case-sensitive), deleted ones excluded. The service's search is a
     * loose match, so every candidate is checked here; callers decide what zero or several matches mean.
     */
    async findByName(name, filter = {}, opts = {}) {
        const wanted = name.trim();
        if (wanted === '' || wanted.length > 255) {
            throw (0,airs_error/* invalidArgument */.zM)('Invalid security group name: a name has 1 to 255 characters.');
        }
        const args = {
            ...(wanted.length >= 3 && { search_query: wanted }),
            ...(filter.sourceType && { source_types: [filter.sourceType] })
        };
        const all = await this.listAll(args, opts);
        return all.items.filter((g) => g.name === wanted && g.is_tombstone !== true);
    }
    async listRuleInstances(groupUuid, args = {}, opts = {}) {
        const id = uuidArg(groupUuid, 'security group UUID', 'securityGroups.listRuleInstances');
        const query = parseArgs(ListRuleInstancesArgs, args, 'securityGroups.listRuleInstances');
        return this.ctx.transport.call({
            plane: 'mgmt',
            method: 'GET',
            path: '/v1/security-groups/{security_group_uuid}/rule-instances',
            params: { security_group_uuid: id },
            query,
            schema: mgmt_plane/* RuleInstanceListSchema */.fo,
            signal: opts.signal
        });
    }
    /** Every rule instance of a group; with `generation`, as it was in that historical snapshot. */
    async allRuleInstances(groupUuid, args = {}, opts = {}) {
        uuidArg(groupUuid, 'security group UUID', 'securityGroups.allRuleInstances');
        parseArgs(ListRuleInstancesArgs, args, 'securityGroups.allRuleInstances');
        return collect(this.ctx, 100, async (skip, limit) => {
            const page = await this.listRuleInstances(groupUuid, { ...args, skip, limit }, opts);
            return { items: page.rule_instances, total: totalOf(page.pagination) };
        }, byUuid, opts);
    }
    /** One page of the group's rule snapshot history, newest first (cursor paginated). */
    async listRuleInstanceVersions(groupUuid, args = {}, opts = {}) {
        const id = uuidArg(groupUuid, 'security group UUID', 'securityGroups.listRuleInstanceVersions');
        const query = parseArgs(VersionsArgs, args, 'securityGroups.listRuleInstanceVersions');
        return this.ctx.transport.call({
            plane: 'mgmt',
            method: 'GET',
            path: '/v1/security-groups/{security_group_uuid}/rule-instances/versions',
            params: { security_group_uuid: id },
            query,
            schema: mgmt_plane/* SnapshotVersionListSchema */.i,
            signal: opts.signal
        });
    }
    /**
     * Snapshot versions newest first, following the cursor until `until` returns true for a version (so a
     * caller looking for the policy at a past moment stops as soon as it is found) or the history ends.
     */
    async ruleInstanceVersions(groupUuid, until = () => false, opts = {}) {
        return (await this.versionHistory(groupUuid, until, opts)).versions;
    }
    /**
     * The group's whole snapshot history, and whether it is whole: false when the history is longer than one
     * call collects, or its cursor repeated. A caller deciding that nothing changed needs to know.
     */
    async allRuleInstanceVersions(groupUuid, opts = {}) {
        return this.versionHistory(groupUuid, () => false, opts);
    }
    versionHistory(groupUuid, until, opts) {
        return followVersions((token) => this.listRuleInstanceVersions(groupUuid, { limit: 100, ...(token && { next_token: token }) }, opts), until);
    }
}

;// CONCATENATED MODULE: ./src/airs/security-rules.ts



/** Management plane: a managed security rule (read-only), with its remediation guidance. */
class SecurityRulesApi {
    ctx;
    constructor(ctx) {
        this.ctx = ctx;
    }
    async get(uuid, opts = {}) {
        const id = uuidArg(uuid, 'security rule UUID', 'securityRules.get');
        return this.ctx.transport.call({
            plane: 'mgmt',
            method: 'GET',
            path: '/v1/security-rules/{uuid}',
            params: { uuid: id },
            schema: mgmt_plane/* SecurityRuleSchema */.iF,
            signal: opts.signal
        });
    }
    /** One page of the managed rule catalogue's snapshot history, newest first (cursor paginated). */
    async listVersions(args = {}, opts = {}) {
        const query = parseArgs(VersionsArgs, args, 'securityRules.listVersions');
        return this.ctx.transport.call({
            plane: 'mgmt',
            method: 'GET',
            path: '/v1/security-rules/versions',
            query,
            schema: mgmt_plane/* SnapshotVersionListSchema */.i,
            signal: opts.signal
        });
    }
    /** The catalogue's whole snapshot history: when PANW's managed rules last changed. */
    async allVersions(opts = {}) {
        return followVersions((token) => this.listVersions({ limit: 100, ...(token && { next_token: token }) }, opts));
    }
}

// EXTERNAL MODULE: ./src/airs/session.ts + 3 modules
var airs_session = __webpack_require__(62607);
// EXTERNAL MODULE: ./src/util/redact.ts
var redact = __webpack_require__(50767);
// EXTERNAL MODULE: ./src/airs/error-body.ts
var error_body = __webpack_require__(1480);
// EXTERNAL MODULE: ./src/airs/http.ts
var http = __webpack_require__(94433);
// EXTERNAL MODULE: ./src/airs/http-failure.ts
var http_failure = __webpack_require__(28150);
;// CONCATENATED MODULE: ./src/airs/query.ts
function buildQuery(params) {
    if (!params)
        return '';
    const q = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
        if (value === undefined || value === null)
            continue;
        if (Array.isArray(value))
            for (const v of value)
                q.append(key, v);
        else
            q.append(key, String(value));
    }
    const s = q.toString();
    return s ? `?${s}` : '';
}
/** Fills `{name}` placeholders with URL-encoded values; a missing value is a programming error. */
function fillPath(template, params = {}) {
    return template.replace(/\{([a-z_]+)\}/g, (_, name) => {
        const v = params[name];
        if (v === undefined)
            throw new Error(`missing path parameter ${name} for ${template}`);
        return encodeURIComponent(v);
    });
}

;// CONCATENATED MODULE: ./src/airs/transport.ts







const REQUEST_ID_HEADERS = ['x-request-id', 'x-correlation-id', 'x-amzn-requestid', 'x-cloud-trace-context'];
/** Without a Retry-After, a 429 holds every request back this long. */
const RATE_LIMIT_PAUSE_MS = 1000;
class Transport {
    deps;
    /**
     * Until when every request waits: a 429 is the tenant's budget running out, shared by every worker of the
     * run, so it slows all of them, not only the one that hit it (which would leave the others to hit it too).
     */
    pausedUntil = 0;
    constructor(deps) {
        this.deps = deps;
    }
    /** Runs a call with retries. Only for idempotent calls: creating a scan goes through `once`. */
    async call(req) {
        return (0,retry/* runWithRetries */.G8)((n) => this.once(req, n), this.deps.retry, req.signal);
    }
    /**
     * One attempt (plus the token renewal on 401). Transient failures are thrown as RetryableFailure so the
     * caller decides whether and how to retry.
     */
    async once(req, attemptIndex = 0) {
        const { config } = this.deps;
        const base = req.plane === 'data' ? config.dataEndpoint.value : config.mgmtEndpoint.value;
        const endpoint = `${req.method} ${new URL(base).pathname.replace(/\/+$/, '')}${req.path}`;
        const url = `${base}${fillPath(req.path, req.params)}${buildQuery(req.query)}`;
        const ctx = { endpoint, tsgId: config.tsgId.value, attempts: attemptIndex + 1 };
        try {
            // a retry waits its own delay; a new request waits out the pause another request's 429 set
            if (attemptIndex === 0)
                await this.rateLimitPause(req.signal);
            let renewed = false;
            for (;;) {
                const token = await this.deps.tokens.token(req.signal);
                const res = await this.exchange(req, url, token, ctx);
                if (res.status === 401 && !renewed) {
                    // the token may have expired or been revoked early: fetch a new one once, outside the retry budget
                    this.deps.tokens.invalidate(token);
                    renewed = true;
                    this.deps.logger.debug(`${endpoint} answered 401; renewing the access token`);
                    continue;
                }
                return this.read(req, res, { ...ctx, requestId: requestId(res) });
            }
        }
        catch (e) {
            if (e instanceof retry/* RetryableFailure */.jn) {
                this.scrub(e.error);
                throw e;
            }
            if (e instanceof airs_error/* AirsError */.Aw)
                throw this.scrub(e);
            throw e;
        }
    }
    async exchange(req, url, token, ctx) {
        const headers = {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            'user-agent': this.deps.userAgent
        };
        if (req.body !== undefined)
            headers['content-type'] = 'application/json';
        const started = Date.now();
        try {
            const res = await (0,http/* send */.t)(this.deps.dispatcher, {
                method: req.method,
                url,
                headers,
                body: req.body === undefined ? undefined : JSON.stringify(req.body),
                timeoutMs: this.deps.timeoutMs,
                maxBodyBytes: this.deps.maxBodyBytes,
                signal: req.signal
            });
            this.deps.logger.debug(`${ctx.endpoint} → ${res.status} (${Date.now() - started} ms)`);
            return res;
        }
        catch (e) {
            if (!(e instanceof http/* NetworkError */.D))
                throw e;
            this.deps.logger.debug(`${ctx.endpoint} → ${e.failure}: ${e.message}`);
            const err = (0,http_failure/* networkFailure */.rd)(e, ctx);
            if (!e.retryable)
                throw err;
            throw new retry/* RetryableFailure */.jn(err, undefined, e.maybeProcessed);
        }
    }
    read(req, res, ctx) {
        if (res.status >= 200 && res.status < 300) {
            if (req.schema === null)
                return undefined;
            let json = {};
            if (res.text.trim() !== '') {
                try {
                    json = JSON.parse(res.text);
                }
                catch {
                    // often a truncated body from a proxy: worth another attempt
                    throw new retry/* RetryableFailure */.jn((0,http_failure/* contractFailure */.nY)(ctx, `the ${res.status} body is not valid JSON`));
                }
            }
            const parsed = req.schema.safeParse(json);
            if (!parsed.success)
                throw (0,http_failure/* contractFailure */.nY)(ctx, (0,airs_error/* describeIssues */.wF)(parsed.error.issues));
            return parsed.data;
        }
        const service = (0,error_body/* parseServiceError */.z)(res.text, this.deps.secrets());
        if (retry/* RETRYABLE_STATUSES */.U3.has(res.status)) {
            const hint = (0,retry/* serverRetryHint */.xU)(res.headers, service.retryAfterMs);
            if (res.status === 429)
                this.pauseAll(hint ?? RATE_LIMIT_PAUSE_MS);
            // 408 and 429 mean the request was not processed; other failures may have taken effect
            throw new retry/* RetryableFailure */.jn((0,http_failure/* httpFailure */.tG)(res.status, service, ctx), hint, res.status !== 408 && res.status !== 429);
        }
        throw (0,http_failure/* httpFailure */.tG)(res.status, service, ctx);
    }
    /** Holds every request of this client back for `ms` (never beyond what the client would wait at all). */
    pauseAll(ms) {
        const wait = Math.min(ms, this.deps.retry.policy.maxRetryAfterMs);
        const until = Date.now() + wait;
        if (until > this.pausedUntil) {
            this.pausedUntil = until;
            this.deps.logger.debug(`rate limited: every new request waits ${Math.ceil(wait / 1000)} s`);
        }
    }
    async rateLimitPause(signal) {
        const wait = this.pausedUntil - Date.now();
        if (wait > 0)
            await this.deps.retry.sleep(wait, signal);
    }
    scrub(e) {
        e.message = (0,redact/* redact */.E)(e.message, this.deps.secrets());
        return e;
    }
}
function requestId(res) {
    for (const h of REQUEST_ID_HEADERS) {
        const v = res.headers[h];
        if (v)
            return v.slice(0, 128);
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/airs/client.ts







class ModelSecurityClient {
    config;
    scans;
    /** the model inventory: models and their versions as scans recorded them */
    models;
    securityGroups;
    securityRules;
    pypi;
    session;
    ownsSession;
    constructor(options = {}) {
        this.ownsSession = !options.session;
        const session = (this.session = options.session ?? new airs_session/* AirsSession */.K(options));
        this.config = session.config;
        const transport = new Transport({
            config: session.config,
            tokens: session.tokens,
            dispatcher: session.dispatcher,
            retry: session.retry,
            timeoutMs: session.timeoutMs,
            maxBodyBytes: (0,airs_session/* wholeOption */.P)('maxBodyBytes', options.maxBodyBytes, 64 * 1024 * 1024, 1),
            userAgent: session.userAgent,
            logger: session.logger,
            secrets: () => session.secrets()
        });
        const ctx = {
            transport,
            retry: session.retry,
            logger: session.logger,
            pageConcurrency: (0,airs_session/* wholeOption */.P)('pageConcurrency', options.pageConcurrency, 4, 1),
            maxItems: (0,airs_session/* wholeOption */.P)('maxItems', options.maxItems, 100_000, 1),
            timeoutMs: session.timeoutMs
        };
        this.scans = new ScansApi(ctx);
        this.models = new InventoryApi(ctx);
        this.securityGroups = new SecurityGroupsApi(ctx);
        this.securityRules = new SecurityRulesApi(ctx);
        this.pypi = new PyPIApi(ctx, session.onSecret);
    }
    /** Tokens fetched so far (diagnostics). */
    get tokensIssued() {
        return this.session.tokens.tokensIssued;
    }
    /** Fetches a token now, to fail fast on bad credentials before other work starts. */
    async authenticate(signal) {
        await this.session.tokens.token(signal);
    }
    async close() {
        if (this.ownsSession)
            await this.session.close();
    }
}

// EXTERNAL MODULE: ./src/util/sleep.ts
var sleep = __webpack_require__(97783);
// EXTERNAL MODULE: ./src/gate/hub-revision.ts
var hub_revision = __webpack_require__(81868);
// EXTERNAL MODULE: ./src/util/duration.ts
var duration = __webpack_require__(26518);
// EXTERNAL MODULE: ./src/gate/describe-failure.ts
var describe_failure = __webpack_require__(15309);
// EXTERNAL MODULE: ./src/gate/model-source.ts
var model_source = __webpack_require__(97646);
;// CONCATENATED MODULE: ./src/gate/generations.ts
/**
 * Which policy generation was in force when, from a group's snapshot history. Chosen by timestamp, never by
 * the order the service listed the versions in.
 */
/** How far the service's clocks (data plane, management plane) and this runner's may differ. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** The generation in force at a moment: the latest stamped at or before it. */
function inForce(versions, at) {
    return newest(versions.filter((v) => Date.parse(v.timestamp) <= at));
}
/** The latest version (by timestamp, then generation). */
function newest(versions) {
    let best;
    for (const v of versions) {
        const t = Date.parse(v.timestamp);
        const b = best === undefined ? -Infinity : Date.parse(best.timestamp);
        if (t > b || (t === b && v.generation > best.generation))
            best = v;
    }
    return best;
}

// EXTERNAL MODULE: ./src/gate/result.ts
var result = __webpack_require__(34726);
// EXTERNAL MODULE: ./src/util/concurrency.ts
var concurrency = __webpack_require__(43731);
// EXTERNAL MODULE: ./src/util/gate-error.ts
var gate_error = __webpack_require__(7938);
// EXTERNAL MODULE: ./src/gate/group.ts
var group = __webpack_require__(67328);
;// CONCATENATED MODULE: ./src/gate/collect.ts





/**
 * Promises shared across the models of one run, so each group, rule and policy snapshot is fetched once. A
 * lookup runs on its own (its requests have their own time limits and retries), and each model waits for it
 * only as long as its own time allows: one model running out of time never cancels it for the others.
 */
class SharedLookups {
    client;
    rules = new Map();
    policies = new Map();
    groups = new Map();
    histories = new Map();
    constructor(client) {
        this.client = client;
    }
    /** The security group for a spec and source; an answer, failures included, holds for the whole run. */
    group(spec, sourceType, signal) {
        const key = `${JSON.stringify(spec ?? null)}|${sourceType}`;
        let p = this.groups.get(key);
        if (!p) {
            p = (0,group/* resolveGroup */.ss)(this.client, spec, sourceType);
            // a caller that stopped waiting must not leave an unhandled rejection behind
            p.catch(() => undefined);
            this.groups.set(key, p);
        }
        return waitFor(p, signal, 'the security group');
    }
    rule(uuid, signal) {
        return waitFor(once(this.rules, uuid, () => this.client.securityRules.get(uuid)), signal, 'the rule catalogue');
    }
    /** The group's whole policy history, read once per run (a run judges every reuse against the same "now"). */
    policyHistory(group, signal) {
        return waitFor(once(this.histories, group.uuid, () => this.client.securityGroups.allRuleInstanceVersions(group.uuid)), signal, 'the policy history');
    }
    /** The managed rule catalogue's history (PANW's rule definitions), read once per run. */
    catalogueHistory(signal) {
        return waitFor(once(this.histories, '#catalogue', () => this.client.securityRules.allVersions()), signal, 'the rule catalogue history');
    }
    /**
     * The group's rule instances as of `at`. Which generation was in force is looked up for every scan (a
     * later scan may meet a newer policy); the instances of a generation are fetched once.
     */
    async policy(group, at, signal) {
        const when = Date.parse(at);
        const stamped = (v) => Date.parse(v.timestamp) <= when;
        // reading stops at the first version in force; which one was is chosen by timestamp among those read
        const versions = await this.client.securityGroups.ruleInstanceVersions(group.uuid, stamped, { signal });
        const version = inForce(versions, when);
        const generation = version?.generation ?? null;
        const load = once(this.policies, `${group.uuid}@${generation ?? 'current'}`, async () => {
            const list = await this.client.securityGroups.allRuleInstances(group.uuid, generation === null ? {} : { generation });
            return list.items;
        });
        const instances = await waitFor(load, signal, 'the policy snapshot');
        return { generation, since: version?.timestamp ?? null, rule_instances: instances };
    }
}
function waitFor(p, signal, what) {
    return (0,sleep/* untilAborted */.Eu)(p, signal, () => new gate_error/* GateError */.ue('TIMEOUT', `Stopped waiting for ${what}: this model's time ran out.`));
}
function once(cache, key, load) {
    let p = cache.get(key);
    if (!p) {
        p = load();
        // a failure is not cached: another model may try again
        p.catch(() => cache.delete(key));
        cache.set(key, p);
    }
    return p;
}
async function collectResults(client, scan, group, shared, signal) {
    const warnings = [];
    const policyPromise = shared.policy(group, scan.created_at, signal).catch((e) => {
        warnings.push(`The policy in force at scan time could not be read: ${(0,describe_failure/* describeFailure */.I)(e).message}`);
        return null;
    });
    const [evaluations, violations, files, policy] = await Promise.all([
        client.scans.allEvaluations(scan.uuid, {}, { signal }),
        client.scans.allViolations(scan.uuid, { signal }),
        allFiles(client, scan.uuid, signal),
        policyPromise
    ]);
    // every item names its scan where the service says which: one of another scan is not this scan's evidence
    const foreign = [...evaluations.items, ...files.items].find((i) => i.scan_uuid && i.scan_uuid.toLowerCase() !== scan.uuid.toLowerCase());
    if (foreign) {
        throw new gate_error/* GateError */.ue('CONTRACT_VIOLATION', `The results of scan ${scan.uuid} hold an item of scan ${foreign.scan_uuid}; the service's answer cannot be trusted.`);
    }
    for (const [name, list] of [
        ['rule evaluations', evaluations],
        ['violations', violations],
        ['files', files]
    ]) {
        if (list.truncated)
            warnings.push(`Only the first ${list.items.length} ${name} were collected.`);
        else if (list.incomplete) {
            warnings.push(`The service reported ${list.total} ${name} but returned ${list.items.length} (the list changed while it was read).`);
        }
    }
    const rules = await ruleDetails(evaluations.items, violations.items, policy, shared, warnings, signal);
    return { evaluations, violations, files, rules, policy, warnings };
}
/**
 * Catalogue entries of the rules that did not pass. An evaluation names its rule instance; the instance (from
 * the policy snapshot) names the managed rule. Custom rules have no catalogue entry.
 */
async function ruleDetails(evaluations, violations, policy, shared, warnings, signal) {
    const notPassed = new Set([...evaluations.filter((e) => e.result !== 'PASSED'), ...violations].map((e) => e.rule_instance_uuid));
    if (notPassed.size === 0)
        return [];
    const byInstance = new Map(policy?.rule_instances.map((r) => [r.uuid, r]) ?? []);
    const ruleUuids = new Set();
    for (const id of notPassed) {
        const instance = byInstance.get(id);
        const ruleUuid = instance?.security_rule_uuid ?? instance?.rule?.uuid;
        if (ruleUuid)
            ruleUuids.add(ruleUuid);
        else if (policy && !instance) {
            warnings.push(`Rule instance ${id} is not in the policy snapshot, so its rule details are missing.`);
        }
    }
    const rules = await Promise.all([...ruleUuids].map((uuid) => shared.rule(uuid, signal).catch((e) => {
        warnings.push(`Details of security rule ${uuid} could not be read: ${(0,describe_failure/* describeFailure */.I)(e).message}`);
        return undefined;
    })));
    return rules.filter((r) => r !== undefined);
}
/** Most directories walked one by one when a server ignores `recursive`. */
const MAX_DIRECTORY_WALK = 200;
/**
 * Every file of the scan. The tree is asked for in one recursive listing; a server that ignores `recursive`
 * returns only the top level, so directories whose content is missing are then listed one by one.
 */
async function allFiles(client, scanUuid, signal) {
    const top = await client.scans.allFiles(scanUuid, { recursive: true }, { signal });
    const items = [...top.items];
    const seen = new Set(items.map((f) => f.uuid));
    const hasChildren = (dir) => items.some((f) => f.path.startsWith(`${dir.replace(/\/+$/, '')}/`));
    const queue = items.filter((f) => f.type === 'DIRECTORY' && !hasChildren(f.path));
    let { truncated, incomplete } = top;
    let walked = 0;
    while (queue.length > 0) {
        if (walked++ >= MAX_DIRECTORY_WALK) {
            truncated = true;
            break;
        }
        const dir = queue.shift();
        const page = await client.scans.allFiles(scanUuid, { query_path: dir.path }, { signal });
        truncated ||= page.truncated;
        incomplete ||= page.incomplete;
        for (const f of page.items) {
            if (seen.has(f.uuid))
                continue;
            seen.add(f.uuid);
            items.push(f);
            if (f.type === 'DIRECTORY')
                queue.push(f);
        }
    }
    return { ...top, items, truncated, incomplete };
}

// EXTERNAL MODULE: ./src/gate/poll.ts
var poll = __webpack_require__(35102);
// EXTERNAL MODULE: ./src/gate/model-digest.ts + 1 modules
var model_digest = __webpack_require__(49113);
// EXTERNAL MODULE: ./src/gate/verdict.ts
var gate_verdict = __webpack_require__(15950);
;// CONCATENATED MODULE: ./src/gate/scan-evidence.ts

/**
 * What a scan and its collected results say, as the verdict reads it: the same evidence whether the scan was
 * created in this run or reused from an earlier one.
 */
function scanEvidence(scan, collection, failures = {}) {
    const evaluations = collection?.evaluations ?? result/* EMPTY_LIST */.xF;
    return {
        outcome: scan?.eval_outcome,
        error: failures.error,
        evaluations: evaluations.items,
        collectionError: failures.collectionError,
        evaluationsIncomplete: evaluations.truncated || evaluations.incomplete,
        scanErrorCode: scan?.error_code,
        scanErrorMessage: scan?.error_message,
        rulesFailed: scan?.eval_summary?.rules_failed,
        totalRules: scan?.eval_summary?.total_rules ?? scan?.enabled_rule_count_snapshot ?? undefined,
        ...(collection?.policy && { enabledRules: enabledRules(collection.policy) }),
        filesScanned: scan?.total_files_scanned,
        ...(collection && {
            files: collection.files.items,
            filesIncomplete: collection.files.truncated || collection.files.incomplete
        })
    };
}
/** The rule instances a policy snapshot enables: what an ALLOWED scan must have evaluated. */
function enabledRules(policy) {
    return policy.rule_instances
        .filter((r) => r.state !== 'DISABLED')
        .map((r) => ({ uuid: r.uuid, name: r.rule?.name ?? r.custom_rule?.name }));
}

;// CONCATENATED MODULE: ./src/gate/reuse-scan.ts








/** A Hugging Face commit as the Hub names one. */
const FULL_COMMIT = /^[0-9a-f]{40}$/i;
/** Scans with the key listed at once: more than this in the window and the newest is not known for sure. */
const PAGE = 100;
/** Scans with the key read before giving up (a server that ignores the label filter lists others). */
const MAX_CANDIDATES = 5;
/**
 * What a model's scan is of, when that can be named, and its key: the commit a Hugging Face revision was
 * pinned to (or was given as), the digest of a local model's files. Otherwise why not.
 */
function reusePlan(model, commit, digest, patterns) {
    const subject = subjectOf(model, commit, digest);
    return 'none' in subject ? subject : { subject, key: reuseKey(model, subject, patterns) };
}
function subjectOf(model, commit, digest) {
    if (model.sourceType === 'HUGGING_FACE') {
        if (commit !== undefined && FULL_COMMIT.test(commit))
            return { kind: 'commit', value: commit.toLowerCase() };
        return {
            none: `${commit ?? 'the default branch'} is not pinned to a commit (pin-revision is false), and a moving revision is scanned every time`
        };
    }
    if (model.sourceType === 'LOCAL') {
        return digest ? { kind: 'digest', value: digest.sha256 } : { none: 'its files could not be hashed' };
    }
    return {
        none: `the gate cannot tell whether a ${model.sourceType} model changed since an earlier scan (it does not read the files)`
    };
}
/**
 * The label value naming a scan of this subject made with these patterns. The model's name is part of it for
 * Hugging Face (a commit belongs to a repository); local files are the same artifact wherever they lie.
 */
function reuseKey(model, subject, patterns) {
    const set = (list) => [...new Set(list ?? [])].sort();
    const what = {
        v: 1,
        source: model.sourceType,
        model: subject.kind === 'commit' ? sameUri(model.modelUri) : null,
        [subject.kind]: subject.value,
        allow: set(patterns.allowPatterns),
        ignore: set(patterns.ignorePatterns)
    };
    return (0,external_node_crypto_.createHash)('sha256').update(JSON.stringify(what)).digest('hex');
}
/** The scan to reuse, or why there is none. Never throws: a failed look-up is a reason to scan. */
async function findReusable(deps, request) {
    try {
        return await lookFor(deps, request);
    }
    catch (e) {
        return { reason: `looking for one failed (${(0,describe_failure/* describeFailure */.I)(e).message})` };
    }
}
async function lookFor(deps, r) {
    const { client, shared } = deps;
    const { group, subject, key, signal } = r;
    const now = deps.now();
    const from = now - r.windowMs;
    const what = subject.kind === 'commit' ? `commit ${subject.value}` : `these files (sha256 ${subject.value})`;
    const page = await client.scans.list({
        labels_query: `${spec_values/* REUSE_KEY_LABEL */.ed}:${key}`,
        security_group_uuid: group.uuid,
        start_time: new Date(from).toISOString(),
        end_time: new Date(now + CLOCK_SKEW_MS).toISOString(),
        sort_order: 'desc',
        limit: PAGE
    }, { signal });
    // which scan is the newest must not depend on the server's order: all of them are needed, in one page
    if (page.scans.length >= PAGE || (page.pagination?.total_items ?? 0) > page.scans.length)
        return { reason: `more than ${PAGE} scans of ${what} in the window, more than one look reads` };
    // the server's filters are not trusted either: each is checked here on the scan as read by its UUID
    const listed = page.scans
        .filter((s) => inWindow(s.created_at, from, now))
        .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
    if (listed.length > 1 && listed[0].created_at === listed[1].created_at)
        return { reason: `two scans of ${what} bear the same time; which is the latest is not known` };
    let scan;
    for (const candidate of listed.slice(0, MAX_CANDIDATES)) {
        const full = await client.scans.get(candidate.uuid, { signal });
        if (full.uuid.toLowerCase() === candidate.uuid.toLowerCase() &&
            full.labels.some((l) => l.key === spec_values/* REUSE_KEY_LABEL */.ed && l.value === key) &&
            full.security_group_uuid.toLowerCase() === group.uuid.toLowerCase() &&
            (full.source_type === undefined || full.source_type === r.model.sourceType) &&
            (subject.kind !== 'commit' || sameUri(full.model_uri) === sameUri(r.model.modelUri)) &&
            inWindow(full.created_at, from, now)) {
            scan = full;
            break;
        }
    }
    if (!scan)
        return { reason: `no scan of ${what} in this group within ${(0,duration/* formatDuration */.a)(r.windowMs)}` };
    const age = `scan ${scan.uuid} of ${(0,duration/* formatDuration */.a)(Math.max(0, now - Date.parse(scan.created_at)))} ago`;
    if (!gate_verdict/* DECIDED_OUTCOMES */.bn.has(scan.eval_outcome))
        return { reason: `the latest, ${age}, is ${scan.eval_outcome}` };
    if (subject.kind === 'commit') {
        // results a client uploaded (the scanner on a runner) say what it read, not what the service fetched
        if (scan.scan_origin === 'MODEL_SECURITY_SDK')
            return { reason: `${age} holds results a client uploaded, not a scan the service fetched` };
        const versionUuid = scan.model_version_uuid;
        if (!versionUuid || spec_values/* NO_VERSION_UUID */.bv.test(versionUuid))
            return { reason: `the service records no model version for ${age}` };
        const version = await client.models.getVersion(versionUuid, { signal });
        const recorded = version.hf_commit_sha?.toLowerCase();
        if (version.uuid.toLowerCase() !== versionUuid.toLowerCase() || recorded !== subject.value)
            return { reason: `the service records ${age} as commit ${recorded ?? 'unknown'}, not ${subject.value}` };
    }
    // the rules must have been what they are now for a while before the scan: the planes' clocks may differ,
    // and a scan stamped just after a change may have been judged before it
    const createdAt = Date.parse(scan.created_at);
    const [history, catalogue] = await Promise.all([
        shared.policyHistory(group, signal),
        shared.catalogueHistory(signal)
    ]);
    const then = inForce(history.versions, createdAt);
    const latest = newest(history.versions);
    if (!history.complete || !then || !latest)
        return { reason: `the group's policy history cannot show that its rules are unchanged since ${age}` };
    if (then.generation !== latest.generation)
        return {
            reason: `the policy changed (generation ${then.generation} then, ${latest.generation} now) since ${age}`
        };
    if (Date.parse(latest.timestamp) > createdAt - CLOCK_SKEW_MS)
        return { reason: `the policy changed shortly before ${age}, too close to tell which one judged it` };
    const rules = newest(catalogue.versions);
    if (!catalogue.complete || !rules || Date.parse(rules.timestamp) > createdAt - CLOCK_SKEW_MS)
        return { reason: `the managed rules may have changed since ${age} (their history says so, or nothing)` };
    const collection = await collectResults(client, scan, group, shared, signal);
    const partial = ['evaluations', 'violations', 'files'].filter((k) => collection[k].truncated || collection[k].incomplete);
    if (partial.length > 0 || !collection.policy)
        return { reason: `the results of ${age} could not all be read (${partial.join(', ') || 'policy'})` };
    if (collection.policy.generation !== then.generation)
        return { reason: `the policy read for ${age} is not the generation its history names` };
    // custom rules can judge what the key does not hold (a scan's labels, its name and author)
    if (collection.policy.rule_instances.some((r) => r.custom_rule_uuid || r.custom_rule))
        return { reason: 'the group has custom rules, which can judge what a reuse key does not cover (labels)' };
    const assessment = (0,gate_verdict/* assess */.no)(scanEvidence(scan, collection));
    if (assessment.status === 'error')
        return { reason: `${age} is not decisive: ${assessment.reason}` };
    return { scan, collection, subject };
}
/** In the window and not ahead of this runner's clock (a scan from the future is a clock to distrust). */
const inWindow = (at, from, now) => {
    const t = Date.parse(at);
    return t >= from && t <= now;
};
/** A model URI as compared: Hugging Face names are case-insensitive, a trailing slash means nothing. */
function sameUri(uri) {
    return uri.trim().replace(/\/+$/, '').toLowerCase();
}

;// CONCATENATED MODULE: ./src/gate/drift.ts






/**
 * Drift: what changed since the previous scan of a model. Every scan the gate creates carries a label naming
 * the model (not its revision): `gate-model-key`. After a scan settles, the gate lists the earlier scans with
 * that label in the same security group, takes the newest that settled ALLOWED or BLOCKED, and compares: the
 * outcome, the violations (matched by rule, file and threat), the Hugging Face commit the service recorded for
 * each, the files (local models), and the group's policy generation at each scan's creation.
 *
 * Drift informs; it never decides. A look-up that fails leaves the verdict alone and says what could not be
 * compared (`unknown`), and "could not compare" is never reported as "nothing changed".
 */
/** Earlier scans listed at once; the newest settled one among them is the previous scan. */
const drift_PAGE = 100;
/** Scans read by UUID before giving up (a server that ignores the label filter lists others). */
const drift_MAX_CANDIDATES = 3;
/** How far back a previous scan is looked for. */
const LOOKBACK_MS = 400 * 24 * 60 * 60_000;
/** Violations listed per side in the report; the counts say how many in all. */
const MAX_LISTED = 50;
/**
 * The label value naming a model across its revisions: its source and URI; a local path is a model of its
 * repository (the same path in two repositories is two models).
 */
function modelKey(model, repository) {
    const what = {
        v: 1,
        source: model.sourceType,
        model: model.sourceType === 'LOCAL' ? model.modelUri : sameUri(model.modelUri),
        ...(model.sourceType === 'LOCAL' && { repository: repository?.toLowerCase() ?? null })
    };
    return (0,external_node_crypto_.createHash)('sha256').update(JSON.stringify(what)).digest('hex');
}
/** What changed since the previous scan. Never throws: what could not be compared is listed as unknown. */
async function driftOf(deps, r) {
    let previous;
    try {
        previous = await previousScan(deps.client, r);
    }
    catch (e) {
        return unknownDrift(`the previous scan could not be looked up (${(0,describe_failure/* describeFailure */.I)(e).message})`);
    }
    if (previous === 'unidentified')
        return unknownDrift('the previous scan could not be identified (the scans listed for this model did not check out)');
    if (!previous)
        return { previous: null, drifted: false, newly_blocked: false, unknown: [] };
    const unknown = [];
    const attempt = async (what, f) => {
        try {
            return await f();
        }
        catch (e) {
            unknown.push(`${what} (${(0,describe_failure/* describeFailure */.I)(e).message})`);
            return undefined;
        }
    };
    const prev = previous;
    const [violations, commits, generation] = await Promise.all([
        attempt('violations: the previous scan’s could not be read', () => violationDrift(deps.client, prev, r)),
        r.model.sourceType === 'HUGGING_FACE'
            ? attempt('commit: the service’s record could not be read', () => commitsOf(deps.client, prev, r))
            : undefined,
        attempt('policy: the group’s history could not be read', () => generationAt(deps.shared, prev, r))
    ]);
    const drift = {
        previous: {
            scan_uuid: prev.uuid,
            created_at: prev.created_at,
            eval_outcome: prev.eval_outcome,
            ...(commits?.from && { commit: commits.from }),
            ...(generation !== undefined && { policy_generation: generation })
        },
        drifted: false,
        newly_blocked: prev.eval_outcome === 'ALLOWED' && r.scan.eval_outcome === 'BLOCKED',
        unknown
    };
    if (prev.eval_outcome !== r.scan.eval_outcome)
        drift.outcome = { from: prev.eval_outcome, to: r.scan.eval_outcome };
    if (violations === 'partial')
        unknown.push('violations: one of the two scans’ lists is incomplete');
    else if (violations)
        drift.violations = violations;
    if (commits) {
        if (commits.from && commits.to) {
            if (commits.from !== commits.to)
                drift.commit = { from: commits.from, to: commits.to };
        }
        else
            unknown.push('commit: the service records no commit for one of the two scans');
    }
    if (r.model.sourceType !== 'LOCAL' && r.model.sourceType !== 'HUGGING_FACE')
        unknown.push(`files: the content of a ${r.model.sourceType} model is not compared between scans`);
    if (r.model.sourceType === 'LOCAL') {
        const keyOf = (s) => s.labels.find((l) => l.key === spec_values/* REUSE_KEY_LABEL */.ed)?.value;
        const [then, now] = [keyOf(prev), keyOf(r.scan)];
        if (then && now)
            drift.files_changed = then !== now;
        else
            unknown.push('files: a scan carries no record of its files (gate-reuse-key)');
    }
    const current = r.collection.policy?.generation;
    if (generation !== undefined) {
        if (current === undefined)
            unknown.push('policy: the current scan’s policy could not be read');
        else if (generation !== current)
            drift.policy = { from: generation, to: current };
    }
    drift.drifted = !!(drift.outcome ||
        (drift.violations && drift.violations.added_count + drift.violations.resolved_count > 0) ||
        drift.commit ||
        drift.files_changed ||
        drift.policy);
    return drift;
}
/** Nothing compared, and why. */
function unknownDrift(reason) {
    return { previous: null, drifted: false, newly_blocked: false, unknown: [reason] };
}
/**
 * The newest earlier settled scan of this model in this group, as read by its UUID; undefined when none is
 * listed; 'unidentified' when listed scans did not check out (then which one was the previous is not known).
 */
async function previousScan(client, r) {
    const created = Date.parse(r.scan.created_at);
    const page = await client.scans.list({
        labels_query: `${spec_values/* MODEL_KEY_LABEL */.be}:${r.key}`,
        security_group_uuid: r.group.uuid,
        start_time: new Date(created - LOOKBACK_MS).toISOString(),
        end_time: new Date(created).toISOString(),
        sort_order: 'desc',
        limit: drift_PAGE
    }, { signal: r.signal });
    // the server's filters and order are not trusted: each is checked here, the newest chosen by time
    const earlier = page.scans
        .filter((s) => s.uuid.toLowerCase() !== r.scan.uuid.toLowerCase() &&
        Date.parse(s.created_at) < created &&
        gate_verdict/* DECIDED_OUTCOMES */.bn.has(s.eval_outcome))
        .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
    for (const candidate of earlier.slice(0, drift_MAX_CANDIDATES)) {
        const full = await client.scans.get(candidate.uuid, { signal: r.signal });
        if (full.uuid.toLowerCase() === candidate.uuid.toLowerCase() &&
            full.labels.some((l) => l.key === spec_values/* MODEL_KEY_LABEL */.be && l.value === r.key) &&
            full.security_group_uuid.toLowerCase() === r.group.uuid.toLowerCase() &&
            Date.parse(full.created_at) < created &&
            gate_verdict/* DECIDED_OUTCOMES */.bn.has(full.eval_outcome))
            return full;
    }
    return earlier.length > 0 ? 'unidentified' : undefined;
}
const violationKey = (v) => JSON.stringify([v.rule, v.file, v.threat]);
const asDriftViolation = (v) => ({
    rule: v.rule_name,
    file: v.file ?? null,
    threat: v.threat ?? null
});
/** Violations added and resolved, matched by rule, file and threat; 'partial' when a list is incomplete. */
async function violationDrift(client, prev, r) {
    const now = r.collection.violations;
    if (now.truncated || now.incomplete)
        return 'partial';
    const then = await client.scans.allViolations(prev.uuid, { signal: r.signal });
    if (then.truncated || then.incomplete)
        return 'partial';
    const distinct = (list) => {
        const m = new Map();
        for (const v of list.map(asDriftViolation))
            m.set(violationKey(v), v);
        return m;
    };
    const [before, after] = [distinct(then.items), distinct(now.items)];
    const added = [...after].filter(([k]) => !before.has(k)).map(([, v]) => v);
    const resolved = [...before].filter(([k]) => !after.has(k)).map(([, v]) => v);
    return {
        added: added.slice(0, MAX_LISTED),
        resolved: resolved.slice(0, MAX_LISTED),
        added_count: added.length,
        resolved_count: resolved.length
    };
}
/** The commit the service recorded for the previous scan, and the one this run scanned. */
async function commitsOf(client, prev, r) {
    const recorded = async (scan) => {
        const uuid = scan.model_version_uuid;
        if (!uuid || spec_values/* NO_VERSION_UUID */.bv.test(uuid))
            return undefined;
        const version = await client.models.getVersion(uuid, { signal: r.signal });
        return version.uuid.toLowerCase() === uuid.toLowerCase()
            ? version.hf_commit_sha?.toLowerCase()
            : undefined;
    };
    const [from, to] = await Promise.all([
        recorded(prev),
        r.commit ? Promise.resolve(r.commit.toLowerCase()) : recorded(r.scan)
    ]);
    return { ...(from && { from }), ...(to && { to }) };
}
/** The group's policy generation in force when the previous scan was created (null: the group has none). */
async function generationAt(shared, prev, r) {
    const history = await shared.policyHistory(r.group, r.signal);
    if (history.versions.length === 0)
        return null;
    const version = inForce(history.versions, Date.parse(prev.created_at));
    if (!version)
        throw new Error(`no generation of the group's policy is as old as ${prev.created_at}`);
    return version.generation;
}

// EXTERNAL MODULE: ./src/gate/drift-words.ts
var drift_words = __webpack_require__(77504);
// EXTERNAL MODULE: ./src/gate/labels.ts
var labels = __webpack_require__(5796);
;// CONCATENATED MODULE: ./src/gate/scan-model.ts















/** New scans made when the service ends a scan with SCAN_DATA_PENDING ("the repository is not ready, retry"). */
const DATA_PENDING_RETRIES = 3;
/** Collecting a settled scan's results has its own budget, so a scan that settles late is still reported. */
const COLLECT_BUDGET_MS = 5 * 60_000;
/** Longest look for a scan to reuse (listing, the inventory, the policy, its results), outside the timeout. */
const REUSE_LOOKUP_MS = 2 * 60_000;
/** Comparing with the previous scan has its own budget too: drift informs, it must not hold the run up. */
const DRIFT_BUDGET_MS = 60_000;
/** Progress lines at most this often per model. */
const PROGRESS_EVERY_MS = 10_000;
async function scanModel(deps, stepSettings, model, index) {
    const settings = forModel(stepSettings, model);
    const key = modelKey(model, settings.repository);
    const name = shortName(model);
    const log = (m) => deps.logger.info(`${name}: ${m}`);
    // the runner's one-time setup and the wait for its turn do not count against this model's timeout
    const onRunner = (0,model_source/* scannedOnRunner */.gl)(model.sourceType);
    let turn;
    let setupFailure;
    // the scanner on the runner (Python, pip, child processes) is loaded only by runs that use it
    const runnerPath = onRunner ? await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 85826)) : undefined;
    if (runnerPath) {
        try {
            if (!deps.runner)
                throw new gate_error/* GateError */.ue('UNSUPPORTED_SOURCE', `${model.sourceType} models are scanned on the runner, which this run cannot do.`);
            await runnerPath.somethingToVerify(model);
        }
        catch (e) {
            setupFailure = e instanceof Error ? e : new Error(String(e));
        }
    }
    // hashing a model of many gigabytes is not the scan's time: done before the model's timeout starts, like
    // the runner's setup; the files as they are now, before the scanner reads them
    const digestWarnings = [];
    let digest = model.sourceType === 'LOCAL' && model.localPath && !setupFailure
        ? await (0,model_digest/* digestOrWarn */.wR)(model.localPath, digestWarnings)
        : undefined;
    const started = deps.now();
    let group;
    let scan;
    let collection;
    let error;
    let collectionError;
    let polls = 0;
    let waitMs = null;
    let resolved;
    let reused;
    const retried = [];
    const warnings = [...digestWarnings];
    // waiting for the runner's scanner (set up once per run, one model at a time) is not this model's time
    let untimedMs = 0;
    let deadline = started + settings.timeoutMs;
    const wait = new AbortController();
    // requests in flight when the time is up are cut a little later, so the last check at the deadline completes
    const arm = (ms) => setTimeout(() => wait.abort(), ms + 15_000);
    let timer = arm(settings.timeoutMs);
    /** Runs `step` with the clock stopped: its time is added to the deadline. */
    const untimed = async (step) => {
        clearTimeout(timer);
        const before = deps.now();
        try {
            return await step();
        }
        finally {
            untimedMs += deps.now() - before;
            deadline += deps.now() - before;
            // what is left of this model's time: the time since it started, less the stopped time
            timer = arm(Math.max(0, settings.timeoutMs - (deps.now() - started - untimedMs)));
        }
    };
    try {
        if (setupFailure)
            throw setupFailure;
        if (deps.hub && model.sourceType === 'HUGGING_FACE') {
            const revision = settings.modelVersion ?? model.revision;
            resolved = await deps.hub.resolve(model, revision, wait.signal);
            if (resolved !== revision)
                log(`${revision ?? 'the default branch'} is commit ${resolved}; scanning that commit`);
        }
        group = await deps.shared.group(settings.group, model.sourceType, wait.signal);
        const plan = reusePlan(model, resolved ?? settings.modelVersion ?? model.revision, digest, settings);
        const scanSettings = {
            ...settings,
            // the reuse key first: with `reuse` its place is kept free by the labels input's limit
            labels: (0,labels/* withGateKeys */.CF)(settings.labels, [
                ...('key' in plan ? [{ key: spec_values/* REUSE_KEY_LABEL */.ed, value: plan.key }] : []),
                { key: spec_values/* MODEL_KEY_LABEL */.be, value: key }
            ])
        };
        if (settings.reuseMs !== undefined) {
            const windowMs = settings.reuseMs;
            // looking for a scan to reuse has a budget of its own: a slow look-up must not eat the scan's time
            const found = 'none' in plan
                ? { reason: plan.none }
                : await untimed(() => findReusable(deps, {
                    model,
                    group: group,
                    ...plan,
                    windowMs,
                    signal: AbortSignal.any([wait.signal, AbortSignal.timeout(REUSE_LOOKUP_MS)])
                }));
            if ('scan' in found) {
                reused = found;
                scan = found.scan;
                collection = found.collection;
                warnings.push(...found.collection.warnings);
                log(`reusing scan ${scan.uuid} from ${scan.created_at} (${scan.eval_outcome}); no new scan`);
            }
            else
                log(`no scan to reuse: ${found.reason}`);
        }
        // the scanner is prepared (and waited for) only when a scan is to be made: a reused scan needs none
        if (!reused && runnerPath && deps.runner) {
            const runner = deps.runner;
            turn = await untimed(() => runner.turn());
        }
        for (let attempt = 0; !reused; attempt++) {
            const createdAt = deps.now();
            const created = turn && runnerPath
                ? await runnerPath
                    .createOnRunner({
                    client: deps.client,
                    scanner: turn.scanner,
                    settings: scanSettings,
                    model,
                    group,
                    timeoutMs: Math.max(1000, deadline - deps.now()),
                    signal: wait.signal,
                    logger: deps.logger,
                    // object storage: the files the client downloaded and scanned, hashed before they go
                    ...(model.localPath === undefined && {
                        inspectDownload: async (dir) => {
                            digest = await (0,model_digest/* digestOrWarn */.wR)(dir, warnings, model_digest/* downloadDigest */.BK);
                        }
                    })
                })
                    .finally(turn.release)
                : await deps.client.scans.create(createRequest(scanSettings, model, group, resolved), {
                    signal: wait.signal
                });
            // from here on, every failure report names the scan to follow up
            scan = created;
            log(`scan ${created.uuid} ${turn ? 'created by the scanner on the runner' : 'created'} against "${group.name}" (${created.eval_outcome})`);
            let lastLog = -Infinity;
            const result = await (0,poll/* pollScan */.Hd)(created, (signal) => deps.client.scans.get(created.uuid, { signal }), {
                schedule: settings.schedule,
                deadline,
                now: deps.now,
                sleep: deps.sleep,
                random: deps.random,
                signal: wait.signal,
                onProgress: ({ elapsedMs, nextMs }) => {
                    if (elapsedMs - lastLog < PROGRESS_EVERY_MS)
                        return;
                    lastLog = elapsedMs;
                    log(`PENDING after ${(0,duration/* formatDuration */.a)(elapsedMs)}; next check in ${(0,duration/* formatDuration */.a)(nextMs)}`);
                }
            });
            scan = checked(result.scan, created, group);
            polls += result.polls;
            waitMs = deps.now() - createdAt;
            if (!result.settled) {
                throw new gate_error/* GateError */.ue('TIMEOUT', `Scan ${scan.uuid} was still PENDING after ${(0,duration/* formatDuration */.a)(deps.now() - started - untimedMs)} (timeout ${(0,duration/* formatDuration */.a)(settings.timeoutMs)}); raise the timeout input, or follow the scan in Strata Cloud Manager.`);
            }
            log(`${scan.eval_outcome} after ${(0,duration/* formatDuration */.a)(waitMs)}`);
            // only the service fetches models, so only its scans can be "not ready yet"
            if (onRunner || scan.eval_outcome !== 'ERROR' || scan.error_code !== 'SCAN_DATA_PENDING')
                break;
            const pause = Math.min(2000 * 2 ** attempt, deadline - deps.now());
            if (attempt >= DATA_PENDING_RETRIES || pause <= 0)
                break;
            retried.push({ scan_uuid: scan.uuid, eval_outcome: scan.eval_outcome, error_code: scan.error_code });
            log(`the service is still fetching the model (SCAN_DATA_PENDING); scanning again in ${(0,duration/* formatDuration */.a)(pause)}`);
            await deps.sleep(pause, wait.signal);
        }
    }
    catch (e) {
        error = (0,describe_failure/* describeFailure */.I)(e);
        if (error.code === 'TIMEOUT' && !(e instanceof gate_error/* GateError */.ue)) {
            error = {
                code: 'TIMEOUT',
                message: `No verdict within the timeout of ${(0,duration/* formatDuration */.a)(settings.timeoutMs)}${scan ? ` (scan ${scan.uuid})` : ''}: ${error.message}`
            };
        }
    }
    finally {
        clearTimeout(timer);
        turn?.release();
    }
    if (scan && group && scan.eval_outcome !== 'PENDING' && !error && !reused) {
        const budget = AbortSignal.timeout(COLLECT_BUDGET_MS);
        try {
            collection = await collectResults(deps.client, scan, group, deps.shared, budget);
            warnings.push(...collection.warnings);
        }
        catch (e) {
            collectionError = (0,describe_failure/* describeFailure */.I)(e);
            warnings.push(`Results could not be collected completely: ${collectionError.message}`);
        }
    }
    const assessment = (0,gate_verdict/* assess */.no)(scanEvidence(scan, collection, { error, collectionError }));
    // only a decided scan is compared: an error has nothing to compare, and is a failure of its own
    let drift;
    if (settings.drift && scan && group && collection && assessment.status !== 'error') {
        drift = !scan.labels.some((l) => l.key === spec_values/* MODEL_KEY_LABEL */.be && l.value === key)
            ? unknownDrift(`the scan carries no ${spec_values/* MODEL_KEY_LABEL */.be} label to find its predecessors by (the labels input leaves no room for it, or the scan is older than drift)`)
            : await driftOf(deps, {
                model,
                group,
                scan,
                collection,
                key,
                ...(resolved !== undefined && { commit: resolved }),
                signal: AbortSignal.timeout(DRIFT_BUDGET_MS)
            });
        if (drift.drifted)
            log(`changed since scan ${drift.previous.scan_uuid}: ${(0,drift_words/* driftWords */.t)(drift)}`);
    }
    const verdict = (0,gate_verdict/* judge */.S4)(assessment.status, settings.mode, settings.onError);
    return {
        index,
        engine: 'airs',
        model: {
            input: model.input,
            source_type: model.sourceType,
            model_uri: model.modelUri,
            ...(model.revision !== undefined && { revision: model.revision }),
            ...(resolved !== undefined && { resolved_revision: resolved }),
            ...(digest && { digest }),
            ...(0,model_source/* ownerOf */.bf)(model)
        },
        ...(model.overrides?.mode && { mode: model.overrides.mode }),
        ...(group && { security_group: group }),
        ...(scan && { scan }),
        ...(reused &&
            scan && {
            reused: {
                matched_by: reused.subject.kind,
                age_ms: Math.max(0, Math.round(started - Date.parse(scan.created_at)))
            }
        }),
        ...(drift && { drift }),
        retried_scans: retried,
        evaluations: collection?.evaluations ?? result/* EMPTY_LIST */.xF,
        violations: collection?.violations ?? result/* EMPTY_LIST */.xF,
        files: collection?.files ?? result/* EMPTY_LIST */.xF,
        rules: collection?.rules ?? [],
        policy: collection?.policy ?? null,
        status: assessment.status,
        verdict,
        reason: assessment.reason,
        ...(assessment.error && { error: assessment.error }),
        warnings,
        started_at: new Date(started).toISOString(),
        finished_at: new Date(deps.now()).toISOString(),
        wait_ms: waitMs,
        polls
    };
}
function createRequest(settings, model, group, 
/** the commit the revision was pinned to: for Hugging Face the service scans the model_version it is given */
commit) {
    const version = commit ?? settings.modelVersion ?? model.revision;
    return {
        model_uri: model.modelUri,
        security_group_uuid: group.uuid,
        ...(settings.labels.length > 0 && { labels: settings.labels }),
        ...(settings.allowPatterns?.length && { allow_patterns: settings.allowPatterns }),
        ...(settings.ignorePatterns?.length && { ignore_patterns: settings.ignorePatterns }),
        ...(settings.modelName && { model_name: settings.modelName }),
        ...(settings.modelAuthor && { model_author: settings.modelAuthor }),
        ...(version && { model_version: version }),
        ...(settings.scanOrigin && { scan_origin: settings.scanOrigin })
    };
}
/** The step's settings with the model's own (a models-file entry) in their place. */
function forModel(settings, model) {
    const o = model.overrides;
    if (!o)
        return settings;
    return {
        ...settings,
        ...(o.group && { group: o.group }),
        // the model's labels win over the step's with the same key; the count was checked with the inputs
        ...(o.labels && { labels: (0,labels/* mergeLabels */.Mr)(o.labels, settings.labels, Number.POSITIVE_INFINITY) }),
        ...(o.mode && { mode: o.mode }),
        ...(o.allowPatterns && { allowPatterns: o.allowPatterns }),
        ...(o.ignorePatterns && { ignorePatterns: o.ignorePatterns })
    };
}
/** A scan read back must be the one created, in the group asked for; anything else is not evidence. */
function checked(scan, created, group) {
    if (scan.uuid.toLowerCase() !== created.uuid.toLowerCase()) {
        throw new gate_error/* GateError */.ue('CONTRACT_VIOLATION', `Reading scan ${created.uuid} returned scan ${scan.uuid}; the service's answer cannot be trusted.`);
    }
    if (scan.security_group_uuid.toLowerCase() !== group.uuid.toLowerCase()) {
        throw new gate_error/* GateError */.ue('CONTRACT_VIOLATION', `Scan ${scan.uuid} was evaluated against security group ${scan.security_group_uuid}, not ${group.uuid} as requested.`);
    }
    return scan;
}
/** `org/model`, `s3://bucket/…/name` or a path, short enough for a log prefix. */
function shortName(model) {
    const name = (0,model_source/* displayName */.QC)(model.sourceType, model.modelUri);
    return name.length > 60 ? `…${name.slice(-59)}` : name;
}

;// CONCATENATED MODULE: ./src/gate/run-gate.ts







/**
 * A run's report: its models, and the error that stopped the run (which is never a pass, whatever the models
 * say). No model at all is not a pass either.
 */
function runReport(settings, started, finished, models, error) {
    return (0,result.gateReport)({
        started,
        finished,
        settings: (0,result.reportSettings)(settings),
        verdict: (0,gate_verdict/* worst */.QZ)([
            ...(error ? [(0,gate_verdict/* judge */.S4)('error', settings.mode, settings.onError)] : []),
            ...models.map((m) => m.verdict)
        ]),
        error,
        models
    });
}
async function runGate(settings, deps) {
    const now = deps.now ?? Date.now;
    const started = now();
    const report = (models, error) => runReport(settings, started, now(), models, error);
    try {
        // one token for the run; bad credentials fail here, before anything is created
        await deps.client.authenticate(AbortSignal.timeout(settings.timeoutMs));
    }
    catch (e) {
        return report([], (0,describe_failure/* describeFailure */.I)(e));
    }
    const gateDeps = {
        client: deps.client,
        logger: deps.logger,
        shared: new SharedLookups(deps.client),
        now,
        sleep: deps.sleep,
        random: deps.random ?? Math.random,
        ...(deps.runner && { runner: deps.runner }),
        ...(deps.hub && { hub: deps.hub })
    };
    const progress = progressLine(settings.models.length, now, deps.logger);
    const results = await (0,concurrency/* mapLimit */.s)(settings.models, settings.concurrency, async (model, i) => {
        const result = await scanModel(gateDeps, settings, model, model.position ?? i + 1);
        progress(result);
        return result;
    });
    return report(results);
}
/** A run of this many models says how far it is; fewer finish before anyone asks. */
const PROGRESS_FROM_MODELS = 10;
/** At most one progress line this often, and one every tenth of the models. */
const run_gate_PROGRESS_EVERY_MS = 15_000;
/**
 * Progress of a long run (an audit of hundreds of models): how many are done, how they stand, and when the
 * rest should be, from the pace so far.
 */
function progressLine(total, now, logger) {
    if (total < PROGRESS_FROM_MODELS)
        return () => undefined;
    const started = now();
    const tenth = Math.ceil(total / 10);
    const counts = { done: 0, blocked: 0, error: 0 };
    let last = started;
    return (r) => {
        counts.done++;
        if (r.status === 'blocked')
            counts.blocked++;
        if (r.status === 'error')
            counts.error++;
        const t = now();
        if (counts.done < total && counts.done % tenth !== 0 && t - last < run_gate_PROGRESS_EVERY_MS)
            return;
        last = t;
        const left = total - counts.done;
        const eta = left > 0 ? `; about ${(0,duration/* formatDuration */.a)(((t - started) / counts.done) * left)} left` : '';
        logger.info(`Progress: ${counts.done} of ${total} models done (${counts.blocked} blocked, ${counts.error} not verified)${eta}.`);
    };
}

;// CONCATENATED MODULE: ./src/gate/inventory-audit.ts








async function auditInventory(settings, audit, deps) {
    const now = deps.now ?? Date.now;
    const started = now();
    // an empty inventory verified nothing: no model is not a pass
    const report = (models, error) => runReport(settings, started, now(), models, error);
    let models;
    try {
        const listed = await deps.client.models.allModels();
        if (listed.truncated || listed.incomplete)
            return report([], {
                code: 'SERVICE_ERROR',
                message: `The model inventory could not be read whole (${listed.items.length} of ${listed.total ?? 'an unknown number of'} models); nothing is reported from part of it.`
            });
        models = [...listed.items].sort((a, b) => a.name.localeCompare(b.name) || a.uuid.localeCompare(b.uuid));
    }
    catch (e) {
        return report([], (0,describe_failure/* describeFailure */.I)(e));
    }
    deps.logger.info(`Inventory: ${models.length} models.`);
    const at = new Date(started).toISOString();
    const results = models.map((m, i) => fromInventory(m, i + 1, settings, audit, started, at));
    const stale = results.filter((r) => r.error?.code === 'STALE_SCAN');
    if (!audit.rescanStale || stale.length === 0)
        return report(results);
    const again = stale.flatMap((r) => {
        const source = rescanSource(r);
        return source ? [{ ...source, position: r.index }] : [];
    });
    deps.logger.info(`Re-scanning ${again.length} stale model(s)${again.length < stale.length ? `; ${stale.length - again.length} cannot be re-scanned from the inventory (not on Hugging Face)` : ''}.`);
    if (again.length === 0)
        return report(results);
    const rescanned = await runGate({ ...settings, models: again }, deps);
    for (const m of rescanned.models)
        results[m.index - 1] = { ...m, inventory: results[m.index - 1].inventory };
    return report(results, rescanned.error);
}
/** One model as the inventory records its latest version. */
function fromInventory(m, index, settings, audit, now, at) {
    const source = common/* ModelSourceTypeEnum */.ad.safeParse(m.latest_version_source_types?.[0]);
    const outcome = m.latest_version_outcome ?? null;
    const scanTime = m.latest_version_scan_time ?? null;
    const age = scanTime ? now - Date.parse(scanTime) : NaN;
    const when = Number.isFinite(age) ? `${(0,duration/* formatDuration */.a)(Math.max(0, age))} ago` : 'at an unknown time';
    // a time that cannot be read, or one ahead of this runner's clock by more than clocks differ, says nothing
    const knownTime = Number.isFinite(age) && age >= -CLOCK_SKEW_MS;
    const judged = (() => {
        if (!source.success)
            return error('UNSUPPORTED_SOURCE', 'The inventory records no source type the gate knows for it.');
        if (!outcome || !gate_verdict/* DECIDED_OUTCOMES */.bn.has(outcome) || !scanTime)
            return error(outcome === 'ERROR' ? 'SCAN_ERROR' : 'STALE_SCAN', outcome === 'ERROR'
                ? `Its latest scan (${when}) ended in ERROR.`
                : `No scan of its latest version settled (${outcome ?? 'no outcome recorded'}).`);
        if (!knownTime)
            return error('STALE_SCAN', `The inventory records its latest scan (${outcome}) at ${scanTime}, a time that cannot be trusted (unreadable or in the future).`);
        if (audit.maxAgeMs !== undefined && !(age <= audit.maxAgeMs))
            return error('STALE_SCAN', `Its latest scan (${outcome}) is from ${when}, older than max-age (${(0,duration/* formatDuration */.a)(audit.maxAgeMs)}).`);
        return outcome === 'ALLOWED'
            ? { status: 'allowed', reason: `ALLOWED at its latest scan (${when}), as the inventory records it` }
            : { status: 'blocked', reason: `BLOCKED at its latest scan (${when}), as the inventory records it` };
    })();
    const sourceType = source.success ? source.data : 'HUGGING_FACE';
    return {
        index,
        engine: 'airs',
        model: {
            input: m.name,
            source_type: sourceType,
            model_uri: sourceType === 'HUGGING_FACE' ? `https://huggingface.co/${m.name}` : m.name,
            ...(m.latest_version_revision && { revision: m.latest_version_revision })
        },
        inventory: {
            model_uuid: m.uuid,
            name: m.name,
            version_uuid: m.latest_version_uuid ?? null,
            revision: m.latest_version_revision ?? null,
            commit: m.latest_version_hf_commit_sha ?? null,
            outcome,
            scan_time: scanTime
        },
        retried_scans: [],
        evaluations: result/* EMPTY_LIST */.xF,
        violations: result/* EMPTY_LIST */.xF,
        files: result/* EMPTY_LIST */.xF,
        rules: [],
        policy: null,
        status: judged.status,
        verdict: (0,gate_verdict/* judge */.S4)(judged.status, settings.mode, settings.onError),
        reason: judged.reason,
        ...(judged.error && { error: judged.error }),
        warnings: [],
        started_at: at,
        finished_at: at,
        wait_ms: null,
        polls: 0
    };
}
function error(code, message) {
    return { status: 'error', reason: message, error: { code, message } };
}
/** A stale Hugging Face model as a model to scan: at the commit the inventory recorded, else its revision. */
function rescanSource(r) {
    const inv = r.inventory;
    if (!inv || r.model.source_type !== 'HUGGING_FACE')
        return undefined;
    const revision = inv.commit ?? inv.revision;
    try {
        return (0,model_source/* parseModelUri */.hY)(`https://huggingface.co/${inv.name}${revision ? `@${revision}` : ''}`, {
            workspace: process.cwd()
        });
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/gate/scan-on-runner.ts + 8 modules
var scan_on_runner = __webpack_require__(85826);
;// CONCATENATED MODULE: ./src/gate/service-run.ts






/**
 * The gate stage's path through the AIRS service: the API client on the session the stage opened (and
 * closes), the scanner on the runner when a model is scanned there, then the run.
 */
async function gateWithService(inputs, session, io) {
    const client = new ModelSecurityClient({ session });
    if (inputs.audit) {
        // the inventory's stale models are re-scanned from Hugging Face: pinned, never on the runner
        const hub = (0,hub_revision/* hubResolver */.e)({ env: io.env, dispatcher: session.dispatcher, onSecret: io.onSecret, sleep: sleep/* sleep */.yy });
        try {
            return await auditInventory(inputs.run, inputs.audit, { client, logger: io.logger, sleep: sleep/* sleep */.yy, hub });
        }
        finally {
            await client.close();
        }
    }
    const runner = (0,scan_on_runner.runnerScansFor)({
        models: inputs.run.models,
        choice: inputs.scanner,
        client,
        env: io.env,
        logger: io.logger,
        onSecret: io.onSecret
    });
    try {
        // HF_ENDPOINT is checked here, before the first request of the run
        const hub = inputs.run.pinRevision !== false && inputs.run.models.some((m) => m.sourceType === 'HUGGING_FACE')
            ? (0,hub_revision/* hubResolver */.e)({ env: io.env, dispatcher: session.dispatcher, onSecret: io.onSecret, sleep: sleep/* sleep */.yy })
            : undefined;
        return await runGate(inputs.run, {
            client,
            logger: io.logger,
            sleep: sleep/* sleep */.yy,
            ...(runner && { runner }),
            ...(hub && { hub })
        });
    }
    finally {
        await runner?.close();
        await client.close();
    }
}


/***/ })

};

//# sourceMappingURL=65.index.js.map