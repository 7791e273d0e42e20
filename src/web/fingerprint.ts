// Fingerprints that let a rebuild skip rendering a meeting whose files would come out the same.
import { createHash, type Hash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GAVEL_VERSION } from '../core/config.js';
import { itemsOf, logLines, type Meeting } from '../core/state.js';
import { TEMPLATE_DIR } from '../render/templates.js';

/** dist/src/: the compiled code whose output the site is (this file runs as dist/src/web/fingerprint.js). */
const CODE_DIR = fileURLToPath(new URL('../', import.meta.url));

function hashTree(h: Hash, dir: string, keep: (name: string) => boolean): void {
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => relative(dir, join(d.parentPath, d.name)))
      .filter(keep)
      .sort();
  } catch (cause) {
    throw new Error(`cannot list ${dir} to fingerprint the site renderer`, { cause });
  }
  for (const n of names) h.update(`${n}\0`).update(readFileSync(join(dir, n))).update('\0');
}

let stamp: string | undefined;

/** The renderer's identity: version, templates and the code that turns a meeting into pages. Any change re-renders every meeting. */
export function rendererStamp(): string {
  if (stamp !== undefined) return stamp;
  const h = createHash('sha1').update(`gavel ${GAVEL_VERSION}\0`);
  hashTree(h, TEMPLATE_DIR, (n) => !n.startsWith('.'));
  for (const part of ['core', 'render', 'web']) hashTree(h, join(CODE_DIR, part), (n) => n.endsWith('.js'));
  stamp = h.digest('hex');
  return stamp;
}

/**
 * Everything a meeting's four files are made of, hashed: its settings, state, items and its lines.
 * The lines are the bulk: a caller that knows when a meeting's lines last changed (the store's last
 * event) passes that as `revision` and the lines are not read; without it every line is hashed.
 */
export function meetingFingerprint(m: Meeting, revision: string | undefined, extra: unknown): string {
  const h = createHash('sha1').update(rendererStamp());
  h.update(JSON.stringify({
    config: m.config, owner: m.owner, chairs: m.chairs, start: m.start, end: m.end, lastTime: m.lastTime,
    endReason: m.endReason, topic: m.meetingTopic, name: m.meetingName, items: itemsOf(m), extraNicks: m.extraNicks,
    restrict: m.restrictLogs, lines: m.log.length, extra,
  }));
  if (revision !== undefined) h.update(`\nrevision ${revision}`);
  else for (const l of logLines(m)) h.update(`\n${l.time} ${l.kind} ${l.nick}\0${l.text}`);
  return h.digest('hex');
}

/** A group's pages are made of its meetings' fingerprints and a few names: hashed, they say whether the pages can change. */
export function groupFingerprint(parts: unknown): string {
  return createHash('sha1').update(rendererStamp()).update(JSON.stringify(parts)).digest('hex');
}
