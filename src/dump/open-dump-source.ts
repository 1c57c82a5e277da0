/**
 * Opens a dump source as a stream of uncompressed chunks: plain XML, gzip (node:zlib), bzip2
 * (`lbzip2 -dc` or `bzip2 -dc`, else unbzip2-stream in JavaScript) and 7z (`7z e -so`),
 * recognised by their magic bytes. The one place that spawns decompressors and the one import
 * of unbzip2-stream; every child process and file is released by `close()`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, type ReadStream, readFileSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import unbzip2Stream from 'unbzip2-stream';
import { WikirevError } from '../errors.js';
import { fileUnreadable } from './file-unreadable.js';
import { readFileChunks } from './read-file-chunks.js';

/** Where a dump is read from. */
export type DumpSource =
  | string
  | URL
  | Readable
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array>;

/** How a dump was compressed. */
export type DumpCompression = 'none' | 'gzip' | 'bzip2' | '7z';

/** Which bzip2 decoder to use: `auto` takes `lbzip2`, else `bzip2`, else the JavaScript one. */
export type Bzip2Decoder = 'auto' | 'lbzip2' | 'bzip2' | 'js';

/** An opened source. */
export interface OpenedDumpSource {
  readonly compression: DumpCompression;
  /** The program or library decompressing (`lbzip2`, `node:zlib`…), or `null`. */
  readonly decoder: string | null;
  readonly chunks: AsyncIterator<Buffer>;
  /** Bytes of the input (compressed) consumed so far, or `null` where it cannot be told. */
  position(): number | null;
  /** The size of a file source in bytes, or `null` for a stream. */
  readonly size: number | null;
  /** Stops reading: kills a decompressor, closes the file. Safe to call twice. */
  close(): Promise<void>;
}

const CHUNK = 1 << 20;

/** The path of `program` on PATH, or `null`. */
export function findProgram(program: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const path = join(dir, program);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * The compression a file's first bytes say (magic bytes), `none` for anything else.
 *
 * @example
 * ```ts
 * compressionOf(new Uint8Array([0x1f, 0x8b, 8])) // 'gzip'
 * ```
 */
export function compressionOf(head: Uint8Array): DumpCompression {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x42 && head[1] === 0x5a && head[2] === 0x68) return 'bzip2';
  if (
    head[0] === 0x37 &&
    head[1] === 0x7a &&
    head[2] === 0xbc &&
    head[3] === 0xaf &&
    head[4] === 0x27 &&
    head[5] === 0x1c
  ) {
    return '7z';
  }
  return 'none';
}

const EXTENSIONS: Readonly<Record<string, DumpCompression>> = {
  '.gz': 'gzip',
  '.bz2': 'bzip2',
  '.7z': '7z',
};

function extensionOf(path: string): DumpCompression | null {
  const match = /\.(gz|bz2|7z)$/i.exec(path);
  return match === null ? null : (EXTENSIONS[`.${match[1]!.toLowerCase()}`] ?? null);
}

const asBuffer = (chunk: Uint8Array | string): Buffer =>
  typeof chunk === 'string'
    ? Buffer.from(chunk, 'utf8')
    : Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);

function decompressionError(what: string, error: unknown): WikirevError {
  if (error instanceof WikirevError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new WikirevError('DECOMPRESSION_FAILED', `${what}: ${message}`);
}

/** Chunks of a Node stream, with its errors as DECOMPRESSION_FAILED when it decompresses. */
async function* streamChunks(stream: Readable, what: string | null): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of stream) yield asBuffer(chunk as Uint8Array);
  } catch (error) {
    throw what === null ? error : decompressionError(what, error);
  }
}

/**
 * unbzip2-stream is a classic (pre-streams2) `through` stream, which closes before its output
 * is read: its data is moved into a PassThrough by hand, with backpressure.
 */
