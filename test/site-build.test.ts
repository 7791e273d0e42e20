// Building the site: hostile meetings render inert and stay inside the folder; a rebuild rewrites only what changed.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { meetingConfig } from '../src/core/config.js';
import { replayEvents } from '../src/core/replay.js';
import type { LineEvent } from '../src/core/types.js';
import { renderMeeting } from '../src/render/outputs.js';
import { buildSite } from '../src/web/site.js';
import type { SiteMeeting } from '../src/web/model.js';
import { seriesDirName } from '../src/web/paths.js';
import { tempDir } from './support/cli.js';
import { attr, elements, parseStrict, textOf, type Node } from './support/html.js';
import { requireShared } from './support/paths.js';
import { assertLinksResolve, assertSitePageSafe, corpusMeetings, parseAtom, siteFiles } from './support/site.js';
import { itemsOf, logOf } from '../src/core/state.js';

const OPTS = { urlPrefix: '', generatedAt: Date.UTC(2024, 0, 1) };
const EVIL_NICK = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(1)</script>';
const CHANNEL = '#<b>x</b>:javascript/../..';
const CHANNEL_DIR = '_b_x_b__javascript____';

function hostileMeeting(id: number, t0: number): SiteMeeting {
  const lines: [string, string][] = [
    [EVIL_NICK, `#startmeeting ${SCRIPT} ../../etc`],
    [EVIL_NICK, `#topic ${SCRIPT}`],
    [EVIL_NICK, '#agreed <a href="javascript:alert(1)">click</a>'],
    [EVIL_NICK, '#link javascript:alert(1) evil'],
    ['"><svg onload=alert(1)>', '#info data:text/html,<script>x</script> see http://ok.example/"><script>'],
    [EVIL_NICK, '#action "><svg onload=alert(1)> fixes \x02bold\x02 \x00nul'],
    [EVIL_NICK, '#startvote <b>Ship?</b> yes, no'],
    ['"><svg onload=alert(1)>', '#vote yes'],
    [EVIL_NICK, '#endvote'],
    [EVIL_NICK, '#meetingtopic <iframe src=javascript:alert(1)>'],
    [EVIL_NICK, '#endmeeting'],
  ];
  const events: LineEvent[] = lines.map(([nick, text], i) => ({ type: 'line', time: t0 + i * 5_000, nick, kind: 'message', text }));
  const { meetings } = replayEvents(meetingConfig({ channel: CHANNEL }), events);
  assert.equal(meetings.length, 1);
  return { id, meeting: meetings[0]! };
}

function pagesOf(dir: string): Map<string, Node> {
  const pages = new Map<string, Node>();
  for (const f of siteFiles(dir).filter((f) => f.endsWith('.html'))) pages.set(f, parseStrict(readFileSync(join(dir, f), 'utf8')));
  return pages;
}

