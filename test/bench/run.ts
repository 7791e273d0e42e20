// `npm run bench`: prints speed and memory figures (no pass/fail: goals are compared by people).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateMeetingLog } from './generate.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** What `npx gavel` runs: package.json's bin (the bundle npm run build makes). */
const BIN = join(ROOT, (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: { gavel: string } }).bin.gavel);
const SEED_LOG = join(ROOT, '..', 'shared', 'corpus', 'oci', '2018', 'opencontainers.2018-03-07-22.00.log.txt');
/** Loaded before the bin (--import): has the child report its peak RSS as it exits. */
const REPORT_RSS = `data:text/javascript,process.on('exit', () => process.stderr.write('MAXRSS ' + process.resourceUsage().maxRSS + '\\n'))`;
const REPLAY_ARGS = (file: string, out: string): string[] => [BIN, 'replay', file, '--out', out, '--formats', 'log.txt,log.html,html,txt'];

/** One whole `gavel replay` process exactly as a user starts it: wall time in the parent. */
function replayProcess(file: string, out: string): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, REPLAY_ARGS(file, out), { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`replay of ${file} failed: ${r.stderr}`);
  return ms;
}

/**
 * The peak RSS of the same replay, from a run of its own: the hook that reports it loads Node's
 * ES module loader first, which costs some milliseconds the timed runs should not carry.
 */
function replayPeakRssMb(file: string, out: string): number {
  const r = spawnSync(process.execPath, ['--import', REPORT_RSS, ...REPLAY_ARGS(file, out)], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`replay of ${file} failed: ${r.stderr}`);
  return Number(/MAXRSS (\d+)/.exec(r.stderr)?.[1] ?? 'NaN') / 1024;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function benchReplay(label: string, file: string, lines: number, runs = 5): void {
  const out = mkdtempSync(join(tmpdir(), 'gavel-bench-'));
  const times = Array.from({ length: runs }, () => replayProcess(file, out));
  const ms = median(times);
  // The machine is shared: the fastest run shows the cost with the least interference.
  const min = Math.min(...times);
  const rss = replayPeakRssMb(file, out);
  console.log(
    `${label.padEnd(34)} ${String(lines).padStart(7)} lines  wall ${ms.toFixed(0).padStart(5)} ms (median of ${runs}, min ${min.toFixed(0)})  ` +
      `${Math.round(lines / (ms / 1000)).toLocaleString('en').padStart(9)} lines/s  peak RSS ${rss.toFixed(1)} MB`,
  );
}

/** `gavel --help` as a user starts it: the CLI must load nothing heavy (goal: well under 200 ms). */
function benchHelp(runs = 7): void {
  const times = Array.from({ length: runs }, () => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`gavel --help failed: ${r.stderr}`);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  });
  console.log(`gavel --help: wall ${median(times).toFixed(0)} ms (median of ${runs}, min ${Math.min(...times).toFixed(0)})`);
}

function main(): void {
  benchHelp();
  const dir = mkdtempSync(join(tmpdir(), 'gavel-bench-logs-'));
  console.log('Replay: one whole `gavel replay` process writing all four files (goal: 20,000 lines under 200 ms)');
  benchReplay('seed meeting (OCI 2018-03-07)', SEED_LOG, readFileSync(SEED_LOG, 'utf8').split('\n').length);
  for (const n of [5_000, 10_000, 20_000, 40_000]) {
    const file = join(dir, `generated.2024-01-15-09.00.log.txt`.replace('generated', `generated${n}`));
    writeFileSync(file, generateMeetingLog(n, n));
    benchReplay(`generated meeting`, file, n);
  }
}

main();
