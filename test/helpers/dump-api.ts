/**
 * Ground truth for dump tests: what a wiki's Action API says about its pages, revisions and
 * log (fetched once, saved beside fixture dumps), and the comparison of a dump read by
 * `readDump` with it, field by field. Hidden fields are compared as hidden (the API is asked
 * anonymously: it says `texthidden`, `userhidden`, `commenthidden` where the dump writes
 * `deleted="deleted"`).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { type DumpRevision, type DumpSource, readDump } from '../../src/dump.js';

/** A revision as the API gives it (formatversion 2, `rvslots=*`). */
export interface ApiRevision {
  readonly revid: number;
  readonly parentid: number;
  readonly minor: boolean;
  readonly user?: string;
  readonly userid?: number;
  readonly anon?: boolean;
  readonly userhidden?: boolean;
  readonly timestamp: string;
  readonly size: number;
  readonly comment?: string;
  readonly commenthidden?: boolean;
  readonly slots: Readonly<
    Record<
      string,
      {
        readonly size: number;
        readonly sha1?: string;
        readonly sha1hidden?: boolean;
        readonly contentmodel: string;
        readonly contentformat?: string;
        readonly content?: string;
        readonly texthidden?: boolean;
      }
    >
  >;
}

export interface ApiPage {
  readonly pageid: number;
  readonly ns: number;
  readonly title: string;
  /** The redirect target, or null. */
  readonly redirect: string | null;
  readonly revisions: readonly ApiRevision[];
}

export interface ApiLogEvent {
  readonly logid: number;
  readonly title?: string;
  readonly type: string;
  readonly action: string;
  readonly user?: string;
  readonly userhidden?: boolean;
  readonly timestamp: string;
  readonly comment?: string;
  readonly commenthidden?: boolean;
  readonly actionhidden?: boolean;
}

export interface ApiTruth {
  readonly sitename: string;
  readonly generator: string;
  readonly case: string;
  readonly namespaces: readonly { id: number; name: string; case: string }[];
  readonly pages: readonly ApiPage[];
  readonly logevents: readonly ApiLogEvent[];
}

type Json = Record<string, unknown>;

async function query(api: string, params: Record<string, string>): Promise<Json[]> {
  const out: Json[] = [];
  let cont: Record<string, string> = {};
  for (;;) {
    const url = `${api}?${new URLSearchParams({ action: 'query', format: 'json', formatversion: '2', ...params, ...cont })}`;
    const answer = (await (await fetch(url)).json()) as Json;
    if (answer.error !== undefined) throw new Error(JSON.stringify(answer.error));
    out.push(answer.query as Json);
    if (answer.continue === undefined) return out;
    cont = answer.continue as Record<string, string>;
  }
}

/** Asks the wiki's API for everything a full dump holds. */
export async function fetchApiTruth(api: string): Promise<ApiTruth> {
  const [site] = await query(api, { meta: 'siteinfo', siprop: 'general|namespaces' });
  const general = site!.general as Json;
  const namespaces = Object.values(site!.namespaces as Record<string, Json>).map((ns) => ({
    id: ns.id as number,
    name: ns.name as string,
    case: ns.case as string,
  }));
  // Object keys put "0", "1"… before "-2", "-1": the dump lists them by id.
  namespaces.sort((a, b) => a.id - b.id);
  const pages: ApiPage[] = [];
  for (const ns of namespaces.filter((n) => n.id >= 0)) {
    for (const batch of await query(api, {
      list: 'allpages',
      apnamespace: String(ns.id),
      aplimit: 'max',
    })) {
      for (const page of batch.allpages as Json[]) {
        const revisions: ApiRevision[] = [];
        for (const part of await query(api, {
          prop: 'revisions|info',
          pageids: String(page.pageid),
          rvprop:
            'ids|timestamp|flags|comment|user|userid|size|sha1|content|contentmodel|slotsize|slotsha1',
          rvslots: '*',
          rvlimit: 'max',
          rvdir: 'newer',
        })) {
          const [p] = part.pages as Json[];
          revisions.push(...((p!.revisions as ApiRevision[] | undefined) ?? []));
        }
        const [redirect] = await query(api, { pageids: String(page.pageid), redirects: '1' });
        const to = (redirect!.redirects as Json[] | undefined)?.[0]?.to;
        pages.push({
          pageid: page.pageid as number,
          ns: page.ns as number,
          title: page.title as string,
          redirect: typeof to === 'string' ? to : null,
          revisions,
        });
      }
    }
  }
  pages.sort((a, b) => a.pageid - b.pageid);
  const logevents = (
    await query(api, {
      list: 'logevents',
      leprop: 'ids|title|type|user|timestamp|comment',
      lelimit: 'max',
      ledir: 'newer',
    })
  )
    .flatMap((q) => q.logevents as ApiLogEvent[])
    // The API orders by time, the dump by id (the installer's entry is dated now, the test
    // wiki's edits by the fake clock in 2024).
    .sort((a, b) => a.logid - b.logid);
  return {
    sitename: general.sitename as string,
    generator: general.generator as string,
    case: general.case as string,
    namespaces,
    pages,
    logevents,
  };
}

