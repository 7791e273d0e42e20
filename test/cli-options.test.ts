// The CLI's shared option checks and plain error messages: dates, channels, URL prefixes, databases, input files, gavel commands.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { meetingCommandsHelp } from '../src/cli/meetingcommands.js';
import { COMMANDS } from '../src/core/commands.js';
import { parseDay } from '../src/dates.js';
import { runCli, tempDir } from './support/cli.js';
import { ROOT } from './support/paths.js';

const SAMPLE = join(ROOT, 'test', 'fixtures', 'opencontainers.2018-03-07-22.00.log.txt');
const WHO = /^(anyone|chairs|admins)$/;

describe('parseDay', () => {
  it('takes real calendar days only, saying why another is none', () => {
    for (const [text, y, m, d] of [
      ['2016-02-29', 2016, 2, 29],
      ['2000-02-29', 2000, 2, 29],
      ['2018-12-31', 2018, 12, 31],
      ['0050-01-01', 50, 1, 1],
    ] as const) {
      const day = parseDay(text, 'x');
      assert.ok(typeof day !== 'string', `${text}: ${String(day)}`);
      assert.deepEqual([day.y, day.m, day.d], [y, m, d], text);
      const back = new Date(day.utc);
      assert.deepEqual([back.getUTCFullYear(), back.getUTCMonth() + 1, back.getUTCDate(), back.getUTCHours()], [y, m, d, 0], text);
    }
    for (const [text, message] of [
      ['2018-02-30', "--since must be a date YYYY-MM-DD, got '2018-02-30' (February 2018 has 28 days)"],
      ['2016-02-30', "--since must be a date YYYY-MM-DD, got '2016-02-30' (February 2016 has 29 days)"],
      ['1900-02-29', "--since must be a date YYYY-MM-DD, got '1900-02-29' (February 1900 has 28 days)"],
      ['2018-04-31', "--since must be a date YYYY-MM-DD, got '2018-04-31' (April 2018 has 30 days)"],
      ['2016-13-01', "--since must be a date YYYY-MM-DD, got '2016-13-01' (there is no month 13)"],
      ['2016-00-01', "--since must be a date YYYY-MM-DD, got '2016-00-01' (there is no month 0)"],
      ['2016-01-00', "--since must be a date YYYY-MM-DD, got '2016-01-00' (there is no day 0)"],
      ['2016-1-01', "--since must be a date YYYY-MM-DD, got '2016-1-01'"],
      ['2016-01-01T00:00', "--since must be a date YYYY-MM-DD, got '2016-01-01T00:00'"],
      ['', "--since must be a date YYYY-MM-DD, got ''"],
    ] as const) {
      assert.equal(parseDay(text, '--since'), message, text);
    }
  });
});

