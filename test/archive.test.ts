// The archive from the command line: import the OCI corpus, render it back identical to replay, search it.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { before, describe, it } from 'node:test';
import { main } from '../src/cli/main.js';
import { runCli, tempDir } from './support/cli.js';
import { generateMeetingLog } from './bench/generate.js';
import { CORPUS, OCI_PREFIX, listFiles, requireShared } from './support/paths.js';

before(requireShared);

const SEED = join(CORPUS, '2018', 'opencontainers.2018-03-07-22.00.log.txt');

interface Hit {
  meetingId: number;
  kind: string;
  nick: string;
  time: number;
  line: number;
  text: string;
  url: string;
  snippet: { text: string; mark?: true }[];
}

describe('the archive of the OCI corpus', () => {
  const dir = tempDir();
  const db = join(dir, 'oci.sqlite');

  before(async () => {
    const run = await runCli(['import', CORPUS, '--db', db, '--url-prefix', OCI_PREFIX, '--wording', 'meetbot']);
    assert.equal(run.stderr, '');
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^imported 56 file\(s\): 56 meeting\(s\), \d+ line\(s\) in [\d.]+ s \(\d+ lines\/s\); 0 already imported; 0 failed\n$/);
  });

  it('renders every stored meeting byte-identical to what gavel replay writes', async () => {
    const fromLogs = join(dir, 'replayed');
    const fromDb = join(dir, 'rendered');
    const logs = listFiles(CORPUS, '.log.txt');
    const replay = await runCli(['replay', ...logs, '--out', fromLogs, '--url-prefix', OCI_PREFIX, '--wording', 'meetbot']);
    assert.equal(replay.code, 0);
    const render = await runCli(['render', '--db', db, '--out', fromDb, '--all']);
    assert.equal(render.stderr, '');
    assert.equal(render.code, 0);
    const written = listFiles(fromLogs, '');
    assert.equal(written.length, 56 * 6);
    assert.deepEqual(listFiles(fromDb, '').map((f) => relative(fromDb, f)), written.map((f) => relative(fromLogs, f)));
    for (const f of written) assert.ok(readFileSync(f).equals(readFileSync(join(fromDb, relative(fromLogs, f)))), `${relative(fromLogs, f)} differs`);
  });

  it('does not import the same file twice', async () => {
    const again = await runCli(['import', SEED, join(CORPUS, '2015'), '--db', db]);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /^imported 0 file\(s\): 0 meeting\(s\), 0 line\(s\) .*; 14 already imported; 0 failed\n$/);
    const list = await runCli(['meetings', '--db', db, '--json']);
    const meetings = JSON.parse(list.stdout) as { id: number; start: string; name: string; status: string; minutes: string }[];
    assert.equal(meetings.length, 56);
    const seed = meetings.find((m) => m.start === '2018-03-07T22:00:26.000Z');
    assert.deepEqual(seed && { name: seed.name, status: seed.status, minutes: seed.minutes }, {
      name: '2018_03_07_discussion',
      status: 'ended',
      minutes: 'opencontainers/2018/opencontainers.2018-03-07-22.00.html',
    });
  });

  it('finds the links of the seed meeting about runtime-spec, with their times and lines', async () => {
    const run = await runCli(['search', 'runtime-spec', '--kind', 'link', '--db', db, '--json', '--limit', '3']);
    assert.equal(run.code, 0, run.stderr);
    const hits = (JSON.parse(run.stdout) as { hits: Hit[] }).hits;
    const base = `${OCI_PREFIX}opencontainers/2018/opencontainers.2018-03-07-22.00.log.html`;
    assert.deepEqual(
      hits.map((h) => [h.kind, h.nick, new Date(h.time).toISOString(), h.text, h.url]),
      [
        ['link', 'wking', '2018-03-07T22:21:18.000Z', 'https://github.com/opencontainers/runtime-spec/pull/949', `${base}#l-36`],
        ['link', 'vbatts|work', '2018-03-07T22:08:59.000Z', 'https://github.com/opencontainers/runtime-spec/milestone/9', `${base}#l-17`],
        ['link', 'vbatts|work', '2018-03-07T22:08:28.000Z', 'https://github.com/opencontainers/runtime-spec/milestone/16', `${base}#l-15`],
      ],
    );
    assert.deepEqual(hits[0]?.snippet.filter((p) => p.mark).map((p) => p.text), ['runtime-spec']);
    const log = readFileSync(SEED, 'utf8').split('\n');
    assert.match(log[35] ?? '', /runtime-spec\/pull\/949/, 'line 36 of the log is the one linked');
  });

  it('finds the topic "VM containers" of 2018-03-07', async () => {
    const run = await runCli(['search', 'VM', '--kind', 'topic', '--db', db]);
    assert.equal(run.code, 0);
    assert.equal(
      run.stdout,
      '2018-03-07 22:21:00 UTC  #opencontainers 2018_03_07_discussion  TOPIC by wking\n' +
        '    [VM] containers\n' +
        `    ${OCI_PREFIX}opencontainers/2018/opencontainers.2018-03-07-22.00.log.html#l-35\n` +
        '2016-05-18 17:33:52 UTC  #opencontainers oci_weekly_meeting_5_18  TOPIC by wking\n' +
        '    [VM] configuration updates\n' +
        `    ${OCI_PREFIX}opencontainers/2016/opencontainers.2016-05-18-17.01.log.html#l-92\n`,
    );
  });

  it('searches log lines with phrases, prefixes, NOT and filters', async () => {
    const json = async (...args: string[]): Promise<Hit[]> => {
      const run = await runCli(['search', ...args, '--db', db, '--json', '--limit', '1000']);
      assert.equal(run.code, 0, run.stderr);
      const hits = (JSON.parse(run.stdout) as { hits: Hit[] }).hits;
      for (const h of hits) {
        for (const piece of h.snippet.map((p) => p.text).join('').split('…')) assert.ok(h.text.includes(piece), `the snippet of ${h.url} is from its own text`);
      }
      return hits;
    };
    const phrase = await json('"VM containers"', '--kind', 'line');
    assert.ok(phrase.length > 0 && phrase.every((h) => /VM containers/i.test(h.text)));
    const prefix = await json('containe*', '--channel', '#OpenContainers', '--since', '2018-03-07', '--until', '2018-03-07');
    assert.ok(prefix.length > 0);
    assert.ok(prefix.every((h) => new Date(h.time).toISOString().startsWith('2018-03-07') && /containe/i.test(h.text)));
    const not = await json('VM NOT containers', '--kind', 'line');
    assert.ok(not.length > 0 && not.every((h) => /\bVMs?\b/i.test(h.text) && !/\bcontainers\b/i.test(h.text)));
    const byNick = await json('runc', '--nick', 'crosbymichael');
    assert.ok(byNick.length > 0 && byNick.every((h) => h.nick.toLowerCase() === 'crosbymichael'));
    const named = await json('spec', '--name', '2018_03_07_discussion', '--kind', 'agreed,topic,line');
    assert.ok(named.length > 0 && named.every((h) => h.url.includes('2018-03-07-22.00') && ['agreed', 'topic', 'line'].includes(h.kind)));
  });

  it('explains a bad query or option instead of a stack trace', async () => {
    const bad = await runCli(['search', 'AND (', '--db', db]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^gavel search: cannot search for "AND \(": fts5: syntax error near "AND"\. Use words, "a phrase", prefix\*, AND, OR, NOT and parentheses\.\n$/);
    const kind = await runCli(['search', 'x', '--kind', 'decision', '--db', db]);
    assert.equal(kind.code, 2);
    assert.match(kind.stderr, /--kind must be a comma-separated list of topic, info, action, agreed, accepted, rejected, idea, help, link, vote, line; got 'decision'/);
    const limit = await runCli(['search', 'x', '--limit', '0', '--db', db]);
    assert.match(limit.stderr, /--limit must be a whole number from 1 to 1000, got '0'/);
  });
});

