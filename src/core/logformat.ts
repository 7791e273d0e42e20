// One line of a MeetBot `.log.txt`: reading it in any accepted form, writing it in the canonical one.
import { hms } from './time.js';
import type { LoggedLine } from './types.js';

export type ParsedLogLine =
  | { readonly type: 'line'; readonly h: number; readonly m: number; readonly s: number; readonly nick: string; readonly kind: 'message' | 'action'; readonly text: string }
  | { readonly type: 'skip' }
  | { readonly type: 'bad'; readonly reason: string };

// [HH:MM:SS] or HH:MM:SS or HH:MM, then `<nick> text` (nick may carry @ or +) or `* nick text`.
const LINE_RE = /^(?:\[(\d{1,2}):(\d{2})(?::(\d{2}))?\]|(\d{1,2}):(\d{2})(?::(\d{2}))?)[ \t]+(?:<[@+%~&]?([^>\s]*)>(?:[ \t]([\s\S]*))?|\*[ \t]+(\S+)(?:[ \t]+([\s\S]*))?)$/;

function trimText(text: string): string {
  return text.trim().replace(/^\x01+|\x01+$/g, '').trim();
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
    return { type: 'line', h, m: mi, s, nick: m[7], kind: 'message', text: trimText(m[8] ?? '') };
  }
  return { type: 'line', h, m: mi, s, nick: m[9] ?? '', kind: 'action', text: trimText(m[10] ?? '') };
}

export function formatLogLine(l: LoggedLine, zone: string): string {
  const t = hms(l.time, zone);
  return l.kind === 'action' ? `${t} * ${l.nick} ${l.text}` : `${t} <${l.nick}> ${l.text}`;
}

/** The whole `.log.txt`: lines joined by `\n`, no final newline. */
export function formatLog(lines: readonly LoggedLine[], zone: string): string {
  return lines.map((l) => formatLogLine(l, zone)).join('\n');
}
