// The IRC adapter against a real InspIRCd with Atheme, with participants on raw sockets: join, talk, split, flood, restart.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { IrcConnection } from '../src/irc/connection.js';
import { probeIrc } from '../src/irc/probe.js';
import type { IrcOptions } from '../src/irc/options.js';
import { byteLength } from '../src/irc/split.js';
import { freePort, startIrcd, type Ircd } from './support/ircd.js';
import { RawClient, type IrcMessage } from './support/rawclient.js';
import { Recorder } from './support/recorder.js';

const FLOODERS = 10;
const FLOOD_LINES = 500;

let ircd: Ircd;
let bot: IrcConnection;
const rec = new Recorder();
const clients: RawClient[] = [];
const bots: IrcConnection[] = [];

/** A second bot for one test; quit in after() even if the test fails. */
const extraBot = (o: Partial<IrcOptions>, r: Recorder): IrcConnection => {
  const b = new IrcConnection(botOptions(o), r.listener);
  bots.push(b);
  b.connect();
  return b;
};
let alice: RawClient; // logged in (registered the account)
let ally: RawClient; // logged in to alice's account by SASL
let bob: RawClient; // not logged in
let carol: RawClient; // owns #locked
let flooders: RawClient[] = [];

const raw = async (nick: string, extra: Partial<Parameters<typeof RawClient.connect>[0]> = {}): Promise<RawClient> => {
  const c = await RawClient.connect({ host: ircd.host, port: ircd.port, nick, ...extra });
  clients.push(c);
  return c;
};

const botOptions = (o: Partial<IrcOptions> = {}): IrcOptions => ({
  host: ircd.host,
  port: ircd.tlsPort ?? 0,
  tls: true,
  tlsInsecure: true,
  nick: 'gavel',
  channels: ['#meet', '#locked'],
  sasl: { account: 'gavelbot', password: 'gavel-pw-1' },
  rateLimit: { burst: 10, linesPerSecond: 2000 },
  // Long enough for the participants to be back in the channel before the bot, after a restart.
  backoff: { minMs: 5000, maxMs: 5000 },
  joinTimeoutMs: 5000,
  rejoinAfterKickMs: 300,
  ...o,
});

const fromBot = (c: RawClient, from: number, target = '#meet'): string[] =>
  c.received.slice(from).filter((m) => m.command === 'PRIVMSG' && m.nick === 'gavel' && m.params[0] === target).map((m) => m.params[1] ?? '');

const isFlood = (m: IrcMessage): boolean => m.command === 'PRIVMSG' && m.nick.startsWith('flood');

