export const id = 634;
export const ids = [634];
export const modules = {

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


/***/ })

};

//# sourceMappingURL=634.index.js.map