function jsBunzip(input: Readable): Readable {
  const decoder = unbzip2Stream();
  const output = new PassThrough({ highWaterMark: CHUNK });
  input.once('error', (error) => output.destroy(error));
  decoder.on('error', (error) => output.destroy(error));
  decoder.on('data', (data: Buffer) => {
    if (!output.write(data)) decoder.pause();
  });
  output.on('drain', () => decoder.resume());
  decoder.on('end', () => output.end());
  output.once('close', () => input.destroy());
  input.pipe(decoder);
  return output;
}

function pickBzip2(choice: Bzip2Decoder): string {
  if (choice === 'js') return 'js';
  if (choice !== 'auto') {
    if (findProgram(choice) === null) {
      throw new WikirevError(
        'DECOMPRESSOR_MISSING',
        `${choice} is not installed (apt-get install ${choice}), or use bzip2Decoder: 'auto'`,
      );
    }
    return choice;
  }
  return findProgram('lbzip2') !== null ? 'lbzip2' : findProgram('bzip2') !== null ? 'bzip2' : 'js';
}

/**
 * How far a decompressor child has read its input, from Linux's /proc: the position of the
 * file it shares with us (`fdinfo`), else the bytes it has read (`io`, for 7z reading the path
 * itself); `null` elsewhere.
 */
function childPosition(child: ChildProcess, sharedFd: number | null): number | null {
  try {
    if (sharedFd !== null) {
      const info = readFileSync(`/proc/self/fdinfo/${sharedFd}`, 'latin1');
      const pos = /^pos:\s*(\d+)/m.exec(info);
      if (pos !== null) return Number(pos[1]);
    }
    if (child.pid === undefined || child.exitCode !== null) return null;
    const io = /^rchar:\s*(\d+)/m.exec(readFileSync(`/proc/${child.pid}/io`, 'latin1'));
    return io === null ? null : Number(io[1]);
  } catch {
    return null;
  }
}

/**
 * What a decompressor's stderr means, on one line: 7z's lines naming the archive, its `ERROR:`
 * headings and a `program: stdin:` prefix left out (the error is placed at the file already).
 */
function childMessage(stderr: string, program: string, path: string | null): string {
  const said: string[] = [];
  for (const raw of stderr.split(/\r?\n/)) {
    let line = raw.trim().replace(/^(open )?errors?:\s*/i, '');
    for (const prefix of [`${program}: `, 'stdin: ']) {
      if (line.startsWith(prefix)) line = line.slice(prefix.length);
    }
    if (line === '' || line === path || said.includes(line)) continue;
    said.push(line);
  }
  return said.join('; ').slice(0, 500);
}

