import * as core from '@actions/core'
import type { Annotation } from '../report/annotations.js'
import { defuse } from '../util/text.js'

/** Emits annotations as workflow commands (core escapes their text and properties; defuse() the rest). */
export function emitAnnotations(annotations: readonly Annotation[]): void {
  for (const a of annotations) {
    const props: core.AnnotationProperties = {
      title: defuse(a.title),
      // a file named with `##[` breaks its link rather than hold a command
      ...(a.file && { file: defuse(a.file) }),
      ...(a.startLine && { startLine: a.startLine })
    }
    const message = defuse(a.message)
    if (a.level === 'error') core.error(message, props)
    else if (a.level === 'warning') core.warning(message, props)
    else core.notice(message, props)
  }
}
