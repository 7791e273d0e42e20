// Turns irc-framework's events into the adapter's normalised events, keeping the channel book current.
import type { Client, CtcpRequestEvent, DisplayedHostEvent, IrcErrorEvent, JoinEvent, KickEvent, MessageEvent, NickEvent, PartEvent, QuitEvent, TopicEvent, UserlistEvent } from 'irc-framework';
import type { Logger } from '../log.js';
import type { ChannelBook } from './channels.js';
import type { IrcEvents as Events } from './events.js';

/** What the handlers need from the connection that owns them. */
export interface InboundHost {
  readonly book: ChannelBook;
  clock(): number;
  emit<K extends keyof Events>(name: K, event: Events[K]): void;
  /** Our nick right now ('' before registration). */
  ownNick(): string;
  setOwnNick(nick: string): void;
  isChannel(target: string): boolean;
  /** The configured spelling of a channel, or the server's for one not configured. */
  channelName(name: string): string;
  same(a: string, b: string): boolean;
  selfJoined(channel: string, user: string, host: string): void;
  /** The server shows us with a new host now (and user, when it says). */
  selfHost(host: string, user: string | undefined): void;
  selfLeft(channel: string, reason: 'part' | 'kick'): void;
  joinFailed(channel: string, reason: string): void;
  topicRefused(channel: string, reason: string): void;
  /** Someone left the configured nick: a moment to take it back. */
  nickFreed(nick: string): void;
  pong(token: string | undefined): void;
  /** Someone asked for our version (CTCP VERSION). */
  ctcpVersion(nick: string): void;
  readonly logger: Logger;
}

const JOIN_ERRORS = new Set(['banned_from_channel', 'invite_only_channel', 'channel_is_full', 'bad_channel_key', 'too_many_channels']);

/** irc-framework gives `account` from the account-tag; a `*` or empty one means not logged in. */
function accountOf(e: { account?: string | false }): { account?: string } {
  return typeof e.account === 'string' && e.account !== '' && e.account !== '*' ? { account: e.account } : {};
}

/**
 * A CTCP ACTION (`/me`) as common clients read it: the command in any case (irc-framework already
 * upper-cases it when the closing \x01 is there), and the closing \x01 optional, since some clients
 * cut long actions without it (modern.ircdocs.horse/ctcp: parsers SHOULD accept a missing one).
 * An empty action is an action with no text.
 */
const ACTION = /^\x01ACTION(?: (.*?))?\x01?$/is;

function onMessage(h: InboundHost, e: MessageEvent, kind: 'message' | 'action'): void {
  if (e.from_server || !e.nick) return;
  let text = e.message;
  if (kind === 'action') {
    // irc-framework cuts "\x01ACTION\x01" to "\x01" (it assumes a space after ACTION).
    if (text === '\x01') text = '';
  } else if (text.startsWith('\x01')) {
    const action = ACTION.exec(text);
    if (action === null) return; // another CTCP request: not part of the conversation
    kind = 'action';
    text = action[1] ?? '';
  }
  const time = h.clock();
  if (h.isChannel(e.target)) {
    h.emit('onLine', { channel: h.channelName(e.target), nick: e.nick, ...accountOf(e), kind, text, time });
  } else if (h.same(e.target, h.ownNick())) {
    h.emit('onPrivate', { nick: e.nick, ...accountOf(e), kind, text, time });
  }
}

/** A handler that a malformed message cannot turn into a crash: the error is logged, the message dropped. */
function guarded<E>(h: InboundHost, event: string, fn: (e: E) => void): (e: E) => void {
  return (e) => {
    try {
      fn(e);
    } catch (err) {
      h.logger.warn('ignored a malformed message from the server', { event, err: err as Error });
    }
  };
}

/** What the raw middleware does before irc-framework sees a line; false drops the line. */
function screen(client: Client, h: InboundHost, command: string, params: readonly string[], rawLine: string): boolean {
  // irc-framework throws on a PRIVMSG or NOTICE without its text: such lines never reach it.
  if ((command === 'PRIVMSG' || command === 'NOTICE') && params.length < 2) {
    h.logger.warn('ignored a malformed message from the server', { line: rawLine.slice(0, 200) });
    return false;
  }
  if (command === 'PING') {
    // The token is the last parameter (`PING :tok`, or `:srv PING srv :tok`). irc-framework would
    // answer `PONG tok`, without the colon, so a token with a space, or starting with ':', would
    // come back cut or changed; we answer, and its handler does not run (no second PONG; its
    // ping-timeout timer is reset by every other line, and by the PONGs to its own PINGs).
    const token = params.at(-1);
    if (token === undefined) h.logger.warn('ignored a PING without a token', { line: rawLine.slice(0, 200) });
    else client.raw(`PONG :${token}`);
    return false;
  }
  // The token is the last parameter here too: InspIRCd and most servers send `:srv PONG srv :tok`,
  // some just `PONG :tok` (irc-framework's pong event reads params[1], missing the latter).
  if (command === 'PONG') h.pong(params.at(-1));
  return true;
}

