export const id = 522;
export const ids = [522];
export const modules = {

/***/ 21522:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MAX_MANIFEST_MODELS: () => (/* binding */ MAX_MANIFEST_MODELS),
/* harmony export */   ManifestModelSchema: () => (/* binding */ ManifestModelSchema),
/* harmony export */   ManifestSchema: () => (/* binding */ ManifestSchema),
/* harmony export */   manifestJsonSchema: () => (/* binding */ manifestJsonSchema),
/* harmony export */   parseManifest: () => (/* binding */ parseManifest)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38815);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(26921);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(98439);
/* harmony import */ var _airs_schemas_spec_values_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77206);
/* harmony import */ var _util_gate_error_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7938);
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(49997);
/* harmony import */ var _group_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(67328);
/* harmony import */ var _model_source_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(97646);







/**
 * `models-file`: a manifest of models (YAML, or JSON, which is YAML), each with optional settings of its own
 * that take the place of the step's inputs for that model. Checked whole before any request, every problem
 * reported as one line naming the file, the line and the field (docs/models-file.md, its JSON schema in
 * docs/models-file.schema.json).
 *
 *   models:
 *     - uri: https://huggingface.co/org/model@v1
 *       security-group: Production HF models
 *       labels: { team: nlp }
 *       mode: warn
 *       owner: "@org/nlp"
 */
const INPUT = 'models-file';
/** More models than one step should gate; past it, shard the manifest (issue's `shard`) or split it. */
const MAX_MANIFEST_MODELS = 5000;
/** The same bound as policy files and requirement files that inputs name. */
const MAX_ALIASES = 100;
/** Text a manifest hands to messages, the service and reports: one line, nothing invisible (PRINTABLE). */
const printable = (what) => zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().regex(_util_text_js__WEBPACK_IMPORTED_MODULE_6__/* .PRINTABLE */ .El, `${what} may not hold control, line-break or invisible characters`);
const Patterns = zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(printable('a pattern').trim().min(1).max(256)).max(100);
/** A GitHub user or team, as a mention is written. */
const OWNER = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9._-]{1,100})?$/;
const ManifestModelSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej({
    uri: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().min(1).describe('a model URI or a path inside the workspace, as model-uri takes it'),
    'security-group': printable('a group')
        .trim()
        .min(1)
        .max(255)
        .optional()
        .describe("this model's security group, UUID or exact name (instead of the security-group input)"),
    labels: zod__WEBPACK_IMPORTED_MODULE_5__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP({ error: 'a label value is text: quote it ("1", "true")' }))
        .optional()
        .describe('labels of this model, added to the labels input (a key given in both takes this value)'),
    mode: zod__WEBPACK_IMPORTED_MODULE_5__/* ["enum"] */ .k5n(['enforce', 'warn']).optional().describe("this model's mode (instead of the mode input)"),
    'allow-patterns': Patterns.optional().describe('files to scan only (instead of the allow-patterns input)'),
    'ignore-patterns': Patterns.optional().describe('files to skip (instead of the ignore-patterns input)'),
    owner: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP()
        .regex(OWNER, 'an owner is a GitHub @user or @org/team')
        .optional()
        .describe('who answers for this model (a GitHub @user or @org/team), recorded in the JSON report'),
    mention: zod__WEBPACK_IMPORTED_MODULE_5__/* .boolean */ .zMY()
        .optional()
        .describe('true: the tracking issue (the issue input) mentions the owner when this model does not pass; default false')
})
    .describe('one model and its own settings');
const ManifestSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej({
    version: zod__WEBPACK_IMPORTED_MODULE_5__/* .literal */ .euz(1).optional().describe('the manifest format: 1'),
    models: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(ManifestModelSchema).min(1).max(MAX_MANIFEST_MODELS)
})
    .describe('airs-model-gate models-file: the models a step gates, each with optional settings of its own');
