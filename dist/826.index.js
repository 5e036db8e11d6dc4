export const id = 826;
export const ids = [826];
export const modules = {

/***/ 5826:
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
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
var promises_default = /*#__PURE__*/__webpack_require__.n(promises_);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/airs/create-scan.ts
var create_scan = __webpack_require__(2883);
// EXTERNAL MODULE: ./src/util/text.ts
var util_text = __webpack_require__(9997);
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
var scanner_error = __webpack_require__(855);
// EXTERNAL MODULE: ./src/util/duration.ts
var duration = __webpack_require__(6518);
// EXTERNAL MODULE: ./src/scanner/scanner-version.ts
var scanner_version = __webpack_require__(9605);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
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

// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 5 modules
var exec = __webpack_require__(2876);
// EXTERNAL MODULE: ./src/util/sleep.ts + 1 modules
var sleep = __webpack_require__(2701);
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
            tried.push(`${(0,util_text/* plainText */.w)(command, 200)} (${problem})`);
            opts.logger.debug(`scanner: ${(0,util_text/* plainText */.w)(command, 200)} ${problem}`);
            continue;
        }
        if (!isSupportedPython(info.version)) {
            throw new scanner_error/* ScannerError */.VM('PYTHON_VERSION', `Python ${info.versionText} (${(0,util_text/* plainText */.w)(info.executable, 200)}) is not supported by the model security ` +
                `client, which needs Python ${range}: ${SETUP_PYTHON_HINT}` +
                (explicit ? ', or name a supported interpreter' : ''));
        }
        opts.logger.info(`scanner: using Python ${info.versionText} (${(0,util_text/* plainText */.w)(info.executable, 200)})`);
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
            throw new scanner_error/* ScannerError */.VM('INVALID_OPTION', `The scanner extra ${JSON.stringify((0,util_text/* plainText */.w)(e, 60))} is not a valid extra name; known extras: ${CLIENT_EXTRAS.join(', ')}`);
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
        throw new scanner_error/* ScannerError */.VM('VERSION_MISMATCH', `pip installed ${requirements/* CLIENT_PACKAGE */.Nc} ${(0,util_text/* plainText */.w)(String(found.version), 40)}, not the pinned ${opts.version}` +
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
        throw new scanner_error/* ScannerError */.VM('INVALID_OPTION', `The scanner requirements file ${(0,util_text/* plainText */.w)(pinned.file, 200)} does not pin ${requirements/* CLIENT_PACKAGE */.Nc}==${version} ` +
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
        ? `${requirements/* CLIENT_PACKAGE */.Nc}==${opts.version} (hash-pinned by ${(0,util_text/* plainText */.w)(opts.requirements.file, 200)}, sha256 ${opts.requirements.sha256.slice(0, 12)}…)`
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
    const file = opts.requirements ? (0,util_text/* plainText */.w)(opts.requirements.file, 200) : '';
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
        return (`: the private package index (the only one consulted) does not serve ${(0,util_text/* plainText */.w)(missing, 100)}, a ` +
            `dependency of the client, ${opts.requirements ? 'as a wheel (with scanner-requirements pip installs wheels only) ' : ''}` +
            `for Python ${opts.python.versionText} on this platform. The action takes no package from any other index: ` +
            `use a Python version the client supports${opts.requirements ? `, pin versions that index serves in ${file}` : ''}, ` +
            'or ask Palo Alto Networks support about the index');
    }
    const versions = /requirement model[-_.]security[-_.]client\S* \(from versions: ([^)]*)\)/i
        .exec(output)?.[1]
        ?.trim();
    return (': the private package index (the only one consulted) has no such version' +
        (versions && versions !== 'none' ? `; it offers ${(0,util_text/* plainText */.w)(versions, 300)}` : ''));
}

