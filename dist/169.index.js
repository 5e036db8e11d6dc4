export const id = 169;
export const ids = [169,634];
export const modules = {

/***/ 31396:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A3: () => (/* binding */ reasonOf),
/* harmony export */   Fj: () => (/* binding */ secretsOf),
/* harmony export */   Fn: () => (/* binding */ GitHubCalls),
/* harmony export */   Gv: () => (/* binding */ isObject),
/* harmony export */   HR: () => (/* binding */ Failure),
/* harmony export */   Rz: () => (/* binding */ byAccount),
/* harmony export */   SV: () => (/* binding */ withClient)
/* harmony export */ });
/* harmony import */ var _util_redact_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(50767);
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(49997);
/* harmony import */ var _octokit_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(79634);



/**
 * What every write of ours to GitHub shares (the sticky comment, the tracking issue): who the token acts as, and
 * each failed step as one line saying what went wrong, when, and what to change, with the token redacted. The
 * words that differ per caller (what it writes, the permission the job needs) come from its {@link Writing}.
 */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A failed step, its message final (what went wrong, when, and what to change). */
class Failure extends Error {
    status;
    rateLimited;
    constructor(message, status, rateLimited = false) {
        super(message);
        this.status = status;
        this.rateLimited = rateLimited;
        this.name = 'Failure';
    }
}
function asAnswered(e) {
    if (!(e instanceof Error) || !('status' in e) || typeof e.status !== 'number' || !('request' in e)) {
        return undefined;
    }
    const response = 'response' in e && isObject(e.response) ? e.response : undefined;
    return {
        status: e.status,
        ...(response && {
            response: { headers: isObject(response.headers) ? response.headers : {}, data: response.data }
        })
    };
}
/**
 * GitHub's error text: `message`, then the messages of `errors[]` (where 422 says what was wrong); the token is
 * redacted before the text is cut.
 */
