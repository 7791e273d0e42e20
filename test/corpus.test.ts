// Every log of the OCI corpus and the golden cases, replayed: the raw log back byte for byte, the text minutes as MeetBot's, valid and safe HTML.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { minutesModel } from '../src/core/minutes.js';
import { loadLogFile } from '../src/cli/replay.js';
import { normaliseForComparison } from './support/compare.js';
import { assertAnchors, assertSafe, parseStrict } from './support/html.js';
import { runCli, tempDir } from './support/cli.js';
import { CORPUS, GOLDEN_CASES, OCI_PREFIX, listFiles, requireShared } from './support/paths.js';

before(requireShared);

const corpusLogs = (): string[] => listFiles(CORPUS, '.log.txt');

describe('replay of the OCI corpus', () => {
  it('has the 56 meetings of the corpus', () => {
    assert.equal(corpusLogs().length, 56);
  });

  it('writes every log back byte for byte and the text minutes as MeetBot did, in one gavel replay call', async () => {
    const out = tempDir();
    const files = corpusLogs();
    const run = await runCli(['replay', ...files, '--out', out, '--url-prefix', OCI_PREFIX, '--wording', 'meetbot']);
    assert.equal(run.stderr, '');
    assert.equal(run.code, 0);
    assert.equal(run.stdout.trim().split('\n').length, files.length * 6);
    for (const file of files) {
      const name = basename(file, '.log.txt');
      const written = join(out, 'opencontainers', name.slice(15, 19), name);
      assert.ok(run.stdout.includes(`${written}.html\n`), `${written}.html printed`);
      assert.deepEqual(readFileSync(`${written}.log.txt`), readFileSync(file), `${file}: .log.txt round trip`);
      const { meetings } = loadLogFile(file, { urlPrefix: OCI_PREFIX, timezone: 'UTC', date: undefined, channel: undefined, wording: 'meetbot' });
      const model = minutesModel(meetings[0]!);
      const cmp = normaliseForComparison(readFileSync(`${written}.txt`, 'utf8'), readFileSync(file.replace(/\.log\.txt$/, '.txt'), 'utf8'), model);
      assert.equal(cmp.gavel, cmp.meetbot, `${file}: .txt differs beyond the documented differences`);
      const minutes = parseStrict(readFileSync(`${written}.html`, 'utf8'));
      const log = parseStrict(readFileSync(`${written}.log.html`, 'utf8'));
      assertSafe(minutes);
      assertSafe(log);
      assertAnchors(model, minutes, log);
    }
  });
});

describe('replay of the golden cases', () => {
  for (const c of GOLDEN_CASES) {
    it(`${c.name}: expected.log.txt round trips and the minutes match expected.txt`, async () => {
      const out = tempDir();
      const log = join(c.dir, 'expected.log.txt');
      const date = `${c.date.y}-${String(c.date.m).padStart(2, '0')}-${String(c.date.d).padStart(2, '0')}`;
      const run = await runCli(['replay', log, '--out', out, '--url-prefix', c.urlPrefix, '--channel', c.channel, '--date', date, '--wording', 'meetbot']);
      assert.equal(run.code, 0, run.stderr);
      const paths = run.stdout.trim().split('\n');
      const base = paths[0]!.replace(/\.log\.txt$/, '');
      assert.deepEqual(readFileSync(`${base}.log.txt`), readFileSync(log));
      const { meetings } = loadLogFile(log, { urlPrefix: c.urlPrefix, timezone: 'UTC', date: c.date, channel: c.channel, wording: 'meetbot' });
      const cmp = normaliseForComparison(readFileSync(`${base}.txt`, 'utf8'), readFileSync(join(c.dir, 'expected.txt'), 'utf8'), minutesModel(meetings[0]!));
      assert.equal(cmp.gavel, cmp.meetbot);
    });
  }
});
