// `npm run build` step: bundles the compiled CLI into dist/src/cli/gavel.cjs, the `gavel` that package.json installs.
// A bundle is one file where the CLI is some thirty modules: resolving, reading and linking each one
// is a tenth of a 20,000-line replay. It is CommonJS: Node starts a CommonJS file faster than an ES
// module, and `import { … } from 'node:fs'` in an ES module makes Node load every lazy part of fs
// (promises, streams, watchers) to fill the namespace. It is made from tsc's output (tsc stays the
// compiler) and lives beside bin.js, at the same depth, so every path a module finds from
// import.meta.url (templates, the import worker, the precompiled templates, bin.js for the site
// update) still resolves.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const CLI_DIR = fileURLToPath(new URL('./', import.meta.url));
/** The bundle, and the ES-module chunks earlier builds made: nothing tsc emits is named so. */
const OURS = /^gavel(-[A-Z0-9]+)?\.(c?js)(\.map)?$/;

for (const name of readdirSync(CLI_DIR)) if (OURS.test(name)) rmSync(join(CLI_DIR, name));

/** What `import.meta.url` becomes in the bundle: the bundle's own URL (the same folder as the modules). */
const META_URL = '__gavelModuleUrl';

await build({
  entryPoints: [join(CLI_DIR, 'bin.js')],
  outfile: join(CLI_DIR, 'gavel.cjs'),
  bundle: true,
  // Each command's modules are wrapped by esbuild and run only when its import() runs: `gavel --help`
  // parses them lazily and runs none of them.
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Packages load as installed: native better-sqlite3, and those loaded through createRequire.
  packages: 'external',
  define: { 'import.meta.url': META_URL },
  // The directive first: esbuild prints its own "use strict" after the banner, where it would not count.
  banner: { js: `'use strict';\nconst ${META_URL} = require('node:url').pathToFileURL(__filename).href;` },
  logLevel: 'warning',
});
