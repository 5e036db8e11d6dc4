export const id = 709;
export const ids = [709];
export const modules = {

/***/ 36709:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  reportIssue: () => (/* binding */ reportIssue)
});

// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(14031);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(54285);
// EXTERNAL MODULE: ./src/util/text.ts
var util_text = __webpack_require__(49997);
;// CONCATENATED MODULE: ./src/report/issue-body.ts



/**
 * The body of the tracking issue a scheduled audit keeps (github/tracking-issue.ts): the state in its first
 * line, what changed, then the models that did not pass with why, their group and their owner, and the ones that
 * pass, folded. Model names, reasons and group names come from model publishers and the service: each goes
 * through md() or code(). The one string written raw is an owner asked to be mentioned, and only once it has the
 * exact shape of a GitHub @user or @org/team.
 */
/** GitHub's limit on an issue body, in characters. */
const ISSUE_LIMIT_CHARS = 65_536;
/** GitHub's limit on an issue title, in characters. */
const ISSUE_TITLE_LIMIT = 256;
/** The issue's title unless the `issue-title` input names one. */
const DEFAULT_ISSUE_TITLE = 'Model gate: audit failures';
/** the hidden marker and a safety margin; String.length counts UTF-16 units, never fewer than GitHub does */
const RESERVED_CHARS = 1_024;
/**
 * The title: `issue-title` when given, else the default followed by the comment tag, so that matrix jobs (one
 * tag each) keep issues a reader can tell apart.
 */
function issueTitle(tag, title) {
    const t = title?.trim() ? title : `${DEFAULT_ISSUE_TITLE}${tag ? ` (${tag})` : ''}`;
    return (0,report_escape/* plainText */.wh)(t, ISSUE_TITLE_LIMIT);
}
/**
 * The exact shape a models-file owner must have (gate/model-manifest.ts checks it there too); checked again here
 * because a mention is the one string of the body that is not escaped.
 */
const MENTIONABLE = /^@[A-Za-z0-9][A-Za-z0-9-]{0,38}(?:\/[A-Za-z0-9._-]{1,100})?$/;
const notPassing = (m) => m.verdict !== 'pass';
function renderIssueBody(view, opts = {}, limitChars = ISSUE_LIMIT_CHARS) {
    const failing = view.models.filter(notPassing);
    const passing = view.models.filter((m) => !notPassing(m));
    const head = [`## ${state(view)}`, '', about(view), ''];
    if (view.error) {
        head.push(`**Not verified** (${(0,report_escape/* code */.aY)(view.error.code, 40)}): ${(0,report_escape.md)(view.error.message, 500)}`, '');
    }
    const foot = [footer(view, opts), ''];
    const budget = limitChars - RESERVED_CHARS;
    let room = budget - issue_body_length(head) - issue_body_length(foot);
    const out = [...head];
    const changes = (opts.changes ?? []).map(changeLine).filter(Boolean);
    if (changes.length > 0) {
        // what changed comes first, but may not crowd out the models themselves
        const section = ['### What changed', ''];
        const fitted = fit(changes.map((c) => `- ${c}`), Math.floor(room / 3) - issue_body_length(section) - 1, (n) => `- … and ${(0,util_text/* countOf */.pq)(n, 'more change')}`);
        out.push(...section, ...fitted, '');
        room -= issue_body_length(section) + issue_body_length(fitted) + 1;
    }
    if (failing.length > 0) {
        const section = [
            `### ${failing.length === 1 ? 'The model that needs' : 'Models that need'} attention`,
            '',
            '| Model | Status | Reason | Group | Owner |',
            '|---|---|---|---|---|'
        ];
        // keep a line for the passing models' count
        const fitted = fit(failing.map(failingRow), room - issue_body_length(section) - 1 - (passing.length > 0 ? 200 : 0), (n) => `| … and ${(0,util_text/* countOf */.pq)(n, 'more model')} in the job summary and the JSON report | | | | |`);
        out.push(...section, ...fitted, '');
        room -= issue_body_length(section) + issue_body_length(fitted) + 1;
    }
    if (passing.length > 0) {
        const summary = `${passing.length === 1 ? '1 model passes' : `${(0,util_text/* formatCount */.B4)(passing.length)} models pass`}`;
        const section = [`<details><summary>${summary}</summary>`, ''];
        const end = ['', '</details>', ''];
        const fitted = fit(passing.map(passingLine), room - issue_body_length(section) - issue_body_length(end), (n) => `- … and ${(0,util_text/* countOf */.pq)(n, 'more model')}`);
        if (fitted.length > 0)
            out.push(...section, ...fitted, ...end);
        else
            out.push(`${summary}.`, '');
    }
    out.push(...foot);
    return out.join('\n');
}
/**
 * The comment that closes the issue when every model passes again; it notifies the issue's subscribers, which an
 * edit of the body does not.
 */
