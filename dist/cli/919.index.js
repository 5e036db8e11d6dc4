export const id = 919;
export const ids = [919];
export const modules = {

/***/ 6919:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ARTIFACT_FILES: () => (/* binding */ ARTIFACT_FILES),
  publish: () => (/* binding */ publish),
  sarifCategory: () => (/* binding */ sarifCategory)
});

// EXTERNAL MODULE: ./src/util/text.ts
var util_text = __webpack_require__(9997);
// EXTERNAL MODULE: ./src/gate/severity.ts
var severity = __webpack_require__(8632);
;// CONCATENATED MODULE: ./src/report/annotations.ts


/**
 * Per level, counting the closing "and N more" annotation. GitHub keeps 10 per level per step: one error is
 * left for the step's failure, and warnings leave room for the run's own (the verdict in warn mode, a comment
 * that could not be written, collection warnings).
 */
const ANNOTATION_CAPS = { error: 9, warning: 6, notice: 9 };
function annotationsFor(models, locate) {
    const all = [];
    for (const { result: m } of models) {
        const name = (0,util_text/* plainText */.wh)(m.model.model_uri, 200);
        if (m.status === 'error') {
            const anchor = locate(m, undefined);
            all.push({
                level: m.verdict === 'fail' ? 'error' : 'warning',
                title: (0,util_text/* plainText */.wh)(`Model not verified: ${name}`, 200),
                message: (0,util_text/* plainText */.wh)(m.reason, 1000),
                severity: 10,
                ...(anchor && { file: anchor.file, ...(anchor.line && { startLine: anchor.line }) })
            });
        }
        for (const v of m.violations.items) {
            const level = (0,severity/* levelOf */.In)(v.rule_instance_state);
            const anchor = locate(m, v.file);
            const fix = v.remediation?.steps?.[0];
            all.push({
                level: level === 'note' ? 'notice' : level,
                title: (0,util_text/* plainText */.wh)(`${v.rule_name}${v.file ? `: ${v.file}` : ''}`, 200),
                message: (0,util_text/* plainText */.wh)([
                    sentence(`${name}: ${v.description}`),
                    v.threat && `Threat ${v.threat}${v.threat_description ? ` (${v.threat_description})` : ''}.`,
                    fix && sentence(`Fix: ${fix}`)
                ]
                    .filter(Boolean)
                    .join(' '), 1000),
                severity: (0,severity/* securitySeverity */.KW)(v.rule_name),
                ...(anchor && { file: anchor.file, ...(anchor.line && { startLine: anchor.line }) })
            });
        }
    }
    const out = [];
    for (const level of ['error', 'warning', 'notice']) {
        // stable: most severe first, then in report order
        const of = all.filter((a) => a.level === level).sort((a, b) => b.severity - a.severity);
        const cap = ANNOTATION_CAPS[level];
        const shown = of.length > cap ? of.slice(0, cap - 1) : of;
        out.push(...shown.map(({ severity: _, ...a }) => a));
        const more = (0,util_text/* formatCount */.B4)(of.length - shown.length);
        if (of.length > shown.length)
            out.push({
                level,
                title: `${more} more ${level === 'notice' ? 'notices' : `${level}s`}`,
                // the summary groups findings and may list only some of them; the JSON report has every one
                message: `${more} more findings at this level are in the JSON report; the job summary groups them by rule.`
            });
    }
    return out;
}
const sentence = (s) => (/[.!?]\s*$/.test(s) ? s : `${s}.`);

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 6 modules
var schemas = __webpack_require__(6921);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: ./src/gate/result.ts
var result = __webpack_require__(4726);
;// CONCATENATED MODULE: ./src/report/attestation.ts



/**
 * The gate's run as an in-toto Statement v1 (https://github.com/in-toto/attestation/tree/main/spec/v1): what
 * was scanned as the subjects, what the gate found about it as the predicate. GitHub's `actions/attest` signs
 * the predicate and the subjects of `subjectChecksums()`; the whole statement is for other signers and for
 * policy engines. Pure: the publish stage writes the files. See docs/attestation.md.
 */
const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
/** Names this predicate's schema; the major version changes only when a field changes meaning or goes. */
const PREDICATE_TYPE = 'https://github.com/airs-model-gate/airs-model-gate/model-gate/v1';
const TOOL_URI = 'https://github.com/airs-model-gate/airs-model-gate';
// ---- the predicate's schema (docs/attestation-predicate.schema.json is generated from it) ----
// Plain objects, not strict ones: in-toto consumers must ignore fields they do not know, so a later v1.x may
// add fields and still validate against this schema.
const Sha256 = schemas/* string */.YjP().regex(/^[0-9a-f]{64}$/);
const Timestamp = schemas/* string */.YjP().describe('RFC 3339');
const RuleStateSchema = schemas/* object */.Ikc({
    rule: schemas/* string */.YjP().describe("the rule's name (a custom rule's name for a custom rule)"),
    ruleUuid: schemas/* string */.YjP().nullable(),
    instanceUuid: schemas/* string */.YjP().describe('the rule instance in the security group'),
    state: schemas/* string */.YjP().describe('BLOCKING, ALLOWING or DISABLED'),
    fieldValues: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J())
        .describe("the instance's settings (approved formats, licenses, organizations, …)")
});
const ModelPredicateSchema = schemas/* object */.Ikc({
    index: schemas/* number */.aig().int().positive().describe('position in the model-uri input, from 1'),
    uri: schemas/* string */.YjP().describe('the model as the gate names it; its subjects are named from it'),
    sourceType: schemas/* string */.YjP(),
    revision: schemas/* string */.YjP().optional().describe('the revision as given (a branch, tag or commit)'),
    resolvedRevision: schemas/* string */.YjP().optional().describe('the Hugging Face commit that was scanned'),
    digest: schemas/* object */.Ikc({ sha256: Sha256, files: schemas/* number */.aig().int().nonnegative() })
        .optional()
        .describe("a local or object-storage model's content as the gate read it: sha256 over the sorted `sha256sum`-style list of its files, and how many files"),
    subjects: schemas/* enum */.k5n(['files', 'commit', 'none'])
        .describe("how the model appears among the statement's subjects: files (one subject per file, by sha256), commit (its Hugging Face commit, by gitCommit), none (nothing immutable identifies what was scanned: the attestation binds no artifact of this model)"),
    engine: schemas/* string */.YjP().describe('airs (the Prisma AIRS service) or builtin (the offline engine)'),
    mode: schemas/* enum */.k5n(['enforce', 'warn'])
        .optional()
        .describe("this model's own mode, when its models-file entry sets one"),
    verdict: schemas/* enum */.k5n(result/* VERDICTS */.bk),
    status: schemas/* enum */.k5n(result/* STATUSES */.f).describe('what the evidence says, before the mode decides how much it matters'),
    evalOutcome: schemas/* string */.YjP()
        .nullable()
        .describe("the scan's outcome (ALLOWED, BLOCKED, ERROR, …); null: no scan"),
    scanUuid: schemas/* string */.YjP().nullable(),
    scanCreatedAt: schemas/* string */.YjP()
        .nullable()
        .optional()
        .describe('when the scan was created, as the service recorded it: how old the evidence is'),
    reusedScan: schemas/* boolean */.zMY()
        .optional()
        .describe('true: the scan was an earlier one of the same artifact, reused by this run (the reuse input)'),
    securityGroup: schemas/* object */.Ikc({ uuid: schemas/* string */.YjP(), name: schemas/* string */.YjP() }).nullable(),
    policy: schemas/* object */.Ikc({
        generation: schemas/* number */.aig()
            .int()
            .nullable()
            .describe("the security group's snapshot generation; null: the group has no history (its current rules)"),
        since: schemas/* string */.YjP().nullable(),
        rules: schemas/* array */.YOg(RuleStateSchema)
    })
        .nullable()
        .describe('the rules in force when the scan was created; null: they could not be read'),
    notEvaluated: schemas/* array */.YOg(schemas/* string */.YjP()).optional().describe('enabled rules the engine could not evaluate'),
    reason: schemas/* string */.YjP(),
    errorCode: schemas/* string */.YjP().nullable().describe("the gate's error code (TIMEOUT, SCAN_ERROR, …); null: judged"),
    scanErrorCode: schemas/* string */.YjP().nullable().describe("the service's error code for a scan that ended in ERROR"),
    finishedAt: Timestamp.describe('when the gate finished with this model (RFC 3339)')
});
const AttestationPredicateSchema = schemas/* object */.Ikc({
    gate: schemas/* object */.Ikc({ name: schemas/* string */.YjP(), version: schemas/* string */.YjP(), uri: schemas/* string */.YjP() }),
    verdict: schemas/* enum */.k5n(result/* VERDICTS */.bk).describe("the run's verdict: pass only when every model passed"),
    mode: schemas/* enum */.k5n(['enforce', 'warn']).describe('enforce: a blocked model fails the run; warn: it warns'),
    onError: schemas/* enum */.k5n(['fail', 'warn']).describe('what a model the gate could not verify does to the verdict'),
    errorCode: schemas/* string */.YjP().nullable().describe('a failure that stopped the run outside any model'),
    startedAt: Timestamp,
    finishedAt: Timestamp,
    run: schemas/* object */.Ikc({
        repository: schemas/* string */.YjP(),
        sha: schemas/* string */.YjP().optional(),
        ref: schemas/* string */.YjP().optional(),
        event: schemas/* string */.YjP().optional(),
        workflow: schemas/* string */.YjP().optional(),
        job: schemas/* string */.YjP().optional(),
        runId: schemas/* string */.YjP().optional(),
        runAttempt: schemas/* string */.YjP().optional(),
        runUrl: schemas/* string */.YjP().optional()
    })
        .nullable()
        .describe('the GitHub Actions run; null outside one (the CLI)'),
    models: schemas/* array */.YOg(ModelPredicateSchema)
});
/** The predicate's JSON Schema (2020-12), published as docs/attestation-predicate.schema.json. */
function predicateJsonSchema() {
    const generated = z.toJSONSchema(AttestationPredicateSchema, {
        // input: no `additionalProperties: false`, so unknown fields pass as in-toto's parsing rules require
        io: 'input',
        unrepresentable: 'any',
        target: 'draft-2020-12'
    });
    const { $schema, ...rest } = generated;
    return {
        $schema,
        $id: `${PREDICATE_TYPE}/predicate.schema.json`,
        title: 'airs-model-gate attestation predicate',
        description: `The predicate of predicateType ${PREDICATE_TYPE}: what the gate found about each model, the rules in force and the run. See docs/attestation.md.`,
        ...rest
    };
}
/**
 * Characters that could end a line or hide what a name says: C0 and C1 controls (CR, LF, NEL), DEL, the
 * Unicode line and paragraph separators and the bidi controls. They are percent-encoded, so every subject is
 * one line of the checksums file and reads as it is.
 */
// eslint-disable-next-line no-control-regex -- encoding them is the point
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const safeName = (name) => name.replace(UNSAFE_IN_NAME, (c) => encodeURIComponent(c));
/**
 * A file's subject name: the model's URI and the file's path in it; the URI alone when the model is that one
 * file (the digest lists a single-file model by its base name).
 */
function fileName(uri, path, single) {
    const base = uri.replace(/\/+$/, '');
    if (path === '' || (single && (base === path || base.endsWith(`/${path}`))))
        return base;
    return `${base}/${path}`;
}
/** How the model can be a subject, and its subjects. */
function subjectsOf(m) {
    const uri = m.model.model_uri;
    // one subject per file: `gh attestation verify <file>` matches the sha256 of the file it is given
    if (m.model.digest && m.model.digest.files.length > 0)
        return {
            kind: 'files',
            subjects: m.model.digest.files.map((f, _, all) => ({
                name: safeName(fileName(uri, f.path, all.length === 1)),
                digest: { sha256: f.sha256 }
            }))
        };
    if (m.model.source_type === 'HUGGING_FACE' && m.model.resolved_revision)
        return {
            kind: 'commit',
            subjects: [{ name: safeName(uri), digest: { gitCommit: m.model.resolved_revision.toLowerCase() } }]
        };
    return { kind: 'none', subjects: [] };
}
const digestKey = (s) => ('sha256' in s.digest ? s.digest.sha256 : s.digest.gitCommit);
/** Every model's subjects, each name and digest once (a model given twice is the same artifact). */
function attestationSubjects(report) {
    const seen = new Set();
    const out = [];
    for (const m of report.models)
        for (const s of subjectsOf(m).subjects) {
            const key = `${s.name}\u0000${digestKey(s)}`;
            if (seen.has(key))
                continue;
            seen.add(key);
            out.push(s);
        }
    return out;
}
/**
 * The sha256 subjects as `actions/attest` reads `subject-checksums`: `<sha256>  <name>` lines, the format of
 * `sha256sum`. Empty when no subject has a sha256 (Hugging Face commits are gitCommit digests, which
 * `actions/attest` does not take).
 */
