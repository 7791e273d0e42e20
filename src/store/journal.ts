// Meetings and their event journal in SQLite: rows in, rows out, and the fold that turns rows into a meeting.
import type { MeetingConfig } from '../core/config.js';
import { meetingUrls } from '../core/step.js';
import { finish } from '../core/meeting.js';
import { foldMeeting } from '../core/replay.js';
import { itemsOf, type Closure, type Meeting } from '../core/state.js';
import type { ChannelEnv, Item, MeetingEvent, SeriesContext } from '../core/types.js';
import type { Db } from './db.js';

/** Event types in the `events.type` column. */
export const EventType = { message: 0, action: 1, bot: 2, nick: 3, tick: 4 } as const;

export interface EventRow {
  readonly id?: number;
  readonly time: number;
  readonly type: number;
  readonly nick: string;
  readonly text: string;
  readonly account: string | null;
  readonly line: number | null;
}

export function eventToRow(ev: MeetingEvent, line: number | null): EventRow {
  switch (ev.type) {
    case 'line': {
      const type = ev.fromBot === true ? EventType.bot : ev.kind === 'action' ? EventType.action : EventType.message;
      return { time: ev.time, type, nick: ev.nick, text: ev.text, account: ev.account ?? null, line };
    }
    case 'nick':
      return { time: ev.time, type: EventType.nick, nick: ev.from, text: ev.to, account: null, line: null };
    case 'tick':
      return { time: ev.time, type: EventType.tick, nick: '', text: '', account: null, line: null };
  }
}

export function rowToEvent(r: EventRow): MeetingEvent {
  switch (r.type) {
    case EventType.nick:
      return { type: 'nick', time: r.time, from: r.nick, to: r.text };
    case EventType.tick:
      return { type: 'tick', time: r.time };
    default:
      return {
        type: 'line',
        time: r.time,
        nick: r.nick,
        kind: r.type === EventType.action ? 'action' : 'message',
        text: r.text,
        ...(r.account !== null ? { account: r.account } : {}),
        ...(r.type === EventType.bot ? { fromBot: true } : {}),
      };
  }
}

export interface MeetingRow {
  readonly id: number;
  readonly network: string;
  readonly channel: string;
  readonly name: string;
  readonly topic: string | null;
  readonly start_time: number;
  readonly end_time: number | null;
  readonly owner: string;
  readonly status: 'running' | 'ended';
  readonly end_reason: string | null;
  readonly config: string;
  readonly original_topic: string | null;
  readonly base_path: string;
  readonly source: string | null;
  readonly files_written: number;
  /** JSON of the SeriesContext the meeting started with (null before migration 2 or before it started). */
  readonly series: string | null;
  readonly restricted: number;
  readonly next_action: number | null;
}

/** What the meetings row and the items table hold of a meeting: small enough to pass between threads. */
export interface MeetingSummary {
  readonly config: MeetingConfig;
  readonly owner: string;
  readonly start: number;
  readonly originalTopic: string | undefined;
  readonly name: string;
  readonly topic: string | undefined;
  readonly end: number | undefined;
  readonly endReason: string | undefined;
  /** The files' path under the output folder, without extension. */
  readonly base: string;
  readonly items: readonly Item[];
  /** The series as the meeting started with it, and the action items it closed. */
  readonly series: SeriesContext;
  readonly closed: readonly Closure[];
  /** The number the series continues from after this meeting. */
  readonly nextAction: number;
  readonly restricted: boolean;
}

/**
 * What a refold needs of the series the meeting started with: the next number, and the earlier items
 * it closed (so that #done finds them again). The rest of the open list only fed replies, and would
 * make every meeting of a long series store its whole history.
 */
function storedSeries(m: Meeting): SeriesContext {
  const { series, closed } = m.tracking;
  const refs = new Set(closed.map((c) => c.ref));
  return { ...series, open: series.open.filter((a) => refs.has(a.ref)) };
}

export function summarise(m: Meeting): MeetingSummary {
  return {
    config: m.config,
    owner: m.owner,
    start: m.start,
    originalTopic: m.originalTopic,
    name: m.meetingName,
    topic: m.meetingTopic,
    end: m.end ?? m.lastTime,
    endReason: m.endReason,
    base: meetingUrls(m).base,
    items: itemsOf(m),
    series: storedSeries(m),
    closed: m.tracking.closed,
    nextAction: m.tracking.nextAction,
    restricted: m.restrictLogs,
  };
}

