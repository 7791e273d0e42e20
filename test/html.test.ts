// HTML minutes and log: valid HTML5, escaped user text, safe links only, anchors that match, IRC styling.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { meetingConfig, type MeetingConfig } from '../src/core/config.js';
import { minutesModel, type MinutesModel } from '../src/core/minutes.js';
import { replayEvents } from '../src/core/replay.js';
import type { LineEvent } from '../src/core/types.js';
import { renderHtmlLog, renderHtmlMinutes } from '../src/render/html.js';
import { cleanText, ircToSegments, segmentClass, segmentsToSpans } from '../src/render/ircformat.js';
import { assertAnchors, assertSafe, attr, elements, parseStrict, textOf } from './support/html.js';


const T0 = Date.UTC(2018, 2, 7, 22, 0, 0);

function meeting(config: MeetingConfig, lines: [nick: string, text: string, kind?: 'action'][]): MinutesModel {
  const events: LineEvent[] = lines.map(([nick, text, kind], i) => ({
    type: 'line', time: T0 + i * 7_000, nick, kind: kind ?? 'message', text,
  }));
  const { meetings } = replayEvents(config, events);
  const m = meetings[0];
  assert.ok(m !== undefined, 'the lines hold a meeting');
  return minutesModel(m);
}

describe('ircToSegments', () => {
  it('reads bold, colours, reset, italic, underline, strike and monospace, and drops the codes', () => {
    const segs = ircToSegments('a\x02b\x0304,12c\x03d\x1de\x0ff\x1fg\x1eh\x11i');
    assert.deepEqual(segs.map((s) => s.text), ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']);
    assert.equal(segs.map((s) => s.text).join(''), 'abcdefghi');
    const c = segs[2];
    assert.ok(c !== undefined);
    assert.equal(segmentClass(c), 'irc-b irc-fg4 irc-bg12');
    assert.equal(segs[4]?.italic, true);
    assert.equal(segmentClass(segs[5] ?? c), '');
    assert.equal(segmentClass(segs[8] ?? c), 'irc-u irc-s irc-m');
  });

  it('keeps digits after a two-digit colour as text, and ",x" after a bare \\x03', () => {
    assert.deepEqual(ircToSegments('\x03041234').map((s) => [s.text, s.fg]), [['1234', 4]]);
    assert.deepEqual(ircToSegments('\x03,5x').map((s) => [s.text, s.fg]), [[',5x', undefined]]);
    assert.deepEqual(ircToSegments('\x0399,99x').map((s) => [s.text, s.fg, s.bg]), [['x', undefined, undefined]]);
  });

  it('drops hex colours, swaps colours on reverse, and removes other controls', () => {
    assert.equal(ircToSegments('\x04ff0000,00ff00red\x04 x').map((s) => s.text).join(''), 'red x');
    const rev = ircToSegments('\x0304,01\x16x');
    assert.deepEqual([rev[0]?.fg, rev[0]?.bg], [1, 4]);
    assert.equal(ircToSegments('a\x00b\x01c\x07d\te\x7f\x85f').map((s) => s.text).join(''), 'abcd\tef');
    assert.equal(cleanText('x\ud800y\uffffz\u{1fffe}'), 'x\ufffdy\ufffdz\ufffd');
    assert.deepEqual(segmentsToSpans(ircToSegments('\x1dhi')), [{ text: 'hi', cls: 'irc-i' }]);
  });
});

describe('HTML minutes and log, normal meeting', () => {
  const model = meeting(meetingConfig({ channel: '#gavel-test', urlPrefix: 'https://example.org/' }), [
    ['alice', '#startmeeting Weekly sync'],
    ['alice', '#topic Release'],
    ['bob', '#info \x02bold\x02 then \x0304,01red\x03 plain'],
    ['alice', '#action bob to tag 1.0'],
    ['alice', '#action someone writes docs'],
    ['carol', '#link the spec https://example.org/spec?a=1&b=2 (draft)'],
    ['carol', 'waves at everyone', 'action'],
    ['bob', 'https://example.com/bare'],
    ['alice', '#topic Next'],
    ['alice', '#agreed ship it'],
    ['alice', '#endmeeting'],
  ]);
  const minutesHtml = renderHtmlMinutes(model);
  const logHtml = renderHtmlLog(model);
  const minutes = parseStrict(minutesHtml);
  const log = parseStrict(logHtml);

  it('is valid HTML5 with the expected document shell', () => {
    for (const html of [minutesHtml, logHtml]) {
      assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
      assert.match(html, /<meta charset="utf-8">/);
      assert.match(html, /<meta name="viewport"/);
    }
    for (const tag of ['header', 'main', 'footer', 'nav', 'h1', 'h2', 'style']) {
      assert.ok(elements(minutes).some((e) => e.tagName === tag), `minutes has <${tag}>`);
    }
    assertSafe(minutes);
    assertSafe(log);
  });

  it('shows title, owner, start and end with date, time and zone, and links to the log and text', () => {
    const text = textOf(minutes);
    assert.ok(text.includes('#gavel-test: Weekly sync'));
    assert.ok(text.includes('alice'));
    assert.ok(text.includes('Wednesday, 7 March 2018, 22:00:00 UTC'));
    const times = elements(minutes).filter((e) => e.tagName === 'time').map((e) => attr(e, 'datetime'));
    assert.ok(times.includes('2018-03-07T22:00:00Z'));
    assert.ok(times.includes('2018-03-07T22:01:10Z'), 'end time');
    const hrefs = elements(minutes).map((e) => attr(e, 'href'));
    assert.ok(hrefs.includes('gavel-test.2018-03-07-22.00.log.html'));
    assert.ok(hrefs.includes('gavel-test.2018-03-07-22.00.txt'));
    assert.ok(text.includes('Gavel') && text.includes('0.1.0'), 'footer names the generator');
  });

  it('lists items by topic with kind, styling, links, and actions by person', () => {
    const text = textOf(minutes);
    for (const s of ['Release', 'Next', 'Action', 'Agreed', 'Link', 'ship it', 'bob to tag 1.0', 'someone writes docs', 'Unassigned']) {
      assert.ok(text.includes(s), `minutes show ${s}`);
    }
    // The core strips formatting from command arguments, so items hold plain text; the log keeps the styling.
    assert.ok(text.includes('bold then red plain'));
    const link = elements(minutes).find((e) => attr(e, 'href') === 'https://example.org/spec?a=1&b=2');
    assert.ok(link !== undefined, 'the LINK item URL is a link');
    assert.equal(textOf(link), 'https://example.org/spec?a=1&b=2');
    assert.ok(text.includes('the spec https://example.org/spec?a=1&b=2 (draft)'));
    const people = textOf(minutes).replace(/\s+/g, ' ');
    assert.match(people, /alice\s*7 lines/);
    assert.match(people, /carol\s*2 lines/);
  });

  it('links minutes times to existing log lines, one anchor per line', () => {
    assertAnchors(model, minutes, log);
  });

  it('shows /me lines as "* nick text", emphasises commands, and links back to the minutes', () => {
    const lines = elements(log).filter((e) => /^l-\d+$/.test(attr(e, 'id') ?? ''));
    assert.equal(lines.length, 11);
    assert.ok(textOf(lines[6] ?? log).includes('* carol waves at everyone'));
    assert.ok(textOf(lines[2] ?? log).includes('<bob> #info bold then red plain'));
    const spans = elements(lines[2] ?? log).filter((e) => e.tagName === 'span');
    assert.ok(spans.some((s) => attr(s, 'class') === 'irc-b' && textOf(s) === 'bold'));
    assert.ok(spans.some((s) => attr(s, 'class') === 'irc-fg4 irc-bg1' && textOf(s) === 'red'));
    assert.match(attr(lines[1] ?? log, 'class') ?? '', /\bcmd\b/);
    assert.doesNotMatch(attr(lines[7] ?? log, 'class') ?? '', /\bcmd\b/);
    assert.ok(elements(log).some((e) => attr(e, 'href') === 'gavel-test.2018-03-07-22.00.html'));
    assert.ok(elements(log).some((e) => attr(e, 'href') === 'https://example.com/bare'));
  });
});

describe('HTML minutes and log, hostile meeting', () => {
  const SCRIPT = '<script>alert(1)</script>';
  const IMG = '"><img src=x onerror=alert(1)>';
  const long = `long ${'y'.repeat(20_000)} end`;
  const model = meeting(
    meetingConfig({ channel: '#javascript:alert(1)', filePattern: '{channel}.{meetingname}' }),
    [
      [SCRIPT, '#startmeeting ../../etc/passwd'],
      [SCRIPT, `#chair ${IMG}`],
      [SCRIPT, `#topic ${SCRIPT} & <b>bold</b>`],
      [IMG, '#link javascript:alert(1)'],
      [IMG, '#link javascript://alert(1)'],
      [IMG, '#link data:text/html,<script>alert(1)</script>'],
      [IMG, '#link vbscript:msgbox'],
      [IMG, 'http://x"onmouseover="alert(1)'],
      [IMG, '#info a\x00b\x01c\x1bd'],
      [IMG, `#action ${IMG} fixes ${SCRIPT}`],
      [IMG, SCRIPT, 'action'],
      ['mallory', long],
      [SCRIPT, `#meetingtopic ${SCRIPT}`],
      [SCRIPT, '#endmeeting'],
    ],
  );
  const minutesHtml = renderHtmlMinutes(model);
  const logHtml = renderHtmlLog(model);
  const minutes = parseStrict(minutesHtml);
  const log = parseStrict(logHtml);

  it('has no script, no handlers, no unsafe links, no raw controls', () => {
    assertSafe(minutes);
    assertSafe(log);
    for (const html of [minutesHtml, logHtml]) {
      assert.ok(!html.includes('<script'), 'no script markup at all');
      assert.ok(!html.includes('<img'), 'no injected image');
      assert.ok(!/href="\s*(javascript|data|vbscript):/i.test(html));
    }
  });

  it('shows every hostile string as text', () => {
    const mt = textOf(minutes);
    const lt = textOf(log);
    for (const s of [SCRIPT, IMG, `${SCRIPT} & <b>bold</b>`, 'javascript:alert(1)', 'javascript://alert(1)',
      'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox', 'http://x"onmouseover="alert(1)', 'abcd']) {
      assert.ok(mt.includes(s), `minutes show ${s}`);
      assert.ok(lt.includes(s), `log shows ${s}`);
    }
    assert.ok(lt.includes(long), 'the 20 KB line is whole');
    assert.ok(lt.includes(`* ${IMG} ${SCRIPT}`), '/me line');
    const title = elements(minutes).find((e) => e.tagName === 'title');
    assert.ok(title !== undefined && textOf(title).includes(SCRIPT));
    const h1 = elements(minutes).find((e) => e.tagName === 'h1');
    assert.equal(textOf(h1 ?? minutes), `#javascript:alert(1): ${SCRIPT}`);
  });

  it('never makes a link of an unsafe scheme, and keeps relative links inside the folder', () => {
    const hrefs = [...elements(minutes), ...elements(log)].map((e) => attr(e, 'href')).filter((h) => h !== undefined);
    for (const h of hrefs) {
      if (h.startsWith('#') || h.startsWith('http://') || h.startsWith('https://')) continue;
      assert.ok(!h.includes('/') && !h.startsWith('.'), `relative link stays in the folder: ${h}`);
      assert.ok(!/^[a-z][a-z0-9+.-]*:/i.test(h), `relative link has no scheme: ${h}`);
    }
    assert.ok(hrefs.some((h) => h.startsWith('javascript%3Aalert(1).______etc_passwd')), 'encoded sibling link');
    // The quotes stay inside the attribute value: the anchor gains no attribute of its own.
    const xLink = elements(log).find((e) => (attr(e, 'href') ?? '').startsWith('http://x'));
    assert.deepEqual(xLink?.attrs?.map((a) => a.name), ['href', 'rel']);
  });

  it('links minutes times to existing log lines, one anchor per line', () => {
    assertAnchors(model, minutes, log);
  });
});