describe('IRC adapter end to end (InspIRCd + Atheme)', () => {
  before(async () => {
    ircd = await startIrcd({ services: true, tls: true });
    const [reg, gavelAccount] = await Promise.all([raw('alice'), raw('gavelbot')]);
    await Promise.all([reg.registerAccount('alice-pw-1'), gavelAccount.registerAccount('gavel-pw-1')]);
    await gavelAccount.quit();
    alice = reg;
    [ally, bob, carol, ...flooders] = await Promise.all([
      raw('ally', { sasl: { account: 'alice', password: 'alice-pw-1' } }),
      raw('bob'),
      raw('carol'),
      ...Array.from({ length: FLOODERS }, (_, i) => raw(`flood${i}`)),
    ]);
    // carol creates #locked first, so she is its operator and the bot may not set its topic.
    await carol.join('#locked');
    bot = new IrcConnection(botOptions(), rec.listener, { random: () => 0.5 });
    bot.connect();
    await rec.waitFor('onJoined', (e) => e.self && e.channel === '#meet');
    await rec.waitFor('onJoined', (e) => e.self && e.channel === '#locked');
    for (const c of [alice, ally, bob, carol]) c.keep = (m) => !isFlood(m);
    for (const f of flooders) f.keep = (m) => m.command !== 'PRIVMSG';
    await Promise.all([alice, ally, bob, carol, ...flooders].map((c) => c.join('#meet')));
  });

  after(async () => {
    await Promise.all([bot, ...bots].map((b) => b?.quit('tests done', 2000)));
    await Promise.all(clients.map((c) => c.quit()));
    await ircd?.stop();
  });

  it('connects over TLS, logs in with SASL and joins every configured channel', async () => {
    const connected = await rec.waitFor('onConnected');
    assert.equal(connected.nick, 'gavel');
    assert.equal(connected.account, 'gavelbot');
    assert.deepEqual(bot.channels().sort(), ['#locked', '#meet']);
    assert.ok(bot.ready);
    assert.ok(bot.isInChannel('#locked', 'carol'));
    assert.equal(bot.topic('#locked'), '', 'no topic is known as the empty topic');
    await rec.waitFor('onJoined', (e) => e.channel === '#meet' && e.nick === 'ally' && !e.self);
    assert.ok(bot.isInChannel('#MEET', 'Ally'), 'members are matched ignoring case');
  });

  it('refuses a certificate it cannot verify unless tlsInsecure is set', async () => {
    const r = new Recorder();
    const strict = extraBot({ nick: 'strict', tlsInsecure: false, channels: [], sasl: undefined, backoff: { minMs: 60_000 } }, r);
    const dropped = await r.waitFor('onDisconnected');
    assert.match(dropped.error ?? '', /self[- ]signed|certificate/i);
    assert.equal(r.all('onConnected').length, 0);
    await strict.quit();
  });

  it('probes a connection for gavel check: registered and logged in, or why not', async () => {
    assert.deepEqual(await probeIrc(botOptions({ nick: 'probe' })), { ok: true, nick: 'probe', account: 'gavelbot' });
    const wrong = await probeIrc(botOptions({ nick: 'probe2', sasl: { account: 'gavelbot', password: 'wrong' } }));
    assert.deepEqual(wrong, { ok: false, nick: 'probe2', error: 'registered as probe2, but the SASL login as gavelbot failed' });
    const closed = await probeIrc(botOptions({ port: await freePort(), tls: false }));
    assert.equal(closed.ok, false);
    assert.match(closed.error ?? '', /ECONNREFUSED/);
  });

  it('takes another nick when its own is in use, and takes it back once freed', async () => {
    const keeper = await raw('dup');
    const r = new Recorder();
    // No channel in common with the keeper: the bot cannot see it leave, so it retries on a timer.
    const dup = extraBot({ nick: 'dup', channels: [], sasl: undefined, rateLimit: null, regainNickMs: 500 }, r);
    assert.equal((await r.waitFor('onConnected')).nick, 'dup_');
    await keeper.quit();
    const back = await r.waitFor('onNick', (e) => e.self);
    assert.deepEqual([back.from, back.to], ['dup_', 'dup']);
    assert.equal(dup.currentNick, 'dup');
    await dup.quit();
  });

  it("reports lines, /me actions, private messages and nick changes, with the sender's account", async () => {
    const from = rec.mark();
    const before = Date.now();
    ally.say('#meet', 'hello from ally');
    ally.action('#meet', 'waves');
    bob.say('#meet', 'hi from bob');
    bob.say('gavel', 'psst, bot');
    await ally.changeNick('ally_away');
    const hello = await rec.waitFor('onLine', (e) => e.text === 'hello from ally', { from });
    assert.deepEqual({ ...hello, time: 0 }, { channel: '#meet', nick: 'ally', account: 'alice', kind: 'message', text: 'hello from ally', time: 0 });
    assert.ok(hello.time >= before && hello.time <= Date.now());
    const wave = await rec.waitFor('onLine', (e) => e.kind === 'action', { from });
    assert.deepEqual([wave.nick, wave.account, wave.text], ['ally', 'alice', 'waves']);
    const fromBob = await rec.waitFor('onLine', (e) => e.nick === 'bob', { from });
    assert.equal(fromBob.account, undefined, 'bob is not logged in');
    const dm = await rec.waitFor('onPrivate', () => true, { from });
    assert.deepEqual([dm.nick, dm.text, dm.kind], ['bob', 'psst, bot', 'message']);
    const nick = await rec.waitFor('onNick', (e) => e.from === 'ally', { from });
    assert.deepEqual({ ...nick, time: 0 }, { from: 'ally', to: 'ally_away', account: 'alice', channels: ['#meet'], self: false, time: 0 });
    assert.ok(bot.isInChannel('#meet', 'ally_away') && !bot.isInChannel('#meet', 'ally'));
    const order = rec.all('onLine', from).filter((e) => e.nick === 'ally').map((e) => e.text);
    assert.deepEqual(order, ['hello from ally', 'waves'], 'one sender’s lines arrive in order, each once');
  });

  it('follows parts and joins', async () => {
    const from = rec.mark();
    bob.send('PART #meet :back soon');
    const part = await rec.waitFor('onParted', (e) => e.nick === 'bob', { from });
    assert.deepEqual([part.reason, part.message, part.self], ['part', 'back soon', false]);
    assert.ok(!bot.isInChannel('#meet', 'bob'));
    await bob.join('#meet');
    await rec.waitFor('onJoined', (e) => e.nick === 'bob', { from });
    assert.ok(bot.isInChannel('#meet', 'bob'));
  });

  it('sets a topic where it may, and reports a refused one and goes on', async () => {
    const from = rec.mark();
    const seen = alice.mark();
    bot.setTopic('#meet', 'Agenda: 1. budget');
    const topic = await rec.waitFor('onTopic', (e) => e.channel === '#meet', { from });
    assert.deepEqual([topic.topic, topic.nick], ['Agenda: 1. budget', 'gavel']);
    assert.equal(bot.topic('#meet'), 'Agenda: 1. budget');
    await alice.waitFor((m) => m.command === 'TOPIC' && m.params[1] === 'Agenda: 1. budget', { from: seen });

    const carolSeen = carol.mark();
    bot.setTopic('#locked', 'not allowed here');
    bot.say('#locked', 'the meeting goes on');
    const refused = await rec.waitFor('onTopicRefused', () => true, { from });
    assert.deepEqual([refused.channel, refused.topic], ['#locked', 'not allowed here']);
    await carol.waitFor((m) => m.command === 'PRIVMSG' && m.params[1] === 'the meeting goes on', { from: carolSeen });
    assert.equal(bot.topic('#locked'), '');
  });

  it('after a kick, holds its lines, joins again and then sends them', async () => {
    const from = rec.mark();
    const seen = carol.mark();
    carol.send('KICK #locked gavel :out you go');
    const kicked = await rec.waitFor('onParted', (e) => e.self, { from });
    assert.deepEqual([kicked.channel, kicked.reason, kicked.by, kicked.message], ['#locked', 'kick', 'carol', 'out you go']);
    assert.ok(!bot.channels().includes('#locked'));
    bot.say('#locked', 'after the kick');
    await carol.waitFor((m) => m.command === 'PRIVMSG' && m.params[1] === 'after the kick', { from: seen });
    const got = carol.received.slice(seen).map((m) => `${m.command} ${m.nick}`);
    assert.ok(got.indexOf('JOIN gavel') >= 0 && got.indexOf('JOIN gavel') < got.indexOf('PRIVMSG gavel'), got.join(', '));
    assert.ok(bot.ready && bot.channels().includes('#locked'));
  });

  it('reports a channel it may not join, and still sends its other lines', async () => {
    await carol.join('#closed');
    const modeSeen = carol.mark();
    carol.send('MODE #closed +i');
    await carol.waitFor((m) => m.command === 'MODE' && m.params[0] === '#closed', { from: modeSeen });
    const r = new Recorder();
    const closed = extraBot({ nick: 'closedbot', channels: ['#closed'], sasl: undefined, rateLimit: null }, r);
    const failed = await r.waitFor('onJoinFailed');
    assert.deepEqual([failed.channel, failed.reason], ['#closed', 'invite_only_channel']);
    assert.ok(closed.ready);
    const seen = carol.mark();
    closed.say('carol', 'hello carol');
    const dm = await carol.waitFor((m) => m.command === 'PRIVMSG' && m.nick === 'closedbot', { from: seen });
    assert.equal(dm.params[1], 'hello carol');
    await closed.quit();
  });

  it('delivers replies in order, and splits long ones on word and character boundaries within 512 bytes', async () => {
    const seen = alice.mark();
    const replies = Array.from({ length: 40 }, (_, i) => `reply ${i}`);
    for (const r of replies) bot.say('#meet', r);
    const words = Array.from({ length: 120 }, (_, i) => ['會議紀錄', 'Zoë', '😀🎉', 'ACTION-item', `w${i}`][i % 5]).join(' ');
    const word = '議'.repeat(600); // one 1,800-byte word: cut between characters
    bot.say('#meet', words);
    bot.say('#meet', word);
    bot.say('#meet', 'done');
    await alice.waitFor((m) => m.command === 'PRIVMSG' && m.params[1] === 'done', { from: seen });
    const got = fromBot(alice, seen);
    assert.deepEqual(got.slice(0, 40), replies);
    const rest = got.slice(40, -1);
    const lines = alice.received.slice(seen).filter((m) => m.nick === 'gavel' && m.command === 'PRIVMSG');
    for (const m of lines) assert.ok(byteLength(m.raw) + 2 <= 512, `relayed line of ${byteLength(m.raw) + 2} bytes`);
    const wordParts = rest.filter((l) => l.startsWith('議'));
    const wordsParts = rest.filter((l) => !l.startsWith('議'));
    assert.ok(wordsParts.length > 1 && wordParts.length > 1, 'both long replies were split');
    assert.equal(wordsParts.join(' '), words);
    assert.equal(wordParts.join(''), word);
    const longest = Math.max(...lines.map((m) => byteLength(m.raw) + 2));
    assert.ok(longest > 500, `lines are filled up to the limit (longest ${longest} bytes)`);
  });

  it(`receives a flood of ${FLOODERS * FLOOD_LINES} lines from ${FLOODERS} clients complete and in order, and still answers`, async () => {
    const from = rec.mark();
    for (const f of flooders) f.sendMany(Array.from({ length: FLOOD_LINES }, (_, i) => `PRIVMSG #meet :flood ${f.nick} ${i}`));
    const until = Date.now() + 60_000;
    const count = (): number => rec.all('onLine', from).filter((e) => e.text.startsWith('flood ')).length;
    while (count() < FLOODERS * FLOOD_LINES && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    const lines = rec.all('onLine', from).filter((e) => e.text.startsWith('flood '));
    assert.equal(lines.length, FLOODERS * FLOOD_LINES);
    for (const f of flooders) {
      const seq = lines.filter((e) => e.nick === f.nick).map((e) => Number(e.text.split(' ')[2]));
      assert.deepEqual(seq, Array.from({ length: FLOOD_LINES }, (_, i) => i), `${f.nick}'s lines in order`);
    }
    const seen = alice.mark();
    bot.say('#meet', 'still here');
    await alice.waitFor((m) => m.command === 'PRIVMSG' && m.nick === 'gavel' && m.params[1] === 'still here', { from: seen });
    await flooders[0]?.quit('flood over');
    const quit = await rec.waitFor('onParted', (e) => e.nick === 'flood0', { from });
    assert.deepEqual([quit.reason, quit.message], ['quit', 'Quit: flood over']);
  });

  it('reconnects after the server is killed, rejoins, and sends the replies queued while it was down', async () => {
    const from = rec.mark();
    await ircd.kill();
    await rec.waitFor('onDisconnected', (e) => e.reconnectInMs !== undefined, { from });
    assert.ok(!bot.ready);
    assert.deepEqual(bot.channels(), []);
    for (const n of [1, 2, 3]) bot.say('#meet', `queued while down ${n}`);
    await ircd.restart();
    const watcher = await raw('watcher');
    await watcher.join('#meet');
    const seen = watcher.mark();
    const back = await rec.waitFor('onConnected', () => true, { from, timeoutMs: 15_000 });
    assert.equal(back.account, 'gavelbot', 'SASL again on the new connection');
    await rec.waitFor('onJoined', (e) => e.self && e.channel === '#meet', { from });
    await watcher.waitFor((m) => m.command === 'PRIVMSG' && m.params[1] === 'queued while down 3', { from: seen });
    assert.deepEqual(fromBot(watcher, seen), ['queued while down 1', 'queued while down 2', 'queued while down 3']);
    watcher.say('#meet', 'welcome back');
    await rec.waitFor('onLine', (e) => e.nick === 'watcher' && e.text === 'welcome back', { from });

    // A drop within seconds of registering is retried too.
    const again = rec.mark();
    await ircd.kill();
    await rec.waitFor('onDisconnected', (e) => e.reconnectInMs !== undefined, { from: again });
    await ircd.restart();
    await rec.waitFor('onJoined', (e) => e.self && e.channel === '#meet', { from: again, timeoutMs: 15_000 });
    assert.ok(bot.ready);
  });

  it('on quit, sends everything queued, then quits', async () => {
    const watcher = await raw('watcher2');
    await watcher.join('#meet');
    const seen = watcher.mark();
    const replies = Array.from({ length: 25 }, (_, i) => `last words ${i}`);
    for (const r of replies) bot.say('#meet', r);
    await bot.quit('meeting bot stopping');
    const quit = await watcher.waitFor((m) => m.command === 'QUIT' && m.nick === 'gavel', { from: seen });
    assert.match(quit.params[0] ?? '', /meeting bot stopping/);
    assert.deepEqual(fromBot(watcher, seen), replies);
    assert.equal(bot.backlog, 0);
  });
});
