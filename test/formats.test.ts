// The .md and .json outputs: valid CommonMark with user text inert, JSON valid against its schema, both round-tripping the items.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Parser, type Node as MdNode } from 'commonmark';
import { loadLogFile } from '../src/cli/replay.js';
import { MEETBOT_TEXTS, meetingConfig, type OutputFormat } from '../src/core/config.js';
import { itemsOf, type Meeting } from '../src/core/state.js';
import { renderMeeting } from '../src/render/outputs.js';
import { ROOT } from './support/paths.js';
import { said, say, script } from './support/meet.js';

const SEED = join(ROOT, 'test', 'fixtures', 'opencontainers.2018-03-07-22.00.log.txt');
const seed = (): Meeting => {
  const m = loadLogFile(SEED, { urlPrefix: 'https://m.example.org/', timezone: 'UTC', date: undefined, channel: undefined, wording: 'gavel' }).meetings[0];
  assert.ok(m);
  return m;
};
const file = (m: Meeting, ext: string): string => {
  const f = renderMeeting(m).files.find((x) => x.ext === ext);
  assert.ok(f, ext);
  return f.content;
};

function nodes(root: MdNode): MdNode[] {
  const out: MdNode[] = [];
  const w = root.walker();
  for (let e = w.next(); e; e = w.next()) if (e.entering) out.push(e.node);
  return out;
}

function text(n: MdNode): string {
  return nodes(n)
    .map((x) => (x.type === 'text' || x.type === 'code' ? (x.literal ?? '') : x.type === 'softbreak' ? ' ' : ''))
    .join('');
}

/** The minutes items as the Markdown shows them: topics as headings, the rest as "LABEL: text (nick, time)". */
function mdItems(doc: MdNode): { kind: string; text: string; nick: string }[] {
  const out: { kind: string; text: string; nick: string }[] = [];
  let inSummary = false;
  let topic: string | undefined;
  for (const n of nodes(doc)) {
    if (n.type === 'heading' && n.level === 2) inSummary = text(n) === 'Meeting summary';
    if (!inSummary) continue;
    if (n.type === 'heading' && n.level === 3) topic = text(n);
    if (n.type === 'emph' && topic !== undefined && n.parent?.type === 'paragraph') {
      out.push({ kind: 'TOPIC', text: topic, nick: text(n).split(', ')[0] ?? '' });
      topic = undefined;
    }
    if (n.type === 'item') {
      const t = text(n);
      const m = /^(?:([A-Z]+): )?(.*) \(([^,]+), \d\d:\d\d:\d\d\)$/.exec(t);
      assert.ok(m, t);
      out.push({ kind: m[1] ?? 'INFO', text: m[2] ?? '', nick: m[3] ?? '' });
    }
  }
  return out;
}

describe('Markdown minutes', () => {
  it('round-trip the seed meeting’s items through a CommonMark parser', () => {
    const m = seed();
    const doc = new Parser().parse(file(m, '.md'));
    assert.deepEqual(mdItems(doc), itemsOf(m).map((i) => ({ kind: i.kind, text: i.text, nick: i.nick })));
    assert.equal(nodes(doc).filter((n) => n.type === 'html_inline' || n.type === 'html_block').length, 0);
    const links = nodes(doc).filter((n) => n.type === 'link').map((n) => n.destination ?? '');
    assert.ok(links.includes('opencontainers.2018-03-07-22.00.log.html#l-35'));
    assert.ok(links.every((d) => /^(https?:\/\/|opencontainers\.2018-03-07-22\.00\.)/.test(d)), links.join(' '));
  });

  it('keep hostile text inert: no HTML, no foreign links or images, no emphasis, lists or headings of the user’s', () => {
    const s = script({ urlPrefix: '' });
    const hostile = [
      '<script>alert(1)</script> & &amp; &#60;',
      '[click](javascript:alert(1)) ![img](https://evil.example/x.png) <https://evil.example>',
      '**bold** _em_ `code` ~~strike~~ | a | b |',
      '# not a heading',
      '- not a list',
      '1. not ordered',
      '+ plus',
      'line\nbreak\r\n    indented',
      '\\ backslash \\* star',
    ];
    say(s, 'eve<b>', '#startmeeting <img src=x onerror=alert(1)>');
    for (const h of hostile) say(s, 'eve<b>', `#info ${h}`);
    say(s, 'eve<b>', '#link javascript:alert(2) not a link');
    say(s, 'eve<b>', '#action eve<b> fixes **this**');
    say(s, 'eve<b>', '#endmeeting');
    assert.ok(s.ended);
    const md = file(s.ended, '.md');
    const doc = new Parser().parse(md);
    const all = nodes(doc);
    for (const bad of ['html_inline', 'html_block', 'image', 'code', 'code_block', 'block_quote']) {
      assert.equal(all.filter((n) => n.type === bad).length, 0, `${bad} in\n${md}`);
    }
    for (const n of all.filter((x) => x.type === 'link')) assert.match(n.destination ?? '', /^(https?:\/\/|test\.)/, n.destination ?? '');
    assert.equal(all.filter((n) => n.type === 'heading' && n.level === 1).length, 1);
    assert.equal(all.filter((n) => n.type === 'list' && n.listType === 'ordered').length, 0);
    const strong = all.filter((n) => n.type === 'strong').map(text);
    assert.ok(strong.every((t) => /^[A-Z]+:$/.test(t) || t === 'eve<b>'), strong.join(' | '));
    const infos = mdItems(doc).filter((i) => i.kind === 'INFO').map((i) => i.text);
    assert.deepEqual(infos, hostile.map((h) => h.replace(/\s+/g, ' ').trim()));
  });
});

