// One line of a MeetBot `.log.txt`: reading it in any accepted form, writing it in the canonical one.
import { normaliseText } from './text.js';
import { hms } from './time.js';
import type { LoggedLine } from './types.js';

export type ParsedLogLine =
  | { readonly type: 'line'; readonly h: number; readonly m: number; readonly s: number; readonly nick: string; readonly kind: 'message' | 'action'; readonly text: string }
  | { readonly type: 'skip' }
  | { readonly type: 'bad'; readonly reason: string };

// [HH:MM:SS] or HH:MM:SS or HH:MM, then `<nick> text` (nick may carry @ or +) or `* nick text`.
const LINE_RE = /^(?:\[(\d{1,2}):(\d{2})(?::(\d{2}))?\]|(\d{1,2}):(\d{2})(?::(\d{2}))?)[ \t]+(?:<[@+%~&]?([^>\s]*)>(?:[ \t]([\s\S]*))?|\*[ \t]+(\S+)(?:[ \t]+([\s\S]*))?)$/;

const digit = (c: number): number => (c >= 0x30 && c <= 0x39 ? c - 0x30 : -1);

/** The fields of the line readCanonical last accepted: filled in place, so a 20,000-line read makes no object per line. */
export const canonical = { h: 0, m: 0, s: 0, nick: '', text: '' };

/**
 * Reads the line of `text` from `start` to `end` if it is in the form Gavel writes, `HH:MM:SS <nick>
 * text`, without a regular expression (nine lines in ten of a log), into `canonical`; false for any
 * other form, which parseLogLine then reads. Where it accepts, it reads exactly as parseLogLine does.
 */
export function readCanonical(text: string, start: number, end: number): boolean {
  if (end - start < 12) return false;
  const h1 = digit(text.charCodeAt(start));
  const h2 = digit(text.charCodeAt(start + 1));
  const m1 = digit(text.charCodeAt(start + 3));
  const m2 = digit(text.charCodeAt(start + 4));
  const s1 = digit(text.charCodeAt(start + 6));
  const s2 = digit(text.charCodeAt(start + 7));
  if (h1 < 0 || h2 < 0 || m1 < 0 || m2 < 0 || s1 < 0 || s2 < 0) return false;
  if (text.charCodeAt(start + 2) !== 0x3a || text.charCodeAt(start + 5) !== 0x3a) return false;
  if (text.charCodeAt(start + 8) !== 0x20 || text.charCodeAt(start + 9) !== 0x3c) return false;
  const h = h1 * 10 + h2;
  const m = m1 * 10 + m2;
  const s = s1 * 10 + s2;
  if (h > 23 || m > 59 || s > 60) return false;
  // The nick: no mode prefix, no blank (anything beyond Latin-1 may be a Unicode blank: the general reader decides).
  const first = start + 10;
  let i = first;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3e) break;
    if (c <= 0x20 || c === 0x7f || (c >= 0x80 && c <= 0xa0) || c > 0xff) return false;
  }
  if (i === first || i >= end) return false;
  const first0 = text.charCodeAt(first);
  if (first0 === 0x40 || first0 === 0x2b || first0 === 0x25 || first0 === 0x7e || first0 === 0x26) return false;
  // After `>`: the end of the line, or one space or tab and the text.
  const after = text.charCodeAt(i + 1);
  if (i + 1 < end && after !== 0x20 && after !== 0x09) return false;
  canonical.h = h;
  canonical.m = m;
  canonical.s = s;
  canonical.nick = text.slice(first, i);
  canonical.text = normaliseText(text.slice(i + 1, end));
  return true;
}

/** readCanonical as a value: the line, or undefined for a form it does not read. */
export function parseCanonicalLine(text: string, start: number, end: number): ParsedLogLine | undefined {
  if (!readCanonical(text, start, end)) return undefined;
  const { h, m, s, nick, text: said } = canonical;
  return { type: 'line', h, m, s, nick, kind: 'message', text: said };
}

export function parseLogLine(raw: string): ParsedLogLine {
  const line = raw.trim();
  if (line === '' || line.startsWith('#')) return { type: 'skip' };
  const m = LINE_RE.exec(line);
  if (!m) {
    if (/^\[?\d{1,2}:\d{2}/.test(line)) return { type: 'bad', reason: 'a time, but no <nick> or * nick after it' };
    return { type: 'bad', reason: 'not a log line (expected "HH:MM:SS <nick> text" or "HH:MM:SS * nick text")' };
  }
  const h = Number(m[1] ?? m[4]);
  const mi = Number(m[2] ?? m[5]);
  const s = Number(m[3] ?? m[6] ?? '0');
  if (h > 23 || mi > 59 || s > 60) return { type: 'bad', reason: `impossible time ${h}:${mi}:${s}` };
  if (m[7] !== undefined) {
    if (m[7] === '') return { type: 'bad', reason: 'empty nick' };
    return { type: 'line', h, m: mi, s, nick: m[7], kind: 'message', text: normaliseText(m[8] ?? '') };
  }
  return { type: 'line', h, m: mi, s, nick: m[9] ?? '', kind: 'action', text: normaliseText(m[10] ?? '') };
}

export function formatLogLine(l: LoggedLine, zone: string): string {
  const t = hms(l.time, zone);
  return l.kind === 'action' ? `${t} * ${l.nick} ${l.text}` : `${t} <${l.nick}> ${l.text}`;
}

/** Lines joined a block at a time: twenty thousand line strings alive at once are copied by every young collection. */
const BLOCK = 2048;

/** The whole `.log.txt`: lines joined by `\n`, no final newline. */
export function formatLog(lines: readonly LoggedLine[], zone: string): string {
  const blocks: string[] = [];
  for (let start = 0; start < lines.length; start += BLOCK) {
    const end = Math.min(start + BLOCK, lines.length);
    const block: string[] = [];
    for (let i = start; i < end; i++) block.push(formatLogLine(lines[i] as LoggedLine, zone));
    blocks.push(block.join('\n'));
  }
  return blocks.join('\n');
}
