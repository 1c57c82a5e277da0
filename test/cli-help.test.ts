/**
 * Every command's `--help` against what it accepts: each documented option is accepted (with a
 * value where its help shows one), and each option a command accepts is documented.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BLAME_OPTIONS } from '../src/cli/blame-command.js';
import { DIFF_OPTIONS } from '../src/cli/diff-command.js';
import { DUMP_STATS_OPTIONS } from '../src/cli/dump-stats-command.js';
import { ENTRIES_OPTIONS } from '../src/cli/entries-command.js';
import type { OptionSpec } from '../src/cli/parse-options.js';
import { QUEUE_ADD_OPTIONS } from '../src/cli/queue-add-command.js';
import { QUEUE_COLLECT_OPTIONS } from '../src/cli/queue-collect-command.js';
import { QUEUE_RETRY_OPTIONS } from '../src/cli/queue-retry-command.js';
import { QUEUE_STATUS_OPTIONS } from '../src/cli/queue-status-command.js';
import { REPORT_OPTIONS } from '../src/cli/report-command.js';
import { SECTIONS_OPTIONS } from '../src/cli/sections-command.js';
import { WATCH_OPTIONS } from '../src/cli/watch-command.js';
import { WORKER_OPTIONS } from '../src/cli/worker-command.js';
import { runCli } from './helpers/run-cli.js';

/** The options of a help text's list: each flag, and whether a value follows it. */
function documented(help: string): Map<string, boolean> {
  const options = new Map<string, boolean>();
  const list = help.slice(help.indexOf('\nOptions:\n'));
  for (const line of list.split('\n')) {
    // The flags column: up to two spaces or the end of the line.
    const flags = /^ {2}(-[^ ].*?)(?: {2}|$)/.exec(line)?.[1];
    if (flags === undefined) continue;
    // `-o, --out FILE`: the value follows either form.
    const takesValue = flags.includes(' ', flags.lastIndexOf(', ') + 2);
    for (const flag of flags.split(', ')) {
      options.set(flag.split(' ')[0]!.replace(/\[=[A-Z]+\]$/, ''), takesValue);
    }
  }
  return options;
}

/** The flags a spec accepts (`--strict-level` is how `--strict=LEVEL` is read). */
function accepted(spec: OptionSpec): Set<string> {
  const flags = new Set<string>();
  for (const [name, option] of Object.entries(spec)) {
    if (name !== 'strict-level') flags.add(`--${name}`);
    if (option.short !== undefined) flags.add(`-${option.short}`);
  }
  return flags;
}

const COMMANDS: readonly (readonly [string[], OptionSpec])[] = [
  [['report'], REPORT_OPTIONS],
  [['diff'], DIFF_OPTIONS],
  [['sections'], SECTIONS_OPTIONS],
  [['entries'], ENTRIES_OPTIONS],
  [['dump-stats'], DUMP_STATS_OPTIONS],
  [['blame'], BLAME_OPTIONS],
  [['watch'], WATCH_OPTIONS],
  [['queue', 'add'], QUEUE_ADD_OPTIONS],
  [['queue', 'status'], QUEUE_STATUS_OPTIONS],
  [['queue', 'collect'], QUEUE_COLLECT_OPTIONS],
  [['queue', 'retry'], QUEUE_RETRY_OPTIONS],
  [['worker'], WORKER_OPTIONS],
];

describe('--help and the options accepted', () => {
  for (const [command, spec] of COMMANDS) {
    it(`wikirev ${command.join(' ')}`, async () => {
      const help = await runCli([...command, '--help']);
      assert.equal(help.code, 0);
      const options = documented(help.stdout);
      assert.ok(options.has('--help') && options.size > 2, help.stdout);
      for (const [flag, takesValue] of options) {
        // Accepted: parsed without a usage error, then --help answers.
        const r = await runCli([...command, flag, ...(takesValue ? ['1'] : []), '--help']);
        assert.equal(r.code, 0, `${command.join(' ')} ${flag}: ${r.stderr}`);
      }
      assert.deepEqual([...accepted(spec)].sort(), [...options.keys()].sort());
    });
  }

  it("watch's --max-input-bytes speaks of the wiki's answers, the only input watch reads", async () => {
    const { stdout } = await runCli(['watch', '--help']);
    const line = /\n {2}--max-input-bytes N[\s\S]*?(?=\n {2}-)/.exec(stdout)?.[0] ?? '';
    assert.match(line, /answer/, line);
    // watch reads no file, no standard input and no XML dump.
    assert.doesNotMatch(line, /dump|file|stdin/i, line);
  });

  it('every command takes -q, as wikirev --help says', async () => {
    assert.match((await runCli(['--help'])).stdout, /-q, --quiet +\(any command\)/);
    for (const [command] of COMMANDS) {
      assert.equal((await runCli([...command, '-q', '--help'])).code, 0, command.join(' '));
    }
  });

  it('the queue commands refuse the common options they have no use for (exit 2)', async () => {
    for (const args of [
      ['queue', 'add', '--strict', 'a.xml'],
      ['queue', 'status', '--strict=info'],
      ['queue', 'retry', '--max-input-bytes', '1M'],
      ['queue', 'collect', '--max-input-bytes', '1M'],
      ['worker', '--max-input-bytes', '1M'],
      ['worker', '--strict'],
    ]) {
      const r = await runCli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^wikirev: unknown option '--(strict|max-input-bytes)'\n/);
    }
  });

  it("a queue subcommand's usage error points at that subcommand's help", async () => {
    const r = await runCli(['queue', 'collect', '--format', 'xml']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Try 'wikirev queue collect --help'\.\n$/);
    const unknown = await runCli(['queue', 'purge']);
    assert.match(unknown.stderr, /Try 'wikirev queue --help'\.\n$/);
  });

  it('lines stay within 100 columns, texts aligned', async () => {
    for (const [command] of COMMANDS) {
      const { stdout } = await runCli([...command, '--help']);
      const list = stdout.slice(stdout.indexOf('\nOptions:\n'), stdout.indexOf('\n\nExample'));
      for (const line of list.split('\n').slice(2)) {
        assert.ok(line.length <= 100, line);
        // An option's text starts at column 25 unless its flags are longer.
        const option = /^ {2}(-\S.*?) {2,}\S/.exec(line);
        if (option !== null && option[1]!.length <= 21) {
          assert.equal(option[0].length - 1, 25, line);
        }
      }
    }
  });

  it("the main help's line of each command says what it gives, every report format too", async () => {
    const main = (await runCli(['--help'])).stdout;
    const line = (command: string) => main.split('\n').find((l) => l.startsWith(`  ${command} `))!;
    const report = (await runCli(['report', '--help'])).stdout;
    const formats = /--format ([\w|]+)/.exec(report)![1]!.split('|');
    const names: Record<string, string> = { md: 'markdown' };
    for (const f of formats)
      assert.ok(
        line('report')
          .toLowerCase()
          .includes(names[f] ?? f),
        f,
      );
    // entries and sections read dumps too.
    assert.match(line('entries'), /dump/);
    assert.match(line('sections'), /dump/);
  });
});
