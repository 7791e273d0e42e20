// The events the IRC adapter reports, normalised, and the one listener interface that receives them.
import type { Logger } from '../log.js';

/** A line said in a channel: a PRIVMSG, or a CTCP ACTION (`/me`). */
export interface IrcLine {
  readonly channel: string;
  readonly nick: string;
  /** The sender's services account, from the IRCv3 account-tag, when they are logged in. */
  readonly account?: string;
  readonly kind: 'message' | 'action';
  readonly text: string;
  /** From the adapter's clock when the line arrived (milliseconds since the epoch). */
  readonly time: number;
}

/** A message or action sent to the bot itself. */
export interface IrcPrivate {
  readonly nick: string;
  readonly account?: string;
  readonly kind: 'message' | 'action';
  readonly text: string;
  readonly time: number;
}

export interface IrcNickChange {
  readonly from: string;
  readonly to: string;
  readonly account?: string;
  readonly time: number;
  /** The channels of ours the person is in. */
  readonly channels: readonly string[];
  /** The bot's own nick changed. */
  readonly self: boolean;
}

export interface IrcTopic {
  readonly channel: string;
  readonly topic: string;
  /** Who changed it; undefined for the topic the server reports when we join. */
  readonly nick?: string;
  readonly time: number;
}

export interface IrcTopicRefused {
  readonly channel: string;
  /** The topic we tried to set, when known. */
  readonly topic: string | undefined;
  readonly reason: string;
  readonly time: number;
}

export interface IrcJoin {
  readonly channel: string;
  readonly nick: string;
  readonly account?: string;
  readonly time: number;
  /** The bot joined (after every registration, for each configured channel). */
  readonly self: boolean;
}

export interface IrcPart {
  readonly channel: string;
  readonly nick: string;
  readonly time: number;
  readonly self: boolean;
  readonly reason: 'part' | 'kick' | 'quit';
  /** The part, kick or quit message. */
  readonly message: string;
  /** Who kicked, for a kick. */
  readonly by?: string;
}

export interface IrcJoinFailed {
  readonly channel: string;
  /** irc-framework's error name, e.g. `banned_from_channel`, `invite_only_channel`, or `timeout`. */
  readonly reason: string;
  readonly time: number;
}

export interface IrcConnected {
  /** The nick we got (the configured one, or a fallback such as `gavel_` when it was taken). */
  readonly nick: string;
  /** The account SASL logged us in as. */
  readonly account?: string;
  readonly time: number;
}

export interface IrcDisconnected {
  readonly time: number;
  /** The socket error, if the connection failed or broke with one. */
  readonly error?: string;
  /** When the next attempt is; undefined after quit(). */
  readonly reconnectInMs?: number;
}

/**
 * Everything the adapter reports, to one listener. Every method is optional; they are called
 * synchronously, in the order the server sent things, and an exception thrown by one is logged and
 * does not stop the adapter.
 */
export interface IrcListener {
  onLine?(e: IrcLine): void;
  onPrivate?(e: IrcPrivate): void;
  onNick?(e: IrcNickChange): void;
  /** The topic we learnt at join, and every change (our own included). */
  onTopic?(e: IrcTopic): void;
  /** The server refused our TOPIC (ERR_CHANOPRIVSNEEDED): report it and go on. */
  onTopicRefused?(e: IrcTopicRefused): void;
  onJoined?(e: IrcJoin): void;
  onParted?(e: IrcPart): void;
  onJoinFailed?(e: IrcJoinFailed): void;
  /** Registered with the server (before the channels are joined). */
  onConnected?(e: IrcConnected): void;
  onDisconnected?(e: IrcDisconnected): void;
}

/** Each listener method's event type, by method name. */
export type IrcEvents = { [K in keyof IrcListener]-?: Parameters<NonNullable<IrcListener[K]>>[0] };

/** Calls the listener's method for `name`, if it has one; what it throws is logged, never passed on to irc-framework. */
export function emitTo<K extends keyof IrcEvents>(listener: IrcListener, log: Logger, name: K, event: IrcEvents[K]): void {
  const fn = listener[name] as ((e: IrcEvents[K]) => void) | undefined;
  if (fn === undefined) return;
  try {
    fn.call(listener, event);
  } catch (cause) {
    log.error('listener failed', { event: name, error: cause });
  }
}
