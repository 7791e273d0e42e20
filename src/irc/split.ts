// Splits outgoing text into IRC lines that fit in 512 bytes once the server has added its relay prefix.

/** RFC 1459: a line, with its CRLF, is at most 512 bytes. Message tags have their own budget. */
export const IRC_LINE_BYTES = 512;

const encoder = new TextEncoder();
export const byteLength = (s: string): number => encoder.encode(s).length;

export interface RelayPrefix {
  readonly command: 'PRIVMSG' | 'NOTICE' | 'TOPIC';
  readonly target: string;
  readonly nick: string;
  readonly user: string;
  readonly host: string;
}

/**
 * Bytes left for the text when the server relays `:nick!user@host COMMAND target :text\r\n` to the
 * other users: what we send is shorter (no prefix), so fitting the relayed form fits both.
 */
export function textBudget(p: RelayPrefix): number {
  const overhead = byteLength(`:${p.nick}!${p.user}@${p.host} ${p.command} ${p.target} :`) + 2;
  return IRC_LINE_BYTES - overhead;
}

interface Piece {
  readonly text: string;
  readonly bytes: number;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** An IRC colour code with its numbers (`\x0304,12`, or a hex colour after \x04): never cut apart. */
const COLOUR = /\x03(?:\d{1,2}(?:,\d{1,2})?)?|\x04(?:[0-9a-fA-F]{6}(?:,[0-9a-fA-F]{6})?)?/g;

/**
 * Graphemes, so that an emoji with modifiers or a letter with its accents stays whole, and colour
 * codes whole, so that a cut never leaves "04,12" as text; code points if a grapheme is too big.
 */
function pieces(line: string, maxBytes: number): Piece[] {
  const out: Piece[] = [];
  const text = (part: string): void => {
    for (const { segment } of segmenter.segment(part)) {
      const bytes = byteLength(segment);
      if (bytes <= maxBytes) out.push({ text: segment, bytes });
      else for (const cp of segment) out.push({ text: cp, bytes: byteLength(cp) });
    }
  };
  let at = 0;
  for (const m of line.matchAll(COLOUR)) {
    const start = m.index ?? 0;
    if (start > at) text(line.slice(at, start));
    // A code longer than a whole line (only with a tiny budget) is cut like text.
    if (byteLength(m[0]) <= maxBytes) out.push({ text: m[0], bytes: byteLength(m[0]) });
    else text(m[0]);
    at = start + m[0].length;
  }
  if (at < line.length) text(line.slice(at));
  return out;
}

function splitLine(line: string, maxBytes: number): string[] {
  if (byteLength(line) <= maxBytes) return [line];
  const ps = pieces(line, maxBytes);
  const out: string[] = [];
  let start = 0;
  while (start < ps.length) {
    let bytes = 0;
    let end = start;
    let lastSpace = -1;
    while (end < ps.length && bytes + (ps[end]?.bytes ?? 0) <= maxBytes) {
      if (ps[end]?.text === ' ' && end > start) lastSpace = end;
      bytes += ps[end]?.bytes ?? 0;
      end += 1;
    }
    if (end >= ps.length) {
      out.push(join(ps, start, end));
      break;
    }
    // Break after the last whole word when there is one; a word longer than a line is cut where it must be.
    if (ps[end]?.text === ' ') {
      out.push(join(ps, start, end));
      start = end + 1;
    } else if (lastSpace > start) {
      out.push(join(ps, start, lastSpace));
      start = lastSpace + 1;
    } else {
      out.push(join(ps, start, end));
      start = end;
    }
  }
  return out.filter((l) => l !== '');
}

function join(ps: readonly Piece[], from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += ps[i]?.text ?? '';
  return s;
}

/**
 * The IRC lines for `text`: one per line of the text (CR, LF and NUL cannot be sent), each cut to at
 * most `maxBytes` bytes of UTF-8 without breaking a character, at a space where possible. Empty lines
 * are dropped: IRC cannot send them.
 */
export function splitText(text: string, maxBytes: number): string[] {
  if (!Number.isInteger(maxBytes) || maxBytes < 4) {
    throw new RangeError(`splitText: maxBytes must be an integer of at least 4 (one UTF-8 character), got ${maxBytes}`);
  }
  const out: string[] = [];
  for (const line of text.replace(/\0/g, '').split(/\r\n|\r|\n/)) {
    if (line === '') continue;
    out.push(...splitLine(line, maxBytes));
  }
  return out;
}

/** The longest prefix of `text` that fits in `maxBytes` bytes of UTF-8, cut on a character boundary. */
export function truncateBytes(text: string, maxBytes: number): string {
  if (byteLength(text) <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const { segment } of segmenter.segment(text)) {
    const b = byteLength(segment);
    if (bytes + b > maxBytes) break;
    out += segment;
    bytes += b;
  }
  return out;
}