function renderIssueResolved(view, opts = {}) {
    const n = view.models.length;
    const what = n === 1 ? 'The model passes again' : `All ${(0,util_text/* formatCount */.B4)(n)} models pass again`;
    const run = opts.runUrl ? (0,report_escape/* link */.nf)('workflow run', opts.runUrl) : '';
    return `${markdown.ICON.pass} ${what}${run ? ` as of this ${run}` : ''}: closing this issue.`;
}
/** The state in a few words: how many of how many do not pass, or that all do. */
function state(view) {
    const n = view.models.length;
    const failed = view.models.filter((m) => m.verdict === 'fail').length;
    const warned = view.models.filter((m) => m.verdict === 'warn').length;
    const unverified = view.models.filter((m) => m.status === 'error').length;
    if (view.error && failed + warned === 0)
        return `${markdown.ICON.fail} No model could be verified`;
    if (view.verdict === 'pass' && failed + warned === 0)
        return `${markdown.ICON.pass} ${n === 1 ? 'The model passes' : `All ${(0,util_text/* formatCount */.B4)(n)} models pass`}`;
    const notes = [
        unverified > 0 && `${(0,util_text/* formatCount */.B4)(unverified)} not verified`,
        failed > 0 && warned > 0 && `${(0,util_text/* formatCount */.B4)(warned)} more ${warned === 1 ? 'passes' : 'pass'} with warnings`
    ].filter(Boolean);
    const tail = notes.length > 0 ? ` (${notes.join('; ')})` : '';
    if (failed > 0)
        return `${markdown.ICON.fail} ${n === 1 ? 'The model fails' : `${(0,util_text/* formatCount */.B4)(failed)} of ${(0,util_text/* formatCount */.B4)(n)} models fail`} the gate${tail}`;
    return `${markdown.ICON.warn} ${n === 1 ? 'The model passes' : `${(0,util_text/* formatCount */.B4)(warned)} of ${(0,util_text/* formatCount */.B4)(n)} models pass`} only with warnings${tail}`;
}
function about(view) {
    return view.verdict === 'pass'
        ? '<sub>Every model passes the audit, so this issue is closed; a later failure opens a new one.</sub>'
        : '<sub>Kept up to date by each scheduled run of the gate, and closed by the first run in which every model passes.</sub>';
}
/** A model that did not pass, one row: the owner mentioned only when its models-file entry asks for it. */
function failingRow(m) {
    return `| ${(0,report_escape.md)(m.name, 120)} | ${issue_body_status(m)} | ${(0,report_escape.md)(m.reason, 300)} | ${m.group ? (0,report_escape.md)(m.group.name, 100) : '—'} | ${owner(m, true)} |`;
}
function passingLine(m) {
    const o = m.result.model.owner;
    return `- ${markdown.ICON.pass} ${(0,report_escape.md)(m.name, 120)}${m.group ? ` · ${(0,report_escape.md)(m.group.name, 100)}` : ''}${o ? ` · ${owner(m, false)}` : ''}`;
}
function issue_body_status(m) {
    if (m.status === 'error')
        return `${markdown.ICON.warn} not verified${m.errorCode ? ` (${(0,report_escape/* code */.aY)(m.errorCode, 40)})` : ''}`;
    if (m.status === 'blocked')
        return m.verdict === 'fail' ? `${markdown.ICON.fail} blocked` : `${markdown.ICON.warn} blocked, warn mode`;
    return `${markdown.ICON[m.verdict]} ${(0,report_escape.md)(m.status, 20)}`;
}
/**
 * Who answers for the model: a mention (a notification) when asked for and the model did not pass; otherwise the
 * name as code, whose `@` code() breaks, so it notifies no one.
 */
