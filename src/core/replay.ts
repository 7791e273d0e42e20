// Replaying a whole log: the same fold as live, over lines read from a file.
import type { MeetingConfig } from './config.js';
import { finish, initialState, step, type ChannelState } from './meeting.js';
import type { Meeting } from './state.js';
import type { LineEvent } from './types.js';

export interface ReplayResult {
  /** Every meeting the lines held, in order (a log normally holds one). */
  readonly meetings: Meeting[];
}

/** The fold one line at a time, for a reader that hands lines over as it reads them (no array of events). */
export class Replay {
  private state: ChannelState;
  private readonly meetings: Meeting[] = [];

  constructor(config: MeetingConfig) {
    this.state = initialState(config);
  }

  add(ev: LineEvent): void {
    const r = step(this.state, ev);
    this.state = r.state;
    if (r.ended !== undefined) this.meetings.push(r.ended);
  }

  /** The meetings, the one still open at the end of the log included. */
  result(): ReplayResult {
    const open = finish(this.state);
    return { meetings: open === undefined ? [...this.meetings] : [...this.meetings, open] };
  }
}

export function replayEvents(config: MeetingConfig, events: readonly LineEvent[]): ReplayResult {
  const replay = new Replay(config);
  // An index loop: for-of allocates an iterator result per line until the loop is optimised.
  for (let i = 0; i < events.length; i++) replay.add(events[i] as LineEvent);
  return replay.result();
}
