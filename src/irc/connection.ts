// The IRC connection on irc-framework: registers, joins, reconnects, and queues what the bot says.
import { Client } from 'irc-framework';
import { GAVEL_VERSION } from '../core/config.js';
import { nullLogger, type Logger } from '../log.js';
import { ChannelBook } from './channels.js';
import { emitTo, type IrcEvents, type IrcListener } from './events.js';
import { attachInbound, type InboundHost } from './inbound.js';
import { casemapping, isChannelName, isupportNumber, relayPrefix } from './isupport.js';
import { JoinTracker } from './joins.js';
import { NickKeeper } from './nick.js';
import { clientOptions, resolveTimings, type IrcDeps, type IrcOptions, type ResolvedTimings } from './options.js';
import { Outbox } from './outbound.js';
import { ConnectionTimers } from './timers.js';
import { backoffDelay, Cooldown } from './policy.js';
import { DEFAULT_LIMITS, type OutLine } from './sendqueue.js';

export class IrcConnection {
  private readonly client = new Client();
  private readonly book: ChannelBook;
  private readonly outbox: Outbox;
  private readonly joins: JoinTracker;
  private readonly nicks: NickKeeper;
  private readonly timings: ResolvedTimings;
  private readonly clock: () => number;
  private readonly random: () => number;
  private readonly log: Logger;
  /** CTCP VERSION answers go through the rate-limited queue, once a minute per asker at most. */
  private readonly versionAsked = new Cooldown(60_000);

  private nick = '';
  private account: string | undefined;
  private registeredAt: number | undefined;
  private attempts = 0;
  private self: { user: string; host: string } | undefined;
  private lastTopic = new Map<string, string>();
  private readonly timers = new ConnectionTimers();
  private reconnectTimer: NodeJS.Timeout | undefined;
  private started = false;
  private stopping = false;
  private closedWaiters: (() => void)[] = [];

  constructor(
    private readonly options: IrcOptions,
    private readonly listener: IrcListener,
    private readonly deps: IrcDeps = {},
  ) {
    this.clock = deps.clock ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.log = (deps.logger ?? nullLogger).child({ component: 'irc', server: `${options.host}:${options.port}` });
    this.timings = resolveTimings(options);
    const isupport = (): Readonly<Record<string, unknown>> => this.client.network.options;
    this.book = new ChannelBook(() => casemapping(isupport()), options.channels);
    this.outbox = new Outbox(options.rateLimit, {
      write: (out) => this.writeLine(out),
      ping: (token) => this.client.raw(`PING :${token}`),
      clock: this.clock,
      relayPrefix: () => relayPrefix(isupport(), this.nick, this.self, options.nick),
      topicLength: () => isupportNumber(isupport(), 'TOPICLEN'),
      isChannel: (t) => isChannelName(isupport(), t),
      logger: this.log,
    }, { ...DEFAULT_LIMITS, ...options.queueLimits });
    const later = (ms: number, fn: () => void): NodeJS.Timeout => this.timers.later(ms, fn);
    const cancel = (t: NodeJS.Timeout | undefined): void => this.timers.cancel(t);
    this.joins = new JoinTracker({
      same: (a, b) => this.book.same(a, b),
      send: (line) => this.control(line),
      later,
      cancel,
      hold: () => this.outbox.hold(),
      release: () => this.outbox.open(),
      gaveUp: (channel, reason) => this.joinFailed(channel, reason),
      timeoutMs: this.timings.joinTimeoutMs,
    });
    this.nicks = new NickKeeper({
      wanted: options.nick,
      current: () => this.nick,
      registered: () => this.registeredAt !== undefined,
      change: (n) => this.control(`NICK ${n}`),
      same: (a, b) => this.book.same(a, b),
      nickLength: () => isupportNumber(isupport(), 'NICKLEN'),
      random: this.random,
      later,
      cancel,
      regainMs: this.timings.regainNickMs,
      logger: this.log,
    });
    attachInbound(this.client, this.inboundHost());
    this.attachLifecycle();
  }

