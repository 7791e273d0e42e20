// Shared types of the pure meeting core: events in, state and effects out.

/** One line of channel traffic, as the core sees it. Time is epoch milliseconds (UTC). */
export interface LineEvent {
  readonly type: 'line';
  readonly time: number;
  readonly nick: string;
  readonly kind: 'message' | 'action';
  /** Exactly as received; the core normalises its own copy. */
  readonly text: string;
  /** IRCv3 account of the sender, when the server tags it. */
  readonly account?: string | undefined;
  /**
   * A line the bot itself said during a live meeting. It is logged and counted like any line but
   * never interpreted as a command (MeetBot logged its own replies the same way).
   */
  readonly fromBot?: boolean | undefined;
}

/** Someone changed nick: chairs and votes follow the person. Not a log line. */
export interface NickEvent {
  readonly type: 'nick';
  readonly time: number;
  readonly from: string;
  readonly to: string;
}

/** Time passing without a line (the live bot sends these so idle meetings can end). */
export interface TickEvent {
  readonly type: 'tick';
  readonly time: number;
}

export type MeetingEvent = LineEvent | NickEvent | TickEvent;

/** An action item of an earlier meeting of the series that nobody has closed yet. */
export interface OpenAction {
  /** `A12`: stable within the series (channel + meeting name). */
  readonly ref: string;
  readonly text: string;
  /** Who recorded it. */
  readonly nick: string;
  readonly time: number;
  readonly assignee?: string | undefined;
}

/** What a new meeting needs to know of its series' earlier meetings (the store knows it; a lone log does not). */
export interface SeriesContext {
  /** The number the series' next action item gets: A{nextAction}. */
  readonly nextAction: number;
  readonly open: readonly OpenAction[];
  /** Where the series' open action items are published in full, if anywhere. */
  readonly listUrl?: string | undefined;
}

export const NO_SERIES: SeriesContext = { nextAction: 1, open: [] };

/** What the caller knows about the channel at the moment of an event. Never stored. */
export interface ChannelEnv {
  /** At #startmeeting: the series of the meeting's name, for action item numbers and open items. */
  readonly series?: ((meetingName: string) => SeriesContext | undefined) | undefined;
  /** The channel topic before the meeting; undefined when unknown (no restore at the end). */
  readonly channelTopic?: string | undefined;
  /** Whether a nick is in the channel; undefined when unknown (no "not in channel" warnings). */
  readonly inChannel?: ((nick: string) => boolean) | undefined;
}

export type ItemKind =
  | 'TOPIC'
  | 'INFO'
  | 'ACTION'
  | 'AGREED'
  | 'ACCEPTED'
  | 'REJECTED'
  | 'IDEA'
  | 'HELP'
  | 'LINK'
  | 'VOTE';

/** A minutes item. `line` is the 1-based number of the log line that made it (the `l-N` anchor). */
export interface Item {
  /** Stable within the meeting: the order of creation, from 1, never reused after #undo. */
  readonly id: number;
  readonly kind: ItemKind;
  readonly text: string;
  readonly nick: string;
  readonly time: number;
  readonly line: number;
  /** For LINK items: the URL found in the text, if any. */
  readonly url?: string | undefined;
  /** For ACTION items: `A12`, numbered across the meeting's series. */
  readonly ref?: string | undefined;
  /** For ACTION items: who #assign gave it to (otherwise the nicks its text names). */
  readonly assignee?: string | undefined;
}

/** A line of the meeting log, in the canonical `.log.txt` form. */
export interface LoggedLine {
  readonly time: number;
  readonly nick: string;
  readonly kind: 'message' | 'action';
  readonly text: string;
}

export type Effect =
  /** Say in the channel (and, in live mode, it is already in the log as a bot line). */
  | { readonly type: 'reply'; readonly text: string }
  /** An error to the sender, said in the channel as `nick: Error: text`. */
  | { readonly type: 'error'; readonly nick: string; readonly text: string }
  /** A reply swallowed because the bot is lurking. */
  | { readonly type: 'printed'; readonly text: string }
  | { readonly type: 'topic'; readonly text: string }
  | { readonly type: 'started'; readonly lineIndex: number }
  /** Write all output files of the meeting now (on #save and at the end). */
  | { readonly type: 'write'; readonly reason: 'save' | 'end' }
  | { readonly type: 'ended'; readonly lineIndex: number };
