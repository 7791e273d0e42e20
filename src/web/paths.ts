// Where the site's pages live, and relative links between them that work from a server and from disk.
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { channelSlug, sanitiseMeetingName } from '../core/names.js';

const MAX_SLUG = 64;

/** Long slugs are cut and keep a short hash, so two long names stay apart and no file name gets too long. */
function bounded(slug: string): string {
  if (slug.length <= MAX_SLUG) return slug;
  const hash = createHash('sha1').update(slug).digest('hex').slice(0, 8);
  return `${slug.slice(0, MAX_SLUG - 9)}-${hash}`;
}

/**
 * `#OpenContainers` → `opencontainers`, as MeetBot's `{channel}` folder for ordinary names. Letters,
 * digits, `_` and `-` only: never `.` (so no channel folder can be `..` or clash with `index.html` or
 * `gavel.css` at the root), never a separator.
 */
export function channelDirName(channel: string): string {
  const slug = channelSlug(channel).replace(/[^\p{L}\p{N}_-]/gu, '_');
  return bounded(slug === '' ? '_' : slug);
}

/** A series folder name: MeetBot's meeting-name rule (`[a-z0-9_]`), never empty. */
export function seriesDirName(name: string): string {
  const slug = sanitiseMeetingName(name);
  return bounded(slug === '' ? '_' : slug);
}

/**
 * A link from the page at `from` to the file at `to` (both relative to the site root, with `/`).
 * Every segment is percent-encoded, so a `:` can never make the link a scheme, and it names the file
 * (`x/index.html`, not `x/`) because a browser reading from disk shows no index for a folder.
 */
export function relHref(from: string, to: string, fragment?: string): string {
  const rel = posix.relative(posix.dirname(from), to);
  const href = rel.split('/').map((seg) => (seg === '..' ? seg : encodeURIComponent(seg))).join('/');
  return fragment === undefined ? href : `${href}#${encodeURIComponent(fragment)}`;
}

/** An absolute URL under the site's published prefix, or undefined when the site has none. */
export function absoluteUrl(urlPrefix: string, path: string): string | undefined {
  if (urlPrefix === '') return undefined;
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  return urlPrefix.endsWith('/') ? urlPrefix + encoded : `${urlPrefix}/${encoded}`;
}