  /** Starts connecting; from now on the connection is kept up until quit(). */
  connect(): void {
    if (this.started) return;
    this.started = true;
    this.open();
  }

  /**
   * Says `text` in a channel (or to a nick): split to fit, queued, sent once joined. Returns the lines
   * as cut now (a line cut again before it goes, because our prefix grew, is sent in more pieces).
   */
  say(target: string, text: string): string[] {
    return this.outbox.say(target, text);
  }

  notice(target: string, text: string): string[] {
    return this.outbox.notice(target, text);
  }

  /** Sets a channel topic ('' clears it); a refusal comes back as onTopicRefused. Returns the topic as sent (cut to fit). */
  setTopic(channel: string, text: string): string {
    return this.outbox.topic(channel, text);
  }

  /**
   * Sends what is queued (waiting up to `flushTimeoutMs` for the server to confirm it), then QUIT,
   * and stops reconnecting. Lines that could not be sent are logged.
   */
  async quit(message = 'Gavel stopping', flushTimeoutMs = 10_000): Promise<void> {
    if (!this.started || this.stopping) return;
    this.stopping = true;
    clearTimeout(this.reconnectTimer);
    if (this.client.connected && !(await this.outbox.drained(flushTimeoutMs))) {
      this.reportLost(this.client.connected ? 'timeout' : 'connection lost');
    } else if (!this.client.connected) {
      this.reportLost('not connected');
      this.client.connection.end(); // abandons a connection attempt in progress
    }
    if (this.client.connected) {
      const closed = new Promise<void>((resolve) => this.closedWaiters.push(resolve));
      this.client.quit(message);
      // A server that does not close after QUIT is cut off.
      const t = setTimeout(() => this.client.connection.end(undefined, true), 3_000);
      await closed;
      clearTimeout(t);
    }
    this.outbox.stop();
    this.timers.cancelAll();
  }

  /** Our nick now ('' while not registered). */
  get currentNick(): string {
    return this.nick;
  }

  /** Registered and every configured channel joined (or given up on). */
  get ready(): boolean {
    return this.registeredAt !== undefined && !this.joins.waiting;
  }

  /** The channels we are in now. */
  channels(): string[] {
    return this.book.names();
  }

  isInChannel(channel: string, nick: string): boolean {
    return this.book.isMember(channel, nick);
  }

  members(channel: string): string[] {
    return this.book.members(channel);
  }

  /** The topic ('' for none); undefined when not in the channel or not yet told. */
  topic(channel: string): string | undefined {
    return this.book.topic(channel);
  }

  /** Lines queued or sent but not yet confirmed by the server. */
  get backlog(): number {
    return this.outbox.pending + this.outbox.unconfirmed;
  }

  private open(): void {
    this.nicks.reset();
    const o = this.options;
    this.log.info('connecting', { tls: o.tls, nick: o.nick });
    this.client.connect(clientOptions(o, this.timings, this.deps));
  }

  private attachLifecycle(): void {
    const c = this.client;
    c.requestCap(['account-tag', 'server-time']);
    c.on('registered', (e) => {
      // A 001 without our nick (a broken server) must not leave it undefined for the timers that compare it.
      this.nick = typeof e.nick === 'string' && e.nick !== '' ? e.nick : this.options.nick;
      this.registeredAt = this.clock();
      this.log.info('registered', { nick: this.nick, account: this.account });
      this.emit('onConnected', { nick: this.nick, ...(this.account ? { account: this.account } : {}), time: this.clock() });
      this.joins.expect(this.options.channels, true);
      this.nicks.registered();
    });
    c.on('loggedin', (e) => (this.account = e.account));
    c.on('sasl failed', (e) => this.log.warn('SASL login failed; going on without an account', { reason: e.reason, message: e.message }));
    c.on('nick in use', (e) => this.nicks.refused(e.nick, 'in use'));
    c.on('nick invalid', (e) => this.nicks.refused(e.nick, 'invalid'));
    c.on('socket close', (error) => this.closed(error || undefined));
    c.on('debug', (m) => this.log.debug(m));
  }

