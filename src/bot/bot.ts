// The live bot: IRC events in, stored first, stepped through the core, effects carried out on IRC and disk.
import type { MeetingConfig } from '../core/config.js';
import { meetingUrls } from '../core/step.js';
import type { Meeting } from '../core/state.js';
import { ircLower } from '../core/text.js';
import type { ChannelEnv, Effect, MeetingEvent, SeriesContext } from '../core/types.js';
import { LiveMeetings, type Handled } from '../store/live.js';
import type { Store } from '../store/store.js';
import { OutputWriter } from './outputs.js';
import type { BotIrc, BotLogger, JoinIn, LineIn, NickIn, PrivateIn, TopicRefusedIn } from './ports.js';
import { ChannelSearch } from './search.js';
import { SeriesQueries } from '../store/series.js';
import { Cooldown } from '../irc/policy.js';

export interface BotOptions {
  readonly network: string;
  /** The settings a new meeting in this channel starts with. */
  readonly meetingConfig: (channel: string) => MeetingConfig;
  /** Where a channel's files are written. */
  readonly outputDir: (channel: string) => string;
  /** Where a series' open action items are published (the site), if anywhere. */
  readonly actionsUrl?: (channel: string, meetingName: string) => string | undefined;
  readonly clock: () => number;
  readonly logger: BotLogger;
  /** How often running meetings get a tick (reminder, idle end); default: a sixth of the idle time, 1 s to 1 min. */
  readonly tickMs?: number;
  /** How often unwritten files are tried again; default one minute. */
  readonly retryMs?: number;
  /** Called after a meeting ended and its files were written (e.g. to rebuild the website). */
  readonly onEnded?: (meetingId: number, m: Meeting) => void;
}

/** Ticks often enough that an idle end or a reminder comes within a sixth of the idle time. */
export function defaultTickMs(idleMinutes: number): number {
  return Math.min(60_000, Math.max(1_000, (idleMinutes * 60_000) / 6 || 60_000));
}

export class Bot {
  readonly live: LiveMeetings;
  private readonly writer: OutputWriter;
  private irc: BotIrc | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  /** Channels with a resumed meeting that has not been announced there yet. */
  private readonly toAnnounce = new Map<string, Meeting>();
  private readonly series: SeriesQueries;
  private readonly search: ChannelSearch;
  /** The pointer to what the bot does, given once an hour per person: private messages never make a flood. */
  private readonly pointed = new Cooldown(3_600_000);

  constructor(
    store: Store,
    private readonly opts: BotOptions,
  ) {
    this.live = new LiveMeetings(store, opts.network, opts.meetingConfig);
    this.writer = new OutputWriter(store, opts.network, opts.outputDir, opts.logger);
    this.series = new SeriesQueries(store.db);
    this.search = new ChannelSearch(store, opts.clock);
  }

  /** Connects the bot to its IRC side (the adapter is built with the bot as its listener). */
  attach(irc: BotIrc): void {
    this.irc = irc;
  }

  /** Resumes the meetings that were running, writes files left unwritten, and starts the timers. */
  start(): Meeting[] {
    const resumed = this.live.resume((channel, name) => this.seriesContext(channel, name));
    for (const r of resumed) {
      this.toAnnounce.set(ircLower(r.channel), r.meeting);
      this.opts.logger.info('resumed meeting', { meetingId: r.meetingId, channel: r.channel, lines: r.meeting.log.length });
    }
    this.retryWrites();
    this.timers.push(setInterval(() => this.tick(), this.opts.tickMs ?? defaultTickMs(this.opts.meetingConfig('#').idleMinutes)));
    this.timers.push(setInterval(() => this.retryWrites(), this.opts.retryMs ?? 60_000));
    for (const t of this.timers) t.unref();
    return resumed.map((r) => r.meeting);
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers.length = 0;
  }

  private seriesContext(channel: string, name: string): SeriesContext {
    return this.series.context({ network: this.opts.network, channel, name }, this.opts.actionsUrl?.(channel, name));
  }

  private env(channel: string): ChannelEnv {
    const irc = this.irc;
    const series = (name: string): SeriesContext => this.seriesContext(channel, name);
    if (irc === undefined) return { series };
    return { channelTopic: irc.topic(channel), inChannel: (nick) => irc.isInChannel(channel, nick), series };
  }

  private handle(channel: string, ev: MeetingEvent): Handled | undefined {
    let r: Handled;
    try {
      r = this.live.handle(channel, ev, this.env(channel));
    } catch (err) {
      // Not stored means not acted on: the line is reported and the bot goes on.
      this.opts.logger.error('cannot store an event; it was not acted on', { channel, event: ev, err: err as Error });
      return undefined;
    }
    this.perform(channel, r);
    return r;
  }

