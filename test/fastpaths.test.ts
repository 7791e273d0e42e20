// The fast paths of the hot code answer exactly as the plain code they shortcut: log lines, times, nicks, state.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { meetingConfig } from '../src/core/config.js';
import { formatLog, parseCanonicalLine, parseLogLine } from '../src/core/logformat.js';
import { minutesModel } from '../src/core/minutes.js';
import { nickMatcher } from '../src/core/nicks.js';
import { initialState, step, type ChannelState } from '../src/core/meeting.js';
import { readLog } from '../src/core/logreader.js';
import { Replay, replayEvents, type MeetingSlice } from '../src/core/replay.js';
import { itemsOf, logLines, withLogLine } from '../src/core/state.js';
import { renderMeeting } from '../src/render/outputs.js';
import { ircToSegments } from '../src/render/ircformat.js';
import { codePointLength, normaliseText } from '../src/core/text.js';
import { wrap } from '../src/core/textwrap.js';
import type { LineEvent } from '../src/core/types.js';
import { generateMeetingLog } from './bench/generate.js';
import { asctime, dateParts, hms, isoDate, isoInstant, longDate, zoneAbbrev } from '../src/core/time.js';

/** A small seeded generator, so the cases are the same every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    return a / 4294967296;
  };
}

describe('parseCanonicalLine', () => {
  const lines = [
    '22:00:26 <wking> #startmeeting x', '22:00:26 <wking> hi', '22:00:26 <wking>', '22:00:26 <wking> ', '22:00:26 <wking>\thi',
    '22:00:26 <wking>hi', '22:00:26 <@op> hi', '22:00:26 <+v> hi', '22:00:26 <%h> x', '22:00:26 <~q> x', '22:00:26 <&a> x',
    '22:00:26 <> hi', '22:00:26 <a b> hi', '22:00:26 <a\u00a0b> hi', '22:00:26 <Zoë> hi', '22:00:26 <ǅ> hi', '22:00:26 <a\u3000> x',
    '22:00:26 <wking>   spaced   ', '22:00:26 <wking> \x01ACTION x\x01', '22:00:26 <wking> \u00a0', '22:00:26 <wking>\u00a0hi',
    '22:00:26 <wking> a\rb', '24:00:00 <a> b', '23:60:00 <a> b', '23:59:60 <a> b', '23:59:61 <a> b', '2:00:26 <a> b',
    '22:00:26  <a> b', '22:00:26\t<a> b', '[22:00:26] <a> b', '22:00 <a> b', '22:00:26 * wking waves', '22:0a:26 <a> b',
    '22:00:26 <a>> b', '22:00:26 <a> <b> c', '22:00:26 <collabot`> x', '22:00:26 <vbatts|work> x', '22:00:26 <zed[m]> x',
    '22:00:26 <a\x7f> x', '22:00:26 <a\x85> x', '22:00:26 <\ud83d\ude00> x', '22:00:26 <a>', '22:00:26 <a',
  ];
  for (const line of lines) {
    it(JSON.stringify(line), () => {
      const fast = parseCanonicalLine(`xx${line}yy`, 2, line.length + 2);
      if (fast !== undefined) assert.deepEqual(fast, parseLogLine(line));
    });
  }

  it('reads nine in ten lines of a generated meeting, each as parseLogLine does', () => {
    const r = rng(7);
    const chars = 'ab <>@+*#:\t\x01\u00a0ëZ0';
    let fast = 0;
    for (let i = 0; i < 2000; i++) {
      const body = Array.from({ length: Math.floor(r() * 12) }, () => chars[Math.floor(r() * chars.length)]).join('');
      const line = i % 3 === 0 ? `12:34:56 <n${body}` : `12:34:56 <nick> ${body}`;
      const p = parseCanonicalLine(line, 0, line.length);
      if (p !== undefined) {
        fast++;
        assert.deepEqual(p, parseLogLine(line), JSON.stringify(line));
      }
    }
    assert.ok(fast > 1200, `${fast} of 2000 read fast`);
  });
});

describe('time formatting without luxon', () => {
  // What the formatting was before the fast paths, in luxon's words.
  const ref = {
    asctime: (t: number, z: string): string => {
      const d = DateTime.fromMillis(t, { zone: z }).setLocale('en-US');
      return `${d.toFormat('ccc LLL')} ${String(d.day).padStart(2, ' ')} ${d.toFormat('HH:mm:ss yyyy')}`;
    },
    longDate: (t: number, z: string): string => DateTime.fromMillis(t, { zone: z }).setLocale('en-GB').toFormat('cccc, d LLLL yyyy'),
    isoDate: (t: number, z: string): string => DateTime.fromMillis(t, { zone: z }).toFormat('yyyy-LL-dd'),
    dateParts: (t: number, z: string): Record<string, string> => {
      const d = DateTime.fromMillis(t, { zone: z });
      return { YYYY: d.toFormat('yyyy'), MM: d.toFormat('LL'), DD: d.toFormat('dd'), HH: d.toFormat('HH'), mm: d.toFormat('mm'), ss: d.toFormat('ss') };
    },
    hms: (t: number, z: string): string => {
      const d = new Date(t + DateTime.fromMillis(t, { zone: z }).offset * 60_000);
      const p = (n: number): string => (n < 10 ? `0${n}` : String(n));
      return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
    },
    iso: (t: number): string => `${new Date(t).toISOString().slice(0, 19)}Z`,
  };
  const r = rng(42);
  const instants = [
    0, -1, 1, 86_399_999, -86_400_000, Date.UTC(2018, 2, 7, 22, 0, 26), Date.UTC(1000, 0, 1), Date.UTC(1000, 0, 1) - 1,
    Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(10000, 0, 1), Date.UTC(999, 5, 1), Date.UTC(2024, 1, 29, 12), 1.5, -1.5,
    ...Array.from({ length: 300 }, () => Math.floor((r() - 0.3) * 3e14)),
  ];

  for (const zone of ['UTC', 'Europe/Berlin', 'America/St_Johns', 'Etc/UTC']) {
    it(`prints ${zone} times as luxon does`, () => {
      for (const t of instants) {
        const tt = Math.trunc(t);
        assert.equal(asctime(tt, zone), ref.asctime(tt, zone), `asctime ${t}`);
        assert.equal(longDate(tt, zone), ref.longDate(tt, zone), `longDate ${t}`);
        assert.equal(isoDate(tt, zone), ref.isoDate(tt, zone), `isoDate ${t}`);
        assert.deepEqual(dateParts(tt, zone), ref.dateParts(tt, zone), `dateParts ${t}`);
        assert.equal(hms(t, zone), ref.hms(t, zone), `hms ${t}`);
        assert.equal(isoInstant(t), ref.iso(t), `isoInstant ${t}`);
      }
    });
  }

  it('names UTC without luxon, other zones with it', () => {
    assert.equal(zoneAbbrev(0, 'UTC'), 'UTC');
    assert.equal(zoneAbbrev(0, 'Etc/UTC'), 'UTC');
    // The zone's own short name where an English locale knows one (MeetBot printed strftime's %Z), else the offset.
    assert.equal(zoneAbbrev(Date.UTC(2018, 0, 1), 'Europe/Berlin'), 'CET');
    assert.equal(zoneAbbrev(Date.UTC(2018, 6, 1), 'Europe/Berlin'), 'CEST');
    assert.equal(zoneAbbrev(Date.UTC(2018, 0, 1), 'America/New_York'), 'EST');
    assert.equal(zoneAbbrev(Date.UTC(2018, 6, 1), 'Europe/London'), 'BST');
    assert.equal(zoneAbbrev(Date.UTC(2018, 0, 1), 'Europe/London'), 'GMT');
    assert.equal(zoneAbbrev(Date.UTC(2018, 0, 1), 'Asia/Tokyo'), 'GMT+9');
    assert.equal(hms(NaN, 'UTC'), 'NaN:NaN:NaN');
    assert.equal(hms(9e15, 'UTC'), 'NaN:NaN:NaN');
    assert.throws(() => isoInstant(9e15), RangeError);
  });
});

describe('nickMatcher', () => {
  const WORD = '[\\p{L}\\p{N}\\p{M}_]';
  // The matcher before it searched by hand: one regular expression per nick.
  const reference = (nick: string) => {
    const re = new RegExp(`(?<!${WORD})${nick.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!${WORD})`, 'iu');
    return (text: string): boolean => re.test(text);
  };
  const nicks = ['bob', 'Bob', 'zed[m]', 'Zoë', 'vbatts|work', 'a.b', 'k', 's', 'σ', 'ß', '\ud835\udc9c', 'é', 'x_', '_', 'ab'];
  const pieces = ['bob', 'BOB', 'bobby', 'zed[m]', 'ZED[M]', 'Zoë', 'ZOË', 'zoe', 'vbatts|work', 'a.b', 'axb', 'K', '\u212a', 'ſ',
    'S', 'Σ', 'ς', 'ẞ', 'SS', '\ud835\udc9c', '\ud835\udc9d', '\ud835', 'é', 'e\u0301', '\u0301', 'x_', '_', 'ab', 'aab', 'abab',
    ' ', ',', "'s", '1', '٣', '-', '\t', 'ǅ'];
  const r = rng(3);
  const texts = Array.from({ length: 800 }, () =>
    Array.from({ length: 1 + Math.floor(r() * 5) }, () => pieces[Math.floor(r() * pieces.length)]).join(''),
  );
  for (const nick of nicks) {
    it(`finds ${JSON.stringify(nick)} exactly where the regular expression does`, () => {
      const fast = nickMatcher(nick);
      const ref = reference(nick);
      for (const text of texts) assert.equal(fast(text), ref(text), JSON.stringify(text));
    });
  }
});

describe('hot-path helpers', () => {
  it('withLogLine keeps every field of the meeting, as a spread would', () => {
    const events = ['#startmeeting x', '#topic t', '#chair bob', 'hello'].map((text, i) => ({
      type: 'line' as const, time: i * 1000, nick: 'alice', kind: 'message' as const, text,
    }));
    const m = replayEvents(meetingConfig({ channel: '#c' }), events).meetings[0];
    assert.ok(m !== undefined);
    assert.deepEqual(withLogLine(m, m.log, 99), { ...m, lastTime: 99 });
    assert.deepEqual(Object.keys(withLogLine(m, m.log, 1)), Object.keys(m));
  });

  it('Replay applies runs of ordinary lines at once, to the meetings and events stepping each line gives', () => {
    const odd = ['#1234 is a ticket', '\x02#topic bold topic', '#link https://e.org/ x', 'https://e.org/bare', ' #info spaced',
      '#channel talk', '\x01ACTION #info waves\x01', '#endmeeting', 'after the end', '#startmeeting second', '#action bob does it', 'x'];
    const config = meetingConfig({ channel: '#c' });
    const events: LineEvent[] = [
      ...readLog(generateMeetingLog(3000, 7), { y: 2024, m: 1, d: 15 }, 'UTC').events,
      ...odd.map((text, i) => ({ type: 'line' as const, time: 9e12 + i, nick: i % 3 === 0 ? 'MeetBot' : 'bob', kind: 'message' as const, text, fromBot: i === 11 })),
    ];
    const replay = new Replay(config, true);
    for (const ev of events) replay.add(ev);
    // The plain fold: every event stepped on its own.
    let state: ChannelState = initialState(config);
    const slices: MeetingSlice[] = [];
    let current: LineEvent[] | undefined;
    for (const ev of events) {
      const r = step(state, ev);
      if (current === undefined && r.state.meeting !== undefined) current = [];
      current?.push(ev);
      state = r.state;
      if (r.ended !== undefined) {
        slices.push({ events: current ?? [], meeting: r.ended });
        current = undefined;
      }
    }
    const open = state.meeting === undefined ? [] : [{ events: current ?? [], meeting: { ...state.meeting, end: state.meeting.lastTime, endReason: 'eof' as const } }];
    const want = [...slices, ...open];
    const got = replay.sliced();
    assert.equal(got.length, 2);
    assert.deepEqual(got.map((s) => logLines(s.meeting)), want.map((s) => logLines(s.meeting)));
    assert.deepEqual(got.map((s) => ({ ...s.meeting, log: undefined })), want.map((s) => ({ ...s.meeting, log: undefined })));
    assert.deepEqual(got.map((s) => s.events), want.map((s) => s.events));
  });

  it('normaliseText trims and drops CTCP markers as before', () => {
    const ref = (t: string): string => t.trim().replace(/^\x01+|\x01+$/g, '').trim();
    const cases = ['', ' a ', '\x01ACTION x\x01', ' \x01\x01 a \x01', 'a\x01b', '\u00a0x\u3000', '\x01', ' \x01 '];
    // The shortcut for text between visible ASCII characters, and each way out of it.
    cases.push('a', 'ab', '~x!', 'a ', ' a', '\x01a', 'a\x01', 'a\u00a0', '\u2028a', 'é', 'xé', '\x7fa', 'a\x7f', '\ufeffa');
    for (const t of cases) {
      assert.equal(normaliseText(t), ref(t), JSON.stringify(t));
    }
  });

  it('wrap gives a short text its one line as the full algorithm does', () => {
    // The algorithm without the shortcut, for text without tabs (Python 2.7 textwrap as MeetBot set it up).
    const ref = (text: string, width: number, first: string, rest: string): string[] => {
      const chunks = text.replace(/[\t\n\x0b\x0c\r]/g, ' ').split(/(\s+)/u).filter((c) => c !== '').reverse();
      const lines: string[] = [];
      while (chunks.length > 0) {
        const cur: string[] = [];
        let len = 0;
        const indent = lines.length > 0 ? rest : first;
        const w = width - codePointLength(indent);
        if (lines.length > 0 && (chunks[chunks.length - 1] ?? 'x').trim() === '') chunks.pop();
        while (chunks.length > 0 && len + codePointLength(chunks[chunks.length - 1] ?? '') <= w) {
          len += codePointLength(chunks[chunks.length - 1] ?? '');
          cur.push(chunks.pop() ?? '');
        }
        if (chunks.length > 0 && codePointLength(chunks[chunks.length - 1] ?? '') > w && cur.length === 0) cur.push(chunks.pop() ?? '');
        if (cur.length > 0 && (cur[cur.length - 1] ?? 'x').trim() === '') cur.pop();
        if (cur.length > 0) lines.push(indent + cur.join(''));
      }
      return lines;
    };
    const r = rng(11);
    const pieces = ['word', 'a', ' ', '  ', '\u00a0', '\u3000', '\n', 'Zoë', '😀', 'x'.repeat(30), '\r', '-'];
    for (let i = 0; i < 3000; i++) {
      const text = Array.from({ length: Math.floor(r() * 12) }, () => pieces[Math.floor(r() * pieces.length)]).join('');
      const width = 10 + Math.floor(r() * 70);
      const indent = ' '.repeat(Math.floor(r() * 6));
      assert.deepEqual(wrap(text, { width, initialIndent: indent, subsequentIndent: `${indent}  ` }), ref(text, width, indent, `${indent}  `), JSON.stringify([text, width]));
    }
  });

  it('ircToSegments gives plain text the segment the full reader gives it', () => {
    // A reset code at the end sends the same text through the character loop without changing it.
    for (const t of ['', 'a', 'plain words', 'Zoë', '<b>&amp;</b>', 'x'.repeat(500), '\u00a0', 'ab\ufffd']) {
      assert.deepEqual(ircToSegments(t), ircToSegments(`${t}\x0f`), JSON.stringify(t));
    }
  });

  it('minutesModel makes item views and by-person lists as a spread and a plain filter would', () => {
    const texts = ['#startmeeting x', '#action bob and ZED[M] fix it', '#link https://e.org/ see', '#link no url here', 'https://bare.example/',
      '#action Zoë writes', '#action ſam and \u212aate', '#info bobby is not bob', '#action someone', '#topic t', '#chair sam kate'];
    const nicks = ['alice', 'bob', 'zed[m]', 'Zoë', 'sam', 'kate', 'bobby'];
    const events = texts.map((text, i) => ({ type: 'line' as const, time: i * 1000, nick: nicks[i % nicks.length] ?? 'x', kind: 'message' as const, text }));
    const m = replayEvents(meetingConfig({ channel: '#c' }), events).meetings[0];
    assert.ok(m !== undefined);
    const model = minutesModel(m);
    assert.ok(itemsOf(m).some((i) => 'url' in i) && itemsOf(m).some((i) => !('url' in i)), 'both item shapes');
    model.items.forEach((v, i) => {
      const item = itemsOf(m)[i];
      assert.ok(item !== undefined);
      assert.deepStrictEqual(v, { ...item, label: v.label, hms: hms(item.time, 'UTC') });
    });
    for (const p of model.byPerson) {
      const matches = nickMatcher(p.nick);
      assert.deepEqual(p.actions, model.actions.filter((a) => matches(a.text)), p.nick);
    }
    assert.deepEqual(model.byPerson.map((p) => p.nick), ['bob', 'kate', 'sam', 'zed[m]', 'Zoë']);
  });

  it('the files written as bytes decode to the text formatLog and the page renderer make', () => {
    const texts = ['#startmeeting Zoë’s meeting', 'plain', '\x02bold\x02 https://e.org/x', '#link https://e.org/ y', '#endmeeting'];
    const events = texts.map((text, i) => ({ type: 'line' as const, time: i * 61_000, nick: i % 2 === 0 ? 'Zoë' : 'bob', kind: 'message' as const, text }));
    const m = replayEvents(meetingConfig({ channel: '#c' }), events).meetings[0];
    assert.ok(m !== undefined);
    const files = renderMeeting(m).files;
    const logTxt = files.find((f) => f.ext === '.log.txt');
    assert.ok(logTxt?.bytes !== undefined);
    assert.equal(logTxt.content, formatLog(logLines(m), 'UTC'));
    assert.deepEqual(Buffer.from(logTxt.bytes), Buffer.from(logTxt.content, 'utf8'));
    const logHtml = files.find((f) => f.ext === '.log.html');
    assert.ok(logHtml?.bytes !== undefined && logHtml.content.startsWith('<!DOCTYPE html>') && !logHtml.content.includes('<!-- rows -->'));
  });
});
