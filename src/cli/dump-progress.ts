/**
 * The progress line of commands reading dumps: how far into the file (the compressed position
 * for a compressed one) out of its size, pages, revisions, MB/s and the time left, throttled,
 * through `run()`'s one progress line.
 */
import type { DumpReader } from '../dump.js';
import type { CommandIo } from './cli-io.js';

/** Where reading stands. */
export interface DumpProgressState {
  readonly file: string;
  /** Bytes of the file read (compressed), or `null` where unknown. */
  readonly position: number | null;
  /** The file's size, or `null` for a stream. */
  readonly total: number | null;
  /** Uncompressed bytes read. */
  readonly bytes: number;
  readonly pages: number;
  readonly revisions: number;
  /** Seconds since reading started. */
  readonly seconds: number;
}

const MB = 1e6;

function duration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s % 60)}` : `${m}:${two(s % 60)}`;
}

const size = (bytes: number) =>
  bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / MB).toFixed(1)} MB`;

/**
 * The text of the progress line.
 *
 * @example
 * ```ts
 * progressLine({ file: 'a.xml.bz2', position: 5e8, total: 2e9, bytes: 2.5e9, pages: 1200,
 *   revisions: 56000, seconds: 100 })
 * // 'a.xml.bz2: 25% of 2.00 GB, 1,200 pages, 56,000 revisions, 25.0 MB/s, 5:00 left'
 * ```
 */
export function progressLine(state: DumpProgressState): string {
  const { position, total, seconds } = state;
  const count = (n: number) => n.toLocaleString('en-US');
  const rate = `${(state.bytes / MB / Math.max(seconds, 0.001)).toFixed(1)} MB/s`;
  const counts = `${count(state.pages)} pages, ${count(state.revisions)} revisions, ${rate}`;
  if (position === null || total === null || total === 0) {
    return `${state.file}: ${size(state.bytes)} read, ${counts}`;
  }
  const done = Math.min(position / total, 1);
  const left = done > 0 ? (seconds * (1 - done)) / done : null;
  return `${state.file}: ${Math.floor(done * 100)}% of ${size(total)}, ${counts}${
    left === null ? '' : `, ${duration(left)} left`
  }`;
}

/** A throttled progress line (at most four updates a second), off when `enabled` is false. */
export function dumpProgress(io: CommandIo, enabled: boolean) {
  let start = Date.now();
  let last = 0;
  let shown = false;
  return {
    /** Restarts the clock for the next file. */
    start() {
      start = Date.now();
      last = 0;
    },
    update(file: string, reader: DumpReader, pages: number, revisions: number) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 250) return;
      last = now;
      shown = true;
      io.progress(
        progressLine({
          file,
          position: reader.sourceBytesRead,
          total: reader.sourceBytes,
          bytes: reader.bytesRead,
          pages,
          revisions,
          seconds: (now - start) / 1000,
        }),
      );
    },
    done() {
      if (shown) io.progress('');
    },
  };
}
