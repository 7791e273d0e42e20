// The outbox on a fake socket and mocked timers: the rate limit with its PINGs, the queue cap, re-splitting when the prefix grows.
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { Outbox } from '../src/irc/outbound.js';
import type { RateLimit } from '../src/irc/sendqueue.js';
import { byteLength } from '../src/irc/split.js';
import { memoryLog } from './support/fakeserver.js';

interface Sent {
  readonly at: number;
  readonly line: string;
}

/** An outbox whose writes and PINGs are recorded with the (mocked) time they were made. */
function outbox(t: TestContext, rate: RateLimit | null) {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
  const sent: Sent[] = [];
  const log = memoryLog();
  const prefix = { nick: 'gavel', user: 'g', host: 'h' };
  const host = {
    write: (o: { line: string }) => void sent.push({ at: Date.now(), line: o.line }),
    ping: (token: string) => void sent.push({ at: Date.now(), line: `PING :${token}` }),
    clock: () => Date.now(),
    relayPrefix: () => prefix,
    topicLength: () => undefined,
    isChannel: (target: string) => target.startsWith('#'),
    logger: log.logger,
  };
  const box = new Outbox(rate, host);
  /** Lets `ms` pass in steps, running the outbox's timers. */
  const pass = (ms: number): void => {
    for (let i = 0; i < ms; i += 50) t.mock.timers.tick(50);
  };
  /** The PONG for every PING sent so far. */
  const pong = (): void => {
    for (const s of sent) if (s.line.startsWith('PING :')) box.onPong(s.line.slice(6));
  };
  return { box, sent, log, prefix, pass, pong };
}

/** No window of time holds more lines than the bucket allows: burst + rate × its length. */
function assertWithinRate(sent: readonly Sent[], rate: RateLimit): void {
  for (let i = 0; i < sent.length; i++) {
    for (let j = i; j < sent.length; j++) {
      const window = (sent[j]?.at ?? 0) - (sent[i]?.at ?? 0);
      const allowed = rate.burst + (window / 1000) * rate.linesPerSecond;
      assert.ok(j - i + 1 <= allowed + 1e-9, `${j - i + 1} lines in ${window} ms (allowed ${allowed}): ${sent.slice(i, j + 1).map((s) => `${s.at} ${s.line}`).join(' | ')}`);
    }
  }
}

describe('Outbox rate limit', () => {
  it('counts its confirmation PINGs against the same token bucket as its lines', (t) => {
    const rate = { burst: 3, linesPerSecond: 1 };
    const { box, sent, pass, pong } = outbox(t, rate);
    box.open();
    for (let i = 0; i < 3; i++) box.say('#meet', `reply ${i}`);
    assert.equal(sent.length, 3, `the burst is spent on the three lines: ${sent.map((s) => s.line).join(', ')}`);
    pass(1000);
    assert.deepEqual(sent.map((s) => s.line), ['PRIVMSG #meet :reply 0', 'PRIVMSG #meet :reply 1', 'PRIVMSG #meet :reply 2', 'PING :gavel-ack-1']);
    pong();
    assert.equal(box.unconfirmed + box.pending, 0);

    for (let i = 0; i < 45; i++) box.say('#meet', `more ${i}`);
    for (let s = 0; s < 120 && box.pending + box.unconfirmed > 0; s++) {
      pass(1000);
      pong();
    }
    assert.equal(box.pending + box.unconfirmed, 0, 'everything was sent and confirmed');
    assert.ok(sent.filter((s) => s.line.startsWith('PING')).length >= 3, 'a long backlog is confirmed as it goes');
    assertWithinRate(sent, rate);
  });
});

