// The live bot: IRC events in, stored first, stepped through the core, effects carried out on IRC and disk.
import type { MeetingConfig } from '../core/config.js';
import { meetingUrls } from '../core/meeting.js';
import type { Meeting } from '../core/state.js';
import { ircLower } from '../core/text.js';
import type { ChannelEnv, Effect, MeetingEvent } from '../core/types.js';
import { LiveMeetings, type Handled } from '../store/live.js';
import type { Store } from '../store/store.js';
import { OutputWriter } from './outputs.js';
import type { BotIrc, BotLogger, JoinIn, LineIn, NickIn, TopicRefusedIn } from './ports.js';

export interface BotOptions {
  readonly network: string;
  /** The settings a new meeting in this channel starts with. */
  readonly meetingConfig: (channel: string) => MeetingConfig;
  readonly outputDir: string;
  readonly clock: () => number;
  readonly logger: BotLogger;
  /** How often running meetings get a tick (idle end); default one minute. */
  readonly tickMs?: number;
  /** How often unwritten files are tried again; default one minute. */
  readonly retryMs?: number;
  /** Called after a meeting ended and its files were written (e.g. to rebuild the website). */
  readonly onEnded?: (meetingId: number, m: Meeting) => void;
}

export class Bot {
  readonly live: LiveMeetings;
  private readonly writer: OutputWriter;
  private irc: BotIrc | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  /** Channels with a resumed meeting that has not been announced there yet. */
  private readonly toAnnounce = new Map<string, Meeting>();

  constructor(
    store: Store,
    private readonly opts: BotOptions,
  ) {
    this.live = new LiveMeetings(store, opts.network, opts.meetingConfig);
    this.writer = new OutputWriter(store, opts.network, opts.outputDir, opts.logger);
  }

  /** Connects the bot to its IRC side (the adapter is built with the bot as its listener). */
  attach(irc: BotIrc): void {
    this.irc = irc;
  }

  /** Resumes the meetings that were running, writes files left unwritten, and starts the timers. */
  start(): Meeting[] {
    const resumed = this.live.resume();
    for (const r of resumed) {
      this.toAnnounce.set(ircLower(r.channel), r.meeting);
      this.opts.logger.info('resumed meeting', { meetingId: r.meetingId, channel: r.channel, lines: r.meeting.log.length });
    }
    this.retryWrites();
    this.timers.push(setInterval(() => this.tick(), this.opts.tickMs ?? 60_000));
    this.timers.push(setInterval(() => this.retryWrites(), this.opts.retryMs ?? 60_000));
    for (const t of this.timers) t.unref();
    return resumed.map((r) => r.meeting);
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers.length = 0;
  }

  private env(channel: string): ChannelEnv {
    const irc = this.irc;
    if (irc === undefined) return {};
    return { channelTopic: irc.topic(channel), inChannel: (nick) => irc.isInChannel(channel, nick) };
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
    this.handle(e.channel, { type: 'line', time: e.time, nick: e.nick, kind: e.kind, text: e.text, ...(e.account !== undefined ? { account: e.account } : {}) });
  }

  onNick(e: NickIn): void {
    if (e.self) return;
    for (const channel of e.channels) {
      if (this.live.running(channel) !== undefined) this.handle(channel, { type: 'nick', time: e.time, from: e.from, to: e.to });
    }
  }

  onJoined(e: JoinIn): void {
    if (!e.self) return;
    const m = this.toAnnounce.get(ircLower(e.channel));
    if (m === undefined || this.live.running(e.channel) === undefined) return;
    this.toAnnounce.delete(ircLower(e.channel));
    this.irc?.say(e.channel, `I was restarted; the meeting ${m.meetingName} goes on, with every line I had received.`);
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
    // Files last: the end banner is said first, and a failure to write comes after it.
    const effects = [...r.effects.filter((e) => e.type !== 'write'), ...r.effects.filter((e) => e.type === 'write')];
    for (const e of effects) {
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
          this.writeFiles(channel, r, e);
          break;
        case 'printed':
        case 'started':
        case 'ended':
          break;
      }
    }
  }

  private writeFiles(channel: string, r: Handled, e: Extract<Effect, { type: 'write' }>): void {
    const m = r.ended ?? r.state.meeting;
    if (m === undefined || r.meetingId === undefined) return;
    const out = this.writer.write(r.meetingId, m, e.reason);
    if (!out.ok) {
      this.irc?.say(channel, `I could not write the minutes (${out.error ?? 'unknown error'}). The meeting is safe in my database; I will keep trying.`);
    } else if (r.ended !== undefined) {
      this.opts.onEnded?.(r.meetingId, m);
    }
  }
}
