// Feeds a golden input log line by line to the core in live mode and records what the bot did, as replies.txt does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MEETBOT_TEXTS, meetingConfig } from '../../src/core/config.js';
import { parseLogLine } from '../../src/core/logformat.js';
import { initialState, step, type ChannelState } from '../../src/core/meeting.js';
import type { Meeting } from '../../src/core/state.js';
import { fromLocal, inZone } from '../../src/core/time.js';
import type { Effect, LineEvent } from '../../src/core/types.js';
import type { GoldenCase } from './paths.js';

export interface LiveRun {
  /** One line per action, in replies.txt's form. */
  readonly replies: string[];
  readonly meeting: Meeting | undefined;
}

function effectLine(e: Effect): string | undefined {
  switch (e.type) {
    case 'reply':
      return `REPLY ${e.text}`;
    case 'error':
      return `ERROR ${e.nick}: Error: ${e.text}`;
    case 'printed':
      return `PRINTED ${e.text}`;
    case 'topic':
      return `TOPIC ${e.text}`;
    default:
      return undefined;
  }
}

export function runLive(c: GoldenCase): LiveRun {
  const rows = readFileSync(join(c.dir, 'input.log.txt'), 'utf8').split('\n');
  const events: { ev: LineEvent; row: number }[] = [];
  rows.forEach((raw, i) => {
    const p = parseLogLine(raw);
    if (p.type !== 'line') return;
    const time = fromLocal(c.date.y, c.date.m, c.date.d, p.h, p.m, p.s, 'UTC');
    events.push({ ev: { type: 'line', time, nick: p.nick, kind: p.kind, text: p.text }, row: i + 1 });
  });
  const present = new Set(events.map((e) => e.ev.nick));
  const env = { channelTopic: c.topic, inChannel: c.allPresent ? (n: string) => present.has(n) : undefined };
  const config = meetingConfig({ channel: c.channel, botNick: c.botNick, urlPrefix: c.urlPrefix, texts: MEETBOT_TEXTS, live: true });
  let state: ChannelState = initialState(config);
  const replies: string[] = [];
  let meeting: Meeting | undefined;
  let started = false;
  let ended = false;
  let before = 0;
  let after = 0;
  let dropped = 0;
  for (const { ev, row } of events) {
    // The published input holds the bot's own lines; live, the bot says them itself.
    if (ev.nick === c.botNick) {
      dropped++;
      continue;
    }
    if (ended) {
      after++;
      continue;
    }
    const stamp = inZone(ev.time, 'UTC').toFormat('yyyy-LL-dd HH:mm:ss');
    const r = step(state, ev, env);
    state = r.state;
    if (!started && r.effects.length === 0) before++;
    for (const e of r.effects) {
      if (e.type === 'started') {
        started = true;
        replies.push(`${stamp} START input-line ${row} by ${ev.nick}`);
      }
      const line = effectLine(e);
      if (line !== undefined) replies.push(`${stamp} ${line}`);
    }
    if (r.ended !== undefined) {
      ended = true;
      meeting = r.ended;
      replies.push(`${stamp} END input-line ${row} by ${ev.nick}`);
    }
  }
  replies.push(`# summary: meeting_ended=${ended ? 'True' : 'False'} ignored_before_start=${before} ignored_after_end=${after} dropped_bot_lines=${dropped}`);
  return { replies, meeting: meeting ?? state.meeting };
}
