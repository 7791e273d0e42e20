// Row templates: flat `{{name}}` templates rendered thousands of times a page, printing what handlebars prints.
import { join } from 'node:path';
import { htmlEscaper, isRow, TEMPLATE_DIR, templateSource } from './templates.js';

/**
 * Markup made from templates, printed by another template's `{{name}}` as it is: handlebars' escaping
 * passes an object with toHTML() through untouched, as it does its own SafeString. Only this file
 * makes them, from row template output (and src/render/utf8.ts one fixed comment marking where rows go).
 */
export interface Html {
  toHTML(): string;
}

/** What a row field may hold: text and numbers are escaped, markup from row templates is printed as it is. */
export type RowValue = string | number | Html;
export type RowView = Readonly<Record<string, RowValue>>;

export interface RowTemplate {
  /** The file under templates/, for messages. */
  readonly name: string;
  readonly render: (view: RowView) => string;
}

const FIELD_RE = /\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g;
/** Names handlebars reads as the context or a literal, not as a field. */
const RESERVED = new Set(['this', 'true', 'false', 'null', 'undefined']);

/**
 * Compiles a row template's source to one function that concatenates its literal markup and escaped
 * fields. The generated code holds only string literals (JSON-quoted) and identifiers the field pattern
 * accepted; anything else that handlebars would interpret ({{#if}}, {{> partial}}, {{{raw}}},
 * comments, \{{ escapes, {{this}}, literals, names an object inherits) is refused, so a row means the
 * same to handlebars and to this compiler.
 */
export function compileRow(name: string, source: string, escape: (value: unknown) => string): RowTemplate {
  const literals: string[] = [];
  const fields: string[] = [];
  let last = 0;
  for (const m of source.matchAll(FIELD_RE)) {
    literals.push(source.slice(last, m.index));
    fields.push(m[1] ?? '');
    last = m.index + m[0].length;
  }
  literals.push(source.slice(last));
  // A brace next to a field would make it a {{{triple}}} one; a backslash before it, an escaped one.
  const bad = literals.find((l, i) => l.includes('{{') || (i < fields.length && /[\\{]$/.test(l)) || (i > 0 && l.startsWith('}'))) ??
    fields.filter((f) => RESERVED.has(f) || f in Object.prototype).map((f) => `{{${f}}}`)[0];
  if (bad !== undefined) {
    throw new Error(`${join(TEMPLATE_DIR, name)}: a row template holds only {{name}} fields, found ${JSON.stringify(bad)}`);
  }
  const missing = (field: string): never => {
    throw new Error(`${join(TEMPLATE_DIR, name)}: no value for {{${field}}}`);
  };
  // One straight-line concatenation per row: looping over the fields costs a third more per row.
  const parts = [JSON.stringify(literals[0])];
  // A number prints as its digits, as escapeExpression prints it, without the test for markup.
  fields.forEach((f, i) =>
    parts.push(
      `(typeof v.${f} === 'number' ? '' + v.${f} : v.${f} !== undefined ? e(v.${f}) : m(${JSON.stringify(f)}))`,
      JSON.stringify(literals[i + 1]),
    ),
  );
  // The code is made above from checked identifiers and JSON-quoted literals only: nothing from the text it renders.
  const make = new Function('e', 'm', `'use strict'; return function row(v) { return ${parts.join(' + ')}; };`) as (
    e: (value: unknown) => string,
    m: (field: string) => never,
  ) => (view: RowView) => string;
  return { name, render: make(escape, missing) };
}

const rows = new Map<string, RowTemplate>();

/** The row template templates/NAME (row-*.hbs), compiled once. */
export function rowTemplate(name: string): RowTemplate {
  let row = rows.get(name);
  if (row === undefined) {
    if (!isRow(name)) throw new Error(`${join(TEMPLATE_DIR, name)} is not a row template (templates/row-*.hbs)`);
    row = compileRow(name, templateSource(name), htmlEscaper());
    rows.set(name, row);
  }
  return row;
}

class RowHtml implements Html {
  constructor(private readonly html: string) {}
  toHTML(): string {
    return this.html;
  }
}

/** One row on its own, to be added to several builders (an action listed under its topic and its person). */
export function renderRow(row: RowTemplate, view: RowView): Html {
  return new RowHtml(row.render(view));
}

// Rows are joined into a flat string every so often: a page of thousands of rows kept as one rope of
// small strings is slow for the garbage collector to copy and for the file write to flatten.
const FLUSH_ROWS = 2048;

/** Rows of markup from row templates, printed by a page template's `{{name}}`. */
export class HtmlBuilder implements Html {
  private rows: string[] = [];
  private chunks: string[] = [];

  add(row: RowTemplate, view: RowView): this {
    this.rows.push(row.render(view));
    if (this.rows.length >= FLUSH_ROWS) this.flush();
    return this;
  }

  /** Appends markup built the same way, e.g. an item's row that is listed twice. */
  addHtml(html: Html): this {
    this.rows.push(html.toHTML());
    return this;
  }

  private flush(): void {
    if (this.rows.length === 0) return;
    this.chunks.push(this.rows.join(''));
    this.rows = [];
  }

  toHTML(): string {
    this.flush();
    if (this.chunks.length > 1) this.chunks = [this.chunks.join('')];
    return this.chunks[0] ?? '';
  }
}
