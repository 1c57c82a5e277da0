/**
 * The CLI under random command lines and inputs (issue 13): `run()` in process with injected
 * streams, files and fetch; whatever the arguments and bytes, it returns 0, 1 or 2, never
 * throws, never reports an internal error, and writes no raw control character to stderr.
 * A fixed seed and a bounded number of runs keep CI stable and short; a failure found here
 * becomes a named regression test.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type CliIo, run } from '../src/cli/run.js';
import { SEED } from './helpers/corpus.js';

const FEED = readFileSync(SEED);
const WIKI = new TextEncoder().encode('lead\n== A ==\ntext\n=== B\x1b[31m ===\n');
const FILES = new Map<string, Uint8Array>([
  ['feed.xml', FEED],
  ['page.wiki', WIKI],
]);

/** A string with the characters that break terminals and parsers. */
const hostileText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      '\x1b',
      '\x00',
      '\r',
      '\n',
      '\t',
      '\x9b',
      '\u202e',
      '\u2069',
      '<',
      '&',
      '|',
      '#',
    ),
    fc.integer({ min: 0, max: 0x2fff }).map((n) => String.fromCharCode(n)),
  ),
  maxLength: 12,
});

const token = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      'report',
      'diff',
      'sections',
      'entries',
      'help',
      '--help',
      '-h',
      '-v',
      '--version',
      '--format',
      'md',
      'html',
      'json',
      'tsv',
      'text',
      'unified',
      '--page',
      'Main Page',
      '--out',
      'out.txt',
      '--since',
      '30d',
      '2024-01-01',
      '--until',
      '--tz',
      'Europe/Paris',
      '--period',
      'week',
      '--strict',
      '--no-diffs',
      '--rev',
      '6197',
      '--from',
      '--to',
      '1',
      '--context',
      '0',
      '--max-input-bytes',
      '100',
      '1M',
      '--max-requests',
      '2',
      '--user',
      'Alice',
      '--title',
      '--api',
      'http://127.0.0.1:1/api.php',
      'http://wiki.test/feed',
      '-',
      '-o',
      'feed.xml',
      'page.wiki',
      'missing.xml',
      '--timeout',
      '0.001',
    ),
  },
  { weight: 1, arbitrary: hostileText },
);

/** Mostly a command and its inputs, so that runs get past the option parser. */
const argvArb = fc
  .tuple(
    fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom('report', 'diff', 'sections', 'entries') },
      { weight: 1, arbitrary: token },
    ),
    fc.constantFrom(
      [],
      ['-'],
      ['feed.xml'],
      ['page.wiki'],
      ['feed.xml', '-'],
      ['http://wiki.test/feed'],
    ),
    fc.array(token, { maxLength: 6 }),
  )
  .map(([command, inputs, rest]) => [command, ...inputs, ...rest]);

/** Standard input: random bytes, the seed feed, or the seed feed with a splice of garbage. */
const stdinBytes = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.constant(FEED),
  fc
    .tuple(fc.nat({ max: FEED.length }), fc.nat({ max: 200 }), fc.uint8Array({ maxLength: 40 }))
    .map(([at, cut, junk]) => {
      const out = new Uint8Array(FEED.length - Math.min(cut, FEED.length - at) + junk.length);
      out.set(FEED.subarray(0, at));
      out.set(junk, at);
      out.set(FEED.subarray(at + Math.min(cut, FEED.length - at)), at + junk.length);
      return out;
    }),
);

function io(stdin: Uint8Array, stderr: string[]): CliIo {
  return {
    stdout: { write: () => true },
    stderr: { write: (s: string) => stderr.push(s) },
    stdin: async function* () {
      yield stdin;
    },
    readFile: (path) => {
      const bytes = FILES.get(path);
      return (async function* () {
        if (bytes === undefined) {
          throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), {
            code: 'ENOENT',
          });
        }
        yield bytes;
      })();
    },
    writeFile: async () => {},
    fileId: async (path) => (FILES.has(path) ? path : null),
    // Every URL answers with the standard input's bytes, as a feed.
    fetch: async () =>
      new Response(new Uint8Array(stdin), { headers: { 'Content-Type': 'application/xml' } }),
    isTTY: false,
    now: () => new Date('2026-11-22T00:00:00Z'),
  };
}

describe('wikirev run() under random arguments and input', () => {
  it('exits 0, 1 or 2, never throws, writes no raw control character to stderr', async () => {
    await fc.assert(
      fc.asyncProperty(argvArb, stdinBytes, async (argv, stdin) => {
        const stderr: string[] = [];
        const code = await run(argv, io(stdin, stderr));
        const text = stderr.join('');
        assert.ok([0, 1, 2].includes(code), `exit ${code}`);
        assert.doesNotMatch(text, /internal error/);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: none may reach the terminal
        assert.doesNotMatch(text, /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
      }),
      { seed: 13, numRuns: 300 },
    );
  });
});
