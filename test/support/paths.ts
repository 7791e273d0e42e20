// Where the shared, read-only test data lives: ../shared beside the project root.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (tests run from dist/test/...). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SHARED = join(ROOT, '..', 'shared');
export const CORPUS = join(SHARED, 'corpus', 'oci');
export const GOLDEN = join(SHARED, 'golden');
export const OCI_PREFIX = 'http://ircbot.wl.linuxfoundation.org/meetings/';

export function requireShared(): void {
  if (!existsSync(CORPUS) || !existsSync(GOLDEN)) {
    throw new Error(`the shared test data is missing: expected ${CORPUS} and ${GOLDEN} (../shared beside the project)`);
  }
}

export function listFiles(dir: string, suffix: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p, suffix));
    else if (name.endsWith(suffix)) out.push(p);
  }
  return out;
}

export interface GoldenCase {
  readonly name: string;
  readonly dir: string;
  readonly channel: string;
  readonly date: { y: number; m: number; d: number };
  readonly botNick: string;
  readonly urlPrefix: string;
  /** The channel topic before the meeting, when the case gives one. */
  readonly topic: string | undefined;
  /** Every nick of the input counts as present in the channel (for #chair warnings). */
  readonly allPresent: boolean;
}

/** The settings of each golden case, as its CASE.md states them. */
export const GOLDEN_CASES: readonly GoldenCase[] = [
  { name: 'edge-commands', channel: '#edge-commands', date: { y: 2024, m: 1, d: 15 }, botNick: 'MeetBot', urlPrefix: '', topic: 'Welcome to #edge-commands | old topic', allPresent: true },
  { name: 'meetbot-test-script-1', channel: '#test-script-1', date: { y: 2024, m: 1, d: 15 }, botNick: 'MeetBot', urlPrefix: '', topic: undefined, allPresent: false },
  { name: 'meetbot-test-script-2', channel: '#testchannel', date: { y: 2024, m: 1, d: 15 }, botNick: 'MeetBot', urlPrefix: '', topic: undefined, allPresent: false },
  { name: 'oci-2018-03-07', channel: '#opencontainers', date: { y: 2018, m: 3, d: 7 }, botNick: 'collabot`', urlPrefix: 'https://ircbot.wl.linuxfoundation.org/meetings/', topic: undefined, allPresent: false },
].map((c) => ({ ...c, dir: join(GOLDEN, c.name) }));
