export const id = 279;
export const ids = [279];
export const modules = {

/***/ 68279:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  reportComment: () => (/* binding */ reportComment)
});

// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(54285);
;// CONCATENATED MODULE: ./src/report/comment-body.ts

/**
 * The body of the sticky pull-request comment: the verdict, the failed rules with their violations and how
 * to fix them, and a link to the run. GitHub rejects comments over 65,536 characters, so the richest
 * rendering under the limit is chosen, down to the complete short form.
 */
const COMMENT_LIMIT_CHARS = 65_536;
/** the hidden marker and a safety margin; String.length counts UTF-16 units, never fewer than GitHub does */
const RESERVED_CHARS = 1_024;
const LEVELS = [
    {
        evaluations: false,
        violationsPerRule: 20,
        guidance: 'full',
        files: 'problems',
        filesMax: 50,
        labels: false,
        sections: 'not-passed'
    },
    {
        evaluations: false,
        violationsPerRule: 5,
        guidance: 'brief',
        files: 'none',
        filesMax: 0,
        labels: false,
        sections: 'not-passed'
    },
    {
        evaluations: false,
        violationsPerRule: 1,
        guidance: 'brief',
        files: 'none',
        filesMax: 0,
        labels: false,
        sections: 'not-passed'
    }
];
function renderComment(view, ctx = {}, limitChars = COMMENT_LIMIT_CHARS) {
    const budget = limitChars - RESERVED_CHARS;
    return (0,markdown.fitMarkdown)(view, LEVELS, ctx, (text) => text.length <= budget, 'The full report does not fit in a pull-request comment; see the job summary or the JSON report of the run.');
}

// EXTERNAL MODULE: ./src/github/github-calls.ts
var github_calls = __webpack_require__(31396);
// EXTERNAL MODULE: ./src/github/sticky-comment.ts
var sticky_comment = __webpack_require__(7648);
// EXTERNAL MODULE: ./src/github/pull-request.ts
var pull_request = __webpack_require__(52524);
;// CONCATENATED MODULE: ./src/github/publish-comment.ts




/**
 * The sticky pull-request comment for a run: created when the setting asks for it (`always`, or
 * `on-failure` when a model did not pass), and always brought up to date once it exists, so a later run that
 * passes never leaves a stale failure on the pull request. Never throws: a comment never changes the verdict;
 * a comment that was wanted but could not be written (fork, permissions, API failure) is a warning.
 * `connect` builds the GitHub client (./octokit.ts); it is called only when a comment is to be written.
 */
async function reportComment(view, reporting, run, env, connect, artifactUrl) {
    const quiet = (message) => ({ written: false, level: 'debug', message });
    if (reporting.comment === 'never')
        return quiet('No pull-request comment: comment is never.');
    const event = (0,pull_request/* readEvent */.j_)(env);
    const target = (0,pull_request/* pullRequestOf */._n)(event, env);
    if ('skip' in target)
        return quiet(`No pull-request comment: ${target.skip}.`);
    const body = renderComment(view, {
        ...(run.runUrl && { runUrl: run.runUrl }),
        ...(run.sha && { commit: pullRequestHead(event) ?? run.sha }),
        ...(reporting.consoleUrl && { consoleUrl: reporting.consoleUrl }),
        ...(artifactUrl && { artifactUrl })
    });
    const create = reporting.comment === 'always' || view.verdict !== 'pass';
    const marker = (0,sticky_comment/* commentMarker */.Ql)({
        workflow: run.workflow ?? '',
        job: run.job ?? '',
        tag: reporting.commentTag
    });
    const token = reporting.githubToken;
    const r = await (async () => {
        if (!token)
            return { action: 'skipped', reason: 'no github-token' };
        const refused = (0,sticky_comment/* refusal */.x5)({ target, marker, body });
        if (refused)
            return refused;
        return (0,github_calls/* withClient */.SV)(connect, token, (client) => (0,sticky_comment/* upsertComment */.lB)(client, { target, marker, body, create }));
    })();
    if ('url' in r)
        return { written: true, message: `Pull-request comment ${r.action}: ${r.url}`, url: r.url };
    // a passing run with on-failure asked for nothing new: not updating (no earlier comment, a fork, no
    // token) is no news
    if (r.action === 'skipped' && !create)
        return quiet(`No pull-request comment: ${r.reason}.`);
    return {
        written: false,
        level: 'warning',
        message: `The pull-request comment was not written: ${r.reason}`
    };
}
/** On pull_request events GITHUB_SHA is the merge commit; the head commit is what the author knows. */
function pullRequestHead(event) {
    const sha = event?.pull_request?.head?.sha;
    return typeof sha === 'string' && /^[0-9a-f]{7,64}$/i.test(sha) ? sha : undefined;
}


/***/ })

};

//# sourceMappingURL=279.index.js.map