import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

/**
 * Files the gate reads (`policy`, `scanner-requirements`) and writes (`report-file`, `sarif-file`) stay inside the
 * places a job owns: the workspace and the runner's temporary directory (outside GitHub Actions, a directory made
 * for this run). The checkout is the pull request's: any name in it may be a symbolic link planted to make a write
 * land elsewhere (another file, `/proc/self/fd/1`, the runner's command files) or a read leak something. So:
 *
 * - a path must lie inside a root, also once every link in it is resolved;
 * - a write never follows a link: each folder below the root is checked (and made) one at a time, the target must
 *   be absent or a regular file, and the data goes to a new file beside it that is then renamed over it (rename
 *   replaces a link rather than following it);
 * - the runner's command files (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_PATH, GITHUB_STATE, GITHUB_STEP_SUMMARY, and
 *   anything in their `_runner_file_commands` folder) and `.git` folders are never written.
 *
 * Races with another process running at the same time are out of scope: that process has the job's own rights.
 */

export type Env = Record<string, string | undefined>

/** A path the gate refuses, with one line saying why and what to do. */
export class ConfinedPathError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfinedPathError'
  }
}

const COMMAND_FILES = ['GITHUB_ENV', 'GITHUB_OUTPUT', 'GITHUB_PATH', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY']
const COMMAND_DIR = '_runner_file_commands'

let runDirectory: string | undefined

/**
 * Where this run keeps files nobody named: RUNNER_TEMP's `airs-model-gate` folder in GitHub Actions, else a new
 * private directory (mkdtemp) made once per process, never a fixed shared path in /tmp.
 */
export function runDir(env: Env): string {
  if (env.RUNNER_TEMP) return path.join(env.RUNNER_TEMP, 'airs-model-gate')
  runDirectory ??= mkdtempSync(path.join(tmpdir(), 'airs-model-gate-'))
  return runDirectory
}

/** The workspace: GITHUB_WORKSPACE, else the working directory. */
export const workspaceOf = (env: Env): string => path.resolve(env.GITHUB_WORKSPACE || process.cwd())

/** The roots a job owns: the workspace, RUNNER_TEMP, and this process's own run directory if it made one. */
export function roots(env: Env): string[] {
  return [workspaceOf(env), env.RUNNER_TEMP, runDirectory]
    .filter((r): r is string => !!r)
    .map((r) => path.resolve(r))
}

export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel))
}

/** The real path (links resolved), or the path as given when it cannot be resolved (it does not exist yet). */
export function realOr(p: string): string {
  try {
    return fs.realpathSync(p)
  } catch {
    return p
  }
}

const code = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined

const rootsText = (env: Env) =>
  env.RUNNER_TEMP ? 'the workspace or RUNNER_TEMP' : `the workspace (${workspaceOf(env)})`

/** The root `abs` lies in (as written, or with the root's own links resolved) and the real path of that root. */
function rootOf(abs: string, env: Env): { real: string; rel: string } | undefined {
  for (const r of roots(env)) {
    const real = realOr(r)
    for (const base of [r, real]) if (isInside(base, abs)) return { real, rel: path.relative(base, abs) }
  }
  return undefined
}

/** Why a path may not be written at all, whatever is on disk: a command file, a `.git` folder. */
function forbidden(abs: string, env: Env): string | undefined {
  const parts = abs.split(path.sep)
  if (parts.includes('.git')) return 'is inside a .git folder'
  if (parts.includes(COMMAND_DIR)) return "is among the runner's command files"
  for (const name of COMMAND_FILES) {
    const f = env[name]
    if (f && (path.resolve(f) === abs || realOr(f) === realOr(abs))) return `is the runner's ${name} file`
  }
  return undefined
}

/**
 * Checks a path to be written, before anything is sent anywhere: inside a root, not forbidden, no link or
 * non-folder on the way below the root, and the target absent or a regular file. Returns the absolute path.
 */
export function checkWritePath(given: string, env: Env): string {
  const abs = path.resolve(workspaceOf(env), given)
  const root = rootOf(abs, env)
  if (!root) throw new ConfinedPathError(`${abs} is outside ${rootsText(env)}; write it under one of them`)
  const why = forbidden(abs, env) ?? forbidden(path.join(root.real, root.rel), env)
  if (why) throw new ConfinedPathError(`${abs} ${why}; choose another path`)
  let at = root.real
  const parts = root.rel === '' ? [] : root.rel.split(path.sep)
  if (parts.length === 0) throw new ConfinedPathError(`${abs} is a folder; give a file name`)
  for (const [i, part] of parts.entries()) {
    at = path.join(at, part)
    let st: fs.Stats
    try {
      st = fs.lstatSync(at)
    } catch (e) {
      if (code(e) === 'ENOENT') return abs
      throw new ConfinedPathError(`${at} cannot be checked (${code(e) ?? 'error'}); choose another path`)
    }
    const last = i === parts.length - 1
    if (st.isSymbolicLink())
      throw new ConfinedPathError(`${at} is a symbolic link; reports are never written through links`)
    if (!last && !st.isDirectory()) throw new ConfinedPathError(`${at} is not a folder; choose another path`)
    if (last && !st.isFile())
      throw new ConfinedPathError(`${abs} exists and is not a regular file; choose another path`)
  }
  return abs
}

