/**
 * Template expansion for heading anchors: MediaWiki's preprocessor (`Preprocessor_Hash` tree,
 * `PPFrame::expand`) reduced to what a heading needs: template calls through a caller's resolver,
 * parameters (`{{{1}}}`, `{{{name|default}}}`), `{{!}}`, `{{=}}` and ParserFunctions' `#if`,
 * `#ifeq`, `#switch`. Anything else that MediaWiki would compute (magic words, other parser
 * functions, template loops, limits reached) makes the result inexact instead of guessed.
 */

/**
 * Gives the wikitext of a page transcluded by a heading: `name` is the page title, namespace
 * canonical and first letter upper-cased (`Template:Echo`, `User:X/Sig`); `args` are the call's
 * arguments as expanded text (positional ones under `'1'`, `'2'`…, named ones trimmed).
 * Return the page's wikitext (it is expanded with `args`, as MediaWiki does), `null` when the
 * page does not exist (MediaWiki then shows a link `Template:Name`), or `undefined` when it is
 * not known (the anchor is then flagged inexact).
 *
 * @example
 * ```ts
 * const resolve: TemplateResolver = (name) => (name === 'Template:Echo' ? '{{{1}}}' : undefined);
 * ```
 */
export type TemplateResolver = (
  name: string,
  args: Readonly<Record<string, string>>,
) => string | null | undefined;

/** Bounds of one expansion (one page's headings share them, as MediaWiki's limits are per page). */
export interface ExpansionBudget {
  /** Nesting depth of template calls. */
  readonly maxDepth: number;
  /** Characters produced by expansion, over all headings of the page. */
  readonly maxSize: number;
  /** Characters produced or transcluded so far (updated). */
  used: number;
}

/** The expanded text and whether it is exactly what MediaWiki would produce. */
export interface Expansion {
  readonly text: string;
  readonly exact: boolean;
}

type PNode = string | Call;
interface Part {
  readonly nodes: PNode[];
  /** Index in `nodes` of the first top-level `=` (a string node `'='`), or -1. */
  eq: number;
}
interface Call {
  readonly kind: 'template' | 'argument';
  readonly parts: readonly Part[];
}
interface Piece {
  readonly open: '{' | '[';
  count: number;
  parts: Part[];
}

// Core magic words and parser functions a heading may call: computed by MediaWiki from the page
// or the wiki, not by us. `{{!}}` and `{{=}}` are handled.
const VARIABLES = new Set(
  (
    'PAGENAME PAGENAMEE FULLPAGENAME FULLPAGENAMEE BASEPAGENAME ROOTPAGENAME SUBPAGENAME ' +
    'TALKPAGENAME NAMESPACE NAMESPACEE NAMESPACENUMBER SITENAME SERVER SERVERNAME SCRIPTPATH ' +
    'CURRENTYEAR CURRENTMONTH CURRENTMONTHNAME CURRENTDAY CURRENTDAY2 CURRENTDAYNAME CURRENTTIME ' +
    'CURRENTHOUR CURRENTWEEK CURRENTTIMESTAMP LOCALYEAR LOCALMONTH LOCALDAY LOCALTIME ' +
    'LOCALTIMESTAMP NUMBEROFPAGES NUMBEROFARTICLES NUMBEROFFILES NUMBEROFEDITS NUMBEROFUSERS ' +
    'NUMBEROFADMINS NUMBEROFACTIVEUSERS REVISIONID REVISIONDAY REVISIONMONTH REVISIONYEAR ' +
    'REVISIONTIMESTAMP REVISIONUSER REVISIONSIZE CONTENTLANGUAGE DIRMARK ARTICLEPATH STYLEPATH ' +
    'PAGEID CASCADINGSOURCES'
  ).split(' '),
);
const FUNCTIONS = new Set(
  (
    'ns nse urlencode lcfirst ucfirst lc uc localurl localurle fullurl fullurle canonicalurl ' +
    'canonicalurle formatnum grammar gender plural bidi numberofpages numberofusers ' +
    'numberofactiveusers numberofarticles numberoffiles numberofadmins numberingroup ' +
    'numberofedits language padleft padright anchorencode defaultsort filepath pagesincategory ' +
    'pagesize protectionlevel protectionexpiry namespace namespacee namespacenumber talkspace ' +
    'talkspacee subjectspace subjectspacee pagename pagenamee fullpagename fullpagenamee ' +
    'rootpagename rootpagenamee basepagename basepagenamee subpagename subpagenamee ' +
    'talkpagename talkpagenamee subjectpagename subjectpagenamee pageid revisionid revisionday ' +
    'revisionday2 revisionmonth revisionmonth1 revisionyear revisiontimestamp revisionuser ' +
    'cascadingsources int special speciale msg msgnw raw subst safesubst displaytitle'
  ).split(' '),
);

