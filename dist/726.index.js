export const id = 726;
export const ids = [726];
export const modules = {

/***/ 71141:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   II: () => (/* binding */ PaginationSchema),
/* harmony export */   Iw: () => (/* binding */ FileTypeEnum),
/* harmony export */   KF: () => (/* binding */ ScanOrigin),
/* harmony export */   Kk: () => (/* binding */ EvalOutcomeEnum),
/* harmony export */   Ny: () => (/* binding */ ThreatCategory),
/* harmony export */   O4: () => (/* binding */ ErrorCode),
/* harmony export */   QI: () => (/* binding */ SortByFileField),
/* harmony export */   Qf: () => (/* binding */ RuleEvaluationResult),
/* harmony export */   RU: () => (/* binding */ EvalOutcome),
/* harmony export */   SW: () => (/* binding */ openEnum),
/* harmony export */   UE: () => (/* binding */ SortDirection),
/* harmony export */   Up: () => (/* binding */ ThreatCategoryEnum),
/* harmony export */   Wp: () => (/* binding */ LabelSchema),
/* harmony export */   Y1: () => (/* binding */ SourceType),
/* harmony export */   _S: () => (/* binding */ RuleState),
/* harmony export */   aH: () => (/* binding */ LabelValue),
/* harmony export */   ad: () => (/* binding */ ModelSourceTypeEnum),
/* harmony export */   b9: () => (/* binding */ ErrorCodeEnum),
/* harmony export */   c9: () => (/* binding */ DateTime),
/* harmony export */   cH: () => (/* binding */ SortByDateField),
/* harmony export */   d: () => (/* binding */ RuleStateEnum),
/* harmony export */   nN: () => (/* binding */ SourceTypeEnum),
/* harmony export */   pt: () => (/* binding */ FileType),
/* harmony export */   rf: () => (/* binding */ RuleEvaluationResultEnum),
/* harmony export */   sU: () => (/* binding */ Uuid),
/* harmony export */   xN: () => (/* binding */ FileScanResult),
/* harmony export */   xh: () => (/* binding */ ScanOriginEnum),
/* harmony export */   zT: () => (/* binding */ RuleOrigin),
/* harmony export */   zh: () => (/* binding */ lenientArray)
/* harmony export */ });
/* unused harmony export LabelKey */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(26921);
/* harmony import */ var _spec_values_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77206);


/**
 * Building blocks shared by both API planes.
 *
 * Responses are parsed leniently where the gate does not depend on a field (unknown fields are kept,
 * enum values the service adds later survive as plain strings) and strictly where it does.
 */
const Uuid = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(_spec_values_js__WEBPACK_IMPORTED_MODULE_0__/* .UUID_PATTERN */ .JJ, 'expected a UUID');
/** An ISO-8601 timestamp; kept as the string the service sent (microsecond precision is common). */
const DateTime = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
    .refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO-8601 date-time');
/**
 * The spec declares many enums as `anyOf: [Enum, string]`: the service may send values we do not know yet.
 * The type keeps the known literals for completion while accepting any string at run time.
 */
function openEnum(values) {
    void values;
    return zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP();
}
/** Spec says the list is required; an absent or null list is read as empty rather than failing the gate. */
const lenientArray = (item) => zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(item)
    .nullish()
    .transform((v) => v ?? []);
const PaginationSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    // null or absent means "unknown", never zero
    total_items: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative().nullish()
});
const SourceTypeEnum = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(_spec_values_js__WEBPACK_IMPORTED_MODULE_0__/* .SOURCE_TYPES */ .m7);
const SourceType = openEnum(_spec_values_js__WEBPACK_IMPORTED_MODULE_0__/* .SOURCE_TYPES */ .m7);
const ModelSourceTypeEnum = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(_spec_values_js__WEBPACK_IMPORTED_MODULE_0__/* .MODEL_SOURCE_TYPES */ .EP);
const EVAL_OUTCOMES = ['PENDING', 'ALLOWED', 'BLOCKED', 'ERROR'];
const EvalOutcome = openEnum(EVAL_OUTCOMES);
const EvalOutcomeEnum = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(EVAL_OUTCOMES);
const RuleStateEnum = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(_spec_values_js__WEBPACK_IMPORTED_MODULE_0__/* .RULE_STATES */ .UQ);
const RuleState = openEnum(_spec_values_js__WEBPACK_IMPORTED_MODULE_0__/* .RULE_STATES */ .UQ);
const RULE_EVALUATION_RESULTS = ['PASSED', 'FAILED', 'ERROR'];
const RuleEvaluationResultEnum = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(RULE_EVALUATION_RESULTS);
const RuleEvaluationResult = openEnum(RULE_EVALUATION_RESULTS);
const RuleOrigin = openEnum(['PANW_MANAGED', 'CUSTOM']);
const FileScanResult = openEnum(['SKIPPED', 'SUCCESS', 'ERROR', 'FAILED']);
const FILE_TYPES = ['DIRECTORY', 'FILE'];
const FileTypeEnum = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(FILE_TYPES);
const FileType = openEnum(FILE_TYPES);
const ScanOriginEnum = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(_spec_values_js__WEBPACK_IMPORTED_MODULE_0__/* .SCAN_ORIGINS */ .At);
const ScanOrigin = openEnum(_spec_values_js__WEBPACK_IMPORTED_MODULE_0__/* .SCAN_ORIGINS */ .At);
const ERROR_CODES = [
    'UNKNOWN_ERROR',
    'SCAN_ERROR',
    'INVALID_RESPONSE',
    'ACCESS_DENIED',
    'MISSING_CREDENTIALS',
    'NO_SUCH_KEY',
    'NO_SUCH_BUCKET',
    'INVALID_BUCKET_NAME',
    'INTERNAL_ERROR',
    'SERVICE_UNAVAILABLE',
    'INVALID_OBJECT_STATE',
    'UNKNOWN_REMOTE_SERVICE_ERROR',
    'UNSUPPORTED_REMOTE_STORAGE',
    'MISSING_ARTIFACTS',
    'WORKER_ERROR',
    'POLICY_EVAL_ERROR',
    'RESOURCE_NOT_FOUND',
    'SCAN_DATA_PENDING'
];
const ErrorCodeEnum = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(ERROR_CODES);
const ErrorCode = openEnum(ERROR_CODES);
const THREAT_CATEGORIES = [
    'PAIT-ARV-100',
    'PAIT-GGUF-100',
    'PAIT-GGUF-101',
    'PAIT-KERAS-100',
    'PAIT-KERAS-101',
    'PAIT-KERAS-102',
    'PAIT-JOBLIB-100',
    'PAIT-JOBLIB-101',
    'PAIT-PKL-100',
    'PAIT-PKL-101',
    'PAIT-PYTCH-100',
    'PAIT-PYTCH-101',
    'PAIT-EXDIR-100',
    'PAIT-EXDIR-101',
    'PAIT-ONNX-200',
    'PAIT-TF-200',
    'PAIT-LMAFL-300',
    'PAIT-LITERT-300',
    'PAIT-LITERT-301',
    'PAIT-LITERT-302',
    'PAIT-KERAS-300',
    'PAIT-KERAS-301',
    'PAIT-TCHST-300',
    'PAIT-TCHST-301',
    'PAIT-TF-300',
    'PAIT-TF-301',
    'PAIT-TF-302',
    'PAIT-TMT-300',
    'PAIT-TMT-301',
    'UNAPPROVED_FORMATS'
];
const ThreatCategoryEnum = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(THREAT_CATEGORIES);
const ThreatCategory = openEnum(THREAT_CATEGORIES);
const SORT_DIRECTIONS = ['asc', 'desc'];
const SortDirection = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(SORT_DIRECTIONS);
const SortByDateField = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['created_at', 'updated_at']);
const SortByFileField = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['path', 'type']);
const labelPart = (part) => zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
    .min(1, _spec_values_js__WEBPACK_IMPORTED_MODULE_0__/* .LABEL_PARTS */ .Mb[part].empty)
    .max(_spec_values_js__WEBPACK_IMPORTED_MODULE_0__/* .LABEL_PARTS */ .Mb[part].max, _spec_values_js__WEBPACK_IMPORTED_MODULE_0__/* .LABEL_PARTS */ .Mb[part].tooLong)
    .regex(_spec_values_js__WEBPACK_IMPORTED_MODULE_0__/* .LABEL_PATTERN */ .mW, _spec_values_js__WEBPACK_IMPORTED_MODULE_0__/* .LABEL_PARTS */ .Mb[part].pattern);
const LabelKey = labelPart('key');
const LabelValue = labelPart('value');
const LabelSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ key: LabelKey, value: LabelValue });


/***/ }),

