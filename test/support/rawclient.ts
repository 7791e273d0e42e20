// A participant on raw node:net sockets (not irc-framework): registers, joins, talks, and records what it receives.
import { connect, type Socket } from 'node:net';

export interface IrcMessage {
  readonly raw: string;
  readonly tags: Readonly<Record<string, string>>;
  /** The nick (or server name) of the prefix, '' when none. */
  readonly nick: string;
  readonly command: string;
  readonly params: readonly string[];
}

function unescapeTag(v: string): string {
  return v.replace(/\\(.)/g, (_m, c: string) => ({ ':': ';', s: ' ', r: '\r', n: '\n' })[c] ?? c);
}

export function parseLine(raw: string): IrcMessage {
  let rest = raw;
  const tags: Record<string, string> = {};
  if (rest.startsWith('@')) {
    const sp = rest.indexOf(' ');
    for (const t of rest.slice(1, sp).split(';')) {
      const eq = t.indexOf('=');
      if (eq < 0) tags[t] = '';
      else tags[t.slice(0, eq)] = unescapeTag(t.slice(eq + 1));
    }
    rest = rest.slice(sp + 1);
  }
  let nick = '';
  if (rest.startsWith(':')) {
    const sp = rest.indexOf(' ');
    nick = rest.slice(1, sp).split('!')[0] ?? '';
    rest = rest.slice(sp + 1);
  }
  const trailingAt = rest.indexOf(' :');
  const head = trailingAt >= 0 ? rest.slice(0, trailingAt) : rest;
  const params = head.split(' ').filter((p) => p !== '');
  const command = (params.shift() ?? '').toUpperCase();
  if (trailingAt >= 0) params.push(rest.slice(trailingAt + 2));
  return { raw, tags, nick, command, params };
}

export interface RawClientOptions {
  readonly host: string;
  readonly port: number;
  readonly nick: string;
  /** SASL PLAIN login during registration. */
  readonly sasl?: { readonly account: string; readonly password: string };
  /** IRCv3 capabilities to ask for (those the server offers are enabled). */
  readonly caps?: readonly string[];
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT = 10_000;

export class RawClient {
  /** Everything received, in order. */
  readonly received: IrcMessage[] = [];
  nick: string;
  /** Which received messages to keep (waiters see them all); a flood sender keeps little, to save memory. */
  keep: (m: IrcMessage) => boolean = () => true;
  private buffer = '';
  private waiters: { from: number; pred: (m: IrcMessage) => boolean; resolve: (m: IrcMessage) => void }[] = [];
  private closed = false;
  private closeWaiters: (() => void)[] = [];

  private constructor(
    private readonly socket: Socket,
    nick: string,
  ) {
    this.nick = nick;
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => this.onData(d));
    socket.on('close', () => {
      this.closed = true;
      for (const w of this.closeWaiters) w();
    });
    socket.on('error', () => undefined);
  }

  /** Connects and registers (resolves after RPL_WELCOME). Start many at once: each takes about a second. */
  static async connect(o: RawClientOptions): Promise<RawClient> {
    const socket = connect({ host: o.host, port: o.port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', (e) => reject(new Error(`raw client ${o.nick}: cannot connect to ${o.host}:${o.port}`, { cause: e })));
    });
    const c = new RawClient(socket, o.nick);
    const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT;
    const caps = [...(o.caps ?? []), ...(o.sasl ? ['sasl'] : [])];
    if (caps.length > 0) c.send('CAP LS 302');
    c.send(`NICK ${o.nick}`);
    c.send(`USER ${o.nick.slice(0, 9)} 0 * :Test participant ${o.nick}`);
    if (caps.length > 0) {
      const ls = await c.waitFor((m) => m.command === 'CAP' && m.params[1] === 'LS', { timeoutMs, what: 'CAP LS' });
      const offered = new Set((ls.params[ls.params.length - 1] ?? '').split(' ').map((s) => s.split('=')[0]));
      const want = caps.filter((x) => offered.has(x));
      if (o.sasl && !want.includes('sasl')) throw new Error(`raw client ${o.nick}: the server does not offer SASL (are services linked?)`);
      if (want.length > 0) {
        c.send(`CAP REQ :${want.join(' ')}`);
        await c.waitFor((m) => m.command === 'CAP' && (m.params[1] === 'ACK' || m.params[1] === 'NAK'), { timeoutMs, what: 'CAP ACK' });
      }
      if (o.sasl) {
        c.send('AUTHENTICATE PLAIN');
        await c.waitFor((m) => m.command === 'AUTHENTICATE', { timeoutMs, what: 'AUTHENTICATE +' });
        c.send(`AUTHENTICATE ${Buffer.from(`${o.sasl.account}\0${o.sasl.account}\0${o.sasl.password}`).toString('base64')}`);
        const r = await c.waitFor((m) => ['903', '904', '905', '906'].includes(m.command), { timeoutMs, what: 'SASL result' });
        if (r.command !== '903') throw new Error(`raw client ${o.nick}: SASL login as ${o.sasl.account} failed: ${r.raw}`);
      }
      c.send('CAP END');
    }
    const welcome = await c.waitFor((m) => m.command === '001' || m.command === '433' || m.command === 'ERROR', { timeoutMs, what: 'registration' });
    if (welcome.command !== '001') throw new Error(`raw client ${o.nick}: registration failed: ${welcome.raw}`);
    c.nick = welcome.params[0] ?? o.nick;
    return c;
  }