// Canonical English namespace names (and aliases) a transclusion may name.
const NAMESPACES: Readonly<Record<string, string>> = {
  media: 'Media',
  special: 'Special',
  talk: 'Talk',
  user: 'User',
  'user talk': 'User talk',
  project: 'Project',
  'project talk': 'Project talk',
  file: 'File',
  image: 'File',
  'file talk': 'File talk',
  'image talk': 'File talk',
  mediawiki: 'MediaWiki',
  'mediawiki talk': 'MediaWiki talk',
  template: 'Template',
  'template talk': 'Template talk',
  help: 'Help',
  'help talk': 'Help talk',
  category: 'Category',
  'category talk': 'Category talk',
};

/** PHP `trim()`: spaces, tabs, newlines, CR, NUL and vertical tab only. */
export function phpTrim(s: string): string {
  let from = 0;
  let to = s.length;
  const ws = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 0 || c === 11;
  while (from < to && ws(s.charCodeAt(from))) from++;
  while (to > from && ws(s.charCodeAt(to - 1))) to--;
  return s.slice(from, to);
}

const upperFirst = (s: string) => {
  const first = s.codePointAt(0);
  if (first === undefined) return s;
  const c = String.fromCodePoint(first);
  return c.toUpperCase() + s.slice(c.length);
};

/**
 * The page a transclusion or link names, as MediaWiki spells it: `_` and space runs as one space,
 * a known namespace canonical (`image:x` → `File:X`), the first letter of the rest upper-cased;
 * `defaultNamespace` when none is given, the main namespace after a leading `:`.
 */
export function canonicalTitle(raw: string, defaultNamespace: string): string {
  let title = raw.replace(/[ _]+/g, ' ').trim();
  let namespace = defaultNamespace;
  if (title.startsWith(':')) {
    namespace = '';
    title = title.slice(1).trim();
  }
  const colon = title.indexOf(':');
  if (colon !== -1) {
    const known = NAMESPACES[title.slice(0, colon).trim().toLowerCase()];
    if (known !== undefined) {
      namespace = known;
      title = title.slice(colon + 1).trim();
    }
  }
  title = upperFirst(title);
  return namespace === '' ? title : `${namespace}:${title}`;
}

/** The template's wikitext as transcluded: `<noinclude>` parts out, `<onlyinclude>` honoured. */
function transcludedBody(body: string): string {
  let text = body.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  if (/<onlyinclude>/i.test(text)) {
    text = [...text.matchAll(/<onlyinclude>([\s\S]*?)(?:<\/onlyinclude>|$)/gi)]
      .map((m) => m[1] ?? '')
      .join('');
  }
  return text
    .replace(/<noinclude>[\s\S]*?(?:<\/noinclude>|$)/gi, '')
    .replace(/<\/?includeonly\s*>/gi, '');
}

const OPAQUE_TAG = /^<(nowiki|pre|math|ref|syntaxhighlight|source)(?:\s[^<>]*)?>/i;

/**
 * Builds the preprocessor tree of `text`: template calls and parameters as nodes, the rest as
 * text. `[[…]]` is a text piece whose pipes are not argument separators; unclosed pieces break
 * into text, as in MediaWiki. Linear: every character is visited once, pieces are a stack.
 */
