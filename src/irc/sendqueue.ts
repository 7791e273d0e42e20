// The outgoing line queue: a token-bucket rate limit, and lines kept until the server confirms them.

/** `burst` lines at once, then `linesPerSecond` on average. */
export interface RateLimit {
  readonly burst: number;
  readonly linesPerSecond: number;
}

export interface OutLine {
  /** The raw IRC line, without CRLF. */
  readonly line: string;
  readonly command: 'PRIVMSG' | 'NOTICE' | 'TOPIC';
  readonly target: string;
  readonly text: string;
}

export type Take = { readonly line: OutLine } | { readonly waitMs: number };

interface Sent {
  readonly out: OutLine;
  /** The checkpoint whose PONG confirms this line; undefined until one is sent after it. */
  seq: number | undefined;
}

/**
 * Pure bookkeeping, driven by the connection: it asks `take(now)` for the next line, writes it, and
 * after a burst sends `PING :<checkpoint()>`. The server handles a client's lines in order, so the
 * matching PONG proves every line before it was processed; lines still unconfirmed when the socket
 * drops go back to the front of the queue (`requeue`) and are sent again after the reconnect. A line
 * can thus be sent twice (the server took it but died before its PONG) but is never lost.
 */
export class SendQueue {
  private pendingLines: OutLine[] = [];
  private sent: Sent[] = [];
  private tokens: number;
  private refilledAt: number;
  private nextSeq = 1;

  constructor(
    private readonly rate: RateLimit | null,
    now: number,
  ) {
    if (rate !== null && (!(rate.burst >= 1) || !(rate.linesPerSecond > 0))) {
      throw new RangeError(`rate limit needs burst >= 1 and linesPerSecond > 0, got ${JSON.stringify(rate)}`);
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

  push(...lines: OutLine[]): void {
    this.pendingLines.push(...lines);
  }

  /** The next line to write now (counted as sent), the wait before one may be, or undefined when empty. */
  take(now: number): Take | undefined {
    const next = this.pendingLines[0];
    if (next === undefined) return undefined;
    if (this.rate !== null) {
      this.refill(now);
      if (this.tokens < 1) return { waitMs: Math.max(1, Math.ceil(((1 - this.tokens) / this.rate.linesPerSecond) * 1000)) };
      this.tokens -= 1;
    }
    this.pendingLines.shift();
    this.sent.push({ out: next, seq: undefined });
    return { line: next };
  }

  /** A number for a PING that will confirm every line written since the last one; undefined if there are none. */
  checkpoint(): number | undefined {
    const open = this.sent.filter((s) => s.seq === undefined);
    if (open.length === 0) return undefined;
    const seq = this.nextSeq++;
    for (const s of open) s.seq = seq;
    return seq;
  }

  /** The PONG for checkpoint `seq` arrived: the lines up to it are confirmed. Returns how many. */
  ack(seq: number): number {
    const before = this.sent.length;
    this.sent = this.sent.filter((s) => s.seq === undefined || s.seq > seq);
    return before - this.sent.length;
  }

  /** The connection dropped: unconfirmed lines go back in front, in their order; a new connection gets a full burst. */
  requeue(now: number): number {
    const back = this.sent.map((s) => s.out);
    this.pendingLines = [...back, ...this.pendingLines];
    this.sent = [];
    this.tokens = this.rate?.burst ?? 0;
    this.refilledAt = now;
    return back.length;
  }

  /** Everything not yet confirmed, for a final report when giving up. */
  outstanding(): OutLine[] {
    return [...this.sent.map((s) => s.out), ...this.pendingLines];
  }

  private refill(now: number): void {
    if (this.rate === null) return;
    const elapsed = Math.max(0, now - this.refilledAt);
    this.tokens = Math.min(this.rate.burst, this.tokens + (elapsed / 1000) * this.rate.linesPerSecond);
    this.refilledAt = now;
  }
}
