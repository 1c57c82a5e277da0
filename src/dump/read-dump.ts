/**
 * `readDump`: a MediaWiki XML export dump as an async iterable of pages, each with an async
 * iterable of revisions, read lazily from a file or stream (compressed or not) in flat memory.
 */
import { type Diagnostic, WikirevError } from '../errors.js';
import { limitOption } from '../limits.js';
import type { DumpLogItem, DumpPage, DumpRevision, DumpSiteInfo } from './dump-model.js';
import { type DumpEvent, DumpParser } from './dump-parser.js';
import {
  type Bzip2Decoder,
  type DumpCompression,
  type DumpSource,
  type OpenedDumpSource,
  openDumpSource,
} from './open-dump-source.js';
import { XmlScanner } from './xml-scanner.js';

/** Options of {@link readDump}. */
export interface ReadDumpOptions {
  /**
   * Bytes of one element's text (a revision text, a title, a comment); past it a revision text
   * is an `ENTRY_TOO_LARGE` error or skipped (see `entryTooLarge`), anything else an error.
   * @default DEFAULT_LIMITS.maxEntryBytes (64 MiB)
   */
  readonly maxEntryBytes?: number;
  /**
   * What a revision text over `maxEntryBytes` does: `'throw'` a `WikirevError`
   * `ENTRY_TOO_LARGE`, or `'skip'` it (text `null`, a `DUMP_TEXT_SKIPPED` diagnostic on the
   * revision). Either way it is never held whole.
   * @default 'throw'
   */
  readonly entryTooLarge?: 'throw' | 'skip';
  /**
   * Hash each text and compare it with the dump's SHA-1.
   * @default true
   */
  readonly verifySha1?: boolean;
  /**
   * What a text whose SHA-1 differs from the dump's does: `'report'` a `DUMP_SHA1_MISMATCH`
   * diagnostic on the revision, or `'throw'` a `WikirevError` `SHA1_MISMATCH`. MediaWiki
   * writes texts NFC-normalised but the SHA-1 of the stored bytes, so a text stored in another
   * normal form mismatches in genuine dumps.
   * @default 'report'
   */
  readonly sha1Mismatch?: 'report' | 'throw';
  /**
   * Read a byte range of a dump: a run of `<page>` (or `<logitem>`) elements, with or without
   * the dump's opening `<mediawiki>`/`<siteinfo>` and closing `</mediawiki>` — e.g. one bzip2
   * stream group of a Wikimedia multistream file, or a file split at page boundaries. The
   * siteinfo is then all `null` unless the range holds it.
   * @default false
   */
  readonly fragment?: boolean;
  /**
   * The bzip2 decoder: `'auto'` uses `lbzip2` (all cores), else `bzip2`, else unbzip2-stream
   * (JavaScript, no tool needed, slower).
   * @default 'auto'
   */
  readonly bzip2Decoder?: Bzip2Decoder;
}

/** A dump being read. Iterate it for pages, or call `logItems()` for a log dump. */
export interface DumpReader extends AsyncIterable<DumpPage> {
  /** The `<siteinfo>`; reads only up to it (nothing is lost for the iteration). */
  siteinfo(): Promise<DumpSiteInfo>;
  /** The `<logitem>`s of a log dump (`dumpBackup.php --logs`); pages are skipped. */
  logItems(): AsyncIterable<DumpLogItem>;
  /** Uncompressed bytes read so far (for progress). */
  readonly bytesRead: number;
  /**
   * Bytes of the input itself read so far: the compressed position in a compressed file
   * (for bzip2 and 7z, as far as the decompressor has read, from Linux's `/proc`), to set
   * against {@link DumpReader.sourceBytes} for progress; `null` before reading or where it
   * cannot be told.
   */
  readonly sourceBytesRead: number | null;
  /** The size of a file source in bytes (known once reading started), `null` for a stream. */
  readonly sourceBytes: number | null;
  /** How the input is compressed, known once reading started (`null` before). */
  readonly compression: DumpCompression | null;
  /** The decompressor in use (`lbzip2`, `node:zlib`, `unbzip2-stream`…), or `null`. */
  readonly decoder: string | null;
  /**
   * Dump-level notes: `DUMP_LOG_ITEMS_SKIPPED` / `DUMP_PAGES_SKIPPED` when one kind was
   * iterated and the dump held the other. Revision problems are on each revision.
   */
  readonly diagnostics: readonly Diagnostic[];
  /** Stops reading and releases the file and any decompressor process. */
  close(): Promise<void>;
}

interface PageState {
  readonly title: string;
  started: boolean;
  finished: boolean;
  skipped: boolean;
}

/**
 * Checks that the input's first non-space byte (after a BOM) is `<`: a file that is not XML is
 * said so, rather than by a tag its content happens to hold. Returns the bytes to keep until
 * that byte is seen (at most 3: a BOM cut across chunks), or `null` once it was.
 */
