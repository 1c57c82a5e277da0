#!/usr/bin/env node
/**
 * The `wikirev` executable: process streams and files into `run()`, its result into the exit code.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { buffer } from 'node:stream/consumers';
import { run } from './run.js';

process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: () => buffer(process.stdin),
  readFile: (path) => readFile(path),
  writeFile: (path, data) => writeFile(path, data),
  fetch: globalThis.fetch,
  isTTY: process.stderr.isTTY === true,
  now: () => new Date(),
});
