// The connection on a fake socket: case rules in joins, PING/PONG tokens, forced parts, resends, host changes, rate, broken servers.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import IRC from 'irc-framework';
import type { IrcConnection } from '../src/irc/connection.js';
import type { IrcJoinFailed, IrcListener } from '../src/irc/events.js';
import type { IrcOptions } from '../src/irc/options.js';
import { byteLength } from '../src/irc/split.js';
import { FakeServer, fakeConnection, settle } from './support/fakeserver.js';

const open: IrcConnection[] = [];
/** A connection that is quit after the test, passed or failed (its timers would keep the test process alive). */
const connection = (server: FakeServer, o: Partial<IrcOptions> = {}, listener: IrcListener = {}): IrcConnection => {
  const c = fakeConnection(server, o, listener);
  open.push(c);
  return c;
};
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.quit('bye', 50)));
  await settle();
});

/** Polls `test` every 5 ms, at most `ms` long. */
async function until(test: () => boolean, ms = 2000): Promise<void> {
  for (const deadline = Date.now() + ms; !test(); ) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const params = (line: string): string[] => (IRC.ircLineParser(line) as { params: string[] }).params;

/** Connected, registered as `nick` with `isupport`, and every configured channel joined. */
function joined(server: FakeServer, conn: IrcConnection, channels: readonly string[], isupport?: string, nick = 'gavel', host = 'h'): void {
  conn.connect();
  server.welcome(nick, isupport);
  for (const c of channels) server.feed(`:${nick}!g@${host} JOIN ${c}`);
}

describe('joins by the server case mapping', () => {
  it('matches the JOIN echo by the CASEMAPPING the server announced after registration (ascii: []\\~ are not letters)', async () => {
    const server = new FakeServer();
    const failed: IrcJoinFailed[] = [];
    const conn = connection(server, { channels: ['#Team[1]\\~'], joinTimeoutMs: 100 }, { onJoinFailed: (e) => void failed.push(e) });
    joined(server, conn, ['#team[1]\\~'], 'CASEMAPPING=ascii CHANTYPES=#');
    assert.ok(conn.ready, 'the join is settled');
    conn.say('#Team[1]\\~', 'hello');
    assert.deepEqual(server.sent('PRIVMSG'), ['PRIVMSG #Team[1]\\~ :hello']);
    await new Promise((r) => setTimeout(r, 150));
    assert.deepEqual(failed, [], 'no false join timeout');
  });

  it('folds rfc1459 brackets when the server says so', async () => {
    const server = new FakeServer();
    const conn = connection(server, { channels: ['#Team[1]'] });
    joined(server, conn, ['#team{1}'], 'CASEMAPPING=rfc1459 CHANTYPES=#');
    assert.ok(conn.ready);
    assert.deepEqual(conn.channels(), ['#Team[1]'], 'reported with the configured spelling');
  });
});

describe('PING and PONG', () => {
  it('answers a server PING with its last parameter as the token, whole', async () => {
    const server = new FakeServer();
    const conn = connection(server);
    joined(server, conn, []);
    const tokens = ['irc.test', 'LAG 1714000000', ':colon-first', '1234567890'];
    server.feed('PING :irc.test', ':irc.test PING irc.test :LAG 1714000000', 'PING ::colon-first', 'PING 1234567890');
    const pongs = server.sent('PONG');
    assert.equal(pongs.length, 4, pongs.join(' | '));
    assert.deepEqual(pongs.map((l) => params(l).at(-1)), tokens);
  });

  it("confirms queued lines from the PONG's last parameter: InspIRCd's form and the one-parameter form", async () => {
    const server = new FakeServer();
    const conn = connection(server);
    joined(server, conn, []);
    for (const [i, pong] of [':irc.test PONG irc.test :%s', 'PONG :%s', ':irc.test PONG irc.test %s'].entries()) {
      conn.say('#meet', `line ${i}`);
      await until(() => server.sent('PING').length === i + 1);
      const token = params(server.sent('PING')[i] ?? '').at(-1) ?? '';
      assert.match(token, /^gavel-ack-\d+$/);
      assert.equal(conn.backlog, 1);
      server.feed(pong.replace('%s', token));
      assert.equal(conn.backlog, 0, `confirmed by ${pong}`);
    }
  });

  it('ignores a PONG whose token it never sent', async () => {
    const server = new FakeServer();
    const conn = connection(server);
    joined(server, conn, []);
    conn.say('#meet', 'line');
    server.feed(':irc.test PONG irc.test :gavel-ack-99', ':irc.test PONG irc.test :gavel-ack-1e3', ':irc.test PONG irc.test :gavel-ack-');
    assert.equal(conn.backlog, 1);
  });
});

describe('a broken server', () => {
  it('keeps a nick when a 001 or a NICK of ours comes without one (timers compare it later)', async () => {
    const server = new FakeServer();
    const conn = connection(server, { regainNickMs: 5 });
    conn.connect();
    server.feed(':irc.test 001', ':irc.test 005 gavel CASEMAPPING=rfc1459 :are supported');
    assert.equal(conn.currentNick, 'gavel');
    server.feed(':GAVEL!g@h NICK');
    assert.equal(conn.currentNick, 'gavel');
    await new Promise((r) => setTimeout(r, 30)); // the regain timer runs a few times
    assert.deepEqual(server.sent('NICK', 3), [], 'on its nick: nothing to regain');
  });
});

describe('leaving a configured channel', () => {
  it('after a forced PART (SAPART, an op REMOVE), holds its lines, joins again, then sends them', async () => {
    const server = new FakeServer();
    const conn = connection(server, { channels: ['#meet'], rejoinAfterKickMs: 20 });
    joined(server, conn, ['#meet']);
    const from = server.written.length;
    server.feed(':gavel!g@h PART #meet :Removed by alice');
    conn.say('#meet', 'after the part');
    assert.deepEqual(server.sent('PRIVMSG', from), [], 'held until back in the channel');
    await until(() => server.sent('JOIN', from).length === 1);
    server.feed(':gavel!g@h JOIN #meet');
    assert.deepEqual(server.sent('PRIVMSG', from), ['PRIVMSG #meet :after the part']);
  });
});

describe('resending after a reconnect', () => {
  it('re-cuts unconfirmed lines for the new, longer prefix (a fallback nick, a longer host)', async () => {
    const server = new FakeServer();
    const conn = connection(server, { channels: ['#meet'], backoff: { minMs: 1, maxMs: 1 } });
    joined(server, conn, ['#meet']);
    const text = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
    conn.say('#meet', text);
    const first = server.sent('PRIVMSG');
    assert.ok(first.length > 1);
    for (const l of first) assert.ok(byteLength(`:gavel!g@h ${l}\r\n`) <= 512);
    const from = server.written.length;
    server.drop(); // no PONG came: every line is resent
    await until(() => server.connects === 2);
    server.feed(':irc.test 433 * gavel :Nickname is already in use');
    assert.deepEqual(server.sent('NICK gavel_', from), ['NICK gavel_']);
    const host = 'a-much-longer-cloak.users.example.org';
    joined(server, conn, ['#meet'], undefined, 'gavel_', host);
    const again = server.sent('PRIVMSG', from);
    for (const l of again) assert.ok(byteLength(`:gavel_!g@${host} ${l}\r\n`) <= 512, `${byteLength(`:gavel_!g@${host} ${l}\r\n`)} bytes relayed`);
    assert.equal(again.map((l) => params(l)[1]).join(' '), text, 'the text, whole and once');
  });
});

describe('our host changing', () => {
  it('cuts lines for the cloak or vhost the server announces after the join (396)', async () => {
    const server = new FakeServer();
    const conn = connection(server, { channels: ['#meet'] });
    joined(server, conn, ['#meet']);
    const cloak = 'gavel.bot.users.a-long-network-name.example.org';
    server.feed(`:irc.test 396 gavel ${cloak} :is now your displayed host`);
    const text = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
    conn.say('#meet', text);
    for (const l of server.sent('PRIVMSG')) assert.ok(byteLength(`:gavel!g@${cloak} ${l}\r\n`) <= 512, `${byteLength(`:gavel!g@${cloak} ${l}\r\n`)} bytes relayed`);
    const from = server.written.length;
    server.feed(`:irc.test 396 gavel ~gavel@x.${cloak} :is now your displayed host`);
    conn.say('#meet', text);
    const prefix = `:gavel!~gavel@x.${cloak}`;
    for (const l of server.sent('PRIVMSG', from)) assert.ok(byteLength(`${prefix} ${l}\r\n`) <= 512, 'the user@host form is read too');
  });
});

describe('lines around the queue', () => {
  it('counts its JOINs against the rate limit', async () => {
    const server = new FakeServer();
    const conn = connection(server, { channels: ['#meet'], rateLimit: { burst: 2, linesPerSecond: 1 } });
    joined(server, conn, ['#meet']);
    assert.equal(server.sent('JOIN').length, 1);
    conn.say('#meet', 'one');
    conn.say('#meet', 'two');
    assert.deepEqual(server.sent('PRIVMSG'), ['PRIVMSG #meet :one'], 'the JOIN took one of the two tokens');
  });
});
