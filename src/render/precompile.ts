// `npm run build` step: precompiles the handlebars templates into one CommonJS file, so start-up loads no compiler.
import { mkdirSync, writeFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { compileOptions, handlebarsTemplateNames, PRECOMPILED_DIR, PRECOMPILED_FILE, templateSource } from './templates.js';

mkdirSync(PRECOMPILED_DIR, { recursive: true });
const entries = handlebarsTemplateNames().map(
  (name) => `${JSON.stringify(name)}: ${String(Handlebars.precompile(templateSource(name), compileOptions(name)))}`,
);
writeFileSync(PRECOMPILED_FILE, `module.exports = {\n${entries.join(',\n')}\n};\n`);
