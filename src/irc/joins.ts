// Which channels the bot is waiting to join; the outgoing queue holds its lines until they are settled.

/** Channels per JOIN line, so that 50 channels do not make 50 commands. */
const JOIN_BATCH = 10;

export interface JoinHost {
  /** Same channel by the server's CASEMAPPING as known now (it arrives in 005, after registration). */
  same(a: string, b: string): boolean;
  send(line: string): void;
  later(ms: number, fn: () => void): NodeJS.Timeout;
  cancel(t: NodeJS.Timeout | undefined): void;
  /** Stop sending: a channel lines may be for is not joined yet. */
  hold(): void;
  /** Every awaited channel is joined or given up on. */
  release(): void;
  gaveUp(channel: string, reason: string): void;
  readonly timeoutMs: number;
}

export class JoinTracker {
  /**
   * The channels as configured, not folded: they are awaited from registration, before the server's
   * 005 says how it folds case, so they are compared when the JOIN comes back, by the rules known then.
   */
  private awaiting: string[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly host: JoinHost) {}

  get waiting(): boolean {
    return this.awaiting.length > 0;
  }

  /** Marks `channels` as awaited and holds the queue; `send` also sends the JOINs now (else see join()). */
  expect(channels: readonly string[], send: boolean): void {
    for (const c of channels) if (this.find(c) < 0) this.awaiting.push(c);
    if (!this.waiting) {
      this.host.release();
      return;
    }
    this.host.hold();
    if (send) this.join(channels);
  }

  /** Sends the JOINs and gives them joinTimeoutMs to succeed. */
  join(channels: readonly string[]): void {
    for (let i = 0; i < channels.length; i += JOIN_BATCH) this.host.send(`JOIN ${channels.slice(i, i + JOIN_BATCH).join(',')}`);
    this.host.cancel(this.timer);
    this.timer = this.host.later(this.host.timeoutMs, () => {
      this.timer = undefined;
      const missing = this.awaiting;
      this.awaiting = [];
      for (const c of missing) this.host.gaveUp(c, 'timeout');
      this.host.release();
    });
  }

  /** We joined `channel`, or the server refused: either way it no longer holds the queue. */
  settled(channel: string): void {
    const i = this.find(channel);
    if (i < 0) return;
    this.awaiting.splice(i, 1);
    if (this.waiting) return;
    this.host.cancel(this.timer);
    this.timer = undefined;
    this.host.release();
  }

  /** The connection dropped. */
  reset(): void {
    this.awaiting = [];
    this.host.cancel(this.timer);
    this.timer = undefined;
  }

  private find(channel: string): number {
    return this.awaiting.findIndex((c) => this.host.same(c, channel));
  }
}
