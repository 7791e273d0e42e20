// The pure parsers: log lines, commands, links, nick matching, names, wrapping — big tables of cases.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommand } from '../src/core/commands.js';
import { findUrl, safeHref, startsWithUrl } from '../src/core/links.js';
import { parseLogLine } from '../src/core/logformat.js';
import { decodeLog, parseLogFileName, readLog } from '../src/core/logreader.js';
import { channelSlug, meetingBasePath, sanitiseMeetingName, validateFilePattern, DEFAULT_FILE_PATTERN } from '../src/core/names.js';
import { nickMatcher } from '../src/core/nicks.js';
import { wrap } from '../src/core/textwrap.js';
import { asctime } from '../src/core/time.js';

describe('log lines', () => {
  const cases: [string, string][] = [
    ['22:00:26 <wking> #startmeeting x', 'line 22:0:26 message wking "#startmeeting x"'],
    ['[22:00:26] <wking> hi', 'line 22:0:26 message wking "hi"'],
    ['22:00 <wking> hi', 'line 22:0:0 message wking "hi"'],
    ['22:00:26 <@op> hi', 'line 22:0:26 message op "hi"'],
    ['22:00:26 <+voiced> hi', 'line 22:0:26 message voiced "hi"'],
    ['22:00:26 * wking waves', 'line 22:0:26 action wking "waves"'],
    ['22:00:26 <wking> * not an action', 'line 22:0:26 message wking "* not an action"'],
    ['22:00:26 <collabot`> x', 'line 22:0:26 message collabot` "x"'],
    ['22:00:26 <vbatts|work> x', 'line 22:0:26 message vbatts|work "x"'],
    ['22:00:26 <wking> \x01ACTION x\x01', 'line 22:0:26 message wking "ACTION x"'],
    ['22:00:26 <wking>   spaced   ', 'line 22:0:26 message wking "spaced"'],
    ['22:00:26 <wking>', 'line 22:0:26 message wking ""'],
    ['', 'skip'],
    ['   ', 'skip'],
    ['# a comment', 'skip'],
    ['12:0', 'bad'],
    ['hello world', 'bad'],
    ['25:00:00 <a> b', 'bad'],
    ['22:00:26 <> b', 'bad'],
    ['22:00:26 nick text', 'bad'],
  ];
  for (const [input, expected] of cases) {
    it(JSON.stringify(input), () => {
      const p = parseLogLine(input);
      const got = p.type === 'line' ? `line ${p.h}:${p.m}:${p.s} ${p.kind} ${p.nick} ${JSON.stringify(p.text)}` : p.type;
      assert.equal(got, expected);
    });
  }

  it('reports bad lines with their line numbers and keeps the rest', () => {
    const r = readLog('10:00:00 <a> #startmeeting x\ngarbage\n10:00:01 <a> hi', { y: 2024, m: 1, d: 15 }, 'UTC');
    assert.equal(r.events.length, 2);
    assert.deepEqual(r.problems.map((p) => p.line), [2]);
  });

  it('rolls the day over at midnight', () => {
    const r = readLog('23:59:59 <a> x\n00:00:01 <a> y', { y: 2024, m: 12, d: 31 }, 'UTC');
    assert.equal(new Date(r.events[1]!.time).toISOString(), '2025-01-01T00:00:01.000Z');
  });

  it('reads times in the given zone', () => {
    const r = readLog('22:00:00 <a> x', { y: 2018, m: 3, d: 7 }, 'Europe/Berlin');
    assert.equal(new Date(r.events[0]!.time).toISOString(), '2018-03-07T21:00:00.000Z');
  });

  it('turns invalid UTF-8 into U+FFFD and says so', () => {
    const d = decodeLog(Buffer.from([0x61, 0xff, 0x62]));
    assert.deepEqual(d, { text: 'a\ufffdb', invalidUtf8: true });
    assert.deepEqual(decodeLog(Buffer.from('Zoë', 'utf8')), { text: 'Zoë', invalidUtf8: false });
  });

  it('takes channel and date from a MeetBot file name', () => {
    assert.deepEqual(parseLogFileName('/x/opencontainers.2018-03-07-22.00.log.txt'), {
      channel: '#opencontainers', date: { y: 2018, m: 3, d: 7 }, hour: 22, minute: 0,
    });
    assert.deepEqual(parseLogFileName('meeting.log.txt'), {});
  });
});

describe('commands', () => {
  const cases: [string, string | undefined][] = [
    ['#info x', 'info|x'],
    ['#INFO x', 'info|x'],
    ['#info: x', 'info|: x'],
    ['#info', 'info|'],
    ['#info    x  ', 'info|x  '],
    ['#1234', '1234|'],
    ['#', undefined],
    ['# info', undefined],
    ['info #info', undefined],
    ['#zoë x', 'zo|ë x'],
  ];
  for (const [input, expected] of cases) {
    it(JSON.stringify(input), () => {
      const c = parseCommand(input);
      assert.equal(c === undefined ? undefined : `${c.word}|${c.arg}`, expected);
    });
  }
});

