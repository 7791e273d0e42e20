#!/usr/bin/env node
// The `gavel` executable: runs the bundled CLI (gavel-bundle.cjs) with the V8 code cache npm run build made for it.
// Compiling the bundle's 300 KB, and each function the first time it runs, is a tenth of a short
// replay. `npm run build` runs one replay with GAVEL_CODE_CACHE=write, and this file saves V8's code
// for everything that ran; later starts hand it back to V8. A cache from another Node or V8 version
// is refused by V8 itself (it checks the version, the flags and the source), and the bundle is then
// compiled as usual: the cache changes how fast gavel starts, never what it does. (Node 22's
// module.enableCompileCache does the same; this project runs on Node 20.)
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';

const BUNDLE = join(__dirname, 'gavel-bundle.cjs');
const CACHE = join(__dirname, 'gavel-bundle.cache');

function readCache(): Buffer | undefined {
  try {
    return readFileSync(CACHE);
  } catch {
    return undefined;
  }
}

// The bundle's first line is a #! line, which is not JavaScript inside the module wrapper.
const source = readFileSync(BUNDLE, 'utf8').replace(/^#!/, '//');
const script = new Script(wrap(source), { filename: BUNDLE, cachedData: readCache() });
if (process.env['GAVEL_CODE_CACHE'] === 'write') {
  process.on('exit', () => writeFileSync(CACHE, script.createCachedData()));
}
const bundle = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void)(bundle.exports, createRequire(BUNDLE), bundle, BUNDLE, __dirname);
