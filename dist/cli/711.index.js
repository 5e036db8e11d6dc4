export const id = 711;
export const ids = [711];
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


/***/ })

};

//# sourceMappingURL=711.index.js.map