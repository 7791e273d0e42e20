// The store: migrations, the event codec, live journaling equals the in-memory fold, and resume after a stop.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { MEETBOT_TEXTS, meetingConfig } from '../src/core/config.js';
import { formatLog } from '../src/core/logformat.js';
import { initialState, step } from '../src/core/meeting.js';
import { meetingUrls } from '../src/core/step.js';
import { itemsOf, logLines, type Meeting } from '../src/core/state.js';
import type { ChannelEnv, LineEvent, MeetingEvent, SeriesContext } from '../src/core/types.js';
import { openActions } from '../src/core/tracking.js';
import { SeriesQueries } from '../src/store/series.js';
import { renderMeeting } from '../src/render/outputs.js';
import { migrate, openDb } from '../src/store/db.js';
import { eventToRow, rowToEvent } from '../src/store/journal.js';
import { LiveMeetings } from '../src/store/live.js';
import { LATEST_VERSION, MIGRATIONS } from '../src/store/migrations.js';
import { search } from '../src/store/search.js';
import { Store } from '../src/store/store.js';
import { tempDir } from './support/cli.js';
import { T0 } from './support/meet.js';

function schema(db: Database.Database): string[] {
  return (db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all() as { sql: string | null }[]).map(
    (r) => JSON.stringify(r),
  );
}

test('migrations are numbered 1, 2, 3… without gaps, named, and not empty', () => {
  MIGRATIONS.forEach((m, i) => {
    assert.equal(m.version, i + 1);
    assert.ok(m.name.trim().length > 0);
    assert.ok(m.sql.trim().length > 0);
  });
  assert.equal(new Set(MIGRATIONS.map((m) => m.name)).size, MIGRATIONS.length);
  assert.equal(LATEST_VERSION, MIGRATIONS.length);
});

test('an empty database and every older version upgrade to the same newest schema', () => {
  const fresh = new Database(':memory:');
  assert.deepEqual(migrate(fresh), MIGRATIONS.map((m) => m.version));
  const want = schema(fresh);
  for (let v = 0; v < LATEST_VERSION; v++) {
    const db = new Database(':memory:');
    migrate(db, ':memory:', v);
    assert.equal(db.pragma('user_version', { simple: true }), v);
    migrate(db);
    assert.equal(db.pragma('user_version', { simple: true }), LATEST_VERSION);
    assert.deepEqual(schema(db), want, `upgrading from version ${v}`);
  }
  assert.deepEqual(migrate(fresh), [], 'a current database needs nothing');
});