function subjectChecksums(report) {
    return attestationSubjects(report)
        .flatMap((s) => ('sha256' in s.digest ? [`${s.digest.sha256}  ${s.name}\n`] : []))
        .join('');
}
// ---- predicate and statement ----
function modelPredicate(m) {
    const group = m.security_group;
    return {
        index: m.index,
        uri: m.model.model_uri,
        sourceType: m.model.source_type,
        ...(m.model.revision !== undefined && { revision: m.model.revision }),
        ...(m.model.resolved_revision !== undefined && { resolvedRevision: m.model.resolved_revision }),
        ...(m.model.digest && { digest: { sha256: m.model.digest.sha256, files: m.model.digest.files.length } }),
        subjects: subjectsOf(m).kind,
        engine: m.engine,
        ...(m.mode && { mode: m.mode }),
        verdict: m.verdict,
        status: m.status,
        evalOutcome: m.scan?.eval_outcome ?? null,
        scanUuid: m.scan?.uuid ?? null,
        scanCreatedAt: m.scan?.created_at ?? null,
        ...(m.reused && { reusedScan: true }),
        securityGroup: group ? { uuid: group.uuid, name: group.name } : null,
        policy: m.policy && {
            generation: m.policy.generation,
            since: m.policy.since,
            rules: m.policy.rule_instances.map((r) => ({
                rule: r.rule?.name ?? r.custom_rule?.name ?? r.security_rule_uuid ?? r.custom_rule_uuid ?? r.uuid,
                ruleUuid: r.security_rule_uuid ?? r.custom_rule_uuid ?? null,
                instanceUuid: r.uuid,
                state: r.state,
                fieldValues: r.field_values ?? {}
            }))
        },
        ...(m.not_evaluated && m.not_evaluated.length > 0 && { notEvaluated: m.not_evaluated }),
        reason: m.reason,
        errorCode: m.error?.code ?? null,
        scanErrorCode: m.scan?.error_code ?? null,
        finishedAt: m.finished_at
    };
}
function attestationPredicate(report) {
    const c = report.context;
    return {
        gate: { name: version/* PRODUCT */.A, version: version/* VERSION */.x, uri: TOOL_URI },
        verdict: report.verdict,
        mode: report.settings.mode,
        onError: report.settings.on_error,
        errorCode: report.error?.code ?? null,
        startedAt: report.started_at,
        finishedAt: report.finished_at,
        run: c
            ? {
                repository: c.repository,
                ...(c.sha !== undefined && { sha: c.sha }),
                ...(c.ref !== undefined && { ref: c.ref }),
                ...(c.event !== undefined && { event: c.event }),
                ...(c.workflow !== undefined && { workflow: c.workflow }),
                ...(c.job !== undefined && { job: c.job }),
                ...(c.run_id !== undefined && { runId: c.run_id }),
                ...(c.run_attempt !== undefined && { runAttempt: c.run_attempt }),
                ...(c.run_url !== undefined && { runUrl: c.run_url })
            }
            : null,
        models: report.models.map(modelPredicate)
    };
}
/**
 * The run's in-toto Statement; undefined when no model is a subject (a statement must bind at least one
 * artifact): attest the predicate with the JSON report as the subject then.
 */
