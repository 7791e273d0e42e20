// Build step: precompiles templates/*.hbs into dist/templates/*.cjs, so no run pays handlebars' compiler.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Handlebars from 'handlebars';
import { compileOptions, PRECOMPILED_DIR, templateNames, templateSource } from './templates.js';

mkdirSync(PRECOMPILED_DIR, { recursive: true });
for (const name of templateNames()) {
  const spec = Handlebars.precompile(templateSource(name), compileOptions(name));
  mkdirSync(dirname(join(PRECOMPILED_DIR, name)), { recursive: true });
  writeFileSync(join(PRECOMPILED_DIR, `${name}.cjs`), `module.exports = ${String(spec)};\n`);
}
