import { setTimeout as delay } from 'node:timers/promises'

/** A sleep that ends early, with a rejection, when the signal aborts (the gate's overall deadline). */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>

export class AbortedError extends Error {
  constructor(message = 'operation cancelled') {
    super(message)
    this.name = 'AbortedError'
  }
}

export const sleep: Sleep = async (ms, signal) => {
  try {
    await delay(ms, undefined, { signal })
  } catch (e) {
    // node:timers/promises rejects with its own AbortError; callers know AbortedError
    if (signal?.aborted) throw new AbortedError()
    throw e
  }
}

/**
 * Waits for a shared promise, but gives up when this caller's signal aborts (the promise itself goes on for
 * other callers).
 */
export function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  onAbort: () => Error
): Promise<T> {
  if (!signal) return promise
  if (signal.aborted) return Promise.reject(onAbort())
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(onAbort())
    signal.addEventListener('abort', abort, { once: true })
    promise.then(
      (v) => {
        signal.removeEventListener('abort', abort)
        resolve(v)
      },
      (e: unknown) => {
        signal.removeEventListener('abort', abort)
        reject(e instanceof Error ? e : new Error(String(e)))
      }
    )
  })
}
