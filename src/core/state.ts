// The state of one running meeting, and the small pure operations on it.
import type { MeetingConfig } from './config.js';
import { compareCodePoints, ircLower } from './text.js';
import { NO_SERIES, type Item, type LoggedLine, type SeriesContext } from './types.js';

/**
 * An append-only log shared between successive states: a state sees the first `length` entries of
 * `buf`. Appending to an older state copies first, so every state stays as it was (O(1) amortised).
 */
export interface AppendLog<T> {
  readonly buf: readonly T[];
  readonly length: number;
}

export function emptyLog<T>(): AppendLog<T> {
  return { buf: [], length: 0 };
}

export function appendLog<T>(log: AppendLog<T>, entry: T): AppendLog<T> {
  const buf = (log.buf.length === log.length ? log.buf : log.buf.slice(0, log.length)) as T[];
  buf.push(entry);
  return { buf, length: log.length + 1 };
}

/** appendLog of several entries at once: one new log, however many entries (a replay's run of ordinary lines). */
export function appendLogMany<T>(log: AppendLog<T>, entries: readonly T[]): AppendLog<T> {
  const buf = (log.buf.length === log.length ? log.buf : log.buf.slice(0, log.length)) as T[];
  for (let i = 0; i < entries.length; i++) buf.push(entries[i] as T);
  return { buf, length: log.length + entries.length };
}

export function logEntries<T>(log: AppendLog<T>): readonly T[] {
  return log.buf.length === log.length ? log.buf : log.buf.slice(0, log.length);
}

/** A log holding exactly these entries (after an edit that is not an append: #undo, #edit, #assign). */
export function logOf<T>(entries: readonly T[]): AppendLog<T> {
  return { buf: entries, length: entries.length };
}

export interface Vote {
  readonly question: string;
  readonly options: readonly string[];
  /** Voter (lower-cased nick) → [display nick, option index]; a later vote replaces an earlier one. */
  readonly ballots: ReadonlyMap<string, readonly [string, number]>;
}

/** An action item closed by #done in this meeting (of this meeting or an earlier one of the series). */
export interface Closure {
  readonly ref: string;
  /** The action's text, as it was when closed. */
  readonly text: string;
  /** Who closed it. */
  readonly by: string;
  readonly time: number;
  readonly line: number;
  readonly note: string;
}

/** Gavel's bookkeeping beyond MeetBot: the series' action items, closures and the length reminder. */
export interface Tracking {
  /** The series as it was when the meeting started. */
  readonly series: SeriesContext;
  readonly nextAction: number;
  readonly closed: readonly Closure[];
  readonly reminded: boolean;
}

export const NEW_TRACKING: Tracking = { series: NO_SERIES, nextAction: 1, closed: [], reminded: false };

export interface Meeting {
  readonly config: MeetingConfig;
  readonly owner: string;
  readonly ownerAccount: string | undefined;
  /** Chairs besides the owner, as typed, in the order added. */
  readonly chairs: readonly string[];
  /** Accounts of chairs who were logged in when chaired or when they spoke (IRCv3 account-tag). */
  readonly chairAccounts: readonly string[];
  readonly start: number;
  readonly lastTime: number;
  readonly meetingTopic: string | undefined;
  readonly meetingName: string;
  readonly currentTopic: string;
  readonly log: AppendLog<LoggedLine>;
  /** Appended to as items are recorded (shared between states, as the log is); read with itemsOf. */
  readonly items: AppendLog<Item>;
  readonly nextItemId: number;
  /** Attendees named by #chair and #nick, who may never speak. */
  readonly extraNicks: readonly string[];
  readonly vote: Vote | undefined;
  readonly lurk: boolean;
  readonly restrictLogs: boolean;
  /** The channel topic before the meeting, restored at the end; undefined when unknown. */
  readonly originalTopic: string | undefined;
  readonly end: number | undefined;
  readonly tracking: Tracking;
  /** How the meeting ended: by #endmeeting, by being idle, or the log simply stopped. */
  readonly endReason: 'command' | 'idle' | 'eof' | undefined;
}

/**
 * The meeting after one more logged line: `{ ...m, log, lastTime }` written out field by field, because
 * a spread of this twenty-field object is most of the cost of an ordinary line (and the type checker
 * makes sure a new field of Meeting is not forgotten here).
 */
export function withLogLine(m: Meeting, log: AppendLog<LoggedLine>, lastTime: number): Meeting {
  return {
    config: m.config,
    owner: m.owner,
    ownerAccount: m.ownerAccount,
    chairs: m.chairs,
    chairAccounts: m.chairAccounts,
    start: m.start,
    lastTime,
    meetingTopic: m.meetingTopic,
    meetingName: m.meetingName,
    currentTopic: m.currentTopic,
    log,
    items: m.items,
    nextItemId: m.nextItemId,
    extraNicks: m.extraNicks,
    vote: m.vote,
    lurk: m.lurk,
    restrictLogs: m.restrictLogs,
    originalTopic: m.originalTopic,
    end: m.end,
    tracking: m.tracking,
    endReason: m.endReason,
  };
}

export function sameNick(a: string, b: string): boolean {
  return a === b || ircLower(a) === ircLower(b);
}

export function isChair(m: Meeting, nick: string, account?: string): boolean {
  // An owner who was logged in is known by the account (IRCv3 account-tag), not by a nick anyone may take.
  const ownerByNick = m.ownerAccount === undefined ? sameNick(nick, m.owner) : account === m.ownerAccount;
  if (ownerByNick || m.chairs.some((c) => sameNick(c, nick))) return true;
  if (account !== undefined && (account === m.ownerAccount || m.chairAccounts.includes(account))) return true;
  return m.config.admins.some((a) => sameNick(a, nick) || a === account);
}

/** Owner plus chairs, sorted as MeetBot sorted them (Python's code-point order). */
export function chairList(m: Meeting): string[] {
  const all = [m.owner, ...m.chairs.filter((c) => !sameNick(c, m.owner))];
  return all.sort(compareCodePoints);
}

export function logLines(m: Meeting): readonly LoggedLine[] {
  return logEntries(m.log);
}

/** The meeting's minutes items, in the order recorded. */
export function itemsOf(m: Meeting): readonly Item[] {
  return logEntries(m.items);
}
