// The static site built from the whole OCI corpus: valid pages, links that resolve, valid feeds, inert hostile input, minimal rebuilds.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { sanitiseMeetingName } from '../src/core/names.js';
import { buildSite, type SiteBuild } from '../src/web/site.js';
import type { SiteMeeting } from '../src/web/model.js';
import { tempDir } from './support/cli.js';
import { attr, elements, parseStrict, textOf, type Node } from './support/html.js';
import { CORPUS, listFiles, requireShared } from './support/paths.js';
import { assertFeedLinks, assertLinksResolve, assertSitePageSafe, corpusMeetings, parseAtom, refreshUrl, siteFiles } from './support/site.js';
import { itemsOf } from '../src/core/state.js';

const OPTS = { urlPrefix: '', generatedAt: Date.UTC(2024, 0, 1) };
const DECISIONS = new Set(['AGREED', 'ACCEPTED', 'REJECTED', 'VOTE']);
const SEED = 'opencontainers/2018/opencontainers.2018-03-07-22.00';

function parsePages(dir: string, files: readonly string[]): Map<string, Node> {
  const pages = new Map<string, Node>();
  for (const f of files.filter((f) => f.endsWith('.html'))) pages.set(f, parseStrict(readFileSync(join(dir, f), 'utf8')));
  return pages;
}

const byTag = (doc: Node, tag: string): Node[] => elements(doc).filter((e) => e.tagName === tag);

