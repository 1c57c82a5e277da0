/**
 * wikirev/dump: readDump on a generated 0.11 dump with texts (MB/s of uncompressed XML, every
 * revision's text decoded and its SHA-1 checked), side by side with saxes alone (the text
 * events of a general streaming XML parser, no dump logic); bzip2 through lbzip2, bzip2 and
 * the JavaScript fallback (with the tools' own `-dc > /dev/null` speed and seek-bzip's
 * whole-buffer decode); and peak RSS in child processes for a 200 MB and a 2 GB dump and a
 * page of 100,000 revisions, streamed from the generator without touching the disk; and
 * `analyzeDumpPage` pair by pair against the page held whole (peak live heap and RSS).
 * `npm run bench -- dump`; `WIKIREV_BENCH_DUMP_BIG=0` skips the 2 GB run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import seekBzip from 'seek-bzip';
import { generateDump } from './generate-dump.js';

const { readDump }: typeof import('../src/dump.js') = await import(
  new URL('../dist/dump.js', import.meta.url).href
);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const MB = 1e6;

const chunks = [...generateDump({ totalBytes: 100 * MB })];
const size = chunks.reduce((n, c) => n + c.length, 0);

async function ours(verifySha1: boolean): Promise<number> {
  let n = 0;
  const source = (async function* () {
    yield* chunks;
  })();
  for await (const page of readDump(source, { verifySha1 })) {
    for await (const revision of page.revisions) n += revision.text?.length ?? 0;
  }
  return n;
}

function saxes(): number {
  const parser = new SaxesParser();
  let n = 0;
  parser.on('text', (text) => {
    n += text.length;
  });
  const decoder = new TextDecoder();
  for (const chunk of chunks) parser.write(decoder.decode(chunk, { stream: true }));
  parser.close();
  return n;
}

/** MB/s of CPU time (user + system of this process): the machine is shared and loaded. */
async function timed(run: () => unknown): Promise<number> {
  globalThis.gc?.();
  const t0 = process.cpuUsage();
  await run();
  const cpu = process.cpuUsage(t0);
  return size / MB / ((cpu.user + cpu.system) / 1e6);
}

const rows: Record<string, number[]> = { ours: [], oursNoSha1: [], saxes: [] };
for (let i = 0; i < 3; i++) {
  rows.ours!.push(await timed(() => ours(true)));
  rows.oursNoSha1!.push(await timed(() => ours(false)));
  rows.saxes!.push(await timed(saxes));
}
const mwxml = 27;
console.log(
  `input: generated 0.11 dump, ${(size / MB).toFixed(1)} MB, ~8 KB texts; MB/s of CPU time, median of 3, interleaved\n`,
);
console.log('| reader | MB/s | vs saxes alone | vs mwxml 0.3.8 (27 MB/s, quoted) |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, key] of [
  ['readDump (texts decoded, SHA-1 checked)', 'ours'],
  ['readDump, verifySha1: false', 'oursNoSha1'],
  ['saxes alone (text events only)', 'saxes'],
] as const) {
  const mbps = median(rows[key]!);
  console.log(
    `| ${name} | ${mbps.toFixed(1)} | ${(mbps / median(rows.saxes!)).toFixed(2)}x | ${(mbps / mwxml).toFixed(2)}x |`,
  );
}