function serverMessage(json, secrets) {
    if (!isObject(json))
        return '';
    const parts = [];
    if (typeof json.message === 'string')
        parts.push(json.message);
    if (Array.isArray(json.errors)) {
        for (const e of json.errors.slice(0, 3)) {
            if (typeof e === 'string')
                parts.push(e);
            else if (isObject(e) && typeof e.message === 'string')
                parts.push(e.message);
        }
    }
    return (0,_util_text_js__WEBPACK_IMPORTED_MODULE_2__/* .plainText */ .wh)((0,_util_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E)(parts.join(': '), secrets), 200);
}
const header = (headers, name) => {
    const v = headers[name];
    return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
};
/** GitHub's rate limits: 429, or 403 with `Retry-After`, `x-ratelimit-remaining: 0` or a rate-limit message. */
function isRateLimited(a, msg) {
    if (a.status === 429)
        return true;
    if (a.status !== 403)
        return false;
    const h = a.response?.headers ?? {};
    return (header(h, 'retry-after') !== undefined ||
        header(h, 'x-ratelimit-remaining') === '0' ||
        /\brate limit\b/i.test(msg));
}
/** A connection failure in a few words: the error code, or a cleaned message. */
const connectionDetail = (e) => (0,_octokit_js__WEBPACK_IMPORTED_MODULE_1__.errorCodeOf)(e) ?? ((0,_util_text_js__WEBPACK_IMPORTED_MODULE_2__/* .plainText */ .wh)(e.message, 80) || 'network error');
const GRAPHQL_VIEWER = 'query { viewer { login databaseId } }';
/** The steps of one write through `client`: each failure becomes a {@link Failure} in the caller's words. */
class GitHubCalls {
    client;
    writing;
    secrets;
    logger;
    constructor(client, writing, secrets, logger) {
        this.client = client;
        this.writing = writing;
        this.secrets = secrets;
        this.logger = logger;
    }
    debug(m) {
        this.logger?.debug(`github: ${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E)(m, this.secrets)}`);
    }
    /** One line saying what went wrong with a step and, where there is one, what to change. */
    failure(e, what, where = this.writing.where) {
        if (e instanceof Failure || e instanceof _octokit_js__WEBPACK_IMPORTED_MODULE_1__.CancelledError)
            return e;
        const history = (0,_octokit_js__WEBPACK_IMPORTED_MODULE_1__.requestHistory)(e);
        const tries = history && history.attempts > 1 ? ` (${history.attempts} attempts)` : '';
        if (e instanceof _octokit_js__WEBPACK_IMPORTED_MODULE_1__.ForeignHostError) {
            return new Failure(`${what}: GitHub pointed to another host; not following it (the token goes only to the API)`);
        }
        const a = asAnswered(e);
        if (a && a.response) {
            const { permission, repo, thing } = this.writing;
            const needs = `\`${permission}\``;
            const msg = serverMessage(a.response.data, this.secrets);
            const answer = `GitHub answered ${a.status}${msg ? ` (${msg})` : ''} when ${what}`;
            const limited = isRateLimited(a, msg);
            const refused = history?.refusedWait;
            const reason = (() => {
                if (limited) {
                    return refused
                        ? `${answer}: rate limited; GitHub asked to wait ${refused.seconds} s, longer than the ${refused.maxSeconds} s this step waits`
                        : `${answer}: rate limited${tries}`;
                }
                const own = this.writing.explain?.(a.status, msg, answer);
                if (own)
                    return own;
                switch (a.status) {
                    case 401:
                        return `${answer}: the token was rejected (bad or expired github-token)`;
                    case 403:
                        return /resource not accessible by integration/i.test(msg)
                            ? `${answer}: the workflow token lacks ${needs} (add \`permissions: ${permission}\` to the job)`
                            : `${answer}: the token needs ${needs} on ${repo}`;
                    case 404:
                        return `${answer}: ${where} is not visible to this token, which needs ${needs}`;
                    case 422:
                        return `${answer}: the ${thing} was not accepted`;
                    default:
                        return `${answer}${tries}`;
                }
            })();
            return new Failure(reason, a.status, limited);
        }
        if (a) {
            // no answer: the connection failed, or no answer came in time
            return new Failure(`the connection to GitHub failed when ${what} (${connectionDetail(e)})${tries}`);
        }
        const message = e instanceof Error ? e.message : String(e);
        return new Failure(`unexpected error when ${what}: ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_2__/* .plainText */ .wh)((0,_util_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E)(message, this.secrets), 200)}`);
    }
    /** Runs one step; what it throws becomes a Failure saying `what` (or stays a cancellation). */
    async step(what, f, where) {
        try {
            return await f();
        }
        catch (e) {
            throw this.failure(e, what, where);
        }
    }
    /**
     * The token's account: GraphQL's `viewer`, which answers for user, GITHUB_TOKEN and app tokens alike; GET /user
     * when GraphQL is not available. Neither answering is a failure: nothing is touched on a guess.
     */
    async identity() {
        const what = 'reading which account the token acts as';
        const { thing } = this.writing;
        try {
            const data = await this.step(what, () => this.client.graphql(GRAPHQL_VIEWER));
            const viewer = isObject(data) ? data.viewer : undefined;
            if (isObject(viewer) && typeof viewer.login === 'string' && viewer.login) {
                return {
                    login: viewer.login,
                    ...(typeof viewer.databaseId === 'number' && { id: viewer.databaseId })
                };
            }
            this.debug('GraphQL gave no viewer; asking GET /user');
        }
        catch (e) {
            if (!(e instanceof Failure) || e.status === 401 || e.rateLimited)
                throw e;
            this.debug(`${e.message}; asking GET /user`);
        }
        let user;
        try {
            user = (await this.step(what, () => this.client.rest.users.getAuthenticated())).data;
        }
        catch (e) {
            if (!(e instanceof Failure) || e.status === 401 || e.rateLimited)
                throw e;
            throw new Failure(`GitHub would not say which account the token acts as (GraphQL viewer and GET /user were refused: ${e.message}); not touching any ${thing}`);
        }
        if (isObject(user) && typeof user.login === 'string' && user.login) {
            return { login: user.login, ...(typeof user.id === 'number' && { id: user.id }) };
        }
        throw new Failure(`GitHub named no account when ${what}; not touching any ${thing}`);
    }
}
/** Whether `user` (an author as GitHub gives it) is the token's account: the login, and the ID when known. */
function byAccount(user, me) {
    if (!isObject(user) || typeof user.login !== 'string')
        return false;
    if (user.login.toLowerCase() !== me.login.toLowerCase())
        return false;
    return me.id === undefined || user.id === me.id;
}
/** The token the client sends, for redaction (Octokit's token auth names it). */
async function secretsOf(client) {
    const auth = await client.auth().catch(() => undefined);
    return isObject(auth) && typeof auth.token === 'string' && auth.token ? [auth.token] : [];
}
/** The reason of a write that ended with `e`: a step's own line, or what it was doing when cancelled. */
function reasonOf(e, cancelled) {
    if (e instanceof _octokit_js__WEBPACK_IMPORTED_MODULE_1__.CancelledError)
        return cancelled;
    if (e instanceof Failure)
        return e.message;
    return `unexpected error: ${e instanceof Error ? e.message : String(e)}`;
}
/**
 * Runs `use` with the client `connect` builds, only once it is needed; a client that cannot be built (a bad
 * GITHUB_API_URL) is a failure result, its message without the token.
 */
