/**
 * Issue 13 row 1's input: a line of `count` words from a 5,000-word vocabulary, and the same
 * line with 5% of its words changed (a fixed LCG, so every run diffs the same pair).
 */
export function longLines(count: number): [string, string] {
  let seed = 12345;
  const next = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const words = Array.from({ length: count }, () => `w${Math.floor(next() * 5000)}`);
  const edited = words.map((w) => (next() < 0.05 ? `x${Math.floor(next() * 5000)}` : w));
  return [words.join(' '), edited.join(' ')];
}
