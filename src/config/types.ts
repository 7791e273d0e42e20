// The validated configuration of a Gavel deployment (what config/gavel.example.yaml documents).
import type { OutputFormat } from '../core/config.js';
import type { IrcOptions } from '../irc/options.js';
import type { LogLevel } from '../log.js';

/**
 * The config's `irc` section: the adapter's connection settings (timings are not configurable) and
 * the network's name. The SASL password comes from GAVEL_SASL_PASSWORD when that is set.
 */
export type IrcConfig = Pick<IrcOptions, 'host' | 'port' | 'tls' | 'tlsInsecure' | 'nick' | 'username' | 'realname' | 'sasl' | 'channels' | 'rateLimit'> & {
  /** The network's name for `{network}` in file patterns (default: the host). */
  readonly network: string;
};

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
  /** Where the banners and the minutes' footer send people for information about the bot ("" for none). */
  readonly infoUrl: string;
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
