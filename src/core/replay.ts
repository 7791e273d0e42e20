// Replaying a whole log: the same fold as live, over lines read from a file.
import type { MeetingConfig } from './config.js';
import { finish, initialState, step, type ChannelState } from './meeting.js';
import type { Meeting } from './state.js';
import type { LineEvent } from './types.js';

export interface ReplayResult {
  /** Every meeting the lines held, in order (a log normally holds one). */
  readonly meetings: Meeting[];
}

export function replayEvents(config: MeetingConfig, events: readonly LineEvent[]): ReplayResult {
  let state: ChannelState = initialState(config);
  const meetings: Meeting[] = [];
  for (const ev of events) {
    const r = step(state, ev);
    state = r.state;
    if (r.ended !== undefined) meetings.push(r.ended);
  }
  const open = finish(state);
  if (open !== undefined) meetings.push(open);
  return { meetings };
}