function buildTree(text: string): PNode[] {
  const root: PNode[] = [];
  const stack: Piece[] = [];
  const sink = (): PNode[] => {
    const top = stack[stack.length - 1];
    return top === undefined ? root : top.parts[top.parts.length - 1]!.nodes;
  };
  const newPart = (): Part => ({ nodes: [], eq: -1 });
  const push = (node: PNode) => {
    if (node !== '') sink().push(node);
  };
  const run = (at: number, ch: string) => {
    let j = at;
    while (text[j] === ch) j++;
    return j - at;
  };
  /** A piece closed (`nodes`) or broken: with what remains of its opening run. */
  const settle = (piece: Piece, used: number, nodes: PNode[]) => {
    const rest = piece.count - used;
    if (rest >= 2) {
      stack.push({ open: piece.open, count: rest, parts: [{ nodes, eq: -1 }] });
    } else {
      push(piece.open.repeat(rest));
      for (const n of nodes) push(n);
    }
  };
  // Tags with no closing tag left are not searched for again (MediaWiki's noMoreClosingTag).
  const unclosed = new Set<string>();
  let i = 0;
  let textFrom = 0;
  /** The end of the run of `}` last measured. */
  let closeRunEnd = -1;
  const flush = (to: number) => {
    push(text.slice(textFrom, to));
  };
  while (i < text.length) {
    const c = text[i]!;
    const top = stack[stack.length - 1];
    if (c === '<') {
      const m = OPAQUE_TAG.exec(text.slice(i, i + 200));
      const name = m?.[1]?.toLowerCase() ?? '';
      if (m !== null && !m[0].endsWith('/>') && !unclosed.has(name)) {
        const close = new RegExp(`</${name}\\s*>`, 'gi');
        close.lastIndex = i + m[0].length;
        const found = close.exec(text);
        if (found !== null) {
          i = found.index + found[0].length;
          continue;
        }
        unclosed.add(name);
      }
      i++;
    } else if (c === '{' || c === '[') {
      const n = run(i, c);
      if (n >= 2) {
        flush(i);
        stack.push({ open: c, count: n, parts: [newPart()] });
        textFrom = i + n;
      }
      i += n;
    } else if (c === '}' && top?.open === '{') {
      // The closing run is measured once: measuring the rest of it again at each piece it
      // closes was quadratic on `{{{`×n … `}}}`×n.
      if (i >= closeRunEnd) closeRunEnd = i + run(i, '}');
      const n = Math.min(closeRunEnd - i, top.count);
      if (n < 2) {
        i++;
        continue;
      }
      flush(i);
      const used = n >= 3 ? 3 : 2;
      stack.pop();
      const call: Call = { kind: used === 3 ? 'argument' : 'template', parts: top.parts };
      settle(top, used, [call]);
      i += used;
      textFrom = i;
    } else if (c === ']' && top?.open === '[' && text[i + 1] === ']') {
      flush(i);
      stack.pop();
      settle(top, 2, ['[[', ...top.parts[0]!.nodes, ']]']);
      i += 2;
      textFrom = i;
    } else if (c === '|' && top?.open === '{') {
      flush(i);
      top.parts.push(newPart());
      i++;
      textFrom = i;
    } else if (c === '=' && top?.open === '{' && top.parts.length > 1) {
      const part = top.parts[top.parts.length - 1]!;
      if (part.eq === -1) {
        flush(i);
        part.eq = part.nodes.length;
        part.nodes.push('=');
        textFrom = i + 1;
      }
      i++;
    } else {
      i++;
    }
  }
  flush(text.length);
  // Unclosed pieces break into text, innermost first.
  while (stack.length > 0) {
    const piece = stack.pop()!;
    const nodes: PNode[] = [];
    piece.parts.forEach((p, k) => {
      if (k > 0) nodes.push('|');
      for (const node of p.nodes) nodes.push(node);
    });
    push(piece.open.repeat(piece.count));
    for (const n of nodes) push(n);
  }
  return root;
}

interface Argument {
  readonly nodes: readonly PNode[];
  readonly trim: boolean;
  /** The expansion, and `raw`: before trimming. */
  value?: Expansion & { readonly raw: string };
}
interface Frame {
  readonly title: string | null;
  readonly parent: Frame | null;
  readonly depth: number;
  readonly args: Map<string, Argument>;
  /** The frame the arguments' nodes are expanded in. */
  readonly caller: Frame | null;
}

const REDIRECT = /^[ \t\n\r]*#REDIRECT[ \t\n\r]*:?[ \t\n\r]*\[\[([^\]|#]+)/i;

/** Nesting of calls within calls the expansion follows at most (see `maxNesting`). */
const MAX_NESTING = 100;

/** What one template call costs of the expansion budget at least (in characters). */
const CALL_COST = 100;

/** Parsed template bodies, per page (budget): a template called often is parsed once. */
const treeCache = new WeakMap<ExpansionBudget, Map<string, PNode[]>>();

/** PHP 8 `==` on two strings: numeric strings compare as numbers. */
function looseEquals(a: string, b: string): boolean {
  const numeric = /^[ \t\n\r\v\f]*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?[ \t\n\r\v\f]*$/;
  if (numeric.test(a) && numeric.test(b)) return Number(a) === Number(b);
  return a === b;
}

