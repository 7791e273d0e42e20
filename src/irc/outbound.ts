// Sends queued lines when the connection is ready, at the allowed rate, and has the server confirm them.
import type { Logger } from '../log.js';
import { SendQueue, type OutLine, type RateLimit } from './sendqueue.js';
import { splitText, textBudget, truncateBytes } from './split.js';

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
  readonly logger: Logger;
}

const ACK_PREFIX = 'gavel-ack-';
/** With a long backlog, confirm at least every this many lines so that a drop resends few. */
const CHECKPOINT_EVERY = 20;

export class Outbox {
  private readonly queue: SendQueue;
  private ready = false;
  private timer: NodeJS.Timeout | undefined;
  private sinceCheckpoint = 0;
  private drainWaiters: (() => void)[] = [];

  constructor(
    rate: RateLimit | null,
    private readonly host: OutboxHost,
  ) {
    this.queue = new SendQueue(rate, host.clock());
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
    const budget = textBudget({ command: 'TOPIC', target: channel, ...this.host.relayPrefix() });
    const max = Math.min(budget, this.host.topicLength() ?? budget);
    const clean = truncateBytes(text.replace(/[\0\r\n]+/g, ' '), max);
    this.queue.push({ line: `TOPIC ${channel} :${clean}`, command: 'TOPIC', target: channel, text: clean });
    this.pump();
    return clean;
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
    this.sinceCheckpoint = 0;
    const back = this.queue.requeue(this.host.clock());
    if (back > 0) this.host.logger.info('lines to resend after reconnect', { lines: back, pending: this.queue.pending });
  }

  /** A PONG: true if it was one of our confirmations (and then lines are confirmed). */
  onPong(token: string | undefined): boolean {
    if (token === undefined || !token.startsWith(ACK_PREFIX)) return false;
    const seq = Number(token.slice(ACK_PREFIX.length));
    if (!Number.isInteger(seq)) return false;
    this.queue.ack(seq);
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
    const budget = textBudget({ command, target, ...this.host.relayPrefix() });
    const parts = splitText(text, budget);
    for (const part of parts) this.queue.push({ line: `${command} ${target} :${part}`, command, target, text: part });
    this.pump();
    return parts;
  }

  private pump(): void {
    if (!this.ready || this.timer !== undefined) return;
    for (;;) {
      const next = this.queue.take(this.host.clock());
      if (next === undefined) break;
      if ('waitMs' in next) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, next.waitMs);
        break;
      }
      this.host.write(next.line);
      this.sinceCheckpoint += 1;
      if (this.queue.pending === 0 || this.sinceCheckpoint >= CHECKPOINT_EVERY) this.checkpoint();
    }
  }

  private checkpoint(): void {
    const seq = this.queue.checkpoint();
    this.sinceCheckpoint = 0;
    if (seq !== undefined) this.host.ping(`${ACK_PREFIX}${seq}`);
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
