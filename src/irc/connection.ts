// The IRC connection on irc-framework: registers, joins, reconnects, and queues what the bot says.
import { Client } from 'irc-framework';
import { nullLogger, type Logger } from '../log.js';
import { ChannelBook } from './channels.js';
import type { IrcListener } from './events.js';
import { attachInbound, type InboundHost } from './inbound.js';
import { resolveTimings, type IrcDeps, type IrcOptions, type ResolvedTimings } from './options.js';
import { Outbox } from './outbound.js';
import { backoffDelay, fallbackNick } from './policy.js';
import type { OutLine } from './sendqueue.js';

/** Channels per JOIN line, so that 50 channels do not make 50 commands. */
const JOIN_BATCH = 10;

export class IrcConnection {
  private readonly client: Client;
  private readonly book: ChannelBook;
  private readonly outbox: Outbox;
  private readonly timings: ResolvedTimings;
  private readonly clock: () => number;
  private readonly random: () => number;
  private readonly log: Logger;

  private nick = '';
  private account: string | undefined;
  private registeredAt: number | undefined;
  private nickAttempts = 0;
  private attempts = 0;
  private self: { user: string; host: string } | undefined;
  private awaitingJoin = new Set<string>();
  private lastTopic = new Map<string, string>();
  private timers = new Set<NodeJS.Timeout>();
  private joinTimer: NodeJS.Timeout | undefined;
  private regainTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private started = false;
  private stopping = false;
  private closedWaiters: (() => void)[] = [];

