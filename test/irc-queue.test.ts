// The outgoing queue (rate limit, confirmation, requeue on drop), backoff, nick fallback, case folding, ISUPPORT.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChannelBook, foldCase } from '../src/irc/channels.js';
import { isChannelName, relayPrefix } from '../src/irc/isupport.js';
import { backoffDelay, DEFAULT_BACKOFF, fallbackNick } from '../src/irc/policy.js';
import { SendQueue, type OutLine, type Take, type TakeOptions } from '../src/irc/sendqueue.js';

const out = (text: string, expendable = false): OutLine => ({ line: `PRIVMSG #c :${text}`, command: 'PRIVMSG', target: '#c', text, ...(expendable ? { expendable } : {}) });
const lineOf = (t: Take | undefined): string | undefined => (t && 'line' in t ? t.line.text : undefined);
const waitOf = (t: Take | undefined): number | undefined => (t && 'waitMs' in t ? t.waitMs : undefined);
const pingOf = (t: Take | undefined): number | undefined => (t && 'ping' in t ? t.ping : undefined);

/** Takes everything sendable at `now`: line texts, and `PING n` for checkpoints. */
function drain(q: SendQueue, now: number, options: TakeOptions = {}): string[] {
  const got: string[] = [];
  for (let t = q.take(now, options); t && !('waitMs' in t); t = q.take(now, options)) got.push('line' in t ? t.line.text : `PING ${t.ping}`);
  return got;
}