/***/ 8947:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $3: () => (/* binding */ ModelSchema),
/* harmony export */   $H: () => (/* binding */ ScanFileSchema),
/* harmony export */   FB: () => (/* binding */ ViolationListSchema),
/* harmony export */   PV: () => (/* binding */ ModelListSchema),
/* harmony export */   Pf: () => (/* binding */ ModelVersionListSchema),
/* harmony export */   Ts: () => (/* binding */ ViolationSchema),
/* harmony export */   Uy: () => (/* binding */ RuleEvaluationSchema),
/* harmony export */   X4: () => (/* binding */ ScanListSchema),
/* harmony export */   gc: () => (/* binding */ RuleEvaluationListSchema),
/* harmony export */   hQ: () => (/* binding */ ModelVersionSchema),
/* harmony export */   i3: () => (/* binding */ ScanCreateRequestSchema),
/* harmony export */   xR: () => (/* binding */ ScanSchema),
/* harmony export */   yI: () => (/* binding */ FileListSchema)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(26921);
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71141);
/* harmony import */ var _spec_values_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77206);



/**
 * Data-plane schemas (`/aims/data`), from the official OpenAPI document (spec/airs-openapi/data-plane.yml).
 * Fields the gate decides or reports on are required and typed; the rest are optional even where the spec
 * marks them required, so a service that omits an informational field cannot fail a gate.
 */
const EvalSummarySchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    rules_failed: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative().default(0),
    rules_passed: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative().default(0),
    total_rules: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative().default(0)
});
const ScanSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    uuid: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .Uuid */ .sU,
    eval_outcome: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .EvalOutcome */ .RU,
    model_uri: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    security_group_uuid: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .Uuid */ .sU,
    created_at: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .DateTime */ .c9,
    updated_at: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .DateTime */ .c9,
    eval_summary: EvalSummarySchema.nullish(),
    error_code: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .ErrorCode */ .O4.nullish(),
    error_message: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    labels: (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .lenientArray */ .zh)(zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({ key: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), value: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP() })),
    // spec-required, informational
    security_group_name: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
    source_type: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .SourceType */ .Y1.optional(),
    scan_origin: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .ScanOrigin */ .KF.optional(),
    tsg_id: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
    owner: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
    // optional in the spec
    created_by: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    enabled_rule_count_snapshot: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nullish(),
    model_formats: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()).nullish(),
    // the all-zero UUID is a placeholder while PENDING or ERROR
    model_version_uuid: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    scanner_version: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    sdk_version: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    time_started: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .DateTime */ .c9.nullish(),
    total_files_scanned: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nullish(),
    total_files_skipped: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nullish()
});
const ScanListSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    pagination: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .PaginationSchema */ .II.nullish(),
    scans: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(ScanSchema),
    // total_items may be a capped count
    count_capped: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY().nullish()
});
const RuleEvaluationSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    uuid: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .Uuid */ .sU,
    result: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .RuleEvaluationResult */ .Qf,
    rule_instance_uuid: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .Uuid */ .sU,
    rule_name: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    rule_instance_state: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .RuleState */ ._S,
    violation_count: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative(),
    rule_description: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
    scan_uuid: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .Uuid */ .sU.optional(),
    rule_origin: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .RuleOrigin */ .zT.nullish(),
    tsg_id: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
    created_at: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .DateTime */ .c9.optional(),
    updated_at: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .DateTime */ .c9.optional()
});
const RuleEvaluationListSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    pagination: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .PaginationSchema */ .II.nullish(),
    evaluations: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(RuleEvaluationSchema)
});
const ViolationRemediationSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    steps: (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .lenientArray */ .zh)(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()),
    url: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish()
});
const ViolationSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    uuid: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .Uuid */ .sU,
    description: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    rule_instance_uuid: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .Uuid */ .sU,
    rule_name: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    rule_instance_state: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .RuleState */ ._S,
    rule_description: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
    file: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    hash: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    module: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    operator: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    threat: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .ThreatCategory */ .Ny.nullish(),
    threat_description: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    threat_kb_url: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    insights_url: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    // required with a required url in the May 2026 spec, nullable since August: tolerate both
    remediation: ViolationRemediationSchema.nullish(),
    rule_origin: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .RuleOrigin */ .zT.nullish(),
    tsg_id: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
    created_at: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .DateTime */ .c9.optional(),
    updated_at: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .DateTime */ .c9.optional()
});
const ViolationListSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    pagination: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .PaginationSchema */ .II.nullish(),
    violations: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(ViolationSchema)
});
const ScanFileSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    uuid: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .Uuid */ .sU,
    path: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    type: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .FileType */ .pt,
    result: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .FileScanResult */ .xN,
    parent_path: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
    formats: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()).nullish(),
    blob_id: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    scan_uuid: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .Uuid */ .sU.nullish(),
    model_version_uuid: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .Uuid */ .sU.optional(),
    tsg_id: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
    created_at: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .DateTime */ .c9.optional(),
    updated_at: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .DateTime */ .c9.optional()
});
const FileListSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    pagination: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .PaginationSchema */ .II.nullish(),
    files: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(ScanFileSchema)
});
/**
 * The model inventory (`/v1/models`, `/v1/model-versions`): what the service has scanned, model by model and
 * version by version. What a release decision binds to (the version's commit) is required; the rest is as
 * lenient as the scan's informational fields.
 */
const ModelVersionSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    uuid: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .Uuid */ .sU,
    model_uuid: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .Uuid */ .sU,
    revision: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    created_at: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .DateTime */ .c9,
    updated_at: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .DateTime */ .c9,
    hf_commit_sha: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(128).nullish(),
    fingerprint: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    last_eval_outcome: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .EvalOutcome */ .RU.nullish(),
    last_eval_summary: EvalSummarySchema.nullish(),
    latest_scan_time: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .DateTime */ .c9.nullish(),
    model_formats: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()).nullish(),
    source_types: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(_common_js__WEBPACK_IMPORTED_MODULE_0__/* .SourceType */ .Y1).nullish(),
    file_count: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nullish(),
    license: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    hf_organization: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    hf_model_name: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    tsg_id: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional()
});
const ModelVersionListSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    pagination: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .PaginationSchema */ .II.nullish(),
    model_versions: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(ModelVersionSchema)
});
const ModelSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    uuid: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .Uuid */ .sU,
    name: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    created_at: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .DateTime */ .c9,
    updated_at: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .DateTime */ .c9,
    latest_version_uuid: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .Uuid */ .sU.nullish(),
    latest_version_revision: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    latest_version_hf_commit_sha: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    latest_version_fingerprint: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullish(),
    latest_version_outcome: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .EvalOutcome */ .RU.nullish(),
    latest_version_scan_time: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .DateTime */ .c9.nullish(),
    latest_version_formats: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()).nullish(),
    latest_version_source_types: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(_common_js__WEBPACK_IMPORTED_MODULE_0__/* .SourceType */ .Y1).nullish(),
    tsg_id: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional()
});
const ModelListSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    pagination: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .PaginationSchema */ .II.nullish(),
    models: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(ModelSchema)
});
// ---- requests (validated before sending; these mirror the spec exactly, unknown fields are rejected) ----
const ModelScanIssueSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    description: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(4096),
    source: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(1024),
    threat: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .ThreatCategoryEnum */ .Up.nullish(),
    module: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(256).nullish(),
    operator: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(256).nullish()
});
const FileScanDataSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    file_path: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(1024),
    blob_id: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(256),
    modelscan_status: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['SCANNED', 'SKIPPED', 'ERROR']),
    sha256: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(256).nullish(),
    size_bytes: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nullish(),
    error_message: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(1024).nullish(),
    formats: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(256)).max(20).nullish(),
    issues_detected: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(ModelScanIssueSchema).nullish()
});
/** Results of a scan made on the runner (local and object-storage models), posted with the create request. */
const ScanDetailsSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    scanner_version: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(64),
    time_started: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .DateTime */ .c9,
    files: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(FileScanDataSchema).max(1000, 'a scan holds at most 1000 files'),
    total_files_scanned: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int(),
    total_files_skipped: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int(),
    model_formats: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(64)).max(100),
    model_size_bytes: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int(),
    scan_duration_ms: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int(),
    error_code: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .ErrorCodeEnum */ .b9.nullish(),
    error_message: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(1024).nullish()
});
const Pattern = zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(256, 'a pattern is longer than 256 characters');
const ScanCreateRequestSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    model_uri: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1, 'model_uri is empty'),
    security_group_uuid: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .Uuid */ .sU,
    scan_origin: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .ScanOriginEnum */ .xh.nullish(),
    allow_patterns: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(Pattern).nullish(),
    ignore_patterns: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(Pattern).nullish(),
    labels: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(_common_js__WEBPACK_IMPORTED_MODULE_0__/* .LabelSchema */ .Wp)
        .max(_spec_values_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_LABELS_PER_SCAN */ .Zt, `a scan holds at most ${_spec_values_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_LABELS_PER_SCAN */ .Zt} labels`)
        .nullish(),
    model_author: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(256).nullish(),
    model_name: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(256).nullish(),
    model_version: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(256).nullish(),
    scan_details: ScanDetailsSchema.nullish()
});


