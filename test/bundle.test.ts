// The bundled `gavel` (package.json bin, made by npm run build) runs every path the module tree runs, with the same output.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli, tempDir } from './support/cli.js';
import { CORPUS, ROOT } from './support/paths.js';

const SEED = join(CORPUS, '2018', 'opencontainers.2018-03-07-22.00.log.txt');

/** The executable `npx gavel` starts, as package.json names it. */
function binPath(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: { gavel: string } };
  return join(ROOT, pkg.bin.gavel);
}

function gavel(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(binPath(), args, { encoding: 'utf8', cwd: ROOT });
}

function filesUnder(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(dir, name);
    try {
      out.set(name, readFileSync(path));
    } catch {
      // A folder: its files are listed on their own.
    }
  }
  return out;
}

describe('the bundled gavel executable', () => {
  it('is the bundle, and starts as an executable', () => {
    assert.match(binPath(), /gavel\.cjs$/, 'package.json bin should name the bundle dist/src/cli/gavel.cjs');
    const r = gavel(['--help']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Gavel /);
  });

  it('replays a log to the same bytes as the module tree (templates found from the bundle)', async () => {
    const bundled = tempDir();
    const modules = tempDir();
    const r = gavel(['replay', SEED, '--out', bundled]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal((await runCli(['replay', SEED, '--out', modules])).code, 0);
    const a = filesUnder(bundled);
    const b = filesUnder(modules);
    assert.deepEqual([...a.keys()], [...b.keys()]);
    assert.ok(a.size >= 6, `expected the six files, got ${[...a.keys()].join(', ')}`);
    for (const [name, bytes] of a) assert.ok(bytes.equals(b.get(name) as Buffer), `${name} differs between the bundle and the modules`);
  });

  it('imports several files through its reading thread (the worker file beside the bundle)', () => {
    const db = join(tempDir(), 'g.sqlite');
    // Two files or more: one file is parsed on the main thread.
    const r = gavel(['import', join(CORPUS, '2015'), '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout + r.stderr, /imported 13 file\(s\)/);
    const list = gavel(['meetings', '--db', db]);
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /opencontainers/);
  });
});
