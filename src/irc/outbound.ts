// Sends queued lines when the connection is ready, at the allowed rate, and has the server confirm them.
import type { Logger } from '../log.js';
import { OverflowReport } from './overflow.js';
import { DEFAULT_LIMITS, SendQueue, type OutLine, type QueueLimits, type RateLimit } from './sendqueue.js';
import { byteLength, splitText, textBudget, truncateBytes } from './split.js';

export interface OutboxHost {
  /** Writes one raw line to the socket. */
  write(out: OutLine): void;
  /** Writes the confirmation PING. */
  ping(token: string): void;
  clock(): number;
  /** How the server will show us when relaying, for the line budget. */
  relayPrefix(): { nick: string; user: string; host: string };
  /** ISUPPORT TOPICLEN, when known. */
  topicLength(): number | undefined;
  /** A channel name (by CHANTYPES), not a nick. */
  isChannel(target: string): boolean;
  readonly logger: Logger;
}

const ACK_PREFIX = 'gavel-ack-';
/**
 * The least text a line is given, whatever the server claims its nick, user and host lengths are
 * (an absurd ISUPPORT must not make splitting impossible; the real prefix is known once we have joined).
 */
const MIN_TEXT_BYTES = 64;
/** A target the server would read as something else: empty, with a space, a line break or a NUL, or starting with ':'. */
const BAD_TARGET = /^$|^:|[\s\0]/;

export class Outbox {
  private readonly queue: SendQueue;
  private readonly overflow: OverflowReport;
  private ready = false;
  private timer: NodeJS.Timeout | undefined;
  /** The timer only waits to send a confirmation PING: new lines need not wait for it. */
  private timerForPing = false;
  private drainWaiters: (() => void)[] = [];

  constructor(
    rate: RateLimit | null,
    private readonly host: OutboxHost,
    private readonly limits: QueueLimits = DEFAULT_LIMITS,
  ) {
    this.queue = new SendQueue(rate, host.clock(), limits);
    this.overflow = new OverflowReport(host.logger);
  }

  get pending(): number {
    return this.queue.pending;
  }

  get unconfirmed(): number {
    return this.queue.unconfirmed;
  }

  say(target: string, text: string): string[] {
    return this.enqueue('PRIVMSG', target, text);
  }

  notice(target: string, text: string): string[] {
    return this.enqueue('NOTICE', target, text);
  }

  /** An empty text clears the topic; a long one is cut to what the server keeps. */
  topic(channel: string, text: string): string {
    if (this.refused(channel)) return '';
    const budget = this.budget('TOPIC', channel);
    const max = Math.min(budget, this.host.topicLength() ?? budget);
    const clean = truncateBytes(text.replace(/[\0\r\n]+/g, ' '), max);
    this.push(topicLine(channel, clean));
    return clean;
  }

  /** A line sent outside the queue (JOIN, NICK) counts against the rate limit too. */
  charge(): void {
    this.queue.charge(this.host.clock());
  }

  /** Registered and the channels joined: send what waits. */
  open(): void {
    this.ready = true;
    this.pump();
  }

  /** Stop sending for now (a channel is being joined); what is unconfirmed stays so. */
  hold(): void {
    this.ready = false;
    this.clearTimer();
  }

  /** The socket dropped: stop, and take back every line the server has not confirmed. */
  close(): void {
    this.ready = false;
    this.clearTimer();
    const back = this.queue.requeue(this.host.clock());
    if (back > 0) this.host.logger.info('lines to resend after reconnect', { lines: back, pending: this.queue.pending });
  }

  /** A PONG: true if it was one of our confirmations (and then lines are confirmed). */
  onPong(token: string | undefined): boolean {
    if (token === undefined || !token.startsWith(ACK_PREFIX)) return false;
    const digits = token.slice(ACK_PREFIX.length);
    if (!/^[0-9]{1,15}$/.test(digits)) return false;
    this.queue.ack(Number(digits));
    if (this.queue.belowHalf) this.overflow.over();
    this.notifyIfDrained();
    return true;
  }