  onLine(e: LineIn): void {
    const query = this.addressedSearch(e.text);
    this.handle(e.channel, { type: 'line', time: e.time, nick: e.nick, kind: e.kind, text: e.text, ...(e.account !== undefined ? { account: e.account } : {}) });
    // After the line is stored and stepped: a search never delays or loses a meeting's line.
    if (query !== undefined) this.answerSearch(e.nick, query, [e.channel, ...this.sharedChannels(e.nick)]);
  }

  /** A private message to the bot: `search TERMS` is answered; anything else gets a pointer. */
  onPrivate(e: PrivateIn): void {
    const m = /^\s*search\s+(.+)$/i.exec(e.text);
    if (m?.[1] !== undefined) this.answerSearch(e.nick, m[1], this.sharedChannels(e.nick));
    else if (e.kind === 'message' && !this.pointed.tooSoon(e.nick, this.opts.clock())) {
      this.irc?.notice(e.nick, 'I run meetings in channels (#startmeeting NAME, #commands). Ask me "search TERMS" to search past decisions.');
    }
  }

  /** `gavel: search TERMS` or `gavel, search TERMS` in a channel, to the bot's nick. */
  private addressedSearch(text: string): string | undefined {
    const nick = this.nick();
    if (nick === '') return undefined;
    const lower = text.toLowerCase();
    if (!lower.startsWith(nick.toLowerCase())) return undefined;
    const m = /^[:,]\s*search\s+(.+)$/i.exec(text.slice(nick.length));
    return m?.[1];
  }

  private nick(): string {
    return this.irc?.currentNick || this.opts.meetingConfig('#').botNick;
  }

  /** The channels where the bot sees this person: their search covers those meetings, no others. */
  private sharedChannels(nick: string): string[] {
    const irc = this.irc;
    return irc === undefined ? [] : irc.channels().filter((ch) => irc.isInChannel(ch, nick));
  }

  private answerSearch(nick: string, query: string, channels: readonly string[]): void {
    try {
      for (const line of this.search.answer(nick, query, channels)) this.irc?.notice(nick, line);
    } catch (err) {
      this.opts.logger.error('search failed', { nick, query, err: err as Error });
    }
  }

  onNick(e: NickIn): void {
    if (e.self) return;
    for (const channel of e.channels) {
      if (this.live.running(channel) !== undefined) this.handle(channel, { type: 'nick', time: e.time, from: e.from, to: e.to });
    }
  }

  onJoined(e: JoinIn): void {
    if (!e.self) return;
    this.opts.logger.info('joined', { channel: e.channel });
    const m = this.toAnnounce.get(ircLower(e.channel));
    const running = this.live.running(e.channel);
    if (m === undefined || running === undefined) return;
    this.toAnnounce.delete(ircLower(e.channel));
    const text = `I was restarted; the meeting ${m.meetingName} goes on, with every line I had received.`;
    // Into the meeting's log first, as the bot's own line (never read as a command): the log shows
    // where the bot was away, as the channel saw it.
    this.handle(e.channel, { type: 'line', time: this.opts.clock(), nick: running.config.botNick, kind: 'message', text, fromBot: true });
    this.irc?.say(e.channel, text);
  }

  onTopicRefused(e: TopicRefusedIn): void {
    this.opts.logger.warn('the channel topic was not set', { channel: e.channel, topic: e.topic, reason: e.reason });
  }

  /** Time passing: idle meetings end (the core decides, from the time given). */
  tick(): void {
    const now = this.opts.clock();
    for (const channel of this.live.channelsWithMeetings()) this.handle(channel, { type: 'tick', time: now });
  }

  retryWrites(): void {
    this.writer.retry((row, m) => {
      this.irc?.say(row.channel, `The minutes are written now: ${meetingUrls(m).url('.html')}`);
      this.opts.onEnded?.(row.id, m);
    });
  }

  private perform(channel: string, r: Handled): void {
    const irc = this.irc;
    // Files first, so the links the end banner posts already work; a failure is said after the banner.
    const failures = r.effects.flatMap((e) => (e.type === 'write' ? this.writeFiles(r, e) : []));
    for (const e of r.effects) {
      switch (e.type) {
        case 'reply':
          irc?.say(channel, e.text);
          break;
        case 'error':
          irc?.say(channel, `${e.nick}: Error: ${e.text}`);
          break;
        case 'topic':
          irc?.setTopic(channel, e.text);
          break;
        case 'write':
        case 'printed':
        case 'started':
        case 'ended':
          break;
      }
    }
    for (const f of failures) irc?.say(channel, `I could not write the minutes (${f}). The meeting is safe in my database; I will keep trying.`);
  }

  /** Writes the files; returns the reason when they could not be written. */
  private writeFiles(r: Handled, e: Extract<Effect, { type: 'write' }>): string[] {
    const m = r.ended ?? r.state.meeting;
    if (m === undefined || r.meetingId === undefined) return [];
    const out = this.writer.write(r.meetingId, m, e.reason);
    if (!out.ok) return [out.error ?? 'unknown error'];
    if (r.ended !== undefined) this.opts.onEnded?.(r.meetingId, m);
    return [];
  }
}
