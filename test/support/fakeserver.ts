// A fake socket under the real irc-framework client: tests read what the bot wrote and feed it server lines.
import { EventEmitter } from 'node:events';
import { IrcConnection } from '../../src/irc/connection.js';
import type { IrcListener } from '../../src/irc/events.js';
import type { LogFields, Logger } from '../../src/log.js';
import type { IrcDeps, IrcOptions } from '../../src/irc/options.js';

/** The transport interface irc-framework's Connection drives (see irc-framework/src/transports/net.js). */
class FakeTransport extends EventEmitter {
  private open = false;

  constructor(private readonly server: FakeServer) {
    super();
  }

  connect(): void {
    this.server.transport = this;
    this.server.connects += 1;
    this.open = true;
    this.emit('open');
  }

  isConnected(): boolean {
    return this.open;
  }

  writeLine(line: string, cb?: () => void): void {
    if (this.open) this.server.written.push(line);
    if (cb) process.nextTick(cb);
  }

  setEncoding(): boolean {
    return true;
  }

  disposeSocket(): void {
    this.open = false;
  }

  close(): void {
    this.drop();
  }

  /** The socket closes (asynchronously, as a real one does). */
  drop(): void {
    if (!this.open) return;
    this.open = false;
    setImmediate(() => this.emit('close', false));
  }
}

export class FakeServer {
  /** Every line the client wrote, in order, across connections. */
  readonly written: string[] = [];
  transport: FakeTransport | undefined;
  connects = 0;
  /** The class to give irc-framework as `transport` (IrcDeps.transport). */
  readonly Transport: new (options: unknown) => unknown;

  constructor(readonly name = 'irc.test') {
    const server = this; // eslint-disable-line @typescript-eslint/no-this-alias -- the class below is constructed by irc-framework
    this.Transport = class extends FakeTransport {
      constructor() {
        super(server);
      }
    };
  }

  /** Lines from the server, as if read from the socket. */
  feed(...lines: string[]): void {
    for (const l of lines) this.transport?.emit('line', l);
  }

  /** 001 and 005 as a server sends them after registration. */
  welcome(nick: string, isupport = 'CASEMAPPING=rfc1459 CHANTYPES=#'): void {
    this.feed(`:${this.name} 001 ${nick} :Welcome`, `:${this.name} 005 ${nick} ${isupport} :are supported by this server`);
  }

  /** The lines written since `from` that start with `prefix`. */
  sent(prefix: string, from = 0): string[] {
    return this.written.slice(from).filter((l) => l.startsWith(prefix));
  }

  /** The socket drops. */
  drop(): void {
    this.transport?.drop();
  }
}

/** Waits until the event loop has run the pending immediates (socket closes, nextTick callbacks). */
export const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

/** An IrcConnection on a FakeServer, with short timings and no rate limit unless given. */
export function fakeConnection(server: FakeServer, o: Partial<IrcOptions> = {}, listener: IrcListener = {}, deps: IrcDeps = {}): IrcConnection {
  const options: IrcOptions = { host: 'irc.test', port: 6667, tls: false, tlsInsecure: false, nick: 'gavel', channels: [], rateLimit: null, ...o };
  return new IrcConnection(options, listener, { ...deps, transport: server.Transport });
}

export interface LogLine {
  readonly level: string;
  readonly msg: string;
  readonly fields: LogFields;
}

/** A Logger that keeps its lines (children included) for the test to read. */
export function memoryLog(): { lines: LogLine[]; logger: Logger } {
  const lines: LogLine[] = [];
  const make = (base: LogFields): Logger => {
    const at = (level: string) => (msg: string, fields: LogFields = {}): void => void lines.push({ level, msg, fields: { ...base, ...fields } });
    return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: (f) => make({ ...base, ...f }) };
  };
  return { lines, logger: make({}) };
}
