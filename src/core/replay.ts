// Replaying a whole log: the same fold as live, over lines read from a file or from the database.
import type { MeetingConfig } from './config.js';
import { appendLines, finish, initialState, ordinaryLine, step, type ChannelState } from './meeting.js';
import type { Meeting } from './state.js';
import type { ChannelEnv, LineEvent, LoggedLine, MeetingEvent } from './types.js';

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
  /** Ordinary lines read since the last other event, not yet in `state`. */
  private pending: LoggedLine[] = [];

  constructor(
    config: MeetingConfig,
    private readonly keepEvents = false,
  ) {
    this.state = initialState(config);
  }

  add(ev: LineEvent): void {
    // Ordinary talk waits to be applied as a run: a new meeting per run, not per line (most of a
    // long replay's garbage). The fold is the same: step is only ever given the state it would have.
    const line = ordinaryLine(this.state, ev);
    if (line !== undefined) {
      this.pending.push(line);
      this.current?.push(ev);
      return;
    }
    this.flush();
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

  private flush(): void {
    if (this.pending.length === 0) return;
    this.state = appendLines(this.state, this.pending);
    this.pending.length = 0;
  }

  /** The meetings with their events (empty event lists without `keepEvents`), the one still open at the end included. */
  sliced(): MeetingSlice[] {
    this.flush();
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
