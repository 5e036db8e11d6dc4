import type { FindingSet } from './findings.js'
import { builtOnlySafe, classifyImport } from './globals.js'
import { isWrapper } from './joblib-array.js'
import type { PickleWalk } from './pickle.js'
import type { EngineThreat } from './rules.js'

/** Which family a pickle belongs to decides the threat category the service would report. */
export type PickleFamily = 'pickle' | 'pytorch' | 'joblib'

const THREAT: Record<PickleFamily, { bad: EngineThreat; suspicious: EngineThreat }> = {
  pickle: { bad: 'PAIT-PKL-100', suspicious: 'PAIT-PKL-101' },
  pytorch: { bad: 'PAIT-PYTCH-100', suspicious: 'PAIT-PYTCH-101' },
  joblib: { bad: 'PAIT-JOBLIB-100', suspicious: 'PAIT-PKL-101' }
}

/**
 * The Load Time Code Execution findings of a pickle walk: dangerous and dynamic imports are arbitrary code
 * execution; imports outside the allow-list are suspicious; a stream that could not be read to the end is
 * "could not be verified" (whatever came before it may already have run).
 */
export function pickleFindings(
  walk: PickleWalk,
  file: string,
  family: PickleFamily,
  out: FindingSet,
  allowed: ReadonlySet<string>,
  nestedLevel = 0
): void {
  const t = THREAT[family]
  const where = walk.where
    ? ` (${walk.where})`
    : nestedLevel > 0
      ? ' (in a pickle nested inside the file)'
      : ''
  for (const imp of walk.imports) {
    // joblib's array wrappers only hold attributes; what joblib.load does with them, the walk followed
    if (isWrapper({ k: 'global', module: imp.module, name: imp.name })) continue
    const verdict = classifyImport(imp.module, imp.name, allowed)
    if (verdict === 'safe') continue
    if (verdict === 'unknown' && !imp.called && builtOnlySafe(imp.module, imp.name)) continue
    const what = `${imp.module}.${imp.name}`
    out.add({
      rule: 'LOAD_TIME',
      threat: verdict === 'dangerous' ? t.bad : t.suspicious,
      file,
      module: imp.module,
      operator: imp.name,
      description:
        verdict === 'dangerous'
          ? `Loading runs ${what}, which can execute code, touch files or processes, or reach the network${where}`
          : `Loading imports ${what}, which is not on the allow-list of safe globals${where}`
    })
  }
  for (const issue of walk.issues) {
    switch (issue.kind) {
      case 'DYNAMIC_IMPORT':
      case 'EXTENSION_IMPORT':
      case 'BUILD_ON_GLOBAL':
        out.add({
          rule: 'LOAD_TIME',
          threat: t.bad,
          file,
          description: `${issue.detail} (byte ${issue.offset}): what loading runs cannot be known before it runs${where}`
        })
        break
      case 'MALFORMED':
      case 'LIMIT':
        out.add({
          rule: 'LOAD_TIME',
          threat: t.suspicious,
          file,
          unverified: true,
          description: `Could not be verified: ${issue.detail} (byte ${issue.offset})${where}`
        })
        break
      case 'OUTSIDE_FILE':
        out.add({
          rule: 'LOAD_TIME',
          threat: t.bad,
          file,
          description: `${issue.detail} (byte ${issue.offset})${where}`
        })
        break
      case 'NESTED_PICKLE':
        break
    }
  }
  for (const inner of walk.nested) pickleFindings(inner, file, family, out, allowed, nestedLevel + 1)
}
