import { plainText } from '../util/text.js'
import { ScannerError } from './scanner-error.js'

/**
 * The client's version, as the workflow pins it: checked with the other inputs before any request, in a module
 * that loads nothing of Python or pip (the scanner itself loads only when a run scans on the runner).
 */

export const DEFAULT_SCANNER_VERSION = '1.1.2'

/** An exact release (PEP 440 without ranges, wildcards or local versions). */
const EXACT_VERSION = /^\d{1,6}(\.\d{1,6}){0,3}((a|b|rc)\d{1,6})?(\.post\d{1,6})?(\.dev\d{1,6})?$/

export function checkVersion(version: string): void {
  if (!EXACT_VERSION.test(version)) {
    throw new ScannerError(
      'INVALID_OPTION',
      `The scanner version ${JSON.stringify(plainText(version, 60))} is not an exact release: write one like 1.1.2 ` +
        '(ranges and wildcards would let the package index choose)'
    )
  }
}