async function withClient(connect, token, use) {
    let client;
    try {
        client = await connect();
    }
    catch (e) {
        const message = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_2__/* .plainText */ .wh)((0,_util_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E)(e instanceof Error ? e.message : String(e), [token]), 300);
        return { action: 'failed', reason: `the GitHub client could not be set up: ${message}` };
    }
    return use(client);
}


/***/ }),

/***/ 79634:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CancelledError: () => (/* binding */ CancelledError),
  ForeignHostError: () => (/* binding */ ForeignHostError),
  GITHUB_RETRIES: () => (/* binding */ GITHUB_RETRIES),
  MAX_WAIT_SECONDS: () => (/* binding */ MAX_WAIT_SECONDS),
  REQUEST_TIMEOUT_MS: () => (/* binding */ REQUEST_TIMEOUT_MS),
  errorCodeOf: () => (/* binding */ errorCodeOf),
  githubClient: () => (/* binding */ githubClient),
  requestHistory: () => (/* binding */ requestHistory)
});

// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(49735);
// EXTERNAL MODULE: ./node_modules/bottleneck/light.js
var light = __webpack_require__(63251);
var light_default = /*#__PURE__*/__webpack_require__.n(light);
;// CONCATENATED MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
// pkg/dist-src/index.js


// pkg/dist-src/version.js
var VERSION = "0.0.0-development";

// pkg/dist-src/wrap-request.js
var noop = () => Promise.resolve();
function wrapRequest(state, request, options) {
  return state.retryLimiter.schedule(doRequest, state, request, options);
}
async function doRequest(state, request, options) {
  const { pathname } = new URL(options.url, "http://github.test");
  const isAuth = isAuthRequest(options.method, pathname);
  const isWrite = !isAuth && options.method !== "GET" && options.method !== "HEAD";
  const isSearch = options.method === "GET" && pathname.startsWith("/search/");
  const isGraphQL = pathname.startsWith("/graphql");
  const retryCount = ~~request.retryCount;
  const jobOptions = retryCount > 0 ? { priority: 0, weight: 0 } : {};
  if (state.clustering) {
    jobOptions.expiration = 1e3 * 60;
  }
  if (isWrite || isGraphQL) {
    await state.write.key(state.id).schedule(jobOptions, noop);
  }
  if (isWrite && state.triggersNotification(pathname)) {
    await state.notifications.key(state.id).schedule(jobOptions, noop);
  }
  if (isSearch) {
    await state.search.key(state.id).schedule(jobOptions, noop);
  }
  const req = (isAuth ? state.auth : state.global).key(state.id).schedule(jobOptions, request, options);
  if (isGraphQL) {
    const res = await req;
    if (res.data.errors != null && res.data.errors.some((error) => error.type === "RATE_LIMITED")) {
      const error = Object.assign(new Error("GraphQL Rate Limit Exceeded"), {
        response: res,
        data: res.data
      });
      throw error;
    }
  }
  return req;
}
function isAuthRequest(method, pathname) {
  return method === "PATCH" && // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-a-scoped-access-token
  /^\/applications\/[^/]+\/token\/scoped$/.test(pathname) || method === "POST" && // https://docs.github.com/en/rest/apps/oauth-applications?apiVersion=2022-11-28#reset-a-token
  (/^\/applications\/[^/]+\/token$/.test(pathname) || // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-an-installation-access-token-for-an-app
  /^\/app\/installations\/[^/]+\/access_tokens$/.test(pathname) || // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
  pathname === "/login/oauth/access_token");
}