describe('gavel import of broken files', () => {
  it('imports the good files and names every bad one with its reason', async () => {
    const dir = tempDir();
    const logs = join(dir, 'logs', 'nested');
    mkdirSync(logs, { recursive: true });
    copyFileSync(SEED, join(logs, 'opencontainers.2018-03-07-22.00.log.txt'));
    const good = readFileSync(SEED);
    writeFileSync(join(logs, 'bin.2020-01-01-10.00.log.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 0xff, 0]));
    writeFileSync(join(logs, 'empty.2020-01-01-10.00.log.txt'), '');
    writeFileSync(join(logs, 'talk.2020-01-01-10.00.log.txt'), '[10:00:00] <a> hello\n[10:00:05] <b> no meeting here\n');
    writeFileSync(join(logs, 'noise.2020-01-01-10.00.log.txt'), 'just some text\nnot a log\n');
    // Cut off in the middle of a line, and in Latin-1: both still hold a meeting, so they are imported with warnings.
    writeFileSync(join(logs, 'cut.2020-01-02-10.00.log.txt'), good.subarray(0, good.indexOf('\n', 2000) + 8));
    writeFileSync(join(logs, 'latin.2020-01-03-10.00.log.txt'), Buffer.from('[10:00:00] <zoë> #startmeeting Café\n[10:01:00] <zoë> #endmeeting\n', 'latin1'));
    writeFileSync(join(logs, 'README'), 'not a log file name, not picked up from a folder');
    const db = join(dir, 'a.sqlite');
    const run = await runCli(['import', join(dir, 'logs'), join(dir, 'missing.log.txt'), '--db', db]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^imported 3 file\(s\): 3 meeting\(s\), \d+ line\(s\) .*; 0 already imported; 5 failed\n$/);
    const failed = run.stderr.split('\n').filter((l) => l.startsWith('failed: ')).sort();
    assert.deepEqual(failed, [
      `failed: ${join(dir, 'missing.log.txt')}: no such file or folder`,
      `failed: ${join(logs, 'bin.2020-01-01-10.00.log.txt')}: binary data, not a text log`,
      `failed: ${join(logs, 'empty.2020-01-01-10.00.log.txt')}: empty file`,
      `failed: ${join(logs, 'noise.2020-01-01-10.00.log.txt')}: no MeetBot log lines ([HH:MM:SS] <nick> text) in it`,
      `failed: ${join(logs, 'talk.2020-01-01-10.00.log.txt')}: no #startmeeting line: not a meeting log`,
    ].sort());
    assert.match(run.stderr, new RegExp(`warning: ${join(logs, 'cut.2020-01-02-10.00.log.txt')}:\\d+: `));
    assert.match(run.stderr, new RegExp(`warning: ${join(logs, 'latin.2020-01-03-10.00.log.txt')}: bytes that are not UTF-8 were read as U\\+FFFD`));
    const list = JSON.parse((await runCli(['meetings', '--db', db, '--json'])).stdout) as { channel: string }[];
    assert.deepEqual(list.map((m) => m.channel).sort(), ['#cut', '#latin', '#opencontainers']);
  });

  it('gavel replay --db stores what it replays', async () => {
    const dir = tempDir();
    const db = join(dir, 'r.sqlite');
    const run = await runCli(['replay', SEED, '--out', join(dir, 'out'), '--db', db]);
    assert.equal(run.code, 0);
    const list = JSON.parse((await runCli(['meetings', '--db', db, '--json'])).stdout) as { name: string }[];
    assert.deepEqual(list.map((m) => m.name), ['2018_03_07_discussion']);
    const render = await runCli(['render', '--db', db, '--out', join(dir, 'again'), '--meeting', '1']);
    assert.equal(render.code, 0);
    for (const ext of ['.log.txt', '.log.html', '.html', '.txt', '.md', '.json']) {
      const rel = `opencontainers/2018/opencontainers.2018-03-07-22.00${ext}`;
      assert.equal(readFileSync(join(dir, 'again', rel), 'utf8'), readFileSync(join(dir, 'out', rel), 'utf8'));
    }
    const missing = await runCli(['render', '--db', db, '--out', join(dir, 'x'), '--meeting', '99']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no meeting 99 in /);
  });
});

describe('gavel search past its first window of matches', () => {
  it('finds older hits that a filter keeps, behind thousands of newer matches it drops', async () => {
    const dir = tempDir();
    const db = join(dir, 'w.sqlite');
    assert.equal((await runCli(['import', SEED, '--db', db])).code, 0);
    const big = join(dir, 'busy.2024-01-15-09.00.log.txt');
    writeFileSync(big, generateMeetingLog(12_000, 3));
    assert.equal((await runCli(['import', big, '--db', db])).code, 0);
    const run = await runCli(['search', 'spec', '--channel', '#opencontainers', '--kind', 'line', '--db', db, '--json', '--limit', '100']);
    assert.equal(run.code, 0, run.stderr);
    const hits = (JSON.parse(run.stdout) as { hits: Hit[] }).hits;
    const expected = readFileSync(SEED, 'utf8').split('\n').filter((l) => /\bspec\b/i.test(l)).length;
    assert.equal(hits.length, expected);
    const busy = await runCli(['search', 'spec', '--kind', 'line', '--db', db, '--json', '--limit', '5']);
    const first = (JSON.parse(busy.stdout) as { hits: Hit[]; more: boolean }).hits;
    assert.equal(first.length, 5);
  });
});

describe('gavel import on a terminal', () => {
  it('draws a progress bar of files, lines, rate and time left, and clears it before the summary', async () => {
    const dir = tempDir();
    let err = '';
    let out = '';
    const code = await main(['import', join(CORPUS, '2016'), '--db', join(dir, 'p.sqlite')], {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (err += s), isTTY: true },
      env: {},
      cwd: process.cwd(),
    });
    assert.equal(code, 0);
    assert.match(err, /\r\[#{20}\] (\d+)\/\1 files · [\d,]+ lines · [\d,]+ lines\/s · 0:00 left\x1b\[K/);
    assert.ok(err.endsWith('\r\x1b[K'), 'the bar is cleared at the end');
    assert.match(out, /^imported \d+ file\(s\)/);
  });
});

describe('action numbers of imported logs', () => {
  it('continue across the meetings of a series, in import order, and render with their numbers', async () => {
    const dir = tempDir();
    const log = (day: string, actions: string[]): string => {
      const file = join(dir, `team.2024-01-${day}-10.00.log.txt`);
      writeFileSync(file, ['10:00:00 <alice> #startmeeting weekly', ...actions.map((a, i) => `10:00:0${i + 1} <alice> #action ${a}`), '10:01:00 <alice> #endmeeting', ''].join('\n'));
      return file;
    };
    log('08', ['bob writes', 'carol tests']);
    log('15', ['dave ships']);
    const db = join(dir, 's.sqlite');
    const r = await runCli(['import', dir, '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    const out = join(dir, 'out');
    assert.equal((await runCli(['render', '--db', db, '--out', out, '--all', '--formats', 'txt,json'])).code, 0);
    const second = JSON.parse(readFileSync(join(out, 'team/2024/team.2024-01-15-10.00.json'), 'utf8')) as { items: { ref?: string; text: string }[] };
    assert.deepEqual(second.items.map((i) => [i.ref, i.text]), [['A3', 'dave ships']]);
    assert.match(readFileSync(join(out, 'team/2024/team.2024-01-08-10.00.txt'), 'utf8'), /\* A1 bob writes\n\* A2 carol tests\n/);
  });
});

describe('search limits', () => {
  it('refuses a prefix too short to search cheaply, naming it', async () => {
    const dir = tempDir();
    const db = join(dir, 'l.sqlite');
    assert.equal((await runCli(['import', SEED, '--db', db])).code, 0);
    const r = await runCli(['search', 'w*', '--db', db]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /a prefix needs at least 3 letters before the \*: 'w\*' would match too many words/);
    assert.equal((await runCli(['search', 'spe*', '--db', db])).code, 0);
  });

  it('numbers after an undone action go on from the highest number used', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'u.2024-01-08-10.00.log.txt'), '10:00:00 <alice> #startmeeting w\n10:00:01 <alice> #action a one\n10:00:02 <alice> #action a two\n10:00:03 <alice> #undo A1\n10:00:04 <alice> #endmeeting\n');
    writeFileSync(join(dir, 'u.2024-01-15-10.00.log.txt'), '10:00:00 <alice> #startmeeting w\n10:00:01 <alice> #action b one\n10:00:04 <alice> #endmeeting\n');
    const db = join(dir, 'u.sqlite');
    assert.equal((await runCli(['import', dir, '--db', db])).code, 0);
    const r = await runCli(['search', 'one', '--kind', 'action', '--db', db, '--json']);
    assert.deepEqual((JSON.parse(r.stdout) as { hits: { text: string; item?: number }[] }).hits.map((h) => h.text), ['b one']);
    const rows = new (await import('better-sqlite3')).default(db, { readonly: true }).prepare('SELECT ref, text FROM items ORDER BY id').all();
    assert.deepEqual(rows, [{ ref: 'A2', text: 'a two' }, { ref: 'A3', text: 'b one' }]);
  });
});