function owner(m, mayMention) {
    const o = m.result.model.owner;
    if (!o)
        return '—';
    if (mayMention && notPassing(m) && m.result.model.mention_owner === true && MENTIONABLE.test(o))
        return o;
    return (0,report_escape/* code */.aY)(o, 140);
}
/**
 * One line of the caller's: already escaped, but kept to one line and unable to open or close an HTML comment
 * (which would hide the rest of the body, or end the marker).
 */
function changeLine(line) {
    return (0,report_escape/* plainText */.wh)(line, 2000)
        .replace(/<!--/g, '&lt;!--')
        .replace(/--!?>/g, (s) => s.replace('>', '&gt;'));
}
function footer(view, opts) {
    const parts = [
        `airs-model-gate ${(0,report_escape.md)(view.version, 20)}`,
        `mode ${(0,report_escape.md)(view.mode, 10)}, on-error ${(0,report_escape.md)(view.onError, 10)}`
    ];
    if (opts.runUrl)
        parts.push(`last run: ${(0,report_escape/* link */.nf)('workflow run', opts.runUrl)}`);
    if (opts.artifactUrl)
        parts.push((0,report_escape/* link */.nf)('full report and SARIF', opts.artifactUrl));
    return `<sub>${parts.join(' · ')}</sub>`;
}
/** Characters of lines once joined with line breaks, the break after the last included. */
const issue_body_length = (lines) => lines.reduce((n, l) => n + l.length + 1, 0);
/**
 * As many lines as fit in `room` characters; when some do not, the last line says how many were left out (room
 * for it is kept).
 */
function fit(lines, room, more) {
    if (issue_body_length(lines) <= room)
        return [...lines];
    const out = [];
    let used = more(lines.length).length + 1;
    for (const l of lines) {
        if (used + l.length + 1 > room)
            break;
        out.push(l);
        used += l.length + 1;
    }
    if (out.length === 0 && used > room)
        return [];
    out.push(more(lines.length - out.length));
    return out;
}

// EXTERNAL MODULE: ./src/github/github-calls.ts
var github_calls = __webpack_require__(31396);
// EXTERNAL MODULE: ./src/github/pull-request.ts
var pull_request = __webpack_require__(52524);
// EXTERNAL MODULE: ./src/util/redact.ts
var redact = __webpack_require__(50767);
// EXTERNAL MODULE: ./src/github/sticky-comment.ts
var sticky_comment = __webpack_require__(7648);
;// CONCATENATED MODULE: ./src/github/tracking-issue.ts





const MARKER_KIND = 'airs-model-gate:issue';
/** The hidden HTML comment that names a workflow's tracking issue (one per workflow and comment tag). */
function issueMarker(parts) {
    return `<!-- ${MARKER_KIND} workflow="${(0,sticky_comment/* markerValue */.u)(parts.workflow)}" tag="${(0,sticky_comment/* markerValue */.u)(parts.tag)}" -->`;
}
/**
 * Why nothing is attempted, before any request: the mode is never, a malformed marker, a title or body over
 * GitHub's limits. Undefined when there is nothing against it.
 */
