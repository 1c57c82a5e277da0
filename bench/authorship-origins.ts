/**
 * WikiWho's attribution laid over a text, character by character, for the comparison in
 * authorship.bench.ts and test/authorship-wikiwho.test.ts.
 */
import { isSpace, lowerText } from '../src/authorship/split-text.js';

/**
 * For each UTF-16 unit of `text`, the origin revision WikiWho gives it (-1 where none): its
 * tokens, lower-cased text in order, are found in the lower-cased text one after the other and
 * mapped back where lower-casing changes lengths (`İ`).
 *
 * @returns The origins, and each token's `[start, end)` in `text` (-1 where not found).
 */
export function wikiwhoOrigins(
  text: string,
  tokens: readonly (readonly [string, number, ...unknown[]])[],
): { readonly origins: Int32Array; readonly spans: readonly (readonly [number, number])[] } {
  const origins = new Int32Array(text.length).fill(-1);
  const { lower, origin } = lowerText(text);
  const at = (k: number) => (origin === null ? k : origin[k]!);
  const spans: [number, number][] = [];
  let pos = 0;
  for (const [value, from] of tokens) {
    const found = lower.indexOf(value, pos);
    if (found === -1) {
      spans.push([-1, -1]);
      continue;
    }
    const span: [number, number] = [at(found), at(found + value.length)];
    origins.fill(from, span[0], span[1]);
    spans.push(span);
    pos = found + value.length;
  }
  return { origins, spans };
}

/** A token of our blame, as far as the comparison needs it. */
interface OurToken {
  readonly start: number;
  readonly end: number;
  readonly originRevisionId: number;
  readonly outbound: readonly number[];
  readonly inbound: readonly number[];
}

/** One run of characters whose origins differ: the text around it, ours and WikiWho's origin. */
export interface Disagreement {
  readonly text: string;
  readonly ours: number;
  readonly theirs: number;
}

/**
 * Compares our blame of `text` with WikiWho's tokens: how many non-whitespace characters there
 * are and how many have the same origin, the disagreeing runs, and how many of our tokens
 * inside one of WikiWho's have other deletions or reinsertions (`outbound`, `inbound`) than it.
 */
export function compareWithWikiwho(
  text: string,
  ours: readonly OurToken[],
  theirs: readonly (readonly [string, number, readonly number[], readonly number[]])[],
): {
  readonly chars: number;
  readonly agree: number;
  readonly runs: Disagreement[];
  readonly sameTokens: number;
  readonly historyDiffers: number;
} {
  const mine = new Int32Array(text.length).fill(-1);
  for (const t of ours) mine.fill(t.originRevisionId, t.start, t.end);
  const { origins, spans } = wikiwhoOrigins(text, theirs);
  let chars = 0;
  let agree = 0;
  const runs: Disagreement[] = [];
  for (let k = 0; k < text.length; k++) {
    if (isSpace(text.charCodeAt(k))) continue;
    chars++;
    if (mine[k] === origins[k]) agree++;
    else if (mine[k - 1] === origins[k - 1] || isSpace(text.charCodeAt(k - 1))) {
      let end = k;
      while (end < text.length && mine[end] !== origins[end]) end++;
      runs.push({
        text: text.slice(Math.max(0, k - 20), Math.min(text.length, end + 20)),
        ours: mine[k]!,
        theirs: origins[k]!,
      });
    }
  }
  // Every token of ours inside one of WikiWho's (ours are its pieces between whitespace).
  const at = new Int32Array(text.length).fill(-1);
  for (const [k, t] of ours.entries()) at.fill(k, t.start, t.end);
  let sameTokens = 0;
  let historyDiffers = 0;
  for (const [k, [start, end]] of spans.entries()) {
    if (start === -1) continue;
    const [, , outbound, inbound] = theirs[k]!;
    for (let c = start; c < end; c++) {
      const t = ours[at[c]!];
      if (t === undefined || t.start !== c || t.end > end) continue;
      sameTokens++;
      if (String(t.outbound) !== String(outbound) || String(t.inbound) !== String(inbound)) {
        historyDiffers++;
      }
    }
  }
  return { chars, agree, runs, sameTokens, historyDiffers };
}
