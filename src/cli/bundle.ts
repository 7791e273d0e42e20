// `npm run build` step: bundles the compiled CLI into dist/src/cli/gavel-bundle.cjs and makes its V8 code cache.
// A bundle is one file where the CLI is some thirty modules: resolving, reading and linking each one
// is a tenth of a 20,000-line replay. It is CommonJS: Node starts a CommonJS file faster than an ES
// module, and `import { … } from 'node:fs'` in an ES module makes Node load every lazy part of fs
// (promises, streams, watchers) to fill the namespace. It is made from tsc's output (tsc stays the
// compiler) and lives beside bin.js, at the same depth, so every path a module finds from
// import.meta.url (templates, the import worker, the precompiled templates, bin.js for the site
// update) still resolves. `gavel` itself is src/cli/gavel.cts, which runs the bundle from the cache.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const CLI_DIR = fileURLToPath(new URL('./', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The bundle and its cache, and the ES-module bundle and chunks earlier builds made: nothing tsc emits is named so. */
const OURS = /^(gavel-bundle\.(cjs|cache)|gavel(-[A-Z0-9]+)?\.js)(\.map)?$/;

for (const name of readdirSync(CLI_DIR)) if (OURS.test(name)) rmSync(join(CLI_DIR, name));

/** What `import.meta.url` becomes in the bundle: the bundle's own URL (the same folder as the modules). */
const META_URL = '__gavelModuleUrl';

await build({
  entryPoints: [join(CLI_DIR, 'bin.js')],
  outfile: join(CLI_DIR, 'gavel-bundle.cjs'),
  bundle: true,
  // Each command's modules are wrapped by esbuild and run only when its import() runs: `gavel --help`
  // parses them lazily and runs none of them.
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Packages load as installed (native better-sqlite3, and those loaded through createRequire), but
  // the handlebars runtime, loaded by every render, is bundled and so cached with the rest.
  external: ['better-sqlite3', 'irc-framework', 'luxon', 'yaml'],
  define: { 'import.meta.url': META_URL },
  // The directive first: esbuild prints its own "use strict" after the banner, where it would not count.
  banner: { js: `'use strict';\nconst ${META_URL} = require('node:url').pathToFileURL(__filename).href;` },
  logLevel: 'warning',
});

// The code cache: V8's compiled code for everything one replay of the bundled sample runs (reading,
// the fold, every output format), written by gavel.cjs as that replay exits.
const out = mkdtempSync(join(tmpdir(), 'gavel-build-'));
try {
  const sample = join(ROOT, 'test', 'fixtures', 'opencontainers.2018-03-07-22.00.log.txt');
  const r = spawnSync(process.execPath, [join(CLI_DIR, 'gavel.cjs'), 'replay', sample, '--out', out], {
    env: { ...process.env, GAVEL_CODE_CACHE: 'write' },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`making the code cache: gavel replay ${sample} failed: ${r.stderr}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
