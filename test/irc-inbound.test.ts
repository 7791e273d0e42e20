// Hostile or malformed lines from a server are dropped and logged; they never crash the adapter.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import IRC from 'irc-framework';
import { ChannelBook, foldCase } from '../src/irc/channels.js';
import { attachInbound, type InboundHost } from '../src/irc/inbound.js';
import { Cooldown } from '../src/irc/policy.js';
import { MemoryLogger } from './support/fakeirc.js';

/** The host attachInbound needs, with `emit` given and the rest inert unless overridden. */
function inboundHost(emit: InboundHost['emit'], logger = new MemoryLogger(), overrides: Partial<InboundHost> = {}): InboundHost {
  const host: InboundHost = {
    book: new ChannelBook(),
    clock: () => 1000,
    emit,
    ownNick: () => 'gavel',
    setOwnNick: () => undefined,
    isChannel: (t) => t.startsWith('#'),
    channelName: (n) => n,
    same: (a, b) => foldCase(a) === foldCase(b),
    selfJoined: () => undefined,
    selfHost: () => undefined,
    selfLeft: () => undefined,
    joinFailed: () => undefined,
    topicRefused: () => undefined,
    nickFreed: () => undefined,
    pong: () => undefined,
    ctcpVersion: () => undefined,
    logger: { ...logger, debug: logger.debug.bind(logger), info: logger.info.bind(logger), warn: logger.warn.bind(logger), error: logger.error.bind(logger), child: () => host.logger },
    ...overrides,
  };
  return host;
}

/** A line from the server, through irc-framework's parser and handlers (no socket). */
function feed(client: InstanceType<typeof IRC.Client>, line: string): void {
  (client.connection as unknown as { emit(e: string, m: unknown, l: string): void }).emit('message', IRC.ircLineParser(line), line);
}

test('malformed server lines are ignored with a warning, and the next good line still arrives', () => {
  const client = new IRC.Client();
  const logger = new MemoryLogger();
  const emitted: [string, unknown][] = [];
  const ctcpVersion = (nick: string): void => void emitted.push(['version', nick]);
  attachInbound(client, inboundHost((name, event) => void emitted.push([name, event]), logger, { ctcpVersion }));
  const bad = [':x!y@z PRIVMSG', ':x!y@z PRIVMSG #c', ':x!y@z NOTICE', ':x!y@z JOIN', ':x!y@z PART', ':x!y@z KICK #c', ':x!y@z NICK', ':srv 332 gavel', ':srv 474 gavel', 'PING', 'PONG'];
  for (const line of bad) assert.doesNotThrow(() => feed(client, line), line);
  feed(client, ':alice!a@h PRIVMSG #c :hello');
  feed(client, ':bob!b@h PRIVMSG gavel :\x01VERSION\x01');
  assert.deepEqual(emitted.filter(([n]) => n === 'version'), [['version', 'bob']], 'CTCP VERSION is ours to answer, through the queue');
  assert.deepEqual(emitted.filter(([n]) => n === 'onLine').map(([, e]) => (e as { text: string }).text), ['hello']);
  assert.ok(logger.lines.some((l) => l.msg === 'ignored a malformed message from the server'));
});

test('a cooldown answers a name once per period, ignoring case, and forgets a flood of names', () => {
  const c = new Cooldown(60_000);
  assert.equal(c.tooSoon('Bob', 0), false);
  assert.equal(c.tooSoon('bob', 30_000), true);
  assert.equal(c.tooSoon('bob', 60_000), false);
  for (let i = 0; i < 1500; i++) c.tooSoon(`n${i}`, 61_000);
  assert.equal(c.tooSoon('alice', 61_000), false);
});

test('CTCP ACTION is read as common clients read it: any case, closing \\x01 optional, empty allowed; other CTCP is not a line', () => {
  const client = new IRC.Client();
  const lines: { kind: string; text: string; private: boolean }[] = [];
  const host = inboundHost((name, event) => {
    if (name === 'onLine' || name === 'onPrivate') lines.push({ kind: (event as { kind: string }).kind, text: (event as { text: string }).text, private: name === 'onPrivate' });
  });
  attachInbound(client, host);
  const cases: [string, string | undefined][] = [
    ['\x01ACTION waves\x01', 'waves'],
    ['\x01action waves\x01', 'waves'],
    ['\x01ACTION waves', 'waves'],
    ['\x01Action waves', 'waves'],
    ['\x01ACTION  two spaces \x01', ' two spaces '],
    ['\x01ACTION\x01', ''],
    ['\x01ACTION \x01', ''],
    ['\x01ACTION', ''],
    ['\x01VERSION\x01', undefined],
    ['\x01PING 1234', undefined],
    ['\x01ACTIONS are not actions\x01', undefined],
    ['\x01', undefined],
  ];
  for (const [text, want] of cases) {
    lines.length = 0;
    feed(client, `:alice!a@h PRIVMSG #c :${text}`);
    assert.deepEqual(lines, want === undefined ? [] : [{ kind: 'action', text: want, private: false }], JSON.stringify(text));
  }
  lines.length = 0;
  feed(client, ':alice!a@h PRIVMSG gavel :\x01action whispers');
  assert.deepEqual(lines, [{ kind: 'action', text: 'whispers', private: true }]);
});

test("a line irc-framework's own handlers choke on is logged as a warning, not printed to stdout", (t) => {
  const client = new IRC.Client();
  const logger = new MemoryLogger();
  attachInbound(client, inboundHost(() => undefined, logger));
  const printed = t.mock.method(console, 'log', () => undefined);
  for (const line of [':srv 301', ':srv 276', ':srv CAP', ':srv BATCH']) assert.doesNotThrow(() => feed(client, line), line);
  assert.equal(printed.mock.callCount(), 0, 'nothing printed');
  assert.equal(logger.lines.filter((l) => l.msg === 'ignored a malformed message from the server').length, 4);
});
