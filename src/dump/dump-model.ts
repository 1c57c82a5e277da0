/**
 * The data a MediaWiki XML dump carries, as `readDump` gives it: plain, readonly objects.
 * Field names follow the project's `Revision` where they mean the same thing.
 */
import type { Diagnostic } from '../errors.js';

/** One namespace of `<siteinfo><namespaces>`. */
export interface DumpNamespace {
  readonly key: number;
  /** `first-letter` or `case-sensitive`, or `null` where absent. */
  readonly case: string | null;
  /** The local name (`''` for the main namespace). */
  readonly name: string;
}

/** The `<siteinfo>` of a dump, and the root element's attributes. */
export interface DumpSiteInfo {
  /** The export schema version (`0.11`), from `<mediawiki version>`; `null` if absent. */
  readonly schemaVersion: string | null;
  /** `xml:lang` of the root element, or `null`. */
  readonly language: string | null;
  readonly sitename: string | null;
  readonly dbname: string | null;
  /** The main page URL (`<base>`). */
  readonly base: string | null;
  /** E.g. `MediaWiki 1.39.17`. */
  readonly generator: string | null;
  /** `first-letter` or `case-sensitive`. */
  readonly case: string | null;
  readonly namespaces: readonly DumpNamespace[];
}

/** Which parts of a revision (or log item) are revision-deleted (`deleted="deleted"`). */
export interface DumpDeleted {
  readonly text: boolean;
  readonly comment: boolean;
  readonly user: boolean;
}

/** A non-main slot of a revision (schema 0.11 `<content>`). */
export interface DumpSlot {
  /** The slot role, e.g. `mediainfo`. */
  readonly role: string;
  readonly origin: number | null;
  readonly model: string | null;
  readonly format: string | null;
  /** The slot's text, or `null` where deleted, not included (stub dump) or skipped. */
  readonly text: string | null;
  /** Hex SHA-1 (converted from the dump's base 36), or `null`. */
  readonly sha1: string | null;
  /** Size in UTF-8 bytes, or `null`. */
  readonly size: number | null;
}

/** One `<revision>` of a dump page. */
export interface DumpRevision {
  readonly id: number;
  /** `<parentid>`, or `null` for a page's first revision (and in dumps before schema 0.7). */
  readonly parentId: number | null;
  readonly pageId: number;
  readonly pageTitle: string;
  /** ISO 8601 UTC, as in the dump (`2024-03-01T12:00:00Z`). */
  readonly timestamp: string;
  /** User name or IP address; `null` where revision-deleted. */
  readonly user: string | null;
  /** The user's id; `null` for an IP editor or a deleted user. */
  readonly userId: number | null;
  /** True for an edit by an IP address (`<ip>`). */
  readonly anonymous: boolean;
  /** The edit summary; `''` where the revision has none, `null` where revision-deleted. */
  readonly comment: string | null;
  readonly minor: boolean;
  /** Content model of the main slot (`wikitext`, `json`, `css`…), or `null` (old schemas). */
  readonly model: string | null;
  /** Serialisation format (`text/x-wiki`…), or `null`. */
  readonly format: string | null;
  /** The revision whose main-slot content this one reuses (schema 0.11 `<origin>`), or `null`. */
  readonly origin: number | null;
  /**
   * The main slot's text, byte for byte as exported (a stored CR is kept), or `null` where
   * revision-deleted, absent (a stub dump) or skipped for its size.
   */
  readonly text: string | null;
  /**
   * Hex SHA-1 as the Action API gives it (the dump's base 36 `<sha1>`, converted); when the
   * dump has none, computed from the text; `null` where neither is known.
   */
  readonly sha1: string | null;
  /**
   * Size in UTF-8 bytes of the stored text, as the API gives it: the dump's `bytes` attribute
   * (counted before MediaWiki NFC-normalises the exported text, like the SHA-1), else the
   * text's own size; `null` where neither is known.
   */
  readonly size: number | null;
  readonly deleted: DumpDeleted;
  /** Slots other than `main`, in the dump's order (schema 0.11). */
  readonly slots: readonly DumpSlot[];
  /** Problems with this revision (`DUMP_SHA1_MISMATCH`, `DUMP_TEXT_SKIPPED`). */
  readonly diagnostics: readonly Diagnostic[];
}

/** One `<page>` of a dump; its revisions are read as they are iterated. */
export interface DumpPage {
  readonly id: number;
  readonly namespace: number;
  /** The title with its namespace prefix, as in the dump (`Talk:Sandbox`). */
  readonly title: string;
  /**
   * The redirect target (`<redirect title=…>`), `''` for a redirect whose target the dump does
   * not name (old schemas), `null` for a page that is not a redirect.
   */
  readonly redirect: string | null;
  /** The `<restrictions>` text (old schemas, e.g. `edit=sysop:move=sysop`), or `null`. */
  readonly restrictions: string | null;
  /**
   * The page's revisions in dump order, read from the input as they are iterated. Iterate them
   * before asking for the next page: moving on skips the rest without decoding them, and a
   * later attempt to read them throws.
   */
  readonly revisions: AsyncIterable<DumpRevision>;
}

/** One `<logitem>` of a log dump (`dumpBackup.php --logs`). */
export interface DumpLogItem {
  readonly id: number;
  readonly timestamp: string;
  readonly user: string | null;
  readonly userId: number | null;
  readonly anonymous: boolean;
  /** The summary; `''` where none, `null` where deleted. */
  readonly comment: string | null;
  /** `create`, `move`, `delete`… */
  readonly type: string | null;
  readonly action: string | null;
  /** The page the entry is about (`<logtitle>`), or `null` where deleted or absent. */
  readonly title: string | null;
  /** The raw `<params>` (PHP-serialised in MediaWiki 1.39), or `null`. */
  readonly params: string | null;
  /** `text` here is the log action (target and parameters). */
  readonly deleted: DumpDeleted;
}
