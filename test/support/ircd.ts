// Runs a real InspIRCd (and optionally Atheme for SASL and accounts) on free loopback ports, for end-to-end tests.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atheme, inspircdConf } from './ircdconf.js';

const INSPIRCD = '/usr/sbin/inspircd';
const ATHEME = '/usr/bin/atheme-services';
const MODULES = '/usr/lib/inspircd/modules';

export interface IrcdOptions {
  /** Link Atheme: NickServ REGISTER, SASL PLAIN, account tags. */
  readonly services?: boolean;
  /** Also listen with TLS (self-signed certificate) on `tlsPort`. */
  readonly tls?: boolean;
}

export interface Ircd {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly tlsPort: number | undefined;
  /** SIGKILL the IRC server (Atheme stays and relinks after restart()). */
  kill(): Promise<void>;
  /** Start the IRC server again on the same ports, with the same config. */
  restart(): Promise<void>;
  /** Stop everything and remove the temp folder. */
  stop(): Promise<void>;
  /** The server's and services' output so far, for failure messages. */
  output(): string;
}

/** Tells how to get the server when it is missing: the test then fails with this message. */
export function requireIrcd(services: boolean): void {
  const missing = [existsSync(INSPIRCD) && existsSync(MODULES) ? undefined : 'inspircd', services && !existsSync(ATHEME) ? 'atheme-services' : undefined].filter(
    (x): x is string => x !== undefined,
  );
  if (missing.length > 0) {
    throw new Error(`the end-to-end tests need a real IRC server: ${missing.join(' and ')} not found; install with: apt-get install -y inspircd atheme-services openssl`);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr !== null ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** True once something accepts TCP connections on the port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, output: () => string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error(`${what} within ${timeoutMs} ms; output:\n${output().slice(-3000)}`);
}

function makeCert(dir: string): void {
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=irc.test', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], {
      stdio: 'pipe',
    });
  } catch (cause) {
    throw new Error('could not make a test TLS certificate with openssl; install with: apt-get install -y openssl', { cause });
  }
}

export async function startIrcd(opts: IrcdOptions = {}): Promise<Ircd> {
  requireIrcd(opts.services ?? false);
  const dir = mkdtempSync(join(tmpdir(), 'gavel-ircd-'));
  let out = '';
  const output = (): string => out;
  const children = new Set<ChildProcess>();
  const alive = (p: ChildProcess): boolean => p.exitCode === null && p.signalCode === null;
  const exited = (p: ChildProcess): Promise<void> => new Promise((r) => (alive(p) ? p.once('exit', () => r()) : r()));
  // If the test process ends without stop() (a crash, a failed before()), the servers must not outlive it.
  const killAll = (): void => {
    for (const p of children) if (alive(p)) p.kill('SIGKILL');
  };
  process.once('exit', killAll);
  const start = (cmd: string, args: string[], cwd: string, tag: string): ChildProcess => {
    // cwd in the temp folder: anything a server writes (even a core dump) goes there and is removed.
    const p = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(p);
    p.stdout?.on('data', (d: Buffer) => (out += `[${tag}] ${d.toString()}`));
    p.stderr?.on('data', (d: Buffer) => (out += `[${tag}] ${d.toString()}`));
    p.once('exit', (code, signal) => (out += `[${tag}] exited (code ${code}, signal ${signal})\n`));
    return p;
  };
  const cleanUp = (): void => {
    killAll();
    process.off('exit', killAll);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const [port, linkPort, tlsPort] = [await freePort(), await freePort(), opts.tls ? await freePort() : undefined];
    if (opts.tls) makeCert(dir);
    writeFileSync(join(dir, 'inspircd.conf'), inspircdConf({ dir, port, linkPort, tlsPort, services: opts.services ?? false }));

    let ircd: ChildProcess | undefined;
    const launch = async (): Promise<void> => {
      const p = start(INSPIRCD, ['--config', join(dir, 'inspircd.conf'), '--nofork', '--nopid', '--runasroot'], dir, 'inspircd');
      ircd = p;
      await waitFor('InspIRCd did not listen', async () => {
        if (!alive(p)) throw new Error(`InspIRCd exited with code ${p.exitCode}:\n${out.slice(-3000)}`);
        return accepts(port);
      }, 15_000, output);
    };

    let synced = 0;
    const servicesSynced = async (after: number): Promise<void> => {
      if (opts.services) await waitFor('Atheme did not link to InspIRCd', () => synced > after, 20_000, output);
    };

    await launch();
    if (opts.services) {
      const adir = join(dir, 'atheme');
      mkdirSync(adir);
      writeFileSync(join(adir, 'atheme.conf'), atheme({ linkPort }));
      const p = start(ATHEME, ['-n', '-c', join(adir, 'atheme.conf'), '-D', adir, '-l', join(adir, 'atheme.log'), '-p', join(adir, 'atheme.pid')], adir, 'atheme');
      const count = (d: Buffer): number => (synced += (d.toString().match(/finished synching with uplink/g) ?? []).length);
      p.stdout?.on('data', count);
      p.stderr?.on('data', count);
      await servicesSynced(0);
    }

    return {
      host: '127.0.0.1',
      port,
      tlsPort,
      output,
      async kill() {
        if (!ircd) return;
        const p = ircd;
        p.kill('SIGKILL');
        await exited(p);
        ircd = undefined;
      },
      async restart() {
        const before = synced;
        // The old listening sockets may take a moment to be released.
        for (let i = 0; ; i++) {
          try {
            await launch();
            break;
          } catch (e) {
            if (i >= 5) throw e;
            await sleep(300);
          }
        }
        await servicesSynced(before);
      },
      async stop() {
        // SIGKILL: there is nothing to save, and InspIRCd 3.15 may crash on SIGTERM after a restart.
        killAll();
        await Promise.all([...children].map(exited));
        cleanUp();
      },
    };
  } catch (e) {
    cleanUp();
    throw e;
  }
}
