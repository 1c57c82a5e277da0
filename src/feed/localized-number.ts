/**
 * Numbers as MediaWiki prints them in the wiki's language: `Line 1,389:` in English,
 * `Zeile 1.389:` in German, `Ligne 1 389 :` in French, `سطر ١٬٣٨٩:` in Arabic.
 */

let zeros: number[] | null = null;

/** Code points of every Unicode decimal digit zero (`\p{Nd}` comes in runs of ten). */
function digitZeros(): number[] {
  if (zeros) return zeros;
  const found: number[] = [];
  const nd = /\p{Nd}/u;
  for (let cp = 0; cp <= 0x1ffff; cp++) {
    if (nd.test(String.fromCodePoint(cp))) {
      found.push(cp);
      cp += 9;
    }
  }
  zeros = found;
  return found;
}

/** The value of one decimal digit of any script. */
function digitValue(cp: number): number {
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  let value = -1;
  for (const zero of digitZeros()) {
    if (zero > cp) break;
    if (cp - zero < 10) value = cp - zero;
  }
  return value;
}

/**
 * The first integer in `text`, read language-independently: digits of any script, grouped by
 * any single separator between digits (`,` `.` `'` space, no-break space, `٬`).
 * Returns `null` when the text has no digit.
 */
export function parseLocalizedInteger(text: string): number | null {
  const match = /\p{Nd}(?:\p{Nd}|[^\p{L}\p{Nd}:：](?=\p{Nd}))*/u.exec(text);
  if (!match) return null;
  let value = 0;
  for (const char of match[0]) {
    const digit = digitValue(char.codePointAt(0)!);
    if (digit >= 0) value = value * 10 + digit;
  }
  return Number.isSafeInteger(value) ? value : null;
}