describe('the CLI checks option values the same way in every command', () => {
  let db = '';
  before(async () => {
    db = join(tempDir(), 'oci.sqlite');
    const r = await runCli(['import', SAMPLE, '--db', db]);
    assert.equal(r.code, 0, r.stderr);
  });

  it('refuses a day that does not exist, writing nothing', async () => {
    const out = tempDir();
    const replay = await runCli(['replay', SAMPLE, '--out', out, '--date', '2018-02-30']);
    assert.equal(replay.code, 2);
    assert.match(replay.stderr, /^gavel replay: --date must be a date YYYY-MM-DD, got '2018-02-30' \(February 2018 has 28 days\)\n/);
    assert.deepEqual(readdirSync(out), []);
    for (const option of ['--since', '--until']) {
      const r = await runCli(['search', 'x', '--db', db, option, '2016-02-30']);
      assert.equal(r.code, 2, option);
      assert.match(r.stderr, new RegExp(`^gavel search: ${option} must be a date YYYY-MM-DD, got '2016-02-30' \\(February 2016 has 29 days\\)\\n`));
    }
    assert.equal((await runCli(['search', 'runtime', '--db', db, '--since', '2018-03-07', '--until', '2018-03-07'])).code, 0);
  });

  it('refuses a channel without its #, in every command that takes one, suggesting the quoted name', async () => {
    const out = tempDir();
    const message = "--channel must be a channel name such as '#meetings', got 'opencontainers'; did you mean '#opencontainers'? (quote it: an unquoted # starts a shell comment)\n";
    for (const args of [
      ['meetings', '--db', db],
      ['search', 'runtime', '--db', db],
      ['render', '--db', db, '--out', out],
      ['replay', SAMPLE, '--out', out],
      ['import', SAMPLE, '--db', join(tempDir(), 'new.sqlite')],
    ]) {
      const r = await runCli([...args, '--channel', 'opencontainers']);
      assert.equal(r.code, 2, args[0]);
      assert.ok(r.stderr.startsWith(`gavel ${args[0]}: ${message}`), r.stderr);
    }
    assert.deepEqual(readdirSync(out), []);
    const listed = await runCli(['meetings', '--db', db, '--channel', '#OpenContainers']);
    assert.match(listed.stdout, /#opencontainers/, 'a channel with its # still matches in any letter case');
    const bare = await runCli(['meetings', '--db', db, '--channel']);
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /argument missing; quote the channel name, --channel '#name': an unquoted # starts a shell comment/);
  });

  it('takes --url-prefix only as the config file takes urlPrefix', async () => {
    const expected = 'must be an http:// or https:// URL, or "" for relative links';
    for (const [args, value] of [
      [['replay', SAMPLE, '--out', tempDir()], 'javascript:alert(1)'],
      [['import', SAMPLE, '--db', join(tempDir(), 'new.sqlite')], 'notaurl'],
      [['site', '--db', db, '--out', tempDir()], 'notaurl'],
      [['render', '--db', db, '--all', '--out', tempDir()], 'ftp://example.org/'],
    ] as const) {
      const r = await runCli([...args, '--url-prefix', value]);
      assert.equal(r.code, 2, args[0]);
      assert.ok(r.stderr.startsWith(`gavel ${args[0]}: --url-prefix ${expected}, got '${value}'\n`), r.stderr);
    }
    for (const ok of ['', 'https://meetings.example.org/']) {
      const r = await runCli(['replay', SAMPLE, '--out', tempDir(), '--url-prefix', ok]);
      assert.equal(r.code, 0, r.stderr);
    }
  });

  it('names an --out that is a file once, not once per file written', async () => {
    const file = join(tempDir(), 'README.md');
    writeFileSync(file, 'x');
    for (const args of [['site', '--db', db], ['render', '--db', db, '--all'], ['replay', SAMPLE]]) {
      const r = await runCli([...args, '--out', file]);
      assert.equal(r.code, 2, args[0]);
      assert.ok(r.stderr.startsWith(`gavel ${args[0]}: --out ${file} is a file; expected a folder (made if missing)\n`), r.stderr);
    }
  });
});

describe('the CLI says plainly what is wrong with a database or an input file', () => {
  it('names a missing, empty or folder database before SQLite does, and never says a thing twice', async () => {
    const dir = tempDir();
    const missing = join(dir, 'missing.sqlite');
    const empty = join(dir, 'empty.sqlite');
    writeFileSync(empty, '');
    const readers = (file: string): string[][] => [
      ['search', 'x', '--db', file],
      ['meetings', '--db', file],
      ['render', '--db', file, '--all', '--out', join(dir, 'out')],
      ['site', '--db', file, '--out', join(dir, 'site')],
    ];
    for (const [file, why] of [
      [missing, 'no such file (a database is made by gavel import, gavel replay --db or gavel run)'],
      [empty, 'is an empty file, not a Gavel database'],
      [dir, 'is a folder, not a database file'],
    ] as const) {
      for (const args of readers(file)) {
        const r = await runCli(args);
        assert.equal(r.code, 1, `${args[0]} ${file}`);
        assert.equal(r.stderr, `gavel ${args[0]}: ${file}: ${why}\n`);
      }
    }
    const imported = await runCli(['import', SAMPLE, '--db', dir]);
    assert.equal(imported.stderr, `gavel import: ${dir}: is a folder, not a database file\n`);
    const noFolder = join(dir, 'no', 'such', 'folder.sqlite');
    const replayed = await runCli(['replay', SAMPLE, '--out', join(dir, 'out'), '--db', '/proc/gavel-no-such-folder/x.sqlite']);
    assert.equal(replayed.stderr, 'gavel replay: /proc/gavel-no-such-folder/x.sqlite: no such folder /proc/gavel-no-such-folder to make the database in\n');
    // import makes the folder of a new database itself.
    assert.equal((await runCli(['import', SAMPLE, '--db', noFolder])).code, 0);
  });

  it('says that a file is not a database without repeating SQLite words in parentheses', async () => {
    const r = await runCli(['meetings', '--db', SAMPLE]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `gavel meetings: ${SAMPLE}: not a usable Gavel database: file is not a database\n`);
  });

  it('names a missing log file and a folder given to replay', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'logs'));
    const r = await runCli(['replay', join(dir, 'missing.log.txt'), join(dir, 'logs'), '--out', join(dir, 'out')]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `error: ${join(dir, 'missing.log.txt')}: no such file\nerror: ${join(dir, 'logs')}: is a folder (gavel import reads folders)\n`);
  });
});

