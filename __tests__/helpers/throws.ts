/** The error `f` throws, which must be an instance of `type` (anything else fails the test). */
export function thrown<E extends Error>(type: new (...args: never[]) => E, f: () => unknown): E {
  try {
    f()
  } catch (e) {
    if (e instanceof type) return e
    throw e
  }
  throw new Error(`expected ${type.name} to be thrown`)
}
