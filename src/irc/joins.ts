// Which channels the bot is waiting to join; the outgoing queue holds its lines until they are settled.

/** Channels per JOIN line, so that 50 channels do not make 50 commands. */
const JOIN_BATCH = 10;

export interface JoinHost {
  key(channel: string): string;
  /** Spelling for reports, from a key. */
  name(key: string): string;
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
  private awaiting = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly host: JoinHost) {}

  get waiting(): boolean {
    return this.awaiting.size > 0;
  }

  /** Marks `channels` as awaited and holds the queue; `send` also sends the JOINs now (else see join()). */
  expect(channels: readonly string[], send: boolean): void {
    for (const c of channels) this.awaiting.add(this.host.key(c));
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
      for (const k of this.awaiting) this.host.gaveUp(this.host.name(k), 'timeout');
      this.awaiting.clear();
      this.host.release();
    });
  }

  /** We joined `channel`, or the server refused: either way it no longer holds the queue. */
  settled(channel: string): void {
    if (!this.awaiting.delete(this.host.key(channel)) || this.waiting) return;
    this.host.cancel(this.timer);
    this.timer = undefined;
    this.host.release();
  }

  /** The connection dropped. */
  reset(): void {
    this.awaiting.clear();
    this.host.cancel(this.timer);
    this.timer = undefined;
  }
}
