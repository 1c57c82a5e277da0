/**
 * Per-revision rows to a Parquet file, row group by row group: the one import of
 * hyparquet-writer (chosen by `npm run bench -- parquet`, docs/17-scaling.md).
 */
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import { REVISION_COLUMNS, type RevisionRow } from '../index.js';

type Column = (typeof REVISION_COLUMNS)[number];
type ParquetType = 'INT32' | 'INT64' | 'STRING' | 'BOOLEAN' | 'DOUBLE';

/** The Parquet type of each column (all nullable: `null` is an unknown value). */
const TYPES: Readonly<Record<Column, ParquetType>> = {
  pageId: 'INT64',
  namespace: 'INT32',
  title: 'STRING',
  revisionId: 'INT64',
  parentId: 'INT64',
  timestamp: 'STRING',
  user: 'STRING',
  userId: 'INT64',
  anonymous: 'BOOLEAN',
  minor: 'BOOLEAN',
  bytes: 'INT64',
  bytesDelta: 'INT64',
  linesAdded: 'INT32',
  linesRemoved: 'INT32',
  wordsAdded: 'INT32',
  wordsRemoved: 'INT32',
  movedLines: 'INT32',
  sectionsTouched: 'INT32',
  // A JSON array as text: every reader takes it (DuckDB: `sections::JSON`).
  sections: 'STRING',
  revertKind: 'STRING',
  revertRestores: 'INT64',
  sha1: 'STRING',
  tokens: 'INT32',
  tokensAdded: 'INT32',
  tokensRemoved: 'INT32',
  userShare: 'DOUBLE',
};

const SCHEMA = [
  { name: 'root', num_children: REVISION_COLUMNS.length },
  ...REVISION_COLUMNS.map((name) => {
    const type = TYPES[name];
    const base = { name, repetition_type: 'OPTIONAL' as const };
    switch (type) {
      case 'STRING':
        return { ...base, type: 'BYTE_ARRAY' as const, converted_type: 'UTF8' as const };
      default:
        return { ...base, type };
    }
  }),
];

/** Rows in a row group (about 20 MB of column data at ~200 bytes a row). */
const ROW_GROUP = 100_000;

/**
 * Writes rows as Parquet through `sink`, a row group at a time, so memory holds one group.
 * `add` rows in order, then `finish`.
 */
export class RevisionParquetWriter {
  readonly #sink: (bytes: Uint8Array) => Promise<void>;
  readonly #bytes: ByteWriter;
  readonly #writer: ParquetWriter;
  #columns: Record<Column, unknown[]>;
  #count = 0;

  constructor(sink: (bytes: Uint8Array) => Promise<void>) {
    this.#sink = sink;
    this.#columns = RevisionParquetWriter.#empty();
    const bytes = new ByteWriter();
    // Hand each row group's bytes to the sink, then reuse the buffer.
    Object.assign(bytes, {
      flush: async () => {
        const chunk = new Uint8Array(bytes.buffer, 0, bytes.index).slice();
        bytes.index = 0;
        await this.#sink(chunk);
      },
    });
    this.#bytes = bytes;
    this.#writer = new ParquetWriter({
      writer: bytes,
      schema: SCHEMA,
      createdBy: 'wikirev',
    });
  }

  static #empty(): Record<Column, unknown[]> {
    return Object.fromEntries(REVISION_COLUMNS.map((c) => [c, []])) as unknown as Record<
      Column,
      unknown[]
    >;
  }

  async add(row: RevisionRow): Promise<void> {
    for (const c of REVISION_COLUMNS) {
      const value = row[c];
      this.#columns[c].push(
        TYPES[c] === 'INT64' && typeof value === 'number' ? BigInt(value) : value,
      );
    }
    if (++this.#count >= ROW_GROUP) await this.#flush();
  }

  async #flush(): Promise<void> {
    if (this.#count === 0) return;
    const columns = this.#columns;
    this.#columns = RevisionParquetWriter.#empty();
    const rows = this.#count;
    this.#count = 0;
    await this.#writer.write({
      columnData: REVISION_COLUMNS.map((name) => ({ name, data: columns[name] })),
      rowGroupSize: rows,
    });
  }

  async finish(): Promise<void> {
    await this.#flush();
    this.#writer.finish();
    const chunk = new Uint8Array(this.#bytes.buffer, 0, this.#bytes.index).slice();
    this.#bytes.index = 0;
    await this.#sink(chunk);
  }
}
