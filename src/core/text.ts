// Pure text helpers: IRC formatting codes, line normalisation, code-point ordering.

/** IRC formatting: bold, colour (with its digits), hex colour, reset, reverse, italic, strike, underline, monospace. */
const FORMAT_RE = /\x02|\x03(?:\d{1,2}(?:,\d{1,2})?)?|\x04(?:[0-9a-fA-F]{6}(?:,[0-9a-fA-F]{6})?)?|[\x0f\x16\x1d\x1e\x1f\x11]/g;
const LEADING_FORMAT_RE = new RegExp(`^(?:${FORMAT_RE.source})+`);

export function stripFormatting(text: string): string {
  return text.replace(FORMAT_RE, '');
}

export function stripLeadingFormatting(text: string): string {
  return text.replace(LEADING_FORMAT_RE, '');
}

/** The text of a line as the meeting keeps it: trimmed, CTCP `\x01` markers removed from both ends. */
export function normaliseText(text: string): string {
  // Most lines start and end with a visible ASCII character: no blank to trim, no CTCP marker at an end.
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  if (first > 0x20 && first < 0x7f && last > 0x20 && last < 0x7f) return text;
  // Most other lines hold no CTCP marker: a plain trim gives the same text without a regular expression.
  if (!text.includes('\x01')) return text.trim();
  return text.trim().replace(/^\x01+|\x01+$/g, '').trim();
}

/** Python's default string order (by code point), not JavaScript's UTF-16 order. */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx - cy;
  }
}

/** Length in code points, as Python counts a unicode string. */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

/** IRC's rfc1459 case mapping: nicks that differ only by it are the same person. */
export function ircLower(nick: string): string {
  // A channel has a few dozen nicks, compared on every command (is the speaker a chair?): each is
  // lowered once. Bounded, for a bot that sees nicks come and go for months.
  let lower = lowered.get(nick);
  if (lower === undefined) {
    lower = nick.toLowerCase().replace(/[[\]\\~]/g, (c) => ({ '[': '{', ']': '}', '\\': '|', '~': '^' })[c] ?? c);
    if (lowered.size >= 4096) lowered.clear();
    lowered.set(nick, lower);
  }
  return lower;
}

const lowered = new Map<string, string>();

/** Fill `{name}` placeholders; unknown names are left as they are, so a typo shows in the output. */
export function fillTemplate(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}
