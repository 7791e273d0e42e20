// A tiny script runner for unit tests: feed "nick: text" lines to the core, collect replies and the meeting.
import { MEETBOT_TEXTS, meetingConfig, type MeetingConfig } from '../../src/core/config.js';
import { initialState, step, type ChannelState } from '../../src/core/meeting.js';
import type { Meeting } from '../../src/core/state.js';
import type { ChannelEnv, Effect, MeetingEvent } from '../../src/core/types.js';

export const T0 = Date.UTC(2024, 0, 15, 10, 0, 0);

export interface Script {
  state: ChannelState;
  effects: Effect[];
  ended: Meeting | undefined;
  time: number;
}

export function script(overrides: Partial<MeetingConfig> = {}): Script {
  const config = meetingConfig({ channel: '#test', botNick: 'gavel', texts: MEETBOT_TEXTS, live: true, ...overrides });
  return { state: initialState(config), effects: [], ended: undefined, time: T0 };
}

/** Say one line (`* nick text` for /me); each line is a second after the previous. Returns this line's effects. */
export function say(s: Script, nick: string, text: string, opts: { action?: boolean; account?: string; env?: ChannelEnv; at?: number } = {}): Effect[] {
  s.time = opts.at ?? s.time + 1000;
  return feed(s, { type: 'line', time: s.time, nick, kind: opts.action === true ? 'action' : 'message', text, account: opts.account }, opts.env);
}

export function feed(s: Script, ev: MeetingEvent, env: ChannelEnv = {}): Effect[] {
  const r = step(s.state, ev, env);
  s.state = r.state;
  s.effects.push(...r.effects);
  if (r.ended !== undefined) s.ended = r.ended;
  return [...r.effects];
}

/** The replies (and errors, as said in the channel) of some effects. */
export function said(effects: readonly Effect[]): string[] {
  return effects.flatMap((e) => (e.type === 'reply' ? [e.text] : e.type === 'error' ? [`${e.nick}: Error: ${e.text}`] : []));
}

export function topics(effects: readonly Effect[]): string[] {
  return effects.flatMap((e) => (e.type === 'topic' ? [e.text] : []));
}

export function meeting(s: Script): Meeting {
  const m = s.state.meeting ?? s.ended;
  if (m === undefined) throw new Error('no meeting');
  return m;
}
