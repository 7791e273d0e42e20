// Helpers for the site tests: the corpus as site input, every file of a built site, links that must resolve, feeds that must parse.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { loadLogFile } from '../../src/cli/replay.js';
import type { SiteMeeting } from '../../src/web/model.js';
import { attr, elements, parseStrict, walk, type Node } from './html.js';
import { CORPUS, listFiles } from './paths.js';

/** Every meeting of the OCI corpus, ids in file order (oldest first). */
export function corpusMeetings(): SiteMeeting[] {
  const out: SiteMeeting[] = [];
  for (const file of listFiles(CORPUS, '.log.txt')) {
    const { meetings } = loadLogFile(file, { urlPrefix: '', timezone: 'UTC', date: undefined, channel: undefined, wording: 'gavel' });
    for (const meeting of meetings) out.push({ id: out.length + 1, meeting });
  }
  return out;
}

/** Every file of the site, relative, with `/`. */
export function siteFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)).split(sep).join('/'))
    .sort();
}

/** The URL of a `<meta http-equiv="refresh">`, if the page has one. */
export function refreshUrl(doc: Node): string | undefined {
  const meta = elements(doc).find((e) => e.tagName === 'meta' && attr(e, 'http-equiv') === 'refresh');
  return meta === undefined ? undefined : /url=(.*)$/i.exec(attr(meta, 'content') ?? '')?.[1];
}

/** Pages are checked like the minutes, except that search.html may load the site's own search.js. */
export function assertSitePageSafe(doc: Node, page: string): void {
  for (const el of elements(doc)) {
    if (el.tagName === 'script') {
      assert.equal(page, 'search.html', `${page}: only the search page has a script`);
      assert.equal(attr(el, 'src'), 'search.js', `${page}: the script is the site's own file`);
      assert.equal(el.childNodes?.length ?? 0, 0, `${page}: no inline script`);
    }
    for (const a of el.attrs ?? []) {
      assert.ok(!a.name.toLowerCase().startsWith('on'), `${page}: event handler attribute ${a.name}`);
      const v = a.value.trim().toLowerCase().replace(/[\s\x00-\x1f\x7f]/g, '');
      if (a.name === 'href' || a.name === 'src' || a.name === 'action' || a.name === 'content') {
        assert.ok(!/(^|url=)(javascript|data|vbscript):/.test(v), `${page}: unsafe ${a.name}: ${a.value}`);
      }
    }
  }
  for (const n of walk(doc)) {
    if (n.nodeName === '#text') assert.ok(!/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(n.value ?? ''), `${page}: control character in text`);
  }
}

/**
 * Every relative link of every page (href, src, action, refresh) names a file of the site, inside it,
 * and a `#fragment` names an id of the target page. Returns how many links were checked.
 */
export function assertLinksResolve(dir: string, pages: ReadonlyMap<string, Node>): number {
  const root = resolve(dir);
  const ids = new Map<string, Set<string>>();
  const idsOf = (rel: string): Set<string> => {
    let s = ids.get(rel);
    if (s === undefined) {
      const doc = pages.get(rel) ?? parseStrict(readFileSync(join(root, rel), 'utf8'));
      s = new Set(elements(doc).map((e) => attr(e, 'id')).filter((id) => id !== undefined));
      ids.set(rel, s);
    }
    return s;
  };
  let checked = 0;
  for (const [page, doc] of pages) {
    const links: string[] = [];
    for (const e of elements(doc)) for (const name of ['href', 'src', 'action']) {
      const v = attr(e, name);
      if (v !== undefined) links.push(v);
    }
    const refresh = refreshUrl(doc);
    if (refresh !== undefined) links.push(refresh);
    for (const link of links) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // absolute: outside the site (the minutes' own links)
      assert.ok(!link.startsWith('/'), `${page}: root-relative link ${link} breaks from disk`);
      const [pathPart = '', fragment] = link.split('#');
      const target = pathPart === '' ? page : posix.normalize(posix.join(posix.dirname(page), decodeURIComponent(pathPart.split('?')[0] ?? '')));
      const full = resolve(root, target);
      assert.ok(full.startsWith(root + sep), `${page}: ${link} leaves the site`);
      assert.ok(existsSync(full), `${page}: ${link} → ${target} is not a file of the site`);
      if (fragment !== undefined && fragment !== '' && target.endsWith('.html')) {
        assert.ok(idsOf(target).has(decodeURIComponent(fragment)), `${page}: ${link} → no id ${fragment} in ${target}`);
      }
      checked++;
    }
  }
  return checked;
}

