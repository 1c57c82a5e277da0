/**
 * The tags whose content MediaWiki's preprocessor takes as opaque text (`Parser::getStripList`):
 * the core ones (`nowiki`, `pre`, `gallery`, `indicator`, `langconvert`) and those of the
 * extensions found on most wikis (Cite, SyntaxHighlight, Math, Poem, Score, Timeline,
 * TemplateData, TemplateStyles, …). A heading inside one of them is not a heading. A wiki
 * without an extension treats its tag as text, so pass the wiki's own list where it matters
 * (`action=query&meta=siteinfo&siprop=extensiontags`).
 *
 * @example
 * ```ts
 * DEFAULT_EXTENSION_TAGS.includes('ref') // true
 * ```
 */
export const DEFAULT_EXTENSION_TAGS: readonly string[] = Object.freeze([
  'nowiki',
  'pre',
  'gallery',
  'indicator',
  'langconvert',
  'ref',
  'references',
  'syntaxhighlight',
  'source',
  'math',
  'chem',
  'ce',
  'poem',
  'score',
  'timeline',
  'templatedata',
  'templatestyles',
  'graph',
  'hiero',
  'imagemap',
  'inputbox',
  'categorytree',
  'charinsert',
  'mapframe',
  'maplink',
  'section',
  'dynamicpagelist',
  'rss',
]);