  /** Resolves true once every queued line is sent and confirmed, false after `timeoutMs`. */
  drained(timeoutMs: number): Promise<boolean> {
    if (this.isDrained()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.drainWaiters = this.drainWaiters.filter((w) => w !== done);
        resolve(false);
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(t);
        resolve(true);
      };
      this.drainWaiters.push(done);
    });
  }

  /** Lines that were never confirmed (for the log when giving up). */
  outstanding(): OutLine[] {
    return this.queue.outstanding();
  }

  /** Stops the rate-limit timer (the connection is closing for good). */
  stop(): void {
    this.ready = false;
    this.clearTimer();
  }

  private enqueue(command: 'PRIVMSG' | 'NOTICE', target: string, text: string): string[] {
    if (this.refused(target)) return [];
    // Only a PRIVMSG to a channel is part of a meeting; answers to one person and notices can be lost first.
    const expendable = command === 'NOTICE' || !this.host.isChannel(target);
    const parts = splitText(text, this.budget(command, target));
    this.push(...parts.map((part) => textLine(command, target, part, expendable)));
    return parts;
  }

  private push(...lines: OutLine[]): void {
    this.overflow.dropped(this.queue.push(...lines), this.limits);
    this.pump();
  }

  private refused(target: string): boolean {
    if (!BAD_TARGET.test(target)) return false;
    this.host.logger.error('not sending to a malformed target', { target: JSON.stringify(target) });
    return true;
  }

  /** Bytes of text a line to `target` may have, with the relay prefix as it is now. */
  private budget(command: OutLine['command'], target: string): number {
    return Math.max(MIN_TEXT_BYTES, textBudget({ command, target, ...this.host.relayPrefix() }));
  }

  /** A queued line cut for an older, shorter prefix (before a reconnect on a fallback nick, or a new host) is cut again. */
  private fit(out: OutLine): readonly OutLine[] {
    const budget = this.budget(out.command, out.target);
    if (byteLength(out.text) <= budget) return [out];
    const command = out.command;
    if (command === 'TOPIC') return [topicLine(out.target, truncateBytes(out.text, budget))];
    return splitText(out.text, budget).map((part) => textLine(command, out.target, part, out.expendable === true));
  }

  /**
   * Writes what may be written now. Called with idle false right after lines were queued (more may
   * follow in the same tick): the confirmation PING then waits for a timer, so a reply of several
   * lines gets one PING, not one per line.
   */
  private pump(idle = false): void {
    if (!this.ready || (this.timer !== undefined && !this.timerForPing)) return;
    this.clearTimer();
    for (;;) {
      const next = this.queue.take(this.host.clock(), { idle, fit: (o) => this.fit(o) });
      if (next === undefined) {
        if (this.queue.needsCheckpoint) this.later(0, true);
        break;
      }
      if ('waitMs' in next) {
        this.later(next.waitMs, false);
        break;
      }
      if ('ping' in next) this.host.ping(`${ACK_PREFIX}${next.ping}`);
      else this.host.write(next.line);
    }
    if (this.queue.belowHalf) this.overflow.over();
  }

  private later(ms: number, forPing: boolean): void {
    this.timerForPing = forPing;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump(true);
    }, ms);
  }

  private isDrained(): boolean {
    return this.queue.pending === 0 && this.queue.unconfirmed === 0;
  }

  private notifyIfDrained(): void {
    if (!this.isDrained()) return;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiters) w();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function textLine(command: 'PRIVMSG' | 'NOTICE', target: string, text: string, expendable: boolean): OutLine {
  return { line: `${command} ${target} :${text}`, command, target, text, ...(expendable ? { expendable } : {}) };
}

function topicLine(channel: string, text: string): OutLine {
  return { line: `TOPIC ${channel} :${text}`, command: 'TOPIC', target: channel, text };
}