function issueRefusal(opts) {
    if (opts.mode === 'never')
        return { action: 'skipped', reason: 'issue is never' };
    if (!opts.marker.startsWith('<!--') || !opts.marker.endsWith('-->')) {
        return { action: 'failed', reason: 'the issue marker is not an HTML comment' };
    }
    if (!opts.title.trim())
        return { action: 'failed', reason: 'the issue title is empty; set issue-title' };
    if ([...opts.title].length > ISSUE_TITLE_LIMIT) {
        return {
            action: 'failed',
            reason: `the issue title is ${[...opts.title].length} characters, over GitHub's limit of ${ISSUE_TITLE_LIMIT}; shorten issue-title`
        };
    }
    const length = (0,sticky_comment/* withMarker */.Pe)(opts.body, opts.marker).length;
    if (length > ISSUE_LIMIT_CHARS) {
        return {
            action: 'failed',
            reason: `the issue body is ${length} characters with its marker, over GitHub's limit of ${ISSUE_LIMIT_CHARS}; not sent`
        };
    }
    return undefined;
}
/** 10 pages of 100: a repository with more open issues and pull requests is not searched to the end. */
const MAX_PAGES = 10;
const PER_PAGE = 100;
/** An issue as GitHub gives it (labels as objects or names), or as find() gave it back to the client. */
function asIssue(item) {
    if (!(0,github_calls/* isObject */.Gv)(item) || typeof item.number !== 'number')
        return undefined;
    const labels = Array.isArray(item.labels)
        ? item.labels.flatMap((l) => typeof l === 'string' ? [l] : (0,github_calls/* isObject */.Gv)(l) && typeof l.name === 'string' ? [l.name] : [])
        : [];
    return {
        number: item.number,
        title: typeof item.title === 'string' ? item.title : '',
        body: typeof item.body === 'string' ? item.body : '',
        html_url: typeof item.html_url === 'string' ? item.html_url : '',
        user: (0,github_calls/* isObject */.Gv)(item.user) ? item.user : null,
        labels,
        pullRequest: (item.pull_request !== undefined && item.pull_request !== null) || item.pullRequest === true
    };
}
function written(data, what) {
    const i = asIssue(data);
    if (!i)
        throw new github_calls/* Failure */.HR(`GitHub's answer had no issue in it when ${what}`);
    return i;
}
class Issues {
    client;
    opts;
    calls;
    owner;
    repo;
    where;
    constructor(client, opts, secrets) {
        this.client = client;
        this.opts = opts;
        this.owner = opts.repo.owner;
        this.repo = opts.repo.repo;
        this.where = `${this.owner}/${this.repo}`;
        this.calls = new github_calls/* GitHubCalls */.Fn(client, {
            thing: 'issue',
            permission: 'issues: write',
            repo: this.where,
            where: this.where,
            explain: (status, message, answer) => {
                if (status !== 410)
                    return undefined;
                // 410 is also GitHub's answer for an issue that was deleted
                return /issues are disabled/i.test(message)
                    ? `${answer}: Issues are disabled in ${this.where}; enable them (Settings → General → Features → Issues), or set issue: never`
                    : `${answer}: the issue is gone (deleted)`;
            }
        }, secrets, opts.logger);
    }
    identity() {
        return this.calls.identity();
    }
    isOurs(i, me) {
        // the marker ends our issues (withMarker); an issue quoting one, or a pull request carrying it, is not ours
        return !i.pullRequest && i.body.trimEnd().endsWith(this.opts.marker) && (0,github_calls/* byAccount */.Rz)(i.user, me);
    }
    /**
     * Our oldest open issue carrying the marker, so that the choice never moves: a later issue of the same account
     * that ends with the marker cannot take the updates and leave the one people follow stale. Oldest first, so the
     * first page with a match holds it.
     */
    async find(me) {
        const what = `listing the open issues of ${this.where}`;
        return this.calls.step(what, async () => {
            const pages = this.client.paginate.iterator(this.client.rest.issues.listForRepo, {
                owner: this.owner,
                repo: this.repo,
                state: 'open',
                sort: 'created',
                direction: 'asc',
                per_page: PER_PAGE
            });
            let page = 0;
            for await (const response of pages) {
                const items = response.data;
                if (!Array.isArray(items))
                    throw new github_calls/* Failure */.HR(`GitHub sent something other than a list when ${what}`);
                let found;
                for (const item of items) {
                    const i = asIssue(item);
                    if (i && this.isOurs(i, me) && (found === undefined || i.number < found.number))
                        found = i;
                }
                if (found)
                    return found;
                // stop before asking for a page past the bound
                if (++page >= MAX_PAGES && /\brel="next"/.test(String(response.headers.link ?? ''))) {
                    throw new github_calls/* Failure */.HR(`${what}: more than ${(0,util_text/* formatCount */.B4)(MAX_PAGES * PER_PAGE)} open issues and pull requests, gave up looking for the tracking issue; close some, or set issue: never`);
                }
            }
            return undefined;
        });
    }
    /**
     * A create whose answer was lost may have happened: before the client sends it again, `lookAgain` looks for
     * the issue, and what it finds is the answer.
     */
    async create(body, lookAgain) {
        const what = `creating an issue in ${this.where}`;
        const alreadyDone = lookAgain;
        const response = await this.calls.step(what, () => this.client.rest.issues.create({
            owner: this.owner,
            repo: this.repo,
            title: this.opts.title,
            body,
            labels: [...this.opts.labels],
            request: { alreadyDone }
        }));
        return written(response.data, what);
    }
    /** Changes the title, body or state; an idempotent PATCH, retried as it is. */
    async update(issue, change) {
        const what = change.state ? `closing issue #${issue.number}` : `updating issue #${issue.number}`;
        const response = await this.calls.step(what, () => this.client.rest.issues.update({
            owner: this.owner,
            repo: this.repo,
            issue_number: issue.number,
            ...change
        }), `${this.where}#${issue.number}`);
        return written(response.data, what);
    }
    /**
     * Adds the labels the issue lacks, without replacing the set (a PATCH of `labels` would drop any a person added
     * meanwhile). A refusal is a warning, not the issue's failure: the body people read is already written.
     */
    async addMissingLabels(issue) {
        const labels = missingLabels(issue, this.opts.labels);
        if (labels.length === 0)
            return { added: false };
        const what = `labelling issue #${issue.number}`;
        try {
            await this.calls.step(what, () => this.client.rest.issues.addLabels({
                owner: this.owner,
                repo: this.repo,
                issue_number: issue.number,
                labels
            }), `${this.where}#${issue.number}`);
            return { added: true };
        }
        catch (e) {
            if (!(e instanceof github_calls/* Failure */.HR))
                throw e;
            return { added: false, warning: `the labels ${labels.join(', ')} were not added: ${e.message}` };
        }
    }
    /** Posts `body` on the issue; a lost answer is looked for among the issue's comments before a retry. */
    async comment(issue, body, me) {
        const what = `commenting on issue #${issue.number}`;
        const where = `${this.where}#${issue.number}`;
        const alreadyDone = () => this.findComment(issue, body, me);
        await this.calls.step(what, () => this.client.rest.issues.createComment({
            owner: this.owner,
            repo: this.repo,
            issue_number: issue.number,
            body,
            request: { alreadyDone }
        }), where);
    }
    /** Our comment with exactly this body on the issue (it links this run, so an earlier run's does not match). */
    async findComment(issue, body, me) {
        const pages = this.client.paginate.iterator(this.client.rest.issues.listComments, {
            owner: this.owner,
            repo: this.repo,
            issue_number: issue.number,
            per_page: PER_PAGE
        });
        let page = 0;
        for await (const response of pages) {
            if (++page > MAX_PAGES)
                return undefined;
            const items = response.data;
            if (!Array.isArray(items))
                return undefined;
            const mine = items.find((c) => (0,github_calls/* isObject */.Gv)(c) && c.body === body && (0,github_calls/* byAccount */.Rz)(c.user, me));
            if (mine)
                return mine;
        }
        return undefined;
    }
}
/** The labels asked for that the issue does not have (GitHub's label names ignore case). */
function missingLabels(issue, wanted) {
    const has = new Set(issue.labels.map((l) => l.toLowerCase()));
    const out = [];
    for (const l of wanted) {
        if (l && !has.has(l.toLowerCase())) {
            has.add(l.toLowerCase());
            out.push(l);
        }
    }
    return out;
}
/**
 * Brings the tracking issue in line with the run through `client`:
 * - a run that does not pass updates the open issue in place (title and body; labels added, never removed, and
 *   a label GitHub refuses is a warning), or creates it;
 * - a run that passes comments on the open issue, brings its body up to date and closes it (completed); with no
 *   open issue it does nothing, unless the mode is `always`, which records the outcome in an issue closed at once.
 * Never throws; no reason carries the token.
 */
