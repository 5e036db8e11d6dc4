#!/usr/bin/env node
import { main } from './cli/run-cli.js'

process.exitCode = await main(process.argv.slice(2), process.env)