function checkStart(head: Buffer): Buffer | null {
  const bom = [0xef, 0xbb, 0xbf];
  const bomLength = bom.findIndex((byte, i) => head[i] !== byte);
  if (bomLength !== -1 && bomLength === head.length) return head;
  let at = bomLength === -1 ? 3 : 0;
  while (at < head.length && (head[at] === 0x20 || (head[at]! >= 0x09 && head[at]! <= 0x0d))) {
    at++;
  }
  const first = head[at];
  if (first === undefined) return head.subarray(0, 3);
  if (first === 0x3c) return null;
  const shown =
    first > 0x20 && first < 0x7f
      ? `'${String.fromCharCode(first)}'`
      : `byte 0x${first.toString(16).padStart(2, '0')}`;
  throw new WikirevError(
    'NOT_A_DUMP',
    `not an XML dump: it starts with ${shown}, where XML starts with '<'`,
  );
}

class Reader implements DumpReader {
  readonly #source: DumpSource;
  readonly #options: ReadDumpOptions;
  readonly #parser: DumpParser;
  readonly #scanner: XmlScanner;
  #opened: OpenedDumpSource | null = null;
  #ended = false;
  /** The input's first bytes until its first non-space byte is seen (`checkStart`). */
  #head: Buffer | null = Buffer.alloc(0);
  #closed = false;
  #iterated = false;
  #lookahead: DumpEvent | undefined;
  #siteinfo: DumpSiteInfo | null = null;
  #current: PageState | null = null;
  readonly diagnostics: Diagnostic[] = [];

