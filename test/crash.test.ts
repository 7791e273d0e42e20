// Crash safety: a feeder killed with SIGKILL at random points resumes from SQLite and ends with the same minutes.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, test } from 'node:test';
import { renderMeeting } from '../src/render/outputs.js';
import { LiveMeetings } from '../src/store/live.js';
import { Store } from '../src/store/store.js';
import { tempDir } from './support/cli.js';
import { CRASH_CONFIG, participantLines } from './support/crashchild.js';
import { CORPUS, requireShared } from './support/paths.js';
import { rng } from './bench/generate.js';

before(requireShared);

const SEED = join(CORPUS, '2018', 'opencontainers.2018-03-07-22.00.log.txt');
const CHILD = fileURLToPath(new URL('./support/crashchild.js', import.meta.url));

function stored(dbFile: string): string[] {
  const store = Store.open(dbFile);
  try {
    const rows = store.meetings();
    assert.equal(rows.length, 1, 'one meeting, never duplicated by a restart');
    const row = rows[0];
    assert.ok(row);
    assert.equal(row.status, 'ended');
    return renderMeeting(store.loadMeeting(row)).files.map((f) => `${f.ext}\n${f.content}`);
  } finally {
    store.close();
  }
}

/** Runs the child until it prints "ready", then kills it `afterMs` later (or lets it finish when undefined). */
function round(dbFile: string, afterMs: number | undefined): Promise<{ end: 'killed' | 'done'; next: number; resumed: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dbFile, SEED, '4'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (afterMs !== undefined && out.includes('ready')) setTimeout(() => child.kill('SIGKILL'), afterMs);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const m = /ready resumed=(\d+) next=(\d+)/.exec(out);
      const progress = { next: Number(m?.[2] ?? -1), resumed: Number(m?.[1] ?? -1) };
      if (signal === 'SIGKILL') resolve({ end: 'killed', ...progress });
      else if (code === 0 && out.includes('done')) resolve({ end: 'done', ...progress });
      else reject(new Error(`the feeder exited with ${code ?? signal}: ${out}`));
    });
  });
}

test('a meeting fed by a process killed with SIGKILL at least 20 times ends with the minutes of an uninterrupted run', async () => {
  const dir = tempDir();
  const whole = join(dir, 'whole.sqlite');
  const store = Store.open(whole);
  const live = new LiveMeetings(store, 'irc', () => CRASH_CONFIG);
  for (const ev of participantLines(SEED)) live.handle('#opencontainers', ev, {});
  store.close();
  const want = stored(whole);

  const crashed = join(dir, 'crashed.sqlite');
  const random = rng(20180307);
  const total = participantLines(SEED).length;
  let kills = 0;
  let last = 0;
  // Bounded: kills land 0-24 ms into a feed of ~4 ms a line, so 20 kills come long before 400 rounds.
  for (let i = 0; i < 400 && kills < 20; i++) {
    const r = await round(crashed, Math.floor(random() * 24));
    assert.ok(r.next >= last, 'a restart never goes back');
    if (r.next > 0) assert.equal(r.resumed, 1, 'a started meeting is resumed');
    last = r.next;
    if (r.end === 'killed') kills++;
  }
  assert.equal(kills, 20);
  const final = await round(crashed, undefined);
  assert.equal(final.end, 'done');
  assert.ok(final.next > 0 && final.next < total, `the kills fell inside the meeting (resumed at line ${final.next} of ${total})`);
  assert.deepEqual(stored(crashed), want);
});
