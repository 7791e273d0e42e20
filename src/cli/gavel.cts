#!/usr/bin/env node
// The `gavel` executable: runs the bundled CLI (gavel-bundle.cjs) with the V8 code cache npm run build made for it.
// Compiling the bundle's 300 KB, and each function the first time it runs, is a tenth of a short
// replay. `npm run build` runs one replay with GAVEL_CODE_CACHE=write, and this file saves V8's code
// for everything that ran; later starts hand it back to V8. V8 refuses a cache from another Node or
// V8 version or other flags, but of the source it checks only the length: so the cache also names
// the size and time of the bundle it was made from, and is used for that bundle only. A refused
// cache changes how fast gavel starts, never what it does. (Node 22's module.enableCompileCache does
// the same; this project runs on Node 20.)
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';

const BUNDLE = join(__dirname, 'gavel-bundle.cjs');
const CACHE = join(__dirname, 'gavel-bundle.cache');

/** The bundle file as the cache names it: a bundle changed since (patched, rebuilt) has another. */
function bundleStamp(): string {
  const st = statSync(BUNDLE);
  return `${st.size} ${st.mtimeMs}\n`;
}

/** V8's code from the cache file, if the file was made for this very bundle. */
function readCache(stamp: string): Buffer | undefined {
  let file: Buffer;
  try {
    file = readFileSync(CACHE);
  } catch {
    return undefined;
  }
  const head = Buffer.from(stamp, 'latin1');
  return file.subarray(0, head.length).equals(head) ? file.subarray(head.length) : undefined;
}

// The bundle's first line is a #! line, which is not JavaScript inside the module wrapper.
const stamp = bundleStamp();
const source = readFileSync(BUNDLE, 'utf8').replace(/^#!/, '//');
const script = new Script(wrap(source), { filename: BUNDLE, cachedData: readCache(stamp) });
if (process.env['GAVEL_CODE_CACHE'] === 'write') {
  process.on('exit', () => writeFileSync(CACHE, Buffer.concat([Buffer.from(stamp, 'latin1'), script.createCachedData()])));
}
const bundle = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void)(bundle.exports, createRequire(BUNDLE), bundle, BUNDLE, __dirname);