describe('a hostile meeting on the site', () => {
  const root = tempDir('gavel-site-hostile-');
  const dir = join(root, 'site');
  let pages = new Map<string, Node>();

  before(() => {
    buildSite([hostileMeeting(1, Date.UTC(2024, 4, 1, 10)), hostileMeeting(2, Date.UTC(2024, 4, 8, 10))], dir, OPTS);
    pages = pagesOf(dir);
  });

  it('writes nothing outside the site folder; the site’s own pages under sanitised names', () => {
    assert.deepEqual(readdirSync(root), ['site']);
    // MeetBot's paths keep the channel as MeetBot did (no separators, no leading dot); they are links, encoded.
    const meetbot = /^<b>x<b>:javascript\.\.\.\.\/2024\/<b>x<b>:javascript\.\.\.\.\.2024-05-0[18]-10\.00\.(log\.txt|log\.html|html|txt|md|json)$/;
    for (const f of siteFiles(dir)) if (!meetbot.test(f)) assert.match(f, /^[\p{L}\p{N}_.\-/]+$/u, f);
    assert.equal(siteFiles(dir).filter((f) => meetbot.test(f)).length, 12);
    assert.ok(siteFiles(dir).includes(`${CHANNEL_DIR}/index.html`));
  });

  it('renders every page as valid HTML with no script, handler or dangerous link, and links that resolve', () => {
    assert.equal(pages.size, 2 * 2 + 2 * 4 + 2);
    for (const [p, doc] of pages) assertSitePageSafe(doc, p);
    assertLinksResolve(dir, pages);
  });

  it('shows the hostile text as text', () => {
    const index = pages.get(`${CHANNEL_DIR}/index.html`)!;
    assert.equal(textOf(elements(index).find((e) => e.tagName === 'h1')!), CHANNEL);
    const rows = elements(index).filter((e) => attr(e, 'class') === 'meeting-title').map(textOf);
    assert.deepEqual(rows, ['<iframe src=javascript:alert(1)>', '<iframe src=javascript:alert(1)>']);
    const decisions = [...pages].find(([p]) => p === `${CHANNEL_DIR}/series/${seriesDirName(`${SCRIPT} ../../etc`)}/decisions.html`)?.[1];
    assert.ok(decisions !== undefined, 'the series decisions page');
    const text = textOf(decisions);
    assert.ok(text.includes('<a href="javascript:alert(1)">click</a>'), 'the decision, as typed');
    assert.ok(text.includes(EVIL_NICK), 'the nick, as typed');
    assert.ok(text.includes('Voted on "<b>Ship?" Results are, b: 0, yes: 1, no: 0'));
    const actions = textOf(pages.get(`${CHANNEL_DIR}/actions.html`)!);
    assert.ok(actions.includes('"><svg onload=alert(1)> fixes bold nul'), 'formatting codes and NUL dropped');
  });

  it('writes feeds that parse, with the hostile text as text', () => {
    for (const f of siteFiles(dir).filter((f) => f.endsWith('.atom'))) {
      const feed = parseAtom(readFileSync(join(dir, f), 'utf8'), f);
      assert.ok(feed.entries.length >= (f.endsWith('meetings.atom') ? 2 : 4), f);
      for (const e of feed.entries) assert.ok(!/^javascript:/i.test(e.href), `${f}: ${e.href}`);
    }
    const feed = parseAtom(readFileSync(join(dir, `${CHANNEL_DIR}/meetings.atom`), 'utf8'), 'feed');
    assert.equal(feed.entries[0]?.title, '<iframe src=javascript:alert(1)> (2024-05-08)');
    assert.ok(feed.entries[0]?.content.includes(`<li>${SCRIPT.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</li>`), 'topic escaped inside the HTML content');
  });
});