describe('links', () => {
  it('knows which lines start with a URL', () => {
    for (const yes of ['http://a', 'https://a b', 'irc://x/#c', 'ftp://f', 'mailto://a@b', 'ssh://h']) assert.ok(startsWithUrl(yes), yes);
    for (const no of ['HTTP://A', 'mailto:a@b', 'see http://a', 'javascript://x', 'http:/a', '']) assert.ok(!startsWithUrl(no), no);
  });

  it('finds the URL in a link without trailing . or )', () => {
    assert.equal(findUrl('agenda https://g.co/x#!t/y'), 'https://g.co/x#!t/y');
    assert.equal(findUrl('(https://e.com/paren).'), 'https://e.com/paren');
    assert.equal(findUrl('no url'), undefined);
    assert.equal(findUrl('http://'), undefined);
  });

  it('links only safe schemes', () => {
    assert.equal(safeHref('https://e.com/a?b=1&c=2'), 'https://e.com/a?b=1&c=2');
    for (const bad of ['javascript:alert(1)', 'javascript://alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,x', 'vbscript:x', 'not a url']) {
      assert.equal(safeHref(bad), undefined, bad);
    }
  });
});

describe('nick matching in action items', () => {
  const cases: [string, string, boolean][] = [
    ['bob', 'bob and carol', true],
    ['bob', "review BOB's patch", true],
    ['bob', 'bobby to fix it', false],
    ['carol', 'Carol: review', true],
    ['Zoë', 'zoë to write', true],
    ['Zoë', 'Zoëy to write', false],
    ['zed[m]', 'frank-o and zed[m] to triage', true],
    ['a|b', 'a|b does it', true],
    ['x^y', 'ask x^y', true],
    ['frank-o', 'frank-o and zed', true],
    ['frank', 'frank-o and zed', true],
    ['', 'anything', false],
  ];
  for (const [nick, text, expected] of cases) {
    it(`${nick} in ${JSON.stringify(text)}: ${expected}`, () => assert.equal(nickMatcher(nick)(text), expected));
  }
});

describe('names and paths', () => {
  it('sanitises meeting names as MeetBot did', () => {
    assert.equal(sanitiseMeetingName('2018-03-07 discussion'), '2018_03_07_discussion');
    assert.equal(sanitiseMeetingName('Edge  Case\tWeekly'), 'edge_case_weekly');
    assert.equal(sanitiseMeetingName('<b>x</b>'), '_b_x__b_');
  });

  it('makes channel slugs', () => {
    assert.equal(channelSlug('#OpenContainers'), 'opencontainers');
    assert.equal(channelSlug('#a/b'), 'ab');
  });

  it('never lets a name leave the output folder', () => {
    const base = (channel: string, name = 'x', pattern = DEFAULT_FILE_PATTERN): string =>
      meetingBasePath(pattern, { channel, network: 'net', meetingName: name, start: Date.UTC(2018, 2, 7, 22), timezone: 'UTC' });
    assert.equal(base('#opencontainers'), 'opencontainers/2018/opencontainers.2018-03-07-22.00');
    for (const ch of ['#..', '#../..', '#.', '#\0x']) {
      const p = base(ch);
      assert.ok(!p.split('/').some((s) => s === '..' || s === '.' || s === ''), p);
    }
    assert.equal(base('#c', '../../etc', '{meetingname}/{channel}'), 'etc/c');
  });

  it('rejects bad file patterns with the reason', () => {
    assert.throws(() => validateFilePattern('/abs/{channel}'), /relative/);
    assert.throws(() => validateFilePattern('{channel}/../x'), /'\.\.'/);
    assert.throws(() => validateFilePattern('{chanel}'), /unknown variable \{chanel\}/);
    validateFilePattern('{network}/{channel}/{YYYY}/{meetingname}.{YYYY}-{MM}-{DD}');
  });
});

describe('time', () => {
  it('formats asctime with a space-padded day', () => {
    assert.equal(asctime(Date.UTC(2018, 2, 7, 22, 0, 26), 'UTC'), 'Wed Mar  7 22:00:26 2018');
    assert.equal(asctime(Date.UTC(2024, 0, 15, 10, 0, 0), 'UTC'), 'Mon Jan 15 10:00:00 2024');
  });
});

describe('text wrapping (Python textwrap as MeetBot used it)', () => {
  const w = (s: string, indent = 0): string[] => wrap(s, { width: 72, initialIndent: ' '.repeat(indent), subsequentIndent: ' '.repeat(indent + 2) });
  it('breaks at whitespace only, never inside a word or at a hyphen', () => {
    const long = `* LINK: ${'x'.repeat(80)}  (nick, 10:00:00)`;
    assert.deepEqual(w(long), ['* LINK:', `  ${'x'.repeat(80)}`, '  (nick, 10:00:00)']);
    const hy = `  * Mrunal suggests making sure the PR generic and not get into OS-specific details  (RobDolinMS, 18:18:00)`;
    assert.deepEqual(w(hy.trimStart(), 2), ['  * Mrunal suggests making sure the PR generic and not get into', '    OS-specific details  (RobDolinMS, 18:18:00)']);
  });
  it('keeps runs of blanks inside a line and turns tabs into spaces', () => {
    assert.deepEqual(w('a  b\tc'), ['a  b    c']);
  });
  it('counts characters, not bytes', () => {
    const s = `${'é'.repeat(70)} x`;
    assert.deepEqual(w(s), [s]);
  });
  it('drops the blank run where it breaks', () => {
    assert.deepEqual(w(`${'a'.repeat(70)}     b`), ['a'.repeat(70), '  b']);
  });
});