function attestationStatement(report) {
    const subject = attestationSubjects(report);
    if (subject.length === 0)
        return undefined;
    return {
        _type: STATEMENT_TYPE,
        subject,
        predicateType: PREDICATE_TYPE,
        predicate: attestationPredicate(report)
    };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/index.js
var enums = __webpack_require__(6820);
// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/models/index.js
var models = __webpack_require__(320);
// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/index.node.js
var index_node = __webpack_require__(1248);
// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/spec/index.js
var spec = __webpack_require__(4321);
;// CONCATENATED MODULE: ./src/report/ml-bom.ts

// the library's entry points one by one: its root also loads the validators and their optional dependencies





/**
 * The run as a CycloneDX 1.6 ML-BOM: one `machine-learning-model` component per model, its files (when the
 * gate read them) as `file` sub-components with their SHA-256, and what the gate found as namespaced
 * properties. Only what the report knows is written: a model's license is not in the report (the service
 * reports only whether a license rule failed), so no component has `licenses`. Pure and deterministic: the
 * same report gives the same document.
 */
/** The namespace of this tool's properties (CycloneDX reserves `cdx:`). */
const NS = `${version/* PRODUCT */.A}:`;
const HF_MODEL = /^https:\/\/huggingface\.co\/([^/]+)\/([^/]+)$/;
/** The Hugging Face model's package URL (purl-spec type `huggingface`): the commit, lowercased, as version. */
function huggingFacePurl(modelUri, commit) {
    const m = HF_MODEL.exec(modelUri);
    if (!m)
        return undefined;
    const [org, name] = [m[1], m[2]].map(encodeURIComponent);
    return `pkg:huggingface/${org}/${name}${commit ? `@${commit.toLowerCase()}` : ''}`;
}
/** Properties, leaving out what is unknown. */
function properties(entries) {
    return entries.flatMap(([name, value]) => value === null || value === undefined ? [] : [new models.Property(`${NS}${name}`, String(value))]);
}
function modelComponent(m) {
    const ref = `model-${m.index}`;
    const hf = m.model.source_type === 'HUGGING_FACE' ? HF_MODEL.exec(m.model.model_uri) : null;
    const commit = m.model.resolved_revision;
    const digest = m.model.digest;
    const component = new models.Component(enums.ComponentType.MachineLearningModel, hf ? hf[2] : m.model.model_uri, {
        bomRef: ref,
        ...(hf && { group: hf[1] }),
        ...(commit && { version: commit }),
        ...(hf && { purl: huggingFacePurl(m.model.model_uri, commit) }),
        // a single file is the model: its hash is the model's; a list digest is not any artifact's hash
        ...(digest?.files.length === 1 && {
            hashes: new models.HashDictionary([[enums.HashAlgorithm['SHA-256'], digest.files[0].sha256]])
        })
    });
    for (const p of properties([
        ['verdict', m.verdict],
        ['status', m.status],
        ['reason', m.reason],
        ['engine', m.engine],
        ['source-type', m.model.source_type],
        ['model-uri', m.model.model_uri],
        ['revision', m.model.revision],
        ['eval-outcome', m.scan?.eval_outcome],
        ['scan-uuid', m.scan?.uuid],
        ['security-group-uuid', m.security_group?.uuid],
        ['security-group-name', m.security_group?.name],
        ['policy-generation', m.policy?.generation],
        ['violations', m.scan ? (m.violations.total ?? m.violations.items.length) : undefined],
        ['error-code', m.error?.code],
        ['content-sha256', digest?.sha256],
        ['finished-at', m.finished_at]
    ]))
        component.properties.add(p);
    digest?.files.forEach((f, i) => {
        component.components.add(new models.Component(enums.ComponentType.File, f.path, {
            bomRef: `${ref}:file-${i + 1}`,
            hashes: new models.HashDictionary([[enums.HashAlgorithm['SHA-256'], f.sha256]])
        }));
    });
    return component;
}
/** RFC 4122's namespace for names that are URLs. */
const URL_NAMESPACE = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex');
/**
 * A name-based (version 5) UUID from the report's content, so re-rendering a report gives the same serial
 * number and another run another one.
 */
function serialNumber(report) {
    const name = `https://github.com/airs-model-gate/airs-model-gate/ml-bom/${(0,external_node_crypto_.createHash)('sha256').update(JSON.stringify(report)).digest('hex')}`;
    const b = (0,external_node_crypto_.createHash)('sha1').update(URL_NAMESPACE).update(name).digest().subarray(0, 16);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.toString('hex');
    return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
function mlBom(report) {
    const c = report.context;
    const metadata = new models.Metadata({
        timestamp: new Date(report.finished_at),
        tools: new models.Tools({
            components: new models.ComponentRepository([
                new models.Component(enums.ComponentType.Application, version/* PRODUCT */.A, { version: version/* VERSION */.x })
            ])
        })
    });
    for (const p of properties([
        ['verdict', report.verdict],
        ['mode', report.settings.mode],
        ['on-error', report.settings.on_error],
        ['error-code', report.error?.code],
        ['repository', c?.repository],
        ['commit', c?.sha],
        ['ref', c?.ref],
        ['run-url', c?.run_url]
    ]))
        metadata.properties.add(p);
    const bom = new models.Bom({ metadata, serialNumber: serialNumber(report) });
    for (const m of report.models)
        bom.components.add(modelComponent(m));
    return bom;
}
/** The ML-BOM as CycloneDX 1.6 JSON, for a file. */
function mlBomJson(report) {
    // insertion order is already deterministic (models in input order, files as the digest lists them)
    const normalized = new index_node.JSON.Normalize.Factory(spec.Spec1dot6).makeForBom().normalize(mlBom(report), {});
    // the library lists every component in the dependency graph, which says "depends on nothing"; what a model
    // depends on (a base model, a tokenizer) is unknown here, and a component left out of the graph says so
    const { dependencies: _unknown, ...bom } = normalized;
    return `${JSON.stringify(bom, null, 2)}\n`;
}

// EXTERNAL MODULE: ./src/report/guidance.ts
var guidance = __webpack_require__(4174);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(4031);
// EXTERNAL MODULE: ./src/report/next-step.ts
var next_step = __webpack_require__(5780);
;// CONCATENATED MODULE: ./src/report/markdown.ts




/** The complete short form: verdict, every model's outcome and failed rules, where to find the rest. */
const SHORT = 'short';
const ICON = { pass: '✅', warn: '⚠️', fail: '❌' };
/** push(...lines) overflows the call stack for a repository with 100,000 files */
function append(out, lines) {
    for (const l of lines)
        out.push(l);
}
const RESULT_ICON = { PASSED: '✅', FAILED: '❌', ERROR: '⚠️' };
const SOURCE_NAMES = {
    HUGGING_FACE: 'Hugging Face',
    LOCAL: 'Local path',
    S3: 'Amazon S3',
    GCS: 'Google Cloud Storage',
    AZURE: 'Azure Blob Storage',
    ARTIFACTORY: 'JFrog Artifactory',
    GITLAB: 'GitLab Model Registry'
};
/** the short form lists this many models in full; a run with more names the rest by count */
const SHORT_MODELS = 100;
const SHORT_RULES = 12;
function renderMarkdown(view, detail, ctx = {}) {
    const out = [`## ${ICON[view.verdict]} ${(0,report_escape.md)(view.headline, 1000)}`, ''];
    if (view.error) {
        out.push(`**Not verified** (${(0,report_escape/* code */.aY)(view.error.code, 40)}): no model was judged.`, '');
        const step = nextStepLine(view.error.code);
        if (step)
            out.push(step, '');
    }
    // a scheduled audit's question comes first: what is different from last time
    append(out, whatChanged(view));
    // several models: the one that needs a reader most, before the table (models are in that order)
    const first = view.models[0];
    if (view.models.length > 1 && first && first.verdict !== 'pass')
        out.push(...runAnswer(first), '');
    const sectionsFor = detail === SHORT || detail.sections === 'all'
        ? view.models.length
        : view.models.filter((m) => m.verdict !== 'pass').length;
    if (view.models.length > 1 || detail === SHORT || sectionsFor < view.models.length)
        out.push(...modelTable(view.models, SHORT_MODELS), '');
    if (detail === SHORT)
        out.push(...shortModels(view.models));
    else
        for (const m of view.models)
            if (detail.sections === 'all' || m.verdict !== 'pass')
                append(out, modelSection(m, detail, ctx, view.models.length > 1 || !!view.error));
    if (ctx.note)
        out.push(`> ${(0,report_escape.md)(ctx.note, 500)}`, '');
    out.push(footer(view, ctx), '');
    return out.join('\n');
}
/** Models listed under "What changed"; a run with more names the rest by count. */
const CHANGED_MODELS = 50;
/**
 * "What changed": each model that drifted since its previous scan, newly blocked first, then a line saying how
 * many were compared, unchanged, first scans, and not compared. Nothing when drift was not looked for.
 */
function whatChanged(view) {
    const c = view.changes;
    if (!c)
        return [];
    const lines = changeItems(view).map((item) => `- ${item}`);
    const tally = [
        `${(0,util_text/* formatCount */.B4)(c.compared)} compared with their previous scan`,
        c.compared > 0 && `${(0,util_text/* formatCount */.B4)(c.unchanged)} unchanged`,
        c.first > 0 && `${(0,util_text/* formatCount */.B4)(c.first)} scanned for the first time`,
        c.unknown > 0 && `${(0,util_text/* formatCount */.B4)(c.unknown)} not fully compared (see each model)`
    ].filter(Boolean);
    // "could not compare" never reads as "nothing changed"
    const none = c.unknown > 0
        ? 'No change found in what could be compared.'
        : c.compared === 0
            ? 'No model had an earlier scan to compare with.'
            : 'Nothing changed.';
    return ['### What changed', '', ...(lines.length > 0 ? lines : [none]), '', `${tally.join(' · ')}.`, ''];
}
/** One Markdown item per model that drifted (no list mark), newly blocked first, escaped. */
function changeItems(view) {
    const drifted = view.models
        .filter((m) => m.drift?.drifted)
        .sort((a, b) => Number(b.drift.newlyBlocked) - Number(a.drift.newlyBlocked) || a.index - b.index);
    const lines = drifted.slice(0, CHANGED_MODELS).map((m) => {
        const d = m.drift;
        const since = d.since ? ` · since ${(0,report_escape/* code */.aY)(d.since.scanUuid, 40)} (${(0,report_escape.md)(d.since.at, 30)})` : '';
        return `${d.newlyBlocked ? '❌ **newly blocked** ' : ''}**${(0,report_escape.md)(m.name, 120)}**: ${d.phrases.map((p) => (0,report_escape.md)(p, 300)).join('; ')}${since}`;
    });
    if (drifted.length > CHANGED_MODELS)
        lines.push(`… and ${(0,util_text/* formatCount */.B4)(drifted.length - CHANGED_MODELS)} more models`);
    return lines;
}
function modelTable(models, max) {
    const rows = models
        .slice(0, max)
        .map((m) => `| ${(0,report_escape.md)(m.name, 120)} | ${(0,report_escape.md)(m.outcome, 40)} | ${ICON[m.verdict]} ${m.verdict} | ${notVerified(m) ? 'not evaluated' : `${(0,util_text/* formatCount */.B4)(m.rulesFailed)} of ${(0,util_text/* formatCount */.B4)(m.totalRules)}`} | ${notVerified(m) ? '—' : (0,util_text/* formatCount */.B4)(m.violations)} |`);
    if (models.length > max)
        rows.push(`| … and ${(0,util_text/* formatCount */.B4)(models.length - max)} more models | | | | |`);
    // one line a model: the scan UUIDs (which wrap) are in each model's section
    return ['| Model | Outcome | Verdict | Rules failed | Violations |', '|---|---|---|---|---|', ...rows];
}
function shortModels(models) {
    const out = [];
    const notPassed = models.filter((m) => m.verdict !== 'pass');
    for (const m of notPassed.slice(0, SHORT_MODELS)) {
        out.push(`**${ICON[m.verdict]} ${(0,report_escape.md)(m.name, 120)}**: ${(0,report_escape.md)(m.reason, 300)}`, '');
        for (const f of m.findings.slice(0, SHORT_RULES)) {
            const doc = f.guidance.links[0];
            out.push(`- ${SEVERITY_LABEL[f.band]} · ${RESULT_ICON[f.result] ?? '•'} ${(0,report_escape.md)(f.rule, 120)} (${(0,report_escape.md)(f.posture, 20)}): ${(0,util_text/* countOf */.pq)(f.violationCount, 'violation')}${doc ? ` · ${(0,report_escape/* link */.nf)('how to fix', doc.url)}` : ''}`);
        }
        if (m.findings.length > SHORT_RULES)
            out.push(`- … and ${(0,util_text/* formatCount */.B4)(m.findings.length - SHORT_RULES)} more rules`);
        if (m.findings.length > 0)
            out.push('');
    }
    if (notPassed.length > SHORT_MODELS)
        out.push(`… and ${(0,util_text/* formatCount */.B4)(notPassed.length - SHORT_MODELS)} more models`, '');
    return out;
}
const ENGINE_NAMES = {
    airs: 'Prisma AIRS AI Model Security',
    builtin: 'built-in engine (offline, static; not the AIRS service)'
};
/** A model the gate could not verify: its counts say nothing and must not read as clean. */
const notVerified = (m) => m.status === 'error';
const SEVERITY_LABEL = {
    critical: '🔴 Critical',
    high: '🟠 High',
    medium: '🟡 Medium',
    low: '🔵 Low'
};
/**
 * One model: first what was decided, the most severe finding with its file and its fix (or why the model
 * could not be verified and what to do), then the facts in one line, the rules as one line with the table
 * folded, and the findings, most severe first, grouped by threat and file.
 */
function modelSection(m, d, ctx, withReason) {
    const out = [`### ${ICON[m.verdict]} ${(0,report_escape.md)(m.name, 200)} — ${(0,report_escape.md)(m.outcome, 40)}`, ''];
    if (withReason)
        out.push((0,report_escape.md)(m.reason, 1000), '');
    append(out, answer(m, ctx));
    out.push(facts(m, d), '');
    append(out, rules(m, d));
    for (const f of m.findings)
        append(out, findingSection(f, d));
    append(out, unverifiedSection(m, d));
    if (d.files !== 'none')
        append(out, fileList(m, d));
    if (m.incomplete.length > 0)
        out.push(`> ⚠️ Not every ${m.incomplete.join(', ')} item could be read; the counts above come from the service.`, '');
    for (const w of m.warnings)
        out.push(`> ⚠️ ${(0,report_escape.md)(w, 500)}`, '');
    for (const u of m.drift?.unknown ?? [])
        out.push(`> Not compared with the previous scan: ${(0,report_escape.md)(u, 500)}`, '');
    return out;
}
/** The first screen of a model: the most severe finding and its fix, or why it is not verified. */
function answer(m, ctx) {
    const out = [];
    if (notVerified(m)) {
        out.push(`**Not verified**${m.errorCode ? ` (${(0,report_escape/* code */.aY)(m.errorCode, 40)})` : ''}: the gate could not tell whether this model is safe.${m.evaluations.length > 0 ? ' The rules below are not a verdict.' : ''}`);
        const step = nextStepLine(m.errorCode);
        if (step)
            out.push('', step);
    }
    else {
        const top = m.findings[0];
        if (top) {
            const files = [...new Set(top.violations.map((v) => v.file).filter((f) => !!f))];
            const where = files.length > 0
                ? ` in ${(0,util_text/* countOf */.pq)(files.length, 'file')}${files.length > 1 ? ', first' : ''} ${(0,report_escape/* code */.aY)(files[0], 200)}`
                : '';
            out.push(`**Most severe:** ${SEVERITY_LABEL[top.band]} · ${(0,report_escape.md)(top.rule, 200)}: ${(0,util_text/* countOf */.pq)(top.violationCount, 'finding')}${where}`);
            out.push('', fixLine(top));
        }
    }
    const links = [
        // only a scan of the service has a page there; the built-in engine's stands for one
        ctx.consoleUrl &&
            m.scanUuid &&
            m.engine === 'airs' &&
            // `{scan}`: the placeholder inputs.ts requires exactly once
            (0,report_escape/* link */.nf)('scan in the console', ctx.consoleUrl.replace('{scan}', encodeURIComponent(m.scanUuid))),
        m.sourceType === 'HUGGING_FACE' && (0,report_escape/* link */.nf)('model page', modelPage(m)),
        ctx.runUrl && (0,report_escape/* link */.nf)('workflow run', ctx.runUrl),
        ctx.artifactUrl && (0,report_escape/* link */.nf)('full report', ctx.artifactUrl)
    ].filter((l) => !!l);
    if (links.length > 0)
        out.push(...(out.length > 0 ? [''] : []), links.join(' · '));
    if (out.length > 0)
        out.push('');
    return out;
}
/** The run's most severe finding (or a model not verified), with the model it belongs to. */
function runAnswer(m) {
    const top = m.findings[0];
    if (notVerified(m) || !top) {
        const out = [`**Needs attention first:** ${(0,report_escape.md)(m.name, 120)}, ${(0,report_escape.md)(m.reason, 300)}`];
        const step = notVerified(m) ? nextStepLine(m.errorCode) : undefined;
        if (step)
            out.push('', step);
        return out;
    }
    const out = [
        `**Most severe:** ${SEVERITY_LABEL[top.band]} · ${(0,report_escape.md)(top.rule, 200)} in ${(0,report_escape.md)(m.name, 120)}: ${(0,util_text/* countOf */.pq)(top.violationCount, 'finding')}`
    ];
    // the fix before the table: a run of many models pushes the first model's section off the first screen
    out.push('', fixLine(top));
    return out;
}
/** The Hugging Face page of what was scanned: at the scanned revision when there was one. */
function modelPage(m) {
    return m.revision ? `${m.modelUri.replace(/\/+$/, '')}/tree/${encodeURIComponent(m.revision)}` : m.modelUri;
}
/**
 * The first thing to do: for code that runs on load, not loading it; for a rule the service could not
 * evaluate, running it again; else the rule's first step, and when the service gave none (a custom rule, a
 * rule newer than this action), our own, so the first screen always says what to do.
 */
function fixLine(f) {
    const t = f.guidance.tailored;
    if (t.kind === 'rule-error')
        return `**Next step:** ${RULE_ERROR_STEP}`;
    const fix = (t.kind === 'code-execution' ? t.steps[0] : undefined) ?? f.guidance.steps[0] ?? f.guidance.summary;
    return `**Fix:** ${fix ? (0,report_escape.md)(fix, 400) : NO_REMEDIATION}`;
}
const RULE_ERROR_STEP = 'This rule could not be evaluated, so the model is not verified: run the gate again; if the rule errors again, open a support case with the scan UUID.';
const NO_REMEDIATION = 'The service gave no remediation for this rule: review the findings below with your security group’s owner before using the model.';
/** What to do about an error code (next-step.ts): our own text, so its Markdown is written as it is. */
function nextStepLine(errorCode) {
    const step = (0,next_step/* nextStep */.sk)(errorCode);
    return step && `**Next step:** ${step}`;
}
/** Where the model came from, who scanned it, under which group: one line, small. */
function facts(m, d) {
    const parts = [
        `${(0,report_escape.md)(SOURCE_NAMES[m.sourceType] ?? m.sourceType, 40)} ${(0,report_escape/* code */.aY)(m.modelUri, 300)}${m.revision ? ` @ ${(0,report_escape/* code */.aY)(m.revision, 80)}` : ''}${m.commit && m.commit !== m.revision ? ` (commit ${(0,report_escape/* code */.aY)(m.commit, 80)})` : ''}`,
        `scanned by ${ENGINE_NAMES[m.engine]}`
    ];
    if (m.group)
        parts.push(`${m.engine === 'builtin' ? 'policy' : 'security group'} ${(0,report_escape.md)(m.group.name, 200)} (${(0,report_escape/* code */.aY)(m.group.uuid)})`);
    if (m.mode)
        parts.push(`mode ${(0,report_escape.md)(m.mode, 20)} (models-file)`);
    if (m.scanUuid)
        parts.push(`scan ${(0,report_escape/* code */.aY)(m.scanUuid)}${m.reused ? ` ${m.reused}` : ''}`);
    if (!notVerified(m) && (m.filesScanned !== null || m.filesSkipped !== null))
        parts.push(`${m.filesScanned === null ? '? files' : (0,util_text/* countOf */.pq)(m.filesScanned, 'file')} scanned, ${m.filesSkipped === null ? '?' : (0,util_text/* formatCount */.B4)(m.filesSkipped)} skipped`);
    if (m.notEvaluated.length > 0)
        parts.push(`not evaluated: ${m.notEvaluated.map((r) => (0,report_escape.md)(r, 100)).join(', ')}`);
    if (d.labels && m.labels.length > 0)
        parts.push(`labels ${m.labels.map((l) => (0,report_escape/* code */.aY)(`${l.key}=${l.value}`, 120)).join(' ')}`);
    return `<sub>${parts.join(' · ')}</sub>`;
}
/** The rules as one line (what failed, how many passed), the whole table folded below it. */
function rules(m, d) {
    if (m.evaluations.length === 0)
        return notVerified(m) || m.scanUuid ? ['**Rules:** not evaluated', ''] : [];
    const count = (r) => m.evaluations.filter((e) => e.result === r).length;
    const parts = [
        count('FAILED') && `❌ ${(0,util_text/* formatCount */.B4)(count('FAILED'))} failed`,
        count('ERROR') && `⚠️ ${(0,util_text/* formatCount */.B4)(count('ERROR'))} could not be evaluated`,
        count('PASSED') && `✅ ${(0,util_text/* formatCount */.B4)(count('PASSED'))} passed`
    ].filter(Boolean);
    const out = [`**Rules:** ${parts.join(' · ')} of ${(0,util_text/* formatCount */.B4)(m.totalRules)}`, ''];
    if (d.evaluations) {
        out.push(`<details><summary>All ${(0,util_text/* formatCount */.B4)(m.evaluations.length)} rules</summary>`, '', '| Rule | Severity | Posture | Result | Violations |', '|---|---|---|---|---|');
        for (const e of m.evaluations) {
            const f = m.findings.find((x) => x.rule === e.rule);
            out.push(`| ${(0,report_escape.md)(e.rule, 200)} | ${f ? SEVERITY_LABEL[f.band] : '—'} | ${(0,report_escape.md)(e.posture, 20)} | ${RESULT_ICON[e.result] ?? ''} ${(0,report_escape.md)(e.result, 20)} | ${(0,util_text/* formatCount */.B4)(e.violations)} |`);
        }
        out.push('', '</details>', '');
    }
    return out;
}
/**
 * A rule that did not pass: its violations grouped by threat, then by file (one row a file, however many
 * findings it holds), at most `violationsPerRule` rows; then how to fix it.
 */
function findingSection(f, d) {
    const out = [
        `#### ${SEVERITY_LABEL[f.band]} · ${RESULT_ICON[f.result] ?? '•'} ${(0,report_escape.md)(f.rule, 200)} — ${(0,report_escape.md)(f.result, 20)} (${(0,report_escape.md)(f.posture, 20)})`,
        ''
    ];
    if (f.posture === 'ALLOWING')
        out.push('_Reported only: this rule does not block models in this security group._', '');
    let rows = 0;
    let shown = 0;
    for (const g of threatGroups(f)) {
        if (rows >= d.violationsPerRule)
            break;
        const about = g.description ? `: ${(0,report_escape.md)(g.description, 200)}` : '';
        out.push(`**${g.threat ? (0,report_escape.md)(g.threat, 40) : 'Finding'}**${about} · ${(0,util_text/* countOf */.pq)(g.count, 'finding')} in ${(0,util_text/* countOf */.pq)(g.files.length, 'file')}`, '', '| File | Findings |', '|---|---|');
        for (const file of g.files) {
            if (rows >= d.violationsPerRule)
                break;
            rows++;
            shown += file.descriptions.length;
            const texts = file.descriptions
                .slice(0, MAX_DESCRIPTIONS)
                .map((t) => (0,report_escape.md)(t.text, 300) + (t.where ? ` ${(0,report_escape/* code */.aY)(t.where, 120)}` : ''));
            const more = file.descriptions.length - texts.length;
            out.push(`| ${file.path ? (0,report_escape/* code */.aY)(file.path, 200) : '—'} | ${texts.join(' · ')}${more > 0 ? ` · and ${(0,util_text/* formatCount */.B4)(more)} more` : ''} |`);
        }
        out.push('');
    }
    const hidden = f.violationCount - shown;
    if (hidden > 0)
        out.push(`… and ${(0,util_text/* countOf */.pq)(hidden, 'more violation')} of this rule in the JSON report.`, '');
    out.push(...guidanceSection(f.guidance, d.guidance));
    return out;
}
/**
 * Files the scanner could not read to the end, apart from the findings: neither clean nor found harmful, so
 * their advice is never a finding's ("remove code").
 */
function unverifiedSection(m, d) {
    if (m.unverified.length === 0)
        return [];
    const shown = m.unverified.slice(0, d.violationsPerRule);
    const out = [
        `#### ⚠️ Could not verify · ${(0,util_text/* countOf */.pq)(m.unverified.length, 'file')}`,
        '',
        'Nothing in these files was found harmful, but the scanner could not read them to the end, so they are not verified either.',
        '',
        '| File | Why |',
        '|---|---|',
        ...shown.map((u) => `| ${(0,report_escape/* code */.aY)(u.path, 200)} | ${(0,report_escape.md)(u.why, 600)} |`)
    ];
    if (m.unverified.length > shown.length)
        out.push(`| … and ${(0,util_text/* formatCount */.B4)(m.unverified.length - shown.length)} more in the JSON report | |`);
    out.push('', `**What to do:** ${(0,report_escape.md)(next_step/* UNVERIFIED_STEP */.XL, 400)}`, '');
    return out;
}
/** descriptions listed per file; the rest are counted */
const MAX_DESCRIPTIONS = 5;
function withWhere(text, module, operator) {
    const where = [module, operator].filter(Boolean).join('.');
    return { text, where: where && !text.includes(where) ? where : null };
}
/** A rule's violations by threat (in order of first appearance), each threat's by file. */
function threatGroups(f) {
    const groups = new Map();
    for (const v of f.violations) {
        const key = v.threat ?? '';
        let g = groups.get(key);
        if (!g) {
            g = { threat: v.threat ?? null, description: null, count: 0, files: [], byFile: new Map() };
            groups.set(key, g);
        }
        g.count++;
        g.description ??= v.threat_description ?? null;
        const fileKey = v.file ?? '';
        let file = g.byFile.get(fileKey);
        if (!file) {
            file = { path: v.file ?? null, descriptions: [] };
            g.byFile.set(fileKey, file);
            g.files.push(file);
        }
        file.descriptions.push(withWhere(v.description, v.module, v.operator));
    }
    return [...groups.values()].map(({ byFile: _, ...g }) => g);
}
function guidanceSection(g, level) {
    const out = ['**How to fix**', ''];
    const t = g.tailored;
    if (t.kind === 'code-execution' && t.meaning)
        out.push((0,report_escape.md)(t.meaning, 600), '');
    if (g.summary)
        out.push((0,report_escape.md)(g.summary, 300), '');
    const steps = planSteps(g);
    const shownSteps = level === 'full' || t.kind === 'code-execution' ? steps : steps.slice(0, 3);
    shownSteps.forEach((s, i) => out.push(`${i + 1}. ${(0,report_escape.md)(s, 400)}`));
    if (shownSteps.length > 0)
        out.push('');
    if (level === 'full')
        out.push(...tailoredSection(g));
    if (g.links.length > 0)
        out.push(g.links
            .slice(0, 6)
            .map((l) => (0,report_escape/* link */.nf)(l.label, l.url))
            .join(' · '), '');
    return out;
}
/** A step of the service's that says "do not load", which the gate's own first step already says. */
const DO_NOT_LOAD = /^do not (load|use|run)\b/i;
/**
 * One plan, in the order to follow it. For code that runs on load, the gate's steps (do not load, convert or
 * deploy; investigate; replace) come first and the service's "do not load" is not said twice. For a format
 * finding on a model that also runs code, no conversion steps: converting means loading.
 */
function planSteps(g) {
    const t = g.tailored;
    if (t.kind === 'code-execution')
        return [...t.steps, ...g.steps.filter((s) => !DO_NOT_LOAD.test(s))];
    if (t.kind === 'format' && t.runsCode)
        return [];
    return g.steps;
}
const list = (items, max = 20) => items
    .slice(0, max)
    .map((s) => (0,report_escape/* code */.aY)(s, 60))
    .join(', ') + (items.length > max ? ` and ${items.length - max} more` : '');
function tailoredSection(g) {
    const t = g.tailored;
    const out = [];
    switch (t.kind) {
        case 'format':
            out.push(`Formats found: ${t.found.length > 0 ? list(t.found) : 'not reported'}. Approved by the security group: ${t.approved ? (t.approved.length > 0 ? list(t.approved) : 'none') : 'unknown (the group’s configuration could not be read)'}.`, '');
            if (t.runsCode)
                out.push(`Do not convert this model: it also fails a code-execution check${t.unsafeToConvert.length > 0 ? ` (${list(t.unsafeToConvert, 10)})` : ''}, and converting means loading. Rebuild the weights from a trusted source instead.`, '');
            if (t.approvedSiblings.length > 0)
                out.push(`Weights in an approved format are already here: ${list(t.approvedSiblings, 10)}. If your deployment loads only those, download and scan only those.`, '');
            for (const e of t.examples)
                out.push(`<details><summary>${(0,report_escape/* htmlText */.js)(e.title, 200)}</summary>`, '', `\`\`\`${e.language}`, e.code, '```', '', '</details>', '');
            break;
        case 'code-execution':
            // the threats and where they are: the findings table above
            if (t.internal)
                out.push('_This model is your organisation’s own: treat the finding as a security incident._', '');
            break;
        case 'license':
            out.push(`${t.missing ? 'The model declares no license. ' : ''}Licenses the security group accepts: ${t.approved ? (t.approved.length > 0 ? list(t.approved) : 'none') : 'unknown (the group’s configuration could not be read)'}.`, '');
            break;
        case 'location':
            out.push(`Approved locations: ${t.approved ? list(t.approved) : 'unknown'}. Move the model to one of them.`, '');
            break;
        case 'denied':
            out.push(`The security group denies this ${t.what}. Choose another model or ask your security team for an exception.`, '');
            break;
        case 'unverified-publisher':
            out.push('Choose a model from an organisation verified by Hugging Face, or ask your security team to review this one.', '');
            break;
        case 'rule-error':
            out.push('The service could not evaluate this rule. Run the scan again; if the error persists, contact support with the scan UUID.', '');
            break;
        case 'none':
            break;
    }
    return out;
}
function fileList(m, d) {
    const files = d.files === 'all' ? m.files : m.files.filter((f) => f.result === 'FAILED' || f.result === 'ERROR');
    if (files.length === 0)
        return [];
    const shown = files.slice(0, d.filesMax);
    const title = d.files === 'all' ? `Scanned files (${(0,util_text/* formatCount */.B4)(files.length)})` : `Files with findings (${(0,util_text/* formatCount */.B4)(files.length)})`;
    const out = [`<details><summary>${title}</summary>`, '', '| File | Formats | Result |', '|---|---|---|'];
    for (const f of shown)
        out.push(`| ${(0,report_escape/* code */.aY)(f.path, 300)} | ${f.formats.length > 0 ? list(f.formats, 10) : '—'} | ${(0,report_escape.md)(f.result, 20)} |`);
    if (files.length > shown.length)
        out.push(`| … and ${(0,util_text/* formatCount */.B4)(files.length - shown.length)} more in the JSON report | | |`);
    out.push('', '</details>', '');
    return out;
}
function footer(view, ctx) {
    const parts = [
        `airs-model-gate ${(0,report_escape.md)(view.version, 20)}`,
        `mode ${(0,report_escape.md)(view.mode, 10)}, on-error ${(0,report_escape.md)(view.onError, 10)}`
    ];
    if (ctx.commit)
        parts.push(`commit ${(0,report_escape/* code */.aY)(ctx.commit.slice(0, 12), 12)}`);
    if (ctx.runUrl)
        parts.push((0,report_escape/* link */.nf)('workflow run', ctx.runUrl));
    // a link when the files were uploaded; else the path, which a later step of the job can still read
    if (ctx.artifactUrl)
        parts.push((0,report_escape/* link */.nf)('full report and SARIF', ctx.artifactUrl));
    else if (ctx.reportFile)
        parts.push(`full results: ${(0,report_escape/* code */.aY)(ctx.reportFile, 300)}`);
    return `<sub>${parts.join(' · ')}</sub>`;
}
/**
 * The richest rendering that fits a platform limit: each level of detail in turn, then the short form, and
 * as a last resort the short form cut at a line boundary (it has no open blocks to break).
 */
function fitMarkdown(view, levels, ctx, fits, tooLong) {
    for (const d of levels) {
        const text = renderMarkdown(view, d, ctx);
        if (fits(text))
            return text;
    }
    const short = renderMarkdown(view, SHORT, { ...ctx, note: tooLong });
    if (fits(short))
        return short;
    const lines = short.split('\n');
    const end = `\n\n> ${(0,report_escape.md)(tooLong, 500)} The list above is cut short.\n\n${footer(view, ctx)}\n`;
    while (lines.length > 1 && !fits(lines.join('\n') + end))
        lines.splice(Math.max(1, Math.floor(lines.length * 0.9)));
    return lines.join('\n') + end;
}
/**
 * What a SARIF rule's help adds to the service's remediation, which the rule's help already holds: for code
 * that runs on load, what that means and the gate's first steps. The help is shared by every alert of the
 * rule, so nothing here is one model's (its files, its threat links, steps that depend on where it came
 * from); undefined when there is nothing to add.
 */
function sarifHelp(ruleName, model) {
    // the one rule's guidance, without building the whole model view once per rule
    const e = model.evaluations.items.find((x) => x.rule_name === ruleName && x.result !== 'PASSED');
    if (!e)
        return undefined;
    const violations = model.violations.items.filter((v) => v.rule_instance_uuid === e.rule_instance_uuid);
    const t = (0,guidance/* guidanceFor */.A)(model, e, violations).tailored;
    if (t.kind !== 'code-execution')
        return undefined;
    const out = t.meaning ? [(0,report_escape.md)(t.meaning, 600)] : [];
    // the first steps hold for every model; the rest depend on where the model came from
    out.push(t.steps
        .slice(0, SHARED_CODE_EXECUTION_STEPS)
        .map((s, i) => `${i + 1}. ${(0,report_escape.md)(s, 400)}`)
        .join('\n'));
    return out.join('\n\n');
}
/** do not load it; investigate each finding */
const SHARED_CODE_EXECUTION_STEPS = 2;

// EXTERNAL MODULE: ./src/gate/verdict.ts
var verdict = __webpack_require__(5950);
;// CONCATENATED MODULE: ./src/report/outputs.ts

/** The step's outputs: small values only; per-model detail lives in the report files. */
function gateOutputs(view, files) {
    const { report } = view;
    // the order the models were given in, which scripts rely on (the view's is by concern)
    const views = [...view.models].sort((a, b) => a.index - b.index);
    const sum = (f) => String(views.reduce((n, v) => n + f(v), 0));
    return {
        verdict: report.verdict,
        'eval-outcome': (0,verdict/* overallOutcome */.iB)(report.models.map((m) => ({ status: m.status, outcome: m.scan?.eval_outcome }))),
        'scan-uuid': views.flatMap((v) => (v.scanUuid ? [v.scanUuid] : [])).join('\n'),
        // one line per model, so line n is model n (a model not on Hugging Face has an empty line)
        'resolved-revision': report.models.some((m) => m.model.resolved_revision)
            ? [...report.models]
                .sort((a, b) => a.index - b.index)
                .map((m) => m.model.resolved_revision ?? '')
                .join('\n')
            : '',
        'rules-passed': sum((v) => v.rulesPassed),
        'rules-failed': sum((v) => v.rulesFailed),
        violations: sum((v) => v.violations),
        // models whose comparison with their previous scan found a change, and those ALLOWED then, BLOCKED now
        drifted: String(view.changes?.drifted ?? 0),
        'newly-blocked': String(view.changes?.newlyBlocked ?? 0),
        report: files.report ?? '',
        sarif: files.sarif ?? '',
        sbom: files.sbom ?? '',
        'attestation-predicate': files.predicate ?? '',
        'attestation-statement': files.statement ?? '',
        'attestation-checksums': files.checksums ?? '',
        'artifact-url': files.artifact?.url ?? '',
        'artifact-id': files.artifact ? String(files.artifact.id) : '',
        error: report.error?.code ?? report.models.find((m) => m.error)?.error?.code ?? ''
    };
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: ./src/gate/model-source.ts
var model_source = __webpack_require__(7646);
;// CONCATENATED MODULE: ./src/report/sarif.ts






/**
 * The gate's findings as SARIF 2.1.0 for GitHub code scanning: one rule per Prisma AIRS security rule, one
 * result per violation, and one result per model the gate could not verify. Pure: the caller decides where
 * findings point in the repository (`locate`) and writes the file.
 *
 * Every string from the API or a model repository may be hostile. Plain fields go through plainText
 * (control and bidi characters removed, bounded); Markdown goes through md/code; URIs are percent-encoded
 * and links are only made from http(s) URLs. The log stays within code scanning's upload limits.
 */
/** Code scanning's upload limits (docs.github.com, "SARIF results exceed limit"), and this renderer's bounds. */
const SARIF_LIMITS = {
    maxRuns: 20,
    /** what an upload may hold */
    maxResults: 25_000,
    /** what code scanning keeps of a run, the most severe first: more would be cut arbitrarily among equals */
    keptResults: 5_000,
    maxRules: 25_000,
    maxLocationsPerResult: 1000,
    maxTagsPerRule: 20,
    /** gzip-compressed size of the uploaded file */
    maxGzipBytes: 10 * 1024 * 1024,
    /** what this renderer aims for, leaving room for indentation added when the log is written */
    gzipBudgetBytes: 9 * 1024 * 1024,
    /** uncompressed size (in UTF-16 code units) beyond which results are left out before compressing */
    rawBudgetBytes: 100 * 1024 * 1024,
    maxRuleNameChars: 255,
    maxDescriptionChars: 1024,
    maxMessageChars: 5000
};
const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Code scanning keys alerts by tool name and rule id: changing either orphans every open alert. */
const TOOL_NAME = 'airs-model-gate';
const sarif_TOOL_URI = 'https://github.com/airs-model-gate/airs-model-gate';
/** The rule of results for models the gate could not verify (scan ERROR, timeout, API failure). */
const NOT_VERIFIED_RULE_ID = 'airs-model-gate/model-not-verified';
/**
 * Key of the fingerprint in `partialFingerprints`; the version changes if what is hashed changes.
 * @internal exported for the tests, which read fingerprints by it
 */
const FINGERPRINT_KEY = 'airsFindingHash/v1';
function renderSarif(view, options = {}) {
    const { report } = view;
    const facts = collectRules(report);
    const ids = ruleIds([...facts.keys()]);
    const grouping = groupingFor(report);
    const candidates = report.models.flatMap((m) => modelCandidates(m, options.locate, grouping));
    candidates.forEach((c, i) => (c.order = i));
    const descriptors = new Map();
    const descriptor = (key) => {
        let d = descriptors.get(key);
        if (!d) {
            d =
                key === NOT_VERIFIED_KEY ? notVerifiedRule(report, options) : airsRule(facts.get(key), ids, options);
            descriptors.set(key, d);
        }
        return d;
    };
    const run = { report, options, facts, ids, descriptor, total: candidates.length };
    // highest level and severity first; the report's order breaks ties
    const prioritized = [...candidates].sort((a, b) => b.rank - a.rank || b.severity - a.severity || a.order - b.order);
    let keep = withinRawBudget(prioritized.slice(0, SARIF_LIMITS.keptResults), descriptor);
    let reason = keep.length < Math.min(candidates.length, SARIF_LIMITS.keptResults)
        ? 'size'
        : candidates.length > SARIF_LIMITS.keptResults
            ? 'max-results'
            : undefined;
    let withUnreferenced = true;
    const budget = options.gzipBudgetBytes ?? SARIF_LIMITS.gzipBudgetBytes;
    for (;;) {
        const log = assemble(run, keep, reason, withUnreferenced);
        const json = JSON.stringify(log);
        if (Buffer.byteLength(json) <= budget)
            return log;
        const packed = (0,external_node_zlib_.gzipSync)(json).length;
        if (packed <= budget)
            return log;
        // too large: first the rules no result refers to, then the least important results
        if (withUnreferenced && log.runs[0].tool.driver.rules.length > new Set(keep.map((c) => c.key)).size) {
            withUnreferenced = false;
            continue;
        }
        if (keep.length === 0)
            return log;
        reason = 'size';
        withUnreferenced = false;
        keep = keep.slice(0, Math.min(keep.length - 1, Math.floor((keep.length * budget * 0.95) / packed)));
    }
}
// ---- rules ----
const NOT_VERIFIED_KEY = '\u0000not-verified';
/** one notification per model not verified, up to this many; then one that counts the rest */
const MAX_UNVERIFIED_NOTIFICATIONS = 50;
const RULE_TAGS = ['security', 'ml-model', 'prisma-airs'];
const LEVEL_RANK = { error: 3, warning: 2, note: 1 };
function collectRules(report) {
    const facts = new Map();
    const see = (m, x, violation) => {
        let f = facts.get(x.rule_name);
        if (!f) {
            f = { name: x.rule_name, level: (0,severity/* levelOf */.In)(x.rule_instance_state), model: m, failed: false };
            facts.set(x.rule_name, f);
        }
        const level = (0,severity/* levelOf */.In)(x.rule_instance_state);
        if (LEVEL_RANK[level] > LEVEL_RANK[f.level])
            f.level = level;
        if (!f.description && x.rule_description?.trim())
            f.description = x.rule_description;
        if ((violation || x.result !== 'PASSED') && !f.failed) {
            f.failed = true;
            f.model = m;
        }
        if (!f.remediation && violation?.remediation)
            f.remediation = violation.remediation;
    };
    for (const m of report.models) {
        for (const e of m.evaluations.items)
            see(m, e);
        for (const v of m.violations.items)
            see(m, v, v);
    }
    for (const m of report.models)
        for (const r of m.rules) {
            const f = facts.get(r.name);
            if (f && !f.catalogue)
                f.catalogue = r;
        }
    return facts;
}
const byCodeUnits = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const sha256 = (text) => (0,external_node_crypto_.createHash)('sha256').update(text, 'utf8').digest('hex');
function slug(name) {
    return name
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+/, '')
        .slice(0, 64)
        .replace(/-+$/, '');
}
/**
 * Stable rule ids: `airs/<slug>` for names made of letters, digits and single spaces (every managed rule),
 * `airs/<slug>-<hash>` for any other name, so an id never depends on which other rules a run has. Names
 * that still collide (differing only in case) all take the hash; a numeric suffix settles the rest.
 */
function ruleIds(names) {
    const hash8 = (n) => sha256(n).slice(0, 8);
    const simple = (n) => /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/.test(n) && n.length <= 64;
    const base = new Map(names.map((n) => [n, simple(n) ? `airs/${slug(n)}` : `airs/${slug(n) || 'rule'}-${hash8(n)}`]));
    const count = new Map();
    for (const id of base.values())
        count.set(id, (count.get(id) ?? 0) + 1);
    const ids = new Map();
    const used = new Set();
    for (const n of [...names].sort(byCodeUnits)) {
        let id = base.get(n);
        if (count.get(id) > 1 && simple(n))
            id = `${id}-${hash8(n)}`;
        const first = id;
        for (let k = 2; used.has(id); k++)
            id = `${first}-${k}`;
        used.add(id);
        ids.set(n, id);
    }
    return ids;
}
const severityText = (n) => n.toFixed(1);
function airsRule(f, ids, options) {
    const name = sarif_text(f.name, SARIF_LIMITS.maxRuleNameChars) || 'Unnamed rule';
    const described = f.description ?? f.catalogue?.description ?? undefined;
    const full = sarif_text(described, SARIF_LIMITS.maxDescriptionChars) || name;
    const rem = f.catalogue?.remediation;
    const steps = (rem?.steps.length ? rem.steps : (f.remediation?.steps ?? []))
        .filter((s) => sarif_text(s, 300))
        .slice(0, MAX_STEPS);
    const url = httpUrl(rem?.url) ?? httpUrl(f.remediation?.url);
    const remedy = sarif_text(rem?.description, 500);
    const none = remedy || steps.length || url
        ? undefined
        : f.failed
            ? 'Prisma AIRS reported no remediation steps for this rule.'
            : 'This rule passed for every model in this run.';
    const plain = [full];
    if (remedy)
        plain.push(remedy);
    if (steps.length)
        plain.push(steps.map((s, i) => `${i + 1}. ${sarif_text(s, 300)}`).join('\n'));
    if (url)
        plain.push(`Remediation guide: ${url}`);
    if (none)
        plain.push(none);
    const markdown = [wellFormed((0,report_escape.md)(described, SARIF_LIMITS.maxDescriptionChars)) || (0,report_escape.md)(name)];
    if (remedy)
        markdown.push(`**Remediation:** ${wellFormed((0,report_escape.md)(rem?.description, 500))}`);
    if (steps.length)
        markdown.push(steps.map((s, i) => `${i + 1}. ${wellFormed((0,report_escape.md)(s, 300))}`).join('\n'));
    if (url)
        markdown.push(`[Remediation guide](${markdownHref(url)})`);
    if (none)
        markdown.push(none);
    markdown.push(`Prisma AIRS Model Security rule ${wellFormed((0,report_escape/* code */.aY)(f.name, 200))}.`);
    const extra = extraHelp(options, f.name, f.model);
    if (extra)
        markdown.push(extra);
    return {
        id: ids.get(f.name),
        name,
        shortDescription: { text: sarif_text(f.name, SARIF_LIMITS.maxDescriptionChars) || name },
        fullDescription: { text: full },
        help: { text: plain.join('\n\n'), markdown: markdown.join('\n\n') },
        ...(url && { helpUri: url }),
        defaultConfiguration: { level: f.level },
        properties: {
            tags: [...RULE_TAGS],
            precision: 'high',
            'security-severity': severityText((0,severity/* securitySeverity */.KW)(f.name))
        }
    };
}
const MAX_STEPS = 10;
const MAX_EXTRA_HELP = 20_000;
function extraHelp(options, ruleName, model) {
    const extra = options.helpMarkdown?.(ruleName, model)?.trim();
    return extra ? wellFormed(extra.slice(0, MAX_EXTRA_HELP)) : undefined;
}
const NOT_VERIFIED = {
    name: 'Model not verified',
    short: 'The gate could not verify the model',
    full: 'Prisma AIRS gave no verdict the gate could trust for this model: the scan ended in ERROR, was still ' +
        'PENDING when the gate stopped waiting, or a request to the service failed. Treat the model as unsafe ' +
        'until a scan verifies it.',
    steps: [
        "Read the result's message and error code, and the gate's log in the workflow run.",
        'Fix the cause (credentials, security group, model URI, network or proxy, timeout) and run the workflow again.',
        'If the scan ended in ERROR, open it in Prisma AIRS Model Security and check its error message.'
    ],
    url: `${sarif_TOOL_URI}#troubleshooting`
};
function notVerifiedRule(report, options) {
    const steps = NOT_VERIFIED.steps.map((s, i) => `${i + 1}. ${s}`).join('\n');
    const markdown = [
        (0,report_escape.md)(NOT_VERIFIED.full, 1000),
        NOT_VERIFIED.steps.map((s, i) => `${i + 1}. ${(0,report_escape.md)(s)}`).join('\n'),
        `[Troubleshooting](${NOT_VERIFIED.url})`
    ];
    const first = report.models.find((m) => m.status === 'error');
    const extra = first && extraHelp(options, NOT_VERIFIED_RULE_ID, first);
    if (extra)
        markdown.push(extra);
    return {
        id: NOT_VERIFIED_RULE_ID,
        name: NOT_VERIFIED.name,
        shortDescription: { text: NOT_VERIFIED.short },
        fullDescription: { text: NOT_VERIFIED.full },
        help: {
            text: [NOT_VERIFIED.full, steps, `Troubleshooting: ${NOT_VERIFIED.url}`].join('\n\n'),
            markdown: markdown.join('\n\n')
        },
        helpUri: NOT_VERIFIED.url,
        defaultConfiguration: { level: 'error' },
        properties: {
            tags: [...RULE_TAGS.slice(0, 2), TOOL_NAME],
            precision: 'high',
            'security-severity': severityText(severity/* NOT_VERIFIED_SEVERITY */.RX)
        }
    };
}
function groupingFor(report) {
    const keys = new Set();
    let others = 0;
    for (const m of report.models) {
        for (const v of m.violations.items)
            keys.add(JSON.stringify([m.index, v.rule_name, v.file ?? '']));
        // a failed rule without violations, and a model not verified, are one result each
        others += m.evaluations.items.filter((e) => e.result === 'FAILED').length + (m.status === 'error' ? 1 : 0);
    }
    return keys.size + others <= SARIF_LIMITS.keptResults ? 'file' : 'model';
}
/** Distinct values, in order of first appearance, at most `max`. */
function distinct(values, max) {
    const out = new Set();
    for (const v of values) {
        if (out.size >= max)
            break;
        if (v)
            out.add(v);
    }
    return [...out];
}
/** Descriptions quoted in one result's message; the rest are counted. */
const MESSAGE_FINDINGS = 5;
/** Identifiers and names listed in one result's properties. */
const PROPERTY_ITEMS = 100;
function modelCandidates(m, locate, grouping) {
    const name = sarif_text((0,model_source/* displayName */.QC)(m.model.source_type, m.model.model_uri), 200) || 'unnamed model';
    const modelUri = m.model.model_uri;
    const formats = new Map();
    for (const f of m.files.items)
        if (f.formats && !formats.has(f.path))
            formats.set(f.path, f.formats);
    const common = {
        model: name,
        model_uri: sarif_text(modelUri, 2000),
        ...(m.model.revision && { revision: sarif_text(m.model.revision, 256) }),
        source_type: sarif_text(m.model.source_type, 32),
        ...(m.scan && { scan_uuid: sarif_text(m.scan.uuid, 64) }),
        status: m.status,
        verdict: m.verdict
    };
    const out = [];
    const add = (key, level, severity, result) => out.push({ order: 0, rank: LEVEL_RANK[level], severity, key, result });
    const groups = new Map();
    for (const v of m.violations.items) {
        const key = JSON.stringify([v.rule_name, grouping === 'file' ? (v.file ?? '') : '']);
        const group = groups.get(key);
        if (group)
            group.push(v);
        else
            groups.set(key, [v]);
    }
    for (const vs of groups.values()) {
        const v = vs[0];
        const level = vs
            .map((x) => (0,severity/* levelOf */.In)(x.rule_instance_state))
            .reduce((a, b) => (LEVEL_RANK[b] > LEVEL_RANK[a] ? b : a));
        const ruleName = sarif_text(v.rule_name, 255) || 'A rule';
        const file = grouping === 'file' ? (v.file ?? undefined) : undefined;
        const fileText = sarif_text(file, 500);
        const files = distinct(vs.map((x) => sarif_text(x.file, 500)), PROPERTY_ITEMS);
        const threats = distinct(vs.map((x) => sarif_text(x.threat, 100)), 20);
        const threatNotes = distinct(vs.map((x) => x.threat
            ? `${sarif_text(x.threat, 100)}${x.threat_description ? ` (${sarif_text(x.threat_description, 500)})` : ''}`
            : sarif_text(x.threat_description, 500)), 10);
        const modules = distinct(vs.map((x) => sarif_text(x.module, 200)), 20);
        const operators = distinct(vs.map((x) => sarif_text(x.operator, 200)), 20);
        const descriptions = vs
            .slice(0, MESSAGE_FINDINGS)
            .map((x) => sarif_text(x.description, 1000))
            .filter(Boolean);
        const more = vs.length - Math.min(vs.length, MESSAGE_FINDINGS);
        const where = fileText ? ` in ${fileText}` : files.length > 1 ? ` in ${files.length} files` : '';
        const parts = [
            sarif_sentence(`${ruleName} failed: ${vs.length} finding${vs.length === 1 ? '' : 's'}${where}`),
            ...descriptions.map((d) => sarif_sentence(d)),
            ...(more > 0 ? [sarif_sentence(`And ${more} more in the gate report`)] : []),
            sarif_sentence(`Model: ${name}`)
        ];
        if (threatNotes.length > 0)
            parts.push(sarif_sentence(`Threat${threatNotes.length === 1 ? '' : 's'}: ${threatNotes.join('; ')}`));
        const fileFormats = file !== undefined ? formats.get(file) : undefined;
        add(v.rule_name, level, (0,severity/* securitySeverity */.KW)(v.rule_name), {
            level,
            message: { text: messageText(parts.join(' ')) },
            locations: [sarif_location(m, name, file, locate)],
            partialFingerprints: {
                // the place, not what is found there: a new finding in the same file is the same alert
                [FINGERPRINT_KEY]: fingerprint([modelUri, v.rule_name, grouping === 'file' ? (file ?? '') : '*'])
            },
            properties: {
                ...common,
                rule: ruleName,
                posture: sarif_text(v.rule_instance_state, 32),
                violation_count: vs.length,
                violation_uuids: vs.slice(0, PROPERTY_ITEMS).map((x) => sarif_text(x.uuid, 64)),
                ...(fileText ? { file: fileText } : files.length > 0 && { files }),
                ...(fileFormats?.length && { formats: fileFormats.slice(0, 20).map((f) => sarif_text(f, 64)) }),
                ...(threats.length > 0 && { threats }),
                ...(modules.length > 0 && { modules }),
                ...(operators.length > 0 && { operators }),
                ...optionalUrl('insights_url', vs.find((x) => x.insights_url)?.insights_url),
                ...optionalUrl('threat_kb_url', vs.find((x) => x.threat_kb_url)?.threat_kb_url)
            }
        });
    }
    // a failed rule whose violations are not in the report still needs an alert
    const violated = new Set(m.violations.items.map((v) => v.rule_name));
    const failedAlone = new Set();
    for (const e of m.evaluations.items) {
        if (e.result !== 'FAILED' || violated.has(e.rule_name) || failedAlone.has(e.rule_name))
            continue;
        failedAlone.add(e.rule_name);
        const level = (0,severity/* levelOf */.In)(e.rule_instance_state);
        const rule = sarif_text(e.rule_name, 255) || 'A rule';
        const count = e.violation_count;
        add(e.rule_name, level, (0,severity/* securitySeverity */.KW)(e.rule_name), {
            level,
            message: {
                text: messageText(`${sarif_sentence(`${rule} failed for model ${name}`)} ` +
                    sarif_sentence(`The service counted ${count} violation${count === 1 ? '' : 's'}, none of which is in the report`))
            },
            locations: [sarif_location(m, name, undefined, locate)],
            partialFingerprints: { [FINGERPRINT_KEY]: fingerprint([modelUri, e.rule_name, '', '', 'rule-failed']) },
            properties: { ...common, rule, posture: sarif_text(e.rule_instance_state, 32), violation_count: count }
        });
    }
    if (m.status === 'error') {
        const level = m.verdict === 'fail' ? 'error' : 'warning';
        const reason = sarif_text(m.reason, 1000);
        const codeName = m.error ? sarif_text(m.error.code, 64) : '';
        add(NOT_VERIFIED_KEY, level, severity/* NOT_VERIFIED_SEVERITY */.RX, {
            level,
            message: {
                text: messageText(`${sarif_sentence(`${name} could not be verified${reason ? `: ${reason}` : ''}`)}` +
                    (codeName ? ` ${sarif_sentence(`Error code: ${codeName}`)}` : ''))
            },
            locations: [sarif_location(m, name, undefined, locate)],
            partialFingerprints: { [FINGERPRINT_KEY]: fingerprint([modelUri, NOT_VERIFIED_RULE_ID]) },
            properties: { ...common, ...(codeName && { error_code: codeName }), reason }
        });
    }
    return out;
}
function sarif_location(m, name, file, locate) {
    const anchor = locate?.(m, file);
    const anchored = anchor && relativePath(anchor.file);
    const line = anchor?.line !== undefined && Number.isSafeInteger(anchor.line) && anchor.line >= 1 ? anchor.line : 1;
    const fileText = sarif_text(file, 500);
    const logicalLocations = [{ name, fullyQualifiedName: name, kind: 'module' }];
    if (fileText)
        logicalLocations.push({ name: fileText, fullyQualifiedName: `${name}/${fileText}`, kind: 'resource' });
    return {
        physicalLocation: {
            artifactLocation: anchored
                ? { uri: anchored, uriBaseId: '%SRCROOT%' }
                : modelLocation(m.model.model_uri),
            region: { startLine: anchored ? line : 1 }
        },
        logicalLocations
    };
}
/** The model itself: an absolute URI as it is (percent-encoded where needed), a path relative to the checkout. */
function modelLocation(modelUri) {
    const absolute = absoluteUri(modelUri) ?? absolutePath(modelUri);
    if (absolute)
        return { uri: absolute };
    return { uri: relativePath(modelUri) || '.', uriBaseId: '%SRCROOT%' };
}
/**
 * A local model outside the checkout (the CLI scans any path) as a file URI: read against %SRCROOT% it would
 * name a file inside the repository that was never scanned.
 */
function absolutePath(modelUri) {
    if (!/^(?:\/|[A-Za-z]:\/)/.test(modelUri))
        return undefined;
    const path = wellFormed(modelUri.slice(0, 4096));
    const drive = /^[A-Za-z]:\//.test(path);
    const segments = path.split('/').map((seg, i) => (drive && i === 0 ? seg : encodeURIComponent(seg)));
    return `file://${drive ? '/' : ''}${segments.join('/')}`;
}
const fingerprint = (parts) => sha256(JSON.stringify(parts));
// ---- assembling, within the limits ----
/** Results in priority order while the uncompressed log stays under the raw budget. */
function withinRawBudget(prioritized, descriptor) {
    let size = 0;
    const counted = new Set();
    for (let i = 0; i < prioritized.length; i++) {
        const c = prioritized[i];
        size += JSON.stringify(c.result).length + 64;
        if (!counted.has(c.key)) {
            counted.add(c.key);
            size += JSON.stringify(descriptor(c.key)).length;
        }
        if (size > SARIF_LIMITS.rawBudgetBytes)
            return prioritized.slice(0, i);
    }
    return prioritized;
}
function assemble({ report, options, facts, ids, descriptor, total }, keep, reason, withUnreferenced) {
    const referenced = new Set(keep.map((c) => c.key));
    const unreferenced = [...facts.keys()].filter((k) => !referenced.has(k));
    const room = Math.max(0, SARIF_LIMITS.maxRules - referenced.size);
    const extra = withUnreferenced ? [...unreferenced].sort(byCodeUnits).slice(0, room) : [];
    const keys = [...[...referenced].filter((k) => k !== NOT_VERIFIED_KEY), ...extra].sort((a, b) => byCodeUnits(ids.get(a), ids.get(b)));
    if (referenced.has(NOT_VERIFIED_KEY))
        keys.push(NOT_VERIFIED_KEY);
    const rules = keys.map(descriptor);
    const index = new Map(keys.map((k, i) => [k, i]));
    const results = [...keep]
        .sort((a, b) => a.order - b.order)
        .map((c) => ({ ruleId: rules[index.get(c.key)].id, ruleIndex: index.get(c.key), ...c.result }));
    const omitted = total - keep.length;
    const omittedRules = unreferenced.length - extra.length;
    const notifications = [];
    if (report.error)
        notifications.push({
            level: 'error',
            message: { text: messageText(sarif_sentence(`${report.error.code}: ${sarif_text(report.error.message, 1000)}`)) },
            descriptor: { id: report.error.code }
        });
    // a model that could not be verified is a run that did not succeed, whatever the others found
    const unverified = report.models.filter((m) => m.status === 'error');
    for (const m of unverified.slice(0, MAX_UNVERIFIED_NOTIFICATIONS))
        notifications.push({
            level: 'error',
            message: {
                text: messageText(sarif_sentence(`${sarif_text(m.model.model_uri, 300)} was not verified (${m.error?.code ?? 'ERROR'}): ${sarif_text(m.error?.message ?? m.reason, 1000)}`))
            },
            descriptor: { id: m.error?.code ?? 'NOT_VERIFIED' }
        });
    if (unverified.length > MAX_UNVERIFIED_NOTIFICATIONS)
        notifications.push({
            level: 'error',
            message: {
                text: `${unverified.length - MAX_UNVERIFIED_NOTIFICATIONS} more models were not verified; the gate report lists them.`
            },
            descriptor: { id: 'NOT_VERIFIED' }
        });
    if (omitted > 0)
        notifications.push({
            level: 'warning',
            message: {
                text: `${omitted} of ${total} results were left out to stay within GitHub code scanning's limits, ` +
                    'the least severe first. The gate report lists every finding.'
            }
        });
    const times = {
        ...(isTimestamp(report.started_at) && { startTimeUtc: report.started_at }),
        ...(isTimestamp(report.finished_at) && { endTimeUtc: report.finished_at })
    };
    const version = sarif_text(report.tool.version, 64) || '0.0.0';
    const category = options.category?.trim().replace(/\/+$/, '');
    return {
        $schema: SARIF_SCHEMA_URI,
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: { name: TOOL_NAME, version, semanticVersion: version, informationUri: sarif_TOOL_URI, rules }
                },
                ...(category && { automationDetails: { id: `${sarif_text(category, 200)}/` } }),
                invocations: [
                    {
                        executionSuccessful: !report.error && unverified.length === 0,
                        ...times,
                        ...(notifications.length && { toolExecutionNotifications: notifications })
                    }
                ],
                results,
                properties: {
                    verdict: report.verdict,
                    truncated: omitted > 0,
                    total_results: total,
                    omitted,
                    ...(omitted > 0 && { truncation_reason: reason ?? 'size' }),
                    ...(omittedRules > 0 && { omitted_rules: omittedRules })
                }
            }
        ]
    };
}
// ---- text and URIs ----
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const wellFormed = (s) => s.replace(LONE_SURROGATE, '\uFFFD');
/** One line of plain text: no control or bidi characters, bounded, no broken surrogate pairs. */
function sarif_text(s, max) {
    return wellFormed((0,util_text/* plainText */.wh)(s, max));
}
function sarif_sentence(s) {
    return /[.!?…]$/.test(s) ? s : `${s}.`;
}
/** A result message: square brackets and backslashes escaped so no SARIF embedded link can be formed. */
function messageText(s) {
    const escaped = s.replace(/[\\[\]]/g, '\\$&');
    if (escaped.length <= SARIF_LIMITS.maxMessageChars)
        return escaped;
    const cut = wellFormed(escaped.slice(0, SARIF_LIMITS.maxMessageChars - 1));
    // an odd run of backslashes at the end would escape the ellipsis
    const trailing = /\\*$/.exec(cut)[0].length;
    return `${trailing % 2 ? cut.slice(0, -1) : cut}…`;
}
function isTimestamp(s) {
    return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/.test(s) && !Number.isNaN(Date.parse(s));
}
/** An http(s) URL as its normalised, fully percent-encoded form; undefined for anything else. */
function httpUrl(s) {
    if (!s || s.length > 2048)
        return undefined;
    let url;
    try {
        url = new URL(wellFormed(s.trim()));
    }
    catch {
        return undefined;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        return undefined;
    return encodeUriChars(url.href);
}
function optionalUrl(key, s) {
    const url = httpUrl(s);
    return url ? { [key]: url } : {};
}
/**
 * Inside a Markdown link destination: nothing that could end it early, and no colon after the authority, so
 * no scheme-like text (`javascript:`) appears even inside a path.
 */
function markdownHref(url) {
    const authority = /^[a-z]+:\/\/[^/?#]*/i.exec(url)?.[0] ?? '';
    return authority + url.slice(authority.length).replace(/[():<> ]/g, (c) => percent(c));
}
const percent = (c) => [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
/** Percent-encodes what RFC 3986 does not allow, keeps valid escapes and the first '#'. */
function encodeUriChars(s) {
    let fragment = false;
    return wellFormed(s).replace(/%[0-9A-Fa-f]{2}|[\s\S]/gu, (c) => {
        if (c.length === 3 && c.startsWith('%'))
            return c;
        if (/^[A-Za-z0-9\-._~:/?@!$&'()*+,;=]$/.test(c))
            return c;
        if (c === '#' && !fragment) {
            fragment = true;
            return c;
        }
        return percent(c);
    });
}
/** `scheme://…` as a valid absolute URI, or undefined (also for what the URL parser refuses). */
function absoluteUri(s) {
    if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(s) || s.length > 4096)
        return undefined;
    try {
        return encodeUriChars(new URL(wellFormed(s)).href);
    }
    catch {
        return undefined;
    }
}
/** A repository-relative path as a relative URI reference: every segment percent-encoded. */
function relativePath(file) {
    const path = wellFormed(file.slice(0, 4096))
        .replace(/^(?:\.\/)+/, '')
        .replace(/^\/+/, '');
    return path === '' ? '' : path.split('/').map(encodeURIComponent).join('/');
}

;// CONCATENATED MODULE: ./src/report/summary.ts

/**
 * The job summary. GitHub refuses a step summary over 1 MiB (measured in bytes) and then shows nothing at
 * all, so the richest rendering under the limit is chosen; past it the summary is the complete short form
 * with a pointer to the JSON report.
 */
const SUMMARY_LIMIT_BYTES = 1024 * 1024;
/** room for what the runner or another step might add */
const MARGIN_BYTES = 8 * 1024;
const LEVELS = [
    {
        evaluations: true,
        violationsPerRule: 20_000,
        guidance: 'full',
        files: 'all',
        filesMax: 20_000,
        labels: true,
        sections: 'all'
    },
    {
        evaluations: true,
        violationsPerRule: 200,
        guidance: 'full',
        files: 'all',
        filesMax: 1000,
        labels: true,
        sections: 'all'
    },
    {
        evaluations: true,
        violationsPerRule: 20,
        guidance: 'full',
        files: 'problems',
        filesMax: 100,
        labels: true,
        sections: 'all'
    },
    {
        evaluations: true,
        violationsPerRule: 5,
        guidance: 'brief',
        files: 'none',
        filesMax: 0,
        labels: false,
        sections: 'all'
    }
];
function renderSummary(view, ctx = {}, limitBytes = SUMMARY_LIMIT_BYTES) {
    const budget = limitBytes - MARGIN_BYTES;
    return fitMarkdown(view, LEVELS, ctx, (text) => Buffer.byteLength(text, 'utf8') <= budget, 'The full summary is larger than GitHub’s 1 MiB limit for a job summary; every finding is in the JSON report.');
}

// EXTERNAL MODULE: ./src/util/confine.ts
var confine = __webpack_require__(9576);
;// CONCATENATED MODULE: ./src/publish.ts









/** The names the report and the SARIF log have inside the artifact (the default file names). */
const ARTIFACT_FILES = {
    // what merge-reports finds in the legs' downloaded artifacts (gate/shard.ts, LEG_REPORT_FILE)
    report: 'report.json',
    sarif: 'results.sarif',
    sbom: 'ml-bom.cdx.json',
    predicate: 'attestation-predicate.json',
    statement: 'attestation.intoto.json',
    checksums: 'attestation-checksums.txt'
};
async function publish(view, publishing, ctx, to) {
    const stage = async (name, f) => {
        try {
            await f();
        }
        catch (e) {
            to.logger.warning(`The ${name} could not be written: ${e instanceof Error ? e.message : String(e)}`);
        }
    };
    const entries = [];
    /** writes `data()` (JSON, or text as it is); nothing when it gives undefined or an empty text */
    const write = async (file, what, name, data) => {
        if (!file)
            return undefined;
        try {
            const value = data();
            if (value === undefined || value === '')
                return undefined;
            const text = typeof value === 'string' ? value : `${JSON.stringify(value, null, 2)}\n`;
            await (0,confine/* writeConfined */.ic)(file, text, ctx.env);
            entries.push({ name, text });
            return file;
        }
        catch (e) {
            to.logger.warning(`The ${what} could not be written to ${file}: ${e instanceof Error ? e.message : String(e)}`);
            return undefined;
        }
    };
    const report = await write(publishing.reportFile, 'JSON report', ARTIFACT_FILES.report, () => view.report);
    const sarif = await write(publishing.sarifFile, 'SARIF log', ARTIFACT_FILES.sarif, () => renderSarif(view, { locate: ctx.locate, category: ctx.sarifCategory, helpMarkdown: sarifHelp }));
    const sbom = await write(publishing.sbomFile, 'ML-BOM', ARTIFACT_FILES.sbom, () => mlBomJson(view.report));
    // the predicate always; the statement and the checksums only when a model is a subject (a file digest or
    // a Hugging Face commit), so an empty file never reaches actions/attest
    const { attestation = {} } = publishing;
    const predicate = await write(attestation.predicate, 'attestation predicate', ARTIFACT_FILES.predicate, () => attestationPredicate(view.report));
    const statement = await write(attestation.statement, 'in-toto statement', ARTIFACT_FILES.statement, () => attestationStatement(view.report));
    const checksums = await write(attestation.checksums, 'subject checksums', ARTIFACT_FILES.checksums, () => subjectChecksums(view.report));
    let artifact;
    if (to.upload && entries.length > 0) {
        try {
            artifact = await to.upload(entries);
        }
        catch (e) {
            to.logger.warning(`The report was not uploaded as an artifact: ${e instanceof Error ? e.message : String(e)}`);
        }
    }
    const files = {
        ...(report && { report }),
        ...(sarif && { sarif }),
        ...(sbom && { sbom }),
        ...(predicate && { predicate }),
        ...(statement && { statement }),
        ...(checksums && { checksums }),
        ...(artifact && { artifact })
    };
    // outputs are what later steps script against: failing to set them fails the step (not a courtesy)
    to.outputs?.(gateOutputs(view, files));
    await stage('log', () => to.log(view, files));
    const { reporting } = publishing;
    const { annotate, summary, comment } = to;
    if (reporting.annotations && annotate)
        await stage('annotations', () => annotate(annotationsFor(view.models, ctx.locate)));
    if (reporting.jobSummary && summary)
        await stage('job summary', () => summary(renderSummary(view, {
            ...(report && { reportFile: report }),
            ...(artifact && { artifactUrl: artifact.url }),
            ...(reporting.consoleUrl && { consoleUrl: reporting.consoleUrl })
        })));
    // a shard's leg sees part of the models: the merge job comments and keeps the issue, for all of them
    if (view.report.shard) {
        if (comment || to.issue)
            to.logger.info(`Shard ${view.report.shard.index}/${view.report.shard.count}: no pull-request comment or tracking issue from a leg; the merge-reports step writes them for every model.`);
        return files;
    }
    if (comment)
        await stage('pull-request comment', () => comment(view, files));
    if (to.issue) {
        const { issue } = to;
        await stage('tracking issue', () => issue(view, files));
    }
    return files;
}
/** One code-scanning category per job and comment tag, so matrix legs do not replace each other's results. */
function sarifCategory(env, commentTag) {
    return (0,util_text/* jobScopedName */.fS)(env.GITHUB_JOB, commentTag, '/');
}


/***/ }),

/***/ 4031:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aY: () => (/* binding */ code),
/* harmony export */   js: () => (/* binding */ htmlText),
/* harmony export */   md: () => (/* binding */ md),
/* harmony export */   nf: () => (/* binding */ link),
/* harmony export */   wh: () => (/* reexport safe */ _util_text_js__WEBPACK_IMPORTED_MODULE_0__.wh)
/* harmony export */ });
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9997);