/***/ }),

/***/ 46882:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BG: () => (/* binding */ SecurityGroupListSchema),
/* harmony export */   aC: () => (/* binding */ PyPIAuthSchema),
/* harmony export */   fo: () => (/* binding */ RuleInstanceListSchema),
/* harmony export */   i: () => (/* binding */ SnapshotVersionListSchema),
/* harmony export */   iF: () => (/* binding */ SecurityRuleSchema),
/* harmony export */   nE: () => (/* binding */ RuleInstanceSchema),
/* harmony export */   tw: () => (/* binding */ SecurityGroupSchema)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(26921);
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71141);


/**
 * Management-plane schemas (`/aims/mgmt`), from the official OpenAPI document (spec/airs-openapi/mgmt-plane.yml).
 * Same policy as the data plane: strict where the gate depends on a field, lenient elsewhere.
 */
const GROUP_STATES = ['PENDING', 'ACTIVE'];
const SecurityGroupState = (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .openEnum */ .SW)(GROUP_STATES);
const SecurityGroupSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    uuid: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .Uuid */ .sU,
    name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    source_type: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .SourceType */ .Y1,
    // soft-deleted groups still resolve by UUID
    is_tombstone: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().nullish(),
    state: SecurityGroupState.optional(),
    description: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
    tsg_id: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    created_at: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .DateTime */ .c9.optional(),
    updated_at: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .DateTime */ .c9.optional(),
    // list items only (August 2026)
    enabled_rule_count: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nullish()
});
const SecurityGroupListSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    pagination: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .PaginationSchema */ .II.nullish(),
    security_groups: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(SecurityGroupSchema)
});
const RuleRemediationSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    description: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
    steps: (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .lenientArray */ .zh)(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()),
    url: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish()
});
const EditableFieldSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    attribute_name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    type: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    display_name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    display_type: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    description: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
    dropdown_values: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({ value: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), label: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional() })).nullish()
});
const SecurityRuleSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    uuid: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .Uuid */ .sU,
    name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    description: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    rule_type: (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .openEnum */ .SW)(['METADATA', 'ARTIFACT']).optional(),
    compatible_sources: (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .lenientArray */ .zh)(_common_js__WEBPACK_IMPORTED_MODULE_0__/* .SourceType */ .Y1),
    default_state: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .RuleState */ ._S.optional(),
    remediation: RuleRemediationSchema.nullish(),
    editable_fields: (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .lenientArray */ .zh)(EditableFieldSchema),
    constant_values: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J()).nullish(),
    default_values: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J()).nullish(),
    enabled_security_group_count: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nullish()
});
/**
 * `field_values` is documented as lists of strings keyed by approved_formats, approved_licenses, etc.
 * Values of other shapes are kept as they are: they are reported, never used to decide.
 */
const FieldValuesSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J());
const RuleInstanceSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    uuid: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .Uuid */ .sU,
    security_group_uuid: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .Uuid */ .sU,
    state: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .RuleState */ ._S,
    security_rule_uuid: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .Uuid */ .sU.nullish(),
    rule: SecurityRuleSchema.nullish(),
    field_values: FieldValuesSchema.nullish(),
    custom_rule_uuid: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .Uuid */ .sU.nullish(),
    custom_rule: zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({ uuid: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .Uuid */ .sU, name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), description: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish() }).nullish(),
    rule_origin: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .RuleOrigin */ .zT.nullish(),
    tsg_id: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    created_at: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .DateTime */ .c9.nullish(),
    updated_at: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .DateTime */ .c9.nullish(),
    created_by: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish(),
    updated_by: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish()
});
const RuleInstanceListSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    pagination: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .PaginationSchema */ .II.nullish(),
    rule_instances: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(RuleInstanceSchema)
});
/** Cursor-paginated history of rule snapshots (`…/versions`), newest first. */
const SnapshotVersionListSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    versions: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({ generation: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(), timestamp: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .DateTime */ .c9 })),
    pagination: zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({ next_token: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullish() }).nullish()
});
const PyPIAuthSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    url: zod__WEBPACK_IMPORTED_MODULE_1__/* .url */ .OZ5(),
    expires_at: _common_js__WEBPACK_IMPORTED_MODULE_0__/* .DateTime */ .c9
});