describe('SendQueue', () => {
  it('without a limit hands out every line at once, in order, then a checkpoint', () => {
    const q = new SendQueue(null, 0);
    q.push(out('a'), out('b'), out('c'));
    assert.deepEqual(drain(q, 0), ['a', 'b', 'c', 'PING 1']);
    assert.equal(q.take(0), undefined);
  });

  it('allows a burst, then lines at the configured rate; a checkpoint PING takes a token like a line', () => {
    const q = new SendQueue({ burst: 3, linesPerSecond: 2 }, 1000);
    for (const x of 'abcdef') q.push(out(x));
    assert.deepEqual(drain(q, 1000), ['a', 'b', 'c']);
    assert.equal(waitOf(q.take(1000)), 500);
    assert.equal(waitOf(q.take(1200)), 300);
    assert.equal(lineOf(q.take(1500)), 'd');
    assert.equal(waitOf(q.take(1500)), 500);
    // A long pause refills up to the burst, not beyond.
    assert.deepEqual(drain(q, 100_000), ['e', 'f', 'PING 1']);
    for (const x of 'ghijk') q.push(out(x));
    assert.deepEqual(drain(q, 100_000), [], 'e, f and the PING used the three tokens');
    assert.deepEqual(drain(q, 101_500), ['g', 'h', 'i']);
    assert.deepEqual(drain(q, 103_000), ['j', 'k', 'PING 2']);
  });

  it('waits for a token before a PING exactly as before a line', () => {
    const q = new SendQueue({ burst: 2, linesPerSecond: 1 }, 0);
    q.push(out('a'), out('b'));
    assert.deepEqual(drain(q, 0), ['a', 'b']);
    assert.equal(waitOf(q.take(0)), 1000, 'no token left for the PING');
    assert.equal(pingOf(q.take(1000)), 1);
  });

  it('holds an idle checkpoint back while more lines may come, but not past every 20 lines', () => {
    const q = new SendQueue(null, 0);
    q.push(out('a'));
    assert.deepEqual(drain(q, 0, { idle: false }), ['a']);
    assert.ok(q.needsCheckpoint);
    for (let i = 0; i < 25; i++) q.push(out(`x${i}`));
    const got = drain(q, 0, { idle: false });
    assert.equal(got[18], 'x18');
    assert.equal(got[19], 'PING 1', 'a long backlog is confirmed every 20 lines (a, x0 … x18)');
    assert.equal(got.length, 26);
    assert.deepEqual(drain(q, 0), ['PING 2']);
  });

  it('charges lines sent around the queue (JOIN, NICK) to the same bucket, into debt', () => {
    const q = new SendQueue({ burst: 2, linesPerSecond: 1 }, 0);
    q.charge(0);
    q.charge(0);
    q.charge(0);
    q.push(out('a'));
    assert.equal(waitOf(q.take(0)), 2000, 'one token owed, and one needed');
    assert.equal(lineOf(q.take(2000)), 'a');
  });

  it('rejects a limit that could never send, or a queue that could hold nothing', () => {
    assert.throws(() => new SendQueue({ burst: 0, linesPerSecond: 1 }, 0), /burst/);
    assert.throws(() => new SendQueue({ burst: 1, linesPerSecond: 0 }, 0), /linesPerSecond/);
    assert.throws(() => new SendQueue(null, 0, { maxLines: 0, maxExpendable: 1 }), /maxLines/);
  });

  it('keeps sent lines until a checkpoint covering them is acknowledged', () => {
    const q = new SendQueue(null, 0);
    q.push(out('a'), out('b'));
    assert.deepEqual(drain(q, 0), ['a', 'b', 'PING 1']);
    assert.equal(q.unconfirmed, 2);
    q.push(out('c'));
    assert.deepEqual(drain(q, 0), ['c', 'PING 2']);
    assert.equal(q.take(0), undefined, 'nothing new to confirm');
    assert.equal(q.ack(1), 2);
    assert.equal(q.unconfirmed, 1);
    assert.equal(q.ack(7), 0, 'a checkpoint never sent confirms nothing');
    assert.equal(q.ack(2), 1);
    assert.equal(q.unconfirmed, 0);
  });

  it('puts unconfirmed lines back in front, in order, when the connection drops', () => {
    const q = new SendQueue({ burst: 3, linesPerSecond: 1 }, 0);
    q.push(out('a'), out('b'), out('c'), out('d'));
    assert.deepEqual(drain(q, 0), ['a', 'b', 'c']);
    assert.deepEqual(drain(q, 1000), ['d']);
    assert.deepEqual(drain(q, 2000), ['PING 1']);
    q.ack(1); // a, b, c, d confirmed
    q.push(out('e'), out('f'));
    assert.deepEqual(drain(q, 4000), ['e', 'f']);
    assert.equal(q.requeue(4000), 2, 'e and f were never confirmed');
    q.push(out('g'));
    // A new connection has a full burst again.
    assert.deepEqual(drain(q, 4000), ['e', 'f', 'g']);
    assert.deepEqual(q.outstanding().map((l) => l.text), ['e', 'f', 'g']);
  });

  it('ignores an acknowledgement from before the drop', () => {
    const q = new SendQueue(null, 0);
    q.push(out('a'));
    assert.deepEqual(drain(q, 0), ['a', 'PING 1']);
    q.requeue(0);
    assert.deepEqual(drain(q, 0), ['a', 'PING 2']);
    assert.equal(q.ack(1), 0, 'the resent line waits for its own checkpoint');
    assert.equal(q.ack(2), 1);
  });

  it('past its limits drops the oldest expendable line, then the oldest unconfirmed, a waiting meeting line last', () => {
    const q = new SendQueue(null, 0, { maxLines: 5, maxExpendable: 2 });
    assert.deepEqual(q.push(out('m1'), out('p1', true), out('p2', true)), []);
    assert.deepEqual(q.push(out('p3', true)).map((l) => l.text), ['p1'], 'at most two expendable lines wait');
    assert.deepEqual(drain(q, 0, { idle: false }), ['m1', 'p2', 'p3']);
    assert.deepEqual(q.push(out('m2'), out('m3')), []);
    assert.deepEqual(q.push(out('p4', true)).map((l) => l.text), ['p4'], 'an expendable line goes before anything else, even a new one');
    assert.deepEqual(q.push(out('m4')).map((l) => l.text), ['m1'], 'then the oldest line sent but unconfirmed');
    assert.deepEqual(q.push(out('m5'), out('m6')).map((l) => l.text), ['p2', 'p3']);
    assert.deepEqual(q.push(out('m7')).map((l) => l.text), ['m2'], 'only meeting lines left: the oldest goes');
    assert.deepEqual(q.outstanding().map((l) => l.text), ['m3', 'm4', 'm5', 'm6', 'm7']);
  });

  it('re-cuts the next line when it no longer fits, keeping the order and the rate', () => {
    const q = new SendQueue({ burst: 2, linesPerSecond: 1 }, 0);
    q.push(out('aaaa bbbb', true), out('c'));
    const fit = (o: OutLine): readonly OutLine[] => (o.text.length > 4 ? o.text.split(' ').map((t) => out(t, o.expendable)) : [o]);
    assert.deepEqual(drain(q, 0, { fit }), ['aaaa', 'bbbb']);
    assert.equal(q.pending, 1);
    assert.deepEqual(drain(q, 2000, { fit }), ['c', 'PING 1']);
  });
});