  send(line: string): void {
    if (!this.closed) this.socket.write(line + '\r\n');
  }

  /** Many lines in one write, as fast as the socket takes them. */
  sendMany(lines: readonly string[]): void {
    if (!this.closed && lines.length > 0) this.socket.write(lines.join('\r\n') + '\r\n');
  }

  say(target: string, text: string): void {
    this.send(`PRIVMSG ${target} :${text}`);
  }

  action(target: string, text: string): void {
    this.send(`PRIVMSG ${target} :\x01ACTION ${text}\x01`);
  }

  /** Joins and waits for the end of the member list. */
  async join(channel: string): Promise<void> {
    const from = this.received.length;
    this.send(`JOIN ${channel}`);
    await this.waitFor((m) => m.command === '366' && m.params[1]?.toLowerCase() === channel.toLowerCase(), { from, what: `JOIN ${channel}` });
  }

  /** Changes nick and waits for the server to confirm it. */
  async changeNick(to: string): Promise<void> {
    const from = this.received.length;
    this.send(`NICK ${to}`);
    await this.waitFor((m) => m.command === 'NICK' && m.nick === this.nick, { from, what: `NICK ${to}` });
    this.nick = to;
  }

  /** Registers the current nick with NickServ (needs services). */
  async registerAccount(password: string): Promise<void> {
    const from = this.received.length;
    this.say('NickServ', `REGISTER ${password} ${this.nick.toLowerCase()}@example.org`);
    const r = await this.waitFor((m) => m.command === 'NOTICE' && m.nick === 'NickServ', { from, what: 'NickServ REGISTER' });
    if (!/registered/i.test(r.params[1] ?? '')) throw new Error(`NickServ refused to register ${this.nick}: ${r.raw}`);
  }

  /** The position in `received` now: pass as `from` to wait only for what comes after. */
  mark(): number {
    return this.received.length;
  }

  /** The first message from `from` on that matches; fails after `timeoutMs` naming `what`. */
  waitFor(pred: (m: IrcMessage) => boolean, o: { from?: number; timeoutMs?: number; what?: string } = {}): Promise<IrcMessage> {
    const from = o.from ?? 0;
    for (let i = from; i < this.received.length; i++) {
      const m = this.received[i];
      if (m && pred(m)) return Promise.resolve(m);
    }
    const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT;
    return new Promise((resolve, reject) => {
      const w = { from, pred, resolve: (m: IrcMessage) => (clearTimeout(t), resolve(m)) };
      const t = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        const tail = this.received.slice(-5).map((m) => m.raw).join('\n  ');
        reject(new Error(`raw client ${this.nick}: no ${o.what ?? 'matching line'} within ${timeoutMs} ms; last lines:\n  ${tail}`));
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  /** PRIVMSGs received in `channel` (or to us) from `nick`, as text. */
  messagesFrom(nick: string, target?: string): string[] {
    return this.received
      .filter((m) => m.command === 'PRIVMSG' && m.nick === nick && (target === undefined || m.params[0]?.toLowerCase() === target.toLowerCase()))
      .map((m) => m.params[1] ?? '');
  }

  async quit(message = 'bye'): Promise<void> {
    if (this.closed) return;
    const done = new Promise<void>((r) => this.closeWaiters.push(r));
    this.send(`QUIT :${message}`);
    this.socket.end();
    await Promise.race([done, new Promise((r) => setTimeout(r, 2000))]);
    this.socket.destroy();
  }

  /** Waits until the server has dropped us (e.g. it was killed). */
  async closedByServer(timeoutMs = DEFAULT_TIMEOUT): Promise<void> {
    if (this.closed) return;
    await Promise.race([
      new Promise<void>((r) => this.closeWaiters.push(r)),
      new Promise<void>((_r, reject) => setTimeout(() => reject(new Error(`raw client ${this.nick}: still connected after ${timeoutMs} ms`)), timeoutMs)),
    ]);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private onData(d: string): void {
    this.buffer += d;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const raw = this.buffer.slice(0, nl).replace(/\r$/, '');
      this.buffer = this.buffer.slice(nl + 1);
      if (raw === '') continue;
      const m = parseLine(raw);
      if (m.command === 'PING') this.send(`PONG :${m.params[m.params.length - 1] ?? ''}`);
      const idx = this.received.length;
      if (this.keep(m)) this.received.push(m);
      for (const w of [...this.waiters]) {
        if (idx >= w.from && w.pred(m)) {
          this.waiters = this.waiters.filter((x) => x !== w);
          w.resolve(m);
        }
      }
    }
  }
}