/**
 * Text from the API or from a model repository (file names, descriptions, group names) may be written by an
 * attacker. Before it goes into Markdown it loses control characters, HTML, Markdown syntax, @mentions and
 * autolinks, and is cut to a bounded length.
 */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&"':$]/g;
// `$` starts math in GitHub's Markdown; an entity is shown as the character and never parsed as math
const ENTITY = {
    '<': '&lt;',
    '>': '&gt;',
    '&': '&amp;',
    '"': '&quot;',
    "'": '&#39;',
    $: '&#36;'
};
/** Safe inside Markdown paragraphs and table cells: renders as the literal text, links and mentions inert. */
function md(text, max = 500) {
    return ((0,_util_text_js__WEBPACK_IMPORTED_MODULE_0__/* .plainText */ .wh)(text, max)
        .replace(MARKDOWN_SPECIAL, (c) => ENTITY[c] ?? `\\${c}`)
        // @team would notify people: GitHub finds mentions in the rendered text, so an entity is not enough;
        // a zero-width space after the @ breaks the mention and renders the same
        .replace(/@/g, '@&#8203;')
        // bare URLs autolink: break the scheme so nothing is clickable
        .replace(/\b(https?|ftp|file|javascript|data|vbscript)(\\:)/gi, '$1&#58;')
        .replace(/\bwww\\\./gi, 'www&#46;')
        // #42, org/repo#42 and GH-42 link issues (and notify them) after rendering: break them like mentions
        .replace(/\\#(?=\d)/g, '\\#&#8203;')
        .replace(/\bGH\\-(?=\d)/gi, (m) => `${m}&#8203;`));
}
/** Inline code span that cannot be broken out of. */
function code(text, max = 200) {
    const t = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_0__/* .plainText */ .wh)(text, max)
        // issue references, before any numeric entity is written (a literal zero-width space: plainText removed
        // any the text had, so these are ours)
        .replace(/#(?=\d)/g, '#\u200b')
        .replace(/\bGH-(?=\d)/gi, (m) => `${m}\u200b`)
        .replace(/`/g, 'ˋ')
        .replace(/[<>&|]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '|': '&#124;' })[c])
        // the element's content is still parsed as Markdown: keep links, images and autolinks inert
        .replace(/[\\[\]*_~]/g, '\\$&')
        .replace(/:/g, '&#58;')
        .replace(/\$/g, '&#36;')
        .replace(/www\./gi, 'www&#46;');
    return `<code>${t.replace(/@/g, '@&#8203;')}</code>`;
}
/**
 * A link whose target came from the service (documentation, threat intelligence): only https URLs, with every
 * character that could end the link destination or start HTML percent-encoded; anything else is shown as
 * inert text.
 */
function link(label, url) {
    let u;
    try {
        u = new URL(url ?? '');
    }
    catch {
        return md(label, 200);
    }
    if (u.protocol !== 'https:' || u.href.length > 2048)
        return md(label, 200);
    u.username = '';
    u.password = '';
    const href = u.href.replace(/[\s"'()<>[\]\\`|*_~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
    return `[${md(label, 200)}](${href})`;
}
/**
 * Text inside raw HTML (a `<summary>`): GitHub does not read Markdown there, so backslash escapes would show;
 * entities instead, with mentions, issue references and autolinks broken as md() breaks them.
 */
function htmlText(text, max = 200) {
    return (0,_util_text_js__WEBPACK_IMPORTED_MODULE_0__/* .plainText */ .wh)(text, max)
        .replace(/[<>&"']/g, (c) => ENTITY[c])
        .replace(/@/g, '@&#8203;')
        .replace(/#(?=\d)/g, '#&#8203;')
        .replace(/:/g, '&#58;');
}


/***/ }),

/***/ 4174:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ guidanceFor)
/* harmony export */ });
const RULES = {
    format: 'Stored In Approved File Format',
    loadTime: 'Load Time Code Execution Check',
    runtime: 'Runtime Code Execution Check',
    operators: 'Known Framework Operators Check',
    suspicious: 'Suspicious Model Components Check',
    backdoor: 'Model Architecture Backdoor Check',
    licenseExists: 'License Exists',
    licenseValid: 'License Is Valid For Use',
    location: 'Stored In Approved Location',
    modelBlocked: 'Model Is Blocked',
    orgBlocked: 'Organization Is Blocked',
    orgVerified: 'Organization Verified By Hugging Face'
};
const CODE_EXECUTION = new Set([
    RULES.loadTime,
    RULES.runtime,
    RULES.operators,
    RULES.suspicious,
    RULES.backdoor
]);
const MEANING = {
    [RULES.loadTime]: 'Loading this model runs code embedded in it (for example a pickle that calls os.system while it is ' +
        'deserialized). Whoever controls the file gets the privileges of the process that loads it: its ' +
        'credentials, data and network access.',
    [RULES.runtime]: 'Running this model executes code it carries (for example a Keras Lambda layer or a TensorFlow op that ' +
        'reads files or opens network connections). Inference becomes code execution, with access to the data ' +
        'and credentials of the serving process.',
    [RULES.operators]: 'The model uses operators outside the framework’s known-safe set. Custom operators are native code: ' +
        'they can read files, open connections or run commands when the graph runs.',
    [RULES.suspicious]: 'The model carries components a model does not need and that can hide behaviour: custom code loaded ' +
        'with trust_remote_code, bundled executables or scripts, templates that run code.',
    [RULES.backdoor]: 'The architecture contains a trigger: on crafted inputs the model produces attacker-chosen outputs ' +
        'while behaving normally otherwise. Fine-tuning does not reliably remove it.'
};
const APPROVED_FILE_PATTERNS = {
    safetensors: ['.safetensors'],
    safetensors_index: ['.safetensors.index.json'],
    onnx: ['.onnx'],
    gguf: ['.gguf']
};
/** Guidance for one rule evaluation that did not pass. */
function guidanceFor(m, evaluation, violations) {
    const rule = evaluation.rule_name;
    const catalogue = m.rules.find((r) => r.name === rule)?.remediation;
    const steps = unique([
        ...(catalogue?.steps ?? []),
        ...violations.flatMap((v) => v.remediation?.steps ?? [])
    ]);
    const links = uniqueLinks([
        ...httpsLink('Rule documentation', catalogue?.url),
        ...violations.flatMap((v) => httpsLink('Remediation', v.remediation?.url)),
        ...violations.flatMap((v) => httpsLink(`Threat intelligence${v.threat ? `: ${v.threat}` : ''}`, v.insights_url)),
        ...violations.flatMap((v) => httpsLink(`Knowledge base${v.threat ? `: ${v.threat}` : ''}`, v.threat_kb_url))
    ]);
    return {
        rule,
        posture: evaluation.rule_instance_state,
        result: evaluation.result,
        summary: catalogue?.description ?? null,
        steps,
        links,
        tailored: evaluation.result === 'ERROR'
            ? { kind: 'rule-error' }
            : tailored(m, rule, evaluation.rule_instance_uuid, violations)
    };
}
function tailored(m, rule, instanceUuid, violations) {
    const field = (key) => fieldValues(m, rule, instanceUuid, key);
    switch (rule) {
        case RULES.format:
            return formatGuidance(m, violations, field('approved_formats'));
        case RULES.loadTime:
        case RULES.runtime:
        case RULES.operators:
        case RULES.suspicious:
        case RULES.backdoor:
            return codeExecution(m, rule);
        case RULES.licenseExists:
            return {
                kind: 'license',
                approved: fieldValues(m, RULES.licenseValid, null, 'approved_licenses'),
                missing: true
            };
        case RULES.licenseValid:
            return { kind: 'license', approved: field('approved_licenses'), missing: false };
        case RULES.location:
            return { kind: 'location', approved: field('approved_locations') };
        case RULES.modelBlocked:
            return { kind: 'denied', what: 'model' };
        case RULES.orgBlocked:
            return { kind: 'denied', what: 'organization' };
        case RULES.orgVerified:
            return { kind: 'unverified-publisher' };
        default:
            return { kind: 'none' };
    }
}
/**
 * A list setting of the rule as configured in the group when the scan ran (the policy snapshot), else the
 * rule's default from the catalogue; null when neither is known.
 */
