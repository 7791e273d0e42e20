// `npm run bench`, live part: lines per second from a real IRC server into the database, arrival-to-commit latency, memory.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bot } from '../../src/bot/bot.js';
import { meetingConfig } from '../../src/core/config.js';
import { IrcConnection } from '../../src/irc/connection.js';
import { Store } from '../../src/store/store.js';
import { MemoryLogger } from '../support/fakeirc.js';
import { startIrcd, type Ircd } from '../support/ircd.js';
import { LiveBot, writeBotConfig } from '../support/livebot.js';
import { RawClient } from '../support/rawclient.js';

// InspIRCd processes about 300 lines a second from any one client here, so the load comes from many.
const SENDERS = 30;
const LINES_EACH = 1_000;
const CHANNELS = 50;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
}

async function until(test: () => boolean, timeoutMs: number, what: string): Promise<void> {
  // Bounded: polls every 10 ms until the deadline.
  for (const deadline = Date.now() + timeoutMs; !test(); ) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The bot in this process: the adapter's onLine is timed to the return of the stored step. */
async function ingest(ircd: Ircd, dir: string): Promise<void> {
  const store = Store.open(join(dir, 'ingest.sqlite'));
  const bot = new Bot(store, {
    network: 'bench',
    meetingConfig: (channel) => meetingConfig({ channel, botNick: 'gavel', live: true, idleMinutes: 0, meetingLengthMinutes: 10_000 }),
    outputDir: () => join(dir, 'out'),
    clock: Date.now,
    logger: new MemoryLogger(),
  });
  const latencies: number[] = [];
  let stored = 0;
  const listener = {
    onLine: (e: Parameters<Bot['onLine']>[0]): void => {
      const t0 = process.hrtime.bigint();
      bot.onLine(e);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      stored++;
    },
    onJoined: (e: Parameters<Bot['onJoined']>[0]): void => bot.onJoined(e),
  };
  const irc = new IrcConnection({ host: ircd.host, port: ircd.port, tls: false, tlsInsecure: false, nick: 'gavel', channels: ['#bench'], rateLimit: null }, listener);
  bot.attach(irc);
  bot.start();
  irc.connect();
  const senders = await Promise.all(Array.from({ length: SENDERS }, (_, i) => RawClient.connect({ host: ircd.host, port: ircd.port, nick: `sender${i}` })));
  for (const s of senders) s.keep = () => false;
  await Promise.all(senders.map((s) => s.join('#bench')));
  await until(() => irc.isInChannel('#bench', `sender${SENDERS - 1}`), 10_000, 'the bot to see the senders');
  senders[0]?.say('#bench', '#startmeeting bench');
  await until(() => stored >= 1, 10_000, 'the meeting to start');
  latencies.length = 0;
  stored = 0;
  const total = SENDERS * LINES_EACH;
  const t0 = performance.now();
  for (const s of senders) s.sendMany(Array.from({ length: LINES_EACH }, (_, i) => `PRIVMSG #bench :${s.nick} says line ${i} of the benchmark`));
  await until(() => stored >= total, 120_000, 'every line stored');
  const secs = (performance.now() - t0) / 1000;
  const inDb = store.db.prepare('SELECT count(*) FROM events WHERE type = 0').pluck().get() as number;
  console.log(`Live ingest: ${total.toLocaleString('en')} lines from ${SENDERS} clients through InspIRCd into SQLite (${inDb.toLocaleString('en')} stored)`);
  console.log(`  ${Math.round(total / secs).toLocaleString('en')} lines/s sustained (goal: above 5,000)`);
  const busy = latencies.reduce((a, b) => a + b, 0) / latencies.length;
  console.log(`  the bot's own work per line (store, step, act): mean ${busy.toFixed(3)} ms, so at most ${Math.round(1000 / busy).toLocaleString('en')} lines/s from this bot`);
  console.log(
    `  arrival to commit: median ${percentile(latencies, 0.5).toFixed(3)} ms, p99 ${percentile(latencies, 0.99).toFixed(3)} ms, max ${Math.max(...latencies).toFixed(2)} ms (goal: p99 under 5 ms)`,
  );
  await Promise.all(senders.map((s) => s.quit()));
  bot.stop();
  await irc.quit('bench done', 2000);
  store.close();
}

/** The same flood to a raw client instead of the bot: how fast the server delivers at all. */
async function serverAlone(ircd: Ircd): Promise<void> {
  const senders = await Promise.all(Array.from({ length: SENDERS }, (_, i) => RawClient.connect({ host: ircd.host, port: ircd.port, nick: `alone${i}` })));
  const rx = await RawClient.connect({ host: ircd.host, port: ircd.port, nick: 'receiver' });
  for (const c of [...senders, rx]) c.keep = () => false;
  await Promise.all([...senders, rx].map((c) => c.join('#alone')));
  let got = 0;
  const total = SENDERS * LINES_EACH;
  const t0 = performance.now();
  const done = rx.waitFor((m) => m.command === 'PRIVMSG' && ++got === total, { timeoutMs: 120_000, what: 'every line' });
  for (const s of senders) s.sendMany(Array.from({ length: LINES_EACH }, (_, i) => `PRIVMSG #alone :${s.nick} says line ${i} of the benchmark`));
  await done;
  console.log(`  for comparison, the server alone delivers the same flood to a plain client at ${Math.round(total / ((performance.now() - t0) / 1000)).toLocaleString('en')} lines/s`);
  await Promise.all([...senders, rx].map((c) => c.quit()));
}

/** `gavel run` as users run it, in 50 channels: its resident memory. */
async function memory(ircd: Ircd, dir: string): Promise<void> {
  const channels = Array.from({ length: CHANNELS }, (_, i) => `#chan${i}`);
  const config = writeBotConfig(dir, {
    irc: { host: ircd.host, port: ircd.port, tls: false, nick: 'gavelmem', channels, rateLimit: false },
    storage: { db: 'mem.sqlite' },
    output: { dir: 'out' },
  });
  const bot = new LiveBot(config);
  bot.start();
  await until(() => bot.logs.filter((l) => l.msg === 'joined').length >= CHANNELS, 60_000, `the bot to join ${CHANNELS} channels`);
  await new Promise((r) => setTimeout(r, 1000));
  const status = readFileSync(`/proc/${bot.pid}/status`, 'utf8');
  const kb = (key: string): number => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  console.log(`  gavel run in ${CHANNELS} channels: resident ${(kb('VmRSS') / 1024).toFixed(1)} MB, peak ${(kb('VmHWM') / 1024).toFixed(1)} MB (goal: under 100 MB)`);
  await bot.stop();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gavel-bench-live-'));
  const ircd = await startIrcd();
  try {
    await ingest(ircd, dir);
    await serverAlone(ircd);
    await memory(ircd, dir);
  } finally {
    await ircd.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
