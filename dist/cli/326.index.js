export const id = 326;
export const ids = [326];
export const modules = {

/***/ 2326:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  TokenResponseSchema: () => (/* binding */ TokenResponseSchema)
});

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 6 modules
var classic_schemas = __webpack_require__(6921);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/api.js
var api = __webpack_require__(3759);
;// CONCATENATED MODULE: ./node_modules/zod/v4/classic/coerce.js


function string(params) {
    return core._coercedString(schemas.ZodString, params);
}
function number(params) {
    return api/* _coercedNumber */.qG(classic_schemas/* ZodNumber */.rSt, params);
}
function coerce_boolean(params) {
    return core._coercedBoolean(schemas.ZodBoolean, params);
}
function bigint(params) {
    return core._coercedBigint(schemas.ZodBigInt, params);
}
function date(params) {
    return core._coercedDate(schemas.ZodDate, params);
}

;// CONCATENATED MODULE: ./src/airs/schemas/token.ts

/** The OAuth2 token endpoint's answer (client-credentials grant, RFC 6749 §5.1). */
const TokenResponseSchema = classic_schemas/* looseObject */._H3({
    access_token: classic_schemas/* string */.YjP().min(1),
    token_type: classic_schemas/* string */.YjP().optional(),
    // seconds; some servers send it as a string, or null when they do not say
    expires_in: classic_schemas/* preprocess */.vkY((v) => (v === null || v === '' ? undefined : v), number().positive().optional())
});


/***/ })

};

//# sourceMappingURL=326.index.js.map