async function syncTrackingIssue(client, opts) {
    const refused = issueRefusal(opts);
    if (refused)
        return refused;
    const body = (0,sticky_comment/* withMarker */.Pe)(opts.body, opts.marker);
    let secrets = [];
    const failed = (reason) => ({
        action: 'failed',
        reason: (0,util_text/* plainText */.wh)((0,redact/* redact */.E)(reason, secrets), 600)
    });
    try {
        secrets = await (0,github_calls/* secretsOf */.Fj)(client);
        const gh = new Issues(client, opts, secrets);
        const me = await gh.identity();
        const found = await gh.find(me);
        const changes = (i) => ({
            ...(i.title !== opts.title && { title: opts.title }),
            ...(i.body !== body && { body })
        });
        const done = (action, i, warning) => ({
            action,
            number: i.number,
            url: i.html_url,
            ...(warning && { warning: (0,util_text/* plainText */.wh)((0,redact/* redact */.E)(warning, secrets), 600) })
        });
        if (opts.passing) {
            if (found) {
                await gh.comment(found, opts.resolved, me);
                const closed = await gh.update(found, {
                    ...changes(found),
                    state: 'closed',
                    state_reason: 'completed'
                });
                return done('closed', closed);
            }
            if (opts.mode !== 'always') {
                return { action: 'skipped', reason: 'no open tracking issue, and a passing run opens none' };
            }
            const created = await gh.create(body, () => gh.find(me));
            // looking again before a retry may have found an issue another run had just opened: bring it in line
            const closed = await gh.update(created, {
                ...changes(created),
                state: 'closed',
                state_reason: 'completed'
            });
            return done('closed', closed);
        }
        // a create that looked again before a retry may have found an issue another run had just opened
        const issue = found ?? (await gh.create(body, () => gh.find(me)));
        const change = changes(issue);
        const changed = Object.keys(change).length > 0;
        const current = changed ? await gh.update(issue, change) : issue;
        // labels last: GitHub drops those a token may not set when it creates an issue
        const labels = await gh.addMissingLabels(current);
        const action = !found && !changed ? 'created' : changed || labels.added ? 'updated' : 'unchanged';
        return done(action, current, labels.warning);
    }
    catch (e) {
        return failed((0,github_calls/* reasonOf */.A3)(e, 'cancelled before the tracking issue was written'));
    }
}

