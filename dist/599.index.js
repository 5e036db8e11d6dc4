export const id = 599;
export const ids = [599];
export const modules = {

/***/ 72599:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   emitAnnotations: () => (/* binding */ emitAnnotations)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(49997);


/** Emits annotations as workflow commands (core escapes their text and properties; defuse() the rest). */
function emitAnnotations(annotations) {
    for (const a of annotations) {
        const props = {
            title: (0,_util_text_js__WEBPACK_IMPORTED_MODULE_1__/* .defuse */ .VP)(a.title),
            // a file named with `##[` breaks its link rather than hold a command
            ...(a.file && { file: (0,_util_text_js__WEBPACK_IMPORTED_MODULE_1__/* .defuse */ .VP)(a.file) }),
            ...(a.startLine && { startLine: a.startLine })
        };
        const message = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_1__/* .defuse */ .VP)(a.message);
        if (a.level === 'error')
            _actions_core__WEBPACK_IMPORTED_MODULE_0__.error(message, props);
        else if (a.level === 'warning')
            _actions_core__WEBPACK_IMPORTED_MODULE_0__.warning(message, props);
        else
            _actions_core__WEBPACK_IMPORTED_MODULE_0__.notice(message, props);
    }
}


/***/ })

};

//# sourceMappingURL=599.index.js.map