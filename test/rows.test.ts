// Row templates print exactly what handlebars prints for the same file: the same escaping, the same markup.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import Handlebars from 'handlebars';
import { compileRow, HtmlBuilder, rowTemplate, type RowValue } from '../src/render/rows.js';
import { compileOptions, htmlEscaper, TEMPLATE_DIR, templateSource } from '../src/render/templates.js';

const HOSTILE: RowValue[] = [
  '', 'plain', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "it's `x`=1 & y", '&amp;', '{{x}}', '\\{{x}}',
  'a\u0000b\u2028c', 0, 7, -1.5, 'Zoë 😀 \ud800',
];

describe('row templates', () => {
  const names = readdirSync(TEMPLATE_DIR).filter((n) => n.startsWith('row-'));

  it('has the rows the pages use', () => {
    for (const n of ['row-log-message.html.hbs', 'row-log-action.html.hbs', 'row-item.html.hbs', 'row-topic.html.hbs']) {
      assert.ok(names.includes(n), n);
    }
  });

  for (const name of names) {
    it(`${name}: prints what handlebars prints, for hostile text, numbers and nested rows`, () => {
      const source = templateSource(name);
      const hbs = Handlebars.compile(source, compileOptions(name));
      const fields = [...source.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '');
      const nested = new HtmlBuilder().add(rowTemplate('row-span.html.hbs'), { cls: 'irc-b', text: '<b>&' });
      for (const value of [...HOSTILE, nested]) {
        const view = Object.fromEntries(fields.map((f, i) => [f, i % 2 === 0 ? value : HOSTILE[i % HOSTILE.length] ?? '']));
        assert.equal(new HtmlBuilder().add(rowTemplate(name), view).toHTML(), hbs(view), `${name} with ${String(value)}`);
      }
    });
  }

  it('joins many rows in order, across the builder\'s flushes', () => {
    const row = rowTemplate('row-span.html.hbs');
    const b = new HtmlBuilder();
    let expected = '';
    for (let i = 0; i < 5000; i++) {
      b.add(row, { cls: `c${i}`, text: `<${i}>` });
      expected += `<span class="c${i}">&lt;${i}&gt;</span>`;
    }
    assert.equal(b.toHTML(), expected);
    assert.equal(b.toHTML(), expected, 'toHTML may be asked twice');
    assert.equal(new HtmlBuilder().addHtml(b).toHTML(), expected);
  });

  it('refuses a missing field, naming the template and the field', () => {
    assert.throws(() => new HtmlBuilder().add(rowTemplate('row-span.html.hbs'), { text: 'x' }), /row-span\.html\.hbs: no value for \{\{cls\}\}/);
  });

  it('refuses anything but plain fields, which handlebars would read differently', () => {
    const escape = htmlEscaper();
    for (const source of ['{{#if a}}x{{/if}}', '{{{a}}}', '{{> p}}', '{{! note }}', '\\{{a}}', '{{a.b}}', '{{ a }}', '{{this}}', '{{true}}', '{{constructor}}', '{{__proto__}}', 'x{{@index}}']) {
      assert.throws(() => compileRow('row-test.hbs', source, escape), /a row template holds only \{\{name\}\} fields/, source);
    }
    assert.equal(compileRow('row-test.hbs', '<p title="{{a}}">{{b}}</p>', escape).render({ a: '"', b: '<' }), '<p title="&quot;">&lt;</p>');
  });

  it('only compiles files named row-*.hbs', () => {
    assert.throws(() => rowTemplate('log.html.hbs'), /not a row template/);
  });
});