/** A decompressor child: its stdout as chunks; its exit status checked at the end. */
function childChunks(
  child: ChildProcess,
  program: string,
  path: string | null = null,
): AsyncGenerator<Buffer> {
  let stderr = '';
  child.stderr?.on('data', (data: Buffer) => {
    if (stderr.length < 2000) stderr += data.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: string | null; error?: Error }>(
    (resolve) => {
      child.once('error', (error) => resolve({ code: null, signal: null, error }));
      child.once('close', (code, signal) => resolve({ code, signal }));
    },
  );
  return (async function* () {
    for await (const chunk of child.stdout!) yield asBuffer(chunk as Uint8Array);
    const status = await exited;
    if (status.error !== undefined || status.code !== 0) {
      const why =
        status.error?.message ??
        (status.code === null ? `killed by ${status.signal}` : `exit code ${status.code}`);
      throw new WikirevError(
        'DECOMPRESSION_FAILED',
        `${program} failed (${why})${stderr.trim() === '' ? '' : `: ${childMessage(stderr, program, path)}`}`,
      );
    }
  })();
}

async function stopChild(child: ChildProcess | null): Promise<void> {
  if (child === null) return;
  child.stdout?.destroy();
  child.stderr?.destroy();
  if (child.exitCode === null && child.signalCode === null) {
    const closed = new Promise((resolve) => child.once('close', resolve));
    child.kill('SIGTERM');
    await closed;
  }
}

/** Writes `input` to a child's stdin with backpressure; errors after a kill are expected. */
async function pump(input: AsyncIterator<Buffer>, child: ChildProcess): Promise<void> {
  const stdin = child.stdin!;
  stdin.on('error', () => {
    // EPIPE when the decompressor stops first: its own exit status tells what happened.
  });
  try {
    for (;;) {
      const next = await input.next();
      if (next.done) break;
      if (stdin.destroyed) return;
      if (!stdin.write(next.value)) {
        await new Promise((resolve) => {
          stdin.once('drain', resolve);
          stdin.once('close', resolve);
        });
      }
    }
    stdin.end();
  } catch {
    stdin.destroy();
  }
}

/** Options of {@link openDumpSource}. */
export interface OpenDumpSourceOptions {
  /** @default 'auto' */
  readonly bzip2Decoder?: Bzip2Decoder;
}

/**
 * Opens `source` and starts decompressing it as its magic bytes say.
 *
 * @example
 * ```ts
 * const opened = await openDumpSource('pages.xml.bz2');
 * opened.decoder // 'lbzip2'
 * await opened.close();
 * ```
 */
export async function openDumpSource(
  source: DumpSource,
  options: OpenDumpSourceOptions = {},
): Promise<OpenedDumpSource> {
  const bzip2 = options.bzip2Decoder ?? 'auto';
  if (!['auto', 'lbzip2', 'bzip2', 'js'].includes(bzip2)) {
    throw new RangeError(`readDump: options.bzip2Decoder must be auto, lbzip2, bzip2 or js`);
  }
  if (typeof source === 'string' || source instanceof URL) {
    return openFile(typeof source === 'string' ? source : urlPath(source), bzip2);
  }
  return openStream(source, bzip2);
}

function urlPath(url: URL): string {
  if (url.protocol !== 'file:') {
    throw new TypeError(`readDump: only file: URLs are read, got ${url.protocol}`);
  }
  return fileURLToPath(url);
}

async function openFile(path: string, bzip2: Bzip2Decoder): Promise<OpenedDumpSource> {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (error) {
    // The path is the error's place (`file`), named once by whoever prints it.
    throw fileUnreadable(path, error);
  }
  let child: ChildProcess | null = null;
  let stream: Readable | null = null;
  const close = async () => {
    stream?.destroy();
    await stopChild(child);
    await file.close().catch(() => undefined);
  };
  try {
    const size = (await file.stat()).size;
    let raw: ReadStream | null = null;
    const rawStream = () => {
      raw = file.createReadStream({ highWaterMark: CHUNK, start: 0, autoClose: false });
      return raw;
    };
    let fd: number | null = null;
    // Plain XML is read by readFileChunks, which counts what it has handed over.
    let plainRead = 0;
    const position = () => {
      const at = child === null ? (raw?.bytesRead ?? plainRead) : childPosition(child, fd);
      // 7z reads its archive's headers more than once.
      return at === null ? null : Math.min(at, size);
    };
    const head = Buffer.alloc(6);
    // A directory opens on Linux and fails here (EISDIR): worded as a file that cannot be opened.
    const { bytesRead } = await file
      .read(head, 0, 6, 0)
      .catch((error: unknown) => Promise.reject(fileUnreadable(path, error)));
    const compression = compressionOf(head.subarray(0, bytesRead));
    const opened = (decoder: string | null, chunks: AsyncIterator<Buffer>): OpenedDumpSource => ({
      compression,
      decoder,
      chunks,
      position,
      size,
      close,
    });
    const named = extensionOf(path);
    if (named !== null && named !== compression) {
      throw new WikirevError(
        'DECOMPRESSION_FAILED',
        `its name says ${named} but its content is ${compression === 'none' ? 'not compressed' : compression}`,
      );
    }
    switch (compression) {
      case 'none':
        return opened(
          null,
          readFileChunks(file, 0, Number.POSITIVE_INFINITY, (bytes) => {
            plainRead += bytes;
          }),
        );
      case 'gzip': {
        const input = rawStream();
        stream = input.pipe(createGunzip({ chunkSize: 256 * 1024 }));
        input.once('error', (error) => stream?.destroy(error));
        return opened('node:zlib', streamChunks(stream, 'gunzip'));
      }
      case 'bzip2': {
        const program = pickBzip2(bzip2);
        if (program === 'js') {
          stream = jsBunzip(rawStream());
          return opened('unbzip2-stream', streamChunks(stream, 'unbzip2-stream'));
        }
        // The child reads our descriptor: the file position we share is its progress.
        fd = file.fd;
        child = spawn(program, ['-dc'], { stdio: [file.fd, 'pipe', 'pipe'] });
        return opened(program, childChunks(child, program, path));
      }
      case '7z': {
        const program =
          findProgram('7z') !== null ? '7z' : findProgram('7za') !== null ? '7za' : null;
        if (program === null) {
          throw new WikirevError(
            'DECOMPRESSOR_MISSING',
            'a 7z archive, and neither 7z nor 7za is installed (Debian: apt-get install p7zip-full)',
          );
        }
        // -so: to stdout; -bd: no progress; -bb0: no file list. 7z reads the archive itself.
        child = spawn(program, ['e', '-so', '-bd', '-bb0', path], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        return opened(program, childChunks(child, program, path));
      }
      default:
        return compression satisfies never;
    }
  } catch (error) {
    await close();
    throw error;
  }
}

async function openStream(
  source: Readable | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  bzip2: Bzip2Decoder,
): Promise<OpenedDumpSource> {
  if (!(Symbol.asyncIterator in source) && !('getReader' in source)) {
    throw new TypeError(
      'readDump: source must be a path, a file: URL, a Readable, a ReadableStream or an AsyncIterable<Uint8Array>',
    );
  }
  const iterable: AsyncIterable<Uint8Array> =
    Symbol.asyncIterator in source
      ? source
      : Readable.fromWeb(source as import('node:stream/web').ReadableStream<Uint8Array>);
  const input = iterable[Symbol.asyncIterator]();
  let child: ChildProcess | null = null;
  let stream: Readable | null = null;
  const close = async () => {
    stream?.destroy();
    await stopChild(child);
    await input.return?.();
    if (source instanceof Readable) source.destroy();
  };
  try {
    // Enough bytes to tell the compression.
    const head: Buffer[] = [];
    let headBytes = 0;
    while (headBytes < 6) {
      const next = await input.next();
      if (next.done) break;
      const chunk = asBuffer(next.value);
      head.push(chunk);
      headBytes += chunk.length;
    }
    const first = Buffer.concat(head);
    const compression = compressionOf(first);
    let consumed = 0;
    const opened = (decoder: string | null, chunks: AsyncIterator<Buffer>): OpenedDumpSource => ({
      compression,
      decoder,
      chunks,
      position: () => consumed,
      size: null,
      close,
    });
    let sent = false;
    const all: AsyncIterator<Buffer> = {
      next: async () => {
        if (!sent) {
          sent = true;
          consumed += first.length;
          if (first.length > 0) return { done: false, value: first };
        }
        const next = await input.next();
        if (next.done) return { done: true, value: undefined };
        const value = asBuffer(next.value);
        consumed += value.length;
        return { done: false, value };
      },
    };
    const allIterable = { [Symbol.asyncIterator]: () => all };
    switch (compression) {
      case 'none':
        return opened(
          null,
          (async function* () {
            yield* allIterable;
          })(),
        );
      case 'gzip':
        stream = Readable.from(allIterable).pipe(createGunzip({ chunkSize: 256 * 1024 }));
        return opened('node:zlib', streamChunks(stream, 'gunzip'));
      case 'bzip2': {
        const program = pickBzip2(bzip2);
        if (program === 'js') {
          stream = jsBunzip(Readable.from(allIterable));
          return opened('unbzip2-stream', streamChunks(stream, 'unbzip2-stream'));
        }
        child = spawn(program, ['-dc'], { stdio: ['pipe', 'pipe', 'pipe'] });
        void pump(all, child);
        return opened(program, childChunks(child, program));
      }
      case '7z':
        throw new WikirevError(
          'DECOMPRESSION_FAILED',
          '7z archives are read from a file path only (7z needs to seek): pass the path',
        );
      default:
        return compression satisfies never;
    }
  } catch (error) {
    await close();
    throw error;
  }
}