function fieldValues(m, rule, instanceUuid, key) {
    const instances = m.policy?.rule_instances ?? [];
    const instance = instances.find((i) => i.uuid === instanceUuid) ??
        instances.find((i) => i.rule?.name === rule || i.custom_rule?.name === rule);
    const configured = strings(instance?.field_values?.[key]);
    if (configured)
        return configured;
    const catalogue = m.rules.find((r) => r.name === rule) ?? instance?.rule;
    return strings(catalogue?.default_values?.[key]);
}
function strings(v) {
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null;
}
const UNAPPROVED = /unapproved format:\s*(.+?)\s*$/i;
function formatGuidance(m, violations, approved) {
    const byPath = new Map(m.files.items.map((f) => [f.path, f]));
    const files = new Map();
    for (const v of violations) {
        const path = v.file ?? '';
        const set = files.get(path) ?? new Set();
        const named = UNAPPROVED.exec(v.description)?.[1];
        if (named)
            set.add(named);
        for (const f of byPath.get(path)?.formats ?? [])
            if (!approved || !approved.includes(f))
                set.add(f);
        files.set(path, set);
    }
    const found = unique([...files.values()].flatMap((s) => [...s]));
    // any failed code-execution rule withholds every conversion: the files are one model, loaded together
    const runsCode = m.evaluations.items.some((e) => CODE_EXECUTION.has(e.rule_name) && e.result !== 'PASSED') ||
        m.violations.items.some((v) => CODE_EXECUTION.has(v.rule_name));
    const unsafeToConvert = unique(m.violations.items.filter((v) => CODE_EXECUTION.has(v.rule_name) && v.file).map((v) => v.file));
    const failing = [...files.keys()].filter(Boolean);
    const approvedSiblings = m.files.items
        .filter((f) => f.type !== 'DIRECTORY' && f.result === 'SUCCESS' && !files.has(f.path))
        .filter((f) => weightsIn(f.path, f.formats ?? [], approved))
        .map((f) => f.path);
    return {
        kind: 'format',
        found,
        approved,
        files: [...files].filter(([p]) => p).map(([path, s]) => ({ path, formats: [...s] })),
        approvedSiblings,
        runsCode,
        unsafeToConvert,
        examples: runsCode ? [] : conversions(m, found, failing, approved)
    };
}
/** A weights file in an approved format (not a config or tokenizer file, which are approved but not weights). */
function weightsIn(path, formats, approved) {
    const candidates = Object.keys(APPROVED_FILE_PATTERNS).filter((f) => !approved || approved.includes(f));
    return candidates.some((f) => formats.includes(f) || APPROVED_FILE_PATTERNS[f].some((ext) => path.toLowerCase().endsWith(ext)));
}
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,200}$/;
const SAFE_FILE = /^[A-Za-z0-9_][A-Za-z0-9._/-]{0,200}$/;
function conversions(m, found, failing, approved) {
    const toSafetensors = !approved || approved.includes('safetensors');
    const hf = m.model.source_type === 'HUGGING_FACE';
    const repo = hf && SAFE_ID.test(m.model.model_uri.replace(/^https:\/\/huggingface\.co\//, ''));
    const id = repo ? m.model.model_uri.replace(/^https:\/\/huggingface\.co\//, '') : '<org>/<model>';
    const file = (re, fallback) => failing.find((p) => re.test(p) && SAFE_FILE.test(p)) ?? fallback;
    const out = [];
    const pickle = found.some((f) => /pickle|pytorch|^torch$|joblib|dill/.test(f));
    const keras = found.some((f) => /keras|^tensorflow$|h5/.test(f));
    if (toSafetensors && pickle) {
        out.push({
            title: 'PyTorch pickle checkpoint → safetensors',
            language: 'python',
            code: [
                'import torch',
                'from safetensors.torch import save_file',
                '',
                '# weights_only=True refuses to run pickled code (torch >= 2.6; older versions could be bypassed,',
                '# CVE-2025-32434); convert only a checkpoint that passed the code-execution checks',
                `state_dict = torch.load("${file(/\.(bin|pt|pth|ckpt|pkl)$/i, 'pytorch_model.bin')}", map_location="cpu", weights_only=True)`,
                '# clone: tied weights share memory, which safetensors refuses',
                'save_file({k: v.detach().clone().contiguous() for k, v in state_dict.items()}, "model.safetensors")'
            ].join('\n')
        });
    }
    if (toSafetensors && hf && (pickle || keras)) {
        // the revision that was scanned, or the branch the scan followed: what is converted is what was checked
        const revision = m.model.revision && SAFE_ID.test(m.model.revision) ? m.model.revision : 'main';
        out.push({
            title: 'Hugging Face Transformers model → safetensors',
            language: 'python',
            code: [
                'import transformers',
                '',
                `repo = "${id}"`,
                `revision = "${revision}"  # convert what was scanned${m.model.revision ? '' : '; pin its commit SHA to be sure'}`,
                '# the class named in config.json keeps every head of the model',
                'config = transformers.AutoConfig.from_pretrained(repo, revision=revision)',
                'model_class = getattr(transformers, config.architectures[0])',
                `model = model_class.from_pretrained(repo, revision=revision${keras && !pickle ? ', from_tf=True' : ''})`,
                'model.save_pretrained("converted", safe_serialization=True)  # writes model.safetensors'
            ].join('\n')
        });
    }
    const kerasFile = failing.find((p) => /\.keras$/i.test(p) && SAFE_FILE.test(p));
    if (toSafetensors && kerasFile) {
        out.push({
            title: 'Keras model (.keras) → safetensors',
            language: 'python',
            code: [
                'import keras',
                'from safetensors.numpy import save_file',
                '',
                '# safe_mode=True refuses Lambda layers that carry Python bytecode',
                `model = keras.saving.load_model("${kerasFile}", safe_mode=True)`,
                'save_file({w.path: keras.ops.convert_to_numpy(w) for w in model.weights}, "model.safetensors")'
            ].join('\n')
        });
    }
    return out;
}
function codeExecution(m, rule) {
    const internal = m.model.source_type !== 'HUGGING_FACE';
    const steps = [
        'Do not load, convert or deploy this model, not even on a developer machine.',
        'Investigate each finding: which file, which module and operator, and when and by whom that file changed.',
        ...(internal
            ? [
                'Quarantine the artifact: remove it from the registry or bucket and block its promotion.',
                'Audit the pipeline that produced it: training code, dependencies, base model and everyone with write access to the artifact store.',
                'Rotate credentials available to any machine or job that already loaded it.',
                'Open an incident with your security team and include the scan UUID.'
            ]
            : [
                'Pin a revision that passed an earlier scan, or choose another model.',
                'Tell your security team and, where appropriate, report the model to the publisher or the hub.'
            ])
    ];
    return {
        kind: 'code-execution',
        meaning: MEANING[rule] ?? '',
        internal,
        steps
    };
}
function httpsLink(label, url) {
    if (!url)
        return [];
    try {
        const u = new URL(url);
        return u.protocol === 'https:' && url.length <= 2048 ? [{ label, url: u.href }] : [];
    }
    catch {
        return [];
    }
}
function uniqueLinks(links) {
    const seen = new Set();
    return links.filter((l) => !seen.has(l.url) && seen.add(l.url));
}
function unique(items) {
    return [...new Set(items.map((s) => s.trim()).filter(Boolean))];
}


/***/ }),

/***/ 5780:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   XL: () => (/* binding */ UNVERIFIED_STEP),
/* harmony export */   sk: () => (/* binding */ nextStep)
/* harmony export */ });
/* unused harmony export NEXT_STEP */
/**
 * What to do when a model could not be verified, per error code: the "What to do" column of
 * docs/troubleshooting.md (a test keeps the two the same), shown next to the error so nobody has to look it up.
 */
