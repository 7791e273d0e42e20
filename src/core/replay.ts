// Replaying a whole log: the same fold as live, over lines read from a file or from the database.
import type { MeetingConfig } from './config.js';
import { finish, initialState, step, type ChannelState } from './meeting.js';
import type { Meeting } from './state.js';
import type { ChannelEnv, LineEvent, MeetingEvent } from './types.js';

export interface ReplayResult {
  /** Every meeting the lines held, in order (a log normally holds one). */
  readonly meetings: Meeting[];
}

export function replayEvents(config: MeetingConfig, events: readonly LineEvent[]): ReplayResult {
  return { meetings: splitMeetings(config, events).map((s) => s.meeting) };
}

/** One meeting found in a log: the events from its #startmeeting to its end, and the meeting they make. */
export interface MeetingSlice {
  readonly events: readonly LineEvent[];
  readonly meeting: Meeting;
}

/** Folds a log and cuts it into meetings; lines outside any meeting belong to none. */
export function splitMeetings(config: MeetingConfig, events: readonly LineEvent[]): MeetingSlice[] {
  let state: ChannelState = initialState(config);
  const slices: MeetingSlice[] = [];
  let current: LineEvent[] | undefined;
  for (const ev of events) {
    const r = step(state, ev);
    if (current === undefined && r.state.meeting !== undefined) current = [];
    current?.push(ev);
    if (r.ended !== undefined) {
      slices.push({ events: current ?? [ev], meeting: r.ended });
      current = undefined;
    }
    state = r.state;
  }
  const open = finish(state);
  if (open !== undefined) slices.push({ events: current ?? [], meeting: open });
  return slices;
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
