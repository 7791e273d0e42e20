// The outgoing line queue: a token-bucket rate limit, a bounded backlog, and lines kept until the server confirms them.

/** `burst` lines at once, then `linesPerSecond` on average. */
export interface RateLimit {
  readonly burst: number;
  readonly linesPerSecond: number;
}

/** The most the queue holds; past that, lines are dropped (see SendQueue.push). */
export interface QueueLimits {
  /** Lines waiting, plus lines sent but not yet confirmed. */
  readonly maxLines: number;
  /** Expendable lines waiting. */
  readonly maxExpendable: number;
}

/**
 * 1,000 lines (about 1 MB at most) is more than a meeting says in a long while at any sane rate; 100
 * expendable lines keep a flood of private questions or CTCP requests from delaying the meeting long.
 */
export const DEFAULT_LIMITS: QueueLimits = { maxLines: 1000, maxExpendable: 100 };

/** With a long backlog, confirm at least every this many lines so that a drop resends few. */
export const CHECKPOINT_EVERY = 20;

export interface OutLine {
  /** The raw IRC line, without CRLF. */
  readonly line: string;
  readonly command: 'PRIVMSG' | 'NOTICE' | 'TOPIC';
  readonly target: string;
  readonly text: string;
  /** Not part of a meeting (a private answer, a notice, a CTCP reply): the first to go when the queue is full. */
  readonly expendable?: boolean;
}

/** A line to write, a confirmation PING to send (`PING` with the checkpoint number), or how long to wait. */
export type Take = { readonly line: OutLine } | { readonly ping: number } | { readonly waitMs: number };

export interface TakeOptions {
  /** False while more lines may still come this tick: an empty queue is then no reason to spend a PING yet. */
  readonly idle?: boolean;
  /** Re-cuts a line for the prefix the server will relay it with now (it may have grown since it was cut). */
  readonly fit?: (out: OutLine) => readonly OutLine[];
}

interface Sent {
  readonly out: OutLine;
  /** The checkpoint whose PONG confirms this line; undefined until one is sent after it. */
  seq: number | undefined;
}

/**
 * Pure bookkeeping, driven by the connection: it asks `take(now)` for the next thing to send. The
 * server handles a client's lines in order, so the PONG to a checkpoint PING proves every line before
 * it was processed; lines still unconfirmed when the socket drops go back to the front of the queue
 * (`requeue`) and are sent again after the reconnect. A line can thus be sent twice (the server took
 * it but died before its PONG) but is not lost, unless the queue overflows (see push). Every line
 * and every PING takes a token: the server counts them all.
 */
export class SendQueue {
  private pendingLines: OutLine[] = [];
  private sent: Sent[] = [];
  /** Sent lines that no checkpoint covers yet. */
  private unpinged = 0;
  private expendable = 0;
  private tokens: number;
  private refilledAt: number;
  private nextSeq = 1;

  constructor(
    private readonly rate: RateLimit | null,
    now: number,
    private readonly limits: QueueLimits = DEFAULT_LIMITS,
  ) {
    if (rate !== null && (!(rate.burst >= 1) || !(rate.linesPerSecond > 0))) {
      throw new RangeError(`rate limit needs burst >= 1 and linesPerSecond > 0, got ${JSON.stringify(rate)}`);
    }
    if (!(limits.maxLines >= 1) || !(limits.maxExpendable >= 1)) {
      throw new RangeError(`queue limits need maxLines >= 1 and maxExpendable >= 1, got ${JSON.stringify(limits)}`);
    }
    this.tokens = rate?.burst ?? 0;
    this.refilledAt = now;
  }

  /** Lines waiting to be written. */
  get pending(): number {
    return this.pendingLines.length;
  }

  /** Lines written but not yet confirmed by a PONG. */
  get unconfirmed(): number {
    return this.sent.length;
  }

  /** Lines written that still need a checkpoint PING. */
  get needsCheckpoint(): boolean {
    return this.unpinged > 0;
  }

  /** Back under half of both limits: an overflow is over. */
  get belowHalf(): boolean {
    return this.pendingLines.length + this.sent.length <= this.limits.maxLines / 2 && this.expendable <= this.limits.maxExpendable / 2;
  }

  /**
   * Queues lines. Past a limit the oldest expendable waiting line goes first; then the oldest line
   * sent but unconfirmed (it went out once, so it most likely arrived); a waiting meeting line only
   * when nothing else is left. Returns the lines dropped.
   */
  push(...lines: OutLine[]): OutLine[] {
    const dropped: OutLine[] = [];
    for (const l of lines) {
      this.pendingLines.push(l);
      if (l.expendable) this.expendable += 1;
      while (this.expendable > this.limits.maxExpendable) dropped.push(this.dropWaiting(true));
      while (this.pendingLines.length + this.sent.length > this.limits.maxLines) dropped.push(this.dropOne());
    }
    return dropped;
  }

