// The live bot's runtime with a fake IRC side: stored before acted on, files written or retried, resumed after a restart.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Bot } from '../src/bot/bot.js';
import { meetingConfig } from '../src/core/config.js';
import { Store } from '../src/store/store.js';
import { runCli, tempDir } from './support/cli.js';
import { CORPUS } from './support/paths.js';
import { FakeIrc, MemoryLogger } from './support/fakeirc.js';
import { T0 } from './support/meet.js';

const BASE = 'test/2024/test.2024-01-15-10.00';
const SEED = join(CORPUS, '2018', 'opencontainers.2018-03-07-22.00.log.txt');

function makeBot(dir: string, clock: { now: number }, outDir = join(dir, 'out')) {
  const store = Store.open(join(dir, 'bot.sqlite'));
  const log = new MemoryLogger();
  const bot = new Bot(store, {
    network: 'testnet',
    meetingConfig: (channel) => meetingConfig({ channel, botNick: 'gavel', urlPrefix: 'https://m.example.org', idleMinutes: 30 }),
    outputDir: () => outDir,
    clock: () => clock.now,
    logger: log,
    tickMs: 3_600_000,
    retryMs: 3_600_000,
  });
  const irc = new FakeIrc();
  bot.attach(irc);
  bot.start();
  return { store, bot, irc, log, outDir };
}

function say(bot: Bot, clock: { now: number }, nick: string, text: string, extra: { account?: string; action?: boolean } = {}): void {
  clock.now += 1000;
  bot.onLine({ channel: '#test', nick, text, time: clock.now, kind: extra.action === true ? 'action' : 'message', ...(extra.account ? { account: extra.account } : {}) });
}

