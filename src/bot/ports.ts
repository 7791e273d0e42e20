// What the bot needs of the IRC connection and of logging: narrow ports, so tests can use fakes.

/** The part of the IRC adapter the bot uses (src/irc's IrcConnection provides it). */
export interface BotIrc {
  say(target: string, text: string): void;
  notice(target: string, text: string): void;
  setTopic(channel: string, text: string): void;
  isInChannel(channel: string, nick: string): boolean;
  /** The channel topic; undefined when not known. */
  topic(channel: string): string | undefined;
  /** The bot's nick now ('' while not registered). */
  readonly currentNick: string;
  /** The channels the bot is in now. */
  channels(): string[];
}

export interface BotLogger {
  debug(msg: string, fields?: Readonly<Record<string, unknown>>): void;
  info(msg: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(msg: string, fields?: Readonly<Record<string, unknown>>): void;
  error(msg: string, fields?: Readonly<Record<string, unknown>>): void;
}

/** The events the bot handles are the IRC adapter's own. */
export type {
  IrcJoin as JoinIn,
  IrcLine as LineIn,
  IrcNickChange as NickIn,
  IrcPrivate as PrivateIn,
  IrcTopicRefused as TopicRefusedIn,
} from '../irc/events.js';
