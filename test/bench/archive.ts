// `npm run bench`, archive part: import rate, search latency and database size on a generated archive.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { search, type SearchKind } from '../../src/store/search.js';
import { Store } from '../../src/store/store.js';
import { generateArchiveMeeting, rng, VOCABULARY } from './generate.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'dist', 'src', 'cli', 'bin.js');

const MEETINGS = Number(process.env.GAVEL_BENCH_MEETINGS ?? 2000);
const LINES_PER_MEETING = 500;
const CHANNELS = ['#oci', '#openstack-nova', '#fedora-meeting', '#debian-tech', '#kubernetes'];

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
}

/** Writes the archive as MeetBot would have: channel/YYYY/channel.YYYY-MM-DD-HH.MM.log.txt. */
function writeArchive(dir: string): { bytes: number; lines: number } {
  let bytes = 0;
  let lines = 0;
  for (let i = 0; i < MEETINGS; i++) {
    const channel = CHANNELS[i % CHANNELS.length] as string;
    const slug = channel.slice(1);
    const day = new Date(Date.UTC(2012, 0, 1) + Math.floor(i / CHANNELS.length) * 7 * 86_400_000);
    const ymd = day.toISOString().slice(0, 10);
    const folder = join(dir, slug, ymd.slice(0, 4));
    mkdirSync(folder, { recursive: true });
    const text = generateArchiveMeeting(LINES_PER_MEETING, i + 1);
    writeFileSync(join(folder, `${slug}.${ymd}-16.00.log.txt`), text);
    bytes += Buffer.byteLength(text);
    lines += LINES_PER_MEETING;
  }
  return { bytes, lines };
}

/** 200 varied queries: rare, common and mid words, phrases, prefixes, boolean, with and without filters. */
function queries(): { text: string; kinds?: SearchKind[]; channel?: string }[] {
  const r = rng(42);
  const word = (lo: number, hi: number): string => VOCABULARY[lo + Math.floor(r() * (hi - lo))] as string;
  const out: { text: string; kinds?: SearchKind[]; channel?: string }[] = [];
  for (let i = 0; i < 200; i++) {
    const shape = i % 8;
    if (shape === 0) out.push({ text: word(0, 20) });
    else if (shape === 1) out.push({ text: word(200, 2000) });
    else if (shape === 2) out.push({ text: `"${word(0, 50)} ${word(0, 50)}"` });
    else if (shape === 3) out.push({ text: `${word(20, 400).slice(0, 4)}*` });
    else if (shape === 4) out.push({ text: `${word(0, 100)} AND ${word(50, 500)}` });
    else if (shape === 5) out.push({ text: word(0, 300), kinds: ['agreed', 'action'] });
    else if (shape === 6) out.push({ text: `${word(0, 200)} OR ${word(0, 200)}`, channel: CHANNELS[i % CHANNELS.length] as string });
    else out.push({ text: `${word(0, 100)} NOT ${word(0, 100)}`, kinds: ['line'] });
  }
  return out;
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'gavel-bench-archive-'));
  try {
    const logs = join(dir, 'logs');
    const { bytes, lines } = writeArchive(logs);
    const db = join(dir, 'archive.sqlite');
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [BIN, 'import', logs, '--db', db], { encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`gavel import failed: ${r.stderr}`);
    console.log(`Archive: ${MEETINGS} generated meetings, ${lines.toLocaleString('en')} lines, ${(bytes / 1e6).toFixed(1)} MB of logs`);
    console.log(
      `  import (one gavel import process): ${(ms / 1000).toFixed(1)} s, ${Math.round(lines / (ms / 1000)).toLocaleString('en')} lines/s (goal: above 200,000)`,
    );
    const size = statSync(db).size + (statSync(`${db}-wal`, { throwIfNoEntry: false })?.size ?? 0);
    console.log(`  database: ${(size / 1e6).toFixed(1)} MB, ${(size / bytes).toFixed(2)}x the raw logs (goal: under 2x)`);
    const store = Store.open(db, { readonly: true });
    const qs = queries();
    for (const q of qs.slice(0, 10)) search(store.db, { ...q, limit: 20 });
    const times: number[] = [];
    let hits = 0;
    for (const q of qs) {
      const s = process.hrtime.bigint();
      hits += search(store.db, { ...q, limit: 20 }).hits.length;
      times.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
    store.close();
    console.log(
      `  search: ${qs.length} queries, median ${percentile(times, 0.5).toFixed(2)} ms, p95 ${percentile(times, 0.95).toFixed(2)} ms, ` +
        `max ${Math.max(...times).toFixed(1)} ms (goal: p95 under 20 ms); ${hits} hits shown`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
