// The IRC adapter's settings: what the config's `irc` section gives, plus timings tests shorten.
import type { ClientOptions } from 'irc-framework';
import type { Logger } from '../log.js';
import { DEFAULT_BACKOFF, type Backoff } from './policy.js';
import type { QueueLimits, RateLimit } from './sendqueue.js';

export interface IrcOptions {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  /** Accept any TLS certificate (self-signed test servers); certificates are verified otherwise. */
  readonly tlsInsecure: boolean;
  readonly nick: string;
  readonly username?: string;
  readonly realname?: string;
  readonly sasl?: { readonly account: string; readonly password: string };
  /** Joined after every registration. */
  readonly channels: readonly string[];
  /** null: no limit (tests, or a server that exempts the bot). */
  readonly rateLimit: RateLimit | null;
  /** The most the outgoing queue holds before dropping lines (sendqueue.ts DEFAULT_LIMITS). */
  readonly queueLimits?: Partial<QueueLimits>;
  readonly backoff?: Partial<Backoff>;
  /** How long to wait for the JOINs after registering before sending queued lines anyway. */
  readonly joinTimeoutMs?: number;
  /** While on a fallback nick, how often to try the configured one again. */
  readonly regainNickMs?: number;
  /** After a kick, when to join again. */
  readonly rejoinAfterKickMs?: number;
  /** Seconds between the client's PINGs, and of silence before the socket counts as dead. */
  readonly pingIntervalSeconds?: number;
  readonly pingTimeoutSeconds?: number;
  /** Reply to CTCP VERSION. */
  readonly version?: string;
}

export interface IrcDeps {
  /** Milliseconds since the epoch; stamps every event. */
  readonly clock?: () => number;
  readonly logger?: Logger;
  /** In [0, 1): the jitter of the reconnect waits and the last nick fallbacks. */
  readonly random?: () => number;
  /** irc-framework's socket class; tests give a fake one (test/support/fakeserver.ts). */
  readonly transport?: new (options: unknown) => unknown;
}

export interface ResolvedTimings {
  readonly backoff: Backoff;
  readonly joinTimeoutMs: number;
  readonly regainNickMs: number;
  readonly rejoinAfterKickMs: number;
  readonly pingIntervalSeconds: number;
  readonly pingTimeoutSeconds: number;
}

export function resolveTimings(o: IrcOptions): ResolvedTimings {
  return {
    backoff: { ...DEFAULT_BACKOFF, ...o.backoff },
    joinTimeoutMs: o.joinTimeoutMs ?? 15_000,
    regainNickMs: o.regainNickMs ?? 30_000,
    rejoinAfterKickMs: o.rejoinAfterKickMs ?? 5_000,
    pingIntervalSeconds: o.pingIntervalSeconds ?? 30,
    pingTimeoutSeconds: o.pingTimeoutSeconds ?? 120,
  };
}

/** irc-framework's connect() options for these settings. */
export function clientOptions(o: IrcOptions, t: ResolvedTimings, deps: IrcDeps = {}): ClientOptions {
  return {
    host: o.host,
    port: o.port,
    nick: o.nick,
    username: o.username ?? o.nick,
    gecos: o.realname ?? 'Gavel meeting bot',
    // irc-framework would answer every CTCP VERSION at once, outside the rate limit (a flood of
    // requests would get the bot killed): the adapter answers through its queue instead.
    version: '',
    tls: o.tls,
    rejectUnauthorized: !o.tlsInsecure,
    ...(o.sasl ? { account: { account: o.sasl.account, password: o.sasl.password } } : {}),
    sasl_disconnect_on_fail: false,
    // Reconnecting is ours: irc-framework gives up after 3 tries and never retries a drop within 5 s of registering.
    auto_reconnect: false,
    ping_interval: t.pingIntervalSeconds,
    ping_timeout: t.pingTimeoutSeconds,
    encoding: 'utf8',
    ...(deps.transport ? { transport: deps.transport } : {}),
  };
}
