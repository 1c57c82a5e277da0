/**
 * Turns the scanner's tags and text into dump events (siteinfo, page, revision, page end, log
 * item), synchronously, into a queue the async reader drains. Elements the dump schemas
 * (0.3–0.11) define but wikirev does not use (`<upload>`, `<discussionthreadinginfo>`) and
 * unknown ones are skipped whole.
 */
import { isUtf8 } from 'node:buffer';
import { type Diagnostic, WikirevError } from '../errors.js';
import { limitExceeded } from '../limits.js';
import { decodeXmlBytes, decodeXmlText } from './decode-xml-text.js';
import type {
  DumpDeleted,
  DumpLogItem,
  DumpNamespace,
  DumpRevision,
  DumpSiteInfo,
  DumpSlot,
} from './dump-model.js';
import { base36ToHex, bytesSha1 } from './dump-sha1.js';
import type { ScanHandler } from './xml-scanner.js';

/** A page's own fields, known once its first revision starts. */
export interface DumpPageHeader {
  readonly id: number;
  readonly namespace: number;
  readonly title: string;
  readonly redirect: string | null;
  readonly restrictions: string | null;
}

/** What the parser hands to the reader, in document order. */
export type DumpEvent =
  | { readonly kind: 'siteinfo'; readonly siteinfo: DumpSiteInfo }
  | { readonly kind: 'page'; readonly page: DumpPageHeader }
  | { readonly kind: 'revision'; readonly revision: DumpRevision }
  | { readonly kind: 'pageEnd' }
  | { readonly kind: 'logitem'; readonly item: DumpLogItem };

/** How the parser treats texts. */
export interface DumpParserOptions {
  readonly maxEntryBytes: number;
  readonly entryTooLarge: 'throw' | 'skip';
  readonly sha1Mismatch: 'report' | 'throw';
  readonly verifySha1: boolean;
  /** The input is a run of pages (a byte range of a dump), its root element optional. */
  readonly fragment: boolean;
}

/** Where an element is: decides what its children mean. */
enum Ctx {
  Root,
  MediaWiki,
  SiteInfo,
  Namespaces,
  Page,
  Revision,
  Contributor,
  Content,
  LogItem,
  Skip,
  /** A leaf whose text is collected. */
  Field,
}

const EMPTY = Buffer.alloc(0);

/** What #openOuter returns for the root of a fragment that starts at the dump's beginning. */
const NOT_OPENED = -1;

/** A revision or slot text being read. */
interface TextBuild {
  bytes: number | null;
  sha1: string | null;
  deleted: boolean;
  /** A stub dump's `<text id=… />` (or 0.11 `location`): the content is elsewhere. */
  stub: boolean;
  text: string | null;
  /** SHA-1 and UTF-8 size of the decoded text, when read. */
  actualSha1: string | null;
  size: number | null;
  skipped: boolean;
}

interface SlotBuild {
  role: string;
  origin: number | null;
  model: string | null;
  format: string | null;
  text: TextBuild | null;
}

interface RevisionBuild {
  id: number | null;
  parentId: number | null;
  timestamp: string | null;
  user: string | null;
  userId: number | null;
  anonymous: boolean;
  comment: string;
  deleted: { text: boolean; comment: boolean; user: boolean };
  minor: boolean;
  main: SlotBuild;
  sha1: string | null;
  slots: SlotBuild[];
  /** Log items only. */
  type: string | null;
  action: string | null;
  title: string | null;
  params: string | null;
}

const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attributesOf(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  if (raw === '') return out;
  for (const m of raw.matchAll(ATTRIBUTE)) {
    out.set(m[1]!, decodeXmlText(m[2] ?? m[3] ?? '', `attribute ${m[1]}`));
  }
  return out;
}

function integer(value: string, what: string): number {
  const trimmed = value.trim();
  if (!/^-?[0-9]+$/.test(trimmed)) {
    throw new WikirevError('NOT_A_DUMP', `${what} is not an integer: "${trimmed.slice(0, 40)}"`);
  }
  const n = Number(trimmed);
  // Past 2^53 - 1 two ids would read as one number (MediaWiki's own ids are 32-bit).
  if (!Number.isSafeInteger(n)) {
    throw new WikirevError(
      'NOT_A_DUMP',
      `${what} ${trimmed.slice(0, 40)} is too large to be read exactly (over 2^53 - 1)`,
    );
  }
  return n;
}