// pkg/dist-src/generated/triggers-notification-paths.js
var triggers_notification_paths_default = [
  "/orgs/{org}/invitations",
  "/orgs/{org}/invitations/{invitation_id}",
  "/orgs/{org}/teams/{team_slug}/discussions",
  "/orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments",
  "/repos/{owner}/{repo}/collaborators/{username}",
  "/repos/{owner}/{repo}/commits/{commit_sha}/comments",
  "/repos/{owner}/{repo}/issues",
  "/repos/{owner}/{repo}/issues/{issue_number}/comments",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issue",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority",
  "/repos/{owner}/{repo}/pulls",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies",
  "/repos/{owner}/{repo}/pulls/{pull_number}/merge",
  "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "/repos/{owner}/{repo}/releases",
  "/teams/{team_id}/discussions",
  "/teams/{team_id}/discussions/{discussion_number}/comments"
];

// pkg/dist-src/route-matcher.js
function routeMatcher(paths) {
  const regexes = paths.map(
    (path) => path.split("/").map((c) => c.startsWith("{") ? "(?:.+?)" : c).join("/")
  );
  const regex2 = `^(?:${regexes.map((r) => `(?:${r})`).join("|")})[^/]*$`;
  return new RegExp(regex2, "i");
}

// pkg/dist-src/index.js
var regex = routeMatcher(triggers_notification_paths_default);
var triggersNotification = regex.test.bind(regex);
var groups = {};
var createGroups = function(Bottleneck, common) {
  groups.global = new Bottleneck.Group({
    id: "octokit-global",
    maxConcurrent: 10,
    ...common
  });
  groups.auth = new Bottleneck.Group({
    id: "octokit-auth",
    maxConcurrent: 1,
    ...common
  });
  groups.search = new Bottleneck.Group({
    id: "octokit-search",
    maxConcurrent: 1,
    minTime: 2e3,
    ...common
  });
  groups.write = new Bottleneck.Group({
    id: "octokit-write",
    maxConcurrent: 1,
    minTime: 1e3,
    ...common
  });
  groups.notifications = new Bottleneck.Group({
    id: "octokit-notifications",
    maxConcurrent: 1,
    minTime: 3e3,
    ...common
  });
};
function throttling(octokit, octokitOptions) {
  const {
    enabled = true,
    Bottleneck = light,
    id = "no-id",
    timeout = 1e3 * 60 * 2,
    // Redis TTL: 2 minutes
    connection
  } = octokitOptions.throttle || {};
  if (!enabled) {
    return {};
  }
  const common = { timeout };
  if (typeof connection !== "undefined") {
    common.connection = connection;
  }
  const state = Object.assign(
    {
      clustering: connection != null,
      triggersNotification,
      fallbackSecondaryRateRetryAfter: 60,
      retryAfterBaseValue: 1e3,
      id
    },
    octokitOptions.throttle
  );
  if (typeof state.onSecondaryRateLimit !== "function" || typeof state.onRateLimit !== "function") {
    throw new Error(`octokit/plugin-throttling error:
        You must pass the onSecondaryRateLimit and onRateLimit error handlers.
        See https://octokit.github.io/rest.js/#throttling

        const octokit = new Octokit({
          throttle: {
            onSecondaryRateLimit: (retryAfter, options) => {/* ... */},
            onRateLimit: (retryAfter, options) => {/* ... */}
          }
        })
    `);
  }
  let initialized = false;
  const initializeBottleneck = () => {
    if (initialized) {
      return;
    }
    initialized = true;
    if (groups.global == null) {
      createGroups(Bottleneck, common);
    }
    state.global = state.global ?? groups.global;
    state.auth = state.auth ?? groups.auth;
    state.search = state.search ?? groups.search;
    state.write = state.write ?? groups.write;
    state.notifications = state.notifications ?? groups.notifications;
    state.retryLimiter = state.retryLimiter ?? new Bottleneck();
    const events = {};
    const emitter = new Bottleneck.Events(events);
    events.on("secondary-limit", state.onSecondaryRateLimit);
    events.on("rate-limit", state.onRateLimit);
    events.on(
      "error",
      (e) => octokit.log.warn("Error in throttling-plugin limit handler", e)
    );
    state.retryLimiter.on("failed", async function(error, info) {
      const [state2, request, options] = info.args;
      const { pathname } = new URL(options.url, "http://github.test");
      const shouldRetryGraphQL = pathname.startsWith("/graphql") && error.status !== 401;
      if (!(shouldRetryGraphQL || error.status === 403 || error.status === 429)) {
        return;
      }
      const retryCount = ~~request.retryCount;
      request.retryCount = retryCount;
      options.request.retryCount = retryCount;
      const { wantRetry, retryAfter = 0 } = await (async function() {
        if (/\bsecondary rate\b/i.test(error.message)) {
          const retryAfter2 = Number(error.response.headers["retry-after"]) || state2.fallbackSecondaryRateRetryAfter;
          const wantRetry2 = await emitter.trigger(
            "secondary-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        if (error.response.headers != null && error.response.headers["x-ratelimit-remaining"] === "0" || (error.response.data?.errors ?? []).some(
          (error2) => error2.type === "RATE_LIMITED"
        )) {
          const rateLimitReset = new Date(
            ~~error.response.headers["x-ratelimit-reset"] * 1e3
          ).getTime();
          const retryAfter2 = Math.max(
            // Add one second so we retry _after_ the reset time
            // https://docs.github.com/en/rest/overview/resources-in-the-rest-api?apiVersion=2022-11-28#exceeding-the-rate-limit
            Math.ceil((rateLimitReset - Date.now()) / 1e3) + 1,
            0
          );
          const wantRetry2 = await emitter.trigger(
            "rate-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        return {};
      })();
      if (wantRetry) {
        request.retryCount++;
        return retryAfter * state2.retryAfterBaseValue;
      }
    });
  };
  octokit.hook.wrap("request", (request, options) => {
    initializeBottleneck();
    return wrapRequest(state, request, options);
  });
  return {};
}
throttling.VERSION = VERSION;
throttling.triggersNotification = triggersNotification;


// EXTERNAL MODULE: ./node_modules/@octokit/request-error/dist-src/index.js
var dist_src = __webpack_require__(31015);
// EXTERNAL MODULE: ./src/util/redact.ts
var redact = __webpack_require__(50767);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
;// CONCATENATED MODULE: ./src/github/octokit.ts






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
    if (e instanceof dist_src/* RequestError */.G && e.response)
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
                    return fail(new dist_src/* RequestError */.G(`no response within ${timeoutMs / 1000} s`, 500, {
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
    const debug = (m) => options.log?.debug(`github: ${(0,redact/* redact */.E)(m, [token])}`);
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
    const { getOctokit } = await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(351)]).then(__webpack_require__.bind(__webpack_require__, 61351));
    const clientOptions = {
        baseUrl: api.url,
        userAgent: `${version/* PRODUCT */.A}/${version/* VERSION */.x}`,
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
            write: new (light_default()).Group({ maxConcurrent: 1, minTime: base }),
            notifications: new (light_default()).Group({ maxConcurrent: 1, minTime: 3 * base })
        }
    };
    // the guard first: the plugins wrap it, so it runs on every attempt they make
    return getOctokit(token, clientOptions, guard(api, settings, debug), dist_bundle/* retry */.L, throttling);
}


/***/ }),