  /** The next thing to send now (counted as sent), the wait before it may be, or undefined when there is nothing. */
  take(now: number, options: TakeOptions = {}): Take | undefined {
    const ping = this.unpinged >= CHECKPOINT_EVERY || (this.unpinged > 0 && this.pendingLines.length === 0 && options.idle !== false);
    if (!ping && options.fit) this.refit(options.fit);
    const next = this.pendingLines[0];
    if (!ping && next === undefined) return undefined;
    const wait = this.spend(now);
    if (wait !== undefined) return { waitMs: wait };
    if (ping || next === undefined) return { ping: this.checkpoint() };
    this.pendingLines.shift();
    if (next.expendable) this.expendable -= 1;
    this.sent.push({ out: next, seq: undefined });
    this.unpinged += 1;
    return { line: next };
  }

  /** A line sent outside the queue (JOIN, NICK): it takes a token at once, into debt if need be, so that queued lines wait for it. */
  charge(now: number): void {
    if (this.rate === null) return;
    this.refill(now);
    this.tokens -= 1;
  }

  /** The PONG for checkpoint `seq` arrived: the lines up to it are confirmed. Returns how many. */
  ack(seq: number): number {
    if (!Number.isInteger(seq) || seq < 1 || seq >= this.nextSeq) return 0;
    const before = this.sent.length;
    this.sent = this.sent.filter((s) => s.seq === undefined || s.seq > seq);
    return before - this.sent.length;
  }

  /** The connection dropped: unconfirmed lines go back in front, in their order; a new connection gets a full burst. */
  requeue(now: number): number {
    const back = this.sent.map((s) => s.out);
    this.pendingLines = [...back, ...this.pendingLines];
    this.expendable = this.pendingLines.filter((l) => l.expendable).length;
    this.sent = [];
    this.unpinged = 0;
    this.tokens = this.rate?.burst ?? 0;
    this.refilledAt = now;
    return back.length;
  }

  /** Everything not yet confirmed, for a final report when giving up. */
  outstanding(): OutLine[] {
    return [...this.sent.map((s) => s.out), ...this.pendingLines];
  }

  /** Marks every line sent since the last checkpoint with a new one, for the PING that will confirm them. */
  private checkpoint(): number {
    const seq = this.nextSeq++;
    for (const s of this.sent) if (s.seq === undefined) s.seq = seq;
    this.unpinged = 0;
    return seq;
  }

  /** Takes a token; or, without one, says how long until there is one. */
  private spend(now: number): number | undefined {
    if (this.rate === null) return undefined;
    this.refill(now);
    if (this.tokens < 1) return Math.max(1, Math.ceil(((1 - this.tokens) / this.rate.linesPerSecond) * 1000));
    this.tokens -= 1;
    return undefined;
  }

  /** Replaces the first waiting line by its re-cut pieces, until it fits as it is. */
  private refit(fit: (out: OutLine) => readonly OutLine[]): void {
    for (let next = this.pendingLines[0]; next !== undefined; next = this.pendingLines[0]) {
      const parts = fit(next);
      if (parts.length === 1 && parts[0] === next) return;
      this.pendingLines.splice(0, 1, ...parts);
      this.expendable += parts.filter((p) => p.expendable).length - (next.expendable ? 1 : 0);
      if (parts.length > 0) return;
    }
  }

  private dropWaiting(expendable: boolean): OutLine {
    const i = expendable ? this.pendingLines.findIndex((l) => l.expendable) : 0;
    const [line] = this.pendingLines.splice(Math.max(0, i), 1);
    if (line === undefined) throw new Error('SendQueue: nothing to drop (a limit below 1?)');
    if (line.expendable) this.expendable -= 1;
    return line;
  }

  private dropOne(): OutLine {
    if (this.expendable > 0) return this.dropWaiting(true);
    const sent = this.sent.shift();
    if (sent === undefined) return this.dropWaiting(false);
    if (sent.seq === undefined) this.unpinged -= 1;
    return sent.out;
  }

  private refill(now: number): void {
    if (this.rate === null) return;
    const elapsed = Math.max(0, now - this.refilledAt);
    this.tokens = Math.min(this.rate.burst, this.tokens + (elapsed / 1000) * this.rate.linesPerSecond);
    this.refilledAt = now;
  }
}
