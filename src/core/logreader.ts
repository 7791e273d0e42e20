// A MeetBot `.log.txt` to line events: the date from the name or given, the day rolling over at midnight.
import { canonical, formatLogLine, parseLogLine, readCanonical } from './logformat.js';
import { fromLocal, hms } from './time.js';
import type { LineEvent } from './types.js';

export interface LogProblem {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly reason: string;
  readonly text: string;
}

export interface ReadLog {
  readonly events: LineEvent[];
  readonly problems: LogProblem[];
  /** Bytes that were not UTF-8 and became U+FFFD. */
  readonly invalidUtf8: boolean;
}

export interface FileNameInfo {
  readonly channel?: string;
  readonly date?: { y: number; m: number; d: number };
  readonly hour?: number;
  readonly minute?: number;
}

/** `opencontainers.2018-03-07-22.00.log.txt` → channel `#opencontainers`, date 2018-03-07. */
export function parseLogFileName(name: string): FileNameInfo {
  const base = name.split(/[\\/]/).pop() ?? name;
  const m = /^(?:(.*)\.)?(\d{4})-(\d{2})-(\d{2})-(\d{2})\.(\d{2})\.log\.txt$/.exec(base);
  if (!m) return {};
  const date = { y: Number(m[2]), m: Number(m[3]), d: Number(m[4]) };
  return { ...(m[1] ? { channel: `#${m[1]}` } : {}), date, hour: Number(m[5]), minute: Number(m[6]) };
}

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

export function decodeLog(bytes: Uint8Array): { text: string; invalidUtf8: boolean } {
  try {
    return { text: strictDecoder.decode(bytes), invalidUtf8: false };
  } catch {
    return { text: decoder.decode(bytes), invalidUtf8: true };
  }
}

export function readLog(text: string, date: { y: number; m: number; d: number }, zone: string): Omit<ReadLog, 'invalidUtf8'> {
  const events: LineEvent[] = [];
  const problems = forEachLogLine(text, date, zone, (ev) => events.push(ev));
  return { events, problems };
}

/**
 * Where a line event came from in the text: its first character and the end of its text (before any
 * `\r` and the `\n`). `verbatim`: formatLogLine prints the event as exactly that span, so a run of
 * such lines may be copied as read instead of printed anew.
 */
export type OnLogLine = (event: LineEvent, start: number, end: number, verbatim: boolean) => void;

/**
 * Reads the log line by line, handing each line event over as it is read: a replay folds it at once,
 * so twenty thousand events never pile up to be copied by the garbage collector. Returns the problems.
 */
export function forEachLogLine(
  text: string,
  date: { y: number; m: number; d: number },
  zone: string,
  onLine: OnLogLine,
): LogProblem[] {
  const problems: LogProblem[] = [];
  const day = new Date(Date.UTC(date.y, date.m - 1, date.d));
  let [y, mo, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
  let prevSeconds = -1;
  // Lines as split(/\r?\n/) cuts them, found with indexOf: no array of twenty thousand strings.
  for (let start = 0, n = 1; start <= text.length; n++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const next = end + 1;
    if (end > start && text.charCodeAt(end - 1) === 0x0d) end--;
    const lineStart = start;
    start = next;
    let h: number, m: number, sec: number, nick: string, said: string;
    let kind: 'message' | 'action' = 'message';
    // The canonical form with one space after the nick, nothing trimmed from the text, no `\r`:
    // printed back, the line is this span (an empty text is printed with the space after `>`).
    let verbatim = false;
    let raw: string | undefined;
    if (readCanonical(text, lineStart, end)) {
      ({ h, m, s: sec, nick, text: said } = canonical);
      verbatim = next === end + 1 && end - lineStart === 12 + nick.length + said.length && text.charCodeAt(lineStart + 11 + nick.length) === 0x20;
    } else {
      raw = text.slice(lineStart, end);
      const p = parseLogLine(raw);
      if (p.type === 'bad') problems.push({ line: n, reason: p.reason, text: raw.length > 200 ? `${raw.slice(0, 200)}…` : raw });
      if (p.type !== 'line') continue;
      ({ h, m, s: sec, nick, kind, text: said } = p);
    }
    const secs = h * 3600 + m * 60 + sec;
    if (prevSeconds >= 0 && secs < prevSeconds) {
      day.setUTCDate(day.getUTCDate() + 1);
      [y, mo, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
    }
    prevSeconds = secs;
    const time = fromLocal(y, mo, d, h, m, sec, zone);
    const ev: LineEvent = { type: 'line', time, nick, kind, text: said };
    if (raw !== undefined) {
      // Another form (an action line, a bracketed time…): verbatim if printing it gives it back.
      verbatim = next === end + 1 && formatLogLine(ev, zone) === raw;
    } else if (verbatim && (sec > 59 || (zone !== 'UTC' && hms(time, zone) !== text.slice(lineStart, lineStart + 8)))) {
      // A second 60 or a clock time a zone skips is printed as another time.
      verbatim = false;
    }
    onLine(ev, lineStart, end, verbatim);
  }
  return problems;
}
