/** What the client may say about its work. The action wires this to @actions/core; tests capture it. */
export interface Logger {
  debug(message: string): void
  info(message: string): void
  warning(message: string): void
}

export const silentLogger: Logger = { debug: () => {}, info: () => {}, warning: () => {} }
