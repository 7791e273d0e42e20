// buildSite: the published website of many meetings, written so that a rebuild only touches what changed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderMeeting } from '../render/outputs.js';
import { renderHtml, TEMPLATE_DIR } from '../render/templates.js';
import { decisionsFeed, meetingsFeed } from './feeds.js';
import { meetingFingerprint, rendererStamp } from './fingerprint.js';
import { groupFile, ROOT_FILES, type SiteOptions } from './layout.js';
import { siteModel, type SiteMeeting } from './model.js';
import { actionsPage, decisionsPage, groupPage, homePage, latestPage, minutesSiteView, searchPage } from './pages.js';
import { readManifest, SiteWriter, writeManifest } from './write.js';

export type { SiteMeeting } from './model.js';
export type { SiteOptions } from './layout.js';

export interface SiteBuild {
  /** Absolute paths of the files written (new or changed), in the order written. */
  readonly written: string[];
  /** Files that already held exactly what this build would write. */
  readonly unchanged: number;
  /** Files an earlier build made that this one no longer makes (absolute paths), now deleted. */
  readonly removed: string[];
  /** Meetings left out, with the reason (two meetings at one file path: the newer id is kept). */
  readonly warnings: string[];
}

const MEETING_EXTS = ['.log.txt', '.log.html', '.html', '.txt'];

/**
 * Builds (or updates) the static site of `meetings` in `outDir`: home, search page, stylesheet, per
 * channel and per series an index, latest, decisions, open actions and two Atom feeds, and each
 * meeting's four MeetBot files at MeetBot's paths (the minutes page with the site's navigation).
 */
export function buildSite(meetings: readonly SiteMeeting[], outDir: string, opts: SiteOptions): SiteBuild {
  const site = siteModel(meetings);
  const w = new SiteWriter(outDir);
  const previous = readManifest(outDir);
  const stamp = rendererStamp();
  const fingerprints: Record<string, string> = {};
  for (const e of site.meetings) {
    const what = `a file of meeting ${e.id} (${e.meeting.config.channel})`;
    const nav = minutesSiteView(e);
    const fp = meetingFingerprint(e.meeting, nav);
    fingerprints[e.base] = fp;
    // Rendering a long log is the expensive part: skipped when nothing it is made of changed.
    if (previous?.stamp === stamp && previous.meetings[e.base] === fp && MEETING_EXTS.every((x) => w.exists(e.base + x))) {
      for (const x of MEETING_EXTS) w.keep(e.base + x, what);
      continue;
    }
    const r = renderMeeting(e.meeting, nav);
    for (const f of r.files) w.put(r.base + f.ext, f.content, what);
  }
  w.put(ROOT_FILES.css, renderHtml('site/gavel.css.hbs', {}), 'the stylesheet');
  w.put(ROOT_FILES.icon, renderHtml('site/favicon.svg.hbs', {}), 'the icon');
  w.put(ROOT_FILES.script, readFileSync(join(TEMPLATE_DIR, 'site', 'search.js'), 'utf8'), 'the search script');
  w.put(ROOT_FILES.home, homePage(site, opts), 'the home page');
  w.put(ROOT_FILES.search, searchPage(site, opts), 'the search page');
  for (const g of [...site.channels, ...site.series]) {
    const what = `a page of ${g.name}`;
    w.put(groupFile(g, 'index.html'), groupPage(site, g, opts), what);
    w.put(groupFile(g, 'latest.html'), latestPage(g, opts), what);
    w.put(groupFile(g, 'decisions.html'), decisionsPage(g, opts), what);
    w.put(groupFile(g, 'actions.html'), actionsPage(g, opts), what);
    w.put(groupFile(g, 'meetings.atom'), meetingsFeed(g, opts), what);
    w.put(groupFile(g, 'decisions.atom'), decisionsFeed(g, opts), what);
  }
  const removed = w.removeStale(previous?.files ?? []);
  writeManifest(outDir, { stamp, meetings: fingerprints, files: w.files() });
  return { written: w.written, unchanged: w.unchanged, removed, warnings: site.warnings };
}
