/**
 * The simulator's clock. `scale` speeds virtual time up (a 120 s scan settles in 1.2 s at scale 100), so
 * benchmarks can model long scans; `advance` jumps ahead. Scan settling and token expiry use this clock.
 */
export class SimClock {
  private originReal = Date.now()
  private originVirtual: number
  private factor = 1

  constructor(start = Date.now()) {
    this.originVirtual = start
  }

  now(): number {
    return this.originVirtual + (Date.now() - this.originReal) * this.factor
  }

  get scale(): number {
    return this.factor
  }

  setScale(scale: number): void {
    if (!(scale > 0)) throw new Error('clock scale must be positive')
    this.originVirtual = this.now()
    this.originReal = Date.now()
    this.factor = scale
  }

  /** Back to real time at normal speed. */
  reset(): void {
    this.originReal = Date.now()
    this.originVirtual = this.originReal
    this.factor = 1
  }

  advance(ms: number): void {
    this.originVirtual += ms
  }

  /** Virtual milliseconds expressed in real milliseconds. */
  toReal(virtualMs: number): number {
    return virtualMs / this.factor
  }
}