test('a meeting through the bot: replies said, topic set and restored, files written with the bot lines in the log', () => {
  const dir = tempDir();
  const clock = { now: T0 };
  const { bot, irc, store } = makeBot(dir, clock);
  say(bot, clock, 'alice', '#startmeeting Weekly');
  say(bot, clock, 'alice', '#topic Releases');
  say(bot, clock, 'bob', 'dances', { action: true });
  say(bot, clock, 'alice', '#endmeeting');
  assert.ok(irc.said[0]?.startsWith('#test Meeting started Mon Jan 15 10:00:01 2024 UTC.  The chair is alice.'));
  assert.deepEqual(irc.topics, ['#test  (Meeting topic: Weekly)', '#test Releases (Meeting topic: Weekly)', '#test the old topic']);
  assert.equal(irc.said.at(-1), `#test Log:            https://m.example.org/${BASE}.log.html`);
  const log = readFileSync(join(dir, 'out', `${BASE}.log.txt`), 'utf8');
  assert.match(log, /^10:00:01 <alice> #startmeeting Weekly\n10:00:01 <gavel> Meeting started/);
  assert.match(log, /\n10:00:03 \* bob dances\n/);
  assert.equal(store.meetings()[0]?.files_written, 1);
  store.close();
});

test('files that cannot be written are reported in the channel, kept, and written by a later retry', () => {
  const dir = tempDir();
  const clock = { now: T0 };
  const blocked = join(dir, 'out');
  writeFileSync(blocked, 'a file where the output folder should be');
  const { bot, irc, store, log } = makeBot(dir, clock, blocked);
  say(bot, clock, 'alice', '#startmeeting Weekly');
  say(bot, clock, 'alice', '#endmeeting');
  assert.match(irc.said.at(-1) ?? '', /^#test I could not write the minutes \(cannot write .*ENOTDIR: not a directory.*\). The meeting is safe in my database; I will keep trying\.$/);
  assert.equal(store.meetings()[0]?.files_written, 0);
  assert.ok(log.lines.some((l) => l.level === 'error' && l.msg === 'cannot write meeting files'));
  rmSync(blocked);
  mkdirSync(blocked);
  bot.retryWrites();
  assert.equal(irc.said.at(-1), `#test The minutes are written now: https://m.example.org/${BASE}.html`);
  assert.ok(existsSync(join(blocked, `${BASE}.html`)));
  assert.equal(store.meetings()[0]?.files_written, 1);
  store.close();
});

test('after a restart the meeting resumes, is announced once on rejoin, and ends with every line', () => {
  const dir = tempDir();
  const clock = { now: T0 };
  const first = makeBot(dir, clock);
  say(first.bot, clock, 'alice', '#startmeeting Weekly');
  say(first.bot, clock, 'alice', '#chair bob');
  say(first.bot, clock, 'bob', '#info before the restart');
  first.bot.stop();
  first.store.close();

  const second = makeBot(dir, clock);
  second.bot.onJoined({ channel: '#other', nick: 'gavel', time: clock.now, self: true });
  second.bot.onJoined({ channel: '#test', nick: 'bob', time: clock.now, self: false });
  assert.deepEqual(second.irc.said, []);
  second.bot.onJoined({ channel: '#TEST', nick: 'gavel', time: clock.now, self: true });
  second.bot.onJoined({ channel: '#test', nick: 'gavel', time: clock.now, self: true });
  assert.deepEqual(second.irc.said, ['#TEST I was restarted; the meeting weekly goes on, with every line I had received.']);
  say(second.bot, clock, 'bob', '#info after the restart');
  say(second.bot, clock, 'bob', '#endmeeting');
  const minutes = readFileSync(join(dir, 'out', `${BASE}.txt`), 'utf8');
  assert.match(minutes, /before the restart/);
  assert.match(minutes, /after the restart/);
  // The notice is in the log, between the lines before and after, as the bot's own line.
  const log = readFileSync(join(dir, 'out', `${BASE}.log.txt`), 'utf8').split('\n');
  const at = log.findIndex((l) => / <gavel> I was restarted; the meeting weekly goes on/.test(l));
  assert.ok(at > log.findIndex((l) => l.includes('before the restart')) && at < log.findIndex((l) => l.includes('after the restart')), log.join('\n'));
  assert.equal(second.store.meetings().length, 1);
  second.store.close();
});

test('a chair who changes nick stays chair; an idle meeting ends on a tick with its files written', () => {
  const dir = tempDir();
  const clock = { now: T0 };
  const { bot, irc, store } = makeBot(dir, clock);
  say(bot, clock, 'alice', '#startmeeting Weekly');
  say(bot, clock, 'alice', '#chair bob');
  bot.onNick({ from: 'bob', to: 'bob_', time: clock.now, channels: ['#test'], self: false });
  say(bot, clock, 'bob_', '#agreed renamed chairs still count');
  clock.now += 29 * 60_000;
  bot.tick();
  assert.equal(store.meetings()[0]?.status, 'running');
  clock.now += 2 * 60_000;
  bot.tick();
  assert.equal(store.meetings()[0]?.status, 'ended');
  assert.equal(store.meetings()[0]?.end_reason, 'idle');
  const minutes = readFileSync(join(dir, 'out', `${BASE}.txt`), 'utf8');
  assert.match(minutes, /AGREED: renamed chairs still count {2}\(bob_, /);
  assert.match(minutes, /Ended automatically after 30 minutes without a line/);
  assert.ok(irc.said.some((l) => l.startsWith('#test Meeting ended')));
  store.close();
});

test('a line that cannot be stored is not acted on, and the bot says nothing', () => {
  const dir = tempDir();
  const clock = { now: T0 };
  const { bot, irc, store, log } = makeBot(dir, clock);
  store.close();
  say(bot, clock, 'alice', '#startmeeting Weekly');
  assert.deepEqual(irc.said, []);
  assert.ok(log.lines.some((l) => l.level === 'error' && l.msg === 'cannot store an event; it was not acted on'));
});

test('answers "gavel: search" in the channel and "search" in private, as notices to the asker only, from the channels they share with the bot, once per ten seconds', async () => {
  const dir = tempDir();
  const clock = { now: T0 };
  const { bot, irc, store } = makeBot(dir, clock);
  const r = await runCli(['import', SEED, '--db', join(dir, 'bot.sqlite'), '--url-prefix', 'https://m.example.org/']);
  assert.equal(r.code, 0, r.stderr);
  say(bot, clock, 'eve', 'gavel: search VM containers');
  assert.deepEqual(irc.notices, ['eve Search: nothing found for "VM containers".'], 'only meetings of channels the asker is in');
  irc.notices.length = 0;
  irc.joined.push('#opencontainers');
  irc.present.add('alice');
  say(bot, clock, 'alice', 'gavel: search VM containers');
  assert.deepEqual(irc.said, [], 'nothing said in the channel');
  assert.deepEqual(irc.notices, [
    'alice Search: the best 1 for "VM containers":',
    'alice 2018-03-07 #opencontainers TOPIC: VM containers (wking) https://m.example.org/opencontainers/2018/opencontainers.2018-03-07-22.00.log.html#l-35',
  ]);
  say(bot, clock, 'alice', 'gavel, search runc');
  assert.equal(irc.notices.length, 2, 'the same person again within ten seconds gets nothing');
  clock.now += 10_000;
  bot.onPrivate({ nick: 'alice', kind: 'message', text: 'search "unterminated', time: clock.now });
  assert.match(irc.notices.at(-1) ?? '', /^alice Search: cannot search for "\\"unterminated": unterminated string/);
  bot.onPrivate({ nick: 'bob', kind: 'message', text: 'hello', time: clock.now });
  assert.match(irc.notices.at(-1) ?? '', /^bob I run meetings in channels/);
  const count = irc.notices.length;
  bot.onPrivate({ nick: 'bob', kind: 'message', text: 'hello again', time: clock.now });
  assert.equal(irc.notices.length, count, 'the pointer once an hour per person');
  say(bot, clock, 'carol', 'gavelbot: search VM');
  assert.equal(irc.notices.filter((n) => n.startsWith('carol')).length, 0, 'only lines addressed to the bot’s own nick');
  store.close();
});
