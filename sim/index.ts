export { startSimulator, type RecordedResponse, type Simulator, type SimulatorOptions } from './server.js'
export type { FaultAction, FaultRule } from './faults.js'
export type { Scenario } from './scenarios.js'
export { DEFAULT_GROUP_UUIDS, DIALOGPT, RULES, TSG_ID } from './fixtures.js'
