/**
 * The format-neutral reading of a feed document: what Atom and RSS have in common, as raw
 * strings still carrying the feed's escaping, so the later stages decode each value once.
 */
import type { FeedFormat } from '../model.js';
import type { XmlNode, XmlValue } from './xml.js';
import { escapeCdata } from './xml.js';

/** One entry or item, its values as they stand in the XML (references not yet decoded). */
export interface RawEntry {
  readonly title: string | null;
  readonly link: string | null;
  readonly date: string | null;
  readonly author: string | null;
  /** Atom `<summary>` / RSS `<description>`, raw (the summary HTML, XML-escaped). */
  readonly summary: string | null;
  readonly comments: string | null;
}

/** The header of a feed and its entries, raw. */
export interface RawFeed {
  readonly format: FeedFormat;
  readonly id: string | null;
  readonly title: string | null;
  readonly siteUrl: string | null;
  readonly selfUrl: string | null;
  readonly language: string | null;
  readonly generator: string | null;
  readonly updated: string | null;
  readonly subtitle: string | null;
  readonly entries: readonly RawEntry[];
}

/** Own property only: element names such as `__proto__` or `constructor` read as absent. */
export function child(node: XmlValue | undefined, name: string): XmlValue | undefined {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return undefined;
  return Object.hasOwn(node, name) ? (node as XmlNode)[name] : undefined;
}

/** A stop node (the summary) keeps its raw content, CDATA sections included: escape those. */
function rawText(s: string): string {
  // indexOf, not `/<!\[CDATA\[([\s\S]*?)\]\]>/g`: the pattern looked for `]]>` again from
  // every unclosed `<![CDATA[` (quadratic: 1.1 s for 40,000 of them).
  let at = s.indexOf('<![CDATA[');
  if (at === -1) return s;
  let out = '';
  let from = 0;
  for (; at !== -1; at = s.indexOf('<![CDATA[', from)) {
    const end = s.indexOf(']]>', at + 9);
    if (end === -1) break;
    out += s.slice(from, at) + escapeCdata(s.slice(at + 9, end));
    from = end + 3;
  }
  return out + s.slice(from);
}

/** The element's text: a string, an element's `#text`, or the first of an array. */
export function text(node: XmlValue | undefined): string | null {
  if (node === undefined) return null;
  if (typeof node === 'string') return rawText(node);
  if (Array.isArray(node)) return text(node[0]);
  const value = child(node, '#text');
  const cdata = child(node, '#cdata');
  const cdataText =
    cdata === undefined ? '' : escapeCdata((Array.isArray(cdata) ? cdata : [cdata]).join(''));
  if (typeof value === 'string') return rawText(value) + cdataText;
  // An element with attributes or children but no text (`<name></name>`) is empty.
  return cdataText;
}

/** The elements named `name` under `node`, always as an array. */
export function children(node: XmlValue | undefined, name: string): readonly XmlValue[] {
  const value = child(node, name);
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
