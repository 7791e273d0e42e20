// The live bot end to end: `gavel run` against a real InspIRCd with Atheme, participants on raw sockets.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { parseLogLine } from '../src/core/logformat.js';
import { runCli, tempDir } from './support/cli.js';
import { participantLines } from './support/crashchild.js';
import { startIrcd, type Ircd } from './support/ircd.js';
import { LiveBot, writeBotConfig } from './support/livebot.js';
import { CORPUS, requireShared } from './support/paths.js';
import { RawClient, type IrcMessage } from './support/rawclient.js';

const SEED = join(CORPUS, '2018', 'opencontainers.2018-03-07-22.00.log.txt');
const PREFIX = 'https://m.example.org/';
const CHANNELS = ['#opencontainers', '#restart', '#crash', '#acct', '#locked', '#flood', '#idle', '#series'];
const FLOODERS = 10;
const FLOOD_LINES = 500;

let ircd: Ircd;
let bot: LiveBot;
let dir = '';
const clients: RawClient[] = [];

async function until(what: string, test: () => boolean, timeoutMs = 20_000): Promise<void> {
  // Bounded: polls every 25 ms until the deadline.
  for (const deadline = Date.now() + timeoutMs; !test(); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the bot said:\n${bot.output()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const raw = async (nick: string, extra: Partial<Parameters<typeof RawClient.connect>[0]> = {}): Promise<RawClient> => {
  const c = await RawClient.connect({ host: ircd.host, port: ircd.port, nick, ...extra });
  clients.push(c);
  return c;
};

const joinedAll = (from: number): boolean => CHANNELS.every((ch) => bot.logs.slice(from).some((l) => l.msg === 'joined' && String(l.channel).toLowerCase() === ch));

const said = (m: IrcMessage, channel: string, text: RegExp): boolean =>
  m.command === 'PRIVMSG' && m.nick === 'gavel' && m.params[0]?.toLowerCase() === channel && text.test(m.params[1] ?? '');

/** Says a line and waits until the watcher has seen it: the lines of many clients then reach the bot in order. */
async function sayInOrder(watcher: RawClient, c: RawClient, channel: string, text: string, action = false): Promise<void> {
  const from = watcher.mark();
  if (action) c.action(channel, text);
  else c.say(channel, text);
  const body = action ? `\x01ACTION ${text}\x01` : text;
  await watcher.waitFor((m) => m.command === 'PRIVMSG' && m.nick === c.nick && m.params[1] === body, { from, what: `${c.nick}: ${text}` });
}

/** The files of the newest meeting of a channel under out/. */
function meetingFiles(channel: string): { log: string; txt: string; base: string } {
  const slug = channel.slice(1);
  const everything = readdirSync(join(dir, 'out'), { recursive: true, encoding: 'utf8' });
  const errors = bot.logs.filter((l) => l.level === 'error').map((l) => JSON.stringify(l));
  const all = everything.filter((f) => f.startsWith(`${slug}/`) && f.endsWith('.log.txt')).map((f) => f.slice(slug.length + 1)).sort();
  assert.ok(all.length > 0, `no files for ${channel} in ${everything.join(' ')}; errors: ${errors.join('\n')}`);
  const last = all[all.length - 1];
  assert.ok(last !== undefined, `no files for ${channel}`);
  const base = join(dir, 'out', slug, last.slice(0, -'.log.txt'.length));
  return { log: readFileSync(`${base}.log.txt`, 'utf8'), txt: readFileSync(`${base}.txt`, 'utf8'), base };
}

function logged(log: string): { nick: string; kind: string; text: string }[] {
  return log.split('\n').flatMap((l) => {
    const p = parseLogLine(l);
    return p.type === 'line' ? [{ nick: p.nick, kind: p.kind, text: p.text }] : [];
  });
}

/** Whether the bot's database holds a line with this text (read-only, beside the running bot). */
function stored(text: string): boolean {
  const db = new Database(join(dir, 'gavel.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM events WHERE text = ?').pluck().get(text) === 1;
  } finally {
    db.close();
  }
}

describe('gavel run against a real IRC server', () => {
  let watcher: RawClient;
  let alice: RawClient;
  let bob: RawClient;

  before(async () => {
    requireShared();
    ircd = await startIrcd({ services: true });
    dir = tempDir('gavel-live-');
    // Accounts under nicks nobody uses later, so that services never rename a participant.
    const [gavelAccount, ownerAccount] = await Promise.all([raw('gavelbot'), raw('owneracct')]);
    await Promise.all([gavelAccount.registerAccount('gavel-pw-1'), ownerAccount.registerAccount('owner-pw-1')]);
    await Promise.all([gavelAccount.quit(), ownerAccount.quit()]);
    // carol makes #locked first: she is its operator, so the bot may not set its topic.
    const carol = await raw('carol');
    await carol.join('#locked');
    const config = writeBotConfig(dir, {
      irc: { host: ircd.host, port: ircd.port, tls: false, nick: 'gavel', channels: CHANNELS, rateLimit: false, sasl: { account: 'gavelbot', password: 'gavel-pw-1' } },
      storage: { db: 'gavel.sqlite' },
      output: { dir: 'out', urlPrefix: PREFIX, timezone: 'UTC', site: 'site' },
      meeting: { wording: 'meetbot' },
      channels: {
        '#idle': { idleMinutes: 0.05 },
        '#series': { filePattern: '{channel}/{YYYY}/{channel}.{YYYY}-{MM}-{DD}-{HH}.{mm}.{ss}' },
      },
      log: { level: 'debug' },
    });
    bot = new LiveBot(config);
    bot.start();
    await until('the bot to join every channel', () => joinedAll(0));
    [watcher, alice, bob] = await Promise.all([raw('watcher'), raw('alice'), raw('bob')]);
    await Promise.all([watcher, alice, bob].flatMap((c) => CHANNELS.map((ch) => c.join(ch))));
  });

  after(async () => {
    await bot?.stop();
    await Promise.all(clients.map((c) => c.quit()));
    await ircd?.stop();
  });

  it('runs the OCI meeting of 2018-03-07 said by its participants: the log is their lines plus the replies, the minutes as replay makes them', async () => {
    const lines = participantLines(SEED);
    const nicks = [...new Set(lines.map((l) => l.nick))];
    const people = new Map((await Promise.all(nicks.map((n) => raw(n)))).map((c) => [c.nick, c]));
    await Promise.all([...people.values()].map((c) => c.join('#opencontainers')));
    const from = watcher.mark();
    for (const l of lines) await sayInOrder(watcher, people.get(l.nick) as RawClient, '#opencontainers', l.text, l.kind === 'action');
    await watcher.waitFor((m) => said(m, '#opencontainers', /^Log: /), { from, what: 'the end of the meeting' });
    const files = meetingFiles('#opencontainers');
    const got = logged(files.log);
    assert.deepEqual(got.filter((l) => l.nick !== 'gavel'), lines.map((l) => ({ nick: l.nick, kind: l.kind, text: l.text })));
    assert.ok(got.some((l) => l.nick === 'gavel' && l.text.startsWith('Meeting started')), 'the replies are in the log');
    const out = tempDir();
    const replay = await runCli(['replay', `${files.base}.log.txt`, '--out', out, '--url-prefix', PREFIX, '--wording', 'meetbot']);
    assert.equal(replay.code, 0, replay.stderr);
    const replayed = replay.stdout.split('\n').find((p) => p.endsWith('.txt') && !p.endsWith('.log.txt'));
    assert.ok(replayed !== undefined);
    assert.equal(readFileSync(replayed, 'utf8'), files.txt);
    for (const c of people.values()) await c.quit();
  });

  it('gavel check validates the config and tries the connection; a bad config names the key', async () => {
    const ok = await runCli(['check', '--config', bot.configFile]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /the configuration is valid\n/);
    assert.match(ok.stdout, /connected and registered as gavel_*, logged in as gavelbot\n/);
    const bad = writeBotConfig(tempDir(), { irc: { host: ircd.host, port: 'abc', nick: 'gavel', channels: ['#x'] } });
    const r = await runCli(['check', '--config', bad]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /irc\.port: expected an integer 1-65535, got "abc"/);
    // CTCP VERSION is answered through the bot's queue, once a minute per asker.
    const from = watcher.mark();
    watcher.say('gavel', '\x01VERSION\x01');
    watcher.say('gavel', '\x01VERSION\x01');
    const v = await watcher.waitFor((m) => m.command === 'NOTICE' && m.nick === 'gavel' && /VERSION Gavel /.test(m.params[1] ?? ''), { from, what: 'the VERSION reply' });
    assert.match(v.params[1] ?? '', /^\x01VERSION Gavel \d+\.\d+\.\d+\x01$/);
  });

  it('logs in with SASL, and knows a logged-in owner by the account across nick changes', async () => {
    const whois = watcher.mark();
    watcher.send('WHOIS gavel');
    const acct = await watcher.waitFor((m) => m.command === '330', { from: whois, what: 'RPL_WHOISACCOUNT' });
    assert.equal(acct.params[2], 'gavelbot');
    const ally = await raw('ally', { sasl: { account: 'owneracct', password: 'owner-pw-1' } });
    await ally.join('#acct');
    const from = watcher.mark();
    await sayInOrder(watcher, ally, '#acct', '#startmeeting accounts');
    await ally.quit();
    // Someone else takes the owner's nick: without the account, not a chair.
    await bob.changeNick('ally');
    await sayInOrder(watcher, bob, '#acct', '#topic by an impostor');
    const back = await raw('alicia', { sasl: { account: 'owneracct', password: 'owner-pw-1' } });
    await back.join('#acct');
    await sayInOrder(watcher, back, '#acct', '#topic by the owner under another nick');
    await sayInOrder(watcher, back, '#acct', '#endmeeting');
    await watcher.waitFor((m) => said(m, '#acct', /^Log: /), { from, what: 'the end of #acct' });
    await bob.changeNick('bob');
    const { txt } = meetingFiles('#acct');
    assert.match(txt, /\* by the owner under another nick {2}\(alicia, /);
    assert.doesNotMatch(txt, /impostor {2}\(/);
  });

  it('goes on when the channel topic is refused', async () => {
    const from = watcher.mark();
    await sayInOrder(watcher, alice, '#locked', '#startmeeting locked');
    await sayInOrder(watcher, alice, '#locked', '#topic cannot be set here');
    await sayInOrder(watcher, alice, '#locked', '#info still recorded');
    await sayInOrder(watcher, alice, '#locked', '#endmeeting');
    await watcher.waitFor((m) => said(m, '#locked', /^Log: /), { from, what: 'the end of #locked' });
    await until('the refused topic in the log', () => bot.logs.some((l) => l.msg === 'topic refused' && String(l.channel) === '#locked'));
    assert.match(meetingFiles('#locked').txt, /still recorded/);
  });

  it('stores a flood of 5,000 lines from 10 clients, every one in order, and still answers', async () => {
    const flooders = await Promise.all(Array.from({ length: FLOODERS }, (_, i) => raw(`flood${i}`)));
    for (const f of flooders) f.keep = (m) => m.command !== 'PRIVMSG';
    await Promise.all(flooders.map((f) => f.join('#flood')));
    const from = watcher.mark();
    await sayInOrder(watcher, alice, '#flood', '#startmeeting flood');
    const seen = new Map<string, number>();
    watcher.keep = (m) => !(m.command === 'PRIVMSG' && m.nick.startsWith('flood'));
    const counted = watcher.waitFor(
      (m) => {
        if (m.command === 'PRIVMSG' && m.nick.startsWith('flood')) seen.set(m.nick, (seen.get(m.nick) ?? 0) + 1);
        return [...seen.values()].reduce((a, b) => a + b, 0) === FLOODERS * FLOOD_LINES;
      },
      { from, timeoutMs: 60_000, what: 'every flood line' },
    );
    for (const f of flooders) f.sendMany(Array.from({ length: FLOOD_LINES }, (_, i) => `PRIVMSG #flood :${f.nick} line ${i}`));
    await counted;
    watcher.keep = () => true;
    await sayInOrder(watcher, alice, '#flood', '#endmeeting');
    await watcher.waitFor((m) => said(m, '#flood', /^Log: /), { from, what: 'the end of #flood' });
    const got = logged(meetingFiles('#flood').log);
    for (const f of flooders) {
      const mine = got.filter((l) => l.nick === f.nick).map((l) => l.text);
      assert.deepEqual(mine, Array.from({ length: FLOOD_LINES }, (_, i) => `${f.nick} line ${i}`), `${f.nick}: all, in order`);
    }
    for (const f of flooders) await f.quit();
  });

  it('ends an idle meeting by itself, with its files and a note', async () => {
    const from = watcher.mark();
    await sayInOrder(watcher, alice, '#idle', '#startmeeting idle');
    await sayInOrder(watcher, alice, '#idle', 'and then nobody says anything');
    await watcher.waitFor((m) => said(m, '#idle', /^Meeting ended/), { from, timeoutMs: 20_000, what: 'the idle end' });
    await watcher.waitFor((m) => said(m, '#idle', /^Log: /), { from, what: 'the links' });
    assert.match(meetingFiles('#idle').txt, /Ended automatically after 0\.05 minutes without a line/);
  });

  it('carries action items over a series of three meetings; #actions and the open-actions page agree', async () => {
    const meet = async (lines: string[]): Promise<string[]> => {
      const from = watcher.mark();
      for (const l of lines) await sayInOrder(watcher, alice, '#series', l);
      await watcher.waitFor((m) => said(m, '#series', /^Log: /), { from, what: 'the end of a #series meeting' });
      return watcher.messagesFrom('gavel', '#series').slice(-200);
    };
    // A second apart: the files of the three meetings are named to the second.
    const pause = (): Promise<void> => new Promise((r) => setTimeout(r, 1100));
    await meet(['#startmeeting weekly', '#action bob writes the docs', '#action carol tests it', '#action dave ships it', '#endmeeting']);
    await pause();
    const m2 = watcher.mark();
    await meet(['#startmeeting weekly', '#done A2 tested', '#endmeeting']);
    const second = watcher.received.slice(m2).filter((m) => said(m, '#series', /./)).map((m) => m.params[1]);
    assert.ok(second.includes('A1 bob writes the docs [' + new Date().toISOString().slice(0, 10) + ']'), second.join('\n'));
    assert.ok(second.includes('A2 is done: carol tests it (tested)'));
    await pause();
    const m3 = watcher.mark();
    await meet(['#startmeeting weekly', '#actions', '#endmeeting']);
    const third = watcher.received.slice(m3).filter((m) => said(m, '#series', /^A\d/)).map((m) => (m.params[1] ?? '').split(' ')[0]);
    assert.deepEqual(third, ['A1', 'A3', 'A1', 'A3'], 'listed at the start, then by #actions');
    const page = join(dir, 'site', 'series', 'series', 'weekly', 'actions.html');
    await until('the site to show the open actions', () => {
      try {
        const html = readFileSync(page, 'utf8');
        return html.includes('dave ships it') && !html.includes('carol tests it');
      } catch {
        return false;
      }
    });
    assert.match(readFileSync(page, 'utf8'), /bob writes the docs/);
  });

  it('goes on through an IRC server restart: reconnects, rejoins, and keeps every line', async () => {
    const from = watcher.mark();
    await sayInOrder(watcher, alice, '#restart', '#startmeeting restart');
    await sayInOrder(watcher, alice, '#restart', '#info before the restart');
    // The server is killed once it has delivered the line to the bot too.
    await until('the line to be stored', () => stored('#info before the restart'));
    const logMark = bot.logs.length;
    await ircd.kill();
    await ircd.restart();
    const [w2, a2] = await Promise.all([raw('watcher2'), raw('alice')]);
    await Promise.all([w2.join('#restart'), a2.join('#restart')]);
    await until('the bot to rejoin', () => bot.logs.slice(logMark).some((l) => l.msg === 'joined' && l.channel === '#restart'));
    await sayInOrder(w2, a2, '#restart', '#info after the restart');
    await sayInOrder(w2, a2, '#restart', '#endmeeting');
    await w2.waitFor((m) => said(m, '#restart', /^Log: /), { what: 'the end of #restart' });
    const { txt } = meetingFiles('#restart');
    assert.match(txt, /before the restart/);
    assert.match(txt, /after the restart/);
    assert.ok(from >= 0);
    watcher = w2;
    alice = a2;
  });

  it('resumes a meeting after being killed with SIGKILL, says so once, and ends it with every line it had', async () => {
    await Promise.all([alice.join('#crash'), watcher.join('#crash')]);
    await sayInOrder(watcher, alice, '#crash', '#startmeeting crash');
    await sayInOrder(watcher, alice, '#crash', '#info before the kill');
    // Killed once the line is stored: what the bot had received must survive.
    await until('the line to be stored', () => stored('#info before the kill'));
    await bot.kill();
    const logMark = bot.logs.length;
    bot.start();
    const from = watcher.mark();
    await watcher.waitFor((m) => said(m, '#crash', /^I was restarted; the meeting crash goes on/), { from, timeoutMs: 30_000, what: 'the resume notice' });
    assert.ok(bot.logs.slice(logMark).some((l) => l.msg === 'resumed meeting'));
    await sayInOrder(watcher, alice, '#crash', '#info after the restart');
    await sayInOrder(watcher, alice, '#crash', '#endmeeting');
    await watcher.waitFor((m) => said(m, '#crash', /^Log: /), { from, what: 'the end of #crash' });
    const { txt } = meetingFiles('#crash');
    assert.match(txt, /before the kill/);
    assert.match(txt, /after the restart/);
    const db = new Database(join(dir, 'gavel.sqlite'), { readonly: true });
    assert.equal(db.prepare("SELECT count(*) FROM meetings WHERE channel = '#crash'").pluck().get(), 1);
    db.close();
  });

  it('stops cleanly on SIGTERM in the middle of a meeting, and a later start resumes it', async () => {
    const from = watcher.mark();
    await sayInOrder(watcher, alice, '#crash', '#startmeeting second');
    await sayInOrder(watcher, alice, '#crash', '#info before the stop');
    await until('the line to be stored', () => stored('#info before the stop'));
    const logMark = bot.logs.length;
    assert.equal(await bot.stop(), 0, 'SIGTERM stops cleanly');
    assert.ok(bot.logs.slice(logMark).some((l) => l.msg === 'stopped'), 'the database was closed');
    bot.start();
    await watcher.waitFor((m) => said(m, '#crash', /^I was restarted; the meeting second goes on/), { from, timeoutMs: 30_000, what: 'the resume notice' });
    await sayInOrder(watcher, alice, '#crash', '#info after the start');
    await sayInOrder(watcher, alice, '#crash', '#endmeeting');
    await watcher.waitFor((m) => said(m, '#crash', /^Log: /), { from, what: 'the end of the second #crash meeting' });
    const { txt } = meetingFiles('#crash');
    assert.match(txt, /before the stop/);
    assert.match(txt, /after the start/);
  });
});
