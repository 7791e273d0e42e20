// The handlebars templates of templates/: precompiled at build time, loaded with the light runtime.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type HandlebarsNs from 'handlebars';
// The runtime as one file: the same handlebars release as `handlebars/runtime`, which loads about
// twenty CommonJS modules one by one. Imported, not required, so the CLI bundle holds it.
import runtime from 'handlebars/dist/handlebars.runtime.js';

type Hbs = typeof HandlebarsNs;
const require = createRequire(import.meta.url);

/** templates/ at the project root; this file runs as dist/src/render/templates.js. */
export const TEMPLATE_DIR = fileURLToPath(new URL('../../../templates/', import.meta.url));
/** Where `npm run build` puts the precompiled templates: one CommonJS file, one module load. */
export const PRECOMPILED_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));
export const PRECOMPILED_FILE = join(PRECOMPILED_DIR, 'templates.cjs');

/** Text templates print as they are; every other template escapes everything it prints. */
export function compileOptions(name: string): CompileOptions {
  return {
    noEscape: name.endsWith('.txt.hbs') || name.endsWith('.md.hbs'),
    // strict: a misspelt variable is an error, not an empty string in published minutes.
    strict: true,
    preventIndent: true,
    knownHelpers: { each: true, if: true, unless: true, with: true },
    knownHelpersOnly: true,
  };
}

/** Partials (templates/html-*.hbs) and rows (templates/row-*.hbs) are used without their file's final newline. */
export function templateSource(name: string): string {
  const path = join(TEMPLATE_DIR, name);
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new Error(`cannot read template ${path}`, { cause });
  }
  return isPartial(name) || isRow(name) ? source.replace(/\n$/, '') : source;
}

/** A partial's file name starts with `html-`, also inside a sub-folder (`site/html-head.hbs`, used as `site/html-head`). */
export function isPartial(name: string): boolean {
  return (name.split('/').pop() ?? '').startsWith('html-');
}

/** Every template, as a path relative to templates/ with `/`: the top folder and its sub-folders (site/). */
export function templateNames(): string[] {
  return readdirSync(TEMPLATE_DIR, { recursive: true, encoding: 'utf8' })
    .map((n) => n.split(sep).join('/'))
    .filter((n) => n.endsWith('.hbs'))
    .sort();
}

/** Row templates (templates/row-*.hbs) are rendered by src/render/rows.ts, not by handlebars. */
export function isRow(name: string): boolean {
  return (name.split('/').pop() ?? '').startsWith('row-');
}

/** The templates handlebars compiles: every .hbs (sub-folders too) but the row templates. */
export function handlebarsTemplateNames(): string[] {
  return templateNames().filter((n) => !isRow(n));
}

interface Loaded {
  readonly hbs: Hbs;
  readonly templates: Map<string, HandlebarsTemplateDelegate>;
}

let loaded: Loaded | undefined;

function precompiledFresh(names: string[]): boolean {
  if (!existsSync(PRECOMPILED_FILE)) return false;
  const built = statSync(PRECOMPILED_FILE).mtimeMs;
  return names.every((n) => built >= statSync(join(TEMPLATE_DIR, n)).mtimeMs);
}

/** Precompiled specs when they are newer than the sources, else compile from source (slower start). */
function load(): Loaded {
  if (loaded !== undefined) return loaded;
  const names = handlebarsTemplateNames();
  const templates = new Map<string, HandlebarsTemplateDelegate>();
  let hbs: Hbs;
  if (precompiledFresh(names)) {
    hbs = runtime;
    const specs = require(PRECOMPILED_FILE) as Record<string, TemplateSpecification>;
    for (const n of names) {
      const spec = specs[n];
      if (spec === undefined) throw new Error(`${PRECOMPILED_FILE} lacks ${n}: run npm run build`);
      templates.set(n, hbs.template(spec));
    }
  } else {
    hbs = require('handlebars') as Hbs;
    for (const n of names) templates.set(n, hbs.compile(templateSource(n), compileOptions(n)));
  }
  for (const [n, t] of templates) if (isPartial(n)) hbs.registerPartial(n.slice(0, -'.hbs'.length), t);
  loaded = { hbs, templates };
  return loaded;
}

function get(name: string): HandlebarsTemplateDelegate {
  const t = load().templates.get(name);
  if (t === undefined) throw new Error(`no template ${join(TEMPLATE_DIR, name)}`);
  return t;
}

/** Plain text: nothing escaped; the single final newline the template file ends with is dropped. */
export function renderText(name: string, view: object): string {
  const text = get(name)(view);
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

/** HTML: every `{{value}}` is escaped. Templates never use triple braces on user text. */
export function renderHtml(name: string, view: object): string {
  return get(name)(view);
}

/**
 * Handlebars' own escaping of a `{{value}}`, for row templates (src/render/rows.ts): the runtime's,
 * which is the compiler's too (one release), so rows need no page template loaded.
 */
export function htmlEscaper(): (value: unknown) => string {
  return runtime.Utils.escapeExpression as (value: unknown) => string;
}