/** XML 1.0's Char production: what a well-formed document may hold at all. */
const NOT_XML_CHAR = /[^\t\n\r\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

const ATOM = 'http://www.w3.org/2005/Atom';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function child(e: Element | Document, name: string): Element[] {
  const out: Element[] = [];
  for (let n = e.firstChild; n !== null; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).namespaceURI === ATOM && (n as Element).localName === name) out.push(n as Element);
  }
  return out;
}

function one(e: Element, name: string, where: string): Element {
  const found = child(e, name);
  assert.equal(found.length, 1, `${where}: exactly one atom:${name}`);
  return found[0]!;
}

export interface AtomEntry {
  readonly id: string;
  readonly title: string;
  readonly updated: string;
  readonly href: string;
  readonly content: string;
}

/** Parses a feed (well-formed XML, or the parser's error fails the test) and checks what RFC 4287 requires. */
export function parseAtom(xml: string, where: string): { updated: string; self: string; entries: AtomEntry[] } {
  assert.ok(!NOT_XML_CHAR.test(xml), `${where}: a character XML 1.0 does not allow`);
  const doc = new DOMParser({ onError: (level, msg) => assert.fail(`${where}: XML ${level}: ${msg}`) }).parseFromString(xml, 'application/xml');
  const feed = doc.documentElement;
  assert.ok(feed !== null && feed.localName === 'feed' && feed.namespaceURI === ATOM, `${where}: root is atom:feed`);
  const text = (e: Element): string => e.textContent ?? '';
  assert.match(text(one(feed, 'id', where)), /^[a-z][a-z0-9+.-]*:/i, `${where}: feed id is an absolute IRI`);
  assert.ok(text(one(feed, 'title', where)).length > 0, `${where}: feed title`);
  const updated = text(one(feed, 'updated', where));
  assert.match(updated, RFC3339, `${where}: feed updated`);
  assert.ok(child(feed, 'author').length > 0, `${where}: feed author`);
  const self = child(feed, 'link').find((l) => l.getAttribute('rel') === 'self');
  assert.ok(self !== undefined, `${where}: link rel=self`);
  const entries = child(feed, 'entry').map((e, i): AtomEntry => {
    const at = `${where} entry ${i + 1}`;
    const alt = child(e, 'link').find((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate');
    assert.ok(alt !== undefined, `${at}: link rel=alternate`);
    const content = one(e, 'content', at);
    assert.ok(['text', 'html'].includes(content.getAttribute('type') ?? 'text'), `${at}: content type`);
    const entry = { id: text(one(e, 'id', at)), title: text(one(e, 'title', at)), updated: text(one(e, 'updated', at)), href: alt.getAttribute('href') ?? '', content: text(content) };
    assert.match(entry.id, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, `${at}: id`);
    assert.match(entry.updated, RFC3339, `${at}: updated`);
    assert.ok(entry.title.length > 0, `${at}: title`);
    return entry;
  });
  return { updated, self: self.getAttribute('href') ?? '', entries };
}

/** A feed's relative links resolve to files of the site. */
export function assertFeedLinks(dir: string, feedPath: string, hrefs: readonly string[]): void {
  for (const h of hrefs) {
    const file = posix.join(dirname(feedPath), decodeURIComponent(h.split('#')[0] ?? ''));
    assert.ok(existsSync(join(dir, file)), `${feedPath}: ${h} is not a file of the site`);
  }
}