  constructor(source: DumpSource, options: ReadDumpOptions) {
    this.#source = source;
    this.#options = options;
    const maxEntryBytes = limitOption('readDump', 'maxEntryBytes', options.maxEntryBytes);
    const entryTooLarge = options.entryTooLarge ?? 'throw';
    if (entryTooLarge !== 'throw' && entryTooLarge !== 'skip') {
      throw new RangeError(`readDump: options.entryTooLarge must be 'throw' or 'skip'`);
    }
    const sha1Mismatch = options.sha1Mismatch ?? 'report';
    if (sha1Mismatch !== 'report' && sha1Mismatch !== 'throw') {
      throw new RangeError(`readDump: options.sha1Mismatch must be 'report' or 'throw'`);
    }
    this.#parser = new DumpParser({
      maxEntryBytes,
      entryTooLarge,
      sha1Mismatch,
      verifySha1: options.verifySha1 ?? true,
      fragment: options.fragment ?? false,
    });
    this.#scanner = new XmlScanner(this.#parser, maxEntryBytes);
  }

  get bytesRead(): number {
    return this.#scanner.offset;
  }

  get sourceBytesRead(): number | null {
    return this.#opened?.position() ?? null;
  }

  get sourceBytes(): number | null {
    return this.#opened?.size ?? null;
  }

  get compression(): DumpCompression | null {
    return this.#opened?.compression ?? null;
  }

  get decoder(): string | null {
    return this.#opened?.decoder ?? null;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#ended = true;
    const opened = this.#opened;
    if (opened !== null) await opened.close();
  }

  /** The next event, reading more input as needed; `undefined` at the end. */
  async #next(): Promise<DumpEvent | undefined> {
    if (this.#lookahead !== undefined) {
      const event = this.#lookahead;
      this.#lookahead = undefined;
      return event;
    }
    for (;;) {
      const event = this.#parser.shift();
      if (event !== undefined) return event;
      if (this.#ended) {
        if (this.#closed && !this.#parser.done) {
          throw new TypeError('readDump: the dump was closed');
        }
        return undefined;
      }
      try {
        if (this.#opened === null) {
          this.#opened = await openDumpSource(this.#source, this.#options);
        }
        const next = await this.#opened.chunks.next();
        if (next.done) {
          this.#scanner.end();
          this.#parser.end();
          this.#ended = true;
          await this.#opened.close();
        } else {
          if (this.#head !== null) {
            const head = this.#head;
            this.#head = checkStart(
              head.length === 0 ? next.value : Buffer.concat([head, next.value]),
            );
          }
          this.#scanner.push(next.value);
        }
      } catch (error) {
        await this.close();
        throw this.#placed(error);
      }
    }
  }

  /** A read error with the file and page as fields (callers build the text from them). */
  #placed(error: unknown): unknown {
    if (!(error instanceof WikirevError) || error.file !== undefined) return error;
    const source = this.#source;
    const file =
      typeof source === 'string' ? source : source instanceof URL ? source.href : undefined;
    const page = this.#parser.openPage;
    return new WikirevError(error.code, error.detail, undefined, {
      file,
      pageId: page?.id ?? undefined,
      title: page?.title ?? undefined,
    });
  }

  async siteinfo(): Promise<DumpSiteInfo> {
    while (this.#siteinfo === null) {
      const event = await this.#next();
      if (event === undefined) throw new WikirevError('NOT_A_DUMP', 'the dump has no content');
      if (event.kind === 'siteinfo') this.#siteinfo = event.siteinfo;
      else {
        this.#lookahead = event;
        return this.#parser.siteinfo;
      }
    }
    return this.#siteinfo;
  }

  /** Reads past the rest of the current page, without building its revisions. */
  async #skipPage(): Promise<void> {
    for (;;) {
      const event = this.#lookahead ?? this.#parser.shift();
      this.#lookahead = undefined;
      if (event === undefined) break;
      if (event.kind === 'pageEnd') return;
    }
    // The parser is still inside the page: it stops building revisions until its end.
    this.#parser.skipPage = true;
    for (;;) {
      const event = await this.#next();
      if (event === undefined || event.kind === 'pageEnd') return;
    }
  }

  #once(): void {
    if (this.#iterated) throw new TypeError('readDump: a dump can be iterated only once');
    this.#iterated = true;
  }

  [Symbol.asyncIterator](): AsyncIterator<DumpPage> {
    this.#once();
    return this.#pages();
  }

  async *#pages(): AsyncGenerator<DumpPage> {
    let skippedLogItems = 0;
    try {
      for (;;) {
        const current = this.#current;
        if (current !== null && !current.finished) {
          current.skipped = true;
          current.finished = true;
          await this.#skipPage();
        }
        this.#current = null;
        const event = await this.#next();
        if (event === undefined) break;
        if (event.kind === 'siteinfo') this.#siteinfo = event.siteinfo;
        else if (event.kind === 'logitem') skippedLogItems++;
        else if (event.kind === 'page') {
          const state: PageState = {
            title: event.page.title,
            started: false,
            finished: false,
            skipped: false,
          };
          this.#current = state;
          yield {
            ...event.page,
            revisions: { [Symbol.asyncIterator]: () => this.#revisions(state) },
          };
        }
      }
      if (skippedLogItems > 0) {
        this.diagnostics.push({
          severity: 'info',
          code: 'DUMP_LOG_ITEMS_SKIPPED',
          message: `the dump also holds ${skippedLogItems} log items (read them with logItems())`,
        });
      }
    } finally {
      await this.close();
    }
  }

  async *#revisions(state: PageState): AsyncGenerator<DumpRevision> {
    if (state.started) {
      throw new TypeError(`readDump: the revisions of "${state.title}" can be iterated only once`);
    }
    state.started = true;
    if (state.skipped || state !== this.#current) {
      throw new TypeError(
        `readDump: the revisions of "${state.title}" were skipped: iterate a page's revisions before asking for the next page`,
      );
    }
    for (;;) {
      const event = await this.#next();
      if (event === undefined || event.kind === 'pageEnd') {
        state.finished = true;
        return;
      }
      if (event.kind === 'revision') yield event.revision;
    }
  }

  logItems(): AsyncIterable<DumpLogItem> {
    this.#once();
    return { [Symbol.asyncIterator]: () => this.#logItems() };
  }

  async *#logItems(): AsyncGenerator<DumpLogItem> {
    let skippedPages = 0;
    try {
      for (;;) {
        const event = await this.#next();
        if (event === undefined) break;
        if (event.kind === 'siteinfo') this.#siteinfo = event.siteinfo;
        else if (event.kind === 'logitem') yield event.item;
        else if (event.kind === 'page') {
          skippedPages++;
          await this.#skipPage();
        }
      }
      if (skippedPages > 0) {
        this.diagnostics.push({
          severity: 'info',
          code: 'DUMP_PAGES_SKIPPED',
          message: `the dump also holds ${skippedPages} pages (iterate the reader for them)`,
        });
      }
    } finally {
      await this.close();
    }
  }
}

/**
 * Reads a MediaWiki XML export dump (`dumpBackup.php`, `Special:Export`, the Wikimedia dumps;
 * schema 0.3–0.11), plain or compressed (gzip, bzip2 including multistream, 7z), lazily: only
 * the page and revision being read are held.
 *
 * @param source - A path, a `file:` URL, a Node `Readable`, a web `ReadableStream` or an
 *   `AsyncIterable<Uint8Array>`.
 * @param options - Limits, SHA-1 checking, the bzip2 decoder.
 * @returns A {@link DumpReader}: iterate it for pages, and each page's `revisions` for its
 *   revisions. Breaking out of the loop closes the file and stops any decompressor.
 * @example
 * ```ts
 * import { readDump } from 'wikirev/dump';
 * const dump = readDump('fixtures/dump-mediawiki-1.39/full-0.11.xml.bz2');
 * (await dump.siteinfo()).generator // 'MediaWiki 1.39.17'
 * for await (const page of dump) {
 *   for await (const revision of page.revisions) console.log(page.title, revision.id, revision.size);
 * }
 * ```
 */
export function readDump(source: DumpSource, options: ReadDumpOptions = {}): DumpReader {
  if (source === null || source === undefined) {
    throw new TypeError('readDump: source is required');
  }
  return new Reader(source, options);
}