describe('gavel commands', () => {
  it('refuses unknown options and arguments with exit code 2, and prints its usage for --help', async () => {
    const bogus = await runCli(['commands', '--bogus']);
    assert.equal(bogus.code, 2);
    assert.match(bogus.stderr, /^gavel commands: Unknown option '--bogus'.*\nUsage: gavel commands \[--markdown\]/s);
    assert.equal(bogus.stdout, '');
    assert.equal((await runCli(['commands', 'extra'])).code, 2);
    const help = await runCli(['commands', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: gavel commands \[--markdown\]\n/);
    assert.match(help.stdout, /--markdown +print the README's Markdown table/);
  });

  it('prints every command in aligned columns within 80 columns, with a short who column', async () => {
    const r = await runCli(['commands']);
    assert.equal(r.code, 0);
    const lines = r.stdout.trimEnd().split('\n');
    for (const l of lines) assert.ok([...l].length <= 79, `longer than 79 columns: ${l}`);
    const header = lines.find((l) => l.trimStart().startsWith('command '));
    assert.ok(header !== undefined);
    const whoAt = header.indexOf('who');
    const helpAt = header.indexOf('what it does');
    for (const c of COMMANDS) {
      const at = lines.findIndex((l) => l.startsWith(`  #${c.name} `) || l.startsWith(`  #${c.name},`) || l === `  #${c.name}`);
      assert.ok(at >= 0, `#${c.name} is listed`);
      // The row with the who column: the command's own, or the next when its arguments fill the first column.
      const own = lines[at] ?? '';
      const row = WHO.test(own.slice(whoAt, helpAt).trim()) ? own : (lines[at + 1] ?? '');
      assert.equal(row.slice(0, whoAt).trim(), row === own ? own.slice(0, whoAt).trim() : '', `#${c.name}: ${row}`);
      assert.match(row.slice(whoAt, helpAt).trim(), WHO, `#${c.name}: ${row}`);
      assert.equal(row[helpAt - 1], ' ', `#${c.name}: the help starts in its column`);
      assert.ok(row.slice(helpAt).startsWith(c.help.split(' ')[0] ?? ''), `#${c.name}: ${row}`);
    }
    assert.doesNotMatch(r.stdout, /\(chairs \(|\(admins \(/);
  });

  it('prints the README table with --markdown', async () => {
    const r = await runCli(['commands', '--markdown']);
    assert.equal(r.stdout, `${meetingCommandsHelp(true)}\n`);
    assert.match(r.stdout, /\| `#endmeeting` \| {2}\| chairs, or anyone after the scheduled length \|/);
  });
});