const newSlot = (role: string): SlotBuild => ({
  role,
  origin: null,
  model: null,
  format: null,
  text: null,
});

const newRevision = (): RevisionBuild => ({
  id: null,
  parentId: null,
  timestamp: null,
  user: null,
  userId: null,
  anonymous: false,
  comment: '',
  deleted: { text: false, comment: false, user: false },
  minor: false,
  main: newSlot('main'),
  sha1: null,
  slots: [],
  type: null,
  action: null,
  title: null,
  params: null,
});

/**
 * An empty array already of V8's object element kind: a parser's arrays born `[]` (small
 * integers) and given a string or an object later deoptimised the hot code that fills them,
 * once in every file (docs/17-scaling.md).
 */
function objectArray<T>(): T[] {
  const array: unknown[] = [null];
  array.pop();
  return array as T[];
}

/** The dump parser: a {@link ScanHandler} that queues {@link DumpEvent}s. */
export class DumpParser implements ScanHandler {
  wantsText = false;
  /** Set by the reader when the consumer moves past a page: its revisions are not built. */
  skipPage = false;

  readonly #options: DumpParserOptions;
  readonly #events: DumpEvent[] = objectArray();
  #head = 0;
  readonly #ctx: Ctx[] = [Ctx.Root];
  readonly #names: string[] = objectArray();
  #done = false;

  // Text of the current field.
  #field = '';
  #parts: Buffer[] = [];
  #partBytes = 0;
  /** The last piece is a copy (it reached its chunk's end), not a view of the chunk. */
  #lastCopied = false;
  /** A piece is a view of the current chunk (the field's end was not in it yet). */
  #borrowed = false;
  /** The field is a revision text past the limit, being skipped. */
  #overflow = false;
  #slotText: TextBuild | null = null;

