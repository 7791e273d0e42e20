// The bundled `gavel` (package.json bin, made by npm run build) runs every path the module tree runs, with the same output.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { describe, it } from 'node:test';
import { runCli, tempDir } from './support/cli.js';
import { CORPUS, ROOT } from './support/paths.js';

const SEED = join(CORPUS, '2018', 'opencontainers.2018-03-07-22.00.log.txt');

/** The executable `npx gavel` starts, as package.json names it. */
function binPath(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: { gavel: string } };
  return join(ROOT, pkg.bin.gavel);
}

/** What gavel runs from, copied to a new folder (with no code cache): the loader, the bundle, templates, packages. */
function installedCopy(): string {
  const root = tempDir();
  const cli = join(root, 'dist', 'src', 'cli');
  mkdirSync(cli, { recursive: true });
  for (const f of ['gavel.cjs', 'gavel-bundle.cjs']) cpSync(join(ROOT, 'dist', 'src', 'cli', f), join(cli, f));
  cpSync(join(ROOT, 'dist', 'templates'), join(root, 'dist', 'templates'), { recursive: true });
  cpSync(join(ROOT, 'templates'), join(root, 'templates'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  return root;
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
    assert.match(binPath(), /gavel\.cjs$/, 'package.json bin should name the bundle loader dist/src/cli/gavel.cjs');
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

  it('has a code cache from the build, made for this bundle, that this Node accepts', () => {
    const dir = join(ROOT, 'dist', 'src', 'cli');
    const bundle = join(dir, 'gavel-bundle.cjs');
    const file = readFileSync(join(dir, 'gavel-bundle.cache'));
    const head = file.subarray(0, file.indexOf(0x0a) + 1).toString('latin1');
    const st = statSync(bundle);
    assert.equal(head, `${st.size} ${st.mtimeMs}\n`, 'the cache names the bundle it was made from');
    const source = readFileSync(bundle, 'utf8').replace(/^#!/, '//');
    const script = new Script(Module.wrap(source), { filename: bundle, cachedData: file.subarray(head.length) });
    assert.equal(script.cachedDataRejected, false, 'V8 refused the code cache npm run build made');
  });

  it('runs a bundle changed since its cache was made as it is now, not the cached code', () => {
    // V8 checks only the source's length: a same-length edit with the old cache would run the old code.
    const root = installedCopy();
    const cli = join(root, 'dist', 'src', 'cli');
    cpSync(join(ROOT, 'dist', 'src', 'cli', 'gavel-bundle.cache'), join(cli, 'gavel-bundle.cache'));
    const bundle = join(cli, 'gavel-bundle.cjs');
    const source = readFileSync(bundle, 'utf8');
    // Text of the text minutes: code the build's replay ran, so it is in the cache.
    const patched = source.replace('Meeting started by ', 'MEETING STARTED BY ');
    assert.notEqual(patched, source);
    assert.equal(patched.length, source.length);
    writeFileSync(bundle, patched);
    const out = tempDir();
    const r = spawnSync(process.execPath, [join(cli, 'gavel.cjs'), 'replay', SEED, '--out', out, '--formats', 'txt'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(readFileSync(r.stdout.trim(), 'utf8'), /^MEETING STARTED BY wking/m);
  });

  it('runs the same when its code cache is refused (another Node, or a damaged file)', () => {
    // An installed copy of what gavel runs from, with a cache V8 cannot use.
    const root = installedCopy();
    const cli = join(root, 'dist', 'src', 'cli');
    writeFileSync(join(cli, 'gavel-bundle.cache'), 'not a code cache');
    const copied = tempDir();
    const r = spawnSync(process.execPath, [join(cli, 'gavel.cjs'), 'replay', SEED, '--out', copied], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const real = tempDir();
    assert.equal(gavel(['replay', SEED, '--out', real]).status, 0);
    const a = filesUnder(copied);
    const b = filesUnder(real);
    assert.deepEqual([...a.keys()], [...b.keys()]);
    for (const [name, bytes] of a) assert.ok(bytes.equals(b.get(name) as Buffer), `${name} differs without the code cache`);
  });
});
