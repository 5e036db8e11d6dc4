/** Kept equal to package.json's version by a test; reported in the User-Agent and in reports. */
export const VERSION = '0.1.0'
export const PRODUCT = 'airs-model-gate'