/**
 * Writes `data` to a path checked by checkWritePath, making its folders one at a time (none through a link), into
 * a new file beside the target that is then renamed over it.
 */
export async function writeConfined(file: string, data: string, env: Env): Promise<void> {
  const abs = checkWritePath(file, env)
  const root = rootOf(abs, env)!
  const parts = root.rel.split(path.sep)
  let dir = root.real
  // the root itself comes from the runner (RUNNER_TEMP, the workspace), not from an input: made if missing
  await fsp.mkdir(dir, { recursive: true })
  for (const part of parts.slice(0, -1)) {
    dir = path.join(dir, part)
    try {
      await fsp.mkdir(dir)
    } catch (e) {
      if (code(e) !== 'EEXIST') throw e
    }
    const st = await fsp.lstat(dir)
    if (!st.isDirectory() || st.isSymbolicLink())
      throw new ConfinedPathError(`${dir} is not a folder (or is a link); choose another path`)
  }
  const target = path.join(dir, parts[parts.length - 1]!)
  const tmp = path.join(dir, `.${parts[parts.length - 1]!}.${randomBytes(6).toString('hex')}.tmp`)
  // 'wx': fails if anything (a link included) is already there
  await fsp.writeFile(tmp, data, { flag: 'wx', mode: 0o644 })
  try {
    const st = await fsp.lstat(target).catch(() => undefined)
    if (st && !st.isFile())
      throw new ConfinedPathError(`${abs} exists and is not a regular file; choose another path`)
    await fsp.rename(tmp, target)
  } catch (e) {
    await fsp.rm(tmp, { force: true })
    throw e
  }
}

/**
 * Reads a file the workflow names (a policy, a requirements file): inside a root also once links are resolved, a
 * regular file, at most `maxBytes`. Returns its bytes and its real path.
 */
export function readConfined(given: string, env: Env, maxBytes: number): { data: Buffer; file: string } {
  const abs = path.resolve(workspaceOf(env), given)
  if (!rootOf(abs, env))
    throw new ConfinedPathError(`${abs} is outside ${rootsText(env)}; put the file in the workspace`)
  let real: string
  try {
    real = fs.realpathSync(abs)
  } catch (e) {
    throw new ConfinedPathError(
      `${abs} ${code(e) === 'ENOENT' ? 'does not exist' : `cannot be read (${code(e) ?? 'error'})`}; give the path of a file in the workspace`
    )
  }
  if (!roots(env).some((r) => isInside(realOr(r), real)))
    throw new ConfinedPathError(
      `${abs} leads through a symbolic link to ${real}, outside ${rootsText(env)}; put the file itself in the workspace`
    )
  const st = fs.statSync(real)
  if (!st.isFile()) throw new ConfinedPathError(`${abs} is not a regular file; give the path of a file`)
  if (st.size > maxBytes)
    throw new ConfinedPathError(`${abs} is ${st.size} bytes, more than the ${maxBytes} read`)
  return { data: fs.readFileSync(real), file: real }
}

/** Folders deep a search under a named folder goes (download-artifact puts each artifact in its own). */
const MAX_FIND_DEPTH = 4
/** Entries a search visits at most: a folder of reports, not a checkout with its dependencies. */
const MAX_FIND_ENTRIES = 20_000
/** Folders that hold no report: not searched. */
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules'])

/**
 * Files named `name` under a folder inside the job's roots (links not followed), sorted by path, or the path
 * itself when it is a file. At most `max`; more is an error, not a silent cut.
 */
export function findConfined(given: string, env: Env, name: string, max: number): string[] {
  const abs = path.resolve(workspaceOf(env), given)
  let real: string
  try {
    real = fs.realpathSync(abs)
  } catch (e) {
    throw new ConfinedPathError(
      `${abs} ${code(e) === 'ENOENT' ? 'does not exist' : `cannot be read (${code(e) ?? 'error'})`}`
    )
  }
  if (!roots(env).some((r) => isInside(realOr(r), real)))
    throw new ConfinedPathError(`${abs} is outside ${rootsText(env)}; put it in the workspace`)
  if (!fs.statSync(real).isDirectory()) return [abs]
  const found: string[] = []
  let visited = 0
  const walk = (dir: string, depth: number) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (++visited > MAX_FIND_ENTRIES)
        throw new ConfinedPathError(
          `${abs} holds more than ${MAX_FIND_ENTRIES} entries; name a smaller folder`
        )
      const p = path.join(dir, entry.name)
      if (entry.isDirectory() && depth < MAX_FIND_DEPTH && !SKIPPED_FOLDERS.has(entry.name))
        walk(p, depth + 1)
      else if (entry.isFile() && entry.name === name) {
        found.push(p)
        if (found.length > max)
          throw new ConfinedPathError(`${abs} holds more than ${max} files named ${name}`)
      }
    }
  }
  walk(real, 0)
  return found.sort()
}
