// buildSite: the published website of many meetings, written so that a rebuild only touches what changed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatsOf } from '../core/config.js';
import type { Meeting } from '../core/state.js';
import { renderMeeting } from '../render/outputs.js';
import { renderHtml, TEMPLATE_DIR } from '../render/templates.js';
import { decisionsFeed, meetingsFeed } from './feeds.js';
import { groupFingerprint, meetingFingerprint, rendererStamp } from './fingerprint.js';
import { groupFile, ROOT_FILES, type GroupPage, type SiteOptions } from './layout.js';
import { siteModel, type Group, type SiteMeeting, type SiteModel } from './model.js';
import { actionsPage, decisionsPage, groupPage, homePage, latestPage, minutesSiteView, searchPage } from './pages.js';
import { readManifest, SiteWriter, writeManifest, type Manifest } from './write.js';

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

/** The files of a meeting on the site: the formats its channel writes (all six by default). */
function meetingExts(m: Meeting): string[] {
  return formatsOf(m.config).map((f) => `.${f}`);
}

/** Whether files made from inputs with this fingerprint can be kept without rendering them again. */
function reusable(previous: Manifest | undefined, stamp: string, recorded: (m: Manifest) => string | undefined, fp: string, w: SiteWriter, files: readonly string[]): boolean {
  return previous !== undefined && previous.stamp === stamp && recorded(previous) === fp && files.every((f) => w.untouched(f));
}

function groupPages(site: SiteModel, g: Group, opts: SiteOptions): [GroupPage, () => string][] {
  return [
    ['index.html', () => groupPage(site, g, opts)],
    ['latest.html', () => latestPage(g, opts)],
    ['decisions.html', () => decisionsPage(g, opts)],
    ['actions.html', () => actionsPage(g, opts)],
    ['meetings.atom', () => meetingsFeed(g, opts)],
    ['decisions.atom', () => decisionsFeed(g, opts)],
  ];
}

/**
 * Builds (or updates) the static site of `meetings` in `outDir`: home, search page, stylesheet, per
 * channel and per series an index, latest, decisions, open actions and two Atom feeds, and each
 * meeting's four MeetBot files at MeetBot's paths (the minutes page with the site's navigation).
 * Files whose content would not change are not written; meetings and groups whose inputs did not
 * change since the last build (recorded in `.gavel-site.json`), and whose files were not touched
 * since, are not even rendered.
 */
export function buildSite(meetings: readonly SiteMeeting[], outDir: string, opts: SiteOptions): SiteBuild {
  const site = siteModel(meetings);
  const previous = readManifest(outDir);
  const w = new SiteWriter(outDir, previous?.files ?? {});
  const stamp = rendererStamp();
  const fingerprints: Record<string, string> = {};
  for (const e of site.meetings) {
    const what = `a file of meeting ${e.id} (${e.meeting.config.channel})`;
    const nav = minutesSiteView(e);
    const fp = meetingFingerprint(e.meeting, e.revision, nav);
    fingerprints[e.base] = fp;
    // Rendering a long log is the expensive part: skipped when nothing it is made of changed.
    const exts = meetingExts(e.meeting);
    if (reusable(previous, stamp, (m) => m.meetings[e.base], fp, w, exts.map((x) => e.base + x))) {
      for (const x of exts) w.keep(e.base + x, what);
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
  const groupFps: Record<string, string> = {};
  for (const g of [...site.channels, ...site.series]) {
    const what = `a page of ${g.name}`;
    const series = site.series.filter((s) => s.parent === g).map((s) => [s.dir, s.name, s.meetings.length, s.meetings[0]?.base]);
    const fp = groupFingerprint({
      kind: g.kind, key: g.key, dir: g.dir, name: g.name, parent: [g.parent?.dir, g.parent?.name], title: opts.title, urlPrefix: opts.urlPrefix,
      meetings: g.meetings.map((e) => [e.base, fingerprints[e.base]]), series,
    });
    groupFps[g.dir] = fp;
    const pages = groupPages(site, g, opts);
    const files = pages.map(([page]) => groupFile(g, page));
    if (reusable(previous, stamp, (m) => m.groups[g.dir], fp, w, files)) {
      for (const f of files) w.keep(f, what);
      continue;
    }
    for (const [page, render] of pages) w.put(groupFile(g, page), render(), what);
  }
  const removed = w.removeStale();
  writeManifest(outDir, { stamp, meetings: fingerprints, groups: groupFps, files: w.files() });
  return { written: w.written, unchanged: w.unchanged, removed, warnings: site.warnings };
}
