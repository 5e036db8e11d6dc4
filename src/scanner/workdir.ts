import { rmSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { plainText } from '../util/text.js'
import { ScannerError } from './scanner-error.js'

/**
 * The run's private directory, `<RUNNER_TEMP>/airs-scanner-XXXXXX`: made with mkdtemp (a new directory with an
 * unpredictable name, mode 0700, never one that already existed), holding everything the scanner writes in this
 * run, and removed at its end:
 *
 * - `venv/`: the client's virtual environment, created and installed in this run;
 * - `home/`: an empty HOME for Python's own steps; `tmp/`: TMPDIR for every child;
 * - `pip/`: the requirements file written for pip and pip's log;
 * - `run-XXXXXX/`: one per scan: the driver, its temporary files and the object-storage download.
 *
 * Nothing from an earlier process is ever used: an earlier step of the job can leave anything on disk (a
 * virtual environment with a marker saying it is verified, a `.pth` file or `sitecustomize.py` that runs code
 * at interpreter start, a tampered module or `.pyc`, a RECORD rewritten to match, a symbolic link where a
 * directory is expected, pip's HTTP and wheel caches), and checking those files against anything else on the
 * same disk proves nothing, since it can rewrite that too.
 *
 * `release` removes the directory; if the process ends first (an error, `process.exit`), an exit hook removes
 * what is left. A process killed by a signal leaves it behind, never to be used again (the runner empties
 * RUNNER_TEMP at the end of the job).
 */

export interface ScannerDirs {
  root: string
  venv: string
  home: string
  tmp: string
  pip: string
}

const live = new Set<string>()
let hooked = false

function removeAtExit(): void {
  for (const dir of live) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 2 })
    } catch {
      // nothing more can be done while exiting
    }
  }
  live.clear()
}

/** Makes the run's private directory under `runnerTemp`. */
export async function makeScannerDirs(runnerTemp: string): Promise<ScannerDirs> {
  let root: string
  try {
    await fs.mkdir(runnerTemp, { recursive: true })
    root = await fs.mkdtemp(path.join(runnerTemp, 'airs-scanner-'))
    // mkdtemp makes it 0700 on POSIX already; said again in case of an unusual umask handling
    if (process.platform !== 'win32') await fs.chmod(root, 0o700)
  } catch (e) {
    throw new ScannerError(
      'VENV_FAILED',
      `The scanner's working directory could not be made in ${plainText(runnerTemp, 200)} ` +
        `(${(e as NodeJS.ErrnoException).code ?? 'error'}): check that RUNNER_TEMP is a writable directory`
    )
  }
  live.add(root)
  if (!hooked) {
    hooked = true
    process.once('exit', removeAtExit)
  }
  const dirs: ScannerDirs = {
    root,
    venv: path.join(root, 'venv'),
    home: path.join(root, 'home'),
    tmp: path.join(root, 'tmp'),
    pip: path.join(root, 'pip')
  }
  for (const d of [dirs.home, dirs.tmp, dirs.pip]) await fs.mkdir(d, { mode: 0o700 })
  return dirs
}

/** Removes the run's private directory (idempotent). */
export async function releaseScannerDirs(dirs: ScannerDirs): Promise<void> {
  await fs.rm(dirs.root, { recursive: true, force: true, maxRetries: 3 })
  live.delete(dirs.root)
}
