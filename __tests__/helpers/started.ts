import type { Simulator } from '../../sim/server.js'

/**
 * The simulators a test file started (sim.ts `startSim` adds them). A module of its own with no runtime imports, so
 * the shared setup (setup.ts) can see them without loading the simulator and the contract checker into the many
 * files that never start one.
 */
export const started: Simulator[] = []
