// The handlebars templates of templates/: precompiled at build time, loaded with the light runtime.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type HandlebarsNs from 'handlebars';

type Hbs = typeof HandlebarsNs;
const require = createRequire(import.meta.url);

/** templates/ at the project root; this file runs as dist/src/render/templates.js. */
export const TEMPLATE_DIR = fileURLToPath(new URL('../../../templates/', import.meta.url));
/** Where `npm run build` puts the precompiled templates. */
export const PRECOMPILED_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

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

/** Partials (templates/html-*.hbs) are used without their file's final newline. */
export function templateSource(name: string): string {
  const path = join(TEMPLATE_DIR, name);
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new Error(`cannot read template ${path}`, { cause });
  }
  return isPartial(name) ? source.replace(/\n$/, '') : source;
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

let loaded: Map<string, HandlebarsTemplateDelegate> | undefined;

function precompiledFresh(names: string[]): boolean {
  return names.every((n) => {
    const pre = join(PRECOMPILED_DIR, `${n}.cjs`);
    return existsSync(pre) && statSync(pre).mtimeMs >= statSync(join(TEMPLATE_DIR, n)).mtimeMs;
  });
}

/** Precompiled specs when they are newer than the sources, else compile from source (slower start). */
function load(): Map<string, HandlebarsTemplateDelegate> {
  if (loaded !== undefined) return loaded;
  const names = templateNames();
  const templates = new Map<string, HandlebarsTemplateDelegate>();
  let hbs: Hbs;
  if (precompiledFresh(names)) {
    hbs = (require('handlebars/runtime') as { default: Hbs }).default;
    for (const n of names) templates.set(n, hbs.template(require(join(PRECOMPILED_DIR, `${n}.cjs`)) as TemplateSpecification));
  } else {
    hbs = require('handlebars') as Hbs;
    for (const n of names) templates.set(n, hbs.compile(templateSource(n), compileOptions(n)));
  }
  for (const [n, t] of templates) if (isPartial(n)) hbs.registerPartial(n.slice(0, -'.hbs'.length), t);
  loaded = templates;
  return templates;
}

function get(name: string): HandlebarsTemplateDelegate {
  const t = load().get(name);
  if (t === undefined) throw new Error(`no template ${join(TEMPLATE_DIR, name)}`);
  return t;
}

/** Plain text: nothing escaped; the single final newline the template file ends with is dropped. */
export function renderText(name: string, view: object): string {
  return get(name)(view).replace(/\n$/, '');
}

/** HTML: every `{{value}}` is escaped. Templates never use triple braces on user text. */
export function renderHtml(name: string, view: object): string {
  return get(name)(view);
}