export interface NewMeeting {
  readonly config: MeetingConfig;
  readonly owner: string;
  readonly start: number;
  readonly originalTopic: string | undefined;
  readonly source?: { readonly file: string; readonly hash: string; readonly index: number };
}

/** Every statement the store runs often, prepared once per database. */
export class Statements {
  readonly insertMeeting;
  readonly insertEvent;
  readonly updateMeeting;
  readonly deleteItems;
  readonly insertItem;
  readonly deleteClosures;
  readonly insertClosure;
  readonly eventsOf;
  readonly meeting;
  readonly running;
  readonly markWritten;
  readonly indexLine;
  readonly indexLines;
  readonly indexItems;
  readonly insertEvents;
  readonly lastEventId;
  readonly lastItemId;
  readonly indexItemsFrom;

  constructor(readonly db: Db) {
    this.insertMeeting = db.prepare(
      `INSERT INTO meetings (network, channel, owner, start_time, status, config, original_topic, source, source_hash, source_index)
       VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?, ?)`,
    );
    this.insertEvent = db.prepare('INSERT INTO events (meeting_id, time, type, nick, text, account, line) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.insertEvents = db.prepare(`INSERT INTO events (meeting_id, time, type, nick, text, account, line) VALUES ${Array(BULK_ROWS).fill('(?, ?, ?, ?, ?, ?, ?)').join(', ')}`);
    // A bare max(id) is a lookup at the end of the table; wrapped in coalesce() it becomes a scan.
    this.lastEventId = db.prepare('SELECT max(id) FROM events').pluck();
    this.lastItemId = db.prepare('SELECT max(id) FROM items').pluck();
    this.indexItemsFrom = db.prepare('INSERT INTO items_fts (rowid, text) SELECT id, text FROM items WHERE id >= ? ORDER BY id');
    this.updateMeeting = db.prepare(
      `UPDATE meetings SET name = ?, topic = ?, end_time = ?, status = ?, end_reason = ?, base_path = ?, original_topic = ?, series = ?,
         next_action = ?, restricted = ? WHERE id = ?`,
    );
    this.deleteClosures = db.prepare('DELETE FROM closures WHERE meeting_id = ?');
    this.insertClosure = db.prepare('INSERT INTO closures (meeting_id, ref, text, nick, time, line, note) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.deleteItems = db.prepare('DELETE FROM items WHERE meeting_id = ?');
    this.insertItem = db.prepare('INSERT INTO items (meeting_id, item_no, kind, nick, time, line, text, url, ref, assignee) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.eventsOf = db.prepare('SELECT id, time, type, nick, text, account, line FROM events WHERE meeting_id = ? ORDER BY id');
    this.meeting = db.prepare('SELECT * FROM meetings WHERE id = ?');
    this.running = db.prepare("SELECT * FROM meetings WHERE status = 'running' AND network = ? ORDER BY id");
    this.markWritten = db.prepare('UPDATE meetings SET files_written = ? WHERE id = ?');
    this.indexLine = db.prepare('INSERT INTO lines_fts (rowid, text) VALUES (?, ?)');
    this.indexItems = db.prepare('INSERT INTO items_fts (rowid, text) SELECT id, text FROM items WHERE meeting_id = ? ORDER BY id');
    this.indexLines = db.prepare('INSERT INTO lines_fts (rowid, text) SELECT id, text FROM events WHERE id >= ? AND type <= 2 ORDER BY id');
  }
}

/** The config a meeting is stored with: never live, because the journal already holds the bot's lines. */
function storedConfig(config: MeetingConfig): string {
  return JSON.stringify({ ...config, live: false });
}

export function createMeeting(st: Statements, m: NewMeeting): number {
  const { config, source } = m;
  const info = st.insertMeeting.run(
    config.network,
    config.channel,
    m.owner,
    m.start,
    storedConfig(config),
    m.originalTopic ?? null,
    source?.file ?? null,
    source?.hash ?? null,
    source?.index ?? null,
  );
  return Number(info.lastInsertRowid);
}

/** Stores one event; `index: false` leaves the full-text index to a bulk `indexFrom` afterwards. */
export function appendEvent(st: Statements, meetingId: number, ev: MeetingEvent, line: number | null, index = true): number {
  const r = eventToRow(ev, line);
  const id = Number(st.insertEvent.run(meetingId, r.time, r.type, r.nick, r.text, r.account, r.line).lastInsertRowid);
  if (index && r.type <= EventType.bot) st.indexLine.run(id, r.text);
  return id;
}

/** Rows per multi-row INSERT: one call into SQLite for many rows costs a third less than one per row. */
const BULK_ROWS = 64;

/**
 * Stores a replayed meeting's events, every one a log line numbered by its position, without
 * indexing them (indexFrom does, in bulk).
 */
export function appendEventsBulk(st: Statements, meetingId: number, events: readonly MeetingEvent[]): void {
  const args: unknown[] = [];
  let i = 0;
  for (; i + BULK_ROWS <= events.length; i += BULK_ROWS) {
    args.length = 0;
    for (let k = i; k < i + BULK_ROWS; k++) {
      const r = eventToRow(events[k] as MeetingEvent, k + 1);
      args.push(meetingId, r.time, r.type, r.nick, r.text, r.account, r.line);
    }
    st.insertEvents.run(args);
  }
  for (; i < events.length; i++) appendEvent(st, meetingId, events[i] as MeetingEvent, i + 1, false);
}

/** Indexes every line stored from event `firstId` on, in one statement. */
export function indexFrom(st: Statements, firstId: number): void {
  st.indexLines.run(firstId);
}

/** Records what a meeting has become: its name, topic and items (searchable), and whether it ended. */
export function updateMeeting(st: Statements, meetingId: number, m: MeetingSummary, ended: boolean, indexItems = true): void {
  st.updateMeeting.run(
    m.name,
    m.topic ?? null,
    ended ? (m.end ?? null) : null,
    ended ? 'ended' : 'running',
    ended ? (m.endReason ?? null) : null,
    m.base,
    m.originalTopic ?? null,
    JSON.stringify(m.series),
    m.nextAction,
    m.restricted ? 1 : 0,
    meetingId,
  );
  st.deleteItems.run(meetingId);
  for (const it of m.items) {
    st.insertItem.run(meetingId, it.id, it.kind, it.nick, it.time, it.line, it.text, it.url ?? null, it.ref ?? null, it.assignee ?? null);
  }
  if (indexItems) st.indexItems.run(meetingId);
  st.deleteClosures.run(meetingId);
  for (const c of m.closed) st.insertClosure.run(meetingId, c.ref, c.text, c.by, c.time, c.line, c.note);
}

export function parseStoredConfig(row: MeetingRow): MeetingConfig {
  try {
    return JSON.parse(row.config) as MeetingConfig;
  } catch (cause) {
    throw new Error(`meeting ${row.id}: its stored config is not JSON`, { cause });
  }
}

/** What the channel and the series looked like when the meeting started: the fold's first step sees it again. */
export function startEnv(row: MeetingRow): ChannelEnv {
  const series = row.series === null ? undefined : (JSON.parse(row.series) as SeriesContext);
  return { channelTopic: row.original_topic ?? undefined, series: () => series };
}

export function loadEvents(st: Statements, meetingId: number): MeetingEvent[] {
  return (st.eventsOf.all(meetingId) as EventRow[]).map(rowToEvent);
}

export function meetingRow(st: Statements, id: number): MeetingRow | undefined {
  return st.meeting.get(id) as MeetingRow | undefined;
}

/** The meeting a row's journal folds to: ended as recorded, or (still running) as it stands now. */
export function loadMeeting(st: Statements, row: MeetingRow, overrides: Partial<MeetingConfig> = {}): Meeting {
  const config = { ...parseStoredConfig(row), ...overrides, live: false };
  const folded = foldMeeting(config, loadEvents(st, row.id), startEnv(row));
  const m = folded.ended ?? finish(folded.state);
  if (m === undefined) throw new Error(`meeting ${row.id}: its journal does not start a meeting`);
  return m;
}