/** ContentHandler::getDefaultFormat() of MediaWiki 1.39's core models. */
const DEFAULT_FORMAT: Readonly<Record<string, string>> = {
  wikitext: 'text/x-wiki',
  json: 'application/json',
  css: 'text/css',
  javascript: 'text/javascript',
  text: 'text/plain',
};

/** What a dump revision should be, from the API's answer. */
export function expectedRevision(page: ApiPage, rev: ApiRevision) {
  const main = rev.slots.main!;
  return {
    id: rev.revid,
    parentId: rev.parentid === 0 ? null : rev.parentid,
    pageId: page.pageid,
    pageTitle: page.title,
    timestamp: rev.timestamp,
    user: rev.userhidden ? null : (rev.user ?? null),
    userId: rev.userhidden || rev.anon ? null : (rev.userid ?? null),
    anonymous: rev.anon === true,
    comment: rev.commenthidden ? null : (rev.comment ?? ''),
    minor: rev.minor,
    model: main.contentmodel,
    // The API leaves out a hidden text's format; the dump writes the model's default one.
    format: main.contentformat ?? DEFAULT_FORMAT[main.contentmodel] ?? null,
    text: main.texthidden ? null : (main.content ?? null),
    size: main.size,
    deleted: {
      text: main.texthidden === true,
      comment: rev.commenthidden === true,
      user: rev.userhidden === true,
    },
    slots: Object.entries(rev.slots)
      .filter(([role]) => role !== 'main')
      .map(([role, slot]) => ({
        role,
        model: slot.contentmodel,
        format: slot.contentformat ?? DEFAULT_FORMAT[slot.contentmodel] ?? null,
        text: slot.texthidden ? null : (slot.content ?? null),
        sha1: slot.sha1 ?? null,
        size: slot.size,
      })),
  };
}

/** The fields of a dump revision compared with {@link expectedRevision}. */
export function comparable(revision: DumpRevision) {
  const { origin, sha1, diagnostics, slots, ...rest } = revision;
  return { ...rest, slots: slots.map(({ origin: _, ...slot }) => slot) };
}

/** Everything read from a dump, in order. */
export async function readAll(source: DumpSource, options = {}) {
  const reader = readDump(source, options);
  const siteinfo = await reader.siteinfo();
  const pages = [];
  for await (const page of reader) {
    const revisions: DumpRevision[] = [];
    for await (const revision of page.revisions) revisions.push(revision);
    const { revisions: _, ...fields } = page;
    pages.push({ ...fields, revisions });
  }
  return { siteinfo, pages, diagnostics: reader.diagnostics };
}

/**
 * A revision's SHA-1 as MediaWiki 1.39 computes it over its slots (`RevisionSlots::computeSha1`):
 * the slots' base-36 SHA-1s (31 digits) by role, each folded into the last by hashing the pair.
 */
function revisionSha1(rev: ApiRevision): string {
  const base36 = (hex: string) => BigInt(`0x${hex}`).toString(36).padStart(31, '0');
  let folded: string | null = null;
  for (const role of Object.keys(rev.slots).sort()) {
    const sha1 = base36(rev.slots[role]!.sha1!);
    folded =
      folded === null
        ? sha1
        : base36(
            createHash('sha1')
              .update(folded + sha1)
              .digest('hex'),
          );
  }
  return parseInt36(folded!).toString(16).padStart(40, '0');
}

const parseInt36 = (s: string) => [...s].reduce((n, c) => n * 36n + BigInt(parseInt(c, 36)), 0n);

/** What a dump of `kind` holds of an API revision. */
function expectedFor(kind: DumpKind, expected: ReturnType<typeof expectedRevision>) {
  // Schema 0.10 writes the main slot only; a stub dump has sizes and SHA-1s but no texts.
  if (kind === 'full-0.10') return { ...expected, slots: [] };
  if (kind !== 'stub-0.11') return expected;
  return { ...expected, text: null, slots: expected.slots.map((s) => ({ ...s, text: null })) };
}

/** Which dump is compared. */
export type DumpKind = 'full-0.11' | 'full-0.10' | 'current' | 'stub-0.11';

/**
 * Asserts that everything read from a dump equals what the API says; returns the number of
 * revisions compared.
 */
