export const id = 702;
export const ids = [702];
export const modules = {

/***/ 6702:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CancelledError: () => (/* binding */ CancelledError),
/* harmony export */   ForeignHostError: () => (/* binding */ ForeignHostError),
/* harmony export */   GITHUB_RETRIES: () => (/* binding */ GITHUB_RETRIES),
/* harmony export */   MAX_WAIT_SECONDS: () => (/* binding */ MAX_WAIT_SECONDS),
/* harmony export */   REQUEST_TIMEOUT_MS: () => (/* binding */ REQUEST_TIMEOUT_MS),
/* harmony export */   errorCodeOf: () => (/* binding */ errorCodeOf),
/* harmony export */   githubClient: () => (/* binding */ githubClient),
/* harmony export */   requestHistory: () => (/* binding */ requestHistory)
/* harmony export */ });
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9735);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6856);
/* harmony import */ var _octokit_request_error__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1015);
/* harmony import */ var bottleneck_light_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3251);
/* harmony import */ var bottleneck_light_js__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(bottleneck_light_js__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _util_redact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(767);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(311);






/** Retries of a request after its first attempt, for failures and rate limits alike. */
const GITHUB_RETRIES = 3;
/** The longest wait a rate limit may ask for; a longer one fails the request at once. */
const MAX_WAIT_SECONDS = 10;
const REQUEST_TIMEOUT_MS = 30_000;
const API_VERSION = '2022-11-28';
/** plugin-retry's defaults, and 429: rate limits are plugin-throttling's, which reads GitHub's headers. */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];
/** The client's signal fired: nothing more is sent. */
class CancelledError extends Error {
    constructor() {
        super('cancelled');
        this.name = 'CancelledError';
    }
}
/** A request for another host than GITHUB_API_URL's (a `Link` header pointing elsewhere): not sent. */
class ForeignHostError extends Error {
    constructor() {
        super('a request to another host than GITHUB_API_URL was not sent (the token goes only to the API)');
        this.name = 'ForeignHostError';
    }
}
/** Request options (the object every hook of one request shares, across its retries) → its history. */
const histories = new WeakMap();
/** A thrown error → the history of the request that threw it. */
const errorHistories = new WeakMap();
/** The history of the request that failed with `error`, when it went through a client of this module. */
function requestHistory(error) {
    return typeof error === 'object' && error !== null ? errorHistories.get(error) : undefined;
}
/** The REST base URL from GITHUB_API_URL (`https://api.github.com`, `https://ghes.example.com/api/v3`). */
function apiBase(value) {
    let u;
    try {
        u = new URL(value || 'https://api.github.com');
    }
    catch {
        u = undefined;
    }
    if (!u ||
        !(u.protocol === 'https:' || u.protocol === 'http:') ||
        u.search ||
        u.hash ||
        u.username ||
        u.password) {
        throw new Error('GITHUB_API_URL is not an http(s) URL');
    }
    return { origin: u.origin, url: `${u.origin}${u.pathname.replace(/\/+$/, '')}` };
}
/** `/path?query` of a URL, or the text as it is when it is not one (a route template). */
function pathOf(url) {
    try {
        const u = new URL(url);
        return `${u.pathname}${u.search}`;
    }
    catch {
        return url;
    }
}
/** The `code` of an error or of one of its causes (fetch wraps socket errors: ECONNRESET, UND_ERR_SOCKET). */
function errorCodeOf(e) {
    for (let c = e, depth = 0; c instanceof Error && depth < 4; c = c.cause, depth++) {
        const code = c.code;
        if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code))
            return code;
    }
    return undefined;
}
/** What went wrong with one attempt, briefly: a status, an error code, or a name. */
function brief(e) {
    if (e instanceof _octokit_request_error__WEBPACK_IMPORTED_MODULE_2__/* .RequestError */ .G && e.response)
        return String(e.status);
    return errorCodeOf(e) ?? (e instanceof Error ? e.name : 'error');
}
/** The guard: innermost, around every attempt of every request (see the module comment). */
function guard(api, settings, debug) {
    const { signal, timeoutMs } = settings;
    return (octokit) => {
        octokit.hook.wrap('request', async (request, options) => {
            const absolute = /^https?:\/\//i.test(options.url);
            const url = absolute ? options.url : `${options.baseUrl}${options.url}`;
            // a route template as it is (`/repos/{owner}/{repo}/…`), a full URL (a next page) by its path
            const what = `${options.method} ${absolute ? pathOf(url) : options.url}`;
            let history = histories.get(options);
            if (!history) {
                history = { attempts: 0 };
                histories.set(options, history);
            }
            const fail = (e) => {
                errorHistories.set(e, history);
                throw e;
            };
            let origin;
            try {
                origin = new URL(url).origin;
            }
            catch {
                origin = undefined;
            }
            if (origin !== api.origin) {
                debug(`${what}: not sent, another host than GITHUB_API_URL`);
                return fail(new ForeignHostError());
            }
            if (signal?.aborted)
                return fail(new CancelledError());
            history.attempts++;
            if (history.attempts > 1) {
                debug(`${what}: attempt ${history.attempts}`);
                const alreadyDone = options.request.alreadyDone;
                if (typeof alreadyDone === 'function') {
                    const data = await alreadyDone();
                    if (data !== undefined) {
                        debug(`${what}: an earlier attempt took effect; not sent again`);
                        return { status: 200, url, headers: {}, data };
                    }
                    if (signal?.aborted)
                        return fail(new CancelledError());
                }
            }
            const deadline = AbortSignal.timeout(timeoutMs);
            // copies: without per-request options, these objects are the client's defaults
            options.request = {
                ...options.request,
                signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
                log: octokit.log
            };
            options.headers = { ...options.headers, 'x-github-api-version': API_VERSION };
            try {
                const response = await request(options);
                debug(`${what} → ${response.status}`);
                return response;
            }
            catch (e) {
                if (signal?.aborted) {
                    debug(`${what} → cancelled`);
                    return fail(new CancelledError());
                }
                if (deadline.aborted) {
                    debug(`${what} → no response within ${timeoutMs} ms`);
                    // a connection failure, as plugin-retry knows them: retried
                    return fail(new _octokit_request_error__WEBPACK_IMPORTED_MODULE_2__/* .RequestError */ .G(`no response within ${timeoutMs / 1000} s`, 500, {
                        request: { method: options.method, url, headers: {}, request: options.request }
                    }));
                }
                debug(`${what} → ${brief(e)}`);
                return fail(e);
            }
        });
    };
}
/**
 * The client for `token` against GITHUB_API_URL from `env`. Rejects on no token or a GITHUB_API_URL that is not an
 * http(s) URL; the token is in no message.
 */