  private closed(error: Error | undefined): void {
    const now = this.clock();
    if (this.registeredAt !== undefined && now - this.registeredAt >= this.timings.backoff.stableMs) this.attempts = 0;
    this.registeredAt = undefined;
    this.self = undefined;
    this.nick = '';
    this.account = undefined;
    this.joins.reset();
    this.book.clear();
    this.timers.cancelAll();
    this.outbox.close();
    for (const w of this.closedWaiters.splice(0)) w();
    const err = error ? { error: error.message } : {};
    if (this.stopping) {
      this.log.info('disconnected (quit)');
      this.emit('onDisconnected', { time: now, ...err });
      return;
    }
    const wait = backoffDelay(this.attempts, this.timings.backoff, this.random());
    this.attempts += 1;
    this.log.warn('disconnected; reconnecting', { ...err, reconnectInMs: wait, attempt: this.attempts, backlog: this.backlog });
    this.emit('onDisconnected', { time: now, ...err, reconnectInMs: wait });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.stopping) this.open();
    }, wait);
  }

  /** A line of our own outside the queue (JOIN, NICK): sent now, and counted against the rate limit. */
  private control(line: string): void {
    this.outbox.charge();
    this.client.raw(line);
  }

  private writeLine(out: OutLine): void {
    if (out.command === 'TOPIC') this.lastTopic.set(this.book.key(out.target), out.text);
    this.client.raw(out.line);
  }

  private joinFailed(channel: string, reason: string): void {
    this.log.warn('could not join', { channel, reason });
    this.emit('onJoinFailed', { channel, reason, time: this.clock() });
  }

  private reportLost(why: string): void {
    const lost = this.outbox.outstanding();
    if (lost.length > 0) this.log.error('quitting with lines not confirmed by the server', { why, lines: lost.length, first: lost[0]?.line });
  }

  private emit<K extends keyof IrcEvents>(name: K, event: IrcEvents[K]): void {
    emitTo(this.listener, this.log, name, event);
  }

  private inboundHost(): InboundHost {
    return {
      book: this.book,
      clock: this.clock,
      emit: (name, event) => this.emit(name, event),
      ownNick: () => this.nick,
      setOwnNick: (n) => (this.nick = n),
      isChannel: (t) => isChannelName(this.client.network.options, t),
      channelName: (n) => this.book.spelling(n),
      same: (a, b) => this.book.same(a, b),
      selfJoined: (channel, user, host) => {
        this.self = { user, host };
        this.joins.settled(channel);
      },
      selfHost: (host, user) => {
        if (this.self) this.self = { user: user ?? this.self.user, host };
      },
      selfLeft: (channel) => {
        // The bot never parts on its own: a PART of ours is forced (SAPART, or an op's REMOVE), like a kick.
        if (!this.book.isConfigured(channel)) return;
        // Lines for the channel wait until we are back (or give up), instead of being refused.
        this.joins.expect([channel], false);
        this.timers.later(this.timings.rejoinAfterKickMs, () => this.joins.join([channel]));
      },
      joinFailed: (channel, reason) => {
        this.joinFailed(channel, reason);
        this.joins.settled(channel);
      },
      topicRefused: (channel, reason) => {
        const topic = this.lastTopic.get(this.book.key(channel));
        this.log.warn('topic refused', { channel, reason });
        this.emit('onTopicRefused', { channel, topic, reason, time: this.clock() });
      },
      nickFreed: (n) => this.nicks.freed(n),
      pong: (token) => this.outbox.onPong(token),
      ctcpVersion: (n) => {
        if (this.versionAsked.tooSoon(n, this.clock())) return;
        this.outbox.notice(n, `\x01VERSION ${this.options.version ?? `Gavel ${GAVEL_VERSION}`}\x01`);
      },
      logger: this.log,
    };
  }
}