  #site: {
    -readonly [K in keyof DumpSiteInfo]: K extends 'namespaces' ? DumpNamespace[] : DumpSiteInfo[K];
  } = {
    schemaVersion: null,
    language: null,
    sitename: null,
    dbname: null,
    base: null,
    generator: null,
    case: null,
    namespaces: [],
  };
  #namespaceAttrs: Map<string, string> | null = null;
  #siteSent = false;

  #page: {
    id: number | null;
    namespace: number | null;
    title: string | null;
    redirect: string | null;
    restrictions: string | null;
    sent: boolean;
  } | null = null;
  #pageHeader: DumpPageHeader | null = null;
  #rev: RevisionBuild | null = null;
  #slot: SlotBuild | null = null;

  constructor(options: DumpParserOptions) {
    this.#options = options;
    if (options.fragment) {
      // A virtual root, closed by a `</mediawiki>` if the range holds the dump's end.
      this.#ctx.push(Ctx.MediaWiki);
      this.#names.push('mediawiki');
    }
  }

  /** The next queued event, or `undefined` when the queue is empty. */
  shift(): DumpEvent | undefined {
    if (this.#head === this.#events.length) return undefined;
    const event = this.#events[this.#head++];
    if (this.#head === this.#events.length) {
      this.#events.length = 0;
      this.#head = 0;
    }
    return event;
  }

  /** The page being parsed, as far as it was read (an error's place), or `null` between pages. */
  get openPage(): { readonly id: number | null; readonly title: string | null } | null {
    return this.#page;
  }

  /** Whether the root element has closed. */
  get done(): boolean {
    return this.#done;
  }

  /** The siteinfo read so far (complete once its event was queued). */
  get siteinfo(): DumpSiteInfo {
    return this.#site;
  }

  /** Checks the document is complete. */
  end(): void {
    if (this.#options.fragment && this.#ctx.length === 2) return;
    if (this.#ctx.length > 1 || !this.#done) {
      const open = this.#names.at(-1);
      throw new WikirevError(
        'INVALID_XML',
        open === undefined
          ? 'the input has no <mediawiki> element (empty?)'
          : `the dump ends inside <${open}> (truncated?)`,
      );
    }
  }

  #emit(event: DumpEvent): void {
    this.#events.push(event);
  }

  #sendSite(): void {
    if (this.#siteSent) return;
    this.#siteSent = true;
    this.#emit({ kind: 'siteinfo', siteinfo: this.#site });
  }

  #sendPage(): void {
    const page = this.#page;
    if (page === null || page.sent) return;
    page.sent = true;
    if (page.id === null || page.title === null) {
      throw new WikirevError(
        'NOT_A_DUMP',
        `a <page> without ${page.title === null ? '<title>' : '<id>'} (${page.title ?? 'untitled'})`,
      );
    }
    this.#pageHeader = {
      id: page.id,
      namespace: page.namespace ?? this.#namespaceOf(page.title),
      title: page.title,
      redirect: page.redirect,
      restrictions: page.restrictions,
    };
    this.#emit({ kind: 'page', page: this.#pageHeader });
  }

  /** Schemas before 0.6 have no <ns>: the namespace is the title's prefix, if it names one. */
  #namespaceOf(title: string): number {
    const colon = title.indexOf(':');
    if (colon <= 0) return 0;
    const prefix = title.slice(0, colon);
    return this.#site.namespaces.find((ns) => ns.key !== 0 && ns.name === prefix)?.key ?? 0;
  }

  #startField(name: string): Ctx {
    this.#field = name;
    this.#parts = [];
    this.#partBytes = 0;
    this.#overflow = false;
    this.wantsText = true;
    return Ctx.Field;
  }

  open(name: string, attributes: string, empty: boolean): void {
    const parent = this.#ctx[this.#ctx.length - 1]!;
    // The document's head and a page's own fields are read by #openOuter, the per-revision
    // elements here: code run only at a file's start (before V8 keeps type feedback) then sits
    // in a small method called for every page, so it does not deoptimise the hot path in the
    // next file (docs/17-scaling.md).
    const ctx =
      parent <= Ctx.Page
        ? this.#openOuter(parent, name, attributes)
        : this.#openInner(parent, name, attributes);
    if (ctx === NOT_OPENED) return;
    this.#ctx.push(ctx);
    this.#names.push(name);
    // `<x/>`: open and close at once (a field then has empty text).
    if (empty) this.close(name);
  }

  /** The children of the root, `<siteinfo>`, `<namespaces>` and `<page>`. */
  #openOuter(parent: Ctx, name: string, attributes: string): Ctx | typeof NOT_OPENED {
    switch (parent) {
      case Ctx.Root: {
        if (this.#done) throw new WikirevError('INVALID_XML', `<${name}> after the root element`);
        if (name !== 'mediawiki') {
          throw new WikirevError(
            'NOT_A_DUMP',
            `the root element is <${name}>, not <mediawiki> (not a MediaWiki XML dump)`,
          );
        }
        const attrs = attributesOf(attributes);
        this.#site.schemaVersion = attrs.get('version') ?? null;
        this.#site.language = attrs.get('xml:lang') ?? null;
        return Ctx.MediaWiki;
      }
      case Ctx.MediaWiki:
        if (name === 'mediawiki' && this.#options.fragment && this.#names.length === 1) {
          // A range that starts at the dump's beginning: its root is the virtual one.
          const attrs = attributesOf(attributes);
          this.#site.schemaVersion = attrs.get('version') ?? null;
          this.#site.language = attrs.get('xml:lang') ?? null;
          return NOT_OPENED;
        }
        if (name === 'siteinfo') return Ctx.SiteInfo;
        if (name === 'page') {
          this.#sendSite();
          this.#page = {
            id: null,
            namespace: null,
            title: null,
            redirect: null,
            restrictions: null,
            sent: false,
          };
          return Ctx.Page;
        }
        if (name === 'logitem') {
          this.#sendSite();
          this.#rev = newRevision();
          return Ctx.LogItem;
        }
        return Ctx.Skip;
      case Ctx.SiteInfo:
        if (name === 'namespaces') return Ctx.Namespaces;
        if (
          name === 'sitename' ||
          name === 'dbname' ||
          name === 'base' ||
          name === 'generator' ||
          name === 'case'
        ) {
          return this.#startField(name);
        }
        return Ctx.Skip;
      case Ctx.Namespaces:
        if (name === 'namespace') {
          this.#namespaceAttrs = attributesOf(attributes);
          return this.#startField(name);
        }
        return Ctx.Skip;
      case Ctx.Page:
        if (name === 'revision') {
          this.#sendPage();
          if (this.skipPage) return Ctx.Skip;
          this.#rev = newRevision();
          return Ctx.Revision;
        }
        if (name === 'title' || name === 'ns' || name === 'id' || name === 'restrictions') {
          return this.#startField(name);
        }
        if (name === 'redirect' && this.#page !== null) {
          this.#page.redirect = attributesOf(attributes).get('title') ?? '';
        }
        return Ctx.Skip;
      default:
        return Ctx.Skip;
    }
  }

  /** The children of a revision (or log item), its contributor and its slots. */
  #openInner(parent: Ctx, name: string, attributes: string): Ctx {
    switch (parent) {
      case Ctx.Revision:
      case Ctx.LogItem:
        if (name === 'contributor') {
          if (attributes !== '' && attributesOf(attributes).get('deleted') === 'deleted') {
            this.#rev!.deleted.user = true;
          }
          return Ctx.Contributor;
        }
        if (name === 'minor') {
          this.#rev!.minor = true;
          return Ctx.Skip;
        }
        if (name === 'comment') {
          if (attributes !== '' && attributesOf(attributes).get('deleted') === 'deleted') {
            this.#rev!.deleted.comment = true;
            return Ctx.Skip;
          }
          return this.#startField(name);
        }
        if (name === 'text')
          return this.#openText(attributes, this.#rev!.main, parent === Ctx.LogItem);
        if (name === 'content' && parent === Ctx.Revision) {
          this.#slot = newSlot('');
          return Ctx.Content;
        }
        if (
          name === 'id' ||
          name === 'parentid' ||
          name === 'timestamp' ||
          name === 'origin' ||
          name === 'model' ||
          name === 'format' ||
          name === 'sha1' ||
          name === 'type' ||
          name === 'action' ||
          name === 'logtitle' ||
          name === 'params'
        ) {
          return this.#startField(name);
        }
        return Ctx.Skip;
      case Ctx.Contributor:
        if (name === 'username' || name === 'ip' || name === 'id') return this.#startField(name);
        return Ctx.Skip;
      case Ctx.Content:
        if (name === 'text') return this.#openText(attributes, this.#slot!, false);
        if (name === 'role' || name === 'origin' || name === 'model' || name === 'format') {
          return this.#startField(name);
        }
        return Ctx.Skip;
      case Ctx.Field:
        // A child of a text field would be markup inside text: not in any dump schema.
        throw new WikirevError('NOT_A_DUMP', `<${name}> inside <${this.#field}>`);
      default:
        return Ctx.Skip;
    }
  }

  #openText(attributes: string, slot: SlotBuild, logAction: boolean): Ctx {
    const attrs = attributesOf(attributes);
    const deleted = attrs.get('deleted') === 'deleted';
    if (logAction) {
      if (deleted) this.#rev!.deleted.text = true;
      return Ctx.Skip;
    }
    const bytes = attrs.get('bytes');
    const sha1 = attrs.get('sha1');
    this.#slotText = {
      bytes: bytes === undefined ? null : integer(bytes, '<text bytes>'),
      sha1: sha1 === undefined || sha1 === '' ? null : base36ToHex(sha1),
      deleted,
      stub: attrs.has('id') || attrs.has('location'),
      text: null,
      actualSha1: null,
      size: null,
      skipped: false,
    };
    slot.text = this.#slotText;
    if (slot === this.#rev?.main && deleted) this.#rev.deleted.text = true;
    // A stub dump's `<text id=… />` or a deleted text carries no content.
    return this.#startField('text');
  }

  text(chunk: Buffer, start: number, end: number): void {
    if (this.#overflow) return;
    const length = end - start;
    this.#partBytes += length;
    if (this.#partBytes > this.#options.maxEntryBytes) {
      const revision = this.#field === 'text' && this.#options.entryTooLarge === 'skip';
      if (!revision) {
        throw limitExceeded(
          'ENTRY_TOO_LARGE',
          `<${this.#field}>${this.#where()}`,
          this.#partBytes,
          'maxEntryBytes',
          this.#options.maxEntryBytes,
        );
      }
      this.#overflow = true;
      this.#parts = [];
      this.wantsText = false;
      return;
    }
    // A piece reaching the chunk's end continues in the next chunk, which may reuse this
    // memory: copy it. A piece ending inside the chunk is decoded when its field closes in it,
    // else copied by release().
    this.#lastCopied = end === chunk.length;
    if (!this.#lastCopied) this.#borrowed = true;
    this.#parts.push(
      this.#lastCopied ? Buffer.from(chunk.subarray(start, end)) : chunk.subarray(start, end),
    );
  }

  release(): void {
    if (!this.#borrowed) return;
    this.#borrowed = false;
    // A field still open holds a view (a comment or CDATA cut its text): copied before the
    // chunk's memory is reused. Rare: a piece is normally decoded when its field closes.
    const parts = this.#parts;
    if (parts.length === 0) return;
    for (let i = 0; i < parts.length; i++) parts[i] = Buffer.from(parts[i]!);
    this.#lastCopied = true;
  }

  #where(): string {
    const rev = this.#rev?.id;
    const title = this.#page?.title;
    return `${rev == null ? '' : ` of revision ${rev}`}${title == null ? '' : ` on page "${title}"`}`;
  }

  /** The decoded UTF-8 bytes of the field being closed. */
  #fieldBytes(): Buffer {
    const parts = this.#parts;
    // Several pieces are joined into a new buffer, and a piece that reached a chunk's end was
    // copied: those are the parser's own, decoded in place (no second buffer a text).
    const single = parts.length === 1;
    const bytes = single
      ? parts[0]!
      : parts.length === 0
        ? EMPTY
        : Buffer.concat(parts, this.#partBytes);
    const own = !single || this.#lastCopied;
    this.#parts = [];
    if (!isUtf8(bytes)) {
      throw new WikirevError('INVALID_ENCODING', `${this.#fieldPlace()} is not valid UTF-8`);
    }
    return decodeXmlBytes(bytes, this.#fieldPlace, own);
  }

  /** The field being read and where, for an error's message (built only then). */
  readonly #fieldPlace = (): string => `<${this.#field}>${this.#where()}`;

  /** The decoded text of the field being closed. */
  #fieldText(): string {
    return this.#fieldBytes().toString('utf8');
  }

  close(name: string): void {
    const open = this.#names.pop();
    const ctx = this.#ctx.pop();
    if (open !== name || ctx === undefined) {
      throw new WikirevError(
        'INVALID_XML',
        open === undefined ? `</${name}> without <${name}>` : `</${name}> closes <${open}>`,
      );
    }
    switch (ctx) {
      case Ctx.Field:
        this.wantsText = false;
        this.#closeField(this.#ctx[this.#ctx.length - 1]!, name);
        break;
      case Ctx.Revision:
        this.#emit({ kind: 'revision', revision: this.#finishRevision() });
        this.#rev = null;
        break;
      case Ctx.Contributor:
      case Ctx.Skip:
        break;
      case Ctx.Content:
        this.#rev!.slots.push(this.#slot!);
        this.#slot = null;
        break;
      default:
        // Once a page or a file: apart, as #openOuter is.
        this.#closeOuter(ctx);
    }
  }

  #closeOuter(ctx: Ctx): void {
    switch (ctx) {
      case Ctx.SiteInfo:
        this.#sendSite();
        break;
      case Ctx.MediaWiki:
        this.#sendSite();
        this.#done = true;
        break;
      case Ctx.Page:
        this.#sendPage();
        this.#emit({ kind: 'pageEnd' });
        this.#page = null;
        this.skipPage = false;
        break;
      case Ctx.LogItem:
        this.#emit({ kind: 'logitem', item: this.#finishLogItem() });
        this.#rev = null;
        break;
      case Ctx.Root:
      case Ctx.Namespaces:
      // Closed by close() itself.
      case Ctx.Field:
      case Ctx.Revision:
      case Ctx.Contributor:
      case Ctx.Content:
      case Ctx.Skip:
        break;
      default:
        ctx satisfies never;
    }
  }

  #closeField(parent: Ctx, name: string): void {
    if (name === 'text') {
      const build = this.#slotText!;
      this.#slotText = null;
      if (this.#overflow) {
        build.skipped = true;
        this.#overflow = false;
      } else if (!build.deleted && !(build.stub && this.#partBytes === 0)) {
        const bytes = this.#fieldBytes();
        build.text = bytes.toString('utf8');
        build.size = bytes.length;
        if (this.#options.verifySha1 || build.sha1 === null) build.actualSha1 = bytesSha1(bytes);
      }
      this.#parts = [];
      return;
    }
    const value = this.#fieldText();
    switch (parent) {
      case Ctx.SiteInfo:
      case Ctx.Namespaces:
      case Ctx.Page:
        // Once a page or a file: apart, as #openOuter is.
        this.#closeOuterField(parent, name, value);
        return;
      case Ctx.Contributor: {
        const rev = this.#rev!;
        if (name === 'id') rev.userId = integer(value, '<contributor><id>');
        else {
          rev.user = value;
          rev.anonymous = name === 'ip';
        }
        return;
      }
      case Ctx.Content: {
        const slot = this.#slot!;
        if (name === 'role') slot.role = value;
        else if (name === 'origin') slot.origin = integer(value, '<origin>');
        else if (name === 'model') slot.model = value;
        else if (name === 'format') slot.format = value;
        return;
      }
      case Ctx.Revision:
      case Ctx.LogItem: {
        const rev = this.#rev!;
        switch (name) {
          case 'id':
            rev.id = integer(value, '<revision><id>');
            return;
          case 'parentid':
            rev.parentId = integer(value, '<parentid>');
            return;
          case 'timestamp':
            rev.timestamp = value;
            return;
          case 'comment':
            rev.comment = value;
            return;
          case 'origin':
            rev.main.origin = integer(value, '<origin>');
            return;
          case 'model':
            rev.main.model = value;
            return;
          case 'format':
            rev.main.format = value;
            return;
          case 'sha1':
            rev.sha1 = value === '' ? null : base36ToHex(value);
            return;
          case 'type':
            rev.type = value;
            return;
          case 'action':
            rev.action = value;
            return;
          case 'logtitle':
            rev.title = value;
            return;
          case 'params':
            rev.params = value;
            return;
        }
        return;
      }
      default:
        return;
    }
  }

  #closeOuterField(parent: Ctx, name: string, value: string): void {
    if (parent === Ctx.Page) {
      const page = this.#page!;
      if (name === 'title') page.title = value;
      else if (name === 'ns') page.namespace = integer(value, '<ns>');
      else if (name === 'id') page.id = integer(value, '<page><id>');
      else page.restrictions = value;
    } else if (parent === Ctx.Namespaces) {
      const attrs = this.#namespaceAttrs ?? new Map<string, string>();
      this.#site.namespaces.push({
        key: integer(attrs.get('key') ?? '', '<namespace key>'),
        case: attrs.get('case') ?? null,
        name: value,
      });
    } else if (name === 'sitename') this.#site.sitename = value;
    else if (name === 'dbname') this.#site.dbname = value;
    else if (name === 'base') this.#site.base = value;
    else if (name === 'generator') this.#site.generator = value;
    else if (name === 'case') this.#site.case = value;
  }

  #finishSlot(
    slot: SlotBuild,
    fallbackSha1: string | null,
    revision: { id: number; title: string },
    diagnostics: Diagnostic[],
  ): DumpSlot {
    const t = slot.text;
    const text = t?.text ?? null;
    let sha1 = t?.sha1 ?? fallbackSha1;
    const actual = t?.actualSha1 ?? null;
    if (actual !== null) {
      if (sha1 === null) sha1 = actual;
      else if (actual !== sha1) {
        // Before 0.11 the only SHA-1 is the revision's, over all its slots (docs/14-dumps.md).
        const whose = t?.sha1 === null || t?.sha1 === undefined ? ' (for the whole revision)' : '';
        const message = `revision ${revision.id} of "${revision.title}": the ${slot.role} text's SHA-1 is ${actual}, the dump says ${sha1}${whose}`;
        if (this.#options.sha1Mismatch === 'throw') {
          throw new WikirevError('SHA1_MISMATCH', message);
        }
        diagnostics.push({
          severity: 'warning',
          code: 'DUMP_SHA1_MISMATCH',
          message,
          revisionId: revision.id,
          pageTitle: revision.title,
        });
      }
    }
    if (t?.skipped) {
      diagnostics.push({
        severity: 'warning',
        code: 'DUMP_TEXT_SKIPPED',
        message: `revision ${revision.id} of "${revision.title}": the ${slot.role} text is over maxEntryBytes (${this.#options.maxEntryBytes}); skipped`,
        revisionId: revision.id,
        pageTitle: revision.title,
      });
    }
    return {
      role: slot.role,
      origin: slot.origin,
      model: slot.model,
      format: slot.format,
      text,
      sha1,
      // The stored size, as the API gives it (`bytes` is counted before the export's NFC
      // normalisation); the text's own when the dump has none.
      size: t?.bytes ?? t?.size ?? null,
    };
  }

  #finishRevision(): DumpRevision {
    const rev = this.#rev!;
    const page = this.#pageHeader!;
    if (rev.id === null || rev.timestamp === null) {
      throw new WikirevError(
        'NOT_A_DUMP',
        `a <revision> without ${rev.id === null ? '<id>' : '<timestamp>'} on page "${page.title}"`,
      );
    }
    const diagnostics: Diagnostic[] = [];
    const where = { id: rev.id, title: page.title };
    // The revision's <sha1> is the hash of its main slot when it has one slot (0.10 and
    // older have only that); 0.11 puts each slot's own hash on its <text>.
    const main = this.#finishSlot(
      rev.main,
      rev.slots.length === 0 ? rev.sha1 : null,
      where,
      diagnostics,
    );
    const slots = rev.slots.map((slot) => this.#finishSlot(slot, null, where, diagnostics));
    const deleted: DumpDeleted = rev.deleted;
    return {
      id: rev.id,
      parentId: rev.parentId,
      pageId: page.id,
      pageTitle: page.title,
      timestamp: rev.timestamp,
      user: deleted.user ? null : (rev.user ?? ''),
      userId: deleted.user || rev.anonymous ? null : rev.userId,
      anonymous: rev.anonymous,
      comment: deleted.comment ? null : rev.comment,
      minor: rev.minor,
      model: main.model,
      format: main.format,
      origin: main.origin,
      text: main.text,
      sha1: main.sha1 ?? rev.sha1,
      size: main.size,
      deleted,
      slots,
      diagnostics,
    };
  }

  #finishLogItem(): DumpLogItem {
    const rev = this.#rev!;
    if (rev.id === null || rev.timestamp === null) {
      throw new WikirevError(
        'NOT_A_DUMP',
        `a <logitem> without ${rev.id === null ? '<id>' : '<timestamp>'}`,
      );
    }
    return {
      id: rev.id,
      timestamp: rev.timestamp,
      user: rev.deleted.user ? null : (rev.user ?? ''),
      userId: rev.deleted.user || rev.anonymous ? null : rev.userId,
      anonymous: rev.anonymous,
      comment: rev.deleted.comment ? null : rev.comment,
      type: rev.type,
      action: rev.action,
      title: rev.title,
      params: rev.params,
      deleted: rev.deleted,
    };
  }
}
