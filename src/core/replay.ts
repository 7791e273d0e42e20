// Replaying a whole log: the same fold as live, over lines read from a file or from the database.
import type { MeetingConfig } from './config.js';
import { finish, initialState, step, type ChannelState } from './meeting.js';
import type { Meeting } from './state.js';
import type { ChannelEnv, LineEvent, MeetingEvent } from './types.js';

export interface ReplayResult {
  /** Every meeting the lines held, in order (a log normally holds one). */
  readonly meetings: Meeting[];
}

/** One meeting found in a log: the events from its #startmeeting to its end, and the meeting they make. */
export interface MeetingSlice {
  readonly events: readonly LineEvent[];
  readonly meeting: Meeting;
}

/**
 * The fold one line at a time, for a reader that hands lines over as it reads them (no array of
 * events). With `keepEvents` it also cuts the log into meetings with their events (for the store).
 */
export class Replay {
  private state: ChannelState;
  private readonly slices: MeetingSlice[] = [];
  private current: LineEvent[] | undefined;

  constructor(
    config: MeetingConfig,
    private readonly keepEvents = false,
  ) {
    this.state = initialState(config);
  }

  add(ev: LineEvent): void {
    const r = step(this.state, ev);
    if (this.keepEvents) {
      if (this.current === undefined && r.state.meeting !== undefined) this.current = [];
      this.current?.push(ev);
    }
    this.state = r.state;
    if (r.ended !== undefined) {
      this.slices.push({ events: this.current ?? [], meeting: r.ended });
      this.current = undefined;
    }
  }

  /** The meetings with their events (empty event lists without `keepEvents`), the one still open at the end included. */
  sliced(): MeetingSlice[] {
    const open = finish(this.state);
    return open === undefined ? [...this.slices] : [...this.slices, { events: this.current ?? [], meeting: open }];
  }

  result(): ReplayResult {
    return { meetings: this.sliced().map((s) => s.meeting) };
  }
}

export function replayEvents(config: MeetingConfig, events: readonly LineEvent[]): ReplayResult {
  const replay = new Replay(config);
  // An index loop: for-of allocates an iterator result per line until the loop is optimised.
  for (let i = 0; i < events.length; i++) replay.add(events[i] as LineEvent);
  return replay.result();
}

/** Folds a log and cuts it into meetings; lines outside any meeting belong to none. */
export function splitMeetings(config: MeetingConfig, events: readonly LineEvent[]): MeetingSlice[] {
  const replay = new Replay(config, true);
  for (let i = 0; i < events.length; i++) replay.add(events[i] as LineEvent);
  return replay.sliced();
}

export interface FoldResult {
  /** The channel after the last event: a running meeting, or none if it ended. */
  readonly state: ChannelState;
  /** The meeting, if an event ended it. */
  readonly ended: Meeting | undefined;
}

/**
 * Rebuilds one meeting from its stored events (a journal starts at its #startmeeting). `startEnv`
 * is what the channel looked like at the start (its topic), so the end restores the same topic.
 */
export function foldMeeting(config: MeetingConfig, events: readonly MeetingEvent[], startEnv: ChannelEnv = {}): FoldResult {
  let state: ChannelState = initialState(config);
  let first = true;
  for (const ev of events) {
    const r = step(state, ev, first ? startEnv : {});
    first = false;
    state = r.state;
    if (r.ended !== undefined) return { state, ended: r.ended };
  }
  return { state, ended: undefined };
}
