import { run } from './main.js'

/**
 * Once the run has published and set its status nothing is left to wait for; work a library left behind (an
 * artifact upload abandoned at its deadline, whose client keeps retrying) may not hold the job. The timer does
 * not keep the process alive itself: it fires only if something else does.
 */
const EXIT_GRACE_MS = 5_000

await run()
setTimeout(() => process.exit(), EXIT_GRACE_MS).unref()