/**
 * Expands the template calls and parameters of `text` (a heading, comments removed) as a page
 * view does.
 *
 * @param text - Wikitext.
 * @param resolve - The caller's template source, or undefined (every call is then inexact).
 * @param budget - Depth and size bounds, shared by the page's headings.
 * @param decode - `Sanitizer::decodeCharReferences`, used by `#ifeq` and `#switch`.
 */
export function expandTemplates(
  text: string,
  resolve: TemplateResolver | undefined,
  budget: ExpansionBudget,
  decode: (s: string) => string,
): Expansion {
  let exact = true;
  let stopped = false;
  let trees = treeCache.get(budget);
  if (trees === undefined) {
    trees = new Map();
    treeCache.set(budget, trees);
  }
  /** The call as text, its first part already expanded (expanding it again doubled the work
   * at each level of `{{{ {{{ … }}} }}}`: exponential up to the size budget). */
  const literal = (call: Call, frame: Frame, first: string): string => {
    let inner = first;
    for (let k = 1; k < call.parts.length && !stopped; k++) {
      inner += `|${expandNodes(call.parts[k]!.nodes, frame)}`;
    }
    return call.kind === 'argument' ? `{{{${inner}}}}` : `{{${inner}}}`;
  };
  const inexact = (call: Call, frame: Frame, first: string): string => {
    exact = false;
    return stopped ? '' : literal(call, frame, first);
  };
  // Calls nested in calls (in arguments, titles, parser functions), whatever the templates'
  // depth: MediaWiki stops at an expansion depth of 100 (`$wgMaxPPExpandDepth`), and so must
  // this recursion, which would overflow the stack on a heading of 1,000 nested calls.
  const maxNesting = Math.min(budget.maxDepth, MAX_NESTING);
  let nesting = 0;
  const count = (s: string): string => {
    budget.used += s.length;
    if (budget.used > budget.maxSize) {
      stopped = true;
      exact = false;
    }
    return s;
  };
  const expandNodes = (nodes: readonly PNode[], frame: Frame): string => {
    let out = '';
    for (const node of nodes) {
      if (stopped) return out;
      out += typeof node === 'string' ? count(node) : expandCall(node, frame);
    }
    return out;
  };
  const argumentValue = (arg: Argument, frame: Frame): Expansion & { readonly raw: string } => {
    if (arg.value === undefined) {
      const saved = exact;
      exact = true;
      const raw = expandNodes(arg.nodes, frame.caller ?? frame);
      arg.value = { text: arg.trim ? phpTrim(raw) : raw, exact, raw };
      exact = saved;
    }
    return arg.value;
  };
  const expandCall = (call: Call, frame: Frame): string => {
    if (nesting >= maxNesting) {
      exact = false;
      return '';
    }
    nesting++;
    try {
      return expandNested(call, frame);
    } finally {
      nesting--;
    }
  };
  const expandNested = (call: Call, frame: Frame): string => {
    if (call.kind === 'argument') {
      const rawName = expandNodes(call.parts[0]!.nodes, frame);
      const arg = frame.args.get(phpTrim(rawName));
      if (arg !== undefined) {
        const value = argumentValue(arg, frame);
        if (!value.exact) exact = false;
        // Counted at each use: a template using its parameter twice doubles it, level by level.
        return count(value.text);
      }
      const fallback = call.parts[1];
      if (fallback !== undefined) return expandNodes(fallback.nodes, frame);
      return literal(call, frame, rawName);
    }
    const rawTitle = expandNodes(call.parts[0]!.nodes, frame);
    const title = phpTrim(rawTitle);
    const args = call.parts.slice(1);
    if (title === '!' && args.length === 0) return count('|');
    if (title === '=' && args.length === 0) return count('=');
    const colon = title.indexOf(':');
    const head = colon === -1 ? title : title.slice(0, colon);
    if (title.startsWith('#')) {
      const name = phpTrim(head).toLowerCase();
      if (colon === -1 || !['#if', '#ifeq', '#switch'].includes(name))
        return inexact(call, frame, rawTitle);
      const first = phpTrim(title.slice(colon + 1));
      const arg = (k: number) => (args[k] === undefined ? '' : expandNodes(args[k]!.nodes, frame));
      if (name === '#if') return phpTrim(first !== '' ? arg(0) : arg(1));
      if (name === '#ifeq') {
        const same = looseEquals(phpTrim(decode(first)), phpTrim(decode(arg(0))));
        return phpTrim(same ? arg(1) : arg(2));
      }
      return parserSwitch(phpTrim(decode(first)), args, frame);
    }
    if (VARIABLES.has(title) || (colon !== -1 && FUNCTIONS.has(phpTrim(head).toLowerCase()))) {
      return inexact(call, frame, rawTitle);
    }
    if (resolve === undefined || frame.depth >= budget.maxDepth)
      return inexact(call, frame, rawTitle);
    const page = canonicalTitle(title, 'Template');
    for (let f: Frame | null = frame; f !== null; f = f.parent) {
      // A template loop: MediaWiki shows an error message there.
      if (f.title === page) return inexact(call, frame, rawTitle);
    }
    const named = new Map<string, Argument>();
    // Each argument in order with its name as written (null: positional), for `literal`.
    const written: [Argument, string | null][] = [];
    let position = 1;
    for (const part of args) {
      if (part.eq === -1) {
        const arg = { nodes: part.nodes, trim: false };
        named.set(String(position++), arg);
        written.push([arg, null]);
      } else {
        const rawKey = expandNodes(part.nodes.slice(0, part.eq), frame);
        const arg = { nodes: part.nodes.slice(part.eq + 1), trim: true };
        named.set(phpTrim(rawKey), arg);
        written.push([arg, rawKey]);
      }
    }
    const inner: Frame = {
      title: page,
      parent: frame,
      depth: frame.depth + 1,
      args: named,
      caller: frame,
    };
    const plain: Record<string, string> = Object.create(null);
    for (const [key, arg] of named) plain[key] = argumentValue(arg, inner).text;
    let body = resolve(page, plain);
    // A redirect is followed, as Parser::statelessFetchTemplate does (two hops at most).
    for (let hop = 0; typeof body === 'string' && hop < 3; hop++) {
      const target = REDIRECT.exec(body)?.[1];
      if (target === undefined) break;
      body = hop === 2 ? undefined : resolve(canonicalTitle(target, ''), plain);
    }
    if (body === null) return count(`[[:${page}]]`);
    if (typeof body !== 'string') {
      // The call as written, from the arguments already expanded: expanding them again, at
      // each level of `{{X|{{X|…}}}}`, was exponential up to the size budget.
      exact = false;
      if (stopped) return '';
      let literalText = `{{${rawTitle}`;
      for (const [arg, rawKey] of written) {
        const raw = argumentValue(arg, inner).raw;
        literalText += rawKey === null ? `|${raw}` : `|${rawKey}=${raw}`;
      }
      return `${literalText}}}`;
    }
    // A transclusion counts with its whole source, as MediaWiki's pre-expand include size does,
    // and at least CALL_COST: many calls of a large or an empty template stop at the budget.
    budget.used += Math.max(body.length, CALL_COST);
    if (budget.used > budget.maxSize) {
      stopped = true;
      exact = false;
      return '';
    }
    let tree = trees.get(body);
    if (tree === undefined) {
      tree = buildTree(transcludedBody(body));
      trees.set(body, tree);
    }
    return expandNodes(tree, inner);
  };
  const parserSwitch = (primary: string, cases: readonly Part[], frame: Frame): string => {
    let found = false;
    let defaultFound = false;
    let fallback: readonly PNode[] | null = null;
    let lastHadNoEquals = false;
    let lastItem = '';
    const isDefault = (s: string) => s.toLowerCase() === '#default';
    for (const part of cases) {
      if (part.eq !== -1) {
        lastHadNoEquals = false;
        const value = part.nodes.slice(part.eq + 1);
        if (found) return phpTrim(expandNodes(value, frame));
        const test = phpTrim(decode(expandNodes(part.nodes.slice(0, part.eq), frame)));
        if (looseEquals(test, primary)) return phpTrim(expandNodes(value, frame));
        if (defaultFound || isDefault(test)) {
          fallback = value;
          defaultFound = false;
        }
      } else {
        lastHadNoEquals = true;
        const expanded = expandNodes(part.nodes, frame);
        lastItem = phpTrim(expanded);
        const test = phpTrim(decode(expanded));
        if (looseEquals(test, primary)) found = true;
        else if (isDefault(test)) defaultFound = true;
      }
    }
    if (lastHadNoEquals) return lastItem;
    return fallback === null ? '' : phpTrim(expandNodes(fallback, frame));
  };
  const top: Frame = { title: null, parent: null, depth: 0, args: new Map(), caller: null };
  const out = expandNodes(buildTree(text), top);
  return { text: out, exact };
}
