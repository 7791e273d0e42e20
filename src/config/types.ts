// The validated configuration of a Gavel deployment (what config/gavel.example.yaml documents).
import type { OutputFormat } from '../core/config.js';
import type { RateLimit } from '../irc/sendqueue.js';
import type { LogLevel } from '../log.js';

export interface IrcConfig {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  readonly tlsInsecure: boolean;
  readonly nick: string;
  readonly username?: string;
  readonly realname?: string;
  /** The password comes from GAVEL_SASL_PASSWORD when that is set. */
  readonly sasl?: { readonly account: string; readonly password: string };
  readonly channels: readonly string[];
  /** null when `rateLimit: false`. */
  readonly rateLimit: RateLimit | null;
  /** The network's name for `{network}` in file patterns (default: the host). */
  readonly network: string;
}

export interface OutputConfig {
  /** Absolute. */
  readonly dir: string;
  readonly urlPrefix: string;
  readonly timezone: string;
  /** Absolute; where the website is written, when there is one. */
  readonly site?: string;
}

export interface MeetingSettings {
  readonly admins: readonly string[];
  readonly meetingLengthMinutes: number;
  readonly idleMinutes: number;
  readonly wording: 'gavel' | 'meetbot';
  readonly filePattern: string;
  /** Which files a meeting writes. */
  readonly formats: readonly OutputFormat[];
}

/** What one channel may set differently. */
export type ChannelOverrides = Partial<Pick<OutputConfig, 'dir' | 'urlPrefix' | 'timezone'> & MeetingSettings>;

export interface GavelConfig {
  /** The config file, absolute. */
  readonly file: string;
  readonly irc: IrcConfig;
  /** `db` is absolute. */
  readonly storage: { readonly db: string };
  readonly output: OutputConfig;
  readonly meeting: MeetingSettings;
  /** Keyed by channel as written in irc.channels. */
  readonly channels: Readonly<Record<string, ChannelOverrides>>;
  readonly log: { readonly level: LogLevel };
}
