/**
 * Atom 1.0 as MediaWiki writes it (FORMAT.md 3): `<feed>` with `<entry>`s.
 */
import type { RawEntry, RawFeed } from './raw-feed.js';
import { child, children, text } from './raw-feed.js';
import type { XmlValue } from './xml.js';

const link = (node: XmlValue, rel: string): string | null => {
  for (const l of children(node, 'link')) {
    const r = text(child(l, '@_rel')) ?? 'alternate';
    if (r === rel) return text(child(l, '@_href'));
  }
  return null;
};

/** Reads an Atom `<feed>` element. */
export function readAtom(feed: XmlValue): RawFeed {
  const entries: RawEntry[] = children(feed, 'entry').map((entry) => ({
    title: text(child(entry, 'title')),
    link: link(entry, 'alternate') ?? text(child(entry, 'id')),
    date: text(child(entry, 'updated')) ?? text(child(entry, 'published')),
    author: text(child(child(entry, 'author'), 'name')),
    summary: text(child(entry, 'summary')) ?? text(child(entry, 'content')),
    comments: null,
  }));
  return {
    format: 'atom',
    id: text(child(feed, 'id')),
    title: text(child(feed, 'title')),
    siteUrl: link(feed, 'alternate'),
    selfUrl: link(feed, 'self') ?? text(child(feed, 'id')),
    language: text(child(feed, '@_xml:lang')),
    generator: text(child(feed, 'generator')),
    updated: text(child(feed, 'updated')),
    subtitle: text(child(feed, 'subtitle')),
    entries,
  };
}
