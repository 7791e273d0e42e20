// `npm run build` step: bundles the compiled CLI into dist/src/cli/gavel.js, the `gavel` that package.json installs.
// A bundle is a handful of files where the CLI is some thirty modules: resolving, reading and linking
// each one is a tenth of a 20,000-line replay. It is made from tsc's output (tsc stays the compiler)
// and lives beside bin.js, at the same depth, so every path a module finds from import.meta.url
// (templates, the import worker, the precompiled templates, bin.js for the site update) still resolves.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const CLI_DIR = fileURLToPath(new URL('./', import.meta.url));
/** The bundle's entry and its chunks are named gavel*.js; nothing tsc emits is. */
const OURS = /^gavel(-[A-Z0-9]+)?\.js$/;

// Chunk names carry a content hash: the chunks of an earlier build would otherwise pile up.
for (const name of readdirSync(CLI_DIR)) if (OURS.test(name)) rmSync(join(CLI_DIR, name));

await build({
  entryPoints: { gavel: join(CLI_DIR, 'bin.js') },
  outdir: CLI_DIR,
  bundle: true,
  // Each command's modules stay a chunk loaded by its import(): `gavel --help` loads none of them.
  splitting: true,
  chunkNames: 'gavel-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Packages load as installed: native better-sqlite3, and those loaded through createRequire.
  packages: 'external',
  logLevel: 'warning',
});