describe('Outbox cap', () => {
  it('keeps memory bounded while it cannot send: private and CTCP answers go first, meeting lines stay', (t) => {
    const { box, sent, log, pass, pong } = outbox(t, { burst: 5, linesPerSecond: 10 });
    for (let i = 0; i < 5; i++) box.say('#meet', `meeting ${i}`);
    for (let i = 0; i < 500; i++) box.notice(`mallory${i}`, '\x01VERSION Gavel\x01');
    for (let i = 0; i < 5000; i++) box.notice(`user${i % 7}`, `search answer ${i}`);
    box.say('#meet', 'meeting 5');
    assert.ok(box.pending <= 1000, `queue bounded, has ${box.pending}`);
    const full = log.lines.filter((l) => l.level === 'warn' && /queue full/.test(l.msg));
    assert.equal(full.length, 1, 'one warning for the whole episode');
    assert.deepEqual(full[0]?.fields, { target: 'mallory0', maxLines: 1000, maxExpendable: 100 }, 'the warning names the first target dropped, and the limits');

    box.open();
    for (let s = 0; s < 400 && box.pending + box.unconfirmed > 0; s++) {
      pass(1000);
      pong();
    }
    const meeting = sent.filter((s) => s.line.startsWith('PRIVMSG #meet')).map((s) => s.line.slice('PRIVMSG #meet :'.length));
    assert.deepEqual(meeting, ['meeting 0', 'meeting 1', 'meeting 2', 'meeting 3', 'meeting 4', 'meeting 5'], 'every meeting line, in order');
    const answers = sent.filter((s) => s.line.includes('search answer')).map((s) => Number(s.line.split(' ').at(-1)));
    assert.ok(answers.length > 0 && answers.every((n, i) => i === 0 || n > (answers[i - 1] ?? -1)), 'the newest answers are kept, in order');
    const over = log.lines.filter((l) => l.level === 'warn' && /dropped/.test(l.msg));
    assert.equal(over.length, 1, 'the end of the episode is reported once, with counts');
    const fields = over[0]?.fields ?? {};
    const counts = fields.dropped as Record<string, number>;
    assert.equal(fields.lines, 5400, 'all but the newest 100 of the 5,500 answers');
    assert.ok((counts.user0 ?? 0) > 0 && counts['#meet'] === undefined, JSON.stringify(counts));
    assert.ok(Object.keys(counts).length <= 10 && Number(fields.otherTargets) > 0, 'hundreds of targets are summed, not listed');
  });

  it('drops the oldest meeting lines only when nothing else is left to drop', (t) => {
    const { box, sent, log, pass, pong } = outbox(t, null);
    for (let i = 0; i < 1010; i++) box.say('#meet', `line ${i}`);
    assert.equal(box.pending, 1000);
    box.open();
    pass(100);
    pong();
    assert.equal(sent.filter((s) => s.line.startsWith('PRIVMSG'))[0]?.line, 'PRIVMSG #meet :line 10');
    const over = log.lines.find((l) => /dropped/.test(l.msg));
    assert.deepEqual(over?.fields.dropped, { '#meet': 10 });
  });
});

describe('Outbox re-splitting', () => {
  it('re-cuts queued lines that no longer fit once the relay prefix has grown (nick fallback, longer host)', (t) => {
    const { box, sent, prefix } = outbox(t, null);
    const text = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ');
    box.say('#meet', text);
    Object.assign(prefix, { nick: 'gavel_', user: '~gavel', host: 'a-much-longer-cloak.users.example.org' });
    box.open();
    const lines = sent.filter((s) => s.line.startsWith('PRIVMSG')).map((s) => s.line);
    for (const l of lines) {
      const relayed = `:${prefix.nick}!${prefix.user}@${prefix.host} ${l}\r\n`;
      assert.ok(byteLength(relayed) <= 512, `relayed line of ${byteLength(relayed)} bytes`);
    }
    assert.equal(lines.map((l) => l.slice('PRIVMSG #meet :'.length)).join(' '), text, 'nothing lost or repeated');
  });
});

describe('Outbox targets', () => {
  it('refuses a target the server would read as more than a target, logging it, instead of sending a forged line', (t) => {
    const { box, sent, log } = outbox(t, null);
    box.open();
    for (const target of ['', '#a b', 'alice\r\nQUIT :bye', ':alice', 'x\0y']) {
      assert.deepEqual(box.say(target, 'hello'), []);
      assert.deepEqual(box.notice(target, 'hello'), []);
      assert.equal(box.topic(target, 'hello'), '');
    }
    assert.equal(sent.length, 0);
    assert.equal(log.lines.filter((l) => l.level === 'error').length, 15);
    box.say('#ok', 'hello');
    assert.deepEqual(sent.map((s) => s.line), ['PRIVMSG #ok :hello']);
  });

  it('gives every line some text even when the server claims an absurd prefix length', (t) => {
    const { box, sent, prefix } = outbox(t, null);
    Object.assign(prefix, { host: 'h'.repeat(1000) });
    box.open();
    assert.doesNotThrow(() => box.say('#meet', 'x'.repeat(200)));
    assert.deepEqual(sent.filter((s) => s.line.startsWith('PRIVMSG')).map((s) => s.line.length - 'PRIVMSG #meet :'.length), [64, 64, 64, 8]);
  });
});