describe('JSON export', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'docs', 'meeting.schema.json'), 'utf8')) as object;
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

  it('validates against its schema and round-trips the seed meeting’s items and lines', () => {
    const m = seed();
    const data = JSON.parse(file(m, '.json')) as { version: number; items: { id: number; kind: string; text: string; nick: string; time: string; line: number; url?: string }[]; lines: unknown[] };
    assert.ok(validate(data), JSON.stringify(validate.errors));
    assert.equal(data.version, 1);
    assert.deepEqual(
      data.items,
      itemsOf(m).map((i) => ({ id: i.id, kind: i.kind.toLowerCase(), text: i.text, nick: i.nick, time: new Date(i.time).toISOString().replace('.000', ''), line: i.line, ...(i.url ? { url: i.url } : {}) })),
    );
    assert.equal(data.lines.length, m.log.length);
  });

  it('a meeting with votes, actions and an idle end validates too; the schema rejects a wrong export', () => {
    const s = script();
    say(s, 'alice', '#startmeeting votes');
    say(s, 'alice', '#startvote Ship it? yes, no');
    say(s, 'bob', '#vote yes');
    say(s, 'alice', '#endvote');
    say(s, 'alice', '#action bob ships');
    say(s, 'alice', '#endmeeting');
    assert.ok(s.ended);
    const data = JSON.parse(file(s.ended, '.json')) as { votes: unknown[]; actions: { byPerson: { nick: string }[] } };
    assert.ok(validate(data), JSON.stringify(validate.errors));
    assert.equal(data.votes.length, 1);
    assert.deepEqual(data.actions.byPerson.map((p) => p.nick), ['bob']);
    assert.equal(validate({ ...data, version: 2 }), false);
  });
});

describe('configured formats', () => {
  it('writes only the formats a channel configures', () => {
    const m = seed();
    const only: OutputFormat[] = ['txt', 'md'];
    const r = renderMeeting({ ...m, config: { ...m.config, formats: only } });
    assert.deepEqual(r.files.map((f) => f.ext), ['.txt', '.md']);
    assert.deepEqual(renderMeeting(m).files.map((f) => f.ext), ['.log.txt', '.log.html', '.html', '.txt', '.md', '.json']);
    assert.ok(meetingConfig({ channel: '#x', texts: MEETBOT_TEXTS }).formats === undefined);
  });

  it('links only the files that are written: pages, Markdown, item times and the end replies', () => {
    const m = seed();
    const base = 'opencontainers.2018-03-07-22.00';
    const hrefs = (html: string): string[] => [...html.matchAll(/href="([^"#]*)[^"]*"/g)].map((x) => x[1] ?? '').filter((h) => h.startsWith(base));
    // Every format: each page lists the five others.
    const all = renderMeeting(m).files;
    const html = all.find((f) => f.ext === '.html')?.content ?? '';
    assert.deepEqual([...new Set(hrefs(html))].sort(), ['.json', '.log.html', '.log.txt', '.md', '.txt'].map((e) => base + e).sort());
    assert.match(all.find((f) => f.ext === '.md')?.content ?? '', /\[Minutes as JSON\]\(opencontainers\.2018-03-07-22\.00\.json\)/);
    // The minutes and the raw log only: no link to a page that is not there; item times go to the raw log.
    const few = renderMeeting({ ...m, config: { ...m.config, formats: ['html', 'log.txt'] } }).files;
    const fewHtml = few.find((f) => f.ext === '.html')?.content ?? '';
    assert.deepEqual([...new Set(hrefs(fewHtml))], [`${base}.log.txt`]);
    assert.ok(!fewHtml.includes('.log.html'), 'no link to the HTML log');
    // Alone, the minutes link no file at all.
    const alone = renderMeeting({ ...m, config: { ...m.config, formats: ['html'] } }).files[0]?.content ?? '';
    assert.deepEqual(hrefs(alone), []);
    assert.ok(!alone.includes('class="files"'));
  });

  it('gives at #endmeeting the links of the files the channel writes, and only those', () => {
    const s = script({ formats: ['html', 'md'], urlPrefix: 'https://m.example.org/' });
    say(s, 'alice', '#startmeeting x');
    const end = said(say(s, 'alice', '#endmeeting'));
    assert.ok(end.some((l) => l.startsWith('Minutes:        https://m.example.org/')));
    assert.ok(!end.some((l) => l.startsWith('Minutes (text):') || l.startsWith('Log:')), end.join('\n'));
  });
});