/** What to do about a file that could not be verified (the model's next step, and the list's advice). */
const UNVERIFIED_STEP = 'Each file under “Could not verify” says why. Check it is a file you expect; re-save it in a format the scanner reads in full (safetensors for weights), or scan it with the AIRS service. Do not load it until then.';
const NEXT_STEP = {
    INVALID_INPUT: 'Fix the named input.',
    SCANNER_SETUP: 'Follow the message: add `actions/setup-python` (3.12), fix `scanner-version`, or check that the account may download the client.',
    SCANNER_FAILED: "Read the quoted error; for object storage check the cloud credentials and the URI. `ACTIONS_STEP_DEBUG` shows the client's output.",
    UNSUPPORTED_SOURCE: 'Use the action or the CLI, which both scan local and object-storage models.',
    AUTH_FAILED: 'Check the three credentials belong together and the service account has AI Model Security permissions.',
    SECURITY_GROUP: "Use the exact name (case-sensitive) or the UUID of a group for the model's source, or leave `security-group` empty.",
    SERVICE_ERROR: 'The message names the endpoint, the status and the request ID for support.',
    NETWORK_ERROR: 'Behind a proxy set `HTTPS_PROXY` / `NO_PROXY`; behind TLS inspection set `NODE_EXTRA_CA_CERTS`.',
    CONTRACT_VIOLATION: 'Report it with the message; the endpoint and field are named.',
    SCAN_ERROR: "Read the scan's `error_code` in the message. Over 1,000 files: scan only the files you deploy with `allow-patterns`, and deploy only those (a file left out is not verified).",
    UNREADABLE_FILES: UNVERIFIED_STEP,
    RULE_ERROR: 'Re-run; if it persists, report the scan UUID.',
    TIMEOUT: 'Raise `timeout`; follow the scan UUID in Strata Cloud Manager.',
    REVISION_UNRESOLVED: 'Check the name and the revision; a gated or private model needs `HF_TOKEN`; a mirror is `HF_ENDPOINT`. Or pin `@<commit>` yourself.',
    NOTHING_TO_VERIFY: 'Check the path and the allow/ignore patterns; fetch the model into the path before this step.',
    UNKNOWN_OUTCOME: 'Update the action.',
    INCONSISTENT_RESULT: 'Report the scan UUID; the gate does not trust the outcome. A group with every rule disabled verifies nothing: enable its rules.',
    STALE_SCAN: 'Scan the model again: `rescan-stale: true` re-scans Hugging Face models from the inventory; list others in model-uri or models-file.',
    INCOMPLETE_MERGE: "Give merge-reports every shard's report (each leg uploads its own artifact; download them all), from legs of one run with the same `shard` count and models.",
    INTERNAL_ERROR: 'Please open an issue with the log.'
};
function nextStep(code) {
    return code !== undefined && Object.hasOwn(NEXT_STEP, code) ? NEXT_STEP[code] : undefined;
}


/***/ })

};

//# sourceMappingURL=919.index.js.map