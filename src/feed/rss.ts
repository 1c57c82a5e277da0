/**
 * RSS 2.0 as MediaWiki writes it (FORMAT.md 4): `<rss><channel>` with `<item>`s.
 */
import type { RawEntry, RawFeed } from './raw-feed.js';
import { child, children, text } from './raw-feed.js';
import type { XmlValue } from './xml.js';

/** Reads an RSS `<channel>` element. */
export function readRss(channel: XmlValue): RawFeed {
  const entries: RawEntry[] = children(channel, 'item').map((item) => ({
    title: text(child(item, 'title')),
    link: text(child(item, 'link')) ?? text(child(item, 'guid')),
    date: text(child(item, 'pubDate')) ?? text(child(item, 'dc:date')),
    author: text(child(item, 'dc:creator')) ?? text(child(item, 'author')),
    summary: text(child(item, 'description')),
    comments: text(child(item, 'comments')),
  }));
  return {
    format: 'rss',
    id: null,
    title: text(child(channel, 'title')),
    siteUrl: text(child(channel, 'link')),
    selfUrl: null,
    language: text(child(channel, 'language')),
    generator: text(child(channel, 'generator')),
    updated: text(child(channel, 'lastBuildDate')),
    subtitle: text(child(channel, 'description')),
    entries,
  };
}