/***/ 52524:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D2: () => (/* binding */ splitRepo),
/* harmony export */   _n: () => (/* binding */ pullRequestOf),
/* harmony export */   j_: () => (/* binding */ readEvent)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);
// GitHub's own rules for owner and repository names; anything else is not used to build a URL
const NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** `owner/repo`, split and checked; undefined when it is not one. */
function splitRepo(fullName) {
    if (typeof fullName !== 'string')
        return undefined;
    const parts = fullName.split('/');
    if (parts.length !== 2)
        return undefined;
    const [owner, repo] = parts;
    return NAME.test(owner) && NAME.test(repo) ? { owner, repo } : undefined;
}
/** The repository a payload's `repository` object names: `full_name`, or `owner.login` + `name`. */
function repoOf(repository) {
    if (!isObject(repository))
        return undefined;
    const full = splitRepo(repository.full_name);
    if (full)
        return full;
    const owner = isObject(repository.owner) ? repository.owner.login : undefined;
    return typeof owner === 'string' ? splitRepo(`${owner}/${String(repository.name)}`) : undefined;
}
const sameRepo = (a, b) => a.owner.toLowerCase() === b.owner.toLowerCase() && a.repo.toLowerCase() === b.repo.toLowerCase();
function pullRequestOf(event, env) {
    const name = env.GITHUB_EVENT_NAME;
    if (!name || !PR_EVENTS.has(name)) {
        return { skip: `not a pull request event (${name ? name.slice(0, 60) : 'GITHUB_EVENT_NAME is not set'})` };
    }
    if (!isObject(event))
        return { skip: `the ${name} event payload could not be read (GITHUB_EVENT_PATH)` };
    const pr = event.pull_request;
    if (!isObject(pr))
        return { skip: `the ${name} event payload has no pull_request object` };
    const number = pr.number;
    if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 1) {
        return { skip: `the ${name} event payload has no valid pull request number` };
    }
    const base = repoOf(event.repository) ??
        (isObject(pr.base) ? repoOf(pr.base.repo) : undefined) ??
        splitRepo(env.GITHUB_REPOSITORY);
    if (!base)
        return { skip: `the ${name} event names no valid base repository (owner/name)` };
    let fork = false;
    if (name === 'pull_request' && isObject(pr.head)) {
        const headRepo = pr.head.repo;
        // null: the fork was deleted after the pull request was opened; it is still a fork pull request
        if (headRepo === null)
            fork = true;
        else {
            const head = repoOf(headRepo);
            fork = head === undefined || !sameRepo(head, base);
        }
    }
    return { owner: base.owner, repo: base.repo, number, fork };
}
/** The event payload at GITHUB_EVENT_PATH; undefined when the variable is unset or the file is not JSON. */
function readEvent(env) {
    const path = env.GITHUB_EVENT_PATH;
    if (!path)
        return undefined;
    try {
        return JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8'));
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 7648:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Pe: () => (/* binding */ withMarker),
/* harmony export */   Ql: () => (/* binding */ commentMarker),
/* harmony export */   lB: () => (/* binding */ upsertComment),
/* harmony export */   u: () => (/* binding */ markerValue),
/* harmony export */   x5: () => (/* binding */ refusal)
/* harmony export */ });
/* unused harmony exports COMMENT_LIMIT, FORK_REASON */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _util_redact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(50767);
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(49997);
/* harmony import */ var _github_calls_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(31396);




