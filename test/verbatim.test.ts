// A log read verbatim is copied as its .log.txt: only ever when printing it anew would give the same bytes.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { formatLog } from '../src/core/logformat.js';
import { logLines } from '../src/core/state.js';
import { loadLogFile, toReplayOptions, verbatimLogTxt, type LoadedLog } from '../src/cli/replay.js';
import { generateMeetingLog } from './bench/generate.js';
import { CORPUS, GOLDEN_CASES, listFiles, requireShared } from './support/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'gavel-verbatim-'));
let n = 0;

function load(text: string | Buffer, tz = 'UTC'): LoadedLog {
  const sub = join(dir, String(n++));
  mkdirSync(sub);
  const file = join(sub, 'chan.2024-03-31-00.00.log.txt');
  writeFileSync(file, text);
  return loadLogFile(file, toReplayOptions({ tz }));
}

/** Every meeting of the log: the copy, where one is made, equals the printed log byte for byte. */
function check(loaded: LoadedLog, label: string): number {
  let copied = 0;
  for (const slice of loaded.slices) {
    const printed = Buffer.from(formatLog(logLines(slice.meeting), slice.meeting.config.timezone), 'utf8');
    const copy = verbatimLogTxt(loaded, slice);
    if (copy === undefined) continue;
    copied++;
    assert.ok(Buffer.from(copy).equals(printed), `${label}: the copied .log.txt differs from the printed one`);
  }
  return copied;
}

const START = '10:00:00 <alice> #startmeeting x';
const END = '10:00:09 <alice> #endmeeting';

describe('a log read verbatim', () => {
  it('is copied for canonical logs: every corpus and golden log, and a generated one, equal to the printed bytes', () => {
    requireShared();
    let copied = 0;
    const files = listFiles(CORPUS, '.log.txt');
    let meetings = 0;
    for (const file of files) {
      const loaded = loadLogFile(file, toReplayOptions({}));
      meetings += loaded.slices.length;
      copied += check(loaded, file);
    }
    // MeetBot wrote every corpus log in the form Gavel prints: each one is copied, or the fast path is dead code.
    assert.equal(copied, meetings, 'every corpus meeting is copied');
    for (const c of GOLDEN_CASES) {
      const file = join(c.dir, 'input.log.txt');
      const date = `${c.date.y}-${String(c.date.m).padStart(2, '0')}-${String(c.date.d).padStart(2, '0')}`;
      copied += check(loadLogFile(file, toReplayOptions({ channel: c.channel, date })), file);
    }
    assert.equal(check(load(generateMeetingLog(3000, 5)), 'generated'), 1);
  });

  it('is printed anew when a line is not in the form Gavel writes', () => {
    const cases: [string, string][] = [
      ['a tab after the nick', '10:00:01 <bob>\thello'],
      ['two spaces after the nick', '10:00:01 <bob>  hello'],
      ['trailing blanks', '10:00:01 <bob> hello  '],
      ['an empty text without the space', '10:00:01 <bob>'],
      ['a bracketed time', '[10:00:01] <bob> hello'],
      ['an action line with two spaces', '10:00:01 *  bob waves'],
      ['an action line with a tab', '10:00:01 * bob\twaves'],
      ['an action line with no text', '10:00:01 * bob'],
      ['a mode prefix', '10:00:01 <@bob> hello'],
      ['a CTCP marker', '10:00:01 <bob> \x01hello\x01'],
      ['a leap second', '10:00:60 <bob> hello'],
      ['a blank line', ''],
      ['a comment line', '# not a line'],
      ['an unreadable line', 'garbage'],
    ];
    for (const [label, line] of cases) {
      const loaded = load([START, line, '10:00:02 <bob> after', END].join('\n'));
      assert.equal(loaded.slices.length, 1, label);
      assert.equal(loaded.slices[0]?.verbatim, undefined, `${label}: must not be copied`);
      check(loaded, label);
    }
  });

  it('is copied with action lines in the form Gavel writes', () => {
    assert.equal(check(load([START, '10:00:01 * bob waves', '10:00:02 <bob> hi', END].join('\n')), 'action'), 1);
  });

  it('is printed anew with CR LF line ends, and copied with a final newline or none', () => {
    assert.equal(load([START, '10:00:01 <bob> hi', END].join('\r\n')).slices[0]?.verbatim, undefined);
    for (const tail of ['', '\n']) {
      const loaded = load([START, '10:00:01 <bob> hi', END].join('\n') + tail);
      assert.equal(check(loaded, `tail ${JSON.stringify(tail)}`), 1);
    }
  });

  it('holds only the meeting: talk before the start and after the end stays out', () => {
    const loaded = load(['09:59:00 <bob> before', START, '10:00:01 <bob> hi', END, '10:00:10 <bob> after'].join('\n'));
    assert.equal(check(loaded, 'around'), 1);
    assert.equal(Buffer.from(verbatimLogTxt(loaded, loaded.slices[0]!) ?? []).toString(), [START, '10:00:01 <bob> hi', END].join('\n'));
  });

  it('copies non-ASCII text as text, and invalid UTF-8 as the U+FFFD it was read as', () => {
    assert.equal(check(load([START, '10:00:01 <Zoë> ça va — 😀', END].join('\n')), 'unicode'), 1);
    const bad = Buffer.concat([Buffer.from(`${START}\n10:00:01 <bob> a`), Buffer.from([0x80, 0x80, 0x80]), Buffer.from(`b\n${END}`)]);
    const loaded = load(bad);
    assert.equal(loaded.ascii, false);
    assert.equal(check(loaded, 'invalid UTF-8'), 1);
  });

  it('is printed anew where the zone skips the clock time written (DST gap), copied where it does not', () => {
    // 2024-03-31 02:30 does not exist in Berlin: it prints as 03:30.
    const gap = load(['02:00:00 <alice> #startmeeting x', '02:30:00 <bob> hi', '02:40:00 <alice> #endmeeting'].join('\n'), 'Europe/Berlin');
    assert.equal(gap.slices[0]?.verbatim, undefined);
    check(gap, 'gap');
    const plain = load([START, '10:00:01 <bob> hi', END].join('\n'), 'Europe/Berlin');
    assert.equal(check(plain, 'Berlin'), 1);
  });

  it('keeps each meeting of a log with two apart', () => {
    const loaded = load([START, '10:00:01 <bob> one', END, '', '11:00:00 <alice> #startmeeting y', '11:00:01 <bob> two', '11:00:02 <alice> #endmeeting'].join('\n'));
    assert.equal(loaded.slices.length, 2);
    assert.equal(check(loaded, 'two meetings'), 2);
  });
});