describe('the site of the OCI corpus', () => {
  let meetings: SiteMeeting[] = [];
  let dir = '';
  let build: SiteBuild;
  let files: string[] = [];
  let pages = new Map<string, Node>();
  const page = (p: string): Node => pages.get(p) ?? assert.fail(`no page ${p}`);

  before(() => {
    requireShared();
    meetings = corpusMeetings();
    dir = tempDir('gavel-site-');
    build = buildSite(meetings, dir, OPTS);
    files = siteFiles(dir);
    pages = parsePages(dir, files);
  });

  it('writes the four MeetBot files of every meeting at MeetBot’s paths, the raw log byte for byte', () => {
    assert.equal(meetings.length, 56);
    assert.deepEqual(build.warnings, []);
    assert.equal(build.unchanged, 0);
    for (const log of listFiles(CORPUS, '.log.txt')) {
      const name = log.split('/').pop()!.replace(/\.log\.txt$/, '');
      const base = `opencontainers/${name.slice(15, 19)}/${name}`;
      for (const ext of ['.log.txt', '.log.html', '.html', '.txt']) assert.ok(files.includes(base + ext), base + ext);
      assert.deepEqual(readFileSync(join(dir, `${base}.log.txt`)), readFileSync(log));
    }
  });

  it('makes every page valid HTML with landmarks, one h1 and a skip link, and safe', () => {
    assert.ok(pages.size > 56 * 3, `${pages.size} pages`);
    for (const [p, doc] of pages) {
      assertSitePageSafe(doc, p);
      if (p.endsWith('.log.html')) continue;
      assert.equal(byTag(doc, 'h1').length, 1, `${p}: one h1`);
      assert.equal(byTag(doc, 'main').length, 1, `${p}: one main`);
      assert.ok(byTag(doc, 'a').some((a) => attr(a, 'class') === 'skip' && attr(a, 'href') === '#main'), `${p}: skip link`);
      assert.equal(attr(byTag(doc, 'html')[0]!, 'lang'), 'en');
    }
  });

  it('resolves every internal link (href, src, form action, refresh) to a file of the site, and every #fragment to an id', () => {
    const checked = assertLinksResolve(dir, pages);
    assert.ok(checked > 5000, `${checked} links checked`);
  });

  it('lists the channel and every series, each with its latest meeting, on the home page', () => {
    const home = page('index.html');
    const seriesNames = new Set(meetings.map((m) => sanitiseMeetingName(m.meeting.meetingName)));
    const groups = byTag(home, 'li').filter((li) => attr(li, 'class') === 'group');
    assert.equal(groups.length, 1 + seriesNames.size);
    assert.equal(textOf(byTag(groups[0]!, 'h3')[0]!), '#opencontainers');
    assert.match(textOf(groups[0]!), /56 meetings/);
    assert.match(textOf(groups[0]!), /Latest: 2018-03-07 discussion/);
    const hrefs = byTag(home, 'a').map((a) => attr(a, 'href'));
    assert.ok(hrefs.includes('opencontainers/index.html'));
    assert.ok(hrefs.includes(`${SEED}.html`));
  });

  it('lists a channel’s meetings by year, newest first, with date, time, title, chairs and counts', () => {
    const index = page('opencontainers/index.html');
    assert.deepEqual(byTag(index, 'h2').map(textOf).filter((t) => /^\d{4}$/.test(t)), ['2018', '2016', '2015']);
    const rows = byTag(index, 'li').filter((li) => attr(li, 'class') === 'meeting');
    assert.equal(rows.length, 56);
    const times = rows.map((r) => attr(byTag(r, 'time')[0]!, 'datetime') ?? '');
    assert.deepEqual(times, [...times].sort().reverse());
    const seed = textOf(rows[0]!);
    assert.match(seed, /^2018-03-07 discussion/);
    assert.match(seed, /Wednesday, 7 March 2018, 22:00 UTC/);
    assert.match(seed, /Chair: wking · no decisions, no actions/);
    assert.match(textOf(rows.find((r) => textOf(r).includes('2016-12-07 discussion'))!), /Chairs: mrunalp, philips, vbatts, wking · no decisions, 1 action/);
    assert.equal(refreshUrl(page('opencontainers/latest.html')), '2018/opencontainers.2018-03-07-22.00.html');
  });

  it('gives each minutes page the site’s navigation: previous and next meeting of its series and channel', () => {
    const nav = byTag(page(`${SEED}.html`), 'nav').find((n) => attr(n, 'class') === 'site-bar')!;
    const links = byTag(nav, 'a').map((a) => [attr(a, 'rel') ?? '', attr(a, 'href') ?? '']);
    assert.ok(links.some(([rel, h]) => rel === 'prev' && h === '../2016/opencontainers.2016-12-14-22.01.html'), 'previous in the channel');
    assert.ok(!links.some(([rel]) => rel === 'next'), 'nothing newer');
    assert.ok(links.some(([, h]) => h === '../series/2018_03_07_discussion/index.html'), 'its series');
    assert.ok(links.some(([, h]) => h === '../index.html'), 'its channel');
    const minutes = byTag(page(`${SEED}.html`), 'ul').find((u) => attr(u, 'class') === 'files')!;
    assert.deepEqual(byTag(minutes, 'a').map((a) => attr(a, 'href')), ['opencontainers.2018-03-07-22.00.log.html', 'opencontainers.2018-03-07-22.00.txt', 'opencontainers.2018-03-07-22.00.md', 'opencontainers.2018-03-07-22.00.json', 'opencontainers.2018-03-07-22.00.log.txt']);
  });

  it('lists every decision newest meeting first, each linked to its line in the log', () => {
    const all = meetings.flatMap((m) => itemsOf(m.meeting).filter((i) => DECISIONS.has(i.kind)).map((i) => ({ m, i })));
    assert.ok(all.length >= 5);
    const doc = page('opencontainers/decisions.html');
    const rows = byTag(doc, 'ul').filter((u) => attr(u, 'class') === 'items').flatMap((u) => byTag(u, 'li'));
    assert.equal(rows.length, all.length);
    const lines = rows.map((r) => byTag(r, 'a').map((a) => attr(a, 'href') ?? '').find((h) => /\.log\.html#l-\d+$/.test(h)) ?? '');
    for (const { m, i } of all) {
      const href = `${m.meeting.config.channel.slice(1)}.${new Date(m.meeting.start).toISOString().slice(0, 16).replace('T', '-').replace(':', '.')}.log.html#l-${i.line}`;
      assert.ok(lines.some((l) => l.endsWith(href)), `decision ${i.text} links to ${href}`);
    }
    const dates = byTag(doc, 'section').map((s) => attr(byTag(s, 'time')[0]!, 'datetime') ?? '');
    assert.deepEqual(dates, [...dates].sort().reverse());
  });

  it('lists every action item as open until action tracking lands', () => {
    const count = meetings.reduce((n, m) => n + itemsOf(m.meeting).filter((i) => i.kind === 'ACTION').length, 0);
    const rows = byTag(page('opencontainers/actions.html'), 'li').filter((li) => byTag(li, 'span').some((s) => attr(s, 'class') === 'badge k-open'));
    assert.equal(rows.length, count);
  });

  it('writes Atom feeds that parse and have one entry per meeting or decision, per channel and per series', () => {
    const groups = new Map<string, SiteMeeting[]>([['opencontainers', meetings]]);
    for (const m of meetings) {
      const key = `opencontainers/series/${sanitiseMeetingName(m.meeting.meetingName)}`;
      groups.set(key, [...(groups.get(key) ?? []), m]);
    }
    assert.equal(files.filter((f) => f.endsWith('.atom')).length, groups.size * 2);
    for (const [g, ms] of groups) {
      const feed = parseAtom(readFileSync(join(dir, g, 'meetings.atom'), 'utf8'), `${g}/meetings.atom`);
      assert.equal(feed.entries.length, ms.length, g);
      assert.equal(feed.self, 'meetings.atom');
      assertFeedLinks(dir, `${g}/meetings.atom`, feed.entries.map((e) => e.href));
      const decisions = parseAtom(readFileSync(join(dir, g, 'decisions.atom'), 'utf8'), `${g}/decisions.atom`);
      const expected = ms.flatMap((m) => itemsOf(m.meeting).filter((i) => DECISIONS.has(i.kind)));
      assert.equal(decisions.entries.length, expected.length, `${g} decisions`);
      assert.deepEqual(decisions.entries.map((e) => e.updated), decisions.entries.map((e) => e.updated).sort().reverse());
      assertFeedLinks(dir, `${g}/decisions.atom`, decisions.entries.map((e) => e.href));
      assert.equal(new Set([...feed.entries, ...decisions.entries].map((e) => e.id)).size, feed.entries.length + decisions.entries.length, 'ids are unique');
    }
    const channel = parseAtom(readFileSync(join(dir, 'opencontainers/meetings.atom'), 'utf8'), 'channel feed');
    assert.equal(channel.updated, '2018-03-07T22:49:54Z');
    assert.equal(channel.entries[0]?.title, '2018-03-07 discussion (2018-03-07)');
    assert.match(channel.entries[0]?.content ?? '', /<li>VM containers<\/li>/);
  });

  it('links feeds absolutely under a URL prefix, with the same ids', () => {
    const other = tempDir('gavel-site-prefix-');
    buildSite(meetings, other, { ...OPTS, urlPrefix: 'https://meetings.example.org/oci/' });
    const a = parseAtom(readFileSync(join(other, 'opencontainers/meetings.atom'), 'utf8'), 'prefixed');
    const b = parseAtom(readFileSync(join(dir, 'opencontainers/meetings.atom'), 'utf8'), 'relative');
    assert.equal(a.self, 'https://meetings.example.org/oci/opencontainers/meetings.atom');
    assert.equal(a.entries[0]?.href, `https://meetings.example.org/oci/${SEED}.html`);
    assert.deepEqual(a.entries.map((e) => e.id), b.entries.map((e) => e.id));
  });

  it('has a search page that GETs search.html?q= and says how to enable search on a static site', () => {
    const doc = page('search.html');
    const form = byTag(doc, 'form')[0]!;
    assert.equal(attr(form, 'action'), 'search.html');
    assert.equal(attr(form, 'method'), 'get');
    assert.ok(byTag(form, 'input').some((i) => attr(i, 'name') === 'q'));
    const notice = elements(doc).find((e) => attr(e, 'id') === 'search-offline')!;
    assert.match(textOf(notice), /gavel serve --db meetings\.sqlite --site DIR/);
    assert.ok(byTag(doc, 'noscript').length === 1);
    const script = readFileSync(join(dir, 'search.js'), 'utf8');
    assert.ok(!/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/.test(script), 'the script never parses server text into the page');
  });
});