/** docs/models-file.schema.json: the manifest's JSON schema, for editors and CI linters (kept current by a test). */
function manifestJsonSchema() {
    const generated = zod__WEBPACK_IMPORTED_MODULE_7__/* .toJSONSchema */ .bl(ManifestSchema, { io: 'input', target: 'draft-2020-12' });
    const { $schema, ...rest } = generated;
    return {
        $schema,
        $id: 'https://github.com/airs-model-gate/airs-model-gate/models-file.schema.json',
        title: 'airs-model-gate models-file',
        ...rest
    };
}
/** The manifest's models, checked; throws one INVALID_INPUT line at the first problem. */
function parseManifest(text, file, opts) {
    const lineCounter = new yaml__WEBPACK_IMPORTED_MODULE_0__.LineCounter();
    const doc = yaml__WEBPACK_IMPORTED_MODULE_0__.parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const where = (offset) => offset === undefined ? file : `${file} line ${lineCounter.linePos(offset).line}`;
    // YAML 1.1 (a `%YAML 1.1` line) reads `yes`, `<<` merges and sexagesimals differently: only 1.2 is read
    if (doc.directives?.yaml.explicit && doc.directives.yaml.version !== '1.2')
        throw (0,_util_gate_error_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(INPUT, `${file}: only YAML 1.2 is read; remove the %YAML directive.`);
    // an unknown tag (`!!js/function`, `!foo`) is a warning to the parser and an error here
    const firstError = doc.errors[0] ?? doc.warnings[0];
    if (firstError) {
        throw (0,_util_gate_error_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(INPUT, `${where(firstError.pos[0])}: ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_6__/* .plainText */ .wh)(firstError.message.split('\n')[0], 200)}.`);
    }
    let raw;
    try {
        raw = doc.toJS({ maxAliasCount: MAX_ALIASES });
    }
    catch (e) {
        throw (0,_util_gate_error_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(INPUT, `${file}: ${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_6__/* .plainText */ .wh)(e.message, 200)}.`);
    }
    const parsed = ManifestSchema.safeParse(raw);
    if (!parsed.success) {
        // a misspelt field explains a missing one: it goes first
        const issue = parsed.error.issues.find((i) => i.code === 'unrecognized_keys') ?? parsed.error.issues[0];
        const at = issue.code === 'unrecognized_keys'
            ? keyAt(nodeAt(doc.contents, issue.path) ?? doc.contents, issue.keys[0])
            : nodeAt(doc.contents, issue.path);
        const field = issue.path.length > 0 ? `${fieldName(issue.path)}: ` : '';
        throw (0,_util_gate_error_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(INPUT, `${where(at?.range?.[0])}: ${field}${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_6__/* .plainText */ .wh)(describe(issue), 200)}`);
    }
    const seen = new Map();
    return parsed.data.models.map((entry, i) => {
        const fail = (field, problem) => {
            const at = nodeAt(doc.contents, ['models', i, field]) ?? nodeAt(doc.contents, ['models', i]);
            throw (0,_util_gate_error_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(INPUT, `${where(at?.range?.[0])}: models[${i}].${field}: ${problem}`);
        };
        let source;
        try {
            source = (0,_model_source_js__WEBPACK_IMPORTED_MODULE_4__/* .parseModelUri */ .hY)(entry.uri, { ...opts, inputName: INPUT });
        }
        catch (e) {
            if (!(e instanceof _util_gate_error_js__WEBPACK_IMPORTED_MODULE_2__/* .GateError */ .ue))
                throw e;
            return fail('uri', e.message.replace(/^Invalid input [^:]+: /, ''));
        }
        const key = `${source.modelUri}@${source.revision ?? ''}`;
        const first = seen.get(key);
        if (first !== undefined)
            fail('uri', `repeats models[${first}]; list each model once.`);
        seen.set(key, i);
        const group = entry['security-group'];
        if (group && _group_js__WEBPACK_IMPORTED_MODULE_3__/* .LOOKS_LIKE_UUID */ .Ti.test(group) && !_airs_schemas_spec_values_js__WEBPACK_IMPORTED_MODULE_1__/* .UUID_PATTERN */ .JJ.test(group))
            fail('security-group', 'looks like a UUID but is not one (8-4-4-4-12 hexadecimal digits); copy it again.');
        const labels = entry.labels && labelsOf(entry.labels, (problem) => fail('labels', problem));
        const both = entry['allow-patterns']?.filter((p) => entry['ignore-patterns']?.includes(p)) ?? [];
        if (both.length > 0)
            fail('ignore-patterns', `"${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_6__/* .plainText */ .wh)(both[0], 80)}" is also in allow-patterns.`);
        if (entry.mention && !entry.owner)
            fail('mention', 'mentions the owner, but the entry names none; add owner.');
        const overrides = {
            ...(entry['security-group'] && { group: (0,_group_js__WEBPACK_IMPORTED_MODULE_3__/* .groupSpec */ .hX)(entry['security-group']) }),
            ...(labels && { labels }),
            ...(entry.mode && { mode: entry.mode }),
            ...(entry['allow-patterns'] && { allowPatterns: entry['allow-patterns'] }),
            ...(entry['ignore-patterns'] && { ignorePatterns: entry['ignore-patterns'] }),
            ...(entry.owner && { owner: entry.owner }),
            ...(entry.mention === true && { mention: true })
        };
        return { ...source, overrides };
    });
}
function labelsOf(record, fail) {
    return Object.entries(record).map(([key, value]) => {
        if (_airs_schemas_spec_values_js__WEBPACK_IMPORTED_MODULE_1__/* .GATE_LABEL_KEYS */ .C4.has(key))
            fail(`the key "${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_6__/* .plainText */ .wh)(key, 60)}" is set by the gate itself; use another key.`);
        const keyProblem = (0,_airs_schemas_spec_values_js__WEBPACK_IMPORTED_MODULE_1__/* .labelProblem */ .W6)('key', key);
        if (keyProblem)
            fail(`key "${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_6__/* .plainText */ .wh)(key, 60)}" ${LABEL_PROBLEMS[keyProblem]}.`);
        const valueProblem = (0,_airs_schemas_spec_values_js__WEBPACK_IMPORTED_MODULE_1__/* .labelProblem */ .W6)('value', value);
        if (valueProblem)
            fail(`value "${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_6__/* .plainText */ .wh)(value, 60)}" of "${(0,_util_text_js__WEBPACK_IMPORTED_MODULE_6__/* .plainText */ .wh)(key, 60)}" ${LABEL_PROBLEMS[valueProblem]}.`);
        return { key, value };
    });
}
const LABEL_PROBLEMS = {
    empty: 'is empty',
    tooLong: 'is too long (keys 1-128, values 1-256 characters)',
    pattern: 'may hold only letters, digits, "_" and "-"'
};
/** The YAML node at a path of the parsed value, for its line; undefined where the path leaves the document. */
function nodeAt(root, path) {
    let node = root;
    let found = yaml__WEBPACK_IMPORTED_MODULE_0__.isNode(root) ? root : undefined;
    for (const key of path) {
        if (!node || typeof node !== 'object' || !('get' in node) || typeof node.get !== 'function')
            break;
        const next = node.get(key, true);
        if (!yaml__WEBPACK_IMPORTED_MODULE_0__.isNode(next))
            break;
        found = next;
        node = next;
    }
    return found;
}
/** The key node of a mapping's entry, where a misspelt field is written. */
function keyAt(map, key) {
    if (!yaml__WEBPACK_IMPORTED_MODULE_0__.isMap(map))
        return undefined;
    const pair = map.items.find((p) => yaml__WEBPACK_IMPORTED_MODULE_0__.isScalar(p.key) && p.key.value === key);
    return yaml__WEBPACK_IMPORTED_MODULE_0__.isNode(pair?.key) ? pair.key : undefined;
}
/** `models[2].mode`, as a reader finds it in the file. */
function fieldName(path) {
    return path
        .map((p, i) => typeof p === 'number'
        ? `[${p}]`
        : /^[A-Za-z0-9_-]+$/.test(String(p))
            ? `${i > 0 ? '.' : ''}${String(p)}`
            : `[${JSON.stringify((0,_util_text_js__WEBPACK_IMPORTED_MODULE_6__/* .plainText */ .wh)(String(p), 60))}]`)
        .join('');
}
function describe(issue) {
    if (issue.code === 'unrecognized_keys')
        return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; the fields are ${Object.keys(issue.path.length === 0 ? ManifestSchema.shape : ManifestModelSchema.shape).join(', ')}.`;
    if (issue.code === 'too_small' && issue.origin === 'array')
        return 'lists nothing; give at least one model.';
    if (issue.code === 'invalid_value')
        return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}.`;
    return `${issue.message}.`;
}


/***/ })

};

//# sourceMappingURL=522.index.js.map