async function githubClient(token, env, options = {}) {
    if (!token)
        throw new Error('no github-token');
    const api = apiBase(env.GITHUB_API_URL);
    const retries = Math.max(0, Math.floor(options.retries ?? GITHUB_RETRIES));
    const maxWait = Math.max(0, options.maxWaitSeconds ?? MAX_WAIT_SECONDS);
    const base = Math.max(0, options.retryAfterBaseValue ?? 1000);
    const debug = (m) => options.log?.debug(`github: ${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E)(m, [token])}`);
    const settings = { ...options, timeoutMs: options.timeoutMs ?? REQUEST_TIMEOUT_MS };
    /** plugin-throttling's question: wait `seconds` and try again? */
    const onLimit = (kind) => (seconds, request, _octokit, retryCount) => {
        const what = `${request.method} ${pathOf(request.url)}: ${kind}`;
        if (retryCount >= retries) {
            debug(`${what}, no retries left`);
            return false;
        }
        if (seconds > maxWait) {
            const history = histories.get(request);
            if (history)
                history.refusedWait = { seconds, maxSeconds: maxWait };
            debug(`${what}; not waiting ${seconds} s, longer than ${maxWait} s`);
            return false;
        }
        debug(`${what}; waiting ${seconds} s`);
        return true;
    };
    const { getOctokit } = await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(758)]).then(__webpack_require__.bind(__webpack_require__, 1758));
    const clientOptions = {
        baseUrl: api.url,
        userAgent: `${_version_js__WEBPACK_IMPORTED_MODULE_3__/* .PRODUCT */ .A}/${_version_js__WEBPACK_IMPORTED_MODULE_3__/* .VERSION */ .x}`,
        log: {
            debug: () => undefined,
            info: () => undefined,
            warn: (m) => debug(m),
            error: (m) => debug(m)
        },
        retry: { retries, retryAfterBaseValue: base, doNotRetry: DO_NOT_RETRY },
        throttle: {
            retryAfterBaseValue: base,
            onRateLimit: onLimit('rate limited'),
            onSecondaryRateLimit: onLimit('secondary rate limit'),
            // GitHub's spacing between writes (plugin-throttling's), on this client's own clock
            write: new (bottleneck_light_js__WEBPACK_IMPORTED_MODULE_0___default().Group)({ maxConcurrent: 1, minTime: base }),
            notifications: new (bottleneck_light_js__WEBPACK_IMPORTED_MODULE_0___default().Group)({ maxConcurrent: 1, minTime: 3 * base })
        }
    };
    // the guard first: the plugins wrap it, so it runs on every attempt they make
    return getOctokit(token, clientOptions, guard(api, settings, debug), _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_4__/* .retry */ .L, _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_5__/* .throttling */ .A);
}


/***/ })

};

//# sourceMappingURL=702.index.js.map