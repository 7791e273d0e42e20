// Checks on rendered pages with a real HTML parser (parse5): valid, safe, and anchors that resolve.
import assert from 'node:assert/strict';
import { parse, type ParserError } from 'parse5';
import type { MinutesModel } from '../../src/core/minutes.js';
import { logLines } from '../../src/core/state.js';
import { siblingHref } from '../../src/render/html.js';

/** The parts of parse5's default tree this test reads; kept loose so the walk needs no casts per node type. */
export interface Node {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
  content?: Node;
}

export function parseStrict(html: string): Node {
  const errors: ParserError[] = [];
  const doc = parse(html, { onParseError: (e) => errors.push(e) }) as unknown as Node;
  assert.deepEqual(errors.map((e) => `${e.code} at ${e.startLine}:${e.startCol}`), []);
  return doc;
}

export function* walk(n: Node): Generator<Node> {
  yield n;
  for (const c of n.childNodes ?? []) yield* walk(c);
  if (n.content !== undefined) yield* walk(n.content);
}

export function elements(doc: Node): Node[] {
  return [...walk(doc)].filter((n) => n.tagName !== undefined);
}

export function attr(n: Node, name: string): string | undefined {
  return n.attrs?.find((a) => a.name === name)?.value;
}

export function textOf(n: Node): string {
  return [...walk(n)].map((c) => (c.nodeName === '#text' ? (c.value ?? '') : '')).join('');
}

/** What the brief asks of every page: no script, no handlers, no dangerous URL anywhere, no raw controls. */
export function assertSafe(doc: Node): void {
  for (const el of elements(doc)) {
    assert.notEqual(el.tagName, 'script', 'no script element');
    for (const a of el.attrs ?? []) {
      assert.ok(!a.name.toLowerCase().startsWith('on'), `event handler attribute ${a.name}`);
      if (a.name === 'href' || a.name === 'src') {
        const v = a.value.trim().toLowerCase().replace(/[\s\x00-\x1f\x7f]/g, '');
        assert.ok(!/^(javascript|data|vbscript):/.test(v), `unsafe ${a.name}: ${a.value}`);
      }
      assert.ok(!/[\x00-\x08\x0b-\x1f\x7f]/.test(a.value), `control character in ${a.name}`);
    }
  }
  for (const n of walk(doc)) {
    if (n.nodeName === '#text') assert.ok(!/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]/.test(n.value ?? ''), 'control character in text');
  }
}

/** Minutes links into the log land on ids the log page has; the log has one `l-N` per logged line. */
export function assertAnchors(model: MinutesModel, minutes: Node, log: Node): void {
  const ids = elements(log).map((e) => attr(e, 'id') ?? '').filter((id) => /^l-\d+$/.test(id));
  const count = logLines(model.meeting).length;
  assert.deepEqual(ids, Array.from({ length: count }, (_, i) => `l-${i + 1}`));
  const logFile = siblingHref(model.basePath, '.log.html');
  const targets = elements(minutes)
    .map((e) => attr(e, 'href') ?? '')
    .filter((h) => h.includes('#l-'));
  if (model.items.length > 0) assert.ok(targets.length > 0, 'the minutes link into the log');
  const idSet = new Set(ids);
  for (const h of targets) {
    const [file, frag] = h.split('#');
    assert.equal(file, logFile);
    assert.ok(idSet.has(frag ?? ''), `${h} points at a line that exists`);
  }
  // Each line links to itself, so a reader can copy a line's address.
  for (const e of elements(log)) {
    const id = attr(e, 'id');
    if (id === undefined || !/^l-\d+$/.test(id)) continue;
    assert.ok(elements(e).some((a) => a.tagName === 'a' && attr(a, 'href') === `#${id}`), `self-link on ${id}`);
  }
}