describe('backoffDelay', () => {
  const b = { minMs: 1000, maxMs: 60_000, stableMs: 1 };
  it('doubles from the minimum up to the maximum, with ±20% spread', () => {
    assert.deepEqual([0, 1, 2, 3].map((a) => backoffDelay(a, b, 0.5)), [1000, 2000, 4000, 8000]);
    assert.equal(backoffDelay(20, b, 0.5), 60_000);
    assert.equal(backoffDelay(1000, b, 0.5), 60_000);
    assert.equal(backoffDelay(0, b, 0), 800);
    assert.equal(backoffDelay(0, b, 0.999999), 1200);
    assert.equal(backoffDelay(10, b, 0.999999), 60_000, 'never above the maximum');
  });
  it('has defaults a real network tolerates', () => {
    assert.ok(DEFAULT_BACKOFF.minMs >= 1000 && DEFAULT_BACKOFF.maxMs >= 60_000);
  });
});

describe('fallbackNick', () => {
  it('tries nick_, nick__, then digits, within NICKLEN', () => {
    assert.deepEqual([1, 2, 3, 4, 11].map((a) => fallbackNick('gavel', a, 30, 0)), ['gavel_', 'gavel__', 'gavel1', 'gavel2', 'gavel9']);
    assert.equal(fallbackNick('gavel', 12, 30, 0.5), 'gavel5500');
    assert.equal(fallbackNick('abcdefghi', 1, 9, 0), 'abcdefgh_');
    assert.equal(fallbackNick('abcdefghi', 12, 9, 0), 'abcde1000');
  });
});

describe('foldCase and ChannelBook', () => {
  it('folds by the server casemapping', () => {
    assert.equal(foldCase('Nick[A]\\~', 'rfc1459'), 'nick{a}|^');
    assert.equal(foldCase('Nick[A]\\~', 'strict-rfc1459'), 'nick{a}|~');
    assert.equal(foldCase('Nick[A]\\~', 'ascii'), 'nick[a]\\~');
  });

  it('tracks members through joins, nick changes, parts and quits, ignoring case', () => {
    const book = new ChannelBook();
    book.joined('#Meet');
    book.joined('#other');
    book.setMembers('#meet', ['gavel', 'Alice', 'bob']);
    book.addMember('#other', 'alice');
    assert.ok(book.isMember('#MEET', 'ALICE'));
    assert.deepEqual(book.rename('alice', 'alice_').sort(), ['#Meet', '#other']);
    assert.ok(book.isMember('#meet', 'Alice_') && !book.isMember('#meet', 'alice'));
    assert.ok(book.removeMember('#meet', 'BOB'));
    assert.deepEqual(book.removeEverywhere('alice_').sort(), ['#Meet', '#other']);
    assert.deepEqual(book.members('#meet'), ['gavel']);
    book.setTopic('#meet', 'Agenda');
    assert.equal(book.topic('#MEET'), 'Agenda');
    assert.equal(book.topic('#nowhere'), undefined);
    book.left('#meet');
    assert.deepEqual(book.names(), ['#other']);
  });
});

describe('ISUPPORT helpers', () => {
  it('knows channel prefixes from CHANTYPES, # and & until told', () => {
    assert.ok(isChannelName({}, '#a') && isChannelName({}, '&a') && !isChannelName({}, 'alice'));
    assert.ok(!isChannelName({ CHANTYPES: ['#'] }, '&a'));
  });

  it('assumes the longest relay prefix the server allows until our JOIN shows the real one', () => {
    assert.deepEqual(relayPrefix({}, 'gavel', { user: 'g', host: 'h.example' }, 'gavel'), { nick: 'gavel', user: 'g', host: 'h.example' });
    const guess = relayPrefix({ NICKLEN: '30', USERLEN: '10', HOSTLEN: '64' }, '', undefined, 'gavel');
    assert.deepEqual([guess.nick.length, guess.user.length, guess.host.length], [30, 11, 64]);
    const defaults = relayPrefix({}, 'gavel', undefined, 'gavel');
    assert.deepEqual([defaults.nick.length, defaults.user.length, defaults.host.length], [30, 11, 63]);
  });
});
