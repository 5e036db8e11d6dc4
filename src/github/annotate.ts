import * as core from '@actions/core'
import type { Annotation } from '../report/annotations.js'

/** Emits annotations as workflow commands (core escapes their text and properties). */
export function emitAnnotations(annotations: readonly Annotation[]): void {
  for (const a of annotations) {
    const props: core.AnnotationProperties = {
      title: a.title,
      ...(a.file && { file: a.file }),
      ...(a.startLine && { startLine: a.startLine })
    }
    if (a.level === 'error') core.error(a.message, props)
    else if (a.level === 'warning') core.warning(a.message, props)
    else core.notice(a.message, props)
  }
}
