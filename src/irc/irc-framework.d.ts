// Types for the parts of irc-framework 4.14 that src/irc uses, written from its source (src/client.js, commands/handlers/*).
declare module 'irc-framework' {
  /** Options read by Client.connect() and the net transport (client.js _applyDefaultOptions, transports/net.js). */
  export interface ClientOptions {
    host: string;
    port: number;
    nick: string;
    username?: string;
    /** The realname sent with USER. */
    gecos?: string;
    encoding?: string;
    /** Sent in reply to CTCP VERSION. */
    version?: string;
    tls?: boolean;
    /** Passed to tls.connect: false accepts any certificate. */
    rejectUnauthorized?: boolean;
    /** SASL PLAIN credentials: `sasl` is requested when this is set. */
    account?: { account: string; password: string };
    sasl_disconnect_on_fail?: boolean;
    auto_reconnect?: boolean;
    /** Seconds between the client's own PINGs after registration (0 = none). */
    ping_interval?: number;
    /** Seconds without any data from the server before the socket is dropped (0 = never). */
    ping_timeout?: number;
    message_max_length?: number;
    enable_echomessage?: boolean;
    /** The socket class (transports/net.js by default); tests give a fake one. */
    transport?: new (options: unknown) => unknown;
  }

  export type Tags = Record<string, string | true | undefined>;

  /** privmsg, action and notice events (commands/handlers/messaging.js). */
  export interface MessageEvent {
    from_server: boolean;
    nick: string;
    ident: string;
    hostname: string;
    /** Channel or nick, without a STATUSMSG prefix (that is in `group`). */
    target: string;
    group?: string;
    message: string;
    tags: Tags;
    /** From the server-time tag, when there is one. */
    time?: number;
    /** From the IRCv3 account-tag, when the sender is logged in. */
    account?: string;
  }

  export interface NickEvent {
    nick: string;
    ident: string;
    hostname: string;
    new_nick: string;
    time?: number;
    tags: Tags;
  }

  export interface JoinEvent {
    nick: string;
    ident: string;
    hostname: string;
    channel: string;
    /** Only with extended-join: the account, or false when not logged in. */
    account?: string | false;
    gecos: string;
    time?: number;
    tags: Tags;
  }

  export interface PartEvent {
    nick: string;
    ident: string;
    hostname: string;
    channel: string;
    message: string;
    time?: number;
    tags: Tags;
  }

  export interface KickEvent {
    kicked: string;
    /** Who kicked. */
    nick: string;
    channel: string;
    message: string;
    time?: number;
    tags: Tags;
  }

  export interface QuitEvent {
    nick: string;
    ident: string;
    hostname: string;
    message: string;
    time?: number;
    tags: Tags;
  }

  /** TOPIC (with nick) and RPL_TOPIC/RPL_NOTOPIC at join (without). */
  export interface TopicEvent {
    channel: string;
    topic: string;
    nick?: string;
    time?: number;
    tags: Tags;
  }

  /** RPL_NAMEREPLY lines collected until RPL_ENDOFNAMES. */
  export interface UserlistEvent {
    channel: string;
    users: { nick: string; ident: string; hostname: string; modes: string[] }[];
  }

  export interface RegisteredEvent {
    nick: string;
    tags: Tags;
  }

  /** The generic numeric errors (commands/handlers/generics.js), e.g. error 'chanop_privs_needed'. */
  export interface IrcErrorEvent {
    error: string;
    channel?: string;
    nick?: string;
    reason?: string;
  }

  export interface NickInUseEvent {
    nick: string;
    reason: string;
  }

  /** RPL_HOSTHIDDEN (396): the host the server now shows for us (a cloak or vhost). */
  export interface DisplayedHostEvent {
    nick: string;
    /** `host`, or `user@host` on some servers. */
    hostname: string;
  }

  export interface PongEvent {
    message?: string;
    time?: number;
  }

  export interface SaslFailedEvent {
    reason: string;
    message?: string;
  }

  export interface LoggedInEvent {
    nick: string;
    account: string;
  }

  export interface RawEvent {
    line: string;
    from_server: boolean;
  }

  export interface NetworkInfo {
    /** ISUPPORT tokens, e.g. CASEMAPPING, NICKLEN, USERLEN, HOSTLEN, CHANTYPES (an array). */
    options: Record<string, unknown>;
    cap: { enabled: string[]; isEnabled(name: string): boolean };
  }

  export interface CtcpRequestEvent {
    nick: string;
    /** The CTCP command, upper case (VERSION, PING, …). */
    type: string | null;
    message: string;
  }

  /** Parses one raw IRC line (tests feed lines through it). */
  export function ircLineParser(line: string): unknown;

  /** irc-framework's raw middleware: sees each parsed line before its handlers; no `next()` drops it. */
  export interface RawMiddleware {
    use(fn: (command: string, message: { params: string[] }, rawLine: string, client: Client, next: (err?: Error) => void) => void): void;
  }

  export class Client {
    constructor(options?: Partial<ClientOptions>);
    use(fn: (client: Client, raw: RawMiddleware, parsed: unknown) => void): this;
    readonly user: { nick: string; username: string; host: string };
    readonly network: NetworkInfo;
    readonly connected: boolean;
    readonly connection: {
      /** Writes one line (without CRLF); the callback runs once the socket has taken it. */
      write(line: string, callback?: () => void): boolean;
      /** Closes the socket; `had_error` true keeps the close from counting as requested. */
      end(data?: string, had_error?: boolean): void;
    };
    connect(options?: ClientOptions): void;
    /** Adds capabilities to request on top of the built-in list (which already has account-tag, server-time). */
    requestCap(cap: string | string[]): void;
    /** Sends one raw line as given. */
    raw(line: string): void;
    join(channel: string, key?: string): void;
    changeNick(nick: string): void;
    quit(message?: string): void;
    caseCompare(a: string, b: string): boolean;

    on(event: 'registered', fn: (e: RegisteredEvent) => void): this;
    on(event: 'privmsg' | 'action' | 'notice', fn: (e: MessageEvent) => void): this;
    on(event: 'ctcp request', fn: (e: CtcpRequestEvent) => void): this;
    on(event: 'nick', fn: (e: NickEvent) => void): this;
    on(event: 'join', fn: (e: JoinEvent) => void): this;
    on(event: 'part', fn: (e: PartEvent) => void): this;
    on(event: 'kick', fn: (e: KickEvent) => void): this;
    on(event: 'quit', fn: (e: QuitEvent) => void): this;
    on(event: 'topic', fn: (e: TopicEvent) => void): this;
    on(event: 'userlist', fn: (e: UserlistEvent) => void): this;
    on(event: 'irc error', fn: (e: IrcErrorEvent) => void): this;
    on(event: 'nick in use' | 'nick invalid', fn: (e: NickInUseEvent) => void): this;
    on(event: 'pong', fn: (e: PongEvent) => void): this;
    on(event: 'displayed host', fn: (e: DisplayedHostEvent) => void): this;
    on(event: 'sasl failed', fn: (e: SaslFailedEvent) => void): this;
    on(event: 'loggedin', fn: (e: LoggedInEvent) => void): this;
    on(event: 'raw', fn: (e: RawEvent) => void): this;
    on(event: 'debug', fn: (message: string) => void): this;
    /** The socket is up (after the TLS handshake); registration starts now. */
    on(event: 'socket connected', fn: () => void): this;
    /** The socket closed, for any reason; `error` is the socket error if there was one. */
    on(event: 'socket close', fn: (error?: Error | false) => void): this;
    removeAllListeners(): this;
  }
}
