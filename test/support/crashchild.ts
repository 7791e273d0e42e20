// A bot stand-in for the crash test: resumes from the database, then feeds the rest of a meeting into it line by line.
import { readFileSync } from 'node:fs';
import { MEETBOT_TEXTS, meetingConfig } from '../../src/core/config.js';
import { readLog } from '../../src/core/logreader.js';
import type { LineEvent } from '../../src/core/types.js';
import { LiveMeetings } from '../../src/store/live.js';
import { Store } from '../../src/store/store.js';

export const CRASH_CONFIG = meetingConfig({ channel: '#opencontainers', botNick: 'collabot`', texts: MEETBOT_TEXTS, urlPrefix: 'https://m.example.org/' });

/** The seed meeting as the participants typed it: the bot's own lines are the bot's to say. */
export function participantLines(logFile: string): LineEvent[] {
  const { events } = readLog(readFileSync(logFile, 'utf8'), { y: 2018, m: 3, d: 7 }, 'UTC');
  return events.filter((e) => e.nick !== CRASH_CONFIG.botNick);
}

/** How many of the participants' lines the database already holds (lines before the meeting were never stored). */
export function consumed(store: Store, lines: readonly LineEvent[]): number {
  const startIndex = lines.findIndex((l) => l.text.startsWith('#startmeeting'));
  const stored = store.db.prepare('SELECT count(*) FROM events WHERE type IN (0, 1)').pluck().get() as number;
  return stored === 0 ? 0 : startIndex + stored;
}

async function run(dbFile: string, logFile: string, delayMs: number): Promise<void> {
  const store = Store.open(dbFile);
  const live = new LiveMeetings(store, 'irc', () => CRASH_CONFIG);
  const resumed = live.resume();
  const lines = participantLines(logFile);
  const ended = store.db.prepare("SELECT count(*) FROM meetings WHERE status = 'ended'").pluck().get() as number;
  let next = ended > 0 ? lines.length : consumed(store, lines);
  process.stdout.write(`ready resumed=${resumed.length} next=${next}\n`);
  for (; next < lines.length; next++) {
    const ev = lines[next] as LineEvent;
    live.handle('#opencontainers', ev, {});
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
  }
  store.close();
  process.stdout.write('done\n');
}

const [dbFile, logFile, delay] = process.argv.slice(2);
if (dbFile !== undefined && logFile !== undefined) void run(dbFile, logFile, Number(delay ?? '0'));
