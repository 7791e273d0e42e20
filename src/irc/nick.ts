// Keeps the bot on its configured nick: a fallback while it is taken, and taking it back when it is free.
import type { Logger } from '../log.js';
import { fallbackNick } from './policy.js';

export interface NickHost {
  /** The configured nick. */
  readonly wanted: string;
  /** Our nick now ('' before registration). */
  current(): string;
  registered(): boolean;
  change(nick: string): void;
  same(a: string, b: string): boolean;
  /** ISUPPORT NICKLEN, when known. */
  nickLength(): number | undefined;
  random(): number;
  later(ms: number, fn: () => void): NodeJS.Timeout;
  cancel(t: NodeJS.Timeout | undefined): void;
  readonly regainMs: number;
  readonly logger: Logger;
}

export class NickKeeper {
  private attempts = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly host: NickHost) {}

  /** A new connection starts with the configured nick again. */
  reset(): void {
    this.attempts = 0;
    this.host.cancel(this.timer);
    this.timer = undefined;
  }

  /** ERR_NICKNAMEINUSE or ERR_ERRONEOUSNICKNAME. During registration: try the next fallback. */
  refused(nick: string, why: string): void {
    if (this.host.registered()) {
      this.host.logger.debug('nick not available', { nick, why });
      return;
    }
    this.attempts += 1;
    const next = fallbackNick(this.host.wanted, this.attempts, this.host.nickLength() ?? 30, this.host.random());
    this.host.logger.warn('nick not available, trying another', { nick, why, next });
    this.host.change(next);
  }

  /** Registered: while on a fallback, ask for the configured nick every regainMs. */
  registered(): void {
    this.host.cancel(this.timer);
    this.timer = this.host.later(this.host.regainMs, () => {
      this.timer = undefined;
      if (!this.host.registered()) return;
      if (!this.host.same(this.host.current(), this.host.wanted)) this.host.change(this.host.wanted);
      this.registered();
    });
  }

  /** Someone changed away from, or quit with, `nick`: if it is ours, take it now. */
  freed(nick: string): void {
    const h = this.host;
    if (h.registered() && h.same(nick, h.wanted) && !h.same(h.current(), nick)) h.change(h.wanted);
  }
}
