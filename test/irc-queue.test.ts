// The outgoing queue (rate limit, confirmation, requeue on drop), backoff, nick fallback, case folding, ISUPPORT.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChannelBook, foldCase } from '../src/irc/channels.js';
import { isChannelName, relayPrefix } from '../src/irc/isupport.js';
import { backoffDelay, DEFAULT_BACKOFF, fallbackNick } from '../src/irc/policy.js';
import { SendQueue, type OutLine, type Take } from '../src/irc/sendqueue.js';

const out = (text: string): OutLine => ({ line: `PRIVMSG #c :${text}`, command: 'PRIVMSG', target: '#c', text });
const lineOf = (t: Take | undefined): string | undefined => (t && 'line' in t ? t.line.text : undefined);
const waitOf = (t: Take | undefined): number | undefined => (t && 'waitMs' in t ? t.waitMs : undefined);

/** Takes everything sendable at `now`. */
function drain(q: SendQueue, now: number): string[] {
  const got: string[] = [];
  for (let t = q.take(now); t && 'line' in t; t = q.take(now)) got.push(t.line.text);
  return got;
}

describe('SendQueue', () => {
  it('without a limit hands out every line at once, in order', () => {
    const q = new SendQueue(null, 0);
    q.push(out('a'), out('b'), out('c'));
    assert.deepEqual(drain(q, 0), ['a', 'b', 'c']);
    assert.equal(q.take(0), undefined);
  });

  it('allows a burst, then lines at the configured rate', () => {
    const q = new SendQueue({ burst: 3, linesPerSecond: 2 }, 1000);
    for (const x of 'abcdef') q.push(out(x));
    assert.deepEqual(drain(q, 1000), ['a', 'b', 'c']);
    assert.equal(waitOf(q.take(1000)), 500);
    assert.equal(waitOf(q.take(1200)), 300);
    assert.equal(lineOf(q.take(1500)), 'd');
    assert.equal(waitOf(q.take(1500)), 500);
    // A long pause refills up to the burst, not beyond.
    assert.deepEqual(drain(q, 100_000), ['e', 'f']);
    for (const x of 'ghijk') q.push(out(x));
    assert.deepEqual(drain(q, 100_000), ['g'], 'e and f used two of the three');
    assert.deepEqual(drain(q, 200_000), ['h', 'i', 'j']);
  });

  it('rejects a limit that could never send', () => {
    assert.throws(() => new SendQueue({ burst: 0, linesPerSecond: 1 }, 0), /burst/);
    assert.throws(() => new SendQueue({ burst: 1, linesPerSecond: 0 }, 0), /linesPerSecond/);
  });

  it('keeps sent lines until a checkpoint covering them is acknowledged', () => {
    const q = new SendQueue(null, 0);
    q.push(out('a'), out('b'));
    drain(q, 0);
    assert.equal(q.unconfirmed, 2);
    const one = q.checkpoint();
    assert.equal(typeof one, 'number');
    q.push(out('c'));
    drain(q, 0);
    const two = q.checkpoint();
    assert.equal(q.checkpoint(), undefined, 'nothing new to confirm');
    assert.equal(q.ack(one ?? -1), 2);
    assert.equal(q.unconfirmed, 1);
    assert.equal(q.ack(two ?? -1), 1);
    assert.equal(q.unconfirmed, 0);
  });

  it('puts unconfirmed lines back in front, in order, when the connection drops', () => {
    const q = new SendQueue({ burst: 2, linesPerSecond: 1 }, 0);
    q.push(out('a'), out('b'), out('c'), out('d'));
    assert.deepEqual(drain(q, 0), ['a', 'b']);
    const cp = q.checkpoint();
    q.ack(cp ?? -1); // a, b confirmed
    assert.deepEqual(drain(q, 1000), ['c']);
    q.checkpoint(); // c sent, its PONG never comes
    assert.equal(q.requeue(1000), 1);
    q.push(out('e'));
    // A new connection has a full burst again.
    assert.deepEqual(drain(q, 1000), ['c', 'd']);
    assert.deepEqual(q.outstanding().map((l) => l.text), ['c', 'd', 'e']);
  });

  it('ignores an acknowledgement from before the drop', () => {
    const q = new SendQueue(null, 0);
    q.push(out('a'));
    drain(q, 0);
    const old = q.checkpoint() ?? -1;
    q.requeue(0);
    drain(q, 0);
    assert.equal(q.ack(old), 0, 'the resent line waits for its own checkpoint');
    assert.equal(q.ack(q.checkpoint() ?? -1), 1);
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
