// Build step: precompiles templates/*.hbs into dist/templates/*.cjs, so no run pays handlebars' compiler.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { compileOptions, PRECOMPILED_DIR, TEMPLATE_DIR, templateSource } from './templates.js';

mkdirSync(PRECOMPILED_DIR, { recursive: true });
for (const name of readdirSync(TEMPLATE_DIR).filter((n) => n.endsWith('.hbs'))) {
  const spec = Handlebars.precompile(templateSource(name), compileOptions(name));
  writeFileSync(join(PRECOMPILED_DIR, `${name}.cjs`), `module.exports = ${String(spec)};\n`);
}