/***/ }),

/***/ 34726:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GM: () => (/* binding */ wholeList),
/* harmony export */   NO_RUN_SETTINGS: () => (/* binding */ NO_RUN_SETTINGS),
/* harmony export */   bk: () => (/* binding */ VERDICTS),
/* harmony export */   dj: () => (/* binding */ GateReportSchema),
/* harmony export */   f: () => (/* binding */ STATUSES),
/* harmony export */   gateReport: () => (/* binding */ gateReport),
/* harmony export */   reportSettings: () => (/* binding */ reportSettings),
/* harmony export */   xF: () => (/* binding */ EMPTY_LIST)
/* harmony export */ });
/* unused harmony exports VerdictSchema, StatusSchema, GateErrorInfoSchema, PolicySnapshotSchema, ScanAttemptSchema, ENGINES, ArtifactDigestSchema, DriftViolationSchema, DriftSchema, ModelResultSchema, REPORT_SCHEMA_VERSION */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(26921);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(311);
/* harmony import */ var _airs_schemas_data_plane_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8947);
/* harmony import */ var _airs_schemas_mgmt_plane_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(46882);
/* harmony import */ var _airs_schemas_common_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(71141);
/* harmony import */ var _util_gate_error_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7938);






/**
 * What the gate found for each model and for the run: the data behind the verdict, every report and the
 * JSON report file. One schema, so the report's shape is the code's shape.
 */
const VERDICTS = ['pass', 'warn', 'fail'];
const VerdictSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* ["enum"] */ .k5n(VERDICTS);
/** What the evidence says about a model, before the user's mode decides how much it matters. */
const STATUSES = ['allowed', 'blocked', 'error'];
const StatusSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* ["enum"] */ .k5n(STATUSES);
const GateErrorInfoSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    code: zod__WEBPACK_IMPORTED_MODULE_4__/* ["enum"] */ .k5n(_util_gate_error_js__WEBPACK_IMPORTED_MODULE_3__/* .GATE_ERROR_CODES */ .qf),
    message: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP()
});
/** A list as collected: the items, and whether that is all of it. */
const listOf = (item) => zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    items: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(item),
    /** what the service reported (null: it did not say) */
    total: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().nullable(),
    truncated: zod__WEBPACK_IMPORTED_MODULE_4__/* .boolean */ .zMY(),
    incomplete: zod__WEBPACK_IMPORTED_MODULE_4__/* .boolean */ .zMY(),
    /** how many pages were read */
    pages: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().optional()
});
const PolicySnapshotSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    /** snapshot generation in force when the scan was created (null: the group has no history, current rules) */
    generation: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().nullable(),
    /** timestamp of that generation */
    since: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().nullable(),
    rule_instances: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(_airs_schemas_mgmt_plane_js__WEBPACK_IMPORTED_MODULE_1__/* .RuleInstanceSchema */ .nE)
});
const ScanAttemptSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    scan_uuid: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
    eval_outcome: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
    error_code: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().nullish()
});
const ENGINES = ['airs', 'builtin'];
/**
 * The content of a model as the gate read it. `sha256` is over the sorted list of `<sha256>  <path>\n` lines
 * (the format of `sha256sum`), so the same files give the same digest wherever they are.
 */
const ArtifactDigestSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    sha256: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().regex(/^[0-9a-f]{64}$/),
    files: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
        path: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
        sha256: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().regex(/^[0-9a-f]{64}$/),
        size: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().nonnegative()
    }))
});
/** A violation as drift matches it across scans: by rule, file and threat. */
const DriftViolationSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    rule: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
    file: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().nullable(),
    threat: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().nullable()
});
/** A value then and now. */
const change = (value) => zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({ from: value, to: value });
/**
 * What changed since the model's previous scan in the service: the newest earlier settled scan the gate made
 * of the same model (its `gate-model-key` label) in the same security group.
 */
const DriftSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    /** the scan compared with; null: none earlier (the first scan of this model in this group) */
    previous: zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
        scan_uuid: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
        created_at: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
        eval_outcome: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
        /** the Hugging Face commit the service recorded for it */
        commit: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().optional(),
        /** the group's policy generation in force when it was created */
        policy_generation: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().nullable().optional()
    })
        .nullable(),
    /** any change below: the outcome, the violations, the commit, the files or the policy */
    drifted: zod__WEBPACK_IMPORTED_MODULE_4__/* .boolean */ .zMY(),
    /** ALLOWED then, BLOCKED now */
    newly_blocked: zod__WEBPACK_IMPORTED_MODULE_4__/* .boolean */ .zMY(),
    outcome: change(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP()).optional(),
    violations: zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
        added: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(DriftViolationSchema),
        resolved: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(DriftViolationSchema),
        /** how many in all (the lists are cut at 50) */
        added_count: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().nonnegative(),
        resolved_count: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().nonnegative()
    })
        .optional(),
    /** a new upstream commit since the previous scan (Hugging Face) */
    commit: change(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP()).optional(),
    /** the files differ from the previous scan's (local models: their digest, or the patterns) */
    files_changed: zod__WEBPACK_IMPORTED_MODULE_4__/* .boolean */ .zMY().optional(),
    /** the group's policy generation changed */
    policy: change(zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().nullable()).optional(),
    /** what could not be compared, each with why */
    unknown: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP())
});
const ModelResultSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    /** position in the whole list of models (model-uri, then models-file), from 1, also in a shard */
    index: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().positive(),
    /** which engine decided: the Prisma AIRS service, or the built-in offline engine */
    engine: zod__WEBPACK_IMPORTED_MODULE_4__/* ["enum"] */ .k5n(ENGINES),
    /** enabled rules the engine could not evaluate (the built-in engine cannot judge architecture backdoors) */
    not_evaluated: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP()).optional(),
    model: zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
        input: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
        source_type: _airs_schemas_common_js__WEBPACK_IMPORTED_MODULE_2__/* .ModelSourceTypeEnum */ .ad,
        model_uri: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
        /** the revision as given (a branch, tag or commit), if one was */
        revision: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().optional(),
        /**
         * the Hugging Face commit the revision (or the default branch) pointed to when the gate resolved it, and
         * the commit that was scanned: what a release binds its verdict to
         */
        resolved_revision: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().optional(),
        /** a local or object-storage model's content as read: sha256 per file and one over the sorted list */
        digest: ArtifactDigestSchema.optional(),
        /** who answers for the model, as its models-file entry names them */
        owner: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().optional(),
        /** the tracking issue mentions the owner when the model fails or drifts (its entry's `mention: true`) */
        mention_owner: zod__WEBPACK_IMPORTED_MODULE_4__/* .literal */ .euz(true).optional()
    }),
    /** this model's own mode, when its models-file entry sets one */
    mode: zod__WEBPACK_IMPORTED_MODULE_4__/* ["enum"] */ .k5n(['enforce', 'warn']).optional(),
    security_group: _airs_schemas_mgmt_plane_js__WEBPACK_IMPORTED_MODULE_1__/* .SecurityGroupSchema */ .tw.optional(),
    /** the scan as last read; absent when none was created */
    scan: _airs_schemas_data_plane_js__WEBPACK_IMPORTED_MODULE_0__/* .ScanSchema */ .xR.optional(),
    /**
     * set when `scan` was not created by this run but reused (the `reuse` input): an earlier settled scan of the
     * same commit or files, in the same group under the same policy generation
     */
    reused: zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
        /** what the reused scan was matched on */
        matched_by: zod__WEBPACK_IMPORTED_MODULE_4__/* ["enum"] */ .k5n(['commit', 'digest']),
        /** how old the scan was when this run reused it */
        age_ms: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().nonnegative()
    })
        .optional(),
    /**
     * `audit: inventory`: the service's record of the model's latest version, judged without a scan (a model
     * re-scanned because it was stale has its scan instead)
     */
    inventory: zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
        model_uuid: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
        name: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
        version_uuid: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().nullable(),
        revision: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().nullable(),
        commit: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().nullable(),
        outcome: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().nullable(),
        scan_time: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().nullable()
    })
        .optional(),
    /** what changed since the previous scan of this model (AIRS only; absent when not looked for) */
    drift: DriftSchema.optional(),
    /** earlier scans of this model in this run, retried because the service asked to (SCAN_DATA_PENDING) */
    retried_scans: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(ScanAttemptSchema),
    evaluations: listOf(_airs_schemas_data_plane_js__WEBPACK_IMPORTED_MODULE_0__/* .RuleEvaluationSchema */ .Uy),
    violations: listOf(_airs_schemas_data_plane_js__WEBPACK_IMPORTED_MODULE_0__/* .ViolationSchema */ .Ts),
    files: listOf(_airs_schemas_data_plane_js__WEBPACK_IMPORTED_MODULE_0__/* .ScanFileSchema */ .$H),
    /** details and remediation of every rule that did not pass, from the rule catalogue */
    rules: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(_airs_schemas_mgmt_plane_js__WEBPACK_IMPORTED_MODULE_1__/* .SecurityRuleSchema */ .iF),
    policy: PolicySnapshotSchema.nullable(),
    status: StatusSchema,
    verdict: VerdictSchema,
    /** one line saying why */
    reason: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
    error: GateErrorInfoSchema.optional(),
    warnings: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP()),
    started_at: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
    finished_at: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
    /** from creating the scan to seeing its final outcome */
    wait_ms: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().nullable(),
    polls: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int()
});
const REPORT_SCHEMA_VERSION = 1;
const GateReportSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    schema_version: zod__WEBPACK_IMPORTED_MODULE_4__/* .literal */ .euz(REPORT_SCHEMA_VERSION),
    tool: zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({ name: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(), version: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP() }),
    started_at: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
    finished_at: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
    settings: zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
        mode: zod__WEBPACK_IMPORTED_MODULE_4__/* ["enum"] */ .k5n(['enforce', 'warn']),
        on_error: zod__WEBPACK_IMPORTED_MODULE_4__/* ["enum"] */ .k5n(['fail', 'warn']),
        timeout_ms: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int(),
        concurrency: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int()
    }),
    verdict: VerdictSchema,
    /** a failure that stopped the run before or outside any model (bad input, authentication) */
    error: GateErrorInfoSchema.optional(),
    /** `shard`: this run gated one part of the models, those whose place in the whole list is `index` mod `count` */
    shard: zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
        index: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().positive(),
        count: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().positive(),
        /** how many models the whole list has */
        models: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().nonnegative(),
        /**
         * sha256 over the whole list (each model's source, URI and revision, in order): legs of one split have
         * the same; the merge refuses legs of different lists
         */
        list_sha256: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().regex(/^[0-9a-f]{64}$/)
    })
        .optional(),
    /** `merge-reports`: the report is the union of these runs' reports */
    merged: zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
        reports: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().positive(),
        /** the shard count of the legs, when they were shards */
        shards: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().positive().optional()
    })
        .optional(),
    models: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(ModelResultSchema),
    /** the CI run that produced the report (GitHub Actions), for audits */
    context: zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
        repository: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
        sha: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().optional(),
        ref: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().optional(),
        event: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().optional(),
        workflow: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().optional(),
        job: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().optional(),
        run_id: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().optional(),
        run_attempt: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().optional(),
        run_url: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().optional()
    })
        .optional()
});
/** A list with nothing in it (nothing was read). */
const EMPTY_LIST = { items: [], total: null, truncated: false, incomplete: false };
/** A list known to be whole (the built-in engine's own results). */
const wholeList = (items) => ({
    items,
    total: items.length,
    truncated: false,
    incomplete: false
});
/** What a report records as settings when no run's settings were read (a run stopped before, nothing merged). */
const NO_RUN_SETTINGS = {
    mode: 'enforce',
    on_error: 'fail',
    timeout_ms: 0,
    concurrency: 0
};
/** The run settings as the report records them. */
function reportSettings(s) {
    return { mode: s.mode, on_error: s.onError, timeout_ms: s.timeoutMs, concurrency: s.concurrency };
}
/** A report with the envelope every report shares (schema version, tool, times). */
function gateReport(parts) {
    return {
        schema_version: REPORT_SCHEMA_VERSION,
        tool: { name: _version_js__WEBPACK_IMPORTED_MODULE_5__/* .PRODUCT */ .A, version: _version_js__WEBPACK_IMPORTED_MODULE_5__/* .VERSION */ .x },
        started_at: new Date(parts.started).toISOString(),
        finished_at: new Date(parts.finished).toISOString(),
        settings: parts.settings,
        verdict: parts.verdict,
        ...(parts.error && { error: parts.error }),
        models: parts.models
    };
}


/***/ })

};

//# sourceMappingURL=726.index.js.map