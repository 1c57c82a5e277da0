/**
 * The one place that imports and configures fast-xml-parser.
 *
 * Its defaults would corrupt wikitext (FORMAT.md 2): `trimValues` strips the leading spaces of
 * a page, `parseTagValue` turns a title like `1e3` into a number, and a feed with one entry
 * would come back as an object instead of an array. Entity handling is switched off entirely:
 * MediaWiki only ever writes the five predefined references (section 2), we decode them
 * ourselves in one pass, and a parser that never expands entities cannot be made to expand a
 * billion of them (DOCTYPE entity declarations are refused before parsing, see `parseXml`).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { WikirevError } from '../errors.js';

/** An element as read from the XML: attributes under `@_name`, text under `#text`. */
export type XmlNode = { readonly [key: string]: XmlValue };
export type XmlValue = string | XmlNode | readonly XmlValue[];

const CRITICAL_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** Elements that are read as arrays even when they occur once. */
const ARRAY_ELEMENTS = new Set(['entry', 'item', 'link']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: false,
  alwaysCreateTextNode: false,
  // MediaWiki never writes CDATA, but feeds re-served by proxies and readers sometimes do; kept
  // apart so that its content is not unescaped like text (see `text` in raw-feed.ts).
  cdataPropName: '#cdata',
  // The summary HTML is the bulk of every feed (a 200 KB page gives a 250 KB entry); as a stop
  // node its raw text is kept as one string instead of being scanned for tags it cannot hold.
  stopNodes: ['*.summary', '*.description'],
  isArray: (name: string) => ARRAY_ELEMENTS.has(name),
  maxNestedTags: 64,
  // fast-xml-parser refuses `__proto__`, `constructor` and `prototype` as names by throwing;
  // renamed here instead, an unknown element of that name in a feed costs nothing (wikirev
  // only reads known names, as own properties).
  strictReservedNames: false,
  transformTagName: (name: string) => (CRITICAL_NAMES.has(name) ? `unsafe:${name}` : name),
  transformAttributeName: (name: string) => (CRITICAL_NAMES.has(name) ? `unsafe:${name}` : name),
});

/** Line and column (1-based) of a UTF-16 offset. */
export function locate(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Checks that elements nest and close, and that nothing but whitespace, comments and
 * processing instructions stands outside the root; returns the offset and reason of the first
 * problem, or null. fast-xml-parser's own parser accepts `<a><b></a>` and a document cut off
 * after any complete element, and its validator runs at about 75 MB/s, half the speed of the
 * parse itself (measured on a 50 MB feed); this scan only visits the `<` of markup, and feeds
 * have few (their bulk is escaped text), so it runs at several hundred MB/s.
 */
function findStructureError(text: string): { offset: number; reason: string } | null {
  const stack: string[] = [];
  let rootClosed = false;
  let i = 0;
  const name = /[^\s/>=]+/y;
  for (;;) {
    const lt = text.indexOf('<', i);
    const between = text.slice(i, lt === -1 ? text.length : lt);
    if (stack.length === 0 && between.trim() !== '') {
      return { offset: i + between.search(/\S/), reason: 'text outside the root element' };
    }
    if (lt === -1) break;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end === -1) return { offset: lt, reason: 'unclosed comment' };
      i = end + 3;
    } else if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt + 2);
      if (end === -1) return { offset: lt, reason: 'unclosed processing instruction' };
      i = end + 2;
    } else if (text.startsWith('<![CDATA[', lt)) {
      if (stack.length === 0) return { offset: lt, reason: 'CDATA outside the root element' };
      const end = text.indexOf(']]>', lt + 9);
      if (end === -1) return { offset: lt, reason: 'unclosed CDATA section' };
      i = end + 3;
    } else if (text.startsWith('<!', lt)) {
      if (stack.length > 0 || rootClosed)
        return { offset: lt, reason: 'a declaration inside the document' };
      const end = text.indexOf('>', lt + 2);
      if (end === -1) return { offset: lt, reason: 'unclosed declaration' };
      i = end + 1;
    } else {
      const closing = text.charCodeAt(lt + 1) === 47; /* / */
      name.lastIndex = lt + (closing ? 2 : 1);
      const tag = name.exec(text)?.[0];
      if (!tag) return { offset: lt, reason: 'a "<" that starts no tag' };
      // Find the end of the tag, skipping quoted attribute values (they may hold ">").
      let j = name.lastIndex;
      let quote = 0;
      for (; j < text.length; j++) {
        const c = text.charCodeAt(j);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === 34 || c === 39) quote = c;
        else if (c === 62 /* > */) break;
        else if (c === 60 /* < */) return { offset: lt, reason: `unclosed tag <${tag}>` };
      }
      if (j >= text.length) return { offset: lt, reason: `unclosed tag <${tag}>` };
      if (closing) {
        const open = stack.pop();
        if (open !== tag) {
          return {
            offset: lt,
            reason: open
              ? `closing tag </${tag}> does not match <${open}>`
              : `closing tag </${tag}> without an opening tag`,
          };
        }
        if (stack.length === 0) rootClosed = true;
      } else if (text.charCodeAt(j - 1) !== 47 /* self-closing */) {
        if (stack.length === 0 && rootClosed)
          return { offset: lt, reason: 'a second root element' };
        stack.push(tag);
      } else if (stack.length === 0) {
        if (rootClosed) return { offset: lt, reason: 'a second root element' };
        rootClosed = true;
      }
      i = j + 1;
    }
  }
  if (stack.length > 0) {
    return {
      offset: text.length,
      reason: `the document ends before </${stack[stack.length - 1]}> (truncated?)`,
    };
  }
  if (!rootClosed) return { offset: 0, reason: 'no root element' };
  return null;
}

/**
 * Parses an XML document into plain nested objects, refusing entity declarations and reporting
 * malformed or truncated XML with its location.
 */
export function parseXml(text: string): XmlNode {
  // A DOCTYPE with an internal subset is the only way to declare entities (billion laughs,
  // external entities). MediaWiki never writes one, so refuse it outright: bounded work.
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype && /<!ENTITY/i.test(text.slice(doctype.index))) {
    const at = text.search(/<!ENTITY/i);
    throw new WikirevError(
      'ENTITY_DECLARATION',
      'the document declares XML entities; feeds never do, so it is refused',
      locate(text, at),
    );
  }
  const problem = findStructureError(text);
  if (problem) {
    throw new WikirevError(
      'INVALID_XML',
      `not well-formed XML: ${problem.reason}`,
      locate(text, problem.offset),
    );
  }
  try {
    return parser.parse(text) as XmlNode;
  } catch (error) {
    // The parser's own checks (attribute syntax, reserved names such as `__proto__`).
    const valid = XMLValidator.validate(text);
    const where = valid === true ? undefined : { line: valid.err.line, column: valid.err.col };
    throw new WikirevError(
      'INVALID_XML',
      `not well-formed XML: ${(error as Error).message}`,
      where,
    );
  }
}
