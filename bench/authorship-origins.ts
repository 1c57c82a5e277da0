/**
 * WikiWho's attribution laid over a text, character by character, for the comparison in
 * authorship.bench.ts and test/authorship-wikiwho.test.ts.
 */
import { lowerText } from '../src/authorship/split-text.js';

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