// bzip2 decoders on a 50 MB dump.
const dir = mkdtempSync(join(tmpdir(), 'wikirev-bench-dump-'));
try {
  const xml = join(dir, 'bench.xml');
  writeFileSync(xml, Buffer.concat([...generateDump({ totalBytes: 50 * MB, seed: 2 })]));
  const xmlSize = statSync(xml).size;
  execFileSync('sh', ['-c', `lbzip2 -kc ${xml} > ${xml}.bz2`]);
  console.log(
    `\ninput: generated 0.11 dump, ${(xmlSize / MB).toFixed(1)} MB, bzip2 ${(statSync(`${xml}.bz2`).size / MB).toFixed(1)} MB; MB/s of uncompressed XML\n`,
  );
  console.log('| bzip2 decoder | tool alone (-dc > /dev/null) | readDump through it |');
  console.log('| --- | ---: | ---: |');
  for (const decoder of ['lbzip2', 'bzip2', 'js'] as const) {
    let alone = '—';
    if (decoder !== 'js') {
      const t0 = performance.now();
      spawnSync('sh', ['-c', `${decoder} -dc ${xml}.bz2 > /dev/null`]);
      alone = (xmlSize / MB / ((performance.now() - t0) / 1000)).toFixed(1);
    }
    const t0 = performance.now();
    for await (const page of readDump(`${xml}.bz2`, { bzip2Decoder: decoder })) {
      for await (const _ of page.revisions) {
        // read every revision
      }
    }
    const through = xmlSize / MB / ((performance.now() - t0) / 1000);
    console.log(
      `| ${decoder === 'js' ? 'unbzip2-stream (JavaScript)' : decoder} | ${alone} | ${through.toFixed(1)} |`,
    );
  }
  const compressed = readFileSync(`${xml}.bz2`);
  const t0 = performance.now();
  seekBzip.decode(compressed, undefined, true);
  console.log(
    `| seek-bzip (whole buffer, not streaming) | ${(xmlSize / MB / ((performance.now() - t0) / 1000)).toFixed(1)} | — |`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// Peak RSS in fresh processes.
const child = (bytes: number, perPage: number) => {
  const out = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'dump-rss-child.ts'),
      String(bytes),
      String(perPage),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(out) as { bytes: number; revisions: number; seconds: number; maxRssMb: number };
};
console.log('\n| streamed dump (2 KB texts) | revisions | MB/s | peak RSS |');
console.log('| --- | ---: | ---: | ---: |');
const cases: [string, number, number][] = [
  ['200 MB, 50 revisions a page', 200 * MB, 50],
  ['330 MB, a first page of 100,000 revisions', 330 * MB, 100_000],
];
if (process.env.WIKIREV_BENCH_DUMP_BIG !== '0')
  cases.push(['2 GB, 50 revisions a page', 2000 * MB, 50]);
for (const [name, bytes, perPage] of cases) {
  const r = child(bytes, perPage);
  console.log(
    `| ${name} | ${r.revisions} | ${(r.bytes / MB / r.seconds).toFixed(1)} | ${r.maxRssMb.toFixed(0)} MB |`,
  );
}

// analyzeDumpPage: pair by pair (past a 64 KiB hold limit) against the page held whole.
const analyze = (revisions: number, textSize: number, mode: string, every: number) => {
  const script = join(import.meta.dirname, '..', 'test', 'helpers', 'dump-analyze-child.ts');
  const args = ['--expose-gc', '--import', 'tsx', script, String(revisions), String(textSize)];
  const out = execFileSync(process.execPath, [...args, mode, String(every)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out) as {
    revisions: number;
    bytes: number;
    cpuSeconds: number;
    peakLiveMb: number;
    maxRssMb: number;
  };
};
console.log(
  '\n| analyzeDumpPage, one page, diffs off | mode | MB read | CPU s | peak live heap | peak RSS |',
);
console.log('| --- | --- | ---: | ---: | ---: | ---: |');
for (const [name, revisions, textSize, every] of [
  ['4 revisions of 1.5 MB', 4, 1_500_000, 1],
  ['40 revisions of 1.5 MB', 40, 1_500_000, 1],
  ['10,000 revisions of ~50 B', 10_000, 1, 1000],
  ['100,000 revisions of ~50 B', 100_000, 1, 5000],
] as const) {
  for (const mode of ['pairs', 'whole']) {
    if (mode === 'whole' && revisions >= 10_000) continue;
    const r = analyze(revisions, textSize, mode, every);
    console.log(
      `| ${name} | ${mode === 'pairs' ? 'pair by pair' : 'held whole'} | ${(r.bytes / MB).toFixed(0)} | ${r.cpuSeconds.toFixed(1)} | ${r.peakLiveMb.toFixed(1)} MB | ${r.maxRssMb.toFixed(0)} MB |`,
    );
  }
}