export function assertDumpMatchesApi(
  read: Awaited<ReturnType<typeof readAll>>,
  truth: ApiTruth,
  kind: DumpKind,
): number {
  assert.deepEqual(
    {
      sitename: read.siteinfo.sitename,
      generator: read.siteinfo.generator,
      case: read.siteinfo.case,
      schemaVersion: read.siteinfo.schemaVersion,
    },
    {
      sitename: truth.sitename,
      generator: truth.generator,
      case: truth.case,
      schemaVersion: kind === 'full-0.10' ? '0.10' : '0.11',
    },
  );
  assert.deepEqual(
    read.siteinfo.namespaces.map((ns) => [ns.key, ns.name, ns.case]),
    truth.namespaces.map((ns) => [ns.id, ns.name, ns.case]),
  );
  assert.deepEqual(
    read.pages.map((p) => [p.id, p.namespace, p.title, p.redirect]),
    truth.pages.map((p) => [p.pageid, p.ns, p.title, p.redirect]),
  );
  let compared = 0;
  truth.pages.forEach((page, i) => {
    const dumped = read.pages[i]!.revisions;
    const apiRevisions = kind === 'current' ? page.revisions.slice(-1) : page.revisions;
    assert.deepEqual(
      dumped.map(comparable),
      apiRevisions.map((rev) => ({
        ...expectedFor(kind, expectedRevision(page, rev)),
      })),
      `${kind}: revisions of ${page.title}`,
    );
    apiRevisions.forEach((rev, j) => {
      const revision = dumped[j]!;
      const main = rev.slots.main!;
      const where = `${kind}: revision ${rev.revid} of ${page.title}`;
      // Schema 0.10 writes the revision's SHA-1, over all its slots: the main text's only
      // where it is the one slot.
      const multiSlot = kind === 'full-0.10' && Object.keys(rev.slots).length > 1;
      if (multiSlot) assert.equal(revision.sha1, revisionSha1(rev), where);
      else if (main.sha1 !== undefined) assert.equal(revision.sha1, main.sha1, where);
      else if (kind === 'full-0.10') assert.equal(revision.sha1, null, where);
      else assert.match(revision.sha1 ?? '', /^[0-9a-f]{40}$/, where);
      // The API gives the text NFC-normalised but the SHA-1 of the stored bytes, and so does
      // the dump: exactly those revisions get a mismatch diagnostic.
      const mismatch =
        multiSlot ||
        (kind !== 'stub-0.11' &&
          main.content !== undefined &&
          main.sha1 !== undefined &&
          createHash('sha1').update(main.content, 'utf8').digest('hex') !== main.sha1);
      assert.deepEqual(
        revision.diagnostics.map((d) => d.code),
        mismatch ? ['DUMP_SHA1_MISMATCH'] : [],
        where,
      );
      if (kind === 'full-0.10') assert.equal(revision.origin, null, where);
      else {
        // <origin> names the revision whose content this one has (itself, or the one a
        // rollback or null edit restored): same page, same SHA-1.
        const origin = page.revisions.find((r) => r.revid === revision.origin);
        assert.ok(origin !== undefined, `${where}: origin ${revision.origin}`);
        if (kind === 'full-0.11' && main.sha1 !== undefined) {
          assert.equal(origin.slots.main!.sha1, main.sha1, where);
        }
        // So does each other slot's: the revision that last changed it.
        for (const slot of revision.slots) {
          const from = page.revisions.find((r) => r.revid === slot.origin);
          assert.equal(from?.slots[slot.role]?.sha1, slot.sha1, `${where}: slot ${slot.role}`);
        }
      }
      compared++;
    });
  });
  return compared;
}

/** Asserts that a log dump's items equal the API's `list=logevents`. */
export async function assertLogMatchesApi(source: DumpSource, truth: ApiTruth): Promise<number> {
  const items = [];
  for await (const item of readDump(source).logItems()) items.push(item);
  assert.deepEqual(
    items.map((item) => ({
      id: item.id,
      type: item.type,
      action: item.action,
      title: item.title,
      user: item.user,
      timestamp: item.timestamp,
      comment: item.comment,
      deleted: item.deleted,
    })),
    truth.logevents.map((e) => ({
      id: e.logid,
      type: e.type,
      action: e.action,
      title: e.actionhidden ? null : (e.title ?? null),
      user: e.userhidden ? null : (e.user ?? null),
      timestamp: e.timestamp,
      comment: e.commenthidden ? null : (e.comment ?? ''),
      deleted: {
        text: e.actionhidden === true,
        comment: e.commenthidden === true,
        user: e.userhidden === true,
      },
    })),
  );
  return items.length;
}
