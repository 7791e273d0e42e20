// Loads and compiles the handlebars templates in templates/ once per process.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

/** templates/ at the project root; this file runs as dist/src/render/templates.js. */
export const TEMPLATE_DIR = fileURLToPath(new URL('../../../templates/', import.meta.url));

const cache = new Map<string, Handlebars.TemplateDelegate>();

function load(name: string, noEscape: boolean): Handlebars.TemplateDelegate {
  const key = `${name}:${noEscape}`;
  let t = cache.get(key);
  if (t === undefined) {
    const path = join(TEMPLATE_DIR, name);
    let source: string;
    try {
      source = readFileSync(path, 'utf8');
    } catch (cause) {
      throw new Error(`cannot read template ${path}`, { cause });
    }
    // strict: a misspelt variable is an error, not an empty string in published minutes.
    t = Handlebars.compile(source, { noEscape, strict: true, preventIndent: true });
    cache.set(key, t);
  }
  return t;
}

/** Plain text: nothing escaped; the single final newline the template file ends with is dropped. */
export function renderText(name: string, view: object): string {
  return load(name, true)(view).replace(/\n$/, '');
}

/** HTML: every `{{value}}` is escaped. Templates never use triple braces on user text. */
export function renderHtml(name: string, view: object): string {
  return load(name, false)(view);
}