  constructor(
    private readonly options: IrcOptions,
    private readonly listener: IrcListener,
    deps: IrcDeps = {},
  ) {
    this.clock = deps.clock ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.log = (deps.logger ?? nullLogger).child({ component: 'irc', server: `${options.host}:${options.port}` });
    this.timings = resolveTimings(options);
    this.client = new Client();
    this.book = new ChannelBook(() => this.casemapping());
    this.outbox = new Outbox(options.rateLimit, {
      write: (out) => this.writeLine(out),
      ping: (token) => this.client.raw(`PING :${token}`),
      clock: this.clock,
      relayPrefix: () => this.relayPrefix(),
      topicLength: () => this.isupportNumber('TOPICLEN'),
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

  /** Says `text` in a channel (or to a nick): split to fit, queued, and sent once joined. */
  say(target: string, text: string): void {
    this.outbox.say(target, text);
  }

  notice(target: string, text: string): void {
    this.outbox.notice(target, text);
  }

  /** Sets a channel topic; a refusal comes back as onTopicRefused. */
  setTopic(channel: string, text: string): void {
    this.outbox.topic(channel, text);
  }

  /**
   * Sends what is queued (waiting up to `flushTimeoutMs` for the server to confirm it), then QUIT,
   * and stops reconnecting. Lines that could not be sent are logged.
   */
  async quit(message = 'Gavel stopping', flushTimeoutMs = 10_000): Promise<void> {
    if (!this.started || this.stopping) return;
    this.stopping = true;
    this.clearTimer(this.reconnectTimer);
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
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Our nick now ('' while not registered). */
  get currentNick(): string {
    return this.nick;
  }

  /** Registered and every configured channel joined (or given up on). */
  get ready(): boolean {
    return this.registeredAt !== undefined && this.awaitingJoin.size === 0;
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
    this.nickAttempts = 0;
    const o = this.options;
    this.log.info('connecting', { tls: o.tls, nick: o.nick });
    this.client.connect({
      host: o.host,
      port: o.port,
      nick: o.nick,
      username: o.username ?? o.nick,
      gecos: o.realname ?? 'Gavel meeting bot',
      version: o.version ?? 'Gavel',
      tls: o.tls,
      rejectUnauthorized: !o.tlsInsecure,
      ...(o.sasl ? { account: { account: o.sasl.account, password: o.sasl.password } } : {}),
      sasl_disconnect_on_fail: false,
      // Reconnecting is ours: irc-framework gives up after 3 tries and never retries a drop within 5 s of registering.
      auto_reconnect: false,
      ping_interval: this.timings.pingIntervalSeconds,
      ping_timeout: this.timings.pingTimeoutSeconds,
      encoding: 'utf8',
    });
  }

  private attachLifecycle(): void {
    const c = this.client;
    c.requestCap(['account-tag', 'server-time']);
    c.on('registered', (e) => {
      this.nick = e.nick;
      this.registeredAt = this.clock();
      this.log.info('registered', { nick: e.nick, account: this.account });
      this.emit('onConnected', { nick: e.nick, ...(this.account ? { account: this.account } : {}), time: this.clock() });
      this.joinAll();
      this.scheduleRegain();
    });
    c.on('loggedin', (e) => (this.account = e.account));
    c.on('sasl failed', (e) => this.log.warn('SASL login failed; going on without an account', { reason: e.reason, message: e.message }));
    c.on('nick in use', (e) => this.nickRefused(e.nick, 'in use'));
    c.on('nick invalid', (e) => this.nickRefused(e.nick, 'invalid'));
    c.on('socket close', (error) => this.closed(error || undefined));
    c.on('debug', (m) => this.log.debug(m));
  }

  private nickRefused(nick: string, why: string): void {
    if (this.registeredAt !== undefined) {
      this.log.debug('nick not available', { nick, why });
      return;
    }
    this.nickAttempts += 1;
    const next = fallbackNick(this.options.nick, this.nickAttempts, this.isupportNumber('NICKLEN') ?? 30, this.random());
    this.log.warn('nick not available, trying another', { nick, why, next });
    this.client.changeNick(next);
  }

  private joinAll(): void {
    const wanted = this.options.channels;
    this.awaitingJoin = new Set(wanted.map((c) => this.book.key(c)));
    for (let i = 0; i < wanted.length; i += JOIN_BATCH) this.client.raw(`JOIN ${wanted.slice(i, i + JOIN_BATCH).join(',')}`);
    if (this.awaitingJoin.size === 0) {
      this.outbox.open();
      return;
    }
    this.joinTimer = this.later(this.timings.joinTimeoutMs, () => {
      for (const k of this.awaitingJoin) this.emit('onJoinFailed', { channel: this.channelName(k), reason: 'timeout', time: this.clock() });
      this.log.warn('channels not joined in time; sending anyway', { channels: [...this.awaitingJoin] });
      this.awaitingJoin.clear();
      this.outbox.open();
    });
  }

  private joinSettled(channel: string): void {
    if (!this.awaitingJoin.delete(this.book.key(channel)) || this.awaitingJoin.size > 0) return;
    this.clearTimer(this.joinTimer);
    this.outbox.open();
  }

  private scheduleRegain(): void {
    this.clearTimer(this.regainTimer);
    this.regainTimer = this.later(this.timings.regainNickMs, () => {
      if (this.registeredAt === undefined) return;
      if (!this.same(this.nick, this.options.nick)) this.client.changeNick(this.options.nick);
      this.scheduleRegain();
    });
  }

  private closed(error: Error | undefined): void {
    const now = this.clock();
    const wasStable = this.registeredAt !== undefined && now - this.registeredAt >= this.timings.backoff.stableMs;
    if (wasStable) this.attempts = 0;
    this.registeredAt = undefined;
    this.self = undefined;
    this.nick = '';
    this.account = undefined;
    this.awaitingJoin.clear();
    this.book.clear();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.outbox.close();
    const waiters = this.closedWaiters;
    this.closedWaiters = [];
    for (const w of waiters) w();
    if (this.stopping) {
      this.log.info('disconnected (quit)');
      this.emit('onDisconnected', { time: now, ...(error ? { error: error.message } : {}) });
      return;
    }
    const wait = backoffDelay(this.attempts, this.timings.backoff, this.random());
    this.attempts += 1;
    this.log.warn('disconnected; reconnecting', { error: error?.message, reconnectInMs: wait, attempt: this.attempts, backlog: this.backlog });
    this.emit('onDisconnected', { time: now, ...(error ? { error: error.message } : {}), reconnectInMs: wait });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.stopping) this.open();
    }, wait);
  }

  private writeLine(out: OutLine): void {
    if (out.command === 'TOPIC') this.lastTopic.set(this.book.key(out.target), out.text);
    this.client.raw(out.line);
  }

  private reportLost(why: string): void {
    const lost = this.outbox.outstanding();
    if (lost.length > 0) this.log.error('quitting with lines not confirmed by the server', { why, lines: lost.length, first: lost[0]?.line });
  }

  private relayPrefix(): { nick: string; user: string; host: string } {
    if (this.self && this.nick !== '') return { nick: this.nick, ...this.self };
    // Before our first JOIN shows our mask, assume the longest the server allows (`~` marks an unchecked ident).
    const nickLen = Math.max(this.isupportNumber('NICKLEN') ?? 30, this.options.nick.length + 4);
    const userLen = (this.isupportNumber('USERLEN') ?? 10) + 1;
    const hostLen = this.isupportNumber('HOSTLEN') ?? 63;
    return { nick: 'n'.repeat(nickLen), user: 'u'.repeat(userLen), host: 'h'.repeat(hostLen) };
  }

  private isupportNumber(key: string): number | undefined {
    const v = Number(this.client.network.options[key]);
    return Number.isInteger(v) && v > 0 ? v : undefined;
  }

  private casemapping(): string {
    const v = this.client.network.options.CASEMAPPING;
    return typeof v === 'string' ? v : 'rfc1459';
  }

  private same(a: string, b: string): boolean {
    return this.book.key(a) === this.book.key(b);
  }

  private channelName(name: string): string {
    return this.options.channels.find((c) => this.same(c, name)) ?? name;
  }

  private isChannel(target: string): boolean {
    const types = this.client.network.options.CHANTYPES;
    const list = Array.isArray(types) ? (types as string[]) : ['#', '&'];
    return list.includes(target.charAt(0));
  }

  private emit<K extends keyof IrcListener>(name: K, event: Parameters<NonNullable<IrcListener[K]>>[0]): void {
    const fn = this.listener[name] as ((e: typeof event) => void) | undefined;
    if (fn === undefined) return;
    try {
      fn.call(this.listener, event);
    } catch (cause) {
      this.log.error('listener failed', { event: name, error: cause });
    }
  }

  private later(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
    return t;
  }

  private clearTimer(t: NodeJS.Timeout | undefined): void {
    if (t === undefined) return;
    clearTimeout(t);
    this.timers.delete(t);
  }

  private inboundHost(): InboundHost {
    return {
      book: this.book,
      clock: this.clock,
      emit: (name, event) => this.emit(name, event as never),
      ownNick: () => this.nick,
      setOwnNick: (n) => (this.nick = n),
      isChannel: (t) => this.isChannel(t),
      channelName: (n) => this.channelName(n),
      same: (a, b) => this.same(a, b),
      selfJoined: (channel, user, host) => {
        this.self = { user, host };
        this.joinSettled(channel);
      },
      selfLeft: (channel, reason) => {
        if (reason === 'kick' && this.options.channels.some((c) => this.same(c, channel))) {
          this.later(this.timings.rejoinAfterKickMs, () => this.client.raw(`JOIN ${channel}`));
        }
      },
      joinFailed: (channel, reason) => {
        this.log.warn('could not join', { channel, reason });
        this.emit('onJoinFailed', { channel, reason, time: this.clock() });
        this.joinSettled(channel);
      },
      topicRefused: (channel, reason) => {
        const topic = this.lastTopic.get(this.book.key(channel));
        this.log.warn('topic refused', { channel, reason });
        this.emit('onTopicRefused', { channel, topic, reason, time: this.clock() });
      },
      nickFreed: (n) => {
        if (this.registeredAt !== undefined && this.same(n, this.options.nick) && !this.same(this.nick, n)) this.client.changeNick(this.options.nick);
      },
      pong: (token) => this.outbox.onPong(token),
      logger: this.log,
    };
  }
}
