import { spawn } from 'node:child_process'

/**
 * Long-running child processes of the scanner (`python -m venv`, pip, the driver) with what @actions/exec does
 * not offer: a time limit, cancellation by an AbortSignal, and killing the whole process tree (pip runs build
 * backends, the client may start helpers). Output is kept as bounded tails and handed over line by line.
 */

export interface RunOptions {
  /** the child's complete environment (nothing is inherited) */
  env: Record<string, string>
  cwd?: string
  /** written to stdin, which is then closed (stdin is always closed, so nothing waits for a terminal) */
  input?: string
  timeoutMs: number
  signal?: AbortSignal
  /** every output line as it arrives (unredacted: the caller redacts) */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void
}

export interface RunResult {
  /** null when the process was killed by a signal or never started */
  exitCode: number | null
  killedBy: NodeJS.Signals | null
  /** the end of stdout (at most MAX_STREAM_CHARS) */
  stdout: string
  /** the end of stderr (at most MAX_STREAM_CHARS) */
  stderr: string
  /** the last MAX_LINES lines of both streams, interleaved as they arrived */
  output: string
  timedOut: boolean
  aborted: boolean
  /** the process could not be started (ENOENT, EACCES) */
  spawnError?: Error
}

const MAX_STREAM_CHARS = 1024 * 1024

/**
 * The end of a stream, at most MAX_STREAM_CHARS, cut at a line break: redaction (which runs later, on what is
 * kept) must see every line whole, or a secret cut in two at the start would show its second half. A line longer
 * than the whole tail is dropped.
 */
export function tail(text: string): string {
  if (text.length <= MAX_STREAM_CHARS) return text
  const from = text.indexOf('\n', text.length - MAX_STREAM_CHARS - 1)
  return from < 0 ? '' : text.slice(from + 1)
}
const MAX_LINES = 400
/** after SIGTERM, how long the tree gets before SIGKILL */
const KILL_GRACE_MS = 3000
/** after the process exited, how long its grandchildren may keep the pipes open */
const CLOSE_GRACE_MS = 5000

const isWindows = process.platform === 'win32'

export function runProcess(command: string, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  return new Promise((resolve) => {
    let stdout = ''
    let stderr = ''
    const lines: string[] = []
    const partial = { stdout: '', stderr: '' }
    let timedOut = false
    let aborted = false
    let settled = false
    let exitCode: number | null = null
    let killedBy: NodeJS.Signals | null = null
    const timers: NodeJS.Timeout[] = []

    const child = spawn(command, args, {
      env: opts.env,
      cwd: opts.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      // its own process group, so the whole tree can be killed at once
      detached: !isWindows,
      windowsHide: true
    })

    const addLine = (line: string, stream: 'stdout' | 'stderr') => {
      lines.push(line)
      if (lines.length > MAX_LINES) lines.shift()
      opts.onLine?.(line, stream)
    }
    const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      const text = chunk.toString('utf8')
      if (stream === 'stdout') stdout = tail(stdout + text)
      else stderr = tail(stderr + text)
      const parts = (partial[stream] + text).split(/\r?\n/)
      partial[stream] = parts.pop() ?? ''
      for (const l of parts) addLine(l, stream)
    }
    child.stdout.on('data', collect('stdout'))
    child.stderr.on('data', collect('stderr'))
    // a child that exits before reading its input must not crash us with EPIPE
    child.stdin.on('error', () => {})
    child.stdin.end(opts.input ?? '')

    const killTree = (sig: NodeJS.Signals) => {
      try {
        if (!isWindows && child.pid !== undefined) process.kill(-child.pid, sig)
        else child.kill(sig)
      } catch {
        // already gone
      }
    }
    const stop = () => {
      killTree('SIGTERM')
      timers.push(setTimeout(() => killTree('SIGKILL'), KILL_GRACE_MS))
    }
    const onAbort = () => {
      aborted = true
      stop()
    }

    const finish = (spawnError?: Error) => {
      if (settled) return
      settled = true
      for (const t of timers) clearTimeout(t)
      opts.signal?.removeEventListener('abort', onAbort)
      for (const s of ['stdout', 'stderr'] as const) if (partial[s] !== '') addLine(partial[s], s)
      // whatever is left of the tree goes too (a helper the client started and forgot)
      if (!spawnError) killTree('SIGKILL')
      resolve({
        exitCode,
        killedBy,
        stdout,
        stderr,
        output: lines.join('\n'),
        timedOut,
        aborted,
        ...(spawnError && { spawnError })
      })
    }

    child.on('error', (e) => finish(e))
    child.on('exit', (code, sig) => {
      exitCode = code
      killedBy = sig
      timers.push(setTimeout(() => finish(), CLOSE_GRACE_MS))
    })
    child.on('close', (code, sig) => {
      exitCode = code
      killedBy = sig
      finish()
    })

    timers.push(
      setTimeout(() => {
        timedOut = true
        stop()
      }, opts.timeoutMs)
    )
    if (opts.signal?.aborted) onAbort()
    else opts.signal?.addEventListener('abort', onAbort, { once: true })
  })
}
