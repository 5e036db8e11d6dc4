import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * What `npm run build` bundled into dist/, as one hash: every file under src/, package-lock.json (the exact
 * dependencies) and the build command itself. The build writes it to dist/sources.sha256
 * (`tsx scripts/source-hash.ts --write`, after both ncc runs); a unit test (__tests__/action/dist-current.test.ts)
 * computes it again, so tests never run a bundle built from other sources than the ones they read.
 *
 * Line ends are normalised (a checkout with CRLF hashes as one with LF), paths are sorted and use `/`, so the hash
 * depends on the content only, and the file is the same on every machine.
 */

export const ROOT = fileURLToPath(new URL('../', import.meta.url))
export const HASH_FILE = join(ROOT, 'dist', 'sources.sha256')

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []
  )
}

const normalised = (file: string) => readFileSync(file, 'utf8').replace(/\r\n/g, '\n')

/** The hash of the sources in `root` as the build bundles them. */
export function sourceHash(root = ROOT): string {
  const pkg = JSON.parse(normalised(join(root, 'package.json'))) as { scripts?: Record<string, string> }
  const parts: Array<[string, string]> = [
    ...files(join(root, 'src')).map((f): [string, string] => [relative(root, f), normalised(f)]),
    ['package-lock.json', normalised(join(root, 'package-lock.json'))],
    ['package.json#scripts.build', pkg.scripts?.build ?? '']
  ]
  const hash = createHash('sha256')
  for (const [name, text] of parts
    .map(([n, t]): [string, string] => [n.split('\\').join('/'), t])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const body = Buffer.from(text, 'utf8')
    hash.update(`${name}\0${body.length}\0`).update(body)
  }
  return hash.digest('hex')
}

/** The hash recorded by the last build, or undefined when there is none. */
export function recordedHash(file = HASH_FILE): string | undefined {
  try {
    return /^[0-9a-f]{64}$/m.exec(readFileSync(file, 'utf8'))?.[0]
  } catch {
    return undefined
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv[2] === '--write') {
  writeFileSync(
    HASH_FILE,
    `${sourceHash()}\n# sha256 of the sources this bundle was built from: src/**, package-lock.json and the build\n` +
      '# command (scripts/source-hash.ts). Written by npm run build; checked by the tests.\n'
  )
}