// EXTERNAL MODULE: ./src/airs/schemas/common.ts
var common = __webpack_require__(1141);
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
        const r = await runProcess(opts.python, ['-I', script], {
            env: driverEnv(opts.env, opts.credentials, opts.endpoints, { source: opts.source, tmp }),
            cwd: work,
            // object-storage models are downloaded into this run's own directory, removed with it
            input: JSON.stringify({
                ...opts.args,
                download_dir: external_node_path_default().join(work, 'downloads'),
                cleanup_download_dir: true
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
            const what = `${(0,util_text/* plainText */.w)(reply.type, 80)}: ${(0,util_text/* plainText */.w)(secrets.redact(reply.error), 1000)}`;
            throw new scanner_error/* ScannerError */.VM('SCANNER_ERROR', reply.stage === 'import'
                ? `The model security client could not be loaded in ${external_node_path_default().dirname(external_node_path_default().dirname(opts.python))} (${what})`
                : reply.stage === 'arguments'
                    ? `The scanner driver could not read its arguments (${what})`
                    : `The model security client failed to scan the model (${what})`);
        }
        if (!common/* UUID_PATTERN */.JJ.test(reply.scan_uuid)) {
            throw new scanner_error/* ScannerError */.VM('SCANNER_CRASHED', `The scanner reported a scan ID that is not a UUID: ${JSON.stringify((0,util_text/* plainText */.w)(secrets.redact(reply.scan_uuid), 80))}`);
        }
        if (reply.client_version !== opts.expectVersion) {
            throw new scanner_error/* ScannerError */.VM('VERSION_MISMATCH', `The scanner ran ${(0,util_text/* plainText */.w)(reply.client_version, 40) || 'an unknown version'} of the client, not the pinned ${opts.expectVersion}`);
        }
        if (r.exitCode !== 0) {
            logger.warning(`scanner: the driver reported scan ${reply.scan_uuid} but exited with code ${String(r.exitCode)}`);
        }
        return { scanUuid: reply.scan_uuid.toLowerCase(), clientVersion: reply.client_version };
    }
    finally {
        await promises_default().rm(work, { recursive: true, force: true });
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
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
        throw new scanner_error/* ScannerError */.VM('VENV_FAILED', `The scanner's working directory could not be made in ${(0,util_text/* plainText */.w)(runnerTemp, 200)} ` +
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
            setup.logger.info(`scanner: scanning ${(0,util_text/* plainText */.w)(secrets.redact(shown), 300)} on the runner`);
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
                signal: request.signal
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
            throw new scanner_error/* ScannerError */.VM('INVALID_OPTION', `The scanner on the runner does not handle ${(0,util_text/* plainText */.w)(request.source, 40)} models`);
        }
        return request.source;
    }
    if ('path' in request.model)
        return 'LOCAL';
    throw new scanner_error/* ScannerError */.VM('INVALID_OPTION', `The scanner on the runner cannot tell which storage ${(0,util_text/* plainText */.w)(request.model.uri.split(/[?#]/)[0], 200)} is in, so it would not know which credentials to give the client`);
}
async function modelArgs(model) {
    if ('uri' in model)
        return { model_uri: model.uri };
    const abs = external_node_path_default().resolve(model.path);
    try {
        await promises_default().stat(abs);
    }
    catch {
        throw new scanner_error/* ScannerError */.VM('MODEL_PATH', `The model path ${(0,util_text/* plainText */.w)(abs, 300)} does not exist`);
    }
    return { model_path: abs };
}

// EXTERNAL MODULE: ./src/util/gate-error.ts
var gate_error = __webpack_require__(7938);
// EXTERNAL MODULE: ./src/gate/model-source.ts
var model_source = __webpack_require__(7646);
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
            labels: [...settings.labels, { key: create_scan/* CREATE_REQUEST_LABEL */.gS, value: requestId }],
            allowPatterns: settings.allowPatterns,
            ignorePatterns: settings.ignorePatterns,
            modelName: settings.modelName,
            modelAuthor: settings.modelAuthor,
            modelVersion: settings.modelVersion ?? model.revision,
            timeoutMs: opts.timeoutMs,
            signal
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


/***/ })

};

//# sourceMappingURL=826.index.js.map