#!/usr/bin/env node
/**
 * The `wikirev` executable: the process's I/O into `run()`, its result into the exit code.
 */
import { nodeIo } from './node-io.js';
import { run } from './run.js';

process.exitCode = await run(process.argv.slice(2), nodeIo());
