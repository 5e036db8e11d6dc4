/** A sleep that ends early, with a rejection, when the signal aborts (the gate's overall deadline). */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>

export class AbortedError extends Error {
  constructor(message = 'operation cancelled') {
    super(message)
    this.name = 'AbortedError'
  }
}

export const sleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedError())
    const onAbort = () => {
      clearTimeout(timer)
      reject(new AbortedError())
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
