// Writing a meeting's files while the next renders: every file lands whole, in order, and failures are named.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { RenderedFile } from '../src/render/outputs.js';
import { makeDirs } from '../src/dirs.js';
import { writeAtomic, writeMeetingAsRendered } from '../src/render/write.js';
import { tempDir } from './support/cli.js';

const file = (ext: string, content: string): (() => RenderedFile) => () => ({ ext, content });

describe('writeMeetingAsRendered', () => {
  it('writes text and byte files whole and returns their paths in order', async () => {
    const out = tempDir();
    const big = 'é'.repeat(300_000);
    const paths = await writeMeetingAsRendered(out, {
      base: 'c/2024/c.x',
      restricted: false,
      files: [file('.a', big), () => ({ ext: '.b', content: 'unused', bytes: Buffer.from('bytes ✓') }), file('.c', '')],
    });
    assert.deepEqual(paths, ['.a', '.b', '.c'].map((e) => join(out, 'c', '2024', `c.x${e}`)));
    assert.equal(readFileSync(paths[0] ?? '', 'utf8'), big);
    assert.equal(readFileSync(paths[1] ?? '', 'utf8'), 'bytes ✓');
    assert.equal(readFileSync(paths[2] ?? '', 'utf8'), '');
    assert.deepEqual(readdirSync(join(out, 'c', '2024')).sort(), ['c.x.a', 'c.x.b', 'c.x.c'], 'no temporary file left');
  });

  it('names the file it could not write and leaves no temporary file', async () => {
    const out = tempDir();
    // A folder where the file should go: the rename fails, for root too.
    mkdirSync(join(out, 'x.a'), { recursive: true });
    await assert.rejects(
      writeMeetingAsRendered(out, { base: 'x', restricted: false, files: [file('.a', 'a'), file('.b', 'b')] }),
      /cannot write .*x\.a: /,
    );
    assert.deepEqual(readdirSync(out).sort(), ['x.a', 'x.b'], 'the other file is written, no temporary file is left');
  });

  it('reports a render failure after the files already started are written', async () => {
    const out = tempDir();
    const boom = (): RenderedFile => {
      throw new Error('render failed');
    };
    await assert.rejects(writeMeetingAsRendered(out, { base: 'x', restricted: false, files: [file('.a', 'a'), boom] }), /render failed/);
    assert.equal(readFileSync(join(out, 'x.a'), 'utf8'), 'a');
  });

  it('fails at once, naming the folder, where a folder cannot hold another (Node\'s own mkdir -p loops under /proc)', async () => {
    await assert.rejects(
      writeMeetingAsRendered('/proc/gavel-test-no-such-folder', { base: 'c/2024/x', restricted: false, files: [file('.a', 'a')] }),
      /cannot write \/proc\/gavel-test-no-such-folder\/c\/2024\/x\.a: ENOENT.*mkdir '\/proc\/gavel-test-no-such-folder'/,
    );
  });

  it('makes missing folders level by level, and refuses a file in the way', () => {
    const out = tempDir();
    makeDirs(join(out, 'a', 'b', 'c'));
    makeDirs(join(out, 'a', 'b', 'c'));
    assert.ok(statSync(join(out, 'a', 'b', 'c')).isDirectory());
    writeFileSync(join(out, 'file'), 'x');
    assert.throws(() => makeDirs(join(out, 'file', 'sub')), /ENOTDIR|EEXIST/);
    assert.throws(() => makeDirs(join(out, 'file')), /EEXIST/);
  });

  it('never writes through a file planted where its temporary file goes', () => {
    const out = tempDir();
    const victim = join(tempDir(), 'victim');
    writeFileSync(victim, 'untouched');
    // The temporary names made predictable, and a symlink to the victim planted on every one of them.
    const random = Math.random;
    Math.random = () => 0.5;
    try {
      const suffix = (0.5).toString(36).slice(2, 10);
      for (let n = 1; n <= 3000; n++) symlinkSync(victim, join(out, `x.a.tmp-${process.pid}-${n}-${suffix}`));
      assert.throws(() => writeAtomic(join(out, 'x.a'), 'attack', 0o644), /cannot write .*x\.a: EEXIST/);
    } finally {
      Math.random = random;
    }
    assert.equal(readFileSync(victim, 'utf8'), 'untouched');
  });

  it('refuses a base path outside the output folder', async () => {
    await assert.rejects(writeMeetingAsRendered(tempDir(), { base: '../x', restricted: false, files: [file('.a', 'a')] }), /outside the output folder/);
  });
});
