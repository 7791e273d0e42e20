// Live meetings journaled as they happen: each event is stored in the same transaction that steps it.
import type { MeetingConfig } from '../core/config.js';
import { initialState, step, type ChannelState, type StepResult } from '../core/meeting.js';
import { foldMeeting } from '../core/replay.js';
import { logEntries, type Meeting } from '../core/state.js';
import { parseCommand } from '../core/commands.js';
import { ircLower, normaliseText, stripFormatting } from '../core/text.js';
import type { ChannelEnv, LineEvent, MeetingEvent, SeriesContext } from '../core/types.js';
import { appendEvent, createMeeting, loadEvents, parseStoredConfig, startEnv, summarise, updateMeeting, type MeetingRow } from './journal.js';
import type { Store } from './store.js';

interface Channel {
  state: ChannelState;
  meetingId: number | undefined;
}

export interface Handled extends StepResult {
  /** The stored meeting the event belongs to, if any. */
  readonly meetingId: number | undefined;
}

export interface Resumed {
  readonly channel: string;
  readonly meetingId: number;
  readonly meeting: Meeting;
}

/** Whether a line is a #startmeeting as the core reads commands (formatting codes before it ignored). */
function isStartCommand(ev: LineEvent): boolean {
  if (ev.kind !== 'message' || ev.fromBot === true) return false;
  return parseCommand(stripFormatting(normaliseText(ev.text)))?.word === 'startmeeting';
}

export class LiveMeetings {
  private readonly channels = new Map<string, Channel>();

  constructor(
    private readonly store: Store,
    readonly network: string,
    /** The settings a new meeting in this channel starts with (live mode is forced on). */
    private readonly configFor: (channel: string) => MeetingConfig,
  ) {}

  private channel(name: string): Channel {
    const key = ircLower(name);
    let c = this.channels.get(key);
    if (c === undefined) {
      c = { state: initialState({ ...this.configFor(name), network: this.network, live: true }), meetingId: undefined };
      this.channels.set(key, c);
    }
    return c;
  }

  /**
   * Rebuilds every meeting of this network that was running when the bot stopped. `series` gives
   * the series' open items again (the database keeps only what a refold needs of them).
   */
  resume(series?: (channel: string, meetingName: string) => SeriesContext): Resumed[] {
    const rows = this.store.st.running.all(this.network) as MeetingRow[];
    const resumed: Resumed[] = [];
    for (const row of rows) {
      const stored = parseStoredConfig(row);
      const env = startEnv(row);
      const saved = env.series?.(row.name);
      const full = series === undefined || saved === undefined ? saved : { ...series(row.channel, row.name), nextAction: saved.nextAction };
      const folded = foldMeeting(stored, loadEvents(this.store.st, row.id), { ...env, series: () => full });
      const c = this.channel(row.channel);
      if (folded.ended !== undefined) {
        this.store.transaction(() => updateMeeting(this.store.st, row.id, summarise(folded.ended as Meeting), true));
        continue;
      }
      const m = folded.state.meeting;
      if (m === undefined) continue;
      const live = { ...stored, live: true };
      c.state = { config: { ...c.state.config }, meeting: { ...m, config: live } };
      c.meetingId = row.id;
      resumed.push({ channel: row.channel, meetingId: row.id, meeting: c.state.meeting as Meeting });
    }
    return resumed;
  }

  running(channel: string): Meeting | undefined {
    return this.channels.get(ircLower(channel))?.state.meeting;
  }

  channelsWithMeetings(): string[] {
    return [...this.channels.values()].flatMap((c) => (c.state.meeting === undefined ? [] : [c.state.meeting.config.channel]));
  }

  /**
   * Steps one event and journals what it added to the meeting's log (the line as received, then the
   * bot's replies), a nick change, or the tick that ended it, all in one transaction. The caller
   * carries out the effects only after this returns: nothing is acted on that is not stored.
   */
  handle(channelName: string, ev: MeetingEvent, env: ChannelEnv = {}): Handled {
    const c = this.channel(channelName);
    // Between meetings the settings are read again: a new meeting starts with today's config and
    // the nick the bot has now (a running one keeps those it started with).
    if (c.state.meeting === undefined) c.state = initialState({ ...this.configFor(channelName), network: this.network, live: true });
    return this.store.transaction(() => {
      const before = c.state.meeting;
      const r = step(c.state, ev, env);
      const after = r.ended ?? r.state.meeting;
      let id = c.meetingId;
      if (before === undefined && after !== undefined) {
        id = createMeeting(this.store.st, { config: after.config, owner: after.owner, start: after.start, originalTopic: after.originalTopic });
      }
      if (id !== undefined && after !== undefined) this.journal(id, ev, before, after, r);
      c.state = r.state;
      c.meetingId = r.state.meeting === undefined ? undefined : id;
      return { ...r, meetingId: id };
    });
  }

  private journal(id: number, ev: MeetingEvent, before: Meeting | undefined, after: Meeting, r: StepResult): void {
    const st = this.store.st;
    const from = before?.log.length ?? 0;
    const added = logEntries(after.log).slice(from);
    let line = from;
    let rest = added;
    if (ev.type === 'line') {
      // The line as received is the first entry it added, unless it was not logged: live, a
      // #startmeeting refused while a meeting runs stays out of the log, as in MeetBot.
      if (!(before !== undefined && isStartCommand(ev))) {
        appendEvent(st, id, ev, ++line);
        rest = added.slice(1);
      }
    } else if (ev.type === 'nick' || r.effects.length > 0) {
      // A nick change always; a tick when it did something (a reminder, the idle end).
      appendEvent(st, id, ev, null);
    }
    for (const entry of rest) {
      appendEvent(st, id, { type: 'line', time: entry.time, nick: entry.nick, kind: entry.kind, text: entry.text, fromBot: true }, ++line);
    }
    const changed =
      before === undefined ||
      r.ended !== undefined ||
      before.items !== after.items ||
      before.tracking !== after.tracking ||
      before.meetingName !== after.meetingName ||
      before.meetingTopic !== after.meetingTopic ||
      before.restrictLogs !== after.restrictLogs;
    if (changed) updateMeeting(st, id, summarise(after), r.ended !== undefined);
  }

  /** Records that the meeting's files are written (or not), so a restart knows what to retry. */
  markWritten(meetingId: number, written: boolean): void {
    this.store.st.markWritten.run(written ? 1 : 0, meetingId);
  }
}