export function attachInbound(client: Client, h: InboundHost): void {
  client.use((_client, raw) =>
    raw.use((command, message, rawLine, _c, next) => {
      if (!screen(client, h, command, message.params, rawLine)) return;
      // irc-framework's own handlers throw on some malformed lines (a 301 or CAP without parameters…);
      // uncaught here, the middleware runner would print the stack to stdout, in the middle of the log.
      try {
        next();
      } catch (err) {
        h.logger.warn('ignored a malformed message from the server', { command, line: rawLine.slice(0, 200), err: err as Error });
      }
    }),
  );
  client.on('ctcp request', guarded(h, 'ctcp request', (e: CtcpRequestEvent) => {
    if (e.type === 'VERSION' && typeof e.nick === 'string' && e.nick !== '') h.ctcpVersion(e.nick);
  }));
  client.on('privmsg', guarded(h, 'privmsg', (e: MessageEvent) => onMessage(h, e, 'message')));
  client.on('action', guarded(h, 'action', (e: MessageEvent) => onMessage(h, e, 'action')));

  client.on('nick', guarded(h, 'nick', (e: NickEvent) => {
    // Kept as our own nick below, an undefined one would throw later, outside any handler.
    if (typeof e.new_nick !== 'string' || e.new_nick === '') throw new Error('NICK without the new nick');
    const self = h.same(e.nick, h.ownNick());
    if (self) h.setOwnNick(e.new_nick);
    const channels = h.book.rename(e.nick, e.new_nick).map((c) => h.channelName(c));
    const account = typeof e.tags.account === 'string' ? { account: e.tags.account } : {};
    h.emit('onNick', { from: e.nick, to: e.new_nick, ...account, time: h.clock(), channels, self });
    if (!self) h.nickFreed(e.nick);
  }));

  client.on('join', guarded(h, 'join', (e: JoinEvent) => {
    const channel = h.channelName(e.channel);
    const self = h.same(e.nick, h.ownNick());
    if (self) {
      h.book.joined(channel);
      h.selfJoined(channel, e.ident, e.hostname);
    }
    h.book.addMember(channel, e.nick);
    h.emit('onJoined', { channel, nick: e.nick, ...accountOf(e), time: h.clock(), self });
  }));

  client.on('part', guarded(h, 'part', (e: PartEvent) => {
    const channel = h.channelName(e.channel);
    const self = h.same(e.nick, h.ownNick());
    if (self) h.book.left(channel);
    else h.book.removeMember(channel, e.nick);
    h.emit('onParted', { channel, nick: e.nick, time: h.clock(), self, reason: 'part', message: e.message });
    if (self) h.selfLeft(channel, 'part');
  }));

  client.on('kick', guarded(h, 'kick', (e: KickEvent) => {
    const channel = h.channelName(e.channel);
    const self = h.same(e.kicked, h.ownNick());
    if (self) h.book.left(channel);
    else h.book.removeMember(channel, e.kicked);
    h.emit('onParted', { channel, nick: e.kicked, time: h.clock(), self, reason: 'kick', message: e.message, by: e.nick });
    if (self) h.selfLeft(channel, 'kick');
  }));

  client.on('quit', guarded(h, 'quit', (e: QuitEvent) => {
    const time = h.clock();
    for (const c of h.book.removeEverywhere(e.nick)) {
      h.emit('onParted', { channel: h.channelName(c), nick: e.nick, time, self: false, reason: 'quit', message: e.message });
    }
    h.nickFreed(e.nick);
  }));

  client.on('topic', guarded(h, 'topic', (e: TopicEvent) => {
    const channel = h.channelName(e.channel);
    h.book.setTopic(channel, e.topic);
    h.emit('onTopic', { channel, topic: e.topic, ...(e.nick ? { nick: e.nick } : {}), time: h.clock() });
  }));

  client.on('userlist', guarded(h, 'userlist', (e: UserlistEvent) => {
    const channel = h.channelName(e.channel);
    h.book.setMembers(channel, e.users.map((u) => u.nick));
    // The server sends the topic (332) before the names; none by now means the channel has none.
    if (h.book.has(channel) && h.book.topic(channel) === undefined) h.book.setTopic(channel, '');
  }));

  client.on('displayed host', guarded(h, 'displayed host', (e: DisplayedHostEvent) => {
    // A cloak or vhost set after we joined makes our relayed lines longer: they are cut for it from now on.
    if (typeof e.hostname !== 'string' || e.hostname === '' || !h.same(e.nick, h.ownNick())) return;
    const at = e.hostname.lastIndexOf('@');
    h.selfHost(e.hostname.slice(at + 1), at > 0 ? e.hostname.slice(0, at) : undefined);
  }));

  client.on('irc error', guarded(h, 'irc error', (e: IrcErrorEvent) => {
    if (e.error === 'chanop_privs_needed' && e.channel) h.topicRefused(h.channelName(e.channel), e.reason ?? '');
    else if (JOIN_ERRORS.has(e.error) && e.channel) h.joinFailed(h.channelName(e.channel), e.error);
    else if (e.error === 'irc') h.logger.info('server closed the link', { reason: e.reason });
    else h.logger.warn('server refused a command', { error: e.error, channel: e.channel, reason: e.reason });
  }));
}