/**
 * One sticky pull-request comment: found by a hidden marker and by its author, updated in place, created
 * only when asked. Talks to GitHub through the client it is given (./octokit.ts: @actions/github's Octokit with
 * the retry and throttling plugins); this module decides which comment is ours and what to tell the caller.
 * Never throws: every outcome is a CommentResult.
 */
/** GitHub's limit on a comment body, in characters. */
const COMMENT_LIMIT = 65_536;
// ---------------------------------------------------------------------------------------------------------
// the marker
const MARKER_KIND = 'airs-model-gate:sticky';
const MAX_VALUE = 100;
/** What could end the quote or the HTML comment, line breaks, control and bidi characters, and `%` and `~`. */
const UNSAFE_IN_MARKER = 
// eslint-disable-next-line no-control-regex
/[%"<>&~!\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
/**
 * A value as it appears between the marker's quotes: characters that could end the quote or the HTML
 * comment (`"`, `<`, `>`, `--`), line breaks, control and bidi characters, `%` and `~` are percent-encoded,
 * so the marker is one HTML comment on one line, ending only at its end.
 * A value longer than MAX_VALUE is cut and followed by `~` and a hash of the whole value, so two values that
 * differ only past the cut still give two markers (`~` appears in no value otherwise).
 */
function markerValue(value) {
    const escaped = value
        // a lone surrogate cannot be sent as UTF-8; GitHub would store something else and never match
        .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
        .replace(UNSAFE_IN_MARKER, (c) => encodeURIComponent(c).replace(/!/g, '%21').replace(/~/g, '%7E'))
        .replace(/-(?=-)/g, '%2D');
    if (escaped.length <= MAX_VALUE)
        return escaped;
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(value, 'utf8').digest('hex').slice(0, 12);
    // cut outside a %XX escape
    const head = escaped.slice(0, MAX_VALUE - hash.length - 1).replace(/%[0-9A-F]?$/, '');
    return `${head}~${hash}`;
}
/** The hidden HTML comment that names one run's sticky comment (one per workflow, job and tag). */
function commentMarker(parts) {
    return `<!-- ${MARKER_KIND} workflow="${markerValue(parts.workflow)}" job="${markerValue(parts.job)}" tag="${markerValue(parts.tag)}" -->`;
}
/** The body as posted: the rendered text, then the marker on its own line. */
function withMarker(body, marker) {
    return `${body}\n\n${marker}`;
}
// ---------------------------------------------------------------------------------------------------------
// the comments
/** 100 pages of 100: a pull request with more comments than this is not searched to the end. */
const MAX_PAGES = 100;
class Comments {
    client;
    opts;
    calls;
    constructor(client, opts, secrets) {
        this.client = client;
        this.opts = opts;
        const { owner, repo, number } = opts.target;
        this.calls = new _github_calls_js__WEBPACK_IMPORTED_MODULE_2__/* .GitHubCalls */ .Fn(client, {
            thing: 'comment',
            permission: 'pull-requests: write',
            repo: `${owner}/${repo}`,
            where: `${owner}/${repo}#${number}`
        }, secrets, opts.logger);
    }
    step(what, f) {
        return this.calls.step(what, f);
    }
    identity() {
        return this.calls.identity();
    }
    isOurs(c, me) {
        // the marker ends our comments (withMarker); another bot quoting one would carry it mid-body
        return c.body.trimEnd().endsWith(this.opts.marker) && (0,_github_calls_js__WEBPACK_IMPORTED_MODULE_2__/* .byAccount */ .Rz)(c.user, me);
    }
    /**
     * Our first comment carrying the marker, over every page. The oldest, so that the choice never moves: a later
     * comment of the same account that ends with the marker (another workflow echoing text under GITHUB_TOKEN) cannot
     * take the updates and leave the one people read stale.
     */
    async find(me) {
        const { owner, repo, number } = this.opts.target;
        const what = `listing the comments of ${owner}/${repo}#${number}`;
        return this.step(what, async () => {
            const pages = this.client.paginate.iterator(this.client.rest.issues.listComments, {
                owner,
                repo,
                issue_number: number,
                per_page: 100
            });
            let found;
            let page = 0;
            for await (const response of pages) {
                if (++page > MAX_PAGES) {
                    throw new _github_calls_js__WEBPACK_IMPORTED_MODULE_2__/* .Failure */ .HR(`${what}: more than ${MAX_PAGES * 100} comments, gave up looking for the marker`);
                }
                const items = response.data;
                if (!Array.isArray(items))
                    throw new _github_calls_js__WEBPACK_IMPORTED_MODULE_2__/* .Failure */ .HR(`GitHub sent something other than a list when ${what}`);
                for (const item of items) {
                    const c = asComment(item);
                    if (c && this.isOurs(c, me) && (found === undefined || c.id < found.id))
                        found = c;
                }
            }
            return found;
        });
    }
    async update(id, body) {
        const { owner, repo } = this.opts.target;
        const what = `updating comment ${id}`;
        const response = await this.step(what, () => this.client.rest.issues.updateComment({ owner, repo, comment_id: id, body }));
        return written(response.data, what);
    }
    /**
     * A create whose answer was lost may have happened: before the client sends it again, `lookAgain` looks for
     * the comment, and what it finds is the answer.
     */
    async create(body, lookAgain) {
        const { owner, repo, number } = this.opts.target;
        const what = `creating a comment on ${owner}/${repo}#${number}`;
        const alreadyDone = lookAgain;
        const response = await this.step(what, () => this.client.rest.issues.createComment({
            owner,
            repo,
            issue_number: number,
            body,
            request: { alreadyDone }
        }));
        return written(response.data, what);
    }
}
function asComment(item) {
    if (!(0,_github_calls_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .Gv)(item) || typeof item.id !== 'number' || typeof item.body !== 'string')
        return undefined;
    const user = (0,_github_calls_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .Gv)(item.user) ? item.user : null;
    return {
        id: item.id,
        body: item.body,
        html_url: typeof item.html_url === 'string' ? item.html_url : '',
        user
    };
}
function written(data, what) {
    const c = asComment(data);
    if (!c)
        throw new _github_calls_js__WEBPACK_IMPORTED_MODULE_2__/* .Failure */ .HR(`GitHub's answer had no comment in it when ${what}`);
    return c;
}
// ---------------------------------------------------------------------------------------------------------
// the operation
const FORK_REASON = 'the pull request comes from a fork, and the token is read-only on fork pull requests; to comment on them, post from a separate workflow triggered by `workflow_run`';
/**
 * Why no comment is attempted, before any request (and before a client is built): a fork pull request, a
 * malformed marker, a body over GitHub's limit. Undefined when there is nothing against it.
 */
function refusal(opts) {
    if (opts.target.fork)
        return { action: 'skipped', reason: FORK_REASON };
    if (!opts.marker.startsWith('<!--') || !opts.marker.endsWith('-->')) {
        return { action: 'failed', reason: 'the comment marker is not an HTML comment' };
    }
    const length = withMarker(opts.body, opts.marker).length;
    if (length > COMMENT_LIMIT) {
        return {
            action: 'failed',
            reason: `the comment is ${length} characters with its marker, over GitHub's limit of ${COMMENT_LIMIT}; not sent`
        };
    }
    return undefined;
}
/** Creates or updates the sticky comment through `client`. Never throws; no reason carries the token. */
async function upsertComment(client, opts) {
    const refused = refusal(opts);
    if (refused)
        return refused;
    const body = withMarker(opts.body, opts.marker);
    let secrets = [];
    const failed = (reason) => ({
        action: 'failed',
        reason: (0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .plainText */ .wh)((0,_util_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E)(reason, secrets), 600)
    });
    try {
        secrets = await (0,_github_calls_js__WEBPACK_IMPORTED_MODULE_2__/* .secretsOf */ .Fj)(client);
        const gh = new Comments(client, opts, secrets);
        const me = await gh.identity();
        const found = await gh.find(me);
        if (found) {
            if (found.body === body)
                return { action: 'unchanged', id: found.id, url: found.html_url };
            const c = await gh.update(found.id, body);
            return { action: 'updated', id: c.id, url: c.html_url };
        }
        if (!opts.create) {
            return { action: 'skipped', reason: 'no earlier comment to update, and this run does not create one' };
        }
        const c = await gh.create(body, () => gh.find(me));
        if (c.body === body)
            return { action: 'created', id: c.id, url: c.html_url };
        // looking again before a retry found a comment of ours that another run had just created
        const u = await gh.update(c.id, body);
        return { action: 'updated', id: u.id, url: u.html_url };
    }
    catch (e) {
        return failed((0,_github_calls_js__WEBPACK_IMPORTED_MODULE_2__/* .reasonOf */ .A3)(e, 'cancelled before the comment was posted'));
    }
}


/***/ })

};

//# sourceMappingURL=169.index.js.map