;// CONCATENATED MODULE: ./src/github/publish-issue.ts





const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);
/** Events that may run on any branch: they keep the issue only on the default branch. */
const BRANCH_EVENTS = new Set(['workflow_dispatch', 'push']);
/**
 * Why this run may not keep the issue, or undefined. The issue is the default branch's audit: a scheduled run
 * (GitHub runs schedules on the default branch), or a manual or push run on it. A run on another branch, or of
 * an event whose reports or models file another party controls (`workflow_run` downloads a pull request's
 * artifacts), could otherwise close the issue or ping owners.
 */
function eventRefusal(event, env) {
    if (event === 'schedule')
        return undefined;
    if (event && BRANCH_EVENTS.has(event)) {
        const payload = (0,pull_request/* readEvent */.j_)(env);
        const repo = payload && typeof payload === 'object' ? payload.repository : undefined;
        const branch = repo && typeof repo === 'object' ? repo.default_branch : undefined;
        if (typeof branch === 'string' && branch && env.GITHUB_REF === `refs/heads/${branch}`)
            return undefined;
        return `a ${event} run keeps it only on the default branch, and this run is on ${(0,util_text/* plainText */.wh)(env.GITHUB_REF ?? 'an unknown ref', 100)}`;
    }
    return `only scheduled runs, and manual or push runs on the default branch, keep it; this is a ${(0,util_text/* plainText */.wh)(event ?? 'run with no event', 60)} run`;
}
/**
 * The tracking issue for a run (a scheduled audit has no pull request to comment on): kept open while a model
 * does not pass, closed when all pass (github/tracking-issue.ts). Not on pull-request events: there the comment
 * reports, and the models-file (whose owners the issue may mention) is the pull request's. Never throws: an issue
 * never changes the verdict; one that was wanted but could not be written is a warning. `connect` builds the
 * GitHub client (./octokit.ts); it is called only when the issue is to be written.
 */