test('a database from a newer Gavel is refused with a clear message, and WAL is on', () => {
  const dir = tempDir();
  const file = join(dir, 'new.sqlite');
  const raw = new Database(file);
  raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
  raw.close();
  assert.throws(() => openDb(file), /new\.sqlite: the database is at schema version \d+, newer than this Gavel knows/);
  const ok = openDb(join(dir, 'ok.sqlite'));
  assert.equal(ok.pragma('journal_mode', { simple: true }), 'wal');
  ok.close();
  assert.throws(() => openDb(join(dir, 'missing', 'x.sqlite')), new RegExp(`missing/x\\.sqlite: no such folder ${dir}/missing to make the database in$`));
  assert.throws(() => openDb(join(dir, 'missing.sqlite'), { readonly: true }), /missing\.sqlite: no such file \(a database is made by gavel import/);
  assert.throws(() => openDb(dir), /: is a folder, not a database file$/);
});

test('events survive the row codec unchanged', () => {
  const cases: MeetingEvent[] = [
    { type: 'line', time: T0, nick: 'alice', kind: 'message', text: '#topic <b>x</b>' },
    { type: 'line', time: T0, nick: 'bob', kind: 'action', text: 'waves', account: 'bobacct' },
    { type: 'line', time: T0 + 5, nick: 'gavel', kind: 'message', text: 'Current chairs: alice', fromBot: true },
    { type: 'line', time: T0, nick: 'z', kind: 'message', text: '' },
    { type: 'nick', time: T0 + 9, from: 'alice', to: 'alice_' },
    { type: 'tick', time: T0 + 99 },
  ];
  for (const ev of cases) assert.deepEqual(rowToEvent(eventToRow(ev, 1)), ev);
});

const config = meetingConfig({ channel: '#test', botNick: 'gavel', texts: MEETBOT_TEXTS, urlPrefix: 'https://m.example.org' });

function lines(): LineEvent[] {
  const said: [string, string][] = [
    ['alice', 'hello before the meeting'],
    ['alice', '#startmeeting Weekly <sync>'],
    ['alice', '#chair bob'],
    ['bob', '#topic Releases'],
    ['carol', 'https://example.org/a is worth a look'],
    ['alice', '#startmeeting again'],
    ['bob', '#action carol writes the notes'],
    ['carol', '#agreed ship it'],
    ['bob', '#undo'],
    ['carol', '#info a fact'],
    ['alice', '#endmeeting'],
    ['alice', 'after the meeting'],
  ];
  return said.map(([nick, text], i) => ({ type: 'line', time: T0 + i * 7000, nick, kind: 'message', text }));
}

/** What the live bot would have: the same events stepped in memory, live mode. */
function inMemory(events: readonly MeetingEvent[]): Meeting {
  let state = initialState({ ...config, live: true });
  for (const ev of events) {
    const r = step(state, ev, { channelTopic: 'the old topic' });
    state = r.state;
    if (r.ended !== undefined) return r.ended;
  }
  throw new Error('the meeting did not end');
}

function files(m: Meeting): string[] {
  return renderMeeting(m).files.map((f) => `${f.ext}\n${f.content}`);
}

test('a live meeting journaled event by event folds back to exactly the meeting the bot had', () => {
  const store = Store.open(join(tempDir(), 'live.sqlite'));
  const live = new LiveMeetings(store, 'testnet', () => ({ ...config, network: 'testnet' }));
  const events: MeetingEvent[] = lines();
  events.splice(4, 0, { type: 'nick', time: T0 + 3 * 7000 + 1, from: 'bob', to: 'bob_' });
  let ended: Meeting | undefined;
  for (const ev of events) {
    const r = live.handle('#test', ev, { channelTopic: 'the old topic' });
    if (r.ended !== undefined) ended = r.ended;
  }
  assert.ok(ended);
  const want = inMemory(events);
  assert.equal(formatLog(logLines(ended), 'UTC'), formatLog(logLines(want), 'UTC'));
  const rows = store.meetings();
  assert.equal(rows.length, 1);
  const row = rows[0];
  assert.ok(row);
  assert.equal(row.status, 'ended');
  assert.equal(row.original_topic, 'the old topic');
  assert.equal(row.network, 'testnet');
  const folded = store.loadMeeting(row);
  assert.equal(row.name, folded.meetingName);
  assert.equal(row.base_path, meetingUrls(folded).base);
  assert.deepEqual(files(folded), files({ ...want, config: { ...want.config, network: 'testnet', live: false } }));
  const items = store.db.prepare('SELECT item_no, kind, nick, line, text FROM items ORDER BY item_no').all();
  assert.deepEqual(
    items.map((i) => JSON.stringify(i)),
    itemsOf(folded).map((i) => JSON.stringify({ item_no: i.id, kind: i.kind, nick: i.nick, line: i.line, text: i.text })),
  );
  // Bot replies are journaled as bot lines, after the line that caused them; lines outside the meeting are not stored.
  const types = store.db.prepare('SELECT type FROM events ORDER BY id').pluck().all() as number[];
  assert.equal(types[0], 0);
  assert.ok(types.includes(2) && types.includes(3));
  assert.equal(store.db.prepare("SELECT count(*) FROM events WHERE text LIKE '%before the meeting%' OR text LIKE '%after the meeting%'").pluck().get(), 0);
  store.close();
});

test('a running meeting resumes from the database after a stop, and ends as if never stopped', () => {
  const file = join(tempDir(), 'resume.sqlite');
  const events = lines();
  const cut = 6;
  const a = Store.open(file);
  const first = new LiveMeetings(a, 'net', () => config);
  for (const ev of events.slice(0, cut)) first.handle('#test', ev, { channelTopic: 'the old topic' });
  a.close();

  const b = Store.open(file);
  const other = new LiveMeetings(b, 'othernet', () => config);
  assert.deepEqual(other.resume(), [], 'meetings of another network stay put');
  const second = new LiveMeetings(b, 'net', () => config);
  const resumed = second.resume();
  assert.equal(resumed.length, 1);
  assert.equal(resumed[0]?.channel, '#test');
  assert.ok(second.running('#TEST'), 'channel names are case-insensitive');
  let ended: Meeting | undefined;
  for (const ev of events.slice(cut)) ended = second.handle('#test', ev, {}).ended ?? ended;
  assert.ok(ended);
  const want = inMemory(events);
  assert.equal(ended.config.network, 'net');
  assert.deepEqual(files({ ...ended, config: { ...ended.config, live: false } }), files({ ...want, config: { ...want.config, network: 'net', live: false } }));
  b.close();
});

test('a series across meetings: numbers continue, closures stick, a resumed meeting knows its series again, and the stored snapshot stays small', () => {
  const file = join(tempDir(), 'series.sqlite');
  const store = Store.open(file);
  const queries = new SeriesQueries(store.db);
  const cfg = meetingConfig({ channel: '#s', botNick: 'gavel' });
  const env = (): ChannelEnv => ({ series: (name) => queries.context({ network: 'net', channel: '#s', name }) });
  let t = T0;
  const live = new LiveMeetings(store, 'net', () => cfg);
  const say = (l: LiveMeetings, text: string, nick = 'alice'): void => {
    t += 1000;
    l.handle('#s', { type: 'line', time: t, nick, kind: 'message', text }, env());
  };
  say(live, '#startmeeting weekly');
  for (let i = 0; i < 5; i++) say(live, `#action task ${i}`);
  say(live, '#endmeeting');
  say(live, '#startmeeting weekly');
  say(live, '#done A2');
  say(live, '#action task 5');
  // The bot stops here, with the second meeting running.
  const again = new LiveMeetings(store, 'net', () => cfg);
  const resumed = again.resume((channel, name) => queries.context({ network: 'net', channel, name }));
  assert.equal(resumed.length, 1);
  assert.deepEqual(openActions(resumed[0]!.meeting).map((a) => a.ref), ['A1', 'A3', 'A4', 'A5', 'A6']);
  say(again, '#done A3');
  say(again, '#endmeeting');
  assert.deepEqual(queries.context({ network: 'net', channel: '#S', name: 'weekly' }).open.map((a) => a.ref), ['A1', 'A4', 'A5', 'A6']);
  assert.equal(queries.context({ network: 'net', channel: '#s', name: 'weekly' }).nextAction, 7);
  const snapshot = JSON.parse(store.db.prepare("SELECT series FROM meetings WHERE id = 2").pluck().get() as string) as SeriesContext;
  assert.deepEqual({ next: snapshot.nextAction, open: snapshot.open.map((a) => a.ref) }, { next: 6, open: ['A2', 'A3'] });
  const row = store.meetingRow(2)!;
  assert.deepEqual(store.loadMeeting(row).tracking.closed.map((c) => c.ref), ['A2', 'A3'], 'the refold finds the closed items again');
  store.close();
});

test('the journal keeps what ticks said, a person on the bot’s nick, and #restrictlogs; search and refold agree with the live meeting', () => {
  const store = Store.open(join(tempDir(), 'review.sqlite'));
  const cfg = meetingConfig({ channel: '#r', botNick: 'gavel', meetingLengthMinutes: 1, idleMinutes: 0 });
  const live = new LiveMeetings(store, 'net', () => cfg);
  let t = T0;
  const say = (nick: string, text: string): void => {
    t += 1000;
    live.handle('#r', { type: 'line', time: t, nick, kind: 'message', text });
  };
  say('alice', '#startmeeting review');
  say('alice', 'hello');
  t += 61_000;
  assert.match(JSON.stringify(live.handle('#r', { type: 'tick', time: t }).effects), /scheduled length/);
  // Someone on the nick the bot had before a reconnect: still a person, whose commands count.
  say('gavel', '#info said by a person called gavel');
  say('alice', '#agreed the budget is secret');
  say('alice', '#restrictlogs');
  const ended = live.handle('#r', { type: 'line', time: (t += 1000), nick: 'alice', kind: 'message', text: '#endmeeting' }).ended;
  assert.ok(ended);
  const row = store.meetings()[0]!;
  const folded = store.loadMeeting(row);
  assert.equal(formatLog(logLines(folded), 'UTC'), formatLog(logLines(ended), 'UTC'), 'the refold has the reminder line too');
  assert.deepEqual(itemsOf(folded).map((i) => i.text), ['said by a person called gavel', 'the budget is secret']);
  assert.deepEqual(store.db.prepare('SELECT line FROM events WHERE line IS NOT NULL ORDER BY id').pluck().all(), folded.log.buf.map((_, i) => i + 1));
  assert.equal(row.restricted, 1);
  assert.deepEqual(search(store.db, { text: 'secret', limit: 10 }).hits, [], '#restrictlogs meetings are not searchable');
  const again = new LiveMeetings(store, 'net', () => cfg);
  assert.deepEqual(again.resume(), [], 'ended, nothing to resume');
  store.close();
});

test('a resumed meeting does not give its length reminder twice', () => {
  const file = join(tempDir(), 'remind.sqlite');
  const cfg = meetingConfig({ channel: '#r', botNick: 'gavel', meetingLengthMinutes: 1, idleMinutes: 0 });
  const a = Store.open(file);
  const first = new LiveMeetings(a, 'net', () => cfg);
  first.handle('#r', { type: 'line', time: T0, nick: 'alice', kind: 'message', text: '#startmeeting r' });
  first.handle('#r', { type: 'tick', time: T0 + 61_000 });
  a.close();
  const b = Store.open(file);
  const second = new LiveMeetings(b, 'net', () => cfg);
  assert.equal(second.resume().length, 1);
  assert.deepEqual(second.handle('#r', { type: 'tick', time: T0 + 120_000 }).effects, []);
  b.close();
});

test('a database of an older Gavel opened read-only (search, serve) is upgraded first', () => {
  const file = join(tempDir(), 'old.sqlite');
  const raw = new Database(file);
  migrate(raw, file, 1);
  raw.close();
  const ro = openDb(file, { readonly: true });
  assert.equal(ro.pragma('user_version', { simple: true }), LATEST_VERSION);
  assert.throws(() => ro.exec('DELETE FROM meetings'), /readonly/);
  ro.close();
});

test('a meeting starts with the settings of its day: the bot’s nick after a fallback, a changed config', () => {
  const store = Store.open(join(tempDir(), 'nick.sqlite'));
  let nick = 'gavel';
  const live = new LiveMeetings(store, 'net', () => meetingConfig({ channel: '#n', botNick: nick }));
  const line = (text: string, time: number): void => void live.handle('#n', { type: 'line', time, nick: 'alice', kind: 'message', text });
  line('#startmeeting one', T0);
  line('#endmeeting', T0 + 1000);
  nick = 'gavel_';
  line('#startmeeting two', T0 + 60_000);
  const bots = store.db.prepare('SELECT DISTINCT nick FROM events WHERE type = 2 AND meeting_id = 2').pluck().all();
  assert.deepEqual(bots, ['gavel_']);
  store.close();
});
