// Replaying a whole log: the same fold as live, over lines read from a file or from the database.
import type { MeetingConfig } from './config.js';
import { appendLines, finish, initialState, ordinaryLine, step, type ChannelState } from './meeting.js';
import type { Meeting } from './state.js';
import type { ChannelEnv, LineEvent, LoggedLine, MeetingEvent } from './types.js';

export interface ReplayResult {
  /** Every meeting the lines held, in order (a log normally holds one). */
  readonly meetings: Meeting[];
}

/** A span of the text a log was read from: from a line's first character to the end of a line's text. */
export interface SourceSpan {
  readonly start: number;
  readonly end: number;
}

/** One meeting found in a log: the events from its #startmeeting to its end, and the meeting they make. */
export interface MeetingSlice {
  readonly events: readonly LineEvent[];
  readonly meeting: Meeting;
  /**
   * Set when the meeting's log is exactly this span of the text read, line for line (every line
   * verbatim, none skipped): its `.log.txt` is that text as it is.
   */
  readonly verbatim?: SourceSpan | undefined;
}

/** The lines of the running meeting as read: where they start and end, and whether all were verbatim. */
class Span {
  start = -1;
  end = -1;
  lines = 0;
  verbatim = false;

  begin(start: number, end: number, verbatim: boolean): void {
    this.start = start;
    this.end = end;
    this.lines = 1;
    this.verbatim = verbatim && start >= 0;
  }

  extend(start: number, end: number, verbatim: boolean): void {
    // A line skipped in between (a blank or unreadable one) is in the text but not in the log.
    this.verbatim = this.verbatim && verbatim && start === this.end + 1;
    this.end = end;
    this.lines++;
  }

  /** The span, if the meeting's log is exactly its lines (a live log also holds the bot's own lines). */
  of(m: Meeting): SourceSpan | undefined {
    return this.verbatim && this.lines === m.log.length ? { start: this.start, end: this.end } : undefined;
  }
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
  private readonly span = new Span();

  constructor(
    config: MeetingConfig,
    private readonly keepEvents = false,
  ) {
    this.state = initialState(config);
  }

  /** `start`, `end`, `verbatim`: where the line was read, as forEachLogLine tells (unknown: -1). */
  add(ev: LineEvent, start = -1, end = -1, verbatim = false): void {
    // Ordinary talk waits to be applied as a run: a new meeting per run, not per line (most of a
    // long replay's garbage). The fold is the same: step is only ever given the state it would have.
    const line = ordinaryLine(this.state, ev);
    if (line !== undefined) {
      this.pending.push(line);
      this.current?.push(ev);
      this.span.extend(start, end, verbatim);
      return;
    }
    this.flush();
    // A replayed line is in the log of the meeting that runs when it is read, or that it starts.
    if (this.state.meeting !== undefined) this.span.extend(start, end, verbatim);
    const r = step(this.state, ev);
    if (this.state.meeting === undefined && r.state.meeting !== undefined) this.span.begin(start, end, verbatim);
    if (this.keepEvents) {
      if (this.current === undefined && r.state.meeting !== undefined) this.current = [];
      this.current?.push(ev);
    }
    this.state = r.state;
    if (r.ended !== undefined) {
      this.slices.push({ events: this.current ?? [], meeting: r.ended, verbatim: this.span.of(r.ended) });
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
    return open === undefined ? [...this.slices] : [...this.slices, { events: this.current ?? [], meeting: open, verbatim: this.span.of(open) }];
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
