// Which attendees an action item names: whole words, any letter case, Unicode-aware.

/**
 * A letter, digit, mark or `_`, compared ignoring case as the `iu` flags compare. Compiling this class
 * costs a millisecond or two, so it is compiled once, and only for a neighbour beyond ASCII.
 */
const WORD_RE = /^[\p{L}\p{N}\p{M}_]$/iu;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isWord(cp: string): boolean {
  const c = cp.charCodeAt(0);
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
  return WORD_RE.test(cp);
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** The code point that ends at `i` (a surrogate pair counts as one, as in a `u` regex). */
function before(text: string, i: number): string {
  if (i >= 2 && isLow(text.charCodeAt(i - 1)) && isHigh(text.charCodeAt(i - 2))) return text.slice(i - 2, i);
  return text.charAt(i - 1);
}

/** The code point that starts at `i`. */
function at(text: string, i: number): string {
  if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) return text.slice(i, i + 2);
  return text.charAt(i);
}

/**
 * A matcher for one nick. A nick is found where it is not glued to other letters or digits, so `bob`
 * matches `BOB's` but not `bobby`, and `zed[m]` or `Zoë` match too (MeetBot's ASCII \b missed them).
 *
 * It answers as `(?<!W)nick(?!W)` with flags `iu` (W = [\p{L}\p{N}\p{M}_]) answers: every place the nick
 * matches ignoring case is found, overlapping ones too, and its neighbours are checked one by one. One
 * such regular expression per attendee cost a long meeting's minutes tens of milliseconds to compile.
 */
export function nickMatcher(nick: string): (text: string) => boolean {
  if (nick === '') return () => false;
  const re = new RegExp(escapeRegExp(nick), 'giu');
  return (text) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if ((start === 0 || !isWord(before(text, start))) && (end === text.length || !isWord(at(text, end)))) return true;
      re.lastIndex = start + at(text, start).length;
    }
    return false;
  };
}