async function reportIssue(view, settings, run, env, connect, extras = {}) {
    const quiet = (message) => ({ written: false, level: 'debug', message });
    if (settings.issue === 'never')
        return quiet('No tracking issue: issue is never.');
    const event = env.GITHUB_EVENT_NAME;
    if (event && PR_EVENTS.has(event)) {
        return quiet(`No tracking issue on a ${event} event: the pull request gets the comment.`);
    }
    const refused = eventRefusal(event, env);
    if (refused)
        return { written: false, level: 'warning', message: `No tracking issue: ${refused}.` };
    const passing = view.verdict === 'pass';
    const r = await (async () => {
        const repo = (0,pull_request/* splitRepo */.D2)(run.repository);
        if (!repo)
            return { action: 'skipped', reason: 'no repository to open it in (GITHUB_REPOSITORY)' };
        const token = settings.githubToken;
        if (!token)
            return { action: 'skipped', reason: 'no github-token' };
        const opts = {
            repo,
            marker: issueMarker({ workflow: run.workflow ?? '', tag: settings.commentTag }),
            title: issueTitle(settings.commentTag, settings.issueTitle),
            body: renderIssueBody(view, {
                ...(run.runUrl && { runUrl: run.runUrl }),
                ...(extras.artifactUrl && { artifactUrl: extras.artifactUrl }),
                ...(extras.changes && { changes: extras.changes })
            }),
            labels: settings.issueLabels,
            mode: settings.issue,
            passing,
            resolved: renderIssueResolved(view, { ...(run.runUrl && { runUrl: run.runUrl }) })
        };
        const refused = issueRefusal(opts);
        if (refused)
            return refused;
        return (0,github_calls/* withClient */.SV)(connect, token, (client) => syncTrackingIssue(client, opts));
    })();
    if ('url' in r)
        return {
            written: true,
            message: `Tracking issue ${r.action}: ${r.url}`,
            url: r.url,
            ...(r.warning && { warning: `The tracking issue was ${r.action}, but ${r.warning}` })
        };
    // a passing run under on-failure asked for nothing new: no open issue to close is no news
    if (r.action === 'skipped' && passing)
        return quiet(`No tracking issue: ${r.reason}.`);
    return { written: false, level: 'warning', message: `The tracking issue was not written: ${r.reason}` };
}


/***/ })

};

//# sourceMappingURL=709.index.js.map