describe('rebuilding the site', () => {
  let all: SiteMeeting[] = [];
  const seed = 'opencontainers/2018/opencontainers.2018-03-07-22.00';

  before(() => {
    requireShared();
    all = corpusMeetings();
  });

  it('rewrites only the files that change when one meeting is added', () => {
    const dir = tempDir('gavel-site-rebuild-');
    const older = all.filter((m) => new Date(m.meeting.start).getUTCFullYear() < 2018);
    assert.equal(older.length, all.length - 1);
    const first = buildSite(older, dir, OPTS);
    assert.equal(first.unchanged, 0);
    const before = new Map(siteFiles(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    const second = buildSite(all, dir, { ...OPTS, generatedAt: OPTS.generatedAt + 86_400_000 });
    const written = second.written.map((p) => p.slice(dir.length + 1)).sort();
    const series = 'opencontainers/series/2018_03_07_discussion';
    assert.deepEqual(written, [
      'index.html',
      'opencontainers/2016/opencontainers.2016-12-14-22.01.html', // its "next meeting" is the new one
      `${seed}.html`, `${seed}.log.html`, `${seed}.log.txt`, `${seed}.txt`, `${seed}.md`, `${seed}.json`,
      'opencontainers/index.html', 'opencontainers/latest.html', 'opencontainers/meetings.atom',
      ...['actions.html', 'decisions.atom', 'decisions.html', 'index.html', 'latest.html', 'meetings.atom'].map((f) => `${series}/${f}`),
    ].sort());
    for (const f of siteFiles(dir)) {
      if (written.includes(f) || f === '.gavel-site.json') continue;
      assert.equal(readFileSync(join(dir, f), 'utf8'), before.get(f), `${f} is unchanged`);
    }
    assert.equal(second.unchanged, before.size - 1 - written.filter((f) => before.has(f)).length, 'every other file counted unchanged');
  });

  it('writes nothing when nothing changed, and restores a deleted file', () => {
    const dir = tempDir('gavel-site-again-');
    buildSite(all, dir, OPTS);
    const mtime = statSync(join(dir, 'index.html')).mtimeMs;
    const again = buildSite(all, dir, { ...OPTS, generatedAt: OPTS.generatedAt + 1 });
    assert.deepEqual(again.written, []);
    assert.equal(statSync(join(dir, 'index.html')).mtimeMs, mtime);
    rmSync(join(dir, `${seed}.log.html`));
    const restored = buildSite(all, dir, OPTS);
    assert.deepEqual(restored.written, [join(dir, `${seed}.log.html`)]);
    // `gavel render` into the site folder writes the minutes without the site's navigation: the next build puts it back.
    const plain = renderMeeting(all[all.length - 1]!.meeting).files.find((f) => f.ext === '.html')!.content;
    writeFileSync(join(dir, `${seed}.html`), plain);
    assert.deepEqual(buildSite(all, dir, OPTS).written, [join(dir, `${seed}.html`)]);
    assert.ok(readFileSync(join(dir, `${seed}.html`), 'utf8').includes('class="site-bar"'));
  });

  it('re-renders a meeting whose items changed, and the pages that list them, but not its unchanged log', () => {
    const dir = tempDir('gavel-site-edit-');
    buildSite(all, dir, OPTS);
    const i = all.findIndex((m) => m.meeting.meetingName === '2016_12_07_discussion');
    const m = all[i]!.meeting;
    const late = { id: m.nextItemId, kind: 'AGREED' as const, text: 'a late decision', nick: 'wking', time: m.start + 60_000, line: 3 };
    const edited = all.map((x, j) => (j === i ? { ...x, meeting: { ...m, items: logOf([...itemsOf(m), late]), nextItemId: m.nextItemId + 1 } } : x));
    const r = buildSite(edited, dir, OPTS);
    const base = 'opencontainers/2016/opencontainers.2016-12-07-22.00';
    const series = 'opencontainers/series/2016_12_07_discussion';
    assert.deepEqual(r.written.map((p) => p.slice(dir.length + 1)).sort(), [
      `${base}.html`, `${base}.txt`, `${base}.md`, `${base}.json`,
      // The indexes and the meetings feed show the counts; the decisions pages and feeds, the decision.
      'opencontainers/decisions.atom', 'opencontainers/decisions.html', 'opencontainers/index.html', 'opencontainers/meetings.atom',
      `${series}/decisions.atom`, `${series}/decisions.html`, `${series}/index.html`, `${series}/meetings.atom`,
    ].sort());
    assert.ok(readFileSync(join(dir, 'opencontainers/decisions.html'), 'utf8').includes('a late decision'));
  });

  it('trusts a meeting’s revision, when given, instead of reading its lines', () => {
    const dir = tempDir('gavel-site-revision-');
    const withRev = all.map((m) => ({ ...m, revision: `r${m.id}` }));
    buildSite(withRev, dir, OPTS);
    assert.deepEqual(buildSite(withRev, dir, OPTS).written, []);
    const last = withRev[withRev.length - 1]!;
    const bumped = withRev.map((m) => (m === last ? { ...m, revision: 'r-new' } : m));
    // Same lines, new revision: the meeting's files are rendered again (and found unchanged).
    const r = buildSite(bumped, dir, OPTS);
    assert.deepEqual(r.written, []);
  });

  it('removes the files of a meeting that is no longer published, and only files it made', () => {
    const dir = tempDir('gavel-site-remove-');
    buildSite(all, dir, OPTS);
    const without = all.filter((m) => new Date(m.meeting.start).getUTCFullYear() < 2018);
    const r = buildSite(without, dir, OPTS);
    const removed = r.removed.map((p) => p.slice(dir.length + 1)).sort();
    assert.equal(removed.length, 6 + 6);
    assert.ok(removed.includes(`${seed}.log.txt`));
    assert.ok(removed.every((f) => f.startsWith(seed) || f.startsWith('opencontainers/series/2018_03_07_discussion/')));
    assertLinksResolve(dir, pagesOf(dir));
  });
});
